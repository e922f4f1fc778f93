/* SPDX-License-Identifier: BSD-3-Clause */
/* What a home agent answers besides Binding Updates: Dynamic Home Agent
 * Address Discovery with the home agent list learnt from RAs (RFC 6275
 * 10.5), Mobile Prefix Solicitations (10.6), and Binding Errors for a Home
 * Address option without a binding (9.3.1). */
#include "ha_internal.h"
#include "mip6/err.h"

/* The bits of byte i that a prefix of length plen covers. */
static uint8_t mask_byte(unsigned plen, unsigned i)
{
	unsigned bits = plen > i * 8 ? plen - i * 8 : 0;
	return (uint8_t)(bits >= 8 ? 0xffu : (0xff00u >> bits) & 0xffu);
}

void mip6_ha_anycast(const mip6_prefix_t *p, mip6_addr_t *out)
{
	/* RFC 2526: the subnet's highest addresses, the low 7 bits being the
	 * anycast ID, 0x7e for Mobile IPv6 home agents. With a 64-bit
	 * interface identifier the universal/local bit is 0, which gives
	 * fdff:ffff:ffff:fffe. */
	unsigned plen = p->plen > 121 ? 121 : p->plen;
	for (unsigned i = 0; i < 16; i++) {
		uint8_t mask = mask_byte(plen, i);
		out->b[i] = (uint8_t)((p->prefix.b[i] & mask) | (uint8_t)~mask);
	}
	out->b[15] = 0xfe;
	if (plen == 64)
		out->b[8] = 0xfd;
}

bool mip6_ha_reserved_hoa(const ha_t *ha, const mip6_addr_t *a)
{
	if (mip6_addr_eq(a, &ha->cfg.addr))
		return true;
	const mip6_prefix_t *p = &ha->cfg.home_prefix;
	/* RFC 4291 2.6.1: the Subnet-Router anycast address (all-zero
	 * interface identifier). */
	bool zero = true;
	for (unsigned i = 0; i < 16; i++)
		zero = zero && (a->b[i] & (uint8_t)~mask_byte(p->plen, i)) == 0;
	if (zero)
		return true;
	/* RFC 2526: the 128 reserved subnet anycast addresses are the
	 * highest of the subnet, the low 7 bits the anycast ID. */
	mip6_addr_t top;
	mip6_ha_anycast(p, &top);
	for (unsigned i = 0; i < 15; i++)
		if (a->b[i] != top.b[i])
			return false;
	return (a->b[15] & 0x80u) == 0x80u;
}

/* --- home agent list (RFC 6275 10.5.1) --- */

static ha_hal_t *hal_find(ha_t *ha, const mip6_addr_t *lladdr)
{
	for (unsigned i = 0; i < HA_HAL_MAX; i++)
		if (ha->hal[i].used && mip6_addr_eq(&ha->hal[i].lladdr, lladdr))
			return &ha->hal[i];
	return NULL;
}

static void hal_drop(ha_t *ha, ha_hal_t *h, uint16_t code, const char *why)
{
	mip6_node_cancel(ha->comp.node, &h->timer);
	h->used = false;
	mip6_ha_trace(ha, MIP6_TR_INFO, code, why, &h->lladdr, &h->addr, 0);
}

void mip6_ha_hal_expired(ha_t *ha, ha_hal_t *h)
{
	hal_drop(ha, h, MIP6_EV_HA_HAL_EXPIRED, "home agent list entry expired");
}

/* An RA on the home link: routers with H set are home agents; one that
 * stops setting it, or announces lifetime 0, leaves the list. */
static void hal_update(ha_t *ha, const mip6_rx_t *rx, mip6_ns_t now)
{
	const mip6_icmp6_t *m = &rx->p->icmp6;
	ha_hal_t *h = hal_find(ha, &rx->ip_src);
	uint32_t lifetime = m->u.ra.lifetime;
	int16_t pref = 0;
	bool mr = false;
	const mip6_nd_opt_t *hai = mip6_icmp6_find_opt(m, MIP6_ND_OPT_HA_INFO);
	if (hai) {
		lifetime = hai->u.ha_info.lifetime;
		pref = hai->u.ha_info.pref;
		mr = (hai->reserved & MIP6_HAI_F_R) != 0;
	}
	if (!(m->u.ra.flags & MIP6_RA_F_H) || lifetime == 0) {
		if (h)
			hal_drop(ha, h, MIP6_EV_HA_HAL_LEFT, "home agent left the list");
		return;
	}
	/* Its global address: a Prefix Information option with R (RFC 6275 7.2),
	 * kept while the prefix is valid. */
	const mip6_addr_t *global = NULL, *invalid = NULL;
	uint32_t valid = 0;
	for (unsigned i = 0; i < m->nopts; i++) {
		const mip6_nd_opt_t *o = &m->opts[i];
		if (o->type != MIP6_ND_OPT_PREFIX || !(o->u.prefix.flags & MIP6_PI_F_R))
			continue;
		if (o->u.prefix.valid == 0) {
			invalid = &o->u.prefix.prefix;
			continue;
		}
		global = &o->u.prefix.prefix;
		valid = o->u.prefix.valid;
		break;
	}
	if (global && mip6_addr_eq(global, &ha->cfg.addr))
		return; /* our own advertisement */
	if (!h) {
		for (unsigned i = 0; i < HA_HAL_MAX && !h; i++)
			if (!ha->hal[i].used)
				h = &ha->hal[i];
		if (!h) {
			mip6_node_trace_drop(ha->comp.node, "ha", MIP6_EV_HA_DROP_HAL_FULL,
			                     "home agent list full", &rx->ip_src);
			return;
		}
		h->used = true;
		h->lladdr = rx->ip_src;
		h->has_addr = false;
	}
	if (global) {
		h->addr = *global;
		h->has_addr = true;
		h->addr_until = valid == 0xffffffffu ? MIP6_NS_NEVER : now + MIP6_SEC(valid);
	} else if (invalid && h->has_addr && mip6_addr_eq(invalid, &h->addr)) {
		/* RFC 6275 10.1: "Global addresses for the router in a Home Agents
		 * List entry MUST be deleted once the prefix associated with that
		 * address is no longer valid". */
		h->has_addr = false;
	}
	h->pref = pref;
	h->mr = mr;
	if (mip6_node_arm(ha->comp.node, &h->timer, now + MIP6_SEC(lifetime)) != 0) {
		h->used = false;
		return;
	}
	mip6_ha_trace(ha, MIP6_TR_INFO, MIP6_EV_HA_HAL_ENTRY, "home agent list entry", &h->lladdr, &h->addr,
	              lifetime);
}

/* --- DHAAD (RFC 6275 10.5) --- */

static void dhaad_reply(ha_t *ha, const mip6_rx_t *rx)
{
	mip6_node_t *n = ha->comp.node;
	const mip6_icmp6_t *q = &rx->p->icmp6;
	/* RFC 3963 7.1: a request with R asks for home agents that serve
	 * mobile routers, which this one does. */
	bool want_mr = (q->u.dhaad_req.flags & MIP6_DHAAD_F_R) != 0;
	mip6_icmp6_t r;
	mip6_icmp6_init(&r, MIP6_ICMP6_DHAAD_REPLY);
	r.u.dhaad_rep.id = q->u.dhaad_req.id;
	r.u.dhaad_rep.flags = want_mr ? MIP6_DHAAD_F_R : 0;
	int16_t pref[MIP6_DHAAD_MAX_ADDRS];
	unsigned cnt = 0;
	r.u.dhaad_rep.addrs[cnt] = ha->cfg.addr;
	pref[cnt++] = ha->cfg.preference;
	for (unsigned i = 0; i < HA_HAL_MAX && cnt < MIP6_DHAAD_MAX_ADDRS; i++) {
		const ha_hal_t *h = &ha->hal[i];
		if (!h->used || !h->has_addr || (want_mr && !h->mr))
			continue;
		if (n->now >= h->addr_until)
			continue; /* RFC 6275 10.1: its prefix is no longer valid */
		/* RFC 6275 10.5.1: ordered by preference, highest first. */
		unsigned j = cnt++;
		while (j > 0 && pref[j - 1] < h->pref) {
			pref[j] = pref[j - 1];
			r.u.dhaad_rep.addrs[j] = r.u.dhaad_rep.addrs[j - 1];
			j--;
		}
		pref[j] = h->pref;
		r.u.dhaad_rep.addrs[j] = h->addr;
	}
	r.u.dhaad_rep.naddrs = cnt;
	/* From the home agent's own address to the requester (RFC 6275 10.5). */
	if (mip6_node_send_icmp6(n, 0, &ha->cfg.addr, &rx->ip_src, 64, &r) == 0)
		mip6_ha_trace(ha, MIP6_TR_TX, MIP6_EV_HA_TX_DHAAD_REPLY, "DHAAD reply", &rx->ip_src, NULL,
		              cnt);
}

/* --- Mobile prefix discovery (RFC 6275 10.6) --- */

/* Sends an ICMPv6 message to a mobile node's care-of address with a type 2
 * routing header carrying its home address (the checksum covers the home
 * address as final destination, RFC 8200 8.1). */
static int send_icmp6_rh2(ha_t *ha, const mip6_addr_t *coa, const mip6_addr_t *hoa, const mip6_icmp6_t *m)
{
	mip6_node_t *n = ha->comp.node;
	mip6_buf_t b;
	mip6_buf_init(&b, n->txbuf, NODE_TX_MAX, NODE_HEADROOM);
	int len = mip6_icmp6_emit(m, &ha->cfg.addr, hoa, 0, mip6_buf_data(&b), mip6_buf_tailroom(&b));
	if (len < 0)
		return len;
	mip6_buf_put(&b, (size_t)len);
	int rc = mip6_buf_push_rh2(&b, MIP6_PROTO_ICMPV6, hoa);
	mip6_ip6_t h = {.nxt = MIP6_PROTO_ROUTING, .hlim = 64, .src = ha->cfg.addr, .dst = *coa};
	if (!rc)
		rc = mip6_buf_push_ip6(&b, &h);
	if (rc)
		return rc;
	n->stats.tx_icmp6++;
	mip6_node_send(n, 0, mip6_buf_data(&b), b.len);
	return 0;
}

void mip6_ha_pfx_init(ha_t *ha)
{
	ha_pfx_t *p = &ha->pfx[0];
	p->p.plen = ha->cfg.home_prefix.plen;
	for (unsigned i = 0; i < 16; i++)
		p->p.prefix.b[i] = ha->cfg.home_prefix.prefix.b[i] & mask_byte(p->p.plen, i);
	p->flags = MIP6_PI_F_L | MIP6_PI_F_A;
	p->valid = HA_PREFIX_VALID_S;
	p->preferred = HA_PREFIX_PREFERRED_S;
	ha->npfx = 1;
}

static uint32_t left_of(uint32_t life, uint64_t elapsed_s)
{
	if (life == 0xffffffffu)
		return life; /* infinity (RFC 4861 4.6.2) */
	return life > elapsed_s ? (uint32_t)(life - elapsed_s) : 0;
}

const ha_pfx_t *mip6_ha_pfx_left(const ha_t *ha, const mip6_addr_t *hoa, mip6_ns_t now, uint32_t *valid,
                                 uint32_t *preferred)
{
	for (unsigned i = 0; i < ha->npfx; i++) {
		const ha_pfx_t *p = &ha->pfx[i];
		if (!p->heard || !mip6_addr_prefix_match(hoa, &p->p.prefix, p->p.plen))
			continue;
		uint64_t elapsed = now > p->heard ? (now - p->heard) / MIP6_SEC(1) : 0;
		*valid = left_of(p->valid, elapsed);
		*preferred = left_of(p->preferred, elapsed);
		return p;
	}
	return NULL;
}

/* Sends an MPA with every advertised prefix to mn at coa. */
static void send_mpa(ha_t *ha, const ha_mn_t *mn, const mip6_addr_t *coa, uint16_t id, bool solicited)
{
	mip6_icmp6_t a;
	mip6_icmp6_init(&a, MIP6_ICMP6_MPA);
	a.u.mpa.id = id; /* RFC 6275 6.8: copied from the solicitation */
	for (unsigned i = 0; i < ha->npfx; i++) {
		mip6_nd_opt_t *o = mip6_icmp6_add_opt(&a, MIP6_ND_OPT_PREFIX);
		o->u.prefix.plen = ha->pfx[i].p.plen;
		o->u.prefix.flags = ha->pfx[i].flags;
		o->u.prefix.valid = ha->pfx[i].valid;
		o->u.prefix.preferred = ha->pfx[i].preferred;
		o->u.prefix.prefix = ha->pfx[i].p.prefix;
	}
	if (send_icmp6_rh2(ha, coa, &mn->hoa, &a) == 0)
		mip6_ha_trace(ha, MIP6_TR_TX, solicited ? MIP6_EV_HA_TX_MPA : MIP6_EV_HA_TX_MPA_UNSOLICITED,
		              solicited ? "MPA" : "unsolicited MPA", &mn->hoa, coa, id);
}

/* The care-of address of mn's newest binding, or NULL. */
static const mip6_addr_t *mn_coa(const ha_mn_t *mn)
{
	const ha_bce_t *b = ha_mn_bces(mn);
	return b ? &b->coa : NULL;
}

static void mps_input(ha_t *ha, const mip6_rx_t *rx)
{
	mip6_node_t *n = ha->comp.node;
	const mip6_icmp6_t *q = &rx->p->icmp6;
	/* RFC 6275 10.6.3 / 11.4.2: a solicitation comes from a registered
	 * mobile node away from home: its home address in a Home Address
	 * option (6.7) and a care-of address of one of its bindings as the
	 * source. Anything else would make the home agent a reflector. */
	ha_mn_t *mn = rx->l->has_hao ? mip6_ha_mn_find(ha, &rx->src) : NULL;
	if (!mn || mn->state != HA_MN_BOUND) {
		n->stats.drop_hao_no_binding++;
		mip6_node_trace_drop(n, "ha", MIP6_EV_HA_DROP_MPS_NO_BINDING,
		                     "mobile prefix solicitation without a binding (RFC 6275 10.6)",
		                     &rx->src);
		return;
	}
	const ha_bce_t *b = ha_mn_bces(mn);
	while (b && !mip6_addr_eq(&b->coa, &rx->ip_src))
		b = b->next;
	if (!b) {
		n->stats.drop_unauthorised++;
		mip6_node_trace_drop(
		    n, "ha", MIP6_EV_HA_DROP_MPS_NOT_FROM_COA,
		    "mobile prefix solicitation not from a care-of address of the binding (RFC 6275 11.4.2)",
		    &rx->src);
		return;
	}
	mip6_ha_mpa_answered(ha, mn);
	send_mpa(ha, mn, &rx->ip_src, q->u.mps.id, true);
}

/* --- unsolicited Mobile Prefix Advertisements (RFC 6275 10.6.2) --- */

void mip6_ha_mpa_answered(ha_t *ha, ha_mn_t *mn)
{
	(void)ha;
	mn->mpa_left = 0; /* the timer finds nothing due and stops */
}

static void mpa_round(ha_t *ha, mip6_ns_t now, bool first)
{
	bool due = false;
	for (uint32_t i = 0; i < ha->nbuckets; i++) {
		for (ha_mn_t *mn = ha->buckets[i]; mn; mn = mn->hnext) {
			const mip6_addr_t *coa = mn->state == HA_MN_BOUND ? mn_coa(mn) : NULL;
			if (!coa)
				continue;
			if (first) {
				mip6_node_random(ha->comp.node, &mn->mpa_id, sizeof(mn->mpa_id));
				mn->mpa_left = HA_PREFIX_ADV_RETRIES;
			} else if (mn->mpa_left) {
				mn->mpa_left--;
			} else {
				continue;
			}
			send_mpa(ha, mn, coa, mn->mpa_id, false);
			due |= mn->mpa_left > 0;
		}
	}
	/* RFC 6275 10.6.2: "MUST wait PREFIX_ADV_TIMEOUT before the first
	 * retransmission and double the retransmission wait time for every
	 * succeeding retransmission", at most PREFIX_ADV_RETRIES of them, until
	 * the mobile node answers (a BU or a solicitation). A change of the
	 * home prefixes starts a new advertisement, and the waits again. */
	ha->mpa_wait = first ? HA_PREFIX_ADV_TIMEOUT : 2 * ha->mpa_wait;
	if (!due || mip6_node_arm(ha->comp.node, &ha->mpa_timer, now + ha->mpa_wait) != 0)
		mip6_node_cancel(ha->comp.node, &ha->mpa_timer);
}

void mip6_ha_mpa_timer(ha_t *ha, mip6_ns_t now)
{
	mpa_round(ha, now, false);
}

static ha_pfx_t *pfx_find(ha_t *ha, const mip6_prefix_t *p)
{
	for (unsigned i = 0; i < ha->npfx; i++)
		if (ha->pfx[i].p.plen == p->plen && mip6_addr_eq(&ha->pfx[i].p.prefix, &p->prefix))
			return &ha->pfx[i];
	return NULL;
}

/* The home link's routers announce its prefixes: a new prefix, one that
 * goes (valid lifetime 0) or new lifetimes change what the home agent
 * advertises to its mobile nodes, who then hear at once (RFC 6275 10.6.2). */
static void pfx_update(ha_t *ha, const mip6_rx_t *rx, mip6_ns_t now)
{
	const mip6_icmp6_t *m = &rx->p->icmp6;
	bool changed = false;
	for (unsigned i = 0; i < m->nopts; i++) {
		const mip6_nd_opt_t *o = &m->opts[i];
		if (o->type != MIP6_ND_OPT_PREFIX || o->u.prefix.plen == 0 || o->u.prefix.plen > 128 ||
		    !(o->u.prefix.flags & MIP6_PI_F_A))
			continue;
		mip6_prefix_t p = {.plen = o->u.prefix.plen};
		for (unsigned k = 0; k < 16; k++)
			p.prefix.b[k] = o->u.prefix.prefix.b[k] & mask_byte(p.plen, k);
		uint8_t flags = (uint8_t)(o->u.prefix.flags & (MIP6_PI_F_L | MIP6_PI_F_A));
		uint32_t valid = o->u.prefix.valid;
		uint32_t pref = o->u.prefix.preferred < valid ? o->u.prefix.preferred : valid;
		ha_pfx_t *e = pfx_find(ha, &p);
		if (!e && valid == 0)
			continue;
		if (!e) {
			/* A slot of a withdrawn prefix is reused first. */
			for (unsigned k = 1; k < ha->npfx && !e; k++)
				if (ha->pfx[k].valid == 0)
					e = &ha->pfx[k];
			if (!e && ha->npfx < HA_MAX_PREFIXES)
				e = &ha->pfx[ha->npfx++];
			if (!e) {
				mip6_node_trace_drop(ha->comp.node, "ha", MIP6_EV_HA_DROP_PREFIX_LIST_FULL,
				                     "home link prefix list full", &p.prefix);
				continue;
			}
			e->p = p;
			e->valid = valid + 1; /* differs: counts as a change below */
		}
		e->heard = now ? now : 1; /* the remaining lifetimes count from here */
		if (e->valid == valid && e->preferred == pref && e->flags == flags)
			continue;
		e->valid = valid;
		e->preferred = pref;
		e->flags = flags;
		changed = true;
		mip6_ha_trace(ha, MIP6_TR_INFO, MIP6_EV_HA_HOME_PREFIX_CHANGED, "home prefix changed",
		              &p.prefix, NULL, valid);
	}
	if (changed)
		mpa_round(ha, now, true);
}

bool mip6_ha_icmp6_input(ha_t *ha, const mip6_rx_t *rx, mip6_ns_t now)
{
	switch (rx->p->icmp6.type) {
	case MIP6_ICMP6_DHAAD_REQUEST:
		if (!mip6_addr_eq(&rx->dst, &ha->anycast))
			return false;
		dhaad_reply(ha, rx);
		return true;
	case MIP6_ICMP6_MPS:
		if (!mip6_addr_eq(&rx->dst, &ha->cfg.addr))
			return false;
		mps_input(ha, rx);
		return true;
	case MIP6_ICMP6_RA:
		if (rx->ifindex == ha->cfg.home_ifindex) {
			pfx_update(ha, rx, now);
			hal_update(ha, rx, now);
		}
		return false; /* ND is the platform's too */
	default:
		return false;
	}
}

/* --- Binding Error (RFC 6275 9.3.1) --- */

void mip6_ha_be_hint(ha_t *ha, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	mip6_node_t *n = ha->comp.node;
	/* Exactly one component answers a hint: the correspondent node when
	 * the node has one (all hints, under its rate limit), else the home
	 * agent, for packets sent to its own address. */
	if (n->comp[COMP_CN] || !mip6_addr_eq(&m->peer, &ha->cfg.addr))
		return;
	uint8_t status = m->status ? m->status : MIP6_BE_UNKNOWN_HAO;
	if (status != MIP6_BE_UNKNOWN_HAO && status != MIP6_BE_UNKNOWN_MH)
		return;
	/* No error messages to a multicast or unspecified source. */
	if (mip6_addr_is_unspec(&m->coa) || m->coa.b[0] == 0xff)
		return;
	/* The correspondent node's limit: a flood of such packets must not
	 * make the home agent a traffic source either. */
	if (!mip6_cn_be_allow(&ha->be, &m->coa, now)) {
		mip6_node_trace_drop(n, "ha", MIP6_EV_HA_DROP_BE_RATE_LIMITED, "Binding Error rate limited",
		                     &m->coa);
		return;
	}
	mip6_mh_t be;
	mip6_mh_init(&be, MIP6_MH_BE);
	be.u.be.status = status;
	be.u.be.home = m->hoa;
	/* To the packet's source, not through any binding. */
	node_mh_tx_t tx = {.ifindex = MIP6_IFINDEX_ROUTE, .src = ha->cfg.addr, .dst = m->coa};
	if (mip6_node_send_mh(n, &tx, &be) == 0) {
		n->stats.be_sent[status]++;
		mip6_ha_trace(ha, MIP6_TR_TX, MIP6_EV_HA_TX_BE, "BE", &m->hoa, &m->coa, status);
	}
}
