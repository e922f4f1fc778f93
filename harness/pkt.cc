// SPDX-License-Identifier: BSD-3-Clause
#include "pkt.h"

#include <cstdio>
#include <cstdlib>

namespace mip6h
{

mip6_addr_t A(const char *text)
{
	mip6_addr_t a;
	if (mip6_addr_pton(text, &a) != 0) {
		fprintf(stderr, "harness: bad address literal '%s'\n", text);
		abort();
	}
	return a;
}

std::string S(const mip6_addr_t &a)
{
	char b[MIP6_ADDR_STRLEN];
	return mip6_addr_ntop(&a, b);
}

bool is_multicast(const mip6_addr_t &a)
{
	return a.b[0] == 0xff;
}
bool is_link_local(const mip6_addr_t &a)
{
	return a.b[0] == 0xfe && (a.b[1] & 0xc0) == 0x80;
}
mip6_addr_t all_nodes()
{
	return A("ff02::1");
}
mip6_addr_t all_routers()
{
	return A("ff02::2");
}

mip6_addr_t with_iid(const mip6_addr_t &prefix, const mip6_addr_t &iid)
{
	mip6_addr_t a = prefix;
	for (int i = 8; i < 16; i++)
		a.b[i] = iid.b[i];
	return a;
}

mip6_addr_t addr_plus(const mip6_addr_t &prefix, uint32_t n)
{
	mip6_addr_t a = prefix;
	uint64_t carry = n;
	for (int i = 15; i >= 12 && carry; i--) {
		carry += a.b[i];
		a.b[i] = static_cast<uint8_t>(carry);
		carry >>= 8;
	}
	return a;
}

Bytes build_ip6(const mip6_addr_t &src, const mip6_addr_t &dst, uint8_t nxt, const Bytes &payload,
                uint8_t hlim)
{
	Bytes out(MIP6_IP6_HLEN + payload.size());
	mip6_ip6_t h = {};
	h.plen = static_cast<uint16_t>(payload.size());
	h.nxt = nxt;
	h.hlim = hlim;
	h.src = src;
	h.dst = dst;
	mip6_ip6_emit(&h, out.data());
	std::copy(payload.begin(), payload.end(), out.begin() + MIP6_IP6_HLEN);
	return out;
}

Bytes build_udp(const mip6_addr_t &src, const mip6_addr_t &dst, uint16_t sport, uint16_t dport,
                const Bytes &payload, uint8_t hlim)
{
	Bytes u(8 + payload.size());
	size_t ulen = u.size();
	u[0] = static_cast<uint8_t>(sport >> 8);
	u[1] = static_cast<uint8_t>(sport);
	u[2] = static_cast<uint8_t>(dport >> 8);
	u[3] = static_cast<uint8_t>(dport);
	u[4] = static_cast<uint8_t>(ulen >> 8);
	u[5] = static_cast<uint8_t>(ulen);
	std::copy(payload.begin(), payload.end(), u.begin() + 8);
	uint16_t ck =
	    mip6_cksum_pseudo(&src, &dst, static_cast<uint32_t>(ulen), MIP6_PROTO_UDP, u.data(), ulen);
	if (ck == 0)
		ck = 0xffff; // RFC 8200 8.1: a computed zero is sent as all ones
	u[6] = static_cast<uint8_t>(ck >> 8);
	u[7] = static_cast<uint8_t>(ck);
	return build_ip6(src, dst, MIP6_PROTO_UDP, u, hlim);
}

Bytes build_icmp6(const mip6_addr_t &src, const mip6_addr_t &dst, const mip6_icmp6_t &m, uint8_t hlim)
{
	uint8_t buf[1500];
	int n = mip6_icmp6_emit(&m, &src, &dst, 0, buf, sizeof(buf));
	if (n < 0)
		return {};
	return build_ip6(src, dst, MIP6_PROTO_ICMPV6, Bytes(buf, buf + n), hlim);
}

Bytes build_echo(const mip6_addr_t &src, const mip6_addr_t &dst, bool reply, uint16_t id, uint16_t seq,
                 const Bytes &data, uint8_t hlim)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, reply ? MIP6_ICMP6_ECHO_REPLY : MIP6_ICMP6_ECHO_REQUEST);
	m.u.echo.id = id;
	m.u.echo.seq = seq;
	m.body = data.data();
	m.body_len = static_cast<unsigned>(data.size());
	return build_icmp6(src, dst, m, hlim);
}

Bytes build_mh(const mip6_addr_t &src, const mip6_addr_t &dst, const mip6_mh_t &m, uint8_t hlim)
{
	uint8_t buf[2048];
	int n = mip6_mh_emit(&m, &src, &dst, 0, buf, sizeof(buf));
	if (n < 0)
		return {};
	return build_ip6(src, dst, MIP6_PROTO_MH, Bytes(buf, buf + n), hlim);
}

Bytes encap(const mip6_addr_t &src, const mip6_addr_t &dst, const Bytes &pkt, uint8_t hlim)
{
	return build_ip6(src, dst, MIP6_PROTO_IPV6, pkt, hlim);
}

// One's complement checksum hc after the 16-bit word m became m1 (RFC
// 1624, eqn. 3).
static uint16_t cksum_update(uint16_t hc, uint16_t m, uint16_t m1)
{
	uint32_t s = static_cast<uint16_t>(~hc) + static_cast<uint32_t>(static_cast<uint16_t>(~m)) + m1;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return static_cast<uint16_t>(~s);
}

bool patch_upper(Bytes &pkt, size_t upper_off, size_t cksum_at, size_t at, const Bytes &data)
{
	if (upper_off + cksum_at + 2 > pkt.size() || upper_off + at + data.size() > pkt.size())
		return false;
	uint8_t *u = pkt.data() + upper_off;
	uint16_t ck = static_cast<uint16_t>(u[cksum_at] << 8 | u[cksum_at + 1]);
	for (size_t i = 0; i < data.size(); i++) {
		const size_t k = at + i, w = k & ~static_cast<size_t>(1);
		const uint16_t before = static_cast<uint16_t>(u[w] << 8 | u[w + 1]);
		u[k] = data[i];
		const uint16_t after = static_cast<uint16_t>(u[w] << 8 | u[w + 1]);
		ck = cksum_update(ck, before, after);
	}
	u[cksum_at] = static_cast<uint8_t>(ck >> 8);
	u[cksum_at + 1] = static_cast<uint8_t>(ck);
	return true;
}

size_t mh_option_at(const uint8_t *mh, size_t len, uint8_t type)
{
	if (len < 6)
		return 0;
	// The fixed part of the message before its options (RFC 6275 6.1).
	size_t i;
	switch (mh[2]) {
	case MIP6_MH_BRR:
		i = 8;
		break;
	case MIP6_MH_HOTI:
	case MIP6_MH_COTI:
		i = 16;
		break;
	case MIP6_MH_HOT:
	case MIP6_MH_COT:
		i = 24;
		break;
	case MIP6_MH_BU:
	case MIP6_MH_BA:
		i = 12;
		break;
	default:
		return 0;
	}
	while (i < len) {
		if (mh[i] == 0) { // Pad1
			i++;
			continue;
		}
		if (i + 2 > len)
			return 0;
		if (mh[i] == type)
			return i + 2;
		i += 2u + mh[i + 1];
	}
	return 0;
}

bool ip6_header(const uint8_t *p, size_t len, mip6_ip6_t *h)
{
	mip6_diag_t d = {};
	return mip6_ip6_parse(p, len, h, &d) == 0;
}

static std::string ul_text(const mip6_pkt_t &pk, const uint8_t *p)
{
	char b[96];
	const mip6_layer_t &l = pk.layer[pk.nlayers - 1];
	switch (pk.ul) {
	case MIP6_UL_MH: {
		const char *n = mip6_mh_type_name(pk.mh.type);
		if (pk.mh.type == MIP6_MH_BU)
			snprintf(b, sizeof(b), "MH BU seq %u flags 0x%04x life %u", pk.mh.u.bu.seq,
			         pk.mh.u.bu.flags, pk.mh.u.bu.lifetime * 4u);
		else if (pk.mh.type == MIP6_MH_BA)
			snprintf(b, sizeof(b), "MH BA status %u seq %u life %u", pk.mh.u.ba.status,
			         pk.mh.u.ba.seq, pk.mh.u.ba.lifetime * 4u);
		else if (pk.mh.type == MIP6_MH_BE)
			snprintf(b, sizeof(b), "MH BE status %u", pk.mh.u.be.status);
		else
			snprintf(b, sizeof(b), "MH %s", n ? n : "type?");
		return b;
	}
	case MIP6_UL_ICMP6: {
		const char *n = mip6_icmp6_type_name(pk.icmp6.type);
		if (pk.icmp6.type == MIP6_ICMP6_ECHO_REQUEST || pk.icmp6.type == MIP6_ICMP6_ECHO_REPLY)
			snprintf(b, sizeof(b), "ICMPv6 %s id %u seq %u", n ? n : "echo", pk.icmp6.u.echo.id,
			         pk.icmp6.u.echo.seq);
		else if (n)
			snprintf(b, sizeof(b), "ICMPv6 %s", n);
		else
			snprintf(b, sizeof(b), "ICMPv6 type %u", pk.icmp6.type);
		return b;
	}
	case MIP6_UL_UDP: {
		FlowTag t;
		size_t off = l.upper_off + 8;
		if (l.upper_len >= 8 && parse_flow_tag(p + off, l.upper_len - 8, &t))
			snprintf(b, sizeof(b), "UDP %u>%u flow %u seq %u%s", pk.sport, pk.dport, t.flow,
			         t.seq, t.reply ? " reply" : "");
		else
			snprintf(b, sizeof(b), "UDP %u>%u", pk.sport, pk.dport);
		return b;
	}
	case MIP6_UL_TCP:
		snprintf(b, sizeof(b), "TCP %u>%u", pk.sport, pk.dport);
		return b;
	default:
		snprintf(b, sizeof(b), "proto %u", l.upper);
		return b;
	}
}

std::string summarize(const uint8_t *p, size_t len)
{
	mip6_pkt_t pk;
	mip6_pkt_parse(p, len, MIP6_DEC_LENIENT, &pk);
	if (pk.nlayers == 0)
		return "(not IPv6, " + std::to_string(len) + " bytes)";
	std::string s;
	for (unsigned i = 0; i < pk.nlayers; i++) {
		const mip6_layer_t &l = pk.layer[i];
		bool inner = i + 1 == pk.nlayers;
		if (!inner)
			s += "[";
		s += S(l.ip.src) + " > " + S(l.ip.dst);
		if (l.has_hao)
			s += " hao " + S(l.hao);
		if (l.has_rh && l.rh.type == 2)
			s += " rh2 " + S(l.rh.first);
		s += inner ? " " : "] ";
	}
	s += ul_text(pk, p);
	s += " len " + std::to_string(len);
	return s;
}

bool is_mh(const uint8_t *p, size_t len, uint8_t *type)
{
	mip6_pkt_t pk;
	mip6_pkt_parse(p, len, MIP6_DEC_LENIENT, &pk);
	if (pk.nlayers == 0 || pk.ul != MIP6_UL_MH)
		return false;
	if (type)
		*type = pk.mh.type;
	return true;
}

bool is_icmp6(const uint8_t *p, size_t len, uint8_t type)
{
	mip6_pkt_t pk;
	mip6_pkt_parse(p, len, MIP6_DEC_LENIENT, &pk);
	return pk.nlayers && pk.ul == MIP6_UL_ICMP6 && (type == 0 || pk.icmp6.type == type);
}

static const uint8_t kMagic[4] = {'M', '6', 'H', 'F'};

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = static_cast<uint8_t>(v >> 24);
	p[1] = static_cast<uint8_t>(v >> 16);
	p[2] = static_cast<uint8_t>(v >> 8);
	p[3] = static_cast<uint8_t>(v);
}

static uint32_t get32(const uint8_t *p)
{
	return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}

// magic(4) flow(4) seq(4) flags(4) sent(8), then zero padding to len.
Bytes flow_payload(const FlowTag &t, size_t len)
{
	Bytes b(len < kFlowTagLen ? kFlowTagLen : len, 0);
	std::copy(kMagic, kMagic + 4, b.begin());
	put32(&b[4], t.flow);
	put32(&b[8], t.seq);
	put32(&b[12], t.reply ? 1 : 0);
	put32(&b[16], static_cast<uint32_t>(t.sent >> 32));
	put32(&b[20], static_cast<uint32_t>(t.sent));
	return b;
}

bool parse_flow_tag(const uint8_t *p, size_t len, FlowTag *t)
{
	if (len < kFlowTagLen || !std::equal(kMagic, kMagic + 4, p))
		return false;
	t->flow = get32(p + 4);
	t->seq = get32(p + 8);
	t->reply = get32(p + 12) & 1;
	t->sent = uint64_t(get32(p + 16)) << 32 | get32(p + 20);
	return true;
}

} // namespace mip6h
