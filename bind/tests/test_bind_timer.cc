// SPDX-License-Identifier: BSD-3-Clause
// The one-timer contract and the time-of-day derivation.
#include <gtest/gtest.h>

#include "bind_test_util.h"

TEST(BindTimer, NextIsClampedToNow)
{
	mip6_bind_timer_t t;
	mip6_bind_timer_init(&t, 0);
	EXPECT_EQ(t.storm_limit, MIP6_BIND_STORM_LIMIT_DEFAULT);
	EXPECT_EQ(mip6_bind_timer_next(&t, 50, 100), 100u);
	EXPECT_EQ(mip6_bind_timer_next(&t, 150, 100), 150u);
	EXPECT_EQ(t.at, 150u);
	EXPECT_EQ(mip6_bind_timer_next(&t, MIP6_NS_NEVER, 100), MIP6_NS_NEVER);
}

TEST(BindTimer, StormGuardTripsAfterTheLimitAtOneInstant)
{
	mip6_bind_timer_t t;
	mip6_bind_timer_init(&t, 2);
	EXPECT_TRUE(mip6_bind_timer_fire(&t, 10));
	EXPECT_TRUE(mip6_bind_timer_fire(&t, 10));
	EXPECT_TRUE(mip6_bind_timer_fire(&t, 10));
	EXPECT_FALSE(mip6_bind_timer_fire(&t, 10)) << "the limit's third repeat";
	EXPECT_TRUE(t.dead);
	EXPECT_EQ(mip6_bind_timer_next(&t, 20, 10), MIP6_NS_NEVER);
	EXPECT_FALSE(mip6_bind_timer_fire(&t, 30)) << "stays tripped";
	mip6_bind_timer_init(&t, 2);
	EXPECT_EQ(mip6_bind_timer_next(&t, 20, 10), 20u);
}

TEST(BindTimer, ProgressResetsTheCount)
{
	mip6_bind_timer_t t;
	mip6_bind_timer_init(&t, 2);
	for (mip6_ns_t now = 0; now < 100; now++) {
		ASSERT_TRUE(mip6_bind_timer_fire(&t, now));
		ASSERT_TRUE(mip6_bind_timer_fire(&t, now));
	}
}

TEST(BindTod, NtpFromNowAndEpoch)
{
	// 2026-01-01T00:00:00Z: 126 years after 1900 with 31 leap days.
	EXPECT_EQ(MIP6_BIND_NTP_EPOCH_2026, (126ull * 365 + 31) * 86400);
	EXPECT_EQ(mip6_bind_ntp_time(0, MIP6_BIND_NTP_EPOCH_2026), MIP6_BIND_NTP_EPOCH_2026 << 32);
	EXPECT_EQ(mip6_bind_ntp_time(MIP6_MS(2250), 100), (102ull << 32) | 0x40000000ull);
	EXPECT_EQ(mip6_bind_ntp_time(1, 0), 4u) << "1 ns is 4.29 units of 2^-32 s";
}
