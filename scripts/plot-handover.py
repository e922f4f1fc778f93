#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Plots the handover experiment: the interruption of each move with plain
and with optimistic DAD, one point per seed over a box plot.

Usage: scripts/plot-handover.py [DIR]  (default out/handover)
Reads DIR/results.csv (written by mip6-handover-exp), writes DIR/handover.png."""
import argparse
import csv
import random
import sys
from pathlib import Path

MOVES = ["home->f1", "f1->f2", "f2->home"]
MODES = [("plain", "plain DAD", "tab:red"), ("optimistic", "optimistic DAD (RFC 4429)", "tab:blue")]


def main():
    ap = argparse.ArgumentParser(
        description="Plot the interruption per move (plain vs optimistic DAD) from "
        "DIR/results.csv into DIR/handover.png.")
    ap.add_argument("dir", nargs="?", default="out/handover",
                    help="the experiment's output directory (default out/handover)")
    ap.add_argument("-o", "--output", help="image to write (default DIR/handover.png)")
    args = ap.parse_args()

    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.exit("plot-handover.py: matplotlib is missing "
                 "(apt-get install python3-matplotlib, or run scripts/setup.sh)")

    src = Path(args.dir) / "results.csv"
    try:
        with open(src, newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        sys.exit(f"plot-handover.py: cannot read {src}: {e.strerror}")
    need = {"seed", "dad", "move", "interruption_ms"}
    if not rows or not need <= set(rows[0]):
        sys.exit(f"plot-handover.py: {src} has no rows with the columns {sorted(need)}")

    data = {(d, m): [] for d, _, _ in MODES for m in MOVES}
    for r in rows:
        key = (r["dad"], r["move"])
        if key in data:
            data[key].append(float(r["interruption_ms"]))
    seeds = len({r["seed"] for r in rows})

    fig, ax = plt.subplots(figsize=(8, 4.5))
    width = 0.35
    jitter = random.Random(1)  # the same figure every time
    for i, (mode, label, colour) in enumerate(MODES):
        pos = [k + (i - 0.5) * width for k in range(len(MOVES))]
        vals = [data[(mode, m)] for m in MOVES]
        if not any(vals):
            continue
        present = [(p, v) for p, v in zip(pos, vals) if v]
        ax.boxplot([v for _, v in present], positions=[p for p, _ in present], widths=width * 0.8,
                   showfliers=False, medianprops={"color": colour},
                   boxprops={"color": colour}, whiskerprops={"color": colour},
                   capprops={"color": colour})
        for p, v in present:
            xs = [p + jitter.uniform(-width * 0.25, width * 0.25) for _ in v]
            ax.scatter(xs, v, s=12, color=colour, alpha=0.6, zorder=3)
        ax.plot([], [], "s", color=colour, label=label)
    ax.set_xticks(range(len(MOVES)))
    ax.set_xticklabels(MOVES)
    ax.set_xlim(-0.6, len(MOVES) - 0.4)
    ax.set_ylim(bottom=0)
    ax.set_xlabel("move")
    ax.set_ylabel("interruption (ms)")
    ax.set_title(f"Mobile IPv6 handover with route optimisation, {seeds} seeds (in-process harness)")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="upper right")
    fig.tight_layout()
    out = Path(args.output) if args.output else Path(args.dir) / "handover.png"
    try:
        fig.savefig(out, dpi=120)
    except OSError as e:
        sys.exit(f"plot-handover.py: cannot write {out}: {e.strerror}")
    print(f"plot-handover.py: wrote {out}")


main()
