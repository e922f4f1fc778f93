/* SPDX-License-Identifier: BSD-3-Clause */
/* The smallest binding of the core: two nodes in memory, a home agent and a
 * mobile node away from home with a static care-of address, joined by a
 * mailbox that hands each packet one node sends to the other through its
 * binding context. The platform answers every operation at once (DAD:
 * unique, everything else: done); the context defers those answers until
 * the call that submitted them returns. Exits 0 when the mobile node has
 * received a Binding Acknowledgement with status 0. With a file argument
 * (and mip6bind_pcap built) it also writes what the MN sent and received. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mip6/bind.h"
#include "mip6/bind_pcap.h"
#include "mip6/bind_trace.h"
#include "mip6/mh.h"
#ifdef MIP6_HAVE_BIND_PCAP
#include "mip6/bind_pcap_file.h"
#endif

typedef struct peer {
	const char *name;
	mip6_env_t plat;
	mip6_bind_tracer_t tracer;
	mip6_bind_pcap_tap_t tap;
	mip6_bind_t *b;
	struct peer *other;
	uint64_t rnd;
} peer_t;

static mip6_ns_t now;
static struct {
	peer_t *to;
	size_t len;
	uint8_t pkt[1500];
} box[64]; /* packets in flight */
static unsigned box_head, box_n;

static void *heap(void *ctx, void *p, size_t n)
{
	(void)ctx;
	if (n)
		return realloc(p, n);
	free(p);
	return NULL;
}

static void plat_send(void *ctx, uint32_t ifindex, const uint8_t *pkt, size_t len)
{
	peer_t *self = ctx;
	(void)ifindex; /* one wire: whatever is sent reaches the other node */
	if (box_n == 64 || len > sizeof(box[0].pkt))
		return; /* a full wire drops, like a real one */
	unsigned i = (box_head + box_n++) % 64;
	box[i].to = self->other;
	box[i].len = len;
	memcpy(box[i].pkt, pkt, len);
}

static void plat_deliver(void *ctx, const uint8_t *pkt, size_t len)
{
	(void)pkt;
	printf("%8.3f %s: delivered %zu bytes to the stack\n", (double)now / 1e9, ((peer_t *)ctx)->name, len);
}

/* Answered at once; the context passes the answer on after this call. */
static void plat_op(void *ctx, const mip6_op_t *op)
{
	peer_t *self = ctx;
	mip6_bind_answer_op(self->b, op->id, 0); /* MIP6_OP_DAD: 0 is unique */
}

static void plat_random(void *ctx, uint8_t *out, size_t len)
{
	peer_t *self = ctx;
	for (size_t i = 0; i < len; i++) {
		self->rnd ^= self->rnd << 13;
		self->rnd ^= self->rnd >> 7;
		self->rnd ^= self->rnd << 17;
		out[i] = (uint8_t)self->rnd;
	}
}

static void print_line(void *ctx, unsigned format, const char *line, size_t len)
{
	(void)format;
	(void)len;
	printf("%8.3f %s: %s\n", (double)now / 1e9, ((peer_t *)ctx)->name, line);
}

static mip6_addr_t addr(const char *s)
{
	mip6_addr_t a;
	mip6_addr_pton(s, &a);
	return a;
}

static int peer_init(peer_t *p, const char *name, uint64_t seed, mip6_bind_rec_fn pcap, void *pcap_ctx)
{
	memset(p, 0, sizeof(*p));
	p->name = name;
	p->rnd = seed;
	p->plat = (mip6_env_t){.ctx = p,
	                       .send = plat_send,
	                       .deliver = plat_deliver,
	                       .op_submit = plat_op,
	                       .random = plat_random,
	                       .alloc = {heap, NULL}};
	mip6_bind_tracer_init(&p->tracer, &p->plat, MIP6_BIND_TRACE_TEXT, print_line, p);
	mip6_bind_pcap_tap_init(&p->tap, mip6_bind_tracer_env(&p->tracer), pcap, pcap_ctx);
	p->b = mip6_bind_new(mip6_bind_pcap_tap_env(&p->tap), NULL);
	if (!p->b)
		return -1;
	mip6_bind_pcap_tap_attach(&p->tap, p->b);
	mip6_iface_cfg_t ifc = {.ifindex = 1, .lladdr = {2, 0, 0, 0, 0, (uint8_t)seed}, .lladdr_len = 6};
	mip6_node_t *n = mip6_bind_node_new(p->b, now);
	return n && mip6_node_add_iface(n, &ifc) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	void *pcap_file = NULL;
	mip6_bind_rec_fn pcap = NULL;
#ifdef MIP6_HAVE_BIND_PCAP
	if (argc > 1 && !(pcap_file = mip6_bind_pcap_file_open(argv[1])))
		return 2;
	pcap = pcap_file ? mip6_bind_pcap_file_record : NULL;
#endif
	(void)argc;
	(void)argv;
	peer_t ha, mn;
	if (peer_init(&ha, "ha", 1, NULL, NULL) || peer_init(&mn, "mn", 2, pcap, pcap_file))
		return 1;
	ha.other = &mn;
	mn.other = &ha;
	const mip6_addr_t ha_addr = addr("2001:db8:1::1"), hoa = addr("2001:db8:1::100"),
	                  coa = addr("2001:db8:2::100");

	mip6_ha_cfg_t hc = {.home_ifindex = 1,
	                    .addr = ha_addr,
	                    .home_prefix = {addr("2001:db8:1::"), 64},
	                    .max_lifetime_s = 3600};
	mip6_mn_cfg_t mc = {.hoa = hoa, .home_plen = 64, .ha = ha_addr, .lifetime_s = 600};
	int rc = 0;
	mip6_bind_enter(ha.b, now); /* enable_* are no entry points of the context: guard them by hand */
	rc |= mip6_node_enable_ha(mip6_bind_node(ha.b), &hc);
	mip6_bind_leave(ha.b);
	mip6_bind_enter(mn.b, now);
	rc |= mip6_node_enable_mn(mip6_bind_node(mn.b), &mc);
	mip6_bind_leave(mn.b);
	if (rc)
		return 1;
	mip6_bind_link(ha.b, 1, true, now);
	mip6_bind_addr(ha.b, 1, &ha_addr, 64, 0, true, now);
	mip6_bind_link(mn.b, 1, true, now);
	/* What movement detection would find: a care-of address, on a foreign link. */
	mip6_bind_addr(mn.b, 1, &coa, 64, MIP6_ADDRF_COA, true, now);
	mip6_bus_msg_t md = {.type = MIP6_BUS_MD_INFO, .cmd = MIP6_MD_NEW_COA, .ifindex = 1, .coa = coa};
	uint8_t msg[MIP6_BUS_WIRE_MAX];
	int len = mip6_bus_encode(&md, msg, sizeof(msg));
	if (len < 0 || mip6_bind_bus_input(mn.b, msg, (size_t)len, now) != 0)
		return 1;

	const mip6_stats_t *st = mip6_node_stats(mip6_bind_node(mn.b));
	while (st->ba_rcvd[MIP6_BA_ACCEPTED] == 0 && now < MIP6_SEC(60)) {
		if (box_n) { /* the wire first: everything in flight arrives now */
			unsigned i = box_head;
			box_head = (box_head + 1) % 64;
			box_n--;
			mip6_bind_input(box[i].to->b, 1, box[i].pkt, box[i].len, now);
			continue;
		}
		mip6_ns_t t1 = mip6_bind_next_timer(ha.b, now), t2 = mip6_bind_next_timer(mn.b, now);
		mip6_ns_t t = t1 < t2 ? t1 : t2;
		if (t == MIP6_NS_NEVER)
			break;
		now = t;
		if (t1 <= now)
			mip6_bind_timeout(ha.b, now);
		if (t2 <= now)
			mip6_bind_timeout(mn.b, now);
	}
	const int ok = st->ba_rcvd[MIP6_BA_ACCEPTED] > 0;
	printf("%8.3f mn: %s (MH sent %llu, BA status 0 received %llu; ops pending: ha %zu, mn %zu)\n",
	       (double)now / 1e9, ok ? "home registration accepted" : "no accepted binding",
	       (unsigned long long)st->tx_mh, (unsigned long long)st->ba_rcvd[MIP6_BA_ACCEPTED],
	       mip6_bind_ops_pending(mip6_bind_ledger(ha.b)), mip6_bind_ops_pending(mip6_bind_ledger(mn.b)));
	mip6_bind_free(ha.b);
	mip6_bind_free(mn.b);
#ifdef MIP6_HAVE_BIND_PCAP
	mip6_bind_pcap_file_close(pcap_file);
#endif
	return ok ? 0 : 1;
}
