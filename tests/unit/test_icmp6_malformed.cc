// SPDX-License-Identifier: BSD-3-Clause
// ICMPv6 codec on broken input: truncation at every offset, option length
// 0, options past the end, bad checksums, non-zero codes, too many options
// or addresses, the fuzzed MPA capture from tcpdump's tests, and the lenient
// mode's warnings. Inputs are copied to exactly sized heap buffers so a
// sanitizer build catches any read past the end.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "test_util.h"

extern "C" {
#include "mip6/decode.h"
#include "mip6/icmp6.h"
}

namespace
{

struct Sample {
	const char *name;
	const char *hex;
	const char *src, *dst;
};

// Valid messages (checksums from python3-scapy; see test_icmp6.cc).
const Sample kSamples[] = {
    {"RS", "85007b2c000000000101000000000001", "fe80::200:ff:fe00:1", "ff02::2"},
    {"RA",
     "860096cc 40e00708 00007530 000003e8 0101 000000000001 0501 0000 000005dc"
     "0304 40e0 00015180 00003840 00000000 20010db8000100000000000000000001 0701 0000 000005dc 0801 0000 "
     "fffb 0708",
     "fe80::200:ff:fe00:1", "ff02::1"},
    {"NS", "87007b9700000000fe8000000000000000000000000000020101000000000001", "fe80::200:ff:fe00:1",
     "ff02::1:ff00:2"},
    {"NA", "880068e2e000000020010db80001000000000000000001000201000000000002", "fe80::2",
     "fe80::200:ff:fe00:1"},
    {"DHAAD-REQ", "9000840412348000", "2001:db8:2::10", "2001:db8:1:0:fdff:ffff:ffff:fffe"},
    {"DHAAD-REP", "9100256b1234800020010db800010000000000000000000120010db8000100000000000000000002",
     "2001:db8:1::1", "2001:db8:2::10"},
    {"MPS", "9200ce2643210000", "2001:db8:1::100", "2001:db8:1::1"},
    {"MPA",
     "9300254d4321c000030440c000000e10000007080000000020010db800010000000000000000000003043040fffffffffffffff"
     "f00"
     "00000020010db8000500000000000000000000",
     "2001:db8:1::1", "2001:db8:1::100"},
    {"ECHO", "8000459b010200076d697036", "2001:db8::1", "2001:db8::2"},
    {"PARAM-PROB",
     "0400233200000028600000000008874020010db800000000000000000000000220010db80000000000000000000000013a00000"
     "000"
     "000000",
     "2001:db8::1", "2001:db8::2"},
};

struct Result {
	int rc;
	mip6_icmp6_t m;
	mip6_diag_t d;
};

// Parses a heap copy of exactly n bytes.
Result parse(const std::vector<uint8_t> &b, size_t n, unsigned flags, const mip6_addr_t *s = nullptr,
             const mip6_addr_t *dst = nullptr)
{
	Result r{};
	std::vector<uint8_t> copy(b.begin(), b.begin() + static_cast<long>(n));
	r.rc = mip6_icmp6_parse(n ? copy.data() : nullptr, n, s, dst, flags, &r.m, &r.d);
	return r;
}

// Same, but the record keeps pointing into b.
Result parse_in_place(const std::vector<uint8_t> &b, unsigned flags)
{
	Result r{};
	r.rc = mip6_icmp6_parse(b.data(), b.size(), nullptr, nullptr, flags, &r.m, &r.d);
	return r;
}

std::string emit_keep(const mip6_icmp6_t &m)
{
	uint8_t out[4096];
	int n = mip6_icmp6_emit(&m, nullptr, nullptr, MIP6_EMIT_KEEP_CKSUM, out, sizeof(out));
	if (n < 0)
		return "error " + std::to_string(n);
	return t::tohex(out, static_cast<size_t>(n));
}

std::string why(const mip6_diag_t &d)
{
	return d.why ? d.why : "(null)";
}

bool has(const mip6_diag_t &d, const char *text)
{
	return d.why && std::strstr(d.why, text);
}

} // namespace

// With the checksum checked, every proper prefix of a valid message is
// rejected, and the reason is filled in.
TEST(Icmp6Malformed, TruncationAtEveryOffsetRejectedStrict)
{
	for (const Sample &s : kSamples) {
		auto b = t::hex(s.hex);
		mip6_addr_t src = t::addr(s.src), dst = t::addr(s.dst);
		ASSERT_EQ(parse(b, b.size(), MIP6_DEC_STRICT, &src, &dst).rc, 0) << s.name;
		for (size_t n = 0; n < b.size(); n++) {
			Result r = parse(b, n, MIP6_DEC_STRICT, &src, &dst);
			EXPECT_LT(r.rc, 0) << s.name << " cut at " << n;
			EXPECT_EQ(r.d.err, r.rc) << s.name << " cut at " << n;
			EXPECT_NE(r.d.why, nullptr) << s.name << " cut at " << n;
			if (n < 4) {
				EXPECT_EQ(r.rc, MIP6_E_TRUNC);
				EXPECT_TRUE(has(r.d, "4-byte header")) << why(r.d);
			} else if (n < mip6_icmp6_min_len(b[0])) {
				EXPECT_EQ(r.rc, MIP6_E_TRUNC) << s.name << " cut at " << n;
				EXPECT_TRUE(has(r.d, "shorter than")) << why(r.d);
			}
		}
	}
}

// Without the checksum the structure alone must catch a cut inside an ND
// option: only cuts at option boundaries leave a well-formed message.
TEST(Icmp6Malformed, TruncationInsideOptionsRejectedWithoutChecksum)
{
	auto b = t::hex(kSamples[1].hex); // RA: options at 16, 24, 32, 64, 72
	const size_t bounds[] = {16, 24, 32, 64, 72, 80};
	for (size_t n = 16; n < b.size(); n++) {
		bool boundary = false;
		for (size_t x : bounds)
			boundary |= n == x;
		Result r = parse(b, n, MIP6_DEC_STRICT);
		if (boundary) {
			EXPECT_EQ(r.rc, 0) << "cut at " << n << ": " << why(r.d);
			continue;
		}
		EXPECT_EQ(r.rc, MIP6_E_LEN) << "cut at " << n;
		EXPECT_TRUE(has(r.d, "runs past the end") || has(r.d, "cut short")) << why(r.d);
		EXPECT_EQ(r.m.warnings, 0u);
	}
}

// Lenient decoding of every prefix: never an error once the 4-byte header
// is there, each shortfall is a warning, and whatever was cut inside the
// options comes back out of emit() unchanged.
TEST(Icmp6Malformed, TruncationAtEveryOffsetLenient)
{
	for (const Sample &s : kSamples) {
		auto b = t::hex(s.hex);
		for (size_t n = 0; n < b.size(); n++) {
			std::vector<uint8_t> cut(b.begin(), b.begin() + static_cast<long>(n));
			Result r = parse_in_place(cut, MIP6_DEC_LENIENT);
			if (n < 4) {
				EXPECT_EQ(r.rc, MIP6_E_TRUNC) << s.name << " cut at " << n;
				continue;
			}
			ASSERT_EQ(r.rc, 0) << s.name << " cut at " << n << ": " << why(r.d);
			if (n < mip6_icmp6_min_len(b[0])) {
				EXPECT_EQ(r.m.warnings, static_cast<uint32_t>(MIP6_W_MINLEN))
				    << s.name << " cut at " << n;
				EXPECT_TRUE(has(r.d, "shorter than")) << why(r.d);
				continue;
			}
			EXPECT_EQ(r.m.warnings & ~static_cast<uint32_t>(MIP6_W_OPT_TRUNC | MIP6_W_TRAILING),
			          0u)
			    << s.name << " cut at " << n;
			EXPECT_EQ(emit_keep(r.m), t::tohex(cut)) << s.name << " cut at " << n;
		}
	}
}

TEST(Icmp6Malformed, ShortFixedPartLenientReadsZeroPadding)
{
	// An NA cut after 12 bytes: the flags and the first half of the target.
	auto b = t::hex("8800 0000 a0000000 20010db8");
	Result r = parse_in_place(b, MIP6_DEC_LENIENT);
	ASSERT_EQ(r.rc, 0);
	EXPECT_EQ(r.m.warnings, static_cast<uint32_t>(MIP6_W_MINLEN));
	EXPECT_EQ(r.m.u.nd.flags, MIP6_NA_F_R | MIP6_NA_F_O);
	EXPECT_EQ(t::str(r.m.u.nd.target), "2001:db8::");
	EXPECT_STREQ(r.d.why, "NA shorter than 24 bytes (RFC 4861 7.1.2)");
	EXPECT_EQ(r.d.offset, 12u);
}

TEST(Icmp6Malformed, OptionLengthZero)
{
	// RS with an SLLA, then an option of length 0, then another SLLA.
	auto b = t::hex("8500 0000 00000000 0101 000000000001 0100 000000000002 0101 000000000003");
	Result r = parse_in_place(b, MIP6_DEC_STRICT);
	EXPECT_EQ(r.rc, MIP6_E_LEN);
	EXPECT_STREQ(r.d.why, "ND option with length 0 (RFC 4861 4.6)");
	EXPECT_EQ(r.d.offset, 16u);

	r = parse_in_place(b, MIP6_DEC_LENIENT);
	ASSERT_EQ(r.rc, 0);
	EXPECT_EQ(r.m.warnings, static_cast<uint32_t>(MIP6_W_OPTLEN));
	ASSERT_EQ(r.m.nopts, 1u); // the walk cannot go past a 0 length
	EXPECT_EQ(t::tohex(r.m.opts[0].u.lla.addr, 6), "000000000001");
	EXPECT_EQ(r.m.body, b.data() + 16);
	EXPECT_EQ(r.m.body_len, 16u);
	EXPECT_EQ(emit_keep(r.m), t::tohex(b));

	// Also as the very first option of an MPA, and in an NA.
	b = t::hex("9300 0000 0001 0000 0300 0000 0000 0000");
	EXPECT_EQ(parse_in_place(b, MIP6_DEC_STRICT).rc, MIP6_E_LEN);
	b = t::hex("8800 0000 00000000 fe800000000000000000000000000002 0200 000000000000");
	EXPECT_EQ(parse_in_place(b, MIP6_DEC_STRICT).rc, MIP6_E_LEN);
}

TEST(Icmp6Malformed, OptionPastTheEnd)
{
	// SLLA claiming 16 bytes with 8 left.
	auto b = t::hex("8500 0000 00000000 0102 000000000001");
	Result r = parse_in_place(b, MIP6_DEC_STRICT);
	EXPECT_EQ(r.rc, MIP6_E_LEN);
	EXPECT_STREQ(r.d.why, "ND option runs past the end of the message (RFC 4861 4.6)");
	EXPECT_EQ(r.d.offset, 8u);
	r = parse_in_place(b, MIP6_DEC_LENIENT);
	ASSERT_EQ(r.rc, 0);
	EXPECT_EQ(r.m.warnings, static_cast<uint32_t>(MIP6_W_OPT_TRUNC));
	EXPECT_EQ(r.m.nopts, 0u);
	EXPECT_EQ(r.m.body_len, 8u);

	// One stray byte after the last option.
	b = t::hex("8500 0000 00000000 0101 000000000001 ff");
	r = parse_in_place(b, MIP6_DEC_STRICT);
	EXPECT_EQ(r.rc, MIP6_E_LEN);
	EXPECT_STREQ(r.d.why, "ND option header cut short: one byte left (RFC 4861 4.6)");
	EXPECT_EQ(r.d.offset, 16u);
	r = parse_in_place(b, MIP6_DEC_LENIENT);
	ASSERT_EQ(r.rc, 0);
	EXPECT_EQ(r.m.nopts, 1u);
	EXPECT_EQ(r.m.warnings, static_cast<uint32_t>(MIP6_W_OPT_TRUNC));
}

TEST(Icmp6Malformed, KnownOptionWithWrongLength)
{
	struct {
		const char *hex;
		const char *why;
	} cases[] = {
	    {"8500 0000 00000000 0303 40c0 00000001 00000002 00000000 2001 0db8 0000 0000",
	     "prefix information option length is not 4 (RFC 4861 4.6.2)"},
	    {"8500 0000 00000000 0502 0000 000005dc 0000000000000000",
	     "MTU option length is not 1 (RFC 4861 4.6.4)"},
	    {"8500 0000 00000000 0702 0000 000005dc 0000000000000000",
	     "advertisement interval option length is not 1 (RFC 6275 7.3)"},
	    {"8500 0000 00000000 0802 0000 0001 0002 0000000000000000",
	     "home agent information option length is not 1 (RFC 6275 7.4)"},
	};
	for (auto &c : cases) {
		auto b = t::hex(c.hex);
		Result r = parse_in_place(b, MIP6_DEC_STRICT);
		EXPECT_EQ(r.rc, MIP6_E_LEN) << c.hex;
		EXPECT_STREQ(r.d.why, c.why);
		EXPECT_EQ(r.d.offset, 8u);
		r = parse_in_place(b, MIP6_DEC_LENIENT);
		ASSERT_EQ(r.rc, 0) << c.hex;
		EXPECT_EQ(r.m.warnings, static_cast<uint32_t>(MIP6_W_OPTLEN)) << c.hex;
		ASSERT_EQ(r.m.nopts, 1u);
	}
	// Lenient still decodes the fields of an oversized MTU option.
	auto b = t::hex(cases[1].hex);
	Result r = parse_in_place(b, MIP6_DEC_LENIENT);
	EXPECT_EQ(r.m.opts[0].u.mtu, 1500u);
}

TEST(Icmp6Malformed, BadChecksum)
{
	for (const Sample &s : kSamples) {
		auto b = t::hex(s.hex);
		b[3] ^= 0x01;
		mip6_addr_t src = t::addr(s.src), dst = t::addr(s.dst);
		Result r = parse(b, b.size(), MIP6_DEC_STRICT, &src, &dst);
		EXPECT_EQ(r.rc, MIP6_E_CKSUM) << s.name;
		EXPECT_STREQ(r.d.why, "ICMPv6 checksum does not verify (RFC 4443 2.3)");
		EXPECT_EQ(r.d.offset, 2u);
		EXPECT_EQ(r.m.cksum_ok, 0);

		r = parse(b, b.size(), MIP6_DEC_LENIENT, &src, &dst);
		EXPECT_EQ(r.rc, 0) << s.name;
		EXPECT_EQ(r.m.warnings, static_cast<uint32_t>(MIP6_W_CKSUM)) << s.name;
		EXPECT_EQ(r.m.cksum_ok, 0);
		EXPECT_EQ(r.m.type, b[0]);

		// Right bytes, wrong pseudo-header: the destination matters.
		b[3] ^= 0x01;
		mip6_addr_t other = t::addr("2001:db8:ffff::1");
		EXPECT_EQ(parse(b, b.size(), MIP6_DEC_STRICT, &src, &other).rc, MIP6_E_CKSUM) << s.name;
	}
}

TEST(Icmp6Malformed, NonZeroCodeWhereRfcRequiresZero)
{
	struct {
		const char *hex;
		const char *why;
	} cases[] = {
	    {"8501 0000 00000000", "RS code is not 0 (RFC 4861 6.1.1)"},
	    {"8601 0000 00000000 00000000 00000000", "RA code is not 0 (RFC 4861 6.1.2)"},
	    {"8701 0000 00000000 fe800000000000000000000000000002", "NS code is not 0 (RFC 4861 7.1.1)"},
	    {"8801 0000 00000000 fe800000000000000000000000000002", "NA code is not 0 (RFC 4861 7.1.2)"},
	    {"9001 0000 0001 0000", "DHAAD request code is not 0 (RFC 6275 6.5)"},
	    {"9101 0000 0001 0000", "DHAAD reply code is not 0 (RFC 6275 6.6)"},
	    {"9201 0000 0001 0000", "mobile prefix solicitation code is not 0 (RFC 6275 6.7)"},
	    {"93ff 0000 0001 0000", "mobile prefix advertisement code is not 0 (RFC 6275 6.8)"},
	};
	for (auto &c : cases) {
		auto b = t::hex(c.hex);
		Result r = parse_in_place(b, MIP6_DEC_STRICT);
		EXPECT_EQ(r.rc, MIP6_E_INVAL) << c.hex;
		EXPECT_STREQ(r.d.why, c.why);
		EXPECT_EQ(r.d.offset, 1u);
		r = parse_in_place(b, MIP6_DEC_LENIENT);
		ASSERT_EQ(r.rc, 0);
		EXPECT_EQ(r.m.warnings, static_cast<uint32_t>(MIP6_W_CODE)) << c.hex;
		EXPECT_EQ(r.m.code, b[1]);
		EXPECT_EQ(emit_keep(r.m), t::tohex(b));
	}
	// Error messages use the code; echo's is not checked.
	auto b = t::hex("0104 0000 00000000");
	EXPECT_EQ(parse_in_place(b, MIP6_DEC_STRICT).rc, 0);
	b = t::hex("8007 0000 00010002");
	EXPECT_EQ(parse_in_place(b, MIP6_DEC_STRICT).rc, 0);
}

TEST(Icmp6Malformed, MoreOptionsThanTheRecordHolds)
{
	std::string h = "8500 0000 00000000";
	for (int i = 0; i < MIP6_ND_MAX_OPTS + 2; i++)
		h += "0101 0000000000 0" + std::to_string(i % 10);
	auto b = t::hex(h);
	ASSERT_EQ(b.size(), 8u + (MIP6_ND_MAX_OPTS + 2) * 8u);
	Result r = parse_in_place(b, MIP6_DEC_STRICT);
	EXPECT_EQ(r.rc, MIP6_E_NOSPC);
	EXPECT_STREQ(r.d.why, "more ND options than the record holds (MIP6_ND_MAX_OPTS)");
	EXPECT_EQ(r.d.offset, 8u + MIP6_ND_MAX_OPTS * 8u);

	r = parse_in_place(b, MIP6_DEC_LENIENT);
	ASSERT_EQ(r.rc, 0);
	EXPECT_EQ(r.m.warnings, static_cast<uint32_t>(MIP6_W_TOO_MANY));
	EXPECT_EQ(r.m.nopts, static_cast<unsigned>(MIP6_ND_MAX_OPTS));
	EXPECT_EQ(r.m.body_len, 16u); // the two that did not fit, kept for emit
	EXPECT_EQ(emit_keep(r.m), t::tohex(b));

	// Exactly MIP6_ND_MAX_OPTS is fine.
	b.resize(8 + MIP6_ND_MAX_OPTS * 8);
	EXPECT_EQ(parse_in_place(b, MIP6_DEC_STRICT).rc, 0);
}

TEST(Icmp6Malformed, DhaadReplyAddressList)
{
	// 20 bytes of addresses: not a multiple of 16.
	auto b = t::hex("9100 0000 0001 0000 20010db8000100000000000000000001 deadbeef");
	Result r = parse_in_place(b, MIP6_DEC_STRICT);
	EXPECT_EQ(r.rc, MIP6_E_LEN);
	EXPECT_STREQ(r.d.why, "DHAAD reply address list is not a multiple of 16 bytes (RFC 6275 6.6)");
	EXPECT_EQ(r.d.offset, 24u);
	r = parse_in_place(b, MIP6_DEC_LENIENT);
	ASSERT_EQ(r.rc, 0);
	EXPECT_EQ(r.m.warnings, static_cast<uint32_t>(MIP6_W_TRAILING));
	ASSERT_EQ(r.m.u.dhaad_rep.naddrs, 1u);
	EXPECT_EQ(t::str(r.m.u.dhaad_rep.addrs[0]), "2001:db8:1::1");
	EXPECT_EQ(r.m.body_len, 4u);
	EXPECT_EQ(emit_keep(r.m), t::tohex(b));

	// 33 addresses: one more than the record holds.
	std::vector<uint8_t> big = t::hex("9100 0000 0001 0000");
	for (int i = 0; i < MIP6_DHAAD_MAX_ADDRS + 1; i++) {
		auto a = t::addr("2001:db8:1::");
		a.b[15] = static_cast<uint8_t>(i + 1);
		big.insert(big.end(), a.b, a.b + 16);
	}
	r = parse_in_place(big, MIP6_DEC_STRICT);
	EXPECT_EQ(r.rc, MIP6_E_NOSPC);
	EXPECT_STREQ(r.d.why, "more DHAAD reply addresses than the record holds (MIP6_DHAAD_MAX_ADDRS)");
	r = parse_in_place(big, MIP6_DEC_LENIENT);
	ASSERT_EQ(r.rc, 0);
	EXPECT_EQ(r.m.warnings, static_cast<uint32_t>(MIP6_W_TOO_MANY));
	EXPECT_EQ(r.m.u.dhaad_rep.naddrs, static_cast<unsigned>(MIP6_DHAAD_MAX_ADDRS));
	EXPECT_EQ(r.m.u.dhaad_rep.addrs[31].b[15], 32);
	EXPECT_EQ(r.m.body_len, 16u);
	EXPECT_EQ(emit_keep(r.m), t::tohex(big));
	big.resize(big.size() - 16); // exactly 32 is fine
	EXPECT_EQ(parse_in_place(big, MIP6_DEC_STRICT).rc, 0);
}

// A DAD probe (source ::) must not carry a source link-layer address.
TEST(Icmp6Malformed, SourceLinkLayerAddressFromUnspecifiedSource)
{
	mip6_addr_t unspec = t::addr("::"), ll = t::addr("fe80::1"), dst = t::addr("ff02::1:ff00:100");
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_NS);
	m.u.nd.target = t::addr("2001:db8:1::100");
	mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_SLLA);
	o->u.lla.len = 6;
	std::vector<uint8_t> b(32);
	ASSERT_EQ(mip6_icmp6_emit(&m, &unspec, &dst, 0, b.data(), b.size()), 32);
	Result r = parse(b, b.size(), MIP6_DEC_STRICT, &unspec, &dst);
	EXPECT_EQ(r.rc, MIP6_E_INVAL);
	EXPECT_STREQ(r.d.why,
	             "source link-layer address option from the unspecified address (RFC 4861 6.1.1, 7.1.1)");
	EXPECT_EQ(r.d.offset, 24u);
	r = parse(b, b.size(), MIP6_DEC_LENIENT, &unspec, &dst);
	ASSERT_EQ(r.rc, 0);
	EXPECT_EQ(r.m.warnings, static_cast<uint32_t>(MIP6_W_ORDER));
	EXPECT_EQ(r.m.cksum_ok, 1);

	// The same NS from a link-local source is fine, and so is an RS.
	ASSERT_EQ(mip6_icmp6_emit(&m, &ll, &dst, 0, b.data(), b.size()), 32);
	EXPECT_EQ(parse(b, b.size(), MIP6_DEC_STRICT, &ll, &dst).rc, 0);
	mip6_icmp6_t rs;
	mip6_icmp6_init(&rs, MIP6_ICMP6_RS);
	mip6_icmp6_add_opt(&rs, MIP6_ND_OPT_SLLA)->u.lla.len = 6;
	b.resize(16);
	ASSERT_EQ(mip6_icmp6_emit(&rs, &unspec, &dst, 0, b.data(), b.size()), 16);
	EXPECT_EQ(parse(b, b.size(), MIP6_DEC_STRICT, &unspec, &dst).rc, MIP6_E_INVAL);
	// An NS from :: without the option is the normal DAD probe.
	m.nopts = 0;
	b.resize(24);
	ASSERT_EQ(mip6_icmp6_emit(&m, &unspec, &dst, 0, b.data(), b.size()), 24);
	EXPECT_EQ(parse(b, b.size(), MIP6_DEC_STRICT, &unspec, &dst).rc, 0);
}

TEST(Icmp6Malformed, LenientRecordsFirstReasonAndAllBits)
{
	// Code 1, a zero-length option, and a bad checksum, all at once.
	auto b = t::hex("8501 ffff 00000000 0100 000000000000");
	mip6_addr_t s = t::addr("fe80::1"), d = t::addr("ff02::2");
	Result r = parse(b, b.size(), MIP6_DEC_LENIENT, &s, &d);
	ASSERT_EQ(r.rc, 0);
	EXPECT_EQ(r.m.warnings, static_cast<uint32_t>(MIP6_W_CODE | MIP6_W_OPTLEN | MIP6_W_CKSUM));
	EXPECT_STREQ(r.d.why, "RS code is not 0 (RFC 4861 6.1.1)");
	EXPECT_EQ(r.d.err, MIP6_E_INVAL);
	// Strict stops at the first.
	r = parse(b, b.size(), MIP6_DEC_STRICT, &s, &d);
	EXPECT_EQ(r.rc, MIP6_E_INVAL);
}

TEST(Icmp6Malformed, HeaderShorterThanFourBytes)
{
	mip6_icmp6_t m;
	mip6_diag_t d{};
	EXPECT_EQ(mip6_icmp6_parse(nullptr, 0, nullptr, nullptr, MIP6_DEC_LENIENT, &m, &d), MIP6_E_TRUNC);
	EXPECT_STREQ(d.why, "ICMPv6 message shorter than its 4-byte header (RFC 4443 2.1)");
	uint8_t three[3] = {0x93, 0, 0};
	EXPECT_EQ(mip6_icmp6_parse(three, 3, nullptr, nullptr, MIP6_DEC_LENIENT, &m, nullptr), MIP6_E_TRUNC);
}

// tcpdump's icmp6_mobileprefix_asan.pcap once crashed its MPA decoder: an
// Ethernet frame whose IPv6 payload length says 7168 but whose capture
// holds 6 bytes of ICMPv6 (type 147, code 147, then 0x93 bytes).
TEST(Icmp6Malformed, TcpdumpMobilePrefixAsanCapture)
{
	std::string path = std::string(MIP6_SHARED_DIR) + "/pcaps/tcpdump/icmp6_mobileprefix_asan.pcap";
	FILE *f = std::fopen(path.c_str(), "rb");
	if (!f)
		GTEST_SKIP() << "missing " << path;
	std::vector<uint8_t> file;
	uint8_t chunk[4096];
	size_t got;
	while ((got = std::fread(chunk, 1, sizeof(chunk), f)) > 0)
		file.insert(file.end(), chunk, chunk + got);
	std::fclose(f);
	ASSERT_GE(file.size(), 24u);
	bool swap = file[0] == 0xd4; // little-endian classic pcap
	auto u32 = [&](size_t o) {
		return swap ? uint32_t(file[o]) | uint32_t(file[o + 1]) << 8 | uint32_t(file[o + 2]) << 16 |
		                  uint32_t(file[o + 3]) << 24
		            : uint32_t(file[o]) << 24 | uint32_t(file[o + 1]) << 16 |
		                  uint32_t(file[o + 2]) << 8 | uint32_t(file[o + 3]);
	};
	ASSERT_EQ(u32(20), 1u); // Ethernet
	int icmp_seen = 0;
	for (size_t off = 24; off + 16 <= file.size();) {
		size_t caplen = u32(off + 8);
		off += 16;
		if (caplen > file.size() - off)
			break;
		const uint8_t *frame = file.data() + off;
		off += caplen;
		// Ethernet (14) + IPv6 (40) with next header 58.
		if (caplen < 54 || frame[12] != 0x86 || frame[13] != 0xdd || frame[20] != 58)
			continue;
		mip6_addr_t s, d;
		memcpy(s.b, frame + 22, 16);
		memcpy(d.b, frame + 38, 16);
		std::vector<uint8_t> icmp(frame + 54, frame + caplen);
		icmp_seen++;
		ASSERT_EQ(icmp.size(), 6u);

		Result r = parse(icmp, icmp.size(), MIP6_DEC_STRICT, &s, &d);
		EXPECT_EQ(r.rc, MIP6_E_TRUNC);
		EXPECT_STREQ(r.d.why, "mobile prefix advertisement shorter than 8 bytes (RFC 6275 6.8)");

		r = parse(icmp, icmp.size(), MIP6_DEC_LENIENT, &s, &d);
		ASSERT_EQ(r.rc, 0);
		EXPECT_EQ(r.m.type, MIP6_ICMP6_MPA);
		EXPECT_EQ(r.m.u.mpa.id, 0x9393);
		EXPECT_EQ(r.m.u.mpa.flags, 0); // not in the capture
		EXPECT_EQ(r.m.nopts, 0u);
		EXPECT_EQ(r.m.warnings, static_cast<uint32_t>(MIP6_W_MINLEN | MIP6_W_CODE | MIP6_W_CKSUM));
	}
	EXPECT_EQ(icmp_seen, 1);
}

// Odd MPA bodies: every length from 4 to 48 bytes of 0x93, both modes.
TEST(Icmp6Malformed, OddMobilePrefixAdvertisementBodies)
{
	for (size_t n = 4; n <= 48; n++) {
		std::vector<uint8_t> b(n, 0x93);
		b[1] = 0;
		Result r = parse(b, n, MIP6_DEC_STRICT);
		if (n < 8)
			EXPECT_EQ(r.rc, MIP6_E_TRUNC) << n;
		else if (n == 8)
			EXPECT_EQ(r.rc, 0) << n;
		else // option 0x93 of length 0x93 * 8 bytes never fits
			EXPECT_EQ(r.rc, MIP6_E_LEN) << n;
		r = parse(b, n, MIP6_DEC_LENIENT);
		EXPECT_EQ(r.rc, 0) << n;
	}
}

// Random mutations of the valid samples: no crash in either mode, every
// strict accept round-trips byte for byte, and a lenient decode never
// fails once the header is there.
TEST(Icmp6Malformed, MutationsNeverCrashAndStrictAcceptsRoundTrip)
{
	std::mt19937 rng(12345);
	int accepted = 0;
	for (const Sample &s : kSamples) {
		auto base = t::hex(s.hex);
		for (int iter = 0; iter < 3000; iter++) {
			auto b = base;
			int edits = 1 + static_cast<int>(rng() % 4);
			for (int e = 0; e < edits; e++) {
				switch (rng() % 4) {
				case 0: // flip a byte
					if (!b.empty())
						b[rng() % b.size()] = static_cast<uint8_t>(rng());
					break;
				case 1: // cut the end
					if (!b.empty())
						b.resize(rng() % b.size());
					break;
				case 2: // append bytes
					for (unsigned k = rng() % 24; k > 0; k--)
						b.push_back(static_cast<uint8_t>(rng()));
					break;
				default: // an option length byte of 0, 1 or big
					if (b.size() > 9)
						b[9] = static_cast<uint8_t>(rng() % 3 == 0   ? 0
						                            : rng() % 3 == 0 ? 1
						                                             : rng());
					break;
				}
			}
			Result r = parse(b, b.size(), MIP6_DEC_STRICT);
			if (r.rc == 0) {
				accepted++;
				// The record points into the heap copy, which is gone: re-parse in place.
				Result again = parse_in_place(b, MIP6_DEC_STRICT);
				ASSERT_EQ(again.rc, 0);
				EXPECT_EQ(emit_keep(again.m), t::tohex(b)) << s.name;
			} else {
				EXPECT_NE(r.d.why, nullptr);
			}
			r = parse(b, b.size(), MIP6_DEC_LENIENT);
			if (b.size() >= 4)
				EXPECT_EQ(r.rc, 0) << s.name << " " << t::tohex(b);
			else
				EXPECT_EQ(r.rc, MIP6_E_TRUNC);
		}
	}
	EXPECT_GT(accepted, 100); // the mutations did reach the accepting paths
}
