/* SPDX-License-Identifier: BSD-3-Clause */
// The virtual clock and the event loop: a priority queue of events ordered
// by (time, order of scheduling), so a run is a pure function of the seed.
#pragma once

#include <cstdint>
#include <functional>
#include <queue>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

extern "C" {
#include "mip6/timer.h"
}

namespace mip6h
{

// Formats a virtual time as seconds with nanoseconds ("12.000345000").
std::string fmt_time(mip6_ns_t t);

// What happened, in order: a running hash of every line, and the lines
// themselves when kept. Two runs with the same seed give the same log.
class EventLog
{
      public:
	bool keep_lines = true;
	void add(mip6_ns_t t, const std::string &line);
	uint64_t hash() const { return hash_; }
	uint64_t count() const { return count_; }
	const std::vector<std::string> &lines() const { return lines_; }
	void clear();

      private:
	uint64_t hash_ = 0xcbf29ce484222325ull;
	uint64_t count_ = 0;
	std::vector<std::string> lines_;
};

class Sim
{
      public:
	using Fn = std::function<void()>;
	using EventId = uint64_t;

	mip6_ns_t now() const { return now_; }

	// Schedules fn at time t (not before now). Events at the same time run
	// in the order they were scheduled. Returns an id for cancel().
	EventId at(mip6_ns_t t, Fn fn);
	EventId after(mip6_ns_t d, Fn fn) { return at(now_ + d, std::move(fn)); }
	void cancel(EventId id);

	// Runs the earliest event; false when none is left.
	bool step();
	// Runs every event due at or before t, then sets the clock to t.
	void run_until(mip6_ns_t t);
	void run_for(mip6_ns_t d) { run_until(now_ + d); }
	// Runs events until pred() holds (checked before each event) or the
	// clock would pass 'limit'. Returns pred().
	bool run_until(const std::function<bool()> &pred, mip6_ns_t limit);

	// Time of the next pending event, or MIP6_NS_NEVER.
	mip6_ns_t next_time();
	size_t pending() const { return q_.size() - cancelled_.size(); }
	uint64_t executed() const { return executed_; }

      private:
	struct Ev {
		mip6_ns_t t;
		uint64_t seq;
		EventId id;
		// Ordered for a min-heap on (t, seq).
		bool operator<(const Ev &o) const { return t != o.t ? t > o.t : seq > o.seq; }
	};
	void drop_cancelled();

	mip6_ns_t now_ = 0;
	uint64_t seq_ = 0;
	uint64_t executed_ = 0;
	std::priority_queue<Ev> q_;
	std::unordered_map<EventId, Fn> fns_;
	std::unordered_set<EventId> cancelled_;
};

} // namespace mip6h
