/* SPDX-License-Identifier: BSD-3-Clause */
/* Small text conversions: hex, link-layer and IPv4 addresses, time stamps. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tool.h"

char *tool_hex(const uint8_t *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0xf];
	}
	out[2 * n] = '\0';
	return out;
}

static int nibble(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long tool_unhex(const char *s, uint8_t *out, size_t cap, char *msg, size_t msgcap)
{
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		if (nibble((unsigned char)s[i]) < 0) {
			if (isprint((unsigned char)s[i]))
				snprintf(msg, msgcap, "not hexadecimal: '%c' at position %zu", s[i], i + 1);
			else
				snprintf(msg, msgcap, "not hexadecimal: byte 0x%02x at position %zu",
				         (unsigned char)s[i], i + 1);
			return -1;
		}
	}
	if (n % 2) {
		snprintf(msg, msgcap, "odd number of hex digits (%zu)", n);
		return -1;
	}
	if (n / 2 > cap) {
		snprintf(msg, msgcap, "too long: %zu bytes, at most %zu", n / 2, cap);
		return -1;
	}
	for (size_t i = 0; i < n / 2; i++)
		out[i] =
		    (uint8_t)(nibble((unsigned char)s[2 * i]) << 4 | nibble((unsigned char)s[2 * i + 1]));
	return (long)(n / 2);
}

char *tool_lla(const uint8_t *p, size_t n, char *out)
{
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		sprintf(out + 3 * i - (i ? 1 : 0), "%s%02x", i ? ":" : "", p[i]);
	return out;
}

long tool_unlla(const char *s, uint8_t *out, size_t cap)
{
	size_t n = 0;
	while (*s) {
		int hi = nibble((unsigned char)s[0]);
		int lo = hi < 0 ? -1 : nibble((unsigned char)s[1]);
		if (lo < 0 || n == cap)
			return -1;
		out[n++] = (uint8_t)(hi << 4 | lo);
		s += 2;
		if (*s == ':' || *s == '-') {
			s++;
			if (!*s)
				return -1;
		}
	}
	return (long)n;
}

char *tool_ipv4(const uint8_t *p, char *out)
{
	snprintf(out, 16, "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
	return out;
}

int tool_unipv4(const char *s, uint8_t out[4])
{
	for (int i = 0; i < 4; i++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		unsigned v = 0;
		int digits = 0;
		while (isdigit((unsigned char)*s)) {
			v = v * 10 + (unsigned)(*s++ - '0');
			if (++digits > 3 || v > 255)
				return -1;
		}
		out[i] = (uint8_t)v;
		if (i < 3 && *s++ != '.')
			return -1;
	}
	return *s ? -1 : 0;
}

char *tool_time(long long sec, long usec, char *out, size_t cap)
{
	snprintf(out, cap, "%lld.%06ld", sec, usec);
	return out;
}

char *tool_time_utc(long long sec, long usec, char *out, size_t cap)
{
	time_t t = (time_t)sec;
	struct tm tm;
	if (gmtime_r(&t, &tm) == NULL) {
		snprintf(out, cap, "%lld.%06ld", sec, usec);
		return out;
	}
	char day[64];
	strftime(day, sizeof(day), "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(out, cap, "%s.%06ld", day, usec);
	return out;
}
