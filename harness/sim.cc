// SPDX-License-Identifier: BSD-3-Clause
#include "sim.h"

#include <cinttypes>
#include <cstdio>
#include <unordered_map>

#include "rng.h"

namespace mip6h
{

std::string fmt_time(mip6_ns_t t)
{
	if (t == MIP6_NS_NEVER)
		return "never";
	char b[40];
	snprintf(b, sizeof(b), "%" PRIu64 ".%09" PRIu64, static_cast<uint64_t>(t / 1000000000u),
	         static_cast<uint64_t>(t % 1000000000u));
	return b;
}

void EventLog::add(mip6_ns_t t, const std::string &line)
{
	std::string s = fmt_time(t) + " " + line;
	hash_ = fnv1a(s, hash_);
	hash_ = fnv1a("\n", 1, hash_);
	count_++;
	if (keep_lines)
		lines_.push_back(std::move(s));
}

void EventLog::clear()
{
	hash_ = 0xcbf29ce484222325ull;
	count_ = 0;
	lines_.clear();
}

Sim::EventId Sim::at(mip6_ns_t t, Fn fn)
{
	if (t < now_)
		t = now_;
	EventId id = ++seq_;
	q_.push(Ev{t, seq_, id});
	fns_.emplace(id, std::move(fn));
	return id;
}

void Sim::cancel(EventId id)
{
	if (id && fns_.count(id) && !cancelled_.count(id))
		cancelled_.insert(id);
}

void Sim::drop_cancelled()
{
	while (!q_.empty() && cancelled_.count(q_.top().id)) {
		EventId id = q_.top().id;
		q_.pop();
		cancelled_.erase(id);
		fns_.erase(id);
	}
}

mip6_ns_t Sim::next_time()
{
	drop_cancelled();
	return q_.empty() ? MIP6_NS_NEVER : q_.top().t;
}

bool Sim::step()
{
	drop_cancelled();
	if (q_.empty())
		return false;
	Ev e = q_.top();
	q_.pop();
	auto it = fns_.find(e.id);
	Fn fn = std::move(it->second);
	fns_.erase(it);
	now_ = e.t;
	executed_++;
	fn();
	return true;
}

void Sim::run_until(mip6_ns_t t)
{
	while (next_time() <= t)
		step();
	if (t > now_)
		now_ = t;
}

bool Sim::run_until(const std::function<bool()> &pred, mip6_ns_t limit)
{
	for (;;) {
		if (pred())
			return true;
		if (next_time() > limit)
			break;
		step();
	}
	if (limit > now_ && limit != MIP6_NS_NEVER)
		now_ = limit;
	return pred();
}

} // namespace mip6h
