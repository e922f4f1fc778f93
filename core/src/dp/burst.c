/* SPDX-License-Identifier: BSD-3-Clause */
/* Burst entry points: prefetch the binding-cache lines of every packet of
 * the burst first, then transform the packets one by one. With a million
 * bindings each lookup is a cache (and TLB) miss; issued together, the
 * misses overlap instead of being paid one after the other. */
#include "dp/dp_internal.h"
#include "mip6/ipv6.h"

static inline void prefetch_bc(const mip6_dp_t *dp, const uint8_t *addr)
{
#if defined(__GNUC__)
	mip6_addr_t a;
	memcpy(a.b, addr, 16);
	const uint8_t *e = dp->bc.slots + (size_t)dp_tab_home(&dp->bc, mip6_dp_hash_bc(dp, &a)) * dp->bc.esz;
	/* The probe run goes on to the first free slot: at a load of up to
	 * 1/2 that is two or three 40-byte slots, so three lines cover it. */
	__builtin_prefetch(e);
	__builtin_prefetch(e + 64);
	__builtin_prefetch(e + 128); /* past the table end is harmless: no fault */
#else
	(void)dp;
	(void)addr;
#endif
}

/* How many packets ahead the prefetch runs: enough transformations in
 * between to cover a memory access (a few hundred ns), few enough that the
 * prefetched lines are still there and the miss buffers not overrun. */
#ifndef DP_PREFETCH_AHEAD
#define DP_PREFETCH_AHEAD MIP6_DP_PREFETCH_AHEAD
#endif

void mip6_dp_prefetch_output(const mip6_dp_t *dp, const uint8_t *p, size_t len)
{
	if (dp && dp->bc.count && len >= MIP6_IP6_HLEN)
		prefetch_bc(dp, p + 24);
}

void mip6_dp_prefetch_input(const mip6_dp_t *dp, const uint8_t *p, size_t len)
{
	if (!dp || !dp->bc.count || len < MIP6_IP6_HLEN)
		return;
	prefetch_bc(dp, p + 24); /* intercept */
	if (p[6] == MIP6_PROTO_IPV6 && len >= 2 * MIP6_IP6_HLEN)
		prefetch_bc(dp, p + MIP6_IP6_HLEN + 8); /* reverse tunnel: the inner source */
}

static void prefetch_out(const mip6_dp_t *dp, const mip6_buf_t *b)
{
	mip6_dp_prefetch_output(dp, mip6_buf_data(b), b->len);
}

static void prefetch_in(const mip6_dp_t *dp, const mip6_buf_t *b)
{
	mip6_dp_prefetch_input(dp, mip6_buf_data(b), b->len);
}

void mip6_dp_output_burst(mip6_dp_t *dp, mip6_buf_t *const *bufs, size_t n, mip6_dp_result_t *res)
{
	bool pf = dp && dp->bc.count;
	for (size_t i = 0; pf && i < n && i < DP_PREFETCH_AHEAD; i++)
		prefetch_out(dp, bufs[i]);
	for (size_t i = 0; i < n; i++) {
		if (pf && i + DP_PREFETCH_AHEAD < n)
			prefetch_out(dp, bufs[i + DP_PREFETCH_AHEAD]);
		res[i] = mip6_dp_output(dp, bufs[i]);
	}
}

void mip6_dp_input_burst(mip6_dp_t *dp, uint32_t ifindex, mip6_buf_t *const *bufs, size_t n,
                         mip6_dp_result_t *res)
{
	bool pf = dp && dp->bc.count;
	for (size_t i = 0; pf && i < n && i < DP_PREFETCH_AHEAD; i++)
		prefetch_in(dp, bufs[i]);
	for (size_t i = 0; i < n; i++) {
		if (pf && i + DP_PREFETCH_AHEAD < n)
			prefetch_in(dp, bufs[i + DP_PREFETCH_AHEAD]);
		res[i] = mip6_dp_input(dp, ifindex, bufs[i]);
	}
}
