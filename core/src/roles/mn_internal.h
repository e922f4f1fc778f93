/* SPDX-License-Identifier: BSD-3-Clause */
/* The Mobile Node / Mobile Router component (SHISA's mnd/mrd): its state,
 * shared by mn.c (hooks, movement), mn_home.c (home registration),
 * mn_send.c (building Binding Updates), mn_disc.c (DHAAD, prefix
 * discovery), mn_ro.c (return routability and correspondent bindings) and
 * mn_plat.c (what the data plane and the platform are told). */
#ifndef MIP6_ROLES_MN_INTERNAL_H
#define MIP6_ROLES_MN_INTERNAL_H

#include <stddef.h>

#include "mip6/icmp6.h"
#include "mip6/mh.h"
#include "mip6/rr.h"
#include "node_internal.h"

/* RFC 6275 12 and 13 (seconds unless named _NS). */
#define MN_FIRSTREG_RTO_NS MIP6_MS(1500)  /* InitialBindackTimeoutFirstReg */
#define MN_INITIAL_BINDACK_NS MIP6_SEC(1) /* INITIAL_BINDACK_TIMEOUT */
#define MN_MAX_BINDACK_NS MIP6_SEC(32)    /* MAX_BINDACK_TIMEOUT */
#define MN_MAX_UPDATE_RATE 3              /* BUs per second to one destination */
#define MN_MAX_TOKEN_LIFETIME 210
#define MN_MAX_RR_BINDING_LIFETIME 420
#define MN_INITIAL_DHAAD_NS MIP6_SEC(3) /* INITIAL_DHAAD_TIMEOUT */
#define MN_DHAAD_RETRIES 4
#define MN_PREFIX_ADV_NS MIP6_SEC(3) /* PREFIX_ADV_TIMEOUT */
#define MN_PREFIX_ADV_RETRIES 3
#define MN_DEFAULT_LIFETIME 600          /* when the configuration leaves it 0 */
#define MN_RO_HOLD_NS MIP6_SEC(60)       /* no new RR with a CN this long after it failed */
#define MN_RO_HOLD_MAX_NS MIP6_SEC(3600) /* the hold doubles per failure up to this */
#define MN_RO_NO_MH_HOLD_NS MN_RO_HOLD_MAX_NS /* Parameter Problem code 1 (11.3.5) */
#define MN_RO_HOLD_SLOTS 16              /* failed correspondents remembered (oldest hold goes) */
#define MN_MAX_HA 8                      /* home agents kept from a DHAAD reply */

#define MN_MAX_BUL MIP6_MAX_IFACES /* home bindings: one per BID under MCoA */
#define MN_MAX_CN 64               /* correspondents with route optimisation */
#define MN_MAX_HOME_PREFIXES 8
#define MN_IID_BITS 64                 /* interface identifier of the home address (RFC 4291 2.5.1) */
#define MN_TWO_HOURS_NS MIP6_SEC(7200) /* RFC 4862 5.5.3 (e) */

/* Timer kinds (the node adds COMP_MN in the top byte). */
enum mn_timer_kind {
	MN_T_BUL_RETX = 1,    /* BU retransmission, or a BU the rate limit held back */
	MN_T_BUL_REFRESH = 2, /* re-register before the home binding expires */
	MN_T_BUL_EXPIRE = 3,  /* the home binding has lapsed */
	MN_T_CN_RETX = 4,     /* HoTI/CoTI or BU to a correspondent */
	MN_T_CN_REFRESH = 5,  /* renew return routability */
	MN_T_CN_EXPIRE = 6,   /* the correspondent binding has lapsed */
	MN_T_DHAAD = 7,
	MN_T_MPS = 8,       /* Mobile Prefix Solicitation retransmission */
	MN_T_MPS_RENEW = 9, /* home prefix lifetime nearly over: solicit again */
	MN_T_HOME_PFX = 10  /* a home prefix or a home address formed in one runs out */
};

/* Registration state machine (SHISA's names). Home entries use IDLE,
 * DHAAD, WAITA, WAITAR, WAITD, BOUND; correspondent entries IDLE, RRINIT,
 * RRREDO, RRDEL, WAITA, WAITAR, WAITD, BOUND. */
enum mn_state {
	MN_IDLE = 0,
	MN_RRINIT, /* first return routability with a CN */
	MN_RRREDO, /* return routability again (movement, renewal) while bound */
	MN_RRDEL,  /* return routability to de-register (back home) */
	MN_WAITA,  /* BU sent, first registration */
	MN_WAITAR, /* BU sent, re-registration */
	MN_WAITD,  /* BU with lifetime 0 sent */
	MN_BOUND,
	MN_DHAAD /* looking for a home agent */
};

/* Return routability state machine (SHISA's secondary fsm). */
enum mn_rr_state {
	MN_RR_START = 0, /* not running */
	MN_RR_WAITHC,    /* waiting for HoT and CoT */
	MN_RR_WAITH,     /* waiting for HoT */
	MN_RR_WAITC      /* waiting for CoT */
};

/* MAX_UPDATE_RATE per destination: the times of the last sends. */
typedef struct mn_rate {
	mip6_ns_t sent[MN_MAX_UPDATE_RATE];
	unsigned n;    /* valid entries */
	unsigned next; /* where the next one goes */
} mn_rate_t;

/* A home registration (one per BID under MCoA, else only bul[0]). */
typedef struct mn_bul {
	mip6_timer_t retx;
	mip6_timer_t refresh;
	mip6_timer_t expire;
	uint8_t state;
	bool used;
	bool held;       /* retx is armed for a send the rate limit delayed */
	bool op_wait;    /* the BU waits for the home address to leave the home link */
	bool has_coa;    /* coa is usable (NO_COA clears it) */
	bool published;  /* BUL_ADD went to the bus and no BUL_REMOVE since */
	bool lead;       /* MCoA return home: this entry carries the bulk de-registration */
	bool pending;    /* a BU to send when the current batch of events ends */
	bool admin_down; /* MIP6_CMD_DEREG_BID: not registered again until MIP6_CMD_REGISTER */
	uint16_t bid;
	uint32_t ifindex;
	mip6_addr_t coa;
	mip6_addr_t src; /* source of the last BU (the CoA, or another one for a lost BID) */
	uint16_t seq;    /* of the last BU sent */
	mip6_ns_t rto;
	mip6_ns_t last_tx;
	uint32_t lifetime; /* granted, seconds */
	uint32_t tx_count; /* BUs sent in the current state */
	uint32_t resyncs;  /* status 135/145 answers in the current state */
	uint64_t ts;       /* RFC 4285 timestamp of the last BU sent */
	bool sent_o;       /* the last BU carried O (RFC 5648 4.2) */
	bool want_o;       /* status 165: register again with O (RFC 5648 5.7) */
} mn_bul_t;

/* A correspondent with route optimisation. */
typedef struct mn_cn {
	mip6_timer_t retx;
	mip6_timer_t refresh;
	mip6_timer_t expire;
	struct mn_cn *next;
	mip6_addr_t cn;
	uint8_t state;
	uint8_t rr;
	bool held;
	bool published;
	bool seq_init;
	uint16_t seq;
	uint8_t unsupported; /* MH types the CN answered with BE status 2 (bit per type) */
	uint32_t ifindex;
	mip6_addr_t coa; /* the care-of address to register */
	uint8_t home_cookie[8], coa_cookie[8];
	uint8_t home_token[MIP6_TOKEN_LEN], coa_token[MIP6_TOKEN_LEN];
	uint16_t home_nonce, coa_nonce;
	bool home_ok, coa_ok; /* tokens held */
	mip6_ns_t home_at;    /* when the home token arrived */
	mip6_addr_t coa_tok;  /* the care-of address its token belongs to */
	mip6_ns_t coa_at;     /* when the care-of token arrived */
	uint8_t kbm[MIP6_KBM_LEN];
	bool dereg; /* the BU in flight has lifetime 0 */
	mip6_ns_t rto;
	mip6_ns_t last_tx;
	uint32_t lifetime; /* granted, seconds */
	uint32_t resyncs;  /* status 135 answers in the current state */
	mn_rate_t rate;    /* BUs (RFC 6275 11.8: per type, per correspondent) */
	mn_rate_t hoti_rate, coti_rate;
} mn_cn_t;

/* A home-link prefix learnt from a Mobile Prefix Advertisement (RFC 6275
 * 11.4.3): the prefix as RFC 4861 6.3.4 keeps it (on-link), the address
 * RFC 4862 5.5.3 forms in it. The entry lives while either is valid. */
typedef struct mn_home_pfx {
	mip6_prefix_t p;     /* masked to p.plen */
	uint8_t flags;       /* MIP6_PI_F_L / _A of the last Prefix Information option */
	bool on;             /* a home-link prefix now (valid lifetime not over) */
	bool home;           /* holds the configured home address (cfg.hoa) */
	bool formed;         /* addr was formed here (RFC 4862 5.5.3 (d)) and is still valid */
	mip6_ns_t valid_end; /* of the prefix; MIP6_NS_NEVER: infinite */
	mip6_ns_t pref_end;
	mip6_addr_t addr;         /* p + the home address's interface identifier */
	mip6_ns_t addr_valid_end; /* of the formed address */
	mip6_ns_t addr_pref_end;
} mn_home_pfx_t;

/* A correspondent whose route optimisation failed: the entry itself is
 * freed, this remembers when to try again. */
typedef struct mn_hold {
	mip6_addr_t cn;
	mip6_ns_t until; /* 0: slot free */
	uint8_t fails;   /* consecutive failures: the hold doubles with each */
} mn_hold_t;

typedef struct mn {
	mip6_component_t comp;
	mip6_node_t *n;
	mip6_mn_cfg_t cfg;
	uint16_t lifetime; /* requested, seconds */
	mip6_addr_t ha;
	bool ha_known;
	/* RFC 6275 11.4.1: the DHAAD reply's home agents, tried in turn. */
	mip6_addr_t ha_list[MN_MAX_HA];
	unsigned nha;      /* 0: the home agent was configured */
	unsigned ha_idx;   /* the one in use */
	bool bulk_refused; /* this HA answered 168: one BU per BID (RFC 5648 5.3) */
	bool mcoa_booted;  /* this HA accepted an MCoA registration: no more O (RFC 5648 5.9) */
	bool batch;        /* events are being collected: BUs wait in 'pending' */
	bool flushed;      /* MIP6_CMD_FLUSH_BUL: quiet until MIP6_CMD_REGISTER */
	bool hoa_dad_failed; /* BA 134: the home address is not registered again (RFC 6275 11.7.1) */
	bool mr_refused;     /* 140 from the last home agent, or 141-143 with no mode left: no more BUs
	                      * with R (RFC 3963 5.4.1, 5.4.2) */
	bool mcoa_refused;   /* 166 from this home agent: no more MCoA registrations with it (RFC 5648 5.7) */
	bool at_home;
	uint32_t home_ifindex; /* the interface MD_INFO HOME named */
	uint16_t ha_seq;       /* last sequence number sent to the HA */
	bool ha_seq_init;
	mn_rate_t ha_rate;
	uint8_t ha_unsupported;
	uint64_t last_mesgid;  /* RFC 4285 timestamps sent, strictly increasing */
	int64_t mesgid_offset; /* learnt from the HA's MESG-ID (status 145) */
	mip6_hmac_key_t *auth_key; /* cfg.auth.key prepared; NULL: use the raw key */
	/* What the platform holds. */
	bool hoa_on_mip;      /* HoA on the mobility interface (ifindex 0) */
	uint32_t hoa_home_if; /* HoA placed by us on this home interface, 0 none */
	bool core_routes;     /* ::/0 (and MNP source routes) into the core */
	uint32_t leave_op;    /* ADDR_DEL of the home address off the home link, until done */
	mn_bul_t bul[MN_MAX_BUL];
	/* Dynamic Home Agent Address Discovery (RFC 6275 11.4.1). */
	mip6_timer_t dhaad_timer;
	bool dhaad_active;
	bool dhaad_deferred; /* the first request waits for leave_op */
	uint16_t dhaad_id;
	unsigned dhaad_tries;
	mip6_ns_t dhaad_rto;
	/* Mobile prefix discovery (RFC 6275 11.4.2). */
	mip6_timer_t mps_timer;
	mip6_timer_t mps_renew;
	bool mps_active;
	uint16_t mps_id;
	unsigned mps_tries;
	mip6_ns_t mps_rto;
	unsigned nprefix;
	mn_home_pfx_t prefix[MN_MAX_HOME_PREFIXES];
	mip6_timer_t pfx_timer;   /* MN_T_HOME_PFX: the first lifetime of prefix[] to end */
	uint16_t mpa_flags;       /* M and O (MIP6_MPA_F_*) of the last accepted MPA */
	bool mpa_heard;           /* an MPA was accepted */
	mip6_ns_t home_valid_end; /* end of the home prefix's valid lifetime from an MPA; 0: none heard */
	mn_cn_t *cns;
	unsigned ncn;
	mn_hold_t hold[MN_RO_HOLD_SLOTS];
} mn_t;

#define MN_OF(ptr, type, member) ((type *)(void *)((char *)(ptr)-offsetof(type, member)))

/* mn.c */
const char *mip6_mn_state_name(uint8_t s);
const char *mip6_mn_rr_name(uint8_t s);
void mip6_mn_set_state(mn_t *mn, mn_bul_t *b, uint8_t to);
void mip6_mn_trace(mn_t *mn, uint16_t kind, uint16_t code, const char *what, const mip6_addr_t *a,
                   const mip6_addr_t *b, uint32_t value);
void mip6_mn_drop(mn_t *mn, uint16_t code, const char *why, const mip6_addr_t *a);
void mip6_mn_arm(mn_t *mn, mip6_timer_t *t, unsigned kind, mip6_ns_t when);
mn_bul_t *mip6_mn_primary(mn_t *mn); /* the BOUND home entry RO uses, or NULL */
bool mip6_mn_is_coa(const mn_t *mn, const mip6_addr_t *a);

/* mn_send.c */
bool mip6_mn_rate_allow(const mn_rate_t *r, mip6_ns_t now, mip6_ns_t *when);
void mip6_mn_rate_note(mn_rate_t *r, mip6_ns_t now);
int mip6_mn_send_home_bu(mn_t *mn, mn_bul_t *b, bool dereg, bool bulk, mn_bul_t *const *ride, unsigned nride);
int mip6_mn_send_cn_bu(mn_t *mn, mn_cn_t *c, uint32_t lifetime_s); /* 0: de-register */
uint16_t mip6_mn_units(uint32_t seconds);
uint64_t mip6_mn_ntp(mip6_ns_t now); /* 'now' as a 64-bit NTP-format timestamp */
uint64_t mip6_mn_clock(mn_t *mn);    /* the time of day (env) or mip6_mn_ntp(now), before the offset */
bool mip6_mn_ll_compat(mn_t *mn);    /* L flag: link-local address shares the HoA's IID */

/* mn_home.c: entries, sending, timers */
bool mip6_mn_home_waiting(const mn_bul_t *b); /* WAITA, WAITAR or WAITD */
void mip6_mn_home_cancel(mn_t *mn, mn_bul_t *b);
void mip6_mn_home_transmit(mn_t *mn, mn_bul_t *b, mip6_ns_t now);
void mip6_mn_home_backoff(mn_t *mn, mn_bul_t *b, mip6_ns_t now);
void mip6_mn_home_give_up(mn_t *mn, mn_bul_t *b, uint16_t code, const char *why, uint32_t status);
mn_bul_t *mip6_mn_home_find_bid(mn_t *mn, uint16_t bid);
mn_bul_t *mip6_mn_home_new_entry(mn_t *mn);
void mip6_mn_home_release(mn_t *mn, mn_bul_t *b);
/* mn_move.c, mn_ba.c: events */
void mip6_mn_home_reregister(mn_t *mn, mn_bul_t *b, mip6_ns_t now);
void mip6_mn_home_new_coa(mn_t *mn, const mip6_bus_msg_t *m, mip6_ns_t now);
void mip6_mn_home_no_coa(mn_t *mn, const mip6_bus_msg_t *m, mip6_ns_t now);
void mip6_mn_home_returning(mn_t *mn, const mip6_bus_msg_t *m, mip6_ns_t now);
void mip6_mn_home_mcoa_away(mn_t *mn, mip6_ns_t now);
void mip6_mn_home_bid_home(mn_t *mn, const mip6_bus_msg_t *m);
void mip6_mn_home_ha_found(mn_t *mn, mip6_ns_t now);
void mip6_mn_home_dhaad_failed(mn_t *mn);
bool mip6_mn_home_ba(mn_t *mn, const mip6_rx_t *rx, mip6_ns_t now);
void mip6_mn_home_brr(mn_t *mn, const mip6_rx_t *rx, mip6_ns_t now);
void mip6_mn_home_be(mn_t *mn, const mip6_rx_t *rx, mip6_ns_t now);
void mip6_mn_home_timer(mn_t *mn, mip6_timer_t *t, mip6_ns_t now);
void mip6_mn_home_op_done(mn_t *mn, uint32_t op_id, mip6_ns_t now);
void mip6_mn_home_start_tx(mn_t *mn, mn_bul_t *b, mip6_ns_t first_rto, mip6_ns_t now);
void mip6_mn_home_batch_begin(mn_t *mn);
void mip6_mn_home_batch_end(mn_t *mn, mip6_ns_t now);
void mip6_mn_home_register(mn_t *mn, mn_bul_t *b, mip6_ns_t now); /* register_coa: (re)register b */
bool mip6_mn_home_next_ha(mn_t *mn, uint16_t code, const char *why, uint32_t status, mip6_ns_t now);

/* mn_disc.c */
void mip6_mn_dhaad_start(mn_t *mn, mip6_ns_t now);
void mip6_mn_dhaad_stop(mn_t *mn);
void mip6_mn_dhaad_op_done(mn_t *mn);
void mip6_mn_mps_start(mn_t *mn, mip6_ns_t now);
void mip6_mn_disc_timer(mn_t *mn, mip6_timer_t *t, mip6_ns_t now);
bool mip6_mn_disc_icmp6(mn_t *mn, const mip6_rx_t *rx, mip6_ns_t now);

/* mn_ro.c */
void mip6_mn_ro_hint(mn_t *mn, const mip6_bus_msg_t *m, mip6_ns_t now);
void mip6_mn_ro_moved(mn_t *mn, mip6_ns_t now);
void mip6_mn_ro_home_bound(mn_t *mn, mip6_ns_t now);
void mip6_mn_ro_prefix_shortened(mn_t *mn, mip6_ns_t now);
void mip6_mn_ro_returning(mn_t *mn, mip6_ns_t now);
bool mip6_mn_ro_mh(mn_t *mn, const mip6_rx_t *rx, mip6_ns_t now);
void mip6_mn_ro_timer(mn_t *mn, mip6_timer_t *t, mip6_ns_t now);
void mip6_mn_ro_free_all(mn_t *mn);
void mip6_mn_ro_flush(mn_t *mn); /* de-register with every correspondent and forget them */
mn_cn_t *mip6_mn_ro_find(mn_t *mn, const mip6_addr_t *cn);
bool mip6_mn_ro_param_problem(mn_t *mn, const mip6_rx_t *rx, mip6_ns_t now); /* RFC 6275 11.3.5 */

/* mn_cmd.c */
void mip6_mn_command(mn_t *mn, const mip6_bus_msg_t *m, mip6_ns_t now);

/* mn_plat.c */
void mip6_mn_plat_publish_bul(mn_t *mn, mn_bul_t *b);
void mip6_mn_plat_remove_bul(mn_t *mn, mn_bul_t *b);
void mip6_mn_plat_left_home(mn_t *mn);
void mip6_mn_plat_foreign(mn_t *mn);                      /* HoA and routes for life away from home */
void mip6_mn_plat_home_dereg(mn_t *mn, uint32_t ifindex); /* HoA on the home link, DEREG */
void mip6_mn_plat_home_done(mn_t *mn);                    /* de-registration complete */
void mip6_mn_plat_home_plain(mn_t *mn, uint32_t ifindex); /* at home, nothing to de-register */
void mip6_mn_plat_unsolicited_na(mn_t *mn);

#endif
