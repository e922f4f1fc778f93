// SPDX-License-Identifier: BSD-3-Clause
#include "mip6-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6.h"
#include "ns3/mip6-wrap-helper.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

namespace ns3
{

void
Mip6Helper::SetAttribute(const std::string& name, const AttributeValue& value)
{
	// Checked now, so that a bad name or value is reported before any simulation runs.
	Ptr<Mip6Node> probe = CreateObject<Mip6Node>();
	probe->SetAttribute(name, value);
	m_attributes.emplace_back(name, value.Copy());
}

void
Mip6Helper::SetStartTime(Time start)
{
	m_start = start;
}

Ptr<Mip6Node>
Mip6Helper::Install(Ptr<Node> node, const NetDeviceContainer& devices)
{
	NS_ABORT_MSG_IF(devices.GetN() == 0, "Mip6Helper: node " << node->GetId() << " given no device");
	Ptr<Mip6Node> m = Mip6Node::Install(node);
	for (const auto& a : m_attributes) {
		m->SetAttribute(a.first, *a.second);
	}
	Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>();
	m_lastWrappers = NetDeviceContainer();
	for (uint32_t i = 0; i < devices.GetN(); i++) {
		NS_ABORT_MSG_IF(devices.Get(i)->GetNode() != node,
				"Mip6Helper: device " << i << " is not on node " << node->GetId());
		Ptr<Mip6WrapNetDevice> w = Mip6WrapHelper().Install(devices.Get(i));
		uint32_t ns3If = ipv6->AddInterface(w);
		ipv6->SetUp(ns3If);
		m->AddLink(w);
		m_lastWrappers.Add(w);
	}
	return m;
}

NetDeviceContainer
Mip6Helper::GetWrappers() const
{
	return m_lastWrappers;
}

void
Mip6Helper::ScheduleStart(Ptr<Mip6Node> m) const
{
	Simulator::Schedule(m_start, &Mip6Node::Start, m);
}

Ptr<Mip6Node>
Mip6Helper::InstallHomeAgent(Ptr<Node> node, const NetDeviceContainer& devices, Ipv6Address haAddr, uint8_t plen)
{
	Ptr<Mip6Node> m = Install(node, devices);
	Ptr<Ipv6> ipv6 = node->GetObject<Ipv6>();
	uint32_t homeIf = static_cast<uint32_t>(ipv6->GetInterfaceForDevice(m_lastWrappers.Get(0)));
	ipv6->AddAddress(homeIf, Ipv6InterfaceAddress(haAddr, Ipv6Prefix(plen)));
	m->EnableHomeAgent(homeIf, haAddr, plen);
	ScheduleStart(m);
	return m;
}

Ptr<Mip6Node>
Mip6Helper::InstallMobileNode(Ptr<Node> node, const NetDeviceContainer& devices, Ipv6Address hoa,
			      uint8_t homePlen, Ipv6Address ha)
{
	Ptr<Mip6Node> m = Install(node, devices);
	m->EnableMobileNode(hoa, homePlen, ha);
	ScheduleStart(m);
	return m;
}

Ptr<Mip6Node>
Mip6Helper::InstallCorrespondent(Ptr<Node> node, const NetDeviceContainer& devices)
{
	Ptr<Mip6Node> m = Install(node, devices);
	m->EnableCn();
	ScheduleStart(m);
	return m;
}

} // namespace ns3
