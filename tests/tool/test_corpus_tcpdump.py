# SPDX-License-Identifier: BSD-3-Clause
"""tcpdump's ipv6_mobility_1.pcap decodes to the values tcpdump prints in its
.out and -v.out files; its MH checksums are all 0x0000, which the lenient
decode must flag and the strict one reject. Also ipv6-routing-header.pcap
(routing header type 0) against its .out file."""
import re

from tooltest import Test, get

t = Test("tool_corpus_tcpdump")
t.need_corpus()
P = lambda name: t.pcap("tcpdump", name)


def read(name):
    with open(P(name)) as f:
        return f.read().splitlines()


# tcpdump's option names -> ours.
OPT = {"padn": "padn", "pad1": "pad1", "alt-CoA": "alternate-coa", "ni": "nonce-indices", "auth": "binding-auth-data",
       "refresh": "binding-refresh-advice"}

LINE = re.compile(r"^\s*(\d+)\s+(\S+ \S+) IP6 .*?(\S+) > (\S+): mobility: (\S+)(.*)$")


def parse_v(line):
    """One -v line: frame, time, addresses, message, its fields and options."""
    m = LINE.match(line)
    frame, time, src, dst, kind, rest = m.groups()
    f = {"frame": int(frame), "time": time, "src": src, "dst": dst.rstrip(":"), "type_name": kind}
    opts = re.findall(r"\(([^():]+)(?::\s*([^)]*))?\)", rest)
    f["options"] = [(OPT[n], v) for n, v in opts]
    rest = re.sub(r"\(.*", "", rest)
    if kind in ("HoTI", "CoTI"):
        c = re.search(r"Init Cookie=(\w+):(\w+)", rest)
        f["cookie"] = c.group(1) + c.group(2)
    elif kind in ("HoT", "CoT"):
        c = re.search(r"nonce id=0x(\w+) \S+ Init Cookie=(\w+):(\w+) \S+ Keygen Token=(\w+):(\w+)", rest)
        f["nonce_index"] = int(c.group(1), 16)
        f["cookie"] = c.group(2) + c.group(3)
        f["keygen_token"] = c.group(4) + c.group(5)
    elif kind == "BU":
        c = re.search(r"seq#=(\d+) ([AHLK]*) ?lifetime=(\d+)", rest)
        f["seq"], f["flags"], f["lifetime"] = int(c.group(1)), c.group(2), int(c.group(3))
    elif kind == "BA":
        c = re.search(r"status=(\d+) (K )?seq#=(\d+) lifetime=(\d+)", rest)
        f["status"], f["K"], f["seq"], f["lifetime"] = int(c.group(1)), bool(c.group(2)), int(c.group(3)), int(c.group(4))
    elif kind == "BE":
        c = re.search(r"status=(\d+) homeaddr (\S+)", rest)
        f["status"], f["home_addr"] = int(c.group(1)), c.group(2)
    return f


want = [parse_v(l) for l in read("ipv6_mobility_1-v.out") if l.strip()]
short = [l for l in read("ipv6_mobility_1.out") if l.strip()]
t.eq(len(want), 16, "frames in ipv6_mobility_1-v.out")
t.eq(len(short), 16, "frames in ipv6_mobility_1.out")

lenient = t.by_frame(t.decode_json(P("ipv6_mobility_1.pcap")))
strict = t.by_frame(t.decode_json(P("ipv6_mobility_1.pcap"), "--strict"))
t.eq(sorted(lenient), list(range(1, 17)), "frames shown (lenient)")
t.eq(sorted(strict), list(range(1, 17)), "frames shown (strict)")

for w, s_line in zip(want, short):
    n = w["frame"]
    o, s = lenient.get(n), strict.get(n)
    if o is None or s is None:
        continue
    what = "ipv6_mobility_1 frame %d" % n
    # The short .out shows the same message kind and numbers.
    t.check((" mobility: %s" % w["type_name"]) in s_line, what + ": .out and -v.out agree on the type")
    L = o["layers"][0]
    t.eq((L["src"], L["dst"]), (w["src"], w["dst"]), what + ": addresses")
    mh = o.get("mh", {})
    t.eq(mh.get("type_name"), w["type_name"], what + ": MH type")
    # Every checksum in this file is 0: flagged (lenient), rejected (strict).
    t.eq(mh.get("checksum"), 0, what + ": checksum value")
    t.eq(mh.get("checksum_ok"), False, what + ": checksum_ok")
    t.check("cksum" in o["warnings"], what + ": cksum warning")
    t.eq(o["verdict"], "warnings", what + ": lenient verdict")
    t.eq(s["verdict"], "rejected", what + ": strict verdict")
    t.eq(s.get("error_kind"), "bad checksum", what + ": strict error kind")
    t.eq(s.get("error_offset"), 44, what + ": strict error offset (the MH checksum field)")
    # The values of every message.
    for k in ("cookie", "nonce_index", "keygen_token", "seq", "lifetime", "status", "home_addr"):
        if k in w:
            t.eq(mh.get(k), w[k], what + ": " + k)
    if w["type_name"] == "BU":
        got = "".join(f for f in "AHLK" if get(mh, "flags." + f))
        t.eq(got, w["flags"], what + ": BU flags")
    if w["type_name"] == "BA":
        t.eq(get(mh, "flags.K"), w["K"], what + ": BA K flag")
    opts = mh.get("options", [])
    t.eq([x["name"] for x in opts], [n for n, _ in w["options"]], what + ": option list")
    for x, (name, val) in zip(opts, w["options"]):
        if name == "alternate-coa":
            t.eq(x.get("addr"), val, what + ": alternate CoA")
        elif name == "nonce-indices":
            ho, co = re.match(r"ho=0x(\w+) co=0x(\w+)", val).groups()
            t.eq((x.get("home_nonce_index"), x.get("careof_nonce_index")), (int(ho, 16), int(co, 16)),
                 what + ": nonce indices")
        elif name == "binding-refresh-advice":
            t.eq(x.get("refresh"), int(val), what + ": refresh interval (seconds)")
        elif name == "binding-auth-data":
            t.eq(len(x.get("data", "")), 24, what + ": authenticator of 12 bytes")

# The text form: same frame numbers and UTC times as tcpdump (its tests run in UTC).
rc, out, err = t.run("decode", P("ipv6_mobility_1.pcap"))
t.eq(rc, 0, "text decode exit status")
text = out.splitlines()
t.eq(len(text), 16, "text lines")
for line, w in zip(text, want):
    t.check(line.split()[0] == str(w["frame"]) and w["time"] in line, "text line %d: frame and time: %r" % (w["frame"], line))
    t.check("[warning cksum" in line, "text line %d names the checksum warning" % w["frame"])
t.check("BU seq 1000 A lifetime 14400s" in text[5], "text line 6: BU summary")
t.check("BE status 1 (" in text[14] and "home 2001:db8::1" in text[14], "text line 15: BE summary")

# ---------------------------------------------------------------------------
# Routing header type 0 (not mobility: --all), ipv6-routing-header.out.
RT = re.compile(r"^\s*(\d+) .*\(hlim (\d+), next-header Routing \(43\), payload length (\d+)\) (\S+) > (\S+): "
                r"RT6 \(len=(\d+), type=(\d+) \[Deprecated\], segleft=(\d+), rsv=0x0, (.*?)\) (?:\d+ > \d+: )?\[(\w+) sum ok\]")
objs = t.by_frame(t.decode_json(P("ipv6-routing-header.pcap"), "--all"))
t.eq(t.decode_json(P("ipv6-routing-header.pcap")), [], "type 0 routing headers are not mobility content")
rows = [RT.match(l) for l in read("ipv6-routing-header.out")]
t.eq(sum(1 for r in rows if r), 4, "frames parsed from ipv6-routing-header.out")
for r in rows:
    if not r:
        continue
    n, hlim, plen, src, dst, hl, rtype, segleft, addrs, proto = r.groups()
    o = objs.get(int(n))
    if not t.check(o is not None, "routing header frame %s shown with --all" % n):
        continue
    L = o["layers"][0]
    addrs = re.findall(r"\[\d+\](\S+?)(?:,|$)", addrs)
    t.eq((L["hlim"], L["plen"], L["src"], L["dst"]), (int(hlim), int(plen), src, dst.rstrip(":")),
         "routing header frame %s: IPv6 header" % n)
    rh = L.get("rthdr", {})
    t.eq((rh.get("type"), rh.get("segleft"), rh.get("addr")), (int(rtype), int(segleft), addrs[0]),
         "routing header frame %s: type, segleft, first address" % n)
    if len(addrs) > 1:
        t.eq((rh.get("naddr"), rh.get("last")), (len(addrs), addrs[-1]), "routing header frame %s: last" % n)
    ul = "icmp6" if proto == "icmp6" else "udp"
    t.eq(get(o, ul + ".checksum_ok"), True, "routing header frame %s: %s checksum over the final address" % (n, ul))

t.finish()
