/* SPDX-License-Identifier: BSD-3-Clause */
/* One pass over an IPv6 header chain: where the upper layer starts, where
 * the Home Address option and the routing header are, where a HAO or an
 * RTHDR2 has to be inserted, and the ports the flow policy matches on. */
#include "dp/dp_internal.h"
#include "mip6/decode.h"
#include "mip6/err.h"
#include "mip6/ipv6.h"
#include "wire/bytes.h"

#define DP_MAX_HDRS 16

static bool has_ports(uint8_t proto)
{
	return proto == MIP6_PROTO_TCP || proto == MIP6_PROTO_UDP || proto == 33 /* DCCP */ ||
	       proto == 132 /* SCTP */ || proto == 136 /* UDP-Lite */;
}

/* True when the options of a (valid) Destination Options header are
 * Pad1, PadN and the Home Address option only. */
static bool only_padding_and_hao(const uint8_t *h, size_t len)
{
	for (size_t i = 2; i < len;) {
		if (h[i] == 0) {
			i++;
			continue;
		}
		if (h[i] != 1 && h[i] != MIP6_HAO_TYPE)
			return false;
		i += 2u + h[i + 1];
	}
	return true;
}

static int bad(const char **why, const char *text)
{
	*why = text;
	return MIP6_E_INVAL;
}

int mip6_dp_walk(const uint8_t *p, size_t len, dp_walk_t *w, const char **why)
{
	memset(w, 0, sizeof(*w));
	if (len < MIP6_IP6_HLEN)
		return bad(why, "shorter than an IPv6 header");
	if (p[0] >> 4 != 6)
		return bad(why, "not an IPv6 packet");
	size_t plen = get16(p + 4);
	if (plen == 0 && p[6] == MIP6_PROTO_HOPOPTS)
		return bad(why, "jumbogram (not handled by the data plane)");
	w->end = MIP6_IP6_HLEN + plen;
	if (w->end > len)
		return bad(why, "IPv6 payload length exceeds the packet");

	uint8_t nxt = p[6];
	size_t off = MIP6_IP6_HLEN, nxt_off = 6;
	w->rh_ins = w->hao_ins = off;
	w->rh_ins_nxt = w->hao_ins_nxt = nxt_off;
	for (unsigned n = 0; n < DP_MAX_HDRS; n++) {
		size_t left = w->end - off;
		const uint8_t *h = p + off;
		size_t hlen;
		switch (nxt) {
		case MIP6_PROTO_HOPOPTS:
			/* RFC 8200 4.1: only right after the IPv6 header. */
			if (off != MIP6_IP6_HLEN)
				return bad(why, "Hop-by-Hop Options header not first");
			if (left < 2 || (hlen = (h[1] + 1u) * 8u) > left)
				return bad(why, "Hop-by-Hop Options header truncated");
			w->rh_ins = w->hao_ins = off + hlen;
			w->rh_ins_nxt = w->hao_ins_nxt = off;
			break;
		case MIP6_PROTO_ROUTING:
			if (left < 4 || (hlen = (h[1] + 1u) * 8u) > left)
				return bad(why, "routing header truncated");
			if (w->rh_off)
				return bad(why, "more than one routing header");
			w->rh_off = off;
			w->rh_nxt = nxt_off;
			/* RFC 6275 6.3: the HAO goes after the routing header. */
			w->hao_ins = off + hlen;
			w->hao_ins_nxt = off;
			break;
		case MIP6_PROTO_DSTOPTS: {
			mip6_dstopts_t o;
			mip6_diag_t d = {0};
			if (mip6_dstopts_parse(h, left, MIP6_DEC_STRICT, &o, &d) != 0)
				return bad(why, d.why ? d.why : "destination options header malformed");
			if (o.nhao) {
				if (w->hao_off)
					return bad(why, "more than one Home Address option");
				w->hao_off = off + o.hao_off + 2;
				w->hao_hdr = off;
				w->hao_hdr_len = o.len;
				w->hao_hdr_nxt = nxt_off;
				w->hao_hdr_only = only_padding_and_hao(h, o.len);
			}
			hlen = o.len;
			break;
		}
		case MIP6_PROTO_FRAGMENT:
			if (left < 8)
				return bad(why, "fragment header truncated");
			if ((get16(h + 2) & 0xfff8u) != 0) {
				/* Not the first fragment: no upper-layer header to
				 * look at, so nothing is classified by it. */
				w->upper = MIP6_PROTO_FRAGMENT;
				w->upper_off = off;
				return 0;
			}
			hlen = 8;
			break;
		case MIP6_PROTO_AH:
			if (left < 2 || (hlen = (h[1] + 2u) * 4u) > left)
				return bad(why, "authentication header truncated");
			break;
		default:
			w->upper = nxt;
			w->upper_off = off;
			if (has_ports(nxt) && left >= 4) {
				w->has_ports = true;
				w->sport = get16(h);
				w->dport = get16(h + 2);
			}
			return 0;
		}
		nxt = h[0];
		nxt_off = off;
		off += hlen;
	}
	return bad(why, "too many extension headers");
}

int mip6_dp_flow_pick(const mip6_dp_t *dp, const uint8_t *pkt, const dp_walk_t *w,
                 bool (*live)(const void *ctx, uint16_t bid), const void *ctx)
{
	mip6_addr_t src, dst;
	get_addr(&src, pkt + 8);
	get_addr(&dst, pkt + 24);
	for (unsigned i = 0; i < dp->n_rules; i++) {
		const mip6_flow_rule_t *r = &dp->rules[i];
		if (r->proto && r->proto != w->upper)
			continue;
		if (r->src.plen && !mip6_addr_prefix_match(&src, &r->src.prefix, r->src.plen))
			continue;
		if (r->dst.plen && !mip6_addr_prefix_match(&dst, &r->dst.prefix, r->dst.plen))
			continue;
		/* A range lo..hi; hi 0 with lo set means the single port lo. */
		if (r->sport_lo || r->sport_hi) {
			uint16_t hi = r->sport_hi ? r->sport_hi : r->sport_lo;
			if (!w->has_ports || w->sport < r->sport_lo || w->sport > hi)
				continue;
		}
		if (r->dport_lo || r->dport_hi) {
			uint16_t hi = r->dport_hi ? r->dport_hi : r->dport_lo;
			if (!w->has_ports || w->dport < r->dport_lo || w->dport > hi)
				continue;
		}
		/* A rule whose binding is gone does not hold the flow: the
		 * next matching rule (or the default binding) takes it. */
		if (live(ctx, r->bid))
			return r->bid;
	}
	return -1;
}

/* Opens a gap of n bytes at offset 'at' by moving the bytes before it into
 * the headroom; the Next Header byte at nxt_off (< at) then names 'proto'.
 * Returns where the gap starts and the displaced next header in *old. */
static uint8_t *open_gap(mip6_buf_t *b, size_t at, size_t nxt_off, size_t n, uint8_t proto, uint8_t *old)
{
	if (b->len + n - MIP6_IP6_HLEN > 0xffff)
		return NULL;
	uint8_t *p = mip6_buf_push(b, n);
	if (!p)
		return NULL;
	memmove(p, p + n, at);
	*old = p[nxt_off];
	p[nxt_off] = proto;
	put16(p + 4, (uint16_t)(b->len - MIP6_IP6_HLEN));
	return p + at;
}

int mip6_dp_insert_hao(mip6_buf_t *b, const dp_walk_t *w, const mip6_addr_t *hoa)
{
	uint8_t old;
	uint8_t *at = open_gap(b, w->hao_ins, w->hao_ins_nxt, MIP6_HAO_DSTOPT_LEN, MIP6_PROTO_DSTOPTS, &old);
	if (!at)
		return MIP6_E_NOSPC;
	mip6_dstopts_emit_hao(old, hoa, at);
	return 0;
}

int mip6_dp_insert_rh2(mip6_buf_t *b, const dp_walk_t *w, const mip6_addr_t *hoa)
{
	uint8_t old;
	uint8_t *at = open_gap(b, w->rh_ins, w->rh_ins_nxt, MIP6_RH2_LEN, MIP6_PROTO_ROUTING, &old);
	if (!at)
		return MIP6_E_NOSPC;
	/* RFC 6275 6.4: Segments Left 1, the home address as the one hop. */
	mip6_rh2_emit(old, hoa, 1, at);
	return 0;
}

void mip6_dp_remove_hdr(mip6_buf_t *b, size_t off, size_t len, size_t nxt_off)
{
	uint8_t *p = mip6_buf_data(b);
	p[nxt_off] = p[off];
	memmove(p + len, p, off);
	p = mip6_buf_pull(b, len);
	put16(p + 4, (uint16_t)(b->len - MIP6_IP6_HLEN));
}
