// SPDX-License-Identifier: BSD-3-Clause
// Addresses between the core (mip6_addr_t) and ns-3 (Ipv6Address): both are
// the 16 bytes in network order.
#ifndef MIP6_NS3_ADDR_H
#define MIP6_NS3_ADDR_H

#include "ns3/ipv6-address.h"

#include "mip6/addr.h"

namespace ns3
{

inline Ipv6Address
Mip6ToNs3(const mip6_addr_t& a)
{
	return Ipv6Address::Deserialize(a.b);
}

inline mip6_addr_t
Mip6FromNs3(const Ipv6Address& a)
{
	mip6_addr_t out;
	a.Serialize(out.b);
	return out;
}

} // namespace ns3

#endif
