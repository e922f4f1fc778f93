// SPDX-License-Identifier: BSD-3-Clause
// The source-prefix route table: policy routes first, then longest match.
#include <gtest/gtest.h>

#include "bind_test_util.h"

extern "C" {
#include "mip6/bind_route.h"
}

using namespace bindtest;

namespace
{
mip6_bind_route_t R(const char *p, uint8_t plen, uint32_t ifindex, bool source = false)
{
	mip6_bind_route_t r{};
	r.prefix = A(p);
	r.plen = plen;
	r.ifindex = ifindex;
	r.source = source;
	return r;
}
} // namespace

TEST(BindRoute, LongestDestinationMatchFirstAddedOnTies)
{
	mip6_bind_route_t st[8];
	mip6_bind_rtable_t t;
	mip6_bind_rtable_init(&t, st, 8);
	mip6_bind_route_t def = R("::", 0, 1), net = R("2001:db8::", 32, 2), sub = R("2001:db8:1::", 48, 3),
	                  twin = R("2001:db8:1::", 48, 4);
	ASSERT_EQ(mip6_bind_rtable_add(&t, &def), 0);
	ASSERT_EQ(mip6_bind_rtable_add(&t, &net), 0);
	ASSERT_EQ(mip6_bind_rtable_add(&t, &sub), 0);
	ASSERT_EQ(mip6_bind_rtable_add(&t, &twin), 0);
	mip6_addr_t d1 = A("2001:db8:1::5"), d2 = A("2001:db8:2::5"), d3 = A("2001:dead::1");
	EXPECT_EQ(mip6_bind_rtable_lookup(&t, &d1, nullptr)->ifindex, 3u);
	EXPECT_EQ(mip6_bind_rtable_lookup(&t, &d2, nullptr)->ifindex, 2u);
	EXPECT_EQ(mip6_bind_rtable_lookup(&t, &d3, nullptr)->ifindex, 1u);
}

TEST(BindRoute, SourceRoutesWinOverAnyDestinationRoute)
{
	mip6_bind_route_t st[8];
	mip6_bind_rtable_t t;
	mip6_bind_rtable_init(&t, st, 8);
	mip6_bind_route_t host = R("2001:db8:9::1", 128, 2),
	                  hoa = R("2001:db8:1::100", 128, MIP6_IFINDEX_CORE, true),
	                  mnp = R("2001:db8:7::", 48, 5, true);
	mip6_bind_rtable_add(&t, &host);
	mip6_bind_rtable_add(&t, &hoa);
	mip6_bind_rtable_add(&t, &mnp);
	mip6_addr_t dst = A("2001:db8:9::1"), src_hoa = A("2001:db8:1::100"),
	            src_other = A("2001:db8:1::101"), src_mnp = A("2001:db8:7:1::1");
	EXPECT_EQ(mip6_bind_rtable_lookup(&t, &dst, &src_hoa)->ifindex, MIP6_IFINDEX_CORE);
	EXPECT_EQ(mip6_bind_rtable_lookup(&t, &dst, &src_mnp)->ifindex, 5u);
	EXPECT_EQ(mip6_bind_rtable_lookup(&t, &dst, &src_other)->ifindex, 2u)
	    << "no source match: by destination";
	EXPECT_EQ(mip6_bind_rtable_lookup(&t, &dst, nullptr)->ifindex, 2u) << "no source given: none tried";
	mip6_addr_t nowhere = A("3fff::1");
	EXPECT_EQ(mip6_bind_rtable_lookup(&t, &nowhere, &src_other), nullptr);
}

TEST(BindRoute, OpsAddUpdateAndDelete)
{
	mip6_bind_route_t st[2];
	mip6_bind_rtable_t t;
	mip6_bind_rtable_init(&t, st, 2);
	mip6_op_t o{};
	o.kind = MIP6_OP_ROUTE_ADD;
	o.addr = A("2001:db8:1::100");
	o.plen = 128;
	o.flags = MIP6_ROUTEF_SOURCE;
	o.ifindex = 3;
	o.remote = A("fe80::1");
	ASSERT_EQ(mip6_bind_rtable_op(&t, &o), 0);
	o.remote = A("fe80::2");
	ASSERT_EQ(mip6_bind_rtable_op(&t, &o), 0) << "same route: the gateway changes";
	ASSERT_EQ(t.n, 1u);
	EXPECT_TRUE(st[0].source);
	EXPECT_TRUE(mip6_addr_eq(&st[0].gw, &o.remote));
	mip6_op_t o2 = o;
	o2.flags = 0; // a destination route is another route
	ASSERT_EQ(mip6_bind_rtable_op(&t, &o2), 0);
	mip6_op_t o3 = o;
	o3.addr = A("2001:db8:5::");
	EXPECT_EQ(mip6_bind_rtable_op(&t, &o3), MIP6_E_NOSPC);
	o.kind = MIP6_OP_ROUTE_DEL;
	EXPECT_EQ(mip6_bind_rtable_op(&t, &o), 0);
	EXPECT_EQ(mip6_bind_rtable_op(&t, &o), MIP6_E_INVAL);
	EXPECT_EQ(t.n, 1u);
	EXPECT_FALSE(st[0].source);
}

TEST(BindRoute, SelectSkipsRoutesTheCallerCannotUse)
{
	static mip6_bind_route_t v[2] = {R("::", 0, 1), R("2001:db8::", 32, 2)};
	auto get = [](void *ctx, size_t i, mip6_bind_route_t *r) {
		*r = v[i];
		return v[i].ifindex != *static_cast<uint32_t *>(ctx); // that interface is down
	};
	mip6_addr_t d = A("2001:db8::1");
	uint32_t down = 2;
	EXPECT_EQ(mip6_bind_route_select(2, get, &down, &d, nullptr), 0u);
	down = 1;
	EXPECT_EQ(mip6_bind_route_select(2, get, &down, &d, nullptr), 1u);
	down = 0;
	mip6_addr_t far = A("3fff::1");
	down = 1;
	EXPECT_EQ(mip6_bind_route_select(2, get, &down, &far, nullptr), MIP6_BIND_ROUTE_NONE);
}
