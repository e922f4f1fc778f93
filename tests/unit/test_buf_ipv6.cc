// SPDX-License-Identifier: BSD-3-Clause
// Packet buffer, IPv6 header, Destination Options with the HAO, routing
// headers and the pseudo-header checksum.
#include <gtest/gtest.h>

#include "test_util.h"

extern "C" {
#include "mip6/buf.h"
#include "mip6/decode.h"
#include "mip6/ipv6.h"
}

TEST(Buf, PushPullPutRespectBounds)
{
	uint8_t mem[64];
	mip6_buf_t b;
	mip6_buf_init(&b, mem, sizeof(mem), 16);
	EXPECT_EQ(mip6_buf_headroom(&b), 16u);
	EXPECT_EQ(mip6_buf_tailroom(&b), 48u);
	uint8_t *tail = mip6_buf_put(&b, 8);
	ASSERT_EQ(tail, mem + 16);
	EXPECT_EQ(mip6_buf_push(&b, 17), nullptr); // headroom exhausted
	ASSERT_EQ(mip6_buf_push(&b, 16), mem);
	EXPECT_EQ(b.len, 24u);
	EXPECT_EQ(mip6_buf_put(&b, 41), nullptr);
	EXPECT_EQ(mip6_buf_pull(&b, 25), nullptr);
	EXPECT_EQ(mip6_buf_pull(&b, 20), mem + 20);
	EXPECT_EQ(b.len, 4u);
	mip6_buf_trim(&b, 2);
	EXPECT_EQ(b.len, 2u);
}

TEST(Ipv6, HeaderRoundTrip)
{
	auto bytes = t::hex("6abcdef1 0018 3c 40 20010db8000100000000000000000100 20010db8000900000000000000000009");
	mip6_ip6_t h;
	mip6_diag_t d{};
	ASSERT_EQ(mip6_ip6_parse(bytes.data(), bytes.size(), &h, &d), 0);
	EXPECT_EQ(h.tclass, 0xab);
	EXPECT_EQ(h.flow, 0xcdef1u);
	EXPECT_EQ(h.plen, 0x18);
	EXPECT_EQ(h.nxt, 60);
	EXPECT_EQ(h.hlim, 64);
	EXPECT_EQ(t::str(h.src), "2001:db8:1::100");
	EXPECT_EQ(t::str(h.dst), "2001:db8:9::9");
	uint8_t out[40];
	mip6_ip6_emit(&h, out);
	EXPECT_EQ(t::tohex(out, 40), t::tohex(bytes));
}

TEST(Ipv6, HeaderRejectsShortAndWrongVersion)
{
	auto bytes = t::hex("60000000 0000 3b 40 00000000000000000000000000000001 00000000000000000000000000000001");
	mip6_ip6_t h;
	for (size_t n = 0; n < 40; n++) {
		mip6_diag_t d{};
		EXPECT_EQ(mip6_ip6_parse(bytes.data(), n, &h, &d), MIP6_E_TRUNC);
		EXPECT_NE(d.why, nullptr);
	}
	bytes[0] = 0x45;
	mip6_diag_t d{};
	EXPECT_EQ(mip6_ip6_parse(bytes.data(), bytes.size(), &h, &d), MIP6_E_PROTO);
	EXPECT_STREQ(d.why, "IP version is not 6");
}

TEST(DstOpts, HaoEmitLayoutIsPadNThenHaoAt8nPlus6)
{
	mip6_addr_t hoa = t::addr("2001:db8:1::100");
	uint8_t out[MIP6_HAO_DSTOPT_LEN];
	mip6_dstopts_emit_hao(135, &hoa, out);
	EXPECT_EQ(t::tohex(out, sizeof(out)), "8702" "01020000" "c910" "20010db8000100000000000000000100");
	mip6_dstopts_t o;
	mip6_diag_t d{};
	ASSERT_EQ(mip6_dstopts_parse(out, sizeof(out), MIP6_DEC_STRICT, &o, &d), 0);
	EXPECT_EQ(o.nxt, 135);
	EXPECT_EQ(o.len, 24u);
	EXPECT_EQ(o.nhao, 1u);
	EXPECT_EQ(o.hao_off, 6u);
	EXPECT_EQ(t::str(o.hao), "2001:db8:1::100");
}

TEST(DstOpts, MisalignedHaoStrictRejectLenientWarn)
{
	// Pad1 Pad1 then HAO at offset 4 (not 8n+6), then PadN to 24 bytes.
	auto b = t::hex("3b02 0000 c910 20010db8000100000000000000000100 0100");
	ASSERT_EQ(b.size(), 24u);
	mip6_dstopts_t o;
	mip6_diag_t d{};
	EXPECT_EQ(mip6_dstopts_parse(b.data(), b.size(), MIP6_DEC_STRICT, &o, &d), MIP6_E_ALIGN);
	EXPECT_EQ(d.offset, 4u);
	d = {};
	ASSERT_EQ(mip6_dstopts_parse(b.data(), b.size(), MIP6_DEC_LENIENT, &o, &d), 0);
	EXPECT_TRUE(o.warnings & MIP6_W_ALIGN);
	EXPECT_EQ(o.nhao, 1u);
}

TEST(DstOpts, BadHaoLengthAndDuplicates)
{
	// HAO with length 15 at 8n+6.
	auto b = t::hex("3b02 01020000 c90f 20010db80001000000000000000001 00");
	mip6_dstopts_t o;
	mip6_diag_t d{};
	EXPECT_EQ(mip6_dstopts_parse(b.data(), b.size(), MIP6_DEC_STRICT, &o, &d), MIP6_E_LEN);
	EXPECT_STREQ(d.why, "Home Address option length is not 16");

	// Two HAOs: 2 + PadN(4) + HAO(18) + PadN(6) + HAO(18) = 48 bytes.
	auto two = t::hex("3b05 01020000 c910 20010db8000100000000000000000100"
			  "01040000 0000 c910 20010db8000100000000000000000200");
	ASSERT_EQ(two.size(), 48u);
	d = {};
	EXPECT_EQ(mip6_dstopts_parse(two.data(), two.size(), MIP6_DEC_STRICT, &o, &d), MIP6_E_INVAL);
	EXPECT_STREQ(d.why, "more than one Home Address option");
	d = {};
	ASSERT_EQ(mip6_dstopts_parse(two.data(), two.size(), MIP6_DEC_LENIENT, &o, &d), 0);
	EXPECT_EQ(o.nhao, 2u);
	EXPECT_EQ(t::str(o.hao), "2001:db8:1::100"); // the first one
}

TEST(DstOpts, TruncationAtEveryOffsetIsRejected)
{
	mip6_addr_t hoa = t::addr("2001:db8:1::100");
	uint8_t out[MIP6_HAO_DSTOPT_LEN];
	mip6_dstopts_emit_hao(59, &hoa, out);
	for (size_t n = 0; n < sizeof(out); n++) {
		mip6_dstopts_t o;
		mip6_diag_t d{};
		EXPECT_EQ(mip6_dstopts_parse(out, n, MIP6_DEC_LENIENT, &o, &d), MIP6_E_TRUNC) << n;
	}
}

TEST(Rthdr, Type2RoundTripAndRules)
{
	mip6_addr_t hoa = t::addr("2001:db8:1::100");
	uint8_t out[MIP6_RH2_LEN];
	mip6_rh2_emit(135, &hoa, 1, out);
	EXPECT_EQ(t::tohex(out, sizeof(out)), "87020201" "00000000" "20010db8000100000000000000000100");
	mip6_rthdr_t r;
	mip6_diag_t d{};
	ASSERT_EQ(mip6_rthdr_parse(out, sizeof(out), MIP6_DEC_STRICT, &r, &d), 0);
	EXPECT_EQ(r.type, 2);
	EXPECT_EQ(r.segleft, 1);
	EXPECT_EQ(r.naddr, 1u);
	EXPECT_EQ(t::str(r.first), "2001:db8:1::100");

	out[3] = 0; // Segments Left 0 breaks RFC 6275 6.4
	d = {};
	EXPECT_EQ(mip6_rthdr_parse(out, sizeof(out), MIP6_DEC_STRICT, &r, &d), MIP6_E_INVAL);
	EXPECT_STREQ(d.why, "type 2 routing header with Segments Left other than 1");
	d = {};
	ASSERT_EQ(mip6_rthdr_parse(out, sizeof(out), MIP6_DEC_LENIENT, &r, &d), 0);
	EXPECT_TRUE(r.warnings & MIP6_W_RH2);

	for (size_t n = 0; n < sizeof(out); n++) {
		d = {};
		EXPECT_EQ(mip6_rthdr_parse(out, n, MIP6_DEC_LENIENT, &r, &d), MIP6_E_TRUNC) << n;
	}
}

TEST(Rthdr, Type0FinalDestinationIsLastAddress)
{
	auto b = t::hex("3b040002 00000000 20010db8000000000000000000000001 20010db8000000000000000000000002");
	mip6_rthdr_t r;
	mip6_diag_t d{};
	ASSERT_EQ(mip6_rthdr_parse(b.data(), b.size(), MIP6_DEC_STRICT, &r, &d), 0);
	EXPECT_EQ(r.naddr, 2u);
	EXPECT_EQ(t::str(r.last), "2001:db8::2");
	b[3] = 3; // more segments left than addresses
	EXPECT_EQ(mip6_rthdr_parse(b.data(), b.size(), MIP6_DEC_LENIENT, &r, &d), MIP6_E_INVAL);
}

TEST(Cksum, PseudoHeaderMatchesKnownVector)
{
	// HoTI from HoA to CN, cookie 0102030405060708: checksum 0x56ce
	// (shared/pcaps/generated/rr_vectors.out, computed independently).
	auto mh = t::hex("3b010100 0000 0000 0102030405060708");
	mip6_addr_t src = t::addr("2001:db8:1::100"), dst = t::addr("2001:db8:9::9");
	uint16_t c = mip6_cksum_pseudo(&src, &dst, (uint32_t)mh.size(), 135, mh.data(), mh.size());
	EXPECT_EQ(c, 0x56ce);
	mh[4] = 0x56;
	mh[5] = 0xce;
	EXPECT_EQ(mip6_cksum_pseudo(&src, &dst, (uint32_t)mh.size(), 135, mh.data(), mh.size()), 0);
}
