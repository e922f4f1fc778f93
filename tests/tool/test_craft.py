# SPDX-License-Identifier: BSD-3-Clause
"""mip6tool craft: every message and option type is built as described, the
options get their RFC alignment, given lengths and checksums are written as
given, decode --json -> craft reproduces the same bytes (for crafted files
and for the valid packets other encoders wrote in the shared corpus), and
errors name the line and the field."""
import json
import os
import shutil
import subprocess

from tooltest import Test, get, read_pcap, ipv6_of

t = Test("tool_craft")

HOA, COA, HA, CN = "2001:db8:1::100", "2001:db8:2::100", "2001:db8:1::1", "2001:db8:9::9"
L = lambda src, dst, **kw: dict(src=src, dst=dst, **kw)

# Every MH message, every mobility option, every ICMPv6 message of the stack,
# UDP over RTHDR2 / HAO / tunnel. All valid: strict decode must accept them.
VALID = [
    {"layers": [L(CN, HOA)], "mh": {"type": "BRR"}},
    {"layers": [L(COA, HA), L(HOA, CN)], "mh": {"type": "HoTI", "cookie": "0102030405060708"}},
    {"layers": [L(COA, CN)], "mh": {"type": "CoTI", "cookie": "1112131415161718"}},
    {"layers": [L(HA, COA), L(CN, HOA)],
     "mh": {"type": "HoT", "nonce_index": 258, "cookie": "0102030405060708", "keygen_token": "a1a2a3a4a5a6a7a8"}},
    {"layers": [L(CN, COA)],
     "mh": {"type": "CoT", "nonce_index": 772, "cookie": "1112131415161718", "keygen_token": "b1b2b3b4b5b6b7b8"}},
    {"layers": [L(COA, HA, hao=HOA)],
     "mh": {"type": "BU", "seq": 1000, "flags": {"A": True, "H": True, "L": True, "K": True}, "lifetime": 1024}},
    {"layers": [L(COA, HA, hao=HOA, hlim=255, tclass=32, flow=12345)],
     "mh": {"type": "BU", "seq": 1001, "flags": {"A": True, "H": True, "R": True, "M": True, "P": True},
            "lifetime": 262140,
            "options": [{"type": "mobile-network-prefix", "prefix_len": 64, "prefix": "2001:db8:aaaa:1::"},
                        {"type": "mobile-network-prefix", "prefix_len": 48, "prefix": "2001:db8:bbbb::"}]}},
    {"layers": [L(COA, HA, hao=HOA)],
     "mh": {"type": "BU", "seq": 1002, "flags": {"A": True, "H": True}, "lifetime": 1024,
            "options": [{"type": "binding-id", "bid": 2, "coa": "2001:db8:3::100", "flags": {"H": True}},
                        {"type": "binding-id", "bid": 3, "status": 0, "coa": "192.0.2.7"},
                        {"type": "binding-id", "bid": 4},
                        {"type": "mn-id", "subtype": 1, "id": "mn1@example.com"},
                        {"type": "mesg-id", "timestamp": "e8f1a2b3c4d5e6f7"},
                        {"type": "mn-auth", "subtype": 1, "spi": 256, "auth": "00112233445566778899aabb"}]}},
    {"layers": [L(HA, COA, rthdr={"addr": HOA})],
     "mh": {"type": "BA", "status": 0, "flags": {"K": True, "R": True, "P": True}, "seq": 1000, "lifetime": 1024,
            "options": [{"type": "binding-refresh-advice", "refresh": 600},
                        {"type": "binding-id", "bid": 3, "status": 167, "coa": "2001:db8:4::100"}]}},
    {"layers": [L(HA, COA, rthdr={"addr": HOA})], "mh": {"type": "BA", "status": 135, "seq": 77, "lifetime": 0}},
    {"layers": [L(COA, CN, hao=HOA)],
     "mh": {"type": "BU", "seq": 7, "flags": {"A": True}, "lifetime": 256,
            "options": [{"type": "alternate-coa", "addr": COA},
                        {"type": "nonce-indices", "home_nonce_index": 1, "careof_nonce_index": 2},
                        {"type": "binding-auth-data", "data": "86cfe4068848c63b0e9b0123"}]}},
    {"layers": [L(CN, COA, rthdr={"addr": HOA})],
     "mh": {"type": "BA", "status": 0, "seq": 7, "lifetime": 256,
            "options": [{"type": "binding-refresh-advice", "refresh": 200},
                        {"type": "binding-auth-data", "data": "a7a416eef56f0a1f70f1c708"}]}},
    # Route-optimised traffic between two mobile nodes: RTHDR2 and HAO.
    {"layers": [L(COA, "2001:db8:5::100", hao=HOA, rthdr={"addr": "2001:db8:6::100"})],
     "mh": {"type": "BU", "seq": 9, "flags": {"A": True}, "lifetime": 64}},
    {"layers": [L(CN, COA)], "mh": {"type": "BE", "status": 1, "home_addr": HOA}},
    {"layers": [L(CN, COA)], "mh": {"type": "BE", "status": 2, "home_addr": HOA}},
    {"layers": [L("fe80::1", "ff02::1", hlim=255)],
     "icmp6": {"type": "RA", "hop_limit": 64, "flags": {"M": True, "O": True, "H": True}, "router_lifetime": 1800,
               "reachable": 30000, "retrans": 1000,
               "options": [{"type": "slla", "lladdr": "00:11:22:33:44:55"},
                           {"type": "prefix", "prefix_len": 64, "flags": {"L": True, "A": True, "R": True},
                            "valid": 2592000, "preferred": 604800, "prefix": HA},
                           {"type": "adv-interval", "interval_ms": 3000},
                           {"type": "ha-info", "preference": -5, "lifetime": 1800, "flags": {"R": True}},
                           {"type": "mtu", "mtu": 1500}]}},
    {"layers": [L("fe80::2", "ff02::2", hlim=255)],
     "icmp6": {"type": "RS", "options": [{"type": "slla", "lladdr": "00:11:22:33:44:66"}]}},
    {"layers": [L("::", "ff02::1:ff00:100", hlim=255)], "icmp6": {"type": "NS", "target": HOA}},
    {"layers": [L(HA, "ff02::1", hlim=255)],
     "icmp6": {"type": "NA", "flags": {"R": True, "O": True}, "target": HOA,
               "options": [{"type": "tlla", "lladdr": "00:11:22:33:44:55"}]}},
    {"layers": [L(COA, "2001:db8:1:0:fdff:ffff:ffff:fffe")],
     "icmp6": {"type": "DHAAD-REQ", "id": 77, "flags": {"R": True}}},
    {"layers": [L(HA, COA)], "icmp6": {"type": "DHAAD-REP", "id": 77, "addrs": [HA, "2001:db8:1::2"]}},
    {"layers": [L(COA, HA, hao=HOA)], "icmp6": {"type": "MPS", "id": 5}},
    {"layers": [L(HA, COA, rthdr={"addr": HOA})],
     "icmp6": {"type": "MPA", "id": 5, "flags": {"M": True, "O": True},
               "options": [{"type": "prefix", "prefix_len": 64, "flags": {"A": True}, "valid": 3600,
                            "preferred": 1800, "prefix": "2001:db8:1::"}]}},
    {"layers": [L(CN, COA, rthdr={"addr": HOA})], "udp": {"sport": 40000, "dport": 40001, "payload": "deadbeef"}},
    {"layers": [L(COA, CN, hao=HOA)], "udp": {"sport": 40001, "dport": 40000, "payload": "deadbeef"}},
    {"layers": [L(COA, HA), L("2001:db8:aaaa:1::5", CN)], "udp": {"sport": 40002, "dport": 40000, "payload": "616263"}},
    {"layers": [L("feed::beef", "feed::cafe"), L("babe::beef", "dead::babe"), L("dead::beef", "cafe::babe")],
     "udp": {"sport": 30000, "dport": 13000, "payload": "58585858"}},
    {"layers": [L(COA, HA, hao=HOA)], "tcp": {"sport": 30000, "dport": 80,
                                              "segment": "7530005000000000000000005002200000000000"}},
    {"layers": [L(COA, HA)]},
    {"layers": [L(COA, HA)], "other": {"proto": 50, "data": "0000010000000001"}},
]
# Deliberately broken: given fields are written as given.
BROKEN = [
    ({"layers": [L(COA, HA, hao=HOA)], "mh": {"type": "BU", "seq": 1, "hlen": 0, "checksum": "0x1234", "proto": 6}},
     {"mh.hlen": 0, "mh.checksum": 0x1234, "mh.proto": 6, "mh.checksum_ok": False},
     {"cksum", "proto", "minlen", "trailing"}),
    ({"layers": [L(COA, HA, plen=100)], "mh": {"type": "BRR"}}, {"layers.0.plen": 100}, {"caplen"}),
    # Next header 62 (pre-RFC drafts): only a lenient decode reads the MH.
    ({"layers": [L(COA, HA, nxt=62)], "mh": {"type": "BRR"}}, {"layers.0.nxt": 62, "ul": "mh", "mh.checksum_ok": None},
     {"old-mh"}),
    ({"layers": [L(COA, HA)], "udp": {"sport": 1, "dport": 2, "len": 99, "checksum": 0, "payload": "00"}},
     {"udp.len": 99, "udp.checksum": 0, "udp.checksum_ok": False}, {"cksum"}),
    ({"layers": [L(COA, HA)], "icmp6": {"type": "NS", "code": 3, "checksum": 7, "target": HOA}},
     {"icmp6.code": 3, "icmp6.checksum": 7, "icmp6.checksum_ok": False}, {"cksum", "code"}),
    ({"layers": [L(COA, HA, rthdr={"addr": HOA, "segleft": 0})], "mh": {"type": "BRR"}},
     {"layers.0.rthdr.segleft": 0}, {"rh2"}),
    ({"layers": [L(COA, HA)], "mh": {"type": "BU", "options": [{"type": "nonce-indices", "len": 16,
                                                                "home_nonce_index": 1}]}},
     {"mh.options.0.len": 16}, {"optlen"}),
    ({"layers": [L(COA, HA)], "mh": {"type": "BU", "align": False,
                                     "options": [{"type": "alternate-coa", "addr": COA}]}},
     {"mh.options.0.name": "alternate-coa"}, {"align"}),
    ({"layers": [L(COA, HA)], "mh": {"type": 200, "body": "0000aabbccddeeff0011"}},
     {"mh.type": 200, "mh.body": "0000aabbccddeeff0011"}, {"mh-type"}),
]


def write_jsonl(name, objs, extra_lines=()):
    path = t.path(name)
    with open(path, "w") as f:
        for line in extra_lines:
            f.write(line + "\n")
        for o in objs:
            f.write(json.dumps(o) + "\n")
    return path


def subset(want, got, path):
    """Every field of want is in got with the same value."""
    if isinstance(want, dict) and path.endswith(".tcp") and "segment" in want and "checksum" not in want:
        # The checksum bytes (16, 17) of a given segment are computed.
        seg = (got or {}).get("segment", "")
        t.eq(seg[:32] + seg[36:], want["segment"][:32] + want["segment"][36:], path + ".segment (but its checksum)")
        want = {k: v for k, v in want.items() if k != "segment"}
    if isinstance(want, dict):
        if not t.check(isinstance(got, dict), "%s: object expected, got %r" % (path, got)):
            return
        for k, v in want.items():
            if k == "type" and isinstance(v, str):
                t.eq(got.get("type_name", got.get("name")), v, path + ".type (by name)")
                continue
            if k == "options" and not any(o.get("type") in ("pad1", "padn", 0, 1) for o in v):
                got_v = [o for o in got.get(k, []) if o.get("name") not in ("pad1", "padn")]
            else:
                got_v = got.get(k)
            if not t.check(k in got, "%s.%s: missing in the decode" % (path, k)):
                continue
            subset(v, got_v, path + "." + k)
    elif isinstance(want, list):
        if t.eq(len(got) if isinstance(got, list) else None, len(want), path + ": list length"):
            for i, (w, g) in enumerate(zip(want, got)):
                subset(w, g, "%s[%d]" % (path, i))
    else:
        t.eq(got, want, path)


def craft(inp, out, *opts):
    rc, o, e = t.run("craft", *opts, inp, out)
    t.eq((rc, e), (0, ""), "craft %s" % os.path.basename(inp))
    return rc


# ---- every message and option, as described
src = write_jsonl("valid.jsonl", VALID, extra_lines=["# comment lines and blank lines are skipped", ""])
pcap = t.path("valid.pcap")
craft(src, pcap)
lt, recs = read_pcap(pcap)
t.eq(lt, 101, "crafted capture is LINKTYPE_RAW")
t.eq(len(recs), len(VALID), "one packet per line")
strict = t.decode_json(pcap, "--strict", "--all")
t.eq(len(strict), len(VALID), "every crafted packet decoded")
for i, (want, got) in enumerate(zip(VALID, strict)):
    what = "valid[%d]" % i
    t.eq(got["verdict"], "ok", what + ": strict verdict (error: %s)" % got.get("error"))
    t.eq(got["time"], "0.%06d" % i, what + ": default time stamp")
    subset(want, got, what)
    mh = got.get("mh")
    if mh and "options" in mh:
        # RFC alignment (xn+y from the MH start) of every option craft placed.
        rule = {"binding-refresh-advice": (2, 0), "alternate-coa": (8, 6), "nonce-indices": (2, 0),
                "binding-auth-data": (8, 2), "mobile-network-prefix": (8, 4), "mn-auth": (4, 1),
                "mesg-id": (8, 2), "binding-id": (8, 2)}
        off = {"BRR": 8, "HoTI": 16, "CoTI": 16, "HoT": 24, "CoT": 24, "BU": 12, "BA": 12, "BE": 24}[mh["type_name"]]
        for o in mh["options"]:
            if o["name"] in rule:
                x, y = rule[o["name"]]
                t.eq(off % x, y, "%s: %s at offset %d meets %dn+%d" % (what, o["name"], off, x, y))
            off += 1 if o["name"] == "pad1" else o["len"] + 2
        t.eq(off % 8, 0, what + ": MH length a multiple of 8")
        t.eq(off, (mh["hlen"] + 1) * 8, what + ": options fill the MH")

# Known values: the same messages scapy and rr_vectors.out give (checksums).
t.eq([get(strict[i], "mh.checksum") for i in (0, 2, 4)], [0x67eb, 0x158d, 0x3da9], "BRR, CoTI, CoT checksums")
t.eq(get(strict[1], "mh.checksum"), 0x56ce, "HoTI checksum inside a tunnel (pseudo-header of the inner header)")

# ---- round trip: decode --json -> craft gives the same bytes
for name, opts in (("rt.pcap", ()), ("rt_recompute.pcap", ("--recompute",))):
    rc, out, err = t.run("decode", "--json", "--all", pcap)
    j = write_jsonl("rt.jsonl", [])
    with open(j, "w") as f:
        f.write(out)
    craft(j, t.path(name), *opts)
    t.eq(read_pcap(t.path(name)), (lt, recs), "round trip %s: same bytes and time stamps" % " ".join(opts))

# ---- broken packets: the given fields are on the wire
src = write_jsonl("broken.jsonl", [b[0] for b in BROKEN])
craft(src, t.path("broken.pcap"))
got = t.decode_json(t.path("broken.pcap"), "--all")
if t.eq(len(got), len(BROKEN), "broken packets decoded"):
    for i, ((inp, fields, warns), o) in enumerate(zip(BROKEN, got)):
        for k, v in fields.items():
            t.eq(get(o, k), v, "broken[%d]: %s" % (i, k))
        t.eq(set(o["warnings"]), warns, "broken[%d]: warnings" % i)
    rc, out, err = t.run("decode", "--json", "--all", t.path("broken.pcap"))
    with open(t.path("broken_rt.jsonl"), "w") as f:
        f.write(out)
    craft(t.path("broken_rt.jsonl"), t.path("broken_rt.pcap"))
    t.eq(read_pcap(t.path("broken_rt.pcap")), read_pcap(t.path("broken.pcap")), "broken packets round trip")

# ---- the corpus: the valid packets of other encoders are reproduced exactly
CORPUS = ["generated/scapy_mip6_examples.pcap", "generated/bu_ba.pcap", "tcpdump/ipv6_mobility_1.pcap",
          "zeek/mip6_back.pcap", "zeek/mip6_be.pcap", "zeek/mip6_brr.pcap", "zeek/mip6_bu.pcap", "zeek/mip6_cot.pcap",
          "zeek/mip6_coti.pcap", "zeek/mip6_hot.pcap", "zeek/mip6_hoti.pcap", "zeek/6in6.pcap", "zeek/6in6in6.pcap",
          "zeek/6in6-tunnel-change.pcap", "zeek/ipv6-mobile-hoa.pcap", "zeek/ipv6-mobile-routing.pcap",
          "zeek/mip6-good-mh-chksum.pcap", "zeek/mip6-bad-mh-chksum.pcap", "zeek/ip6-hoa-udp-good-chksum.pcap",
          "zeek/ip6-hoa-udp-bad-chksum.pcap", "zeek/ip6-hoa-tcp-good-chksum.pcap", "zeek/ip6-hoa-tcp-bad-chksum.pcap"]
if os.path.isdir(t.pcaps):
    for rel in CORPUS:
        path = t.pcap(*rel.split("/"))
        rc, out, err = t.run("decode", "--json", "--all", path)
        j = t.path("corpus.jsonl")
        with open(j, "w") as f:
            f.write(out)
        craft(j, t.path("corpus.pcap"))
        lt0, orig = read_pcap(path)
        _, mine = read_pcap(t.path("corpus.pcap"))
        t.eq([(s, u, ipv6_of(lt0, d)) for s, u, d in orig], mine, rel + ": crafted from its decode, byte for byte")
else:
    print("note: shared captures absent, corpus round trip not run")

# ---- standard input and output
rc, out, err = t.run("craft", "-", t.path("stdin.pcap"), stdin=(json.dumps(VALID[0]) + "\n").encode())
t.eq(rc, 0, "craft from stdin")
t.eq(read_pcap(t.path("stdin.pcap"))[1], recs[:1], "craft from stdin: same packet")
p = subprocess.run([t.tool, "craft", src, "-"], capture_output=True)
t.eq(p.returncode, 0, "craft to stdout")
with open(t.path("broken.pcap"), "rb") as f:
    t.eq(p.stdout, f.read(), "craft to stdout: the same capture")
rc, out, err = t.run("craft", write_jsonl("empty.jsonl", []), t.path("empty.pcap"))
t.eq((rc, read_pcap(t.path("empty.pcap"))), (0, (101, [])), "no lines: an empty capture")

# ---- errors: line number and field path, exit 1, no output written
good = json.dumps(VALID[5])
ERRORS = [
    ('{"layers": [', "not valid JSON"),
    ('{"mh": {"type": "BRR"}}', "layers: required"),
    ('{"layers": [{"dst": "::1"}]}', "layers[0].src: required field missing"),
    ('{"layers": [{"src": "::1", "dst": "2001:db8::g"}]}', 'layers[0].dst: "2001:db8::g" is not an IPv6 address'),
    ('{"layers": [{"src": "::1", "dst": "::2", "hlim": 300}]}', "layers[0].hlim: 300 is out of range 0..255"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "mh": {"type": "BU", "seq": "abc"}}', 'mh.seq: "abc" is not a number'),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "mh": {"type": "BU", "seq": 70000}}', "mh.seq: 70000 is out of range 0..65535"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "mh": {"type": "BU", "lifetime": 1001}}', "mh.lifetime: 1001 is not a multiple of 4"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "mh": {"type": "BU", "sequence": 1}}', "mh.sequence: unknown field here"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "mh": {"type": "HoTI", "seq": 1}}', "mh.seq: unknown field here"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "mh": {"type": "BU", "flags": {"Z": true}}}', "mh.flags.Z: unknown flag (known: A H L K M R P)"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "mh": {"type": "BU", "flags": {"A": 1}}}', "mh.flags.A: expected true or false"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "mh": {"type": "HoTI", "cookie": "01020304"}}', "mh.cookie: must be 8 bytes (16 hex digits), got 4"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "mh": {"type": "MOVE"}}', 'mh.type: unknown type name "MOVE"'),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "mh": {"type": "BU", "options": [{"type": "pad1"}, {"type": "padn", "len": "x"}]}}', 'mh.options[1].len: "x" is not a number'),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "mh": {"type": "BU", "options": [{"type": "foo"}]}}', 'mh.options[0].type: unknown type name "foo"'),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "mh": {"type": "BU", "options": [{"type": "alternate-coa"}]}}', "mh.options[0].addr: required field missing"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "mh": {"type": "BU", "options": [{"type": "binding-auth-data", "data": "zz"}]}}', "mh.options[0].data: not hexadecimal: 'z'"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "mh": {"type": "BRR"}, "udp": {}}', "both mh and udp given"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "mh": {"type": "BRR"}, "ul": "udp"}', 'ul: "udp" but the packet has mh'),
    ('{"layers": [{"src": "::1", "dst": "::2", "rthdr": {"type": 0, "addr": "::3"}}]}', "layers[0].rthdr: type: craft writes only type 2"),
    ('{"layers": [{"src": "::1", "dst": "::2", "exthdrs": [0, 60]}]}', "exthdrs: craft writes only"),
    ('{"layers": [{"src": "::1", "dst": "::2"}, {"src": "::1", "dst": "::2"}, {"src": "::1", "dst": "::2"}, {"src": "::1", "dst": "::2"}, {"src": "::1", "dst": "::2"}]}', "layers: 5 headers, at most 4"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "time": "yesterday"}', "time: expected seconds"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "icmp6": {"type": "MPS", "options": []}}', "icmp6.options: unknown field here"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "icmp6": {"type": "RA", "options": [{"type": "ha-info", "preference": 40000}]}}', "icmp6.options[0]: preference: expected an integer -32768..32767"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "icmp6": {"type": "RA", "options": [{"type": "mtu", "len": 0}]}}', "icmp6.options[0]: len: 0 is not a valid ND option length"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "tcp": {"segment": "0000"}}', "tcp: segment: a TCP segment has at least 20 bytes"),
    ('{"layers": [{"src": "::1", "dst": "::2"}], "udp": {"payload": "00"}, "bogus": 1}', "bogus: unknown field here"),
]
for i, (line, msg) in enumerate(ERRORS):
    path = t.path("err%d.jsonl" % i)
    with open(path, "w") as f:
        f.write(good + "\n# a comment\n" + line + "\n" + good + "\n")
    out = t.path("err%d.pcap" % i)
    if os.path.exists(out):
        os.remove(out)
    rc, o, e = t.run("craft", path, out)
    t.eq(rc, 1, "error case %d: exit status" % i)
    t.check(e.startswith("%s:3: " % path) and msg in e, "error case %d: %r in %r" % (i, msg, e))
    t.check(not os.path.exists(out), "error case %d: no output written" % i)

# ---- tshark (when installed) finds no malformed packet or expert warning
tshark = shutil.which("tshark")
if tshark:
    p = subprocess.run([tshark, "-n", "-r", pcap, "-V", "-o", "udp.check_checksum:TRUE"], capture_output=True,
                       timeout=300, env=dict(os.environ, HOME=t.work))
    text = p.stdout.decode(errors="replace")
    t.eq(p.returncode, 0, "tshark reads the crafted capture")
    t.check("Malformed" not in text, "tshark: no malformed packet")
    for bad in ("[Expert Info (Warning", "[Expert Info (Error", "Checksum Status: Bad"):
        t.check(bad not in text, "tshark: no %r" % bad)
    t.eq(sum(1 for l in text.splitlines() if l.strip() == "Mobile IPv6"), sum(1 for v in VALID if "mh" in v),
         "tshark: one Mobility Header per MH packet")
else:
    print("note: tshark not installed, its check not run")

t.finish()
