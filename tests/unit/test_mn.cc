// SPDX-License-Identifier: BSD-3-Clause
// Mobile node: home registration, retransmission, MAX_UPDATE_RATE, BA
// handling (accept, refresh, 135 resync, rejections), BRR, BE, returning
// home, RFC 4285 options. The home agent is played by hand.
#include "test_mn_fixture.h"

using namespace mnt;

namespace
{

struct MnHome : MnTest {
};

const mip6_op_t *find_op(const std::vector<mip6_op_t> &ops, uint16_t kind, const mip6_addr_t &a,
                            uint32_t ifindex)
{
	for (auto &o : ops)
		if (o.kind == kind && mip6_addr_eq(&o.addr, &a) && o.ifindex == ifindex)
			return &o;
	return nullptr;
}

TEST_F(MnHome, FirstBindingUpdateFields)
{
	start();
	EXPECT_TRUE(fe.sent.empty()); // at home until movement detection speaks
	md(MIP6_MD_NEW_COA, 1, coa1);
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 1u);
	auto *bu = bus[0];
	EXPECT_EQ(bu->ifindex, 1u);
	EXPECT_EQ(bu->rc, 0); // strict decode: checksum over HoA -> HA verifies
	EXPECT_EQ(bu->pkt->nlayers, 1u);
	EXPECT_EQ(t::str(outer(bu).ip.src), "2001:db8:a::100");
	EXPECT_EQ(t::str(outer(bu).ip.dst), "2001:db8:1::1");
	ASSERT_TRUE(outer(bu).has_hao);
	EXPECT_EQ(t::str(outer(bu).hao), "2001:db8:1::100");
	EXPECT_FALSE(outer(bu).has_rh);
	EXPECT_EQ(mh(bu).cksum_ok, 1);
	EXPECT_EQ(mh(bu).u.bu.flags, MIP6_BU_F_A | MIP6_BU_F_H);
	EXPECT_EQ(mh(bu).u.bu.lifetime, 150); // 600 s in units of 4 s
	// RFC 6275 11.7.1: the Alternate Care-of Address option in every home
	// registration, naming the source address; nothing else.
	auto o = opts(mh(bu));
	ASSERT_EQ(o.size(), 1u);
	EXPECT_EQ(o[0].type, MIP6_OPT_ALTCOA);
	EXPECT_EQ(t::str(o[0].u.altcoa), "2001:db8:a::100");
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "IDLE", "WAITA"));
	EXPECT_EQ(mip6_node_next_timeout(n), now + MIP6_MS(1500));
}

TEST_F(MnHome, LifetimeUnitsRoundDown)
{
	cfg.lifetime_s = 1001;
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	EXPECT_EQ(mh(last_mh(MIP6_MH_BU)).u.bu.lifetime, 250);
}

TEST_F(MnHome, FirstRegistrationRetransmissionDoublesTo32s)
{
	start();
	mip6_ns_t t0 = now;
	md(MIP6_MD_NEW_COA, 1, coa1);
	auto times = send_times(MIP6_MH_BU, t0 + MIP6_SEC(200));
	std::vector<double> gaps;
	mip6_ns_t prev = t0;
	for (auto t : times) {
		gaps.push_back(static_cast<double>(t - prev) / 1e9);
		prev = t;
	}
	std::vector<double> want = {1.5, 3, 6, 12, 24, 32, 32, 32, 32};
	ASSERT_GE(gaps.size(), want.size());
	for (size_t i = 0; i < want.size(); i++)
		EXPECT_DOUBLE_EQ(gaps[i], want[i]) << "gap " << i;
	// Each retransmission is a new BU with the next sequence number.
	auto bus = fe.sent_mh(MIP6_MH_BU);
	for (size_t i = 1; i < bus.size(); i++)
		EXPECT_EQ(mh(bus[i]).u.bu.seq, static_cast<uint16_t>(mh(bus[i - 1]).u.bu.seq + 1));
}

TEST_F(MnHome, ReRegistrationStartsAtOneSecond)
{
	start();
	register_at(coa1);
	mip6_ns_t t0 = now;
	md(MIP6_MD_NEW_COA, 2, coa2);
	auto *bu = last_mh(MIP6_MH_BU);
	EXPECT_EQ(t::str(outer(bu).ip.src), "2001:db8:b::100");
	EXPECT_EQ(bu->ifindex, 2u);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "BOUND", "WAITAR"));
	auto times = send_times(MIP6_MH_BU, t0 + MIP6_SEC(8));
	ASSERT_EQ(times.size(), 3u);
	EXPECT_EQ(times[0], t0 + MIP6_SEC(1));
	EXPECT_EQ(times[1], t0 + MIP6_SEC(3));
	EXPECT_EQ(times[2], t0 + MIP6_SEC(7));
}

TEST_F(MnHome, MaxUpdateRateThreePerSecond)
{
	start();
	mip6_ns_t t0 = now;
	// Movement detection flaps between two care-of addresses.
	md(MIP6_MD_NEW_COA, 1, coa1);
	md(MIP6_MD_NEW_COA, 2, coa2);
	md(MIP6_MD_NEW_COA, 1, coa1);
	md(MIP6_MD_NEW_COA, 2, coa2);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 3u);
	auto times = send_times(MIP6_MH_BU, t0 + MIP6_SEC(30));
	ASSERT_FALSE(times.empty());
	EXPECT_EQ(times[0], t0 + MIP6_SEC(1)); // the held-back BU
	EXPECT_EQ(t::str(outer(fe.sent_mh(MIP6_MH_BU)[3]).ip.src), "2001:db8:b::100");
	// No window of one second ever holds more than three BUs.
	std::vector<mip6_ns_t> all = {t0, t0, t0};
	all.insert(all.end(), times.begin(), times.end());
	for (size_t i = 3; i < all.size(); i++)
		EXPECT_GE(all[i] - all[i - 3], MIP6_SEC(1));
}

TEST_F(MnHome, AcceptedBaProgramsPlatformAndDataPlane)
{
	start();
	register_at(coa1);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
	EXPECT_EQ(mip6_node_stats(n)->ba_rcvd[0], 1u);
	auto *a = find_op(fe.ops, MIP6_OP_ADDR_ADD, hoa, 0);
	ASSERT_NE(a, nullptr);
	EXPECT_EQ(a->flags, MIP6_ADDRF_HOME);
	EXPECT_EQ(a->plen, 128);
	const mip6_addr_t any{};
	auto *r = find_op(fe.ops, MIP6_OP_ROUTE_ADD, any, 0);
	ASSERT_NE(r, nullptr);
	EXPECT_EQ(r->plen, 0);
	EXPECT_EQ(r->id >> 24, 1u); // results come back to the MN component

	// The BUL entry reached the data plane: home-address traffic is
	// reverse-tunnelled from the care-of address to the HA.
	size_t before = fe.sent.size();
	auto pkt = udp(hoa, cn);
	EXPECT_EQ(mip6_node_output(n, pkt.data(), pkt.size(), now), MIP6_CONSUMED);
	ASSERT_EQ(fe.sent.size(), before + 1);
	auto &s = fe.sent.back();
	ASSERT_EQ(s.pkt->nlayers, 2u);
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.src), "2001:db8:a::100");
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.dst), "2001:db8:1::1");
	EXPECT_EQ(t::str(s.pkt->layer[1].ip.src), "2001:db8:1::100");
	EXPECT_EQ(t::str(s.pkt->layer[1].ip.dst), "2001:db8:c::1");
	EXPECT_EQ(s.ifindex, 1u);

	// A second registration does not add the address again.
	size_t nops = fe.ops.size();
	md(MIP6_MD_NEW_COA, 2, coa2);
	auto *bu = last_mh(MIP6_MH_BU);
	EXPECT_EQ(input(ba(mh(bu).u.bu.seq, 0, 150, 0, &coa2), 2), MIP6_CONSUMED);
	EXPECT_EQ(fe.ops.size(), nops);
	before = fe.sent.size();
	EXPECT_EQ(mip6_node_output(n, pkt.data(), pkt.size(), now), MIP6_CONSUMED);
	ASSERT_EQ(fe.sent.size(), before + 1);
	EXPECT_EQ(t::str(fe.sent.back().pkt->layer[0].ip.src), "2001:db8:b::100");
}

TEST_F(MnHome, RefreshBeforeExpiry)
{
	start();
	mip6_ns_t t0 = now;
	md(MIP6_MD_NEW_COA, 1, coa1);
	auto *bu = last_mh(MIP6_MH_BU);
	now += MIP6_MS(200);
	// The HA grants less than asked: 100 s.
	input(ba(mh(bu).u.bu.seq, 0, 25));
	auto times = send_times(MIP6_MH_BU, t0 + MIP6_SEC(85) + MIP6_MS(500));
	ASSERT_EQ(times.size(), 1u);
	EXPECT_EQ(times[0], t0 + MIP6_SEC(85)); // 85 % of 100 s from when the BU left
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "BOUND", "WAITAR"));
	EXPECT_EQ(mh(last_mh(MIP6_MH_BU)).u.bu.lifetime, 150);
	EXPECT_EQ(t::str(outer(last_mh(MIP6_MH_BU)).ip.src), "2001:db8:a::100");
}

TEST_F(MnHome, BindingRefreshAdviceShortensRefresh)
{
	start();
	mip6_ns_t t0 = now;
	md(MIP6_MD_NEW_COA, 1, coa1);
	mip6_mhopt_t bra{};
	bra.type = MIP6_OPT_BRA;
	bra.u.refresh = 10; // 40 s
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 150, 0, nullptr, {bra}));
	auto times = send_times(MIP6_MH_BU, t0 + MIP6_SEC(40) + MIP6_MS(500));
	ASSERT_EQ(times.size(), 1u);
	EXPECT_EQ(times[0], t0 + MIP6_SEC(40));
}

TEST_F(MnHome, UnansweredRefreshExpiresBinding)
{
	start();
	mip6_ns_t t0 = now;
	register_at(coa1);
	advance(t0 + MIP6_SEC(601));
	bool expired = false;
	for (auto &e : fe.traces)
		if (e.code == MIP6_EV_MN_HOME_EXPIRED)
			expired = true;
	EXPECT_TRUE(expired);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITAR", "WAITA"));
	// BUL_REMOVE reached the data plane: nothing tunnels any more.
	auto pkt = udp(hoa, cn);
	EXPECT_EQ(mip6_node_output(n, pkt.data(), pkt.size(), now), MIP6_PASS);
}

TEST_F(MnHome, Status135ResynchronisesWithWrapAround)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	auto *bu = last_mh(MIP6_MH_BU);
	uint16_t first = mh(bu).u.bu.seq;
	// The HA last accepted 65535: the next BU must carry 0.
	EXPECT_EQ(input(ba(65535, MIP6_BA_SEQ_OUT_OF_WINDOW, 0)), MIP6_CONSUMED);
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 2u);
	EXPECT_EQ(mh(bus[1]).u.bu.seq, 0u);
	EXPECT_NE(first, 0u);
	EXPECT_EQ(mip6_node_stats(n)->ba_rcvd[135], 1u);
	// A late BA for the old number no longer matches.
	input(ba(first, 0, 150));
	EXPECT_EQ(mip6_node_stats(n)->drop_seq, 1u);
	EXPECT_FALSE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
	input(ba(0, 0, 150));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
	// Sequence numbers go on from the wrap: 1 next.
	md(MIP6_MD_NEW_COA, 2, coa2);
	EXPECT_EQ(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 1u);
}

TEST_F(MnHome, MismatchedSequenceIgnored)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	uint16_t seq = mh(last_mh(MIP6_MH_BU)).u.bu.seq;
	EXPECT_EQ(input(ba(static_cast<uint16_t>(seq + 7), 0, 150)), MIP6_CONSUMED);
	EXPECT_EQ(mip6_node_stats(n)->drop_seq, 1u);
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_BA_SEQ_MISMATCH));
	EXPECT_TRUE(fe.ops.empty());
	// Still waiting: retransmission goes on.
	advance(now + MIP6_MS(1500));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
}

TEST_F(MnHome, RefusalGivesUp)
{
	for (uint8_t status :
	     {MIP6_BA_NOT_HOME_SUBNET, MIP6_BA_NOT_HA_FOR_MN, MIP6_BA_PROHIBITED, MIP6_BA_DAD_FAILED}) {
		SCOPED_TRACE(static_cast<int>(status));
		fe = t::FakeEnv();
		env = fe.env();
		start();
		md(MIP6_MD_NEW_COA, 1, coa1);
		input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, status, 0));
		// 134 has a code of its own: that home address is never used again
		// (RFC 6275 11.7.1).
		EXPECT_TRUE(fe.traced(status == MIP6_BA_DAD_FAILED ? MIP6_EV_MN_DROP_HOA_DAD_FAILED
		                                                   : MIP6_EV_MN_DROP_REFUSED));
		EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "IDLE"));
		EXPECT_EQ(mip6_node_stats(n)->ba_rcvd[status], 1u);
		advance(now + MIP6_SEC(100));
		EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
		EXPECT_TRUE(fe.ops.empty());
		mip6_node_free(n);
		n = nullptr;
		EXPECT_EQ(fe.live_blocks, 0);
	}
}

TEST_F(MnHome, TransientRejectionBacksOff)
{
	start();
	mip6_ns_t t0 = now;
	md(MIP6_MD_NEW_COA, 1, coa1);
	now += MIP6_MS(100);
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_INSUFFICIENT, 0));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_REJECTED_BACKING_OFF));
	auto times = send_times(MIP6_MH_BU, t0 + MIP6_SEC(10));
	ASSERT_GE(times.size(), 1u);
	EXPECT_EQ(times[0], t0 + MIP6_MS(100) + MIP6_SEC(3)); // doubled from 1.5 s
}

TEST_F(MnHome, BindingRefreshRequestAnsweredWithBu)
{
	start();
	register_at(coa1);
	mip6_mh_t brr;
	mip6_mh_init(&brr, MIP6_MH_BRR);
	EXPECT_EQ(input(t::build_mh(brr, ha, coa1, nullptr, &hoa)), MIP6_CONSUMED);
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 2u);
	EXPECT_EQ(mh(bus[1]).u.bu.lifetime, 150);
	EXPECT_EQ(t::str(outer(bus[1]).ip.src), "2001:db8:a::100");
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "BOUND", "WAITAR"));
}

TEST_F(MnHome, BindingErrorFromHaReRegisters)
{
	start();
	register_at(coa1);
	mip6_mh_t be;
	mip6_mh_init(&be, MIP6_MH_BE);
	be.u.be.status = MIP6_BE_UNKNOWN_HAO;
	be.u.be.home = hoa;
	EXPECT_EQ(input(t::build_mh(be, ha, coa1)), MIP6_CONSUMED);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
}

TEST_F(MnHome, ReturningHomeDeregistersWithDeregFlagUntilBa)
{
	start();
	register_at(coa1);
	size_t nops = fe.ops.size();
	mip6_ns_t t0 = now;
	md(MIP6_MD_HOME, 1, hoa);
	std::vector<mip6_op_t> ops(fe.ops.begin() + static_cast<long>(nops), fe.ops.end());
	ASSERT_EQ(ops.size(), 2u);
	EXPECT_EQ(ops[0].kind, MIP6_OP_ADDR_DEL);
	EXPECT_EQ(ops[0].ifindex, 0u);
	EXPECT_EQ(ops[1].kind, MIP6_OP_ADDR_ADD);
	EXPECT_EQ(ops[1].ifindex, 1u);
	EXPECT_EQ(ops[1].flags, MIP6_ADDRF_HOME | MIP6_ADDRF_DEREG);
	EXPECT_EQ(ops[1].plen, 64);
	EXPECT_TRUE(mip6_addr_eq(&ops[1].addr, &hoa));

	auto *bu = last_mh(MIP6_MH_BU);
	EXPECT_EQ(t::str(outer(bu).ip.src), "2001:db8:1::100");
	EXPECT_FALSE(outer(bu).has_hao);
	EXPECT_EQ(bu->ifindex, 1u);
	EXPECT_EQ(mh(bu).u.bu.lifetime, 0);
	EXPECT_EQ(mh(bu).u.bu.flags, MIP6_BU_F_A | MIP6_BU_F_H);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "BOUND", "WAITD"));

	// Retransmitted from 1 s while the HA stays silent; DEREG stays.
	auto times = send_times(MIP6_MH_BU, t0 + MIP6_SEC(4));
	ASSERT_EQ(times.size(), 2u);
	EXPECT_EQ(times[0], t0 + MIP6_SEC(1));
	EXPECT_EQ(times[1], t0 + MIP6_SEC(3));
	EXPECT_EQ(fe.ops.size(), nops + 2);

	size_t sent = fe.sent.size();
	EXPECT_EQ(input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 0, 0, &hoa)), MIP6_CONSUMED);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITD", "IDLE"));
	ops.assign(fe.ops.begin() + static_cast<long>(nops) + 2, fe.ops.end());
	ASSERT_EQ(ops.size(), 2u);
	EXPECT_EQ(ops[0].kind, MIP6_OP_ROUTE_DEL);
	EXPECT_EQ(ops[0].ifindex, 0u);
	EXPECT_EQ(ops[0].plen, 0);
	EXPECT_EQ(ops[1].kind, MIP6_OP_ADDR_ADD);
	EXPECT_EQ(ops[1].flags, MIP6_ADDRF_HOME); // DEREG cleared
	EXPECT_EQ(ops[1].ifindex, 1u);

	// RFC 6275 11.5.5: unsolicited NA for the home address, Override set.
	auto nas = fe.sent_icmp6(MIP6_ICMP6_NA);
	ASSERT_EQ(nas.size(), 1u);
	ASSERT_GT(fe.sent.size(), sent);
	const auto &na = nas[0]->pkt->icmp6;
	EXPECT_EQ(t::str(na.u.nd.target), "2001:db8:1::100");
	EXPECT_EQ(na.u.nd.flags, MIP6_NA_F_O);
	EXPECT_EQ(t::str(nas[0]->pkt->layer[0].ip.dst), "ff02::1");
	EXPECT_EQ(nas[0]->pkt->layer[0].ip.hlim, 255);
	auto *tlla = mip6_icmp6_find_opt(&na, MIP6_ND_OPT_TLLA);
	ASSERT_NE(tlla, nullptr);
	EXPECT_EQ(tlla->u.lla.addr[0], 0x12);

	// BUL_REMOVE: home-address traffic is the platform's again.
	auto pkt = udp(hoa, cn);
	EXPECT_EQ(mip6_node_output(n, pkt.data(), pkt.size(), now), MIP6_PASS);
	// Nothing more to retransmit.
	size_t nbu = fe.sent_mh(MIP6_MH_BU).size();
	advance(now + MIP6_SEC(100));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), nbu);
}

TEST_F(MnHome, ReturningHomeStatus133CompletesDeregistration)
{
	start();
	register_at(coa1);
	md(MIP6_MD_HOME, 1, hoa);
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_NOT_HA_FOR_MN, 0, 0, &hoa));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITD", "IDLE"));
}

TEST_F(MnHome, SwitchedOnAtHomeUsesHomeAddressThere)
{
	start();
	md(MIP6_MD_HOME, 1, hoa);
	EXPECT_TRUE(fe.sent.empty()); // nothing to de-register
	ASSERT_EQ(fe.ops.size(), 1u);
	EXPECT_EQ(fe.ops[0].kind, MIP6_OP_ADDR_ADD);
	EXPECT_EQ(fe.ops[0].ifindex, 1u);
	EXPECT_EQ(fe.ops[0].flags, MIP6_ADDRF_HOME);
	EXPECT_EQ(fe.ops[0].plen, 64);
	EXPECT_TRUE(mip6_addr_eq(&fe.ops[0].addr, &hoa));
	md(MIP6_MD_HOME, 1, hoa); // said again: nothing new
	EXPECT_EQ(fe.ops.size(), 1u);
}

TEST_F(MnHome, PerInterfaceReportsAreForMcoaOnly)
{
	start();
	md(MIP6_MD_NEW_COA, 2, coa2, 2); // stream 2: not ours without MCoA
	EXPECT_TRUE(fe.sent.empty());
	md(MIP6_MD_NEW_COA, 1, coa1, 0);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
	md(MIP6_MD_NO_COA, 1, coa1, 1); // stream 2 again: ignored
	advance(now + MIP6_MS(1500));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
}

TEST_F(MnHome, LeavingHomeAgainAfterDeregistration)
{
	start();
	register_at(coa1);
	md(MIP6_MD_HOME, 1, hoa);
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 0, 0, &hoa));
	size_t nops = fe.ops.size();
	size_t nbu = fe.sent_mh(MIP6_MH_BU).size();
	md(MIP6_MD_NEW_COA, 2, coa2);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "IDLE", "WAITA"));
	// Off the home link at once: the home prefix must not look on-link
	// while the BU looks for the HA; the BU waits for that.
	std::vector<mip6_op_t> ops(fe.ops.begin() + static_cast<long>(nops), fe.ops.end());
	ASSERT_EQ(ops.size(), 1u);
	EXPECT_EQ(ops[0].kind, MIP6_OP_ADDR_DEL);
	EXPECT_EQ(ops[0].ifindex, 1u);
	EXPECT_EQ(ops[0].plen, 64);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), nbu);
	now += MIP6_MS(20);
	mip6_node_op_result(n, ops[0].id, 0, now);
	ASSERT_EQ(fe.sent_mh(MIP6_MH_BU).size(), nbu + 1);
	EXPECT_EQ(t::str(outer(last_mh(MIP6_MH_BU)).ip.src), "2001:db8:b::100");
	EXPECT_EQ(mip6_node_next_timeout(n), now + MIP6_MS(1500));
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 150, 0, &coa2), 2);
	ops.assign(fe.ops.begin() + static_cast<long>(nops), fe.ops.end());
	ASSERT_EQ(ops.size(), 3u);
	EXPECT_EQ(ops[1].kind, MIP6_OP_ADDR_ADD); // onto the mobility interface
	EXPECT_EQ(ops[1].ifindex, 0u);
	EXPECT_EQ(ops[2].kind, MIP6_OP_ROUTE_ADD);
}

TEST_F(MnHome, BuGoesAnywayWhenTheAddressRemovalIsNotAnswered)
{
	start();
	md(MIP6_MD_HOME, 1, hoa); // switched on at home: the HoA on interface 1
	mip6_ns_t t0 = now;
	md(MIP6_MD_NEW_COA, 2, coa2);
	EXPECT_TRUE(fe.sent_mh(MIP6_MH_BU).empty());
	auto times = send_times(MIP6_MH_BU, t0 + MIP6_SEC(5));
	ASSERT_EQ(times.size(), 2u);
	EXPECT_EQ(times[0], t0 + MIP6_MS(1500)); // the fallback: the first BU
	EXPECT_EQ(times[1], t0 + MIP6_SEC(3));   // then 1.5 s after it
}

TEST_F(MnHome, PrefixDiscoveryStatusStartsMps)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_ACCEPTED_PD, 150));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
	auto mps = fe.sent_icmp6(MIP6_ICMP6_MPS);
	ASSERT_EQ(mps.size(), 1u);
	EXPECT_EQ(t::str(mps[0]->pkt->layer[0].ip.src), "2001:db8:a::100");
	EXPECT_EQ(t::str(mps[0]->pkt->layer[0].ip.dst), "2001:db8:1::1");
	ASSERT_TRUE(mps[0]->pkt->layer[0].has_hao);
	EXPECT_EQ(t::str(mps[0]->pkt->layer[0].hao), "2001:db8:1::100");
}

TEST_F(MnHome, BaFromElsewhereIsNotOurs)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BA);
	m.u.ba.seq = mh(last_mh(MIP6_MH_BU)).u.bu.seq;
	m.u.ba.lifetime = 150;
	const mip6_addr_t other = addr("2001:db8:1::2");
	EXPECT_EQ(input(t::build_mh(m, other, coa1, nullptr, &hoa)), MIP6_DROPPED);
	EXPECT_FALSE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
}

TEST_F(MnHome, BaWithRoutingHeaderToForeignAddressDropped)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	const mip6_addr_t elsewhere = addr("2001:db8:f::1");
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 150, 0, &elsewhere));
	EXPECT_EQ(mip6_node_stats(n)->drop_rh2, 1u);
	EXPECT_FALSE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
}

TEST_F(MnHome, NoCoaPausesRetransmission)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	md(MIP6_MD_NO_COA, 1, coa1);
	advance(now + MIP6_SEC(60));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
	md(MIP6_MD_NEW_COA, 1, coa1);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
}

// --- RFC 4285 ---

struct MnAuth : MnTest {
	void SetUp() override
	{
		MnTest::SetUp();
		cfg.auth.enabled = true;
		cfg.auth.spi = 0x1234;
		const char key[] = "secret-mn-ha-key";
		memcpy(cfg.auth.key, key, sizeof key - 1);
		cfg.auth.key_len = sizeof key - 1;
		const char nai[] = "mn1@example.org";
		memcpy(cfg.auth.nai, nai, sizeof nai - 1);
		cfg.auth.nai_len = sizeof nai - 1;
	}
};

TEST_F(MnAuth, BindingUpdateCarriesVerifiableAuthOptions)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	now += MIP6_MS(10);
	advance(now + MIP6_MS(1500));
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 2u);
	uint64_t prev_ts = 0;
	for (auto *bu : bus) {
		auto all = opts(mh(bu));
		ASSERT_EQ(all.size(), 4u);
		EXPECT_EQ(all[0].type, MIP6_OPT_ALTCOA); // RFC 6275 11.7.1
		std::vector<mip6_mhopt_t> o(all.begin() + 1, all.end());
		EXPECT_EQ(o[0].type, MIP6_OPT_MNID);
		EXPECT_EQ(o[0].u.mnid.subtype, MIP6_MNID_SUBTYPE_NAI);
		EXPECT_EQ(std::string(reinterpret_cast<const char *>(o[0].u.mnid.id), o[0].len - 1u),
		          "mn1@example.org");
		EXPECT_EQ(o[1].type, MIP6_OPT_MESGID);
		EXPECT_GT(o[1].u.timestamp, prev_ts); // strictly increasing
		prev_ts = o[1].u.timestamp;
		EXPECT_EQ(o[2].type, MIP6_OPT_MNAUTH); // last (RFC 4285 5)
		EXPECT_EQ(o[2].u.mnauth.subtype, MIP6_MNAUTH_SUBTYPE_MNHA);
		EXPECT_EQ(o[2].u.mnauth.spi, 0x1234u);
		EXPECT_EQ(mh(bu).opts[mh(bu).nopts - 1].type, MIP6_OPT_MNAUTH);
		auto bytes = mh_bytes(bu);
		uint32_t spi = 0;
		EXPECT_EQ(mip6_auth_verify_mh(bytes.data(), bytes.size(), cfg.auth.key, cfg.auth.key_len,
		                              &coa1, &hoa, &spi),
		          0);
		EXPECT_EQ(spi, 0x1234u);
		// With another key it does not verify.
		const uint8_t bad[] = "another-key";
		EXPECT_EQ(mip6_auth_verify_mh(bytes.data(), bytes.size(), bad, 11, &coa1, &hoa, nullptr),
		          MIP6_E_CRYPTO);
	}
}

TEST_F(MnAuth, DeregistrationFromHomeIsSignedOverHomeAddress)
{
	start();
	register_at(coa1);
	md(MIP6_MD_HOME, 1, hoa);
	auto *bu = last_mh(MIP6_MH_BU);
	auto bytes = mh_bytes(bu);
	EXPECT_EQ(mip6_auth_verify_mh(bytes.data(), bytes.size(), cfg.auth.key, cfg.auth.key_len, &hoa, &hoa,
	                              nullptr),
	          0);
}

// The HA answers with its own MN-HA authenticator; a forged one is dropped.
// Unless opts has one, the BA echoes the last BU's timestamp (RFC 4285 6;
// a 144 carries the HA's, when it carries one).
std::vector<uint8_t> signed_ba(MnTest &tc, uint16_t seq, const uint8_t *key, size_t key_len,
                               uint8_t status = 0, const std::vector<mip6_mhopt_t> &opts = {})
{
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BA);
	m.u.ba.status = status;
	m.u.ba.seq = seq;
	m.u.ba.lifetime = status < 128 ? 150 : 0;
	bool has_ts = false;
	for (const auto &x : opts) {
		*mip6_mh_add_opt(&m, x.type) = x;
		has_ts |= x.type == MIP6_OPT_MESGID;
	}
	const t::SentPacket *bu = tc.last_mh(MIP6_MH_BU);
	const mip6_mhopt_t *ts = bu ? mip6_mh_find_opt(&bu->pkt->mh, MIP6_OPT_MESGID) : nullptr;
	if (!has_ts && ts && status != MIP6_BA_ID_MISMATCH)
		mip6_mh_add_opt(&m, MIP6_OPT_MESGID)->u.timestamp = ts->u.timestamp;
	mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_MNAUTH);
	o->len = 5 + MIP6_MNHA_AUTH_LEN;
	o->u.mnauth.subtype = MIP6_MNAUTH_SUBTYPE_MNHA;
	o->u.mnauth.spi = 0x1234;
	auto pkt = t::build_mh(m, tc.ha, tc.coa1, nullptr, &tc.hoa);
	auto span = mh_span(pkt);
	EXPECT_EQ(mip6_auth_sign_mh(pkt.data() + span.first, span.second, key, key_len, &tc.coa1, &tc.hoa,
	                            &tc.ha, &tc.hoa),
	          0);
	return pkt;
}

TEST_F(MnAuth, SignedBaAcceptedForgedBaDropped)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	uint16_t seq = mh(last_mh(MIP6_MH_BU)).u.bu.seq;
	const uint8_t wrong[] = "not-the-key";
	input(signed_ba(*this, seq, wrong, 11));
	EXPECT_EQ(mip6_node_stats(n)->drop_auth, 1u);
	EXPECT_FALSE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
	input(signed_ba(*this, seq, cfg.auth.key, cfg.auth.key_len));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
}

TEST_F(MnAuth, UnauthenticatedBaIsDropped)
{
	// With MN-HA authentication on, a BA without the authentication option
	// could come from anyone: neither an acceptance nor a refusal counts.
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	uint16_t seq = mh(last_mh(MIP6_MH_BU)).u.bu.seq;
	input(ba(seq, 0, 150));
	input(ba(seq, MIP6_BA_PROHIBITED, 0));
	EXPECT_EQ(mip6_node_stats(n)->drop_auth, 2u);
	EXPECT_FALSE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
	EXPECT_FALSE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "IDLE"));
	input(signed_ba(*this, seq, cfg.auth.key, cfg.auth.key_len));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
}

TEST_F(MnAuth, StaleTimestampResynchronises)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	uint64_t ts0 = mip6_mh_find_opt(&mh(last_mh(MIP6_MH_BU)), MIP6_OPT_MESGID)->u.timestamp;
	mip6_mhopt_t mid{};
	mid.type = MIP6_OPT_MESGID;
	mid.u.timestamp = ts0 + (uint64_t{5000} << 32); // the HA has seen later ones
	input(signed_ba(*this, mh(last_mh(MIP6_MH_BU)).u.bu.seq, cfg.auth.key, cfg.auth.key_len,
	                MIP6_BA_ID_MISMATCH, {mid}));
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 2u);
	uint64_t ts1 = mip6_mh_find_opt(&mh(bus[1]), MIP6_OPT_MESGID)->u.timestamp;
	EXPECT_GT(ts1, mid.u.timestamp);
	EXPECT_LT(ts1, mid.u.timestamp + (uint64_t{1} << 32));
	// Time goes on from there.
	now += MIP6_SEC(2);
	md(MIP6_MD_NEW_COA, 2, coa2);
	uint64_t ts2 = mip6_mh_find_opt(&mh(last_mh(MIP6_MH_BU)), MIP6_OPT_MESGID)->u.timestamp;
	EXPECT_EQ(ts2 - ts1, uint64_t{2} << 32);
}

TEST_F(MnAuth, IdentifierMismatchWithoutTimestampGivesUp)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	input(signed_ba(*this, mh(last_mh(MIP6_MH_BU)).u.bu.seq, cfg.auth.key, cfg.auth.key_len,
	                MIP6_BA_ID_MISMATCH));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "IDLE"));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
}

// --- RFC 6275 6.1.7 / 11.7.1: Link-Local Address Compatibility ---

TEST_F(MnHome, LFlagWhenHomeAddressSharesTheLinkLocalInterfaceIdentifier)
{
	// Interface 2's link-layer address 22:23:24:25:26:27 gives the modified
	// EUI-64 identifier 2023:24ff:fe25:2627 (RFC 4291 appendix A), the one
	// of its link-local address.
	cfg.hoa = addr("2001:db8:1::2023:24ff:fe25:2627");
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	EXPECT_EQ(mh(last_mh(MIP6_MH_BU)).u.bu.flags, MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_L);
}

TEST_F(MnHome, NoLFlagWhenTheIdentifiersDiffer)
{
	// The u bit not inverted: not the interface's identifier.
	cfg.hoa = addr("2001:db8:1::2223:24ff:fe25:2627");
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	EXPECT_EQ(mh(last_mh(MIP6_MH_BU)).u.bu.flags, MIP6_BU_F_A | MIP6_BU_F_H);
}

TEST_F(MnHome, LFlagFromConfiguration)
{
	cfg.ll_same_iid = true; // the platform forms its link-local addresses otherwise
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	EXPECT_EQ(mh(last_mh(MIP6_MH_BU)).u.bu.flags, MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_L);
	// The de-registration from home carries it too.
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 150));
	md(MIP6_MD_HOME, 1, hoa);
	EXPECT_EQ(mh(last_mh(MIP6_MH_BU)).u.bu.lifetime, 0);
	EXPECT_EQ(mh(last_mh(MIP6_MH_BU)).u.bu.flags, MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_L);
}

// --- RFC 4285 timestamps from the env's time of day ---

uint64_t g_tod;

struct MnTod : MnAuth {
	void SetUp() override
	{
		MnAuth::SetUp();
		g_tod = (uint64_t{0xe9000000} << 32) | 0x80000000u; // some day in 2023, and a half second
		env.time_of_day = [](void *) { return g_tod; };
	}

	uint64_t last_ts() const
	{
		return mip6_mh_find_opt(&mh(last_mh(MIP6_MH_BU)), MIP6_OPT_MESGID)->u.timestamp;
	}
};

TEST_F(MnTod, TimestampIsTheTimeOfDay)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	EXPECT_EQ(last_ts(), g_tod);
	// The wall clock has not moved (coarse clock): still strictly increasing.
	advance(now + MIP6_MS(1500));
	ASSERT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
	EXPECT_EQ(last_ts(), g_tod + 1);
	// It moves: the timestamp follows it, not 'now'.
	g_tod += uint64_t{10} << 32;
	advance(now + MIP6_SEC(3));
	ASSERT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 3u);
	EXPECT_EQ(last_ts(), g_tod);
	// A clock stepped back does not make a timestamp go back.
	uint64_t before = last_ts();
	g_tod -= uint64_t{100} << 32;
	advance(now + MIP6_SEC(6));
	ASSERT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 4u);
	EXPECT_EQ(last_ts(), before + 1);
}

TEST_F(MnTod, ResyncOffsetAppliesToTheTimeOfDay)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	mip6_mhopt_t mid{};
	mid.type = MIP6_OPT_MESGID;
	mid.u.timestamp = g_tod + (uint64_t{5000} << 32); // the HA's clock is 5000 s ahead
	// 144 with the HA's time (RFC 4285 6; only a 144 may carry another
	// timestamp than the BU's).
	input(signed_ba(*this, mh(last_mh(MIP6_MH_BU)).u.bu.seq, cfg.auth.key, cfg.auth.key_len,
	                MIP6_BA_ID_MISMATCH, {mid}));
	ASSERT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
	EXPECT_EQ(last_ts(), mid.u.timestamp + 1);
	// The time of day moves 2 s: so does the timestamp, from the HA's reference.
	g_tod += uint64_t{2} << 32;
	md(MIP6_MD_NEW_COA, 2, coa2);
	EXPECT_EQ(last_ts(), mid.u.timestamp + 1 + (uint64_t{2} << 32));
}

} // namespace
