/* SPDX-License-Identifier: BSD-3-Clause */
/* Binding Updates processed per second by the home agent component: a node
 * with the HA role only over a fake env (sends counted, DAD answered once,
 * no tracing), N mobile nodes registered once, then refresh BUs with
 * increasing sequence numbers fed through mip6_node_input round-robin.
 * Each BU is decoded, validated, applied (binding cache, lifetime timer,
 * data-plane entry) and answered with a BA, as in operation. Also the
 * bytes of memory per binding (HA state + data plane) after N first
 * registrations.
 *
 *   ha_bench                         the table (N = 1000 and 100000)
 *   ha_bench --sizes 1000,5000       other sizes
 *   ha_bench --auth                  RFC 4285 MN-HA authentication on every BU
 *                                    (packets pre-signed before timing)
 *   ha_bench --one N --bus K [--auth]
 *                                    N nodes, K refresh BUs, no timing (for
 *                                    callgrind: scripts/bench-ha.sh)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mip6/auth.h"
#include "mip6/buf.h"
#include "mip6/err.h"
#include "mip6/mh.h"
#include "mip6/node.h"
#include "mip6/packet.h"
#include "mip6/view.h"

/* The data plane's tables (mip6/view.h): bindings and their memory. */
static uint64_t dp_bindings(const mip6_node_t *n)
{
	mip6_view_node_t v;
	mip6_view_node(n, &v);
	return v.dp_bindings;
}

static size_t dp_memory(const mip6_node_t *n)
{
	mip6_view_node_t v;
	mip6_view_node(n, &v);
	return (size_t)v.dp_memory;
}

/* --- the fake env --- */

/* Counts the bytes the core asks for (a header keeps each block's size). */
static size_t live_bytes, live_blocks;

static void *bench_alloc(void *ctx, void *p, size_t n)
{
	(void)ctx;
	size_t *h = p ? (size_t *)p - 2 : NULL;
	if (n == 0) {
		if (h) {
			live_bytes -= h[0];
			live_blocks--;
			free(h);
		}
		return NULL;
	}
	size_t old = h ? h[0] : 0;
	size_t *q = realloc(h, n + 2 * sizeof(size_t));
	if (!q)
		return NULL;
	if (!h)
		live_blocks++;
	live_bytes += n - old;
	q[0] = n;
	return q + 2;
}

static uint64_t sent, sent_bytes;
static uint32_t dad_ops[1u << 20];
static uint32_t n_dad;
static uint64_t other_ops;

static void env_send(void *ctx, uint32_t ifindex, const uint8_t *pkt, size_t len)
{
	(void)ctx;
	(void)ifindex;
	(void)pkt;
	sent++;
	sent_bytes += len;
}

static void env_deliver(void *ctx, const uint8_t *pkt, size_t len)
{
	(void)ctx;
	(void)pkt;
	(void)len;
}

static void env_op_submit(void *ctx, const mip6_op_t *op)
{
	(void)ctx;
	if (op->kind == MIP6_OP_DAD && n_dad < sizeof(dad_ops) / sizeof(dad_ops[0]))
		dad_ops[n_dad++] = op->id;
	else
		other_ops++;
}

static uint64_t rng = 0x2545f4914f6cdd1dull;

static void env_random(void *ctx, uint8_t *out, size_t len)
{
	(void)ctx;
	for (size_t i = 0; i < len; i++) {
		rng ^= rng << 13;
		rng ^= rng >> 7;
		rng ^= rng << 17;
		out[i] = (uint8_t)rng;
	}
}

static double cpu_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* --- addresses and packets --- */

static void addr_of(mip6_addr_t *a, uint8_t b5, uint32_t i)
{
	static const uint8_t base[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 1};
	memcpy(a->b, base, 16);
	a->b[5] = b5;
	a->b[12] = (uint8_t)(i >> 24);
	a->b[13] = (uint8_t)(i >> 16);
	a->b[14] = (uint8_t)(i >> 8);
	a->b[15] = (uint8_t)i;
}

static void hoa_of(mip6_addr_t *a, uint32_t i)
{
	addr_of(a, 1, i + 0x1000); /* 2001:db8:1::/64, the home prefix */
}

static void coa_of(mip6_addr_t *a, uint32_t i)
{
	addr_of(a, 0xf1, i + 0x1000);
}

static const mip6_addr_t ha_addr = {{0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}};

#define PKT_MAX 160
#define MH_OFF (MIP6_IP6_HLEN + MIP6_HAO_DSTOPT_LEN) /* IPv6 header, Destination Options (HAO) */

static int use_auth;

static mip6_auth_cfg_t auth_of(uint32_t i)
{
	mip6_auth_cfg_t a;
	memset(&a, 0, sizeof(a));
	a.enabled = 1;
	a.spi = 0x1000 + i;
	a.key_len = 20;
	for (unsigned k = 0; k < 20; k++)
		a.key[k] = (uint8_t)(i * 31 + k);
	a.nai_len = (uint8_t)snprintf((char *)a.nai, sizeof(a.nai), "mn%u@ha", i);
	return a;
}

/* The BU of node i with sequence number seq (and RFC 4285 timestamp ts):
 * src CoA, HAO HoA, to the HA. Returns its length. */
static size_t build_bu(uint8_t *out, uint32_t i, uint16_t seq, uint64_t ts)
{
	mip6_addr_t hoa, coa;
	hoa_of(&hoa, i);
	coa_of(&coa, i);
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BU);
	m.u.bu.seq = seq;
	m.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H;
	m.u.bu.lifetime = 900; /* 3600 s */
	mip6_auth_cfg_t a = auth_of(i);
	if (use_auth) {
		mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_MNID);
		o->len = (uint8_t)(1 + a.nai_len);
		o->u.mnid.subtype = MIP6_MNID_SUBTYPE_NAI;
		o->u.mnid.id = a.nai;
		o = mip6_mh_add_opt(&m, MIP6_OPT_MESGID);
		o->u.timestamp = ts;
		o = mip6_mh_add_opt(&m, MIP6_OPT_MNAUTH);
		o->len = 5 + MIP6_MNHA_AUTH_LEN;
		o->u.mnauth.subtype = MIP6_MNAUTH_SUBTYPE_MNHA;
		o->u.mnauth.spi = a.spi;
	}
	uint8_t mem[256 + PKT_MAX];
	mip6_buf_t b;
	mip6_buf_init(&b, mem, sizeof(mem), 256);
	int n = mip6_mh_emit(&m, &hoa, &ha_addr, 0, mip6_buf_data(&b), mip6_buf_tailroom(&b));
	if (n < 0) {
		fprintf(stderr, "ha_bench: emit %d\n", n);
		exit(1);
	}
	mip6_buf_put(&b, (size_t)n);
	if (use_auth && mip6_auth_sign_mh(mip6_buf_data(&b), (size_t)n, a.key, a.key_len, &coa, &hoa, &hoa,
	                                  &ha_addr) != 0) {
		fprintf(stderr, "ha_bench: sign failed\n");
		exit(1);
	}
	mip6_ip6_t h = {.nxt = MIP6_PROTO_DSTOPTS, .hlim = 64, .src = coa, .dst = ha_addr};
	if (mip6_buf_push_hao(&b, MIP6_PROTO_MH, &hoa) || mip6_buf_push_ip6(&b, &h) || b.len > PKT_MAX) {
		fprintf(stderr, "ha_bench: packet build failed\n");
		exit(1);
	}
	memcpy(out, mip6_buf_data(&b), b.len);
	return b.len;
}

/* Sets the BU's sequence number and patches its checksum (RFC 1624
 * incremental update), as a fresh BU from the node would carry. */
static void set_seq(uint8_t *pkt, uint16_t seq)
{
	uint8_t *mh = pkt + MH_OFF;
	uint16_t old = (uint16_t)(mh[6] << 8 | mh[7]);
	uint16_t ck = (uint16_t)(mh[4] << 8 | mh[5]);
	uint32_t sum = (uint16_t)~ck + (uint32_t)(uint16_t)~old + seq;
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	ck = (uint16_t)~sum;
	mh[6] = (uint8_t)(seq >> 8);
	mh[7] = (uint8_t)seq;
	mh[4] = (uint8_t)(ck >> 8);
	mh[5] = (uint8_t)ck;
}

/* --- the home agent --- */

typedef struct bench {
	mip6_node_t *node;
	uint32_t n;
	uint8_t (*pkts)[PKT_MAX]; /* one BU per node (plain), or per node and round (auth) */
	uint16_t *lens;
	uint32_t rounds; /* auth: pre-signed rounds */
	uint16_t seq;    /* the sequence number of the last round sent */
	mip6_ns_t now;
	size_t base_bytes, bound_bytes, dp_bytes, client_bytes;
} bench_t;

static void die(const char *what, int rc)
{
	fprintf(stderr, "ha_bench: %s: %d\n", what, rc);
	exit(1);
}

static void ha_setup(bench_t *b, uint32_t n, uint32_t rounds)
{
	memset(b, 0, sizeof(*b));
	b->n = n;
	b->rounds = use_auth ? rounds : 1;
	b->now = MIP6_SEC(1);
	n_dad = 0;
	if (n > sizeof(dad_ops) / sizeof(dad_ops[0]))
		die("too many nodes", (int)n);
	mip6_env_t env = {.send = env_send,
	                  .deliver = env_deliver,
	                  .op_submit = env_op_submit,
	                  .random = env_random,
	                  .alloc = {bench_alloc, NULL}};
	size_t before_node = live_bytes;
	b->node = mip6_node_new(&env, b->now);
	if (!b->node)
		die("mip6_node_new", 0);
	mip6_iface_cfg_t ifc = {.ifindex = 1};
	int rc = mip6_node_add_iface(b->node, &ifc);
	if (rc)
		die("add_iface", rc);
	mip6_node_link(b->node, 1, true, b->now);
	mip6_ha_client_t *cl = NULL;
	mip6_ha_cfg_t cfg = {.home_ifindex = 1, .addr = ha_addr, .max_lifetime_s = 3600};
	hoa_of(&cfg.home_prefix.prefix, 0);
	memset(cfg.home_prefix.prefix.b + 8, 0, 8);
	cfg.home_prefix.plen = 64;
	if (use_auth) {
		/* RFC 4285 needs each node's key: the HA serves its clients only. */
		cl = calloc(n, sizeof(*cl));
		if (!cl)
			die("calloc", 0);
		for (uint32_t i = 0; i < n; i++) {
			hoa_of(&cl[i].hoa, i);
			cl[i].auth = auth_of(i);
		}
		cfg.serve_only_clients = true;
		cfg.nclients = n;
		cfg.clients = cl;
	}
	size_t before_ha = live_bytes;
	rc = mip6_node_enable_ha(b->node, &cfg);
	if (rc)
		die("enable_ha", rc);
	free(cl);
	(void)before_node;
	b->base_bytes = live_bytes;
	b->client_bytes = 0;
	if (use_auth) {
		/* The client table (and its index): per configured node, not per binding. */
		b->client_bytes = (live_bytes - before_ha);
	}

	b->pkts = malloc((size_t)n * b->rounds * PKT_MAX);
	b->lens = malloc((size_t)n * b->rounds * sizeof(*b->lens));
	if (!b->pkts || !b->lens)
		die("malloc", 0);
	/* Round 0 registers (sequence number 1); refreshes count up from 2. */
	for (uint32_t r = 0; r < b->rounds; r++)
		for (uint32_t i = 0; i < n; i++)
			b->lens[(size_t)r * n + i] = (uint16_t)build_bu(b->pkts[(size_t)r * n + i], i,
			                                                (uint16_t)(r + 1), (uint64_t)r + 1);
	b->seq = 1;

	/* First registrations: every one waits for DAD of its home address,
	 * answered once for all (in order, as a platform would). */
	for (uint32_t i = 0; i < n; i++) {
		b->now += 1000;
		if (mip6_node_input(b->node, 1, b->pkts[i], b->lens[i], b->now) != MIP6_CONSUMED)
			die("first BU not consumed", (int)i);
	}
	if (n_dad != n)
		die("DAD operations", (int)n_dad);
	for (uint32_t i = 0; i < n_dad; i++)
		mip6_node_op_result(b->node, dad_ops[i], 0, b->now);
	const mip6_stats_t *st = mip6_node_stats(b->node);
	if (st->ba_sent[MIP6_BA_ACCEPTED] != n || dp_bindings(b->node) != n)
		die("registrations accepted", (int)st->ba_sent[MIP6_BA_ACCEPTED]);
	b->bound_bytes = live_bytes;
	b->dp_bytes = dp_memory(b->node);
}

/* Feeds k refresh BUs round-robin (the sequence number goes up by one per
 * round); returns how many were accepted. */
static uint64_t refresh(bench_t *b, uint64_t k)
{
	const mip6_stats_t *st = mip6_node_stats(b->node);
	const uint64_t ok0 = st->ba_sent[MIP6_BA_ACCEPTED];
	uint32_t i = 0;
	size_t row = 0;
	for (uint64_t c = 0; c < k; c++) {
		if (i == 0) {
			b->seq++;
			if (use_auth) {
				/* The next pre-signed round; wrap to 1 only by
				 * starting over (sequence numbers must grow). */
				if (b->seq > b->rounds)
					die("not enough pre-signed rounds", (int)b->seq);
				row = (size_t)(b->seq - 1) * b->n;
			}
		}
		uint8_t *pkt = b->pkts[row + i];
		if (!use_auth)
			set_seq(pkt, b->seq);
		b->now += 100;
		mip6_node_input(b->node, 1, pkt, b->lens[row + i], b->now);
		if (++i == b->n)
			i = 0;
	}
	return st->ba_sent[MIP6_BA_ACCEPTED] - ok0;
}

static void ha_teardown(bench_t *b)
{
	mip6_node_free(b->node);
	free(b->pkts);
	free(b->lens);
	if (live_blocks || live_bytes) {
		fprintf(stderr, "ha_bench: %zu blocks (%zu bytes) leaked\n", live_blocks, live_bytes);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	uint32_t sizes[8] = {1000, 100000};
	unsigned nsizes = 2;
	int sizes_given = 0;
	long one = -1;
	uint64_t bus = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--auth")) {
			use_auth = 1;
		} else if (!strcmp(argv[i], "--one") && i + 1 < argc) {
			one = atol(argv[++i]);
		} else if (!strcmp(argv[i], "--bus") && i + 1 < argc) {
			bus = strtoull(argv[++i], NULL, 10);
		} else if (!strcmp(argv[i], "--sizes") && i + 1 < argc) {
			nsizes = 0;
			sizes_given = 1;
			for (char *s = strtok(argv[++i], ","); s && nsizes < 8; s = strtok(NULL, ","))
				sizes[nsizes++] = (uint32_t)atol(s);
		} else {
			fprintf(stderr, "usage: ha_bench [--sizes N,N,..] [--auth] [--one N --bus K]\n");
			return 2;
		}
	}

	if (use_auth && !sizes_given)
		sizes[1] = 20000; /* pre-signed packets: rounds x nodes x 160 bytes */

	if (one > 0) {
		bench_t b;
		uint32_t rounds = (uint32_t)(bus / (uint64_t)one + 2);
		ha_setup(&b, (uint32_t)one, rounds);
		uint64_t ok = refresh(&b, bus);
		ha_teardown(&b);
		return ok == bus ? 0 : 3;
	}

	printf("HA: refresh Binding Updates through mip6_node_input (decode, checks, binding\n");
	printf("cache + lifetime timer + data-plane entry, BA built and sent), one core,\n");
	printf("%s; best of 5 runs; memory after N first registrations\n",
	       use_auth ? "RFC 4285 MN-HA authentication (HMAC-SHA1 verify + sign)" : "no authentication");
	printf("%10s %12s %10s %14s %12s %12s\n", "nodes", "BUs/s", "ns/BU", "bytes/binding", "of which dp",
	       "client cfg");
	for (unsigned s = 0; s < nsizes; s++) {
		uint32_t n = sizes[s];
		uint64_t per_run = n < 200000 ? 200000 : n;
		if (use_auth)
			per_run = n < 50000 ? 50000 : n;
		uint32_t rounds = (uint32_t)(6 * ((per_run + n - 1) / n) + 2);
		bench_t b;
		ha_setup(&b, n, rounds);
		double best = 1e30;
		for (int rep = 0; rep < 5; rep++) {
			double t0 = cpu_ns();
			uint64_t ok = refresh(&b, per_run);
			double ns = (cpu_ns() - t0) / (double)per_run;
			if (ok != per_run)
				die("refreshes accepted", (int)ok);
			if (ns < best)
				best = ns;
		}
		double per = (double)(b.bound_bytes - b.base_bytes) / n;
		printf("%10u %12.0f %10.1f %14.1f %12.1f %12.1f\n", n, 1e9 / best, best, per,
		       (double)b.dp_bytes / n, (double)b.client_bytes / n);
		ha_teardown(&b);
	}
	return 0;
}
