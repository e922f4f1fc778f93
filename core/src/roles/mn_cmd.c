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
	mn_dhaad_stop(mn);
	/* No prefix solicitation either: it needs a registration. */
	mn->mps_active = false;
	node_cancel(mn->n, &mn->mps_timer);
	node_cancel(mn->n, &mn->mps_renew);
	mn_ro_flush(mn);
	mn_bul_t *lead = NULL;
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *b = &mn->bul[i];
		if (!b->used)
			continue;
		if (mn->at_home && b->state == MN_WAITD)
			continue; /* returning home: that de-registration goes on */
		bool had = has_binding(b);
		mn_home_cancel(mn, b);
		if (b->published)
			mn_plat_remove_bul(mn, b);
		b->lead = false;
		/* With MCoA one BU without BID option removes every binding
		 * (RFC 5648 5.6): only the first entry sends. */
		if (had && mn->ha_known && !mn->at_home && !lead) {
			lead = b;
			mn_set_state(mn, b, MN_WAITD);
		} else {
			mn_set_state(mn, b, MN_IDLE);
			if (!b->has_coa)
				mn_home_release(mn, b);
		}
	}
	mip6_bus_msg_t m = {.type = MIP6_BUS_BUL_FLUSH};
	node_publish(mn->n, &m);
	mn_trace(mn, MIP6_TR_INFO, "binding update list flushed", &mn->cfg.hoa, NULL, lead != NULL);
	if (lead) {
		lead->lead = true;
		mn_home_start_tx(mn, lead, MN_INITIAL_BINDACK_NS, now);
	}
}

/* MIP6_CMD_REGISTER: (re)send the home registration of bid (0: all) now. */
static void reg(mn_t *mn, uint16_t bid, mip6_ns_t now)
{
	mn->flushed = false;
	unsigned k = 0;
	mn_home_batch_begin(mn);
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *b = &mn->bul[i];
		if (!b->used || (bid != 0 && b->bid != bid))
			continue;
		b->admin_down = false;
		if (!b->has_coa || mn->at_home)
			continue;
		mn_home_register(mn, b, now);
		k++;
	}
	mn_home_batch_end(mn, now);
	mn_trace(mn, k ? MIP6_TR_INFO : MIP6_TR_DROP,
	         k ? "registration requested by the operator" : "nothing to register", &mn->cfg.hoa, &mn->ha,
	         bid);
}

/* MIP6_CMD_DEREG_BID: de-register one BID (RFC 5648 5.6, a BU with its BID
 * option and lifetime 0), keep the others, and keep it down until
 * MIP6_CMD_REGISTER. */
static void dereg_bid(mn_t *mn, uint16_t bid, mip6_ns_t now)
{
	mn_bul_t *b = mn->cfg.mcoa && bid ? mn_home_find_bid(mn, bid) : NULL;
	if (!b) {
		mn_drop(mn, "DEREG_BID: no such binding identifier", &mn->cfg.hoa);
		return;
	}
	b->admin_down = true;
	bool had = has_binding(b) && b->state != MN_WAITD;
	if (b->state == MN_WAITD)
		return; /* already on its way out */
	mn_home_cancel(mn, b);
	if (b->published)
		mn_plat_remove_bul(mn, b);
	b->lead = false;
	if (had && mn->ha_known && !mn->at_home) {
		mn_set_state(mn, b, MN_WAITD);
		mn_home_start_tx(mn, b, MN_INITIAL_BINDACK_NS, now);
	} else {
		mn_set_state(mn, b, MN_IDLE);
	}
	/* Correspondents bound to its care-of address move to another. */
	mn_ro_moved(mn, now);
}

void mn_command(mn_t *mn, const mip6_bus_msg_t *m, mip6_ns_t now)
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
