/* SPDX-License-Identifier: BSD-3-Clause */
#include "mip6/bind_timer.h"

void mip6_bind_timer_init(mip6_bind_timer_t *t, uint64_t storm_limit)
{
	t->at = MIP6_NS_NEVER;
	t->storm_at = MIP6_NS_NEVER;
	t->storm_count = 0;
	t->storm_limit = storm_limit ? storm_limit : MIP6_BIND_STORM_LIMIT_DEFAULT;
	t->dead = false;
}

mip6_ns_t mip6_bind_timer_next(mip6_bind_timer_t *t, mip6_ns_t core_next, mip6_ns_t now)
{
	if (t->dead)
		core_next = MIP6_NS_NEVER;
	else if (core_next != MIP6_NS_NEVER && core_next < now)
		core_next = now;
	t->at = core_next;
	return core_next;
}

bool mip6_bind_timer_fire(mip6_bind_timer_t *t, mip6_ns_t now)
{
	t->at = MIP6_NS_NEVER;
	if (t->dead)
		return false;
	if (t->storm_at == now) {
		if (++t->storm_count > t->storm_limit) {
			t->dead = true;
			return false;
		}
	} else {
		t->storm_at = now;
		t->storm_count = 0;
	}
	return true;
}
