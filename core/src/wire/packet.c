/* SPDX-License-Identifier: BSD-3-Clause */
/* Walks an IPv6 packet: header chain, HAO, routing headers, nested
 * IPv6-in-IPv6 tunnels, then decodes the upper layer with the checksum
 * pseudo-header that RFC 6275 6.1.1 and RFC 8200 8.1 prescribe. */
#include <stddef.h>

#include "mip6/packet.h"
#include "wire/bytes.h"

const mip6_addr_t *mip6_layer_cksum_src(const mip6_layer_t *l)
{
	return l->has_hao ? &l->hao : &l->ip.src;
}

const mip6_addr_t *mip6_layer_cksum_dst(const mip6_layer_t *l)
{
	/* The final destination: the last routing-header address while
	 * segments remain (as sent), else the IPv6 destination. */
	if (l->has_rh && (l->rh.type == 0 || l->rh.type == 2) && l->rh.segleft > 0 && l->rh.naddr > 0)
		return &l->rh.last;
	return &l->ip.dst;
}

typedef struct walk {
	const uint8_t *p;
	unsigned flags;
	mip6_pkt_t *pkt;
	bool truncated;     /* capture shorter than the payload lengths */
} walk_t;

static int rule(walk_t *w, uint32_t bit, int err, size_t off, const char *why)
{
	return diag_rule(&w->pkt->diag, w->flags, &w->pkt->warnings, bit, err, off, why);
}

static int fail(walk_t *w, int err, size_t off, const char *why)
{
	return diag_fail(&w->pkt->diag, err, off, why);
}

static int parse_upper(walk_t *w, const mip6_layer_t *l)
{
	mip6_pkt_t *pkt = w->pkt;
	const uint8_t *u = w->p + l->upper_off;
	size_t ulen = l->upper_len;
	/* A truncated capture cannot be checksummed: decode without it. */
	const mip6_addr_t *src = w->truncated ? NULL : mip6_layer_cksum_src(l);
	const mip6_addr_t *dst = w->truncated ? NULL : mip6_layer_cksum_dst(l);
	mip6_diag_t sub = {0};
	int rc;

	switch (l->upper) {
	case MIP6_PROTO_NONE:
		pkt->ul = MIP6_UL_NONE;
		return 0;
	case MIP6_PROTO_MH_OLD:
		/* Old captures (tcpdump's among them) carry MH under 62; only an
		 * inspection decode reads it, and says so. */
		if (!(w->flags & MIP6_DEC_LENIENT)) {
			pkt->ul = MIP6_UL_OTHER;
			return 0;
		}
		pkt->warnings |= MIP6_W_OLD_MH;
		if (!pkt->diag.why)
			pkt->diag = (mip6_diag_t){MIP6_E_PROTO, l->upper_off,
						  "Mobility Header under next header 62 (pre-RFC 3775 draft)"};
		src = dst = NULL; /* the drafts' checksum rules differ */
		/* fall through */
	case MIP6_PROTO_MH:
		pkt->ul = MIP6_UL_MH;
		rc = mip6_mh_parse(u, ulen, src, dst, w->flags, &pkt->mh, &sub);
		pkt->warnings |= pkt->mh.warnings;
		pkt->cksum_ok = pkt->mh.cksum_ok;
		break;
	case MIP6_PROTO_ICMPV6:
		pkt->ul = MIP6_UL_ICMP6;
		rc = mip6_icmp6_parse(u, ulen, src, dst, w->flags, &pkt->icmp6, &sub);
		pkt->warnings |= pkt->icmp6.warnings;
		pkt->cksum_ok = pkt->icmp6.cksum_ok;
		break;
	case MIP6_PROTO_UDP:
	case MIP6_PROTO_TCP: {
		bool udp = l->upper == MIP6_PROTO_UDP;
		pkt->ul = udp ? MIP6_UL_UDP : MIP6_UL_TCP;
		size_t min = udp ? 8 : 20;
		if (ulen < min)
			return fail(w, MIP6_E_TRUNC, l->upper_off, udp ? "UDP header truncated" : "TCP header truncated");
		pkt->sport = get16(u);
		pkt->dport = get16(u + 2);
		pkt->l4_cksum = get16(u + (udp ? 6 : 16));
		if (src == NULL)
			return 0;
		/* RFC 8200 8.1: a zero UDP checksum is not allowed over IPv6. */
		bool ok = mip6_cksum_pseudo(src, dst, (uint32_t)ulen, l->upper, u, ulen) == 0 &&
			  !(udp && pkt->l4_cksum == 0);
		pkt->cksum_ok = ok;
		if (!ok)
			return rule(w, MIP6_W_CKSUM, MIP6_E_CKSUM, l->upper_off,
				    udp ? "UDP checksum does not verify" : "TCP checksum does not verify");
		return 0;
	}
	default:
		pkt->ul = MIP6_UL_OTHER;
		return 0;
	}

	if (sub.why && (rc != 0 || pkt->diag.why == NULL)) {
		pkt->diag = sub;
		pkt->diag.offset += l->upper_off;
	}
	return rc;
}

/* Parses the IPv6 header at off and its extension headers, within end. */
static int parse_layer(walk_t *w, size_t off, size_t end)
{
	mip6_pkt_t *pkt = w->pkt;
	if (pkt->nlayers == MIP6_MAX_LAYERS)
		return fail(w, MIP6_E_DEPTH, off, "too many nested IPv6-in-IPv6 tunnels");
	mip6_layer_t *l = &pkt->layer[pkt->nlayers++];
	mip6_diag_t sub = {0};
	int rc = mip6_ip6_parse(w->p + off, end - off, &l->ip, &sub);
	if (rc) {
		pkt->nlayers--; /* layer[] holds only headers that parsed */
		pkt->diag = sub;
		pkt->diag.offset += (unsigned)off;
		return rc;
	}
	l->off = (unsigned)off;

	size_t cur = off + MIP6_IP6_HLEN;
	size_t pend = cur + l->ip.plen;
	if (pend > end) {
		rc = rule(w, MIP6_W_CAPLEN, MIP6_E_TRUNC, off + 4,
			  "IPv6 payload length exceeds the bytes available");
		if (rc)
			return rc;
		w->truncated = true;
		pend = end;
	}

	uint8_t nxt = l->ip.nxt;
	for (;;) {
		size_t left = pend - cur;
		const uint8_t *h = w->p + cur;
		size_t hlen;
		switch (nxt) {
		case MIP6_PROTO_HOPOPTS:
		case MIP6_PROTO_DSTOPTS:
		case MIP6_PROTO_ROUTING:
		case MIP6_PROTO_FRAGMENT:
		case MIP6_PROTO_AH:
			break;
		case MIP6_PROTO_IPV6:
			l->upper = nxt;
			l->upper_off = (unsigned)cur;
			l->upper_len = (unsigned)left;
			return parse_layer(w, cur, pend);
		default:
			l->upper = nxt;
			l->upper_off = (unsigned)cur;
			l->upper_len = (unsigned)left;
			return parse_upper(w, l);
		}

		if (l->nexthdrs == MIP6_MAX_EXTHDRS)
			return fail(w, MIP6_E_DEPTH, cur, "too many extension headers");
		if (left < 2)
			return fail(w, MIP6_E_TRUNC, cur, "extension header truncated");
		l->exthdrs[l->nexthdrs++] = nxt;

		if (nxt == MIP6_PROTO_DSTOPTS) {
			mip6_dstopts_t o;
			rc = mip6_dstopts_parse(h, left, w->flags, &o, &sub);
			pkt->warnings |= rc ? 0 : o.warnings;
			if (sub.why && (rc || !pkt->diag.why)) {
				pkt->diag = sub;
				pkt->diag.offset += (unsigned)cur;
			}
			if (rc)
				return rc;
			if (o.nhao > 0 && !l->has_hao) {
				l->has_hao = true;
				l->hao = o.hao;
			} else if (o.nhao > 0) {
				rc = rule(w, MIP6_W_DUP_HAO, MIP6_E_INVAL, cur, "more than one Home Address option");
				if (rc)
					return rc;
			}
			hlen = o.len;
			nxt = o.nxt;
		} else if (nxt == MIP6_PROTO_ROUTING) {
			rc = mip6_rthdr_parse(h, left, w->flags, &l->rh, &sub);
			pkt->warnings |= rc ? 0 : l->rh.warnings;
			if (sub.why && (rc || !pkt->diag.why)) {
				pkt->diag = sub;
				pkt->diag.offset += (unsigned)cur;
			}
			if (rc)
				return rc;
			l->has_rh = true;
			hlen = l->rh.len;
			nxt = l->rh.nxt;
		} else if (nxt == MIP6_PROTO_FRAGMENT) {
			if (left < 8)
				return fail(w, MIP6_E_TRUNC, cur, "fragment header truncated");
			l->has_frag = true;
			nxt = h[0];
			hlen = 8;
			/* Only a first fragment carries the upper-layer header. */
			if ((get16(h + 2) & 0xfff8u) != 0) {
				l->upper = nxt;
				l->upper_off = (unsigned)(cur + 8);
				l->upper_len = (unsigned)(left - 8);
				pkt->ul = MIP6_UL_OTHER;
				return 0;
			}
		} else {
			hlen = nxt == MIP6_PROTO_AH ? (h[1] + 2u) * 4u : (h[1] + 1u) * 8u;
			if (hlen > left)
				return fail(w, MIP6_E_TRUNC, cur, "extension header length exceeds packet");
			nxt = h[0];
		}
		cur += hlen;
	}
}

int mip6_pkt_parse(const uint8_t *p, size_t len, unsigned flags, mip6_pkt_t *pkt)
{
	memset(pkt, 0, offsetof(mip6_pkt_t, mh));
	pkt->ul = MIP6_UL_NONE;
	pkt->sport = pkt->dport = pkt->l4_cksum = 0;
	pkt->cksum_ok = -1;
	pkt->warnings = 0;
	pkt->diag = (mip6_diag_t){0};
	if (len < MIP6_IP6_HLEN) /* also keeps arithmetic off a NULL p */
		return fail(&(walk_t){.pkt = pkt}, MIP6_E_TRUNC, len, "IPv6 header shorter than 40 bytes");
	walk_t w = {.p = p, .flags = flags, .pkt = pkt, .truncated = false};
	int rc = parse_layer(&w, 0, len);
	if (rc)
		return rc;
	const mip6_layer_t *outer = &pkt->layer[0];
	if (!w.truncated && (size_t)MIP6_IP6_HLEN + outer->ip.plen < len)
		return rule(&w, MIP6_W_TRAILING, MIP6_E_LEN, MIP6_IP6_HLEN + outer->ip.plen,
			    "bytes after the end of the IPv6 payload");
	return 0;
}

int mip6_buf_push_ip6(mip6_buf_t *b, const mip6_ip6_t *h)
{
	if (b->len > 0xffff)
		return MIP6_E_LEN;
	mip6_ip6_t hh = *h;
	hh.plen = (uint16_t)b->len;
	uint8_t *at = mip6_buf_push(b, MIP6_IP6_HLEN);
	if (!at)
		return MIP6_E_NOSPC;
	mip6_ip6_emit(&hh, at);
	return 0;
}

int mip6_buf_push_hao(mip6_buf_t *b, uint8_t nxt, const mip6_addr_t *hoa)
{
	uint8_t *at = mip6_buf_push(b, MIP6_HAO_DSTOPT_LEN);
	if (!at)
		return MIP6_E_NOSPC;
	mip6_dstopts_emit_hao(nxt, hoa, at);
	return 0;
}

int mip6_buf_push_rh2(mip6_buf_t *b, uint8_t nxt, const mip6_addr_t *hoa)
{
	uint8_t *at = mip6_buf_push(b, MIP6_RH2_LEN);
	if (!at)
		return MIP6_E_NOSPC;
	mip6_rh2_emit(nxt, hoa, 1, at);
	return 0;
}

int mip6_buf_encap(mip6_buf_t *b, const mip6_addr_t *src, const mip6_addr_t *dst, uint8_t hlim)
{
	mip6_ip6_t outer = {.nxt = MIP6_PROTO_IPV6, .hlim = hlim, .src = *src, .dst = *dst};
	return mip6_buf_push_ip6(b, &outer);
}
