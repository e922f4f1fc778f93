/* SPDX-License-Identifier: BSD-3-Clause */
/* Binary min-heap of timers embedded in their owners. */
#include "mip6/err.h"
#include "mip6/timer.h"

void mip6_timerq_init(mip6_timerq_t *q, mip6_alloc_t alloc)
{
	q->heap = NULL;
	q->n = q->cap = 0;
	q->alloc = alloc;
}

void mip6_timerq_free(mip6_timerq_t *q)
{
	for (uint32_t i = 0; i < q->n; i++)
		q->heap[i]->slot = 0;
	mip6_free(&q->alloc, q->heap);
	q->heap = NULL;
	q->n = q->cap = 0;
}

static void place(mip6_timerq_t *q, uint32_t i, mip6_timer_t *t)
{
	q->heap[i] = t;
	t->slot = i + 1;
}

static void sift_up(mip6_timerq_t *q, uint32_t i)
{
	mip6_timer_t *t = q->heap[i];
	while (i > 0) {
		uint32_t parent = (i - 1) / 2;
		if (q->heap[parent]->when <= t->when)
			break;
		place(q, i, q->heap[parent]);
		i = parent;
	}
	place(q, i, t);
}

static void sift_down(mip6_timerq_t *q, uint32_t i)
{
	mip6_timer_t *t = q->heap[i];
	for (;;) {
		uint32_t c = 2 * i + 1;
		if (c >= q->n)
			break;
		if (c + 1 < q->n && q->heap[c + 1]->when < q->heap[c]->when)
			c++;
		if (t->when <= q->heap[c]->when)
			break;
		place(q, i, q->heap[c]);
		i = c;
	}
	place(q, i, t);
}

int mip6_timerq_arm(mip6_timerq_t *q, mip6_timer_t *t, mip6_ns_t when)
{
	if (t->slot) {
		mip6_ns_t old = t->when;
		t->when = when;
		if (when < old)
			sift_up(q, t->slot - 1);
		else
			sift_down(q, t->slot - 1);
		return 0;
	}
	if (q->n == q->cap) {
		uint32_t cap = q->cap ? q->cap * 2 : 16;
		mip6_timer_t **h = mip6_realloc(&q->alloc, q->heap, (size_t)cap * sizeof(*h));
		if (!h)
			return MIP6_E_NOMEM;
		q->heap = h;
		q->cap = cap;
	}
	t->when = when;
	q->heap[q->n] = t;
	t->slot = ++q->n;
	sift_up(q, q->n - 1);
	return 0;
}

void mip6_timerq_cancel(mip6_timerq_t *q, mip6_timer_t *t)
{
	if (!t->slot)
		return;
	uint32_t i = t->slot - 1;
	t->slot = 0;
	mip6_timer_t *last = q->heap[--q->n];
	if (i == q->n)
		return;
	place(q, i, last);
	if (i > 0 && q->heap[(i - 1) / 2]->when > last->when)
		sift_up(q, i);
	else
		sift_down(q, i);
}

mip6_ns_t mip6_timerq_next(const mip6_timerq_t *q)
{
	return q->n ? q->heap[0]->when : MIP6_NS_NEVER;
}

mip6_timer_t *mip6_timerq_pop_due(mip6_timerq_t *q, mip6_ns_t now)
{
	if (!q->n || q->heap[0]->when > now)
		return NULL;
	mip6_timer_t *t = q->heap[0];
	mip6_timerq_cancel(q, t);
	return t;
}
