/* SPDX-License-Identifier: BSD-3-Clause */
/* fuzz_node's env: callbacks that only record (they never call into the
 * node), an allocator that counts and fails chosen allocations, and the
 * invariants checked on everything the node does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "node_fuzz.h"

fz_state_t fz;
bool fz_debug;

uint8_t prog_u8(prog_t *r)
{
	return r->i < r->n ? r->p[r->i++] : 0;
}

uint16_t prog_u16(prog_t *r)
{
	uint16_t hi = prog_u8(r);
	return (uint16_t)((hi << 8) | prog_u8(r));
}

uint32_t prog_u32(prog_t *r)
{
	uint32_t hi = prog_u16(r);
	return (hi << 16) | prog_u16(r);
}

bool prog_done(const prog_t *r)
{
	return r->i >= r->n;
}

/* Callbacks run only inside a node call, and never inside each other. */
static void cb_enter(void)
{
	NODE_CHECK(fz.depth == 1, "env callback outside a mip6_node_* call");
	NODE_CHECK(!fz.in_cb, "env callback re-entered");
	fz.in_cb = true;
}

static void cb_leave(void)
{
	fz.in_cb = false;
}

void fz_learn_addr(const mip6_addr_t *a)
{
	if (mip6_addr_is_unspec(a) || a->b[0] == 0xff)
		return;
	for (unsigned i = 0; i < fz.ndyn; i++)
		if (mip6_addr_eq(&fz.dyn[i], a))
			return;
	fz.dyn[fz.dyn_next] = *a;
	fz.dyn_next = (fz.dyn_next + 1) % MAX_DYN;
	if (fz.ndyn < MAX_DYN)
		fz.ndyn++;
}

static void remember_mh(const mip6_pkt_t *pk)
{
	const mip6_layer_t *in = &pk->layer[pk->nlayers - 1];
	const mip6_layer_t *out = &pk->layer[0];
	const mip6_mh_t *m = &pk->mh;
	switch (m->type) {
	case MIP6_MH_BU: {
		seen_bu_t *b = (m->u.bu.flags & MIP6_BU_F_H) ? &fz.bu_home : &fz.bu_cn;
		memset(b, 0, sizeof(*b));
		b->valid = true;
		b->seq = m->u.bu.seq;
		b->flags = m->u.bu.flags;
		b->lifetime = m->u.bu.lifetime;
		b->src = in->ip.src;
		b->dst = in->ip.dst;
		b->hoa = in->has_hao ? in->hao : in->ip.src;
		for (unsigned i = 0; i < m->nopts; i++)
			if (m->opts[i].type == MIP6_OPT_BID && b->nbid < MAX_BIDS)
				b->bid[b->nbid++] = m->opts[i].u.bid.bid;
			else if (m->opts[i].type == MIP6_OPT_MESGID) {
				b->has_ts = true;
				b->ts = m->opts[i].u.timestamp;
			}
		break;
	}
	case MIP6_MH_HOTI:
	case MIP6_MH_COTI: {
		seen_init_t *s = m->type == MIP6_MH_HOTI ? &fz.hoti : &fz.coti;
		s->valid = true;
		memcpy(s->cookie, m->u.init.cookie, 8);
		s->src = in->ip.src;
		s->dst = in->ip.dst;
		s->outer_src = out->ip.src;
		s->outer_dst = out->ip.dst;
		break;
	}
	case MIP6_MH_HOT:
	case MIP6_MH_COT: {
		seen_test_t *s = m->type == MIP6_MH_HOT ? &fz.hot : &fz.cot;
		s->valid = true;
		s->nonce_index = m->u.test.nonce_index;
		memcpy(s->keygen, m->u.test.keygen, 8);
		s->dst = in->ip.dst;
		s->src = in->ip.src;
		break;
	}
	default:
		break;
	}
}

static void remember_icmp6(const mip6_pkt_t *pk)
{
	const mip6_layer_t *in = &pk->layer[pk->nlayers - 1];
	if (pk->icmp6.type == MIP6_ICMP6_DHAAD_REQUEST) {
		fz.dhaad_valid = true;
		fz.dhaad_id = pk->icmp6.u.dhaad_req.id;
		fz.dhaad_src = in->ip.src;
	} else if (pk->icmp6.type == MIP6_ICMP6_MPS) {
		fz.mps_valid = true;
		fz.mps_id = pk->icmp6.u.mps.id;
		fz.mps_src = in->has_hao ? in->hao : in->ip.src;
	}
}

/* Every packet out of the node: an IPv6 header whose payload length is the
 * rest of the packet and a header chain the core's own walk accepts; when
 * nothing of it came from a malformed input, a strict parse with every
 * checksum right (RFC 6275 6.1.1 for the MH the node emits). */
static void dump(const uint8_t *p, size_t len)
{
	fprintf(stderr, "fuzz_node: the packet (%zu bytes):", len);
	for (size_t i = 0; i < len && i < 512; i++)
		fprintf(stderr, "%s%02x", i % 16 ? " " : "\n  ", p[i]);
	fprintf(stderr, "\n");
}

#define PKT_CHECK(cond, msg)                                                                                 \
	do {                                                                                                 \
		if (!(cond))                                                                                 \
			dump(p, len);                                                                        \
		NODE_CHECK(cond, msg);                                                                       \
	} while (0)

void fz_check_packet(const uint8_t *p, size_t len, bool delivered)
{
	static mip6_pkt_t pk;
	NODE_CHECK(p != NULL, "NULL packet");
	PKT_CHECK(len >= MIP6_IP6_HLEN, "packet shorter than an IPv6 header");
	PKT_CHECK((p[0] >> 4) == 6, "not IPv6");
	size_t plen = ((size_t)p[4] << 8) | p[5];
	PKT_CHECK(plen + MIP6_IP6_HLEN == len, "payload length does not match the packet");
	int rc = mip6_pkt_parse(p, len, MIP6_DEC_LENIENT, &pk);
	if (!fz.input_pristine) {
		/* Bytes of a malformed input may travel on: a packet the node
		 * delivers is the platform's to judge, and in one it sends only
		 * what the node put in front of them must parse. */
		if (delivered || rc == 0)
			goto learn;
		PKT_CHECK(pk.nlayers >= 1 && pk.layer[0].upper == MIP6_PROTO_IPV6 &&
		              pk.diag.offset >= pk.layer[0].upper_off,
		          "the header chain the node sent does not parse");
		goto learn;
	}
	PKT_CHECK(rc == 0, "lenient walk refuses the packet");
	PKT_CHECK(!(pk.warnings & MIP6_W_CAPLEN), "lengths run past the packet");
	PKT_CHECK(pk.nlayers >= 1, "no layer");
	/* Every tunnel the core builds wraps the whole inner packet. */
	if (pk.nlayers >= 2) {
		const mip6_layer_t *o = &pk.layer[0], *i1 = &pk.layer[1];
		PKT_CHECK(o->upper == MIP6_PROTO_IPV6, "tunnel layer under a non-tunnel header");
		PKT_CHECK(i1->off == o->upper_off, "inner header not where the outer chain ends");
	}
	rc = mip6_pkt_parse(p, len, MIP6_DEC_STRICT, &pk);
	if (rc != 0)
		fprintf(stderr, "fuzz_node: strict parse: %s at %u\n", pk.diag.why ? pk.diag.why : "?",
		        (unsigned)pk.diag.offset);
	PKT_CHECK(rc == 0, delivered ? "delivered packet is malformed" : "sent packet is malformed");
	PKT_CHECK(pk.cksum_ok != 0, "upper-layer checksum wrong");
learn:
	/* Learn from what the node sent. */
	if (!delivered && mip6_pkt_parse(p, len, MIP6_DEC_LENIENT, &pk) == 0) {
		if (pk.ul == MIP6_UL_MH)
			remember_mh(&pk);
		else if (pk.ul == MIP6_UL_ICMP6)
			remember_icmp6(&pk);
		fz_learn_addr(&pk.layer[0].ip.src);
	}
}

static void cb_send(void *ctx, uint32_t ifindex, const uint8_t *pkt, size_t len)
{
	(void)ctx;
	(void)ifindex;
	cb_enter();
	fz_check_packet(pkt, len, false);
	fz.sent++;
	cb_leave();
}

static void cb_deliver(void *ctx, const uint8_t *pkt, size_t len)
{
	(void)ctx;
	cb_enter();
	fz_check_packet(pkt, len, true);
	fz.delivered++;
	cb_leave();
}

static void cb_op_submit(void *ctx, const mip6_op_t *op)
{
	(void)ctx;
	cb_enter();
	NODE_CHECK(op->kind >= MIP6_OP_ADDR_ADD && op->kind <= MIP6_OP_TUNNEL_DEL, "unknown op kind");
	if (fz.nops == MAX_OPS) {
		memmove(&fz.ops[0], &fz.ops[1], sizeof(fz.ops[0]) * (MAX_OPS - 1));
		fz.nops--;
	}
	fz.ops[fz.nops++] = *op;
	if (op->kind == MIP6_OP_ADDR_ADD || op->kind == MIP6_OP_DAD)
		fz_learn_addr(&op->addr);
	cb_leave();
}

static void cb_random(void *ctx, uint8_t *out, size_t len)
{
	(void)ctx;
	cb_enter();
	for (size_t i = 0; i < len; i++) {
		fz.rng ^= fz.rng << 13;
		fz.rng ^= fz.rng >> 7;
		fz.rng ^= fz.rng << 17;
		out[i] = (uint8_t)(fz.rng >> 24);
	}
	cb_leave();
}

static void cb_trace(void *ctx, const mip6_trace_t *ev)
{
	(void)ctx;
	cb_enter();
	NODE_CHECK(ev->component != NULL && ev->what != NULL, "trace without component or text");
	NODE_CHECK(ev->kind >= MIP6_TR_STATE && ev->kind <= MIP6_TR_INFO, "unknown trace kind");
	if (ev->kind == MIP6_TR_STATE)
		NODE_CHECK(ev->from != NULL && ev->to != NULL, "state trace without states");
	if (fz_debug) {
		char a[MIP6_ADDR_STRLEN], b[MIP6_ADDR_STRLEN];
		fprintf(stderr, "  trace %s: %s%s%s%s%s %s %s %u\n", ev->component, ev->what,
		        ev->from ? " " : "", ev->from ? ev->from : "", ev->to ? "->" : "",
		        ev->to ? ev->to : "", mip6_addr_ntop(&ev->a, a), mip6_addr_ntop(&ev->b, b),
		        ev->value);
	}
	cb_leave();
}

static void cb_bus_out(void *ctx, const uint8_t *msg, size_t len)
{
	(void)ctx;
	cb_enter();
	mip6_bus_msg_t m;
	NODE_CHECK(len <= MIP6_BUS_WIRE_MAX, "bus message too long");
	NODE_CHECK(mip6_bus_decode(msg, len, &m) == (int)len, "bus message the node encoded does not decode");
	cb_leave();
}

static uint64_t cb_time_of_day(void *ctx)
{
	(void)ctx;
	cb_enter();
	/* 2026 in NTP seconds, plus the node's clock. */
	uint64_t secs = 3976000000ull + fz.now / 1000000000ull;
	uint64_t frac = ((fz.now % 1000000000ull) << 32) / 1000000000ull;
	cb_leave();
	return (secs << 32) | frac;
}

/* The core's allocator: counts live blocks and fails the chosen ones. */
static void *cb_alloc(void *ctx, void *ptr, size_t size)
{
	(void)ctx;
	/* Allocation is an env callback too, but the core may allocate from
	 * inside mip6_node_new, before any other callback. */
	NODE_CHECK(fz.depth == 1, "allocation outside a mip6_node_* call");
	NODE_CHECK(!fz.in_cb, "allocation inside an env callback");
	if (size == 0) {
		if (ptr) {
			fz.live_allocs--;
			free(ptr);
		}
		return NULL;
	}
	fz.alloc_count++;
	if (fz.fail_at && fz.alloc_count >= fz.fail_at && fz.alloc_count < fz.fail_at + 32 &&
	    ((fz.fail_mask | 1u) >> (fz.alloc_count - fz.fail_at) & 1u))
		return NULL;
	void *q = realloc(ptr, size);
	if (q && !ptr)
		fz.live_allocs++;
	return q;
}

void fz_env_init(bool with_time_of_day)
{
	memset(&fz.env, 0, sizeof(fz.env));
	fz.env.send = cb_send;
	fz.env.deliver = cb_deliver;
	fz.env.op_submit = cb_op_submit;
	fz.env.random = cb_random;
	fz.env.trace = cb_trace;
	fz.env.bus_out = cb_bus_out;
	fz.env.time_of_day = with_time_of_day ? cb_time_of_day : NULL;
	fz.env.alloc.fn = cb_alloc;
}

void fz_enter(void)
{
	NODE_CHECK(fz.depth == 0, "mip6_node_* call inside another");
	NODE_CHECK(!fz.in_cb, "mip6_node_* call from an env callback");
	fz.depth++;
}

/* Counters only grow. */
void fz_leave(void)
{
	fz.depth--;
	if (!fz.node)
		return;
	const mip6_stats_t *s = mip6_node_stats(fz.node);
	NODE_CHECK(s != NULL, "no stats");
	if (fz.have_stats) {
		const uint64_t *a = (const uint64_t *)(const void *)&fz.stats;
		const uint64_t *b = (const uint64_t *)(const void *)s;
		for (size_t i = 0; i < sizeof(*s) / sizeof(uint64_t); i++) {
			if (b[i] < a[i])
				fprintf(stderr, "fuzz_node: counter %zu went from %llu to %llu\n", i,
				        (unsigned long long)a[i], (unsigned long long)b[i]);
			NODE_CHECK(b[i] >= a[i], "a counter decreased");
		}
	}
	fz.stats = *s;
	fz.have_stats = true;
}

void fz_after_timeout(void)
{
	mip6_ns_t next = mip6_node_next_timeout(fz.node);
	NODE_CHECK(next >= fz.now, "next timeout in the past after mip6_node_timeout");
}

void fz_check_free(void)
{
	if (fz.live_allocs != 0)
		fprintf(stderr, "fuzz_node: %ld allocations live after mip6_node_free\n", fz.live_allocs);
	NODE_CHECK(fz.live_allocs == 0, "memory still allocated after mip6_node_free");
}
