/* SPDX-License-Identifier: BSD-3-Clause */
/* Internals of mip6tool shared by its files (not installed, not API). */
#ifndef MIP6TOOL_TOOL_H
#define MIP6TOOL_TOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "mip6/packet.h"

/* ---- names.c: the one table of names used for printing, JSON output and
 * JSON input, so that craft reads exactly what decode --json writes. */
struct tool_flag {
	const char *name;
	unsigned bit;
};
struct tool_flagset {
	const struct tool_flag *f;
	size_t n;
};
extern const struct tool_flagset tool_bu_flags;  /* A H L K M R P */
extern const struct tool_flagset tool_ba_flags;  /* K R P */
extern const struct tool_flagset tool_ra_flags;  /* M O H */
extern const struct tool_flagset tool_na_flags;  /* R S O */
extern const struct tool_flagset tool_pi_flags;  /* L A R */
extern const struct tool_flagset tool_mpa_flags; /* M O */
extern const struct tool_flagset tool_bid_flags; /* H */

const char *tool_be_status_name(unsigned status); /* NULL when unassigned */
const char *tool_ul_name(mip6_ul_t ul);           /* "mh", "icmp6", ... */
/* A text for a warning bit, for warnings recorded without a reason. */
const char *tool_warn_text(uint32_t bit);
/* Warning bits as a comma-separated list of names, into buf. */
const char *tool_warn_list(uint32_t warnings, char *buf, size_t cap);

/* ---- util.c */
/* Lower-case hex of n bytes into out (2n + 1 bytes). Returns out. */
char *tool_hex(const uint8_t *p, size_t n, char *out);
/* Parses hex (optional 0x prefix) into out. Returns the byte count, or -1
 * with a message in msg (msgcap bytes) naming what is wrong. */
long tool_unhex(const char *s, uint8_t *out, size_t cap, char *msg, size_t msgcap);
/* Link-layer address as aa:bb:cc... into out (3n bytes at least). */
char *tool_lla(const uint8_t *p, size_t n, char *out);
/* Parses aa:bb:cc... (or plain hex); returns the byte count or -1. */
long tool_unlla(const char *s, uint8_t *out, size_t cap);
/* Dotted IPv4 text of 4 bytes into out (16 bytes). */
char *tool_ipv4(const uint8_t *p, char *out);
int tool_unipv4(const char *s, uint8_t out[4]);
/* Seconds.microseconds as text ("1752754256.004346"). */
char *tool_time(long long sec, long usec, char *out, size_t cap);
/* UTC "YYYY-MM-DD HH:MM:SS.uuuuuu". */
char *tool_time_utc(long long sec, long usec, char *out, size_t cap);

/* ---- linktype.c: where the IPv6 packet starts in a frame. */
/* Returns true when dlt is a link type the tool reads. */
bool tool_dlt_supported(int dlt);
/* Sets *off to the IPv6 header offset; returns false when the frame does
 * not carry IPv6 (other protocol, or too short a link header). */
bool tool_link_ipv6(int dlt, const uint8_t *p, size_t len, size_t *off);

/* ---- view.c: a decoded packet and the facts both printers need. */
typedef struct tool_view {
	const uint8_t *p; /* the IPv6 packet */
	size_t len;       /* captured bytes of it */
	const mip6_pkt_t *pkt;
	int rc; /* mip6_pkt_parse result */
	bool strict;
	unsigned nlayers;          /* layers whose IPv6 header was parsed */
	const mip6_layer_t *inner; /* innermost of them, NULL when none */
	bool ul_ok;                /* upper-layer record fully decoded */
	const uint8_t *ul;         /* upper-layer bytes (valid when inner) */
	size_t ul_len;
	/* The verdict shown: the decoder's, plus what the tool itself flags
	 * (an MH type no RFC defines, which a receiver answers with a
	 * Binding Error, RFC 6275 9.2). */
	bool rejected; /* strict: refused; lenient: could not go on */
	bool problem;  /* rejected or warned: why/offset are set */
	const char *why;
	unsigned offset;          /* from the first byte of the outer IPv6 header */
	int err;                  /* enum mip6_err of why */
	const char *tool_warning; /* extra warning name, or NULL */
	bool snapped;             /* the capture kept fewer bytes than the frame had */
} tool_view_t;

void tool_view_init(tool_view_t *v, const uint8_t *p, size_t len, const mip6_pkt_t *pkt, int rc, bool strict);
/* Mobility content: MH, HAO, RTHDR2, tunnel, or a mobility ICMPv6 type. */
bool tool_view_is_mobility(const tool_view_t *v);
/* Shown without --all: mobility content or a structural problem. Judged
 * on a lenient decode (a strict one stops before it can tell). */
bool tool_view_is_interesting(const tool_view_t *v);

/* Bytes a decoded record points to, if they lie within the upper layer
 * (never trust a pointer of a half-decoded record); else NULL. */
const uint8_t *tool_view_bytes(const tool_view_t *v, const uint8_t *q, size_t n);

/* ---- print*.c / json*.c */
int tool_print_text(FILE *out, const tool_view_t *v, unsigned long frame, long long sec, long usec,
                    const char *name, bool verbose);
json_t *tool_json_mh(const tool_view_t *v);
json_t *tool_json_icmp6(const tool_view_t *v);
json_t *tool_json_packet(const tool_view_t *v, unsigned long frame, long long sec, long usec,
                         const char *name);

/* ---- craft_in.c: JSON values with a path for error messages. */
typedef struct tool_jin {
	char path[256]; /* e.g. "mh.options[2].len" */
	char msg[600];  /* the error, when a function returned -1 */
	uint8_t *arena; /* storage for decoded byte strings of one packet */
	size_t arena_cap, arena_used;
} tool_jin_t;

/* Pushes ".key" or "[i]" to the path; returns the old length for pop. */
size_t tool_jin_push(tool_jin_t *c, const char *key);
size_t tool_jin_push_index(tool_jin_t *c, size_t i);
void tool_jin_pop(tool_jin_t *c, size_t oldlen);
/* Formats an error about the current path; returns -1. */
int tool_jin_err(tool_jin_t *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Fails when obj is not an object or holds a key not in the NULL-ended list. */
int tool_jin_keys(tool_jin_t *c, json_t *obj, const char *const *known);
/* Getters: return 1 when set, 0 when absent (and not required), -1 on error.
 * Integers accept JSON integers and strings "0x..." or decimal. */
int tool_jin_uint(tool_jin_t *c, json_t *obj, const char *key, bool required, unsigned long long max,
                  unsigned long long *out);
int tool_jin_bool(tool_jin_t *c, json_t *obj, const char *key, bool *out);
int tool_jin_addr(tool_jin_t *c, json_t *obj, const char *key, bool required, mip6_addr_t *out);
/* Exactly n bytes of hex. */
int tool_jin_hexn(tool_jin_t *c, json_t *obj, const char *key, bool required, uint8_t *out, size_t n);
/* Any length of hex, stored in the arena. */
int tool_jin_hexv(tool_jin_t *c, json_t *obj, const char *key, bool required, const uint8_t **out, size_t *n,
                  size_t max);
/* Flag word: "flags_raw" as base, then each named boolean of "flags". */
int tool_jin_flags(tool_jin_t *c, json_t *obj, const struct tool_flagset *fs, unsigned max, unsigned *out);
/* A type given as a number or as a name that names(i) returns. */
int tool_jin_type(tool_jin_t *c, json_t *obj, const char *key, bool required, const char *(*names)(uint8_t),
                  uint8_t *out);

/* ---- craft_mh.c / craft_icmp6.c: records from JSON. */
int tool_craft_mh(tool_jin_t *c, json_t *o, mip6_mh_t *m, unsigned *eflags);
int tool_craft_icmp6(tool_jin_t *c, json_t *o, mip6_icmp6_t *m, unsigned *eflags);

/* ---- craft_pkt.c: one packet from one JSON object of decode --json form. */
typedef struct tool_crafted {
	uint8_t *data; /* malloc'ed */
	size_t len;
	long long sec; /* pcap time stamp, when "time" is given */
	long usec;
} tool_crafted_t;
/* recompute: ignore given lengths, next headers and checksums. Returns 0,
 * or -1 with c->msg set. */
int tool_craft_packet(tool_jin_t *c, json_t *j, bool recompute, tool_crafted_t *out);

/* ---- usage texts (help.c) */
extern const char tool_usage_main[];
extern const char tool_usage_decode[];
extern const char tool_usage_rr[];
extern const char tool_usage_craft[];

#endif
