// SPDX-License-Identifier: BSD-3-Clause
// The explicit map between ns-3's Ipv6 interface indexes and the core's
// interface numbers (sim/doc/design.md, "Interface numbering"): a wrapped
// link keeps its ns-3 Ipv6 index as its core number (always >= 1, since
// ns-3's interface 0 is the loopback); the mobility device is the core's 0
// (MIP6_IFINDEX_MOBILITY); every other ns-3 interface has no core number.
#ifndef MIP6_INTERFACE_MAP_H
#define MIP6_INTERFACE_MAP_H

#include "ns3/ipv6.h"
#include "ns3/mip6-wrap-net-device.h"
#include "ns3/net-device.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <map>

namespace ns3
{

class Mip6InterfaceMap
{
      public:
	explicit Mip6InterfaceMap(Ptr<Ipv6> ipv6);

	/// Registers a wrapped link that already is an Ipv6 interface of the node.
	/// \return its core ifindex (>= 1), or 0 when the wrapper has no Ipv6 interface.
	uint32_t AddLink(Ptr<Mip6WrapNetDevice> wrapper);
	/// Registers the mobility device (an Ipv6 interface of the node). \return false if it is not one.
	bool SetMobility(Ptr<NetDevice> mobility);

	/// The ns-3 Ipv6 interface of a core link number (>= 1). \return false for an unknown number.
	bool LinkToNs3(uint32_t coreIf, uint32_t &ns3If) const;
	/// The ns-3 Ipv6 interface of the mobility device. \return false before SetMobility.
	bool MobilityToNs3(uint32_t &ns3If) const;
	/// The core number of an ns-3 interface (the mobility device: 0). \return false when it has none.
	bool FromNs3(uint32_t ns3If, uint32_t &coreIf) const;
	/// The wrapper of a core link number, or null.
	Ptr<Mip6WrapNetDevice> GetWrapper(uint32_t coreIf) const;

      private:
	Ptr<Ipv6> m_ipv6;
	std::map<uint32_t, Ptr<Mip6WrapNetDevice>> m_links; // core ifindex (= ns-3 index) -> wrapper
	bool m_hasMobility = false;
	uint32_t m_mobilityNs3 = 0;
};

} // namespace ns3

#endif
