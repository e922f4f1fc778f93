// SPDX-License-Identifier: BSD-3-Clause
// Malformed Mobility Headers: truncation at every offset, bad Header Len,
// bad checksum, payload proto, options past the end, strict vs lenient,
// and mutated input that must never be read out of bounds. Every input is
// copied into a buffer of exactly its size, so the sanitizer build catches
// any read past it.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <random>

#include "test_util.h"

extern "C" {
#include "mip6/mh.h"
}

namespace {

struct Parsed {
	int rc;
	mip6_mh_t m;
	mip6_diag_t d;
	std::unique_ptr<uint8_t[]> input; // what the record's pointers point into
};

// Parses the first n octets of v from a heap block of exactly n octets.
Parsed parse_exact(const std::vector<uint8_t> &v, size_t n, unsigned flags, const mip6_addr_t *src = nullptr,
		   const mip6_addr_t *dst = nullptr)
{
	std::unique_ptr<uint8_t[]> buf(new uint8_t[n ? n : 1]);
	if (n)
		std::memcpy(buf.get(), v.data(), n);
	Parsed r;
	std::memset(&r.d, 0xff, sizeof r.d); // parse must reset it
	r.rc = mip6_mh_parse(buf.get(), n, src, dst, flags, &r.m, &r.d);
	r.input = std::move(buf);
	return r;
}

Parsed parse(const std::vector<uint8_t> &v, unsigned flags = MIP6_DEC_STRICT, const mip6_addr_t *src = nullptr,
	     const mip6_addr_t *dst = nullptr)
{
	return parse_exact(v, v.size(), flags, src, dst);
}

const mip6_addr_t kZeekSrc = t::addr("2001:4f8:4:7:2e0:81ff:fe52:ffff");
const mip6_addr_t kZeekDst = t::addr("2001:4f8:4:7:2e0:81ff:fe52:9a6b");
const mip6_addr_t kHoa = t::addr("2001:db8:1::100");
const mip6_addr_t kHa = t::addr("2001:db8:1::1");
const mip6_addr_t kCn = t::addr("2001:db8:9::9");

// Valid messages of every type and many options.
const char *kValid[] = {
	"3b000000d9970000",                                                  // BRR (Zeek)
	"3b010100d88d00000000000000000001",                                  // HoTI (Zeek)
	"3b020300d56a000d000000000000000f00000000000000ff",                  // HoT (Zeek)
	"3b0105000364 0025 d000 0003 0102 0000",                             // BU (Zeek)
	"3b010600d1da 00 80 002a 0008 0102 0000",                            // BA (Zeek)
	"3b020700b0d8 01 00 20010078000100320000000000000001",               // BE (Zeek)
	"3b030500fe2f123480000040040400010002050c86cfe4068848c63b0e9b0123", // RR BU
	"3b030500bb3f03e9c40001000612004020010db8aaaa00010000000000000000", // NEMO BU (scapy)
	"3b0405004b1603eac000010001040000000023140002000020010db8000300000000000000000100", // MCoA BU
	("3b060500000000010000000201000310 20010db8000200000000000000000100 0404 0001 0002"
	 "0102 0000 050c 111111111111111111111111"),                          // RO BU, hand-made
	"3b0305000000000100000002 00 0911 01 00001000 222222222222222222222222", // MN-AUTH
	"3b01c8009ff000000000000000000000",                                  // unknown type 200
};

} // namespace

// Every proper prefix of a valid message is rejected in strict mode with
// a reason, and never read past its end.
TEST(MhMalformed, TruncationAtEveryOffsetStrict)
{
	for (const char *hex : kValid) {
		auto v = t::hex(hex);
		ASSERT_EQ(parse(v).rc, 0) << hex;
		for (size_t n = 0; n < v.size(); n++) {
			SCOPED_TRACE(std::string(hex) + " cut at " + std::to_string(n));
			Parsed p = parse_exact(v, n, MIP6_DEC_STRICT);
			EXPECT_EQ(p.rc, MIP6_E_TRUNC);
			EXPECT_EQ(p.d.err, MIP6_E_TRUNC);
			ASSERT_NE(p.d.why, nullptr);
			if (n < 6) {
				EXPECT_STREQ(p.d.why, "MH shorter than its 6-octet header (RFC 6275 6.1.1)");
				EXPECT_EQ(p.d.offset, n);
			} else {
				EXPECT_STREQ(p.d.why, "Header Len says more octets than the input holds");
				EXPECT_EQ(p.d.offset, 1u);
			}
		}
	}
}

// Lenient mode decodes what was captured and says so; a cut option ends
// option parsing; nothing is read past the input.
TEST(MhMalformed, TruncationAtEveryOffsetLenient)
{
	for (const char *hex : kValid) {
		auto v = t::hex(hex);
		for (size_t n = 0; n < v.size(); n++) {
			SCOPED_TRACE(std::string(hex) + " cut at " + std::to_string(n));
			Parsed p = parse_exact(v, n, MIP6_DEC_LENIENT, &kHoa, &kCn);
			if (n < 6) {
				EXPECT_EQ(p.rc, MIP6_E_TRUNC);
				continue;
			}
			EXPECT_EQ(p.rc, 0);
			EXPECT_TRUE(p.m.warnings & MIP6_W_CAPLEN);
			EXPECT_EQ(p.m.cksum_ok, -1); // a cut MH cannot be checksummed
			EXPECT_EQ(p.m.type, v[2]);
			EXPECT_LE(p.m.nopts, (unsigned)MIP6_MH_MAX_OPTS);
		}
	}
	// Cut inside the Nonce Indices option of the RR BU: the option is
	// dropped, flagged, and the fixed fields are still there.
	auto v = t::hex(kValid[6]);
	Parsed p = parse_exact(v, 15, MIP6_DEC_LENIENT);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.warnings, (uint32_t)(MIP6_W_CAPLEN | MIP6_W_OPT_TRUNC));
	EXPECT_EQ(p.m.u.bu.seq, 0x1234);
	EXPECT_EQ(p.m.nopts, 0u);
	// Cut inside the authenticator: Nonce Indices survives.
	p = parse_exact(v, 25, MIP6_DEC_LENIENT);
	EXPECT_EQ(p.rc, 0);
	ASSERT_EQ(p.m.nopts, 1u);
	EXPECT_EQ(p.m.opts[0].type, MIP6_OPT_NONCE);
	EXPECT_EQ(p.m.opts[0].u.nonce.careof, 2);
	// Cut inside the fixed fields: those present are shown, the rest 0.
	p = parse_exact(v, 9, MIP6_DEC_LENIENT);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.u.bu.seq, 0x1234);
	EXPECT_EQ(p.m.u.bu.flags, 0x8000);
	EXPECT_EQ(p.m.u.bu.lifetime, 0);
}

TEST(MhMalformed, HeaderLenBelowMinimum)
{
	// scapy_mip6_negative.pcap packet 3: a BU with Header Len 0.
	auto v = t::hex("3b00050062f90001");
	Parsed p = parse(v, MIP6_DEC_STRICT);
	EXPECT_EQ(p.rc, MIP6_E_LEN);
	EXPECT_STREQ(p.d.why, "Header Len below the minimum for the MH type (RFC 6275 9.2)");
	EXPECT_EQ(p.d.offset, 1u);
	p = parse(v, MIP6_DEC_LENIENT);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.warnings, (uint32_t)MIP6_W_MINLEN);
	EXPECT_EQ(p.m.u.bu.seq, 1);

	// Each type one unit short of its minimum (none for BRR, whose
	// minimum is the 8-octet header itself).
	struct {
		uint8_t type;
		unsigned min_hl;
	} mins[] = {{MIP6_MH_HOTI, 1}, {MIP6_MH_COTI, 1}, {MIP6_MH_HOT, 2}, {MIP6_MH_COT, 2},
		    {MIP6_MH_BU, 1},   {MIP6_MH_BA, 1},   {MIP6_MH_BE, 2}};
	for (const auto &m : mins) {
		SCOPED_TRACE(int(m.type));
		std::vector<uint8_t> b(32, 0);
		b[0] = 59;
		b[2] = m.type;
		b[1] = (uint8_t)(m.min_hl - 1);
		std::vector<uint8_t> cut(b.begin(), b.begin() + (b[1] + 1) * 8);
		EXPECT_EQ(parse(cut).rc, MIP6_E_LEN);
		b[1] = (uint8_t)m.min_hl;
		std::vector<uint8_t> ok(b.begin(), b.begin() + (b[1] + 1) * 8);
		// The zero bytes after the fixed part are Pad1 options.
		EXPECT_EQ(parse(ok).rc, 0);
	}
	// Header Len 0 with the fields present after it: lenient shows them.
	v = t::hex("3b000100000000000102030405060708");
	p = parse(v, MIP6_DEC_LENIENT);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.warnings, (uint32_t)(MIP6_W_MINLEN | MIP6_W_TRAILING));
	EXPECT_EQ(t::tohex(p.m.u.init.cookie, 8), "0102030405060708");
}

TEST(MhMalformed, HeaderLenBeyondInput)
{
	auto v = t::hex("3b020500000000010000000201020000"); // says 24, holds 16
	Parsed p = parse(v);
	EXPECT_EQ(p.rc, MIP6_E_TRUNC);
	EXPECT_STREQ(p.d.why, "Header Len says more octets than the input holds");
	p = parse(v, MIP6_DEC_LENIENT);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.warnings, (uint32_t)MIP6_W_CAPLEN);
	EXPECT_EQ(p.m.hdr_len, 2);
	EXPECT_EQ(p.m.u.bu.lifetime, 2);

	// Octets after the MH are not part of it.
	v = t::hex("3b00000067eb0000 deadbeef");
	p = parse(v, MIP6_DEC_STRICT, &kCn, &kHoa);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.cksum_ok, 1);
	p = parse(v, MIP6_DEC_LENIENT, &kCn, &kHoa);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.warnings, (uint32_t)MIP6_W_TRAILING);
}

TEST(MhMalformed, BadChecksum)
{
	// Zeek mip6-bad-mh-chksum.pcap: a BE with checksum 0x0001.
	auto v = t::hex("3b02070000010100 20010078000100320000000000000001");
	Parsed p = parse(v, MIP6_DEC_STRICT, &kZeekSrc, &kZeekDst);
	EXPECT_EQ(p.rc, MIP6_E_CKSUM);
	EXPECT_STREQ(p.d.why, "MH checksum does not verify (RFC 6275 6.1.1)");
	EXPECT_EQ(p.d.offset, 4u);
	EXPECT_EQ(p.m.cksum_ok, 0);
	p = parse(v, MIP6_DEC_LENIENT, &kZeekSrc, &kZeekDst);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.warnings, (uint32_t)MIP6_W_CKSUM);
	EXPECT_EQ(p.m.cksum_ok, 0);
	EXPECT_EQ(p.m.checksum, 1);
	EXPECT_EQ(p.m.u.be.status, 1);
	// Without addresses the checksum is not checked.
	p = parse(v);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.cksum_ok, -1);

	// scapy_mip6_negative.pcap packet 2: checksum 0x1234 (HoA -> HA).
	v = t::hex("3b01050012340001c000000301020000");
	p = parse(v, MIP6_DEC_STRICT, &kHoa, &kHa);
	EXPECT_EQ(p.rc, MIP6_E_CKSUM);
	// The same with the right checksum passes; each one-bit flip fails.
	v[4] = v[5] = 0;
	mip6_mh_set_cksum(v.data(), v.size(), &kHoa, &kHa);
	ASSERT_EQ(parse(v, MIP6_DEC_STRICT, &kHoa, &kHa).rc, 0);
	for (size_t i = 0; i < v.size() * 8; i++) {
		auto bad = v;
		bad[i / 8] ^= (uint8_t)(1u << (i % 8));
		Parsed q = parse(bad, MIP6_DEC_LENIENT, &kHoa, &kHa);
		// A larger Header Len leaves the MH cut: then it is not checked.
		EXPECT_EQ(q.m.cksum_ok, bad[1] <= v[1] ? 0 : -1) << i;
	}
	// The wrong pseudo-header (CoA instead of the HoA) fails too.
	mip6_addr_t coa = t::addr("2001:db8:2::100");
	EXPECT_EQ(parse(v, MIP6_DEC_STRICT, &coa, &kHa).rc, MIP6_E_CKSUM);
}

TEST(MhMalformed, PayloadProtoNot59)
{
	// scapy_mip6_negative.pcap packet 4: a BA with payload proto 6.
	auto v = t::hex("06010600956e00800001000001020000");
	mip6_addr_t src = t::addr("2001:db8:1::1"), dst = t::addr("2001:db8:2::100");
	Parsed p = parse(v, MIP6_DEC_STRICT, &src, &dst);
	EXPECT_EQ(p.rc, MIP6_E_PROTO);
	EXPECT_STREQ(p.d.why, "Payload Proto is not 59 (RFC 6275 6.1.1, 9.2)");
	EXPECT_EQ(p.d.offset, 0u);
	p = parse(v, MIP6_DEC_LENIENT, &src, &dst);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.warnings, (uint32_t)MIP6_W_PROTO);
	EXPECT_EQ(p.m.proto, 6);
	EXPECT_EQ(p.m.cksum_ok, 1);
	EXPECT_EQ(p.m.u.ba.flags, MIP6_BA_F_K);
	EXPECT_EQ(p.m.u.ba.seq, 1);
}

TEST(MhMalformed, OptionsRunningPastTheEnd)
{
	// Nonce Indices claiming 10 octets where 2 are left.
	auto v = t::hex("3b0105000000000100000002 040a 0001");
	Parsed p = parse(v);
	EXPECT_EQ(p.rc, MIP6_E_TRUNC);
	EXPECT_STREQ(p.d.why, "mobility option data runs past the end of the MH");
	EXPECT_EQ(p.d.offset, 13u);
	p = parse(v, MIP6_DEC_LENIENT);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.warnings, (uint32_t)MIP6_W_OPT_TRUNC);
	EXPECT_EQ(p.m.nopts, 0u);

	// A type octet in the last position, with no length octet.
	v = t::hex("3b0105000000000100000002 000000 04");
	p = parse(v);
	EXPECT_EQ(p.rc, MIP6_E_TRUNC);
	EXPECT_STREQ(p.d.why, "mobility option header runs past the end of the MH");
	EXPECT_EQ(p.d.offset, 15u);
	p = parse(v, MIP6_DEC_LENIENT);
	EXPECT_EQ(p.rc, 0);
	EXPECT_EQ(p.m.nopts, 3u); // the three Pad1 before it

	// The option fits the input but not the Header Len.
	v = t::hex("3b0105000000000100000002 0106 0000 00000000");
	EXPECT_EQ(parse(v).rc, MIP6_E_TRUNC);
}

// tcpdump's ipv6_mobility_1.pcap: misaligned options and options after the
// authenticator (and all checksums 0). Lenient mode decodes them.
TEST(MhMalformed, TcpdumpMobilityCorpus)
{
	const mip6_addr_t src = t::addr("2001:db8::1"), dst = t::addr("2001:db8::2");
	struct {
		const char *hex;
		int strict;
		uint32_t warnings;
	} cases[] = {
		{"3b00000000000000", MIP6_E_CKSUM, MIP6_W_CKSUM},
		{"3b020500000003e880000e10040404d2162e010400000000", MIP6_E_CKSUM, MIP6_W_CKSUM},
		{"3b030500000003e880000e100310200106604701f004020d54fffe98bc930100", MIP6_E_CKSUM,
		 MIP6_W_CKSUM | MIP6_W_ALIGN},
		{"3b030500000003e880000e10050c8101738d517d516940ec0611010400000000", MIP6_E_CKSUM,
		 MIP6_W_CKSUM | MIP6_W_ALIGN | MIP6_W_ORDER},
		{"3b060500000003e880000e100310200106604701f004020d54fffe98bc93040404d2162e050c8101738d517d51"
		 "6940ec0611010400000000",
		 MIP6_E_CKSUM, MIP6_W_CKSUM | MIP6_W_ALIGN | MIP6_W_ORDER},
		{"3b0306000000000003e80e1002020708050c8101738d517d516940ec06110100", MIP6_E_CKSUM,
		 MIP6_W_CKSUM | MIP6_W_ALIGN | MIP6_W_ORDER},
		{"3b010500000003e880000e1000000000", MIP6_E_CKSUM, MIP6_W_CKSUM},
	};
	for (const auto &c : cases) {
		SCOPED_TRACE(c.hex);
		auto v = t::hex(c.hex);
		EXPECT_EQ(parse(v, MIP6_DEC_STRICT, &src, &dst).rc, c.strict);
		Parsed p = parse(v, MIP6_DEC_LENIENT, &src, &dst);
		EXPECT_EQ(p.rc, 0);
		EXPECT_EQ(p.m.warnings, c.warnings);
		EXPECT_EQ(p.m.cksum_ok, 0);
	}
	// The BU with an Alternate CoA at 12 still yields the address.
	auto v = t::hex(cases[2].hex);
	std::unique_ptr<uint8_t[]> keep(new uint8_t[v.size()]);
	std::memcpy(keep.get(), v.data(), v.size());
	mip6_mh_t m;
	ASSERT_EQ(mip6_mh_parse(keep.get(), v.size(), nullptr, nullptr, MIP6_DEC_LENIENT, &m, nullptr), 0);
	const mip6_mhopt_t *acoa = mip6_mh_find_opt(&m, MIP6_OPT_ALTCOA);
	ASSERT_NE(acoa, nullptr);
	EXPECT_EQ(t::str(acoa->u.altcoa), "2001:660:4701:f004:20d:54ff:fe98:bc93");
	EXPECT_EQ(m.u.bu.seq, 1000);
	EXPECT_EQ(m.u.bu.lifetime, 3600);
}

TEST(MhMalformed, NullArguments)
{
	mip6_mh_t m;
	mip6_diag_t d = {};
	EXPECT_EQ(mip6_mh_parse(nullptr, 8, nullptr, nullptr, 0, &m, &d), MIP6_E_INVAL);
	EXPECT_NE(d.why, nullptr);
	uint8_t b[8] = {59};
	EXPECT_EQ(mip6_mh_parse(b, 8, nullptr, nullptr, 0, nullptr, &d), MIP6_E_INVAL);
	// A diag is optional.
	EXPECT_EQ(mip6_mh_parse(b, 7, nullptr, nullptr, 0, &m, nullptr), MIP6_E_TRUNC);
	EXPECT_EQ(mip6_mh_parse(b, 8, nullptr, nullptr, 0, &m, nullptr), 0);
}

// Mutations of valid messages: whatever strict mode accepts re-emits
// byte for byte; whatever it rejects carries a reason; lenient mode never
// fails past the common header. The sanitizer build checks the bounds.
TEST(MhMalformed, MutatedMessages)
{
	std::mt19937 rng(3775);
	unsigned accepted = 0, rejected = 0;
	for (const char *hex : kValid) {
		auto v = t::hex(hex);
		for (int iter = 0; iter < 400; iter++) {
			auto x = v;
			int flips = 1 + (int)(rng() % 3);
			for (int f = 0; f < flips; f++)
				x[rng() % x.size()] = (uint8_t)rng();
			if (rng() % 4 == 0)
				x.resize(rng() % (x.size() + 1));
			std::unique_ptr<uint8_t[]> buf(new uint8_t[x.size() ? x.size() : 1]);
			if (!x.empty())
				std::memcpy(buf.get(), x.data(), x.size());
			mip6_mh_t m;
			mip6_diag_t d = {};
			int rc = mip6_mh_parse(buf.get(), x.size(), nullptr, nullptr, MIP6_DEC_STRICT, &m, &d);
			if (rc == 0) {
				accepted++;
				uint8_t out[MIP6_MH_MAX_LEN];
				int n = mip6_mh_emit(&m, nullptr, nullptr, MIP6_EMIT_KEEP_CKSUM, out, sizeof out);
				size_t total = (m.hdr_len + 1u) * 8u;
				ASSERT_EQ(n, (int)total) << t::tohex(x);
				EXPECT_EQ(t::tohex(out, (size_t)n), t::tohex(x.data(), total));
			} else {
				rejected++;
				EXPECT_EQ(d.err, rc) << t::tohex(x);
				EXPECT_NE(d.why, nullptr) << t::tohex(x);
			}
			rc = mip6_mh_parse(buf.get(), x.size(), &kHoa, &kCn, MIP6_DEC_LENIENT, &m, &d);
			if (x.size() >= 6) {
				EXPECT_EQ(rc, 0) << t::tohex(x);
			} else {
				EXPECT_EQ(rc, MIP6_E_TRUNC);
			}
		}
	}
	// Both outcomes were exercised.
	EXPECT_GT(accepted, 100u);
	EXPECT_GT(rejected, 100u);
}

// The payloads after the IPv6 header of tcpdump's fuzzed captures
// (mobility_opt_asan*.pcap, ipv6-mobility-header-oobr.pcap; tcpdump reads
// them as mobility through the old protocol number 62). Strict mode
// rejects each, naming a rule; lenient mode decodes within the bytes given.
TEST(MhMalformed, TcpdumpFuzzedPayloads)
{
	const char *payloads[] = {
		"0213 0500 8000 0074 8057 0f80 0002 0004",
		"020f 0500 9000 0074 8057 0f00 0202 0202",
		"06ec 0001 068e 15fe 0600 0400 14",
		"0213 04f7 8000 0074 8057 0f80 0000 0004",
		"020f 0500 9000 9b9d 073e ff53 0300 1000",
		"020f 0500 8000 0074 8057 0f00 0000 3c13 1004 0000 0000 00cc 0100 00fa 0000 fa00 0000 0004 0004 0000 12",
		"0630 3030 30",
	};
	for (const char *hex : payloads) {
		SCOPED_TRACE(hex);
		auto v = t::hex(hex);
		Parsed p = parse(v, MIP6_DEC_STRICT, &kHoa, &kCn);
		EXPECT_EQ(p.rc, MIP6_E_TRUNC);
		EXPECT_NE(p.d.why, nullptr);
		p = parse(v, MIP6_DEC_LENIENT, &kHoa, &kCn);
		if (v.size() < 6) {
			EXPECT_EQ(p.rc, MIP6_E_TRUNC);
			continue;
		}
		EXPECT_EQ(p.rc, 0);
		EXPECT_TRUE(p.m.warnings & MIP6_W_PROTO);
		EXPECT_TRUE(p.m.warnings & MIP6_W_CAPLEN);
		EXPECT_EQ(p.m.cksum_ok, -1);
	}
}

TEST(MhMalformed, EmptyAuthDataOptionDecodedLenientlyEmitsWithoutReadingPastInput)
{
	// Found by fuzz_mh: a Binding Authorization Data option of length 0.
	// Exactly sized heap copy so ASan sees any read past it.
	auto bytes = t::hex("3b010500 0000 03e8 8000 0e10 0500 0000");
	std::vector<uint8_t> in(bytes.begin(), bytes.end());
	mip6_mh_t m;
	mip6_diag_t d{};
	EXPECT_LT(mip6_mh_parse(in.data(), in.size(), nullptr, nullptr, MIP6_DEC_STRICT, &m, &d), 0);
	d = {};
	ASSERT_EQ(mip6_mh_parse(in.data(), in.size(), nullptr, nullptr, MIP6_DEC_LENIENT, &m, &d), 0);
	EXPECT_TRUE(m.warnings & MIP6_W_OPTLEN);
	const mip6_mhopt_t *auth = mip6_mh_find_opt(&m, MIP6_OPT_AUTH);
	ASSERT_NE(auth, nullptr);
	EXPECT_EQ(auth->len, 0);
	uint8_t out[64];
	int n = mip6_mh_emit(&m, nullptr, nullptr, MIP6_EMIT_KEEP_CKSUM, out, sizeof(out));
	EXPECT_GT(n, 0);
}
