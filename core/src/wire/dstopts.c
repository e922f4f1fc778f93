/* SPDX-License-Identifier: BSD-3-Clause */
/* Destination Options header (RFC 8200 4.6) and the Home Address option
 * (RFC 6275 6.3). */
#include "mip6/decode.h"
#include "mip6/ipv6.h"
#include "wire/bytes.h"

#define OPT_PAD1 0
#define OPT_PADN 1

int mip6_dstopts_parse(const uint8_t *p, size_t len, unsigned flags, mip6_dstopts_t *o, mip6_diag_t *d)
{
	memset(o, 0, sizeof(*o));
	if (len < 2)
		return diag_fail(d, MIP6_E_TRUNC, len, "destination options header shorter than 2 bytes");
	o->nxt = p[0];
	o->len = (p[1] + 1u) * 8u;
	if (o->len > len)
		return diag_fail(d, MIP6_E_TRUNC, 1, "destination options header length exceeds packet");

	size_t i = 2;
	int rc;
	while (i < o->len) {
		uint8_t type = p[i];
		if (type == OPT_PAD1) {
			i++;
			continue;
		}
		if (i + 2 > o->len || i + 2 + p[i + 1] > o->len) {
			rc = diag_rule(d, flags, &o->warnings, MIP6_W_OPT_TRUNC, MIP6_E_LEN, i,
				       "destination option runs past the end of its header");
			if (rc)
				return rc;
			break;
		}
		uint8_t olen = p[i + 1];
		if (type == MIP6_HAO_TYPE) {
			/* RFC 6275 6.3: Option Length 16 and alignment 8n+6. */
			if (olen != 16) {
				rc = diag_rule(d, flags, &o->warnings, MIP6_W_OPTLEN, MIP6_E_LEN, i,
					       "Home Address option length is not 16");
				if (rc)
					return rc;
			} else {
				if (i % 8 != 6) {
					rc = diag_rule(d, flags, &o->warnings, MIP6_W_ALIGN, MIP6_E_ALIGN, i,
						       "Home Address option not at 8n+6");
					if (rc)
						return rc;
				}
				if (o->nhao > 0) {
					rc = diag_rule(d, flags, &o->warnings, MIP6_W_DUP_HAO, MIP6_E_INVAL, i,
						       "more than one Home Address option");
					if (rc)
						return rc;
				} else {
					get_addr(&o->hao, p + i + 2);
					o->hao_off = (unsigned)i;
				}
				o->nhao++;
			}
		}
		i += 2u + olen;
	}
	return 0;
}

void mip6_dstopts_emit_hao(uint8_t nxt, const mip6_addr_t *hoa, uint8_t out[MIP6_HAO_DSTOPT_LEN])
{
	out[0] = nxt;
	out[1] = 2; /* (24 / 8) - 1 */
	/* PadN of 4 bytes in total puts the HAO type at offset 6 (8n+6). */
	out[2] = OPT_PADN;
	out[3] = 2;
	out[4] = 0;
	out[5] = 0;
	out[6] = MIP6_HAO_TYPE;
	out[7] = 16;
	put_addr(out + 8, hoa);
}
