/* SPDX-License-Identifier: BSD-3-Clause */
/* What the node gives its components (MN/MR, HA, CN, MD, NEMO): the
 * contract between core/src/node.c and the role files in core/src/roles/. */
#ifndef MIP6_NODE_INTERNAL_H
#define MIP6_NODE_INTERNAL_H

#include "mip6/bus.h"
#include "mip6/crypto.h"
#include "mip6/dp.h"
#include "mip6/env.h"
#include "mip6/node.h"
#include "mip6/packet.h"
#include "mip6/stats.h"
#include "mip6/timer.h"

enum mip6_comp_id {
	COMP_MD = 0,
	COMP_MN = 1,    /* MN and MR */
	COMP_HA = 2,
	COMP_CN = 3,
	COMP_NEMO = 4,  /* NEMO tunnel/route setup (SHISA's nemonetd) */
	COMP_MAX = 5
};

/* A received signaling packet, decoded strictly, as components see it. */
typedef struct mip6_rx {
	uint32_t ifindex;
	const uint8_t *pkt;
	size_t len;
	const mip6_pkt_t *p;
	const mip6_layer_t *l;      /* the layer carrying the message (innermost) */
	mip6_addr_t src;            /* home address from a HAO, else the IPv6 source */
	mip6_addr_t dst;            /* home address from an RTHDR2, else the IPv6 destination */
	mip6_addr_t ip_src;         /* the IPv6 header's own addresses (a CoA with a HAO) */
	mip6_addr_t ip_dst;
	bool tunneled;              /* arrived inside IPv6-in-IPv6 */
	mip6_addr_t outer_src;      /* tunnel endpoints when tunneled */
	mip6_addr_t outer_dst;
} mip6_rx_t;

typedef struct mip6_component mip6_component_t;
struct mip6_component {
	const char *name;
	mip6_node_t *node;
	uint32_t bus_mask;
	/* Each hook is optional. on_mh / on_icmp6 return true when they took
	 * the message (the node then stops offering it). */
	void (*on_bus)(mip6_component_t *c, const mip6_bus_msg_t *m, mip6_ns_t now);
	bool (*on_mh)(mip6_component_t *c, const mip6_rx_t *rx, mip6_ns_t now);
	bool (*on_icmp6)(mip6_component_t *c, const mip6_rx_t *rx, mip6_ns_t now);
	void (*on_timer)(mip6_component_t *c, mip6_timer_t *t, mip6_ns_t now);
	void (*on_link)(mip6_component_t *c, uint32_t ifindex, bool up, mip6_ns_t now);
	/* The platform added or removed an address (mip6_node_addr). */
	void (*on_addr)(mip6_component_t *c, uint32_t ifindex, const mip6_addr_t *addr, uint8_t plen,
			uint16_t flags, bool added, mip6_ns_t now);
	void (*on_op_result)(mip6_component_t *c, uint32_t op_id, int status, mip6_ns_t now);
	void (*destroy)(mip6_component_t *c);
};

/* Constructors of the components (core/src/roles/). Each registers itself
 * with mip6_node_register() and subscribes to the bus types it needs. */
int mip6_md_create(mip6_node_t *n, const mip6_md_cfg_t *cfg);
int mip6_mn_create(mip6_node_t *n, const mip6_mn_cfg_t *cfg);
int mip6_ha_create(mip6_node_t *n, const mip6_ha_cfg_t *cfg);
int mip6_cn_create(mip6_node_t *n);

#define MIP6_MAX_IFACES 16
#define NODE_PKT_MAX 65535          /* largest packet the node handles */
#define NODE_HEADROOM 256           /* room for encapsulation and HAO/RTHDR2 */
#define NODE_TX_MAX 4096            /* largest signaling packet the node builds */
#define NODE_DAD_MAX MIP6_BUS_DAD_TRACKED /* DAD operations the bus reports on at once */

typedef struct mip6_iface {
	mip6_iface_cfg_t cfg;
	bool up;
} mip6_iface_t;

struct mip6_node {
	mip6_env_t env;
	mip6_ns_t now;
	mip6_timerq_t timers;
	mip6_bus_t bus;
	mip6_dp_t *dp;
	mip6_component_t *comp[COMP_MAX];
	mip6_iface_t ifaces[MIP6_MAX_IFACES];
	unsigned nifaces;
	uint32_t next_op;
	mip6_stats_t stats;
	uint8_t *scratch;               /* NODE_HEADROOM + NODE_PKT_MAX bytes for one packet */
	mip6_pkt_t *rxpkt;              /* decode space for one packet */
	uint8_t *txbuf;                 /* NODE_TX_MAX bytes for building signaling */
	struct {                        /* error message token bucket (RFC 4443 2.4(f)) */
		uint32_t burst, per_sec;
		uint64_t credit;        /* tokens in units of 1/NODE_TOKEN */
		mip6_ns_t last;         /* when credit was last brought up to date */
	} errlim;
	struct {                        /* DAD operations in flight, for the bus */
		uint32_t id;            /* 0: free */
		uint32_t ifindex;
		mip6_addr_t addr;
	} dad[NODE_DAD_MAX];
	unsigned dad_next;              /* slot to reuse when all are taken */
};

/* Timer kinds carry their component in the top byte. */
#define NODE_TIMER_KIND(comp, k) ((uint16_t)(((comp) << 8) | ((k) & 0xff)))

int mip6_node_register(mip6_node_t *n, unsigned id, mip6_component_t *c);
/* Subscribes the data-plane programming to the bus (dp_glue.c). */
int mip6_node_dp_glue_init(mip6_node_t *n);
mip6_iface_t *mip6_node_iface(mip6_node_t *n, uint32_t ifindex);

/* Effects, all through the env. */
void mip6_node_send(mip6_node_t *n, uint32_t ifindex, const uint8_t *pkt, size_t len);
/* Builds and sends an MH message: IPv6 src -> dst, with a HAO carrying hao
 * and/or an RTHDR2 carrying rh2 when those are non-NULL; the checksum
 * covers the home addresses (RFC 6275 6.1.1). If kbm is non-NULL the
 * message must end with a Binding Authorization Data option, which is
 * filled in (RFC 6275 6.2.7) with coa/cn as given. Returns 0 or an error. */
typedef struct node_mh_tx {
	uint32_t ifindex;
	mip6_addr_t src, dst;
	const mip6_addr_t *hao;
	const mip6_addr_t *rh2;
	const uint8_t *kbm;          /* RR authenticator key */
	const mip6_addr_t *auth_coa; /* "care-of address" input of the authenticator */
	const mip6_addr_t *auth_cn;  /* "correspondent" input */
	const mip6_auth_cfg_t *mnha; /* RFC 4285: message ends with an MN-HA auth option to fill */
	const mip6_addr_t *mnha_coa; /* its care-of and home address inputs */
	const mip6_addr_t *mnha_hoa;
	mip6_hmac_key_t *mnha_key;   /* optional: mnha's key prepared (mip6_hmac_key_new) */
	const mip6_addr_t *tunnel_src; /* send inside IPv6-in-IPv6 from tunnel_src to tunnel_dst */
	const mip6_addr_t *tunnel_dst;
} node_mh_tx_t;
/* A Binding Error takes a token of the node's error rate limit first
 * (RFC 6275 9.3.3 / 11.3.6, RFC 4443 2.4(f)): without one it is not sent,
 * counted in stats.err_rate_limited, and MIP6_E_NOSPC returned. */
int mip6_node_send_mh(mip6_node_t *n, const node_mh_tx_t *tx, const mip6_mh_t *m);
/* The invoking packet of an ICMPv6 error (its body: as much of the packet
 * as came back), read as far as the upper layer. */
typedef struct node_invoking {
	mip6_addr_t src, dst;
	uint8_t upper;      /* protocol after the extension headers */
	unsigned upper_off; /* where it starts */
	unsigned hao_off;   /* offset of a Home Address option's type byte, 0: none */
	bool rh2;           /* a type 2 routing header, home address in rh2_hoa */
	mip6_addr_t rh2_hoa;
} node_invoking_t;
bool mip6_node_invoking(const uint8_t *b, unsigned len, node_invoking_t *v);

int mip6_node_send_icmp6(mip6_node_t *n, uint32_t ifindex, const mip6_addr_t *src, const mip6_addr_t *dst,
		    uint8_t hlim, const mip6_icmp6_t *m);
/* Takes a token of the node's error message rate limit (RFC 4443 2.4(f));
 * false (counted in stats.err_rate_limited) when the bucket is empty. */
bool mip6_node_err_allow(mip6_node_t *n);
/* Submits a platform operation for component comp; returns its id. A DAD
 * is published on the bus (MIP6_BUS_DAD cmd START, and cmd DONE when
 * mip6_node_op_result brings its result). */
uint32_t mip6_node_op_submit(mip6_node_t *n, unsigned comp, mip6_op_t *op);
void mip6_node_random(mip6_node_t *n, void *out, size_t len);
int mip6_node_arm(mip6_node_t *n, mip6_timer_t *t, mip6_ns_t when);
void mip6_node_cancel(mip6_node_t *n, mip6_timer_t *t);
int64_t mip6_node_publish(mip6_node_t *n, const mip6_bus_msg_t *m);
/* Free places in the bus queue: a component publishing many messages from
 * one handler (a flush) stops below what it needs and goes on from a timer
 * armed at 'now', once the queue has been delivered. */
unsigned mip6_node_bus_room(const mip6_node_t *n);
void mip6_node_trace(mip6_node_t *n, const mip6_trace_t *ev);
void mip6_node_trace_state(mip6_node_t *n, const char *comp, uint16_t code, const char *from, const char *to,
                           const mip6_addr_t *a, const mip6_addr_t *b);
void mip6_node_trace_drop(mip6_node_t *n, const char *comp, uint16_t code, const char *why,
                          const mip6_addr_t *a);
void *mip6_node_mem_alloc(mip6_node_t *n, size_t size);
void mip6_node_mem_free(mip6_node_t *n, void *p);

#endif
