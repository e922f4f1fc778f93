/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared checks for the libFuzzer targets: every decoded record must only
 * point into the input, and every rejection must say why. A broken
 * invariant aborts, so libFuzzer saves the input as a crash. */
#ifndef MIP6_FUZZ_COMMON_H
#define MIP6_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "mip6/decode.h"
#include "mip6/err.h"
#include "mip6/icmp6.h"
#include "mip6/mh.h"

#define FUZZ_CHECK(cond)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

/* Fixed pseudo-header addresses for the "with src/dst" decodes. */
static const mip6_addr_t fuzz_src = {{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01}};
static const mip6_addr_t fuzz_dst = {{0x20, 0x01, 0x0d, 0xb8, 0, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02}};

/* Reads every byte of [q, q+n) and checks that it lies inside [p, p+len):
 * ASan reports a wild pointer, the check reports one into the wrong buffer. */
static inline void fuzz_touch(const uint8_t *p, size_t len, const uint8_t *q, size_t n)
{
	if (n == 0)
		return;
	FUZZ_CHECK(q != NULL);
	FUZZ_CHECK(q >= p && (size_t)(q - p) <= len && n <= len - (size_t)(q - p));
	volatile uint8_t sink = 0;
	for (size_t i = 0; i < n; i++)
		sink ^= q[i];
	(void)sink;
}

/* A return code must be 0 or a known error, and an error must say why. */
static inline void fuzz_check_rc(int rc, const mip6_diag_t *d, size_t len)
{
	FUZZ_CHECK(rc <= 0 && rc >= MIP6_E_NOMEM);
	if (rc != 0) {
		FUZZ_CHECK(d->why != NULL && d->why[0] != '\0');
		FUZZ_CHECK(d->err == rc);
		FUZZ_CHECK(d->offset <= len);
	}
	FUZZ_CHECK(mip6_strerror(rc) != NULL);
}

static inline void fuzz_check_warnings(uint32_t w)
{
	for (uint32_t bit = 1; bit != 0; bit <<= 1)
		if (w & bit)
			FUZZ_CHECK(mip6_warn_name(bit) != NULL);
}

/* Walks a decoded Mobility Header record. */
static inline void fuzz_check_mh(const mip6_mh_t *m, const uint8_t *p, size_t len)
{
	FUZZ_CHECK(m->nopts <= MIP6_MH_MAX_OPTS);
	fuzz_touch(p, len, m->body, m->body_len);
	fuzz_check_warnings(m->warnings);
	FUZZ_CHECK(m->cksum_ok >= -1 && m->cksum_ok <= 1);
	(void)mip6_mh_type_name(m->type);
	for (unsigned i = 0; i < m->nopts; i++) {
		const mip6_mhopt_t *o = &m->opts[i];
		(void)mip6_mhopt_name(o->type);
		switch (o->type) {
		case MIP6_OPT_PAD1:
		case MIP6_OPT_BRA:
		case MIP6_OPT_ALTCOA:
		case MIP6_OPT_NONCE:
		case MIP6_OPT_MNP:
		case MIP6_OPT_MESGID:
			break;
		case MIP6_OPT_BID:
			/* A lenient decode keeps a forbidden length as it was. */
			FUZZ_CHECK(o->u.bid.coa_len <= 16);
			if (!(m->warnings & MIP6_W_OPTLEN))
				FUZZ_CHECK(o->u.bid.coa_len == 0 || o->u.bid.coa_len == 4 ||
					   o->u.bid.coa_len == 16);
			break;
		case MIP6_OPT_MNID:
			if (o->len >= 1)
				fuzz_touch(p, len, o->u.mnid.id, o->len - 1u);
			break;
		case MIP6_OPT_MNAUTH:
			if (o->len >= 5)
				fuzz_touch(p, len, o->u.mnauth.auth, o->len - 5u);
			break;
		default: /* PadN, AUTH, unknown: len bytes of data */
			fuzz_touch(p, len, o->u.data, o->len);
			break;
		}
	}
	if (m->type == MIP6_MH_BA)
		(void)mip6_ba_status_name(m->u.ba.status);
}

/* Walks a decoded ICMPv6 record. */
static inline void fuzz_check_icmp6(const mip6_icmp6_t *m, const uint8_t *p, size_t len)
{
	FUZZ_CHECK(m->nopts <= MIP6_ND_MAX_OPTS);
	fuzz_touch(p, len, m->body, m->body_len);
	fuzz_check_warnings(m->warnings);
	FUZZ_CHECK(m->cksum_ok >= -1 && m->cksum_ok <= 1);
	(void)mip6_icmp6_type_name(m->type);
	if (m->type == MIP6_ICMP6_DHAAD_REPLY)
		FUZZ_CHECK(m->u.dhaad_rep.naddrs <= MIP6_DHAAD_MAX_ADDRS);
	for (unsigned i = 0; i < m->nopts; i++) {
		const mip6_nd_opt_t *o = &m->opts[i];
		(void)mip6_nd_opt_name(o->type);
		/* A walk stops at an option of length 0: none is recorded. */
		FUZZ_CHECK(o->len > 0);
		if (o->len > 0 && o->raw)
			fuzz_touch(p, len, o->raw, o->len * 8u - 2u);
		switch (o->type) {
		case MIP6_ND_OPT_SLLA:
		case MIP6_ND_OPT_TLLA:
			FUZZ_CHECK(o->u.lla.len <= MIP6_LLA_MAX);
			break;
		case MIP6_ND_OPT_PREFIX:
		case MIP6_ND_OPT_MTU:
		case MIP6_ND_OPT_ADV_INTERVAL:
		case MIP6_ND_OPT_HA_INFO:
			break;
		default:
			if (o->len > 0)
				fuzz_touch(p, len, o->u.data, o->len * 8u - 2u);
			break;
		}
	}
}

#endif
