/* SPDX-License-Identifier: BSD-3-Clause */
/* Movement detection's reports turned into home registration events
 * (RFC 6275 11.5.5, 11.7.1; RFC 5648 5.6): a new care-of address, a lost
 * one, returning home. */
#include "mn_internal.h"

/* --- movement detection --- */

/* Starts, or restarts with a new care-of address, the registration of b. */
void mip6_mn_home_register(mn_t *mn, mn_bul_t *b, mip6_ns_t now)
{
	if (mn->flushed || b->admin_down) {
		mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_CMD_STOPPED,
		              "registration stopped by the operator", &mn->cfg.hoa, &b->coa, b->bid);
		return;
	}
	if (mn->hoa_dad_failed || (mn->cfg.mr && mn->mr_refused)) {
		/* RFC 6275 11.7.1 (134), RFC 3963 5.4.1 (140 from every HA):
		 * not even home agent discovery until the operator says so. */
		mip6_mn_trace(mn, MIP6_TR_DROP, MIP6_EV_MN_DROP_NOT_REGISTERING_AGAIN,
		              "home registration refused before: not registering again", &mn->cfg.hoa,
		              &b->coa, b->bid);
		return;
	}
	if (!mn->ha_known) {
		mip6_mn_set_state(mn, b, MN_DHAAD);
		mip6_mn_dhaad_start(mn, now);
		return;
	}
	switch (b->state) {
	case MN_IDLE:
	case MN_DHAAD:
		mip6_mn_set_state(mn, b, MN_WAITA);
		mip6_mn_home_start_tx(mn, b, MN_FIRSTREG_RTO_NS, now);
		break;
	case MN_WAITA:
		/* The HA holds nothing yet: a new first registration. */
		mip6_mn_home_start_tx(mn, b, MN_FIRSTREG_RTO_NS, now);
		break;
	default: /* BOUND, WAITAR, WAITD: the HA may hold a binding */
		mip6_node_cancel(mn->n, &b->refresh);
		b->lead = false;
		mip6_mn_set_state(mn, b, MN_WAITAR);
		mip6_mn_home_start_tx(mn, b, MN_INITIAL_BINDACK_NS, now);
		break;
	}
}

/* MCoA: the node has left home (the preferred attachment is a care-of
 * address again): register every interface that has one. */
void mip6_mn_home_mcoa_away(mn_t *mn, mip6_ns_t now)
{
	if (!mn->at_home)
		return;
	mn->at_home = false;
	mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_MOVE_LEFT_HOME, "left home", &mn->cfg.hoa, NULL, 0);
	mip6_mn_plat_left_home(mn);
	mip6_mn_home_batch_begin(mn);
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *b = &mn->bul[i];
		if (!b->used)
			continue;
		b->lead = false;
		if (b->has_coa && (b->state == MN_IDLE || b->state == MN_WAITD)) {
			mip6_mn_home_register(mn, b, now);
		} else if (b->state == MN_WAITD) {
			/* Its interface has no care-of address: what the bulk
			 * de-registration did not remove expires at the HA. */
			mip6_mn_set_state(mn, b, MN_IDLE);
			mip6_mn_home_release(mn, b);
		}
	}
	mip6_mn_home_batch_end(mn, now);
	mip6_mn_ro_moved(mn, now);
}

/* MD_INFO NEW_COA: (re-)register the care-of address of an interface. */
void mip6_mn_home_new_coa(mn_t *mn, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	mn_bul_t *b;
	if (mn->cfg.mcoa) {
		b = mip6_mn_home_find_bid(mn, m->bid);
		if (!b && !(b = mip6_mn_home_new_entry(mn))) {
			mip6_mn_drop(mn, MIP6_EV_MN_DROP_BUL_FULL, "MCoA: no free binding update list entry",
			             &m->coa);
			return;
		}
		b->bid = m->bid;
	} else {
		b = &mn->bul[0];
		b->used = true;
	}
	bool moved = !b->has_coa || !mip6_addr_eq(&b->coa, &m->coa) || b->ifindex != m->ifindex;
	bool was_home = mn->at_home;
	if (!moved && !was_home && b->state != MN_IDLE) {
		mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_MOVE_COA_UNCHANGED, "care-of address unchanged",
		              &mn->cfg.hoa, &m->coa, 0);
		return;
	}
	b->coa = m->coa;
	b->ifindex = m->ifindex;
	b->has_coa = true;
	mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_MOVE_NEW_COA, "new care-of address", &mn->cfg.hoa, &m->coa,
	              m->ifindex);
	if (mn->cfg.mcoa && was_home) {
		if (mn->home_ifindex) {
			/* Movement detection says the node is at home: no foreign
			 * binding beside it (RFC 5648 5.6 needs the H flag for
			 * that). Kept for when the node leaves. */
			return;
		}
		/* Never told it is at home: this is leaving. */
		mip6_mn_home_mcoa_away(mn, now);
		return;
	}
	mn->at_home = false;
	if (was_home)
		mip6_mn_plat_left_home(mn);
	mip6_mn_home_register(mn, b, now);
	if (moved && (!mn->cfg.mcoa || b == mip6_mn_primary(mn) || !mip6_mn_primary(mn)))
		mip6_mn_ro_moved(mn, now);
}

/* MCoA: an interface reached the home link. Its BID has no care-of address
 * any more; the HOME of the preferred attachment that follows removes the
 * bindings. */
void mip6_mn_home_bid_home(mn_t *mn, const mip6_bus_msg_t *m)
{
	mn_bul_t *b = mip6_mn_home_find_bid(mn, m->bid);
	if (!b)
		return;
	mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_MOVE_IF_HOME, "interface on the home link", &mn->cfg.hoa,
	              &b->coa, m->ifindex);
	b->has_coa = false;
	mip6_node_cancel(mn->n, &b->retx);
	b->held = false;
	if (b->state == MN_IDLE || b->state == MN_DHAAD)
		mip6_mn_home_release(mn, b);
}

/* MD_INFO NO_COA: the care-of address of an interface is gone. */
void mip6_mn_home_no_coa(mn_t *mn, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	mn_bul_t *b = NULL;
	if (mn->cfg.mcoa) {
		b = m->bid ? mip6_mn_home_find_bid(mn, m->bid) : NULL;
		for (unsigned i = 0; !b && i < MN_MAX_BUL; i++)
			if (mn->bul[i].used && mn->bul[i].has_coa && mn->bul[i].ifindex == m->ifindex)
				b = &mn->bul[i];
	} else if (mn->bul[0].used && mn->bul[0].has_coa && mn->bul[0].ifindex == m->ifindex) {
		b = &mn->bul[0];
	}
	if (!b || !b->has_coa)
		return;
	mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_MOVE_COA_LOST, "care-of address lost", &mn->cfg.hoa,
	              &b->coa, m->ifindex);
	if (!mn->cfg.mcoa) {
		/* No source to send from: pause until the next NEW_COA. The HA's
		 * binding stays until it expires. */
		b->has_coa = false;
		mip6_node_cancel(mn->n, &b->retx);
		b->held = false;
		if (b->state == MN_DHAAD) {
			mip6_mn_dhaad_stop(mn);
			mip6_mn_set_state(mn, b, MN_IDLE);
		}
		return;
	}
	/* MCoA (RFC 5648 5.6): de-register this BID through a surviving
	 * care-of address, and let the data plane move its flows now. */
	bool had_binding = b->published || b->state == MN_WAITAR || b->state == MN_BOUND ||
	                   (b->state == MN_WAITA && b->tx_count > 0);
	if (b->published)
		mip6_mn_plat_remove_bul(mn, b);
	b->has_coa = false;
	bool other = false;
	for (unsigned i = 0; i < MN_MAX_BUL; i++)
		if (&mn->bul[i] != b && mn->bul[i].used && mn->bul[i].has_coa)
			other = true;
	if (had_binding && other && mn->ha_known) {
		mip6_node_cancel(mn->n, &b->refresh);
		mip6_node_cancel(mn->n, &b->expire);
		mip6_mn_set_state(mn, b, MN_WAITD);
		mip6_mn_home_start_tx(mn, b, MN_INITIAL_BINDACK_NS, now);
	} else {
		mip6_mn_set_state(mn, b, MN_IDLE);
		mip6_mn_home_release(mn, b);
	}
	/* Correspondents bound to that care-of address move to another. */
	mip6_mn_ro_moved(mn, now);
}

/* MD_INFO HOME: back on the home link (RFC 6275 11.5.5). */
void mip6_mn_home_returning(mn_t *mn, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	if (mn->at_home && mn->home_ifindex == m->ifindex)
		return;
	mn->at_home = true;
	mn->home_ifindex = m->ifindex;
	mip6_mn_dhaad_stop(mn);
	mn_bul_t *lead = NULL;
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *b = &mn->bul[i];
		if (!b->used)
			continue;
		bool had_binding = b->published || b->state == MN_BOUND || b->state == MN_WAITAR ||
		                   b->state == MN_WAITD || (b->state == MN_WAITA && b->tx_count > 0);
		mip6_mn_home_cancel(mn, b);
		b->lead = false;
		/* With MCoA other interfaces keep their care-of addresses for
		 * when the node leaves again; without, home replaced it. */
		if (!mn->cfg.mcoa)
			b->has_coa = false;
		if (!had_binding || !mn->ha_known) {
			mip6_mn_set_state(mn, b, MN_IDLE);
			if (!b->has_coa)
				mip6_mn_home_release(mn, b);
			continue;
		}
		mip6_mn_set_state(mn, b, MN_WAITD);
		if (!lead)
			lead = b;
	}
	mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_MOVE_RETURNING_HOME, "returning home", &mn->cfg.hoa, NULL,
	              m->ifindex);
	mip6_mn_ro_returning(mn, now);
	if (!lead) {
		mip6_mn_plat_home_plain(mn, m->ifindex);
		return;
	}
	/* The home address is not to be used until the HA has let go of it. */
	mip6_mn_plat_home_dereg(mn, m->ifindex);
	/* One BU de-registers everything: without MCoA there is one entry;
	 * with MCoA a BU without BID option removes all bindings (5.6). */
	lead->lead = true;
	mip6_mn_home_start_tx(mn, lead, MN_INITIAL_BINDACK_NS, now);
}
