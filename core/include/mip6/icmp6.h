/* SPDX-License-Identifier: BSD-3-Clause */
/* The ICMPv6 messages the stack needs: Neighbor Discovery (RFC 4861) with
 * the Mobile IPv6 extensions of RFC 6275 section 7, DHAAD and Mobile Prefix
 * Solicitation/Advertisement (RFC 6275 6.5-6.8), echo, and the error
 * messages (Parameter Problem answers malformed MH, RFC 6275 9.2). */
#ifndef MIP6_ICMP6_H
#define MIP6_ICMP6_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip6/addr.h"
#include "mip6/decode.h"
#include "mip6/err.h"

#ifdef __cplusplus
extern "C" {
#endif

enum mip6_icmp6_type {
	MIP6_ICMP6_DST_UNREACH = 1,
	MIP6_ICMP6_PKT_TOO_BIG = 2,
	MIP6_ICMP6_TIME_EXCEEDED = 3,
	MIP6_ICMP6_PARAM_PROB = 4,
	MIP6_ICMP6_ECHO_REQUEST = 128,
	MIP6_ICMP6_ECHO_REPLY = 129,
	MIP6_ICMP6_RS = 133,
	MIP6_ICMP6_RA = 134,
	MIP6_ICMP6_NS = 135,
	MIP6_ICMP6_NA = 136,
	MIP6_ICMP6_DHAAD_REQUEST = 144,
	MIP6_ICMP6_DHAAD_REPLY = 145,
	MIP6_ICMP6_MPS = 146,
	MIP6_ICMP6_MPA = 147
};

enum mip6_nd_opt_type {
	MIP6_ND_OPT_SLLA = 1,
	MIP6_ND_OPT_TLLA = 2,
	MIP6_ND_OPT_PREFIX = 3,
	MIP6_ND_OPT_MTU = 5,
	MIP6_ND_OPT_ADV_INTERVAL = 7, /* RFC 6275 7.3 */
	MIP6_ND_OPT_HA_INFO = 8       /* RFC 6275 7.4 */
};

#define MIP6_RA_F_M 0x80u    /* managed address configuration */
#define MIP6_RA_F_O 0x40u    /* other configuration */
#define MIP6_RA_F_H 0x20u    /* home agent (RFC 6275 7.1) */
#define MIP6_PI_F_L 0x80u    /* on-link */
#define MIP6_PI_F_A 0x40u    /* autonomous address configuration */
#define MIP6_PI_F_R 0x20u    /* router address (RFC 6275 7.2) */
#define MIP6_NA_F_R 0x80u    /* router */
#define MIP6_NA_F_S 0x40u    /* solicited */
#define MIP6_NA_F_O 0x20u    /* override */
#define MIP6_MPA_F_M 0x8000u /* RFC 6275 6.8 */
#define MIP6_MPA_F_O 0x4000u
#define MIP6_DHAAD_F_R 0x8000u /* mobile router support (RFC 3963), request and reply */
#define MIP6_HAI_F_R 0x8000u   /* in the HA information option's reserved field (RFC 3963) */

#define MIP6_ND_MAX_OPTS 16
#define MIP6_DHAAD_MAX_ADDRS 32
#define MIP6_LLA_MAX 14   /* link-layer address bytes held in a record (option length 2) */
#define MIP6_ICMP6_HLEN 4 /* type, code, checksum */

/* emit() flag, the same value as in mh.h (an identical redefinition). */
#define MIP6_EMIT_KEEP_CKSUM 1u

typedef struct mip6_nd_opt {
	uint8_t type;
	uint8_t len; /* units of 8 octets, as on the wire */
	union {
		struct {
			uint8_t len; /* bytes of link-layer address */
			uint8_t addr[MIP6_LLA_MAX];
		} lla; /* SLLA, TLLA */
		struct {
			uint8_t plen;
			uint8_t flags; /* MIP6_PI_F_* */
			uint32_t valid;
			uint32_t preferred;
			mip6_addr_t prefix; /* with R set: the router's full address */
		} prefix;
		uint32_t mtu;
		uint32_t adv_interval_ms;
		struct {
			int16_t pref;
			uint16_t lifetime; /* seconds */
		} ha_info;
		const uint8_t *data; /* unknown types: len * 8 - 2 bytes */
	} u;
	/* The reserved field as on the wire, written back by emit(): Reserved2
	 * of Prefix Information, the 16 bits of MTU, Advertisement Interval and
	 * Home Agent Information (whose top bit is MIP6_HAI_F_R). */
	uint32_t reserved;
	/* Set by parse(): the option's bytes after type and length (len * 8 - 2
	 * of them). A link-layer address longer than MIP6_LLA_MAX is decoded
	 * with lla.len 0 and emitted from here. */
	const uint8_t *raw;
} mip6_nd_opt_t;

typedef struct mip6_icmp6 {
	uint8_t type;
	uint8_t code;
	uint16_t checksum; /* as on the wire */
	union {
		struct {
			uint32_t param; /* MTU (2) or pointer (4); unused otherwise */
		} err;
		struct {
			uint16_t id;
			uint16_t seq;
		} echo;
		struct {
			uint32_t reserved; /* as on the wire */
		} rs;
		struct {
			uint8_t hop_limit;
			uint8_t flags; /* MIP6_RA_F_* */
			uint16_t lifetime;
			uint32_t reachable;
			uint32_t retrans;
		} ra;
		struct {
			uint8_t flags; /* NA: MIP6_NA_F_*; NS: 0 */
			mip6_addr_t target;
			uint32_t reserved; /* NS: all 32 bits; NA: the 24 after the flags */
		} nd;
		struct {
			uint16_t id;
			uint16_t flags; /* MIP6_DHAAD_F_R, reserved bits kept */
		} dhaad_req;
		struct {
			uint16_t id;
			uint16_t flags; /* MIP6_DHAAD_F_R, reserved bits kept */
			unsigned naddrs;
			mip6_addr_t addrs[MIP6_DHAAD_MAX_ADDRS];
		} dhaad_rep;
		struct {
			uint16_t id;
			uint16_t reserved; /* as on the wire */
		} mps;
		struct {
			uint16_t id;
			uint16_t flags; /* MIP6_MPA_F_* */
		} mpa;
	} u;
	unsigned nopts;
	mip6_nd_opt_t opts[MIP6_ND_MAX_OPTS];
	/* Bytes after the decoded fields, written back by emit(): echo data,
	 * the invoking packet of an error, the body of an unknown type, bytes
	 * after the fixed part of DHAAD request and MPS; after a lenient parse
	 * also the undecoded tail of options or addresses (so that it, too,
	 * round-trips). */
	const uint8_t *body;
	unsigned body_len;
	uint32_t warnings;
	int cksum_ok; /* 1 verified, 0 failed, -1 not checked */
} mip6_icmp6_t;

/* A zeroed record of the given type (cksum_ok -1). */
void mip6_icmp6_init(mip6_icmp6_t *m, uint8_t type);
/* Appends a zeroed option; NULL when the record is full. Leave len 0 to
 * let emit() choose the option's length. */
mip6_nd_opt_t *mip6_icmp6_add_opt(mip6_icmp6_t *m, uint8_t type);
const mip6_nd_opt_t *mip6_icmp6_find_opt(const mip6_icmp6_t *m, uint8_t type);

/* Smallest legal length of a message of this type (header and fixed
 * part): 24 for NS/NA, 16 for RA, 8 for the other known types, 4 else. */
size_t mip6_icmp6_min_len(uint8_t type);

/* Parses an ICMPv6 message. src/dst for the checksum, or NULL to skip it.
 * Strict: checksum, minimum length per type, code 0 for ND/DHAAD/MPS/MPA,
 * no option of length 0 (RFC 4861 4.6), options within the message, known
 * options at their RFC length, no more options or DHAAD addresses than the
 * record holds, DHAAD address list a multiple of 16 bytes, and (when src
 * is given) no source link-layer address option in an RS or NS from the
 * unspecified address (RFC 4861 6.1.1, 7.1.1).
 * Lenient: these become m->warnings (the first reason goes to d when
 * d->why is NULL, so zero d first); a message shorter than its type's
 * minimum is decoded as if zero-padded, and an option walk stops at an
 * option of length 0 or one that overruns the message.
 * A message shorter than the 4-byte header always fails. */
int mip6_icmp6_parse(const uint8_t *p, size_t len, const mip6_addr_t *src, const mip6_addr_t *dst,
                     unsigned flags, mip6_icmp6_t *m, mip6_diag_t *d);

/* Writes the message; returns its length or a negative error. Flags as for
 * mip6_mh_emit (MIP6_EMIT_KEEP_CKSUM: write m->checksum; src and dst may
 * then be NULL). Options are written in order, each with its len when
 * non-zero (fields cut or zero-filled to fit), else the length its type
 * needs. Options are only written for RS, RA, NS, NA and MPA. */
int mip6_icmp6_emit(const mip6_icmp6_t *m, const mip6_addr_t *src, const mip6_addr_t *dst, unsigned eflags,
                    uint8_t *out, size_t cap);

const char *mip6_icmp6_type_name(uint8_t type); /* "RA", "DHAAD-REQ", ... or NULL */
const char *mip6_nd_opt_name(uint8_t type);     /* "prefix", "ha-info", ... or NULL */

#ifdef __cplusplus
}
#endif
#endif
