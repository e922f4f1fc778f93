// SPDX-License-Identifier: BSD-3-Clause
// Mobile node: route optimisation (RFC 6275 5.2, 11.6, 11.7.2). The test
// plays the correspondent with a real RR computation (its own Kcn and
// nonces) and checks the MN's Binding Update authenticator itself.
#include "test_mn_ro_fixture.h"

using namespace mnt;

namespace
{

TEST_F(MnRo, ReturnRoutabilityAndAuthenticatedBindingUpdate)
{
	start();
	register_at(coa1);
	rr_hint(cn);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "IDLE", "RRINIT"));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RR_STATE, "START", "WAITHC"));

	auto hotis = to_cn(MIP6_MH_HOTI);
	auto cotis = to_cn(MIP6_MH_COTI);
	ASSERT_EQ(hotis.size(), 1u);
	ASSERT_EQ(cotis.size(), 1u);
	// HoTI: from the home address, through the tunnel to the HA (5.2.3).
	auto *hoti = hotis[0];
	ASSERT_EQ(hoti->pkt->nlayers, 2u);
	EXPECT_EQ(t::str(outer(hoti).ip.src), "2001:db8:a::100");
	EXPECT_EQ(t::str(outer(hoti).ip.dst), "2001:db8:1::1");
	EXPECT_EQ(t::str(inner(hoti).ip.src), "2001:db8:1::100");
	EXPECT_FALSE(inner(hoti).has_hao);
	// CoTI: straight from the care-of address.
	auto *coti = cotis[0];
	ASSERT_EQ(coti->pkt->nlayers, 1u);
	EXPECT_EQ(t::str(outer(coti).ip.src), "2001:db8:a::100");
	EXPECT_FALSE(outer(coti).has_hao);
	EXPECT_NE(memcmp(mh(hoti).u.init.cookie, mh(coti).u.init.cookie, 8), 0);

	EXPECT_EQ(input(hot(hoti)), MIP6_CONSUMED);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RR_STATE, "WAITHC", "WAITC"));
	EXPECT_TRUE(to_cn(MIP6_MH_BU).empty());
	EXPECT_EQ(input(cot(coti)), MIP6_CONSUMED);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "RRINIT", "WAITA"));

	auto bus = to_cn(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 1u);
	auto *bu = bus[0];
	EXPECT_EQ(t::str(outer(bu).ip.src), "2001:db8:a::100");
	ASSERT_TRUE(outer(bu).has_hao);
	EXPECT_EQ(t::str(outer(bu).hao), "2001:db8:1::100");
	EXPECT_EQ(mh(bu).u.bu.flags, MIP6_BU_F_A); // no H: not a home registration
	EXPECT_EQ(mh(bu).u.bu.lifetime, 105);      // MAX_RR_BINDING_LIFETIME 420 s
	auto o = opts(mh(bu));
	ASSERT_EQ(o.size(), 2u);
	EXPECT_EQ(o[0].type, MIP6_OPT_NONCE);
	EXPECT_EQ(o[0].u.nonce.home, 7u);
	EXPECT_EQ(o[0].u.nonce.careof, 9u);
	EXPECT_EQ(o[1].type, MIP6_OPT_AUTH);
	EXPECT_EQ(o[1].len, MIP6_AUTH_DATA_LEN);

	// The CN's own computation verifies the authenticator.
	auto ht = token(hoa, false, nonce_h), ct = token(coa1, true, nonce_c);
	auto k = kbm(ht, &ct);
	auto bytes = mh_bytes(bu);
	EXPECT_EQ(mip6_rr_verify_mh(bytes.data(), bytes.size(), k.data(), &coa1, &cn), 0);
	auto wrong = kbm(ht, nullptr);
	EXPECT_EQ(mip6_rr_verify_mh(bytes.data(), bytes.size(), wrong.data(), &coa1, &cn), MIP6_E_CRYPTO);

	EXPECT_EQ(input(cn_ba(mh(bu).u.bu.seq, 0, 105, k, coa1)), MIP6_CONSUMED);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "WAITA", "BOUND"));

	// BUL_ADD {RO}: traffic to the CN now leaves from the care-of address
	// with a Home Address option, not through the tunnel.
	auto pkt = udp(hoa, cn);
	size_t before = fe.sent.size();
	EXPECT_EQ(mip6_node_output(n, pkt.data(), pkt.size(), now), MIP6_CONSUMED);
	ASSERT_EQ(fe.sent.size(), before + 1);
	auto &s = fe.sent.back();
	ASSERT_EQ(s.pkt->nlayers, 1u);
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.src), "2001:db8:a::100");
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.dst), "2001:db8:c::1");
	ASSERT_TRUE(s.pkt->layer[0].has_hao);
	EXPECT_EQ(t::str(s.pkt->layer[0].hao), "2001:db8:1::100");
}

TEST_F(MnRo, HintIgnoredWithoutRoOrHomeRegistration)
{
	cfg.ro = false;
	start();
	register_at(coa1);
	rr_hint(cn);
	EXPECT_TRUE(to_cn(MIP6_MH_HOTI).empty());
	mip6_node_free(n);
	fe = t::FakeEnv();
	env = fe.env();
	cfg.ro = true;
	start();
	md(MIP6_MD_NEW_COA, 1, coa1); // WAITA: not yet bound
	rr_hint(cn);
	EXPECT_TRUE(to_cn(MIP6_MH_HOTI).empty());
	rr_hint(ha); // never with the home agent
	EXPECT_TRUE(fe.sent_mh(MIP6_MH_HOTI).empty());
}

TEST_F(MnRo, WrongCookieAndForgedBaRejected)
{
	start();
	register_at(coa1);
	rr_hint(cn);
	auto *hoti = to_cn(MIP6_MH_HOTI).back();
	auto *coti = to_cn(MIP6_MH_COTI).back();
	input(hot(hoti, 7, true));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_RR_DROP_HOT_COOKIE));
	input(cot(coti));
	EXPECT_TRUE(to_cn(MIP6_MH_BU).empty());
	input(hot(hoti));
	auto *bu = to_cn(MIP6_MH_BU).back();
	auto forged = kbm(token(hoa, false, nonce_c), nullptr);
	input(cn_ba(mh(bu).u.bu.seq, 0, 105, forged, coa1));
	EXPECT_EQ(mip6_node_stats(n)->drop_auth, 1u);
	EXPECT_FALSE(fe.traced_state(MIP6_EV_MN_RO_STATE, "WAITA", "BOUND"));
}

TEST_F(MnRo, InitRetransmissionThenGiveUp)
{
	start();
	register_at(coa1);
	mip6_ns_t t0 = now;
	rr_hint(cn);
	std::vector<mip6_ns_t> times;
	size_t seen = 1;
	while (mip6_node_next_timeout(n) < t0 + MIP6_SEC(200)) {
		now = mip6_node_next_timeout(n);
		mip6_node_timeout(n, now);
		auto v = to_cn(MIP6_MH_HOTI);
		for (; seen < v.size(); seen++)
			times.push_back(now - t0);
	}
	// 1 s doubling; the last one waits the full 32 s, then it gives up.
	std::vector<mip6_ns_t> want = {MIP6_SEC(1), MIP6_SEC(3), MIP6_SEC(7), MIP6_SEC(15), MIP6_SEC(31)};
	EXPECT_EQ(times, want);
	EXPECT_EQ(to_cn(MIP6_MH_COTI).size(), 6u);
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_RO_DROP_NO_ANSWER));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "RRINIT", "IDLE"));
	// Held off for a while: a new hint does not restart at once...
	rr_hint(cn);
	EXPECT_EQ(to_cn(MIP6_MH_HOTI).size(), 6u);
	// ...but does after the hold-off.
	now += MIP6_SEC(60);
	rr_hint(cn);
	EXPECT_EQ(to_cn(MIP6_MH_HOTI).size(), 7u);
}

TEST_F(MnRo, MovementRedoesCareOfTestOnly)
{
	start();
	auto k1 = bind();
	size_t hotis = to_cn(MIP6_MH_HOTI).size();
	md(MIP6_MD_NEW_COA, 2, coa2);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "BOUND", "RRREDO"));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RR_STATE, "START", "WAITC"));
	EXPECT_EQ(to_cn(MIP6_MH_HOTI).size(), hotis); // the home token is reused
	auto *coti = to_cn(MIP6_MH_COTI).back();
	EXPECT_EQ(t::str(outer(coti).ip.src), "2001:db8:b::100");
	EXPECT_EQ(coti->ifindex, 2u);
	// The old RO binding is withdrawn: traffic goes through the tunnel.
	auto pkt = udp(hoa, cn);
	mip6_node_output(n, pkt.data(), pkt.size(), now);
	EXPECT_EQ(fe.sent.back().pkt->nlayers, 2u);

	input(cot(coti, 11), 2);
	auto *bu = to_cn(MIP6_MH_BU).back();
	EXPECT_EQ(t::str(outer(bu).ip.src), "2001:db8:b::100");
	auto o = opts(mh(bu));
	EXPECT_EQ(o[0].u.nonce.home, 7u);
	EXPECT_EQ(o[0].u.nonce.careof, 11u);
	auto ht = token(hoa, false, nonce_h), ct2 = token(coa2, true, nonce_c);
	auto k2 = kbm(ht, &ct2);
	auto bytes = mh_bytes(bu);
	EXPECT_EQ(mip6_rr_verify_mh(bytes.data(), bytes.size(), k2.data(), &coa2, &cn), 0);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "RRREDO", "WAITAR"));
	input(cn_ba(mh(bu).u.bu.seq, 0, 105, k2, coa2), 2);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "WAITAR", "BOUND"));
}

TEST_F(MnRo, ReturningHomeDeregistersWithHomeKeygenTokenOnly)
{
	start();
	bind();
	md(MIP6_MD_HOME, 1, hoa);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "BOUND", "RRDEL"));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "RRDEL", "WAITD"));
	auto *bu = to_cn(MIP6_MH_BU).back();
	EXPECT_EQ(t::str(outer(bu).ip.src), "2001:db8:1::100");
	EXPECT_FALSE(outer(bu).has_hao);
	EXPECT_EQ(mh(bu).u.bu.lifetime, 0);
	auto o = opts(mh(bu));
	EXPECT_EQ(o[0].u.nonce.home, 7u);
	// 5.2.6: Kbm = SHA1(home keygen token), care-of address input = HoA.
	auto kh = kbm(token(hoa, false, nonce_h), nullptr);
	auto bytes = mh_bytes(bu);
	EXPECT_EQ(mip6_rr_verify_mh(bytes.data(), bytes.size(), kh.data(), &hoa, &cn), 0);
	input(cn_ba(mh(bu).u.bu.seq, 0, 0, kh, hoa, true));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "WAITD", "IDLE"));
}

TEST_F(MnRo, ReturningHomeWithStaleHomeTokenSendsHotiDirectly)
{
	start();
	bind();
	// The CN binding is renewed at 178.5 s; leave that unanswered and go
	// home after the home token has aged past MAX_TOKEN_LIFETIME.
	advance(now + MIP6_SEC(215));
	size_t hotis = to_cn(MIP6_MH_HOTI).size();
	md(MIP6_MD_HOME, 1, hoa);
	auto v = to_cn(MIP6_MH_HOTI);
	ASSERT_EQ(v.size(), hotis + 1);
	EXPECT_EQ(v.back()->pkt->nlayers, 1u); // at home: no tunnel
	EXPECT_EQ(t::str(outer(v.back()).ip.src), "2001:db8:1::100");
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RR_STATE, "START", "WAITH"));
}

TEST_F(MnRo, RenewalBeforeTokenLifetime)
{
	start();
	mip6_ns_t tb = 0;
	bind(&tb);
	size_t hotis = to_cn(MIP6_MH_HOTI).size(), cotis = to_cn(MIP6_MH_COTI).size();
	advance(tb + MIP6_MS(178400));
	EXPECT_EQ(to_cn(MIP6_MH_HOTI).size(), hotis);
	advance(tb + MIP6_MS(178500));
	EXPECT_EQ(to_cn(MIP6_MH_HOTI).size(), hotis + 1);
	EXPECT_EQ(to_cn(MIP6_MH_COTI).size(), cotis + 1);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "BOUND", "RRREDO"));
	// Still route-optimised while renewing.
	auto pkt = udp(hoa, cn);
	mip6_node_output(n, pkt.data(), pkt.size(), now);
	EXPECT_EQ(fe.sent.back().pkt->nlayers, 1u);
}

TEST_F(MnRo, BindingErrorUnknownHaoRedoesRr)
{
	start();
	bind();
	size_t hotis = to_cn(MIP6_MH_HOTI).size();
	mip6_mh_t be;
	mip6_mh_init(&be, MIP6_MH_BE);
	be.u.be.status = MIP6_BE_UNKNOWN_HAO;
	be.u.be.home = hoa;
	EXPECT_EQ(input(t::build_mh(be, cn, coa1)), MIP6_CONSUMED);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "BOUND", "RRINIT"));
	EXPECT_EQ(to_cn(MIP6_MH_HOTI).size(), hotis + 1);
	auto pkt = udp(hoa, cn);
	mip6_node_output(n, pkt.data(), pkt.size(), now);
	EXPECT_EQ(fe.sent.back().pkt->nlayers, 2u); // tunnelled again
}

TEST_F(MnRo, BindingErrorUnknownMhStopsRo)
{
	start();
	bind();
	mip6_mh_t be;
	mip6_mh_init(&be, MIP6_MH_BE);
	be.u.be.status = MIP6_BE_UNKNOWN_MH;
	be.u.be.home = hoa;
	input(t::build_mh(be, cn, coa1));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_RO_DROP_UNSUPPORTED));
	size_t hotis = to_cn(MIP6_MH_HOTI).size();
	advance(now + MIP6_SEC(3600));
	rr_hint(cn);
	EXPECT_EQ(to_cn(MIP6_MH_HOTI).size(), hotis);
}

TEST_F(MnRo, ExpiredHomeNonceFetchesHomeTokenOnly)
{
	start();
	register_at(coa1);
	rr_hint(cn);
	input(hot(to_cn(MIP6_MH_HOTI).back()));
	input(cot(to_cn(MIP6_MH_COTI).back()));
	auto *bu = to_cn(MIP6_MH_BU).back();
	size_t hotis = to_cn(MIP6_MH_HOTI).size(), cotis = to_cn(MIP6_MH_COTI).size();
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BA);
	m.u.ba.status = MIP6_BA_EXPIRED_HOME_NONCE;
	m.u.ba.seq = mh(bu).u.bu.seq;
	input(t::build_mh(m, cn, coa1, nullptr, &hoa));
	EXPECT_EQ(to_cn(MIP6_MH_HOTI).size(), hotis + 1);
	EXPECT_EQ(to_cn(MIP6_MH_COTI).size(), cotis);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RR_STATE, "START", "WAITH"));
	input(hot(to_cn(MIP6_MH_HOTI).back(), 8));
	bu = to_cn(MIP6_MH_BU).back();
	EXPECT_EQ(opts(mh(bu))[0].u.nonce.home, 8u);
}

TEST_F(MnRo, Status135FromCorrespondentResyncs)
{
	start();
	register_at(coa1);
	rr_hint(cn);
	input(hot(to_cn(MIP6_MH_HOTI).back()));
	input(cot(to_cn(MIP6_MH_COTI).back()));
	auto ht = token(hoa, false, nonce_h), ct = token(coa1, true, nonce_c);
	auto k = kbm(ht, &ct);
	// Signed: an unauthenticated 135 is ignored (RFC 6275 11.7.3).
	input(cn_ba(65535, MIP6_BA_SEQ_OUT_OF_WINDOW, 0, k, coa1));
	auto *bu = to_cn(MIP6_MH_BU).back();
	EXPECT_EQ(mh(bu).u.bu.seq, 0u);
	auto bytes = mh_bytes(bu);
	EXPECT_EQ(mip6_rr_verify_mh(bytes.data(), bytes.size(), k.data(), &coa1, &cn), 0);
	input(cn_ba(0, 0, 105, k, coa1));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "WAITA", "BOUND"));
}

// --- failed correspondents are freed, with a growing hold-off ---

struct MnRoFail : MnRo {
	size_t answered = 0;

	// Answers the BUs to the home agent not answered yet.
	void answer_ha()
	{
		auto bus = fe.sent_mh(MIP6_MH_BU);
		for (; answered < bus.size(); answered++)
			if (mip6_addr_eq(&outer(bus[answered]).ip.dst, &ha))
				input(ba(mh(bus[answered]).u.bu.seq, 0, mh(bus[answered]).u.bu.lifetime));
	}

	// Runs timers up to 'to', keeping the home registration alive.
	void run(mip6_ns_t to)
	{
		answer_ha();
		t::run_timers(n, now, to, [this] { answer_ha(); });
	}

	size_t cotis_to(const mip6_addr_t &peer) const
	{
		size_t k = 0;
		for (auto *s : fe.sent_mh(MIP6_MH_COTI))
			k += mip6_addr_eq(&inner(s).ip.dst, &peer);
		return k;
	}
};

TEST_F(MnRoFail, HundredSilentCorrespondentsInTurnDoNotFillTheTable)
{
	start();
	register_at(coa1);
	answered = fe.sent_mh(MIP6_MH_BU).size();
	long base = fe.live_blocks;
	for (unsigned i = 0; i < 100; i++) {
		SCOPED_TRACE(i);
		mip6_addr_t peer = addr("2001:db8:c::");
		peer.b[14] = static_cast<uint8_t>(i >> 8);
		peer.b[15] = static_cast<uint8_t>(i + 1);
		rr_hint(peer);
		ASSERT_EQ(cotis_to(peer), 1u); // route optimisation starts: there was room
		EXPECT_EQ(fe.live_blocks, base + 1);
		run(now + MIP6_SEC(64)); // 1+2+4+8+16+32 s of silence
		EXPECT_EQ(cotis_to(peer), 6u);
		EXPECT_EQ(fe.live_blocks, base); // the entry is gone
	}
	EXPECT_FALSE(fe.traced(MIP6_EV_MN_RO_DROP_NO_ROOM));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_HOME_STATE, "WAITAR",
	                            "BOUND")); // the home binding was refreshed meanwhile
}

TEST_F(MnRoFail, HoldOffDoublesWithEachFailureInARow)
{
	start();
	register_at(coa1);
	answered = fe.sent_mh(MIP6_MH_BU).size();
	rr_hint(cn);
	run(now + MIP6_SEC(63));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_RO_DROP_NO_ANSWER));
	mip6_ns_t failed = now;
	// First failure: 60 s.
	now = failed + MIP6_SEC(59);
	rr_hint(cn);
	EXPECT_EQ(cotis_to(cn), 6u);
	now = failed + MIP6_SEC(60);
	rr_hint(cn);
	EXPECT_EQ(cotis_to(cn), 7u);
	run(now + MIP6_SEC(63));
	failed = now;
	// Second failure in a row: 120 s.
	now = failed + MIP6_SEC(119);
	rr_hint(cn);
	EXPECT_EQ(cotis_to(cn), 12u);
	now = failed + MIP6_SEC(120);
	rr_hint(cn);
	EXPECT_EQ(cotis_to(cn), 13u);
}

TEST_F(MnRoFail, SuccessClearsTheHoldOff)
{
	start();
	register_at(coa1);
	answered = fe.sent_mh(MIP6_MH_BU).size();
	rr_hint(cn);
	run(now + MIP6_SEC(63));
	now += MIP6_SEC(60);
	// This time the correspondent answers and the binding is made.
	rr_hint(cn);
	input(hot(to_cn(MIP6_MH_HOTI).back()));
	input(cot(to_cn(MIP6_MH_COTI).back()));
	auto *bu = to_cn(MIP6_MH_BU).back();
	auto ht = token(hoa, false, nonce_h), ct = token(coa1, true, nonce_c);
	input(cn_ba(mh(bu).u.bu.seq, 0, mh(bu).u.bu.lifetime, kbm(ht, &ct), coa1));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MN_RO_STATE, "WAITA", "BOUND"));
	// It then refuses a later BU (BRR -> RR -> BU -> 129): the hold is 60 s again, not 120 s.
	mip6_mh_t brr;
	mip6_mh_init(&brr, MIP6_MH_BRR);
	input(t::build_mh(brr, cn, hoa));
	input(hot(to_cn(MIP6_MH_HOTI).back()));
	input(cot(to_cn(MIP6_MH_COTI).back()));
	bu = to_cn(MIP6_MH_BU).back();
	// Signed, as RFC 6275 11.7.3 wants every BA from a correspondent but 136-138.
	input(cn_ba(mh(bu).u.bu.seq, MIP6_BA_PROHIBITED, 0, kbm(ht, &ct), coa1));
	EXPECT_TRUE(fe.traced(MIP6_EV_MN_RO_DROP_REFUSED));
	size_t c = cotis_to(cn);
	now += MIP6_SEC(60);
	rr_hint(cn);
	EXPECT_EQ(cotis_to(cn), c + 1);
}

// MIP6_CMD_FLUSH_BUL: the correspondent binding goes too, with a BU of
// lifetime 0 that only the home keygen token authorises (RFC 6275 5.2.6).
TEST_F(MnRo, OperatorFlushDeregistersWithTheCorrespondent)
{
	start();
	bind();
	size_t mark = fe.bus_out.size();
	size_t nbu = to_cn(MIP6_MH_BU).size();
	ASSERT_EQ(command(MIP6_CMD_FLUSH_BUL), 0);
	auto b = fe.bus_msgs(mark, {MIP6_BUS_BUL_REMOVE, MIP6_BUS_BUL_FLUSH});
	ASSERT_EQ(b.size(), 3u);
	EXPECT_EQ(b[0].type, MIP6_BUS_BUL_REMOVE);
	EXPECT_EQ(b[0].flags, MIP6_BF_RO);
	EXPECT_EQ(t::str(b[0].peer), "2001:db8:c::1");
	EXPECT_EQ(b[1].type, MIP6_BUS_BUL_REMOVE);
	EXPECT_EQ(b[1].flags, MIP6_BF_HOME);
	EXPECT_EQ(b[2].type, MIP6_BUS_BUL_FLUSH);

	auto bus = to_cn(MIP6_MH_BU);
	ASSERT_EQ(bus.size(), nbu + 1);
	auto *bu = bus.back();
	EXPECT_EQ(mh(bu).u.bu.lifetime, 0);
	EXPECT_EQ(t::str(outer(bu).ip.src), "2001:db8:a::100");
	ASSERT_TRUE(outer(bu).has_hao);
	EXPECT_EQ(t::str(outer(bu).hao), "2001:db8:1::100");
	const mip6_mhopt_t *ni = mip6_mh_find_opt(&mh(bu), MIP6_OPT_NONCE);
	ASSERT_NE(ni, nullptr);
	EXPECT_EQ(ni->u.nonce.home, idx_h);
	EXPECT_EQ(ni->u.nonce.careof, 0u);
	auto k = kbm(token(hoa, false, nonce_h), nullptr);
	auto bytes = mh_bytes(bu);
	EXPECT_EQ(mip6_rr_verify_mh(bytes.data(), bytes.size(), k.data(), &hoa, &cn), 0);
	// Quiet: traffic with the correspondent starts nothing.
	size_t hotis = to_cn(MIP6_MH_HOTI).size();
	rr_hint(cn);
	EXPECT_EQ(to_cn(MIP6_MH_HOTI).size(), hotis);
}

} // namespace
