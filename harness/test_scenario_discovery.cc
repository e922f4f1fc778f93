// SPDX-License-Identifier: BSD-3-Clause
// Scenario: a mobile node that knows its home address but neither its home
// agent nor its home prefix length. Away on f1, it finds the home agent with
// Dynamic Home Agent Address Discovery (RFC 6275 11.4.1: an ICMPv6 request
// to the Home-Agents anycast address of its home subnet, the reply listing
// the HA), registers with it, and learns the home prefix with Mobile Prefix
// Discovery (11.4.2: a solicitation with a Home Address option, the
// advertisement with a type 2 routing header). Checked on the capture of
// f1 and by the binding it ends with, and with traffic.
#include <gtest/gtest.h>

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

const TapFrame *first(const FrameTap &tap, int icmp6, mip6_ns_t after = 0)
{
	for (const TapFrame &s : tap.frames)
		if (s.icmp6 == icmp6 && s.t >= after)
			return &s;
	return nullptr;
}

size_t count_icmp6(const FrameTap &tap, int icmp6)
{
	size_t n = 0;
	for (const TapFrame &s : tap.frames)
		n += s.icmp6 == icmp6;
	return n;
}

} // namespace

TEST(ScenarioDiscovery, HomeAgentFoundByDhaadAndHomePrefixByMobilePrefixDiscovery)
{
	World w(21);
	w.enable_pcap(test_pcap_prefix());
	Topo t(w);
	build_topology(t);
	MobileSpec spec = mobile_spec(t, "mn", 0);
	spec.cfg.ha = mip6_addr_t{}; // unspecified: discover it
	spec.cfg.home_plen = 0;      // unknown: Mobile Prefix Discovery tells
	const mip6_addr_t hoa = spec.cfg.hoa;
	ASSERT_EQ(make_ha(t, {client_for(spec)}), 0);
	const mip6_addr_t anycast = ha_anycast_of(t.home_prefix, t.home_plen);
	EXPECT_EQ(S(anycast), "2001:db8:1:0:fdff:ffff:ffff:fffe") << "RFC 2526 for a /64";
	int rc = -1;
	Host &mn = add_mn(t, spec, &rc);
	ASSERT_EQ(rc, 0);

	FrameTap f1;
	f1.keep_bytes = true;
	f1.on(w, *t.foreign[0]);
	// Today's home agent never asks for prefix discovery (BA status 1,
	// RFC 6275 10.6.1 / 11.4.2) nor sends unsolicited advertisements, and
	// the node solicits only then: the first accepted BA is turned into a
	// "1" on its way, as from a home agent whose prefixes are changing.
	FrameTap home;
	bool rewritten = false;
	t.home->drop_if = ba_accepted_pd_rewrite(w, t, &rewritten, &home);

	w.attach(mn, 1, *t.foreign[0]);
	mip6_addr_t coa{};
	ASSERT_TRUE(w.run_until(
	    [&] {
		    return mn.coa(1, &coa) && t.ha->has_tunnel(t.ha_addr, coa) &&
		           mn.count_events(MIP6_EV_MN_RX_MPA) > 0;
	    },
	    w.now() + MIP6_SEC(15)))
	    << "no registration and prefix advertisement within 15 s";
	w.run_for(MIP6_MS(100));
	EXPECT_TRUE(rewritten);

	// --- DHAAD on f1: request from the CoA to the anycast address ---
	const TapFrame *req = first(f1, MIP6_ICMP6_DHAAD_REQUEST);
	ASSERT_NE(req, nullptr) << "no DHAAD request on f1";
	EXPECT_EQ(req->from, "mn");
	EXPECT_TRUE(mip6_addr_eq(&req->src, &coa)) << S(req->src);
	EXPECT_TRUE(mip6_addr_eq(&req->dst, &anycast)) << S(req->dst);
	EXPECT_FALSE(req->tunneled || req->has_hao);
	EXPECT_EQ(count_icmp6(f1, MIP6_ICMP6_DHAAD_REQUEST), 1u) << "answered at once: no retry";
	// ... it reached the HA through the home link ...
	const TapFrame *req_home = first(home, MIP6_ICMP6_DHAAD_REQUEST);
	ASSERT_NE(req_home, nullptr);
	EXPECT_EQ(req_home->from, "rhome");
	EXPECT_EQ(req_home->icmp6_id, req->icmp6_id);
	// ... and the reply, from the HA's own address, with the same
	// identifier, lists it.
	const TapFrame *rep = first(f1, MIP6_ICMP6_DHAAD_REPLY);
	ASSERT_NE(rep, nullptr) << "no DHAAD reply on f1";
	EXPECT_TRUE(mip6_addr_eq(&rep->src, &t.ha_addr)) << S(rep->src);
	EXPECT_TRUE(mip6_addr_eq(&rep->dst, &coa));
	EXPECT_EQ(rep->icmp6_id, req->icmp6_id);
	{
		auto pk = std::make_unique<mip6_pkt_t>();
		ASSERT_EQ(mip6_pkt_parse(rep->bytes.data(), rep->bytes.size(), MIP6_DEC_STRICT, pk.get()), 0);
		ASSERT_EQ(pk->icmp6.u.dhaad_rep.naddrs, 1u);
		EXPECT_TRUE(mip6_addr_eq(&pk->icmp6.u.dhaad_rep.addrs[0], &t.ha_addr));
		EXPECT_EQ(pk->icmp6.cksum_ok, 1);
	}
	EXPECT_EQ(t.ha->count_events(MIP6_EV_HA_TX_DHAAD_REPLY), 1u);
	EXPECT_EQ(mn.count_events(MIP6_EV_MN_RX_DHAAD_REPLY), 1u);

	// --- the registration, to the discovered HA, only after the reply ---
	const TapFrame *bu = nullptr;
	for (const TapFrame &s : f1.frames)
		if (!bu && s.mh == MIP6_MH_BU)
			bu = &s;
	ASSERT_NE(bu, nullptr);
	EXPECT_GT(bu->t, rep->t) << "a BU before the home agent was known";
	EXPECT_TRUE(mip6_addr_eq(&bu->dst, &t.ha_addr));
	EXPECT_TRUE(mip6_addr_eq(&bu->src, &coa));
	EXPECT_TRUE(bu->has_hao && mip6_addr_eq(&bu->hao, &hoa));
	EXPECT_TRUE(bu->bu_flags & MIP6_BU_F_H);
	// The resulting binding: HA tunnel to the CoA, proxy for the HoA.
	EXPECT_TRUE(t.ha->has_proxy(1, hoa));
	EXPECT_EQ(t.ha->tunnels().size(), 1u);
	EXPECT_EQ(t.ha->count_events(MIP6_EV_HA_BINDING_CREATED), 1u);
	EXPECT_EQ(mn.count_events(MIP6_EV_MN_HOME_ACCEPTED), 1u);
	EXPECT_EQ(mip6_node_stats(t.ha->node())->ba_sent[MIP6_BA_ACCEPTED], 1u);

	// --- Mobile Prefix Discovery ---
	// The solicitation: from the CoA to the HA, the home address in a
	// Home Address option (RFC 6275 11.4.2), after the BA.
	const TapFrame *mps = first(f1, MIP6_ICMP6_MPS);
	ASSERT_NE(mps, nullptr) << "no Mobile Prefix Solicitation on f1";
	EXPECT_GT(mps->t, bu->t);
	EXPECT_TRUE(mip6_addr_eq(&mps->src, &coa));
	EXPECT_TRUE(mip6_addr_eq(&mps->dst, &t.ha_addr));
	EXPECT_TRUE(mps->has_hao && mip6_addr_eq(&mps->hao, &hoa));
	EXPECT_EQ(count_icmp6(f1, MIP6_ICMP6_MPS), 1u);
	// The advertisement: from the HA to the CoA with a type 2 routing
	// header holding the home address (10.6), the solicitation's identifier
	// (6.8), the home prefix.
	const TapFrame *mpa = first(f1, MIP6_ICMP6_MPA);
	ASSERT_NE(mpa, nullptr) << "no Mobile Prefix Advertisement on f1";
	EXPECT_TRUE(mip6_addr_eq(&mpa->src, &t.ha_addr));
	EXPECT_TRUE(mip6_addr_eq(&mpa->dst, &coa));
	EXPECT_TRUE(mpa->has_rh2 && mip6_addr_eq(&mpa->rh2, &hoa));
	EXPECT_EQ(mpa->icmp6_id, mps->icmp6_id);
	{
		auto pk = std::make_unique<mip6_pkt_t>();
		ASSERT_EQ(mip6_pkt_parse(mpa->bytes.data(), mpa->bytes.size(), MIP6_DEC_STRICT, pk.get()), 0);
		EXPECT_EQ(pk->icmp6.cksum_ok, 1);
		const mip6_nd_opt_t *pi = nullptr;
		for (unsigned i = 0; i < pk->icmp6.nopts; i++)
			if (pk->icmp6.opts[i].type == MIP6_ND_OPT_PREFIX)
				pi = &pk->icmp6.opts[i];
		ASSERT_NE(pi, nullptr);
		EXPECT_EQ(S(pi->u.prefix.prefix), "2001:db8:1::");
		EXPECT_EQ(pi->u.prefix.plen, 64);
		EXPECT_GT(pi->u.prefix.valid, 0u);
	}
	EXPECT_EQ(t.ha->count_events(MIP6_EV_HA_TX_MPA), 1u);
	// The node took it: the home prefix, of its home address's length.
	bool learnt = false;
	for (const TraceRec &r : mn.traces)
		if (r.ev.code == MIP6_EV_MN_HOME_PREFIX && r.ev.value == 64 &&
		    mip6_addr_eq(&r.ev.a, &t.home_prefix))
			learnt = true;
	EXPECT_TRUE(learnt) << "no mn.home.prefix 2001:db8:1::/64 event";

	// --- the home address works: CN -> HoA, echoed ---
	FlowSpec fs;
	fs.from = t.cn;
	fs.src = t.cn_addr;
	fs.dst = hoa;
	fs.start = w.now();
	fs.count = 20;
	fs.interval = MIP6_MS(50);
	Flow &f = w.add_flow(fs);
	w.run_for(MIP6_SEC(2));
	EXPECT_TRUE(f.lost().empty());
	EXPECT_EQ(f.echoed(), 20u);

	expect_scenario_clean(w, *t.ha, &mn);
}
