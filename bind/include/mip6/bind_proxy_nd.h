/* SPDX-License-Identifier: BSD-3-Clause */
/* Proxy Neighbor Discovery for platforms that lack it (ns-3): a table of the
 * addresses a node answers Neighbor Solicitations for on each interface
 * (MIP6_OP_PROXY_ND_ADD / DEL: a home agent's bound home addresses), and the
 * answer to a received solicitation built with the core's wire API. */
#ifndef MIP6_BIND_PROXY_ND_H
#define MIP6_BIND_PROXY_ND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip6/addr.h"
#include "mip6/env.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mip6_bind_proxy_entry {
	uint32_t ifindex;
	mip6_addr_t addr;
} mip6_bind_proxy_entry_t;

typedef struct mip6_bind_proxy {
	mip6_bind_proxy_entry_t *v;
	size_t n, cap;
} mip6_bind_proxy_t;

/* A table in storage the caller gives. */
void mip6_bind_proxy_init(mip6_bind_proxy_t *p, mip6_bind_proxy_entry_t *storage, size_t cap);
/* 0 (also when present already), MIP6_E_NOSPC when full, MIP6_E_INVAL for ifindex 0. */
int mip6_bind_proxy_add(mip6_bind_proxy_t *p, uint32_t ifindex, const mip6_addr_t *addr);
/* 0, or MIP6_E_INVAL when the entry is absent. */
int mip6_bind_proxy_del(mip6_bind_proxy_t *p, uint32_t ifindex, const mip6_addr_t *addr);
bool mip6_bind_proxy_has(const mip6_bind_proxy_t *p, uint32_t ifindex, const mip6_addr_t *addr);
/* Applies a MIP6_OP_PROXY_ND_ADD / DEL: the op's status. */
int mip6_bind_proxy_op(mip6_bind_proxy_t *p, const mip6_op_t *op);

/* How the proxying node answers on one interface. */
typedef struct mip6_bind_proxy_if {
	mip6_addr_t src;       /* its own address on the interface (RFC 6275 10.4.1) */
	const uint8_t *lladdr; /* its link-layer address, for the TLLA option */
	uint8_t lladdr_len;
} mip6_bind_proxy_if_t;

/* Given a packet received on ifindex (from its IPv6 header on): when it is a
 * valid Neighbor Solicitation (RFC 4861 7.1.1) whose target this table
 * proxies on ifindex, writes the Neighbor Advertisement to send out of
 * ifindex into out (an IPv6 packet) and returns its length; *dst receives
 * its destination (the solicitation's source, or all-nodes for a DAD probe).
 * Returns 0 when the packet is anything else (the platform handles it), a
 * negative error when out is too small. The answer carries the proxy's
 * link-layer address (TLLA), R 0 (RFC 6275 10.4.1), O 0 as a proxy's
 * (RFC 4861 7.2.4), and S 1 unless the solicitation came from the
 * unspecified address, which is answered to all-nodes with S 0. */
int mip6_bind_proxy_answer(const mip6_bind_proxy_t *p, uint32_t ifindex, const mip6_bind_proxy_if_t *me,
                           const uint8_t *pkt, size_t len, uint8_t *out, size_t cap, mip6_addr_t *dst);

#ifdef __cplusplus
}
#endif
#endif
