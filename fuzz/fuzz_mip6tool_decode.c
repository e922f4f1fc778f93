/* SPDX-License-Identifier: BSD-3-Clause */
/* libFuzzer target: the decode path of mip6tool. An input that starts like
 * a pcap or pcapng file goes through mip6tool_decode_file (libpcap, link
 * layers, every printer); anything else is decoded as one raw IPv6 frame.
 * Output goes to /dev/null: the sanitizers watch the formatting code. */
#define _POSIX_C_SOURCE 200809L /* fmemopen */

#include <pcap/dlt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "mip6tool.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull(void)
{
	static FILE *f;
	if (!f) {
		f = fopen("/dev/null", "w");
		FUZZ_CHECK(f != NULL);
	}
	return f;
}

static int is_capture(const uint8_t *p, size_t n)
{
	static const uint8_t magics[][4] = {
		{0xd4, 0xc3, 0xb2, 0xa1}, {0xa1, 0xb2, 0xc3, 0xd4}, /* pcap, microseconds */
		{0x4d, 0x3c, 0xb2, 0xa1}, {0xa1, 0xb2, 0x3c, 0x4d}, /* pcap, nanoseconds */
		{0x0a, 0x0d, 0x0d, 0x0a},                           /* pcapng section header */
	};
	if (n < 4)
		return 0;
	for (size_t i = 0; i < sizeof(magics) / sizeof(magics[0]); i++)
		if (memcmp(p, magics[i], 4) == 0)
			return 1;
	return 0;
}

static const struct mip6tool_decode_opts modes[] = {
	{.verbose = true},
	{.json = true, .with_name = true},
	{.strict = true, .json = true, .all = true},
	{.strict = true, .verbose = true, .all = true, .with_name = true},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *out = devnull();
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		if (is_capture(data, size)) {
			FILE *in = fmemopen((void *)data, size, "rb");
			FUZZ_CHECK(in != NULL);
			int rc = mip6tool_decode_file(in, "fuzz.pcap", &modes[i], out, out);
			FUZZ_CHECK(rc == MIP6TOOL_EXIT_OK || rc == MIP6TOOL_EXIT_FAIL);
		} else {
			int rc = mip6tool_decode_frame(data, size, size, DLT_RAW, 1, 0, 0, "fuzz", &modes[i], out);
			FUZZ_CHECK(rc == 0);
		}
	}
	return 0;
}
