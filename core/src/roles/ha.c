/* SPDX-License-Identifier: BSD-3-Clause */
/* The home agent component: construction, hooks, and the tables that find
 * a client's configuration and a home address's record in O(1). */
#include "ha_internal.h"
#include "mip6/err.h"

#define HA_MIN_BUCKETS 64u

/* The per-home-address record (with its first binding) is most of the
 * HA's memory per binding. */
_Static_assert(sizeof(ha_mn_t) <= 56 + sizeof(ha_bce_t), "ha_mn_t grew");

uint32_t mip6_ha_hash(const mip6_addr_t *a)
{
	uint64_t x, y;
	memcpy(&x, a->b, 8);
	memcpy(&y, a->b + 8, 8);
	x ^= y * 0x9e3779b97f4a7c15ull;
	x ^= x >> 29;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 32;
	return (uint32_t)x;
}

void mip6_ha_trace(ha_t *ha, uint16_t kind, uint16_t code, const char *what, const mip6_addr_t *a,
                   const mip6_addr_t *b, uint32_t value)
{
	mip6_node_t *n = ha->comp.node;
	if (!n->env.trace)
		return;
	mip6_trace_t ev = {
	    .kind = kind, .code = code, .component = "ha", .what = what, .value = value, .now = n->now};
	if (a)
		ev.a = *a;
	if (b)
		ev.b = *b;
	mip6_node_trace(n, &ev);
}

/* --- configured clients --- */

mip6_hmac_key_t *mip6_ha_client_key(ha_t *ha, int32_t client)
{
	ha_client_rt_t *rt = &ha->crt[client];
	const mip6_auth_cfg_t *a = &ha->clients[client].auth;
	if (!rt->key)
		rt->key = mip6_hmac_key_new(a->key, a->key_len);
	return rt->key;
}

int32_t mip6_ha_client_find(const ha_t *ha, const mip6_addr_t *hoa)
{
	if (!ha->cindex)
		return -1;
	for (uint32_t i = mip6_ha_hash(hoa) & ha->cmask;; i = (i + 1) & ha->cmask) {
		uint32_t v = ha->cindex[i];
		if (v == 0)
			return -1;
		if (mip6_addr_eq(&ha->clients[v - 1].hoa, hoa))
			return (int32_t)(v - 1);
	}
}

static int clients_init(ha_t *ha, const mip6_ha_cfg_t *cfg)
{
	if (cfg->nclients == 0)
		return 0;
	if (!cfg->clients || cfg->nclients > 0x3fffffffu)
		return MIP6_E_INVAL;
	mip6_node_t *n = ha->comp.node;
	ha->clients = mip6_node_mem_alloc(n, cfg->nclients * sizeof(*ha->clients));
	ha->crt = mip6_node_mem_alloc(n, cfg->nclients * sizeof(*ha->crt));
	uint32_t size = 2;
	while (size < 2u * cfg->nclients)
		size <<= 1;
	ha->cindex = mip6_node_mem_alloc(n, size * sizeof(*ha->cindex));
	if (!ha->clients || !ha->crt || !ha->cindex)
		return MIP6_E_NOMEM;
	memcpy(ha->clients, cfg->clients, cfg->nclients * sizeof(*ha->clients));
	memset(ha->crt, 0, cfg->nclients * sizeof(*ha->crt));
	memset(ha->cindex, 0, size * sizeof(*ha->cindex));
	ha->cmask = size - 1;
	for (uint32_t c = 0; c < cfg->nclients; c++) {
		if (mip6_ha_client_find(ha, &ha->clients[c].hoa) >= 0)
			continue; /* the first entry for a home address wins */
		uint32_t i = mip6_ha_hash(&ha->clients[c].hoa) & ha->cmask;
		while (ha->cindex[i])
			i = (i + 1) & ha->cmask;
		ha->cindex[i] = c + 1;
	}
	return 0;
}

/* --- home address records --- */

ha_mn_t *mip6_ha_mn_find(const ha_t *ha, const mip6_addr_t *hoa)
{
	for (ha_mn_t *mn = ha->buckets[mip6_ha_hash(hoa) & (ha->nbuckets - 1)]; mn; mn = mn->hnext)
		if (mip6_addr_eq(&mn->hoa, hoa))
			return mn;
	return NULL;
}

/* Doubles the bucket array; on failure the chains just grow longer. */
static void grow(ha_t *ha)
{
	uint32_t nb = ha->nbuckets * 2;
	ha_mn_t **b = mip6_node_mem_alloc(ha->comp.node, nb * sizeof(*b));
	if (!b)
		return;
	memset(b, 0, nb * sizeof(*b));
	for (uint32_t i = 0; i < ha->nbuckets; i++) {
		ha_mn_t *mn = ha->buckets[i];
		while (mn) {
			ha_mn_t *next = mn->hnext;
			uint32_t j = mip6_ha_hash(&mn->hoa) & (nb - 1);
			mn->hnext = b[j];
			b[j] = mn;
			mn = next;
		}
	}
	mip6_node_mem_free(ha->comp.node, ha->buckets);
	ha->buckets = b;
	ha->nbuckets = nb;
}

ha_mn_t *mip6_ha_mn_new(ha_t *ha, const mip6_addr_t *hoa, int32_t client)
{
	ha_mn_t *mn = mip6_node_mem_alloc(ha->comp.node, sizeof(*mn));
	if (!mn)
		return NULL;
	memset(mn, 0, sizeof(*mn));
	mn->hoa = *hoa;
	mn->client = client;
	if (ha->nmn >= ha->nbuckets && ha->nbuckets < (1u << 30))
		grow(ha);
	uint32_t i = mip6_ha_hash(hoa) & (ha->nbuckets - 1);
	mn->hnext = ha->buckets[i];
	ha->buckets[i] = mn;
	ha->nmn++;
	return mn;
}

void mip6_ha_pending_add(ha_t *ha, ha_dad_t *d)
{
	d->next = NULL;
	*ha->pending_tail = d;
	ha->pending_tail = &d->next;
}

void mip6_ha_pending_remove(ha_t *ha, ha_dad_t *d)
{
	for (ha_dad_t **pp = &ha->pending; *pp; pp = &(*pp)->next) {
		if (*pp == d) {
			*pp = d->next;
			if (ha->pending_tail == &d->next)
				ha->pending_tail = pp;
			d->next = NULL;
			return;
		}
	}
}

void mip6_ha_dad_free(ha_t *ha, ha_mn_t *mn)
{
	if (!mn->has_dad)
		return;
	mip6_node_t *n = ha->comp.node;
	ha_dad_t *d = mn->u.dad;
	mn->has_dad = false;
	mn->u.bces = NULL;
	mip6_ha_pending_remove(ha, d);
	mip6_node_cancel(n, &d->timer);
	while (d->reqs) {
		ha_req_t *next = d->reqs->next;
		mip6_node_mem_free(n, d->reqs);
		d->reqs = next;
	}
	mip6_node_mem_free(n, d);
}

void mip6_ha_mn_unlink(ha_t *ha, ha_mn_t *mn)
{
	for (ha_mn_t **pp = &ha->buckets[mip6_ha_hash(&mn->hoa) & (ha->nbuckets - 1)]; *pp; pp = &(*pp)->hnext) {
		if (*pp == mn) {
			*pp = mn->hnext;
			ha->nmn--;
			break;
		}
	}
}

/* --- hooks --- */

static bool on_mh(mip6_component_t *c, const mip6_rx_t *rx, mip6_ns_t now)
{
	ha_t *ha = HA_CONTAINER(c, ha_t, comp);
	const mip6_mh_t *m = &rx->p->mh;
	/* Only home registrations are ours; a BU without H goes on to the
	 * correspondent node component (RFC 6275 9.5.1) unless it asks for
	 * what only a home registration can be. */
	if (m->type != MIP6_MH_BU || !mip6_addr_eq(&rx->dst, &ha->cfg.addr))
		return false;
	if (!(m->u.bu.flags & MIP6_BU_F_H))
		return mip6_ha_bu_without_h(ha, rx);
	mip6_ha_bu_input(ha, rx, now);
	return true;
}

static bool on_icmp6(mip6_component_t *c, const mip6_rx_t *rx, mip6_ns_t now)
{
	return mip6_ha_icmp6_input(HA_CONTAINER(c, ha_t, comp), rx, now);
}

static void on_timer(mip6_component_t *c, mip6_timer_t *t, mip6_ns_t now)
{
	ha_t *ha = HA_CONTAINER(c, ha_t, comp);
	switch (t->kind & 0xff) {
	case HA_T_BCE:
		mip6_ha_bce_expired(ha, HA_CONTAINER(t, ha_bce_t, timer), now);
		break;
	case HA_T_DAD:
		mip6_ha_dad_guard(ha, HA_CONTAINER(t, ha_dad_t, timer));
		break;
	case HA_T_HAL:
		mip6_ha_hal_expired(ha, HA_CONTAINER(t, ha_hal_t, timer));
		break;
	case HA_T_NA:
		mip6_ha_na_timer(ha, now);
		break;
	case HA_T_MPA:
		mip6_ha_mpa_timer(ha, now);
		break;
	case HA_T_FLUSH:
		mip6_ha_flush_more(ha);
		break;
	default:
		break;
	}
}

static void on_op_result(mip6_component_t *c, uint32_t op_id, int status, mip6_ns_t now)
{
	mip6_ha_dad_result(HA_CONTAINER(c, ha_t, comp), op_id, status, now);
}

static void on_bus(mip6_component_t *c, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	ha_t *ha = HA_CONTAINER(c, ha_t, comp);
	if (m->type == MIP6_BUS_BE_HINT)
		mip6_ha_be_hint(ha, m, now);
	else if (m->type == MIP6_BUS_COMMAND && m->cmd == MIP6_CMD_FLUSH_BC)
		mip6_ha_flush(ha, &m->hoa);
}

static void release(ha_t *ha)
{
	mip6_node_t *n = ha->comp.node;
	/* Every record goes: no need to take each DAD record off the list. */
	ha->pending = NULL;
	ha->pending_tail = &ha->pending;
	if (ha->buckets) {
		for (uint32_t i = 0; i < ha->nbuckets; i++) {
			ha_mn_t *mn = ha->buckets[i];
			while (mn) {
				ha_mn_t *next = mn->hnext;
				mip6_ha_mn_free(ha, mn);
				mn = next;
			}
		}
	}
	for (unsigned i = 0; i < HA_HAL_MAX; i++)
		mip6_node_cancel(n, &ha->hal[i].timer);
	mip6_node_cancel(n, &ha->na_timer);
	mip6_node_cancel(n, &ha->mpa_timer);
	mip6_node_cancel(n, &ha->flush_timer);
	mip6_node_mem_free(n, ha->buckets);
	if (ha->crt)
		for (uint32_t c = 0; c < ha->cfg.nclients; c++)
			mip6_hmac_key_free(ha->crt[c].key);
	mip6_node_mem_free(n, ha->clients);
	mip6_node_mem_free(n, ha->crt);
	mip6_node_mem_free(n, ha->cindex);
	mip6_node_mem_free(n, ha);
}

static void destroy(mip6_component_t *c)
{
	ha_t *ha = HA_CONTAINER(c, ha_t, comp);
	mip6_bus_unsubscribe(&ha->comp.node->bus, c);
	release(ha);
}

int mip6_ha_create(mip6_node_t *n, const mip6_ha_cfg_t *cfg)
{
	if (!cfg || cfg->home_prefix.plen > 128)
		return MIP6_E_INVAL;
	if (n->comp[COMP_HA])
		return MIP6_E_INVAL;
	ha_t *ha = mip6_node_mem_alloc(n, sizeof(*ha));
	if (!ha)
		return MIP6_E_NOMEM;
	memset(ha, 0, sizeof(*ha));
	ha->comp.name = "ha";
	ha->comp.node = n;
	ha->cfg = *cfg;
	ha->cfg.clients = NULL;
	ha->cfg.nclients = 0;
	int rc = clients_init(ha, cfg);
	if (rc == 0) {
		ha->cfg.clients = ha->clients;
		ha->cfg.nclients = cfg->nclients;
		ha->buckets = mip6_node_mem_alloc(n, HA_MIN_BUCKETS * sizeof(*ha->buckets));
		if (!ha->buckets)
			rc = MIP6_E_NOMEM;
	}
	if (rc) {
		release(ha);
		return rc;
	}
	memset(ha->buckets, 0, HA_MIN_BUCKETS * sizeof(*ha->buckets));
	ha->nbuckets = HA_MIN_BUCKETS;
	ha->pending_tail = &ha->pending;
	for (unsigned i = 0; i < HA_HAL_MAX; i++)
		ha->hal[i].timer.kind = NODE_TIMER_KIND(COMP_HA, HA_T_HAL);
	ha->na_timer.kind = NODE_TIMER_KIND(COMP_HA, HA_T_NA);
	ha->mpa_timer.kind = NODE_TIMER_KIND(COMP_HA, HA_T_MPA);
	ha->flush_timer.kind = NODE_TIMER_KIND(COMP_HA, HA_T_FLUSH);
	mip6_ha_anycast(&ha->cfg.home_prefix, &ha->anycast);
	mip6_ha_pfx_init(ha);
	ha->comp.bus_mask = MIP6_BUS_MASK(MIP6_BUS_BE_HINT) | MIP6_BUS_MASK(MIP6_BUS_COMMAND);
	ha->comp.on_bus = on_bus;
	ha->comp.on_mh = on_mh;
	ha->comp.on_icmp6 = on_icmp6;
	ha->comp.on_timer = on_timer;
	ha->comp.on_op_result = on_op_result;
	ha->comp.destroy = destroy;
	rc = mip6_node_register(n, COMP_HA, &ha->comp);
	if (rc) {
		release(ha);
		return rc;
	}
	/* RFC 6275 10.5 / RFC 2526: DHAAD requests go to the Home-Agents
	 * anycast address of the home subnet; the platform must accept it. */
	mip6_op_t op;
	memset(&op, 0, sizeof(op));
	op.kind = MIP6_OP_ADDR_ADD;
	op.ifindex = ha->cfg.home_ifindex;
	op.addr = ha->anycast;
	op.plen = ha->cfg.home_prefix.plen;
	op.flags = MIP6_ADDRF_ANYCAST;
	mip6_node_op_submit(n, COMP_HA, &op);
	mip6_bus_msg_t m = {.type = MIP6_BUS_NODETYPE_INFO, .cmd = 1, .nodetype = MIP6_NODE_HA};
	mip6_node_publish(n, &m);
	return 0;
}
