/* SPDX-License-Identifier: BSD-3-Clause */
/* Decoding modes and the warnings a lenient decode records. */
#ifndef MIP6_DECODE_H
#define MIP6_DECODE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Decoder flags. Strict (the default) is what a protocol engine uses: any
 * rule of the RFCs that the input breaks rejects it. Lenient is for
 * inspection: it decodes what can be read safely, records each broken rule
 * as a warning bit and keeps going. Neither mode ever reads out of bounds. */
#define MIP6_DEC_STRICT  0u
#define MIP6_DEC_LENIENT 1u

/* Warning bits: rules a lenient decode let pass. */
enum mip6_warn {
	MIP6_W_CKSUM = 1u << 0,       /* checksum did not verify */
	MIP6_W_PROTO = 1u << 1,       /* MH payload proto != 59 */
	MIP6_W_MINLEN = 1u << 2,      /* message shorter than its type's minimum */
	MIP6_W_ALIGN = 1u << 3,       /* option not at its alignment */
	MIP6_W_OPTLEN = 1u << 4,      /* known option with a length the RFC forbids */
	MIP6_W_OPT_TRUNC = 1u << 5,   /* option runs past the end of its header */
	MIP6_W_TOO_MANY = 1u << 6,    /* more options or addresses than the record holds */
	MIP6_W_CAPLEN = 1u << 7,      /* capture shorter than the lengths say */
	MIP6_W_DUP_HAO = 1u << 8,     /* more than one Home Address option */
	MIP6_W_RH2 = 1u << 9,         /* type 2 routing header breaks RFC 6275 6.4 */
	MIP6_W_TRAILING = 1u << 10,   /* bytes after the end the lengths declare */
	MIP6_W_CODE = 1u << 11,       /* non-zero ICMPv6 code where 0 is required */
	MIP6_W_ORDER = 1u << 12,      /* option in a place the RFC forbids (e.g. after auth data) */
	MIP6_W_OLD_MH = 1u << 13      /* MH under next header 62 of pre-RFC drafts */
};

/* Static name of one warning bit ("cksum", "proto", ...), NULL if unknown. */
const char *mip6_warn_name(uint32_t bit);

#ifdef __cplusplus
}
#endif
#endif
