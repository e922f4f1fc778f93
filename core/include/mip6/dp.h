/* SPDX-License-Identifier: BSD-3-Clause */
/* The data plane: the per-packet work SHISA kept in the kernel. Binding
 * tables hold the per-packet subset of the signaling state (SHISA's BC_ADD /
 * BUL_ADD into the kernel); the functions transform a packet in a mip6_buf
 * (with headroom) and say where it goes. One tunnel output point serves MN
 * and MR traffic and applies the MCoA flow policy (SHISA paper, 5.1).
 *
 * Lookups are hash tables keyed by home address (and BID), and a
 * longest-prefix table for mobile network prefixes, so their cost stays flat
 * from a thousand to a million bindings. */
#ifndef MIP6_DP_H
#define MIP6_DP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip6/addr.h"
#include "mip6/alloc.h"
#include "mip6/buf.h"
#include "mip6/stats.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mip6_dp mip6_dp_t;

/* Where a transformed packet goes. */
typedef enum mip6_dp_action {
	MIP6_DPA_PASS = 0,     /* not the data plane's business: the platform handles it */
	MIP6_DPA_SEND = 1,     /* send the buffer out of *ifindex (0: platform routes) */
	MIP6_DPA_DELIVER = 2,  /* hand the buffer to the local stack (decapsulated / swapped) */
	MIP6_DPA_DROP = 3,     /* drop; *why names the reason (static) */
	MIP6_DPA_SIGNAL = 4,   /* a signaling packet for the core's components */
	MIP6_DPA_RELAY = 5     /* used up: the node sends the ICMPv6 error err_* in its place
				* (an error about a tunnelled packet, relayed to the inner source) */
} mip6_dp_action_t;

/* Binding flags. */
#define MIP6_DPF_HOME 0x01u      /* home registration (tunnel to/from the HA) */
#define MIP6_DPF_MR 0x02u        /* mobile router: its MNPs are routed too */
#define MIP6_DPF_RO 0x04u        /* route-optimised binding with a correspondent */
/* Home registration with L (RFC 6275 10.4.1): the home agent also intercepts
 * fe80::/64 + the home address's interface identifier, and drops what is
 * sent there (10.4.2). */
#define MIP6_DPF_LL 0x08u

typedef struct mip6_dp_result {
	mip6_dp_action_t action;
	uint32_t ifindex;
	const char *why;         /* for DROP and PASS */
	uint16_t code;           /* DROP: its reason, enum mip6_event (mip6/event.h) */
	bool rr_hint;            /* MN: tunneled traffic from a correspondent (consider RO) */
	mip6_addr_t hint_peer;   /* that correspondent */
	bool be_hint;            /* a HAO without binding: answer BE status 1 to the
				  * (untouched) packet's source; hint_peer holds the HAO's
				  * home address */
	bool tunneled;           /* SIGNAL: an IPv6-in-IPv6 header to this node was taken off */
	mip6_addr_t outer_src;   /* and these were its addresses */
	mip6_addr_t outer_dst;
	bool hlim_exceeded;      /* DROP: forwarding would take the hop limit to 0 and the
				  * packet is no ICMPv6 error: answer Time Exceeded to its
				  * (untouched) source; hint_peer holds this node's address
				  * for the binding (the HA's), unspecified if none */
	uint8_t err_type;        /* RELAY, DROP: non-zero: the node answers with this ICMPv6
				  * error (rate limited, RFC 4443 2.4(f)) */
	uint8_t err_code;
	uint32_t err_param;      /* its MTU (Packet Too Big) or pointer (Parameter Problem) */
	uint32_t err_off;        /* about the bytes of the buffer from this offset on */
	uint32_t err_ifindex;    /* out of this interface (0: the platform routes it) */
	mip6_addr_t err_src;     /* from (this node's address) */
	mip6_addr_t err_dst;     /* to */
} mip6_dp_result_t;

mip6_dp_t *mip6_dp_new(mip6_alloc_t alloc, mip6_stats_t *stats);
void mip6_dp_free(mip6_dp_t *dp);

/* --- Correspondent / home agent side (binding cache subset) --- */
/* Adds or updates the binding hoa[bid] -> coa. 'local' is this node's
 * tunnel endpoint (the HA address); flags MIP6_DPF_*. */
int mip6_dp_bc_set(mip6_dp_t *dp, const mip6_addr_t *hoa, uint16_t bid, const mip6_addr_t *coa,
		   const mip6_addr_t *local, uint32_t flags);
int mip6_dp_bc_del(mip6_dp_t *dp, const mip6_addr_t *hoa, uint16_t bid);  /* bid 0xffff: all */
/* Table updates return 0, MIP6_E_INVAL (bad argument; for a delete: no such
 * entry), MIP6_E_NOSPC (limit reached, e.g. 64 BIDs per home address) or
 * MIP6_E_NOMEM (the allocator said no: the tables are left as they were). */
/* NEMO: traffic to prefix goes to the bindings of the MR whose HoA is hoa. */
int mip6_dp_mnp_set(mip6_dp_t *dp, const mip6_addr_t *prefix, uint8_t plen, const mip6_addr_t *hoa);
int mip6_dp_mnp_del(mip6_dp_t *dp, const mip6_addr_t *prefix, uint8_t plen);
size_t mip6_dp_bc_count(const mip6_dp_t *dp);
size_t mip6_dp_mnp_count(const mip6_dp_t *dp);
/* Read back (for the node, tests and operators): 0, or MIP6_E_INVAL when
 * there is no such binding / no prefix covers addr. Output pointers may be
 * NULL. mnp_get does the longest-prefix match the data plane uses. */
int mip6_dp_bc_get(const mip6_dp_t *dp, const mip6_addr_t *hoa, uint16_t bid, mip6_addr_t *coa,
		   uint32_t *flags);
int mip6_dp_mnp_get(const mip6_dp_t *dp, const mip6_addr_t *addr, mip6_addr_t *hoa, uint8_t *plen);

/* --- Mobile node / router side (binding update list subset) --- */
/* Binding of home address hoa through coa (out of ifindex) to the HA. */
int mip6_dp_bul_set(mip6_dp_t *dp, const mip6_addr_t *hoa, uint16_t bid, const mip6_addr_t *coa,
		    const mip6_addr_t *ha, uint32_t ifindex, uint32_t flags);
int mip6_dp_bul_del(mip6_dp_t *dp, const mip6_addr_t *hoa, uint16_t bid);
/* Route optimisation: traffic hoa <-> cn goes direct from coa with a HAO. */
int mip6_dp_ro_set(mip6_dp_t *dp, const mip6_addr_t *hoa, const mip6_addr_t *cn, const mip6_addr_t *coa,
		   uint32_t ifindex);
int mip6_dp_ro_del(mip6_dp_t *dp, const mip6_addr_t *hoa, const mip6_addr_t *cn);
/* The MR's mobile network prefixes (its traffic is tunneled like its own). */
int mip6_dp_local_mnp_set(mip6_dp_t *dp, const mip6_addr_t *prefix, uint8_t plen, const mip6_addr_t *hoa);
int mip6_dp_local_mnp_del(mip6_dp_t *dp, const mip6_addr_t *prefix, uint8_t plen);
/* MCoA flow policy; rules are tried in order, first match picks the BID. */
struct mip6_flow_rule;
int mip6_dp_flow_add(mip6_dp_t *dp, const struct mip6_flow_rule *r);
void mip6_dp_flow_clear(mip6_dp_t *dp);

/* --- Per packet --- */
/* A packet from the local stack (or the mobile network) to carry:
 * MN/MR: RO with HAO if bound, else tunnel CoA -> HA chosen by flow policy
 * (falling back to any live BID). HA: to a bound HoA or MNP -> tunnel to
 * the CoA. CN: to a bound HoA -> RTHDR2 and destination CoA. */
mip6_dp_result_t mip6_dp_output(mip6_dp_t *dp, mip6_buf_t *b);
/* A packet received from a link: decapsulates tunnels whose endpoints
 * match a binding (RFC 6275 10.3.5 / 11.3.4 style checks), checks and swaps
 * HAO (needs a binding, except for a BU) and RTHDR2 (must carry one of our
 * home addresses, outer destination one of our CoAs), intercepts packets
 * for bound HoAs/MNPs at the HA. Signaling (MH, and ND/DHAAD/MPS/MPA
 * ICMPv6) comes back as MIP6_DPA_SIGNAL untouched.
 * Details: a tunnel whose outer destination is none of this node's mobility
 * endpoints (an HA address of a binding, a CoA of the BUL) is PASSed (not
 * ours to open); one to our endpoint that matches no binding is DROPped
 * (drop_tunnel). Signaling inside a matching tunnel and addressed to this
 * node is decapsulated in the buffer and returned as SIGNAL. On DELIVER
 * after HAO / RTHDR2 processing the buffer holds the packet as its upper
 * layer sees it: source / destination are the home addresses and the
 * processed headers are taken out (a HAO sharing its Destination Options
 * header with other options becomes PadN), so a stack without Mobile IPv6
 * accepts it and the upper-layer checksum verifies. ifindex is unused. */
mip6_dp_result_t mip6_dp_input(mip6_dp_t *dp, uint32_t ifindex, mip6_buf_t *b);

/* The same for n packets (bufs[i] -> res[i]): the binding-cache lines
 * every packet needs are prefetched before the first is transformed, so
 * with a large binding cache the memory latency is paid once per burst
 * rather than once per packet. Results are those of the single calls. */
void mip6_dp_output_burst(mip6_dp_t *dp, mip6_buf_t *const *bufs, size_t n, mip6_dp_result_t *res);
void mip6_dp_input_burst(mip6_dp_t *dp, uint32_t ifindex, mip6_buf_t *const *bufs, size_t n,
			 mip6_dp_result_t *res);

/* Prefetches the binding-cache lines mip6_dp_input / mip6_dp_output will
 * look up for the packet pkt (len bytes, from its IPv6 header on), for a
 * caller that runs the single calls over a burst of its own: a hint only,
 * it changes nothing and is safe on any bytes. */
void mip6_dp_prefetch_input(const mip6_dp_t *dp, const uint8_t *pkt, size_t len);
void mip6_dp_prefetch_output(const mip6_dp_t *dp, const uint8_t *pkt, size_t len);
/* How many packets ahead of the one being transformed to prefetch. */
#define MIP6_DP_PREFETCH_AHEAD 8

/* Bytes of memory the tables use (for the memory-per-binding figure). */
size_t mip6_dp_memory(const mip6_dp_t *dp);

#ifdef __cplusplus
}
#endif
#endif
