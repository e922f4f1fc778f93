/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers of the text printers (print*.c): one output line at a time. */
#ifndef MIP6TOOL_PRINT_LINE_H
#define MIP6TOOL_PRINT_LINE_H

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "tool.h"

/* A line under construction; overlong content is cut, never overflowed. */
typedef struct line {
	char s[8192];
	size_t n;
} line_t;

__attribute__((format(printf, 2, 3))) static inline void add(line_t *l, const char *fmt, ...)
{
	if (l->n >= sizeof(l->s) - 1)
		return;
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(l->s + l->n, sizeof(l->s) - l->n, fmt, ap);
	va_end(ap);
	if (w > 0)
		l->n += (size_t)w < sizeof(l->s) - l->n ? (size_t)w : sizeof(l->s) - 1 - l->n;
}

static inline void add_addr(line_t *l, const mip6_addr_t *a)
{
	char buf[MIP6_ADDR_STRLEN];
	add(l, "%s", mip6_addr_ntop(a, buf));
}

static inline void add_hex(line_t *l, const uint8_t *p, size_t n)
{
	char buf[2 * 64 + 1];
	if (n > 64) {
		add(l, "%s...", tool_hex(p, 64, buf));
		return;
	}
	add(l, "%s", tool_hex(p, n, buf));
}

static inline void add_flags(line_t *l, const struct tool_flagset *fs, unsigned raw)
{
	unsigned known = 0;
	for (size_t i = 0; i < fs->n; i++) {
		known |= fs->f[i].bit;
		if (raw & fs->f[i].bit)
			add(l, " %s", fs->f[i].name);
	}
	if (raw & ~known)
		add(l, " flags 0x%x", raw);
}

void tool_print_mh(line_t *l, const tool_view_t *v, bool verbose);
void tool_print_icmp6(line_t *l, const tool_view_t *v, bool verbose);

#endif
