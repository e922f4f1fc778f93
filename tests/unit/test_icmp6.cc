// SPDX-License-Identifier: BSD-3-Clause
// ICMPv6 codec: byte-exact round trips of every message and ND option, and
// each flag at its wire position. The expected bytes (checksums included)
// were produced by an independent encoder (Debian's python3-scapy 2.5,
// ICMPv6ND_*, ICMPv6HAAD*, ICMPv6MP*, ICMPv6NDOpt*) and are written out here.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_util.h"

extern "C" {
#include "mip6/decode.h"
#include "mip6/icmp6.h"
}

namespace
{

const char *kLL = "fe80::200:ff:fe00:1";

struct Parsed {
	mip6_icmp6_t m;
	std::vector<uint8_t> bytes; // kept alive: the record points into it
};

// Strict parse with the checksum verified; fails the test otherwise.
void parse_strict(Parsed &p, const std::string &hexstr, const char *src, const char *dst)
{
	p.bytes = t::hex(hexstr);
	mip6_addr_t s = t::addr(src), d = t::addr(dst);
	mip6_diag_t diag{};
	int rc = mip6_icmp6_parse(p.bytes.data(), p.bytes.size(), &s, &d, MIP6_DEC_STRICT, &p.m, &diag);
	ASSERT_EQ(rc, 0) << (diag.why ? diag.why : "");
	EXPECT_EQ(p.m.cksum_ok, 1);
	EXPECT_EQ(p.m.warnings, 0u);
}

std::string emit_hex(const mip6_icmp6_t &m, const char *src, const char *dst)
{
	mip6_addr_t s = t::addr(src), d = t::addr(dst);
	uint8_t out[2048];
	int n = mip6_icmp6_emit(&m, &s, &d, 0, out, sizeof(out));
	if (n < 0)
		return "error " + std::to_string(n);
	return t::tohex(out, static_cast<size_t>(n));
}

// parse then emit gives the input back, byte for byte.
void round_trip(const std::string &hexstr, const char *src, const char *dst, Parsed &p)
{
	parse_strict(p, hexstr, src, dst);
	EXPECT_EQ(emit_hex(p.m, src, dst), t::tohex(t::hex(hexstr)));
}

void set_lla(mip6_nd_opt_t *o, std::vector<uint8_t> a)
{
	o->u.lla.len = static_cast<uint8_t>(a.size());
	memcpy(o->u.lla.addr, a.data(), a.size());
}

} // namespace

// ---- Neighbor Discovery ----

const char *kRS = "8500 7b2c 00000000 0101 000000000001";

TEST(Icmp6, RouterSolicitationWithSourceLLA)
{
	Parsed p;
	round_trip(kRS, kLL, "ff02::2", p);
	EXPECT_EQ(p.m.type, MIP6_ICMP6_RS);
	EXPECT_EQ(p.m.checksum, 0x7b2c);
	ASSERT_EQ(p.m.nopts, 1u);
	EXPECT_EQ(p.m.opts[0].type, MIP6_ND_OPT_SLLA);
	EXPECT_EQ(p.m.opts[0].len, 1);
	ASSERT_EQ(p.m.opts[0].u.lla.len, 6);
	EXPECT_EQ(t::tohex(p.m.opts[0].u.lla.addr, 6), "000000000001");
	EXPECT_EQ(p.m.body, nullptr);

	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_RS);
	set_lla(mip6_icmp6_add_opt(&m, MIP6_ND_OPT_SLLA), t::hex("000000000001"));
	EXPECT_EQ(emit_hex(m, kLL, "ff02::2"), t::tohex(t::hex(kRS)));
}

// RA with M, O, H (RFC 6275 7.1), SLLA, MTU, Prefix Information with L, A
// and R (7.2; with R the prefix field is the router's address), the
// Advertisement Interval (7.3) and Home Agent Information (7.4, pref -5).
const char *kRA = "8600 96cc 40 e0 0708 00007530 000003e8"
                  "0101 000000000001"
                  "0501 0000 000005dc"
                  "0304 40 e0 00015180 00003840 00000000 20010db8000100000000000000000001"
                  "0701 0000 000005dc"
                  "0801 0000 fffb 0708";

TEST(Icmp6, RouterAdvertisementHomeAgent)
{
	Parsed p;
	round_trip(kRA, kLL, "ff02::1", p);
	const mip6_icmp6_t &m = p.m;
	EXPECT_EQ(m.type, MIP6_ICMP6_RA);
	EXPECT_EQ(m.u.ra.hop_limit, 64);
	EXPECT_EQ(m.u.ra.flags, MIP6_RA_F_M | MIP6_RA_F_O | MIP6_RA_F_H);
	EXPECT_EQ(m.u.ra.lifetime, 1800);
	EXPECT_EQ(m.u.ra.reachable, 30000u);
	EXPECT_EQ(m.u.ra.retrans, 1000u);
	ASSERT_EQ(m.nopts, 5u);
	EXPECT_EQ(m.opts[1].type, MIP6_ND_OPT_MTU);
	EXPECT_EQ(m.opts[1].u.mtu, 1500u);
	const mip6_nd_opt_t &pi = m.opts[2];
	EXPECT_EQ(pi.type, MIP6_ND_OPT_PREFIX);
	EXPECT_EQ(pi.len, 4);
	EXPECT_EQ(pi.u.prefix.plen, 64);
	EXPECT_EQ(pi.u.prefix.flags, MIP6_PI_F_L | MIP6_PI_F_A | MIP6_PI_F_R);
	EXPECT_EQ(pi.u.prefix.valid, 86400u);
	EXPECT_EQ(pi.u.prefix.preferred, 14400u);
	EXPECT_EQ(t::str(pi.u.prefix.prefix), "2001:db8:1::1");
	EXPECT_EQ(m.opts[3].type, MIP6_ND_OPT_ADV_INTERVAL);
	EXPECT_EQ(m.opts[3].u.adv_interval_ms, 1500u);
	EXPECT_EQ(m.opts[4].type, MIP6_ND_OPT_HA_INFO);
	EXPECT_EQ(m.opts[4].u.ha_info.pref, -5);
	EXPECT_EQ(m.opts[4].u.ha_info.lifetime, 1800);
	EXPECT_EQ(mip6_icmp6_find_opt(&m, MIP6_ND_OPT_HA_INFO), &m.opts[4]);
	EXPECT_EQ(mip6_icmp6_find_opt(&m, MIP6_ND_OPT_TLLA), nullptr);
}

TEST(Icmp6, RouterAdvertisementBuiltFromRecord)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_RA);
	m.u.ra.hop_limit = 64;
	m.u.ra.flags = MIP6_RA_F_M | MIP6_RA_F_O | MIP6_RA_F_H;
	m.u.ra.lifetime = 1800;
	m.u.ra.reachable = 30000;
	m.u.ra.retrans = 1000;
	set_lla(mip6_icmp6_add_opt(&m, MIP6_ND_OPT_SLLA), t::hex("000000000001"));
	mip6_icmp6_add_opt(&m, MIP6_ND_OPT_MTU)->u.mtu = 1500;
	mip6_nd_opt_t *pi = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_PREFIX);
	pi->u.prefix.plen = 64;
	pi->u.prefix.flags = MIP6_PI_F_L | MIP6_PI_F_A | MIP6_PI_F_R;
	pi->u.prefix.valid = 86400;
	pi->u.prefix.preferred = 14400;
	pi->u.prefix.prefix = t::addr("2001:db8:1::1");
	mip6_icmp6_add_opt(&m, MIP6_ND_OPT_ADV_INTERVAL)->u.adv_interval_ms = 1500;
	mip6_nd_opt_t *ha = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_HA_INFO);
	ha->u.ha_info.pref = -5;
	ha->u.ha_info.lifetime = 1800;
	EXPECT_EQ(emit_hex(m, kLL, "ff02::1"), t::tohex(t::hex(kRA)));
}

// An option this codec does not know (RDNSS, type 25) is kept by pointer;
// the RFC 4191 preference bits (0x08) the record calls reserved are kept.
TEST(Icmp6, UnknownOptionKeptAsData)
{
	Parsed p;
	round_trip("8600 31a8 00 08 0000 00000000 00000000"
	           "1903 0000 00000258 20010db8000000000000000000000053",
	           kLL, "ff02::1", p);
	EXPECT_EQ(p.m.u.ra.flags, 0x08);
	ASSERT_EQ(p.m.nopts, 1u);
	EXPECT_EQ(p.m.opts[0].type, 25);
	EXPECT_EQ(p.m.opts[0].len, 3);
	EXPECT_EQ(p.m.opts[0].u.data, p.bytes.data() + 18);
	EXPECT_EQ(p.m.opts[0].raw, p.bytes.data() + 18);
	EXPECT_EQ(mip6_nd_opt_name(25), nullptr);
}

const char *kNSDad = "8700 4aee 00000000 20010db8000100000000000000000100";

TEST(Icmp6, NeighborSolicitationForDad)
{
	Parsed p;
	round_trip(kNSDad, "::", "ff02::1:ff00:100", p);
	EXPECT_EQ(p.m.type, MIP6_ICMP6_NS);
	EXPECT_EQ(t::str(p.m.u.nd.target), "2001:db8:1::100");
	EXPECT_EQ(p.m.nopts, 0u);

	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_NS);
	m.u.nd.target = t::addr("2001:db8:1::100");
	EXPECT_EQ(emit_hex(m, "::", "ff02::1:ff00:100"), t::tohex(t::hex(kNSDad)));
}

TEST(Icmp6, NeighborSolicitationWithSourceLLA)
{
	Parsed p;
	round_trip("8700 7b97 00000000 fe800000000000000000000000000002 0101 000000000001", kLL,
	           "ff02::1:ff00:2", p);
	EXPECT_EQ(t::str(p.m.u.nd.target), "fe80::2");
	ASSERT_EQ(p.m.nopts, 1u);
	EXPECT_EQ(p.m.opts[0].type, MIP6_ND_OPT_SLLA);
}

// Longer link-layer addresses: 14 bytes fit the record, 22 are kept raw.
TEST(Icmp6, LinkLayerAddressOfLength2And3)
{
	Parsed p2;
	round_trip("8700 d9e6 00000000 fe800000000000000000000000000002 0102 1112131415161718191a1b1c1d1e",
	           kLL, "ff02::1:ff00:2", p2);
	ASSERT_EQ(p2.m.nopts, 1u);
	EXPECT_EQ(p2.m.opts[0].len, 2);
	ASSERT_EQ(p2.m.opts[0].u.lla.len, 14);
	EXPECT_EQ(t::tohex(p2.m.opts[0].u.lla.addr, 14), "1112131415161718191a1b1c1d1e");

	Parsed p3;
	round_trip("8700 0202 00000000 fe800000000000000000000000000002"
	           "0103 0102030405060708090a0b0c0d0e0f10111213141516",
	           kLL, "ff02::1:ff00:2", p3);
	ASSERT_EQ(p3.m.nopts, 1u);
	EXPECT_EQ(p3.m.opts[0].len, 3);
	EXPECT_EQ(p3.m.opts[0].u.lla.len, 0);
	EXPECT_EQ(p3.m.opts[0].raw, p3.bytes.data() + 26);
}

const char *kNA = "8800 68e2 e0000000 20010db8000100000000000000000100 0201 000000000002";

TEST(Icmp6, NeighborAdvertisementRouterSolicitedOverride)
{
	Parsed p;
	round_trip(kNA, "fe80::2", kLL, p);
	EXPECT_EQ(p.m.u.nd.flags, MIP6_NA_F_R | MIP6_NA_F_S | MIP6_NA_F_O);
	EXPECT_EQ(p.m.u.nd.reserved, 0u);
	EXPECT_EQ(t::str(p.m.u.nd.target), "2001:db8:1::100");
	ASSERT_EQ(p.m.nopts, 1u);
	EXPECT_EQ(p.m.opts[0].type, MIP6_ND_OPT_TLLA);
	EXPECT_EQ(t::tohex(p.m.opts[0].u.lla.addr, 6), "000000000002");

	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_NA);
	m.u.nd.flags = MIP6_NA_F_R | MIP6_NA_F_S | MIP6_NA_F_O;
	m.u.nd.target = t::addr("2001:db8:1::100");
	set_lla(mip6_icmp6_add_opt(&m, MIP6_ND_OPT_TLLA), t::hex("000000000002"));
	EXPECT_EQ(emit_hex(m, "fe80::2", kLL), t::tohex(t::hex(kNA)));
}

// Reserved bits are ignored by receivers (RFC 4861) but kept, so the bytes
// come back unchanged.
TEST(Icmp6, ReservedFieldsRoundTripWithoutChecksum)
{
	const char *msgs[] = {
	    "8500 0000 deadbeef",                                       // RS
	    "8700 0000 01020304 fe800000000000000000000000000002",      // NS
	    "8800 0000 a1020304 fe800000000000000000000000000002",      // NA
	    "9000 0000 1234 7fff",                                      // DHAAD request
	    "9200 0000 1234 abcd",                                      // MPS
	    "9300 0000 1234 3fff",                                      // MPA
	    "8500 0000 00000000 0501 abcd 00000500 0701 1234 00000064", // MTU, adv-int
	    "8500 0000 00000000 0801 8001 0001 0002",                   // HA info
	    "8500 0000 00000000 0304 40 1f 00000001 00000002 99999999 20010db8000000000000000000000000",
	};
	for (const char *h : msgs) {
		auto b = t::hex(h);
		mip6_icmp6_t m;
		mip6_diag_t d{};
		ASSERT_EQ(mip6_icmp6_parse(b.data(), b.size(), nullptr, nullptr, MIP6_DEC_STRICT, &m, &d), 0)
		    << h << ": " << (d.why ? d.why : "");
		EXPECT_EQ(m.cksum_ok, -1);
		uint8_t out[128];
		int n = mip6_icmp6_emit(&m, nullptr, nullptr, MIP6_EMIT_KEEP_CKSUM, out, sizeof(out));
		ASSERT_EQ(n, static_cast<int>(b.size())) << h;
		EXPECT_EQ(t::tohex(out, b.size()), t::tohex(b)) << h;
	}
	// Spot checks of where the reserved bits land in the record.
	auto b = t::hex("8800 0000 a1020304 fe800000000000000000000000000002");
	mip6_icmp6_t m;
	ASSERT_EQ(mip6_icmp6_parse(b.data(), b.size(), nullptr, nullptr, 0, &m, nullptr), 0);
	EXPECT_EQ(m.u.nd.flags, 0xa1);
	EXPECT_EQ(m.u.nd.reserved, 0x020304u);
	b = t::hex("8500 0000 00000000 0801 8001 0001 0002");
	ASSERT_EQ(mip6_icmp6_parse(b.data(), b.size(), nullptr, nullptr, 0, &m, nullptr), 0);
	EXPECT_EQ(m.opts[0].reserved, 0x8001u);
	EXPECT_TRUE(m.opts[0].reserved & MIP6_HAI_F_R);
	EXPECT_EQ(m.opts[0].u.ha_info.pref, 1);
	EXPECT_EQ(m.opts[0].u.ha_info.lifetime, 2);
}

// ---- DHAAD and mobile prefix discovery (RFC 6275 6.5-6.8) ----

TEST(Icmp6, DhaadRequest)
{
	const char *with_r = "9000 8404 1234 8000"; // RFC 3963 R flag set
	const char *no_r = "9000 0405 1234 0000";
	const char *src = "2001:db8:2::10", *dst = "2001:db8:1:0:fdff:ffff:ffff:fffe";
	Parsed p;
	round_trip(with_r, src, dst, p);
	EXPECT_EQ(p.m.type, MIP6_ICMP6_DHAAD_REQUEST);
	EXPECT_EQ(p.m.u.dhaad_req.id, 0x1234);
	EXPECT_EQ(p.m.u.dhaad_req.flags, MIP6_DHAAD_F_R);
	round_trip(no_r, src, dst, p);
	EXPECT_EQ(p.m.u.dhaad_req.flags, 0);

	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_DHAAD_REQUEST);
	m.u.dhaad_req.id = 0x1234;
	EXPECT_EQ(emit_hex(m, src, dst), t::tohex(t::hex(no_r)));
	m.u.dhaad_req.flags = MIP6_DHAAD_F_R;
	EXPECT_EQ(emit_hex(m, src, dst), t::tohex(t::hex(with_r)));
}

const char *kDhaadRep =
    "9100 256b 1234 8000 20010db8000100000000000000000001 20010db8000100000000000000000002";

TEST(Icmp6, DhaadReply)
{
	const char *src = "2001:db8:1::1", *dst = "2001:db8:2::10";
	Parsed p;
	round_trip(kDhaadRep, src, dst, p);
	EXPECT_EQ(p.m.u.dhaad_rep.id, 0x1234);
	EXPECT_EQ(p.m.u.dhaad_rep.flags, MIP6_DHAAD_F_R);
	ASSERT_EQ(p.m.u.dhaad_rep.naddrs, 2u);
	EXPECT_EQ(t::str(p.m.u.dhaad_rep.addrs[0]), "2001:db8:1::1");
	EXPECT_EQ(t::str(p.m.u.dhaad_rep.addrs[1]), "2001:db8:1::2");
	EXPECT_EQ(p.m.body, nullptr);

	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_DHAAD_REPLY);
	m.u.dhaad_rep.id = 0x1234;
	m.u.dhaad_rep.flags = MIP6_DHAAD_F_R;
	m.u.dhaad_rep.naddrs = 2;
	m.u.dhaad_rep.addrs[0] = t::addr("2001:db8:1::1");
	m.u.dhaad_rep.addrs[1] = t::addr("2001:db8:1::2");
	EXPECT_EQ(emit_hex(m, src, dst), t::tohex(t::hex(kDhaadRep)));

	round_trip("9100 1330 0007 0000", src, dst, p); // no home agent known
	EXPECT_EQ(p.m.u.dhaad_rep.id, 7);
	EXPECT_EQ(p.m.u.dhaad_rep.naddrs, 0u);
}

TEST(Icmp6, MobilePrefixSolicitation)
{
	Parsed p;
	round_trip("9200 ce26 4321 0000", "2001:db8:1::100", "2001:db8:1::1", p);
	EXPECT_EQ(p.m.type, MIP6_ICMP6_MPS);
	EXPECT_EQ(p.m.u.mps.id, 0x4321);
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_MPS);
	m.u.mps.id = 0x4321;
	EXPECT_EQ(emit_hex(m, "2001:db8:1::100", "2001:db8:1::1"), "9200ce2643210000");
}

const char *kMPA = "9300 254d 4321 c000"
                   "0304 40 c0 00000e10 00000708 00000000 20010db8000100000000000000000000"
                   "0304 30 40 ffffffff ffffffff 00000000 20010db8000500000000000000000000";

TEST(Icmp6, MobilePrefixAdvertisement)
{
	const char *src = "2001:db8:1::1", *dst = "2001:db8:1::100";
	Parsed p;
	round_trip(kMPA, src, dst, p);
	EXPECT_EQ(p.m.u.mpa.id, 0x4321);
	EXPECT_EQ(p.m.u.mpa.flags, MIP6_MPA_F_M | MIP6_MPA_F_O);
	ASSERT_EQ(p.m.nopts, 2u);
	EXPECT_EQ(p.m.opts[0].u.prefix.plen, 64);
	EXPECT_EQ(p.m.opts[0].u.prefix.flags, MIP6_PI_F_L | MIP6_PI_F_A);
	EXPECT_EQ(p.m.opts[0].u.prefix.valid, 3600u);
	EXPECT_EQ(p.m.opts[0].u.prefix.preferred, 1800u);
	EXPECT_EQ(t::str(p.m.opts[0].u.prefix.prefix), "2001:db8:1::");
	EXPECT_EQ(p.m.opts[1].u.prefix.plen, 48);
	EXPECT_EQ(p.m.opts[1].u.prefix.flags, MIP6_PI_F_A);
	EXPECT_EQ(p.m.opts[1].u.prefix.valid, 0xffffffffu);
	EXPECT_EQ(t::str(p.m.opts[1].u.prefix.prefix), "2001:db8:5::");

	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_MPA);
	m.u.mpa.id = 0x4321;
	m.u.mpa.flags = MIP6_MPA_F_M | MIP6_MPA_F_O;
	mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_PREFIX);
	o->u.prefix = {64, MIP6_PI_F_L | MIP6_PI_F_A, 3600, 1800, t::addr("2001:db8:1::")};
	o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_PREFIX);
	o->u.prefix = {48, MIP6_PI_F_A, 0xffffffff, 0xffffffff, t::addr("2001:db8:5::")};
	EXPECT_EQ(emit_hex(m, src, dst), t::tohex(t::hex(kMPA)));

	round_trip("9300 1047 0001 0000", src, dst, p); // no options
	EXPECT_EQ(p.m.nopts, 0u);
}

// ---- echo and errors (RFC 4443) ----

TEST(Icmp6, EchoRequestAndReply)
{
	Parsed p;
	round_trip("8000 459b 0102 0007 6d697036", "2001:db8::1", "2001:db8::2", p);
	EXPECT_EQ(p.m.u.echo.id, 0x0102);
	EXPECT_EQ(p.m.u.echo.seq, 7);
	ASSERT_EQ(p.m.body_len, 4u);
	EXPECT_EQ(std::string(reinterpret_cast<const char *>(p.m.body), 4), "mip6");

	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_ECHO_REPLY);
	m.u.echo.id = 0x0102;
	m.u.echo.seq = 7;
	m.body = reinterpret_cast<const uint8_t *>("mip6");
	m.body_len = 4;
	EXPECT_EQ(emit_hex(m, "2001:db8::2", "2001:db8::1"), "8100449b010200076d697036");
}

// The invoking packet: an IPv6 header with an MH whose payload proto is 58.
#define INVOKING                                                                                             \
	"600000000008874020010db800000000000000000000000220010db80000000000000000000000013a00000000000000"

TEST(Icmp6, ErrorMessagesCarryParamAndInvokingPacket)
{
	struct {
		const char *hex;
		uint8_t type, code;
		uint32_t param;
	} cases[] = {
	    {"0400 2332 00000028" INVOKING, MIP6_ICMP6_PARAM_PROB, 0, 40}, // pointer to Payload Proto
	    {"0200 205a 00000500" INVOKING, MIP6_ICMP6_PKT_TOO_BIG, 0, 1280},
	    {"0103 2657 00000000" INVOKING, MIP6_ICMP6_DST_UNREACH, 3, 0},
	    {"0300 245a 00000000" INVOKING, MIP6_ICMP6_TIME_EXCEEDED, 0, 0},
	};
	for (auto &c : cases) {
		Parsed p;
		round_trip(c.hex, "2001:db8::1", "2001:db8::2", p);
		EXPECT_EQ(p.m.type, c.type);
		EXPECT_EQ(p.m.code, c.code);
		EXPECT_EQ(p.m.u.err.param, c.param);
		EXPECT_EQ(p.m.body, p.bytes.data() + 8);
		EXPECT_EQ(p.m.body_len, 48u);

		mip6_icmp6_t m;
		mip6_icmp6_init(&m, c.type);
		m.code = c.code;
		m.u.err.param = c.param;
		auto inv = t::hex(INVOKING);
		m.body = inv.data();
		m.body_len = static_cast<unsigned>(inv.size());
		EXPECT_EQ(emit_hex(m, "2001:db8::1", "2001:db8::2"), t::tohex(t::hex(c.hex)));
	}
}

TEST(Icmp6, UnknownTypeKeepsBodyAfterHeader)
{
	auto b = t::hex("c8 05 1234 0102030405");
	mip6_icmp6_t m;
	mip6_diag_t d{};
	ASSERT_EQ(mip6_icmp6_parse(b.data(), b.size(), nullptr, nullptr, MIP6_DEC_STRICT, &m, &d), 0);
	EXPECT_EQ(m.type, 200);
	EXPECT_EQ(m.code, 5);
	EXPECT_EQ(m.checksum, 0x1234);
	EXPECT_EQ(m.body, b.data() + 4);
	EXPECT_EQ(m.body_len, 5u);
	EXPECT_EQ(mip6_icmp6_type_name(200), nullptr);
	uint8_t out[16];
	ASSERT_EQ(mip6_icmp6_emit(&m, nullptr, nullptr, MIP6_EMIT_KEEP_CKSUM, out, sizeof(out)), 9);
	EXPECT_EQ(t::tohex(out, 9), "c80512340102030405");
}

// ---- every flag at its wire position ----

TEST(Icmp6, EachFlagAtItsBit)
{
	struct Case {
		const char *what;
		uint8_t type;
		void (*set)(mip6_icmp6_t *);
		bool (*get)(const mip6_icmp6_t *);
		size_t off;   // byte of the message that holds the flag
		uint8_t byte; // its expected value
	};
	static const Case cases[] = {
	    {"RA M", MIP6_ICMP6_RA, [](mip6_icmp6_t *m) { m->u.ra.flags = MIP6_RA_F_M; },
	     [](const mip6_icmp6_t *m) { return m->u.ra.flags == MIP6_RA_F_M; }, 5, 0x80},
	    {"RA O", MIP6_ICMP6_RA, [](mip6_icmp6_t *m) { m->u.ra.flags = MIP6_RA_F_O; },
	     [](const mip6_icmp6_t *m) { return m->u.ra.flags == MIP6_RA_F_O; }, 5, 0x40},
	    {"RA H", MIP6_ICMP6_RA, [](mip6_icmp6_t *m) { m->u.ra.flags = MIP6_RA_F_H; },
	     [](const mip6_icmp6_t *m) { return m->u.ra.flags == MIP6_RA_F_H; }, 5, 0x20},
	    {"NA R", MIP6_ICMP6_NA, [](mip6_icmp6_t *m) { m->u.nd.flags = MIP6_NA_F_R; },
	     [](const mip6_icmp6_t *m) { return m->u.nd.flags == MIP6_NA_F_R; }, 4, 0x80},
	    {"NA S", MIP6_ICMP6_NA, [](mip6_icmp6_t *m) { m->u.nd.flags = MIP6_NA_F_S; },
	     [](const mip6_icmp6_t *m) { return m->u.nd.flags == MIP6_NA_F_S; }, 4, 0x40},
	    {"NA O", MIP6_ICMP6_NA, [](mip6_icmp6_t *m) { m->u.nd.flags = MIP6_NA_F_O; },
	     [](const mip6_icmp6_t *m) { return m->u.nd.flags == MIP6_NA_F_O; }, 4, 0x20},
	    {"MPA M", MIP6_ICMP6_MPA, [](mip6_icmp6_t *m) { m->u.mpa.flags = MIP6_MPA_F_M; },
	     [](const mip6_icmp6_t *m) { return m->u.mpa.flags == MIP6_MPA_F_M; }, 6, 0x80},
	    {"MPA O", MIP6_ICMP6_MPA, [](mip6_icmp6_t *m) { m->u.mpa.flags = MIP6_MPA_F_O; },
	     [](const mip6_icmp6_t *m) { return m->u.mpa.flags == MIP6_MPA_F_O; }, 6, 0x40},
	    {"DHAAD-REQ R", MIP6_ICMP6_DHAAD_REQUEST,
	     [](mip6_icmp6_t *m) { m->u.dhaad_req.flags = MIP6_DHAAD_F_R; },
	     [](const mip6_icmp6_t *m) { return m->u.dhaad_req.flags == MIP6_DHAAD_F_R; }, 6, 0x80},
	    {"DHAAD-REP R", MIP6_ICMP6_DHAAD_REPLY,
	     [](mip6_icmp6_t *m) { m->u.dhaad_rep.flags = MIP6_DHAAD_F_R; },
	     [](const mip6_icmp6_t *m) { return m->u.dhaad_rep.flags == MIP6_DHAAD_F_R; }, 6, 0x80},
	    // Options in an RS: the option starts at offset 8.
	    {"PI L", MIP6_ICMP6_RS,
	     [](mip6_icmp6_t *m) { mip6_icmp6_add_opt(m, MIP6_ND_OPT_PREFIX)->u.prefix.flags = MIP6_PI_F_L; },
	     [](const mip6_icmp6_t *m) { return m->opts[0].u.prefix.flags == MIP6_PI_F_L; }, 8 + 3, 0x80},
	    {"PI A", MIP6_ICMP6_RS,
	     [](mip6_icmp6_t *m) { mip6_icmp6_add_opt(m, MIP6_ND_OPT_PREFIX)->u.prefix.flags = MIP6_PI_F_A; },
	     [](const mip6_icmp6_t *m) { return m->opts[0].u.prefix.flags == MIP6_PI_F_A; }, 8 + 3, 0x40},
	    {"PI R", MIP6_ICMP6_RS,
	     [](mip6_icmp6_t *m) { mip6_icmp6_add_opt(m, MIP6_ND_OPT_PREFIX)->u.prefix.flags = MIP6_PI_F_R; },
	     [](const mip6_icmp6_t *m) { return m->opts[0].u.prefix.flags == MIP6_PI_F_R; }, 8 + 3, 0x20},
	    {"HA-info R", MIP6_ICMP6_RS,
	     [](mip6_icmp6_t *m) { mip6_icmp6_add_opt(m, MIP6_ND_OPT_HA_INFO)->reserved = MIP6_HAI_F_R; },
	     [](const mip6_icmp6_t *m) { return m->opts[0].reserved == MIP6_HAI_F_R; }, 8 + 2, 0x80},
	};
	mip6_addr_t s = t::addr("fe80::1"), d = t::addr("ff02::1");
	for (const Case &c : cases) {
		mip6_icmp6_t m;
		mip6_icmp6_init(&m, c.type);
		c.set(&m);
		uint8_t out[64];
		int n = mip6_icmp6_emit(&m, &s, &d, 0, out, sizeof(out));
		ASSERT_GT(n, static_cast<int>(c.off)) << c.what;
		EXPECT_EQ(out[c.off], c.byte) << c.what;
		// Nothing else but type and checksum is non-zero.
		for (int i = 4; i < n; i++) {
			bool opt_hdr = c.off >= 8 && (i == 8 || i == 9);
			if (static_cast<size_t>(i) != c.off && !opt_hdr) {
				EXPECT_EQ(out[i], 0) << c.what << " byte " << i;
			}
		}
		mip6_icmp6_t back;
		mip6_diag_t diag{};
		ASSERT_EQ(
		    mip6_icmp6_parse(out, static_cast<size_t>(n), &s, &d, MIP6_DEC_STRICT, &back, &diag), 0)
		    << c.what << ": " << (diag.why ? diag.why : "");
		EXPECT_TRUE(c.get(&back)) << c.what;
	}
}

// ---- emit details ----

TEST(Icmp6, EmitKeepsGivenChecksum)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_MPS);
	m.u.mps.id = 0x4321;
	m.checksum = 0xbeef;
	uint8_t out[8];
	ASSERT_EQ(mip6_icmp6_emit(&m, nullptr, nullptr, MIP6_EMIT_KEEP_CKSUM, out, sizeof(out)), 8);
	EXPECT_EQ(t::tohex(out, 8), "9200beef43210000");
	// Without the flag the checksum needs the addresses.
	EXPECT_EQ(mip6_icmp6_emit(&m, nullptr, nullptr, 0, out, sizeof(out)), MIP6_E_INVAL);
}

TEST(Icmp6, EmitRejectsSmallBufferAndBadRecords)
{
	mip6_addr_t s = t::addr(kLL), d = t::addr("ff02::1");
	Parsed p;
	parse_strict(p, kRA, kLL, "ff02::1");
	std::vector<uint8_t> out(p.bytes.size());
	for (size_t cap = 0; cap < out.size(); cap++)
		EXPECT_EQ(mip6_icmp6_emit(&p.m, &s, &d, 0, out.data(), cap), MIP6_E_NOSPC) << cap;
	EXPECT_EQ(mip6_icmp6_emit(&p.m, &s, &d, 0, out.data(), out.size()), static_cast<int>(out.size()));

	mip6_icmp6_t m;
	uint8_t buf[4096];
	mip6_icmp6_init(&m, MIP6_ICMP6_ECHO_REQUEST); // echo carries no options
	mip6_icmp6_add_opt(&m, MIP6_ND_OPT_MTU);
	EXPECT_EQ(mip6_icmp6_emit(&m, &s, &d, 0, buf, sizeof(buf)), MIP6_E_INVAL);
	mip6_icmp6_init(&m, MIP6_ICMP6_RS); // unknown option without a length
	mip6_icmp6_add_opt(&m, 99);
	EXPECT_EQ(mip6_icmp6_emit(&m, &s, &d, 0, buf, sizeof(buf)), MIP6_E_INVAL);
	mip6_icmp6_init(&m, MIP6_ICMP6_DHAAD_REPLY);
	m.u.dhaad_rep.naddrs = MIP6_DHAAD_MAX_ADDRS + 1;
	EXPECT_EQ(mip6_icmp6_emit(&m, &s, &d, 0, buf, sizeof(buf)), MIP6_E_INVAL);
	mip6_icmp6_init(&m, MIP6_ICMP6_ECHO_REQUEST);
	m.body_len = 3; // body missing
	EXPECT_EQ(mip6_icmp6_emit(&m, &s, &d, 0, buf, sizeof(buf)), MIP6_E_INVAL);
}

// A set len overrides the natural length: fields are zero-filled to fit
// (the crafting tool uses this to write odd options).
TEST(Icmp6, EmitHonoursOptionLength)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_RS);
	mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_MTU);
	o->u.mtu = 1280;
	o->len = 2;
	uint8_t out[32];
	ASSERT_EQ(mip6_icmp6_emit(&m, nullptr, nullptr, MIP6_EMIT_KEEP_CKSUM, out, sizeof(out)), 24);
	EXPECT_EQ(t::tohex(out, 24), "850000000000000005020000000005000000000000000000");
	// An unknown option of len 1 with no data is written as zeros.
	mip6_icmp6_init(&m, MIP6_ICMP6_RS);
	mip6_icmp6_add_opt(&m, 99)->len = 1;
	ASSERT_EQ(mip6_icmp6_emit(&m, nullptr, nullptr, MIP6_EMIT_KEEP_CKSUM, out, sizeof(out)), 16);
	EXPECT_EQ(t::tohex(out, 16), "85000000000000006301000000000000");
}

TEST(Icmp6, AddOptStopsWhenFull)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_RA);
	for (int i = 0; i < MIP6_ND_MAX_OPTS; i++)
		ASSERT_NE(mip6_icmp6_add_opt(&m, MIP6_ND_OPT_MTU), nullptr);
	EXPECT_EQ(mip6_icmp6_add_opt(&m, MIP6_ND_OPT_MTU), nullptr);
	EXPECT_EQ(m.nopts, static_cast<unsigned>(MIP6_ND_MAX_OPTS));
}

TEST(Icmp6, Names)
{
	EXPECT_STREQ(mip6_icmp6_type_name(MIP6_ICMP6_RS), "RS");
	EXPECT_STREQ(mip6_icmp6_type_name(MIP6_ICMP6_RA), "RA");
	EXPECT_STREQ(mip6_icmp6_type_name(MIP6_ICMP6_NS), "NS");
	EXPECT_STREQ(mip6_icmp6_type_name(MIP6_ICMP6_NA), "NA");
	EXPECT_STREQ(mip6_icmp6_type_name(MIP6_ICMP6_DHAAD_REQUEST), "DHAAD-REQ");
	EXPECT_STREQ(mip6_icmp6_type_name(MIP6_ICMP6_DHAAD_REPLY), "DHAAD-REP");
	EXPECT_STREQ(mip6_icmp6_type_name(MIP6_ICMP6_MPS), "MPS");
	EXPECT_STREQ(mip6_icmp6_type_name(MIP6_ICMP6_MPA), "MPA");
	EXPECT_STREQ(mip6_icmp6_type_name(MIP6_ICMP6_ECHO_REQUEST), "ECHO-REQ");
	EXPECT_STREQ(mip6_icmp6_type_name(MIP6_ICMP6_PARAM_PROB), "PARAM-PROB");
	EXPECT_EQ(mip6_icmp6_type_name(0), nullptr);
	EXPECT_STREQ(mip6_nd_opt_name(MIP6_ND_OPT_SLLA), "slla");
	EXPECT_STREQ(mip6_nd_opt_name(MIP6_ND_OPT_TLLA), "tlla");
	EXPECT_STREQ(mip6_nd_opt_name(MIP6_ND_OPT_PREFIX), "prefix");
	EXPECT_STREQ(mip6_nd_opt_name(MIP6_ND_OPT_MTU), "mtu");
	EXPECT_STREQ(mip6_nd_opt_name(MIP6_ND_OPT_ADV_INTERVAL), "adv-interval");
	EXPECT_STREQ(mip6_nd_opt_name(MIP6_ND_OPT_HA_INFO), "ha-info");
	EXPECT_EQ(mip6_icmp6_min_len(MIP6_ICMP6_NA), 24u);
	EXPECT_EQ(mip6_icmp6_min_len(MIP6_ICMP6_RA), 16u);
	EXPECT_EQ(mip6_icmp6_min_len(MIP6_ICMP6_MPA), 8u);
	EXPECT_EQ(mip6_icmp6_min_len(200), 4u);
}
