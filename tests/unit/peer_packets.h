/* SPDX-License-Identifier: BSD-3-Clause */
// Packets as a peer sends them (home agent, correspondent, mobile node or
// any host), built with the library's own emitters so every checksum is
// right unless a test spoils it on purpose. A Home Address option makes the
// home address the checksum source and a type 2 routing header makes it the
// checksum destination (RFC 6275 6.1.7, 6.4, 6.3).
#pragma once

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <utility>
#include <vector>

extern "C" {
#include "mip6/icmp6.h"
#include "mip6/ipv6.h"
#include "mip6/mh.h"
#include "mip6/packet.h"
}

namespace t
{

// Wraps the upper layer already in b with an optional HAO, an optional
// RH2 and the IPv6 header src -> dst.
inline std::vector<uint8_t> finish_ip6(mip6_buf_t &b, uint8_t nxt, const mip6_addr_t &src,
                                       const mip6_addr_t &dst, uint8_t hlim, const mip6_addr_t *hao,
                                       const mip6_addr_t *rh2)
{
	if (hao) {
		if (mip6_buf_push_hao(&b, nxt, hao) != 0)
			throw std::runtime_error("mip6_buf_push_hao failed");
		nxt = MIP6_PROTO_DSTOPTS;
	}
	if (rh2) {
		if (mip6_buf_push_rh2(&b, nxt, rh2) != 0)
			throw std::runtime_error("mip6_buf_push_rh2 failed");
		nxt = MIP6_PROTO_ROUTING;
	}
	mip6_ip6_t h{};
	h.nxt = nxt;
	h.hlim = hlim;
	h.src = src;
	h.dst = dst;
	if (mip6_buf_push_ip6(&b, &h) != 0)
		throw std::runtime_error("mip6_buf_push_ip6 failed");
	return {mip6_buf_data(&b), mip6_buf_data(&b) + b.len};
}

// Upper-layer bytes (checksum already set) behind the headers above.
inline std::vector<uint8_t> with_ip6(const std::vector<uint8_t> &upper, uint8_t nxt, const mip6_addr_t &src,
                                     const mip6_addr_t &dst, uint8_t hlim = 64,
                                     const mip6_addr_t *hao = nullptr, const mip6_addr_t *rh2 = nullptr)
{
	std::vector<uint8_t> mem(upper.size() + 256);
	mip6_buf_t b;
	mip6_buf_init(&b, mem.data(), mem.size(), 256);
	if (!upper.empty())
		memcpy(mip6_buf_put(&b, upper.size()), upper.data(), upper.size());
	return finish_ip6(b, nxt, src, dst, hlim, hao, rh2);
}

// MH m from src to dst, with an optional HAO / RH2.
inline std::vector<uint8_t> build_mh(const mip6_mh_t &m, const mip6_addr_t &src, const mip6_addr_t &dst,
                                     const mip6_addr_t *hao = nullptr, const mip6_addr_t *rh2 = nullptr)
{
	uint8_t mem[4096];
	mip6_buf_t b;
	mip6_buf_init(&b, mem, sizeof(mem), 256);
	int n =
	    mip6_mh_emit(&m, hao ? hao : &src, rh2 ? rh2 : &dst, 0, mip6_buf_data(&b), mip6_buf_tailroom(&b));
	if (n < 0)
		throw std::runtime_error("mip6_mh_emit failed");
	mip6_buf_put(&b, static_cast<size_t>(n));
	return finish_ip6(b, MIP6_PROTO_MH, src, dst, 64, hao, rh2);
}

// ICMPv6 message m from src to dst, with an optional HAO / RH2.
inline std::vector<uint8_t> icmp6(const mip6_icmp6_t &m, const mip6_addr_t &src, const mip6_addr_t &dst,
                                  uint8_t hlim = 64, const mip6_addr_t *hao = nullptr,
                                  const mip6_addr_t *rh2 = nullptr)
{
	uint8_t mem[4096];
	mip6_buf_t b;
	mip6_buf_init(&b, mem, sizeof(mem), 256);
	int n = mip6_icmp6_emit(&m, hao ? hao : &src, rh2 ? rh2 : &dst, 0, mip6_buf_data(&b),
	                        mip6_buf_tailroom(&b));
	if (n < 0)
		throw std::runtime_error("mip6_icmp6_emit failed");
	mip6_buf_put(&b, static_cast<size_t>(n));
	return finish_ip6(b, MIP6_PROTO_ICMPV6, src, dst, hlim, hao, rh2);
}

// A UDP datagram ("ping") src -> dst with a valid checksum, as the
// platform's stack hands it over; with a HAO the home address is the
// checksum source.
inline std::vector<uint8_t> udp(const mip6_addr_t &src, const mip6_addr_t &dst,
                                const mip6_addr_t *hao = nullptr, uint8_t hlim = 64, uint16_t sport = 1000,
                                uint16_t dport = 2000)
{
	std::vector<uint8_t> u = {static_cast<uint8_t>(sport >> 8),
	                          static_cast<uint8_t>(sport),
	                          static_cast<uint8_t>(dport >> 8),
	                          static_cast<uint8_t>(dport),
	                          0,
	                          12,
	                          0,
	                          0,
	                          'p',
	                          'i',
	                          'n',
	                          'g'};
	uint16_t c = mip6_cksum_pseudo(hao ? hao : &src, &dst, static_cast<uint32_t>(u.size()),
	                               MIP6_PROTO_UDP, u.data(), u.size());
	u[6] = static_cast<uint8_t>(c >> 8);
	u[7] = static_cast<uint8_t>(c);
	return with_ip6(u, MIP6_PROTO_UDP, src, dst, hlim, hao);
}

// pkt inside IPv6-in-IPv6 from src to dst (RFC 2473).
inline std::vector<uint8_t> encap(const std::vector<uint8_t> &pkt, const mip6_addr_t &src,
                                  const mip6_addr_t &dst)
{
	std::vector<uint8_t> mem(pkt.size() + 256);
	mip6_buf_t b;
	mip6_buf_init(&b, mem.data(), mem.size(), 256);
	memcpy(mip6_buf_put(&b, pkt.size()), pkt.data(), pkt.size());
	if (mip6_buf_encap(&b, &src, &dst, 64) != 0)
		throw std::runtime_error("mip6_buf_encap failed");
	return {mip6_buf_data(&b), mip6_buf_data(&b) + b.len};
}

// Offset and length of the upper layer (the MH) in a built packet, for
// signing or spoiling it in place.
inline std::pair<size_t, size_t> mh_span(const std::vector<uint8_t> &pkt)
{
	mip6_pkt_t p;
	if (mip6_pkt_parse(pkt.data(), pkt.size(), MIP6_DEC_LENIENT, &p) != 0 || p.nlayers == 0)
		throw std::runtime_error("cannot parse");
	const mip6_layer_t &l = p.layer[p.nlayers - 1];
	return {l.upper_off, l.upper_len};
}

} // namespace t
