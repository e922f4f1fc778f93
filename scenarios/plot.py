#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Plots of a collected sweep (scenarios/run.py writes OUT/results.csv):

  /usr/bin/python3 scenarios/plot.py OUT [--pdf]

needs matplotlib, so it must run under /usr/bin/python3 (the system Python
that has it). Writes to OUT/plots/:
  interruption_cdf.png  CDF of the interruption over seeds, one curve per
                        parameter point and move
  breakdown.png         stacked bars of the mean handover breakdown
                        (l2, md, dad, reg, rr; null components count 0) per
                        parameter point and move, with the mean interruption
  timeline-<run>.png    per parameter point, the first seed's series.csv
                        (RTT and/or throughput over time) with handover
                        markers, when the program writes one
"""
import csv
import sys
from collections import OrderedDict, defaultdict
from pathlib import Path

USAGE = "usage: /usr/bin/python3 scenarios/plot.py OUT [--pdf]   (OUT holds results.csv from scenarios/run.py)"
COMPONENTS = ["l2_ms", "md_ms", "dad_ms", "reg_ms", "rr_ms"]


def die(msg):
    print(f"plot.py: {msg}", file=sys.stderr)
    sys.exit(1)


def main():
    args = [a for a in sys.argv[1:] if a != "--pdf"]
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(__doc__ + "\n" + USAGE)
        sys.exit(0 if args and args[0] in ("-h", "--help") else 2)
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        die(f"needs matplotlib, which {sys.executable} does not have: run it as /usr/bin/python3 scenarios/plot.py")
    out = Path(args[0])
    exts = ["png"] + (["pdf"] if "--pdf" in sys.argv else [])
    try:
        rows = list(csv.DictReader(open(out / "results.csv")))
    except OSError as e:
        die(f"{out}/results.csv: {e.strerror}")
    if not rows:
        die(f"{out}/results.csv: no rows")
    fixed = {"run", "seed", "move", "t_s", "interruption_ms", "lost", "flow"} | set(COMPONENTS)
    pkeys = [k for k in rows[0] if k not in fixed]
    runs = {}
    for r in rows:
        runs.setdefault(r["run"].rsplit("/", 1)[0], []).append(r)
    # Parameters that vary name a point; the others are the same everywhere.
    vary = [k for k in pkeys if len({r[k] for r in rows}) > 1]

    def label(r):
        return ",".join(f"{k}={r[k]}" for k in vary) or "all"

    moves = list(OrderedDict.fromkeys(r["move"] for r in rows))
    points = list(OrderedDict.fromkeys(label(r) for r in rows))
    pdir = out / "plots"
    pdir.mkdir(exist_ok=True)

    def save(fig, name):
        for e in exts:
            fig.savefig(pdir / f"{name}.{e}", dpi=120)
        plt.close(fig)
        print(f"wrote {pdir / name}.{exts[0]}", file=sys.stderr)

    # CDF of interruption over seeds.
    fig, axes = plt.subplots(1, len(moves), figsize=(4.2 * len(moves), 3.4), squeeze=False)
    for ax, mv in zip(axes[0], moves):
        for pt in points:
            v = sorted(float(r["interruption_ms"]) for r in rows
                       if r["move"] == mv and label(r) == pt and r["interruption_ms"] != "")
            if v:
                ax.step(v, [(i + 1) / len(v) for i in range(len(v))], where="post", label=pt)
        ax.set_title(mv)
        ax.set_xlabel("interruption (ms)")
        ax.set_ylim(0, 1.02)
        ax.grid(alpha=.3)
    axes[0][0].set_ylabel("fraction of seeds")
    axes[0][-1].legend(fontsize=7)
    fig.tight_layout()
    save(fig, "interruption_cdf")

    # Stacked bars of the mean breakdown.
    groups = [(mv, pt) for mv in moves for pt in points]
    mean = defaultdict(float)
    for mv, pt in groups:
        sel = [r for r in rows if r["move"] == mv and label(r) == pt]
        for c in COMPONENTS + ["interruption_ms"]:
            vals = [float(r[c]) if r[c] != "" else 0.0 for r in sel]
            mean[(mv, pt, c)] = sum(vals) / len(vals) if vals else 0.0
    fig, ax = plt.subplots(figsize=(max(5, 0.9 * len(groups) + 2), 4))
    xs = range(len(groups))
    bottom = [0.0] * len(groups)
    for c in COMPONENTS:
        h = [mean[(mv, pt, c)] for mv, pt in groups]
        if any(h):
            ax.bar(xs, h, bottom=bottom, label=c[:-3])
            bottom = [b + x for b, x in zip(bottom, h)]
    ax.plot(xs, [mean[(mv, pt, "interruption_ms")] for mv, pt in groups], "k_", markersize=20, mew=2,
            label="interruption")
    ax.set_xticks(list(xs))
    ax.set_xticklabels([f"{mv}\n{pt}" for mv, pt in groups], fontsize=7)
    ax.set_ylabel("mean over seeds (ms)")
    ax.legend(fontsize=7)
    ax.grid(axis="y", alpha=.3)
    fig.tight_layout()
    save(fig, "breakdown")

    # Timelines from series.csv (optional per run).
    for point, rs in runs.items():
        first = sorted(rs, key=lambda r: int(r["seed"]))[0]
        sfile = out / "runs" / first["run"] / "series.csv"
        if not sfile.exists():
            continue
        series = list(csv.DictReader(open(sfile)))
        cols = [c for c in ("rtt_ms", "throughput_kbps") if series and c in series[0]]
        if not cols:
            continue
        fig, axes = plt.subplots(len(cols), 1, figsize=(8, 2.6 * len(cols)), sharex=True, squeeze=False)
        t = [float(s["t_s"]) for s in series]
        for ax, c in zip(axes[:, 0], cols):
            ax.plot(t, [float(s[c]) if s[c] != "" else float("nan") for s in series], lw=.8)
            ax.set_ylabel(c)
            for r in rs:
                if r["seed"] == first["seed"]:
                    ax.axvline(float(r["t_s"]), color="r", ls="--", lw=.8)
                    ax.text(float(r["t_s"]), ax.get_ylim()[1], r["move"], fontsize=7, va="top")
        axes[-1][0].set_xlabel("time (s)")
        fig.suptitle(f"{first['run']}", fontsize=9)
        fig.tight_layout()
        save(fig, "timeline-" + first["run"].replace("/", "_"))


if __name__ == "__main__":
    main()
