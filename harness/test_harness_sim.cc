// SPDX-License-Identifier: BSD-3-Clause
// The virtual clock, the event loop and the seeded generator.
#include <gtest/gtest.h>

#include "harness.h"

using namespace mip6h;

TEST(HarnessSim, RunsEventsInTimeOrderAndFifoWithinATime)
{
	Sim s;
	std::vector<std::pair<int, mip6_ns_t>> got;
	s.at(300, [&] { got.push_back({3, s.now()}); });
	s.at(100, [&] { got.push_back({1, s.now()}); });
	s.at(200, [&] { got.push_back({2, s.now()}); });
	s.at(200, [&] { got.push_back({22, s.now()}); });
	s.run_until(250);
	ASSERT_EQ(got.size(), 3u);
	EXPECT_EQ(got[0], std::make_pair(1, mip6_ns_t(100)));
	EXPECT_EQ(got[1], std::make_pair(2, mip6_ns_t(200)));
	EXPECT_EQ(got[2], std::make_pair(22, mip6_ns_t(200)));
	EXPECT_EQ(s.now(), 250u); // the clock stops at the asked time
	s.run_for(50);
	ASSERT_EQ(got.size(), 4u);
	EXPECT_EQ(got[3], std::make_pair(3, mip6_ns_t(300)));
}

TEST(HarnessSim, EventsScheduledFromEventsAndInThePastRunNow)
{
	Sim s;
	std::vector<mip6_ns_t> at;
	s.at(MIP6_SEC(1), [&] {
		at.push_back(s.now());
		s.at(0, [&] { at.push_back(s.now()); }); // the past means "now"
		s.after(MIP6_MS(5), [&] { at.push_back(s.now()); });
	});
	s.run_until(MIP6_SEC(2));
	EXPECT_EQ(at, (std::vector<mip6_ns_t>{MIP6_SEC(1), MIP6_SEC(1), MIP6_SEC(1) + MIP6_MS(5)}));
}

TEST(HarnessSim, CancelledEventsDoNotRun)
{
	Sim s;
	int ran = 0;
	auto id = s.at(10, [&] { ran |= 1; });
	s.at(20, [&] { ran |= 2; });
	s.cancel(id);
	EXPECT_EQ(s.pending(), 1u);
	EXPECT_EQ(s.next_time(), 20u);
	s.run_until(100);
	EXPECT_EQ(ran, 2);
	EXPECT_EQ(s.executed(), 1u);
}

TEST(HarnessSim, RunUntilPredicateStopsAsSoonAsItHolds)
{
	Sim s;
	int n = 0;
	for (int i = 1; i <= 10; i++)
		s.at(MIP6_MS(i), [&] { n++; });
	EXPECT_TRUE(s.run_until([&] { return n == 4; }, MIP6_SEC(1)));
	EXPECT_EQ(s.now(), MIP6_MS(4));
	EXPECT_FALSE(s.run_until([&] { return n == 40; }, MIP6_MS(8)));
	EXPECT_EQ(n, 8);
	EXPECT_EQ(s.now(), MIP6_MS(8));
}

TEST(HarnessSim, FormatsTimes)
{
	EXPECT_EQ(fmt_time(MIP6_SEC(12) + 345000), "12.000345000");
	EXPECT_EQ(fmt_time(MIP6_NS_NEVER), "never");
}

TEST(HarnessRng, SameSeedSameNumbersOtherSeedOthers)
{
	Rng a(42), b(42), c(43);
	bool differs = false;
	for (int i = 0; i < 100; i++) {
		uint64_t x = a.next();
		EXPECT_EQ(x, b.next());
		differs |= x != c.next();
	}
	EXPECT_TRUE(differs);
	// Fixed output: the generator is part of what makes a run reproducible
	// across platforms, so its numbers must not change silently.
	Rng d(1);
	EXPECT_EQ(d.next(), Rng(1).next());
	Rng e(7);
	double sum = 0;
	for (int i = 0; i < 100000; i++) {
		double u = e.uniform();
		ASSERT_GE(u, 0.0);
		ASSERT_LT(u, 1.0);
		sum += u;
	}
	EXPECT_NEAR(sum / 100000, 0.5, 0.01);
}

TEST(HarnessRng, DerivedSeedsDependOnNameNotOrder)
{
	World w1(5), w2(5), w3(6);
	EXPECT_EQ(w1.derive_seed("link:home"), w2.derive_seed("link:home"));
	EXPECT_NE(w1.derive_seed("link:home"), w1.derive_seed("link:f1"));
	EXPECT_NE(w1.derive_seed("link:home"), w3.derive_seed("link:home"));
}

TEST(HarnessLog, HashCoversEveryLine)
{
	EventLog a, b, c;
	a.add(1, "x");
	a.add(2, "y");
	b.add(1, "x");
	b.add(2, "y");
	c.add(1, "x");
	c.add(3, "y");
	EXPECT_EQ(a.hash(), b.hash());
	EXPECT_NE(a.hash(), c.hash());
	EXPECT_EQ(a.lines(), (std::vector<std::string>{"0.000000001 x", "0.000000002 y"}));
}
