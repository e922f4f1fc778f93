/* SPDX-License-Identifier: BSD-3-Clause */
#include "mip6/bind.h"

#include <string.h>

#include "mip6/err.h"

enum item_kind { ITEM_DELIVER, ITEM_OP_RESULT, ITEM_FN };

typedef struct item {
	struct item *next;
	enum item_kind kind;
	void (*fn)(void *ctx, void *arg);
	void *ctx, *arg;
	uint32_t id;
	int status;
	size_t len;
	uint8_t data[]; /* ITEM_DELIVER: the packet */
} item_t;

struct mip6_bind {
	mip6_env_t env;      /* what the core gets: ctx is this context */
	mip6_env_t platform; /* what the adapter gave */
	mip6_alloc_t alloc;  /* the context's own memory */
	uint64_t ntp_epoch_s;
	mip6_node_t *node;
	unsigned depth; /* 1 inside a call */
	bool releasing;
	mip6_ns_t now;
	item_t *head, *tail;
	mip6_bind_ops_t ops;
	mip6_bind_timer_t timer;
	mip6_bind_clock_t clocks[MIP6_BIND_MAX_CLOCKS];
	unsigned nclocks;
	mip6_bind_tap_fn tap;
	void *tap_ctx;
	mip6_bind_stats_t stats;
};

/* ------------------------------------------------------------ deferral */

static item_t *item_new(mip6_bind_t *b, enum item_kind kind, size_t len)
{
	item_t *it = mip6_malloc(&b->alloc, sizeof(*it) + len);
	if (!it) {
		b->stats.defer_nomem++;
		return NULL;
	}
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->len = len;
	return it;
}

static void item_queue(mip6_bind_t *b, item_t *it)
{
	if (b->tail)
		b->tail->next = it;
	else
		b->head = it;
	b->tail = it;
	b->stats.deferred++;
}

static void item_run(mip6_bind_t *b, item_t *it)
{
	switch (it->kind) {
	case ITEM_DELIVER:
		if (b->platform.deliver)
			b->platform.deliver(b->platform.ctx, it->data, it->len);
		break;
	case ITEM_OP_RESULT:
		mip6_bind_op_result(b, it->id, it->status, b->now);
		break;
	case ITEM_FN:
		it->fn(it->ctx, it->arg);
		break;
	}
}

/* Runs the queue in order once no call is under way. An item may call an
 * entry point, whose own leave finds the release running and returns: its
 * effects join the queue behind. */
static void release(mip6_bind_t *b)
{
	if (b->releasing)
		return;
	b->releasing = true;
	while (b->head && b->depth == 0) {
		item_t *it = b->head;
		b->head = it->next;
		if (!b->head)
			b->tail = NULL;
		item_run(b, it);
		mip6_free(&b->alloc, it);
	}
	b->releasing = false;
}

int mip6_bind_defer(mip6_bind_t *b, void (*fn)(void *ctx, void *arg), void *ctx, void *arg)
{
	if (b->depth == 0 && !b->head) {
		fn(ctx, arg);
		return 0;
	}
	item_t *it = item_new(b, ITEM_FN, 0);
	if (!it)
		return MIP6_E_NOMEM;
	it->fn = fn;
	it->ctx = ctx;
	it->arg = arg;
	item_queue(b, it);
	release(b);
	return 0;
}

void mip6_bind_answer_op(mip6_bind_t *b, uint32_t op_id, int status)
{
	if (b->depth == 0 && !b->head) {
		mip6_bind_op_result(b, op_id, status, b->now);
		return;
	}
	item_t *it = item_new(b, ITEM_OP_RESULT, 0);
	if (!it)
		return;
	it->id = op_id;
	it->status = status;
	item_queue(b, it);
	release(b);
}

/* ------------------------------------------------------ env of the core */

static void note_outside(mip6_bind_t *b)
{
	if (b->depth == 0)
		b->stats.outside_calls++;
}

static void env_send(void *ctx, uint32_t ifindex, const uint8_t *pkt, size_t len)
{
	mip6_bind_t *b = ctx;
	note_outside(b);
	b->platform.send(b->platform.ctx, ifindex, pkt, len);
}

/* The platform's stack may call the core again with a delivered packet
 * (forwarding, an echo reply): so it gets it after the call. */
static void env_deliver(void *ctx, const uint8_t *pkt, size_t len)
{
	mip6_bind_t *b = ctx;
	note_outside(b);
	item_t *it = item_new(b, ITEM_DELIVER, len);
	if (!it)
		return;
	memcpy(it->data, pkt, len);
	item_queue(b, it);
	release(b);
}

static void env_op_submit(void *ctx, const mip6_op_t *op)
{
	mip6_bind_t *b = ctx;
	note_outside(b);
	mip6_bind_ops_submit(&b->ops, op, b->now);
	b->platform.op_submit(b->platform.ctx, op);
}

static void env_random(void *ctx, uint8_t *out, size_t len)
{
	mip6_bind_t *b = ctx;
	b->platform.random(b->platform.ctx, out, len);
}

static void env_trace(void *ctx, const mip6_trace_t *ev)
{
	mip6_bind_t *b = ctx;
	b->platform.trace(b->platform.ctx, ev);
}

static void env_bus_out(void *ctx, const uint8_t *msg, size_t len)
{
	mip6_bind_t *b = ctx;
	b->platform.bus_out(b->platform.ctx, msg, len);
}

static uint64_t env_tod_platform(void *ctx)
{
	mip6_bind_t *b = ctx;
	return b->platform.time_of_day(b->platform.ctx);
}

static uint64_t env_tod_derived(void *ctx)
{
	mip6_bind_t *b = ctx;
	return mip6_bind_ntp_time(b->now, b->ntp_epoch_s);
}

mip6_bind_t *mip6_bind_new(const mip6_env_t *platform, const mip6_bind_cfg_t *cfg)
{
	mip6_bind_cfg_t c;
	if (cfg)
		c = *cfg;
	else
		memset(&c, 0, sizeof(c));
	if (!c.alloc.fn)
		c.alloc = platform->alloc;
	mip6_bind_t *b = mip6_malloc(&c.alloc, sizeof(*b));
	if (!b)
		return NULL;
	memset(b, 0, sizeof(*b));
	b->platform = *platform;
	b->alloc = c.alloc;
	b->ntp_epoch_s = c.ntp_epoch_s ? c.ntp_epoch_s : MIP6_BIND_NTP_EPOCH_2026;
	mip6_bind_ops_init(&b->ops, c.alloc);
	mip6_bind_timer_init(&b->timer, c.storm_limit);
	b->env.ctx = b;
	b->env.send = env_send;
	b->env.deliver = env_deliver;
	b->env.op_submit = env_op_submit;
	b->env.random = env_random;
	b->env.trace = platform->trace ? env_trace : NULL;
	b->env.bus_out = platform->bus_out ? env_bus_out : NULL;
	if (platform->time_of_day)
		b->env.time_of_day = env_tod_platform;
	else if (!c.no_time_of_day)
		b->env.time_of_day = env_tod_derived;
	b->env.alloc = platform->alloc;
	return b;
}

void mip6_bind_free(mip6_bind_t *b)
{
	if (!b)
		return;
	mip6_bind_node_free(b);
	while (b->head) {
		item_t *it = b->head;
		b->head = it->next;
		mip6_free(&b->alloc, it);
	}
	mip6_bind_ops_fini(&b->ops);
	mip6_alloc_t a = b->alloc;
	mip6_free(&a, b);
}

const mip6_env_t *mip6_bind_env(const mip6_bind_t *b)
{
	return &b->env;
}

void mip6_bind_set_core_alloc(mip6_bind_t *b, mip6_alloc_t alloc)
{
	b->env.alloc = alloc;
	b->platform.alloc = alloc;
}

mip6_node_t *mip6_bind_node_new(mip6_bind_t *b, mip6_ns_t now)
{
	mip6_bind_node_free(b);
	if (!mip6_bind_enter(b, now))
		return NULL;
	b->node = mip6_node_new(&b->env, now);
	mip6_bind_timer_init(&b->timer, b->timer.storm_limit);
	mip6_bind_leave(b);
	return b->node;
}

mip6_node_t *mip6_bind_node(const mip6_bind_t *b)
{
	return b->node;
}

void mip6_bind_node_free(mip6_bind_t *b)
{
	if (!b->node)
		return;
	/* Freeing may raise callbacks: they count as inside a call. */
	b->depth++;
	mip6_node_free(b->node);
	b->node = NULL;
	b->depth--;
	mip6_bind_ops_clear(&b->ops);
	b->timer.at = MIP6_NS_NEVER;
	release(b);
}

/* ---------------------------------------------------------------- guard */

bool mip6_bind_enter(mip6_bind_t *b, mip6_ns_t now)
{
	if (b->depth) {
		b->stats.reentries++;
		return false;
	}
	b->depth = 1;
	b->now = now;
	return true;
}

void mip6_bind_leave(mip6_bind_t *b)
{
	if (b->depth)
		b->depth = 0;
	release(b);
}

bool mip6_bind_in_call(const mip6_bind_t *b)
{
	return b->depth != 0;
}

mip6_ns_t mip6_bind_now(const mip6_bind_t *b)
{
	return b->now;
}

/* ---------------------------------------------------------- entry points */

mip6_verdict_t mip6_bind_input(mip6_bind_t *b, uint32_t ifindex, const uint8_t *pkt, size_t len,
                               mip6_ns_t now)
{
	if (!b->node || !mip6_bind_enter(b, now))
		return MIP6_PASS;
	if (b->tap)
		b->tap(b->tap_ctx, MIP6_BIND_DIR_INPUT, ifindex, pkt, len, now);
	mip6_verdict_t v = mip6_node_input(b->node, ifindex, pkt, len, now);
	mip6_bind_leave(b);
	return v;
}

mip6_verdict_t mip6_bind_output(mip6_bind_t *b, const uint8_t *pkt, size_t len, mip6_ns_t now)
{
	if (!b->node || !mip6_bind_enter(b, now))
		return MIP6_PASS;
	if (b->tap)
		b->tap(b->tap_ctx, MIP6_BIND_DIR_OUTPUT, 0, pkt, len, now);
	mip6_verdict_t v = mip6_node_output(b->node, pkt, len, now);
	mip6_bind_leave(b);
	return v;
}

void mip6_bind_link(mip6_bind_t *b, uint32_t ifindex, bool up, mip6_ns_t now)
{
	if (!b->node || !mip6_bind_enter(b, now))
		return;
	mip6_node_link(b->node, ifindex, up, now);
	mip6_bind_leave(b);
}

void mip6_bind_addr(mip6_bind_t *b, uint32_t ifindex, const mip6_addr_t *addr, uint8_t plen, uint16_t flags,
                    bool added, mip6_ns_t now)
{
	if (!b->node || !mip6_bind_enter(b, now))
		return;
	mip6_node_addr(b->node, ifindex, addr, plen, flags, added, now);
	mip6_bind_leave(b);
}

void mip6_bind_op_result(mip6_bind_t *b, uint32_t op_id, int status, mip6_ns_t now)
{
	if (!b->node)
		return;
	if (b->depth) {
		/* From inside a callback: the answer waits for the call to end. */
		b->now = now;
		mip6_bind_answer_op(b, op_id, status);
		return;
	}
	switch (mip6_bind_ops_answer(&b->ops, op_id, NULL)) {
	case MIP6_BIND_OP_OK:
		break;
	case MIP6_BIND_OP_UNKNOWN:
		b->stats.op_unknown++;
		return;
	case MIP6_BIND_OP_DOUBLE:
		b->stats.op_double++;
		return;
	}
	mip6_bind_enter(b, now);
	mip6_node_op_result(b->node, op_id, status, now);
	mip6_bind_leave(b);
}

int mip6_bind_command(mip6_bind_t *b, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	if (!b->node || !mip6_bind_enter(b, now))
		return MIP6_E_INVAL;
	int r = mip6_node_command(b->node, m, now);
	mip6_bind_leave(b);
	return r;
}

int mip6_bind_bus_input(mip6_bind_t *b, const uint8_t *msg, size_t len, mip6_ns_t now)
{
	if (!b->node || !mip6_bind_enter(b, now))
		return MIP6_E_INVAL;
	int r = mip6_node_bus_input(b->node, msg, len, now);
	mip6_bind_leave(b);
	return r;
}

bool mip6_bind_timeout(mip6_bind_t *b, mip6_ns_t now)
{
	const bool was_dead = b->timer.dead;
	if (!mip6_bind_timer_fire(&b->timer, now)) {
		if (!was_dead)
			b->stats.storms++;
		return false;
	}
	if (!mip6_bind_enter(b, now))
		return true;
	for (unsigned i = 0; i < b->nclocks; i++)
		if (b->clocks[i].next(b->clocks[i].ctx) <= now)
			b->clocks[i].fire(b->clocks[i].ctx, now);
	if (b->node && mip6_node_next_timeout(b->node) <= now)
		mip6_node_timeout(b->node, now);
	mip6_bind_leave(b);
	return true;
}

mip6_ns_t mip6_bind_next_timer(mip6_bind_t *b, mip6_ns_t now)
{
	mip6_ns_t t = b->node ? mip6_node_next_timeout(b->node) : MIP6_NS_NEVER;
	for (unsigned i = 0; i < b->nclocks; i++) {
		mip6_ns_t c = b->clocks[i].next(b->clocks[i].ctx);
		if (c < t)
			t = c;
	}
	return mip6_bind_timer_next(&b->timer, t, now);
}

int mip6_bind_add_clock(mip6_bind_t *b, const mip6_bind_clock_t *c)
{
	if (b->nclocks == MIP6_BIND_MAX_CLOCKS)
		return MIP6_E_NOSPC;
	b->clocks[b->nclocks++] = *c;
	return 0;
}

void mip6_bind_set_tap(mip6_bind_t *b, mip6_bind_tap_fn fn, void *ctx)
{
	b->tap = fn;
	b->tap_ctx = ctx;
}

mip6_bind_ops_t *mip6_bind_ledger(mip6_bind_t *b)
{
	return &b->ops;
}

mip6_bind_timer_t *mip6_bind_get_timer(mip6_bind_t *b)
{
	return &b->timer;
}

const mip6_bind_stats_t *mip6_bind_get_stats(const mip6_bind_t *b)
{
	return &b->stats;
}
