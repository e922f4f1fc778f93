// SPDX-License-Identifier: BSD-3-Clause
// The correspondent node component (RFC 6275 5.2, 9.3-9.5), driven through
// a node with only the CN enabled. The test plays the mobile node: it takes
// the keygen tokens from the HoT/CoT the CN sends, derives Kbm from them
// and signs Binding Updates, so a BU is accepted only if the CN's tokens
// are what RFC 6275 5.2.5 says they are.
#include "test_cn_fixture.h"

extern "C" {
#include "mip6/view.h"
}

using namespace cnt;
using t::udp;

TEST_F(Cn, HomeAndCareOfTestsEchoCookieAndShareTheCurrentNonce)
{
	Test_ h = hot();
	Test_ c = cot();
	// One nonce per 30 s period: both tests of one run name it.
	EXPECT_EQ(h.index, c.index);
	// Different inputs (address, final octet 0/1) give different tokens.
	EXPECT_NE(h.token, c.token);
	// Same period, same address: the same token again (RFC 6275 5.2.7: no
	// new nonce per request).
	now += sec(10);
	Test_ h2 = hot();
	EXPECT_EQ(h2.index, h.index);
	EXPECT_EQ(h2.token, h.token);
	// Another home address gets another token under the same nonce.
	Test_ other = hot(kHoa2);
	EXPECT_EQ(other.index, h.index);
	EXPECT_NE(other.token, h.token);
	// 30 s after the nonce's first use the CN moves to the next one.
	now += sec(20);
	Test_ h3 = hot();
	EXPECT_EQ(h3.index, (uint16_t)(h.index + 1));
	EXPECT_NE(h3.token, h.token);
}

TEST_F(Cn, BuSignedWithTheReceivedTokensIsAcceptedAndAcknowledged)
{
	Kbm k = bind(7, 50);
	const t::SentPacket *ba = last_ba();
	ASSERT_NE(ba, nullptr);
	EXPECT_EQ(ba->rc, 0);
	EXPECT_EQ(ba->pkt->mh.u.ba.status, MIP6_BA_ACCEPTED);
	EXPECT_EQ(ba->pkt->mh.u.ba.seq, 7);
	EXPECT_EQ(ba->pkt->mh.u.ba.lifetime, 50);
	// RFC 6275 9.5.4 / 6.2.7: the BA carries an authenticator over the CoA
	// and the CN's address, made with the same Kbm.
	ASSERT_GE(ba->pkt->mh.nopts, 1u);
	EXPECT_EQ(ba->pkt->mh.opts[ba->pkt->mh.nopts - 1].type, MIP6_OPT_AUTH);
	auto mh = mh_of(*ba);
	EXPECT_EQ(mip6_rr_verify_mh(mh.data(), mh.size(), k.data(), &kCoa, &kCn), 0);
	EXPECT_EQ(mip6_rr_verify_mh(mh.data(), mh.size(), k.data(), &kHoa, &kCn), MIP6_E_CRYPTO);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_ACCEPTED], 1u);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_CN_BCE_STATE, "IDLE", "BOUND"));
	// BC_ADD reached the data plane: traffic to the HoA goes to the CoA.
	EXPECT_TRUE(optimised_to(kCoa));
}

TEST_F(Cn, BaHasTheLayoutOfTheRfcExample)
{
	// shared/pcaps/generated/rr_vectors.out, "Binding Acknowledgement":
	// 3b030600 cksum | status 0, flags 0, seq 1234, lifetime 0040 |
	// PadN(4) | Binding Authorization Data (12) = 32 octets.
	Kbm k = bind(0x1234, 0x40);
	const t::SentPacket *ba = last_ba();
	ASSERT_NE(ba, nullptr);
	auto mh = mh_of(*ba);
	ASSERT_EQ(mh.size(), 32u);
	EXPECT_EQ(t::tohex(mh.data(), 4), "3b030600");
	EXPECT_EQ(t::tohex(mh.data() + 6, 14), "0000123400400104000000" "00050c");
	// The vector's authenticator is First(96, HMAC_SHA1(Kbm, CoA | CN | MH
	// data)); recompute it over our bytes the same way.
	uint8_t auth[MIP6_AUTHENTICATOR_LEN];
	std::vector<uint8_t> data(mh.begin(), mh.begin() + 20);
	data[4] = data[5] = 0;
	ASSERT_EQ(mip6_rr_authenticator(k.data(), &kCoa, &kCn, data.data(), data.size(), auth), 0);
	EXPECT_EQ(t::tohex(auth, sizeof(auth)), t::tohex(mh.data() + 20, 12));
	EXPECT_EQ(mip6_cksum_pseudo(&kCn, &kHoa, 32, MIP6_PROTO_MH, mh.data(), mh.size()), 0);
}

TEST_F(Cn, GrantedLifetimeIsCappedAtMaxRrBindingLifetime)
{
	bind(1, 1000); // 4000 s asked
	const t::SentPacket *ba = last_ba();
	ASSERT_NE(ba, nullptr);
	EXPECT_EQ(ba->pkt->mh.u.ba.lifetime, 105); // 420 s
	// The entry expires at 420 s, not later.
	run_until(now + sec(419));
	EXPECT_TRUE(optimised_to(kCoa));
	run_until(now + sec(1));
	EXPECT_FALSE(optimised_to(kCoa));
	EXPECT_TRUE(fe.traced(MIP6_EV_CN_BINDING_EXPIRED));
}

TEST_F(Cn, AcceptedBuWithoutAckFlagIsNotAcknowledged)
{
	bind(1, 100, 0);
	EXPECT_TRUE(fe.sent_mh(MIP6_MH_BA).empty());
	EXPECT_TRUE(optimised_to(kCoa));
}

TEST_F(Cn, ForgedBusAreDroppedSilentlyAndCounted)
{
	Test_ h = hot(), c = cot();
	Kbm good = kbm_of(h.token, &c.token);
	Bu bu;
	bu.hni = h.index;
	bu.cni = c.index;

	// A Kbm the attacker guessed.
	Kbm wrong = good;
	wrong[0] ^= 1;
	EXPECT_EQ(in(build_bu(bu, kCoa, kHoa, wrong, kCoa)), MIP6_CONSUMED);
	// A bit flipped in the authenticator (checksum fixed up).
	auto p = build_bu(bu, kCoa, kHoa, good, kCoa);
	p[p.size() - 1] ^= 0x80;
	{
		mip6_pkt_t pk;
		ASSERT_EQ(mip6_pkt_parse(p.data(), p.size(), MIP6_DEC_LENIENT, &pk), 0);
		const mip6_layer_t &l = pk.layer[0];
		mip6_mh_set_cksum(p.data() + l.upper_off, l.upper_len, &kHoa, &kCn);
	}
	EXPECT_EQ(in(p), MIP6_CONSUMED);
	// The right Kbm, but the lifetime changed after signing.
	p = build_bu(bu, kCoa, kHoa, good, kCoa);
	{
		mip6_pkt_t pk;
		ASSERT_EQ(mip6_pkt_parse(p.data(), p.size(), MIP6_DEC_STRICT, &pk), 0);
		const mip6_layer_t &l = pk.layer[0];
		p[l.upper_off + 11] ^= 0x01; // lifetime, low octet
		mip6_mh_set_cksum(p.data() + l.upper_off, l.upper_len, &kHoa, &kCn);
	}
	EXPECT_EQ(in(p), MIP6_CONSUMED);
	// Signed for another care-of address than the one it comes from.
	EXPECT_EQ(in(build_bu(bu, kCoa2, kHoa, good, kCoa2)), MIP6_CONSUMED);
	// Tokens of kHoa used for another home address.
	EXPECT_EQ(in(build_bu(bu, kCoa, kHoa2, good, kCoa)), MIP6_CONSUMED);

	EXPECT_EQ(stats().drop_auth, 5u);
	EXPECT_TRUE(fe.sent_mh(MIP6_MH_BA).empty());
	EXPECT_TRUE(fe.traced(MIP6_EV_CN_DROP_BU_AUTH_FAILED));
	EXPECT_FALSE(optimised_to(kCoa));
	// The genuine BU is still accepted afterwards.
	EXPECT_EQ(in(build_bu(bu, kCoa, kHoa, good, kCoa)), MIP6_CONSUMED);
	ASSERT_NE(last_ba(), nullptr);
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.status, MIP6_BA_ACCEPTED);
}

TEST_F(Cn, BuWithoutNonceIndicesOrAuthorizationDataIsDropped)
{
	Test_ h = hot(), c = cot();
	Kbm k = kbm_of(h.token, &c.token);
	Bu bu;
	bu.hni = h.index;
	bu.cni = c.index;
	bu.nonce = false;
	in(build_bu(bu, kCoa, kHoa, k, kCoa));
	EXPECT_TRUE(fe.traced(MIP6_EV_CN_DROP_BU_NO_NONCE));
	bu.nonce = true;
	bu.auth = false;
	in(build_bu(bu, kCoa, kHoa, k, kCoa));
	EXPECT_TRUE(fe.traced(MIP6_EV_CN_DROP_BU_NO_AUTH));
	EXPECT_EQ(stats().drop_malformed, 2u);
	EXPECT_TRUE(fe.sent_mh(MIP6_MH_BA).empty());
	EXPECT_FALSE(optimised_to(kCoa));
}

TEST_F(Cn, BuForANonRoutableAddressIsDropped)
{
	// RFC 6275 9.5.1: a unicast routable home address; the care-of
	// address must be one too.
	const mip6_addr_t mcast = t::addr("ff0e::1"), linklocal = t::addr("fe80::1");
	Test_ h = hot(), c = cot();
	Kbm k = kbm_of(h.token, &c.token);
	Bu bu;
	bu.hni = h.index;
	bu.cni = c.index;
	in(build_bu(bu, kCoa, mcast, k, kCoa));
	EXPECT_TRUE(fe.traced(MIP6_EV_CN_DROP_BU_HOA_NOT_ROUTABLE));
	bu.altcoa = &linklocal;
	in(build_bu(bu, kCoa, kHoa, k, linklocal));
	EXPECT_TRUE(fe.traced(MIP6_EV_CN_DROP_BU_COA_NOT_ROUTABLE));
	EXPECT_EQ(stats().drop_malformed, 2u);
	EXPECT_EQ(stats().drop_auth, 0u);
	EXPECT_TRUE(fe.sent_mh(MIP6_MH_BA).empty());
}

TEST_F(Cn, TestInitsFromNonRoutableSourcesGetNoAnswer)
{
	size_t before = fe.sent.size();
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_HOTI);
	in(t::build_mh(m, t::addr("fe80::1"), kCn));
	mip6_mh_init(&m, MIP6_MH_COTI);
	in(t::build_mh(m, t::addr("::"), kCn));
	EXPECT_EQ(fe.sent.size(), before);
	EXPECT_TRUE(fe.traced(MIP6_EV_CN_DROP_HOTI_NOT_ROUTABLE));
	EXPECT_TRUE(fe.traced(MIP6_EV_CN_DROP_COTI_NOT_ROUTABLE));
}

TEST_F(Cn, ReplayedBuGets135WithTheLastAcceptedSequence)
{
	Test_ h = hot(), c = cot();
	Kbm k = kbm_of(h.token, &c.token);
	Bu bu;
	bu.seq = 40;
	bu.hni = h.index;
	bu.cni = c.index;
	auto p = build_bu(bu, kCoa, kHoa, k, kCoa);
	in(p);
	ASSERT_EQ(last_ba()->pkt->mh.u.ba.status, MIP6_BA_ACCEPTED);
	in(p); // the same bytes again
	const t::SentPacket *ba = last_ba();
	ASSERT_NE(ba, nullptr);
	EXPECT_EQ(ba->pkt->mh.u.ba.status, MIP6_BA_SEQ_OUT_OF_WINDOW);
	EXPECT_EQ(ba->pkt->mh.u.ba.seq, 40);
	// 135 is answered with an authenticator (RFC 6275 9.5.4).
	auto mh = mh_of(*ba);
	EXPECT_EQ(mip6_rr_verify_mh(mh.data(), mh.size(), k.data(), &kCoa, &kCn), 0);
	// An older number, modulo 2^16: 40 - 32768 is not newer either.
	bu.seq = (uint16_t)(40 - 32768);
	in(build_bu(bu, kCoa, kHoa, k, kCoa));
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.status, MIP6_BA_SEQ_OUT_OF_WINDOW);
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.seq, 40);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_SEQ_OUT_OF_WINDOW], 2u);
	EXPECT_EQ(stats().drop_seq, 2u);
	// 40 + 32767 is newer.
	bu.seq = (uint16_t)(40 + 32767);
	in(build_bu(bu, kCoa, kHoa, k, kCoa));
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.status, MIP6_BA_ACCEPTED);
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.seq, (uint16_t)(40 + 32767));
}

TEST_F(Cn, SequenceNumbersWrapAround)
{
	Kbm k = bind(65535);
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.status, MIP6_BA_ACCEPTED);
	(void)k;
	bind(0, 100);
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.status, MIP6_BA_ACCEPTED);
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.seq, 0);
}

TEST_F(Cn, TokensStayValidForMaxTokenLifetimeAcrossNonceRotation)
{
	Test_ h = hot(), c = cot();
	// Nonces move on every 30 s while other mobile nodes ask.
	for (int i = 1; i <= 7; i++) {
		now += sec(30);
		Test_ x = hot(kHoa2);
		EXPECT_EQ(x.index, (uint16_t)(h.index + i));
	}
	run_until(sec(100) + sec(210)); // MAX_TOKEN_LIFETIME after the tokens were sent
	in(rr_bu(h, c));
	ASSERT_NE(last_ba(), nullptr);
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.status, MIP6_BA_ACCEPTED);
}

TEST_F(Cn, ExpiredNonceIndicesGet136137138WithoutAuthenticator)
{
	const mip6_ns_t t0 = now;
	Test_ h0 = hot(), c0 = cot();
	now = t0 + sec(200);
	Test_ h1 = hot(), c1 = cot(); // a later nonce
	ASSERT_NE(h1.index, h0.index);
	now = t0 + sec(241); // beyond MAX_NONCE_LIFETIME for the first nonce only

	struct Case {
		Test_ h, c;
		uint8_t status;
	} cases[] = {{h0, c1, MIP6_BA_EXPIRED_HOME_NONCE},
		     {h1, c0, MIP6_BA_EXPIRED_COA_NONCE},
		     {h0, c0, MIP6_BA_EXPIRED_NONCES}};
	uint16_t seq = 10;
	for (auto &cs : cases) {
		Bu bu;
		bu.seq = seq++;
		bu.hni = cs.h.index;
		bu.cni = cs.c.index;
		in(build_bu(bu, kCoa, kHoa, kbm_of(cs.h.token, &cs.c.token), kCoa));
		const t::SentPacket *ba = last_ba();
		ASSERT_NE(ba, nullptr);
		EXPECT_EQ(ba->rc, 0);
		EXPECT_EQ(ba->pkt->mh.u.ba.status, cs.status);
		EXPECT_EQ(ba->pkt->mh.u.ba.seq, bu.seq);
		EXPECT_EQ(ba->pkt->mh.u.ba.lifetime, 0);
		// RFC 6275 9.5.4: no Binding Authorization Data with 136-138.
		EXPECT_EQ(mip6_mh_find_opt(&ba->pkt->mh, MIP6_OPT_AUTH), nullptr);
		EXPECT_EQ(stats().ba_sent[cs.status], 1u);
	}
	// A nonce index the CN never issued is just as unknown.
	Bu bu;
	bu.seq = 20;
	bu.hni = (uint16_t)(h1.index + 100);
	bu.cni = c1.index;
	in(build_bu(bu, kCoa, kHoa, kbm_of(h1.token, &c1.token), kCoa));
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.status, MIP6_BA_EXPIRED_HOME_NONCE);
	EXPECT_FALSE(optimised_to(kCoa));
	// The fresh pair still works.
	bu.hni = h1.index;
	in(build_bu(bu, kCoa, kHoa, kbm_of(h1.token, &c1.token), kCoa));
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.status, MIP6_BA_ACCEPTED);
}

TEST_F(Cn, DeregistrationUsesTheHomeTokenOnlyAndRemovesTheBinding)
{
	bind(1, 100);
	ASSERT_TRUE(optimised_to(kCoa));
	now += sec(100);
	Test_ h = hot();
	Kbm k = kbm_of(h.token, nullptr); // RFC 6275 5.2.6: SHA1(home token)
	Bu bu;
	bu.seq = 2;
	bu.lifetime = 0;
	bu.hni = h.index;
	bu.cni = 0xdead; // not used when deleting
	// 6.2.7: the "care-of address" input is the home address.
	in(build_bu(bu, kCoa, kHoa, k, kHoa));
	const t::SentPacket *ba = last_ba();
	ASSERT_NE(ba, nullptr);
	EXPECT_EQ(ba->pkt->mh.u.ba.status, MIP6_BA_ACCEPTED);
	EXPECT_EQ(ba->pkt->mh.u.ba.seq, 2);
	EXPECT_EQ(ba->pkt->mh.u.ba.lifetime, 0);
	auto mh = mh_of(*ba);
	EXPECT_EQ(mip6_rr_verify_mh(mh.data(), mh.size(), k.data(), &kHoa, &kCn), 0);
	EXPECT_FALSE(optimised_to(kCoa));
	EXPECT_TRUE(fe.traced(MIP6_EV_CN_BINDING_DELETED));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_CN_BCE_STATE, "BOUND", "RETIRED"));
}

TEST_F(Cn, DeregistrationFromHomeNeedsNoHomeAddressOption)
{
	bind(1, 100);
	Test_ h = hot();
	Bu bu;
	bu.seq = 2;
	bu.lifetime = 100; // CoA == HoA deletes too (RFC 6275 9.5.1)
	bu.hao = false;
	bu.hni = h.index;
	in(build_bu(bu, kHoa, kHoa, kbm_of(h.token, nullptr), kHoa));
	const t::SentPacket *ba = last_ba(kHoa, kHoa);
	ASSERT_NE(ba, nullptr);
	EXPECT_EQ(ba->pkt->mh.u.ba.status, MIP6_BA_ACCEPTED);
	EXPECT_FALSE(inner(*ba).has_rh); // sent to the home address itself
	EXPECT_FALSE(optimised_to(kCoa));
}

TEST_F(Cn, OldRegistrationCannotBeReplayedAfterDeregistration)
{
	Test_ h = hot(), c = cot();
	Kbm k = kbm_of(h.token, &c.token);
	Bu bu;
	bu.seq = 5;
	bu.hni = h.index;
	bu.cni = c.index;
	auto reg = build_bu(bu, kCoa, kHoa, k, kCoa);
	in(reg);
	Bu de = bu;
	de.seq = 6;
	de.lifetime = 0;
	in(build_bu(de, kCoa, kHoa, kbm_of(h.token, nullptr), kHoa));
	ASSERT_FALSE(optimised_to(kCoa));
	// RFC 6275 5.2.8: the sequence number outlives the binding while the
	// nonces that authorised it are valid.
	now += sec(60);
	in(reg);
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.status, MIP6_BA_SEQ_OUT_OF_WINDOW);
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.seq, 6);
	EXPECT_FALSE(optimised_to(kCoa));
	// Once they expired, the entry is forgotten and the replay meets 138.
	run_until(sec(100) + sec(241));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_CN_BCE_STATE, "RETIRED", "IDLE"));
	EXPECT_EQ(mip6_node_next_timeout(n), MIP6_NS_NEVER);
	in(reg);
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.status, MIP6_BA_EXPIRED_NONCES);
}

TEST_F(Cn, BindingExpiresAndIsRemoved)
{
	bind(1, 10); // 40 s
	ASSERT_TRUE(optimised_to(kCoa));
	run_until(now + sec(39));
	EXPECT_TRUE(optimised_to(kCoa));
	run_until(now + sec(1));
	EXPECT_FALSE(optimised_to(kCoa));
	EXPECT_TRUE(fe.traced(MIP6_EV_CN_BINDING_EXPIRED));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_CN_BCE_STATE, "BOUND", "RETIRED"));
	run_until(now + sec(240));
	EXPECT_EQ(mip6_node_next_timeout(n), MIP6_NS_NEVER);
}

TEST_F(Cn, RefreshMovesTheBindingToTheNewCareOfAddress)
{
	bind(1, 100);
	now += sec(5);
	Test_ h = hot(), c = cot(kCoa2);
	Bu bu;
	bu.seq = 2;
	in(rr_bu(h, c, bu, kHoa, kCoa2));
	const t::SentPacket *ba = last_ba(kCoa2);
	ASSERT_NE(ba, nullptr);
	EXPECT_EQ(ba->pkt->mh.u.ba.status, MIP6_BA_ACCEPTED);
	EXPECT_TRUE(optimised_to(kCoa2));
	EXPECT_TRUE(fe.traced(MIP6_EV_CN_BINDING_REFRESHED));
}

TEST_F(Cn, AlternateCareOfAddressIsRegisteredAndAuthenticated)
{
	Test_ h = hot(), c = cot(kCoa2);
	Kbm k = kbm_of(h.token, &c.token);
	Bu bu;
	bu.hni = h.index;
	bu.cni = c.index;
	bu.altcoa = &kCoa2;
	in(build_bu(bu, kCoa, kHoa, k, kCoa2));
	const t::SentPacket *ba = last_ba(kCoa);
	ASSERT_NE(ba, nullptr);
	EXPECT_EQ(ba->pkt->mh.u.ba.status, MIP6_BA_ACCEPTED);
	auto mh = mh_of(*ba);
	EXPECT_EQ(mip6_rr_verify_mh(mh.data(), mh.size(), k.data(), &kCoa2, &kCn), 0);
	EXPECT_TRUE(optimised_to(kCoa2));
}

// RFC 6275 9.5.4: "If the Source Address field of the IPv6 header that
// carried the Binding Update does not contain a unicast address, the
// Binding Acknowledgement MUST NOT be sent and the Binding Update packet
// MUST be silently discarded" (the Alternate CoA being fine).
TEST_F(Cn, Rfc6275_9_5_4_BuFromANonUnicastSourceGetsNoBa)
{
	Test_ h = hot(), c = cot(kCoa2);
	Kbm k = kbm_of(h.token, &c.token);
	Bu bu;
	bu.hni = h.index;
	bu.cni = c.index;
	bu.altcoa = &kCoa2;
	in(build_bu(bu, t::addr("::"), kHoa, k, kCoa2));
	EXPECT_TRUE(fe.sent_mh(MIP6_MH_BA).empty());
	EXPECT_FALSE(optimised_to(kCoa2));
	in(build_bu(bu, kCoa, kHoa, k, kCoa2));
	EXPECT_TRUE(optimised_to(kCoa2));
}

TEST_F(Cn, HomeRegistrationAtACorrespondentGets131)
{
	Bu bu;
	bu.flags = MIP6_BU_F_A | MIP6_BU_F_H;
	bu.nonce = false;
	bu.auth = false;
	bu.seq = 9;
	in(build_bu(bu, kCoa, kHoa, Kbm{}, kCoa));
	const t::SentPacket *ba = last_ba();
	ASSERT_NE(ba, nullptr);
	EXPECT_EQ(ba->pkt->mh.u.ba.status, MIP6_BA_HR_NOT_SUPPORTED);
	EXPECT_EQ(ba->pkt->mh.u.ba.seq, 9);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_HR_NOT_SUPPORTED], 1u);
}

TEST_F(Cn, TestInitsWithAHomeAddressOptionAreIgnored)
{
	bind(1, 100); // so the data plane lets a HAO from kHoa at kCoa through
	size_t before = fe.sent.size();
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_HOTI);
	in(t::build_mh(m, kCoa, kCn, &kHoa));
	mip6_mh_init(&m, MIP6_MH_COTI);
	in(t::build_mh(m, kCoa, kCn, &kHoa));
	EXPECT_EQ(fe.sent.size(), before);
	// RFC 6275 6.1: only a BU may carry a HAO; the data plane drops the
	// others before any component sees them (9.4.1/9.4.2 for HoTI/CoTI).
	EXPECT_TRUE(fe.traced(MIP6_EV_DP_DROP_MH_WITH_HAO));
	EXPECT_EQ(stats().drop_malformed, 2u);
}

TEST_F(Cn, HomeAddressOptionWithoutBindingGetsARateLimitedBindingError)
{
	auto p = udp(kCoa, kCn, &kHoa);
	EXPECT_EQ(in(p), MIP6_DROPPED);
	auto bes = fe.sent_mh(MIP6_MH_BE);
	ASSERT_EQ(bes.size(), 1u);
	const t::SentPacket *be = bes[0];
	EXPECT_EQ(be->rc, 0);
	EXPECT_EQ(be->pkt->mh.u.be.status, MIP6_BE_UNKNOWN_HAO);
	EXPECT_EQ(t::str(be->pkt->mh.u.be.home), t::str(kHoa));
	EXPECT_EQ(t::str(inner(*be).ip.src), t::str(kCn));
	EXPECT_EQ(t::str(inner(*be).ip.dst), t::str(kCoa));
	EXPECT_FALSE(inner(*be).has_hao);
	EXPECT_FALSE(inner(*be).has_rh);
	EXPECT_EQ(stats().be_sent[MIP6_BE_UNKNOWN_HAO], 1u);
	// One per source per second.
	now += MIP6_MS(500);
	in(p);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BE).size(), 1u);
	EXPECT_TRUE(fe.traced(MIP6_EV_CN_DROP_BE_RATE_LIMITED));
	auto p2 = udp(kCoa2, kCn, &kHoa2);
	in(p2); // another source is answered
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BE).size(), 2u);
	now += MIP6_MS(500);
	in(p);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BE).size(), 3u);
	// With a binding, the same packet is delivered instead.
	bind(1, 100);
	size_t bes_before = fe.sent_mh(MIP6_MH_BE).size();
	now += sec(2);
	EXPECT_EQ(in(p), MIP6_CONSUMED);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BE).size(), bes_before);
}

TEST_F(Cn, BindingErrorsAreCappedPerSecondOverAllSources)
{
	for (int i = 0; i < 30; i++) {
		mip6_bus_msg_t m{};
		m.type = MIP6_BUS_BE_HINT;
		m.status = MIP6_BE_UNKNOWN_HAO;
		m.hoa = kHoa;
		m.coa = kCoa;
		m.coa.b[15] = (uint8_t)i; // a new source each time
		m.peer = kCn;
		ASSERT_EQ(t::bus_input(n, m, now), 0);
	}
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BE).size(), 10u);
	now += sec(1);
	mip6_bus_msg_t m{};
	m.type = MIP6_BUS_BE_HINT;
	m.status = MIP6_BE_UNKNOWN_HAO;
	m.hoa = kHoa;
	m.coa = kCoa2;
	m.peer = kCn;
	ASSERT_EQ(t::bus_input(n, m, now), 0);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BE).size(), 11u);
}

TEST_F(Cn, TokensIssuedUnderThePreviousKcnStillVerify)
{
	// Kcn is replaced with the first nonce made an hour after it; a home
	// token from just before and a care-of token from just after meet.
	now = sec(100) + sec(3590);
	Test_ h = hot();
	now += sec(35);
	Test_ c = cot();
	ASSERT_NE(c.index, h.index);
	now += sec(5);
	in(rr_bu(h, c));
	ASSERT_NE(last_ba(), nullptr);
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.status, MIP6_BA_ACCEPTED);
}

TEST_F(Cn, BindingCacheHoldsManyMobileNodes)
{
	// Enough entries to make the table grow several times.
	const int count = 300;
	std::vector<Kbm> keys;
	for (int i = 0; i < count; i++) {
		mip6_addr_t hoa = kHoa, coa = kCoa;
		hoa.b[14] = coa.b[14] = (uint8_t)(i >> 8);
		hoa.b[15] = coa.b[15] = (uint8_t)i;
		Test_ h = hot(hoa), c = cot(coa);
		Bu bu;
		bu.flags = 0;
		in(rr_bu(h, c, bu, hoa, coa));
	}
	EXPECT_EQ(stats().drop_auth, 0u);
	for (int i = 0; i < count; i += 37) {
		mip6_addr_t hoa = kHoa, coa = kCoa;
		hoa.b[14] = coa.b[14] = (uint8_t)(i >> 8);
		hoa.b[15] = coa.b[15] = (uint8_t)i;
		auto p = udp(kCn, hoa);
		ASSERT_EQ(mip6_node_output(n, p.data(), p.size(), now), MIP6_CONSUMED);
		EXPECT_EQ(t::str(inner(fe.sent.back()).ip.dst), t::str(coa));
	}
}

// RR + BU + traffic + de-registration + expiry with the allocation number
// `fail_at` failing: the node must neither crash nor leak.
static bool scenario(t::FakeEnv &fe, long fail_at, bool *bound)
{
	fe.fail_at = fail_at;
	mip6_env_t env = fe.env();
	mip6_ns_t now = sec(100);
	mip6_node_t *n = mip6_node_new(&env, now);
	*bound = false;
	if (!n)
		return false;
	mip6_iface_cfg_t ic{};
	ic.ifindex = 1;
	mip6_node_add_iface(n, &ic);
	mip6_node_link(n, 1, true, now);
	if (mip6_node_enable_cn(n) != 0) {
		mip6_node_free(n);
		return false;
	}
	auto ask = [&](uint8_t type, const mip6_addr_t &from) -> Test_ {
		mip6_mh_t m;
		mip6_mh_init(&m, type);
		auto p = t::build_mh(m, from, kCn);
		size_t before = fe.sent.size();
		mip6_node_input(n, 1, p.data(), p.size(), now);
		Test_ r{};
		if (fe.sent.size() > before && fe.sent.back().rc == 0) {
			r.index = fe.sent.back().pkt->mh.u.test.nonce_index;
			memcpy(r.token.data(), fe.sent.back().pkt->mh.u.test.keygen, MIP6_TOKEN_LEN);
		}
		return r;
	};
	Test_ h = ask(MIP6_MH_HOTI, kHoa), c = ask(MIP6_MH_COTI, kCoa);
	Bu bu;
	bu.hni = h.index;
	bu.cni = c.index;
	auto p = build_bu(bu, kCoa, kHoa, kbm_of(h.token, &c.token), kCoa);
	mip6_node_input(n, 1, p.data(), p.size(), now);
	auto bas = fe.sent_mh(MIP6_MH_BA);
	*bound = !bas.empty() && bas.back()->pkt->mh.u.ba.status == MIP6_BA_ACCEPTED;
	auto d = udp(kCn, kHoa);
	mip6_node_output(n, d.data(), d.size(), now);
	auto hp = udp(kCoa, kCn, &kHoa);
	mip6_node_input(n, 1, hp.data(), hp.size(), now);
	Bu de = bu;
	de.seq = 2;
	de.lifetime = 0;
	auto dp = build_bu(de, kCoa, kHoa, kbm_of(h.token, nullptr), kHoa);
	now += sec(1);
	mip6_node_input(n, 1, dp.data(), dp.size(), now);
	bu.seq = 3;
	p = build_bu(bu, kCoa, kHoa, kbm_of(h.token, &c.token), kCoa);
	mip6_node_input(n, 1, p.data(), p.size(), now);
	for (mip6_ns_t next; (next = mip6_node_next_timeout(n)) != MIP6_NS_NEVER && next < sec(2000);)
		mip6_node_timeout(n, next);
	mip6_node_free(n);
	return true;
}

TEST(CnAlloc, EveryAllocationFailureLeavesNoLeak)
{
	long total;
	{
		t::FakeEnv fe;
		bool bound;
		ASSERT_TRUE(scenario(fe, -1, &bound));
		EXPECT_TRUE(bound);
		EXPECT_EQ(fe.live_blocks, 0);
		total = fe.alloc_count;
	}
	ASSERT_GT(total, 3);
	RecordProperty("allocations", (int)total);
	for (long i = 0; i <= total; i++) {
		t::FakeEnv fe;
		bool bound;
		scenario(fe, i, &bound);
		EXPECT_EQ(fe.live_blocks, 0) << "allocation " << i << " failed";
	}
}

TEST_F(Cn, NoMemoryForTheEntryIsAnswered130AndLeavesNoState)
{
	Test_ h = hot(), c = cot();
	Kbm k = kbm_of(h.token, &c.token);
	Bu bu;
	bu.hni = h.index;
	bu.cni = c.index;
	auto p = build_bu(bu, kCoa, kHoa, k, kCoa);
	fe.fail_at = fe.alloc_count; // the binding cache entry
	in(p);
	const t::SentPacket *ba = last_ba();
	ASSERT_NE(ba, nullptr);
	EXPECT_EQ(ba->pkt->mh.u.ba.status, MIP6_BA_INSUFFICIENT);
	auto mh = mh_of(*ba);
	EXPECT_EQ(mip6_rr_verify_mh(mh.data(), mh.size(), k.data(), &kCoa, &kCn), 0);
	EXPECT_GE(stats().nomem, 1u);
	EXPECT_FALSE(optimised_to(kCoa));
	// Nothing was kept: the same BU goes through once memory is back.
	in(p);
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.status, MIP6_BA_ACCEPTED);
	EXPECT_TRUE(optimised_to(kCoa));
}

TEST_F(Cn, EnablingTheResponderAnnouncesItsNodeTypeOnTheBus)
{
	auto v = fe.bus_msgs(0, {MIP6_BUS_NODETYPE_INFO});
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].cmd, 1);
	EXPECT_EQ(v[0].nodetype, MIP6_NODE_CN);
}

// More route-optimised bindings than the bus queue holds messages: the
// flush goes on in rounds and every BC_REMOVE reaches the data plane.
TEST_F(Cn, FlushOfMoreBindingsThanTheBusHoldsLosesNone)
{
	const unsigned nodes = MIP6_BUS_QUEUE + 44;
	for (unsigned i = 0; i < nodes; i++) {
		mip6_addr_t hoa = kHoa;
		hoa.b[13] = (uint8_t)(i >> 8);
		hoa.b[14] = (uint8_t)i;
		hoa.b[15] = 0x77;
		Test_ h = hot(hoa), c = cot();
		Bu bu;
		bu.flags = 0;
		in(rr_bu(h, c, bu, hoa, kCoa));
	}
	ASSERT_EQ(mip6_node_stats(n)->bus_dropped, 0u);
	size_t mark = fe.bus_out.size();
	ASSERT_EQ(t::command(n, MIP6_CMD_FLUSH_BC, now), 0);
	while (mip6_node_next_timeout(n) <= now)
		mip6_node_timeout(n, now);
	EXPECT_EQ(mip6_node_stats(n)->bus_dropped, 0u);
	auto v = fe.published(mark);
	ASSERT_FALSE(v.empty());
	size_t removes = 0;
	for (const auto &m : v)
		removes += m.type == MIP6_BUS_BC_REMOVE;
	EXPECT_EQ(removes, nodes);
	EXPECT_EQ(v.back().type, MIP6_BUS_BC_FLUSH);
}

TEST_F(Cn, FlushCommandDropsTheBindingsOfOneHomeAddressOrAll)
{
	// kHoa at kCoa, and a second mobile node.
	Test_ h = hot(), c = cot();
	Bu bu;
	bu.seq = 5;
	auto reg = rr_bu(h, c, bu);
	in(reg);
	ASSERT_EQ(last_ba()->pkt->mh.u.ba.status, 0);
	Test_ h2 = hot(kHoa2), c2 = cot(kCoa2);
	Bu bu2;
	bu2.flags = 0;
	in(rr_bu(h2, c2, bu2, kHoa2, kCoa2));
	ASSERT_TRUE(optimised_to(kCoa));

	size_t mark = fe.bus_out.size();
	ASSERT_EQ(t::command(n, MIP6_CMD_FLUSH_BC, now, 0, &kHoa), 0);
	auto v = fe.published(mark);
	ASSERT_EQ(v.size(), 2u);
	EXPECT_EQ(v[0].type, MIP6_BUS_BC_REMOVE);
	EXPECT_EQ(v[0].flags, MIP6_BF_RO);
	EXPECT_EQ(t::str(v[0].hoa), t::str(kHoa));
	EXPECT_EQ(t::str(v[0].peer), t::str(kCn));
	EXPECT_EQ(v[1].type, MIP6_BUS_BC_FLUSH);
	EXPECT_FALSE(optimised_to(kCoa)); // the data plane dropped it
	EXPECT_TRUE(fe.traced(MIP6_EV_CN_BINDING_FLUSHED));
	// The entry keeps its sequence number: the old BU cannot bring it back.
	in(reg);
	EXPECT_EQ(last_ba()->pkt->mh.u.ba.status, MIP6_BA_SEQ_OUT_OF_WINDOW);
	EXPECT_FALSE(optimised_to(kCoa));

	// Everything: kHoa2's binding goes too.
	mark = fe.bus_out.size();
	ASSERT_EQ(t::command(n, MIP6_CMD_FLUSH_BC, now), 0);
	v = fe.published(mark);
	ASSERT_EQ(v.size(), 2u);
	EXPECT_EQ(v[0].type, MIP6_BUS_BC_REMOVE);
	EXPECT_EQ(t::str(v[0].hoa), t::str(kHoa2));
	EXPECT_EQ(v[1].type, MIP6_BUS_BC_FLUSH);
	auto p = udp(kCn, kHoa2);
	size_t before = fe.sent.size();
	mip6_node_output(n, p.data(), p.size(), now);
	EXPECT_EQ(fe.sent.size(), before); // nothing route-optimised any more
}

namespace
{

// RFC 6275 9.3.4: "If the correspondent node receives persistent ICMP
// Destination Unreachable messages after sending packets to a mobile node
// based on an entry in its Binding Cache, the correspondent node SHOULD
// delete this Binding Cache entry. ... it is important that only persistent
// ICMP messages lead to the deletion". Persistent here: at least 3, the
// first and the last at least 2 s apart, none more than 30 s after the
// one before, no BU for the binding in between (CN_UNREACH_*).
struct CnUnreach : Cn {
	const mip6_addr_t router = t::addr("2001:db8:2::1");

	// A route-optimised packet to kHoa, as it left (to the CoA, RH2).
	std::vector<uint8_t> ro_packet()
	{
		EXPECT_TRUE(optimised_to(kCoa));
		return fe.sent.back().bytes;
	}

	// A router's Destination Unreachable (address unreachable) about it.
	mip6_verdict_t unreachable(const std::vector<uint8_t> &invoking)
	{
		mip6_icmp6_t e;
		mip6_icmp6_init(&e, MIP6_ICMP6_DST_UNREACH);
		e.code = 3;
		e.body = invoking.data();
		e.body_len = static_cast<unsigned>(invoking.size());
		return in(t::icmp6(e, router, kCn));
	}
};

TEST_F(CnUnreach, Rfc6275_9_3_4_PersistentDestinationUnreachableDeletesTheBinding)
{
	bind();
	auto pkt = ro_packet();
	// A burst about the packets of one moment is not persistent; the
	// platform gets every error too (PASS).
	for (int i = 0; i < 3; i++)
		EXPECT_EQ(unreachable(pkt), MIP6_PASS);
	now += MIP6_SEC(1);
	EXPECT_EQ(unreachable(pkt), MIP6_PASS);
	EXPECT_FALSE(fe.traced(MIP6_EV_CN_DROP_BCE_UNREACHABLE));
	EXPECT_TRUE(optimised_to(kCoa));
	// About a packet to another address: not this binding's.
	auto other = pkt;
	memcpy(other.data() + 24, kCoa2.b, 16);
	now += MIP6_SEC(1);
	EXPECT_EQ(unreachable(other), MIP6_PASS);
	EXPECT_FALSE(fe.traced(MIP6_EV_CN_DROP_BCE_UNREACHABLE));
	// Still coming 2 s after the first: the binding goes, traffic goes to
	// the home address again.
	EXPECT_EQ(unreachable(pkt), MIP6_PASS);
	EXPECT_TRUE(fe.traced(MIP6_EV_CN_DROP_BCE_UNREACHABLE));
	EXPECT_EQ(stats().cn_bce_unreachable, 1u);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_CN_BCE_STATE, "BOUND", "RETIRED"));
	EXPECT_FALSE(optimised_to(kCoa));
	mip6_view_node_t vn;
	mip6_view_node(n, &vn);
	EXPECT_EQ(vn.cn_bindings, 0u);
}

TEST_F(CnUnreach, Rfc6275_9_3_4_ABindingUpdateOrAPauseEndsTheCount)
{
	bind(1);
	auto pkt = ro_packet();
	unreachable(pkt);
	unreachable(pkt);
	now += MIP6_SEC(2);
	// The mobile node refreshes its binding: it is alive, counting restarts.
	bind(2);
	unreachable(pkt);
	EXPECT_FALSE(fe.traced(MIP6_EV_CN_DROP_BCE_UNREACHABLE));
	// Errors more than 30 s apart are not one persistent run.
	now += MIP6_SEC(31);
	unreachable(pkt);
	now += MIP6_SEC(31);
	unreachable(pkt);
	EXPECT_FALSE(fe.traced(MIP6_EV_CN_DROP_BCE_UNREACHABLE));
	EXPECT_TRUE(optimised_to(kCoa));
	EXPECT_EQ(stats().cn_bce_unreachable, 0u);
}

} // namespace
