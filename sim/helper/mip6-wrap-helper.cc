// SPDX-License-Identifier: BSD-3-Clause
#include "mip6-wrap-helper.h"

#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/packet.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6WrapHelper");

Ptr<Mip6WrapNetDevice>
Mip6WrapHelper::Install(Ptr<NetDevice> inner) const
{
	NS_ABORT_MSG_IF(!inner || !inner->GetNode(), "Mip6WrapHelper: the device to wrap must be on a node");
	Ptr<Mip6WrapNetDevice> wrap = CreateObject<Mip6WrapNetDevice>();
	wrap->SetInnerDevice(inner);
	inner->GetNode()->AddDevice(wrap);
	return wrap;
}

NetDeviceContainer
Mip6WrapHelper::Install(const NetDeviceContainer& inner) const
{
	NetDeviceContainer out;
	for (auto it = inner.Begin(); it != inner.End(); ++it) {
		out.Add(Install(*it));
	}
	return out;
}

Ptr<VirtualNetDevice>
Mip6WrapHelper::InstallMobilityInterface(Ptr<Node> node, MobilityTx toCore) const
{
	Ptr<VirtualNetDevice> dev = CreateObject<VirtualNetDevice>();
	// Ipv6Interface derives the link-local address from the device address,
	// so the device needs one of a kind ns-3 knows, though no frame carries it.
	dev->SetAddress(Mac48Address::Allocate());
	dev->SetNeedsArp(false);
	dev->SetSupportsSendFrom(false);
	// A raw pointer: the device owns the callback, a Ptr here would keep it alive forever.
	VirtualNetDevice* raw = PeekPointer(dev);
	dev->SetSendCallback([raw, toCore](Ptr<Packet> packet, const Address&, const Address&,
					   uint16_t protocol) {
		if (protocol != Mip6WrapNetDevice::IPV6_PROT_NUMBER || !toCore) {
			return false;
		}
		std::vector<uint8_t> bytes(packet->GetSize());
		packet->CopyData(bytes.data(), bytes.size());
		toCore(Ptr<VirtualNetDevice>(raw), bytes);
		return true;
	});
	node->AddDevice(dev);
	return dev;
}

bool
Mip6WrapHelper::RepairNdHopLimit(std::vector<uint8_t>& bytes)
{
	const uint8_t icmpv6 = 58;
	if (bytes.size() < 41 || (bytes[0] >> 4) != 6 || bytes[6] != icmpv6 || bytes[7] == 255) {
		return false;
	}
	uint8_t type = bytes[40];
	if (type < 133 || type > 137) {
		return false;
	}
	bytes[7] = 255; // not in the pseudo-header: the checksum stays right
	return true;
}

bool
Mip6WrapHelper::DeliverFromMobilityInterface(Ptr<VirtualNetDevice> device, const std::vector<uint8_t>& bytes)
{
	if (bytes.size() < 40 || (bytes[0] >> 4) != 6) {
		return false;
	}
	Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
	return device->Receive(p, Mip6WrapNetDevice::IPV6_PROT_NUMBER, device->GetAddress(), device->GetAddress(),
			       NetDevice::PACKET_HOST);
}

} // namespace ns3
