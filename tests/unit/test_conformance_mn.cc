// SPDX-License-Identifier: BSD-3-Clause
// The mobile node as RFC 5648 and RFC 4285 say it: the O flag when it
// bootstraps MCoA (5.9) and after status 165 (5.7), and a BA whose replay
// protection timestamp is not the BU's is discarded (RFC 4285 6).
#include "test_mn_fixture.h"

using namespace mnt;

namespace
{

struct ConfMnMcoa : MnTest {
	void SetUp() override
	{
		MnTest::SetUp();
		cfg.mcoa = true;
	}

	uint16_t last_flags() { return mh(last_mh(MIP6_MH_BU)).u.bu.flags; }
	uint16_t last_seq() { return mh(last_mh(MIP6_MH_BU)).u.bu.seq; }
};

// RFC 5648 5.9: "When a mobile node bootstraps and registers multiple
// bindings for the first time, it MUST set the 'O' flag"; later BUs add
// bindings (5.2) and do not.
TEST_F(ConfMnMcoa, Rfc5648_5_9_BootstrapSetsTheOverwriteFlag)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1, 1);
	EXPECT_TRUE(last_flags() & MIP6_BU_F_O);
	input(ba(last_seq(), 0, 150, 0, &coa1, {bid_opt(1)}), 1);
	md(MIP6_MD_NEW_COA, 2, coa2, 2);
	EXPECT_FALSE(last_flags() & MIP6_BU_F_O); // would remove BID 1
	input(ba(last_seq(), 0, 150, 0, &coa2, {bid_opt(2)}), 2);
	// Refreshes do not overwrite either.
	advance(now + MIP6_SEC(600));
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_GT(bus.size(), 2u);
	for (size_t i = 2; i < bus.size(); i++)
		EXPECT_FALSE(mh(bus[i]).u.bu.flags & MIP6_BU_F_O) << "BU " << i;
}

// RFC 5648 5.7: on 165 "The mobile node MUST set 'O' flag so that all the
// registered bindings are replaced by an MCoA registration".
TEST_F(ConfMnMcoa, Rfc5648_5_7_NonMcoaBindingExistsRegistersAgainWithO)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1, 1);
	input(ba(last_seq(), 0, 150, 0, &coa1, {bid_opt(1)}), 1);
	md(MIP6_MD_NEW_COA, 2, coa2, 2);
	ASSERT_FALSE(last_flags() & MIP6_BU_F_O);
	size_t before = fe.sent_mh(MIP6_MH_BU).size();
	input(ba(last_seq(), MIP6_BA_MCOA_NON_MCOA_EXISTS, 0, 0, &coa2, {bid_opt(2)}), 2);
	advance(now + MIP6_SEC(1)); // MAX_UPDATE_RATE may hold it a moment
	ASSERT_EQ(fe.sent_mh(MIP6_MH_BU).size(), before + 1);
	EXPECT_TRUE(last_flags() & MIP6_BU_F_O);
	auto o = opts(mh(last_mh(MIP6_MH_BU)));
	ASSERT_EQ(o.size(), 1u);
	EXPECT_EQ(o[0].u.bid.bid, 2u);
	EXPECT_FALSE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "IDLE")); // MCoA not given up
	size_t sent = fe.sent_mh(MIP6_MH_BU).size();
	input(ba(last_seq(), 0, 150, 0, &coa2, {bid_opt(2)}), 2);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
	// O replaced BID 1's binding at the HA too: it registers again, without O.
	advance(now + MIP6_SEC(1));
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_GT(bus.size(), sent);
	EXPECT_FALSE(mh(bus[sent]).u.bu.flags & MIP6_BU_F_O);
	o = opts(mh(bus[sent]));
	ASSERT_EQ(o.size(), 1u);
	EXPECT_EQ(o[0].u.bid.bid, 1u);
}

struct ConfMnAuth : MnTest {
	void SetUp() override
	{
		MnTest::SetUp();
		cfg.auth.enabled = true;
		cfg.auth.spi = 0x77;
		const char key[] = "conformance-key!";
		memcpy(cfg.auth.key, key, sizeof key - 1);
		cfg.auth.key_len = sizeof key - 1;
		const char nai[] = "mn@example.org";
		memcpy(cfg.auth.nai, nai, sizeof nai - 1);
		cfg.auth.nai_len = sizeof nai - 1;
	}

	// A BA signed with the MN-HA key, echoing timestamp ts.
	std::vector<uint8_t> signed_ba(uint16_t seq, uint8_t status, uint64_t ts)
	{
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_BA);
		m.u.ba.status = status;
		m.u.ba.seq = seq;
		m.u.ba.lifetime = status < 128 ? 150 : 0;
		mip6_mh_add_opt(&m, MIP6_OPT_MESGID)->u.timestamp = ts;
		mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_MNAUTH);
		o->len = 5 + MIP6_MNHA_AUTH_LEN;
		o->u.mnauth.subtype = MIP6_MNAUTH_SUBTYPE_MNHA;
		o->u.mnauth.spi = cfg.auth.spi;
		auto pkt = t::build_mh(m, ha, coa1, nullptr, &hoa);
		auto span = mh_span(pkt);
		EXPECT_EQ(mip6_auth_sign_mh(pkt.data() + span.first, span.second, cfg.auth.key,
		                            cfg.auth.key_len, &coa1, &hoa, &ha, &hoa),
		          0);
		return pkt;
	}
};

// RFC 4285 6: "Upon receiving a BA that does not contain the
// MIPV6-ID-MISMATCH status code, the Mobile Node MUST compare the
// Timestamp value in the BA to the Timestamp value it sent in the
// corresponding BU ... If the values do not match, the Mobile Node
// silently discards the BA."
TEST_F(ConfMnAuth, Rfc4285_6_BaWithAnotherTimestampIsDiscarded)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	const mip6_mh_t &bu = mh(last_mh(MIP6_MH_BU));
	uint16_t seq = bu.u.bu.seq;
	uint64_t ts = mip6_mh_find_opt(&bu, MIP6_OPT_MESGID)->u.timestamp;
	input(signed_ba(seq, 0, ts + 1));
	EXPECT_FALSE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
	input(signed_ba(seq, MIP6_BA_PROHIBITED, ts - 1));
	EXPECT_FALSE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "IDLE"));
	input(signed_ba(seq, 0, ts));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
}

} // namespace

namespace
{

// RFC 3963 5.4.1: "If no Home Agent replies positively, the Mobile Router
// MUST refrain from sending Binding Updates with the Mobile Router Flag set
// to any Home Agent on the home link, and it must log the information."
// Here the one (configured) home agent answers 140; a later care-of address
// does not register again, the operator's MIP6_CMD_REGISTER does.
TEST_F(MnTest, Rfc3963_5_4_1_NoRouterRegistrationAfterEveryHomeAgentRefused)
{
	cfg.mr = true;
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	ASSERT_TRUE(mh(last_mh(MIP6_MH_BU)).u.bu.flags & MIP6_BU_F_R);
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_MR_OP_NOT_PERMITTED, 0));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_MR_NO_HA));
	md(MIP6_MD_NEW_COA, 1, coa2);
	advance(now + MIP6_SEC(100));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
	ASSERT_EQ(command(MIP6_CMD_REGISTER), 0);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
}

// RFC 3963 5.4.2: "If by the end of this Error Processing procedure ... the
// Mobile Router has tried every available mode and still has not received a
// positive Binding Acknowledgement, the Mobile Router MUST stop sending
// Binding Updates with the Mobile Router Flag set for this Home Address and
// it must log the information"; after 141 / 142 it "MUST also stop
// advertising the prefix in the Mobile Network" (told to the platform on the
// bus). One mode is configured: its refusal by the only home agent ends it.
TEST_F(MnTest, Rfc3963_5_4_2_NoRouterRegistrationWhenNoModeIsLeft)
{
	cfg.mr = true;
	cfg.nemo_explicit = true;
	cfg.nmnp = 1;
	cfg.mnp[0].prefix = t::addr("2001:db8:100::");
	cfg.mnp[0].plen = 48;
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	ASSERT_TRUE(mh(last_mh(MIP6_MH_BU)).u.bu.flags & MIP6_BU_F_R);
	size_t from = fe.bus_out.size();
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_INVALID_PREFIX, 0));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_MR_NO_MODE_LEFT));
	EXPECT_EQ(fe.count(MIP6_EV_MN_MNP_REFUSED), 1u);
	unsigned refused = 0;
	for (auto &m : fe.bus_msgs(from, {MIP6_BUS_MNP_ROUTE}))
		if (m.cmd == MIP6_MNP_REFUSED) {
			refused++;
			EXPECT_EQ(t::str(m.prefix), "2001:db8:100::");
			EXPECT_EQ(m.plen, 48);
			EXPECT_TRUE(m.flags & MIP6_BF_MR);
		}
	EXPECT_EQ(refused, 1u);
	md(MIP6_MD_NEW_COA, 1, coa2);
	advance(now + MIP6_SEC(100));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
	ASSERT_EQ(command(MIP6_CMD_REGISTER), 0);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
}

// Implicit mode, 143 from the only home agent: the same stop; no prefix
// was listed, none is refused.
TEST_F(MnTest, Rfc3963_5_4_2_ImplicitModeRefusalAlsoStops)
{
	cfg.mr = true;
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	size_t from = fe.bus_out.size();
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_FWD_SETUP_FAILED, 0));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_MR_NO_MODE_LEFT));
	for (auto &m : fe.bus_msgs(from, {MIP6_BUS_MNP_ROUTE}))
		EXPECT_NE(m.cmd, MIP6_MNP_REFUSED);
	md(MIP6_MD_NEW_COA, 1, coa2);
	advance(now + MIP6_SEC(100));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
}

// RFC 5648 5.7: "If the status value is [MCOA PROHIBITED], the mobile node
// MUST stop registering multiple bindings with the node that sent the
// Binding Acknowledgement."
TEST_F(ConfMnMcoa, Rfc5648_5_7_McoaProhibitedStopsMultipleBindingsWithThatHomeAgent)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1, 1);
	input(ba(last_seq(), MIP6_BA_MCOA_PROHIBITED, 0, 0, &coa1, {bid_opt(1)}), 1);
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_MCOA_REFUSED));
	// The other interface's care-of address: no BU with a BID to that HA.
	md(MIP6_MD_NEW_COA, 2, coa2, 2);
	md(MIP6_MD_NEW_COA, 1, t::addr("2001:db8:5::100"), 1);
	advance(now + MIP6_SEC(100));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
	EXPECT_GE(fe.count(MIP6_EV_MN_DROP_MCOA_REFUSED), 2u);
}

} // namespace

namespace
{

// RFC 6275 11.7.1: the Alternate Care-of Address option "MUST be included
// in all home registrations", naming the care-of address; at home the
// de-registration's care-of address is the home address (11.5.5).
TEST_F(MnTest, Rfc6275_11_7_1_HomeRegistrationsCarryTheAlternateCareOfAddress)
{
	start();
	auto altcoa_of_last_bu = [&]() {
		std::vector<std::string> v;
		for (auto &o : opts(mh(last_mh(MIP6_MH_BU))))
			if (o.type == MIP6_OPT_ALTCOA)
				v.push_back(t::str(o.u.altcoa));
		return v;
	};
	md(MIP6_MD_NEW_COA, 1, coa1);
	EXPECT_EQ(altcoa_of_last_bu(), std::vector<std::string>{t::str(coa1)});
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 150));
	md(MIP6_MD_NEW_COA, 1, coa2);
	EXPECT_EQ(altcoa_of_last_bu(), std::vector<std::string>{t::str(coa2)});
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 150));
	md(MIP6_MD_HOME, 1, hoa);
	auto *dereg = last_mh(MIP6_MH_BU);
	EXPECT_EQ(mh(dereg).u.bu.lifetime, 0);
	EXPECT_EQ(t::str(outer(dereg).ip.src), t::str(hoa));
	EXPECT_EQ(altcoa_of_last_bu(), std::vector<std::string>{t::str(hoa)});
}

// RFC 6275 6.1.8 status 174 (Invalid Care-of Address): the refusal is
// about this care-of address, so the node does not retransmit from it
// (11.7.3: correct the cause first), and a new care-of address registers.
TEST_F(MnTest, Rfc6275_6_1_8_InvalidCareOfAddressWaitsForAnotherOne)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_INVALID_COA, 0));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_INVALID_COA));
	EXPECT_EQ(mip6_node_stats(n)->ba_rcvd[MIP6_BA_INVALID_COA], 1u);
	advance(now + MIP6_SEC(100));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
	md(MIP6_MD_NEW_COA, 1, coa2);
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 2u);
	EXPECT_EQ(t::str(outer(bus.back()).ip.src), t::str(coa2));
	EXPECT_STREQ(mip6_ba_status_name(MIP6_BA_INVALID_COA), "Invalid Care-of Address");
}

} // namespace
