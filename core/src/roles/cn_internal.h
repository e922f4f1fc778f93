/* SPDX-License-Identifier: BSD-3-Clause */
/* The correspondent node / route optimisation responder (RFC 6275 5.2, 9):
 * return routability answers (HoT/CoT), Binding Update verification and
 * the binding cache of route-optimised bindings, Binding Errors for Home
 * Address options without a binding. Private to core/src/roles/cn*.c. */
#ifndef MIP6_CN_INTERNAL_H
#define MIP6_CN_INTERNAL_H

#include "mip6/rr.h"
#include "node_internal.h"

/* RFC 6275 12. */
#define CN_MAX_NONCE_LIFETIME MIP6_SEC(240)
#define CN_MAX_TOKEN_LIFETIME MIP6_SEC(210)
#define CN_MAX_RR_BINDING_LIFETIME_S 420u

/* A new nonce at most every 30 s: MAX_NONCE_LIFETIME - MAX_TOKEN_LIFETIME
 * is 30 s, so a token handed out at any moment of a nonce's period stays
 * valid at least MAX_TOKEN_LIFETIME and a nonce is never accepted beyond
 * MAX_NONCE_LIFETIME after its first use (RFC 6275 5.2.7). Nonces are made
 * on demand (at the first HoTI/CoTI of a period), so an idle CN runs no
 * timer; 240 / 30 = 8 nonces can be alive, plus the current one. */
#define CN_NONCE_PERIOD MIP6_SEC(30)
#define CN_NONCE_SLOTS 9
/* Kcn is replaced when a new nonce is made and the key is older than this.
 * Being longer than MAX_NONCE_LIFETIME, every nonce issued under the
 * previous key has expired by then, so two key slots suffice. */
#define CN_KCN_LIFETIME MIP6_SEC(3600)

/* Binding Errors for unknown HAOs (RFC 6275 9.3.1) are rate limited: one
 * per source address per second, and at most CN_BE_PER_SEC in any second. */
#define CN_BE_SOURCES 16
#define CN_BE_PER_SEC 10u

/* The limiter's state (also the HA's, on a node without this component). */
typedef struct cn_be_limit {
	struct {
		mip6_addr_t src;
		mip6_ns_t last;
		bool used;
	} recent[CN_BE_SOURCES];
	mip6_ns_t window; /* start of the current one-second window */
	unsigned in_window;
} cn_be_limit_t;

/* RFC 6275 9.3.4: "persistent" ICMP Destination Unreachable messages for a
 * binding: at least CN_UNREACH_MIN of them, the first and the last at least
 * CN_UNREACH_SPAN apart (a burst about the packets of one moment is not
 * persistent), none more than CN_UNREACH_GAP after the one before, and no
 * Binding Update accepted for the binding in between. */
#define CN_UNREACH_MIN 3u
#define CN_UNREACH_SPAN MIP6_SEC(2)
#define CN_UNREACH_GAP MIP6_SEC(30)

enum cn_timer_kind { CN_T_BCE = 1, CN_T_FLUSH = 2 /* go on with a flush once the bus has room */ };

typedef struct cn_nonce {
	bool live;
	uint8_t kcn;                   /* the Kcn slot it was issued under */
	uint16_t index;                /* Nonce Index on the wire */
	mip6_ns_t born;                /* first use */
	uint8_t nonce[MIP6_NONCE_LEN];
} cn_nonce_t;

typedef struct cn_rr {
	uint8_t kcn[2][MIP6_KCN_LEN];
	mip6_ns_t kcn_born[2];
	uint8_t kcn_cur;
	cn_nonce_t nonce[CN_NONCE_SLOTS];
	int cur;                       /* slot of the current nonce, -1 none yet */
	uint16_t next_index;
} cn_rr_t;

/* Binding cache entry states. RETIRED holds no binding, only the last
 * sequence number, until the nonces that authorised the binding expire
 * (RFC 6275 5.2.8: otherwise an old BU could be replayed). */
enum cn_bce_state { CN_BCE_BOUND = 1, CN_BCE_RETIRED = 2 };

typedef struct cn_bce {
	struct cn_bce *next;           /* hash chain */
	mip6_addr_t hoa;
	mip6_addr_t coa;
	mip6_addr_t cn;                /* our address the binding was made with */
	uint16_t seq;                  /* last accepted sequence number */
	uint8_t state;
	uint32_t lifetime_s;           /* granted */
	mip6_ns_t nonce_until;         /* when the nonces used for it expire */
	mip6_timer_t timer;            /* BOUND: expiry; RETIRED: forget */
	uint32_t unreach;              /* Destination Unreachable in a row (RFC 6275 9.3.4) */
	mip6_ns_t unreach_first, unreach_last;
} cn_bce_t;

typedef struct cn_bc {
	cn_bce_t **bucket;
	uint32_t nbuckets;             /* a power of two, 0 before the first entry */
	uint32_t count;
	uint32_t seed;                 /* hash key, random per node */
} cn_bc_t;

typedef struct cn {
	mip6_component_t comp;
	mip6_node_t *n;
	cn_rr_t rr;
	cn_bc_t bc;
	cn_be_limit_t be;
	mip6_timer_t flush_timer;      /* a flush cut short by a full bus */
	mip6_addr_t flush_hoa;         /* what it flushes (unspecified: all) */
} cn_t;

/* Not unspecified, loopback, multicast or link-local (RFC 6275 9.5.1's
 * "unicast routable"). */
static inline bool cn_unicast_routable(const mip6_addr_t *a)
{
	static const mip6_addr_t loopback = {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}};
	if (mip6_addr_is_unspec(a) || mip6_addr_eq(a, &loopback))
		return false;
	if (a->b[0] == 0xff)
		return false;
	return !(a->b[0] == 0xfe && (a->b[1] & 0xc0) == 0x80);
}

/* cn_rr.c: Kcn, nonces, HoTI/CoTI. */
void mip6_cn_rr_init(cn_t *cn, mip6_ns_t now);
/* The nonce for index if it is still acceptable at now, else NULL. */
const cn_nonce_t *mip6_cn_nonce_find(const cn_t *cn, uint16_t index, mip6_ns_t now);
/* Recomputes a keygen token from the nonce it was issued with. */
int mip6_cn_token(const cn_t *cn, const cn_nonce_t *nc, const mip6_addr_t *addr, bool careof,
	     uint8_t token[MIP6_TOKEN_LEN]);
bool mip6_cn_on_hoti(cn_t *cn, const mip6_rx_t *rx, mip6_ns_t now);
bool mip6_cn_on_coti(cn_t *cn, const mip6_rx_t *rx, mip6_ns_t now);

/* cn_bc.c: the binding cache table (keyed by home address). */
cn_bce_t *mip6_cn_bc_find(const cn_bc_t *bc, const mip6_addr_t *hoa);
/* Links a new entry; it grows the table when it can, else chains longer. */
int mip6_cn_bc_insert(cn_t *cn, cn_bce_t *e);
void mip6_cn_bc_unlink(cn_bc_t *bc, cn_bce_t *e);
void mip6_cn_bc_free_all(cn_t *cn);

/* cn_bu.c: Binding Updates and the entry state machine. */
bool mip6_cn_on_bu(cn_t *cn, const mip6_rx_t *rx, mip6_ns_t now);
void mip6_cn_bce_timeout(cn_t *cn, cn_bce_t *e, mip6_ns_t now);
/* ICMPv6 to this node: a Destination Unreachable about a route-optimised
 * packet counts towards deleting its binding (RFC 6275 9.3.4). Never takes
 * the message: the platform gets it too. */
bool mip6_cn_on_icmp6(cn_t *cn, const mip6_rx_t *rx, mip6_ns_t now);
/* Operator command FLUSH_BC: drops the bindings of hoa (every one when it
 * is unspecified), BC_REMOVE for each, then BC_FLUSH. */
void mip6_cn_bc_flush(cn_t *cn, const mip6_addr_t *hoa, mip6_ns_t now);

/* cn_be.c: Binding Error for a HAO without a binding. */
void mip6_cn_on_be_hint(cn_t *cn, const mip6_bus_msg_t *m, mip6_ns_t now);
/* May a Binding Error go to 'to' now? Counts it when it may. */
bool mip6_cn_be_allow(cn_be_limit_t *l, const mip6_addr_t *to, mip6_ns_t now);

/* cn.c */
void mip6_cn_trace(cn_t *cn, uint16_t kind, uint16_t code, const char *what, const mip6_addr_t *a,
                   const mip6_addr_t *b, uint32_t value);
void mip6_cn_drop(cn_t *cn, uint64_t *counter, uint16_t code, const char *why, const mip6_addr_t *a);
/* Answers on the path the request came: through the reverse tunnel when it
 * arrived inside one. */
void mip6_cn_tx_path(node_mh_tx_t *tx, const mip6_rx_t *rx);

#endif
