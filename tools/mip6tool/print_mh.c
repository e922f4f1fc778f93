/* SPDX-License-Identifier: BSD-3-Clause */
/* decode, text: a Mobility Header message and, with -v, its options. */
#include "mip6/mh.h"
#include "print_line.h"

static void mh_option(line_t *l, const tool_view_t *v, const mip6_mhopt_t *o)
{
	const char *name = mip6_mhopt_name(o->type);
	if (name)
		add(l, "(%s", name);
	else
		add(l, "(type %u", o->type);
	switch (o->type) {
	case MIP6_OPT_PAD1:
		break;
	case MIP6_OPT_PADN:
		add(l, " %u", o->len + 2u);
		break;
	case MIP6_OPT_BRA:
		add(l, " %us", o->u.refresh * 4u);
		break;
	case MIP6_OPT_ALTCOA:
		add(l, " ");
		add_addr(l, &o->u.altcoa);
		break;
	case MIP6_OPT_NONCE:
		add(l, " home %u care-of %u", o->u.nonce.home, o->u.nonce.careof);
		break;
	case MIP6_OPT_MNP:
		add(l, " ");
		add_addr(l, &o->u.mnp.prefix);
		add(l, "/%u", o->u.mnp.plen);
		break;
	case MIP6_OPT_MNID: {
		add(l, " subtype %u", o->u.mnid.subtype);
		size_t n = o->len ? o->len - 1u : 0;
		const uint8_t *d = tool_view_bytes(v, o->u.mnid.id, n);
		if (d) {
			bool text = n > 0;
			for (size_t i = 0; i < n; i++)
				text = text && d[i] >= 0x20 && d[i] <= 0x7e && d[i] != '"';
			if (text)
				add(l, " \"%.*s\"", (int)n, (const char *)d);
			else {
				add(l, " 0x");
				add_hex(l, d, n);
			}
		}
		break;
	}
	case MIP6_OPT_MNAUTH: {
		add(l, " subtype %u spi %u", o->u.mnauth.subtype, o->u.mnauth.spi);
		size_t n = o->len >= 5 ? o->len - 5u : 0;
		const uint8_t *d = tool_view_bytes(v, o->u.mnauth.auth, n);
		if (d && n) {
			add(l, " ");
			add_hex(l, d, n);
		}
		break;
	}
	case MIP6_OPT_MESGID:
		add(l, " %016llx", (unsigned long long)o->u.timestamp);
		break;
	case MIP6_OPT_BID: {
		add(l, " %u status %u", o->u.bid.bid, o->u.bid.status);
		add_flags(l, &tool_bid_flags, o->u.bid.flags);
		char buf[MIP6_ADDR_STRLEN];
		if (o->u.bid.coa_len == 16) {
			mip6_addr_t a;
			memcpy(a.b, o->u.bid.coa, 16);
			add(l, " coa %s", mip6_addr_ntop(&a, buf));
		} else if (o->u.bid.coa_len == 4) {
			add(l, " coa %s", tool_ipv4(o->u.bid.coa, buf));
		}
		break;
	}
	default: {
		const uint8_t *d = tool_view_bytes(v, o->u.data, o->len);
		add(l, " len %u", o->len);
		if (d && o->len) {
			add(l, " ");
			add_hex(l, d, o->len);
		}
		break;
	}
	}
	add(l, ")");
}

void tool_print_mh(line_t *l, const tool_view_t *v, bool verbose)
{
	if (!v->ul_ok) {
		const char *tn = v->ul && v->ul_len >= 3 ? mip6_mh_type_name(v->ul[2]) : NULL;
		if (tn)
			add(l, "%s", tn);
		else if (v->ul && v->ul_len >= 3)
			add(l, "MH type %u", v->ul[2]);
		else
			add(l, "MH");
		return;
	}
	const mip6_mh_t *m = &v->pkt->mh;
	const char *tn = mip6_mh_type_name(m->type);
	switch (m->type) {
	case MIP6_MH_BRR:
		add(l, "BRR");
		break;
	case MIP6_MH_HOTI:
	case MIP6_MH_COTI:
		add(l, "%s cookie ", tn);
		add_hex(l, m->u.init.cookie, 8);
		break;
	case MIP6_MH_HOT:
	case MIP6_MH_COT:
		add(l, "%s nonce-index %u cookie ", tn, m->u.test.nonce_index);
		add_hex(l, m->u.test.cookie, 8);
		add(l, " token ");
		add_hex(l, m->u.test.keygen, 8);
		break;
	case MIP6_MH_BU:
		add(l, "BU seq %u", m->u.bu.seq);
		add_flags(l, &tool_bu_flags, m->u.bu.flags);
		add(l, " lifetime %us", m->u.bu.lifetime * 4u);
		break;
	case MIP6_MH_BA: {
		const char *sn = mip6_ba_status_name(m->u.ba.status);
		add(l, "BA status %u (%s)", m->u.ba.status, sn ? sn : "unassigned");
		add_flags(l, &tool_ba_flags, m->u.ba.flags);
		add(l, " seq %u lifetime %us", m->u.ba.seq, m->u.ba.lifetime * 4u);
		break;
	}
	case MIP6_MH_BE: {
		const char *sn = tool_be_status_name(m->u.be.status);
		add(l, "BE status %u (%s) home ", m->u.be.status, sn ? sn : "unassigned");
		add_addr(l, &m->u.be.home);
		break;
	}
	default:
		add(l, "MH type %u len %u", m->type, (m->hdr_len + 1u) * 8u);
		break;
	}
	if (m->proto != MIP6_PROTO_NONE)
		add(l, " proto %u", m->proto);
	if (verbose) {
		if (m->nopts)
			add(l, " ");
		for (unsigned i = 0; i < m->nopts && i < MIP6_MH_MAX_OPTS; i++)
			mh_option(l, v, &m->opts[i]);
		add(l, " [hlen %u cksum 0x%04x%s]", m->hdr_len, m->checksum,
		    m->cksum_ok == 1   ? " ok"
		    : m->cksum_ok == 0 ? " bad"
		                       : "");
	}
}
