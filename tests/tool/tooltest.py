# SPDX-License-Identifier: BSD-3-Clause
"""Helpers for the mip6tool tests (Python 3 standard library only).

Each test script is run by ctest as:
    python3 SCRIPT MIP6TOOL PCAP_DIR WORK_DIR
and exits 0 (pass), 1 (fail) or 77 (skipped: the shared captures are absent).
"""
import json
import os
import struct
import subprocess
import sys

SKIP = 77


class Test:
    def __init__(self, name):
        if len(sys.argv) != 4:
            sys.exit("usage: %s MIP6TOOL PCAP_DIR WORK_DIR" % sys.argv[0])
        self.name = name
        self.tool = sys.argv[1]
        self.pcaps = sys.argv[2]
        self.work = sys.argv[3]
        os.makedirs(self.work, exist_ok=True)
        self.failures = 0
        self.checks = 0

    def need_corpus(self):
        if not os.path.isdir(self.pcaps):
            print("SKIP: shared captures not found at %s (set MIP6_SHARED_DIR)" % self.pcaps)
            sys.exit(SKIP)

    def pcap(self, *parts):
        return os.path.join(self.pcaps, *parts)

    def path(self, name):
        return os.path.join(self.work, name)

    # ---- running the tool
    def run(self, *args, stdin=None):
        p = subprocess.run([self.tool] + [str(a) for a in args], input=stdin, capture_output=True,
                           timeout=300)
        # A signal or a sanitizer report is always a failure.
        sanitizer = b"ERROR: AddressSanitizer" in p.stderr or b"runtime error:" in p.stderr or \
            b"ERROR: LeakSanitizer" in p.stderr
        if p.returncode < 0 or p.returncode > 2 or sanitizer:
            self.fail("mip6tool %s: died with status %d\nstderr: %s" %
                      (" ".join(map(str, args)), p.returncode, p.stderr.decode(errors="replace")))
        return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")

    def decode_json(self, path, *opts):
        """decode --json: the list of objects; the run must succeed quietly."""
        rc, out, err = self.run("decode", "--json", *opts, path)
        self.eq(rc, 0, "exit status of decode --json %s %s" % (" ".join(opts), path))
        self.eq(err, "", "stderr of decode --json %s" % path)
        objs = []
        for line in out.splitlines():
            try:
                objs.append(json.loads(line))
            except ValueError as e:
                self.fail("decode --json %s printed a line that is not JSON (%s): %r" % (path, e, line))
        return objs

    def by_frame(self, objs):
        return {o["frame"]: o for o in objs}

    # ---- assertions
    def fail(self, msg):
        self.failures += 1
        print("FAIL: " + msg)

    def check(self, cond, msg):
        self.checks += 1
        if not cond:
            self.fail(msg)
        return cond

    def eq(self, got, want, what):
        self.checks += 1
        if got != want:
            self.fail("%s: got %r, want %r" % (what, got, want))
            return False
        return True

    def finish(self):
        print("%s: %d checks, %d failures" % (self.name, self.checks, self.failures))
        sys.exit(1 if self.failures else 0)


def get(obj, dotted, default=None):
    """obj['a']['b'][0]... from 'a.b.0'."""
    cur = obj
    for part in dotted.split("."):
        if isinstance(cur, list):
            try:
                cur = cur[int(part)]
            except (ValueError, IndexError):
                return default
        elif isinstance(cur, dict):
            if part not in cur:
                return default
            cur = cur[part]
        else:
            return default
    return cur


def read_pcap(path):
    """(linktype, [(sec, usec, bytes)]) of a classic pcap file."""
    with open(path, "rb") as f:
        d = f.read()
    magic = d[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        raise ValueError("%s: not a classic pcap file" % path)
    linktype = struct.unpack(e + "I", d[20:24])[0] & 0x03FFFFFF
    recs = []
    off = 24
    while off + 16 <= len(d):
        sec, usec, caplen, _ = struct.unpack(e + "IIII", d[off:off + 16])
        recs.append((sec, usec, d[off + 16:off + 16 + caplen]))
        off += 16 + caplen
    return linktype, recs


def write_pcap(path, linktype, recs, snaplen=65535):
    """Writes [(sec, usec, bytes[, wire length])] as a little-endian classic pcap."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, linktype))
        for rec in recs:
            sec, usec, data = rec[:3]
            wire = rec[3] if len(rec) > 3 else len(data)
            f.write(struct.pack("<IIII", sec, usec, len(data), wire))
            f.write(data)


def ipv6_of(linktype, frame):
    """The IPv6 bytes of a frame of the corpus' link types (1, 101, 229)."""
    if linktype == 1:
        return frame[14:]
    return frame
