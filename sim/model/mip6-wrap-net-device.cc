// SPDX-License-Identifier: BSD-3-Clause
#include "mip6-wrap-net-device.h"

#include "ns3/channel.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-interface.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6WrapNetDevice");

NS_OBJECT_ENSURE_REGISTERED(Mip6WrapNetDevice);
NS_OBJECT_ENSURE_REGISTERED(Mip6InjectedTag);

TypeId
Mip6WrapNetDevice::GetTypeId()
{
	static TypeId tid = TypeId("ns3::Mip6WrapNetDevice")
				    .SetParent<NetDevice>()
				    .SetGroupName("Mip6")
				    .AddConstructor<Mip6WrapNetDevice>();
	return tid;
}

Mip6WrapNetDevice::Mip6WrapNetDevice() : m_ifIndex(0), m_connected(false), m_promiscConnected(false)
{
	NS_LOG_FUNCTION(this);
}

Mip6WrapNetDevice::~Mip6WrapNetDevice()
{
	NS_LOG_FUNCTION(this);
}

void
Mip6WrapNetDevice::DoDispose()
{
	NS_LOG_FUNCTION(this);
	if (m_node && m_connected) {
		m_node->UnregisterProtocolHandler(MakeCallback(&Mip6WrapNetDevice::ReceiveFromInner, this));
	}
	if (m_node && m_promiscConnected) {
		m_node->UnregisterProtocolHandler(
			MakeCallback(&Mip6WrapNetDevice::PromiscReceiveFromInner, this));
	}
	m_inputHook = nullptr;
	m_outputHook = nullptr;
	m_rxCallback = MakeNullCallback<bool, Ptr<NetDevice>, Ptr<const Packet>, uint16_t, const Address&>();
	m_promiscRxCallback.Nullify();
	m_inner = nullptr;
	m_node = nullptr;
	NetDevice::DoDispose();
}

void
Mip6WrapNetDevice::SetInnerDevice(Ptr<NetDevice> inner)
{
	NS_LOG_FUNCTION(this << inner);
	NS_ABORT_MSG_IF(m_inner, "Mip6WrapNetDevice: the inner device is set once");
	NS_ABORT_MSG_IF(!inner, "Mip6WrapNetDevice: null inner device");
	m_inner = inner;
	ConnectInner();
}

Ptr<NetDevice>
Mip6WrapNetDevice::GetInnerDevice() const
{
	return m_inner;
}

void
Mip6WrapNetDevice::SetInputHook(PacketHook hook)
{
	m_inputHook = std::move(hook);
}

void
Mip6WrapNetDevice::SetOutputHook(PacketHook hook)
{
	m_outputHook = std::move(hook);
}

void
Mip6WrapNetDevice::ConnectInner()
{
	if (!m_node || !m_inner || m_connected) {
		return;
	}
	NS_ABORT_MSG_IF(m_inner->GetNode() != m_node,
			"Mip6WrapNetDevice: the inner device must be a device of the wrapper's node");
	// Protocol 0: every frame of the inner device, IPv6 or not.
	m_node->RegisterProtocolHandler(MakeCallback(&Mip6WrapNetDevice::ReceiveFromInner, this), 0, m_inner,
					false);
	m_connected = true;
	if (!m_promiscRxCallback.IsNull() && !m_promiscConnected) {
		m_node->RegisterProtocolHandler(MakeCallback(&Mip6WrapNetDevice::PromiscReceiveFromInner, this),
						0, m_inner, true);
		m_promiscConnected = true;
	}
}

// A whole IPv6 packet: version 6, and exactly 40 + payload length bytes
// (jumbograms, payload length 0, are not carried).
static bool
IsWholeIpv6(const uint8_t* data, size_t len)
{
	if (len < 40 || (data[0] >> 4) != 6) {
		return false;
	}
	size_t plen = (size_t(data[4]) << 8) | data[5];
	return plen != 0 ? 40 + plen == len : len == 40;
}

std::vector<uint8_t>
Mip6WrapNetDevice::Ipv6Bytes(Ptr<const Packet> packet)
{
	std::vector<uint8_t> bytes(packet->GetSize());
	packet->CopyData(bytes.data(), bytes.size());
	if (bytes.size() >= 40) {
		size_t plen = (size_t(bytes[4]) << 8) | bytes[5];
		// A payload length of 0 is a jumbogram (RFC 2675): keep everything.
		if (plen != 0 && 40 + plen < bytes.size()) {
			bytes.resize(40 + plen);
		}
	}
	return bytes;
}

Ptr<Packet>
Mip6WrapNetDevice::Rebuild(const std::vector<uint8_t>& bytes, Ptr<const Packet> original)
{
	Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
	// Packet tags (socket priority, flow ids ...) belong to the packet, not
	// to its bytes: keep them. Byte tags name byte ranges that a rewrite
	// moves, so they are left behind.
	PacketTagIterator it = original->GetPacketTagIterator();
	while (it.HasNext()) {
		PacketTagIterator::Item item = it.Next();
		TypeId tid = item.GetTypeId();
		if (!tid.HasConstructor()) {
			continue;
		}
		ObjectBase* instance = tid.GetConstructor()();
		Tag* tag = dynamic_cast<Tag*>(instance);
		if (tag) {
			item.GetTag(*tag);
			p->AddPacketTag(*tag);
		}
		delete instance;
	}
	return p;
}

bool
Mip6WrapNetDevice::FilterOutput(Ptr<Packet>& packet, uint16_t protocolNumber)
{
	if (protocolNumber != IPV6_PROT_NUMBER) {
		return true;
	}
	Mip6InjectedTag injected;
	if (packet->RemovePacketTag(injected) || !m_outputHook) {
		return true;
	}
	std::vector<uint8_t> bytes = Ipv6Bytes(packet);
	switch (m_outputHook(this, bytes)) {
	case HOOK_PASS:
		return true;
	case HOOK_CONSUMED:
		NS_LOG_LOGIC("output hook consumed packet " << packet->GetUid());
		return false;
	case HOOK_REPLACE:
		if (!IsWholeIpv6(bytes.data(), bytes.size())) {
			NS_LOG_WARN("output hook replaced packet " << packet->GetUid() << " with no IPv6 packet: dropped");
			return false;
		}
		NS_LOG_LOGIC("output hook replaced packet " << packet->GetUid());
		packet = Rebuild(bytes, packet);
		return true;
	}
	return true;
}

bool
Mip6WrapNetDevice::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber)
{
	NS_LOG_FUNCTION(this << packet << dest << protocolNumber);
	NS_ASSERT_MSG(m_inner, "Mip6WrapNetDevice: no inner device");
	if (!FilterOutput(packet, protocolNumber)) {
		return true; // taken by the hook, which is a successful hand-over
	}
	return m_inner->Send(packet, dest, protocolNumber);
}

bool
Mip6WrapNetDevice::SendFrom(Ptr<Packet> packet, const Address& source, const Address& dest,
			    uint16_t protocolNumber)
{
	NS_LOG_FUNCTION(this << packet << source << dest << protocolNumber);
	NS_ASSERT_MSG(m_inner, "Mip6WrapNetDevice: no inner device");
	if (!FilterOutput(packet, protocolNumber)) {
		return true;
	}
	return m_inner->SendFrom(packet, source, dest, protocolNumber);
}

void
Mip6WrapNetDevice::ReceiveFromInner(Ptr<NetDevice> device, Ptr<const Packet> packet, uint16_t protocol,
				    const Address& from, const Address& to, NetDevice::PacketType packetType)
{
	NS_LOG_FUNCTION(this << device << packet << protocol << from << to << packetType);
	if (m_rxCallback.IsNull()) {
		return;
	}
	if (protocol == IPV6_PROT_NUMBER && m_inputHook) {
		std::vector<uint8_t> bytes = Ipv6Bytes(packet);
		switch (m_inputHook(this, bytes)) {
		case HOOK_PASS:
			break;
		case HOOK_CONSUMED:
			NS_LOG_LOGIC("input hook consumed packet " << packet->GetUid());
			return;
		case HOOK_REPLACE:
			if (!IsWholeIpv6(bytes.data(), bytes.size())) {
				NS_LOG_WARN("input hook replaced packet " << packet->GetUid()
									  << " with no IPv6 packet: dropped");
				return;
			}
			NS_LOG_LOGIC("input hook replaced packet " << packet->GetUid());
			packet = Rebuild(bytes, packet);
			break;
		}
	}
	m_rxCallback(this, packet, protocol, from);
}

void
Mip6WrapNetDevice::PromiscReceiveFromInner(Ptr<NetDevice> device, Ptr<const Packet> packet, uint16_t protocol,
					   const Address& from, const Address& to,
					   NetDevice::PacketType packetType)
{
	NS_LOG_FUNCTION(this << device << packet << protocol << from << to << packetType);
	// A sniffer's view of the link: every frame as it was on the wire, no hook.
	if (!m_promiscRxCallback.IsNull()) {
		m_promiscRxCallback(this, packet, protocol, from, to, packetType);
	}
}

bool
Mip6WrapNetDevice::SendIpv6(const std::vector<uint8_t>& bytes, Ipv6Address nextHop)
{
	return SendIpv6(bytes.data(), bytes.size(), nextHop);
}

bool
Mip6WrapNetDevice::SendIpv6(const uint8_t* data, size_t len, Ipv6Address nextHop)
{
	NS_LOG_FUNCTION(this << len << nextHop);
	if (!m_inner || !IsWholeIpv6(data, len)) {
		return false;
	}
	Ptr<Packet> p = Create<Packet>(data, len);
	Ipv6Header hdr;
	p->RemoveHeader(hdr);
	if (nextHop.IsAny()) {
		nextHop = hdr.GetDestination();
	}

	// Through the Ipv6Interface: it resolves nextHop in its NDisc cache,
	// queues the packet on an incomplete entry and solicits, and sends
	// multicast to the mapped group address, exactly as for ns-3's own packets.
	Ptr<Ipv6L3Protocol> ipv6 = m_node ? m_node->GetObject<Ipv6L3Protocol>() : nullptr;
	int32_t index = ipv6 ? ipv6->GetInterfaceForDevice(this) : -1;
	if (index >= 0) {
		Ptr<Ipv6Interface> iface = ipv6->GetInterface(index);
		if (!iface->IsUp()) {
			return false;
		}
		p->AddPacketTag(Mip6InjectedTag());
		iface->Send(p, hdr, nextHop);
		return true;
	}

	// No IPv6 stack on this device: only links without neighbor discovery
	// and multicast next hops can be addressed.
	p->AddHeader(hdr);
	if (!m_inner->NeedsArp()) {
		return m_inner->Send(p, m_inner->GetBroadcast(), IPV6_PROT_NUMBER);
	}
	if (nextHop.IsMulticast() && m_inner->IsMulticast()) {
		return m_inner->Send(p, m_inner->GetMulticast(nextHop), IPV6_PROT_NUMBER);
	}
	return false;
}

void
Mip6WrapNetDevice::SetIfIndex(const uint32_t index)
{
	m_ifIndex = index;
}

uint32_t
Mip6WrapNetDevice::GetIfIndex() const
{
	return m_ifIndex;
}

Ptr<Channel>
Mip6WrapNetDevice::GetChannel() const
{
	return m_inner ? m_inner->GetChannel() : nullptr;
}

void
Mip6WrapNetDevice::SetAddress(Address address)
{
	NS_ASSERT(m_inner);
	m_inner->SetAddress(address);
}

Address
Mip6WrapNetDevice::GetAddress() const
{
	NS_ASSERT(m_inner);
	return m_inner->GetAddress();
}

bool
Mip6WrapNetDevice::SetMtu(const uint16_t mtu)
{
	NS_ASSERT(m_inner);
	return m_inner->SetMtu(mtu);
}

uint16_t
Mip6WrapNetDevice::GetMtu() const
{
	NS_ASSERT(m_inner);
	return m_inner->GetMtu();
}

bool
Mip6WrapNetDevice::IsLinkUp() const
{
	return m_inner && m_inner->IsLinkUp();
}

void
Mip6WrapNetDevice::AddLinkChangeCallback(Callback<void> callback)
{
	// The NDisc cache flushes itself on link changes of the device it is
	// created for (Icmpv6L4Protocol::CreateCache): that is this wrapper.
	NS_ASSERT(m_inner);
	m_inner->AddLinkChangeCallback(callback);
}

bool
Mip6WrapNetDevice::IsBroadcast() const
{
	NS_ASSERT(m_inner);
	return m_inner->IsBroadcast();
}

Address
Mip6WrapNetDevice::GetBroadcast() const
{
	NS_ASSERT(m_inner);
	return m_inner->GetBroadcast();
}

bool
Mip6WrapNetDevice::IsMulticast() const
{
	NS_ASSERT(m_inner);
	return m_inner->IsMulticast();
}

Address
Mip6WrapNetDevice::GetMulticast(Ipv4Address multicastGroup) const
{
	NS_ASSERT(m_inner);
	return m_inner->GetMulticast(multicastGroup);
}

Address
Mip6WrapNetDevice::GetMulticast(Ipv6Address addr) const
{
	NS_ASSERT(m_inner);
	return m_inner->GetMulticast(addr);
}

bool
Mip6WrapNetDevice::IsBridge() const
{
	return m_inner && m_inner->IsBridge();
}

bool
Mip6WrapNetDevice::IsPointToPoint() const
{
	return m_inner && m_inner->IsPointToPoint();
}

Ptr<Node>
Mip6WrapNetDevice::GetNode() const
{
	return m_node;
}

void
Mip6WrapNetDevice::SetNode(Ptr<Node> node)
{
	m_node = node;
	ConnectInner();
}

bool
Mip6WrapNetDevice::NeedsArp() const
{
	NS_ASSERT(m_inner);
	return m_inner->NeedsArp();
}

void
Mip6WrapNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
	m_rxCallback = cb;
}

void
Mip6WrapNetDevice::SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb)
{
	m_promiscRxCallback = cb;
	ConnectInner();
	if (m_connected && !m_promiscConnected && !cb.IsNull()) {
		m_node->RegisterProtocolHandler(MakeCallback(&Mip6WrapNetDevice::PromiscReceiveFromInner, this),
						0, m_inner, true);
		m_promiscConnected = true;
	}
}

bool
Mip6WrapNetDevice::SupportsSendFrom() const
{
	return m_inner && m_inner->SupportsSendFrom();
}

// Mip6InjectedTag: no payload, its presence is the mark.

TypeId
Mip6InjectedTag::GetTypeId()
{
	static TypeId tid =
		TypeId("ns3::Mip6InjectedTag").SetParent<Tag>().SetGroupName("Mip6").AddConstructor<Mip6InjectedTag>();
	return tid;
}

TypeId
Mip6InjectedTag::GetInstanceTypeId() const
{
	return GetTypeId();
}

uint32_t
Mip6InjectedTag::GetSerializedSize() const
{
	return 0;
}

void
Mip6InjectedTag::Serialize(TagBuffer) const
{
}

void
Mip6InjectedTag::Deserialize(TagBuffer)
{
}

void
Mip6InjectedTag::Print(std::ostream& os) const
{
	os << "mip6-injected";
}

} // namespace ns3
