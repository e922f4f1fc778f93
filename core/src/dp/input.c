/* SPDX-License-Identifier: BSD-3-Clause */
/* Packets arriving from a link: signaling goes to the components, tunnels
 * are opened only when their endpoints match a binding, the Home Address
 * option and the type 2 routing header are checked and swapped, and the
 * home agent intercepts traffic for the home addresses it serves. */
#include "dp/dp_internal.h"
#include "mip6/err.h"
#include "mip6/icmp6.h"
#include "mip6/ipv6.h"
#include "mip6/mh.h"
#include "wire/bytes.h"

static mip6_dp_result_t result(mip6_dp_action_t a, const char *why)
{
	return (mip6_dp_result_t){.action = a, .why = why};
}

static mip6_dp_result_t drop(uint16_t code, const char *why)
{
	return (mip6_dp_result_t){.action = MIP6_DPA_DROP, .code = code, .why = why};
}

static bool is_nd(uint8_t type)
{
	return type >= 133 && type <= 136; /* RS, RA, NS, NA (RFC 4861) */
}

static bool is_mip_icmp(uint8_t type)
{
	return type >= 144 && type <= 147; /* DHAAD request/reply, MPS, MPA (RFC 6275 6.5-6.8) */
}

static bool is_local(const mip6_dp_t *dp, const mip6_addr_t *a)
{
	for (unsigned i = 1; i < dp->n_locals; i++)
		if (dp_addr_eq(&dp->locals[i], a))
			return true;
	return false;
}

static bool is_coa(const mip6_dp_t *dp, const mip6_addr_t *a)
{
	for (unsigned i = 0; i < dp->n_bul; i++)
		if (dp_addr_eq(&dp->bul[i].coa, a))
			return true;
	return false;
}

/* Is the (inner) packet at p signaling the components must see? For a
 * mobile node (to_mn) also a Parameter Problem: the answer of a node that
 * does not know the Mobility Header or the Home Address option to our
 * signaling (RFC 6275 11.3.5, 11.6.2); what the MN does not take goes on
 * to the platform (node.c). */
static bool is_signal(const uint8_t *p, size_t len, bool to_mn)
{
	dp_walk_t w;
	const char *why;
	if (mip6_dp_walk(p, len, &w, &why) != 0)
		return false;
	if (w.upper == MIP6_PROTO_MH)
		return true;
	if (w.upper == MIP6_PROTO_ICMPV6 && w.upper_off < w.end)
		return is_nd(p[w.upper_off]) || is_mip_icmp(p[w.upper_off]) ||
		       (to_mn && p[w.upper_off] == MIP6_ICMP6_PARAM_PROB);
	return false;
}

static mip6_dp_result_t tunnel_in(mip6_dp_t *dp, mip6_buf_t *b, const dp_walk_t *w)
{
	const uint8_t *p = mip6_buf_data(b);
	mip6_addr_t osrc, odst, isrc, idst;
	get_addr(&osrc, p + 8);
	get_addr(&odst, p + 24);
	bool to_ha = is_local(dp, &odst), to_mn = is_coa(dp, &odst);
	if (!to_ha && !to_mn)
		return result(MIP6_DPA_PASS, "tunnel not addressed to a mobility endpoint of this node");

	size_t in = w->upper_off;
	if (w->end - in < MIP6_IP6_HLEN || (p[in] >> 4) != 6 ||
	    MIP6_IP6_HLEN + (size_t)get16(p + in + 4) > w->end - in) {
		dp->stats->drop_tunnel++;
		return drop(MIP6_EV_DP_DROP_TUNNEL_TRUNCATED, "tunneled packet is not a whole IPv6 packet");
	}
	get_addr(&isrc, p + in + 8);
	get_addr(&idst, p + in + 24);

	bool ok = false;
	const dp_bul_t *mn = NULL;
	if (to_ha) {
		/* RFC 6275 10.4.5: a reverse-tunneled packet must come from the
		 * registered care-of address of its inner source; RFC 3963 section 6
		 * extends this to sources in the MR's mobile network prefixes.
		 * The outer destination must be this HA's address for that
		 * binding. */
		const dp_bce_t *e = mip6_dp_bc_find_coa(dp, &isrc, &osrc, MIP6_DPF_HOME);
		if (!e && dp->n_mnp_lens) {
			const dp_mnp_t *m = mip6_dp_mnp_lookup(dp, &isrc);
			if (m)
				e = mip6_dp_bc_find_coa(dp, &m->hoa, &osrc, MIP6_DPF_HOME);
		}
		ok = e && e->local && dp_addr_eq(&dp->locals[e->local], &odst);
	}
	if (!ok && to_mn) {
		/* RFC 6275 11.3.3: the mobile node accepts tunneled packets only
		 * from its home agent, to the care-of address of that binding. */
		for (unsigned i = 0; i < dp->n_bul && !mn; i++) {
			const dp_bul_t *e = &dp->bul[i];
			if (dp_addr_eq(&e->ha, &osrc) && dp_addr_eq(&e->coa, &odst))
				mn = e;
		}
		ok = mn != NULL;
	}
	if (!ok) {
		dp->stats->drop_tunnel++;
		return drop(to_ha ? MIP6_EV_DP_DROP_TUNNEL_SRC_NOT_COA : MIP6_EV_DP_DROP_TUNNEL_SRC_NOT_HA,
		            to_ha
		                ? "tunnel source is not the care-of address of the inner source's binding"
		                : "tunnel source is not the home agent of a binding to this care-of address");
	}

	size_t inner_len = MIP6_IP6_HLEN + (size_t)get16(p + in + 4);
	mip6_buf_pull(b, in);
	mip6_buf_trim(b, inner_len);
	dp->stats->dp_decap++;
	p = mip6_buf_data(b);

	/* Signaling for this node itself (HoT, MPA, a BRR via the HA; or
	 * something an MN reverse-tunnels to its HA) goes to the components. */
	bool for_us = mn ? mip6_dp_bul_of(dp, &idst) != NULL : is_local(dp, &idst);
	if (for_us && is_signal(p, b->len, mn != NULL)) {
		/* The components answer through the same tunnel (a HoT to a
		 * reverse-tunneled HoTI, RFC 6275 9.4.2 / 10.4.5), so they
		 * learn that the packet came through one. */
		mip6_dp_result_t r = result(MIP6_DPA_SIGNAL, NULL);
		r.tunneled = true;
		r.outer_src = osrc;
		r.outer_dst = odst;
		return r;
	}

	mip6_dp_result_t r = result(MIP6_DPA_DELIVER, NULL);
	/* RFC 6275 11.3.3: traffic from a correspondent that reached us
	 * through the home agent is the cue to consider route optimisation. */
	if (mn && !dp_addr_eq(&isrc, &mn->ha) && dp_addr_eq(&idst, &mn->hoa)) {
		r.rr_hint = true;
		r.hint_peer = isrc;
		/* RFC 6275 11.7.2: "If a Home Address destination option is
		 * present in the original (inner) packet, the address from this
		 * option is used" (a peer that is itself away from home). */
		dp_walk_t iw;
		const char *why = NULL;
		if (mip6_dp_walk(p, b->len, &iw, &why) == 0 && iw.hao_off)
			get_addr(&r.hint_peer, p + iw.hao_off);
	}
	return r;
}

/* RFC 6275 9.3.4: "By the definition of IPv6 encapsulation [7], the home
 * agent MUST relay certain ICMP error messages back to the original sender
 * of the packet". An ICMPv6 error to this node (p, walked in w, ICMPv6 at
 * w->upper_off) whose invoking packet is one this home agent tunnelled (an
 * IPv6-in-IPv6 packet from its address for a binding to that binding's
 * care-of address, inner destination the bound home address or a prefix of
 * the mobile router) is answered as RFC 2473 section 8 says a tunnel
 * entry-point does: an error to the original packet's source, from the
 * entry-point's address, carrying the original packet. Packet Too Big
 * becomes a Packet Too Big with the tunnel headers taken off the MTU (not
 * below the IPv6 minimum, 1280, RFC 8200 5); every other error (hop limit
 * exceeded, unreachable, parameter problem in the tunnel) an "unreachable
 * node", Destination Unreachable code 3. Anything else is PASSed. */
static mip6_dp_result_t tunnel_error(mip6_dp_t *dp, const uint8_t *p, const dp_walk_t *w,
                                     const mip6_addr_t *src, const mip6_addr_t *dst)
{
	mip6_dp_result_t pass = result(MIP6_DPA_PASS, NULL);
	size_t ic = w->upper_off, bo = ic + 8, ib = bo + MIP6_IP6_HLEN;
	/* The HA's tunnel header has no extension headers (mip6_dp_encap):
	 * the original packet follows it at once. */
	if (w->end < ib + MIP6_IP6_HLEN || (p[bo] >> 4) != 6 || p[bo + 6] != MIP6_PROTO_IPV6 ||
	    (p[ib] >> 4) != 6)
		return pass;
	/* A corrupted error is not relayed (RFC 4443 2.3: checksum verified). */
	if (mip6_cksum_pseudo(src, dst, (uint32_t)(w->end - ic), MIP6_PROTO_ICMPV6, p + ic, w->end - ic) != 0)
		return pass;
	mip6_addr_t osrc, odst, isrc, idst;
	get_addr(&osrc, p + bo + 8);
	get_addr(&odst, p + bo + 24);
	get_addr(&isrc, p + ib + 8);
	get_addr(&idst, p + ib + 24);
	if (!is_local(dp, &osrc) || is_local(dp, &isrc))
		return pass; /* not our tunnel; or we are the original sender */
	const dp_bce_t *e = mip6_dp_bc_find_coa(dp, &idst, &odst, MIP6_DPF_HOME);
	if (!e && dp->n_mnp_lens) {
		const dp_mnp_t *m = mip6_dp_mnp_lookup(dp, &idst);
		if (m)
			e = mip6_dp_bc_find_coa(dp, &m->hoa, &odst, MIP6_DPF_HOME);
	}
	if (!e || !e->local || !dp_addr_eq(&dp->locals[e->local], &osrc))
		return pass;
	/* RFC 4443 2.4(e.1): no error about an ICMPv6 error. */
	if (p[ib + 6] == MIP6_PROTO_ICMPV6 && (w->end <= ib + MIP6_IP6_HLEN || p[ib + MIP6_IP6_HLEN] < 128))
		return pass;
	mip6_dp_result_t r = {
	    .action = MIP6_DPA_RELAY,
	    .code = MIP6_EV_DP_DROP_TUNNEL_ERROR_RELAYED,
	    .why = "ICMPv6 error about a tunnelled packet: relayed to its source (RFC 6275 9.3.4)"};
	if (p[ic] == MIP6_ICMP6_PKT_TOO_BIG) {
		uint32_t mtu = get32(p + ic + 4), tmtu = mtu > ib - bo ? mtu - (uint32_t)(ib - bo) : 0;
		if (tmtu < 1280)
			tmtu = 1280;
		/* Only a packet larger than the tunnel lets through is too big. */
		if (MIP6_IP6_HLEN + (uint32_t)get16(p + ib + 4) <= tmtu)
			return pass;
		r.err_type = MIP6_ICMP6_PKT_TOO_BIG;
		r.err_param = tmtu;
	} else {
		r.err_type = MIP6_ICMP6_DST_UNREACH;
		r.err_code = 3; /* address unreachable */
	}
	r.err_off = (uint32_t)ib;
	r.err_src = osrc;
	r.err_dst = isrc;
	dp->stats->dp_err_relayed++;
	return r;
}

/* RFC 6275 9.3.4: is the invoking packet of the Destination Unreachable
 * at w->upper_off one sent on a route-optimised binding of this node (to
 * its care-of address, with its home address in a type 2 routing header
 * right after the IPv6 header, as mip6_dp_output puts it)? */
static bool ro_unreachable(const mip6_dp_t *dp, const uint8_t *p, const dp_walk_t *w)
{
	size_t bo = w->upper_off + 8, rh = bo + MIP6_IP6_HLEN;
	if (w->end < rh + MIP6_RH2_LEN || (p[bo] >> 4) != 6 || p[bo + 6] != MIP6_PROTO_ROUTING ||
	    p[rh + 2] != 2)
		return false;
	mip6_addr_t coa, hoa;
	get_addr(&coa, p + bo + 24);
	get_addr(&hoa, p + rh + 8);
	return mip6_dp_bc_find_coa(dp, &hoa, &coa, MIP6_DPF_RO) != NULL;
}

/* Is hoa one of our home addresses, reached at care-of address coa
 * (through the binding to the HA, or a route-optimised one with peer)? */
static bool own_hoa_at(const mip6_dp_t *dp, const mip6_addr_t *hoa, const mip6_addr_t *coa,
                       const mip6_addr_t *peer)
{
	for (unsigned i = 0; i < dp->n_bul; i++) {
		const dp_bul_t *e = &dp->bul[i];
		if (dp_addr_eq(&e->hoa, hoa) && dp_addr_eq(&e->coa, coa))
			return true;
	}
	const dp_ro_t *ro = mip6_dp_ro_find(dp, hoa, peer);
	return ro && dp_addr_eq(&ro->coa, coa);
}

mip6_dp_result_t mip6_dp_input(mip6_dp_t *dp, uint32_t ifindex, mip6_buf_t *b)
{
	dp_walk_t w;
	const char *why = NULL;
	if (!dp || !b)
		return result(MIP6_DPA_PASS, "no data plane");
	if (mip6_dp_walk(mip6_buf_data(b), b->len, &w, &why) != 0)
		return result(MIP6_DPA_PASS, why);
	uint8_t *p = mip6_buf_data(b);
	mip6_addr_t src, dst;
	get_addr(&src, p + 8);
	get_addr(&dst, p + 24);
	int icmp = w.upper == MIP6_PROTO_ICMPV6 && w.upper_off < w.end ? p[w.upper_off] : -1;

	/* Neighbour Discovery stays with the node, also for a home address
	 * the HA defends by proxy (RFC 6275 10.4.1). */
	if (icmp >= 0 && is_nd((uint8_t)icmp))
		return result(MIP6_DPA_SIGNAL, NULL);

	/* RFC 6275 10.4.2: "packets addressed to the mobile node's link-local
	 * address MUST NOT be tunneled to the mobile node. Instead, these
	 * packets MUST be discarded and the home agent SHOULD return an ICMP
	 * Destination Unreachable, Code 3, message to the packet's Source
	 * Address (unless this Source Address is a multicast address)." They
	 * reach the HA for a registration with L (10.4.1: it proxies that
	 * address too); ND for it, above, is the platform's proxy's. */
	if (dp->ll.count && dst.b[0] == 0xfe && (dst.b[1] & 0xc0) == 0x80) {
		const mip6_addr_t *hoa = mip6_dp_ll_hoa(dp, &dst);
		dp_bc_scan_t bs;
		if (hoa)
			mip6_dp_bc_scan(dp, hoa, &bs);
		if (hoa && bs.home) {
			dp->stats->drop_mn_link_local++;
			mip6_dp_result_t r = drop(MIP6_EV_DP_DROP_MN_LINK_LOCAL,
			                          "to a mobile node's link-local address (RFC 6275 10.4.2)");
			/* Not about an ICMPv6 error (RFC 4443 2.4(e.1)); from the
			 * HA's address, out of the link the packet came from. */
			if (!(icmp >= 0 && icmp < 128) && bs.home->local) {
				r.err_type = MIP6_ICMP6_DST_UNREACH;
				r.err_code = 3; /* address unreachable */
				r.err_ifindex = ifindex;
				r.err_src = dp->locals[bs.home->local];
				r.err_dst = src;
			}
			return r;
		}
	}

	/* RFC 6275 10.4.2: the HA intercepts packets for a bound home
	 * address (and RFC 3963 section 6: for a registered MR's prefixes) and
	 * tunnels them to the care-of address. Multicast and link-local
	 * traffic never leaves the link (RFC 4291 2.5.6), and what is sent
	 * to this node's own tunnel endpoint (every BU to the HA) is no
	 * mobile node's: no binding lookup for those. */
	if (dp->bc.count && dst.b[0] != 0xff && !(src.b[0] == 0xfe && (src.b[1] & 0xc0) == 0x80) &&
	    !is_local(dp, &dst)) {
		bool unbound;
		dp_bc_scan_t bs;
		mip6_dp_bc_scan(dp, &dst, &bs);
		const dp_bce_t *e = mip6_dp_ha_binding(dp, &dst, &bs, p, &w, &unbound);
		if (e) {
			/* Into the tunnel is a forwarding hop for the packet
			 * (RFC 8200 3; RFC 2473 4.1.3: each encapsulation is a
			 * forwarding operation that decrements the original
			 * packet's hop limit, and 6.3: the tunnel counts as one
			 * hop, its own hop limit being the outer header's). The
			 * packet arrives here as received, so this is the one
			 * decrement; one it would take to 0 is dropped instead
			 * (RFC 8200 3, RFC 4443 3.3), untouched. */
			if (p[7] <= 1) {
				dp->stats->drop_hlim++;
				mip6_dp_result_t r =
				    drop(MIP6_EV_DP_DROP_HOP_LIMIT, "hop limit exhausted (RFC 8200 3)");
				/* RFC 4443 3.3: the router MUST discard it and MUST send
				 * a Time Exceeded to its source; not about an ICMPv6
				 * error, though (2.4(e.1)). The node sends it. */
				r.hlim_exceeded = !(icmp >= 0 && icmp < 128);
				if (e->local)
					r.hint_peer = dp->locals[e->local];
				return r;
			}
			p[7]--;
			mip6_buf_trim(b, w.end);
			mip6_addr_t local = e->local ? dp->locals[e->local] : (mip6_addr_t){{0}};
			mip6_addr_t coa = e->coa;
			return mip6_dp_encap(dp, b, &local, &coa, 0);
		}
	}

	/* RFC 6275 6.1: Mobility Header messages MUST NOT carry a Home Address
	 * option, except the Binding Update (11.7.1, 11.7.2). */
	if (w.upper == MIP6_PROTO_MH && w.hao_off &&
	    (w.upper_off + 2 >= w.end || p[w.upper_off + 2] != MIP6_MH_BU)) {
		dp->stats->drop_malformed++;
		return drop(MIP6_EV_DP_DROP_MH_WITH_HAO,
		            "Mobility Header other than a BU with a Home Address option");
	}
	if (w.upper == MIP6_PROTO_MH || (icmp >= 0 && is_mip_icmp((uint8_t)icmp)))
		return result(MIP6_DPA_SIGNAL, NULL);
	/* RFC 6275 11.3.5: a Parameter Problem to a care-of address may be a
	 * correspondent's answer to a CoTI or a BU (code 1: no Mobility
	 * Header; code 2: no Home Address option): the mobile node sees it
	 * first. The one about a HoTI comes to the home address, in the tunnel
	 * (tunnel_in). */
	if (icmp == MIP6_ICMP6_PARAM_PROB && dp->n_bul && !w.hao_off && !w.rh_off && is_coa(dp, &dst))
		return result(MIP6_DPA_SIGNAL, NULL);
	if (icmp >= MIP6_ICMP6_DST_UNREACH && icmp <= MIP6_ICMP6_PARAM_PROB && dp->bc.count && !w.hao_off &&
	    !w.rh_off && is_local(dp, &dst)) {
		mip6_dp_result_t r = tunnel_error(dp, p, &w, &src, &dst);
		if (r.action != MIP6_DPA_PASS)
			return r;
	}
	/* RFC 6275 9.3.4: the correspondent counts Destination Unreachable
	 * messages about its route-optimised packets (roles/cn_bu.c); it does
	 * not take them, so the platform still gets them (PASS). */
	if (icmp == MIP6_ICMP6_DST_UNREACH && dp->bc.count && !w.hao_off && !w.rh_off &&
	    ro_unreachable(dp, p, &w))
		return result(MIP6_DPA_SIGNAL, NULL);
	if (w.upper == MIP6_PROTO_IPV6)
		return tunnel_in(dp, b, &w);

	/* Check everything before changing anything: a drop leaves the
	 * packet as it arrived. */
	bool rh2 = w.rh_off && p[w.rh_off + 2] == 2;
	mip6_addr_t rh_hoa = {{0}}, hao = {{0}};
	if (rh2) {
		const uint8_t *rh = p + w.rh_off;
		/* RFC 6275 6.4: Hdr Ext Len 2 and Segments Left 1, else the
		 * header is not a valid type 2 routing header. */
		if (rh[1] != 2 || rh[3] != 1) {
			dp->stats->drop_rh2++;
			return drop(MIP6_EV_DP_DROP_RH2_MALFORMED,
			            "type 2 routing header without Hdr Ext Len 2 and Segments Left 1");
		}
		get_addr(&rh_hoa, rh + 8);
		if (w.hao_off)
			get_addr(&hao, p + w.hao_off);
		/* RFC 6275 11.3.3: the home address must be ours and the IPv6
		 * destination the care-of address it is bound to. */
		if (!own_hoa_at(dp, &rh_hoa, &dst, w.hao_off ? &hao : &src)) {
			dp->stats->drop_rh2++;
			return drop(
			    MIP6_EV_DP_DROP_RH2_NOT_OUR_HOA,
			    "type 2 routing header does not carry our home address for this care-of address");
		}
	}
	if (w.hao_off) {
		get_addr(&hao, p + w.hao_off);
		/* RFC 6275 9.3.1: a Home Address option is accepted only with a
		 * binding of that home address to the packet's source (the
		 * Binding Update, signaling above, is the exception); otherwise
		 * drop and answer with a Binding Error, status 1. Followed by ESP
		 * or AH the packet "SHOULD be processed normally": IPsec, not
		 * a binding, vouches for it. */
		uint8_t after_hao = p[w.hao_hdr];
		bool ipsec = after_hao == MIP6_PROTO_ESP || after_hao == MIP6_PROTO_AH;
		if (!ipsec && !mip6_dp_bc_find_coa(dp, &hao, &src, 0)) {
			dp->stats->drop_hao_no_binding++;
			mip6_dp_result_t r =
			    drop(MIP6_EV_DP_DROP_HAO_NO_BINDING, "Home Address option without a binding");
			r.be_hint = true;
			r.hint_peer = hao;
			return r;
		}
	}
	if (!rh2 && !w.hao_off)
		return result(MIP6_DPA_PASS, NULL);

	/* Processed: the upper layer sees the home addresses, as RFC 6275
	 * 9.3.1 (source := home address) and 6.4 / 11.3.3 (destination :=
	 * home address) say. The headers themselves are taken out (later one
	 * first), so the stack the packet is delivered to needs to know
	 * neither (an unknown option type 201 would make it drop the packet,
	 * RFC 8200 4.2); the upper-layer checksum, computed over the home
	 * addresses, verifies as it is. */
	mip6_buf_trim(b, w.end);
	if (w.hao_off)
		put_addr(p + 8, &hao);
	if (rh2)
		put_addr(p + 24, &rh_hoa);
	bool hao_cut = w.hao_off && w.hao_hdr_only;
	if (w.hao_off && !hao_cut) {
		/* Other options share the header: the HAO becomes a PadN. */
		uint8_t *opt = p + w.hao_off - 2;
		opt[0] = 1;
		memset(opt + 2, 0, 16);
	}
	if (hao_cut && (!rh2 || w.hao_hdr > w.rh_off))
		mip6_dp_remove_hdr(b, w.hao_hdr, w.hao_hdr_len, w.hao_hdr_nxt);
	if (rh2)
		mip6_dp_remove_hdr(b, w.rh_off, MIP6_RH2_LEN, w.rh_nxt);
	if (hao_cut && rh2 && w.hao_hdr < w.rh_off)
		mip6_dp_remove_hdr(b, w.hao_hdr, w.hao_hdr_len, w.hao_hdr_nxt);
	if (w.hao_off)
		dp->stats->dp_hao_in++;
	if (rh2)
		dp->stats->dp_rh2_in++;
	return result(MIP6_DPA_DELIVER, NULL);
}
