// SPDX-License-Identifier: BSD-3-Clause
// The home agent's proxy Neighbor Discovery (RFC 6275 10.4.1): when it
// starts to defend a home address (and, with L, the link-local address made
// from it) it multicasts unsolicited Neighbor Advertisements with its own
// link-layer address, repeated RFC 4861's MAX_NEIGHBOR_ADVERTISEMENT times.
#include <map>

#include "test_ha_util.h"

namespace
{

using namespace hat;

const std::vector<uint8_t> kLla = {0x02, 0x00, 0x5e, 0x10, 0x20, 0x30};
const mip6_addr_t kLl = t::addr("fe80::100"); // link-local address with kHoa's interface id

struct HaNa : HaFixture {
	void SetUp() override
	{
		home_lla = kLla;
		ASSERT_EQ(start(), 0);
	}

	std::vector<const t::SentPacket *> nas() const { return fe.sent_icmp6(MIP6_ICMP6_NA); }

	// Checks one NA as RFC 6275 10.4.1 has the home agent send it.
	void expect_proxy_na(const t::SentPacket &s, const mip6_addr_t &target)
	{
		EXPECT_EQ(s.ifindex, kHome);
		ASSERT_EQ(s.pkt->nlayers, 1u);
		const mip6_layer_t &l = s.pkt->layer[0];
		EXPECT_EQ(t::str(l.ip.src), t::str(kHa));
		EXPECT_EQ(t::str(l.ip.dst), "ff02::1");
		EXPECT_EQ(l.ip.hlim, 255); // RFC 4861 7.1.2
		const mip6_icmp6_t &na = s.pkt->icmp6;
		EXPECT_EQ(na.cksum_ok, 1);
		EXPECT_EQ(na.u.nd.flags, MIP6_NA_F_O); // Override; Router and Solicited clear
		EXPECT_EQ(t::str(na.u.nd.target), t::str(target));
		const mip6_nd_opt_t *o = mip6_icmp6_find_opt(&na, MIP6_ND_OPT_TLLA);
		ASSERT_NE(o, nullptr);
		ASSERT_EQ(o->u.lla.len, kLla.size());
		EXPECT_EQ(std::vector<uint8_t>(o->u.lla.addr, o->u.lla.addr + o->u.lla.len), kLla);
	}
};

TEST_F(HaNa, FirstRegistrationIsAnnouncedThreeTimesOneSecondApart)
{
	send(Bu{});
	EXPECT_TRUE(nas().empty()); // not before DAD says the address is free
	dad(0);
	ASSERT_EQ(nas().size(), 1u);
	expect_proxy_na(*nas()[0], kHoa);
	// The proxy entry and the NA come together.
	ASSERT_EQ(ops(MIP6_OP_PROXY_ND_ADD).size(), 1u);

	advance(MIP6_SEC(1) - 1000000);
	EXPECT_EQ(nas().size(), 1u);
	advance(1000000);
	ASSERT_EQ(nas().size(), 2u);
	expect_proxy_na(*nas()[1], kHoa);
	advance(sec(1));
	ASSERT_EQ(nas().size(), 3u);
	expect_proxy_na(*nas()[2], kHoa);
	advance(sec(30));
	EXPECT_EQ(nas().size(), 3u); // MAX_NEIGHBOR_ADVERTISEMENT in all

	// A refresh starts no new announcement: proxying already runs.
	Bu bu;
	bu.seq = 2;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	advance(sec(5));
	EXPECT_EQ(nas().size(), 3u);
}

TEST_F(HaNa, LinkLocalFlagAnnouncesTheLinkLocalAddressToo)
{
	Bu bu;
	bu.flags |= MIP6_BU_F_L;
	send(bu);
	dad(0); // the home address
	EXPECT_TRUE(nas().empty());
	dad(0); // the link-local address (RFC 6275 10.3.1)
	EXPECT_EQ(ba().u.ba.status, 0);
	auto px = ops(MIP6_OP_PROXY_ND_ADD);
	ASSERT_EQ(px.size(), 2u);
	EXPECT_EQ(t::str(px[1].addr), t::str(kLl));
	ASSERT_EQ(nas().size(), 2u);
	expect_proxy_na(*nas()[0], kHoa);
	expect_proxy_na(*nas()[1], kLl);
	for (int i = 0; i < 10; i++)
		advance(sec(1));
	ASSERT_EQ(nas().size(), 6u);
	std::map<std::string, int> per_target;
	for (auto *s : nas())
		per_target[t::str(s->pkt->icmp6.u.nd.target)]++;
	EXPECT_EQ(per_target[t::str(kHoa)], 3);
	EXPECT_EQ(per_target[t::str(kLl)], 3);
}

TEST_F(HaNa, DeregistrationStopsTheRepeats)
{
	registered(Bu{});
	ASSERT_EQ(nas().size(), 1u);
	Bu bu;
	bu.seq = 2;
	bu.lifetime = 0;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(ops(MIP6_OP_PROXY_ND_DEL).size(), 1u);
	for (int i = 0; i < 10; i++)
		advance(sec(1));
	EXPECT_EQ(nas().size(), 1u); // no advertisement for an address no longer defended
}

TEST_F(HaNa, ManyRegistrationsAtOnceEachGetTheirFirstAdvertisement)
{
	// More new bindings in one second than repeats are queued: each still
	// gets its first NA, the repeats go to those that found room.
	const int count = 40;
	for (int i = 0; i < count; i++) {
		Bu bu;
		bu.hoa.b[15] = (uint8_t)(i + 1);
		bu.src.b[15] = (uint8_t)(i + 1);
		registered(bu);
	}
	ASSERT_EQ(nas().size(), (size_t)count);
	for (int i = 0; i < 5; i++)
		advance(sec(1));
	EXPECT_EQ(nas().size(), (size_t)count + 2 * 32);
}

TEST(HaNaNoLla, WithoutALinkLayerAddressNoAdvertisementIsSent)
{
	struct F : HaFixture {
		void TestBody() override {}
	} f;
	ASSERT_EQ(f.start(), 0);
	f.registered(Bu{});
	EXPECT_TRUE(f.fe.sent_icmp6(MIP6_ICMP6_NA).empty());
	EXPECT_TRUE(f.fe.traced(MIP6_EV_HA_DROP_PROXY_NA_NO_LLADDR));
	EXPECT_EQ(f.ops(MIP6_OP_PROXY_ND_ADD).size(), 1u); // proxying itself still runs
	f.TearDown();
}

} // namespace
