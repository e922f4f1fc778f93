#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Tests of scenarios/run.py (ctest experiment_runner). Needs the path of
mip6-handover-exp in $MIP6_HANDOVER_EXP; GNU parallel for the job-list test."""
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUN = HERE.parent / "run.py"
FAKE = HERE / "fake_prog.py"
EXE = os.environ.get("MIP6_HANDOVER_EXP", "")


def run(*args, cwd=None):
    return subprocess.run([sys.executable, str(RUN), *map(str, args), "--no-plots"], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def rows(out):
    with open(Path(out) / "results.csv") as f:
        return list(csv.DictReader(f))


class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="mip6-runner-"))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def scenario(self, text, name="s.toml"):
        p = self.tmp / name
        p.write_text(text)
        return p


@unittest.skipUnless(EXE and os.access(EXE, os.X_OK), "MIP6_HANDOVER_EXP not set")
class HandoverSweep(Base):
    def sweep(self):
        return self.scenario(f'''# two DAD modes x two seeds
program = "{EXE}"
seeds = [3, 4]
[params]
flow_interval_ms = 20
[sweep]
dad = ["plain", "optimistic"]
''')

    def test_sweep_csv_resume_and_parallel(self):
        sc, out = self.sweep(), self.tmp / "out"
        r = run(sc, "--out", out, "-j", "2")
        self.assertEqual(r.returncode, 0, r.stderr)
        got = rows(out)
        self.assertEqual(len(got), 2 * 2 * 3)
        keys = {(x["dad"], x["seed"], x["move"]) for x in got}
        self.assertEqual(keys, {(d, s, m) for d in ("plain", "optimistic") for s in ("3", "4")
                                for m in ("home->f1", "f1->f2", "f2->home")})
        for x in got:
            self.assertGreater(float(x["interruption_ms"]), 0)
            self.assertEqual(x["l2_ms"], "")  # not measured: null, empty in the CSV
        opt = {x["move"]: float(x["interruption_ms"]) for x in got if x["dad"] == "optimistic" and x["seed"] == "3"}
        pl = {x["move"]: float(x["interruption_ms"]) for x in got if x["dad"] == "plain" and x["seed"] == "3"}
        self.assertLess(opt["home->f1"], pl["home->f1"])
        # Resume: delete one results.json, only that run is redone.
        victim = out / "runs" / "dad=plain" / "seed=4"
        others = [p for p in (out / "runs").rglob("results.json") if p.parent != victim]
        mtimes = {p: p.stat().st_mtime_ns for p in others}
        (victim / "results.json").unlink()
        r = run(sc, "--out", out, "-j", "2")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("3 already finished, 1 to run", r.stderr)
        self.assertTrue((victim / "results.json").exists())
        self.assertEqual(mtimes, {p: p.stat().st_mtime_ns for p in others})
        self.assertEqual(sorted(map(str, rows(out))), sorted(map(str, got)))

    @unittest.skipUnless(shutil.which("parallel"), "GNU parallel not installed")
    def test_gnu_parallel_joblist_collect(self):
        sc = self.sweep()
        ref = self.tmp / "ref"
        self.assertEqual(run(sc, "--out", ref).returncode, 0)
        out, jl = self.tmp / "out", self.tmp / "jobs.txt"
        r = run(sc, "--out", out, "--emit-joblist", jl)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(jl.read_text().splitlines()), 4)
        with open(jl) as f:
            p = subprocess.run(["parallel", "--will-cite", "--joblog", str(self.tmp / "joblog"), "-j", "2"],
                               stdin=f, capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        r = run("--collect", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        strip = lambda rs: sorted(tuple(v for k, v in x.items() if k != "run") + (x["run"],) for x in rs)
        self.assertEqual(strip(rows(out)), strip(rows(ref)))

    def test_slurm_script(self):
        sc, out, sl = self.sweep(), self.tmp / "out", self.tmp / "job.sbatch"
        r = run(sc, "--out", out, "--emit-slurm", sl)
        self.assertEqual(r.returncode, 0, r.stderr)
        text = sl.read_text()
        self.assertIn("#SBATCH --array=0-3\n", text)
        self.assertEqual(subprocess.run(["bash", "-n", str(sl)]).returncode, 0)
        self.assertEqual(len(Path(str(sl) + ".jobs").read_text().splitlines()), 4)
        # Each array task runs its line: run task 2 by hand as Slurm would.
        env = dict(os.environ, SLURM_ARRAY_TASK_ID="2")
        self.assertEqual(subprocess.run(["bash", str(sl)], env=env).returncode, 0)
        self.assertEqual(len(list((out / "runs").rglob("results.json"))), 1)


class Failures(Base):
    def fake(self, extra):
        return self.scenario(f'''program = "{FAKE}"
seeds = [1, 2, 3]
[params]
{extra}
[sweep]
k = [1, 2]
''')

    def test_failing_and_killed_runs_reported_others_finish(self):
        out = self.tmp / "out"
        r = run(self.fake("fail_seed = 2\nkill_seed = 3"), "--out", out, "-j", "2")
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("exit status 3", r.stderr)
        self.assertIn("killed by signal 9", r.stderr)
        self.assertIn("k=1/seed=2", r.stderr)
        self.assertIn("seed 3, params: fail_seed=2 k=2 kill_seed=3", r.stderr)
        self.assertIn(str(out / "runs" / "k=2" / "seed=3") + "/stderr.log", r.stderr)
        self.assertIn("failing as asked", (out / "runs" / "k=1" / "seed=2" / "stderr.log").read_text())
        got = rows(out)
        self.assertEqual(sorted((x["k"], x["seed"]) for x in got), [("1", "1"), ("2", "1")])

    def test_narrowed_sweep_leaves_old_runs_out_of_csv(self):
        out = self.tmp / "out"
        self.assertEqual(run(self.fake(""), "--out", out).returncode, 0)
        self.assertEqual(len(rows(out)), 6)
        narrow = self.scenario(f'program = "{FAKE}"\nseeds = [1, 2, 3]\n[sweep]\nk = [2]\n', "n.toml")
        r = run(narrow, "--out", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("3 already finished, 0 to run", r.stderr)
        self.assertEqual(sorted(x["k"] for x in rows(out)), ["2"] * 3)

    def test_incomplete_results_refused_with_key(self):
        out = self.tmp / "out"
        r = run(self.fake("bad_seed = 2"), "--out", out)
        self.assertEqual(r.returncode, 1)
        self.assertIn("results.json: key 'handovers': missing", r.stderr)
        self.assertEqual(len(rows(out)), 4)


class Plots(Base):
    @unittest.skipUnless(subprocess.run(["/usr/bin/python3", "-c", "import matplotlib"],
                                        capture_output=True).returncode == 0, "no matplotlib in /usr/bin/python3")
    def test_plots_from_collect(self):
        sc = self.scenario(f'program = "{FAKE}"\nseeds = [1, 2]\n[sweep]\nk = [1, 2]\n')
        out = self.tmp / "out"
        self.assertEqual(run(sc, "--out", out).returncode, 0)
        r = subprocess.run([sys.executable, str(RUN), "--collect", out], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        names = sorted(p.name for p in (out / "plots").iterdir())
        self.assertEqual(names, ["breakdown.png", "interruption_cdf.png", "timeline-k=1_seed=1.png",
                                 "timeline-k=2_seed=1.png"])

    def test_plot_without_matplotlib_says_so(self):
        # -S -I: no site packages, so no matplotlib.
        r = subprocess.run([sys.executable, "-S", "-I", str(HERE.parent / "plot.py"), str(self.tmp)],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn("needs matplotlib", r.stderr)
        self.assertIn("/usr/bin/python3", r.stderr)


class BadScenario(Base):
    def refused(self, text, *needles):
        out = self.tmp / "out"
        r = run(self.scenario(text), "--out", out)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(str(self.tmp / "s.toml"), r.stderr)
        for n in needles:
            self.assertIn(n, r.stderr)
        self.assertFalse(out.exists(), "a run started")

    def test_unknown_key(self):
        self.refused(f'program = "{FAKE}"\n# c\nsed = [1]\n', "s.toml:3", "key 'sed'", "unknown key")

    def test_wrong_type(self):
        self.refused(f'program = "{FAKE}"\nseeds = "1"\n', "s.toml:2", "key 'seeds'", "array")
        self.refused(f'program = "{FAKE}"\n[sweep]\nk = 3\n', "key 'sweep.k'", "array")

    def test_empty_sweep(self):
        self.refused(f'program = "{FAKE}"\n[sweep]\nk = []\n', "s.toml:3", "key 'sweep.k'", "empty")

    def test_missing_program(self):
        self.refused("seeds = [1]\n", "key 'program'", "missing")
        self.refused('program = "no-such-prog-xyz"\n', "key 'program'", "not found")

    def test_toml_syntax_line(self):
        self.refused(f'program = "{FAKE}"\nseeds = [1,\n[x\n', "not valid TOML", "line")


if __name__ == "__main__":
    unittest.main()
