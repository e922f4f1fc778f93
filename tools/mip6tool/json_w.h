/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers of the JSON printers (json_*.c): setting typed fields. */
#ifndef MIP6TOOL_JSON_W_H
#define MIP6TOOL_JSON_W_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static inline void set(json_t *o, const char *k, json_t *v)
{
	json_object_set_new(o, k, v);
}

static inline void set_int(json_t *o, const char *k, long long v)
{
	set(o, k, json_integer(v));
}

static inline void set_str(json_t *o, const char *k, const char *s)
{
	if (s)
		set(o, k, json_string(s));
}

static inline void set_addr(json_t *o, const char *k, const mip6_addr_t *a)
{
	char buf[MIP6_ADDR_STRLEN];
	set(o, k, json_string(mip6_addr_ntop(a, buf)));
}

static inline void set_hex(json_t *o, const char *k, const uint8_t *p, size_t n)
{
	char buf[2 * 2048 + 1];
	char *s = n * 2 + 1 <= sizeof(buf) ? buf : malloc(n * 2 + 1);
	if (!s)
		return;
	set(o, k, json_string(tool_hex(p, n, s)));
	if (s != buf)
		free(s);
}

static inline void set_cksum_ok(json_t *o, int ok)
{
	set(o, "checksum_ok", ok < 0 ? json_null() : json_boolean(ok));
}

/* "flags": {"A": true, ...} and "flags_raw": the word as on the wire. */
static inline void set_flags(json_t *o, const struct tool_flagset *fs, unsigned raw)
{
	json_t *f = json_object();
	for (size_t i = 0; i < fs->n; i++)
		set(f, fs->f[i].name, json_boolean(raw & fs->f[i].bit));
	set(o, "flags", f);
	set_int(o, "flags_raw", raw);
}

static inline void set_data(json_t *o, const char *k, const tool_view_t *v, const uint8_t *q, size_t n)
{
	const uint8_t *ok = tool_view_bytes(v, q, n);
	if (ok)
		set_hex(o, k, ok, n);
}

static inline bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static inline bool printable(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < 0x20 || p[i] > 0x7e)
			return false;
	return n > 0;
}

#endif
