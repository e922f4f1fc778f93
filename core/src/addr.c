/* SPDX-License-Identifier: BSD-3-Clause */
/* IPv6 address text forms (RFC 4291 2.2 input, RFC 5952 output) and prefix
 * matching, written here because the core may not call inet_pton/ntop. */
#include "mip6/addr.h"
#include "mip6/err.h"

bool mip6_addr_prefix_match(const mip6_addr_t *a, const mip6_addr_t *p, unsigned plen)
{
	if (plen > 128)
		plen = 128;
	unsigned bytes = plen / 8, bits = plen % 8;
	if (memcmp(a->b, p->b, bytes) != 0)
		return false;
	if (bits == 0)
		return true;
	uint8_t mask = (uint8_t)(0xffu << (8 - bits));
	return (a->b[bytes] & mask) == (p->b[bytes] & mask);
}

static char *put_hex16(char *o, unsigned v)
{
	static const char hex[] = "0123456789abcdef";
	bool started = false;
	for (int shift = 12; shift >= 0; shift -= 4) {
		unsigned nib = (v >> shift) & 0xfu;
		if (nib || started || shift == 0) {
			*o++ = hex[nib];
			started = true;
		}
	}
	return o;
}

char *mip6_addr_ntop(const mip6_addr_t *a, char *out)
{
	unsigned w[8];
	for (int i = 0; i < 8; i++)
		w[i] = (unsigned)(a->b[2 * i] << 8 | a->b[2 * i + 1]);

	/* RFC 5952 4.2: compress the longest run of two or more zero words,
	 * the first one when runs tie. */
	int best = -1, best_len = 0;
	for (int i = 0; i < 8;) {
		if (w[i] != 0) {
			i++;
			continue;
		}
		int j = i;
		while (j < 8 && w[j] == 0)
			j++;
		if (j - i > best_len && j - i >= 2) {
			best = i;
			best_len = j - i;
		}
		i = j;
	}

	/* RFC 5952 5: IPv4-mapped addresses keep a dotted tail. */
	bool mapped = best == 0 && best_len == 5 && w[5] == 0xffff;

	char *o = out;
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			*o++ = ':';
			if (i == 0)
				*o++ = ':';
			i += best_len - 1;
			continue;
		}
		if (mapped && i == 6) {
			for (int k = 12; k < 16; k++) {
				unsigned v = a->b[k];
				if (v >= 100)
					*o++ = (char)('0' + v / 100);
				if (v >= 10)
					*o++ = (char)('0' + (v / 10) % 10);
				*o++ = (char)('0' + v % 10);
				if (k < 15)
					*o++ = '.';
			}
			break;
		}
		o = put_hex16(o, w[i]);
		if (i < 7)
			*o++ = ':';
	}
	*o = '\0';
	return out;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parses a dotted IPv4 tail into out[4]; returns 0 or -1. */
static int parse_v4(const char *s, uint8_t out[4])
{
	for (int k = 0; k < 4; k++) {
		unsigned v = 0;
		int digits = 0;
		while (*s >= '0' && *s <= '9') {
			if (digits > 0 && v == 0)
				return -1; /* no leading zeros */
			v = v * 10 + (unsigned)(*s++ - '0');
			if (++digits > 3 || v > 255)
				return -1;
		}
		if (digits == 0)
			return -1;
		out[k] = (uint8_t)v;
		if (k < 3 && *s++ != '.')
			return -1;
	}
	return *s == '\0' ? 0 : -1;
}

int mip6_addr_pton(const char *s, mip6_addr_t *out)
{
	uint8_t b[16] = {0};
	int n = 0;          /* bytes written */
	int gap = -1;       /* byte index of '::' */

	if (s[0] == ':') {
		if (s[1] != ':')
			return MIP6_E_INVAL;
		gap = 0;
		s += 2;
		if (*s == '\0')
			goto done;
	}
	for (;;) {
		/* An IPv4 tail, when a '.' comes before the next ':'. */
		const char *q = s;
		while (*q && *q != ':' && *q != '.')
			q++;
		if (*q == '.') {
			if (n > 12 || parse_v4(s, b + n) != 0)
				return MIP6_E_INVAL;
			n += 4;
			break;
		}
		unsigned v = 0;
		int digits = 0;
		int h;
		while ((h = hexval(*s)) >= 0) {
			v = v << 4 | (unsigned)h;
			if (++digits > 4)
				return MIP6_E_INVAL;
			s++;
		}
		if (digits == 0 || n > 14)
			return MIP6_E_INVAL;
		b[n++] = (uint8_t)(v >> 8);
		b[n++] = (uint8_t)v;
		if (*s == '\0')
			break;
		if (*s++ != ':')
			return MIP6_E_INVAL;
		if (*s == ':') {
			if (gap >= 0)
				return MIP6_E_INVAL;
			gap = n;
			s++;
			if (*s == '\0')
				break;
		}
	}
done:
	if (gap >= 0) {
		if (n == 16)
			return MIP6_E_INVAL; /* '::' must stand for at least one word */
		int tail = n - gap;
		memmove(b + 16 - tail, b + gap, (size_t)tail);
		memset(b + gap, 0, (size_t)(16 - tail - gap));
	} else if (n != 16) {
		return MIP6_E_INVAL;
	}
	memcpy(out->b, b, 16);
	return 0;
}
