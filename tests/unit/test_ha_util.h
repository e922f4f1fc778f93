/* SPDX-License-Identifier: BSD-3-Clause */
// Shared by the home agent tests (test_ha*.cc): a node with only the HA
// enabled, Binding Updates built as a mobile node (or router) would build
// them, signed with RFC 4285 when asked, and helpers to read the BAs back.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "node_test.h"

extern "C" {
#include "mip6/auth.h"
#include "mip6/bus.h"
#include "mip6/node.h"
}

namespace hat
{

using t::udp;

inline const mip6_addr_t kHa = t::addr("2001:db8:1::1");
inline const mip6_addr_t kHoa = t::addr("2001:db8:1::100");
inline const mip6_addr_t kHoa2 = t::addr("2001:db8:1::200");
inline const mip6_addr_t kCoa = t::addr("2001:db8:2::100");
inline const mip6_addr_t kCoa2 = t::addr("2001:db8:3::100");
inline const mip6_addr_t kCn = t::addr("2001:db8:9::9");
constexpr uint32_t kHome = 1; // the home link
constexpr uint32_t kUp = 2;   // towards the Internet

constexpr mip6_ns_t sec(uint64_t s)
{
	return MIP6_SEC(s);
}

inline mip6_prefix_t pfx(const char *a, uint8_t plen)
{
	mip6_prefix_t p{};
	p.prefix = t::addr(a);
	p.plen = plen;
	return p;
}

// A Binding Update as a mobile node or router sends it.
struct Bu {
	uint16_t seq = 1;
	uint16_t flags = MIP6_BU_F_A | MIP6_BU_F_H;
	uint16_t lifetime = 100; // units of 4 s
	mip6_addr_t hoa = kHoa;
	mip6_addr_t src = kCoa; // IPv6 source (the care-of address)
	mip6_addr_t dst = kHa;
	const mip6_addr_t *altcoa = nullptr;
	bool hao = true;
	std::vector<mip6_prefix_t> mnps;
	struct Bid {
		uint16_t bid;
		const mip6_addr_t *coa; // nullptr: no CoA in the option
		uint8_t flags;
	};
	std::vector<Bid> bids;
	// RFC 4285
	const mip6_auth_cfg_t *auth = nullptr; // sign with this (SPI, key, NAI)
	bool mnid = true, mesgid = true, mnauth = true;
	std::string nai_override; // non-empty: send this identifier instead
	uint64_t ts = 1;
	bool corrupt = false;                  // flip a bit of the authenticator
	const mip6_addr_t *sign_coa = nullptr; // sign over this care-of address instead
	bool nonce = false;                    // add a Nonce Indices option (RFC 6275 6.2.6)
};

inline std::vector<uint8_t> build(const Bu &bu)
{
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BU);
	m.u.bu.seq = bu.seq;
	m.u.bu.flags = bu.flags;
	m.u.bu.lifetime = bu.lifetime;
	if (bu.altcoa)
		mip6_mh_add_opt(&m, MIP6_OPT_ALTCOA)->u.altcoa = *bu.altcoa;
	if (bu.nonce) {
		mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_NONCE);
		o->u.nonce.home = 1;
		o->u.nonce.careof = 2;
	}
	for (auto &p : bu.mnps) {
		mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_MNP);
		o->u.mnp.prefix = p.prefix;
		o->u.mnp.plen = p.plen;
	}
	for (auto &b : bu.bids) {
		mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_BID);
		o->u.bid.bid = b.bid;
		o->u.bid.flags = b.flags;
		if (b.coa) {
			o->u.bid.coa_len = 16;
			memcpy(o->u.bid.coa, b.coa->b, 16);
		}
	}
	if (bu.auth) {
		if (bu.mnid) {
			mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_MNID);
			o->u.mnid.subtype = MIP6_MNID_SUBTYPE_NAI;
			if (bu.nai_override.empty()) {
				o->len = (uint8_t)(1 + bu.auth->nai_len);
				o->u.mnid.id = bu.auth->nai;
			} else {
				o->len = (uint8_t)(1 + bu.nai_override.size());
				o->u.mnid.id = reinterpret_cast<const uint8_t *>(bu.nai_override.data());
			}
		}
		if (bu.mesgid)
			mip6_mh_add_opt(&m, MIP6_OPT_MESGID)->u.timestamp = bu.ts;
		if (bu.mnauth) {
			mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_MNAUTH);
			o->len = 5 + MIP6_MNHA_AUTH_LEN;
			o->u.mnauth.subtype = MIP6_MNAUTH_SUBTYPE_MNHA;
			o->u.mnauth.spi = bu.auth->spi;
		}
	}
	const mip6_addr_t &ck_src = bu.hao ? bu.hoa : bu.src;
	auto pkt = t::build_mh(m, bu.src, bu.dst, bu.hao ? &bu.hoa : nullptr);
	if (bu.auth && bu.mnauth) {
		auto span = t::mh_span(pkt);
		uint8_t *mh = pkt.data() + span.first;
		const mip6_addr_t &coa = bu.sign_coa ? *bu.sign_coa : bu.altcoa ? *bu.altcoa : bu.src;
		if (mip6_auth_sign_mh(mh, span.second, bu.auth->key, bu.auth->key_len, &coa, &bu.hoa, &ck_src,
		                      &bu.dst) != 0)
			throw std::runtime_error("sign");
		if (bu.corrupt) {
			// The authenticator sits right before the final padding.
			mip6_mh_t parsed;
			mip6_diag_t d{};
			mip6_mh_parse(mh, span.second, nullptr, nullptr, MIP6_DEC_STRICT, &parsed, &d);
			const mip6_mhopt_t &last = parsed.opts[parsed.nopts - 1];
			const_cast<uint8_t *>(last.u.mnauth.auth)[0] ^= 0x01;
			mip6_mh_set_cksum(mh, span.second, &ck_src, &bu.dst);
		}
	}
	return pkt;
}

inline std::vector<const mip6_mhopt_t *> opts_of(const mip6_mh_t &m, uint8_t type)
{
	std::vector<const mip6_mhopt_t *> v;
	for (unsigned i = 0; i < m.nopts; i++)
		if (m.opts[i].type == type)
			v.push_back(&m.opts[i]);
	return v;
}

// Options other than padding.
inline size_t nreal_opts(const mip6_mh_t &m)
{
	size_t c = 0;
	for (unsigned i = 0; i < m.nopts; i++)
		c += m.opts[i].type != MIP6_OPT_PAD1 && m.opts[i].type != MIP6_OPT_PADN;
	return c;
}

inline mip6_auth_cfg_t auth_cfg(uint32_t spi, const char *key, const char *nai)
{
	mip6_auth_cfg_t a{};
	a.enabled = true;
	a.spi = spi;
	a.key_len = (uint8_t)strlen(key);
	memcpy(a.key, key, a.key_len);
	a.nai_len = (uint8_t)strlen(nai);
	memcpy(a.nai, nai, a.nai_len);
	return a;
}

struct HaFixture : t::NodeTest {
	mip6_ha_cfg_t cfg{};
	std::vector<mip6_ha_client_t> clients;
	std::vector<uint8_t> home_lla; // link-layer address of the home interface
	uint64_t (*time_of_day)(void *) = nullptr;

	HaFixture() : NodeTest(sec(1000))
	{
		cfg.home_ifindex = kHome;
		cfg.addr = kHa;
		cfg.home_prefix = pfx("2001:db8:1::", 64);
		cfg.max_lifetime_s = 3600;
		cfg.preference = 10;
	}

	mip6_ha_client_t &client(const mip6_addr_t &hoa)
	{
		mip6_ha_client_t c{};
		c.hoa = hoa;
		clients.push_back(c);
		return clients.back();
	}

	// Creates the node and enables the HA with cfg and clients.
	int start()
	{
		env = fe.env();
		env.time_of_day = time_of_day;
		n = mip6_node_new(&env, now);
		if (!n)
			return MIP6_E_NOMEM;
		mip6_iface_cfg_t ic{};
		ic.ifindex = kHome;
		ic.lladdr_len = (uint8_t)home_lla.size();
		if (!home_lla.empty())
			memcpy(ic.lladdr, home_lla.data(), home_lla.size());
		mip6_node_add_iface(n, &ic);
		ic = mip6_iface_cfg_t{};
		ic.ifindex = kUp;
		mip6_node_add_iface(n, &ic);
		mip6_node_link(n, kHome, true, now);
		mip6_node_link(n, kUp, true, now);
		cfg.clients = clients.empty() ? nullptr : clients.data();
		cfg.nclients = (unsigned)clients.size();
		return mip6_node_enable_ha(n, &cfg);
	}

	mip6_verdict_t input(const std::vector<uint8_t> &p, uint32_t ifindex = kUp)
	{
		return mip6_node_input(n, ifindex, p.data(), p.size(), now);
	}

	mip6_verdict_t send(const Bu &bu) { return input(build(bu)); }

	std::vector<mip6_op_t> ops(uint16_t kind) const { return fe.ops_of(kind); }

	// Answers the last DAD operation.
	void dad(int status = 0)
	{
		auto d = ops(MIP6_OP_DAD);
		ASSERT_FALSE(d.empty());
		mip6_node_op_result(n, d.back().id, status, now);
	}

	size_t nba() const { return fe.sent_mh(MIP6_MH_BA).size(); }

	const t::SentPacket &last_ba() const
	{
		auto v = fe.sent_mh(MIP6_MH_BA);
		if (v.empty())
			throw std::runtime_error("no BA sent");
		return *v.back();
	}

	const mip6_mh_t &ba() const { return last_ba().pkt->mh; }

	// A first registration: BU, DAD unique, BA.
	void registered(const Bu &bu)
	{
		size_t before = nba();
		send(bu);
		ASSERT_EQ(nba(), before) << "BA before the DAD result";
		dad(0);
		ASSERT_EQ(nba(), before + 1);
	}

	void advance(mip6_ns_t d)
	{
		now += d;
		while (mip6_node_next_timeout(n) <= now)
			mip6_node_timeout(n, now);
	}

	// The bus messages published so far (decoded), of one type or all (0).
	std::vector<mip6_bus_msg_t> bus(uint16_t type = 0) const
	{
		return type ? fe.bus_msgs(0, {type}) : fe.bus_msgs();
	}

	// Whether the data plane tunnels traffic for dst (to the CoA given).
	bool tunneled_to(const mip6_addr_t &dst, const mip6_addr_t &coa)
	{
		size_t before = fe.sent.size();
		if (input(udp(kCn, dst), kUp) != MIP6_CONSUMED || fe.sent.size() != before + 1)
			return false;
		const t::SentPacket &s = fe.sent.back();
		return s.rc == 0 && s.pkt->nlayers == 2 && mip6_addr_eq(&s.pkt->layer[0].ip.dst, &coa) &&
		       mip6_addr_eq(&s.pkt->layer[1].ip.dst, &dst);
	}
};

} // namespace hat
