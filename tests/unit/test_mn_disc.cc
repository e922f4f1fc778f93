// SPDX-License-Identifier: BSD-3-Clause
// Mobile node: Dynamic Home Agent Address Discovery (RFC 6275 11.4.1) and
// mobile prefix discovery (11.4.2, 11.4.3).
#include "test_mn_fixture.h"

extern "C" {
#include "mip6/view.h"
}

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
		return t::icmp6(m, ha, coa1);
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
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "IDLE", "DHAAD"));
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
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_DHAAD_NO_REPLY));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "DHAAD", "IDLE"));
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
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "DHAAD", "WAITA"));
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 1u);
	EXPECT_EQ(t::str(outer(bus[0]).ip.dst), "2001:db8:1::1");
	// First registration: 1.5 s, and DHAAD retransmission has stopped.
	EXPECT_EQ(mip6_node_next_timeout(n), now + MIP6_MS(1500));
	advance(now + MIP6_SEC(10));
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_DHAAD_REQUEST).size(), 1u);
	// The BA from the discovered agent completes it.
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 150));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
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
		return t::icmp6(m, ha, coa1, 64, nullptr, &hoa);
	}

	struct Pio {
		const char *prefix;
		uint8_t plen;
		uint8_t flags;
		uint32_t valid, preferred;
	};

	// An MPA answering id with flags (MIP6_MPA_F_*) and these options.
	std::vector<uint8_t> mpa_of(uint16_t id, uint16_t flags, const std::vector<Pio> &pios)
	{
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_MPA);
		m.u.mpa.id = id;
		m.u.mpa.flags = flags;
		for (const Pio &p : pios) {
			mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_PREFIX);
			o->u.prefix.plen = p.plen;
			o->u.prefix.flags = p.flags;
			o->u.prefix.valid = p.valid;
			o->u.prefix.preferred = p.preferred;
			o->u.prefix.prefix = addr(p.prefix);
		}
		return t::icmp6(m, ha, coa1, 64, nullptr, &hoa);
	}

	uint16_t last_mps_id() const { return fe.sent_icmp6(MIP6_ICMP6_MPS).back()->pkt->icmp6.u.mps.id; }

	// A new solicitation: an unsolicited advertisement makes the node send one.
	uint16_t solicit_again()
	{
		size_t before = fe.sent_icmp6(MIP6_ICMP6_MPS).size();
		input(mpa_of(static_cast<uint16_t>(last_mps_id() + 1), 0, {}));
		EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_MPS).size(), before + 1);
		return last_mps_id();
	}

	std::vector<mip6_view_home_prefix_t> home_prefixes() const
	{
		std::vector<mip6_view_home_prefix_t> v(16);
		v.resize(mip6_view_home_prefixes(n, v.data(), v.size()));
		return v;
	}

	const mip6_view_home_prefix_t *find(const std::vector<mip6_view_home_prefix_t> &v,
	                                    const char *prefix) const
	{
		for (const auto &e : v)
			if (t::str(e.prefix.prefix) == prefix)
				return &e;
		return nullptr;
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
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_MPS_NO_REPLY));
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
		if (e.code == MIP6_EV_MN_HOME_PREFIX && e.value == 56)
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
		if (o.kind == MIP6_OP_ADDR_ADD && o.ifindex == 1 && o.plen == 56 &&
		    o.flags == (MIP6_ADDRF_HOME | MIP6_ADDRF_DEREG))
			dereg56 = true;
	EXPECT_TRUE(dereg56);
}

// RFC 6275 11.4.3: "For an accepted Mobile Prefix Advertisement, the mobile
// node MUST process Managed Address Configuration (M), Other Stateful
// Configuration (O), and the Prefix Information Options as if they arrived
// in a Router Advertisement [18] on the mobile node's home link." The
// prefixes as RFC 4861 6.3.4 keeps them (new ones learnt with their
// lifetimes, valid lifetime 0 times one out, link-local ignored), the
// addresses RFC 4862 5.5.3 forms (autonomous prefixes only, with the home
// address's interface identifier, lifetimes by the two-hour rule), M and O
// kept.
TEST_F(MnPrefix, Rfc6275_11_4_3_AdvertisementIsProcessedAsAHomeLinkRouterAdvertisement)
{
	bound_with_pd();
	mip6_ns_t t0 = now;
	const uint8_t LA = MIP6_PI_F_L | MIP6_PI_F_A;
	EXPECT_EQ(input(mpa_of(last_mps_id(), MIP6_MPA_F_M | MIP6_MPA_F_O,
	                       {{"2001:db8:1::", 64, LA, 1000, 800},
	                        {"2001:db8:2::", 64, LA, 30, 20},
	                        {"2001:db8:3::", 64, MIP6_PI_F_L, 3000, 3000}, // no A: no address
	                        {"2001:db8:4::", 64, LA, 100, 200}, // preferred > valid: no address
	                        {"fe80::", 64, LA, 3000, 3000},     // link-local: ignored
	                        {"2001:db8:5::", 64, LA, 0, 0}})),  // unknown with 0: ignored
	          MIP6_CONSUMED);
	mip6_view_node_t vn;
	mip6_view_node(n, &vn);
	EXPECT_TRUE(vn.home_mpa_heard);
	EXPECT_EQ(vn.home_mpa_flags, MIP6_MPA_F_M | MIP6_MPA_F_O);
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_HOME_CONFIG_FLAGS));
	auto v = home_prefixes();
	ASSERT_EQ(v.size(), 4u);
	EXPECT_EQ(vn.home_prefixes, 4u);
	EXPECT_EQ(find(v, "fe80::"), nullptr);
	EXPECT_EQ(find(v, "2001:db8:5::"), nullptr);
	const auto *home = find(v, "2001:db8:1::");
	ASSERT_NE(home, nullptr);
	EXPECT_TRUE(home->home && home->valid && !home->formed);
	EXPECT_EQ(t::str(home->addr), "2001:db8:1::100");
	EXPECT_EQ(home->valid_until, t0 + MIP6_SEC(1000));
	EXPECT_EQ(home->preferred_until, t0 + MIP6_SEC(800));
	const auto *p2 = find(v, "2001:db8:2::");
	ASSERT_NE(p2, nullptr);
	EXPECT_TRUE(p2->valid && p2->formed && !p2->home);
	EXPECT_EQ(t::str(p2->addr), "2001:db8:2::100");
	EXPECT_EQ(p2->valid_until, t0 + MIP6_SEC(30));
	EXPECT_EQ(p2->addr_valid_until, t0 + MIP6_SEC(30));
	EXPECT_EQ(p2->addr_preferred_until, t0 + MIP6_SEC(20));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_HOME_ADDRESS_FORMED));
	const auto *p3 = find(v, "2001:db8:3::");
	ASSERT_NE(p3, nullptr);
	EXPECT_TRUE(p3->valid && !p3->formed);
	EXPECT_EQ(p3->valid_until, t0 + MIP6_SEC(3000));
	const auto *p4 = find(v, "2001:db8:4::");
	ASSERT_NE(p4, nullptr);
	EXPECT_TRUE(p4->valid && !p4->formed);

	// The next advertisement: 3 and 2 withdrawn (valid lifetime 0), O only.
	now += MIP6_SEC(5);
	EXPECT_EQ(input(mpa_of(solicit_again(), MIP6_MPA_F_O,
	                       {{"2001:db8:3::", 64, MIP6_PI_F_L, 0, 0}, {"2001:db8:2::", 64, LA, 0, 0}})),
	          MIP6_CONSUMED);
	mip6_view_node(n, &vn);
	EXPECT_EQ(vn.home_mpa_flags, MIP6_MPA_F_O);
	EXPECT_EQ(fe.count(MIP6_EV_MN_HOME_PREFIX_REMOVED), 2u);
	v = home_prefixes();
	ASSERT_EQ(v.size(), 3u);
	EXPECT_EQ(find(v, "2001:db8:3::"), nullptr);
	// RFC 4862 5.5.3 (e): 25 s left, at most two hours: an unauthenticated
	// valid lifetime does not shorten the address; the prefix is gone.
	p2 = find(v, "2001:db8:2::");
	ASSERT_NE(p2, nullptr);
	EXPECT_TRUE(!p2->valid && p2->formed);
	EXPECT_EQ(p2->addr_valid_until, t0 + MIP6_SEC(30));
	EXPECT_EQ(p2->addr_preferred_until, now); // the preferred lifetime is always reset
	EXPECT_FALSE(fe.traced(MIP6_EV_MN_HOME_ADDRESS_EXPIRED));

	// Lifetimes run out: the address of 2 at 30 s (RFC 4862 5.5.4), the
	// prefix 4 at 100 s (RFC 4861 6.3.5).
	advance(t0 + MIP6_SEC(30));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_HOME_ADDRESS_EXPIRED));
	v = home_prefixes();
	EXPECT_EQ(v.size(), 2u);
	EXPECT_EQ(find(v, "2001:db8:2::"), nullptr);
	advance(t0 + MIP6_SEC(100));
	v = home_prefixes();
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(t::str(v[0].prefix.prefix), "2001:db8:1::");
	EXPECT_EQ(fe.count(MIP6_EV_MN_HOME_PREFIX_REMOVED), 3u);
}

// RFC 4862 5.5.3 (e) for a formed home address: a valid lifetime over two
// hours, or beyond what is left, is taken; a shorter one cuts a remaining
// lifetime of more than two hours to two hours.
TEST_F(MnPrefix, Rfc6275_11_4_3_FormedHomeAddressFollowsTheTwoHourRule)
{
	bound_with_pd();
	mip6_ns_t t0 = now;
	const uint8_t LA = MIP6_PI_F_L | MIP6_PI_F_A;
	input(mpa_of(last_mps_id(), 0, {{"2001:db8:2::", 64, LA, 10000, 10000}}));
	input(mpa_of(solicit_again(), 0, {{"2001:db8:2::", 64, LA, 60, 60}}));
	auto v = home_prefixes();
	const auto *p2 = find(v, "2001:db8:2::");
	ASSERT_NE(p2, nullptr);
	EXPECT_EQ(p2->valid_until, t0 + MIP6_SEC(60));        // the prefix: RFC 4861 takes it
	EXPECT_EQ(p2->addr_valid_until, t0 + MIP6_SEC(7200)); // the address: two hours
	input(mpa_of(solicit_again(), 0, {{"2001:db8:2::", 64, LA, 20000, 20000}}));
	v = home_prefixes();
	p2 = find(v, "2001:db8:2::");
	ASSERT_NE(p2, nullptr);
	EXPECT_EQ(p2->addr_valid_until, t0 + MIP6_SEC(20000));
	// The home address's own prefix forms nothing: that address exists.
	input(mpa_of(solicit_again(), 0, {{"2001:db8:1::", 64, LA, 20000, 20000}}));
	v = home_prefixes();
	const auto *home = find(v, "2001:db8:1::");
	ASSERT_NE(home, nullptr);
	EXPECT_FALSE(home->formed);
	EXPECT_EQ(fe.count(MIP6_EV_MN_HOME_ADDRESS_FORMED), 1u);
}

TEST_F(MnPrefix, AdvertisementFromElsewhereIgnored)
{
	bound_with_pd();
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_MPA);
	m.u.mpa.id = fe.sent_icmp6(MIP6_ICMP6_MPS)[0]->pkt->icmp6.u.mps.id;
	auto pkt = t::icmp6(m, addr("2001:db8:1::66"), coa1, 64, nullptr, &hoa);
	input(pkt);
	advance(now + MIP6_SEC(3));
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_MPS).size(), 2u); // still soliciting
}

// RFC 6275 11.4.3: "The packet MUST have a type 2 routing header"; one
// without it is silently discarded, and the solicitation goes on.
TEST_F(MnPrefix, Rfc6275_11_4_3_AdvertisementWithoutRoutingHeaderDiscarded)
{
	bound_with_pd();
	uint16_t id = fe.sent_icmp6(MIP6_ICMP6_MPS)[0]->pkt->icmp6.u.mps.id;
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_MPA);
	m.u.mpa.id = id;
	mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_PREFIX);
	o->u.prefix.plen = 56;
	o->u.prefix.flags = MIP6_PI_F_A;
	o->u.prefix.valid = o->u.prefix.preferred = 1000;
	o->u.prefix.prefix = addr("2001:db8:1::");
	// Tunnelled to the home address would be the other way in: here it
	// comes straight to the home address, with no routing header.
	input(t::icmp6(m, ha, hoa, 64));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_MPA_NO_RH2));
	EXPECT_FALSE(fe.traced(MIP6_EV_MN_HOME_PREFIX));
	advance(now + MIP6_SEC(3));
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_MPS).size(), 2u); // still soliciting
	// The same advertisement with the routing header is taken.
	EXPECT_EQ(input(mpa(fe.sent_icmp6(MIP6_ICMP6_MPS).back()->pkt->icmp6.u.mps.id, addr("2001:db8:1::"),
	                    56, 1000)),
	          MIP6_CONSUMED);
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_HOME_PREFIX));
}

// RFC 6275 11.4.3: an advertisement is solicited only when its Identifier
// is the last solicitation's and none came for it before; otherwise it
// "MUST be discarded", and the node "SHOULD send a Mobile Prefix
// Solicitation".
TEST_F(MnPrefix, Rfc6275_11_4_3_UnsolicitedAdvertisementDiscardedAndSolicited)
{
	bound_with_pd();
	uint16_t id = fe.sent_icmp6(MIP6_ICMP6_MPS)[0]->pkt->icmp6.u.mps.id;
	// A wrong Identifier while soliciting.
	input(mpa(static_cast<uint16_t>(id + 1), addr("2001:db8:1::"), 56, 1000));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_MPA_UNSOLICITED));
	EXPECT_FALSE(fe.traced(MIP6_EV_MN_HOME_PREFIX));
	// The right one is processed, once.
	input(mpa(id, addr("2001:db8:1::"), 56, 1000));
	EXPECT_EQ(fe.count(MIP6_EV_MN_HOME_PREFIX), 1u);
	size_t mps = fe.sent_icmp6(MIP6_ICMP6_MPS).size();
	// A second advertisement for that Identifier is unsolicited: discarded,
	// and a new solicitation (a new Identifier) goes out at once.
	input(mpa(id, addr("2001:db8:1::"), 48, 1000));
	EXPECT_EQ(fe.count(MIP6_EV_MN_HOME_PREFIX), 1u);
	EXPECT_EQ(fe.count(MIP6_EV_MN_DROP_MPA_UNSOLICITED), 2u);
	auto v = fe.sent_icmp6(MIP6_ICMP6_MPS);
	ASSERT_EQ(v.size(), mps + 1);
	uint16_t id2 = v.back()->pkt->icmp6.u.mps.id;
	// Its answer is taken.
	input(mpa(id2, addr("2001:db8:1::"), 48, 1000));
	EXPECT_EQ(fe.count(MIP6_EV_MN_HOME_PREFIX), 2u);
}

// --- RFC 6275 11.4.1: the home agents of the reply, in turn ---

struct MnHaList : MnDisc {
	const mip6_addr_t ha2 = addr("2001:db8:1::2");
	const mip6_addr_t ha3 = addr("2001:db8:1::3");

	// A BA from home agent 'from' to coa1.
	std::vector<uint8_t> ba_from(const mip6_addr_t &from, uint16_t seq, uint8_t status)
	{
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_BA);
		m.u.ba.status = status;
		m.u.ba.seq = seq;
		m.u.ba.lifetime = status < 128 ? 150 : 0;
		return t::build_mh(m, from, coa1, nullptr, &hoa);
	}

	void discover(std::vector<mip6_addr_t> has)
	{
		start();
		md(MIP6_MD_NEW_COA, 1, coa1);
		uint16_t id = fe.sent_icmp6(MIP6_ICMP6_DHAAD_REQUEST)[0]->pkt->icmp6.u.dhaad_req.id;
		ASSERT_EQ(input(dhaad_reply(id, has)), MIP6_CONSUMED);
	}

	std::string last_bu_dst() const { return t::str(outer(last_mh(MIP6_MH_BU)).ip.dst); }
};

TEST_F(MnHaList, RefusalsWalkTheListInOrder)
{
	discover({ha, ha2, ha3});
	ASSERT_EQ(last_bu_dst(), "2001:db8:1::1");
	// 129 from the first: a first registration with the second, once
	// InitialBindackTimeoutFirstReg has passed since the first BU (RFC 6275 11.4.1).
	input(ba_from(ha, mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_PROHIBITED));
	advance(now + MIP6_MS(1500));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
	EXPECT_EQ(last_bu_dst(), "2001:db8:1::2");
	EXPECT_EQ(mh(last_mh(MIP6_MH_BU)).u.bu.lifetime, 150);
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_REFUSED_NEXT_HA));
	EXPECT_EQ(mip6_node_next_timeout(n), now + MIP6_MS(1500)); // InitialBindackTimeoutFirstReg
	// A BA from the first one now is not believed.
	input(ba_from(ha, mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0));
	EXPECT_FALSE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
	// 133 from the second: the third.
	input(ba_from(ha2, mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_NOT_HA_FOR_MN));
	advance(now + MIP6_MS(1500));
	EXPECT_EQ(last_bu_dst(), "2001:db8:1::3");
	// The third accepts.
	input(ba_from(ha3, mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 3u);
	EXPECT_EQ(mip6_node_stats(n)->ba_rcvd[MIP6_BA_PROHIBITED], 1u);
	EXPECT_EQ(mip6_node_stats(n)->ba_rcvd[MIP6_BA_NOT_HA_FOR_MN], 1u);
}

// RFC 6275 11.4.1: "The mobile node MUST, however, wait at least
// InitialBindackTimeoutFirstReg seconds (see Section 13) before sending a
// Binding Update to the next home agent." A refusal that comes at once does
// not make the next home agent's BU leave at once.
TEST_F(MnHaList, Rfc6275_11_4_1_NextHomeAgentWaitsInitialBindackTimeoutFirstReg)
{
	discover({ha, ha2});
	mip6_ns_t t0 = now; // the BU to the first
	now += MIP6_MS(200);
	input(ba_from(ha, mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_PROHIBITED));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
	advance(t0 + MIP6_MS(1500) - 1);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
	advance(t0 + MIP6_MS(1500));
	ASSERT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
	EXPECT_EQ(last_bu_dst(), "2001:db8:1::2");
	// Then its own timers: the first retransmission 1.5 s later.
	advance(t0 + MIP6_MS(3000));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 3u);
}

TEST_F(MnHaList, SilenceMovesOnAfterTheLongestTimeout)
{
	discover({ha, ha2});
	mip6_ns_t t0 = now;
	auto times = send_times(MIP6_MH_BU, t0 + MIP6_SEC(100));
	// 1.5 s doubling to MAX_BINDACK_TIMEOUT 32 s to the first; after that
	// last wait the second is tried.
	std::vector<mip6_ns_t> want;
	for (uint64_t ms : {1500, 4500, 10500, 22500, 46500}) // the first's retransmissions
		want.push_back(t0 + MIP6_MS(ms));
	for (uint64_t ms : {78500, 80000, 83000, 89000}) // the second's BU, from 1.5 s again
		want.push_back(t0 + MIP6_MS(ms));
	EXPECT_EQ(times, want);
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 10u);
	for (size_t i = 0; i < 6; i++)
		EXPECT_EQ(t::str(outer(bus[i]).ip.dst), "2001:db8:1::1");
	for (size_t i = 6; i < bus.size(); i++)
		EXPECT_EQ(t::str(outer(bus[i]).ip.dst), "2001:db8:1::2");
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_HA_NO_ANSWER));
}

TEST_F(MnHaList, ListUsedUpMeansDiscoveryAgain)
{
	discover({ha, ha2});
	input(ba_from(ha, mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_HR_NOT_SUPPORTED));
	advance(now + MIP6_MS(1500)); // InitialBindackTimeoutFirstReg before the next (RFC 6275 11.4.1)
	input(ba_from(ha2, mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_HR_NOT_SUPPORTED));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_NO_FURTHER_HA));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "IDLE"));
	advance(now + MIP6_SEC(60));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
	// The next care-of address looks for a home agent again.
	md(MIP6_MD_NEW_COA, 2, coa2);
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_DHAAD_REQUEST).size(), 2u);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "IDLE", "DHAAD"));
}

TEST_F(MnHaList, NonServiceRefusalDoesNotWalk)
{
	// 134 (DAD failed) says the home address is taken: another HA of the
	// same link would find the same.
	discover({ha, ha2});
	input(ba_from(ha, mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_DAD_FAILED));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "IDLE"));
}

// RFC 3963 5.4.1 / 5.4.2: a mobile router acts on the codes of its mode
// (143 in implicit mode, 141 and 142 in explicit mode) by trying another
// home agent of the home link, and refrains when none accepts; the other
// mode's codes "MUST" be treated as fatal errors.
struct MrHaList : MnHaList {
	void SetUp() override
	{
		MnHaList::SetUp();
		cfg.mr = true;
		cfg.nmnp = 1;
		cfg.mnp[0] = {addr("2001:db8:100::"), 48};
	}

	// Discovers two home agents; the first answers status: the BUs sent.
	size_t refuse(uint8_t status)
	{
		discover({ha, ha2});
		EXPECT_EQ(last_bu_dst(), t::str(ha));
		input(ba_from(ha, mh(last_mh(MIP6_MH_BU)).u.bu.seq, status));
		advance(now + MIP6_MS(1500));
		return fe.sent_mh(MIP6_MH_BU).size();
	}

	// A status the configured mode takes as fatal: the first home agent's
	// refusal ends it, no other one is tried, nothing is sent again.
	void expect_fatal(uint8_t status)
	{
		EXPECT_EQ(refuse(status), 1u);
		EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_MR_FATAL_STATUS));
		EXPECT_FALSE(fe.traced(MIP6_EV_MN_HA_NEXT));
		advance(now + MIP6_SEC(100));
		EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
	}
};

TEST_F(MrHaList, Rfc3963_5_4_1_Implicit143TriesTheNextHomeAgentThenRefrains)
{
	ASSERT_EQ(refuse(MIP6_BA_FWD_SETUP_FAILED), 2u);
	EXPECT_EQ(last_bu_dst(), t::str(ha2));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_REFUSED_NEXT_HA));
	input(ba_from(ha2, mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_FWD_SETUP_FAILED));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_NO_FURTHER_HA));
	advance(now + MIP6_SEC(100));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u); // not retried for ever
}

// RFC 3963 5.3: a BA without R: de-register with that home agent, then
// try another.
TEST_F(MrHaList, Rfc3963_5_3_DeregistersBeforeTheNextHomeAgent)
{
	discover({ha, ha2});
	input(ba_from(ha, mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0)); // accepted, no R
	auto bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 2u);
	EXPECT_EQ(t::str(outer(bus[1]).ip.dst), t::str(ha));
	EXPECT_EQ(mh(bus[1]).u.bu.lifetime, 0);
	advance(now + MIP6_MS(1500));
	bus = fe.sent_mh(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 3u);
	EXPECT_EQ(t::str(outer(bus[2]).ip.dst), t::str(ha2));
	EXPECT_GT(mh(bus[2]).u.bu.lifetime, 0);
	EXPECT_TRUE(mh(bus[2]).u.bu.flags & MIP6_BU_F_R);
}

TEST_F(MrHaList, Rfc3963_5_4_1_Implicit141IsFatal)
{
	expect_fatal(MIP6_BA_INVALID_PREFIX);
}

TEST_F(MrHaList, Rfc3963_5_4_2_Explicit143IsFatal)
{
	cfg.nemo_explicit = true;
	expect_fatal(MIP6_BA_FWD_SETUP_FAILED);
}

TEST_F(MrHaList, Rfc3963_5_4_2_Explicit141And142TryTheNextHomeAgent)
{
	cfg.nemo_explicit = true;
	ASSERT_EQ(refuse(MIP6_BA_NOT_AUTH_FOR_PREFIX), 2u);
	EXPECT_EQ(last_bu_dst(), t::str(ha2));
	input(ba_from(ha2, mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_INVALID_PREFIX));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_NO_FURTHER_HA));
	advance(now + MIP6_SEC(100));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
}

TEST_F(MnHaList, McoaHomeAgentHoldingABindingIsKept)
{
	cfg.mcoa = true;
	start();
	md(MIP6_MD_NEW_COA, 1, coa1, 1);
	uint16_t id = fe.sent_icmp6(MIP6_ICMP6_DHAAD_REQUEST)[0]->pkt->icmp6.u.dhaad_req.id;
	ASSERT_EQ(input(dhaad_reply(id, {ha, ha2})), MIP6_CONSUMED);
	input(ba_from(ha, mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "BOUND"));
	// BID 2 is refused by the same home agent: it alone gives up; the
	// home agent that holds BID 1 stays.
	md(MIP6_MD_NEW_COA, 2, coa2, 2);
	input(ba_from(ha, mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_PROHIBITED));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "IDLE"));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
	EXPECT_EQ(last_bu_dst(), "2001:db8:1::1");
	EXPECT_FALSE(fe.traced(MIP6_EV_MN_HA_NEXT));
}

} // namespace
