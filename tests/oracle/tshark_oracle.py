#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""tshark as an independent decoder of everything the core emits.

Runs the emitter (emit_all.cc), which writes one raw-IPv6 pcap holding every
message and option the project sends and a JSON file with the field values
it meant to put in each packet. Then asserts:

  * tshark finds no malformed packet and raises no expert warning or error;
  * every intended field value is what tshark decodes (Wireshark's mip6.*,
    icmpv6.* and ipv6.* field names);
  * what tshark cannot check, checked here with the standard library from
    the RFC text: the MH checksum over the right pseudo-header (HoA from the
    HAO as source, HoA from the type 2 RH as destination), the ICMPv6
    checksum likewise, MH length and Header Len, each mobility option at its
    alignment with zero padding, and the return-routability keygen tokens
    and Binding Authorization Data recomputed with hmac/hashlib;
  * the pcap covers every message type, option, flag and status family
    the issue lists, so the test cannot silently shrink.

Exit 0 on success, 1 on a mismatch, 77 (ctest skip) only if tshark is
missing.
"""
import argparse
import datetime
import hashlib
import hmac
import ipaddress
import json
import os
import re
import shutil
import struct
import subprocess
import sys

SEV_WARN = 0x00600000  # Wireshark PI_WARN; PI_ERROR is 0x00800000

# RFC alignment rules of the mobility options, offsets from the start of the
# MH (RFC 6275 6.2.x, RFC 3963 6.2, RFC 4285, RFC 5648 4.3; for the Binding
# Identifier only 2n is checked, see docs/testing.md).
ALIGN = {2: (2, 0), 3: (8, 6), 4: (2, 0), 5: (8, 2), 6: (8, 4), 9: (4, 1), 10: (8, 2), 35: (2, 0)}
MH_MIN = {0: 8, 1: 16, 2: 16, 3: 24, 4: 24, 5: 12, 6: 12, 7: 24}  # RFC 6275 6.1.2-6.1.9


class Failures:
    def __init__(self):
        self.items = []

    def add(self, frame, msg):
        self.items.append("frame %s: %s" % (frame, msg))


# ---------------------------------------------------------------- helpers

def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if p.returncode != 0:
        sys.exit("command failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr))
    return p.stdout


def mesgid_as_wireshark(v):
    """Wireshark 4.0's text for a 64-bit RFC 4285 timestamp field. It reads
    the field as 32-bit seconds since 1970 and 32-bit nanoseconds rather
    than NTP (seconds since 1900, binary fraction), so render the expected
    value that way: the text still pins down all 64 bits (low word < 1e9)."""
    secs, frac = v >> 32, v & 0xFFFFFFFF
    t = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=secs)
    return "%s %2d, %d %02d:%02d:%02d.%09d UTC" % (t.strftime("%b"), t.day, t.year, t.hour, t.minute,
                                                    t.second, frac)


def norm(v):
    """Canonical form of a field value so that 0x1f == 31, addresses and
    byte strings compare independent of notation."""
    s = str(v).strip()
    if s.startswith("ntp64:"):
        return mesgid_as_wireshark(int(s[6:]))
    if s in ("True", "False"):
        return 1 if s == "True" else 0
    try:
        return int(s, 0)
    except ValueError:
        pass
    try:
        return ipaddress.ip_address(s).compressed
    except ValueError:
        pass
    return s.replace(":", "").lower() if all(c in "0123456789abcdefABCDEF:" for c in s) else s


def cksum(src, dst, nxt, data):
    ph = src + dst + struct.pack(">IxxxB", len(data), nxt) + data
    if len(ph) % 2:
        ph += b"\0"
    s = sum(struct.unpack(">%dH" % (len(ph) // 2), ph))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\xd4\xc3\xb2\xa1":
        sys.exit("%s: not a little-endian microsecond pcap" % path)
    linktype = struct.unpack("<I", data[20:24])[0]
    if linktype != 101:
        sys.exit("%s: link type %d, want 101 (LINKTYPE_RAW)" % (path, linktype))
    off, out = 24, []
    while off < len(data):
        incl, orig = struct.unpack("<II", data[off + 8:off + 16])
        out.append(data[off + 16:off + 16 + incl])
        if incl != orig:
            sys.exit("%s: frame %d truncated" % (path, len(out)))
        off += 16 + incl
    return out


# ---------------------------------------------------------------- independent checks

def walk(pkt, frame, fail, seen, depth=0):
    """Walks an IPv6 packet from the RFCs and checks what tshark does not."""
    if len(pkt) < 40 or pkt[0] >> 4 != 6:
        fail.add(frame, "not an IPv6 packet")
        return
    plen = struct.unpack(">H", pkt[4:6])[0]
    if 40 + plen != len(pkt):
        fail.add(frame, "IPv6 payload length %d, but %d bytes follow" % (plen, len(pkt) - 40))
    src, dst, nxt, off = pkt[8:24], pkt[24:40], pkt[6], 40
    while True:
        if nxt == 60:  # Destination Options
            hlen = (pkt[off + 1] + 1) * 8
            i = off + 2
            while i < off + hlen:
                if pkt[i] == 0:
                    i += 1
                    continue
                t, ln = pkt[i], pkt[i + 1]
                if t == 1 and any(pkt[i + 2:i + 2 + ln]):
                    fail.add(frame, "PadN with non-zero contents in destination options")
                if t == 201:  # RFC 6275 6.3: 8n+6, length 16
                    if (i - off) % 8 != 6 or ln != 16:
                        fail.add(frame, "HAO at offset %d with length %d" % (i - off, ln))
                    src = pkt[i + 2:i + 18]  # the HoA is the checksum source
                    seen.add("hao")
                i += 2 + ln
            nxt, off = pkt[off], off + hlen
        elif nxt == 43:  # Routing
            hlen = (pkt[off + 1] + 1) * 8
            if pkt[off + 2] == 2:  # RFC 6275 6.4
                if pkt[off + 1] != 2 or pkt[off + 3] != 1 or any(pkt[off + 4:off + 8]):
                    fail.add(frame, "type 2 RH with bad length, segments left or reserved")
                dst = pkt[off + 8:off + 24]
                seen.add("rh2")
            nxt, off = pkt[off], off + hlen
        else:
            break
    body = pkt[off:]
    if nxt == 41:
        seen.add("6in6")
        walk(body, frame, fail, seen, depth + 1)
    elif nxt == 135:
        check_mh(body, src, dst, frame, fail, seen)
    elif nxt == 58:
        if cksum(src, dst, 58, body) != 0:
            fail.add(frame, "ICMPv6 checksum does not verify over the RFC 6275 pseudo-header")
        seen.add(("icmp6", body[0]))
        check_nd_opts(body, frame, fail, seen)
    else:
        fail.add(frame, "unexpected upper layer %d" % nxt)


def check_mh(mh, src, dst, frame, fail, seen):
    if len(mh) < 6:
        fail.add(frame, "MH shorter than 6 bytes")
        return
    mtype = mh[2]
    seen.add(("mh", mtype))
    if mh[0] != 59:
        fail.add(frame, "MH payload proto %d, want 59" % mh[0])
    if len(mh) % 8 or (mh[1] + 1) * 8 != len(mh):
        fail.add(frame, "MH length %d vs Header Len %d" % (len(mh), mh[1]))
    if len(mh) < MH_MIN.get(mtype, 6):
        fail.add(frame, "MH type %d shorter than its minimum" % mtype)
    if cksum(src, dst, 135, mh) != 0:
        fail.add(frame, "MH checksum does not verify over the RFC 6275 6.1.1 pseudo-header")
    if mtype == 5:
        seen.update(("bu-flag", b) for b in range(16) if (mh[8] << 8 | mh[9]) & (1 << b))
    if mtype == 6:
        seen.update(("ba-flag", b) for b in range(8) if mh[7] & (1 << b))
        seen.add(("ba-status", mh[6]))
    i = MH_MIN[mtype] if mtype in MH_MIN else len(mh)
    while i < len(mh):
        t = mh[i]
        if t == 0:
            i += 1
            continue
        if i + 2 > len(mh) or i + 2 + mh[i + 1] > len(mh):
            fail.add(frame, "mobility option at %d runs past the MH" % i)
            return
        ln = mh[i + 1]
        if t == 1 and any(mh[i + 2:i + 2 + ln]):
            fail.add(frame, "PadN with non-zero contents at %d" % i)
        if t in ALIGN:
            x, y = ALIGN[t]
            if i % x != y:
                fail.add(frame, "mobility option %d at offset %d, RFC alignment %dn+%d" % (t, i, x, y))
        seen.add(("opt", t))
        if t == 35:
            seen.add(("bid-len", ln))
        if t == 5 and i + 2 + ln != len(mh):
            fail.add(frame, "Binding Authorization Data is not the last option")
        i += 2 + ln


def check_nd_opts(msg, frame, fail, seen):
    fixed = {133: 8, 134: 16, 135: 24, 136: 24, 147: 8}.get(msg[0])
    if fixed is None:
        return
    i = fixed
    while i < len(msg):
        if i + 2 > len(msg) or msg[i + 1] == 0 or i + msg[i + 1] * 8 > len(msg):
            fail.add(frame, "ND option at %d malformed" % i)
            return
        seen.add(("nd-opt", msg[i]))
        i += msg[i + 1] * 8


def check_rr(exp, pkt_bytes, fail):
    """Recomputes RFC 6275 5.2.5 tokens and the 6.2.7 authenticator."""
    frame = exp["frame"]
    if "rr_token" in exp:
        t = exp["rr_token"]
        addr = ipaddress.ip_address(t["addr"]).packed
        want = hmac.new(bytes.fromhex(t["kcn"]), addr + bytes.fromhex(t["nonce"]) +
                        bytes([1 if t["careof"] else 0]), hashlib.sha1).digest()[:8]
        if want.hex() != t["token"]:
            fail.add(frame, "keygen token %s, RFC 6275 5.2.5 gives %s" % (t["token"], want.hex()))
    if "rr_auth" in exp:
        a = exp["rr_auth"]
        kcn = bytes.fromhex(a["kcn"])
        hoa, coa, cn = (ipaddress.ip_address(a[k]).packed for k in ("hoa", "coa", "cn"))
        ht = hmac.new(kcn, hoa + bytes.fromhex(a["home_nonce"]) + b"\0", hashlib.sha1).digest()[:8]
        ct = hmac.new(kcn, coa + bytes.fromhex(a["coa_nonce"]) + b"\1", hashlib.sha1).digest()[:8]
        kbm = hashlib.sha1(ht + ct).digest()
        if kbm.hex() != a["kbm"]:
            fail.add(frame, "Kbm %s, RFC 6275 5.2.5 gives %s" % (a["kbm"], kbm.hex()))
        mh = mh_of(pkt_bytes)
        data = bytearray(mh[:-12])
        data[4:6] = b"\0\0"
        auth = hmac.new(kbm, coa + cn + bytes(data), hashlib.sha1).digest()[:12]
        if auth != mh[-12:]:
            fail.add(frame, "authenticator %s, RFC 6275 6.2.7 gives %s" % (mh[-12:].hex(), auth.hex()))


def mh_of(pkt):
    nxt, off = pkt[6], 40
    while nxt in (60, 43):
        nxt, off = pkt[off], off + (pkt[off + 1] + 1) * 8
    return pkt[off:]


# ---------------------------------------------------------------- coverage

def check_coverage(seen, fail):
    need = {("mh", t) for t in range(8)}
    need |= {("opt", t) for t in (1, 2, 3, 4, 5, 6, 8, 9, 10, 35)}
    need |= {("bid-len", n) for n in (4, 8, 20)}
    need |= {("icmp6", t) for t in (133, 134, 135, 136, 144, 145, 146, 147)}
    need |= {("nd-opt", t) for t in (1, 2, 3, 5, 7, 8)}
    need |= {("bu-flag", b) for b in (15, 14, 13, 12, 10)}  # A H L K R
    need |= {("ba-flag", b) for b in (7, 6)}  # K R
    need |= {("ba-status", s) for s in (0, 1, 4, 5, 128, 135, 140, 141, 142, 143, 164, 169)}
    need |= {"hao", "rh2", "6in6"}
    for item in sorted(need - seen, key=str):
        fail.add("-", "the pcap lacks %s" % (item,))


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description="tshark oracle for the core's encoders")
    ap.add_argument("--emitter", required=True, help="the oracle_emit_all program")
    ap.add_argument("--workdir", required=True, help="where to write the pcap and expectations")
    ap.add_argument("--tshark", default=shutil.which("tshark"))
    args = ap.parse_args()
    if not args.tshark:
        print("SKIP: tshark is not installed (Debian: apt-get install tshark; scripts/setup.sh does it)")
        return 77

    os.makedirs(args.workdir, exist_ok=True)
    pcap = os.path.join(args.workdir, "emitted.pcap")
    expf = os.path.join(args.workdir, "emitted.expected.json")
    run([args.emitter, pcap, expf])
    with open(expf) as f:
        expected = json.load(f)
    frames = read_pcap(pcap)
    fail = Failures()
    if len(frames) != len(expected):
        fail.add("-", "%d frames in the pcap, %d expectations" % (len(frames), len(expected)))

    # 1. No malformed packet, no expert warning or error.
    expert = run([args.tshark, "-r", pcap, "-q", "-z", "expert"])
    for line in expert.splitlines():
        if line.startswith(("Errors", "Warns", "Warnings")):
            fail.add("-", "tshark expert info:\n" + expert)
            break

    # 2. Every intended field value.
    names = sorted({n for e in expected for n in e["fields"]})
    cmd = [args.tshark, "-r", pcap, "-T", "json", "-e", "frame.number", "-e", "_ws.malformed",
           "-e", "_ws.expert.severity", "-e", "_ws.expert.message"]
    for n in names:
        cmd += ["-e", n]
    decoded = {int(p["_source"]["layers"]["frame.number"][0]): p["_source"]["layers"]
               for p in json.loads(run(cmd))}
    checked = 0
    for e in expected:
        fr = e["frame"]
        got = decoded.get(fr)
        if got is None:
            fail.add(fr, "not decoded by tshark")
            continue
        if "_ws.malformed" in got:
            fail.add(fr, "%s: malformed: %s" % (e["name"], got["_ws.malformed"]))
        for sev, msg in zip(got.get("_ws.expert.severity", []), got.get("_ws.expert.message", [])):
            if int(sev) >= SEV_WARN:
                fail.add(fr, "%s: expert: %s" % (e["name"], msg))
        for name, want in e["fields"].items():
            have = got.get(name, [])
            if [norm(v) for v in have] != [norm(v) for v in want]:
                fail.add(fr, "%s: %s is %s, want %s" % (e["name"], name, have, want))
            checked += 1

    # 3. What tshark does not check.
    seen = set()
    for i, pkt in enumerate(frames):
        walk(pkt, i + 1, fail, seen)
    for e in expected:
        if e["frame"] <= len(frames):
            check_rr(e, frames[e["frame"] - 1], fail)
    check_coverage(seen, fail)

    if fail.items:
        print("tshark oracle: %d problem(s) in %s" % (len(fail.items), pcap))
        for item in fail.items:
            print("  " + item)
        return 1
    print("tshark oracle: %d packets, %d field values match tshark %s; checksums, alignment and RR "
          "crypto verified independently" % (len(frames), checked, tshark_version(args.tshark)))
    return 0


def tshark_version(tshark):
    m = re.search(r"\) (\d+\.\d+\.\d+)", run([tshark, "--version"]))
    return m.group(1) if m else "?"


if __name__ == "__main__":
    sys.exit(main())
