/* SPDX-License-Identifier: BSD-3-Clause */
/* The data plane's private parts: the open-addressing table all binding
 * tables are built on, the entry layouts, the header walker, and the
 * struct behind mip6_dp_t. */
#ifndef MIP6_DP_INTERNAL_H
#define MIP6_DP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mip6/dp.h"
#include "mip6/node.h"

/* --- Open-addressing table (linear probing, backward-shift delete) ---
 * Entries are esz bytes and start with a uint32_t hash (0 marks a free
 * slot: stored hashes have the top bit set) followed by the key (klen
 * bytes). The hash may cover only a prefix of the key: the binding cache
 * hashes the home address alone so that every BID of one home address
 * lies in the same probe run, which is how "all BIDs of a HoA" are found
 * without a second index. The load stays at most 1/2, so a lookup touches
 * one or two cache lines. The capacity need not be a power of two (a hash
 * picks its home slot by multiply-shift), so a large table grows by a
 * quarter at a time: 80 to 100 bytes per 40-byte entry whatever the count,
 * where doubling gave 80 to 160. */
typedef struct dp_tab {
	uint8_t *slots;
	uint32_t cap; /* slots; 0 while slots is NULL */
	uint32_t count;
	uint16_t esz;
	uint16_t klen;
} dp_tab_t;

#define DP_HASH_USED 0x80000000u
#define DP_TAB_MIN 16u

/* The home slot of hash h: its 31 hash bits scaled to the capacity. */
static inline uint32_t dp_tab_home(const dp_tab_t *t, uint32_t h)
{
	return (uint32_t)(((uint64_t)(uint32_t)(h << 1) * t->cap) >> 32);
}

void mip6_dp_tab_init(dp_tab_t *t, uint16_t esz, uint16_t klen);
void mip6_dp_tab_free(dp_tab_t *t, const mip6_alloc_t *a);
size_t mip6_dp_tab_memory(const dp_tab_t *t);
/* Makes room for one more entry (grows through the allocator). Returns 0 or
 * MIP6_E_NOMEM with the table unchanged. */
int mip6_dp_tab_reserve(dp_tab_t *t, const mip6_alloc_t *a);
/* The entry with this hash and key, or NULL. */
void *mip6_dp_tab_find(const dp_tab_t *t, uint32_t h, const void *key);
/* The existing entry for key, or a new one (hash and key written, the rest
 * zero). Needs a successful mip6_dp_tab_reserve() first when the key is new. */
void *mip6_dp_tab_insert(dp_tab_t *t, uint32_t h, const void *key, bool *created);
/* Removes an entry returned by find/insert/next; may shrink the table
 * (a failed shrink leaves it as it is). */
void mip6_dp_tab_remove(dp_tab_t *t, void *entry, const mip6_alloc_t *a);

/* Walks the probe run of hash h: *pos starts at 0 (pass the same variable
 * back); returns the next entry whose stored hash is h, or NULL at the end
 * of the run. Callers compare the key themselves. */
static inline void *dp_tab_next(const dp_tab_t *t, uint32_t h, uint32_t *pos)
{
	if (t->count == 0)
		return NULL;
	/* *pos holds the next slot index + 1, so 0 can mean "start". A run
	 * always ends at a free slot (the load stays at most 1/2). */
	uint32_t i = *pos == 0 ? dp_tab_home(t, h) : *pos - 1;
	for (;;) {
		uint8_t *e = t->slots + (size_t)i * t->esz;
		uint32_t eh;
		memcpy(&eh, e, 4);
		if (eh == 0)
			return NULL;
		if (++i == t->cap)
			i = 0;
		if (eh == h) {
			*pos = i + 1;
			return e;
		}
	}
}

static inline uint64_t dp_mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	x ^= x >> 33;
	return x;
}

static inline uint32_t dp_hash_addr(const mip6_addr_t *a, uint64_t salt)
{
	uint64_t hi, lo;
	memcpy(&hi, a->b, 8);
	memcpy(&lo, a->b + 8, 8);
	return (uint32_t)dp_mix64(hi ^ dp_mix64(lo ^ salt)) | DP_HASH_USED;
}

static inline bool dp_addr_eq(const mip6_addr_t *a, const mip6_addr_t *b)
{
	uint64_t a0, a1, b0, b1;
	memcpy(&a0, a->b, 8);
	memcpy(&a1, a->b + 8, 8);
	memcpy(&b0, b->b, 8);
	memcpy(&b1, b->b + 8, 8);
	return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}

/* --- Entries --- */
/* Binding cache entry (HA and CN side): 40 bytes. */
typedef struct dp_bce {
	uint32_t h;      /* hash of hoa */
	mip6_addr_t hoa; /* key: hoa, bid */
	uint16_t bid;
	uint8_t flags; /* MIP6_DPF_* (low nibble); high nibble: see DP_BCE_NBID */
	uint8_t local; /* index in dp->locals (0: unspecified) */
	mip6_addr_t coa;
} dp_bce_t;
#define DP_BCE_KLEN 18
#define DP_BCE_FLAGS 0x0fu
/* The high nibble of flags counts the bindings of this home address (15:
 * fifteen or more), so a lookup stops once it has seen them all instead of
 * walking to the end of the probe run: one cache line less, usually. */
#define DP_BCE_NBID(e) ((unsigned)(e)->flags >> 4)

/* Mobile network prefix at the HA: keyed by (prefix masked to plen, plen). */
typedef struct dp_mnp {
	uint32_t h;
	mip6_addr_t prefix;
	uint8_t plen;
	uint8_t pad[3];
	mip6_addr_t hoa; /* the mobile router's home address */
} dp_mnp_t;
#define DP_MNP_KLEN 17

/* A bound mobile node's link-local address the HA intercepts (RFC 6275
 * 10.4.1, the L flag): keyed by that address, naming the home address. */
typedef struct dp_ll {
	uint32_t h;
	mip6_addr_t ll;
	mip6_addr_t hoa;
} dp_ll_t;
#define DP_LL_KLEN 16

/* Route optimisation (MN side): keyed by (hoa, cn). */
typedef struct dp_ro {
	uint32_t h;
	mip6_addr_t hoa;
	mip6_addr_t cn;
	mip6_addr_t coa;
	uint32_t ifindex;
} dp_ro_t;
#define DP_RO_KLEN 32

/* Binding update list subset (MN side, few entries: a plain array). */
typedef struct dp_bul {
	mip6_addr_t hoa;
	mip6_addr_t coa;
	mip6_addr_t ha;
	uint32_t ifindex;
	uint16_t bid;
	uint8_t flags;
} dp_bul_t;

/* The MR's own mobile network prefixes. */
typedef struct dp_lmnp {
	mip6_addr_t prefix;
	uint8_t plen;
	mip6_addr_t hoa;
} dp_lmnp_t;

#define DP_MAX_LOCALS 255 /* distinct tunnel endpoints of this node */
#define DP_MAX_BIDS 64    /* bindings per home address (keeps probe runs short) */
#define DP_MAX_SMALL 1024 /* entries of the BUL, local MNP and flow-rule arrays */

struct mip6_dp {
	mip6_alloc_t alloc;
	mip6_stats_t *stats;
	mip6_stats_t own_stats; /* when the caller passes none */
	uint64_t salt;          /* binding cache hash salt */

	dp_tab_t bc;                 /* dp_bce_t */
	dp_tab_t mnp;                /* dp_mnp_t */
	dp_tab_t ll;                 /* dp_ll_t: link-local addresses of MIP6_DPF_LL bindings */
	uint32_t mnp_len_count[129]; /* prefixes per length */
	uint8_t mnp_lens[129];       /* lengths in use, longest first */
	unsigned n_mnp_lens;

	mip6_addr_t *locals; /* [0] is the unspecified address */
	unsigned n_locals, cap_locals;

	dp_bul_t *bul;
	unsigned n_bul, cap_bul;
	dp_tab_t ro; /* dp_ro_t */
	dp_lmnp_t *lmnp;
	unsigned n_lmnp, cap_lmnp;
	mip6_flow_rule_t *rules;
	unsigned n_rules, cap_rules;
};

/* Grows a small array to hold n elements of size sz; 0 or MIP6_E_NOMEM. */
int mip6_dp_array_reserve(mip6_dp_t *dp, void **arr, unsigned *cap, unsigned n, size_t sz);

/* --- Lookups shared by output and input --- */
uint32_t mip6_dp_hash_bc(const mip6_dp_t *dp, const mip6_addr_t *hoa);
/* An MNP covering addr (longest prefix), or NULL. */
const dp_mnp_t *mip6_dp_mnp_lookup(const mip6_dp_t *dp, const mip6_addr_t *addr);
const dp_bce_t *mip6_dp_bc_find(const mip6_dp_t *dp, const mip6_addr_t *hoa, uint16_t bid);
/* A home binding of hoa whose CoA is coa (any BID), or NULL. */
const dp_bce_t *mip6_dp_bc_find_coa(const mip6_dp_t *dp, const mip6_addr_t *hoa, const mip6_addr_t *coa,
                               uint8_t need_flags);
const dp_ro_t *mip6_dp_ro_find(const mip6_dp_t *dp, const mip6_addr_t *hoa, const mip6_addr_t *cn);
/* The home address whose link-local address (fe80::/64 + its interface
 * identifier) is ll, for a binding registered with MIP6_DPF_LL; or NULL. */
const mip6_addr_t *mip6_dp_ll_hoa(const mip6_dp_t *dp, const mip6_addr_t *ll);
/* The MN's BUL: an entry of hoa; a live entry with this CoA and HA. */
const dp_bul_t *mip6_dp_bul_of(const mip6_dp_t *dp, const mip6_addr_t *hoa);
/* The local MNP covering addr (longest), or NULL. */
const dp_lmnp_t *mip6_dp_lmnp_lookup(const mip6_dp_t *dp, const mip6_addr_t *addr);

/* --- Header walk --- */
/* What the data plane needs from one IPv6 header and its extension headers. */
typedef struct mip6_dp_walk {
	size_t end;    /* 40 + payload length (within the buffer) */
	uint8_t upper; /* first header that is not an extension header (41: a tunnel) */
	size_t upper_off;
	size_t hao_off; /* offset of the Home Address option's address; 0: none */
	size_t hao_hdr; /* the Destination Options header holding it */
	size_t hao_hdr_len;
	size_t hao_hdr_nxt; /* offset of the Next Header byte that points at it */
	bool hao_hdr_only;  /* that header holds nothing but padding and the HAO */
	size_t rh_off;      /* offset of the routing header; 0: none */
	size_t rh_nxt;      /* offset of the Next Header byte that points at it */
	size_t rh_ins;      /* where an RTHDR2 goes: after the Hop-by-Hop header */
	size_t rh_ins_nxt;  /* offset of the Next Header byte that points there */
	size_t hao_ins;     /* where a HAO goes: after routing headers (RFC 6275 6.3) */
	size_t hao_ins_nxt;
	bool has_ports; /* TCP/UDP/SCTP/DCCP first fragment with its ports */
	uint16_t sport, dport;
} dp_walk_t;

/* Walks the IPv6 header at p. Returns 0, or an error with *why set when the
 * headers are broken (the caller leaves such packets to the stack). */
int mip6_dp_walk(const uint8_t *p, size_t len, dp_walk_t *w, const char **why);

/* --- Flow policy --- */
/* The BID the first matching rule names whose binding is live per
 * 'live(ctx, bid)'; -1 when no rule applies. */
int mip6_dp_flow_pick(const mip6_dp_t *dp, const uint8_t *pkt, const dp_walk_t *w,
                 bool (*live)(const void *ctx, uint16_t bid), const void *ctx);

/* --- Transformations (on the buffer) --- */
/* Inserts a 24-byte header at offset 'at' (Next Header byte at nxt_off
 * points there); 'emit' writes it given the displaced next header. */
int mip6_dp_insert_hao(mip6_buf_t *b, const dp_walk_t *w, const mip6_addr_t *hoa);
int mip6_dp_insert_rh2(mip6_buf_t *b, const dp_walk_t *w, const mip6_addr_t *hoa);
/* Takes the extension header at off (len bytes, pointed at from nxt_off)
 * out of the packet. */
void mip6_dp_remove_hdr(mip6_buf_t *b, size_t off, size_t len, size_t nxt_off);

/* --- Shared by output and input --- */
/* Among the bindings of hoa carrying flag 'need': the flow policy's pick
 * when several exist, else the lowest BID. NULL when there is none. */
const dp_bce_t *mip6_dp_bc_pick(const mip6_dp_t *dp, const mip6_addr_t *hoa, uint8_t need, const uint8_t *pkt,
                           const dp_walk_t *w);
/* One pass over the bindings of hoa: the lowest-BID home and RO ones. */
typedef struct mip6_dp_bc_scan {
	const dp_bce_t *home, *ro;
	unsigned nhome, nro;
} dp_bc_scan_t;
void mip6_dp_bc_scan(const mip6_dp_t *dp, const mip6_addr_t *hoa, dp_bc_scan_t *s);
/* The home binding that carries a packet to dst (a bound home address, s
 * being dst's scan, or an MNP of a bound MR); *mnp_unbound when dst is in
 * an MNP whose MR has no binding. */
const dp_bce_t *mip6_dp_ha_binding(const mip6_dp_t *dp, const mip6_addr_t *dst, const dp_bc_scan_t *s,
                              const uint8_t *pkt, const dp_walk_t *w, bool *mnp_unbound);
/* Prepends the outer IPv6 header src -> dst (RFC 2473) and counts it. */
mip6_dp_result_t mip6_dp_encap(mip6_dp_t *dp, mip6_buf_t *b, const mip6_addr_t *src, const mip6_addr_t *dst,
                          uint32_t ifindex);

#endif
