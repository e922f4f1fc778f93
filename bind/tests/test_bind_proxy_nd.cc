// SPDX-License-Identifier: BSD-3-Clause
// Proxy ND: the table and the Neighbor Advertisement built for a solicitation.
#include <gtest/gtest.h>

#include "bind_test_util.h"

extern "C" {
#include "mip6/bind_proxy_nd.h"
#include "mip6/packet.h"
}

using namespace bindtest;

namespace
{

const uint8_t kHaMac[6] = {0x02, 0, 0, 0, 0xaa, 0x01};

// A Neighbor Solicitation for target, built with the core's wire API.
std::vector<uint8_t> ns(const mip6_addr_t &src, const mip6_addr_t &dst, const mip6_addr_t &target,
                        uint8_t hlim = 255, bool slla = true)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_NS);
	m.u.nd.target = target;
	if (slla) {
		mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_SLLA);
		o->u.lla.len = 6;
		for (int i = 0; i < 6; i++)
			o->u.lla.addr[i] = static_cast<uint8_t>(0x10 + i);
	}
	std::vector<uint8_t> p(200);
	int n = mip6_icmp6_emit(&m, &src, &dst, 0, p.data() + 40, p.size() - 40);
	EXPECT_GT(n, 0);
	mip6_ip6_t h{};
	h.plen = static_cast<uint16_t>(n);
	h.nxt = MIP6_PROTO_ICMPV6;
	h.hlim = hlim;
	h.src = src;
	h.dst = dst;
	mip6_ip6_emit(&h, p.data());
	p.resize(40 + static_cast<size_t>(n));
	return p;
}

mip6_addr_t solicited_node(const mip6_addr_t &t)
{
	mip6_addr_t a = A("ff02::1:ff00:0");
	a.b[13] = t.b[13];
	a.b[14] = t.b[14];
	a.b[15] = t.b[15];
	return a;
}

struct Proxy {
	mip6_bind_proxy_entry_t st[4];
	mip6_bind_proxy_t p;
	mip6_bind_proxy_if_t me{};
	mip6_addr_t hoa = A("2001:db8:1::100");
	Proxy()
	{
		mip6_bind_proxy_init(&p, st, 4);
		me.src = A("2001:db8:1::1");
		me.lladdr = kHaMac;
		me.lladdr_len = 6;
		mip6_op_t o{};
		o.kind = MIP6_OP_PROXY_ND_ADD;
		o.ifindex = 1;
		o.addr = hoa;
		EXPECT_EQ(mip6_bind_proxy_op(&p, &o), 0);
	}
	int answer(const std::vector<uint8_t> &in, mip6_pkt_t *out, mip6_addr_t *dst, uint32_t ifindex = 1)
	{
		uint8_t buf[256];
		int n = mip6_bind_proxy_answer(&p, ifindex, &me, in.data(), in.size(), buf, sizeof(buf), dst);
		if (n > 0) {
			EXPECT_EQ(mip6_pkt_parse(buf, static_cast<size_t>(n), MIP6_DEC_STRICT, out), 0)
			    << "the answer is a valid packet (checksum included)";
		}
		return n;
	}
};

} // namespace

TEST(BindProxyNd, TableAddDelPerInterface)
{
	Proxy x;
	EXPECT_TRUE(mip6_bind_proxy_has(&x.p, 1, &x.hoa));
	EXPECT_FALSE(mip6_bind_proxy_has(&x.p, 2, &x.hoa));
	EXPECT_EQ(mip6_bind_proxy_add(&x.p, 1, &x.hoa), 0) << "twice is once";
	EXPECT_EQ(x.p.n, 1u);
	EXPECT_EQ(mip6_bind_proxy_add(&x.p, 0, &x.hoa), MIP6_E_INVAL);
	mip6_op_t o{};
	o.kind = MIP6_OP_PROXY_ND_DEL;
	o.ifindex = 1;
	o.addr = x.hoa;
	EXPECT_EQ(mip6_bind_proxy_op(&x.p, &o), 0);
	EXPECT_EQ(mip6_bind_proxy_op(&x.p, &o), MIP6_E_INVAL);
	for (uint8_t i = 0; i < 4; i++) {
		mip6_addr_t a = x.hoa;
		a.b[15] = i;
		ASSERT_EQ(mip6_bind_proxy_add(&x.p, 1, &a), 0);
	}
	mip6_addr_t a5 = A("2001:db8:1::55");
	EXPECT_EQ(mip6_bind_proxy_add(&x.p, 1, &a5), MIP6_E_NOSPC);
}

TEST(BindProxyNd, AnswersASolicitationForAProxiedAddress)
{
	Proxy x;
	mip6_addr_t cn = A("2001:db8:1::77");
	mip6_pkt_t na;
	mip6_addr_t dst{};
	ASSERT_GT(x.answer(ns(cn, solicited_node(x.hoa), x.hoa), &na, &dst), 0);
	ASSERT_EQ(na.ul, MIP6_UL_ICMP6);
	EXPECT_EQ(na.icmp6.type, MIP6_ICMP6_NA);
	EXPECT_TRUE(mip6_addr_eq(&na.icmp6.u.nd.target, &x.hoa));
	EXPECT_EQ(na.icmp6.u.nd.flags, MIP6_NA_F_S)
	    << "R 0 (RFC 6275 10.4.1), O 0 as a proxy (RFC 4861 7.2.4)";
	EXPECT_EQ(na.layer[0].ip.hlim, 255);
	EXPECT_TRUE(mip6_addr_eq(&na.layer[0].ip.src, &x.me.src));
	EXPECT_TRUE(mip6_addr_eq(&na.layer[0].ip.dst, &cn));
	EXPECT_TRUE(mip6_addr_eq(&dst, &cn));
	const mip6_nd_opt_t *t = mip6_icmp6_find_opt(&na.icmp6, MIP6_ND_OPT_TLLA);
	ASSERT_NE(t, nullptr) << "the home agent's own link-layer address";
	ASSERT_EQ(t->u.lla.len, 6);
	EXPECT_EQ(0, memcmp(t->u.lla.addr, kHaMac, 6));
}

TEST(BindProxyNd, DefendsAgainstDuplicateAddressDetection)
{
	Proxy x;
	mip6_pkt_t na;
	mip6_addr_t dst{};
	mip6_addr_t unspec{};
	ASSERT_GT(x.answer(ns(unspec, solicited_node(x.hoa), x.hoa, 255, false), &na, &dst), 0);
	EXPECT_EQ(na.icmp6.u.nd.flags, 0) << "S 0 for a solicitation from ::";
	mip6_addr_t all = A("ff02::1");
	EXPECT_TRUE(mip6_addr_eq(&dst, &all));
	EXPECT_TRUE(mip6_addr_eq(&na.layer[0].ip.dst, &all));
}

TEST(BindProxyNd, IgnoresWhatIsNotAValidSolicitationForItsTable)
{
	Proxy x;
	mip6_pkt_t na;
	mip6_addr_t dst{};
	mip6_addr_t cn = A("2001:db8:1::77"), other = A("2001:db8:1::101"), unspec{};
	EXPECT_EQ(x.answer(ns(cn, solicited_node(other), other), &na, &dst), 0) << "not proxied";
	EXPECT_EQ(x.answer(ns(cn, solicited_node(x.hoa), x.hoa), &na, &dst, 2), 0) << "other interface";
	EXPECT_EQ(x.answer(ns(cn, solicited_node(x.hoa), x.hoa, 64), &na, &dst), 0) << "hop limit not 255";
	EXPECT_EQ(x.answer(ns(unspec, x.hoa, x.hoa, 255, false), &na, &dst), 0)
	    << "DAD probe not to the solicited-node address";
	auto bad = ns(cn, solicited_node(x.hoa), x.hoa);
	bad[42] ^= 0xff; // checksum
	EXPECT_EQ(x.answer(bad, &na, &dst), 0);
	auto p = ip6(1);
	EXPECT_EQ(x.answer(p, &na, &dst), 0);
	uint8_t tiny[10];
	auto good = ns(cn, solicited_node(x.hoa), x.hoa);
	EXPECT_LT(mip6_bind_proxy_answer(&x.p, 1, &x.me, good.data(), good.size(), tiny, sizeof(tiny), &dst),
	          0);
}
