/* Per-packet cost of the data plane at the home agent: binding lookup and
 * IPv6-in-IPv6 encapsulation (mip6_dp_output) with 1k, 100k and 1M
 * bindings, each packet to a random bound home address, and the memory
 * per binding (mip6_dp_memory / bindings).
 *
 *   dp_bench                      the table (sizes 1000, 100000, 1000000)
 *   dp_bench --sizes 1000,5000    other sizes
 *   dp_bench --no-huge            no transparent huge pages for big tables
 *   dp_bench --one N --iters K [--burst]
 *                                 N bindings, K packets, no timing (for
 *                                 callgrind: scripts/bench-dp.sh)
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

#include "mip6/dp.h"
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
	int burst = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--no-huge")) {
			use_huge = 0;
		} else if (!strcmp(argv[i], "--one") && i + 1 < argc) {
			one = atol(argv[++i]);
		} else if (!strcmp(argv[i], "--burst")) {
			burst = 1;
		} else if (!strcmp(argv[i], "--iters") && i + 1 < argc) {
			iters = strtoull(argv[++i], NULL, 10);
		} else if (!strcmp(argv[i], "--sizes") && i + 1 < argc) {
			nsizes = 0;
			for (char *s = strtok(argv[++i], ","); s && nsizes < 8; s = strtok(NULL, ","))
				sizes[nsizes++] = (uint32_t)atol(s);
		} else {
			fprintf(
			    stderr,
			    "usage: dp_bench [--sizes N,N,..] [--no-huge] [--one N --iters K [--burst]]\n");
			return 2;
		}
	}
	make_packets();
	mip6_stats_t st = {0};

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
	return 0;
}
