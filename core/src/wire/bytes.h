/* SPDX-License-Identifier: BSD-3-Clause */
/* Big-endian field access for the wire codecs. Callers check bounds first. */
#ifndef MIP6_WIRE_BYTES_H
#define MIP6_WIRE_BYTES_H

#include <stdint.h>
#include <string.h>

#include "mip6/addr.h"
#include "mip6/err.h"

static inline uint16_t get16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t get32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static inline uint64_t get64(const uint8_t *p)
{
	return ((uint64_t)get32(p) << 32) | get32(p + 4);
}

static inline void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)(v >> 32));
	put32(p + 4, (uint32_t)v);
}

static inline void get_addr(mip6_addr_t *a, const uint8_t *p)
{
	memcpy(a->b, p, 16);
}

static inline void put_addr(uint8_t *p, const mip6_addr_t *a)
{
	memcpy(p, a->b, 16);
}

/* Records a failure in an optional diag and returns err. */
static inline int diag_fail(mip6_diag_t *d, int err, size_t offset, const char *why)
{
	if (d) {
		d->err = err;
		d->offset = (unsigned)offset;
		d->why = why;
	}
	return err;
}

/* A broken rule: in strict mode, fail; in lenient mode, record the warning
 * (and the first reason in d) and let the caller continue. Returns 0 to go
 * on, or the error. */
static inline int diag_rule(mip6_diag_t *d, unsigned flags, uint32_t *warnings, uint32_t bit, int err,
			    size_t offset, const char *why)
{
	if (!(flags & 1u /* MIP6_DEC_LENIENT */))
		return diag_fail(d, err, offset, why);
	if (d && d->why == NULL) {
		d->err = err;
		d->offset = (unsigned)offset;
		d->why = why;
	}
	*warnings |= bit;
	return 0;
}

#endif
