/* SPDX-License-Identifier: BSD-3-Clause */
// The base of the fixtures that drive one node on a FakeEnv: the node is
// freed after each test and nothing it allocated may be left behind.
#pragma once

#include <gtest/gtest.h>

#include "fake_env.h"

extern "C" {
#include "mip6/node.h"
#include "mip6/stats.h"
}

namespace t
{

struct NodeTest : ::testing::Test {
	FakeEnv fe;
	mip6_env_t env{};
	mip6_node_t *n = nullptr;
	mip6_ns_t now;

	explicit NodeTest(mip6_ns_t start) : now(start) {}

	void TearDown() override
	{
		mip6_node_free(n);
		n = nullptr;
		EXPECT_EQ(fe.live_blocks, 0);
	}

	const mip6_stats_t &stats() const { return *mip6_node_stats(n); }
};

} // namespace t
