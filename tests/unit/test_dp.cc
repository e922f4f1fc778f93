// SPDX-License-Identifier: BSD-3-Clause
// The data plane per packet: tunnels (MN, MR, HA; both directions), the Home
// Address option and the type 2 routing header (out and in), the HA's
// intercept, signaling classification and the MCoA flow policy. Every
// transformed packet is re-parsed strictly (checksums included) and its
// exact addresses and bytes are checked.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>

#include "test_util.h"

extern "C" {
#include "mip6/dp.h"
#include "mip6/node.h"
#include "mip6/packet.h"
}

namespace
{
const mip6_addr_t kHoa = t::addr("2001:db8:1::100");
const mip6_addr_t kHoa2 = t::addr("2001:db8:1::200");
const mip6_addr_t kCoa = t::addr("2001:db8:2::100");
const mip6_addr_t kCoa2 = t::addr("2001:db8:3::100");
const mip6_addr_t kHa = t::addr("2001:db8:1::1");
const mip6_addr_t kCn = t::addr("2001:db8:9::9");
const mip6_addr_t kCn2 = t::addr("2001:db8:9::10");
const mip6_addr_t kOther = t::addr("2001:db8:66::6");
const mip6_addr_t kMnp = t::addr("2001:db8:100::");
const mip6_addr_t kMnn = t::addr("2001:db8:100:1::5");

void *sys_alloc(void *, void *p, size_t n)
{
	if (n == 0) {
		free(p);
		return nullptr;
	}
	return realloc(p, n);
}

struct Dp {
	mip6_stats_t st{};
	mip6_dp_t *dp;
	Dp() { dp = mip6_dp_new(mip6_alloc_t{sys_alloc, nullptr}, &st); }
	~Dp() { mip6_dp_free(dp); }
	operator mip6_dp_t *() { return dp; }
};

struct Buf {
	std::vector<uint8_t> mem;
	mip6_buf_t b;
	explicit Buf(size_t headroom = 256) : mem(4096)
	{
		mip6_buf_init(&b, mem.data(), mem.size(), headroom);
	}
	std::vector<uint8_t> bytes() const { return {mip6_buf_data(&b), mip6_buf_data(&b) + b.len}; }
};

mip6_ip6_t ip(const mip6_addr_t &src, const mip6_addr_t &dst, uint8_t nxt)
{
	mip6_ip6_t h{};
	h.src = src;
	h.dst = dst;
	h.nxt = nxt;
	h.hlim = 64;
	return h;
}

// Appends a UDP datagram whose checksum covers ck_src -> ck_dst.
void put_udp(Buf &p, const mip6_addr_t &ck_src, const mip6_addr_t &ck_dst, uint16_t sport, uint16_t dport,
             size_t n = 12)
{
	uint8_t *u = mip6_buf_put(&p.b, 8 + n);
	u[0] = (uint8_t)(sport >> 8);
	u[1] = (uint8_t)sport;
	u[2] = (uint8_t)(dport >> 8);
	u[3] = (uint8_t)dport;
	u[4] = (uint8_t)((8 + n) >> 8);
	u[5] = (uint8_t)(8 + n);
	u[6] = u[7] = 0;
	for (size_t i = 0; i < n; i++)
		u[8 + i] = (uint8_t)(0xa0 + i);
	uint16_t c = mip6_cksum_pseudo(&ck_src, &ck_dst, (uint32_t)(8 + n), MIP6_PROTO_UDP, u, 8 + n);
	u[6] = (uint8_t)(c >> 8);
	u[7] = (uint8_t)c;
}

// A plain UDP packet src -> dst.
void udp(Buf &p, const mip6_addr_t &src, const mip6_addr_t &dst, uint16_t sport = 1000, uint16_t dport = 2000)
{
	put_udp(p, src, dst, sport, dport);
	auto h = ip(src, dst, MIP6_PROTO_UDP);
	ASSERT_EQ(mip6_buf_push_ip6(&p.b, &h), 0);
}

// An MH message src -> dst (optionally with a HAO carrying hao).
void mh(Buf &p, uint8_t type, const mip6_addr_t &src, const mip6_addr_t &dst,
        const mip6_addr_t *hao = nullptr)
{
	mip6_mh_t m;
	mip6_mh_init(&m, type);
	if (type == MIP6_MH_BU) {
		m.u.bu.seq = 7;
		m.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H;
		m.u.bu.lifetime = 100;
	}
	uint8_t tmp[MIP6_MH_MAX_LEN];
	int n = mip6_mh_emit(&m, hao ? hao : &src, &dst, 0, tmp, sizeof(tmp));
	ASSERT_GT(n, 0);
	memcpy(mip6_buf_put(&p.b, (size_t)n), tmp, (size_t)n);
	if (hao) {
		ASSERT_EQ(mip6_buf_push_hao(&p.b, MIP6_PROTO_MH, hao), 0);
	}
	auto h = ip(src, dst, hao ? MIP6_PROTO_DSTOPTS : MIP6_PROTO_MH);
	ASSERT_EQ(mip6_buf_push_ip6(&p.b, &h), 0);
}

void icmp(Buf &p, uint8_t type, const mip6_addr_t &src, const mip6_addr_t &dst)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, type);
	if (type == MIP6_ICMP6_NS || type == MIP6_ICMP6_NA)
		m.u.nd.target = dst;
	uint8_t tmp[256];
	int n = mip6_icmp6_emit(&m, &src, &dst, 0, tmp, sizeof(tmp));
	ASSERT_GT(n, 0);
	memcpy(mip6_buf_put(&p.b, (size_t)n), tmp, (size_t)n);
	auto h = ip(src, dst, MIP6_PROTO_ICMPV6);
	ASSERT_EQ(mip6_buf_push_ip6(&p.b, &h), 0);
}

std::unique_ptr<mip6_pkt_t> parse(const std::vector<uint8_t> &b, unsigned flags = MIP6_DEC_STRICT)
{
	auto pkt = std::make_unique<mip6_pkt_t>();
	int rc = mip6_pkt_parse(b.data(), b.size(), flags, pkt.get());
	EXPECT_EQ(rc, 0) << (pkt->diag.why ? pkt->diag.why : "");
	return pkt;
}

std::string S(const mip6_addr_t &a)
{
	return t::str(a);
}

std::vector<uint8_t> sub(const std::vector<uint8_t> &v, size_t off, size_t n = SIZE_MAX)
{
	n = std::min(n, v.size() - off);
	return {v.begin() + (long)off, v.begin() + (long)(off + n)};
}
} // namespace

// --- Home agent: output and intercept ---

TEST(DpHa, OutputTunnelsToTheCareOfAddress)
{
	Dp dp;
	ASSERT_EQ(mip6_dp_bc_set(dp, &kHoa, 0, &kCoa, &kHa, MIP6_DPF_HOME), 0);
	Buf p;
	udp(p, kCn, kHoa);
	auto inner = p.bytes();
	auto r = mip6_dp_output(dp, &p.b);
	ASSERT_EQ(r.action, MIP6_DPA_SEND) << (r.why ? r.why : "");
	EXPECT_EQ(r.ifindex, 0u);
	auto out = p.bytes();
	ASSERT_EQ(out.size(), inner.size() + 40);
	EXPECT_EQ(sub(out, 40), inner); // inner packet unchanged, hop limit too
	auto pkt = parse(out);
	ASSERT_EQ(pkt->nlayers, 2u);
	EXPECT_EQ(S(pkt->layer[0].ip.src), S(kHa));
	EXPECT_EQ(S(pkt->layer[0].ip.dst), S(kCoa));
	EXPECT_EQ(pkt->layer[0].ip.nxt, MIP6_PROTO_IPV6);
	EXPECT_EQ(pkt->layer[0].ip.hlim, 64);
	EXPECT_EQ(pkt->layer[0].ip.plen, inner.size());
	EXPECT_EQ(S(pkt->layer[1].ip.dst), S(kHoa));
	EXPECT_EQ(pkt->cksum_ok, 1);
	EXPECT_EQ(dp.st.mip6_dp_encap, 1u);
}

TEST(DpHa, NoBindingPasses)
{
	Dp dp;
	ASSERT_EQ(mip6_dp_bc_set(dp, &kHoa, 0, &kCoa, &kHa, MIP6_DPF_HOME), 0);
	Buf p;
	udp(p, kCn, kHoa2);
	auto before = p.bytes();
	auto r = mip6_dp_output(dp, &p.b);
	EXPECT_EQ(r.action, MIP6_DPA_PASS);
	EXPECT_EQ(p.bytes(), before);
	EXPECT_EQ(dp.st.mip6_dp_encap, 0u);
}

TEST(DpHa, MobileNetworkPrefixLongestMatch)
{
	Dp dp;
	const mip6_addr_t mr1 = t::addr("2001:db8:1::301"), mr2 = t::addr("2001:db8:1::302");
	const mip6_addr_t coa1 = t::addr("2001:db8:31::1"), coa2 = t::addr("2001:db8:32::1");
	ASSERT_EQ(mip6_dp_bc_set(dp, &mr1, 0, &coa1, &kHa, MIP6_DPF_HOME | MIP6_DPF_MR), 0);
	ASSERT_EQ(mip6_dp_bc_set(dp, &mr2, 0, &coa2, &kHa, MIP6_DPF_HOME | MIP6_DPF_MR), 0);
	ASSERT_EQ(mip6_dp_mnp_set(dp, &kMnp, 48, &mr1), 0);
	const mip6_addr_t p64 = t::addr("2001:db8:100:7::");
	ASSERT_EQ(mip6_dp_mnp_set(dp, &p64, 64, &mr2), 0);

	struct {
		const char *dst;
		const mip6_addr_t *coa;
	} cases[] = {
	    {"2001:db8:100:1::5", &coa1}, {"2001:db8:100:7::5", &coa2}, {"2001:db8:100:ffff::1", &coa1}};
	for (auto &c : cases) {
		Buf p;
		udp(p, kCn, t::addr(c.dst));
		auto r = mip6_dp_output(dp, &p.b);
		ASSERT_EQ(r.action, MIP6_DPA_SEND) << c.dst;
		auto pkt = parse(p.bytes());
		EXPECT_EQ(S(pkt->layer[0].ip.dst), S(*c.coa)) << c.dst;
		EXPECT_EQ(S(pkt->layer[0].ip.src), S(kHa));
	}
	// Removing the /64 sends its traffic to the /48's router.
	ASSERT_EQ(mip6_dp_mnp_del(dp, &p64, 64), 0);
	Buf p;
	udp(p, kCn, t::addr("2001:db8:100:7::5"));
	ASSERT_EQ(mip6_dp_output(dp, &p.b).action, MIP6_DPA_SEND);
	EXPECT_EQ(S(parse(p.bytes())->layer[0].ip.dst), S(coa1));

	// A prefix whose router has no binding is dropped, not looped back.
	ASSERT_EQ(mip6_dp_bc_del(dp, &mr1, 0xffff), 0);
	Buf q;
	udp(q, kCn, kMnn);
	auto r = mip6_dp_output(dp, &q.b);
	EXPECT_EQ(r.action, MIP6_DPA_DROP);
	EXPECT_EQ(r.code, MIP6_EV_DP_DROP_MNP_UNREGISTERED);
	EXPECT_EQ(dp.st.drop_no_route, 1u);
}

TEST(DpHa, InterceptOnTheHomeLink)
{
	Dp dp;
	ASSERT_EQ(mip6_dp_bc_set(dp, &kHoa, 0, &kCoa, &kHa, MIP6_DPF_HOME), 0);
	Buf p;
	udp(p, kCn, kHoa);
	auto inner = p.bytes();
	auto r = mip6_dp_input(dp, 1, &p.b);
	ASSERT_EQ(r.action, MIP6_DPA_SEND);
	EXPECT_EQ(r.ifindex, 0u);
	auto pkt = parse(p.bytes());
	EXPECT_EQ(S(pkt->layer[0].ip.src), S(kHa));
	EXPECT_EQ(S(pkt->layer[0].ip.dst), S(kCoa));
	// The inner packet as it arrived, but for the hop the HA forwarded it.
	inner[7]--;
	EXPECT_EQ(sub(p.bytes(), 40), inner);
	EXPECT_EQ(pkt->layer[1].ip.hlim, 63);

	// A HoT from a correspondent to the home address is tunneled too.
	Buf h;
	mh(h, MIP6_MH_HOT, kCn, kHoa);
	EXPECT_EQ(mip6_dp_input(dp, 1, &h.b).action, MIP6_DPA_SEND);
	// Neighbour solicitations for the home address stay with the node
	// (proxy ND), as do packets from link-local sources.
	Buf ns;
	icmp(ns, MIP6_ICMP6_NS, kCn, kHoa);
	EXPECT_EQ(mip6_dp_input(dp, 1, &ns.b).action, MIP6_DPA_SIGNAL);
	Buf ll;
	udp(ll, t::addr("fe80::1"), kHoa);
	EXPECT_EQ(mip6_dp_input(dp, 1, &ll.b).action, MIP6_DPA_PASS);
	EXPECT_EQ(dp.st.mip6_dp_encap, 2u);
}

// Intercepting is forwarding: the packet's hop limit goes down by exactly
// one (RFC 8200 3, RFC 2473 4.1.3 / 6.3), for a home address and for a
// mobile network prefix, and a packet it would take to 0 is dropped as it
// arrived. On output the stack has already taken the hop.
TEST(DpHa, InterceptTakesOneHop)
{
	Dp dp;
	const mip6_addr_t mr = t::addr("2001:db8:1::301");
	ASSERT_EQ(mip6_dp_bc_set(dp, &kHoa, 0, &kCoa, &kHa, MIP6_DPF_HOME), 0);
	ASSERT_EQ(mip6_dp_bc_set(dp, &mr, 0, &kCoa2, &kHa, MIP6_DPF_HOME | MIP6_DPF_MR), 0);
	ASSERT_EQ(mip6_dp_mnp_set(dp, &kMnp, 48, &mr), 0);
	for (const mip6_addr_t *dst : {&kHoa, &kMnn}) {
		for (uint8_t hlim : {255, 64, 2}) {
			Buf p;
			udp(p, kCn, *dst);
			mip6_buf_data(&p.b)[7] = hlim;
			auto r = mip6_dp_input(dp, 1, &p.b);
			ASSERT_EQ(r.action, MIP6_DPA_SEND) << S(*dst) << " " << int(hlim);
			auto pkt = parse(p.bytes());
			ASSERT_EQ(pkt->nlayers, 2u);
			EXPECT_EQ(S(pkt->layer[0].ip.dst), S(dst == &kHoa ? kCoa : kCoa2));
			EXPECT_EQ(pkt->layer[0].ip.hlim, 64) << "the tunnel's own hop limit";
			EXPECT_EQ(pkt->layer[1].ip.hlim, hlim - 1);
			EXPECT_EQ(pkt->cksum_ok, 1);
		}
		for (uint8_t hlim : {1, 0}) {
			Buf p;
			udp(p, kCn, *dst);
			mip6_buf_data(&p.b)[7] = hlim;
			auto before = p.bytes();
			auto r = mip6_dp_input(dp, 1, &p.b);
			EXPECT_EQ(r.action, MIP6_DPA_DROP) << S(*dst) << " " << int(hlim);
			EXPECT_EQ(r.code, MIP6_EV_DP_DROP_HOP_LIMIT);
			EXPECT_EQ(p.bytes(), before);
			// RFC 4443 3.3: the node answers Time Exceeded from the HA's address.
			EXPECT_TRUE(r.hlim_exceeded);
			EXPECT_EQ(S(r.hint_peer), S(kHa));
		}
	}
	EXPECT_EQ(dp.st.drop_hlim, 4u);
	EXPECT_EQ(dp.st.mip6_dp_encap, 6u);

	// An ICMPv6 error is dropped too, but never answered with one
	// (RFC 4443 2.4(e.1)); an informational message is.
	for (uint8_t type : {MIP6_ICMP6_DST_UNREACH, MIP6_ICMP6_ECHO_REQUEST}) {
		Buf p;
		icmp(p, type, kCn, kHoa);
		mip6_buf_data(&p.b)[7] = 1;
		auto r = mip6_dp_input(dp, 1, &p.b);
		EXPECT_EQ(r.action, MIP6_DPA_DROP);
		EXPECT_EQ(r.hlim_exceeded, type == MIP6_ICMP6_ECHO_REQUEST) << int(type);
	}
	EXPECT_EQ(dp.st.drop_hlim, 6u);

	// mip6_dp_output: the platform's stack forwarded (and decremented)
	// the packet before handing it over, or the node sent it itself.
	for (const mip6_addr_t *dst : {&kHoa, &kMnn}) {
		Buf p;
		udp(p, kCn, *dst);
		mip6_buf_data(&p.b)[7] = 1;
		auto inner = p.bytes();
		ASSERT_EQ(mip6_dp_output(dp, &p.b).action, MIP6_DPA_SEND);
		EXPECT_EQ(sub(p.bytes(), 40), inner);
	}
	EXPECT_EQ(dp.st.drop_hlim, 6u);
}

// What is addressed to the node's own tunnel endpoint (the HA's address:
// every BU, DHAAD, MPS) is the node's, even should a binding claim that
// address as a home address.
TEST(DpHa, OwnTunnelEndpointIsNeverIntercepted)
{
	Dp dp;
	ASSERT_EQ(mip6_dp_bc_set(dp, &kHoa, 0, &kCoa, &kHa, MIP6_DPF_HOME), 0);
	ASSERT_EQ(mip6_dp_bc_set(dp, &kHa, 0, &kCoa2, &kHa, MIP6_DPF_HOME), 0);
	Buf p;
	udp(p, kCn, kHa);
	auto before = p.bytes();
	auto r = mip6_dp_input(dp, 1, &p.b);
	EXPECT_EQ(r.action, MIP6_DPA_PASS);
	EXPECT_EQ(p.bytes(), before);
	EXPECT_EQ(dp.st.mip6_dp_encap, 0u);
}

TEST(DpHa, ReverseTunnelEndpointsChecked)
{
	Dp dp;
	ASSERT_EQ(mip6_dp_bc_set(dp, &kHoa, 0, &kCoa, &kHa, MIP6_DPF_HOME), 0);
	auto tunneled = [](const mip6_addr_t &osrc, const mip6_addr_t &odst, const mip6_addr_t &isrc,
	                   std::vector<uint8_t> *inner) {
		auto p = std::make_unique<Buf>();
		udp(*p, isrc, kCn);
		if (inner)
			*inner = p->bytes();
		EXPECT_EQ(mip6_buf_encap(&p->b, &osrc, &odst, 64), 0);
		return p;
	};
	std::vector<uint8_t> inner;
	auto good = tunneled(kCoa, kHa, kHoa, &inner);
	auto r = mip6_dp_input(dp, 1, &good->b);
	ASSERT_EQ(r.action, MIP6_DPA_DELIVER) << (r.why ? r.why : "");
	EXPECT_EQ(good->bytes(), inner);
	EXPECT_FALSE(r.rr_hint);
	EXPECT_EQ(dp.st.dp_decap, 1u);

	auto spoofed = tunneled(kOther, kHa, kHoa, nullptr);
	auto before = spoofed->bytes();
	r = mip6_dp_input(dp, 1, &spoofed->b);
	EXPECT_EQ(r.action, MIP6_DPA_DROP);
	EXPECT_EQ(r.code, MIP6_EV_DP_DROP_TUNNEL_SRC_NOT_COA);
	EXPECT_EQ(spoofed->bytes(), before);

	auto unbound_inner = tunneled(kCoa, kHa, kHoa2, nullptr);
	EXPECT_EQ(mip6_dp_input(dp, 1, &unbound_inner->b).action, MIP6_DPA_DROP);
	EXPECT_EQ(dp.st.drop_tunnel, 2u);

	// Not addressed to this HA: not ours to open (the stack forwards it).
	auto elsewhere = tunneled(kCoa, kOther, kHoa, nullptr);
	EXPECT_EQ(mip6_dp_input(dp, 1, &elsewhere->b).action, MIP6_DPA_PASS);
	EXPECT_EQ(dp.st.dp_decap, 1u);
}

TEST(DpHa, MobileRouterReverseTunnel)
{
	Dp dp;
	const mip6_addr_t mr = t::addr("2001:db8:1::301");
	ASSERT_EQ(mip6_dp_bc_set(dp, &mr, 0, &kCoa, &kHa, MIP6_DPF_HOME | MIP6_DPF_MR), 0);
	ASSERT_EQ(mip6_dp_mnp_set(dp, &kMnp, 48, &mr), 0);
	Buf p;
	udp(p, kMnn, kCn);
	auto inner = p.bytes();
	ASSERT_EQ(mip6_buf_encap(&p.b, &kCoa, &kHa, 64), 0);
	ASSERT_EQ(mip6_dp_input(dp, 1, &p.b).action, MIP6_DPA_DELIVER);
	EXPECT_EQ(p.bytes(), inner);

	// A source outside the MR's prefixes is refused (RFC 3963 6.6).
	Buf q;
	udp(q, t::addr("2001:db8:200::5"), kCn);
	ASSERT_EQ(mip6_buf_encap(&q.b, &kCoa, &kHa, 64), 0);
	EXPECT_EQ(mip6_dp_input(dp, 1, &q.b).action, MIP6_DPA_DROP);
	EXPECT_EQ(dp.st.drop_tunnel, 1u);
}

// --- Mobile node / router: output ---

TEST(DpMn, ReverseTunnelToTheHomeAgent)
{
	Dp dp;
	ASSERT_EQ(mip6_dp_bul_set(dp, &kHoa, 0, &kCoa, &kHa, 3, MIP6_DPF_HOME), 0);
	Buf p;
	udp(p, kHoa, kCn);
	auto inner = p.bytes();
	auto r = mip6_dp_output(dp, &p.b);
	ASSERT_EQ(r.action, MIP6_DPA_SEND);
	EXPECT_EQ(r.ifindex, 3u);
	auto pkt = parse(p.bytes());
	ASSERT_EQ(pkt->nlayers, 2u);
	EXPECT_EQ(S(pkt->layer[0].ip.src), S(kCoa));
	EXPECT_EQ(S(pkt->layer[0].ip.dst), S(kHa));
	EXPECT_EQ(pkt->layer[0].ip.hlim, 64);
	EXPECT_EQ(sub(p.bytes(), 40), inner);
	EXPECT_EQ(dp.st.mip6_dp_encap, 1u);

	// Traffic not from the home address is none of the data plane's business.
	Buf q;
	udp(q, kCoa, kCn);
	EXPECT_EQ(mip6_dp_output(dp, &q.b).action, MIP6_DPA_PASS);
}

TEST(DpMn, AtHomeWithoutBulEntrySendsNatively)
{
	// Back home the MN de-registers and removes its BUL entry (BUL_REMOVE):
	// traffic from the home address then goes out natively, untouched.
	Dp dp;
	ASSERT_EQ(mip6_dp_bul_set(dp, &kHoa, 0, &kCoa, &kHa, 1, MIP6_DPF_HOME), 0);
	Buf away;
	udp(away, kHoa, kCn);
	ASSERT_EQ(mip6_dp_output(dp, &away.b).action, MIP6_DPA_SEND);
	EXPECT_EQ(S(parse(away.bytes())->layer[0].ip.src), S(kCoa));
	ASSERT_EQ(mip6_dp_bul_del(dp, &kHoa, 0), 0);
	Buf p;
	udp(p, kHoa, kCn);
	auto before = p.bytes();
	auto r = mip6_dp_output(dp, &p.b);
	EXPECT_EQ(r.action, MIP6_DPA_PASS);
	EXPECT_EQ(p.bytes(), before);
}

TEST(DpMn, MobileRouterTunnelsItsNetwork)
{
	Dp dp;
	const mip6_addr_t mr = t::addr("2001:db8:1::301");
	ASSERT_EQ(mip6_dp_bul_set(dp, &mr, 0, &kCoa, &kHa, 2, MIP6_DPF_HOME | MIP6_DPF_MR), 0);
	ASSERT_EQ(mip6_dp_local_mnp_set(dp, &kMnp, 48, &mr), 0);
	Buf p;
	udp(p, kMnn, kCn);
	auto r = mip6_dp_output(dp, &p.b);
	ASSERT_EQ(r.action, MIP6_DPA_SEND);
	EXPECT_EQ(r.ifindex, 2u);
	auto pkt = parse(p.bytes());
	EXPECT_EQ(S(pkt->layer[0].ip.src), S(kCoa));
	EXPECT_EQ(S(pkt->layer[0].ip.dst), S(kHa));
	EXPECT_EQ(S(pkt->layer[1].ip.src), S(kMnn));

	ASSERT_EQ(mip6_dp_local_mnp_del(dp, &kMnp, 48), 0);
	Buf q;
	udp(q, kMnn, kCn);
	EXPECT_EQ(mip6_dp_output(dp, &q.b).action, MIP6_DPA_PASS);
}

TEST(DpMn, RouteOptimisedOutputInsertsHao)
{
	Dp dp;
	ASSERT_EQ(mip6_dp_bul_set(dp, &kHoa, 0, &kCoa, &kHa, 3, MIP6_DPF_HOME), 0);
	ASSERT_EQ(mip6_dp_ro_set(dp, &kHoa, &kCn, &kCoa2, 4), 0);
	Buf p;
	udp(p, kHoa, kCn);
	auto orig = p.bytes();
	auto r = mip6_dp_output(dp, &p.b);
	ASSERT_EQ(r.action, MIP6_DPA_SEND);
	EXPECT_EQ(r.ifindex, 4u);
	auto out = p.bytes();
	ASSERT_EQ(out.size(), orig.size() + 24);
	// Destination Options right after the IPv6 header: next header UDP,
	// Hdr Ext Len 2, PadN(4), HAO (type 201, length 16) at 8n+6.
	EXPECT_EQ(t::tohex(sub(out, 40, 8)), "11020102"
	                                     "0000c910");
	EXPECT_EQ(sub(out, 48, 16), sub(orig, 8, 16)); // the home address
	EXPECT_EQ(sub(out, 64), sub(orig, 40));        // UDP untouched
	auto pkt = parse(out);
	ASSERT_EQ(pkt->nlayers, 1u);
	EXPECT_EQ(S(pkt->layer[0].ip.src), S(kCoa2));
	EXPECT_EQ(S(pkt->layer[0].ip.dst), S(kCn));
	EXPECT_EQ(pkt->layer[0].ip.nxt, MIP6_PROTO_DSTOPTS);
	EXPECT_EQ(pkt->layer[0].ip.plen, orig.size() - 40 + 24);
	ASSERT_TRUE(pkt->layer[0].has_hao);
	EXPECT_EQ(S(pkt->layer[0].hao), S(kHoa));
	EXPECT_EQ(pkt->cksum_ok, 1); // checksum over the home address still holds
	EXPECT_EQ(dp.st.dp_hao_out, 1u);
	EXPECT_EQ(dp.st.mip6_dp_encap, 0u);

	// Another correspondent still goes through the tunnel.
	Buf q;
	udp(q, kHoa, kCn2);
	ASSERT_EQ(mip6_dp_output(dp, &q.b).action, MIP6_DPA_SEND);
	EXPECT_EQ(parse(q.bytes())->nlayers, 2u);
	// And after ro_del so does the first one.
	ASSERT_EQ(mip6_dp_ro_del(dp, &kHoa, &kCn), 0);
	Buf s;
	udp(s, kHoa, kCn);
	ASSERT_EQ(mip6_dp_output(dp, &s.b).action, MIP6_DPA_SEND);
	EXPECT_EQ(parse(s.bytes())->nlayers, 2u);
}

TEST(DpMn, HaoGoesAfterHopByHop)
{
	Dp dp;
	ASSERT_EQ(mip6_dp_bul_set(dp, &kHoa, 0, &kCoa, &kHa, 3, MIP6_DPF_HOME), 0);
	ASSERT_EQ(mip6_dp_ro_set(dp, &kHoa, &kCn, &kCoa, 3), 0);
	Buf p;
	put_udp(p, kHoa, kCn, 1, 2);
	uint8_t *hbh = mip6_buf_push(&p.b, 8);
	const uint8_t hbh_bytes[8] = {MIP6_PROTO_UDP, 0, 1, 4, 0, 0, 0, 0}; // PadN(6)
	memcpy(hbh, hbh_bytes, 8);
	auto h = ip(kHoa, kCn, MIP6_PROTO_HOPOPTS);
	ASSERT_EQ(mip6_buf_push_ip6(&p.b, &h), 0);
	ASSERT_EQ(mip6_dp_output(dp, &p.b).action, MIP6_DPA_SEND);
	auto pkt = parse(p.bytes());
	ASSERT_EQ(pkt->layer[0].nexthdrs, 2u);
	EXPECT_EQ(pkt->layer[0].exthdrs[0], MIP6_PROTO_HOPOPTS);
	EXPECT_EQ(pkt->layer[0].exthdrs[1], MIP6_PROTO_DSTOPTS);
	EXPECT_EQ(S(pkt->layer[0].hao), S(kHoa));
	EXPECT_EQ(pkt->cksum_ok, 1);
	EXPECT_EQ(t::tohex(sub(p.bytes(), 40, 8)), "3c00010400000000"); // HbH now points at DstOpts
}

TEST(DpMn, ShortHeadroomDropsWithReason)
{
	Dp dp;
	ASSERT_EQ(mip6_dp_bul_set(dp, &kHoa, 0, &kCoa, &kHa, 3, MIP6_DPF_HOME), 0);
	Buf p(40); // room for the IPv6 header only
	udp(p, kHoa, kCn);
	auto r = mip6_dp_output(dp, &p.b);
	EXPECT_EQ(r.action, MIP6_DPA_DROP);
	EXPECT_EQ(r.code, MIP6_EV_DP_DROP_NO_HEADROOM_TUNNEL);
}

// --- Correspondent: output with RTHDR2, input with HAO ---

TEST(DpCn, OutputInsertsTypeTwoRoutingHeader)
{
	Dp dp;
	const mip6_addr_t self = kCn;
	ASSERT_EQ(mip6_dp_bc_set(dp, &kHoa, 0, &kCoa, &self, MIP6_DPF_RO), 0);
	Buf p;
	udp(p, kCn, kHoa);
	auto orig = p.bytes();
	auto r = mip6_dp_output(dp, &p.b);
	ASSERT_EQ(r.action, MIP6_DPA_SEND);
	EXPECT_EQ(r.ifindex, 0u);
	auto out = p.bytes();
	ASSERT_EQ(out.size(), orig.size() + 24);
	// Next header UDP, Hdr Ext Len 2, type 2, Segments Left 1, reserved 0.
	EXPECT_EQ(t::tohex(sub(out, 40, 8)), "1102020100000000");
	EXPECT_EQ(sub(out, 48, 16), sub(orig, 24, 16));
	auto pkt = parse(out);
	EXPECT_EQ(S(pkt->layer[0].ip.src), S(kCn));
	EXPECT_EQ(S(pkt->layer[0].ip.dst), S(kCoa));
	ASSERT_TRUE(pkt->layer[0].has_rh);
	EXPECT_EQ(pkt->layer[0].rh.type, 2);
	EXPECT_EQ(S(pkt->layer[0].rh.first), S(kHoa));
	EXPECT_EQ(pkt->cksum_ok, 1); // pseudo-header destination: the home address
	EXPECT_EQ(dp.st.dp_rh2_out, 1u);
}

// RFC 6275 9.3.2: "the sending node MUST NOT do this ... When sending an
// IPv6 Neighbor Discovery packet": no type 2 routing header (nor tunnel)
// on RS, RA, NS, NA or Redirect, even with a binding for the destination.
TEST(DpCn, Rfc6275_9_3_2_NeighborDiscoveryGetsNoRoutingHeader)
{
	Dp dp;
	const mip6_addr_t self = kCn;
	ASSERT_EQ(mip6_dp_bc_set(dp, &kHoa, 0, &kCoa, &self, MIP6_DPF_RO), 0);
	ASSERT_EQ(mip6_dp_bc_set(dp, &kHoa2, 0, &kCoa2, &self, MIP6_DPF_HOME), 0);
	for (int type : {133, 134, 135, 136, 137}) { // RS, RA, NS, NA, Redirect
		for (const mip6_addr_t *dst : {&kHoa, &kHoa2}) {
			SCOPED_TRACE(testing::Message() << "type " << int(type) << " to " << S(*dst));
			Buf p;
			icmp(p, static_cast<uint8_t>(type), kCn, *dst);
			auto orig = p.bytes();
			auto r = mip6_dp_output(dp, &p.b);
			EXPECT_EQ(r.action, MIP6_DPA_PASS);
			EXPECT_EQ(p.bytes(), orig);
		}
	}
	EXPECT_EQ(dp.st.dp_rh2_out, 0u);
	// Other ICMPv6 still takes the routing header.
	Buf echo;
	icmp(echo, 128, kCn, kHoa);
	EXPECT_EQ(mip6_dp_output(dp, &echo.b).action, MIP6_DPA_SEND);
	EXPECT_EQ(dp.st.dp_rh2_out, 1u);
}

TEST(DpCn, MobileToMobileCarriesBoth)
{
	// This MN (kHoa at kCoa) has RO with a peer MN (kHoa2 at kCoa2) which
	// registered with us: RTHDR2 first, then the HAO (RFC 6275 6.3).
	Dp dp;
	ASSERT_EQ(mip6_dp_bul_set(dp, &kHoa, 0, &kCoa, &kHa, 3, MIP6_DPF_HOME), 0);
	ASSERT_EQ(mip6_dp_ro_set(dp, &kHoa, &kHoa2, &kCoa, 3), 0);
	ASSERT_EQ(mip6_dp_bc_set(dp, &kHoa2, 0, &kCoa2, &kHoa, MIP6_DPF_RO), 0);
	Buf p;
	udp(p, kHoa, kHoa2);
	ASSERT_EQ(mip6_dp_output(dp, &p.b).action, MIP6_DPA_SEND);
	auto pkt = parse(p.bytes());
	ASSERT_EQ(pkt->layer[0].nexthdrs, 2u);
	EXPECT_EQ(pkt->layer[0].exthdrs[0], MIP6_PROTO_ROUTING);
	EXPECT_EQ(pkt->layer[0].exthdrs[1], MIP6_PROTO_DSTOPTS);
	EXPECT_EQ(S(pkt->layer[0].ip.src), S(kCoa));
	EXPECT_EQ(S(pkt->layer[0].ip.dst), S(kCoa2));
	EXPECT_EQ(S(pkt->layer[0].hao), S(kHoa));
	EXPECT_EQ(S(pkt->layer[0].rh.first), S(kHoa2));
	EXPECT_EQ(pkt->cksum_ok, 1);

	// And the reverse direction is accepted: RTHDR2 for our HoA at our
	// CoA, HAO of a peer bound to its source.
	Buf in;
	put_udp(in, kHoa2, kHoa, 5, 6);
	ASSERT_EQ(mip6_buf_push_hao(&in.b, MIP6_PROTO_UDP, &kHoa2), 0);
	ASSERT_EQ(mip6_buf_push_rh2(&in.b, MIP6_PROTO_DSTOPTS, &kHoa), 0);
	auto h = ip(kCoa2, kCoa, MIP6_PROTO_ROUTING);
	ASSERT_EQ(mip6_buf_push_ip6(&in.b, &h), 0);
	auto r = mip6_dp_input(dp, 1, &in.b);
	ASSERT_EQ(r.action, MIP6_DPA_DELIVER) << (r.why ? r.why : "");
	// Both headers are processed and taken out: what is left is the
	// packet as the upper layer sees it, home address to home address.
	Buf native;
	udp(native, kHoa2, kHoa, 5, 6);
	EXPECT_EQ(t::tohex(in.bytes()), t::tohex(native.bytes()));
	EXPECT_EQ(dp.st.dp_rh2_in, 1u);
	EXPECT_EQ(dp.st.dp_hao_in, 1u);
}

TEST(DpCn, HaoNeedsABinding)
{
	Dp dp;
	ASSERT_EQ(mip6_dp_bc_set(dp, &kHoa, 0, &kCoa, &kCn, MIP6_DPF_RO), 0);
	auto with_hao = [](const mip6_addr_t &src, const mip6_addr_t &hoa) {
		auto p = std::make_unique<Buf>();
		put_udp(*p, hoa, kCn, 7, 8);
		EXPECT_EQ(mip6_buf_push_hao(&p->b, MIP6_PROTO_UDP, &hoa), 0);
		auto h = ip(src, kCn, MIP6_PROTO_DSTOPTS);
		EXPECT_EQ(mip6_buf_push_ip6(&p->b, &h), 0);
		return p;
	};
	auto good = with_hao(kCoa, kHoa);
	auto r = mip6_dp_input(dp, 1, &good->b);
	ASSERT_EQ(r.action, MIP6_DPA_DELIVER);
	// Source := home address (RFC 6275 9.3.1), HAO header taken out: the
	// same bytes the MN would have sent from home.
	Buf native;
	udp(native, kHoa, kCn, 7, 8);
	EXPECT_EQ(t::tohex(good->bytes()), t::tohex(native.bytes()));
	EXPECT_EQ(parse(good->bytes())->cksum_ok, 1);
	EXPECT_EQ(dp.st.dp_hao_in, 1u);

	// Spoofed: the HoA is bound, but not to this source.
	auto spoof = with_hao(kOther, kHoa);
	auto before = spoof->bytes();
	r = mip6_dp_input(dp, 1, &spoof->b);
	EXPECT_EQ(r.action, MIP6_DPA_DROP);
	EXPECT_TRUE(r.be_hint);
	EXPECT_EQ(S(r.hint_peer), S(kHoa));
	EXPECT_EQ(r.code, MIP6_EV_DP_DROP_HAO_NO_BINDING);
	EXPECT_EQ(spoof->bytes(), before);
	// Unknown HoA.
	auto unknown = with_hao(kCoa, kHoa2);
	r = mip6_dp_input(dp, 1, &unknown->b);
	EXPECT_EQ(r.action, MIP6_DPA_DROP);
	EXPECT_TRUE(r.be_hint);
	EXPECT_EQ(dp.st.drop_hao_no_binding, 2u);

	// A HAO sharing its header with another option becomes a PadN.
	Buf shared;
	put_udp(shared, kHoa, kCn, 7, 8);
	uint8_t *d = mip6_buf_push(&shared.b, 32);
	const uint8_t opts[8] = {MIP6_PROTO_UDP, 3, 0x1e, 2, 0xab, 0xcd, MIP6_HAO_TYPE, 16};
	memcpy(d, opts, 8);
	memcpy(d + 8, kHoa.b, 16);
	const uint8_t padn[8] = {1, 6, 0, 0, 0, 0, 0, 0};
	memcpy(d + 24, padn, 8);
	auto sh = ip(kCoa, kCn, MIP6_PROTO_DSTOPTS);
	ASSERT_EQ(mip6_buf_push_ip6(&shared.b, &sh), 0);
	ASSERT_EQ(mip6_dp_input(dp, 1, &shared.b).action, MIP6_DPA_DELIVER);
	auto sb = shared.bytes();
	EXPECT_EQ(t::tohex(sub(sb, 8, 16)), t::tohex(kHoa.b, 16));
	EXPECT_EQ(t::tohex(sub(sb, 40, 8)), "11031e02abcd0110");
	EXPECT_EQ(t::tohex(sub(sb, 48, 16)), std::string(32, '0'));
	EXPECT_EQ(parse(sb)->cksum_ok, 1);

	// A Binding Update with a HAO needs no binding: it is signaling.
	Buf bu;
	mh(bu, MIP6_MH_BU, kCoa2, kCn, &kHoa2);
	r = mip6_dp_input(dp, 1, &bu.b);
	EXPECT_EQ(r.action, MIP6_DPA_SIGNAL);
	EXPECT_FALSE(r.be_hint);
}

// --- Mobile node: input ---

TEST(DpMn, TunnelFromHomeAgent)
{
	Dp dp;
	ASSERT_EQ(mip6_dp_bul_set(dp, &kHoa, 0, &kCoa, &kHa, 3, MIP6_DPF_HOME), 0);
	Buf p;
	udp(p, kCn, kHoa);
	auto inner = p.bytes();
	ASSERT_EQ(mip6_buf_encap(&p.b, &kHa, &kCoa, 64), 0);
	auto r = mip6_dp_input(dp, 3, &p.b);
	ASSERT_EQ(r.action, MIP6_DPA_DELIVER);
	EXPECT_EQ(p.bytes(), inner);
	EXPECT_TRUE(r.rr_hint); // from a correspondent, through the HA
	EXPECT_EQ(S(r.hint_peer), S(kCn));
	EXPECT_EQ(dp.st.dp_decap, 1u);

	// From the HA itself: no RR hint.
	Buf q;
	udp(q, kHa, kHoa);
	ASSERT_EQ(mip6_buf_encap(&q.b, &kHa, &kCoa, 64), 0);
	r = mip6_dp_input(dp, 3, &q.b);
	ASSERT_EQ(r.action, MIP6_DPA_DELIVER);
	EXPECT_FALSE(r.rr_hint);

	// Outer source not our HA: dropped.
	Buf s;
	udp(s, kCn, kHoa);
	ASSERT_EQ(mip6_buf_encap(&s.b, &kOther, &kCoa, 64), 0);
	r = mip6_dp_input(dp, 3, &s.b);
	EXPECT_EQ(r.action, MIP6_DPA_DROP);
	EXPECT_EQ(r.code, MIP6_EV_DP_DROP_TUNNEL_SRC_NOT_HA);
	EXPECT_EQ(dp.st.drop_tunnel, 1u);
}

TEST(DpMn, TunneledSignalingIsDecapsulated)
{
	Dp dp;
	ASSERT_EQ(mip6_dp_bul_set(dp, &kHoa, 0, &kCoa, &kHa, 3, MIP6_DPF_HOME), 0);
	Buf p;
	mh(p, MIP6_MH_HOT, kCn, kHoa);
	auto inner = p.bytes();
	ASSERT_EQ(mip6_buf_encap(&p.b, &kHa, &kCoa, 64), 0);
	auto r = mip6_dp_input(dp, 3, &p.b);
	EXPECT_EQ(r.action, MIP6_DPA_SIGNAL);
	EXPECT_EQ(p.bytes(), inner);
	auto pkt = parse(p.bytes());
	EXPECT_EQ(pkt->ul, MIP6_UL_MH);
	EXPECT_EQ(pkt->mh.type, MIP6_MH_HOT);

	Buf mpa;
	icmp(mpa, MIP6_ICMP6_MPA, kHa, kHoa);
	ASSERT_EQ(mip6_buf_encap(&mpa.b, &kHa, &kCoa, 64), 0);
	EXPECT_EQ(mip6_dp_input(dp, 3, &mpa.b).action, MIP6_DPA_SIGNAL);
	EXPECT_EQ(mpa.b.len, 40u + 8);
}

TEST(DpMn, RoutingHeaderTypeTwoChecked)
{
	Dp dp;
	ASSERT_EQ(mip6_dp_bul_set(dp, &kHoa, 0, &kCoa, &kHa, 3, MIP6_DPF_HOME), 0);
	auto rh2 = [](const mip6_addr_t &dst, const mip6_addr_t &hoa) {
		auto p = std::make_unique<Buf>();
		put_udp(*p, kCn, hoa, 9, 10);
		EXPECT_EQ(mip6_buf_push_rh2(&p->b, MIP6_PROTO_UDP, &hoa), 0);
		auto h = ip(kCn, dst, MIP6_PROTO_ROUTING);
		EXPECT_EQ(mip6_buf_push_ip6(&p->b, &h), 0);
		return p;
	};
	auto good = rh2(kCoa, kHoa);
	auto r = mip6_dp_input(dp, 3, &good->b);
	ASSERT_EQ(r.action, MIP6_DPA_DELIVER);
	// Destination := home address, the routing header processed and
	// taken out: the bytes of the packet as sent to the home address.
	Buf native;
	udp(native, kCn, kHoa, 9, 10);
	EXPECT_EQ(t::tohex(good->bytes()), t::tohex(native.bytes()));
	EXPECT_EQ(dp.st.dp_rh2_in, 1u);

	auto not_ours = rh2(kCoa, kHoa2);
	r = mip6_dp_input(dp, 3, &not_ours->b);
	EXPECT_EQ(r.action, MIP6_DPA_DROP);
	EXPECT_EQ(r.code, MIP6_EV_DP_DROP_RH2_NOT_OUR_HOA);
	auto wrong_coa = rh2(kCoa2, kHoa);
	EXPECT_EQ(mip6_dp_input(dp, 3, &wrong_coa->b).action, MIP6_DPA_DROP);
	auto bad_segleft = rh2(kCoa, kHoa);
	mip6_buf_data(&bad_segleft->b)[43] = 0;
	r = mip6_dp_input(dp, 3, &bad_segleft->b);
	EXPECT_EQ(r.action, MIP6_DPA_DROP);
	EXPECT_EQ(r.code, MIP6_EV_DP_DROP_RH2_MALFORMED);
	EXPECT_EQ(dp.st.drop_rh2, 3u);

	// With a route-optimised binding to that CN, its CoA counts too.
	ASSERT_EQ(mip6_dp_ro_set(dp, &kHoa, &kCn, &kCoa2, 4), 0);
	auto via_ro = rh2(kCoa2, kHoa);
	EXPECT_EQ(mip6_dp_input(dp, 4, &via_ro->b).action, MIP6_DPA_DELIVER);
}

TEST(DpInput, SignalingIsHandedToTheNode)
{
	Dp dp;
	struct {
		uint8_t type;
		mip6_dp_action_t want;
	} icmps[] = {{MIP6_ICMP6_RS, MIP6_DPA_SIGNAL},
	             {MIP6_ICMP6_RA, MIP6_DPA_SIGNAL},
	             {MIP6_ICMP6_NS, MIP6_DPA_SIGNAL},
	             {MIP6_ICMP6_NA, MIP6_DPA_SIGNAL},
	             {MIP6_ICMP6_DHAAD_REQUEST, MIP6_DPA_SIGNAL},
	             {MIP6_ICMP6_DHAAD_REPLY, MIP6_DPA_SIGNAL},
	             {MIP6_ICMP6_MPS, MIP6_DPA_SIGNAL},
	             {MIP6_ICMP6_MPA, MIP6_DPA_SIGNAL},
	             {MIP6_ICMP6_ECHO_REQUEST, MIP6_DPA_PASS}};
	for (auto &c : icmps) {
		Buf p;
		icmp(p, c.type, kCn, kHa);
		auto before = p.bytes();
		EXPECT_EQ(mip6_dp_input(dp, 1, &p.b).action, c.want) << int(c.type);
		EXPECT_EQ(p.bytes(), before);
	}
	Buf b;
	mh(b, MIP6_MH_BU, kCoa, kHa, &kHoa);
	EXPECT_EQ(mip6_dp_input(dp, 1, &b.b).action, MIP6_DPA_SIGNAL);
	Buf u;
	udp(u, kCn, kHa);
	EXPECT_EQ(mip6_dp_input(dp, 1, &u.b).action, MIP6_DPA_PASS);
	Buf junk;
	memset(mip6_buf_put(&junk.b, 20), 0x60, 20);
	auto r = mip6_dp_input(dp, 1, &junk.b);
	EXPECT_EQ(r.action, MIP6_DPA_PASS);
	EXPECT_STREQ(r.why, "shorter than an IPv6 header");
}

// --- MCoA flow policy ---

TEST(DpFlow, MobileNodePicksBidAndFallsBack)
{
	Dp dp;
	ASSERT_EQ(mip6_dp_bul_set(dp, &kHoa, 1, &kCoa, &kHa, 1, MIP6_DPF_HOME), 0);
	ASSERT_EQ(mip6_dp_bul_set(dp, &kHoa, 2, &kCoa2, &kHa, 2, MIP6_DPF_HOME), 0);
	mip6_flow_rule_t video{};
	video.proto = MIP6_PROTO_UDP;
	video.dport_lo = 5000;
	video.dport_hi = 5999;
	video.bid = 2;
	ASSERT_EQ(mip6_dp_flow_add(dp, &video), 0);
	mip6_flow_rule_t to_cn2{};
	to_cn2.dst.prefix = kCn2;
	to_cn2.dst.plen = 128;
	to_cn2.bid = 2;
	ASSERT_EQ(mip6_dp_flow_add(dp, &to_cn2), 0);

	auto send = [&](const mip6_addr_t &dst, uint16_t dport, uint32_t *ifindex) {
		Buf p;
		udp(p, kHoa, dst, 1234, dport);
		auto r = mip6_dp_output(dp, &p.b);
		EXPECT_EQ(r.action, MIP6_DPA_SEND);
		*ifindex = r.ifindex;
		return S(parse(p.bytes())->layer[0].ip.src);
	};
	uint32_t ifx;
	EXPECT_EQ(send(kCn, 5004, &ifx), S(kCoa2));
	EXPECT_EQ(ifx, 2u);
	EXPECT_EQ(send(kCn, 80, &ifx), S(kCoa)); // no rule: the lowest BID
	EXPECT_EQ(ifx, 1u);
	EXPECT_EQ(send(kCn2, 80, &ifx), S(kCoa2));

	// Ports found behind an extension header.
	Buf p;
	put_udp(p, kHoa, kCn, 1234, 5555);
	uint8_t *d = mip6_buf_push(&p.b, 8);
	const uint8_t dst_opts[8] = {MIP6_PROTO_UDP, 0, 1, 4, 0, 0, 0, 0};
	memcpy(d, dst_opts, 8);
	auto h = ip(kHoa, kCn, MIP6_PROTO_DSTOPTS);
	ASSERT_EQ(mip6_buf_push_ip6(&p.b, &h), 0);
	ASSERT_EQ(mip6_dp_output(dp, &p.b).action, MIP6_DPA_SEND);
	EXPECT_EQ(S(parse(p.bytes())->layer[0].ip.src), S(kCoa2));

	// BID 2 fails: its flows move to the surviving binding.
	ASSERT_EQ(mip6_dp_bul_del(dp, &kHoa, 2), 0);
	EXPECT_EQ(send(kCn, 5004, &ifx), S(kCoa));
	EXPECT_EQ(ifx, 1u);
	// And come back when it returns.
	ASSERT_EQ(mip6_dp_bul_set(dp, &kHoa, 2, &kCoa2, &kHa, 2, MIP6_DPF_HOME), 0);
	EXPECT_EQ(send(kCn, 5004, &ifx), S(kCoa2));
	mip6_dp_flow_clear(dp);
	EXPECT_EQ(send(kCn, 5004, &ifx), S(kCoa));
}

TEST(DpFlow, HomeAgentPicksBid)
{
	Dp dp;
	ASSERT_EQ(mip6_dp_bc_set(dp, &kHoa, 1, &kCoa, &kHa, MIP6_DPF_HOME), 0);
	ASSERT_EQ(mip6_dp_bc_set(dp, &kHoa, 2, &kCoa2, &kHa, MIP6_DPF_HOME), 0);
	mip6_flow_rule_t tcp{};
	tcp.proto = MIP6_PROTO_TCP;
	tcp.bid = 2;
	ASSERT_EQ(mip6_dp_flow_add(dp, &tcp), 0);
	mip6_flow_rule_t from_cn{};
	from_cn.src.prefix = kCn;
	from_cn.src.plen = 64;
	from_cn.sport_lo = 53;
	from_cn.bid = 2;
	ASSERT_EQ(mip6_dp_flow_add(dp, &from_cn), 0);
	auto coa_for = [&](uint16_t sport) {
		Buf p;
		udp(p, kCn, kHoa, sport, 999);
		EXPECT_EQ(mip6_dp_output(dp, &p.b).action, MIP6_DPA_SEND);
		return S(parse(p.bytes())->layer[0].ip.dst);
	};
	EXPECT_EQ(coa_for(53), S(kCoa2));
	EXPECT_EQ(coa_for(54), S(kCoa)); // single port 53 only
	ASSERT_EQ(mip6_dp_bc_del(dp, &kHoa, 2), 0);
	EXPECT_EQ(coa_for(53), S(kCoa));
	ASSERT_EQ(mip6_dp_bc_del(dp, &kHoa, 1), 0);
	Buf p;
	udp(p, kCn, kHoa);
	EXPECT_EQ(mip6_dp_output(dp, &p.b).action, MIP6_DPA_PASS);
}

// --- Burst entry points give the single calls' results ---

TEST(DpBurst, SameResultsAsSingleCalls)
{
	Dp one, many;
	for (mip6_dp_t *dp : {one.dp, many.dp}) {
		ASSERT_EQ(mip6_dp_bc_set(dp, &kHoa, 0, &kCoa, &kHa, MIP6_DPF_HOME), 0);
		ASSERT_EQ(mip6_dp_bc_set(dp, &kHoa2, 0, &kCoa2, &kHa, MIP6_DPF_HOME), 0);
	}
	// Outputs to bound and unbound destinations; inputs: a reverse
	// tunnel, a spoofed one, an intercepted packet, signaling.
	std::vector<std::unique_ptr<Buf>> a, b;
	auto add = [&](std::vector<std::unique_ptr<Buf>> &v, int kind) {
		v.push_back(std::make_unique<Buf>());
		Buf &p = *v.back();
		switch (kind) {
		case 0:
			udp(p, kCn, kHoa);
			break;
		case 1:
			udp(p, kCn, kOther);
			break;
		case 2:
			udp(p, kHoa2, kCn);
			EXPECT_EQ(mip6_buf_encap(&p.b, &kCoa2, &kHa, 64), 0);
			break;
		case 3:
			udp(p, kHoa2, kCn);
			EXPECT_EQ(mip6_buf_encap(&p.b, &kCoa, &kHa, 64), 0);
			break;
		default:
			mh(p, MIP6_MH_BU, kCoa, kHa, &kHoa);
			break;
		}
	};
	const int kinds[] = {0, 1, 2, 3, 4, 0, 2, 1, 0, 3, 4, 2};
	for (int k : kinds) {
		add(a, k);
		add(b, k);
	}
	for (bool input : {false, true}) {
		std::vector<mip6_buf_t *> bufs;
		std::vector<mip6_dp_result_t> res(b.size());
		for (auto &p : b)
			bufs.push_back(&p->b);
		if (input)
			mip6_dp_input_burst(many, 1, bufs.data(), bufs.size(), res.data());
		else
			mip6_dp_output_burst(many, bufs.data(), bufs.size(), res.data());
		for (size_t i = 0; i < a.size(); i++) {
			auto r = input ? mip6_dp_input(one, 1, &a[i]->b) : mip6_dp_output(one, &a[i]->b);
			EXPECT_EQ(r.action, res[i].action) << i;
			EXPECT_EQ(a[i]->bytes(), b[i]->bytes()) << i;
		}
	}
	EXPECT_EQ(one.st.mip6_dp_encap, many.st.mip6_dp_encap);
	EXPECT_EQ(one.st.dp_decap, many.st.dp_decap);
	EXPECT_EQ(one.st.drop_tunnel, many.st.drop_tunnel);
	EXPECT_GT(one.st.dp_decap, 0u);
	EXPECT_GT(one.st.drop_tunnel, 0u);
}
