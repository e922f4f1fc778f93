// SPDX-License-Identifier: BSD-3-Clause
// The fault injector: drops, delays, failed operations.
#include <gtest/gtest.h>

#include "bind_test_util.h"

extern "C" {
#include "mip6/bind_fault.h"
}

using namespace bindtest;

namespace
{
struct Rig {
	Platform pl;
	mip6_bind_fault_t f;
	mip6_bind_t *b;
	Rig()
	{
		mip6_bind_fault_init(&f, &pl.env, heap_alloc());
		b = mip6_bind_new(mip6_bind_fault_env(&f), nullptr);
		EXPECT_EQ(mip6_bind_fault_attach(&f, b), 0);
		EXPECT_NE(mip6_bind_node_new(b, 0), nullptr);
	}
	~Rig()
	{
		mip6_bind_free(b);
		mip6_bind_fault_fini(&f);
	}
	void send(uint8_t tag, mip6_ns_t now)
	{
		auto p = ip6(tag);
		mip6_bind_enter(b, now);
		mip6_bind_env(b)->send(mip6_bind_env(b)->ctx, 1, p.data(), p.size());
		mip6_bind_leave(b);
	}
};

uint32_t counter_rand(void *ctx)
{
	// A generator the test controls: 0, 250000, 500000, 750000, 0, ...
	uint32_t &s = *static_cast<uint32_t *>(ctx);
	uint32_t v = s;
	s = (s + 250000u) % 1000000u;
	return v;
}
} // namespace

TEST(BindFault, DropsEveryNth)
{
	Rig r;
	r.f.drop_every = 3;
	for (uint8_t i = 1; i <= 7; i++)
		r.send(i, 0);
	ASSERT_EQ(r.pl.sent.size(), 5u);
	EXPECT_EQ(r.pl.sent[2].pkt[39], 4) << "the third is gone";
	EXPECT_EQ(r.f.dropped, 2u);
}

TEST(BindFault, DropsWithAProbabilityFromTheCallersGenerator)
{
	Rig r;
	uint32_t seed = 0;
	r.f.drop_ppm = 500000; // draws below 500000 drop
	r.f.rand32 = counter_rand;
	r.f.rand_ctx = &seed;
	for (uint8_t i = 1; i <= 8; i++)
		r.send(i, 0);
	ASSERT_EQ(r.pl.sent.size(), 4u);
	EXPECT_EQ(r.pl.sent[0].pkt[39], 3);
	EXPECT_EQ(r.pl.sent[1].pkt[39], 4);
}

TEST(BindFault, DropsByPredicate)
{
	Rig r;
	r.f.drop_if = [](void *, uint32_t, const uint8_t *p, size_t) { return p[39] % 2 == 0; };
	for (uint8_t i = 1; i <= 4; i++)
		r.send(i, 0);
	ASSERT_EQ(r.pl.sent.size(), 2u);
	EXPECT_EQ(r.pl.sent[1].pkt[39], 3);
}

TEST(BindFault, DelayedPacketsLeaveWhenTheContextsTimerServesThem)
{
	Rig r;
	r.f.delay = MIP6_MS(20);
	r.send(1, MIP6_MS(100));
	r.send(2, MIP6_MS(105));
	EXPECT_TRUE(r.pl.sent.empty());
	EXPECT_EQ(mip6_bind_fault_held(&r.f), 2u);
	EXPECT_LE(mip6_bind_next_timer(r.b, MIP6_MS(105)), MIP6_MS(120));
	mip6_bind_timeout(r.b, MIP6_MS(120));
	ASSERT_EQ(r.pl.sent.size(), 1u);
	EXPECT_EQ(r.pl.sent[0].pkt[39], 1);
	EXPECT_EQ(mip6_bind_next_timer(r.b, MIP6_MS(120)) <= MIP6_MS(125), true);
	mip6_bind_timeout(r.b, MIP6_MS(125));
	EXPECT_EQ(r.pl.sent.size(), 2u);
	EXPECT_EQ(mip6_bind_fault_held(&r.f), 0u);
}

TEST(BindFault, FailedOperationsAreAnsweredAfterTheCallNeverInsideIt)
{
	Rig r;
	r.f.fail_status[MIP6_OP_PROXY_ND_ADD] = MIP6_E_INVAL;
	mip6_op_t fail{}, pass{};
	fail.id = 1;
	fail.kind = MIP6_OP_PROXY_ND_ADD;
	pass.id = 2;
	pass.kind = MIP6_OP_ROUTE_ADD;
	const mip6_env_t *e = mip6_bind_env(r.b);
	mip6_bind_enter(r.b, 0);
	e->op_submit(e->ctx, &fail);
	e->op_submit(e->ctx, &pass);
	EXPECT_EQ(mip6_bind_ops_pending(mip6_bind_ledger(r.b)), 2u) << "not answered inside the call";
	mip6_bind_leave(r.b);
	EXPECT_EQ(mip6_bind_ops_pending(mip6_bind_ledger(r.b)), 1u) << "the failed one is answered";
	EXPECT_EQ(mip6_bind_ops_find(mip6_bind_ledger(r.b), 2)->op.kind, MIP6_OP_ROUTE_ADD);
	ASSERT_EQ(r.pl.ops.size(), 1u) << "only the other reaches the platform";
	EXPECT_EQ(r.pl.ops[0].id, 2u);
	EXPECT_EQ(r.f.ops_failed, 1u);
}
