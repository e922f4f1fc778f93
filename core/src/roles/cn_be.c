/* SPDX-License-Identifier: BSD-3-Clause */
/* Binding Error for a Home Address option without a binding (RFC 6275
 * 9.3.1): the data plane dropped the packet and published BE_HINT; the CN
 * tells the sender, at a limited rate so a flood of such packets cannot
 * turn the node into a traffic source. */
#include "cn_internal.h"

bool mip6_cn_be_allow(cn_be_limit_t *l, const mip6_addr_t *to, mip6_ns_t now)
{
	if (now - l->window >= MIP6_SEC(1)) {
		l->window = now;
		l->in_window = 0;
	}
	if (l->in_window >= CN_BE_PER_SEC)
		return false;
	unsigned slot = 0;
	for (unsigned i = 0; i < CN_BE_SOURCES; i++) {
		if (l->recent[i].used && mip6_addr_eq(&l->recent[i].src, to)) {
			if (now - l->recent[i].last < MIP6_SEC(1))
				return false;
			slot = i;
			break;
		}
		/* Otherwise take a free slot, or the one answered longest ago. */
		if (!l->recent[i].used || (l->recent[slot].used && l->recent[i].last < l->recent[slot].last))
			slot = i;
	}
	l->recent[slot].used = true;
	l->recent[slot].src = *to;
	l->recent[slot].last = now;
	l->in_window++;
	return true;
}

void mip6_cn_on_be_hint(cn_t *cn, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	/* This component answers every hint of the node, those about
	 * packets sent to a home agent's address on the same node included
	 * (the HA then stays silent): each hint gets one answer, and all of
	 * them come under the one rate limit. */
	uint8_t status = m->status ? m->status : MIP6_BE_UNKNOWN_HAO;
	if (status != MIP6_BE_UNKNOWN_HAO && status != MIP6_BE_UNKNOWN_MH)
		return;
	/* No error messages to a multicast or unspecified source, nor about
	 * packets that were sent to a multicast group (or to no address of
	 * ours to answer from). */
	if (mip6_addr_is_unspec(&m->coa) || m->coa.b[0] == 0xff || m->peer.b[0] == 0xff ||
	    mip6_addr_is_unspec(&m->peer))
		return;
	if (!mip6_cn_be_allow(&cn->be, &m->coa, now)) {
		mip6_cn_drop(cn, NULL, MIP6_EV_CN_DROP_BE_RATE_LIMITED, "Binding Error rate limited",
		             &m->coa);
		return;
	}
	mip6_mh_t be;
	mip6_mh_init(&be, MIP6_MH_BE);
	be.u.be.status = status;
	be.u.be.home = m->hoa;
	/* From the address the packet was sent to, straight to its source. */
	node_mh_tx_t tx = {.ifindex = MIP6_IFINDEX_ROUTE, .src = m->peer, .dst = m->coa};
	if (mip6_node_send_mh(cn->n, &tx, &be) == 0) {
		cn->n->stats.be_sent[status]++;
		mip6_cn_trace(cn, MIP6_TR_TX, MIP6_EV_CN_TX_BE, "BE", &m->hoa, &m->coa, status);
	}
}
