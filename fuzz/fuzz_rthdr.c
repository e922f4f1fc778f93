/* SPDX-License-Identifier: BSD-3-Clause */
/* libFuzzer target: mip6_rthdr_parse strict and lenient, and the type 2
 * emitter's output parsing back to the same home address. */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "mip6/ipv6.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parse_one(const uint8_t *p, size_t len, unsigned flags)
{
	mip6_rthdr_t r;
	mip6_diag_t d = {0};
	int rc = mip6_rthdr_parse(p, len, flags, &r, &d);
	fuzz_check_rc(rc, &d, len);
	if (rc != 0)
		return;
	fuzz_check_warnings(r.warnings);
	FUZZ_CHECK(r.len >= 8 && r.len % 8 == 0 && r.len <= len);
	FUZZ_CHECK(r.nxt == p[0] && r.type == p[2] && r.segleft == p[3]);
	FUZZ_CHECK(8u + 16u * r.naddr <= r.len);
	if (r.naddr > 0) {
		FUZZ_CHECK(memcmp(r.first.b, p + 8, 16) == 0);
		FUZZ_CHECK(memcmp(r.last.b, p + 8 + 16 * (r.naddr - 1), 16) == 0);
	}
	if (flags == MIP6_DEC_STRICT && r.type == 2)
		FUZZ_CHECK(r.len == MIP6_RH2_LEN && r.naddr == 1 && r.segleft == 1 && r.warnings == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_one(data, size, MIP6_DEC_STRICT);
	parse_one(data, size, MIP6_DEC_LENIENT);

	if (size >= 17) {
		mip6_addr_t hoa;
		uint8_t hdr[MIP6_RH2_LEN];
		mip6_rthdr_t r;
		mip6_diag_t d = {0};
		memcpy(hoa.b, data + 1, 16);
		mip6_rh2_emit(data[0], &hoa, 1, hdr);
		FUZZ_CHECK(mip6_rthdr_parse(hdr, sizeof(hdr), MIP6_DEC_STRICT, &r, &d) == 0);
		FUZZ_CHECK(r.nxt == data[0] && r.type == 2 && r.naddr == 1);
		FUZZ_CHECK(mip6_addr_eq(&r.first, &hoa) && mip6_addr_eq(&r.last, &hoa));
	}
	return 0;
}
