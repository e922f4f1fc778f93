/* SPDX-License-Identifier: BSD-3-Clause */
/* Stable codes of the trace events (mip6_trace_t.code): tests and tools
 * match codes; the sentence in mip6_trace_t.what is for people and may be
 * reworded at any time.
 *
 * Numbering: the high byte names the part of the core that emits the event,
 *   0x01 node, 0x02 data plane, 0x03 movement detection, 0x04 mobile node
 *   (home registration, discovery), 0x05 mobile node route optimisation and
 *   return routability, 0x06 home agent, 0x07 correspondent node;
 * the low byte its kind within that part,
 *   0x01-0x0f a state machine's changes (from/to carry the state names),
 *   0x10-0x7f other events (rx, tx, binding, info),
 *   0x80-0xff drops and refusals, one code per reason.
 * Names follow the same split: "<part>.<subject>.<event>", drops
 * "<part>.drop.<reason>" (mn.ro / mn.rr for 0x05).
 *
 * Stability: a code, once released, keeps its number and its meaning; a new
 * event takes the next free number of its range; a retired event's number is
 * never reused. 0 (MIP6_EV_NONE) is never emitted. */
#ifndef MIP6_EVENT_H
#define MIP6_EVENT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum mip6_event {
	MIP6_EV_NONE = 0, /* no code given */

	/* --- node (0x01xx) --- */
	MIP6_EV_NODE_DROP_MALFORMED = 0x0180,       /* the parser refused the packet: what = its rule */
	MIP6_EV_NODE_DROP_NO_COMPONENT = 0x0181,    /* an MH message no component takes */
	MIP6_EV_NODE_DROP_BE_RATE_LIMITED = 0x0182, /* RFC 6275 9.3.3 / 11.3.6 */
	MIP6_EV_NODE_DROP_PP_RATE_LIMITED = 0x0183, /* Parameter Problem not sent: RFC 4443 2.4(f) */
	MIP6_EV_NODE_DROP_TE_RATE_LIMITED = 0x0184, /* Time Exceeded not sent: RFC 4443 2.4(f) */
	MIP6_EV_NODE_DROP_HR_NOT_UNICAST = 0x0185, /* home registration from a non-unicast source: no BA (RFC 6275 9.5.4) */
	MIP6_EV_NODE_DROP_HR_NOT_HA = 0x0186, /* home registration at a node that is not its HA: 131 (RFC 6275 10.3.1) */

	/* --- data plane (0x02xx) --- */
	MIP6_EV_DP_DROP_MALFORMED = 0x0280,          /* a packet the data plane built does not walk */
	MIP6_EV_DP_DROP_TUNNEL_TRUNCATED = 0x0281,   /* tunneled packet is not a whole IPv6 packet */
	MIP6_EV_DP_DROP_TUNNEL_SRC_NOT_COA = 0x0282, /* reverse tunnel not from the inner source's CoA */
	MIP6_EV_DP_DROP_TUNNEL_SRC_NOT_HA = 0x0283,  /* tunnel to a CoA not from its home agent */
	MIP6_EV_DP_DROP_HOP_LIMIT = 0x0284,          /* hop limit exhausted at the tunnel entry */
	MIP6_EV_DP_DROP_MH_WITH_HAO = 0x0285,        /* MH other than a BU with a Home Address option */
	MIP6_EV_DP_DROP_RH2_MALFORMED = 0x0286,      /* type 2 routing header with bad length or segments */
	MIP6_EV_DP_DROP_RH2_NOT_OUR_HOA = 0x0287,    /* type 2 routing header not to our home address */
	MIP6_EV_DP_DROP_HAO_NO_BINDING = 0x0288,     /* Home Address option without a binding */
	MIP6_EV_DP_DROP_NO_HEADROOM_TUNNEL = 0x0289,
	MIP6_EV_DP_DROP_TOO_LONG_TO_TUNNEL = 0x028a,
	MIP6_EV_DP_DROP_NO_HEADROOM_RH2 = 0x028b,
	MIP6_EV_DP_DROP_NO_HEADROOM_HAO = 0x028c,
	MIP6_EV_DP_DROP_MNP_UNREGISTERED = 0x028d, /* MNP of a mobile router without binding */
	/* An ICMPv6 error about a packet the HA tunnelled: taken, relayed to the
	 * inner source (RFC 6275 9.3.4). */
	MIP6_EV_DP_DROP_TUNNEL_ERROR_RELAYED = 0x028e,
	MIP6_EV_DP_DROP_ERROR_RATE_LIMITED = 0x028f, /* not sent: RFC 4443 2.4(f) */
	MIP6_EV_DP_DROP_MN_LINK_LOCAL = 0x0290, /* to a bound MN's link-local address: RFC 6275 10.4.2 */

	/* --- movement detection (0x03xx) --- */
	MIP6_EV_MD_COA_STATE = 0x0301,    /* a care-of address: NONE, TENTATIVE ... REMOVED */
	MIP6_EV_MD_ATTACH_STATE = 0x0302, /* the node: DETACHED, ATTACHED, HOME */
	MIP6_EV_MD_RS_SENT = 0x0310,
	MIP6_EV_MD_RS_RETX_NOT_ARMED = 0x0311, /* no memory for the timer */
	MIP6_EV_MD_RS_NOT_ARMED = 0x0312,
	MIP6_EV_MD_RS_STOPPED = 0x0313, /* a router answered */
	MIP6_EV_MD_LIFETIME_TIMER_NOT_ARMED = 0x0314,
	MIP6_EV_MD_LINK_DOWN = 0x0315,
	MIP6_EV_MD_LINK_UP = 0x0316,
	MIP6_EV_MD_LINK_UP_AGAIN = 0x0317,
	MIP6_EV_MD_LINK_ALREADY_UP = 0x0318,
	MIP6_EV_MD_IF_PREF_SET = 0x0319,
	MIP6_EV_MD_IF_HOME = 0x031a, /* an interface is on the home link */
	MIP6_EV_MD_IF_COA_CHOSEN = 0x031b,
	MIP6_EV_MD_IF_COA_REPLACED = 0x031c,
	MIP6_EV_MD_IF_NO_COA = 0x031d,
	MIP6_EV_MD_PUBLISH_NEW_COA = 0x031e, /* MD_INFO NEW_COA on the bus */
	MIP6_EV_MD_PUBLISH_NO_COA = 0x031f,
	MIP6_EV_MD_PUBLISH_HOME = 0x0320,
	MIP6_EV_MD_PREF_DETACHED = 0x0321, /* why the preferred care-of address changed */
	MIP6_EV_MD_PREF_HOME = 0x0322,
	MIP6_EV_MD_PREF_FIRST = 0x0323,
	MIP6_EV_MD_PREF_PREVIOUS_UNUSABLE = 0x0324,
	MIP6_EV_MD_PREF_LEFT_HOME = 0x0325,
	MIP6_EV_MD_PREF_ADDRESS_CHANGED = 0x0326,
	MIP6_EV_MD_PREF_BETTER_INTERFACE = 0x0327,
	MIP6_EV_MD_PREFIX_NEW = 0x0328,        /* forming a care-of address */
	MIP6_EV_MD_PREFIX_NEW_NOAUTO = 0x0329, /* on-link, no autoconfiguration */
	MIP6_EV_MD_PREFIX_HOME = 0x032a,       /* the home prefix advertised */
	MIP6_EV_MD_PREFIX_NOT_64 = 0x032b,
	MIP6_EV_MD_PREFIX_TABLE_FULL = 0x032c,
	MIP6_EV_MD_PREFIX_SUSPECTED = 0x032d, /* not advertised by a new router */
	MIP6_EV_MD_PREFIX_NO_LONGER_SUSPECTED = 0x032e,
	MIP6_EV_MD_PREFIX_COA_REFORMED = 0x032f, /* advertised after the platform removed our CoA */
	MIP6_EV_MD_PREFIX_NO_ROUTER = 0x0330,    /* its care-of address is unusable */
	MIP6_EV_MD_PREFIX_HOME_NO_ROUTER = 0x0331,
	MIP6_EV_MD_PREFIX_EXPIRED = 0x0332, /* valid lifetime expired */
	MIP6_EV_MD_PREFIX_MOVED_LAST_ROUTER_LOST = 0x0333,
	MIP6_EV_MD_PREFIX_MOVED_NO_ROUTER_TO_ASK = 0x0334,
	MIP6_EV_MD_PREFIX_LINK_DOWN = 0x0335,
	MIP6_EV_MD_COA_DEPRECATED = 0x0336,       /* preferred lifetime expired */
	MIP6_EV_MD_COA_DEPRECATED_BY_RA = 0x0337, /* preferred lifetime 0 advertised */
	MIP6_EV_MD_COA_REFUSED_BY_PLATFORM = 0x0338,
	MIP6_EV_MD_ROUTER_NEW = 0x0339,
	MIP6_EV_MD_ROUTER_TABLE_FULL = 0x033a,
	MIP6_EV_MD_ROUTER_NEW_PROBING_OLD = 0x033b, /* a new router without our prefixes */
	MIP6_EV_MD_ROUTER_EXPIRED = 0x033c,
	MIP6_EV_MD_ROUTER_LIFETIME_ZERO = 0x033d,
	MIP6_EV_MD_ROUTER_REACHABLE = 0x033e,
	MIP6_EV_MD_ROUTER_OLD_ANSWERED = 0x033f, /* its prefix is still on this link */
	MIP6_EV_MD_ROUTER_UNREACHABLE = 0x0340,  /* RFC 4861 7.3.3 */
	MIP6_EV_MD_ROUTER_UNREACHABLE_NO_SOURCE = 0x0341,
	MIP6_EV_MD_ROUTER_UNCHECKABLE = 0x0342,
	MIP6_EV_MD_NUD_PROBE = 0x0343,
	MIP6_EV_MD_NUD_TIMER_NOT_ARMED = 0x0344,
	MIP6_EV_MD_DAD_PASSED = 0x0345,
	MIP6_EV_MD_DAD_NOT_RUN = 0x0346,
	MIP6_EV_MD_DAD_DUPLICATE = 0x0347, /* trying a random identifier */
	MIP6_EV_MD_DAD_GAVE_UP = 0x0348,
	MIP6_EV_MD_PLATFORM_REMOVED_TENTATIVE = 0x0349,
	MIP6_EV_MD_PLATFORM_REMOVED_COA = 0x034a,
	MIP6_EV_MD_PLATFORM_OWN_ABANDONED = 0x034b, /* our tentative CoA gave way to the platform's */
	MIP6_EV_MD_PLATFORM_ADOPTED = 0x034c,
	MIP6_EV_MD_PLATFORM_NOT_ADOPTED = 0x034d,
	MIP6_EV_MD_PLATFORM_OUTSIDE_PREFIXES = 0x034e,
	MIP6_EV_MD_DROP_RA_NOT_LINK_LOCAL = 0x0380, /* RFC 4861 6.1.2 */
	MIP6_EV_MD_DROP_RA_HOP_LIMIT = 0x0381,      /* RFC 4861 6.1.2 */
	MIP6_EV_MD_DROP_NA_HOP_LIMIT = 0x0382,      /* RFC 4861 7.1.2 */
	MIP6_EV_MD_DROP_PREF_UNKNOWN_IF = 0x0383,

	/* --- mobile node (0x04xx) --- */
	MIP6_EV_MN_HOME_STATE = 0x0401,    /* the home binding: IDLE, WAITA, BOUND ... */
	MIP6_EV_MN_HOME_ACCEPTED = 0x0410, /* home registration accepted */
	MIP6_EV_MN_HOME_REMOVED = 0x0411,
	MIP6_EV_MN_HOME_EXPIRED = 0x0412,
	MIP6_EV_MN_HOME_USABLE = 0x0413, /* at home: home address usable */
	MIP6_EV_MN_TX_BU = 0x0414,
	MIP6_EV_MN_TX_BU_BULK = 0x0415,
	MIP6_EV_MN_TX_BU_DEREG = 0x0416,
	MIP6_EV_MN_BU_RETRANSMISSION = 0x0417,
	MIP6_EV_MN_BU_RATE_LIMITED = 0x0418,  /* held back by MAX_UPDATE_RATE */
	MIP6_EV_MN_BU_WAITS_FOR_HOA = 0x0419, /* the HoA must leave the home link first */
	MIP6_EV_MN_RX_BA = 0x041a,
	MIP6_EV_MN_RX_BA_BULK = 0x041b,
	MIP6_EV_MN_RX_BA_SEQ_RESYNC = 0x041c, /* BA status 135 */
	MIP6_EV_MN_RX_BA_TIMESTAMP_RESYNC = 0x041d,
	MIP6_EV_MN_RX_BRR = 0x041e,
	MIP6_EV_MN_RX_BE = 0x041f,
	MIP6_EV_MN_HA_NEXT = 0x0420, /* trying the next home agent */
	MIP6_EV_MN_TX_DHAAD_REQUEST = 0x0421,
	MIP6_EV_MN_RX_DHAAD_REPLY = 0x0422,
	MIP6_EV_MN_DHAAD_NO_ROUTER_SUPPORT = 0x0423, /* reply without R */
	MIP6_EV_MN_TX_MPS = 0x0424,
	MIP6_EV_MN_RX_MPA = 0x0425,
	MIP6_EV_MN_HOME_PREFIX = 0x0426, /* a home prefix learnt: value = its length */
	MIP6_EV_MN_TX_UNSOLICITED_NA = 0x0427,
	MIP6_EV_MN_MOVE_LEFT_HOME = 0x0428,
	MIP6_EV_MN_MOVE_RETURNING_HOME = 0x0429,
	MIP6_EV_MN_MOVE_IF_HOME = 0x042a, /* an interface on the home link */
	MIP6_EV_MN_MOVE_NEW_COA = 0x042b,
	MIP6_EV_MN_MOVE_COA_UNCHANGED = 0x042c,
	MIP6_EV_MN_MOVE_COA_LOST = 0x042d,
	MIP6_EV_MN_CMD_REGISTER = 0x042e, /* registration requested by the operator */
	MIP6_EV_MN_CMD_STOPPED = 0x042f,  /* registration stopped by the operator */
	MIP6_EV_MN_BUL_FLUSHED = 0x0430,
	MIP6_EV_MN_HOME_RETRY_OVERWRITE = 0x0431, /* RFC 5648 5.7: BA 165, registering again with O */
	MIP6_EV_MN_MNP_REFUSED = 0x0432,          /* RFC 3963 5.4.2: stop advertising a prefix */
	MIP6_EV_MN_HOME_PREFIX_REMOVED = 0x0433,  /* RFC 4861 6.3.4/6.3.5 (MPA): home prefix gone; value = plen */
	MIP6_EV_MN_HOME_ADDRESS_FORMED = 0x0434,  /* RFC 4862 5.5.3 (d) (MPA): a = it, not registered */
	MIP6_EV_MN_HOME_ADDRESS_EXPIRED = 0x0435, /* RFC 4862 5.5.4: its valid lifetime ended */
	MIP6_EV_MN_HOME_CONFIG_FLAGS = 0x0436,    /* RFC 6275 11.4.3: MPA's M/O; value = MIP6_MPA_F_* */
	MIP6_EV_MN_DROP_OP_FAILED = 0x0480, /* a platform operation failed */
	MIP6_EV_MN_DROP_TIMER_NO_MEMORY = 0x0481,
	MIP6_EV_MN_DROP_NOTHING_TO_REGISTER = 0x0482,
	MIP6_EV_MN_DROP_NO_SUCH_BID = 0x0483,
	MIP6_EV_MN_DROP_BUL_FULL = 0x0484, /* MCoA: no free binding update list entry */
	MIP6_EV_MN_DROP_BU_SEND_FAILED = 0x0485,
	MIP6_EV_MN_DROP_REFUSED = 0x0486, /* home registration refused: final */
	MIP6_EV_MN_DROP_REFUSED_NEXT_HA = 0x0487,
	MIP6_EV_MN_DROP_REJECTED_BACKING_OFF = 0x0488,
	MIP6_EV_MN_DROP_DEREG_REFUSED = 0x0489,
	MIP6_EV_MN_DROP_BULK_REFUSED = 0x048a, /* one BU per BID */
	MIP6_EV_MN_DROP_HA_NO_ANSWER = 0x048b,
	MIP6_EV_MN_DROP_NO_FURTHER_HA = 0x048c,
	MIP6_EV_MN_DROP_HA_NO_MR_SUPPORT = 0x048d, /* no R in the BA */
	MIP6_EV_MN_DROP_HA_UNKNOWN_BU = 0x048e,    /* ICMP Parameter Problem for the BU */
	MIP6_EV_MN_DROP_BA_LIFETIME_ZERO = 0x048f,
	MIP6_EV_MN_DROP_BA_RH2_NOT_COA = 0x0490,
	MIP6_EV_MN_DROP_BA_AUTH_FAILED = 0x0491, /* RFC 4285 */
	MIP6_EV_MN_DROP_BA_UNEXPECTED = 0x0492,
	MIP6_EV_MN_DROP_BA_SEQ_MISMATCH = 0x0493,
	MIP6_EV_MN_DROP_DHAAD_NO_COA = 0x0494,
	MIP6_EV_MN_DROP_DHAAD_SEND_FAILED = 0x0495,
	MIP6_EV_MN_DROP_DHAAD_REPLY_EMPTY = 0x0496,
	MIP6_EV_MN_DROP_DHAAD_NO_REPLY = 0x0497,
	MIP6_EV_MN_DROP_MPS_NO_COA = 0x0498,
	MIP6_EV_MN_DROP_MPS_SEND_FAILED = 0x0499,
	MIP6_EV_MN_DROP_MPS_NO_REPLY = 0x049a,
	MIP6_EV_MN_DROP_MPA_TOO_MANY_PREFIXES = 0x049b,
	MIP6_EV_MN_DROP_MPA_RH2_NOT_COA = 0x049c,
	MIP6_EV_MN_DROP_HOME_PREFIX_WITHDRAWN = 0x049d,
	MIP6_EV_MN_DROP_BA_TIMESTAMP = 0x049e, /* RFC 4285 6: not the BU's timestamp */
	MIP6_EV_MN_DROP_MR_NO_HA = 0x049f, /* RFC 3963 5.4.1: no HA accepts this MR (140) */
	MIP6_EV_MN_DROP_HOA_DAD_FAILED = 0x04a0, /* RFC 6275 11.7.1: 134, the home address is not used again */
	MIP6_EV_MN_DROP_NOT_REGISTERING_AGAIN = 0x04a1, /* refused before (134, 140): not registering again */
	MIP6_EV_MN_DROP_MPA_NO_RH2 = 0x04a2,      /* RFC 6275 11.4.3: an MPA without a type 2 routing header */
	MIP6_EV_MN_DROP_MPA_UNSOLICITED = 0x04a3, /* RFC 6275 11.4.3: not the answer to our last MPS: discarded */
	MIP6_EV_MN_DROP_INVALID_COA = 0x04a4,     /* BA 174 (RFC 6275 6.1.8): not again from this care-of address */
	MIP6_EV_MN_DROP_MR_FATAL_STATUS = 0x04a5, /* RFC 3963 5.4.1/5.4.2: 141/142 in implicit, 143 in explicit mode */
	MIP6_EV_MN_DROP_MR_NO_MODE_LEFT = 0x04a6, /* RFC 3963 5.4.2: no more BUs with R */
	MIP6_EV_MN_DROP_MCOA_REFUSED = 0x04a7,    /* RFC 5648 5.7: 166, no more MCoA with that HA */
	MIP6_EV_MN_DROP_HAO_UNSUPPORTED = 0x04a8, /* RFC 6275 11.3.5: Parameter Problem code 2 (HAO) */

	/* --- mobile node: route optimisation, return routability (0x05xx) --- */
	MIP6_EV_MN_RO_STATE = 0x0501, /* a correspondent binding: IDLE, RRINIT ... */
	MIP6_EV_MN_RR_STATE = 0x0502, /* its return routability: START, WAITHC ... */
	MIP6_EV_MN_RO_START = 0x0510,
	MIP6_EV_MN_RO_HELD_OFF = 0x0511,
	MIP6_EV_MN_RO_TX_BU = 0x0512,
	MIP6_EV_MN_RO_TX_BU_DEREG = 0x0513,
	MIP6_EV_MN_RO_BU_RATE_LIMITED = 0x0514, /* held back by MAX_UPDATE_RATE */
	MIP6_EV_MN_RO_RX_BA = 0x0515,
	MIP6_EV_MN_RO_RX_BA_SEQ_RESYNC = 0x0516, /* BA status 135 */
	MIP6_EV_MN_RO_RX_BRR = 0x0517,
	MIP6_EV_MN_RO_RX_BE = 0x0518,
	MIP6_EV_MN_RO_BINDING_ACCEPTED = 0x0519,
	MIP6_EV_MN_RO_BINDING_REMOVED = 0x051a,
	MIP6_EV_MN_RO_BINDING_EXPIRED = 0x051b,
	MIP6_EV_MN_RR_TX_HOTI = 0x051c,
	MIP6_EV_MN_RR_TX_COTI = 0x051d,
	MIP6_EV_MN_RR_RX_HOT = 0x051e,
	MIP6_EV_MN_RR_RX_COT = 0x051f,
	MIP6_EV_MN_RR_INITS_HELD = 0x0520, /* HoTI/CoTI held back by MAX_UPDATE_RATE (RFC 6275 11.8) */
	MIP6_EV_MN_RO_PREFIX_SHORTENED = 0x0521, /* home prefix lifetime shortened: BU to a correspondent (RFC 6275 11.4.2) */
	MIP6_EV_MN_RO_NO_MH_SUPPORT = 0x0522, /* RFC 6275 11.3.5, 11.6.2: Parameter Problem 1: RO held off */
	MIP6_EV_MN_RO_DROP_KBM_FAILED = 0x0580,
	MIP6_EV_MN_RO_DROP_LIFETIME_ZERO = 0x0581,
	MIP6_EV_MN_RO_DROP_REFUSED = 0x0582,
	MIP6_EV_MN_RO_DROP_BINDING_LOST = 0x0583, /* BE status 1 */
	MIP6_EV_MN_RO_DROP_UNSUPPORTED = 0x0584,  /* BE status 2 */
	MIP6_EV_MN_RO_DROP_NO_ANSWER = 0x0585,
	MIP6_EV_MN_RO_DROP_BU_SEND_FAILED = 0x0586,
	MIP6_EV_MN_RO_DROP_NO_ROOM = 0x0587, /* no room for another correspondent */
	MIP6_EV_MN_RO_DROP_BA_UNEXPECTED = 0x0588,
	MIP6_EV_MN_RO_DROP_BA_AUTH_FAILED = 0x0589,
	MIP6_EV_MN_RO_DROP_BA_NO_AUTH = 0x058a, /* without Binding Authorization Data */
	MIP6_EV_MN_RO_DROP_BA_SEQ_MISMATCH = 0x058b,
	MIP6_EV_MN_RR_DROP_HOTI_NO_HOME = 0x058c, /* no home registration to tunnel through */
	MIP6_EV_MN_RR_DROP_HOTI_SEND_FAILED = 0x058d,
	MIP6_EV_MN_RR_DROP_COTI_SEND_FAILED = 0x058e,
	MIP6_EV_MN_RR_DROP_HOT_UNEXPECTED = 0x058f,
	MIP6_EV_MN_RR_DROP_COT_UNEXPECTED = 0x0590,
	MIP6_EV_MN_RR_DROP_HOT_COOKIE = 0x0591, /* cookie does not match the HoTI */
	MIP6_EV_MN_RR_DROP_COT_COOKIE = 0x0592,
	MIP6_EV_MN_RR_DROP_HOT_NOT_TUNNELED = 0x0593, /* RFC 6275 11.6.2: a HoT outside the HA tunnel */

	/* --- home agent (0x06xx) --- */
	MIP6_EV_HA_BCE_STATE = 0x0601, /* a mobile node's entry: NONE, DAD, BOUND */
	MIP6_EV_HA_RX_BU = 0x0610,
	MIP6_EV_HA_TX_BA = 0x0611,
	MIP6_EV_HA_BINDING_CREATED = 0x0612,
	MIP6_EV_HA_BINDING_REFRESHED = 0x0613,
	MIP6_EV_HA_BINDING_REMOVED = 0x0614,
	MIP6_EV_HA_BINDING_EXPIRED = 0x0615,
	MIP6_EV_HA_BC_FLUSHED = 0x0616,
	MIP6_EV_HA_MNP_ROUTE_ADDED = 0x0617,
	MIP6_EV_HA_MNP_ROUTE_REMOVED = 0x0618,
	MIP6_EV_HA_TX_PROXY_NA = 0x0619,
	MIP6_EV_HA_TX_BE = 0x061a,
	MIP6_EV_HA_TX_DHAAD_REPLY = 0x061b,
	MIP6_EV_HA_TX_MPA = 0x061c,
	MIP6_EV_HA_TX_MPA_UNSOLICITED = 0x061d,
	MIP6_EV_HA_HAL_ENTRY = 0x061e, /* home agent list entry learnt or refreshed */
	MIP6_EV_HA_HAL_EXPIRED = 0x061f,
	MIP6_EV_HA_HAL_LEFT = 0x0620,
	MIP6_EV_HA_HOME_PREFIX_CHANGED = 0x0621,
	MIP6_EV_HA_DROP_BU_MN_ID = 0x0680,            /* identifier missing or not this client's */
	MIP6_EV_HA_DROP_BU_NO_MESG_ID = 0x0681,       /* RFC 4285 6 */
	MIP6_EV_HA_DROP_BU_AUTH_FAILED = 0x0682,      /* RFC 4285 5 */
	MIP6_EV_HA_DROP_BU_TIMESTAMP_WINDOW = 0x0683, /* RFC 4285 6 */
	MIP6_EV_HA_DROP_BU_TIMESTAMP_REPLAY = 0x0684, /* RFC 4285 6 */
	MIP6_EV_HA_DROP_BU_MR_NOT_PERMITTED = 0x0685, /* RFC 3963 6 */
	MIP6_EV_HA_DROP_BU_TOO_MANY_MNPS = 0x0686,
	MIP6_EV_HA_DROP_BU_INVALID_MNP = 0x0687,        /* RFC 3963 6 */
	MIP6_EV_HA_DROP_BU_MNP_NOT_AUTHORIZED = 0x0688, /* RFC 3963 6 */
	MIP6_EV_HA_DROP_BU_NO_IMPLICIT_MNP = 0x0689,    /* RFC 3963 6 */
	MIP6_EV_HA_DROP_BU_MNP_TAKEN = 0x068a,          /* bound to another mobile router: RFC 3963 6.6 */
	MIP6_EV_HA_DROP_BU_MCOA_PROHIBITED = 0x068b,    /* RFC 5648 6.2 */
	MIP6_EV_HA_DROP_BU_TOO_MANY_BIDS = 0x068c,
	MIP6_EV_HA_DROP_BU_BID_MALFORMED = 0x068d, /* RFC 5648 6.1 */
	MIP6_EV_HA_DROP_BU_NO_MEMORY = 0x068e,
	MIP6_EV_HA_DROP_BU_NOT_HOME_SUBNET = 0x068f, /* RFC 6275 10.3.1 */
	MIP6_EV_HA_DROP_BU_NOT_SERVED = 0x0690,
	MIP6_EV_HA_DROP_BU_SEQ_NOT_NEWER = 0x0691,              /* RFC 6275 9.5.1 */
	MIP6_EV_HA_DROP_BU_SEQ_NOT_NEWER_THAN_PENDING = 0x0692, /* than the BU waiting for DAD */
	MIP6_EV_HA_DROP_BU_NOT_ROUTABLE = 0x0693,               /* RFC 6275 9.5.1 */
	MIP6_EV_HA_DROP_BU_DEREG_UNBOUND = 0x0694,              /* RFC 6275 10.3.2 */
	MIP6_EV_HA_DROP_BU_DAD_FAILED = 0x0695,                 /* RFC 6275 10.3.1 */
	MIP6_EV_HA_DROP_NO_DAD_RESULT = 0x0696,
	MIP6_EV_HA_DROP_PROXY_NA_NO_LLADDR = 0x0697,
	MIP6_EV_HA_DROP_HAL_FULL = 0x0698,
	MIP6_EV_HA_DROP_PREFIX_LIST_FULL = 0x0699,
	MIP6_EV_HA_DROP_MPS_NO_BINDING = 0x069a,   /* RFC 6275 10.6 */
	MIP6_EV_HA_DROP_MPS_NOT_FROM_COA = 0x069b, /* RFC 6275 11.4.2 */
	MIP6_EV_HA_DROP_BE_RATE_LIMITED = 0x069c,
	MIP6_EV_HA_DROP_BU_BID_LENGTH = 0x069d,      /* RFC 5648 6.2: 164 */
	MIP6_EV_HA_DROP_BU_AUTH_NO_SA = 0x069e,      /* RFC 4285 5.1.1 */
	MIP6_EV_HA_DROP_BU_MR_FLAG_CHANGED = 0x069f, /* RFC 3963 6.2: 139 */
	MIP6_EV_HA_DROP_BU_DEREG_NO_BID = 0x06a0,    /* RFC 5648 6.2: 133 */
	MIP6_EV_HA_DROP_BU_NO_BID_BOUND = 0x06a1,    /* RFC 5648 6.2 */
	MIP6_EV_HA_DROP_BU_R_WITHOUT_H = 0x06a2,     /* RFC 3963 6.2: 140 */
	MIP6_EV_HA_DROP_BU_H_FLAG_CHANGED = 0x06a3,  /* RFC 6275 9.5.1: 139 */
	MIP6_EV_HA_DROP_BU_RESERVED_HOA = 0x06a4,    /* the HA's own or an anycast address: 134 */
	MIP6_EV_HA_DROP_BU_NOT_UNICAST_SRC = 0x06a5, /* RFC 6275 9.5.4: no BA */
	MIP6_EV_HA_DROP_BU_SEQ_AFTER_DEREG = 0x06a7, /* RFC 6275 10.3.2: not newer than a de-registration of < 10 s ago */
	MIP6_EV_HA_DROP_BU_HOME_NONCE = 0x06a6, /* RFC 6275 9.5.1: home registration with Nonce Indices */

	/* --- correspondent node (0x07xx) --- */
	MIP6_EV_CN_BCE_STATE = 0x0701, /* a binding cache entry: IDLE, BOUND, RETIRED */
	MIP6_EV_CN_RX_BU = 0x0710,
	MIP6_EV_CN_TX_BA = 0x0711,
	MIP6_EV_CN_TX_BE = 0x0712,
	MIP6_EV_CN_BINDING_CREATED = 0x0713,
	MIP6_EV_CN_BINDING_REFRESHED = 0x0714,
	MIP6_EV_CN_BINDING_DELETED = 0x0715,
	MIP6_EV_CN_BINDING_EXPIRED = 0x0716,
	MIP6_EV_CN_BINDING_FLUSHED = 0x0717,
	MIP6_EV_CN_BUS_FULL_BINDING = 0x0718, /* binding change not published */
	MIP6_EV_CN_BUS_FULL_FLUSH = 0x0719,
	MIP6_EV_CN_RR_NONCE_NEW = 0x071a,
	MIP6_EV_CN_RR_TX_HOT = 0x071b,
	MIP6_EV_CN_RR_TX_COT = 0x071c,
	MIP6_EV_CN_DROP_BU_NO_RESOURCES = 0x0780,      /* RFC 6275 9.5.2 */
	MIP6_EV_CN_DROP_BU_HOA_NOT_ROUTABLE = 0x0781,  /* RFC 6275 9.5.1 */
	MIP6_EV_CN_DROP_BU_COA_NOT_ROUTABLE = 0x0782,  /* RFC 6275 9.5.1 */
	MIP6_EV_CN_DROP_BU_HOME_REGISTRATION = 0x0783, /* at a node that is not a home agent */
	MIP6_EV_CN_DROP_BU_NO_NONCE = 0x0784,          /* without Nonce Indices */
	MIP6_EV_CN_DROP_BU_NO_AUTH = 0x0785,           /* Binding Authorization Data not last */
	MIP6_EV_CN_DROP_BU_NONCE_EXPIRED = 0x0786,
	MIP6_EV_CN_DROP_BU_KBM_FAILED = 0x0787,
	MIP6_EV_CN_DROP_BU_AUTH_FAILED = 0x0788,
	MIP6_EV_CN_DROP_BU_SEQ_NOT_NEWER = 0x0789,
	MIP6_EV_CN_DROP_BE_RATE_LIMITED = 0x078a,
	MIP6_EV_CN_DROP_HOTI_HAO = 0x078b, /* RFC 6275 9.4.1 */
	MIP6_EV_CN_DROP_COTI_HAO = 0x078c, /* RFC 6275 9.4.2 */
	MIP6_EV_CN_DROP_HOTI_NOT_ROUTABLE = 0x078d,
	MIP6_EV_CN_DROP_COTI_NOT_ROUTABLE = 0x078e,
	MIP6_EV_CN_DROP_HOTI_RH2 = 0x078f, /* RFC 6275 6.1 */
	MIP6_EV_CN_DROP_COTI_RH2 = 0x0790,
	MIP6_EV_CN_DROP_TOKEN_FAILED = 0x0791, /* keygen token: crypto failed */
	MIP6_EV_CN_DROP_BU_NOT_UNICAST_SRC = 0x0792, /* RFC 6275 9.5.4: no BA */
	MIP6_EV_CN_DROP_BCE_UNREACHABLE = 0x0793,    /* RFC 6275 9.3.4: persistent Destination Unreachable */
};

/* The event's name ("ha.binding.created" style), or NULL for an unknown code. */
const char *mip6_event_name(uint16_t code);

#ifdef __cplusplus
}
#endif
#endif
