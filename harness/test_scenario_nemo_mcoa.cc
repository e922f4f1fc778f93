// SPDX-License-Identifier: BSD-3-Clause
// Scenario: a mobile router (RFC 3963) with two uplinks (RFC 5648 MCoA),
// BID 1 on f1 and BID 2 on f2, a mobile network behind it and a node there
// (the MNN) talking with a correspondent through the home agent. Per-flow
// policy (at the MR for the way out, at the HA for the way in) puts the
// MNN's flows on each BID. Then f1 fails, either as a link down or
// silently (only the MR's neighbor unreachability probes notice): the MR
// de-registers BID 1 through f2, the HA keeps BID 2 only, the MNN's flows
// of BID 1 move to BID 2, and nothing sent once the failure is detected is
// lost, either way. When f1 returns, BID 1 is registered again and the
// policy uses it. Both NEMO modes (implicit, explicit MNP options).
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <tuple>
#include <vector>

#include "failover_gtest.h"

#include "node_view.h"

extern "C" {
#include "mip6/dp.h"
#include "mip6/stats.h"
}

using namespace mip6h;

namespace
{

enum class Failure { LinkDown, Silent };

double ms(mip6_ns_t d)
{
	return static_cast<double>(d) / 1e6;
}

struct ScenarioNemoMcoa : ::testing::TestWithParam<std::tuple<Failure, bool>> {
	World w{13};
	Topo t{w};
	MobileSpec spec;
	mip6_addr_t hoa{}, mnp{}, mnn_addr{}, cn{};
	Host *mr = nullptr, *mnn = nullptr;
	FrameTap f1, f2, mnet_tap;

	void SetUp() override
	{
		w.enable_pcap(test_pcap_prefix());
		build_topology(t);
		cn = t.cn_addr;
		spec = mobile_spec(t, "mr", 0, true);
		spec.cfg.nemo_explicit = std::get<1>(GetParam());
		set_two_uplinks(spec);
		spec.preference = {2, 1};
		spec.md.nud_probe_ms = 500; // the silent failure is NUD's to find
		// The MR's policy for its mobile network's traffic: A and C's
		// echoes on BID 1, B on BID 2.
		spec.rules = failover_rules(false);
		hoa = spec.cfg.hoa;
		mnp = t.mnp(0);
		mip6_ha_client_t c = client_for(spec);
		ASSERT_TRUE(c.mcoa_allowed && c.mr_allowed);
		ASSERT_EQ(make_ha(t, {c}), 0);
		// The same policy at the HA for the way back to the mobile network.
		ASSERT_EQ(add_flow_rules(*t.ha, failover_rules(true)), 0);
		int rc = 0;
		mr = &add_mn(t, spec, &rc);
		ASSERT_EQ(rc, 0);
		ASSERT_NE(mr->node(), nullptr);
		Link *mnet = nullptr;
		mnn = &add_mnn(t, *mr, 3, &mnn_addr, &mnet);
		f1.on(w, *t.foreign[0]);
		f2.on(w, *t.foreign[1]);
		mnet_tap.on(w, *mnet);
	}

	void TearDown() override { expect_scenario_clean(w, *t.ha, mr); }

	bool ha_binding(const mip6_addr_t &coa) const { return t.ha->has_tunnel(t.ha_addr, coa); }

	// The care-of address the HA's data plane holds for the MR's BID, as
	// text ("" when none): what its tunnels use.
	std::string ha_bid(uint16_t bid) const
	{
		mip6_addr_t c{};
		uint32_t flags = 0;
		if (!t.ha->node() || dp_bc_get(t.ha->node(), &hoa, bid, &c, &flags) != 0)
			return "";
		return S(c);
	}
};

} // namespace

TEST_P(ScenarioNemoMcoa, MobileNetworkFlowsMoveToTheSurvivingBid)
{
	const Failure failure = std::get<0>(GetParam());
	const bool explicit_mode = std::get<1>(GetParam());
	const mip6_stats_t *hs = mip6_node_stats(t.ha->node());

	// --- both uplinks registered, the prefix routed to the MR ---
	w.attach(*mr, 1, *t.foreign[0]);
	w.attach(*mr, 2, *t.foreign[1]);
	mip6_addr_t coa1{}, coa2{};
	ASSERT_TRUE(run_until_bids_registered(w, t, *mr, &coa1, &coa2, MIP6_SEC(10)))
	    << "both BIDs not registered within 10 s";
	w.run_for(MIP6_MS(100));
	EXPECT_TRUE(mip6_addr_prefix_match(&coa1, &t.foreign_prefix[0], 64));
	EXPECT_TRUE(mip6_addr_prefix_match(&coa2, &t.foreign_prefix[1], 64));
	EXPECT_EQ(t.ha->count_events(MIP6_EV_HA_BINDING_CREATED), 2u) << "two bindings for one home address";
	EXPECT_EQ(t.ha->tunnels().size(), 2u);
	EXPECT_EQ(hs->ba_sent[MIP6_BA_ACCEPTED], 2u);
	// One binding per BID at the HA, and the prefix once, through the MR.
	EXPECT_EQ(ha_bid(1), S(coa1));
	EXPECT_EQ(ha_bid(2), S(coa2));
	EXPECT_EQ(dp_bc_count(t.ha->node()), 2u);
	EXPECT_EQ(dp_mnp_count(t.ha->node()), 1u);
	const Route *hr = t.ha->find_route(mnp, 64);
	ASSERT_NE(hr, nullptr) << "no route for the mobile network prefix at the HA";
	EXPECT_EQ(hr->ifindex, 0u);
	ASSERT_TRUE(mnn->iface(1)->has_router) << "the MNN learns the MR from its RAs";
	// Each BU is a mobile router's (R), carries its BID and, in explicit
	// mode only, the prefix; each BA has R.
	size_t bus = 0;
	for (const FrameTap *tp : {&f1, &f2})
		for (const TapFrame &s : tp->frames) {
			if (s.mh == MIP6_MH_BU && s.from == "mr") {
				bus++;
				EXPECT_TRUE(s.bu_flags & MIP6_BU_F_R);
				EXPECT_EQ(s.mnp.size(), explicit_mode ? 1u : 0u);
			}
			if (s.mh == MIP6_MH_BA) {
				EXPECT_EQ(s.ba_status, MIP6_BA_ACCEPTED);
				EXPECT_TRUE(s.ba_flags & MIP6_BA_F_R);
			}
		}
	EXPECT_GE(bus, 2u);

	Flow &a = start_flow(w, "A", mnn, mnn_addr, cn, MIP6_MS(20), kPortA);
	Flow &b = start_flow(w, "B", mnn, mnn_addr, cn, MIP6_MS(20), kPortB);
	Flow &c = start_flow(w, "C", t.cn, cn, mnn_addr, MIP6_MS(20), kPortC);
	const mip6_ns_t t_start = w.now();
	w.run_for(MIP6_SEC(2) + MIP6_MS(7)); // fail between two packets of each flow

	// Each flow on its own BID, both ways, none on the other uplink.
	const mip6_ns_t t_fail = w.now();
	expect_flows_on_their_bids(f1, f2, a, b, c, coa1, coa2, t.ha_addr, mnn_addr, t_start, t_fail);

	// --- f1 fails ---
	set_uplink(w, *t.foreign[0], failure == Failure::Silent, false);
	// Detected, BID 1 de-registered through f2 (RFC 5648 5.6).
	Bid1Failover fo;
	ASSERT_NO_FATAL_FAILURE(
	    expect_bid1_failover(w, t, *mr, coa1, coa2, t_fail, failure == Failure::Silent, &fo));
	const mip6_ns_t t_detect = fo.t_detect, t_ha = fo.t_ha;
	// The HA: BID 2 only, the prefix still routed into the core.
	EXPECT_TRUE(ha_binding(coa2));
	EXPECT_EQ(t.ha->tunnels().size(), 1u);
	EXPECT_NE(t.ha->find_route(mnp, 64), nullptr) << "the prefix route went with BID 1";
	EXPECT_EQ(ha_bid(1), "");
	EXPECT_EQ(ha_bid(2), S(coa2));
	EXPECT_EQ(dp_mnp_count(t.ha->node()), 1u);

	w.run_for(MIP6_SEC(2));
	const mip6_ns_t t_back = w.now();
	const mip6_ns_t t_settled = t_back - MIP6_MS(200);
	const mip6_ns_t after_detect = t_detect + 1;
	// Nothing sent once the failure was detected is lost: the MNN's flows
	// from detection (both ways), the CN's from the HA's update on; after
	// it every flow goes through BID 2, both ways.
	expect_failover_lossless(f1, f2, a, b, c, coa2, t.ha_addr, mnn_addr, fo, t_back, t_settled);
	// The price of the failure: round trips that failed at all.
	const size_t a_lost = a.echo_lost(t_start, t_settled).size();
	const size_t c_lost = c.echo_lost(t_start, t_settled).size();
	if (failure == Failure::LinkDown) {
		// Only what was in flight through f1 when it went.
		EXPECT_LE(a_lost, 3u);
		EXPECT_LE(c_lost, 3u);
	}
	RecordProperty("detect_ms", std::to_string(ms(t_detect - t_fail)));
	RecordProperty("ha_switch_ms", std::to_string(ms(t_ha - t_fail)));
	RecordProperty("lost_a_total", std::to_string(a_lost));
	RecordProperty("lost_c_total", std::to_string(c_lost));
	// Every packet and echo of the three flows sent after detection.
	size_t after = 0;
	for (Flow *f : {&a, &b, &c})
		after += f->echo_lost(after_detect, t_settled).size();
	EXPECT_EQ(after, 0u);
	RecordProperty("lost_after_detection", std::to_string(after));
	std::printf("[ nemo-mcoa ] %s, %s mode: detected %.1f ms after the failure, HA switched at "
	            "%.1f ms; round trips lost in all: A %zu, C %zu; lost after detection: %zu\n",
	            failure == Failure::LinkDown ? "link down" : "silent failure (NUD)",
	            explicit_mode ? "explicit" : "implicit", ms(t_detect - t_fail), ms(t_ha - t_fail), a_lost,
	            c_lost, after);

	// --- f1 returns: BID 1 registered again, carrying A and C ---
	set_uplink(w, *t.foreign[0], failure == Failure::Silent, true);
	mip6_addr_t coa1b{};
	mip6_ns_t t_rereg = MIP6_NS_NEVER;
	ASSERT_NO_FATAL_FAILURE(expect_bid1_back(w, t, *mr, t_back, &coa1b, &t_rereg));
	w.run_for(MIP6_MS(100));
	const mip6_ns_t t_again = w.now();
	w.run_for(MIP6_SEC(2));
	const mip6_ns_t t_end = w.now();
	for (Flow *f : {&a, &b, &c})
		f->stop();
	w.run_for(MIP6_MS(200));
	RecordProperty("rereg_ms", std::to_string(ms(t_rereg - t_back)));

	EXPECT_EQ(t.ha->tunnels().size(), 2u);
	EXPECT_EQ(ha_bid(1), S(coa1b));
	EXPECT_EQ(ha_bid(2), S(coa2));
	EXPECT_GT(expect_path(f1, a, coa1b, t.ha_addr, mnn_addr, t_again, t_end, "f1 again"), 150u);
	EXPECT_GT(expect_path(f1, c, coa1b, t.ha_addr, mnn_addr, t_again, t_end, "f1 again"), 150u);
	EXPECT_GT(expect_path(f2, b, coa2, t.ha_addr, mnn_addr, t_again, t_end, "f2"), 150u);
	EXPECT_EQ(count_on(f2, a, t_again, t_end), 0u);
	EXPECT_EQ(count_on(f2, c, t_again, t_end), 0u);
	for (Flow *f : {&a, &b, &c}) {
		EXPECT_EQ(seqs(f->lost(t_back, t_end)), "") << f->spec.name;
		EXPECT_EQ(seqs(f->echo_lost(t_back, t_end)), "") << f->spec.name;
		EXPECT_EQ(f->rx_dups + f->echo_dups, 0u);
		for (auto &kv : f->rx)
			EXPECT_EQ(kv.second.host, f == &c ? "mnn" : "cn");
	}
	// B never moved and never lost a packet.
	EXPECT_TRUE(b.lost().empty());
	EXPECT_TRUE(b.echo_lost(0, t_end).empty());
	// The MNN only ever sees its plain packets.
	for (const TapFrame &s : mnet_tap.frames) {
		if (s.tagged) {
			EXPECT_FALSE(s.tunneled);
		}
	}
	EXPECT_EQ(hs->ba_sent[MIP6_BA_ACCEPTED], 4u) << "BID 1, BID 2, BID 1 removed, BID 1 again";
	EXPECT_EQ(hs->drop_tunnel, 0u);
}

// Both failures and both NEMO modes, two runs: a link down in implicit
// mode, a silent failure in explicit mode.
INSTANTIATE_TEST_SUITE_P(Failure, ScenarioNemoMcoa,
                         ::testing::Values(std::make_tuple(Failure::LinkDown, false),
                                           std::make_tuple(Failure::Silent, true)),
                         [](const ::testing::TestParamInfo<std::tuple<Failure, bool>> &i) {
	                         return std::string(std::get<0>(i.param) == Failure::LinkDown ? "LinkDown"
	                                                                                      : "SilentNud") +
	                                (std::get<1>(i.param) ? "Explicit" : "Implicit");
                         });

namespace
{

// A compact run (both uplinks, traffic, f1 down, back): the event log's
// hash and what the flows lost.
struct RunDigest {
	uint64_t hash = 0, events = 0;
	std::string lost;
};

RunDigest compact_run(uint64_t seed)
{
	WorldOpts wo;
	wo.log_lines = false;
	World w(seed, wo);
	Topo t(w);
	build_topology(t);
	MobileSpec spec = mobile_spec(t, "mr", 0, true);
	set_two_uplinks(spec);
	spec.rules = {udp_port_rule(true, kPortA, 1), udp_port_rule(true, kPortB, 2)};
	make_ha(t, {client_for(spec)});
	Host &mr = add_mn(t, spec);
	mip6_addr_t mnn_addr{};
	Host &mnn = add_mnn(t, mr, 3, &mnn_addr);
	w.attach(mr, 1, *t.foreign[0]);
	w.attach(mr, 2, *t.foreign[1]);
	w.run_for(MIP6_SEC(4));
	std::vector<Flow *> flows;
	for (uint16_t port : {kPortA, kPortB}) {
		FlowSpec fs;
		fs.from = &mnn;
		fs.src = mnn_addr;
		fs.dst = t.cn_addr;
		fs.sport = port;
		fs.start = w.now();
		fs.interval = MIP6_MS(20);
		fs.count = 150;
		flows.push_back(&w.add_flow(fs));
	}
	w.run_for(MIP6_SEC(1));
	w.set_link_up(*t.foreign[0], false);
	w.run_for(MIP6_SEC(1));
	w.set_link_up(*t.foreign[0], true);
	w.run_for(MIP6_SEC(3));
	RunDigest d;
	d.hash = w.log.hash();
	d.events = w.log.count();
	for (Flow *f : flows)
		d.lost += seqs(f->echo_lost()) + "|";
	EXPECT_HARNESS_CLEAN(w);
	w.free_cores();
	EXPECT_EQ(w.alloc().live(), 0u);
	return d;
}

} // namespace

// The same seed gives the same run, event for event; another seed another.
TEST(ScenarioNemoMcoaDeterminism, SameSeedSameRun)
{
	const RunDigest a = compact_run(31), b = compact_run(31), c = compact_run(32);
	EXPECT_GT(a.events, 1000u);
	EXPECT_EQ(a.hash, b.hash);
	EXPECT_EQ(a.events, b.events);
	EXPECT_EQ(a.lost, b.lost);
	EXPECT_NE(a.hash, c.hash);
}
