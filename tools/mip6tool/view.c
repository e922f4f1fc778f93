/* SPDX-License-Identifier: BSD-3-Clause */
/* What a decode produced, reduced to the facts the printers rely on: which
 * layer is innermost, where its upper layer is, and whether the record of
 * that upper layer may be read. */
#include <stdint.h>

#include "tool.h"

void tool_view_init(tool_view_t *v, const uint8_t *p, size_t len, const mip6_pkt_t *pkt, int rc, bool strict)
{
	v->p = p;
	v->len = len;
	v->pkt = pkt;
	v->rc = rc;
	v->strict = strict;
	/* The walk counts a layer before parsing its header: a layer whose
	 * header failed has no offset set (inner layers never sit at 0), and
	 * the outer one failed when the bytes are no IPv6 header at all. */
	unsigned n = pkt->nlayers;
	if (n > MIP6_MAX_LAYERS)
		n = MIP6_MAX_LAYERS;
	while (n > 1 && pkt->layer[n - 1].off == 0)
		n--;
	if (n == 1 && (len < MIP6_IP6_HLEN || (p[0] >> 4) != 6))
		n = 0;
	v->nlayers = n;
	v->inner = n ? &pkt->layer[n - 1] : NULL;
	v->ul = NULL;
	v->ul_len = 0;
	v->ul_ok = false;
	/* The upper layer belongs to the innermost layer only when all the
	 * layers the walk counted were parsed; upper_off/upper_len were set
	 * before the upper layer was parsed and lie within the capture. */
	if (v->inner && n == pkt->nlayers && pkt->ul != MIP6_UL_NONE && v->inner->upper_off <= len &&
	    v->inner->upper_len <= len - v->inner->upper_off) {
		v->ul = p + v->inner->upper_off;
		v->ul_len = v->inner->upper_len;
	}
	/* A failed parse may leave the upper-layer record half written: only
	 * a successful one is read field by field. */
	v->ul_ok = rc == 0 && v->ul != NULL;
	v->tool_warning = NULL;
	v->snapped = false;
	v->rejected = rc != 0;
	v->problem = rc != 0 || pkt->warnings != 0;
	v->why = pkt->diag.why ? pkt->diag.why : rc ? mip6_strerror(rc) : NULL;
	v->offset = pkt->diag.offset;
	v->err = pkt->diag.why ? pkt->diag.err : rc;
	if (v->problem && !v->why) {
		/* A warning recorded without a reason (e.g. trailing bytes). */
		uint32_t first = pkt->warnings & (~pkt->warnings + 1u);
		v->why = tool_warn_text(first);
		v->offset = v->ul ? v->inner->upper_off : 0;
		v->err = MIP6_E_LEN;
	}

	/* RFC 6275 9.2: an unrecognized MH Type is discarded and answered
	 * with a Binding Error, status 2. */
	if (v->ul_ok && pkt->ul == MIP6_UL_MH && mip6_mh_fixed_len(pkt->mh.type) < 0) {
		v->tool_warning = "mh-type";
		if (!v->problem) {
			v->why =
			    "MH Type not recognized (RFC 6275 9.2: answered with Binding Error status 2)";
			v->offset = v->inner->upper_off + 2;
			v->err = MIP6_E_TYPE;
			v->rejected = strict;
			v->problem = true;
		}
	}
}

static bool icmp6_mobility_type(uint8_t type)
{
	switch (type) {
	case MIP6_ICMP6_RS:
	case MIP6_ICMP6_RA:
	case MIP6_ICMP6_NS:
	case MIP6_ICMP6_NA:
	case MIP6_ICMP6_DHAAD_REQUEST:
	case MIP6_ICMP6_DHAAD_REPLY:
	case MIP6_ICMP6_MPS:
	case MIP6_ICMP6_MPA:
		return true;
	default:
		return false;
	}
}

bool tool_view_is_mobility(const tool_view_t *v)
{
	const mip6_pkt_t *pkt = v->pkt;
	if (pkt->nlayers > 1)
		return true;
	for (unsigned i = 0; i < v->nlayers; i++) {
		const mip6_layer_t *l = &pkt->layer[i];
		if (l->has_hao || (l->has_rh && l->rh.type == 2))
			return true;
		/* A tunnel whose inner header could not be parsed. */
		if (l->upper == MIP6_PROTO_IPV6)
			return true;
	}
	if (pkt->ul == MIP6_UL_MH)
		return true;
	if (pkt->ul == MIP6_UL_ICMP6 && v->ul && v->ul_len >= 1)
		return icmp6_mobility_type(v->ul[0]);
	return false;
}

bool tool_view_is_interesting(const tool_view_t *v)
{
	if (tool_view_is_mobility(v))
		return true;
	/* Upper-layer checksum failures of other traffic are common in local
	 * captures (offload) and not a mobility matter, nor are packets a
	 * snapshot length cut short once their headers were read. Anything
	 * else wrong with the IPv6 structure is shown: the packet may have
	 * been a mobility one. */
	uint32_t ignore = MIP6_W_CKSUM;
	if (v->snapped)
		ignore |= MIP6_W_CAPLEN;
	if (v->rc != 0) {
		bool read_headers = v->ul != NULL;
		if (v->pkt->diag.err == MIP6_E_CKSUM ||
		    (v->snapped && read_headers && v->pkt->diag.err == MIP6_E_TRUNC))
			return (v->pkt->warnings & ~ignore) != 0;
		return true;
	}
	return (v->pkt->warnings & ~ignore) != 0 || v->tool_warning;
}

const uint8_t *tool_view_bytes(const tool_view_t *v, const uint8_t *q, size_t n)
{
	uintptr_t a = (uintptr_t)v->ul, b = (uintptr_t)q;
	if (!q || !v->ul || b < a || b - a > v->ul_len || n > v->ul_len - (b - a))
		return NULL;
	return q;
}
