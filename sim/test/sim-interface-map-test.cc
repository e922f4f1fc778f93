// SPDX-License-Identifier: BSD-3-Clause
// The map between ns-3 Ipv6 interface indexes and the core's interface
// numbers (sim/doc/design.md, "Interface numbering"): what Mip6Node will pass
// the core as ifindex, and what it must never pass.
#include "ns3/csma-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/mip6-interface-map.h"
#include "ns3/mip6-wrap-helper.h"
#include "ns3/simulator.h"

#include "mip6/env.h"

#include <gtest/gtest.h>

using namespace ns3;

TEST(InterfaceMap, LinksKeepTheirIpv6IndexMobilityIsZeroOthersHaveNone)
{
	NodeContainer nodes;
	nodes.Create(2);
	CsmaHelper csma;
	NetDeviceContainer linkA = csma.Install(nodes); // wrapped: a core link
	NetDeviceContainer linkB = csma.Install(nodes); // left unwrapped: no core number
	NetDeviceContainer linkC = csma.Install(nodes); // wrapped, never an Ipv6 interface
	NetDeviceContainer wrappedA = Mip6WrapHelper().Install(linkA);
	NetDeviceContainer wrappedC = Mip6WrapHelper().Install(linkC);
	InternetStackHelper().Install(nodes);
	Ipv6AddressHelper addr;
	addr.SetBase(Ipv6Address("2001:db8:1::"), Ipv6Prefix(64));
	addr.Assign(linkB); // the unwrapped link first: the wrapped one is not ns-3's interface 1
	addr.SetBase(Ipv6Address("2001:db8:2::"), Ipv6Prefix(64));
	addr.Assign(wrappedA);

	Ptr<Node> n = nodes.Get(0);
	Ptr<Ipv6> ipv6 = n->GetObject<Ipv6>();
	Ptr<Mip6WrapNetDevice> wa = DynamicCast<Mip6WrapNetDevice>(wrappedA.Get(0));
	Ptr<Mip6WrapNetDevice> wc = DynamicCast<Mip6WrapNetDevice>(wrappedC.Get(0));
	Ptr<VirtualNetDevice> mip0 = Mip6WrapHelper().InstallMobilityInterface(
	    n, [](Ptr<VirtualNetDevice>, std::vector<uint8_t> &) {});
	uint32_t ifMip0 = ipv6->AddInterface(mip0);
	int32_t nsA = ipv6->GetInterfaceForDevice(wa);
	int32_t nsB = ipv6->GetInterfaceForDevice(linkB.Get(0));
	ASSERT_EQ(nsB, 1);
	ASSERT_EQ(nsA, 2);

	Mip6InterfaceMap map(ipv6);
	EXPECT_EQ(map.AddLink(wa), uint32_t(nsA));
	EXPECT_EQ(map.AddLink(wc), 0u) << "a wrapper that is no Ipv6 interface gets no core number";
	EXPECT_TRUE(map.SetMobility(mip0));
	EXPECT_FALSE(map.SetMobility(wa)) << "a link cannot be the mobility interface";

	uint32_t core = 77, ns = 77;
	ASSERT_TRUE(map.FromNs3(uint32_t(nsA), core));
	EXPECT_EQ(core, uint32_t(nsA));
	ASSERT_TRUE(map.FromNs3(ifMip0, core));
	EXPECT_EQ(core, MIP6_IFINDEX_MOBILITY);
	EXPECT_FALSE(map.FromNs3(0, core)) << "ns-3's loopback is never passed to the core";
	EXPECT_FALSE(map.FromNs3(uint32_t(nsB), core)) << "an unwrapped device is never passed to the core";

	ASSERT_TRUE(map.LinkToNs3(uint32_t(nsA), ns));
	EXPECT_EQ(ns, uint32_t(nsA));
	EXPECT_FALSE(map.LinkToNs3(0, ns)) << "0 is the core's special number, not a link";
	EXPECT_FALSE(map.LinkToNs3(uint32_t(nsB), ns));
	EXPECT_FALSE(map.LinkToNs3(ifMip0, ns))
	    << "the mobility device is 0 for the core, not its ns-3 index";
	ASSERT_TRUE(map.MobilityToNs3(ns));
	EXPECT_EQ(ns, ifMip0);
	EXPECT_EQ(map.GetWrapper(uint32_t(nsA)), wa);
	EXPECT_EQ(map.GetWrapper(uint32_t(nsB)), nullptr);
	Simulator::Destroy();
}
