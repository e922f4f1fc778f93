// SPDX-License-Identifier: BSD-3-Clause
// Scenario: a thousand mobile nodes on one home agent. Every node registers
// from a foreign link (movement detection off: a static care-of address and
// an MD_INFO injected on the bus, as an outside movement detector would),
// the HA holds 1000 bindings (proxy entries, tunnels, data-plane entries),
// a sample of correspondent flows reaches the right nodes through the right
// tunnels, every binding is refreshed, and after all nodes return home and
// de-register the HA's tables are empty and its memory is back where it
// started. Wall time and the HA's memory per binding are printed.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness_gtest.h"

#include "node_view.h"

extern "C" {
#include "mip6/bus.h"
#include "mip6/dp.h"
#include "mip6/stats.h"
}

using namespace mip6h;

namespace
{

constexpr unsigned kMobiles = 1000;
constexpr uint16_t kLifetimeS = 12; // refreshed at 85 %: about every 10 s

// Tunneled flow packets seen on the foreign links: which care-of address
// each (flow, seq) was tunneled to, and from where.
struct TunnelTap {
	struct Hit {
		mip6_addr_t outer_src, outer_dst;
	};
	std::map<std::pair<uint32_t, uint32_t>, std::vector<Hit>> hits;
	void on(Link &l)
	{
		l.drop_if = [this](const Host &, const uint8_t *p, size_t len) {
			record(p, len);
			return false;
		};
	}
	void record(const uint8_t *p, size_t len)
	{
		auto pk = std::make_unique<mip6_pkt_t>();
		if (mip6_pkt_parse(p, len, MIP6_DEC_LENIENT, pk.get()) != 0 || pk->nlayers < 2 ||
		    pk->ul != MIP6_UL_UDP)
			return;
		const mip6_layer_t &in = pk->layer[pk->nlayers - 1];
		FlowTag tag;
		if (in.upper_len <= 8 || !parse_flow_tag(p + in.upper_off + 8, in.upper_len - 8, &tag) ||
		    tag.reply)
			return;
		hits[{tag.flow, tag.seq}].push_back({pk->layer[0].ip.src, pk->layer[0].ip.dst});
	}
};

// An MD_INFO as an outside movement detector would put it on the bus.
int inject_md(Host &h, uint8_t cmd, uint32_t ifindex, const mip6_addr_t &coa)
{
	mip6_bus_msg_t m{};
	m.type = MIP6_BUS_MD_INFO;
	m.cmd = cmd;
	m.ifindex = ifindex;
	m.coa = coa;
	uint8_t buf[MIP6_BUS_WIRE_MAX];
	int len = mip6_bus_encode(&m, buf, sizeof(buf));
	if (len < 0)
		return len;
	int rc = -1;
	h.with_core(
	    [&]() { rc = mip6_node_bus_input(h.node(), buf, static_cast<size_t>(len), h.world().now()); });
	return rc;
}

mip6_addr_t coa_of(const Topo &t, unsigned k)
{
	return addr_plus(t.foreign_prefix[k % t.foreign_prefix.size()], 0x10000u + k);
}

double secs_since(std::chrono::steady_clock::time_point t0)
{
	return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

TEST(ScenarioScale, AThousandMobileNodesOnOneHomeAgent)
{
	const auto wall0 = std::chrono::steady_clock::now();
	// The HA allocates from its own allocator, so its memory can be
	// measured apart from the thousand mobile nodes' (declared first: it
	// must outlive the world, whose destructor frees the HA's core).
	FailAlloc ha_alloc;
	WorldOpts wo;
	wo.log_lines = false;
	wo.log_frames = false;
	World w(11, wo);
	w.enable_pcap(test_pcap_prefix());
	Topo t(w);
	build_topology(t);
	TunnelTap tap;
	for (Link *l : t.foreign)
		tap.on(*l);

	t.ha->set_alloc(ha_alloc.alloc());

	std::vector<MobileSpec> specs;
	std::vector<mip6_ha_client_t> clients;
	// kMobiles nodes, and one more (the last) that registers and leaves
	// first, so that the baseline includes what any registration leaves
	// behind (the timer heap, the data plane's tables at their minimum).
	for (unsigned k = 0; k <= kMobiles; k++) {
		MobileSpec s = mobile_spec(t, "mn" + std::to_string(k), k);
		s.md_enabled = false;
		s.cfg.lifetime_s = kLifetimeS;
		specs.push_back(s);
		clients.push_back(client_for(s));
	}
	ASSERT_EQ(make_ha(t, clients), 0);
	const mip6_node_t *ha_dp = t.ha->node(); // its data plane, read through mip6/view.h

	// --- the warm-up node: registers, returns home, de-registers ---
	{
		int rc = -1;
		Host &warm = add_mn(t, specs[kMobiles], &rc);
		ASSERT_EQ(rc, 0);
		w.attach(warm, 1, *t.foreign[kMobiles % t.foreign.size()]);
		warm.add_addr(1, coa_of(t, kMobiles), 64, MIP6_ADDRF_COA);
		ASSERT_TRUE(w.run_until([&] { return warm.iface(1)->has_router; }, w.now() + MIP6_SEC(4)));
		ASSERT_EQ(inject_md(warm, MIP6_MD_NEW_COA, 1, coa_of(t, kMobiles)), 0);
		ASSERT_TRUE(w.run_until([&] { return warm.last_state(MIP6_EV_MN_HOME_STATE) == "BOUND"; },
		                        w.now() + MIP6_SEC(5)));
		EXPECT_EQ(dp_bc_count(ha_dp), 1u);
		w.move(warm, 1, *t.home);
		ASSERT_EQ(inject_md(warm, MIP6_MD_HOME, 1, mip6_addr_t{}), 0);
		ASSERT_TRUE(w.run_until([&] { return warm.count_events(MIP6_EV_MN_HOME_REMOVED) > 0; },
		                        w.now() + MIP6_SEC(5)));
		w.run_for(MIP6_MS(100));
		EXPECT_EQ(dp_bc_count(ha_dp), 0u);
		w.detach(warm, 1);
	}
	const size_t base_blocks = ha_alloc.live(), base_bytes = ha_alloc.live_bytes();
	const mip6_stats_t *hs = mip6_node_stats(t.ha->node());
	const uint64_t ba_ok0 = hs->ba_sent[MIP6_BA_ACCEPTED];
	const size_t created0 = t.ha->count_events(MIP6_EV_HA_BINDING_CREATED);
	const size_t removed0 = t.ha->count_events(MIP6_EV_HA_BINDING_REMOVED);

	std::vector<Host *> mns;
	for (unsigned k = 0; k < kMobiles; k++) {
		int rc = -1;
		Host &h = add_mn(t, specs[k], &rc);
		ASSERT_EQ(rc, 0) << h.name();
		Link &f = *t.foreign[k % t.foreign.size()];
		w.attach(h, 1, f);
		// What movement detection would have set up: the care-of
		// address (the default router comes from the RAs).
		h.add_addr(1, coa_of(t, k), 64, MIP6_ADDRF_COA);
		mns.push_back(&h);
	}
	ASSERT_TRUE(w.run_until(
	    [&]() {
		    for (Host *h : mns)
			    if (!h->iface(1)->has_router)
				    return false;
		    return true;
	    },
	    w.now() + MIP6_SEC(4)))
	    << "a node heard no RA";
	// The nodes appear one millisecond apart.
	for (unsigned k = 0; k < kMobiles; k++) {
		Host *h = mns[k];
		mip6_addr_t coa = coa_of(t, k);
		w.sim.at(w.now() + MIP6_MS(k), [h, coa]() {
			int rc = inject_md(*h, MIP6_MD_NEW_COA, 1, coa);
			if (rc != 0)
				ADD_FAILURE() << h->name() << ": bus input " << rc;
		});
	}
	const mip6_ns_t reg_start = w.now();
	auto all_bound = [&]() {
		if (dp_bc_count(ha_dp) != kMobiles)
			return false;
		for (Host *h : mns)
			if (h->last_state(MIP6_EV_MN_HOME_STATE) != "BOUND")
				return false;
		return true;
	};
	ASSERT_TRUE(w.run_until(all_bound, w.now() + MIP6_SEC(15)))
	    << "HA bindings " << dp_bc_count(ha_dp);
	const mip6_ns_t reg_done = w.now();
	w.run_for(MIP6_MS(100)); // platform operations settle
	const double wall_reg = secs_since(wall0);

	// --- the HA holds one binding per node, and what follows from it ---
	EXPECT_EQ(dp_bc_count(ha_dp), size_t(kMobiles));
	EXPECT_EQ(t.ha->iface(1)->proxies.size(), size_t(kMobiles));
	EXPECT_EQ(t.ha->tunnels().size(), size_t(kMobiles));
	EXPECT_EQ(hs->ba_sent[MIP6_BA_ACCEPTED] - ba_ok0, uint64_t(kMobiles))
	    << "one BA per first registration";
	EXPECT_EQ(t.ha->count_events(MIP6_EV_HA_BINDING_CREATED) - created0, size_t(kMobiles));
	for (unsigned k = 0; k < kMobiles; k++) {
		const mip6_addr_t hoa = t.hoa(k), coa = coa_of(t, k);
		mip6_addr_t got{};
		uint32_t flags = 0;
		ASSERT_EQ(dp_bc_get(ha_dp, &hoa, 0, &got, &flags), 0) << S(hoa);
		EXPECT_TRUE(mip6_addr_eq(&got, &coa)) << S(hoa) << " bound to " << S(got);
		EXPECT_TRUE(flags & MIP6_DPF_HOME);
		EXPECT_TRUE(t.ha->has_proxy(1, hoa)) << S(hoa);
		EXPECT_TRUE(t.ha->has_tunnel(t.ha_addr, coa)) << S(coa);
		EXPECT_TRUE(mns[k]->has_addr(hoa, 0))
		    << mns[k]->name() << ": home address on the mobility interface";
		EXPECT_EQ(mip6_node_stats(mns[k]->node())->ba_rcvd[MIP6_BA_ACCEPTED], 1u) << mns[k]->name();
	}
	EXPECT_EQ(t.ha->stats.op_anomalies, 0u);
	size_t dads = 0;
	for (const OpRec &o : t.ha->ops())
		dads += o.op.kind == MIP6_OP_DAD && o.status == 0;
	EXPECT_EQ(dads, size_t(kMobiles) + 1) << "one DAD per first registration (and the warm-up node's)";
	const size_t bound_bytes = ha_alloc.live_bytes();
	const double per_binding = double(bound_bytes - base_bytes) / kMobiles;
	const size_t dp_bytes = dp_memory(ha_dp);

	// --- a sample of correspondent flows, each through its node's tunnel ---
	std::vector<std::pair<unsigned, Flow *>> flows;
	for (unsigned k = 7; k < kMobiles; k += 41) {
		FlowSpec fs;
		fs.name = "cn-mn" + std::to_string(k);
		fs.from = t.cn;
		fs.src = t.cn_addr;
		fs.dst = t.hoa(k);
		fs.start = w.now() + MIP6_MS(k % 50);
		fs.interval = MIP6_MS(40);
		fs.count = 10;
		flows.push_back({k, &w.add_flow(fs)});
	}
	w.run_for(MIP6_SEC(2));
	for (auto &kf : flows) {
		const unsigned k = kf.first;
		const Flow &f = *kf.second;
		const mip6_addr_t coa = coa_of(t, k), hoa = t.hoa(k);
		EXPECT_EQ(f.sent(), 10u) << f.spec.name;
		EXPECT_TRUE(f.lost().empty()) << f.spec.name << ": " << f.lost().size() << " lost";
		EXPECT_EQ(f.echoed(), 10u) << f.spec.name;
		for (const auto &r : f.rx) {
			EXPECT_EQ(r.second.host, mns[k]->name()) << f.spec.name;
			EXPECT_TRUE(mip6_addr_eq(&r.second.dst, &hoa));
			auto it = tap.hits.find({f.id, r.first});
			ASSERT_NE(it, tap.hits.end())
			    << f.spec.name << " seq " << r.first << " not seen tunneled";
			for (const TunnelTap::Hit &hit : it->second) {
				EXPECT_TRUE(mip6_addr_eq(&hit.outer_dst, &coa))
				    << f.spec.name << " tunneled to " << S(hit.outer_dst);
				EXPECT_TRUE(mip6_addr_eq(&hit.outer_src, &t.ha_addr));
			}
		}
	}

	// --- every binding is refreshed before it runs out ---
	const mip6_ns_t refresh_by = reg_done + MIP6_SEC(2 * kLifetimeS);
	w.run_until(refresh_by);
	EXPECT_EQ(dp_bc_count(ha_dp), size_t(kMobiles));
	EXPECT_EQ(t.ha->count_events(MIP6_EV_HA_BINDING_EXPIRED), 0u);
	EXPECT_GE(t.ha->count_events(MIP6_EV_HA_BINDING_REFRESHED), size_t(2 * kMobiles));
	EXPECT_EQ(hs->drop_seq, 0u);
	for (unsigned k = 0; k < kMobiles; k++) {
		EXPECT_GE(mip6_node_stats(mns[k]->node())->ba_rcvd[MIP6_BA_ACCEPTED], 3u)
		    << mns[k]->name() << ": first registration and two refreshes";
		EXPECT_EQ(mns[k]->count_events(MIP6_EV_MN_HOME_EXPIRED), 0u);
	}

	// --- all return home and de-register ---
	// A thousand nodes announcing their home addresses to each other
	// (unsolicited NAs to all-nodes) would be a million deliveries that
	// change nothing here (the harness keeps no neighbour caches): they
	// stay on the wire (and in the capture) but reach no port.
	t.home->drop_if = [](const Host &from, const uint8_t *p, size_t len) {
		return from.name().compare(0, 2, "mn") == 0 && is_icmp6(p, len, MIP6_ICMP6_NA);
	};
	for (unsigned k = 0; k < kMobiles; k++) {
		Host *h = mns[k];
		w.sim.at(w.now() + MIP6_MS(k), [&w, &t, h]() {
			w.move(*h, 1, *t.home);
			int rc = inject_md(*h, MIP6_MD_HOME, 1, mip6_addr_t{});
			if (rc != 0)
				ADD_FAILURE() << h->name() << ": bus input " << rc;
		});
	}
	auto all_home = [&]() {
		if (dp_bc_count(ha_dp) != 0)
			return false;
		for (Host *h : mns)
			if (h->count_events(MIP6_EV_MN_HOME_REMOVED) == 0)
				return false;
		return true;
	};
	ASSERT_TRUE(w.run_until(all_home, w.now() + MIP6_SEC(20)))
	    << "HA bindings " << dp_bc_count(ha_dp);
	w.run_for(MIP6_MS(100));
	EXPECT_EQ(dp_bc_count(ha_dp), 0u);
	EXPECT_EQ(dp_mnp_count(ha_dp), 0u);
	EXPECT_TRUE(t.ha->iface(1)->proxies.empty());
	EXPECT_TRUE(t.ha->tunnels().empty());
	EXPECT_EQ(t.ha->count_events(MIP6_EV_HA_BINDING_REMOVED) - removed0, size_t(kMobiles));
	EXPECT_EQ(t.ha->stats.op_anomalies, 0u);
	EXPECT_EQ(t.ha->ops_pending(), 0u);
	for (unsigned k = 0; k < kMobiles; k++) {
		EXPECT_EQ(mns[k]->last_state(MIP6_EV_MN_HOME_STATE), "IDLE") << mns[k]->name();
		// The home address is usable on the home link again (DEREG gone).
		EXPECT_TRUE(mns[k]->has_addr(t.hoa(k), 1)) << mns[k]->name();
		EXPECT_EQ(mns[k]->addr_flags(t.hoa(k)), int(MIP6_ADDRF_HOME)) << mns[k]->name();
	}
	// Nothing of the thousand bindings is left: the HA holds the blocks it
	// held before them. Only capacity grown for them stays (the timer
	// heap and the home-address hash are not shrunk): a few kB, not
	// 1000 x ~250 B.
	const size_t after_bytes = ha_alloc.live_bytes();
	EXPECT_EQ(ha_alloc.live(), base_blocks)
	    << "HA blocks: " << base_blocks << " before, " << ha_alloc.live() << " after";
	EXPECT_LT(after_bytes - base_bytes, (bound_bytes - base_bytes) / 10)
	    << "HA heap: " << base_bytes << " before, " << bound_bytes << " bound, " << after_bytes
	    << " after";
	EXPECT_EQ(ha_alloc.bad_frees(), 0u);
	EXPECT_EQ(ha_alloc.failures(), 0u);
	EXPECT_HARNESS_CLEAN(w);

	const double wall = secs_since(wall0);
	printf("[ scale    ] %u MNs on one HA: registered in %.3f s virtual, wall %.2f s to registration, "
	       "%.2f s in all\n",
	       kMobiles, double(reg_done - reg_start) / 1e9, wall_reg, wall);
	printf("[ scale    ] HA memory per binding: %.0f bytes (HA state + data plane; data plane %zu bytes "
	       "in all); HA heap %zu bytes before, %zu with %u bindings, %zu after de-registration\n",
	       per_binding, dp_bytes, base_bytes, bound_bytes, kMobiles, after_bytes);
	RecordProperty("wall_s", std::to_string(wall));
	RecordProperty("bytes_per_binding", std::to_string(per_binding));

	w.free_cores();
	EXPECT_EQ(ha_alloc.live(), 0u);
	EXPECT_EQ(w.alloc().live(), 0u);
	EXPECT_EQ(w.alloc().bad_frees(), 0u);
}
