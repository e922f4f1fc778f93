/* SPDX-License-Identifier: BSD-3-Clause */
/* Per-packet cost of the data plane at the home agent: binding lookup and
 * IPv6-in-IPv6 encapsulation (mip6_dp_output) with 1k, 100k and 1M
 * bindings, each packet to a random bound home address, and the memory
 * per binding (mip6_dp_memory / bindings).
 *
 *   dp_bench                      the table (sizes 1000, 100000, 1000000)
 *   dp_bench --sizes 1000,5000    other sizes
 *   dp_bench --no-huge            no transparent huge pages for big tables
 *   dp_bench --one N --iters K [--burst] [--node]
 *                                 N bindings, K packets, no timing (for
 *                                 callgrind: scripts/bench-dp.sh); --node:
 *                                 through mip6_node_input(_burst) at the HA
 *
 * The second table is the same work one level up, as a binding sees it:
 * mip6_node_input (the HA intercepts a packet for a bound home address,
 * encapsulates it and hands it to env.send) and mip6_node_output, one call
 * per packet or mip6_node_input_burst / mip6_node_output_burst. The node
 * copies each packet into its own buffer and settles its bus per packet;
 * the bindings come in as BC_ADD bus messages (mip6_node_bus_input).
 *
 * The allocator asks for transparent huge pages (madvise) on blocks of
 * 2 MiB and more, as a platform binding would for a large HA: with 4 KiB
 * pages a random lookup in a 100 MB table also misses the TLB. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "mip6/bus.h"
#include "mip6/dp.h"
#include "mip6/node.h"
#include "mip6/packet.h"

#define HUGE_MIN (2u << 20)

static int use_huge = 1;

static void *bench_alloc(void *ctx, void *p, size_t n)
{
	(void)ctx;
	if (n == 0) {
		free(p);
		return NULL;
	}
	if (p || n < HUGE_MIN || !use_huge)
		return realloc(p, n);
	void *q = NULL;
	if (posix_memalign(&q, HUGE_MIN, n) != 0)
		return NULL;
	madvise(q, n, MADV_HUGEPAGE);
	return q;
}

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void hoa_of(mip6_addr_t *a, uint32_t i)
{
	static const uint8_t base[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 1};
	memcpy(a->b, base, 16);
	a->b[12] = (uint8_t)(i >> 24);
	a->b[13] = (uint8_t)(i >> 16);
	a->b[14] = (uint8_t)(i >> 8);
	a->b[15] = (uint8_t)i;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(uint32_t n)
{
	/* xorshift64*, reduced without division bias worth caring about here */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)(((rng_state * 0x2545f4914f6cdd1dull) >> 32) * n >> 32);
}

static mip6_dp_t *setup(uint32_t n, mip6_stats_t *st)
{
	mip6_alloc_t a = {bench_alloc, NULL};
	mip6_dp_t *dp = mip6_dp_new(a, st);
	mip6_addr_t ha, hoa, coa;
	hoa_of(&ha, 1);
	ha.b[5] = 0xff;
	for (uint32_t i = 0; i < n; i++) {
		hoa_of(&hoa, i);
		coa = hoa;
		coa.b[4] = 0x77;
		if (!dp || mip6_dp_bc_set(dp, &hoa, 0, &coa, &ha, MIP6_DPF_HOME) != 0) {
			fprintf(stderr, "dp_bench: setting up %u bindings failed at %u\n", n, i);
			exit(1);
		}
	}
	return dp;
}

/* A 100-byte UDP packet from a correspondent, in each of BURST buffers;
 * the destination is set per packet. */
#define HEADROOM 256
#define SLOT 512
#define BURST 32
static uint8_t mem[BURST][SLOT];
static mip6_buf_t bufs[BURST];
static mip6_buf_t *bufp[BURST];
static const uint8_t *ptrs[BURST]; /* the same packets for the node */
static size_t lens[BURST];
static size_t pkt_len;

static void make_packets(void)
{
	mip6_buf_t b;
	mip6_buf_init(&b, mem[0], SLOT, HEADROOM + 40); /* the header lands at HEADROOM */
	uint8_t *u = mip6_buf_put(&b, 60);
	memset(u, 0x5a, 60);
	mip6_ip6_t h = {.nxt = MIP6_PROTO_UDP, .hlim = 64};
	hoa_of(&h.src, 0xcccc);
	h.src.b[5] = 9;
	hoa_of(&h.dst, 0); /* bytes 12..15 change per packet */
	mip6_buf_push_ip6(&b, &h);
	pkt_len = b.len;
	for (int i = 0; i < BURST; i++) {
		memcpy(mem[i], mem[0], SLOT);
		bufs[i] = (mip6_buf_t){mem[i], SLOT, HEADROOM, pkt_len};
		bufp[i] = &bufs[i];
		ptrs[i] = mem[i] + HEADROOM;
		lens[i] = pkt_len;
	}
}

/* Resets buffer i to the packet, to a random bound home address. */
static void next_packet(int i, uint32_t n)
{
	uint32_t k = rnd(n);
	uint8_t *dst = mem[i] + HEADROOM + 24;
	dst[12] = (uint8_t)(k >> 24);
	dst[13] = (uint8_t)(k >> 16);
	dst[14] = (uint8_t)(k >> 8);
	dst[15] = (uint8_t)k;
	bufs[i].head = HEADROOM;
	bufs[i].len = pkt_len;
}

static uint64_t check(const mip6_dp_result_t *r, int i)
{
	if (r->action != MIP6_DPA_SEND || bufs[i].len != pkt_len + 40) {
		fprintf(stderr, "dp_bench: packet not encapsulated (%s)\n", r->why ? r->why : "?");
		exit(1);
	}
	return mip6_buf_data(&bufs[i])[39]; /* last byte of the care-of address */
}

/* Sends iters packets to random bound home addresses, one call each or in
 * bursts; returns a value that depends on every result. */
static uint64_t run(mip6_dp_t *dp, uint32_t n, uint64_t iters, int burst)
{
	uint64_t acc = 0;
	if (!burst) {
		for (uint64_t k = 0; k < iters; k++) {
			next_packet(0, n);
			mip6_dp_result_t r = mip6_dp_output(dp, &bufs[0]);
			acc += check(&r, 0);
		}
		return acc;
	}
	mip6_dp_result_t res[BURST];
	for (uint64_t k = 0; k < iters; k += BURST) {
		for (int i = 0; i < BURST; i++)
			next_packet(i, n);
		mip6_dp_output_burst(dp, bufp, BURST, res);
		for (int i = 0; i < BURST; i++)
			acc += check(&res[i], i);
	}
	return acc;
}

/* --- node level --- */

static uint64_t node_acc;

static void mip6_node_send(void *ctx, uint32_t ifindex, const uint8_t *p, size_t len)
{
	(void)ctx;
	(void)ifindex;
	if (len != pkt_len + 40) {
		fprintf(stderr, "dp_bench: the node sent a packet that is not the encapsulated one\n");
		exit(1);
	}
	node_acc += p[39]; /* last byte of the care-of address */
}

static void node_deliver(void *ctx, const uint8_t *p, size_t len)
{
	(void)ctx;
	(void)p;
	(void)len;
	fprintf(stderr, "dp_bench: the node delivered a packet it should have tunneled\n");
	exit(1);
}

static void node_submit(void *ctx, const mip6_op_t *op)
{
	(void)ctx;
	(void)op;
}

static void mip6_node_random(void *ctx, uint8_t *out, size_t len)
{
	(void)ctx;
	for (size_t i = 0; i < len; i++)
		out[i] = (uint8_t)rnd(256);
}

/* An HA node with n bindings, programmed as its HA component would: BC_ADD
 * on the bus. */
static mip6_node_t *node_setup(uint32_t n)
{
	mip6_env_t env = {.send = mip6_node_send,
	                  .deliver = node_deliver,
	                  .op_submit = node_submit,
	                  .random = mip6_node_random,
	                  .alloc = {bench_alloc, NULL}};
	mip6_node_t *nd = mip6_node_new(&env, 0);
	mip6_iface_cfg_t c = {.ifindex = 1};
	if (!nd || mip6_node_add_iface(nd, &c) != 0) {
		fprintf(stderr, "dp_bench: no node\n");
		exit(1);
	}
	mip6_bus_msg_t m = {.type = MIP6_BUS_BC_ADD, .flags = MIP6_BF_HOME, .lifetime = 3600};
	hoa_of(&m.peer, 1);
	m.peer.b[5] = 0xff;
	for (uint32_t i = 0; i < n; i++) {
		hoa_of(&m.hoa, i);
		m.coa = m.hoa;
		m.coa.b[4] = 0x77;
		uint8_t w[MIP6_BUS_WIRE_MAX];
		int len = mip6_bus_encode(&m, w, sizeof(w));
		if (len < 0 || mip6_node_bus_input(nd, w, (size_t)len, 0) != 0) {
			fprintf(stderr, "dp_bench: BC_ADD %u of %u failed\n", i, n);
			exit(1);
		}
	}
	if (mip6_node_stats(nd)->nomem) {
		fprintf(stderr, "dp_bench: out of memory setting up %u bindings\n", n);
		exit(1);
	}
	return nd;
}

static void node_check(mip6_verdict_t v)
{
	if (v != MIP6_CONSUMED) {
		fprintf(stderr, "dp_bench: node verdict %d, not CONSUMED\n", (int)v);
		exit(1);
	}
}

/* As run(), through the node: input = the HA's intercept, else output. */
static uint64_t run_node(mip6_node_t *nd, uint32_t n, uint64_t iters, int burst, int input)
{
	node_acc = 0;
	if (!burst) {
		for (uint64_t k = 0; k < iters; k++) {
			next_packet(0, n);
			node_check(input ? mip6_node_input(nd, 1, ptrs[0], pkt_len, 0)
			                 : mip6_node_output(nd, ptrs[0], pkt_len, 0));
		}
		return node_acc;
	}
	mip6_verdict_t v[BURST];
	for (uint64_t k = 0; k < iters; k += BURST) {
		for (int i = 0; i < BURST; i++)
			next_packet(i, n);
		if (input)
			mip6_node_input_burst(nd, 1, ptrs, lens, BURST, v, 0);
		else
			mip6_node_output_burst(nd, ptrs, lens, BURST, v, 0);
		for (int i = 0; i < BURST; i++)
			node_check(v[i]);
	}
	return node_acc;
}

static double measure_node(mip6_node_t *nd, uint32_t n, uint64_t iters, int burst, int input)
{
	run_node(nd, n, iters / 4, burst, input); /* warm up */
	double best = 1e30;
	uint64_t sink = 0;
	for (int rep = 0; rep < 5; rep++) {
		double t0 = now_ns();
		sink += run_node(nd, n, iters, burst, input);
		double ns = (now_ns() - t0) / (double)iters;
		if (ns < best)
			best = ns;
	}
	if (sink == 1)
		printf("?\n");
	return best;
}

static double measure(mip6_dp_t *dp, uint32_t n, uint64_t iters, int burst)
{
	run(dp, n, iters / 4, burst); /* warm up */
	double best = 1e30;
	uint64_t sink = 0;
	for (int rep = 0; rep < 5; rep++) {
		double t0 = now_ns();
		sink += run(dp, n, iters, burst);
		double ns = (now_ns() - t0) / (double)iters;
		if (ns < best)
			best = ns;
	}
	if (sink == 1)
		printf("?\n");
	return best;
}

int main(int argc, char **argv)
{
	uint32_t sizes[8] = {1000, 100000, 1000000};
	unsigned nsizes = 3;
	long one = -1;
	uint64_t iters = 0;
	int burst = 0, node = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--no-huge")) {
			use_huge = 0;
		} else if (!strcmp(argv[i], "--one") && i + 1 < argc) {
			one = atol(argv[++i]);
		} else if (!strcmp(argv[i], "--burst")) {
			burst = 1;
		} else if (!strcmp(argv[i], "--node")) {
			node = 1;
		} else if (!strcmp(argv[i], "--iters") && i + 1 < argc) {
			iters = strtoull(argv[++i], NULL, 10);
		} else if (!strcmp(argv[i], "--sizes") && i + 1 < argc) {
			nsizes = 0;
			for (char *s = strtok(argv[++i], ","); s && nsizes < 8; s = strtok(NULL, ","))
				sizes[nsizes++] = (uint32_t)atol(s);
		} else {
			fprintf(
			    stderr,
			    "usage: dp_bench [--sizes N,N,..] [--no-huge] [--one N --iters K [--burst] [--node]]\n");
			return 2;
		}
	}
	make_packets();
	mip6_stats_t st = {0};

	if (one >= 0 && node) {
		mip6_node_t *nd = node_setup((uint32_t)one);
		uint64_t acc = run_node(nd, (uint32_t)one, iters, burst, 1);
		mip6_node_free(nd);
		return acc == 1 ? 3 : 0;
	}
	if (one >= 0) {
		mip6_dp_t *dp = setup((uint32_t)one, &st);
		uint64_t acc = run(dp, (uint32_t)one, iters, burst);
		mip6_dp_free(dp);
		return acc == 1 ? 3 : 0;
	}

	if (!iters)
		iters = 2000000;
	iters = (iters + BURST - 1) / BURST * BURST;
	printf("HA output: binding lookup + IPv6-in-IPv6 encapsulation of a 100-byte packet\n");
	printf("to a random bound home address (%s pages for tables >= 2 MiB;\n",
	       use_huge ? "transparent huge" : "4 KiB");
	printf("best of 5 runs of %llu packets; 'burst': mip6_dp_output_burst, %d at a time)\n",
	       (unsigned long long)iters, BURST);
	printf("%10s %14s %14s %14s\n", "bindings", "ns/pkt single", "ns/pkt burst", "bytes/binding");
	double first[2] = {0}, last[2] = {0};
	for (unsigned s = 0; s < nsizes; s++) {
		mip6_dp_t *dp = setup(sizes[s], &st);
		double single = measure(dp, sizes[s], iters, 0);
		double bursty = measure(dp, sizes[s], iters, 1);
		double per = (double)mip6_dp_memory(dp) / (double)mip6_dp_bc_count(dp);
		printf("%10u %14.1f %14.1f %14.1f\n", sizes[s], single, bursty, per);
		if (s == 0) {
			first[0] = single;
			first[1] = bursty;
		}
		last[0] = single;
		last[1] = bursty;
		mip6_dp_free(dp);
	}
	if (nsizes > 1)
		printf("ratio %u/%u: single %.2f, burst %.2f\n", sizes[nsizes - 1], sizes[0],
		       last[0] / first[0], last[1] / first[1]);

	printf("\nNode level: the same packets through mip6_node_input at the HA (intercept,\n");
	printf("hop limit, encapsulation, env.send) and mip6_node_output; 'burst':\n");
	printf("mip6_node_input_burst / mip6_node_output_burst, %d at a time\n", BURST);
	printf("%10s %14s %14s %14s %14s\n", "bindings", "in single", "in burst", "out single", "out burst");
	double nfirst[4] = {0}, nlast[4] = {0};
	for (unsigned s = 0; s < nsizes; s++) {
		mip6_node_t *nd = node_setup(sizes[s]);
		double r[4];
		for (int k = 0; k < 4; k++)
			r[k] = measure_node(nd, sizes[s], iters, k & 1, k < 2);
		printf("%10u %14.1f %14.1f %14.1f %14.1f\n", sizes[s], r[0], r[1], r[2], r[3]);
		for (int k = 0; k < 4; k++) {
			if (s == 0)
				nfirst[k] = r[k];
			nlast[k] = r[k];
		}
		mip6_node_free(nd);
	}
	if (nsizes > 1)
		printf("ratio %u/%u: in single %.2f, in burst %.2f, out single %.2f, out burst %.2f\n",
		       sizes[nsizes - 1], sizes[0], nlast[0] / nfirst[0], nlast[1] / nfirst[1],
		       nlast[2] / nfirst[2], nlast[3] / nfirst[3]);
	return 0;
}
