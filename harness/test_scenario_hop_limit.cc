// SPDX-License-Identifier: BSD-3-Clause
// Scenario: the home agent is one forwarding hop for the packets it carries
// (RFC 8200 3; RFC 2473 4.1.3 and 6.3). Whichever way a packet crosses it -
// intercepted on the home link into a tunnel, decapsulated from a reverse
// tunnel and forwarded, or decapsulated and tunneled on to another mobile
// node - its (inner) hop limit leaving the HA is the one it arrived with,
// minus one, as the home link's capture shows. One that would leave with 0
// is dropped and counted.
#include <gtest/gtest.h>
#include <pcap/pcap.h>

#include <cstring>
#include <map>

#include "harness_gtest.h"

extern "C" {
#include "mip6/ipv6.h"
#include "mip6/stats.h"
}

using namespace mip6h;

namespace
{

std::vector<Bytes> read_pcap(const std::string &path)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, err);
	std::vector<Bytes> v;
	if (!p) {
		ADD_FAILURE() << "cannot read " << path << ": " << err;
		return v;
	}
	struct pcap_pkthdr *h;
	const u_char *d;
	while (pcap_next_ex(p, &h, &d) == 1)
		v.emplace_back(d, d + h->caplen);
	pcap_close(p);
	return v;
}

// A UDP packet as the endpoints see it: the frame itself, or the packet
// inside an IPv6-in-IPv6 frame.
struct Crossing {
	Bytes orig; // the carried packet
	bool tunneled;
	mip6_addr_t outer_src, outer_dst;
};

bool carried_udp(const Bytes &f, Crossing *c)
{
	if (f.size() < 40 || (f[0] >> 4) != 6)
		return false;
	c->tunneled = f[6] == MIP6_PROTO_IPV6;
	std::memcpy(c->outer_src.b, &f[8], 16);
	std::memcpy(c->outer_dst.b, &f[24], 16);
	c->orig = c->tunneled ? Bytes(f.begin() + 40, f.end()) : f;
	return c->orig.size() >= 48 && (c->orig[0] >> 4) == 6 && c->orig[6] == MIP6_PROTO_UDP;
}

struct ScenarioHopLimit : ::testing::Test {
	World w{7};
	Topo t{w};
	MobileSpec s1, s2;
	Host *mn1 = nullptr, *mn2 = nullptr;

	void SetUp() override
	{
		w.enable_pcap(test_pcap_prefix());
		build_topology(t);
		s1 = mobile_spec(t, "mn1", 0);
		s2 = mobile_spec(t, "mn2", 1);
		ASSERT_EQ(make_ha(t, {client_for(s1), client_for(s2)}), 0);
		mn1 = &add_mn(t, s1);
		mn2 = &add_mn(t, s2);
		w.attach(*mn1, 1, *t.foreign[0]);
		w.attach(*mn2, 1, *t.foreign[1]);
		bool bound = w.run_until([&] { return t.ha->count_events(MIP6_EV_HA_BINDING_CREATED) >= 2; },
		                         w.now() + MIP6_SEC(10));
		ASSERT_TRUE(bound) << "no home registrations within 10 s";
		w.run_for(MIP6_MS(200));
	}

	void TearDown() override
	{
		EXPECT_HARNESS_CLEAN(w);
		w.free_cores();
		EXPECT_EQ(w.alloc().live(), 0u);
	}

	Flow &flow(Host *from, const mip6_addr_t &src, const mip6_addr_t &dst, uint32_t count)
	{
		FlowSpec fs;
		fs.from = from;
		fs.src = src;
		fs.dst = dst;
		fs.start = w.now();
		fs.interval = MIP6_MS(50);
		fs.count = count;
		return w.add_flow(fs);
	}
};

} // namespace

TEST_F(ScenarioHopLimit, EachPacketCrossingTheHomeAgentLosesExactlyOneHop)
{
	const mip6_addr_t hoa1 = s1.cfg.hoa, hoa2 = s2.cfg.hoa;
	// CN -> MN1 (intercepted, tunneled) and its echo MN1 -> CN (reverse
	// tunnel, decapsulated, forwarded); MN1 -> MN2 and its echo (reverse
	// tunnel in, tunnel out).
	Flow &f1 = flow(t.cn, t.cn_addr, hoa1, 20);
	Flow &f2 = flow(mn1, hoa1, hoa2, 20);
	w.run_for(MIP6_SEC(2));
	ASSERT_EQ(f1.echoed(), 20u);
	ASSERT_EQ(f2.echoed(), 20u);
	w.flush_pcaps();

	// On the home link every flow packet passes twice: to the HA and
	// from it (the HA's own frames carry its address or the CN-bound
	// decapsulated packet). Group the frames by the carried packet with
	// its hop limit blanked; in each pair the later one left the HA.
	std::map<Bytes, std::vector<Crossing>> seen;
	for (const Bytes &f : read_pcap(test_pcap_prefix() + "_home.pcap")) {
		Crossing c;
		if (!carried_udp(f, &c))
			continue;
		Bytes key = c.orig;
		key[7] = 0;
		seen[key].push_back(c);
	}
	unsigned in_tunnel_out = 0, out_of_tunnel = 0, tunnel_to_tunnel = 0;
	for (const auto &kv : seen) {
		const std::vector<Crossing> &v = kv.second;
		ASSERT_EQ(v.size(), 2u) << "a flow packet crossed the home link other than in and out once";
		const Crossing &in = v[0], &out = v[1];
		EXPECT_EQ(int(out.orig[7]), int(in.orig[7]) - 1)
		    << "hop limit in " << int(in.orig[7]) << " out " << int(out.orig[7]) << " (tunneled in "
		    << in.tunneled << ", out " << out.tunneled << ")";
		if (out.tunneled) {
			EXPECT_TRUE(mip6_addr_eq(&out.outer_src, &t.ha_addr));
		}
		if (!in.tunneled && out.tunneled)
			in_tunnel_out++;
		else if (in.tunneled && !out.tunneled)
			out_of_tunnel++;
		else if (in.tunneled && out.tunneled)
			tunnel_to_tunnel++;
	}
	EXPECT_EQ(in_tunnel_out, 20u);    // CN -> MN1: intercepted (core input)
	EXPECT_EQ(out_of_tunnel, 20u);    // MN1 -> CN: decapsulated, forwarded by the stack
	EXPECT_EQ(tunnel_to_tunnel, 40u); // MN1 <-> MN2: the stack forwards into the core's output
	// Senders use 64; CN -> HA crosses rcn, inet and rhome first.
	for (const auto &kv : seen)
		if (!kv.second[0].tunneled) {
			EXPECT_EQ(int(kv.second[0].orig[7]), 61);
		}
	EXPECT_EQ(mip6_node_stats(t.ha->node())->drop_hlim, 0u);
}

TEST_F(ScenarioHopLimit, APacketWhoseHopLimitRunsOutAtTheHomeAgentIsDropped)
{
	const mip6_addr_t hoa1 = s1.cfg.hoa;
	const uint64_t rx0 = mn1->app_rx.size();
	// Hop limit 4: rcn, inet and rhome leave 1 for the HA, which may not
	// forward it; 5 leaves 2, so it reaches the node with 1.
	t.cn->send(build_udp(t.cn_addr, hoa1, 40001, 9, Bytes(16, 0x11), 4));
	t.cn->send(build_udp(t.cn_addr, hoa1, 40002, 9, Bytes(16, 0x22), 5));
	w.run_for(MIP6_MS(500));
	EXPECT_EQ(mip6_node_stats(t.ha->node())->drop_hlim, 1u);
	unsigned got = 0;
	for (size_t i = rx0; i < mn1->app_rx.size(); i++) {
		const AppRx &r = mn1->app_rx[i];
		if (r.proto == MIP6_PROTO_UDP && r.dport == 9) {
			EXPECT_EQ(r.sport, 40002u) << "the packet with no hop left was forwarded";
			got++;
		}
	}
	EXPECT_EQ(got, 1u);
}
