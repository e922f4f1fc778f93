/* SPDX-License-Identifier: BSD-3-Clause */
// Allocation-failure reruns (nghttp2's failmalloc idea): run a scenario
// once to count its allocations, then once more per allocation with that
// one made to fail. Every run must end without a harness error, and once
// the cores are freed nothing may be left allocated.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "world.h"

namespace mip6h
{

struct RerunReport {
	uint64_t allocations = 0;          // attempts in the clean run
	uint64_t runs = 0;                 // failing runs made
	std::vector<std::string> problems; // "attempt 17: 2 blocks leaked", ...
};

// scenario builds everything on the World it is given and runs it; it must
// cope with failures (a role that could not be enabled, a node that could
// not be created) instead of asserting success. 'every' > 1 fails only
// every n-th attempt (for long scenarios); max_runs 0 means no limit.
RerunReport alloc_failure_reruns(const std::function<void(World &)> &scenario, uint64_t seed = 1,
                                 uint64_t every = 1, uint64_t max_runs = 0);

// For scenarios that repeat themselves (many alike nodes): fails, once
// per run, only the attempts whose shape (size, allocation or resize) has
// been failed fewer than per_shape times before in the clean run's order,
// so every one-off allocation (a table growing, a role starting) fails and
// the twentieth node's copy of an allocation does not.
RerunReport alloc_failure_reruns_by_shape(const std::function<void(World &)> &scenario, uint64_t seed = 1,
                                          unsigned per_shape = 2);

} // namespace mip6h
