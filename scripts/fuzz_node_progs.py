# SPDX-License-Identifier: BSD-3-Clause
"""Seed programs of the fuzz_node target (fuzz/fuzz_node.c), written with a
small assembler that mirrors the target's decoder: each operation is its
opcode and the fixed fields it reads, in order. Used by fuzz-seeds.py.

Each program reaches one deep state: a home registration at an HA, a keyed
(RFC 4285) BU, an MR's explicit-mode registration (at the HA and on the
MR), an MCoA bulk BU, a return routability run (on the MN and at a CN).
Run one with FUZZ_NODE_DEBUG=1 to see the traces and counters it reaches.
"""
import struct

# Opcodes (enum opcode in fuzz_node.c).
(OP_TIME, OP_LINK, OP_ADDR, OP_OPRES, OP_ANSWER_ALL, OP_BUS, OP_BUS_RAW, OP_COMMAND, OP_ALLOC_FAIL,
 OP_ERRRATE, OP_MH, OP_ICMP, OP_DATA, OP_RAW, OP_REPLY, OP_BU) = range(16)

# Configurations and variant bits.
CFG_HA, CFG_CN, CFG_MN, CFG_MR, CFG_HA_CN = range(5)
V_TIME_OF_DAY, V_SERVE_ONLY, V_OPTIMISTIC, V_DHAAD, V_NO_BULK, V_MN_AUTH, V_ONE_IF = (
    0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40)

# Address pool indices (pool[] in fuzz_node.c).
UNSPEC, HA, HOA0, HOA1, HOA2, HOA3, CN, CN2, COA_A, COA_B, RTR1, RTR2, ALLNODES = range(13)
MNP_HOST = 15
# Prefix indices (prefixes[]).
P_HOME, P_A, P_B = 0, 1, 2

# Delivery byte.
IF1, IF2, OUTPUT, ENCAP = 0, 1, 0x04, 0x10

# bu_flags() bits.
F_A, F_H, F_L, F_K, F_R, F_O = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20
# op_bu option mask.
O_ALTCOA, O_BID, O_MNP, O_MNID, O_MESGID, O_MNAUTH, O_NOHAO, O_BADAUTH = (
    0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80)
O_KEYED = O_MNID | O_MESGID | O_MNAUTH


def u16(v):
    return struct.pack(">H", v)


def time(mode, amount):
    """mode 0: to the next timeout; 1: amount ms; 2: amount s."""
    return bytes([OP_TIME, mode]) + u16(amount)


def settle(n=6):
    """Answers every pending platform operation and runs the timers, n times."""
    return (bytes([OP_ANSWER_ALL, 0]) + time(1, 200)) * n


def bu(client, coa, dst, seq, flags, lifetime, opts=0, nb=0, extra=0, d=IF2):
    return bytes([OP_BU, client, coa, dst]) + u16(seq) + bytes([flags]) + u16(lifetime) + bytes(
        [opts, nb, extra, d])


def ra(prefix, d, src=RTR1, lifetime=1800, raflags=0):
    # ICMP type index 3 = RA; flags word: high byte RA flags, bit 1 reachable
    # time, bit 0 clear (hop limit 255); one prefix option, on-link and
    # autonomous (a2 low bits 6), valid 3600 s (a2 >> 3 == 3).
    return bytes([OP_ICMP, 3, src, ALLNODES, 0, 0]) + u16(lifetime) + u16((raflags << 8) | 2) + bytes(
        [0, 1, 0, prefix, 6 | (3 << 3), d])


def data(src, dst, d, hao=0, rh2=0, extra=b""):
    return bytes([OP_DATA, src, dst, hao, rh2]) + u16(1000) + u16(2000) + bytes([4]) + b"ping" + bytes(
        [d]) + extra


def reply(what, *fields):
    return bytes([OP_REPLY, what]) + b"".join(fields)


def rr_hint(peer):
    # BUS: type RR_HINT (10), cmd, status, hoa, coa, peer, prefix, plen,
    # flags, bid, ifindex, lifetime.
    return bytes([OP_BUS, 10, 0, 0, HOA0, 0, peer, 0, 0]) + u16(0) + u16(0) + bytes([0]) + u16(0)


def mh_init(mtype, src, dst, seed, d=IF1):
    return bytes([OP_MH, mtype, src, dst, 0, 0, seed, d])


def programs():
    """name -> program bytes."""
    p = {}
    head = bytes([CFG_HA, 0, 0])
    # A home registration, refreshed, traffic both ways, de-registered.
    p["ha-home-registration"] = (
        head + bu(0, COA_A, HA, 1, F_A | F_H, 100) + settle(2) +
        data(HOA0, CN2, ENCAP, extra=bytes([COA_A, HA])) + data(CN2, HOA0, OUTPUT) + time(2, 60) +
        bu(0, COA_A, HA, 2, F_A | F_H, 100) + settle(1) + bu(0, HOA0, HA, 3, F_A | F_H, 0, O_NOHAO, d=IF1) +
        settle(2))
    # RFC 4285: a signed BU of a keyed client, and one with a wrong authenticator.
    p["ha-keyed-bu"] = (
        head + bu(1, COA_A, HA, 1, F_A | F_H, 100, O_KEYED) + settle(2) +
        bu(1, COA_B, HA, 2, F_A | F_H, 100, O_KEYED | O_BADAUTH) + settle(1))
    p["ha-keyed-bu-tod"] = (bytes([CFG_HA, V_TIME_OF_DAY | V_SERVE_ONLY, 0]) +
                            bu(1, COA_A, HA, 1, F_A | F_H, 100, O_KEYED) + settle(2))
    # RFC 3963 explicit mode: a keyed MR claims its two prefixes.
    p["ha-mr-explicit"] = (
        head + bu(2, COA_B, HA, 1, F_A | F_H | F_R, 100, O_MNP | O_KEYED) + settle(3) +
        data(CN2, MNP_HOST, OUTPUT) + data(MNP_HOST, CN2, ENCAP, extra=bytes([COA_B, HA])))
    # RFC 5648 bulk registration: two BIDs with their care-of addresses.
    p["ha-mcoa-bulk"] = (
        head + bu(3, COA_A, HA, 1, F_A | F_H | F_R, 100, O_BID | O_MNP, nb=0x21) + settle(3) +
        bu(0, COA_A, HA, 1, F_A | F_H | F_O, 100, O_BID, nb=0x21) + settle(3) + data(CN2, HOA0, OUTPUT))
    # The mobile node: care-of addresses on both links, a bulk BU, the BA.
    mn = bytes([CFG_MN, 0, 0]) + ra(P_A, IF1) + ra(P_B, IF2) + settle(1)
    p["mn-mcoa-bulk"] = mn + reply(0, b"\x00\x00", u16(0), bytes([IF1])) + settle(2)
    # ... then return routability with a correspondent and its BA.
    p["mn-route-optimisation"] = (
        mn + reply(0, b"\x00\x00", u16(0), bytes([IF1])) + settle(2) + rr_hint(CN2) + settle(2) +
        reply(1, u16(7), bytes([0x11, IF1])) + reply(2, u16(8), bytes([0x22, IF1])) + settle(2) +
        reply(3, b"\x00\x00", u16(0), bytes([IF1])) + settle(2) + data(HOA0, CN2, OUTPUT))
    # Home agent discovery (DHAAD) first.
    p["mn-dhaad"] = (bytes([CFG_MN, V_DHAAD | V_ONE_IF, 0]) + ra(P_A, IF1) + settle(4) +
                     reply(5, bytes([1, IF1])) + settle(4) + reply(0, b"\x00\x00", u16(0), bytes([IF1])) +
                     settle(2))
    # The mobile router in explicit mode: registered, then its network's traffic.
    p["mr-explicit"] = (
        bytes([CFG_MR, V_MN_AUTH, 0]) + ra(P_A, IF1) + settle(1) +
        reply(0, b"\x00\x00", u16(0), bytes([IF1])) + settle(3) + data(MNP_HOST, CN2, OUTPUT))
    # A correspondent: HoTI, CoTI, then a BU signed with its tokens.
    cn = (mh_init(1, HOA0, CN, 5) + mh_init(2, COA_A, CN, 9) + reply(4, u16(1), bytes([F_A]), u16(100),
                                                                    bytes([IF1])) + settle(1) +
          data(COA_A, CN, IF1, hao=HOA0) + data(CN, HOA0, OUTPUT))
    p["cn-return-routability"] = bytes([CFG_CN, 0, 0]) + cn
    p["ha-cn-both"] = (bytes([CFG_HA_CN, 0, 0]) + bu(0, COA_A, HA, 1, F_A | F_H, 100) + settle(2) +
                       mh_init(1, HOA1, HA, 5, IF2) + mh_init(2, COA_B, HA, 9, IF2) +
                       reply(4, u16(1), bytes([F_A]), u16(100), bytes([IF2])) + settle(1))
    return p
