/* SPDX-License-Identifier: BSD-3-Clause */
/* Routing headers (RFC 8200 4.4); type 2 of RFC 6275 6.4 carries the home
 * address, type 0 is decoded only to find the final destination. */
#include "mip6/decode.h"
#include "mip6/ipv6.h"
#include "wire/bytes.h"

int mip6_rthdr_parse(const uint8_t *p, size_t len, unsigned flags, mip6_rthdr_t *r, mip6_diag_t *d)
{
	memset(r, 0, sizeof(*r));
	if (len < 8)
		return diag_fail(d, MIP6_E_TRUNC, len, "routing header shorter than 8 bytes");
	r->nxt = p[0];
	r->len = (p[1] + 1u) * 8u;
	r->type = p[2];
	r->segleft = p[3];
	if (r->len > len)
		return diag_fail(d, MIP6_E_TRUNC, 1, "routing header length exceeds packet");
	if (r->type != 0 && r->type != 2)
		return 0;

	r->naddr = p[1] / 2u;
	if (r->type == 2) {
		/* RFC 6275 6.4: Hdr Ext Len 2, Segments Left 1, one address. */
		int rc = 0;
		if (p[1] != 2)
			rc = diag_rule(d, flags, &r->warnings, MIP6_W_RH2, MIP6_E_LEN, 1,
				       "type 2 routing header with Hdr Ext Len other than 2");
		else if (r->segleft != 1)
			rc = diag_rule(d, flags, &r->warnings, MIP6_W_RH2, MIP6_E_INVAL, 3,
				       "type 2 routing header with Segments Left other than 1");
		if (rc)
			return rc;
	} else if (r->segleft > r->naddr) {
		return diag_fail(d, MIP6_E_INVAL, 3, "routing header Segments Left exceeds its addresses");
	}
	if (r->naddr > 0) {
		get_addr(&r->first, p + 8);
		get_addr(&r->last, p + 8 + 16 * (r->naddr - 1));
	}
	return 0;
}

void mip6_rh2_emit(uint8_t nxt, const mip6_addr_t *hoa, uint8_t segleft, uint8_t out[MIP6_RH2_LEN])
{
	out[0] = nxt;
	out[1] = 2;
	out[2] = 2;
	out[3] = segleft;
	memset(out + 4, 0, 4);
	put_addr(out + 8, hoa);
}
