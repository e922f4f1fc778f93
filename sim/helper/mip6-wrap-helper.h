// SPDX-License-Identifier: BSD-3-Clause
// Puts Mip6WrapNetDevices over the link devices of a node, and makes the
// node's mobility interface (SHISA's mip0) out of a VirtualNetDevice.
#ifndef MIP6_WRAP_HELPER_H
#define MIP6_WRAP_HELPER_H

#include "ns3/mip6-wrap-net-device.h"
#include "ns3/net-device-container.h"
#include "ns3/virtual-net-device.h"

#include <functional>
#include <vector>

namespace ns3
{

/**
 * \brief Wraps link devices made by the usual helpers (CsmaHelper,
 * PointToPointHelper, WifiHelper). Install the wrappers before the IPv6
 * stack gets its interfaces: assign addresses (Ipv6AddressHelper) to the
 * container Install returns, not to the inner devices.
 */
class Mip6WrapHelper
{
  public:
	/// A Mip6WrapNetDevice over inner, added to inner's node.
	Ptr<Mip6WrapNetDevice> Install(Ptr<NetDevice> inner) const;
	/// One wrapper per device, in the same order.
	NetDeviceContainer Install(const NetDeviceContainer& inner) const;

	/// Packets the node's IPv6 stack routes into the mobility interface.
	typedef std::function<void(Ptr<VirtualNetDevice> device, std::vector<uint8_t>& bytes)> MobilityTx;

	/**
	 * The mobility interface: a VirtualNetDevice without neighbor discovery
	 * that hands every IPv6 packet the stack routes into it to toCore
	 * (whole, header included). It is not yet an IPv6 interface: add it with
	 * Ipv6::AddInterface when the first home address goes on it.
	 */
	Ptr<VirtualNetDevice> InstallMobilityInterface(Ptr<Node> node, MobilityTx toCore) const;

	/**
	 * Sets hop limit 255 on a Neighbor Discovery message (ICMPv6 133-137
	 * straight after the IPv6 header) that carries another: ns-3.37's Radvd
	 * sends its RAs with 64 (it sets the IPv4 SocketIpTtlTag, which
	 * Ipv6L3Protocol::Send ignores), and RFC 4861 6.1.2 receivers drop
	 * those. For a router's output hook. \return whether it changed bytes.
	 */
	static bool RepairNdHopLimit(std::vector<uint8_t>& bytes);

	/// Delivers a whole IPv6 packet to the node's stack as received on the mobility interface.
	static bool DeliverFromMobilityInterface(Ptr<VirtualNetDevice> device, const std::vector<uint8_t>& bytes);
};

} // namespace ns3

#endif
