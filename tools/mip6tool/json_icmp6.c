/* SPDX-License-Identifier: BSD-3-Clause */
/* decode --json: the "icmp6" object and its Neighbor Discovery options. */
#include "json_w.h"

static json_t *nd_option(const tool_view_t *v, const mip6_nd_opt_t *o)
{
	json_t *j = json_object();
	set_int(j, "type", o->type);
	set_str(j, "name", mip6_nd_opt_name(o->type));
	set_int(j, "len", o->len);
	switch (o->type) {
	case MIP6_ND_OPT_SLLA:
	case MIP6_ND_OPT_TLLA:
		if (o->u.lla.len > 0 && o->u.lla.len <= MIP6_LLA_MAX) {
			char buf[3 * MIP6_LLA_MAX + 1];
			set_str(j, "lladdr", tool_lla(o->u.lla.addr, o->u.lla.len, buf));
		} else if (o->len > 0) {
			set_data(j, "data", v, o->raw, o->len * 8u - 2u);
		}
		break;
	case MIP6_ND_OPT_PREFIX:
		set_int(j, "prefix_len", o->u.prefix.plen);
		set_flags(j, &tool_pi_flags, o->u.prefix.flags);
		set_int(j, "valid", o->u.prefix.valid);
		set_int(j, "preferred", o->u.prefix.preferred);
		set_addr(j, "prefix", &o->u.prefix.prefix);
		if (o->reserved)
			set_int(j, "reserved", o->reserved);
		break;
	case MIP6_ND_OPT_MTU:
		set_int(j, "mtu", o->u.mtu);
		if (o->reserved)
			set_int(j, "reserved", o->reserved);
		break;
	case MIP6_ND_OPT_ADV_INTERVAL:
		set_int(j, "interval_ms", o->u.adv_interval_ms);
		if (o->reserved)
			set_int(j, "reserved", o->reserved);
		break;
	case MIP6_ND_OPT_HA_INFO: {
		static const struct tool_flag r[] = {{"R", MIP6_HAI_F_R}};
		static const struct tool_flagset rs = {r, 1};
		set_flags(j, &rs, o->reserved);
		set_int(j, "preference", o->u.ha_info.pref);
		set_int(j, "lifetime", o->u.ha_info.lifetime);
		break;
	}
	default:
		if (o->len > 0)
			set_data(j, "data", v, o->u.data, o->len * 8u - 2u);
		break;
	}
	return j;
}

json_t *tool_json_icmp6(const tool_view_t *v)
{
	json_t *j = json_object();
	if (!v->ul_ok) {
		const uint8_t *p = v->ul;
		size_t n = p ? v->ul_len : 0;
		if (n >= 1) {
			set_int(j, "type", p[0]);
			set_str(j, "type_name", mip6_icmp6_type_name(p[0]));
		}
		if (n >= 2)
			set_int(j, "code", p[1]);
		if (n >= 4)
			set_int(j, "checksum", p[2] << 8 | p[3]);
		return j;
	}
	const mip6_icmp6_t *m = &v->pkt->icmp6;
	static const struct tool_flag rf[] = {{"R", MIP6_DHAAD_F_R}};
	static const struct tool_flagset dhaad_flags = {rf, 1};
	set_int(j, "type", m->type);
	set_str(j, "type_name", mip6_icmp6_type_name(m->type));
	set_int(j, "code", m->code);
	set_int(j, "checksum", m->checksum);
	set_cksum_ok(j, m->cksum_ok);
	switch (m->type) {
	case MIP6_ICMP6_DST_UNREACH:
	case MIP6_ICMP6_PKT_TOO_BIG:
	case MIP6_ICMP6_TIME_EXCEEDED:
	case MIP6_ICMP6_PARAM_PROB:
		set_int(j, "param", m->u.err.param);
		break;
	case MIP6_ICMP6_ECHO_REQUEST:
	case MIP6_ICMP6_ECHO_REPLY:
		set_int(j, "id", m->u.echo.id);
		set_int(j, "seq", m->u.echo.seq);
		break;
	case MIP6_ICMP6_RS:
		if (m->u.rs.reserved)
			set_int(j, "reserved", m->u.rs.reserved);
		break;
	case MIP6_ICMP6_RA:
		set_int(j, "hop_limit", m->u.ra.hop_limit);
		set_flags(j, &tool_ra_flags, m->u.ra.flags);
		set_int(j, "router_lifetime", m->u.ra.lifetime);
		set_int(j, "reachable", m->u.ra.reachable);
		set_int(j, "retrans", m->u.ra.retrans);
		break;
	case MIP6_ICMP6_NS:
	case MIP6_ICMP6_NA:
		if (m->type == MIP6_ICMP6_NA)
			set_flags(j, &tool_na_flags, m->u.nd.flags);
		set_addr(j, "target", &m->u.nd.target);
		if (m->u.nd.reserved)
			set_int(j, "reserved", m->u.nd.reserved);
		break;
	case MIP6_ICMP6_DHAAD_REQUEST:
		set_int(j, "id", m->u.dhaad_req.id);
		set_flags(j, &dhaad_flags, m->u.dhaad_req.flags);
		break;
	case MIP6_ICMP6_DHAAD_REPLY: {
		set_int(j, "id", m->u.dhaad_rep.id);
		set_flags(j, &dhaad_flags, m->u.dhaad_rep.flags);
		json_t *a = json_array();
		for (unsigned i = 0; i < m->u.dhaad_rep.naddrs && i < MIP6_DHAAD_MAX_ADDRS; i++) {
			char buf[MIP6_ADDR_STRLEN];
			json_array_append_new(a, json_string(mip6_addr_ntop(&m->u.dhaad_rep.addrs[i], buf)));
		}
		set(j, "addrs", a);
		break;
	}
	case MIP6_ICMP6_MPS:
		set_int(j, "id", m->u.mps.id);
		if (m->u.mps.reserved)
			set_int(j, "reserved", m->u.mps.reserved);
		break;
	case MIP6_ICMP6_MPA:
		set_int(j, "id", m->u.mpa.id);
		set_flags(j, &tool_mpa_flags, m->u.mpa.flags);
		break;
	default:
		break;
	}
	if (m->nopts > 0) {
		json_t *opts = json_array();
		for (unsigned i = 0; i < m->nopts && i < MIP6_ND_MAX_OPTS; i++)
			json_array_append_new(opts, nd_option(v, &m->opts[i]));
		set(j, "options", opts);
	}
	if (m->body_len)
		set_data(j, "body", v, m->body, m->body_len);
	return j;
}
