// SPDX-License-Identifier: BSD-3-Clause
// Mip6Node: the unchanged core as home agent and mobile node in ns-3, on
// wired links: registration after the cable moves to a foreign link, the
// correspondent's traffic through the tunnel both ways, the captures in tshark.
#include "sim-node-world.h"
#include "sim-test-util.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

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

TEST(Mip6Node, CareOfAddressWaitsForDadAndTheHomeAgentForItsOwnDad)
{
	NodeWorld w;
	w.Start();
	Simulator::Schedule(Seconds(5), &NodeWorld::MoveToForeign, &w);
	Simulator::Stop(Seconds(9));
	Simulator::Run();
	// RFC 4862 5.4: a tentative address is not used before DupAddrDetectTransmits x RetransTimer (1 s).
	Time tentative = w.FirstEvent(1, MIP6_EV_MD_COA_STATE, Seconds(5));
	Time passed = w.FirstEvent(1, MIP6_EV_MD_DAD_PASSED, Seconds(5));
	Time firstBu = w.FirstEvent(1, MIP6_EV_MN_TX_BU, Seconds(5));
	ASSERT_NE(passed, Time::Max());
	EXPECT_GE(passed - tentative, Seconds(1));
	EXPECT_LT(passed - tentative, MilliSeconds(1010));
	EXPECT_GE(firstBu, passed) << "a BU from a tentative care-of address";
	// The HA defends the home address only after its own DAD on the home link (RFC 6275 10.3.1).
	Time bound = w.FirstEvent(0, MIP6_EV_HA_BINDING_CREATED);
	ASSERT_NE(bound, Time::Max());
	EXPECT_GE(bound - firstBu, Seconds(1));
}

TEST(Mip6Node, DuplicateCareOfAddressIsDetectedAndAnotherIsFormed)
{
	NodeWorld w;
	// A stock ns-3 host on the foreign link already owns the address the MN
	// will form from its MAC (modified EUI-64).
	Ptr<Node> squatter = CreateObject<Node>();
	InternetStackHelper().Install(squatter);
	NetDeviceContainer d = CsmaHelper().Install(squatter, w.foreignCh);
	Ipv6InterfaceContainer si = Ipv6AddressHelper().AssignWithoutAddress(d);
	Ipv6Address taken = Ipv6Address::MakeAutoconfiguredAddress(Mac48Address::ConvertFrom(w.mnDev->GetAddress()),
								   w.foreignPrefix);
	NodeWorld::Global(si, 0, taken);
	w.Start();
	Simulator::Schedule(Seconds(5), &NodeWorld::MoveToForeign, &w);
	Simulator::Stop(Seconds(12));
	Simulator::Run();
	Time dup = w.FirstEvent(1, MIP6_EV_MD_DAD_DUPLICATE, Seconds(5));
	ASSERT_NE(dup, Time::Max()) << "the duplicate went unnoticed";
	EXPECT_LT(dup - w.FirstEvent(1, MIP6_EV_MD_COA_STATE, Seconds(5)), Seconds(1)) << "heard the defence at once";
	mip6_view_bul_t b;
	ASSERT_TRUE(w.MnHomeBinding(b));
	EXPECT_TRUE(b.bound) << "state " << b.state;
	EXPECT_TRUE(InPrefix(b.coa, w.foreignPrefix));
	EXPECT_NE(Ipv6Address::Deserialize(b.coa.b), taken);
	EXPECT_LT(w.nodes.Get(1)->GetObject<Ipv6>()->GetInterfaceForAddress(taken), 0);
}

TEST(Mip6Node, ReturningHomeDeregistersAndPingsReachTheHomeLinkAgain)
{
	NodeWorld w;
	w.Start();
	w.PingFromCn(w.hoa, MilliSeconds(500), Seconds(2), Seconds(20));
	Simulator::Schedule(Seconds(5), &NodeWorld::MoveToForeign, &w);
	Simulator::Schedule(Seconds(12), &NodeWorld::MoveHome, &w);
	Simulator::Stop(Seconds(20));
	Simulator::Run();
	mip6_view_bul_t b;
	EXPECT_FALSE(w.MnHomeBinding(b) && b.bound) << "state " << b.state;
	mip6_view_bc_t bc;
	EXPECT_FALSE(w.HaBinding(bc)) << "the HA still tunnels to " << Ipv6Address::Deserialize(bc.coa.b);
	EXPECT_NE(w.FirstEvent(1, MIP6_EV_MN_HOME_USABLE, Seconds(12)), Time::Max());
	Ptr<Ipv6> ipv6 = w.nodes.Get(1)->GetObject<Ipv6>();
	EXPECT_EQ(uint32_t(ipv6->GetInterfaceForAddress(w.hoa)), w.mnIf);
	EXPECT_GE(w.RepliesBetween(Seconds(9), Seconds(12)), 5u);
	EXPECT_GE(w.RepliesBetween(Seconds(16), Seconds(20)), 7u) << "no replies at home after returning";
}

TEST(Mip6Node, ForeignLinkCaptureDecodesAsMobileIpv6InTshark)
{
	const std::string prefix = std::string(MIP6_SIM_TEST_OUT) + "/mip6-node-tshark";
	{
		NodeWorld w(prefix);
		w.Start();
		w.PingFromCn(w.hoa, MilliSeconds(500), Seconds(2), Seconds(12));
		Simulator::Schedule(Seconds(5), &NodeWorld::MoveToForeign, &w);
		Simulator::Stop(Seconds(12));
		Simulator::Run();
	} // Simulator::Destroy closes the captures
	if (Shell("command -v tshark").empty()) {
		GTEST_SKIP() << "tshark is not installed";
	}
	const std::string file = prefix + "-foreign";
	auto count = [&](const std::string& filter) {
		std::string out = Shell("tshark -n -r '" + file + "' -Y '" + filter + "' 2>/dev/null | wc -l");
		return std::stoul(out.empty() ? "0" : out);
	};
	EXPECT_GE(count("mip6.mhtype == 5 && ipv6.opt.mipv6.home_address == fd00:1::100"), 1u) << "BU with HAO";
	EXPECT_GE(count("mip6.mhtype == 6 && ipv6.routing.type == 2 && mip6.ba.status == 0"), 1u) << "BA with RH2";
	// The correspondent's pings inside IPv6-in-IPv6, both ways.
	EXPECT_GE(count("ipv6.src == fd00:1::1 && ipv6.nxt == 41 && icmpv6.type == 128"), 5u);
	EXPECT_GE(count("ipv6.dst == fd00:1::1 && ipv6.nxt == 41 && icmpv6.type == 129"), 5u);
	std::string bad = Shell("tshark -n -r '" + file + "' -Y '_ws.malformed || _ws.expert.severity >= error' 2>/dev/null");
	EXPECT_EQ(bad, "") << "tshark reports malformed or erroneous frames:\n" << bad;
	std::string badHome = Shell("tshark -n -r '" + prefix + "-home' -Y '_ws.malformed || _ws.expert.severity >= error' 2>/dev/null");
	EXPECT_EQ(badHome, "");
}

TEST(Mip6Node, RouteOptimisationTakesTheDirectPathWithHaoAndRoutingHeader)
{
	const std::string prefix = std::string(MIP6_SIM_TEST_OUT) + "/mip6-node-ro";
	size_t before = 0, after = 0;
	bool cnBound = false;
	{
		NodeWorld::Options o;
		o.pcapPrefix = prefix;
		o.cnCore = true;
		o.ro = true;
		NodeWorld w(o);
		w.Start();
		w.PingFromCn(w.hoa, MilliSeconds(500), Seconds(2), Seconds(16));
		Simulator::Schedule(Seconds(5), &NodeWorld::MoveToForeign, &w);
		Simulator::Stop(Seconds(16));
		Simulator::Run();
		mip6_view_bc_t v[4];
		mip6_addr_t h = NodeWorld::Mip6FromNs3(w.hoa);
		size_t n = mip6_view_bc_of(w.cn->GetCore(), &h, v, 4);
		for (size_t i = 0; i < n && i < 4; i++) {
			cnBound = cnBound || (v[i].role == MIP6_NODE_CN);
		}
		before = w.RepliesBetween(Seconds(2), Seconds(5));
		after = w.RepliesBetween(Seconds(12), Seconds(16));
	}
	EXPECT_TRUE(cnBound) << "the correspondent has no binding for the home address";
	EXPECT_GE(before, 5u);
	EXPECT_GE(after, 7u) << "traffic did not resume after route optimisation";
	if (Shell("command -v tshark").empty()) {
		GTEST_SKIP() << "tshark is not installed";
	}
	const std::string file = prefix + "-foreign";
	auto count = [&](const std::string& filter) {
		std::string out = Shell("tshark -n -r '" + file + "' -Y '" + filter + "' 2>/dev/null | wc -l");
		return std::stoul(out.empty() ? "0" : out);
	};
	// Return routability through the tunnel (HoTI/HoT) and direct (CoTI/CoT), then the BU to the CN.
	EXPECT_GE(count("mip6.mhtype == 1"), 1u) << "HoTI";
	EXPECT_GE(count("mip6.mhtype == 2"), 1u) << "CoTI";
	EXPECT_GE(count("mip6.mhtype == 5 && ipv6.dst == fd00:f::3"), 1u) << "BU to the correspondent";
	// The direct path: requests with a type 2 routing header, replies with a Home Address option.
	EXPECT_GE(count("icmpv6.type == 128 && ipv6.routing.type == 2 && !(ipv6.nxt == 41)"), 5u);
	EXPECT_GE(count("icmpv6.type == 129 && ipv6.opt.mipv6.home_address == fd00:1::100 && !(ipv6.nxt == 41)"), 5u);
	std::string bad = Shell("tshark -n -r '" + file + "' -Y '_ws.malformed || _ws.expert.severity >= error' 2>/dev/null");
	EXPECT_EQ(bad, "") << bad;
}

std::string
ReadFile(const std::string& path)
{
	std::string out;
	FILE* f = std::fopen(path.c_str(), "rb");
	if (!f) {
		return out;
	}
	char buf[4096];
	size_t n;
	while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
		out.append(buf, n);
	}
	std::fclose(f);
	return out;
}

TEST(Mip6Node, SameSeedGivesTheSameCaptureBytes)
{
	std::string runs[2];
	for (int i = 0; i < 2; i++) {
		const std::string prefix = std::string(MIP6_SIM_TEST_OUT) + "/mip6-node-seed" + std::to_string(i);
		{
			NodeWorld w(prefix);
			w.Start();
			w.PingFromCn(w.hoa, MilliSeconds(500), Seconds(2), Seconds(10));
			Simulator::Schedule(Seconds(5), &NodeWorld::MoveToForeign, &w);
			Simulator::Stop(Seconds(10));
			Simulator::Run();
		}
		runs[i] = ReadFile(prefix + "-foreign") + ReadFile(prefix + "-home") + ReadFile(prefix + "-backbone");
	}
	ASSERT_GT(runs[0].size(), 1000u);
	EXPECT_TRUE(runs[0] == runs[1]) << "captures differ between two runs of one seed";
}

} // namespace
