// SPDX-License-Identifier: BSD-3-Clause
// What the sim tests share: a recorder of the packets each hook saw, the
// core's parser over them, an ICMPv6 echo request built by hand, and the
// counting of echo replies the IPv6 stack delivered.
#ifndef MIP6_SIM_TEST_UTIL_H
#define MIP6_SIM_TEST_UTIL_H

#include "ns3/mip6-wrap-net-device.h"
#include "ns3/ipv6-address.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-header.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/ping6.h"
#include "ns3/uinteger.h"

#include "mip6/packet.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <functional>
#include <vector>

namespace mip6test
{

using Bytes = std::vector<uint8_t>;

// Every IPv6 packet one wrapper's hooks were handed, in order.
struct HookLog {
	std::vector<Bytes> in, out;
	// Optional verdicts; PASS when empty.
	ns3::Mip6WrapNetDevice::PacketHook inVerdict, outVerdict;
};

inline void
Record(ns3::Ptr<ns3::Mip6WrapNetDevice> dev, HookLog* log)
{
	dev->SetInputHook([log](ns3::Ptr<ns3::Mip6WrapNetDevice> d, Bytes& b) {
		log->in.push_back(b);
		return log->inVerdict ? log->inVerdict(d, b) : ns3::Mip6WrapNetDevice::HOOK_PASS;
	});
	dev->SetOutputHook([log](ns3::Ptr<ns3::Mip6WrapNetDevice> d, Bytes& b) {
		log->out.push_back(b);
		return log->outVerdict ? log->outVerdict(d, b) : ns3::Mip6WrapNetDevice::HOOK_PASS;
	});
}

// Strict parse by the core; ok is false unless it parsed and its upper-layer checksum verified.
struct Parsed {
	bool ok = false;
	mip6_pkt_t pkt{};
};

inline Parsed
Parse(const Bytes& b)
{
	Parsed r;
	int rc = mip6_pkt_parse(b.data(), b.size(), MIP6_DEC_STRICT, &r.pkt);
	r.ok = rc == 0 && r.pkt.cksum_ok != 0;
	return r;
}

inline bool
IsIcmp6(const Bytes& b, uint8_t type)
{
	Parsed p = Parse(b);
	return p.ok && p.pkt.ul == MIP6_UL_ICMP6 && p.pkt.icmp6.type == type;
}

inline size_t
CountIcmp6(const std::vector<Bytes>& v, uint8_t type)
{
	size_t n = 0;
	for (const Bytes& b : v) {
		n += IsIcmp6(b, type) ? 1 : 0;
	}
	return n;
}

inline mip6_addr_t
ToCore(ns3::Ipv6Address a)
{
	mip6_addr_t r;
	a.GetBytes(r.b);
	return r;
}

// An ICMPv6 echo request as the core would emit one: header and checksum by hand.
inline Bytes
EchoRequest(ns3::Ipv6Address src, ns3::Ipv6Address dst, uint16_t id, uint16_t seq, size_t dataLen)
{
	Bytes b(40 + 8 + dataLen, 0);
	size_t plen = 8 + dataLen;
	b[0] = 0x60;
	b[4] = uint8_t(plen >> 8);
	b[5] = uint8_t(plen);
	b[6] = 58;
	b[7] = 64;
	src.GetBytes(&b[8]);
	dst.GetBytes(&b[24]);
	uint8_t* icmp = &b[40];
	icmp[0] = 128;
	icmp[4] = uint8_t(id >> 8);
	icmp[5] = uint8_t(id);
	icmp[6] = uint8_t(seq >> 8);
	icmp[7] = uint8_t(seq);
	for (size_t i = 0; i < dataLen; i++) {
		icmp[8 + i] = uint8_t(0xA0 + i);
	}
	mip6_addr_t s = ToCore(src), d = ToCore(dst);
	uint16_t ck = mip6_cksum_pseudo(&s, &d, uint32_t(plen), 58, icmp, plen);
	icmp[2] = uint8_t(ck >> 8);
	icmp[3] = uint8_t(ck);
	return b;
}

// Counts the echo replies (with their identifiers) the node's IPv6 stack delivered locally.
struct DeliveredEcho {
	size_t replies = 0;
	std::vector<uint16_t> ids;
	void Watch(ns3::Ptr<ns3::Node> node)
	{
		node->GetObject<ns3::Ipv6L3Protocol>()->TraceConnectWithoutContext(
			"LocalDeliver",
			ns3::MakeCallback(&DeliveredEcho::OnDeliver, this));
	}
	void OnDeliver(const ns3::Ipv6Header& h, ns3::Ptr<const ns3::Packet> p, uint32_t)
	{
		uint8_t icmp[8] = {0};
		if (h.GetNextHeader() != 58 || p->GetSize() < 8) {
			return;
		}
		p->CopyData(icmp, 8);
		if (icmp[0] == 129) {
			replies++;
			ids.push_back(uint16_t((icmp[4] << 8) | icmp[5]));
		}
	}
};

// What a shell command printed on its standard output.
inline std::string
Shell(const std::string& cmd)
{
	std::string out;
	FILE* f = popen(cmd.c_str(), "r");
	if (!f) {
		return out;
	}
	char buf[256];
	while (fgets(buf, sizeof buf, f)) {
		out += buf;
	}
	pclose(f);
	return out;
}

inline void
Ping(ns3::Ptr<ns3::Node> from, ns3::Ipv6Address src, ns3::Ipv6Address dst, uint32_t count, double startSeconds)
{
	ns3::Ptr<ns3::Ping6> app = ns3::CreateObject<ns3::Ping6>();
	app->SetAttribute("LocalIpv6", ns3::Ipv6AddressValue(src));
	app->SetAttribute("RemoteIpv6", ns3::Ipv6AddressValue(dst));
	app->SetAttribute("MaxPackets", ns3::UintegerValue(count));
	app->SetAttribute("Interval", ns3::TimeValue(ns3::Seconds(1)));
	app->SetAttribute("PacketSize", ns3::UintegerValue(56));
	from->AddApplication(app);
	app->SetStartTime(ns3::Seconds(startSeconds));
	app->SetStopTime(ns3::Seconds(startSeconds + count + 1));
}

} // namespace mip6test

#endif
