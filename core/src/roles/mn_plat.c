/* SPDX-License-Identifier: BSD-3-Clause */
/* What the mobile node tells the data plane (bus: BUL_ADD/BUL_REMOVE,
 * MNP_ROUTE) and the platform (ops: the home address and the routes that
 * send home-address and mobile-network traffic through the core). */
#include "mn_internal.h"

static uint32_t op(mn_t *mn, uint16_t kind, uint16_t flags, uint32_t ifindex, const mip6_addr_t *a,
                   uint8_t plen)
{
	mip6_op_t o = {.kind = kind, .flags = flags, .ifindex = ifindex, .plen = plen, .addr = *a};
	return mip6_node_op_submit(mn->n, COMP_MN, &o);
}

static uint16_t bf(const mn_t *mn)
{
	return (uint16_t)(MIP6_BF_HOME | (mn->cfg.mr ? MIP6_BF_MR : 0));
}

static uint8_t home_plen(const mn_t *mn)
{
	return mn->cfg.home_plen ? mn->cfg.home_plen : 64;
}

void mip6_mn_plat_publish_bul(mn_t *mn, mn_bul_t *b)
{
	mip6_bus_msg_t m = {.type = MIP6_BUS_BUL_ADD,
	                    .flags = bf(mn),
	                    .bid = b->bid,
	                    .ifindex = b->ifindex,
	                    .lifetime = b->lifetime,
	                    .hoa = mn->cfg.hoa,
	                    .coa = b->coa,
	                    .peer = mn->ha};
	mip6_node_publish(mn->n, &m);
	b->published = true;
}

void mip6_mn_plat_remove_bul(mn_t *mn, mn_bul_t *b)
{
	mip6_bus_msg_t m = {
	    .type = MIP6_BUS_BUL_REMOVE, .flags = bf(mn), .bid = b->bid, .hoa = mn->cfg.hoa, .peer = mn->ha};
	mip6_node_publish(mn->n, &m);
	b->published = false;
}

static void mnp_routes(mn_t *mn, bool add)
{
	if (!mn->cfg.mr)
		return;
	for (unsigned i = 0; i < mn->cfg.nmnp; i++) {
		const mip6_prefix_t *p = &mn->cfg.mnp[i];
		mip6_bus_msg_t m = {.type = MIP6_BUS_MNP_ROUTE,
		                    .cmd = add ? MIP6_MNP_ADD : MIP6_MNP_DEL,
		                    .flags = MIP6_BF_MR,
		                    .plen = p->plen,
		                    .hoa = mn->cfg.hoa,
		                    .prefix = p->prefix};
		mip6_node_publish(mn->n, &m);
		/* Traffic from the mobile network goes to the core (policy route). */
		op(mn, add ? MIP6_OP_ROUTE_ADD : MIP6_OP_ROUTE_DEL, MIP6_ROUTEF_SOURCE, 0, &p->prefix,
		   p->plen);
	}
}

/* Away from home the home prefix must not look on-link (the HA would be
 * sought on the foreign link): the home address leaves the home link's
 * interface as soon as the node does. */
void mip6_mn_plat_left_home(mn_t *mn)
{
	if (!mn->hoa_home_if)
		return;
	/* The first BU waits for this (mip6_mn_home_op_done). */
	mn->leave_op =
	    op(mn, MIP6_OP_ADDR_DEL, MIP6_ADDRF_HOME, mn->hoa_home_if, &mn->cfg.hoa, home_plen(mn));
	mn->hoa_home_if = 0;
}

void mip6_mn_plat_foreign(mn_t *mn)
{
	const mip6_addr_t *hoa = &mn->cfg.hoa;
	mip6_mn_plat_left_home(mn);
	if (!mn->hoa_on_mip) {
		/* The home address lives on the mobility interface while away. */
		op(mn, MIP6_OP_ADDR_ADD, MIP6_ADDRF_HOME, 0, hoa, 128);
		mn->hoa_on_mip = true;
	}
	if (!mn->core_routes) {
		static const mip6_addr_t any = {{0}};
		op(mn, MIP6_OP_ROUTE_ADD, 0, 0, &any, 0);
		mnp_routes(mn, true);
		mn->core_routes = true;
	}
}

void mip6_mn_plat_home_dereg(mn_t *mn, uint32_t ifindex)
{
	const mip6_addr_t *hoa = &mn->cfg.hoa;
	if (mn->hoa_on_mip) {
		op(mn, MIP6_OP_ADDR_DEL, MIP6_ADDRF_HOME, 0, hoa, 128);
		mn->hoa_on_mip = false;
	}
	if (mn->hoa_home_if && mn->hoa_home_if != ifindex)
		op(mn, MIP6_OP_ADDR_DEL, MIP6_ADDRF_HOME, mn->hoa_home_if, hoa, home_plen(mn));
	/* RFC 6275 11.5.5: not to be used until the de-registration is done
	 * (SHISA's IN6_IFF_DEREGISTERING). */
	op(mn, MIP6_OP_ADDR_ADD, MIP6_ADDRF_HOME | MIP6_ADDRF_DEREG, ifindex, hoa, home_plen(mn));
	mn->hoa_home_if = ifindex;
}

/* The home address leaves the mobility interface and the routes into the
 * core go: traffic is native again. */
static void undo_foreign(mn_t *mn)
{
	const mip6_addr_t *hoa = &mn->cfg.hoa;
	if (mn->hoa_on_mip) {
		op(mn, MIP6_OP_ADDR_DEL, MIP6_ADDRF_HOME, 0, hoa, 128);
		mn->hoa_on_mip = false;
	}
	if (mn->core_routes) {
		static const mip6_addr_t any = {{0}};
		op(mn, MIP6_OP_ROUTE_DEL, 0, 0, &any, 0);
		mnp_routes(mn, false);
		mn->core_routes = false;
	}
}

void mip6_mn_plat_home_done(mn_t *mn)
{
	const mip6_addr_t *hoa = &mn->cfg.hoa;
	undo_foreign(mn);
	if (mn->hoa_home_if) {
		/* Same address again without DEREG: usable now. */
		op(mn, MIP6_OP_ADDR_ADD, MIP6_ADDRF_HOME, mn->hoa_home_if, hoa, home_plen(mn));
		mip6_mn_plat_unsolicited_na(mn);
	}
	mip6_mn_trace(mn, MIP6_TR_BINDING, MIP6_EV_MN_HOME_USABLE, "at home: home address usable", hoa, NULL,
	              mn->hoa_home_if);
}

/* At home with nothing registered (switched on there, or no binding was
 * ever accepted): the home address belongs on the home link's interface. */
void mip6_mn_plat_home_plain(mn_t *mn, uint32_t ifindex)
{
	const mip6_addr_t *hoa = &mn->cfg.hoa;
	undo_foreign(mn);
	if (mn->hoa_home_if && mn->hoa_home_if != ifindex)
		op(mn, MIP6_OP_ADDR_DEL, MIP6_ADDRF_HOME, mn->hoa_home_if, hoa, home_plen(mn));
	op(mn, MIP6_OP_ADDR_ADD, MIP6_ADDRF_HOME, ifindex, hoa, home_plen(mn));
	mn->hoa_home_if = ifindex;
	mip6_mn_trace(mn, MIP6_TR_BINDING, MIP6_EV_MN_HOME_USABLE, "at home: home address usable", hoa, NULL,
	              ifindex);
}

/* RFC 6275 11.5.5: after de-registering, tell the home link that the home
 * address is ours again (the HA's proxy entry is gone): an unsolicited NA
 * to all-nodes with the Override flag and our link-layer address. */
void mip6_mn_plat_unsolicited_na(mn_t *mn)
{
	static const mip6_addr_t all_nodes = {{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01}};
	mip6_iface_t *ifc = mip6_node_iface(mn->n, mn->hoa_home_if);
	mip6_icmp6_t na;
	mip6_icmp6_init(&na, MIP6_ICMP6_NA);
	na.u.nd.flags = (uint8_t)(MIP6_NA_F_O | (mn->cfg.mr ? MIP6_NA_F_R : 0));
	na.u.nd.target = mn->cfg.hoa;
	if (ifc && ifc->cfg.lladdr_len > 0) {
		mip6_nd_opt_t *o = mip6_icmp6_add_opt(&na, MIP6_ND_OPT_TLLA);
		if (o) {
			uint8_t l = ifc->cfg.lladdr_len > sizeof(ifc->cfg.lladdr)
			                ? (uint8_t)sizeof(ifc->cfg.lladdr)
			                : ifc->cfg.lladdr_len;
			o->u.lla.len = l;
			memcpy(o->u.lla.addr, ifc->cfg.lladdr, l);
		}
	}
	if (mip6_node_send_icmp6(mn->n, mn->hoa_home_if, &mn->cfg.hoa, &all_nodes, 255, &na) == 0)
		mip6_mn_trace(mn, MIP6_TR_TX, MIP6_EV_MN_TX_UNSOLICITED_NA,
		              "unsolicited NA for the home address", &mn->cfg.hoa, NULL, 0);
}
