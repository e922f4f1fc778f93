// SPDX-License-Identifier: BSD-3-Clause
// Mip6WrapNetDevice over Wi-Fi infrastructure (one AP, one station): the
// station associates, its link change reaches callbacks added on the
// wrapper, Radvd's router advertisements reach the station's input hook as
// bytes the core parses, and a ping runs through both wrappers.
#include "sim-test-util.h"

#include "ns3/mip6-wrap-helper.h"

#include "ns3/internet-stack-helper.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-interface-container.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/mobility-model.h"
#include "ns3/mobility-helper.h"
#include "ns3/position-allocator.h"
#include "ns3/radvd-helper.h"
#include "ns3/simulator.h"
#include "ns3/ssid.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/wifi-helper.h"
#include "ns3/wifi-mac-helper.h"
#include "ns3/wifi-net-device.h"
#include "ns3/yans-wifi-helper.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace mip6test;

namespace
{

// Node 0 is the AP (and router), node 1 the station.
struct Bss {
	NodeContainer nodes;
	NetDeviceContainer inner, wrapped;
	Ipv6InterfaceContainer ifs;
	HookLog log[2];
	std::vector<Mac48Address> assoc;
	std::vector<double> linkChanges;
	std::vector<double> deassocAt;

	Bss()
	{
		nodes.Create(2);
		YansWifiChannelHelper channel = YansWifiChannelHelper::Default();
		YansWifiPhyHelper phy;
		phy.SetChannel(channel.Create());
		WifiHelper wifi;
		wifi.SetStandard(WIFI_STANDARD_80211a);
		WifiMacHelper mac;
		Ssid ssid("mip6");
		mac.SetType("ns3::ApWifiMac", "Ssid", SsidValue(ssid));
		inner.Add(wifi.Install(phy, mac, nodes.Get(0)));
		mac.SetType("ns3::StaWifiMac", "Ssid", SsidValue(ssid));
		inner.Add(wifi.Install(phy, mac, nodes.Get(1)));

		MobilityHelper mobility;
		Ptr<ListPositionAllocator> pos = CreateObject<ListPositionAllocator>();
		pos->Add(Vector(0, 0, 0));
		pos->Add(Vector(10, 0, 0));
		mobility.SetPositionAllocator(pos);
		mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
		mobility.Install(nodes);

		wrapped = Mip6WrapHelper().Install(inner);
		InternetStackHelper stack;
		stack.SetIpv4StackInstall(false);
		stack.Install(nodes);
		Ipv6AddressHelper addr;
		addr.SetBase(Ipv6Address("2001:db8:2::"), Ipv6Prefix(64));
		// The AP gets a global address; the station only its link-local one
		// and autoconfigures from the router advertisements.
		ifs.Add(addr.Assign(NetDeviceContainer(wrapped.Get(0))));
		ifs.Add(addr.AssignWithoutAddress(NetDeviceContainer(wrapped.Get(1))));
		ifs.SetForwarding(0, true);

		RadvdHelper radvd;
		uint32_t apIf = ifs.GetInterfaceIndex(0);
		radvd.AddAnnouncedPrefix(apIf, Ipv6Address("2001:db8:2::"), 64);
		radvd.GetRadvdInterface(apIf)->SetMinRtrAdvInterval(1000);
		radvd.GetRadvdInterface(apIf)->SetMaxRtrAdvInterval(1500);
		ApplicationContainer apps = radvd.Install(nodes.Get(0));
		// Before 1 s, so that every test outlives its start: ns-3.37's
		// Radvd::DoDispose dereferences a socket only StartApplication makes.
		apps.Start(Seconds(0.5));

		for (int i = 0; i < 2; i++) {
			Record(Wrap(i), &log[i]);
		}
		Ptr<WifiNetDevice> sta = DynamicCast<WifiNetDevice>(inner.Get(1));
		sta->GetMac()->TraceConnectWithoutContext("Assoc", MakeCallback(&Bss::OnAssoc, this));
		sta->GetMac()->TraceConnectWithoutContext("DeAssoc", MakeCallback(&Bss::OnDeAssoc, this));
		Wrap(1)->AddLinkChangeCallback(MakeCallback(&Bss::OnLinkChange, this));
	}
	~Bss() { Simulator::Destroy(); }

	void OnAssoc(Mac48Address bssid) { assoc.push_back(bssid); }
	void OnDeAssoc(Mac48Address) { deassocAt.push_back(Simulator::Now().GetSeconds()); }
	void OnLinkChange() { linkChanges.push_back(Simulator::Now().GetSeconds()); }
	Ptr<Mip6WrapNetDevice> Wrap(int i) const { return DynamicCast<Mip6WrapNetDevice>(wrapped.Get(i)); }
	Ipv6Address StaGlobal() const
	{
		Ptr<Ipv6> ipv6 = nodes.Get(1)->GetObject<Ipv6>();
		uint32_t i = ifs.GetInterfaceIndex(1);
		for (uint32_t a = 0; a < ipv6->GetNAddresses(i); a++) {
			Ipv6Address x = ipv6->GetAddress(i, a).GetAddress();
			if (!x.IsLinkLocal()) {
				return x;
			}
		}
		return Ipv6Address::GetAny();
	}
	void Run(double seconds)
	{
		Simulator::Stop(Seconds(seconds));
		Simulator::Run();
	}
};

TEST(WifiWrap, StationAssociatesAndLinkChangeReachesTheWrapper)
{
	Bss b;
	b.Run(1);
	ASSERT_EQ(b.assoc.size(), 1u);
	EXPECT_EQ(b.assoc[0], Mac48Address::ConvertFrom(b.inner.Get(0)->GetAddress()));
	ASSERT_FALSE(b.linkChanges.empty());
	EXPECT_TRUE(b.Wrap(1)->IsLinkUp());
}

TEST(WifiWrap, LinkLossAfterMissedBeaconsReachesTheWrapper)
{
	Bss b;
	// At 2 s the station leaves coverage: no beacon arrives after that.
	Simulator::Schedule(Seconds(2), [&b]() {
		b.nodes.Get(1)->GetObject<MobilityModel>()->SetPosition(Vector(5000, 0, 0));
	});
	b.Run(4);
	ASSERT_EQ(b.deassocAt.size(), 1u);
	// MaxMissedBeacons (10) x BeaconInterval (102.4 ms) after the last beacon heard before 2 s.
	EXPECT_GT(b.deassocAt[0], 2.0 + 10 * 0.1024 - 0.1024);
	EXPECT_LE(b.deassocAt[0], 2.0 + 10 * 0.1024 + 0.01);
	EXPECT_FALSE(b.Wrap(1)->IsLinkUp());
	// Link up at association, link down at the loss, through the wrapper.
	ASSERT_GE(b.linkChanges.size(), 2u);
	EXPECT_DOUBLE_EQ(b.linkChanges.back(), b.deassocAt[0]);
}

TEST(WifiWrap, RadvdAdvertisementsReachTheStationHookAsParsedRAs)
{
	Bss b;
	// ns-3.37's Radvd asks for hop limit 255 with the IPv4 socket tag, which
	// IPv6 ignores: its RAs leave with 64 and an RFC 4861 6.1.2 receiver
	// (the core) drops them. The router's output hook repairs them.
	size_t repaired = 0;
	b.log[0].outVerdict = [&repaired](Ptr<Mip6WrapNetDevice>, Bytes& pkt) {
		if (!Mip6WrapHelper::RepairNdHopLimit(pkt)) {
			return Mip6WrapNetDevice::HOOK_PASS;
		}
		repaired++;
		return Mip6WrapNetDevice::HOOK_REPLACE;
	};
	b.Run(4);
	EXPECT_GE(repaired, 2u);
	size_t ras = 0;
	for (const Bytes& pkt : b.log[1].in) {
		Parsed p = Parse(pkt);
		if (!p.ok || p.pkt.ul != MIP6_UL_ICMP6 || p.pkt.icmp6.type != 134) {
			continue;
		}
		ras++;
		// Sent from the AP's link-local address, with hop limit 255 (RFC 4861 6.1.2).
		EXPECT_EQ(p.pkt.layer[0].ip.hlim, 255);
		Ipv6Address src = Ipv6Address(p.pkt.layer[0].ip.src.b);
		EXPECT_EQ(src, b.ifs.GetAddress(0, 0));
	}
	EXPECT_GE(ras, 2u);
	// ns-3's own SLAAC still ran: the hook passed the RAs on.
	Ipv6Address global = b.StaGlobal();
	EXPECT_TRUE(Ipv6Prefix(64).IsMatch(global, Ipv6Address("2001:db8:2::"))) << global;
}

TEST(WifiWrap, PingFromTheStationToTheAccessPoint)
{
	Bss b;
	DeliveredEcho echoAtSta;
	echoAtSta.Watch(b.nodes.Get(1));
	// Once the station has its autoconfigured address (the start time is relative to then).
	Simulator::Schedule(Seconds(3), [&b]() { Ping(b.nodes.Get(1), b.StaGlobal(), b.ifs.GetAddress(0, 1), 3, 0.5); });
	b.Run(8);
	EXPECT_EQ(echoAtSta.replies, 3u);
	EXPECT_EQ(CountIcmp6(b.log[1].out, 128), 3u);
	EXPECT_EQ(CountIcmp6(b.log[0].in, 128), 3u);
	EXPECT_EQ(CountIcmp6(b.log[0].out, 129), 3u);
	EXPECT_EQ(CountIcmp6(b.log[1].in, 129), 3u);
}

} // namespace
