#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Experiment runner: runs a scenario (a TOML file) or its sweep in parallel,
resumes interrupted sweeps, collects results.json into one CSV and plots.

  scenarios/run.py SCENARIO.toml [-j N] [--out DIR]     run (resumes what is done)
  scenarios/run.py SCENARIO.toml --emit-joblist FILE    GNU parallel job list
  scenarios/run.py SCENARIO.toml --emit-slurm FILE      Slurm job-array script
  scenarios/run.py --collect DIR                        CSV + plots from DIR/runs/*

The per-run program contract is in scenarios/README.md: the runner calls
`PROGRAM --seed=N --out=RUNDIR --key=value ...` and the program writes
RUNDIR/results.json (and optionally RUNDIR/series.csv). Standard library
only; runs under any python3 >= 3.11 (tomllib). Plots are made by
scenarios/plot.py under /usr/bin/python3 (it needs matplotlib); without it
the CSV is still written and the plots are reported as skipped.
"""
import argparse
import concurrent.futures as cf
import csv
import itertools
import json
import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

try:
    import tomllib
except ImportError:  # pragma: no cover
    sys.exit("run.py: needs Python 3.11 or later (tomllib)")

HERE = Path(__file__).resolve().parent
TOP_KEYS = {"name": str, "program": str, "seeds": (list, dict), "params": dict, "sweep": dict,
            "out": str, "timeout_s": (int, float), "plots": bool}
SCALAR = (str, int, float, bool)
COMPONENTS = ["l2_ms", "md_ms", "dad_ms", "reg_ms", "rr_ms"]
HANDOVER_KEYS = {"move": (str,), "t_s": (int, float), "interruption_ms": (int, float, type(None)),
                 "lost": (int, type(None)), "flow": (str, type(None))}
HANDOVER_KEYS.update({c: (int, float, type(None)) for c in COMPONENTS})
PHASE_KEYS = {"name": (str,), "rtt_ms_mean": (int, float, type(None)), "path": (str, type(None))}
CSV_FIXED = ["run", "seed"]
CSV_HO = ["move", "t_s"] + COMPONENTS + ["interruption_ms", "lost", "flow"]


class ScenarioError(Exception):
    pass


class ResultsError(Exception):
    pass


# --- scenario file

def tname(t):
    if isinstance(t, tuple):
        return " or ".join(tname(x) for x in t)
    return {str: "string", int: "integer", float: "number", bool: "boolean", list: "array",
            dict: "table"}.get(t, t.__name__)


def load_scenario(path):
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ScenarioError(f"{path}: cannot read: {e.strerror}")
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ScenarioError(f"{path}: not valid TOML: {e}")
    text = raw.decode("utf-8", "replace").splitlines()

    def where(key):
        leaf = key.split(".")[-1]
        for i, line in enumerate(text, 1):
            if re.match(rf"\s*\"?{re.escape(leaf)}\"?\s*=", line):
                return f"{path}:{i}"
        return str(path)

    def err(key, msg):
        raise ScenarioError(f"{where(key)}: key '{key}': {msg}")

    for k, v in doc.items():
        if k not in TOP_KEYS:
            err(k, f"unknown key (known: {', '.join(sorted(TOP_KEYS))})")
        t = TOP_KEYS[k]
        if not isinstance(v, t) or (t == (int, float) and isinstance(v, bool)):
            err(k, f"wants a {tname(t)}, not {tname(type(v))}")
    if "program" not in doc or not doc["program"].strip():
        raise ScenarioError(f"{path}: key 'program': missing (the program that does one run)")
    params = doc.get("params", {})
    for k, v in params.items():
        if not isinstance(v, SCALAR):
            err(f"params.{k}", f"wants a string, number or boolean, not {tname(type(v))}")
        if k in ("seed", "out"):
            err(f"params.{k}", "is set by the runner")
    sweep = doc.get("sweep", {})
    for k, v in sweep.items():
        if k in ("seed", "out"):
            err(f"sweep.{k}", "is set by the runner (use 'seeds' for seeds)")
        if not isinstance(v, list):
            err(f"sweep.{k}", f"wants an array of values, not {tname(type(v))}")
        if not v:
            err(f"sweep.{k}", "empty sweep (no values)")
        for x in v:
            if not isinstance(x, SCALAR):
                err(f"sweep.{k}", f"values must be strings, numbers or booleans, not {tname(type(x))}")
    seeds = doc.get("seeds", [1])
    if isinstance(seeds, dict):
        for k in seeds:
            if k not in ("first", "count"):
                err(f"seeds.{k}", "unknown key (known: first, count)")
        first, count = seeds.get("first", 1), seeds.get("count")
        for k, v in (("first", first), ("count", count)):
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                err(f"seeds.{k}", "wants a whole number >= 0" + (" (missing)" if v is None else ""))
        seeds = list(range(first, first + count))
    for s in seeds:
        if not isinstance(s, int) or isinstance(s, bool) or s < 0:
            err("seeds", f"wants whole numbers >= 0, not {s!r}")
    if not seeds:
        err("seeds", "empty: no seed to run")
    name = doc.get("name", path.stem)
    return {"path": path, "name": name, "program": doc["program"], "params": params, "sweep": sweep,
            "seeds": seeds, "out": doc.get("out", f"out/{name}"), "timeout_s": doc.get("timeout_s"),
            "plots": doc.get("plots", True)}


def resolve_program(prog, scenario_path, build_dir):
    """A path (with a '/') relative to the current directory or the scenario
    file; a bare name is a build target searched in the build directory, then PATH."""
    cands = []
    if "/" in prog:
        p = Path(prog)
        cands = [p] if p.is_absolute() else [Path.cwd() / p, scenario_path.parent / p,
                                              scenario_path.resolve().parent.parent / p]
    else:
        b = Path(build_dir)
        if b.is_dir():
            cands = sorted(b.rglob(prog))
        w = shutil.which(prog)
        if w:
            cands.append(Path(w))
    for c in cands:
        if c.is_file() and os.access(c, os.X_OK):
            return str(c.resolve())
    raise ScenarioError(f"{scenario_path}: key 'program': '{prog}' not found or not executable"
                        + ("" if "/" in prog else f" (searched {build_dir} and PATH; build the target first)"))


def fmt(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def run_name(point, seed):
    parts = [f"{k}={fmt(v)}" for k, v in sorted(point.items())]
    safe = re.sub(r"[^A-Za-z0-9=.,_+-]", "_", ",".join(parts)) or "default"
    return f"{safe}/seed={seed}"


def plan(sc, program, out):
    keys = sorted(sc["sweep"])
    runs = []
    for combo in itertools.product(*(sc["sweep"][k] for k in keys)):
        point = dict(zip(keys, combo))
        params = dict(sc["params"])
        params.update(point)
        for seed in sc["seeds"]:
            name = run_name(point, seed)
            d = out / "runs" / name
            cmd = [program, f"--seed={seed}", f"--out={d}"] + [f"--{k}={fmt(v)}" for k, v in sorted(params.items())]
            runs.append({"name": name, "dir": d, "seed": seed, "params": params, "point": point, "cmd": cmd})
    return runs


def write_atomic(path, text):
    tmp = Path(str(path) + ".tmp")
    with open(tmp, "w") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def write_run_record(r, scenario_name):
    r["dir"].mkdir(parents=True, exist_ok=True)
    write_atomic(r["dir"] / "run.json", json.dumps(
        {"scenario": scenario_name, "name": r["name"], "seed": r["seed"], "params": r["params"],
         "point": r["point"], "cmd": r["cmd"]}, indent=1) + "\n")


# --- results.json

def check_obj(obj, keys, what, path):
    if not isinstance(obj, dict):
        raise ResultsError(f"{path}: {what}: wants an object")
    for k, types in keys.items():
        if k not in obj:
            raise ResultsError(f"{path}: key '{what}.{k}': missing")
        v = obj[k]
        if not isinstance(v, types) or (isinstance(v, bool) and bool not in types):
            raise ResultsError(f"{path}: key '{what}.{k}': wants {tname(tuple(t for t in types if t is not type(None)))}"
                               f"{' or null' if type(None) in types else ''}, not {json.dumps(v)}")


def load_results(path, seed=None):
    """The validated results.json, or ResultsError naming the file and key."""
    try:
        text = Path(path).read_text()
    except OSError as e:
        raise ResultsError(f"{path}: missing ({e.strerror})")
    try:
        res = json.loads(text)
    except json.JSONDecodeError as e:
        raise ResultsError(f"{path}: not complete JSON: {e}")
    if not isinstance(res, dict):
        raise ResultsError(f"{path}: wants a JSON object")
    for k, t in (("scenario", str), ("seed", int), ("params", dict), ("handovers", list), ("phases", list),
                 ("pcaps", list)):
        if k not in res:
            raise ResultsError(f"{path}: key '{k}': missing")
        if not isinstance(res[k], t) or isinstance(res[k], bool):
            raise ResultsError(f"{path}: key '{k}': wants {tname(t)}, not {json.dumps(res[k])[:40]}")
    if seed is not None and res["seed"] != seed:
        raise ResultsError(f"{path}: key 'seed': {res['seed']}, but the run was seed {seed}")
    for i, h in enumerate(res["handovers"]):
        check_obj(h, HANDOVER_KEYS, f"handovers[{i}]", path)
    for i, p in enumerate(res["phases"]):
        check_obj(p, PHASE_KEYS, f"phases[{i}]", path)
        if p["path"] not in (None, "home", "tunnel", "ro"):
            raise ResultsError(f"{path}: key 'phases[{i}].path': wants home, tunnel, ro or null")
    for i, p in enumerate(res["pcaps"]):
        if not isinstance(p, str):
            raise ResultsError(f"{path}: key 'pcaps[{i}]': wants a string")
    return res


def finished(r):
    try:
        load_results(r["dir"] / "results.json", r["seed"])
        return True
    except ResultsError:
        return False


# --- progress

class Progress:
    def __init__(self, total, done):
        self.total, self.done, self.failed = total, done, 0
        self.start, self.started_with = time.monotonic(), done
        self.tty = sys.stderr.isatty()
        self.lock = threading.Lock()

    def eta(self):
        n = self.done - self.started_with
        if n <= 0:
            return "?"
        left = (time.monotonic() - self.start) / n * (self.total - self.done)
        return f"{int(left // 60)}:{int(left % 60):02d}"

    def step(self, r, ok, msg=""):
        with self.lock:
            self.done += 1
            self.failed += not ok
            if self.tty:
                w = 30
                fill = int(w * self.done / max(self.total, 1))
                line = (f"\r[{'#' * fill}{'.' * (w - fill)}] {self.done}/{self.total} "
                        f"failed {self.failed} ETA {self.eta()} ")
                if not ok:
                    line = f"\r\x1b[KFAILED {r['name']}: {msg}\n" + line
                sys.stderr.write(line)
            else:
                sys.stderr.write(f"[{self.done}/{self.total}] {'ok' if ok else 'FAILED'} {r['name']}"
                                 f"{': ' + msg if msg else ''} (ETA {self.eta()})\n")
            sys.stderr.flush()

    def end(self):
        if self.tty:
            sys.stderr.write("\n")


def run_one(r, timeout):
    d = r["dir"]
    (d / "results.json").unlink(missing_ok=True)
    with open(d / "stdout.log", "w") as so, open(d / "stderr.log", "w") as se:
        try:
            p = subprocess.run(r["cmd"], stdout=so, stderr=se, stdin=subprocess.DEVNULL, timeout=timeout)
            rc = p.returncode
        except subprocess.TimeoutExpired:
            return f"timed out after {timeout} s"
        except OSError as e:
            return f"cannot start: {e.strerror}"
    if rc < 0:
        return f"killed by signal {-rc}"
    if rc != 0:
        return f"exit status {rc}"
    try:
        load_results(d / "results.json", r["seed"])
    except ResultsError as e:
        return str(e)
    return ""


def describe(r, msg):
    p = " ".join(f"{k}={fmt(v)}" for k, v in sorted(r["params"].items()))
    return f"  {r['name']}: {msg}\n    seed {r['seed']}, params: {p or '(none)'}\n    log: {r['dir']}/stderr.log"


# --- collect

def collect(out, plots=True, only=None):
    """Writes OUT/results.csv from every run under OUT/runs and the plots;
    returns the list of failures (runs with a run.json but no complete results.json).
    only: the run names to take (a local run: those of the scenario as it is now,
    not the leftovers of an earlier sweep in the same directory); None: all."""
    out = Path(out)
    records = sorted((out / "runs").rglob("run.json")) if (out / "runs").is_dir() else []
    if not records:
        raise ResultsError(f"{out}: no runs (no {out}/runs/*/run.json)")
    rows, failures, pkeys, scenario = [], [], set(), None
    for rec_path in records:
        try:
            rec = json.loads(rec_path.read_text())
        except (OSError, json.JSONDecodeError) as e:
            raise ResultsError(f"{rec_path}: unreadable run record: {e}")
        if only is not None and rec.get("name") not in only:
            continue
        scenario = rec.get("scenario", scenario)
        rpath = rec_path.parent / "results.json"
        try:
            res = load_results(rpath, rec["seed"])
        except ResultsError as e:
            failures.append(({"name": rec["name"], "seed": rec["seed"], "params": rec["params"],
                              "dir": rec_path.parent}, str(e)))
            continue
        pkeys.update(rec["params"])
        for h in res["handovers"]:
            rows.append({"run": rec["name"], "seed": rec["seed"], **rec["params"], **{k: h.get(k) for k in CSV_HO}})
    cols = CSV_FIXED + sorted(pkeys) + CSV_HO
    buf = []

    class W:
        def write(self, s):
            buf.append(s)
    w = csv.DictWriter(W(), fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for row in rows:
        w.writerow({k: ("" if v is None else fmt(v)) for k, v in row.items()})
    write_atomic(out / "results.csv", "".join(buf))
    print(f"wrote {out / 'results.csv'} ({len(rows)} rows)", file=sys.stderr)
    if plots:
        make_plots(out)
    return failures


def make_plots(out):
    py = "/usr/bin/python3"
    if not os.access(py, os.X_OK):
        print("plots skipped: no /usr/bin/python3 (scenarios/plot.py needs it, with matplotlib)", file=sys.stderr)
        return
    p = subprocess.run([py, str(HERE / "plot.py"), str(out)], capture_output=True, text=True)
    sys.stderr.write(p.stderr)
    if p.returncode != 0:
        print(f"plots skipped: scenarios/plot.py exited {p.returncode}", file=sys.stderr)


# --- cluster

def job_line(r):
    d = shlex.quote(str(r["dir"]))
    return (f"cd {shlex.quote(os.getcwd())} && {shlex.join(r['cmd'])} "
            f"> {d}/stdout.log 2> {d}/stderr.log")


def emit(sc, runs, kind, path, out):
    todo = [r for r in runs if not finished(r)]
    for r in todo:
        write_run_record(r, sc["name"])
    path = Path(path)
    if kind == "joblist":
        write_atomic(path, "".join(job_line(r) + "\n" for r in todo))
        print(f"wrote {path}: {len(todo)} jobs ({len(runs) - len(todo)} already finished); "
              f"run `parallel --joblog {path}.log < {path}`, then `{sys.argv[0]} --collect {out}`",
              file=sys.stderr)
        return
    jobs = Path(str(path) + ".jobs")
    write_atomic(jobs, "".join(job_line(r) + "\n" for r in todo))
    n = len(todo)
    # Absolute paths: sbatch may be called from anywhere, and the job starts in
    # --chdir (the directory run.py was called from, which relative program and
    # output paths in the job lines are relative to). Slurm log per array task:
    # FILE.jobs.<job id>.<task>.slurm.log. timeout_s becomes the task's time limit.
    ajobs = jobs.resolve()
    limit = f"#SBATCH --time={max(1, math.ceil(sc['timeout_s'] / 60))}\n" if sc["timeout_s"] else ""
    script = f"""#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Generated by scenarios/run.py from {sc['path']}: one array task per run.
#SBATCH --job-name={re.sub(r'[^A-Za-z0-9_-]', '_', sc['name'])}
#SBATCH --array=0-{max(n - 1, 0)}
#SBATCH --cpus-per-task=1
#SBATCH --chdir={shlex.quote(os.getcwd())}
#SBATCH --output={shlex.quote(str(ajobs))}.%A.%a.slurm.log
{limit}set -eu
line=$(sed -n "$((SLURM_ARRAY_TASK_ID + 1))p" {shlex.quote(str(ajobs))})
[ -n "$line" ] || {{ echo "no job $SLURM_ARRAY_TASK_ID" >&2; exit 1; }}
exec bash -c "$line"
"""
    write_atomic(path, script)
    os.chmod(path, 0o755)
    print(f"wrote {path} and {jobs}: {n} array tasks; `sbatch {path}`, then --collect", file=sys.stderr)


# --- main


def report(failures, headline):
    """Prints the failed runs under headline; the exit status they make."""
    if not failures:
        return 0
    print(f"run.py: {headline}:", file=sys.stderr)
    for r, msg in failures:
        print(describe(r, msg), file=sys.stderr)
    return 1


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="run.py", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run a scenario (TOML) or its sweep in parallel, resume what is unfinished, "
                    "collect results.json into OUT/results.csv and plot.",
        epilog="Plots are drawn by scenarios/plot.py under /usr/bin/python3, which needs matplotlib "
               "(--no-plots to skip). Exit status: 0 all runs complete, 1 a run failed (the others "
               "ran; see its stderr.log), 2 a bad scenario file or arguments. Contract and scenario "
               "format: scenarios/README.md.")
    ap.add_argument("scenario", nargs="?", help="scenario file (TOML)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="parallel runs (default nproc)")
    ap.add_argument("--out", help="output directory (default: the scenario's 'out', else out/NAME)")
    ap.add_argument("--build-dir", default="build", help="where a bare program name is searched (default build)")
    ap.add_argument("--no-plots", action="store_true", help="write the CSV but no plots")
    ap.add_argument("--emit-joblist", metavar="FILE", help="write the unfinished runs as a GNU parallel job list")
    ap.add_argument("--emit-slurm", metavar="FILE", help="write a Slurm job-array script (and FILE.jobs)")
    ap.add_argument("--collect", metavar="DIR", help="only collect DIR/runs/*: the CSV and the plots")
    a = ap.parse_args(argv)
    try:
        if a.collect:
            fails = collect(a.collect, plots=not a.no_plots)
            return report(fails, f"{len(fails)} run(s) without complete results")
        if not a.scenario:
            ap.error("a scenario file is needed (or --collect DIR)")
        if a.jobs < 1:
            ap.error("--jobs wants at least 1")
        sc = load_scenario(a.scenario)
        program = resolve_program(sc["program"], sc["path"], a.build_dir)
    except ScenarioError as e:
        print(f"run.py: {e}", file=sys.stderr)
        return 2
    except ResultsError as e:
        print(f"run.py: {e}", file=sys.stderr)
        return 1
    out = Path(a.out or sc["out"]).resolve()
    runs = plan(sc, program, out)
    if a.emit_joblist or a.emit_slurm:
        if a.emit_joblist:
            emit(sc, runs, "joblist", a.emit_joblist, out)
        if a.emit_slurm:
            emit(sc, runs, "slurm", a.emit_slurm, out)
        return 0
    todo = [r for r in runs if not finished(r)]
    print(f"{sc['name']}: {len(runs)} runs, {len(runs) - len(todo)} already finished, "
          f"{len(todo)} to run on {min(a.jobs, max(len(todo), 1))} cores; out {out}", file=sys.stderr)
    prog = Progress(len(runs), len(runs) - len(todo))
    failures = []
    for r in todo:
        write_run_record(r, sc["name"])
    with cf.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        futs = {ex.submit(run_one, r, sc["timeout_s"]): r for r in todo}
        for f in cf.as_completed(futs):
            r = futs[f]
            msg = f.result()
            if msg:
                failures.append((r, msg))
            prog.step(r, not msg, msg)
    prog.end()
    try:
        collect(out, plots=sc["plots"] and not a.no_plots, only={r["name"] for r in runs})
    except ResultsError as e:
        print(f"run.py: {e}", file=sys.stderr)
        return 1
    return report(failures, f"{len(failures)} of {len(runs)} runs failed")


if __name__ == "__main__":
    sys.exit(main())
