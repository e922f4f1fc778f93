/* SPDX-License-Identifier: BSD-3-Clause */
/* decode: one tcpdump-like line per packet: the IPv6 headers, tunnels,
 * UDP/TCP and the problems found; print_mh.c and print_icmp6.c the rest. */
#include "print_line.h"

static void l4_line(line_t *l, const tool_view_t *v, bool verbose)
{
	bool udp = v->pkt->ul == MIP6_UL_UDP;
	size_t hl = udp ? 8 : 20;
	add(l, "%s", udp ? "UDP" : "TCP");
	if (!v->ul || v->ul_len < hl)
		return;
	const uint8_t *p = v->ul;
	add(l, " %u > %u", p[0] << 8 | p[1], p[2] << 8 | p[3]);
	if (udp)
		add(l, " len %zu", v->ul_len - 8);
	unsigned ck = udp ? (unsigned)(p[6] << 8 | p[7]) : (unsigned)(p[16] << 8 | p[17]);
	if (verbose)
		add(l, " [cksum 0x%04x%s]", ck,
		    v->pkt->cksum_ok == 1   ? " ok"
		    : v->pkt->cksum_ok == 0 ? " bad"
		                            : "");
}

static const char *ul_label(mip6_ul_t ul)
{
	switch (ul) {
	case MIP6_UL_MH:
		return "MH";
	case MIP6_UL_ICMP6:
		return "ICMP6";
	case MIP6_UL_UDP:
		return "UDP";
	case MIP6_UL_TCP:
		return "TCP";
	default:
		return "UL";
	}
}

static void layer_head(line_t *l, const mip6_layer_t *ly, bool verbose)
{
	add_addr(l, &ly->ip.src);
	add(l, " > ");
	add_addr(l, &ly->ip.dst);
	if (ly->has_hao) {
		add(l, " [hao ");
		add_addr(l, &ly->hao);
		add(l, "]");
	}
	if (ly->has_rh) {
		if (ly->rh.type == 2 && ly->rh.naddr > 0) {
			add(l, " [rh2 ");
			add_addr(l, &ly->rh.first);
			add(l, " segleft %u]", ly->rh.segleft);
		} else {
			add(l, " [rh%u segleft %u", ly->rh.type, ly->rh.segleft);
			if (ly->rh.naddr > 0) {
				add(l, " last ");
				add_addr(l, &ly->rh.last);
			}
			add(l, "]");
		}
	}
	if (verbose)
		add(l, " [hlim %u plen %u nxt %u]", ly->ip.hlim, ly->ip.plen, ly->ip.nxt);
	add(l, ": ");
}

int tool_print_text(FILE *out, const tool_view_t *v, unsigned long frame, long long sec, long usec,
                    const char *name, bool verbose)
{
	line_t l;
	const mip6_pkt_t *pkt = v->pkt;
	char ts[64];
	l.n = 0;
	l.s[0] = '\0';
	if (name)
		add(&l, "%s: ", name);
	add(&l, "%5lu  %s  ", frame, tool_time_utc(sec, usec, ts, sizeof(ts)));

	for (unsigned i = 0; i < v->nlayers; i++) {
		if (i > 0)
			add(&l, "IP6 ");
		layer_head(&l, &pkt->layer[i], verbose);
	}
	if (v->nlayers == 0)
		add(&l, "IP6 ");

	if (v->ul || (v->rc == 0 && v->inner)) {
		switch (pkt->ul) {
		case MIP6_UL_MH:
			tool_print_mh(&l, v, verbose);
			break;
		case MIP6_UL_ICMP6:
			tool_print_icmp6(&l, v, verbose);
			break;
		case MIP6_UL_UDP:
		case MIP6_UL_TCP:
			l4_line(&l, v, verbose);
			break;
		case MIP6_UL_OTHER:
			add(&l, "proto %u", v->inner->upper);
			if (v->ul)
				add(&l, " len %zu", v->ul_len);
			break;
		case MIP6_UL_NONE:
		default:
			add(&l, "no next header");
			break;
		}
	}

	char wl[256];
	tool_warn_list(pkt->warnings, wl, sizeof(wl));
	if (v->tool_warning)
		snprintf(wl + strlen(wl), sizeof(wl) - strlen(wl), "%s%s", wl[0] ? "," : "", v->tool_warning);
	if (v->problem) {
		/* Nothing decoded after the addresses: no dangling ": ". */
		while (l.n > 0 && l.s[l.n - 1] == ' ')
			l.s[--l.n] = '\0';
		if (l.n > 0 && l.s[l.n - 1] == ':')
			l.s[--l.n] = '\0';
		if (v->rejected)
			add(&l, " [malformed: %s at +%u", v->why, v->offset);
		else
			add(&l, " [warning %s: %s at +%u", wl, v->why, v->offset);
		/* The offset inside the upper layer, as its RFC counts. */
		if (v->ul && v->offset >= v->inner->upper_off && pkt->ul != MIP6_UL_OTHER)
			add(&l, " (%s+%u)", ul_label(pkt->ul), v->offset - v->inner->upper_off);
		add(&l, "]");
		if (v->rejected && wl[0])
			add(&l, " [warnings %s]", wl);
	}
	add(&l, "\n");
	return fwrite(l.s, 1, l.n, out) == l.n ? 0 : -1;
}
