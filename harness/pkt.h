/* SPDX-License-Identifier: BSD-3-Clause */
// Packet helpers for the harness and the scenarios: address literals,
// builders for IPv6/UDP/ICMPv6, a one-line summary for logs, and the tag
// that traffic flows carry in their UDP payload.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" {
#include "mip6/addr.h"
#include "mip6/icmp6.h"
#include "mip6/ipv6.h"
#include "mip6/mh.h"
#include "mip6/packet.h"
#include "mip6/timer.h"
}

namespace mip6h
{

using Bytes = std::vector<uint8_t>;

// Address literal; aborts on a typo (a test bug, not a runtime condition).
mip6_addr_t A(const char *text);
std::string S(const mip6_addr_t &a);
bool is_multicast(const mip6_addr_t &a);
bool is_link_local(const mip6_addr_t &a);
mip6_addr_t all_nodes();   // ff02::1
mip6_addr_t all_routers(); // ff02::2
// a with its last 64 bits replaced by the interface identifier of iid.
mip6_addr_t with_iid(const mip6_addr_t &prefix, const mip6_addr_t &iid);
// prefix + n in the last 32 bits ("2001:db8:1::" + 5 -> 2001:db8:1::5).
mip6_addr_t addr_plus(const mip6_addr_t &prefix, uint32_t n);

// An IPv6 packet: header + payload (nxt names the payload).
Bytes build_ip6(const mip6_addr_t &src, const mip6_addr_t &dst, uint8_t nxt, const Bytes &payload,
                uint8_t hlim = 64);
Bytes build_udp(const mip6_addr_t &src, const mip6_addr_t &dst, uint16_t sport, uint16_t dport,
                const Bytes &payload, uint8_t hlim = 64);
Bytes build_icmp6(const mip6_addr_t &src, const mip6_addr_t &dst, const mip6_icmp6_t &m, uint8_t hlim = 64);
Bytes build_echo(const mip6_addr_t &src, const mip6_addr_t &dst, bool reply, uint16_t id, uint16_t seq,
                 const Bytes &data = {}, uint8_t hlim = 64);
// An MH message built from a record (checksum over src/dst; pass the HAO /
// RTHDR2 home addresses for cksum_src/cksum_dst when the caller adds them).
Bytes build_mh(const mip6_addr_t &src, const mip6_addr_t &dst, const mip6_mh_t &m, uint8_t hlim = 64);
// Wraps pkt in an outer IPv6 header (IPv6-in-IPv6).
Bytes encap(const mip6_addr_t &src, const mip6_addr_t &dst, const Bytes &pkt, uint8_t hlim = 64);

// Rewrites data.size() bytes at 'at' of the upper-layer message that
// starts at upper_off and keeps its checksum (at cksum_at in the message:
// 4 for an MH, 2 for ICMPv6) right by incremental update, as an attacker
// or a test that alters a message in flight would. False when out of range.
bool patch_upper(Bytes &pkt, size_t upper_off, size_t cksum_at, size_t at, const Bytes &data);

// Offset in an MH of the data of its first option of 'type' (after the
// option's type and length bytes), 0 when absent. BRR, HoTI/CoTI,
// HoT/CoT, BU and BA.
size_t mh_option_at(const uint8_t *mh, size_t len, uint8_t type);

// Fixed-header fields without a full parse. False if shorter than 40 bytes
// or not version 6.
bool ip6_header(const uint8_t *p, size_t len, mip6_ip6_t *h);

// "2001:db8:c::2 > 2001:db8:1::100 UDP 40000>7 len 84", tunnels shown as
// "[a > b] inner...".
std::string summarize(const uint8_t *p, size_t len);
// Mobility Header anywhere in the packet (tunneled too).
bool is_mh(const uint8_t *p, size_t len, uint8_t *type = nullptr);
// ICMPv6 of the given type (innermost layer); type 0 = any ICMPv6.
bool is_icmp6(const uint8_t *p, size_t len, uint8_t type = 0);

// The tag a traffic flow puts at the start of its UDP payload.
struct FlowTag {
	uint32_t flow = 0;
	uint32_t seq = 0;
	bool reply = false;
	mip6_ns_t sent = 0;
};
constexpr size_t kFlowTagLen = 24;
Bytes flow_payload(const FlowTag &t, size_t len);
bool parse_flow_tag(const uint8_t *p, size_t len, FlowTag *t);

} // namespace mip6h
