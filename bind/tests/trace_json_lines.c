/* SPDX-License-Identifier: BSD-3-Clause */
/* Prints the trace printer's JSON lines for a few awkward events, for the
 * bind_trace_json ctest to parse with python3's json module. */
#include <stdio.h>
#include <string.h>

#include "mip6/bind_trace.h"

int main(void)
{
	static const char *whats[] = {"plain", "quote \" and back\\slash", "ctl \x01\x1f\n\t",
	                              "utf-8 \xc3\xa9"};
	char line[MIP6_BIND_TRACE_LINE_MAX];
	for (unsigned i = 0; i < sizeof(whats) / sizeof(whats[0]); i++) {
		mip6_trace_t ev;
		memset(&ev, 0, sizeof(ev));
		ev.kind = (uint16_t)(i + 1);
		ev.code = (uint16_t)(i * 1000);
		ev.component = i == 2 ? NULL : "mn";
		ev.what = whats[i];
		ev.from = i == 0 ? "a" : NULL;
		ev.to = i == 0 ? "b" : NULL;
		ev.a.b[0] = 0x20;
		ev.a.b[15] = (uint8_t)i;
		ev.value = 0xffffffffu - i;
		ev.now = 18446744073709551615ull - i;
		if (mip6_bind_trace_json(&ev, line, sizeof(line)) < 0)
			return 1;
		puts(line);
	}
	return 0;
}
