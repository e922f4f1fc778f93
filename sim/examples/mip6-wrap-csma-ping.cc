// SPDX-License-Identifier: BSD-3-Clause
// Two nodes on a CSMA link, their devices wrapped by Mip6WrapNetDevice, one
// pinging the other over IPv6; the hooks print every IPv6 packet they see.
// Writes mip6-wrap-csma-ping-<node>-<device>.pcap.
//   mip6-wrap-csma-ping [--count=N] [--pcap=true]
#include "ns3/command-line.h"
#include "ns3/csma-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/mip6-module.h"
#include "ns3/ping6.h"
#include "ns3/simulator.h"

#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
	uint32_t count = 3;
	bool pcap = false;
	CommandLine cmd(__FILE__);
	cmd.AddValue("count", "echo requests to send", count);
	cmd.AddValue("pcap", "write a pcap of each CSMA device", pcap);
	cmd.Parse(argc, argv);

	NodeContainer nodes;
	nodes.Create(2);
	CsmaHelper csma;
	NetDeviceContainer inner = csma.Install(nodes);
	NetDeviceContainer wrapped = Mip6WrapHelper().Install(inner);
	InternetStackHelper stack;
	stack.SetIpv4StackInstall(false);
	stack.Install(nodes);
	Ipv6AddressHelper addr;
	addr.SetBase(Ipv6Address("2001:db8:1::"), Ipv6Prefix(64));
	Ipv6InterfaceContainer ifs = addr.Assign(wrapped);

	for (uint32_t i = 0; i < wrapped.GetN(); i++) {
		auto print = [](const char* dir) {
			return [dir](Ptr<Mip6WrapNetDevice> dev, std::vector<uint8_t>& b) {
				std::cout << Simulator::Now().As(Time::MS) << " node " << dev->GetNode()->GetId() << ' '
					  << dir << ' ' << b.size() << " bytes, next header " << unsigned(b[6])
					  << '\n';
				return Mip6WrapNetDevice::HOOK_PASS;
			};
		};
		Ptr<Mip6WrapNetDevice> dev = DynamicCast<Mip6WrapNetDevice>(wrapped.Get(i));
		dev->SetInputHook(print("in "));
		dev->SetOutputHook(print("out"));
	}

	Ptr<Ping6> ping = CreateObject<Ping6>();
	ping->SetAttribute("LocalIpv6", Ipv6AddressValue(ifs.GetAddress(0, 1)));
	ping->SetAttribute("RemoteIpv6", Ipv6AddressValue(ifs.GetAddress(1, 1)));
	ping->SetAttribute("MaxPackets", UintegerValue(count));
	nodes.Get(0)->AddApplication(ping);
	ping->SetStartTime(Seconds(1));
	if (pcap) {
		csma.EnablePcapAll("mip6-wrap-csma-ping");
	}
	Simulator::Stop(Seconds(2 + count));
	Simulator::Run();
	Simulator::Destroy();
	return 0;
}
