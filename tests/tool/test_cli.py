# SPDX-License-Identifier: BSD-3-Clause
"""The command line: --help everywhere, usage errors exit 2 with a message,
unreadable and non-capture files give a clear error and exit 1, pcapng and
every supported link type decode like raw IPv6."""
import json
import os
import struct

from tooltest import Test, read_pcap, write_pcap

t = Test("tool_cli")

# ---- help: exit 0, usage on stdout, nothing on stderr
HELP = [("--help",), ("-h",), ("help",), ("help", "decode"), ("help", "rr"), ("help", "craft"),
        ("decode", "--help"), ("decode", "-h"), ("rr", "--help"), ("rr", "keygen", "--help"),
        ("rr", "kbm", "-h"), ("rr", "auth", "--help"), ("craft", "--help"), ("craft", "-h")]
for args in HELP:
    rc, out, err = t.run(*args)
    t.eq((rc, err), (0, ""), "mip6tool %s: exit 0, quiet stderr" % " ".join(args))
    t.check(out.startswith("usage: mip6tool"), "mip6tool %s: usage printed" % " ".join(args))
rc, out, err = t.run("decode", "--help")
# Every JSON field name a user scripts against is named in the short help.
for name in ("frame", "time", "layers", "src", "dst", "hao", "rthdr", "segleft", "ul", "mh", "type_name", "hlen",
             "checksum_ok", "seq", "flags_raw", "lifetime", "status_name", "home_addr", "options", "icmp6", "udp",
             "warnings", "error", "error_offset", "verdict", "docs/mip6tool.md"):
    t.check(name in out, "decode --help names %r" % name)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "mip6tool.md")) as f:
    doc = f.read()
for name in ("`frame`", "`layers`", "`error_offset`", "`keygen_token`", "`careof_nonce_index`", "`interval_ms`",
             "`coa_hex`", "`verdict`", "`old-mh`", "`mh-type`"):
    t.check(name in doc, "docs/mip6tool.md documents %s" % name)

# ---- usage errors: exit 2, a message on stderr, nothing on stdout
USAGE = [((), "usage: mip6tool"), (("frobnicate",), "unknown command 'frobnicate'"),
         (("decode",), "no capture file given"), (("decode", "--bogus", "x.pcap"), "unknown option '--bogus'"),
         (("decode", "-x"), "unknown option '-x'"), (("craft",), "needs an input"), (("craft", "a.jsonl"), "needs an input"),
         (("craft", "a", "b", "c"), "too many arguments"), (("craft", "--fix", "a", "b"), "unknown option '--fix'"),
         (("rr", "keygen", "--kcn"), "missing value")]
for args, msg in USAGE:
    rc, out, err = t.run(*args)
    t.eq(rc, 2, "mip6tool %s: exit status" % " ".join(args))
    t.check(msg in err, "mip6tool %s: %r in %r" % (" ".join(args), msg, err))
    t.eq(out, "", "mip6tool %s: stdout" % " ".join(args))

# ---- files that cannot be decoded: exit 1 with a clear error
text = t.path("notes.txt")
with open(text, "w") as f:
    f.write("this is not a capture\n")
empty = t.path("empty.pcap")
open(empty, "wb").close()
ipv6 = bytes.fromhex("6000000000088740" + "20010db8000900000000000000000009" + "20010db8000100000000000000000100"
                     + "3b00000067eb0000")  # a BRR (scapy's, checksum 0x67eb)
raw = t.path("raw.pcap")
write_pcap(raw, 101, [(1, 2, ipv6)])
with open(raw, "rb") as f:
    rawbytes = f.read()
halfhdr = t.path("halfheader.pcap")
with open(halfhdr, "wb") as f:
    f.write(rawbytes[:12])
cut = t.path("cut.pcap")
write_pcap(cut, 101, [(1, 2, ipv6), (1, 3, ipv6)])
with open(cut, "rb") as f:
    data = f.read()
with open(cut, "wb") as f:
    f.write(data[:-10])  # the second record is cut short
wifi = t.path("wifi.pcap")
write_pcap(wifi, 105, [(1, 2, ipv6)])
FILES = [(t.path("missing.pcap"), "No such file or directory"), (text, "not a pcap or pcapng capture"),
         (empty, "not a pcap or pcapng capture"), (halfhdr, "not a pcap or pcapng capture"),
         (t.work, "not a pcap or pcapng capture"), (wifi, "unsupported link type 105 (IEEE802_11)")]
for path, msg in FILES:
    for opts in ([], ["--json"]):
        rc, out, err = t.run("decode", *opts, path)
        t.eq(rc, 1, "decode %s: exit status" % os.path.basename(path))
        t.check(path in err and msg in err, "decode %s: %r in %r" % (os.path.basename(path), msg, err))
        t.eq(out, "", "decode %s: stdout" % os.path.basename(path))
rc, out, err = t.run("decode", cut)
t.eq(rc, 1, "truncated capture: exit status")
t.eq(len(out.splitlines()), 1, "truncated capture: the whole frame before the cut is printed")
t.check("read error after frame 1" in err, "truncated capture: error names where: %r" % err)
# Several files: the good ones are decoded, the status tells about the bad one.
rc, out, err = t.run("decode", "--json", raw, text, raw)
t.eq(rc, 1, "good, bad, good: exit status")
objs = [json.loads(l) for l in out.splitlines()]
t.eq([(o.get("file"), o["frame"]) for o in objs], [(raw, 1), (raw, 1)], "good, bad, good: file and frame")
rc, out, err = t.run("decode", raw, raw)
t.check(all(l.startswith(raw + ": ") for l in out.splitlines()) and len(out.splitlines()) == 2,
        "several files: text lines start with the file name")
# stdin
with open(raw, "rb") as f:
    rc, out, err = t.run("decode", "--json", "-", stdin=f.read())
t.eq((rc, json.loads(out)["mh"]["type_name"] if out else None), (0, "BRR"), "decode from stdin")
# craft: unreadable input, unwritable output
rc, out, err = t.run("craft", t.path("missing.jsonl"), t.path("x.pcap"))
t.check(rc == 1 and "missing.jsonl: No such file" in err, "craft missing input: %r" % err)
j = t.path("one.jsonl")
with open(j, "w") as f:
    f.write('{"layers":[{"src":"::1","dst":"::2"}],"mh":{"type":"BRR"}}\n')
rc, out, err = t.run("craft", j, os.path.join(t.work, "no", "such", "dir.pcap"))
t.check(rc == 1 and "dir.pcap" in err, "craft unwritable output: %r" % err)

# ---- link types and pcapng: the same packet decodes the same
want = json.loads(t.run("decode", "--json", raw)[1])


def same(path, what):
    rc, out, err = t.run("decode", "--json", path)
    if not t.eq((rc, err), (0, ""), what + ": decode"):
        return
    got = [json.loads(l) for l in out.splitlines()]
    if t.eq(len(got), 1, what + ": one packet"):
        t.eq(got[0], want, what + ": same decode as raw IPv6")


eth = bytes(6) + bytes.fromhex("020000000001")
VARIANTS = [
    (229, ipv6, "LINKTYPE_IPV6"),
    (1, eth + b"\x86\xdd" + ipv6, "Ethernet"),
    (1, eth + b"\x81\x00\x00\x05" + b"\x86\xdd" + ipv6, "Ethernet + 802.1Q"),
    (1, eth + b"\x88\xa8\x00\x05\x81\x00\x00\x06" + b"\x86\xdd" + ipv6, "Ethernet + QinQ"),
    (113, b"\x00\x00\x00\x01\x00\x06" + bytes(8) + b"\x86\xdd" + ipv6, "Linux SLL"),
    (276, b"\x86\xdd\x00\x00" + bytes(4) + b"\x00\x01\x00\x06" + bytes(8) + ipv6, "Linux SLL2"),
    (0, struct.pack("<I", 24) + ipv6, "BSD NULL (little-endian AF 24)"),
    (0, struct.pack(">I", 30) + ipv6, "BSD NULL (big-endian AF 30)"),
    (108, struct.pack(">I", 24) + ipv6, "OpenBSD LOOP"),
    (8, bytes(16) + ipv6, "SLIP"),
]
for i, (lt, frame, what) in enumerate(VARIANTS):
    p = t.path("lt%d.pcap" % i)
    write_pcap(p, lt, [(1, 2, frame)])
    same(p, what)
# Frames that are not IPv6 are skipped.
skip = t.path("ipv4.pcap")
write_pcap(skip, 1, [(1, 2, eth + b"\x08\x00" + bytes(40)), (1, 3, eth + b"\x86\xdd"), (1, 4, eth[:10])])
rc, out, err = t.run("decode", "--all", skip)
t.eq((rc, err), (0, ""), "non-IPv6 frames: exit status")
# Frame 2 says IPv6 (EtherType 0x86dd) but holds nothing: a malformed packet.
t.eq(out, "    2  1970-01-01 00:00:01.000003  IP6 [malformed: IPv6 header shorter than 40 bytes at +0]\n",
     "non-IPv6 frames are skipped, an empty IPv6 one is malformed")

# A snapshot length cuts packets: other traffic cut after its headers is not
# shown, a cut Mobility Header is (warning caplen), and a packet cut without
# a snapshot length (wire length = captured length) is malformed.
udp = bytes.fromhex("6000000000701140" + "20010db8000900000000000000000009" + "20010db8000100000000000000000100"
                    + "9c409c410070" + "0000") + bytes(104)
snap = t.path("snap.pcap")
write_pcap(snap, 101, [(1, 1, udp[:60], len(udp)), (1, 2, ipv6[:46], len(ipv6)), (1, 3, udp[:60])])
for mode in ([], ["--strict"]):
    objs = t.decode_json(snap, *mode)
    t.eq([o["frame"] for o in objs], [2, 3], "snapped capture %s: frames shown" % mode)
    if len(objs) == 2:
        t.check("caplen" in objs[0]["warnings"] or objs[0]["verdict"] == "rejected", "snapped MH: caplen flagged")
        t.eq(objs[0].get("mh", {}).get("type_name"), "BRR" if not mode else None, "snapped MH %s: decoded" % mode)
t.eq(len(t.decode_json(snap, "--all")), 3, "snapped capture --all: every packet")


def block(btype, body):
    n = 12 + len(body)
    return struct.pack("<II", btype, n) + body + struct.pack("<I", n)


padded = ipv6 + bytes((-len(ipv6)) % 4)
shb = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
idb = block(1, struct.pack("<HHI", 101, 0, 65535))
ts = 1 * 1000000 + 2
epb = block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xffffffff, len(ipv6), len(ipv6)) + padded)
ng = t.path("ng.pcapng")
with open(ng, "wb") as f:
    f.write(shb + idb + epb)
same(ng, "pcapng")

t.finish()
