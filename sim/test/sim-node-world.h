// SPDX-License-Identifier: BSD-3-Clause
// A small ns-3 world for the Mip6Node tests: a home agent that is the router
// of the home link, a foreign router, a correspondent on the backbone
// between them, and a mobile node on the home link whose CSMA cable can be
// moved to the foreign link.
//
//   home fd00:1::/64          backbone fd00:f::/64        foreign fd00:2::/64
//   MN ---- HA (::1) ============= HA ::1, R ::2, CN ::3 ========== R (::1) ---- (MN later)
//
// HA and MN run the core (Mip6Node over wrapped devices); R and CN are stock
// ns-3 nodes (R's foreign device is wrapped only to repair Radvd's hop limit).
#ifndef MIP6_SIM_NODE_WORLD_H
#define MIP6_SIM_NODE_WORLD_H

#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-apps-module.h"
#include "ns3/internet-module.h"
#include "ns3/mip6-node.h"
#include "ns3/mip6-wrap-helper.h"

#include "mip6/view.h"

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace mip6test
{

using namespace ns3;

struct NodeWorld {
	const Ipv6Address homePrefix{"fd00:1::"};
	const Ipv6Address foreignPrefix{"fd00:2::"};
	const Ipv6Address haAddr{"fd00:1::1"};
	const Ipv6Address hoa{"fd00:1::100"};
	const Ipv6Address cnAddr{"fd00:f::3"};

	NodeContainer nodes; // 0 HA, 1 MN, 2 R, 3 CN
	Ptr<CsmaChannel> homeCh, foreignCh;
	Ptr<CsmaNetDevice> mnDev;
	Ptr<Mip6WrapNetDevice> haHome, haBackbone, mnWrap, rForeign;
	Ptr<Mip6Node> ha, mn, cn; // cn: only with Options::cnCore
	uint32_t haHomeIf = 0, mnIf = 0;
	std::vector<Time> cnReplies; // when the CN's stack got an echo reply
	struct Event {
		uint32_t node;
		uint16_t code;
		Time at;
		mip6_addr_t a;
	};
	std::vector<Event> events; // every trace event of HA and MN

	struct Options {
		std::string pcapPrefix; ///< captures of the three links, when not empty
		bool cnCore = false;    ///< the correspondent runs the core (route optimisation responder)
		bool ro = false;        ///< the mobile node asks for route optimisation
	};

	explicit NodeWorld(const std::string& pcapPrefix = "")
		: NodeWorld(Options{pcapPrefix, false, false})
	{
	}

	explicit NodeWorld(const Options& opt)
	{
		const std::string& pcapPrefix = opt.pcapPrefix;
		nodes.Create(4);
		InternetStackHelper internet;
		internet.Install(nodes);
		Ptr<Node> haN = nodes.Get(0), mnN = nodes.Get(1), rN = nodes.Get(2), cnN = nodes.Get(3);

		CsmaHelper csma;
		csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
		csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(50)));
		homeCh = CreateObject<CsmaChannel>();
		foreignCh = CreateObject<CsmaChannel>();
		NetDeviceContainer home = csma.Install(NodeContainer(haN, mnN), homeCh);
		NetDeviceContainer foreign = csma.Install(rN, foreignCh);
		NetDeviceContainer backbone = csma.Install(NodeContainer(haN, rN, cnN));
		mnDev = DynamicCast<CsmaNetDevice>(home.Get(1));

		// The core's nodes first: ns-3's DAD is off before their addresses exist.
		ha = Mip6Node::Install(haN);
		mn = Mip6Node::Install(mnN);
		if (opt.cnCore) {
			cn = Mip6Node::Install(cnN);
		}

		Mip6WrapHelper wrap;
		haHome = wrap.Install(home.Get(0));
		mnWrap = wrap.Install(home.Get(1));
		haBackbone = wrap.Install(backbone.Get(0));
		rForeign = wrap.Install(foreign.Get(0));
		rForeign->SetOutputHook([](Ptr<Mip6WrapNetDevice>, std::vector<uint8_t>& b) {
			return Mip6WrapHelper::RepairNdHopLimit(b) ? Mip6WrapNetDevice::HOOK_REPLACE
								     : Mip6WrapNetDevice::HOOK_PASS;
		});

		// Interfaces first (link-local addresses only), then the global
		// addresses by hand: Ipv6AddressHelper would derive them from the MACs.
		Ipv6AddressHelper addr;
		NetDeviceContainer bbDevs(haBackbone);
		bbDevs.Add(backbone.Get(1));
		bbDevs.Add(opt.cnCore ? Ptr<NetDevice>(wrap.Install(backbone.Get(2))) : backbone.Get(2));
		Ipv6InterfaceContainer haHomeI = addr.AssignWithoutAddress(NetDeviceContainer(haHome));
		addr.AssignWithoutAddress(NetDeviceContainer(mnWrap));
		Ipv6InterfaceContainer rForeignI = addr.AssignWithoutAddress(NetDeviceContainer(rForeign));
		Ipv6InterfaceContainer bb = addr.AssignWithoutAddress(bbDevs);
		Global(haHomeI, 0, haAddr);
		Global(rForeignI, 0, Ipv6Address("fd00:2::1"));
		Global(bb, 0, Ipv6Address("fd00:f::1"));
		Global(bb, 1, Ipv6Address("fd00:f::2"));
		Global(bb, 2, cnAddr);
		haHomeI.SetForwarding(0, true);
		bb.SetForwarding(0, true);
		bb.SetForwarding(1, true);
		rForeignI.SetForwarding(0, true);

		Ipv6StaticRoutingHelper routing;
		routing.GetStaticRouting(cnN->GetObject<Ipv6>())
			->AddNetworkRouteTo(homePrefix, Ipv6Prefix(64), Ipv6Address("fd00:f::1"), bb.GetInterfaceIndex(2));
		routing.GetStaticRouting(cnN->GetObject<Ipv6>())
			->AddNetworkRouteTo(foreignPrefix, Ipv6Prefix(64), Ipv6Address("fd00:f::2"), bb.GetInterfaceIndex(2));
		routing.GetStaticRouting(rN->GetObject<Ipv6>())
			->AddNetworkRouteTo(homePrefix, Ipv6Prefix(64), Ipv6Address("fd00:f::1"), bb.GetInterfaceIndex(1));
		routing.GetStaticRouting(haN->GetObject<Ipv6>())
			->AddNetworkRouteTo(foreignPrefix, Ipv6Prefix(64), Ipv6Address("fd00:f::2"), bb.GetInterfaceIndex(0));

		// One RadvdHelper per router: the helper keys its configuration by
		// interface index alone.
		ApplicationContainer apps;
		Ptr<Node> routers[] = {haN, rN};
		uint32_t raIf[] = {haHomeI.GetInterfaceIndex(0), rForeignI.GetInterfaceIndex(0)};
		Ipv6Address raPrefix[] = {homePrefix, foreignPrefix};
		for (int i = 0; i < 2; i++) {
			RadvdHelper radvd;
			radvd.AddAnnouncedPrefix(raIf[i], raPrefix[i], 64);
			radvd.GetRadvdInterface(raIf[i])->SetHomeAgentFlag(i == 0);
			radvd.GetRadvdInterface(raIf[i])->SetMinRtrAdvInterval(500);
			radvd.GetRadvdInterface(raIf[i])->SetMaxRtrAdvInterval(1000);
			apps.Add(radvd.Install(routers[i]));
		}
		apps.Start(Seconds(0.1)); // Radvd::DoDispose needs a started Radvd

		// Fixed random streams: a run's captures depend on the seed alone,
		// not on how many simulations this process ran before.
		int64_t stream = 100;
		stream += internet.AssignStreams(nodes, stream);
		NetDeviceContainer links(home, foreign);
		links.Add(backbone);
		stream += csma.AssignStreams(links, stream);
		for (uint32_t i = 0; i < apps.GetN(); i++) {
			stream += DynamicCast<Radvd>(apps.Get(i))->AssignStreams(stream);
		}
		stream += ha->AssignStreams(stream);
		stream += mn->AssignStreams(stream);
		if (cn) {
			stream += cn->AssignStreams(stream);
		}

		haHomeIf = ha->AddLink(haHome);
		ha->AddLink(haBackbone);
		mnIf = mn->AddLink(mnWrap);
		if (cn) {
			cn->AddLink(DynamicCast<Mip6WrapNetDevice>(bbDevs.Get(2)));
			cn->EnableCn();
		}

		mip6_ha_cfg_t hc{};
		hc.home_ifindex = haHomeIf;
		hc.addr = Mip6FromNs3(haAddr);
		hc.home_prefix.prefix = Mip6FromNs3(homePrefix);
		hc.home_prefix.plen = 64;
		hc.max_lifetime_s = 3600;
		ha->EnableHa(hc);

		mip6_md_cfg_t md{};
		md.home.prefix = Mip6FromNs3(homePrefix);
		md.home.plen = 64;
		mn->EnableMd(md);
		mip6_mn_cfg_t mc{};
		mc.hoa = Mip6FromNs3(hoa);
		mc.home_plen = 64;
		mc.ha = Mip6FromNs3(haAddr);
		mc.lifetime_s = 600;
		mc.ro = opt.ro;
		mn->EnableMn(mc);

		if (!pcapPrefix.empty()) {
			csma.EnablePcap(pcapPrefix + "-home", home.Get(0), false, true);
			csma.EnablePcap(pcapPrefix + "-foreign", foreign.Get(0), false, true);
			csma.EnablePcap(pcapPrefix + "-backbone", backbone.Get(2), true, true);
		}
		const bool print = std::getenv("MIP6_SIM_TRACE") != nullptr; // the core's lines, to debug a test
		for (Ptr<Mip6Node> m : {ha, mn, cn}) {
			if (!m) {
				continue;
			}
			uint32_t id = m->GetObject<Node>()->GetId();
			m->TraceConnectWithoutContext(
				"Event", Callback<void, uint16_t, const std::string&, const mip6_trace_t*>(
						 [this, id, print](uint16_t code, const std::string& line, const mip6_trace_t* ev) {
							 events.push_back(Event{id, code, Simulator::Now(), ev->a});
							 if (print) {
								 std::cerr << Simulator::Now().As(Time::MS) << " node " << id << " "
									   << line << "\n";
							 }
						 }));
		}
		cnN->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
			"LocalDeliver", MakeCallback(&NodeWorld::OnCnDeliver, this));
	}

	~NodeWorld() { Simulator::Destroy(); }

	static void Global(Ipv6InterfaceContainer& c, uint32_t i, Ipv6Address a)
	{
		std::pair<Ptr<Ipv6>, uint32_t> p = c.Get(i);
		p.first->AddAddress(p.second, Ipv6InterfaceAddress(a, Ipv6Prefix(64)));
	}

	static mip6_addr_t Mip6FromNs3(const Ipv6Address& a)
	{
		mip6_addr_t r;
		a.GetBytes(r.b);
		return r;
	}

	void Start()
	{
		ha->Start();
		mn->Start();
		if (cn) {
			cn->Start();
		}
	}

	/// Pulls the MN's cable out of the home link and plugs it into the foreign one.
	void MoveToForeign()
	{
		mn->SetLinkUp(mnIf, false);
		homeCh->Detach(mnDev);
		mnDev->Attach(foreignCh); // link up: the wrapper's link-change callback tells the core
	}

	void MoveHome()
	{
		mn->SetLinkUp(mnIf, false);
		foreignCh->Detach(mnDev);
		mnDev->Attach(homeCh);
	}

	/// The CN pings dst every interval from start to stop.
	void PingFromCn(Ipv6Address dst, Time interval, Time start, Time stop)
	{
		Ptr<Ping6> app = CreateObject<Ping6>();
		app->SetAttribute("LocalIpv6", Ipv6AddressValue(cnAddr));
		app->SetAttribute("RemoteIpv6", Ipv6AddressValue(dst));
		app->SetAttribute("MaxPackets", UintegerValue(1000000));
		app->SetAttribute("Interval", TimeValue(interval));
		app->SetAttribute("PacketSize", UintegerValue(56));
		nodes.Get(3)->AddApplication(app);
		app->SetStartTime(start);
		app->SetStopTime(stop);
	}

	void OnCnDeliver(const Ipv6Header& h, Ptr<const Packet> p, uint32_t)
	{
		uint8_t type = 0;
		if (h.GetNextHeader() == 58 && p->GetSize() >= 1) {
			p->CopyData(&type, 1);
			if (type == 129) {
				cnReplies.push_back(Simulator::Now());
			}
		}
	}

	/// When node first traced code at or after from (Time::Max() never).
	Time FirstEvent(uint32_t node, uint16_t code, Time from = Seconds(0)) const
	{
		for (const Event& e : events) {
			if (e.node == node && e.code == code && e.at >= from) {
				return e.at;
			}
		}
		return Time::Max();
	}

	size_t RepliesBetween(Time a, Time b) const
	{
		size_t n = 0;
		for (Time t : cnReplies) {
			n += (t >= a && t < b) ? 1 : 0;
		}
		return n;
	}

	/// The MN's home registration, if it has one.
	bool MnHomeBinding(mip6_view_bul_t& out) const
	{
		mip6_view_bul_t v[4];
		size_t n = mip6_view_bul(mn->GetCore(), v, 4);
		for (size_t i = 0; i < n && i < 4; i++) {
			if (v[i].peer_role == MIP6_NODE_HA) {
				out = v[i];
				return true;
			}
		}
		return false;
	}

	/// The HA's binding for the home address, if any.
	bool HaBinding(mip6_view_bc_t& out) const
	{
		mip6_addr_t h = Mip6FromNs3(hoa);
		return mip6_view_bc_of(ha->GetCore(), &h, &out, 1) >= 1 && !out.dad_pending;
	}
};

} // namespace mip6test

#endif
