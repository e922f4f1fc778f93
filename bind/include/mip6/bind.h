/* SPDX-License-Identifier: BSD-3-Clause */
/* The binding context: what every binding of the core (the harness, ns-3,
 * the Linux daemons) would otherwise write itself. It owns the node, wraps
 * each entry point with the re-entry guard (env callbacks must not call
 * mip6_node_*: mip6/env.h), defers what a callback raises (env.deliver, an
 * operation result the platform answers at once, anything the adapter asks
 * for) to the moment the outermost call returns, keeps the ledger of pending
 * platform operations, computes the one timer to schedule and derives the
 * time of day from 'now'. Like the core it does no I/O: the platform's env
 * does, and memory comes from an allocator the caller gives.
 *
 * An adapter fills a mip6_env_t with its platform's callbacks (possibly
 * stacked wrappers: bind_pcap.h, bind_trace.h, bind_fault.h), creates the
 * context over it, then calls only mip6_bind_* entry points, and after each
 * (re)schedules its one timer at mip6_bind_next_timer(). */
#ifndef MIP6_BIND_H
#define MIP6_BIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip6/alloc.h"
#include "mip6/bind_ops.h"
#include "mip6/bind_timer.h"
#include "mip6/bind_tod.h"
#include "mip6/env.h"
#include "mip6/node.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mip6_bind mip6_bind_t;

typedef struct mip6_bind_cfg {
	/* The context's own memory (deferral queue, ledger); fn NULL: the
	 * platform env's allocator. The core allocates from the platform's. */
	mip6_alloc_t alloc;
	/* When the platform gives no time_of_day: NTP second of now 0
	 * (0: MIP6_BIND_NTP_EPOCH_2026). */
	uint64_t ntp_epoch_s;
	bool no_time_of_day;  /* leave env.time_of_day NULL when the platform has none */
	uint64_t storm_limit; /* 0: MIP6_BIND_STORM_LIMIT_DEFAULT */
} mip6_bind_cfg_t;

typedef struct mip6_bind_stats {
	uint64_t reentries;     /* entry points called from inside a callback (refused) */
	uint64_t outside_calls; /* env callbacks the core made outside any call */
	uint64_t deferred;      /* effects queued to run after a call */
	uint64_t defer_nomem;   /* effects lost: no memory to queue them */
	uint64_t op_unknown;    /* results for ids never submitted (not passed on) */
	uint64_t op_double;     /* second results for the same id (not passed on) */
	uint64_t storms;        /* the timer guard tripped */
} mip6_bind_stats_t;

/* platform is copied; cfg NULL: defaults. NULL without memory. */
mip6_bind_t *mip6_bind_new(const mip6_env_t *platform, const mip6_bind_cfg_t *cfg);
/* Frees the node too. */
void mip6_bind_free(mip6_bind_t *b);
/* The env the core gets (also for a stand-in core in tests). */
const mip6_env_t *mip6_bind_env(const mip6_bind_t *b);
/* The allocator the core gets from now on (say, one that fails on purpose). */
void mip6_bind_set_core_alloc(mip6_bind_t *b, mip6_alloc_t alloc);

/* Creates the node over mip6_bind_env() (freeing a previous one); NULL when
 * mip6_node_new failed. */
mip6_node_t *mip6_bind_node_new(mip6_bind_t *b, mip6_ns_t now);
mip6_node_t *mip6_bind_node(const mip6_bind_t *b);
/* Frees the node and forgets its pending operations. */
void mip6_bind_node_free(mip6_bind_t *b);

/* The entry points of mip6/node.h, guarded and deferring. A call refused as
 * re-entrant returns MIP6_PASS / MIP6_E_INVAL and is counted. */
mip6_verdict_t mip6_bind_input(mip6_bind_t *b, uint32_t ifindex, const uint8_t *pkt, size_t len,
                               mip6_ns_t now);
mip6_verdict_t mip6_bind_output(mip6_bind_t *b, const uint8_t *pkt, size_t len, mip6_ns_t now);
void mip6_bind_link(mip6_bind_t *b, uint32_t ifindex, bool up, mip6_ns_t now);
void mip6_bind_addr(mip6_bind_t *b, uint32_t ifindex, const mip6_addr_t *addr, uint8_t plen, uint16_t flags,
                    bool added, mip6_ns_t now);
/* The ledger checks the id first: unknown or double answers are counted
 * and not passed on. */
void mip6_bind_op_result(mip6_bind_t *b, uint32_t op_id, int status, mip6_ns_t now);
int mip6_bind_command(mip6_bind_t *b, const mip6_bus_msg_t *m, mip6_ns_t now);
int mip6_bind_bus_input(mip6_bind_t *b, const uint8_t *msg, size_t len, mip6_ns_t now);
/* The adapter's timer fired: runs due clocks (mip6_bind_add_clock) and the
 * core's timeout. Returns false when the storm guard tripped (then no timer
 * is asked for again: mip6_bind_next_timer says MIP6_NS_NEVER). */
bool mip6_bind_timeout(mip6_bind_t *b, mip6_ns_t now);
/* The instant to schedule the one timer at after any call (>= now), or
 * MIP6_NS_NEVER: the earliest of the core's and the clocks'. */
mip6_ns_t mip6_bind_next_timer(mip6_bind_t *b, mip6_ns_t now);

/* The guard on its own, for calls the wrappers above do not cover
 * (mip6_node_enable_*, a stand-in core): enter returns false, and counts a
 * re-entry, when a call is under way; leave releases the deferred effects
 * when the outermost call ends. */
bool mip6_bind_enter(mip6_bind_t *b, mip6_ns_t now);
void mip6_bind_leave(mip6_bind_t *b);
bool mip6_bind_in_call(const mip6_bind_t *b);
/* The 'now' of the call under way, or of the last one. */
mip6_ns_t mip6_bind_now(const mip6_bind_t *b);

/* Runs fn(ctx, arg) after the call under way returns, in the order queued
 * (at once when no call is under way). MIP6_E_NOMEM when it cannot queue. */
int mip6_bind_defer(mip6_bind_t *b, void (*fn)(void *ctx, void *arg), void *ctx, void *arg);
/* The platform answers an operation: inside a call (an op_submit answered
 * synchronously) the result is queued and reaches the core after the call;
 * outside one it is mip6_bind_op_result. */
void mip6_bind_answer_op(mip6_bind_t *b, uint32_t op_id, int status);

/* An extra timer source served by the one timer (a wrapper holding delayed
 * packets): next() its earliest instant or MIP6_NS_NEVER, fire() run at
 * that instant. At most MIP6_BIND_MAX_CLOCKS. */
#define MIP6_BIND_MAX_CLOCKS 4
typedef struct mip6_bind_clock {
	mip6_ns_t (*next)(void *ctx);
	void (*fire)(void *ctx, mip6_ns_t now);
	void *ctx;
} mip6_bind_clock_t;
int mip6_bind_add_clock(mip6_bind_t *b, const mip6_bind_clock_t *c);

/* Sees every packet handed to the core through mip6_bind_input (dir
 * MIP6_BIND_DIR_INPUT) and mip6_bind_output (MIP6_BIND_DIR_OUTPUT), before
 * the core does. One tap; NULL removes it. */
enum mip6_bind_dir { MIP6_BIND_DIR_SENT = 0, MIP6_BIND_DIR_INPUT = 1, MIP6_BIND_DIR_OUTPUT = 2 };
typedef void (*mip6_bind_tap_fn)(void *ctx, int dir, uint32_t ifindex, const uint8_t *pkt, size_t len,
                                 mip6_ns_t now);
void mip6_bind_set_tap(mip6_bind_t *b, mip6_bind_tap_fn fn, void *ctx);

mip6_bind_ops_t *mip6_bind_ledger(mip6_bind_t *b);
mip6_bind_timer_t *mip6_bind_get_timer(mip6_bind_t *b);
const mip6_bind_stats_t *mip6_bind_get_stats(const mip6_bind_t *b);

#ifdef __cplusplus
}
#endif
#endif
