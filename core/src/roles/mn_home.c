/* SPDX-License-Identifier: BSD-3-Clause */
/* Home registration of a mobile node or router (RFC 6275 11.7.1, 11.8;
 * RFC 3963 5; RFC 5648 5): one binding update list entry per BID (only
 * bul[0] without MCoA), each an explicit state machine
 * IDLE -> (DHAAD) -> WAITA -> BOUND <-> WAITAR, -> WAITD -> IDLE.
 * This file: sending with retransmission and MAX_UPDATE_RATE, the timers.
 * mn_move.c takes movement detection's events, mn_ba.c the home agent's
 * answers. */
#include "mn_internal.h"

bool mip6_mn_home_waiting(const mn_bul_t *b)
{
	return b->state == MN_WAITA || b->state == MN_WAITAR || b->state == MN_WAITD;
}

void mip6_mn_home_cancel(mn_t *mn, mn_bul_t *b)
{
	mip6_node_cancel(mn->n, &b->retx);
	mip6_node_cancel(mn->n, &b->refresh);
	mip6_node_cancel(mn->n, &b->expire);
	b->held = false;
	b->op_wait = false;
	b->pending = false;
}

static bool registering(const mn_bul_t *b)
{
	return b->used && b->has_coa && !b->admin_down && (b->state == MN_WAITA || b->state == MN_WAITAR);
}

/* RFC 5648 5.3 bulk registration: the other BIDs waiting to register ride
 * in b's BU, one Binding Identifier option (with its care-of address) each. */
static unsigned gather(mn_t *mn, mn_bul_t *b, mn_bul_t **ride)
{
	unsigned k = 0;
	if (!mn->cfg.mcoa || !mn->cfg.mcoa_bulk || mn->bulk_refused || mn->at_home || !registering(b))
		return 0;
	for (unsigned i = 0; i < MN_MAX_BUL; i++)
		if (&mn->bul[i] != b && registering(&mn->bul[i]))
			ride[k++] = &mn->bul[i];
	return k;
}

/* Sends the BU of b's state now, or when MAX_UPDATE_RATE allows, and arms
 * the retransmission. Inside a batch of events it only marks b: the batch
 * end sends (so that one bulk BU can carry every BID). */
void mip6_mn_home_transmit(mn_t *mn, mn_bul_t *b, mip6_ns_t now)
{
	mip6_ns_t when = now;
	if (mn->batch) {
		b->pending = true;
		return;
	}
	b->pending = false;
	if (mn->leave_op) {
		/* Sent now, the BU would look for the HA on the link we left.
		 * The retransmission timer stays as a fallback. */
		b->held = true;
		b->op_wait = true;
		mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_BU_WAITS_FOR_HOA,
		              "BU waits for the home address to leave the home link", &mn->cfg.hoa, &mn->ha,
		              mn->leave_op);
		mip6_mn_arm(mn, &b->retx, MN_T_BUL_RETX, now + b->rto);
		return;
	}
	b->op_wait = false;
	if (!mip6_mn_rate_allow(&mn->ha_rate, now, &when)) {
		b->held = true;
		mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_BU_RATE_LIMITED, "BU held back by MAX_UPDATE_RATE",
		              &mn->cfg.hoa, &mn->ha, (uint32_t)((when - now) / 1000000u));
		mip6_mn_arm(mn, &b->retx, MN_T_BUL_RETX, when);
		return;
	}
	b->held = false;
	bool dereg = b->state == MN_WAITD;
	if (!dereg && mn->cfg.mr && mn->mr_refused) {
		mip6_mn_home_give_up(mn, b, MIP6_EV_MN_DROP_MR_NO_HA,
		                     "no home agent accepts this mobile router: not registered again", 0);
		return;
	}
	if (!dereg && mn->cfg.mcoa && mn->mcoa_refused) {
		mip6_mn_home_give_up(mn, b, MIP6_EV_MN_DROP_MCOA_REFUSED,
		                     "home agent refused MCoA: not registering multiple bindings with it", 0);
		return;
	}
	if (!dereg && mn->hoa_dad_failed) {
		mip6_mn_home_give_up(mn, b, MIP6_EV_MN_DROP_HOA_DAD_FAILED,
		                     "home address failed DAD at the home agent: not registered again", 0);
		return;
	}
	/* Back home or flushing: one BU without BID option removes every
	 * binding (RFC 5648 5.6). */
	bool bulk = dereg && mn->cfg.mcoa && (mn->at_home || mn->flushed);
	mn_bul_t *ride[MN_MAX_BUL];
	unsigned nride = dereg ? 0 : gather(mn, b, ride);
	int rc = mip6_mn_send_home_bu(mn, b, dereg, bulk, ride, nride);
	if (rc) {
		mip6_mn_drop(mn, MIP6_EV_MN_DROP_BU_SEND_FAILED, "cannot send the BU to the home agent",
		             &mn->ha);
	} else {
		mip6_mn_rate_note(&mn->ha_rate, now);
		b->last_tx = now;
		b->tx_count++;
		/* The riders keep their own timer, in step with b's: whichever
		 * fires first sends the next bulk BU for all. */
		for (unsigned i = 0; i < nride; i++) {
			mn_bul_t *o = ride[i];
			mip6_node_cancel(mn->n, &o->retx);
			o->held = false;
			o->op_wait = false;
			o->pending = false;
			o->seq = b->seq;
			o->src = b->src;
			o->last_tx = now;
			o->tx_count++;
			o->rto = b->rto;
			mip6_mn_arm(mn, &o->retx, MN_T_BUL_RETX, now + o->rto);
		}
	}
	mip6_mn_arm(mn, &b->retx, MN_T_BUL_RETX, now + b->rto);
}

void mip6_mn_home_batch_begin(mn_t *mn)
{
	mn->batch = true;
}

/* The BUs the batch collected go now: in bulk, the first carries the rest. */
void mip6_mn_home_batch_end(mn_t *mn, mip6_ns_t now)
{
	mn->batch = false;
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *b = &mn->bul[i];
		if (!b->pending)
			continue;
		b->pending = false;
		if (b->used && mip6_mn_home_waiting(b)) {
			mip6_node_cancel(mn->n, &b->retx);
			mip6_mn_home_transmit(mn, b, now);
		}
	}
}

void mip6_mn_home_start_tx(mn_t *mn, mn_bul_t *b, mip6_ns_t first_rto, mip6_ns_t now)
{
	mip6_node_cancel(mn->n, &b->retx);
	b->rto = first_rto;
	mip6_mn_home_transmit(mn, b, now);
}

void mip6_mn_home_backoff(mn_t *mn, mn_bul_t *b, mip6_ns_t now)
{
	b->rto = b->rto * 2 > MN_MAX_BINDACK_NS ? MN_MAX_BINDACK_NS : b->rto * 2;
	b->held = false;
	mip6_mn_arm(mn, &b->retx, MN_T_BUL_RETX, now + b->rto);
}

/* Stops an entry for good (until movement detection reports again). */
void mip6_mn_home_give_up(mn_t *mn, mn_bul_t *b, uint16_t code, const char *why, uint32_t status)
{
	mip6_mn_trace(mn, MIP6_TR_DROP, code, why, &mn->cfg.hoa, &mn->ha, status);
	mip6_mn_home_cancel(mn, b);
	if (b->published)
		mip6_mn_plat_remove_bul(mn, b);
	b->lead = false;
	mip6_mn_set_state(mn, b, MN_IDLE);
}

mn_bul_t *mip6_mn_home_find_bid(mn_t *mn, uint16_t bid)
{
	for (unsigned i = 0; i < MN_MAX_BUL; i++)
		if (mn->bul[i].used && mn->bul[i].bid == bid)
			return &mn->bul[i];
	return NULL;
}

mn_bul_t *mip6_mn_home_new_entry(mn_t *mn)
{
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *b = &mn->bul[i];
		if (!b->used) {
			memset(b, 0, sizeof(*b));
			b->used = true;
			return b;
		}
	}
	return NULL;
}

void mip6_mn_home_release(mn_t *mn, mn_bul_t *b)
{
	mip6_mn_home_cancel(mn, b);
	if (mn->cfg.mcoa) {
		b->used = false;
		b->has_coa = false;
	}
}

/* Re-registration of a bound entry (refresh, BRR, BE). */
void mip6_mn_home_reregister(mn_t *mn, mn_bul_t *b, mip6_ns_t now)
{
	mip6_node_cancel(mn->n, &b->refresh);
	mip6_mn_set_state(mn, b, MN_WAITAR);
	mip6_mn_home_start_tx(mn, b, MN_INITIAL_BINDACK_NS, now);
}

/* --- DHAAD outcome --- */

void mip6_mn_home_ha_found(mn_t *mn, mip6_ns_t now)
{
	mip6_mn_home_batch_begin(mn);
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *b = &mn->bul[i];
		if (b->used && b->state == MN_DHAAD && b->has_coa) {
			mip6_mn_set_state(mn, b, MN_WAITA);
			mip6_mn_home_start_tx(mn, b, MN_FIRSTREG_RTO_NS, now);
		}
	}
	mip6_mn_home_batch_end(mn, now);
}

/* RFC 6275 11.4.1: the home agents of the DHAAD reply are tried in turn
 * (in its order of preference) until one accepts. Returns false when the
 * home agent was configured: the caller decides. When the list is used
 * up every registration stops and the home agent is forgotten, so that
 * the next care-of address looks again. */
bool mip6_mn_home_next_ha(mn_t *mn, uint16_t code, const char *why, uint32_t status, mip6_ns_t now)
{
	if (mn->nha == 0 || mn->at_home)
		return false;
	/* MCoA: this home agent holds another BID's binding: it serves us. */
	for (unsigned i = 0; i < MN_MAX_BUL; i++)
		if (mn->bul[i].used && mn->bul[i].state == MN_BOUND)
			return false;
	if (mn->ha_idx + 1 >= mn->nha) {
		mn->nha = 0;
		mn->ha_known = false;
		for (unsigned i = 0; i < MN_MAX_BUL; i++) {
			mn_bul_t *b = &mn->bul[i];
			if (b->used && (b->state == MN_WAITA || b->state == MN_WAITAR))
				mip6_mn_home_give_up(mn, b, MIP6_EV_MN_DROP_NO_FURTHER_HA,
				                     "no further home agent in the DHAAD reply", status);
		}
		return true;
	}
	mip6_mn_trace(mn, MIP6_TR_DROP, code, why, &mn->cfg.hoa, &mn->ha, status);
	mn->ha = mn->ha_list[++mn->ha_idx];
	mn->bulk_refused = false;
	mn->mcoa_refused = false;
	mn->mcoa_booted = false;
	mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_HA_NEXT, "trying the next home agent", &mn->cfg.hoa,
	              &mn->ha, mn->ha_idx);
	mip6_mn_home_batch_begin(mn);
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *b = &mn->bul[i];
		if (!b->used || b->state == MN_IDLE || b->state == MN_DHAAD)
			continue;
		mip6_mn_home_cancel(mn, b);
		if (b->published)
			mip6_mn_plat_remove_bul(mn, b);
		if (!b->has_coa || b->state == MN_WAITD) {
			mip6_mn_set_state(mn, b, MN_IDLE);
			if (!b->has_coa)
				mip6_mn_home_release(mn, b);
			continue;
		}
		/* A first registration with the new home agent. RFC 6275 11.4.1:
		 * "wait at least InitialBindackTimeoutFirstReg seconds ... before
		 * sending a Binding Update to the next home agent", also after a
		 * quick refusal. The held timer sends it. */
		mip6_mn_set_state(mn, b, MN_WAITA);
		mip6_ns_t earliest = b->last_tx + MN_FIRSTREG_RTO_NS;
		if (b->last_tx && now < earliest) {
			b->rto = MN_FIRSTREG_RTO_NS;
			b->held = true;
			mip6_mn_arm(mn, &b->retx, MN_T_BUL_RETX, earliest);
			continue;
		}
		mip6_mn_home_start_tx(mn, b, MN_FIRSTREG_RTO_NS, now);
	}
	mip6_mn_home_batch_end(mn, now);
	return true;
}

void mip6_mn_home_dhaad_failed(mn_t *mn)
{
	for (unsigned i = 0; i < MN_MAX_BUL; i++)
		if (mn->bul[i].used && mn->bul[i].state == MN_DHAAD)
			mip6_mn_set_state(mn, &mn->bul[i], MN_IDLE);
}

/* A platform operation of ours finished: the BUs waiting for the home
 * address to leave the home link go now. */
void mip6_mn_home_op_done(mn_t *mn, uint32_t op_id, mip6_ns_t now)
{
	if (op_id != mn->leave_op)
		return;
	mn->leave_op = 0;
	mip6_mn_dhaad_op_done(mn);
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *b = &mn->bul[i];
		if (b->used && b->op_wait && mip6_mn_home_waiting(b)) {
			mip6_node_cancel(mn->n, &b->retx);
			mip6_mn_home_transmit(mn, b, now);
		}
	}
}

/* --- timers --- */

void mip6_mn_home_timer(mn_t *mn, mip6_timer_t *t, mip6_ns_t now)
{
	unsigned kind = t->kind & 0xff;
	mn_bul_t *b = kind == MN_T_BUL_RETX      ? MN_OF(t, mn_bul_t, retx)
	              : kind == MN_T_BUL_REFRESH ? MN_OF(t, mn_bul_t, refresh)
	                                         : MN_OF(t, mn_bul_t, expire);
	if (!b->used)
		return;
	switch (kind) {
	case MN_T_BUL_RETX:
		if (!mip6_mn_home_waiting(b))
			return;
		if (b->op_wait)
			mn->leave_op = 0; /* no answer: stop waiting for it */
		if (!b->held && b->rto >= MN_MAX_BINDACK_NS && b->state != MN_WAITD &&
		    mip6_mn_home_next_ha(mn, MIP6_EV_MN_DROP_HA_NO_ANSWER, "no answer from the home agent", 0,
		                         now))
			return;
		if (!b->held) {
			/* RFC 6275 11.8: double the timeout up to MAX_BINDACK_TIMEOUT,
			 * then keep sending at that rate. */
			b->rto = b->rto * 2 > MN_MAX_BINDACK_NS ? MN_MAX_BINDACK_NS : b->rto * 2;
			mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_BU_RETRANSMISSION, "BU retransmission",
			              &mn->cfg.hoa, &mn->ha, b->tx_count);
		}
		mip6_mn_home_transmit(mn, b, now);
		break;
	case MN_T_BUL_REFRESH:
		if (b->state != MN_BOUND || !b->has_coa || mn->at_home)
			break;
		mip6_mn_home_batch_begin(mn);
		mip6_mn_home_reregister(mn, b, now);
		if (mn->cfg.mcoa && mn->cfg.mcoa_bulk && !mn->bulk_refused) {
			/* Bulk: the BIDs due for refresh soon come along (a tenth
			 * of their lifetime early at most) rather than alone. */
			for (unsigned i = 0; i < MN_MAX_BUL; i++) {
				mn_bul_t *o = &mn->bul[i];
				if (o != b && o->used && o->state == MN_BOUND && o->has_coa &&
				    !o->admin_down && mip6_timer_armed(&o->refresh) &&
				    o->refresh.when <= now + MIP6_SEC(o->lifetime) / 10)
					mip6_mn_home_reregister(mn, o, now);
			}
		}
		mip6_mn_home_batch_end(mn, now);
		break;
	case MN_T_BUL_EXPIRE:
		mip6_mn_trace(mn, MIP6_TR_BINDING, MIP6_EV_MN_HOME_EXPIRED, "home binding expired",
		              &mn->cfg.hoa, &b->coa, b->lifetime);
		if (b->published)
			mip6_mn_plat_remove_bul(mn, b);
		if (b->state == MN_WAITAR) {
			/* The HA has dropped it too: this is a first registration again. */
			mip6_mn_set_state(mn, b, MN_WAITA);
		} else if (b->state == MN_BOUND) {
			mip6_node_cancel(mn->n, &b->refresh);
			if (b->has_coa && !mn->at_home) {
				mip6_mn_set_state(mn, b, MN_WAITA);
				mip6_mn_home_start_tx(mn, b, MN_FIRSTREG_RTO_NS, now);
			} else {
				mip6_mn_set_state(mn, b, MN_IDLE);
			}
		}
		break;
	default:
		break;
	}
}
