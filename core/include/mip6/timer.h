/* SPDX-License-Identifier: BSD-3-Clause */
/* Timers live inside the entries they belong to (a binding, a BUL entry);
 * the node keeps one binary heap of pointers to them. Arming and cancelling
 * allocate nothing once the heap has grown to the number of timers. */
#ifndef MIP6_TIMER_H
#define MIP6_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include "mip6/alloc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef uint64_t mip6_ns_t;   /* monotonic time in nanoseconds */
#define MIP6_NS_NEVER UINT64_MAX
#define MIP6_MS(x) ((mip6_ns_t)(x) * 1000000ull)
#define MIP6_SEC(x) ((mip6_ns_t)(x) * 1000000000ull)

typedef struct mip6_timer {
	mip6_ns_t when;
	uint32_t slot;   /* heap index + 1; 0 while not armed */
	uint16_t kind;   /* the owner's code for what expires */
} mip6_timer_t;

typedef struct mip6_timerq {
	mip6_timer_t **heap;
	uint32_t n;
	uint32_t cap;
	mip6_alloc_t alloc;
} mip6_timerq_t;

void mip6_timerq_init(mip6_timerq_t *q, mip6_alloc_t alloc);
void mip6_timerq_free(mip6_timerq_t *q);

/* Arms (or re-arms) t to expire at 'when'. Returns 0 or MIP6_E_NOMEM, in
 * which case t is left as it was. */
int mip6_timerq_arm(mip6_timerq_t *q, mip6_timer_t *t, mip6_ns_t when);
void mip6_timerq_cancel(mip6_timerq_t *q, mip6_timer_t *t);
static inline bool mip6_timer_armed(const mip6_timer_t *t) { return t->slot != 0; }

/* Earliest expiry, or MIP6_NS_NEVER. */
mip6_ns_t mip6_timerq_next(const mip6_timerq_t *q);
/* Removes and returns a timer due at 'now' (earliest first), or NULL. */
mip6_timer_t *mip6_timerq_pop_due(mip6_timerq_t *q, mip6_ns_t now);

#ifdef __cplusplus
}
#endif
#endif
