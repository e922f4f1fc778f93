/* SPDX-License-Identifier: BSD-3-Clause */
/* The home agent component (RFC 6275 10, RFC 3963, RFC 5648, RFC 4285):
 * state shared by core/src/roles/ha*.c. */
#ifndef MIP6_ROLES_HA_INTERNAL_H
#define MIP6_ROLES_HA_INTERNAL_H

#include <stddef.h>

#include "cn_internal.h" /* the Binding Error rate limit */
#include "node_internal.h"

#define HA_MAX_BIDS 16                        /* bindings per home address (RFC 5648) */
#define HA_HAL_MAX (MIP6_DHAAD_MAX_ADDRS - 1) /* other home agents on the home link */
#define HA_DAD_GUARD_S 10                     /* forget a first registration whose DAD never answers */
#define HA_PREFIX_VALID_S 2592000u            /* MPA prefix lifetimes: the RFC 4861 defaults */
#define HA_PREFIX_PREFERRED_S 604800u
#define HA_TS_WINDOW_S 7u /* RFC 4285 6: default timestamp window */
/* RFC 4861 10: MAX_NEIGHBOR_ADVERTISEMENT transmissions, RetransTimer apart. */
#define HA_NA_COUNT 3u
#define HA_NA_INTERVAL MIP6_SEC(1)
#define HA_NA_QUEUE 32 /* addresses whose NA repeats are pending */
/* RFC 6275 12: unsolicited Mobile Prefix Advertisements. */
#define HA_PREFIX_ADV_TIMEOUT MIP6_SEC(3)
#define HA_PREFIX_ADV_RETRIES 3u
/* RFC 6275 10.3.2 / 12: how long a de-registered home address's sequence
 * number is remembered, and for how many home addresses at once. */
#define HA_MAX_DELETE_BCE_TIMEOUT MIP6_SEC(10)
#define HA_DELETED_MAX 64
#define HA_MAX_PREFIXES 4 /* prefixes the HA advertises on the home link */

/* Timer kinds (low byte of NODE_TIMER_KIND(COMP_HA, k)). */
enum ha_timer_kind {
	HA_T_BCE = 1,  /* a binding's lifetime ran out */
	HA_T_DAD = 2,  /* no DAD result for a first registration */
	HA_T_HAL = 3,  /* a home agent list entry expired */
	HA_T_NA = 4,   /* repeat unsolicited Neighbor Advertisements */
	HA_T_MPA = 5,  /* retransmit unsolicited Mobile Prefix Advertisements */
	HA_T_FLUSH = 6 /* go on with a FLUSH_BC once the bus has room */
};

#define HA_CONTAINER(ptr, type, member) ((type *)(void *)((char *)(ptr)-offsetof(type, member)))

/* One BID of a BU (RFC 5648 4.3) and its outcome. */
typedef struct ha_bid {
	uint16_t bid;
	uint8_t status; /* per-BID status for the BA */
	bool home;      /* its care-of address is the home address */
	bool nocoa;     /* the option named no care-of address: the binding's own (RFC 5648 6.2) */
	mip6_addr_t coa;
} ha_bid_t;

/* A Binding Update that passed the checks: everything acceptance needs,
 * now or when the DAD result comes. */
typedef struct ha_req {
	mip6_addr_t hoa;
	mip6_addr_t coa;    /* Alternate Care-of Address option, else the IPv6 source */
	mip6_addr_t ba_dst; /* the BU's IPv6 source: where the BA goes */
	uint16_t seq;
	uint16_t flags;      /* MIP6_BU_F_* */
	uint16_t lifetime_u; /* granted, units of 4 s */
	bool dereg;
	bool pd;     /* RFC 6275 10.3.1: the home prefix is or becomes deprecated or invalid: status 1 */
	bool has_ts; /* RFC 4285 timestamp to echo in the BA */
	uint64_t ts;
	unsigned nbid;
	ha_bid_t bid[HA_MAX_BIDS];
	bool explicit_mnp; /* RFC 3963 explicit mode */
	unsigned nmnp;
	mip6_prefix_t mnp[MIP6_MAX_MNP];
	struct ha_req *next; /* MCoA: a BU for other BIDs waiting for the same DAD */
} ha_req_t;

/* A binding cache entry: one care-of address of a home address (one per
 * BID with MCoA). */
typedef struct ha_bce {
	mip6_timer_t timer; /* lifetime expiry: fires at or before 'expires' */
	mip6_ns_t expires;  /* when the lifetime ends (a refresh moves only this) */
	struct ha_mn *mn;
	struct ha_bce *next;
	mip6_addr_t coa;
	uint16_t bid;
	uint32_t lifetime_s;
} ha_bce_t;

enum ha_mn_state {
	HA_MN_DAD = 1,  /* first registration waits for DAD of the home address */
	HA_MN_BOUND = 2 /* at least one binding */
};

struct ha_mn;

/* A first registration waiting for DAD of its home address (RFC 6275
 * 10.3.1). Allocated when DAD starts and freed with its result, so the
 * record every bound home address keeps carries none of this. */
typedef struct ha_dad {
	mip6_timer_t timer;  /* guard: forget the registration if DAD never answers */
	struct ha_dad *next; /* ha->pending, oldest first */
	struct ha_mn *mn;
	uint32_t op;     /* the DAD operation waited for */
	bool ll_checked; /* L flag: the link-local address is being checked */
	ha_req_t *reqs;  /* the BUs waiting: one per BID set, oldest first */
} ha_dad_t;

/* Everything the HA holds for one home address, with room for its first
 * binding: one block of 120 bytes that a refresh reads from end to end
 * (hash chain and key first), where a separate binding would be another
 * block elsewhere, one more cache miss per Binding Update. */
typedef struct ha_mn {
	struct ha_mn *hnext; /* hash chain */
	mip6_addr_t hoa;
	int32_t client; /* index into ha->clients, -1 when not a configured client */
	uint8_t state;  /* enum ha_mn_state */
	bool mr;        /* registered as a mobile router */
	uint16_t seq;   /* last accepted sequence number */
	uint8_t nbce;
	uint8_t nmnp;
	bool ll_proxy;    /* L flag: proxy ND covers the link-local address */
	bool has_dad;     /* u holds the DAD record (else the bindings) */
	bool b0_used;     /* b0 is one of the bindings */
	uint8_t mpa_left; /* unsolicited MPA retransmissions still due (RFC 6275 10.6.2) */
	uint16_t mpa_id;  /* identifier of that MPA */
	/* A first registration has no binding until its DAD succeeds, and a
	 * bound home address waits for no DAD: the two never coexist. */
	union {
		ha_bce_t *bces; /* the bindings, newest first */
		ha_dad_t *dad;  /* while has_dad */
	} u;
	mip6_prefix_t *mnp; /* prefixes routed to this MR (nmnp of them) */
	ha_bce_t b0;        /* the first binding's place (more BIDs: allocated) */
} ha_mn_t;

/* The bindings of mn (none while it waits for DAD). */
static inline ha_bce_t *ha_mn_bces(const ha_mn_t *mn)
{
	return mn->has_dad ? NULL : mn->u.bces;
}

/* RFC 4285 replay state per configured client, kept across bindings, and
 * its MN-HA key prepared on first use (NULL: not yet, or it failed). */
typedef struct ha_client_rt {
	uint64_t last_ts;
	bool has_ts;
	mip6_hmac_key_t *key;
} ha_client_rt_t;

/* Another home agent on the home link, learnt from its RAs (RFC 6275 10.5.1). */
typedef struct ha_hal {
	mip6_timer_t timer; /* lifetime expiry */
	bool used;
	bool has_addr; /* a global address came in a Prefix Information option with R */
	bool mr;       /* supports mobile routers (RFC 3963 HAI R flag) */
	int16_t pref;
	mip6_addr_t lladdr; /* the RA's source: the key */
	mip6_addr_t addr;
	mip6_ns_t addr_until; /* end of its prefix's valid lifetime (RFC 6275 10.1) */
} ha_hal_t;

/* A pending repetition of an unsolicited Neighbor Advertisement. */
typedef struct ha_na {
	mip6_addr_t target;
	mip6_addr_t hoa; /* whose binding it announces */
	mip6_ns_t due;
	uint8_t left;
	bool router; /* a mobile router's: the R bit (RFC 3963 6.2) */
} ha_na_t;

/* A prefix the HA advertises to its mobile nodes (RFC 6275 10.6). */
typedef struct ha_pfx {
	mip6_prefix_t p;
	uint8_t flags; /* MIP6_PI_F_* */
	uint32_t valid, preferred;
	mip6_ns_t heard; /* when a home-link RA last gave these lifetimes; 0: configured, no count-down */
} ha_pfx_t;

typedef struct ha {
	mip6_component_t comp;
	mip6_ha_cfg_t cfg; /* cfg.clients points at 'clients' */
	mip6_ha_client_t *clients;
	ha_client_rt_t *crt;
	uint32_t *cindex; /* open addressing: client index + 1, 0 empty */
	uint32_t cmask;
	ha_mn_t **buckets; /* home address -> record */
	uint32_t nbuckets;
	uint32_t nmn;
	uint32_t nmr;      /* records with mobile network prefixes routed */
	uint32_t nbce;     /* bindings of every record (mip6/view.h counts them) */
	ha_dad_t *pending; /* waiting for DAD, oldest first (results come in order) */
	ha_dad_t **pending_tail;
	mip6_addr_t anycast; /* home agents anycast address of the home prefix */
	cn_be_limit_t be;    /* Binding Errors, on a node without the CN component */
	ha_hal_t hal[HA_HAL_MAX];
	mip6_timer_t na_timer;
	ha_na_t na[HA_NA_QUEUE];
	mip6_timer_t mpa_timer;
	/* De-registered home addresses, kept for MAX_DELETE_BCE_TIMEOUT (RFC
	 * 6275 10.3.2) with the de-registration's sequence number: no
	 * interception, no binding, just enough to refuse a delayed BU. */
	struct ha_deleted {
		mip6_addr_t hoa;
		uint16_t seq;
		mip6_ns_t until; /* 0: free */
	} deleted[HA_DELETED_MAX];
	unsigned deleted_next;    /* the slot the next one takes (the oldest) */
	mip6_ns_t mpa_wait;       /* wait before the next unsolicited MPA retransmission (10.6.2) */
	mip6_timer_t flush_timer; /* a flush of every binding under way */
	unsigned npfx;
	ha_pfx_t pfx[HA_MAX_PREFIXES]; /* [0] is the home prefix */
} ha_t;

/* The link-local address with the home address's interface identifier
 * (the L flag of RFC 6275 6.1.7). */
void mip6_ha_ll_of(const mip6_addr_t *hoa, mip6_addr_t *ll);

/* ha.c: tables, tracing. */
void mip6_ha_trace(ha_t *ha, uint16_t kind, uint16_t code, const char *what, const mip6_addr_t *a,
                   const mip6_addr_t *b, uint32_t value);
uint32_t mip6_ha_hash(const mip6_addr_t *a);
int32_t mip6_ha_client_find(const ha_t *ha, const mip6_addr_t *hoa);
/* The client's MN-HA key prepared for HMAC, made on first use; NULL when
 * the crypto library could not (callers then use the raw key). */
mip6_hmac_key_t *mip6_ha_client_key(ha_t *ha, int32_t client);
ha_mn_t *mip6_ha_mn_find(const ha_t *ha, const mip6_addr_t *hoa);
ha_mn_t *mip6_ha_mn_new(ha_t *ha, const mip6_addr_t *hoa, int32_t client);
void mip6_ha_mn_unlink(ha_t *ha, ha_mn_t *mn);
void mip6_ha_pending_add(ha_t *ha, ha_dad_t *d);
void mip6_ha_pending_remove(ha_t *ha, ha_dad_t *d);
/* Ends mn's wait for DAD: its record leaves the pending list, the guard is
 * cancelled and the waiting BUs are freed. */
void mip6_ha_dad_free(ha_t *ha, ha_mn_t *mn);

/* ha_bu.c: Binding Updates and Acknowledgements. */
void mip6_ha_bu_input(ha_t *ha, const mip6_rx_t *rx, mip6_ns_t now);
/* A BU to this home agent without H: answered here (and true returned)
 * when it may not become a correspondent registration: R set (RFC 3963
 * 6.2: 140) or a home registration exists (RFC 6275 9.5.1: 139). */
bool mip6_ha_bu_without_h(ha_t *ha, const mip6_rx_t *rx);
void mip6_ha_dad_result(ha_t *ha, uint32_t op_id, int status, mip6_ns_t now);
void mip6_ha_dad_guard(ha_t *ha, ha_dad_t *d);
/* Sends a BA for req (its BIDs when bids is true) with status. */
void mip6_ha_send_ba(ha_t *ha, const ha_req_t *req, int32_t client, uint8_t status, uint16_t seq,
                     uint16_t lifetime_u, uint8_t flags, bool bids);

/* ha_bce.c: binding cache, tunnels, proxy ND, NEMO routes. */
/* Applies an accepted registration to mn; fills the per-BID statuses.
 * Returns the BA status; *bound says whether mn still has bindings (when
 * not, mn was removed). */
uint8_t mip6_ha_bind(ha_t *ha, ha_mn_t *mn, ha_req_t *req, mip6_ns_t now, bool *bound);
/* Deregisters the BIDs of req (all bindings when it has none). Returns the
 * BA status: 133 when none of the BIDs has a binding (nothing changed), 4
 * when some have not (their per-BID status 133, RFC 5648 6.2). */
uint8_t mip6_ha_unbind(ha_t *ha, ha_mn_t *mn, ha_req_t *req);
/* The binding of mn for bid, or NULL. */
ha_bce_t *mip6_ha_bce_find(const ha_mn_t *mn, uint16_t bid);
/* The lifetime timer fired: re-armed when a refresh moved the end, else
 * the binding goes. */
void mip6_ha_bce_expired(ha_t *ha, ha_bce_t *b, mip6_ns_t now);
/* Starts the unsolicited Neighbor Advertisements for target (RFC 6275 10.4.1). */
void mip6_ha_na_start(ha_t *ha, const mip6_addr_t *target, const mip6_addr_t *hoa, bool router);
void mip6_ha_na_timer(ha_t *ha, mip6_ns_t now);
/* Goes on with a flush of every binding (FLUSH_BC) the bus cut short. */
void mip6_ha_flush_more(ha_t *ha);
/* Does another home address hold a prefix overlapping one of set? (RFC 3963 6.6) */
bool mip6_ha_mnp_taken(ha_t *ha, const mip6_addr_t *hoa, const mip6_prefix_t *set, unsigned n);
/* Operator command FLUSH_BC: every home address, or hoa's (RFC-less, bus.h). */
void mip6_ha_flush(ha_t *ha, const mip6_addr_t *hoa);
/* Removes every binding, route and proxy entry of mn and frees it. */
void mip6_ha_mn_remove(ha_t *ha, ha_mn_t *mn);
/* Frees mn without any effect (destroy). */
void mip6_ha_mn_free(ha_t *ha, ha_mn_t *mn);

/* ha_disc.c: DHAAD, home agent list, mobile prefixes, binding errors. */
bool mip6_ha_icmp6_input(ha_t *ha, const mip6_rx_t *rx, mip6_ns_t now);
void mip6_ha_hal_expired(ha_t *ha, ha_hal_t *h);
void mip6_ha_be_hint(ha_t *ha, const mip6_bus_msg_t *m, mip6_ns_t now);
void mip6_ha_anycast(const mip6_prefix_t *p, mip6_addr_t *out);
/* The HA's own address or an anycast address of the home subnet: never a
 * mobile node's home address. */
bool mip6_ha_reserved_hoa(const ha_t *ha, const mip6_addr_t *a);
void mip6_ha_mpa_timer(ha_t *ha, mip6_ns_t now);
/* The advertised prefixes start as the configured home prefix. */
void mip6_ha_pfx_init(ha_t *ha);
/* The home prefix entry hoa belongs to and its remaining lifetimes in
 * seconds (0xffffffff: infinite) as the home link's RAs gave them (RFC
 * 6275 10.3.1); NULL when no RA told this home agent about it. */
const ha_pfx_t *mip6_ha_pfx_left(const ha_t *ha, const mip6_addr_t *hoa, mip6_ns_t now, uint32_t *valid,
                                 uint32_t *preferred);
/* The mobile node answered (BU or MPS): no more unsolicited MPA repeats. */
void mip6_ha_mpa_answered(ha_t *ha, ha_mn_t *mn);

#endif
