# SPDX-License-Identifier: BSD-3-Clause
"""Zeek's Mobile IPv6 captures decode to the values of Zeek's baselines.

The expected values are read from the baseline files beside the captures
(baseline_core.*), so a wrong decode of any field they show fails here."""
import os
import re

from tooltest import Test, get

t = Test("tool_corpus_zeek")
t.need_corpus()
Z = lambda name: t.pcap("zeek", name)


def baseline(name):
    with open(Z(name)) as f:
        return f.read()


def bracket_body(s, start):
    """The text inside the [...] that opens at s[start]."""
    depth = 0
    for i in range(start, len(s)):
        if s[i] == "[":
            depth += 1
        elif s[i] == "]":
            depth -= 1
            if depth == 0:
                return s[start + 1:i]
    raise ValueError("unbalanced brackets")


def kv(text):
    """'a=1, b=T, ...' (top level only) into a dict."""
    out = {}
    depth = 0
    cur = ""
    parts = []
    for ch in text:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    for p in parts:
        if "=" in p:
            k, v = p.strip().split("=", 1)
            out[k] = v
    return out


# ---------------------------------------------------------------------------
# 1. baseline_core.mobility_msg_output: one message per file, every field.
FILES = {
    "Binding ACK": "mip6_back.pcap",
    "Binding Error": "mip6_be.pcap",
    "Binding Refresh Request": "mip6_brr.pcap",
    "Binding Update": "mip6_bu.pcap",
    "Care-of Test": "mip6_cot.pcap",
    "Care-of Test Init": "mip6_coti.pcap",
    "Home Test": "mip6_hot.pcap",
    "Home Test Init": "mip6_hoti.pcap",
}
lines = baseline("baseline_core.mobility_msg_output").splitlines()
seen = 0
for i, line in enumerate(lines):
    head = line.rstrip(":")
    if not line.endswith(":") or head not in FILES:
        continue
    rec = lines[i + 1]
    seen += 1
    fname = FILES[head]
    ip6 = kv(rec[1:-1])
    mob = kv(bracket_body(rec, rec.index("mobility=[") + len("mobility=")))
    msg_m = re.search(r"\b(brr|hoti|coti|hot|cot|bu|back|be)=\[", mob["msg"])
    kind = msg_m.group(1)
    body = kv(bracket_body(mob["msg"], msg_m.end() - 1))
    opts = re.findall(r"\[otype=(\d+), len=(\d+)", body.get("options", ""))

    for mode in ([], ["--strict"]):
        objs = t.decode_json(Z(fname), *mode)
        if not t.eq(len(objs), 1, "%s %s: packets shown" % (fname, mode)):
            continue
        o = objs[0]
        what = "%s %s" % (fname, " ".join(mode))
        t.eq(o["verdict"], "ok", what + ": verdict (valid MH checksums)")
        L = o["layers"][0]
        t.eq(L["src"], ip6["src"], what + ": src")
        t.eq(L["dst"], ip6["dst"], what + ": dst")
        t.eq(L["plen"], int(ip6["len"]), what + ": plen")
        t.eq(L["nxt"], int(ip6["nxt"]), what + ": nxt")
        t.eq(L["hlim"], int(ip6["hlim"]), what + ": hlim")
        mh = o.get("mh", {})
        t.eq(o.get("ul"), "mh", what + ": ul")
        t.eq(mh.get("proto"), int(mob["nxt"]), what + ": MH payload proto")
        t.eq(mh.get("hlen"), int(mob["len"]), what + ": MH hlen")
        t.eq(mh.get("type"), int(mob["mh_type"]), what + ": MH type")
        t.eq(mh.get("reserved", 0), int(mob["rsv"]), what + ": MH reserved")
        t.eq(mh.get("checksum"), int(mob["chksum"]), what + ": MH checksum")
        t.eq(mh.get("checksum_ok"), True, what + ": checksum_ok")
        got_opts = [(x["type"], x.get("len")) for x in mh.get("options", [])]
        t.eq(got_opts, [(int(a), int(b)) for a, b in opts], what + ": options (type, len)")
        T = lambda b: b == "T"
        if kind == "bu":
            t.eq(mh["seq"], int(body["seq"]), what + ": BU seq")
            for flag in "ahlk":
                t.eq(mh["flags"][flag.upper()], T(body[flag]), what + ": BU flag " + flag.upper())
            t.eq(mh["lifetime"], 4 * int(body["life"]), what + ": BU lifetime in seconds")
        elif kind == "back":
            t.eq(mh["status"], int(body["status"]), what + ": BA status")
            t.eq(mh["flags"]["K"], T(body["k"]), what + ": BA K")
            t.eq(mh["seq"], int(body["seq"]), what + ": BA seq")
            t.eq(mh["lifetime"], 4 * int(body["life"]), what + ": BA lifetime in seconds")
            t.eq(mh["status_name"], "Binding Update accepted", what + ": BA status name")
        elif kind == "be":
            t.eq(mh["status"], int(body["status"]), what + ": BE status")
            t.eq(mh["home_addr"], body["hoa"], what + ": BE home address")
        elif kind in ("hoti", "coti"):
            t.eq(mh.get("reserved2", 0), int(body["rsv"]), what + ": reserved")
            t.eq(int(mh["cookie"], 16), int(body["cookie"]), what + ": cookie")
        elif kind in ("hot", "cot"):
            t.eq(mh["nonce_index"], int(body["nonce_idx"]), what + ": nonce index")
            t.eq(int(mh["cookie"], 16), int(body["cookie"]), what + ": cookie")
            t.eq(int(mh["keygen_token"], 16), int(body["token"]), what + ": keygen token")
        elif kind == "brr":
            t.eq(mh.get("reserved2", 0), int(body["rsv"]), what + ": BRR reserved")
t.eq(seen, 8, "messages found in baseline_core.mobility_msg_output")

# ---------------------------------------------------------------------------
# 2. Home Address option and type 2 routing header baselines.
for fname, base, ext in (("ipv6-mobile-hoa.pcap", "baseline_core.mobile-ipv6-home-addr_output", "hao"),
                         ("ipv6-mobile-routing.pcap", "baseline_core.mobile-ipv6-routing_output", "rh2")):
    text = baseline(base).splitlines()
    conn = kv(text[1][1:-1])
    pkt = text[2]
    ip6 = kv(bracket_body(pkt, pkt.index("ip6=[") + len("ip6=")))
    udp = kv(bracket_body(pkt, pkt.index("udp=[") + len("udp=")))
    objs = t.decode_json(Z(fname))
    if not t.eq(len(objs), 1, fname + ": packets shown"):
        continue
    o = objs[0]
    L = o["layers"][0]
    t.eq(L["src"], ip6["src"], fname + ": IPv6 source as on the wire")
    t.eq(L["dst"], ip6["dst"], fname + ": IPv6 destination as on the wire")
    t.eq(L["plen"], int(ip6["len"]), fname + ": plen")
    t.eq(L["nxt"], int(ip6["nxt"]), fname + ": nxt")
    t.eq(L["hlim"], int(ip6["hlim"]), fname + ": hlim")
    if ext == "hao":
        # Zeek's connection originator is the home address of the HAO.
        t.eq(L.get("hao"), conn["orig_h"], fname + ": hao")
        t.eq(L.get("exthdrs"), [60], fname + ": exthdrs")
    else:
        # ... and its responder the home address of the type 2 RH.
        rt = kv(bracket_body(pkt, pkt.index("routing=[") + len("routing=")))
        t.eq(get(L, "rthdr.addr"), conn["resp_h"], fname + ": rthdr addr")
        t.eq(get(L, "rthdr.type"), int(rt["rtype"]), fname + ": rthdr type")
        t.eq(get(L, "rthdr.segleft"), int(rt["segleft"]), fname + ": rthdr segleft")
        t.eq(L.get("exthdrs"), [43], fname + ": exthdrs")
    t.eq(o.get("ul"), "udp", fname + ": ul")
    t.eq(get(o, "udp.sport"), int(udp["sport"].split("/")[0]), fname + ": sport")
    t.eq(get(o, "udp.dport"), int(udp["dport"].split("/")[0]), fname + ": dport")
    t.eq(get(o, "udp.len"), int(udp["ulen"]), fname + ": UDP length")

# ---------------------------------------------------------------------------
# 3. Checksums: Zeek flags exactly the bad MH, TCP and UDP checksums, the last
# two computed with the HAO's home address (baseline_core.mobility-checksums_bad.out).
weird = baseline("baseline_core.mobility-checksums_bad.out")
for name in ("bad_MH_checksum", "bad_TCP_checksum", "bad_UDP_checksum"):
    t.check(name in weird, "baseline lists " + name)
CK = {"mip6-good-mh-chksum.pcap": ("mh", True), "mip6-bad-mh-chksum.pcap": ("mh", False),
      "ip6-hoa-tcp-good-chksum.pcap": ("tcp", True), "ip6-hoa-tcp-bad-chksum.pcap": ("tcp", False),
      "ip6-hoa-udp-good-chksum.pcap": ("udp", True), "ip6-hoa-udp-bad-chksum.pcap": ("udp", False)}
with open(Z("mobility-checksums.test")) as f:
    named = f.read()
for fname, (ul, good) in sorted(CK.items()):
    t.check(fname in named, "mobility-checksums.test uses " + fname)
    lenient = t.decode_json(Z(fname))
    strict = t.decode_json(Z(fname), "--strict")
    if not (t.eq(len(lenient), 1, fname + ": shown") and t.eq(len(strict), 1, fname + ": shown strict")):
        continue
    o, s = lenient[0], strict[0]
    t.eq(get(o, ul + ".checksum_ok"), good, fname + ": checksum_ok")
    if good:
        t.eq(o["verdict"], "ok", fname + ": verdict")
        t.eq(s["verdict"], "ok", fname + ": strict verdict")
    else:
        t.eq(o["verdict"], "warnings", fname + ": verdict")
        t.eq(o["warnings"], ["cksum"], fname + ": warnings")
        t.eq(s["verdict"], "rejected", fname + ": strict verdict")
        t.eq(s.get("error_kind"), "bad checksum", fname + ": strict error kind")
    if ul != "mh":
        t.eq(o["layers"][0].get("hao"), "2001:78:1:32::1", fname + ": hao")

# Routing header type 0: the checksum's destination is the final address
# (RFC 8200 8.1). Good/bad as the files are named (tshark agrees); they carry
# no mobility content, so only --all shows them.
for proto in ("icmp6", "tcp", "udp"):
    for good in (True, False):
        fname = "ip6-route0-%s-%s-chksum.pcap" % (proto, "good" if good else "bad")
        t.eq(t.decode_json(Z(fname)), [], fname + ": not shown without --all")
        objs = t.decode_json(Z(fname), "--all")
        if t.eq(len(objs), 1, fname + ": shown with --all"):
            t.eq(get(objs[0], proto + ".checksum_ok"), good, fname + ": checksum_ok")
            t.eq(get(objs[0], "layers.0.rthdr.type"), 0, fname + ": rthdr type")

# ---------------------------------------------------------------------------
# 4. Broken destination options (baseline_core.mobile-ipv6-dst-opts_weird.log):
# Zeek reports bad_ipv6_dest_opt_len, multiple_home_addr_opts with
# invalid_IP_header_size, and bad_home_addr_len, one per packet.
weird = baseline("baseline_core.mobile-ipv6-dst-opts_weird.log")
for name in ("bad_ipv6_dest_opt_len", "multiple_home_addr_opts", "invalid_IP_header_size", "bad_home_addr_len"):
    t.check(name in weird, "baseline lists " + name)
lenient = t.by_frame(t.decode_json(Z("ipv6-mobility-dst-opts.pcap")))
strict = t.by_frame(t.decode_json(Z("ipv6-mobility-dst-opts.pcap"), "--strict"))
t.eq(sorted(lenient), [1, 2, 3], "dst-opts: every packet shown (lenient)")
t.eq(sorted(strict), [1, 2, 3], "dst-opts: every packet shown (strict)")
if sorted(lenient) == [1, 2, 3] and sorted(strict) == [1, 2, 3]:
    # 1: an option (type 0xca) whose length runs past the header.
    t.check("opt-trunc" in lenient[1]["warnings"], "dst-opts 1: opt-trunc warning")
    t.eq(strict[1].get("error"), "destination option runs past the end of its header", "dst-opts 1: strict error")
    t.eq(strict[1].get("error_offset"), 46, "dst-opts 1: error offset")
    # 2: two HAOs in a header longer than the IPv6 payload length says.
    for m, o in (("lenient", lenient[2]), ("strict", strict[2])):
        t.eq(o["verdict"], "rejected", "dst-opts 2 %s: verdict" % m)
        t.eq(o.get("error"), "destination options header length exceeds packet", "dst-opts 2 %s: error" % m)
    # 3: a HAO of length 1.
    t.check("optlen" in lenient[3]["warnings"], "dst-opts 3: optlen warning")
    t.eq(strict[3].get("error"), "Home Address option length is not 16", "dst-opts 3: strict error")
    for f in (1, 3):
        t.check("hao" not in lenient[f]["layers"][0], "dst-opts %d: no home address taken from a bad HAO" % f)

# ---------------------------------------------------------------------------
# 5. IPv6-in-IPv6: outer and inner addresses (values from tcpdump -v, an
# independent decoder: "IP6 ... > ...: IP6 ... > ...: UDP").
TUN = {
    "6in6.pcap": [[("2001:4f8:4:7:2e0:81ff:fe52:ffff", "2001:4f8:4:7:2e0:81ff:fe52:9a6b", 41, 52),
                   ("dead::beef", "cafe::babe", 17, 12)]],
    "6in6-tunnel-change.pcap": [[("2001:4f8:4:7:2e0:81ff:fe52:ffff", "2001:4f8:4:7:2e0:81ff:fe52:9a6b", 41, 52),
                                 ("dead::beef", "cafe::babe", 17, 12)],
                                [("feed::beef", "feed::cafe", 41, 52), ("dead::beef", "cafe::babe", 17, 12)]],
    "6in6in6.pcap": [[("feed::beef", "feed::cafe", 41, 92), ("babe::beef", "dead::babe", 41, 52),
                      ("dead::beef", "cafe::babe", 17, 12)]],
}
for fname, frames in TUN.items():
    objs = t.decode_json(Z(fname))
    if not t.eq(len(objs), len(frames), fname + ": tunnels shown (mobility content)"):
        continue
    for o, want in zip(objs, frames):
        got = [(L["src"], L["dst"], L["nxt"], L["plen"]) for L in o["layers"]]
        t.eq(got, want, "%s frame %d: layers (src, dst, nxt, plen)" % (fname, o["frame"]))
        t.eq((get(o, "udp.sport"), get(o, "udp.dport"), get(o, "udp.checksum_ok")), (30000, 13000, True),
             "%s frame %d: inner UDP" % (fname, o["frame"]))
        t.eq(o["verdict"], "ok", "%s frame %d: verdict" % (fname, o["frame"]))

t.finish()
