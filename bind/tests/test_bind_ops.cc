// SPDX-License-Identifier: BSD-3-Clause
// The ledger of pending platform operations and the name tables.
#include <gtest/gtest.h>

#include <string>

#include "bind_test_util.h"

using namespace bindtest;

TEST(BindOps, KindNames)
{
	EXPECT_STREQ(mip6_op_kind_name(MIP6_OP_ADDR_ADD), "addr-add");
	EXPECT_STREQ(mip6_op_kind_name(MIP6_OP_PROXY_ND_DEL), "proxy-del");
	EXPECT_STREQ(mip6_op_kind_name(MIP6_OP_DAD), "dad");
	EXPECT_STREQ(mip6_op_kind_name(MIP6_OP_TUNNEL_DEL), "tunnel-del");
	EXPECT_STREQ(mip6_op_kind_name(0), "op?");
	EXPECT_STREQ(mip6_op_kind_name(200), "op?");
	EXPECT_STREQ(mip6_trace_kind_name(MIP6_TR_STATE), "state");
	EXPECT_STREQ(mip6_trace_kind_name(MIP6_TR_BINDING), "binding");
	EXPECT_STREQ(mip6_trace_kind_name(0), "?");
	EXPECT_STREQ(mip6_trace_kind_name(7), "?");
}

TEST(BindOps, PendingUntilAnsweredThenDoubleAnswersAreTold)
{
	mip6_bind_ops_t l;
	mip6_bind_ops_init(&l, heap_alloc());
	for (uint32_t id = 1; id <= 40; id++) {
		mip6_op_t o{};
		o.id = id;
		o.kind = MIP6_OP_ROUTE_ADD;
		ASSERT_EQ(mip6_bind_ops_submit(&l, &o, id * 10), 0);
	}
	EXPECT_EQ(mip6_bind_ops_pending(&l), 40u);
	mip6_bind_op_rec_t r{};
	EXPECT_EQ(mip6_bind_ops_answer(&l, 17, &r), MIP6_BIND_OP_OK);
	EXPECT_EQ(r.op.id, 17u);
	EXPECT_EQ(r.submitted, 170u);
	EXPECT_EQ(mip6_bind_ops_find(&l, 17), nullptr);
	ASSERT_NE(mip6_bind_ops_find(&l, 18), nullptr);
	EXPECT_EQ(mip6_bind_ops_find(&l, 18)->submitted, 180u);
	EXPECT_EQ(mip6_bind_ops_answer(&l, 17, nullptr), MIP6_BIND_OP_DOUBLE);
	EXPECT_EQ(mip6_bind_ops_answer(&l, 1000, nullptr), MIP6_BIND_OP_UNKNOWN);
	EXPECT_EQ(mip6_bind_ops_pending(&l), 39u);
	EXPECT_EQ(l.doubled, 1u);
	EXPECT_EQ(l.unknown, 1u);
	mip6_bind_ops_clear(&l);
	EXPECT_EQ(mip6_bind_ops_pending(&l), 0u);
	EXPECT_EQ(mip6_bind_ops_answer(&l, 18, nullptr), MIP6_BIND_OP_UNKNOWN);
	mip6_bind_ops_fini(&l);
}

TEST(BindOps, NoMemoryIsCountedNotFatal)
{
	mip6_alloc_t none{[](void *, void *, size_t) -> void * { return nullptr; }, nullptr};
	mip6_bind_ops_t l;
	mip6_bind_ops_init(&l, none);
	mip6_op_t o{};
	o.id = 1;
	EXPECT_EQ(mip6_bind_ops_submit(&l, &o, 0), MIP6_E_NOMEM);
	EXPECT_EQ(l.lost, 1u);
	EXPECT_EQ(mip6_bind_ops_pending(&l), 0u);
	mip6_bind_ops_fini(&l);
}
