/* SPDX-License-Identifier: BSD-3-Clause */
#include "strbuf.h"

#include "mip6/err.h"

void mip6_sb_init(mip6_strbuf_t *b, char *s, size_t cap)
{
	b->s = s;
	b->cap = cap;
	b->len = 0;
	b->cut = cap == 0;
	if (cap)
		s[0] = '\0';
}

void mip6_sb_char(mip6_strbuf_t *b, char c)
{
	if (b->len + 1 >= b->cap) {
		b->cut = true;
		return;
	}
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void mip6_sb_str(mip6_strbuf_t *b, const char *s)
{
	while (*s)
		mip6_sb_char(b, *s++);
}

void mip6_sb_u64(mip6_strbuf_t *b, uint64_t v)
{
	char d[21];
	int n = 0;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		mip6_sb_char(b, d[--n]);
}

void mip6_sb_addr(mip6_strbuf_t *b, const mip6_addr_t *a)
{
	char t[MIP6_ADDR_STRLEN];
	mip6_sb_str(b, mip6_addr_ntop(a, t));
}

void mip6_sb_json_str(mip6_strbuf_t *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	if (!s) {
		mip6_sb_str(b, "null");
		return;
	}
	mip6_sb_char(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			mip6_sb_char(b, '\\');
			mip6_sb_char(b, (char)c);
		} else if (c < 0x20) {
			mip6_sb_str(b, "\\u00");
			mip6_sb_char(b, hex[c >> 4]);
			mip6_sb_char(b, hex[c & 15]);
		} else {
			mip6_sb_char(b, (char)c);
		}
	}
	mip6_sb_char(b, '"');
}

int mip6_sb_result(const mip6_strbuf_t *b)
{
	return b->cut ? MIP6_E_NOSPC : (int)b->len;
}
