/* SPDX-License-Identifier: BSD-3-Clause */
/* The correspondent's binding cache as mip6/view.h shows it: the bound
 * entries only (a RETIRED one holds no binding, only the sequence number
 * RFC 6275 5.2.8 asks to remember). */
#include "../view_internal.h"
#include "cn_internal.h"

static const cn_t *cn_of(const mip6_component_t *c)
{
	return (const cn_t *)(const void *)((const char *)c - offsetof(cn_t, comp));
}

static void fill(const cn_bce_t *e, mip6_ns_t now, mip6_view_bc_t *v)
{
	memset(v, 0, sizeof(*v));
	v->role = MIP6_NODE_CN;
	v->flags = MIP6_BF_RO;
	v->seq = e->seq;
	v->lifetime_s = e->lifetime_s;
	v->expires = mip6_timer_armed(&e->timer) ? e->timer.when : MIP6_NS_NEVER;
	v->left_s = mip6_view_left_s(now, v->expires);
	v->hoa = e->hoa;
	v->coa = e->coa;
	v->local = e->cn;
}

size_t mip6_cn_view_bc(const mip6_component_t *c, const mip6_addr_t *hoa, mip6_view_bc_t *out, size_t cap)
{
	const cn_t *cn = cn_of(c);
	mip6_ns_t now = c->node->now;
	if (hoa) {
		const cn_bce_t *e = cn->bc.nbuckets ? mip6_cn_bc_find(&cn->bc, hoa) : NULL;
		if (!e || e->state != CN_BCE_BOUND)
			return 0;
		if (cap)
			fill(e, now, out);
		return 1;
	}
	size_t total = 0;
	for (uint32_t i = 0; i < cn->bc.nbuckets; i++)
		for (const cn_bce_t *e = cn->bc.bucket[i]; e; e = e->next) {
			if (e->state != CN_BCE_BOUND)
				continue;
			if (total < cap)
				fill(e, now, &out[total]);
			total++;
		}
	return total;
}

void mip6_cn_view_node(const mip6_component_t *c, mip6_view_node_t *out)
{
	out->roles |= MIP6_NODE_CN;
	out->cn_bindings = (uint32_t)mip6_cn_view_bc(c, NULL, NULL, 0);
}
