/* SPDX-License-Identifier: BSD-3-Clause */
/* Programs the data plane from the bus, as SHISA's kernel took BC_ADD and
 * BUL_ADD from the mobility socket: components publish binding changes,
 * and this is the one place that turns them into per-packet state. */
#include "mip6/err.h"
#include "node_internal.h"

/* No at-home state here: back on the home link the mobile node
 * de-registers and withdraws its BUL entries (BUL_REMOVE), and traffic
 * from a home address without a BUL entry passes natively. */
static uint32_t dp_flags(uint16_t bf)
{
	uint32_t f = 0;
	if (bf & MIP6_BF_HOME)
		f |= MIP6_DPF_HOME;
	if (bf & MIP6_BF_MR)
		f |= MIP6_DPF_MR;
	if (bf & MIP6_BF_RO)
		f |= MIP6_DPF_RO;
	if (bf & MIP6_BF_LL)
		f |= MIP6_DPF_LL;
	return f;
}

static void on_bus(void *ctx, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	(void)now;
	mip6_node_t *n = ctx;
	int rc = 0;
	switch (m->type) {
	case MIP6_BUS_BC_ADD:
		rc = mip6_dp_bc_set(n->dp, &m->hoa, m->bid, &m->coa, &m->peer, dp_flags(m->flags));
		break;
	case MIP6_BUS_BC_REMOVE:
		rc = mip6_dp_bc_del(n->dp, &m->hoa, m->bid);
		break;
	case MIP6_BUS_BUL_ADD:
		if (m->flags & MIP6_BF_RO)
			rc = mip6_dp_ro_set(n->dp, &m->hoa, &m->peer, &m->coa, m->ifindex);
		else
			rc = mip6_dp_bul_set(n->dp, &m->hoa, m->bid, &m->coa, &m->peer, m->ifindex,
					     dp_flags(m->flags));
		break;
	case MIP6_BUS_BUL_REMOVE:
		if (m->flags & MIP6_BF_RO)
			rc = mip6_dp_ro_del(n->dp, &m->hoa, &m->peer);
		else
			rc = mip6_dp_bul_del(n->dp, &m->hoa, m->bid);
		break;
	case MIP6_BUS_MNP_ROUTE:
		if (m->cmd != MIP6_MNP_ADD && m->cmd != MIP6_MNP_DEL)
			break; /* MIP6_MNP_REFUSED is for the platform */
		if (m->flags & MIP6_BF_MR)
			rc = m->cmd == MIP6_MNP_ADD ? mip6_dp_local_mnp_set(n->dp, &m->prefix, m->plen, &m->hoa)
						    : mip6_dp_local_mnp_del(n->dp, &m->prefix, m->plen);
		else if (m->cmd == MIP6_MNP_ADD)
			rc = mip6_dp_mnp_set(n->dp, &m->prefix, m->plen, &m->hoa);
		else
			rc = mip6_dp_mnp_del(n->dp, &m->prefix, m->plen);
		break;
	default:
		break;
	}
	if (rc == MIP6_E_NOMEM)
		n->stats.nomem++;
}

int mip6_node_dp_glue_init(mip6_node_t *n)
{
	uint32_t mask = MIP6_BUS_MASK(MIP6_BUS_BC_ADD) | MIP6_BUS_MASK(MIP6_BUS_BC_REMOVE) |
			MIP6_BUS_MASK(MIP6_BUS_BUL_ADD) | MIP6_BUS_MASK(MIP6_BUS_BUL_REMOVE) |
			MIP6_BUS_MASK(MIP6_BUS_MNP_ROUTE);
	return mip6_bus_subscribe(&n->bus, mask, on_bus, n);
}
