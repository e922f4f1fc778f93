/* SPDX-License-Identifier: BSD-3-Clause */
/* decode --json: one object per packet. Every name written here is read
 * back by craft (craft_*.c); docs/mip6tool.md lists them all. This file
 * writes the packet, its layers and UDP/TCP; json_mh.c and json_icmp6.c the
 * rest. */
#include "json_w.h"

static json_t *l4_json(const tool_view_t *v)
{
	const mip6_pkt_t *pkt = v->pkt;
	bool udp = pkt->ul == MIP6_UL_UDP;
	size_t hl = udp ? 8 : 20;
	json_t *j = json_object();
	if (!v->ul || v->ul_len < hl)
		return j; /* truncated: the error says so */
	const uint8_t *p = v->ul;
	set_int(j, "sport", p[0] << 8 | p[1]);
	set_int(j, "dport", p[2] << 8 | p[3]);
	if (udp) {
		set_int(j, "len", p[4] << 8 | p[5]);
		set_int(j, "checksum", p[6] << 8 | p[7]);
	} else {
		set_int(j, "checksum", p[16] << 8 | p[17]);
	}
	set_cksum_ok(j, pkt->cksum_ok);
	if (udp)
		set_hex(j, "payload", p + 8, v->ul_len - 8);
	else
		set_hex(j, "segment", p, v->ul_len);
	return j;
}

static json_t *layer_json(const mip6_layer_t *l)
{
	json_t *j = json_object();
	set_addr(j, "src", &l->ip.src);
	set_addr(j, "dst", &l->ip.dst);
	set_int(j, "hlim", l->ip.hlim);
	set_int(j, "nxt", l->ip.nxt);
	set_int(j, "plen", l->ip.plen);
	if (l->ip.tclass)
		set_int(j, "tclass", l->ip.tclass);
	if (l->ip.flow)
		set_int(j, "flow", l->ip.flow);
	if (l->nexthdrs) {
		json_t *a = json_array();
		for (unsigned i = 0; i < l->nexthdrs && i < MIP6_MAX_EXTHDRS; i++)
			json_array_append_new(a, json_integer(l->exthdrs[i]));
		set(j, "exthdrs", a);
	}
	if (l->has_hao)
		set_addr(j, "hao", &l->hao);
	if (l->has_rh) {
		json_t *r = json_object();
		set_int(r, "type", l->rh.type);
		set_int(r, "segleft", l->rh.segleft);
		if (l->rh.naddr > 0) {
			set_addr(r, "addr", &l->rh.first);
			if (l->rh.naddr > 1) {
				set_int(r, "naddr", l->rh.naddr);
				set_addr(r, "last", &l->rh.last);
			}
		}
		set(j, "rthdr", r);
	}
	if (l->has_frag)
		set(j, "frag", json_true());
	return j;
}

json_t *tool_json_packet(const tool_view_t *v, unsigned long frame, long long sec, long usec,
                         const char *name)
{
	const mip6_pkt_t *pkt = v->pkt;
	json_t *j = json_object();
	char buf[64];
	if (name)
		set_str(j, "file", name);
	set_int(j, "frame", (long long)frame);
	set_str(j, "time", tool_time(sec, usec, buf, sizeof(buf)));
	set_int(j, "caplen", (long long)v->len);

	json_t *layers = json_array();
	for (unsigned i = 0; i < v->nlayers; i++)
		json_array_append_new(layers, layer_json(&pkt->layer[i]));
	set(j, "layers", layers);

	if (v->ul || (v->rc == 0 && v->inner)) {
		set_str(j, "ul", tool_ul_name(pkt->ul));
		switch (pkt->ul) {
		case MIP6_UL_MH:
			set(j, "mh", tool_json_mh(v));
			break;
		case MIP6_UL_ICMP6:
			set(j, "icmp6", tool_json_icmp6(v));
			break;
		case MIP6_UL_UDP:
			set(j, "udp", l4_json(v));
			break;
		case MIP6_UL_TCP:
			set(j, "tcp", l4_json(v));
			break;
		case MIP6_UL_OTHER:
			if (v->ul) {
				json_t *o = json_object();
				set_int(o, "proto", v->inner->upper);
				set_hex(o, "data", v->ul, v->ul_len);
				set(j, "other", o);
			}
			break;
		default:
			break;
		}
	}

	json_t *w = json_array();
	for (unsigned i = 0; i < 32; i++) {
		uint32_t bit = 1u << i;
		if (pkt->warnings & bit) {
			const char *n = mip6_warn_name(bit);
			json_array_append_new(w, n ? json_string(n) : json_integer(bit));
		}
	}
	if (v->tool_warning)
		json_array_append_new(w, json_string(v->tool_warning));
	set(j, "warnings", w);
	set_str(j, "verdict", v->rejected ? "rejected" : v->problem ? "warnings" : "ok");
	if (v->problem) {
		set_str(j, "error", v->why);
		set_int(j, "error_offset", v->offset);
		set_str(j, "error_kind", mip6_strerror(v->err));
	}
	return j;
}
