/* SPDX-License-Identifier: BSD-3-Clause */
/* The fixed IPv6 header (RFC 8200 3). */
#include "mip6/ipv6.h"
#include "wire/bytes.h"

int mip6_ip6_parse(const uint8_t *p, size_t len, mip6_ip6_t *h, mip6_diag_t *d)
{
	if (len < MIP6_IP6_HLEN)
		return diag_fail(d, MIP6_E_TRUNC, len, "IPv6 header shorter than 40 bytes");
	if ((p[0] >> 4) != 6)
		return diag_fail(d, MIP6_E_PROTO, 0, "IP version is not 6");
	uint32_t w = get32(p);
	h->tclass = (uint8_t)(w >> 20);
	h->flow = w & 0xfffffu;
	h->plen = get16(p + 4);
	h->nxt = p[6];
	h->hlim = p[7];
	get_addr(&h->src, p + 8);
	get_addr(&h->dst, p + 24);
	return 0;
}

void mip6_ip6_emit(const mip6_ip6_t *h, uint8_t out[MIP6_IP6_HLEN])
{
	put32(out, (uint32_t)6 << 28 | (uint32_t)h->tclass << 20 | (h->flow & 0xfffffu));
	put16(out + 4, h->plen);
	out[6] = h->nxt;
	out[7] = h->hlim;
	put_addr(out + 8, &h->src);
	put_addr(out + 24, &h->dst);
}
