// SPDX-License-Identifier: BSD-3-Clause
// Mobile node under allocation failure: a registration scenario (home
// registration, route optimisation, movement, MCoA, returning home) is
// rerun with each allocation failing in turn; nothing may leak or crash.
#include "test_mn_fixture.h"

using namespace mnt;

namespace
{

struct MnAlloc : MnTest {
	uint8_t kcn[MIP6_KCN_LEN] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
	uint8_t nonce[MIP6_NONCE_LEN] = {8, 7, 6, 5, 4, 3, 2, 1};

	bool start_quiet()
	{
		n = mip6_node_new(&env, now);
		if (!n)
			return false;
		for (uint32_t i = 1; i <= 2; i++) {
			mip6_iface_cfg_t ic{};
			ic.ifindex = i;
			ic.bid = static_cast<uint16_t>(i);
			mip6_node_add_iface(n, &ic);
			mip6_node_link(n, i, true, now);
		}
		mip6_node_enable_mn(n, &cfg); // may fail: the rest must cope
		return true;
	}

	// Acknowledges the newest BU to the HA if it has not been answered.
	void answer_ha(size_t &answered, const mip6_addr_t &coa, uint32_t ifindex)
	{
		auto v = fe.sent_mh(MIP6_MH_BU);
		for (size_t i = answered; i < v.size(); i++) {
			if (!mip6_addr_eq(&v[i]->pkt->layer[0].ip.dst, &ha))
				continue;
			// One BID option per BID of the BU (bulk registration too).
			std::vector<mip6_mhopt_t> o;
			const mip6_mh_t &bu = v[i]->pkt->mh;
			for (unsigned k = 0; k < bu.nopts; k++) {
				if (bu.opts[k].type != MIP6_OPT_BID)
					continue;
				mip6_mhopt_t b{};
				b.type = MIP6_OPT_BID;
				b.u.bid.bid = bu.opts[k].u.bid.bid;
				o.push_back(b);
			}
			const mip6_addr_t &to = mip6_addr_eq(&v[i]->pkt->layer[0].ip.src, &hoa) ? hoa : coa;
			input(ba(v[i]->pkt->mh.u.bu.seq, 0, v[i]->pkt->mh.u.bu.lifetime,
			         cfg.mr ? MIP6_BA_F_R : 0, &to, o),
			      ifindex);
			v = fe.sent_mh(MIP6_MH_BU);
		}
		answered = v.size();
	}

	// Plays the correspondent: answers the newest HoTI/CoTI and BU.
	void answer_cn(const mip6_addr_t &coa, uint32_t ifindex)
	{
		std::vector<uint8_t> ht(8), ct(8);
		mip6_rr_keygen(kcn, sizeof kcn, &hoa, nonce, sizeof nonce, false, ht.data());
		mip6_rr_keygen(kcn, sizeof kcn, &coa, nonce, sizeof nonce, true, ct.data());
		auto hotis = fe.sent_mh(MIP6_MH_HOTI);
		if (!hotis.empty()) {
			mip6_mh_t m;
			mip6_mh_init(&m, MIP6_MH_HOT);
			m.u.test.nonce_index = 1;
			memcpy(m.u.test.cookie, hotis.back()->pkt->mh.u.init.cookie, 8);
			memcpy(m.u.test.keygen, ht.data(), 8);
			input(encap(t::build_mh(m, cn, hoa), ha, coa), ifindex);
		}
		auto cotis = fe.sent_mh(MIP6_MH_COTI);
		if (!cotis.empty()) {
			mip6_mh_t m;
			mip6_mh_init(&m, MIP6_MH_COT);
			m.u.test.nonce_index = 2;
			memcpy(m.u.test.cookie, cotis.back()->pkt->mh.u.init.cookie, 8);
			memcpy(m.u.test.keygen, ct.data(), 8);
			input(t::build_mh(m, cn, coa), ifindex);
		}
		const t::SentPacket *bu = nullptr;
		for (auto *s : fe.sent_mh(MIP6_MH_BU))
			if (mip6_addr_eq(&s->pkt->layer[0].ip.dst, &cn))
				bu = s;
		if (!bu)
			return;
		bool dereg = bu->pkt->mh.u.bu.lifetime == 0;
		uint8_t k[MIP6_KBM_LEN];
		mip6_rr_kbm(ht.data(), dereg ? nullptr : ct.data(), k);
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_BA);
		m.u.ba.seq = bu->pkt->mh.u.bu.seq;
		m.u.ba.lifetime = bu->pkt->mh.u.bu.lifetime;
		mip6_mh_add_opt(&m, MIP6_OPT_AUTH)->u.data = nullptr;
		auto pkt = dereg ? t::build_mh(m, cn, hoa) : t::build_mh(m, cn, coa, nullptr, &hoa);
		auto span = mh_span(pkt);
		const mip6_addr_t &c = dereg ? hoa : coa;
		mip6_rr_sign_mh(pkt.data() + span.first, span.second, k, &c, &cn, &cn, &hoa);
		input(pkt, ifindex);
	}

	// As movement detection reports: per interface (its BID), then the
	// preferred attachment (bid 0).
	void report(uint8_t cmd, uint32_t ifindex, const mip6_addr_t &coa)
	{
		md(cmd, ifindex, coa, static_cast<uint16_t>(ifindex));
		md(cmd, ifindex, coa, 0);
	}

	bool commands = false;

	void scenario()
	{
		if (!start_quiet())
			return;
		size_t answered = 0;
		report(MIP6_MD_NEW_COA, 1, coa1);
		answer_ha(answered, coa1, 1);
		rr_hint(cn);
		answer_cn(coa1, 1);
		auto pkt = udp(hoa, cn);
		mip6_node_output(n, pkt.data(), pkt.size(), now);
		report(MIP6_MD_NEW_COA, 2, coa2);
		answer_ha(answered, coa2, 2);
		answer_cn(coa2, 2);
		if (commands) {
			// Operator: flush everything, register again, drop BID 2.
			command(MIP6_CMD_FLUSH_BUL);
			answer_ha(answered, coa1, 1);
			advance(now + MIP6_SEC(2));
			command(MIP6_CMD_REGISTER);
			answer_ha(answered, coa1, 1);
			command(MIP6_CMD_DEREG_BID, 2);
			answer_ha(answered, coa1, 1);
			command(MIP6_CMD_REGISTER, 2);
			answer_ha(answered, coa2, 2);
			rr_hint(cn);
			answer_cn(coa1, 1);
		}
		advance(now + MIP6_SEC(200)); // RR renewal, retransmissions
		answer_cn(cfg.mcoa ? coa1 : coa2, cfg.mcoa ? 1 : 2);
		md(MIP6_MD_NO_COA, 2, coa2, 2);
		md(MIP6_MD_NO_COA, 2, coa2, 0);
		md(MIP6_MD_NEW_COA, 1, coa1, 0);
		answer_ha(answered, coa1, 1);
		advance(now + MIP6_SEC(5));
		report(MIP6_MD_HOME, 1, hoa);
		answer_ha(answered, hoa, 1);
		answer_cn(hoa, 1);
		advance(now + MIP6_SEC(100));
		mip6_node_free(n);
		n = nullptr;
	}

	void every_allocation_fails_once()
	{
		fe = t::FakeEnv();
		env = fe.env();
		scenario();
		long total = fe.alloc_count;
		EXPECT_EQ(fe.live_blocks, 0);
		ASSERT_GT(total, 3);
		RecordProperty("allocations", static_cast<int>(total));
		for (long i = 0; i < total; i++) {
			SCOPED_TRACE(i);
			fe = t::FakeEnv();
			fe.fail_at = i;
			env = fe.env();
			now = MIP6_SEC(1000);
			scenario();
			EXPECT_EQ(fe.live_blocks, 0);
		}
	}
};

TEST_F(MnAlloc, MobileNodeWithRouteOptimisation)
{
	cfg.ro = true;
	every_allocation_fails_once();
}

TEST_F(MnAlloc, MobileRouterWithMcoaAndAuth)
{
	cfg.mr = true;
	cfg.nemo_explicit = true;
	cfg.nmnp = 1;
	cfg.mnp[0] = {addr("2001:db8:100::"), 48};
	cfg.mcoa = true;
	cfg.ro = true;
	cfg.auth.enabled = true;
	cfg.auth.key_len = 8;
	memcpy(cfg.auth.key, "k3y-k3y!", 8);
	cfg.auth.nai_len = 3;
	memcpy(cfg.auth.nai, "mr1", 3);
	every_allocation_fails_once();
}

TEST_F(MnAlloc, BulkMcoaWithOperatorCommands)
{
	cfg.mcoa = true;
	cfg.mcoa_bulk = true;
	cfg.ro = true;
	commands = true;
	every_allocation_fails_once();
}

// The same scenario without failures reaches the states it is meant to.
TEST_F(MnAlloc, ScenarioExercisesTheStateMachines)
{
	cfg.ro = true;
	scenario();
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "BOUND", "WAITAR"));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "WAITA", "BOUND"));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "RRREDO", "WAITAR"));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "WAITD", "IDLE"));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITD", "IDLE"));
}

} // namespace
