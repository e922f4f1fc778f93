// SPDX-License-Identifier: BSD-3-Clause
// Return routability (RFC 6275 5.2.5, 6.2.7) against the vectors in
// shared/pcaps/generated/rr_vectors.out, computed there with Python's hmac.
#include <gtest/gtest.h>

#include "test_util.h"

extern "C" {
#include "mip6/mh.h"
#include "mip6/rr.h"
}

namespace {
const auto kKcn = t::hex("000102030405060708090a0b0c0d0e0f10111213");
const auto kHomeNonce = t::hex("0102030405060708");
const auto kCareofNonce = t::hex("1112131415161718");
const mip6_addr_t kHoa = t::addr("2001:db8:1::100");
const mip6_addr_t kCoa = t::addr("2001:db8:2::100");
const mip6_addr_t kCn = t::addr("2001:db8:9::9");

std::vector<uint8_t> token(const mip6_addr_t &a, const std::vector<uint8_t> &nonce, bool careof)
{
	std::vector<uint8_t> tok(MIP6_TOKEN_LEN);
	EXPECT_EQ(mip6_rr_keygen(kKcn.data(), kKcn.size(), &a, nonce.data(), nonce.size(), careof, tok.data()), 0);
	return tok;
}
} // namespace

TEST(Rr, KeygenTokens)
{
	EXPECT_EQ(t::tohex(token(kHoa, kHomeNonce, false)), "37ef3c8eb202a6f2");
	EXPECT_EQ(t::tohex(token(kCoa, kCareofNonce, true)), "679d55df5ccf62c2");
}

TEST(Rr, KbmRegistrationAndDeregistration)
{
	auto h = token(kHoa, kHomeNonce, false), c = token(kCoa, kCareofNonce, true);
	uint8_t kbm[MIP6_KBM_LEN];
	ASSERT_EQ(mip6_rr_kbm(h.data(), c.data(), kbm), 0);
	EXPECT_EQ(t::tohex(kbm, sizeof(kbm)), "3ead17bc8a6576c9dbce5c84dcffb363810e4774");
	ASSERT_EQ(mip6_rr_kbm(h.data(), nullptr, kbm), 0);
	EXPECT_EQ(t::tohex(kbm, sizeof(kbm)), "6c3b94a5418044de64b5849ee76347b0578e11c6");
}

TEST(Rr, AuthenticatorOverMhData)
{
	auto kbm = t::hex("3ead17bc8a6576c9dbce5c84dcffb363810e4774");
	auto data = t::hex("3b0305000000123480000040040400010002050c");
	uint8_t auth[MIP6_AUTHENTICATOR_LEN];
	ASSERT_EQ(mip6_rr_authenticator(kbm.data(), &kCoa, &kCn, data.data(), data.size(), auth), 0);
	EXPECT_EQ(t::tohex(auth, sizeof(auth)), "86cfe4068848c63b0e9b0123");

	auto dereg = t::hex("6c3b94a5418044de64b5849ee76347b0578e11c6");
	// De-registration: the "care-of address" input is the home address.
	ASSERT_EQ(mip6_rr_authenticator(dereg.data(), &kHoa, &kCn, data.data(), data.size(), auth), 0);
	EXPECT_NE(t::tohex(auth, sizeof(auth)), "86cfe4068848c63b0e9b0123");
}

TEST(Rr, SignAndVerifyCompleteBu)
{
	// The BU of the vector file with a zero authenticator and checksum.
	auto mh = t::hex("3b030500 0000 1234 8000 0040 04040001 0002 050c 000000000000000000000000");
	auto kbm = t::hex("3ead17bc8a6576c9dbce5c84dcffb363810e4774");
	// Checksum: source is the HoA (from the HAO), destination the CN.
	ASSERT_EQ(mip6_rr_sign_mh(mh.data(), mh.size(), kbm.data(), &kCoa, &kCn, &kHoa, &kCn), 0);
	EXPECT_EQ(t::tohex(mh), "3b030500fe2f123480000040040400010002050c86cfe4068848c63b0e9b0123");
	EXPECT_EQ(mip6_rr_verify_mh(mh.data(), mh.size(), kbm.data(), &kCoa, &kCn), 0);

	// One flipped bit in the covered data or the authenticator fails.
	// (bytes: 6 sequence, 9 flags, 14 home nonce index, 20 and 31 authenticator)
	for (size_t i : {6u, 9u, 14u, 20u, 31u}) {
		auto bad = mh;
		bad[i] ^= 0x01;
		EXPECT_EQ(mip6_rr_verify_mh(bad.data(), bad.size(), kbm.data(), &kCoa, &kCn), MIP6_E_CRYPTO) << i;
	}
	// Breaking the option layout is refused before any crypto.
	auto broken = mh;
	broken[19] = 0x0d;
	EXPECT_LT(mip6_rr_verify_mh(broken.data(), broken.size(), kbm.data(), &kCoa, &kCn), 0);
	// A different CoA fails as well.
	EXPECT_EQ(mip6_rr_verify_mh(mh.data(), mh.size(), kbm.data(), &kHoa, &kCn), MIP6_E_CRYPTO);
}

TEST(Rr, BaAuthenticatorVector)
{
	auto mh = t::hex("3b030600 0000 0000 1234 0040 01040000 0000 050c 000000000000000000000000");
	auto kbm = t::hex("3ead17bc8a6576c9dbce5c84dcffb363810e4774");
	// BA from CN to CoA with RH2 = HoA: checksum over CN -> HoA.
	ASSERT_EQ(mip6_rr_sign_mh(mh.data(), mh.size(), kbm.data(), &kCoa, &kCn, &kCn, &kHoa), 0);
	EXPECT_EQ(t::tohex(mh), "3b0306005330000012340040010400000000050ca7a416eef56f0a1f70f1c708");
}

TEST(Rr, SignRefusesMhWithoutTrailingAuthData)
{
	// A BU with only Nonce Indices: there is no authenticator to fill.
	auto mh = t::hex("3b010500 0000 1234 8000 0040 04040001 0002");
	auto kbm = t::hex("3ead17bc8a6576c9dbce5c84dcffb363810e4774");
	EXPECT_LT(mip6_rr_sign_mh(mh.data(), mh.size(), kbm.data(), &kCoa, &kCn, &kHoa, &kCn), 0);
	EXPECT_LT(mip6_rr_verify_mh(mh.data(), mh.size(), kbm.data(), &kCoa, &kCn), 0);
}
