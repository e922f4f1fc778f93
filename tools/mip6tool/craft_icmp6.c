/* SPDX-License-Identifier: BSD-3-Clause */
/* craft: an ICMPv6 record from the "icmp6" object of decode --json. */
#include <stdint.h>
#include <string.h>

#include "tool.h"

#define IC_COMMON "type", "type_name", "code", "checksum", "checksum_ok", "body"

static const char *const *icmp6_keys(uint8_t type)
{
	static const char *const err[] = {IC_COMMON, "param", NULL};
	static const char *const echo[] = {IC_COMMON, "id", "seq", NULL};
	static const char *const rs[] = {IC_COMMON, "reserved", "options", NULL};
	static const char *const ra[] = {IC_COMMON,   "hop_limit", "flags",   "flags_raw", "router_lifetime",
	                                 "reachable", "retrans",   "options", NULL};
	static const char *const ns[] = {IC_COMMON, "target", "reserved", "options", NULL};
	static const char *const na[] = {IC_COMMON,  "flags",   "flags_raw", "target",
	                                 "reserved", "options", NULL};
	static const char *const dreq[] = {IC_COMMON, "id", "flags", "flags_raw", NULL};
	static const char *const drep[] = {IC_COMMON, "id", "flags", "flags_raw", "addrs", NULL};
	static const char *const mps[] = {IC_COMMON, "id", "reserved", NULL};
	static const char *const mpa[] = {IC_COMMON, "id", "flags", "flags_raw", "options", NULL};
	static const char *const other[] = {IC_COMMON, NULL};
	switch (type) {
	case MIP6_ICMP6_DST_UNREACH:
	case MIP6_ICMP6_PKT_TOO_BIG:
	case MIP6_ICMP6_TIME_EXCEEDED:
	case MIP6_ICMP6_PARAM_PROB:
		return err;
	case MIP6_ICMP6_ECHO_REQUEST:
	case MIP6_ICMP6_ECHO_REPLY:
		return echo;
	case MIP6_ICMP6_RS:
		return rs;
	case MIP6_ICMP6_RA:
		return ra;
	case MIP6_ICMP6_NS:
		return ns;
	case MIP6_ICMP6_NA:
		return na;
	case MIP6_ICMP6_DHAAD_REQUEST:
		return dreq;
	case MIP6_ICMP6_DHAAD_REPLY:
		return drep;
	case MIP6_ICMP6_MPS:
		return mps;
	case MIP6_ICMP6_MPA:
		return mpa;
	default:
		return other;
	}
}

static const char *const *opt_keys(uint8_t type)
{
	static const char *const lla[] = {"type", "name", "len", "lladdr", "data", NULL};
	static const char *const pi[] = {"type",  "name",      "len",    "prefix_len", "flags", "flags_raw",
	                                 "valid", "preferred", "prefix", "reserved",   NULL};
	static const char *const mtu[] = {"type", "name", "len", "mtu", "reserved", NULL};
	static const char *const adv[] = {"type", "name", "len", "interval_ms", "reserved", NULL};
	static const char *const hai[] = {"type",      "name",       "len",      "flags",
	                                  "flags_raw", "preference", "lifetime", NULL};
	static const char *const other[] = {"type", "name", "len", "data", NULL};
	switch (type) {
	case MIP6_ND_OPT_SLLA:
	case MIP6_ND_OPT_TLLA:
		return lla;
	case MIP6_ND_OPT_PREFIX:
		return pi;
	case MIP6_ND_OPT_MTU:
		return mtu;
	case MIP6_ND_OPT_ADV_INTERVAL:
		return adv;
	case MIP6_ND_OPT_HA_INFO:
		return hai;
	default:
		return other;
	}
}

static const struct tool_flag r_flag[] = {{"R", 0x8000u}};
static const struct tool_flagset r_flags = {r_flag, 1}; /* DHAAD and HA information (RFC 3963) */

static int u32(tool_jin_t *c, json_t *o, const char *k, unsigned long long max, uint32_t *out)
{
	unsigned long long v;
	int r = tool_jin_uint(c, o, k, false, max, &v);
	if (r > 0)
		*out = (uint32_t)v;
	return r;
}

static int u16(tool_jin_t *c, json_t *o, const char *k, uint16_t *out)
{
	uint32_t v;
	int r = u32(c, o, k, 0xffff, &v);
	if (r > 0)
		*out = (uint16_t)v;
	return r;
}

static int u8(tool_jin_t *c, json_t *o, const char *k, uint8_t *out)
{
	uint32_t v;
	int r = u32(c, o, k, 0xff, &v);
	if (r > 0)
		*out = (uint8_t)v;
	return r;
}

/* Raw option data, zero-filled to the option's length, since emit()
 * copies the whole option body from it. */
static int opt_data(tool_jin_t *c, json_t *j, mip6_nd_opt_t *o, const uint8_t **out)
{
	const uint8_t *d;
	size_t n;
	int r = tool_jin_hexv(c, j, "data", false, &d, &n, 255 * 8 - 2);
	if (r <= 0)
		return r;
	if (o->len == 0)
		o->len = (uint8_t)((2 + n + 7) / 8);
	size_t room = o->len * 8u - 2u;
	if (n > room)
		return tool_jin_err(c, "data: %zu bytes do not fit in len %u (%zu bytes)", n, o->len, room);
	/* d is the arena's latest allocation: extend it with zeros. */
	if (room - n > c->arena_cap - c->arena_used)
		return tool_jin_err(c, "out of room for option data");
	uint8_t *at = (uint8_t *)(uintptr_t)d;
	memset(at + n, 0, room - n);
	c->arena_used += room - n;
	*out = at;
	return 1;
}

static int nd_option(tool_jin_t *c, json_t *j, mip6_nd_opt_t *o)
{
	if (!json_is_object(j))
		return tool_jin_err(c, "expected an option object");
	if (tool_jin_type(c, j, "type", true, mip6_nd_opt_name, &o->type) < 0 ||
	    tool_jin_keys(c, j, opt_keys(o->type)) < 0 || u8(c, j, "len", &o->len) < 0)
		return -1;
	if (json_object_get(j, "len") && o->len == 0)
		return tool_jin_err(c, "len: 0 is not a valid ND option length (RFC 4861 4.6)");
	unsigned flags = 0;
	const uint8_t *d = NULL;
	switch (o->type) {
	case MIP6_ND_OPT_SLLA:
	case MIP6_ND_OPT_TLLA: {
		json_t *a = json_object_get(j, "lladdr");
		if (a && json_object_get(j, "data"))
			return tool_jin_err(c, "give either lladdr or data, not both");
		if (a) {
			long n = json_is_string(a)
			             ? tool_unlla(json_string_value(a), o->u.lla.addr, MIP6_LLA_MAX)
			             : -1;
			if (n <= 0)
				return tool_jin_err(c, "lladdr: expected up to %d bytes as aa:bb:cc:...",
				                    MIP6_LLA_MAX);
			o->u.lla.len = (uint8_t)n;
			return 0;
		}
		if (opt_data(c, j, o, &d) < 0)
			return -1;
		o->raw = d;
		return 0;
	}
	case MIP6_ND_OPT_PREFIX:
		if (u8(c, j, "prefix_len", &o->u.prefix.plen) < 0 ||
		    tool_jin_flags(c, j, &tool_pi_flags, 0xff, &flags) < 0 ||
		    u32(c, j, "valid", 0xffffffffull, &o->u.prefix.valid) < 0 ||
		    u32(c, j, "preferred", 0xffffffffull, &o->u.prefix.preferred) < 0 ||
		    tool_jin_addr(c, j, "prefix", true, &o->u.prefix.prefix) < 0 ||
		    u32(c, j, "reserved", 0xffffffffull, &o->reserved) < 0)
			return -1;
		o->u.prefix.flags = (uint8_t)flags;
		return 0;
	case MIP6_ND_OPT_MTU:
		return u32(c, j, "mtu", 0xffffffffull, &o->u.mtu) < 0 ||
		               u32(c, j, "reserved", 0xffff, &o->reserved) < 0
		           ? -1
		           : 0;
	case MIP6_ND_OPT_ADV_INTERVAL:
		return u32(c, j, "interval_ms", 0xffffffffull, &o->u.adv_interval_ms) < 0 ||
		               u32(c, j, "reserved", 0xffff, &o->reserved) < 0
		           ? -1
		           : 0;
	case MIP6_ND_OPT_HA_INFO: {
		if (tool_jin_flags(c, j, &r_flags, 0xffff, &flags) < 0 ||
		    u16(c, j, "lifetime", &o->u.ha_info.lifetime) < 0)
			return -1;
		o->reserved = flags;
		json_t *p = json_object_get(j, "preference");
		if (p) {
			/* RFC 6275 7.4: a signed 16-bit preference. */
			if (!json_is_integer(p) || json_integer_value(p) < -32768 ||
			    json_integer_value(p) > 32767)
				return tool_jin_err(c, "preference: expected an integer -32768..32767");
			o->u.ha_info.pref = (int16_t)json_integer_value(p);
		}
		return 0;
	}
	default:
		if (opt_data(c, j, o, &d) < 0)
			return -1;
		if (!d && o->len == 0)
			return tool_jin_err(c, "an option of unknown type needs len or data");
		o->u.data = d;
		return 0;
	}
}

static bool carries_opts(uint8_t type)
{
	return type == MIP6_ICMP6_RS || type == MIP6_ICMP6_RA || type == MIP6_ICMP6_NS ||
	       type == MIP6_ICMP6_NA || type == MIP6_ICMP6_MPA;
}

int tool_craft_icmp6(tool_jin_t *c, json_t *o, mip6_icmp6_t *m, unsigned *eflags)
{
	uint8_t type = 0;
	if (tool_jin_type(c, o, "type", true, mip6_icmp6_type_name, &type) < 0)
		return -1;
	mip6_icmp6_init(m, type);
	if (tool_jin_keys(c, o, icmp6_keys(type)) < 0 || u8(c, o, "code", &m->code) < 0)
		return -1;
	int r = u16(c, o, "checksum", &m->checksum);
	if (r < 0)
		return -1;
	if (r > 0)
		*eflags |= MIP6_EMIT_KEEP_CKSUM;

	unsigned flags = 0;
	switch (type) {
	case MIP6_ICMP6_DST_UNREACH:
	case MIP6_ICMP6_PKT_TOO_BIG:
	case MIP6_ICMP6_TIME_EXCEEDED:
	case MIP6_ICMP6_PARAM_PROB:
		if (u32(c, o, "param", 0xffffffffull, &m->u.err.param) < 0)
			return -1;
		break;
	case MIP6_ICMP6_ECHO_REQUEST:
	case MIP6_ICMP6_ECHO_REPLY:
		if (u16(c, o, "id", &m->u.echo.id) < 0 || u16(c, o, "seq", &m->u.echo.seq) < 0)
			return -1;
		break;
	case MIP6_ICMP6_RS:
		if (u32(c, o, "reserved", 0xffffffffull, &m->u.rs.reserved) < 0)
			return -1;
		break;
	case MIP6_ICMP6_RA:
		if (u8(c, o, "hop_limit", &m->u.ra.hop_limit) < 0 ||
		    tool_jin_flags(c, o, &tool_ra_flags, 0xff, &flags) < 0 ||
		    u16(c, o, "router_lifetime", &m->u.ra.lifetime) < 0 ||
		    u32(c, o, "reachable", 0xffffffffull, &m->u.ra.reachable) < 0 ||
		    u32(c, o, "retrans", 0xffffffffull, &m->u.ra.retrans) < 0)
			return -1;
		m->u.ra.flags = (uint8_t)flags;
		break;
	case MIP6_ICMP6_NS:
		if (tool_jin_addr(c, o, "target", true, &m->u.nd.target) < 0 ||
		    u32(c, o, "reserved", 0xffffffffull, &m->u.nd.reserved) < 0)
			return -1;
		break;
	case MIP6_ICMP6_NA:
		if (tool_jin_flags(c, o, &tool_na_flags, 0xff, &flags) < 0 ||
		    tool_jin_addr(c, o, "target", true, &m->u.nd.target) < 0 ||
		    u32(c, o, "reserved", 0xffffff, &m->u.nd.reserved) < 0)
			return -1;
		m->u.nd.flags = (uint8_t)flags;
		break;
	case MIP6_ICMP6_DHAAD_REQUEST:
		if (u16(c, o, "id", &m->u.dhaad_req.id) < 0 ||
		    tool_jin_flags(c, o, &r_flags, 0xffff, &flags) < 0)
			return -1;
		m->u.dhaad_req.flags = (uint16_t)flags;
		break;
	case MIP6_ICMP6_DHAAD_REPLY: {
		if (u16(c, o, "id", &m->u.dhaad_rep.id) < 0 ||
		    tool_jin_flags(c, o, &r_flags, 0xffff, &flags) < 0)
			return -1;
		m->u.dhaad_rep.flags = (uint16_t)flags;
		json_t *a = json_object_get(o, "addrs");
		if (a) {
			size_t old = tool_jin_push(c, "addrs");
			if (!json_is_array(a) || json_array_size(a) > MIP6_DHAAD_MAX_ADDRS)
				return tool_jin_err(c, "expected an array of at most %d addresses",
				                    MIP6_DHAAD_MAX_ADDRS);
			for (size_t i = 0; i < json_array_size(a); i++) {
				json_t *s = json_array_get(a, i);
				if (!json_is_string(s) ||
				    mip6_addr_pton(json_string_value(s), &m->u.dhaad_rep.addrs[i]) != 0) {
					tool_jin_push_index(c, i);
					return tool_jin_err(c, "not an IPv6 address");
				}
			}
			m->u.dhaad_rep.naddrs = (unsigned)json_array_size(a);
			tool_jin_pop(c, old);
		}
		break;
	}
	case MIP6_ICMP6_MPS:
		if (u16(c, o, "id", &m->u.mps.id) < 0 || u16(c, o, "reserved", &m->u.mps.reserved) < 0)
			return -1;
		break;
	case MIP6_ICMP6_MPA:
		if (u16(c, o, "id", &m->u.mpa.id) < 0 ||
		    tool_jin_flags(c, o, &tool_mpa_flags, 0xffff, &flags) < 0)
			return -1;
		m->u.mpa.flags = (uint16_t)flags;
		break;
	default:
		break;
	}

	json_t *opts = json_object_get(o, "options");
	if (opts && !json_is_null(opts) && carries_opts(type)) {
		size_t old = tool_jin_push(c, "options");
		if (!json_is_array(opts))
			return tool_jin_err(c, "expected an array of options");
		if (json_array_size(opts) > MIP6_ND_MAX_OPTS)
			return tool_jin_err(c, "%zu options, at most %d", json_array_size(opts),
			                    MIP6_ND_MAX_OPTS);
		size_t i;
		json_t *j;
		json_array_foreach(opts, i, j)
		{
			size_t o2 = tool_jin_push_index(c, i);
			if (nd_option(c, j, mip6_icmp6_add_opt(m, 0)) < 0)
				return -1;
			tool_jin_pop(c, o2);
		}
		tool_jin_pop(c, old);
	}

	const uint8_t *d;
	size_t n;
	if (tool_jin_hexv(c, o, "body", false, &d, &n, 65535) < 0)
		return -1;
	if (json_object_get(o, "body")) {
		m->body = d;
		m->body_len = (unsigned)n;
	}
	return 0;
}
