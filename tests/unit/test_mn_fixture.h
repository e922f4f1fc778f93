/* SPDX-License-Identifier: BSD-3-Clause */
// Shared fixture of the mobile node tests: one node with the MN role
// enabled on a FakeEnv, movement detection played through the bus, the
// home agent and correspondents played by hand with t::build_mh.
#pragma once

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "node_test.h"

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
using t::encap;
using t::mh_span;
using t::udp;

// A Binding Identifier option (RFC 5648 4.3) as a BA carries it.
inline mip6_mhopt_t bid_opt(uint16_t bid, uint8_t status = 0)
{
	mip6_mhopt_t o{};
	o.type = MIP6_OPT_BID;
	o.u.bid.bid = bid;
	o.u.bid.status = status;
	return o;
}

struct MnTest : t::NodeTest {
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

	MnTest() : NodeTest(MIP6_SEC(1000)) {}

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
		ASSERT_EQ(t::bus_input(n, m, now), 0);
	}

	// The platform reports every operation submitted so far as done.
	size_t ops_answered = 0;
	void ops_done(int status = 0)
	{
		for (; ops_answered < fe.ops.size(); ops_answered++)
			mip6_node_op_result(n, fe.ops[ops_answered].id, status, now);
	}

	void rr_hint(const mip6_addr_t &peer)
	{
		mip6_bus_msg_t m{};
		m.type = MIP6_BUS_RR_HINT;
		m.hoa = hoa;
		m.peer = peer;
		ASSERT_EQ(t::bus_input(n, m, now), 0);
	}

	mip6_verdict_t input(const std::vector<uint8_t> &pkt, uint32_t ifindex = 1)
	{
		return mip6_node_input(n, ifindex, pkt.data(), pkt.size(), now);
	}

	// Runs every timer due up to 'to' and stops the clock there.
	void advance(mip6_ns_t to) { t::run_timers(n, now, to); }

	// Runs timers until 'to', noting when each new MH of a type was sent.
	std::vector<mip6_ns_t> send_times(uint8_t type, mip6_ns_t to)
	{
		std::vector<mip6_ns_t> out;
		size_t seen = fe.sent_mh(type).size();
		t::run_timers(n, now, to, [&] {
			for (size_t c = fe.sent_mh(type).size(); seen < c; seen++)
				out.push_back(now);
		});
		return out;
	}

	const t::SentPacket *last_mh(uint8_t type) const
	{
		auto v = fe.sent_mh(type);
		return v.empty() ? nullptr : v.back();
	}

	// A packet the test expected the node to have sent: a readable failure
	// (gtest reports the exception) instead of a crash when it was not.
	static const t::SentPacket *need(const t::SentPacket *s)
	{
		if (!s) {
			ADD_FAILURE() << "the node did not send the expected packet";
			throw std::runtime_error("expected packet not sent");
		}
		return s;
	}
	static const mip6_mh_t &mh(const t::SentPacket *s) { return need(s)->pkt->mh; }
	// The options of a decoded MH without its padding.
	static std::vector<mip6_mhopt_t> opts(const mip6_mh_t &m)
	{
		std::vector<mip6_mhopt_t> v;
		for (unsigned i = 0; i < m.nopts; i++)
			if (m.opts[i].type != MIP6_OPT_PAD1 && m.opts[i].type != MIP6_OPT_PADN)
				v.push_back(m.opts[i]);
		return v;
	}
	static const mip6_layer_t &outer(const t::SentPacket *s) { return need(s)->pkt->layer[0]; }
	static const mip6_layer_t &inner(const t::SentPacket *s) { return t::inner(*need(s)); }

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

	// With cfg.mcoa: the node started, each interface's care-of address
	// registered under its BID (RFC 5648 4.3, 5.1) and acknowledged.
	void both_bound()
	{
		start();
		md(MIP6_MD_NEW_COA, 1, coa1, 1);
		input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 150, 0, &coa1, {bid_opt(1)}), 1);
		md(MIP6_MD_NEW_COA, 2, coa2, 2);
		input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 150, 0, &coa2, {bid_opt(2)}), 2);
	}

	// A flow rule: traffic to port dport (any protocol) leaves by BID bid.
	int flow_to_bid(uint16_t dport, uint16_t bid)
	{
		mip6_flow_rule_t r{};
		r.dport_lo = r.dport_hi = dport;
		r.bid = bid;
		return mip6_node_add_flow_rule(n, &r);
	}

	// An operator command through mip6_node_command.
	int command(uint8_t cmd, uint16_t bid = 0) { return t::command(n, cmd, now, bid); }

	// Where a home-address packet to the CN leaves: its tunnel source, or
	// why it does not.
	std::string tunnel_src(uint16_t dport = 5000)
	{
		auto pkt = udp(hoa, cn, nullptr, 64, 4000, dport);
		size_t before = fe.sent.size();
		if (mip6_node_output(n, pkt.data(), pkt.size(), now) != MIP6_CONSUMED ||
		    fe.sent.size() != before + 1)
			return "not sent";
		auto &s = fe.sent.back();
		if (s.pkt->nlayers != 2)
			return "not tunnelled";
		return t::str(s.pkt->layer[0].ip.src);
	}
};

} // namespace mnt
