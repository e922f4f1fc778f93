// SPDX-License-Identifier: BSD-3-Clause
// Mip6Node: set-up, the env callbacks, the packet hooks and the one timer.
// The platform operations are in mip6-node-ops.cc.
#include "mip6-node.h"

#include "mip6-ns3-addr.h"

#include "ns3/boolean.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6-routing-table-entry.h"
#include "ns3/ipv6-static-routing.h"
#include "ns3/log.h"
#include "ns3/mip6-wrap-helper.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/integer.h"
#include "ns3/uinteger.h"

#include "mip6/bind_trace.h"
#include "mip6/decode.h"
#include "mip6/err.h"
#include "mip6/icmp6.h"
#include "mip6/ipv6.h"

#include <algorithm>
#include <cstdlib>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6Node");
NS_OBJECT_ENSURE_REGISTERED(Mip6Node);

namespace
{

const uint8_t kIcmpv6 = 58;
const size_t kIp6Len = 40;

void*
HeapAlloc(void*, void* p, size_t n)
{
	if (n) {
		return std::realloc(p, n);
	}
	std::free(p);
	return nullptr;
}

mip6_ns_t
NowNanoseconds()
{
	return static_cast<mip6_ns_t>(Simulator::Now().GetNanoSeconds());
}

/// The ICMPv6 type of a packet whose ICMPv6 header follows the IPv6 header, else 0.
uint8_t
IcmpType(const std::vector<uint8_t>& b)
{
	return b.size() >= kIp6Len + 4 && b[6] == kIcmpv6 ? b[40] : 0;
}

bool
IsNd(uint8_t type)
{
	return type >= 133 && type <= 137;
}

} // namespace

/// The C callbacks of mip6_env_t, onto the node's members.
struct Mip6NodeEnv {
	static Mip6Node* N(void* ctx) { return static_cast<Mip6Node*>(ctx); }
	static void Send(void* c, uint32_t i, const uint8_t* p, size_t l) { N(c)->EnvSend(i, p, l); }
	static void Deliver(void* c, const uint8_t* p, size_t l) { N(c)->EnvDeliver(p, l); }
	static void Op(void* c, const mip6_op_t* op) { N(c)->EnvOpSubmit(op); }
	static void Random(void* c, uint8_t* o, size_t l) { N(c)->EnvRandom(o, l); }
	static void Trace(void* c, const mip6_trace_t* ev) { N(c)->EnvTrace(ev); }
	static void Bus(void* c, const uint8_t* m, size_t l) { N(c)->EnvBusOut(m, l); }
};

TypeId
Mip6Node::GetTypeId()
{
	static TypeId tid =
		TypeId("ns3::Mip6Node")
			.SetParent<Object>()
			.SetGroupName("Mip6")
			.AddConstructor<Mip6Node>()
			.AddAttribute("DadTime",
				      "How long duplicate address detection listens for a defender after its probe "
				      "(RFC 4862 5.4: RetransTimer x DupAddrDetectTransmits, 1 s x 1).",
				      TimeValue(Seconds(1)), MakeTimeAccessor(&Mip6Node::m_dadTime),
				      MakeTimeChecker(MilliSeconds(1)))
			.AddAttribute("Lifetime", "Binding lifetime a mobile node asks for, in seconds (RFC 6275 6.1.7).",
				      UintegerValue(600), MakeUintegerAccessor(&Mip6Node::m_lifetimeS),
				      MakeUintegerChecker<uint16_t>(4))
			.AddAttribute("RouteOptimization", "The mobile node runs return routability and binds with "
							    "correspondents that answer (RFC 6275 5.2, 11.7.2).",
				      BooleanValue(false), MakeBooleanAccessor(&Mip6Node::m_ro), MakeBooleanChecker())
			.AddAttribute("OptimisticDad", "Care-of addresses are used while their DAD runs (RFC 4429).",
				      BooleanValue(false), MakeBooleanAccessor(&Mip6Node::m_optimisticDad),
				      MakeBooleanChecker())
			.AddAttribute("NudProbeInterval",
				      "How often movement detection probes its router's reachability (0: the core's default).",
				      TimeValue(Seconds(0)), MakeTimeAccessor(&Mip6Node::m_nudProbe),
				      MakeTimeChecker(Seconds(0), Seconds(3600)))
			.AddAttribute("MobileRouter", "The mobile node is a mobile router (RFC 3963).", BooleanValue(false),
				      MakeBooleanAccessor(&Mip6Node::m_mr), MakeBooleanChecker())
			.AddAttribute("NemoExplicitMode",
				      "A mobile router lists its prefixes in its BUs (RFC 3963 5.2: explicit mode); "
				      "false: implicit mode.",
				      BooleanValue(true), MakeBooleanAccessor(&Mip6Node::m_nemoExplicit), MakeBooleanChecker())
			.AddAttribute("Mcoa", "One binding per interface, with that interface's BID (RFC 5648).",
				      BooleanValue(false), MakeBooleanAccessor(&Mip6Node::m_mcoa), MakeBooleanChecker())
			.AddAttribute("McoaBulk", "Several BIDs in one BU (RFC 5648 5.3).", BooleanValue(false),
				      MakeBooleanAccessor(&Mip6Node::m_mcoaBulk), MakeBooleanChecker())
			.AddAttribute("MaxLifetime", "Longest binding a home agent grants, in seconds (RFC 6275 10.3.1).",
				      UintegerValue(3600), MakeUintegerAccessor(&Mip6Node::m_maxLifetimeS),
				      MakeUintegerChecker<uint16_t>(4))
			.AddAttribute("HomeAgentPreference",
				      "A home agent's preference in its Home Agent Information option (RFC 6275 7.4).",
				      IntegerValue(0), MakeIntegerAccessor(&Mip6Node::m_haPreference),
				      MakeIntegerChecker<int16_t>())
			.AddTraceSource("Event", "A trace event of the core: (event code, text line, the event).",
					MakeTraceSourceAccessor(&Mip6Node::m_traceEvents),
					"ns3::Mip6Node::TraceCallback")
			.AddTraceSource("Bus", "A mobility bus message in its byte encoding.",
					MakeTraceSourceAccessor(&Mip6Node::m_busTrace), "ns3::Mip6Node::BusCallback")
			.AddTraceSource("Op", "A platform operation of the core, applied: (operation, status).",
					MakeTraceSourceAccessor(&Mip6Node::m_opTrace), "ns3::Mip6Node::OpCallback");
	return tid;
}

Mip6Node::Mip6Node()
	: m_random(CreateObject<UniformRandomVariable>())
{
	m_proxyStorage.resize(4096);
	mip6_bind_proxy_init(&m_proxy, m_proxyStorage.data(), m_proxyStorage.size());
	m_routeStorage.resize(256);
	mip6_bind_rtable_init(&m_sourceRoutes, m_routeStorage.data(), m_routeStorage.size());
}

Mip6Node::~Mip6Node()
{
	if (m_bind) {
		mip6_bind_free(m_bind);
	}
}

void
Mip6Node::NotifyNewAggregate()
{
	if (!m_node) {
		m_node = GetObject<Node>();
	}
	Object::NotifyNewAggregate();
}

void
Mip6Node::DoDispose()
{
	m_timer.Cancel();
	for (DadProbe& p : m_dad) {
		p.done.Cancel();
	}
	m_dad.clear();
	for (auto& kv : m_links) {
		kv.second.wrapper->SetInputHook(nullptr);
		kv.second.wrapper->SetOutputHook(nullptr);
	}
	m_links.clear();
	if (m_bind) {
		mip6_bind_free(m_bind);
		m_bind = nullptr;
		m_core = nullptr;
	}
	m_map.reset();
	m_mobility = nullptr;
	m_ipv6 = nullptr;
	m_node = nullptr;
	m_random = nullptr;
	Object::DoDispose();
}

Ptr<Mip6Node>
Mip6Node::Install(Ptr<Node> node)
{
	Ptr<Ipv6L3Protocol> ipv6 = node->GetObject<Ipv6L3Protocol>();
	NS_ABORT_MSG_IF(!ipv6, "Mip6Node::Install: node " << node->GetId() << " has no IPv6 stack (InternetStackHelper)");
	NS_ABORT_MSG_IF(node->GetObject<Mip6Node>(), "Mip6Node::Install: node " << node->GetId() << " has one already");
	Ptr<Mip6Node> m = CreateObject<Mip6Node>();
	node->AggregateObject(m);
	m->m_node = node;
	m->m_ipv6 = ipv6;
	// A decapsulated packet for a home address enters through the mobility
	// interface and must be delivered there (a Linux host is a weak host).
	ipv6->SetAttribute("StrongEndSystemModel", BooleanValue(false));
	// The core asks for DAD where it wants it and the binding runs it with
	// its RFC time (mip6-node-ops.cc); ns-3's own never enforces anything.
	Ptr<Icmpv6L4Protocol> icmp = node->GetObject<Icmpv6L4Protocol>();
	if (icmp) {
		icmp->SetAttribute("DAD", BooleanValue(false));
	}
	Mip6Node* raw = PeekPointer(m);
	m->m_mobility = Mip6WrapHelper().InstallMobilityInterface(
		node, [raw](Ptr<VirtualNetDevice>, std::vector<uint8_t>& bytes) { raw->FromMobilityDevice(bytes); });
	m->m_mobilityIf = ipv6->AddInterface(m->m_mobility);
	ipv6->SetUp(m->m_mobilityIf);
	m->m_map = std::make_unique<Mip6InterfaceMap>(ipv6);
	m->m_map->SetMobility(m->m_mobility);
	return m;
}

uint32_t
Mip6Node::AddLink(Ptr<Mip6WrapNetDevice> wrapper, uint8_t preference, uint16_t bid)
{
	NS_ABORT_MSG_IF(!m_map, "Mip6Node::AddLink before Mip6Node::Install");
	NS_ABORT_MSG_IF(m_bind, "Mip6Node::AddLink after Start");
	uint32_t k = m_map->AddLink(wrapper);
	NS_ABORT_MSG_IF(k == 0, "Mip6Node::AddLink: the wrapper is not an IPv6 interface of node "
					<< m_node->GetId() << " (assign addresses to the wrappers first)");
	Link& l = m_links[k];
	l.wrapper = wrapper;
	l.preference = preference;
	l.bid = bid;
	wrapper->SetInputHook([this, k](Ptr<Mip6WrapNetDevice>, std::vector<uint8_t>& b) { return InputHook(k, b); });
	wrapper->SetOutputHook(
		[this, k](Ptr<Mip6WrapNetDevice>, std::vector<uint8_t>& b) { return OutputHook(k, b); });
	wrapper->AddLinkChangeCallback(Callback<void>([this, k]() { InnerLinkChanged(k); }));
	return k;
}

void
Mip6Node::EnableMobileNode(Ipv6Address hoa, uint8_t homePlen, Ipv6Address ha)
{
	NS_ABORT_MSG_IF(homePlen == 0 || homePlen > 127, "Mip6Node::EnableMobileNode: home prefix length "
								 << unsigned(homePlen) << " (must be 1-127)");
	NS_ABORT_MSG_IF(hoa.IsMulticast() || hoa.IsLinkLocal() || hoa.IsAny(),
			"Mip6Node::EnableMobileNode: " << hoa << " cannot be a home address");
	mip6_md_cfg_t md{};
	md.home.prefix = Mip6FromNs3(hoa.CombinePrefix(Ipv6Prefix(homePlen)));
	md.home.plen = homePlen;
	md.optimistic_dad = m_optimisticDad;
	md.nud_probe_ms = static_cast<uint32_t>(m_nudProbe.GetMilliSeconds());
	EnableMd(md);
	mip6_mn_cfg_t mn = m_mnCfg; // keeps prefixes added before
	mn.hoa = Mip6FromNs3(hoa);
	mn.home_plen = homePlen;
	mn.ha = Mip6FromNs3(ha);
	mn.lifetime_s = m_lifetimeS;
	mn.ro = m_ro;
	mn.mr = m_mr;
	mn.nemo_explicit = m_nemoExplicit;
	mn.mcoa = m_mcoa;
	mn.mcoa_bulk = m_mcoaBulk;
	EnableMn(mn);
}

void
Mip6Node::AddMobileNetworkPrefix(Ipv6Address prefix, uint8_t plen)
{
	NS_ABORT_MSG_IF(m_mnCfg.nmnp >= MIP6_MAX_MNP, "Mip6Node: at most " << MIP6_MAX_MNP << " mobile network prefixes");
	NS_ABORT_MSG_IF(plen == 0 || plen > 128, "Mip6Node: prefix length " << unsigned(plen));
	mip6_prefix_t& p = m_mnCfg.mnp[m_mnCfg.nmnp++];
	p.prefix = Mip6FromNs3(prefix.CombinePrefix(Ipv6Prefix(plen)));
	p.plen = plen;
}

void
Mip6Node::EnableHomeAgent(uint32_t homeIf, Ipv6Address addr, uint8_t plen)
{
	NS_ABORT_MSG_IF(m_links.find(homeIf) == m_links.end(),
			"Mip6Node::EnableHomeAgent: " << homeIf << " is not a link of this node (AddLink)");
	NS_ABORT_MSG_IF(plen == 0 || plen > 127, "Mip6Node::EnableHomeAgent: prefix length " << unsigned(plen));
	mip6_ha_cfg_t ha{};
	ha.home_ifindex = homeIf;
	ha.addr = Mip6FromNs3(addr);
	ha.home_prefix.prefix = Mip6FromNs3(addr.CombinePrefix(Ipv6Prefix(plen)));
	ha.home_prefix.plen = plen;
	ha.max_lifetime_s = m_maxLifetimeS;
	ha.preference = m_haPreference;
	EnableHa(ha);
}

void
Mip6Node::EnableMd(const mip6_md_cfg_t& cfg)
{
	m_md = true;
	m_mdCfg = cfg;
}

void
Mip6Node::EnableMn(const mip6_mn_cfg_t& cfg)
{
	m_mn = true;
	m_mnCfg = cfg;
}

void
Mip6Node::EnableHa(const mip6_ha_cfg_t& cfg)
{
	m_ha = true;
	m_haCfg = cfg;
	m_haClients.assign(cfg.clients, cfg.clients + cfg.nclients);
}

void
Mip6Node::EnableCn()
{
	m_cn = true;
}

void
Mip6Node::AddFlowRule(const mip6_flow_rule_t& rule)
{
	m_flowRules.push_back(rule);
}

bool
Mip6Node::IsStarted() const
{
	return m_bind != nullptr;
}

void
Mip6Node::Start()
{
	NS_ABORT_MSG_IF(!m_map, "Mip6Node::Start before Mip6Node::Install");
	NS_ABORT_MSG_IF(m_bind, "Mip6Node::Start called twice on node " << m_node->GetId());
	NS_ABORT_MSG_IF(m_links.empty(), "Mip6Node::Start: node " << m_node->GetId() << " has no link (AddLink)");
	mip6_env_t env{};
	env.ctx = this;
	env.send = &Mip6NodeEnv::Send;
	env.deliver = &Mip6NodeEnv::Deliver;
	env.op_submit = &Mip6NodeEnv::Op;
	env.random = &Mip6NodeEnv::Random;
	env.trace = &Mip6NodeEnv::Trace;
	env.bus_out = &Mip6NodeEnv::Bus;
	env.alloc = {&HeapAlloc, nullptr};
	m_bind = mip6_bind_new(&env, nullptr); // time of day: derived from now (bind_tod.h)
	NS_ABORT_MSG_IF(!m_bind, "Mip6Node: out of memory");
	mip6_ns_t now = NowNanoseconds();
	m_core = mip6_bind_node_new(m_bind, now);
	NS_ABORT_MSG_IF(!m_core, "Mip6Node: out of memory");

	uint16_t mtu = 0xffff;
	for (auto& kv : m_links) {
		mip6_iface_cfg_t c{};
		c.ifindex = kv.first;
		c.preference = kv.second.preference;
		c.bid = kv.second.bid;
		Address a = kv.second.wrapper->GetAddress();
		c.lladdr_len = static_cast<uint8_t>(std::min<uint32_t>(a.GetLength(), sizeof(c.lladdr)));
		a.CopyTo(c.lladdr);
		int rc = mip6_node_add_iface(m_core, &c);
		NS_ABORT_MSG_IF(rc != 0, "Mip6Node: link " << kv.first << " refused by the core (" << rc << ")");
		mtu = std::min(mtu, kv.second.wrapper->GetMtu());
		m_forwarding = m_forwarding || m_ipv6->IsForwarding(kv.first);
	}
	// Packets the stack routes into the core may grow by a tunnel header.
	m_mobility->SetMtu(static_cast<uint16_t>(std::max<int>(1280, mtu - 40)));
	m_ipv6->SetForwarding(m_mobilityIf, m_forwarding);

	mip6_bind_enter(m_bind, now);
	int rc = 0;
	if (m_md) {
		rc = mip6_node_enable_md(m_core, &m_mdCfg);
		NS_ABORT_MSG_IF(rc != 0, "Mip6Node: movement detection configuration refused (" << rc << ")");
	}
	if (m_mn) {
		rc = mip6_node_enable_mn(m_core, &m_mnCfg);
		NS_ABORT_MSG_IF(rc != 0, "Mip6Node: mobile node configuration refused (" << rc << ")");
	}
	if (m_ha) {
		mip6_ha_cfg_t ha = m_haCfg;
		ha.clients = m_haClients.data();
		ha.nclients = static_cast<unsigned>(m_haClients.size());
		rc = mip6_node_enable_ha(m_core, &ha);
		NS_ABORT_MSG_IF(rc != 0, "Mip6Node: home agent configuration refused (" << rc << ")");
	}
	if (m_cn) {
		rc = mip6_node_enable_cn(m_core);
		NS_ABORT_MSG_IF(rc != 0, "Mip6Node: correspondent node refused (" << rc << ")");
	}
	for (const mip6_flow_rule_t& r : m_flowRules) {
		rc = mip6_node_add_flow_rule(m_core, &r);
		NS_ABORT_MSG_IF(rc != 0, "Mip6Node: flow rule refused (" << rc << ")");
	}
	mip6_bind_leave(m_bind);
	for (auto& kv : m_links) {
		mip6_bind_link(m_bind, kv.first, kv.second.wrapper->IsLinkUp(), NowNanoseconds());
	}
	Reschedule();
}

void
Mip6Node::SetLinkUp(uint32_t coreIf, bool up)
{
	if (!m_bind || m_links.find(coreIf) == m_links.end()) {
		return;
	}
	if (!up) {
		SetDefaultRouter(coreIf, Ipv6Address::GetAny());
	}
	mip6_bind_link(m_bind, coreIf, up, NowNanoseconds());
	Reschedule();
}

void
Mip6Node::InnerLinkChanged(uint32_t coreIf)
{
	auto it = m_links.find(coreIf);
	if (it == m_links.end()) {
		return;
	}
	SetLinkUp(coreIf, it->second.wrapper->IsLinkUp());
}

int
Mip6Node::Command(const mip6_bus_msg_t& msg)
{
	if (!m_bind) {
		return MIP6_E_INVAL;
	}
	int rc = mip6_bind_command(m_bind, &msg, NowNanoseconds());
	Reschedule();
	return rc;
}

const mip6_node_t*
Mip6Node::GetCore() const
{
	return m_core;
}

const mip6_stats_t*
Mip6Node::GetStats() const
{
	return m_core ? mip6_node_stats(m_core) : nullptr;
}

const mip6_bind_stats_t*
Mip6Node::GetBindStats() const
{
	return m_bind ? mip6_bind_get_stats(m_bind) : nullptr;
}

Ptr<VirtualNetDevice>
Mip6Node::GetMobilityDevice() const
{
	return m_mobility;
}

uint32_t
Mip6Node::GetMobilityInterface() const
{
	return m_mobilityIf;
}

int64_t
Mip6Node::AssignStreams(int64_t stream)
{
	m_random->SetStream(stream);
	return 1;
}

// ------------------------------------------------------------------ the timer

void
Mip6Node::Reschedule()
{
	if (!m_bind) {
		return;
	}
	mip6_ns_t now = NowNanoseconds();
	mip6_ns_t at = mip6_bind_next_timer(m_bind, now);
	if (at == MIP6_NS_NEVER) {
		m_timer.Cancel();
		return;
	}
	Time when = NanoSeconds(static_cast<int64_t>(at));
	if (m_timer.IsRunning() && Simulator::Now() + Simulator::GetDelayLeft(m_timer) == when) {
		return; // already the one event
	}
	m_timer.Cancel();
	m_timer = Simulator::Schedule(when - Simulator::Now(), &Mip6Node::TimerFired, this);
}

void
Mip6Node::TimerFired()
{
	if (!mip6_bind_timeout(m_bind, NowNanoseconds())) {
		NS_LOG_WARN("node " << m_node->GetId() << ": the core asked for the same instant without progress; "
				       "its timer is stopped (bind storm guard)");
	}
	Reschedule();
}

// ------------------------------------------------------------ env callbacks

void
Mip6Node::EnvSend(uint32_t coreIf, const uint8_t* pkt, size_t len)
{
	if (len < kIp6Len) {
		m_unroutable++;
		return;
	}
	Ptr<Mip6WrapNetDevice> out;
	Ipv6Address nextHop;
	if (!ChooseNextHop(coreIf, Ipv6Address::Deserialize(pkt + 24), out, nextHop) ||
	    !out->SendIpv6(pkt, len, nextHop)) {
		m_unroutable++;
		NS_LOG_LOGIC("node " << m_node->GetId() << ": no way out for a packet of the core on " << coreIf);
	}
}

void
Mip6Node::EnvDeliver(const uint8_t* pkt, size_t len)
{
	// Through the simulator's queue at the same instant: the stack may
	// route the packet straight back into the core.
	std::vector<uint8_t> bytes(pkt, pkt + len);
	Ptr<VirtualNetDevice> mob = m_mobility;
	Simulator::ScheduleNow([mob, bytes]() { Mip6WrapHelper::DeliverFromMobilityInterface(mob, bytes); });
}

void
Mip6Node::EnvRandom(uint8_t* out, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		out[i] = static_cast<uint8_t>(m_random->GetInteger(0, 255));
	}
}

void
Mip6Node::EnvTrace(const mip6_trace_t* ev)
{
	char line[MIP6_BIND_TRACE_LINE_MAX];
	mip6_bind_trace_text(ev, line, sizeof(line));
	NS_LOG_INFO("node " << m_node->GetId() << " " << line);
	m_traceEvents(ev->code, std::string(line), ev);
}

void
Mip6Node::EnvBusOut(const uint8_t* msg, size_t len)
{
	m_busTrace(msg, len);
}

// ------------------------------------------------------------------ packets

bool
Mip6Node::IsLocalSource(const Ipv6Address& src) const
{
	if (m_ipv6->GetInterfaceForAddress(src) >= 0) {
		return true;
	}
	mip6_addr_t a = Mip6FromNs3(src);
	return std::any_of(m_localOnly.begin(), m_localOnly.end(),
			   [&](const LocalOnly& l) { return mip6_addr_eq(&l.addr, &a); });
}

bool
Mip6Node::IsForThisNode(uint32_t coreIf, const Ipv6Address& dst) const
{
	if (dst.IsMulticast() || IsLocalSource(dst)) {
		return true;
	}
	mip6_addr_t a = Mip6FromNs3(dst);
	return mip6_bind_proxy_has(&m_proxy, coreIf, &a);
}

Mip6WrapNetDevice::HookVerdict
Mip6Node::InputHook(uint32_t coreIf, std::vector<uint8_t>& bytes)
{
	if (!m_bind || bytes.size() < kIp6Len || mip6_bind_in_call(m_bind)) {
		return Mip6WrapNetDevice::HOOK_PASS;
	}
	uint8_t type = IcmpType(bytes);
	if (type == 135 || type == 136) {
		DadHeard(coreIf, bytes);
	}
	if (type == 135 && AnswerProxyNs(coreIf, bytes)) {
		return Mip6WrapNetDevice::HOOK_CONSUMED;
	}
	mip6_ns_t now = NowNanoseconds();
	if (type == 134 && m_md) {
		// The core configures care-of addresses: no ns-3 SLAAC beside it,
		// but the interface's default route for the node's own traffic.
		LearnRouter(coreIf, bytes);
		mip6_bind_input(m_bind, coreIf, bytes.data(), bytes.size(), now);
		Reschedule();
		return Mip6WrapNetDevice::HOOK_CONSUMED;
	}
	mip6_verdict_t v;
	if (IsForThisNode(coreIf, Ipv6Address::Deserialize(bytes.data() + 24))) {
		v = mip6_bind_input(m_bind, coreIf, bytes.data(), bytes.size(), now);
	} else if (m_forwarding) {
		// Transit traffic (to a bound home address or mobile network, or
		// from a mobile network behind this router) is the core's to carry.
		// Here rather than in the output hook, which ns-3 reaches only
		// after resolving the next hop: one that is away answers no NS.
		v = mip6_bind_output(m_bind, bytes.data(), bytes.size(), now);
	} else {
		return Mip6WrapNetDevice::HOOK_PASS;
	}
	Reschedule();
	return v == MIP6_PASS ? Mip6WrapNetDevice::HOOK_PASS : Mip6WrapNetDevice::HOOK_CONSUMED;
}

Mip6WrapNetDevice::HookVerdict
Mip6Node::OutputHook(uint32_t, std::vector<uint8_t>& bytes)
{
	if (bytes.size() < kIp6Len) {
		return Mip6WrapNetDevice::HOOK_PASS;
	}
	if (IsNd(IcmpType(bytes))) {
		// Neighbor discovery is ns-3's; RFC 4861 6.1.2 receivers drop it
		// below hop limit 255, which ns-3.37's Radvd sends with 64.
		return Mip6WrapHelper::RepairNdHopLimit(bytes) ? Mip6WrapNetDevice::HOOK_REPLACE
							       : Mip6WrapNetDevice::HOOK_PASS;
	}
	// While the core is in a call, what ns-3 sends is for a packet of the core.
	if (!m_bind || mip6_bind_in_call(m_bind)) {
		return Mip6WrapNetDevice::HOOK_PASS;
	}
	// Only what this node originates: forwarded packets were offered in the input hook.
	Ipv6Address src = Ipv6Address::Deserialize(bytes.data() + 8);
	if (!src.IsAny() && !IsLocalSource(src)) {
		return Mip6WrapNetDevice::HOOK_PASS;
	}
	mip6_verdict_t v = mip6_bind_output(m_bind, bytes.data(), bytes.size(), NowNanoseconds());
	Reschedule();
	return v == MIP6_PASS ? Mip6WrapNetDevice::HOOK_PASS : Mip6WrapNetDevice::HOOK_CONSUMED;
}

void
Mip6Node::FromMobilityDevice(const std::vector<uint8_t>& bytes)
{
	if (!m_bind || bytes.size() < kIp6Len || IsNd(IcmpType(bytes))) {
		return; // ns-3's ND and RS on the mobility interface: SHISA's mip0 has none
	}
	if (mip6_bind_in_call(m_bind)) {
		Simulator::ScheduleNow(&Mip6Node::FromMobilityDevice, this, bytes);
		return;
	}
	mip6_verdict_t v = mip6_bind_output(m_bind, bytes.data(), bytes.size(), NowNanoseconds());
	Reschedule();
	if (v == MIP6_PASS) {
		m_unroutable++; // routed into the core, which has no binding for it
	}
}

void
Mip6Node::LearnRouter(uint32_t coreIf, const std::vector<uint8_t>& bytes)
{
	mip6_ip6_t ip;
	mip6_diag_t d{};
	if (mip6_ip6_parse(bytes.data(), bytes.size(), &ip, &d) != 0 || ip.hlim != 255 ||
	    bytes.size() < kIp6Len + ip.plen) {
		return; // RFC 4861 6.1.2: not a valid RA
	}
	mip6_icmp6_t m;
	if (mip6_icmp6_parse(bytes.data() + kIp6Len, ip.plen, &ip.src, &ip.dst, MIP6_DEC_STRICT, &m, &d) != 0) {
		return;
	}
	Ipv6Address router = Mip6ToNs3(ip.src);
	if (!router.IsLinkLocal()) {
		return;
	}
	SetDefaultRouter(coreIf, m.u.ra.lifetime ? router : Ipv6Address::GetAny());
}

bool
Mip6Node::ChooseNextHop(uint32_t coreIf, const Ipv6Address& dst, Ptr<Mip6WrapNetDevice>& out,
			Ipv6Address& nextHop) const
{
	nextHop = Ipv6Address::GetAny();
	uint32_t ns3If = 0;
	if (coreIf != 0) {
		auto it = m_links.find(coreIf);
		if (it == m_links.end() || !m_map->LinkToNs3(coreIf, ns3If)) {
			return false;
		}
		out = it->second.wrapper;
		if (dst.IsMulticast() || dst.IsLinkLocal()) {
			return true;
		}
		// On-link: a prefix of the interface's own addresses.
		for (uint32_t i = 0; i < m_ipv6->GetNAddresses(ns3If); i++) {
			Ipv6InterfaceAddress a = m_ipv6->GetAddress(ns3If, i);
			if (a.GetScope() == Ipv6InterfaceAddress::GLOBAL && a.GetPrefix().GetPrefixLength() < 128 &&
			    a.GetPrefix().IsMatch(a.GetAddress(), dst)) {
				return true;
			}
		}
	}
	// The longest route out of a link (of coreIf, if given), lowest metric first.
	Ptr<Ipv6StaticRouting> rt = StaticRouting();
	int best = -1;
	uint8_t bestLen = 0;
	uint32_t bestMetric = 0;
	for (uint32_t i = 0; rt && i < rt->GetNRoutes(); i++) {
		Ipv6RoutingTableEntry r = rt->GetRoute(i);
		uint32_t core = 0;
		if (r.GetInterface() == m_mobilityIf || !m_map->FromNs3(r.GetInterface(), core) || core == 0 ||
		    (coreIf != 0 && r.GetInterface() != ns3If) || !m_ipv6->IsUp(r.GetInterface())) {
			continue;
		}
		Ipv6Prefix p = r.GetDestNetworkPrefix();
		if (!p.IsMatch(r.GetDestNetwork(), dst)) {
			continue;
		}
		uint8_t len = p.GetPrefixLength();
		uint32_t metric = rt->GetMetric(i);
		if (best < 0 || len > bestLen || (len == bestLen && metric < bestMetric)) {
			best = static_cast<int>(i);
			bestLen = len;
			bestMetric = metric;
		}
	}
	if (best >= 0) {
		Ipv6RoutingTableEntry r = rt->GetRoute(static_cast<uint32_t>(best));
		nextHop = r.GetGateway();
		if (coreIf == 0) {
			uint32_t core = 0;
			m_map->FromNs3(r.GetInterface(), core);
			out = m_map->GetWrapper(core);
		}
		return out != nullptr;
	}
	if (coreIf == 0) {
		return false;
	}
	// No route: the router the link's last RA named, else try on-link.
	nextHop = m_links.at(coreIf).router;
	return true;
}

} // namespace ns3
