/* SPDX-License-Identifier: BSD-3-Clause */
/* A whole IPv6 packet: header chain, Home Address option, routing headers,
 * IPv6-in-IPv6 tunnels (nested), and the upper layer (MH, ICMPv6, UDP, TCP),
 * with checksums verified over the right pseudo-header. Also the builders
 * that prepend headers into a mip6_buf. */
#ifndef MIP6_PACKET_H
#define MIP6_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip6/addr.h"
#include "mip6/buf.h"
#include "mip6/decode.h"
#include "mip6/err.h"
#include "mip6/icmp6.h"
#include "mip6/ipv6.h"
#include "mip6/mh.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MIP6_MAX_LAYERS 4   /* outer header + up to 3 nested tunnels */
#define MIP6_MAX_EXTHDRS 8  /* extension headers per layer */

/* One IPv6 header and its extension headers. */
typedef struct mip6_layer {
	unsigned off;            /* offset of the IPv6 header in the packet */
	mip6_ip6_t ip;
	bool has_hao;
	mip6_addr_t hao;         /* Home Address option */
	bool has_rh;
	mip6_rthdr_t rh;         /* the routing header, if any */
	bool has_frag;
	unsigned nexthdrs;
	uint8_t exthdrs[MIP6_MAX_EXTHDRS]; /* protocol numbers of the extension headers, in order */
	uint8_t upper;           /* protocol after the extension headers */
	unsigned upper_off;      /* offset of that header in the packet */
	unsigned upper_len;      /* its length (to the end of the IPv6 payload) */
} mip6_layer_t;

/* The source and destination a checksum uses for this layer: the HAO's home
 * address as source, the final routing-header address as destination. */
const mip6_addr_t *mip6_layer_cksum_src(const mip6_layer_t *l);
const mip6_addr_t *mip6_layer_cksum_dst(const mip6_layer_t *l);

typedef enum mip6_ul {
	MIP6_UL_NONE = 0,    /* no upper layer (proto 59) or not reached */
	MIP6_UL_MH,
	MIP6_UL_ICMP6,
	MIP6_UL_UDP,
	MIP6_UL_TCP,
	MIP6_UL_OTHER
} mip6_ul_t;

typedef struct mip6_pkt {
	unsigned nlayers;        /* layers whose IPv6 header parsed (also after a failure) */
	mip6_layer_t layer[MIP6_MAX_LAYERS]; /* [0] outermost; IPv6-in-IPv6 nests inward */
	mip6_ul_t ul;            /* upper layer of the innermost layer */
	mip6_mh_t mh;            /* valid when ul == MIP6_UL_MH */
	mip6_icmp6_t icmp6;      /* valid when ul == MIP6_UL_ICMP6 */
	uint16_t sport, dport;   /* UDP and TCP */
	uint16_t l4_cksum;       /* UDP and TCP, as on the wire */
	int cksum_ok;            /* upper-layer checksum: 1 good, 0 bad, -1 not checked */
	uint32_t warnings;       /* union of all warnings */
	mip6_diag_t diag;        /* the rejection, or the first warning */
} mip6_pkt_t;

/* Parses an IPv6 packet. Strict mode fails on the first broken rule;
 * lenient mode stops only where reading further would leave the input. A
 * packet shorter than its payload length is an error in strict mode and a
 * MIP6_W_CAPLEN warning in lenient mode (decoding what was captured). */
int mip6_pkt_parse(const uint8_t *p, size_t len, unsigned flags, mip6_pkt_t *pkt);

/* Builders over a mip6_buf whose data holds the payload so far. Each
 * prepends one header and needs headroom for it. */
int mip6_buf_push_ip6(mip6_buf_t *b, const mip6_ip6_t *h);      /* sets plen from the data */
int mip6_buf_push_hao(mip6_buf_t *b, uint8_t nxt, const mip6_addr_t *hoa);
int mip6_buf_push_rh2(mip6_buf_t *b, uint8_t nxt, const mip6_addr_t *hoa);
/* IPv6-in-IPv6 encapsulation (RFC 2473): prepends an outer header. */
int mip6_buf_encap(mip6_buf_t *b, const mip6_addr_t *src, const mip6_addr_t *dst, uint8_t hlim);

#ifdef __cplusplus
}
#endif
#endif
