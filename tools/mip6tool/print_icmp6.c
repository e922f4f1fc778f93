/* SPDX-License-Identifier: BSD-3-Clause */
/* decode, text: an ICMPv6 message and, with -v, its ND options. */
#include "print_line.h"

static void nd_option(line_t *l, const mip6_nd_opt_t *o)
{
	const char *name = mip6_nd_opt_name(o->type);
	if (name)
		add(l, "(%s", name);
	else
		add(l, "(type %u len %u", o->type, o->len);
	switch (o->type) {
	case MIP6_ND_OPT_SLLA:
	case MIP6_ND_OPT_TLLA:
		if (o->u.lla.len > 0 && o->u.lla.len <= MIP6_LLA_MAX) {
			char buf[3 * MIP6_LLA_MAX + 1];
			add(l, " %s", tool_lla(o->u.lla.addr, o->u.lla.len, buf));
		}
		break;
	case MIP6_ND_OPT_PREFIX:
		add(l, " ");
		add_addr(l, &o->u.prefix.prefix);
		add(l, "/%u", o->u.prefix.plen);
		add_flags(l, &tool_pi_flags, o->u.prefix.flags);
		add(l, " valid %u preferred %u", o->u.prefix.valid, o->u.prefix.preferred);
		break;
	case MIP6_ND_OPT_MTU:
		add(l, " %u", o->u.mtu);
		break;
	case MIP6_ND_OPT_ADV_INTERVAL:
		add(l, " %ums", o->u.adv_interval_ms);
		break;
	case MIP6_ND_OPT_HA_INFO:
		add(l, " pref %d lifetime %us%s", o->u.ha_info.pref, o->u.ha_info.lifetime,
		    (o->reserved & MIP6_HAI_F_R) ? " R" : "");
		break;
	default:
		break;
	}
	add(l, ")");
}

void tool_print_icmp6(line_t *l, const tool_view_t *v, bool verbose)
{
	if (!v->ul_ok) {
		const char *tn = v->ul && v->ul_len >= 1 ? mip6_icmp6_type_name(v->ul[0]) : NULL;
		if (tn)
			add(l, "ICMP6 %s", tn);
		else if (v->ul && v->ul_len >= 1)
			add(l, "ICMP6 type %u", v->ul[0]);
		else
			add(l, "ICMP6");
		return;
	}
	const mip6_icmp6_t *m = &v->pkt->icmp6;
	const char *tn = mip6_icmp6_type_name(m->type);
	if (tn)
		add(l, "ICMP6 %s", tn);
	else
		add(l, "ICMP6 type %u", m->type);
	if (m->code)
		add(l, " code %u", m->code);
	char buf[MIP6_ADDR_STRLEN];
	switch (m->type) {
	case MIP6_ICMP6_ECHO_REQUEST:
	case MIP6_ICMP6_ECHO_REPLY:
		add(l, " id %u seq %u", m->u.echo.id, m->u.echo.seq);
		break;
	case MIP6_ICMP6_PKT_TOO_BIG:
		add(l, " mtu %u", m->u.err.param);
		break;
	case MIP6_ICMP6_PARAM_PROB:
		add(l, " pointer %u", m->u.err.param);
		break;
	case MIP6_ICMP6_RA:
		add(l, " hlim %u", m->u.ra.hop_limit);
		add_flags(l, &tool_ra_flags, m->u.ra.flags);
		add(l, " lifetime %us", m->u.ra.lifetime);
		break;
	case MIP6_ICMP6_NS:
		add(l, " who-has %s", mip6_addr_ntop(&m->u.nd.target, buf));
		break;
	case MIP6_ICMP6_NA:
		add(l, " tgt %s", mip6_addr_ntop(&m->u.nd.target, buf));
		add_flags(l, &tool_na_flags, m->u.nd.flags);
		break;
	case MIP6_ICMP6_DHAAD_REQUEST:
		add(l, " id %u%s", m->u.dhaad_req.id, (m->u.dhaad_req.flags & MIP6_DHAAD_F_R) ? " R" : "");
		break;
	case MIP6_ICMP6_DHAAD_REPLY:
		add(l, " id %u%s", m->u.dhaad_rep.id, (m->u.dhaad_rep.flags & MIP6_DHAAD_F_R) ? " R" : "");
		for (unsigned i = 0; i < m->u.dhaad_rep.naddrs && i < MIP6_DHAAD_MAX_ADDRS; i++)
			add(l, "%s%s", i ? ", " : " ha ", mip6_addr_ntop(&m->u.dhaad_rep.addrs[i], buf));
		break;
	case MIP6_ICMP6_MPS:
		add(l, " id %u", m->u.mps.id);
		break;
	case MIP6_ICMP6_MPA:
		add(l, " id %u", m->u.mpa.id);
		add_flags(l, &tool_mpa_flags, m->u.mpa.flags);
		break;
	default:
		break;
	}
	bool mpa_prefix = m->type == MIP6_ICMP6_MPA;
	if (verbose || mpa_prefix) {
		for (unsigned i = 0; i < m->nopts && i < MIP6_ND_MAX_OPTS; i++) {
			add(l, i ? "" : " ");
			nd_option(l, &m->opts[i]);
		}
	}
	if (verbose)
		add(l, " [cksum 0x%04x%s]", m->checksum,
		    m->cksum_ok == 1   ? " ok"
		    : m->cksum_ok == 0 ? " bad"
		                       : "");
}
