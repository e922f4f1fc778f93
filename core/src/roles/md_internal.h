/* SPDX-License-Identifier: BSD-3-Clause */
/* Movement detection (SHISA's babymdd): state shared by md*.c. The
 * contract with the rest of the node is at the top of md.c. */
#ifndef MIP6_MD_INTERNAL_H
#define MIP6_MD_INTERNAL_H

#include "mip6/err.h"
#include "node_internal.h"

/* RFC 4861 section 10 host constants. */
#define MD_MAX_RTR_SOLICITATIONS 3
#define MD_RTR_SOLICITATION_INTERVAL MIP6_SEC(4)
#define MD_MAX_RTR_SOLICITATION_DELAY MIP6_SEC(1)
#define MD_MAX_UNICAST_SOLICIT 3
#define MD_RETRANS_TIMER_MS 1000u
/* RFC 7217 section 7: attempts at a new identifier after a duplicate. */
#define MD_IDGEN_RETRIES 3
/* RFC 4862 5.5.3 (e): the "two hours" rule for valid lifetimes. */
#define MD_TWO_HOURS 7200u
#define MD_INFINITE 0xffffffffu

#define MD_MAX_ROUTERS 4
#define MD_MAX_PREFIXES 8

enum md_timer_kind { MD_T_RS = 1, MD_T_LIFE = 2, MD_T_NUD = 3 };

/* Care-of address states. */
enum md_addr_state {
	MD_A_NONE = 0,       /* no address: the home prefix */
	MD_A_TENTATIVE = 1,  /* DAD running, address not assigned yet */
	MD_A_OPTIMISTIC = 2, /* RFC 4429: assigned and usable while DAD runs */
	MD_A_VALID = 3,      /* DAD passed, assigned */
	MD_A_FAILED = 4,     /* duplicates exhausted or the platform refused it */
	MD_A_REMOVED = 5     /* the platform removed it: a new one at the next RA */
};

/* Router reachability (NUD) states. */
enum md_nud_state {
	MD_NUD_IDLE = 0,     /* not probing (no confirmed source address, or disabled) */
	MD_NUD_WAIT = 1,     /* next probe round at timer expiry */
	MD_NUD_PROBE = 2     /* unicast NS sent, waiting for a solicited NA */
};

/* What an interface offers (its best candidate) or what was reported. */
enum md_att { MD_ATT_NONE = 0, MD_ATT_COA = 1, MD_ATT_HOME = 2 };

typedef struct md_router {
	bool used;
	uint8_t nud;          /* enum md_nud_state */
	uint8_t probes;       /* unanswered probes in this round */
	uint8_t ifslot;
	mip6_addr_t addr;     /* link-local source of its RAs */
	mip6_ns_t expires;    /* end of the router lifetime */
	uint32_t retrans_ms;  /* RETRANS_TIMER or the RA's Retrans Timer */
	bool slla;            /* its RA told its link-layer address (SLLAO): RFC 4429 3.2 */
	mip6_timer_t timer;   /* NUD */
} md_router_t;

typedef struct md_prefix {
	bool used;
	bool home;            /* the home prefix: marks the home link, no CoA */
	bool suspect;         /* a new router did not advertise it: we may have moved */
	bool added;           /* ADDR_ADD issued and not deleted */
	bool deprecated;      /* preferred lifetime over (RFC 4862 5.5.4) */
	bool noauto;          /* on-link only (no A flag or not /64): no address formed */
	bool adopted;         /* addr is the platform's (DHCPv6, manual): never deleted by MD */
	uint8_t state;        /* enum md_addr_state */
	uint8_t attempts;     /* identifiers tried */
	uint8_t plen;
	mip6_addr_t prefix;
	mip6_addr_t addr;     /* the care-of address formed from it (or adopted) */
	mip6_addr_t removed;  /* the last one the platform removed: not formed again */
	mip6_ns_t valid_until;
	mip6_ns_t preferred_until;
	uint32_t routers;     /* bit r: routers[r] advertises it */
	uint32_t dad_op;      /* pending DAD operation id, 0 none */
	uint32_t add_op;      /* pending ADDR_ADD operation id, 0 none */
} md_prefix_t;

typedef struct md_iface {
	uint32_t ifindex;     /* 0 until the slot is first used */
	bool up;
	uint8_t rs_sent;
	mip6_timer_t rs_timer;
	mip6_timer_t life_timer;
	md_router_t routers[MD_MAX_ROUTERS];
	md_prefix_t prefixes[MD_MAX_PREFIXES];
	/* The interface's best candidate and what was last reported for it. */
	uint8_t rep;          /* enum md_att */
	mip6_addr_t rep_coa;
	int cur;              /* index of the current candidate prefix, -1 none */
} md_iface_t;

typedef struct md {
	mip6_component_t comp;
	mip6_md_cfg_t cfg;
	md_iface_t ifs[MIP6_MAX_IFACES];
	/* The node's preferred attachment (the bid 0 stream). */
	uint8_t pref;         /* enum md_att */
	int pref_if;          /* interface slot, -1 none */
	mip6_addr_t pref_coa;
} md_t;

/* Empties a router slot, keeping what ties it to its interface and timer
 * kind. Cancel its timer first. */
static inline void md_router_clear(md_router_t *r)
{
	uint8_t slot = r->ifslot;
	uint16_t kind = r->timer.kind;
	memset(r, 0, sizeof(*r));
	r->ifslot = slot;
	r->timer.kind = kind;
}

static inline mip6_node_t *md_node(md_t *md) { return md->comp.node; }
static inline const mip6_iface_cfg_t *md_ifcfg(md_t *md, unsigned slot)
{
	return &md_node(md)->ifaces[slot].cfg;
}

/* md.c */
md_iface_t *mip6_md_iface_of(md_t *md, uint32_t ifindex, unsigned *slot);
void mip6_md_info(md_t *md, uint16_t code, const char *what, const mip6_addr_t *a, const mip6_addr_t *b,
                  uint32_t value);
void mip6_md_rs_start(md_t *md, unsigned slot, bool delay);
void mip6_md_life_rearm(md_t *md, unsigned slot);

/* md_ra.c */
void mip6_md_ra_input(md_t *md, unsigned slot, const mip6_rx_t *rx);
void mip6_md_router_remove(md_t *md, unsigned slot, md_router_t *r, uint16_t code, const char *why);
void mip6_md_prefix_delete(md_t *md, unsigned slot, md_prefix_t *p, uint16_t code, const char *why);
void mip6_md_expire(md_t *md, unsigned slot, mip6_ns_t now);

/* md_addr.c */
void mip6_md_addr_start(md_t *md, unsigned slot, md_prefix_t *p);
void mip6_md_addr_result(md_t *md, uint32_t op_id, int status);
bool mip6_md_prefix_usable(const md_prefix_t *p);
void mip6_md_addr_set_state(md_t *md, md_prefix_t *p, uint8_t to);

/* md_plat.c */
void mip6_md_platform_addr(md_t *md, unsigned slot, const mip6_addr_t *a, uint16_t flags, bool added);

/* md_nud.c */
void mip6_md_nud_kick(md_t *md, unsigned slot);
void mip6_md_nud_probe_now(md_t *md, unsigned slot, md_router_t *r);
void mip6_md_nud_timer(md_t *md, md_router_t *r);
void mip6_md_na_input(md_t *md, unsigned slot, const mip6_rx_t *rx);

/* md_choose.c */
void mip6_md_update(md_t *md);

#endif
