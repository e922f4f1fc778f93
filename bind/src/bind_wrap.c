/* SPDX-License-Identifier: BSD-3-Clause */
#include "mip6/bind_wrap.h"

#include <string.h>

static void fwd_send(void *ctx, uint32_t ifindex, const uint8_t *pkt, size_t len)
{
	mip6_bind_wrap_t *w = ctx;
	w->inner.send(w->inner.ctx, ifindex, pkt, len);
}

static void fwd_deliver(void *ctx, const uint8_t *pkt, size_t len)
{
	mip6_bind_wrap_t *w = ctx;
	w->inner.deliver(w->inner.ctx, pkt, len);
}

static void fwd_op_submit(void *ctx, const mip6_op_t *op)
{
	mip6_bind_wrap_t *w = ctx;
	w->inner.op_submit(w->inner.ctx, op);
}

static void fwd_random(void *ctx, uint8_t *out, size_t len)
{
	mip6_bind_wrap_t *w = ctx;
	w->inner.random(w->inner.ctx, out, len);
}

static void fwd_trace(void *ctx, const mip6_trace_t *ev)
{
	mip6_bind_wrap_t *w = ctx;
	w->inner.trace(w->inner.ctx, ev);
}

static void fwd_bus_out(void *ctx, const uint8_t *msg, size_t len)
{
	mip6_bind_wrap_t *w = ctx;
	w->inner.bus_out(w->inner.ctx, msg, len);
}

static uint64_t fwd_time_of_day(void *ctx)
{
	mip6_bind_wrap_t *w = ctx;
	return w->inner.time_of_day(w->inner.ctx);
}

void mip6_bind_wrap_init(mip6_bind_wrap_t *w, const mip6_env_t *inner)
{
	memset(&w->env, 0, sizeof(w->env));
	w->inner = *inner;
	w->env.ctx = w;
	w->env.send = inner->send ? fwd_send : NULL;
	w->env.deliver = inner->deliver ? fwd_deliver : NULL;
	w->env.op_submit = inner->op_submit ? fwd_op_submit : NULL;
	w->env.random = inner->random ? fwd_random : NULL;
	w->env.trace = inner->trace ? fwd_trace : NULL;
	w->env.bus_out = inner->bus_out ? fwd_bus_out : NULL;
	w->env.time_of_day = inner->time_of_day ? fwd_time_of_day : NULL;
	w->env.alloc = inner->alloc;
}
