/* SPDX-License-Identifier: BSD-3-Clause */
#include "mip6/bind_fault.h"

#include <string.h>

#include "mip6/err.h"

struct mip6_bind_held {
	struct mip6_bind_held *next;
	mip6_ns_t due;
	uint32_t ifindex;
	size_t len;
	uint8_t pkt[];
};

static bool should_drop(mip6_bind_fault_t *f, uint32_t ifindex, const uint8_t *pkt, size_t len)
{
	if (f->drop_if && f->drop_if(f->drop_ctx, ifindex, pkt, len))
		return true;
	if (f->drop_every && f->sent % f->drop_every == 0)
		return true;
	if (f->drop_ppm && f->rand32 && f->rand32(f->rand_ctx) % 1000000u < f->drop_ppm)
		return true;
	return false;
}

static void fault_send(void *ctx, uint32_t ifindex, const uint8_t *pkt, size_t len)
{
	mip6_bind_fault_t *f = ctx;
	f->sent++;
	if (should_drop(f, ifindex, pkt, len)) {
		f->dropped++;
		return;
	}
	if (!f->delay || !f->bind) {
		f->w.inner.send(f->w.inner.ctx, ifindex, pkt, len);
		return;
	}
	mip6_bind_held_t *h = mip6_malloc(&f->alloc, sizeof(*h) + len);
	if (!h) {
		f->delay_nomem++;
		return;
	}
	h->next = NULL;
	h->due = mip6_bind_now(f->bind) + f->delay;
	h->ifindex = ifindex;
	h->len = len;
	memcpy(h->pkt, pkt, len);
	if (f->tail)
		f->tail->next = h;
	else
		f->head = h;
	f->tail = h;
	f->delayed++;
}

static void fault_op_submit(void *ctx, const mip6_op_t *op)
{
	mip6_bind_fault_t *f = ctx;
	if (f->bind && op->kind < MIP6_BIND_FAULT_KINDS && f->fail_status[op->kind]) {
		f->ops_failed++;
		mip6_bind_answer_op(f->bind, op->id, f->fail_status[op->kind]);
		return;
	}
	f->w.inner.op_submit(f->w.inner.ctx, op);
}

/* One delay for every packet: due times only grow, the queue is in order. */
static mip6_ns_t held_next(void *ctx)
{
	const mip6_bind_fault_t *f = ctx;
	return f->head ? f->head->due : MIP6_NS_NEVER;
}

static void held_fire(void *ctx, mip6_ns_t now)
{
	mip6_bind_fault_t *f = ctx;
	while (f->head && f->head->due <= now) {
		mip6_bind_held_t *h = f->head;
		f->head = h->next;
		if (!f->head)
			f->tail = NULL;
		f->w.inner.send(f->w.inner.ctx, h->ifindex, h->pkt, h->len);
		mip6_free(&f->alloc, h);
	}
}

void mip6_bind_fault_init(mip6_bind_fault_t *f, const mip6_env_t *inner, mip6_alloc_t alloc)
{
	memset(f, 0, sizeof(*f));
	mip6_bind_wrap_init(&f->w, inner);
	f->w.env.send = fault_send;
	f->w.env.op_submit = fault_op_submit;
	f->alloc = alloc;
}

int mip6_bind_fault_attach(mip6_bind_fault_t *f, mip6_bind_t *b)
{
	mip6_bind_clock_t c = {held_next, held_fire, f};
	f->bind = b;
	return mip6_bind_add_clock(b, &c);
}

void mip6_bind_fault_fini(mip6_bind_fault_t *f)
{
	while (f->head) {
		mip6_bind_held_t *h = f->head;
		f->head = h->next;
		mip6_free(&f->alloc, h);
	}
	f->tail = NULL;
}

size_t mip6_bind_fault_held(const mip6_bind_fault_t *f)
{
	size_t n = 0;
	for (const mip6_bind_held_t *h = f->head; h; h = h->next)
		n++;
	return n;
}
