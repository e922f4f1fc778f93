/* Binding Error for a Home Address option without a binding (RFC 6275
 * 9.3.1): the data plane dropped the packet and published BE_HINT; the CN
 * tells the sender, at a limited rate so a flood of such packets cannot
 * turn the CN into a traffic source. */
#include "cn_internal.h"

static bool be_allowed(cn_t *cn, const mip6_addr_t *to, mip6_ns_t now)
{
	if (now - cn->be_window >= MIP6_SEC(1)) {
		cn->be_window = now;
		cn->be_in_window = 0;
	}
	if (cn->be_in_window >= CN_BE_PER_SEC)
		return false;
	unsigned slot = 0;
	for (unsigned i = 0; i < CN_BE_SOURCES; i++) {
		if (cn->be_recent[i].used && mip6_addr_eq(&cn->be_recent[i].src, to)) {
			if (now - cn->be_recent[i].last < MIP6_SEC(1))
				return false;
			slot = i;
			break;
		}
		/* Otherwise take a free slot, or the one answered longest ago. */
		if (!cn->be_recent[i].used ||
		    (cn->be_recent[slot].used && cn->be_recent[i].last < cn->be_recent[slot].last))
			slot = i;
	}
	cn->be_recent[slot].used = true;
	cn->be_recent[slot].src = *to;
	cn->be_recent[slot].last = now;
	cn->be_in_window++;
	return true;
}

void cn_on_be_hint(cn_t *cn, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	if (m->status != MIP6_BE_UNKNOWN_HAO)
		return;
	/* A home agent on this node answers the hints itself (for packets to
	 * its own address); this component cannot tell the HA's addresses
	 * apart, so it leaves all of them to it. */
	if (cn->n->comp[COMP_HA])
		return;
	/* No error messages to a multicast or unspecified source, nor about
	 * packets that were sent to a multicast group. */
	if (mip6_addr_is_unspec(&m->coa) || m->coa.b[0] == 0xff || m->peer.b[0] == 0xff)
		return;
	if (!be_allowed(cn, &m->coa, now)) {
		cn_drop(cn, NULL, "Binding Error rate limited", &m->coa);
		return;
	}
	mip6_mh_t be;
	mip6_mh_init(&be, MIP6_MH_BE);
	be.u.be.status = MIP6_BE_UNKNOWN_HAO;
	be.u.be.home = m->hoa;
	node_mh_tx_t tx = {.ifindex = 0, .src = m->peer, .dst = m->coa};
	if (node_send_mh(cn->n, &tx, &be) == 0) {
		cn->n->stats.be_sent[MIP6_BE_UNKNOWN_HAO]++;
		cn_trace(cn, MIP6_TR_TX, "BE", &m->hoa, &m->coa, MIP6_BE_UNKNOWN_HAO);
	}
}
