/* SPDX-License-Identifier: BSD-3-Clause */
/* The Mobile Node / Mobile Router component: construction, the hooks the
 * node calls, and movement detection's reports (MD_INFO) turned into
 * events for the home registrations and the correspondent bindings. */
#include "mip6/err.h"
#include "mn_internal.h"

static const char *const state_names[] = {
    [MN_IDLE] = "IDLE",   [MN_RRINIT] = "RRINIT", [MN_RRREDO] = "RRREDO",
    [MN_RRDEL] = "RRDEL", [MN_WAITA] = "WAITA",   [MN_WAITAR] = "WAITAR",
    [MN_WAITD] = "WAITD", [MN_BOUND] = "BOUND",   [MN_DHAAD] = "DHAAD",
};

static const char *const rr_names[] = {
    [MN_RR_START] = "START",
    [MN_RR_WAITHC] = "WAITHC",
    [MN_RR_WAITH] = "WAITH",
    [MN_RR_WAITC] = "WAITC",
};

const char *mip6_mn_state_name(uint8_t s)
{
	return s <= MN_DHAAD ? state_names[s] : "?";
}

const char *mip6_mn_rr_name(uint8_t s)
{
	return s <= MN_RR_WAITC ? rr_names[s] : "?";
}

void mip6_mn_set_state(mn_t *mn, mn_bul_t *b, uint8_t to)
{
	if (b->state == to)
		return;
	mip6_node_trace_state(mn->n, "mn", MIP6_EV_MN_HOME_STATE, mip6_mn_state_name(b->state),
	                      mip6_mn_state_name(to), &mn->cfg.hoa, &b->coa);
	b->state = to;
	b->tx_count = 0;
	b->resyncs = 0;
}

void mip6_mn_trace(mn_t *mn, uint16_t kind, uint16_t code, const char *what, const mip6_addr_t *a,
                   const mip6_addr_t *b, uint32_t value)
{
	mip6_trace_t ev = {
	    .kind = kind, .code = code, .component = "mn", .what = what, .value = value, .now = mn->n->now};
	if (a)
		ev.a = *a;
	if (b)
		ev.b = *b;
	mip6_node_trace(mn->n, &ev);
}

void mip6_mn_drop(mn_t *mn, uint16_t code, const char *why, const mip6_addr_t *a)
{
	mip6_node_trace_drop(mn->n, "mn", code, why, a);
}

void mip6_mn_arm(mn_t *mn, mip6_timer_t *t, unsigned kind, mip6_ns_t when)
{
	t->kind = NODE_TIMER_KIND(COMP_MN, kind);
	/* A failure is counted by mip6_node_arm; the entry then waits for the
	 * next event instead of its timer. */
	if (mip6_node_arm(mn->n, t, when) != 0)
		mip6_mn_drop(mn, MIP6_EV_MN_DROP_TIMER_NO_MEMORY, "no memory for a timer", &mn->cfg.hoa);
}

mn_bul_t *mip6_mn_primary(mn_t *mn)
{
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mn_bul_t *b = &mn->bul[i];
		if (b->used && b->has_coa && b->published && (b->state == MN_BOUND || b->state == MN_WAITAR))
			return b;
	}
	return NULL;
}

bool mip6_mn_is_coa(const mn_t *mn, const mip6_addr_t *a)
{
	for (unsigned i = 0; i < MN_MAX_BUL; i++)
		if (mn->bul[i].used && mn->bul[i].has_coa && mip6_addr_eq(&mn->bul[i].coa, a))
			return true;
	return false;
}

/* --- hooks --- */

/* Movement detection reports two streams (md.c): bid 0 is the preferred
 * attachment, bid != 0 one interface's care-of address for MCoA. Without
 * MCoA only the first counts; with it, the second drives the bindings and
 * the first says whether the node is at home. */
static void mip6_md_info(mn_t *mn, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	if (!mn->cfg.mcoa) {
		if (m->bid != 0)
			return;
		if (m->cmd == MIP6_MD_NEW_COA)
			mip6_mn_home_new_coa(mn, m, now);
		else if (m->cmd == MIP6_MD_NO_COA)
			mip6_mn_home_no_coa(mn, m, now);
		else if (m->cmd == MIP6_MD_HOME)
			mip6_mn_home_returning(mn, m, now);
		return;
	}
	if (m->bid == 0) {
		if (m->cmd == MIP6_MD_HOME)
			mip6_mn_home_returning(mn, m, now);
		else if (m->cmd == MIP6_MD_NEW_COA)
			mip6_mn_home_mcoa_away(mn, now);
		return;
	}
	if (m->cmd == MIP6_MD_NEW_COA)
		mip6_mn_home_new_coa(mn, m, now);
	else if (m->cmd == MIP6_MD_NO_COA)
		mip6_mn_home_no_coa(mn, m, now);
	else if (m->cmd == MIP6_MD_HOME)
		mip6_mn_home_bid_home(mn, m);
}

static void on_bus(mip6_component_t *c, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	mn_t *mn = MN_OF(c, mn_t, comp);
	switch (m->type) {
	case MIP6_BUS_MD_INFO:
		mip6_md_info(mn, m, now);
		break;
	case MIP6_BUS_RR_HINT:
		mip6_mn_ro_hint(mn, m, now);
		break;
	case MIP6_BUS_COMMAND:
		mip6_mn_command(mn, m, now);
		break;
	default:
		break;
	}
}

static bool from_ha(const mn_t *mn, const mip6_rx_t *rx)
{
	return mn->ha_known && mip6_addr_eq(&rx->src, &mn->ha) && mip6_addr_eq(&rx->dst, &mn->cfg.hoa);
}

static bool on_mh(mip6_component_t *c, const mip6_rx_t *rx, mip6_ns_t now)
{
	mn_t *mn = MN_OF(c, mn_t, comp);
	switch (rx->p->mh.type) {
	case MIP6_MH_BA:
		if (from_ha(mn, rx))
			return mip6_mn_home_ba(mn, rx, now);
		return mip6_mn_ro_mh(mn, rx, now);
	case MIP6_MH_BRR:
		if (from_ha(mn, rx)) {
			mip6_mn_home_brr(mn, rx, now);
			return true;
		}
		return mip6_mn_ro_mh(mn, rx, now);
	case MIP6_MH_BE:
		if (mn->ha_known && mip6_addr_eq(&rx->src, &mn->ha)) {
			mip6_mn_home_be(mn, rx, now);
			return true;
		}
		return mip6_mn_ro_mh(mn, rx, now);
	case MIP6_MH_HOT:
	case MIP6_MH_COT:
		return mip6_mn_ro_mh(mn, rx, now);
	default:
		return false; /* BU, HoTI, CoTI: for an HA or CN role */
	}
}

static bool on_icmp6(mip6_component_t *c, const mip6_rx_t *rx, mip6_ns_t now)
{
	mn_t *mn = MN_OF(c, mn_t, comp);
	if (rx->p->icmp6.type == MIP6_ICMP6_PARAM_PROB)
		return mip6_mn_ro_param_problem(mn, rx, now);
	return mip6_mn_disc_icmp6(mn, rx, now);
}

static void on_timer(mip6_component_t *c, mip6_timer_t *t, mip6_ns_t now)
{
	mn_t *mn = MN_OF(c, mn_t, comp);
	switch (t->kind & 0xff) {
	case MN_T_BUL_RETX:
	case MN_T_BUL_REFRESH:
	case MN_T_BUL_EXPIRE:
		mip6_mn_home_timer(mn, t, now);
		break;
	case MN_T_CN_RETX:
	case MN_T_CN_REFRESH:
	case MN_T_CN_EXPIRE:
		mip6_mn_ro_timer(mn, t, now);
		break;
	default:
		mip6_mn_disc_timer(mn, t, now);
		break;
	}
}

static void on_op_result(mip6_component_t *c, uint32_t op_id, int status, mip6_ns_t now)
{
	mn_t *mn = MN_OF(c, mn_t, comp);
	if (status != 0)
		mip6_mn_trace(mn, MIP6_TR_DROP, MIP6_EV_MN_DROP_OP_FAILED, "platform operation failed",
		              &mn->cfg.hoa, NULL, op_id);
	mip6_mn_home_op_done(mn, op_id, now);
}

static void destroy(mip6_component_t *c)
{
	mn_t *mn = MN_OF(c, mn_t, comp);
	mip6_node_t *n = mn->n;
	/* The node frees its timer heap after us: nothing of ours may stay in it. */
	for (unsigned i = 0; i < MN_MAX_BUL; i++) {
		mip6_node_cancel(n, &mn->bul[i].retx);
		mip6_node_cancel(n, &mn->bul[i].refresh);
		mip6_node_cancel(n, &mn->bul[i].expire);
	}
	mip6_node_cancel(n, &mn->dhaad_timer);
	mip6_node_cancel(n, &mn->mps_timer);
	mip6_node_cancel(n, &mn->mps_renew);
	mip6_node_cancel(n, &mn->pfx_timer);
	mip6_mn_ro_free_all(mn);
	mip6_bus_unsubscribe(&n->bus, c);
	n->comp[COMP_MN] = NULL;
	mip6_hmac_key_free(mn->auth_key);
	mip6_node_mem_free(n, mn);
}

static bool cfg_ok(const mip6_mn_cfg_t *cfg)
{
	if (mip6_addr_is_unspec(&cfg->hoa) || cfg->home_plen > 128 || cfg->nmnp > MIP6_MAX_MNP)
		return false;
	for (unsigned i = 0; i < cfg->nmnp; i++)
		if (cfg->mnp[i].plen > 128)
			return false;
	if (cfg->auth.enabled &&
	    (cfg->auth.key_len == 0 || cfg->auth.key_len > MIP6_MAX_KEY || cfg->auth.nai_len > MIP6_MAX_NAI))
		return false;
	return true;
}

int mip6_mn_create(mip6_node_t *n, const mip6_mn_cfg_t *cfg)
{
	if (!cfg || !cfg_ok(cfg))
		return MIP6_E_INVAL;
	if (n->comp[COMP_MN])
		return MIP6_E_INVAL;
	mn_t *mn = mip6_node_mem_alloc(n, sizeof(*mn));
	if (!mn)
		return MIP6_E_NOMEM;
	memset(mn, 0, sizeof(*mn));
	mn->n = n;
	mn->cfg = *cfg;
	mn->lifetime = cfg->lifetime_s ? cfg->lifetime_s : MN_DEFAULT_LIFETIME;
	mn->ha = cfg->ha;
	mn->ha_known = !mip6_addr_is_unspec(&cfg->ha);
	/* The node starts at home until movement detection says otherwise. */
	mn->at_home = true;
	mn->comp.name = "mn";
	mn->comp.bus_mask = MIP6_BUS_MASK(MIP6_BUS_MD_INFO) | MIP6_BUS_MASK(MIP6_BUS_RR_HINT) |
	                    MIP6_BUS_MASK(MIP6_BUS_COMMAND);
	mn->comp.on_bus = on_bus;
	mn->comp.on_mh = on_mh;
	mn->comp.on_icmp6 = on_icmp6;
	mn->comp.on_timer = on_timer;
	mn->comp.on_op_result = on_op_result;
	mn->comp.destroy = destroy;
	int rc = mip6_node_register(n, COMP_MN, &mn->comp);
	if (rc) {
		mip6_node_mem_free(n, mn);
		return rc;
	}
	/* Every BU and BA is authenticated with this one key: hash its pads
	 * once (NULL when the crypto library cannot; the raw key still works). */
	if (cfg->auth.enabled)
		mn->auth_key = mip6_hmac_key_new(cfg->auth.key, cfg->auth.key_len);
	mip6_bus_msg_t m = {.type = MIP6_BUS_NODETYPE_INFO,
	                    .cmd = 1,
	                    .nodetype = (uint8_t)(cfg->mr ? MIP6_NODE_MR : MIP6_NODE_MN)};
	mip6_node_publish(n, &m);
	mip6_node_trace_state(n, "mn", MIP6_EV_MN_HOME_STATE, "DISABLED", "IDLE", &mn->cfg.hoa, NULL);
	return 0;
}
