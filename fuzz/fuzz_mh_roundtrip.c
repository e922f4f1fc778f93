/* SPDX-License-Identifier: BSD-3-Clause */
/* libFuzzer target, a property: whatever a strict decode accepts (without a
 * pseudo-header) re-emits from its record to exactly the same bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "mip6/mh.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void dump(const char *what, const uint8_t *p, size_t n)
{
	fprintf(stderr, "%s (%zu):", what, n);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "%s%02x", i % 16 ? " " : "\n  ", p[i]);
	fputc('\n', stderr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static mip6_mh_t m;
	static uint8_t out[MIP6_MH_MAX_LEN + 64];
	mip6_diag_t d = {0};
	int rc = mip6_mh_parse(data, size, NULL, NULL, MIP6_DEC_STRICT, &m, &d);
	fuzz_check_rc(rc, &d, size);
	if (rc != 0)
		return 0;
	fuzz_check_mh(&m, data, size);
	FUZZ_CHECK(m.explicit_padding);

	int n = mip6_mh_emit(&m, NULL, NULL, MIP6_EMIT_KEEP_CKSUM, out, sizeof(out));
	size_t want = ((size_t)m.hdr_len + 1u) * 8u;
	if (n < 0 || (size_t)n != want || want > size || memcmp(out, data, want) != 0) {
		fprintf(stderr, "MH round trip differs: emit returned %d (%s), Header Len says %zu\n", n,
			n < 0 ? mip6_strerror(n) : "ok", want);
		dump("input", data, size);
		if (n > 0)
			dump("emitted", out, (size_t)n);
		abort();
	}
	return 0;
}
