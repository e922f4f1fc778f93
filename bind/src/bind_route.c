/* SPDX-License-Identifier: BSD-3-Clause */
#include "mip6/bind_route.h"

#include <string.h>

#include "mip6/err.h"

size_t mip6_bind_route_select(size_t n, bool (*get)(void *ctx, size_t i, mip6_bind_route_t *r), void *ctx,
                              const mip6_addr_t *dst, const mip6_addr_t *src)
{
	size_t best = MIP6_BIND_ROUTE_NONE;
	unsigned best_plen = 0;
	/* Pass 0: source routes (policy first); pass 1: destination routes. */
	for (int pass = src ? 0 : 1; pass < 2 && best == MIP6_BIND_ROUTE_NONE; pass++)
		for (size_t i = 0; i < n; i++) {
			mip6_bind_route_t r;
			if (!get(ctx, i, &r) || r.source != (pass == 0))
				continue;
			if (!mip6_addr_prefix_match(&r.prefix, pass == 0 ? src : dst, r.plen))
				continue;
			if (best == MIP6_BIND_ROUTE_NONE || r.plen > best_plen) {
				best = i;
				best_plen = r.plen;
			}
		}
	return best;
}

void mip6_bind_rtable_init(mip6_bind_rtable_t *t, mip6_bind_route_t *storage, size_t cap)
{
	t->v = storage;
	t->n = 0;
	t->cap = cap;
}

static bool same_route(const mip6_bind_route_t *a, const mip6_bind_route_t *b)
{
	return a->source == b->source && a->plen == b->plen && a->ifindex == b->ifindex &&
	       mip6_addr_prefix_match(&a->prefix, &b->prefix, a->plen);
}

int mip6_bind_rtable_add(mip6_bind_rtable_t *t, const mip6_bind_route_t *r)
{
	for (size_t i = 0; i < t->n; i++)
		if (same_route(&t->v[i], r)) {
			t->v[i].gw = r->gw;
			return 0;
		}
	if (t->n == t->cap)
		return MIP6_E_NOSPC;
	t->v[t->n++] = *r;
	return 0;
}

int mip6_bind_rtable_del(mip6_bind_rtable_t *t, const mip6_bind_route_t *r)
{
	for (size_t i = 0; i < t->n; i++)
		if (same_route(&t->v[i], r)) {
			memmove(&t->v[i], &t->v[i + 1], (t->n - i - 1) * sizeof(*t->v));
			t->n--;
			return 0;
		}
	return MIP6_E_INVAL;
}

int mip6_bind_rtable_op(mip6_bind_rtable_t *t, const mip6_op_t *op)
{
	mip6_bind_route_t r;
	memset(&r, 0, sizeof(r));
	r.prefix = op->addr;
	r.plen = op->plen;
	r.source = (op->flags & MIP6_ROUTEF_SOURCE) != 0;
	r.ifindex = op->ifindex;
	r.gw = op->remote;
	switch (op->kind) {
	case MIP6_OP_ROUTE_ADD:
		return mip6_bind_rtable_add(t, &r);
	case MIP6_OP_ROUTE_DEL:
		return mip6_bind_rtable_del(t, &r);
	default:
		return MIP6_E_INVAL;
	}
}

static bool rtable_get(void *ctx, size_t i, mip6_bind_route_t *r)
{
	*r = ((const mip6_bind_rtable_t *)ctx)->v[i];
	return true;
}

const mip6_bind_route_t *mip6_bind_rtable_lookup(const mip6_bind_rtable_t *t, const mip6_addr_t *dst,
                                                 const mip6_addr_t *src)
{
	size_t i = mip6_bind_route_select(t->n, rtable_get, (void *)(uintptr_t)t, dst, src);
	return i == MIP6_BIND_ROUTE_NONE ? NULL : &t->v[i];
}
