/* SPDX-License-Identifier: BSD-3-Clause */
/* Building the Binding Updates of the mobile node: to the home agent
 * (RFC 6275 11.7.1, RFC 3963 5.1, RFC 5648 5, RFC 4285) and to a
 * correspondent (RFC 6275 11.7.2), and the MAX_UPDATE_RATE limit. */
#include "mip6/auth.h"
#include "mip6/err.h"
#include "mn_internal.h"

uint16_t mip6_mn_units(uint32_t seconds)
{
	/* Lifetimes travel in units of 4 s; never round a request up. */
	uint32_t u = seconds / 4;
	if (u == 0 && seconds > 0)
		u = 1;
	return (uint16_t)(u > 0xffff ? 0xffff : u);
}

bool mip6_mn_rate_allow(const mn_rate_t *r, mip6_ns_t now, mip6_ns_t *when)
{
	if (r->n < MN_MAX_UPDATE_RATE)
		return true;
	/* RFC 6275 11.8: no more than MAX_UPDATE_RATE BUs a second to one node. */
	mip6_ns_t oldest = r->sent[r->next];
	if (now >= oldest + MIP6_SEC(1))
		return true;
	*when = oldest + MIP6_SEC(1);
	return false;
}

void mip6_mn_rate_note(mn_rate_t *r, mip6_ns_t now)
{
	r->sent[r->next] = now;
	r->next = (r->next + 1) % MN_MAX_UPDATE_RATE;
	if (r->n < MN_MAX_UPDATE_RATE)
		r->n++;
}

/* RFC 4285 6: a 64-bit NTP-format timestamp, strictly increasing. Without
 * a wall clock from the env the core uses 'now'; either way plus what the
 * HA told us (status 144/145). */
uint64_t mip6_mn_ntp(mip6_ns_t now)
{
	uint64_t sec = now / 1000000000ull;
	uint64_t frac = ((now % 1000000000ull) << 32) / 1000000000ull;
	return sec << 32 | frac;
}

uint64_t mip6_mn_clock(mn_t *mn)
{
	const mip6_env_t *e = &mn->n->env;
	return e->time_of_day ? e->time_of_day(e->ctx) : mip6_mn_ntp(mn->n->now);
}

static uint64_t mesgid(mn_t *mn)
{
	uint64_t ts = mip6_mn_clock(mn) + (uint64_t)mn->mesgid_offset;
	if (ts <= mn->last_mesgid)
		ts = mn->last_mesgid + 1;
	mn->last_mesgid = ts;
	return ts;
}

/* Modified EUI-64 interface identifier of a link-layer address (RFC 4291
 * appendix A), as the platform forms its link-local addresses. */
static bool eui64_iid(const mip6_iface_cfg_t *ic, uint8_t *iid)
{
	if (ic->lladdr_len == 6) {
		iid[0] = ic->lladdr[0] ^ 0x02;
		iid[1] = ic->lladdr[1];
		iid[2] = ic->lladdr[2];
		iid[3] = 0xff;
		iid[4] = 0xfe;
		memcpy(iid + 5, ic->lladdr + 3, 3);
		return true;
	}
	if (ic->lladdr_len == 8) {
		memcpy(iid, ic->lladdr, 8);
		iid[0] ^= 0x02;
		return true;
	}
	return false;
}

/* RFC 6275 6.1.7 / 11.7.1: L is set when the home address has the same
 * interface identifier as the mobile node's link-local address: then the
 * home agent defends that link-local address on the home link too. */
bool mip6_mn_ll_compat(mn_t *mn)
{
	if (mn->cfg.ll_same_iid)
		return true;
	const mip6_node_t *n = mn->n;
	for (unsigned i = 0; i < n->nifaces; i++) {
		uint8_t iid[8];
		if (eui64_iid(&n->ifaces[i].cfg, iid) && memcmp(iid, mn->cfg.hoa.b + 8, 8) == 0)
			return true;
	}
	return false;
}

/* A live care-of address other than the one of b (MCoA: the BU that
 * de-registers a lost interface's BID leaves through another one). */
static const mn_bul_t *other_coa(const mn_t *mn, const mn_bul_t *b)
{
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		const mn_bul_t *o = &mn->bul[i];
		if (o != b && o->used && o->has_coa && o->state != MN_WAITD)
			return o;
	}
	return NULL;
}

/* RFC 5648 5.9: the first MCoA registration with a home agent sets O, so
 * that whatever that HA still holds for us is replaced; 5.7: so does the
 * answer to 165. A BU while another one is out (sent, not answered) or
 * bound does not: O would remove that binding. */
static bool overwrite(const mn_t *mn, const mn_bul_t *b, mn_bul_t *const *ride, unsigned nride)
{
	if (mn->mcoa_booted)
		return false;
	bool want = b->want_o;
	for (unsigned i = 0; i < nride; i++)
		want |= ride[i]->want_o;
	if (want)
		return true;
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		const mn_bul_t *o = &mn->bul[i];
		bool rider = false;
		for (unsigned k = 0; k < nride; k++)
			rider |= ride[k] == o;
		if (o == b || rider || !o->used)
			continue;
		if (o->state == MN_BOUND || ((o->state == MN_WAITA || o->state == MN_WAITAR) && o->tx_count > 0))
			return false;
	}
	return true;
}

static bool add_auth_opts(mn_t *mn, mip6_mh_t *bu, uint64_t *ts)
{
	const mip6_auth_cfg_t *a = &mn->cfg.auth;
	/* RFC 4285 / RFC 4283: identifier, replay protection, then the MN-HA
	 * authenticator, which must be the last option. */
	mip6_mhopt_t *o = mip6_mh_add_opt(bu, MIP6_OPT_MNID);
	if (!o)
		return false;
	o->len = (uint8_t)(1 + a->nai_len);
	o->u.mnid.subtype = MIP6_MNID_SUBTYPE_NAI;
	o->u.mnid.id = a->nai;
	if (!(o = mip6_mh_add_opt(bu, MIP6_OPT_MESGID)))
		return false;
	o->u.timestamp = mesgid(mn);
	*ts = o->u.timestamp;
	if (!(o = mip6_mh_add_opt(bu, MIP6_OPT_MNAUTH)))
		return false;
	o->len = 5 + MIP6_MNHA_AUTH_LEN;
	o->u.mnauth.subtype = MIP6_MNAUTH_SUBTYPE_MNHA;
	o->u.mnauth.spi = a->spi;
	o->u.mnauth.auth = NULL; /* zeros, filled in by mip6_node_send_mh */
	return true;
}

static bool add_bid(mip6_mh_t *bu, const mn_bul_t *b, bool with_coa)
{
	mip6_mhopt_t *o = mip6_mh_add_opt(bu, MIP6_OPT_BID);
	if (!o)
		return false;
	o->u.bid.bid = b->bid;
	if (with_coa) {
		o->u.bid.coa_len = 16;
		memcpy(o->u.bid.coa, b->coa.b, 16);
	}
	return true;
}

int mip6_mn_send_home_bu(mn_t *mn, mn_bul_t *b, bool dereg, bool bulk, mn_bul_t *const *ride, unsigned nride)
{
	const mip6_addr_t *hoa = &mn->cfg.hoa;
	node_mh_tx_t tx = {.dst = mn->ha};
	if (dereg && mn->at_home) {
		/* RFC 6275 11.5.5: from the home address, no HAO. */
		tx.src = *hoa;
		tx.ifindex = mn->home_ifindex;
	} else if (b->has_coa && !dereg) {
		tx.src = b->coa;
		tx.ifindex = b->ifindex;
		tx.hao = hoa;
	} else {
		/* RFC 5648 5.6: a BID whose interface is gone is removed with a
		 * BU sent through another care-of address. */
		const mn_bul_t *o = b->has_coa ? b : other_coa(mn, b);
		if (!o)
			return MIP6_E_INVAL;
		tx.src = o->coa;
		tx.ifindex = o->ifindex;
		tx.hao = hoa;
	}
	if (!mn->ha_seq_init) {
		mip6_node_random(mn->n, &mn->ha_seq, sizeof(mn->ha_seq));
		mn->ha_seq_init = true;
	}
	mip6_mh_t bu;
	mip6_mh_init(&bu, MIP6_MH_BU);
	bu.u.bu.seq = (uint16_t)(mn->ha_seq + 1);
	bu.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H;
	if (mip6_mn_ll_compat(mn))
		bu.u.bu.flags |= MIP6_BU_F_L;
	if (mn->cfg.mr)
		bu.u.bu.flags |= MIP6_BU_F_R; /* RFC 3963 5.1 */
	bu.u.bu.lifetime = dereg ? 0 : mip6_mn_units(mn->lifetime);
	bool o_flag = mn->cfg.mcoa && !dereg && !bulk && overwrite(mn, b, ride, nride);
	if (o_flag)
		bu.u.bu.flags |= MIP6_BU_F_O;
	mip6_mhopt_t *o;
	if (mn->cfg.mr && mn->cfg.nemo_explicit && !dereg) {
		/* RFC 3963 5.1: explicit mode lists every Mobile Network Prefix. */
		for (unsigned i = 0; i < mn->cfg.nmnp; i++) {
			if (!(o = mip6_mh_add_opt(&bu, MIP6_OPT_MNP)))
				return MIP6_E_NOSPC;
			o->u.mnp.plen = mn->cfg.mnp[i].plen;
			o->u.mnp.prefix = mn->cfg.mnp[i].prefix;
		}
	}
	if (!mn->cfg.mcoa) {
		/* RFC 6275 11.7.1: the Alternate Care-of Address option "MUST be
		 * included in all home registrations" (ESP does not protect the
		 * source address); at home the care-of address is the home
		 * address (11.5.5). MCoA registrations carry the care-of
		 * address in the BID option and MUST NOT add this one (RFC 5648
		 * 5.2). */
		if (!(o = mip6_mh_add_opt(&bu, MIP6_OPT_ALTCOA)))
			return MIP6_E_NOSPC;
		o->u.altcoa = tx.src;
	}
	if (mn->cfg.mcoa && !bulk) {
		/* RFC 5648 4.3, 5.1: the BID and, when registering, its care-of
		 * address; in a bulk registration (5.3) every BID names its own. */
		if (!add_bid(&bu, b, !dereg))
			return MIP6_E_NOSPC;
		for (unsigned i = 0; i < nride; i++)
			if (!add_bid(&bu, ride[i], true))
				return MIP6_E_NOSPC;
	}
	uint64_t ts = 0;
	if (mn->cfg.auth.enabled) {
		if (!add_auth_opts(mn, &bu, &ts))
			return MIP6_E_NOSPC;
		tx.mnha = &mn->cfg.auth;
		tx.mnha_key = mn->auth_key;
		tx.mnha_coa = &tx.src;
		tx.mnha_hoa = hoa;
	}
	int rc = mip6_node_send_mh(mn->n, &tx, &bu);
	if (rc)
		return rc;
	mn->ha_seq = bu.u.bu.seq;
	b->seq = bu.u.bu.seq;
	b->src = tx.src;
	b->ts = ts;
	b->sent_o = o_flag;
	for (unsigned i = 0; i < nride; i++) {
		ride[i]->ts = ts;
		ride[i]->sent_o = o_flag;
	}
	mip6_mn_trace(mn, MIP6_TR_TX,
	              dereg   ? MIP6_EV_MN_TX_BU_DEREG
	              : nride ? MIP6_EV_MN_TX_BU_BULK
	                      : MIP6_EV_MN_TX_BU,
	              dereg   ? "BU (de-registration) to HA"
	              : nride ? "bulk BU to HA"
	                      : "BU to HA",
	              hoa, &tx.src, b->seq);
	return 0;
}

int mip6_mn_send_cn_bu(mn_t *mn, mn_cn_t *c, uint32_t lifetime_s)
{
	const mip6_addr_t *hoa = &mn->cfg.hoa;
	bool dereg = lifetime_s == 0;
	node_mh_tx_t tx = {.dst = c->cn, .kbm = c->kbm, .auth_cn = &c->cn};
	if (dereg && mn->at_home) {
		/* RFC 6275 11.7.2, 5.2.6: back home, from the home address; the
		 * authenticator's care-of address is the home address. */
		tx.src = *hoa;
		tx.ifindex = mn->home_ifindex;
		tx.auth_coa = hoa;
	} else {
		/* Away; a de-registration (operator flush) is authorised like
		 * one from home: home address in the authenticator (5.2.6). */
		tx.src = c->coa;
		tx.ifindex = c->ifindex;
		tx.hao = hoa;
		tx.auth_coa = dereg ? hoa : &c->coa;
	}
	if (!c->seq_init) {
		mip6_node_random(mn->n, &c->seq, sizeof(c->seq));
		c->seq_init = true;
	}
	mip6_mh_t bu;
	mip6_mh_init(&bu, MIP6_MH_BU);
	bu.u.bu.seq = (uint16_t)(c->seq + 1);
	bu.u.bu.flags = MIP6_BU_F_A;
	bu.u.bu.lifetime = mip6_mn_units(lifetime_s);
	mip6_mhopt_t *o = mip6_mh_add_opt(&bu, MIP6_OPT_NONCE);
	if (!o)
		return MIP6_E_NOSPC;
	o->u.nonce.home = c->home_nonce;
	o->u.nonce.careof = dereg ? 0 : c->coa_nonce;
	/* RFC 6275 6.2.7: Binding Authorization Data last; mip6_node_send_mh fills it. */
	if (!(o = mip6_mh_add_opt(&bu, MIP6_OPT_AUTH)))
		return MIP6_E_NOSPC;
	o->u.data = NULL;
	int rc = mip6_node_send_mh(mn->n, &tx, &bu);
	if (rc)
		return rc;
	c->seq = bu.u.bu.seq;
	c->dereg = dereg;
	mip6_mn_trace(mn, MIP6_TR_TX, dereg ? MIP6_EV_MN_RO_TX_BU_DEREG : MIP6_EV_MN_RO_TX_BU,
	              dereg ? "BU (de-registration) to CN" : "BU to CN", hoa, &c->cn, c->seq);
	return 0;
}
