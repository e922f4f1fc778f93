/* SPDX-License-Identifier: BSD-3-Clause */
/* mip6/view.h: read-only snapshots of a node's state. The node-level
 * parts are here; each role's entries are read by core/src/roles/ *_view.c
 * next to the state they copy. */
#include "mip6/dp.h"
#include "mip6/err.h"
#include "view_internal.h"

static const mip6_component_t *comp(const mip6_node_t *n, unsigned id)
{
	return n->comp[id];
}

void mip6_view_node(const mip6_node_t *n, mip6_view_node_t *out)
{
	memset(out, 0, sizeof(*out));
	out->nifaces = n->nifaces;
	if (comp(n, COMP_MN))
		mip6_mn_view_node(comp(n, COMP_MN), out);
	if (comp(n, COMP_HA))
		mip6_ha_view_node(comp(n, COMP_HA), out);
	if (comp(n, COMP_CN))
		mip6_cn_view_node(comp(n, COMP_CN), out);
	if (comp(n, COMP_MD))
		mip6_md_view_node(comp(n, COMP_MD), out);
	out->dp_bindings = mip6_dp_bc_count(n->dp);
	out->dp_mnps = mip6_dp_mnp_count(n->dp);
	out->dp_memory = mip6_dp_memory(n->dp);
	out->bus_queued = n->bus.count;
	for (unsigned i = 0; i < NODE_DAD_MAX; i++)
		out->dad_ops += n->dad[i].id != 0;
	out->now = n->now;
	out->next_timeout = mip6_node_next_timeout(n);
}

size_t mip6_view_ifaces(const mip6_node_t *n, mip6_view_iface_t *out, size_t cap)
{
	for (unsigned i = 0; i < n->nifaces && i < cap; i++) {
		const mip6_iface_t *ifc = &n->ifaces[i];
		mip6_view_iface_t *v = &out[i];
		memset(v, 0, sizeof(*v));
		v->ifindex = ifc->cfg.ifindex;
		v->up = ifc->up;
		v->preference = ifc->cfg.preference;
		v->bid = ifc->cfg.bid;
		v->lladdr_len =
		    ifc->cfg.lladdr_len <= sizeof(v->lladdr) ? ifc->cfg.lladdr_len : sizeof(v->lladdr);
		memcpy(v->lladdr, ifc->cfg.lladdr, v->lladdr_len);
		if (comp(n, COMP_MD))
			mip6_md_view_iface(comp(n, COMP_MD), i, v);
	}
	return n->nifaces;
}

/* HA entries, then CN entries, in one array. */
static size_t bc(const mip6_node_t *n, const mip6_addr_t *hoa, mip6_view_bc_t *out, size_t cap)
{
	size_t total = 0;
	if (comp(n, COMP_HA))
		total += mip6_ha_view_bc(comp(n, COMP_HA), hoa, out, cap);
	if (comp(n, COMP_CN)) {
		size_t at = total < cap ? total : cap;
		total += mip6_cn_view_bc(comp(n, COMP_CN), hoa, out ? out + at : NULL, cap - at);
	}
	return total;
}

size_t mip6_view_bc(const mip6_node_t *n, mip6_view_bc_t *out, size_t cap)
{
	return bc(n, NULL, out, cap);
}

size_t mip6_view_bc_of(const mip6_node_t *n, const mip6_addr_t *hoa, mip6_view_bc_t *out, size_t cap)
{
	return hoa ? bc(n, hoa, out, cap) : 0;
}

size_t mip6_view_bul(const mip6_node_t *n, mip6_view_bul_t *out, size_t cap)
{
	return comp(n, COMP_MN) ? mip6_mn_view_bul(comp(n, COMP_MN), out, cap) : 0;
}

size_t mip6_view_rr(const mip6_node_t *n, mip6_view_rr_t *out, size_t cap)
{
	return comp(n, COMP_MN) ? mip6_mn_view_rr(comp(n, COMP_MN), out, cap) : 0;
}

size_t mip6_view_home_prefixes(const mip6_node_t *n, mip6_view_home_prefix_t *out, size_t cap)
{
	return comp(n, COMP_MN) ? mip6_mn_view_home_prefixes(comp(n, COMP_MN), out, cap) : 0;
}

size_t mip6_view_coas(const mip6_node_t *n, mip6_view_coa_t *out, size_t cap)
{
	return comp(n, COMP_MD) ? mip6_md_view_coas(comp(n, COMP_MD), out, cap) : 0;
}

int mip6_view_dp_bc(const mip6_node_t *n, const mip6_addr_t *hoa, uint16_t bid, mip6_view_dp_bc_t *out)
{
	mip6_view_dp_bc_t v;
	memset(&v, 0, sizeof(v));
	if (!hoa || mip6_dp_bc_get(n->dp, hoa, bid, &v.coa, &v.flags) != 0)
		return MIP6_E_INVAL;
	v.hoa = *hoa;
	v.bid = bid;
	if (out)
		*out = v;
	return 0;
}
