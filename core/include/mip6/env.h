/* SPDX-License-Identifier: BSD-3-Clause */
/* The environment a binding (harness, ns-3, Linux) gives the core: every
 * effect the core has on the world goes through these callbacks. The core
 * never calls back into itself from inside one of them, and a binding must
 * not call a mip6_node_* entry point from inside a callback either. */
#ifndef MIP6_ENV_H
#define MIP6_ENV_H

#include <stddef.h>
#include <stdint.h>

#include "mip6/addr.h"
#include "mip6/alloc.h"
#include "mip6/event.h"
#include "mip6/timer.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Interface numbers with a special meaning. A binding numbers its real
 * interfaces from 1; 0 is never one of them, and means, depending on where
 * it appears: */
#define MIP6_IFINDEX_MOBILITY 0u /* ADDR_*: the node's mobility interface (SHISA's mip0),
				  * which holds home addresses while away */
#define MIP6_IFINDEX_CORE 0u     /* ROUTE_*: the route leads into the core (mip6_node_output) */
#define MIP6_IFINDEX_ROUTE 0u    /* env.send: no interface chosen, the platform routes it */

/* Platform operations ("ops"): the effects the binding applies to its
 * platform, as data, each with an id; the binding applies one and answers
 * with mip6_node_op_result(id, status). (The core's own packet engine is
 * the data plane, mip6/dp.h: a different thing.) docs/BINDING.md gives
 * each kind's contract. */
enum mip6_op_kind {
	MIP6_OP_ADDR_ADD = 1,     /* addr/plen on ifindex (or MIP6_IFINDEX_MOBILITY) */
	MIP6_OP_ADDR_DEL = 2,
	MIP6_OP_ROUTE_ADD = 3,    /* prefix addr/plen: into the core (MIP6_IFINDEX_CORE) or out ifindex via gw */
	MIP6_OP_ROUTE_DEL = 4,
	MIP6_OP_PROXY_ND_ADD = 5, /* answer Neighbor Solicitations for addr on ifindex */
	MIP6_OP_PROXY_ND_DEL = 6,
	MIP6_OP_DAD = 7,          /* is addr unique on ifindex? status 0 unique, MIP6_OP_DUPLICATE not */
	MIP6_OP_TUNNEL_ADD = 8,   /* a tunnel local <-> remote now exists (for platform bookkeeping) */
	MIP6_OP_TUNNEL_DEL = 9
};

#define MIP6_OP_DUPLICATE 1      /* DAD result: the address is in use */
#define MIP6_ROUTEF_SOURCE 0x100u /* ROUTE_*: addr/plen is a source prefix (policy routing) */

/* Address flags (SHISA's IN6_IFF_HOME / IN6_IFF_DEREGISTERING, RFC 4429). */
#define MIP6_ADDRF_HOME 0x01u       /* a home address: preferred as source */
#define MIP6_ADDRF_DEREG 0x02u      /* being de-registered: not to be used yet */
#define MIP6_ADDRF_OPTIMISTIC 0x04u /* RFC 4429 optimistic address */
#define MIP6_ADDRF_COA 0x08u        /* a care-of address */
#define MIP6_ADDRF_ANYCAST 0x10u    /* an anycast address: no DAD, never a source */
/* PROXY_ND_ADD: the address is a mobile router's home address; Neighbor
 * Advertisements for it carry the Router flag (RFC 3963 6.2). */
#define MIP6_PROXYF_ROUTER 0x01u

typedef struct mip6_op {
	uint32_t id;
	uint16_t kind;          /* enum mip6_op_kind */
	uint16_t flags;         /* MIP6_ADDRF_* for addresses, MIP6_PROXYF_* for PROXY_ND_ADD */
	uint32_t ifindex;
	uint8_t plen;
	mip6_addr_t addr;       /* address, route prefix, proxy or DAD target */
	mip6_addr_t local;      /* tunnel: local endpoint */
	mip6_addr_t remote;     /* tunnel: remote endpoint; route: gateway */
} mip6_op_t;

/* Structured trace events (ns-3 exposes them as a TracedCallback; the
 * harness and the Linux daemons print them). Strings are static. */
enum mip6_trace_kind {
	MIP6_TR_STATE = 1,      /* a state machine changed state: from -> to */
	MIP6_TR_RX = 2,         /* a signaling message was accepted */
	MIP6_TR_TX = 3,         /* a signaling message was sent */
	MIP6_TR_DROP = 4,       /* input dropped: 'what' says why */
	MIP6_TR_BINDING = 5,    /* a binding was created, refreshed or removed */
	MIP6_TR_INFO = 6
};

typedef struct mip6_trace {
	uint16_t kind;
	uint16_t code;          /* enum mip6_event (mip6/event.h): stable, for programs */
	const char *component;  /* "mn", "ha", "cn", "md", "dp", ... */
	const char *what;       /* event or reason */
	const char *from;       /* state names for MIP6_TR_STATE */
	const char *to;
	mip6_addr_t a;          /* subject addresses (e.g. HoA, CoA) */
	mip6_addr_t b;
	uint32_t value;         /* sequence number, status, lifetime ... */
	mip6_ns_t now;
} mip6_trace_t;

typedef struct mip6_env {
	void *ctx;
	/* Sends an IPv6 packet (from its IPv6 header on) out of ifindex;
	 * MIP6_IFINDEX_ROUTE lets the platform route it. */
	void (*send)(void *ctx, uint32_t ifindex, const uint8_t *pkt, size_t len);
	/* Hands a packet to the platform's own IP stack: a decapsulated packet
	 * for this node or to forward, or one with HAO/RTHDR2 processed. */
	void (*deliver)(void *ctx, const uint8_t *pkt, size_t len);
	/* Submits a platform operation (see above). */
	void (*op_submit)(void *ctx, const mip6_op_t *op);
	/* Fills out with random bytes (a seeded generator per node). */
	void (*random)(void *ctx, uint8_t *out, size_t len);
	/* Optional: structured trace events; they are also the core's log
	 * (the core formats no text: 'what' is a fixed sentence, the
	 * addresses and value its arguments; the binding prints them). */
	void (*trace)(void *ctx, const mip6_trace_t *ev);
	/* Optional: every mobility bus message the components exchange, in the
	 * bus byte encoding (mip6_bus_encode), for programs outside the core
	 * (a control tool, a logger); messages come in via mip6_node_bus_input. */
	void (*bus_out)(void *ctx, const uint8_t *msg, size_t len);
	/* Optional: the time of day as a 64-bit NTP timestamp (RFC 5905: seconds
	 * since 1900 in the high 32 bits). RFC 4285 replay protection uses it;
	 * without it the core has no wall clock and an HA can only insist on
	 * timestamps that increase. Deterministic bindings derive it from now. */
	uint64_t (*time_of_day)(void *ctx);
	mip6_alloc_t alloc;
} mip6_env_t;

#ifdef __cplusplus
}
#endif
#endif
