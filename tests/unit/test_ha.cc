// SPDX-License-Identifier: BSD-3-Clause
// The home agent component (RFC 6275 9.5.1, 10.3): Binding Update checks
// and their status codes, the DAD gate of a first registration, the
// binding cache with its tunnels and proxy ND, sequence numbers, lifetimes
// and deregistration. Driven through a node with only the HA enabled.
#include "test_ha_util.h"

namespace
{

using namespace hat;

struct Ha : HaFixture {
	void SetUp() override { ASSERT_EQ(start(), 0); }
};

TEST_F(Ha, FirstRegistrationIsAnsweredOnlyAfterDadOfTheHomeAddress)
{
	Bu bu;
	bu.seq = 7;
	EXPECT_EQ(send(bu), MIP6_CONSUMED);
	// RFC 6275 10.3.1: DAD on the home link before the BA.
	EXPECT_EQ(nba(), 0u);
	auto d = ops(MIP6_OP_DAD);
	ASSERT_EQ(d.size(), 1u);
	EXPECT_EQ(d[0].ifindex, kHome);
	EXPECT_EQ(t::str(d[0].addr), t::str(kHoa));
	EXPECT_TRUE(ops(MIP6_OP_PROXY_ND_ADD).empty());
	EXPECT_TRUE(fe.traced_state(MIP6_EV_HA_BCE_STATE, "NONE", "DAD"));

	dad(0);
	ASSERT_EQ(nba(), 1u);
	const t::SentPacket &s = last_ba();
	ASSERT_EQ(s.rc, 0); // strict parse, checksum over the home address
	const mip6_layer_t &l = inner(s);
	EXPECT_EQ(t::str(l.ip.src), t::str(kHa));
	EXPECT_EQ(t::str(l.ip.dst), t::str(kCoa));
	ASSERT_TRUE(l.has_rh);
	EXPECT_EQ(l.rh.type, 2);
	EXPECT_EQ(t::str(l.rh.first), t::str(kHoa));
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ACCEPTED);
	EXPECT_EQ(ba().u.ba.seq, 7);
	EXPECT_EQ(ba().u.ba.lifetime, 100); // 400 s, under the 3600 s maximum
	EXPECT_EQ(ba().u.ba.flags, 0);      // no K (no IKE), no R (not a router)
	EXPECT_EQ(nreal_opts(ba()), 0u);
	EXPECT_EQ(stats().ba_sent[0], 1u);

	auto p = ops(MIP6_OP_PROXY_ND_ADD);
	ASSERT_EQ(p.size(), 1u);
	EXPECT_EQ(p[0].ifindex, kHome);
	EXPECT_EQ(t::str(p[0].addr), t::str(kHoa));
	auto tu = ops(MIP6_OP_TUNNEL_ADD);
	ASSERT_EQ(tu.size(), 1u);
	EXPECT_EQ(t::str(tu[0].local), t::str(kHa));
	EXPECT_EQ(t::str(tu[0].remote), t::str(kCoa));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_HA_BCE_STATE, "DAD", "BOUND"));
}

TEST_F(Ha, BoundHomeAddressTrafficIsTunneledToTheCareOfAddress)
{
	registered(Bu{});
	fe.sent.clear();
	// A correspondent's packet for the home address, on the home link.
	EXPECT_EQ(input(udp(kCn, kHoa), kHome), MIP6_CONSUMED);
	ASSERT_EQ(fe.sent.size(), 1u);
	const t::SentPacket &s = fe.sent[0];
	ASSERT_EQ(s.rc, 0);
	ASSERT_EQ(s.pkt->nlayers, 2u);
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.src), t::str(kHa));
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.dst), t::str(kCoa));
	EXPECT_EQ(t::str(s.pkt->layer[1].ip.dst), t::str(kHoa));
}

TEST_F(Ha, DuplicateHomeAddressIsRejectedWith134AndNothingIsBound)
{
	send(Bu{});
	dad(MIP6_OP_DUPLICATE);
	ASSERT_EQ(nba(), 1u);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_DAD_FAILED);
	EXPECT_EQ(ba().u.ba.lifetime, 0);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_DAD_FAILED], 1u);
	EXPECT_TRUE(ops(MIP6_OP_PROXY_ND_ADD).empty());
	EXPECT_TRUE(ops(MIP6_OP_TUNNEL_ADD).empty());
	// Nothing was kept: the next attempt checks the address again.
	Bu again;
	again.seq = 2;
	send(again);
	EXPECT_EQ(ops(MIP6_OP_DAD).size(), 2u);
	EXPECT_EQ(nba(), 1u);
}

TEST_F(Ha, LinkLocalCompatibilityFlagChecksAndProxiesTheLinkLocalAddressToo)
{
	Bu bu;
	bu.flags |= MIP6_BU_F_L;
	send(bu);
	dad(0);
	// RFC 6275 10.3.1: the link-local address with the same interface
	// identifier is checked next, before the BA.
	auto d = ops(MIP6_OP_DAD);
	ASSERT_EQ(d.size(), 2u);
	EXPECT_EQ(t::str(d[1].addr), "fe80::100");
	EXPECT_EQ(d[1].ifindex, kHome);
	EXPECT_EQ(nba(), 0u);
	dad(0);
	ASSERT_EQ(nba(), 1u);
	EXPECT_EQ(ba().u.ba.status, 0);
	auto p = ops(MIP6_OP_PROXY_ND_ADD);
	ASSERT_EQ(p.size(), 2u);
	EXPECT_EQ(t::str(p[1].addr), "fe80::100");
	bu.seq = 2;
	bu.lifetime = 0;
	send(bu);
	auto pd = ops(MIP6_OP_PROXY_ND_DEL);
	ASSERT_EQ(pd.size(), 2u);
	EXPECT_EQ(t::str(pd[1].addr), "fe80::100");
}

TEST_F(Ha, DuplicateLinkLocalAddressIsAlso134)
{
	Bu bu;
	bu.flags |= MIP6_BU_F_L;
	send(bu);
	dad(0);
	dad(MIP6_OP_DUPLICATE);
	ASSERT_EQ(nba(), 1u);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_DAD_FAILED);
	EXPECT_TRUE(ops(MIP6_OP_PROXY_ND_ADD).empty());
}

TEST_F(Ha, RetransmissionDuringDadIsAnsweredOnceWithTheNewestSequence)
{
	Bu bu;
	bu.seq = 10;
	send(bu);
	bu.seq = 11;
	send(bu);
	EXPECT_EQ(ops(MIP6_OP_DAD).size(), 1u);
	EXPECT_EQ(nba(), 0u);
	dad(0);
	ASSERT_EQ(nba(), 1u);
	EXPECT_EQ(ba().u.ba.seq, 11);
}

TEST_F(Ha, DadResultsForSeveralHomeAddressesMayComeInAnyOrder)
{
	Bu a, b, c;
	b.hoa = kHoa2;
	b.src = kCoa2;
	c.hoa = t::addr("2001:db8:1::300");
	send(a);
	send(b);
	send(c);
	auto d = ops(MIP6_OP_DAD);
	ASSERT_EQ(d.size(), 3u);
	mip6_node_op_result(n, d[1].id, 0, now);
	ASSERT_EQ(nba(), 1u);
	EXPECT_EQ(t::str(inner(last_ba()).rh.first), t::str(kHoa2));
	EXPECT_EQ(ba().u.ba.status, 0);
	mip6_node_op_result(n, d[2].id, MIP6_OP_DUPLICATE, now);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_DAD_FAILED);
	EXPECT_EQ(t::str(inner(last_ba()).rh.first), "2001:db8:1::300");
	mip6_node_op_result(n, d[0].id, 0, now);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(t::str(inner(last_ba()).rh.first), t::str(kHoa));
	mip6_node_op_result(n, d[0].id, 0, now); // a repeated result is ignored
	EXPECT_EQ(nba(), 3u);
	EXPECT_EQ(ops(MIP6_OP_PROXY_ND_ADD).size(), 2u);
}

TEST_F(Ha, PendingRegistrationIsForgottenWhenDadNeverAnswers)
{
	send(Bu{});
	uint32_t id = ops(MIP6_OP_DAD)[0].id;
	advance(sec(11));
	EXPECT_TRUE(fe.traced(MIP6_EV_HA_DROP_NO_DAD_RESULT));
	mip6_node_op_result(n, id, 0, now); // too late: ignored
	EXPECT_EQ(nba(), 0u);
	EXPECT_TRUE(ops(MIP6_OP_PROXY_ND_ADD).empty());
}

TEST_F(Ha, RefreshIsAnsweredAtOnceWithoutDad)
{
	registered(Bu{});
	Bu bu;
	bu.seq = 2;
	send(bu);
	EXPECT_EQ(ops(MIP6_OP_DAD).size(), 1u);
	ASSERT_EQ(nba(), 2u);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(ba().u.ba.seq, 2);
	// Same care-of address: no new tunnel, proxy ND stays.
	EXPECT_EQ(ops(MIP6_OP_TUNNEL_ADD).size(), 1u);
	EXPECT_EQ(ops(MIP6_OP_PROXY_ND_ADD).size(), 1u);
}

TEST_F(Ha, MovingToANewCareOfAddressReplacesTheTunnel)
{
	registered(Bu{});
	Bu bu;
	bu.seq = 2;
	bu.src = kCoa2;
	send(bu);
	ASSERT_EQ(nba(), 2u);
	EXPECT_EQ(t::str(inner(last_ba()).ip.dst), t::str(kCoa2));
	auto del = ops(MIP6_OP_TUNNEL_DEL);
	ASSERT_EQ(del.size(), 1u);
	EXPECT_EQ(t::str(del[0].remote), t::str(kCoa));
	auto add = ops(MIP6_OP_TUNNEL_ADD);
	ASSERT_EQ(add.size(), 2u);
	EXPECT_EQ(t::str(add[1].remote), t::str(kCoa2));
	fe.sent.clear();
	input(udp(kCn, kHoa), kHome);
	ASSERT_EQ(fe.sent.size(), 1u);
	EXPECT_EQ(t::str(fe.sent[0].pkt->layer[0].ip.dst), t::str(kCoa2));
}

TEST_F(Ha, AlternateCareOfAddressIsTheRegisteredOne)
{
	Bu bu;
	bu.altcoa = &kCoa2;
	registered(bu);
	auto add = ops(MIP6_OP_TUNNEL_ADD);
	ASSERT_EQ(add.size(), 1u);
	EXPECT_EQ(t::str(add[0].remote), t::str(kCoa2));
	// The BA goes back where the BU came from.
	EXPECT_EQ(t::str(inner(last_ba()).ip.dst), t::str(kCoa));
}

TEST_F(Ha, HomeAddressOffTheHomePrefixIs132)
{
	Bu bu;
	bu.hoa = t::addr("2001:db8:5::1");
	send(bu);
	ASSERT_EQ(nba(), 1u);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_NOT_HOME_SUBNET);
	EXPECT_EQ(t::str(inner(last_ba()).rh.first), "2001:db8:5::1");
	EXPECT_EQ(stats().ba_sent[MIP6_BA_NOT_HOME_SUBNET], 1u);
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
	EXPECT_TRUE(fe.traced(MIP6_EV_HA_DROP_BU_NOT_HOME_SUBNET));
}

TEST_F(Ha, BuWithoutHomeRegistrationFlagIsNotTheHomeAgents)
{
	Bu bu;
	bu.flags = MIP6_BU_F_A;
	EXPECT_EQ(send(bu), MIP6_DROPPED); // no CN component here
	EXPECT_EQ(nba(), 0u);
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
}

// Not a home registration this home agent serves: no binding; the node
// answers 131 (RFC 6275 10.3.1, see ConfHaBu in test_conformance_ha.cc).
TEST_F(Ha, BuToAnotherAddressIsNotTaken)
{
	Bu bu;
	bu.dst = t::addr("2001:db8:1::2");
	EXPECT_EQ(send(bu), MIP6_CONSUMED);
	ASSERT_EQ(nba(), 1u);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_HR_NOT_SUPPORTED);
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
}

TEST_F(Ha, CareOfAddressThatIsNotUnicastRoutableIsDiscardedSilently)
{
	Bu bu;
	bu.src = t::addr("fe80::1");
	send(bu);
	bu.src = kCoa;
	const mip6_addr_t mc = t::addr("ff02::1");
	bu.altcoa = &mc;
	send(bu);
	EXPECT_EQ(nba(), 0u);
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
	EXPECT_EQ(stats().drop_malformed, 2u);
}

TEST_F(Ha, SequenceNumbersAreComparedModulo65536)
{
	Bu bu;
	bu.seq = 65535;
	registered(bu);
	bu.seq = 0; // 65535 < 0 modulo 2^16
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	// The same number again is not newer: 135 with the last accepted one.
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_SEQ_OUT_OF_WINDOW);
	EXPECT_EQ(ba().u.ba.seq, 0);
	EXPECT_EQ(ba().u.ba.lifetime, 0);
	// 32768 ahead is behind.
	bu.seq = 32768;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_SEQ_OUT_OF_WINDOW);
	// An older one (65000) too.
	bu.seq = 65000;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_SEQ_OUT_OF_WINDOW);
	EXPECT_EQ(ba().u.ba.seq, 0);
	// 32767 ahead is newer.
	bu.seq = 32767;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(ba().u.ba.seq, 32767);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_SEQ_OUT_OF_WINDOW], 3u);
	EXPECT_EQ(stats().drop_seq, 3u);
	EXPECT_EQ(stats().ba_sent[0], 3u);
}

TEST_F(Ha, GrantedLifetimeIsClampedAndTheBindingExpires)
{
	Bu bu;
	bu.lifetime = 2000; // 8000 s asked, 3600 s allowed
	registered(bu);
	EXPECT_EQ(ba().u.ba.lifetime, 900);
	advance(sec(3599));
	EXPECT_TRUE(ops(MIP6_OP_PROXY_ND_DEL).empty());
	fe.sent.clear();
	input(udp(kCn, kHoa), kHome);
	EXPECT_EQ(fe.sent.size(), 1u);

	advance(sec(2));
	auto pd = ops(MIP6_OP_PROXY_ND_DEL);
	ASSERT_EQ(pd.size(), 1u);
	EXPECT_EQ(t::str(pd[0].addr), t::str(kHoa));
	EXPECT_EQ(pd[0].ifindex, kHome);
	auto td = ops(MIP6_OP_TUNNEL_DEL);
	ASSERT_EQ(td.size(), 1u);
	EXPECT_EQ(t::str(td[0].remote), t::str(kCoa));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_HA_BCE_STATE, "BOUND", "NONE"));
	fe.sent.clear();
	EXPECT_EQ(input(udp(kCn, kHoa), kHome), MIP6_PASS); // no longer intercepted
	EXPECT_TRUE(fe.sent.empty());
	// A new registration starts over with DAD, any sequence number.
	bu.seq = 1;
	send(bu);
	EXPECT_EQ(ops(MIP6_OP_DAD).size(), 2u);
}

TEST_F(Ha, RefreshRestartsTheLifetime)
{
	registered(Bu{}); // 400 s
	advance(sec(300));
	Bu bu;
	bu.seq = 2;
	send(bu);
	advance(sec(300));
	EXPECT_TRUE(ops(MIP6_OP_PROXY_ND_DEL).empty());
	advance(sec(101));
	EXPECT_EQ(ops(MIP6_OP_PROXY_ND_DEL).size(), 1u);
}

TEST_F(Ha, DeregistrationRemovesTheBindingAndIsAcknowledged)
{
	registered(Bu{});
	Bu bu;
	bu.seq = 2;
	bu.lifetime = 0;
	send(bu);
	ASSERT_EQ(nba(), 2u);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(ba().u.ba.lifetime, 0);
	EXPECT_EQ(ops(MIP6_OP_PROXY_ND_DEL).size(), 1u);
	EXPECT_EQ(ops(MIP6_OP_TUNNEL_DEL).size(), 1u);
	fe.sent.clear();
	EXPECT_EQ(input(udp(kCn, kHoa), kHome), MIP6_PASS);
	// RFC 6275 10.3.2: nothing left to delete: 133.
	bu.seq = 3;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_NOT_HA_FOR_MN);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_NOT_HA_FOR_MN], 1u);
}

TEST_F(Ha, DeregistrationFromHomeGoesToTheHomeAddressWithoutRoutingHeader)
{
	registered(Bu{});
	// Back home: source = home address, no HAO, CoA == HoA.
	Bu bu;
	bu.seq = 2;
	bu.src = kHoa;
	bu.hao = false;
	send(bu);
	ASSERT_EQ(nba(), 2u);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(ba().u.ba.lifetime, 0);
	const mip6_layer_t &l = inner(last_ba());
	EXPECT_EQ(t::str(l.ip.dst), t::str(kHoa));
	EXPECT_FALSE(l.has_rh);
	EXPECT_EQ(ops(MIP6_OP_PROXY_ND_DEL).size(), 1u);
}

TEST_F(Ha, DeregistrationWhileDadRunsWithdrawsTheRegistration)
{
	send(Bu{});
	uint32_t id = ops(MIP6_OP_DAD)[0].id;
	Bu bu;
	bu.seq = 2;
	bu.lifetime = 0;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_NOT_HA_FOR_MN);
	mip6_node_op_result(n, id, 0, now);
	EXPECT_EQ(nba(), 1u);
	EXPECT_TRUE(ops(MIP6_OP_PROXY_ND_ADD).empty());
}

struct HaClients : HaFixture {
};

TEST_F(HaClients, UnknownMobileNodeIsAdministrativelyProhibitedWhenServingOnlyClients)
{
	client(kHoa);
	cfg.serve_only_clients = true;
	ASSERT_EQ(start(), 0);
	Bu bu;
	bu.hoa = kHoa2;
	send(bu);
	ASSERT_EQ(nba(), 1u);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_PROHIBITED);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_PROHIBITED], 1u);
	EXPECT_EQ(stats().drop_unauthorised, 1u);
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
	// The configured one is served.
	registered(Bu{});
	EXPECT_EQ(ba().u.ba.status, 0);
}

TEST_F(HaClients, AnyMobileNodeOnTheHomePrefixIsServedOtherwise)
{
	ASSERT_EQ(start(), 0);
	Bu bu;
	bu.hoa = kHoa2;
	registered(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
}

TEST_F(HaClients, InvalidConfigurationIsRefused)
{
	env = fe.env();
	n = mip6_node_new(&env, now);
	ASSERT_NE(n, nullptr);
	cfg.nclients = 2;
	cfg.clients = nullptr;
	EXPECT_EQ(mip6_node_enable_ha(n, &cfg), MIP6_E_INVAL);
	cfg.nclients = 0;
	cfg.home_prefix.plen = 129;
	EXPECT_EQ(mip6_node_enable_ha(n, &cfg), MIP6_E_INVAL);
	cfg.home_prefix.plen = 64;
	EXPECT_EQ(mip6_node_enable_ha(n, &cfg), 0);
	EXPECT_EQ(mip6_node_enable_ha(n, &cfg), MIP6_E_INVAL); // once
}

TEST_F(HaClients, ClientListIsCopied)
{
	client(kHoa).mr_allowed = true;
	cfg.serve_only_clients = true;
	ASSERT_EQ(start(), 0);
	clients[0].hoa = kHoa2; // the caller's array changes afterwards
	clients[0].mr_allowed = false;
	registered(Bu{});
	EXPECT_EQ(ba().u.ba.status, 0);
}

TEST_F(HaClients, MaxLifetimeZeroMeansNoCap)
{
	cfg.max_lifetime_s = 0;
	ASSERT_EQ(start(), 0);
	Bu bu;
	bu.lifetime = 0xffff;
	registered(bu);
	EXPECT_EQ(ba().u.ba.lifetime, 0xffff);
}

} // namespace
