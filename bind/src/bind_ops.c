/* SPDX-License-Identifier: BSD-3-Clause */
#include "mip6/bind_ops.h"

#include <string.h>

#include "mip6/err.h"

const char *mip6_op_kind_name(uint16_t kind)
{
	static const char *const names[] = {
	    [MIP6_OP_ADDR_ADD] = "addr-add",
	    [MIP6_OP_ADDR_DEL] = "addr-del",
	    [MIP6_OP_ROUTE_ADD] = "route-add",
	    [MIP6_OP_ROUTE_DEL] = "route-del",
	    [MIP6_OP_PROXY_ND_ADD] = "proxy-add",
	    [MIP6_OP_PROXY_ND_DEL] = "proxy-del",
	    [MIP6_OP_DAD] = "dad",
	    [MIP6_OP_TUNNEL_ADD] = "tunnel-add",
	    [MIP6_OP_TUNNEL_DEL] = "tunnel-del",
	};
	if (kind >= sizeof(names) / sizeof(names[0]) || !names[kind])
		return "op?";
	return names[kind];
}

const char *mip6_trace_kind_name(uint16_t kind)
{
	static const char *const names[] = {
	    [MIP6_TR_STATE] = "state", [MIP6_TR_RX] = "rx",           [MIP6_TR_TX] = "tx",
	    [MIP6_TR_DROP] = "drop",   [MIP6_TR_BINDING] = "binding", [MIP6_TR_INFO] = "info",
	};
	if (kind >= sizeof(names) / sizeof(names[0]) || !names[kind])
		return "?";
	return names[kind];
}

void mip6_bind_ops_init(mip6_bind_ops_t *l, mip6_alloc_t alloc)
{
	memset(l, 0, sizeof(*l));
	l->alloc = alloc;
}

void mip6_bind_ops_fini(mip6_bind_ops_t *l)
{
	mip6_free(&l->alloc, l->pending);
	l->pending = NULL;
	l->npending = l->cap = 0;
}

void mip6_bind_ops_clear(mip6_bind_ops_t *l)
{
	l->npending = 0;
	l->nrecent = l->recent_head = 0;
}

int mip6_bind_ops_submit(mip6_bind_ops_t *l, const mip6_op_t *op, mip6_ns_t now)
{
	if (l->npending == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		void *p = mip6_realloc(&l->alloc, l->pending, cap * sizeof(*l->pending));
		if (!p) {
			l->lost++;
			return MIP6_E_NOMEM;
		}
		l->pending = p;
		l->cap = cap;
	}
	l->pending[l->npending].op = *op;
	l->pending[l->npending].submitted = now;
	l->npending++;
	l->submitted++;
	return 0;
}

const mip6_bind_op_rec_t *mip6_bind_ops_find(const mip6_bind_ops_t *l, uint32_t id)
{
	for (size_t i = 0; i < l->npending; i++)
		if (l->pending[i].op.id == id)
			return &l->pending[i];
	return NULL;
}

static int recently_answered(const mip6_bind_ops_t *l, uint32_t id)
{
	for (unsigned i = 0; i < l->nrecent; i++)
		if (l->recent[i] == id)
			return 1;
	return 0;
}

mip6_bind_op_check_t mip6_bind_ops_answer(mip6_bind_ops_t *l, uint32_t id, mip6_bind_op_rec_t *rec)
{
	const mip6_bind_op_rec_t *r = mip6_bind_ops_find(l, id);
	if (!r) {
		if (recently_answered(l, id)) {
			l->doubled++;
			return MIP6_BIND_OP_DOUBLE;
		}
		l->unknown++;
		return MIP6_BIND_OP_UNKNOWN;
	}
	if (rec)
		*rec = *r;
	size_t i = (size_t)(r - l->pending);
	memmove(&l->pending[i], &l->pending[i + 1], (l->npending - i - 1) * sizeof(*l->pending));
	l->npending--;
	l->recent[l->recent_head] = id;
	l->recent_head = (l->recent_head + 1) % MIP6_BIND_OPS_RECENT;
	if (l->nrecent < MIP6_BIND_OPS_RECENT)
		l->nrecent++;
	l->answered++;
	return MIP6_BIND_OP_OK;
}
