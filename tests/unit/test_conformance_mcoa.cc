// SPDX-License-Identifier: BSD-3-Clause
// RFC 5648 (MCoA) at the home agent and on the wire, as the text says it:
// every BA copies the BU's Binding Identifier options (6.2), a BID without
// a care-of address refreshes the binding it names or is 167 (5.3, 6.2),
// de-registering an unknown BID is 133 (6.2), a wrong option length is 164
// (6.2), the O flag (4.2, 6.2) and the option's alignment (4.3).
#include "test_ha_util.h"

#include <map>

namespace
{

using namespace hat;

const mip6_addr_t kHoa3 = t::addr("2001:db8:1::300");

struct ConfMcoa : HaFixture {
	void SetUp() override
	{
		client(kHoa).mcoa_allowed = true;
		client(kHoa2); // MCoA not allowed
		client(kHoa3).mcoa_allowed = true;
		ASSERT_EQ(start(), 0);
	}

	std::map<uint16_t, uint8_t> bid_status()
	{
		std::map<uint16_t, uint8_t> m;
		for (auto *o : opts_of(ba(), MIP6_OPT_BID))
			m[o->u.bid.bid] = o->u.bid.status;
		return m;
	}

	// A BU registering BIDs 1 (kCoa) and 2 (kCoa2) for the first time,
	// with O as a bootstrapping mobile node sets it (5.9).
	Bu bulk12()
	{
		Bu bu;
		bu.flags |= MIP6_BU_F_O;
		bu.bids = {{1, &kCoa, 0}, {2, &kCoa2, 0}};
		return bu;
	}
};

// RFC 5648 6.2: "Whenever a Binding Acknowledgement is sent, all the
// Binding Identifier mobility options stored in the Binding Update MUST be
// copied"; 5.7: a BA without them says the HA does not do MCoA.
TEST_F(ConfMcoa, Rfc5648_6_2_RefusalsCopyTheBidOptions)
{
	Bu bu;
	bu.hoa = kHoa2; // 166: MCoA prohibited for this home address
	bu.bids = {{7, &kCoa, 0}};
	send(bu);
	ASSERT_EQ(ba().u.ba.status, MIP6_BA_MCOA_PROHIBITED);
	EXPECT_EQ(bid_status(), (std::map<uint16_t, uint8_t>{{7, 0}}));

	registered(bulk12());
	bu = bulk12();
	bu.flags &= (uint16_t)~MIP6_BU_F_O;
	send(bu); // the same sequence number: 135
	ASSERT_EQ(ba().u.ba.status, MIP6_BA_SEQ_OUT_OF_WINDOW);
	EXPECT_EQ(bid_status(), (std::map<uint16_t, uint8_t>{{1, 0}, {2, 0}}));
}

// RFC 5648 5.3 figure 7 and 6.2: BID options without a care-of address
// re-register BIDs the home agent already has, at their care-of addresses.
TEST_F(ConfMcoa, Rfc5648_5_3_BulkRefreshWithoutCareOfAddresses)
{
	registered(bulk12());
	size_t adds = ops(MIP6_OP_TUNNEL_ADD).size();
	Bu bu;
	bu.seq = 2;
	bu.bids = {{1, nullptr, 0}, {2, nullptr, 0}};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ACCEPTED);
	EXPECT_EQ(bid_status(), (std::map<uint16_t, uint8_t>{{1, 0}, {2, 0}}));
	EXPECT_EQ(ops(MIP6_OP_TUNNEL_ADD).size(), adds); // both kept their care-of address
	EXPECT_TRUE(ops(MIP6_OP_TUNNEL_DEL).empty());
	EXPECT_TRUE(tunneled_to(kHoa, kCoa) || tunneled_to(kHoa, kCoa2));
}

// RFC 5648 6.2: a length-4 BID option whose BID the cache does not hold is
// refused with 167, not bound to the BU's source address.
TEST_F(ConfMcoa, Rfc5648_6_2_UnknownBidWithoutCareOfAddressIs167)
{
	registered(bulk12());
	Bu bu;
	bu.seq = 2;
	bu.src = t::addr("2001:db8:7::100");
	bu.bids = {{3, nullptr, 0}};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_MCOA_UNKNOWN_COA);
	EXPECT_EQ(ops(MIP6_OP_TUNNEL_ADD).size(), 2u); // nothing bound to the source

	// In a bulk registration the refusal is that BID's (4 with per-BID status).
	bu.seq = 3;
	bu.bids = {{1, nullptr, 0}, {3, nullptr, 0}};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_MCOA_NOTCOMPLETE);
	EXPECT_EQ(bid_status(), (std::map<uint16_t, uint8_t>{{1, 0}, {3, MIP6_BA_MCOA_UNKNOWN_COA}}));

	// A first registration naming no care-of address at all: 167 at once.
	Bu first;
	first.hoa = kHoa3;
	first.bids = {{1, nullptr, 0}};
	size_t dads = ops(MIP6_OP_DAD).size();
	send(first);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_MCOA_UNKNOWN_COA);
	EXPECT_EQ(ops(MIP6_OP_DAD).size(), dads);
}

// RFC 5648 6.2: de-registering a BID without a binding: 133.
TEST_F(ConfMcoa, Rfc5648_6_2_DeregistrationOfAnUnknownBidIs133)
{
	registered(bulk12());
	Bu bu;
	bu.seq = 2;
	bu.lifetime = 0;
	bu.bids = {{5, nullptr, 0}};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_NOT_HA_FOR_MN);
	EXPECT_EQ(bid_status(), (std::map<uint16_t, uint8_t>{{5, 0}}));
	EXPECT_TRUE(ops(MIP6_OP_TUNNEL_DEL).empty());
}

// RFC 5648 6.2: "If the length is incorrect, the receiver MUST reject the
// Binding Update and return the status value set to [MCOA MALFORMED]".
TEST_F(ConfMcoa, Rfc5648_6_2_WrongBidOptionLengthIs164)
{
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BU);
	m.u.bu.seq = 1;
	m.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_O;
	m.u.bu.lifetime = 100;
	mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_BID);
	o->len = 6; // neither 4, 8 nor 20
	o->u.bid.bid = 1;
	input(t::build_mh(m, kCoa, kHa, &kHoa));
	ASSERT_EQ(nba(), 1u);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_MCOA_MALFORMED);
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
}

// RFC 5648 6.2: without O a BID registration does not touch a regular
// binding (165); with O (4.2) every existing binding is replaced.
TEST_F(ConfMcoa, Rfc5648_6_2_OverwriteFlag)
{
	Bu plain;
	registered(plain); // a regular binding, no BID
	Bu bu;
	bu.seq = 2;
	bu.src = kCoa2;
	bu.bids = {{1, &kCoa2, 0}};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_MCOA_NON_MCOA_EXISTS);
	EXPECT_EQ(bid_status(), (std::map<uint16_t, uint8_t>{{1, 0}}));
	EXPECT_TRUE(ops(MIP6_OP_TUNNEL_DEL).empty());
	EXPECT_TRUE(tunneled_to(kHoa, kCoa));

	bu.seq = 3;
	bu.flags |= MIP6_BU_F_O;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ACCEPTED);
	EXPECT_TRUE(tunneled_to(kHoa, kCoa2));
	ASSERT_EQ(ops(MIP6_OP_TUNNEL_DEL).size(), 1u);
	EXPECT_EQ(t::str(ops(MIP6_OP_TUNNEL_DEL)[0].remote), t::str(kCoa));

	// O replaces per-BID bindings too: BID 1 goes, BID 2 is the only one.
	const mip6_addr_t coa3 = t::addr("2001:db8:4::100");
	bu.seq = 4;
	bu.src = coa3;
	bu.bids = {{2, &coa3, 0}};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ACCEPTED);
	EXPECT_TRUE(tunneled_to(kHoa, coa3));
	ASSERT_EQ(ops(MIP6_OP_TUNNEL_DEL).size(), 2u);
	EXPECT_EQ(t::str(ops(MIP6_OP_TUNNEL_DEL)[1].remote), t::str(kCoa2));

	// Without O the BIDs add up (5.2).
	bu.seq = 5;
	bu.flags &= (uint16_t)~MIP6_BU_F_O;
	bu.src = kCoa;
	bu.bids = {{1, &kCoa, 0}};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ACCEPTED);
	EXPECT_EQ(ops(MIP6_OP_TUNNEL_DEL).size(), 2u);
}

// RFC 5648 4.3: the Binding Identifier option is at 2n without a care-of
// address and at 8n+2 with one; a strict decode enforces it.
TEST(ConfMcoaWire, Rfc5648_4_3_BidOptionAlignment)
{
	auto emit_at_12 = [](uint8_t coa_len) {
		// The BU's fixed part ends at offset 12 (8n+4): with explicit
		// padding the option starts there.
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_BU);
		m.explicit_padding = true;
		mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_BID);
		o->u.bid.bid = 1;
		o->u.bid.coa_len = coa_len;
		std::vector<uint8_t> out(256);
		int n = mip6_mh_emit(&m, &kCoa, &kHa, 0, out.data(), out.size());
		out.resize(n > 0 ? (size_t)n : 0);
		return out;
	};
	mip6_mh_t m;
	mip6_diag_t d{};
	auto with_coa = emit_at_12(16);
	ASSERT_FALSE(with_coa.empty());
	EXPECT_EQ(mip6_mh_parse(with_coa.data(), with_coa.size(), &kCoa, &kHa, MIP6_DEC_STRICT, &m, &d),
	          MIP6_E_ALIGN);
	auto without = emit_at_12(0);
	ASSERT_FALSE(without.empty());
	d = {};
	EXPECT_EQ(mip6_mh_parse(without.data(), without.size(), &kCoa, &kHa, MIP6_DEC_STRICT, &m, &d), 0);
	// What emit() lays out itself passes.
	mip6_mh_init(&m, MIP6_MH_BU);
	mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_BID);
	o->u.bid.bid = 1;
	o->u.bid.coa_len = 16;
	std::vector<uint8_t> out(256);
	int n = mip6_mh_emit(&m, &kCoa, &kHa, 0, out.data(), out.size());
	ASSERT_GT(n, 0);
	mip6_mh_t back;
	EXPECT_EQ(mip6_mh_parse(out.data(), (size_t)n, &kCoa, &kHa, MIP6_DEC_STRICT, &back, &d), 0);
}

} // namespace
