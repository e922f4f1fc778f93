// SPDX-License-Identifier: BSD-3-Clause
// Shared scenario pieces; see scenario_util.h.
#include "scenario_util.h"

#include <memory>

extern "C" {
#include "mip6/decode.h"
}

namespace mip6h
{

Host &add_mnn(Topo &t, Host &mr, uint32_t ifindex, mip6_addr_t *mnn_addr, Link **mnet)
{
	Link &l = t.add_mobile_network(mr, ifindex, t.mnp(0));
	*mnn_addr = addr_plus(t.mnp(0), 2);
	if (mnet)
		*mnet = &l;
	return t.add_node_on(l, "mnn", *mnn_addr);
}

void set_two_uplinks(MobileSpec &s)
{
	s.nifs = 2;
	s.bid = {1, 2};
	s.cfg.mcoa = true;
}

mip6_flow_rule_t udp_port_rule(bool by_sport, uint16_t port, uint16_t bid)
{
	mip6_flow_rule_t r{};
	r.proto = 17;
	if (by_sport)
		r.sport_lo = r.sport_hi = port;
	else
		r.dport_lo = r.dport_hi = port;
	r.bid = bid;
	return r;
}

int add_flow_rules(Host &h, const std::vector<mip6_flow_rule_t> &rules)
{
	int rc = 0;
	h.with_core([&] {
		for (const mip6_flow_rule_t &r : rules)
			if (!rc)
				rc = mip6_node_add_flow_rule(h.node(), &r);
	});
	return rc;
}

std::string seqs(const std::vector<uint32_t> &v)
{
	std::string out;
	for (uint32_t x : v)
		out += (out.empty() ? "" : " ") + std::to_string(x);
	return out;
}

mip6_ns_t trace_at(const Host &h, uint16_t code, mip6_ns_t t0, int64_t v)
{
	for (const TraceRec &r : h.traces)
		if (r.ev.now >= t0 && r.ev.code == code && (v < 0 || r.ev.value == static_cast<uint32_t>(v)))
			return r.ev.now;
	return MIP6_NS_NEVER;
}

const TraceRec *first_trace(const Host &h, uint16_t code, mip6_ns_t t0)
{
	for (const TraceRec &r : h.traces)
		if (r.ev.now >= t0 && r.ev.code == code)
			return &r;
	return nullptr;
}

Flow &start_flow(World &w, const std::string &name, Host *from, const mip6_addr_t &src,
                 const mip6_addr_t &dst, mip6_ns_t interval, uint16_t sport)
{
	FlowSpec fs;
	fs.name = name;
	fs.from = from;
	fs.src = src;
	fs.dst = dst;
	fs.sport = sport;
	fs.dport = 7;
	fs.start = w.now();
	fs.interval = interval;
	return w.add_flow(fs);
}

bool run_until_registered(World &w, const Topo &t, const Host &mn, unsigned li, size_t n, mip6_ns_t limit,
                          mip6_addr_t *coa)
{
	return w.run_until(
	    [&] {
		    mip6_addr_t c;
		    if (mn.count_events(MIP6_EV_MN_HOME_ACCEPTED) < n || !mn.coa(1, &c) ||
		        !mip6_addr_prefix_match(&c, &t.foreign_prefix[li], 64) ||
		        !t.ha->has_tunnel(t.ha_addr, c))
			    return false;
		    *coa = c;
		    return true;
	    },
	    w.now() + limit);
}

bool run_until_bids_registered(World &w, const Topo &t, const Host &mn, mip6_addr_t *coa1, mip6_addr_t *coa2,
                               mip6_ns_t limit)
{
	auto bound = [&](const mip6_addr_t &c) { return t.ha->has_tunnel(t.ha_addr, c); };
	return w.run_until(
	    [&] {
		    return mn.coa(1, coa1) && mn.coa(2, coa2) && bound(*coa1) && bound(*coa2) &&
		           mn.count_events(MIP6_EV_MN_HOME_ACCEPTED) >= 2;
	    },
	    w.now() + limit);
}

void set_uplink(World &w, Link &l, bool silent, bool up)
{
	if (!silent)
		w.set_link_up(l, up);
	else
		l.params.loss = up ? 0 : 1.0;
}

std::function<bool(const Host &, const uint8_t *, size_t)>
ba_accepted_pd_rewrite(World &w, Topo &t, bool *rewritten, FrameTap *record)
{
	return [&w, &t, rewritten, record](const Host &from, const uint8_t *p, size_t len) {
		if (record)
			record->record(from, p, len);
		if (*rewritten || from.name() != "ha")
			return false;
		auto pk = std::make_unique<mip6_pkt_t>();
		if (mip6_pkt_parse(p, len, MIP6_DEC_LENIENT, pk.get()) != 0 || pk->ul != MIP6_UL_MH ||
		    pk->mh.type != MIP6_MH_BA || pk->mh.u.ba.status != MIP6_BA_ACCEPTED)
			return false;
		*rewritten = true;
		auto b = std::make_shared<Bytes>(p, p + len);
		// The status is the first byte after the MH's 6-byte header.
		patch_upper(*b, pk->layer[pk->nlayers - 1].upper_off, 4, 6, {MIP6_BA_ACCEPTED_PD});
		Host *ha = t.ha;
		const mip6_addr_t gw = t.rhome_addr;
		w.sim.at(w.now(), [ha, b, gw] { ha->send_raw(1, *b, &gw); });
		return true;
	};
}

std::string setup_ro_trip(Topo &t, bool optimistic_dad, mip6_addr_t *hoa, Host **mn, FrameTap *taps[3])
{
	build_topology(t);
	MobileSpec spec = mobile_spec(t, "mn", 0);
	spec.cfg.ro = true;
	spec.md.optimistic_dad = optimistic_dad;
	*hoa = spec.cfg.hoa;
	if (make_ha(t, {client_for(spec)}) != 0)
		return "home agent not created";
	if (make_cn(*t.cn) != 0)
		return "correspondent not created";
	int rc = -1;
	*mn = &add_mn(t, spec, &rc);
	if (rc != 0 || !(*mn)->node())
		return "mobile node not created (rc " + std::to_string(rc) + ")";
	taps[0]->on(t.w, *t.home);
	taps[1]->on(t.w, *t.foreign[0]);
	taps[2]->on(t.w, *t.foreign[1]);
	return "";
}

} // namespace mip6h
