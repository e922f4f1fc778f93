// Allocation-failure reruns (every allocation the cores make, made to fail
// once) of compact versions of the main scenarios: home registration with
// RFC 4285 authentication and route optimisation with a correspondent
// through a handover; NEMO registration with a mobile network node; MCoA
// with two BIDs, one of which is lost. Each rerun must end with no crash,
// no harness error (re-entry, timer storm) and, once the cores are freed,
// nothing left allocated and no bad free. A clean run of each first checks
// that the scenario really gets where it should, so the reruns exercise
// the paths that matter.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <string>

#include "harness_gtest.h"

extern "C" {
#include "../../core/src/node_internal.h"
#include "mip6/dp.h"
#include "mip6/stats.h"
}

using namespace mip6h;

namespace
{

// What a run reached (only checked on the clean run: under an injected
// failure a scenario may legitimately get less far).
struct Outcome {
	bool registered = false; // the HA held the binding(s)
	bool ro = false;         // the CN held a route-optimised binding
	bool rebound = false;    // after the handover / loss, bound again
	bool back_home = false;  // de-registered at the end
	size_t bids = 0;         // MCoA: bindings at the HA at most
	size_t bids_after = 0;   // MCoA: after one interface was lost
	size_t echoed = 0;       // flow packets echoed back
	size_t sent = 0;
	size_t lost_before = 0; // flow packets lost before the handover / loss
};

size_t ha_bindings(Topo &t)
{
	return t.ha->node() ? mip6_dp_bc_count(t.ha->node()->dp) : 0;
}

Flow &flow(World &w, Host *from, const mip6_addr_t &src, const mip6_addr_t &dst, uint32_t count)
{
	FlowSpec fs;
	fs.from = from;
	fs.src = src;
	fs.dst = dst;
	fs.start = w.now();
	fs.interval = MIP6_MS(100);
	fs.count = count;
	return w.add_flow(fs);
}

// Home registration (RFC 4285) and route optimisation with a CN, a
// handover f1 -> f2 with the RO binding renewed, then home.
void reg_ro(World &w, Outcome *o)
{
	Topo t(w);
	build_topology(t);
	MobileSpec s = mobile_spec(t, "mn", 0);
	s.cfg.ro = true;
	s.cfg.auth.enabled = true;
	s.cfg.auth.spi = 0x2001;
	s.cfg.auth.key_len = 20;
	memset(s.cfg.auth.key, 0x42, 20);
	s.cfg.auth.nai_len = 6;
	memcpy(s.cfg.auth.nai, "mn@ha1", 6);
	make_ha(t, {client_for(s)});
	make_cn(*t.cn);
	Host &mn = add_mn(t, s);
	w.attach(mn, 1, *t.home);
	w.run_for(MIP6_SEC(2));
	w.move(mn, 1, *t.foreign[0]);
	w.run_for(MIP6_SEC(3));
	o->registered = ha_bindings(t) == 1;
	Flow &f = flow(w, t.cn, t.cn_addr, s.cfg.hoa, 50);
	w.run_for(MIP6_SEC(3));
	o->ro = t.cn->node() && mip6_dp_bc_count(t.cn->node()->dp) == 1;
	const mip6_ns_t moved = w.now();
	o->lost_before = f.echo_lost(0, moved - MIP6_MS(300)).size();
	w.move(mn, 1, *t.foreign[1]);
	w.run_for(MIP6_SEC(3));
	mip6_addr_t coa{}, bound{};
	o->rebound = mn.coa(1, &coa) && t.cn->node() &&
	             mip6_dp_bc_get(t.cn->node()->dp, &s.cfg.hoa, 0, &bound, nullptr) == 0 &&
	             mip6_addr_eq(&coa, &bound);
	w.move(mn, 1, *t.home);
	w.run_for(MIP6_SEC(3));
	o->back_home =
	    ha_bindings(t) == 0 && mn.count_traces(MIP6_TR_BINDING, "mn", "home binding removed") > 0;
	o->echoed = f.echoed();
	o->sent = f.sent();
}

// NEMO (RFC 3963, implicit mode): an MR with a node behind it registers
// from f1; the node talks with the CN; the MR returns home.
void nemo(World &w, Outcome *o)
{
	Topo t(w);
	build_topology(t);
	MobileSpec s = mobile_spec(t, "mr", 0, true);
	make_ha(t, {client_for(s)});
	Host &mr = add_mn(t, s);
	Link &mnet = t.add_mobile_network(mr, 2, t.mnp(0));
	const mip6_addr_t mnn_addr = addr_plus(t.mnp(0), 2);
	Host &mnn = t.add_node_on(mnet, "mnn", mnn_addr);
	w.attach(mr, 1, *t.home);
	w.run_for(MIP6_SEC(2));
	w.move(mr, 1, *t.foreign[0]);
	w.run_for(MIP6_SEC(3));
	o->registered = ha_bindings(t) == 1 && t.ha->node() && mip6_dp_mnp_count(t.ha->node()->dp) == 1;
	Flow &f = flow(w, &mnn, mnn_addr, t.cn_addr, 20);
	w.run_for(MIP6_SEC(3));
	w.move(mr, 1, *t.home);
	w.run_for(MIP6_SEC(3));
	o->back_home = ha_bindings(t) == 0 && (!t.ha->node() || mip6_dp_mnp_count(t.ha->node()->dp) == 0);
	o->echoed = f.echoed();
	o->sent = f.sent();
}

// MCoA (RFC 5648): a node with two interfaces registers BIDs 1 and 2 from
// f1 and f2; the f2 interface is unplugged and its BID de-registered
// through f1; traffic goes on through BID 1.
void mcoa(World &w, Outcome *o)
{
	Topo t(w);
	build_topology(t);
	MobileSpec s = mobile_spec(t, "mn", 0);
	s.nifs = 2;
	s.bid = {1, 2};
	s.cfg.mcoa = true;
	make_ha(t, {client_for(s)});
	Host &mn = add_mn(t, s);
	w.attach(mn, 1, *t.foreign[0]);
	w.attach(mn, 2, *t.foreign[1]);
	w.run_for(MIP6_SEC(4));
	o->bids = ha_bindings(t);
	o->registered = o->bids == 2;
	Flow &f = flow(w, t.cn, t.cn_addr, s.cfg.hoa, 40);
	w.run_for(MIP6_SEC(1));
	const mip6_ns_t lost_at = w.now();
	o->lost_before = f.echo_lost(0, lost_at - MIP6_MS(300)).size();
	w.detach(mn, 2);
	w.run_for(MIP6_SEC(3));
	o->bids_after = ha_bindings(t);
	o->rebound = o->bids_after == 1;
	o->echoed = f.echoed();
	o->sent = f.sent();
}

// Runs the scenario once cleanly (checked by 'check'), then once per
// allocation with that one failing. Scenarios with more allocations than
// 'budget' fail every n-th (n = allocations / budget, rounded up) starting
// from the first, so the sample is deterministic and spread over the run.
void rerun(const char *name, const std::function<void(World &, Outcome *)> &scenario,
           const std::function<void(const Outcome &)> &check, uint64_t budget = 400)
{
	WorldOpts wo;
	wo.log_lines = false;
	wo.log_frames = false;
	uint64_t allocs = 0;
	{
		World w(3, wo);
		Outcome o;
		scenario(w, &o);
		check(o);
		EXPECT_HARNESS_CLEAN(w);
		allocs = w.alloc().attempts();
		w.free_cores();
		EXPECT_EQ(w.alloc().live(), 0u);
	}
	const uint64_t every = allocs > budget ? (allocs + budget - 1) / budget : 1;
	RerunReport r = alloc_failure_reruns(
	    [&](World &w) {
		    Outcome o;
		    scenario(w, &o);
	    },
	    3, every);
	EXPECT_EQ(r.allocations, allocs) << name << ": the clean run is deterministic";
	EXPECT_EQ(r.runs, (allocs + every - 1) / every);
	printf("[ reruns   ] %s: %llu allocations, %llu failing runs (every %llu%s)\n", name,
	       (unsigned long long)r.allocations, (unsigned long long)r.runs, (unsigned long long)every,
	       every > 1 ? ", sampled" : "");
	::testing::Test::RecordProperty(std::string(name) + "_allocations", std::to_string(r.allocations));
	for (const std::string &p : r.problems)
		ADD_FAILURE() << name << ": " << p;
}

} // namespace

TEST(ScenarioAllocReruns, RegistrationAndRouteOptimisation)
{
	rerun("registration+RO", reg_ro, [](const Outcome &o) {
		EXPECT_TRUE(o.registered);
		EXPECT_TRUE(o.ro) << "no route-optimised binding at the CN";
		EXPECT_TRUE(o.rebound) << "the CN binding did not follow the handover";
		EXPECT_TRUE(o.back_home);
		EXPECT_EQ(o.sent, 50u);
		EXPECT_EQ(o.lost_before, 0u);
		EXPECT_GE(o.echoed, 30u) << "traffic did not resume after the handover";
	});
}

TEST(ScenarioAllocReruns, NemoRegistration)
{
	rerun("nemo", nemo, [](const Outcome &o) {
		EXPECT_TRUE(o.registered) << "no binding and prefix route at the HA";
		EXPECT_TRUE(o.back_home);
		EXPECT_EQ(o.sent, 20u);
		EXPECT_EQ(o.echoed, 20u);
	});
}

TEST(ScenarioAllocReruns, McoaTwoBidsOneLost)
{
	rerun("mcoa", mcoa, [](const Outcome &o) {
		EXPECT_EQ(o.bids, 2u);
		EXPECT_EQ(o.bids_after, 1u) << "the lost BID was not de-registered";
		EXPECT_EQ(o.sent, 40u);
		EXPECT_EQ(o.lost_before, 0u);
		EXPECT_GE(o.echoed, 35u);
	});
}
