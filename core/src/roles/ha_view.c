/* SPDX-License-Identifier: BSD-3-Clause */
/* The home agent's binding cache as mip6/view.h shows it: one entry per
 * home address and BID, or one for a first registration waiting for DAD. */
#include "../view_internal.h"
#include "ha_internal.h"

static const ha_t *ha_of(const mip6_component_t *c)
{
	return HA_CONTAINER(c, const ha_t, comp);
}

static void fill_common(const ha_t *ha, const ha_mn_t *mn, mip6_view_bc_t *v)
{
	memset(v, 0, sizeof(*v));
	v->role = MIP6_NODE_HA;
	v->flags = (uint16_t)(MIP6_BF_HOME | (mn->mr ? MIP6_BF_MR : 0));
	v->seq = mn->seq;
	v->hoa = mn->hoa;
	v->local = ha->cfg.addr;
	v->nmnp = mn->nmnp;
	for (unsigned i = 0; i < mn->nmnp && i < MIP6_MAX_MNP; i++)
		v->mnp[i] = mn->mnp[i];
}

/* The entries of one home address record, counted and written from out[k]. */
static size_t fill_mn(const ha_t *ha, const ha_mn_t *mn, mip6_ns_t now, mip6_view_bc_t *out, size_t cap,
                      size_t k)
{
	if (mn->has_dad) {
		if (k < cap) {
			mip6_view_bc_t *v = &out[k];
			fill_common(ha, mn, v);
			v->dad_pending = true;
			v->expires = MIP6_NS_NEVER;
			const ha_req_t *r = mn->u.dad ? mn->u.dad->reqs : NULL;
			if (r) {
				v->coa = r->coa;
				v->seq = r->seq;
				v->bid = r->nbid ? r->bid[0].bid : 0;
				v->lifetime_s = (uint32_t)r->lifetime_u * 4u;
			}
		}
		return 1;
	}
	size_t got = 0;
	for (const ha_bce_t *b = ha_mn_bces(mn); b; b = b->next, got++) {
		if (k + got >= cap)
			continue;
		mip6_view_bc_t *v = &out[k + got];
		fill_common(ha, mn, v);
		v->bid = b->bid;
		v->coa = b->coa;
		v->lifetime_s = b->lifetime_s;
		v->expires = b->expires;
		v->left_s = mip6_view_left_s(now, b->expires);
	}
	return got;
}

size_t mip6_ha_view_bc(const mip6_component_t *c, const mip6_addr_t *hoa, mip6_view_bc_t *out, size_t cap)
{
	const ha_t *ha = ha_of(c);
	mip6_ns_t now = c->node->now;
	if (hoa) {
		const ha_mn_t *mn = ha->nbuckets ? mip6_ha_mn_find(ha, hoa) : NULL;
		return mn ? fill_mn(ha, mn, now, out, cap, 0) : 0;
	}
	size_t total = 0;
	for (uint32_t i = 0; i < ha->nbuckets; i++)
		for (const ha_mn_t *mn = ha->buckets[i]; mn; mn = mn->hnext)
			total += fill_mn(ha, mn, now, out, cap, total);
	return total;
}

void mip6_ha_view_node(const mip6_component_t *c, mip6_view_node_t *out)
{
	const ha_t *ha = ha_of(c);
	out->roles |= MIP6_NODE_HA;
	out->ha_homes = ha->nmn;
	out->ha_routers = ha->nmr;
	out->ha_bindings = ha->nbce;
	uint32_t dad = 0;
	for (const ha_dad_t *d = ha->pending; d; d = d->next)
		dad++;
	out->ha_dad_pending = dad;
}
