/* SPDX-License-Identifier: BSD-3-Clause */
/* A node: one host running the core, with SHISA's components enabled one by
 * one (MN or MR, HA, CN/RO responder, movement detection, NEMO tunnel
 * setup) on one mobility bus, plus the data plane. Every entry point takes
 * 'now'; after each call the binding asks mip6_node_next_timeout() and calls
 * mip6_node_timeout() at that time. */
#ifndef MIP6_NODE_H
#define MIP6_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip6/addr.h"
#include "mip6/bus.h"
#include "mip6/env.h"
#include "mip6/stats.h"
#include "mip6/timer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mip6_node mip6_node_t;

typedef struct mip6_prefix {
	mip6_addr_t prefix;
	uint8_t plen;
} mip6_prefix_t;

#define MIP6_MAX_MNP 8
#define MIP6_MAX_KEY 64
#define MIP6_MAX_NAI 64

/* RFC 4285 MN-HA authentication (with the RFC 4283 identifier). */
typedef struct mip6_auth_cfg {
	bool enabled;
	uint32_t spi;
	uint8_t key[MIP6_MAX_KEY];
	uint8_t key_len;
	uint8_t nai[MIP6_MAX_NAI];     /* Mobile Node Identifier (NAI) */
	uint8_t nai_len;
} mip6_auth_cfg_t;

typedef struct mip6_iface_cfg {
	uint32_t ifindex;               /* the binding's interface number, > 0 */
	uint8_t preference;             /* movement detection: higher wins */
	uint16_t bid;                   /* MCoA binding identifier of this interface (0 none) */
	uint8_t lladdr[8];              /* link-layer address for SLLA options */
	uint8_t lladdr_len;
} mip6_iface_cfg_t;

typedef struct mip6_mn_cfg {
	mip6_addr_t hoa;
	uint8_t home_plen;
	mip6_addr_t ha;                 /* unspecified: discover with DHAAD */
	uint16_t lifetime_s;            /* requested binding lifetime */
	bool mr;                        /* mobile router (RFC 3963) */
	bool nemo_explicit;             /* explicit mode: Mobile Network Prefix options */
	unsigned nmnp;
	mip6_prefix_t mnp[MIP6_MAX_MNP];
	bool mcoa;                      /* one binding per interface (RFC 5648) */
	bool ro;                        /* route optimisation with correspondents */
	mip6_auth_cfg_t auth;
	bool mcoa_bulk;                 /* MCoA: register several BIDs in one BU (RFC 5648 5.3) */
	bool ll_same_iid;               /* the link-local address uses the home address's interface
					 * identifier (L flag, RFC 6275 6.1.7); also derived from the
					 * interfaces' link-layer addresses (modified EUI-64) */
} mip6_mn_cfg_t;

/* A mobile node or router the home agent serves. */
typedef struct mip6_ha_client {
	mip6_addr_t hoa;
	mip6_auth_cfg_t auth;
	bool mr_allowed;
	bool mcoa_allowed;
	unsigned nmnp;
	mip6_prefix_t mnp[MIP6_MAX_MNP]; /* prefixes this MR may claim */
} mip6_ha_client_t;

typedef struct mip6_ha_cfg {
	uint32_t home_ifindex;
	mip6_addr_t addr;               /* the HA's own address on the home link */
	mip6_prefix_t home_prefix;
	uint16_t max_lifetime_s;
	int16_t preference;             /* Home Agent Information option */
	bool serve_only_clients;        /* refuse mobile nodes not listed below */
	/* RFC 4285 6: with env.time_of_day, how far (seconds) a BU's timestamp
	 * may be from the HA's time of day; 0 = the RFC's default, 7 s. */
	uint16_t ts_window_s;
	unsigned nclients;
	const mip6_ha_client_t *clients; /* copied by mip6_node_enable_ha */
} mip6_ha_cfg_t;

typedef struct mip6_md_cfg {
	mip6_prefix_t home;             /* the home prefix: RAs carrying it mean "at home" */
	bool optimistic_dad;            /* RFC 4429 care-of addresses */
	uint32_t nud_probe_ms;          /* router reachability probe interval */
} mip6_md_cfg_t;

/* MCoA flow policy: which binding carries a flow (first match wins). */
typedef struct mip6_flow_rule {
	uint8_t proto;                  /* 0: any */
	mip6_prefix_t src, dst;         /* plen 0: any */
	uint16_t sport_lo, sport_hi;    /* 0,0: any */
	uint16_t dport_lo, dport_hi;
	uint16_t bid;
} mip6_flow_rule_t;

/* What the core did with a packet the binding handed it. */
typedef enum mip6_verdict {
	MIP6_PASS = 0,      /* not for the core: the platform handles it as usual */
	MIP6_CONSUMED = 1,  /* the core took it (and may have sent or delivered packets) */
	MIP6_DROPPED = 2    /* the core dropped it (counted, traced) */
} mip6_verdict_t;

mip6_node_t *mip6_node_new(const mip6_env_t *env, mip6_ns_t now);
void mip6_node_free(mip6_node_t *n);

int mip6_node_add_iface(mip6_node_t *n, const mip6_iface_cfg_t *cfg);
int mip6_node_enable_mn(mip6_node_t *n, const mip6_mn_cfg_t *cfg);
int mip6_node_enable_ha(mip6_node_t *n, const mip6_ha_cfg_t *cfg);
int mip6_node_enable_cn(mip6_node_t *n);
int mip6_node_enable_md(mip6_node_t *n, const mip6_md_cfg_t *cfg);
int mip6_node_add_flow_rule(mip6_node_t *n, const mip6_flow_rule_t *r);

/* A packet arrived on ifindex (from its IPv6 header on). Pass what the
 * platform would deliver to this node (any of its addresses, multicast),
 * what it receives for addresses it proxies (an HA's bound home addresses)
 * and tunnels addressed to it; not traffic it merely forwards: that goes to
 * mip6_node_output when a route sends it into the core. The data plane
 * treats a HAO or type 2 routing header on a packet it is given as meant
 * for this node, and drops it when no binding allows it. */
mip6_verdict_t mip6_node_input(mip6_node_t *n, uint32_t ifindex, const uint8_t *pkt, size_t len,
			       mip6_ns_t now);
/* The platform's stack sends a packet that the core must carry (the MN's
 * home-address traffic, the MR's mobile network, the HA's MNP routes). */
mip6_verdict_t mip6_node_output(mip6_node_t *n, const uint8_t *pkt, size_t len, mip6_ns_t now);
/* n packets at once (pkts[i], lens[i] -> verdicts[i]), as a binding that
 * reads packets in batches (recvmmsg, an ns-3 queue) hands them over: the
 * verdict and every effect of each packet are those of the single call
 * made in order, but the binding-cache lines of the packets ahead are
 * prefetched, so with a large binding cache the memory latency of the
 * lookups overlaps instead of being paid once per packet. */
void mip6_node_input_burst(mip6_node_t *n, uint32_t ifindex, const uint8_t *const *pkts, const size_t *lens,
			   size_t count, mip6_verdict_t *verdicts, mip6_ns_t now);
void mip6_node_output_burst(mip6_node_t *n, const uint8_t *const *pkts, const size_t *lens, size_t count,
			    mip6_verdict_t *verdicts, mip6_ns_t now);
void mip6_node_link(mip6_node_t *n, uint32_t ifindex, bool up, mip6_ns_t now);
/* The platform added (added true) or removed an address on ifindex on its
 * own: an operator's `ip addr`, DHCPv6, the kernel's SLAAC, or the echo of
 * an ADDR_ADD / ADDR_DEL the core submitted. plen: the prefix length the
 * platform configured with it (128 for most DHCPv6 addresses). flags: the
 * MIP6_ADDRF_* the platform knows of (OPTIMISTIC for an RFC 4429 address
 * whose DAD runs, HOME / DEREG / COA / ANYCAST when it tracks them), 0
 * otherwise. Report a change of flags as added again, not as removed and
 * added. Addresses of an unknown interface are ignored. */
void mip6_node_addr(mip6_node_t *n, uint32_t ifindex, const mip6_addr_t *addr, uint8_t plen, uint16_t flags,
		    bool added, mip6_ns_t now);
void mip6_node_op_result(mip6_node_t *n, uint32_t op_id, int status, mip6_ns_t now);
/* An operator command (m->type MIP6_BUS_COMMAND, m->cmd one of
 * enum mip6_bus_command): published on the bus and dispatched at once.
 * Returns 0, MIP6_E_INVAL for another type or an unknown command. */
int mip6_node_command(mip6_node_t *n, const mip6_bus_msg_t *m, mip6_ns_t now);
/* A bus message from a component outside the core (byte encoding). */
int mip6_node_bus_input(mip6_node_t *n, const uint8_t *msg, size_t len, mip6_ns_t now);
void mip6_node_timeout(mip6_node_t *n, mip6_ns_t now);
mip6_ns_t mip6_node_next_timeout(const mip6_node_t *n);
const mip6_stats_t *mip6_node_stats(const mip6_node_t *n);

/* RFC 4443 2.4(f): the node limits the error messages it originates (the
 * ICMPv6 errors, and the Binding Errors RFC 6275 9.3.3 / 11.3.6 ask to
 * limit too) with one token bucket: up to 'burst' at once, 'per_sec' a
 * second on average. What the bucket refuses is counted in
 * stats.err_rate_limited. The defaults are the RFC's example for a small
 * or mid-size device; burst 0 sends none. Returns 0, or MIP6_E_INVAL for a
 * value above MIP6_ERR_LIMIT_MAX. */
#define MIP6_ERR_BURST_DEFAULT 10u
#define MIP6_ERR_PER_SEC_DEFAULT 10u
#define MIP6_ERR_LIMIT_MAX 1000000u
int mip6_node_set_error_rate(mip6_node_t *n, uint32_t burst, uint32_t per_sec);

#ifdef __cplusplus
}
#endif
#endif
