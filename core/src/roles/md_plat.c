/* SPDX-License-Identifier: BSD-3-Clause */
/* Movement detection: addresses the platform added or removed on its own
 * (mip6_node_addr: an operator's `ip addr`, DHCPv6, the kernel's SLAAC),
 * and the echoes of the ADDR_ADD / ADDR_DEL operations MD submitted.
 *
 * - The platform removed the care-of address MD formed or adopted: it is
 *   unusable at once (state REMOVED) and the choice is made again as for
 *   any lost address. MD does not add it back. RFC 4862 5.5.3 (d) forms an
 *   address when an RA advertises a prefix that has no autoconfigured
 *   address left, so the next RA with the prefix makes MD form a new one,
 *   never with the removed identifier (md_addr.c). MD does not re-form at
 *   once: it would undo the operator's act on the spot, and the RA proves
 *   the prefix is still on the link.
 * - The platform added a global address in an on-link prefix MD learnt
 *   from an RA on that interface while the interface has no usable
 *   care-of address: it becomes the interface's care-of address (RFC 6275
 *   11.5.3 lets the mobile node use stateful configuration such as DHCPv6
 *   as well as SLAAC). MD never deletes an adopted address.
 * - Echoes of MD's own addresses, home addresses (HOME / DEREG flags or
 *   the home prefix), link-local, multicast and anycast addresses, and
 *   addresses outside the prefixes learnt on that interface change nothing. */
#include "md_internal.h"

static bool not_candidate(md_t *md, const mip6_addr_t *a, uint16_t flags)
{
	static const mip6_addr_t unspec = {{0}};
	if (flags & (MIP6_ADDRF_HOME | MIP6_ADDRF_DEREG | MIP6_ADDRF_ANYCAST))
		return true;
	if (mip6_addr_eq(a, &unspec) || a->b[0] == 0xff || (a->b[0] == 0xfe && (a->b[1] & 0xc0) == 0x80))
		return true;
	return md->cfg.home.plen != 0 && mip6_addr_prefix_match(a, &md->cfg.home.prefix, md->cfg.home.plen);
}

/* The prefix whose current (formed or adopted) address is a. */
static md_prefix_t *holder(md_iface_t *mi, const mip6_addr_t *a)
{
	for (unsigned i = 0; i < MD_MAX_PREFIXES; i++) {
		md_prefix_t *p = &mi->prefixes[i];
		if (p->used && !p->home &&
		    (p->state == MD_A_TENTATIVE || p->state == MD_A_OPTIMISTIC || p->state == MD_A_VALID) &&
		    mip6_addr_eq(&p->addr, a))
			return p;
	}
	return NULL;
}

static md_prefix_t *containing(md_iface_t *mi, const mip6_addr_t *a)
{
	for (unsigned i = 0; i < MD_MAX_PREFIXES; i++) {
		md_prefix_t *p = &mi->prefixes[i];
		if (p->used && !p->home && mip6_addr_prefix_match(a, &p->prefix, p->plen))
			return p;
	}
	return NULL;
}

static bool iface_has_coa(const md_iface_t *mi)
{
	for (unsigned i = 0; i < MD_MAX_PREFIXES; i++)
		if (mip6_md_prefix_usable(&mi->prefixes[i]))
			return true;
	return false;
}

static void removed(md_t *md, md_iface_t *mi, md_prefix_t *p)
{
	if (p->state == MD_A_TENTATIVE && !p->added) {
		/* Not assigned by us yet: the platform's DAD machinery may add
		 * and remove it; the DAD result decides. */
		mip6_md_info(md, MIP6_EV_MD_PLATFORM_REMOVED_TENTATIVE,
		             "platform removed a tentative care-of address: the DAD result decides", &p->addr,
		             &p->prefix, mi->ifindex);
		return;
	}
	mip6_md_info(md, MIP6_EV_MD_PLATFORM_REMOVED_COA,
	             "platform removed the care-of address: unusable, another at the prefix's next RA",
	             &p->addr, &p->prefix, mi->ifindex);
	/* Gone from the platform: nothing to delete, and results of our
	 * operations on it (DAD, ADDR_ADD) no longer matter. */
	p->added = false;
	p->adopted = false;
	p->dad_op = 0;
	p->add_op = 0;
	p->removed = p->addr;
	mip6_md_addr_set_state(md, p, MD_A_REMOVED);
}

static void adopt(md_t *md, md_iface_t *mi, md_prefix_t *p, const mip6_addr_t *a, uint16_t flags)
{
	if (p->state == MD_A_TENTATIVE)
		mip6_md_info(md, MIP6_EV_MD_PLATFORM_OWN_ABANDONED,
		             "own tentative care-of address abandoned for the platform's", &p->addr,
		             &p->prefix, mi->ifindex);
	mip6_md_info(md, MIP6_EV_MD_PLATFORM_ADOPTED,
	             "platform address adopted as the interface's care-of address", a, &p->prefix,
	             mi->ifindex);
	p->dad_op = 0;
	p->add_op = 0;
	p->added = false;
	p->adopted = true;
	p->addr = *a;
	mip6_md_addr_set_state(md, p, (flags & MIP6_ADDRF_OPTIMISTIC) ? MD_A_OPTIMISTIC : MD_A_VALID);
}

void mip6_md_platform_addr(md_t *md, unsigned slot, const mip6_addr_t *a, uint16_t flags, bool added)
{
	md_iface_t *mi = &md->ifs[slot];
	if (not_candidate(md, a, flags))
		return;
	md_prefix_t *p = holder(mi, a);
	if (!added) {
		if (p)
			removed(md, mi, p);
		return;
	}
	if (p) {
		/* Our own address echoed; for an adopted one, its DAD may have
		 * ended (the Optimistic flag gone, RFC 4429 3.1). */
		if (p->adopted && p->state == MD_A_OPTIMISTIC && !(flags & MIP6_ADDRF_OPTIMISTIC))
			mip6_md_addr_set_state(md, p, MD_A_VALID);
		return;
	}
	p = containing(mi, a);
	if (!p) {
		mip6_md_info(md, MIP6_EV_MD_PLATFORM_OUTSIDE_PREFIXES,
		             "platform address outside the prefixes learnt from RAs: ignored", a, NULL,
		             mi->ifindex);
		return;
	}
	if (iface_has_coa(mi) || p->state == MD_A_OPTIMISTIC || p->state == MD_A_VALID) {
		mip6_md_info(md, MIP6_EV_MD_PLATFORM_NOT_ADOPTED,
		             "platform address not adopted: the interface has a care-of address", a,
		             &p->prefix, mi->ifindex);
		return;
	}
	adopt(md, mi, p, a, flags);
}
