// SPDX-License-Identifier: BSD-3-Clause
// RFC 4285 at the home agent: the mobile node identifier (RFC 4283), the
// replay protection timestamp and the MN-HA authenticator are checked
// before anything else of a client's BU is believed, and the BA carries
// its own MN-ID, timestamp and authenticator.
#include "test_ha_util.h"

namespace
{

using namespace hat;

struct HaAuth : HaFixture {
	mip6_auth_cfg_t a = auth_cfg(0x1000, "sixteen-byte-key", "mr1@example.net");

	void SetUp() override
	{
		client(kHoa).auth = a;
		client(kHoa2); // no authentication configured
		cfg.serve_only_clients = true;
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

	// The BA's Mobility Header bytes as sent.
	std::vector<uint8_t> ba_mh()
	{
		const t::SentPacket &s = last_ba();
		const mip6_layer_t &l = inner(s);
		size_t len = ((size_t)s.pkt->mh.hdr_len + 1) * 8;
		return {s.bytes.begin() + l.upper_off, s.bytes.begin() + (long)(l.upper_off + len)};
	}
};

TEST_F(HaAuth, SignedBuIsAcceptedAndTheBaIsSigned)
{
	registered(signed_bu(1, 0x0102030405060708ull));
	ASSERT_EQ(last_ba().rc, 0);
	EXPECT_EQ(ba().u.ba.status, 0);
	auto id = opts_of(ba(), MIP6_OPT_MNID);
	ASSERT_EQ(id.size(), 1u);
	EXPECT_EQ(id[0]->u.mnid.subtype, MIP6_MNID_SUBTYPE_NAI);
	EXPECT_EQ(std::string((const char *)id[0]->u.mnid.id, id[0]->len - 1), "mr1@example.net");
	auto ts = opts_of(ba(), MIP6_OPT_MESGID);
	ASSERT_EQ(ts.size(), 1u);
	EXPECT_EQ(ts[0]->u.timestamp, 0x0102030405060708ull); // echoed
	auto au = opts_of(ba(), MIP6_OPT_MNAUTH);
	ASSERT_EQ(au.size(), 1u);
	EXPECT_EQ(au[0]->u.mnauth.spi, 0x1000u);
	EXPECT_EQ(ba().opts[ba().nopts - 1].type, MIP6_OPT_MNAUTH);
	// The mobile node can verify it with the shared key.
	auto mh = ba_mh();
	uint32_t spi = 0;
	EXPECT_EQ(mip6_auth_verify_mh(mh.data(), mh.size(), a.key, a.key_len, &kCoa, &kHoa, &spi), 0);
	EXPECT_EQ(spi, 0x1000u);
	mip6_auth_cfg_t wrong = a;
	wrong.key[0] ^= 1;
	EXPECT_EQ(mip6_auth_verify_mh(mh.data(), mh.size(), wrong.key, wrong.key_len, &kCoa, &kHoa, nullptr),
	          MIP6_E_CRYPTO);
}

// A missing or wrong identifier: 146 (RFC 4285 5.1.1), see
// test_conformance_ha.cc (Rfc4285_5_1_1_WrongOrMissingIdentifierIsAuthFail).

TEST_F(HaAuth, MissingReplayProtectionIs145)
{
	Bu bu = signed_bu(1, 10);
	bu.mesgid = false;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_MESG_ID_REQD);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_MESG_ID_REQD], 1u);
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
}

TEST_F(HaAuth, BadAuthenticatorIs146)
{
	Bu bu = signed_bu(1, 10);
	bu.corrupt = true;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_AUTH_FAIL);
	// Signed with another key.
	mip6_auth_cfg_t other = a;
	other.key[3] ^= 0x40;
	bu = signed_bu(1, 11);
	bu.auth = &other;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_AUTH_FAIL);
	// Another SPI.
	other = a;
	other.spi = 0x2000;
	bu.auth = &other;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_AUTH_FAIL);
	// No authentication option at all.
	bu = signed_bu(1, 12);
	bu.mnauth = false;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_AUTH_FAIL);
	// Signed over another care-of address than the one it came from.
	bu = signed_bu(1, 13);
	bu.sign_coa = &kCoa2;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_AUTH_FAIL);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_AUTH_FAIL], 5u);
	EXPECT_EQ(stats().drop_auth, 5u);
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
}

TEST_F(HaAuth, ReplayedBuIsRefusedWithTheLastAcceptedTimestamp)
{
	Bu bu = signed_bu(1, 1000);
	registered(bu);
	// The very same packet again.
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ID_MISMATCH);
	auto ts = opts_of(ba(), MIP6_OPT_MESGID);
	ASSERT_EQ(ts.size(), 1u);
	EXPECT_EQ(ts[0]->u.timestamp, 1000u);
	// A newer sequence number does not help an older timestamp.
	bu = signed_bu(2, 999);
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ID_MISMATCH);
	EXPECT_EQ(stats().drop_replay, 2u);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_ID_MISMATCH], 2u);
	// Fresh timestamp: accepted.
	bu = signed_bu(2, 1001);
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	// Replay protection outlives the binding.
	advance(sec(401));
	ASSERT_EQ(ops(MIP6_OP_PROXY_ND_DEL).size(), 1u);
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ID_MISMATCH);
	EXPECT_EQ(ops(MIP6_OP_DAD).size(), 1u);
}

TEST_F(HaAuth, AuthenticatedStaleSequenceStillGets135)
{
	registered(signed_bu(5, 100));
	send(signed_bu(5, 101));
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_SEQ_OUT_OF_WINDOW);
	EXPECT_EQ(ba().u.ba.seq, 5);
	EXPECT_EQ(opts_of(ba(), MIP6_OPT_MNAUTH).size(), 1u); // signed too
	send(signed_bu(6, 102));
	EXPECT_EQ(ba().u.ba.status, 0);
}

TEST_F(HaAuth, ClientWithoutAuthenticationIsUnaffected)
{
	Bu bu;
	bu.hoa = kHoa2;
	registered(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(nreal_opts(ba()), 0u);
}

} // namespace

namespace
{

// The wall clock the binding gives the core (NTP format).
uint64_t g_tod = 0;
uint64_t fake_tod(void *)
{
	return g_tod;
}

constexpr uint64_t ntp(uint64_t s, uint32_t frac = 0)
{
	return s << 32 | frac;
}

struct HaAuthClock : HaAuth {
	void SetUp() override
	{
		g_tod = ntp(3900000000u, 0x80000000u);
		time_of_day = fake_tod;
		HaAuth::SetUp();
	}
};

} // namespace

TEST_F(HaAuth, BuRefusedByALaterCheckDoesNotAdvanceTheTimestamp)
{
	registered(signed_bu(5, 100));
	// Authentic and fresh, but refused for its sequence number (135) ...
	send(signed_bu(5, 500));
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_SEQ_OUT_OF_WINDOW);
	// ... and for asking mobile router service it lacks (140).
	Bu r = signed_bu(6, 600);
	r.flags |= MIP6_BU_F_R;
	send(r);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_MR_OP_NOT_PERMITTED);
	// Neither counted as accepted: a timestamp between them is still new.
	send(signed_bu(6, 200));
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(stats().drop_replay, 0u);
	auto ts = opts_of(ba(), MIP6_OPT_MESGID);
	ASSERT_EQ(ts.size(), 1u);
	EXPECT_EQ(ts[0]->u.timestamp, 200u);
	// And the accepted one is: 200 again is a replay.
	send(signed_bu(7, 200));
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ID_MISMATCH);
}

TEST_F(HaAuth, WithoutATimeOfDayAnyIncreasingTimestampIsAccepted)
{
	registered(signed_bu(1, 5));
	send(signed_bu(2, ntp(4000000000u))); // far from any clock: nothing to compare with
	EXPECT_EQ(ba().u.ba.status, 0);
}

TEST_F(HaAuthClock, TimestampWithinSevenSecondsOfTheTimeOfDayIsAccepted)
{
	registered(signed_bu(1, g_tod - ntp(7))); // 7 s behind: the edge of the window
	EXPECT_EQ(ba().u.ba.status, 0);
	send(signed_bu(2, g_tod + ntp(6, 0xffff0000u)));
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(stats().drop_replay, 0u);
}

TEST_F(HaAuthClock, TimestampOutsideTheWindowIs144WithTheHomeAgentsTime)
{
	const uint64_t ahead = g_tod + ntp(8) + 0x1234; // 8 s ahead
	send(signed_bu(1, ahead));
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ID_MISMATCH);
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
	EXPECT_EQ(stats().drop_replay, 1u);
	EXPECT_TRUE(fe.traced(MIP6_EV_HA_DROP_BU_TIMESTAMP_WINDOW));
	// RFC 4285 6: the home agent's time in the high-order 32 bits, the
	// BU's own low-order 32 bits; the BA is signed as usual.
	auto ts = opts_of(ba(), MIP6_OPT_MESGID);
	ASSERT_EQ(ts.size(), 1u);
	EXPECT_EQ(ts[0]->u.timestamp, (g_tod & 0xffffffff00000000ull) | (ahead & 0xffffffffull));
	EXPECT_EQ(opts_of(ba(), MIP6_OPT_MNAUTH).size(), 1u);
	// Far behind too.
	send(signed_bu(1, g_tod - ntp(60)));
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ID_MISMATCH);
	// The node resynchronises and gets through.
	registered(signed_bu(1, g_tod + ntp(1)));
	EXPECT_EQ(ba().u.ba.status, 0);
	// Within the window, a replay is still a replay.
	send(signed_bu(2, g_tod + ntp(1)));
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ID_MISMATCH);
	EXPECT_EQ(opts_of(ba(), MIP6_OPT_MESGID)[0]->u.timestamp, g_tod + ntp(1));
	// The clock moves on: the window with it.
	g_tod += ntp(100);
	send(signed_bu(3, g_tod - ntp(2)));
	EXPECT_EQ(ba().u.ba.status, 0);
}

TEST_F(HaAuthClock, ConfiguredWindowReplacesTheDefault)
{
	cfg.ts_window_s = 30;
	mip6_node_free(n);
	ASSERT_EQ(fe.live_blocks, 0);
	ASSERT_EQ(start(), 0);
	registered(signed_bu(1, g_tod + ntp(29)));
	EXPECT_EQ(ba().u.ba.status, 0);
	send(signed_bu(2, g_tod + ntp(31)));
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_ID_MISMATCH);
}

// The crypto seam's HMAC-SHA1 (RFC 2104), which signs and verifies every
// RFC 4285 message: RFC 2202's test cases, and OpenSSL's own HMAC as an
// independent oracle over keys and messages of many lengths and splits.
#include <openssl/evp.h>
#include <openssl/hmac.h>

extern "C" {
#include "mip6/crypto.h"
}

namespace
{

std::string hex(const uint8_t *p, size_t n)
{
	static const char *d = "0123456789abcdef";
	std::string s;
	for (size_t i = 0; i < n; i++) {
		s += d[p[i] >> 4];
		s += d[p[i] & 15];
	}
	return s;
}

std::string hmac(const std::vector<uint8_t> &key, const std::string &msg)
{
	uint8_t out[MIP6_SHA1_LEN];
	mip6_iov_t part = {msg.data(), msg.size()};
	EXPECT_EQ(mip6_hmac_sha1(key.data(), key.size(), &part, 1, out), 0);
	return hex(out, sizeof(out));
}

} // namespace

TEST(HaCrypto, HmacSha1MatchesRfc2202)
{
	EXPECT_EQ(hmac(std::vector<uint8_t>(20, 0x0b), "Hi There"),
	          "b617318655057264e28bc0b6fb378c8ef146be00");
	EXPECT_EQ(hmac({'J', 'e', 'f', 'e'}, "what do ya want for nothing?"),
	          "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
	// A key longer than the block is hashed first.
	EXPECT_EQ(
	    hmac(std::vector<uint8_t>(80, 0xaa), "Test Using Larger Than Block-Size Key - Hash Key First"),
	    "aa4ae5e15272d00e95705637ce8a3b55ed402112");
}

TEST(HaCrypto, HmacSha1AgreesWithOpenSslOverLengthsAndSplits)
{
	uint32_t x = 12345;
	auto rnd = [&]() {
		x = x * 1103515245u + 12345u;
		return (uint8_t)(x >> 16);
	};
	for (size_t klen : {0u, 1u, 16u, 20u, 63u, 64u, 65u, 100u}) {
		for (size_t mlen : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 119u, 200u}) {
			std::vector<uint8_t> key(klen), msg(mlen);
			for (auto &b : key)
				b = rnd();
			for (auto &b : msg)
				b = rnd();
			uint8_t want[EVP_MAX_MD_SIZE];
			unsigned wlen = 0;
			static const uint8_t none = 0; // OpenSSL wants a key pointer even for an empty key
			const uint8_t *kp = klen ? key.data() : &none;
			ASSERT_NE(HMAC(EVP_sha1(), kp, (int)klen, msg.data(), mlen, want, &wlen), nullptr);
			ASSERT_EQ(wlen, (unsigned)MIP6_SHA1_LEN);
			// The message in three parts, split anywhere.
			size_t a = mlen / 3, b = mlen - mlen / 4;
			mip6_iov_t parts[3] = {
			    {msg.data(), a}, {msg.data() + a, b - a}, {msg.data() + b, mlen - b}};
			uint8_t got[MIP6_SHA1_LEN];
			ASSERT_EQ(mip6_hmac_sha1(key.data(), klen, parts, 3, got), 0);
			EXPECT_EQ(hex(got, sizeof(got)), hex(want, wlen))
			    << "key " << klen << " msg " << mlen;
		}
	}
}
