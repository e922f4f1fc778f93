/* SPDX-License-Identifier: BSD-3-Clause */
/* craft: one packet from one JSON object: the upper layer through the
 * core's emitters, then from the inside out the Home Address option, the
 * type 2 routing header and the IPv6 header of each layer. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

#define PKT_HEADROOM 1024u /* IPv6, RH2 and HAO per layer */
#define PKT_CAP (PKT_HEADROOM + 65536u + 4096u)

typedef struct layer_in {
	mip6_ip6_t ip;
	bool has_hao, has_rh;
	mip6_addr_t hao, rh_addr;
	uint8_t segleft;
	bool keep_nxt, keep_plen;
} layer_in_t;

static const char *const packet_keys[] = {"layers", "mh", "icmp6", "udp", "tcp", "other", "time", "ul",
                                          /* output only: ignored */
                                          "file", "frame", "caplen", "warnings", "verdict", "error",
                                          "error_offset", "error_kind", NULL};
static const char *const layer_keys[] = {"src",  "dst", "hlim",  "nxt",     "plen", "tclass",
                                         "flow", "hao", "rthdr", "exthdrs", "frag", NULL};
static const char *const rthdr_keys[] = {"type", "segleft", "addr", "naddr", "last", NULL};
static const char *const udp_keys[] = {"sport", "dport", "len", "checksum", "checksum_ok", "payload", NULL};
static const char *const tcp_keys[] = {"sport", "dport", "checksum", "checksum_ok", "segment", NULL};
static const char *const other_keys[] = {"proto", "data", NULL};

static bool recompute; /* this packet: ignore given lengths, next headers, checksums */

static int get_layer(tool_jin_t *c, json_t *j, layer_in_t *l)
{
	unsigned long long v;
	int r;
	memset(l, 0, sizeof(*l));
	l->ip.hlim = 64;
	if (tool_jin_keys(c, j, layer_keys) < 0 || tool_jin_addr(c, j, "src", true, &l->ip.src) < 0 ||
	    tool_jin_addr(c, j, "dst", true, &l->ip.dst) < 0)
		return -1;
	if ((r = tool_jin_uint(c, j, "hlim", false, 255, &v)) < 0)
		return -1;
	if (r)
		l->ip.hlim = (uint8_t)v;
	if ((r = tool_jin_uint(c, j, "tclass", false, 255, &v)) < 0)
		return -1;
	if (r)
		l->ip.tclass = (uint8_t)v;
	if ((r = tool_jin_uint(c, j, "flow", false, 0xfffff, &v)) < 0)
		return -1;
	if (r)
		l->ip.flow = (uint32_t)v;
	if ((r = tool_jin_uint(c, j, "nxt", false, 255, &v)) < 0)
		return -1;
	if (r && !recompute) {
		l->ip.nxt = (uint8_t)v;
		l->keep_nxt = true;
	}
	if ((r = tool_jin_uint(c, j, "plen", false, 0xffff, &v)) < 0)
		return -1;
	if (r && !recompute) {
		l->ip.plen = (uint16_t)v;
		l->keep_plen = true;
	}
	if ((r = tool_jin_addr(c, j, "hao", false, &l->hao)) < 0)
		return -1;
	l->has_hao = r > 0;

	/* Only what craft builds may be listed: it writes no other header. */
	json_t *eh = json_object_get(j, "exthdrs");
	if (eh) {
		size_t i;
		json_t *x;
		if (!json_is_array(eh))
			return tool_jin_err(c, "exthdrs: expected an array");
		json_array_foreach(eh, i, x)
		{
			json_int_t n = json_is_integer(x) ? json_integer_value(x) : -1;
			if (n != MIP6_PROTO_ROUTING && n != MIP6_PROTO_DSTOPTS)
				return tool_jin_err(c,
				                    "exthdrs: craft writes only a type 2 routing header (43) "
				                    "and a Home Address destination option (60)");
		}
	}
	bool frag = false;
	if (tool_jin_bool(c, j, "frag", &frag) < 0)
		return -1;
	if (json_object_get(j, "frag") && frag)
		return tool_jin_err(c, "frag: craft does not write fragment headers");

	json_t *rh = json_object_get(j, "rthdr");
	if (rh && !json_is_null(rh)) {
		size_t old = tool_jin_push(c, "rthdr");
		if (tool_jin_keys(c, rh, rthdr_keys) < 0)
			return -1;
		if ((r = tool_jin_uint(c, rh, "type", false, 255, &v)) < 0)
			return -1;
		if (r && v != 2)
			return tool_jin_err(c, "type: craft writes only type 2 routing headers");
		if ((r = tool_jin_uint(c, rh, "naddr", false, 255, &v)) < 0)
			return -1;
		if (r && v != 1)
			return tool_jin_err(c, "naddr: a type 2 routing header holds one address");
		l->segleft = 1;
		if ((r = tool_jin_uint(c, rh, "segleft", false, 255, &v)) < 0)
			return -1;
		if (r)
			l->segleft = (uint8_t)v;
		if (tool_jin_addr(c, rh, "addr", true, &l->rh_addr) < 0)
			return -1;
		l->has_rh = true;
		tool_jin_pop(c, old);
	}
	return 0;
}

/* The checksum pseudo-header addresses of a layer, as the decoder uses
 * them: HAO as source, RTHDR2 home address as destination while segments
 * are left (RFC 6275 6.1.1, RFC 8200 8.1). */
static const mip6_addr_t *ck_src(const layer_in_t *l)
{
	return l->has_hao ? &l->hao : &l->ip.src;
}

static const mip6_addr_t *ck_dst(const layer_in_t *l)
{
	return l->has_rh && l->segleft > 0 ? &l->rh_addr : &l->ip.dst;
}

static int put_bytes(tool_jin_t *c, mip6_buf_t *b, const uint8_t *p, size_t n)
{
	uint8_t *at = mip6_buf_put(b, n);
	if (!at)
		return tool_jin_err(c, "packet larger than 64 KB");
	memcpy(at, p, n);
	return 0;
}

/* The upper layer into b; sets *proto. */
static int build_ul(tool_jin_t *c, json_t *j, const layer_in_t *in, mip6_buf_t *b, uint8_t *proto)
{
	static const char *const kinds[] = {"mh", "icmp6", "udp", "tcp", "other"};
	const char *kind = NULL;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (!json_object_get(j, kinds[i]))
			continue;
		if (kind)
			return tool_jin_err(c, "both %s and %s given: one upper layer per packet", kind,
			                    kinds[i]);
		kind = kinds[i];
	}
	json_t *ul = json_object_get(j, "ul");
	if (ul && !json_is_string(ul))
		return tool_jin_err(c, "ul: expected a string");
	if (ul && strcmp(json_string_value(ul), kind ? kind : "none") != 0 &&
	    !(kind == NULL && strcmp(json_string_value(ul), "other") == 0))
		return tool_jin_err(c, "ul: \"%s\" but the packet has %s", json_string_value(ul),
		                    kind ? kind : "no upper layer");
	static uint8_t tmp[65536];
	unsigned eflags = 0;
	int n;
	size_t old;
	if (!kind) {
		*proto = MIP6_PROTO_NONE;
		return 0;
	}
	old = tool_jin_push(c, kind);
	json_t *o = json_object_get(j, kind);
	if (strcmp(kind, "mh") == 0) {
		static mip6_mh_t m;
		if (tool_craft_mh(c, o, &m, &eflags) < 0)
			return -1;
		if (recompute)
			eflags = 0;
		n = mip6_mh_emit(&m, ck_src(in), ck_dst(in), eflags, tmp, MIP6_MH_MAX_LEN);
		*proto = MIP6_PROTO_MH;
	} else if (strcmp(kind, "icmp6") == 0) {
		static mip6_icmp6_t m;
		if (tool_craft_icmp6(c, o, &m, &eflags) < 0)
			return -1;
		if (recompute)
			eflags = 0;
		if (m.nopts &&
		    !(m.type == MIP6_ICMP6_RS || m.type == MIP6_ICMP6_RA || m.type == MIP6_ICMP6_NS ||
		      m.type == MIP6_ICMP6_NA || m.type == MIP6_ICMP6_MPA))
			return tool_jin_err(c, "options: only RS, RA, NS, NA and MPA carry options");
		n = mip6_icmp6_emit(&m, ck_src(in), ck_dst(in), eflags, tmp, sizeof(tmp));
		*proto = MIP6_PROTO_ICMPV6;
	} else if (strcmp(kind, "other") == 0) {
		unsigned long long p;
		const uint8_t *d = NULL;
		size_t dn = 0;
		if (tool_jin_keys(c, o, other_keys) < 0 || tool_jin_uint(c, o, "proto", true, 255, &p) < 0 ||
		    tool_jin_hexv(c, o, "data", false, &d, &dn, 65535) < 0)
			return -1;
		*proto = (uint8_t)p;
		tool_jin_pop(c, old);
		return put_bytes(c, b, d, dn);
	} else {
		bool udp = strcmp(kind, "udp") == 0;
		unsigned long long sport = 0, dport = 0, ck = 0, ulen = 0;
		const uint8_t *d = NULL;
		size_t dn = 0;
		int have_ck, have_len = 0;
		if (tool_jin_keys(c, o, udp ? udp_keys : tcp_keys) < 0 ||
		    tool_jin_uint(c, o, "sport", false, 0xffff, &sport) < 0 ||
		    tool_jin_uint(c, o, "dport", false, 0xffff, &dport) < 0 ||
		    (have_ck = tool_jin_uint(c, o, "checksum", false, 0xffff, &ck)) < 0 ||
		    (udp && (have_len = tool_jin_uint(c, o, "len", false, 0xffff, &ulen)) < 0) ||
		    tool_jin_hexv(c, o, udp ? "payload" : "segment", !udp, &d, &dn, 65535) < 0)
			return -1;
		if (recompute)
			have_ck = have_len = 0;
		size_t hl = udp ? 8 : 20, ckoff = udp ? 6 : 16;
		if (!udp && dn < hl)
			return tool_jin_err(c, "segment: a TCP segment has at least 20 bytes, got %zu", dn);
		n = (int)(udp ? hl + dn : dn);
		if (n > 65535)
			return tool_jin_err(c, "longer than 65535 bytes");
		if (udp) {
			memset(tmp, 0, 8);
			memcpy(tmp + 8, d, dn);
			tmp[4] = (uint8_t)((have_len ? ulen : (unsigned long long)n) >> 8);
			tmp[5] = (uint8_t)(have_len ? ulen : (unsigned long long)n);
		} else {
			memcpy(tmp, d, dn);
		}
		if (json_object_get(o, "sport") || udp) {
			tmp[0] = (uint8_t)(sport >> 8);
			tmp[1] = (uint8_t)sport;
		}
		if (json_object_get(o, "dport") || udp) {
			tmp[2] = (uint8_t)(dport >> 8);
			tmp[3] = (uint8_t)dport;
		}
		*proto = udp ? MIP6_PROTO_UDP : MIP6_PROTO_TCP;
		if (!have_ck) {
			tmp[ckoff] = tmp[ckoff + 1] = 0;
			ck = mip6_cksum_pseudo(ck_src(in), ck_dst(in), (uint32_t)n, *proto, tmp, (size_t)n);
			/* RFC 768 / RFC 8200 8.1: a computed 0 goes out as 0xffff. */
			if (udp && ck == 0)
				ck = 0xffff;
		}
		tmp[ckoff] = (uint8_t)(ck >> 8);
		tmp[ckoff + 1] = (uint8_t)ck;
	}
	if (n < 0)
		return tool_jin_err(c, "the encoder refused it: %s", mip6_strerror(n));
	tool_jin_pop(c, old);
	return put_bytes(c, b, tmp, (size_t)n);
}

static int get_time(tool_jin_t *c, json_t *j, long long *sec, long *usec)
{
	json_t *t = json_object_get(j, "time");
	if (!t)
		return 0;
	if (json_is_integer(t) && json_integer_value(t) >= 0) {
		*sec = json_integer_value(t);
		*usec = 0;
		return 0;
	}
	if (json_is_real(t) && json_real_value(t) >= 0 && json_real_value(t) < 1e15) {
		double v = json_real_value(t);
		*sec = (long long)floor(v);
		*usec = (long)llround((v - floor(v)) * 1e6);
		if (*usec >= 1000000) {
			(*sec)++;
			*usec -= 1000000;
		}
		return 0;
	}
	const char *s = json_is_string(t) ? json_string_value(t) : "";
	char *end;
	errno = 0;
	long long whole = strtoll(s, &end, 10);
	long frac = 0;
	if (end != s && *end == '.') {
		const char *f = end + 1;
		int digits = 0;
		while (*f >= '0' && *f <= '9' && digits < 6) {
			frac = frac * 10 + (*f++ - '0');
			digits++;
		}
		for (int i = digits; i < 6; i++)
			frac *= 10;
		end = (char *)(uintptr_t)f;
	}
	if (end == s || *end || errno || whole < 0 || s[0] == '-')
		return tool_jin_err(c, "time: expected seconds since 1970 as \"SEC.USEC\" or a number");
	*sec = whole;
	*usec = frac;
	return 0;
}

int tool_craft_packet(tool_jin_t *c, json_t *j, bool recompute_given, tool_crafted_t *out)
{
	static uint8_t mem[PKT_CAP];
	recompute = recompute_given;
	if (tool_jin_keys(c, j, packet_keys) < 0)
		return -1;
	if (get_time(c, j, &out->sec, &out->usec) < 0)
		return -1;
	json_t *layers = json_object_get(j, "layers");
	if (!layers || !json_is_array(layers) || json_array_size(layers) == 0)
		return tool_jin_err(c, "layers: required, an array of at least one IPv6 header");
	size_t nl = json_array_size(layers);
	if (nl > MIP6_MAX_LAYERS)
		return tool_jin_err(c, "layers: %zu headers, at most %d (the decoder's nesting limit)", nl,
		                    MIP6_MAX_LAYERS);
	layer_in_t in[MIP6_MAX_LAYERS];
	for (size_t i = 0; i < nl; i++) {
		size_t o1 = tool_jin_push(c, "layers");
		size_t o2 = tool_jin_push_index(c, i);
		if (get_layer(c, json_array_get(layers, i), &in[i]) < 0)
			return -1;
		tool_jin_pop(c, o2);
		tool_jin_pop(c, o1);
	}

	mip6_buf_t b;
	mip6_buf_init(&b, mem, PKT_CAP, PKT_HEADROOM);
	uint8_t nxt = MIP6_PROTO_NONE;
	if (build_ul(c, j, &in[nl - 1], &b, &nxt) < 0)
		return -1;
	/* From the inside out: HAO, then RTHDR2 before it, then the IPv6
	 * header (RFC 6275 6.3: the HAO follows the routing header). */
	for (size_t k = nl; k-- > 0;) {
		layer_in_t *l = &in[k];
		if (l->has_hao) {
			if (mip6_buf_push_hao(&b, nxt, &l->hao) != 0)
				return tool_jin_err(c, "layers: out of headroom");
			nxt = MIP6_PROTO_DSTOPTS;
		}
		if (l->has_rh) {
			uint8_t *at = mip6_buf_push(&b, MIP6_RH2_LEN);
			if (!at)
				return tool_jin_err(c, "layers: out of headroom");
			mip6_rh2_emit(nxt, &l->rh_addr, l->segleft, at);
			nxt = MIP6_PROTO_ROUTING;
		}
		if (b.len > 0xffff) {
			size_t o1 = tool_jin_push(c, "layers");
			tool_jin_push_index(c, k);
			tool_jin_err(c, "payload of %zu bytes exceeds the 65535 an IPv6 header counts",
			             b.len);
			tool_jin_pop(c, o1);
			return -1;
		}
		mip6_ip6_t ip = l->ip;
		if (!l->keep_nxt)
			ip.nxt = nxt;
		if (mip6_buf_push_ip6(&b, &ip) != 0)
			return tool_jin_err(c, "layers: out of headroom");
		if (l->keep_plen) {
			uint8_t *h = mip6_buf_data(&b);
			h[4] = (uint8_t)(l->ip.plen >> 8);
			h[5] = (uint8_t)l->ip.plen;
		}
		nxt = MIP6_PROTO_IPV6;
	}
	out->len = b.len;
	out->data = malloc(b.len);
	if (!out->data)
		return tool_jin_err(c, "out of memory");
	memcpy(out->data, mip6_buf_data(&b), b.len);
	return 0;
}
