/* SPDX-License-Identifier: BSD-3-Clause */
/* libFuzzer target: mip6_dstopts_parse strict and lenient, and the HAO
 * emitter's output parsing back to the same home address. */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "mip6/ipv6.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parse_one(const uint8_t *p, size_t len, unsigned flags)
{
	mip6_dstopts_t o;
	mip6_diag_t d = {0};
	int rc = mip6_dstopts_parse(p, len, flags, &o, &d);
	fuzz_check_rc(rc, &d, len);
	if (rc != 0)
		return;
	fuzz_check_warnings(o.warnings);
	FUZZ_CHECK(o.len >= 8 && o.len % 8 == 0 && o.len <= len);
	FUZZ_CHECK(o.nxt == p[0]);
	if (o.nhao > 0) {
		FUZZ_CHECK(o.hao_off + 18u <= o.len);
		FUZZ_CHECK(p[o.hao_off] == MIP6_HAO_TYPE && p[o.hao_off + 1] == 16);
		FUZZ_CHECK(memcmp(o.hao.b, p + o.hao_off + 2, 16) == 0);
	}
	if (flags == MIP6_DEC_STRICT) {
		FUZZ_CHECK(o.warnings == 0);
		FUZZ_CHECK(o.nhao <= 1);
		FUZZ_CHECK(o.nhao == 0 || o.hao_off % 8 == 6);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_one(data, size, MIP6_DEC_STRICT);
	parse_one(data, size, MIP6_DEC_LENIENT);

	if (size >= 17) {
		mip6_addr_t hoa;
		uint8_t hdr[MIP6_HAO_DSTOPT_LEN];
		mip6_dstopts_t o;
		mip6_diag_t d = {0};
		memcpy(hoa.b, data + 1, 16);
		mip6_dstopts_emit_hao(data[0], &hoa, hdr);
		FUZZ_CHECK(mip6_dstopts_parse(hdr, sizeof(hdr), MIP6_DEC_STRICT, &o, &d) == 0);
		FUZZ_CHECK(o.nxt == data[0] && o.len == sizeof(hdr) && o.nhao == 1);
		FUZZ_CHECK(mip6_addr_eq(&o.hao, &hoa));
	}
	return 0;
}
