/* SPDX-License-Identifier: BSD-3-Clause */
/* Binding Updates at the correspondent node (RFC 6275 9.5) and the life of
 * a binding cache entry: IDLE -> BOUND (registered) -> RETIRED (sequence
 * number kept until the authorising nonces expire) -> IDLE. */
#include "cn_internal.h"
#include "mip6/err.h"

static const char *state_name(uint8_t s)
{
	switch (s) {
	case CN_BCE_BOUND:
		return "BOUND";
	case CN_BCE_RETIRED:
		return "RETIRED";
	default:
		return "IDLE";
	}
}

/* What the checks of one Binding Update found out. */
typedef struct bu_ctx {
	const mip6_rx_t *rx;
	mip6_addr_t hoa;
	mip6_addr_t coa;               /* the care-of address to register */
	mip6_addr_t cn;                /* "correspondent" input of the authenticator */
	mip6_addr_t auth_coa;          /* its "care-of address" input */
	uint16_t seq;
	bool dereg;
	bool have_kbm;
	uint8_t kbm[MIP6_KBM_LEN];
	mip6_ns_t nonce_until;
} bu_ctx_t;

/* RFC 6275 9.5.1: sequence numbers compare modulo 2^16; a is newer than
 * last unless it lies in last and the 32768 values before it. */
static bool seq_newer(uint16_t a, uint16_t last)
{
	uint16_t d = (uint16_t)(a - last);
	return d >= 1 && d <= 32767;
}

/* RFC 6275 9.5.4: to the Binding Update's source, with a type 2 routing
 * header carrying the home address when that source is not the home
 * address. Every status but 136-138 carries Binding Authorization Data,
 * computed with the registered care-of address and our address. */
static void send_ba(cn_t *cn, const bu_ctx_t *b, uint8_t status, uint16_t seq, uint16_t lifetime)
{
	const mip6_rx_t *rx = b->rx;
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BA);
	m.u.ba.status = status;
	m.u.ba.seq = seq;
	m.u.ba.lifetime = lifetime;
	node_mh_tx_t tx = {.src = rx->ip_dst, .dst = rx->ip_src};
	if (!mip6_addr_eq(&rx->ip_src, &b->hoa))
		tx.rh2 = &b->hoa;
	bool expired = status >= MIP6_BA_EXPIRED_HOME_NONCE && status <= MIP6_BA_EXPIRED_NONCES;
	if (b->have_kbm && !expired) {
		mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_AUTH);
		if (!o)
			return;
		tx.kbm = b->kbm;
		tx.auth_coa = &b->auth_coa;
		tx.auth_cn = &b->cn;
	}
	mip6_cn_tx_path(&tx, rx);
	if (mip6_node_send_mh(cn->n, &tx, &m) == 0) {
		cn->n->stats.ba_sent[status]++;
		mip6_cn_trace(cn, MIP6_TR_TX, MIP6_EV_CN_TX_BA, "BA", &b->hoa, &rx->ip_src, status);
	}
}

static void publish(cn_t *cn, uint16_t type, const cn_bce_t *e)
{
	mip6_bus_msg_t m = {.type = type, .flags = MIP6_BF_RO, .hoa = e->hoa, .peer = e->cn};
	if (type == MIP6_BUS_BC_ADD) {
		m.coa = e->coa;
		m.lifetime = e->lifetime_s;
	}
	if (mip6_node_publish(cn->n, &m) < 0)
		mip6_cn_trace(cn, MIP6_TR_INFO, MIP6_EV_CN_BUS_FULL_BINDING,
		              "bus full: binding change not published", &e->hoa, &e->coa, type);
}

static void bce_free(cn_t *cn, cn_bce_t *e)
{
	mip6_node_cancel(cn->n, &e->timer);
	mip6_cn_bc_unlink(&cn->bc, e);
	mip6_node_mem_free(cn->n, e);
}

/* The binding is gone; the entry keeps the sequence number while the nonces
 * that authorised it could still authorise a replayed BU (RFC 6275 5.2.8). */
static void retire(cn_t *cn, cn_bce_t *e, mip6_ns_t now)
{
	const char *from = state_name(e->state);
	e->state = CN_BCE_RETIRED;
	if (e->nonce_until <= now || mip6_node_arm(cn->n, &e->timer, e->nonce_until) != 0) {
		mip6_node_trace_state(cn->n, "cn", MIP6_EV_CN_BCE_STATE, from, "IDLE", &e->hoa, NULL);
		bce_free(cn, e);
		return;
	}
	mip6_node_trace_state(cn->n, "cn", MIP6_EV_CN_BCE_STATE, from, "RETIRED", &e->hoa, NULL);
}

/* RFC 6275 9.5.2: cache the binding for at most MAX_RR_BINDING_LIFETIME. */
static void ev_register(cn_t *cn, cn_bce_t *e, const bu_ctx_t *b, mip6_ns_t now)
{
	const mip6_mh_t *m = &b->rx->p->mh;
	uint32_t life = (uint32_t)m->u.bu.lifetime * 4u;
	if (life > CN_MAX_RR_BINDING_LIFETIME_S)
		life = CN_MAX_RR_BINDING_LIFETIME_S;
	bool fresh = e == NULL;
	if (fresh) {
		e = mip6_node_mem_alloc(cn->n, sizeof(*e));
		if (e) {
			memset(e, 0, sizeof(*e));
			e->hoa = b->hoa;
			e->timer.kind = NODE_TIMER_KIND(COMP_CN, CN_T_BCE);
			if (mip6_cn_bc_insert(cn, e) != 0) {
				mip6_node_mem_free(cn->n, e);
				e = NULL;
			}
		}
	}
	/* An entry without an armed timer would never expire: refuse. */
	if (!e || mip6_node_arm(cn->n, &e->timer, now + MIP6_SEC(life)) != 0) {
		if (e && fresh)
			bce_free(cn, e);
		mip6_cn_drop(cn, NULL, MIP6_EV_CN_DROP_BU_NO_RESOURCES,
		             "no resources for a binding cache entry (RFC 6275 9.5.2)", &b->hoa);
		send_ba(cn, b, MIP6_BA_INSUFFICIENT, b->seq, 0);
		return;
	}
	const char *from = fresh ? "IDLE" : state_name(e->state);
	bool was_bound = e->state == CN_BCE_BOUND;
	e->state = CN_BCE_BOUND;
	e->coa = b->coa;
	e->cn = b->rx->ip_dst;
	e->seq = b->seq;
	e->lifetime_s = life;
	e->unreach = 0; /* the mobile node is heard from (RFC 6275 9.3.4) */
	if (b->nonce_until > e->nonce_until)
		e->nonce_until = b->nonce_until;
	publish(cn, MIP6_BUS_BC_ADD, e);
	if (!was_bound)
		mip6_node_trace_state(cn->n, "cn", MIP6_EV_CN_BCE_STATE, from, "BOUND", &e->hoa, &e->coa);
	mip6_cn_trace(cn, MIP6_TR_BINDING,
	              was_bound ? MIP6_EV_CN_BINDING_REFRESHED : MIP6_EV_CN_BINDING_CREATED,
	              was_bound ? "binding refreshed" : "binding created", &e->hoa, &e->coa, life);
	/* RFC 6275 9.5.4: an accepted BU is acknowledged only when asked to. */
	if (m->u.bu.flags & MIP6_BU_F_A)
		send_ba(cn, b, MIP6_BA_ACCEPTED, b->seq, (uint16_t)(life / 4u));
}

/* RFC 6275 9.5.3: delete the binding; no entry is created for it. */
static void ev_deregister(cn_t *cn, cn_bce_t *e, const bu_ctx_t *b, mip6_ns_t now)
{
	const mip6_mh_t *m = &b->rx->p->mh;
	if (e) {
		if (e->state == CN_BCE_BOUND) {
			publish(cn, MIP6_BUS_BC_REMOVE, e);
			mip6_cn_trace(cn, MIP6_TR_BINDING, MIP6_EV_CN_BINDING_DELETED, "binding deleted",
			              &e->hoa, &e->coa, 0);
		}
		e->seq = b->seq;
		if (b->nonce_until > e->nonce_until)
			e->nonce_until = b->nonce_until;
		retire(cn, e, now);
	}
	if (m->u.bu.flags & MIP6_BU_F_A)
		send_ba(cn, b, MIP6_BA_ACCEPTED, b->seq, 0);
}

void mip6_cn_bc_flush(cn_t *cn, const mip6_addr_t *hoa, mip6_ns_t now)
{
	bool all = mip6_addr_is_unspec(hoa);
	cn_bc_t *bc = &cn->bc;
	for (uint32_t i = 0; i < bc->nbuckets; i++) {
		cn_bce_t *e = bc->bucket[i];
		while (e) {
			cn_bce_t *next = e->next; /* retire() may free e */
			if (e->state == CN_BCE_BOUND && (all || mip6_addr_eq(&e->hoa, hoa))) {
				/* Every BC_REMOVE must reach the data plane: with
				 * the bus nearly full, go on once it is delivered. */
				if (mip6_node_bus_room(cn->n) < 2 && mip6_node_arm(cn->n, &cn->flush_timer, now) == 0) {
					cn->flush_hoa = *hoa;
					return;
				}
				publish(cn, MIP6_BUS_BC_REMOVE, e);
				mip6_cn_trace(cn, MIP6_TR_BINDING, MIP6_EV_CN_BINDING_FLUSHED,
				              "binding flushed", &e->hoa, &e->coa, 0);
				/* Retired, not forgotten: the sequence number still
				 * guards against replays (RFC 6275 5.2.8). */
				retire(cn, e, now);
			}
			e = next;
		}
	}
	mip6_bus_msg_t m = {.type = MIP6_BUS_BC_FLUSH, .flags = MIP6_BF_RO, .hoa = *hoa};
	if (mip6_node_publish(cn->n, &m) < 0)
		mip6_cn_trace(cn, MIP6_TR_INFO, MIP6_EV_CN_BUS_FULL_FLUSH, "bus full: flush not published",
		              hoa, NULL, 0);
}

void mip6_cn_bce_timeout(cn_t *cn, cn_bce_t *e, mip6_ns_t now)
{
	if (e->state == CN_BCE_BOUND) {
		publish(cn, MIP6_BUS_BC_REMOVE, e);
		mip6_cn_trace(cn, MIP6_TR_BINDING, MIP6_EV_CN_BINDING_EXPIRED, "binding expired", &e->hoa,
		              &e->coa, 0);
		retire(cn, e, now);
		return;
	}
	mip6_node_trace_state(cn->n, "cn", MIP6_EV_CN_BCE_STATE, state_name(e->state), "IDLE", &e->hoa, NULL);
	bce_free(cn, e);
}

/* RFC 6275 9.3.4: "If the correspondent node receives persistent ICMP
 * Destination Unreachable messages after sending packets to a mobile node
 * based on an entry in its Binding Cache, the correspondent node SHOULD
 * delete this Binding Cache entry. ... it is important that only persistent
 * ICMP messages lead to the deletion of the Binding Cache entry." What counts
 * is an error about a packet sent on the binding (from the address it was
 * made with, to its care-of address, its home address in the type 2 routing
 * header); persistent is defined by CN_UNREACH_* (cn_internal.h). The entry
 * is retired (its sequence number kept, 5.2.8) and the data plane told;
 * later packets go to the home address. */
bool mip6_cn_on_icmp6(cn_t *cn, const mip6_rx_t *rx, mip6_ns_t now)
{
	const mip6_icmp6_t *m = &rx->p->icmp6;
	node_invoking_t v;
	if (m->type != MIP6_ICMP6_DST_UNREACH || !mip6_node_invoking(m->body, m->body_len, &v) || !v.rh2)
		return false;
	cn_bce_t *e = mip6_cn_bc_find(&cn->bc, &v.rh2_hoa);
	if (!e || e->state != CN_BCE_BOUND || !mip6_addr_eq(&e->coa, &v.dst) ||
	    !mip6_addr_eq(&e->cn, &v.src) || !mip6_addr_eq(&rx->dst, &e->cn))
		return false;
	if (e->unreach == 0 || now - e->unreach_last > CN_UNREACH_GAP) {
		e->unreach = 0;
		e->unreach_first = now;
	}
	e->unreach++;
	e->unreach_last = now;
	if (e->unreach < CN_UNREACH_MIN || now - e->unreach_first < CN_UNREACH_SPAN)
		return false;
	publish(cn, MIP6_BUS_BC_REMOVE, e);
	cn->n->stats.cn_bce_unreachable++;
	mip6_cn_trace(cn, MIP6_TR_BINDING, MIP6_EV_CN_DROP_BCE_UNREACHABLE,
	              "binding deleted: care-of address persistently unreachable (RFC 6275 9.3.4)", &e->hoa,
	              &e->coa, e->unreach);
	retire(cn, e, now);
	return false;
}

/* RFC 10.3.1: a node that is not a home agent answers a home registration
 * with status 131. */
static bool refuse_home_registration(cn_t *cn, const mip6_rx_t *rx)
{
	bu_ctx_t b = {.rx = rx, .hoa = rx->src, .seq = rx->p->mh.u.bu.seq};
	if (!cn_unicast_routable(&b.hoa)) {
		mip6_cn_drop(cn, &cn->n->stats.drop_malformed, MIP6_EV_CN_DROP_BU_HOA_NOT_ROUTABLE,
		             "BU home address not unicast routable (RFC 6275 9.5.1)", &b.hoa);
		return true;
	}
	mip6_cn_drop(cn, NULL, MIP6_EV_CN_DROP_BU_HOME_REGISTRATION,
	             "home registration at a node that is not a home agent (RFC 6275 10.3.1)", &b.hoa);
	send_ba(cn, &b, MIP6_BA_HR_NOT_SUPPORTED, b.seq, 0);
	return true;
}

/* RFC 6275 9.5.1 checks for a BU without the H flag. Returns false when the
 * BU was answered or dropped already. */
static bool check_bu(cn_t *cn, bu_ctx_t *b, mip6_ns_t now)
{
	const mip6_rx_t *rx = b->rx;
	const mip6_mh_t *m = &rx->p->mh;
	mip6_stats_t *st = &cn->n->stats;
	if (!cn_unicast_routable(&b->hoa)) {
		mip6_cn_drop(cn, &st->drop_malformed, MIP6_EV_CN_DROP_BU_HOA_NOT_ROUTABLE,
		             "BU home address not unicast routable (RFC 6275 9.5.1)", &b->hoa);
		return false;
	}
	const mip6_mhopt_t *alt = mip6_mh_find_opt(m, MIP6_OPT_ALTCOA);
	b->coa = alt ? alt->u.altcoa : rx->ip_src;
	if (!cn_unicast_routable(&b->coa)) {
		mip6_cn_drop(cn, &st->drop_malformed, MIP6_EV_CN_DROP_BU_COA_NOT_ROUTABLE,
		             "BU care-of address not unicast routable (RFC 6275 9.5.1)", &b->hoa);
		return false;
	}
	/* RFC 6275 9.5.4: the BA would go to the IPv6 source; when that is
	 * not unicast (the CoA above may be an Alternate CoA), no BA and the
	 * BU is silently discarded. */
	if (mip6_addr_is_unspec(&rx->ip_src) || rx->ip_src.b[0] == 0xff) {
		mip6_cn_drop(cn, &st->drop_malformed, MIP6_EV_CN_DROP_BU_NOT_UNICAST_SRC,
		             "BU source not a unicast address: no BA (RFC 6275 9.5.4)", &b->hoa);
		return false;
	}
	/* RFC 6275 9.5.1 / 5.2.6: lifetime 0 or CoA == HoA deletes the binding,
	 * authorised by the home keygen token alone, with the home address as
	 * the authenticator's care-of address input (6.2.7). */
	b->dereg = m->u.bu.lifetime == 0 || mip6_addr_eq(&b->coa, &b->hoa);
	b->auth_coa = b->dereg ? b->hoa : b->coa;
	const mip6_mhopt_t *ni = mip6_mh_find_opt(m, MIP6_OPT_NONCE);
	if (!ni) {
		mip6_cn_drop(cn, &st->drop_malformed, MIP6_EV_CN_DROP_BU_NO_NONCE,
		             "BU to a correspondent without Nonce Indices (RFC 6275 9.5.1)", &b->hoa);
		return false;
	}
	if (m->nopts == 0 || m->opts[m->nopts - 1].type != MIP6_OPT_AUTH) {
		mip6_cn_drop(cn, &st->drop_malformed, MIP6_EV_CN_DROP_BU_NO_AUTH,
		             "BU without Binding Authorization Data as its last option (RFC 6275 9.5.1)",
		             &b->hoa);
		return false;
	}
	/* RFC 6275 9.5.1: nonce indices the CN no longer knows are answered
	 * with 136, 137 or 138 (9.5.4: without an authenticator, since no Kbm
	 * can be derived). The care-of nonce does not count when deleting. */
	const cn_nonce_t *home = mip6_cn_nonce_find(cn, ni->u.nonce.home, now);
	const cn_nonce_t *careof = b->dereg ? NULL : mip6_cn_nonce_find(cn, ni->u.nonce.careof, now);
	bool careof_lost = !b->dereg && !careof;
	if (!home || careof_lost) {
		uint8_t status = !home && careof_lost ? MIP6_BA_EXPIRED_NONCES
				 : !home		? MIP6_BA_EXPIRED_HOME_NONCE
							: MIP6_BA_EXPIRED_COA_NONCE;
		mip6_cn_drop(cn, NULL, MIP6_EV_CN_DROP_BU_NONCE_EXPIRED,
		             "BU with an expired nonce index (RFC 6275 9.5.1)", &b->hoa);
		send_ba(cn, b, status, b->seq, 0);
		return false;
	}
	/* RFC 6275 9.5.1: re-generate the tokens, derive Kbm, verify. */
	uint8_t ht[MIP6_TOKEN_LEN], ct[MIP6_TOKEN_LEN];
	if (mip6_cn_token(cn, home, &b->hoa, false, ht) != 0 ||
	    (careof && mip6_cn_token(cn, careof, &b->coa, true, ct) != 0) ||
	    mip6_rr_kbm(ht, careof ? ct : NULL, b->kbm) != 0) {
		mip6_cn_drop(cn, NULL, MIP6_EV_CN_DROP_BU_KBM_FAILED, "Kbm: crypto failed", &b->hoa);
		return false;
	}
	const uint8_t *mh = rx->pkt + rx->l->upper_off;
	size_t mh_len = ((size_t)m->hdr_len + 1u) * 8u;
	if (mh_len > rx->l->upper_len ||
	    mip6_rr_verify_mh(mh, mh_len, b->kbm, &b->auth_coa, &b->cn) != 0) {
		/* RFC 6275 9.5.1: silently discarded. */
		mip6_cn_drop(cn, &st->drop_auth, MIP6_EV_CN_DROP_BU_AUTH_FAILED,
		             "BU authenticator does not verify (RFC 6275 9.5.1)", &b->hoa);
		return false;
	}
	b->have_kbm = true;
	b->nonce_until = home->born + CN_MAX_NONCE_LIFETIME;
	if (careof && careof->born + CN_MAX_NONCE_LIFETIME > b->nonce_until)
		b->nonce_until = careof->born + CN_MAX_NONCE_LIFETIME;
	return true;
}

bool mip6_cn_on_bu(cn_t *cn, const mip6_rx_t *rx, mip6_ns_t now)
{
	const mip6_mh_t *m = &rx->p->mh;
	if (m->u.bu.flags & MIP6_BU_F_H) {
		/* The home agent component takes home registrations first. */
		if (cn->n->comp[COMP_HA])
			return false;
		return refuse_home_registration(cn, rx);
	}
	bu_ctx_t b = {.rx = rx, .hoa = rx->src, .cn = rx->dst, .seq = m->u.bu.seq};
	if (!check_bu(cn, &b, now))
		return true;
	cn_bce_t *e = mip6_cn_bc_find(&cn->bc, &b.hoa);
	/* RFC 6275 9.5.1: not newer than the last accepted -> 135 with that
	 * number (checked after the authenticator, so the answer is signed). */
	if (e && !seq_newer(b.seq, e->seq)) {
		mip6_cn_drop(cn, &cn->n->stats.drop_seq, MIP6_EV_CN_DROP_BU_SEQ_NOT_NEWER,
		             "BU sequence number not newer (RFC 6275 9.5.1)", &b.hoa);
		send_ba(cn, &b, MIP6_BA_SEQ_OUT_OF_WINDOW, e->seq, 0);
		return true;
	}
	mip6_cn_trace(cn, MIP6_TR_RX, MIP6_EV_CN_RX_BU, "BU", &b.hoa, &b.coa, b.seq);
	if (b.dereg)
		ev_deregister(cn, e, &b, now);
	else
		ev_register(cn, e, &b, now);
	return true;
}
