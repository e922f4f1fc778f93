#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""ctest experiment_handover_smoke: runs mip6-handover-exp with 2 seeds and
checks results.csv and summary.txt; then that a bad argument exits 2 with a
message. Usage: check_handover_exp.py PATH/TO/mip6-handover-exp"""
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

MOVES = ["home->f1", "f1->f2", "f2->home"]
MODES = ["plain", "optimistic"]
SEEDS = [3, 4]


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def main():
    if len(sys.argv) != 2:
        fail("usage: check_handover_exp.py EXE")
    exe = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        r = subprocess.run([exe, "--seeds", "2", "--first-seed", str(SEEDS[0]), "--out", str(out)],
                           capture_output=True, text=True)
        print(r.stderr, end="")
        if r.returncode != 0:
            fail(f"exit status {r.returncode}")
        for seed in SEEDS:
            for mode in MODES:
                if f"seed {seed} " not in r.stderr or mode not in r.stderr:
                    fail(f"no progress line for seed {seed} {mode}")
        with open(out / "results.csv", newline="") as f:
            rows = list(csv.DictReader(f))
        got = {(int(x["seed"]), x["dad"], x["move"]): x for x in rows}
        want = {(s, d, m) for s in SEEDS for d in MODES for m in MOVES}
        if set(got) != want or len(rows) != len(want):
            fail(f"rows {sorted(got)} != {sorted(want)}")
        for key, x in got.items():
            gap = float(x["interruption_ms"])
            if not gap > 0:
                fail(f"{key}: interruption {gap} ms")
            # Every move costs at least one BU (registration or de-registration).
            if int(x["bu_sent"]) < 1 or int(x["mh_sent"]) < int(x["bu_sent"]) or int(x["mh_received"]) < 1:
                fail(f"{key}: bu_sent {x['bu_sent']}, mh_sent {x['mh_sent']}, "
                     f"mh_received {x['mh_received']}")
        for s in SEEDS:
            for m in MOVES[:2]:
                plain = float(got[(s, "plain", m)]["interruption_ms"])
                opt = float(got[(s, "optimistic", m)]["interruption_ms"])
                if opt > plain:
                    fail(f"seed {s} {m}: optimistic {opt} ms > plain {plain} ms")
            # Route optimisation on the foreign links: the node starts a
            # return routability test (at least the care-of test) after each.
            for d in MODES:
                for m in MOVES[:2]:
                    if int(got[(s, d, m)]["rr_sent"]) < 1:
                        fail(f"seed {s} {d} {m}: no return routability")
        summary = (out / "summary.txt").read_text()
        for d in MODES:
            for m in MOVES:
                if not any(line.split()[:3] == [d, m, "2"] for line in summary.splitlines() if line.strip()):
                    fail(f"summary.txt has no line for {d} {m} over 2 runs:\n{summary}")

    r = subprocess.run([exe, "--seeds", "zero"], capture_output=True, text=True)
    if r.returncode != 2 or "--seeds" not in r.stderr:
        fail(f"bad --seeds: exit {r.returncode}, stderr {r.stderr!r}")
    r = subprocess.run([exe, "--dad", "sometimes"], capture_output=True, text=True)
    if r.returncode != 2 or "--dad" not in r.stderr:
        fail(f"bad --dad: exit {r.returncode}, stderr {r.stderr!r}")
    r = subprocess.run([exe, "--help"], capture_output=True, text=True)
    if r.returncode != 0 or "--flow-interval-ms" not in r.stdout:
        fail("--help")
    print("ok")


main()
