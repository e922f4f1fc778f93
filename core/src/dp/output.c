/* SPDX-License-Identifier: BSD-3-Clause */
/* Packets the node sends or forwards: the single tunnel output point for MN
 * and MR traffic (per-flow MCoA policy, SHISA paper 5.1), route-optimised
 * sending with a Home Address option, the correspondent's type 2 routing
 * header, and the home agent's tunnel to the care-of address. */
#include "dp/dp_internal.h"
#include "mip6/err.h"
#include "mip6/ipv6.h"
#include "mip6/packet.h"
#include "wire/bytes.h"

#define DP_HLIM 64 /* hop limit of the outer header of a tunnel */

typedef struct bc_live_ctx {
	const mip6_dp_t *dp;
	const mip6_addr_t *hoa;
	uint8_t need;
} bc_live_ctx_t;

static bool bc_live(const void *ctx, uint16_t bid)
{
	const bc_live_ctx_t *c = ctx;
	const dp_bce_t *e = mip6_dp_bc_find(c->dp, c->hoa, bid);
	return e && (e->flags & c->need);
}

void mip6_dp_bc_scan(const mip6_dp_t *dp, const mip6_addr_t *hoa, dp_bc_scan_t *s)
{
	s->home = s->ro = NULL;
	s->nhome = s->nro = 0;
	if (dp->bc.count == 0)
		return;
	uint32_t h = mip6_dp_hash_bc(dp, hoa), pos = 0;
	unsigned left = 0;
	const dp_bce_t *e;
	while ((e = dp_tab_next(&dp->bc, h, &pos)) != NULL) {
		if (!dp_addr_eq(&e->hoa, hoa))
			continue;
		if (left == 0)
			left = DP_BCE_NBID(e) < 15 ? DP_BCE_NBID(e) : ~0u;
		if (e->flags & MIP6_DPF_HOME) {
			s->nhome++;
			if (!s->home || e->bid < s->home->bid)
				s->home = e;
		}
		if (e->flags & MIP6_DPF_RO) {
			s->nro++;
			if (!s->ro || e->bid < s->ro->bid)
				s->ro = e;
		}
		if (--left == 0) /* that was the last binding of hoa */
			break;
	}
}

/* With several bindings (MCoA), the flow policy may pick another BID. */
static const dp_bce_t *bc_policy(const mip6_dp_t *dp, const mip6_addr_t *hoa, uint8_t need, unsigned n,
                                 const dp_bce_t *dflt, const uint8_t *pkt, const dp_walk_t *w)
{
	if (n < 2 || dp->n_rules == 0)
		return dflt;
	bc_live_ctx_t c = {dp, hoa, need};
	int bid = mip6_dp_flow_pick(dp, pkt, w, bc_live, &c);
	return bid >= 0 ? mip6_dp_bc_find(dp, hoa, (uint16_t)bid) : dflt;
}

const dp_bce_t *mip6_dp_bc_pick(const mip6_dp_t *dp, const mip6_addr_t *hoa, uint8_t need, const uint8_t *pkt,
                           const dp_walk_t *w)
{
	dp_bc_scan_t s;
	mip6_dp_bc_scan(dp, hoa, &s);
	if (need == MIP6_DPF_HOME)
		return bc_policy(dp, hoa, need, s.nhome, s.home, pkt, w);
	return bc_policy(dp, hoa, need, s.nro, s.ro, pkt, w);
}

typedef struct bul_live_ctx {
	const mip6_dp_t *dp;
	const mip6_addr_t *hoa;
} bul_live_ctx_t;

static const dp_bul_t *bul_entry(const mip6_dp_t *dp, const mip6_addr_t *hoa, uint16_t bid)
{
	for (unsigned i = 0; i < dp->n_bul; i++)
		if (dp->bul[i].bid == bid && dp_addr_eq(&dp->bul[i].hoa, hoa))
			return &dp->bul[i];
	return NULL;
}

static bool bul_live(const void *ctx, uint16_t bid)
{
	const bul_live_ctx_t *c = ctx;
	return bul_entry(c->dp, c->hoa, bid) != NULL;
}

/* The MN's binding for a flow from hoa: the flow policy's pick, else the
 * lowest BID. */
static const dp_bul_t *bul_pick(const mip6_dp_t *dp, const mip6_addr_t *hoa, const uint8_t *pkt,
                                const dp_walk_t *w)
{
	const dp_bul_t *best = NULL;
	unsigned n = 0;
	for (unsigned i = 0; i < dp->n_bul; i++) {
		const dp_bul_t *e = &dp->bul[i];
		if (!dp_addr_eq(&e->hoa, hoa))
			continue;
		n++;
		if (!best || e->bid < best->bid)
			best = e;
	}
	if (n > 1 && dp->n_rules) {
		bul_live_ctx_t c = {dp, hoa};
		int bid = mip6_dp_flow_pick(dp, pkt, w, bul_live, &c);
		if (bid >= 0)
			return bul_entry(dp, hoa, (uint16_t)bid);
	}
	return best;
}

mip6_dp_result_t mip6_dp_encap(mip6_dp_t *dp, mip6_buf_t *b, const mip6_addr_t *src, const mip6_addr_t *dst,
                          uint32_t ifindex)
{
	mip6_dp_result_t r = {.action = MIP6_DPA_SEND, .ifindex = ifindex};
	/* RFC 2473 3.1 / 6.3: the outer header is new, its hop limit set
	 * apart from the original's; the inner packet goes in as it is. Its
	 * hop limit is the forwarder's business (4.1.3): on input (the HA's
	 * intercept) the data plane took the hop itself; on output the
	 * platform's stack has decremented a packet it forwards before
	 * offering it (a packet this node originates takes no hop). */
	int rc = mip6_buf_encap(b, src, dst, DP_HLIM);
	if (rc) {
		r.action = MIP6_DPA_DROP;
		r.code = rc == MIP6_E_NOSPC ? MIP6_EV_DP_DROP_NO_HEADROOM_TUNNEL
		                            : MIP6_EV_DP_DROP_TOO_LONG_TO_TUNNEL;
		r.why = rc == MIP6_E_NOSPC ? "no headroom for the tunnel header"
		                           : "packet too long to encapsulate";
		return r;
	}
	dp->stats->mip6_dp_encap++;
	return r;
}

static mip6_dp_result_t drop(uint16_t code, const char *why)
{
	return (mip6_dp_result_t){.action = MIP6_DPA_DROP, .code = code, .why = why};
}

static mip6_dp_result_t pass(const char *why)
{
	return (mip6_dp_result_t){.action = MIP6_DPA_PASS, .why = why};
}

/* Home agent: a packet for a bound home address or a mobile network
 * prefix of a bound MR goes into the tunnel to the care-of address. */
const dp_bce_t *mip6_dp_ha_binding(const mip6_dp_t *dp, const mip6_addr_t *dst, const dp_bc_scan_t *s,
                              const uint8_t *pkt, const dp_walk_t *w, bool *mnp_unbound)
{
	*mnp_unbound = false;
	if (s->home)
		return bc_policy(dp, dst, MIP6_DPF_HOME, s->nhome, s->home, pkt, w);
	if (dp->n_mnp_lens == 0 || dp->bc.count == 0)
		return NULL;
	const dp_mnp_t *m = mip6_dp_mnp_lookup(dp, dst);
	if (!m)
		return NULL;
	/* The prefix is reached through the mobile router's own binding. */
	const dp_bce_t *e = mip6_dp_bc_pick(dp, &m->hoa, MIP6_DPF_HOME, pkt, w);
	*mnp_unbound = e == NULL;
	return e;
}

mip6_dp_result_t mip6_dp_output(mip6_dp_t *dp, mip6_buf_t *b)
{
	dp_walk_t w;
	const char *why = NULL;
	if (!dp || !b)
		return pass("no data plane");
	if (mip6_dp_walk(mip6_buf_data(b), b->len, &w, &why) != 0)
		return pass(why);
	mip6_buf_trim(b, w.end);

	uint8_t *p = mip6_buf_data(b);
	mip6_addr_t src, dst;
	get_addr(&src, p + 8);
	get_addr(&dst, p + 24);
	bool changed = false;

	/* RFC 6275 9.3.2: a node with a binding "MUST NOT" route a Neighbor
	 * Discovery packet with a type 2 routing header; ND (RFC 4861, types
	 * 133-137) is link-scoped, so no tunnel or Home Address option either. */
	if (w.upper == MIP6_PROTO_ICMPV6 && w.upper_off < w.end && p[w.upper_off] >= 133 && p[w.upper_off] <= 137)
		return pass("Neighbor Discovery stays on the link (RFC 6275 9.3.2)");

	/* One walk over the destination's bindings serves the correspondent
	 * and the home agent cases below. */
	dp_bc_scan_t bs;
	mip6_dp_bc_scan(dp, &dst, &bs);

	/* Correspondent (or a mobile node talking to another one): a
	 * route-optimised binding for the destination. RFC 6275 9.3.2: send
	 * to the care-of address with a type 2 routing header holding the
	 * home address. */
	if (bs.ro && !bs.home && w.rh_off == 0) {
		const dp_bce_t *e = bc_policy(dp, &dst, MIP6_DPF_RO, bs.nro, bs.ro, p, &w);
		mip6_addr_t coa = e->coa;
		if (mip6_dp_insert_rh2(b, &w, &dst) != 0)
			return drop(MIP6_EV_DP_DROP_NO_HEADROOM_RH2,
			            "no headroom for the type 2 routing header");
		p = mip6_buf_data(b);
		put_addr(p + 24, &coa);
		dp->stats->dp_rh2_out++;
		changed = true;
		if (mip6_dp_walk(p, b->len, &w, &why) != 0)
			return drop(MIP6_EV_DP_DROP_MALFORMED, why); /* cannot happen: we just built it */
	}

	/* Mobile node or router: traffic from a home address, or from the
	 * mobile network behind an MR (RFC 3963 5.5). */
	const mip6_addr_t *hoa = NULL;
	if (dp->n_bul) {
		const dp_bul_t *own = mip6_dp_bul_of(dp, &src);
		if (own) {
			hoa = &own->hoa;
		} else if (dp->n_lmnp) {
			const dp_lmnp_t *m = mip6_dp_lmnp_lookup(dp, &src);
			if (m && mip6_dp_bul_of(dp, &m->hoa))
				hoa = &mip6_dp_bul_of(dp, &m->hoa)->hoa;
		}
	}
	if (hoa) {
		const dp_ro_t *ro = dp_addr_eq(hoa, &src) ? mip6_dp_ro_find(dp, hoa, &dst) : NULL;
		if (ro && w.hao_off == 0) {
			/* RFC 6275 11.3.1: route-optimised traffic leaves from the
			 * care-of address and carries the home address in a Home
			 * Address option, placed as 6.3 orders it. */
			mip6_addr_t coa = ro->coa;
			uint32_t ifindex = ro->ifindex;
			if (mip6_dp_insert_hao(b, &w, &src) != 0)
				return drop(MIP6_EV_DP_DROP_NO_HEADROOM_HAO,
				            "no headroom for the Home Address option");
			put_addr(mip6_buf_data(b) + 8, &coa);
			dp->stats->dp_hao_out++;
			return (mip6_dp_result_t){.action = MIP6_DPA_SEND, .ifindex = ifindex};
		}
		/* At home the MN has de-registered and removed its BUL entries
		 * (hoa is then NULL above): the packet goes out natively. */
		const dp_bul_t *e = bul_pick(dp, hoa, p, &w);
		if (!e)
			return changed ? (mip6_dp_result_t){.action = MIP6_DPA_SEND} : pass("no binding");
		/* RFC 6275 11.3.1 (reverse tunnelling) and RFC 3963 5.5: CoA -> HA. */
		mip6_addr_t coa = e->coa, ha = e->ha;
		return mip6_dp_encap(dp, b, &coa, &ha, e->ifindex);
	}

	bool mnp_unbound = false;
	const dp_bce_t *e = changed ? NULL : mip6_dp_ha_binding(dp, &dst, &bs, p, &w, &mnp_unbound);
	if (e) {
		/* RFC 6275 10.4.2 / RFC 3963 section 6: HA -> CoA. No hop
		 * limit change: a forwarded packet comes here from the stack
		 * that forwarded it (and decremented it, RFC 8200 3), one the
		 * node originates takes no hop (see mip6_dp_encap). */
		mip6_addr_t local = dp->locals && e->local ? dp->locals[e->local] : (mip6_addr_t){{0}};
		mip6_addr_t coa = e->coa;
		return mip6_dp_encap(dp, b, &local, &coa, 0);
	}
	if (!changed && mnp_unbound) {
		dp->stats->drop_no_route++;
		return drop(MIP6_EV_DP_DROP_MNP_UNREGISTERED,
		            "mobile network prefix of an unregistered mobile router");
	}
	if (changed)
		return (mip6_dp_result_t){.action = MIP6_DPA_SEND};
	return pass("no binding for this packet");
}
