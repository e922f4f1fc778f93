// SPDX-License-Identifier: BSD-3-Clause
// Mobile node with multiple care-of addresses: bulk registration (RFC 5648
// 5.3, 6.2): several BIDs in one Binding Update, per-BID status in the BA,
// and the fallback to one BU per BID when the home agent refuses (168).
#include "test_mn_fixture.h"

#include <algorithm>

using namespace mnt;

namespace
{

struct MnBulk : MnTest {
	void SetUp() override
	{
		MnTest::SetUp();
		cfg.mcoa = true;
		cfg.mcoa_bulk = true;
	}

	// At home on interface 1 while interface 2 has a foreign care-of
	// address; then the node leaves: both BIDs register together.
	void leave_home()
	{
		start();
		md(MIP6_MD_HOME, 1, hoa, 0);
		md(MIP6_MD_NEW_COA, 1, coa1, 1);
		md(MIP6_MD_NEW_COA, 2, coa2, 2);
		EXPECT_TRUE(fe.sent_mh(MIP6_MH_BU).empty());
		md(MIP6_MD_NEW_COA, 1, coa1, 0);
		ops_done(); // the home address has left interface 1
	}

	static void expect_bid(const mip6_mhopt_t &o, uint16_t bid, const mip6_addr_t &coa)
	{
		EXPECT_EQ(o.type, MIP6_OPT_BID);
		EXPECT_EQ(o.u.bid.bid, bid);
		EXPECT_EQ(o.len, 20u);
		EXPECT_EQ(o.u.bid.coa_len, 16u);
		EXPECT_EQ(t::str(*reinterpret_cast<const mip6_addr_t *>(o.u.bid.coa)), t::str(coa));
	}

	std::vector<mip6_bus_msg_t> bul_adds(size_t from) const
	{
		return fe.bus_msgs(from, {MIP6_BUS_BUL_ADD});
	}
};

TEST_F(MnBulk, LeavingHomeRegistersEveryBidInOneBu)
{
	leave_home();
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 1u);
	auto *bu = bus[0];
	uint16_t seq = mh(bu).u.bu.seq;
	EXPECT_EQ(bu->ifindex, 1u);
	EXPECT_EQ(t::str(outer(bu).ip.src), "2001:db8:a::100");
	EXPECT_EQ(t::str(outer(bu).ip.dst), "2001:db8:1::1");
	ASSERT_TRUE(outer(bu).has_hao);
	EXPECT_EQ(t::str(outer(bu).hao), "2001:db8:1::100");
	// The first MCoA registration overwrites what the HA holds (RFC 5648 5.9).
	EXPECT_EQ(mh(bu).u.bu.flags, MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_O);
	EXPECT_EQ(mh(bu).u.bu.lifetime, 150);
	auto o = opts(mh(bu));
	ASSERT_EQ(o.size(), 2u);
	expect_bid(o[0], 1, coa1);
	expect_bid(o[1], 2, coa2);
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_TX_BU_BULK));

	// The HA's BA: one BID option per BID, each accepted.
	size_t mark = fe.bus_out.size();
	ASSERT_EQ(input(ba(seq, 0, 150, 0, &coa1, {bid_opt(1), bid_opt(2)})), MIP6_CONSUMED);
	auto adds = bul_adds(mark);
	ASSERT_EQ(adds.size(), 2u);
	EXPECT_EQ(adds[0].bid, 1u);
	EXPECT_EQ(t::str(adds[0].coa), "2001:db8:a::100");
	EXPECT_EQ(adds[0].ifindex, 1u);
	EXPECT_EQ(adds[0].lifetime, 600u);
	EXPECT_EQ(adds[1].bid, 2u);
	EXPECT_EQ(t::str(adds[1].coa), "2001:db8:b::100");
	EXPECT_EQ(adds[1].ifindex, 2u);
	int bound = 0;
	for (auto &e : fe.traces)
		if (e.kind == MIP6_TR_STATE && std::string(e.from) == "WAITA" && std::string(e.to) == "BOUND")
			bound++;
	EXPECT_EQ(bound, 2);
	EXPECT_EQ(mip6_node_stats(n)->ba_rcvd[0], 1u);

	// Both refresh together at 85 % of 600 s: again one bulk BU.
	advance(now + MIP6_SEC(510) + MIP6_MS(500));
	bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 2u);
	o = opts(mh(bus[1]));
	ASSERT_EQ(o.size(), 2u);
	EXPECT_EQ(o[0].u.bid.bid, 1u);
	EXPECT_EQ(o[1].u.bid.bid, 2u);
	EXPECT_EQ(mh(bus[1]).u.bu.seq, static_cast<uint16_t>(seq + 1));
}

TEST_F(MnBulk, RetransmissionsStayOneBulkBu)
{
	leave_home();
	mip6_ns_t t0 = now;
	auto times = send_times(MIP6_MH_BU, t0 + MIP6_SEC(10));
	// InitialBindackTimeoutFirstReg 1.5 s doubling: one BU each time, not one per BID.
	std::vector<mip6_ns_t> want = {t0 + MIP6_MS(1500), t0 + MIP6_MS(4500)};
	EXPECT_EQ(times, want);
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 3u);
	for (auto *bu : bus)
		EXPECT_EQ(opts(mh(bu)).size(), 2u);
	// The BA to the last one binds both.
	input(ba(mh(bus[2]).u.bu.seq, 0, 150, 0, &coa1, {bid_opt(1), bid_opt(2)}));
	size_t n_bu = fe.sent_mh(MIP6_MH_BU).size();
	advance(now + MIP6_SEC(60));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), n_bu);
}

TEST_F(MnBulk, NotCompleteAppliesEachBidsStatus)
{
	leave_home();
	auto *bu = last_mh(MIP6_MH_BU);
	size_t mark = fe.bus_out.size();
	// RFC 5648 6.2: status 4, BID 1 accepted, BID 2 refused (167: unknown CoA).
	input(ba(mh(bu).u.bu.seq, MIP6_BA_MCOA_NOTCOMPLETE, 150, 0, &coa1,
	         {bid_opt(1, 0), bid_opt(2, MIP6_BA_MCOA_UNKNOWN_COA)}));
	auto adds = bul_adds(mark);
	ASSERT_EQ(adds.size(), 1u);
	EXPECT_EQ(adds[0].bid, 1u);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "IDLE"));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_REFUSED));
	EXPECT_EQ(mip6_node_stats(n)->ba_rcvd[MIP6_BA_MCOA_NOTCOMPLETE], 1u);
	// BID 2 is not retransmitted; BID 1 is bound.
	size_t n_bu = fe.sent_mh(MIP6_MH_BU).size();
	advance(now + MIP6_SEC(30));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), n_bu);
}

TEST_F(MnBulk, BidMissingFromTheBaKeepsRetransmitting)
{
	leave_home();
	auto *bu = last_mh(MIP6_MH_BU);
	input(ba(mh(bu).u.bu.seq, MIP6_BA_MCOA_NOTCOMPLETE, 150, 0, &coa1, {bid_opt(1, 0)}));
	// BID 2 had no answer: it goes again, alone now (BID 1 is bound).
	advance(now + MIP6_MS(1500));
	ASSERT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
	auto *again = last_mh(MIP6_MH_BU);
	auto o = opts(mh(again));
	ASSERT_EQ(o.size(), 1u);
	expect_bid(o[0], 2, coa2);
	EXPECT_EQ(again->ifindex, 2u);
	EXPECT_EQ(t::str(outer(again).ip.src), "2001:db8:b::100");
}

TEST_F(MnBulk, RefusalOfBulkFallsBackToOneBuPerBid)
{
	leave_home();
	auto *bu = last_mh(MIP6_MH_BU);
	uint16_t seq = mh(bu).u.bu.seq;
	input(ba(seq, MIP6_BA_MCOA_BULK_PROHIBITED, 0, 0, &coa1));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_BULK_REFUSED));
	EXPECT_EQ(mip6_node_stats(n)->ba_rcvd[MIP6_BA_MCOA_BULK_PROHIBITED], 1u);
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 3u);
	// Each BID from its own interface and care-of address, with its BID.
	for (unsigned i = 1; i <= 2; i++) {
		auto *b = bus[i];
		auto o = opts(mh(b));
		ASSERT_EQ(o.size(), 1u);
		expect_bid(o[0], static_cast<uint16_t>(i), i == 1 ? coa1 : coa2);
		EXPECT_EQ(b->ifindex, i);
		EXPECT_EQ(t::str(outer(b).ip.src), t::str(i == 1 ? coa1 : coa2));
		EXPECT_EQ(mh(b).u.bu.seq, static_cast<uint16_t>(seq + i));
	}
	input(ba(mh(bus[1]).u.bu.seq, 0, 150, 0, &coa1, {bid_opt(1)}), 1);
	input(ba(mh(bus[2]).u.bu.seq, 0, 150, 0, &coa2, {bid_opt(2)}), 2);
	int bound = 0;
	for (auto &e : fe.traces)
		if (e.kind == MIP6_TR_STATE && std::string(e.to) == "BOUND")
			bound++;
	EXPECT_EQ(bound, 2);
	// The refusal is remembered: the refresh sends one BU per BID again.
	advance(now + MIP6_SEC(510) + MIP6_MS(500));
	bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 5u);
	EXPECT_EQ(opts(mh(bus[3])).size(), 1u);
	EXPECT_EQ(opts(mh(bus[4])).size(), 1u);
}

TEST_F(MnBulk, PerBidRefusalOfBulkAlsoFallsBack)
{
	leave_home();
	auto *bu = last_mh(MIP6_MH_BU);
	input(ba(mh(bu).u.bu.seq, MIP6_BA_MCOA_BULK_PROHIBITED, 0, 0, &coa1,
	         {bid_opt(1, MIP6_BA_MCOA_BULK_PROHIBITED), bid_opt(2, MIP6_BA_MCOA_BULK_PROHIBITED)}));
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 3u);
	EXPECT_EQ(opts(mh(bus[1])).size(), 1u);
	EXPECT_EQ(opts(mh(bus[2])).size(), 1u);
}

TEST_F(MnBulk, RefusalWithoutBidOptionsAppliesToAll)
{
	leave_home();
	auto *bu = last_mh(MIP6_MH_BU);
	input(ba(mh(bu).u.bu.seq, MIP6_BA_MCOA_PROHIBITED, 0, 0, &coa1));
	int idle = 0;
	for (auto &e : fe.traces)
		if (e.kind == MIP6_TR_STATE && std::string(e.from) == "WAITA" && std::string(e.to) == "IDLE")
			idle++;
	EXPECT_EQ(idle, 2);
	advance(now + MIP6_SEC(60));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
}

TEST_F(MnBulk, BindingRefreshRequestWithoutBidRefreshesAllInOneBu)
{
	leave_home();
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 150, 0, &coa1, {bid_opt(1), bid_opt(2)}));
	advance(now + MIP6_SEC(5));
	mip6_mh_t brr;
	mip6_mh_init(&brr, MIP6_MH_BRR);
	input(t::build_mh(brr, ha, coa1, nullptr, &hoa));
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 2u);
	auto o = opts(mh(bus[1]));
	ASSERT_EQ(o.size(), 2u);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "BOUND", "WAITAR"));
}

TEST_F(MnBulk, WithoutTheKnobEachBidHasItsBu)
{
	cfg.mcoa_bulk = false;
	leave_home();
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 2u);
	EXPECT_EQ(opts(mh(bus[0])).size(), 1u);
	EXPECT_EQ(opts(mh(bus[1])).size(), 1u);
}

// Against this project's home agent (ha_bu.c): the bulk BU is accepted
// with one BID option per BID in the BA, and the MN binds both.
void bulk_with_home_agent(MnBulk &tc, bool auth)
{
	if (auth) {
		tc.cfg.auth.enabled = true;
		tc.cfg.auth.spi = 0x4242;
		tc.cfg.auth.key_len = 8;
		memcpy(tc.cfg.auth.key, "bulk-key", 8);
		tc.cfg.auth.nai_len = 6;
		memcpy(tc.cfg.auth.nai, "mr@ex1", 6);
	}
	t::FakeEnv hfe;
	mip6_env_t henv = hfe.env();
	mip6_node_t *h = mip6_node_new(&henv, tc.now);
	ASSERT_NE(h, nullptr);
	for (uint32_t i = 1; i <= 2; i++) {
		mip6_iface_cfg_t ic{};
		ic.ifindex = i;
		ASSERT_EQ(mip6_node_add_iface(h, &ic), 0);
		mip6_node_link(h, i, true, tc.now);
	}
	mip6_ha_client_t cl{};
	cl.hoa = tc.hoa;
	cl.mcoa_allowed = true;
	cl.auth = tc.cfg.auth;
	mip6_ha_cfg_t hc{};
	hc.home_ifindex = 1;
	hc.addr = tc.ha;
	hc.home_prefix.prefix = t::addr("2001:db8:1::");
	hc.home_prefix.plen = 64;
	hc.max_lifetime_s = 3600;
	hc.serve_only_clients = true;
	hc.nclients = 1;
	hc.clients = &cl;
	ASSERT_EQ(mip6_node_enable_ha(h, &hc), 0);

	tc.leave_home();
	auto *bu = tc.last_mh(MIP6_MH_BU);
	if (auth) {
		// BID options first, the MN-HA authenticator last (RFC 4285 5).
		auto o = MnTest::opts(MnTest::mh(bu));
		ASSERT_EQ(o.size(), 5u);
		EXPECT_EQ(o[0].type, MIP6_OPT_BID);
		EXPECT_EQ(o[1].type, MIP6_OPT_BID);
		EXPECT_EQ(o[2].type, MIP6_OPT_MNID);
		EXPECT_EQ(o[3].type, MIP6_OPT_MESGID);
		EXPECT_EQ(o[4].type, MIP6_OPT_MNAUTH);
	}
	mip6_node_input(h, 2, bu->bytes.data(), bu->bytes.size(), tc.now);
	auto dad = hfe.ops_of(MIP6_OP_DAD);
	ASSERT_EQ(dad.size(), 1u); // RFC 6275 10.3.1: DAD before the first BA
	mip6_node_op_result(h, dad[0].id, 0, tc.now);
	std::vector<const t::SentPacket *> bas;
	for (auto &sp : hfe.sent)
		if (sp.rc == 0 && sp.pkt->ul == MIP6_UL_MH && sp.pkt->mh.type == MIP6_MH_BA)
			bas.push_back(&sp);
	ASSERT_EQ(bas.size(), 1u);
	const mip6_mh_t &m = bas[0]->pkt->mh;
	EXPECT_EQ(m.u.ba.status, 0);
	auto bids = MnTest::opts(m);
	bids.erase(std::remove_if(bids.begin(), bids.end(),
	                          [](const mip6_mhopt_t &x) { return x.type != MIP6_OPT_BID; }),
	           bids.end());
	ASSERT_EQ(bids.size(), 2u);
	EXPECT_EQ(bids[0].u.bid.bid, 1u);
	EXPECT_EQ(bids[1].u.bid.bid, 2u);
	EXPECT_EQ(bids[0].u.bid.status, 0u);
	EXPECT_EQ(bids[1].u.bid.status, 0u);
	EXPECT_EQ(hfe.ops_of(MIP6_OP_TUNNEL_ADD).size(), 2u); // one tunnel per care-of address

	size_t mark = tc.fe.bus_out.size();
	EXPECT_EQ(tc.input(bas[0]->bytes, 1), MIP6_CONSUMED);
	auto adds = tc.bul_adds(mark);
	ASSERT_EQ(adds.size(), 2u);
	EXPECT_EQ(adds[0].bid, 1u);
	EXPECT_EQ(adds[1].bid, 2u);
	EXPECT_EQ(mip6_node_stats(tc.n)->drop_auth, 0u);
	mip6_node_free(h);
	EXPECT_EQ(hfe.live_blocks, 0);
}

TEST_F(MnBulk, HomeAgentComponentAcceptsTheBulkRegistration)
{
	bulk_with_home_agent(*this, false);
}

TEST_F(MnBulk, HomeAgentComponentAcceptsTheSignedBulkRegistration)
{
	bulk_with_home_agent(*this, true);
}

} // namespace
