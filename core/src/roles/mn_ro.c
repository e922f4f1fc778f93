/* SPDX-License-Identifier: BSD-3-Clause */
/* Route optimisation of the mobile node (RFC 6275 5.2, 11.6, 11.7.2):
 * per correspondent, a registration state machine (IDLE, RRINIT, RRREDO,
 * RRDEL, WAITA, WAITAR, WAITD, BOUND) driving a return routability one
 * (START, WAITHC, WAITH, WAITC). */
#include "mn_internal.h"

#define MN_RO_MAX_RESYNCS 4

static void cn_state(mn_t *mn, mn_cn_t *c, uint8_t to)
{
	if (c->state == to)
		return;
	mip6_node_trace_state(mn->n, "mn-ro", MIP6_EV_MN_RO_STATE, mip6_mn_state_name(c->state),
	                      mip6_mn_state_name(to), &mn->cfg.hoa, &c->cn);
	c->state = to;
	c->resyncs = 0;
}

static void rr_state(mn_t *mn, mn_cn_t *c, uint8_t to)
{
	if (c->rr == to)
		return;
	mip6_node_trace_state(mn->n, "mn-rr", MIP6_EV_MN_RR_STATE, mip6_mn_rr_name(c->rr),
	                      mip6_mn_rr_name(to), &mn->cfg.hoa, &c->cn);
	c->rr = to;
}

mn_cn_t *mip6_mn_ro_find(mn_t *mn, const mip6_addr_t *cn)
{
	for (mn_cn_t *c = mn->cns; c; c = c->next)
		if (mip6_addr_eq(&c->cn, cn))
			return c;
	return NULL;
}

static mn_cn_t *cn_new(mn_t *mn, const mip6_addr_t *cn)
{
	if (mn->ncn >= MN_MAX_CN)
		return NULL;
	mn_cn_t *c = mip6_node_mem_alloc(mn->n, sizeof(*c));
	if (!c)
		return NULL;
	memset(c, 0, sizeof(*c));
	c->cn = *cn;
	c->next = mn->cns;
	mn->cns = c;
	mn->ncn++;
	return c;
}

static void cn_cancel(mn_t *mn, mn_cn_t *c)
{
	mip6_node_cancel(mn->n, &c->retx);
	mip6_node_cancel(mn->n, &c->refresh);
	mip6_node_cancel(mn->n, &c->expire);
	c->held = false;
}

static void cn_free(mn_t *mn, mn_cn_t *c)
{
	cn_cancel(mn, c);
	for (mn_cn_t **pp = &mn->cns; *pp; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	mn->ncn--;
	mip6_node_mem_free(mn->n, c);
}

void mip6_mn_ro_free_all(mn_t *mn)
{
	while (mn->cns)
		cn_free(mn, mn->cns);
}

static void publish(mn_t *mn, mn_cn_t *c)
{
	mip6_bus_msg_t m = {.type = MIP6_BUS_BUL_ADD,
	                    .flags = MIP6_BF_RO,
	                    .ifindex = c->ifindex,
	                    .lifetime = c->lifetime,
	                    .hoa = mn->cfg.hoa,
	                    .coa = c->coa,
	                    .peer = c->cn};
	mip6_node_publish(mn->n, &m);
	c->published = true;
}

static void unpublish(mn_t *mn, mn_cn_t *c)
{
	if (!c->published)
		return;
	mip6_bus_msg_t m = {
	    .type = MIP6_BUS_BUL_REMOVE, .flags = MIP6_BF_RO, .hoa = mn->cfg.hoa, .peer = c->cn};
	mip6_node_publish(mn->n, &m);
	c->published = false;
}

static bool home_token_fresh(const mn_cn_t *c, mip6_ns_t now)
{
	/* RFC 6275 5.2.7: a token is usable for MAX_TOKEN_LIFETIME. */
	return c->home_ok && now < c->home_at + MIP6_SEC(MN_MAX_TOKEN_LIFETIME);
}

static bool coa_token_fresh(const mn_cn_t *c, mip6_ns_t now)
{
	return c->coa_ok && mip6_addr_eq(&c->coa_tok, &c->coa) &&
	       now < c->coa_at + MIP6_SEC(MN_MAX_TOKEN_LIFETIME);
}

/* --- hold-off after a failure --- */

static mn_hold_t *hold_find(mn_t *mn, const mip6_addr_t *cn)
{
	for (unsigned i = 0; i < MN_RO_HOLD_SLOTS; i++)
		if (mn->hold[i].until && mip6_addr_eq(&mn->hold[i].cn, cn))
			return &mn->hold[i];
	return NULL;
}

/* Remembers that route optimisation with cn failed: no new attempt for
 * base, doubled with each further failure in a row (up to
 * MN_RO_HOLD_MAX_NS), so that a correspondent that never answers is not
 * retried at line rate. With every slot taken the hold that ends first
 * makes room. */
static void hold_note(mn_t *mn, const mip6_addr_t *cn, mip6_ns_t base)
{
	mn_hold_t *h = hold_find(mn, cn);
	if (!h) {
		h = &mn->hold[0];
		for (unsigned i = 1; i < MN_RO_HOLD_SLOTS && h->until; i++)
			if (mn->hold[i].until < h->until)
				h = &mn->hold[i];
		h->cn = *cn;
		h->fails = 0;
	}
	if (h->fails < 255)
		h->fails++;
	mip6_ns_t hold = base;
	for (unsigned k = 1; k < h->fails && hold != MIP6_NS_NEVER && hold < MN_RO_HOLD_MAX_NS; k++)
		hold *= 2;
	if (hold != MIP6_NS_NEVER && hold > MN_RO_HOLD_MAX_NS)
		hold = MN_RO_HOLD_MAX_NS;
	h->until = hold == MIP6_NS_NEVER ? MIP6_NS_NEVER : mn->n->now + hold;
	mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_RO_HELD_OFF, "route optimisation held off", &mn->cfg.hoa,
	              cn, hold == MIP6_NS_NEVER ? UINT32_MAX : (uint32_t)(hold / 1000000000u));
}

static bool held_off(mn_t *mn, const mip6_addr_t *cn, mip6_ns_t now)
{
	const mn_hold_t *h = hold_find(mn, cn);
	return h && now < h->until;
}

/* Stops route optimisation with c and frees it: what it held (tokens, the
 * sequence number) is not worth a slot of the MN_MAX_CN; the hold-off
 * remembers the failure. */
static void fail(mn_t *mn, mn_cn_t *c, uint16_t code, const char *why, uint32_t status, mip6_ns_t hold)
{
	mip6_mn_trace(mn, MIP6_TR_DROP, code, why, &mn->cfg.hoa, &c->cn, status);
	cn_cancel(mn, c);
	unpublish(mn, c);
	rr_state(mn, c, MN_RR_START);
	bool dereg = c->state == MN_RRDEL || c->state == MN_WAITD;
	cn_state(mn, c, MN_IDLE);
	if (!dereg)
		hold_note(mn, &c->cn, hold);
	cn_free(mn, c);
}

/* --- return routability (5.2.3 - 5.2.5) --- */

static void send_hoti(mn_t *mn, mn_cn_t *c)
{
	if (c->unsupported & (1u << MIP6_MH_HOTI))
		return;
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_HOTI);
	memcpy(m.u.init.cookie, c->home_cookie, 8);
	node_mh_tx_t tx = {.src = mn->cfg.hoa, .dst = c->cn};
	const mn_bul_t *b = mip6_mn_primary(mn);
	if (mn->at_home) {
		tx.ifindex = mn->home_ifindex;
	} else if (b) {
		/* 5.2.3: from the home address, reverse-tunnelled through the HA. */
		tx.ifindex = b->ifindex;
		tx.tunnel_src = &b->coa;
		tx.tunnel_dst = &mn->ha;
	} else {
		mip6_mn_drop(mn, MIP6_EV_MN_RR_DROP_HOTI_NO_HOME,
		             "HoTI: no home registration to tunnel through", &c->cn);
		return;
	}
	if (mip6_node_send_mh(mn->n, &tx, &m) == 0)
		mip6_mn_trace(mn, MIP6_TR_TX, MIP6_EV_MN_RR_TX_HOTI, "HoTI", &mn->cfg.hoa, &c->cn, 0);
	else
		mip6_mn_drop(mn, MIP6_EV_MN_RR_DROP_HOTI_SEND_FAILED, "HoTI: cannot send", &c->cn);
}

static void send_coti(mn_t *mn, mn_cn_t *c)
{
	if (c->unsupported & (1u << MIP6_MH_COTI))
		return;
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_COTI);
	memcpy(m.u.init.cookie, c->coa_cookie, 8);
	/* 5.2.3: straight from the care-of address. */
	node_mh_tx_t tx = {.ifindex = c->ifindex, .src = c->coa, .dst = c->cn};
	if (mip6_node_send_mh(mn->n, &tx, &m) == 0)
		mip6_mn_trace(mn, MIP6_TR_TX, MIP6_EV_MN_RR_TX_COTI, "CoTI", &c->coa, &c->cn, 0);
	else
		mip6_mn_drop(mn, MIP6_EV_MN_RR_DROP_COTI_SEND_FAILED, "CoTI: cannot send", &c->cn);
}

static bool wants_hot(const mn_cn_t *c)
{
	return c->rr == MN_RR_WAITHC || c->rr == MN_RR_WAITH;
}

static bool wants_cot(const mn_cn_t *c)
{
	return c->rr == MN_RR_WAITHC || c->rr == MN_RR_WAITC;
}

/* Sends the HoTI and / or CoTI return routability waits for and arms the
 * retransmission. RFC 6275 11.8: at most MAX_UPDATE_RATE of each type a
 * second to one correspondent; when either is over it both wait (the retx
 * timer, marked held) so that they still leave in parallel (11.6.1). */
static void send_inits(mn_t *mn, mn_cn_t *c, mip6_ns_t now)
{
	bool h = wants_hot(c), co = wants_cot(c);
	mip6_ns_t when = now, w = now;
	if (h && !mip6_mn_rate_allow(&c->hoti_rate, now, &w) && w > when)
		when = w;
	if (co && !mip6_mn_rate_allow(&c->coti_rate, now, &w) && w > when)
		when = w;
	mip6_node_cancel(mn->n, &c->retx);
	if (when > now) {
		c->held = true;
		mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_RR_INITS_HELD,
		              "HoTI/CoTI held back by MAX_UPDATE_RATE", &mn->cfg.hoa, &c->cn,
		              (uint32_t)((when - now) / 1000000u));
		mip6_mn_arm(mn, &c->retx, MN_T_CN_RETX, when);
		return;
	}
	c->held = false;
	if (h) {
		send_hoti(mn, c);
		mip6_mn_rate_note(&c->hoti_rate, now);
	}
	if (co) {
		send_coti(mn, c);
		mip6_mn_rate_note(&c->coti_rate, now);
	}
	mip6_mn_arm(mn, &c->retx, MN_T_CN_RETX, now + c->rto);
}

/* RFC 6275 11.8: a retransmitted HoTI / CoTI carries a new cookie, so a
 * test answering an older one is ignored (11.6.2). */
static void new_cookies(mn_t *mn, mn_cn_t *c)
{
	if (wants_hot(c))
		mip6_node_random(mn->n, c->home_cookie, sizeof(c->home_cookie));
	if (wants_cot(c))
		mip6_node_random(mn->n, c->coa_cookie, sizeof(c->coa_cookie));
}

static uint32_t cn_lifetime(mn_t *mn, mip6_ns_t now)
{
	/* 5.2.6 / 11.7.2: at most MAX_RR_BINDING_LIFETIME, and not beyond
	 * the home registration. */
	uint32_t l = mn->lifetime < MN_MAX_RR_BINDING_LIFETIME ? mn->lifetime : MN_MAX_RR_BINDING_LIFETIME;
	const mn_bul_t *b = mip6_mn_primary(mn);
	if (b && mip6_timer_armed(&b->expire) && b->expire.when > now) {
		mip6_ns_t rem = (b->expire.when - now) / 1000000000ull;
		if (rem < l)
			l = (uint32_t)rem;
	}
	/* RFC 6275 11.4.2: not past the home prefix's valid lifetime. */
	if (mn->home_valid_end && mn->home_valid_end > now) {
		mip6_ns_t rem = (mn->home_valid_end - now) / 1000000000ull;
		if (rem < l)
			l = (uint32_t)rem;
	}
	return l < 4 ? 4 : l;
}

static void bu_tx(mn_t *mn, mn_cn_t *c, mip6_ns_t now)
{
	mip6_ns_t when = now;
	if (!mip6_mn_rate_allow(&c->rate, now, &when)) {
		c->held = true;
		mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_RO_BU_RATE_LIMITED,
		              "BU held back by MAX_UPDATE_RATE", &mn->cfg.hoa, &c->cn,
		              (uint32_t)((when - now) / 1000000u));
		mip6_node_cancel(mn->n, &c->retx);
		mip6_mn_arm(mn, &c->retx, MN_T_CN_RETX, when);
		return;
	}
	c->held = false;
	uint32_t lifetime = c->state == MN_WAITD ? 0 : cn_lifetime(mn, now);
	if (mip6_mn_send_cn_bu(mn, c, lifetime) == 0) {
		mip6_mn_rate_note(&c->rate, now);
		c->last_tx = now;
		c->lifetime = lifetime;
	} else {
		mip6_mn_drop(mn, MIP6_EV_MN_RO_DROP_BU_SEND_FAILED, "cannot send the BU to the correspondent",
		             &c->cn);
	}
	mip6_mn_arm(mn, &c->retx, MN_T_CN_RETX, now + c->rto);
}

/* Both tokens in hand: Kbm (5.2.5) and the BU. */
static void rr_done(mn_t *mn, mn_cn_t *c, mip6_ns_t now)
{
	rr_state(mn, c, MN_RR_START);
	mip6_node_cancel(mn->n, &c->retx);
	bool dereg = c->state == MN_RRDEL;
	/* 5.2.6: a de-registration uses the home keygen token alone. */
	if (mip6_rr_kbm(c->home_token, dereg ? NULL : c->coa_token, c->kbm) != 0) {
		fail(mn, c, MIP6_EV_MN_RO_DROP_KBM_FAILED, "cannot compute Kbm", 0, MN_RO_HOLD_NS);
		return;
	}
	cn_state(mn, c, dereg ? MN_WAITD : c->state == MN_RRREDO ? MN_WAITAR : MN_WAITA);
	c->rto = MN_INITIAL_BINDACK_NS;
	bu_tx(mn, c, now);
}

/* Starts (or restarts) return routability for the tokens needed. */
static void rr_start(mn_t *mn, mn_cn_t *c, bool home, bool careof, mip6_ns_t now)
{
	mip6_node_cancel(mn->n, &c->retx);
	c->held = false;
	if (home) {
		c->home_ok = false;
		mip6_node_random(mn->n, c->home_cookie, sizeof(c->home_cookie));
	}
	if (careof) {
		c->coa_ok = false;
		mip6_node_random(mn->n, c->coa_cookie, sizeof(c->coa_cookie));
	}
	if (!home && !careof) {
		rr_done(mn, c, now);
		return;
	}
	rr_state(mn, c, home && careof ? MN_RR_WAITHC : home ? MN_RR_WAITH : MN_RR_WAITC);
	c->rto = MN_INITIAL_BINDACK_NS;
	send_inits(mn, c, now);
}

/* --- events --- */

/* RR_HINT: traffic with a correspondent came through the tunnel. */
void mip6_mn_ro_hint(mn_t *mn, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	if (!mn->cfg.ro || mn->at_home || mn->flushed || !mip6_addr_eq(&m->hoa, &mn->cfg.hoa) ||
	    mip6_addr_is_unspec(&m->peer) || (mn->ha_known && mip6_addr_eq(&m->peer, &mn->ha)))
		return;
	const mn_bul_t *b = mip6_mn_primary(mn);
	if (!b)
		return; /* RO needs the home registration first (11.7.2) */
	mn_cn_t *c = mip6_mn_ro_find(mn, &m->peer);
	if ((c && c->state != MN_IDLE) || held_off(mn, &m->peer, now))
		return;
	if (!c && !(c = cn_new(mn, &m->peer))) {
		mip6_mn_drop(mn, MIP6_EV_MN_RO_DROP_NO_ROOM,
		             "route optimisation: no room for another correspondent", &m->peer);
		return;
	}
	c->coa = b->coa;
	c->ifindex = b->ifindex;
	mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_RO_START, "route optimisation starts", &mn->cfg.hoa,
	              &c->cn, 0);
	cn_state(mn, c, MN_RRINIT);
	rr_start(mn, c, !home_token_fresh(c, now), true, now);
}

/* The primary care-of address changed: bind the new one (11.7.2); the home
 * token is reused while it is fresh, so only the CoTI goes out. */
void mip6_mn_ro_moved(mn_t *mn, mip6_ns_t now)
{
	const mn_bul_t *b = mip6_mn_primary(mn);
	for (mn_cn_t *c = mn->cns; c; c = c->next) {
		if (c->state == MN_IDLE || c->state == MN_RRDEL || c->state == MN_WAITD)
			continue;
		if (!b) {
			unpublish(mn, c);
			continue;
		}
		if (mip6_addr_eq(&c->coa, &b->coa) && c->ifindex == b->ifindex)
			continue;
		/* The old binding points at a care-of address we left: tunnel
		 * until the new one is acknowledged. */
		unpublish(mn, c);
		c->coa = b->coa;
		c->ifindex = b->ifindex;
		bool bound = c->state == MN_BOUND || c->state == MN_WAITAR || c->state == MN_RRREDO;
		cn_state(mn, c, bound ? MN_RRREDO : MN_RRINIT);
		mip6_node_cancel(mn->n, &c->refresh);
		rr_start(mn, c, !home_token_fresh(c, now), true, now);
	}
}

/* The home registration is (again) in place: a HoTI waiting on the tunnel
 * can go now rather than at its next retransmission. */
void mip6_mn_ro_home_bound(mn_t *mn, mip6_ns_t now)
{
	/* Correspondents still bound to an older care-of address follow. */
	mip6_mn_ro_moved(mn, now);
	for (mn_cn_t *c = mn->cns; c; c = c->next) {
		/* The HoTI may have gone before (11.8: new cookie); the rate
		 * limit applies, a held one leaves with its timer. */
		mip6_ns_t w;
		if (!wants_hot(c) || c->held || !mip6_mn_rate_allow(&c->hoti_rate, now, &w))
			continue;
		mip6_node_random(mn->n, c->home_cookie, sizeof(c->home_cookie));
		send_hoti(mn, c);
		mip6_mn_rate_note(&c->hoti_rate, now);
	}
}

/* RFC 6275 11.4.2: "When the lifetime for a changed prefix decreases, and
 * the change would cause cached bindings at correspondent nodes in the
 * Binding Update List to be stored past the newly shortened lifetime, the
 * mobile node MUST issue a Binding Update to all such correspondent nodes."
 * The BU's lifetime is then capped by cn_lifetime; the tokens are reused
 * while fresh, as for a Binding Refresh Request. */
void mip6_mn_ro_prefix_shortened(mn_t *mn, mip6_ns_t now)
{
	if (mn->at_home || !mip6_mn_primary(mn))
		return;
	for (mn_cn_t *c = mn->cns; c; c = c->next) {
		if (c->state != MN_BOUND || !mip6_timer_armed(&c->expire) ||
		    c->expire.when <= mn->home_valid_end)
			continue;
		mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_RO_PREFIX_SHORTENED,
		              "home prefix lifetime shortened: correspondent BU", &mn->cfg.hoa, &c->cn, 0);
		cn_state(mn, c, MN_RRREDO);
		mip6_node_cancel(mn->n, &c->refresh);
		rr_start(mn, c, !home_token_fresh(c, now), !coa_token_fresh(c, now), now);
	}
}

/* Back home: de-register with every correspondent (11.5.5, 5.2.6). */
void mip6_mn_ro_returning(mn_t *mn, mip6_ns_t now)
{
	mn_cn_t *next;
	for (mn_cn_t *c = mn->cns; c; c = next) {
		next = c->next;
		bool bound = c->published || c->state == MN_BOUND || c->state == MN_WAITAR ||
		             c->state == MN_RRREDO || (c->state == MN_WAITA && c->last_tx);
		unpublish(mn, c);
		cn_cancel(mn, c);
		if (!bound || c->state == MN_IDLE) {
			rr_state(mn, c, MN_RR_START);
			cn_state(mn, c, MN_IDLE);
			cn_free(mn, c);
			continue;
		}
		rr_state(mn, c, MN_RR_START);
		cn_state(mn, c, MN_RRDEL);
		rr_start(mn, c, !home_token_fresh(c, now), false, now);
	}
}

/* --- messages from correspondents --- */

static bool cn_ba(mn_t *mn, mn_cn_t *c, const mip6_rx_t *rx, mip6_ns_t now)
{
	mip6_node_t *n = mn->n;
	const mip6_mh_t *ba = &rx->p->mh;
	if (c->state != MN_WAITA && c->state != MN_WAITAR && c->state != MN_WAITD) {
		mip6_mn_drop(mn, MIP6_EV_MN_RO_DROP_BA_UNEXPECTED,
		             "BA from correspondent: no Binding Update waiting for it", &c->cn);
		return true;
	}
	uint8_t status = ba->u.ba.status;
	if (mip6_mh_find_opt(ba, MIP6_OPT_AUTH)) {
		/* 6.2.7: same Kbm and addresses as the BU. */
		const mip6_addr_t *coa = c->dereg ? &mn->cfg.hoa : &c->coa;
		if (mip6_rr_verify_mh(rx->pkt + rx->l->upper_off, rx->l->upper_len, c->kbm, coa, &c->cn) !=
		    0) {
			n->stats.drop_auth++;
			mip6_mn_drop(mn, MIP6_EV_MN_RO_DROP_BA_AUTH_FAILED,
			             "BA from correspondent: authenticator does not verify", &c->cn);
			return true;
		}
	} else if (status < MIP6_BA_EXPIRED_HOME_NONCE || status > MIP6_BA_EXPIRED_NONCES) {
		/* RFC 6275 11.7.3: the option must be present and valid, else
		 * the BA is silently ignored, a 135 or a refusal included; 9.5.4
		 * leaves it out of 136-138 only (no Kbm could be computed). */
		n->stats.drop_auth++;
		mip6_mn_drop(mn, MIP6_EV_MN_RO_DROP_BA_NO_AUTH,
		             "BA from correspondent without Binding Authorization Data", &c->cn);
		return true;
	}
	n->stats.ba_rcvd[status]++;
	if (status == MIP6_BA_SEQ_OUT_OF_WINDOW && c->resyncs < MN_RO_MAX_RESYNCS) {
		c->resyncs++;
		c->seq = ba->u.ba.seq;
		mip6_mn_trace(mn, MIP6_TR_RX, MIP6_EV_MN_RO_RX_BA_SEQ_RESYNC,
		              "BA 135 from correspondent: sequence resynchronised", &mn->cfg.hoa, &c->cn,
		              c->seq);
		mip6_node_cancel(n, &c->retx);
		bu_tx(mn, c, now);
		return true;
	}
	if (ba->u.ba.seq != c->seq) {
		n->stats.drop_seq++;
		mip6_mn_drop(mn, MIP6_EV_MN_RO_DROP_BA_SEQ_MISMATCH,
		             "BA from correspondent: sequence number does not match", &c->cn);
		return true;
	}
	mip6_mn_trace(mn, MIP6_TR_RX, MIP6_EV_MN_RO_RX_BA, "BA from correspondent", &mn->cfg.hoa, &c->cn,
	              status);
	if (status < 128) {
		mip6_node_cancel(n, &c->retx);
		c->held = false;
		if (c->state == MN_WAITD) {
			rr_state(mn, c, MN_RR_START);
			cn_state(mn, c, MN_IDLE);
			mip6_mn_trace(mn, MIP6_TR_BINDING, MIP6_EV_MN_RO_BINDING_REMOVED,
			              "correspondent binding removed", &mn->cfg.hoa, &c->cn, 0);
			cn_free(mn, c);
			return true;
		}
		uint32_t granted = (uint32_t)ba->u.ba.lifetime * 4u;
		if (granted > c->lifetime)
			granted = c->lifetime;
		if (granted == 0) {
			fail(mn, c, MIP6_EV_MN_RO_DROP_LIFETIME_ZERO, "correspondent granted lifetime 0",
			     status, MN_RO_HOLD_NS);
			return true;
		}
		c->lifetime = granted;
		mn_hold_t *h = hold_find(mn, &c->cn);
		if (h)
			h->until = 0; /* it works: a later failure starts the hold afresh */
		cn_state(mn, c, MN_BOUND);
		publish(mn, c);
		mip6_mn_trace(mn, MIP6_TR_BINDING, MIP6_EV_MN_RO_BINDING_ACCEPTED,
		              "correspondent binding accepted", &mn->cfg.hoa, &c->cn, granted);
		/* Renew return routability early enough that fresh tokens are
		 * always at hand (MAX_TOKEN_LIFETIME) and before the binding ends. */
		uint32_t base = granted < MN_MAX_TOKEN_LIFETIME ? granted : MN_MAX_TOKEN_LIFETIME;
		mip6_ns_t refresh = c->last_tx + MIP6_SEC(base) * 85 / 100;
		mip6_mn_arm(mn, &c->refresh, MN_T_CN_REFRESH, refresh > now ? refresh : now + MIP6_SEC(1));
		mip6_mn_arm(mn, &c->expire, MN_T_CN_EXPIRE, c->last_tx + MIP6_SEC(granted));
		return true;
	}
	if (status == MIP6_BA_EXPIRED_HOME_NONCE || status == MIP6_BA_EXPIRED_COA_NONCE ||
	    status == MIP6_BA_EXPIRED_NONCES) {
		/* 11.7.3: fetch new tokens for the expired nonce(s) and retry. */
		bool home = status != MIP6_BA_EXPIRED_COA_NONCE;
		bool careof = status != MIP6_BA_EXPIRED_HOME_NONCE && c->state != MN_WAITD;
		cn_state(mn, c,
		         c->state == MN_WAITD    ? MN_RRDEL
		         : c->state == MN_WAITAR ? MN_RRREDO
		                                 : MN_RRINIT);
		rr_start(mn, c, home, careof, now);
		return true;
	}
	fail(mn, c, MIP6_EV_MN_RO_DROP_REFUSED, "correspondent refused the binding", status, MN_RO_HOLD_NS);
	return true;
}

static bool cn_test(mn_t *mn, mn_cn_t *c, const mip6_rx_t *rx, mip6_ns_t now)
{
	const mip6_mh_t *m = &rx->p->mh;
	bool home = m->type == MIP6_MH_HOT;
	if (home ? !mip6_addr_eq(&rx->dst, &mn->cfg.hoa) : !mip6_addr_eq(&rx->dst, &c->coa))
		return false;
	/* RFC 6275 11.6.2: away from home, a HoT counts only when it came in
	 * the tunnel from the home agent (it answers a HoTI sent that way). */
	if (home && !mn->at_home &&
	    (!rx->tunneled || !mn->ha_known || !mip6_addr_eq(&rx->outer_src, &mn->ha) ||
	     !mip6_addr_eq(&rx->ip_dst, &mn->cfg.hoa))) {
		mip6_mn_drop(mn, MIP6_EV_MN_RR_DROP_HOT_NOT_TUNNELED,
		             "HoT not received in the tunnel from the home agent", &c->cn);
		return true;
	}
	bool want = home ? c->rr == MN_RR_WAITHC || c->rr == MN_RR_WAITH
	                 : c->rr == MN_RR_WAITHC || c->rr == MN_RR_WAITC;
	if (!want) {
		mip6_mn_drop(mn, home ? MIP6_EV_MN_RR_DROP_HOT_UNEXPECTED : MIP6_EV_MN_RR_DROP_COT_UNEXPECTED,
		             home ? "HoT not expected" : "CoT not expected", &c->cn);
		return true;
	}
	/* 5.2.5 / 11.6.2: the cookie must be the one we sent. */
	if (memcmp(m->u.test.cookie, home ? c->home_cookie : c->coa_cookie, 8) != 0) {
		mip6_mn_drop(mn, home ? MIP6_EV_MN_RR_DROP_HOT_COOKIE : MIP6_EV_MN_RR_DROP_COT_COOKIE,
		             home ? "HoT cookie does not match the HoTI"
		                  : "CoT cookie does not match the CoTI",
		             &c->cn);
		return true;
	}
	if (home) {
		memcpy(c->home_token, m->u.test.keygen, MIP6_TOKEN_LEN);
		c->home_nonce = m->u.test.nonce_index;
		c->home_ok = true;
		c->home_at = now;
		mip6_mn_trace(mn, MIP6_TR_RX, MIP6_EV_MN_RR_RX_HOT, "HoT", &mn->cfg.hoa, &c->cn,
		              c->home_nonce);
		if (c->rr == MN_RR_WAITHC)
			rr_state(mn, c, MN_RR_WAITC);
		else
			rr_done(mn, c, now);
	} else {
		memcpy(c->coa_token, m->u.test.keygen, MIP6_TOKEN_LEN);
		c->coa_nonce = m->u.test.nonce_index;
		c->coa_ok = true;
		c->coa_at = now;
		c->coa_tok = c->coa;
		mip6_mn_trace(mn, MIP6_TR_RX, MIP6_EV_MN_RR_RX_COT, "CoT", &c->coa, &c->cn, c->coa_nonce);
		if (c->rr == MN_RR_WAITHC)
			rr_state(mn, c, MN_RR_WAITH);
		else
			rr_done(mn, c, now);
	}
	return true;
}

bool mip6_mn_ro_mh(mn_t *mn, const mip6_rx_t *rx, mip6_ns_t now)
{
	mn_cn_t *c = mip6_mn_ro_find(mn, &rx->src);
	if (!c)
		return false; /* 11.3.6: nothing with that node: not ours */
	const mip6_mh_t *m = &rx->p->mh;
	switch (m->type) {
	case MIP6_MH_HOT:
	case MIP6_MH_COT:
		return cn_test(mn, c, rx, now);
	case MIP6_MH_BA:
		if (!mip6_addr_eq(&rx->dst, &mn->cfg.hoa))
			return false;
		return cn_ba(mn, c, rx, now);
	case MIP6_MH_BRR:
		/* 11.7.4: answer with a BU; new tokens unless ours are fresh. */
		mip6_mn_trace(mn, MIP6_TR_RX, MIP6_EV_MN_RO_RX_BRR, "BRR from correspondent", &mn->cfg.hoa,
		              &c->cn, 0);
		if (c->state == MN_BOUND && !mn->at_home) {
			cn_state(mn, c, MN_RRREDO);
			rr_start(mn, c, !home_token_fresh(c, now), !coa_token_fresh(c, now), now);
		}
		return true;
	case MIP6_MH_BE:
		mip6_mn_trace(mn, MIP6_TR_RX, MIP6_EV_MN_RO_RX_BE, "BE from correspondent", &mn->cfg.hoa,
		              &c->cn, m->u.be.status);
		if (m->u.be.status == MIP6_BE_UNKNOWN_HAO) {
			if (!mip6_addr_eq(&m->u.be.home, &mn->cfg.hoa))
				return true;
			/* 11.3.6: the CN has no binding for us: drop ours and redo RR. */
			unpublish(mn, c);
			cn_cancel(mn, c);
			if (mn->at_home || !mip6_mn_primary(mn)) {
				fail(mn, c, MIP6_EV_MN_RO_DROP_BINDING_LOST, "correspondent lost our binding",
				     1, MN_RO_HOLD_NS);
				return true;
			}
			rr_state(mn, c, MN_RR_START);
			cn_state(mn, c, MN_RRINIT);
			rr_start(mn, c, true, true, now);
		} else if (m->u.be.status == MIP6_BE_UNKNOWN_MH) {
			/* 11.3.6: stop sending that message type to that node: we
			 * cannot tell which, so route optimisation with it ends. */
			c->unsupported = 0xff;
			fail(mn, c, MIP6_EV_MN_RO_DROP_UNSUPPORTED,
			     "correspondent does not support route optimisation", 2, MIP6_NS_NEVER);
		}
		return true;
	default:
		return false;
	}
}

/* An ICMPv6 Parameter Problem to one of our addresses (dp: to a care-of
 * address, or to the home address in the tunnel from the home agent). */
bool mip6_mn_ro_param_problem(mn_t *mn, const mip6_rx_t *rx, mip6_ns_t now)
{
	(void)now;
	const mip6_icmp6_t *e = &rx->p->icmp6;
	node_invoking_t v;
	if (!mip6_node_invoking(e->body, e->body_len, &v) || !mip6_addr_eq(&v.src, &rx->dst))
		return false;
	bool ours = mip6_addr_eq(&v.src, &mn->cfg.hoa) || mip6_mn_is_coa(mn, &v.src);
	if (!ours)
		return false;
	if (e->code == 1 && v.upper == MIP6_PROTO_MH && v.upper_off + 3 <= e->body_len) {
		/* RFC 6275 11.3.5: "Any node that does not recognize the Mobility
		 * header will return an ICMP Parameter Problem, Code 1 ... If the
		 * mobile node receives such an ICMP error message in response to a
		 * return routability procedure or Binding Update, it SHOULD record
		 * in its Binding Update List that future Binding Updates SHOULD NOT
		 * be sent to this destination. Such Binding Update List entries
		 * SHOULD be removed after a period of time in order to allow for
		 * retrying route optimization." 11.6.2: to a HoTI / CoTI, "revert
		 * back to the use of bidirectional tunneling". The entry goes (the
		 * data plane's too: the reverse tunnel again) and the hold-off
		 * keeps RR away for MN_RO_NO_MH_HOLD_NS. "New Binding Update List
		 * entries MUST NOT be created as a result of receiving ICMP error
		 * messages": without an entry for the destination, nothing. */
		uint8_t type = e->body[v.upper_off + 2];
		mn_cn_t *c = mip6_mn_ro_find(mn, &v.dst);
		if (!c || (type != MIP6_MH_HOTI && type != MIP6_MH_COTI && type != MIP6_MH_BU))
			return false;
		fail(mn, c, MIP6_EV_MN_RO_NO_MH_SUPPORT,
		     "Parameter Problem code 1: correspondent does not know the Mobility Header", type,
		     MN_RO_NO_MH_HOLD_NS);
		return true;
	}
	if (e->code == 2 && v.hao_off && e->u.err.param == v.hao_off) {
		/* 11.3.5: "If a mobile node receives an ICMP Parameter Problem,
		 * Code 2, message from some node indicating that it does not
		 * support the Home Address option, the mobile node SHOULD log the
		 * error and then discard the ICMP message." */
		mip6_mn_trace(mn, MIP6_TR_DROP, MIP6_EV_MN_DROP_HAO_UNSUPPORTED,
		              "Parameter Problem code 2: the Home Address option is not supported", &v.src,
		              &rx->src, v.upper);
		return true;
	}
	return false;
}

void mip6_mn_ro_timer(mn_t *mn, mip6_timer_t *t, mip6_ns_t now)
{
	unsigned kind = t->kind & 0xff;
	mn_cn_t *c = kind == MN_T_CN_RETX      ? MN_OF(t, mn_cn_t, retx)
	             : kind == MN_T_CN_REFRESH ? MN_OF(t, mn_cn_t, refresh)
	                                       : MN_OF(t, mn_cn_t, expire);
	switch (kind) {
	case MN_T_CN_RETX:
		if (!c->held) {
			/* 11.8: exponential back-off; a correspondent that stays
			 * silent past MAX_BINDACK_TIMEOUT is left alone. */
			if (c->rto >= MN_MAX_BINDACK_NS) {
				fail(mn, c, MIP6_EV_MN_RO_DROP_NO_ANSWER, "no answer from correspondent", 0,
				     MN_RO_HOLD_NS);
				return;
			}
			c->rto *= 2;
			if (c->rto > MN_MAX_BINDACK_NS)
				c->rto = MN_MAX_BINDACK_NS;
		}
		if (c->rr != MN_RR_START) {
			new_cookies(mn, c);
			send_inits(mn, c, now);
		} else if (c->state == MN_WAITA || c->state == MN_WAITAR || c->state == MN_WAITD) {
			bu_tx(mn, c, now);
		}
		break;
	case MN_T_CN_REFRESH:
		if (c->state == MN_BOUND && !mn->at_home && mip6_mn_primary(mn)) {
			cn_state(mn, c, MN_RRREDO);
			rr_start(mn, c, true, true, now);
		}
		break;
	case MN_T_CN_EXPIRE:
		mip6_mn_trace(mn, MIP6_TR_BINDING, MIP6_EV_MN_RO_BINDING_EXPIRED,
		              "correspondent binding expired", &mn->cfg.hoa, &c->cn, c->lifetime);
		unpublish(mn, c);
		if (c->state == MN_BOUND) {
			/* Nothing to renew it with (the refresh would have): forget it. */
			cn_state(mn, c, MN_IDLE);
			cn_free(mn, c);
		}
		break;
	default:
		break;
	}
}

/* MIP6_CMD_FLUSH_BUL: each correspondent binding goes from the data plane
 * (BUL_REMOVE) and, while the home keygen token is fresh, from the
 * correspondent too: a BU with lifetime 0 authorised by the home token
 * alone (RFC 6275 5.2.6), sent once. The entries are freed. */
void mip6_mn_ro_flush(mn_t *mn)
{
	while (mn->cns) {
		mn_cn_t *c = mn->cns;
		bool bound =
		    c->published || c->state == MN_BOUND || c->state == MN_WAITAR || c->state == MN_RRREDO;
		unpublish(mn, c);
		cn_cancel(mn, c);
		if (bound && !mn->at_home && home_token_fresh(c, mn->n->now) &&
		    mip6_rr_kbm(c->home_token, NULL, c->kbm) == 0 && mip6_mn_send_cn_bu(mn, c, 0) != 0)
			mip6_mn_drop(mn, MIP6_EV_MN_RO_DROP_BU_SEND_FAILED,
			             "cannot send the BU to the correspondent", &c->cn);
		rr_state(mn, c, MN_RR_START);
		cn_state(mn, c, MN_IDLE);
		cn_free(mn, c);
	}
}
