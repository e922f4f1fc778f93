// SPDX-License-Identifier: BSD-3-Clause
// Scenario: a mobile node leaves home, registers with its home agent, and
// UDP from a correspondent reaches it through the tunnel and comes back;
// then it returns home and de-registers.
#include <gtest/gtest.h>

#include "harness_gtest.h"

extern "C" {
#include "mip6/stats.h"
}

using namespace mip6h;

namespace
{

struct ScenarioHomeRegistration : ::testing::Test {
	World w{1};
	Topo t{w};
	MobileSpec spec;
	mip6_addr_t hoa{};
	Host *mn = nullptr;

	void SetUp() override
	{
		w.enable_pcap(test_pcap_prefix());
		build_topology(t);
		spec = mobile_spec(t, "mn", 0);
		hoa = spec.cfg.hoa;
		ASSERT_EQ(make_ha(t, {client_for(spec)}), 0);
		int rc = -1;
		mn = &add_mn(t, spec, &rc);
		ASSERT_EQ(rc, 0);
		ASSERT_NE(mn->node(), nullptr);
	}

	void TearDown() override
	{
		EXPECT_HARNESS_CLEAN(w);
		// Nothing leaks once the nodes are gone.
		w.free_cores();
		EXPECT_EQ(w.alloc().live(), 0u);
		EXPECT_EQ(w.alloc().bad_frees(), 0u);
	}

	// Home first, then away to f1 until both ends report the binding.
	void leave_home()
	{
		w.attach(*mn, 1, *t.home);
		w.run_for(MIP6_SEC(3));
		EXPECT_EQ(t.ha->count_traces(MIP6_TR_BINDING, "ha"), 0u) << "registered while at home";
		w.move(*mn, 1, *t.foreign[0]);
		bool bound = w.run_until(
		    [&] {
			    return mn->count_events(MIP6_EV_MN_HOME_ACCEPTED) > 0 &&
			           t.ha->count_events(MIP6_EV_HA_BINDING_CREATED) > 0;
		    },
		    w.now() + MIP6_SEC(10));
		ASSERT_TRUE(bound) << "no home registration within 10 s";
		w.run_for(MIP6_MS(100)); // let the platform operations settle
	}

	// CN -> HoA, echoed back by the node (UDP port 7).
	Flow &cn_flow(uint32_t count)
	{
		FlowSpec fs;
		fs.from = t.cn;
		fs.src = t.cn_addr;
		fs.dst = hoa;
		fs.start = w.now();
		fs.interval = MIP6_MS(50);
		fs.count = count;
		return w.add_flow(fs);
	}
};

} // namespace

TEST_F(ScenarioHomeRegistration, AwayFromHomeTrafficGoesThroughTheHomeAgent)
{
	ASSERT_NO_FATAL_FAILURE(leave_home());

	// The platforms now hold what the binding implies.
	mip6_addr_t coa;
	ASSERT_TRUE(mn->coa(1, &coa));
	EXPECT_TRUE(mip6_addr_prefix_match(&coa, &t.foreign_prefix[0], 64));
	EXPECT_EQ(mn->addr_flags(hoa), int(MIP6_ADDRF_HOME)); // on the mobility interface
	EXPECT_TRUE(mn->has_addr(hoa, 0));
	EXPECT_NE(mn->find_route(A("::"), 0), nullptr); // traffic into the core
	EXPECT_TRUE(t.ha->has_proxy(1, hoa));           // the HA defends the home address
	EXPECT_TRUE(t.ha->has_tunnel(t.ha_addr, coa));
	EXPECT_EQ(t.ha->stats.op_anomalies, 0u);
	EXPECT_EQ(mn->stats.op_anomalies, 0u);

	Flow &f = cn_flow(40);
	w.run_for(MIP6_SEC(3));
	EXPECT_EQ(f.sent(), 40u);
	EXPECT_EQ(f.received(), 40u);
	EXPECT_EQ(f.echoed(), 40u);
	EXPECT_TRUE(f.lost().empty());
	for (auto &kv : f.rx) {
		EXPECT_EQ(kv.second.host, "mn");
		EXPECT_TRUE(mip6_addr_eq(&kv.second.dst, &hoa));
	}
	for (auto &kv : f.echo)
		EXPECT_TRUE(mip6_addr_eq(&kv.second.src, &hoa)) << "the reply comes from the home address";
	// The MN's stack got them from the core (decapsulated), not off the wire.
	size_t via_core = 0;
	for (const AppRx &r : mn->app_rx)
		via_core += r.tagged && r.ifindex == 0;
	EXPECT_EQ(via_core, 40u);
	const mip6_stats_t *hs = mip6_node_stats(t.ha->node());
	EXPECT_GE(hs->mip6_dp_encap, 40u); // CN -> MN into the tunnel
	EXPECT_GE(hs->dp_decap, 40u); // MN -> CN out of the reverse tunnel
	const mip6_stats_t *ms = mip6_node_stats(mn->node());
	EXPECT_GE(ms->dp_decap, 40u);
	EXPECT_GE(ms->mip6_dp_encap, 40u);
	EXPECT_EQ(hs->ba_sent[MIP6_BA_ACCEPTED], ms->ba_rcvd[MIP6_BA_ACCEPTED]);
}

TEST_F(ScenarioHomeRegistration, ReturningHomeDeregistersAndTrafficIsNativeAgain)
{
	ASSERT_NO_FATAL_FAILURE(leave_home());
	w.move(*mn, 1, *t.home);
	bool gone = w.run_until([&] { return t.ha->count_events(MIP6_EV_HA_BINDING_REMOVED) > 0; },
	                        w.now() + MIP6_SEC(10));
	ASSERT_TRUE(gone) << "the HA kept the binding";
	w.run_for(MIP6_MS(100));
	EXPECT_FALSE(t.ha->has_proxy(1, hoa));
	EXPECT_TRUE(t.ha->tunnels().empty());
	EXPECT_EQ(mn->addr_flags(hoa), int(MIP6_ADDRF_HOME)); // DEREG cleared
	EXPECT_TRUE(mn->has_addr(hoa, 1));                    // on the home link's interface
	EXPECT_EQ(mn->find_route(A("::"), 0), nullptr);

	Flow &f = cn_flow(20);
	w.run_for(MIP6_SEC(2));
	EXPECT_EQ(f.echoed(), 20u);
	for (const AppRx &r : mn->app_rx) {
		if (r.tagged && r.tag.flow == f.id) {
			EXPECT_EQ(r.ifindex, 1u) << "at home the packet comes straight off the link";
		}
	}
}

// A node switched on at home can use its home address there.
TEST_F(ScenarioHomeRegistration, AtHomeFromTheStartTheHomeAddressIsUsable)
{
	w.attach(*mn, 1, *t.home);
	w.run_for(MIP6_SEC(3));
	EXPECT_TRUE(mn->has_addr(hoa, 1));
	Flow &f = cn_flow(10);
	w.run_for(MIP6_SEC(1));
	EXPECT_EQ(f.echoed(), 10u);
	EXPECT_EQ(t.ha->count_traces(MIP6_TR_BINDING, "ha"), 0u);
}

// Every allocation of the scenario made to fail once: no crash, no leak, no
// harness error (timer storms, re-entry).
TEST(ScenarioHomeRegistrationRerun, EveryAllocationFailingOnceLeavesNoLeak)
{
	RerunReport r = alloc_failure_reruns([](World &w) {
		Topo t(w);
		build_topology(t);
		MobileSpec spec = mobile_spec(t, "mn", 0);
		make_ha(t, {client_for(spec)});
		Host &mn = add_mn(t, spec);
		w.attach(mn, 1, *t.home);
		w.run_for(MIP6_SEC(2));
		w.move(mn, 1, *t.foreign[0]);
		w.run_for(MIP6_SEC(4));
		FlowSpec fs;
		fs.from = t.cn;
		fs.src = t.cn_addr;
		fs.dst = spec.cfg.hoa;
		fs.start = w.now();
		fs.count = 10;
		w.add_flow(fs);
		w.run_for(MIP6_SEC(2));
		w.move(mn, 1, *t.home);
		w.run_for(MIP6_SEC(4));
	});
	EXPECT_GT(r.allocations, 10u);
	EXPECT_EQ(r.runs, r.allocations);
	RecordProperty("allocations", std::to_string(r.allocations));
	for (const std::string &p : r.problems)
		ADD_FAILURE() << p;
}
