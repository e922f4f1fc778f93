// SPDX-License-Identifier: BSD-3-Clause
// Scenario: MCoA bulk registration and returning home (RFC 5648 5.3, 5.6).
// A mobile node with two uplinks, BID 1 on f1 and BID 2 on f2: BID 2's
// care-of address comes first and its BU waits for the BA; BID 1's BU,
// a quarter second later, carries BID 2 too. When the first binding is
// due for refresh, the other, due soon after, rides along: one Binding
// Update carries two Binding Identifier options, each with its own
// care-of address, and the home agent renews both bindings. Then
// interface 1 comes home: one BU without a BID option de-registers every
// binding, the home agent lets go of them all, and a correspondent's
// traffic reaches the node natively on the home link, none lost once the
// home agent acknowledged.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "harness_gtest.h"

#include "node_view.h"

extern "C" {
#include "mip6/decode.h"
#include "mip6/dp.h"
#include "mip6/stats.h"
}

using namespace mip6h;

namespace
{

// The Binding Identifier options of a captured MH message.
struct BidOpt {
	uint16_t bid;
	uint8_t flags;
	mip6_addr_t coa;
	bool has_coa;
};

std::vector<BidOpt> bid_opts(const TapFrame &f)
{
	std::vector<BidOpt> v;
	auto pk = std::make_unique<mip6_pkt_t>();
	if (mip6_pkt_parse(f.bytes.data(), f.bytes.size(), MIP6_DEC_STRICT, pk.get()) != 0 ||
	    pk->ul != MIP6_UL_MH)
		return v;
	for (unsigned i = 0; i < pk->mh.nopts; i++) {
		const mip6_mhopt_t &o = pk->mh.opts[i];
		if (o.type != MIP6_OPT_BID)
			continue;
		BidOpt b{o.u.bid.bid, o.u.bid.flags, {}, o.u.bid.coa_len == 16};
		if (b.has_coa)
			memcpy(b.coa.b, o.u.bid.coa, 16);
		v.push_back(b);
	}
	return v;
}

std::vector<const TapFrame *> mh_from(const FrameTap &tap, int type, const char *from, mip6_ns_t after = 0)
{
	std::vector<const TapFrame *> v;
	for (const TapFrame &s : tap.frames)
		if (s.mh == type && s.from == from && s.t >= after)
			v.push_back(&s);
	return v;
}

} // namespace

TEST(ScenarioMcoaBulk, BothBidsInOneBuThenHomeDeregistersAll)
{
	World w(31);
	w.enable_pcap(test_pcap_prefix());
	Topo t(w);
	build_topology(t);
	MobileSpec spec = mobile_spec(t, "mn", 0);
	set_two_uplinks(spec);
	spec.cfg.mcoa_bulk = true;
	spec.cfg.lifetime_s = 8; // refreshed at 85 %: ~6.8 s after each BU
	const mip6_addr_t hoa = spec.cfg.hoa;
	mip6_ha_client_t c = client_for(spec);
	ASSERT_TRUE(c.mcoa_allowed);
	ASSERT_EQ(make_ha(t, {c}), 0);
	int rc = -1;
	Host &mn = add_mn(t, spec, &rc);
	ASSERT_EQ(rc, 0);
	const mip6_stats_t *hs = mip6_node_stats(t.ha->node());
	FrameTap f1, f2, home;
	f1.keep_bytes = f2.keep_bytes = home.keep_bytes = true;
	f1.on(w, *t.foreign[0]);
	f2.on(w, *t.foreign[1]);
	home.on(w, *t.home);
	auto ha_bid = [&](uint16_t bid) {
		mip6_addr_t a{};
		uint32_t flags = 0;
		return dp_bc_get(t.ha->node(), &hoa, bid, &a, &flags) == 0 ? S(a) : std::string();
	};

	// --- both BIDs registered, one BU each ---
	w.attach(mn, 1, *t.foreign[0]);
	w.attach(mn, 2, *t.foreign[1]);
	mip6_addr_t coa1{}, coa2{};
	ASSERT_TRUE(w.run_until(
	    [&] {
		    return mn.coa(1, &coa1) && mn.coa(2, &coa2) && t.ha->has_tunnel(t.ha_addr, coa1) &&
		           t.ha->has_tunnel(t.ha_addr, coa2) &&
		           mn.last_state(MIP6_EV_MN_HOME_STATE) == "BOUND";
	    },
	    w.now() + MIP6_SEC(10)))
	    << "both BIDs not registered within 10 s";
	w.run_for(MIP6_MS(100));
	auto first1 = mh_from(f1, MIP6_MH_BU, "mn"), first2 = mh_from(f2, MIP6_MH_BU, "mn");
	ASSERT_EQ(first1.size() + first2.size(), 2u) << "the care-of addresses came 250 ms apart";
	// f2's came first and waits a second for its BA (the HA defends the
	// home address first): BID 2 rides in BID 1's BU, registering again.
	ASSERT_EQ(first2.size(), 1u);
	EXPECT_EQ(bid_opts(*first2[0]).size(), 1u);
	EXPECT_EQ(bid_opts(*first1[0]).size(), 2u) << "BID 2, still waiting, rides along (5.3)";
	EXPECT_EQ(hs->ba_sent[MIP6_BA_ACCEPTED], 2u);
	EXPECT_EQ(t.ha->count_events(MIP6_EV_HA_BINDING_CREATED), 2u);

	// --- the refresh: both BIDs in one BU ---
	const mip6_ns_t t_reg = w.now();
	w.run_until(t_reg + MIP6_SEC(7));
	std::vector<const TapFrame *> bus;
	for (const FrameTap *tap : {&f1, &f2})
		for (const TapFrame *f : mh_from(*tap, MIP6_MH_BU, "mn", t_reg))
			bus.push_back(f);
	ASSERT_EQ(bus.size(), 1u) << "one BU for both BIDs (RFC 5648 5.3)";
	const TapFrame &bu = *bus[0];
	EXPECT_TRUE(mip6_addr_eq(&bu.dst, &t.ha_addr));
	EXPECT_TRUE(bu.has_hao && mip6_addr_eq(&bu.hao, &hoa));
	EXPECT_TRUE(bu.bu_flags & MIP6_BU_F_H);
	EXPECT_TRUE(bu.bu_flags & MIP6_BU_F_A);
	EXPECT_GT(bu.lifetime, 0u);
	const std::vector<BidOpt> bids = bid_opts(bu);
	ASSERT_EQ(bids.size(), 2u) << "two Binding Identifier options";
	// RFC 5648 6.1: in a bulk registration every BID option carries its
	// own care-of address.
	for (const BidOpt &b : bids) {
		ASSERT_TRUE(b.has_coa) << "BID " << b.bid;
		EXPECT_EQ(b.flags & MIP6_BID_F_H, 0u);
		EXPECT_EQ(S(b.coa), S(b.bid == 1 ? coa1 : coa2)) << "BID " << b.bid;
	}
	EXPECT_NE(bids[0].bid, bids[1].bid);
	EXPECT_TRUE((bids[0].bid == 1 || bids[0].bid == 2) && (bids[1].bid == 1 || bids[1].bid == 2));
	// One BA, accepted; the HA's two bindings, renewed.
	EXPECT_EQ(hs->ba_sent[MIP6_BA_ACCEPTED], 3u);
	size_t bas =
	    mh_from(f1, MIP6_MH_BA, "ar1", t_reg).size() + mh_from(f2, MIP6_MH_BA, "ar2", t_reg).size();
	EXPECT_EQ(bas, 1u);
	size_t refreshed = 0;
	for (const TraceRec &r : t.ha->traces)
		refreshed += r.ev.now >= t_reg && r.ev.code == MIP6_EV_HA_BINDING_REFRESHED;
	EXPECT_EQ(refreshed, 2u);
	EXPECT_EQ(t.ha->count_events(MIP6_EV_HA_BINDING_CREATED), 2u);
	EXPECT_EQ(dp_bc_count(t.ha->node()), 2u);
	EXPECT_EQ(ha_bid(1), S(coa1));
	EXPECT_EQ(ha_bid(2), S(coa2));
	EXPECT_EQ(t.ha->tunnels().size(), 2u);
	EXPECT_TRUE(t.ha->has_proxy(1, hoa));

	// The correspondent talks to the home address from here on.
	Flow &f = start_flow(w, "", t.cn, t.cn_addr, hoa, MIP6_MS(20));
	w.run_for(MIP6_MS(500));
	EXPECT_TRUE(f.lost(0, w.now() - MIP6_MS(100)).empty()) << "lost while away";

	// --- interface 1 comes home ---
	const mip6_ns_t t_home = w.now();
	w.move(mn, 1, *t.home);
	ASSERT_TRUE(
	    w.run_until([&] { return dp_bc_count(t.ha->node()) == 0; }, w.now() + MIP6_SEC(10)))
	    << "the HA still holds bindings 10 s after the node came home";
	w.run_for(MIP6_MS(100));
	// Unplugged from f1, the interface lost its care-of address first: at
	// most a de-registration of BID 1 alone through f2 (RFC 5648 5.6).
	for (const TapFrame *b : mh_from(f2, MIP6_MH_BU, "mn", t_home)) {
		EXPECT_EQ(b->lifetime, 0u);
		auto o = bid_opts(*b);
		ASSERT_EQ(o.size(), 1u);
		EXPECT_EQ(o[0].bid, 1u) << "BID 2 has no BU of its own";
	}
	// Home: one BU, lifetime 0, no Binding Identifier option: every binding
	// left goes (RFC 5648 5.6).
	auto dereg = mh_from(home, MIP6_MH_BU, "mn", t_home);
	ASSERT_EQ(dereg.size(), 1u);
	EXPECT_EQ(dereg[0]->lifetime, 0u);
	EXPECT_TRUE(dereg[0]->bu_flags & MIP6_BU_F_H);
	EXPECT_TRUE(mip6_addr_eq(&dereg[0]->dst, &t.ha_addr));
	EXPECT_TRUE(bid_opts(*dereg[0]).empty()) << "a BID option de-registers only that BID";
	EXPECT_FALSE(dereg[0]->has_hao) << "sent from home with the home address";
	EXPECT_TRUE(mip6_addr_eq(&dereg[0]->src, &hoa));
	std::vector<const TapFrame *> ba;
	for (const TapFrame *b : mh_from(home, MIP6_MH_BA, "ha", t_home))
		if (mip6_addr_eq(&b->dst, &hoa))
			ba.push_back(b);
	ASSERT_EQ(ba.size(), 1u);
	EXPECT_EQ(ba[0]->ba_status, MIP6_BA_ACCEPTED);
	EXPECT_TRUE(mip6_addr_eq(&ba[0]->dst, &hoa));
	const mip6_ns_t t_ba = ba[0]->t;
	EXPECT_EQ(ha_bid(1), "");
	EXPECT_EQ(ha_bid(2), "");
	EXPECT_TRUE(t.ha->tunnels().empty());
	EXPECT_FALSE(t.ha->has_proxy(1, hoa));
	EXPECT_EQ(mn.count_events(MIP6_EV_MN_HOME_REMOVED), 2u) << "one per BID";

	// --- native delivery at home ---
	w.run_for(MIP6_SEC(1));
	f.stop();
	w.run_for(MIP6_MS(200));
	const mip6_ns_t settle = t_ba + MIP6_MS(50); // packets in the HA's tunnel at the BA
	EXPECT_TRUE(f.lost(t_ba, f.sent_at.back() + 1).empty())
	    << f.lost(t_ba, f.sent_at.back() + 1).size() << " lost after the home BA";
	EXPECT_TRUE(f.echo_lost(t_ba, f.sent_at.back() + 1).empty());
	size_t native = 0;
	for (const TapFrame &s : home.frames) {
		if (!s.tagged || s.tag.flow != f.id || s.tag.sent < settle)
			continue;
		EXPECT_FALSE(s.tunneled) << "seq " << s.tag.seq << " tunneled at home";
		EXPECT_FALSE(s.has_rh2 || s.has_hao) << "seq " << s.tag.seq;
		native += !s.tag.reply && mip6_addr_eq(&s.dst, &hoa);
	}
	EXPECT_GT(native, 40u);
	size_t on_if1 = 0;
	for (const AppRx &r : mn.app_rx)
		on_if1 += r.tagged && r.tag.flow == f.id && r.tag.sent >= settle && r.ifindex == 1;
	EXPECT_EQ(on_if1, native) << "not received on the home interface itself";
	for (const TapFrame &s : f2.frames) {
		if (s.tagged && s.tag.flow == f.id) {
			EXPECT_LT(s.tag.sent, t_ba) << "flow traffic still over f2 after the home BA";
		}
	}

	expect_scenario_clean(w, *t.ha, &mn);
}
