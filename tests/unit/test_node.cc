// SPDX-License-Identifier: BSD-3-Clause
// The node's own behaviour (core/src/node.c): the error message rate limit
// (RFC 4443 2.4(f)) over Parameter Problems, Binding Errors and the Time
// Exceeded of the home agent's intercept (RFC 4443 3.3), the burst entry
// points, and mip6_node_command.
#include <gtest/gtest.h>

#include "node_test.h"
#include "test_ha_util.h"

extern "C" {
#include "mip6/bus.h"
#include "mip6/icmp6.h"
#include "mip6/ipv6.h"
#include "mip6/mh.h"
}

namespace
{

using t::addr;
using t::with_ip6;

const mip6_addr_t kHa = addr("2001:db8:1::1");
const mip6_addr_t kHoa = addr("2001:db8:1::100");
const mip6_addr_t kCoa = addr("2001:db8:2::100");
const mip6_addr_t kCn = addr("2001:db8:9::9");
const mip6_addr_t kNode = addr("2001:db8:5::5");

// A 16-byte Mobility Header of the given type and Payload Proto with a
// correct checksum (RFC 6275 6.1.1).
std::vector<uint8_t> raw_mh(uint8_t type, uint8_t proto, const mip6_addr_t &src, const mip6_addr_t &dst)
{
	std::vector<uint8_t> mh = {proto, 1, type, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
	uint16_t ck = mip6_cksum_pseudo(&src, &dst, (uint32_t)mh.size(), MIP6_PROTO_MH, mh.data(), mh.size());
	mh[4] = (uint8_t)(ck >> 8);
	mh[5] = (uint8_t)ck;
	return with_ip6(mh, MIP6_PROTO_MH, src, dst);
}

std::vector<uint8_t> icmp_err(const mip6_addr_t &src, const mip6_addr_t &dst, uint8_t type, uint8_t hlim)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, type);
	uint8_t body[48] = {0x60};
	m.body = body;
	m.body_len = sizeof(body);
	return t::icmp6(m, src, dst, hlim);
}

mip6_addr_t nth(const char *base, uint8_t i)
{
	mip6_addr_t a = addr(base);
	a.b[15] = i;
	return a;
}

// The HA's data plane: kHoa bound to kCoa, the HA being kHa.
mip6_bus_msg_t home_binding()
{
	mip6_bus_msg_t m{};
	m.type = MIP6_BUS_BC_ADD;
	m.flags = MIP6_BF_HOME;
	m.hoa = kHoa;
	m.coa = kCoa;
	m.peer = kHa;
	return m;
}

struct Node : t::NodeTest {
	Node() : NodeTest(MIP6_SEC(100)) {}

	void SetUp() override
	{
		env = fe.env();
		n = t::one_iface_node(&env, now, false);
		ASSERT_NE(n, nullptr);
	}
	mip6_verdict_t input(const std::vector<uint8_t> &p)
	{
		return mip6_node_input(n, 1, p.data(), p.size(), now);
	}
	void bus(const mip6_bus_msg_t &m) { ASSERT_EQ(t::bus_input(n, m, now), 0); }
	void bind()
	{
		mip6_bus_msg_t m = home_binding();
		m.lifetime = 60;
		bus(m);
	}
	size_t errors_sent()
	{
		return fe.sent_icmp6(MIP6_ICMP6_PARAM_PROB).size() +
		       fe.sent_icmp6(MIP6_ICMP6_TIME_EXCEEDED).size() + fe.sent_mh(MIP6_MH_BE).size();
	}
};

// --- Parameter Problem and its rate limit ---

TEST_F(Node, ParamProblemForABadPayloadProto)
{
	auto p = raw_mh(MIP6_MH_BRR, 6, kCn, kNode);
	EXPECT_EQ(input(p), MIP6_DROPPED);
	auto v = fe.sent_icmp6(MIP6_ICMP6_PARAM_PROB);
	ASSERT_EQ(v.size(), 1u);
	const t::SentPacket &s = *v[0];
	EXPECT_EQ(s.rc, 0); // strict decode, checksum verified
	EXPECT_EQ(s.pkt->icmp6.code, 0);
	EXPECT_EQ(s.pkt->icmp6.u.err.param, 40u); // the Payload Proto field
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.src), t::str(kNode));
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.dst), t::str(kCn));
	EXPECT_EQ(std::vector<uint8_t>(s.pkt->icmp6.body, s.pkt->icmp6.body + s.pkt->icmp6.body_len), p);
	EXPECT_EQ(stats().err_rate_limited, 0u);
}

TEST_F(Node, ErrorMessagesAreRateLimitedByATokenBucket)
{
	// RFC 4443 2.4(f), defaults B = 10, N = 10/s: a burst of 15 gets 10.
	auto p = raw_mh(MIP6_MH_BRR, 6, kCn, kNode);
	for (int i = 0; i < 15; i++)
		EXPECT_EQ(input(p), MIP6_DROPPED);
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_PARAM_PROB).size(), 10u);
	EXPECT_EQ(stats().err_rate_limited, 5u);
	EXPECT_EQ(stats().drop_malformed, 15u);
	EXPECT_TRUE(fe.traced(MIP6_EV_NODE_DROP_PP_RATE_LIMITED));
	// 99 ms later still no token; at 100 ms one.
	now += MIP6_MS(99);
	input(p);
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_PARAM_PROB).size(), 10u);
	now += MIP6_MS(1);
	input(p);
	input(p);
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_PARAM_PROB).size(), 11u);
	EXPECT_EQ(stats().err_rate_limited, 7u);
	// A long pause fills the bucket to B, not beyond.
	now += MIP6_SEC(3600);
	for (int i = 0; i < 12; i++)
		input(p);
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_PARAM_PROB).size(), 21u);
	EXPECT_EQ(stats().err_rate_limited, 9u);
}

TEST_F(Node, UnknownMhTypeBindingErrorSharesTheLimit)
{
	// RFC 6275 9.2: status 2 to the source; 9.3.3 / 11.3.6: rate limited,
	// here by the same bucket as the ICMPv6 errors.
	auto bad = raw_mh(MIP6_MH_BRR, 6, kCn, kNode);
	auto unknown = raw_mh(42, MIP6_PROTO_NONE, kCn, kNode);
	for (int i = 0; i < 6; i++)
		input(bad);
	for (int i = 0; i < 8; i++)
		EXPECT_EQ(input(unknown), MIP6_CONSUMED);
	auto be = fe.sent_mh(MIP6_MH_BE);
	ASSERT_EQ(be.size(), 4u);
	EXPECT_EQ(be[0]->pkt->mh.u.be.status, MIP6_BE_UNKNOWN_MH);
	EXPECT_EQ(t::str(be[0]->pkt->layer[0].ip.src), t::str(kNode));
	EXPECT_EQ(t::str(be[0]->pkt->layer[0].ip.dst), t::str(kCn));
	EXPECT_EQ(stats().be_sent[MIP6_BE_UNKNOWN_MH], 4u); // only those sent
	EXPECT_EQ(errors_sent(), 10u);
	EXPECT_EQ(stats().err_rate_limited, 4u);
	EXPECT_TRUE(fe.traced(MIP6_EV_NODE_DROP_BE_RATE_LIMITED));
}

TEST_F(Node, RoleBindingErrorsShareTheLimit)
{
	// The correspondent's BEs for a HAO without binding (RFC 6275 9.3.1)
	// go through the node's bucket too: with B = 3, 3 of 5 are sent.
	ASSERT_EQ(mip6_node_set_error_rate(n, 3, 1), 0);
	ASSERT_EQ(mip6_node_enable_cn(n), 0);
	for (uint8_t i = 1; i <= 5; i++) {
		mip6_addr_t coa = nth("2001:db8:2::", i);
		mip6_addr_t hoa = nth("2001:db8:1::", i);
		EXPECT_EQ(input(t::udp(coa, kCn, &hoa)), MIP6_DROPPED);
	}
	EXPECT_EQ(stats().drop_hao_no_binding, 5u);
	EXPECT_EQ(fe.sent_mh(MIP6_MH_BE).size(), 3u);
	EXPECT_EQ(stats().be_sent[MIP6_BE_UNKNOWN_HAO], 3u);
	EXPECT_EQ(stats().err_rate_limited, 2u);
}

TEST_F(Node, ErrorRateIsConfigurable)
{
	EXPECT_EQ(mip6_node_set_error_rate(n, MIP6_ERR_LIMIT_MAX + 1, 1), MIP6_E_INVAL);
	EXPECT_EQ(mip6_node_set_error_rate(n, 1, MIP6_ERR_LIMIT_MAX + 1), MIP6_E_INVAL);
	auto p = raw_mh(MIP6_MH_BRR, 6, kCn, kNode);
	// B = 2, N = 4/s: two at once, then one every 250 ms.
	ASSERT_EQ(mip6_node_set_error_rate(n, 2, 4), 0);
	for (int i = 0; i < 4; i++)
		input(p);
	EXPECT_EQ(errors_sent(), 2u);
	now += MIP6_MS(250);
	input(p);
	input(p);
	EXPECT_EQ(errors_sent(), 3u);
	// B = 0: no error messages at all.
	ASSERT_EQ(mip6_node_set_error_rate(n, 0, 4), 0);
	now += MIP6_SEC(10);
	input(p);
	EXPECT_EQ(errors_sent(), 3u);
	EXPECT_EQ(stats().err_rate_limited, 4u);
	// A large rate after a long pause: the refill cannot overflow.
	ASSERT_EQ(mip6_node_set_error_rate(n, MIP6_ERR_LIMIT_MAX, MIP6_ERR_LIMIT_MAX), 0);
	now += MIP6_SEC(1) << 30;
	input(p);
	EXPECT_EQ(errors_sent(), 4u);
}

TEST_F(Node, NoErrorAboutMulticastOrFromTheUnspecifiedAddress)
{
	// RFC 4443 2.4(e): neither sent nor counted against the bucket.
	const mip6_addr_t all = addr("ff02::1"), unspec{};
	input(raw_mh(MIP6_MH_BRR, 6, kCn, all));
	input(raw_mh(MIP6_MH_BRR, 6, unspec, kNode));
	input(raw_mh(42, MIP6_PROTO_NONE, kCn, all));
	input(raw_mh(42, MIP6_PROTO_NONE, unspec, kNode));
	EXPECT_EQ(errors_sent(), 0u);
	EXPECT_EQ(stats().err_rate_limited, 0u);
}

// --- Time Exceeded at the home agent's intercept (RFC 4443 3.3) ---

TEST_F(Node, InterceptAnswersTimeExceeded)
{
	bind();
	auto ok = t::udp(kCn, kHoa, nullptr, 2);
	EXPECT_EQ(input(ok), MIP6_CONSUMED);
	ASSERT_EQ(fe.sent.size(), 1u);
	EXPECT_EQ(t::str(fe.sent[0].pkt->layer[0].ip.dst), t::str(kCoa)); // tunneled
	auto last = t::udp(kCn, kHoa, nullptr, 1);
	EXPECT_EQ(input(last), MIP6_DROPPED);
	auto v = fe.sent_icmp6(MIP6_ICMP6_TIME_EXCEEDED);
	ASSERT_EQ(v.size(), 1u);
	const t::SentPacket &s = *v[0];
	EXPECT_EQ(s.rc, 0);
	EXPECT_EQ(s.pkt->icmp6.code, 0); // hop limit exceeded in transit
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.src), t::str(kHa));
	EXPECT_EQ(t::str(s.pkt->layer[0].ip.dst), t::str(kCn));
	EXPECT_EQ(std::vector<uint8_t>(s.pkt->icmp6.body, s.pkt->icmp6.body + s.pkt->icmp6.body_len), last);
	EXPECT_EQ(stats().drop_hlim, 1u);
	EXPECT_EQ(stats().tx_icmp6, 1u);

	// Not about an ICMPv6 error (RFC 4443 2.4(e.1)); about an echo, yes.
	EXPECT_EQ(input(icmp_err(kCn, kHoa, MIP6_ICMP6_DST_UNREACH, 1)), MIP6_DROPPED);
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_TIME_EXCEEDED).size(), 1u);
	EXPECT_EQ(input(icmp_err(kCn, kHoa, MIP6_ICMP6_ECHO_REQUEST, 0)), MIP6_DROPPED);
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_TIME_EXCEEDED).size(), 2u);
	EXPECT_EQ(stats().drop_hlim, 3u);

	// Rate limited: 8 tokens are left of 10.
	for (int i = 0; i < 12; i++)
		input(last);
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_TIME_EXCEEDED).size(), 10u);
	EXPECT_EQ(stats().err_rate_limited, 4u);
	EXPECT_TRUE(fe.traced(MIP6_EV_NODE_DROP_TE_RATE_LIMITED));
}

// --- Burst entry points ---

// Two nodes set up alike: one fed packet by packet, one in bursts.
struct Twin {
	t::FakeEnv fe;
	mip6_env_t env{};
	mip6_node_t *n = nullptr;
	explicit Twin(mip6_ns_t now)
	{
		env = fe.env();
		n = t::one_iface_node(&env, now, false);
		mip6_node_enable_cn(n);
		t::bus_input(n, home_binding(), now);
	}
	~Twin() { mip6_node_free(n); }
};

void expect_same(const Twin &a, const Twin &b)
{
	ASSERT_EQ(a.fe.sent.size(), b.fe.sent.size());
	for (size_t i = 0; i < a.fe.sent.size(); i++) {
		EXPECT_EQ(a.fe.sent[i].ifindex, b.fe.sent[i].ifindex) << i;
		EXPECT_EQ(a.fe.sent[i].bytes, b.fe.sent[i].bytes) << i;
	}
	EXPECT_EQ(a.fe.delivered, b.fe.delivered);
	EXPECT_EQ(a.fe.bus_out, b.fe.bus_out);
	EXPECT_EQ(memcmp(mip6_node_stats(a.n), mip6_node_stats(b.n), sizeof(mip6_stats_t)), 0);
}

TEST(NodeBurst, InputBurstEqualsTheSingleCallsInOrder)
{
	mip6_ns_t now = MIP6_SEC(5);
	const mip6_addr_t hoa2 = addr("2001:db8:1::200"), coa2 = addr("2001:db8:3::3");
	// Intercepted, passed, hop limit out (Time Exceeded), a bad MH
	// (Parameter Problem), a HAO without binding (BE_HINT -> the CN's BE),
	// an unknown MH type (BE status 2), a truncated packet; and more than
	// MIP6_DP_PREFETCH_AHEAD of them.
	std::vector<std::vector<uint8_t>> pkts;
	for (int round = 0; round < 3; round++) {
		pkts.push_back(t::udp(kCn, kHoa));
		pkts.push_back(t::udp(kCn, kNode));
		pkts.push_back(t::udp(kCn, kHoa, nullptr, 1));
		pkts.push_back(raw_mh(MIP6_MH_BRR, 6, kCn, kNode));
		pkts.push_back(t::udp(coa2, kNode, &hoa2));
		pkts.push_back(raw_mh(42, MIP6_PROTO_NONE, kCn, kNode));
		pkts.push_back({0x60, 0, 0});
	}
	Twin single(now), burst(now);
	std::vector<mip6_verdict_t> want;
	for (auto &p : pkts)
		want.push_back(mip6_node_input(single.n, 1, p.data(), p.size(), now));
	std::vector<const uint8_t *> ptrs;
	std::vector<size_t> lens;
	for (auto &p : pkts) {
		ptrs.push_back(p.data());
		lens.push_back(p.size());
	}
	std::vector<mip6_verdict_t> got(pkts.size(), MIP6_CONSUMED);
	mip6_node_input_burst(burst.n, 1, ptrs.data(), lens.data(), pkts.size(), got.data(), now);
	EXPECT_EQ(got, want);
	// Every kind of verdict occurred, and every kind of effect.
	EXPECT_NE(std::find(want.begin(), want.end(), MIP6_PASS), want.end());
	EXPECT_NE(std::find(want.begin(), want.end(), MIP6_CONSUMED), want.end());
	EXPECT_NE(std::find(want.begin(), want.end(), MIP6_DROPPED), want.end());
	EXPECT_EQ(single.fe.sent_icmp6(MIP6_ICMP6_TIME_EXCEEDED).size(), 3u);
	EXPECT_EQ(single.fe.sent_mh(MIP6_MH_BE).size(), 4u); // 1 per HAO source a second, 3 status 2
	expect_same(single, burst);

	// An empty burst does nothing.
	mip6_node_input_burst(burst.n, 1, nullptr, nullptr, 0, nullptr, now);
	expect_same(single, burst);
}

TEST(NodeBurst, OutputBurstEqualsTheSingleCalls)
{
	mip6_ns_t now = MIP6_SEC(5);
	std::vector<std::vector<uint8_t>> pkts;
	for (int i = 0; i < 20; i++) {
		pkts.push_back(t::udp(kCn, i % 3 ? kHoa : kCn));
		if (i % 7 == 0)
			pkts.push_back({0x60});
	}
	Twin single(now), burst(now);
	std::vector<mip6_verdict_t> want;
	for (auto &p : pkts)
		want.push_back(mip6_node_output(single.n, p.data(), p.size(), now));
	std::vector<const uint8_t *> ptrs;
	std::vector<size_t> lens;
	for (auto &p : pkts) {
		ptrs.push_back(p.data());
		lens.push_back(p.size());
	}
	std::vector<mip6_verdict_t> got(pkts.size());
	mip6_node_output_burst(burst.n, ptrs.data(), lens.data(), pkts.size(), got.data(), now);
	EXPECT_EQ(got, want);
	EXPECT_EQ(single.fe.sent.size(), 13u); // to the bound home address: tunneled
	EXPECT_EQ(mip6_node_stats(single.n)->mip6_dp_encap, 13u);
	expect_same(single, burst);
}

// --- mip6_node_command ---

TEST_F(Node, CommandRejectsOtherTypesAndUnknownCommands)
{
	mip6_bus_msg_t m{};
	m.type = MIP6_BUS_BC_FLUSH;
	m.cmd = MIP6_CMD_FLUSH_BC;
	EXPECT_EQ(mip6_node_command(n, &m, now), MIP6_E_INVAL);
	m.type = MIP6_BUS_COMMAND;
	for (uint8_t cmd : {0, 6, 255}) {
		m.cmd = cmd;
		EXPECT_EQ(mip6_node_command(n, &m, now), MIP6_E_INVAL) << int(cmd);
	}
	EXPECT_TRUE(fe.bus_out.empty());
}

TEST_F(Node, CommandReachesBusOutEncoded)
{
	mip6_bus_msg_t m{};
	m.type = MIP6_BUS_COMMAND;
	m.cmd = MIP6_CMD_DEREG_BID;
	m.status = 7;
	m.flags = MIP6_BF_HOME;
	m.bid = 3;
	m.ifindex = 2;
	m.hoa = kHoa;
	m.peer = kHa;
	ASSERT_EQ(mip6_node_command(n, &m, now), 0);
	ASSERT_EQ(fe.bus_out.size(), 1u);
	const auto &w = fe.bus_out[0];
	mip6_bus_msg_t d;
	ASSERT_EQ(mip6_bus_decode(w.data(), w.size(), &d), (int)w.size());
	EXPECT_EQ(d.type, MIP6_BUS_COMMAND);
	EXPECT_EQ(d.cmd, MIP6_CMD_DEREG_BID);
	EXPECT_EQ(d.status, 7);
	EXPECT_EQ(d.flags, MIP6_BF_HOME);
	EXPECT_EQ(d.bid, 3);
	EXPECT_EQ(d.ifindex, 2u);
	EXPECT_EQ(t::str(d.hoa), t::str(kHoa));
	EXPECT_EQ(t::str(d.peer), t::str(kHa));
	// The header: type 14, then the length of the whole message.
	EXPECT_EQ(w[0] << 8 | w[1], MIP6_BUS_COMMAND);
	EXPECT_EQ((size_t)(w[2] << 8 | w[3]), w.size());
}

// --- DAD on the bus ---

// A home agent's first registrations wait for DAD of their home addresses
// (RFC 6275 10.3.1): one DAD operation each, all in flight at once.
struct NodeDad : hat::HaFixture {
};

TEST_F(NodeDad, DadOpsArePublishedStartAndDone)
{
	ASSERT_EQ(start(), 0);
	const unsigned kOps = MIP6_BUS_DAD_TRACKED + 1;
	for (uint8_t i = 1; i <= kOps; i++) {
		hat::Bu bu;
		bu.hoa = nth("2001:db8:1::1:0", i); // not ::1, the home agent's own address
		bu.src = nth("2001:db8:2::", i);
		send(bu);
	}
	auto ids = ops(MIP6_OP_DAD);
	ASSERT_EQ(ids.size(), kOps);
	auto dad = [&] { return fe.bus_msgs(0, {MIP6_BUS_DAD}); };
	auto v = dad();
	ASSERT_EQ(v.size(), kOps); // one START per DAD, none for the anycast ADDR_ADD
	for (unsigned i = 0; i < v.size(); i++) {
		EXPECT_EQ(v[i].cmd, MIP6_DAD_START);
		EXPECT_EQ(v[i].ifindex, hat::kHome);
		EXPECT_EQ(t::str(v[i].coa), t::str(nth("2001:db8:1::1:0", (uint8_t)(i + 1))));
	}
	auto adds = ops(MIP6_OP_ADDR_ADD);
	ASSERT_EQ(adds.size(), 1u);
	mip6_node_op_result(n, adds[0].id, 0, now);
	EXPECT_EQ(dad().size(), kOps);
	// With more in flight than the node tracks, the oldest gave its slot.
	mip6_node_op_result(n, ids[0].id, 0, now);
	EXPECT_EQ(dad().size(), kOps);
	mip6_node_op_result(n, ids.back().id, MIP6_OP_DUPLICATE, now);
	mip6_node_op_result(n, ids[1].id, 0, now);
	v = dad();
	ASSERT_EQ(v.size(), kOps + 2);
	EXPECT_EQ(v[kOps].cmd, MIP6_DAD_DONE);
	EXPECT_EQ(v[kOps].status, MIP6_DAD_DUPLICATE);
	EXPECT_EQ(t::str(v[kOps].coa), t::str(nth("2001:db8:1::1:0", (uint8_t)kOps)));
	EXPECT_EQ(v[kOps + 1].cmd, MIP6_DAD_DONE);
	EXPECT_EQ(v[kOps + 1].status, MIP6_DAD_UNIQUE);
	EXPECT_EQ(t::str(v[kOps + 1].coa), t::str(nth("2001:db8:1::1:0", 2)));
	// The home agent acted on every result, tracked or not: the first two
	// registrations are accepted, the duplicate refused (RFC 6275 10.3.1).
	EXPECT_EQ(stats().ba_sent[MIP6_BA_ACCEPTED], 2u);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_DAD_FAILED], 1u);
}

} // namespace
