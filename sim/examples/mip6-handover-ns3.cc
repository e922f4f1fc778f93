// SPDX-License-Identifier: BSD-3-Clause
// Reference scenario 1 on ns-3.37: a mobile node leaves its home 802.11
// link for a foreign one and comes back, with no Mobile IPv6, with the
// bidirectional tunnel through its home agent, or with route optimisation.
// One run per call, in the runner's per-run contract (scenarios/README.md):
// --seed=N --out=DIR --key=value ..., writing DIR/results.json.
//
//   CN --1 ms-- B --5 ms-- HA (AP, home link fd00:1::/64)
//               B --8 ms-- FR (AP, foreign link fd00:2::/64)     all 100 Mbit/s point-to-point
//   MN: an 802.11b station at a constant 2 Mbit/s, both APs on one channel,
//   beacon interval 102.4 ms, out of each other's range.
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-apps-module.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-helper.h"
#include "ns3/mip6-node.h"
#include "ns3/mip6-wrap-helper.h"
#include "ns3/mobility-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/seq-ts-header.h"
#include "ns3/wifi-module.h"

#include "mip6/event.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("Mip6HandoverWifi");

namespace
{

const Ipv6Address kHomePrefix("fd00:1::");
const Ipv6Address kForeignPrefix("fd00:2::");
const Ipv6Address kHaAddr("fd00:1::1");
const Ipv6Address kHoa("fd00:1::100");
const Ipv6Address kCnAddr("fd00:12::2");
const uint16_t kUdpPort = 9;

struct Params {
	uint32_t seed = 1;
	std::string out;
	std::string mode = "tunnel"; // none | tunnel | ro
	double leaveS = 15;
	double awayS = 30;
	double stopS = 0; // 0: 15 s after returning
	uint32_t raMinMs = 3000;
	uint32_t raMaxMs = 7000;
	uint32_t pingIntervalMs = 500;
	uint32_t udpIntervalMs = 10;
	bool optimisticDad = false;
	bool pcap = false;
	bool trace = false;
	uint32_t maxMissedBeacons = 10;
	uint32_t lifetimeS = 600;
};

struct CoreEvent {
	Time at;
	uint16_t code;
	std::string to;
};

/// Everything one run records.
struct Record {
	std::vector<CoreEvent> mn;
	std::vector<Time> assoc, deassoc;
	std::map<uint32_t, Time> udpRx;   // sequence -> when the MN got it
	std::map<uint16_t, Time> pingTx;  // sequence -> when the CN sent it
	std::vector<std::pair<Time, double>> rtt; // reply time, RTT (ms)
	std::vector<std::pair<Time, std::string>> path; // the MN's path as its bindings changed

	Time First(uint16_t code, Time from, const std::string& to = "") const
	{
		for (const CoreEvent& e : mn) {
			if (e.code == code && e.at >= from && (to.empty() || e.to == to)) {
				return e.at;
			}
		}
		return Time::Max();
	}
	Time FirstAssoc(Time from) const
	{
		for (Time t : assoc) {
			if (t >= from) {
				return t;
			}
		}
		return Time::Max();
	}
	std::string PathAt(Time t) const
	{
		std::string p = "home";
		for (const auto& c : path) {
			if (c.first <= t) {
				p = c.second;
			}
		}
		return p;
	}
};

Record g_rec;

void
OnMnEvent(uint16_t code, const std::string&, const mip6_trace_t* ev)
{
	g_rec.mn.push_back(CoreEvent{Simulator::Now(), code, ev->to ? ev->to : ""});
	if (code == MIP6_EV_MD_ATTACH_STATE && ev->to && std::string(ev->to) == "HOME") {
		g_rec.path.emplace_back(Simulator::Now(), "home");
	} else if (code == MIP6_EV_MN_HOME_ACCEPTED) {
		g_rec.path.emplace_back(Simulator::Now(), "tunnel");
	} else if (code == MIP6_EV_MN_RO_BINDING_ACCEPTED) {
		g_rec.path.emplace_back(Simulator::Now(), "ro");
	}
}

void
OnAssoc(Mac48Address)
{
	g_rec.assoc.push_back(Simulator::Now());
}

void
OnDeAssoc(Mac48Address)
{
	g_rec.deassoc.push_back(Simulator::Now());
}

void
OnUdp(Ptr<Socket> s)
{
	Ptr<Packet> p;
	while ((p = s->Recv())) {
		SeqTsHeader h;
		if (p->GetSize() >= h.GetSerializedSize()) {
			p->RemoveHeader(h);
			g_rec.udpRx.emplace(h.GetSeq(), Simulator::Now());
		}
	}
}

/// The sequence number of an ICMPv6 message of type wantType at offset, else 0xffff.
uint16_t
IcmpSeq(Ptr<const Packet> p, uint32_t offset, uint8_t wantType)
{
	if (p->GetSize() < offset + 8) {
		return 0xffff;
	}
	std::vector<uint8_t> b(offset + 8);
	p->CopyData(b.data(), b.size());
	if (b[offset] != wantType) {
		return 0xffff;
	}
	return static_cast<uint16_t>((b[offset + 6] << 8) | b[offset + 7]);
}

void
OnCnTx(Ptr<const Packet> p, Ptr<Ipv6>, uint32_t)
{
	// From the IPv6 header on; the ping has no extension header when it leaves the CN's stack.
	uint8_t h[40];
	if (p->GetSize() < 48 || p->CopyData(h, sizeof(h)) != sizeof(h) || h[6] != 58) {
		return;
	}
	uint16_t seq = IcmpSeq(p, 40, 128);
	if (seq != 0xffff && g_rec.pingTx.find(seq) == g_rec.pingTx.end()) {
		g_rec.pingTx[seq] = Simulator::Now();
	}
}

void
OnCnDeliver(const Ipv6Header& h, Ptr<const Packet> p, uint32_t)
{
	if (h.GetNextHeader() != 58) {
		return;
	}
	uint16_t seq = IcmpSeq(p, 0, 129);
	auto it = g_rec.pingTx.find(seq);
	if (seq != 0xffff && it != g_rec.pingTx.end()) {
		g_rec.rtt.emplace_back(Simulator::Now(), (Simulator::Now() - it->second).GetSeconds() * 1000.0);
	}
}

void
AddGlobal(Ptr<Node> n, Ptr<NetDevice> dev, Ipv6Address a)
{
	Ptr<Ipv6> ipv6 = n->GetObject<Ipv6>();
	int32_t i = ipv6->GetInterfaceForDevice(dev);
	if (i < 0) {
		i = static_cast<int32_t>(ipv6->AddInterface(dev));
	}
	ipv6->AddAddress(static_cast<uint32_t>(i), Ipv6InterfaceAddress(a, Ipv6Prefix(64)));
	ipv6->SetUp(static_cast<uint32_t>(i));
	ipv6->SetForwarding(static_cast<uint32_t>(i), true);
}

uint32_t
IfOf(Ptr<Node> n, Ptr<NetDevice> dev)
{
	return static_cast<uint32_t>(n->GetObject<Ipv6>()->GetInterfaceForDevice(dev));
}

std::string
Ms(Time t)
{
	if (t == Time::Max() || t.IsNegative()) {
		return "null";
	}
	std::ostringstream s;
	s << std::fixed << std::setprecision(3) << t.GetSeconds() * 1000.0;
	return s.str();
}

/// One handover's breakdown, from the events after the move at t.
struct Handover {
	std::string move;
	Time t;
	Time l2 = Time::Max(), md = Time::Max(), dad = Time::Max(), reg = Time::Max(), rr = Time::Max();
	Time interruption = Time::Max();
	int64_t lost = 0;
};

Handover
Analyse(const std::string& move, Time since, Time t, Time end, bool toHome, const Params& p)
{
	Handover h;
	h.move = move;
	h.t = t;
	Time assoc = g_rec.FirstAssoc(t);
	if (assoc < end) {
		h.l2 = assoc - t;
	}
	if (p.mode != "none" && assoc < end) {
		if (toHome) {
			Time home = g_rec.First(MIP6_EV_MD_ATTACH_STATE, assoc, "HOME");
			Time bu = g_rec.First(MIP6_EV_MN_TX_BU_DEREG, home);
			Time done = g_rec.First(MIP6_EV_MN_HOME_USABLE, home);
			if (home < end) {
				h.md = home - assoc;
			}
			if (done < end && bu < done) {
				h.reg = done - bu;
			}
		} else {
			Time heard = g_rec.First(MIP6_EV_MD_PREFIX_NEW, assoc);
			Time tentative = g_rec.First(MIP6_EV_MD_COA_STATE, assoc, p.optimisticDad ? "OPTIMISTIC" : "TENTATIVE");
			Time passed = p.optimisticDad ? tentative : g_rec.First(MIP6_EV_MD_DAD_PASSED, tentative);
			Time bu = g_rec.First(MIP6_EV_MN_TX_BU, assoc);
			Time ba = g_rec.First(MIP6_EV_MN_HOME_ACCEPTED, assoc);
			if (heard < end) {
				h.md = heard - assoc;
			}
			if (passed < end) {
				h.dad = passed - heard;
			}
			if (ba < end && bu < ba) {
				h.reg = ba - std::max(bu, passed);
			}
			if (p.mode == "ro" && ba < end) {
				Time ro = g_rec.First(MIP6_EV_MN_RO_BINDING_ACCEPTED, ba);
				if (ro < end) {
					h.rr = ro - ba;
				}
			}
		}
	}
	// The UDP flow: the first gap longer than three intervals that ends
	// after the move (the link breaks when the station misses its beacons,
	// a while after the move; without Mobile IPv6 the flow resumes only
	// after the return). Later, shorter gaps (a path switch) are not this
	// handover's.
	const Time minGap = std::max(MilliSeconds(3 * p.udpIntervalMs), MilliSeconds(50));
	std::vector<std::pair<uint32_t, Time>> rx(g_rec.udpRx.begin(), g_rec.udpRx.end());
	std::sort(rx.begin(), rx.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
	for (size_t i = 1; i < rx.size(); i++) {
		Time gap = rx[i].second - rx[i - 1].second;
		if (rx[i - 1].second >= since && rx[i - 1].second < end && rx[i].second >= t && gap > minGap) {
			h.interruption = gap;
			h.lost = static_cast<int64_t>(rx[i].first) - static_cast<int64_t>(rx[i - 1].first) - 1;
			break;
		}
	}
	return h;
}

bool
WriteResults(const Params& p, const std::vector<Handover>& hs, const std::vector<std::string>& pcaps)
{
	std::ostringstream j;
	j << "{\"scenario\": \"ref1_home_foreign_home\", \"seed\": " << p.seed << ", \"params\": {\"mode\": \""
	  << p.mode << "\", \"optimistic_dad\": " << (p.optimisticDad ? "true" : "false")
	  << ", \"ra_min_ms\": " << p.raMinMs << ", \"ra_max_ms\": " << p.raMaxMs << ", \"leave_s\": " << p.leaveS
	  << ", \"away_s\": " << p.awayS << "},\n \"handovers\": [";
	for (size_t i = 0; i < hs.size(); i++) {
		const Handover& h = hs[i];
		Time sum = Seconds(0);
		// What precedes the flow's resumption: with route optimisation the
		// flow resumes through the tunnel at the BA, and RR runs after it.
		for (Time c : {h.l2, h.md, h.dad, h.reg}) {
			if (c != Time::Max()) {
				sum += c;
			}
		}
		j << (i ? ",\n  " : "\n  ") << "{\"move\": \"" << h.move << "\", \"t_s\": " << h.t.GetSeconds()
		  << ", \"l2_ms\": " << Ms(h.l2) << ", \"md_ms\": " << Ms(h.md) << ", \"dad_ms\": " << Ms(h.dad)
		  << ", \"reg_ms\": " << Ms(h.reg) << ", \"rr_ms\": " << Ms(h.rr)
		  << ", \"interruption_ms\": " << Ms(h.interruption) << ", \"lost\": " << h.lost
		  << ", \"flow\": \"cn-udp\", \"sum_ms\": " << Ms(sum) << "}";
	}
	j << "],\n \"phases\": [";
	struct Phase {
		const char* name;
		Time a, b;
	};
	Time back = Seconds(p.leaveS + p.awayS);
	Phase ph[] = {{"home", Seconds(0), Seconds(p.leaveS)},
		      {"foreign", Seconds(p.leaveS), back},
		      {"home_again", back, Seconds(p.stopS)}};
	for (int k = 0; k < 3; k++) {
		double sum = 0;
		size_t n = 0;
		std::map<std::string, size_t> paths;
		for (const auto& r : g_rec.rtt) {
			if (r.first >= ph[k].a && r.first < ph[k].b) {
				sum += r.second;
				n++;
				paths[g_rec.PathAt(r.first)]++;
			}
		}
		std::string path = "null"; // no reply: no path seen
		size_t most = 0;
		for (const auto& kv : paths) {
			if (kv.second > most) {
				most = kv.second;
				path = kv.first;
			}
		}
		std::ostringstream mean;
		if (n) {
			mean << std::fixed << std::setprecision(3) << sum / double(n);
		} else {
			mean << "null";
		}
		j << (k ? ", " : "") << "{\"name\": \"" << ph[k].name << "\", \"rtt_ms_mean\": " << mean.str()
		  << ", \"replies\": " << n << ", \"path\": " << (n ? "\"" + path + "\"" : path) << "}";
	}
	j << "],\n \"assoc_s\": [";
	for (size_t i = 0; i < g_rec.assoc.size(); i++) {
		j << (i ? ", " : "") << g_rec.assoc[i].GetSeconds();
	}
	j << "],\n \"deassoc_s\": [";
	for (size_t i = 0; i < g_rec.deassoc.size(); i++) {
		j << (i ? ", " : "") << g_rec.deassoc[i].GetSeconds();
	}
	j << "],\n \"pcaps\": [";
	for (size_t i = 0; i < pcaps.size(); i++) {
		j << (i ? ", " : "") << "\"" << pcaps[i] << "\"";
	}
	j << "]}\n";

	std::ofstream series(p.out + "/series.csv");
	series << "t_s,rtt_ms\n";
	for (const auto& r : g_rec.rtt) {
		series << r.first.GetSeconds() << "," << r.second << "\n";
	}
	const std::string path = p.out + "/results.json", tmp = path + ".tmp";
	{
		std::ofstream f(tmp);
		f << j.str();
		if (!f) {
			return false;
		}
	}
	return std::rename(tmp.c_str(), path.c_str()) == 0;
}

int
Fail(const std::string& why)
{
	std::cerr << "mip6-handover-ns3: " << why << "\n";
	return 2;
}

} // namespace

int
main(int argc, char* argv[])
{
	Params p;
	CommandLine cmd(__FILE__);
	cmd.Usage("Reference scenario 1 (home -> foreign -> home over 802.11) on ns-3.37 with the Mobile IPv6 core;\n"
		  "one run, written to OUT/results.json (scenarios/README.md, per-run contract).");
	cmd.AddValue("seed", "Run number (ns-3 RngRun)", p.seed);
	cmd.AddValue("out", "Output directory (made if absent)", p.out);
	cmd.AddValue("mode", "none (no Mobile IPv6) | tunnel (bidirectional tunnel) | ro (route optimisation)", p.mode);
	cmd.AddValue("leave_s", "When the mobile node leaves home (s)", p.leaveS);
	cmd.AddValue("away_s", "How long it stays on the foreign link (s)", p.awayS);
	cmd.AddValue("stop_s", "End of the run (s; 0: 15 s after returning)", p.stopS);
	cmd.AddValue("ra_min_ms", "Radvd MinRtrAdvInterval (ms)", p.raMinMs);
	cmd.AddValue("ra_max_ms", "Radvd MaxRtrAdvInterval (ms)", p.raMaxMs);
	cmd.AddValue("ping_interval_ms", "CN -> home address ping interval (ms)", p.pingIntervalMs);
	cmd.AddValue("udp_interval_ms", "CN -> home address UDP interval (ms)", p.udpIntervalMs);
	cmd.AddValue("optimistic_dad", "Care-of addresses used during DAD (RFC 4429)", p.optimisticDad);
	cmd.AddValue("max_missed_beacons", "StaWifiMac MaxMissedBeacons", p.maxMissedBeacons);
	cmd.AddValue("lifetime_s", "Binding lifetime asked for (s)", p.lifetimeS);
	cmd.AddValue("trace", "Print the core's trace lines (every node running it) on stderr", p.trace);
	cmd.AddValue("pcap", "Write OUT/pcap/home.pcap and foreign.pcap (802.11 with radiotap)", p.pcap);
	cmd.Parse(argc, argv);

	if (p.out.empty()) {
		return Fail("--out=DIR is required");
	}
	if (p.mode != "none" && p.mode != "tunnel" && p.mode != "ro") {
		return Fail("--mode must be none, tunnel or ro (got '" + p.mode + "')");
	}
	if (p.leaveS <= 1 || p.awayS <= 0) {
		return Fail("--leave_s must be > 1 and --away_s > 0");
	}
	if (p.stopS == 0) {
		p.stopS = p.leaveS + p.awayS + 15;
	}
	if (p.stopS <= p.leaveS + p.awayS) {
		return Fail("--stop_s must be after the return (leave_s + away_s)");
	}
	if (p.raMinMs < 30 || p.raMaxMs < p.raMinMs) {
		return Fail("--ra_min_ms must be >= 30 and <= --ra_max_ms (RFC 6275 7.5)");
	}
	if (p.pingIntervalMs == 0 || p.udpIntervalMs == 0 || p.lifetimeS < 4 || p.lifetimeS > 65535) {
		return Fail("intervals must be > 0 and --lifetime_s in 4..65535");
	}
	mkdir(p.out.c_str(), 0755);
	// Real UDP and ICMPv6 checksums, so that captures verify in Wireshark.
	GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
	RngSeedManager::SetSeed(1);
	RngSeedManager::SetRun(p.seed);

	NodeContainer all;
	all.Create(5);
	Ptr<Node> ha = all.Get(0), b = all.Get(1), fr = all.Get(2), cn = all.Get(3), mn = all.Get(4);
	InternetStackHelper internet;
	internet.SetIpv4StackInstall(false);
	internet.Install(all);

	PointToPointHelper p2p;
	p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
	p2p.SetChannelAttribute("Delay", StringValue("5ms"));
	NetDeviceContainer haB = p2p.Install(ha, b);
	p2p.SetChannelAttribute("Delay", StringValue("8ms"));
	NetDeviceContainer bFr = p2p.Install(b, fr);
	p2p.SetChannelAttribute("Delay", StringValue("1ms"));
	NetDeviceContainer cnB = p2p.Install(cn, b);

	YansWifiChannelHelper channel = YansWifiChannelHelper::Default();
	YansWifiPhyHelper phy;
	phy.SetChannel(channel.Create());
	phy.SetPcapDataLinkType(WifiPhyHelper::DLT_IEEE802_11_RADIO);
	WifiHelper wifi;
	wifi.SetStandard(WIFI_STANDARD_80211b);
	wifi.SetRemoteStationManager("ns3::ConstantRateWifiManager", "DataMode", StringValue("DsssRate2Mbps"),
				     "ControlMode", StringValue("DsssRate2Mbps"));
	WifiMacHelper mac;
	Ssid ssid("mip6");
	mac.SetType("ns3::ApWifiMac", "Ssid", SsidValue(ssid), "BeaconInterval", TimeValue(MicroSeconds(102400)));
	NetDeviceContainer homeAp = wifi.Install(phy, mac, ha);
	NetDeviceContainer foreignAp = wifi.Install(phy, mac, fr);
	mac.SetType("ns3::StaWifiMac", "Ssid", SsidValue(ssid), "ActiveProbing", BooleanValue(true),
		    "MaxMissedBeacons", UintegerValue(p.maxMissedBeacons));
	NetDeviceContainer sta = wifi.Install(phy, mac, mn);

	MobilityHelper mobility;
	Ptr<ListPositionAllocator> pos = CreateObject<ListPositionAllocator>();
	pos->Add(Vector(0, 0, 0));   // home AP (the HA)
	pos->Add(Vector(500, 0, 0)); // foreign AP (FR): out of the home AP's range
	pos->Add(Vector(5, 0, 0));   // the MN, at home
	mobility.SetPositionAllocator(pos);
	mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
	mobility.Install(NodeContainer(ha, fr, mn));
	Ptr<MobilityModel> mnPos = mn->GetObject<MobilityModel>();
	Simulator::Schedule(Seconds(p.leaveS), [mnPos]() { mnPos->SetPosition(Vector(495, 0, 0)); });
	Simulator::Schedule(Seconds(p.leaveS + p.awayS), [mnPos]() { mnPos->SetPosition(Vector(5, 0, 0)); });

	// The foreign router is a stock router; its AP is wrapped only to repair Radvd's RA hop limit.
	Ptr<Mip6WrapNetDevice> frAp = Mip6WrapHelper().Install(foreignAp.Get(0));
	frAp->SetOutputHook([](Ptr<Mip6WrapNetDevice>, std::vector<uint8_t>& bytes) {
		return Mip6WrapHelper::RepairNdHopLimit(bytes) ? Mip6WrapNetDevice::HOOK_REPLACE
								: Mip6WrapNetDevice::HOOK_PASS;
	});

	Mip6Helper core;
	core.SetAttribute("OptimisticDad", BooleanValue(p.optimisticDad));
	core.SetAttribute("Lifetime", UintegerValue(p.lifetimeS));
	core.SetAttribute("RouteOptimization", BooleanValue(p.mode == "ro"));
	Ptr<NetDevice> haHome = homeAp.Get(0), haUp = haB.Get(0), mnIf = sta.Get(0), cnIf = cnB.Get(0);
	Ptr<Mip6Node> haCore, mnCore;
	if (p.mode != "none") {
		NetDeviceContainer haDevs(homeAp.Get(0), haB.Get(0));
		haCore = core.InstallHomeAgent(ha, haDevs, kHaAddr, 64);
		haHome = core.GetWrappers().Get(0);
		haUp = core.GetWrappers().Get(1);
		mnCore = core.InstallMobileNode(mn, sta, kHoa, 64, kHaAddr);
		mnIf = core.GetWrappers().Get(0);
		if (p.mode == "ro") {
			core.InstallCorrespondent(cn, cnB.Get(0));
			cnIf = core.GetWrappers().Get(0);
		}
		mnCore->TraceConnectWithoutContext("Event", MakeCallback(&OnMnEvent));
	} else {
		AddGlobal(ha, haHome, kHaAddr);
		// Without Mobile IPv6 the station keeps its home configuration: the
		// home address and a default route through the home router. It
		// ignores RAs, which would otherwise leave it a default route to a
		// foreign router that ns-3 never expires when it comes back.
		Ptr<Mip6WrapNetDevice> w = Mip6WrapHelper().Install(sta.Get(0));
		w->SetInputHook([](Ptr<Mip6WrapNetDevice>, std::vector<uint8_t>& bytes) {
			bool ra = bytes.size() > 40 && bytes[6] == 58 && bytes[40] == 134;
			return ra ? Mip6WrapNetDevice::HOOK_CONSUMED : Mip6WrapNetDevice::HOOK_PASS;
		});
		mnIf = w;
		Ptr<Ipv6> ipv6 = mn->GetObject<Ipv6>();
		uint32_t i = ipv6->AddInterface(mnIf);
		ipv6->AddAddress(i, Ipv6InterfaceAddress(kHoa, Ipv6Prefix(64)));
		ipv6->SetUp(i);
		Ipv6Address haLl =
			Ipv6Address::MakeAutoconfiguredLinkLocalAddress(Mac48Address::ConvertFrom(homeAp.Get(0)->GetAddress()));
		Ipv6StaticRoutingHelper().GetStaticRouting(ipv6)->SetDefaultRoute(haLl, i);
	}
	if (p.mode != "none") {
		Ptr<Ipv6> ipv6 = ha->GetObject<Ipv6>();
		ipv6->SetForwarding(IfOf(ha, haHome), true);
	}
	AddGlobal(ha, haUp, Ipv6Address("fd00:10::1"));
	AddGlobal(b, haB.Get(1), Ipv6Address("fd00:10::2"));
	AddGlobal(b, bFr.Get(0), Ipv6Address("fd00:11::1"));
	AddGlobal(fr, bFr.Get(1), Ipv6Address("fd00:11::2"));
	AddGlobal(b, cnB.Get(1), Ipv6Address("fd00:12::1"));
	AddGlobal(cn, cnIf, kCnAddr);
	AddGlobal(fr, frAp, Ipv6Address("fd00:2::1"));
	cn->GetObject<Ipv6>()->SetForwarding(IfOf(cn, cnIf), false);

	Ipv6StaticRoutingHelper routing;
	auto rt = [&](Ptr<Node> n) { return routing.GetStaticRouting(n->GetObject<Ipv6>()); };
	rt(b)->AddNetworkRouteTo(kHomePrefix, Ipv6Prefix(64), Ipv6Address("fd00:10::1"), IfOf(b, haB.Get(1)));
	rt(b)->AddNetworkRouteTo(kForeignPrefix, Ipv6Prefix(64), Ipv6Address("fd00:11::2"), IfOf(b, bFr.Get(0)));
	rt(ha)->SetDefaultRoute(Ipv6Address("fd00:10::2"), IfOf(ha, haUp));
	rt(fr)->SetDefaultRoute(Ipv6Address("fd00:11::1"), IfOf(fr, bFr.Get(1)));
	rt(cn)->SetDefaultRoute(Ipv6Address("fd00:12::1"), IfOf(cn, cnIf));

	ApplicationContainer radvdApps;
	Ptr<Node> routers[] = {ha, fr};
	Ptr<NetDevice> raDev[] = {haHome, frAp};
	Ipv6Address raPrefix[] = {kHomePrefix, kForeignPrefix};
	for (int i = 0; i < 2; i++) {
		RadvdHelper radvd; // one per router: it keys its configuration by interface index
		uint32_t idx = IfOf(routers[i], raDev[i]);
		radvd.AddAnnouncedPrefix(idx, raPrefix[i], 64);
		radvd.GetRadvdInterface(idx)->SetHomeAgentFlag(i == 0 && p.mode != "none");
		radvd.GetRadvdInterface(idx)->SetMinRtrAdvInterval(p.raMinMs);
		radvd.GetRadvdInterface(idx)->SetMaxRtrAdvInterval(p.raMaxMs);
		radvdApps.Add(radvd.Install(routers[i]));
	}
	radvdApps.Start(Seconds(0.5));

	// Traffic: pings every 0.5 s and a UDP flow every 10 ms from the CN to the home address, from t = 1 s.
	Ptr<Ping6> ping = CreateObject<Ping6>();
	ping->SetAttribute("LocalIpv6", Ipv6AddressValue(kCnAddr));
	ping->SetAttribute("RemoteIpv6", Ipv6AddressValue(kHoa));
	ping->SetAttribute("MaxPackets", UintegerValue(1000000));
	ping->SetAttribute("Interval", TimeValue(MilliSeconds(p.pingIntervalMs)));
	ping->SetAttribute("PacketSize", UintegerValue(56));
	cn->AddApplication(ping);
	ping->SetStartTime(Seconds(1));
	ping->SetStopTime(Seconds(p.stopS));
	UdpClientHelper udp(kHoa, kUdpPort);
	udp.SetAttribute("MaxPackets", UintegerValue(100000000));
	udp.SetAttribute("Interval", TimeValue(MilliSeconds(p.udpIntervalMs)));
	udp.SetAttribute("PacketSize", UintegerValue(64));
	ApplicationContainer udpApp = udp.Install(cn);
	udpApp.Start(Seconds(1));
	udpApp.Stop(Seconds(p.stopS));
	Ptr<Socket> sink = Socket::CreateSocket(mn, UdpSocketFactory::GetTypeId());
	sink->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), kUdpPort));
	sink->SetRecvCallback(MakeCallback(&OnUdp));

	cn->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext("Tx", MakeCallback(&OnCnTx));
	cn->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext("LocalDeliver", MakeCallback(&OnCnDeliver));
	DynamicCast<WifiNetDevice>(sta.Get(0))->GetMac()->TraceConnectWithoutContext("Assoc", MakeCallback(&OnAssoc));
	DynamicCast<WifiNetDevice>(sta.Get(0))->GetMac()->TraceConnectWithoutContext("DeAssoc", MakeCallback(&OnDeAssoc));

	if (p.trace) {
		for (Ptr<Node> n : {ha, mn, cn}) {
			if (Ptr<Mip6Node> m = n->GetObject<Mip6Node>()) {
				const char* name = n == ha ? "ha" : n == mn ? "mn" : "cn";
				m->TraceConnectWithoutContext(
					"Event", Callback<void, uint16_t, const std::string&, const mip6_trace_t*>(
							 [name](uint16_t, const std::string& line, const mip6_trace_t*) {
								 std::ostringstream o;
								 o << std::fixed << std::setprecision(6)
								   << Simulator::Now().GetSeconds() << " " << name << " " << line
								   << "\n";
								 std::cerr << o.str();
							 }));
			}
		}
	}

	int64_t stream = 1000;
	stream += internet.AssignStreams(all, stream);
	stream += wifi.AssignStreams(NetDeviceContainer(homeAp, foreignAp), stream);
	stream += wifi.AssignStreams(sta, stream);
	stream += mobility.AssignStreams(all, stream);
	for (uint32_t i = 0; i < radvdApps.GetN(); i++) {
		stream += DynamicCast<Radvd>(radvdApps.Get(i))->AssignStreams(stream);
	}
	for (Ptr<Node> n : {ha, mn, cn}) {
		if (Ptr<Mip6Node> m = n->GetObject<Mip6Node>()) {
			stream += m->AssignStreams(stream);
		}
	}

	std::vector<std::string> pcaps;
	if (p.pcap) {
		mkdir((p.out + "/pcap").c_str(), 0755);
		phy.EnablePcap(p.out + "/pcap/home.pcap", homeAp.Get(0), false, true);
		phy.EnablePcap(p.out + "/pcap/foreign.pcap", foreignAp.Get(0), false, true);
		pcaps = {"pcap/home.pcap", "pcap/foreign.pcap"};
	}

	// Progress for a long run: simulated time every 10 s, on stderr.
	for (double t = 10; t < p.stopS; t += 10) {
		Simulator::Schedule(Seconds(t), [t, &p]() {
			std::cerr << "mip6-handover-ns3: t=" << t << " s of " << p.stopS << " s\n";
		});
	}
	Simulator::Stop(Seconds(p.stopS));
	Simulator::Run();

	Time back = Seconds(p.leaveS + p.awayS);
	std::vector<Handover> hs = {Analyse("home->foreign", Seconds(0), Seconds(p.leaveS), back, false, p),
				    Analyse("foreign->home", Seconds(p.leaveS), back, Seconds(p.stopS), true, p)};
	Simulator::Destroy();
	if (!WriteResults(p, hs, pcaps)) {
		std::cerr << "mip6-handover-ns3: cannot write " << p.out << "/results.json\n";
		return 1;
	}
	std::cout << "mip6-handover-ns3: wrote " << p.out << "/results.json\n";
	return 0;
}
