// SPDX-License-Identifier: BSD-3-Clause
// The trip of harness/test_scenario_handover_ro.cc as an experiment:
// the same topology, node configuration and flow, but instead of asserting
// every step it waits for each step with a time limit (a run that misses
// one fails with the reason) and keeps the figures of each move.
#include "handover_trip.h"

#include <array>
#include <memory>

#include "harness/harness.h"
#include "harness/interruption.h"

extern "C" {
#include "mip6/stats.h"
}

using namespace mip6h;

namespace mip6exp
{
namespace
{

constexpr mip6_ns_t kStay = MIP6_SEC(6);     // time on each link after a move
constexpr mip6_ns_t kInFlight = MIP6_MS(50); // a packet's longest path (~24 ms via the HA)
constexpr mip6_ns_t kSettle = MIP6_SEC(1);   // bindings must be in place this long before the next move

const TraceRec *last_trace(const Host &h, uint16_t kind, const char *component)
{
	const TraceRec *r = nullptr;
	for (const TraceRec &x : h.traces)
		if (x.ev.kind == kind && x.component == component)
			r = &x;
	return r;
}

// The binding trace of 'who' came after 'before' others and names a
// care-of address in 'prefix'.
bool bound_in(const Host &h, const char *who, size_t before, const mip6_addr_t &prefix)
{
	if (h.count_traces(MIP6_TR_BINDING, who) <= before)
		return false;
	const TraceRec *r = last_trace(h, MIP6_TR_BINDING, who);
	return r && mip6_addr_prefix_match(&r->ev.b, &prefix, 64);
}

class Trip
{
      public:
	explicit Trip(const TripParams &p) : p_(p), w(p.seed, world_opts()), t(w) {}
	~Trip()
	{
		// The taps ride on the links' drop_if and go before the world.
		for (auto &l : w.links())
			l->drop_if = nullptr;
	}

	std::vector<MoveResult> run()
	{
		setup();
		at_home();
		visit(0);
		visit(1);
		come_home();
		finish();
		return moves_;
	}

      private:
	TripParams p_;
	World w;
	Topo t;
	Host *mn = nullptr;
	Flow *f = nullptr;
	mip6_addr_t hoa{};
	std::array<FrameTap, 3> taps; // home, f1, f2
	std::vector<MoveResult> moves_;
	std::pair<uint64_t, uint64_t> mh_at_move_; // the node's tx_mh, rx_mh when it moved

	void mark_move()
	{
		const mip6_stats_t *st = mip6_node_stats(mn->node());
		mh_at_move_ = {st->tx_mh, st->rx_mh};
	}

	static WorldOpts world_opts()
	{
		WorldOpts o;
		o.log_lines = false; // only the hash: the experiment reads figures, not logs
		o.log_frames = false;
		return o;
	}

	void check(bool ok, const std::string &what)
	{
		if (!ok)
			throw TripError(what + " (at " + std::to_string(double(w.now()) / 1e9) + " s)");
		if (!w.errors().empty())
			throw TripError("harness: " + w.errors().front());
	}

	void setup()
	{
		if (!p_.pcap_prefix.empty())
			w.enable_pcap(p_.pcap_prefix);
		FrameTap *tp[3] = {&taps[0], &taps[1], &taps[2]};
		const std::string err = setup_ro_trip(t, p_.optimistic, &hoa, &mn, tp);
		check(err.empty(), err);
	}

	// Switched on at home; the correspondent's flow starts at 3 s and
	// runs natively for two seconds.
	void at_home()
	{
		w.attach(*mn, 1, *t.home);
		check(w.run_until([&] { return mn->count_events(MIP6_EV_MN_HOME_USABLE) > 0; }, MIP6_SEC(3)),
		      "home address not usable at home");
		w.run_until(MIP6_SEC(3));
		f = &start_flow(w, "cn-mn", t.cn, t.cn_addr, hoa, p_.interval);
		w.run_for(MIP6_SEC(2));
		check(f->received() > 0, "no traffic at home");
	}

	// Home registration, then route optimisation; k = 0 (f1) or 1 (f2).
	void visit(unsigned k)
	{
		Link &l = *t.foreign[k];
		MoveResult m;
		m.name = std::string(k == 0 ? "home" : "f1") + "->" + l.name();
		m.at = w.now();
		const size_t ha_binds = t.ha->count_traces(MIP6_TR_BINDING, "ha");
		const size_t cn_binds = t.cn->count_traces(MIP6_TR_BINDING, "cn");
		const mip6_addr_t &prefix = t.foreign_prefix[k];
		const mip6_ns_t limit = m.at + kStay - kSettle;
		mark_move();
		w.move(*mn, 1, l);
		check(w.run_until([&] { return bound_in(*t.ha, "ha", ha_binds, prefix); }, limit),
		      "no home registration on " + l.name());
		m.registered = w.now() - m.at;
		check(w.run_until([&] { return bound_in(*t.cn, "cn", cn_binds, prefix); }, limit),
		      "no route optimisation on " + l.name());
		m.optimised = w.now() - m.at;
		w.run_until(m.at + kStay);
		measure(m, taps[k + 1]);
	}

	// De-registration with the home agent and the correspondent.
	void come_home()
	{
		MoveResult m;
		m.name = "f2->home";
		m.at = w.now();
		const size_t ha_gone = t.ha->count_events(MIP6_EV_HA_BINDING_REMOVED);
		const size_t cn_gone = t.cn->count_events(MIP6_EV_CN_BINDING_DELETED);
		const mip6_ns_t limit = m.at + kStay - kSettle;
		mark_move();
		w.move(*mn, 1, *t.home);
		check(w.run_until([&] { return t.ha->count_events(MIP6_EV_HA_BINDING_REMOVED) > ha_gone; },
		                  limit),
		      "no de-registration with the home agent");
		m.registered = w.now() - m.at;
		check(w.run_until([&] { return t.cn->count_events(MIP6_EV_CN_BINDING_DELETED) > cn_gone; },
		                  limit),
		      "no de-registration with the correspondent");
		m.optimised = w.now() - m.at;
		w.run_until(m.at + kStay);
		measure(m, taps[0]);
	}

	// The move's figures, from what was delivered during its phase
	// [at, at + kStay): the interruption is the gap between the last
	// arrival at the node before the move and the first one after it.
	void measure(MoveResult &m, const FrameTap &tap)
	{
		const mip6_ns_t end = m.at + kStay;
		m.lost = f->lost(m.at - kInFlight, end - kInFlight).size();
		m.echo_lost = f->echo_lost(m.at - kInFlight, end - kInFlight).size();
		const Interruption gap = interruption(*f, m.at);
		check(gap.last_before > 0, "no traffic before the move " + m.name);
		check(gap.first_after < end, "no traffic after the move " + m.name);
		m.gap = gap.gap();
		for (const TapFrame &s : tap.frames) {
			if (s.t < m.at || s.t >= end || s.from != "mn")
				continue;
			m.mh.bu += s.mh == MIP6_MH_BU;
			m.mh.rr += s.mh == MIP6_MH_HOTI || s.mh == MIP6_MH_COTI;
		}
		const mip6_stats_t *st = mip6_node_stats(mn->node());
		m.mh.sent = st->tx_mh - mh_at_move_.first;
		m.mh.received = st->rx_mh - mh_at_move_.second;
		moves_.push_back(m);
	}

	void finish()
	{
		f->stop();
		w.run_for(MIP6_MS(200));
		check(true, "");
		w.flush_pcaps();
		for (auto &l : w.links())
			l->drop_if = nullptr;
		w.free_cores();
		check(w.alloc().live() == 0, std::to_string(w.alloc().live()) + " blocks leaked");
		check(w.alloc().bad_frees() == 0, "bad frees");
	}
};

} // namespace

std::vector<MoveResult> run_trip(const TripParams &p)
{
	// The world is large: keep it off the stack.
	auto trip = std::make_unique<Trip>(p);
	return trip->run();
}

} // namespace mip6exp
