/* SPDX-License-Identifier: BSD-3-Clause */
/* fuzz_node: a stateful target that runs a whole node through its public
 * API (mip6/node.h) from a program of operations. This header is shared by
 * its parts: the env and invariants (node_env.c), the packet builders
 * (node_pkts.c) and the program decoder (fuzz_node.c). */
#ifndef MIP6_FUZZ_NODE_H
#define MIP6_FUZZ_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip6/env.h"
#include "mip6/mh.h"
#include "mip6/node.h"
#include "mip6/packet.h"

#define NODE_CHECK(cond, msg)                                                                                \
	do {                                                                                                 \
		if (!(cond)) {                                                                               \
			fprintf(stderr, "fuzz_node: invariant failed: %s (%s) at %s:%d\n", msg, #cond,       \
			        __FILE__, __LINE__);                                                         \
			abort();                                                                             \
		}                                                                                            \
	} while (0)

/* The program: bytes read in order; past the end every read gives 0. */
typedef struct prog {
	const uint8_t *p;
	size_t n, i;
} prog_t;

uint8_t prog_u8(prog_t *r);
uint16_t prog_u16(prog_t *r);
uint32_t prog_u32(prog_t *r);
bool prog_done(const prog_t *r);

#define MAX_OPS 128 /* pending platform operations remembered */
#define MAX_DYN 32  /* addresses learned from what the node did */
#define MAX_BIDS 4

/* What the node last sent, so the program can answer it the way a peer
 * would (a BA for its BU, a HoT for its HoTI, a BU signed with the tokens
 * its HoT/CoT carried). */
typedef struct seen_bu {
	bool valid;
	uint16_t seq, flags, lifetime;
	mip6_addr_t src, dst, hoa; /* hoa: from the HAO, else the source */
	unsigned nbid;
	uint16_t bid[MAX_BIDS];
	bool has_ts;
	uint64_t ts; /* its RFC 4285 timestamp */
} seen_bu_t;

typedef struct seen_init {
	bool valid;
	uint8_t cookie[8];
	mip6_addr_t src, dst; /* innermost layer: the MN's address and the CN */
	mip6_addr_t outer_src, outer_dst;
} seen_init_t;

typedef struct seen_test {
	bool valid;
	uint16_t nonce_index;
	uint8_t keygen[8];
	mip6_addr_t dst; /* the address it was sent to (home or care-of) */
	mip6_addr_t src; /* the CN */
} seen_test_t;

typedef struct fz_state {
	mip6_env_t env;
	mip6_node_t *node;
	mip6_ns_t now;
	uint64_t rng;
	unsigned config;
	/* allocations */
	long live_allocs;
	uint64_t alloc_count; /* allocations and resizes made so far */
	uint64_t fail_at;     /* fail the allocation with this count (0: none) */
	uint32_t fail_mask;   /* and those of the next 32 whose bit is set */
	/* re-entry */
	int depth;  /* mip6_node_* calls in progress */
	bool in_cb; /* an env callback is running */
	/* the packet being handed to the node is exactly what a well-formed
	 * peer sends (strict-parses, checksums right): what comes out must too */
	bool input_pristine;
	/* stats snapshot */
	mip6_stats_t stats;
	bool have_stats;
	/* pending ops */
	unsigned nops;
	mip6_op_t ops[MAX_OPS];
	/* learned addresses */
	unsigned ndyn, dyn_next;
	mip6_addr_t dyn[MAX_DYN];
	/* the node's last messages */
	seen_bu_t bu_home, bu_cn;
	seen_init_t hoti, coti;
	seen_test_t hot, cot;
	const mip6_auth_cfg_t *mn_auth; /* the MN's RFC 4285 key, when it has one */
	uint8_t my_keygen[2][8];        /* the tokens of the HoT [0] and CoT [1] we sent the MN */
	bool dhaad_valid, mps_valid;
	uint16_t dhaad_id, mps_id;
	mip6_addr_t dhaad_src, mps_src;
	uint64_t sent, delivered;
} fz_state_t;

extern fz_state_t fz;
extern bool fz_debug; /* FUZZ_NODE_DEBUG: print traces */

/* node_env.c */
void fz_env_init(bool with_time_of_day);
void fz_enter(void);
void fz_leave(void);
void fz_after_timeout(void);
void fz_check_free(void);
void fz_learn_addr(const mip6_addr_t *a);
void fz_check_packet(const uint8_t *p, size_t len, bool delivered);

/* node_pkts.c: builders. Each writes a whole IPv6 packet into out and
 * returns its length (0 on failure). */
typedef struct pkt_hdrs {
	mip6_addr_t src, dst;
	const mip6_addr_t *hao; /* Home Address option (checksum source) */
	const mip6_addr_t *rh2; /* type 2 routing header (checksum destination) */
	uint8_t hlim;
} pkt_hdrs_t;

size_t pk_mh(const mip6_mh_t *m, const pkt_hdrs_t *h, uint8_t *out, size_t cap);
size_t pk_icmp6(const mip6_icmp6_t *m, const pkt_hdrs_t *h, uint8_t *out, size_t cap);
size_t pk_udp(const pkt_hdrs_t *h, uint16_t sport, uint16_t dport, const uint8_t *data, size_t dlen,
              uint8_t *out, size_t cap);
size_t pk_encap(uint8_t *pkt, size_t len, size_t cap, const mip6_addr_t *src, const mip6_addr_t *dst);
/* The upper layer of an emitted packet: for signing after emit. */
bool pk_upper(const uint8_t *pkt, size_t len, size_t *off, size_t *ulen);
/* True when pkt strict-parses with every checksum right. */
bool pk_pristine(const uint8_t *pkt, size_t len);

#endif
