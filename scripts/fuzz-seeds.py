#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Builds the seed corpora of the libFuzzer targets (fuzz/) from captures.

Reads every .pcap/.pcapng under SHARED/pcaps (and any extra capture given on
the command line), walks each IPv6 packet's header chain (through
IPv6-in-IPv6 tunnels) and writes, per target, the bytes that target decodes:

  fuzz_pkt              whole IPv6 packets (outer and inner)
  fuzz_mh, fuzz_mh_roundtrip   Mobility Headers
  fuzz_icmp6            ICMPv6 messages
  fuzz_dstopts          Destination Options headers
  fuzz_rthdr            routing headers
  fuzz_mip6tool_decode  whole capture files (and the IPv6 packets, which it
                        decodes as single raw frames)
  fuzz_node             programs of node operations (fuzz_node_progs.py)

A few hand-built messages the captures lack (ND, DHAAD, MPS/MPA, the RFC 4283,
4285 and 5648 mobility options) are added as well. Standard library only.

Usage: fuzz-seeds.py [--shared DIR] [--out DIR] [EXTRA.pcap ...]
"""
import argparse
import hashlib
import os
import struct
import sys

import fuzz_node_progs

TARGETS = ("fuzz_pkt", "fuzz_mh", "fuzz_mh_roundtrip", "fuzz_icmp6", "fuzz_dstopts", "fuzz_rthdr",
           "fuzz_mip6tool_decode", "fuzz_node")

# Link-layer header lengths before the IPv6 header, by link type.
LINK_SKIP = {
    0: 4,      # BSD loopback (4-byte address family)
    8: 16,     # SLIP as tcpdump writes it (16-byte pseudo header)
    12: 0,     # raw IP (DLT_RAW on some systems)
    14: 0,     # raw IP (OpenBSD)
    101: 0,    # LINKTYPE_RAW
    113: 16,   # Linux cooked capture
    229: 0,    # LINKTYPE_IPV6
    276: 20,   # Linux cooked capture v2
}
ETHERNET = 1

EXT_HDRS = (0, 43, 44, 51, 60)
PROTO_IPV6, PROTO_ROUTING, PROTO_FRAG, PROTO_AH, PROTO_ICMPV6, PROTO_MH, PROTO_DSTOPTS = 41, 43, 44, 51, 58, 135, 60


def read_pcap(data):
    """Yields (linktype, frame bytes) from a pcap or pcapng file."""
    if len(data) < 24:
        return
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        end = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        end = ">"
    elif magic == b"\x0a\x0d\x0d\x0a":
        yield from read_pcapng(data)
        return
    else:
        return
    linktype = struct.unpack(end + "I", data[20:24])[0] & 0xFFFF
    off = 24
    while off + 16 <= len(data):
        incl = struct.unpack(end + "I", data[off + 8:off + 12])[0]
        off += 16
        frame = data[off:off + incl]
        off += incl
        yield linktype, frame


def read_pcapng(data):
    end = "<"
    linktypes = []
    off = 0
    while off + 12 <= len(data):
        btype = struct.unpack(end + "I", data[off:off + 4])[0]
        if btype == 0x0A0D0D0A:
            bom = data[off + 8:off + 12]
            end = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">"
            linktypes = []
        blen = struct.unpack(end + "I", data[off + 4:off + 8])[0]
        if blen < 12 or off + blen > len(data):
            return
        body = data[off + 8:off + blen - 4]
        if btype == 1 and len(body) >= 2:
            linktypes.append(struct.unpack(end + "H", body[:2])[0])
        elif btype == 6 and len(body) >= 20:
            ifid, _, _, caplen, _ = struct.unpack(end + "IIIII", body[:20])
            if ifid < len(linktypes):
                yield linktypes[ifid], body[20:20 + caplen]
        elif btype == 3 and len(body) >= 4 and linktypes:
            yield linktypes[0], body[4:]
        off += blen


def ipv6_of_frame(linktype, frame):
    """The IPv6 packet in a frame, or None."""
    if linktype == ETHERNET:
        off = 12
        etype = frame[off:off + 2]
        while etype in (b"\x81\x00", b"\x88\xa8"):  # VLAN tags
            off += 4
            etype = frame[off:off + 2]
        if etype != b"\x86\xdd":
            return None
        pkt = frame[off + 2:]
    elif linktype in LINK_SKIP:
        pkt = frame[LINK_SKIP[linktype]:]
    else:
        return None
    if len(pkt) < 1 or pkt[0] >> 4 != 6:
        return None
    return pkt


def walk(pkt, out, depth=0):
    """Adds the seeds found in one IPv6 packet to out (a dict of lists)."""
    out["fuzz_pkt"].append(pkt)
    if len(pkt) < 40 or depth > 3:
        return
    plen = struct.unpack(">H", pkt[4:6])[0]
    end = min(len(pkt), 40 + plen)
    nxt = pkt[6]
    cur = 40
    for _ in range(8):
        if cur >= end:
            return
        rest = pkt[cur:end]
        if nxt in EXT_HDRS:
            if len(rest) < 2:
                return
            if nxt == PROTO_FRAG:
                hlen = 8
            elif nxt == PROTO_AH:
                hlen = (rest[1] + 2) * 4
            else:
                hlen = (rest[1] + 1) * 8
            if nxt == PROTO_DSTOPTS:
                out["fuzz_dstopts"].append(rest[:hlen])
            elif nxt == PROTO_ROUTING:
                out["fuzz_rthdr"].append(rest[:hlen])
            nxt = rest[0]
            cur += hlen
            continue
        if nxt == PROTO_IPV6:
            walk(rest, out, depth + 1)
        elif nxt == PROTO_MH:
            out["fuzz_mh"].append(rest)
        elif nxt == PROTO_ICMPV6:
            out["fuzz_icmp6"].append(rest)
        return


# ---------------------------------------------------------------------------
# Hand-built messages the shared captures do not hold.

SRC = bytes.fromhex("20010db8000000000000000000000001")  # same as fuzz/fuzz_common.h
DST = bytes.fromhex("20010db8000200000000000000000002")
HOA = bytes.fromhex("20010db8000100000000000000000064")
HA = bytes.fromhex("20010db8000100000000000000000001")
COA = bytes.fromhex("20010db8000900000000000000000099")
PREFIX = bytes.fromhex("20010db8000100000000000000000000")


def cksum(src, dst, nxt, data):
    ph = src + dst + struct.pack(">IxxxB", len(data), nxt) + data
    if len(ph) % 2:
        ph += b"\0"
    s = sum(struct.unpack(">%dH" % (len(ph) // 2), ph))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def icmp6(mtype, body, code=0, src=SRC, dst=DST):
    msg = bytearray(struct.pack(">BBH", mtype, code, 0) + body)
    struct.pack_into(">H", msg, 2, cksum(src, dst, PROTO_ICMPV6, bytes(msg)))
    return bytes(msg)


def nd_opt(otype, data):
    total = 2 + len(data)
    pad = (-total) % 8
    return bytes([otype, (total + pad) // 8]) + data + b"\0" * pad


def prefix_info(plen, flags, valid, pref, prefix):
    return nd_opt(3, struct.pack(">BBIII", plen, flags, valid, pref, 0) + prefix)


def icmp6_messages():
    lla = bytes.fromhex("020000000001")
    ra_opts = (nd_opt(1, lla) + nd_opt(5, struct.pack(">HI", 0, 1280)) +
               prefix_info(64, 0xE0, 86400, 14400, HA) + nd_opt(7, struct.pack(">HI", 0, 1500)) +
               nd_opt(8, struct.pack(">HhH", 0, -5, 1800)))
    mpa_opts = prefix_info(64, 0xC0, 3600, 1800, PREFIX) + prefix_info(64, 0xE0, 3600, 1800, HA)
    return {
        "rs": icmp6(133, b"\0" * 4 + nd_opt(1, lla)),
        "ra": icmp6(134, struct.pack(">BBHII", 64, 0xE0, 1800, 30000, 1000) + ra_opts),
        "ns": icmp6(135, b"\0" * 4 + HOA + nd_opt(1, lla)),
        "ns-dad": icmp6(135, b"\0" * 4 + HOA),
        "na": icmp6(136, struct.pack(">I", 0xE0000000) + HOA + nd_opt(2, lla)),
        "dhaad-req": icmp6(144, struct.pack(">HH", 0x1234, 0)),
        "dhaad-rep": icmp6(145, struct.pack(">HH", 0x1234, 0) + HA + COA),
        "mps": icmp6(146, struct.pack(">HH", 0x4321, 0)),
        "mpa": icmp6(147, struct.pack(">HH", 0x4321, 0xC000) + mpa_opts),
        "echo": icmp6(128, struct.pack(">HH", 7, 1) + b"mip6"),
        "param-prob": icmp6(4, struct.pack(">I", 42) + bytes([0x60]) + b"\0" * 47, code=0),
    }


# Mobility options: (type, data, alignment x, y), emitted with the padding
# the alignment needs (offsets from the start of the MH).
def mh(mtype, fixed, opts, src=SRC, dst=DST):
    body = bytearray(fixed)
    for otype, data, x, y in opts:
        pos = 6 + len(body)
        pad = (y - pos) % x if x > 1 else 0
        if pad == 1:
            body += b"\0"
        elif pad > 1:
            body += bytes([1, pad - 2]) + b"\0" * (pad - 2)
        body += bytes([otype, len(data)]) + data
    pad = (-(6 + len(body))) % 8
    if pad == 1:
        body += b"\0"
    elif pad > 1:
        body += bytes([1, pad - 2]) + b"\0" * (pad - 2)
    msg = bytearray(struct.pack(">BBBBH", 59, (6 + len(body)) // 8 - 1, mtype, 0, 0) + body)
    struct.pack_into(">H", msg, 4, cksum(src, dst, PROTO_MH, bytes(msg)))
    return bytes(msg)


def mh_messages():
    nai = b"mr1@example.org"
    mnid = (8, bytes([1]) + nai, 1, 0)
    mesgid = (10, struct.pack(">Q", 0xE8D4A51000000001), 8, 2)
    mnauth = (9, struct.pack(">BI", 1, 0x1000) + bytes(range(12)), 4, 1)
    bid_plain = (35, struct.pack(">HBB", 1, 0, 0), 2, 0)
    bid_v4 = (35, struct.pack(">HBB", 2, 0, 0x80) + bytes([192, 0, 2, 1]), 8, 2)
    bid_v6 = (35, struct.pack(">HBB", 3, 0, 0) + COA, 8, 2)
    mnp = (6, struct.pack(">BB", 0, 48) + PREFIX, 8, 4)
    bra = (2, struct.pack(">H", 75), 2, 0)
    altcoa = (3, COA, 8, 6)
    nonce = (4, struct.pack(">HH", 5, 6), 2, 0)
    auth = (5, bytes(range(0xA0, 0xAC)), 8, 2)
    bu = struct.pack(">HHH", 1000, 0xF400, 150)
    ba = lambda status, flags: struct.pack(">BBHH", status, flags, 1000, 150)
    return {
        "bu-mnid-4285": mh(5, bu, [mnid, mesgid, mnauth]),
        "bu-nemo-mcoa": mh(5, bu, [mnp, bid_plain, bid_v4, bid_v6]),
        "bu-ro": mh(5, struct.pack(">HHH", 7, 0x8000, 20), [altcoa, nonce, auth]),
        "ba-bra-bid": mh(6, ba(0, 0xC0), [bra, (35, struct.pack(">HBB", 2, 167, 0), 2, 0)]),
        "ba-mcoa": mh(6, ba(164, 0x80), []),
        "brr": mh(0, b"\0\0", []),
        "be": mh(7, bytes([2, 0]) + HOA, []),
        "hot": mh(3, struct.pack(">H", 9) + bytes(range(16)), []),
    }


def ipv6(nxt, payload, src=SRC, dst=DST, hlim=64):
    return struct.pack(">IHBB", 0x60000000, len(payload), nxt, hlim) + src + dst + payload


def synthetic(out):
    """Adds the hand-built seeds; returns the whole packets among them."""
    pkts = []
    for msg in icmp6_messages().values():
        out["fuzz_icmp6"].append(msg)
        pkts.append(ipv6(PROTO_ICMPV6, msg))
    for msg in mh_messages().values():
        out["fuzz_mh"].append(msg)
        pkts.append(ipv6(PROTO_MH, msg))
    # A BU from the care-of address with a HAO, a BA with a type 2 RH.
    bu = mh_messages()["bu-nemo-mcoa"]
    bu = mh(5, bu[6:12], [], src=HOA, dst=HA)
    hao = bytes([PROTO_MH, 2, 1, 2, 0, 0, 201, 16]) + HOA
    out["fuzz_dstopts"].append(hao)
    pkts.append(ipv6(PROTO_DSTOPTS, hao + bu, src=COA, dst=HA))
    ba = mh(6, struct.pack(">BBHH", 0, 0, 1000, 150), [], src=HA, dst=HOA)
    rh2 = bytes([PROTO_MH, 2, 2, 1, 0, 0, 0, 0]) + HOA
    out["fuzz_rthdr"].append(rh2)
    pkts.append(ipv6(PROTO_ROUTING, rh2 + ba, src=HA, dst=COA))
    # An RS through a reverse tunnel.
    rs = icmp6_messages()["rs"]
    pkts.append(ipv6(PROTO_IPV6, ipv6(PROTO_ICMPV6, rs), src=COA, dst=HA))
    out["fuzz_pkt"] += pkts
    return pkts


def pcap_file(packets):
    """A raw-IPv6 (linktype 229) pcap holding packets."""
    data = bytearray(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 229))
    for i, p in enumerate(packets):
        data += struct.pack("<IIII", 1700000000 + i, 0, len(p), len(p)) + p
    return bytes(data)


def pcapng_file(packets):
    """The same packets as pcapng, so the tool's pcapng path has a seed."""
    def block(btype, body):
        body += b"\0" * ((-len(body)) % 4)
        n = 12 + len(body)
        return struct.pack("<II", btype, n) + body + struct.pack("<I", n)
    data = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    data += block(1, struct.pack("<HHI", 229, 0, 65535))
    for i, p in enumerate(packets):
        ts = (1700000000 + i) * 1000000
        data += block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(p), len(p)) + p)
    return data


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(repo), "shared"),
                    help="the shared directory holding pcaps/ (default: ../shared next to the repo)")
    ap.add_argument("--out", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "mip6-fuzz-seeds"),
                    help="where the per-target seed directories go (default: $TMPDIR/mip6-fuzz-seeds)")
    ap.add_argument("extra", nargs="*", help="further pcap/pcapng files to take seeds from")
    args = ap.parse_args()

    pcaps_dir = os.path.join(args.shared, "pcaps")
    if not os.path.isdir(pcaps_dir):
        sys.exit("fuzz-seeds: no pcaps directory at %s (pass --shared DIR)" % pcaps_dir)
    files = []
    for root, _, names in os.walk(pcaps_dir):
        files += [os.path.join(root, n) for n in names if n.endswith((".pcap", ".pcapng"))]
    files = sorted(files) + list(args.extra)

    seeds = {t: [] for t in TARGETS}
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        seeds["fuzz_mip6tool_decode"].append(data)
        for linktype, frame in read_pcap(data):
            pkt = ipv6_of_frame(linktype, frame)
            if pkt is not None:
                walk(pkt, seeds)
    made = synthetic(seeds)
    seeds["fuzz_mip6tool_decode"] += [pcap_file(made), pcapng_file(made)]
    seeds["fuzz_mh_roundtrip"] = list(seeds["fuzz_mh"])
    # The tool target decodes a non-capture input as one raw IPv6 packet.
    seeds["fuzz_mip6tool_decode"] += seeds["fuzz_pkt"]
    seeds["fuzz_node"] = list(fuzz_node_progs.programs().values())

    for target, items in seeds.items():
        d = os.path.join(args.out, target)
        os.makedirs(d, exist_ok=True)
        names = set()
        for blob in items:
            name = hashlib.sha1(blob).hexdigest()
            if name in names:
                continue
            names.add(name)
            with open(os.path.join(d, name), "wb") as f:
                f.write(blob)
        print("%-22s %4d seeds" % (target, len(names)))
    print("seeds written to %s (from %d captures)" % (args.out, len(files)))


if __name__ == "__main__":
    main()
