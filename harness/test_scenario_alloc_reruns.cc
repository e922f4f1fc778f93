// SPDX-License-Identifier: BSD-3-Clause
// Allocation-failure reruns (every allocation the cores make, made to fail
// once) of compact versions of the main scenarios: home registration with
// RFC 4285 authentication and route optimisation with a correspondent
// through a handover; NEMO registration with a mobile network node; MCoA
// with two BIDs, one of which is lost; attacks on the home agent and a
// correspondent; signaling loss and duplication through two handovers;
// twenty mobile nodes on one home agent; home agent and prefix discovery;
// RFC 4285 authentication with a replayed BU; a mobile router with two
// uplinks (NEMO + MCoA) losing one. Each rerun must end with no crash,
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

#include "node_view.h"

extern "C" {
#include "mip6/buf.h"
#include "mip6/decode.h"
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
	size_t lost_before = 0;     // flow packets lost before the handover / loss
	uint64_t refused[256] = {}; // attacks: BAs the HA sent, by status
	uint64_t be_sent = 0;       // attacks: Binding Errors (HA and CN)
	uint64_t drop_tunnel = 0;   // attacks: spoofed tunnels the HA dropped
	uint64_t retx = 0;          // signaling loss: BU retransmissions
	size_t bound_nodes = 0;     // scale: nodes BOUND at once
	size_t refreshed = 0;       // scale: bindings the HA refreshed
	bool discovered = false;    // discovery: HA found by DHAAD
	bool prefix_learnt = false; // discovery: home prefix from an MPA
};

size_t ha_bindings(Topo &t)
{
	return t.ha->node() ? dp_bc_count(t.ha->node()) : 0;
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
	o->ro = t.cn->node() && dp_bc_count(t.cn->node()) == 1;
	const mip6_ns_t moved = w.now();
	o->lost_before = f.echo_lost(0, moved - MIP6_MS(300)).size();
	w.move(mn, 1, *t.foreign[1]);
	w.run_for(MIP6_SEC(3));
	mip6_addr_t coa{}, bound{};
	o->rebound = mn.coa(1, &coa) && t.cn->node() &&
	             dp_bc_get(t.cn->node(), &s.cfg.hoa, 0, &bound, nullptr) == 0 &&
	             mip6_addr_eq(&coa, &bound);
	w.move(mn, 1, *t.home);
	w.run_for(MIP6_SEC(3));
	o->back_home = ha_bindings(t) == 0 && mn.count_events(MIP6_EV_MN_HOME_REMOVED) > 0;
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
	mip6_addr_t mnn_addr{};
	Host &mnn = add_mnn(t, mr, 2, &mnn_addr);
	w.attach(mr, 1, *t.home);
	w.run_for(MIP6_SEC(2));
	w.move(mr, 1, *t.foreign[0]);
	w.run_for(MIP6_SEC(3));
	o->registered = ha_bindings(t) == 1 && t.ha->node() && dp_mnp_count(t.ha->node()) == 1;
	Flow &f = flow(w, &mnn, mnn_addr, t.cn_addr, 20);
	w.run_for(MIP6_SEC(3));
	w.move(mr, 1, *t.home);
	w.run_for(MIP6_SEC(3));
	o->back_home = ha_bindings(t) == 0 && (!t.ha->node() || dp_mnp_count(t.ha->node()) == 0);
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
	set_two_uplinks(s);
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

// A UDP packet from src with a Home Address option claiming hoa (the
// checksum covers the home address, RFC 6275 6.3).
Bytes udp_with_hao(const mip6_addr_t &src, const mip6_addr_t &hoa, const mip6_addr_t &dst)
{
	Bytes inner = build_udp(hoa, dst, 5555, 7, Bytes(16, 0xab));
	std::vector<uint8_t> mem(2048);
	mip6_buf_t b;
	mip6_buf_init(&b, mem.data(), mem.size(), 256);
	memcpy(mip6_buf_put(&b, inner.size() - MIP6_IP6_HLEN), inner.data() + MIP6_IP6_HLEN,
	       inner.size() - MIP6_IP6_HLEN);
	mip6_ip6_t h{};
	h.nxt = MIP6_PROTO_DSTOPTS;
	h.hlim = 64;
	h.src = src;
	h.dst = dst;
	if (mip6_buf_push_hao(&b, MIP6_PROTO_UDP, &hoa) != 0 || mip6_buf_push_ip6(&b, &h) != 0)
		return {};
	return Bytes(mip6_buf_data(&b), mip6_buf_data(&b) + b.len);
}

// Attacks (compact test_scenario_attacks): an authenticated node with
// route optimisation and a plain one registered from f1; an attacker on
// f2 replays their captured BUs (144, 135), re-stamps the authenticated
// one (146), registers from outside the home subnet (132), sends Home
// Address options without a binding to the CN and the HA (Binding
// Errors), a spoofed reverse tunnel to the HA and a corrupted MH.
void attacks(World &w, Outcome *o)
{
	Topo t(w);
	build_topology(t);
	MobileSpec v = mobile_spec(t, "victim", 0);
	v.cfg.ro = true;
	v.cfg.auth.enabled = true;
	v.cfg.auth.spi = 0x3001;
	v.cfg.auth.key_len = 20;
	memset(v.cfg.auth.key, 0x5a, 20);
	v.cfg.auth.nai_len = 6;
	memcpy(v.cfg.auth.nai, "vi@ha1", 6);
	MobileSpec p = mobile_spec(t, "plain", 1);
	make_ha(t, {client_for(v), client_for(p)});
	make_cn(*t.cn);
	Host &vh = add_mn(t, v);
	Host &ph = add_mn(t, p);
	Host &eve = w.add_host("eve");
	eve.add_iface(1);
	const mip6_addr_t att = A("2001:db8:f2::bad"), ar2 = A("2001:db8:f2::1");
	eve.add_addr(1, att, 64);
	w.attach(eve, 1, *t.foreign[1]);
	FrameTap tap;
	tap.keep_bytes = true;
	tap.on(w, *t.foreign[0]);
	w.attach(vh, 1, *t.foreign[0]);
	w.attach(ph, 1, *t.foreign[0]);
	w.run_for(MIP6_SEC(4));
	o->registered = ha_bindings(t) == 2;
	Flow &f = flow(w, t.cn, t.cn_addr, v.cfg.hoa, 30);
	w.run_for(MIP6_SEC(1));
	Bytes vbu, pbu;
	for (const TapFrame &fr : tap.frames)
		if (fr.mh == MIP6_MH_BU && fr.tunneled == false && fr.has_hao) {
			if (fr.from == "victim" && mip6_addr_eq(&fr.dst, &t.ha_addr))
				vbu = fr.bytes;
			if (fr.from == "plain")
				pbu = fr.bytes;
		}
	t.foreign[0]->drop_if = nullptr; // the tap goes out of scope with this function
	if (!vbu.empty()) {
		eve.send_raw(1, vbu, &ar2);
		// Moved past the last accepted timestamp: no longer authentic.
		auto pk = std::make_unique<mip6_pkt_t>();
		if (mip6_pkt_parse(vbu.data(), vbu.size(), MIP6_DEC_LENIENT, pk.get()) == 0 && pk->nlayers) {
			const mip6_layer_t &l = pk->layer[pk->nlayers - 1];
			const size_t at =
			    mh_option_at(vbu.data() + l.upper_off, l.upper_len, MIP6_OPT_MESGID);
			Bytes later = vbu;
			if (at && patch_upper(later, l.upper_off, 4, at, Bytes(8, 0x7f)))
				eve.send_raw(1, later, &ar2);
		}
	}
	if (!pbu.empty())
		eve.send_raw(1, pbu, &ar2);
	mip6_mh_t bu;
	mip6_mh_init(&bu, MIP6_MH_BU);
	bu.u.bu.seq = 7;
	bu.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H;
	bu.u.bu.lifetime = 10;
	eve.send_raw(1, build_mh(att, t.ha_addr, bu), &ar2);
	eve.send_raw(1, udp_with_hao(att, t.hoa(7), t.cn_addr), &ar2);
	eve.send_raw(1, udp_with_hao(att, t.hoa(7), t.ha_addr), &ar2);
	eve.send_raw(1, encap(att, t.ha_addr, build_udp(v.cfg.hoa, t.cn_addr, 5555, 7, Bytes(8, 1))), &ar2);
	mip6_mh_t brr;
	mip6_mh_init(&brr, MIP6_MH_BRR);
	Bytes bad = build_mh(att, t.cn_addr, brr);
	bad.back() ^= 0xff; // the checksum no longer matches
	eve.send_raw(1, bad, &ar2);
	w.run_for(MIP6_SEC(3));
	if (t.ha->node()) {
		const mip6_stats_t *hs = mip6_node_stats(t.ha->node());
		for (unsigned i = 0; i < 256; i++)
			o->refused[i] = hs->ba_sent[i];
		o->be_sent = hs->be_sent[1];
		o->drop_tunnel = hs->drop_tunnel;
	}
	if (t.cn->node())
		o->be_sent += mip6_node_stats(t.cn->node())->be_sent[1];
	o->rebound = ha_bindings(t) == 2 && vh.last_state(MIP6_EV_MN_HOME_STATE) == "BOUND" &&
	             ph.last_state(MIP6_EV_MN_HOME_STATE) == "BOUND";
	o->ro = t.cn->node() && dp_bc_count(t.cn->node()) == 1;
	o->echoed = f.echoed();
	o->sent = f.sent();
}

// Signaling loss (compact test_scenario_signaling_loss): two nodes move
// home -> f1 -> f2 while 30 % of the Mobility Header copies on the home
// and foreign links are lost and 20 % duplicated.
void signaling_loss(World &w, Outcome *o)
{
	Topo t(w);
	build_topology(t);
	for (Link *l : {t.home, t.foreign[0], t.foreign[1]}) {
		l->params.loss = 0.3;
		l->params.dup = 0.2;
		l->params.impair_filter = [](const uint8_t *p, size_t len) { return is_mh(p, len); };
	}
	MobileSpec a = mobile_spec(t, "mn0", 0), b = mobile_spec(t, "mn1", 1);
	make_ha(t, {client_for(a), client_for(b)});
	Host &ha = add_mn(t, a);
	Host &hb = add_mn(t, b);
	w.attach(ha, 1, *t.home);
	w.attach(hb, 1, *t.home);
	w.run_for(MIP6_SEC(2));
	w.move(ha, 1, *t.foreign[0]);
	w.move(hb, 1, *t.foreign[0]);
	w.run_for(MIP6_SEC(12));
	o->registered = ha_bindings(t) == 2;
	w.move(ha, 1, *t.foreign[1]);
	w.move(hb, 1, *t.foreign[1], MIP6_MS(300));
	w.run_for(MIP6_SEC(12));
	mip6_addr_t ca{}, cb{};
	o->rebound = ha.coa(1, &ca) && hb.coa(1, &cb) && t.ha->has_tunnel(t.ha_addr, ca) &&
	             t.ha->has_tunnel(t.ha_addr, cb) &&
	             mip6_addr_prefix_match(&ca, &t.foreign_prefix[1], 64) &&
	             ha.last_state(MIP6_EV_MN_HOME_STATE) == "BOUND" &&
	             hb.last_state(MIP6_EV_MN_HOME_STATE) == "BOUND";
	o->retx =
	    ha.count_events(MIP6_EV_MN_BU_RETRANSMISSION) + hb.count_events(MIP6_EV_MN_BU_RETRANSMISSION);
	Flow &f = flow(w, t.cn, t.cn_addr, a.cfg.hoa, 10);
	w.run_for(MIP6_SEC(2));
	o->echoed = f.echoed();
	o->sent = f.sent();
}

// Scale (compact test_scenario_scale): twenty nodes on one home agent,
// spread over the foreign links, registered, refreshed (4 s lifetimes),
// reached by a correspondent, then all home and de-registered.
constexpr unsigned kScaleNodes = 20;
void scale(World &w, Outcome *o)
{
	Topo t(w);
	build_topology(t);
	std::vector<MobileSpec> specs;
	std::vector<mip6_ha_client_t> clients;
	for (unsigned k = 0; k < kScaleNodes; k++) {
		specs.push_back(mobile_spec(t, "mn" + std::to_string(k), k));
		specs.back().cfg.lifetime_s = 4;
		clients.push_back(client_for(specs.back()));
	}
	make_ha(t, clients);
	std::vector<Host *> mns;
	for (unsigned k = 0; k < kScaleNodes; k++) {
		mns.push_back(&add_mn(t, specs[k]));
		w.attach(*mns.back(), 1, *t.foreign[k % t.foreign.size()]);
	}
	w.run_for(MIP6_SEC(4));
	o->bids = ha_bindings(t);
	o->registered = o->bids == kScaleNodes;
	std::vector<Flow *> flows;
	for (unsigned k = 0; k < kScaleNodes; k += 4)
		flows.push_back(&flow(w, t.cn, t.cn_addr, specs[k].cfg.hoa, 10));
	w.run_for(MIP6_MS(3500)); // every binding refreshed once (at 85 % of 4 s)
	for (Host *h : mns)
		o->bound_nodes += h->last_state(MIP6_EV_MN_HOME_STATE) == "BOUND";
	o->refreshed = t.ha->count_events(MIP6_EV_HA_BINDING_REFRESHED);
	for (Host *h : mns)
		w.move(*h, 1, *t.home);
	w.run_for(MIP6_MS(2500));
	o->bids_after = ha_bindings(t);
	o->back_home = o->bids_after == 0;
	for (Flow *f : flows) {
		o->echoed += f->echoed();
		o->sent += f->sent();
	}
}

// Discovery (compact test_scenario_discovery): a node knowing neither its
// home agent nor its home prefix length, away on f1, finds the HA with
// DHAAD (RFC 6275 11.4.1), registers, and learns the prefix with Mobile
// Prefix Discovery (11.4.2), asked for by a BA with status 1 (the HA's
// first accepted BA is rewritten so on the home link).
void discovery(World &w, Outcome *o)
{
	Topo t(w);
	build_topology(t);
	MobileSpec s = mobile_spec(t, "mn", 0);
	s.cfg.ha = mip6_addr_t{};
	s.cfg.home_plen = 0;
	make_ha(t, {client_for(s)});
	Host &mn = add_mn(t, s);
	bool rewritten = false;
	t.home->drop_if = ba_accepted_pd_rewrite(w, t, &rewritten);
	w.attach(mn, 1, *t.foreign[0]);
	w.run_for(MIP6_SEC(4));
	t.home->drop_if = nullptr; // 'rewritten' goes out of scope with this function
	mip6_addr_t coa{};
	o->registered = mn.coa(1, &coa) && t.ha->has_tunnel(t.ha_addr, coa) && ha_bindings(t) == 1;
	o->discovered = mn.count_events(MIP6_EV_MN_RX_DHAAD_REPLY) == 1;
	for (const TraceRec &r : mn.traces)
		if (r.ev.code == MIP6_EV_MN_HOME_PREFIX && r.ev.value == 64 &&
		    mip6_addr_eq(&r.ev.a, &t.home_prefix))
			o->prefix_learnt = true;
	Flow &f = flow(w, t.cn, t.cn_addr, s.cfg.hoa, 20);
	w.run_for(MIP6_SEC(3));
	o->echoed = f.echoed();
	o->sent = f.sent();
}

// RFC 4285 authentication (compact test_scenario_auth): registered from
// f1, then from f2; the f1 BU, captured, is replayed (144) and re-stamped
// past the last accepted timestamp (146); the binding stays on f2.
void auth(World &w, Outcome *o)
{
	Topo t(w);
	build_topology(t);
	MobileSpec s = mobile_spec(t, "mn", 0);
	s.cfg.auth.enabled = true;
	s.cfg.auth.spi = 0x4285;
	s.cfg.auth.key_len = 20;
	memset(s.cfg.auth.key, 0x33, 20);
	s.cfg.auth.nai_len = 14;
	memcpy(s.cfg.auth.nai, "mn@example.net", 14);
	make_ha(t, {client_for(s)});
	Host &mn = add_mn(t, s);
	Host &eve = w.add_host("eve");
	eve.add_iface(1);
	eve.add_addr(1, A("2001:db8:f1::bad"), 64);
	w.attach(eve, 1, *t.foreign[0]);
	FrameTap tap;
	tap.keep_bytes = true;
	tap.on(w, *t.foreign[0]);
	w.attach(mn, 1, *t.foreign[0]);
	w.run_for(MIP6_SEC(3));
	t.foreign[0]->drop_if = nullptr; // the tap goes out of scope with this function
	o->registered = ha_bindings(t) == 1;
	Bytes bu;
	for (const TapFrame &fr : tap.frames)
		if (fr.mh == MIP6_MH_BU && fr.from == "mn")
			bu = fr.bytes;
	w.move(mn, 1, *t.foreign[1]);
	w.run_for(MIP6_SEC(2));
	Flow &f = flow(w, t.cn, t.cn_addr, s.cfg.hoa, 20);
	w.run_for(MIP6_MS(500));
	const mip6_addr_t ar1 = A("2001:db8:f1::1");
	if (!bu.empty()) {
		eve.send_raw(1, bu, &ar1);
		auto pk = std::make_unique<mip6_pkt_t>();
		if (mip6_pkt_parse(bu.data(), bu.size(), MIP6_DEC_LENIENT, pk.get()) == 0 && pk->nlayers) {
			const mip6_layer_t &l = pk->layer[pk->nlayers - 1];
			const size_t at = mh_option_at(bu.data() + l.upper_off, l.upper_len, MIP6_OPT_MESGID);
			// A second past the node's clock: newer than any it sent.
			const uint64_t ts = ntp_time_of_day(w.now()) + (1ull << 32);
			Bytes tsb(8);
			for (size_t i = 0; i < 8; i++)
				tsb[i] = static_cast<uint8_t>(ts >> (56 - 8 * i));
			Bytes later = bu;
			if (at && patch_upper(later, l.upper_off, 4, at, tsb))
				eve.send_raw(1, later, &ar1);
		}
	}
	w.run_for(MIP6_SEC(2));
	if (t.ha->node()) {
		const mip6_stats_t *hs = mip6_node_stats(t.ha->node());
		for (unsigned i = 0; i < 256; i++)
			o->refused[i] = hs->ba_sent[i];
	}
	mip6_addr_t coa{};
	o->rebound = mn.coa(1, &coa) && mip6_addr_prefix_match(&coa, &t.foreign_prefix[1], 64) &&
	             t.ha->has_tunnel(t.ha_addr, coa) && t.ha->tunnels().size() == 1 &&
	             mn.last_state(MIP6_EV_MN_HOME_STATE) == "BOUND";
	o->echoed = f.echoed();
	o->sent = f.sent();
}

// NEMO + MCoA (compact test_scenario_nemo_mcoa): a mobile router with
// uplinks on f1 (BID 1) and f2 (BID 2) and a node behind it talking with
// the CN; f1 goes down, BID 1 is de-registered through f2 and the traffic
// goes on through BID 2.
void nemo_mcoa(World &w, Outcome *o)
{
	Topo t(w);
	build_topology(t);
	MobileSpec s = mobile_spec(t, "mr", 0, true);
	set_two_uplinks(s);
	make_ha(t, {client_for(s)});
	Host &mr = add_mn(t, s);
	mip6_addr_t mnn_addr{};
	Host &mnn = add_mnn(t, mr, 3, &mnn_addr);
	w.attach(mr, 1, *t.foreign[0]);
	w.attach(mr, 2, *t.foreign[1]);
	w.run_for(MIP6_SEC(4));
	o->bids = ha_bindings(t);
	o->registered = o->bids == 2 && t.ha->node() && dp_mnp_count(t.ha->node()) == 1;
	Flow &f = flow(w, &mnn, mnn_addr, t.cn_addr, 40);
	w.run_for(MIP6_SEC(1));
	const mip6_ns_t lost_at = w.now();
	o->lost_before = f.echo_lost(0, lost_at - MIP6_MS(300)).size();
	w.set_link_up(*t.foreign[0], false);
	w.run_for(MIP6_SEC(4));
	o->bids_after = ha_bindings(t);
	o->rebound = o->bids_after == 1 && t.ha->node() && dp_mnp_count(t.ha->node()) == 1;
	o->echoed = f.echoed();
	o->sent = f.sent();
}

// Runs the scenario once cleanly (checked by 'check'), then once per
// allocation with that one failing. Scenarios with more allocations than
// 'budget' fail every n-th (n = allocations / budget, rounded up) starting
// from the first, so the sample is deterministic and spread over the run.
// With per_shape, only that many attempts of each shape fail (see
// alloc_failure_reruns_by_shape).
void rerun(const char *name, const std::function<void(World &, Outcome *)> &scenario,
           const std::function<void(const Outcome &)> &check, uint64_t budget = 400, unsigned per_shape = 0)
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
	auto quiet = [&](World &w) {
		Outcome o;
		scenario(w, &o);
	};
	RerunReport r = per_shape ? alloc_failure_reruns_by_shape(quiet, 3, per_shape)
	                          : alloc_failure_reruns(quiet, 3, every);
	EXPECT_EQ(r.allocations, allocs) << name << ": the clean run is deterministic";
	if (per_shape) {
		EXPECT_GT(r.runs, 0u);
		EXPECT_LE(r.runs, allocs);
		printf("[ reruns   ] %s: %llu allocations, %llu failing runs (%u of each shape)\n", name,
		       (unsigned long long)r.allocations, (unsigned long long)r.runs, per_shape);
	} else {
		EXPECT_EQ(r.runs, (allocs + every - 1) / every);
		printf("[ reruns   ] %s: %llu allocations, %llu failing runs (every %llu%s)\n", name,
		       (unsigned long long)r.allocations, (unsigned long long)r.runs,
		       (unsigned long long)every, every > 1 ? ", sampled" : "");
	}
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

TEST(ScenarioAllocReruns, Attacks)
{
	rerun("attacks", attacks, [](const Outcome &o) {
		EXPECT_TRUE(o.registered);
		EXPECT_EQ(o.refused[MIP6_BA_ID_MISMATCH], 1u) << "the replayed authenticated BU";
		EXPECT_EQ(o.refused[MIP6_BA_AUTH_FAIL], 1u) << "the re-stamped one";
		EXPECT_EQ(o.refused[MIP6_BA_SEQ_OUT_OF_WINDOW], 1u) << "the replayed plain BU";
		EXPECT_EQ(o.refused[MIP6_BA_NOT_HOME_SUBNET], 1u) << "a BU from outside the home subnet";
		EXPECT_EQ(o.be_sent, 2u) << "Home Address options without a binding (CN, HA)";
		EXPECT_EQ(o.drop_tunnel, 1u) << "the spoofed reverse tunnel";
		EXPECT_TRUE(o.rebound) << "an attack moved a binding";
		EXPECT_TRUE(o.ro);
		EXPECT_EQ(o.sent, 30u);
		EXPECT_EQ(o.echoed, 30u);
	});
}

TEST(ScenarioAllocReruns, SignalingLossAndDuplication)
{
	rerun("signaling loss", signaling_loss, [](const Outcome &o) {
		EXPECT_TRUE(o.registered) << "not both registered from f1";
		EXPECT_TRUE(o.rebound) << "not both registered from f2";
		EXPECT_GT(o.retx, 0u) << "the loss never struck";
		EXPECT_EQ(o.sent, 10u);
		EXPECT_EQ(o.echoed, 10u);
	});
}

// Twenty nodes on one HA, every allocation made to fail once (some 260
// runs; under ASan about 50 ms each). alloc_failure_reruns_by_shape stays
// available for larger populations.
TEST(ScenarioAllocReruns, TwentyNodesOnOneHomeAgent)
{
	rerun(
	    "scale (20 nodes)", scale,
	    [](const Outcome &o) {
		    EXPECT_EQ(o.bids, kScaleNodes);
		    EXPECT_EQ(o.bound_nodes, kScaleNodes);
		    EXPECT_EQ(o.refreshed, kScaleNodes) << "not every binding refreshed once";
		    EXPECT_EQ(o.bids_after, 0u);
		    EXPECT_EQ(o.sent, 50u);
		    EXPECT_EQ(o.echoed, 50u);
	    },
	    400);
}

TEST(ScenarioAllocReruns, HomeAgentAndPrefixDiscovery)
{
	rerun("discovery", discovery, [](const Outcome &o) {
		EXPECT_TRUE(o.discovered) << "the HA was not found by DHAAD";
		EXPECT_TRUE(o.registered) << "no binding at the discovered HA";
		EXPECT_TRUE(o.prefix_learnt) << "no home prefix from Mobile Prefix Discovery";
		EXPECT_EQ(o.sent, 20u);
		EXPECT_EQ(o.echoed, 20u);
	});
}

TEST(ScenarioAllocReruns, MnHaAuthenticationAndReplay)
{
	rerun("RFC 4285 auth", auth, [](const Outcome &o) {
		EXPECT_TRUE(o.registered);
		EXPECT_EQ(o.refused[MIP6_BA_ACCEPTED], 2u) << "f1 and f2, nothing else";
		EXPECT_EQ(o.refused[MIP6_BA_ID_MISMATCH], 1u) << "the replayed BU";
		EXPECT_EQ(o.refused[MIP6_BA_AUTH_FAIL], 1u) << "the re-stamped one";
		EXPECT_TRUE(o.rebound) << "the binding left f2";
		EXPECT_EQ(o.sent, 20u);
		EXPECT_EQ(o.echoed, 20u);
	});
}

TEST(ScenarioAllocReruns, MobileRouterTwoUplinksOneLost)
{
	rerun("nemo+mcoa", nemo_mcoa, [](const Outcome &o) {
		EXPECT_TRUE(o.registered) << "not two BIDs and the prefix route at the HA";
		EXPECT_EQ(o.bids, 2u);
		EXPECT_EQ(o.bids_after, 1u) << "the lost BID was not de-registered";
		EXPECT_TRUE(o.rebound);
		EXPECT_EQ(o.sent, 40u);
		EXPECT_EQ(o.lost_before, 0u);
		EXPECT_GE(o.echoed, 35u);
	});
}
