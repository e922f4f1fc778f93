/* SPDX-License-Identifier: BSD-3-Clause */
/* The mobility bus: SHISA's mobility socket (AF_MOBILITY) as a message set
 * inside the core. Components subscribe by message type (the filtering the
 * SHISA paper, section 5.3, found missing). Publishing never calls a
 * handler directly: messages queue and mip6_bus_dispatch() delivers them in
 * order, so no handler re-enters another. The same messages have a byte
 * encoding, so a program outside the core (a movement detector, a control
 * tool) can take part over a socket. */
#ifndef MIP6_BUS_H
#define MIP6_BUS_H

#include <stddef.h>
#include <stdint.h>

#include "mip6/addr.h"
#include "mip6/timer.h"

#ifdef __cplusplus
extern "C" {
#endif

enum mip6_bus_type {
	MIP6_BUS_NODETYPE_INFO = 1,  /* a role was enabled or disabled */
	MIP6_BUS_BC_ADD = 2,         /* binding cache entry added or updated */
	MIP6_BUS_BC_REMOVE = 3,
	MIP6_BUS_BC_FLUSH = 4,
	MIP6_BUS_BUL_ADD = 5,        /* binding update list entry added or updated */
	MIP6_BUS_BUL_REMOVE = 6,
	MIP6_BUS_BUL_FLUSH = 7,
	MIP6_BUS_MD_INFO = 8,        /* movement detection: a new (or no) care-of address */
	MIP6_BUS_HOME_HINT = 9,      /* the home prefix was seen on a link (for outside programs; the MN acts on MD_INFO HOME) */
	MIP6_BUS_RR_HINT = 10,       /* traffic with a correspondent: consider route optimisation */
	MIP6_BUS_BE_HINT = 11,       /* a Binding Error should be sent */
	MIP6_BUS_DAD = 12,           /* DAD requested (cmd START) or its result (cmd DONE) */
	MIP6_BUS_MNP_ROUTE = 13,     /* NEMO: route a mobile network prefix into a tunnel */
	MIP6_BUS_COMMAND = 14,       /* an operator command (mip6_node_command or a control tool) */
	MIP6_BUS_TYPE_MAX = 14
};

#define MIP6_BUS_MASK(type) (1u << (type))

/* NODETYPE_INFO node types (bits). */
#define MIP6_NODE_MN 0x01u
#define MIP6_NODE_MR 0x02u
#define MIP6_NODE_HA 0x04u
#define MIP6_NODE_CN 0x08u

/* Flags of BC/BUL/MD messages. */
#define MIP6_BF_HOME 0x0001u        /* home registration */
#define MIP6_BF_MR 0x0002u          /* mobile router (NEMO) */
#define MIP6_BF_DEREG 0x0004u       /* de-registering (returning home) */
#define MIP6_BF_RO 0x0008u          /* route-optimised binding with a CN */
/* BC_ADD at the HA: registered with L, the mobile node's link-local address
 * is intercepted too (RFC 6275 10.4.1). */
#define MIP6_BF_LL 0x0010u

/* Each message type that has sub-kinds (in its cmd field) has an enum of
 * its own. */

/* MD_INFO: what movement detection found. */
enum mip6_md_event {
	MIP6_MD_NEW_COA = 1,   /* coa is the preferred care-of address now */
	MIP6_MD_NO_COA = 2,    /* no usable care-of address on ifindex */
	MIP6_MD_HOME = 3       /* attached to the home link */
};

/* DAD: published by the node for every MIP6_OP_DAD operation a component
 * submits: START {ifindex, coa = the address}, then DONE {ifindex, coa,
 * status} when the platform's result arrives. The node follows
 * MIP6_BUS_DAD_TRACKED operations at once: with more in flight, the oldest
 * gives its place and its result is published no more. */
#define MIP6_BUS_DAD_TRACKED 16
enum mip6_dad_phase {
	MIP6_DAD_START = 1,
	MIP6_DAD_DONE = 2      /* status: enum mip6_dad_status */
};
enum mip6_dad_status {
	MIP6_DAD_UNIQUE = 0,
	MIP6_DAD_DUPLICATE = 1,
	MIP6_DAD_NOT_RUN = 2   /* the platform failed the operation */
};

/* MNP_ROUTE: route prefix/plen of the MR hoa into its tunnel (flags
 * MIP6_BF_MR: on the mobile router itself; else at the HA). */
enum mip6_mnp_cmd {
	MIP6_MNP_ADD = 1,
	MIP6_MNP_DEL = 2,
	/* From the MR (flags MIP6_BF_MR) to the platform: its home agents refused
	 * the prefix (BA 141/142, RFC 3963 5.4.2): stop advertising it in the
	 * mobile network and obtain new prefix information. Nothing to route. */
	MIP6_MNP_REFUSED = 3
};

/* COMMAND commands: what an operator asks of the components. Each names
 * the component that acts on it; the others ignore it. */
enum mip6_bus_command {
	/* HA and CN: drop every binding (hoa unspecified) or those of hoa;
	 * each removal is published as BC_REMOVE, then one BC_FLUSH. */
	MIP6_CMD_FLUSH_BC = 1,
	/* MN/MR: de-register every binding (home and RO) and stop; BUL_REMOVE
	 * per entry, then BUL_FLUSH. Registration resumes on MIP6_CMD_REGISTER. */
	MIP6_CMD_FLUSH_BUL = 2,
	/* MN/MR: (re)send the home registration now (bid 0 = every BID). */
	MIP6_CMD_REGISTER = 3,
	/* MN/MR: de-register one BID (bid) while keeping the others. */
	MIP6_CMD_DEREG_BID = 4,
	/* MD: set the preference of ifindex to pref (higher wins). */
	MIP6_CMD_IFACE_PREF = 5,
};

typedef struct mip6_bus_msg {
	uint16_t type;
	uint32_t seq;          /* set by the bus when published */
	uint8_t cmd;
	uint8_t status;
	uint8_t plen;
	uint8_t nodetype;
	uint8_t pref;          /* COMMAND IFACE_PREF: the interface's new preference */
	uint16_t flags;
	uint16_t bid;          /* MCoA binding identifier, 0 when none */
	uint32_t ifindex;
	uint32_t lifetime;     /* seconds */
	mip6_addr_t hoa;
	mip6_addr_t coa;
	mip6_addr_t peer;      /* HA or CN */
	mip6_addr_t prefix;
} mip6_bus_msg_t;

typedef void (*mip6_bus_handler_t)(void *component, const mip6_bus_msg_t *m, mip6_ns_t now);

#define MIP6_BUS_MAX_SUBS 16
#define MIP6_BUS_QUEUE 256

typedef struct mip6_bus {
	struct {
		uint32_t mask;
		mip6_bus_handler_t fn;
		void *component;
	} subs[MIP6_BUS_MAX_SUBS];
	unsigned nsubs;
	mip6_bus_msg_t queue[MIP6_BUS_QUEUE];
	unsigned head, count;
	uint32_t next_seq;
	uint64_t dropped;     /* messages lost to a full queue */
} mip6_bus_t;

void mip6_bus_init(mip6_bus_t *bus);
/* Subscribes fn to the types in mask. Returns 0 or MIP6_E_NOSPC. */
int mip6_bus_subscribe(mip6_bus_t *bus, uint32_t mask, mip6_bus_handler_t fn, void *component);
void mip6_bus_unsubscribe(mip6_bus_t *bus, void *component);
/* Queues a message; returns its sequence number, or MIP6_E_NOSPC (counted
 * in bus->dropped) when the queue is full, MIP6_E_TYPE for a bad type. */
int64_t mip6_bus_publish(mip6_bus_t *bus, const mip6_bus_msg_t *m);
/* Delivers queued messages (and those their handlers publish) in order.
 * Returns how many were delivered. */
unsigned mip6_bus_dispatch(mip6_bus_t *bus, mip6_ns_t now);

/* Byte encoding (network byte order): an 8-byte header (type u16, length
 * u16 including the header, sequence u32), then the fields the type carries,
 * always in this order: cmd u8, status u8, plen u8, nodetype u8, pref u8, flags u16,
 * bid u16, ifindex u32, lifetime u32, hoa, coa, peer, prefix (16 bytes each).
 * Fields per type:
 *   NODETYPE_INFO  cmd nodetype
 *   BC_ADD, BUL_ADD        flags bid ifindex lifetime hoa coa peer
 *   BC_REMOVE, BUL_REMOVE  flags bid hoa peer
 *   BC_FLUSH, BUL_FLUSH    (none)
 *   MD_INFO        cmd flags bid ifindex hoa coa
 *   HOME_HINT      plen ifindex prefix
 *   RR_HINT        hoa peer
 *   BE_HINT        status hoa coa peer
 *   DAD            cmd status ifindex coa
 *   MNP_ROUTE      cmd plen flags bid hoa coa prefix
 *   COMMAND        cmd status pref flags bid ifindex hoa peer
 * A decoder refuses a length that does not match the type. */
#define MIP6_BUS_WIRE_MAX 128
int mip6_bus_encode(const mip6_bus_msg_t *m, uint8_t *out, size_t cap);
int mip6_bus_decode(const uint8_t *p, size_t len, mip6_bus_msg_t *m);
const char *mip6_bus_type_name(uint16_t type);

#ifdef __cplusplus
}
#endif
#endif
