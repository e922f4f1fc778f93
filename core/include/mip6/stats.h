/* SPDX-License-Identifier: BSD-3-Clause */
/* Counters a node keeps: every drop has a reason, every status it answers
 * with is counted, so tests and operators can see what was rejected. */
#ifndef MIP6_STATS_H
#define MIP6_STATS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mip6_stats {
	uint64_t rx_mh;               /* MH messages accepted for processing */
	uint64_t rx_icmp6;
	uint64_t tx_mh;
	uint64_t tx_icmp6;
	uint64_t ba_sent[256];        /* BAs sent, by status */
	uint64_t ba_rcvd[256];        /* BAs received, by status */
	uint64_t be_sent[3];          /* BEs sent, by status (1, 2) */
	uint64_t drop_malformed;      /* strict decode failed */
	uint64_t drop_cksum;
	uint64_t drop_auth;           /* RFC 4285 / RR authenticator did not verify */
	uint64_t drop_replay;         /* RFC 4285 replay protection */
	uint64_t drop_unauthorised;   /* not a client of this HA, prefix not allowed */
	uint64_t drop_seq;            /* sequence number out of window */
	uint64_t drop_hao_no_binding; /* HAO without a binding (RFC 6275 9.3.1) */
	uint64_t drop_rh2;            /* RTHDR2 not for one of our home addresses */
	uint64_t drop_tunnel;         /* tunnel endpoints do not match a binding */
	uint64_t drop_no_route;       /* data plane had no binding for a packet */
	uint64_t drop_hlim;           /* forwarding would take the hop limit to 0 (RFC 8200 3) */
	uint64_t err_rate_limited;    /* ICMPv6 errors / Binding Errors not sent: rate limit (RFC 4443 2.4(f)) */
	uint64_t mip6_dp_encap;
	uint64_t dp_decap;
	uint64_t dp_hao_out;
	uint64_t dp_hao_in;
	uint64_t dp_rh2_out;
	uint64_t dp_rh2_in;
	uint64_t dp_err_relayed;      /* ICMPv6 errors about tunnelled packets relayed (RFC 6275 9.3.4) */
	uint64_t drop_mn_link_local;  /* to a bound mobile node's link-local address (RFC 6275 10.4.2) */
	uint64_t bus_dropped;
	uint64_t nomem;               /* allocation failures survived */
	uint64_t cn_bce_unreachable;  /* CN: bindings deleted after persistent Destination Unreachable (RFC 6275 9.3.4) */
} mip6_stats_t;

#ifdef __cplusplus
}
#endif
#endif
