/* SPDX-License-Identifier: BSD-3-Clause */
/* IPv6 addresses as plain bytes, so the core needs no OS headers. */
#ifndef MIP6_ADDR_H
#define MIP6_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mip6_addr {
	uint8_t b[16];
} mip6_addr_t;

#define MIP6_ADDR_STRLEN 46 /* same as INET6_ADDRSTRLEN */

static inline bool mip6_addr_eq(const mip6_addr_t *a, const mip6_addr_t *b)
{
	return memcmp(a->b, b->b, 16) == 0;
}

static inline bool mip6_addr_is_unspec(const mip6_addr_t *a)
{
	static const mip6_addr_t zero = {{0}};
	return mip6_addr_eq(a, &zero);
}

/* True when the first plen bits of a and p are equal. */
bool mip6_addr_prefix_match(const mip6_addr_t *a, const mip6_addr_t *p, unsigned plen);

/* RFC 5952 text form; out must hold MIP6_ADDR_STRLEN bytes. Returns out. */
char *mip6_addr_ntop(const mip6_addr_t *a, char *out);

/* Parses the RFC 4291 text forms (with ::, embedded IPv4 tail).
 * Returns 0 or MIP6_E_INVAL. */
int mip6_addr_pton(const char *s, mip6_addr_t *out);

#ifdef __cplusplus
}
#endif
#endif
