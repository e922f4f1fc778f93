/* SPDX-License-Identifier: BSD-3-Clause */
// The interruption a move causes to a flow, measured from what was
// delivered: the last arrival at or before the move and the first after
// it. Shared by the handover scenario and the handover experiment
// (scenarios/), so both report the same figure.
#pragma once

#include "world.h"

namespace mip6h
{

struct Interruption {
	mip6_ns_t last_before = 0;             // 0: nothing arrived before
	mip6_ns_t first_after = MIP6_NS_NEVER; // NEVER: nothing arrived after
	bool complete() const { return last_before != 0 && first_after != MIP6_NS_NEVER; }
	mip6_ns_t gap() const { return complete() ? first_after - last_before : MIP6_NS_NEVER; }
};

inline Interruption interruption(const Flow &f, mip6_ns_t move_at)
{
	Interruption r;
	for (const auto &kv : f.rx) {
		const mip6_ns_t t = kv.second.t;
		if (t <= move_at && t > r.last_before)
			r.last_before = t;
		if (t > move_at && t < r.first_after)
			r.first_after = t;
	}
	return r;
}

} // namespace mip6h
