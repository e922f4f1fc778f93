/* SPDX-License-Identifier: BSD-3-Clause */
/* The fault injector: drops or delays packets the core sends and fails
 * platform operations, to test a binding (or the core) against a lossy,
 * slow or unhelpful platform. Randomness comes from the caller's seeded
 * generator, time from the binding context: runs stay reproducible. */
#ifndef MIP6_BIND_FAULT_H
#define MIP6_BIND_FAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip6/bind.h"
#include "mip6/bind_wrap.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MIP6_BIND_FAULT_KINDS 16 /* op kinds below this can be failed */

typedef struct mip6_bind_held mip6_bind_held_t;

typedef struct mip6_bind_fault {
	mip6_bind_wrap_t w;
	mip6_bind_t *bind;  /* answers failed operations, clocks delayed packets */
	mip6_alloc_t alloc; /* holds delayed packets */

	/* Which sent packets are dropped (any rule that says so): */
	bool (*drop_if)(void *ctx, uint32_t ifindex, const uint8_t *pkt, size_t len);
	void *drop_ctx;
	uint32_t drop_every; /* every Nth sent packet (0: none) */
	uint32_t drop_ppm;   /* with this probability, parts per million, drawn from rand32 */
	uint32_t (*rand32)(void *ctx);
	void *rand_ctx;
	/* How long each packet not dropped is held before it is sent (0: not). */
	mip6_ns_t delay;
	/* Operations of kind k are answered with fail_status[k] (0: passed on). */
	int fail_status[MIP6_BIND_FAULT_KINDS];

	uint64_t sent, dropped, delayed, ops_failed, delay_nomem;
	mip6_bind_held_t *head, *tail;
} mip6_bind_fault_t;

/* No faults until the fields above are set. alloc: for delayed packets. */
void mip6_bind_fault_init(mip6_bind_fault_t *f, const mip6_env_t *inner, mip6_alloc_t alloc);
static inline const mip6_env_t *mip6_bind_fault_env(const mip6_bind_fault_t *f)
{
	return &f->w.env;
}
/* Failed operations are answered through b's deferral (never re-entering
 * the core) and delayed packets leave when b's timer serves its clock. */
int mip6_bind_fault_attach(mip6_bind_fault_t *f, mip6_bind_t *b);
/* Frees packets still held. */
void mip6_bind_fault_fini(mip6_bind_fault_t *f);
size_t mip6_bind_fault_held(const mip6_bind_fault_t *f);

#ifdef __cplusplus
}
#endif
#endif
