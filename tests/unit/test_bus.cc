// SPDX-License-Identifier: BSD-3-Clause
// The mobility bus: subscription by type, queued in-order delivery without
// re-entry, overflow accounting, and the byte encoding.
#include <gtest/gtest.h>

#include <vector>

#include "test_util.h"

extern "C" {
#include "mip6/bus.h"
#include "mip6/err.h"
}

namespace {
struct Recorder {
	mip6_bus_t *bus = nullptr;
	std::vector<std::pair<uint16_t, uint32_t>> seen; // type, seq
	bool republish = false;
	static void on(void *c, const mip6_bus_msg_t *m, mip6_ns_t)
	{
		auto *r = static_cast<Recorder *>(c);
		r->seen.push_back({m->type, m->seq});
		if (r->republish && m->type == MIP6_BUS_MD_INFO) {
			mip6_bus_msg_t out{};
			out.type = MIP6_BUS_BUL_ADD;
			mip6_bus_publish(r->bus, &out);
		}
	}
};
} // namespace

TEST(Bus, SubscribersSeeOnlyTheirTypesInOrder)
{
	mip6_bus_t bus;
	mip6_bus_init(&bus);
	Recorder mn, ha;
	ASSERT_EQ(mip6_bus_subscribe(&bus, MIP6_BUS_MASK(MIP6_BUS_MD_INFO) | MIP6_BUS_MASK(MIP6_BUS_HOME_HINT),
				     Recorder::on, &mn), 0);
	ASSERT_EQ(mip6_bus_subscribe(&bus, MIP6_BUS_MASK(MIP6_BUS_BC_ADD), Recorder::on, &ha), 0);
	mip6_bus_msg_t m{};
	for (uint16_t type : {MIP6_BUS_MD_INFO, MIP6_BUS_BC_ADD, MIP6_BUS_RR_HINT, MIP6_BUS_HOME_HINT}) {
		m.type = type;
		EXPECT_GT(mip6_bus_publish(&bus, &m), 0);
	}
	EXPECT_TRUE(mn.seen.empty()) << "publishing must not call handlers";
	EXPECT_EQ(mip6_bus_dispatch(&bus, 0), 4u);
	std::vector<std::pair<uint16_t, uint32_t>> want_mn{{MIP6_BUS_MD_INFO, 1}, {MIP6_BUS_HOME_HINT, 4}};
	std::vector<std::pair<uint16_t, uint32_t>> want_ha{{MIP6_BUS_BC_ADD, 2}};
	EXPECT_EQ(mn.seen, want_mn);
	EXPECT_EQ(ha.seen, want_ha);

	mip6_bus_unsubscribe(&bus, &mn);
	m.type = MIP6_BUS_MD_INFO;
	mip6_bus_publish(&bus, &m);
	mip6_bus_dispatch(&bus, 0);
	EXPECT_EQ(mn.seen.size(), 2u);
}

TEST(Bus, MessagesPublishedByHandlersAreDeliveredAfterwards)
{
	mip6_bus_t bus;
	mip6_bus_init(&bus);
	Recorder md, bul;
	md.bus = &bus;
	md.republish = true;
	mip6_bus_subscribe(&bus, MIP6_BUS_MASK(MIP6_BUS_MD_INFO), Recorder::on, &md);
	mip6_bus_subscribe(&bus, MIP6_BUS_MASK(MIP6_BUS_BUL_ADD), Recorder::on, &bul);
	mip6_bus_msg_t m{};
	m.type = MIP6_BUS_MD_INFO;
	mip6_bus_publish(&bus, &m);
	m.type = MIP6_BUS_BUL_ADD;
	mip6_bus_publish(&bus, &m);
	EXPECT_EQ(mip6_bus_dispatch(&bus, 0), 3u);
	std::vector<std::pair<uint16_t, uint32_t>> want{{MIP6_BUS_BUL_ADD, 2}, {MIP6_BUS_BUL_ADD, 3}};
	EXPECT_EQ(bul.seen, want);
}

TEST(Bus, FullQueueDropsAndCounts)
{
	mip6_bus_t bus;
	mip6_bus_init(&bus);
	mip6_bus_msg_t m{};
	m.type = MIP6_BUS_RR_HINT;
	for (int i = 0; i < MIP6_BUS_QUEUE; i++)
		ASSERT_GT(mip6_bus_publish(&bus, &m), 0);
	EXPECT_EQ(mip6_bus_publish(&bus, &m), MIP6_E_NOSPC);
	EXPECT_EQ(bus.dropped, 1u);
	m.type = 0;
	EXPECT_EQ(mip6_bus_publish(&bus, &m), MIP6_E_TYPE);
	m.type = MIP6_BUS_TYPE_MAX + 1;
	EXPECT_EQ(mip6_bus_publish(&bus, &m), MIP6_E_TYPE);
}

TEST(Bus, ByteEncodingRoundTripsEveryType)
{
	for (uint16_t type = 1; type <= MIP6_BUS_TYPE_MAX; type++) {
		mip6_bus_msg_t m{};
		m.type = type;
		m.seq = 0x01020304;
		m.cmd = 1;
		m.status = 2;
		m.plen = 64;
		m.nodetype = MIP6_NODE_MR;
		m.flags = MIP6_BF_HOME | MIP6_BF_MR;
		m.bid = 7;
		m.ifindex = 3;
		m.lifetime = 420;
		m.hoa = t::addr("2001:db8:1::100");
		m.coa = t::addr("2001:db8:2::100");
		m.peer = t::addr("2001:db8:1::1");
		m.prefix = t::addr("2001:db8:aaaa:1::");
		uint8_t wire[MIP6_BUS_WIRE_MAX];
		int n = mip6_bus_encode(&m, wire, sizeof(wire));
		ASSERT_GE(n, 8) << mip6_bus_type_name(type);
		mip6_bus_msg_t back;
		ASSERT_EQ(mip6_bus_decode(wire, (size_t)n, &back), n);
		EXPECT_EQ(back.type, type);
		EXPECT_EQ(back.seq, m.seq);
		// Re-encoding the decoded message gives the same bytes.
		uint8_t again[MIP6_BUS_WIRE_MAX];
		ASSERT_EQ(mip6_bus_encode(&back, again, sizeof(again)), n);
		EXPECT_EQ(t::tohex(wire, (size_t)n), t::tohex(again, (size_t)n));
		for (int cut = 0; cut < n; cut++)
			EXPECT_LT(mip6_bus_decode(wire, (size_t)cut, &back), 0) << type << " cut " << cut;
	}
	mip6_bus_msg_t m{};
	m.type = MIP6_BUS_BUL_ADD;
	m.hoa = t::addr("2001:db8:1::100");
	m.lifetime = 420;
	uint8_t wire[MIP6_BUS_WIRE_MAX];
	int n = mip6_bus_encode(&m, wire, sizeof(wire));
	mip6_bus_msg_t back;
	ASSERT_EQ(mip6_bus_decode(wire, (size_t)n, &back), n);
	EXPECT_EQ(t::str(back.hoa), "2001:db8:1::100");
	EXPECT_EQ(back.lifetime, 420u);
	wire[3]++; // length that does not match the type
	EXPECT_EQ(mip6_bus_decode(wire, (size_t)n, &back), MIP6_E_LEN);
	EXPECT_EQ(mip6_bus_encode(&m, wire, 10), MIP6_E_NOSPC);
}

#include "fake_env.h"
extern "C" {
#include "mip6/node.h"
}

TEST(Bus, NodeExportsEveryBusMessageEncodedWhenAsked)
{
	// An outside program sees what the components say to each other: here a
	// movement-detection report injected from outside comes back out, in the
	// same encoding it went in.
	t::FakeEnv fe;
	mip6_env_t env = fe.env();
	mip6_node_t *n = mip6_node_new(&env, 0);
	ASSERT_NE(n, nullptr);
	mip6_bus_msg_t m{};
	m.type = MIP6_BUS_MD_INFO;
	m.cmd = MIP6_MD_NEW_COA;
	m.ifindex = 1;
	m.coa = t::addr("2001:db8:2::100");
	uint8_t wire[MIP6_BUS_WIRE_MAX];
	int len = mip6_bus_encode(&m, wire, sizeof(wire));
	ASSERT_GT(len, 0);
	ASSERT_EQ(mip6_node_bus_input(n, wire, (size_t)len, 0), 0);
	ASSERT_EQ(fe.bus_out.size(), 1u);
	mip6_bus_msg_t back;
	ASSERT_EQ(mip6_bus_decode(fe.bus_out[0].data(), fe.bus_out[0].size(), &back), len);
	EXPECT_EQ(back.type, MIP6_BUS_MD_INFO);
	EXPECT_EQ(back.cmd, MIP6_MD_NEW_COA);
	EXPECT_EQ(t::str(back.coa), "2001:db8:2::100");
	mip6_node_free(n);
	EXPECT_EQ(fe.live_blocks, 0);
}
