// SPDX-License-Identifier: BSD-3-Clause
// The binding context: re-entry guard, deferral, ledger use, time of day.
#include <gtest/gtest.h>

#include <string>

#include "bind_test_util.h"

using namespace bindtest;

namespace
{

struct Ctx {
	Platform pl;
	mip6_bind_t *b;
	explicit Ctx(const mip6_bind_cfg_t *cfg = nullptr) : b(mip6_bind_new(&pl.env, cfg)) {}
	~Ctx() { mip6_bind_free(b); }
	const mip6_env_t *env() const { return mip6_bind_env(b); }
};

mip6_op_t op(uint32_t id, uint16_t kind)
{
	mip6_op_t o{};
	o.id = id;
	o.kind = kind;
	o.ifindex = 1;
	return o;
}

} // namespace

TEST(BindCtx, DeliverRaisedInsideACallReachesThePlatformAfterIt)
{
	Ctx c;
	auto p = ip6(1);
	ASSERT_TRUE(mip6_bind_enter(c.b, 10));
	c.env()->deliver(c.env()->ctx, p.data(), p.size());
	EXPECT_TRUE(c.pl.delivered.empty()) << "never inside the call";
	p[39] = 2; // the core's buffer is reused: the context keeps a copy
	mip6_bind_leave(c.b);
	ASSERT_EQ(c.pl.delivered.size(), 1u);
	EXPECT_EQ(c.pl.delivered[0][39], 1);
	EXPECT_EQ(mip6_bind_get_stats(c.b)->deferred, 1u);
}

TEST(BindCtx, DeferredEffectsRunInTheOrderRaised)
{
	Ctx c;
	static std::string order;
	order.clear();
	c.pl.env.deliver = nullptr;
	mip6_env_t pe = c.pl.env;
	pe.deliver = [](void *, const uint8_t *p, size_t) { order += static_cast<char>('0' + p[39]); };
	mip6_bind_t *b = mip6_bind_new(&pe, nullptr);
	auto p1 = ip6(1), p2 = ip6(2);
	ASSERT_TRUE(mip6_bind_enter(b, 0));
	const mip6_env_t *e = mip6_bind_env(b);
	e->deliver(e->ctx, p1.data(), p1.size());
	mip6_bind_defer(
	    b, [](void *, void *) { order += "f"; }, nullptr, nullptr);
	e->deliver(e->ctx, p2.data(), p2.size());
	EXPECT_EQ(order, "");
	mip6_bind_leave(b);
	EXPECT_EQ(order, "1f2");
	// Outside a call a deferred function runs at once.
	mip6_bind_defer(
	    b, [](void *, void *) { order += "g"; }, nullptr, nullptr);
	EXPECT_EQ(order, "1f2g");
	mip6_bind_free(b);
}

TEST(BindCtx, EntryPointCalledFromInsideACallIsRefused)
{
	Ctx c;
	ASSERT_NE(mip6_bind_node_new(c.b, 0), nullptr);
	mip6_iface_cfg_t ic{};
	ic.ifindex = 1;
	ASSERT_EQ(mip6_node_add_iface(mip6_bind_node(c.b), &ic), 0);
	ASSERT_TRUE(mip6_bind_enter(c.b, 0)); // as if inside a callback
	EXPECT_FALSE(mip6_bind_enter(c.b, 0));
	auto p = ip6(1);
	EXPECT_EQ(mip6_bind_input(c.b, 1, p.data(), p.size(), 0), MIP6_PASS);
	mip6_bind_link(c.b, 1, true, 0);
	EXPECT_EQ(mip6_bind_get_stats(c.b)->reentries, 3u);
	mip6_bind_leave(c.b);
	EXPECT_FALSE(mip6_bind_in_call(c.b));
	EXPECT_TRUE(mip6_bind_enter(c.b, 0)) << "the guard is released";
	mip6_bind_leave(c.b);
}

TEST(BindCtx, OperationAnsweredInsideOpSubmitReachesTheCoreAfterTheCall)
{
	Ctx c;
	ASSERT_NE(mip6_bind_node_new(c.b, 0), nullptr);
	c.pl.user = c.b;
	c.pl.on_op = [](Platform *p, const mip6_op_t *o) {
		mip6_bind_answer_op(static_cast<mip6_bind_t *>(p->user), o->id, 0);
	};
	mip6_op_t o = op(7, MIP6_OP_DAD);
	ASSERT_TRUE(mip6_bind_enter(c.b, 5));
	c.env()->op_submit(c.env()->ctx, &o);
	EXPECT_EQ(mip6_bind_ops_pending(mip6_bind_ledger(c.b)), 1u) << "answered, not yet delivered";
	mip6_bind_leave(c.b);
	EXPECT_EQ(mip6_bind_ops_pending(mip6_bind_ledger(c.b)), 0u);
	EXPECT_EQ(mip6_bind_ledger(c.b)->answered, 1u);
	ASSERT_EQ(c.pl.ops.size(), 1u);
}

TEST(BindCtx, UnknownAndDoubleResultsAreFlaggedAndNotPassedOn)
{
	Ctx c;
	ASSERT_NE(mip6_bind_node_new(c.b, 0), nullptr);
	mip6_bind_op_result(c.b, 99, 0, 1);
	EXPECT_EQ(mip6_bind_get_stats(c.b)->op_unknown, 1u);
	mip6_op_t o = op(5, MIP6_OP_ROUTE_ADD);
	ASSERT_TRUE(mip6_bind_enter(c.b, 1));
	c.env()->op_submit(c.env()->ctx, &o);
	mip6_bind_leave(c.b);
	mip6_bind_op_result(c.b, 5, 0, 2);
	mip6_bind_op_result(c.b, 5, 0, 3);
	EXPECT_EQ(mip6_bind_get_stats(c.b)->op_double, 1u);
	EXPECT_EQ(mip6_bind_get_stats(c.b)->op_unknown, 1u);
}

TEST(BindCtx, FreeingTheNodeForgetsItsPendingOperations)
{
	Ctx c;
	ASSERT_NE(mip6_bind_node_new(c.b, 0), nullptr);
	mip6_op_t o = op(1, MIP6_OP_ADDR_ADD);
	mip6_bind_enter(c.b, 0);
	c.env()->op_submit(c.env()->ctx, &o);
	mip6_bind_leave(c.b);
	EXPECT_EQ(mip6_bind_ops_pending(mip6_bind_ledger(c.b)), 1u);
	mip6_bind_node_free(c.b);
	EXPECT_EQ(mip6_bind_node(c.b), nullptr);
	EXPECT_EQ(mip6_bind_ops_pending(mip6_bind_ledger(c.b)), 0u);
}

TEST(BindCtx, CallbacksOutsideAnyCallAreCounted)
{
	Ctx c;
	auto p = ip6(1);
	c.env()->send(c.env()->ctx, 1, p.data(), p.size());
	EXPECT_EQ(mip6_bind_get_stats(c.b)->outside_calls, 1u);
	EXPECT_EQ(c.pl.sent.size(), 1u);
}

TEST(BindCtx, TimeOfDayIsDerivedFromTheCallsNowWhenThePlatformHasNone)
{
	Ctx c;
	const mip6_env_t *e = c.env();
	ASSERT_NE(e->time_of_day, nullptr);
	mip6_bind_enter(c.b, MIP6_MS(1500));
	EXPECT_EQ(e->time_of_day(e->ctx), ((MIP6_BIND_NTP_EPOCH_2026 + 1) << 32) + 0x80000000ull) << "1.5 s";
	mip6_bind_leave(c.b);

	mip6_bind_cfg_t cfg{};
	cfg.no_time_of_day = true;
	Ctx none(&cfg);
	EXPECT_EQ(none.env()->time_of_day, nullptr) << "no wall clock: the core must know it has none";

	Platform pl;
	pl.env.time_of_day = [](void *) -> uint64_t { return 42; };
	mip6_bind_t *b = mip6_bind_new(&pl.env, nullptr);
	EXPECT_EQ(mip6_bind_env(b)->time_of_day(mip6_bind_env(b)->ctx), 42u) << "the platform's clock wins";
	mip6_bind_free(b);
}

TEST(BindCtx, OneTimerServesTheCoreAndExtraClocks)
{
	Ctx c;
	ASSERT_NE(mip6_bind_node_new(c.b, 0), nullptr);
	static int fired;
	static mip6_ns_t due;
	fired = 0;
	due = 500;
	mip6_bind_clock_t clk{[](void *) { return due; },
	                      [](void *, mip6_ns_t) {
		                      fired++;
		                      due = MIP6_NS_NEVER;
	                      },
	                      nullptr};
	ASSERT_EQ(mip6_bind_add_clock(c.b, &clk), 0);
	EXPECT_EQ(mip6_bind_next_timer(c.b, 100), 500u);
	EXPECT_EQ(mip6_bind_next_timer(c.b, 900), 900u) << "a past instant is now";
	EXPECT_TRUE(mip6_bind_timeout(c.b, 900));
	EXPECT_EQ(fired, 1);
	EXPECT_EQ(mip6_bind_next_timer(c.b, 900), mip6_node_next_timeout(mip6_bind_node(c.b)));
}

TEST(BindCtx, StormGuardStopsTheTimer)
{
	mip6_bind_cfg_t cfg{};
	cfg.storm_limit = 3;
	Ctx c(&cfg);
	static mip6_ns_t due = 7;
	mip6_bind_clock_t clk{[](void *) { return due; }, [](void *, mip6_ns_t) {},
	                      nullptr}; // never makes progress
	mip6_bind_add_clock(c.b, &clk);
	int calls = 0;
	while (mip6_bind_next_timer(c.b, 7) != MIP6_NS_NEVER && calls < 100)
		calls += mip6_bind_timeout(c.b, 7) ? 1 : 100;
	EXPECT_EQ(calls, 104) << "the first fire and 3 more at the same instant, then the guard";
	EXPECT_EQ(mip6_bind_get_stats(c.b)->storms, 1u);
	EXPECT_FALSE(mip6_bind_timeout(c.b, 8));
	EXPECT_EQ(mip6_bind_get_stats(c.b)->storms, 1u) << "counted once";
}
