// SPDX-License-Identifier: BSD-3-Clause
// A prepared HMAC key (mip6_hmac_key_new) computes what the one-shot
// HMAC-SHA1 computes, call after call, and RFC 4285 authenticators made
// with it verify with the raw key and the other way round.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

extern "C" {
#include "mip6/auth.h"
#include "mip6/crypto.h"
#include "mip6/err.h"
#include "mip6/mh.h"
}

#include "test_util.h"

namespace
{

std::vector<uint8_t> bytes(size_t n, uint32_t seed)
{
	std::vector<uint8_t> v(n);
	for (auto &b : v) {
		seed = seed * 1103515245u + 12345u;
		b = (uint8_t)(seed >> 16);
	}
	return v;
}

} // namespace

TEST(CryptoPrepared, SameMacAsOneShotForEveryKeyAndMessageLength)
{
	for (size_t klen : {0u, 1u, 20u, 64u, 65u, 100u}) {
		auto key = bytes(klen, (uint32_t)klen + 1);
		mip6_hmac_key_t *k = mip6_hmac_key_new(key.data(), klen);
		ASSERT_NE(k, nullptr);
		// Used many times over: each call starts from the key again.
		for (size_t mlen : {0u, 1u, 55u, 64u, 119u, 200u, 55u}) {
			auto msg = bytes(mlen, (uint32_t)mlen + 7);
			size_t a = mlen / 3;
			mip6_iov_t parts[2] = {{msg.data(), a}, {msg.data() + a, mlen - a}};
			uint8_t want[MIP6_SHA1_LEN], got[MIP6_SHA1_LEN];
			ASSERT_EQ(mip6_hmac_sha1(key.data(), klen, parts, 2, want), 0);
			ASSERT_EQ(mip6_hmac_sha1_prepared(k, parts, 2, got), 0);
			EXPECT_EQ(0, memcmp(want, got, sizeof(got))) << "key " << klen << " msg " << mlen;
		}
		mip6_hmac_key_free(k);
	}
	mip6_hmac_key_free(nullptr); // like free(NULL)
}

TEST(CryptoPrepared, AuthenticatorsAgreeWithTheRawKey)
{
	// A BU whose last option is an MN-HA authentication option.
	mip6_mh_t bu;
	mip6_mh_init(&bu, MIP6_MH_BU);
	bu.u.bu.seq = 7;
	bu.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H;
	bu.u.bu.lifetime = 100;
	mip6_mhopt_t *o = mip6_mh_add_opt(&bu, MIP6_OPT_MNAUTH);
	o->len = 5 + MIP6_MNHA_AUTH_LEN;
	o->u.mnauth.subtype = MIP6_MNAUTH_SUBTYPE_MNHA;
	o->u.mnauth.spi = 300;
	const mip6_addr_t coa = t::addr("2001:db8:2::100"), hoa = t::addr("2001:db8:1::100");
	const mip6_addr_t ha = t::addr("2001:db8:1::1");
	uint8_t mh[256];
	int len = mip6_mh_emit(&bu, &coa, &ha, 0, mh, sizeof(mh));
	ASSERT_GT(len, 0);
	auto key = bytes(20, 99);
	mip6_hmac_key_t *k = mip6_hmac_key_new(key.data(), key.size());
	ASSERT_NE(k, nullptr);

	ASSERT_EQ(mip6_auth_sign_mh_prepared(mh, (size_t)len, k, &coa, &hoa, &coa, &ha), 0);
	uint32_t spi = 0;
	EXPECT_EQ(mip6_auth_verify_mh(mh, (size_t)len, key.data(), key.size(), &coa, &hoa, &spi), 0);
	EXPECT_EQ(spi, 300u);
	ASSERT_EQ(mip6_auth_sign_mh(mh, (size_t)len, key.data(), key.size(), &coa, &hoa, &coa, &ha), 0);
	EXPECT_EQ(mip6_auth_verify_mh_prepared(mh, (size_t)len, k, &coa, &hoa, nullptr), 0);
	// Another home address in the Mobility Data: no longer verifies.
	const mip6_addr_t other = t::addr("2001:db8:1::200");
	EXPECT_EQ(mip6_auth_verify_mh_prepared(mh, (size_t)len, k, &coa, &other, nullptr), MIP6_E_CRYPTO);
	EXPECT_EQ(mip6_auth_verify_mh_prepared(mh, (size_t)len, nullptr, &coa, &hoa, nullptr), MIP6_E_INVAL);
	mip6_hmac_key_free(k);
}
