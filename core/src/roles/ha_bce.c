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
	mip6_dp_op_t op;
	memset(&op, 0, sizeof(op));
	op.kind = kind;
	op.ifindex = ifindex;
	op.plen = plen;
	op.addr = *addr;
	if (remote) {
		op.local = ha->cfg.addr;
		op.remote = *remote;
	}
	node_dp_submit(ha->comp.node, COMP_HA, &op);
}

static void publish_bc(ha_t *ha, uint16_t type, const ha_mn_t *mn, const ha_bce_t *b)
{
	mip6_bus_msg_t m;
	memset(&m, 0, sizeof(m));
	m.type = type;
	m.flags = (uint16_t)(MIP6_BF_HOME | (mn->mr ? MIP6_BF_MR : 0));
	m.bid = b->bid;
	m.ifindex = ha->cfg.home_ifindex;
	m.lifetime = b->lifetime_s;
	m.hoa = mn->hoa;
	m.coa = b->coa;
	m.peer = ha->cfg.addr;
	node_publish(ha->comp.node, &m);
}

static void route(ha_t *ha, const ha_mn_t *mn, const mip6_prefix_t *p, bool add)
{
	/* Into the core (ifindex 0), whose data plane picks the tunnel. */
	submit(ha, add ? MIP6_DP_ROUTE_ADD : MIP6_DP_ROUTE_DEL, 0, &p->prefix, p->plen, NULL);
	mip6_bus_msg_t m;
	memset(&m, 0, sizeof(m));
	m.type = MIP6_BUS_MNP_ROUTE;
	m.cmd = add ? MIP6_MNP_ADD : MIP6_MNP_DEL;
	m.prefix = p->prefix;
	m.plen = p->plen;
	m.hoa = mn->hoa;
	node_publish(ha->comp.node, &m);
	ha_trace(ha, MIP6_TR_INFO, add ? "mnp route added" : "mnp route removed", &mn->hoa, &p->prefix,
	         p->plen);
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
	node_free(ha->comp.node, mn->mnp);
	mn->mnp = arr;
	mn->nmnp = (uint8_t)nwant;
}

static ha_bce_t *bce_find(ha_mn_t *mn, uint16_t bid)
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
	node_cancel(n, &b->timer);
	publish_bc(ha, MIP6_BUS_BC_REMOVE, mn, b);
	submit(ha, MIP6_DP_TUNNEL_DEL, 0, &mn->hoa, 128, &b->coa);
	ha_trace(ha, MIP6_TR_BINDING, "binding removed", &mn->hoa, &b->coa, b->bid);
	if (b == &mn->b0)
		mn->b0_used = false;
	else
		node_free(n, b);
}

/* Creates or refreshes the binding mn[bid] -> coa. Returns 0 or a status. */
static uint8_t bce_set(ha_t *ha, ha_mn_t *mn, uint16_t bid, const mip6_addr_t *coa, uint32_t lifetime_s,
                       mip6_ns_t now)
{
	mip6_node_t *n = ha->comp.node;
	ha_bce_t *b = bce_find(mn, bid);
	bool fresh = b == NULL;
	if (fresh) {
		if (mn->nbce >= HA_MAX_BIDS)
			return MIP6_BA_INSUFFICIENT;
		b = mn->b0_used ? node_alloc(n, sizeof(*b)) : &mn->b0;
		if (!b)
			return MIP6_BA_INSUFFICIENT;
		memset(b, 0, sizeof(*b));
		b->timer.kind = NODE_TIMER_KIND(COMP_HA, HA_T_BCE);
		b->mn = mn;
		b->bid = bid;
	}
	/* The expiry timer first: it is the one step here that can fail. A
	 * refresh that only moves the end later leaves the armed timer where
	 * it is (moving it in the heap was the largest cost of a refresh);
	 * ha_bce_expired re-arms it when it fires before 'expires'. */
	mip6_ns_t expires = now + MIP6_SEC(lifetime_s);
	if (!mip6_timer_armed(&b->timer) || expires < b->timer.when) {
		if (node_arm(n, &b->timer, expires) != 0) {
			if (fresh && b != &mn->b0)
				node_free(n, b);
			return MIP6_BA_INSUFFICIENT;
		}
	}
	b->expires = expires;
	if (fresh) {
		b->next = mn->u.bces;
		mn->u.bces = b;
		mn->nbce++;
		mn->b0_used |= b == &mn->b0;
	}
	bool moved = !fresh && !mip6_addr_eq(&b->coa, coa);
	if (moved)
		submit(ha, MIP6_DP_TUNNEL_DEL, 0, &mn->hoa, 128, &b->coa);
	if (fresh || moved)
		submit(ha, MIP6_DP_TUNNEL_ADD, 0, &mn->hoa, 128, coa);
	b->coa = *coa;
	b->lifetime_s = lifetime_s;
	publish_bc(ha, MIP6_BUS_BC_ADD, mn, b);
	ha_trace(ha, MIP6_TR_BINDING, fresh ? "binding created" : "binding refreshed", &mn->hoa, coa,
	         lifetime_s);
	return 0;
}

uint8_t ha_bind(ha_t *ha, ha_mn_t *mn, ha_req_t *req, mip6_ns_t now, bool *bound)
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
	/* Allocated before any change so that running out of memory changes
	 * nothing. */
	bool mnp_change = !same_set(want, nwant, mn->mnp, mn->nmnp);
	mip6_prefix_t *arr = NULL;
	if (mnp_change && nwant) {
		arr = node_alloc(n, nwant * sizeof(*arr));
		if (!arr) {
			for (unsigned i = 0; i < req->nbid; i++)
				req->bid[i].status = MIP6_BA_INSUFFICIENT;
			*bound = was_bound;
			if (!was_bound)
				ha_mn_remove(ha, mn);
			return MIP6_BA_INSUFFICIENT;
		}
		memcpy(arr, want, nwant * sizeof(*arr));
	}
	mn->mr = (req->flags & MIP6_BU_F_R) != 0;
	uint8_t st = 0;
	if (req->nbid == 0) {
		/* One binding: it replaces any per-BID ones (RFC 5648). */
		for (ha_bce_t *b = ha_mn_bces(mn), *next; b; b = next) {
			next = b->next;
			if (b->bid != 0)
				bce_remove(ha, mn, b);
		}
		st = bce_set(ha, mn, 0, &req->coa, lifetime_s, now);
	} else {
		ha_bce_t *single = bce_find(mn, 0);
		if (single)
			bce_remove(ha, mn, single);
		unsigned ok = 0, bad = 0;
		uint8_t first_bad = 0;
		for (unsigned i = 0; i < req->nbid; i++) {
			ha_bid_t *bid = &req->bid[i];
			if (bid->status == 0 && bid->home) {
				/* This interface is at home: its binding goes
				 * (RFC 5648 returning home), the others stay. */
				ha_bce_t *b = bce_find(mn, bid->bid);
				if (b)
					bce_remove(ha, mn, b);
			} else if (bid->status == 0) {
				bid->status = bce_set(ha, mn, bid->bid, &bid->coa, lifetime_s, now);
			}
			if (bid->status < 128) {
				ok++;
			} else {
				if (!bad)
					first_bad = bid->status;
				bad++;
			}
		}
		/* RFC 5648 6.2: some BIDs accepted and some not: 4 with the
		 * per-BID statuses in the BID options. */
		st = bad == 0 ? MIP6_BA_ACCEPTED : ok == 0 ? first_bad : MIP6_BA_MCOA_NOTCOMPLETE;
	}
	mn->seq = req->seq;
	if (mn->nbce == 0) {
		node_free(n, arr);
		ha_mn_remove(ha, mn);
		*bound = false;
		return st;
	}
	if (!was_bound) {
		/* RFC 6275 10.4.1: intercept the home address on the home link
		 * (and its link-local address when L is set). */
		submit(ha, MIP6_DP_PROXY_ND_ADD, ha->cfg.home_ifindex, &mn->hoa, 128, NULL);
		if (req->flags & MIP6_BU_F_L) {
			mip6_addr_t ll;
			ha_ll_of(&mn->hoa, &ll);
			submit(ha, MIP6_DP_PROXY_ND_ADD, ha->cfg.home_ifindex, &ll, 128, NULL);
			mn->ll_proxy = true;
		}
		node_trace_state(n, "ha", mn->state == HA_MN_DAD ? "DAD" : "NONE", "BOUND", &mn->hoa,
		                 &req->coa);
		mn->state = HA_MN_BOUND;
	}
	if (mnp_change)
		mnp_sync(ha, mn, arr, nwant);
	*bound = true;
	return st;
}

void ha_unbind(ha_t *ha, ha_mn_t *mn, ha_req_t *req)
{
	if (req->nbid == 0) {
		ha_mn_remove(ha, mn);
		return;
	}
	for (unsigned i = 0; i < req->nbid; i++) {
		ha_bce_t *b = bce_find(mn, req->bid[i].bid);
		if (b)
			bce_remove(ha, mn, b);
		if (req->bid[i].status >= 128)
			req->bid[i].status = 0; /* a deregistration has nothing to refuse */
	}
	mn->seq = req->seq;
	if (mn->nbce == 0)
		ha_mn_remove(ha, mn);
}

void ha_bce_expired(ha_t *ha, ha_bce_t *b, mip6_ns_t now)
{
	ha_mn_t *mn = b->mn;
	/* Refreshed since the timer was armed: wait for the new end. The heap
	 * slot the timer just left is still there, so this cannot fail for
	 * want of memory; if it does, the binding goes now rather than never. */
	if (b->expires > now && node_arm(ha->comp.node, &b->timer, b->expires) == 0)
		return;
	ha_trace(ha, MIP6_TR_BINDING, "binding expired", &mn->hoa, &b->coa, b->bid);
	bce_remove(ha, mn, b);
	if (mn->nbce == 0)
		ha_mn_remove(ha, mn);
}

void ha_mn_remove(ha_t *ha, ha_mn_t *mn)
{
	mip6_node_t *n = ha->comp.node;
	ha_dad_free(ha, mn);
	while (mn->u.bces)
		bce_remove(ha, mn, mn->u.bces);
	if (mn->nmnp)
		mnp_sync(ha, mn, NULL, 0);
	if (mn->state == HA_MN_BOUND)
		submit(ha, MIP6_DP_PROXY_ND_DEL, ha->cfg.home_ifindex, &mn->hoa, 128, NULL);
	if (mn->ll_proxy) {
		mip6_addr_t ll;
		ha_ll_of(&mn->hoa, &ll);
		submit(ha, MIP6_DP_PROXY_ND_DEL, ha->cfg.home_ifindex, &ll, 128, NULL);
	}
	if (mn->state)
		node_trace_state(n, "ha", mn->state == HA_MN_BOUND ? "BOUND" : "DAD", "NONE", &mn->hoa, NULL);
	ha_mn_unlink(ha, mn);
	ha_mn_free(ha, mn);
}

void ha_mn_free(ha_t *ha, ha_mn_t *mn)
{
	mip6_node_t *n = ha->comp.node;
	ha_dad_free(ha, mn);
	ha_bce_t *b = mn->u.bces;
	while (b) {
		ha_bce_t *next = b->next;
		node_cancel(n, &b->timer);
		if (b != &mn->b0)
			node_free(n, b);
		b = next;
	}
	node_free(n, mn->mnp);
	node_free(n, mn);
}
