// SPDX-License-Identifier: BSD-3-Clause
// RFC 6275 6.1: of all Mobility Header messages only the Binding Update may
// carry a Home Address option; the data plane drops the others.
#include <gtest/gtest.h>

#include "fake_env.h"

extern "C" {
#include "mip6/dp.h"
#include "mip6/mh.h"
}

namespace {
mip6_dp_result_t input_with_hao(mip6_dp_t *dp, uint8_t type)
{
	mip6_mh_t m;
	mip6_mh_init(&m, type);
	mip6_addr_t coa = t::addr("2001:db8:2::100"), cn = t::addr("2001:db8:9::9"), hoa = t::addr("2001:db8:1::100");
	auto pkt = t::build_mh(m, coa, cn, &hoa);
	uint8_t mem[512];
	mip6_buf_t b;
	mip6_buf_init(&b, mem, sizeof(mem), 128);
	memcpy(mip6_buf_put(&b, pkt.size()), pkt.data(), pkt.size());
	return mip6_dp_input(dp, 1, &b);
}
} // namespace

TEST(DpMhHao, OnlyBindingUpdatesMayCarryAHomeAddressOption)
{
	t::FakeEnv fe;
	mip6_stats_t stats{};
	mip6_dp_t *dp = mip6_dp_new(fe.env().alloc, &stats);
	ASSERT_NE(dp, nullptr);
	EXPECT_EQ(input_with_hao(dp, MIP6_MH_BU).action, MIP6_DPA_SIGNAL);
	for (uint8_t type : {MIP6_MH_BRR, MIP6_MH_HOTI, MIP6_MH_COTI, MIP6_MH_HOT, MIP6_MH_COT, MIP6_MH_BA, MIP6_MH_BE}) {
		mip6_dp_result_t r = input_with_hao(dp, type);
		EXPECT_EQ(r.action, MIP6_DPA_DROP) << int(type);
		EXPECT_EQ(r.code, MIP6_EV_DP_DROP_MH_WITH_HAO);
	}
	EXPECT_EQ(stats.drop_malformed, 7u);
	mip6_dp_free(dp);
	EXPECT_EQ(fe.live_blocks, 0);
}
