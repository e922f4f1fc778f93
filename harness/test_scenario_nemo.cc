// SPDX-License-Identifier: BSD-3-Clause
// Scenario: a mobile router (RFC 3963) with a mobile network node behind it
// moves home -> f1 -> f2 while the node talks with a correspondent, in
// implicit and explicit mode; and the home agent's refusals of an MR that
// claims a prefix it may not (142) or that may not act as an MR (140).
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "harness_gtest.h"

extern "C" {
#include "mip6/decode.h"
#include "mip6/stats.h"
}

using namespace mip6h;

namespace
{

struct NemoBase {
	World w{7};
	Topo t{w};
	MobileSpec spec;
	mip6_ha_client_t client{};
	mip6_addr_t hoa{}, mnp{}, mnn_addr{};
	Host *mr = nullptr, *mnn = nullptr;
	Link *mnet = nullptr;
	std::vector<std::unique_ptr<FrameTap>> taps; // one per link, by name
	std::vector<std::string> tap_names;

	// The MR and its mobile network; 'edit' changes the HA's entry for it.
	void build(bool explicit_mode, const std::function<void(mip6_ha_client_t &)> &edit = {})
	{
		w.enable_pcap(test_pcap_prefix());
		build_topology(t);
		spec = mobile_spec(t, "mr", 0, true);
		spec.cfg.nemo_explicit = explicit_mode;
		hoa = spec.cfg.hoa;
		mnp = t.mnp(0);
		client = client_for(spec);
		if (edit)
			edit(client);
		ASSERT_EQ(make_ha(t, {client}), 0);
		int rc = -1;
		mr = &add_mn(t, spec, &rc);
		ASSERT_EQ(rc, 0);
		ASSERT_NE(mr->node(), nullptr);
		mnet = &t.add_mobile_network(*mr, 2, mnp);
		mnn_addr = addr_plus(mnp, 2);
		mnn = &t.add_node_on(*mnet, "mnn", mnn_addr);
		for (Link *l : {t.home, t.cnet, t.foreign[0], t.foreign[1], t.foreign[2], mnet})
			tap(*l);
	}

	FrameTap &tap(Link &l)
	{
		taps.push_back(std::make_unique<FrameTap>());
		tap_names.push_back(l.name());
		taps.back()->on(w, l);
		return *taps.back();
	}
	FrameTap &seen(const std::string &link)
	{
		for (size_t i = 0; i < taps.size(); i++)
			if (tap_names[i] == link)
				return *taps[i];
		ADD_FAILURE() << "no tap on " << link;
		return *taps[0];
	}

	void finish() { expect_scenario_clean(w, *t.ha, mr); }

	// Time of the last BA the HA sent, or NEVER.
	mip6_ns_t last_ba_at(const Host &h) const
	{
		mip6_ns_t at = MIP6_NS_NEVER;
		for (const TraceRec &r : h.traces)
			if (r.ev.code == MIP6_EV_HA_TX_BA)
				at = r.ev.now;
		return at;
	}
};

// --------------------------------------------------------------- the move

struct ScenarioNemo : NemoBase, ::testing::TestWithParam<bool> {
	void TearDown() override { finish(); }
};

// Every packet of flows f and g sent in [t0, t1) crossed the link tunneled:
// MNN -> CN from the MR's care-of address to the HA, CN -> MNN from the HA
// to that care-of address; and some went each way.
void expect_tunneled_on(FrameTap &tp, const Flow &f, const Flow &g, const mip6_addr_t &coa,
                        const mip6_addr_t &ha, const mip6_addr_t &mnn, const mip6_addr_t &cn, mip6_ns_t t0,
                        mip6_ns_t t1, const std::string &where)
{
	size_t up = 0, down = 0;
	for (const TapFrame &s : tp.frames) {
		if (!s.tagged || (s.tag.flow != f.id && s.tag.flow != g.id) || s.tag.sent < t0 ||
		    s.tag.sent >= t1)
			continue;
		bool from_mnn = mip6_addr_eq(&s.in_src, &mnn);
		bool to_mnn = mip6_addr_eq(&s.in_dst, &mnn);
		ASSERT_TRUE(s.tunneled) << where << ": a flow packet crossed the foreign link untunneled";
		if (from_mnn) {
			EXPECT_TRUE(mip6_addr_eq(&s.in_dst, &cn)) << where;
			EXPECT_TRUE(mip6_addr_eq(&s.src, &coa))
			    << where << ": MNN -> CN must leave from the CoA, not " << S(s.src);
			EXPECT_TRUE(mip6_addr_eq(&s.dst, &ha)) << where;
			EXPECT_EQ(s.from, "mr");
			up++;
		} else if (to_mnn) {
			EXPECT_TRUE(mip6_addr_eq(&s.in_src, &cn)) << where;
			EXPECT_TRUE(mip6_addr_eq(&s.src, &ha))
			    << where << ": CN -> MNN must come from the HA";
			EXPECT_TRUE(mip6_addr_eq(&s.dst, &coa)) << where;
			down++;
		} else {
			ADD_FAILURE() << where << ": flow packet " << S(s.in_src) << " > " << S(s.in_dst);
		}
	}
	EXPECT_GT(up, 0u) << where;
	EXPECT_GT(down, 0u) << where;
}

} // namespace

TEST_P(ScenarioNemo, MobileNetworkNodeReachesCorrespondentHomeF1F2)
{
	const bool explicit_mode = GetParam();
	ASSERT_NO_FATAL_FAILURE(build(explicit_mode));

	// At home: nothing registered, no mobile network route at the HA.
	w.attach(*mr, 1, *t.home);
	w.run_for(MIP6_SEC(4));
	EXPECT_EQ(t.ha->count_traces(MIP6_TR_BINDING, "ha"), 0u) << "registered while at home";
	EXPECT_EQ(t.ha->find_route(mnp, 64), nullptr);
	ASSERT_TRUE(mnn->iface(1)->has_router) << "the MNN learns the MR from its RAs";

	// --- f1 ---
	w.move(*mr, 1, *t.foreign[0]);
	mip6_addr_t coa1{};
	ASSERT_TRUE(run_until_registered(w, t, *mr, 0, 1, MIP6_SEC(10), &coa1)) << "no registration from f1";
	w.run_for(MIP6_MS(100));

	// The BU carries R (and, in explicit mode only, the MNP); the BA has R.
	size_t bus = 0, bas = 0;
	for (const TapFrame &s : seen("f1").frames) {
		if (s.mh == MIP6_MH_BU && s.from == "mr") {
			bus++;
			EXPECT_TRUE(s.bu_flags & MIP6_BU_F_R) << "BU without R";
			EXPECT_TRUE(s.bu_flags & MIP6_BU_F_H);
			if (explicit_mode) {
				ASSERT_EQ(s.mnp.size(), 1u) << "explicit mode lists the prefix";
				EXPECT_TRUE(mip6_addr_eq(&s.mnp[0].prefix, &mnp));
				EXPECT_EQ(s.mnp[0].plen, 64);
			} else {
				EXPECT_EQ(s.mnp.size(), 0u) << "implicit mode carries no MNP option";
			}
		}
		if (s.mh == MIP6_MH_BA && mip6_addr_eq(&s.dst, &coa1)) {
			bas++;
			EXPECT_EQ(s.ba_status, MIP6_BA_ACCEPTED);
			EXPECT_TRUE(s.ba_flags & MIP6_BA_F_R) << "BA without R";
		}
	}
	EXPECT_GE(bus, 1u);
	EXPECT_GE(bas, 1u);

	// The HA routes the prefix into the core (whose data plane picks the
	// tunnel), the MR sends its mobile network's traffic into its core.
	const Route *hr = t.ha->find_route(mnp, 64);
	ASSERT_NE(hr, nullptr) << "no route for the mobile network prefix at the HA";
	EXPECT_EQ(hr->ifindex, 0u);
	EXPECT_EQ(t.ha->count_events(MIP6_EV_HA_MNP_ROUTE_ADDED), 1u);
	const Route *mrr = mr->find_route(mnp, 64, true);
	ASSERT_NE(mrr, nullptr) << "no source route for the mobile network at the MR";
	EXPECT_EQ(mrr->ifindex, 0u);
	EXPECT_TRUE(t.ha->has_proxy(1, hoa));
	const mip6_stats_t *hs = mip6_node_stats(t.ha->node());
	EXPECT_EQ(hs->ba_sent[MIP6_BA_ACCEPTED], 1u);

	// MNN -> CN (echoed back) and CN -> MNN (echoed back).
	const mip6_addr_t cn = t.cn_addr;
	Flow &up = start_flow(w, "mnn-cn", mnn, mnn_addr, cn, MIP6_MS(50), 40001);
	Flow &down = start_flow(w, "cn-mnn", t.cn, cn, mnn_addr, MIP6_MS(50), 40002);
	const mip6_ns_t f1_start = w.now();
	w.run_for(MIP6_SEC(2));
	const mip6_ns_t f1_end = w.now();
	EXPECT_TRUE(up.lost(f1_start, f1_end - MIP6_MS(200)).empty());
	EXPECT_TRUE(up.echo_lost(f1_start, f1_end - MIP6_MS(200)).empty());
	EXPECT_TRUE(down.lost(f1_start, f1_end - MIP6_MS(200)).empty());
	EXPECT_TRUE(down.echo_lost(f1_start, f1_end - MIP6_MS(200)).empty());
	EXPECT_GE(up.echoed(), 35u);
	EXPECT_GE(down.echoed(), 35u);
	expect_tunneled_on(seen("f1"), up, down, coa1, t.ha_addr, mnn_addr, cn, f1_start, f1_end, "f1");
	EXPECT_GE(hs->mip6_dp_encap, 70u); // CN -> MNN and the echoes of MNN -> CN
	EXPECT_GE(hs->dp_decap, 70u);

	// --- f2: traffic resumes after the re-registration ---
	const mip6_ns_t moved = w.now();
	w.move(*mr, 1, *t.foreign[1]);
	mip6_addr_t coa2{};
	ASSERT_TRUE(run_until_registered(w, t, *mr, 1, 2, MIP6_SEC(10), &coa2))
	    << "no re-registration from f2";
	const mip6_ns_t rereg = last_ba_at(*t.ha);
	ASSERT_NE(rereg, MIP6_NS_NEVER);
	EXPECT_FALSE(t.ha->has_tunnel(t.ha_addr, coa1)) << "the old tunnel stays";
	EXPECT_EQ(t.ha->count_events(MIP6_EV_HA_MNP_ROUTE_ADDED), 1u)
	    << "the prefix route is kept across the move";
	w.run_for(MIP6_SEC(2));
	const mip6_ns_t f2_end = w.now();
	up.stop();
	down.stop();
	w.run_for(MIP6_MS(300));

	// Whatever was sent after the HA accepted the new CoA arrives, both ways.
	EXPECT_TRUE(up.lost(rereg, f2_end).empty());
	EXPECT_TRUE(up.echo_lost(rereg, f2_end).empty());
	EXPECT_TRUE(down.lost(rereg, f2_end).empty());
	EXPECT_TRUE(down.echo_lost(rereg, f2_end).empty());
	mip6_ns_t resumed = down.first_rx_sent_after(moved);
	ASSERT_NE(resumed, MIP6_NS_NEVER);
	RecordProperty("handover_ms", std::to_string((rereg - moved) / 1000000));
	RecordProperty("resumed_ms", std::to_string((resumed - moved) / 1000000));
	RecordProperty("lost_down_in_handover", std::to_string(down.lost(moved, rereg).size()));
	RecordProperty("lost_up_rtt_in_handover", std::to_string(up.echo_lost(moved, rereg).size()));
	EXPECT_LT(resumed - moved, MIP6_SEC(6));
	expect_tunneled_on(seen("f2"), up, down, coa2, t.ha_addr, mnn_addr, cn, rereg, f2_end, "f2");

	// No leak: flow packets reach only the MNN and the CN; nothing for the
	// MNN goes to f1 once the HA took the new CoA, none ever to f3; on
	// the backbone side (cnet) the packets are plain, never tunneled.
	for (const Flow *f : {&up, &down}) {
		for (auto &kv : f->rx)
			EXPECT_EQ(kv.second.host, f == &up ? "cn" : "mnn");
		for (auto &kv : f->echo)
			EXPECT_EQ(kv.second.host, f == &up ? "mnn" : "cn");
		EXPECT_EQ(f->rx_dups + f->echo_dups, 0u);
	}
	for (const TapFrame &s : seen("f1").frames) {
		if (s.tagged) {
			EXPECT_LT(s.tag.sent, rereg) << "flow packet on f1 after the HA moved the binding";
		}
	}
	for (const TapFrame &s : seen("f3").frames)
		EXPECT_FALSE(s.tagged) << "flow packet on f3";
	for (const TapFrame &s : seen("cnet").frames) {
		if (s.tagged) {
			EXPECT_FALSE(s.tunneled);
		}
	}
	for (const TapFrame &s : seen("mnet-mr").frames) {
		if (s.tagged) {
			EXPECT_FALSE(s.tunneled) << "the MNN sees its own packets, not tunnels";
		}
	}
	EXPECT_EQ(hs->ba_sent[MIP6_BA_ACCEPTED], 2u);
	EXPECT_EQ(mip6_node_stats(mr->node())->ba_rcvd[MIP6_BA_ACCEPTED], 2u);
	EXPECT_EQ(hs->drop_tunnel, 0u);
}

INSTANTIATE_TEST_SUITE_P(Mode, ScenarioNemo, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool> &i) {
	                         return std::string(i.param ? "Explicit" : "Implicit");
                         });

// ------------------------------------------------------------ refusals

namespace
{

struct ScenarioNemoRefused : NemoBase, ::testing::Test {
	void TearDown() override { finish(); }

	// Away on f1 until the HA answered; CN -> MNN traffic must not get
	// through (and goes nowhere near the MR).
	void leave_and_check_refused(uint8_t status)
	{
		w.attach(*mr, 1, *t.home);
		w.run_for(MIP6_SEC(3));
		w.move(*mr, 1, *t.foreign[0]);
		const mip6_stats_t *hs = mip6_node_stats(t.ha->node());
		const mip6_stats_t *ms = mip6_node_stats(mr->node());
		ASSERT_TRUE(w.run_until([&] { return ms->ba_rcvd[status] > 0; }, w.now() + MIP6_SEC(10)))
		    << "no BA " << int(status);
		EXPECT_EQ(hs->ba_sent[status], 1u);
		EXPECT_EQ(hs->drop_unauthorised, 1u);
		EXPECT_EQ(hs->ba_sent[MIP6_BA_ACCEPTED], 0u);
		EXPECT_EQ(mr->count_events(MIP6_EV_MN_DROP_REFUSED), 1u);
		EXPECT_EQ(mr->last_state(MIP6_EV_MN_HOME_STATE), "IDLE") << "a refusal is final";
		// No binding, no prefix route, no tunnel at the HA.
		EXPECT_EQ(t.ha->count_traces(MIP6_TR_BINDING, "ha"), 0u);
		EXPECT_EQ(t.ha->count_events(MIP6_EV_HA_MNP_ROUTE_ADDED), 0u);
		EXPECT_EQ(t.ha->find_route(mnp, 64), nullptr);
		EXPECT_EQ(t.ha->find_route(t.mnp(5), 64), nullptr);
		EXPECT_TRUE(t.ha->tunnels().empty());
		EXPECT_FALSE(t.ha->has_proxy(1, hoa));

		Flow &down = start_flow(w, "cn-mnn", t.cn, t.cn_addr, mnn_addr, MIP6_MS(50), 40002);
		w.run_for(MIP6_SEC(3));
		EXPECT_GT(down.sent(), 50u);
		EXPECT_EQ(down.received(), 0u) << "traffic reached an MNN whose MR has no binding";
		for (const TapFrame &s : seen("f1").frames)
			EXPECT_FALSE(s.tagged) << "flow packet sent towards the refused MR";
		for (const TapFrame &s : seen("mnet-mr").frames)
			EXPECT_FALSE(s.tagged);
		// And nothing retried: one BU, one answer.
		size_t bus = 0;
		for (const TapFrame &s : seen("f1").frames)
			bus += s.mh == MIP6_MH_BU;
		EXPECT_EQ(bus, 1u);
	}
};

} // namespace

// Explicit mode: the MR lists a prefix its HA entry does not allow.
TEST_F(ScenarioNemoRefused, PrefixNotAllowedGets142AndNoRoute)
{
	ASSERT_NO_FATAL_FAILURE(build(true, [&](mip6_ha_client_t &c) { c.mnp[0].prefix = t.mnp(5); }));
	leave_and_check_refused(MIP6_BA_NOT_AUTH_FOR_PREFIX);
}

// An HA entry without mr_allowed: a BU with R is refused with 140 (both modes).
TEST_F(ScenarioNemoRefused, NotAllowedAsMobileRouterGets140Explicit)
{
	ASSERT_NO_FATAL_FAILURE(build(true, [](mip6_ha_client_t &c) { c.mr_allowed = false; }));
	leave_and_check_refused(MIP6_BA_MR_OP_NOT_PERMITTED);
}

TEST_F(ScenarioNemoRefused, NotAllowedAsMobileRouterGets140Implicit)
{
	ASSERT_NO_FATAL_FAILURE(build(false, [](mip6_ha_client_t &c) { c.mr_allowed = false; }));
	leave_and_check_refused(MIP6_BA_MR_OP_NOT_PERMITTED);
}

// Every allocation of the move made to fail once (explicit mode, traffic
// on both foreign links): no crash, no leak, no harness error.
TEST(ScenarioNemoRerun, EveryAllocationFailingOnceLeavesNoLeak)
{
	RerunReport r = alloc_failure_reruns([](World &w) {
		Topo t(w);
		build_topology(t);
		MobileSpec spec = mobile_spec(t, "mr", 0, true);
		spec.cfg.nemo_explicit = true;
		make_ha(t, {client_for(spec)});
		Host &mr = add_mn(t, spec);
		mip6_addr_t mnn_addr{};
		Host &mnn = add_mnn(t, mr, 2, &mnn_addr);
		w.attach(mr, 1, *t.home);
		w.run_for(MIP6_SEC(3));
		w.move(mr, 1, *t.foreign[0]);
		w.run_for(MIP6_SEC(3));
		FlowSpec up;
		up.from = &mnn;
		up.src = mnn_addr;
		up.dst = t.cn_addr;
		up.start = w.now();
		up.count = 40;
		w.add_flow(up);
		FlowSpec down = up;
		down.from = t.cn;
		down.src = t.cn_addr;
		down.dst = mnn_addr;
		w.add_flow(down);
		w.run_for(MIP6_SEC(1));
		w.move(mr, 1, *t.foreign[1]);
		w.run_for(MIP6_SEC(3));
	});
	EXPECT_GT(r.allocations, 10u);
	EXPECT_EQ(r.runs, r.allocations);
	RecordProperty("allocations", std::to_string(r.allocations));
	for (const std::string &p : r.problems)
		ADD_FAILURE() << p;
}
