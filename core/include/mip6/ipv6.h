/* SPDX-License-Identifier: BSD-3-Clause */
/* IPv6 header, extension headers (Destination Options with the Home
 * Address option, routing headers incl. type 2) and the Internet checksum. */
#ifndef MIP6_IPV6_H
#define MIP6_IPV6_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip6/addr.h"
#include "mip6/err.h"

#ifdef __cplusplus
extern "C" {
#endif

enum mip6_ipproto {
	MIP6_PROTO_HOPOPTS = 0,
	MIP6_PROTO_TCP = 6,
	MIP6_PROTO_UDP = 17,
	MIP6_PROTO_IPV6 = 41,
	MIP6_PROTO_ROUTING = 43,
	MIP6_PROTO_FRAGMENT = 44,
	MIP6_PROTO_ESP = 50,
	MIP6_PROTO_AH = 51,
	MIP6_PROTO_ICMPV6 = 58,
	MIP6_PROTO_NONE = 59,
	MIP6_PROTO_DSTOPTS = 60,
	MIP6_PROTO_MH_OLD = 62,     /* Mobility Header in drafts before RFC 3775 */
	MIP6_PROTO_MH = 135
};

#define MIP6_IP6_HLEN 40
#define MIP6_HAO_TYPE 201         /* RFC 6275 6.3 */
#define MIP6_HAO_DSTOPT_LEN 24    /* Destination Options header holding PadN + HAO */
#define MIP6_RH2_LEN 24           /* RFC 6275 6.4 */

typedef struct mip6_ip6 {
	uint8_t tclass;
	uint32_t flow;      /* 20 bits */
	uint16_t plen;      /* payload length */
	uint8_t nxt;        /* next header */
	uint8_t hlim;
	mip6_addr_t src;
	mip6_addr_t dst;
} mip6_ip6_t;

/* Fixed IPv6 header. Requires version 6 and 40 bytes. */
int mip6_ip6_parse(const uint8_t *p, size_t len, mip6_ip6_t *h, mip6_diag_t *d);
void mip6_ip6_emit(const mip6_ip6_t *h, uint8_t out[MIP6_IP6_HLEN]);

/* Destination Options header. */
typedef struct mip6_dstopts {
	uint8_t nxt;
	unsigned len;           /* bytes, (hdr_ext_len + 1) * 8 */
	unsigned nhao;          /* Home Address options seen */
	mip6_addr_t hao;        /* the first one */
	unsigned hao_off;       /* offset of its option type byte in the header */
	uint32_t warnings;      /* enum mip6_warn */
} mip6_dstopts_t;

/* Parses one Destination Options header. Strict: the HAO must be 16 bytes at
 * 8n+6 and appear once, padding must be well formed, options must not run
 * past the header. Lenient: these become warnings. */
int mip6_dstopts_parse(const uint8_t *p, size_t len, unsigned flags, mip6_dstopts_t *o,
		       mip6_diag_t *d);

/* Writes a 24-byte Destination Options header: PadN(2) then the HAO at
 * offset 6, which meets the 8n+6 alignment of RFC 6275 6.3. */
void mip6_dstopts_emit_hao(uint8_t nxt, const mip6_addr_t *hoa, uint8_t out[MIP6_HAO_DSTOPT_LEN]);

/* Routing header (any type; addresses are read for types 0 and 2). */
typedef struct mip6_rthdr {
	uint8_t nxt;
	unsigned len;           /* bytes */
	uint8_t type;
	uint8_t segleft;
	unsigned naddr;         /* addresses carried (types 0 and 2) */
	mip6_addr_t first;      /* type 2: the home address */
	mip6_addr_t last;       /* final destination for checksums (RFC 8200 8.1) */
	uint32_t warnings;
} mip6_rthdr_t;

/* Strict for type 2: Hdr Ext Len 2 and Segments Left 1 (RFC 6275 6.4). */
int mip6_rthdr_parse(const uint8_t *p, size_t len, unsigned flags, mip6_rthdr_t *r,
		     mip6_diag_t *d);
/* Writes a type 2 routing header carrying the home address. */
void mip6_rh2_emit(uint8_t nxt, const mip6_addr_t *hoa, uint8_t segleft, uint8_t out[MIP6_RH2_LEN]);

/* One's-complement sum helpers (RFC 1071) with the IPv6 pseudo-header of
 * RFC 8200 8.1. Returns the checksum to put on the wire (0 means the data
 * including its checksum field verifies when checking). */
uint16_t mip6_cksum_pseudo(const mip6_addr_t *src, const mip6_addr_t *dst, uint32_t ul_len,
			   uint8_t nxt, const uint8_t *data, size_t len);

#ifdef __cplusplus
}
#endif
#endif
