/* SPDX-License-Identifier: BSD-3-Clause */
/* craft: a Mobility Header record from the "mh" object of decode --json. */
#include <string.h>

#include "mip6/mh.h"
#include "tool.h"

/* Output-only names, accepted and ignored on input. */
#define MH_COMMON                                                                                            \
	"type", "type_name", "proto", "hlen", "reserved", "checksum", "checksum_ok", "options", "align"

static const char *const *mh_keys(uint8_t type)
{
	static const char *const brr[] = {MH_COMMON, "reserved2", NULL};
	static const char *const init[] = {MH_COMMON, "reserved2", "cookie", NULL};
	static const char *const test[] = {MH_COMMON, "nonce_index", "cookie", "keygen_token", NULL};
	static const char *const bu[] = {MH_COMMON, "seq", "flags", "flags_raw", "lifetime", NULL};
	static const char *const ba[] = {MH_COMMON,   "status", "status_name", "flags",
	                                 "flags_raw", "seq",    "lifetime",    NULL};
	static const char *const be[] = {MH_COMMON, "status", "status_name", "reserved2", "home_addr", NULL};
	static const char *const other[] = {MH_COMMON, "body", NULL};
	switch (type) {
	case MIP6_MH_BRR:
		return brr;
	case MIP6_MH_HOTI:
	case MIP6_MH_COTI:
		return init;
	case MIP6_MH_HOT:
	case MIP6_MH_COT:
		return test;
	case MIP6_MH_BU:
		return bu;
	case MIP6_MH_BA:
		return ba;
	case MIP6_MH_BE:
		return be;
	default:
		return other;
	}
}

#define OPT_COMMON "type", "name", "len"

static const char *const *opt_keys(uint8_t type)
{
	static const char *const pad1[] = {"type", "name", NULL};
	static const char *const data[] = {OPT_COMMON, "data", NULL};
	static const char *const bra[] = {OPT_COMMON, "refresh", NULL};
	static const char *const altcoa[] = {OPT_COMMON, "addr", NULL};
	static const char *const nonce[] = {OPT_COMMON, "home_nonce_index", "careof_nonce_index", NULL};
	static const char *const mnp[] = {OPT_COMMON, "prefix_len", "prefix", "reserved", NULL};
	static const char *const mnid[] = {OPT_COMMON, "subtype", "id", "id_hex", NULL};
	static const char *const mnauth[] = {OPT_COMMON, "subtype", "spi", "auth", NULL};
	static const char *const mesgid[] = {OPT_COMMON, "timestamp", NULL};
	static const char *const bid[] = {OPT_COMMON,  "bid", "status",  "flags",
	                                  "flags_raw", "coa", "coa_hex", NULL};
	switch (type) {
	case MIP6_OPT_PAD1:
		return pad1;
	case MIP6_OPT_BRA:
		return bra;
	case MIP6_OPT_ALTCOA:
		return altcoa;
	case MIP6_OPT_NONCE:
		return nonce;
	case MIP6_OPT_MNP:
		return mnp;
	case MIP6_OPT_MNID:
		return mnid;
	case MIP6_OPT_MNAUTH:
		return mnauth;
	case MIP6_OPT_MESGID:
		return mesgid;
	case MIP6_OPT_BID:
		return bid;
	default:
		return data; /* PadN, Binding Authorization Data, unknown */
	}
}

static int u16(tool_jin_t *c, json_t *o, const char *k, bool req, uint16_t *out)
{
	unsigned long long v;
	int r = tool_jin_uint(c, o, k, req, 0xffff, &v);
	if (r > 0)
		*out = (uint16_t)v;
	return r;
}

static int u8(tool_jin_t *c, json_t *o, const char *k, bool req, uint8_t *out)
{
	unsigned long long v;
	int r = tool_jin_uint(c, o, k, req, 0xff, &v);
	if (r > 0)
		*out = (uint8_t)v;
	return r;
}

/* Seconds on input, units of 4 seconds on the wire (RFC 6275 6.1.7). */
static int seconds4(tool_jin_t *c, json_t *o, const char *k, uint16_t *out)
{
	unsigned long long v;
	int r = tool_jin_uint(c, o, k, false, 0xffffull * 4, &v);
	if (r <= 0)
		return r;
	if (v % 4) {
		size_t old = tool_jin_push(c, k);
		tool_jin_err(c, "%llu is not a multiple of 4 seconds (the wire counts units of 4 s)", v);
		tool_jin_pop(c, old);
		return -1;
	}
	*out = (uint16_t)(v / 4);
	return 1;
}

/* Variable option data: hex bytes (no more than the option holds). */
static int var_data(tool_jin_t *c, json_t *o, const char *k, size_t max, const uint8_t **p, size_t *n)
{
	return tool_jin_hexv(c, o, k, false, p, n, max);
}

static int set_len(tool_jin_t *c, json_t *j, mip6_mhopt_t *o, size_t natural)
{
	unsigned long long len;
	int r = tool_jin_uint(c, j, "len", false, 255, &len);
	if (r < 0)
		return -1;
	if (r > 0)
		o->len = (uint8_t)len;
	else if (natural > 255)
		return tool_jin_err(c, "option data of %zu bytes exceeds the 255 an option holds", natural);
	else
		o->len = (uint8_t)natural;
	return 0;
}

static int mh_option(tool_jin_t *c, json_t *j, mip6_mhopt_t *o)
{
	if (!json_is_object(j))
		return tool_jin_err(c, "expected an option object");
	if (tool_jin_type(c, j, "type", true, mip6_mhopt_name, &o->type) < 0)
		return -1;
	if (tool_jin_keys(c, j, opt_keys(o->type)) < 0)
		return -1;
	const uint8_t *d = NULL;
	size_t n = 0;
	unsigned flags = 0;
	switch (o->type) {
	case MIP6_OPT_PAD1:
		return 0;
	case MIP6_OPT_BRA:
		if (seconds4(c, j, "refresh", &o->u.refresh) < 0)
			return -1;
		return set_len(c, j, o, 0);
	case MIP6_OPT_ALTCOA:
		if (tool_jin_addr(c, j, "addr", true, &o->u.altcoa) < 0)
			return -1;
		return set_len(c, j, o, 0);
	case MIP6_OPT_NONCE:
		if (u16(c, j, "home_nonce_index", false, &o->u.nonce.home) < 0 ||
		    u16(c, j, "careof_nonce_index", false, &o->u.nonce.careof) < 0)
			return -1;
		return set_len(c, j, o, 0);
	case MIP6_OPT_MNP:
		if (u8(c, j, "prefix_len", false, &o->u.mnp.plen) < 0 ||
		    tool_jin_addr(c, j, "prefix", true, &o->u.mnp.prefix) < 0 ||
		    u8(c, j, "reserved", false, &o->u.mnp.reserved) < 0)
			return -1;
		return set_len(c, j, o, 0);
	case MIP6_OPT_MNID: {
		if (u8(c, j, "subtype", false, &o->u.mnid.subtype) < 0)
			return -1;
		json_t *id = json_object_get(j, "id");
		if (id && json_object_get(j, "id_hex"))
			return tool_jin_err(c, "give either id or id_hex, not both");
		if (id) {
			if (!json_is_string(id))
				return tool_jin_err(c, "id: expected a string");
			n = json_string_length(id);
			if (n > 254 || n > c->arena_cap - c->arena_used)
				return tool_jin_err(c, "id: longer than the 254 bytes an option holds");
			uint8_t *at = c->arena + c->arena_used;
			memcpy(at, json_string_value(id), n);
			c->arena_used += n;
			d = at;
		} else if (var_data(c, j, "id_hex", 254, &d, &n) < 0) {
			return -1;
		}
		o->u.mnid.id = d;
		return set_len(c, j, o, 1 + n);
	}
	case MIP6_OPT_MNAUTH: {
		unsigned long long spi = 0;
		if (u8(c, j, "subtype", false, &o->u.mnauth.subtype) < 0 ||
		    tool_jin_uint(c, j, "spi", false, 0xffffffffull, &spi) < 0 ||
		    var_data(c, j, "auth", 250, &d, &n) < 0)
			return -1;
		o->u.mnauth.spi = (uint32_t)spi;
		o->u.mnauth.auth = d;
		return set_len(c, j, o, 5 + n);
	}
	case MIP6_OPT_MESGID: {
		uint8_t ts[8] = {0};
		if (tool_jin_hexn(c, j, "timestamp", false, ts, 8) < 0)
			return -1;
		for (int i = 0; i < 8; i++)
			o->u.timestamp = o->u.timestamp << 8 | ts[i];
		return set_len(c, j, o, 0);
	}
	case MIP6_OPT_BID: {
		if (u16(c, j, "bid", false, &o->u.bid.bid) < 0 ||
		    u8(c, j, "status", false, &o->u.bid.status) < 0 ||
		    tool_jin_flags(c, j, &tool_bid_flags, 0xff, &flags) < 0)
			return -1;
		o->u.bid.flags = (uint8_t)flags;
		json_t *coa = json_object_get(j, "coa");
		if (coa && json_object_get(j, "coa_hex"))
			return tool_jin_err(c, "give either coa or coa_hex, not both");
		if (coa) {
			const char *s = json_is_string(coa) ? json_string_value(coa) : NULL;
			mip6_addr_t a;
			if (s && tool_unipv4(s, o->u.bid.coa) == 0) {
				o->u.bid.coa_len = 4;
			} else if (s && mip6_addr_pton(s, &a) == 0) {
				memcpy(o->u.bid.coa, a.b, 16);
				o->u.bid.coa_len = 16;
			} else {
				return tool_jin_err(c, "coa: expected an IPv6 or IPv4 address");
			}
		} else if (json_object_get(j, "coa_hex")) {
			if (var_data(c, j, "coa_hex", 16, &d, &n) < 0)
				return -1;
			memcpy(o->u.bid.coa, d, n);
			o->u.bid.coa_len = (uint8_t)n;
		}
		return set_len(c, j, o, 0);
	}
	default: /* PadN, Binding Authorization Data, unknown types */
		if (var_data(c, j, "data", 255, &d, &n) < 0)
			return -1;
		o->u.data = d;
		if (set_len(c, j, o, o->type == MIP6_OPT_AUTH && !d ? MIP6_AUTH_DATA_LEN : n) < 0)
			return -1;
		if (d && n < o->len) {
			/* Shorter data than len: the rest is written as zeros. */
			uint8_t *at = c->arena + c->arena_used;
			if (o->len > c->arena_cap - c->arena_used)
				return tool_jin_err(c, "out of room for option data");
			memcpy(at, d, n);
			memset(at + n, 0, o->len - n);
			c->arena_used += o->len;
			o->u.data = at;
		} else if (d && n > o->len) {
			return tool_jin_err(c, "data holds %zu bytes, more than len %u", n, o->len);
		}
		return 0;
	}
}

int tool_craft_mh(tool_jin_t *c, json_t *o, mip6_mh_t *m, unsigned *eflags)
{
	uint8_t type = 0;
	if (tool_jin_type(c, o, "type", true, mip6_mh_type_name, &type) < 0)
		return -1;
	mip6_mh_init(m, type);
	if (tool_jin_keys(c, o, mh_keys(type)) < 0)
		return -1;

	int r;
	if (u8(c, o, "proto", false, &m->proto) < 0 || u8(c, o, "reserved", false, &m->reserved) < 0)
		return -1;
	if ((r = u8(c, o, "hlen", false, &m->hdr_len)) < 0)
		return -1;
	if (r > 0)
		*eflags |= MIP6_EMIT_KEEP_HLEN;
	if ((r = u16(c, o, "checksum", false, &m->checksum)) < 0)
		return -1;
	if (r > 0)
		*eflags |= MIP6_EMIT_KEEP_CKSUM;

	unsigned flags = 0;
	const uint8_t *d;
	size_t n;
	switch (type) {
	case MIP6_MH_BRR:
		if (u16(c, o, "reserved2", false, &m->u.brr.reserved) < 0)
			return -1;
		break;
	case MIP6_MH_HOTI:
	case MIP6_MH_COTI:
		if (u16(c, o, "reserved2", false, &m->u.init.reserved) < 0 ||
		    tool_jin_hexn(c, o, "cookie", false, m->u.init.cookie, 8) < 0)
			return -1;
		break;
	case MIP6_MH_HOT:
	case MIP6_MH_COT:
		if (u16(c, o, "nonce_index", false, &m->u.test.nonce_index) < 0 ||
		    tool_jin_hexn(c, o, "cookie", false, m->u.test.cookie, 8) < 0 ||
		    tool_jin_hexn(c, o, "keygen_token", false, m->u.test.keygen, 8) < 0)
			return -1;
		break;
	case MIP6_MH_BU:
		if (u16(c, o, "seq", false, &m->u.bu.seq) < 0 ||
		    tool_jin_flags(c, o, &tool_bu_flags, 0xffff, &flags) < 0 ||
		    seconds4(c, o, "lifetime", &m->u.bu.lifetime) < 0)
			return -1;
		m->u.bu.flags = (uint16_t)flags;
		break;
	case MIP6_MH_BA:
		if (u8(c, o, "status", false, &m->u.ba.status) < 0 ||
		    tool_jin_flags(c, o, &tool_ba_flags, 0xff, &flags) < 0 ||
		    u16(c, o, "seq", false, &m->u.ba.seq) < 0 ||
		    seconds4(c, o, "lifetime", &m->u.ba.lifetime) < 0)
			return -1;
		m->u.ba.flags = (uint8_t)flags;
		break;
	case MIP6_MH_BE:
		if (u8(c, o, "status", false, &m->u.be.status) < 0 ||
		    u8(c, o, "reserved2", false, &m->u.be.reserved) < 0 ||
		    tool_jin_addr(c, o, "home_addr", false, &m->u.be.home) < 0)
			return -1;
		break;
	default:
		if (tool_jin_hexv(c, o, "body", false, &d, &n, MIP6_MH_MAX_LEN - 6) < 0)
			return -1;
		if (json_object_get(o, "body")) {
			m->body = d;
			m->body_len = (unsigned)n;
		}
		break;
	}

	json_t *opts = json_object_get(o, "options");
	if (opts && !json_is_null(opts)) {
		size_t old = tool_jin_push(c, "options");
		if (!json_is_array(opts))
			return tool_jin_err(c, "expected an array of options");
		if (json_array_size(opts) > MIP6_MH_MAX_OPTS)
			return tool_jin_err(c, "%zu options, at most %d", json_array_size(opts),
			                    MIP6_MH_MAX_OPTS);
		size_t i;
		json_t *j;
		json_array_foreach(opts, i, j)
		{
			size_t o2 = tool_jin_push_index(c, i);
			mip6_mhopt_t *opt = mip6_mh_add_opt(m, 0);
			if (mh_option(c, j, opt) < 0)
				return -1;
			/* Pads listed by hand (or by decode) are kept as they are;
			 * without any, emit() aligns each option itself. */
			if (opt->type == MIP6_OPT_PAD1 || opt->type == MIP6_OPT_PADN)
				m->explicit_padding = true;
			tool_jin_pop(c, o2);
		}
		tool_jin_pop(c, old);
	}
	/* "align": true pads each option to its rule even among listed pads;
	 * false writes the options exactly as listed. */
	bool align = true;
	int ra = tool_jin_bool(c, o, "align", &align);
	if (ra < 0)
		return -1;
	if (ra > 0)
		m->explicit_padding = !align;
	return 0;
}
