/* SPDX-License-Identifier: BSD-3-Clause */
/* Movement detection: choosing among usable care-of addresses and telling
 * the bus (the contract is at the top of md.c). Run after every event; it
 * publishes only differences from what was last reported. */
#include "md_internal.h"

static const char *const att_name[] = {"DETACHED", "ATTACHED", "HOME"};
static const mip6_addr_t unspec = {{0}};

static void publish(md_t *md, uint8_t cmd, uint32_t ifindex, const mip6_addr_t *coa, uint16_t bid)
{
	static const char *const what[] = {"", "MD_INFO NEW_COA", "MD_INFO NO_COA", "MD_INFO HOME"};
	static const uint16_t code[] = {MIP6_EV_NONE, MIP6_EV_MD_PUBLISH_NEW_COA, MIP6_EV_MD_PUBLISH_NO_COA,
	                                MIP6_EV_MD_PUBLISH_HOME};
	mip6_bus_msg_t m = {.type = MIP6_BUS_MD_INFO, .cmd = cmd, .bid = bid, .ifindex = ifindex, .coa = *coa};
	mip6_node_publish(md_node(md), &m);
	mip6_md_info(md, code[cmd], what[cmd], coa, NULL, (uint32_t)bid << 16 | (ifindex & 0xffff));
}

/* Rank of a candidate within its interface: not suspected of a move, then
 * the home link, then not deprecated. -1: not a candidate. */
static int rank(const md_prefix_t *p)
{
	if (p->home)
		return p->used && p->routers ? (!p->suspect) * 4 + 2 + 1 : -1;
	if (!mip6_md_prefix_usable(p))
		return -1;
	return (!p->suspect) * 4 + (!p->deprecated);
}

/* The interface's best candidate; ties keep the current one. */
static int iface_best(md_iface_t *mi)
{
	int best = -1, best_rank = -1;
	for (int i = 0; i < MD_MAX_PREFIXES; i++) {
		int rk = rank(&mi->prefixes[i]);
		if (rk > best_rank || (rk >= 0 && rk == best_rank && i == mi->cur)) {
			best = i;
			best_rank = rk;
		}
	}
	return best;
}

static void iface_update(md_t *md, unsigned slot)
{
	mip6_node_t *n = md_node(md);
	md_iface_t *mi = &md->ifs[slot];
	const mip6_iface_cfg_t *ic = md_ifcfg(md, slot);
	mi->ifindex = ic->ifindex;
	int best = iface_best(mi);
	uint8_t att = MD_ATT_NONE;
	mip6_addr_t coa = unspec;
	if (best >= 0) {
		att = mi->prefixes[best].home ? MD_ATT_HOME : MD_ATT_COA;
		if (att == MD_ATT_COA)
			coa = mi->prefixes[best].addr;
	}
	mi->cur = best;
	if (att == mi->rep && mip6_addr_eq(&coa, &mi->rep_coa))
		return;
	if (att == MD_ATT_HOME) {
		mip6_md_info(md, MIP6_EV_MD_IF_HOME, "interface on the home link", &md->cfg.home.prefix, NULL,
		             ic->ifindex);
		mip6_bus_msg_t h = {.type = MIP6_BUS_HOME_HINT, .ifindex = ic->ifindex,
				    .prefix = md->cfg.home.prefix, .plen = md->cfg.home.plen};
		mip6_node_publish(n, &h);
	} else if (att == MD_ATT_COA) {
		mip6_md_info(md,
		             mi->rep == MD_ATT_COA ? MIP6_EV_MD_IF_COA_REPLACED : MIP6_EV_MD_IF_COA_CHOSEN,
		             mi->rep == MD_ATT_COA ? "interface care-of address replaced"
		                                   : "interface care-of address chosen",
		             &coa, &mi->rep_coa, ic->ifindex);
	} else {
		mip6_md_info(md, MIP6_EV_MD_IF_NO_COA, "interface has no usable care-of address",
		             &mi->rep_coa, NULL, ic->ifindex);
	}
	if (ic->bid != 0) {
		if (att == MD_ATT_COA)
			publish(md, MIP6_MD_NEW_COA, ic->ifindex, &coa, ic->bid);
		else if (att == MD_ATT_HOME)
			publish(md, MIP6_MD_HOME, ic->ifindex, &unspec, ic->bid);
		else
			publish(md, MIP6_MD_NO_COA, ic->ifindex, &mi->rep_coa, ic->bid);
	}
	mi->rep = att;
	mi->rep_coa = coa;
}

/* Order between interfaces: home, then not suspected, then preference. */
static unsigned iface_key(md_t *md, unsigned slot)
{
	md_iface_t *mi = &md->ifs[slot];
	bool suspect = mi->cur >= 0 && mi->prefixes[mi->cur].suspect;
	return (mi->rep == MD_ATT_HOME) << 9 | (!suspect) << 8 | md_ifcfg(md, slot)->preference;
}

void mip6_md_update(md_t *md)
{
	mip6_node_t *n = md_node(md);
	for (unsigned s = 0; s < n->nifaces; s++) {
		iface_update(md, s);
		mip6_md_nud_kick(md, s);
	}
	int best = -1;
	unsigned best_key = 0;
	for (unsigned s = 0; s < n->nifaces; s++) {
		if (md->ifs[s].rep == MD_ATT_NONE)
			continue;
		unsigned key = iface_key(md, s);
		if (best < 0 || key > best_key || (key == best_key && (int)s == md->pref_if)) {
			best = (int)s;
			best_key = key;
		}
	}
	uint8_t att = best < 0 ? MD_ATT_NONE : md->ifs[best].rep;
	mip6_addr_t coa = best < 0 ? unspec : md->ifs[best].rep_coa;
	if (att == md->pref && best == md->pref_if && mip6_addr_eq(&coa, &md->pref_coa))
		return;
	/* Was the old choice lost, or merely outranked? */
	bool lost = false;
	if (md->pref != MD_ATT_NONE) {
		md_iface_t *old = &md->ifs[md->pref_if];
		lost = old->rep != md->pref || !mip6_addr_eq(&old->rep_coa, &md->pref_coa);
		if (md->pref == MD_ATT_COA && lost) {
			/* Still usable on its interface, just not the interface's best? */
			for (unsigned i = 0; i < MD_MAX_PREFIXES; i++)
				if (mip6_md_prefix_usable(&old->prefixes[i]) &&
				    mip6_addr_eq(&old->prefixes[i].addr, &md->pref_coa))
					lost = false;
		}
	}
	const char *why;
	uint16_t code;
	if (att == MD_ATT_NONE) {
		why = "no usable care-of address anywhere: detached";
		code = MIP6_EV_MD_PREF_DETACHED;
	} else if (att == MD_ATT_HOME) {
		why = "home link detected: home outranks care-of addresses";
		code = MIP6_EV_MD_PREF_HOME;
	} else if (md->pref == MD_ATT_NONE) {
		why = "preferred care-of address: the first usable one";
		code = MIP6_EV_MD_PREF_FIRST;
	} else if (lost) {
		why = "preferred care-of address: the previous one became unusable";
		code = MIP6_EV_MD_PREF_PREVIOUS_UNUSABLE;
	} else if (md->pref == MD_ATT_HOME) {
		why = "preferred care-of address: left the home link";
		code = MIP6_EV_MD_PREF_LEFT_HOME;
	} else if (best == md->pref_if) {
		why = "preferred care-of address: the interface's address changed";
		code = MIP6_EV_MD_PREF_ADDRESS_CHANGED;
	} else {
		why = "preferred care-of address: a better-ranked interface (preference or suspected move)";
		code = MIP6_EV_MD_PREF_BETTER_INTERFACE;
	}
	mip6_md_info(md, code, why, &coa, &md->pref_coa,
	             best < 0 ? 0 : md_ifcfg(md, (unsigned)best)->ifindex);
	mip6_node_trace_state(n, "md", MIP6_EV_MD_ATTACH_STATE, att_name[md->pref], att_name[att], &coa,
	                      &md->pref_coa);
	if (lost || att == MD_ATT_NONE)
		publish(md, MIP6_MD_NO_COA, md_ifcfg(md, (unsigned)md->pref_if)->ifindex, &md->pref_coa, 0);
	if (att == MD_ATT_COA)
		publish(md, MIP6_MD_NEW_COA, md_ifcfg(md, (unsigned)best)->ifindex, &coa, 0);
	else if (att == MD_ATT_HOME)
		publish(md, MIP6_MD_HOME, md_ifcfg(md, (unsigned)best)->ifindex, &unspec, 0);
	md->pref = att;
	md->pref_if = best;
	md->pref_coa = coa;
}
