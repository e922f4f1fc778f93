#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""scapy as an independent encoder: random packets in, mip6tool's JSON out.

Builds N random Mobile IPv6 packets with scapy (every MH message with random
field values, random mobility options with their RFC lengths, HAO, type 2
routing headers, IPv6-in-IPv6 tunnels, and the ICMPv6 messages of RFC 4861
and RFC 6275 with random options), writes them to a pcap, runs
`mip6tool decode --json` (lenient) and `--strict --json` on it and asserts
that every decoded field equals the value scapy was given, that every
checksum verifies (also recomputed here from the RFC pseudo-header rule),
and that the strict decoder accepts every packet.

Field names are those of docs/mip6tool.md. Run it with Debian's
/usr/bin/python3, which has python3-scapy. The seed is fixed and printed
on failure; --seed and --count change them.

Notes on scapy (2.5): its Nonce Indices and Binding Authorization Data
options default to length 16, so the RFC lengths 4 and 12 are set here; it
has no Binding Identifier class, so type 35 is a raw option given the
alignment of mh_opt.c (2n without a CoA, 8n+2 with one).
"""
import argparse
import ipaddress
import json
import os
import random
import struct
import subprocess
import sys

try:
    from scapy.layers.inet6 import (HAO, ICMPv6HAADReply, ICMPv6HAADRequest, ICMPv6MPAdv, ICMPv6MPSol,
                                    ICMPv6ND_NA, ICMPv6ND_NS, ICMPv6ND_RA, ICMPv6ND_RS,
                                    ICMPv6NDOptAdvInterval, ICMPv6NDOptDstLLAddr, ICMPv6NDOptHAInfo,
                                    ICMPv6NDOptMTU, ICMPv6NDOptPrefixInfo, ICMPv6NDOptSrcLLAddr, IPv6,
                                    IPv6ExtHdrDestOpt, IPv6ExtHdrRouting, MIP6MH_BA, MIP6MH_BE, MIP6MH_BRR,
                                    MIP6MH_BU, MIP6MH_CoT, MIP6MH_CoTI, MIP6MH_HoT, MIP6MH_HoTI,
                                    MIP6OptAltCoA, MIP6OptBindingAuthData, MIP6OptBRAdvice, MIP6OptMNID,
                                    MIP6OptMobNetPrefix, MIP6OptMsgAuth, MIP6OptNonceIndices,
                                    MIP6OptReplayProtection, MIP6OptUnknown)
except ImportError as e:
    sys.exit("scapy_random: %s runs without scapy (%s); run it with /usr/bin/python3 and install "
             "python3-scapy (scripts/setup.sh does)" % (sys.executable, e))


class MIP6OptBID(MIP6OptUnknown):
    """RFC 5648 4.3 Binding Identifier, built as a raw option (type 35)."""
    x = 2
    y = 0


class MIP6OptBIDCoA(MIP6OptUnknown):
    x = 8
    y = 2


class Z:
    """An expected value the tool omits when it is zero."""

    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return "%r (or absent)" % self.v


# ---------------------------------------------------------------- random values

class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def u(self, bits):
        return self.r.getrandbits(bits)

    def maybe(self, p):
        return self.r.random() < p

    def addr(self):
        # Global unicast in 2001:db8::/32 with a random rest.
        return str(ipaddress.IPv6Address(b"\x20\x01\x0d\xb8" + self.r.randbytes(12)))

    def anyaddr(self):
        return str(ipaddress.IPv6Address(self.r.randbytes(16)))

    def mac(self):
        return ":".join("%02x" % b for b in self.r.randbytes(6))

    def data(self, lo, hi):
        return self.r.randbytes(self.r.randint(lo, hi))

    def reserved(self, bits):
        """Reserved fields: mostly zero, sometimes random (the decoder must
        keep them, and senders may not have zeroed them)."""
        return self.u(bits) if self.maybe(0.3) else 0


# ---------------------------------------------------------------- mobility options

def mobility_option(g, kind):
    """A scapy option and the mip6tool JSON it should decode to."""
    if kind == "bra":
        v = g.u(16)
        return MIP6OptBRAdvice(rinter=v), {"type": 2, "len": 2, "refresh": v * 4}
    if kind == "altcoa":
        a = g.addr()
        return MIP6OptAltCoA(acoa=a), {"type": 3, "len": 16, "addr": a}
    if kind == "nonce":
        h, c = g.u(16), g.u(16)
        return (MIP6OptNonceIndices(olen=4, hni=h, coni=c),
                {"type": 4, "len": 4, "home_nonce_index": h, "careof_nonce_index": c})
    if kind == "auth":
        a = g.u(96)
        return (MIP6OptBindingAuthData(olen=12, authenticator=a),
                {"type": 5, "len": 12, "data": "%024x" % a})
    if kind == "mnp":
        res, plen, p = g.reserved(8), g.r.randint(0, 128), g.addr()
        return (MIP6OptMobNetPrefix(reserved=res, plen=plen, prefix=p),
                {"type": 6, "len": 18, "prefix_len": plen, "prefix": p, "reserved": Z(res)})
    if kind == "mnid":
        if g.maybe(0.6):
            ident = ("mr%d@example%d.org" % (g.u(16), g.u(8))).encode()
        else:
            ident = g.data(1, 40)
        sub = 1 if g.maybe(0.8) else g.u(8)
        return (MIP6OptMNID(subtype=sub, id=ident),
                {"type": 8, "len": 1 + len(ident), "subtype": sub, "id_bytes": ident.hex()})
    if kind == "mnauth":
        sub, spi, auth = g.r.choice((1, 2)), g.u(32), g.data(0, 32)
        return (MIP6OptMsgAuth(subtype=sub, mspi=spi, authdata=auth),
                {"type": 9, "len": 5 + len(auth), "subtype": sub, "spi": spi, "auth": auth.hex()})
    if kind == "mesgid":
        ts = g.u(64)
        return MIP6OptReplayProtection(timestamp=ts), {"type": 10, "len": 8, "timestamp": "%016x" % ts}
    if kind == "bid":
        bid, status, flags = g.u(16), g.u(8), g.u(8)
        coa = g.r.choice((None, "v4", "v6"))
        body = struct.pack(">HBB", bid, status, flags)
        exp = {"type": 35, "bid": bid, "status": status, "flags_raw": flags, "flags": {"H": bool(flags & 0x80)}}
        if coa == "v4":
            a = ".".join(str(g.u(8)) for _ in range(4))
            body += ipaddress.IPv4Address(a).packed
            exp["coa"] = a
        elif coa == "v6":
            a = g.addr()
            body += ipaddress.IPv6Address(a).packed
            exp["coa"] = a
        exp["len"] = len(body)
        cls = MIP6OptBID if coa is None else MIP6OptBIDCoA
        return cls(otype=35, olen=len(body), odata=body), exp
    raise ValueError(kind)


OPTION_KINDS = ("bra", "altcoa", "nonce", "mnp", "mnid", "mnauth", "mesgid", "bid")


def mobility_options(g, most):
    n = g.r.randint(0, most)
    kinds = [g.r.choice(OPTION_KINDS) for _ in range(n)]
    if most and g.maybe(0.25):
        kinds.append("auth")  # Binding Authorization Data goes last (RFC 6275 6.2.7)
    pairs = [mobility_option(g, k) for k in kinds]
    return [p[0] for p in pairs], [p[1] for p in pairs]


# ---------------------------------------------------------------- messages

def mobility_header(g):
    """A random MH message: (scapy layer, expected 'mh' object)."""
    mtype = g.r.choice((0, 1, 2, 3, 4, 5, 5, 5, 6, 6, 6, 7))
    res = g.reserved(8)
    exp = {"type": mtype, "proto": 59, "reserved": Z(res), "checksum_ok": True}
    most = 5 if mtype in (5, 6) else (2 if g.maybe(0.3) else 0)
    opts, exp_opts = mobility_options(g, most)
    exp["options"] = exp_opts
    if mtype == 0:
        r2 = g.reserved(16)
        mh = MIP6MH_BRR(res=res, res2=r2, options=opts)
        exp["reserved2"] = Z(r2)
    elif mtype in (1, 2):
        r2, cookie = g.reserved(16), g.r.randbytes(8)
        cls = MIP6MH_HoTI if mtype == 1 else MIP6MH_CoTI
        mh = cls(res=res, reserved=struct.pack(">H", r2), cookie=cookie, options=opts)
        exp.update(reserved2=Z(r2), cookie=cookie.hex())
    elif mtype in (3, 4):
        idx, cookie, tok = g.u(16), g.r.randbytes(8), g.r.randbytes(8)
        cls = MIP6MH_HoT if mtype == 3 else MIP6MH_CoT
        mh = cls(res=res, index=idx, cookie=cookie, token=tok, options=opts)
        exp.update(nonce_index=idx, cookie=cookie.hex(), keygen_token=tok.hex())
    elif mtype == 5:
        seq, flags7, rsv9, life = g.u(16), g.u(7), g.reserved(9), g.u(16)
        mh = MIP6MH_BU(res=res, seq=seq, flags=flags7, reserved=rsv9, mhtime=life, options=opts)
        raw = flags7 << 9 | rsv9  # scapy's 7 flags, LSB first: P R M K L H A
        exp.update(seq=seq, flags_raw=raw, lifetime=life * 4,
                   flags={n: bool(raw & b) for n, b in (("A", 0x8000), ("H", 0x4000), ("L", 0x2000),
                                                        ("K", 0x1000), ("M", 0x0800), ("R", 0x0400),
                                                        ("P", 0x0200))})
    elif mtype == 6:
        status = g.r.choice((0, 1, 4, 5, 128, 129, 135, 139, 140, 141, 142, 143, 144, 145, 146,
                             164, 165, 166, 167, 168, 169, g.u(8)))
        flags3, rsv5, seq, life = g.u(3), g.reserved(5), g.u(16), g.u(16)
        mh = MIP6MH_BA(res=res, status=status, flags=flags3, res2=rsv5, seq=seq, mhtime=life, options=opts)
        raw = flags3 << 5 | rsv5  # scapy's 3 flags, LSB first: P R K
        exp.update(status=status, seq=seq, flags_raw=raw, lifetime=life * 4,
                   flags={"K": bool(raw & 0x80), "R": bool(raw & 0x40), "P": bool(raw & 0x20)})
    else:
        status, r2, home = g.r.choice((1, 2)), g.reserved(8), g.addr()
        mh = MIP6MH_BE(res=res, status=status, reserved=r2, ha=home, options=opts)
        exp.update(status=status, reserved2=Z(r2), home_addr=home)
    return mh, exp


def prefix_option(g):
    L, A, R, res1 = g.u(1), g.u(1), g.u(1), g.reserved(5)
    plen, valid, pref, res2, p = g.r.randint(0, 128), g.u(32), g.u(32), g.reserved(32), g.addr()
    o = ICMPv6NDOptPrefixInfo(prefixlen=plen, L=L, A=A, R=R, res1=res1, validlifetime=valid,
                              preferredlifetime=pref, res2=res2, prefix=p)
    raw = L << 7 | A << 6 | R << 5 | res1
    return o, {"type": 3, "len": 4, "prefix_len": plen, "flags_raw": raw,
               "flags": {"L": bool(L), "A": bool(A), "R": bool(R)}, "valid": valid, "preferred": pref,
               "prefix": p, "reserved": Z(res2)}


def nd_option(g, kind):
    if kind in ("slla", "tlla"):
        m = g.mac()
        cls = ICMPv6NDOptSrcLLAddr if kind == "slla" else ICMPv6NDOptDstLLAddr
        return cls(lladdr=m), {"type": 1 if kind == "slla" else 2, "len": 1, "lladdr": m}
    if kind == "mtu":
        v = g.u(32)
        return ICMPv6NDOptMTU(mtu=v), {"type": 5, "len": 1, "mtu": v}
    if kind == "prefix":
        return prefix_option(g)
    if kind == "advint":
        v = g.u(32)
        return ICMPv6NDOptAdvInterval(advint=v), {"type": 7, "len": 1, "interval_ms": v}
    if kind == "hainfo":
        res = 0x8000 if g.maybe(0.5) else 0
        pref, life = g.u(16), g.u(16)
        return (ICMPv6NDOptHAInfo(res=res, pref=pref, lifetime=life),
                {"type": 8, "len": 1, "flags_raw": res, "flags": {"R": bool(res)},
                 "preference": pref - 65536 if pref >= 32768 else pref, "lifetime": life})
    raise ValueError(kind)


def nd_options(g, kinds, most):
    pairs = [nd_option(g, g.r.choice(kinds)) for _ in range(g.r.randint(0, most))]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def icmp6_message(g):
    """A random ICMPv6 message: (scapy layer, expected 'icmp6' object, ND?)."""
    t = g.r.choice((133, 134, 135, 136, 144, 145, 146, 147))
    exp = {"type": t, "code": 0, "checksum_ok": True}
    if t == 133:
        res = g.reserved(32)
        opts, eo = nd_options(g, ("slla",), 1)
        m = ICMPv6ND_RS(res=res)
        exp.update(reserved=Z(res), options=eo)
    elif t == 134:
        M, O, H = g.u(1), g.u(1), g.u(1)
        hl, life, reach, retr = g.u(8), g.u(16), g.u(32), g.u(32)
        opts, eo = nd_options(g, ("slla", "mtu", "prefix", "advint", "hainfo"), 5)
        m = ICMPv6ND_RA(chlim=hl, M=M, O=O, H=H, prf=0, P=0, res=0, routerlifetime=life,
                        reachabletime=reach, retranstimer=retr)
        exp.update(hop_limit=hl, flags={"M": bool(M), "O": bool(O), "H": bool(H)},
                   flags_raw=M << 7 | O << 6 | H << 5, router_lifetime=life, reachable=reach,
                   retrans=retr, options=eo)
    elif t == 135:
        res, tgt = g.reserved(32), g.addr()
        opts, eo = nd_options(g, ("slla",), 1)
        m = ICMPv6ND_NS(res=res, tgt=tgt)
        exp.update(reserved=Z(res), target=tgt, options=eo)
    elif t == 136:
        R, S, O, res, tgt = g.u(1), g.u(1), g.u(1), g.reserved(29), g.addr()
        opts, eo = nd_options(g, ("tlla",), 1)
        m = ICMPv6ND_NA(R=R, S=S, O=O, res=res, tgt=tgt)
        word = R << 31 | S << 30 | O << 29 | res
        exp.update(flags={"R": bool(R), "S": bool(S), "O": bool(O)}, flags_raw=word >> 24,
                   reserved=Z(word & 0xFFFFFF), target=tgt, options=eo)
    elif t in (144, 145):
        ident, R, res = g.u(16), g.u(1), g.reserved(15)
        opts, eo = [], None
        exp.update(id=ident, flags={"R": bool(R)}, flags_raw=R << 15 | res)
        if t == 144:
            m = ICMPv6HAADRequest(id=ident, R=R, res=res)
        else:
            addrs = [g.addr() for _ in range(g.r.randint(0, 4))]
            m = ICMPv6HAADReply(id=ident, R=R, res=res, addresses=addrs)
            exp["addrs"] = addrs
    elif t == 146:
        ident, res = g.u(16), g.reserved(16)
        opts, eo = [], None
        m = ICMPv6MPSol(id=ident, res=res)
        exp.update(id=ident, reserved=Z(res))
    else:
        ident, flags, res = g.u(16), g.u(2), g.reserved(14)
        opts, eo = nd_options(g, ("prefix",), 3)
        m = ICMPv6MPAdv(id=ident, flags=flags, res=res)
        raw = flags << 14 | res
        exp.update(id=ident, flags={"M": bool(raw & 0x8000), "O": bool(raw & 0x4000)}, flags_raw=raw,
                   options=eo)
    for o in opts:
        m = m / o
    return m, exp


def packet(g):
    """A random packet: (scapy packet, expected JSON object)."""
    layers = []
    src, dst, hlim = g.addr(), g.addr(), g.u(8)
    inner = {"src": src, "dst": dst, "hlim": hlim}
    ip = IPv6(src=src, dst=dst, hlim=hlim)
    if g.maybe(0.7):
        ul, exp_ul = mobility_header(g)
        key = "mh"
        if exp_ul["type"] == 5 and g.maybe(0.6):
            hoa = g.addr()
            ip = ip / IPv6ExtHdrDestOpt(options=[HAO(hoa=hoa)])
            inner["hao"] = hoa
        elif exp_ul["type"] in (0, 3, 6) and g.maybe(0.6):
            hoa = g.addr()
            ip = ip / IPv6ExtHdrRouting(type=2, segleft=1, addresses=[hoa])
            inner["rthdr"] = {"type": 2, "segleft": 1, "addr": hoa}
    else:
        ul, exp_ul = icmp6_message(g)
        key = "icmp6"
        if exp_ul["type"] in (133, 134, 135, 136):
            ip.hlim = inner["hlim"] = 255
    pkt = ip / ul
    if g.maybe(0.15):
        o_src, o_dst = g.addr(), g.addr()
        pkt = IPv6(src=o_src, dst=o_dst, hlim=64) / pkt
        layers.append({"src": o_src, "dst": o_dst, "hlim": 64, "nxt": 41})
    layers.append(inner)
    return pkt, {"layers": layers, "ul": key, key: exp_ul, "warnings": [], "verdict": "ok"}


# ---------------------------------------------------------------- comparison

def compare(exp, got, path, errs):
    if isinstance(exp, Z):
        if (got if got is not None else 0) != exp.v:
            errs.append("%s: %r, want %r" % (path, got, exp))
    elif isinstance(exp, dict):
        if not isinstance(got, dict):
            errs.append("%s: %r, want an object" % (path, got))
            return
        for k, v in exp.items():
            if k == "id_bytes":  # mn-id: "id" when printable text, else "id_hex"
                have = got["id"].encode() if "id" in got else bytes.fromhex(got.get("id_hex", ""))
                if have.hex() != v:
                    errs.append("%s.id: %r, want %s" % (path, have, bytes.fromhex(v)))
            elif k == "options":
                compare_options(v, got.get("options", []), path + ".options", path.endswith("mh"), errs)
            else:
                compare(v, got.get(k), "%s.%s" % (path, k), errs)
    elif isinstance(exp, list):
        if not isinstance(got, list) or len(got) != len(exp):
            errs.append("%s: %r, want %r" % (path, got, exp))
            return
        for i, (e, h) in enumerate(zip(exp, got)):
            compare(e, h, "%s[%d]" % (path, i), errs)
    elif exp != got:
        errs.append("%s: %r, want %r" % (path, got, exp))


def compare_options(exp, got, path, mobility, errs):
    """Options in wire order; for mobility options, Pad1 and PadN aside
    (where they go is scapy's choice)."""
    if exp is None:
        exp = []
    real = [o for o in got if not mobility or o.get("type") not in (0, 1)]
    for o in got:
        if mobility and o.get("type") == 1 and "data" in o:
            errs.append("%s: PadN with non-zero data %s" % (path, o["data"]))
    if len(real) != len(exp):
        errs.append("%s: %d options %s, want %d %s" % (path, len(real), [o.get("name") for o in real],
                                                         len(exp), [o["type"] for o in exp]))
        return
    for i, (e, h) in enumerate(zip(exp, real)):
        compare(e, h, "%s[%d]" % (path, i), errs)


def cksum(src, dst, nxt, data):
    ph = src + dst + struct.pack(">IxxxB", len(data), nxt) + data
    if len(ph) % 2:
        ph += b"\0"
    s = sum(struct.unpack(">%dH" % (len(ph) // 2), ph))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def walk(raw):
    """Reads the bytes scapy wrote with the RFC rules: per IPv6 header its
    payload length and next header, then the innermost upper layer, and
    whether its checksum verifies over the RFC 6275 6.1.1 / RFC 8200 8.1
    pseudo-header (HoA of the HAO as source, HoA of the type 2 RH as
    destination). Returns (layers, proto, upper-layer bytes, checksum ok)."""
    layers = []
    while True:
        src, dst, nxt, off = raw[8:24], raw[24:40], raw[6], 40
        layers.append({"plen": struct.unpack(">H", raw[4:6])[0], "nxt": nxt})
        while nxt in (60, 43):
            if nxt == 60:
                i = off + 2
                while i < off + (raw[off + 1] + 1) * 8:
                    if raw[i] == 0:
                        i += 1
                        continue
                    if raw[i] == 201:
                        src = raw[i + 2:i + 18]
                    i += 2 + raw[i + 1]
            elif raw[off + 2] == 2:
                dst = raw[off + 8:off + 24]
            nxt, off = raw[off], off + (raw[off + 1] + 1) * 8
        if nxt != 41:
            return layers, nxt, raw[off:], cksum(src, dst, nxt, raw[off:]) == 0
        raw = raw[off:]


# ---------------------------------------------------------------- main

def write_pcap(path, packets):
    """Raw IPv6 (LINKTYPE_RAW) pcap, one packet per record."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101))
        for i, p in enumerate(packets):
            f.write(struct.pack("<IIII", 1700000000 + i, 0, len(p), len(p)) + p)


def decode(tool, pcap, strict):
    cmd = [tool, "decode", "--json"] + (["--strict"] if strict else []) + [pcap]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if p.returncode != 0:
        sys.exit("%s failed (%d): %s" % (" ".join(cmd), p.returncode, p.stderr))
    out = {}
    for line in p.stdout.splitlines():
        obj = json.loads(line)
        out[obj["frame"]] = obj
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mip6tool", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=20241127)
    args = ap.parse_args()

    g = Gen(args.seed)
    pkts, expected = [], []
    for _ in range(args.count):
        p, e = packet(g)
        pkts.append(p)
        expected.append(e)
    os.makedirs(args.workdir, exist_ok=True)
    pcap = os.path.join(args.workdir, "scapy_random_%d.pcap" % args.seed)
    raws = [bytes(p) for p in pkts]
    write_pcap(pcap, raws)

    lenient = decode(args.mip6tool, pcap, False)
    strict = decode(args.mip6tool, pcap, True)
    failures = []
    for i, (raw, exp) in enumerate(zip(raws, expected)):
        frame = i + 1
        errs = []
        layers, proto, ul, ok = walk(raw)
        if not ok:
            errs.append("scapy's checksum does not verify by the RFC pseudo-header rule")
        # What only the bytes tell: lengths, next headers, the checksum field.
        for el, bl in zip(exp["layers"], layers):
            el.update(bl)
        if proto == 135:
            exp["mh"].update(hlen=len(ul) // 8 - 1, checksum=struct.unpack(">H", ul[4:6])[0])
        elif proto == 58:
            exp["icmp6"]["checksum"] = struct.unpack(">H", ul[2:4])[0]
        got = lenient.get(frame)
        if got is None:
            errs.append("not printed by mip6tool decode")
        else:
            compare(exp, got, "json", errs)
            sverdict = strict.get(frame, {}).get("verdict")
            if sverdict != "ok":
                errs.append("strict verdict %r: %s" % (sverdict, strict.get(frame, {}).get("error")))
        if errs:
            failures.append((frame, raw, exp, got, errs))

    if failures:
        print("scapy oracle: %d of %d packets differ (seed %d, pcap %s)" % (len(failures), len(raws),
                                                                           args.seed, pcap))
        for frame, raw, exp, got, errs in failures[:15]:
            print("frame %d: %s" % (frame, raw.hex()))
            for e in errs[:10]:
                print("    " + e)
            print("    decoded: %s" % json.dumps(got)[:600])
        return 1
    kinds = {}
    for e in expected:
        k = ("MH %d" % e["mh"]["type"]) if "mh" in e else ("ICMPv6 %d" % e["icmp6"]["type"])
        kinds[k] = kinds.get(k, 0) + 1
    nopts = sum(len(e["mh"]["options"]) for e in expected if "mh" in e)
    print("scapy oracle: %d random packets (seed %d, %d mobility options; %s) decode to the values "
          "scapy set" % (len(raws), args.seed, nopts, ", ".join("%s: %d" % kv for kv in sorted(kinds.items()))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
