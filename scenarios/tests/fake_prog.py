#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""A stand-in run program for the runner's tests, following the contract of
scenarios/README.md: --seed=N --out=DIR --key=value. --fail_seed=S exits 3 on
seed S, --kill_seed=S kills itself (SIGKILL) on seed S, --bad_seed=S writes a
results.json without 'handovers' on seed S; otherwise writes results.json and
series.csv."""
import json
import os
import signal
import sys
from pathlib import Path

a = dict(x[2:].split("=", 1) for x in sys.argv[1:])
seed, out = int(a.pop("seed")), Path(a.pop("out"))
out.mkdir(parents=True, exist_ok=True)
print(f"fake run seed {seed} {a}", file=sys.stderr)
if a.get("fail_seed") == str(seed):
    print("failing as asked", file=sys.stderr)
    sys.exit(3)
if a.get("kill_seed") == str(seed):
    os.kill(os.getpid(), signal.SIGKILL)
res = {"scenario": "fake", "seed": seed, "params": a,
       "handovers": [{"move": "home->f1", "t_s": 1.0, "l2_ms": 1.0, "md_ms": 2.0, "dad_ms": None, "reg_ms": 3.0,
                      "rr_ms": None, "interruption_ms": 6.0 + seed, "lost": seed, "flow": "f"}],
       "phases": [{"name": "home", "rtt_ms_mean": 2.0, "path": "home"}], "pcaps": []}
if a.get("bad_seed") == str(seed):
    del res["handovers"]
(out / "series.csv").write_text("t_s,rtt_ms\n0.5,2.0\n1.5,9.0\n")
(out / "results.json").write_text(json.dumps(res))
