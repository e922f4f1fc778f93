// SPDX-License-Identifier: BSD-3-Clause
// Whole-packet decode and the header builders: HAO, RTHDR2, nested tunnels,
// checksums over the Mobile IPv6 pseudo-header, strict and lenient modes.
#include <gtest/gtest.h>

#include <memory>

#include "test_util.h"

extern "C" {
#include "mip6/packet.h"
}

namespace {
const mip6_addr_t kHoa = t::addr("2001:db8:1::100");
const mip6_addr_t kCoa = t::addr("2001:db8:2::100");
const mip6_addr_t kHa = t::addr("2001:db8:1::1");
const mip6_addr_t kCn = t::addr("2001:db8:9::9");

struct Pkt {
	uint8_t mem[512];
	mip6_buf_t b;
	Pkt() { mip6_buf_init(&b, mem, sizeof(mem), 256); }
	std::vector<uint8_t> bytes() const { return {mip6_buf_data(&b), mip6_buf_data(&b) + b.len}; }
};

// Appends an MH message whose checksum covers ck_src -> ck_dst.
void put_mh(Pkt &p, const mip6_mh_t &m, const mip6_addr_t &ck_src, const mip6_addr_t &ck_dst)
{
	uint8_t tmp[MIP6_MH_MAX_LEN];
	int n = mip6_mh_emit(&m, &ck_src, &ck_dst, 0, tmp, sizeof(tmp));
	ASSERT_GT(n, 0);
	memcpy(mip6_buf_put(&p.b, (size_t)n), tmp, (size_t)n);
}

mip6_ip6_t ip(const mip6_addr_t &src, const mip6_addr_t &dst, uint8_t nxt)
{
	mip6_ip6_t h{};
	h.src = src;
	h.dst = dst;
	h.nxt = nxt;
	h.hlim = 64;
	return h;
}

mip6_mh_t home_bu()
{
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BU);
	m.u.bu.seq = 1000;
	m.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H;
	m.u.bu.lifetime = 250;
	return m;
}

// A home registration as the MN sends it: CoA -> HA, HAO carrying the HoA.
std::vector<uint8_t> bu_with_hao()
{
	Pkt p;
	put_mh(p, home_bu(), kHoa, kHa);
	EXPECT_EQ(mip6_buf_push_hao(&p.b, MIP6_PROTO_MH, &kHoa), 0);
	auto h = ip(kCoa, kHa, MIP6_PROTO_DSTOPTS);
	EXPECT_EQ(mip6_buf_push_ip6(&p.b, &h), 0);
	return p.bytes();
}

std::unique_ptr<mip6_pkt_t> parse(const std::vector<uint8_t> &b, unsigned flags, int want_rc = 0)
{
	auto pkt = std::make_unique<mip6_pkt_t>();
	int rc = mip6_pkt_parse(b.data(), b.size(), flags, pkt.get());
	EXPECT_EQ(rc, want_rc) << (pkt->diag.why ? pkt->diag.why : "");
	return pkt;
}
} // namespace

TEST(Packet, BindingUpdateWithHao)
{
	auto b = bu_with_hao();
	ASSERT_EQ(b.size(), 40u + 24 + 16);
	auto pkt = parse(b, MIP6_DEC_STRICT);
	ASSERT_EQ(pkt->nlayers, 1u);
	const mip6_layer_t &l = pkt->layer[0];
	EXPECT_EQ(t::str(l.ip.src), "2001:db8:2::100");
	EXPECT_EQ(l.ip.plen, 40);
	ASSERT_TRUE(l.has_hao);
	EXPECT_EQ(t::str(l.hao), "2001:db8:1::100");
	EXPECT_EQ(l.nexthdrs, 1u);
	EXPECT_EQ(l.exthdrs[0], MIP6_PROTO_DSTOPTS);
	EXPECT_EQ(l.upper, MIP6_PROTO_MH);
	EXPECT_EQ(l.upper_off, 64u);
	ASSERT_EQ(pkt->ul, MIP6_UL_MH);
	EXPECT_EQ(pkt->mh.type, MIP6_MH_BU);
	EXPECT_EQ(pkt->mh.u.bu.seq, 1000);
	EXPECT_EQ(pkt->cksum_ok, 1);
	EXPECT_EQ(pkt->warnings, 0u);
}

TEST(Packet, ChecksumOverCoaInsteadOfHoaIsRejected)
{
	// RFC 6275 6.1.1: the pseudo-header source is the home address.
	Pkt p;
	put_mh(p, home_bu(), kCoa, kHa);
	ASSERT_EQ(mip6_buf_push_hao(&p.b, MIP6_PROTO_MH, &kHoa), 0);
	auto h = ip(kCoa, kHa, MIP6_PROTO_DSTOPTS);
	ASSERT_EQ(mip6_buf_push_ip6(&p.b, &h), 0);
	auto strict = parse(p.bytes(), MIP6_DEC_STRICT, MIP6_E_CKSUM);
	EXPECT_EQ(strict->diag.offset, 64u + 4) << "offset of the MH checksum field";
	auto lenient = parse(p.bytes(), MIP6_DEC_LENIENT);
	EXPECT_EQ(lenient->cksum_ok, 0);
	EXPECT_TRUE(lenient->warnings & MIP6_W_CKSUM);
	EXPECT_EQ(lenient->mh.u.bu.seq, 1000);
}

TEST(Packet, BindingAckWithType2RoutingHeader)
{
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BA);
	m.u.ba.status = MIP6_BA_ACCEPTED;
	m.u.ba.seq = 1000;
	m.u.ba.lifetime = 250;
	Pkt p;
	put_mh(p, m, kHa, kHoa); // destination: the home address in the RH2
	ASSERT_EQ(mip6_buf_push_rh2(&p.b, MIP6_PROTO_MH, &kHoa), 0);
	auto h = ip(kHa, kCoa, MIP6_PROTO_ROUTING);
	ASSERT_EQ(mip6_buf_push_ip6(&p.b, &h), 0);
	auto pkt = parse(p.bytes(), MIP6_DEC_STRICT);
	const mip6_layer_t &l = pkt->layer[0];
	ASSERT_TRUE(l.has_rh);
	EXPECT_EQ(l.rh.type, 2);
	EXPECT_EQ(t::str(l.rh.first), "2001:db8:1::100");
	EXPECT_EQ(t::str(*mip6_layer_cksum_dst(&l)), "2001:db8:1::100");
	EXPECT_EQ(pkt->mh.type, MIP6_MH_BA);
	EXPECT_EQ(pkt->cksum_ok, 1);
}

TEST(Packet, NestedTunnelsKeepOuterAndInnerAddresses)
{
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_HOTI);
	memcpy(m.u.init.cookie, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	Pkt p;
	put_mh(p, m, kHoa, kCn);
	auto inner = ip(kHoa, kCn, MIP6_PROTO_MH);
	ASSERT_EQ(mip6_buf_push_ip6(&p.b, &inner), 0);
	ASSERT_EQ(mip6_buf_encap(&p.b, &kCoa, &kHa, 64), 0);
	auto pkt = parse(p.bytes(), MIP6_DEC_STRICT);
	ASSERT_EQ(pkt->nlayers, 2u);
	EXPECT_EQ(t::str(pkt->layer[0].ip.src), "2001:db8:2::100");
	EXPECT_EQ(t::str(pkt->layer[0].ip.dst), "2001:db8:1::1");
	EXPECT_EQ(pkt->layer[0].upper, MIP6_PROTO_IPV6);
	EXPECT_EQ(pkt->layer[1].off, 40u);
	EXPECT_EQ(t::str(pkt->layer[1].ip.src), "2001:db8:1::100");
	EXPECT_EQ(pkt->mh.type, MIP6_MH_HOTI);
	EXPECT_EQ(pkt->cksum_ok, 1);

	// Four levels are the limit; a fifth header is refused, not recursed into.
	for (int i = 0; i < 3; i++)
		ASSERT_EQ(mip6_buf_encap(&p.b, &kCoa, &kHa, 64), 0);
	auto deep = parse(p.bytes(), MIP6_DEC_LENIENT, MIP6_E_DEPTH);
	EXPECT_STREQ(deep->diag.why, "too many nested IPv6-in-IPv6 tunnels");
}

TEST(Packet, UdpChecksumUsesHomeAddressAndZeroIsInvalid)
{
	Pkt p;
	uint8_t *u = mip6_buf_put(&p.b, 12);
	const uint8_t udp[12] = {0x04, 0xd2, 0x16, 0x2e, 0x00, 0x0c, 0, 0, 'p', 'i', 'n', 'g'};
	memcpy(u, udp, sizeof(udp));
	uint16_t c = mip6_cksum_pseudo(&kHoa, &kCn, 12, MIP6_PROTO_UDP, u, 12);
	u[6] = (uint8_t)(c >> 8);
	u[7] = (uint8_t)c;
	ASSERT_EQ(mip6_buf_push_hao(&p.b, MIP6_PROTO_UDP, &kHoa), 0);
	auto h = ip(kCoa, kCn, MIP6_PROTO_DSTOPTS);
	ASSERT_EQ(mip6_buf_push_ip6(&p.b, &h), 0);
	auto pkt = parse(p.bytes(), MIP6_DEC_STRICT);
	EXPECT_EQ(pkt->ul, MIP6_UL_UDP);
	EXPECT_EQ(pkt->sport, 1234);
	EXPECT_EQ(pkt->dport, 5678);
	EXPECT_EQ(pkt->cksum_ok, 1);

	auto zero = p.bytes();
	zero[64 + 6] = zero[64 + 7] = 0; // RFC 8200 8.1: not allowed over IPv6
	auto z = parse(zero, MIP6_DEC_STRICT, MIP6_E_CKSUM);
	EXPECT_STREQ(z->diag.why, "UDP checksum does not verify");
}

TEST(Packet, TruncatedCaptureAndTrailingBytes)
{
	auto b = bu_with_hao();
	auto cut = b;
	cut.resize(b.size() - 3);
	auto strict = parse(cut, MIP6_DEC_STRICT, MIP6_E_TRUNC);
	EXPECT_STREQ(strict->diag.why, "IPv6 payload length exceeds the bytes available");
	// Lenient mode records the short capture and still reads the headers
	// (whether the cut MH itself decodes is the MH decoder's call).
	mip6_pkt_t lenient;
	mip6_pkt_parse(cut.data(), cut.size(), MIP6_DEC_LENIENT, &lenient);
	EXPECT_TRUE(lenient.warnings & MIP6_W_CAPLEN);
	EXPECT_TRUE(lenient.layer[0].has_hao);
	EXPECT_EQ(lenient.cksum_ok, -1) << "a cut packet cannot be checksummed";

	auto longer = b;
	longer.push_back(0xee);
	auto trail = parse(longer, MIP6_DEC_STRICT, MIP6_E_LEN);
	EXPECT_STREQ(trail->diag.why, "bytes after the end of the IPv6 payload");
	auto ok = parse(longer, MIP6_DEC_LENIENT);
	EXPECT_TRUE(ok->warnings & MIP6_W_TRAILING);
	EXPECT_EQ(ok->cksum_ok, 1);
}

TEST(Packet, EveryTruncationFailsCleanlyInStrictMode)
{
	auto b = bu_with_hao();
	for (size_t n = 0; n < b.size(); n++) {
		std::vector<uint8_t> cut(b.begin(), b.begin() + (long)n); // exact-size heap copy for ASan
		mip6_pkt_t pkt;
		EXPECT_LT(mip6_pkt_parse(cut.data(), cut.size(), MIP6_DEC_STRICT, &pkt), 0) << n;
		EXPECT_NE(pkt.diag.why, nullptr) << n;
		mip6_pkt_parse(cut.data(), cut.size(), MIP6_DEC_LENIENT, &pkt); // must not crash
	}
}

TEST(Packet, NonFirstFragmentStopsBeforeUpperLayer)
{
	Pkt p;
	memset(mip6_buf_put(&p.b, 16), 0xab, 16);
	uint8_t *f = mip6_buf_push(&p.b, 8);
	const uint8_t frag[8] = {MIP6_PROTO_MH, 0, 0x00, 0x10, 0, 0, 0, 1}; // offset 2 (x8)
	memcpy(f, frag, 8);
	auto h = ip(kCoa, kHa, MIP6_PROTO_FRAGMENT);
	ASSERT_EQ(mip6_buf_push_ip6(&p.b, &h), 0);
	auto pkt = parse(p.bytes(), MIP6_DEC_STRICT);
	EXPECT_TRUE(pkt->layer[0].has_frag);
	EXPECT_EQ(pkt->ul, MIP6_UL_OTHER);
}

TEST(Packet, DraftMobilityHeaderUnder62IsReadOnlyWhenLenient)
{
	Pkt p;
	put_mh(p, home_bu(), kHoa, kHa);
	auto h = ip(kHoa, kHa, MIP6_PROTO_MH_OLD);
	ASSERT_EQ(mip6_buf_push_ip6(&p.b, &h), 0);
	auto strict = parse(p.bytes(), MIP6_DEC_STRICT);
	EXPECT_EQ(strict->ul, MIP6_UL_OTHER);
	auto lenient = parse(p.bytes(), MIP6_DEC_LENIENT);
	ASSERT_EQ(lenient->ul, MIP6_UL_MH);
	EXPECT_TRUE(lenient->warnings & MIP6_W_OLD_MH);
	EXPECT_EQ(lenient->mh.u.bu.seq, 1000);
	EXPECT_EQ(lenient->cksum_ok, -1) << "the drafts' pseudo-header differs; not checked";
}
