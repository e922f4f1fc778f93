// Mobile node: Dynamic Home Agent Address Discovery (RFC 6275 11.4.1) and
// mobile prefix discovery (11.4.2, 11.4.3).
#include "test_mn_fixture.h"

using namespace mnt;

namespace
{

struct MnDisc : MnTest {
	void SetUp() override
	{
		MnTest::SetUp();
		cfg.ha = mip6_addr_t{}; // discover it
	}

	std::vector<uint8_t> dhaad_reply(uint16_t id, std::vector<mip6_addr_t> has, uint16_t flags = 0)
	{
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_DHAAD_REPLY);
		m.u.dhaad_rep.id = id;
		m.u.dhaad_rep.flags = flags;
		m.u.dhaad_rep.naddrs = static_cast<unsigned>(has.size());
		for (size_t i = 0; i < has.size(); i++)
			m.u.dhaad_rep.addrs[i] = has[i];
		return icmp(m, ha, coa1);
	}
};

TEST_F(MnDisc, RequestToHomeAgentsAnycast)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	EXPECT_TRUE(fe.sent_mh(MIP6_MH_BU).empty());
	auto req = fe.sent_icmp6(MIP6_ICMP6_DHAAD_REQUEST);
	ASSERT_EQ(req.size(), 1u);
	EXPECT_EQ(req[0]->ifindex, 1u);
	EXPECT_EQ(t::str(req[0]->pkt->layer[0].ip.src), "2001:db8:a::100");
	// RFC 2526: the /64 home prefix with interface identifier fdff:ffff:ffff:fffe.
	EXPECT_EQ(t::str(req[0]->pkt->layer[0].ip.dst), "2001:db8:1:0:fdff:ffff:ffff:fffe");
	EXPECT_EQ(req[0]->pkt->icmp6.u.dhaad_req.flags, 0u);
	EXPECT_TRUE(traced_state("mn", "IDLE", "DHAAD"));
}

TEST_F(MnDisc, RequestWaitsForHomeAddressToLeaveHomeLink)
{
	start();
	md(MIP6_MD_HOME, 1, hoa); // the HoA is on interface 1
	md(MIP6_MD_NEW_COA, 2, coa2);
	EXPECT_TRUE(fe.sent_icmp6(MIP6_ICMP6_DHAAD_REQUEST).empty());
	now += MIP6_MS(5);
	ops_done();
	auto req = fe.sent_icmp6(MIP6_ICMP6_DHAAD_REQUEST);
	ASSERT_EQ(req.size(), 1u);
	EXPECT_EQ(t::str(req[0]->pkt->layer[0].ip.src), "2001:db8:b::100");
	EXPECT_EQ(req[0]->ifindex, 2u);
}

TEST_F(MnDisc, AnycastForOtherPrefixLengths)
{
	cfg.home_plen = 48;
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	auto req = fe.sent_icmp6(MIP6_ICMP6_DHAAD_REQUEST);
	ASSERT_EQ(req.size(), 1u);
	EXPECT_EQ(t::str(req[0]->pkt->layer[0].ip.dst), "2001:db8:1:ffff:ffff:ffff:ffff:fffe");
}

TEST_F(MnDisc, MobileRouterSetsR)
{
	cfg.mr = true;
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	auto req = fe.sent_icmp6(MIP6_ICMP6_DHAAD_REQUEST);
	ASSERT_EQ(req.size(), 1u);
	EXPECT_EQ(req[0]->pkt->icmp6.u.dhaad_req.flags, MIP6_DHAAD_F_R);
}

TEST_F(MnDisc, RetriesDoubleFromThreeSecondsThenGiveUp)
{
	start();
	mip6_ns_t t0 = now;
	md(MIP6_MD_NEW_COA, 1, coa1);
	std::vector<mip6_ns_t> times;
	size_t seen = 1;
	while (mip6_node_next_timeout(n) < t0 + MIP6_SEC(300)) {
		now = mip6_node_next_timeout(n);
		mip6_node_timeout(n, now);
		auto req = fe.sent_icmp6(MIP6_ICMP6_DHAAD_REQUEST);
		for (; seen < req.size(); seen++)
			times.push_back(now - t0);
	}
	// DHAAD_RETRIES 4 retransmissions at 3, 3+6, 9+12, 21+24 s.
	std::vector<mip6_ns_t> want = {MIP6_SEC(3), MIP6_SEC(9), MIP6_SEC(21), MIP6_SEC(45)};
	EXPECT_EQ(times, want);
	EXPECT_TRUE(fe.traced_drop("DHAAD: no reply"));
	EXPECT_TRUE(traced_state("mn", "DHAAD", "IDLE"));
	// All requests carry the same identifier.
	auto req = fe.sent_icmp6(MIP6_ICMP6_DHAAD_REQUEST);
	for (auto *r : req)
		EXPECT_EQ(r->pkt->icmp6.u.dhaad_req.id, req[0]->pkt->icmp6.u.dhaad_req.id);
	// The next care-of address tries again.
	md(MIP6_MD_NEW_COA, 2, coa2);
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_DHAAD_REQUEST).size(), 6u);
}

TEST_F(MnDisc, ReplyPicksFirstAddressAndRegisters)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	uint16_t id = fe.sent_icmp6(MIP6_ICMP6_DHAAD_REQUEST)[0]->pkt->icmp6.u.dhaad_req.id;
	// A reply with another identifier is not ours.
	input(dhaad_reply(static_cast<uint16_t>(id + 1), {ha}));
	EXPECT_TRUE(fe.sent_mh(MIP6_MH_BU).empty());
	const mip6_addr_t ha2 = addr("2001:db8:1::2");
	EXPECT_EQ(input(dhaad_reply(id, {ha, ha2})), MIP6_CONSUMED);
	EXPECT_TRUE(traced_state("mn", "DHAAD", "WAITA"));
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 1u);
	EXPECT_EQ(t::str(outer(bus[0]).ip.dst), "2001:db8:1::1");
	// First registration: 1.5 s, and DHAAD retransmission has stopped.
	EXPECT_EQ(mip6_node_next_timeout(n), now + MIP6_MS(1500));
	advance(now + MIP6_SEC(10));
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_DHAAD_REQUEST).size(), 1u);
	// The BA from the discovered agent completes it.
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 150));
	EXPECT_TRUE(traced_state("mn", "WAITA", "BOUND"));
}

struct MnPrefix : MnTest {
	std::vector<uint8_t> mpa(uint16_t id, const mip6_addr_t &prefix, uint8_t plen, uint32_t valid)
	{
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_MPA);
		m.u.mpa.id = id;
		mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_PREFIX);
		o->u.prefix.plen = plen;
		o->u.prefix.flags = MIP6_PI_F_A;
		o->u.prefix.valid = valid;
		o->u.prefix.preferred = valid;
		o->u.prefix.prefix = prefix;
		return icmp(m, ha, coa1, &hoa);
	}

	void bound_with_pd()
	{
		start();
		md(MIP6_MD_NEW_COA, 1, coa1);
		input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_ACCEPTED_PD, 150));
	}
};

TEST_F(MnPrefix, SolicitationRetransmitsAndGivesUp)
{
	bound_with_pd();
	mip6_ns_t t0 = now;
	std::vector<mip6_ns_t> times;
	size_t seen = 1;
	while (mip6_node_next_timeout(n) < t0 + MIP6_SEC(60)) {
		now = mip6_node_next_timeout(n);
		mip6_node_timeout(n, now);
		auto v = fe.sent_icmp6(MIP6_ICMP6_MPS);
		for (; seen < v.size(); seen++)
			times.push_back(now - t0);
	}
	// PREFIX_ADV_TIMEOUT 3 s doubling, PREFIX_ADV_RETRIES 3.
	std::vector<mip6_ns_t> want = {MIP6_SEC(3), MIP6_SEC(9), MIP6_SEC(21)};
	EXPECT_EQ(times, want);
	EXPECT_TRUE(fe.traced_drop("MPS: no advertisement"));
}

TEST_F(MnPrefix, AdvertisementStopsRetransmissionAndUpdatesPrefix)
{
	bound_with_pd();
	auto *mps = fe.sent_icmp6(MIP6_ICMP6_MPS)[0];
	uint16_t id = mps->pkt->icmp6.u.mps.id;
	// The home prefix turns out to be a /56, valid 1000 s.
	EXPECT_EQ(input(mpa(id, addr("2001:db8:1::"), 56, 1000)), MIP6_CONSUMED);
	bool traced = false;
	for (auto &e : fe.traces)
		if (e.kind == MIP6_TR_INFO && std::string(e.what) == "home prefix" && e.value == 56)
			traced = true;
	EXPECT_TRUE(traced);
	mip6_ns_t t0 = now;
	// No retransmission; a new solicitation before the prefix runs out.
	std::vector<mip6_ns_t> times;
	size_t seen = 1, answered = 1;
	while (mip6_node_next_timeout(n) < t0 + MIP6_SEC(950)) {
		now = mip6_node_next_timeout(n);
		mip6_node_timeout(n, now);
		// The HA keeps the home binding alive (the refresh at 510 s).
		auto bus = fe.sent_mh(MIP6_MH_BU);
		if (bus.size() > answered) {
			answered = bus.size();
			input(ba(mh(bus.back()).u.bu.seq, 0, 150));
		}
		auto v = fe.sent_icmp6(MIP6_ICMP6_MPS);
		for (; seen < v.size(); seen++)
			times.push_back(now - t0);
	}
	ASSERT_FALSE(times.empty());
	EXPECT_EQ(times[0], MIP6_SEC(900)); // 90 % of the valid lifetime
	// The home address's prefix length is now 56: it is what goes on the
	// home link when returning.
	md(MIP6_MD_HOME, 1, hoa);
	bool dereg56 = false;
	for (auto &o : fe.ops)
		if (o.kind == MIP6_DP_ADDR_ADD && o.ifindex == 1 && o.plen == 56 &&
		    o.flags == (MIP6_ADDRF_HOME | MIP6_ADDRF_DEREG))
			dereg56 = true;
	EXPECT_TRUE(dereg56);
}

TEST_F(MnPrefix, AdvertisementFromElsewhereIgnored)
{
	bound_with_pd();
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_MPA);
	m.u.mpa.id = fe.sent_icmp6(MIP6_ICMP6_MPS)[0]->pkt->icmp6.u.mps.id;
	auto pkt = icmp(m, addr("2001:db8:1::66"), coa1, &hoa);
	input(pkt);
	advance(now + MIP6_SEC(3));
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_MPS).size(), 2u); // still soliciting
}

} // namespace
