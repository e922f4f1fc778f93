// SPDX-License-Identifier: BSD-3-Clause
// Mobile node: operator commands (bus COMMAND through mip6_node_command):
// flush the binding update list, register now, de-register one BID.
#include "test_mn_fixture.h"

using namespace mnt;

namespace
{

struct MnCmd : MnTest {
	// BUL_* messages published since 'from'.
	std::vector<mip6_bus_msg_t> bul(size_t from) const
	{
		return fe.bus_msgs(from, {MIP6_BUS_BUL_ADD, MIP6_BUS_BUL_REMOVE, MIP6_BUS_BUL_FLUSH});
	}
};

TEST_F(MnCmd, FlushDeregistersAndStaysQuietUntilRegister)
{
	start();
	register_at(coa1);
	EXPECT_EQ(tunnel_src(), "2001:db8:a::100");
	size_t mark = fe.bus_out.size();
	ASSERT_EQ(command(MIP6_CMD_FLUSH_BUL), 0);
	// BUL_REMOVE for the home binding, then one BUL_FLUSH.
	auto b = bul(mark);
	ASSERT_EQ(b.size(), 2u);
	EXPECT_EQ(b[0].type, MIP6_BUS_BUL_REMOVE);
	EXPECT_EQ(b[0].flags, MIP6_BF_HOME);
	EXPECT_EQ(t::str(b[0].hoa), "2001:db8:1::100");
	EXPECT_EQ(t::str(b[0].peer), "2001:db8:1::1");
	EXPECT_EQ(b[1].type, MIP6_BUS_BUL_FLUSH);
	EXPECT_EQ(tunnel_src(), "not sent");
	// The home agent is told: lifetime 0, from the care-of address.
	auto *bu = last_mh(MIP6_MH_BU);
	ASSERT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
	EXPECT_EQ(mh(bu).u.bu.lifetime, 0);
	EXPECT_EQ(mh(bu).u.bu.flags, MIP6_BU_F_A | MIP6_BU_F_H);
	EXPECT_EQ(t::str(outer(bu).ip.src), "2001:db8:a::100");
	ASSERT_TRUE(outer(bu).has_hao);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "BOUND", "WAITD"));
	EXPECT_EQ(mip6_node_next_timeout(n), now + MIP6_SEC(1)); // INITIAL_BINDACK_TIMEOUT
	input(ba(mh(bu).u.bu.seq, 0, 0));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITD", "IDLE"));

	// Quiet: a new care-of address, a refresh request, time passing.
	md(MIP6_MD_NEW_COA, 2, coa2);
	mip6_mh_t brr;
	mip6_mh_init(&brr, MIP6_MH_BRR);
	input(t::build_mh(brr, ha, coa2, nullptr, &hoa), 2);
	advance(now + MIP6_SEC(1000));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_CMD_STOPPED));

	// REGISTER: the current care-of address, at once.
	mark = fe.bus_out.size();
	ASSERT_EQ(command(MIP6_CMD_REGISTER), 0);
	ASSERT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 3u);
	bu = last_mh(MIP6_MH_BU);
	EXPECT_EQ(t::str(outer(bu).ip.src), "2001:db8:b::100");
	EXPECT_EQ(bu->ifindex, 2u);
	EXPECT_EQ(mh(bu).u.bu.lifetime, 150);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "IDLE", "WAITA"));
	input(ba(mh(bu).u.bu.seq, 0, 150, 0, &coa2), 2);
	b = bul(mark);
	ASSERT_EQ(b.size(), 1u);
	EXPECT_EQ(b[0].type, MIP6_BUS_BUL_ADD);
	EXPECT_EQ(t::str(b[0].coa), "2001:db8:b::100");
	EXPECT_EQ(tunnel_src(), "2001:db8:b::100");
}

TEST_F(MnCmd, FlushAtHomeOnlyPublishesTheFlush)
{
	start();
	md(MIP6_MD_HOME, 1, hoa);
	size_t mark = fe.bus_out.size();
	ASSERT_EQ(command(MIP6_CMD_FLUSH_BUL), 0);
	auto b = bul(mark);
	ASSERT_EQ(b.size(), 1u);
	EXPECT_EQ(b[0].type, MIP6_BUS_BUL_FLUSH);
	EXPECT_TRUE(fe.sent_mh(MIP6_MH_BU).empty());
}

TEST_F(MnCmd, RegisterResendsABoundBindingNow)
{
	start();
	register_at(coa1);
	now += MIP6_SEC(20);
	ASSERT_EQ(command(MIP6_CMD_REGISTER), 0);
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 2u);
	EXPECT_EQ(mh(bus[1]).u.bu.lifetime, 150);
	EXPECT_EQ(mh(bus[1]).u.bu.seq, static_cast<uint16_t>(mh(bus[0]).u.bu.seq + 1));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "BOUND", "WAITAR"));
	EXPECT_EQ(mip6_node_next_timeout(n), now + MIP6_SEC(1));
	input(ba(mh(bus[1]).u.bu.seq, 0, 150));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITAR", "BOUND"));
}

TEST_F(MnCmd, RegisterAtHomeSendsNothing)
{
	start();
	md(MIP6_MD_HOME, 1, hoa);
	ASSERT_EQ(command(MIP6_CMD_REGISTER), 0);
	EXPECT_TRUE(fe.sent_mh(MIP6_MH_BU).empty());
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_NOTHING_TO_REGISTER));
}

struct MnCmdMcoa : MnCmd {
	void SetUp() override
	{
		MnCmd::SetUp();
		cfg.mcoa = true;
	}

	void both_bound()
	{
		MnTest::both_bound();
		advance(now + MIP6_SEC(2));
	}
};

TEST_F(MnCmdMcoa, FlushRemovesEveryBidWithOneBu)
{
	both_bound();
	size_t nbu = fe.sent_mh(MIP6_MH_BU).size();
	size_t mark = fe.bus_out.size();
	ASSERT_EQ(command(MIP6_CMD_FLUSH_BUL), 0);
	auto b = bul(mark);
	ASSERT_EQ(b.size(), 3u);
	EXPECT_EQ(b[0].type, MIP6_BUS_BUL_REMOVE);
	EXPECT_EQ(b[0].bid, 1u);
	EXPECT_EQ(b[1].type, MIP6_BUS_BUL_REMOVE);
	EXPECT_EQ(b[1].bid, 2u);
	EXPECT_EQ(b[2].type, MIP6_BUS_BUL_FLUSH);
	// RFC 5648: a BU without BID option and lifetime 0 removes all.
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), nbu + 1);
	EXPECT_EQ(mh(bus.back()).u.bu.lifetime, 0);
	EXPECT_TRUE(opts(mh(bus.back())).empty());
	input(ba(mh(bus.back()).u.bu.seq, 0, 0, 0, &coa1));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITD", "IDLE"));
	advance(now + MIP6_SEC(700));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), nbu + 1);
	// REGISTER with bid 0: every BID again.
	ASSERT_EQ(command(MIP6_CMD_REGISTER), 0);
	bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), nbu + 3);
	EXPECT_EQ(opts(mh(bus[nbu + 1]))[0].u.bid.bid, 1u);
	EXPECT_EQ(opts(mh(bus[nbu + 2]))[0].u.bid.bid, 2u);
}

TEST_F(MnCmdMcoa, FlushThenRegisterWithBulkIsOneBu)
{
	cfg.mcoa_bulk = true;
	both_bound();
	command(MIP6_CMD_FLUSH_BUL);
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 0, 0, &coa1));
	size_t nbu = fe.sent_mh(MIP6_MH_BU).size();
	advance(now + MIP6_SEC(2));
	command(MIP6_CMD_REGISTER);
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), nbu + 1);
	auto o = opts(mh(bus.back()));
	ASSERT_EQ(o.size(), 2u);
	EXPECT_EQ(o[0].u.bid.bid, 1u);
	EXPECT_EQ(o[1].u.bid.bid, 2u);
}

TEST_F(MnCmdMcoa, DeregisterOneBidKeepsTheOther)
{
	both_bound();
	ASSERT_EQ(flow_to_bid(5000, 2), 0);
	EXPECT_EQ(tunnel_src(5000), "2001:db8:b::100");
	size_t mark = fe.bus_out.size();
	ASSERT_EQ(command(MIP6_CMD_DEREG_BID, 2), 0);
	auto b = bul(mark);
	ASSERT_EQ(b.size(), 1u);
	EXPECT_EQ(b[0].type, MIP6_BUS_BUL_REMOVE);
	EXPECT_EQ(b[0].bid, 2u);
	EXPECT_EQ(tunnel_src(5000), "2001:db8:a::100"); // its flows moved at once
	// RFC 5648 5.6: its BID, lifetime 0, from its own care-of address.
	auto *bu = last_mh(MIP6_MH_BU);
	EXPECT_EQ(mh(bu).u.bu.lifetime, 0);
	EXPECT_EQ(bu->ifindex, 2u);
	EXPECT_EQ(t::str(outer(bu).ip.src), "2001:db8:b::100");
	auto o = opts(mh(bu));
	ASSERT_EQ(o.size(), 1u);
	EXPECT_EQ(o[0].u.bid.bid, 2u);
	EXPECT_EQ(o[0].u.bid.coa_len, 0u);
	input(ba(mh(bu).u.bu.seq, 0, 0, 0, &coa2, {bid_opt(2)}), 2);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITD", "IDLE"));
	// BID 1 is untouched: its refresh still comes (510 s after its BU, 2 s
	// before the command).
	size_t nbu = fe.sent_mh(MIP6_MH_BU).size();
	advance(now + MIP6_SEC(508) + MIP6_MS(500));
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), nbu + 1);
	EXPECT_EQ(opts(mh(bus.back()))[0].u.bid.bid, 1u);
	input(ba(mh(bus.back()).u.bu.seq, 0, 150, 0, &coa1, {bid_opt(1)}), 1);
	// Movement detection reporting BID 2 again does not bring it back...
	md(MIP6_MD_NEW_COA, 2, coa2, 2);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), nbu + 1);
	// ...REGISTER for it does.
	ASSERT_EQ(command(MIP6_CMD_REGISTER, 2), 0);
	bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), nbu + 2);
	o = opts(mh(bus.back()));
	ASSERT_EQ(o.size(), 1u);
	EXPECT_EQ(o[0].u.bid.bid, 2u);
	EXPECT_EQ(o[0].u.bid.coa_len, 16u);
	EXPECT_EQ(mh(bus.back()).u.bu.lifetime, 150);
}

TEST_F(MnCmdMcoa, DeregisterUnknownBidIsRefused)
{
	both_bound();
	size_t nbu = fe.sent_mh(MIP6_MH_BU).size();
	ASSERT_EQ(command(MIP6_CMD_DEREG_BID, 7), 0);
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_NO_SUCH_BID));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), nbu);
}

TEST_F(MnCmd, DeregisterBidNeedsMcoa)
{
	start();
	register_at(coa1);
	ASSERT_EQ(command(MIP6_CMD_DEREG_BID, 1), 0);
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_NO_SUCH_BID));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
}

TEST_F(MnCmd, CommandsOfOtherComponentsAreIgnored)
{
	start();
	register_at(coa1);
	size_t mark = fe.bus_out.size();
	ASSERT_EQ(command(MIP6_CMD_FLUSH_BC), 0);
	EXPECT_TRUE(bul(mark).empty());
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
	mip6_bus_msg_t m{};
	m.type = MIP6_BUS_COMMAND;
	m.cmd = 99;
	EXPECT_NE(mip6_node_command(n, &m, now), 0);
}

} // namespace
