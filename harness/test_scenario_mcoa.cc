// SPDX-License-Identifier: BSD-3-Clause
// Scenario: a mobile node with two uplinks (RFC 5648 MCoA), BID 1 on f1 and
// BID 2 on f2, both registered with its home agent; a flow policy puts
// flows on each BID. Then f1 fails (link down, or silently so that only
// NUD notices): the HA drops BID 1, the flows of BID 1 move to BID 2 and
// nothing sent after the failure is detected is lost, in either direction.
// Finally f1 returns, BID 1 is registered again and the policy uses it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "failover_gtest.h"

extern "C" {
#include "mip6/stats.h"
}

using namespace mip6h;

namespace
{

enum class Failure { LinkDown, Silent };

struct ScenarioMcoa : ::testing::TestWithParam<Failure> {
	World w{11};
	Topo t{w};
	MobileSpec spec;
	mip6_addr_t hoa{}, cn{};
	Host *mn = nullptr;
	FrameTap f1, f2;

	void SetUp() override
	{
		w.enable_pcap(test_pcap_prefix());
		build_topology(t);
		cn = t.cn_addr;
		spec = mobile_spec(t, "mn", 0);
		set_two_uplinks(spec);
		spec.preference = {2, 1};
		spec.md.nud_probe_ms = 500; // the silent failure is NUD's to find
		// The MN's policy: A and C's echoes on BID 1, B on BID 2.
		spec.rules = failover_rules(false);
		hoa = spec.cfg.hoa;
		mip6_ha_client_t c = client_for(spec);
		ASSERT_TRUE(c.mcoa_allowed);
		ASSERT_EQ(make_ha(t, {c}), 0);
		// The same policy at the HA for the way back.
		ASSERT_EQ(add_flow_rules(*t.ha, failover_rules(true)), 0);
		int rc = 0;
		mn = &add_mn(t, spec, &rc);
		ASSERT_EQ(rc, 0);
		ASSERT_NE(mn->node(), nullptr);
		f1.on(w, *t.foreign[0]);
		f2.on(w, *t.foreign[1]);
	}

	void TearDown() override { expect_scenario_clean(w, *t.ha, mn); }

	bool ha_binding(const mip6_addr_t &coa) const { return t.ha->has_tunnel(t.ha_addr, coa); }
};

// "3 4 5": lost sequence numbers, for messages.
std::string ms(mip6_ns_t d)
{
	return std::to_string(static_cast<double>(d) / 1e6);
}

} // namespace

TEST_P(ScenarioMcoa, OneUplinkFailsFlowsMoveToTheSurvivingBid)
{
	const Failure failure = GetParam();
	const mip6_stats_t *hs = mip6_node_stats(t.ha->node());

	// --- both uplinks registered ---
	w.attach(*mn, 1, *t.foreign[0]);
	w.attach(*mn, 2, *t.foreign[1]);
	mip6_addr_t coa1{}, coa2{};
	ASSERT_TRUE(run_until_bids_registered(w, t, *mn, &coa1, &coa2, MIP6_SEC(10)))
	    << "both BIDs not registered within 10 s";
	w.run_for(MIP6_MS(100));
	EXPECT_TRUE(mip6_addr_prefix_match(&coa1, &t.foreign_prefix[0], 64));
	EXPECT_TRUE(mip6_addr_prefix_match(&coa2, &t.foreign_prefix[1], 64));
	EXPECT_EQ(t.ha->count_events(MIP6_EV_HA_BINDING_CREATED), 2u) << "two bindings for one home address";
	EXPECT_EQ(t.ha->tunnels().size(), 2u);
	EXPECT_TRUE(t.ha->has_proxy(1, hoa));
	EXPECT_EQ(hs->ba_sent[MIP6_BA_ACCEPTED], 2u);
	// Both first BUs reached the HA during the one DAD of the home address:
	// each got its own BA, none had to be sent again.
	EXPECT_EQ(mn->count_events(MIP6_EV_MN_TX_BU), 2u);
	EXPECT_EQ(mn->count_events(MIP6_EV_MN_BU_RETRANSMISSION), 0u);
	EXPECT_EQ(t.ha->count_traces(MIP6_TR_STATE, "ha"), 2u) << "NONE -> DAD -> BOUND once";

	Flow &a = start_flow(w, "A", mn, hoa, cn, MIP6_MS(20), kPortA);
	Flow &b = start_flow(w, "B", mn, hoa, cn, MIP6_MS(20), kPortB);
	Flow &c = start_flow(w, "C", t.cn, cn, hoa, MIP6_MS(20), kPortC);
	const mip6_ns_t t_start = w.now();
	w.run_for(MIP6_SEC(2) + MIP6_MS(7)); // fail between two packets of each flow

	// Each flow on its own BID, both ways, and nothing of it on the other link.
	const mip6_ns_t t_fail = w.now();
	expect_flows_on_their_bids(f1, f2, a, b, c, coa1, coa2, t.ha_addr, hoa, t_start, t_fail);

	// --- f1 fails ---
	set_uplink(w, *t.foreign[0], failure == Failure::Silent, false);
	// Detected, BID 1 de-registered through f2 (RFC 5648 5.6); the MN
	// removes its BUL entry at detection, which moves the flows at once.
	Bid1Failover fo;
	ASSERT_NO_FATAL_FAILURE(
	    expect_bid1_failover(w, t, *mn, coa1, coa2, t_fail, failure == Failure::Silent, &fo));
	const mip6_ns_t t_detect = fo.t_detect, t_ha = fo.t_ha;
	EXPECT_EQ(trace_at(*mn, MIP6_EV_MN_MOVE_COA_LOST, t_fail), t_detect);
	EXPECT_TRUE(ha_binding(coa2));
	EXPECT_TRUE(t.ha->has_proxy(1, hoa));
	EXPECT_EQ(t.ha->tunnels().size(), 1u);
	for (const TraceRec &r : t.ha->traces)
		if (r.ev.now == t_ha && r.ev.code == MIP6_EV_HA_BINDING_REMOVED) {
			EXPECT_TRUE(mip6_addr_eq(&r.ev.b, &coa1) && r.ev.value == 1u);
		}

	w.run_for(MIP6_SEC(2));
	const mip6_ns_t t_back = w.now();
	const mip6_ns_t t_settled = t_back - MIP6_MS(200); // whose round trips are over by now
	EXPECT_NE(trace_at(*mn, MIP6_EV_MN_HOME_REMOVED, t_detect, 1), MIP6_NS_NEVER)
	    << "the MN took the BA for BID 1's de-registration";

	// Everything sent once the failure was detected arrived, both ways: A
	// and B (MN -> CN -> MN) from the moment of detection, C (CN -> MN ->
	// CN) from the moment the HA heard of it; C's packets sent in between
	// met the de-registration on its way to the HA and are counted apart.
	// Here the CN is as far from the HA as the MN (12 ms): whatever the CN
	// sends after detection reaches the HA after the de-registration did
	// (c_gap 0). After the HA's update, A and C go through BID 2, both
	// ways, B stays; nothing of A or C goes into f1 any more.
	const size_t c_gap =
	    expect_failover_lossless(f1, f2, a, b, c, coa2, t.ha_addr, hoa, fo, t_back, t_settled);
	// Sent between failure and detection and lost (a round trip of A fails
	// if either way does: echo_lost counts both).
	const size_t lost_before = a.echo_lost(t_fail, t_detect).size() + c.lost(t_fail, t_detect).size();
	mip6_ns_t c_moved = MIP6_NS_NEVER; // first C packet the HA tunnels to BID 2
	for (const TapFrame &x : f2.frames)
		if (x.tagged && x.tag.flow == c.id && !x.tag.reply && x.t >= t_fail &&
		    c_moved == MIP6_NS_NEVER)
			c_moved = x.t;
	ASSERT_NE(c_moved, MIP6_NS_NEVER);
	EXPECT_GE(c_moved, t_ha);
	RecordProperty("ha_first_on_bid2_ms", ms(c_moved - t_fail));
	RecordProperty("detect_ms", ms(t_detect - t_fail));
	RecordProperty("ha_switch_ms", ms(t_ha - t_fail));
	RecordProperty("lost_before_detection", std::to_string(lost_before));
	// Round trips of A and C that failed at all (sent before the failure but
	// caught in flight included): the price of the failure.
	const size_t a_lost = a.echo_lost(t_start, t_settled).size();
	const size_t c_lost = c.echo_lost(t_start, t_settled).size();
	RecordProperty("lost_a_total", std::to_string(a_lost));
	RecordProperty("lost_c_total", std::to_string(c_lost));
	if (failure == Failure::LinkDown) {
		// Only what was in flight through f1 when it went (a round trip
		// is about 50 ms, a packet leaves every 20 ms).
		EXPECT_LE(a_lost, 3u);
		EXPECT_LE(c_lost, 3u);
	}
	RecordProperty("lost_c_detect_to_ha", std::to_string(c_gap));

	// --- f1 returns: BID 1 is registered again and carries A and C ---
	set_uplink(w, *t.foreign[0], failure == Failure::Silent, true);
	mip6_addr_t coa1b{};
	mip6_ns_t t_rereg = MIP6_NS_NEVER;
	ASSERT_NO_FATAL_FAILURE(expect_bid1_back(w, t, *mn, t_back, &coa1b, &t_rereg));
	w.run_for(MIP6_MS(100)); // the BA's way back to the MN
	const mip6_ns_t t_again = w.now();
	w.run_for(MIP6_SEC(2));
	const mip6_ns_t t_end = w.now();
	for (Flow *f : {&a, &b, &c})
		f->stop();
	w.run_for(MIP6_MS(200));
	RecordProperty("rereg_ms", ms(t_rereg - t_back));

	EXPECT_EQ(t.ha->tunnels().size(), 2u);
	EXPECT_GT(expect_path(f1, a, coa1b, t.ha_addr, hoa, t_again, t_end, "f1 again"), 150u);
	EXPECT_GT(expect_path(f1, c, coa1b, t.ha_addr, hoa, t_again, t_end, "f1 again"), 150u);
	EXPECT_GT(expect_path(f2, b, coa2, t.ha_addr, hoa, t_again, t_end, "f2"), 150u);
	EXPECT_EQ(count_on(f2, a, t_again, t_end), 0u);
	EXPECT_EQ(count_on(f2, c, t_again, t_end), 0u);
	// Moving back loses nothing: both links work while it happens.
	for (Flow *f : {&a, &b, &c}) {
		EXPECT_EQ(seqs(f->lost(t_back, t_end)), "") << f->spec.name;
		EXPECT_EQ(seqs(f->echo_lost(t_back, t_end)), "") << f->spec.name;
		EXPECT_EQ(f->rx_dups + f->echo_dups, 0u);
		for (auto &kv : f->rx)
			EXPECT_EQ(kv.second.host, f == &c ? "mn" : "cn");
	}
	// B never moved and never lost a packet.
	EXPECT_TRUE(b.lost().empty());
	EXPECT_TRUE(b.echo_lost(0, t_end).empty());
	EXPECT_EQ(hs->ba_sent[MIP6_BA_ACCEPTED], 4u) << "BID 1, BID 2, BID 1 removed, BID 1 again";
	EXPECT_EQ(hs->drop_tunnel, 0u);
}

INSTANTIATE_TEST_SUITE_P(Failure, ScenarioMcoa, ::testing::Values(Failure::LinkDown, Failure::Silent),
                         [](const ::testing::TestParamInfo<Failure> &i) {
	                         return std::string(i.param == Failure::LinkDown ? "LinkDown" : "SilentNud");
                         });

// Every allocation made to fail once while two BIDs register, one fails and
// comes back: no crash, no leak, no harness error.
TEST(ScenarioMcoaRerun, EveryAllocationFailingOnceLeavesNoLeak)
{
	RerunReport r = alloc_failure_reruns([](World &w) {
		Topo t(w);
		build_topology(t);
		MobileSpec spec = mobile_spec(t, "mn", 0);
		set_two_uplinks(spec);
		spec.md.nud_probe_ms = 500;
		spec.rules = {udp_port_rule(true, kPortA, 1), udp_port_rule(true, kPortB, 2)};
		make_ha(t, {client_for(spec)});
		Host &mn = add_mn(t, spec);
		w.attach(mn, 1, *t.foreign[0]);
		w.attach(mn, 2, *t.foreign[1]);
		w.run_for(MIP6_SEC(4));
		FlowSpec fs;
		fs.from = &mn;
		fs.src = spec.cfg.hoa;
		fs.dst = t.cn_addr;
		fs.sport = kPortA;
		fs.start = w.now();
		fs.count = 60;
		fs.interval = MIP6_MS(50);
		w.add_flow(fs);
		fs.sport = kPortB;
		w.add_flow(fs);
		w.run_for(MIP6_SEC(1));
		w.set_link_up(*t.foreign[0], false);
		w.run_for(MIP6_SEC(1));
		w.set_link_up(*t.foreign[0], true);
		w.run_for(MIP6_SEC(3));
	});
	EXPECT_GT(r.allocations, 10u);
	EXPECT_EQ(r.runs, r.allocations);
	RecordProperty("allocations", std::to_string(r.allocations));
	for (const std::string &p : r.problems)
		ADD_FAILURE() << p;
}
