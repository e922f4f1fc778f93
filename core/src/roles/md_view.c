/* SPDX-License-Identifier: BSD-3-Clause */
/* Movement detection's prefixes, care-of addresses and routers as
 * mip6/view.h shows them. */
#include "../view_internal.h"
#include "md_internal.h"

static const md_t *md_of(const mip6_component_t *c)
{
	return (const md_t *)(const void *)((const char *)c - offsetof(md_t, comp));
}

static const char *state_name(const md_prefix_t *p)
{
	switch (p->state) {
	case MD_A_TENTATIVE:
		return "TENTATIVE";
	case MD_A_OPTIMISTIC:
		return "OPTIMISTIC";
	case MD_A_VALID:
		return p->deprecated ? "DEPRECATED" : "PREFERRED";
	case MD_A_FAILED:
		return "FAILED";
	case MD_A_REMOVED:
		return "REMOVED";
	default:
		return "NONE";
	}
}

/* An address MD formed or adopted (not the home prefix, not a bare prefix). */
static bool has_coa(const md_prefix_t *p)
{
	return p->used && !p->home && p->state != MD_A_NONE && p->state != MD_A_FAILED &&
	       p->state != MD_A_REMOVED;
}

static void fill(const md_t *md, unsigned slot, int k, mip6_view_coa_t *v)
{
	const md_iface_t *mi = &md->ifs[slot];
	const md_prefix_t *p = &mi->prefixes[k];
	memset(v, 0, sizeof(*v));
	v->ifindex = md->comp.node->ifaces[slot].cfg.ifindex;
	mip6_view_name(v->state, state_name(p));
	v->home = p->home;
	v->usable = mip6_md_prefix_usable(p);
	v->chosen = mi->cur == k;
	v->primary = v->chosen && md->pref_if == (int)slot && md->pref != MD_ATT_NONE;
	v->adopted = p->adopted;
	v->plen = p->plen;
	v->prefix = p->prefix;
	if (p->state != MD_A_NONE)
		v->addr = p->addr;
	for (unsigned r = 0; r < MD_MAX_ROUTERS; r++)
		if ((p->routers & (1u << r)) && mi->routers[r].used) {
			v->router = mi->routers[r].addr;
			break;
		}
	v->valid_until = p->valid_until;
	v->preferred_until = p->preferred_until;
}

size_t mip6_md_view_coas(const mip6_component_t *c, mip6_view_coa_t *out, size_t cap)
{
	const md_t *md = md_of(c);
	size_t total = 0;
	for (unsigned s = 0; s < c->node->nifaces; s++)
		for (int k = 0; k < MD_MAX_PREFIXES; k++) {
			if (!md->ifs[s].prefixes[k].used)
				continue;
			if (total < cap)
				fill(md, s, k, &out[total]);
			total++;
		}
	return total;
}

void mip6_md_view_iface(const mip6_component_t *c, unsigned slot, mip6_view_iface_t *out)
{
	const md_iface_t *mi = &md_of(c)->ifs[slot];
	uint8_t routers = 0, coas = 0;
	for (unsigned r = 0; r < MD_MAX_ROUTERS; r++)
		routers += mi->routers[r].used;
	for (unsigned k = 0; k < MD_MAX_PREFIXES; k++) {
		coas += has_coa(&mi->prefixes[k]);
		out->home |= mi->prefixes[k].used && mi->prefixes[k].home && mi->prefixes[k].routers;
	}
	out->routers = routers;
	out->coas = coas;
}

void mip6_md_view_node(const mip6_component_t *c, mip6_view_node_t *out)
{
	const md_t *md = md_of(c);
	out->md = true;
	uint32_t coas = 0;
	for (unsigned s = 0; s < c->node->nifaces; s++)
		for (unsigned k = 0; k < MD_MAX_PREFIXES; k++)
			coas += has_coa(&md->ifs[s].prefixes[k]);
	out->coas = coas;
}
