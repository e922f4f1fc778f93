#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The Slurm path of scenarios/run.py against a real Slurm (ctest experiment_slurm).

Starts a private single-node cluster on localhost from Debian's slurm-wlm
and munge: munged on its own socket and key, slurmctld and slurmd in the
foreground (-D) as children of this test, everything (config, key, state,
spool, logs, pid files) in one temporary directory, free high ports. Then
emits a 2 x 2 sweep of mip6-handover-exp with `run.py --emit-slurm`,
submits it with sbatch, waits for the array to leave the queue, collects it
with `run.py --collect` and compares the CSV with a local run of the same
sweep. The daemons are stopped and checked gone in every case.

Needs $MIP6_HANDOVER_EXP (the program's path). Exits 77 (ctest
SKIP_RETURN_CODE) when the Slurm or munge binaries are not installed
(scripts/setup.sh installs them). Runs as root here and in CI (SlurmUser is
the user running the test).
"""
import csv
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUN = HERE.parent / "run.py"
EXE = os.environ.get("MIP6_HANDOVER_EXP", "")
BINARIES = ["munged", "munge", "slurmctld", "slurmd", "slurmstepd", "sbatch", "squeue", "sinfo", "scontrol", "scancel"]
MARK = "MIP6_SLURM_TEST_DIR"  # in the environment of every daemon we start: finds strays
METRICS = ["l2_ms", "md_ms", "dad_ms", "reg_ms", "rr_ms", "interruption_ms", "lost"]


def which(name):
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin:/usr/local/sbin")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rows(out):
    with open(Path(out) / "results.csv") as f:
        return list(csv.DictReader(f))


def procs_marked(value):
    """PIDs of the processes whose environment holds MARK=value (not us)."""
    found, needle = [], f"{MARK}={value}".encode()
    for d in Path("/proc").iterdir():
        if not d.name.isdigit() or int(d.name) == os.getpid():
            continue
        try:
            if (d / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                continue  # dead, waiting for its parent (init, for a daemon's orphan) to reap it
            env = (d / "environ").read_bytes()
        except (OSError, IndexError):
            continue
        if needle in env.split(b"\0"):
            found.append(int(d.name))
    return found


def cmdline(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


class Cluster:
    """munged + slurmctld + slurmd on localhost, all state in tmp."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.node = socket.gethostname().split(".")[0]
        self.user = pwd.getpwuid(os.getuid()).pw_name
        self.procs = []  # (name, Popen, log path)
        self.conf = tmp / "slurm.conf"
        self.sock = tmp / "munge" / "munge.socket"
        env = {k: v for k, v in os.environ.items() if not k.startswith("SLURM_")}
        env.update(SLURM_CONF=str(self.conf), MUNGE_SOCKET=str(self.sock), **{MARK: str(tmp)})
        self.env = env

    def write_config(self):
        t = self.tmp
        # munged wants the socket's directory (and those above it) searchable
        # by all, and the key owned by its user and not readable by others.
        os.chmod(t, 0o711)
        (t / "munge").mkdir(mode=0o711)
        key = t / "munge.key"
        fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o400)
        os.write(fd, os.urandom(1024))
        os.close(fd)
        for d in ("state", "spool", "log"):
            (t / d).mkdir()
        (t / "plugstack.conf").write_text("")
        self.ctld_port, self.slurmd_port = free_port(), free_port()
        while self.slurmd_port == self.ctld_port:
            self.slurmd_port = free_port()
        self.conf.write_text(f"""# single node test cluster (scenarios/tests/test_slurm.py)
ClusterName=mip6test
SlurmctldHost={self.node}(127.0.0.1)
SlurmUser={self.user}
SlurmdUser=root
SlurmctldPort={self.ctld_port}
SlurmdPort={self.slurmd_port}
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket={self.sock}
StateSaveLocation={t}/state
SlurmdSpoolDir={t}/spool
SlurmctldPidFile={t}/slurmctld.pid
SlurmdPidFile={t}/slurmd.pid
SlurmctldLogFile={t}/log/slurmctld.log
SlurmdLogFile={t}/log/slurmd.log
PlugStackConfig={t}/plugstack.conf
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
MpiDefault=none
SwitchType=switch/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
ReturnToService=2
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=5
NodeName={self.node} NodeAddr=127.0.0.1 CPUs=2 RealMemory=100 State=UNKNOWN
PartitionName=test Nodes={self.node} Default=YES MaxTime=INFINITE State=UP
""")
        return key

    def spawn(self, name, cmd):
        log = self.tmp / "log" / f"{name}.out"
        with open(log, "w") as f:
            p = subprocess.Popen(cmd, stdout=f, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                 env=self.env, cwd=self.tmp, start_new_session=True)
        self.procs.append((name, p, log))
        return p

    def run(self, *cmd, timeout=20, check=True):
        p = subprocess.run(cmd, capture_output=True, text=True, env=self.env, timeout=timeout, cwd=self.tmp)
        if check and p.returncode != 0:
            raise AssertionError(f"{' '.join(cmd)}: exit {p.returncode}\n{p.stdout}{p.stderr}\n{self.logs()}")
        return p

    def logs(self):
        out = []
        for f in sorted((self.tmp / "log").iterdir()):
            text = f.read_text(errors="replace")
            out.append(f"--- {f.name} (last 40 lines)\n" + "\n".join(text.splitlines()[-40:]))
        return "\n".join(out)

    def wait_for(self, what, pred, timeout):
        end = time.monotonic() + timeout
        while True:
            for name, p, _ in self.procs:
                if p.poll() is not None:
                    raise AssertionError(f"{name} exited ({p.returncode}) while waiting for {what}\n{self.logs()}")
            got = pred()
            if got:
                return got
            if time.monotonic() > end:
                raise AssertionError(f"timed out after {timeout} s waiting for {what}\n{self.logs()}")
            time.sleep(0.2)

    def start(self):
        key = self.write_config()
        t = self.tmp
        self.spawn("munged", [which("munged"), "-F", f"--socket={self.sock}", f"--key-file={key}",
                              f"--pid-file={t}/munged.pid", f"--seed-file={t}/munged.seed",
                              f"--log-file={t}/log/munged.log"])
        self.wait_for("munged", lambda: self.run(which("munge"), "-n", "-S", str(self.sock),
                                                 check=False).returncode == 0, 10)
        self.spawn("slurmctld", [which("slurmctld"), "-D", "-c", "-f", str(self.conf)])
        self.spawn("slurmd", [which("slurmd"), "-D", "-f", str(self.conf), "-N", self.node])

        def idle():
            p = self.run("sinfo", "-h", "-N", "-n", self.node, "-o", "%t", check=False)
            return p.returncode == 0 and p.stdout.strip() == "idle"
        self.wait_for(f"node {self.node} idle in sinfo", idle, 30)

    def stop(self):
        """Stops the daemons (slurmd, slurmctld, munged); returns what went wrong."""
        problems = []
        ours = {p.pid for _, p, _ in self.procs}
        ctld = [p for name, p, _ in self.procs if name == "slurmctld"]
        if ctld and ctld[0].poll() is None:
            # A test that failed half-way may leave jobs: cancel them while
            # slurmctld and slurmd can still end them properly (slurmstepd
            # outlives slurmd by design). slurmscriptd is slurmctld's child.
            self.run("scancel", "--partition=test", check=False)
            def job_procs():
                return [pid for pid in procs_marked(str(self.tmp)) if pid not in ours
                        and b"slurmscriptd" not in cmdline(pid)]
            end = time.monotonic() + 10
            while job_procs() and time.monotonic() < end:
                time.sleep(0.2)
        for name, p, _ in reversed(self.procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(15)
                except subprocess.TimeoutExpired:
                    problems.append(f"{name} (pid {p.pid}) ignored SIGTERM for 15 s; killed")
                    os.killpg(p.pid, signal.SIGKILL)
                    p.wait(5)
            elif p.returncode not in (0, -signal.SIGTERM):
                problems.append(f"{name} had exited with status {p.returncode}")
        # slurmstepd and job processes are not our children: find them by the
        # mark every process started under the daemons inherits.
        end = time.monotonic() + 5
        while (left := procs_marked(str(self.tmp))) and time.monotonic() < end:
            time.sleep(0.2)
        if left:
            problems.append(f"stray processes after stopping the cluster: {left}")
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        return problems


def run_py(*args, env=None, cwd=None):
    return subprocess.run([sys.executable, str(RUN), *map(str, args), "--no-plots"], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120)


class SlurmArray(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="mip6-slurm-"))
        self.cluster = Cluster(self.tmp)

    def tearDown(self):
        problems = self.cluster.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.assertEqual(problems, [])
        self.assertFalse(self.tmp.exists())

    def test_sweep_on_slurm_equals_local(self):
        t0 = time.monotonic()
        self.cluster.start()
        t_up = time.monotonic()
        # The stray check in tearDown finds processes by MARK: it must see the daemons.
        marked = set(procs_marked(str(self.tmp)))
        self.assertTrue({p.pid for _, p, _ in self.cluster.procs} <= marked, marked)
        work = self.tmp / "work"
        work.mkdir()
        sc = work / "sweep.toml"
        sc.write_text(f'''# two DAD modes x two seeds
name = "slurm_sweep"
program = "{EXE}"
seeds = [3, 4]
timeout_s = 60
[params]
flow_interval_ms = 20
[sweep]
dad = ["plain", "optimistic"]
''')
        # Reference: the same sweep run locally.
        ref = work / "ref"
        r = run_py(sc, "--out", ref, "-j", "2", cwd=work)
        self.assertEqual(r.returncode, 0, r.stderr)
        # Emit with relative paths from the work directory, as a user would.
        r = run_py("sweep.toml", "--out", "out", "--emit-slurm", "job.sbatch", cwd=work)
        self.assertEqual(r.returncode, 0, r.stderr)
        script = (work / "job.sbatch").read_text()
        self.assertIn("#SBATCH --array=0-3\n", script)
        self.assertIn(f"#SBATCH --chdir={work}\n", script)
        self.assertIn("#SBATCH --time=1\n", script)  # timeout_s = 60
        # Submit from elsewhere: the script must not depend on sbatch's cwd.
        p = self.cluster.run("sbatch", "--parsable", str(work / "job.sbatch"))
        job = p.stdout.strip().split(";")[0]
        self.assertTrue(job.isdigit(), p.stdout)

        def gone():
            q = self.cluster.run("squeue", "-h", "-j", job, "-o", "%i %t", check=False)
            return q.returncode == 0 and not q.stdout.strip()
        self.cluster.wait_for(f"job {job} to leave the queue", gone, 40)
        t_done = time.monotonic()
        # Every task completed with status 0 (slurmctld keeps the records MinJobAge s).
        show = self.cluster.run("scontrol", "-o", "show", "job", job).stdout.splitlines()
        tasks = {}
        for line in show:
            f = dict(x.split("=", 1) for x in line.split() if "=" in x)
            tasks[f.get("ArrayTaskId")] = (f.get("JobState"), f.get("ExitCode"), f.get("TimeLimit"))
        self.assertEqual(tasks, {str(i): ("COMPLETED", "0:0", "00:01:00") for i in range(4)}, "\n".join(show))
        for i in range(4):
            self.assertTrue((work / f"job.sbatch.jobs.{job}.{i}.slurm.log").exists(), sorted(os.listdir(work)))

        r = run_py("--collect", work / "out")
        self.assertEqual(r.returncode, 0, r.stderr)
        got, want = rows(work / "out"), rows(ref)
        self.assertEqual(len(got), 2 * 2 * 3)
        keys = {(x["dad"], x["seed"], x["move"]) for x in got}
        self.assertEqual(keys, {(d, s, m) for d in ("plain", "optimistic") for s in ("3", "4")
                                for m in ("home->f1", "f1->f2", "f2->home")})
        for x in got:
            self.assertGreater(float(x["interruption_ms"]), 0, x)
            self.assertGreater(float(x["reg_ms"]), 0, x)
            self.assertGreaterEqual(int(x["lost"]), 0, x)

        def metrics(rs):
            return sorted((x["run"], x["dad"], x["seed"], x["move"], *(x[m] for m in METRICS)) for x in rs)
        self.assertEqual(metrics(got), metrics(want))
        print(f"slurm test: cluster up in {t_up - t0:.1f} s, sweep through Slurm in {t_done - t_up:.1f} s",
              file=sys.stderr)


if __name__ == "__main__":
    missing = [b for b in BINARIES if not which(b)]
    if missing:
        print(f"SKIP: Slurm/munge not installed (missing {', '.join(missing)}); "
              "scripts/setup.sh installs slurmctld slurmd slurm-client munge", file=sys.stderr)
        sys.exit(77)
    if not (EXE and os.access(EXE, os.X_OK)):
        sys.exit("test_slurm.py: set MIP6_HANDOVER_EXP to the mip6-handover-exp program")
    unittest.main()
