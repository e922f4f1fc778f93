// SPDX-License-Identifier: BSD-3-Clause
#include "rerun.h"

#include <unordered_map>

namespace mip6h
{

static void finish(World &w, uint64_t attempt, RerunReport &r)
{
	std::string at = attempt ? "attempt " + std::to_string(attempt) + ": " : "clean run: ";
	for (const std::string &e : w.problems())
		r.problems.push_back(at + e);
	w.free_cores();
	if (w.alloc().live())
		r.problems.push_back(at + std::to_string(w.alloc().live()) + " blocks (" +
		                     std::to_string(w.alloc().live_bytes()) + " bytes) leaked");
	if (w.alloc().bad_frees())
		r.problems.push_back(at + std::to_string(w.alloc().bad_frees()) + " bad frees");
	if (attempt && w.alloc().failures() != 1)
		r.problems.push_back(at + "the failure was never injected");
}

static WorldOpts quiet()
{
	WorldOpts o;
	o.log_lines = false;
	o.log_frames = false;
	o.verbose = 0;
	return o;
}

// The clean run; returns the shapes of its attempts.
static std::vector<uint64_t> clean_run(const std::function<void(World &)> &scenario, uint64_t seed,
                                       RerunReport &r)
{
	World w(seed, quiet());
	scenario(w);
	r.allocations = w.alloc().attempts();
	std::vector<uint64_t> shapes = w.alloc().shapes();
	finish(w, 0, r);
	return shapes;
}

static void failing_run(const std::function<void(World &)> &scenario, uint64_t seed, uint64_t i,
                        RerunReport &r)
{
	World w(seed, quiet());
	w.alloc().fail_nth(i);
	scenario(w);
	r.runs++;
	finish(w, i, r);
}

RerunReport alloc_failure_reruns(const std::function<void(World &)> &scenario, uint64_t seed, uint64_t every,
                                 uint64_t max_runs)
{
	RerunReport r;
	clean_run(scenario, seed, r);
	if (every == 0)
		every = 1;
	for (uint64_t i = 1; i <= r.allocations; i += every) {
		if (max_runs && r.runs >= max_runs)
			break;
		failing_run(scenario, seed, i, r);
	}
	return r;
}

RerunReport alloc_failure_reruns_by_shape(const std::function<void(World &)> &scenario, uint64_t seed,
                                          unsigned per_shape)
{
	RerunReport r;
	const std::vector<uint64_t> shapes = clean_run(scenario, seed, r);
	std::unordered_map<uint64_t, unsigned> failed;
	for (uint64_t i = 1; i <= shapes.size(); i++)
		if (failed[shapes[i - 1]]++ < per_shape)
			failing_run(scenario, seed, i, r);
	return r;
}

} // namespace mip6h
