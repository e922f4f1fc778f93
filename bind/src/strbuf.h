/* SPDX-License-Identifier: BSD-3-Clause */
/* A bounded text builder (no printf in the binding layer): appends cut at
 * the capacity, always NUL-terminated, and remembers that it cut. */
#ifndef MIP6_BIND_STRBUF_H
#define MIP6_BIND_STRBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip6/addr.h"

typedef struct mip6_strbuf {
	char *s;
	size_t cap, len;
	bool cut;
} mip6_strbuf_t;

void mip6_sb_init(mip6_strbuf_t *b, char *s, size_t cap);
void mip6_sb_char(mip6_strbuf_t *b, char c);
void mip6_sb_str(mip6_strbuf_t *b, const char *s);
void mip6_sb_u64(mip6_strbuf_t *b, uint64_t v);
void mip6_sb_addr(mip6_strbuf_t *b, const mip6_addr_t *a);
/* s as a JSON string with its quotes (RFC 8259 7), or null for NULL. */
void mip6_sb_json_str(mip6_strbuf_t *b, const char *s);
/* The length, or MIP6_E_NOSPC when something was cut. */
int mip6_sb_result(const mip6_strbuf_t *b);

#endif
