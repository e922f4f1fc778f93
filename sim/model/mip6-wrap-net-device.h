// SPDX-License-Identifier: BSD-3-Clause
// A NetDevice that sits between a node's IPv6 stack and one of its links,
// where the Mobile IPv6 core sits in a Linux host: every IPv6 packet going
// in or out passes a hook as raw bytes. sim/doc/design.md says why.
#ifndef MIP6_WRAP_NET_DEVICE_H
#define MIP6_WRAP_NET_DEVICE_H

#include "ns3/ipv6-address.h"
#include "ns3/net-device.h"
#include "ns3/tag.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace ns3
{

class Node;

/**
 * \brief Wraps a link device (CSMA, point-to-point, Wi-Fi ...) so that the
 * IPv6 stack installed on the wrapper hands every IPv6 packet through two
 * hooks before it reaches the link and after it leaves it.
 *
 * The inner device stays on the node as it was created by its helper (pcap,
 * Config paths and mobility work on it as usual); the wrapper is a second
 * device of the node that forwards addresses, MTU, link state, broadcast and
 * multicast to it, and takes the inner device's frames through a protocol
 * handler on the node, as BridgeNetDevice does with its ports. Frames other
 * than IPv6 (EtherType 0x86DD) pass untouched.
 */
class Mip6WrapNetDevice : public NetDevice
{
  public:
	static const uint16_t IPV6_PROT_NUMBER = 0x86DD;

	/// What a hook did with a packet.
	enum HookVerdict {
		HOOK_PASS,     ///< go on with the packet as it was
		HOOK_CONSUMED, ///< the hook took it: it goes no further
		HOOK_REPLACE,  ///< go on with the bytes the hook left in its argument
	};

	/**
	 * A hook is given the whole IPv6 packet (header included) and may
	 * rewrite it in place. On output, HOOK_REPLACE keeps the link-layer
	 * destination that neighbor discovery chose for the original packet;
	 * a hook that sends a packet elsewhere consumes it and calls SendIpv6.
	 * Replacement bytes that are not a whole IPv6 packet drop the packet.
	 */
	typedef std::function<HookVerdict(Ptr<Mip6WrapNetDevice> device, std::vector<uint8_t>& bytes)>
		PacketHook;

	static TypeId GetTypeId();
	Mip6WrapNetDevice();
	~Mip6WrapNetDevice() override;

	/// The link device to wrap; it must already be a device of the same node.
	void SetInnerDevice(Ptr<NetDevice> inner);
	Ptr<NetDevice> GetInnerDevice() const;

	/// Packets arriving from the link, before the IPv6 stack sees them.
	void SetInputHook(PacketHook hook);
	/// Packets the IPv6 stack (including neighbor discovery) sends.
	void SetOutputHook(PacketHook hook);

	/**
	 * Sends a whole IPv6 packet out of the inner device to the neighbor
	 * nextHop (the packet's own destination when nextHop is ::), resolving
	 * its link-layer address through the NDisc cache of this device's
	 * Ipv6Interface (queueing the packet and soliciting as ns-3 does for its
	 * own packets). The packet does not pass the output hook again.
	 * \return false when the bytes are not one whole IPv6 packet (version 6,
	 * 40 + payload length bytes) or the interface
	 * is down (or absent and the next hop cannot be addressed without ND).
	 */
	bool SendIpv6(const uint8_t* data, size_t len, Ipv6Address nextHop);
	bool SendIpv6(const std::vector<uint8_t>& bytes, Ipv6Address nextHop);

	// NetDevice
	void SetIfIndex(const uint32_t index) override;
	uint32_t GetIfIndex() const override;
	Ptr<Channel> GetChannel() const override;
	void SetAddress(Address address) override;
	Address GetAddress() const override;
	bool SetMtu(const uint16_t mtu) override;
	uint16_t GetMtu() const override;
	bool IsLinkUp() const override;
	void AddLinkChangeCallback(Callback<void> callback) override;
	bool IsBroadcast() const override;
	Address GetBroadcast() const override;
	bool IsMulticast() const override;
	Address GetMulticast(Ipv4Address multicastGroup) const override;
	Address GetMulticast(Ipv6Address addr) const override;
	bool IsBridge() const override;
	bool IsPointToPoint() const override;
	bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
	bool SendFrom(Ptr<Packet> packet, const Address& source, const Address& dest,
		      uint16_t protocolNumber) override;
	Ptr<Node> GetNode() const override;
	void SetNode(Ptr<Node> node) override;
	bool NeedsArp() const override;
	void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
	void SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb) override;
	bool SupportsSendFrom() const override;

  protected:
	void DoDispose() override;

  private:
	/// Runs the output hook (unless the packet was injected by SendIpv6); false when consumed.
	bool FilterOutput(Ptr<Packet>& packet, uint16_t protocolNumber);
	void ReceiveFromInner(Ptr<NetDevice> device, Ptr<const Packet> packet, uint16_t protocol,
			      const Address& from, const Address& to, NetDevice::PacketType packetType);
	void PromiscReceiveFromInner(Ptr<NetDevice> device, Ptr<const Packet> packet, uint16_t protocol,
				     const Address& from, const Address& to,
				     NetDevice::PacketType packetType);
	/// Registers the handlers on the node once both the node and the inner device are known.
	void ConnectInner();
	/// The packet's bytes, cut to the IPv6 payload length (a link may pad short frames).
	static std::vector<uint8_t> Ipv6Bytes(Ptr<const Packet> packet);
	/// A packet made of bytes, carrying the packet tags of the one it replaces.
	static Ptr<Packet> Rebuild(const std::vector<uint8_t>& bytes, Ptr<const Packet> original);

	Ptr<Node> m_node;
	Ptr<NetDevice> m_inner;
	uint32_t m_ifIndex;
	bool m_connected;
	bool m_promiscConnected;
	NetDevice::ReceiveCallback m_rxCallback;
	NetDevice::PromiscReceiveCallback m_promiscRxCallback;
	PacketHook m_inputHook;
	PacketHook m_outputHook;
};

/**
 * \brief Marks a packet that SendIpv6 injected, so that its way down through
 * Ipv6Interface (and the NDisc queue) does not give it to the output hook again.
 */
class Mip6InjectedTag : public Tag
{
  public:
	static TypeId GetTypeId();
	TypeId GetInstanceTypeId() const override;
	uint32_t GetSerializedSize() const override;
	void Serialize(TagBuffer i) const override;
	void Deserialize(TagBuffer i) override;
	void Print(std::ostream& os) const override;
};

} // namespace ns3

#endif
