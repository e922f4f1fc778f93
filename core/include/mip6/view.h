/* SPDX-License-Identifier: BSD-3-Clause */
/* Read-only views of a node's state, for a control tool (mip6ctl), ns-3
 * trace sources and tests: the binding cache, the binding update list,
 * return routability, movement detection's care-of addresses, the
 * interfaces and the data plane's tables, copied out as plain structs.
 *
 * Reading a node's state
 * ----------------------
 * Every list has the same shape:
 *
 *     size_t mip6_view_X(const mip6_node_t *n, mip6_view_X_t *out, size_t cap);
 *
 * It copies up to cap entries into out (out may be NULL when cap is 0) and
 * returns how many there are in all, so a caller sizes its array with a
 * first call, or passes a fixed array and checks the return against cap:
 *
 *     mip6_view_bc_t v[64];
 *     size_t total = mip6_view_bc(n, v, 64);
 *     for (size_t i = 0; i < total && i < 64; i++)
 *         printf("%s bid %u left %u s\n", role_name(v[i].role), v[i].bid, v[i].left_s);
 *     if (total > 64)
 *         ... call again with an array of 'total' entries ...
 *
 * A node without the role a list belongs to has an empty list (0). The
 * order of a list is unspecified but the same from call to call while the
 * node does not change; entries are not sorted. One-off facts (the roles,
 * the counts, the home agent in use) come in one struct from
 * mip6_view_node(); point lookups by home address (mip6_view_bc_of,
 * mip6_view_dp_bc) cost a hash lookup, so a tool can follow one binding on
 * a home agent with a million of them.
 *
 * When. A view is a snapshot of the state between two entry points
 * (mip6_node_input, _timeout, _op_result, ...). Call it from the thread
 * that drives the node, never from inside an env callback (env.send,
 * env.trace, env.bus_out ...): there the state is half-way through a
 * change. The views take a const node and change nothing, not even the
 * node's clock.
 *
 * Times. Instants are the node's monotonic nanoseconds (mip6_ns_t, the
 * clock of the entry points); MIP6_NS_NEVER means "none" (no timer armed,
 * no expiry). Remaining times (left_s) are counted from the 'now' of the
 * node's last entry point, in whole seconds rounded down.
 *
 * Ownership. The structs hold copies only: fixed-size arrays, addresses by
 * value, state names as NUL-terminated text. Nothing points into the
 * node, so a view stays valid after the node changes or is freed, and can
 * be sent over a socket as is (in host byte order).
 *
 * Stability. Fields are only ever appended, taken out of the 'reserved'
 * words at the end of each struct, so a struct keeps its size within
 * MIP6_VIEW_VERSION and code built against an older view.h reads the
 * fields it knows. reserved is zero. A changed meaning or size of a field
 * would be a new MIP6_VIEW_VERSION. State names are the ones the core
 * traces (MIP6_TR_STATE from/to) and are kept too.
 */
#ifndef MIP6_VIEW_H
#define MIP6_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip6/addr.h"
#include "mip6/node.h"
#include "mip6/timer.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MIP6_VIEW_VERSION 1
#define MIP6_VIEW_NAME_LEN 12 /* state names, NUL included */

/* --- The node as a whole --- */

typedef struct mip6_view_node {
	uint32_t roles;          /* MIP6_NODE_MN / _MR / _HA / _CN (bus.h) of the enabled roles */
	bool md;                 /* the core's movement detection is enabled */
	bool at_home;            /* MN/MR: attached to the home link */
	bool ha_known;           /* MN/MR: a home agent is configured or was discovered */
	uint32_t nifaces;
	mip6_addr_t hoa;         /* MN/MR: the home address */
	mip6_addr_t ha;          /* MN/MR: the home agent in use (unspecified: none yet) */
	uint32_t ha_homes;       /* HA: home addresses it holds (bound or waiting for DAD) */
	uint32_t ha_bindings;    /* HA: binding cache entries (one per BID) */
	uint32_t ha_dad_pending; /* HA: first registrations waiting for DAD */
	uint32_t ha_routers;     /* HA: home addresses with mobile network prefixes routed */
	uint32_t cn_bindings;    /* CN: route-optimised bindings */
	uint32_t bul_home;       /* MN/MR: home registrations (one per BID under MCoA) */
	uint32_t bul_cn;         /* MN/MR: correspondents with route optimisation */
	uint32_t coas;           /* MD: care-of addresses formed or adopted, all interfaces */
	uint64_t dp_bindings;    /* data plane: binding cache entries (mip6_dp_bc_count) */
	uint64_t dp_mnps;        /* data plane: mobile network prefix routes (HA) */
	uint64_t dp_memory;      /* data plane: bytes its tables use */
	uint32_t bus_queued;     /* bus messages waiting for dispatch (0 between entry points) */
	uint32_t dad_ops;        /* DAD operations submitted and not answered yet, of the
				  * MIP6_BUS_DAD_TRACKED the node follows (bus.h) */
	mip6_ns_t now;           /* the 'now' of the last entry point */
	mip6_ns_t next_timeout;  /* mip6_node_next_timeout() */
	uint16_t home_mpa_flags; /* MN/MR: M and O (MIP6_MPA_F_M, _O, icmp6.h) of the last accepted
				  * Mobile Prefix Advertisement: DHCPv6 on the home link (RFC 6275
				  * 11.4.3); 0 before one (home_mpa_heard) */
	bool home_mpa_heard;     /* MN/MR: a Mobile Prefix Advertisement was accepted */
	uint8_t home_prefixes;   /* MN/MR: entries of mip6_view_home_prefixes */
	uint32_t reserved[7];
} mip6_view_node_t;

void mip6_view_node(const mip6_node_t *n, mip6_view_node_t *out);

/* --- Interfaces (mip6_node_add_iface, in the order added) --- */

typedef struct mip6_view_iface {
	uint32_t ifindex;
	bool up;                 /* the last mip6_node_link said up */
	bool home;               /* MD: an RA carrying the home prefix was heard here */
	uint8_t preference;      /* current, after any MIP6_CMD_IFACE_PREF */
	uint8_t lladdr_len;
	uint8_t lladdr[8];
	uint16_t bid;            /* MCoA binding identifier, 0 none */
	uint8_t routers;         /* MD: default routers heard and not expired */
	uint8_t coas;            /* MD: care-of addresses formed or adopted here */
	uint32_t reserved[4];
} mip6_view_iface_t;

size_t mip6_view_ifaces(const mip6_node_t *n, mip6_view_iface_t *out, size_t cap);

/* --- Binding cache: the home agent's, then the correspondent's --- */

typedef struct mip6_view_bc {
	uint32_t role;           /* whose entry: MIP6_NODE_HA or MIP6_NODE_CN */
	uint16_t flags;          /* MIP6_BF_HOME (HA), MIP6_BF_MR (HA, mobile router), MIP6_BF_RO (CN) */
	uint16_t bid;            /* MCoA binding identifier, 0 none */
	uint16_t seq;            /* last accepted sequence number (HA: per home address) */
	bool dad_pending;        /* HA: a first registration waiting for DAD of the home
				  * address: no binding yet; coa, bid, seq and lifetime_s
				  * are those of the Binding Update that waits */
	uint8_t nmnp;            /* HA, mobile router: prefixes routed to it (mnp[]) */
	uint32_t lifetime_s;     /* granted (for dad_pending: the grant if DAD passes) */
	uint32_t left_s;         /* until expires, from the node's now; 0 when none */
	mip6_ns_t expires;       /* MIP6_NS_NEVER while dad_pending */
	mip6_addr_t hoa;
	mip6_addr_t coa;
	mip6_addr_t local;       /* this node's address in the binding: the HA's address,
				  * or the CN address the binding was made with */
	mip6_prefix_t mnp[MIP6_MAX_MNP];
	uint32_t reserved[4];
} mip6_view_bc_t;

/* Every entry: the HA's (one per home address and BID, and one per home
 * address waiting for DAD), then the CN's (bound ones only). */
size_t mip6_view_bc(const mip6_node_t *n, mip6_view_bc_t *out, size_t cap);
/* The entries of one home address: at the HA one per BID (or the one
 * waiting for DAD), then the CN's if it has one. */
size_t mip6_view_bc_of(const mip6_node_t *n, const mip6_addr_t *hoa, mip6_view_bc_t *out, size_t cap);

/* --- Binding update list of a mobile node or router --- */

typedef struct mip6_view_bul {
	uint32_t peer_role;      /* MIP6_NODE_HA: home registration; MIP6_NODE_CN: route optimisation */
	uint16_t flags;          /* MIP6_BF_HOME / MIP6_BF_MR (home), MIP6_BF_RO (CN), MIP6_BF_DEREG
				  * while de-registering (a BU with lifetime 0 in flight) */
	uint16_t bid;            /* MCoA binding identifier, 0 none (always 0 for a CN) */
	uint16_t seq;            /* sequence number of the last BU sent */
	bool bound;              /* the peer accepted a binding that has not lapsed */
	char state[MIP6_VIEW_NAME_LEN]; /* IDLE, DHAAD, RRINIT, RRREDO, RRDEL, WAITA, WAITAR,
				  * WAITD, BOUND (SHISA's names, as traced by "mn") */
	uint32_t ifindex;        /* interface the binding's care-of address is on */
	uint32_t lifetime_req_s; /* home: what its BUs ask for (0 while de-registering);
				  * CN: what the BU in flight asks for, 0 with none in
				  * flight (the next request depends on the home binding's
				  * remaining lifetime, RFC 6275 11.7.2) */
	uint32_t lifetime_s;     /* granted by the last accepting BA, 0 none (CN: known
				  * while BOUND only) */
	uint32_t tx_count;       /* BUs sent in the current state */
	mip6_ns_t expires;       /* when the granted binding lapses, MIP6_NS_NEVER none */
	mip6_ns_t next_tx;       /* next BU (retransmission, or a send the rate limit holds) */
	mip6_ns_t refresh;       /* next re-registration (home) or RR renewal (CN), NEVER none */
	mip6_addr_t peer;        /* the home agent (unspecified until known) or the correspondent */
	mip6_addr_t hoa;
	mip6_addr_t coa;
	uint32_t reserved[4];
} mip6_view_bul_t;

/* Home registrations first (in BID slot order), then correspondents. */
size_t mip6_view_bul(const mip6_node_t *n, mip6_view_bul_t *out, size_t cap);

/* --- Home-link prefixes a mobile node learnt from Mobile Prefix Advertisements --- */

/* RFC 6275 11.4.3: the Prefix Information options of an accepted MPA as a
 * Router Advertisement on the home link would give them: the prefix list
 * (RFC 4861 6.3.4) and the addresses stateless autoconfiguration forms
 * (RFC 4862 5.5.3) with the home address's interface identifier. A formed
 * address is known here only: the node registers one home address (the
 * configured one), see docs/conformance/rfc6275.md, 6275-11.4.3-d. */
typedef struct mip6_view_home_prefix {
	mip6_prefix_t prefix;    /* masked to its length */
	uint8_t flags;           /* MIP6_PI_F_L / _A (icmp6.h) of the last option for it */
	bool valid;              /* a home-link prefix now (false: only its formed address is left) */
	bool home;               /* the home address is in it */
	bool formed;             /* addr was formed in it and is valid */
	mip6_ns_t valid_until;   /* the prefix's, MIP6_NS_NEVER infinite (or not valid) */
	mip6_ns_t preferred_until;
	mip6_addr_t addr;        /* the formed address; the home address when home; else unspecified */
	mip6_ns_t addr_valid_until;     /* the formed address's (RFC 4862 5.5.3 (e)), NEVER infinite or none */
	mip6_ns_t addr_preferred_until;
	uint32_t reserved[4];
} mip6_view_home_prefix_t;

/* In the order learnt. */
size_t mip6_view_home_prefixes(const mip6_node_t *n, mip6_view_home_prefix_t *out, size_t cap);

/* --- Return routability of a mobile node, per correspondent --- */

typedef struct mip6_view_rr {
	char state[MIP6_VIEW_NAME_LEN]; /* START (not running), WAITHC, WAITH, WAITC */
	bool home_token;         /* a home keygen token is held and still fresh */
	bool coa_token;          /* a care-of keygen token for the current coa is held and fresh */
	uint16_t home_nonce;     /* Home Nonce Index of the held token */
	uint16_t coa_nonce;      /* Care-of Nonce Index of the held token */
	mip6_ns_t home_at;       /* when the HoT arrived, MIP6_NS_NEVER none */
	mip6_ns_t coa_at;        /* when the CoT arrived, MIP6_NS_NEVER none */
	mip6_ns_t home_expires;  /* home_at + MAX_TOKEN_LIFETIME (RFC 6275 12), NEVER none */
	mip6_ns_t coa_expires;
	mip6_ns_t hold_until;    /* RR failed: no new attempt before this, NEVER none */
	mip6_addr_t cn;
	mip6_addr_t coa;         /* the care-of address the binding is for */
	uint32_t reserved[4];
} mip6_view_rr_t;

size_t mip6_view_rr(const mip6_node_t *n, mip6_view_rr_t *out, size_t cap);

/* --- Movement detection: prefixes and care-of addresses per interface --- */

typedef struct mip6_view_coa {
	uint32_t ifindex;
	char state[MIP6_VIEW_NAME_LEN]; /* TENTATIVE (DAD running, not assigned), OPTIMISTIC
				  * (RFC 4429), PREFERRED, DEPRECATED (preferred lifetime
				  * over), FAILED (duplicate), REMOVED (by the platform), or
				  * NONE: no address (the home prefix, an on-link-only one) */
	bool home;               /* the home prefix: marks the home link, no care-of address */
	bool usable;             /* may serve as care-of address now (assigned, valid, a live router) */
	bool chosen;             /* the interface's current candidate */
	bool primary;            /* the node's preferred attachment (MD_INFO bid 0) */
	bool adopted;            /* the platform's own address (DHCPv6, manual), not formed by MD */
	uint8_t plen;
	mip6_addr_t prefix;
	mip6_addr_t addr;        /* unspecified for NONE */
	mip6_addr_t router;      /* link-local address of a router advertising it, :: none */
	mip6_ns_t valid_until;   /* MIP6_NS_NEVER: infinite */
	mip6_ns_t preferred_until;
	uint32_t reserved[4];
} mip6_view_coa_t;

/* Interface by interface (in the order added), the prefixes heard on each. */
size_t mip6_view_coas(const mip6_node_t *n, mip6_view_coa_t *out, size_t cap);

/* --- The data plane's tables (what packets are forwarded by) --- */

typedef struct mip6_view_dp_bc {
	mip6_addr_t hoa;
	mip6_addr_t coa;
	uint16_t bid;
	uint32_t flags;          /* MIP6_DPF_HOME / _MR / _RO (dp.h) */
	uint32_t reserved[2];
} mip6_view_dp_bc_t;

/* The data plane's binding of hoa[bid] (an HA's or a CN's): 0 and *out
 * filled, or MIP6_E_INVAL when there is none. The binding cache views
 * above show the signaling state; this is what it programmed. */
int mip6_view_dp_bc(const mip6_node_t *n, const mip6_addr_t *hoa, uint16_t bid, mip6_view_dp_bc_t *out);

#ifdef __cplusplus
}
#endif
#endif
