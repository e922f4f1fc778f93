/* SPDX-License-Identifier: BSD-3-Clause */
/* Home registrations: Binding Update checks in the order of RFC 6275
 * 9.5.1 and 10.3.1 (then RFC 4285, RFC 3963 and RFC 5648), the DAD gate of
 * a first registration, and the Binding Acknowledgement. */
#include "ha_internal.h"
#include "mip6/auth.h"
#include "mip6/err.h"

/* a < b iff (uint16_t)(b - a) is in 1..32767 (RFC 6275 9.5.1). */
static bool seq_newer(uint16_t seq, uint16_t last)
{
	uint16_t d = (uint16_t)(seq - last);
	return d >= 1 && d <= 32767;
}

static bool unicast_routable(const mip6_addr_t *a)
{
	static const mip6_addr_t loopback = {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}};
	if (mip6_addr_is_unspec(a) || mip6_addr_eq(a, &loopback))
		return false;
	if (a->b[0] == 0xff)
		return false; /* multicast */
	if (a->b[0] == 0xfe && (a->b[1] & 0xc0) == 0x80)
		return false; /* link-local */
	return true;
}

/* RFC 6275 9.5.4: the BA goes to the BU's IPv6 source; one that is not a
 * unicast address gets none, and the BU is silently discarded. */
static bool source_unicast(const mip6_addr_t *a)
{
	return !mip6_addr_is_unspec(a) && a->b[0] != 0xff;
}

static bool prefix_bad(const mip6_prefix_t *p)
{
	if (p->plen == 0 || p->plen > 128)
		return true;
	return !unicast_routable(&p->prefix) && !mip6_addr_is_unspec(&p->prefix);
}

void mip6_ha_send_ba(ha_t *ha, const ha_req_t *req, int32_t client, uint8_t status, uint16_t seq,
                     uint16_t lifetime_u, uint8_t flags, bool bids)
{
	mip6_node_t *n = ha->comp.node;
	const mip6_ha_client_t *cl = NULL;
	if (client >= 0 && ha->clients[client].auth.enabled)
		cl = &ha->clients[client];
	mip6_mh_t ba;
	mip6_mh_init(&ba, MIP6_MH_BA);
	ba.u.ba.status = status;
	ba.u.ba.flags = flags;
	ba.u.ba.seq = seq;
	ba.u.ba.lifetime = lifetime_u;
	mip6_mhopt_t *o;
	if (cl && cl->auth.nai_len) {
		o = mip6_mh_add_opt(&ba, MIP6_OPT_MNID);
		o->len = (uint8_t)(1 + cl->auth.nai_len);
		o->u.mnid.subtype = MIP6_MNID_SUBTYPE_NAI;
		o->u.mnid.id = cl->auth.nai;
	}
	/* RFC 4285 6: a BU with the replay protection option gets one back,
	 * whatever the answer. */
	if (req->has_ts) {
		o = mip6_mh_add_opt(&ba, MIP6_OPT_MESGID);
		o->u.timestamp = req->ts;
	}
	/* RFC 5648 6.2: every BA copies the BU's Binding Identifier options,
	 * each with its BID's status (5.7: a BA without them tells the mobile
	 * node that this home agent does not do MCoA). */
	for (unsigned i = 0; bids && i < req->nbid; i++) {
		o = mip6_mh_add_opt(&ba, MIP6_OPT_BID);
		o->u.bid.bid = req->bid[i].bid;
		o->u.bid.status = req->bid[i].status;
	}
	/* RFC 4285 5: the MN-HA authentication option comes last. */
	if (cl) {
		o = mip6_mh_add_opt(&ba, MIP6_OPT_MNAUTH);
		o->len = 5 + MIP6_MNHA_AUTH_LEN;
		o->u.mnauth.subtype = MIP6_MNAUTH_SUBTYPE_MNHA;
		o->u.mnauth.spi = cl->auth.spi;
	}
	/* RFC 6275 6.1.8 / 9.5.4: to the care-of address, with a type 2
	 * routing header carrying the home address. */
	node_mh_tx_t tx = {.ifindex = MIP6_IFINDEX_ROUTE, .src = ha->cfg.addr, .dst = req->ba_dst};
	if (!mip6_addr_eq(&req->ba_dst, &req->hoa))
		tx.rh2 = &req->hoa;
	if (cl) {
		tx.mnha = &cl->auth;
		tx.mnha_key = mip6_ha_client_key(ha, client);
		tx.mnha_coa = &req->coa;
		tx.mnha_hoa = &req->hoa;
	}
	if (mip6_node_send_mh(n, &tx, &ba) == 0) {
		n->stats.ba_sent[status]++;
		mip6_ha_trace(ha, MIP6_TR_TX, MIP6_EV_HA_TX_BA, "BA", &req->hoa, &req->ba_dst, status);
	}
}

/* Refuses the whole BU: the status is the BA's, and its BID options go
 * back with status 0 (RFC 5648 6.2). */
static void reject(ha_t *ha, const ha_req_t *req, int32_t client, uint8_t status, uint16_t seq,
                   uint64_t *counter, uint16_t code, const char *why)
{
	if (counter)
		(*counter)++;
	mip6_node_trace_drop(ha->comp.node, "ha", code, why, &req->hoa);
	ha_req_t r = *req;
	for (unsigned i = 0; i < r.nbid; i++)
		r.bid[i].status = 0;
	mip6_ha_send_ba(ha, &r, client, status, seq, 0, 0, true);
}

typedef struct bu_opts {
	const mip6_mhopt_t *mnid, *mesgid, *mnauth;
	unsigned nbid_opts;
	bool bid_badlen; /* a BID option neither 4, 8 nor 20 long (RFC 5648 6.2) */
	bool too_many_mnp;
	bool too_many_bid;
	bool nonce; /* a Nonce Indices option (RFC 6275 9.5.1: not with H) */
} bu_opts_t;

/* Reads the options of the BU into req and o. */
static void read_opts(const mip6_mh_t *m, ha_req_t *req, bu_opts_t *o)
{
	bool altcoa = false;
	for (unsigned i = 0; i < m->nopts; i++) {
		const mip6_mhopt_t *p = &m->opts[i];
		switch (p->type) {
		case MIP6_OPT_ALTCOA:
			/* RFC 6275 6.2.5: the Alternate Care-of Address is the CoA. */
			if (!altcoa)
				req->coa = p->u.altcoa;
			altcoa = true;
			break;
		case MIP6_OPT_MNP: {
			mip6_prefix_t pf = {.prefix = p->u.mnp.prefix, .plen = p->u.mnp.plen};
			bool dup = false;
			for (unsigned j = 0; j < req->nmnp; j++)
				dup |= req->mnp[j].plen == pf.plen &&
				       mip6_addr_eq(&req->mnp[j].prefix, &pf.prefix);
			req->explicit_mnp = true;
			if (dup)
				break;
			if (req->nmnp == MIP6_MAX_MNP)
				o->too_many_mnp = true;
			else
				req->mnp[req->nmnp++] = pf;
			break;
		}
		case MIP6_OPT_MNID:
			if (!o->mnid)
				o->mnid = p;
			break;
		case MIP6_OPT_MESGID:
			if (!o->mesgid) {
				o->mesgid = p;
				/* Echoed in every BA (RFC 4285 6); check_auth
				 * replaces it when the timestamp is not valid. */
				req->has_ts = true;
				req->ts = p->u.timestamp;
			}
			break;
		case MIP6_OPT_MNAUTH:
			o->mnauth = p; /* it must be the last one (RFC 4285 5) */
			break;
		case MIP6_OPT_NONCE:
			o->nonce = true;
			break;
		case MIP6_OPT_BID: {
			o->nbid_opts++;
			/* The strict decoder lets this one length error through
			 * for the answer RFC 5648 6.2 asks for (node.c). */
			if (p->len != 4 && p->len != 8 && p->len != 20)
				o->bid_badlen = true;
			if (req->nbid == HA_MAX_BIDS) {
				o->too_many_bid = true;
				break;
			}
			ha_bid_t *b = &req->bid[req->nbid];
			b->bid = p->u.bid.bid;
			b->status = 0;
			/* RFC 5648 4.3, 5.6: H asks for a simultaneous home and
			 * foreign binding, which this home agent does not offer. */
			if (p->u.bid.flags & MIP6_BID_F_H)
				b->status = MIP6_BA_MCOA_SIMUL_HOME_FOREIGN;
			if (p->len == 20)
				memcpy(b->coa.b, p->u.bid.coa, 16);
			else if (p->len == 8)
				b->status =
				    MIP6_BA_MCOA_MALFORMED; /* IPv4 care-of addresses: not supported */
			else
				b->nocoa = true; /* the binding's own (mip6_ha_bind) */
			b->home = !b->nocoa && mip6_addr_eq(&b->coa, &req->hoa);
			req->nbid++;
			break;
		}
		default:
			break;
		}
	}
}

/* RFC 4285: the MN-HA protocol. 0 to go on, else the BA was sent. */
static int check_auth(ha_t *ha, const mip6_rx_t *rx, ha_req_t *req, int32_t client, const bu_opts_t *o)
{
	mip6_node_t *n = ha->comp.node;
	const mip6_auth_cfg_t *auth = &ha->clients[client].auth;
	ha_client_rt_t *rt = &ha->crt[client];
	/* The identifier must name this client's security association (RFC
	 * 4285 4, RFC 4283); one that does not fails authentication: 146
	 * (RFC 4285 5.1.1; 144 is a bad timestamp after it, section 6). */
	if (auth->nai_len) {
		const mip6_mhopt_t *id = o->mnid;
		if (!id || id->u.mnid.subtype != MIP6_MNID_SUBTYPE_NAI || id->len != 1u + auth->nai_len ||
		    !id->u.mnid.id || memcmp(id->u.mnid.id, auth->nai, auth->nai_len) != 0) {
			reject(ha, req, client, MIP6_BA_AUTH_FAIL, req->seq, &n->stats.drop_auth,
			       MIP6_EV_HA_DROP_BU_MN_ID,
			       "mobile node identifier missing or not this client's (RFC 4285 5.1.1)");
			return -1;
		}
	}
	/* RFC 4285 6: the replay protection option is required. */
	if (!o->mesgid) {
		reject(ha, req, client, MIP6_BA_MESG_ID_REQD, req->seq, &n->stats.drop_auth,
		       MIP6_EV_HA_DROP_BU_NO_MESG_ID,
		       "no mobility message replay protection option (RFC 4285 6)");
		return -1;
	}
	uint32_t spi = 0;
	int rc = MIP6_E_INVAL;
	if (o->mnauth && o->mnauth->u.mnauth.subtype == MIP6_MNAUTH_SUBTYPE_MNHA)
		rc = mip6_ha_client_key(ha, client)
		         ? mip6_auth_verify_mh_prepared(rx->pkt + rx->l->upper_off, rx->l->upper_len, rt->key,
		                                        &req->coa, &req->hoa, &spi)
		         : mip6_auth_verify_mh(rx->pkt + rx->l->upper_off, rx->l->upper_len, auth->key,
		                               auth->key_len, &req->coa, &req->hoa, &spi);
	if (rc == 0 && spi != auth->spi)
		rc = MIP6_E_CRYPTO;
	if (rc != 0) {
		reject(ha, req, client, MIP6_BA_AUTH_FAIL, req->seq, &n->stats.drop_auth,
		       MIP6_EV_HA_DROP_BU_AUTH_FAILED, "MN-HA authenticator missing or wrong (RFC 4285 5)");
		return -1;
	}
	/* Replay protection (RFC 4285 6). With a time of day the timestamp
	 * must lie within the window around it (7 s unless configured); the
	 * answer then carries the home agent's time in the high-order 32 bits
	 * and the BU's low-order 32 bits, so the mobile node can resynchronise. */
	uint64_t ts = o->mesgid->u.timestamp;
	if (n->env.time_of_day) {
		uint64_t tod = n->env.time_of_day(n->env.ctx);
		uint64_t win = (uint64_t)(ha->cfg.ts_window_s ? ha->cfg.ts_window_s : HA_TS_WINDOW_S) << 32;
		uint64_t diff = ts > tod ? ts - tod : tod - ts;
		if (diff > win) {
			req->has_ts = true;
			req->ts = (tod & 0xffffffff00000000ull) | (ts & 0xffffffffull);
			reject(ha, req, client, MIP6_BA_ID_MISMATCH, req->seq, &n->stats.drop_replay,
			       MIP6_EV_HA_DROP_BU_TIMESTAMP_WINDOW,
			       "timestamp outside the window around the time of day (RFC 4285 6)");
			return -1;
		}
	}
	/* Whatever the clock, a timestamp not newer than the last accepted one
	 * is a replay; the answer carries that one so the node can move past it. */
	if (rt->has_ts && ts <= rt->last_ts) {
		req->has_ts = true;
		req->ts = rt->last_ts;
		reject(ha, req, client, MIP6_BA_ID_MISMATCH, req->seq, &n->stats.drop_replay,
		       MIP6_EV_HA_DROP_BU_TIMESTAMP_REPLAY, "replayed or stale timestamp (RFC 4285 6)");
		return -1;
	}
	/* Committed only once the BU passed every later check (commit_ts). */
	req->has_ts = true;
	req->ts = ts;
	return 0;
}

/* The BU was accepted (or waits for DAD): its timestamp is the last one. */
static void commit_ts(ha_t *ha, int32_t client, const ha_req_t *req)
{
	if (client < 0 || !ha->clients[client].auth.enabled || !req->has_ts)
		return;
	ha->crt[client].last_ts = req->ts;
	ha->crt[client].has_ts = true;
}

static bool prefix_allowed(const mip6_ha_client_t *cl, const mip6_prefix_t *p)
{
	for (unsigned i = 0; i < cl->nmnp && i < MIP6_MAX_MNP; i++)
		if (p->plen >= cl->mnp[i].plen &&
		    mip6_addr_prefix_match(&p->prefix, &cl->mnp[i].prefix, cl->mnp[i].plen))
			return true;
	return false;
}

/* RFC 3963 (4.2, 6) and RFC 5648 (6.1, 6.2): 0 to go on, else the BA was sent. */
static int check_nemo_mcoa(ha_t *ha, ha_req_t *req, int32_t client, const bu_opts_t *o)
{
	mip6_node_t *n = ha->comp.node;
	const mip6_ha_client_t *cl = client >= 0 ? &ha->clients[client] : NULL;
	/* RFC 3963 6.2: "if the Binding Update is a de-registration Binding
	 * Update, the Home Agent ignores the value of the Mobile Router Flag". */
	if ((req->flags & MIP6_BU_F_R) && !req->dereg) {
		if (!cl || !cl->mr_allowed) {
			reject(ha, req, client, MIP6_BA_MR_OP_NOT_PERMITTED, req->seq,
			       &n->stats.drop_unauthorised, MIP6_EV_HA_DROP_BU_MR_NOT_PERMITTED,
			       "mobile router operation not permitted for this home address (RFC 3963 6)");
			return -1;
		}
		if (!req->dereg && req->explicit_mnp) {
			/* RFC 3963 6.2: forwarding cannot be set up for every
			 * listed prefix: none is forwarded, and the answer is 141. */
			if (o->too_many_mnp) {
				reject(ha, req, client, MIP6_BA_INVALID_PREFIX, req->seq, NULL,
				       MIP6_EV_HA_DROP_BU_TOO_MANY_MNPS,
				       "more mobile network prefixes than a binding holds (RFC 3963 6.2)");
				return -1;
			}
			for (unsigned i = 0; i < req->nmnp; i++) {
				if (prefix_bad(&req->mnp[i])) {
					reject(ha, req, client, MIP6_BA_INVALID_PREFIX, req->seq, NULL,
					       MIP6_EV_HA_DROP_BU_INVALID_MNP,
					       "invalid mobile network prefix (RFC 3963 6)");
					return -1;
				}
				if (!prefix_allowed(cl, &req->mnp[i])) {
					reject(ha, req, client, MIP6_BA_NOT_AUTH_FOR_PREFIX, req->seq,
					       &n->stats.drop_unauthorised,
					       MIP6_EV_HA_DROP_BU_MNP_NOT_AUTHORIZED,
					       "mobile router not authorized for this prefix (RFC 3963 6)");
					return -1;
				}
			}
		} else if (!req->dereg && cl->nmnp == 0) {
			/* Implicit mode needs configured prefixes (RFC 3963 6). */
			reject(ha, req, client, MIP6_BA_FWD_SETUP_FAILED, req->seq, NULL,
			       MIP6_EV_HA_DROP_BU_NO_IMPLICIT_MNP,
			       "implicit mode and no prefix configured for this mobile router (RFC 3963 6)");
			return -1;
		}
		/* RFC 3963 6.6: a prefix another mobile router has bound is not
		 * this one's to claim (implicit mode: its configured prefixes). */
		const mip6_prefix_t *set = req->explicit_mnp ? req->mnp : cl->mnp;
		unsigned nset =
		    req->explicit_mnp ? req->nmnp : (cl->nmnp < MIP6_MAX_MNP ? cl->nmnp : MIP6_MAX_MNP);
		if (!req->dereg && mip6_ha_mnp_taken(ha, &req->hoa, set, nset)) {
			reject(ha, req, client, MIP6_BA_NOT_AUTH_FOR_PREFIX, req->seq,
			       &n->stats.drop_unauthorised, MIP6_EV_HA_DROP_BU_MNP_TAKEN,
			       "prefix bound to another mobile router (RFC 3963 6.6)");
			return -1;
		}
	} else {
		req->nmnp = 0; /* MNP options mean nothing without R (RFC 3963 6.3) */
		req->explicit_mnp = false;
	}
	if (o->nbid_opts == 0)
		return 0;
	/* RFC 5648 6.2: the length is examined first. */
	if (o->bid_badlen) {
		reject(ha, req, client, MIP6_BA_MCOA_MALFORMED, req->seq, &n->stats.drop_malformed,
		       MIP6_EV_HA_DROP_BU_BID_LENGTH,
		       "Binding Identifier option length not 4, 8 or 20 (RFC 5648 6.2)");
		return -1;
	}
	if (!cl || !cl->mcoa_allowed) {
		reject(ha, req, client, MIP6_BA_MCOA_PROHIBITED, req->seq, &n->stats.drop_unauthorised,
		       MIP6_EV_HA_DROP_BU_MCOA_PROHIBITED,
		       "multiple care-of addresses not allowed for this home address (RFC 5648 6.2)");
		return -1;
	}
	if (o->too_many_bid) {
		reject(ha, req, client, MIP6_BA_INSUFFICIENT, req->seq, NULL,
		       MIP6_EV_HA_DROP_BU_TOO_MANY_BIDS, "more BIDs than a home address may hold");
		return -1;
	}
	for (unsigned i = 0; i < req->nbid; i++) {
		/* BID 0 is reserved (RFC 5648 4.3, 5.1), and a BID is unique
		 * for a home address (5.1). */
		bool bad = req->bid[i].bid == 0;
		for (unsigned j = 0; j < i; j++)
			bad |= req->bid[j].bid == req->bid[i].bid;
		if (bad) {
			reject(ha, req, client, MIP6_BA_MCOA_MALFORMED, req->seq, &n->stats.drop_malformed,
			       MIP6_EV_HA_DROP_BU_BID_MALFORMED,
			       "malformed Binding Identifier options (RFC 5648 5.1)");
			return -1;
		}
		/* RFC 5648 6.2: a care-of address that is not unicast routable. */
		if (req->bid[i].status == 0 && !req->bid[i].nocoa && !req->bid[i].home &&
		    !unicast_routable(&req->bid[i].coa))
			req->bid[i].status = MIP6_BA_MCOA_MALFORMED;
	}
	return 0;
}

static uint16_t grant(const ha_t *ha, uint16_t asked_u)
{
	uint32_t max_u = ha->cfg.max_lifetime_s ? ha->cfg.max_lifetime_s / 4u : 0xffffu;
	if (max_u == 0)
		max_u = 1;
	if (max_u > 0xffff)
		max_u = 0xffff;
	return (uint16_t)(asked_u < max_u ? asked_u : max_u);
}

/* Answers an accepted registration (now or after DAD). Returns whether mn
 * still exists (holds bindings). */
static bool accept(ha_t *ha, ha_mn_t *mn, ha_req_t *req, mip6_ns_t now, uint8_t *status)
{
	int32_t client = mn->client;
	bool bound = false;
	uint8_t st = mip6_ha_bind(ha, mn, req, now, &bound);
	if (st == MIP6_BA_ACCEPTED && req->pd)
		st = MIP6_BA_ACCEPTED_PD;
	if (status)
		*status = st;
	uint8_t flags = 0;
	if (st < 128 && (req->flags & MIP6_BU_F_R))
		flags |= MIP6_BA_F_R; /* RFC 3963 4.2 */
	if (st < 128)
		mip6_ha_trace(ha, MIP6_TR_RX, MIP6_EV_HA_RX_BU, "BU", &req->hoa, &req->coa, req->seq);
	mip6_ha_send_ba(ha, req, client, st, req->seq, st < 128 && bound ? req->lifetime_u : 0, flags,
	                req->nbid > 0);
	return bound;
}

void mip6_ha_ll_of(const mip6_addr_t *hoa, mip6_addr_t *ll)
{
	memset(ll, 0, sizeof(*ll));
	ll->b[0] = 0xfe;
	ll->b[1] = 0x80;
	memcpy(ll->b + 8, hoa->b + 8, 8);
}

static uint32_t submit_dad(ha_t *ha, const mip6_addr_t *a)
{
	mip6_op_t op = {.kind = MIP6_OP_DAD, .ifindex = ha->cfg.home_ifindex, .plen = 128, .addr = *a};
	return mip6_node_op_submit(ha->comp.node, COMP_HA, &op);
}

/* The same set of BIDs (none for a plain BU). */
static bool same_bids(const ha_req_t *a, const ha_req_t *b)
{
	if (a->nbid != b->nbid)
		return false;
	for (unsigned i = 0; i < a->nbid; i++) {
		bool found = false;
		for (unsigned j = 0; j < b->nbid && !found; j++)
			found = a->bid[i].bid == b->bid[j].bid;
		if (!found)
			return false;
	}
	return true;
}

/* A first registration: RFC 6275 10.3.1 has the home agent check with DAD
 * that no other node on the home link uses the home address before it
 * answers (and the link-local address too when L is set); the BU waits in
 * mn's DAD record for the result. */
static bool start_dad(ha_t *ha, ha_mn_t *mn, const ha_req_t *req, int32_t client, mip6_ns_t now)
{
	mip6_node_t *n = ha->comp.node;
	bool fresh = mn == NULL;
	ha_dad_t *d = NULL;
	if (!mn) {
		mn = mip6_ha_mn_new(ha, &req->hoa, client);
		if (!mn)
			goto nomem;
	}
	if (mn->has_dad) {
		d = mn->u.dad;
	} else {
		d = mip6_node_mem_alloc(n, sizeof(*d));
		if (!d)
			goto nomem;
		memset(d, 0, sizeof(*d));
		d->timer.kind = NODE_TIMER_KIND(COMP_HA, HA_T_DAD);
		d->mn = mn;
		mn->has_dad = true;
		mn->u.dad = d;
	}
	/* A retransmission while DAD runs replaces the waiting BU. Under MCoA
	 * the BU of another interface (other BIDs) is no retransmission: it
	 * waits beside it and gets its own BA when DAD is done. */
	ha_req_t **pp = &d->reqs;
	unsigned waiting = 0;
	while (*pp && !same_bids(*pp, req)) {
		pp = &(*pp)->next;
		waiting++;
	}
	/* RFC 6275 9.5.1: only a newer sequence number replaces the waiting
	 * BU. A stale copy (held back or duplicated on the way) would bind a
	 * care-of address the node may have left and answer a number the
	 * node no longer waits for. */
	if (*pp && !seq_newer(req->seq, (*pp)->seq)) {
		n->stats.drop_seq++;
		mip6_node_trace_drop(n, "ha", MIP6_EV_HA_DROP_BU_SEQ_NOT_NEWER_THAN_PENDING,
		                     "BU not newer than the one waiting for DAD (RFC 6275 9.5.1)", &req->hoa);
		return false;
	}
	if (!*pp) {
		if (waiting >= HA_MAX_BIDS)
			goto nomem;
		*pp = mip6_node_mem_alloc(n, sizeof(**pp));
		if (!*pp)
			goto nomem;
		(*pp)->next = NULL;
	}
	ha_req_t *next = (*pp)->next;
	**pp = *req;
	(*pp)->next = next;
	if (mn->state == HA_MN_DAD)
		return true;
	if (mip6_node_arm(n, &d->timer, now + MIP6_SEC(HA_DAD_GUARD_S)) != 0)
		goto nomem;
	d->op = submit_dad(ha, &req->hoa);
	mn->state = HA_MN_DAD;
	mip6_ha_pending_add(ha, d);
	mip6_node_trace_state(n, "ha", MIP6_EV_HA_BCE_STATE, "NONE", "DAD", &req->hoa, &req->coa);
	return true;
nomem:
	/* A record made for this BU goes with its DAD record; one already
	 * waiting keeps waiting with the BUs it has. */
	if (fresh && mn) {
		mip6_ha_mn_unlink(ha, mn);
		mip6_ha_mn_free(ha, mn);
	}
	reject(ha, req, client, MIP6_BA_INSUFFICIENT, req->seq, NULL, MIP6_EV_HA_DROP_BU_NO_MEMORY,
	       "out of memory for a new binding");
	return false;
}

/* The request a received BU makes: addresses, sequence number, flags and
 * options. */
static void read_bu(const mip6_rx_t *rx, ha_req_t *req, bu_opts_t *o)
{
	const mip6_mh_t *m = &rx->p->mh;
	memset(req, 0, sizeof(*req));
	memset(o, 0, sizeof(*o));
	/* RFC 6275 10.3.1: the home address is the one in the Home Address
	 * option (the source when the mobile node is at home). */
	req->hoa = rx->src;
	req->coa = rx->ip_src;
	req->ba_dst = rx->ip_src;
	req->seq = m->u.bu.seq;
	req->flags = m->u.bu.flags;
	read_opts(m, req, o);
}

/* --- de-registered home addresses (RFC 6275 10.3.2) --- */

static const struct ha_deleted *deleted_find(const ha_t *ha, const mip6_addr_t *hoa, mip6_ns_t now)
{
	for (unsigned i = 0; i < HA_DELETED_MAX; i++)
		if (ha->deleted[i].until > now && mip6_addr_eq(&ha->deleted[i].hoa, hoa))
			return &ha->deleted[i];
	return NULL;
}

static void deleted_add(ha_t *ha, const mip6_addr_t *hoa, uint16_t seq, mip6_ns_t now)
{
	struct ha_deleted *d = (struct ha_deleted *)deleted_find(ha, hoa, now);
	if (!d) {
		/* The oldest record goes first; with more than HA_DELETED_MAX
		 * de-registrations in 10 s the oldest are forgotten early. */
		d = &ha->deleted[ha->deleted_next];
		ha->deleted_next = (ha->deleted_next + 1) % HA_DELETED_MAX;
	}
	d->hoa = *hoa;
	d->seq = seq;
	d->until = now + HA_MAX_DELETE_BCE_TIMEOUT;
}

void mip6_ha_bu_input(ha_t *ha, const mip6_rx_t *rx, mip6_ns_t now)
{
	mip6_node_t *n = ha->comp.node;
	const mip6_mh_t *m = &rx->p->mh;
	ha_req_t req;
	bu_opts_t o;
	read_bu(rx, &req, &o);
	/* RFC 6275 9.5.1: a care-of address that is not unicast routable:
	 * silently discard. */
	if (!unicast_routable(&req.coa) || !unicast_routable(&req.hoa)) {
		n->stats.drop_malformed++;
		mip6_node_trace_drop(n, "ha", MIP6_EV_HA_DROP_BU_NOT_ROUTABLE,
		                     "care-of or home address not unicast routable (RFC 6275 9.5.1)",
		                     &req.hoa);
		return;
	}
	if (!source_unicast(&rx->ip_src)) {
		n->stats.drop_malformed++;
		mip6_node_trace_drop(n, "ha", MIP6_EV_HA_DROP_BU_NOT_UNICAST_SRC,
		                     "BU source not a unicast address: no BA (RFC 6275 9.5.4)", &req.hoa);
		return;
	}
	/* RFC 6275 9.5.1: "If the Home Registration (H) bit is set, the Nonce
	 * Indices mobility option MUST NOT be present"; such a BU fails the
	 * tests and is silently discarded. */
	if (o.nonce) {
		n->stats.drop_malformed++;
		mip6_node_trace_drop(n, "ha", MIP6_EV_HA_DROP_BU_HOME_NONCE,
		                     "home registration with Nonce Indices (RFC 6275 9.5.1)", &req.hoa);
		return;
	}
	/* RFC 4285 5.1.1: an MN-HA option from a mobile node this home agent
	 * has no security association with: discard the BU. */
	int32_t client = mip6_ha_client_find(ha, &req.hoa);
	if (o.mnauth && o.mnauth->u.mnauth.subtype == MIP6_MNAUTH_SUBTYPE_MNHA &&
	    (client < 0 || !ha->clients[client].auth.enabled)) {
		n->stats.drop_auth++;
		mip6_node_trace_drop(n, "ha", MIP6_EV_HA_DROP_BU_AUTH_NO_SA,
		                     "MN-HA option without a security association (RFC 4285 5.1.1)",
		                     &req.hoa);
		return;
	}
	/* RFC 6275 9.5.1: lifetime 0 or CoA == HoA deletes the binding. With
	 * BIDs (RFC 5648) each BID whose CoA is the home address goes home. */
	req.dereg = m->u.bu.lifetime == 0 || (o.nbid_opts == 0 && mip6_addr_eq(&req.coa, &req.hoa));
	req.lifetime_u = req.dereg ? 0 : grant(ha, m->u.bu.lifetime);
	/* RFC 6275 10.3.1, 10.6.4: no longer than the home prefix's remaining
	 * valid lifetime, and status 1 when the prefix is deprecated, becomes
	 * deprecated during the binding or invalid at its end (lifetimes in
	 * units of 4 s, the two low bits ignored). */
	uint32_t valid_s, pref_s;
	if (!req.dereg && mip6_ha_pfx_left(ha, &req.hoa, now, &valid_s, &pref_s)) {
		uint32_t valid_u = valid_s / 4u, pref_u = pref_s / 4u;
		if (valid_u < req.lifetime_u)
			req.lifetime_u = (uint16_t)valid_u;
		req.pd = pref_s == 0 || pref_u < req.lifetime_u || valid_u <= req.lifetime_u;
	}

	/* RFC 6275 10.3.1: a home address off the home prefix: 132. */
	if (!mip6_addr_prefix_match(&req.hoa, &ha->cfg.home_prefix.prefix, ha->cfg.home_prefix.plen)) {
		reject(ha, &req, -1, MIP6_BA_NOT_HOME_SUBNET, req.seq, &n->stats.drop_unauthorised,
		       MIP6_EV_HA_DROP_BU_NOT_HOME_SUBNET,
		       "home address not on the home prefix (RFC 6275 10.3.1)");
		return;
	}
	/* The HA's own address or a subnet anycast address (RFC 4291 2.6.1,
	 * RFC 2526) is in use on the home link: the DAD the HA must run before
	 * a first registration could only fail, so 134 without running it
	 * (RFC 6275 10.3.1). Accepting it would hand the HA's traffic, or
	 * other nodes' DHAAD requests, to whoever sent the BU. */
	if (!req.dereg && mip6_ha_reserved_hoa(ha, &req.hoa)) {
		reject(ha, &req, -1, MIP6_BA_DAD_FAILED, req.seq, &n->stats.drop_unauthorised,
		       MIP6_EV_HA_DROP_BU_RESERVED_HOA,
		       "home address is the home agent's own or a subnet anycast address (RFC 6275 10.3.1)");
		return;
	}
	/* Administrative policy: this home agent serves only its configured
	 * mobile nodes; 129 (RFC 6275 10.3.1 "any other reason"). */
	if (client < 0 && ha->cfg.serve_only_clients) {
		reject(ha, &req, -1, MIP6_BA_PROHIBITED, req.seq, &n->stats.drop_unauthorised,
		       MIP6_EV_HA_DROP_BU_NOT_SERVED, "not a mobile node this home agent serves");
		return;
	}
	if (client >= 0 && ha->clients[client].auth.enabled && check_auth(ha, rx, &req, client, &o) != 0)
		return;

	ha_mn_t *mn = mip6_ha_mn_find(ha, &req.hoa);
	/* RFC 6275 9.5.1: the sequence number must be newer than the last
	 * accepted one; 135 carries that one. Without a binding any number
	 * is accepted. */
	if (mn && mn->state == HA_MN_BOUND && !seq_newer(req.seq, mn->seq)) {
		reject(ha, &req, client, MIP6_BA_SEQ_OUT_OF_WINDOW, mn->seq, &n->stats.drop_seq,
		       MIP6_EV_HA_DROP_BU_SEQ_NOT_NEWER,
		       "sequence number not newer than the last accepted (RFC 6275 9.5.1)");
		return;
	}
	/* RFC 6275 10.3.2: a BU sent from the visited link and delayed past
	 * the de-registration from home would bind the home address again:
	 * within MAX_DELETE_BCE_TIMEOUT it is refused with 135. */
	const struct ha_deleted *gone =
	    (!mn || mn->state != HA_MN_BOUND) ? deleted_find(ha, &req.hoa, now) : NULL;
	if (gone && !seq_newer(req.seq, gone->seq)) {
		reject(ha, &req, client, MIP6_BA_SEQ_OUT_OF_WINDOW, gone->seq, &n->stats.drop_seq,
		       MIP6_EV_HA_DROP_BU_SEQ_AFTER_DEREG,
		       "sequence number not newer than a recent de-registration (RFC 6275 10.3.2)");
		return;
	}
	if (check_nemo_mcoa(ha, &req, client, &o) != 0)
		return;
	/* RFC 3963 6.2: R must match the existing binding's (once the router
	 * may be one at all), except in a de-registration. */
	if (!req.dereg && mn && mn->state == HA_MN_BOUND && mn->mr != ((req.flags & MIP6_BU_F_R) != 0)) {
		reject(ha, &req, client, MIP6_BA_REG_TYPE_CHANGE, req.seq, NULL,
		       MIP6_EV_HA_DROP_BU_MR_FLAG_CHANGED,
		       "mobile router flag differs from the binding's (RFC 3963 6.2)");
		return;
	}

	if (req.dereg) {
		/* RFC 6275 10.3.2: no home registration to delete: 133. */
		if (!mn || mn->state != HA_MN_BOUND) {
			if (mn) {
				mip6_ha_mn_remove(ha, mn); /* the first registration is withdrawn */
				commit_ts(ha, client, &req);
			}
			reject(ha, &req, client, MIP6_BA_NOT_HA_FOR_MN, req.seq, NULL,
			       MIP6_EV_HA_DROP_BU_DEREG_UNBOUND,
			       "deregistration without a binding (RFC 6275 10.3.2)");
			return;
		}
		uint8_t st = mip6_ha_unbind(ha, mn, &req);
		if (st >= 128) {
			reject(ha, &req, client, st, req.seq, NULL, MIP6_EV_HA_DROP_BU_DEREG_NO_BID,
			       "de-registration of BIDs without a binding (RFC 5648 6.2)");
			return;
		}
		if (!mip6_ha_mn_find(ha, &req.hoa))
			deleted_add(ha, &req.hoa, req.seq, now);
		mip6_ha_trace(ha, MIP6_TR_RX, MIP6_EV_HA_RX_BU, "BU", &req.hoa, &req.coa, req.seq);
		commit_ts(ha, client, &req);
		mip6_ha_send_ba(ha, &req, client, st, req.seq, 0, 0, req.nbid > 0);
		return;
	}
	if (mn && mn->state == HA_MN_BOUND) {
		/* RFC 6275 10.6.2: a BU answers an unsolicited prefix advertisement. */
		mip6_ha_mpa_answered(ha, mn);
		uint8_t st = 0;
		accept(ha, mn, &req, now, &st);
		if (st < 128)
			commit_ts(ha, client, &req);
		return;
	}
	/* No binding yet: a BID named without a care-of address is unknown
	 * (RFC 5648 6.2: 167); when every BID fails, no DAD for nothing. */
	unsigned ok = 0;
	uint8_t first_bad = 0;
	for (unsigned i = 0; i < req.nbid; i++) {
		if (req.bid[i].status == 0 && req.bid[i].nocoa)
			req.bid[i].status = MIP6_BA_MCOA_UNKNOWN_COA;
		if (req.bid[i].status < 128)
			ok++;
		else if (!first_bad)
			first_bad = req.bid[i].status;
	}
	if (req.nbid > 0 && ok == 0) {
		mip6_node_trace_drop(n, "ha", MIP6_EV_HA_DROP_BU_NO_BID_BOUND,
		                     "no BID of a first registration can be bound (RFC 5648 6.2)", &req.hoa);
		mip6_ha_send_ba(ha, &req, client, first_bad, req.seq, 0, 0, true);
		return;
	}
	if (start_dad(ha, mn, &req, client, now))
		commit_ts(ha, client, &req);
}

bool mip6_ha_bu_without_h(ha_t *ha, const mip6_rx_t *rx)
{
	ha_req_t req;
	bu_opts_t o;
	read_bu(rx, &req, &o);
	if (!unicast_routable(&req.coa) || !unicast_routable(&req.hoa) || !source_unicast(&rx->ip_src))
		return false;
	int32_t client = mip6_ha_client_find(ha, &req.hoa);
	/* RFC 3963 6.2: R without H: 140. */
	if (req.flags & MIP6_BU_F_R) {
		reject(ha, &req, client, MIP6_BA_MR_OP_NOT_PERMITTED, req.seq, NULL,
		       MIP6_EV_HA_DROP_BU_R_WITHOUT_H,
		       "mobile router BU without the home registration flag (RFC 3963 6.2)");
		return true;
	}
	/* RFC 6275 9.5.1: H differs from the existing binding's: 139, and
	 * the home registration stays as it is. */
	const ha_mn_t *mn = mip6_ha_mn_find(ha, &req.hoa);
	if (mn && mn->state == HA_MN_BOUND) {
		reject(ha, &req, client, MIP6_BA_REG_TYPE_CHANGE, req.seq, NULL,
		       MIP6_EV_HA_DROP_BU_H_FLAG_CHANGED,
		       "correspondent registration for a home registration (RFC 6275 9.5.1)");
		return true;
	}
	return false;
}

void mip6_ha_dad_result(ha_t *ha, uint32_t op_id, int status, mip6_ns_t now)
{
	ha_dad_t *d = ha->pending;
	while (d && d->op != op_id)
		d = d->next;
	if (!d)
		return; /* the result of another operation, or a withdrawn registration */
	ha_mn_t *mn = d->mn;
	if (status == 0 && (d->reqs->flags & MIP6_BU_F_L) && !d->ll_checked) {
		/* RFC 6275 10.3.1: with L, the link-local address as well. */
		mip6_addr_t ll;
		mip6_ha_ll_of(&mn->hoa, &ll);
		mip6_ha_pending_remove(ha, d);
		d->ll_checked = true;
		d->op = submit_dad(ha, &ll);
		mip6_ha_pending_add(ha, d);
		return;
	}
	mip6_node_t *n = ha->comp.node;
	/* Take the waiting BUs; the record itself goes now. */
	ha_req_t *list = d->reqs;
	d->reqs = NULL;
	mip6_ha_dad_free(ha, mn);
	if (status != 0) {
		/* RFC 6275 10.3.1: DAD failed: reject with 134. */
		int32_t client = mn->client;
		mip6_ha_mn_remove(ha, mn);
		for (ha_req_t *r = list, *next; r; r = next) {
			next = r->next;
			reject(ha, r, client,
			       status == MIP6_OP_DUPLICATE ? MIP6_BA_DAD_FAILED : MIP6_BA_UNSPECIFIED, r->seq,
			       NULL, MIP6_EV_HA_DROP_BU_DAD_FAILED,
			       "home address in use on the home link (RFC 6275 10.3.1)");
			mip6_node_mem_free(n, r);
		}
		return;
	}
	/* Each waiting BU in arrival order. Should one leave mn without
	 * bindings (mn is gone then), the others are dropped unanswered: their
	 * retransmissions start a new first registration. */
	bool alive = true;
	for (ha_req_t *r = list, *next; r; r = next) {
		next = r->next;
		if (alive)
			alive = accept(ha, mn, r, now, NULL);
		mip6_node_mem_free(n, r);
	}
}

void mip6_ha_dad_guard(ha_t *ha, ha_dad_t *d)
{
	mip6_node_trace_drop(ha->comp.node, "ha", MIP6_EV_HA_DROP_NO_DAD_RESULT,
	                     "no DAD result for a first registration", &d->mn->hoa);
	mip6_ha_mn_remove(ha, d->mn);
}
