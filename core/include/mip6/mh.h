/* SPDX-License-Identifier: BSD-3-Clause */
/* The Mobility Header (RFC 6275 6.1), its eight messages and the mobility
 * options of RFC 6275 6.2, RFC 3963, RFC 4283, RFC 4285 and RFC 5648.
 *
 * parse() fills a plain record from bytes; emit() writes the bytes of a
 * record. Variable-length option data (identifiers, authenticators, unknown
 * options) is referenced by pointer, not copied: a decoded record is valid
 * while the input bytes live. */
#ifndef MIP6_MH_H
#define MIP6_MH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip6/addr.h"
#include "mip6/decode.h"
#include "mip6/err.h"

#ifdef __cplusplus
extern "C" {
#endif

enum mip6_mh_type {
	MIP6_MH_BRR = 0,   /* Binding Refresh Request */
	MIP6_MH_HOTI = 1,  /* Home Test Init */
	MIP6_MH_COTI = 2,  /* Care-of Test Init */
	MIP6_MH_HOT = 3,   /* Home Test */
	MIP6_MH_COT = 4,   /* Care-of Test */
	MIP6_MH_BU = 5,    /* Binding Update */
	MIP6_MH_BA = 6,    /* Binding Acknowledgement */
	MIP6_MH_BE = 7     /* Binding Error */
};

/* Binding Update flags (16-bit field after the sequence number). */
#define MIP6_BU_F_A 0x8000u  /* Acknowledge (RFC 6275) */
#define MIP6_BU_F_H 0x4000u  /* Home registration (RFC 6275) */
#define MIP6_BU_F_L 0x2000u  /* Link-local compatibility (RFC 6275) */
#define MIP6_BU_F_K 0x1000u  /* Key management mobility capability (RFC 6275) */
#define MIP6_BU_F_M 0x0800u  /* MAP registration (RFC 5380): decoded, not acted on */
#define MIP6_BU_F_R 0x0400u  /* Mobile Router (RFC 3963) */
#define MIP6_BU_F_P 0x0200u  /* Proxy registration (RFC 5213): decoded, not acted on */
#define MIP6_BU_F_O 0x0040u  /* Overwrite the bindings of the home address (RFC 5648 4.2) */

/* Binding Acknowledgement flags (8 bits after the status). */
#define MIP6_BA_F_K 0x80u  /* RFC 6275 */
#define MIP6_BA_F_R 0x40u  /* RFC 3963 */
#define MIP6_BA_F_P 0x20u  /* RFC 5213: decoded, not acted on */

/* Binding Acknowledgement status codes. */
enum mip6_ba_status {
	MIP6_BA_ACCEPTED = 0,
	MIP6_BA_ACCEPTED_PD = 1,                 /* prefix discovery necessary */
	MIP6_BA_MCOA_NOTCOMPLETE = 4,            /* RFC 5648 */
	MIP6_BA_MCOA_RETURNHOME_WO_NDP = 5,      /* RFC 5648 */
	MIP6_BA_UNSPECIFIED = 128,
	MIP6_BA_PROHIBITED = 129,
	MIP6_BA_INSUFFICIENT = 130,
	MIP6_BA_HR_NOT_SUPPORTED = 131,
	MIP6_BA_NOT_HOME_SUBNET = 132,
	MIP6_BA_NOT_HA_FOR_MN = 133,
	MIP6_BA_DAD_FAILED = 134,
	MIP6_BA_SEQ_OUT_OF_WINDOW = 135,
	MIP6_BA_EXPIRED_HOME_NONCE = 136,
	MIP6_BA_EXPIRED_COA_NONCE = 137,
	MIP6_BA_EXPIRED_NONCES = 138,
	MIP6_BA_REG_TYPE_CHANGE = 139,
	MIP6_BA_MR_OP_NOT_PERMITTED = 140,       /* RFC 3963 */
	MIP6_BA_INVALID_PREFIX = 141,            /* RFC 3963 */
	MIP6_BA_NOT_AUTH_FOR_PREFIX = 142,       /* RFC 3963 */
	MIP6_BA_FWD_SETUP_FAILED = 143,          /* RFC 3963 */
	MIP6_BA_ID_MISMATCH = 144,               /* RFC 4285 MIPV6-ID-MISMATCH */
	MIP6_BA_MESG_ID_REQD = 145,              /* RFC 4285 MIPV6-MESG-ID-REQD */
	MIP6_BA_AUTH_FAIL = 146,                 /* RFC 4285 MIPV6-AUTH-FAIL */
	MIP6_BA_MCOA_MALFORMED = 164,            /* RFC 5648 */
	MIP6_BA_MCOA_NON_MCOA_EXISTS = 165,      /* RFC 5648 */
	MIP6_BA_MCOA_PROHIBITED = 166,           /* RFC 5648 */
	MIP6_BA_MCOA_UNKNOWN_COA = 167,          /* RFC 5648 */
	MIP6_BA_MCOA_BULK_PROHIBITED = 168,      /* RFC 5648 */
	MIP6_BA_MCOA_SIMUL_HOME_FOREIGN = 169,   /* RFC 5648 */
	MIP6_BA_INVALID_COA = 174                /* RFC 6275 6.1.8 */
};

/* Binding Error status codes (RFC 6275 6.1.9). */
enum mip6_be_status {
	MIP6_BE_UNKNOWN_HAO = 1,
	MIP6_BE_UNKNOWN_MH = 2
};

/* Mobility option types. */
enum mip6_mhopt_type {
	MIP6_OPT_PAD1 = 0,
	MIP6_OPT_PADN = 1,
	MIP6_OPT_BRA = 2,          /* Binding Refresh Advice */
	MIP6_OPT_ALTCOA = 3,       /* Alternate Care-of Address */
	MIP6_OPT_NONCE = 4,        /* Nonce Indices */
	MIP6_OPT_AUTH = 5,         /* Binding Authorization Data */
	MIP6_OPT_MNP = 6,          /* Mobile Network Prefix (RFC 3963) */
	MIP6_OPT_MNID = 8,         /* Mobile Node Identifier (RFC 4283) */
	MIP6_OPT_MNAUTH = 9,       /* Mobility Message Authentication (RFC 4285) */
	MIP6_OPT_MESGID = 10,      /* Mobility Message Replay Protection (RFC 4285) */
	MIP6_OPT_BID = 35          /* Binding Identifier (RFC 5648) */
};

#define MIP6_AUTH_DATA_LEN 12      /* Binding Authorization Data authenticator */
#define MIP6_MNID_SUBTYPE_NAI 1    /* RFC 4283 */
#define MIP6_MNAUTH_SUBTYPE_MNHA 1 /* RFC 4285: MN-HA authentication */
#define MIP6_MNAUTH_SUBTYPE_MNAAA 2
#define MIP6_BID_F_H 0x80u         /* RFC 5648 4.3: simultaneous home and foreign */

/* One mobility option. On emit, len 0 means the RFC length for the
 * fixed-size options (BRA 2, Alternate CoA 16, Nonce Indices 4, Binding
 * Authorization Data 12, MNP 18, MESG-ID 8, BID 4 + coa_len); any other len
 * is written as given, the fields cut short or followed by zeros, so that
 * malformed options can be crafted. PadN, MNID, MNAUTH and unknown options
 * are always written with len (a NULL data pointer writes zeros). */
typedef struct mip6_mhopt {
	uint8_t type;
	uint8_t len;               /* option data length as on the wire */
	union {
		uint16_t refresh;  /* BRA: units of 4 seconds */
		mip6_addr_t altcoa;
		struct {
			uint16_t home;
			uint16_t careof;
		} nonce;
		struct {
			uint8_t plen;
			mip6_addr_t prefix;
			uint8_t reserved;  /* kept so emit(parse(x)) == x */
		} mnp;
		struct {
			uint16_t bid;
			uint8_t status;
			uint8_t flags;     /* MIP6_BID_F_H */
			uint8_t coa_len;   /* 0, 4 (IPv4) or 16 (IPv6) */
			uint8_t coa[16];
		} bid;
		struct {
			uint8_t subtype;
			const uint8_t *id;  /* len - 1 bytes; NULL if len < 1 (lenient) */
		} mnid;
		struct {
			uint8_t subtype;
			uint32_t spi;
			const uint8_t *auth; /* len - 5 bytes; NULL if len < 5 (lenient) */
		} mnauth;
		uint64_t timestamp;      /* MESGID: NTP-format timestamp */
		const uint8_t *data;     /* AUTH (len bytes), PadN, unknown types */
	} u;
} mip6_mhopt_t;

#define MIP6_MH_MAX_OPTS 32
#define MIP6_MH_MIN_LEN 8        /* smallest legal MH: a BRR */
#define MIP6_MH_MAX_LEN 2048     /* (255 + 1) * 8 */

typedef struct mip6_mh {
	uint8_t type;
	uint8_t proto;             /* payload proto: 59 (IPPROTO_NONE) */
	uint8_t hdr_len;           /* on the wire: (length / 8) - 1 */
	uint8_t reserved;          /* the octet after the type */
	uint16_t checksum;         /* as on the wire */
	union {
		struct {
			uint16_t reserved;
		} brr;                       /* BRR */
		struct {
			uint8_t cookie[8];
			uint16_t reserved;
		} init;                      /* HoTI, CoTI */
		struct {
			uint16_t nonce_index;
			uint8_t cookie[8];
			uint8_t keygen[8];
		} test;                      /* HoT, CoT */
		struct {
			uint16_t seq;
			uint16_t flags;      /* MIP6_BU_F_*, reserved bits kept */
			uint16_t lifetime;   /* units of 4 seconds */
		} bu;
		struct {
			uint8_t status;
			uint8_t flags;       /* MIP6_BA_F_*, reserved bits kept */
			uint16_t seq;
			uint16_t lifetime;   /* units of 4 seconds */
		} ba;
		struct {
			uint8_t status;
			mip6_addr_t home;
			uint8_t reserved;
		} be;
	} u;
	unsigned nopts;
	mip6_mhopt_t opts[MIP6_MH_MAX_OPTS];
	/* Decoded records list Pad1/PadN in opts[] and set this, so emit()
	 * reproduces the exact layout. Records built by hand leave it false
	 * and emit() inserts the padding each option's alignment needs. */
	bool explicit_padding;
	/* Unknown message types: the bytes after the 6-byte common header. */
	const uint8_t *body;
	unsigned body_len;
	uint32_t warnings;         /* enum mip6_warn, set by a lenient parse */
	int cksum_ok;              /* 1 verified, 0 failed, -1 not checked */
} mip6_mh_t;

/* A zeroed record of the given type with proto 59 (cksum_ok -1). */
void mip6_mh_init(mip6_mh_t *m, uint8_t type);

/* Appends an option to m; returns a pointer to fill in, or NULL when full. */
mip6_mhopt_t *mip6_mh_add_opt(mip6_mh_t *m, uint8_t type);

/* Finds the first option of a type, or NULL. */
const mip6_mhopt_t *mip6_mh_find_opt(const mip6_mh_t *m, uint8_t type);

/* The alignment rule of an option type: it must start at an offset o from
 * the start of the MH with o % *x == *y (*x == 1: no rule). emit() meets it;
 * a strict parse() checks it (a Binding Identifier option without a
 * care-of address only needs 2n, RFC 5648 4.3). */
void mip6_mhopt_align(uint8_t type, unsigned *x, unsigned *y);

/* Whether len is a length the RFCs allow for a known option type (any
 * length for the others). */
bool mip6_mhopt_len_ok(uint8_t type, uint8_t len);

/* Length of the fixed part (after the 6-byte header) of a message type, or
 * -1 for unknown types. The minimum message length is 6 + that, rounded up
 * to a multiple of 8. */
int mip6_mh_fixed_len(uint8_t type);

/* Parses a Mobility Header. src and dst are the addresses of the checksum
 * pseudo-header (the home address from a HAO as source, the home address
 * from a type 2 routing header as destination, RFC 6275 6.1.1); pass NULL
 * for both to skip the checksum (cksum_ok = -1).
 * Strict: checksum, payload proto 59, minimum length for the type, Header Len
 * within the input, option alignment and option lengths, options within the
 * MH, Binding Authorization Data last, at most MIP6_MH_MAX_OPTS options.
 * Any input it accepts re-emits byte for byte (emit with KEEP_CKSUM, or with
 * the same addresses). Unknown MH types are accepted with their data in body
 * (the caller answers with a Binding Error, status 2); unknown options are
 * kept as data. Octets after Header Len are not part of the MH.
 * Lenient: each broken rule sets a warning bit (the first also fills d) and
 * decoding goes on: a Header Len beyond the input decodes what is there
 * (MIP6_W_CAPLEN, checksum not checked), missing fixed fields read as 0, a
 * truncated option ends option parsing, an option of a forbidden length has
 * the fields its data holds (its extra octets re-emit as zeros). Only input
 * shorter than the 6-octet header fails. */
int mip6_mh_parse(const uint8_t *p, size_t len, const mip6_addr_t *src, const mip6_addr_t *dst,
		  unsigned flags, mip6_mh_t *m, mip6_diag_t *d);

/* emit() flags. */
#define MIP6_EMIT_KEEP_CKSUM 1u  /* write m->checksum instead of computing it */
#define MIP6_EMIT_KEEP_HLEN 2u   /* write m->hdr_len instead of the real length */

/* Writes the message; returns its length or a negative error. The checksum
 * is computed over src/dst unless MIP6_EMIT_KEEP_CKSUM is given (src and dst
 * may then be NULL). Unless m->explicit_padding, Pad1/PadN go before each
 * option to meet its alignment (mip6_mhopt_align); either way the length is
 * padded to a multiple of 8 octets. Errors: MIP6_E_NOSPC (cap too small,
 * nothing written past cap), MIP6_E_LEN (over MIP6_MH_MAX_LEN), MIP6_E_INVAL
 * (no addresses for the checksum, too many options, a BID coa_len > 16). */
int mip6_mh_emit(const mip6_mh_t *m, const mip6_addr_t *src, const mip6_addr_t *dst,
		 unsigned eflags, uint8_t *out, size_t cap);

/* Recomputes the checksum of an already written MH in place. */
void mip6_mh_set_cksum(uint8_t *mh, size_t len, const mip6_addr_t *src, const mip6_addr_t *dst);

/* Static names, for printing. */
const char *mip6_mh_type_name(uint8_t type);      /* "BU", "BA", ... or NULL */
const char *mip6_mhopt_name(uint8_t type);        /* "nonce-indices", ... or NULL */
const char *mip6_ba_status_name(uint8_t status);  /* or NULL when unassigned */

#ifdef __cplusplus
}
#endif
#endif
