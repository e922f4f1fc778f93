/* SPDX-License-Identifier: BSD-3-Clause */
/* The smallest binding: a node over a dummy env, enabled as a correspondent
 * node, given a Home Test Init; it must answer with a Home Test (whose keygen
 * token needs the crypto seam), then be freed with nothing left allocated.
 * Exit 0 when all of that happened. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mip6/env.h"
#include "mip6/ipv6.h"
#include "mip6/mh.h"
#include "mip6/node.h"

struct ctx {
	long live;        /* blocks allocated and not freed */
	unsigned sent;    /* packets the core sent */
	int hot_seen;     /* one of them was a Home Test */
	uint8_t seed;
};

static void *env_alloc(void *c, void *ptr, size_t size)
{
	struct ctx *x = c;
	if (size == 0) {
		x->live--;
		free(ptr);
		return NULL;
	}
	void *p = realloc(ptr, size);
	if (p && !ptr)
		x->live++;
	return p;
}

static void env_send(void *c, uint32_t ifindex, const uint8_t *pkt, size_t len)
{
	struct ctx *x = c;
	(void)ifindex;
	x->sent++;
	/* IPv6 header, then the MH straight after it: type at offset 2. */
	if (len >= MIP6_IP6_HLEN + 8 && pkt[6] == MIP6_PROTO_MH && pkt[MIP6_IP6_HLEN + 2] == MIP6_MH_HOT)
		x->hot_seen = 1;
}

static void env_deliver(void *c, const uint8_t *pkt, size_t len)
{
	(void)c;
	(void)pkt;
	(void)len;
}

static void env_op_submit(void *c, const mip6_op_t *op)
{
	(void)c;
	(void)op;
}

static void env_random(void *c, uint8_t *out, size_t len)
{
	struct ctx *x = c;
	for (size_t i = 0; i < len; i++)
		out[i] = x->seed++;
}

static size_t build_hoti(uint8_t *out, size_t cap, const mip6_addr_t *src, const mip6_addr_t *dst)
{
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_HOTI);
	memcpy(m.u.init.cookie, "cookie!!", 8);
	int mlen = mip6_mh_emit(&m, src, dst, 0, out + MIP6_IP6_HLEN, cap - MIP6_IP6_HLEN);
	if (mlen < 0)
		return 0;
	mip6_ip6_t h = {.plen = (uint16_t)mlen, .nxt = MIP6_PROTO_MH, .hlim = 64, .src = *src, .dst = *dst};
	mip6_ip6_emit(&h, out);
	return MIP6_IP6_HLEN + (size_t)mlen;
}

int main(void)
{
	struct ctx x = {0};
	mip6_env_t env = {.ctx = &x,
			  .send = env_send,
			  .deliver = env_deliver,
			  .op_submit = env_op_submit,
			  .random = env_random,
			  .alloc = {.fn = env_alloc, .ctx = &x}};
	mip6_ns_t now = MIP6_SEC(1);
	mip6_node_t *n = mip6_node_new(&env, now);
	if (!n || mip6_node_enable_cn(n) != 0) {
		fprintf(stderr, "consumer: node or CN not created\n");
		return 1;
	}
	mip6_addr_t hoa, cn;
	mip6_addr_pton("2001:db8:1::1000", &hoa);
	mip6_addr_pton("2001:db8:c::2", &cn);
	uint8_t pkt[256];
	size_t len = build_hoti(pkt, sizeof(pkt), &hoa, &cn);
	mip6_verdict_t v = mip6_node_input(n, 1, pkt, len, now);
	mip6_ns_t next = mip6_node_next_timeout(n);
	if (next != MIP6_NS_NEVER)
		mip6_node_timeout(n, next > now ? next : now);
	mip6_node_free(n);
	printf("consumer: verdict %d, %u sent, home test %s, %ld blocks left\n", (int)v, x.sent,
	       x.hot_seen ? "yes" : "no", x.live);
	return len && v == MIP6_CONSUMED && x.hot_seen && x.live == 0 ? 0 : 1;
}
