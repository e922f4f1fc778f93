// SPDX-License-Identifier: BSD-3-Clause
// Mip6Node: the core's platform operations (mip6/env.h, docs/BINDING.md)
// applied to ns-3 objects, or kept here where ns-3 has no such thing.
#include "mip6-node.h"
#include "mip6-ns3-addr.h"

#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6-routing-table-entry.h"
#include "ns3/ipv6-static-routing.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include "mip6/err.h"
#include "mip6/icmp6.h"
#include "mip6/ipv6.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Mip6NodeOps");

namespace
{
// Routes into the core win over a default route learnt from an RA: the
// away mobile node's own traffic must reach the tunnel (RFC 6275 11.3.1).
const uint32_t kCoreRouteMetric = 0;
const uint32_t kCoreLinkRouteMetric = 1;
const uint32_t kRaRouteMetric = 10;

int32_t
FindAddress(Ptr<Ipv6L3Protocol> ipv6, uint32_t ns3If, const Ipv6Address& a)
{
	for (uint32_t i = 0; i < ipv6->GetNAddresses(ns3If); i++) {
		if (ipv6->GetAddress(ns3If, i).GetAddress() == a) {
			return static_cast<int32_t>(i);
		}
	}
	return -1;
}
} // namespace

void
Mip6Node::EnvOpSubmit(const mip6_op_t* op)
{
	int status = 0;
	switch (op->kind) {
	case MIP6_OP_ADDR_ADD:
		status = ApplyAddrAdd(*op);
		break;
	case MIP6_OP_ADDR_DEL:
		status = ApplyAddrDel(*op);
		break;
	case MIP6_OP_ROUTE_ADD:
	case MIP6_OP_ROUTE_DEL:
		status = ApplyRoute(*op, op->kind == MIP6_OP_ROUTE_ADD);
		break;
	case MIP6_OP_PROXY_ND_ADD:
	case MIP6_OP_PROXY_ND_DEL:
		// ns-3 has no proxy ND: the input hook answers from this table.
		status = mip6_bind_proxy_op(&m_proxy, op);
		if (op->kind == MIP6_OP_PROXY_ND_DEL) {
			status = 0; // already gone is gone
		}
		break;
	case MIP6_OP_DAD:
		StartDad(*op); // answered when the probe's time is up
		return;
	case MIP6_OP_TUNNEL_ADD:
	case MIP6_OP_TUNNEL_DEL: {
		// ns-3.37 has no IPv6-in-IPv6: the core's data plane is the tunnel.
		auto same = [op](const std::pair<mip6_addr_t, mip6_addr_t>& t) {
			return mip6_addr_eq(&t.first, &op->local) && mip6_addr_eq(&t.second, &op->remote);
		};
		m_tunnels.erase(std::remove_if(m_tunnels.begin(), m_tunnels.end(), same), m_tunnels.end());
		if (op->kind == MIP6_OP_TUNNEL_ADD) {
			m_tunnels.emplace_back(op->local, op->remote);
		}
		break;
	}
	default:
		status = MIP6_E_INVAL;
		break;
	}
	NS_LOG_LOGIC("node " << m_node->GetId() << ": op #" << op->id << " " << mip6_op_kind_name(op->kind) << " if "
			     << op->ifindex << " " << Mip6ToNs3(op->addr) << "/" << unsigned(op->plen)
			     << " -> " << status);
	m_opTrace(op, status);
	mip6_bind_answer_op(m_bind, op->id, status);
}

bool
Mip6Node::Ns3Interface(uint32_t coreIf, uint32_t& ns3If) const
{
	if (coreIf == MIP6_IFINDEX_MOBILITY) {
		ns3If = m_mobilityIf;
		return true;
	}
	return m_map->LinkToNs3(coreIf, ns3If);
}

Ptr<Ipv6StaticRouting>
Mip6Node::StaticRouting() const
{
	return Ipv6StaticRoutingHelper().GetStaticRouting(m_ipv6);
}

int
Mip6Node::ApplyAddrAdd(const mip6_op_t& op)
{
	uint32_t ns3If;
	if (!Ns3Interface(op.ifindex, ns3If)) {
		return MIP6_E_INVAL;
	}
	Ipv6Address a = Mip6ToNs3(op.addr);
	m_localOnly.erase(std::remove_if(m_localOnly.begin(), m_localOnly.end(),
					 [&](const LocalOnly& l) {
						 return l.coreIf == op.ifindex && mip6_addr_eq(&l.addr, &op.addr);
					 }),
			  m_localOnly.end());
	int32_t have = FindAddress(m_ipv6, ns3If, a);
	// ns-3 uses any address of an interface as a source (it keeps no flags
	// that stop it): one being de-registered (RFC 6275 11.5.5) or an
	// anycast address stays out of ns-3, received here but never chosen.
	if (op.flags & (MIP6_ADDRF_DEREG | MIP6_ADDRF_ANYCAST)) {
		if (have >= 0) {
			m_ipv6->RemoveAddress(ns3If, a);
		}
		m_localOnly.push_back(LocalOnly{op.ifindex, op.addr});
		return 0;
	}
	if (have >= 0) {
		return 0; // its flags changed (HOME|DEREG -> HOME, optimistic -> preferred)
	}
	// An optimistic address (RFC 4429) is used at once, as ns-3 uses every
	// address; a tentative one never reaches here: the core adds it after DAD.
	bool ok = m_ipv6->AddAddress(ns3If, Ipv6InterfaceAddress(a, Ipv6Prefix(op.plen)), op.plen < 128);
	return ok ? 0 : MIP6_E_INVAL;
}

int
Mip6Node::ApplyAddrDel(const mip6_op_t& op)
{
	uint32_t ns3If;
	if (!Ns3Interface(op.ifindex, ns3If)) {
		return MIP6_E_INVAL;
	}
	m_localOnly.erase(std::remove_if(m_localOnly.begin(), m_localOnly.end(),
					 [&](const LocalOnly& l) {
						 return l.coreIf == op.ifindex && mip6_addr_eq(&l.addr, &op.addr);
					 }),
			  m_localOnly.end());
	Ipv6Address a = Mip6ToNs3(op.addr);
	if (FindAddress(m_ipv6, ns3If, a) >= 0) {
		m_ipv6->RemoveAddress(ns3If, a);
	}
	return 0;
}

int
Mip6Node::ApplyRoute(const mip6_op_t& op, bool add)
{
	if (op.flags & MIP6_ROUTEF_SOURCE) {
		// ns-3 routes by destination only. What such a route sends into the
		// core (a mobile network's packets) already passes the core in the
		// ingress link's input hook; the table is kept for the record.
		int rc = mip6_bind_rtable_op(&m_sourceRoutes, &op);
		return add ? rc : 0;
	}
	uint32_t ns3If;
	if (!Ns3Interface(op.ifindex, ns3If)) {
		return MIP6_E_INVAL;
	}
	Ptr<Ipv6StaticRouting> rt = StaticRouting();
	if (!rt) {
		return MIP6_E_INVAL;
	}
	Ipv6Prefix prefix(op.plen);
	Ipv6Address net = Mip6ToNs3(op.addr).CombinePrefix(prefix);
	Ipv6Address gw = Mip6ToNs3(op.remote);
	uint32_t metric = op.ifindex == MIP6_IFINDEX_CORE ? kCoreRouteMetric : kCoreLinkRouteMetric;
	for (uint32_t i = 0; i < rt->GetNRoutes(); i++) {
		Ipv6RoutingTableEntry r = rt->GetRoute(i);
		if (r.GetInterface() == ns3If && r.GetDestNetwork() == net && r.GetDestNetworkPrefix() == prefix &&
		    rt->GetMetric(i) == metric) {
			rt->RemoveRoute(i); // replaced (a new gateway) or deleted
			break;
		}
	}
	if (add) {
		if (gw.IsAny()) {
			rt->AddNetworkRouteTo(net, prefix, ns3If, metric);
		} else {
			rt->AddNetworkRouteTo(net, prefix, gw, ns3If, metric);
		}
	}
	return 0;
}

void
Mip6Node::SetDefaultRouter(uint32_t coreIf, const Ipv6Address& router)
{
	auto it = m_links.find(coreIf);
	uint32_t ns3If;
	Ptr<Ipv6StaticRouting> rt = StaticRouting();
	if (it == m_links.end() || !m_map->LinkToNs3(coreIf, ns3If) || !rt) {
		return;
	}
	if (it->second.router == router) {
		return;
	}
	it->second.router = router;
	for (uint32_t i = rt->GetNRoutes(); i-- > 0;) {
		Ipv6RoutingTableEntry r = rt->GetRoute(i);
		if (r.GetInterface() == ns3If && r.IsDefault() && rt->GetMetric(i) == kRaRouteMetric) {
			rt->RemoveRoute(i);
		}
	}
	if (!router.IsAny()) {
		rt->AddNetworkRouteTo(Ipv6Address::GetAny(), Ipv6Prefix::GetZero(), router, ns3If, kRaRouteMetric);
	}
}

// --------------------------------------------------------------------- DAD

void
Mip6Node::StartDad(const mip6_op_t& op)
{
	Ptr<Mip6WrapNetDevice> w = op.ifindex ? m_map->GetWrapper(op.ifindex) : nullptr;
	if (!w) {
		m_opTrace(&op, MIP6_E_INVAL);
		mip6_bind_answer_op(m_bind, op.id, MIP6_E_INVAL);
		return;
	}
	// RFC 4862 5.4.2: a Neighbor Solicitation from the unspecified address
	// to the target's solicited-node group, hop limit 255, without a source
	// link-layer address option (RFC 4861 7.1.1; ns-3's own probe has one).
	mip6_icmp6_t ns;
	mip6_icmp6_init(&ns, 135);
	ns.u.nd.target = op.addr;
	mip6_addr_t src{};
	mip6_addr_t dst = Mip6FromNs3(Ipv6Address::MakeSolicitedAddress(Mip6ToNs3(op.addr)));
	uint8_t pkt[MIP6_IP6_HLEN + 64];
	int n = mip6_icmp6_emit(&ns, &src, &dst, 0, pkt + MIP6_IP6_HLEN, sizeof(pkt) - MIP6_IP6_HLEN);
	if (n > 0) {
		mip6_ip6_t ip{};
		ip.plen = static_cast<uint16_t>(n);
		ip.nxt = 58;
		ip.hlim = 255;
		ip.src = src;
		ip.dst = dst;
		mip6_ip6_emit(&ip, pkt);
		w->SendIpv6(pkt, MIP6_IP6_HLEN + static_cast<size_t>(n), Ipv6Address::GetAny());
	}
	DadProbe p;
	p.opId = op.id;
	p.coreIf = op.ifindex;
	p.target = op.addr;
	p.done = Simulator::Schedule(m_dadTime, &Mip6Node::DadFinished, this, op.id, 0);
	m_dad.push_back(p);
}

void
Mip6Node::DadHeard(uint32_t coreIf, const std::vector<uint8_t>& bytes)
{
	if (m_dad.empty() || bytes.size() < MIP6_IP6_HLEN + 24 || bytes[7] != 255) {
		return;
	}
	uint8_t type = bytes[40];
	mip6_addr_t target;
	std::copy(bytes.begin() + 48, bytes.begin() + 64, target.b);
	static const uint8_t zero[16] = {0};
	bool fromUnspecified = std::equal(bytes.begin() + 8, bytes.begin() + 24, zero);
	for (const DadProbe& p : m_dad) {
		// RFC 4862 5.4.3 / 5.4.4: an NA for the target, or another node's
		// probe for it, means the address is not unique.
		if (p.coreIf == coreIf && mip6_addr_eq(&p.target, &target) &&
		    (type == 136 || (type == 135 && fromUnspecified))) {
			uint32_t id = p.opId;
			Simulator::ScheduleNow(&Mip6Node::DadFinished, this, id, int(MIP6_OP_DUPLICATE));
			return;
		}
	}
}

void
Mip6Node::DadFinished(uint32_t opId, int status)
{
	auto it = std::find_if(m_dad.begin(), m_dad.end(), [opId](const DadProbe& p) { return p.opId == opId; });
	if (it == m_dad.end() || !m_bind) {
		return; // already answered (a duplicate heard before the time was up)
	}
	it->done.Cancel();
	mip6_op_t op{};
	op.id = opId;
	op.kind = MIP6_OP_DAD;
	op.ifindex = it->coreIf;
	op.plen = 128;
	op.addr = it->target;
	m_dad.erase(it);
	m_opTrace(&op, status);
	mip6_bind_op_result(m_bind, opId, status, static_cast<mip6_ns_t>(Simulator::Now().GetNanoSeconds()));
	Reschedule();
}

// ---------------------------------------------------------------- proxy ND

bool
Mip6Node::AnswerProxyNs(uint32_t coreIf, const std::vector<uint8_t>& bytes)
{
	uint32_t ns3If;
	auto it = m_links.find(coreIf);
	if (m_proxy.n == 0 || it == m_links.end() || !m_map->LinkToNs3(coreIf, ns3If)) {
		return false;
	}
	// RFC 6275 10.4.1: from the home agent's own address on the link.
	mip6_bind_proxy_if_t me{};
	bool haveSrc = false;
	for (uint32_t i = 0; i < m_ipv6->GetNAddresses(ns3If); i++) {
		Ipv6InterfaceAddress a = m_ipv6->GetAddress(ns3If, i);
		if (!haveSrc || a.GetScope() == Ipv6InterfaceAddress::GLOBAL) {
			me.src = Mip6FromNs3(a.GetAddress());
			haveSrc = true;
		}
	}
	uint8_t ll[8];
	Address mac = it->second.wrapper->GetAddress();
	me.lladdr_len = static_cast<uint8_t>(std::min<uint32_t>(mac.GetLength(), sizeof(ll)));
	mac.CopyTo(ll);
	me.lladdr = ll;
	uint8_t out[256];
	mip6_addr_t dst;
	int n = mip6_bind_proxy_answer(&m_proxy, coreIf, &me, bytes.data(), bytes.size(), out, sizeof(out), &dst);
	if (n <= 0) {
		return false;
	}
	it->second.wrapper->SendIpv6(out, static_cast<size_t>(n), Mip6ToNs3(dst));
	return true;
}

} // namespace ns3
