/* SPDX-License-Identifier: BSD-3-Clause */
/* libFuzzer target: mip6_icmp6_parse strict and lenient, without and with a
 * pseudo-header, plus the round-trip property: a message the strict decode
 * accepts (without a pseudo-header) re-emits to exactly the same bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "mip6/icmp6.h"
#include "mip6/ipv6.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t out[65536 + 64];

static void dump(const char *what, const uint8_t *p, size_t n)
{
	fprintf(stderr, "%s (%zu):", what, n);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "%s%02x", i % 16 ? " " : "\n  ", p[i]);
	fputc('\n', stderr);
}

static int parse_one(const uint8_t *p, size_t len, const mip6_addr_t *src, const mip6_addr_t *dst,
		     unsigned flags, mip6_icmp6_t *m)
{
	mip6_diag_t d = {0};
	int rc = mip6_icmp6_parse(p, len, src, dst, flags, m, &d);
	fuzz_check_rc(rc, &d, len);
	if (rc != 0)
		return rc;
	fuzz_check_icmp6(m, p, len);
	if (src == NULL)
		FUZZ_CHECK(m->cksum_ok == -1);
	int n = mip6_icmp6_emit(m, src, dst, src ? 0 : MIP6_EMIT_KEEP_CKSUM, out, sizeof(out));
	FUZZ_CHECK(n < 0 || (size_t)n <= sizeof(out));
	return 0;
}

static void roundtrip(const uint8_t *data, size_t size)
{
	static mip6_icmp6_t m;
	if (parse_one(data, size, NULL, NULL, MIP6_DEC_STRICT, &m) != 0)
		return;
	int n = mip6_icmp6_emit(&m, NULL, NULL, MIP6_EMIT_KEEP_CKSUM, out, sizeof(out));
	if (n < 0 || (size_t)n != size || memcmp(out, data, size) != 0) {
		fprintf(stderr, "ICMPv6 round trip differs: emit returned %d (%s)\n", n,
			n < 0 ? mip6_strerror(n) : "ok");
		dump("input", data, size);
		if (n > 0)
			dump("emitted", out, (size_t)n);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static mip6_icmp6_t m;
	roundtrip(data, size);
	parse_one(data, size, NULL, NULL, MIP6_DEC_LENIENT, &m);
	parse_one(data, size, &fuzz_src, &fuzz_dst, MIP6_DEC_STRICT, &m);
	parse_one(data, size, &fuzz_src, &fuzz_dst, MIP6_DEC_LENIENT, &m);

	/* With a checksum that verifies, so strict decoding goes deeper. */
	if (size >= 4 && size <= 65535) {
		uint8_t *copy = malloc(size);
		if (!copy)
			return 0;
		memcpy(copy, data, size);
		copy[2] = copy[3] = 0;
		uint16_t ck = mip6_cksum_pseudo(&fuzz_src, &fuzz_dst, (uint32_t)size, MIP6_PROTO_ICMPV6, copy, size);
		copy[2] = (uint8_t)(ck >> 8);
		copy[3] = (uint8_t)ck;
		parse_one(copy, size, &fuzz_src, &fuzz_dst, MIP6_DEC_STRICT, &m);
		free(copy);
	}
	return 0;
}
