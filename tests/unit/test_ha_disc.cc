// SPDX-License-Identifier: BSD-3-Clause
// What the home agent answers besides BUs: DHAAD with the home agent list
// learnt from RAs (RFC 6275 10.5, RFC 3963 7), Mobile Prefix Solicitations
// (10.6), and Binding Errors for a Home Address option without binding
// (9.3.1).
#include <map>

#include "test_ha_util.h"

namespace
{

using namespace hat;

const mip6_addr_t kAnycast = t::addr("2001:db8:1:0:fdff:ffff:ffff:fffe");
const mip6_addr_t kLlA = t::addr("fe80::a");
const mip6_addr_t kLlB = t::addr("fe80::b");
const mip6_addr_t kHaA = t::addr("2001:db8:1::a");
const mip6_addr_t kHaB = t::addr("2001:db8:1::b");
const mip6_addr_t kAllNodes = t::addr("ff02::1");

// An RA from a router on the home link.
std::vector<uint8_t> ra(const mip6_addr_t &ll, const mip6_addr_t *global, bool h, uint16_t router_lifetime,
                        bool hai = false, int16_t pref = 0, uint16_t hai_lifetime = 0, bool mr = false)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_RA);
	m.u.ra.hop_limit = 64;
	m.u.ra.flags = h ? MIP6_RA_F_H : 0;
	m.u.ra.lifetime = router_lifetime;
	mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_PREFIX);
	o->u.prefix.plen = 64;
	o->u.prefix.flags = MIP6_PI_F_L | MIP6_PI_F_A | (global ? MIP6_PI_F_R : 0);
	o->u.prefix.valid = 86400;
	o->u.prefix.preferred = 14400;
	o->u.prefix.prefix = global ? *global : t::addr("2001:db8:1::");
	if (hai) {
		o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_HA_INFO);
		o->u.ha_info.pref = pref;
		o->u.ha_info.lifetime = hai_lifetime;
		o->reserved = mr ? MIP6_HAI_F_R : 0;
	}
	return t::icmp6(m, ll, kAllNodes, 255);
}

std::vector<uint8_t> dhaad_req(uint16_t id, bool r = false, const mip6_addr_t &dst = kAnycast)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_DHAAD_REQUEST);
	m.u.dhaad_req.id = id;
	m.u.dhaad_req.flags = r ? MIP6_DHAAD_F_R : 0;
	return t::icmp6(m, kCoa, dst);
}

struct HaDisc : HaFixture {
	void SetUp() override { ASSERT_EQ(start(), 0); }

	const t::SentPacket &last_icmp(uint8_t type)
	{
		auto v = fe.sent_icmp6(type);
		if (v.empty())
			throw std::runtime_error("nothing sent");
		return *v.back();
	}

	std::vector<std::string> reply_list()
	{
		const mip6_icmp6_t &r = last_icmp(MIP6_ICMP6_DHAAD_REPLY).pkt->icmp6;
		std::vector<std::string> v;
		for (unsigned i = 0; i < r.u.dhaad_rep.naddrs; i++)
			v.push_back(t::str(r.u.dhaad_rep.addrs[i]));
		return v;
	}
};

TEST_F(HaDisc, DhaadRequestToTheAnycastAddressIsAnsweredWithTheHomeAgentList)
{
	EXPECT_EQ(input(dhaad_req(0x1234)), MIP6_CONSUMED);
	auto v = fe.sent_icmp6(MIP6_ICMP6_DHAAD_REPLY);
	ASSERT_EQ(v.size(), 1u);
	const t::SentPacket &s = *v[0];
	ASSERT_EQ(s.rc, 0);
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.src), t::str(kHa));
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.dst), t::str(kCoa));
	EXPECT_EQ(s.pkt->icmp6.u.dhaad_rep.id, 0x1234);
	EXPECT_EQ(s.pkt->icmp6.u.dhaad_rep.flags, 0);
	EXPECT_EQ(reply_list(), (std::vector<std::string>{t::str(kHa)}));
	// Not to the anycast address: not a DHAAD request for us.
	EXPECT_EQ(input(dhaad_req(1, false, kHa)), MIP6_PASS);
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_DHAAD_REPLY).size(), 1u);
}

TEST_F(HaDisc, HomeAgentsLearntFromRasAreListedByPreference)
{
	// HA A: preference 20 with a HAI option; HA B: no HAI (preference 0).
	input(ra(kLlA, &kHaA, true, 1800, true, 20, 600), kHome);
	input(ra(kLlB, &kHaB, true, 1800), kHome);
	// A plain router (no H) is not a home agent.
	const mip6_addr_t other = t::addr("2001:db8:1::c");
	input(ra(t::addr("fe80::c"), &other, false, 1800), kHome);
	input(dhaad_req(7));
	EXPECT_EQ(reply_list(), (std::vector<std::string>{t::str(kHaA), t::str(kHa), t::str(kHaB)}));
	EXPECT_EQ(last_icmp(MIP6_ICMP6_DHAAD_REPLY).pkt->icmp6.u.dhaad_rep.id, 7);

	// The HAI lifetime (600 s) rules A's entry, the router lifetime B's.
	advance(sec(601));
	input(dhaad_req(8));
	EXPECT_EQ(reply_list(), (std::vector<std::string>{t::str(kHa), t::str(kHaB)}));
	// B stops being a home agent.
	input(ra(kLlB, &kHaB, false, 1800), kHome);
	input(dhaad_req(9));
	EXPECT_EQ(reply_list(), (std::vector<std::string>{t::str(kHa)}));
}

// RFC 6275 10.1: "Global addresses for the router in a Home Agents List
// entry MUST be deleted once the prefix associated with that address is no
// longer valid": the entry may live on (HAI lifetime), its address is not
// listed in DHAAD replies once the PIO's valid lifetime ran out or was 0.
TEST_F(HaDisc, Rfc6275_10_1_HomeAgentAddressGoesWithItsPrefix)
{
	auto ra_valid = [&](uint32_t valid) {
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_RA);
		m.u.ra.hop_limit = 64;
		m.u.ra.flags = MIP6_RA_F_H;
		m.u.ra.lifetime = 1800;
		mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_PREFIX);
		o->u.prefix.plen = 64;
		o->u.prefix.flags = MIP6_PI_F_L | MIP6_PI_F_A | MIP6_PI_F_R;
		o->u.prefix.valid = valid;
		o->u.prefix.preferred = valid;
		o->u.prefix.prefix = kHaA;
		o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_HA_INFO);
		o->u.ha_info.pref = 5;
		o->u.ha_info.lifetime = 1800;
		return t::icmp6(m, kLlA, kAllNodes, 255);
	};
	input(ra_valid(100), kHome);
	input(dhaad_req(1));
	EXPECT_EQ(reply_list(), (std::vector<std::string>{t::str(kHa), t::str(kHaA)}));
	advance(sec(101)); // the prefix expired, the entry (1800 s) did not
	input(dhaad_req(2));
	EXPECT_EQ(reply_list(), (std::vector<std::string>{t::str(kHa)}));
	input(ra_valid(100), kHome);
	input(dhaad_req(3));
	EXPECT_EQ(reply_list(), (std::vector<std::string>{t::str(kHa), t::str(kHaA)}));
	input(ra_valid(0), kHome); // invalidated at once
	input(dhaad_req(4));
	EXPECT_EQ(reply_list(), (std::vector<std::string>{t::str(kHa)}));
}

TEST_F(HaDisc, ZeroLifetimeRemovesAndRasOnOtherLinksAreIgnored)
{
	input(ra(kLlA, &kHaA, true, 1800, true, 5, 100), kHome);
	input(ra(kLlB, &kHaB, true, 1800), kUp); // not the home link
	input(dhaad_req(1));
	EXPECT_EQ(reply_list(), (std::vector<std::string>{t::str(kHa), t::str(kHaA)}));
	input(ra(kLlA, &kHaA, true, 1800, true, 5, 0));
	input(ra(kLlA, &kHaA, true, 1800, true, 5, 0), kHome);
	input(dhaad_req(2));
	EXPECT_EQ(reply_list(), (std::vector<std::string>{t::str(kHa)}));
	// An update changes the preference in place.
	input(ra(kLlA, &kHaA, true, 1800, true, 50, 100), kHome);
	input(ra(kLlA, &kHaA, true, 1800, true, -50, 100), kHome);
	input(dhaad_req(3));
	EXPECT_EQ(reply_list(), (std::vector<std::string>{t::str(kHa), t::str(kHaA)}));
}

TEST_F(HaDisc, MobileRouterRequestListsOnlyHomeAgentsThatServeRouters)
{
	input(ra(kLlA, &kHaA, true, 1800, true, 20, 600, true), kHome);
	input(ra(kLlB, &kHaB, true, 1800, true, 30, 600, false), kHome);
	input(dhaad_req(5, true));
	EXPECT_EQ(last_icmp(MIP6_ICMP6_DHAAD_REPLY).pkt->icmp6.u.dhaad_rep.flags, MIP6_DHAAD_F_R);
	EXPECT_EQ(reply_list(), (std::vector<std::string>{t::str(kHaA), t::str(kHa)}));
	input(dhaad_req(6, false));
	EXPECT_EQ(reply_list(), (std::vector<std::string>{t::str(kHaB), t::str(kHaA), t::str(kHa)}));
}

TEST_F(HaDisc, MobilePrefixSolicitationFromABoundMobileNodeIsAnswered)
{
	registered(Bu{});
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_MPS);
	m.u.mps.id = 0xbeef;
	EXPECT_EQ(input(t::icmp6(m, kCoa, kHa, 64, &kHoa)), MIP6_CONSUMED);
	auto v = fe.sent_icmp6(MIP6_ICMP6_MPA);
	ASSERT_EQ(v.size(), 1u);
	const t::SentPacket &s = *v[0];
	ASSERT_EQ(s.rc, 0); // checksum over the home address as final destination
	const mip6_layer_t &l = s.pkt->layer[0];
	EXPECT_EQ(t::str(l.ip.src), t::str(kHa));
	EXPECT_EQ(t::str(l.ip.dst), t::str(kCoa));
	ASSERT_TRUE(l.has_rh);
	EXPECT_EQ(l.rh.type, 2);
	EXPECT_EQ(t::str(l.rh.first), t::str(kHoa));
	const mip6_icmp6_t &a = s.pkt->icmp6;
	EXPECT_EQ(a.u.mpa.id, 0xbeef);
	const mip6_nd_opt_t *pi = mip6_icmp6_find_opt(&a, MIP6_ND_OPT_PREFIX);
	ASSERT_NE(pi, nullptr);
	EXPECT_EQ(t::str(pi->u.prefix.prefix), "2001:db8:1::");
	EXPECT_EQ(pi->u.prefix.plen, 64);
	EXPECT_EQ(pi->u.prefix.flags, MIP6_PI_F_L | MIP6_PI_F_A);
	EXPECT_GT(pi->u.prefix.valid, 0u);
	EXPECT_LE(pi->u.prefix.preferred, pi->u.prefix.valid);
}

TEST_F(HaDisc, MobilePrefixSolicitationWithoutBindingIsNotAnswered)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_MPS);
	m.u.mps.id = 1;
	input(t::icmp6(m, kCoa, kHa, 64, &kHoa));
	input(t::icmp6(m, kHoa, kHa)); // no HAO
	EXPECT_TRUE(fe.sent_icmp6(MIP6_ICMP6_MPA).empty());
}

TEST_F(HaDisc, HomeAddressOptionWithoutBindingGetsABindingError)
{
	registered(Bu{});
	fe.sent.clear();
	// A packet to the HA with a HAO for a home address it has no binding for.
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_ECHO_REQUEST);
	m.u.echo.id = 1;
	input(t::icmp6(m, kCoa2, kHa, 64, &kHoa2));
	auto v = fe.sent_mh(MIP6_MH_BE);
	ASSERT_EQ(v.size(), 1u);
	const t::SentPacket &s = *v[0];
	ASSERT_EQ(s.rc, 0);
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.src), t::str(kHa));
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.dst), t::str(kCoa2));
	EXPECT_FALSE(s.pkt->layer[0].has_rh);
	EXPECT_EQ(s.pkt->mh.u.be.status, MIP6_BE_UNKNOWN_HAO);
	EXPECT_EQ(t::str(s.pkt->mh.u.be.home), t::str(kHoa2));
	EXPECT_EQ(stats().be_sent[MIP6_BE_UNKNOWN_HAO], 1u);
}

TEST_F(HaDisc, BindingErrorHintsForOtherAddressesAreLeftToTheCorrespondentNode)
{
	mip6_bus_msg_t m{};
	m.type = MIP6_BUS_BE_HINT;
	m.status = 1;
	m.hoa = kHoa2;
	m.coa = kCoa2;
	m.peer = t::addr("2001:db8:1::77");
	ASSERT_EQ(t::bus_input(n, m, now), 0);
	EXPECT_TRUE(fe.sent_mh(MIP6_MH_BE).empty());
	m.peer = kHa;
	ASSERT_EQ(t::bus_input(n, m, now), 0);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BE).size(), 1u);
}

// The HA alone limits its Binding Errors as the correspondent node does:
// one per source per second.
TEST_F(HaDisc, BindingErrorsAreRateLimited)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_ECHO_REQUEST);
	auto p = t::icmp6(m, kCoa2, kHa, 64, &kHoa2);
	input(p);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BE).size(), 1u);
	now += MIP6_MS(500);
	input(p);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BE).size(), 1u);
	EXPECT_TRUE(fe.traced(MIP6_EV_HA_DROP_BE_RATE_LIMITED));
	input(t::icmp6(m, kCoa, kHa, 64, &kHoa2)); // another source is answered
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BE).size(), 2u);
	now += MIP6_MS(600);
	input(p);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BE).size(), 3u);
	EXPECT_EQ(stats().be_sent[MIP6_BE_UNKNOWN_HAO], 3u);
}

// A node with both the HA and the CN: every Home Address option without a
// binding gets exactly one Binding Error (RFC 6275 9.3.1), whichever of the
// node's addresses the packet was sent to, from that address, and all of
// them come under the correspondent node's rate limit.
struct HaCnDisc : HaFixture {
	void SetUp() override
	{
		ASSERT_EQ(start(), 0);
		ASSERT_EQ(mip6_node_enable_cn(n), 0);
	}

	// An echo request from src (HAO hoa) to dst; returns the BEs it drew.
	std::vector<const t::SentPacket *> probe(const mip6_addr_t &src, const mip6_addr_t &hoa,
	                                         const mip6_addr_t &dst)
	{
		size_t before = fe.sent_mh(MIP6_MH_BE).size();
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_ECHO_REQUEST);
		EXPECT_EQ(input(t::icmp6(m, src, dst, 64, &hoa)), MIP6_DROPPED);
		auto v = fe.sent_mh(MIP6_MH_BE);
		return {v.begin() + (long)before, v.end()};
	}
};

TEST_F(HaCnDisc, EveryHintGetsExactlyOneBindingError)
{
	const mip6_addr_t other = t::addr("2001:db8:1::77"); // another address of the node
	for (const mip6_addr_t *dst : {&kHa, &other}) {
		now += sec(2); // out of the rate limit's reach
		auto v = probe(kCoa2, kHoa2, *dst);
		ASSERT_EQ(v.size(), 1u) << t::str(*dst);
		const t::SentPacket &s = *v[0];
		EXPECT_EQ(t::str(s.pkt->layer[0].ip.src), t::str(*dst));
		EXPECT_EQ(t::str(s.pkt->layer[0].ip.dst), t::str(kCoa2));
		EXPECT_FALSE(s.pkt->layer[0].has_rh);
		EXPECT_FALSE(s.pkt->layer[0].has_hao);
		EXPECT_EQ(s.pkt->mh.u.be.status, MIP6_BE_UNKNOWN_HAO);
		EXPECT_EQ(t::str(s.pkt->mh.u.be.home), t::str(kHoa2));
	}
	EXPECT_EQ(stats().be_sent[MIP6_BE_UNKNOWN_HAO], 2u);
	EXPECT_EQ(stats().drop_hao_no_binding, 2u);
	// The correspondent node answered both; the home agent stayed silent.
	EXPECT_EQ(fe.count(MIP6_EV_CN_TX_BE), 2u);
	EXPECT_EQ(fe.count(MIP6_EV_HA_TX_BE), 0u);

	// A hint from outside the core (the bus) is answered once too.
	mip6_bus_msg_t m{};
	m.type = MIP6_BUS_BE_HINT;
	m.status = MIP6_BE_UNKNOWN_MH;
	m.hoa = kHoa;
	m.coa = kCoa;
	m.peer = kHa;
	ASSERT_EQ(t::bus_input(n, m, now), 0);
	auto v = fe.sent_mh(MIP6_MH_BE);
	ASSERT_EQ(v.size(), 3u);
	EXPECT_EQ(v.back()->pkt->mh.u.be.status, MIP6_BE_UNKNOWN_MH);
	EXPECT_EQ(t::str(v.back()->pkt->layer[0].ip.src), t::str(kHa));
	EXPECT_EQ(stats().be_sent[MIP6_BE_UNKNOWN_MH], 1u);
}

TEST_F(HaCnDisc, TheRateLimitCoversTheHomeAgentsAddressToo)
{
	const mip6_addr_t other = t::addr("2001:db8:1::77");
	EXPECT_EQ(probe(kCoa2, kHoa2, kHa).size(), 1u);
	// Same source within the second: nothing, to the HA's address or another.
	now += MIP6_MS(300);
	EXPECT_EQ(probe(kCoa2, kHoa2, kHa).size(), 0u);
	EXPECT_EQ(probe(kCoa2, kHoa2, other).size(), 0u);
	EXPECT_TRUE(fe.traced(MIP6_EV_CN_DROP_BE_RATE_LIMITED));
	// At most ten a second over all sources, whichever address they hit.
	now += sec(2);
	size_t sent = 0;
	for (uint8_t i = 0; i < 30; i++) {
		mip6_addr_t src = kCoa2;
		src.b[15] = i;
		sent += probe(src, kHoa2, i % 2 ? kHa : other).size();
	}
	EXPECT_EQ(sent, 10u);
	EXPECT_EQ(fe.count(MIP6_EV_HA_TX_BE), 0u);
}

struct HaDiscPrefix : HaFixture {
};

TEST_F(HaDiscPrefix, AnycastAddressFollowsRfc2526ForOtherPrefixLengths)
{
	cfg.home_prefix = pfx("2001:db8:1::", 48);
	ASSERT_EQ(start(), 0);
	// /48: all ones after the prefix, anycast ID 0x7e in the low 7 bits.
	EXPECT_EQ(input(dhaad_req(1, false, t::addr("2001:db8:1:ffff:ffff:ffff:ffff:fffe"))), MIP6_CONSUMED);
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_DHAAD_REPLY).size(), 1u);
	// The /64 form is not this subnet's.
	EXPECT_EQ(input(dhaad_req(2, false, kAnycast)), MIP6_PASS);
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_DHAAD_REPLY).size(), 1u);
}

} // namespace

namespace
{

// An RA on the home link announcing one autonomous prefix.
std::vector<uint8_t> prefix_ra(const char *prefix, uint8_t plen, uint32_t valid, uint32_t preferred)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_RA);
	m.u.ra.hop_limit = 64;
	m.u.ra.lifetime = 1800;
	mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_PREFIX);
	o->u.prefix.plen = plen;
	o->u.prefix.flags = MIP6_PI_F_L | MIP6_PI_F_A;
	o->u.prefix.valid = valid;
	o->u.prefix.preferred = preferred;
	o->u.prefix.prefix = t::addr(prefix);
	return t::icmp6(m, kLlA, kAllNodes, 255);
}

std::vector<uint8_t> mps(uint16_t id, const mip6_addr_t &src, const mip6_addr_t &hoa)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_MPS);
	m.u.mps.id = id;
	return t::icmp6(m, src, kHa, 64, &hoa);
}

// The prefixes of an MPA: "prefix/plen valid preferred".
std::vector<std::string> prefixes_of(const t::SentPacket &s)
{
	std::vector<std::string> v;
	const mip6_icmp6_t &a = s.pkt->icmp6;
	for (unsigned i = 0; i < a.nopts; i++)
		if (a.opts[i].type == MIP6_ND_OPT_PREFIX)
			v.push_back(t::str(a.opts[i].u.prefix.prefix) + "/" +
			            std::to_string(a.opts[i].u.prefix.plen) + " " +
			            std::to_string(a.opts[i].u.prefix.valid) + " " +
			            std::to_string(a.opts[i].u.prefix.preferred));
	return v;
}

} // namespace

TEST_F(HaDisc, MobilePrefixSolicitationNotFromTheBindingsCareOfAddressIsDropped)
{
	registered(Bu{});
	// The right home address, but sent from elsewhere: answering would
	// make the home agent reflect advertisements at any address.
	input(mps(7, kCoa2, kHoa));
	EXPECT_TRUE(fe.sent_icmp6(MIP6_ICMP6_MPA).empty());
	EXPECT_EQ(stats().drop_unauthorised, 1u);
	EXPECT_TRUE(fe.traced(MIP6_EV_HA_DROP_MPS_NOT_FROM_COA));
	// From the care-of address it is answered, to that address.
	input(mps(8, kCoa, kHoa));
	ASSERT_EQ(fe.sent_icmp6(MIP6_ICMP6_MPA).size(), 1u);
	EXPECT_EQ(t::str(last_icmp(MIP6_ICMP6_MPA).pkt->layer[0].ip.dst), t::str(kCoa));
}

TEST_F(HaDisc, Rfc6275_10_6_2_NewHomeLinkPrefixIsAdvertisedUnsolicitedUntilTheMobileNodeAnswers)
{
	registered(Bu{});
	Bu other;
	other.hoa = kHoa2;
	other.src = kCoa2;
	registered(other);
	input(prefix_ra("2001:db8:1::", 64, 2592000, 604800), kHome); // what the HA already says
	EXPECT_TRUE(fe.sent_icmp6(MIP6_ICMP6_MPA).empty());

	// Renumbering: a second prefix appears on the home link.
	input(prefix_ra("2001:db8:5::", 64, 86400, 14400), kHome);
	auto v = fe.sent_icmp6(MIP6_ICMP6_MPA);
	ASSERT_EQ(v.size(), 2u); // one per registered mobile node, at once
	std::map<std::string, const t::SentPacket *> to;
	for (auto *s : v) {
		const mip6_layer_t &l = s->pkt->layer[0];
		EXPECT_EQ(t::str(l.ip.src), t::str(kHa));
		ASSERT_TRUE(l.has_rh);
		EXPECT_EQ(l.rh.type, 2);
		to[t::str(l.ip.dst) + " " + t::str(l.rh.first)] = s;
		EXPECT_EQ(prefixes_of(*s), (std::vector<std::string>{"2001:db8:1::/64 2592000 604800",
		                                                     "2001:db8:5::/64 86400 14400"}));
	}
	ASSERT_EQ(to.size(), 2u);
	ASSERT_TRUE(to.count(t::str(kCoa) + " " + t::str(kHoa)));
	ASSERT_TRUE(to.count(t::str(kCoa2) + " " + t::str(kHoa2)));
	uint16_t id1 = to[t::str(kCoa) + " " + t::str(kHoa)]->pkt->icmp6.u.mpa.id;

	// kHoa2 answers with a Binding Update; kHoa stays silent.
	other.seq = 2;
	send(other);
	EXPECT_EQ(ba().u.ba.status, 0);

	// RFC 6275 10.6.2: the first retransmission after PREFIX_ADV_TIMEOUT
	// (3 s), the wait doubling for each of the PREFIX_ADV_RETRIES (3): at
	// 3, 3 + 6 and 3 + 6 + 12 s, each a moment and not earlier.
	mip6_ns_t wait = sec(3);
	for (int round = 1; round <= 3; round++) {
		advance(wait - 1);
		EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_MPA).size(), 1u + (size_t)round) << "round " << round;
		advance(1);
		v = fe.sent_icmp6(MIP6_ICMP6_MPA);
		ASSERT_EQ(v.size(), 2u + (size_t)round);
		EXPECT_EQ(t::str(v.back()->pkt->layer[0].ip.dst), t::str(kCoa));
		EXPECT_EQ(v.back()->pkt->icmp6.u.mpa.id, id1); // the same advertisement again
		wait *= 2;
	}
	advance(sec(100));
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_MPA).size(), 5u);

	// The same RA again changes nothing: no new advertisement.
	input(prefix_ra("2001:db8:5::", 64, 86400, 14400), kHome);
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_MPA).size(), 5u);
}

TEST_F(HaDisc, SolicitationAlsoAnswersAnUnsolicitedAdvertisement)
{
	registered(Bu{});
	input(prefix_ra("2001:db8:5::", 64, 86400, 14400), kHome);
	ASSERT_EQ(fe.sent_icmp6(MIP6_ICMP6_MPA).size(), 1u);
	input(mps(9, kCoa, kHoa));
	ASSERT_EQ(fe.sent_icmp6(MIP6_ICMP6_MPA).size(), 2u);
	EXPECT_EQ(last_icmp(MIP6_ICMP6_MPA).pkt->icmp6.u.mpa.id, 9);
	for (int i = 0; i < 4; i++)
		advance(sec(3));
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_MPA).size(), 2u);
}

TEST_F(HaDisc, WithdrawnPrefixIsAdvertisedWithZeroLifetimes)
{
	registered(Bu{});
	input(prefix_ra("2001:db8:5::", 64, 86400, 14400), kHome);
	input(mps(1, kCoa, kHoa));
	input(prefix_ra("2001:db8:5::", 64, 0, 0), kHome);
	ASSERT_EQ(fe.sent_icmp6(MIP6_ICMP6_MPA).size(), 3u);
	EXPECT_EQ(prefixes_of(last_icmp(MIP6_ICMP6_MPA)),
	          (std::vector<std::string>{"2001:db8:1::/64 2592000 604800", "2001:db8:5::/64 0 0"}));
	// Its place is taken by the next new prefix.
	input(mps(2, kCoa, kHoa));
	input(prefix_ra("2001:db8:6::", 64, 3600, 1800), kHome);
	EXPECT_EQ(prefixes_of(last_icmp(MIP6_ICMP6_MPA)),
	          (std::vector<std::string>{"2001:db8:1::/64 2592000 604800", "2001:db8:6::/64 3600 1800"}));
}
