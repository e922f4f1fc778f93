// SPDX-License-Identifier: BSD-3-Clause
// The standard topology carries traffic end to end without any core, and a
// run is a function of its seed.
#include <gtest/gtest.h>

#include "harness.h"
#include "harness_gtest.h"

using namespace mip6h;

TEST(HarnessTopology, PlainHostsReachTheCorrespondentFromEveryLink)
{
	World w(1);
	w.enable_pcap(test_pcap_prefix());
	Topo t(w);
	build_topology(t);
	Host &m = t.add_mobile("m");
	uint16_t seq = 0;
	for (unsigned i = 0; i < t.foreign.size(); i++) {
		w.move(m, 1, *t.foreign[i]);
		mip6_addr_t coa = addr_plus(t.foreign_prefix[i], 0x77);
		m.add_addr(1, coa, 64);
		// Default router from the access router's RAs (no RS: wait for one).
		ASSERT_TRUE(w.run_until([&] { return m.iface(1)->has_router; }, w.now() + MIP6_SEC(4))) << i;
		m.ping(coa, t.cn_addr, 1, ++seq);
		w.run_for(MIP6_MS(100));
		EXPECT_EQ(m.echo_replies(1), seq) << "from f" << i + 1;
	}
	// inet -> rhome -> home link
	Host &hn = t.add_node_on(*t.home, "hn", A("2001:db8:1::99"));
	ASSERT_TRUE(w.run_until([&] { return hn.iface(1)->has_router; }, w.now() + MIP6_SEC(4)));
	hn.ping(A("2001:db8:1::99"), t.cn_addr, 2, 1);
	w.run_for(MIP6_MS(100));
	EXPECT_EQ(hn.echo_replies(2), 1u);
	// The HA advertises without being a default router: hn's router is rhome.
	mip6_addr_t rll = t.rhome->link_local(1);
	EXPECT_TRUE(mip6_addr_eq(&hn.iface(1)->router, &rll));
	EXPECT_GT(t.ha->stats.ra_sent, 0u);
	EXPECT_HARNESS_CLEAN(w);
}

TEST(HarnessTopology, MobileNetworkPrefixesAreRoutedToTheHomeAgent)
{
	World w(1, WorldOpts{false, false, 0});
	Topo t(w);
	build_topology(t);
	// Without a core the HA forwards by its own table: a packet for an MNP
	// reaches it (and goes back to rhome, where the hop limit ends it).
	t.cn->send_udp(t.cn_addr, addr_plus(t.mnp(3), 5), 1, 9, {});
	w.run_for(MIP6_MS(500));
	EXPECT_GE(t.ha->stats.forwarded, 1u);
	EXPECT_EQ(t.rhome->stats.drop_hlim + t.ha->stats.drop_hlim, 1u);
}

TEST(HarnessTopology, MobileNetworkBehindARouterWithTwoUplinks)
{
	World w(1, WorldOpts{false, false, 0});
	Topo t(w);
	build_topology(t);
	Host &mr = t.add_mobile("mr", 2, true);
	EXPECT_EQ(mr.iface(1)->cfg.preference, 2u); // the first interface is preferred
	EXPECT_EQ(mr.iface(2)->cfg.preference, 1u);
	Link &mnet = t.add_mobile_network(mr, 10, t.mnp(0));
	Host &mnn = t.add_node_on(mnet, "mnn", addr_plus(t.mnp(0), 0x100));
	w.attach(mr, 1, *t.foreign[0]);
	w.attach(mr, 2, *t.foreign[1]);
	mr.add_addr(1, addr_plus(t.foreign_prefix[0], 9), 64);
	mr.add_addr(2, addr_plus(t.foreign_prefix[1], 9), 64);
	ASSERT_TRUE(w.run_until(
		[&] { return mnn.iface(1)->has_router && mr.iface(1)->has_router && mr.iface(2)->has_router; },
		MIP6_SEC(5)));
	mip6_addr_t mrll = mr.link_local(10);
	EXPECT_TRUE(mip6_addr_eq(&mnn.iface(1)->router, &mrll));
	// Without a core the MR forwards natively (first uplink that is up).
	mnn.ping(addr_plus(t.mnp(0), 0x100), t.cn_addr, 5, 1);
	w.run_for(MIP6_MS(100));
	ASSERT_EQ(t.cn->app_rx.size(), 1u);
	EXPECT_EQ(mr.stats.forwarded, 1u);
	EXPECT_EQ(t.ar[0]->stats.forwarded, 1u);
	// The first uplink fails: the second carries the traffic.
	w.set_link_up(*t.foreign[0], false);
	mnn.ping(addr_plus(t.mnp(0), 0x100), t.cn_addr, 5, 2);
	w.run_for(MIP6_MS(100));
	EXPECT_EQ(t.cn->app_rx.size(), 2u);
	EXPECT_EQ(t.ar[1]->stats.forwarded, 1u);
	EXPECT_HARNESS_CLEAN(w);
}

namespace
{

struct RunResult {
	uint64_t hash;
	std::vector<std::string> lines;
	size_t rx, echoed;
};

RunResult run_once(uint64_t seed)
{
	World w(seed, WorldOpts{true, true, 0});
	TopoOpts o;
	o.access.delay = MIP6_MS(2);
	o.access.jitter = MIP6_MS(3);
	o.access.loss = 0.1;
	o.access.dup = 0.05;
	o.access.reorder = 0.05;
	Topo t(w);
	t.opts = o;
	build_topology(t);
	Host &m = t.add_mobile("m");
	w.attach(m, 1, *t.foreign[0]);
	mip6_addr_t coa = addr_plus(t.foreign_prefix[0], 5);
	m.add_addr(1, coa, 64);
	m.add_route(A("::"), 0, 1, addr_plus(t.foreign_prefix[0], 1));
	FlowSpec s;
	s.from = t.cn;
	s.src = t.cn_addr;
	s.dst = coa;
	s.start = MIP6_SEC(1);
	s.interval = MIP6_MS(20);
	s.stop = MIP6_SEC(6);
	Flow &f = w.add_flow(s);
	w.sim.at(MIP6_SEC(3), [&] { w.move(m, 1, *t.foreign[1], MIP6_MS(500)); });
	w.sim.at(MIP6_SEC(4), [&] { w.move(m, 1, *t.foreign[0], MIP6_MS(10)); });
	w.run_for(MIP6_SEC(8));
	return RunResult{w.log.hash(), w.log.lines(), f.received(), f.echoed()};
}

} // namespace

TEST(HarnessDeterminism, SameSeedSameEventLog)
{
	RunResult a = run_once(77), b = run_once(77), c = run_once(78);
	ASSERT_GT(a.lines.size(), 1000u);
	EXPECT_EQ(a.hash, b.hash);
	EXPECT_EQ(a.lines, b.lines);
	EXPECT_EQ(a.rx, b.rx);
	EXPECT_EQ(a.echoed, b.echoed);
	// The log does depend on the seed (so the comparison above can fail).
	EXPECT_NE(a.hash, c.hash);
	// And the impairments were really there.
	EXPECT_LT(a.rx, 250u);
	EXPECT_GT(a.rx, 100u);
}
