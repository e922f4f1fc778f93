#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Summary tables of a sweep's runs: per configuration (the parameters
that vary) and move, the handover breakdown and the interruption averaged
over the seeds; per configuration and phase, the mean RTT and the path the
traffic took. Reads OUT/runs/**/results.json (scenarios/README.md, per-run
contract) and prints the tables; with --write also OUT/summary.txt.
Standard library only."""
import json
import sys
from collections import OrderedDict, defaultdict
from pathlib import Path

USAGE = "usage: summary.py OUT [--write]"
COMPONENTS = ["l2_ms", "md_ms", "dad_ms", "reg_ms", "rr_ms"]


def die(msg):
    print(f"summary.py: {msg}", file=sys.stderr)
    sys.exit(2)


def mean(v):
    return sum(v) / len(v) if v else None


def fmt(x, width=8, digits=0):
    return f"{'-':>{width}}" if x is None else f"{x:>{width}.{digits}f}"


def load(out):
    runs = []
    for f in sorted((out / "runs").rglob("results.json")):
        try:
            runs.append(json.loads(f.read_text()))
        except (OSError, json.JSONDecodeError) as e:
            die(f"{f}: {e}")
    if not runs:
        die(f"{out}/runs: no results.json (run scenarios/run.py first)")
    return runs


def tables(runs):
    keys = OrderedDict()
    for r in runs:
        for k in r.get("params", {}):
            keys[k] = True
    vary = [k for k in keys if len({json.dumps(r["params"].get(k)) for r in runs}) > 1]

    def label(r):
        return " ".join(f"{k}={r['params'].get(k)}" for k in vary) or "all"

    width = max(13, max(len(label(r)) for r in runs))
    ho = defaultdict(lambda: defaultdict(list))
    ph = defaultdict(lambda: defaultdict(list))
    paths = defaultdict(lambda: defaultdict(set))
    order = OrderedDict()
    for r in runs:
        lab = label(r)
        order.setdefault(lab, OrderedDict())
        for h in r.get("handovers", []):
            order[lab].setdefault(h["move"], True)
            d = ho[(lab, h["move"])]
            for c in COMPONENTS + ["interruption_ms", "lost"]:
                if h.get(c) is not None:
                    d[c].append(float(h[c]))
            d["sum"].append(sum(float(h[c]) for c in COMPONENTS[:-1] if h.get(c) is not None))
        for p in r.get("phases", []):
            if p.get("rtt_ms_mean") is not None:
                ph[lab][p["name"]].append(float(p["rtt_ms_mean"]))
            else:
                ph[lab].setdefault(p["name"], [])
            paths[lab][p["name"]].add(p.get("path") or "none")

    lines = [f"Handovers (ms, mean over seeds; sum = l2+md+dad+reg (RR follows the resumption through the tunnel), interruption = the flow's gap)",
             f"{'configuration':<{width}} {'move':<15} {'seeds':>5} " +
             " ".join(f"{c[:-3]:>8}" for c in COMPONENTS) +
             f" {'sum':>8} {'interr.':>8} {'max':>8} {'lost':>6}"]
    for lab, moves in order.items():
        for mv in moves:
            d = ho[(lab, mv)]
            n = len(d["sum"])
            lines.append(f"{lab:<{width}} {mv:<15} {n:>5} " +
                         " ".join(fmt(mean(d[c])) for c in COMPONENTS) +
                         f" {fmt(mean(d['sum']))} {fmt(mean(d['interruption_ms']))}"
                         f" {fmt(max(d['interruption_ms']) if d['interruption_ms'] else None)}"
                         f" {fmt(mean(d['lost']), 6)}")
    names = list(OrderedDict.fromkeys(n for lab in ph for n in ph[lab]))
    if names:
        lines += ["", "Round-trip time of the probe traffic per phase (ms, mean over seeds; path)",
                  f"{'configuration':<{width}} " + " ".join(f"{n:>20}" for n in names)]
        for lab in order:
            cells = []
            for n in names:
                m = mean(ph[lab].get(n, []))
                p = "/".join(sorted(paths[lab].get(n, {"none"})))
                cells.append(f"{('-' if m is None else f'{m:.1f}') + ' (' + p + ')':>20}")
            lines.append(f"{lab:<{width}} " + " ".join(cells))
    return "\n".join(lines) + "\n"


def main():
    args = [a for a in sys.argv[1:] if a != "--write"]
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(__doc__ + "\n" + USAGE)
        sys.exit(0 if args and args[0] in ("-h", "--help") else 2)
    out = Path(args[0])
    text = tables(load(out))
    sys.stdout.write(text)
    if "--write" in sys.argv:
        (out / "summary.txt").write_text(text)


if __name__ == "__main__":
    main()
