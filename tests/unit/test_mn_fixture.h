// Shared fixture of the mobile node tests: one node with the MN role
// enabled on a FakeEnv, movement detection played through the bus, the
// home agent and correspondents played by hand with t::build_mh.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fake_env.h"

extern "C" {
#include "mip6/auth.h"
#include "mip6/bus.h"
#include "mip6/mh.h"
#include "mip6/node.h"
#include "mip6/rr.h"
}

namespace mnt
{

using t::addr;

struct MnTest : ::testing::Test {
	t::FakeEnv fe;
	mip6_env_t env{};
	mip6_node_t *n = nullptr;
	mip6_ns_t now = MIP6_SEC(1000);
	mip6_mn_cfg_t cfg{};
	const mip6_addr_t hoa = addr("2001:db8:1::100");
	const mip6_addr_t ha = addr("2001:db8:1::1");
	const mip6_addr_t coa1 = addr("2001:db8:a::100");
	const mip6_addr_t coa2 = addr("2001:db8:b::100");
	const mip6_addr_t cn = addr("2001:db8:c::1");

	void SetUp() override
	{
		env = fe.env();
		cfg.hoa = hoa;
		cfg.home_plen = 64;
		cfg.ha = ha;
		cfg.lifetime_s = 600;
	}

	void TearDown() override
	{
		mip6_node_free(n);
		n = nullptr;
		EXPECT_EQ(fe.live_blocks, 0);
	}

	// Creates the node with two interfaces (BIDs 1 and 2) and the MN role.
	void start()
	{
		n = mip6_node_new(&env, now);
		ASSERT_NE(n, nullptr);
		for (uint32_t i = 1; i <= 2; i++) {
			mip6_iface_cfg_t ic{};
			ic.ifindex = i;
			ic.bid = static_cast<uint16_t>(i);
			ic.lladdr_len = 6;
			for (uint8_t k = 0; k < 6; k++)
				ic.lladdr[k] = static_cast<uint8_t>(0x02 + k + 0x10 * i);
			ASSERT_EQ(mip6_node_add_iface(n, &ic), 0);
			mip6_node_link(n, i, true, now);
		}
		ASSERT_EQ(mip6_node_enable_mn(n, &cfg), 0);
	}

	// Movement detection speaks through the bus's byte encoding, as an
	// outside detector would.
	void md(uint8_t cmd, uint32_t ifindex, const mip6_addr_t &coa, uint16_t bid = 0)
	{
		mip6_bus_msg_t m{};
		m.type = MIP6_BUS_MD_INFO;
		m.cmd = cmd;
		m.ifindex = ifindex;
		m.coa = coa;
		m.bid = bid;
		uint8_t buf[MIP6_BUS_WIRE_MAX];
		int len = mip6_bus_encode(&m, buf, sizeof buf);
		ASSERT_GT(len, 0);
		ASSERT_EQ(mip6_node_bus_input(n, buf, static_cast<size_t>(len), now), 0);
	}

	// The platform reports every operation submitted so far as done.
	size_t ops_answered = 0;
	void ops_done(int status = 0)
	{
		for (; ops_answered < fe.ops.size(); ops_answered++)
			mip6_node_dp_result(n, fe.ops[ops_answered].id, status, now);
	}

	void rr_hint(const mip6_addr_t &peer)
	{
		mip6_bus_msg_t m{};
		m.type = MIP6_BUS_RR_HINT;
		m.hoa = hoa;
		m.peer = peer;
		uint8_t buf[MIP6_BUS_WIRE_MAX];
		int len = mip6_bus_encode(&m, buf, sizeof buf);
		ASSERT_GT(len, 0);
		ASSERT_EQ(mip6_node_bus_input(n, buf, static_cast<size_t>(len), now), 0);
	}

	mip6_verdict_t input(const std::vector<uint8_t> &pkt, uint32_t ifindex = 1)
	{
		return mip6_node_input(n, ifindex, pkt.data(), pkt.size(), now);
	}

	// Runs every timer due up to 'to' and stops the clock there.
	void advance(mip6_ns_t to)
	{
		for (;;) {
			mip6_ns_t next = mip6_node_next_timeout(n);
			if (next > to)
				break;
			now = next > now ? next : now;
			mip6_node_timeout(n, now);
		}
		now = to;
	}

	// Runs timers until 'to', noting when each new MH of a type was sent.
	std::vector<mip6_ns_t> send_times(uint8_t type, mip6_ns_t to)
	{
		std::vector<mip6_ns_t> out;
		size_t seen = fe.sent_mh(type).size();
		for (;;) {
			mip6_ns_t next = mip6_node_next_timeout(n);
			if (next > to)
				break;
			now = next > now ? next : now;
			mip6_node_timeout(n, now);
			size_t c = fe.sent_mh(type).size();
			for (; seen < c; seen++)
				out.push_back(now);
		}
		now = to;
		return out;
	}

	const t::SentPacket *last_mh(uint8_t type) const
	{
		auto v = fe.sent_mh(type);
		return v.empty() ? nullptr : v.back();
	}

	static const mip6_mh_t &mh(const t::SentPacket *s) { return s->pkt->mh; }
	// The options of a decoded MH without its padding.
	static std::vector<mip6_mhopt_t> opts(const mip6_mh_t &m)
	{
		std::vector<mip6_mhopt_t> v;
		for (unsigned i = 0; i < m.nopts; i++)
			if (m.opts[i].type != MIP6_OPT_PAD1 && m.opts[i].type != MIP6_OPT_PADN)
				v.push_back(m.opts[i]);
		return v;
	}
	static const mip6_layer_t &outer(const t::SentPacket *s) { return s->pkt->layer[0]; }
	static const mip6_layer_t &inner(const t::SentPacket *s)
	{
		return s->pkt->layer[s->pkt->nlayers - 1];
	}

	// The MH bytes of a sent packet (innermost layer).
	static std::vector<uint8_t> mh_bytes(const t::SentPacket *s)
	{
		const mip6_layer_t &l = inner(s);
		return {s->bytes.begin() + l.upper_off, s->bytes.begin() + l.upper_off + l.upper_len};
	}

	// A BA from the HA, to the care-of address with a type 2 routing
	// header holding the home address (RFC 6275 6.4, 9.5.4).
	std::vector<uint8_t> ba(uint16_t seq, uint8_t status, uint16_t lifetime_units, uint8_t flags = 0,
	                        const mip6_addr_t *to = nullptr, const std::vector<mip6_mhopt_t> &opts = {})
	{
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_BA);
		m.u.ba.status = status;
		m.u.ba.flags = flags;
		m.u.ba.seq = seq;
		m.u.ba.lifetime = lifetime_units;
		for (const auto &o : opts)
			*mip6_mh_add_opt(&m, o.type) = o;
		const mip6_addr_t &dst = to ? *to : coa1;
		if (mip6_addr_eq(&dst, &hoa))
			return t::build_mh(m, ha, hoa);
		return t::build_mh(m, ha, dst, nullptr, &hoa);
	}

	// Registers from coa1 on interface 1 and acknowledges the first BU.
	void register_at(const mip6_addr_t &coa, uint32_t ifindex = 1, uint16_t bid = 0)
	{
		md(MIP6_MD_NEW_COA, ifindex, coa, bid);
		auto *bu = last_mh(MIP6_MH_BU);
		ASSERT_NE(bu, nullptr);
		ASSERT_EQ(input(ba(mh(bu).u.bu.seq, 0, mh(bu).u.bu.lifetime, cfg.mr ? MIP6_BA_F_R : 0, &coa),
		                ifindex),
		          MIP6_CONSUMED);
	}

	// Every bus message published since 'from' (env.bus_out, decoded).
	std::vector<mip6_bus_msg_t> bus_msgs(size_t from = 0) const
	{
		std::vector<mip6_bus_msg_t> v;
		for (size_t i = from; i < fe.bus_out.size(); i++) {
			mip6_bus_msg_t m{};
			if (mip6_bus_decode(fe.bus_out[i].data(), fe.bus_out[i].size(), &m) >= 0)
				v.push_back(m);
		}
		return v;
	}

	// An operator command through mip6_node_command.
	int command(uint8_t cmd, uint16_t bid = 0)
	{
		mip6_bus_msg_t m{};
		m.type = MIP6_BUS_COMMAND;
		m.cmd = cmd;
		m.bid = bid;
		return mip6_node_command(n, &m, now);
	}

	// A trace event of any kind whose text contains what.
	bool traced(const std::string &what) const
	{
		for (auto &e : fe.traces)
			if (e.what && std::string(e.what).find(what) != std::string::npos)
				return true;
		return false;
	}

	bool traced_state(const char *comp, const char *from, const char *to) const
	{
		for (auto &e : fe.traces)
			if (e.kind == MIP6_TR_STATE && std::string(e.component) == comp &&
			    std::string(e.from) == from && std::string(e.to) == to)
				return true;
		return false;
	}
};

// An ICMPv6 message from src to dst (with a type 2 routing header holding
// rh2 when given), as the home agent would send it.
inline std::vector<uint8_t> icmp(const mip6_icmp6_t &m, const mip6_addr_t &src, const mip6_addr_t &dst,
                                 const mip6_addr_t *rh2 = nullptr)
{
	uint8_t mem[4096];
	mip6_buf_t b;
	mip6_buf_init(&b, mem, sizeof(mem), 256);
	int len = mip6_icmp6_emit(&m, &src, rh2 ? rh2 : &dst, 0, mip6_buf_data(&b), mip6_buf_tailroom(&b));
	if (len < 0)
		throw std::runtime_error("mip6_icmp6_emit failed");
	mip6_buf_put(&b, static_cast<size_t>(len));
	uint8_t nxt = MIP6_PROTO_ICMPV6;
	if (rh2) {
		mip6_buf_push_rh2(&b, nxt, rh2);
		nxt = MIP6_PROTO_ROUTING;
	}
	mip6_ip6_t h{};
	h.nxt = nxt;
	h.hlim = 64;
	h.src = src;
	h.dst = dst;
	mip6_buf_push_ip6(&b, &h);
	return {mip6_buf_data(&b), mip6_buf_data(&b) + b.len};
}

// pkt inside IPv6-in-IPv6 from src to dst.
inline std::vector<uint8_t> encap(const std::vector<uint8_t> &pkt, const mip6_addr_t &src,
                                  const mip6_addr_t &dst)
{
	std::vector<uint8_t> mem(pkt.size() + 256);
	mip6_buf_t b;
	mip6_buf_init(&b, mem.data(), mem.size(), 256);
	memcpy(mip6_buf_put(&b, pkt.size()), pkt.data(), pkt.size());
	if (mip6_buf_encap(&b, &src, &dst, 64) != 0)
		throw std::runtime_error("mip6_buf_encap failed");
	return {mip6_buf_data(&b), mip6_buf_data(&b) + b.len};
}

// Offset and length of the MH in a packet built by t::build_mh.
inline std::pair<size_t, size_t> mh_span(const std::vector<uint8_t> &pkt)
{
	mip6_pkt_t p;
	if (mip6_pkt_parse(pkt.data(), pkt.size(), MIP6_DEC_LENIENT, &p) != 0 || p.nlayers == 0)
		throw std::runtime_error("cannot parse");
	const mip6_layer_t &l = p.layer[p.nlayers - 1];
	return {l.upper_off, l.upper_len};
}

// A UDP packet src -> dst, as the platform's stack would hand it over.
inline std::vector<uint8_t> udp(const mip6_addr_t &src, const mip6_addr_t &dst, uint16_t sport = 4000,
                                uint16_t dport = 5000)
{
	std::vector<uint8_t> p(48, 0);
	p[0] = 0x60;
	p[5] = 8;
	p[6] = MIP6_PROTO_UDP;
	p[7] = 64;
	memcpy(&p[8], src.b, 16);
	memcpy(&p[24], dst.b, 16);
	p[40] = static_cast<uint8_t>(sport >> 8);
	p[41] = static_cast<uint8_t>(sport);
	p[42] = static_cast<uint8_t>(dport >> 8);
	p[43] = static_cast<uint8_t>(dport);
	p[45] = 8;
	uint16_t ck = mip6_cksum_pseudo(&src, &dst, 8, MIP6_PROTO_UDP, &p[40], 8);
	p[46] = static_cast<uint8_t>(ck >> 8);
	p[47] = static_cast<uint8_t>(ck);
	return p;
}

} // namespace mnt
