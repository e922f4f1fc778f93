// SPDX-License-Identifier: BSD-3-Clause
// The home agent asks the platform for the Home-Agents anycast address of
// its home subnet (RFC 6275 10.5, RFC 2526), so DHAAD requests reach it.
#include "test_ha_util.h"

using namespace hat;

struct HaAnycast : HaFixture {
};

TEST_F(HaAnycast, EnablingTheHomeAgentAddsTheHomeAgentsAnycastAddress)
{
	ASSERT_EQ(start(), 0);
	auto adds = ops(MIP6_OP_ADDR_ADD);
	ASSERT_EQ(adds.size(), 1u);
	// 2001:db8:1::/64: the subnet's highest 128 addresses, ID 0x7e, with
	// the universal/local bit of an EUI-64 identifier cleared (RFC 2526 2).
	EXPECT_EQ(t::str(adds[0].addr), "2001:db8:1:0:fdff:ffff:ffff:fffe");
	EXPECT_EQ(adds[0].ifindex, kHome);
	EXPECT_EQ(adds[0].plen, 64);
	EXPECT_EQ(adds[0].flags, MIP6_ADDRF_ANYCAST);
	// Its result is nobody's DAD: answering it changes nothing.
	mip6_node_op_result(n, adds[0].id, 0, now);
	EXPECT_TRUE(ops(MIP6_OP_PROXY_ND_ADD).empty());
}

// Like SHISA's NODETYPE_INFO: components outside the core learn that this
// node now acts as a home agent.
TEST_F(HaAnycast, EnablingTheHomeAgentAnnouncesItsNodeTypeOnTheBus)
{
	ASSERT_EQ(start(), 0);
	auto v = fe.bus_msgs(0, {MIP6_BUS_NODETYPE_INFO});
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].cmd, 1);
	EXPECT_EQ(v[0].nodetype, MIP6_NODE_HA);
}
