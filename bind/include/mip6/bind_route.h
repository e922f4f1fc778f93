/* SPDX-License-Identifier: BSD-3-Clause */
/* Source-prefix (policy) routing for platforms whose routing lacks it (ns-3's
 * Ipv6StaticRouting): the core asks for MIP6_OP_ROUTE_ADD with
 * MIP6_ROUTEF_SOURCE so that packets from a home address or a mobile network
 * prefix go into the core whatever their destination. Lookup: the longest
 * matching source route first; only when none matches, the longest matching
 * destination route. Among routes of equal length the first added wins. */
#ifndef MIP6_BIND_ROUTE_H
#define MIP6_BIND_ROUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip6/addr.h"
#include "mip6/env.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mip6_bind_route {
	mip6_addr_t prefix;
	uint8_t plen;
	bool source;      /* matches the packet's source address */
	uint32_t ifindex; /* MIP6_IFINDEX_CORE: into the core (mip6_node_output) */
	mip6_addr_t gw;   /* unspecified: on-link */
} mip6_bind_route_t;

#define MIP6_BIND_ROUTE_NONE ((size_t)-1)

/* The lookup over any route store: get(ctx, i, &r) gives route i and says
 * whether it may be used now (say, its interface is up). src NULL: skip the
 * source routes. Returns the index of the route chosen, or
 * MIP6_BIND_ROUTE_NONE. */
size_t mip6_bind_route_select(size_t n, bool (*get)(void *ctx, size_t i, mip6_bind_route_t *r), void *ctx,
                              const mip6_addr_t *dst, const mip6_addr_t *src);

/* A route table in storage the caller gives. */
typedef struct mip6_bind_rtable {
	mip6_bind_route_t *v;
	size_t n, cap;
} mip6_bind_rtable_t;

void mip6_bind_rtable_init(mip6_bind_rtable_t *t, mip6_bind_route_t *storage, size_t cap);
/* Adds a route, or updates the gateway of the same (prefix, plen, source,
 * ifindex). MIP6_E_NOSPC when full. */
int mip6_bind_rtable_add(mip6_bind_rtable_t *t, const mip6_bind_route_t *r);
/* Removes the route (prefix, plen, source, ifindex); MIP6_E_INVAL when absent. */
int mip6_bind_rtable_del(mip6_bind_rtable_t *t, const mip6_bind_route_t *r);
/* Applies a MIP6_OP_ROUTE_ADD / ROUTE_DEL: the op's status. */
int mip6_bind_rtable_op(mip6_bind_rtable_t *t, const mip6_op_t *op);
const mip6_bind_route_t *mip6_bind_rtable_lookup(const mip6_bind_rtable_t *t, const mip6_addr_t *dst,
                                                 const mip6_addr_t *src);

#ifdef __cplusplus
}
#endif
#endif
