// SPDX-License-Identifier: BSD-3-Clause
// One call per role: wraps a node's link devices, installs a Mip6Node over
// them, configures the role from Attributes and starts it.
#ifndef MIP6_HELPER_H
#define MIP6_HELPER_H

#include "ns3/attribute.h"
#include "ns3/ipv6-address.h"
#include "ns3/mip6-node.h"
#include "ns3/net-device-container.h"
#include "ns3/nstime.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \brief Installs the core as home agent, mobile node (or router) and
 * correspondent on ns-3 nodes.
 *
 * The devices passed are the link devices the usual helpers made (CSMA,
 * point-to-point, Wi-Fi); the helper wraps them (Mip6WrapHelper) and makes
 * each wrapper an IPv6 interface, so call it before assigning addresses and
 * assign them to the returned wrappers (GetWrappers). The node must already
 * have the internet stack. The role starts at the time SetStartTime gives.
 */
class Mip6Helper
{
  public:
	/// An Attribute of every Mip6Node installed from now on (Lifetime, RouteOptimization, ...).
	void SetAttribute(const std::string& name, const AttributeValue& value);
	void SetStartTime(Time start);

	/// Wraps the devices and installs a Mip6Node; the wrappers are IPv6 interfaces without global addresses.
	Ptr<Mip6Node> Install(Ptr<Node> node, const NetDeviceContainer& devices);

	/**
	 * A home agent: devices[0] is the home link, where it has address
	 * haAddr in a prefix of length plen (added by the helper).
	 */
	Ptr<Mip6Node> InstallHomeAgent(Ptr<Node> node, const NetDeviceContainer& devices, Ipv6Address haAddr,
				       uint8_t plen);
	/// A mobile node (or router) with home address hoa and home agent ha (:: discovers it).
	Ptr<Mip6Node> InstallMobileNode(Ptr<Node> node, const NetDeviceContainer& devices, Ipv6Address hoa,
					uint8_t homePlen, Ipv6Address ha);
	/// A correspondent that answers return routability and binds (RFC 6275 9).
	Ptr<Mip6Node> InstallCorrespondent(Ptr<Node> node, const NetDeviceContainer& devices);

	/// The wrappers the last Install made, in the order of its devices.
	NetDeviceContainer GetWrappers() const;

  private:
	void ScheduleStart(Ptr<Mip6Node> m) const;

	std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_attributes;
	Time m_start;
	NetDeviceContainer m_lastWrappers;
};

} // namespace ns3

#endif
