// SPDX-License-Identifier: BSD-3-Clause
#include "ns3/mip6-interface-map.h"

#include "ns3/abort.h"

namespace ns3
{

Mip6InterfaceMap::Mip6InterfaceMap(Ptr<Ipv6> ipv6) : m_ipv6(ipv6)
{
	NS_ABORT_MSG_UNLESS(m_ipv6, "Mip6InterfaceMap needs the node's Ipv6");
}

uint32_t Mip6InterfaceMap::AddLink(Ptr<Mip6WrapNetDevice> wrapper)
{
	if (!wrapper) {
		return 0;
	}
	int32_t i = m_ipv6->GetInterfaceForDevice(wrapper);
	// 0 is ns-3's loopback and the core's special number: never a link.
	if (i <= 0 || (m_hasMobility && uint32_t(i) == m_mobilityNs3)) {
		return 0;
	}
	m_links[uint32_t(i)] = wrapper;
	return uint32_t(i);
}

bool Mip6InterfaceMap::SetMobility(Ptr<NetDevice> mobility)
{
	if (!mobility) {
		return false;
	}
	int32_t i = m_ipv6->GetInterfaceForDevice(mobility);
	if (i <= 0 || m_links.count(uint32_t(i))) {
		return false;
	}
	m_hasMobility = true;
	m_mobilityNs3 = uint32_t(i);
	return true;
}

bool Mip6InterfaceMap::LinkToNs3(uint32_t coreIf, uint32_t &ns3If) const
{
	if (!m_links.count(coreIf)) {
		return false;
	}
	ns3If = coreIf;
	return true;
}

bool Mip6InterfaceMap::MobilityToNs3(uint32_t &ns3If) const
{
	if (!m_hasMobility) {
		return false;
	}
	ns3If = m_mobilityNs3;
	return true;
}

bool Mip6InterfaceMap::FromNs3(uint32_t ns3If, uint32_t &coreIf) const
{
	if (m_hasMobility && ns3If == m_mobilityNs3) {
		coreIf = 0; // MIP6_IFINDEX_MOBILITY
		return true;
	}
	if (!m_links.count(ns3If)) {
		return false;
	}
	coreIf = ns3If;
	return true;
}

Ptr<Mip6WrapNetDevice> Mip6InterfaceMap::GetWrapper(uint32_t coreIf) const
{
	auto it = m_links.find(coreIf);
	return it == m_links.end() ? nullptr : it->second;
}

} // namespace ns3
