/* SPDX-License-Identifier: BSD-3-Clause */
// GoogleTest checks shared by the MCoA failover scenarios (a mobile node
// or router with BID 1 on f1 and BID 2 on f2, f1 failing, then back).
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "harness_gtest.h"

namespace mip6h
{

// The flows of the failover scenarios and their policy: A (from the
// mobile side to the CN, echoed) and C's echoes (C from the CN) on BID 1,
// B (like A) on BID 2.
constexpr uint16_t kPortA = 41001, kPortB = 41002, kPortC = 42003;

// That policy as the mobile applies it (by its sending side), or the HA
// (at_ha: the same flows on the way back).
inline std::vector<mip6_flow_rule_t> failover_rules(bool at_ha)
{
	return {udp_port_rule(!at_ha, kPortA, 1), udp_port_rule(!at_ha, kPortB, 2),
	        udp_port_rule(at_ha, kPortC, 1)};
}

// Flow packets of f sent in [t0, t1) that crossed the tap, and a check
// that every one was tunneled between coa and the HA (from the mobile's
// address 'inner' out of the care-of address, to it into the care-of
// address), the inner packet untouched.
inline size_t expect_path(const FrameTap &tap, const Flow &f, const mip6_addr_t &coa, const mip6_addr_t &ha,
                          const mip6_addr_t &inner, mip6_ns_t t0, mip6_ns_t t1, const char *where)
{
	size_t n = 0;
	for (const TapFrame &s : tap.frames) {
		if (!s.tagged || s.tag.flow != f.id || s.tag.sent < t0 || s.tag.sent >= t1)
			continue;
		n++;
		EXPECT_TRUE(s.tunneled) << where << ": " << f.spec.name << " seq " << s.tag.seq;
		const bool up = mip6_addr_eq(&s.in_src, &inner);
		EXPECT_TRUE(up || mip6_addr_eq(&s.in_dst, &inner)) << where << ": not " << S(inner) << "'s";
		const mip6_addr_t &want_src = up ? coa : ha, &want_dst = up ? ha : coa;
		EXPECT_TRUE(mip6_addr_eq(&s.src, &want_src) && mip6_addr_eq(&s.dst, &want_dst))
		    << where << ": " << f.spec.name << " seq " << s.tag.seq << (s.tag.reply ? " reply" : "")
		    << " went " << S(s.src) << " > " << S(s.dst) << ", not through " << S(coa);
	}
	return n;
}

// Flow packets of f sent in [t0, t1) that crossed the tap at all.
inline size_t count_on(const FrameTap &tap, const Flow &f, mip6_ns_t t0, mip6_ns_t t1)
{
	size_t n = 0;
	for (const TapFrame &s : tap.frames)
		n += s.tagged && s.tag.flow == f.id && s.tag.sent >= t0 && s.tag.sent < t1;
	return n;
}

// Before the failure, [t_start, t_fail): each flow on its own BID (a and
// c's echoes through coa1 on tap f1, b through coa2 on f2), both ways,
// nothing of it on the other uplink, nothing lost (but the last 100 ms,
// still in flight).
inline void expect_flows_on_their_bids(const FrameTap &f1, const FrameTap &f2, const Flow &a, const Flow &b,
                                       const Flow &c, const mip6_addr_t &coa1, const mip6_addr_t &coa2,
                                       const mip6_addr_t &ha, const mip6_addr_t &inner, mip6_ns_t t_start,
                                       mip6_ns_t t_fail)
{
	EXPECT_GT(expect_path(f1, a, coa1, ha, inner, t_start, t_fail, "f1"), 150u);
	EXPECT_GT(expect_path(f2, b, coa2, ha, inner, t_start, t_fail, "f2"), 150u);
	EXPECT_GT(expect_path(f1, c, coa1, ha, inner, t_start, t_fail, "f1"), 150u);
	EXPECT_EQ(count_on(f2, a, t_start, t_fail), 0u);
	EXPECT_EQ(count_on(f1, b, t_start, t_fail), 0u);
	EXPECT_EQ(count_on(f2, c, t_start, t_fail), 0u);
	for (const Flow *f : {&a, &b, &c}) {
		EXPECT_EQ(seqs(f->lost(t_start, t_fail - MIP6_MS(100))), "") << f->spec.name;
		EXPECT_EQ(seqs(f->echo_lost(t_start, t_fail - MIP6_MS(100))), "") << f->spec.name;
	}
}

// What losing f1 took: when the mobile noticed, when the HA dropped BID 1.
struct Bid1Failover {
	mip6_ns_t t_detect = MIP6_NS_NEVER, t_ha = MIP6_NS_NEVER;
};

// f1 failed at t_fail (silently: only NUD can tell): the HA drops BID 1
// within 10 s; movement detection reports BID 1's care-of address gone
// (MD_INFO NO_COA, value bid << 16 | ifindex), at once for a link down,
// after NUD's probes otherwise; the mobile de-registers BID 1 from the
// surviving care-of address at once (RFC 5648 5.6) and the HA hears it
// within 100 ms. Call under ASSERT_NO_FATAL_FAILURE.
inline void expect_bid1_failover(World &w, const Topo &t, const Host &mobile, const mip6_addr_t &coa1,
                                 const mip6_addr_t &coa2, mip6_ns_t t_fail, bool silent, Bid1Failover *out)
{
	ASSERT_TRUE(w.run_until([&] { return !t.ha->has_tunnel(t.ha_addr, coa1); }, w.now() + MIP6_SEC(10)))
	    << "the HA kept BID 1";
	const mip6_ns_t t_detect = trace_at(mobile, MIP6_EV_MD_PUBLISH_NO_COA, t_fail, 1 << 16 | 1);
	ASSERT_NE(t_detect, MIP6_NS_NEVER);
	const mip6_ns_t t_ha = trace_at(*t.ha, MIP6_EV_HA_BINDING_REMOVED, t_fail, 1);
	ASSERT_NE(t_ha, MIP6_NS_NEVER) << "BID 1 removed at the HA";
	out->t_detect = t_detect;
	out->t_ha = t_ha;
	if (!silent) {
		EXPECT_EQ(t_detect, t_fail) << "link down is noticed at once";
	} else {
		// The probe interval, then MAX_UNICAST_SOLICIT probes a RetransTimer apart.
		EXPECT_LE(t_detect - t_fail, MIP6_MS(500) + MIP6_SEC(3) + MIP6_MS(100));
	}
	EXPECT_LT(t_ha - t_detect, MIP6_MS(100)) << "the de-registration of BID 1 leaves through f2 at once";
	const TraceRec *dereg = first_trace(mobile, MIP6_EV_MN_TX_BU_DEREG, t_detect);
	ASSERT_NE(dereg, nullptr);
	EXPECT_EQ(dereg->ev.now, t_detect);
	EXPECT_TRUE(mip6_addr_eq(&dereg->ev.b, &coa2)) << "sent from " << S(dereg->ev.b);
}

// After the failover, until t_back (round trips over by t_settled):
// nothing the mobile side's flows a and b sent once the failure was
// detected is lost, nor what the CN's flow c sent once the HA heard, both
// ways; after the HA's update every flow goes through BID 2 (tap f2) and
// a and c no longer into f1. Returns how many of c's packets sent between
// detection and the HA's update were lost (expected 0 too).
inline size_t expect_failover_lossless(const FrameTap &f1, const FrameTap &f2, const Flow &a, const Flow &b,
                                       const Flow &c, const mip6_addr_t &coa2, const mip6_addr_t &ha,
                                       const mip6_addr_t &inner, const Bid1Failover &fo, mip6_ns_t t_back,
                                       mip6_ns_t t_settled)
{
	const mip6_ns_t after_detect = fo.t_detect + 1;
	for (const Flow *f : {&a, &b}) {
		EXPECT_EQ(seqs(f->lost(after_detect, t_settled)), "") << f->spec.name;
		EXPECT_EQ(seqs(f->echo_lost(after_detect, t_settled)), "") << f->spec.name;
	}
	EXPECT_EQ(seqs(c.lost(fo.t_ha, t_settled)), "");
	EXPECT_EQ(seqs(c.echo_lost(fo.t_ha, t_settled)), "");
	const size_t c_gap = c.lost(after_detect, fo.t_ha).size();
	EXPECT_EQ(c_gap, 0u) << "CN packets sent between detection and the HA's update";
	for (const Flow *f : {&a, &b, &c})
		EXPECT_GT(expect_path(f2, *f, coa2, ha, inner, fo.t_ha, t_back, "f2 after failure"), 150u)
		    << f->spec.name;
	EXPECT_EQ(count_on(f1, a, after_detect, t_back), 0u);
	EXPECT_EQ(count_on(f1, c, fo.t_ha, t_back), 0u);
	return c_gap;
}

// f1 is back (after t_back): BID 1 registered again from a care-of
// address (*coa1b) within 15 s; *t_rereg is when the HA bound it.
inline void expect_bid1_back(World &w, const Topo &t, const Host &mobile, mip6_ns_t t_back,
                             mip6_addr_t *coa1b, mip6_ns_t *t_rereg)
{
	ASSERT_TRUE(w.run_until([&] { return mobile.coa(1, coa1b) && t.ha->has_tunnel(t.ha_addr, *coa1b); },
	                        w.now() + MIP6_SEC(15)))
	    << "BID 1 not registered again";
	*t_rereg = trace_at(*t.ha, MIP6_EV_HA_BINDING_CREATED, t_back);
	ASSERT_NE(*t_rereg, MIP6_NS_NEVER);
}

} // namespace mip6h
