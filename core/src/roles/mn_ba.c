/* SPDX-License-Identifier: BSD-3-Clause */
/* The home agent's answers to the mobile node: Binding Acknowledgement
 * (RFC 6275 11.7.3, RFC 3963 5.3, RFC 5648 5.7, RFC 4285), Binding Refresh
 * Request (11.7.4) and Binding Error (11.3.6). */
#include "mip6/auth.h"
#include "mn_internal.h"

#define MN_MAX_RESYNCS 4 /* 135/144/145 answers before treating them as a rejection */

/* --- Binding Acknowledgement (RFC 6275 11.7.3) --- */

/* De-registration finished (or the HA holds nothing: status 133). */
static void dereg_done(mn_t *mn, mn_bul_t *b)
{
	bool bulk = mn->cfg.mcoa && mn->at_home;
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *o = &mn->bul[i];
		if (!o->used || o->state != MN_WAITD || (o != b && !bulk))
			continue;
		mip6_mn_home_cancel(mn, o);
		if (o->published)
			mip6_mn_plat_remove_bul(mn, o);
		o->lead = false;
		mip6_mn_set_state(mn, o, MN_IDLE);
		mip6_mn_trace(mn, MIP6_TR_BINDING, MIP6_EV_MN_HOME_REMOVED, "home binding removed",
		              &mn->cfg.hoa, &o->coa, o->bid);
		if (!o->has_coa)
			mip6_mn_home_release(mn, o);
	}
	if (mn->at_home)
		mip6_mn_plat_home_done(mn);
}

static void accepted(mn_t *mn, mn_bul_t *b, const mip6_mh_t *ba, uint8_t status, mip6_ns_t now)
{
	if (b->state == MN_WAITD) {
		dereg_done(mn, b);
		return;
	}
	/* RFC 3963 5.3: a BA without R to a BU with R means the HA does not
	 * serve mobile routers. */
	if (mn->cfg.mr && !(ba->u.ba.flags & MIP6_BA_F_R)) {
		const char *why = "home agent does not support mobile routers (no R in BA)";
		/* "The Mobile Router MUST also de-register with the Home Agent
		 * that did not support it before attempting registration with
		 * another": it holds a binding for us as a mobile node. One
		 * de-registration, not retransmitted: its BA is not waited for
		 * (a lost one leaves a binding that expires there). */
		(void)mip6_mn_send_home_bu(mn, b, true, false, NULL, 0);
		if (!mip6_mn_home_next_ha(mn, MIP6_EV_MN_DROP_HA_NO_MR_SUPPORT, why, status, now))
			mip6_mn_home_give_up(mn, b, MIP6_EV_MN_DROP_HA_NO_MR_SUPPORT, why, status);
		return;
	}
	uint32_t granted = (uint32_t)ba->u.ba.lifetime * 4u;
	if (granted > mn->lifetime)
		granted = mn->lifetime;
	if (granted == 0) {
		mip6_mn_trace(mn, MIP6_TR_DROP, MIP6_EV_MN_DROP_BA_LIFETIME_ZERO,
		              "BA accepted with lifetime 0", &mn->cfg.hoa, &mn->ha, status);
		mip6_mn_home_backoff(mn, b, now);
		return;
	}
	mip6_node_cancel(mn->n, &b->retx);
	b->held = false;
	b->lifetime = granted;
	/* The lifetime counts from when the BU left (11.7.1); refresh early,
	 * or when the HA's Binding Refresh Advice says (6.2.4). */
	mip6_ns_t refresh = b->last_tx + MIP6_SEC(granted) * 85 / 100;
	const mip6_mhopt_t *bra = mip6_mh_find_opt(ba, MIP6_OPT_BRA);
	if (bra && bra->u.refresh > 0 && b->last_tx + MIP6_SEC(bra->u.refresh * 4u) < refresh)
		refresh = b->last_tx + MIP6_SEC(bra->u.refresh * 4u);
	if (refresh <= now)
		refresh = now + MIP6_SEC(1);
	mip6_mn_set_state(mn, b, MN_BOUND);
	b->want_o = false;
	if (mn->cfg.mcoa) {
		mn->mcoa_booted = true; /* later BUs add bindings (RFC 5648 5.2) */
		/* An O registration replaced every binding at the HA (RFC 5648
		 * 4.2): the other BIDs we believed bound register again. */
		for (unsigned i = 0; b->sent_o && i < MN_MAX_BUL; i++) {
			mn_bul_t *o = &mn->bul[i];
			if (o != b && o->used && o->has_coa && o->state == MN_BOUND && o->seq != b->seq)
				mip6_mn_home_reregister(mn, o, now);
		}
	}
	mip6_mn_arm(mn, &b->expire, MN_T_BUL_EXPIRE, b->last_tx + MIP6_SEC(granted));
	mip6_mn_arm(mn, &b->refresh, MN_T_BUL_REFRESH, refresh);
	mip6_mn_plat_foreign(mn);
	mip6_mn_plat_publish_bul(mn, b);
	mip6_mn_trace(mn, MIP6_TR_BINDING, MIP6_EV_MN_HOME_ACCEPTED, "home registration accepted",
	              &mn->cfg.hoa, &b->coa, granted);
	if (status == MIP6_BA_ACCEPTED_PD)
		mip6_mn_mps_start(mn, now); /* RFC 6275 11.4.2 */
	mip6_mn_ro_home_bound(mn, now);
}

/* RFC 3963 5.4.1: "If no Home Agent replies positively, the Mobile Router
 * MUST refrain from sending Binding Updates with the Mobile Router Flag set
 * to any Home Agent on the home link, and it must log the information." */
static void mr_refused(mn_t *mn)
{
	if (!mn->cfg.mr)
		return;
	mn->mr_refused = true;
	mip6_mn_trace(mn, MIP6_TR_DROP, MIP6_EV_MN_DROP_MR_NO_HA,
	              "no home agent accepts this mobile router: registration stopped", &mn->cfg.hoa, &mn->ha,
	              MIP6_BA_MR_OP_NOT_PERMITTED);
}

/* RFC 3963 5.4.2: "If by the end of this Error Processing procedure, as
 * described in sections 5.4.1 and 5.4.2, the Mobile Router has tried every
 * available mode and still has not received a positive Binding
 * Acknowledgement, the Mobile Router MUST stop sending Binding Updates with
 * the Mobile Router Flag set for this Home Address and it must log the
 * information." One mode is configured (cfg.nemo_explicit), so a refusal
 * with 141-143 that no other home agent of the link turned into an
 * acceptance ends it, as 140 does (mr_refused); MIP6_CMD_REGISTER resumes.
 * After 141/142 in explicit mode the router "MUST also stop advertising
 * the prefix in the Mobile Network and try to obtain new IPv6 prefix
 * information": the prefixes are the platform's, which is told so on the
 * bus, one MNP_ROUTE REFUSED per prefix. */
static void mr_no_mode_left(mn_t *mn, uint8_t status)
{
	mn->mr_refused = true;
	mip6_mn_trace(mn, MIP6_TR_DROP, MIP6_EV_MN_DROP_MR_NO_MODE_LEFT,
	              "no positive BA in the configured NEMO mode: no more BUs with R", &mn->cfg.hoa, &mn->ha,
	              status);
	if (!mn->cfg.nemo_explicit || status == MIP6_BA_FWD_SETUP_FAILED)
		return;
	for (unsigned i = 0; i < mn->cfg.nmnp; i++) {
		mip6_bus_msg_t m = {.type = MIP6_BUS_MNP_ROUTE,
		                    .cmd = MIP6_MNP_REFUSED,
		                    .flags = MIP6_BF_MR,
		                    .plen = mn->cfg.mnp[i].plen,
		                    .hoa = mn->cfg.hoa,
		                    .prefix = mn->cfg.mnp[i].prefix};
		mip6_node_publish(mn->n, &m);
		mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_MNP_REFUSED,
		              "mobile network prefix refused: stop advertising it", &mn->cfg.mnp[i].prefix,
		              &mn->ha, status);
	}
}

static void rejected(mn_t *mn, mn_bul_t *b, const mip6_mh_t *ba, uint8_t status, mip6_ns_t now)
{
	(void)ba;
	if (b->state == MN_WAITD) {
		/* Back home whatever the HA says; 133 means it holds nothing (11.5.5
		 * implementations treat it as a lost BA). Other refusals leave the
		 * binding to expire there. */
		if (status != MIP6_BA_NOT_HA_FOR_MN)
			mip6_mn_trace(mn, MIP6_TR_DROP, MIP6_EV_MN_DROP_DEREG_REFUSED,
			              "home agent refused the de-registration", &mn->cfg.hoa, &mn->ha,
			              status);
		dereg_done(mn, b);
		return;
	}
	switch (status) {
	case MIP6_BA_PROHIBITED:
	case MIP6_BA_HR_NOT_SUPPORTED:
	case MIP6_BA_NOT_HA_FOR_MN:
	case MIP6_BA_MR_OP_NOT_PERMITTED:
		/* RFC 6275 11.4.1: another home agent of the DHAAD reply may
		 * serve us; this one will not. */
		if (mip6_mn_home_next_ha(mn, MIP6_EV_MN_DROP_REFUSED_NEXT_HA,
		                         "home registration refused: next home agent", status, now)) {
			if (status == MIP6_BA_MR_OP_NOT_PERMITTED && !mn->ha_known)
				mr_refused(mn); /* that was the last one */
			break;
		}
		if (status == MIP6_BA_MR_OP_NOT_PERMITTED)
			mr_refused(mn);
		mip6_mn_home_give_up(mn, b, MIP6_EV_MN_DROP_REFUSED, "home registration refused", status);
		break;
	case MIP6_BA_DAD_FAILED:
		/* RFC 6275 11.7.1: "the mobile node MUST NOT attempt to re-use
		 * the same home address": with no HA, whatever the next CoA. */
		mn->hoa_dad_failed = true;
		mip6_mn_home_give_up(mn, b, MIP6_EV_MN_DROP_HOA_DAD_FAILED, "home registration refused",
		                     status);
		break;
	case MIP6_BA_INVALID_PREFIX:
	case MIP6_BA_NOT_AUTH_FOR_PREFIX:
	case MIP6_BA_FWD_SETUP_FAILED: {
		/* RFC 3963 5.4.1 / 5.4.2: each mode interprets its own codes (141
		 * and 142 in explicit mode, 143 in implicit mode): for those the
		 * MR SHOULD try another HA of the home link and, if none accepts,
		 * refrain. The other mode's codes "MUST" be treated as fatal. */
		bool own = mn->cfg.mr && (mn->cfg.nemo_explicit ? status != MIP6_BA_FWD_SETUP_FAILED
		                                                : status == MIP6_BA_FWD_SETUP_FAILED);
		if (!own) {
			mip6_mn_home_give_up(mn, b, MIP6_EV_MN_DROP_MR_FATAL_STATUS,
			                     "home registration refused: status fatal in this NEMO mode",
			                     status);
			if (mn->cfg.mr)
				mr_no_mode_left(mn, status);
			break;
		}
		if (mip6_mn_home_next_ha(mn, MIP6_EV_MN_DROP_REFUSED_NEXT_HA,
		                         "home registration refused: next home agent", status, now)) {
			if (!mn->ha_known)
				mr_no_mode_left(mn, status); /* that was the last one */
			break;
		}
		mip6_mn_home_give_up(mn, b, MIP6_EV_MN_DROP_REFUSED, "home registration refused", status);
		mr_no_mode_left(mn, status);
		break;
	}
	case MIP6_BA_NOT_HOME_SUBNET:
	case MIP6_BA_REG_TYPE_CHANGE:
	case MIP6_BA_ID_MISMATCH:
	case MIP6_BA_MESG_ID_REQD:
	case MIP6_BA_AUTH_FAIL:
	case MIP6_BA_MCOA_NON_MCOA_EXISTS:
		/* RFC 5648 5.7: the HA holds a binding without BID: register
		 * again with O, which replaces it (once: an HA answering 165 to
		 * O is not doing MCoA). */
		if (status == MIP6_BA_MCOA_NON_MCOA_EXISTS && mn->cfg.mcoa && !b->sent_o) {
			mip6_mn_trace(mn, MIP6_TR_RX, MIP6_EV_MN_HOME_RETRY_OVERWRITE,
			              "BA 165: registering again with O", &mn->cfg.hoa, &mn->ha, b->bid);
			b->want_o = true;
			mn->mcoa_booted = false;
			mip6_node_cancel(mn->n, &b->retx);
			mip6_mn_home_transmit(mn, b, now);
			break;
		}
		mip6_mn_home_give_up(mn, b, MIP6_EV_MN_DROP_REFUSED, "home registration refused", status);
		break;
	case MIP6_BA_INVALID_COA:
		/* RFC 6275 6.1.8 status 174: the HA will not take this care-of
		 * address; a retransmission from it would be refused again
		 * (11.7.3: correct the cause first). A new care-of address
		 * registers afresh. */
		mip6_mn_home_give_up(mn, b, MIP6_EV_MN_DROP_INVALID_COA,
		                     "home registration refused: invalid care-of address", status);
		break;
	case MIP6_BA_MCOA_PROHIBITED:
		/* RFC 5648 5.7: "the mobile node MUST stop registering multiple
		 * bindings with the node that sent the Binding Acknowledgement":
		 * this entry and every other one waiting for that home agent give
		 * up, and no BU with a BID goes to it until another home agent is
		 * used or the operator's MIP6_CMD_REGISTER. */
		mn->mcoa_refused = mn->cfg.mcoa;
		mip6_mn_home_give_up(mn, b, MIP6_EV_MN_DROP_MCOA_REFUSED, "home agent refused MCoA", status);
		for (unsigned i = 0; mn->cfg.mcoa && i < MN_MAX_BUL; i++) {
			mn_bul_t *o = &mn->bul[i];
			if (o != b && o->used && (o->state == MN_WAITA || o->state == MN_WAITAR))
				mip6_mn_home_give_up(mn, o, MIP6_EV_MN_DROP_MCOA_REFUSED,
				                     "home agent refused MCoA", status);
		}
		break;
	case MIP6_BA_MCOA_MALFORMED:
	case MIP6_BA_MCOA_UNKNOWN_COA:
	case MIP6_BA_MCOA_BULK_PROHIBITED:
	case MIP6_BA_MCOA_SIMUL_HOME_FOREIGN:
		/* Retrying cannot help: the HA's configuration says no. */
		mip6_mn_home_give_up(mn, b, MIP6_EV_MN_DROP_REFUSED, "home registration refused", status);
		break;
	default:
		mip6_mn_trace(mn, MIP6_TR_DROP, MIP6_EV_MN_DROP_REJECTED_BACKING_OFF,
		              "home registration rejected: backing off", &mn->cfg.hoa, &mn->ha, status);
		mip6_mn_home_backoff(mn, b, now);
		break;
	}
}

/* --- bulk registration (RFC 5648 5.3, 6.2) --- */

static const mip6_mhopt_t *bid_of(const mip6_mh_t *ba, uint16_t bid)
{
	for (unsigned k = 0; k < ba->nopts; k++)
		if (ba->opts[k].type == MIP6_OPT_BID && ba->opts[k].u.bid.bid == bid)
			return &ba->opts[k];
	return NULL;
}

/* Entries that were sent in the BU numbered seq. */
static bool answers(const mn_bul_t *b, uint16_t seq)
{
	return b->used && mip6_mn_home_waiting(b) && b->tx_count > 0 && b->seq == seq;
}

static unsigned count_sent(mn_t *mn, uint16_t seq)
{
	unsigned k = 0;
	for (unsigned i = 0; i < MN_MAX_BUL; i++)
		k += answers(&mn->bul[i], seq);
	return k;
}

/* 168: this home agent takes no bulk registration: each BID of that BU
 * goes again in a BU of its own. */
static void bulk_refused(mn_t *mn, uint16_t seq, mip6_ns_t now)
{
	mn->bulk_refused = true;
	mip6_mn_trace(mn, MIP6_TR_DROP, MIP6_EV_MN_DROP_BULK_REFUSED,
	              "bulk registration refused: one BU per BID", &mn->cfg.hoa, &mn->ha,
	              MIP6_BA_MCOA_BULK_PROHIBITED);
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *b = &mn->bul[i];
		if (!answers(b, seq))
			continue;
		mip6_node_cancel(mn->n, &b->retx);
		mip6_mn_home_transmit(mn, b, now);
	}
}

/* A BA to a bulk BU: each BID option carries that BID's status, 0 meaning
 * the BA's (RFC 5648 4.3), and with 4 (MCOA NOTCOMPLETE) the BA's status
 * only says that some failed (6.2). Without BID options the status is
 * everyone's. */
static void bulk_answer(mn_t *mn, const mip6_mh_t *ba, unsigned nbid, mip6_ns_t now)
{
	uint8_t hdr = ba->u.ba.status;
	uint16_t seq = ba->u.ba.seq;
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *b = &mn->bul[i];
		if (!answers(b, seq))
			continue; /* also: an earlier answer moved it on */
		const mip6_mhopt_t *o = bid_of(ba, b->bid);
		uint8_t st = hdr;
		if (o && o->u.bid.status != 0)
			st = o->u.bid.status;
		else if (o && hdr == MIP6_BA_MCOA_NOTCOMPLETE)
			st = MIP6_BA_ACCEPTED;
		else if (!o && nbid > 0)
			continue; /* not answered: its retransmission goes on */
		mip6_mn_trace(mn, MIP6_TR_RX, MIP6_EV_MN_RX_BA_BULK, "BA from HA (bulk)", &mn->cfg.hoa,
		              &b->coa, (uint32_t)b->bid << 8 | st);
		if (st < 128)
			accepted(mn, b, ba, st, now);
		else
			rejected(mn, b, ba, st, now);
	}
}

/* Which entry a BA answers: its BID option, else the entry that sent that
 * sequence number, else (status 135) the one waiting. */
static mn_bul_t *ba_entry(mn_t *mn, const mip6_mh_t *ba, const mip6_mhopt_t *bid)
{
	if (!mn->cfg.mcoa)
		return &mn->bul[0];
	if (bid)
		return mip6_mn_home_find_bid(mn, bid->u.bid.bid);
	mn_bul_t *any = NULL;
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *b = &mn->bul[i];
		if (!b->used || !mip6_mn_home_waiting(b))
			continue;
		if (b->seq == ba->u.ba.seq && b->tx_count > 0)
			return b;
		if (!any || b->lead)
			any = b;
	}
	return any;
}

bool mip6_mn_home_ba(mn_t *mn, const mip6_rx_t *rx, mip6_ns_t now)
{
	const mip6_mh_t *ba = &rx->p->mh;
	mip6_node_t *n = mn->n;
	/* RFC 6275 11.3.3 / 6.4: a type 2 routing header must come to one of
	 * our care-of addresses (or the home address when at home). */
	if (rx->l->has_rh && !mip6_mn_is_coa(mn, &rx->ip_dst) && !mip6_addr_eq(&rx->ip_dst, &mn->cfg.hoa)) {
		n->stats.drop_rh2++;
		mip6_mn_drop(mn, MIP6_EV_MN_DROP_BA_RH2_NOT_COA,
		             "BA: routing header to an address that is not our care-of address", &rx->ip_dst);
		return true;
	}
	if (mn->cfg.auth.enabled) {
		/* RFC 4285 5: Mobility Data = care-of address | home address | MH.
		 * A BA without the option is not believed either: acting on an
		 * unauthenticated acceptance or refusal would let anyone on the
		 * path bind or stop us. */
		const uint8_t *mh = rx->pkt + rx->l->upper_off;
		uint32_t spi = 0;
		int rc = mn->auth_key ? mip6_auth_verify_mh_prepared(mh, rx->l->upper_len, mn->auth_key,
								     &rx->ip_dst, &mn->cfg.hoa, &spi)
				      : mip6_auth_verify_mh(mh, rx->l->upper_len, mn->cfg.auth.key,
							    mn->cfg.auth.key_len, &rx->ip_dst, &mn->cfg.hoa, &spi);
		if (rc == 0 && spi != mn->cfg.auth.spi)
			rc = MIP6_E_CRYPTO;
		if (rc) {
			n->stats.drop_auth++;
			mip6_mn_drop(mn, MIP6_EV_MN_DROP_BA_AUTH_FAILED,
			             "BA: MN-HA authenticator does not verify (RFC 4285)", &rx->src);
			return true;
		}
	}
	const mip6_mhopt_t *bid = mn->cfg.mcoa ? mip6_mh_find_opt(ba, MIP6_OPT_BID) : NULL;
	unsigned nbid = 0;
	bool refuses_bulk = ba->u.ba.status == MIP6_BA_MCOA_BULK_PROHIBITED;
	for (unsigned k = 0; bid && k < ba->nopts; k++) {
		if (ba->opts[k].type != MIP6_OPT_BID)
			continue;
		nbid++;
		refuses_bulk |= ba->opts[k].u.bid.status == MIP6_BA_MCOA_BULK_PROHIBITED;
	}
	uint8_t status = ba->u.ba.status;
	/* RFC 5648 4.3, 5.7: a non-zero status in the BID option is that BID's status. */
	if (nbid == 1 && bid->u.bid.status != 0)
		status = bid->u.bid.status;
	n->stats.ba_rcvd[status]++;
	mn_bul_t *b = ba_entry(mn, ba, bid);
	if (!b || !b->used || !mip6_mn_home_waiting(b) || b->tx_count == 0) {
		mip6_mn_drop(mn, MIP6_EV_MN_DROP_BA_UNEXPECTED, "BA: no Binding Update waiting for it",
		             &rx->src);
		return true;
	}
	/* RFC 4285 6: but for 144, a BA whose timestamp is not the one of
	 * the BU it answers is silently discarded. */
	const mip6_mhopt_t *mid = mip6_mh_find_opt(ba, MIP6_OPT_MESGID);
	if (mn->cfg.auth.enabled && status != MIP6_BA_ID_MISMATCH && (!mid || mid->u.timestamp != b->ts)) {
		n->stats.drop_replay++;
		mip6_mn_drop(mn, MIP6_EV_MN_DROP_BA_TIMESTAMP, "BA: timestamp is not the one of the BU (RFC 4285 6)", &rx->src);
		return true;
	}
	if (status == MIP6_BA_SEQ_OUT_OF_WINDOW && b->resyncs < MN_MAX_RESYNCS) {
		/* RFC 6275 11.7.3: take the HA's last accepted number and resend. */
		b->resyncs++;
		mip6_mn_trace(mn, MIP6_TR_RX, MIP6_EV_MN_RX_BA_SEQ_RESYNC,
		              "BA 135: sequence number resynchronised", &mn->cfg.hoa, &mn->ha, ba->u.ba.seq);
		mn->ha_seq = ba->u.ba.seq;
		mip6_node_cancel(n, &b->retx);
		mip6_mn_home_transmit(mn, b, now);
		return true;
	}
	if (ba->u.ba.seq != b->seq) {
		n->stats.drop_seq++;
		mip6_mn_drop(mn, MIP6_EV_MN_DROP_BA_SEQ_MISMATCH,
		             "BA: sequence number does not match the last BU", &rx->src);
		return true;
	}
	if ((status == MIP6_BA_ID_MISMATCH || status == MIP6_BA_MESG_ID_REQD) && mn->cfg.auth.enabled &&
	    mid && b->resyncs < MN_MAX_RESYNCS) {
		/* RFC 4285 6: a timestamp the HA will not take is answered with
		 * the HA's own; continue from just past it. */
		b->resyncs++;
		mn->mesgid_offset = (int64_t)(mid->u.timestamp - mip6_mn_clock(mn) + 1);
		mip6_mn_trace(mn, MIP6_TR_RX, MIP6_EV_MN_RX_BA_TIMESTAMP_RESYNC,
		              "BA: replay timestamp resynchronised", &mn->cfg.hoa, &mn->ha, status);
		mip6_node_cancel(n, &b->retx);
		mip6_mn_home_transmit(mn, b, now);
		return true;
	}
	if (mn->cfg.mcoa && refuses_bulk && !mn->bulk_refused && count_sent(mn, b->seq) > 1) {
		bulk_refused(mn, b->seq, now);
		return true;
	}
	if (mn->cfg.mcoa && (nbid > 1 || count_sent(mn, b->seq) > 1)) {
		bulk_answer(mn, ba, nbid, now);
		return true;
	}
	mip6_mn_trace(mn, MIP6_TR_RX, MIP6_EV_MN_RX_BA, "BA from HA", &mn->cfg.hoa, &mn->ha, status);
	if (status < 128)
		accepted(mn, b, ba, status, now);
	else
		rejected(mn, b, ba, status, now);
	return true;
}

/* --- BRR (RFC 6275 11.7.4) and BE (11.3.6) from the home agent --- */

void mip6_mn_home_brr(mn_t *mn, const mip6_rx_t *rx, mip6_ns_t now)
{
	const mip6_mh_t *brr = &rx->p->mh;
	mip6_mn_trace(mn, MIP6_TR_RX, MIP6_EV_MN_RX_BRR, "BRR from HA", &mn->cfg.hoa, &mn->ha, 0);
	bool named = mn->cfg.mcoa && mip6_mh_find_opt(brr, MIP6_OPT_BID);
	mip6_mn_home_batch_begin(mn);
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *b = &mn->bul[i];
		if (!b->used || b->state != MN_BOUND || !b->has_coa)
			continue;
		bool want = !named;
		/* RFC 5648 5.3: BID options in a BRR name the bindings to refresh. */
		for (unsigned k = 0; named && k < brr->nopts; k++)
			if (brr->opts[k].type == MIP6_OPT_BID && brr->opts[k].u.bid.bid == b->bid)
				want = true;
		if (want)
			mip6_mn_home_reregister(mn, b, now);
	}
	mip6_mn_home_batch_end(mn, now);
}

void mip6_mn_home_be(mn_t *mn, const mip6_rx_t *rx, mip6_ns_t now)
{
	const mip6_mh_t *be = &rx->p->mh;
	mip6_mn_trace(mn, MIP6_TR_RX, MIP6_EV_MN_RX_BE, "BE from HA", &mn->cfg.hoa, &mn->ha, be->u.be.status);
	if (be->u.be.status == MIP6_BE_UNKNOWN_HAO) {
		if (!mip6_addr_eq(&be->u.be.home, &mn->cfg.hoa))
			return;
		/* 11.3.6: the HA lost our binding: register again. */
		mip6_mn_home_batch_begin(mn);
		for (unsigned i = 0; i < MN_MAX_BUL; i++) {
			mn_bul_t *b = &mn->bul[i];
			if (b->used && b->has_coa && (b->state == MN_BOUND || b->state == MN_WAITAR))
				mip6_mn_home_reregister(mn, b, now);
		}
		mip6_mn_home_batch_end(mn, now);
	} else if (be->u.be.status == MIP6_BE_UNKNOWN_MH) {
		/* 11.3.6: stop sending what it does not know: the only MH we send
		 * the HA is the BU. */
		mn->ha_unsupported |= 1u << MIP6_MH_BU;
		for (unsigned i = 0; i < MN_MAX_BUL; i++)
			if (mn->bul[i].used && mn->bul[i].state != MN_IDLE)
				mip6_mn_home_give_up(mn, &mn->bul[i], MIP6_EV_MN_DROP_HA_UNKNOWN_BU,
				                     "home agent does not know the Binding Update", 2);
	}
}
