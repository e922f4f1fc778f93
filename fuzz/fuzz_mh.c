/* SPDX-License-Identifier: BSD-3-Clause */
/* libFuzzer target: mip6_mh_parse on raw Mobility Header bytes, strict and
 * lenient, without and with a checksum pseudo-header. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "mip6/mh.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parse_one(const uint8_t *p, size_t len, const mip6_addr_t *src, const mip6_addr_t *dst,
		      unsigned flags)
{
	static mip6_mh_t m;
	static uint8_t out[MIP6_MH_MAX_LEN + 64];
	mip6_diag_t d = {0};
	int rc = mip6_mh_parse(p, len, src, dst, flags, &m, &d);
	fuzz_check_rc(rc, &d, len);
	if (rc != 0)
		return;
	fuzz_check_mh(&m, p, len);
	if (src == NULL)
		FUZZ_CHECK(m.cksum_ok == -1);
	/* A decoded record, even a lenient one, must emit without crashing. */
	int n = mip6_mh_emit(&m, src, dst, src ? 0 : MIP6_EMIT_KEEP_CKSUM, out, sizeof(out));
	FUZZ_CHECK(n < 0 || ((size_t)n <= sizeof(out) && n % 8 == 0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_one(data, size, NULL, NULL, MIP6_DEC_STRICT);
	parse_one(data, size, NULL, NULL, MIP6_DEC_LENIENT);
	parse_one(data, size, &fuzz_src, &fuzz_dst, MIP6_DEC_STRICT);
	parse_one(data, size, &fuzz_src, &fuzz_dst, MIP6_DEC_LENIENT);

	/* The same bytes with a checksum that verifies, so the strict decode
	 * gets past the checksum into the message and its options. */
	if (size >= 6) {
		uint8_t *copy = malloc(size);
		if (!copy)
			return 0;
		memcpy(copy, data, size);
		mip6_mh_set_cksum(copy, size, &fuzz_src, &fuzz_dst);
		parse_one(copy, size, &fuzz_src, &fuzz_dst, MIP6_DEC_STRICT);
		free(copy);
	}
	return 0;
}
