// SPDX-License-Identifier: BSD-3-Clause
// Mobility Header messages (RFC 6275 6.1): byte-exact emit of all eight
// messages, decode of captures from independent implementations (Zeek's
// traces, scapy, the RR vectors), Header Len, checksum and emit flags.
// The MH bytes below were cut out of the pcaps in shared/pcaps; checks that
// read the pcaps themselves belong to the corpus suite (this binary does not
// link libpcap).
#include <gtest/gtest.h>

#include <cstring>

#include "test_util.h"

extern "C" {
#include "mip6/mh.h"
}

namespace {

// Zeek testing/btest/Traces/mip6_*.pcap: source and destination of every
// packet, and the MH of each (no HAO, no RH2).
const mip6_addr_t kZeekSrc = t::addr("2001:4f8:4:7:2e0:81ff:fe52:ffff");
const mip6_addr_t kZeekDst = t::addr("2001:4f8:4:7:2e0:81ff:fe52:9a6b");
const char *kZeekBrr = "3b000000d9970000";
const char *kZeekHoti = "3b010100d88d00000000000000000001";
const char *kZeekCoti = "3b010200d78d00000000000000000001";
const char *kZeekHot = "3b020300d56a000d000000000000000f00000000000000ff";
const char *kZeekCot = "3b020400d46a000d000000000000000f00000000000000ff";
const char *kZeekBu = "3b0105000364 0025 d000 0003 0102 0000";
const char *kZeekBa = "3b010600d1da 00 80 002a 0008 0102 0000";
const char *kZeekBe = "3b020700b0d8 01 00 20010078000100320000000000000001";

// shared/pcaps/generated/rr_vectors.out.
const mip6_addr_t kHoa = t::addr("2001:db8:1::100");
const mip6_addr_t kCn = t::addr("2001:db8:9::9");
const char *kRrBu = "3b030500fe2f123480000040 04040001 0002 050c 86cfe4068848c63b0e9b0123";
const char *kRrBa = "3b0306005330 0000 1234 0040 0104 00000000 050c a7a416eef56f0a1f70f1c708";
const auto kRrBuAuth = t::hex("86cfe4068848c63b0e9b0123");
const auto kRrBaAuth = t::hex("a7a416eef56f0a1f70f1c708");

struct Parsed {
	int rc;
	mip6_mh_t m;
	mip6_diag_t d;
};

Parsed parse(const std::vector<uint8_t> &v, const mip6_addr_t *src = nullptr, const mip6_addr_t *dst = nullptr,
	     unsigned flags = MIP6_DEC_STRICT)
{
	Parsed r;
	std::memset(&r.d, 0, sizeof r.d);
	r.rc = mip6_mh_parse(v.data(), v.size(), src, dst, flags, &r.m, &r.d);
	return r;
}

std::string emit(const mip6_mh_t &m, const mip6_addr_t *src, const mip6_addr_t *dst, unsigned eflags = 0)
{
	uint8_t out[MIP6_MH_MAX_LEN];
	int n = mip6_mh_emit(&m, src, dst, eflags, out, sizeof out);
	if (n < 0)
		return "error " + std::to_string(n);
	return t::tohex(out, (size_t)n);
}

// Strict decode with the checksum, then re-emit: the bytes must come back.
void expect_round_trip(const std::string &hex, const mip6_addr_t *src, const mip6_addr_t *dst)
{
	auto v = t::hex(hex);
	Parsed p = parse(v, src, dst);
	ASSERT_EQ(p.rc, 0) << hex << ": " << (p.d.why ? p.d.why : "");
	EXPECT_EQ(p.m.cksum_ok, src ? 1 : -1);
	EXPECT_TRUE(p.m.explicit_padding);
	EXPECT_EQ(p.m.warnings, 0u);
	if (src) {
		EXPECT_EQ(emit(p.m, src, dst), t::tohex(v));
	}
	EXPECT_EQ(emit(p.m, nullptr, nullptr, MIP6_EMIT_KEEP_CKSUM), t::tohex(v));
}

std::vector<uint8_t> bytes8(uint64_t v)
{
	std::vector<uint8_t> b(8);
	for (int i = 7; i >= 0; i--, v >>= 8)
		b[(size_t)i] = (uint8_t)v;
	return b;
}

} // namespace

TEST(Mh, InitAndFixedLengths)
{
	mip6_mh_t m;
	std::memset(&m, 0xa5, sizeof m);
	mip6_mh_init(&m, MIP6_MH_BU);
	EXPECT_EQ(m.type, MIP6_MH_BU);
	EXPECT_EQ(m.proto, 59);
	EXPECT_EQ(m.nopts, 0u);
	EXPECT_FALSE(m.explicit_padding);
	EXPECT_EQ(m.body, nullptr);
	EXPECT_EQ(m.cksum_ok, -1);

	EXPECT_EQ(mip6_mh_fixed_len(MIP6_MH_BRR), 2);
	EXPECT_EQ(mip6_mh_fixed_len(MIP6_MH_HOTI), 10);
	EXPECT_EQ(mip6_mh_fixed_len(MIP6_MH_COTI), 10);
	EXPECT_EQ(mip6_mh_fixed_len(MIP6_MH_HOT), 18);
	EXPECT_EQ(mip6_mh_fixed_len(MIP6_MH_COT), 18);
	EXPECT_EQ(mip6_mh_fixed_len(MIP6_MH_BU), 6);
	EXPECT_EQ(mip6_mh_fixed_len(MIP6_MH_BA), 6);
	EXPECT_EQ(mip6_mh_fixed_len(MIP6_MH_BE), 18);
	EXPECT_EQ(mip6_mh_fixed_len(8), -1);
	EXPECT_EQ(mip6_mh_fixed_len(200), -1);
}

// Each message built by hand must come out as Zeek's capture, checksum
// included: an independent check of layout, padding and checksum.
TEST(Mh, EmitMatchesZeekCaptures)
{
	mip6_mh_t m;

	mip6_mh_init(&m, MIP6_MH_BRR);
	EXPECT_EQ(emit(m, &kZeekSrc, &kZeekDst), t::tohex(t::hex(kZeekBrr)));

	mip6_mh_init(&m, MIP6_MH_HOTI);
	m.u.init.cookie[7] = 1;
	EXPECT_EQ(emit(m, &kZeekSrc, &kZeekDst), t::tohex(t::hex(kZeekHoti)));
	m.type = MIP6_MH_COTI;
	EXPECT_EQ(emit(m, &kZeekSrc, &kZeekDst), t::tohex(t::hex(kZeekCoti)));

	mip6_mh_init(&m, MIP6_MH_HOT);
	m.u.test.nonce_index = 13;
	m.u.test.cookie[7] = 15;
	m.u.test.keygen[7] = 255;
	EXPECT_EQ(emit(m, &kZeekSrc, &kZeekDst), t::tohex(t::hex(kZeekHot)));
	m.type = MIP6_MH_COT;
	EXPECT_EQ(emit(m, &kZeekSrc, &kZeekDst), t::tohex(t::hex(kZeekCot)));

	// BU fixed part ends at 12: a PadN with no data fills to 16.
	mip6_mh_init(&m, MIP6_MH_BU);
	m.u.bu.seq = 37;
	m.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_K;
	m.u.bu.lifetime = 3;
	EXPECT_EQ(emit(m, &kZeekSrc, &kZeekDst), t::tohex(t::hex(kZeekBu)));

	mip6_mh_init(&m, MIP6_MH_BA);
	m.u.ba.status = MIP6_BA_ACCEPTED;
	m.u.ba.flags = MIP6_BA_F_K;
	m.u.ba.seq = 42;
	m.u.ba.lifetime = 8;
	EXPECT_EQ(emit(m, &kZeekSrc, &kZeekDst), t::tohex(t::hex(kZeekBa)));

	mip6_mh_init(&m, MIP6_MH_BE);
	m.u.be.status = MIP6_BE_UNKNOWN_HAO;
	m.u.be.home = t::addr("2001:78:1:32::1");
	EXPECT_EQ(emit(m, &kZeekSrc, &kZeekDst), t::tohex(t::hex(kZeekBe)));
}

// Decoded values are those of Zeek's baseline_core.mobility_msg_output.
TEST(Mh, DecodesZeekBaselineValues)
{
	Parsed p = parse(t::hex(kZeekBrr), &kZeekSrc, &kZeekDst);
	ASSERT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.type, MIP6_MH_BRR);
	EXPECT_EQ(p.m.hdr_len, 0);
	EXPECT_EQ(p.m.checksum, 55703);
	EXPECT_EQ(p.m.u.brr.reserved, 0);
	EXPECT_EQ(p.m.nopts, 0u);
	EXPECT_EQ(p.m.cksum_ok, 1);

	p = parse(t::hex(kZeekHoti), &kZeekSrc, &kZeekDst);
	ASSERT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.type, MIP6_MH_HOTI);
	EXPECT_EQ(p.m.hdr_len, 1);
	EXPECT_EQ(p.m.checksum, 55437);
	EXPECT_EQ(t::tohex(p.m.u.init.cookie, 8), t::tohex(bytes8(1)));

	p = parse(t::hex(kZeekCoti), &kZeekSrc, &kZeekDst);
	ASSERT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.type, MIP6_MH_COTI);
	EXPECT_EQ(p.m.checksum, 55181);
	EXPECT_EQ(t::tohex(p.m.u.init.cookie, 8), t::tohex(bytes8(1)));

	for (const char *hex : {kZeekHot, kZeekCot}) {
		p = parse(t::hex(hex), &kZeekSrc, &kZeekDst);
		ASSERT_EQ(p.rc, 0);
		EXPECT_EQ(p.m.hdr_len, 2);
		EXPECT_EQ(p.m.u.test.nonce_index, 13);
		EXPECT_EQ(t::tohex(p.m.u.test.cookie, 8), t::tohex(bytes8(15)));
		EXPECT_EQ(t::tohex(p.m.u.test.keygen, 8), t::tohex(bytes8(255)));
	}
	EXPECT_EQ(parse(t::hex(kZeekHot)).m.checksum, 54634);
	EXPECT_EQ(parse(t::hex(kZeekCot)).m.checksum, 54378);
	EXPECT_EQ(parse(t::hex(kZeekCot)).m.type, MIP6_MH_COT);

	p = parse(t::hex(kZeekBu), &kZeekSrc, &kZeekDst);
	ASSERT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.type, MIP6_MH_BU);
	EXPECT_EQ(p.m.checksum, 868);
	EXPECT_EQ(p.m.u.bu.seq, 37);
	EXPECT_EQ(p.m.u.bu.flags, MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_K);
	EXPECT_EQ(p.m.u.bu.lifetime, 3);
	ASSERT_EQ(p.m.nopts, 1u);
	EXPECT_EQ(p.m.opts[0].type, MIP6_OPT_PADN);
	EXPECT_EQ(p.m.opts[0].len, 2);

	p = parse(t::hex(kZeekBa), &kZeekSrc, &kZeekDst);
	ASSERT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.checksum, 53722);
	EXPECT_EQ(p.m.u.ba.status, 0);
	EXPECT_EQ(p.m.u.ba.flags, MIP6_BA_F_K);
	EXPECT_EQ(p.m.u.ba.seq, 42);
	EXPECT_EQ(p.m.u.ba.lifetime, 8);
	ASSERT_EQ(p.m.nopts, 1u);
	EXPECT_EQ(p.m.opts[0].type, MIP6_OPT_PADN);

	p = parse(t::hex(kZeekBe), &kZeekSrc, &kZeekDst);
	ASSERT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.checksum, 45272);
	EXPECT_EQ(p.m.u.be.status, MIP6_BE_UNKNOWN_HAO);
	EXPECT_EQ(t::str(p.m.u.be.home), "2001:78:1:32::1");
	EXPECT_EQ(p.m.nopts, 0u);
}

TEST(Mh, ZeekCapturesRoundTrip)
{
	for (const char *hex : {kZeekBrr, kZeekHoti, kZeekCoti, kZeekHot, kZeekCot, kZeekBu, kZeekBa, kZeekBe}) {
		SCOPED_TRACE(hex);
		expect_round_trip(hex, &kZeekSrc, &kZeekDst);
		expect_round_trip(hex, nullptr, nullptr);
	}
}

// The RR vector: Nonce Indices at offset 12, Binding Authorization Data at
// 18 (8n+2), the authenticator last; checksum over HoA -> CN.
TEST(Mh, RrVectorBindingUpdate)
{
	auto v = t::hex(kRrBu);
	Parsed p = parse(v, &kHoa, &kCn);
	ASSERT_EQ(p.rc, 0) << (p.d.why ? p.d.why : "");
	EXPECT_EQ(p.m.cksum_ok, 1);
	EXPECT_EQ(p.m.checksum, 0xfe2f);
	EXPECT_EQ(p.m.hdr_len, 3);
	EXPECT_EQ(p.m.u.bu.seq, 0x1234);
	EXPECT_EQ(p.m.u.bu.flags, MIP6_BU_F_A);
	EXPECT_EQ(p.m.u.bu.lifetime, 0x40);
	ASSERT_EQ(p.m.nopts, 2u);
	EXPECT_EQ(p.m.opts[0].type, MIP6_OPT_NONCE);
	EXPECT_EQ(p.m.opts[0].u.nonce.home, 1);
	EXPECT_EQ(p.m.opts[0].u.nonce.careof, 2);
	EXPECT_EQ(p.m.opts[1].type, MIP6_OPT_AUTH);
	EXPECT_EQ(p.m.opts[1].len, 12);
	EXPECT_EQ(p.m.opts[1].u.data, v.data() + 20); // data of the option at 18
	EXPECT_EQ(t::tohex(p.m.opts[1].u.data, 12), t::tohex(kRrBuAuth));
	EXPECT_EQ(emit(p.m, &kHoa, &kCn), t::tohex(v));

	// The same message built by hand: no padding is needed at all.
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BU);
	m.u.bu.seq = 0x1234;
	m.u.bu.flags = MIP6_BU_F_A;
	m.u.bu.lifetime = 0x40;
	mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_NONCE);
	o->u.nonce.home = 1;
	o->u.nonce.careof = 2;
	o = mip6_mh_add_opt(&m, MIP6_OPT_AUTH);
	o->u.data = kRrBuAuth.data();
	EXPECT_EQ(emit(m, &kHoa, &kCn), t::tohex(v));
	// With no data the authenticator is left zero for the signer to fill.
	o->u.data = nullptr;
	EXPECT_EQ(emit(m, nullptr, nullptr, MIP6_EMIT_KEEP_CKSUM),
		  "3b0305000000123480000040040400010002050c000000000000000000000000");
}

// The BA: its fixed part ends at 12, so PadN(4) moves the authenticator
// option to 18 = 8n+2. Checksum over CN -> HoA.
TEST(Mh, RrVectorBindingAck)
{
	auto v = t::hex(kRrBa);
	Parsed p = parse(v, &kCn, &kHoa);
	ASSERT_EQ(p.rc, 0) << (p.d.why ? p.d.why : "");
	EXPECT_EQ(p.m.cksum_ok, 1);
	EXPECT_EQ(p.m.u.ba.seq, 0x1234);
	EXPECT_EQ(p.m.u.ba.lifetime, 0x40);
	ASSERT_EQ(p.m.nopts, 2u);
	EXPECT_EQ(p.m.opts[0].type, MIP6_OPT_PADN);
	EXPECT_EQ(p.m.opts[0].len, 4);
	EXPECT_EQ(p.m.opts[1].type, MIP6_OPT_AUTH);

	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BA);
	m.u.ba.seq = 0x1234;
	m.u.ba.lifetime = 0x40;
	mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_AUTH);
	o->len = MIP6_AUTH_DATA_LEN;
	o->u.data = kRrBaAuth.data();
	EXPECT_EQ(emit(m, &kCn, &kHoa), t::tohex(v));
}

TEST(Mh, RrChecksumVectors)
{
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_HOTI);
	auto cookie = t::hex("0102030405060708");
	std::memcpy(m.u.init.cookie, cookie.data(), 8);
	EXPECT_EQ(emit(m, &kHoa, &kCn), "3b01010056ce00000102030405060708");
	mip6_mh_init(&m, MIP6_MH_BRR);
	EXPECT_EQ(emit(m, &kCn, &kHoa), "3b00000067eb0000");
}

// scapy_mip6_examples.pcap (scapy 2.5): the MH of each packet, with the
// pseudo-header addresses (HAO as source, RTHDR2 as destination).
struct ScapyMh {
	const char *src, *dst, *hex;
};
const ScapyMh kScapy[] = {
	{"2001:db8:1::100", "2001:db8:1::1", "3b0105009d0703e8c000010001020000"},
	{"2001:db8:1::1", "2001:db8:1::100", "3b0106005c08000003e8010001020000"},
	{"2001:db8:1::100", "2001:db8:1::1", "3b030500bb3f03e9c40001000612004020010db8aaaa00010000000000000000"},
	{"2001:db8:1::1", "2001:db8:1::100", "3b0106005bc7004003e9010001020000"},
	{"2001:db8:1::100", "2001:db8:1::1",
	 "3b0405004b1603eac000010001040000000023140002000020010db8000300000000000000000100"},
	{"2001:db8:1::100", "2001:db8:9::9", "3b01010056ce00000102030405060708"},
	{"2001:db8:2::100", "2001:db8:9::9", "3b010200158d00001112131415161718"},
	{"2001:db8:9::9", "2001:db8:1::100", "3b020300c12c01020102030405060708a1a2a3a4a5a6a7a8"},
	{"2001:db8:9::9", "2001:db8:2::100", "3b0204003da903041112131415161718b1b2b3b4b5b6b7b8"},
	{"2001:db8:1::100", "2001:db8:9::9", "3b030500d572000780000040040401020304050c000000000000000000000000"},
	{"2001:db8:9::9", "2001:db8:2::100", "3b020700311e010020010db8000100000000000000000100"},
	{"2001:db8:9::9", "2001:db8:1::100", "3b00000067eb0000"},
};

TEST(Mh, ScapyExamplesDecodeAndRoundTrip)
{
	for (const auto &s : kScapy) {
		SCOPED_TRACE(s.hex);
		mip6_addr_t src = t::addr(s.src), dst = t::addr(s.dst);
		expect_round_trip(s.hex, &src, &dst);
	}
	// Values as tshark shows them (scapy_mip6_examples.tshark_fields.txt).
	Parsed p = parse(t::hex(kScapy[2].hex));
	ASSERT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.u.bu.seq, 1001);
	EXPECT_EQ(p.m.u.bu.flags, MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_R);
	EXPECT_EQ(p.m.u.bu.lifetime, 256);
	const mip6_mhopt_t *mnp = mip6_mh_find_opt(&p.m, MIP6_OPT_MNP);
	ASSERT_NE(mnp, nullptr);
	EXPECT_EQ(mnp->u.mnp.plen, 64);
	EXPECT_EQ(t::str(mnp->u.mnp.prefix), "2001:db8:aaaa:1::");

	p = parse(t::hex(kScapy[3].hex));
	ASSERT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.u.ba.flags, MIP6_BA_F_R);
	EXPECT_EQ(p.m.u.ba.seq, 1001);

	p = parse(t::hex(kScapy[4].hex));
	ASSERT_EQ(p.rc, 0);
	const mip6_mhopt_t *bid = mip6_mh_find_opt(&p.m, MIP6_OPT_BID);
	ASSERT_NE(bid, nullptr);
	EXPECT_EQ(bid->u.bid.bid, 2);
	EXPECT_EQ(bid->u.bid.coa_len, 16);
	mip6_addr_t coa;
	std::memcpy(coa.b, bid->u.bid.coa, 16);
	EXPECT_EQ(t::str(coa), "2001:db8:3::100");

	p = parse(t::hex(kScapy[9].hex));
	ASSERT_EQ(p.rc, 0);
	const mip6_mhopt_t *ni = mip6_mh_find_opt(&p.m, MIP6_OPT_NONCE);
	ASSERT_NE(ni, nullptr);
	EXPECT_EQ(ni->u.nonce.home, 258);
	EXPECT_EQ(ni->u.nonce.careof, 772);

	p = parse(t::hex(kScapy[10].hex));
	ASSERT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.u.be.status, 1);
	EXPECT_EQ(t::str(p.m.u.be.home), "2001:db8:1::100");
}

// A NEMO BU and an MCoA BU built by hand come out as scapy wrote them: the
// Mobile Network Prefix needs no padding at 12 (8n+4); the Binding
// Identifier goes to 18 (8n+2) behind a PadN(4).
TEST(Mh, NemoAndMcoaBindingUpdatesMatchScapy)
{
	mip6_addr_t hoa = t::addr("2001:db8:1::100"), ha = t::addr("2001:db8:1::1");
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BU);
	m.u.bu.seq = 1001;
	m.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H | MIP6_BU_F_R;
	m.u.bu.lifetime = 256;
	mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_MNP);
	o->u.mnp.plen = 64;
	o->u.mnp.prefix = t::addr("2001:db8:aaaa:1::");
	EXPECT_EQ(emit(m, &hoa, &ha), kScapy[2].hex);

	mip6_mh_init(&m, MIP6_MH_BU);
	m.u.bu.seq = 1002;
	m.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H;
	m.u.bu.lifetime = 256;
	o = mip6_mh_add_opt(&m, MIP6_OPT_BID);
	o->u.bid.bid = 2;
	o->u.bid.coa_len = 16;
	mip6_addr_t coa = t::addr("2001:db8:3::100");
	std::memcpy(o->u.bid.coa, coa.b, 16);
	EXPECT_EQ(emit(m, &hoa, &ha), kScapy[4].hex);
}

TEST(Mh, BindingUpdateFlagsAndReservedBitsAreKept)
{
	// M (RFC 5380) and P (RFC 5213) are decoded, and reserved bits are
	// kept so the message re-encodes exactly.
	auto v = t::hex("3b01050000000007 3fff 0010 01020000");
	Parsed p = parse(v);
	ASSERT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.u.bu.flags, MIP6_BU_F_L | MIP6_BU_F_K | MIP6_BU_F_M | MIP6_BU_F_R | MIP6_BU_F_P | 0x01ffu);
	EXPECT_TRUE(p.m.u.bu.flags & MIP6_BU_F_M);
	EXPECT_TRUE(p.m.u.bu.flags & MIP6_BU_F_P);
	EXPECT_FALSE(p.m.u.bu.flags & MIP6_BU_F_A);
	EXPECT_EQ(emit(p.m, nullptr, nullptr, MIP6_EMIT_KEEP_CKSUM), t::tohex(v));

	// BA: K, R, P and reserved bits; an RFC 5648 status.
	v = t::hex("3b0106000000 a4ff 0001 0000 01020000");
	p = parse(v);
	ASSERT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.u.ba.status, MIP6_BA_MCOA_MALFORMED);
	EXPECT_EQ(p.m.u.ba.flags, 0xff);
	EXPECT_EQ(emit(p.m, nullptr, nullptr, MIP6_EMIT_KEEP_CKSUM), t::tohex(v));
}

TEST(Mh, ReservedFieldsRoundTrip)
{
	// Non-zero reserved octets are legal on receipt (ignored) and kept.
	const char *hexes[] = {
		"3b00005a00001234",                                 // MH reserved, BRR reserved
		"3b0101000000 abcd 0102030405060708",                // HoTI reserved
		"3b020700 0000 01 7f 20010db8000000000000000000000001", // BE reserved
	};
	for (const char *hex : hexes) {
		SCOPED_TRACE(hex);
		expect_round_trip(hex, nullptr, nullptr);
	}
	Parsed p = parse(t::hex(hexes[0]));
	EXPECT_EQ(p.m.reserved, 0x5a);
	EXPECT_EQ(p.m.u.brr.reserved, 0x1234);
	EXPECT_EQ(parse(t::hex(hexes[1])).m.u.init.reserved, 0xabcd);
	EXPECT_EQ(parse(t::hex(hexes[2])).m.u.be.reserved, 0x7f);
}

TEST(Mh, UnknownTypeKeepsBody)
{
	// scapy_mip6_negative.pcap packet 5: MH type 200.
	auto v = t::hex("3b01c8009ff000000000000000000000");
	mip6_addr_t src = t::addr("2001:db8:2::100"), dst = t::addr("2001:db8:1::1");
	Parsed p = parse(v, &src, &dst);
	ASSERT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.type, 200);
	EXPECT_EQ(p.m.cksum_ok, 1);
	EXPECT_EQ(p.m.body, v.data() + 6);
	EXPECT_EQ(p.m.body_len, 10u);
	EXPECT_EQ(p.m.nopts, 0u);
	EXPECT_EQ(emit(p.m, &src, &dst), t::tohex(v));
}

TEST(Mh, UnknownTypeBodyPadding)
{
	mip6_mh_t m;
	mip6_mh_init(&m, 9);
	auto body = t::hex("aabbcc");
	m.body = body.data();
	m.body_len = 3;
	// 6 + 3 = 9 octets: PadN(7) brings it to 16.
	EXPECT_EQ(emit(m, nullptr, nullptr, MIP6_EMIT_KEEP_CKSUM), "3b0109000000aabbcc01050000000000");
}

TEST(Mh, EmitFlagsCraftBadHeaders)
{
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BRR);
	m.checksum = 0xbeef;
	EXPECT_EQ(emit(m, nullptr, nullptr, MIP6_EMIT_KEEP_CKSUM), "3b000000beef0000");
	m.hdr_len = 7;
	// The checksum covers the Header Len as written: 0x67eb - 7.
	EXPECT_EQ(emit(m, &kCn, &kHoa, MIP6_EMIT_KEEP_HLEN), "3b07000067e40000");
	EXPECT_EQ(emit(m, nullptr, nullptr, MIP6_EMIT_KEEP_HLEN | MIP6_EMIT_KEEP_CKSUM), "3b070000beef0000");
	m.proto = 6;
	EXPECT_EQ(emit(m, nullptr, nullptr, MIP6_EMIT_KEEP_CKSUM), "06000000beef0000");
}

TEST(Mh, EmitErrors)
{
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BU);
	uint8_t out[64];
	// The checksum needs both addresses unless it is kept.
	EXPECT_EQ(mip6_mh_emit(&m, nullptr, &kCn, 0, out, sizeof out), MIP6_E_INVAL);
	EXPECT_EQ(mip6_mh_emit(&m, &kHoa, nullptr, 0, out, sizeof out), MIP6_E_INVAL);
	EXPECT_EQ(mip6_mh_emit(nullptr, &kHoa, &kCn, 0, out, sizeof out), MIP6_E_INVAL);
	m.nopts = MIP6_MH_MAX_OPTS + 1;
	EXPECT_EQ(mip6_mh_emit(&m, &kHoa, &kCn, 0, out, sizeof out), MIP6_E_INVAL);

	// More than (255 + 1) * 8 octets cannot be described by Header Len.
	mip6_mh_init(&m, MIP6_MH_BU);
	for (int i = 0; i < 9; i++) {
		mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_PADN);
		o->len = 255;
	}
	std::vector<uint8_t> big(4096);
	EXPECT_EQ(mip6_mh_emit(&m, &kHoa, &kCn, 0, big.data(), big.size()), MIP6_E_LEN);
	mip6_mh_init(&m, 9);
	m.body_len = 4000;
	EXPECT_EQ(mip6_mh_emit(&m, &kHoa, &kCn, 0, big.data(), big.size()), MIP6_E_LEN);
}

// Every capacity short of the message fails with NOSPC and writes nothing
// past the capacity.
TEST(Mh, EmitNeverWritesPastCapacity)
{
	auto rr = t::hex(kRrBu); // the decoded record points into it
	Parsed p = parse(rr);
	ASSERT_EQ(p.rc, 0);
	mip6_mh_t hand;
	mip6_mh_init(&hand, MIP6_MH_BA);
	ASSERT_NE(mip6_mh_add_opt(&hand, MIP6_OPT_ALTCOA), nullptr);
	mip6_mhopt_t *o = mip6_mh_add_opt(&hand, MIP6_OPT_MNAUTH);
	o->len = 17;
	hand.u.ba.seq = 9;
	for (const mip6_mh_t *m : {&p.m, &hand}) {
		uint8_t full[MIP6_MH_MAX_LEN];
		int n = mip6_mh_emit(m, &kHoa, &kCn, 0, full, sizeof full);
		ASSERT_GT(n, 0);
		for (int cap = 0; cap < n; cap++) {
			std::vector<uint8_t> buf((size_t)n + 8, 0xee);
			EXPECT_EQ(mip6_mh_emit(m, &kHoa, &kCn, 0, buf.data(), (size_t)cap), MIP6_E_NOSPC) << cap;
			for (size_t i = (size_t)cap; i < buf.size(); i++)
				ASSERT_EQ(buf[i], 0xee) << "cap " << cap << " wrote at " << i;
		}
		std::vector<uint8_t> exact((size_t)n);
		EXPECT_EQ(mip6_mh_emit(m, &kHoa, &kCn, 0, exact.data(), exact.size()), n);
		EXPECT_EQ(t::tohex(exact), t::tohex(full, (size_t)n));
	}
}

TEST(Mh, SetChecksumInPlace)
{
	auto v = t::hex(kRrBu);
	v[4] = v[5] = 0x55;
	mip6_mh_set_cksum(v.data(), v.size(), &kHoa, &kCn);
	EXPECT_EQ(v[4], 0xfe);
	EXPECT_EQ(v[5], 0x2f);
	Parsed p = parse(v, &kHoa, &kCn);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.cksum_ok, 1);
}

TEST(Mh, Names)
{
	const char *want[] = {"BRR", "HoTI", "CoTI", "HoT", "CoT", "BU", "BA", "BE"};
	for (uint8_t i = 0; i < 8; i++)
		EXPECT_STREQ(mip6_mh_type_name(i), want[i]);
	EXPECT_EQ(mip6_mh_type_name(8), nullptr);
	EXPECT_EQ(mip6_mh_type_name(255), nullptr);

	EXPECT_STREQ(mip6_mhopt_name(MIP6_OPT_PAD1), "pad1");
	EXPECT_STREQ(mip6_mhopt_name(MIP6_OPT_PADN), "padn");
	EXPECT_STREQ(mip6_mhopt_name(MIP6_OPT_BRA), "binding-refresh-advice");
	EXPECT_STREQ(mip6_mhopt_name(MIP6_OPT_ALTCOA), "alternate-coa");
	EXPECT_STREQ(mip6_mhopt_name(MIP6_OPT_NONCE), "nonce-indices");
	EXPECT_STREQ(mip6_mhopt_name(MIP6_OPT_AUTH), "binding-auth-data");
	EXPECT_STREQ(mip6_mhopt_name(MIP6_OPT_MNP), "mobile-network-prefix");
	EXPECT_STREQ(mip6_mhopt_name(MIP6_OPT_MNID), "mn-id");
	EXPECT_STREQ(mip6_mhopt_name(MIP6_OPT_MNAUTH), "mn-auth");
	EXPECT_STREQ(mip6_mhopt_name(MIP6_OPT_MESGID), "mesg-id");
	EXPECT_STREQ(mip6_mhopt_name(MIP6_OPT_BID), "binding-id");
	EXPECT_EQ(mip6_mhopt_name(7), nullptr);
	EXPECT_EQ(mip6_mhopt_name(36), nullptr);

	EXPECT_STREQ(mip6_ba_status_name(0), "Binding Update accepted");
	EXPECT_STREQ(mip6_ba_status_name(135), "Sequence number out of window");
	EXPECT_STREQ(mip6_ba_status_name(141), "Invalid Prefix");
	EXPECT_STREQ(mip6_ba_status_name(146), "MIPV6-AUTH-FAIL");
	EXPECT_STREQ(mip6_ba_status_name(169), "MCOA SIMULTANEOUS HOME AND FOREIGN PROHIBITED");
	EXPECT_EQ(mip6_ba_status_name(2), nullptr);
	EXPECT_EQ(mip6_ba_status_name(200), nullptr);
	// Every status the header names has a name.
	for (int s : {0, 1, 4, 5, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144,
		      145, 146, 164, 165, 166, 167, 168, 169})
		EXPECT_NE(mip6_ba_status_name((uint8_t)s), nullptr) << s;
}
