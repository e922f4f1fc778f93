// SPDX-License-Identifier: BSD-3-Clause
// The operator's FLUSH_BC command at the home agent (bus.h): every binding,
// or those of one home address, go the way an expiry takes them (BC_REMOVE
// each, so the data plane drops tunnels and proxying), then one BC_FLUSH.
#include <algorithm>
#include <set>

#include "test_ha_util.h"

namespace
{

using namespace hat;

struct HaFlush : HaFixture {
	void SetUp() override
	{
		mip6_ha_client_t &c = client(kHoa);
		c.mcoa_allowed = true;
		client(kHoa2);
		ASSERT_EQ(start(), 0);
	}

	int flush(const mip6_addr_t *hoa) { return t::command(n, MIP6_CMD_FLUSH_BC, now, 0, hoa); }

	// The types published after 'from', in order.
	std::vector<uint16_t> types_since(size_t from)
	{
		std::vector<uint16_t> v;
		for (auto &m : fe.published(from))
			v.push_back(m.type);
		return v;
	}

	void two_nodes()
	{
		Bu a;
		a.bids = {{1, &kCoa, 0}, {2, &kCoa2, 0}};
		registered(a);
		Bu b;
		b.hoa = kHoa2;
		b.src = kCoa2;
		registered(b);
		ASSERT_TRUE(tunneled_to(kHoa, kCoa) || tunneled_to(kHoa, kCoa2));
		ASSERT_TRUE(tunneled_to(kHoa2, kCoa2));
	}
};

} // namespace

TEST_F(HaFlush, OneHomeAddressGoesAndTheOthersStay)
{
	two_nodes();
	size_t mark = bus().size();
	ASSERT_EQ(flush(&kHoa), 0);
	EXPECT_EQ(types_since(mark),
	          (std::vector<uint16_t>{MIP6_BUS_BC_REMOVE, MIP6_BUS_BC_REMOVE, MIP6_BUS_BC_FLUSH}));
	auto all = bus();
	std::set<uint16_t> bids;
	for (size_t i = mark; i < all.size(); i++)
		if (all[i].type == MIP6_BUS_BC_REMOVE) {
			EXPECT_EQ(t::str(all[i].hoa), t::str(kHoa));
			EXPECT_EQ(all[i].flags, MIP6_BF_HOME);
			EXPECT_EQ(t::str(all[i].peer), t::str(kHa));
			bids.insert(all[i].bid);
		}
	EXPECT_EQ(bids, (std::set<uint16_t>{1, 2}));
	auto px = ops(MIP6_OP_PROXY_ND_DEL);
	ASSERT_EQ(px.size(), 1u);
	EXPECT_EQ(t::str(px[0].addr), t::str(kHoa));
	EXPECT_EQ(ops(MIP6_OP_TUNNEL_DEL).size(), 2u);
	EXPECT_FALSE(tunneled_to(kHoa, kCoa) || tunneled_to(kHoa, kCoa2));
	EXPECT_TRUE(tunneled_to(kHoa2, kCoa2));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_HA_BCE_STATE, "BOUND", "NONE", &kHoa));

	// The mobile node's next BU is a first registration again (DAD).
	Bu a;
	a.seq = 2;
	size_t dads = ops(MIP6_OP_DAD).size();
	send(a);
	EXPECT_EQ(ops(MIP6_OP_DAD).size(), dads + 1);
}

TEST_F(HaFlush, EverythingGoesWithAnUnspecifiedHomeAddress)
{
	two_nodes();
	// A first registration still waiting for DAD is withdrawn too.
	Bu c;
	c.hoa = t::addr("2001:db8:1::300");
	send(c);
	size_t nba = this->nba();
	size_t mark = bus().size();
	ASSERT_EQ(flush(nullptr), 0);
	auto types = types_since(mark);
	ASSERT_EQ(types.size(), 4u);
	EXPECT_EQ(std::count(types.begin(), types.end(), MIP6_BUS_BC_REMOVE), 3);
	EXPECT_EQ(types.back(), MIP6_BUS_BC_FLUSH);
	EXPECT_EQ(ops(MIP6_OP_PROXY_ND_DEL).size(), 2u);
	EXPECT_EQ(ops(MIP6_OP_TUNNEL_DEL).size(), 3u);
	EXPECT_FALSE(tunneled_to(kHoa2, kCoa2));
	dad(0); // the withdrawn registration's DAD result changes nothing
	EXPECT_EQ(this->nba(), nba);
	EXPECT_EQ(mip6_node_next_timeout(n), MIP6_NS_NEVER); // no binding timer left
	// Flushing an empty cache still reports the flush.
	mark = bus().size();
	ASSERT_EQ(flush(nullptr), 0);
	EXPECT_EQ(types_since(mark), (std::vector<uint16_t>{MIP6_BUS_BC_FLUSH}));
}

TEST_F(HaFlush, UnknownHomeAddressRemovesNothing)
{
	two_nodes();
	size_t mark = bus().size();
	const mip6_addr_t other = t::addr("2001:db8:1::999");
	ASSERT_EQ(flush(&other), 0);
	EXPECT_EQ(types_since(mark), (std::vector<uint16_t>{MIP6_BUS_BC_FLUSH}));
	EXPECT_TRUE(ops(MIP6_OP_TUNNEL_DEL).empty());
	EXPECT_TRUE(tunneled_to(kHoa2, kCoa2));
}

namespace
{

// More bindings than the bus queue holds messages (MIP6_BUS_QUEUE).
struct HaFlushMany : HaFixture {
	static constexpr unsigned kNodes = 300;
	std::vector<mip6_addr_t> hoas;

	void SetUp() override
	{
		ASSERT_EQ(start(), 0);
		for (unsigned i = 0; i < kNodes; i++) {
			char a[64];
			snprintf(a, sizeof(a), "2001:db8:1::1:%x", i + 1);
			Bu b;
			b.hoa = t::addr(a);
			registered(b);
			hoas.push_back(b.hoa);
		}
		ASSERT_EQ(mip6_node_stats(n)->bus_dropped, 0u);
	}
};

} // namespace

// Every removal reaches the data plane even when the bus cannot hold them
// all at once: none is dropped, no home address is still tunnelled, and
// BC_FLUSH comes last, after the rounds the HA spreads them over.
TEST_F(HaFlushMany, FlushOfMoreBindingsThanTheBusHoldsLosesNone)
{
	size_t mark = bus().size();
	ASSERT_EQ(t::command(n, MIP6_CMD_FLUSH_BC, now, 0, nullptr), 0);
	advance(0); // the rounds left for when the queue has been delivered
	EXPECT_EQ(mip6_node_stats(n)->bus_dropped, 0u);
	auto after = fe.published(mark);
	ASSERT_FALSE(after.empty());
	EXPECT_EQ(std::count_if(after.begin(), after.end(),
	                        [](const mip6_bus_msg_t &m) { return m.type == MIP6_BUS_BC_REMOVE; }),
	          (long)kNodes);
	EXPECT_EQ(after.back().type, MIP6_BUS_BC_FLUSH);
	EXPECT_EQ(ops(MIP6_OP_TUNNEL_DEL).size(), kNodes);
	EXPECT_EQ(ops(MIP6_OP_PROXY_ND_DEL).size(), kNodes);
	for (const mip6_addr_t &h : hoas)
		ASSERT_FALSE(tunneled_to(h, kCoa)) << t::str(h);
	EXPECT_EQ(mip6_node_next_timeout(n), MIP6_NS_NEVER);
}
