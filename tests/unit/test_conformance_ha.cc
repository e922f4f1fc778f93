// SPDX-License-Identifier: BSD-3-Clause
// The home agent as the texts say it: RFC 4285 (replay protection option in
// every BA to a BU that had one, the status of a bad identifier, no
// security association), the registration type (RFC 6275 9.5.1, RFC 3963
// 6.2), a Home Address option before ESP or AH (RFC 6275 9.3.1) and return
// routability through a home agent that is also the correspondent.
#include <algorithm>

#include "mip6/view.h"
#include "test_ha_util.h"

namespace
{

using namespace hat;

struct ConfAuth : HaFixture {
	mip6_auth_cfg_t a = auth_cfg(0x2000, "sixteen-byte-key", "mn1@example.net");

	void SetUp() override
	{
		client(kHoa).auth = a;
		client(kHoa2); // no security association
		ASSERT_EQ(start(), 0);
	}

	Bu signed_bu(uint16_t seq, uint64_t ts)
	{
		Bu bu;
		bu.seq = seq;
		bu.auth = &a;
		bu.ts = ts;
		return bu;
	}

	const mip6_mhopt_t *ts_opt() { return mip6_mh_find_opt(&ba(), MIP6_OPT_MESGID); }
};

// RFC 4285 6: "When the Home Agent receives the mobility message replay
// protection option in Binding Update, it MUST include the mobility message
// replay protection option in Binding Acknowledgement" - refusals before
// the timestamp is checked too.
TEST_F(ConfAuth, Rfc4285_6_RefusalsBeforeAuthenticationCarryTheTimestamp)
{
	Bu bu = signed_bu(1, 0x1111);
	bu.corrupt = true;
	send(bu);
	ASSERT_EQ(ba().u.ba.status, MIP6_BA_AUTH_FAIL);
	ASSERT_NE(ts_opt(), nullptr);
	EXPECT_EQ(ts_opt()->u.timestamp, 0x1111u);

	bu = signed_bu(1, 0x2222);
	bu.nai_override = "someone@else.net";
	send(bu);
	ASSERT_GE(ba().u.ba.status, 128);
	ASSERT_NE(ts_opt(), nullptr);
	EXPECT_EQ(ts_opt()->u.timestamp, 0x2222u);
}

// RFC 4285 6: 144 (MIPV6-ID-MISMATCH) is the answer to a bad timestamp
// "but the authentication of the BU succeeds"; an identifier that does not
// name the security association fails the authentication: 146 (5.1.1).
TEST_F(ConfAuth, Rfc4285_5_1_1_WrongOrMissingIdentifierIsAuthFail)
{
	Bu bu = signed_bu(1, 10);
	bu.nai_override = "mn2@example.net";
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_AUTH_FAIL);
	bu = signed_bu(1, 11);
	bu.mnid = false;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_AUTH_FAIL);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_ID_MISMATCH], 0u);
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
}

// RFC 4285 5.1.1: "If the Home Agent does not have shared-key-based
// mobility SA, Home Agent MUST discard the BU."
TEST_F(ConfAuth, Rfc4285_5_1_1_MnHaOptionWithoutSecurityAssociationIsDiscarded)
{
	Bu bu = signed_bu(1, 10);
	bu.hoa = kHoa2;
	send(bu);
	EXPECT_EQ(nba(), 0u);
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
	EXPECT_EQ(stats().drop_auth, 1u);
	// Without the option the same home address registers as before.
	Bu plain;
	plain.hoa = kHoa2;
	registered(plain);
	EXPECT_EQ(ba().u.ba.status, 0);
}

struct ConfRegType : HaFixture {
	void SetUp() override
	{
		mip6_ha_client_t &c = client(kHoa);
		c.mr_allowed = true;
		c.nmnp = 1;
		c.mnp[0] = pfx("2001:db8:77::", 64);
		ASSERT_EQ(start(), 0);
	}
};

// RFC 3963 6.2: "The Home Registration (H) Flag MUST be set. If it is not,
// the Home Agent MUST reject the Binding Update and send a Binding
// Acknowledgement with status set to 140."
TEST_F(ConfRegType, Rfc3963_6_2_RouterFlagWithoutHomeFlagIs140)
{
	Bu bu;
	bu.flags = MIP6_BU_F_A | MIP6_BU_F_R;
	send(bu);
	ASSERT_EQ(nba(), 1u);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_MR_OP_NOT_PERMITTED);
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
}

// RFC 6275 9.5.1: a BU whose H differs from the existing binding's is 139
// and the binding stays as it is.
TEST_F(ConfRegType, Rfc6275_9_5_1_HomeFlagChangeIs139)
{
	Bu bu;
	registered(bu);
	bu.seq = 2;
	bu.flags = MIP6_BU_F_A; // no H: a correspondent registration
	bu.src = kCoa2;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_REG_TYPE_CHANGE);
	EXPECT_TRUE(tunneled_to(kHoa, kCoa));
}

// RFC 3963 6.2: an R that differs from the existing binding's is 139,
// except in a de-registration, where R is ignored.
TEST_F(ConfRegType, Rfc3963_6_2_RouterFlagChangeIs139)
{
	Bu bu;
	bu.flags |= MIP6_BU_F_R;
	registered(bu);
	ASSERT_EQ(ba().u.ba.status, 0);
	bu.seq = 2;
	bu.flags &= (uint16_t)~MIP6_BU_F_R;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_REG_TYPE_CHANGE);
	EXPECT_TRUE(ops(MIP6_OP_ROUTE_DEL).empty());
	bu.seq = 3;
	bu.lifetime = 0;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(ops(MIP6_OP_PROXY_ND_DEL).size(), 1u);
}

// RFC 6275 9.3.1: with a Next Header of 50 (ESP) or 51 (AH) after the Home
// Address option "the packet SHOULD be processed normally": no binding
// needed, no Binding Error; the upper layers see the home address.
TEST_F(ConfRegType, Rfc6275_9_3_1_HomeAddressOptionBeforeEspIsProcessed)
{
	std::vector<uint8_t> esp = {0, 0, 1, 0, 0, 0, 0, 1, 0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0};
	auto pkt = t::with_ip6(esp, 50, kCoa2, kHa, 64, &kHoa2);
	EXPECT_EQ(input(pkt), MIP6_CONSUMED);
	EXPECT_TRUE(fe.sent_mh(MIP6_MH_BE).empty());
	ASSERT_EQ(fe.delivered.size(), 1u);
	const auto &d = fe.delivered[0];
	ASSERT_GE(d.size(), 40u + esp.size());
	EXPECT_EQ(memcmp(d.data() + 8, kHoa2.b, 16), 0); // source := home address
	EXPECT_EQ(d[6], 50);                             // ESP follows the IPv6 header
	EXPECT_EQ(stats().drop_hao_no_binding, 0u);
}

// Co-located home agent and correspondent: the HoT goes "to the mobile
// node at the latter's home address" (RFC 6275 9.4.3), which the home
// agent tunnels to the care-of address (10.4.2; 5.2.5, 10.4.6: HoTI and HoT
// travel the tunnel), so a HoTI that came through the reverse tunnel is
// answered through it and return routability can complete.
TEST_F(ConfRegType, Rfc6275_9_4_3_HotOfACoLocatedHaGoesThroughTheTunnel)
{
	ASSERT_EQ(mip6_node_enable_cn(n), 0);
	Bu bu;
	registered(bu);
	mip6_mh_t hoti;
	mip6_mh_init(&hoti, MIP6_MH_HOTI);
	for (uint8_t i = 0; i < 8; i++)
		hoti.u.init.cookie[i] = (uint8_t)(i + 1);
	auto inner = t::build_mh(hoti, kHoa, kHa);
	fe.sent.clear();
	EXPECT_EQ(input(t::encap(inner, kCoa, kHa)), MIP6_CONSUMED);
	auto hots = fe.sent_mh(MIP6_MH_HOT);
	ASSERT_EQ(hots.size(), 1u);
	const t::SentPacket &s = *hots[0];
	ASSERT_EQ(s.pkt->nlayers, 2u);
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.src), t::str(kHa));
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.dst), t::str(kCoa));
	EXPECT_EQ(t::str(s.pkt->layer[1].ip.dst), t::str(kHoa));
	EXPECT_EQ(memcmp(s.pkt->mh.u.test.cookie, hoti.u.init.cookie, 8), 0);
}

// RFC 6275 10.3.1 / 10.6.4: the granted lifetime is no longer than the
// home prefix's remaining valid lifetime (as the home link's RAs give it),
// and the status is 1 when the prefix is or becomes deprecated during the
// binding, or becomes invalid at its end.
TEST_F(ConfRegType, Rfc6275_10_3_1_LifetimeBoundedByTheHomePrefix)
{
	auto ra = [](uint32_t valid, uint32_t preferred) {
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_RA);
		m.u.ra.hop_limit = 64;
		m.u.ra.lifetime = 1800;
		mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_PREFIX);
		o->u.prefix.plen = 64;
		o->u.prefix.flags = MIP6_PI_F_L | MIP6_PI_F_A;
		o->u.prefix.valid = valid;
		o->u.prefix.preferred = preferred;
		o->u.prefix.prefix = t::addr("2001:db8:1::");
		return t::icmp6(m, t::addr("fe80::a"), t::addr("ff02::1"), 255);
	};
	// Valid for 1000 s more, preferred for 600: a BU asking 400 s gets
	// them, status 0.
	input(ra(1000, 600), kHome);
	Bu bu;
	registered(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ACCEPTED);
	EXPECT_EQ(ba().u.ba.lifetime, 100);
	// 300 s later the prefix is deprecated during the binding: status 1.
	advance(sec(300));
	bu.seq = 2;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ACCEPTED_PD);
	EXPECT_EQ(ba().u.ba.lifetime, 100);
	// 350 s later only 350 s of validity are left: the lifetime is cut
	// to them (87 units of 4 s) and the prefix is invalid at its end.
	advance(sec(350));
	bu.seq = 3;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ACCEPTED_PD);
	EXPECT_EQ(ba().u.ba.lifetime, 87);
	// A new RA renews the prefix: the whole lifetime again.
	input(ra(86400, 14400), kHome);
	bu.seq = 4;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ACCEPTED);
	EXPECT_EQ(ba().u.ba.lifetime, 100);
}

} // namespace

namespace
{

struct ConfReservedHoa : hat::HaFixture {
	void SetUp() override { ASSERT_EQ(start(), 0); } // serves any mobile node

	uint8_t status_for(const char *hoa)
	{
		hat::Bu bu;
		bu.hoa = t::addr(hoa);
		size_t dads = ops(MIP6_OP_DAD).size();
		send(bu);
		EXPECT_EQ(ops(MIP6_OP_DAD).size(), dads) << hoa << ": no DAD is run for it";
		EXPECT_EQ(ops(MIP6_OP_PROXY_ND_ADD).size(), 0u) << hoa << ": nothing is proxied";
		return ba().u.ba.status;
	}
};

// RFC 6275 10.3.1: the HA runs DAD for a home address before a first
// registration and answers 134 when it fails. Its own address and the home
// subnet's anycast addresses (Subnet-Router, RFC 4291 2.6.1; the reserved
// subnet anycast range with the Home-Agents address, RFC 2526) are in use on
// the home link: an unauthenticated BU claiming them must not take over the
// HA's traffic or other nodes' DHAAD requests.
TEST_F(ConfReservedHoa, Rfc6275_10_3_1_OwnAndAnycastAddressesAreNotHomeAddresses)
{
	EXPECT_EQ(status_for("2001:db8:1::1"), MIP6_BA_DAD_FAILED);                   // the HA itself
	EXPECT_EQ(status_for("2001:db8:1::"), MIP6_BA_DAD_FAILED);                    // Subnet-Router
	EXPECT_EQ(status_for("2001:db8:1::fdff:ffff:ffff:fffe"), MIP6_BA_DAD_FAILED); // Home-Agents
	EXPECT_EQ(status_for("2001:db8:1::fdff:ffff:ffff:ff80"), MIP6_BA_DAD_FAILED); // lowest reserved
	EXPECT_EQ(fe.count(MIP6_EV_HA_DROP_BU_RESERVED_HOA), 4u);
	// The address just below the reserved range is an ordinary home address.
	hat::Bu bu;
	bu.hoa = t::addr("2001:db8:1::fdff:ffff:ffff:ff7f");
	send(bu);
	EXPECT_EQ(ops(MIP6_OP_DAD).size(), 1u);
}

} // namespace

namespace
{

using namespace hat;

struct ConfHaBu : HaFixture {
	void SetUp() override
	{
		client(kHoa);
		ASSERT_EQ(start(), 0);
	}

	// Registered from the visited link with sequence number 10, then
	// de-registered from home (no Home Address option, 10.3.2) with 12.
	void registered_then_home()
	{
		Bu reg;
		reg.seq = 10;
		registered(reg);
		Bu dereg;
		dereg.seq = 12;
		dereg.lifetime = 0;
		dereg.src = kHoa;
		dereg.hao = false;
		send(dereg);
		ASSERT_EQ(ba().u.ba.status, 0);
	}
};

// RFC 6275 9.5.1: "If the Home Registration (H) bit is set, the Nonce
// Indices mobility option MUST NOT be present." A BU failing the tests is
// "silently discarded": no BA, no binding.
TEST_F(ConfHaBu, Rfc6275_9_5_1_HomeRegistrationWithNonceIndicesIsDiscarded)
{
	Bu bu;
	bu.nonce = true;
	send(bu);
	EXPECT_EQ(nba(), 0u);
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
	EXPECT_TRUE(fe.traced(MIP6_EV_HA_DROP_BU_HOME_NONCE));
	bu.nonce = false;
	registered(bu); // the same BU without the option is taken
}

// RFC 6275 9.5.4: "If the Source Address field of the IPv6 header that
// carried the Binding Update does not contain a unicast address, the
// Binding Acknowledgement MUST NOT be sent and the Binding Update packet
// MUST be silently discarded." With an Alternate Care-of Address option the
// care-of address is fine, the source is not.
TEST_F(ConfHaBu, Rfc6275_9_5_4_BuFromANonUnicastSourceGetsNoBa)
{
	for (const char *src : {"::", "ff0e::1"}) {
		SCOPED_TRACE(src);
		Bu bu;
		bu.src = t::addr(src);
		bu.altcoa = &kCoa;
		send(bu);
		EXPECT_EQ(nba(), 0u);
		EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
	}
	Bu bu;
	bu.altcoa = &kCoa;
	registered(bu);
}

// RFC 6275 10.3.1: "If the node implements only correspondent node
// functionality, or has not been configured to act as a home agent, then
// the node MUST reject the Binding Update. The node MUST also return a
// Binding Acknowledgement to the mobile node, in which the Status field is
// set to 131". A home agent that does not serve the destination address
// (only kHa) is such a node for it.
TEST_F(ConfHaBu, Rfc6275_10_3_1_HomeRegistrationToAnotherAddressIs131)
{
	Bu bu;
	bu.dst = t::addr("2001:db8:1::2");
	bu.seq = 77;
	send(bu);
	ASSERT_EQ(nba(), 1u);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_HR_NOT_SUPPORTED);
	EXPECT_EQ(ba().u.ba.seq, 77u);
	const mip6_layer_t &l = last_ba().pkt->layer[0];
	EXPECT_EQ(t::str(l.ip.src), "2001:db8:1::2");
	EXPECT_EQ(t::str(l.ip.dst), t::str(kCoa));
	ASSERT_TRUE(l.has_rh);
	EXPECT_EQ(l.rh.type, 2u);
	EXPECT_EQ(t::str(l.rh.first), t::str(kHoa));
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
}

} // namespace

namespace
{

using namespace hat;

// A home link with a link-layer address (the NAs need it), a mobile router
// (kHoa) and a mobile node that may not be one (kHoa2).
struct ConfNemoHa : HaFixture {
	void SetUp() override
	{
		home_lla = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x30};
		mip6_ha_client_t &c = client(kHoa);
		c.mr_allowed = true;
		c.nmnp = 1;
		c.mnp[0] = pfx("2001:db8:77::", 64);
		client(kHoa2);
		ASSERT_EQ(start(), 0);
	}

	uint8_t last_na_flags() const
	{
		auto v = fe.sent_icmp6(MIP6_ICMP6_NA);
		if (v.empty())
			throw std::runtime_error("no NA sent");
		return v.back()->pkt->icmp6.u.nd.flags;
	}
};

// RFC 3963 6.2: "If the Mobile Router (R) Flag has been set in the Binding
// Update, the Router (R) bit in the Advertisement MUST be set." (the proxy
// Neighbor Advertisement of RFC 6275 10.4.1); the proxy entry the platform
// answers solicitations with says so too (MIP6_PROXYF_ROUTER).
TEST_F(ConfNemoHa, Rfc3963_6_2_ProxyNaForAMobileRouterHasTheRouterBit)
{
	Bu bu;
	bu.flags = MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_R;
	registered(bu);
	EXPECT_EQ(last_na_flags(), MIP6_NA_F_R | MIP6_NA_F_O);
	advance(sec(1)); // the repeats too
	EXPECT_EQ(last_na_flags(), MIP6_NA_F_R | MIP6_NA_F_O);
	auto px = ops(MIP6_OP_PROXY_ND_ADD);
	ASSERT_EQ(px.size(), 1u);
	EXPECT_EQ(px[0].flags & MIP6_PROXYF_ROUTER, MIP6_PROXYF_ROUTER);
	// A mobile node's stays without.
	Bu mn;
	mn.hoa = kHoa2;
	registered(mn);
	EXPECT_EQ(last_na_flags(), MIP6_NA_F_O);
	px = ops(MIP6_OP_PROXY_ND_ADD);
	ASSERT_EQ(px.size(), 2u);
	EXPECT_EQ(px[1].flags & MIP6_PROXYF_ROUTER, 0u);
}

// RFC 3963 6.2: "if the Binding Update is a de-registration Binding Update,
// the Home Agent ignores the value of the Mobile Router Flag (R)." A mobile
// node not allowed as a router that sets R in its de-registration is still
// de-registered (no 140).
TEST_F(ConfNemoHa, Rfc3963_6_2_DeregistrationIgnoresTheRouterFlag)
{
	Bu bu;
	bu.hoa = kHoa2;
	registered(bu);
	ASSERT_TRUE(tunneled_to(kHoa2, kCoa));
	bu.seq = 2;
	bu.lifetime = 0;
	bu.flags = MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_R;
	send(bu);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_MR_OP_NOT_PERMITTED], 0u);
	EXPECT_LT(ba().u.ba.status, 128);
	advance(sec(10));
	EXPECT_FALSE(tunneled_to(kHoa2, kCoa));
}

} // namespace

namespace
{

using namespace hat;

// RFC 3963 6.2: "If the Home Agent fails to set up forwarding to all the
// prefixes listed in the Binding Update, then it MUST NOT forward traffic
// to any of the prefixes. Furthermore, it MUST reject the Binding Update and
// send a Binding Acknowledgement with status set to 141 (Invalid Prefix)."
// More prefixes than a binding holds (MIP6_MAX_MNP) is such a case.
TEST_F(ConfNemoHa, Rfc3963_6_2_TooManyPrefixesIs141AndNothingIsForwarded)
{
	clients[0].nmnp = 1;
	clients[0].mnp[0] = pfx("2001:db8:70::", 48); // allows every /64 below it
	mip6_node_free(n);
	ASSERT_EQ(start(), 0);
	Bu bu;
	bu.flags = MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_R;
	for (unsigned i = 0; i <= MIP6_MAX_MNP; i++) {
		mip6_prefix_t p = pfx("2001:db8:70::", 64);
		p.prefix.b[7] = static_cast<uint8_t>(i + 1);
		bu.mnps.push_back(p);
	}
	send(bu);
	ASSERT_EQ(nba(), 1u);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_INVALID_PREFIX);
	EXPECT_TRUE(ops(MIP6_OP_ROUTE_ADD).empty());
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
	// MIP6_MAX_MNP of them are taken.
	bu.mnps.pop_back();
	bu.seq = 2;
	registered(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ACCEPTED);
	EXPECT_EQ(ops(MIP6_OP_ROUTE_ADD).size(), static_cast<size_t>(MIP6_MAX_MNP));
}

} // namespace

namespace
{

// RFC 6275 10.3.2: a BU sent from the visited link and delayed past the
// de-registration from home must not bind the home address again; for
// MAX_DELETE_BCE_TIMEOUT (10 s) the home agent remembers the
// de-registration's sequence number and answers 135 with it.
TEST_F(ConfHaBu, Rfc6275_10_3_2_DelayedBuAfterDeregistrationIs135)
{
	registered_then_home();
	mip6_view_bc_t v[4];
	EXPECT_EQ(mip6_view_bc(n, v, 4), 0u); // no binding: interception stopped
	size_t ops = fe.ops.size();
	// The refresh the node sent before it came home, delayed.
	Bu late;
	late.seq = 11;
	send(late);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_SEQ_OUT_OF_WINDOW);
	EXPECT_EQ(ba().u.ba.seq, 12);
	EXPECT_EQ(t::str(last_ba().pkt->layer[0].ip.dst), t::str(kCoa)); // to the visited link
	EXPECT_TRUE(fe.traced(MIP6_EV_HA_DROP_BU_SEQ_AFTER_DEREG));
	EXPECT_EQ(fe.ops.size(), ops); // no DAD, no proxy, no tunnel
	auto ops_of_kind_since = [&](size_t from, uint16_t kind) {
		size_t k = 0;
		for (size_t i = from; i < fe.ops.size(); i++)
			k += fe.ops[i].kind == kind;
		return k;
	};
	EXPECT_EQ(mip6_view_bc(n, v, 4), 0u);
	// After MAX_DELETE_BCE_TIMEOUT the record is gone: any number starts a
	// first registration again (DAD of the home address).
	advance(MIP6_SEC(10));
	late.seq = 11;
	send(late);
	EXPECT_EQ(fe.count(MIP6_EV_HA_DROP_BU_SEQ_AFTER_DEREG), 1u);
	EXPECT_EQ(ops_of_kind_since(ops, MIP6_OP_DAD), 1u);
}

// Within the 10 s a newer sequence number is a new registration.
TEST_F(ConfHaBu, Rfc6275_10_3_2_NewerBuAfterDeregistrationRegisters)
{
	registered_then_home();
	Bu again;
	again.seq = 13;
	registered(again);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_FALSE(fe.traced(MIP6_EV_HA_DROP_BU_SEQ_AFTER_DEREG));
}

// --- The data plane of the home agent: errors from inside its tunnels
// (RFC 6275 9.3.4) and the mobile node's link-local address (10.4.2) ---

const mip6_addr_t kRouter = t::addr("2001:db8:7::1"); // a router on the way to the care-of address

struct ConfHaDp : HaFixture {
	void SetUp() override
	{
		client(kHoa);
		ASSERT_EQ(start(), 0);
	}

	// What the HA sent into the tunnel for pkt (a packet to kHoa).
	std::vector<uint8_t> tunneled(const std::vector<uint8_t> &pkt)
	{
		size_t before = fe.sent.size();
		if (input(pkt) != MIP6_CONSUMED || fe.sent.size() != before + 1)
			throw std::runtime_error("not tunneled");
		return fe.sent.back().bytes;
	}

	// An ICMPv6 error from kRouter to the HA about 'about' (cut to what
	// fits in 1280 octets, RFC 4443 2.4(c)).
	static std::vector<uint8_t> error(uint8_t type, uint8_t code, uint32_t param,
	                                  const std::vector<uint8_t> &about)
	{
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, type);
		m.code = code;
		m.u.err.param = param;
		m.body = about.data();
		m.body_len = (unsigned)std::min<size_t>(about.size(), 1280 - 48);
		return t::icmp6(m, kRouter, kHa);
	}

	// The ICMPv6 errors of this type sent since 'from' (index into fe.sent).
	std::vector<const t::SentPacket *> errors(uint8_t type, size_t from) const
	{
		std::vector<const t::SentPacket *> v;
		for (size_t i = from; i < fe.sent.size(); i++)
			if (fe.sent[i].rc == 0 && fe.sent[i].pkt->ul == MIP6_UL_ICMP6 &&
			    fe.sent[i].pkt->icmp6.type == type)
				v.push_back(&fe.sent[i]);
		return v;
	}

	// The ICMPv6 checksum of a sent error verifies over its addresses.
	static bool cksum_ok(const t::SentPacket &s)
	{
		const mip6_layer_t &l = s.pkt->layer[0];
		return mip6_cksum_pseudo(&l.ip.src, &l.ip.dst, (uint32_t)(s.bytes.size() - MIP6_IP6_HLEN),
		                         MIP6_PROTO_ICMPV6, s.bytes.data() + MIP6_IP6_HLEN,
		                         s.bytes.size() - MIP6_IP6_HLEN) == 0;
	}

	static std::vector<uint8_t> body(const t::SentPacket &s)
	{
		return {s.pkt->icmp6.body, s.pkt->icmp6.body + s.pkt->icmp6.body_len};
	}
};

// RFC 6275 9.3.4: "Any ICMP error message caused by the packet on its way to
// the mobile node while in the tunnel, will be transmitted to the mobile
// node's home agent. By the definition of IPv6 encapsulation [7], the home
// agent MUST relay certain ICMP error messages back to the original sender
// of the packet". RFC 2473 8: from the entry-point, to the original source,
// with the original packet; unreachable and hop limit errors as "unreachable
// node" (Destination Unreachable 3), Packet Too Big with the tunnel MTU.
TEST_F(ConfHaDp, Rfc6275_9_3_4_TunnelErrorsAreRelayedToTheOriginalSender)
{
	Bu bu;
	registered(bu);
	std::vector<uint8_t> tun = tunneled(t::udp(kCn, kHoa));
	std::vector<uint8_t> inner(tun.begin() + MIP6_IP6_HLEN, tun.end());

	struct {
		uint8_t type, code;
	} cases[] = {{MIP6_ICMP6_DST_UNREACH, 0}, {MIP6_ICMP6_TIME_EXCEEDED, 0}, {MIP6_ICMP6_PARAM_PROB, 0}};
	for (auto &c : cases) {
		size_t from = fe.sent.size();
		EXPECT_EQ(input(error(c.type, c.code, 0, tun)), MIP6_CONSUMED) << int(c.type);
		auto v = errors(MIP6_ICMP6_DST_UNREACH, from);
		ASSERT_EQ(v.size(), 1u) << int(c.type);
		const t::SentPacket &s = *v[0];
		EXPECT_EQ(s.pkt->nlayers, 1u);
		EXPECT_EQ(t::str(s.pkt->layer[0].ip.src), t::str(kHa));
		EXPECT_EQ(t::str(s.pkt->layer[0].ip.dst), t::str(kCn));
		EXPECT_EQ(s.pkt->icmp6.code, 3); // address unreachable
		EXPECT_EQ(body(s), inner);
		EXPECT_TRUE(cksum_ok(s));
		EXPECT_EQ(s.ifindex, MIP6_IFINDEX_ROUTE);
	}
	EXPECT_EQ(fe.count(MIP6_EV_DP_DROP_TUNNEL_ERROR_RELAYED), 3u);
	EXPECT_EQ(stats().dp_err_relayed, 3u);

	// Packet Too Big: the MTU less the tunnel header, and as much of the
	// original packet as came back.
	std::vector<uint8_t> big(1400, 0x5a);
	big[4] = (uint8_t)(big.size() >> 8);
	big[5] = (uint8_t)big.size();
	std::vector<uint8_t> tun2 = tunneled(t::with_ip6(big, MIP6_PROTO_UDP, kCn, kHoa));
	size_t from = fe.sent.size();
	EXPECT_EQ(input(error(MIP6_ICMP6_PKT_TOO_BIG, 0, 1400, tun2)), MIP6_CONSUMED);
	auto v = errors(MIP6_ICMP6_PKT_TOO_BIG, from);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0]->pkt->icmp6.u.err.param, 1400u - MIP6_IP6_HLEN);
	EXPECT_EQ(t::str(v[0]->pkt->layer[0].ip.dst), t::str(kCn));
	std::vector<uint8_t> quoted(tun2.begin() + MIP6_IP6_HLEN, tun2.begin() + (1280 - 48));
	EXPECT_EQ(body(*v[0]), quoted);
	EXPECT_TRUE(cksum_ok(*v[0]));

	// Relayed errors share the node's error rate limit (RFC 4443 2.4(f)):
	// 4 of the 10 tokens are gone.
	for (int i = 0; i < 8; i++)
		input(error(MIP6_ICMP6_DST_UNREACH, 0, 0, tun));
	EXPECT_EQ(fe.count(MIP6_EV_DP_DROP_ERROR_RATE_LIMITED), 2u);
}

// Only errors about what this HA tunnelled to a bound care-of address are
// relayed; others are the platform's (PASS), and nothing is sent.
TEST_F(ConfHaDp, Rfc6275_9_3_4_OtherErrorsAreNotRelayed)
{
	Bu bu;
	registered(bu);
	std::vector<uint8_t> tun = tunneled(t::udp(kCn, kHoa));
	size_t from = fe.sent.size();
	// A tunnel to another care-of address, from another node, not a tunnel.
	EXPECT_EQ(input(error(MIP6_ICMP6_DST_UNREACH, 0, 0, t::encap(t::udp(kCn, kHoa), kHa, kCoa2))),
	          MIP6_PASS);
	EXPECT_EQ(input(error(MIP6_ICMP6_DST_UNREACH, 0, 0,
	                      t::encap(t::udp(kCn, kHoa), t::addr("2001:db8:1::2"), kCoa))),
	          MIP6_PASS);
	EXPECT_EQ(input(error(MIP6_ICMP6_DST_UNREACH, 0, 0, t::udp(kHa, kCn))), MIP6_PASS);
	// A corrupted error (its checksum fails).
	auto bad = error(MIP6_ICMP6_DST_UNREACH, 0, 0, tun);
	bad[bad.size() - 1] ^= 1;
	EXPECT_EQ(input(bad), MIP6_PASS);
	// About an ICMPv6 error the CN sent (RFC 4443 2.4(e.1)).
	mip6_icmp6_t e;
	mip6_icmp6_init(&e, MIP6_ICMP6_DST_UNREACH);
	uint8_t junk[48] = {0x60};
	e.body = junk;
	e.body_len = sizeof(junk);
	std::vector<uint8_t> tun3 = tunneled(t::icmp6(e, kCn, kHoa));
	EXPECT_EQ(input(error(MIP6_ICMP6_DST_UNREACH, 0, 0, tun3)), MIP6_PASS);
	// Packet Too Big that the original packet was not too big for.
	EXPECT_EQ(input(error(MIP6_ICMP6_PKT_TOO_BIG, 0, 1280, tun)), MIP6_PASS);
	EXPECT_EQ(fe.sent.size(), from + 1); // the tunnelled ICMPv6 error only
	EXPECT_EQ(stats().dp_err_relayed, 0u);
}

// RFC 6275 10.4.2: "packets addressed to the mobile node's link-local
// address MUST NOT be tunneled to the mobile node. Instead, these packets
// MUST be discarded and the home agent SHOULD return an ICMP Destination
// Unreachable, Code 3, message to the packet's Source Address (unless this
// Source Address is a multicast address)." With L the HA proxies that
// address (10.4.1), so such packets reach it.
TEST_F(ConfHaDp, Rfc6275_10_4_2_MobileNodesLinkLocalAddressIsUnreachable)
{
	const mip6_addr_t ll = t::addr("fe80::100"), neighbour = t::addr("fe80::77");
	const mip6_addr_t onlink = t::addr("2001:db8:1::77");
	// Before any binding: the platform's.
	EXPECT_EQ(input(t::udp(neighbour, ll), kHome), MIP6_PASS);
	Bu bu;
	bu.flags |= MIP6_BU_F_L;
	send(bu);
	dad(0);
	dad(0);
	ASSERT_EQ(ba().u.ba.status, 0);

	size_t from = fe.sent.size();
	auto pkt = t::udp(neighbour, ll);
	EXPECT_EQ(input(pkt, kHome), MIP6_DROPPED);
	auto v = errors(MIP6_ICMP6_DST_UNREACH, from);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0]->pkt->icmp6.code, 3);
	EXPECT_EQ(t::str(v[0]->pkt->layer[0].ip.dst), t::str(neighbour));
	EXPECT_EQ(t::str(v[0]->pkt->layer[0].ip.src), t::str(kHa));
	EXPECT_EQ(v[0]->ifindex, kHome); // back out of the home link
	EXPECT_EQ(body(*v[0]), pkt);
	EXPECT_TRUE(cksum_ok(*v[0]));
	EXPECT_EQ(input(t::udp(onlink, ll), kHome), MIP6_DROPPED); // from a global address too
	EXPECT_EQ(errors(MIP6_ICMP6_DST_UNREACH, from).size(), 2u);
	EXPECT_EQ(fe.count(MIP6_EV_DP_DROP_MN_LINK_LOCAL), 2u);
	EXPECT_EQ(stats().drop_mn_link_local, 2u);
	// Nothing went into the tunnel.
	for (size_t i = from; i < fe.sent.size(); i++)
		EXPECT_EQ(fe.sent[i].pkt->nlayers, 1u);

	// No error to a multicast source, nor about an ICMPv6 error; still dropped.
	EXPECT_EQ(input(t::udp(t::addr("ff02::1"), ll), kHome), MIP6_DROPPED);
	mip6_icmp6_t e;
	mip6_icmp6_init(&e, MIP6_ICMP6_DST_UNREACH);
	uint8_t junk[48] = {0x60};
	e.body = junk;
	e.body_len = sizeof(junk);
	EXPECT_EQ(input(t::icmp6(e, neighbour, ll), kHome), MIP6_DROPPED);
	EXPECT_EQ(errors(MIP6_ICMP6_DST_UNREACH, from).size(), 2u);
	// Neighbor Discovery for it stays the platform's proxy's.
	mip6_icmp6_t ns;
	mip6_icmp6_init(&ns, MIP6_ICMP6_NS);
	ns.u.nd.target = ll;
	EXPECT_EQ(input(t::icmp6(ns, neighbour, ll, 255), kHome), MIP6_PASS);

	// De-registered: the address is the mobile node's own again.
	bu.seq = 2;
	bu.lifetime = 0;
	send(bu);
	ASSERT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(input(t::udp(neighbour, ll), kHome), MIP6_PASS);
}

// Without L the link-local address is not the HA's business.
TEST_F(ConfHaDp, Rfc6275_10_4_2_WithoutTheLinkLocalFlagNothingIsIntercepted)
{
	Bu bu;
	registered(bu);
	EXPECT_EQ(input(t::udp(t::addr("fe80::77"), t::addr("fe80::100")), kHome), MIP6_PASS);
	EXPECT_EQ(stats().drop_mn_link_local, 0u);
}

} // namespace
