/* SPDX-License-Identifier: BSD-3-Clause */
/* decode --json: the "mh" object (RFC 6275 6.1) and its mobility options. */
#include "json_w.h"
#include "mip6/mh.h"

static json_t *mh_option(const tool_view_t *v, const mip6_mhopt_t *o)
{
	json_t *j = json_object();
	set_int(j, "type", o->type);
	set_str(j, "name", mip6_mhopt_name(o->type));
	if (o->type == MIP6_OPT_PAD1)
		return j;
	set_int(j, "len", o->len);
	switch (o->type) {
	case MIP6_OPT_PADN: {
		const uint8_t *d = tool_view_bytes(v, o->u.data, o->len);
		if (d && !all_zero(d, o->len))
			set_hex(j, "data", d, o->len);
		break;
	}
	case MIP6_OPT_BRA:
		set_int(j, "refresh", (long long)o->u.refresh * 4);
		break;
	case MIP6_OPT_ALTCOA:
		set_addr(j, "addr", &o->u.altcoa);
		break;
	case MIP6_OPT_NONCE:
		set_int(j, "home_nonce_index", o->u.nonce.home);
		set_int(j, "careof_nonce_index", o->u.nonce.careof);
		break;
	case MIP6_OPT_MNP:
		set_int(j, "prefix_len", o->u.mnp.plen);
		set_addr(j, "prefix", &o->u.mnp.prefix);
		if (o->u.mnp.reserved)
			set_int(j, "reserved", o->u.mnp.reserved);
		break;
	case MIP6_OPT_MNID: {
		set_int(j, "subtype", o->u.mnid.subtype);
		size_t n = o->len ? o->len - 1u : 0;
		const uint8_t *d = tool_view_bytes(v, o->u.mnid.id, n);
		if (d && printable(d, n)) {
			char s[256];
			memcpy(s, d, n);
			s[n] = '\0';
			set_str(j, "id", s);
		} else if (d) {
			set_hex(j, "id_hex", d, n);
		}
		break;
	}
	case MIP6_OPT_MNAUTH:
		set_int(j, "subtype", o->u.mnauth.subtype);
		set_int(j, "spi", o->u.mnauth.spi);
		if (o->len >= 5)
			set_data(j, "auth", v, o->u.mnauth.auth, o->len - 5u);
		break;
	case MIP6_OPT_MESGID: {
		uint8_t ts[8];
		for (int i = 0; i < 8; i++)
			ts[i] = (uint8_t)(o->u.timestamp >> (56 - 8 * i));
		set_hex(j, "timestamp", ts, 8);
		break;
	}
	case MIP6_OPT_BID: {
		set_int(j, "bid", o->u.bid.bid);
		set_int(j, "status", o->u.bid.status);
		set_flags(j, &tool_bid_flags, o->u.bid.flags);
		char buf[MIP6_ADDR_STRLEN];
		if (o->u.bid.coa_len == 16) {
			mip6_addr_t a;
			memcpy(a.b, o->u.bid.coa, 16);
			set_str(j, "coa", mip6_addr_ntop(&a, buf));
		} else if (o->u.bid.coa_len == 4) {
			set_str(j, "coa", tool_ipv4(o->u.bid.coa, buf));
		} else if (o->u.bid.coa_len > 0 && o->u.bid.coa_len <= 16) {
			set_hex(j, "coa_hex", o->u.bid.coa, o->u.bid.coa_len);
		}
		break;
	}
	default: /* Binding Authorization Data and unknown options */
		set_data(j, "data", v, o->u.data, o->len);
		break;
	}
	return j;
}

json_t *tool_json_mh(const tool_view_t *v)
{
	json_t *j = json_object();
	if (!v->ul_ok) {
		/* The parse failed: only the common header, from the bytes. */
		const uint8_t *p = v->ul;
		size_t n = p ? v->ul_len : 0;
		if (n >= 3) {
			set_int(j, "type", p[2]);
			set_str(j, "type_name", mip6_mh_type_name(p[2]));
		}
		if (n >= 1)
			set_int(j, "proto", p[0]);
		if (n >= 2)
			set_int(j, "hlen", p[1]);
		if (n >= 4 && p[3])
			set_int(j, "reserved", p[3]);
		if (n >= 6)
			set_int(j, "checksum", p[4] << 8 | p[5]);
		return j;
	}
	const mip6_mh_t *m = &v->pkt->mh;
	set_int(j, "type", m->type);
	set_str(j, "type_name", mip6_mh_type_name(m->type));
	set_int(j, "proto", m->proto);
	set_int(j, "hlen", m->hdr_len);
	if (m->reserved)
		set_int(j, "reserved", m->reserved);
	set_int(j, "checksum", m->checksum);
	set_cksum_ok(j, m->cksum_ok);

	switch (m->type) {
	case MIP6_MH_BRR:
		if (m->u.brr.reserved)
			set_int(j, "reserved2", m->u.brr.reserved);
		break;
	case MIP6_MH_HOTI:
	case MIP6_MH_COTI:
		if (m->u.init.reserved)
			set_int(j, "reserved2", m->u.init.reserved);
		set_hex(j, "cookie", m->u.init.cookie, 8);
		break;
	case MIP6_MH_HOT:
	case MIP6_MH_COT:
		set_int(j, "nonce_index", m->u.test.nonce_index);
		set_hex(j, "cookie", m->u.test.cookie, 8);
		set_hex(j, "keygen_token", m->u.test.keygen, 8);
		break;
	case MIP6_MH_BU:
		set_int(j, "seq", m->u.bu.seq);
		set_flags(j, &tool_bu_flags, m->u.bu.flags);
		set_int(j, "lifetime", (long long)m->u.bu.lifetime * 4);
		break;
	case MIP6_MH_BA:
		set_int(j, "status", m->u.ba.status);
		set_str(j, "status_name", mip6_ba_status_name(m->u.ba.status));
		set_flags(j, &tool_ba_flags, m->u.ba.flags);
		set_int(j, "seq", m->u.ba.seq);
		set_int(j, "lifetime", (long long)m->u.ba.lifetime * 4);
		break;
	case MIP6_MH_BE:
		set_int(j, "status", m->u.be.status);
		set_str(j, "status_name", tool_be_status_name(m->u.be.status));
		if (m->u.be.reserved)
			set_int(j, "reserved2", m->u.be.reserved);
		set_addr(j, "home_addr", &m->u.be.home);
		break;
	default:
		set_data(j, "body", v, m->body, m->body_len);
		break;
	}
	json_t *opts = json_array();
	for (unsigned i = 0; i < m->nopts && i < MIP6_MH_MAX_OPTS; i++)
		json_array_append_new(opts, mh_option(v, &m->opts[i]));
	set(j, "options", opts);
	return j;
}
