// SPDX-License-Identifier: BSD-3-Clause
// Mobile router (RFC 3963: implicit and explicit mode) and multiple care-of
// addresses (RFC 5648: a BID per interface, losing one, returning home).
#include "test_mn_fixture.h"

#include <set>

using namespace mnt;

namespace
{

struct MnMcoa : MnTest {
	void SetUp() override
	{
		MnTest::SetUp();
		cfg.mcoa = true;
	}
};

TEST_F(MnMcoa, EachInterfaceRegistersItsBid)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1, 1);
	auto *bu1 = last_mh(MIP6_MH_BU);
	uint16_t seq1 = mh(bu1).u.bu.seq;
	EXPECT_EQ(t::str(outer(bu1).ip.src), "2001:db8:a::100");
	auto o = opts(mh(bu1));
	ASSERT_EQ(o.size(), 1u);
	EXPECT_EQ(o[0].type, MIP6_OPT_BID);
	EXPECT_EQ(o[0].u.bid.bid, 1u);
	EXPECT_EQ(o[0].u.bid.coa_len, 16u);
	EXPECT_EQ(memcmp(o[0].u.bid.coa, coa1.b, 16), 0);
	EXPECT_EQ(o[0].len, 20u);

	md(MIP6_MD_NEW_COA, 2, coa2, 2);
	auto *bu2 = last_mh(MIP6_MH_BU);
	EXPECT_EQ(bu2->ifindex, 2u);
	EXPECT_EQ(t::str(outer(bu2).ip.src), "2001:db8:b::100");
	o = opts(mh(bu2));
	ASSERT_EQ(o.size(), 1u);
	EXPECT_EQ(o[0].u.bid.bid, 2u);
	EXPECT_EQ(memcmp(o[0].u.bid.coa, coa2.b, 16), 0);
	uint16_t seq2 = mh(bu2).u.bu.seq;
	EXPECT_EQ(seq2, static_cast<uint16_t>(seq1 + 1)); // one counter per HA

	// BAs in the other order: each finds its BID.
	input(ba(seq2, 0, 150, 0, &coa2, {bid_opt(2)}), 2);
	input(ba(seq1, 0, 150, 0, &coa1, {bid_opt(1)}), 1);
	int bound = 0;
	for (auto &e : fe.traces)
		if (e.kind == MIP6_TR_STATE && std::string(e.to) == "BOUND")
			bound++;
	EXPECT_EQ(bound, 2);
}

TEST_F(MnMcoa, LostInterfaceDeregistersItsBidAndFlowsMove)
{
	both_bound();
	ASSERT_EQ(flow_to_bid(5000, 2), 0);
	EXPECT_EQ(tunnel_src(5000), "2001:db8:b::100");
	EXPECT_EQ(tunnel_src(6000), "2001:db8:a::100");

	md(MIP6_MD_NO_COA, 2, coa2, 2);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "BOUND", "WAITD"));
	auto *bu = last_mh(MIP6_MH_BU);
	// Through the surviving care-of address, lifetime 0, its BID.
	EXPECT_EQ(bu->ifindex, 1u);
	EXPECT_EQ(t::str(outer(bu).ip.src), "2001:db8:a::100");
	ASSERT_TRUE(outer(bu).has_hao);
	EXPECT_EQ(mh(bu).u.bu.lifetime, 0);
	auto o = opts(mh(bu));
	ASSERT_EQ(o.size(), 1u);
	EXPECT_EQ(o[0].u.bid.bid, 2u);
	EXPECT_EQ(o[0].u.bid.coa_len, 0u);
	// BUL_REMOVE {bid 2}: the flow moved to the surviving BID at once.
	EXPECT_EQ(tunnel_src(5000), "2001:db8:a::100");

	input(ba(mh(bu).u.bu.seq, 0, 0, 0, &coa1, {bid_opt(2)}), 1);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITD", "IDLE"));
	// BID 1 is untouched and the interface can come back.
	EXPECT_EQ(tunnel_src(6000), "2001:db8:a::100");
	md(MIP6_MD_NEW_COA, 2, coa2, 2);
	// Three BUs to the HA in this second already: MAX_UPDATE_RATE holds it.
	EXPECT_EQ(mh(last_mh(MIP6_MH_BU)).u.bu.lifetime, 0);
	advance(now + MIP6_SEC(1));
	auto *again = last_mh(MIP6_MH_BU);
	EXPECT_EQ(t::str(outer(again).ip.src), "2001:db8:b::100");
	EXPECT_EQ(mh(again).u.bu.lifetime, 150);
}

TEST_F(MnMcoa, PerBidStatusOverridesBaStatus)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1, 1);
	// BA status 0, but the BID option says 166 (MCoA prohibited).
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 150, 0, &coa1, {bid_opt(1, MIP6_BA_MCOA_PROHIBITED)}));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "IDLE"));
	EXPECT_EQ(mip6_node_stats(n)->ba_rcvd[MIP6_BA_MCOA_PROHIBITED], 1u);
	EXPECT_EQ(tunnel_src(5000), "not sent");
}

TEST_F(MnMcoa, ReturningHomeDeregistersAllBindingsAtOnce)
{
	both_bound();
	md(MIP6_MD_HOME, 1, hoa);
	auto bus = fe.sent_mh(MIP6_MH_BU);
	auto *bu = bus.back();
	EXPECT_EQ(t::str(outer(bu).ip.src), "2001:db8:1::100");
	EXPECT_EQ(mh(bu).u.bu.lifetime, 0);
	EXPECT_TRUE(opts(mh(bu)).empty()); // RFC 5648: no BID option removes every binding
	EXPECT_EQ(bus.size(), 3u);         // one BU for both
	input(ba(mh(bu).u.bu.seq, 0, 0, 0, &hoa));
	int idle = 0;
	for (auto &e : fe.traces)
		if (e.kind == MIP6_TR_STATE && std::string(e.from) == "WAITD" && std::string(e.to) == "IDLE")
			idle++;
	EXPECT_EQ(idle, 2);
	auto pkt = udp(hoa, cn);
	EXPECT_EQ(mip6_node_output(n, pkt.data(), pkt.size(), now), MIP6_PASS);
}

TEST_F(MnMcoa, PreferredAttachmentStreamDoesNotRegister)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1, 0); // bid 0: the preferred attachment
	EXPECT_TRUE(fe.sent.empty());
}

TEST_F(MnMcoa, AtHomeForeignInterfacesWaitUntilTheNodeLeaves)
{
	start();
	md(MIP6_MD_HOME, 1, hoa, 0);                 // the node is at home...
	md(MIP6_MD_HOME, 1, hoa, 1);                 // ...on interface 1
	md(MIP6_MD_NEW_COA, 2, coa2, 2);             // interface 2 has a foreign care-of address
	EXPECT_TRUE(fe.sent_mh(MIP6_MH_BU).empty()); // no home and foreign at once
	// Interface 1 leaves the home link: the preferred attachment is coa2.
	md(MIP6_MD_NO_COA, 1, mip6_addr_t{}, 1);
	md(MIP6_MD_NEW_COA, 2, coa2, 0);
	EXPECT_TRUE(fe.sent_mh(MIP6_MH_BU).empty()); // the HoA leaves interface 1 first
	ops_done();
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 1u);
	EXPECT_EQ(t::str(outer(bus[0]).ip.src), "2001:db8:b::100");
	EXPECT_EQ(opts(mh(bus[0]))[0].u.bid.bid, 2u);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "IDLE", "WAITA"));
}

TEST_F(MnMcoa, ReturningHomeKeepsOtherInterfacesForLater)
{
	both_bound();
	md(MIP6_MD_HOME, 1, hoa, 1);
	md(MIP6_MD_HOME, 1, hoa, 0);
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 0, 0, &hoa));
	size_t nbu = fe.sent_mh(MIP6_MH_BU).size();
	advance(now + MIP6_SEC(2));
	// Away again on interface 1 alone reported as preferred: interface 2's
	// care-of address, still valid, is registered as well.
	md(MIP6_MD_NEW_COA, 1, coa1, 1);
	md(MIP6_MD_NEW_COA, 1, coa1, 0);
	ops_done();
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), nbu + 2);
	std::set<uint16_t> bids;
	for (size_t i = nbu; i < bus.size(); i++)
		bids.insert(opts(mh(bus[i]))[0].u.bid.bid);
	EXPECT_EQ(bids, (std::set<uint16_t>{1, 2}));
}

// --- NEMO ---

struct MnNemo : MnTest {
	const mip6_addr_t mnp1 = addr("2001:db8:100::");
	const mip6_addr_t mnp2 = addr("2001:db8:200:1::");

	void SetUp() override
	{
		MnTest::SetUp();
		cfg.mr = true;
		cfg.nmnp = 2;
		cfg.mnp[0] = {mnp1, 48};
		cfg.mnp[1] = {mnp2, 64};
	}
};

TEST_F(MnNemo, ExplicitModeListsPrefixes)
{
	cfg.nemo_explicit = true;
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	auto *bu = last_mh(MIP6_MH_BU);
	EXPECT_EQ(mh(bu).u.bu.flags, MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_R);
	auto o = opts(mh(bu));
	ASSERT_EQ(o.size(), 3u); // the two prefixes, then the Alternate Care-of Address (RFC 6275 11.7.1)
	EXPECT_EQ(o[2].type, MIP6_OPT_ALTCOA);
	EXPECT_EQ(o[0].type, MIP6_OPT_MNP);
	EXPECT_EQ(o[0].u.mnp.plen, 48);
	EXPECT_EQ(t::str(o[0].u.mnp.prefix), "2001:db8:100::");
	EXPECT_EQ(o[1].u.mnp.plen, 64);
	EXPECT_EQ(t::str(o[1].u.mnp.prefix), "2001:db8:200:1::");
}

TEST_F(MnNemo, ImplicitModeOnlySetsR)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	auto *bu = last_mh(MIP6_MH_BU);
	EXPECT_EQ(mh(bu).u.bu.flags, MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_R);
	// No prefix option: only the Alternate Care-of Address (RFC 6275 11.7.1).
	auto o = opts(mh(bu));
	ASSERT_EQ(o.size(), 1u);
	EXPECT_EQ(o[0].type, MIP6_OPT_ALTCOA);
}

TEST_F(MnNemo, AcceptedBaRoutesMobileNetworkThroughTunnel)
{
	start();
	register_at(coa1);
	std::vector<mip6_op_t> src_routes;
	for (auto &o : fe.ops)
		if (o.kind == MIP6_OP_ROUTE_ADD && (o.flags & MIP6_ROUTEF_SOURCE))
			src_routes.push_back(o);
	ASSERT_EQ(src_routes.size(), 2u);
	EXPECT_TRUE(mip6_addr_eq(&src_routes[0].addr, &mnp1));
	EXPECT_EQ(src_routes[0].plen, 48);
	EXPECT_EQ(src_routes[0].ifindex, 0u);
	EXPECT_TRUE(mip6_addr_eq(&src_routes[1].addr, &mnp2));
	// MNP_ROUTE {MR}: a mobile network node's packet is tunnelled too.
	auto pkt = udp(addr("2001:db8:100::5"), cn);
	size_t before = fe.sent.size();
	EXPECT_EQ(mip6_node_output(n, pkt.data(), pkt.size(), now), MIP6_CONSUMED);
	ASSERT_EQ(fe.sent.size(), before + 1);
	auto &s = fe.sent.back();
	ASSERT_EQ(s.pkt->nlayers, 2u);
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.src), "2001:db8:a::100");
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.dst), "2001:db8:1::1");
	EXPECT_EQ(t::str(s.pkt->layer[1].ip.src), "2001:db8:100::5");

	// Back home: the source routes go.
	md(MIP6_MD_HOME, 1, hoa);
	EXPECT_EQ(mh(last_mh(MIP6_MH_BU)).u.bu.flags, MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_R);
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 0, MIP6_BA_F_R, &hoa));
	int dels = 0;
	for (auto &o : fe.ops)
		if (o.kind == MIP6_OP_ROUTE_DEL && (o.flags & MIP6_ROUTEF_SOURCE))
			dels++;
	EXPECT_EQ(dels, 2);
	auto nas = fe.sent_icmp6(MIP6_ICMP6_NA);
	ASSERT_EQ(nas.size(), 1u);
	EXPECT_EQ(nas[0]->pkt->icmp6.u.nd.flags, MIP6_NA_F_O | MIP6_NA_F_R); // a router
}

TEST_F(MnNemo, Rfc3963_5_3_BaWithoutRMeansNoRouterSupportAndDeregisters)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	uint16_t seq = mh(last_mh(MIP6_MH_BU)).u.bu.seq;
	input(ba(seq, 0, 150, 0));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_HA_NO_MR_SUPPORT));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "IDLE"));
	EXPECT_TRUE(fe.ops.empty());
	// RFC 3963 5.3: the HA holds a binding for us as a mobile node; it is
	// de-registered (before any other HA is tried).
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 2u);
	EXPECT_EQ(mh(bus[1]).u.bu.lifetime, 0);
	EXPECT_NE(mh(bus[1]).u.bu.seq, seq);
	EXPECT_EQ(t::str(outer(bus[1]).ip.dst), t::str(ha));
	// Its BA changes nothing, and nothing more is sent.
	input(ba(mh(bus[1]).u.bu.seq, 0, 0, 0));
	advance(now + MIP6_SEC(60));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
}

TEST_F(MnNemo, NemoRefusalsGiveUp)
{
	for (uint8_t status :
	     {MIP6_BA_MR_OP_NOT_PERMITTED, MIP6_BA_INVALID_PREFIX, MIP6_BA_NOT_AUTH_FOR_PREFIX}) {
		SCOPED_TRACE(static_cast<int>(status));
		fe = t::FakeEnv();
		env = fe.env();
		start();
		md(MIP6_MD_NEW_COA, 1, coa1);
		input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, status, 0));
		EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "IDLE"));
		advance(now + MIP6_SEC(60));
		EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
		mip6_node_free(n);
		n = nullptr;
		EXPECT_EQ(fe.live_blocks, 0);
	}
}

} // namespace
