// SPDX-License-Identifier: BSD-3-Clause
// The timer heap: expiry order, re-arming, cancelling, allocation failure.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <vector>

extern "C" {
#include "mip6/err.h"
#include "mip6/timer.h"
}

namespace {
struct FailingAlloc {
	int fail_after = -1; // allocations left before failing; -1 never fails
	static void *fn(void *ctx, void *ptr, size_t size)
	{
		auto *self = static_cast<FailingAlloc *>(ctx);
		if (size == 0) {
			free(ptr);
			return nullptr;
		}
		if (self->fail_after == 0)
			return nullptr;
		if (self->fail_after > 0)
			self->fail_after--;
		return realloc(ptr, size);
	}
	mip6_alloc_t alloc() { return {fn, this}; }
};
} // namespace

TEST(Timer, PopsInExpiryOrderUnderRandomArmCancelRearm)
{
	FailingAlloc fa;
	mip6_timerq_t q;
	mip6_timerq_init(&q, fa.alloc());
	std::vector<mip6_timer_t> timers(500);
	std::mt19937_64 rng(42);
	for (auto &t : timers) {
		t = {};
		ASSERT_EQ(mip6_timerq_arm(&q, &t, rng() % 100000), 0);
	}
	for (int i = 0; i < 2000; i++) {
		mip6_timer_t &t = timers[rng() % timers.size()];
		if (rng() % 3 == 0)
			mip6_timerq_cancel(&q, &t);
		else
			ASSERT_EQ(mip6_timerq_arm(&q, &t, rng() % 100000), 0);
	}
	std::vector<mip6_ns_t> want;
	for (auto &t : timers)
		if (mip6_timer_armed(&t))
			want.push_back(t.when);
	std::sort(want.begin(), want.end());
	ASSERT_EQ(q.n, want.size());
	EXPECT_EQ(mip6_timerq_next(&q), want.front());

	std::vector<mip6_ns_t> got;
	while (mip6_timer_t *t = mip6_timerq_pop_due(&q, MIP6_NS_NEVER - 1)) {
		EXPECT_FALSE(mip6_timer_armed(t));
		got.push_back(t->when);
	}
	EXPECT_EQ(got, want);
	EXPECT_EQ(mip6_timerq_next(&q), MIP6_NS_NEVER);
	mip6_timerq_free(&q);
}

TEST(Timer, OnlyDueTimersPop)
{
	FailingAlloc fa;
	mip6_timerq_t q;
	mip6_timerq_init(&q, fa.alloc());
	mip6_timer_t a{}, b{};
	ASSERT_EQ(mip6_timerq_arm(&q, &a, MIP6_SEC(2)), 0);
	ASSERT_EQ(mip6_timerq_arm(&q, &b, MIP6_MS(1500)), 0);
	EXPECT_EQ(mip6_timerq_pop_due(&q, MIP6_SEC(1)), nullptr);
	EXPECT_EQ(mip6_timerq_pop_due(&q, MIP6_MS(1500)), &b);
	EXPECT_EQ(mip6_timerq_pop_due(&q, MIP6_MS(1999)), nullptr);
	EXPECT_EQ(mip6_timerq_next(&q), MIP6_SEC(2));
	mip6_timerq_free(&q);
	EXPECT_FALSE(mip6_timer_armed(&a)) << "freeing the queue disarms its timers";
}

TEST(Timer, AllocationFailureLeavesTimerUnarmed)
{
	FailingAlloc fa;
	fa.fail_after = 0;
	mip6_timerq_t q;
	mip6_timerq_init(&q, fa.alloc());
	mip6_timer_t t{};
	EXPECT_EQ(mip6_timerq_arm(&q, &t, 5), MIP6_E_NOMEM);
	EXPECT_FALSE(mip6_timer_armed(&t));
	EXPECT_EQ(q.n, 0u);
	fa.fail_after = -1;
	EXPECT_EQ(mip6_timerq_arm(&q, &t, 5), 0);
	EXPECT_TRUE(mip6_timer_armed(&t));
	mip6_timerq_free(&q);
}
