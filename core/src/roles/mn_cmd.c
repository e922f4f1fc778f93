/* SPDX-License-Identifier: BSD-3-Clause */
/* Operator commands to the mobile node / router (bus COMMAND, sent with
 * mip6_node_command or by a control tool): flush the binding update list,
 * register now, de-register one BID. */
#include "mn_internal.h"

/* Whether the home agent may hold a binding for b. */
static bool has_binding(const mn_bul_t *b)
{
	return b->published || b->state == MN_BOUND || b->state == MN_WAITAR || b->state == MN_WAITD ||
	       (b->state == MN_WAITA && b->tx_count > 0);
}

/* MIP6_CMD_FLUSH_BUL: every binding goes (BUL_REMOVE each, then one
 * BUL_FLUSH), the home agent and the correspondents are told with
 * lifetime 0, and nothing registers again until MIP6_CMD_REGISTER. */
static void flush(mn_t *mn, mip6_ns_t now)
{
	mn->flushed = true;
	mip6_mn_dhaad_stop(mn);
	/* No prefix solicitation either: it needs a registration. */
	mn->mps_active = false;
	mip6_node_cancel(mn->n, &mn->mps_timer);
	mip6_node_cancel(mn->n, &mn->mps_renew);
	mip6_mn_ro_flush(mn);
	mn_bul_t *lead = NULL;
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *b = &mn->bul[i];
		if (!b->used)
			continue;
		if (mn->at_home && b->state == MN_WAITD)
			continue; /* returning home: that de-registration goes on */
		bool had = has_binding(b);
		mip6_mn_home_cancel(mn, b);
		if (b->published)
			mip6_mn_plat_remove_bul(mn, b);
		b->lead = false;
		/* With MCoA one BU without BID option removes every binding
		 * (RFC 5648 5.6): only the first entry sends. */
		if (had && mn->ha_known && !mn->at_home && !lead) {
			lead = b;
			mip6_mn_set_state(mn, b, MN_WAITD);
		} else {
			mip6_mn_set_state(mn, b, MN_IDLE);
			if (!b->has_coa)
				mip6_mn_home_release(mn, b);
		}
	}
	mip6_bus_msg_t m = {.type = MIP6_BUS_BUL_FLUSH};
	mip6_node_publish(mn->n, &m);
	mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_BUL_FLUSHED, "binding update list flushed", &mn->cfg.hoa,
	              NULL, lead != NULL);
	if (lead) {
		lead->lead = true;
		mip6_mn_home_start_tx(mn, lead, MN_INITIAL_BINDACK_NS, now);
	}
}

/* MIP6_CMD_REGISTER: (re)send the home registration of bid (0: all) now. */
static void reg(mn_t *mn, uint16_t bid, mip6_ns_t now)
{
	mn->flushed = false;
	mn->hoa_dad_failed = false; /* the operator says the duplicate is gone */
	mn->mr_refused = false;
	mn->mcoa_refused = false;
	unsigned k = 0;
	mip6_mn_home_batch_begin(mn);
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *b = &mn->bul[i];
		if (!b->used || (bid != 0 && b->bid != bid))
			continue;
		b->admin_down = false;
		if (!b->has_coa || mn->at_home)
			continue;
		mip6_mn_home_register(mn, b, now);
		k++;
	}
	mip6_mn_home_batch_end(mn, now);
	mip6_mn_trace(mn, k ? MIP6_TR_INFO : MIP6_TR_DROP,
	              k ? MIP6_EV_MN_CMD_REGISTER : MIP6_EV_MN_DROP_NOTHING_TO_REGISTER,
	              k ? "registration requested by the operator" : "nothing to register", &mn->cfg.hoa,
	              &mn->ha, bid);
}

/* MIP6_CMD_DEREG_BID: de-register one BID (RFC 5648 5.6, a BU with its BID
 * option and lifetime 0), keep the others, and keep it down until
 * MIP6_CMD_REGISTER. */
static void dereg_bid(mn_t *mn, uint16_t bid, mip6_ns_t now)
{
	mn_bul_t *b = mn->cfg.mcoa && bid ? mip6_mn_home_find_bid(mn, bid) : NULL;
	if (!b) {
		mip6_mn_drop(mn, MIP6_EV_MN_DROP_NO_SUCH_BID, "DEREG_BID: no such binding identifier",
		             &mn->cfg.hoa);
		return;
	}
	b->admin_down = true;
	bool had = has_binding(b) && b->state != MN_WAITD;
	if (b->state == MN_WAITD)
		return; /* already on its way out */
	mip6_mn_home_cancel(mn, b);
	if (b->published)
		mip6_mn_plat_remove_bul(mn, b);
	b->lead = false;
	if (had && mn->ha_known && !mn->at_home) {
		mip6_mn_set_state(mn, b, MN_WAITD);
		mip6_mn_home_start_tx(mn, b, MN_INITIAL_BINDACK_NS, now);
	} else {
		mip6_mn_set_state(mn, b, MN_IDLE);
	}
	/* Correspondents bound to its care-of address move to another. */
	mip6_mn_ro_moved(mn, now);
}

void mip6_mn_command(mn_t *mn, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	switch (m->cmd) {
	case MIP6_CMD_FLUSH_BUL:
		flush(mn, now);
		break;
	case MIP6_CMD_REGISTER:
		reg(mn, m->bid, now);
		break;
	case MIP6_CMD_DEREG_BID:
		dereg_bid(mn, m->bid, now);
		break;
	default:
		break; /* for other components */
	}
}
