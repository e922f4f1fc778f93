// SPDX-License-Identifier: BSD-3-Clause
// Mobility options: byte-exact emit of each option with the padding its
// alignment rule needs spelled out, decode of each, the alignment and length
// rules in strict and lenient mode, and emit(parse(x)) == x.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <random>

#include "test_util.h"

extern "C" {
#include "mip6/mh.h"
}

namespace {

// A BU (seq 1, no flags, lifetime 2) with Header Len hl: its fixed part
// ends at offset 12, so options start there.
std::string bu(int hl)
{
	char b[32];
	std::snprintf(b, sizeof b, "3b%02x0500000000010000 0002", hl);
	return b;
}

mip6_mh_t base_bu()
{
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BU);
	m.u.bu.seq = 1;
	m.u.bu.lifetime = 2;
	return m;
}

// Emits with a zero checksum, so the expected bytes stay readable.
std::string emit(const mip6_mh_t &m)
{
	uint8_t out[MIP6_MH_MAX_LEN];
	int n = mip6_mh_emit(&m, nullptr, nullptr, MIP6_EMIT_KEEP_CKSUM, out, sizeof out);
	if (n < 0)
		return "error " + std::to_string(n);
	return t::tohex(out, (size_t)n);
}

std::string bu_with(const std::function<void(mip6_mh_t &)> &fill)
{
	mip6_mh_t m = base_bu();
	fill(m);
	return emit(m);
}

struct Parsed {
	int rc;
	mip6_mh_t m;
	mip6_diag_t d;
};

Parsed parse(const std::vector<uint8_t> &v, unsigned flags = MIP6_DEC_STRICT)
{
	Parsed r;
	std::memset(&r.d, 0, sizeof r.d);
	r.rc = mip6_mh_parse(v.data(), v.size(), nullptr, nullptr, flags, &r.m, &r.d);
	return r;
}

// Strictly valid input: decodes, lists its pads, re-emits byte for byte.
void expect_round_trip(const std::vector<uint8_t> &v)
{
	Parsed p = parse(v);
	ASSERT_EQ(p.rc, 0) << t::tohex(v) << ": " << (p.d.why ? p.d.why : "");
	EXPECT_EQ(p.m.warnings, 0u);
	EXPECT_EQ(emit(p.m), t::tohex(v));
}

const mip6_mhopt_t *only_opt(const mip6_mh_t &m)
{
	const mip6_mhopt_t *found = nullptr;
	for (unsigned i = 0; i < m.nopts; i++) {
		if (m.opts[i].type == MIP6_OPT_PAD1 || m.opts[i].type == MIP6_OPT_PADN)
			continue;
		EXPECT_EQ(found, nullptr) << "more than one non-pad option";
		found = &m.opts[i];
	}
	EXPECT_NE(found, nullptr);
	return found;
}

const auto kAuth = t::hex("111111111111111111111111");
const auto kMac = t::hex("222222222222222222222222");
const auto kNai = t::hex("6d6e406578"); // "mn@ex"
const auto kRaw = t::hex("aabbcc");

} // namespace

TEST(MhOpt, AlignmentTable)
{
	struct {
		uint8_t type;
		unsigned x, y;
	} want[] = {
		{MIP6_OPT_PAD1, 1, 0},  {MIP6_OPT_PADN, 1, 0},   {MIP6_OPT_BRA, 2, 0},    {MIP6_OPT_ALTCOA, 8, 6},
		{MIP6_OPT_NONCE, 2, 0}, {MIP6_OPT_AUTH, 8, 2},   {MIP6_OPT_MNP, 8, 4},    {MIP6_OPT_MNID, 1, 0},
		{MIP6_OPT_MNAUTH, 4, 1}, {MIP6_OPT_MESGID, 8, 2}, {MIP6_OPT_BID, 8, 2},    {200, 1, 0},
	};
	for (const auto &w : want) {
		unsigned x = 99, y = 99;
		mip6_mhopt_align(w.type, &x, &y);
		EXPECT_EQ(x, w.x) << int(w.type);
		EXPECT_EQ(y, w.y) << int(w.type);
	}
}

// --- each option, hand-built, with the alignment padding spelled out ---

TEST(MhOpt, BindingRefreshAdvice2n)
{
	std::string want = bu(1) + "0202 0102";
	EXPECT_EQ(bu_with([](mip6_mh_t &m) { mip6_mh_add_opt(&m, MIP6_OPT_BRA)->u.refresh = 0x0102; }),
		  t::tohex(t::hex(want)));
	auto v = t::hex(want);
	expect_round_trip(v);
	Parsed pv = parse(v);
	const mip6_mhopt_t *o = only_opt(pv.m);
	EXPECT_EQ(o->len, 2);
	EXPECT_EQ(o->u.refresh, 0x0102);

	// After a Pad1 the option is at 13: one more Pad1 brings it to 14.
	want = bu(2) + "00 00 0202 0102 0104 00000000";
	EXPECT_EQ(bu_with([](mip6_mh_t &m) {
			  mip6_mh_add_opt(&m, MIP6_OPT_PAD1);
			  mip6_mh_add_opt(&m, MIP6_OPT_BRA)->u.refresh = 0x0102;
		  }),
		  t::tohex(t::hex(want)));
	expect_round_trip(t::hex(want));
}

TEST(MhOpt, AlternateCoa8n6)
{
	// 12 -> 14 with a PadN of no data; the address then sits at 16.
	std::string want = bu(3) + "0100 0310 20010db8000000000000000000000001";
	EXPECT_EQ(bu_with([](mip6_mh_t &m) {
			  mip6_mh_add_opt(&m, MIP6_OPT_ALTCOA)->u.altcoa = t::addr("2001:db8::1");
		  }),
		  t::tohex(t::hex(want)));
	auto v = t::hex(want);
	expect_round_trip(v);
	Parsed pv = parse(v);
	const mip6_mhopt_t *o = only_opt(pv.m);
	EXPECT_EQ(o->len, 16);
	EXPECT_EQ(t::str(o->u.altcoa), "2001:db8::1");
}

TEST(MhOpt, NonceIndices2n)
{
	// At 12, ends at 18; the tail is padded to 24.
	std::string want = bu(2) + "0404 0a0b 0c0d 0104 00000000";
	EXPECT_EQ(bu_with([](mip6_mh_t &m) {
			  mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_NONCE);
			  o->u.nonce.home = 0x0a0b;
			  o->u.nonce.careof = 0x0c0d;
		  }),
		  t::tohex(t::hex(want)));
	auto v = t::hex(want);
	expect_round_trip(v);
	Parsed pv = parse(v);
	const mip6_mhopt_t *o = only_opt(pv.m);
	EXPECT_EQ(o->len, 4);
	EXPECT_EQ(o->u.nonce.home, 0x0a0b);
	EXPECT_EQ(o->u.nonce.careof, 0x0c0d);
}

TEST(MhOpt, BindingAuthorizationData8n2)
{
	std::string want = bu(3) + "0104 00000000 050c 111111111111111111111111";
	EXPECT_EQ(bu_with([](mip6_mh_t &m) { mip6_mh_add_opt(&m, MIP6_OPT_AUTH)->u.data = kAuth.data(); }),
		  t::tohex(t::hex(want)));
	auto v = t::hex(want);
	expect_round_trip(v);
	Parsed pv = parse(v);
	const mip6_mhopt_t *o = only_opt(pv.m);
	EXPECT_EQ(o->len, 12);
	EXPECT_EQ(o->u.data, v.data() + 20);
}

TEST(MhOpt, MobileNetworkPrefix8n4)
{
	// 12 is already 8n+4: no padding, and the option ends at 32.
	std::string want = bu(3) + "0612 00 30 20010db8010000000000000000000000";
	EXPECT_EQ(bu_with([](mip6_mh_t &m) {
			  mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_MNP);
			  o->u.mnp.plen = 48;
			  o->u.mnp.prefix = t::addr("2001:db8:100::");
		  }),
		  t::tohex(t::hex(want)));
	auto v = t::hex(want);
	expect_round_trip(v);
	Parsed pv = parse(v);
	const mip6_mhopt_t *o = only_opt(pv.m);
	EXPECT_EQ(o->len, 18);
	EXPECT_EQ(o->u.mnp.plen, 48);
	EXPECT_EQ(t::str(o->u.mnp.prefix), "2001:db8:100::");

	// In a BA (also options from 12) with a second prefix at 32 + 4.
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BA);
	m.u.ba.flags = MIP6_BA_F_R;
	for (const char *pfx : {"2001:db8:100::", "2001:db8:200::"}) {
		mip6_mhopt_t *o2 = mip6_mh_add_opt(&m, MIP6_OPT_MNP);
		o2->u.mnp.plen = 48;
		o2->u.mnp.prefix = t::addr(pfx);
	}
	want = "3b060600 0000 00 40 0000 0000 0612003020010db8010000000000000000000000"
	       "0102 0000 0612003020010db8020000000000000000000000";
	EXPECT_EQ(emit(m), t::tohex(t::hex(want)));
	expect_round_trip(t::hex(want));
}

TEST(MhOpt, MobileNodeIdentifierNoAlignment)
{
	std::string want = bu(2) + "0806 01 6d6e406578 0102 0000";
	EXPECT_EQ(bu_with([](mip6_mh_t &m) {
			  mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_MNID);
			  o->len = (uint8_t)(1 + kNai.size());
			  o->u.mnid.subtype = MIP6_MNID_SUBTYPE_NAI;
			  o->u.mnid.id = kNai.data();
		  }),
		  t::tohex(t::hex(want)));
	auto v = t::hex(want);
	expect_round_trip(v);
	Parsed pv = parse(v);
	const mip6_mhopt_t *o = only_opt(pv.m);
	EXPECT_EQ(o->len, 6);
	EXPECT_EQ(o->u.mnid.subtype, MIP6_MNID_SUBTYPE_NAI);
	EXPECT_EQ(std::string((const char *)o->u.mnid.id, o->len - 1u), "mn@ex");

	// No alignment rule: at an odd offset it is still valid.
	want = bu(2) + "00 0806 01 6d6e406578 00 00 00";
	expect_round_trip(t::hex(want));
}

TEST(MhOpt, MobilityMessageAuthentication4n1)
{
	// 12 -> 13 with a Pad1, so the SPI sits at 16.
	std::string want = bu(3) + "00 0911 01 00001000 222222222222222222222222";
	EXPECT_EQ(bu_with([](mip6_mh_t &m) {
			  mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_MNAUTH);
			  o->len = (uint8_t)(5 + kMac.size());
			  o->u.mnauth.subtype = MIP6_MNAUTH_SUBTYPE_MNHA;
			  o->u.mnauth.spi = 0x1000;
			  o->u.mnauth.auth = kMac.data();
		  }),
		  t::tohex(t::hex(want)));
	auto v = t::hex(want);
	expect_round_trip(v);
	Parsed pv = parse(v);
	const mip6_mhopt_t *o = only_opt(pv.m);
	EXPECT_EQ(o->len, 17);
	EXPECT_EQ(o->u.mnauth.subtype, 1);
	EXPECT_EQ(o->u.mnauth.spi, 0x1000u);
	EXPECT_EQ(o->u.mnauth.auth, v.data() + 20);
}

TEST(MhOpt, ReplayProtection8n2)
{
	std::string want = bu(3) + "0104 00000000 0a08 0102030405060708 0102 0000";
	EXPECT_EQ(bu_with([](mip6_mh_t &m) {
			  mip6_mh_add_opt(&m, MIP6_OPT_MESGID)->u.timestamp = 0x0102030405060708ull;
		  }),
		  t::tohex(t::hex(want)));
	auto v = t::hex(want);
	expect_round_trip(v);
	Parsed pv = parse(v);
	const mip6_mhopt_t *o = only_opt(pv.m);
	EXPECT_EQ(o->len, 8);
	EXPECT_EQ(o->u.timestamp, 0x0102030405060708ull);
}

TEST(MhOpt, BindingIdentifierWithoutAndWithCoa)
{
	// No CoA: length 4, placed at 8n+2.
	std::string want = bu(2) + "0104 00000000 2304 0005 00 80";
	EXPECT_EQ(bu_with([](mip6_mh_t &m) {
			  mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_BID);
			  o->u.bid.bid = 5;
			  o->u.bid.flags = MIP6_BID_F_H;
		  }),
		  t::tohex(t::hex(want)));
	auto v = t::hex(want);
	expect_round_trip(v);
	Parsed pv = parse(v);
	const mip6_mhopt_t *o = only_opt(pv.m);
	EXPECT_EQ(o->len, 4);
	EXPECT_EQ(o->u.bid.bid, 5);
	EXPECT_EQ(o->u.bid.flags, MIP6_BID_F_H);
	EXPECT_EQ(o->u.bid.coa_len, 0);

	// IPv4 CoA: length 8.
	want = bu(3) + "0104 00000000 2308 0005 81 00 c0000201 0102 0000";
	EXPECT_EQ(bu_with([](mip6_mh_t &m) {
			  mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_BID);
			  o->u.bid.bid = 5;
			  o->u.bid.status = 129;
			  o->u.bid.coa_len = 4;
			  const uint8_t v4[] = {192, 0, 2, 1};
			  std::memcpy(o->u.bid.coa, v4, 4);
		  }),
		  t::tohex(t::hex(want)));
	v = t::hex(want);
	expect_round_trip(v);
	Parsed pv4 = parse(v);
	o = only_opt(pv4.m);
	EXPECT_EQ(o->len, 8);
	EXPECT_EQ(o->u.bid.status, 129);
	EXPECT_EQ(o->u.bid.coa_len, 4);
	EXPECT_EQ(t::tohex(o->u.bid.coa, 4), "c0000201");

	// IPv6 CoA: length 20.
	want = bu(4) + "0104 00000000 2314 0005 00 00 20010db8000300000000000000000100";
	EXPECT_EQ(bu_with([](mip6_mh_t &m) {
			  mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_BID);
			  o->u.bid.bid = 5;
			  o->u.bid.coa_len = 16;
			  mip6_addr_t a = t::addr("2001:db8:3::100");
			  std::memcpy(o->u.bid.coa, a.b, 16);
		  }),
		  t::tohex(t::hex(want)));
	v = t::hex(want);
	expect_round_trip(v);
	EXPECT_EQ(only_opt(parse(v).m)->u.bid.coa_len, 16);

	// A BID without a care-of address at 12 (2n but not 8n+2) from a peer
	// is accepted (RFC 5648 4.3; with one it must be at 8n+2).
	expect_round_trip(t::hex(bu(2) + "2304 0005 0000 0104 00000000"));
}

TEST(MhOpt, UnknownOptionSkippedByLengthAndKept)
{
	std::string want = bu(2) + "c803 aabbcc 0105 0000000000";
	EXPECT_EQ(bu_with([](mip6_mh_t &m) {
			  mip6_mhopt_t *o = mip6_mh_add_opt(&m, 200);
			  o->len = 3;
			  o->u.data = kRaw.data();
		  }),
		  t::tohex(t::hex(want)));
	auto v = t::hex(want);
	expect_round_trip(v);
	Parsed p = parse(v);
	ASSERT_EQ(p.m.nopts, 2u);
	EXPECT_EQ(p.m.opts[0].type, 200);
	EXPECT_EQ(p.m.opts[0].len, 3);
	EXPECT_EQ(p.m.opts[0].u.data, v.data() + 14);
	EXPECT_EQ(p.m.opts[1].type, MIP6_OPT_PADN);
	EXPECT_EQ(p.m.opts[1].len, 5);

	// An unknown option is skipped and what follows still decodes.
	v = t::hex(bu(2) + "07 02 ffff 0404 0001 0002 0100");
	p = parse(v);
	ASSERT_EQ(p.rc, 0);
	const mip6_mhopt_t *ni = mip6_mh_find_opt(&p.m, MIP6_OPT_NONCE);
	ASSERT_NE(ni, nullptr);
	EXPECT_EQ(ni->u.nonce.careof, 2);
}

TEST(MhOpt, PaddingIsListedAndReproduced)
{
	// Four Pad1s, a PadN with non-zero content: both are kept as found.
	auto v = t::hex(bu(1) + "00000000");
	Parsed p = parse(v);
	ASSERT_EQ(p.rc, 0);
	ASSERT_EQ(p.m.nopts, 4u);
	for (unsigned i = 0; i < 4; i++)
		EXPECT_EQ(p.m.opts[i].type, MIP6_OPT_PAD1);
	EXPECT_EQ(emit(p.m), t::tohex(v));

	v = t::hex(bu(1) + "0102 abcd");
	p = parse(v);
	ASSERT_EQ(p.rc, 0);
	ASSERT_EQ(p.m.nopts, 1u);
	EXPECT_EQ(p.m.opts[0].u.data, v.data() + 14);
	EXPECT_EQ(emit(p.m), t::tohex(v));
}

TEST(MhOpt, RouteOptimisationBindingUpdate)
{
	// Alternate CoA at 14, Nonce Indices at 32, then PadN(2) so the
	// authenticator option starts at 42 = 8n+2 and ends the MH at 56.
	std::string want = bu(6) + "0100 0310 20010db8000200000000000000000100"
				   "0404 0001 0002"
				   "0102 0000"
				   "050c 111111111111111111111111";
	EXPECT_EQ(bu_with([](mip6_mh_t &m) {
			  mip6_mh_add_opt(&m, MIP6_OPT_ALTCOA)->u.altcoa = t::addr("2001:db8:2::100");
			  mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_NONCE);
			  o->u.nonce.home = 1;
			  o->u.nonce.careof = 2;
			  mip6_mh_add_opt(&m, MIP6_OPT_AUTH)->u.data = kAuth.data();
		  }),
		  t::tohex(t::hex(want)));
	expect_round_trip(t::hex(want));
}

TEST(MhOpt, ExplicitPaddingWritesOptionsAsListed)
{
	// explicit_padding: no alignment padding, only the tail to 8n.
	mip6_mh_t m = base_bu();
	m.explicit_padding = true;
	mip6_mh_add_opt(&m, MIP6_OPT_ALTCOA)->u.altcoa = t::addr("2001:db8::1");
	std::string out = emit(m);
	EXPECT_EQ(out, t::tohex(t::hex(bu(3) + "0310 20010db8000000000000000000000001 0100")));
	// ... which a strict decoder rejects, naming the rule.
	Parsed p = parse(t::hex(out));
	EXPECT_EQ(p.rc, MIP6_E_ALIGN);
	EXPECT_STREQ(p.d.why, "Alternate Care-of Address option not at 8n+6 (RFC 6275 6.2.5)");
	EXPECT_EQ(p.d.offset, 12u);
}

// Any order of any options: emit() aligns each one, so the result is
// strictly valid, decodes to the same options and re-emits identically.
TEST(MhOpt, EmitAlignsEveryOptionInAnyOrder)
{
	std::mt19937 rng(6275);
	for (int iter = 0; iter < 300; iter++) {
		mip6_mh_t m;
		mip6_mh_init(&m, (uint8_t)(rng() % 8));
		std::vector<uint8_t> kinds = {MIP6_OPT_BRA,    MIP6_OPT_ALTCOA, MIP6_OPT_NONCE, MIP6_OPT_MNP,
					      MIP6_OPT_MNID,   MIP6_OPT_MNAUTH, MIP6_OPT_MESGID, MIP6_OPT_BID,
					      MIP6_OPT_BID,    MIP6_OPT_BID,    200};
		std::shuffle(kinds.begin(), kinds.end(), rng);
		kinds.resize(1 + rng() % kinds.size());
		if (rng() % 2)
			kinds.push_back(MIP6_OPT_AUTH); // must be last
		for (uint8_t k : kinds) {
			mip6_mhopt_t *o = mip6_mh_add_opt(&m, k);
			switch (k) {
			case MIP6_OPT_BRA: o->u.refresh = (uint16_t)rng(); break;
			case MIP6_OPT_ALTCOA: o->u.altcoa.b[15] = (uint8_t)rng(); break;
			case MIP6_OPT_NONCE: o->u.nonce.careof = (uint16_t)rng(); break;
			case MIP6_OPT_MNP: o->u.mnp.plen = (uint8_t)rng(); break;
			case MIP6_OPT_MNID:
				o->len = (uint8_t)(1 + rng() % kNai.size());
				o->u.mnid.id = kNai.data();
				break;
			case MIP6_OPT_MNAUTH:
				o->len = (uint8_t)(5 + rng() % kMac.size());
				o->u.mnauth.spi = (uint32_t)rng();
				o->u.mnauth.auth = kMac.data();
				break;
			case MIP6_OPT_MESGID: o->u.timestamp = rng(); break;
			case MIP6_OPT_BID: {
				const uint8_t lens[] = {0, 4, 16};
				o->u.bid.bid = (uint16_t)rng();
				o->u.bid.coa_len = lens[rng() % 3];
				break;
			}
			case MIP6_OPT_AUTH: o->u.data = kAuth.data(); break;
			default:
				o->len = (uint8_t)(rng() % 4);
				o->u.data = kRaw.data();
				break;
			}
		}
		std::string out = emit(m);
		auto v = t::hex(out);
		SCOPED_TRACE(out);
		ASSERT_EQ(v.size() % 8, 0u);
		Parsed p = parse(v);
		ASSERT_EQ(p.rc, 0) << (p.d.why ? p.d.why : "");
		std::vector<uint8_t> got;
		for (unsigned i = 0; i < p.m.nopts; i++) {
			uint8_t ty = p.m.opts[i].type;
			if (ty != MIP6_OPT_PAD1 && ty != MIP6_OPT_PADN)
				got.push_back(ty);
		}
		EXPECT_EQ(got, kinds);
		EXPECT_EQ(emit(p.m), out);
	}
}

// --- the alignment rules, one misplaced option each ---

struct Misplaced {
	const char *name;
	std::string hex;   // strictly valid but for the alignment of one option
	unsigned offset;   // where that option starts
	const char *why;
	uint8_t type;
};

TEST(MhOpt, EachAlignmentRuleStrictAndLenient)
{
	const Misplaced cases[] = {
		{"BRA at 13", bu(2) + "00 0202 0102 0105 0000000000", 13,
		 "Binding Refresh Advice option not at 2n (RFC 6275 6.2.4)", MIP6_OPT_BRA},
		{"AltCoA at 12", bu(3) + "0310 20010db8000000000000000000000001 0100", 12,
		 "Alternate Care-of Address option not at 8n+6 (RFC 6275 6.2.5)", MIP6_OPT_ALTCOA},
		{"Nonce at 13", bu(2) + "00 0404 0001 0002 0103 000000", 13,
		 "Nonce Indices option not at 2n (RFC 6275 6.2.6)", MIP6_OPT_NONCE},
		{"MNP at 14", bu(4) + "0100 0612 00 30 20010db8010000000000000000000000 0104 00000000", 14,
		 "Mobile Network Prefix option not at 8n+4 (RFC 3963 6.2)", MIP6_OPT_MNP},
		{"MN-AUTH at 12", bu(3) + "0911 01 00001000 222222222222222222222222 00", 12,
		 "Mobility Message Authentication option not at 4n+1 (RFC 4285 5)", MIP6_OPT_MNAUTH},
		{"MESG-ID at 12", bu(2) + "0a08 0102030405060708 0100", 12,
		 "Replay Protection option not at 8n+2 (RFC 4285 6)", MIP6_OPT_MESGID},
		{"BID at 13", bu(2) + "00 2304 0005 0000 0103 000000", 13,
		 "Binding Identifier option not at 2n (RFC 5648 4.3)", MIP6_OPT_BID},
	};
	for (const auto &c : cases) {
		SCOPED_TRACE(c.name);
		auto v = t::hex(c.hex);
		ASSERT_EQ(v.size() % 8, 0u);
		Parsed p = parse(v);
		EXPECT_EQ(p.rc, MIP6_E_ALIGN);
		EXPECT_EQ(p.d.err, MIP6_E_ALIGN);
		EXPECT_STREQ(p.d.why, c.why);
		EXPECT_EQ(p.d.offset, c.offset);

		p = parse(v, MIP6_DEC_LENIENT);
		EXPECT_EQ(p.rc, 0);
		EXPECT_EQ(p.m.warnings, (uint32_t)MIP6_W_ALIGN);
		EXPECT_STREQ(p.d.why, c.why);
		EXPECT_NE(mip6_mh_find_opt(&p.m, c.type), nullptr);
		// Lenient decoding still reproduces the layout it found.
		EXPECT_EQ(emit(p.m), t::tohex(v));
	}

	// Binding Authorization Data away from 8n+2 needs padding after it,
	// which also breaks "last option": strict names the first rule.
	auto v = t::hex(bu(3) + "050c 111111111111111111111111 0104 00000000");
	Parsed p = parse(v);
	EXPECT_EQ(p.rc, MIP6_E_ALIGN);
	EXPECT_STREQ(p.d.why, "Binding Authorization Data option not at 8n+2 (RFC 6275 6.2.7)");
	p = parse(v, MIP6_DEC_LENIENT);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.warnings, (uint32_t)(MIP6_W_ALIGN | MIP6_W_ORDER));
	EXPECT_STREQ(p.d.why, "Binding Authorization Data option not at 8n+2 (RFC 6275 6.2.7)");
}

// --- the length rules, one bad length each ---

TEST(MhOpt, EachLengthRuleStrictAndLenient)
{
	const Misplaced cases[] = {
		{"BRA len 3", bu(2) + "0203 000100 0105 0000000000", 13,
		 "Binding Refresh Advice option length is not 2 (RFC 6275 6.2.4)", MIP6_OPT_BRA},
		{"AltCoA len 8", bu(2) + "0100 0308 2001 0db8 0000 0001", 15,
		 "Alternate Care-of Address option length is not 16 (RFC 6275 6.2.5)", MIP6_OPT_ALTCOA},
		{"Nonce len 16 (scapy default)",
		 "3b030500d9a20007800000030410000100020510000000000000000000000000", 13,
		 "Nonce Indices option length is not 4 (RFC 6275 6.2.6)", MIP6_OPT_NONCE},
		{"MNP len 17", bu(3) + "0611 00 30 20010db80100000000000000000000 00", 13,
		 "Mobile Network Prefix option length is not 18 (RFC 3963 6.2)", MIP6_OPT_MNP},
		{"MNID len 0", bu(1) + "0800 0100", 13, "Mobile Node Identifier option has no subtype (RFC 4283 3)",
		 MIP6_OPT_MNID},
		{"MN-AUTH len 4", bu(2) + "00 0904 01000010 0103 000000", 14,
		 "Mobility Message Authentication option shorter than subtype and SPI (RFC 4285 5)", MIP6_OPT_MNAUTH},
		{"MESG-ID len 4", bu(2) + "0104 00000000 0a04 01020304", 19,
		 "Replay Protection option length is not 8 (RFC 4285 6)", MIP6_OPT_MESGID},
		{"BID len 6", bu(3) + "0104 00000000 2306 0005 0000 aabb 0104 00000000", 19,
		 "Binding Identifier option length is not 4, 8 or 20 (RFC 5648 4.3, 6.2)", MIP6_OPT_BID},
	};
	for (const auto &c : cases) {
		SCOPED_TRACE(c.name);
		auto v = t::hex(c.hex);
		ASSERT_EQ(v.size() % 8, 0u);
		Parsed p = parse(v);
		EXPECT_EQ(p.rc, MIP6_E_LEN);
		EXPECT_STREQ(p.d.why, c.why);
		EXPECT_EQ(p.d.offset, c.offset);

		p = parse(v, MIP6_DEC_LENIENT);
		EXPECT_EQ(p.rc, 0);
		EXPECT_EQ(p.m.warnings, (uint32_t)MIP6_W_OPTLEN);
		const mip6_mhopt_t *o = mip6_mh_find_opt(&p.m, c.type);
		ASSERT_NE(o, nullptr);
		EXPECT_EQ(o->len, v[c.offset]);
		// Re-emitting keeps the length; octets beyond the known fields
		// of a fixed-size option come back as zeros.
		std::string out = emit(p.m);
		EXPECT_EQ(out.size(), 2 * v.size());
		EXPECT_EQ(out.substr(0, 2 * (c.offset + 1)), t::tohex(v).substr(0, 2 * (c.offset + 1)));
	}

	// What a lenient decode makes of the wrong lengths.
	Parsed p = parse(t::hex(cases[2].hex), MIP6_DEC_LENIENT);
	const mip6_mhopt_t *ni = mip6_mh_find_opt(&p.m, MIP6_OPT_NONCE);
	EXPECT_EQ(ni->u.nonce.home, 1);
	EXPECT_EQ(ni->u.nonce.careof, 2);
	p = parse(t::hex(cases[4].hex), MIP6_DEC_LENIENT);
	EXPECT_EQ(mip6_mh_find_opt(&p.m, MIP6_OPT_MNID)->u.mnid.id, nullptr);
	p = parse(t::hex(cases[5].hex), MIP6_DEC_LENIENT);
	EXPECT_EQ(mip6_mh_find_opt(&p.m, MIP6_OPT_MNAUTH)->u.mnauth.auth, nullptr);
	p = parse(t::hex(cases[7].hex), MIP6_DEC_LENIENT);
	const mip6_mhopt_t *bid = mip6_mh_find_opt(&p.m, MIP6_OPT_BID);
	EXPECT_EQ(bid->u.bid.coa_len, 2);
	EXPECT_EQ(t::tohex(bid->u.bid.coa, 2), "aabb");

	// Binding Authorization Data of 16 octets (scapy's default).
	auto v = t::hex(bu(4) + "0104 00000000 0510 11111111111111111111111111111111 0102 0000");
	p = parse(v);
	EXPECT_EQ(p.rc, MIP6_E_LEN);
	EXPECT_STREQ(p.d.why, "Binding Authorization Data option length is not 12 (RFC 6275 5.2.6, 6.2.7)");
	p = parse(v, MIP6_DEC_LENIENT);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.warnings, (uint32_t)(MIP6_W_OPTLEN | MIP6_W_ORDER));
}

TEST(MhOpt, CraftedLengthsAreWrittenAsGiven)
{
	// A Nonce Indices of length 16: the fields, then zeros.
	mip6_mh_t m = base_bu();
	m.explicit_padding = true;
	mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_NONCE);
	o->len = 16;
	o->u.nonce.home = 1;
	o->u.nonce.careof = 2;
	EXPECT_EQ(emit(m), t::tohex(t::hex(bu(3) + "0410 0001 0002 000000000000000000000000 0100")));
	// A Binding Refresh Advice cut to one octet.
	m = base_bu();
	m.explicit_padding = true;
	o = mip6_mh_add_opt(&m, MIP6_OPT_BRA);
	o->len = 1;
	o->u.refresh = 0xabcd;
	EXPECT_EQ(emit(m), t::tohex(t::hex(bu(1) + "0201 ab 00")));
	// An IPv6 CoA longer than 16 octets cannot be written.
	m = base_bu();
	mip6_mh_add_opt(&m, MIP6_OPT_BID)->u.bid.coa_len = 17;
	EXPECT_EQ(emit(m), "error " + std::to_string(MIP6_E_INVAL));
}

TEST(MhOpt, BindingAuthorizationDataMustBeLast)
{
	// RFC 6275 6.2.7: nothing may follow it, not even padding.
	auto v = t::hex(bu(4) + "0104 00000000 050c 111111111111111111111111 0106 000000000000");
	Parsed p = parse(v);
	EXPECT_EQ(p.rc, MIP6_E_INVAL);
	EXPECT_STREQ(p.d.why, "mobility option after Binding Authorization Data (RFC 6275 6.2.7)");
	EXPECT_EQ(p.d.offset, 32u);
	p = parse(v, MIP6_DEC_LENIENT);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.warnings, (uint32_t)MIP6_W_ORDER);
	EXPECT_EQ(p.m.nopts, 3u);
}

TEST(MhOpt, OptionTableLimit)
{
	// 31 Pad1 and one PadN: exactly MIP6_MH_MAX_OPTS options.
	std::string pads(62, '0');
	auto v = t::hex(bu(5) + pads + "0103 000000");
	Parsed p = parse(v);
	ASSERT_EQ(p.rc, 0) << (p.d.why ? p.d.why : "");
	EXPECT_EQ(p.m.nopts, (unsigned)MIP6_MH_MAX_OPTS);
	EXPECT_EQ(emit(p.m), t::tohex(v));

	// 36 Pad1: one table too many.
	v = t::hex(bu(5) + std::string(72, '0'));
	p = parse(v);
	EXPECT_EQ(p.rc, MIP6_E_NOSPC);
	EXPECT_STREQ(p.d.why, "more mobility options than MIP6_MH_MAX_OPTS");
	EXPECT_EQ(p.d.offset, 12u + MIP6_MH_MAX_OPTS);
	p = parse(v, MIP6_DEC_LENIENT);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.warnings, (uint32_t)MIP6_W_TOO_MANY);
	EXPECT_EQ(p.m.nopts, (unsigned)MIP6_MH_MAX_OPTS);
}

TEST(MhOpt, AddAndFind)
{
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BU);
	EXPECT_EQ(mip6_mh_find_opt(&m, MIP6_OPT_NONCE), nullptr);
	mip6_mhopt_t *a = mip6_mh_add_opt(&m, MIP6_OPT_NONCE);
	ASSERT_NE(a, nullptr);
	EXPECT_EQ(a->type, MIP6_OPT_NONCE);
	EXPECT_EQ(a->len, 0);
	a->u.nonce.home = 7;
	mip6_mhopt_t *b = mip6_mh_add_opt(&m, MIP6_OPT_NONCE);
	b->u.nonce.home = 8;
	EXPECT_EQ(mip6_mh_find_opt(&m, MIP6_OPT_NONCE), a); // the first one
	EXPECT_EQ(m.nopts, 2u);
	for (unsigned i = m.nopts; i < MIP6_MH_MAX_OPTS; i++)
		ASSERT_NE(mip6_mh_add_opt(&m, MIP6_OPT_PAD1), nullptr);
	EXPECT_EQ(mip6_mh_add_opt(&m, MIP6_OPT_PAD1), nullptr);
	EXPECT_EQ(m.nopts, (unsigned)MIP6_MH_MAX_OPTS);
}
