/* SPDX-License-Identifier: BSD-3-Clause */
/* Movement detection: is the default router still there? Unicast Neighbor
 * Solicitations to each router of an interface that holds a confirmed
 * care-of address, every cfg.nud_probe_ms; MAX_UNICAST_SOLICIT (3) of them
 * RetransTimer apart left unanswered mean the router is unreachable
 * (RFC 4861 7.3.3), its prefixes lose it and, with no other router, their
 * care-of addresses become unusable (SHISA's DETACHED). */
#include "md_internal.h"

/* A DAD-confirmed address on the interface, one of this router's prefixes
 * first. Not an optimistic one: RFC 4429 keeps optimistic addresses out of
 * Neighbor Solicitations until DAD has passed. */
static bool probe_source(md_iface_t *mi, const md_router_t *r, mip6_addr_t *src)
{
	uint32_t bit = 1u << (unsigned)(r - mi->routers);
	const md_prefix_t *any = NULL;
	for (unsigned i = 0; i < MD_MAX_PREFIXES; i++) {
		const md_prefix_t *p = &mi->prefixes[i];
		if (!p->used || p->home || p->state != MD_A_VALID)
			continue;
		if (p->routers & bit) {
			*src = p->addr;
			return true;
		}
		if (!any)
			any = p;
	}
	if (any)
		*src = any->addr;
	return any != NULL;
}

static void arm(md_t *md, md_router_t *r, mip6_ns_t when)
{
	if (mip6_node_arm(md_node(md), &r->timer, when) != 0)
		mip6_md_info(md, MIP6_EV_MD_NUD_TIMER_NOT_ARMED, "NUD timer not armed: no memory", &r->addr,
		             NULL, md->ifs[r->ifslot].ifindex);
}

static void send_probe(md_t *md, md_router_t *r, const mip6_addr_t *src)
{
	mip6_node_t *n = md_node(md);
	md_iface_t *mi = &md->ifs[r->ifslot];
	const mip6_iface_cfg_t *ic = md_ifcfg(md, r->ifslot);
	mip6_icmp6_t ns;
	mip6_icmp6_init(&ns, MIP6_ICMP6_NS);
	ns.u.nd.target = r->addr;
	/* RFC 4861 7.2.2: a unicast solicitation SHOULD carry our link-layer address. */
	if (ic->lladdr_len > 0 && ic->lladdr_len <= MIP6_LLA_MAX) {
		mip6_nd_opt_t *o = mip6_icmp6_add_opt(&ns, MIP6_ND_OPT_SLLA);
		if (o) {
			o->u.lla.len = ic->lladdr_len;
			memcpy(o->u.lla.addr, ic->lladdr, ic->lladdr_len);
		}
	}
	r->probes++;
	/* RFC 4861 7.1.1: ND messages are sent with hop limit 255. */
	mip6_node_send_icmp6(n, mi->ifindex, src, &r->addr, 255, &ns);
	mip6_md_info(md, MIP6_EV_MD_NUD_PROBE, "NUD probe of the router", &r->addr, src, r->probes);
	arm(md, r, n->now + MIP6_MS(r->retrans_ms));
}

static void unreachable(md_t *md, md_router_t *r, uint16_t code, const char *why)
{
	unsigned slot = r->ifslot;
	mip6_md_router_remove(md, slot, r, code, why);
	/* Look for whatever router is on the link now (RFC 6275 11.5.1). */
	mip6_md_rs_start(md, slot, false);
}

void mip6_md_nud_probe_now(md_t *md, unsigned slot, md_router_t *r)
{
	mip6_addr_t src;
	if (!probe_source(&md->ifs[slot], r, &src)) {
		unreachable(md, r, MIP6_EV_MD_ROUTER_UNCHECKABLE,
		            "old router not checkable (no confirmed address): taken as gone");
		return;
	}
	r->nud = MD_NUD_PROBE;
	r->probes = 0;
	send_probe(md, r, &src);
}

void mip6_md_nud_kick(md_t *md, unsigned slot)
{
	if (!md->cfg.nud_probe_ms)
		return;
	mip6_node_t *n = md_node(md);
	md_iface_t *mi = &md->ifs[slot];
	for (unsigned q = 0; q < MD_MAX_ROUTERS; q++) {
		md_router_t *r = &mi->routers[q];
		mip6_addr_t src;
		if (!r->used || r->nud != MD_NUD_IDLE || !probe_source(mi, r, &src))
			continue;
		r->nud = MD_NUD_WAIT;
		arm(md, r, n->now + MIP6_MS(md->cfg.nud_probe_ms));
	}
}

void mip6_md_nud_timer(md_t *md, md_router_t *r)
{
	md_iface_t *mi = &md->ifs[r->ifslot];
	mip6_addr_t src;
	if (!r->used)
		return;
	if (r->nud == MD_NUD_WAIT) {
		if (!probe_source(mi, r, &src)) {
			r->nud = MD_NUD_IDLE;
			return;
		}
		r->nud = MD_NUD_PROBE;
		r->probes = 0;
		send_probe(md, r, &src);
		return;
	}
	if (r->nud != MD_NUD_PROBE)
		return;
	if (r->probes >= MD_MAX_UNICAST_SOLICIT) {
		unreachable(md, r, MIP6_EV_MD_ROUTER_UNREACHABLE,
		            "router unreachable: no answer to MAX_UNICAST_SOLICIT probes (RFC 4861 7.3.3)");
		return;
	}
	if (!probe_source(mi, r, &src)) {
		unreachable(md, r, MIP6_EV_MD_ROUTER_UNREACHABLE_NO_SOURCE,
		            "router unreachable: no confirmed address left to probe it from");
		return;
	}
	send_probe(md, r, &src);
}

void mip6_md_na_input(md_t *md, unsigned slot, const mip6_rx_t *rx)
{
	mip6_node_t *n = md_node(md);
	md_iface_t *mi = &md->ifs[slot];
	const mip6_icmp6_t *m = &rx->p->icmp6;
	/* RFC 4861 7.1.2: an NA whose hop limit is not 255 MUST be discarded. */
	if (rx->l->ip.hlim != 255) {
		n->stats.drop_malformed++;
		mip6_node_trace_drop(n, "md", MIP6_EV_MD_DROP_NA_HOP_LIMIT,
		                     "NA hop limit is not 255 (RFC 4861 7.1.2)", &rx->ip_src);
		return;
	}
	/* RFC 4861 7.3.1: only a solicited NA confirms reachability. */
	if (!(m->u.nd.flags & MIP6_NA_F_S))
		return;
	for (unsigned q = 0; q < MD_MAX_ROUTERS; q++) {
		md_router_t *r = &mi->routers[q];
		if (!r->used || r->nud != MD_NUD_PROBE || !mip6_addr_eq(&r->addr, &m->u.nd.target))
			continue;
		mip6_md_info(md, MIP6_EV_MD_ROUTER_REACHABLE, "router reachable: solicited NA", &r->addr,
		             NULL, mi->ifindex);
		uint32_t bit = 1u << q;
		for (unsigned i = 0; i < MD_MAX_PREFIXES; i++) {
			md_prefix_t *p = &mi->prefixes[i];
			if (p->used && p->suspect && (p->routers & bit)) {
				p->suspect = false;
				mip6_md_info(md, MIP6_EV_MD_ROUTER_OLD_ANSWERED,
				             "old router answered: its prefix is still on this link",
				             &p->addr, &p->prefix, mi->ifindex);
			}
		}
		r->probes = 0;
		r->nud = MD_NUD_IDLE;
		mip6_node_cancel(n, &r->timer);
		mip6_md_nud_kick(md, slot);
	}
}
