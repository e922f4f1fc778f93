/* SPDX-License-Identifier: BSD-3-Clause */
// The route optimisation fixture of the mobile node tests (test_mn_ro.cc,
// test_view.cc): the test plays the correspondent with a real return
// routability computation (its own Kcn and nonces), the home agent by hand.
#pragma once

#include <cstring>
#include <vector>

#include "test_mn_fixture.h"

extern "C" {
#include "mip6/crypto.h"
#include "mip6/rr.h"
}

namespace mnt
{

struct MnRo : MnTest {
	uint8_t kcn[MIP6_KCN_LEN];
	uint8_t nonce_h[MIP6_NONCE_LEN] = {1, 2, 3, 4, 5, 6, 7, 8};
	uint8_t nonce_c[MIP6_NONCE_LEN] = {9, 10, 11, 12, 13, 14, 15, 16};
	uint16_t idx_h = 7, idx_c = 9;

	void SetUp() override
	{
		MnTest::SetUp();
		cfg.ro = true;
		for (unsigned i = 0; i < sizeof kcn; i++)
			kcn[i] = static_cast<uint8_t>(0xa0 + i);
	}

	std::vector<uint8_t> token(const mip6_addr_t &a, bool careof, const uint8_t *nonce)
	{
		std::vector<uint8_t> tok(MIP6_TOKEN_LEN);
		EXPECT_EQ(mip6_rr_keygen(kcn, sizeof kcn, &a, nonce, MIP6_NONCE_LEN, careof, tok.data()), 0);
		return tok;
	}

	std::vector<uint8_t> kbm(const std::vector<uint8_t> &ht, const std::vector<uint8_t> *ct)
	{
		std::vector<uint8_t> k(MIP6_KBM_LEN);
		EXPECT_EQ(mip6_rr_kbm(ht.data(), ct ? ct->data() : nullptr, k.data()), 0);
		return k;
	}

	// The CN's HoT, reverse-tunnelled to us by the home agent.
	std::vector<uint8_t> hot(const t::SentPacket *hoti, uint16_t idx = 7, bool bad_cookie = false)
	{
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_HOT);
		m.u.test.nonce_index = idx;
		memcpy(m.u.test.cookie, mh(hoti).u.init.cookie, 8);
		if (bad_cookie)
			m.u.test.cookie[0] ^= 1;
		auto tok = token(hoa, false, nonce_h);
		memcpy(m.u.test.keygen, tok.data(), 8);
		const mip6_addr_t &coa = outer(hoti).ip.src;
		return encap(t::build_mh(m, cn, hoa), ha, coa);
	}

	std::vector<uint8_t> cot(const t::SentPacket *coti, uint16_t idx = 9)
	{
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_COT);
		m.u.test.nonce_index = idx;
		memcpy(m.u.test.cookie, mh(coti).u.init.cookie, 8);
		const mip6_addr_t &coa = outer(coti).ip.src;
		auto tok = token(coa, true, nonce_c);
		memcpy(m.u.test.keygen, tok.data(), 8);
		return t::build_mh(m, cn, coa);
	}

	// The CN's BA, signed with Kbm as RFC 6275 6.2.7 says.
	std::vector<uint8_t> cn_ba(uint16_t seq, uint8_t status, uint16_t lifetime,
	                           const std::vector<uint8_t> &k, const mip6_addr_t &coa,
	                           bool at_home = false)
	{
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_BA);
		m.u.ba.status = status;
		m.u.ba.seq = seq;
		m.u.ba.lifetime = lifetime;
		mip6_mh_add_opt(&m, MIP6_OPT_AUTH)->u.data = nullptr;
		auto pkt = at_home ? t::build_mh(m, cn, hoa) : t::build_mh(m, cn, coa, nullptr, &hoa);
		auto span = mh_span(pkt);
		EXPECT_EQ(
		    mip6_rr_sign_mh(pkt.data() + span.first, span.second, k.data(), &coa, &cn, &cn, &hoa), 0);
		return pkt;
	}

	std::vector<const t::SentPacket *> to_cn(uint8_t type) const
	{
		std::vector<const t::SentPacket *> v;
		for (auto *s : fe.sent_mh(type))
			if (mip6_addr_eq(&inner(s).ip.dst, &cn))
				v.push_back(s);
		return v;
	}

	// Home registration, RR, BU, BA: route-optimised with the CN.
	std::vector<uint8_t> bind(mip6_ns_t *bu_time = nullptr)
	{
		register_at(coa1);
		rr_hint(cn);
		auto *hoti = to_cn(MIP6_MH_HOTI).back();
		auto *coti = to_cn(MIP6_MH_COTI).back();
		input(hot(hoti));
		input(cot(coti));
		auto *bu = to_cn(MIP6_MH_BU).back();
		if (bu_time)
			*bu_time = now;
		auto ht = token(hoa, false, nonce_h), ct = token(coa1, true, nonce_c);
		auto k = kbm(ht, &ct);
		input(cn_ba(mh(bu).u.bu.seq, 0, mh(bu).u.bu.lifetime, k, coa1));
		return k;
	}
};

} // namespace mnt
