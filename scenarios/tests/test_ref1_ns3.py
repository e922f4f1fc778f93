# SPDX-License-Identifier: BSD-3-Clause
"""Reference scenario 1 on ns-3, short (leave at 6 s, 10 s away): what a
researcher relies on in each configuration. Standard library only.
MIP6_HANDOVER_NS3 names the program (mip6-handover-ns3)."""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

PROG = os.environ.get("MIP6_HANDOVER_NS3", "")
SHORT = ["--leave_s=6", "--away_s=10", "--stop_s=24"]


def run(out, *args):
    p = subprocess.run([PROG, f"--out={out}", *args], capture_output=True, text=True, timeout=120)
    return p


class Ref1(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not PROG or not Path(PROG).exists():
            raise unittest.SkipTest("MIP6_HANDOVER_NS3 not set")
        cls.tmp = tempfile.TemporaryDirectory()
        cls.res = {}
        for mode in ("none", "tunnel", "ro"):
            out = Path(cls.tmp.name) / mode
            p = run(out, "--seed=1", f"--mode={mode}", "--pcap=true", *SHORT)
            assert p.returncode == 0, p.stderr
            cls.res[mode] = json.loads((out / "results.json").read_text())

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def phase(self, mode, name):
        return next(p for p in self.res[mode]["phases"] if p["name"] == name)

    def test_without_mobile_ipv6_the_home_address_is_unreachable_away(self):
        self.assertEqual(self.phase("none", "foreign")["replies"], 0)
        self.assertGreater(self.phase("none", "home_again")["replies"], 10)

    def test_the_tunnel_carries_traffic_away_and_registration_is_measured(self):
        f = self.phase("tunnel", "foreign")
        self.assertEqual(f["path"], "tunnel")
        self.assertGreater(f["replies"], 5)
        out = self.res["tunnel"]["handovers"][0]
        for c in ("l2_ms", "md_ms", "dad_ms", "reg_ms"):
            self.assertIsNotNone(out[c], c)
        self.assertGreaterEqual(out["dad_ms"], 1000.0)  # RFC 4862 DAD takes its time
        self.assertGreater(self.phase("tunnel", "home_again")["replies"], 10)

    def test_breakdown_adds_up_to_the_interruption(self):
        for mode in ("tunnel", "ro"):
            for h in self.res[mode]["handovers"]:
                # RR (rr_ms) follows the flow's resumption through the tunnel
                parts = sum(h[c] for c in ("l2_ms", "md_ms", "dad_ms", "reg_ms") if h[c] is not None)
                # within two UDP intervals (10 ms each)
                self.assertLess(abs(parts - h["interruption_ms"]), 20.0, (mode, h))

    def test_route_optimisation_shortens_the_path(self):
        ro, tun = self.phase("ro", "foreign"), self.phase("tunnel", "foreign")
        self.assertEqual(ro["path"], "ro")
        self.assertIsNotNone(self.res["ro"]["handovers"][0]["rr_ms"])
        self.assertLess(ro["rtt_ms_mean"], tun["rtt_ms_mean"] - 10)

    def test_captures_decode_without_errors(self):
        if subprocess.run(["sh", "-c", "command -v tshark"], capture_output=True).returncode:
            self.skipTest("tshark is not installed")
        for mode in ("tunnel", "ro"):
            for cap in self.res[mode]["pcaps"]:
                f = Path(self.tmp.name) / mode / cap
                bad = subprocess.run(["tshark", "-n", "-r", str(f), "-Y",
                                      "_ws.malformed || _ws.expert.severity >= error"],
                                     capture_output=True, text=True).stdout
                self.assertEqual(bad, "", f"{f}:\n{bad[:2000]}")
        foreign = Path(self.tmp.name) / "tunnel" / "pcap" / "foreign.pcap"
        bu = subprocess.run(["tshark", "-n", "-r", str(foreign), "-Y", "mip6.mhtype == 5"],
                            capture_output=True, text=True).stdout
        self.assertTrue(bu.strip(), "no Binding Update on the foreign link")

    def test_same_seed_same_results(self):
        out = Path(self.tmp.name) / "again"
        p = run(out, "--seed=1", "--mode=tunnel", "--pcap=true", *SHORT)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual((out / "results.json").read_text(),
                         (Path(self.tmp.name) / "tunnel" / "results.json").read_text())

    def test_bad_values_are_refused_naming_the_key(self):
        out = Path(self.tmp.name) / "bad"
        p = run(out, "--mode=teleport")
        self.assertEqual(p.returncode, 2)
        self.assertIn("--mode", p.stderr)
        p = run(out, "--ra_min_ms=10")
        self.assertEqual(p.returncode, 2)
        self.assertIn("--ra_min_ms", p.stderr)
        self.assertNotEqual(run(out, "--no_such_key=1").returncode, 0)
        self.assertFalse((out / "results.json").exists())


if __name__ == "__main__":
    sys.exit(unittest.main())
