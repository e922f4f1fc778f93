/* SPDX-License-Identifier: BSD-3-Clause */
/* fuzz_node's packet builders: whole IPv6 packets made with the core's own
 * emitters (mip6_mh_emit, mip6_icmp6_emit, mip6_buf_push_*), so that
 * checksums are right and the node gets past its first checks. */
#include <string.h>

#include "node_fuzz.h"

#define HEADROOM 256

/* Wraps the upper layer already at the data of b (nxt) with the HAO, RH2
 * and IPv6 header of h, and copies the packet out. */
static size_t finish(mip6_buf_t *b, uint8_t nxt, const pkt_hdrs_t *h, uint8_t *out, size_t cap)
{
	if (h->hao) {
		if (mip6_buf_push_hao(b, nxt, h->hao) != 0)
			return 0;
		nxt = MIP6_PROTO_DSTOPTS;
	}
	if (h->rh2) {
		if (mip6_buf_push_rh2(b, nxt, h->rh2) != 0)
			return 0;
		nxt = MIP6_PROTO_ROUTING;
	}
	mip6_ip6_t ip;
	memset(&ip, 0, sizeof(ip));
	ip.nxt = nxt;
	ip.hlim = h->hlim ? h->hlim : 64;
	ip.src = h->src;
	ip.dst = h->dst;
	if (mip6_buf_push_ip6(b, &ip) != 0 || b->len > cap)
		return 0;
	memcpy(out, mip6_buf_data(b), b->len);
	return b->len;
}

size_t pk_mh(const mip6_mh_t *m, const pkt_hdrs_t *h, uint8_t *out, size_t cap)
{
	static uint8_t mem[HEADROOM + MIP6_MH_MAX_LEN + 64];
	mip6_buf_t b;
	mip6_buf_init(&b, mem, sizeof(mem), HEADROOM);
	const mip6_addr_t *cs = h->hao ? h->hao : &h->src;
	const mip6_addr_t *cd = h->rh2 ? h->rh2 : &h->dst;
	int n = mip6_mh_emit(m, cs, cd, 0, mip6_buf_data(&b), mip6_buf_tailroom(&b));
	if (n <= 0)
		return 0;
	mip6_buf_put(&b, (size_t)n);
	return finish(&b, MIP6_PROTO_MH, h, out, cap);
}

size_t pk_icmp6(const mip6_icmp6_t *m, const pkt_hdrs_t *h, uint8_t *out, size_t cap)
{
	static uint8_t mem[HEADROOM + 2048];
	mip6_buf_t b;
	mip6_buf_init(&b, mem, sizeof(mem), HEADROOM);
	const mip6_addr_t *cs = h->hao ? h->hao : &h->src;
	const mip6_addr_t *cd = h->rh2 ? h->rh2 : &h->dst;
	int n = mip6_icmp6_emit(m, cs, cd, 0, mip6_buf_data(&b), mip6_buf_tailroom(&b));
	if (n <= 0)
		return 0;
	mip6_buf_put(&b, (size_t)n);
	return finish(&b, MIP6_PROTO_ICMPV6, h, out, cap);
}

size_t pk_udp(const pkt_hdrs_t *h, uint16_t sport, uint16_t dport, const uint8_t *data, size_t dlen,
              uint8_t *out, size_t cap)
{
	static uint8_t mem[HEADROOM + 8 + 512];
	if (dlen > 512)
		dlen = 512;
	mip6_buf_t b;
	mip6_buf_init(&b, mem, sizeof(mem), HEADROOM);
	uint8_t *u = mip6_buf_put(&b, 8 + dlen);
	size_t ulen = 8 + dlen;
	u[0] = (uint8_t)(sport >> 8);
	u[1] = (uint8_t)sport;
	u[2] = (uint8_t)(dport >> 8);
	u[3] = (uint8_t)dport;
	u[4] = (uint8_t)(ulen >> 8);
	u[5] = (uint8_t)ulen;
	u[6] = u[7] = 0;
	if (dlen)
		memcpy(u + 8, data, dlen);
	const mip6_addr_t *cs = h->hao ? h->hao : &h->src;
	const mip6_addr_t *cd = h->rh2 ? h->rh2 : &h->dst;
	uint16_t c = mip6_cksum_pseudo(cs, cd, (uint32_t)ulen, MIP6_PROTO_UDP, u, ulen);
	if (c == 0)
		c = 0xffff; /* RFC 8200 8.1: a zero UDP checksum is sent as all ones */
	u[6] = (uint8_t)(c >> 8);
	u[7] = (uint8_t)c;
	return finish(&b, MIP6_PROTO_UDP, h, out, cap);
}

/* IPv6-in-IPv6 (RFC 2473) in place: pkt[0..len) moves behind a new outer
 * header. Returns the new length, or 0 when cap is too small. */
size_t pk_encap(uint8_t *pkt, size_t len, size_t cap, const mip6_addr_t *src, const mip6_addr_t *dst)
{
	static uint8_t mem[HEADROOM + 4096];
	if (len + MIP6_IP6_HLEN > cap || len > sizeof(mem) - HEADROOM)
		return 0;
	mip6_buf_t b;
	mip6_buf_init(&b, mem, sizeof(mem), HEADROOM);
	memcpy(mip6_buf_put(&b, len), pkt, len);
	if (mip6_buf_encap(&b, src, dst, 64) != 0)
		return 0;
	memcpy(pkt, mip6_buf_data(&b), b.len);
	return b.len;
}

bool pk_upper(const uint8_t *pkt, size_t len, size_t *off, size_t *ulen)
{
	static mip6_pkt_t p;
	if (mip6_pkt_parse(pkt, len, MIP6_DEC_LENIENT, &p) != 0 || p.nlayers == 0)
		return false;
	const mip6_layer_t *l = &p.layer[p.nlayers - 1];
	*off = l->upper_off;
	*ulen = l->upper_len;
	return true;
}

bool pk_pristine(const uint8_t *pkt, size_t len)
{
	static mip6_pkt_t p;
	return mip6_pkt_parse(pkt, len, MIP6_DEC_STRICT, &p) == 0 && p.cksum_ok != 0 && p.warnings == 0;
}
