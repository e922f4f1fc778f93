// SPDX-License-Identifier: BSD-3-Clause
// Address text forms (RFC 4291 input, RFC 5952 output) and prefix matching.
#include <gtest/gtest.h>

#include "test_util.h"

TEST(Addr, PtonNtopCanonicalForms)
{
	struct {
		const char *in, *out;
	} cases[] = {
	    {"2001:db8::1", "2001:db8::1"},
	    {"2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"},
	    {"::", "::"},
	    {"::1", "::1"},
	    {"fe80::", "fe80::"},
	    {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},       // first of equal runs
	    {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"},    // a single zero word stays
	    {"2001:DB8::ABCD", "2001:db8::abcd"},
	    {"::ffff:192.0.2.1", "::ffff:192.0.2.1"},
	    {"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"},
	    {"1::", "1::"},
	    {"0:0:1::", "0:0:1::"},
	};
	for (auto &c : cases)
		EXPECT_EQ(t::str(t::addr(c.in)), c.out) << c.in;
}

TEST(Addr, PtonRejectsMalformed)
{
	const char *bad[] = {"", ":", ":::", "1::2::3", "12345::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
			     "g::1", "1:2:3:4:5:6:7:8::", "::ffff:1.2.3", "::ffff:1.2.3.256", "1.2.3.4",
			     "2001:db8::1 ", "::ffff:01.2.3.4"};
	for (const char *s : bad) {
		mip6_addr_t a;
		EXPECT_EQ(mip6_addr_pton(s, &a), MIP6_E_INVAL) << "'" << s << "'";
	}
}

TEST(Addr, PrefixMatch)
{
	mip6_addr_t a = t::addr("2001:db8:aaaa:1::5");
	EXPECT_TRUE(mip6_addr_prefix_match(&a, &a, 128));
	mip6_addr_t p = t::addr("2001:db8:aaaa::");
	EXPECT_TRUE(mip6_addr_prefix_match(&a, &p, 48));
	EXPECT_FALSE(mip6_addr_prefix_match(&a, &p, 64));
	mip6_addr_t q = t::addr("2001:db8:aabb::");
	EXPECT_TRUE(mip6_addr_prefix_match(&a, &q, 40));
	EXPECT_FALSE(mip6_addr_prefix_match(&a, &q, 41 + 4)); // differs at bit 44
	EXPECT_TRUE(mip6_addr_prefix_match(&a, &q, 0));
}
