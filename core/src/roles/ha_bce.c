/* SPDX-License-Identifier: BSD-3-Clause */
/* The home agent's binding cache and what follows from it: tunnels to the
 * care-of addresses, proxy Neighbor Discovery for the home address
 * (RFC 6275 10.4.1), NEMO routes for mobile network prefixes (RFC 3963
 * 6.3), and the BC_ADD / BC_REMOVE / MNP_ROUTE messages that program the
 * data plane. */
#include "ha_internal.h"
#include "mip6/err.h"

static void submit(ha_t *ha, uint16_t kind, uint32_t ifindex, const mip6_addr_t *addr, uint8_t plen,
                   const mip6_addr_t *remote)
{
	mip6_op_t op;
	memset(&op, 0, sizeof(op));
	op.kind = kind;
	op.ifindex = ifindex;
	op.plen = plen;
	op.addr = *addr;
	if (remote) {
		op.local = ha->cfg.addr;
		op.remote = *remote;
	}
	mip6_node_op_submit(ha->comp.node, COMP_HA, &op);
}

/* RFC 6275 10.4.1 proxy entry on the home link; a mobile router's says so,
 * for the Router bit of the platform's answers (RFC 3963 6.2). */
static void proxy_add(ha_t *ha, const mip6_addr_t *addr, bool router)
{
	mip6_op_t op;
	memset(&op, 0, sizeof(op));
	op.kind = MIP6_OP_PROXY_ND_ADD;
	op.ifindex = ha->cfg.home_ifindex;
	op.plen = 128;
	op.addr = *addr;
	op.flags = router ? MIP6_PROXYF_ROUTER : 0;
	mip6_node_op_submit(ha->comp.node, COMP_HA, &op);
}

static void publish_bc(ha_t *ha, uint16_t type, const ha_mn_t *mn, const ha_bce_t *b)
{
	mip6_bus_msg_t m;
	memset(&m, 0, sizeof(m));
	m.type = type;
	m.flags = (uint16_t)(MIP6_BF_HOME | (mn->mr ? MIP6_BF_MR : 0) | (mn->ll_proxy ? MIP6_BF_LL : 0));
	m.bid = b->bid;
	m.ifindex = ha->cfg.home_ifindex;
	m.lifetime = b->lifetime_s;
	m.hoa = mn->hoa;
	m.coa = b->coa;
	m.peer = ha->cfg.addr;
	mip6_node_publish(ha->comp.node, &m);
}

static void route(ha_t *ha, const ha_mn_t *mn, const mip6_prefix_t *p, bool add)
{
	/* Into the core (ifindex 0), whose data plane picks the tunnel. */
	submit(ha, add ? MIP6_OP_ROUTE_ADD : MIP6_OP_ROUTE_DEL, 0, &p->prefix, p->plen, NULL);
	mip6_bus_msg_t m;
	memset(&m, 0, sizeof(m));
	m.type = MIP6_BUS_MNP_ROUTE;
	m.cmd = add ? MIP6_MNP_ADD : MIP6_MNP_DEL;
	m.prefix = p->prefix;
	m.plen = p->plen;
	m.hoa = mn->hoa;
	mip6_node_publish(ha->comp.node, &m);
	mip6_ha_trace(ha, MIP6_TR_INFO, add ? MIP6_EV_HA_MNP_ROUTE_ADDED : MIP6_EV_HA_MNP_ROUTE_REMOVED,
	              add ? "mnp route added" : "mnp route removed", &mn->hoa, &p->prefix, p->plen);
}

static bool has_prefix(const mip6_prefix_t *set, unsigned n, const mip6_prefix_t *p)
{
	for (unsigned i = 0; i < n; i++)
		if (set[i].plen == p->plen && mip6_addr_eq(&set[i].prefix, &p->prefix))
			return true;
	return false;
}

static bool same_set(const mip6_prefix_t *a, unsigned na, const mip6_prefix_t *b, unsigned nb)
{
	if (na != nb)
		return false;
	for (unsigned i = 0; i < na; i++)
		if (!has_prefix(b, nb, &a[i]))
			return false;
	return true;
}

/* Routes exactly 'want' (nwant prefixes, held in 'arr', which mn takes
 * over) to mn. */
static void mnp_sync(ha_t *ha, ha_mn_t *mn, mip6_prefix_t *arr, unsigned nwant)
{
	for (unsigned i = 0; i < mn->nmnp; i++)
		if (!has_prefix(arr, nwant, &mn->mnp[i]))
			route(ha, mn, &mn->mnp[i], false);
	for (unsigned i = 0; i < nwant; i++)
		if (!has_prefix(mn->mnp, mn->nmnp, &arr[i]))
			route(ha, mn, &arr[i], true);
	mip6_node_mem_free(ha->comp.node, mn->mnp);
	if (!mn->nmnp != !nwant)
		ha->nmr = nwant ? ha->nmr + 1 : ha->nmr - 1;
	mn->mnp = arr;
	mn->nmnp = (uint8_t)nwant;
}

ha_bce_t *mip6_ha_bce_find(const ha_mn_t *mn, uint16_t bid)
{
	for (ha_bce_t *b = ha_mn_bces(mn); b; b = b->next)
		if (b->bid == bid)
			return b;
	return NULL;
}

static void bce_remove(ha_t *ha, ha_mn_t *mn, ha_bce_t *b)
{
	mip6_node_t *n = ha->comp.node;
	for (ha_bce_t **pp = &mn->u.bces; *pp; pp = &(*pp)->next) {
		if (*pp == b) {
			*pp = b->next;
			break;
		}
	}
	mn->nbce--;
	ha->nbce--;
	mip6_node_cancel(n, &b->timer);
	publish_bc(ha, MIP6_BUS_BC_REMOVE, mn, b);
	submit(ha, MIP6_OP_TUNNEL_DEL, 0, &mn->hoa, 128, &b->coa);
	mip6_ha_trace(ha, MIP6_TR_BINDING, MIP6_EV_HA_BINDING_REMOVED, "binding removed", &mn->hoa, &b->coa,
	              b->bid);
	if (b == &mn->b0)
		mn->b0_used = false;
	else
		mip6_node_mem_free(n, b);
}

/* First half of creating or refreshing the binding mn[bid]: the entry
 * (found, or new and not linked yet) with its expiry timer armed. These
 * are the steps that can fail, so a caller runs them before it changes
 * anything. 'going' bindings are about to be removed and do not count
 * against the limit. NULL when the home address may hold no more or
 * memory ran out. */
static ha_bce_t *bce_prepare(ha_t *ha, ha_mn_t *mn, uint16_t bid, uint32_t lifetime_s, mip6_ns_t now,
                             unsigned going, bool *fresh)
{
	mip6_node_t *n = ha->comp.node;
	ha_bce_t *b = mip6_ha_bce_find(mn, bid);
	*fresh = b == NULL;
	if (!b) {
		if (mn->nbce >= HA_MAX_BIDS + going)
			return NULL;
		b = mn->b0_used ? mip6_node_mem_alloc(n, sizeof(*b)) : &mn->b0;
		if (!b)
			return NULL;
		memset(b, 0, sizeof(*b));
		b->timer.kind = NODE_TIMER_KIND(COMP_HA, HA_T_BCE);
		b->mn = mn;
		b->bid = bid;
	}
	/* A refresh that only moves the end later leaves the armed timer where
	 * it is (moving it in the heap was the largest cost of a refresh);
	 * mip6_ha_bce_expired re-arms it when it fires before 'expires'. */
	mip6_ns_t expires = now + MIP6_SEC(lifetime_s);
	if (!mip6_timer_armed(&b->timer) || expires < b->timer.when) {
		if (mip6_node_arm(n, &b->timer, expires) != 0) {
			if (*fresh && b != &mn->b0)
				mip6_node_mem_free(n, b);
			return NULL;
		}
	}
	return b;
}

/* Second half: links a fresh entry and programs the tunnel. Cannot fail. */
static void bce_commit(ha_t *ha, ha_mn_t *mn, ha_bce_t *b, bool fresh, const mip6_addr_t *coa,
                       uint32_t lifetime_s, mip6_ns_t now)
{
	b->expires = now + MIP6_SEC(lifetime_s);
	if (fresh) {
		b->next = mn->u.bces;
		mn->u.bces = b;
		mn->nbce++;
		ha->nbce++;
		mn->b0_used |= b == &mn->b0;
	}
	bool moved = !fresh && !mip6_addr_eq(&b->coa, coa);
	if (moved)
		submit(ha, MIP6_OP_TUNNEL_DEL, 0, &mn->hoa, 128, &b->coa);
	if (fresh || moved)
		submit(ha, MIP6_OP_TUNNEL_ADD, 0, &mn->hoa, 128, coa);
	b->coa = *coa;
	b->lifetime_s = lifetime_s;
	publish_bc(ha, MIP6_BUS_BC_ADD, mn, b);
	mip6_ha_trace(ha, MIP6_TR_BINDING, fresh ? MIP6_EV_HA_BINDING_CREATED : MIP6_EV_HA_BINDING_REFRESHED,
	              fresh ? "binding created" : "binding refreshed", &mn->hoa, coa, lifetime_s);
}

/* Creates or refreshes the binding mn[bid] -> coa. Returns 0 or a status. */
static uint8_t bce_set(ha_t *ha, ha_mn_t *mn, uint16_t bid, const mip6_addr_t *coa, uint32_t lifetime_s,
                       mip6_ns_t now, unsigned going)
{
	bool fresh;
	ha_bce_t *b = bce_prepare(ha, mn, bid, lifetime_s, now, going, &fresh);
	if (!b)
		return MIP6_BA_INSUFFICIENT;
	bce_commit(ha, mn, b, fresh, coa, lifetime_s, now);
	return 0;
}

static bool overlap(const mip6_prefix_t *a, const mip6_prefix_t *b)
{
	uint8_t l = a->plen < b->plen ? a->plen : b->plen;
	return mip6_addr_prefix_match(&a->prefix, &b->prefix, l);
}

bool mip6_ha_mnp_taken(ha_t *ha, const mip6_addr_t *hoa, const mip6_prefix_t *set, unsigned n)
{
	/* A refresh keeping its prefixes, or no other router with prefixes:
	 * nothing to look at. */
	const ha_mn_t *self = mip6_ha_mn_find(ha, hoa);
	if (self && same_set(set, n, self->mnp, self->nmnp))
		return false;
	if (ha->nmr == (self && self->nmnp ? 1u : 0u))
		return false;
	/* Else a walk over every record: only when a router's prefix set
	 * changes while other routers hold prefixes. */
	for (uint32_t i = 0; n && i < ha->nbuckets; i++)
		for (const ha_mn_t *o = ha->buckets[i]; o; o = o->hnext) {
			if (!o->nmnp || mip6_addr_eq(&o->hoa, hoa))
				continue;
			for (unsigned j = 0; j < o->nmnp; j++)
				for (unsigned k = 0; k < n; k++)
					if (overlap(&o->mnp[j], &set[k]))
						return true;
		}
	return false;
}

/* Refuses the whole registration with st (nothing changed): the BA's
 * status says it, the BID options' are 0 (RFC 5648 6.2). */
static uint8_t refuse(ha_t *ha, ha_mn_t *mn, ha_req_t *req, bool was_bound, bool *bound, uint8_t st)
{
	for (unsigned i = 0; i < req->nbid; i++)
		req->bid[i].status = 0;
	*bound = was_bound;
	if (!was_bound)
		mip6_ha_mn_remove(ha, mn);
	return st;
}

uint8_t mip6_ha_bind(ha_t *ha, ha_mn_t *mn, ha_req_t *req, mip6_ns_t now, bool *bound)
{
	mip6_node_t *n = ha->comp.node;
	uint32_t lifetime_s = (uint32_t)req->lifetime_u * 4u;
	bool was_bound = mn->state == HA_MN_BOUND;
	/* The prefixes this registration routes (RFC 3963 6.3):
	 * explicit mode lists them, implicit mode uses the configuration. */
	const mip6_prefix_t *want = NULL;
	unsigned nwant = 0;
	if (req->flags & MIP6_BU_F_R) {
		if (req->explicit_mnp) {
			want = req->mnp;
			nwant = req->nmnp;
		} else if (mn->client >= 0) {
			want = ha->clients[mn->client].mnp;
			nwant = ha->clients[mn->client].nmnp;
			if (nwant > MIP6_MAX_MNP)
				nwant = MIP6_MAX_MNP;
		}
	}
	/* RFC 6275 10.4.1: with L the link-local address is intercepted too;
	 * the BC_ADD messages say so (MIP6_BF_LL), so the data plane drops what
	 * comes for it (10.4.2). Known from here on; its proxy entry is made
	 * when the binding is (below). */
	if (!was_bound)
		mn->ll_proxy = (req->flags & MIP6_BU_F_L) != 0;
	bool mnp_change = !same_set(want, nwant, mn->mnp, mn->nmnp);
	/* RFC 3963 6.6: another router may have bound the prefix while this
	 * registration waited for DAD. */
	if (mnp_change && mip6_ha_mnp_taken(ha, &mn->hoa, want, nwant)) {
		mip6_node_trace_drop(n, "ha", MIP6_EV_HA_DROP_BU_MNP_TAKEN,
		                     "prefix bound to another mobile router (RFC 3963 6.6)", &mn->hoa);
		n->stats.drop_unauthorised++;
		return refuse(ha, mn, req, was_bound, bound, MIP6_BA_NOT_AUTH_FOR_PREFIX);
	}
	/* Allocated before any change so that running out of memory changes
	 * nothing. */
	mip6_prefix_t *arr = NULL;
	if (mnp_change && nwant) {
		arr = mip6_node_mem_alloc(n, nwant * sizeof(*arr));
		/* RFC 3963 6.2: no forwarding for the prefixes: 141. */
		if (!arr)
			return refuse(ha, mn, req, was_bound, bound, MIP6_BA_INVALID_PREFIX);
		memcpy(arr, want, nwant * sizeof(*arr));
	}
	uint8_t st = 0;
	if (req->nbid == 0) {
		/* One binding: it replaces any per-BID ones (RFC 5648). Its
		 * entry is made first, so running out of memory leaves the
		 * per-BID bindings as they were. */
		bool fresh;
		ha_bce_t *nb = bce_prepare(ha, mn, 0, lifetime_s, now, mn->nbce, &fresh);
		if (!nb) {
			mip6_node_mem_free(n, arr);
			return refuse(ha, mn, req, was_bound, bound, MIP6_BA_INSUFFICIENT);
		}
		mn->mr = (req->flags & MIP6_BU_F_R) != 0;
		for (ha_bce_t *b = ha_mn_bces(mn), *next; b; b = next) {
			next = b->next;
			if (b->bid != 0)
				bce_remove(ha, mn, b);
		}
		bce_commit(ha, mn, nb, fresh, &req->coa, lifetime_s, now);
	} else {
		ha_bce_t *single = mip6_ha_bce_find(mn, 0);
		bool overwrite = (req->flags & MIP6_BU_F_O) != 0;
		/* RFC 5648 6.2: without O, a regular binding (no BID) stays and
		 * the BU is not processed: 165. */
		if (single && !overwrite) {
			mip6_node_mem_free(n, arr);
			return refuse(ha, mn, req, was_bound, bound, MIP6_BA_MCOA_NON_MCOA_EXISTS);
		}
		/* RFC 5648 6.2: a BID option without a care-of address updates
		 * the binding of that BID; with none, that BID is 167. */
		for (unsigned i = 0; i < req->nbid; i++) {
			ha_bid_t *bid = &req->bid[i];
			if (!bid->nocoa || bid->status != 0)
				continue;
			const ha_bce_t *b = mip6_ha_bce_find(mn, bid->bid);
			if (b)
				bid->coa = b->coa;
			else
				bid->status = MIP6_BA_MCOA_UNKNOWN_COA;
		}
		/* RFC 5648 4.2, 6.2: with O the bindings the BU does not name
		 * go (a single one once a new one is in place, below). */
		unsigned going = single ? 1 : 0;
		if (overwrite) {
			for (ha_bce_t *b = ha_mn_bces(mn), *next; b; b = next) {
				next = b->next;
				bool named = false;
				for (unsigned i = 0; i < req->nbid && !named; i++)
					named = req->bid[i].bid == b->bid && req->bid[i].status == 0;
				if (!named && b->bid != 0)
					bce_remove(ha, mn, b);
			}
		}
		mn->mr = (req->flags & MIP6_BU_F_R) != 0;
		unsigned ok = 0, bad = 0, placed = 0;
		uint8_t first_bad = 0;
		for (unsigned i = 0; i < req->nbid; i++) {
			ha_bid_t *bid = &req->bid[i];
			if (bid->status == 0 && bid->home) {
				/* This interface is at home: its binding goes
				 * (RFC 5648 returning home), the others stay. */
				ha_bce_t *b = mip6_ha_bce_find(mn, bid->bid);
				if (b)
					bce_remove(ha, mn, b);
			} else if (bid->status == 0) {
				bid->status = bce_set(ha, mn, bid->bid, &bid->coa, lifetime_s, now, going);
				placed += bid->status == 0;
			}
			if (bid->status < 128) {
				ok++;
			} else {
				if (!bad)
					first_bad = bid->status;
				bad++;
			}
		}
		if (single && (placed || ok))
			bce_remove(ha, mn, single);
		/* RFC 5648 6.2: some BIDs accepted and some not: 4 with the
		 * per-BID statuses in the BID options. */
		st = bad == 0 ? MIP6_BA_ACCEPTED : ok == 0 ? first_bad : MIP6_BA_MCOA_NOTCOMPLETE;
	}
	mn->seq = req->seq;
	if (mn->nbce == 0) {
		mip6_node_mem_free(n, arr);
		mip6_ha_mn_remove(ha, mn);
		*bound = false;
		return st;
	}
	if (!was_bound) {
		/* RFC 6275 10.4.1: intercept the home address on the home link
		 * (and its link-local address when L is set), and tell the
		 * link's nodes with an unsolicited Neighbor Advertisement. */
		proxy_add(ha, &mn->hoa, mn->mr);
		mip6_ha_na_start(ha, &mn->hoa, &mn->hoa, mn->mr);
		if (req->flags & MIP6_BU_F_L) {
			mip6_addr_t ll;
			mip6_ha_ll_of(&mn->hoa, &ll);
			proxy_add(ha, &ll, mn->mr);
			mip6_ha_na_start(ha, &ll, &mn->hoa, mn->mr);
		}
		mip6_node_trace_state(n, "ha", MIP6_EV_HA_BCE_STATE, mn->state == HA_MN_DAD ? "DAD" : "NONE",
		                      "BOUND", &mn->hoa, &req->coa);
		mn->state = HA_MN_BOUND;
	}
	if (mnp_change)
		mnp_sync(ha, mn, arr, nwant);
	*bound = true;
	return st;
}

uint8_t mip6_ha_unbind(ha_t *ha, ha_mn_t *mn, ha_req_t *req)
{
	if (req->nbid == 0) {
		mip6_ha_mn_remove(ha, mn);
		return MIP6_BA_ACCEPTED;
	}
	/* RFC 5648 6.2: de-registering a BID without a binding is 133. */
	unsigned known = 0;
	for (unsigned i = 0; i < req->nbid; i++) {
		bool has = mip6_ha_bce_find(mn, req->bid[i].bid) != NULL;
		known += has;
		req->bid[i].status = has ? 0 : MIP6_BA_NOT_HA_FOR_MN;
	}
	if (known == 0) {
		for (unsigned i = 0; i < req->nbid; i++)
			req->bid[i].status = 0; /* the BA's status says it */
		return MIP6_BA_NOT_HA_FOR_MN;
	}
	for (unsigned i = 0; i < req->nbid; i++) {
		ha_bce_t *b = mip6_ha_bce_find(mn, req->bid[i].bid);
		if (b)
			bce_remove(ha, mn, b);
	}
	mn->seq = req->seq;
	if (mn->nbce == 0)
		mip6_ha_mn_remove(ha, mn);
	return known == req->nbid ? MIP6_BA_ACCEPTED : MIP6_BA_MCOA_NOTCOMPLETE;
}

void mip6_ha_bce_expired(ha_t *ha, ha_bce_t *b, mip6_ns_t now)
{
	ha_mn_t *mn = b->mn;
	/* Refreshed since the timer was armed: wait for the new end. The heap
	 * slot the timer just left is still there, so this cannot fail for
	 * want of memory; if it does, the binding goes now rather than never. */
	if (b->expires > now && mip6_node_arm(ha->comp.node, &b->timer, b->expires) == 0)
		return;
	mip6_ha_trace(ha, MIP6_TR_BINDING, MIP6_EV_HA_BINDING_EXPIRED, "binding expired", &mn->hoa, &b->coa,
	              b->bid);
	bce_remove(ha, mn, b);
	if (mn->nbce == 0)
		mip6_ha_mn_remove(ha, mn);
}

/* --- unsolicited Neighbor Advertisements (RFC 6275 10.4.1) --- */

static bool send_na(ha_t *ha, const mip6_addr_t *target, bool router)
{
	static const mip6_addr_t all_nodes = {{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}};
	mip6_node_t *n = ha->comp.node;
	const mip6_iface_t *ifc = mip6_node_iface(n, ha->cfg.home_ifindex);
	if (!ifc || ifc->cfg.lladdr_len == 0 || ifc->cfg.lladdr_len > sizeof(ifc->cfg.lladdr)) {
		mip6_node_trace_drop(n, "ha", MIP6_EV_HA_DROP_PROXY_NA_NO_LLADDR,
		                     "no link-layer address on the home link for a proxy NA", target);
		return false;
	}
	/* RFC 6275 10.4.1: target the mobile node's address, Target
	 * Link-layer Address option with the home agent's own, Router and
	 * Solicited clear, Override set; to all-nodes, hop limit 255
	 * (RFC 4861 7.1.2). */
	mip6_icmp6_t na;
	mip6_icmp6_init(&na, MIP6_ICMP6_NA);
	/* RFC 3963 6.2: "If the Mobile Router (R) Flag has been set in the
	 * Binding Update, the Router (R) bit in the Advertisement MUST be set." */
	na.u.nd.flags = (uint8_t)(MIP6_NA_F_O | (router ? MIP6_NA_F_R : 0u));
	na.u.nd.target = *target;
	mip6_nd_opt_t *o = mip6_icmp6_add_opt(&na, MIP6_ND_OPT_TLLA);
	o->u.lla.len = ifc->cfg.lladdr_len;
	memcpy(o->u.lla.addr, ifc->cfg.lladdr, ifc->cfg.lladdr_len);
	if (mip6_node_send_icmp6(n, ha->cfg.home_ifindex, &ha->cfg.addr, &all_nodes, 255, &na) == 0)
		mip6_ha_trace(ha, MIP6_TR_TX, MIP6_EV_HA_TX_PROXY_NA, "proxy NA", target, NULL, 0);
	return true;
}

static void na_arm(ha_t *ha)
{
	mip6_ns_t first = 0;
	for (unsigned i = 0; i < HA_NA_QUEUE; i++)
		if (ha->na[i].left && (!first || ha->na[i].due < first))
			first = ha->na[i].due;
	if (!first)
		mip6_node_cancel(ha->comp.node, &ha->na_timer);
	else if (mip6_node_arm(ha->comp.node, &ha->na_timer, first) != 0)
		memset(ha->na, 0, sizeof(ha->na)); /* the first copies went out */
}

void mip6_ha_na_start(ha_t *ha, const mip6_addr_t *target, const mip6_addr_t *hoa, bool router)
{
	if (!send_na(ha, target, router))
		return;
	/* RFC 6275 10.4.1 allows repeating it up to MAX_NEIGHBOR_ADVERTISEMENT
	 * times (RFC 4861 7.2.6: RetransTimer apart), multicast being
	 * unreliable; with the queue full only the first copy goes. */
	for (unsigned i = 0; i < HA_NA_QUEUE; i++) {
		ha_na_t *e = &ha->na[i];
		if (e->left)
			continue;
		e->target = *target;
		e->hoa = *hoa;
		e->router = router;
		e->left = HA_NA_COUNT - 1;
		e->due = ha->comp.node->now + HA_NA_INTERVAL;
		na_arm(ha);
		return;
	}
}

void mip6_ha_na_timer(ha_t *ha, mip6_ns_t now)
{
	for (unsigned i = 0; i < HA_NA_QUEUE; i++) {
		ha_na_t *e = &ha->na[i];
		if (!e->left || e->due > now)
			continue;
		send_na(ha, &e->target, e->router);
		e->left--;
		e->due = now + HA_NA_INTERVAL;
	}
	na_arm(ha);
}

/* The binding went: its advertisements stop. */
static void na_stop(ha_t *ha, const mip6_addr_t *hoa)
{
	bool any = false;
	for (unsigned i = 0; i < HA_NA_QUEUE; i++) {
		if (ha->na[i].left && mip6_addr_eq(&ha->na[i].hoa, hoa)) {
			ha->na[i].left = 0;
			any = true;
		}
	}
	if (any)
		na_arm(ha);
}

/* --- operator command --- */

static void flush_done(ha_t *ha, const mip6_addr_t *hoa)
{
	mip6_bus_msg_t m;
	memset(&m, 0, sizeof(m));
	m.type = MIP6_BUS_BC_FLUSH;
	m.flags = MIP6_BF_HOME;
	m.hoa = *hoa;
	m.peer = ha->cfg.addr;
	mip6_node_publish(ha->comp.node, &m);
	mip6_ha_trace(ha, MIP6_TR_INFO, MIP6_EV_HA_BC_FLUSHED, "binding cache flushed", hoa, NULL, ha->nmn);
}

/* Bus messages removing mn publishes: BC_REMOVE per binding, MNP_ROUTE
 * DEL per prefix; one more place stays for the final BC_FLUSH. */
static unsigned remove_cost(const ha_mn_t *mn)
{
	return (unsigned)mn->nbce + (unsigned)mn->nmnp + 2u;
}

/* Removes every binding, as many as the bus queue takes now: each removal
 * must reach the data plane (a lost BC_REMOVE would leave a tunnel to the
 * old care-of address behind), so a large cache goes in several rounds. */
void mip6_ha_flush_more(ha_t *ha)
{
	mip6_node_t *n = ha->comp.node;
	for (uint32_t i = 0; i < ha->nbuckets; i++) {
		while (ha->buckets[i]) {
			if (mip6_node_bus_room(n) < remove_cost(ha->buckets[i])) {
				if (mip6_node_arm(n, &ha->flush_timer, n->now) == 0)
					return;
				/* The timer heap could not grow: better an
				 * overfull bus (counted) than a flush left half done. */
			}
			mip6_ha_mn_remove(ha, ha->buckets[i]);
		}
	}
	const mip6_addr_t all = {{0}};
	flush_done(ha, &all);
}

void mip6_ha_flush(ha_t *ha, const mip6_addr_t *hoa)
{
	if (mip6_addr_is_unspec(hoa)) {
		mip6_ha_flush_more(ha);
		return;
	}
	ha_mn_t *mn = mip6_ha_mn_find(ha, hoa);
	if (mn)
		mip6_ha_mn_remove(ha, mn);
	flush_done(ha, hoa);
}

void mip6_ha_mn_remove(ha_t *ha, ha_mn_t *mn)
{
	mip6_node_t *n = ha->comp.node;
	mip6_ha_dad_free(ha, mn);
	if (mn->state == HA_MN_BOUND)
		na_stop(ha, &mn->hoa);
	while (mn->u.bces)
		bce_remove(ha, mn, mn->u.bces);
	if (mn->nmnp)
		mnp_sync(ha, mn, NULL, 0);
	if (mn->state == HA_MN_BOUND)
		submit(ha, MIP6_OP_PROXY_ND_DEL, ha->cfg.home_ifindex, &mn->hoa, 128, NULL);
	if (mn->state == HA_MN_BOUND && mn->ll_proxy) {
		mip6_addr_t ll;
		mip6_ha_ll_of(&mn->hoa, &ll);
		submit(ha, MIP6_OP_PROXY_ND_DEL, ha->cfg.home_ifindex, &ll, 128, NULL);
	}
	if (mn->state)
		mip6_node_trace_state(n, "ha", MIP6_EV_HA_BCE_STATE,
		                      mn->state == HA_MN_BOUND ? "BOUND" : "DAD", "NONE", &mn->hoa, NULL);
	mip6_ha_mn_unlink(ha, mn);
	mip6_ha_mn_free(ha, mn);
}

void mip6_ha_mn_free(ha_t *ha, ha_mn_t *mn)
{
	mip6_node_t *n = ha->comp.node;
	mip6_ha_dad_free(ha, mn);
	ha_bce_t *b = mn->u.bces;
	while (b) {
		ha_bce_t *next = b->next;
		mip6_node_cancel(n, &b->timer);
		if (b != &mn->b0)
			mip6_node_mem_free(n, b);
		b = next;
	}
	mip6_node_mem_free(n, mn->mnp);
	mip6_node_mem_free(n, mn);
}
