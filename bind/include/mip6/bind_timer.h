/* SPDX-License-Identifier: BSD-3-Clause */
/* The one-timer contract (mip6/node.h): after every call into the core the
 * binding schedules one timer at mip6_node_next_timeout() and calls
 * mip6_node_timeout() then. This piece says which instant to schedule (in
 * the past means now) and guards against a core that asks for the same
 * instant again and again without time moving on: a busy loop in a
 * simulator, a spinning daemon. */
#ifndef MIP6_BIND_TIMER_H
#define MIP6_BIND_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include "mip6/timer.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MIP6_BIND_STORM_LIMIT_DEFAULT 100000u

typedef struct mip6_bind_timer {
	mip6_ns_t at;         /* the instant last returned by next(), MIP6_NS_NEVER for none */
	mip6_ns_t storm_at;   /* the instant of the last fire */
	uint64_t storm_count; /* fires at storm_at after the first */
	uint64_t storm_limit;
	bool dead; /* the guard tripped: no more timers */
} mip6_bind_timer_t;

/* storm_limit 0: MIP6_BIND_STORM_LIMIT_DEFAULT. */
void mip6_bind_timer_init(mip6_bind_timer_t *t, uint64_t storm_limit);
/* The instant to schedule after a call: core_next clamped to now, or
 * MIP6_NS_NEVER (no timer, or the guard tripped). */
mip6_ns_t mip6_bind_timer_next(mip6_bind_timer_t *t, mip6_ns_t core_next, mip6_ns_t now);
/* The scheduled timer fired at now: true to call the core's timeout, false
 * when this is fire number storm_limit + 1 at the same instant (the guard
 * trips and stays tripped until mip6_bind_timer_init). */
bool mip6_bind_timer_fire(mip6_bind_timer_t *t, mip6_ns_t now);

#ifdef __cplusplus
}
#endif
#endif
