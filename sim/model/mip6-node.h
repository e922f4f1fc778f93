// SPDX-License-Identifier: BSD-3-Clause
// The Mobile IPv6 core in an ns-3 node: one mip6_bind_t (and the core node it
// owns) with its mip6_env_t implemented over ns-3 objects, and nothing of the
// protocol. sim/doc/design.md, "The core in a node", says how and why.
#ifndef MIP6_NODE_H_NS3
#define MIP6_NODE_H_NS3

#include "ns3/event-id.h"
#include "ns3/ipv6-address.h"
#include "ns3/mip6-interface-map.h"
#include "ns3/mip6-wrap-net-device.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"
#include "ns3/virtual-net-device.h"

#include "mip6/bind.h"
#include "mip6/bind_proxy_nd.h"
#include "mip6/bind_route.h"
#include "mip6/node.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class Ipv6L3Protocol;
class Ipv6StaticRouting;

/**
 * \brief The core of one node, aggregated to the ns-3 Node.
 *
 * Set-up, in this order: Install() on a node that has the internet stack,
 * AddLink() for each wrapped device that already is an Ipv6 interface,
 * EnableMd / EnableMn / EnableHa / EnableCn / AddFlowRule with the core's
 * configuration structs, then Start() (at or after time 0).
 *
 * Every IPv6 packet in and out of the wrapped links passes the core through
 * the wrappers' hooks; packets the stack routes into the mobility interface
 * (SHISA's mip0, a VirtualNetDevice) reach mip6_bind_output; the core's
 * platform operations are applied to ns-3's Ipv6 and static routing, or kept
 * here where ns-3 has no such thing (proxy ND, source-prefix routes,
 * addresses that must not be a source, DAD that ns-3 does not enforce).
 */
class Mip6Node : public Object
{
  public:
	static TypeId GetTypeId();
	Mip6Node();
	~Mip6Node() override;

	/// A Mip6Node aggregated to node, with its mobility interface (an Ipv6
	/// interface, forwarding when the node forwards); ns-3's own DAD is off
	/// on the node and local delivery follows the weak-host model.
	static Ptr<Mip6Node> Install(Ptr<Node> node);

	/**
	 * Registers a wrapped link (an Ipv6 interface of this node) with the
	 * core: its hooks now lead here. preference: movement detection's
	 * (higher wins); bid: its MCoA binding identifier (0: none).
	 * \return the link's core interface number (its ns-3 Ipv6 index).
	 */
	uint32_t AddLink(Ptr<Mip6WrapNetDevice> wrapper, uint8_t preference = 0, uint16_t bid = 0);

	/**
	 * A mobile node (or, with the MobileRouter attribute, a mobile router)
	 * with movement detection, configured from this object's Attributes:
	 * home address hoa in a home prefix of length homePlen, home agent ha
	 * (:: to discover it by DHAAD).
	 */
	void EnableMobileNode(Ipv6Address hoa, uint8_t homePlen, Ipv6Address ha);
	/// A mobile router's mobile network prefix (RFC 3963), sent in explicit mode.
	void AddMobileNetworkPrefix(Ipv6Address prefix, uint8_t plen);
	/// A home agent on link homeIf (a core interface number) with address addr in a prefix of length plen.
	void EnableHomeAgent(uint32_t homeIf, Ipv6Address addr, uint8_t plen);

	// The core's configuration structs as they are (what the Attributes do not cover: RFC 4285 keys, clients).
	void EnableMd(const mip6_md_cfg_t& cfg);
	void EnableMn(const mip6_mn_cfg_t& cfg);
	void EnableHa(const mip6_ha_cfg_t& cfg);
	void EnableCn();
	void AddFlowRule(const mip6_flow_rule_t& rule);

	/// Creates the core, gives it the links and roles, reports each link's state.
	void Start();
	bool IsStarted() const;

	/// Tells the core a link went down or up (a CSMA cable pulled, say);
	/// link-change callbacks of the inner device are followed anyway.
	void SetLinkUp(uint32_t coreIf, bool up);
	/// An operator command (mip6/bus.h MIP6_BUS_COMMAND): the core's return code.
	int Command(const mip6_bus_msg_t& msg);

	/// The core, for reading its state through mip6/view.h (null before Start).
	const mip6_node_t* GetCore() const;
	const mip6_stats_t* GetStats() const;
	const mip6_bind_stats_t* GetBindStats() const;
	Ptr<VirtualNetDevice> GetMobilityDevice() const;
	/// The ns-3 Ipv6 interface of the mobility device.
	uint32_t GetMobilityInterface() const;

	/// Streams used: one (the core's random bytes). \return the number used.
	int64_t AssignStreams(int64_t stream);

	/// The core's trace events: (event code, the line every binding prints, the event).
	typedef void (*TraceCallback)(uint16_t code, const std::string& line, const mip6_trace_t* ev);
	/// Bus messages in their byte encoding (mip6_bus_encode).
	typedef void (*BusCallback)(const uint8_t* msg, size_t len);
	/// Platform operations submitted and answered: (the operation, its status).
	typedef void (*OpCallback)(const mip6_op_t* op, int status);

  protected:
	void DoDispose() override;
	void NotifyNewAggregate() override;

  private:
	friend struct Mip6NodeEnv; // the C callbacks of mip6_env_t (mip6-node.cc)

	struct Link {
		Ptr<Mip6WrapNetDevice> wrapper;
		uint8_t preference = 0;
		uint16_t bid = 0;
		Ipv6Address router; ///< the default router its last RA named (:: none)
	};
	/// An address the core owns that ns-3 must not use as a source (DEREG, ANYCAST).
	struct LocalOnly {
		uint32_t coreIf;
		mip6_addr_t addr;
	};
	struct DadProbe {
		uint32_t opId;
		uint32_t coreIf;
		mip6_addr_t target;
		EventId done;
	};

	// env callbacks (mip6-node.cc)
	void EnvSend(uint32_t coreIf, const uint8_t* pkt, size_t len);
	void EnvDeliver(const uint8_t* pkt, size_t len);
	void EnvOpSubmit(const mip6_op_t* op);
	void EnvRandom(uint8_t* out, size_t len);
	void EnvTrace(const mip6_trace_t* ev);
	void EnvBusOut(const uint8_t* msg, size_t len);

	// packets (mip6-node.cc)
	Mip6WrapNetDevice::HookVerdict InputHook(uint32_t coreIf, std::vector<uint8_t>& bytes);
	Mip6WrapNetDevice::HookVerdict OutputHook(uint32_t coreIf, std::vector<uint8_t>& bytes);
	void FromMobilityDevice(const std::vector<uint8_t>& bytes);
	void InnerLinkChanged(uint32_t coreIf);
	/// Is dst delivered to this node (any of its addresses, multicast, a proxied address)?
	bool IsForThisNode(uint32_t coreIf, const Ipv6Address& dst) const;
	bool IsLocalSource(const Ipv6Address& src) const;
	/// A Router Advertisement on a node with movement detection: the interface's ns-3 default route.
	void LearnRouter(uint32_t coreIf, const std::vector<uint8_t>& bytes);
	/// The wrapper and next hop a packet to dst leaves by (coreIf 0: any link).
	bool ChooseNextHop(uint32_t coreIf, const Ipv6Address& dst, Ptr<Mip6WrapNetDevice>& out,
			   Ipv6Address& nextHop) const;
	/// After every call into the core: the one timer event.
	void Reschedule();
	void TimerFired();
	Time NowNs(mip6_ns_t& now) const;

	// platform operations (mip6-node-ops.cc)
	int ApplyAddrAdd(const mip6_op_t& op);
	int ApplyAddrDel(const mip6_op_t& op);
	int ApplyRoute(const mip6_op_t& op, bool add);
	void StartDad(const mip6_op_t& op);
	void DadHeard(uint32_t coreIf, const std::vector<uint8_t>& bytes);
	void DadFinished(uint32_t opId, int status);
	bool AnswerProxyNs(uint32_t coreIf, const std::vector<uint8_t>& bytes);
	bool Ns3Interface(uint32_t coreIf, uint32_t& ns3If) const;
	Ptr<Ipv6StaticRouting> StaticRouting() const;
	void SetDefaultRouter(uint32_t coreIf, const Ipv6Address& router);

	Ptr<Node> m_node;
	Ptr<Ipv6L3Protocol> m_ipv6;
	Ptr<VirtualNetDevice> m_mobility;
	uint32_t m_mobilityIf = 0;
	std::unique_ptr<Mip6InterfaceMap> m_map;
	std::map<uint32_t, Link> m_links;

	bool m_md = false, m_mn = false, m_ha = false, m_cn = false;
	mip6_md_cfg_t m_mdCfg{};
	mip6_mn_cfg_t m_mnCfg{};
	mip6_ha_cfg_t m_haCfg{};
	std::vector<mip6_ha_client_t> m_haClients;
	std::vector<mip6_flow_rule_t> m_flowRules;

	mip6_bind_t* m_bind = nullptr;
	mip6_node_t* m_core = nullptr;
	EventId m_timer;
	Ptr<UniformRandomVariable> m_random;

	std::vector<LocalOnly> m_localOnly;
	std::vector<mip6_bind_proxy_entry_t> m_proxyStorage;
	mip6_bind_proxy_t m_proxy{};
	std::vector<mip6_bind_route_t> m_routeStorage;
	mip6_bind_rtable_t m_sourceRoutes{};
	std::vector<DadProbe> m_dad;
	std::vector<std::pair<mip6_addr_t, mip6_addr_t>> m_tunnels;

	Time m_dadTime;
	// Attributes for EnableMobileNode / EnableHomeAgent
	uint16_t m_lifetimeS = 600;
	bool m_ro = false;
	bool m_optimisticDad = false;
	Time m_nudProbe;
	bool m_mr = false;
	bool m_nemoExplicit = true;
	bool m_mcoa = false;
	bool m_mcoaBulk = false;
	uint16_t m_maxLifetimeS = 3600;
	int16_t m_haPreference = 0;
	bool m_forwarding = false;
	uint64_t m_unroutable = 0; ///< packets the core sent that had no way out

	TracedCallback<uint16_t, const std::string&, const mip6_trace_t*> m_traceEvents;
	TracedCallback<const uint8_t*, size_t> m_busTrace;
	TracedCallback<const mip6_op_t*, int> m_opTrace;
};

} // namespace ns3

#endif
