/* SPDX-License-Identifier: BSD-3-Clause */
/* Movement detection: Router Advertisements -> routers and prefixes per
 * interface (RFC 4861 6.3.4, RFC 4862 5.5.3), lifetimes, the home link, and
 * a new router that suggests the node moved without a link-down event. */
#include "md_internal.h"

static bool is_linklocal(const mip6_addr_t *a)
{
	return a->b[0] == 0xfe && (a->b[1] & 0xc0) == 0x80;
}

static mip6_ns_t until(mip6_ns_t now, uint32_t secs)
{
	return secs == MD_INFINITE ? MIP6_NS_NEVER : now + MIP6_SEC(secs);
}

static md_router_t *router_find(md_iface_t *mi, const mip6_addr_t *a)
{
	for (unsigned r = 0; r < MD_MAX_ROUTERS; r++)
		if (mi->routers[r].used && mip6_addr_eq(&mi->routers[r].addr, a))
			return &mi->routers[r];
	return NULL;
}

static md_prefix_t *prefix_find(md_iface_t *mi, const mip6_addr_t *prefix, uint8_t plen)
{
	for (unsigned i = 0; i < MD_MAX_PREFIXES; i++) {
		md_prefix_t *p = &mi->prefixes[i];
		if (p->used && p->plen == plen && mip6_addr_prefix_match(&p->prefix, prefix, plen))
			return p;
	}
	return NULL;
}

static void drop(md_t *md, uint16_t code, const char *why, const mip6_addr_t *src)
{
	mip6_node_t *n = md_node(md);
	n->stats.drop_malformed++;
	mip6_node_trace_drop(n, "md", code, why, src);
}

static const char *state_name(uint8_t s)
{
	static const char *const names[] = {"NONE", "TENTATIVE", "OPTIMISTIC", "VALID", "FAILED", "REMOVED"};
	return s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

void mip6_md_prefix_delete(md_t *md, unsigned slot, md_prefix_t *p, uint16_t code, const char *why)
{
	mip6_node_t *n = md_node(md);
	md_iface_t *mi = &md->ifs[slot];
	mip6_md_info(md, code, why, p->home ? &p->prefix : &p->addr, &p->prefix, mi->ifindex);
	if (p->added) {
		mip6_op_t op = {.kind = MIP6_OP_ADDR_DEL, .flags = MIP6_ADDRF_COA, .ifindex = mi->ifindex,
				   .plen = 64, .addr = p->addr};
		mip6_node_op_submit(n, COMP_MD, &op);
	}
	if (p->state != MD_A_NONE)
		mip6_node_trace_state(n, "md", MIP6_EV_MD_COA_STATE, state_name(p->state), "NONE", &p->addr,
		                      &p->prefix);
	memset(p, 0, sizeof(*p));
}

void mip6_md_router_remove(md_t *md, unsigned slot, md_router_t *r, uint16_t code, const char *why)
{
	mip6_node_t *n = md_node(md);
	md_iface_t *mi = &md->ifs[slot];
	uint32_t bit = 1u << (unsigned)(r - mi->routers);
	mip6_md_info(md, code, why, &r->addr, NULL, mi->ifindex);
	mip6_node_cancel(n, &r->timer);
	md_router_clear(r);
	for (unsigned i = 0; i < MD_MAX_PREFIXES; i++) {
		md_prefix_t *p = &mi->prefixes[i];
		if (!p->used || !(p->routers & bit))
			continue;
		p->routers &= ~bit;
		if (p->routers)
			continue;
		if (p->suspect)
			mip6_md_prefix_delete(md, slot, p, MIP6_EV_MD_PREFIX_MOVED_LAST_ROUTER_LOST,
			                      "moved: a suspected prefix lost its last router");
		else
			mip6_md_info(
			    md, p->home ? MIP6_EV_MD_PREFIX_HOME_NO_ROUTER : MIP6_EV_MD_PREFIX_NO_ROUTER,
			    p->home ? "home prefix has no router left: not on the home link"
			            : "prefix has no router left: its care-of address is unusable (detached)",
			    &p->addr, &p->prefix, mi->ifindex);
	}
	mip6_md_life_rearm(md, slot);
}

void mip6_md_expire(md_t *md, unsigned slot, mip6_ns_t now)
{
	md_iface_t *mi = &md->ifs[slot];
	for (unsigned r = 0; r < MD_MAX_ROUTERS; r++)
		if (mi->routers[r].used && mi->routers[r].expires <= now)
			mip6_md_router_remove(md, slot, &mi->routers[r], MIP6_EV_MD_ROUTER_EXPIRED,
			                      "router lifetime expired");
	for (unsigned i = 0; i < MD_MAX_PREFIXES; i++) {
		md_prefix_t *p = &mi->prefixes[i];
		if (!p->used)
			continue;
		if (p->valid_until <= now) {
			/* RFC 4862 5.5.4: an address whose valid lifetime ends is invalid. */
			mip6_md_prefix_delete(md, slot, p, MIP6_EV_MD_PREFIX_EXPIRED,
			                      "prefix valid lifetime expired: care-of address removed");
		} else if (!p->deprecated && p->preferred_until <= now) {
			p->deprecated = true;
			mip6_md_info(md, MIP6_EV_MD_COA_DEPRECATED,
			             "preferred lifetime expired: care-of address deprecated", &p->addr,
			             &p->prefix, mi->ifindex);
		}
	}
	mip6_md_life_rearm(md, slot);
}

/* RFC 4862 5.5.3 (e): lifetimes of a known prefix. The valid lifetime is
 * not shortened below two hours by an unauthenticated RA. */
static void prefix_refresh(md_t *md, md_prefix_t *p, uint32_t valid, uint32_t preferred)
{
	mip6_ns_t now = md_node(md)->now;
	bool was = p->deprecated;
	mip6_ns_t remaining = p->valid_until > now ? p->valid_until - now : 0;
	if (valid == MD_INFINITE || valid > MD_TWO_HOURS || MIP6_SEC(valid) > remaining)
		p->valid_until = until(now, valid);
	else if (remaining > MIP6_SEC(MD_TWO_HOURS))
		p->valid_until = now + MIP6_SEC(MD_TWO_HOURS);
	p->preferred_until = until(now, preferred);
	if (p->preferred_until > p->valid_until)
		p->preferred_until = p->valid_until;
	p->deprecated = p->preferred_until <= now;
	if (p->deprecated && !was)
		mip6_md_info(md, MIP6_EV_MD_COA_DEPRECATED_BY_RA,
		             "preferred lifetime 0 advertised: care-of address deprecated", &p->addr,
		             &p->prefix, 0);
}

/* Prefix Information options. Returns the set of prefix slots the RA
 * advertised (bit i: mi->prefixes[i]). */
static uint32_t ra_prefixes(md_t *md, unsigned slot, const mip6_icmp6_t *m, md_router_t *r)
{
	md_iface_t *mi = &md->ifs[slot];
	mip6_ns_t now = md_node(md)->now;
	uint32_t seen = 0;
	for (unsigned k = 0; k < m->nopts; k++) {
		const mip6_nd_opt_t *o = &m->opts[k];
		if (o->type != MIP6_ND_OPT_PREFIX)
			continue;
		const mip6_addr_t *pfx = &o->u.prefix.prefix;
		uint8_t plen = o->u.prefix.plen;
		uint32_t valid = o->u.prefix.valid, preferred = o->u.prefix.preferred;
		/* RFC 4862 5.5.3 (b), (c): no link-local prefix, and preferred <= valid. */
		if (is_linklocal(pfx) || preferred > valid || plen > 128)
			continue;
		bool home = md->cfg.home.plen != 0 && plen == md->cfg.home.plen &&
			    mip6_addr_prefix_match(pfx, &md->cfg.home.prefix, plen);
		/* (a): only prefixes for autonomous configuration make care-of
		 * addresses; (d): prefix plus interface identifier make 128 bits. */
		bool autoconf = (o->u.prefix.flags & MIP6_PI_F_A) && plen == 64;
		bool onlink = o->u.prefix.flags & MIP6_PI_F_L;
		if (!home && (o->u.prefix.flags & MIP6_PI_F_A) && plen != 64)
			mip6_md_info(md, MIP6_EV_MD_PREFIX_NOT_64,
			             "no care-of address from this prefix: length is not 64", pfx, NULL,
			             plen);
		md_prefix_t *p = prefix_find(mi, pfx, plen);
		/* An on-link prefix without autoconfiguration (RFC 4861 6.3.4) is
		 * kept only so that an address the platform configures in it
		 * (DHCPv6, manual) can become the care-of address. A prefix we
		 * formed an address from keeps RFC 4862's rules: (a) ignores it. */
		if (!home && !autoconf && (!onlink || (p && !p->noauto)))
			continue;
		bool fresh = false;
		if (!p) {
			/* (d): a new prefix with a zero valid lifetime is ignored. */
			if (valid == 0)
				continue;
			for (unsigned i = 0; i < MD_MAX_PREFIXES && !p; i++)
				if (!mi->prefixes[i].used)
					p = &mi->prefixes[i];
			if (!p) {
				mip6_md_info(md, MIP6_EV_MD_PREFIX_TABLE_FULL,
				             "prefix ignored: prefix table full", pfx, NULL, mi->ifindex);
				continue;
			}
			p->used = true;
			p->home = home;
			p->plen = plen;
			for (unsigned b = 0; b < 16; b++) {
				unsigned bits = plen > b * 8 ? plen - b * 8 : 0;
				uint8_t mask = (uint8_t)(bits >= 8 ? 0xffu : 0xff00u >> bits);
				p->prefix.b[b] = pfx->b[b] & mask;
			}
			p->valid_until = until(now, valid);
			p->preferred_until = until(now, preferred);
			p->deprecated = p->preferred_until <= now;
			p->noauto = !home && !autoconf;
			fresh = true;
			const char *what = "new prefix: forming a care-of address";
			uint16_t code = MIP6_EV_MD_PREFIX_NEW;
			if (home) {
				what = "home prefix advertised";
				code = MIP6_EV_MD_PREFIX_HOME;
			} else if (p->noauto) {
				what = "new on-link prefix: no autoconfiguration, platform addresses adopted";
				code = MIP6_EV_MD_PREFIX_NEW_NOAUTO;
			}
			mip6_md_info(md, code, what, &p->prefix, NULL, mi->ifindex);
		} else {
			prefix_refresh(md, p, valid, preferred);
			if (p->noauto && autoconf) {
				p->noauto = false;
				fresh = p->state == MD_A_NONE;
			}
		}
		if (r)
			p->routers |= 1u << (unsigned)(r - mi->routers);
		if (p->suspect) {
			p->suspect = false;
			mip6_md_info(md, MIP6_EV_MD_PREFIX_NO_LONGER_SUSPECTED,
			             "prefix advertised again: no longer suspected", &p->addr, &p->prefix,
			             mi->ifindex);
		}
		seen |= 1u << (unsigned)(p - mi->prefixes);
		if (!home && p->state == MD_A_REMOVED && !p->noauto && p->valid_until > now) {
			/* RFC 4862 5.5.3 (d): the prefix has no autoconfigured
			 * address left, so one is formed, with a new identifier. */
			mip6_md_info(md, MIP6_EV_MD_PREFIX_COA_REFORMED,
			             "prefix advertised after the platform removed our care-of address: "
			             "forming another",
			             &p->removed, &p->prefix, mi->ifindex);
			p->attempts = 0;
			mip6_md_addr_set_state(md, p, MD_A_NONE);
			fresh = true;
		}
		if (fresh && !home && !p->noauto)
			mip6_md_addr_start(md, slot, p);
	}
	return seen;
}

/* A new default router whose RA lacks the prefixes in use: the node may
 * have moved to another link without a link-down event (RFC 6275 11.5.1).
 * The old prefixes become suspects (ranked below the new ones, so a new
 * care-of address is chosen as soon as it is usable) and their routers are
 * probed at once: an answer clears them (a link with several routers), no
 * answer removes the router and with it the suspected prefixes. */
static void ra_new_router(md_t *md, unsigned slot, md_router_t *r, uint32_t seen)
{
	md_iface_t *mi = &md->ifs[slot];
	unsigned suspects = 0;
	for (unsigned i = 0; i < MD_MAX_PREFIXES; i++) {
		md_prefix_t *p = &mi->prefixes[i];
		if (!p->used || (seen & (1u << i)) || p->suspect)
			continue;
		p->suspect = true;
		suspects++;
		mip6_md_info(md, MIP6_EV_MD_PREFIX_SUSPECTED,
		             "prefix not advertised by a new router: suspected stale", &p->addr, &p->prefix,
		             mi->ifindex);
	}
	if (!suspects)
		return;
	mip6_md_info(md, MIP6_EV_MD_ROUTER_NEW_PROBING_OLD,
	             "RA from a new router without our prefixes: moved? probing the old routers", &r->addr,
	             NULL, mi->ifindex);
	for (unsigned q = 0; q < MD_MAX_ROUTERS; q++)
		if (mi->routers[q].used && &mi->routers[q] != r)
			mip6_md_nud_probe_now(md, slot, &mi->routers[q]);
	for (unsigned i = 0; i < MD_MAX_PREFIXES; i++) {
		md_prefix_t *p = &mi->prefixes[i];
		if (p->used && p->suspect && !p->routers)
			mip6_md_prefix_delete(md, slot, p, MIP6_EV_MD_PREFIX_MOVED_NO_ROUTER_TO_ASK,
			                      "moved: a suspected prefix has no router to ask");
	}
}

void mip6_md_ra_input(md_t *md, unsigned slot, const mip6_rx_t *rx)
{
	mip6_node_t *n = md_node(md);
	md_iface_t *mi = &md->ifs[slot];
	const mip6_icmp6_t *m = &rx->p->icmp6;
	/* RFC 4861 6.1.2: a host MUST silently discard an RA whose source is
	 * not link-local or whose hop limit is not 255 (checksum, code, length
	 * and option lengths were checked by the strict decoder). */
	if (!is_linklocal(&rx->ip_src)) {
		drop(md, MIP6_EV_MD_DROP_RA_NOT_LINK_LOCAL, "RA source is not link-local (RFC 4861 6.1.2)",
		     &rx->ip_src);
		return;
	}
	if (rx->l->ip.hlim != 255) {
		drop(md, MIP6_EV_MD_DROP_RA_HOP_LIMIT, "RA hop limit is not 255 (RFC 4861 6.1.2)",
		     &rx->ip_src);
		return;
	}
	md_router_t *r = router_find(mi, &rx->ip_src);
	bool is_new = false;
	uint16_t life = m->u.ra.lifetime;
	if (life > 0) {
		if (!r) {
			for (unsigned q = 0; q < MD_MAX_ROUTERS && !r; q++)
				if (!mi->routers[q].used)
					r = &mi->routers[q];
			if (r) {
				r->used = true;
				r->addr = rx->ip_src;
				is_new = true;
				mip6_md_info(md, MIP6_EV_MD_ROUTER_NEW, "new default router", &r->addr, NULL,
				             mi->ifindex);
			} else {
				mip6_md_info(md, MIP6_EV_MD_ROUTER_TABLE_FULL,
				             "router ignored: router table full", &rx->ip_src, NULL,
				             mi->ifindex);
			}
		}
		if (r) {
			/* RFC 4861 6.3.4: router lifetime; Retrans Timer when non-zero. */
			r->expires = n->now + MIP6_SEC(life);
			r->retrans_ms = m->u.ra.retrans ? m->u.ra.retrans : MD_RETRANS_TIMER_MS;
			/* RFC 4429 3.2: an optimistic address needs the router's
			 * link-layer address without address resolution. */
			r->slla = mip6_icmp6_find_opt(m, MIP6_ND_OPT_SLLA) != NULL;
		}
		/* RFC 4861 6.3.7: after a valid RA with a non-zero Router Lifetime
		 * the host MUST desist from sending additional solicitations. */
		if (mip6_timer_armed(&mi->rs_timer)) {
			mip6_node_cancel(n, &mi->rs_timer);
			mip6_md_info(md, MIP6_EV_MD_RS_STOPPED, "router found: solicitation stops",
			             &rx->ip_src, NULL, mi->ifindex);
		}
	} else if (r) {
		/* RFC 4861 6.3.4: lifetime 0 times the default router out at once. */
		mip6_md_router_remove(md, slot, r, MIP6_EV_MD_ROUTER_LIFETIME_ZERO,
		                      "router lifetime 0: no longer a default router");
		r = NULL;
	}
	uint32_t seen = ra_prefixes(md, slot, m, r);
	if (is_new)
		ra_new_router(md, slot, r, seen);
	mip6_md_life_rearm(md, slot);
}
