// SPDX-License-Identifier: BSD-3-Clause
// Mip6WrapNetDevice over CSMA and point-to-point: IPv6 and neighbor
// discovery work through the wrapper, the hooks see every IPv6 packet with
// the bytes that went on the link, their verdicts are obeyed, SendIpv6
// resolves the next hop, and ns-3's pcap of the link is well formed.
#include "sim-test-util.h"

#include "ns3/mip6-wrap-helper.h"

#include "ns3/csma-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-interface-container.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6-static-routing.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/v4ping.h"

#include <algorithm>

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

using namespace ns3;
using namespace mip6test;

namespace
{

enum class Link { Csma, PointToPoint };

// Two nodes, one link, wrapped devices with IPv6 (and no IPv4) on them.
struct TwoNodes {
	NodeContainer nodes;
	NetDeviceContainer inner;
	NetDeviceContainer wrapped;
	Ipv6InterfaceContainer ifs;
	Ipv4InterfaceContainer ifs4;
	HookLog log[2];
	// What the inner devices put on and took off the link, IPv6 frames only.
	std::vector<Bytes> wireTx[2], wireRx[2];

	explicit TwoNodes(Link link, const std::string& pcap = "", bool ipv4 = false)
	{
		nodes.Create(2);
		if (link == Link::Csma) {
			CsmaHelper csma;
			csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
			csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(5)));
			inner = csma.Install(nodes);
			if (!pcap.empty()) {
				csma.EnablePcap(pcap, inner.Get(0), false, true);
			}
		} else {
			PointToPointHelper p2p;
			p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
			p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(2)));
			inner = p2p.Install(nodes);
		}
		wrapped = Mip6WrapHelper().Install(inner);
		InternetStackHelper stack;
		stack.SetIpv4StackInstall(ipv4);
		stack.Install(nodes);
		if (ipv4) {
			Ipv4AddressHelper addr4;
			addr4.SetBase("10.1.1.0", "255.255.255.0");
			ifs4 = addr4.Assign(wrapped);
		}
		Ipv6AddressHelper addr;
		addr.SetBase(Ipv6Address("2001:db8:1::"), Ipv6Prefix(64));
		ifs = addr.Assign(wrapped);
		for (int i = 0; i < 2; i++) {
			Record(Wrap(i), &log[i]);
			// MacTx/MacRx of both inner devices carry the packet without its link header.
			NS_ABORT_UNLESS(inner.Get(i)->TraceConnectWithoutContext(
				"MacTx", MakeBoundCallback(&TwoNodes::OnWire, &wireTx[i], link)));
			NS_ABORT_UNLESS(inner.Get(i)->TraceConnectWithoutContext(
				"MacRx", MakeBoundCallback(&TwoNodes::OnWire, &wireRx[i], link)));
		}
	}
	~TwoNodes() { Simulator::Destroy(); }

	// A frame as the inner device traced it, link header included: keep the IPv6 packet.
	static void OnWire(std::vector<Bytes>* v, Link link, Ptr<const Packet> p)
	{
		Bytes f(p->GetSize());
		p->CopyData(f.data(), f.size());
		// Ethernet II (type 0x86DD) or PPP (protocol 0x0057, RFC 5072).
		size_t hlen = link == Link::Csma ? 14 : 2;
		bool ipv6 = link == Link::Csma ? f.size() > 14 && f[12] == 0x86 && f[13] == 0xDD
					       : f.size() > 2 && f[0] == 0x00 && f[1] == 0x57;
		if (!ipv6 || f.size() < hlen + 40) {
			return;
		}
		Bytes b(f.begin() + hlen, f.end());
		// Cut the Ethernet padding and FCS trailer: the IPv6 packet is 40 + payload length.
		size_t plen = (size_t(b[4]) << 8) | b[5];
		if (40 + plen < b.size()) {
			b.resize(40 + plen);
		}
		v->push_back(b);
	}

	Ptr<Mip6WrapNetDevice> Wrap(int i) const { return DynamicCast<Mip6WrapNetDevice>(wrapped.Get(i)); }
	Ipv6Address Global(int i) const { return ifs.GetAddress(i, 1); }
	Ipv6Address LinkLocal(int i) const { return ifs.GetAddress(i, 0); }
	void Run(double seconds)
	{
		Simulator::Stop(Seconds(seconds));
		Simulator::Run();
	}
};

// ns-3.37's DAD probe carries a source link-layer address option
// (Icmpv6L4Protocol::DoDAD -> ForgeNS), which RFC 4861 7.1.1 forbids from the
// unspecified address: the core's strict parser rightly refuses it.
bool
IsNs3DadProbe(const Bytes& b)
{
	mip6_pkt_t pkt;
	if (mip6_pkt_parse(b.data(), b.size(), MIP6_DEC_LENIENT, &pkt) != 0 || pkt.ul != MIP6_UL_ICMP6) {
		return false;
	}
	static const uint8_t unspec[16] = {0};
	return pkt.icmp6.type == 135 && pkt.cksum_ok == 1 && memcmp(pkt.layer[0].ip.src.b, unspec, 16) == 0;
}

void
ExpectAllParse(const std::vector<Bytes>& v)
{
	size_t parsed = 0;
	for (const Bytes& b : v) {
		Parsed p = Parse(b);
		if (!p.ok && IsNs3DadProbe(b)) {
			continue;
		}
		EXPECT_TRUE(p.ok) << "a hooked packet the core's parser rejects, " << b.size()
				  << " bytes: " << (p.pkt.diag.why ? p.pkt.diag.why : "");
		if (p.pkt.ul == MIP6_UL_ICMP6) {
			EXPECT_EQ(p.pkt.cksum_ok, 1);
		}
		parsed++;
	}
	EXPECT_GT(parsed, 4u);
}

class WiredWrap : public ::testing::TestWithParam<Link>
{
};

TEST_P(WiredWrap, PingOverGlobalAddressesThroughTheWrapper)
{
	TwoNodes t(GetParam());
	DeliveredEcho echoAtA;
	echoAtA.Watch(t.nodes.Get(0));
	ASSERT_FALSE(t.Global(0).IsLinkLocal());
	Ping(t.nodes.Get(0), t.Global(0), t.Global(1), 3, 2.0);
	t.Run(8);

	EXPECT_EQ(echoAtA.replies, 3u);
	EXPECT_EQ(CountIcmp6(t.log[0].out, 128), 3u);
	EXPECT_EQ(CountIcmp6(t.log[1].in, 128), 3u);
	EXPECT_EQ(CountIcmp6(t.log[1].out, 129), 3u);
	EXPECT_EQ(CountIcmp6(t.log[0].in, 129), 3u);
	if (GetParam() == Link::Csma) {
		// Address resolution ran through the hooks: A solicits, B advertises.
		EXPECT_GE(CountIcmp6(t.log[0].out, 135), 1u);
		EXPECT_GE(CountIcmp6(t.log[1].in, 135), 1u);
		EXPECT_GE(CountIcmp6(t.log[1].out, 136), 1u);
		EXPECT_GE(CountIcmp6(t.log[0].in, 136), 1u);
	}
}

TEST_P(WiredWrap, HooksSeeEveryIpv6PacketWithTheBytesOfTheLink)
{
	TwoNodes t(GetParam());
	Ping(t.nodes.Get(0), t.Global(0), t.Global(1), 2, 2.0);
	Ping(t.nodes.Get(1), t.LinkLocal(1), t.LinkLocal(0), 2, 4.5);
	t.Run(9);
	for (int i = 0; i < 2; i++) {
		// Passing hooks: the link carried exactly what each hook was shown, in order.
		EXPECT_GT(t.log[i].out.size(), 4u);
		EXPECT_EQ(t.log[i].out, t.wireTx[i]) << "node " << i << " output";
		EXPECT_EQ(t.log[i].in, t.wireRx[i]) << "node " << i << " input";
		ExpectAllParse(t.log[i].out);
		ExpectAllParse(t.log[i].in);
	}
}

TEST_P(WiredWrap, ConsumedEchoRequestsGetNoReply)
{
	TwoNodes t(GetParam());
	t.log[1].inVerdict = [](Ptr<Mip6WrapNetDevice>, Bytes& b) {
		return IsIcmp6(b, 128) ? Mip6WrapNetDevice::HOOK_CONSUMED : Mip6WrapNetDevice::HOOK_PASS;
	};
	DeliveredEcho echoAtA;
	echoAtA.Watch(t.nodes.Get(0));
	Ping(t.nodes.Get(0), t.Global(0), t.Global(1), 3, 2.0);
	t.Run(8);
	EXPECT_EQ(CountIcmp6(t.log[1].in, 128), 3u); // they arrived ...
	EXPECT_EQ(CountIcmp6(t.log[1].out, 129), 0u); // ... and went no further
	EXPECT_EQ(echoAtA.replies, 0u);
}

TEST_P(WiredWrap, ReplacedBytesAreWhatTheLinkCarries)
{
	TwoNodes t(GetParam());
	// The output hook rewrites the hop limit of A's echo requests.
	t.log[0].outVerdict = [](Ptr<Mip6WrapNetDevice>, Bytes& b) {
		if (!IsIcmp6(b, 128)) {
			return Mip6WrapNetDevice::HOOK_PASS;
		}
		b[7] = 7;
		return Mip6WrapNetDevice::HOOK_REPLACE;
	};
	DeliveredEcho echoAtA;
	echoAtA.Watch(t.nodes.Get(0));
	Ping(t.nodes.Get(0), t.Global(0), t.Global(1), 2, 2.0);
	t.Run(6);
	size_t requests = 0;
	for (const Bytes& b : t.log[1].in) {
		if (IsIcmp6(b, 128)) {
			requests++;
			EXPECT_EQ(b[7], 7);
		}
	}
	EXPECT_EQ(requests, 2u);
	EXPECT_EQ(echoAtA.replies, 2u);
}

TEST_P(WiredWrap, SendIpv6ResolvesTheNextHopAndSkipsTheOutputHook)
{
	TwoNodes t(GetParam());
	DeliveredEcho echoAtA;
	echoAtA.Watch(t.nodes.Get(0));
	Bytes req = EchoRequest(t.Global(0), t.Global(1), 0x1234, 1, 24);
	ASSERT_TRUE(Parse(req).ok);
	bool sent = false;
	// Nothing has been sent to B before: the NDisc cache has no entry, so the
	// packet waits for neighbor discovery.
	Simulator::Schedule(Seconds(2), [&]() { sent = t.Wrap(0)->SendIpv6(req, Ipv6Address::GetAny()); });
	t.Run(5);
	ASSERT_TRUE(sent);
	EXPECT_EQ(std::count(t.log[1].in.begin(), t.log[1].in.end(), req), 1);
	EXPECT_EQ(std::count(t.log[0].out.begin(), t.log[0].out.end(), req), 0);
	EXPECT_EQ(std::count(t.wireTx[0].begin(), t.wireTx[0].end(), req), 1);
	ASSERT_EQ(echoAtA.replies, 1u);
	EXPECT_EQ(echoAtA.ids[0], 0x1234);
	if (GetParam() == Link::Csma) {
		EXPECT_GE(CountIcmp6(t.log[0].out, 135), 1u);
	}
}

void
CountRtt(size_t* n, Time)
{
	(*n)++;
}

TEST_P(WiredWrap, Ipv4AndArpPassUntouchedBesideIpv6)
{
	TwoNodes t(GetParam(), "", true);
	Ptr<V4Ping> ping4 = CreateObject<V4Ping>();
	ping4->SetAttribute("Remote", Ipv4AddressValue(t.ifs4.GetAddress(1)));
	t.nodes.Get(0)->AddApplication(ping4);
	ping4->SetStartTime(Seconds(2));
	ping4->SetStopTime(Seconds(4.5));
	size_t rtts = 0;
	ping4->TraceConnectWithoutContext("Rtt", MakeBoundCallback(&CountRtt, &rtts));
	DeliveredEcho echoAtA;
	echoAtA.Watch(t.nodes.Get(0));
	Ping(t.nodes.Get(0), t.Global(0), t.Global(1), 2, 2.0);
	t.Run(6);
	EXPECT_EQ(rtts, 3u); // 2, 3 and 4 s: IPv4 (and ARP on CSMA) crossed both wrappers
	EXPECT_EQ(echoAtA.replies, 2u);
	for (int i = 0; i < 2; i++) {
		for (const Bytes& b : t.log[i].in) {
			EXPECT_EQ(b[0] >> 4, 6);
		}
		for (const Bytes& b : t.log[i].out) {
			EXPECT_EQ(b[0] >> 4, 6);
		}
	}
}

TEST_P(WiredWrap, SendIpv6RefusesWhatIsNotIpv6)
{
	TwoNodes t(GetParam());
	Bytes junk(60, 0x45);
	EXPECT_FALSE(t.Wrap(0)->SendIpv6(junk, t.Global(1)));
	Bytes shortPkt(20, 0x60);
	EXPECT_FALSE(t.Wrap(0)->SendIpv6(shortPkt, t.Global(1)));
	Bytes longer = EchoRequest(t.Global(0), t.Global(1), 1, 1, 8);
	longer.push_back(0); // one byte past the payload length
	EXPECT_FALSE(t.Wrap(0)->SendIpv6(longer, t.Global(1)));
	longer.pop_back();
	EXPECT_TRUE(t.Wrap(0)->SendIpv6(longer, t.Global(1)));
}

TEST_P(WiredWrap, ReplacementThatIsNoIpv6PacketIsDropped)
{
	TwoNodes t(GetParam());
	t.log[1].inVerdict = [](Ptr<Mip6WrapNetDevice>, Bytes& b) {
		if (!IsIcmp6(b, 128)) {
			return Mip6WrapNetDevice::HOOK_PASS;
		}
		b.resize(10);
		return Mip6WrapNetDevice::HOOK_REPLACE;
	};
	DeliveredEcho echoAtA;
	echoAtA.Watch(t.nodes.Get(0));
	Ping(t.nodes.Get(0), t.Global(0), t.Global(1), 2, 2.0);
	t.Run(5);
	EXPECT_EQ(CountIcmp6(t.log[1].in, 128), 2u); // they arrived, were cut to 10 bytes ...
	EXPECT_EQ(CountIcmp6(t.log[1].out, 129), 0u);
	EXPECT_EQ(echoAtA.replies, 0u);
}

INSTANTIATE_TEST_SUITE_P(Links, WiredWrap, ::testing::Values(Link::Csma, Link::PointToPoint),
			 [](const ::testing::TestParamInfo<Link>& i) {
				 return i.param == Link::Csma ? std::string("Csma") : std::string("PointToPoint");
			 });

TEST(MobilityInterface, CarriesPacketsBetweenTheStackAndTheCore)
{
	TwoNodes t(Link::Csma);
	Ptr<Node> mn = t.nodes.Get(0);
	std::vector<Bytes> toCore;
	Ptr<VirtualNetDevice> mip0 = Mip6WrapHelper().InstallMobilityInterface(
		mn, [&toCore](Ptr<VirtualNetDevice>, Bytes& b) { toCore.push_back(b); });
	Ptr<Ipv6> ipv6 = mn->GetObject<Ipv6>();
	uint32_t ifMip0 = ipv6->AddInterface(mip0);
	Ipv6Address hoa("2001:db8:99::a"), cn("2001:db8:77::1");
	ipv6->AddAddress(ifMip0, Ipv6InterfaceAddress(hoa, Ipv6Prefix(128)));
	ipv6->SetUp(ifMip0);
	// A route that leads into the core (MIP6_IFINDEX_CORE): the CN's prefix via mip0.
	Ipv6StaticRoutingHelper routing;
	routing.GetStaticRouting(ipv6)->AddNetworkRouteTo(Ipv6Address("2001:db8:77::"), Ipv6Prefix(64), ifMip0);
	DeliveredEcho echoAtMn;
	echoAtMn.Watch(mn);

	Ping(mn, hoa, cn, 2, 2.0);
	// The core hands the stack an echo request to the home address, as after decapsulation.
	Bytes fromCn = EchoRequest(cn, hoa, 0x4242, 7, 16);
	Simulator::Schedule(Seconds(5), [&]() {
		EXPECT_TRUE(Mip6WrapHelper::DeliverFromMobilityInterface(mip0, fromCn));
	});
	t.Run(7);

	size_t requests = 0, replies = 0;
	for (const Bytes& b : toCore) {
		Parsed p = Parse(b);
		if (!p.ok || p.pkt.ul != MIP6_UL_ICMP6) {
			continue;
		}
		if (p.pkt.icmp6.type == 128) {
			requests++;
			EXPECT_EQ(Ipv6Address(p.pkt.layer[0].ip.src.b), hoa);
			EXPECT_EQ(Ipv6Address(p.pkt.layer[0].ip.dst.b), cn);
		}
		if (p.pkt.icmp6.type == 129) {
			replies++;
			EXPECT_EQ(p.pkt.icmp6.u.echo.id, 0x4242);
			EXPECT_EQ(Ipv6Address(p.pkt.layer[0].ip.dst.b), cn);
		}
	}
	EXPECT_EQ(requests, 2u); // routed into the core, not onto the CSMA link
	EXPECT_EQ(CountIcmp6(t.log[0].out, 128), 0u);
	EXPECT_EQ(replies, 1u); // the stack answered what the core delivered
}

TEST(WrapPcap, CsmaCaptureOpensInTsharkWithoutMalformedPackets)
{
	// In the build tree, wherever the test runs from.
	const std::string file = std::string(MIP6_SIM_TEST_OUT) + "/mip6-wrap-csma-test.pcap";
	std::remove(file.c_str());
	{
		TwoNodes t(Link::Csma, file);
		Ping(t.nodes.Get(0), t.Global(0), t.Global(1), 3, 2.0);
		t.Run(7);
	} // Simulator::Destroy closes the capture
	if (Shell("command -v tshark").empty()) {
		GTEST_SKIP() << "tshark is not installed";
	}
	std::string frames = Shell("tshark -n -r '" + file + "' -T fields -e icmpv6.type 2>/dev/null");
	size_t echo = 0, nd = 0, lines = 0;
	for (size_t pos = 0; pos < frames.size();) {
		size_t end = frames.find('\n', pos);
		std::string line = frames.substr(pos, end - pos);
		lines++;
		echo += (line == "128" || line == "129") ? 1 : 0;
		nd += (line == "135" || line == "136") ? 1 : 0;
		pos = end == std::string::npos ? frames.size() : end + 1;
	}
	EXPECT_EQ(echo, 6u) << frames;
	EXPECT_GE(nd, 2u) << frames;
	std::string bad = Shell("tshark -n -r '" + file + "' -Y '_ws.malformed || _ws.expert.severity >= error' 2>/dev/null");
	EXPECT_EQ(bad, "") << "tshark reports malformed or erroneous frames:\n" << bad;
	EXPECT_GT(lines, 8u);
}

} // namespace
