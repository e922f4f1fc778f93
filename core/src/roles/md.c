/* SPDX-License-Identifier: BSD-3-Clause */
/* Movement detection: SHISA's babymdd as a replaceable component.
 *
 * It watches Router Advertisements and Neighbor Advertisements (observing
 * only: ND stays the platform's), solicits routers when a link comes up,
 * forms care-of addresses with DAD, notices when one becomes unusable and
 * chooses among the usable ones. It talks to the rest of the node ONLY
 * through the bus and through platform operations, so a detector outside
 * the core can replace it by publishing the same MD_INFO / HOME_HINT
 * messages with mip6_node_bus_input().
 *
 * Bus contract (what consumers may rely on):
 *
 * Stream 1, bid == 0: the node's PREFERRED attachment. Published for every
 * configuration, MCoA or not.
 *   MD_INFO {cmd NEW_COA, ifindex, coa, bid 0, flags 0}: the preferred
 *       care-of address is now coa on ifindex (the node is away from home).
 *   MD_INFO {cmd HOME, ifindex, bid 0}: the node is attached to its home
 *       link on ifindex; this outranks every care-of address. A HOME_HINT
 *       {ifindex, prefix, plen = cfg.home} precedes it.
 *   MD_INFO {cmd NO_COA, ifindex, coa, bid 0}: the previously preferred
 *       care-of address coa on ifindex (:: when the node was at home) is no
 *       longer usable. If another attachment is usable, its NEW_COA or HOME
 *       follows in the same dispatch round; if not, the node is detached
 *       (SHISA's DETACHED) until a later NEW_COA or HOME.
 *   A change of preference between two usable addresses is a bare NEW_COA.
 *
 * Stream 2, bid != 0: per-interface reports for MCoA (RFC 5648), only for
 * interfaces configured with a binding identifier; flags 0, bid = the
 * interface's cfg.bid. The MN decides which BIDs to register.
 *   MD_INFO {NEW_COA, ifindex, coa, bid}: this interface's usable care-of
 *       address is now coa (first one, or a replacement: re-register bid).
 *   MD_INFO {HOME, ifindex, bid}: this interface is on the home link
 *       (preceded by a HOME_HINT for it).
 *   MD_INFO {NO_COA, ifindex, coa, bid}: this interface has no usable
 *       care-of address any more (coa: the lost one, :: after home):
 *       deregister bid.
 *
 * HOME_HINT {ifindex, prefix, plen} is published whenever an interface
 * becomes attached to the home link (an RA from one of its routers carries
 * the home prefix), whatever its bid.
 *
 * Choosing. A care-of address is usable when it is assigned (DAD passed,
 * or optimistic under RFC 4429), its prefix is valid and at least one
 * router with a non-zero lifetime that has not failed NUD advertises it.
 * Within an interface: the home link wins, then addresses not under
 * suspicion of a move, then non-deprecated ones; ties keep the current one.
 * Across interfaces: home first, then not suspected, then the highest
 * cfg.preference; ties keep the current choice, else the first interface
 * added. The operator command MIP6_CMD_IFACE_PREF {ifindex, pref} sets an
 * interface's preference at run time and makes the choice again. Every
 * decision is traced (component "md", MIP6_TR_INFO / STATE).
 *
 * Addresses the platform changes on its own (mip6_node_addr): removing the
 * care-of address in use makes it unusable at once (NO_COA / NEW_COA as for
 * any loss); MD forms another only at the prefix's next RA, never the same
 * one; a global address the platform adds (DHCPv6, manual) in a prefix an
 * RA advertised on-link there is adopted while the interface has no usable
 * care-of address. Details in md_plat.c.
 */
#include <stddef.h>

#include "md_internal.h"

#define MD_CONTAINER(ptr, type, member) ((type *)(void *)((char *)(ptr) - offsetof(type, member)))

void mip6_md_info(md_t *md, uint16_t code, const char *what, const mip6_addr_t *a, const mip6_addr_t *b,
                  uint32_t value)
{
	mip6_node_t *n = md_node(md);
	mip6_trace_t ev = {.kind = MIP6_TR_INFO,
	                   .code = code,
	                   .component = "md",
	                   .what = what,
	                   .value = value,
	                   .now = n->now};
	if (a)
		ev.a = *a;
	if (b)
		ev.b = *b;
	mip6_node_trace(n, &ev);
}

md_iface_t *mip6_md_iface_of(md_t *md, uint32_t ifindex, unsigned *slot)
{
	mip6_node_t *n = md_node(md);
	mip6_iface_t *ifc = mip6_node_iface(n, ifindex);
	if (!ifc)
		return NULL;
	unsigned s = (unsigned)(ifc - n->ifaces);
	md_iface_t *mi = &md->ifs[s];
	mi->ifindex = ifindex;
	if (slot)
		*slot = s;
	return mi;
}

/* RFC 4861 6.3.7: from the unspecified address, which needs no Source
 * Link-Layer Address option (4.1: it MUST NOT be included then). The MD
 * does not own the link-local address and cannot know whether it is still
 * tentative after the link came up (RFC 4862 5.4 forbids using it then). */
static void rs_send(md_t *md, unsigned slot)
{
	mip6_node_t *n = md_node(md);
	md_iface_t *mi = &md->ifs[slot];
	static const mip6_addr_t unspec = {{0}};
	static const mip6_addr_t all_routers = {{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02}};
	mip6_icmp6_t rs;
	mip6_icmp6_init(&rs, MIP6_ICMP6_RS);
	/* RFC 4861 6.1.1: a valid RS has hop limit 255. */
	if (mip6_node_send_icmp6(n, mi->ifindex, &unspec, &all_routers, 255, &rs) == 0) {
		mi->rs_sent++;
		mip6_md_info(md, MIP6_EV_MD_RS_SENT, "RS sent", &all_routers, NULL, mi->ifindex);
	}
}

void mip6_md_rs_start(md_t *md, unsigned slot, bool delay)
{
	mip6_node_t *n = md_node(md);
	md_iface_t *mi = &md->ifs[slot];
	mi->rs_sent = 0;
	mip6_node_cancel(n, &mi->rs_timer);
	if (!delay) {
		/* After NUD declared the router gone: not an interface
		 * (re)initialisation, so RFC 4861 6.3.7's delay does not apply. */
		rs_send(md, slot);
		if (mip6_node_arm(n, &mi->rs_timer, n->now + MD_RTR_SOLICITATION_INTERVAL) != 0)
			mip6_md_info(md, MIP6_EV_MD_RS_RETX_NOT_ARMED,
			             "RS retransmission not armed: no memory", NULL, NULL, mi->ifindex);
		return;
	}
	/* RFC 4861 6.3.7: the initial RS SHOULD be delayed by a random time in
	 * [0, MAX_RTR_SOLICITATION_DELAY] so hosts starting together do not
	 * flood the link. We keep that SHOULD: one second at most. */
	uint8_t r[8];
	mip6_node_random(n, r, sizeof(r));
	uint64_t v = 0;
	for (unsigned i = 0; i < sizeof(r); i++)
		v = v << 8 | r[i];
	mip6_ns_t wait = v % (MD_MAX_RTR_SOLICITATION_DELAY + 1);
	if (mip6_node_arm(n, &mi->rs_timer, n->now + wait) != 0)
		mip6_md_info(md, MIP6_EV_MD_RS_NOT_ARMED, "RS not armed: no memory", NULL, NULL, mi->ifindex);
}

static void rs_timer(md_t *md, unsigned slot)
{
	mip6_node_t *n = md_node(md);
	md_iface_t *mi = &md->ifs[slot];
	if (!mi->up)
		return;
	rs_send(md, slot);
	/* RFC 4861 6.3.7: at most MAX_RTR_SOLICITATIONS, RTR_SOLICITATION_INTERVAL apart. */
	if (mi->rs_sent < MD_MAX_RTR_SOLICITATIONS &&
	    mip6_node_arm(n, &mi->rs_timer, n->now + MD_RTR_SOLICITATION_INTERVAL) != 0)
		mip6_md_info(md, MIP6_EV_MD_RS_RETX_NOT_ARMED, "RS retransmission not armed: no memory", NULL,
		             NULL, mi->ifindex);
}

void mip6_md_life_rearm(md_t *md, unsigned slot)
{
	mip6_node_t *n = md_node(md);
	md_iface_t *mi = &md->ifs[slot];
	mip6_ns_t next = MIP6_NS_NEVER;
	for (unsigned r = 0; r < MD_MAX_ROUTERS; r++)
		if (mi->routers[r].used && mi->routers[r].expires < next)
			next = mi->routers[r].expires;
	for (unsigned i = 0; i < MD_MAX_PREFIXES; i++) {
		const md_prefix_t *p = &mi->prefixes[i];
		if (!p->used)
			continue;
		if (p->valid_until < next)
			next = p->valid_until;
		if (p->preferred_until > n->now && p->preferred_until < next)
			next = p->preferred_until;
	}
	if (next == MIP6_NS_NEVER)
		mip6_node_cancel(n, &mi->life_timer);
	else if (mip6_node_arm(n, &mi->life_timer, next) != 0)
		mip6_md_info(md, MIP6_EV_MD_LIFETIME_TIMER_NOT_ARMED, "lifetime timer not armed: no memory",
		             NULL, NULL, mi->ifindex);
}

/* Link down: every care-of address on it is unusable; the platform will
 * run DAD again when the link returns (RFC 4862 5.4), so we forget it all. */
static void link_down(md_t *md, unsigned slot)
{
	mip6_node_t *n = md_node(md);
	md_iface_t *mi = &md->ifs[slot];
	mip6_md_info(md, MIP6_EV_MD_LINK_DOWN, "link down: dropping its routers and care-of addresses", NULL,
	             NULL, mi->ifindex);
	for (unsigned i = 0; i < MD_MAX_PREFIXES; i++)
		if (mi->prefixes[i].used)
			mip6_md_prefix_delete(md, slot, &mi->prefixes[i], MIP6_EV_MD_PREFIX_LINK_DOWN,
			                      "care-of address dropped: link down");
	for (unsigned r = 0; r < MD_MAX_ROUTERS; r++) {
		mip6_node_cancel(n, &mi->routers[r].timer);
		md_router_clear(&mi->routers[r]);
	}
	mip6_node_cancel(n, &mi->rs_timer);
	mip6_node_cancel(n, &mi->life_timer);
	mi->up = false;
	mi->rs_sent = 0;
}

static void md_on_link(mip6_component_t *c, uint32_t ifindex, bool up, mip6_ns_t now)
{
	(void)now;
	md_t *md = (md_t *)(void *)c;
	unsigned slot;
	md_iface_t *mi = mip6_md_iface_of(md, ifindex, &slot);
	if (!mi)
		return;
	if (up) {
		mip6_md_info(md, mi->up ? MIP6_EV_MD_LINK_UP_AGAIN : MIP6_EV_MD_LINK_UP,
		             mi->up ? "link up again: soliciting routers" : "link up: soliciting routers",
		             NULL, NULL, ifindex);
		mi->up = true;
		mip6_md_rs_start(md, slot, true);
	} else if (mi->up) {
		link_down(md, slot);
	}
	mip6_md_update(md);
}

/* An address the platform added or removed on its own (md_plat.c). */
static void md_on_addr(mip6_component_t *c, uint32_t ifindex, const mip6_addr_t *addr, uint8_t plen,
		       uint16_t flags, bool added, mip6_ns_t now)
{
	(void)plen;
	(void)now;
	md_t *md = (md_t *)(void *)c;
	unsigned slot;
	md_iface_t *mi = mip6_md_iface_of(md, ifindex, &slot);
	/* A down link has no care-of addresses (link_down forgot them). */
	if (!mi || !mi->up)
		return;
	mip6_md_platform_addr(md, slot, addr, flags, added);
	mip6_md_update(md);
}

static bool md_on_icmp6(mip6_component_t *c, const mip6_rx_t *rx, mip6_ns_t now)
{
	(void)now;
	md_t *md = (md_t *)(void *)c;
	uint8_t type = rx->p->icmp6.type;
	if (type != MIP6_ICMP6_RA && type != MIP6_ICMP6_NA)
		return false;
	unsigned slot;
	md_iface_t *mi = mip6_md_iface_of(md, rx->ifindex, &slot);
	/* ND is link-local business: tunneled copies say nothing about a link. */
	if (!mi || rx->tunneled || !mi->up)
		return false;
	if (type == MIP6_ICMP6_RA)
		mip6_md_ra_input(md, slot, rx);
	else
		mip6_md_na_input(md, slot, rx);
	mip6_md_update(md);
	/* Observed only: the platform's ND processes these too. */
	return false;
}

static void md_on_timer(mip6_component_t *c, mip6_timer_t *t, mip6_ns_t now)
{
	md_t *md = (md_t *)(void *)c;
	switch (t->kind & 0xff) {
	case MD_T_RS: {
		md_iface_t *mi = MD_CONTAINER(t, md_iface_t, rs_timer);
		rs_timer(md, (unsigned)(mi - md->ifs));
		break;
	}
	case MD_T_LIFE: {
		md_iface_t *mi = MD_CONTAINER(t, md_iface_t, life_timer);
		mip6_md_expire(md, (unsigned)(mi - md->ifs), now);
		break;
	}
	case MD_T_NUD:
		mip6_md_nud_timer(md, MD_CONTAINER(t, md_router_t, timer));
		break;
	default:
		return;
	}
	mip6_md_update(md);
}

static void md_on_op_result(mip6_component_t *c, uint32_t op_id, int status, mip6_ns_t now)
{
	(void)now;
	md_t *md = (md_t *)(void *)c;
	mip6_md_addr_result(md, op_id, status);
	mip6_md_update(md);
}

/* MIP6_CMD_IFACE_PREF: the operator ranks an interface (pref = its new
 * preference); the choice is made again and MD_INFO follows if it changes. */
static void md_on_bus(mip6_component_t *c, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	(void)now;
	md_t *md = (md_t *)(void *)c;
	if (m->type != MIP6_BUS_COMMAND || m->cmd != MIP6_CMD_IFACE_PREF)
		return;
	mip6_iface_t *ifc = mip6_node_iface(md_node(md), m->ifindex);
	if (!ifc) {
		mip6_node_trace_drop(md_node(md), "md", MIP6_EV_MD_DROP_PREF_UNKNOWN_IF,
		                     "interface preference for an unknown interface", NULL);
		return;
	}
	mip6_md_info(md, MIP6_EV_MD_IF_PREF_SET, "interface preference set", NULL, NULL,
	             (uint32_t)m->pref << 16 | (m->ifindex & 0xffff));
	ifc->cfg.preference = m->pref;
	mip6_md_update(md);
}

static void md_destroy(mip6_component_t *c)
{
	md_t *md = (md_t *)(void *)c;
	mip6_node_t *n = md_node(md);
	/* The node frees its timer heap after us: take our timers out first. */
	for (unsigned s = 0; s < MIP6_MAX_IFACES; s++) {
		md_iface_t *mi = &md->ifs[s];
		mip6_node_cancel(n, &mi->rs_timer);
		mip6_node_cancel(n, &mi->life_timer);
		for (unsigned r = 0; r < MD_MAX_ROUTERS; r++)
			mip6_node_cancel(n, &mi->routers[r].timer);
	}
	n->comp[COMP_MD] = NULL;
	mip6_node_mem_free(n, md);
}

int mip6_md_create(mip6_node_t *n, const mip6_md_cfg_t *cfg)
{
	if (!cfg || n->comp[COMP_MD])
		return MIP6_E_INVAL;
	md_t *md = mip6_node_mem_alloc(n, sizeof(*md));
	if (!md)
		return MIP6_E_NOMEM;
	memset(md, 0, sizeof(*md));
	md->cfg = *cfg;
	md->pref_if = -1;
	md->comp.name = "md";
	md->comp.on_link = md_on_link;
	md->comp.on_addr = md_on_addr;
	md->comp.on_bus = md_on_bus;
	md->comp.bus_mask = MIP6_BUS_MASK(MIP6_BUS_COMMAND);
	md->comp.on_icmp6 = md_on_icmp6;
	md->comp.on_timer = md_on_timer;
	md->comp.on_op_result = md_on_op_result;
	md->comp.destroy = md_destroy;
	for (unsigned s = 0; s < MIP6_MAX_IFACES; s++) {
		md_iface_t *mi = &md->ifs[s];
		mi->cur = -1;
		mi->rs_timer.kind = NODE_TIMER_KIND(COMP_MD, MD_T_RS);
		mi->life_timer.kind = NODE_TIMER_KIND(COMP_MD, MD_T_LIFE);
		for (unsigned r = 0; r < MD_MAX_ROUTERS; r++) {
			mi->routers[r].ifslot = (uint8_t)s;
			mi->routers[r].timer.kind = NODE_TIMER_KIND(COMP_MD, MD_T_NUD);
		}
	}
	md->comp.node = n;
	int rc = mip6_node_register(n, COMP_MD, &md->comp);
	if (rc) {
		mip6_node_mem_free(n, md);
		return rc;
	}
	/* Interfaces already up when the component starts: solicit now. */
	for (unsigned s = 0; s < n->nifaces; s++) {
		if (!n->ifaces[s].up)
			continue;
		md_iface_t *mi = mip6_md_iface_of(md, n->ifaces[s].cfg.ifindex, NULL);
		mi->up = true;
		mip6_md_info(md, MIP6_EV_MD_LINK_ALREADY_UP, "link already up: soliciting routers", NULL,
		             NULL, mi->ifindex);
		mip6_md_rs_start(md, s, true);
	}
	return 0;
}
