// SPDX-License-Identifier: BSD-3-Clause
// The mobile node's route optimisation and home registration as RFC 6275
// says it, for rules an audit found broken (docs/conformance/rfc6275.md):
// which BAs from a correspondent count (11.7.3), which HoTs (11.6.2), the
// cookies and the rate of the test init messages (11.8), and no second try
// of a home address after status 134 (11.7.1).
#include "test_mn_ro_fixture.h"

extern "C" {
#include "mip6/view.h"
}

using namespace mnt;

namespace
{

struct ConfRo : MnRo {
	// A BA from the correspondent without Binding Authorization Data.
	std::vector<uint8_t> bare_ba(uint16_t seq, uint8_t status)
	{
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_BA);
		m.u.ba.status = status;
		m.u.ba.seq = seq;
		return t::build_mh(m, cn, coa1, nullptr, &hoa);
	}

	// Home registered, RR done, the BU to the correspondent out: WAITA.
	const t::SentPacket *bu_out()
	{
		register_at(coa1);
		rr_hint(cn);
		input(hot(to_cn(MIP6_MH_HOTI).back()));
		input(cot(to_cn(MIP6_MH_COTI).back()));
		return to_cn(MIP6_MH_BU).back();
	}

	// The correspondent's ICMPv6 Parameter Problem about 'invoking' (the
	// packet as it reached the correspondent), from cn to 'to'.
	std::vector<uint8_t> param_problem(uint8_t code, uint32_t pointer,
	                                   const std::vector<uint8_t> &invoking, const mip6_addr_t &to)
	{
		mip6_icmp6_t e;
		mip6_icmp6_init(&e, MIP6_ICMP6_PARAM_PROB);
		e.code = code;
		e.u.err.param = pointer;
		e.body = invoking.data();
		e.body_len = static_cast<unsigned>(invoking.size());
		return t::icmp6(e, cn, to);
	}

	// The packet inside a tunnelled one (what the correspondent saw of a HoTI).
	static std::vector<uint8_t> inner_bytes(const t::SentPacket *s)
	{
		return std::vector<uint8_t>(s->bytes.begin() + s->pkt->layer[1].off, s->bytes.end());
	}

	size_t cn_entries() const
	{
		mip6_view_bul_t v[8];
		size_t total = mip6_view_bul(n, v, 8), k = 0;
		for (size_t i = 0; i < total && i < 8; i++)
			k += v[i].peer_role == MIP6_NODE_CN;
		return k;
	}

	// The hold the last MIP6_EV_MN_RO_HELD_OFF announced, in seconds.
	uint32_t last_hold_s() const
	{
		uint32_t s = 0;
		for (auto &e : fe.traces)
			if (e.code == MIP6_EV_MN_RO_HELD_OFF)
				s = e.value;
		return s;
	}

	std::vector<uint8_t> be_unknown_hao()
	{
		mip6_mh_t be;
		mip6_mh_init(&be, MIP6_MH_BE);
		be.u.be.status = MIP6_BE_UNKNOWN_HAO;
		be.u.be.home = hoa;
		return t::build_mh(be, cn, coa1);
	}
};

// 11.7.3: "If the Binding Update was sent to the correspondent node, the
// Binding Authorization Data mobility option MUST be present and have a
// valid value. ... Any Binding Acknowledgement not satisfying all of these
// tests MUST be silently ignored." and "if the Status field value is 135
// but the Binding Acknowledgement does not pass authentication, the message
// MUST be silently ignored." (9.5.4 leaves the option out of 136-138 only.)
TEST_F(ConfRo, Rfc6275_11_7_3_UnauthenticatedCnBaIgnored)
{
	start();
	auto *bu = bu_out();
	uint16_t seq = mh(bu).u.bu.seq;
	size_t bus = to_cn(MIP6_MH_BU).size();
	// A forged 135 does not move our sequence number...
	input(bare_ba(static_cast<uint16_t>(seq + 100), MIP6_BA_SEQ_OUT_OF_WINDOW));
	EXPECT_EQ(to_cn(MIP6_MH_BU).size(), bus);
	// ...and a forged refusal does not end route optimisation.
	input(bare_ba(seq, MIP6_BA_PROHIBITED));
	EXPECT_FALSE(fe.traced_state(MIP6_EV_MN_RO_STATE, "WAITA", "IDLE"));
	EXPECT_EQ(mip6_node_stats(n)->drop_auth, 2u);
	EXPECT_EQ(mip6_node_stats(n)->ba_rcvd[MIP6_BA_PROHIBITED], 0u);
	// The real, signed answer to the BU still binds.
	auto ct = token(coa1, true, nonce_c);
	auto k = kbm(token(hoa, false, nonce_h), &ct);
	input(cn_ba(seq, 0, 105, k, coa1));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "WAITA", "BOUND"));
}

// 9.5.4 / 11.7.3: 136-138 come without the option and are acted on.
TEST_F(ConfRo, Rfc6275_11_7_3_UnauthenticatedExpiredNonceStatusIsHonoured)
{
	start();
	auto *bu = bu_out();
	size_t hotis = to_cn(MIP6_MH_HOTI).size();
	input(bare_ba(mh(bu).u.bu.seq, MIP6_BA_EXPIRED_NONCES));
	EXPECT_EQ(to_cn(MIP6_MH_HOTI).size(), hotis + 1);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RR_STATE, "START", "WAITHC"));
}

// 11.8: "Retransmitted Home Test Init and Care-of Test Init messages MUST
// use new cookie values." A test answering the old cookie is then ignored
// (11.6.2: the cookie must match the one in the last init sent).
TEST_F(ConfRo, Rfc6275_11_8_RetransmittedTestInitsUseNewCookies)
{
	start();
	register_at(coa1);
	rr_hint(cn);
	// Copies: the list of sent packets grows (and moves) as time passes.
	uint8_t hoti1_cookie[8], coti1_cookie[8];
	memcpy(hoti1_cookie, mh(to_cn(MIP6_MH_HOTI).back()).u.init.cookie, 8);
	memcpy(coti1_cookie, mh(to_cn(MIP6_MH_COTI).back()).u.init.cookie, 8);
	auto old_hot = hot(to_cn(MIP6_MH_HOTI).back());
	advance(now + MIP6_SEC(1)); // INITIAL_BINDACK_TIMEOUT: the first retransmission
	ASSERT_EQ(to_cn(MIP6_MH_HOTI).size(), 2u);
	ASSERT_EQ(to_cn(MIP6_MH_COTI).size(), 2u);
	auto *hoti2 = to_cn(MIP6_MH_HOTI).back();
	auto *coti2 = to_cn(MIP6_MH_COTI).back();
	EXPECT_NE(memcmp(hoti1_cookie, mh(hoti2).u.init.cookie, 8), 0);
	EXPECT_NE(memcmp(coti1_cookie, mh(coti2).u.init.cookie, 8), 0);
	auto new_hot = hot(hoti2);
	input(old_hot);
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_RR_DROP_HOT_COOKIE));
	EXPECT_FALSE(fe.traced_state(MIP6_EV_MN_RR_STATE, "WAITHC", "WAITC"));
	input(new_hot);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RR_STATE, "WAITHC", "WAITC"));
}

// 11.8: "The mobile node MUST NOT send Mobility Header messages of a
// particular type to a particular correspondent node more than
// MAX_UPDATE_RATE times within a second." Binding Errors that make the MN
// restart return routability arrive faster than that; the fourth HoTI and
// CoTI wait for the second to pass.
TEST_F(ConfRo, Rfc6275_11_8_TestInitsAreRateLimitedPerCorrespondent)
{
	start();
	bind(); // one HoTI and one CoTI at 'now'
	mip6_ns_t t0 = now;
	for (int i = 0; i < 3; i++)
		input(be_unknown_hao());
	EXPECT_EQ(to_cn(MIP6_MH_HOTI).size(), 3u); // MAX_UPDATE_RATE = 3
	EXPECT_EQ(to_cn(MIP6_MH_COTI).size(), 3u);
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_RR_INITS_HELD));
	advance(t0 + MIP6_SEC(1) - 1);
	EXPECT_EQ(to_cn(MIP6_MH_HOTI).size(), 3u);
	advance(t0 + MIP6_SEC(1));
	EXPECT_EQ(to_cn(MIP6_MH_HOTI).size(), 4u); // held back, not lost
	EXPECT_EQ(to_cn(MIP6_MH_COTI).size(), 4u);
	// The one sent late answers the return routability as usual.
	input(hot(to_cn(MIP6_MH_HOTI).back()));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RR_STATE, "WAITHC", "WAITC"));
}

// 11.6.2: a Home Test is valid only if "The Destination Address of the
// packet has the home address of the mobile node, and the packet has been
// received in a tunnel from the home agent." ... "Any Home Test message not
// satisfying all of these tests MUST be silently ignored."
TEST_F(ConfRo, Rfc6275_11_6_2_HomeTestOutsideTheTunnelIgnored)
{
	start();
	register_at(coa1);
	rr_hint(cn);
	auto *hoti = to_cn(MIP6_MH_HOTI).back();
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_HOT);
	m.u.test.nonce_index = idx_h;
	memcpy(m.u.test.cookie, mh(hoti).u.init.cookie, 8);
	auto tok = token(hoa, false, nonce_h);
	memcpy(m.u.test.keygen, tok.data(), 8);
	auto tunnelled = hot(hoti); // before more sends can move the list
	// Straight to the home address, and to the care-of address with a
	// type 2 routing header: neither came through the home agent.
	input(t::build_mh(m, cn, hoa));
	input(t::build_mh(m, cn, coa1, nullptr, &hoa));
	EXPECT_FALSE(fe.traced_state(MIP6_EV_MN_RR_STATE, "WAITHC", "WAITC"));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_RR_DROP_HOT_NOT_TUNNELED));
	// Tunnelled by the home agent, the same message counts.
	input(tunnelled);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RR_STATE, "WAITHC", "WAITC"));
}

// 11.7.1: after status 134 "the mobile node MUST NOT attempt to re-use the
// same home address." A later care-of address does not register it again;
// the operator's MIP6_CMD_REGISTER (after fixing the duplicate) does.
TEST_F(ConfRo, Rfc6275_11_7_1_NoNewRegistrationAfterDadFailure)
{
	start();
	md(MIP6_MD_NEW_COA, 1, coa1);
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, MIP6_BA_DAD_FAILED, 0));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITA", "IDLE"));
	md(MIP6_MD_NEW_COA, 1, coa2);
	advance(now + MIP6_SEC(100));
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 1u);
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_NOT_REGISTERING_AGAIN));
	ASSERT_EQ(command(MIP6_CMD_REGISTER), 0);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BU).size(), 2u);
}

// RFC 6275 10.3.1: a node "not configured to act as a home agent" MUST
// reject a home registration with a BA, status 131; here a mobile node.
TEST_F(ConfRo, Rfc6275_10_3_1_HomeRegistrationAtAMobileNodeIs131)
{
	start();
	register_at(coa1);
	const mip6_addr_t other_hoa = addr("2001:db8:e::6"), other_coa = addr("2001:db8:f::6");
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BU);
	m.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H;
	m.u.bu.seq = 42;
	m.u.bu.lifetime = 10;
	size_t bas = fe.sent_mh(MIP6_MH_BA).size();
	input(t::build_mh(m, other_coa, coa1, &other_hoa));
	auto v = fe.sent_mh(MIP6_MH_BA);
	ASSERT_EQ(v.size(), bas + 1);
	EXPECT_EQ(v.back()->pkt->mh.u.ba.status, MIP6_BA_HR_NOT_SUPPORTED);
	EXPECT_EQ(v.back()->pkt->mh.u.ba.seq, 42u);
	EXPECT_EQ(t::str(outer(v.back()).ip.dst), t::str(other_coa));
}

} // namespace

namespace
{

// 11.7.2: "The peer address used in the procedure MUST be determined as
// follows: If a Home Address destination option is present in the original
// (inner) packet, the address from this option is used. Otherwise, the
// Source Address in the original (inner) IPv6 header". A peer away from
// home sends with its care-of address and a HAO; route optimisation is with
// its home address.
TEST_F(ConfRo, Rfc6275_11_7_2_PeerIsTheInnerHomeAddressOption)
{
	start();
	register_at(coa1);
	const mip6_addr_t peer_hoa = addr("2001:db8:d::1"), peer_coa = addr("2001:db8:e::1");
	input(encap(udp(peer_coa, hoa, &peer_hoa), ha, coa1));
	auto hotis = fe.sent_mh(MIP6_MH_HOTI);
	ASSERT_EQ(hotis.size(), 1u);
	EXPECT_EQ(t::str(inner(hotis[0]).ip.dst), t::str(peer_hoa));
	// Without the option the inner source is the peer.
	input(encap(udp(cn, hoa), ha, coa1));
	hotis = fe.sent_mh(MIP6_MH_HOTI);
	ASSERT_EQ(hotis.size(), 2u);
	EXPECT_EQ(t::str(inner(hotis[1]).ip.dst), t::str(cn));
}

} // namespace

namespace
{

// 11.4.2: "When the lifetime for a changed prefix decreases, and the change
// would cause cached bindings at correspondent nodes in the Binding Update
// List to be stored past the newly shortened lifetime, the mobile node MUST
// issue a Binding Update to all such correspondent nodes."
TEST_F(ConfRo, Rfc6275_11_4_2_ShortenedHomePrefixUpdatesCorrespondents)
{
	start();
	bind(); // the correspondent holds the binding for 420 s
	// 11.4.3: only the answer to the last solicitation is processed, so
	// each advertisement answers the MPS the node sent last.
	auto mpa = [&](uint32_t valid) {
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, MIP6_ICMP6_MPA);
		auto mps = fe.sent_icmp6(MIP6_ICMP6_MPS);
		if (!mps.empty())
			m.u.mpa.id = mps.back()->pkt->icmp6.u.mps.id;
		mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_PREFIX);
		o->u.prefix.plen = 64;
		o->u.prefix.flags = MIP6_PI_F_A;
		o->u.prefix.valid = valid;
		o->u.prefix.preferred = valid;
		o->u.prefix.prefix = addr("2001:db8:1::");
		return t::icmp6(m, ha, coa1, 64, nullptr, &hoa);
	};
	size_t bus = to_cn(MIP6_MH_BU).size();
	ASSERT_EQ(input(mpa(100)), MIP6_CONSUMED); // unsolicited: the node solicits
	ASSERT_EQ(to_cn(MIP6_MH_BU).size(), bus);
	ASSERT_EQ(input(mpa(100)), MIP6_CONSUMED);
	auto v = to_cn(MIP6_MH_BU);
	ASSERT_EQ(v.size(), bus + 1);
	EXPECT_LE(mh(v.back()).u.bu.lifetime, 25u); // 100 s, in units of 4 s
	EXPECT_GT(mh(v.back()).u.bu.lifetime, 0u);
	// A longer lifetime later asks for nothing.
	ASSERT_EQ(input(mpa(100000)), MIP6_CONSUMED); // unsolicited again
	ASSERT_EQ(input(mpa(100000)), MIP6_CONSUMED);
	EXPECT_EQ(to_cn(MIP6_MH_BU).size(), bus + 1);
}

} // namespace

namespace
{

// RFC 6275 11.6.2: "Correspondent nodes from the time before this
// specification was published may not support the Mobility Header protocol.
// These nodes will respond to Home Test Init and Care-of Test Init messages
// with an ICMP Parameter Problem code 1. The mobile node SHOULD take such
// messages as an indication that the correspondent node cannot provide
// route optimization, and revert back to the use of bidirectional
// tunneling." 11.3.5: it "SHOULD record in its Binding Update List that
// future Binding Updates SHOULD NOT be sent to this destination", for "a
// period of time". The error about the HoTI comes to the home address,
// through the home agent's tunnel.
TEST_F(ConfRo, Rfc6275_11_6_2_ParameterProblemToTheHomeTestInitEndsRouteOptimisation)
{
	start();
	register_at(coa1);
	rr_hint(cn);
	auto *hoti = to_cn(MIP6_MH_HOTI).back();
	ASSERT_EQ(cn_entries(), 1u);
	size_t hotis = to_cn(MIP6_MH_HOTI).size();
	// Pointer 6: the IPv6 header's Next Header, 135, unknown there.
	auto err = param_problem(1, 6, inner_bytes(hoti), hoa);
	EXPECT_EQ(input(encap(err, ha, coa1)), MIP6_CONSUMED);
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_RO_NO_MH_SUPPORT));
	EXPECT_EQ(cn_entries(), 0u);
	EXPECT_EQ(last_hold_s(), 3600u); // MN_RO_NO_MH_HOLD_NS, then RO may be tried again
	// No new attempt while the hold lasts: traffic stays in the tunnel.
	rr_hint(cn);
	EXPECT_EQ(to_cn(MIP6_MH_HOTI).size(), hotis);
	EXPECT_EQ(cn_entries(), 0u);
	EXPECT_EQ(tunnel_src(), "2001:db8:a::100");
}

// The same for the CoTI (to the care-of address, not tunnelled), with the
// correspondent binding in place: it goes, and the traffic returns to the
// tunnel (RFC 6275 11.6.2, 11.3.5).
TEST_F(ConfRo, Rfc6275_11_3_5_ParameterProblemToTheCareOfTestInitRevertsToTheTunnel)
{
	start();
	bind();
	EXPECT_EQ(tunnel_src(), "not tunnelled"); // route-optimised
	mip6_mh_t brr;
	mip6_mh_init(&brr, MIP6_MH_BRR);
	input(t::build_mh(brr, cn, hoa));
	auto *coti = to_cn(MIP6_MH_COTI).back();
	EXPECT_EQ(input(param_problem(1, 6, coti->bytes, coa1)), MIP6_CONSUMED);
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_RO_NO_MH_SUPPORT));
	EXPECT_EQ(cn_entries(), 0u);
	EXPECT_EQ(tunnel_src(), "2001:db8:a::100");
}

// RFC 6275 11.3.5: "New Binding Update List entries MUST NOT be created as a
// result of receiving ICMP error messages." A Parameter Problem about a
// HoTI to a node we have no entry for changes nothing; the platform gets it.
TEST_F(ConfRo, Rfc6275_11_3_5_ParameterProblemCreatesNoEntry)
{
	start();
	register_at(coa1);
	rr_hint(cn);
	auto invoking = inner_bytes(to_cn(MIP6_MH_HOTI).back());
	const mip6_addr_t other = addr("2001:db8:d::1");
	memcpy(invoking.data() + 24, other.b, 16); // "sent" to another node
	size_t delivered = fe.delivered.size();
	EXPECT_EQ(input(encap(param_problem(1, 6, invoking, hoa), ha, coa1)), MIP6_CONSUMED);
	EXPECT_EQ(fe.delivered.size(), delivered + 1);
	EXPECT_FALSE(fe.traced(MIP6_EV_MN_RO_NO_MH_SUPPORT));
	EXPECT_EQ(cn_entries(), 1u); // the one with cn, still running
	// Not about our signaling at all (an UDP packet): the platform's too.
	auto udp_pkt = udp(coa1, cn);
	EXPECT_EQ(input(param_problem(1, 6, udp_pkt, coa1)), MIP6_PASS);
	EXPECT_EQ(cn_entries(), 1u);
}

// RFC 6275 11.3.5: "If a mobile node receives an ICMP Parameter Problem,
// Code 2, message from some node indicating that it does not support the
// Home Address option, the mobile node SHOULD log the error and then discard
// the ICMP message." Logged as MIP6_EV_MN_DROP_HAO_UNSUPPORTED and consumed;
// the binding stays.
TEST_F(ConfRo, Rfc6275_11_3_5_HomeAddressOptionUnsupportedIsLoggedAndDiscarded)
{
	start();
	bind();
	auto pkt = udp(hoa, cn);
	ASSERT_EQ(mip6_node_output(n, pkt.data(), pkt.size(), now), MIP6_CONSUMED);
	const std::vector<uint8_t> sent = fe.sent.back().bytes; // from coa1 with the HAO
	ASSERT_TRUE(fe.sent.back().pkt->layer[0].has_hao);
	uint32_t ptr = 0;
	for (uint32_t i = 42; i < 64 && !ptr; i++)
		if (sent[i] == MIP6_HAO_TYPE)
			ptr = i;
	ASSERT_NE(ptr, 0u);
	// A pointer elsewhere is not about the option: not ours.
	EXPECT_EQ(input(param_problem(2, ptr + 2, sent, coa1)), MIP6_PASS);
	EXPECT_FALSE(fe.traced(MIP6_EV_MN_DROP_HAO_UNSUPPORTED));
	EXPECT_EQ(input(param_problem(2, ptr, sent, coa1)), MIP6_CONSUMED);
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_DROP_HAO_UNSUPPORTED));
	EXPECT_EQ(cn_entries(), 1u);
	EXPECT_EQ(tunnel_src(), "not tunnelled");
}

} // namespace
