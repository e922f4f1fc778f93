/* SPDX-License-Identifier: BSD-3-Clause */
/* The mobile node's binding update list and return routability state as
 * mip6/view.h shows them. */
#include "../view_internal.h"
#include "mn_internal.h"

static const mn_t *mn_of(const mip6_component_t *c)
{
	return MN_OF(c, const mn_t, comp);
}

static mip6_ns_t when(const mip6_timer_t *t)
{
	return mip6_timer_armed(t) ? t->when : MIP6_NS_NEVER;
}

static void fill_home(const mn_t *mn, const mn_bul_t *b, mip6_view_bul_t *v)
{
	memset(v, 0, sizeof(*v));
	v->peer_role = MIP6_NODE_HA;
	v->flags = (uint16_t)(MIP6_BF_HOME | (mn->cfg.mr ? MIP6_BF_MR : 0) |
	                      (b->state == MN_WAITD ? MIP6_BF_DEREG : 0));
	v->bid = b->bid;
	v->seq = b->seq;
	v->bound = mip6_timer_armed(&b->expire);
	mip6_view_name(v->state, mip6_mn_state_name(b->state));
	v->ifindex = b->ifindex;
	v->lifetime_req_s = b->state == MN_WAITD ? 0 : mn->lifetime;
	v->lifetime_s = b->lifetime;
	v->tx_count = b->tx_count;
	v->expires = when(&b->expire);
	v->next_tx = when(&b->retx);
	v->refresh = when(&b->refresh);
	if (mn->ha_known)
		v->peer = mn->ha;
	v->hoa = mn->cfg.hoa;
	if (b->has_coa)
		v->coa = b->coa;
}

static void fill_cn(const mn_t *mn, const mn_cn_t *c, mip6_view_bul_t *v)
{
	memset(v, 0, sizeof(*v));
	bool dereg = c->dereg || c->state == MN_RRDEL;
	v->peer_role = MIP6_NODE_CN;
	v->flags = (uint16_t)(MIP6_BF_RO | (dereg ? MIP6_BF_DEREG : 0));
	v->seq = c->seq;
	v->bound = mip6_timer_armed(&c->expire);
	mip6_view_name(v->state, mip6_mn_state_name(c->state));
	v->ifindex = c->ifindex;
	/* c->lifetime is what the BU in flight asked for until its BA brings
	 * the grant (mn_ro.c). */
	bool waiting = c->state == MN_WAITA || c->state == MN_WAITAR || c->state == MN_WAITD;
	v->lifetime_req_s = waiting ? c->lifetime : 0;
	v->lifetime_s = c->state == MN_BOUND ? c->lifetime : 0;
	v->expires = when(&c->expire);
	v->next_tx = when(&c->retx);
	v->refresh = when(&c->refresh);
	v->peer = c->cn;
	v->hoa = mn->cfg.hoa;
	v->coa = c->coa;
}

size_t mip6_mn_view_bul(const mip6_component_t *comp, mip6_view_bul_t *out, size_t cap)
{
	const mn_t *mn = mn_of(comp);
	size_t total = 0;
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		if (!mn->bul[i].used)
			continue;
		if (total < cap)
			fill_home(mn, &mn->bul[i], &out[total]);
		total++;
	}
	for (const mn_cn_t *c = mn->cns; c; c = c->next) {
		if (total < cap)
			fill_cn(mn, c, &out[total]);
		total++;
	}
	return total;
}

/* RFC 6275 5.2.7: a keygen token is usable for MAX_TOKEN_LIFETIME. */
static mip6_ns_t token_end(bool held, mip6_ns_t at)
{
	return held ? at + MIP6_SEC(MN_MAX_TOKEN_LIFETIME) : MIP6_NS_NEVER;
}

size_t mip6_mn_view_rr(const mip6_component_t *comp, mip6_view_rr_t *out, size_t cap)
{
	const mn_t *mn = mn_of(comp);
	mip6_ns_t now = comp->node->now;
	size_t total = 0;
	for (const mn_cn_t *c = mn->cns; c; c = c->next, total++) {
		if (total >= cap)
			continue;
		mip6_view_rr_t *v = &out[total];
		memset(v, 0, sizeof(*v));
		mip6_view_name(v->state, mip6_mn_rr_name(c->rr));
		v->home_expires = token_end(c->home_ok, c->home_at);
		v->coa_expires = token_end(c->coa_ok, c->coa_at);
		v->home_token = c->home_ok && now < v->home_expires;
		v->coa_token = c->coa_ok && mip6_addr_eq(&c->coa_tok, &c->coa) && now < v->coa_expires;
		v->home_nonce = c->home_nonce;
		v->coa_nonce = c->coa_nonce;
		v->home_at = c->home_ok ? c->home_at : MIP6_NS_NEVER;
		v->coa_at = c->coa_ok ? c->coa_at : MIP6_NS_NEVER;
		v->hold_until = MIP6_NS_NEVER;
		for (unsigned i = 0; i < MN_RO_HOLD_SLOTS; i++)
			if (mn->hold[i].until && now < mn->hold[i].until &&
			    mip6_addr_eq(&mn->hold[i].cn, &c->cn))
				v->hold_until = mn->hold[i].until;
		v->cn = c->cn;
		v->coa = c->coa;
	}
	return total;
}

size_t mip6_mn_view_home_prefixes(const mip6_component_t *comp, mip6_view_home_prefix_t *out, size_t cap)
{
	const mn_t *mn = mn_of(comp);
	for (unsigned i = 0; i < mn->nprefix && i < cap; i++) {
		const mn_home_pfx_t *e = &mn->prefix[i];
		mip6_view_home_prefix_t *v = &out[i];
		memset(v, 0, sizeof(*v));
		v->prefix = e->p;
		v->flags = e->flags;
		v->valid = e->on;
		v->home = e->home;
		v->formed = e->formed;
		v->valid_until = e->on ? e->valid_end : MIP6_NS_NEVER;
		v->preferred_until = e->on ? e->pref_end : MIP6_NS_NEVER;
		v->addr_valid_until = v->addr_preferred_until = MIP6_NS_NEVER;
		if (e->home) {
			v->addr = mn->cfg.hoa;
		} else if (e->formed) {
			v->addr = e->addr;
			v->addr_valid_until = e->addr_valid_end;
			v->addr_preferred_until = e->addr_pref_end;
		}
	}
	return mn->nprefix;
}

void mip6_mn_view_node(const mip6_component_t *comp, mip6_view_node_t *out)
{
	const mn_t *mn = mn_of(comp);
	out->roles |= mn->cfg.mr ? MIP6_NODE_MR : MIP6_NODE_MN;
	out->at_home = mn->at_home;
	out->ha_known = mn->ha_known;
	out->hoa = mn->cfg.hoa;
	if (mn->ha_known)
		out->ha = mn->ha;
	unsigned home = 0;
	for (unsigned i = 0; i < MN_MAX_BUL; i++)
		home += mn->bul[i].used;
	out->bul_home = home;
	out->bul_cn = mn->ncn;
	out->home_mpa_flags = mn->mpa_flags;
	out->home_mpa_heard = mn->mpa_heard;
	out->home_prefixes = (uint8_t)mn->nprefix;
}
