/* SPDX-License-Identifier: BSD-3-Clause */
// The correspondent node fixture (test_cn.cc, test_view.cc): a node with
// only the CN enabled, the test playing the mobile node: it takes the keygen
// tokens from the HoT/CoT the CN sends, derives Kbm from them and signs
// Binding Updates (RFC 6275 5.2.5, 11.7.2).
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <vector>

#include "node_test.h"

extern "C" {
#include "mip6/bus.h"
#include "mip6/rr.h"
}

namespace cnt
{

using t::udp;

inline const mip6_addr_t kCn = t::addr("2001:db8:9::9");
inline const mip6_addr_t kHoa = t::addr("2001:db8:1::100");
inline const mip6_addr_t kCoa = t::addr("2001:db8:2::100");
inline const mip6_addr_t kCoa2 = t::addr("2001:db8:3::100");
inline const mip6_addr_t kHoa2 = t::addr("2001:db8:1::200");

constexpr mip6_ns_t sec(uint64_t s) { return MIP6_SEC(s); }

using Tok = std::array<uint8_t, MIP6_TOKEN_LEN>;
using Kbm = std::array<uint8_t, MIP6_KBM_LEN>;

struct Test_ {
	uint16_t index;
	Tok token;
};

inline Kbm kbm_of(const Tok &home, const Tok *careof)
{
	Kbm k{};
	EXPECT_EQ(mip6_rr_kbm(home.data(), careof ? careof->data() : nullptr, k.data()), 0);
	return k;
}

// The Mobility Header of a sent packet, as it is on the wire.
inline std::vector<uint8_t> mh_of(const t::SentPacket &s)
{
	const mip6_layer_t &l = s.pkt->layer[s.pkt->nlayers - 1];
	size_t len = ((size_t)s.pkt->mh.hdr_len + 1) * 8;
	return {s.bytes.begin() + l.upper_off, s.bytes.begin() + l.upper_off + (long)len};
}

// A Binding Update as a mobile node builds it (RFC 6275 11.7.2).
struct Bu {
	uint16_t seq = 1;
	uint16_t flags = MIP6_BU_F_A;
	uint16_t lifetime = 100; // units of 4 s
	uint16_t hni = 0, cni = 0;
	const mip6_addr_t *altcoa = nullptr;
	bool nonce = true;
	bool auth = true;
	bool hao = true;
};

inline std::vector<uint8_t> build_bu(const Bu &bu, const mip6_addr_t &src, const mip6_addr_t &hoa,
                                     const Kbm &kbm, const mip6_addr_t &auth_coa)
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
		o->u.nonce.home = bu.hni;
		o->u.nonce.careof = bu.cni;
	}
	if (bu.auth)
		mip6_mh_add_opt(&m, MIP6_OPT_AUTH);
	auto pkt = t::build_mh(m, src, kCn, bu.hao ? &hoa : nullptr);
	if (bu.auth) {
		auto span = t::mh_span(pkt);
		const mip6_addr_t &ck_src = bu.hao ? hoa : src;
		EXPECT_EQ(mip6_rr_sign_mh(pkt.data() + span.first, span.second, kbm.data(), &auth_coa, &kCn,
		                          &ck_src, &kCn),
		          0);
	}
	return pkt;
}

// A BU of hoa at coa after return routability: the nonce indices of the
// HoT h and CoT c, signed with the Kbm of their tokens (RFC 6275 5.2.5).
inline std::vector<uint8_t> rr_bu(const Test_ &h, const Test_ &c, Bu bu = {}, const mip6_addr_t &hoa = kHoa,
                           const mip6_addr_t &coa = kCoa)
{
	bu.hni = h.index;
	bu.cni = c.index;
	return build_bu(bu, coa, hoa, kbm_of(h.token, &c.token), coa);
}

class Cn : public t::NodeTest {
protected:
	Cn() : NodeTest(sec(100)) {}

	void SetUp() override
	{
		env = fe.env();
		n = t::one_iface_node(&env, now);
		ASSERT_NE(n, nullptr);
		ASSERT_EQ(mip6_node_enable_cn(n), 0);
	}

	mip6_verdict_t in(const std::vector<uint8_t> &p) { return mip6_node_input(n, 1, p.data(), p.size(), now); }

	// Moves the clock to 'to', running every timer due on the way.
	void run_until(mip6_ns_t to) { t::run_timers(n, now, to); }

	// Sends a HoTI (home = true, from the HoA) or CoTI (from the CoA) and
	// returns what the HoT/CoT carried, checking its addresses and cookie.
	Test_ init(bool home, const mip6_addr_t &from, uint8_t cookie = 0x5a)
	{
		mip6_mh_t m;
		mip6_mh_init(&m, home ? MIP6_MH_HOTI : MIP6_MH_COTI);
		for (int i = 0; i < 8; i++)
			m.u.init.cookie[i] = (uint8_t)(cookie + i);
		size_t before = fe.sent.size();
		EXPECT_EQ(in(t::build_mh(m, from, kCn)), MIP6_CONSUMED);
		EXPECT_EQ(fe.sent.size(), before + 1);
		Test_ r{};
		if (fe.sent.size() != before + 1)
			return r;
		const t::SentPacket &s = fe.sent.back();
		EXPECT_EQ(s.rc, 0); // decodes strictly: checksum and layout good
		EXPECT_EQ(s.pkt->ul, MIP6_UL_MH);
		EXPECT_EQ(s.pkt->mh.type, home ? MIP6_MH_HOT : MIP6_MH_COT);
		EXPECT_EQ(s.pkt->nlayers, 1u);
		EXPECT_FALSE(inner(s).has_hao);
		EXPECT_FALSE(inner(s).has_rh);
		EXPECT_EQ(t::str(inner(s).ip.src), t::str(kCn));
		EXPECT_EQ(t::str(inner(s).ip.dst), t::str(from));
		EXPECT_EQ(s.pkt->mh.nopts, 0u);
		for (int i = 0; i < 8; i++)
			EXPECT_EQ(s.pkt->mh.u.test.cookie[i], (uint8_t)(cookie + i));
		r.index = s.pkt->mh.u.test.nonce_index;
		memcpy(r.token.data(), s.pkt->mh.u.test.keygen, MIP6_TOKEN_LEN);
		return r;
	}
	Test_ hot(const mip6_addr_t &hoa = kHoa) { return init(true, hoa); }
	Test_ cot(const mip6_addr_t &coa = kCoa) { return init(false, coa); }

	// The last BA sent, checked for the addressing of RFC 6275 9.5.4.
	const t::SentPacket *last_ba(const mip6_addr_t &to = kCoa, const mip6_addr_t &hoa = kHoa)
	{
		auto bas = fe.sent_mh(MIP6_MH_BA);
		if (bas.empty())
			return nullptr;
		const t::SentPacket *s = bas.back();
		const mip6_layer_t &l = inner(*s);
		EXPECT_EQ(t::str(l.ip.src), t::str(kCn));
		EXPECT_EQ(t::str(l.ip.dst), t::str(to));
		EXPECT_FALSE(l.has_hao);
		if (!mip6_addr_eq(&to, &hoa)) {
			EXPECT_TRUE(l.has_rh);
			EXPECT_EQ(l.rh.type, 2);
			EXPECT_EQ(t::str(*mip6_layer_cksum_dst(&l)), t::str(hoa));
		}
		return s;
	}

	// Full return routability and a registration of kHoa at kCoa.
	Kbm bind(uint16_t seq = 1, uint16_t lifetime = 100, uint16_t flags = MIP6_BU_F_A)
	{
		Test_ h = hot(), c = cot();
		Kbm k = kbm_of(h.token, &c.token);
		Bu bu;
		bu.seq = seq;
		bu.lifetime = lifetime;
		bu.flags = flags;
		bu.hni = h.index;
		bu.cni = c.index;
		EXPECT_EQ(in(build_bu(bu, kCoa, kHoa, k, kCoa)), MIP6_CONSUMED);
		return k;
	}

	// What the node does with a packet from its stack to the HoA: with a
	// binding, the data plane sends it to the CoA with a type 2 routing
	// header (RFC 6275 9.3.2). Returns true in that case.
	bool optimised_to(const mip6_addr_t &coa)
	{
		auto p = udp(kCn, kHoa);
		size_t before = fe.sent.size();
		mip6_verdict_t v = mip6_node_output(n, p.data(), p.size(), now);
		if (v != MIP6_CONSUMED || fe.sent.size() != before + 1)
			return false;
		const t::SentPacket &s = fe.sent.back();
		EXPECT_EQ(s.rc, 0);
		const mip6_layer_t &l = inner(s);
		EXPECT_EQ(t::str(l.ip.dst), t::str(coa));
		EXPECT_TRUE(l.has_rh && l.rh.type == 2);
		EXPECT_EQ(t::str(*mip6_layer_cksum_dst(&l)), t::str(kHoa));
		EXPECT_EQ(s.pkt->ul, MIP6_UL_UDP);
		return mip6_addr_eq(&l.ip.dst, &coa);
	}
};

} // namespace cnt
