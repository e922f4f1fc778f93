// SPDX-License-Identifier: BSD-3-Clause
// Links: delay, jitter, loss, duplication, reordering (fixed seeds), L2
// targets, and link down/up as the attached cores see it.
#include <gtest/gtest.h>

#include <algorithm>

#include "fake_core.h"
#include "harness.h"

using namespace mip6h;

namespace
{

struct Pair {
	World w;
	Link &l;
	Host &a, &b;
	mip6_addr_t aa = A("2001:db8::a"), ba = A("2001:db8::b");
	explicit Pair(const LinkParams &p, uint64_t seed = 1)
	    : w(seed, WorldOpts{false, false, 0}), l(w.add_link("l", p)), a(w.add_host("a")),
	      b(w.add_host("b"))
	{
		a.add_iface(1);
		b.add_iface(1);
		a.add_addr(1, aa, 64);
		b.add_addr(1, ba, 64);
		w.attach(a, 1, l);
		w.attach(b, 1, l);
	}
	// n tagged UDP packets a -> b (port 9: no echo), one every 'interval'.
	Flow &flow(uint32_t n, mip6_ns_t interval)
	{
		FlowSpec s;
		s.from = &a;
		s.src = aa;
		s.dst = ba;
		s.dport = 9;
		s.interval = interval;
		s.count = n;
		return w.add_flow(s);
	}
};

} // namespace

TEST(HarnessLink, FixedDelay)
{
	LinkParams p;
	p.delay = MIP6_MS(3);
	Pair t(p);
	Flow &f = t.flow(50, MIP6_MS(10));
	t.w.run_for(MIP6_SEC(1));
	ASSERT_EQ(f.received(), 50u);
	for (auto &kv : f.rx)
		EXPECT_EQ(kv.second.t, f.sent_at[kv.first] + MIP6_MS(3));
	EXPECT_EQ(t.l.stats.tx, 50u);
	EXPECT_EQ(t.l.stats.delivered, 50u);
}

TEST(HarnessLink, JitterVariesDelayButKeepsOrder)
{
	LinkParams p;
	p.delay = MIP6_MS(3);
	p.jitter = MIP6_MS(2);
	Pair t(p);
	Flow &f = t.flow(2000, 500000);
	t.w.run_for(MIP6_SEC(5));
	ASSERT_EQ(f.received(), 2000u);
	mip6_ns_t lo = MIP6_NS_NEVER, hi = 0, prev = 0;
	for (auto &kv : f.rx) {
		mip6_ns_t d = kv.second.t - f.sent_at[kv.first];
		lo = std::min(lo, d);
		hi = std::max(hi, d);
		EXPECT_GE(kv.second.t, prev) << "seq " << kv.first << " overtook an earlier packet";
		prev = kv.second.t;
	}
	EXPECT_GE(lo, MIP6_MS(3));
	EXPECT_LE(hi, MIP6_MS(5));
	EXPECT_GT(hi - lo, MIP6_MS(1)); // the jitter is really there
}

TEST(HarnessLink, LossRateWithFixedSeed)
{
	LinkParams p;
	p.loss = 0.25;
	Pair t(p, 1234);
	Flow &f = t.flow(20000, 500000);
	t.w.run_for(MIP6_SEC(30));
	double lost = 1.0 - static_cast<double>(f.received()) / 20000.0;
	EXPECT_NEAR(lost, 0.25, 0.02); // 4+ standard deviations
	EXPECT_EQ(t.l.stats.lost + t.l.stats.delivered, 20000u);
	EXPECT_EQ(f.lost().size(), t.l.stats.lost);
	// Same seed, same losses.
	Pair u(p, 1234);
	Flow &g = u.flow(20000, 500000);
	u.w.run_for(MIP6_SEC(30));
	EXPECT_EQ(f.lost(), g.lost());
}

TEST(HarnessLink, DuplicationRate)
{
	LinkParams p;
	p.dup = 0.1;
	Pair t(p, 99);
	Flow &f = t.flow(10000, 500000);
	t.w.run_for(MIP6_SEC(20));
	EXPECT_EQ(f.received(), 10000u);
	EXPECT_EQ(f.rx_dups, t.l.stats.duplicated);
	EXPECT_EQ(t.b.app_rx.size(), 10000u + t.l.stats.duplicated);
	EXPECT_NEAR(static_cast<double>(t.l.stats.duplicated) / 10000.0, 0.1, 0.015);
}

TEST(HarnessLink, ReorderingHoldsCopiesBack)
{
	LinkParams p;
	p.delay = MIP6_MS(1);
	p.reorder = 0.05;
	p.reorder_delay = MIP6_MS(5);
	Pair t(p, 7);
	Flow &f = t.flow(10000, 500000);
	t.w.run_for(MIP6_SEC(20));
	ASSERT_EQ(f.received(), 10000u);
	// A held-back packet arrives exactly reorder_delay late, after later ones.
	uint64_t held = 0;
	for (auto &kv : f.rx) {
		mip6_ns_t d = kv.second.t - f.sent_at[kv.first];
		if (d == MIP6_MS(6))
			held++;
		else
			EXPECT_EQ(d, MIP6_MS(1));
	}
	EXPECT_EQ(held, t.l.stats.reordered);
	EXPECT_NEAR(static_cast<double>(held) / 10000.0, 0.05, 0.01);
	// Arrival order really differs from sending order.
	std::vector<std::pair<mip6_ns_t, uint32_t>> order;
	for (auto &kv : f.rx)
		order.push_back({kv.second.t, kv.first});
	std::sort(order.begin(), order.end());
	size_t inversions = 0;
	for (size_t i = 1; i < order.size(); i++)
		inversions += order[i].second < order[i - 1].second;
	EXPECT_GT(inversions, held / 2);
}

TEST(HarnessLink, ImpairFilterSelectsWhichPacketsSuffer)
{
	LinkParams p;
	p.loss = 1.0;
	p.impair_filter = [](const uint8_t *d, size_t n) { return is_mh(d, n); };
	Pair t(p);
	Flow &f = t.flow(20, MIP6_MS(1));
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BRR);
	t.a.send_raw(1, build_mh(t.aa, t.ba, m));
	t.w.run_for(MIP6_SEC(1));
	EXPECT_EQ(f.received(), 20u);  // UDP untouched
	EXPECT_EQ(t.l.stats.lost, 1u); // the MH message lost
	EXPECT_EQ(t.b.app_rx.size(), 20u);
}

TEST(HarnessLink, DropIfHookDropsChosenFrames)
{
	Pair t(LinkParams{});
	int n = 0;
	t.l.drop_if = [&](const Host &from, const uint8_t *, size_t) {
		return &from == &t.a && n++ % 2 == 0;
	};
	Flow &f = t.flow(10, MIP6_MS(1));
	t.w.run_for(MIP6_SEC(1));
	EXPECT_EQ(f.received(), 5u);
	EXPECT_EQ(f.lost(), (std::vector<uint32_t>{0, 2, 4, 6, 8}));
	EXPECT_EQ(t.l.stats.filtered, 5u);
}

TEST(HarnessLink, FramesGoOnlyToThePortThatClaimsTheTarget)
{
	World w(1, WorldOpts{false, false, 0});
	Link &l = w.add_link("l");
	Host &a = w.add_host("a"), &b = w.add_host("b"), &c = w.add_host("c");
	for (Host *h : {&a, &b, &c}) {
		h->add_iface(1);
		w.attach(*h, 1, l);
	}
	a.add_addr(1, A("2001:db8::a"), 64);
	b.add_addr(1, A("2001:db8::b"), 64);
	c.add_addr(1, A("2001:db8::c"), 64);
	a.send_udp(A("2001:db8::a"), A("2001:db8::b"), 1, 9, {1, 2, 3});
	w.run_for(MIP6_MS(10));
	EXPECT_EQ(b.stats.rx, 1u);
	EXPECT_EQ(c.stats.rx, 0u);
	// Multicast reaches everybody else.
	a.send_udp(A("2001:db8::a"), A("ff02::1"), 1, 9, {});
	w.run_for(MIP6_MS(10));
	EXPECT_EQ(b.stats.rx, 2u);
	EXPECT_EQ(c.stats.rx, 1u);
	EXPECT_EQ(a.stats.rx, 0u);
	// Nobody has this address: no neighbor, the frame goes nowhere.
	a.send_udp(A("2001:db8::a"), A("2001:db8::99"), 1, 9, {});
	w.run_for(MIP6_MS(10));
	EXPECT_EQ(l.stats.unresolved, 1u);
	// A proxy entry makes c take frames for that address (proxy ND).
	auto &fc = fake_core(c);
	mip6_op_t op{};
	op.kind = MIP6_OP_PROXY_ND_ADD;
	op.id = 1;
	op.ifindex = 1;
	op.addr = A("2001:db8::99");
	c.with_core([&] { fc.submit(op); });
	w.run_for(MIP6_MS(1));
	ASSERT_TRUE(c.has_proxy(1, A("2001:db8::99")));
	a.send_udp(A("2001:db8::a"), A("2001:db8::99"), 1, 9, {});
	w.run_for(MIP6_MS(10));
	ASSERT_EQ(fc.inputs.size(), 1u);
	EXPECT_EQ(c.stats.rx, 2u);
}

TEST(HarnessLink, DownAndUpNotifyAttachedCoresAndDropTraffic)
{
	LinkParams p;
	p.delay = MIP6_MS(10);
	Pair t(p);
	auto &ca = fake_core(t.a);
	auto &cb = fake_core(t.b);
	// start() reports the interfaces that are already up.
	ASSERT_EQ(cb.links.size(), 1u);
	EXPECT_TRUE(cb.links[0].up);
	EXPECT_EQ(cb.links[0].ifindex, 1u);

	t.a.send_udp(t.aa, t.ba, 1, 9, {});
	t.w.run_for(MIP6_MS(5)); // in flight
	t.w.set_link_up(t.l, false);
	ASSERT_EQ(ca.links.size(), 2u);
	ASSERT_EQ(cb.links.size(), 2u);
	EXPECT_FALSE(cb.links[1].up);
	EXPECT_EQ(cb.links[1].t, MIP6_MS(5));
	t.a.send_udp(t.aa, t.ba, 1, 9, {});               // routes over a down interface are not used
	t.a.send_raw(1, build_udp(t.aa, t.ba, 1, 9, {})); // and nothing goes out of one
	t.w.run_for(MIP6_MS(50));
	EXPECT_EQ(t.l.stats.flushed, 1u); // the frame in flight died with the link
	EXPECT_EQ(t.a.stats.drop_no_route, 1u);
	EXPECT_EQ(t.a.stats.drop_iface_down, 1u);
	EXPECT_EQ(t.b.stats.rx, 0u);

	t.w.set_link_up(t.l, true);
	ASSERT_EQ(cb.links.size(), 3u);
	EXPECT_TRUE(cb.links[2].up);
	t.a.send_udp(t.aa, t.ba, 1, 9, {});
	t.w.run_for(MIP6_MS(50));
	EXPECT_EQ(t.b.stats.rx, 1u);
	EXPECT_EQ(cb.max_depth, 1);
}

TEST(HarnessLink, MoveDetachesThenAttachesAfterTheGap)
{
	World w(1, WorldOpts{false, false, 0});
	Link &l1 = w.add_link("l1"), &l2 = w.add_link("l2");
	Host &m = w.add_host("m");
	m.add_iface(1);
	w.attach(m, 1, l1);
	auto &c = fake_core(m);
	w.run_for(MIP6_SEC(1));
	w.move(m, 1, l2, MIP6_MS(300));
	w.run_for(MIP6_SEC(1));
	ASSERT_EQ(c.links.size(), 3u);
	EXPECT_TRUE(c.links[0].up);
	EXPECT_FALSE(c.links[1].up);
	EXPECT_EQ(c.links[1].t, MIP6_SEC(1));
	EXPECT_TRUE(c.links[2].up);
	EXPECT_EQ(c.links[2].t, MIP6_SEC(1) + MIP6_MS(300));
	EXPECT_EQ(m.iface(1)->link, &l2);
	EXPECT_EQ(l1.ports().size(), 0u);
	EXPECT_EQ(l2.ports().size(), 1u);
}
