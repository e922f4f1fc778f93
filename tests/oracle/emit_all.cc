// SPDX-License-Identifier: BSD-3-Clause
// Writes one raw-IPv6 pcap holding every message and option the project
// emits, built only with the core's emit functions and mip6_buf builders,
// and a JSON file with the field values each packet is meant to carry
// (Wireshark field names). tshark_oracle.py checks the two against tshark.
//
//   emit_all OUT.pcap OUT.json
#include <pcap/pcap.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

extern "C" {
#include "mip6/addr.h"
#include "mip6/buf.h"
#include "mip6/icmp6.h"
#include "mip6/mh.h"
#include "mip6/packet.h"
#include "mip6/rr.h"
}

namespace {

using Bytes = std::vector<uint8_t>;
using Fields = std::vector<std::pair<std::string, std::vector<std::string>>>;

[[noreturn]] void die(const std::string &what, int rc = 0)
{
	std::fprintf(stderr, "emit_all: %s%s%s\n", what.c_str(), rc ? ": " : "", rc ? mip6_strerror(rc) : "");
	std::exit(1);
}

mip6_addr_t A(const char *s)
{
	mip6_addr_t a;
	if (mip6_addr_pton(s, &a) != 0)
		die(std::string("bad address ") + s);
	return a;
}

std::string S(const mip6_addr_t &a)
{
	char buf[MIP6_ADDR_STRLEN];
	return mip6_addr_ntop(&a, buf);
}

std::string N(unsigned long long v) { return std::to_string(v); }

std::string H(const uint8_t *p, size_t n)
{
	static const char *digits = "0123456789abcdef";
	std::string s;
	for (size_t i = 0; i < n; i++) {
		s += digits[p[i] >> 4];
		s += digits[p[i] & 15];
	}
	return s;
}

std::string Hv(const Bytes &b) { return H(b.data(), b.size()); }

uint64_t be64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

// The nodes of the example: a home agent, a mobile node (router) with its
// home address and two care-of addresses, and a correspondent node.
const mip6_addr_t HA = A("2001:db8:1::1");
const mip6_addr_t HA2 = A("2001:db8:1::2");
const mip6_addr_t HOA = A("2001:db8:1::100");
const mip6_addr_t COA = A("2001:db8:2::100");
const mip6_addr_t COA2 = A("2001:db8:3::100");
const mip6_addr_t CN = A("2001:db8:9::9");
const mip6_addr_t HA_LL = A("fe80::1");
const mip6_addr_t MN_LL = A("fe80::200:ff:fe00:100");
const mip6_addr_t ALL_NODES = A("ff02::1");
const mip6_addr_t ALL_ROUTERS = A("ff02::2");
const mip6_addr_t UNSPEC = A("::");
const mip6_addr_t HA_ANYCAST = A("2001:db8:1:0:fdff:ffff:ffff:fffe"); // RFC 2526
const uint8_t HA_MAC[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
const uint8_t MN_MAC[6] = {0x02, 0x00, 0x00, 0x00, 0x01, 0x00};

// RR material: the correspondent's key and nonces, from which the HoT/CoT
// keygen tokens and the BU's Kbm follow (RFC 6275 5.2).
const uint8_t KCN[MIP6_KCN_LEN] = {0x4b, 0x63, 0x6e, 0x2d, 0x6f, 0x72, 0x61, 0x63, 0x6c, 0x65,
				   0x2d, 0x6b, 0x65, 0x79, 0x2d, 0x32, 0x30, 0x62, 0x79, 0x74};
const uint8_t HOME_NONCE[MIP6_NONCE_LEN] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88};
const uint8_t COA_NONCE[MIP6_NONCE_LEN] = {0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x01};
const uint16_t HOME_NONCE_IDX = 0x0102;
const uint16_t COA_NONCE_IDX = 0x0304;
const uint8_t HOME_COOKIE[8] = {0xc0, 0x0c, 0x1e, 0x00, 0x00, 0x00, 0x00, 0x01};
const uint8_t COA_COOKIE[8] = {0xc0, 0x0c, 0x1e, 0x00, 0x00, 0x00, 0x00, 0x02};
// RFC 4285 MESG-ID: NTP seconds of 2024-11-27 12:34:56 UTC and 1/16 s. The
// fraction is below 1e9 because Wireshark 4.0 reads it as nanoseconds.
const uint64_t MESGID_TS = (uint64_t)3941699696ull << 32 | 0x10000000u;

struct Frame {
	std::string name;
	Bytes bytes;
	Fields fields;
	std::string extra; // extra JSON members (without braces), or empty
};

std::vector<Frame> frames;

// How a packet travels: the IPv6 source and destination, and optionally a
// Home Address option, a type 2 routing header, an outer tunnel header.
struct Path {
	mip6_addr_t src, dst;
	const mip6_addr_t *hao = nullptr;
	const mip6_addr_t *rh2 = nullptr;
	const mip6_addr_t *tun_src = nullptr, *tun_dst = nullptr;
	uint8_t hlim = 64;
	// The pseudo-header addresses of the upper-layer checksum.
	const mip6_addr_t &ck_src() const { return hao ? *hao : src; }
	const mip6_addr_t &ck_dst() const { return rh2 ? *rh2 : dst; }
};

// Wraps an upper-layer message in the headers of its path, with the
// builders of core/include/mip6/packet.h.
Bytes wrap(const Path &pa, uint8_t proto, const Bytes &ul, Fields &f)
{
	static uint8_t mem[8192];
	mip6_buf_t b;
	mip6_buf_init(&b, mem, sizeof(mem), 512);
	uint8_t *at = mip6_buf_put(&b, ul.size());
	if (!at)
		die("buffer too small");
	std::memcpy(at, ul.data(), ul.size());
	uint8_t nxt = proto;
	int rc;
	if (pa.rh2) {
		if ((rc = mip6_buf_push_rh2(&b, nxt, pa.rh2)))
			die("push_rh2", rc);
		nxt = MIP6_PROTO_ROUTING;
		f.push_back({"ipv6.routing.type", {"2"}});
		f.push_back({"ipv6.routing.segleft", {"1"}});
		f.push_back({"ipv6.routing.mipv6.home_address", {S(*pa.rh2)}});
	}
	if (pa.hao) {
		if ((rc = mip6_buf_push_hao(&b, nxt, pa.hao)))
			die("push_hao", rc);
		f.push_back({"ipv6.dstopts.nxt", {N(nxt)}});
		nxt = MIP6_PROTO_DSTOPTS;
		f.push_back({"ipv6.opt.mipv6.home_address", {S(*pa.hao)}});
	}
	mip6_ip6_t ip = {};
	ip.nxt = nxt;
	ip.hlim = pa.hlim;
	ip.src = pa.src;
	ip.dst = pa.dst;
	if ((rc = mip6_buf_push_ip6(&b, &ip)))
		die("push_ip6", rc);
	if (pa.tun_src) {
		if ((rc = mip6_buf_encap(&b, pa.tun_src, pa.tun_dst, 64)))
			die("encap", rc);
		f.push_back({"ipv6.src", {S(*pa.tun_src), S(pa.src)}});
		f.push_back({"ipv6.dst", {S(*pa.tun_dst), S(pa.dst)}});
		f.push_back({"ipv6.nxt", {N(MIP6_PROTO_IPV6), N(nxt)}});
		f.push_back({"ipv6.plen", {N(b.len - 40), N(b.len - 80)}});
	} else {
		f.push_back({"ipv6.src", {S(pa.src)}});
		f.push_back({"ipv6.dst", {S(pa.dst)}});
		f.push_back({"ipv6.nxt", {N(nxt)}});
		f.push_back({"ipv6.plen", {N(b.len - 40)}});
		f.push_back({"ipv6.hlim", {N(pa.hlim)}});
	}
	return Bytes(mip6_buf_data(&b), mip6_buf_data(&b) + b.len);
}

// ---------------------------------------------------------------- MH

Bytes emit_mh(const mip6_mh_t &m, const Path &pa)
{
	uint8_t out[MIP6_MH_MAX_LEN];
	int n = mip6_mh_emit(&m, &pa.ck_src(), &pa.ck_dst(), 0, out, sizeof(out));
	if (n < 0)
		die("mip6_mh_emit", n);
	return Bytes(out, out + n);
}

void add_mh(const std::string &name, const Path &pa, Bytes mh, Fields f, const std::string &extra = "")
{
	Fields all;
	Bytes pkt = wrap(pa, MIP6_PROTO_MH, mh, all);
	all.push_back({"mip6.proto", {"59"}});
	all.push_back({"mip6.hlen", {N(mh.size() / 8 - 1)}});
	all.push_back({"mip6.mhtype", {N(mh[2])}});
	all.push_back({"mip6.reserved", {N(mh[3])}});
	all.push_back({"mip6.csum", {N((unsigned)mh[4] << 8 | mh[5])}});
	for (auto &x : f)
		all.push_back(std::move(x));
	frames.push_back({name, std::move(pkt), std::move(all), extra});
}

mip6_mhopt_t *opt(mip6_mh_t &m, uint8_t type)
{
	mip6_mhopt_t *o = mip6_mh_add_opt(&m, type);
	if (!o)
		die("too many options");
	return o;
}

void token(const mip6_addr_t &addr, const uint8_t *nonce, bool careof, uint8_t out[MIP6_TOKEN_LEN])
{
	int rc = mip6_rr_keygen(KCN, sizeof(KCN), &addr, nonce, MIP6_NONCE_LEN, careof, out);
	if (rc)
		die("mip6_rr_keygen", rc);
}

void build_rr_messages()
{
	// BRR from the correspondent to the home address.
	{
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_BRR);
		Path pa{CN, HOA};
		add_mh("BRR", pa, emit_mh(m, pa), {});
	}
	// HoTI reverse-tunnelled through the home agent (RFC 6275 5.2.3).
	{
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_HOTI);
		std::memcpy(m.u.init.cookie, HOME_COOKIE, 8);
		Path pa{HOA, CN};
		pa.tun_src = &COA;
		pa.tun_dst = &HA;
		add_mh("HoTI in 6in6", pa, emit_mh(m, pa), {{"mip6.hoti.cookie", {N(be64(HOME_COOKIE))}}});
	}
	// CoTI straight from the care-of address.
	{
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_COTI);
		std::memcpy(m.u.init.cookie, COA_COOKIE, 8);
		Path pa{COA, CN};
		add_mh("CoTI", pa, emit_mh(m, pa), {{"mip6.coti.cookie", {N(be64(COA_COOKIE))}}});
	}
	// HoT and CoT carry the keygen tokens of 5.2.5.
	uint8_t ht[MIP6_TOKEN_LEN], ct[MIP6_TOKEN_LEN];
	token(HOA, HOME_NONCE, false, ht);
	token(COA, COA_NONCE, true, ct);
	{
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_HOT);
		m.u.test.nonce_index = HOME_NONCE_IDX;
		std::memcpy(m.u.test.cookie, HOME_COOKIE, 8);
		std::memcpy(m.u.test.keygen, ht, 8);
		Path pa{CN, HOA};
		add_mh("HoT", pa, emit_mh(m, pa),
		       {{"mip6.hot.nindex", {N(HOME_NONCE_IDX)}},
			{"mip6.hot.cookie", {N(be64(HOME_COOKIE))}},
			{"mip6.hot.token", {N(be64(ht))}}},
		       "\"rr_token\": {\"kcn\": \"" + H(KCN, sizeof(KCN)) + "\", \"addr\": \"" + S(HOA) + "\", \"nonce\": \"" + H(HOME_NONCE, 8) +
			   "\", \"careof\": false, \"token\": \"" + H(ht, 8) + "\"}");
	}
	{
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_COT);
		m.u.test.nonce_index = COA_NONCE_IDX;
		std::memcpy(m.u.test.cookie, COA_COOKIE, 8);
		std::memcpy(m.u.test.keygen, ct, 8);
		Path pa{CN, COA};
		// Wireshark 4.0 shows the care-of keygen token as mip6.hot.token.
		add_mh("CoT", pa, emit_mh(m, pa),
		       {{"mip6.cot.nindex", {N(COA_NONCE_IDX)}},
			{"mip6.cot.cookie", {N(be64(COA_COOKIE))}},
			{"mip6.hot.token", {N(be64(ct))}}},
		       "\"rr_token\": {\"kcn\": \"" + H(KCN, sizeof(KCN)) + "\", \"addr\": \"" + S(COA) + "\", \"nonce\": \"" + H(COA_NONCE, 8) +
			   "\", \"careof\": true, \"token\": \"" + H(ct, 8) + "\"}");
	}
	// The route-optimised BU to the correspondent: HAO, Alternate CoA,
	// Nonce Indices and Binding Authorization Data (RFC 6275 6.1.7, 6.2.7),
	// signed with mip6_rr_sign_mh.
	{
		uint8_t kbm[MIP6_KBM_LEN];
		if (int rc = mip6_rr_kbm(ht, ct, kbm))
			die("mip6_rr_kbm", rc);
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_BU);
		m.u.bu.seq = 4242;
		m.u.bu.flags = MIP6_BU_F_A;
		m.u.bu.lifetime = 105; // 420 s, MAX_RR_BINDING_LIFETIME
		opt(m, MIP6_OPT_ALTCOA)->u.altcoa = COA;
		mip6_mhopt_t *ni = opt(m, MIP6_OPT_NONCE);
		ni->u.nonce.home = HOME_NONCE_IDX;
		ni->u.nonce.careof = COA_NONCE_IDX;
		opt(m, MIP6_OPT_AUTH); // authenticator filled in by mip6_rr_sign_mh
		Path pa{COA, CN};
		pa.hao = &HOA;
		Bytes mh = emit_mh(m, pa);
		if (int rc = mip6_rr_sign_mh(mh.data(), mh.size(), kbm, &COA, &CN, &pa.ck_src(), &pa.ck_dst()))
			die("mip6_rr_sign_mh", rc);
		Bytes auth(mh.end() - MIP6_AUTHENTICATOR_LEN, mh.end());
		add_mh("BU to CN (RR)", pa, mh,
		       {{"mip6.bu.seqnr", {N(4242)}},
			{"mip6.bu.a_flag", {"1"}},
			{"mip6.bu.h_flag", {"0"}},
			{"mip6.bu.lifetime", {N(105)}},
			{"mip6.acoa.acoa", {S(COA)}},
			{"mip6.ni.hni", {N(HOME_NONCE_IDX)}},
			{"mip6.ni.cni", {N(COA_NONCE_IDX)}},
			{"mip6.bad.auth", {Hv(auth)}}},
		       "\"rr_auth\": {\"kcn\": \"" + H(KCN, sizeof(KCN)) + "\", \"hoa\": \"" + S(HOA) +
			   "\", \"home_nonce\": \"" + H(HOME_NONCE, 8) + "\", \"coa_nonce\": \"" +
			   H(COA_NONCE, 8) + "\", \"coa\": \"" + S(COA) + "\", \"cn\": \"" + S(CN) +
			   "\", \"kbm\": \"" + H(kbm, sizeof(kbm)) + "\"}");
	}
}

void build_home_registrations()
{
	// Home registration, A H L K, from the care-of address with a HAO.
	{
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_BU);
		m.u.bu.seq = 1000;
		m.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_L | MIP6_BU_F_K;
		m.u.bu.lifetime = 900;
		opt(m, MIP6_OPT_ALTCOA)->u.altcoa = COA;
		Path pa{COA, HA};
		pa.hao = &HOA;
		add_mh("BU home A H L K", pa, emit_mh(m, pa),
		       {{"mip6.bu.seqnr", {N(1000)}},
			{"mip6.bu.a_flag", {"1"}},
			{"mip6.bu.h_flag", {"1"}},
			{"mip6.bu.l_flag", {"1"}},
			{"mip6.bu.k_flag", {"1"}},
			{"mip6.bu.m_flag", {"0"}},
			{"mip6.nemo.bu.r_flag", {"0"}},
			{"mip6.bu.p_flag", {"0"}},
			{"mip6.bu.lifetime", {N(900)}},
			{"mip6.acoa.acoa", {S(COA)}}});
	}
	// NEMO (RFC 3963): R flag, two Mobile Network Prefixes, the RFC 4283
	// NAI and the RFC 4285 replay protection and authentication options.
	{
		static const char nai[] = "mr1@example.org";
		static const uint8_t mac[12] = {0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5,
						0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab};
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_BU);
		m.u.bu.seq = 1001;
		m.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_R;
		m.u.bu.lifetime = 600;
		mip6_mhopt_t *p1 = opt(m, MIP6_OPT_MNP);
		p1->u.mnp.plen = 48;
		p1->u.mnp.prefix = A("2001:db8:aaaa::");
		mip6_mhopt_t *p2 = opt(m, MIP6_OPT_MNP);
		p2->u.mnp.plen = 64;
		p2->u.mnp.prefix = A("2001:db8:bbbb:1::");
		mip6_mhopt_t *id = opt(m, MIP6_OPT_MNID);
		id->len = (uint8_t)(1 + std::strlen(nai));
		id->u.mnid.subtype = MIP6_MNID_SUBTYPE_NAI;
		id->u.mnid.id = reinterpret_cast<const uint8_t *>(nai);
		opt(m, MIP6_OPT_MESGID)->u.timestamp = MESGID_TS;
		mip6_mhopt_t *au = opt(m, MIP6_OPT_MNAUTH);
		au->len = 5 + sizeof(mac);
		au->u.mnauth.subtype = MIP6_MNAUTH_SUBTYPE_MNHA;
		au->u.mnauth.spi = 0x00001000;
		au->u.mnauth.auth = mac;
		Path pa{COA, HA};
		pa.hao = &HOA;
		// Wireshark 4.0 shows only len - 7 octets of the authentication
		// data (10 of 12) in mip6.auth.auth_data.
		add_mh("BU NEMO (MNP, MN-ID, RFC 4285)", pa, emit_mh(m, pa),
		       {{"mip6.bu.seqnr", {N(1001)}},
			{"mip6.bu.a_flag", {"1"}},
			{"mip6.bu.h_flag", {"1"}},
			{"mip6.bu.l_flag", {"0"}},
			{"mip6.bu.k_flag", {"0"}},
			{"mip6.nemo.bu.r_flag", {"1"}},
			{"mip6.bu.lifetime", {N(600)}},
			{"mip6.nemo.mnp.pfl", {"48", "64"}},
			{"mip6.nemo.mnp.mnp", {"2001:db8:aaaa::", "2001:db8:bbbb:1::"}},
			{"mip6.mnid.subtype", {"1"}},
			{"mip6.mnid.identifier", {nai}},
			{"mip6.mseg_id.timestamp", {"ntp64:" + N(MESGID_TS)}},
			{"mip6.auth.subtype", {"1"}},
			{"mip6.auth.mobility_spi", {N(0x1000)}},
			{"mip6.auth.auth_data", {H(mac, 10)}}});
	}
	// MCoA (RFC 5648): three Binding Identifiers, without a CoA, with an
	// IPv4 and with an IPv6 care-of address (H set on the IPv4 one).
	{
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_BU);
		m.u.bu.seq = 1002;
		m.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H;
		m.u.bu.lifetime = 300;
		mip6_mhopt_t *b1 = opt(m, MIP6_OPT_BID);
		b1->u.bid.bid = 1;
		mip6_mhopt_t *b2 = opt(m, MIP6_OPT_BID);
		b2->u.bid.bid = 2;
		b2->u.bid.flags = MIP6_BID_F_H;
		b2->u.bid.coa_len = 4;
		static const uint8_t v4[4] = {192, 0, 2, 33};
		std::memcpy(b2->u.bid.coa, v4, 4);
		mip6_mhopt_t *b3 = opt(m, MIP6_OPT_BID);
		b3->u.bid.bid = 3;
		b3->u.bid.coa_len = 16;
		std::memcpy(b3->u.bid.coa, COA2.b, 16);
		Path pa{COA, HA};
		pa.hao = &HOA;
		add_mh("BU MCoA (BID none, IPv4, IPv6)", pa, emit_mh(m, pa),
		       {{"mip6.bu.seqnr", {N(1002)}},
			{"mip6.bu.lifetime", {N(300)}},
			{"mip6.bi.bid", {"1", "2", "3"}},
			{"mip6.bi.status", {"0", "0", "0"}},
			{"mip6.bi.h_flag", {"0", "1", "0"}},
			{"mip6.bi.coa_ipv4", {"192.0.2.33"}},
			{"mip6.bi.coa_ipv6", {S(COA2)}}});
	}
}

void add_ba(const std::string &name, uint8_t status, uint8_t flags, uint16_t seq, uint16_t lifetime,
	    bool bra, bool bids)
{
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BA);
	m.u.ba.status = status;
	m.u.ba.flags = flags;
	m.u.ba.seq = seq;
	m.u.ba.lifetime = lifetime;
	Fields f = {{"mip6.ba.status", {N(status)}},
		    {"mip6.ba.k_flag", {flags & MIP6_BA_F_K ? "1" : "0"}},
		    {"mip6.nemo.ba.r_flag", {flags & MIP6_BA_F_R ? "1" : "0"}},
		    {"mip6.ba.seqnr", {N(seq)}},
		    {"mip6.ba.lifetime", {N(lifetime)}}};
	if (bra) {
		opt(m, MIP6_OPT_BRA)->u.refresh = 150;
		f.push_back({"mip6.bra.interval", {"150"}});
	}
	if (bids) {
		mip6_mhopt_t *b1 = opt(m, MIP6_OPT_BID);
		b1->u.bid.bid = 1;
		mip6_mhopt_t *b2 = opt(m, MIP6_OPT_BID);
		b2->u.bid.bid = 2;
		b2->u.bid.status = MIP6_BA_MCOA_UNKNOWN_COA;
		f.push_back({"mip6.bi.bid", {"1", "2"}});
		f.push_back({"mip6.bi.status", {"0", N(MIP6_BA_MCOA_UNKNOWN_COA)}});
	}
	// From the home agent to the care-of address, via a type 2 RH.
	Path pa{HA, COA};
	pa.rh2 = &HOA;
	add_mh(name, pa, emit_mh(m, pa), f);
}

void build_acks_and_errors()
{
	add_ba("BA accepted K, BRA", MIP6_BA_ACCEPTED, MIP6_BA_F_K, 1000, 900, true, false);
	add_ba("BA NEMO accepted R", MIP6_BA_ACCEPTED, MIP6_BA_F_R, 1001, 600, false, false);
	add_ba("BA MCoA with BIDs", MIP6_BA_ACCEPTED, 0, 1002, 300, false, true);
	static const uint8_t statuses[] = {
	    MIP6_BA_ACCEPTED_PD, MIP6_BA_MCOA_NOTCOMPLETE, MIP6_BA_MCOA_RETURNHOME_WO_NDP,
	    MIP6_BA_UNSPECIFIED, MIP6_BA_PROHIBITED, MIP6_BA_INSUFFICIENT, MIP6_BA_HR_NOT_SUPPORTED,
	    MIP6_BA_NOT_HOME_SUBNET, MIP6_BA_NOT_HA_FOR_MN, MIP6_BA_DAD_FAILED, MIP6_BA_SEQ_OUT_OF_WINDOW,
	    MIP6_BA_EXPIRED_HOME_NONCE, MIP6_BA_EXPIRED_COA_NONCE, MIP6_BA_EXPIRED_NONCES,
	    MIP6_BA_REG_TYPE_CHANGE, MIP6_BA_MR_OP_NOT_PERMITTED, MIP6_BA_INVALID_PREFIX,
	    MIP6_BA_NOT_AUTH_FOR_PREFIX, MIP6_BA_FWD_SETUP_FAILED, MIP6_BA_ID_MISMATCH,
	    MIP6_BA_MESG_ID_REQD, MIP6_BA_AUTH_FAIL, MIP6_BA_MCOA_MALFORMED, MIP6_BA_MCOA_NON_MCOA_EXISTS,
	    MIP6_BA_MCOA_PROHIBITED, MIP6_BA_MCOA_UNKNOWN_COA, MIP6_BA_MCOA_BULK_PROHIBITED,
	    MIP6_BA_MCOA_SIMUL_HOME_FOREIGN};
	for (uint8_t st : statuses)
		add_ba("BA status " + N(st), st, st >= 140 && st <= 143 ? MIP6_BA_F_R : 0, 1003, 0, false, false);

	for (uint8_t st : {MIP6_BE_UNKNOWN_HAO, MIP6_BE_UNKNOWN_MH}) {
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_BE);
		m.u.be.status = st;
		m.u.be.home = HOA;
		Path pa{CN, COA};
		add_mh("BE status " + N(st), pa, emit_mh(m, pa),
		       {{"mip6.be.status", {N(st)}}, {"mip6.be.haddr", {S(HOA)}}});
	}
}

// ---------------------------------------------------------------- ICMPv6

void add_icmp6(const std::string &name, const Path &pa, const mip6_icmp6_t &m, Fields f)
{
	uint8_t out[2048];
	int n = mip6_icmp6_emit(&m, &pa.ck_src(), &pa.ck_dst(), 0, out, sizeof(out));
	if (n < 0)
		die("mip6_icmp6_emit " + name, n);
	Fields all;
	Bytes pkt = wrap(pa, MIP6_PROTO_ICMPV6, Bytes(out, out + n), all);
	all.push_back({"icmpv6.type", {N(out[0])}});
	all.push_back({"icmpv6.code", {N(out[1])}});
	all.push_back({"icmpv6.checksum", {N((unsigned)out[2] << 8 | out[3])}});
	all.push_back({"icmpv6.checksum.status", {"1"}}); // 1: Wireshark verified it
	for (auto &x : f)
		all.push_back(std::move(x));
	frames.push_back({name, std::move(pkt), std::move(all), ""});
}

mip6_nd_opt_t *ndopt(mip6_icmp6_t &m, uint8_t type)
{
	mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, type);
	if (!o)
		die("too many ND options");
	return o;
}

void lla(mip6_icmp6_t &m, uint8_t type, const uint8_t mac[6])
{
	mip6_nd_opt_t *o = ndopt(m, type);
	o->u.lla.len = 6;
	std::memcpy(o->u.lla.addr, mac, 6);
}

void prefix(mip6_icmp6_t &m, uint8_t plen, uint8_t flags, uint32_t valid, uint32_t pref, const mip6_addr_t &p)
{
	mip6_nd_opt_t *o = ndopt(m, MIP6_ND_OPT_PREFIX);
	o->u.prefix.plen = plen;
	o->u.prefix.flags = flags;
	o->u.prefix.valid = valid;
	o->u.prefix.preferred = pref;
	o->u.prefix.prefix = p;
}

void build_icmp6()
{
	{
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_RS);
		lla(m, MIP6_ND_OPT_SLLA, MN_MAC);
		Path pa{MN_LL, ALL_ROUTERS};
		pa.hlim = 255;
		add_icmp6("RS", pa, m, {{"icmpv6.opt.type", {"1"}}, {"icmpv6.opt.linkaddr", {H(MN_MAC, 6)}}});
	}
	{
		// A home agent's RA: M O H, its full address in a prefix with R
		// (RFC 6275 7.2), Advertisement Interval (7.3), HA Information (7.4).
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_RA);
		m.u.ra.hop_limit = 64;
		m.u.ra.flags = MIP6_RA_F_M | MIP6_RA_F_O | MIP6_RA_F_H;
		m.u.ra.lifetime = 1800;
		m.u.ra.reachable = 30000;
		m.u.ra.retrans = 1000;
		lla(m, MIP6_ND_OPT_SLLA, HA_MAC);
		ndopt(m, MIP6_ND_OPT_MTU)->u.mtu = 1500;
		prefix(m, 64, MIP6_PI_F_L | MIP6_PI_F_A | MIP6_PI_F_R, 86400, 14400, HA);
		prefix(m, 64, MIP6_PI_F_L | MIP6_PI_F_A, 2592000, 604800, A("2001:db8:1::"));
		ndopt(m, MIP6_ND_OPT_ADV_INTERVAL)->u.adv_interval_ms = 3000;
		mip6_nd_opt_t *hai = ndopt(m, MIP6_ND_OPT_HA_INFO);
		hai->u.ha_info.pref = -5;
		hai->u.ha_info.lifetime = 1800;
		Path pa{HA_LL, ALL_NODES};
		pa.hlim = 255;
		// Wireshark 4.0 shows the preference as unsigned: -5 is 65531.
		add_icmp6("RA M O H, prefix R, adv interval, HA info", pa, m,
			  {{"icmpv6.nd.ra.cur_hop_limit", {"64"}},
			   {"icmpv6.nd.ra.flag.m", {"1"}},
			   {"icmpv6.nd.ra.flag.o", {"1"}},
			   {"icmpv6.nd.ra.flag.h", {"1"}},
			   {"icmpv6.nd.ra.router_lifetime", {"1800"}},
			   {"icmpv6.nd.ra.reachable_time", {"30000"}},
			   {"icmpv6.nd.ra.retrans_timer", {"1000"}},
			   {"icmpv6.opt.type", {"1", "5", "3", "3", "7", "8"}},
			   {"icmpv6.opt.length", {"1", "1", "4", "4", "1", "1"}},
			   {"icmpv6.opt.linkaddr", {H(HA_MAC, 6)}},
			   {"icmpv6.opt.mtu", {"1500"}},
			   {"icmpv6.opt.prefix.length", {"64", "64"}},
			   {"icmpv6.opt.prefix.flag.l", {"1", "1"}},
			   {"icmpv6.opt.prefix.flag.a", {"1", "1"}},
			   {"icmpv6.opt.prefix.flag.r", {"1", "0"}},
			   {"icmpv6.opt.prefix.valid_lifetime", {"86400", "2592000"}},
			   {"icmpv6.opt.prefix.preferred_lifetime", {"14400", "604800"}},
			   {"icmpv6.opt.prefix", {S(HA), "2001:db8:1::"}},
			   {"icmpv6.opt.advertisement_interval", {"3000"}},
			   {"icmpv6.opt.home_agent_preference", {"65531"}},
			   {"icmpv6.opt.home_agent_lifetime", {"1800"}}});
	}
	{
		// DAD for the home address, done by the HA (RFC 6275 10.4.1).
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_NS);
		m.u.nd.target = HOA;
		Path pa{UNSPEC, A("ff02::1:ff00:100")};
		pa.hlim = 255;
		add_icmp6("NS DAD", pa, m, {{"icmpv6.nd.ns.target_address", {S(HOA)}}});
	}
	{
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_NS);
		m.u.nd.target = HA;
		lla(m, MIP6_ND_OPT_SLLA, MN_MAC);
		Path pa{COA, A("ff02::1:ff00:1")};
		pa.hlim = 255;
		add_icmp6("NS with SLLA", pa, m,
			  {{"icmpv6.nd.ns.target_address", {S(HA)}}, {"icmpv6.opt.linkaddr", {H(MN_MAC, 6)}}});
	}
	{
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_NA);
		m.u.nd.flags = MIP6_NA_F_R | MIP6_NA_F_S | MIP6_NA_F_O;
		m.u.nd.target = HA;
		lla(m, MIP6_ND_OPT_TLLA, HA_MAC);
		Path pa{HA, COA};
		pa.hlim = 255;
		add_icmp6("NA R S O", pa, m,
			  {{"icmpv6.nd.na.flag.r", {"1"}},
			   {"icmpv6.nd.na.flag.s", {"1"}},
			   {"icmpv6.nd.na.flag.o", {"1"}},
			   {"icmpv6.nd.na.target_address", {S(HA)}},
			   {"icmpv6.opt.linkaddr", {H(HA_MAC, 6)}}});
	}
	{
		// Proxy ND: the HA defends the away MN's home address (10.4.1).
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_NA);
		m.u.nd.flags = MIP6_NA_F_O;
		m.u.nd.target = HOA;
		lla(m, MIP6_ND_OPT_TLLA, HA_MAC);
		Path pa{HA_LL, ALL_NODES};
		pa.hlim = 255;
		add_icmp6("NA proxy", pa, m,
			  {{"icmpv6.nd.na.flag.r", {"0"}},
			   {"icmpv6.nd.na.flag.s", {"0"}},
			   {"icmpv6.nd.na.flag.o", {"1"}},
			   {"icmpv6.nd.na.target_address", {S(HOA)}},
			   {"icmpv6.opt.linkaddr", {H(HA_MAC, 6)}}});
	}
	{
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_DHAAD_REQUEST);
		m.u.dhaad_req.id = 0x1234;
		Path pa{COA, HA_ANYCAST};
		add_icmp6("DHAAD request", pa, m, {{"icmpv6.mip6.identifier", {N(0x1234)}}});
	}
	{
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_DHAAD_REPLY);
		m.u.dhaad_rep.id = 0x1234;
		m.u.dhaad_rep.naddrs = 2;
		m.u.dhaad_rep.addrs[0] = HA;
		m.u.dhaad_rep.addrs[1] = HA2;
		Path pa{HA, COA};
		add_icmp6("DHAAD reply", pa, m,
			  {{"icmpv6.mip6.identifier", {N(0x1234)}},
			   {"icmpv6.mip6.home_agent_address", {S(HA), S(HA2)}}});
	}
	{
		// MPS from the care-of address with a HAO (RFC 6275 11.4.2).
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_MPS);
		m.u.mps.id = 0x4321;
		Path pa{COA, HA};
		pa.hao = &HOA;
		add_icmp6("MPS with HAO", pa, m, {{"icmpv6.mip6.identifier", {N(0x4321)}}});
	}
	{
		// MPA to the care-of address via a type 2 RH (RFC 6275 10.6.3).
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_MPA);
		m.u.mpa.id = 0x4321;
		m.u.mpa.flags = MIP6_MPA_F_M | MIP6_MPA_F_O;
		prefix(m, 64, MIP6_PI_F_L | MIP6_PI_F_A | MIP6_PI_F_R, 3600, 1800, HA);
		prefix(m, 64, MIP6_PI_F_A, 3600, 1800, A("2001:db8:1:1::"));
		Path pa{HA, COA};
		pa.rh2 = &HOA;
		add_icmp6("MPA with RTHDR2", pa, m,
			  {{"icmpv6.mip6.identifier", {N(0x4321)}},
			   {"icmpv6.mip6.flag.m", {"1"}},
			   {"icmpv6.mip6.flag.o", {"1"}},
			   {"icmpv6.opt.prefix.flag.r", {"1", "0"}},
			   {"icmpv6.opt.prefix", {S(HA), "2001:db8:1:1::"}}});
	}
}

// ---------------------------------------------------------------- output

std::string json_str(const std::string &s)
{
	std::string o = "\"";
	for (char c : s) {
		if (c == '"' || c == '\\')
			o += '\\';
		o += c;
	}
	return o + "\"";
}

void write_pcap(const char *path)
{
	pcap_t *pd = pcap_open_dead(DLT_RAW, 65535);
	if (!pd)
		die("pcap_open_dead");
	pcap_dumper_t *d = pcap_dump_open(pd, path);
	if (!d)
		die(std::string("pcap_dump_open: ") + pcap_geterr(pd));
	for (size_t i = 0; i < frames.size(); i++) {
		struct pcap_pkthdr h = {};
		h.ts.tv_sec = 1700000000 + (long)i;
		h.caplen = h.len = (bpf_u_int32)frames[i].bytes.size();
		pcap_dump(reinterpret_cast<u_char *>(d), &h, frames[i].bytes.data());
	}
	pcap_dump_close(d);
	pcap_close(pd);
}

void write_json(const char *path)
{
	FILE *f = std::fopen(path, "w");
	if (!f)
		die(std::string("cannot write ") + path);
	std::fprintf(f, "[\n");
	for (size_t i = 0; i < frames.size(); i++) {
		const Frame &fr = frames[i];
		std::fprintf(f, "{\"frame\": %zu, \"name\": %s, \"hex\": \"%s\", \"fields\": {", i + 1,
			     json_str(fr.name).c_str(), Hv(fr.bytes).c_str());
		for (size_t j = 0; j < fr.fields.size(); j++) {
			std::fprintf(f, "%s%s: [", j ? ", " : "", json_str(fr.fields[j].first).c_str());
			for (size_t k = 0; k < fr.fields[j].second.size(); k++)
				std::fprintf(f, "%s%s", k ? ", " : "", json_str(fr.fields[j].second[k]).c_str());
			std::fprintf(f, "]");
		}
		std::fprintf(f, "}%s%s}%s\n", fr.extra.empty() ? "" : ", ", fr.extra.c_str(),
			     i + 1 < frames.size() ? "," : "");
	}
	std::fprintf(f, "]\n");
	if (std::fclose(f) != 0)
		die(std::string("write error on ") + path);
}

} // namespace

int main(int argc, char **argv)
{
	if (argc != 3) {
		std::fprintf(stderr, "usage: %s OUT.pcap OUT.json\n", argv[0]);
		return 2;
	}
	build_rr_messages();
	build_home_registrations();
	build_acks_and_errors();
	build_icmp6();
	write_pcap(argv[1]);
	write_json(argv[2]);
	std::printf("emit_all: %zu packets in %s, expectations in %s\n", frames.size(), argv[1], argv[2]);
	return 0;
}
