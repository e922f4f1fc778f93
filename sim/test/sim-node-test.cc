// SPDX-License-Identifier: BSD-3-Clause
// Mip6Node: the unchanged core as home agent and mobile node in ns-3, on
// wired links: registration after the cable moves to a foreign link, the
// correspondent's traffic through the tunnel both ways, the captures in tshark.
#include "sim-node-world.h"
#include "sim-test-util.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace
{

using namespace ns3;
using namespace mip6test;

bool
InPrefix(const mip6_addr_t& a, const Ipv6Address& prefix)
{
	return Ipv6Prefix(64).IsMatch(Ipv6Address::Deserialize(a.b), prefix);
}

TEST(Mip6Node, AtHomeTheHomeAddressIsOnTheHomeLinkAndAnswersPings)
{
	NodeWorld w;
	w.Start();
	w.PingFromCn(w.hoa, MilliSeconds(500), Seconds(3), Seconds(6));
	Simulator::Stop(Seconds(6));
	Simulator::Run();
	// The core put the home address on the home link's interface (RFC 6275 11.5.5 "at home").
	Ptr<Ipv6> ipv6 = w.nodes.Get(1)->GetObject<Ipv6>();
	EXPECT_GE(ipv6->GetInterfaceForAddress(w.hoa), 0);
	EXPECT_EQ(uint32_t(ipv6->GetInterfaceForAddress(w.hoa)), w.mnIf);
	mip6_view_bul_t b;
	EXPECT_FALSE(w.MnHomeBinding(b) && b.bound) << "nothing to register at home";
	EXPECT_GE(w.RepliesBetween(Seconds(3), Seconds(6)), 5u);
}

TEST(Mip6Node, AwayTheMobileNodeRegistersAndTheCorrespondentReachesItThroughTheTunnel)
{
	NodeWorld w(std::string(MIP6_SIM_TEST_OUT) + "/mip6-node-away");
	w.Start();
	w.PingFromCn(w.hoa, MilliSeconds(500), Seconds(2), Seconds(14));
	Simulator::Schedule(Seconds(5), &NodeWorld::MoveToForeign, &w);
	Simulator::Stop(Seconds(14));
	Simulator::Run();

	mip6_view_bul_t b;
	ASSERT_TRUE(w.MnHomeBinding(b));
	EXPECT_TRUE(b.bound) << "state " << b.state;
	EXPECT_TRUE(InPrefix(b.coa, w.foreignPrefix)) << Ipv6Address::Deserialize(b.coa.b);
	mip6_view_bc_t bc;
	ASSERT_TRUE(w.HaBinding(bc));
	EXPECT_TRUE(mip6_addr_eq(&bc.coa, &b.coa));
	// The home address moved to the mobility interface, the care-of address is on the link.
	Ptr<Ipv6> ipv6 = w.nodes.Get(1)->GetObject<Ipv6>();
	EXPECT_EQ(uint32_t(ipv6->GetInterfaceForAddress(w.hoa)), w.mn->GetMobilityInterface());
	EXPECT_EQ(uint32_t(ipv6->GetInterfaceForAddress(Ipv6Address::Deserialize(b.coa.b))), w.mnIf);
	// Pings before the move and again after the registration.
	EXPECT_GE(w.RepliesBetween(Seconds(2), Seconds(5)), 5u);
	EXPECT_GE(w.RepliesBetween(Seconds(10), Seconds(14)), 7u) << "no replies through the tunnel";
	EXPECT_EQ(w.ha->GetBindStats()->reentries, 0u);
	EXPECT_EQ(w.mn->GetBindStats()->reentries, 0u);
}

} // namespace
