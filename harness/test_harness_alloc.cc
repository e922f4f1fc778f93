// SPDX-License-Identifier: BSD-3-Clause
// The failing allocator: accounting, injected failures, leak tracking.
#include <gtest/gtest.h>

#include "harness.h"

extern "C" {
#include "mip6/timer.h"
}

using namespace mip6h;

TEST(HarnessAlloc, CountsAndTracksLiveBlocks)
{
	FailAlloc fa;
	mip6_alloc_t a = fa.alloc();
	void *p = mip6_malloc(&a, 10);
	void *q = mip6_malloc(&a, 20);
	ASSERT_TRUE(p && q);
	EXPECT_EQ(fa.attempts(), 2u);
	EXPECT_EQ(fa.live(), 2u);
	EXPECT_EQ(fa.live_bytes(), 30u);
	void *r = mip6_realloc(&a, p, 100);
	ASSERT_TRUE(r);
	EXPECT_EQ(fa.attempts(), 3u);
	EXPECT_EQ(fa.live(), 2u);
	EXPECT_EQ(fa.live_bytes(), 120u);
	EXPECT_EQ(fa.peak_bytes(), 120u);
	mip6_free(&a, r);
	mip6_free(&a, q);
	EXPECT_EQ(fa.live(), 0u);
	EXPECT_EQ(fa.live_bytes(), 0u);
	EXPECT_EQ(fa.frees(), 2u);
	EXPECT_EQ(fa.bad_frees(), 0u);
	// malloc(0) asks nothing of the allocator (mip6_malloc's contract).
	EXPECT_EQ(mip6_malloc(&a, 0), nullptr);
	EXPECT_EQ(fa.attempts(), 3u);
}

TEST(HarnessAlloc, FailsTheNthAttemptOnce)
{
	FailAlloc fa;
	mip6_alloc_t a = fa.alloc();
	fa.fail_nth(3);
	void *p1 = mip6_malloc(&a, 8), *p2 = mip6_malloc(&a, 8);
	void *p3 = mip6_malloc(&a, 8), *p4 = mip6_malloc(&a, 8);
	EXPECT_TRUE(p1 && p2 && p4);
	EXPECT_EQ(p3, nullptr);
	EXPECT_EQ(fa.failures(), 1u);
	// A failed resize leaves the block as it was.
	fa.fail_nth(1);
	EXPECT_EQ(mip6_realloc(&a, p1, 64), nullptr);
	EXPECT_EQ(fa.live(), 3u);
	EXPECT_EQ(fa.live_bytes(), 24u);
	fa.fail_all(true);
	EXPECT_EQ(mip6_malloc(&a, 1), nullptr);
	fa.fail_all(false);
	for (void *p : {p1, p2, p4})
		mip6_free(&a, p);
	EXPECT_EQ(fa.live(), 0u);
}

TEST(HarnessAlloc, DoubleAndWildFreesAreCountedNotExecuted)
{
	FailAlloc fa;
	mip6_alloc_t a = fa.alloc();
	void *p = mip6_malloc(&a, 8);
	mip6_free(&a, p);
	mip6_free(&a, p);
	int x;
	mip6_free(&a, &x);
	EXPECT_EQ(fa.bad_frees(), 2u);
	EXPECT_EQ(mip6_realloc(&a, &x, 10), nullptr);
	EXPECT_EQ(fa.bad_frees(), 3u);
}

// Rerun style: every allocation of a piece of core code made to fail once,
// nothing leaks and the code reports NOMEM instead of crashing. The timer
// heap stands in for a node here.
TEST(HarnessAlloc, EveryAllocationFailingOnceLeavesNoLeak)
{
	auto run = [](FailAlloc &fa) {
		mip6_timerq_t q;
		mip6_timerq_init(&q, fa.alloc());
		std::vector<mip6_timer_t> t(100);
		int nomem = 0;
		for (size_t i = 0; i < t.size(); i++)
			if (mip6_timerq_arm(&q, &t[i], MIP6_MS(1000 - i)) == MIP6_E_NOMEM)
				nomem++;
		mip6_timerq_free(&q);
		return nomem;
	};
	FailAlloc count;
	EXPECT_EQ(run(count), 0);
	uint64_t n = count.attempts();
	ASSERT_GT(n, 0u);
	for (uint64_t i = 1; i <= n; i++) {
		FailAlloc fa;
		fa.fail_nth(i);
		EXPECT_EQ(run(fa), 1) << "failing attempt " << i;
		EXPECT_EQ(fa.failures(), 1u);
		EXPECT_EQ(fa.live(), 0u) << "leak when attempt " << i << " failed";
		EXPECT_EQ(fa.bad_frees(), 0u);
	}
}

namespace
{

// A core that keeps pairs of blocks per received packet, through the env's
// allocator. With 'buggy' it forgets the first block of a pair when the
// second cannot be had: the leak an allocation-failure rerun must find.
struct PairCore : Core {
	PairCore(Host &host, bool buggy) : h(host), bug(buggy) {}
	~PairCore() override
	{
		for (void *p : blocks)
			mip6_free(&h.env()->alloc, p);
	}
	mip6_verdict_t input(uint32_t, const uint8_t *, size_t, mip6_ns_t) override
	{
		const mip6_alloc_t *a = &h.env()->alloc;
		void *x = mip6_malloc(a, 32);
		if (!x)
			return MIP6_DROPPED;
		void *y = mip6_malloc(a, 64);
		if (!y) {
			if (!bug)
				mip6_free(a, x);
			return MIP6_DROPPED;
		}
		blocks.push_back(x);
		blocks.push_back(y);
		return MIP6_CONSUMED;
	}
	mip6_verdict_t output(const uint8_t *, size_t, mip6_ns_t) override { return MIP6_PASS; }
	void link(uint32_t, bool, mip6_ns_t) override {}
	void op_result(uint32_t, int, mip6_ns_t) override {}
	void timeout(mip6_ns_t) override {}
	mip6_ns_t next_timeout() const override { return MIP6_NS_NEVER; }
	Host &h;
	bool bug;
	std::vector<void *> blocks;
};

void pair_scenario(World &w, bool buggy)
{
	Link &l = w.add_link("l");
	Host &a = w.add_host("a"), &b = w.add_host("b");
	a.add_iface(1);
	b.add_iface(1);
	a.add_addr(1, A("2001:db8::a"), 64);
	b.add_addr(1, A("2001:db8::b"), 64);
	w.attach(a, 1, l);
	w.attach(b, 1, l);
	b.set_core(std::make_unique<PairCore>(b, buggy));
	b.start();
	for (int i = 0; i < 5; i++)
		a.send_udp(A("2001:db8::a"), A("2001:db8::b"), 1, 9, {});
	w.run_for(MIP6_SEC(1));
}

} // namespace

TEST(HarnessRerun, CleanCodePassesEveryFailingRun)
{
	RerunReport r = alloc_failure_reruns([](World &w) { pair_scenario(w, false); });
	EXPECT_EQ(r.allocations, 10u);
	EXPECT_EQ(r.runs, 10u);
	EXPECT_TRUE(r.problems.empty()) << r.problems.front();
}

TEST(HarnessRerun, ALeakOnTheFailurePathIsReported)
{
	RerunReport r = alloc_failure_reruns([](World &w) { pair_scenario(w, true); });
	EXPECT_EQ(r.runs, 10u);
	// Only the runs failing a second block of a pair (even attempts) leak.
	ASSERT_EQ(r.problems.size(), 5u);
	EXPECT_EQ(r.problems[0], "attempt 2: 1 blocks (32 bytes) leaked");
	EXPECT_EQ(r.problems[4], "attempt 10: 1 blocks (32 bytes) leaked");
	RerunReport s = alloc_failure_reruns([](World &w) { pair_scenario(w, true); }, 1, 4);
	EXPECT_EQ(s.runs, 3u); // attempts 1, 5, 9
	EXPECT_TRUE(s.problems.empty());
}

// Five alike packets allocate the same two shapes (32 and 64 bytes): by
// shape, two of each fail (attempts 1-4) and the leak on the second
// block's failure path is still found; the later copies are not rerun.
TEST(HarnessRerun, ByShapeFailsEachShapeAFewTimes)
{
	World w;
	pair_scenario(w, false);
	ASSERT_EQ(w.alloc().shapes().size(), 10u);
	EXPECT_EQ(w.alloc().shapes()[0], 32u << 1);
	EXPECT_EQ(w.alloc().shapes()[1], 64u << 1);
	w.free_cores();
	RerunReport r = alloc_failure_reruns_by_shape([](World &x) { pair_scenario(x, true); }, 1, 2);
	EXPECT_EQ(r.allocations, 10u);
	EXPECT_EQ(r.runs, 4u);
	ASSERT_EQ(r.problems.size(), 2u);
	EXPECT_EQ(r.problems[0], "attempt 2: 1 blocks (32 bytes) leaked");
	EXPECT_EQ(r.problems[1], "attempt 4: 1 blocks (32 bytes) leaked");
}
