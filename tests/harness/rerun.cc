#include "rerun.h"

namespace mip6h
{

static void finish(World &w, uint64_t attempt, RerunReport &r)
{
	std::string at = attempt ? "attempt " + std::to_string(attempt) + ": " : "clean run: ";
	for (const std::string &e : w.errors())
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

RerunReport alloc_failure_reruns(const std::function<void(World &)> &scenario, uint64_t seed, uint64_t every,
                                 uint64_t max_runs)
{
	RerunReport r;
	WorldOpts o;
	o.log_lines = false;
	o.log_frames = false;
	o.verbose = 0;
	{
		World w(seed, o);
		scenario(w);
		r.allocations = w.alloc().attempts();
		finish(w, 0, r);
	}
	if (every == 0)
		every = 1;
	for (uint64_t i = 1; i <= r.allocations; i += every) {
		if (max_runs && r.runs >= max_runs)
			break;
		World w(seed, o);
		w.alloc().fail_nth(i);
		scenario(w);
		r.runs++;
		finish(w, i, r);
	}
	return r;
}

} // namespace mip6h
