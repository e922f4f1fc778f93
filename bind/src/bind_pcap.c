/* SPDX-License-Identifier: BSD-3-Clause */
#include "mip6/bind_pcap.h"

static void record(mip6_bind_pcap_tap_t *t, int dir, uint32_t ifindex, const uint8_t *pkt, size_t len,
                   mip6_ns_t now)
{
	if (!t->sink || !(t->dirs & (1u << dir)))
		return;
	mip6_bind_pkt_rec_t r = {now, dir, ifindex, pkt, len};
	t->records++;
	t->sink(t->sink_ctx, &r);
}

static void tap_send(void *ctx, uint32_t ifindex, const uint8_t *pkt, size_t len)
{
	mip6_bind_pcap_tap_t *t = ctx;
	record(t, MIP6_BIND_DIR_SENT, ifindex, pkt, len, t->bind ? mip6_bind_now(t->bind) : 0);
	t->w.inner.send(t->w.inner.ctx, ifindex, pkt, len);
}

static void tap_core(void *ctx, int dir, uint32_t ifindex, const uint8_t *pkt, size_t len, mip6_ns_t now)
{
	record(ctx, dir, ifindex, pkt, len, now);
}

void mip6_bind_pcap_tap_init(mip6_bind_pcap_tap_t *t, const mip6_env_t *inner, mip6_bind_rec_fn sink,
                             void *ctx)
{
	mip6_bind_wrap_init(&t->w, inner);
	t->w.env.send = tap_send;
	t->bind = NULL;
	t->sink = sink;
	t->sink_ctx = ctx;
	t->dirs = MIP6_BIND_PCAP_ALL;
	t->records = 0;
}

void mip6_bind_pcap_tap_attach(mip6_bind_pcap_tap_t *t, mip6_bind_t *b)
{
	t->bind = b;
	mip6_bind_set_tap(b, tap_core, t);
}
