/* SPDX-License-Identifier: BSD-3-Clause */
/* Error codes of the mip6 core: negative return values, with a text for each. */
#ifndef MIP6_ERR_H
#define MIP6_ERR_H

#ifdef __cplusplus
extern "C" {
#endif

enum mip6_err {
	MIP6_OK = 0,
	MIP6_E_TRUNC = -1,     /* input ends before a field it must hold */
	MIP6_E_LEN = -2,       /* a length field is inconsistent or too small */
	MIP6_E_CKSUM = -3,     /* checksum does not verify */
	MIP6_E_PROTO = -4,     /* wrong next header / payload proto */
	MIP6_E_ALIGN = -5,     /* option not at its RFC alignment */
	MIP6_E_TYPE = -6,      /* unknown or unsupported type */
	MIP6_E_NOSPC = -7,     /* output buffer or table too small */
	MIP6_E_INVAL = -8,     /* invalid argument or field value */
	MIP6_E_CRYPTO = -9,    /* the crypto seam failed */
	MIP6_E_DEPTH = -10,    /* too many nested headers or tunnels */
	MIP6_E_NOMEM = -11     /* the allocator said no */
};

/* Static text for an error code; never NULL. */
const char *mip6_strerror(int err);

/* Why a decoder rejected (or, in lenient mode, warned about) its input.
 * 'why' points to a static string that names the rule that failed. */
typedef struct mip6_diag {
	int err;            /* enum mip6_err */
	unsigned offset;    /* byte offset in the decoder's input where it failed */
	const char *why;    /* human-readable reason, static storage */
} mip6_diag_t;

#ifdef __cplusplus
}
#endif
#endif
