# SPDX-License-Identifier: BSD-3-Clause
"""scapy_mip6_examples.pcap (made by scapy, an independent encoder) decodes to
the values tshark 4.0 shows in scapy_mip6_examples.tshark_fields.txt: every
column, every frame. bu_ba.pcap is checked against the same numbers."""
from tooltest import Test, get

t = Test("tool_corpus_scapy")
t.need_corpus()
G = lambda name: t.pcap("generated", name)

with open(G("scapy_mip6_examples.tshark_fields.txt")) as f:
    rows = [l.rstrip("\n").split("|") for l in f if l.strip()]
cols = rows[0]
rows = [dict(zip(cols, r)) for r in rows[1:]]
t.eq(len(rows), 15, "frames in the tshark field file")

objs = t.by_frame(t.decode_json(G("scapy_mip6_examples.pcap")))
strict = t.by_frame(t.decode_json(G("scapy_mip6_examples.pcap"), "--strict"))
t.eq(sorted(objs), list(range(1, 16)), "every frame has mobility content and is shown")
for n, s in strict.items():
    t.eq(s["verdict"], "ok", "frame %d: strict verdict (a valid packet)" % n)


def opt(mh, name):
    for o in mh.get("options", []):
        if o.get("name") == name:
            return o
    return {}


def hex0x(s):
    return int(s, 16)


def flag(v):
    return v == "1"


def first_layer_with(o, key):
    for L in o["layers"]:
        if key in L:
            return L
    return {}


# column -> (function of the decoded object giving our value, conversion of tshark's text)
CHECK = {
    "ipv6.opt.mipv6.home_address": (lambda o, mh: first_layer_with(o, "hao").get("hao"), str),
    "ipv6.routing.type": (lambda o, mh: get(first_layer_with(o, "rthdr"), "rthdr.type"), int),
    "ipv6.routing.mipv6.home_address": (lambda o, mh: get(first_layer_with(o, "rthdr"), "rthdr.addr"), str),
    "mip6.mhtype": (lambda o, mh: mh.get("type"), int),
    "mip6.hlen": (lambda o, mh: mh.get("hlen"), int),
    "mip6.csum": (lambda o, mh: mh.get("checksum"), hex0x),
    "mip6.bu.seqnr": (lambda o, mh: mh.get("seq"), int),
    "mip6.bu.a_flag": (lambda o, mh: get(mh, "flags.A"), flag),
    "mip6.bu.h_flag": (lambda o, mh: get(mh, "flags.H"), flag),
    "mip6.nemo.bu.r_flag": (lambda o, mh: get(mh, "flags.R"), flag),
    # tshark shows the raw field; ours is in seconds (4 s units).
    "mip6.bu.lifetime": (lambda o, mh: mh.get("lifetime") // 4 if "lifetime" in mh else None, int),
    "mip6.ba.status": (lambda o, mh: mh.get("status"), int),
    "mip6.nemo.ba.r_flag": (lambda o, mh: get(mh, "flags.R"), flag),
    "mip6.ba.seqnr": (lambda o, mh: mh.get("seq"), int),
    "mip6.nemo.mnp.pfl": (lambda o, mh: opt(mh, "mobile-network-prefix").get("prefix_len"), int),
    "mip6.nemo.mnp.mnp": (lambda o, mh: opt(mh, "mobile-network-prefix").get("prefix"), str),
    "mip6.bi.bid": (lambda o, mh: opt(mh, "binding-id").get("bid"), int),
    "mip6.bi.coa_ipv6": (lambda o, mh: opt(mh, "binding-id").get("coa"), str),
    "mip6.ni.hni": (lambda o, mh: opt(mh, "nonce-indices").get("home_nonce_index"), int),
    "mip6.ni.cni": (lambda o, mh: opt(mh, "nonce-indices").get("careof_nonce_index"), int),
    "mip6.bad.auth": (lambda o, mh: opt(mh, "binding-auth-data").get("data"), str),
    "mip6.hoti.cookie": (lambda o, mh: mh.get("cookie"), lambda s: s[2:]),
    "mip6.hot.nindex": (lambda o, mh: mh.get("nonce_index"), int),
    # tshark 4.0 decodes the CoT keygen token as mip6.hot.token too.
    "mip6.hot.token": (lambda o, mh: mh.get("keygen_token"), lambda s: s[2:]),
    "mip6.be.status": (lambda o, mh: mh.get("status"), int),
    "mip6.be.haddr": (lambda o, mh: mh.get("home_addr"), str),
    "udp.checksum.status": (lambda o, mh: get(o, "udp.checksum_ok"), flag),
}
t.eq(sorted(set(cols) - {"frame.number"}), sorted(CHECK), "every tshark column has a check")

for r in rows:
    n = int(r["frame.number"])
    o = objs.get(n)
    if not t.check(o is not None, "frame %d shown" % n):
        continue
    mh = o.get("mh", {})
    t.eq(o["verdict"], "ok", "frame %d: verdict" % n)
    if mh:
        t.eq(mh.get("checksum_ok"), True, "frame %d: MH checksum verifies" % n)
    for col, (ours, conv) in CHECK.items():
        if r[col] == "":
            continue
        t.eq(ours(o, mh), conv(r[col]), "frame %d: %s" % (n, col))

# Tunnels: frames 6, 8 and 15 are IPv6-in-IPv6 (see the tcpdump text beside it).
for n, outer, inner in ((6, ("2001:db8:2::100", "2001:db8:1::1"), ("2001:db8:1::100", "2001:db8:9::9")),
                        (8, ("2001:db8:1::1", "2001:db8:2::100"), ("2001:db8:9::9", "2001:db8:1::100")),
                        (15, ("2001:db8:2::100", "2001:db8:1::1"), ("2001:db8:aaaa:1::5", "2001:db8:9::9"))):
    if n in objs:
        got = [(L["src"], L["dst"]) for L in objs[n]["layers"]]
        t.eq(got, [outer, inner], "frame %d: tunnel outer and inner addresses" % n)

# bu_ba.pcap: the minimal home BU + HAO and BA + RTHDR2 (same values as frames 1, 2).
bb = t.decode_json(G("bu_ba.pcap"), "--strict")
if t.eq(len(bb), 2, "bu_ba.pcap: packets"):
    bu, ba = bb[0], bb[1]
    t.eq((get(bu, "mh.type_name"), get(bu, "mh.seq"), get(bu, "mh.flags.A"), get(bu, "mh.flags.H"),
          get(bu, "mh.lifetime"), get(bu, "layers.0.hao")), ("BU", 1000, True, True, 1024, "2001:db8:1::100"),
         "bu_ba.pcap: BU")
    t.eq((get(ba, "mh.type_name"), get(ba, "mh.status"), get(ba, "mh.seq"), get(ba, "mh.lifetime"),
          get(ba, "layers.0.rthdr.addr")), ("BA", 0, 1000, 1024, "2001:db8:1::100"), "bu_ba.pcap: BA")

t.finish()
