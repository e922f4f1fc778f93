/* SPDX-License-Identifier: BSD-3-Clause */
/* Encode and decode cost per message of the wire layer.
 *
 *   wire_bench                 table of ns per encode / decode, all messages
 *   wire_bench --one NAME --iters N --op encode|decode
 *                              run one case N times (for callgrind counts)
 *
 * scripts/bench-wire.sh runs both and prints instructions per operation. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mip6/icmp6.h"
#include "mip6/mh.h"
#include "mip6/packet.h"

typedef struct bench_case {
	const char *name;
	uint8_t pkt[512];   /* the whole IPv6 packet */
	size_t len;
	mip6_mh_t mh;       /* record to encode (MH cases) */
	mip6_icmp6_t icmp;  /* record to encode (ICMPv6 cases) */
	int is_icmp;
} bench_case_t;

static mip6_addr_t A(const char *s)
{
	mip6_addr_t a;
	if (mip6_addr_pton(s, &a) != 0)
		abort();
	return a;
}

static mip6_addr_t hoa, coa, ha, cn;

/* Builds the packet bytes for a case from its record. */
static int encode(bench_case_t *c, uint8_t *out, size_t cap)
{
	mip6_buf_t b;
	mip6_buf_init(&b, out, cap, 128);
	uint8_t *at = mip6_buf_data(&b);
	int n;
	if (c->is_icmp)
		n = mip6_icmp6_emit(&c->icmp, &ha, &hoa, 0, at, cap - 128);
	else
		n = mip6_mh_emit(&c->mh, &hoa, &ha, 0, at, cap - 128);
	if (n < 0 || !mip6_buf_put(&b, (size_t)n))
		return -1;
	mip6_ip6_t h = {.hlim = 64, .src = coa, .dst = ha};
	if (c->is_icmp) {
		h.src = ha;
		h.dst = hoa;
		h.nxt = MIP6_PROTO_ICMPV6;
	} else {
		h.nxt = MIP6_PROTO_DSTOPTS;
		if (mip6_buf_push_hao(&b, MIP6_PROTO_MH, &hoa))
			return -1;
	}
	if (mip6_buf_push_ip6(&b, &h))
		return -1;
	memmove(out, mip6_buf_data(&b), b.len);
	return (int)b.len;
}

static void setup(bench_case_t *cases, size_t *ncases)
{
	size_t n = 0;
	bench_case_t *c;

	c = &cases[n++];
	c->name = "BU";
	mip6_mh_init(&c->mh, MIP6_MH_BU);
	c->mh.u.bu.seq = 1000;
	c->mh.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H;
	c->mh.u.bu.lifetime = 250;

	c = &cases[n++];
	c->name = "BU-nemo-mcoa";
	mip6_mh_init(&c->mh, MIP6_MH_BU);
	c->mh.u.bu.seq = 7;
	c->mh.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_R;
	c->mh.u.bu.lifetime = 250;
	mip6_mhopt_t *o = mip6_mh_add_opt(&c->mh, MIP6_OPT_MNP);
	o->u.mnp.plen = 64;
	o->u.mnp.prefix = A("2001:db8:aaaa:1::");
	o = mip6_mh_add_opt(&c->mh, MIP6_OPT_BID);
	o->u.bid.bid = 2;
	o->u.bid.coa_len = 16;
	memcpy(o->u.bid.coa, coa.b, 16);

	c = &cases[n++];
	c->name = "BA";
	mip6_mh_init(&c->mh, MIP6_MH_BA);
	c->mh.u.ba.seq = 1000;
	c->mh.u.ba.lifetime = 250;
	o = mip6_mh_add_opt(&c->mh, MIP6_OPT_BRA);
	o->u.refresh = 200;

	c = &cases[n++];
	c->name = "HoT";
	mip6_mh_init(&c->mh, MIP6_MH_HOT);
	c->mh.u.test.nonce_index = 3;

	c = &cases[n++];
	c->name = "BE";
	mip6_mh_init(&c->mh, MIP6_MH_BE);
	c->mh.u.be.status = MIP6_BE_UNKNOWN_HAO;
	c->mh.u.be.home = hoa;

	c = &cases[n++];
	c->name = "RA";
	c->is_icmp = 1;
	mip6_icmp6_init(&c->icmp, MIP6_ICMP6_RA);
	c->icmp.u.ra.hop_limit = 64;
	c->icmp.u.ra.flags = MIP6_RA_F_H;
	c->icmp.u.ra.lifetime = 1800;
	mip6_nd_opt_t *p = mip6_icmp6_add_opt(&c->icmp, MIP6_ND_OPT_PREFIX);
	p->u.prefix.plen = 64;
	p->u.prefix.flags = MIP6_PI_F_L | MIP6_PI_F_A | MIP6_PI_F_R;
	p->u.prefix.valid = 86400;
	p->u.prefix.preferred = 14400;
	p->u.prefix.prefix = ha;
	p = mip6_icmp6_add_opt(&c->icmp, MIP6_ND_OPT_HA_INFO);
	p->u.ha_info.pref = 10;
	p->u.ha_info.lifetime = 1800;

	for (size_t i = 0; i < n; i++) {
		int len = encode(&cases[i], cases[i].pkt, sizeof(cases[i].pkt));
		if (len < 0) {
			fprintf(stderr, "wire_bench: cannot encode %s\n", cases[i].name);
			exit(1);
		}
		cases[i].len = (size_t)len;
	}
	*ncases = n;
}

static volatile unsigned sink;

static void run(bench_case_t *c, int decode, long iters)
{
	static mip6_pkt_t pkt;
	uint8_t out[512];
	for (long i = 0; i < iters; i++) {
		if (decode) {
			if (mip6_pkt_parse(c->pkt, c->len, MIP6_DEC_STRICT, &pkt) != 0)
				abort();
			sink += pkt.ul;
		} else {
			sink += (unsigned)encode(c, out, sizeof(out));
		}
	}
}

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: wire_bench [--one NAME --op encode|decode --iters N]\n"
		   "  without options: prints ns per encode and decode for each message\n"
		   "  cases: BU BU-nemo-mcoa BA HoT BE RA\n");
}

int main(int argc, char **argv)
{
	static bench_case_t cases[16];
	size_t ncases;
	const char *one = NULL, *op = "decode";
	long iters = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--one") && i + 1 < argc) {
			one = argv[++i];
		} else if (!strcmp(argv[i], "--op") && i + 1 < argc) {
			op = argv[++i];
		} else if (!strcmp(argv[i], "--iters") && i + 1 < argc) {
			iters = strtol(argv[++i], NULL, 10);
		} else {
			usage(stderr);
			return 2;
		}
	}
	hoa = A("2001:db8:1::100");
	coa = A("2001:db8:2::100");
	ha = A("2001:db8:1::1");
	cn = A("2001:db8:9::9");
	setup(cases, &ncases);

	if (one) {
		for (size_t i = 0; i < ncases; i++) {
			if (!strcmp(cases[i].name, one)) {
				run(&cases[i], strcmp(op, "encode") != 0, iters);
				return 0;
			}
		}
		fprintf(stderr, "wire_bench: no case '%s'\n", one);
		return 2;
	}

	printf("%-14s %6s %12s %12s\n", "message", "bytes", "encode ns", "decode ns");
	for (size_t i = 0; i < ncases; i++) {
		double ns[2];
		for (int d = 0; d < 2; d++) {
			long n = 200000;
			run(&cases[i], d, n / 10); /* warm up */
			double t0 = now_ns();
			run(&cases[i], d, n);
			ns[d] = (now_ns() - t0) / (double)n;
		}
		printf("%-14s %6zu %12.1f %12.1f\n", cases[i].name, cases[i].len, ns[0], ns[1]);
	}
	return 0;
}
