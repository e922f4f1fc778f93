/* SPDX-License-Identifier: BSD-3-Clause */
/* Movement detection: care-of addresses from advertised prefixes, checked by
 * the platform's DAD (a platform operation), optimistic per RFC 4429 when
 * configured, with a new random identifier after a duplicate. */
#include "md_internal.h"

static const char *const addr_state[] = {"NONE", "TENTATIVE", "OPTIMISTIC", "VALID", "FAILED", "REMOVED"};

void mip6_md_addr_set_state(md_t *md, md_prefix_t *p, uint8_t to)
{
	mip6_node_trace_state(md_node(md), "md", MIP6_EV_MD_COA_STATE, addr_state[p->state], addr_state[to],
	                      &p->addr, &p->prefix);
	p->state = to;
}

bool mip6_md_prefix_usable(const md_prefix_t *p)
{
	return p->used && !p->home && (p->state == MD_A_OPTIMISTIC || p->state == MD_A_VALID) && p->routers;
}

/* RFC 5453: identifiers that must not be used (subnet-router anycast, the
 * reserved subnet anycast range of RFC 2526, the 0200:5EFF:FE block). */
static bool iid_reserved(const uint8_t *iid)
{
	static const uint8_t zero[8] = {0};
	static const uint8_t anycast[7] = {0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	static const uint8_t iana[5] = {0x02, 0x00, 0x5e, 0xff, 0xfe};
	return memcmp(iid, zero, 8) == 0 || (memcmp(iid, anycast, 7) == 0 && iid[7] >= 0x80) ||
	       memcmp(iid, iana, 5) == 0;
}

/* Reserved identifiers, and the one of the address the platform removed:
 * we do not put back what an operator (or DHCPv6, ...) took away. */
static bool iid_bad(const md_prefix_t *p, const uint8_t *iid)
{
	return iid_reserved(iid) || memcmp(iid, p->removed.b + 8, 8) == 0;
}

static void make_iid(md_t *md, unsigned slot, const md_prefix_t *p, uint8_t *iid)
{
	const mip6_iface_cfg_t *ic = md_ifcfg(md, slot);
	if (p->attempts == 0 && ic->lladdr_len == 6) {
		/* RFC 4291 appendix A: modified EUI-64 from a 48-bit MAC. */
		iid[0] = ic->lladdr[0] ^ 0x02;
		iid[1] = ic->lladdr[1];
		iid[2] = ic->lladdr[2];
		iid[3] = 0xff;
		iid[4] = 0xfe;
		iid[5] = ic->lladdr[3];
		iid[6] = ic->lladdr[4];
		iid[7] = ic->lladdr[5];
		if (!iid_bad(p, iid))
			return;
	}
	/* Random 64 bits (no link-layer address of 6 bytes, or a retry after
	 * a duplicate, RFC 7217 section 6), u bit cleared: not universal. */
	for (unsigned k = 0; k < 16; k++) {
		mip6_node_random(md_node(md), iid, 8);
		iid[0] &= (uint8_t)~0x02u;
		if (!iid_bad(p, iid))
			return;
	}
	iid[7] |= 1; /* a generator stuck on reserved values: still not all-zero */
}

static void addr_op(md_t *md, unsigned slot, uint16_t kind, uint16_t flags, md_prefix_t *p, uint32_t *id)
{
	mip6_op_t op = {.kind = kind, .flags = flags, .ifindex = md->ifs[slot].ifindex, .plen = 64,
			   .addr = p->addr};
	uint32_t got = mip6_node_op_submit(md_node(md), COMP_MD, &op);
	if (id)
		*id = got;
}

/* RFC 4429 3.2: "If the ON isn't told the SLLAO of the router in an RA
 * ... it MUST leave the address Tentative until DAD completes" (and 3.3:
 * a host that does not know it SHOULD NOT configure an Optimistic
 * Address): one of the routers advertising the prefix must have said it. */
static bool router_slla_known(const md_t *md, unsigned slot, const md_prefix_t *p)
{
	const md_iface_t *mi = &md->ifs[slot];
	for (unsigned q = 0; q < MD_MAX_ROUTERS; q++)
		if ((p->routers & (1u << q)) && mi->routers[q].used && mi->routers[q].slla)
			return true;
	return false;
}

void mip6_md_addr_start(md_t *md, unsigned slot, md_prefix_t *p)
{
	uint8_t iid[8];
	make_iid(md, slot, p, iid);
	p->attempts++;
	memcpy(p->addr.b, p->prefix.b, 8);
	memcpy(p->addr.b + 8, iid, 8);
	if (md->cfg.optimistic_dad && router_slla_known(md, slot, p)) {
		/* RFC 4429 3.1/3.3: the address is assigned as Optimistic and
		 * used at once while DAD runs. */
		addr_op(md, slot, MIP6_OP_ADDR_ADD, MIP6_ADDRF_COA | MIP6_ADDRF_OPTIMISTIC, p, &p->add_op);
		p->added = true;
		mip6_md_addr_set_state(md, p, MD_A_OPTIMISTIC);
	} else {
		/* RFC 4862 5.4: a tentative address is not used until DAD passes. */
		mip6_md_addr_set_state(md, p, MD_A_TENTATIVE);
	}
	/* RFC 6275 11.5.3: a mobile node SHOULD NOT delay DAD of a new care-of
	 * address; the platform runs it now. */
	addr_op(md, slot, MIP6_OP_DAD, 0, p, &p->dad_op);
}

static md_prefix_t *find_op(md_t *md, uint32_t id, unsigned *slot)
{
	for (unsigned s = 0; s < MIP6_MAX_IFACES; s++)
		for (unsigned i = 0; i < MD_MAX_PREFIXES; i++) {
			md_prefix_t *p = &md->ifs[s].prefixes[i];
			if (p->used && (p->dad_op == id || p->add_op == id)) {
				*slot = s;
				return p;
			}
		}
	return NULL;
}

static void dad_done(md_t *md, unsigned slot, md_prefix_t *p, int status)
{
	uint32_t ifindex = md->ifs[slot].ifindex;
	p->dad_op = 0;
	if (status == 0) {
		/* Assign it, or (optimistic) re-assign it without the Optimistic
		 * flag: RFC 4429 3.1, the address becomes Preferred. */
		addr_op(md, slot, MIP6_OP_ADDR_ADD, MIP6_ADDRF_COA, p, &p->add_op);
		p->added = true;
		mip6_md_info(md, MIP6_EV_MD_DAD_PASSED, "DAD passed: care-of address assigned", &p->addr,
		             &p->prefix, ifindex);
		mip6_md_addr_set_state(md, p, MD_A_VALID);
		return;
	}
	if (p->added) {
		addr_op(md, slot, MIP6_OP_ADDR_DEL, MIP6_ADDRF_COA, p, NULL);
		p->added = false;
	}
	if (status != MIP6_OP_DUPLICATE) {
		mip6_md_info(md, MIP6_EV_MD_DAD_NOT_RUN, "DAD could not run: care-of address abandoned",
		             &p->addr, &p->prefix, (uint32_t)status);
		mip6_md_addr_set_state(md, p, MD_A_FAILED);
		return;
	}
	if (p->attempts > MD_IDGEN_RETRIES) {
		/* RFC 4862 5.4.5: a duplicate is not assigned; we stop trying. */
		mip6_md_info(md, MIP6_EV_MD_DAD_GAVE_UP,
		             "DAD found a duplicate again: giving up on this prefix", &p->addr, &p->prefix,
		             p->attempts);
		mip6_md_addr_set_state(md, p, MD_A_FAILED);
		return;
	}
	mip6_md_info(md, MIP6_EV_MD_DAD_DUPLICATE, "DAD found a duplicate: trying a random identifier",
	             &p->addr, &p->prefix, p->attempts);
	mip6_md_addr_set_state(md, p, MD_A_NONE);
	mip6_md_addr_start(md, slot, p);
}

void mip6_md_addr_result(md_t *md, uint32_t op_id, int status)
{
	unsigned slot;
	md_prefix_t *p = find_op(md, op_id, &slot);
	if (!p)
		return; /* an ADDR_DEL, or a prefix dropped meanwhile */
	if (p->dad_op == op_id) {
		dad_done(md, slot, p, status);
		return;
	}
	p->add_op = 0;
	if (status != 0) {
		mip6_md_info(md, MIP6_EV_MD_COA_REFUSED_BY_PLATFORM, "platform refused the care-of address",
		             &p->addr, &p->prefix, (uint32_t)status);
		p->added = false;
		p->dad_op = 0; /* its result no longer matters */
		mip6_md_addr_set_state(md, p, MD_A_FAILED);
	}
}
