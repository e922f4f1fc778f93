// SPDX-License-Identifier: BSD-3-Clause
// Movement detection (core/src/roles/md*.c): router solicitation, care-of
// addresses from RAs with DAD, unusable care-of addresses (link down, NUD,
// prefix expiry, a new router), choosing by preference, MCoA reports, and
// the MD_INFO / HOME_HINT contract on the bus.
#include <gtest/gtest.h>

#include <algorithm>

#include "unit/node_test.h"

extern "C" {
#include "mip6/bus.h"
#include "mip6/node.h"
#include "mip6/view.h"
}

namespace {

using t::addr;

struct Pio {
	const char *prefix;
	uint8_t plen;
	uint8_t flags;
	uint32_t valid;
	uint32_t preferred;
};

const uint8_t kMac1[6] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
const uint8_t kMac2[6] = {0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee};

// An RA; like most routers' it carries the router's link-layer address
// (SLLAO) unless slla is false.
std::vector<uint8_t> ra(const char *router, uint16_t lifetime, std::vector<Pio> pios, uint8_t hlim = 255,
			uint32_t retrans = 0, bool slla = true)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_RA);
	m.u.ra.hop_limit = 64;
	m.u.ra.lifetime = lifetime;
	m.u.ra.retrans = retrans;
	if (slla) {
		mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_SLLA);
		o->u.lla.len = 6;
		memcpy(o->u.lla.addr, kMac2, 6);
	}
	for (auto &p : pios) {
		mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_PREFIX);
		o->u.prefix.plen = p.plen;
		o->u.prefix.flags = p.flags;
		o->u.prefix.valid = p.valid;
		o->u.prefix.preferred = p.preferred;
		o->u.prefix.prefix = addr(p.prefix);
	}
	return t::icmp6(m, addr(router), addr("ff02::1"), hlim);
}

std::vector<uint8_t> na(const char *src, const mip6_addr_t &dst, const char *target, uint8_t flags)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_NA);
	m.u.nd.flags = flags;
	m.u.nd.target = addr(target);
	return t::icmp6(m, addr(src), dst, 255); // ND: hop limit 255 (RFC 4861)
}

const uint8_t A = MIP6_PI_F_L | MIP6_PI_F_A;

bool in_prefix(const mip6_addr_t &a, const char *prefix)
{
	mip6_addr_t p = addr(prefix);
	return mip6_addr_prefix_match(&a, &p, 64);
}

struct Md : t::NodeTest {
	size_t bus_from = 0; // bus() starts here (env.bus_out index)
	mip6_md_cfg_t cfg{};

	Md() : NodeTest(0) {}

	// What movement detection told the node (MD_INFO, HOME_HINT), as a
	// program outside the core sees it on env.bus_out.
	std::vector<mip6_bus_msg_t> bus() const
	{
		return fe.bus_msgs(bus_from, {MIP6_BUS_MD_INFO, MIP6_BUS_HOME_HINT});
	}

	void SetUp() override
	{
		env = fe.env();
		n = mip6_node_new(&env, 0);
		ASSERT_NE(n, nullptr);
		cfg.home.prefix = addr("2001:db8:aaaa::");
		cfg.home.plen = 64;
	}

	void add_iface(uint32_t ifindex, uint8_t pref = 0, uint16_t bid = 0, const uint8_t *mac = kMac1)
	{
		mip6_iface_cfg_t c{};
		c.ifindex = ifindex;
		c.preference = pref;
		c.bid = bid;
		if (mac) {
			memcpy(c.lladdr, mac, 6);
			c.lladdr_len = 6;
		}
		ASSERT_EQ(mip6_node_add_iface(n, &c), 0);
	}

	void enable() { ASSERT_EQ(mip6_node_enable_md(n, &cfg), 0); }
	void link(uint32_t ifindex, bool up) { mip6_node_link(n, ifindex, up, now); }
	void input(uint32_t ifindex, const std::vector<uint8_t> &pkt)
	{
		EXPECT_EQ(mip6_node_input(n, ifindex, pkt.data(), pkt.size(), now), MIP6_PASS);
	}
	// Runs every timer due up to and including t.
	void run_until(mip6_ns_t t)
	{
		for (mip6_ns_t nt; (nt = mip6_node_next_timeout(n)) <= t;) {
			now = nt;
			mip6_node_timeout(n, now);
		}
		now = t;
	}
	void op_result(uint32_t id, int status) { mip6_node_op_result(n, id, status, now); }

	std::vector<mip6_bus_msg_t> mip6_md_info()
	{
		std::vector<mip6_bus_msg_t> out;
		for (auto &m : bus())
			if (m.type == MIP6_BUS_MD_INFO)
				out.push_back(m);
		return out;
	}
	std::vector<mip6_bus_msg_t> md_info_bid(uint16_t bid)
	{
		std::vector<mip6_bus_msg_t> out;
		for (auto &m : mip6_md_info())
			if (m.bid == bid)
				out.push_back(m);
		return out;
	}
	bool traced(uint16_t code) const { return fe.traced(code); }
	// Interface ifindex as the node reports it (mip6/view.h).
	mip6_view_iface_t iface(uint32_t ifindex) const
	{
		mip6_view_iface_t v[8];
		size_t got = mip6_view_ifaces(n, v, 8);
		for (size_t i = 0; i < got && i < 8; i++)
			if (v[i].ifindex == ifindex)
				return v[i];
		ADD_FAILURE() << "no interface " << ifindex;
		return {};
	}
	mip6_op_t last_op(uint16_t kind)
	{
		auto v = fe.ops_of(kind);
		EXPECT_FALSE(v.empty());
		return v.empty() ? mip6_op_t{} : v.back();
	}
	// Link up, an RA with one prefix, DAD passed: returns the care-of address.
	mip6_addr_t attach(uint32_t ifindex, const char *router, const char *prefix, uint32_t valid = 86400)
	{
		input(ifindex, ra(router, 1800, {{prefix, 64, A, valid, valid}}));
		mip6_op_t dad = last_op(MIP6_OP_DAD);
		EXPECT_EQ(dad.ifindex, ifindex);
		op_result(dad.id, 0);
		return dad.addr;
	}
};

void expect_info(const mip6_bus_msg_t &m, uint8_t cmd, uint32_t ifindex, const mip6_addr_t &coa, uint16_t bid)
{
	EXPECT_EQ(m.type, MIP6_BUS_MD_INFO);
	EXPECT_EQ(m.cmd, cmd);
	EXPECT_EQ(m.ifindex, ifindex);
	EXPECT_EQ(t::tohex(m.coa.b, 16), t::tohex(coa.b, 16));
	EXPECT_EQ(m.bid, bid);
	EXPECT_EQ(m.flags, 0);
}

const mip6_addr_t kUnspec{};

// --- Router solicitation ---

TEST_F(Md, LinkUpSendsThreeRouterSolicitationsFourSecondsApart)
{
	add_iface(1);
	enable();
	EXPECT_EQ(mip6_node_next_timeout(n), MIP6_NS_NEVER); // link still down
	now = MIP6_SEC(10);
	link(1, true);
	mip6_ns_t first = mip6_node_next_timeout(n);
	// RFC 4861 6.3.7: random delay in [0, MAX_RTR_SOLICITATION_DELAY = 1 s].
	EXPECT_GE(first, MIP6_SEC(10));
	EXPECT_LE(first, MIP6_SEC(11));
	EXPECT_TRUE(fe.sent.empty());
	run_until(MIP6_SEC(60));
	auto rs = fe.sent_icmp6(MIP6_ICMP6_RS);
	ASSERT_EQ(rs.size(), 3u); // MAX_RTR_SOLICITATIONS
	EXPECT_EQ(fe.sent.size(), 3u);
	for (auto *s : rs) {
		EXPECT_EQ(s->ifindex, 1u);
		EXPECT_EQ(s->rc, 0); // strict decode, checksum verified
		const mip6_layer_t &l = s->pkt->layer[0];
		EXPECT_EQ(t::tohex(l.ip.src.b, 16), t::tohex(kUnspec.b, 16));
		EXPECT_EQ(t::tohex(l.ip.dst.b, 16), "ff020000000000000000000000000002");
		EXPECT_EQ(l.ip.hlim, 255);
		EXPECT_EQ(s->pkt->icmp6.nopts, 0u); // no SLLA from the unspecified address
	}
	// Sent times: the trace carries them.
	std::vector<mip6_ns_t> at;
	for (auto &e : fe.traces)
		if (e.code == MIP6_EV_MD_RS_SENT)
			at.push_back(e.now);
	ASSERT_EQ(at.size(), 3u);
	EXPECT_EQ(at[0], first);
	EXPECT_EQ(at[1], first + MIP6_SEC(4)); // RTR_SOLICITATION_INTERVAL
	EXPECT_EQ(at[2], first + MIP6_SEC(8));
	EXPECT_EQ(mip6_node_next_timeout(n), MIP6_NS_NEVER);
}

TEST_F(Md, RouterAdvertisementStopsSolicitation)
{
	add_iface(1);
	enable();
	link(1, true);
	run_until(MIP6_SEC(1));
	ASSERT_EQ(fe.sent_icmp6(MIP6_ICMP6_RS).size(), 1u);
	input(1, ra("fe80::1", 1800, {}));
	EXPECT_TRUE(traced(MIP6_EV_MD_RS_STOPPED));
	run_until(MIP6_SEC(30));
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_RS).size(), 1u);
}

TEST_F(Md, RouterLifetimeZeroDoesNotStopSolicitation)
{
	add_iface(1);
	enable();
	link(1, true);
	run_until(MIP6_SEC(1));
	input(1, ra("fe80::1", 0, {}));
	run_until(MIP6_SEC(30));
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_RS).size(), 3u);
}

TEST_F(Md, InterfaceAlreadyUpIsSolicitedWhenTheComponentStarts)
{
	add_iface(1);
	link(1, true);
	enable();
	EXPECT_LE(mip6_node_next_timeout(n), MIP6_SEC(1));
	run_until(MIP6_SEC(1));
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_RS).size(), 1u);
}

// --- Care-of address formation ---

TEST_F(Md, CareOfAddressFromModifiedEui64AfterDad)
{
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 14400}}));
	auto dad = fe.ops_of(MIP6_OP_DAD);
	ASSERT_EQ(dad.size(), 1u);
	EXPECT_EQ(dad[0].ifindex, 1u);
	EXPECT_EQ(dad[0].plen, 64);
	// RFC 4291 appendix A: 00:11:22:33:44:55 -> 0211:22ff:fe33:4455.
	EXPECT_EQ(t::tohex(dad[0].addr.b, 16), "20010db8000100000211" "22fffe334455");
	// Not usable (nor assigned) before DAD passes.
	EXPECT_TRUE(fe.ops_of(MIP6_OP_ADDR_ADD).empty());
	EXPECT_TRUE(mip6_md_info().empty());
	op_result(dad[0].id, 0);
	auto add = fe.ops_of(MIP6_OP_ADDR_ADD);
	ASSERT_EQ(add.size(), 1u);
	EXPECT_EQ(add[0].ifindex, 1u);
	EXPECT_EQ(add[0].plen, 64);
	EXPECT_EQ(add[0].flags, MIP6_ADDRF_COA);
	EXPECT_EQ(t::tohex(add[0].addr.b, 16), t::tohex(dad[0].addr.b, 16));
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 1u);
	expect_info(info[0], MIP6_MD_NEW_COA, 1, dad[0].addr, 0);
	EXPECT_TRUE(traced(MIP6_EV_MD_DAD_PASSED));
	EXPECT_TRUE(traced(MIP6_EV_MD_PREF_FIRST));
}

TEST_F(Md, CareOfAddressWithRandomIdentifierWithoutMac)
{
	add_iface(1, 0, 0, nullptr);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	auto dad = fe.ops_of(MIP6_OP_DAD);
	ASSERT_EQ(dad.size(), 1u);
	mip6_addr_t a = dad[0].addr;
	EXPECT_TRUE(in_prefix(a, "2001:db8:1::"));
	static const uint8_t zero[8] = {};
	EXPECT_NE(memcmp(a.b + 8, zero, 8), 0);
	EXPECT_EQ(a.b[8] & 0x02, 0); // u bit clear: not a universal identifier
	// Deterministic: the same seed gives the same identifier.
	t::FakeEnv fe2;
	mip6_env_t e2 = fe2.env();
	mip6_node_t *n2 = mip6_node_new(&e2, 0);
	mip6_iface_cfg_t c{};
	c.ifindex = 1;
	mip6_node_add_iface(n2, &c);
	mip6_node_enable_md(n2, &cfg);
	mip6_node_link(n2, 1, true, 0);
	auto pkt = ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}});
	mip6_node_input(n2, 1, pkt.data(), pkt.size(), 0);
	auto dad2 = fe2.ops_of(MIP6_OP_DAD);
	ASSERT_EQ(dad2.size(), 1u);
	EXPECT_EQ(t::tohex(dad2[0].addr.b, 16), t::tohex(a.b, 16));
	mip6_node_free(n2);
	EXPECT_EQ(fe2.live_blocks, 0);
}

TEST_F(Md, PrefixesThatMakeNoCareOfAddress)
{
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800,
		    {{"2001:db8:1::", 64, MIP6_PI_F_L, 86400, 86400},   // no A flag
		     {"2001:db8:2::", 48, A, 86400, 86400},             // not /64
		     {"fe80::", 64, A, 86400, 86400},                   // link-local
		     {"2001:db8:3::", 64, A, 100, 200},                 // preferred > valid
		     {"2001:db8:4::", 64, A, 0, 0}}));                  // valid 0
	EXPECT_TRUE(fe.ops_of(MIP6_OP_DAD).empty());
	EXPECT_TRUE(mip6_md_info().empty());
}

TEST_F(Md, InvalidRouterAdvertisementsAreDropped)
{
	add_iface(1);
	enable();
	link(1, true);
	// RFC 4861 6.1.2: global source, or hop limit below 255.
	input(1, ra("2001:db8::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}, 64));
	EXPECT_TRUE(fe.ops_of(MIP6_OP_DAD).empty());
	EXPECT_TRUE(fe.traced(MIP6_EV_MD_DROP_RA_NOT_LINK_LOCAL));
	EXPECT_TRUE(fe.traced(MIP6_EV_MD_DROP_RA_HOP_LIMIT));
	EXPECT_EQ(mip6_node_stats(n)->drop_malformed, 2u);
	// An RA on a link that is down says nothing.
	add_iface(2);
	input(2, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	EXPECT_TRUE(fe.ops_of(MIP6_OP_DAD).empty());
}

TEST_F(Md, DuplicateTriesRandomIdentifiersThenGivesUp)
{
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	std::vector<std::string> tried;
	for (int i = 0; i < 4; i++) {
		auto dad = fe.ops_of(MIP6_OP_DAD);
		ASSERT_EQ(dad.size(), (size_t)i + 1);
		mip6_addr_t a = dad.back().addr;
		EXPECT_TRUE(in_prefix(a, "2001:db8:1::"));
		tried.push_back(t::tohex(a.b, 16));
		op_result(dad.back().id, MIP6_OP_DUPLICATE);
	}
	EXPECT_EQ(tried[0], "20010db8000100000211" "22fffe334455");
	std::sort(tried.begin(), tried.end());
	EXPECT_EQ(std::unique(tried.begin(), tried.end()), tried.end()); // all different
	// 1 + IDGEN_RETRIES (3) attempts, then no more.
	EXPECT_EQ(fe.ops_of(MIP6_OP_DAD).size(), 4u);
	EXPECT_TRUE(fe.ops_of(MIP6_OP_ADDR_ADD).empty());
	EXPECT_TRUE(fe.ops_of(MIP6_OP_ADDR_DEL).empty()); // never assigned
	EXPECT_TRUE(mip6_md_info().empty());
	EXPECT_TRUE(traced(MIP6_EV_MD_DAD_GAVE_UP));
}

TEST_F(Md, DuplicateThenUniqueOnSecondIdentifier)
{
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	op_result(last_op(MIP6_OP_DAD).id, MIP6_OP_DUPLICATE);
	mip6_op_t second = last_op(MIP6_OP_DAD);
	op_result(second.id, 0);
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 1u);
	expect_info(info[0], MIP6_MD_NEW_COA, 1, second.addr, 0);
	EXPECT_EQ(t::tohex(last_op(MIP6_OP_ADDR_ADD).addr.b, 16), t::tohex(second.addr.b, 16));
}

TEST_F(Md, OptimisticAddressIsUsableAtOnce)
{
	cfg.optimistic_dad = true;
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	// RFC 4429: assigned as Optimistic, DAD runs, MD_INFO right away.
	ASSERT_EQ(fe.ops.size(), 2u);
	EXPECT_EQ(fe.ops[0].kind, MIP6_OP_ADDR_ADD);
	EXPECT_EQ(fe.ops[0].flags, MIP6_ADDRF_COA | MIP6_ADDRF_OPTIMISTIC);
	EXPECT_EQ(fe.ops[1].kind, MIP6_OP_DAD);
	mip6_addr_t coa = fe.ops[1].addr;
	EXPECT_EQ(t::tohex(fe.ops[0].addr.b, 16), t::tohex(coa.b, 16));
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 1u);
	expect_info(info[0], MIP6_MD_NEW_COA, 1, coa, 0);
	// DAD passes: the Optimistic flag goes, nothing new on the bus.
	op_result(fe.ops[1].id, 0);
	ASSERT_EQ(fe.ops.size(), 3u);
	EXPECT_EQ(fe.ops[2].kind, MIP6_OP_ADDR_ADD);
	EXPECT_EQ(fe.ops[2].flags, MIP6_ADDRF_COA);
	EXPECT_EQ(mip6_md_info().size(), 1u);
}

// RFC 4429 3.2: "If the ON isn't told the SLLAO of the router in an RA ...
// it MUST leave the address Tentative until DAD completes" (3.3: it
// SHOULD NOT configure it as Optimistic).
TEST_F(Md, Rfc4429_3_2_RouterWithoutSllaoMeansTentative)
{
	cfg.optimistic_dad = true;
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}, 255, 0, false));
	ASSERT_EQ(fe.ops.size(), 1u); // DAD only: no address assigned before it passes
	EXPECT_EQ(fe.ops[0].kind, MIP6_OP_DAD);
	EXPECT_TRUE(mip6_md_info().empty());
	op_result(fe.ops[0].id, 0);
	ASSERT_EQ(fe.ops.size(), 2u);
	EXPECT_EQ(fe.ops[1].kind, MIP6_OP_ADDR_ADD);
	EXPECT_EQ(fe.ops[1].flags, MIP6_ADDRF_COA);
	EXPECT_EQ(mip6_md_info().size(), 1u);
}

TEST_F(Md, OptimisticDuplicateIsRemovedAndReplaced)
{
	cfg.optimistic_dad = true;
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	mip6_op_t dad = last_op(MIP6_OP_DAD);
	op_result(dad.id, MIP6_OP_DUPLICATE);
	mip6_op_t del = last_op(MIP6_OP_ADDR_DEL);
	EXPECT_EQ(t::tohex(del.addr.b, 16), t::tohex(dad.addr.b, 16));
	EXPECT_EQ(del.flags, MIP6_ADDRF_COA);
	mip6_op_t dad2 = last_op(MIP6_OP_DAD);
	EXPECT_NE(t::tohex(dad2.addr.b, 16), t::tohex(dad.addr.b, 16));
	auto adds = fe.ops_of(MIP6_OP_ADDR_ADD);
	ASSERT_EQ(adds.size(), 2u);
	EXPECT_EQ(adds[1].flags, MIP6_ADDRF_COA | MIP6_ADDRF_OPTIMISTIC);
	EXPECT_EQ(t::tohex(adds[1].addr.b, 16), t::tohex(dad2.addr.b, 16));
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 3u);
	expect_info(info[0], MIP6_MD_NEW_COA, 1, dad.addr, 0);
	expect_info(info[1], MIP6_MD_NO_COA, 1, dad.addr, 0);
	expect_info(info[2], MIP6_MD_NEW_COA, 1, dad2.addr, 0);
}

TEST_F(Md, PlatformRefusingTheAddressMakesItUnusable)
{
	add_iface(1);
	enable();
	link(1, true);
	mip6_addr_t coa = attach(1, "fe80::1", "2001:db8:1::");
	op_result(last_op(MIP6_OP_ADDR_ADD).id, -1);
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 2u);
	expect_info(info[1], MIP6_MD_NO_COA, 1, coa, 0);
	EXPECT_TRUE(traced(MIP6_EV_MD_COA_REFUSED_BY_PLATFORM));
}

// --- Home ---

TEST_F(Md, HomePrefixMeansHome)
{
	add_iface(3);
	enable();
	link(3, true);
	input(3, ra("fe80::1", 1800, {{"2001:db8:aaaa::", 64, A, 86400, 86400}}));
	EXPECT_TRUE(fe.ops_of(MIP6_OP_DAD).empty()); // no care-of address at home
	auto b = bus();
	ASSERT_EQ(b.size(), 2u);
	EXPECT_EQ(b[0].type, MIP6_BUS_HOME_HINT);
	EXPECT_EQ(b[0].ifindex, 3u);
	EXPECT_EQ(b[0].plen, 64);
	EXPECT_EQ(t::tohex(b[0].prefix.b, 16), t::tohex(addr("2001:db8:aaaa::").b, 16));
	expect_info(b[1], MIP6_MD_HOME, 3, kUnspec, 0);
	// Further RAs change nothing.
	input(3, ra("fe80::1", 1800, {{"2001:db8:aaaa::", 64, A, 86400, 86400}}));
	EXPECT_EQ(bus().size(), 2u);
}

TEST_F(Md, HomeOutranksCareOfAddressesAndLeavingHomeFallsBack)
{
	add_iface(1, 9);
	add_iface(2, 1);
	enable();
	link(1, true);
	link(2, true);
	mip6_addr_t coa = attach(1, "fe80::1", "2001:db8:1::");
	input(2, ra("fe80::2", 1800, {{"2001:db8:aaaa::", 64, MIP6_PI_F_L, 86400, 86400}}));
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 2u);
	expect_info(info[0], MIP6_MD_NEW_COA, 1, coa, 0);
	expect_info(info[1], MIP6_MD_HOME, 2, kUnspec, 0); // despite the lower preference
	// The home router leaves: back to the care-of address.
	input(2, ra("fe80::2", 0, {}));
	info = mip6_md_info();
	ASSERT_EQ(info.size(), 4u);
	expect_info(info[2], MIP6_MD_NO_COA, 2, kUnspec, 0);
	expect_info(info[3], MIP6_MD_NEW_COA, 1, coa, 0);
}

// --- Unusable care-of addresses ---

TEST_F(Md, NudFailureMovesToTheOtherInterface)
{
	cfg.nud_probe_ms = 2000;
	add_iface(1, 10, 0, kMac1);
	add_iface(2, 5, 0, kMac2);
	enable();
	link(1, true);
	link(2, true);
	mip6_addr_t coa1 = attach(1, "fe80::1", "2001:db8:1::");
	mip6_addr_t coa2 = attach(2, "fe80::2", "2001:db8:2::");
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 1u); // iface 2 has the lower preference
	expect_info(info[0], MIP6_MD_NEW_COA, 1, coa1, 0);
	size_t before = fe.sent.size();
	mip6_ns_t t0 = now;
	run_until(t0 + MIP6_MS(1999));
	EXPECT_EQ(fe.sent.size(), before);
	run_until(t0 + MIP6_MS(2000));
	auto ns = fe.sent_icmp6(MIP6_ICMP6_NS);
	ASSERT_EQ(ns.size(), 2u); // one per interface's router
	const t::SentPacket *p1 = ns[0]->ifindex == 1 ? ns[0] : ns[1];
	EXPECT_EQ(p1->rc, 0);
	EXPECT_EQ(t::tohex(p1->pkt->layer[0].ip.src.b, 16), t::tohex(coa1.b, 16));
	EXPECT_EQ(t::tohex(p1->pkt->layer[0].ip.dst.b, 16), t::tohex(addr("fe80::1").b, 16));
	EXPECT_EQ(p1->pkt->layer[0].ip.hlim, 255);
	EXPECT_EQ(t::tohex(p1->pkt->icmp6.u.nd.target.b, 16), t::tohex(addr("fe80::1").b, 16));
	const mip6_nd_opt_t *slla = mip6_icmp6_find_opt(&p1->pkt->icmp6, MIP6_ND_OPT_SLLA);
	ASSERT_NE(slla, nullptr);
	EXPECT_EQ(t::tohex(slla->u.lla.addr, 6), "001122334455");
	// Both answer: the next round comes nud_probe_ms later.
	input(1, na("fe80::1", coa1, "fe80::1", MIP6_NA_F_R | MIP6_NA_F_S));
	input(2, na("fe80::2", coa2, "fe80::2", MIP6_NA_F_R | MIP6_NA_F_S));
	run_until(t0 + MIP6_MS(3999));
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_NS).size(), 2u);
	run_until(t0 + MIP6_MS(4000));
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_NS).size(), 4u);
	input(2, na("fe80::2", coa2, "fe80::2", MIP6_NA_F_R | MIP6_NA_F_S));
	// Router 1 is silent: MAX_UNICAST_SOLICIT (3) probes, RETRANS_TIMER (1 s) apart.
	run_until(t0 + MIP6_MS(6999));
	size_t to_r1 = 0;
	for (auto *s : fe.sent_icmp6(MIP6_ICMP6_NS))
		to_r1 += s->ifindex == 1;
	EXPECT_EQ(to_r1, 4u); // 1 (answered) + 3
	EXPECT_EQ(mip6_md_info().size(), 1u);
	run_until(t0 + MIP6_MS(7000));
	info = mip6_md_info();
	ASSERT_EQ(info.size(), 3u);
	expect_info(info[1], MIP6_MD_NO_COA, 1, coa1, 0);
	expect_info(info[2], MIP6_MD_NEW_COA, 2, coa2, 0);
	EXPECT_TRUE(traced(MIP6_EV_MD_ROUTER_UNREACHABLE));
	// The address is kept (we may not have moved) and a router is solicited at once.
	EXPECT_TRUE(fe.ops_of(MIP6_OP_ADDR_DEL).empty());
	auto rs = fe.sent_icmp6(MIP6_ICMP6_RS);
	ASSERT_FALSE(rs.empty());
	EXPECT_EQ(rs.back()->ifindex, 1u);
	// The router comes back with the same prefix: the address is usable again.
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	info = mip6_md_info();
	ASSERT_EQ(info.size(), 4u);
	expect_info(info[3], MIP6_MD_NEW_COA, 1, coa1, 0);
	EXPECT_EQ(fe.ops_of(MIP6_OP_DAD).size(), 2u); // no new DAD
}

TEST_F(Md, UnsolicitedOrLowHopLimitNaDoesNotConfirm)
{
	cfg.nud_probe_ms = 1000;
	add_iface(1);
	enable();
	link(1, true);
	mip6_addr_t coa = attach(1, "fe80::1", "2001:db8:1::");
	mip6_ns_t t0 = now;
	run_until(t0 + MIP6_MS(1000));
	input(1, na("fe80::1", coa, "fe80::1", MIP6_NA_F_R | MIP6_NA_F_O)); // no S flag
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_NA);
	m.u.nd.flags = MIP6_NA_F_S;
	m.u.nd.target = addr("fe80::1");
	input(1, t::icmp6(m, addr("fe80::1"), coa, 64));
	EXPECT_TRUE(fe.traced(MIP6_EV_MD_DROP_NA_HOP_LIMIT));
	run_until(t0 + MIP6_MS(4000));
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 2u);
	expect_info(info[1], MIP6_MD_NO_COA, 1, coa, 0);
}

TEST_F(Md, NoProbesFromAnOptimisticAddress)
{
	cfg.nud_probe_ms = 1000;
	cfg.optimistic_dad = true;
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	run_until(MIP6_SEC(10));
	EXPECT_TRUE(fe.sent_icmp6(MIP6_ICMP6_NS).empty());
	op_result(last_op(MIP6_OP_DAD).id, 0);
	run_until(now + MIP6_MS(1000));
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_NS).size(), 1u);
}

TEST_F(Md, RetransTimerFromTheRouterAdvertisement)
{
	cfg.nud_probe_ms = 1000;
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}, 255, 300));
	op_result(last_op(MIP6_OP_DAD).id, 0);
	mip6_ns_t t0 = now;
	run_until(t0 + MIP6_MS(1000) + MIP6_MS(900)); // probes at +1000, +1300, +1600
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_NS).size(), 3u);
	EXPECT_EQ(mip6_md_info().size(), 2u); // unreachable at +1900
}

TEST_F(Md, PrefixValidLifetimeExpiry)
{
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 30, 20}}));
	op_result(last_op(MIP6_OP_DAD).id, 0);
	mip6_addr_t coa = last_op(MIP6_OP_ADDR_ADD).addr;
	mip6_ns_t t0 = now;
	// RFC 4862 5.5.3 (e): a shorter valid lifetime (<= 2 h left) is
	// ignored; the preferred lifetime is taken as it comes.
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 10, 10}}));
	run_until(t0 + MIP6_SEC(10) - 1);
	EXPECT_FALSE(traced(MIP6_EV_MD_COA_DEPRECATED) || traced(MIP6_EV_MD_COA_DEPRECATED_BY_RA));
	run_until(t0 + MIP6_SEC(10));
	EXPECT_TRUE(traced(MIP6_EV_MD_COA_DEPRECATED));
	EXPECT_EQ(mip6_md_info().size(), 1u); // deprecated but still the only one
	run_until(t0 + MIP6_SEC(30) - 1);
	EXPECT_TRUE(fe.ops_of(MIP6_OP_ADDR_DEL).empty());
	run_until(t0 + MIP6_SEC(30));
	auto del = fe.ops_of(MIP6_OP_ADDR_DEL);
	ASSERT_EQ(del.size(), 1u);
	EXPECT_EQ(t::tohex(del[0].addr.b, 16), t::tohex(coa.b, 16));
	EXPECT_EQ(del[0].ifindex, 1u);
	EXPECT_EQ(del[0].plen, 64);
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 2u);
	expect_info(info[1], MIP6_MD_NO_COA, 1, coa, 0);
	EXPECT_TRUE(traced(MIP6_EV_MD_PREFIX_EXPIRED));
}

TEST_F(Md, ValidLifetimeRefreshAndTwoHourRule)
{
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 30, 30}}));
	op_result(last_op(MIP6_OP_DAD).id, 0);
	mip6_ns_t t0 = now;
	run_until(t0 + MIP6_SEC(20));
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 60, 60}})); // longer: taken
	run_until(t0 + MIP6_SEC(79));
	EXPECT_TRUE(fe.ops_of(MIP6_OP_ADDR_DEL).empty());
	run_until(t0 + MIP6_SEC(80));
	EXPECT_EQ(fe.ops_of(MIP6_OP_ADDR_DEL).size(), 1u);
}

TEST_F(Md, DeprecatedAddressGivesWayOnTheSameInterface)
{
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 3600, 10}}));
	op_result(last_op(MIP6_OP_DAD).id, 0);
	mip6_addr_t old = last_op(MIP6_OP_ADDR_ADD).addr;
	input(1, ra("fe80::1", 1800, {{"2001:db8:2::", 64, A, 3600, 3600}}));
	op_result(last_op(MIP6_OP_DAD).id, 0);
	mip6_addr_t fresh = last_op(MIP6_OP_ADDR_ADD).addr;
	EXPECT_EQ(mip6_md_info().size(), 1u); // both usable: keep the current one
	run_until(now + MIP6_SEC(10));
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 2u);
	expect_info(info[0], MIP6_MD_NEW_COA, 1, old, 0);
	expect_info(info[1], MIP6_MD_NEW_COA, 1, fresh, 0);
}

TEST_F(Md, RouterLifetimeZeroWithoutOtherRouter)
{
	add_iface(1);
	enable();
	link(1, true);
	mip6_addr_t coa = attach(1, "fe80::1", "2001:db8:1::");
	// A second router for the same prefix keeps it usable...
	input(1, ra("fe80::2", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	input(1, ra("fe80::1", 0, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	EXPECT_EQ(mip6_md_info().size(), 1u);
	// ...until it goes too.
	input(1, ra("fe80::2", 0, {}));
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 2u);
	expect_info(info[1], MIP6_MD_NO_COA, 1, coa, 0);
	EXPECT_TRUE(traced(MIP6_EV_MD_ROUTER_LIFETIME_ZERO));
}

TEST_F(Md, RouterLifetimeExpiry)
{
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 100, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	op_result(last_op(MIP6_OP_DAD).id, 0);
	mip6_addr_t coa = last_op(MIP6_OP_ADDR_ADD).addr;
	mip6_ns_t t0 = now;
	run_until(t0 + MIP6_SEC(100) - 1);
	EXPECT_EQ(mip6_md_info().size(), 1u);
	run_until(t0 + MIP6_SEC(100));
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 2u);
	expect_info(info[1], MIP6_MD_NO_COA, 1, coa, 0);
	EXPECT_TRUE(traced(MIP6_EV_MD_ROUTER_EXPIRED));
}

TEST_F(Md, NewRouterWithAnotherPrefixOnTheSameLink)
{
	cfg.nud_probe_ms = 10000;
	add_iface(1);
	enable();
	link(1, true);
	mip6_addr_t coa1 = attach(1, "fe80::1", "2001:db8:1::");
	size_t ns_before = fe.sent_icmp6(MIP6_ICMP6_NS).size();
	// Moved without a link-down event: R2 does not advertise 2001:db8:1::/64.
	input(1, ra("fe80::2", 1800, {{"2001:db8:2::", 64, A, 86400, 86400}}));
	EXPECT_TRUE(traced(MIP6_EV_MD_PREFIX_SUSPECTED));
	auto ns = fe.sent_icmp6(MIP6_ICMP6_NS);
	ASSERT_EQ(ns.size(), ns_before + 1); // the old router is asked at once
	EXPECT_EQ(t::tohex(ns.back()->pkt->icmp6.u.nd.target.b, 16), t::tohex(addr("fe80::1").b, 16));
	mip6_op_t dad2 = last_op(MIP6_OP_DAD);
	EXPECT_TRUE(in_prefix(dad2.addr, "2001:db8:2::"));
	EXPECT_EQ(mip6_md_info().size(), 1u); // nothing better yet
	op_result(dad2.id, 0);
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 2u);
	expect_info(info[1], MIP6_MD_NEW_COA, 1, dad2.addr, 0); // stale one gives way
	// The old router never answers: its prefix and address go.
	run_until(now + MIP6_SEC(3));
	auto del = fe.ops_of(MIP6_OP_ADDR_DEL);
	ASSERT_EQ(del.size(), 1u);
	EXPECT_EQ(t::tohex(del[0].addr.b, 16), t::tohex(coa1.b, 16));
	EXPECT_EQ(mip6_md_info().size(), 2u);
}

TEST_F(Md, NewRouterButOldRouterAnswersKeepsBoth)
{
	cfg.nud_probe_ms = 10000;
	cfg.optimistic_dad = true;
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	mip6_addr_t coa1 = last_op(MIP6_OP_DAD).addr;
	op_result(last_op(MIP6_OP_DAD).id, 0);
	input(1, ra("fe80::2", 1800, {{"2001:db8:2::", 64, A, 86400, 86400}}));
	mip6_addr_t coa2 = last_op(MIP6_OP_DAD).addr;
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 2u);
	expect_info(info[1], MIP6_MD_NEW_COA, 1, coa2, 0); // optimistic: at once
	input(1, na("fe80::1", coa1, "fe80::1", MIP6_NA_F_R | MIP6_NA_F_S));
	EXPECT_TRUE(traced(MIP6_EV_MD_ROUTER_OLD_ANSWERED));
	run_until(now + MIP6_SEC(5));
	EXPECT_TRUE(fe.ops_of(MIP6_OP_ADDR_DEL).empty());
	EXPECT_EQ(mip6_md_info().size(), 2u); // no flapping back
}

TEST_F(Md, LinkDownDropsTheCareOfAddress)
{
	add_iface(1);
	enable();
	link(1, true);
	mip6_addr_t coa = attach(1, "fe80::1", "2001:db8:1::");
	size_t rs = fe.sent_icmp6(MIP6_ICMP6_RS).size();
	link(1, false);
	auto del = fe.ops_of(MIP6_OP_ADDR_DEL);
	ASSERT_EQ(del.size(), 1u);
	EXPECT_EQ(t::tohex(del[0].addr.b, 16), t::tohex(coa.b, 16));
	EXPECT_EQ(del[0].flags, MIP6_ADDRF_COA);
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 2u);
	expect_info(info[1], MIP6_MD_NO_COA, 1, coa, 0);
	EXPECT_EQ(mip6_node_next_timeout(n), MIP6_NS_NEVER);
	// Back up: solicit again, and the same RA makes a fresh DAD.
	link(1, true);
	run_until(now + MIP6_SEC(1));
	EXPECT_EQ(fe.sent_icmp6(MIP6_ICMP6_RS).size(), rs + 1);
	attach(1, "fe80::1", "2001:db8:1::");
	EXPECT_EQ(fe.ops_of(MIP6_OP_DAD).size(), 2u);
	info = mip6_md_info();
	ASSERT_EQ(info.size(), 3u);
	expect_info(info[2], MIP6_MD_NEW_COA, 1, coa, 0);
}

TEST_F(Md, DadResultAfterLinkDownIsIgnored)
{
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	mip6_op_t dad = last_op(MIP6_OP_DAD);
	link(1, false);
	op_result(dad.id, 0);
	EXPECT_TRUE(fe.ops_of(MIP6_OP_ADDR_ADD).empty());
	EXPECT_TRUE(mip6_md_info().empty());
}

// --- Choosing ---

TEST_F(Md, HigherPreferenceWinsTiesKeepTheCurrent)
{
	add_iface(1, 1, 0, kMac1);
	add_iface(2, 9, 0, kMac2);
	add_iface(3, 9, 0, kMac2);
	enable();
	link(1, true);
	link(2, true);
	link(3, true);
	mip6_addr_t c1 = attach(1, "fe80::1", "2001:db8:1::");
	mip6_addr_t c3 = attach(3, "fe80::3", "2001:db8:3::");
	mip6_addr_t c2 = attach(2, "fe80::2", "2001:db8:2::"); // same preference as 3
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 2u);
	expect_info(info[0], MIP6_MD_NEW_COA, 1, c1, 0);
	expect_info(info[1], MIP6_MD_NEW_COA, 3, c3, 0); // a better interface: no NO_COA
	EXPECT_TRUE(traced(MIP6_EV_MD_PREF_BETTER_INTERFACE));
	// 3 goes: 2 (same preference) takes over, then 1 when 2 goes.
	link(3, false);
	link(2, false);
	info = mip6_md_info();
	ASSERT_EQ(info.size(), 6u);
	expect_info(info[2], MIP6_MD_NO_COA, 3, c3, 0);
	expect_info(info[3], MIP6_MD_NEW_COA, 2, c2, 0);
	expect_info(info[4], MIP6_MD_NO_COA, 2, c2, 0);
	expect_info(info[5], MIP6_MD_NEW_COA, 1, c1, 0);
	link(1, false);
	info = mip6_md_info();
	ASSERT_EQ(info.size(), 7u);
	expect_info(info[6], MIP6_MD_NO_COA, 1, c1, 0); // detached
}

TEST_F(Md, McoaReportsEveryInterface)
{
	add_iface(1, 5, 1, kMac1);
	add_iface(2, 1, 2, kMac2);
	enable();
	link(1, true);
	link(2, true);
	mip6_addr_t c1 = attach(1, "fe80::1", "2001:db8:1::");
	mip6_addr_t c2 = attach(2, "fe80::2", "2001:db8:2::");
	auto b1 = md_info_bid(1), b2 = md_info_bid(2), b0 = md_info_bid(0);
	ASSERT_EQ(b1.size(), 1u);
	ASSERT_EQ(b2.size(), 1u);
	expect_info(b1[0], MIP6_MD_NEW_COA, 1, c1, 1);
	expect_info(b2[0], MIP6_MD_NEW_COA, 2, c2, 2); // reported although not preferred
	ASSERT_EQ(b0.size(), 1u);
	expect_info(b0[0], MIP6_MD_NEW_COA, 1, c1, 0); // the preferred one
	// Interface 1 fails: deregister BID 1; the preferred moves to 2.
	link(1, false);
	b1 = md_info_bid(1);
	ASSERT_EQ(b1.size(), 2u);
	expect_info(b1[1], MIP6_MD_NO_COA, 1, c1, 1);
	EXPECT_EQ(md_info_bid(2).size(), 1u);
	b0 = md_info_bid(0);
	ASSERT_EQ(b0.size(), 3u);
	expect_info(b0[1], MIP6_MD_NO_COA, 1, c1, 0);
	expect_info(b0[2], MIP6_MD_NEW_COA, 2, c2, 0);
	// The per-BID report comes before the preferred one in the same round.
	auto all = mip6_md_info();
	EXPECT_EQ(all[all.size() - 3].bid, 1);
}

TEST_F(Md, McoaInterfaceAtHome)
{
	add_iface(1, 5, 1, kMac1);
	add_iface(2, 1, 2, kMac2);
	enable();
	link(1, true);
	link(2, true);
	attach(1, "fe80::1", "2001:db8:1::");
	input(2, ra("fe80::2", 1800, {{"2001:db8:aaaa::", 64, A, 86400, 86400}}));
	auto b2 = md_info_bid(2);
	ASSERT_EQ(b2.size(), 1u);
	expect_info(b2[0], MIP6_MD_HOME, 2, kUnspec, 2);
	auto b0 = md_info_bid(0);
	ASSERT_EQ(b0.size(), 2u);
	expect_info(b0[1], MIP6_MD_HOME, 2, kUnspec, 0);
	size_t hints = 0;
	for (auto &m : bus())
		hints += m.type == MIP6_BUS_HOME_HINT && m.ifindex == 2;
	EXPECT_EQ(hints, 1u);
}

// --- Replaceable: an outside detector speaks the same bus messages ---

TEST(MdContract, OutsideDetectorPublishesMdInfoThroughTheBus)
{
	t::FakeEnv fe;
	mip6_env_t env = fe.env();
	mip6_node_t *n = mip6_node_new(&env, 0);
	ASSERT_NE(n, nullptr);
	mip6_bus_msg_t m{};
	m.type = MIP6_BUS_MD_INFO;
	m.cmd = MIP6_MD_NEW_COA;
	m.ifindex = 4;
	m.bid = 0;
	m.coa = addr("2001:db8:9::1");
	ASSERT_EQ(t::bus_input(n, m, 0), 0);
	// On the node's bus, as every subscriber (here env.bus_out) sees it.
	auto got = fe.bus_msgs(0, {MIP6_BUS_MD_INFO});
	ASSERT_EQ(got.size(), 1u);
	expect_info(got[0], MIP6_MD_NEW_COA, 4, addr("2001:db8:9::1"), 0);
	mip6_node_free(n);
	EXPECT_EQ(fe.live_blocks, 0);
}

TEST(MdContract, EnabledOnce)
{
	t::FakeEnv fe;
	mip6_env_t env = fe.env();
	mip6_node_t *n = mip6_node_new(&env, 0);
	mip6_md_cfg_t cfg{};
	EXPECT_EQ(mip6_node_enable_md(n, &cfg), 0);
	EXPECT_EQ(mip6_node_enable_md(n, &cfg), MIP6_E_INVAL);
	mip6_node_free(n);
	EXPECT_EQ(fe.live_blocks, 0);
}

// --- Allocation failure anywhere: no leak, no crash ---

void scenario(t::FakeEnv &fe)
{
	mip6_env_t env = fe.env();
	mip6_node_t *n = mip6_node_new(&env, 0);
	if (!n)
		return;
	for (uint32_t i = 1; i <= 2; i++) {
		mip6_iface_cfg_t c{};
		c.ifindex = i;
		c.preference = (uint8_t)i;
		c.bid = (uint16_t)i;
		c.lladdr_len = i == 1 ? 6 : 0;
		mip6_node_add_iface(n, &c);
	}
	mip6_md_cfg_t cfg{};
	cfg.home.prefix = addr("2001:db8:aaaa::");
	cfg.home.plen = 64;
	cfg.nud_probe_ms = 500;
	cfg.optimistic_dad = true;
	mip6_ns_t now = 0;
	mip6_node_enable_md(n, &cfg);
	mip6_node_link(n, 1, true, now);
	mip6_node_link(n, 2, true, now);
	auto feed = [&](uint32_t ifc, const std::vector<uint8_t> &p) {
		mip6_node_input(n, ifc, p.data(), p.size(), now);
	};
	auto answer_ops = [&](size_t from) {
		for (size_t k = from; k < fe.ops.size(); k++)
			if (fe.ops[k].kind == MIP6_OP_DAD)
				mip6_node_op_result(n, fe.ops[k].id, k % 3 == 0 ? MIP6_OP_DUPLICATE : 0, now);
	};
	auto run = [&](mip6_ns_t until) {
		for (mip6_ns_t nt; (nt = mip6_node_next_timeout(n)) <= until;) {
			now = nt;
			mip6_node_timeout(n, now);
		}
		now = until;
	};
	feed(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 40, 30}}));
	feed(2, ra("fe80::2", 1800, {{"2001:db8:2::", 64, A, 86400, 86400}}));
	answer_ops(0);
	answer_ops(0);
	run(MIP6_SEC(2));
	feed(1, ra("fe80::9", 1800, {{"2001:db8:9::", 64, A, 86400, 86400}}));
	answer_ops(0);
	run(MIP6_SEC(5));
	feed(2, ra("fe80::2", 1800, {{"2001:db8:aaaa::", 64, A, 86400, 86400}}));
	run(MIP6_SEC(60));
	mip6_node_link(n, 2, false, now);
	mip6_node_link(n, 1, false, now);
	mip6_node_link(n, 1, true, now);
	run(MIP6_SEC(61));
	mip6_node_free(n);
}

TEST(MdAlloc, EveryAllocationFailingOnceLeaksNothing)
{
	long total;
	{
		t::FakeEnv fe;
		scenario(fe);
		EXPECT_EQ(fe.live_blocks, 0);
		// The scenario did work worth failing: DAD, addresses, RS and NS.
		EXPECT_GE(fe.ops_of(MIP6_OP_DAD).size(), 4u);
		EXPECT_FALSE(fe.ops_of(MIP6_OP_ADDR_DEL).empty());
		EXPECT_FALSE(fe.sent_icmp6(MIP6_ICMP6_RS).empty());
		EXPECT_FALSE(fe.sent_icmp6(MIP6_ICMP6_NS).empty());
		total = fe.alloc_count;
	}
	ASSERT_GT(total, 3);
	RecordProperty("allocations", (int)total);
	for (long i = 0; i < total; i++) {
		t::FakeEnv fe;
		fe.fail_at = i;
		scenario(fe);
		EXPECT_EQ(fe.live_blocks, 0) << "allocation " << i;
	}
}

} // namespace

// --- Operator command: interface preference ---

namespace {

mip6_bus_msg_t pref_cmd(uint32_t ifindex, uint8_t pref)
{
	mip6_bus_msg_t m{};
	m.type = MIP6_BUS_COMMAND;
	m.cmd = MIP6_CMD_IFACE_PREF;
	m.ifindex = ifindex;
	m.pref = pref;
	return m;
}

} // namespace

TEST_F(Md, IfacePrefCommandRechoosesTheCareOfAddress)
{
	add_iface(1, 5, 0, kMac1);
	add_iface(2, 1, 0, kMac2);
	enable();
	link(1, true);
	link(2, true);
	mip6_addr_t c1 = attach(1, "fe80::1", "2001:db8:1::");
	mip6_addr_t c2 = attach(2, "fe80::2", "2001:db8:2::");
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 1u);
	expect_info(info[0], MIP6_MD_NEW_COA, 1, c1, 0);

	// Interface 2 ranked above 1: a bare NEW_COA for it (1 still usable).
	auto m = pref_cmd(2, 9);
	ASSERT_EQ(mip6_node_command(n, &m, now), 0);
	info = mip6_md_info();
	ASSERT_EQ(info.size(), 2u);
	expect_info(info[1], MIP6_MD_NEW_COA, 2, c2, 0);
	EXPECT_EQ(iface(2).preference, 9);
	EXPECT_TRUE(traced(MIP6_EV_MD_PREF_BETTER_INTERFACE));

	// A preference that changes no choice publishes nothing.
	m = pref_cmd(1, 3);
	ASSERT_EQ(mip6_node_command(n, &m, now), 0);
	EXPECT_EQ(mip6_md_info().size(), 2u);
	EXPECT_EQ(iface(1).preference, 3);

	// Back above: 1 is chosen again.
	m = pref_cmd(1, 10);
	ASSERT_EQ(mip6_node_command(n, &m, now), 0);
	info = mip6_md_info();
	ASSERT_EQ(info.size(), 3u);
	expect_info(info[2], MIP6_MD_NEW_COA, 1, c1, 0);

	// An unknown interface changes nothing and is traced.
	m = pref_cmd(7, 200);
	ASSERT_EQ(mip6_node_command(n, &m, now), 0);
	EXPECT_EQ(mip6_md_info().size(), 3u);
	EXPECT_TRUE(fe.traced(MIP6_EV_MD_DROP_PREF_UNKNOWN_IF));
}

TEST_F(Md, IfacePrefCommandFromTheBusByteEncoding)
{
	// A control tool outside the core sends the same command encoded.
	add_iface(1, 5, 0, kMac1);
	add_iface(2, 1, 0, kMac2);
	enable();
	link(1, true);
	link(2, true);
	attach(1, "fe80::1", "2001:db8:1::");
	mip6_addr_t c2 = attach(2, "fe80::2", "2001:db8:2::");
	auto m = pref_cmd(2, 6);
	ASSERT_EQ(t::bus_input(n, m, now), 0);
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 2u);
	expect_info(info[1], MIP6_MD_NEW_COA, 2, c2, 0);
}

TEST_F(Md, IfacePrefCommandDoesNotOutrankHome)
{
	add_iface(1, 1, 0, kMac1);
	add_iface(2, 1, 0, kMac2);
	enable();
	link(1, true);
	link(2, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:aaaa::", 64, A, 86400, 86400}}));
	attach(2, "fe80::2", "2001:db8:2::");
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 1u);
	expect_info(info[0], MIP6_MD_HOME, 1, kUnspec, 0);
	auto m = pref_cmd(2, 255);
	ASSERT_EQ(mip6_node_command(n, &m, now), 0);
	EXPECT_EQ(mip6_md_info().size(), 1u); // home outranks every care-of address
}

// --- DAD on the bus (published by the node for the MD's DAD ops) ---

TEST_F(Md, DadStartAndDoneArePublishedOnTheBus)
{
	auto dad = [&] { return fe.bus_msgs(0, {MIP6_BUS_DAD}); };
	add_iface(1, 5, 0, kMac1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	mip6_op_t op = last_op(MIP6_OP_DAD);
	ASSERT_EQ(dad().size(), 1u);
	EXPECT_EQ(dad()[0].cmd, MIP6_DAD_START);
	EXPECT_EQ(dad()[0].ifindex, 1u);
	EXPECT_EQ(t::str(dad()[0].coa), t::str(op.addr));
	// Duplicate: DONE status 1, then a new identifier's DAD starts.
	op_result(op.id, MIP6_OP_DUPLICATE);
	ASSERT_EQ(dad().size(), 3u);
	EXPECT_EQ(dad()[1].cmd, MIP6_DAD_DONE);
	EXPECT_EQ(dad()[1].status, 1);
	EXPECT_EQ(dad()[1].ifindex, 1u);
	EXPECT_EQ(t::str(dad()[1].coa), t::str(op.addr));
	mip6_op_t op2 = last_op(MIP6_OP_DAD);
	ASSERT_NE(op2.id, op.id);
	EXPECT_EQ(dad()[2].cmd, MIP6_DAD_START);
	EXPECT_EQ(t::str(dad()[2].coa), t::str(op2.addr));
	// Unique: DONE status 0; a result repeated is not reported again.
	op_result(op2.id, 0);
	ASSERT_EQ(dad().size(), 4u);
	EXPECT_EQ(dad()[3].cmd, MIP6_DAD_DONE);
	EXPECT_EQ(dad()[3].status, 0);
	EXPECT_EQ(t::str(dad()[3].coa), t::str(op2.addr));
	op_result(op2.id, 0);
	EXPECT_EQ(dad().size(), 4u);
}

// 0 is no id the node gives (fuzz/regress/fuzz_node/op-result-id-zero): a
// result for it must not complete the "pending" DAD of a prefix that has
// none and give the node the unspecified address as its care-of address.
TEST_F(Md, ResultForOperationIdZeroChangesNothing)
{
	add_iface(1);
	enable();
	link(1, true);
	// On-link, no autoconfiguration: no DAD, no care-of address of ours.
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, MIP6_PI_F_L, 86400, 86400}}));
	size_t ops = fe.ops.size();
	op_result(0, 0);
	EXPECT_EQ(fe.ops.size(), ops);
	EXPECT_TRUE(mip6_md_info().empty());
	EXPECT_FALSE(traced(MIP6_EV_MD_DAD_PASSED));
}

TEST_F(Md, DadThatCouldNotRunIsDoneWithStatusTwo)
{
	add_iface(1, 5, 0, kMac1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	mip6_op_t op = last_op(MIP6_OP_DAD);
	op_result(op.id, MIP6_E_INVAL); // the platform failed the operation
	auto dad = fe.bus_msgs(0, {MIP6_BUS_DAD});
	ASSERT_EQ(dad.size(), 2u);
	EXPECT_EQ(dad[1].cmd, MIP6_DAD_DONE);
	EXPECT_EQ(dad[1].status, 2);
	EXPECT_EQ(dad[1].ifindex, 1u);
	EXPECT_EQ(t::str(dad[1].coa), t::str(op.addr));
	EXPECT_TRUE(traced(MIP6_EV_MD_DAD_NOT_RUN));
}

// --- Addresses the platform changes on its own (mip6_node_addr) ---

namespace {

struct MdAddr : Md {
	void plat(uint32_t ifindex, const mip6_addr_t &a, bool added, uint16_t flags = 0, uint8_t plen = 64)
	{
		mip6_node_addr(n, ifindex, &a, plen, flags, added, now);
	}
	size_t nops() const { return fe.ops.size(); }
	bool ever_added(const mip6_addr_t &a)
	{
		for (auto &op : fe.ops_of(MIP6_OP_ADDR_ADD))
			if (mip6_addr_eq(&op.addr, &a))
				return true;
		return false;
	}
	int adds_of(const mip6_addr_t &a)
	{
		int k = 0;
		for (auto &op : fe.ops_of(MIP6_OP_ADDR_ADD))
			k += mip6_addr_eq(&op.addr, &a);
		return k;
	}
};

} // namespace

TEST_F(MdAddr, RemovedCareOfAddressMovesToTheOtherInterface)
{
	add_iface(1, 9, 0, kMac1);
	add_iface(2, 1, 0, kMac2);
	enable();
	link(1, true);
	link(2, true);
	mip6_addr_t coa1 = attach(1, "fe80::1", "2001:db8:1::");
	mip6_addr_t coa2 = attach(2, "fe80::2", "2001:db8:2::");
	ASSERT_EQ(mip6_md_info().size(), 1u);
	expect_info(mip6_md_info()[0], MIP6_MD_NEW_COA, 1, coa1, 0);
	size_t ops = nops();
	plat(1, coa1, false, MIP6_ADDRF_COA);
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 3u);
	expect_info(info[1], MIP6_MD_NO_COA, 1, coa1, 0);
	expect_info(info[2], MIP6_MD_NEW_COA, 2, coa2, 0);
	// Already gone from the platform: no ADDR_DEL, nothing re-added.
	EXPECT_EQ(nops(), ops);
	EXPECT_TRUE(traced(MIP6_EV_MD_PLATFORM_REMOVED_COA));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MD_COA_STATE, "VALID", "REMOVED", &coa1));
	EXPECT_TRUE(traced(MIP6_EV_MD_PREF_PREVIOUS_UNUSABLE));
	// Timers and NUD do not bring it back; the next RA forms another, not coa1.
	run_until(now + MIP6_SEC(60));
	EXPECT_EQ(adds_of(coa1), 1);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	EXPECT_TRUE(traced(MIP6_EV_MD_PREFIX_COA_REFORMED));
	mip6_op_t dad = last_op(MIP6_OP_DAD);
	EXPECT_EQ(dad.ifindex, 1u);
	EXPECT_TRUE(in_prefix(dad.addr, "2001:db8:1::"));
	EXPECT_FALSE(mip6_addr_eq(&dad.addr, &coa1));
	EXPECT_EQ(dad.addr.b[8] & 0x02, 0); // a random identifier, not the EUI-64 one
	op_result(dad.id, 0);
	EXPECT_EQ(adds_of(coa1), 1);
	EXPECT_TRUE(ever_added(dad.addr));
	info = mip6_md_info();
	ASSERT_EQ(info.size(), 4u); // interface 1 ranks higher again: a bare NEW_COA
	expect_info(info[3], MIP6_MD_NEW_COA, 1, dad.addr, 0);
}

TEST_F(MdAddr, RemovedOnlyCareOfAddressDetachesAndReportsTheBid)
{
	add_iface(1, 0, 7, kMac1);
	enable();
	link(1, true);
	mip6_addr_t coa = attach(1, "fe80::1", "2001:db8:1::");
	bus_from = fe.bus_out.size();
	size_t ops = nops();
	plat(1, coa, false);
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 2u);
	expect_info(info[0], MIP6_MD_NO_COA, 1, coa, 7);
	expect_info(info[1], MIP6_MD_NO_COA, 1, coa, 0);
	EXPECT_EQ(nops(), ops);
	EXPECT_TRUE(traced(MIP6_EV_MD_PREF_DETACHED));
	// The removal reported twice changes nothing more.
	plat(1, coa, false);
	EXPECT_EQ(mip6_md_info().size(), 2u);
	EXPECT_EQ(nops(), ops);
}

TEST_F(MdAddr, RemovedOptimisticAddressIgnoresItsDadResult)
{
	cfg.optimistic_dad = true;
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	mip6_op_t dad = last_op(MIP6_OP_DAD);
	ASSERT_EQ(mip6_md_info().size(), 1u);
	expect_info(mip6_md_info()[0], MIP6_MD_NEW_COA, 1, dad.addr, 0);
	plat(1, dad.addr, false, MIP6_ADDRF_COA | MIP6_ADDRF_OPTIMISTIC);
	ASSERT_EQ(mip6_md_info().size(), 2u);
	expect_info(mip6_md_info()[1], MIP6_MD_NO_COA, 1, dad.addr, 0);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MD_COA_STATE, "OPTIMISTIC", "REMOVED", &dad.addr));
	size_t ops = nops();
	op_result(dad.id, 0); // DAD passes, but the address is gone: not re-added
	EXPECT_EQ(nops(), ops);
	EXPECT_EQ(adds_of(dad.addr), 1);
	EXPECT_EQ(mip6_md_info().size(), 2u);
}

TEST_F(MdAddr, RemovingATentativeAddressLeavesItToDad)
{
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	mip6_op_t dad = last_op(MIP6_OP_DAD);
	// A platform whose DAD adds the tentative address reports it coming and going.
	plat(1, dad.addr, true);
	plat(1, dad.addr, false);
	EXPECT_TRUE(traced(MIP6_EV_MD_PLATFORM_REMOVED_TENTATIVE));
	EXPECT_TRUE(mip6_md_info().empty());
	op_result(dad.id, 0);
	ASSERT_EQ(mip6_md_info().size(), 1u);
	expect_info(mip6_md_info()[0], MIP6_MD_NEW_COA, 1, dad.addr, 0);
}

TEST_F(MdAddr, EchoesOfOwnAddressesChangeNothing)
{
	add_iface(1);
	enable();
	link(1, true);
	mip6_addr_t coa = attach(1, "fe80::1", "2001:db8:1::", 40);
	size_t ops = nops(), traces = fe.traces.size();
	plat(1, coa, true, MIP6_ADDRF_COA);
	plat(1, coa, true, 0);
	EXPECT_EQ(mip6_md_info().size(), 1u);
	EXPECT_EQ(nops(), ops);
	EXPECT_EQ(fe.traces.size(), traces);
	// The valid lifetime ends: MD deletes it; the platform echoes the removal.
	run_until(MIP6_SEC(41));
	ASSERT_EQ(fe.ops_of(MIP6_OP_ADDR_DEL).size(), 1u);
	ASSERT_EQ(mip6_md_info().size(), 2u);
	ops = nops();
	plat(1, coa, false, MIP6_ADDRF_COA);
	EXPECT_EQ(mip6_md_info().size(), 2u);
	EXPECT_EQ(nops(), ops);
	EXPECT_FALSE(traced(MIP6_EV_MD_PLATFORM_REMOVED_COA) ||
	             traced(MIP6_EV_MD_PLATFORM_REMOVED_TENTATIVE));
}

TEST_F(MdAddr, DhcpAddressInAnOnLinkPrefixIsAdopted)
{
	add_iface(1, 0, 3, kMac1);
	enable();
	link(1, true);
	// Managed link: on-link prefix without autonomous configuration.
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, MIP6_PI_F_L, 86400, 86400}}));
	EXPECT_TRUE(fe.ops_of(MIP6_OP_DAD).empty());
	EXPECT_TRUE(mip6_md_info().empty());
	mip6_addr_t a = addr("2001:db8:1::1234");
	plat(1, a, true, 0, 128);
	auto info = mip6_md_info();
	ASSERT_EQ(info.size(), 2u);
	expect_info(info[0], MIP6_MD_NEW_COA, 1, a, 3);
	expect_info(info[1], MIP6_MD_NEW_COA, 1, a, 0);
	EXPECT_TRUE(traced(MIP6_EV_MD_PLATFORM_ADOPTED));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MD_COA_STATE, "NONE", "VALID", &a));
	EXPECT_TRUE(fe.ops_of(MIP6_OP_ADDR_ADD).empty());
	EXPECT_TRUE(fe.ops_of(MIP6_OP_DAD).empty());
	// Later RAs keep it and form no address of their own.
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, MIP6_PI_F_L, 86400, 86400}}));
	EXPECT_EQ(mip6_md_info().size(), 2u);
	EXPECT_TRUE(fe.ops_of(MIP6_OP_DAD).empty());
	// A second address in the prefix: the interface has a care-of address.
	plat(1, addr("2001:db8:1::99"), true, 0, 128);
	EXPECT_EQ(mip6_md_info().size(), 2u);
	EXPECT_TRUE(traced(MIP6_EV_MD_PLATFORM_NOT_ADOPTED));
	// The lease ends: unusable, and MD never deletes the platform's address.
	plat(1, a, false, 0, 128);
	info = mip6_md_info();
	ASSERT_EQ(info.size(), 4u);
	expect_info(info[2], MIP6_MD_NO_COA, 1, a, 3);
	expect_info(info[3], MIP6_MD_NO_COA, 1, a, 0);
	// An on-link-only prefix forms nothing after the removal either.
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, MIP6_PI_F_L, 86400, 86400}}));
	EXPECT_TRUE(fe.ops_of(MIP6_OP_DAD).empty());
	// A new lease is adopted again.
	mip6_addr_t b = addr("2001:db8:1::5678");
	plat(1, b, true, 0, 128);
	ASSERT_EQ(mip6_md_info().size(), 6u);
	expect_info(mip6_md_info()[5], MIP6_MD_NEW_COA, 1, b, 0);
	link(1, false);
	EXPECT_TRUE(fe.ops_of(MIP6_OP_ADDR_DEL).empty());
	EXPECT_TRUE(fe.ops_of(MIP6_OP_ADDR_ADD).empty());
}

TEST_F(MdAddr, ManualAddressReplacesATentativeOne)
{
	add_iface(1);
	enable();
	link(1, true);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	mip6_op_t dad = last_op(MIP6_OP_DAD);
	mip6_addr_t a = addr("2001:db8:1::77");
	plat(1, a, true, MIP6_ADDRF_OPTIMISTIC);
	ASSERT_EQ(mip6_md_info().size(), 1u);
	expect_info(mip6_md_info()[0], MIP6_MD_NEW_COA, 1, a, 0);
	EXPECT_TRUE(traced(MIP6_EV_MD_PLATFORM_OWN_ABANDONED));
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MD_COA_STATE, "TENTATIVE", "OPTIMISTIC", &a));
	// The abandoned DAD's result assigns nothing.
	op_result(dad.id, 0);
	EXPECT_TRUE(fe.ops_of(MIP6_OP_ADDR_ADD).empty());
	EXPECT_EQ(mip6_md_info().size(), 1u);
	// The platform's DAD ends: the flag goes, the address stays the CoA.
	plat(1, a, true, 0);
	EXPECT_TRUE(fe.traced_state(MIP6_EV_MD_COA_STATE, "OPTIMISTIC", "VALID", &a));
	EXPECT_EQ(mip6_md_info().size(), 1u);
	// Removed: the prefix is autonomous, so the next RA forms MD's own.
	plat(1, a, false);
	ASSERT_EQ(mip6_md_info().size(), 2u);
	expect_info(mip6_md_info()[1], MIP6_MD_NO_COA, 1, a, 0);
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	mip6_op_t dad2 = last_op(MIP6_OP_DAD);
	ASSERT_NE(dad2.id, dad.id);
	// The EUI-64 identifier was never removed: it is used.
	EXPECT_EQ(t::tohex(dad2.addr.b, 16), t::tohex(dad.addr.b, 16));
	op_result(dad2.id, 0);
	ASSERT_EQ(mip6_md_info().size(), 3u);
	expect_info(mip6_md_info()[2], MIP6_MD_NEW_COA, 1, dad2.addr, 0);
}

TEST_F(MdAddr, OtherAddressesAreIgnored)
{
	add_iface(1);
	add_iface(2, 0, 0, kMac2);
	enable();
	link(1, true);
	link(2, true);
	input(2, ra("fe80::2", 1800, {{"2001:db8:aaaa::", 64, MIP6_PI_F_L, 86400, 86400}}));
	ASSERT_EQ(mip6_md_info().size(), 1u); // home
	input(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	mip6_op_t dad = last_op(MIP6_OP_DAD);
	size_t ops = nops(), infos = mip6_md_info().size();
	mip6_addr_t hoa = addr("2001:db8:aaaa::100");
	plat(1, hoa, true, MIP6_ADDRF_HOME); // the home address
	plat(2, hoa, true, 0); // home prefix, flags unknown
	plat(1, hoa, false, MIP6_ADDRF_HOME | MIP6_ADDRF_DEREG);
	plat(1, addr("fe80::211:22ff:fe33:4455"), true, 0); // link-local
	plat(1, addr("2001:db8:99::1"), true, 0); // not a prefix learnt here
	plat(2, addr("2001:db8:1::5"), true, 0); // learnt on interface 1 only
	plat(1, addr("2001:db8:1::8"), true, MIP6_ADDRF_ANYCAST);
	plat(1, addr("ff02::1:ff00:5"), true, 0);
	plat(9, addr("2001:db8:1::5"), true, 0); // unknown interface
	EXPECT_EQ(mip6_md_info().size(), infos);
	EXPECT_EQ(nops(), ops);
	EXPECT_TRUE(traced(MIP6_EV_MD_PLATFORM_OUTSIDE_PREFIXES));
	// The tentative address still completes as usual.
	op_result(dad.id, 0);
	EXPECT_TRUE(ever_added(dad.addr));
}

TEST_F(MdAddr, AddressOnADownLinkIsIgnored)
{
	add_iface(1);
	enable();
	link(1, true);
	mip6_addr_t coa = attach(1, "fe80::1", "2001:db8:1::");
	link(1, false);
	size_t ops = nops(), infos = mip6_md_info().size();
	plat(1, coa, false);
	plat(1, addr("2001:db8:1::9"), true);
	EXPECT_EQ(mip6_md_info().size(), infos);
	EXPECT_EQ(nops(), ops);
}

namespace {

void addr_scenario(t::FakeEnv &fe)
{
	mip6_env_t env = fe.env();
	mip6_node_t *n = mip6_node_new(&env, 0);
	if (!n)
		return;
	for (uint32_t i = 1; i <= 2; i++) {
		mip6_iface_cfg_t c{};
		c.ifindex = i;
		c.preference = (uint8_t)i;
		c.bid = (uint16_t)i;
		mip6_node_add_iface(n, &c);
	}
	mip6_md_cfg_t cfg{};
	cfg.home.prefix = addr("2001:db8:aaaa::");
	cfg.home.plen = 64;
	mip6_ns_t now = 0;
	mip6_node_enable_md(n, &cfg);
	mip6_node_link(n, 1, true, now);
	mip6_node_link(n, 2, true, now);
	auto feed = [&](uint32_t ifc, const std::vector<uint8_t> &p) {
		mip6_node_input(n, ifc, p.data(), p.size(), now);
	};
	auto pa = [&](uint32_t ifc, const char *a, bool added) {
		mip6_addr_t x = addr(a);
		mip6_node_addr(n, ifc, &x, 64, 0, added, now);
	};
	feed(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	feed(2, ra("fe80::2", 1800, {{"2001:db8:2::", 64, MIP6_PI_F_L, 86400, 86400}}));
	for (auto &op : std::vector<mip6_op_t>(fe.ops))
		if (op.kind == MIP6_OP_DAD) {
			mip6_node_op_result(n, op.id, 0, now);
			mip6_node_addr(n, 1, &op.addr, 64, 0, false, now);
		}
	pa(2, "2001:db8:2::10", true);
	feed(1, ra("fe80::1", 1800, {{"2001:db8:1::", 64, A, 86400, 86400}}));
	pa(2, "2001:db8:2::10", false);
	pa(1, "2001:db8:1::20", true);
	mip6_node_timeout(n, MIP6_SEC(30));
	mip6_node_free(n);
}

} // namespace

TEST(MdAlloc, PlatformAddressEventsWithEveryAllocationFailingOnce)
{
	long total;
	{
		t::FakeEnv fe;
		addr_scenario(fe);
		EXPECT_EQ(fe.live_blocks, 0);
		EXPECT_TRUE(fe.traced(MIP6_EV_MD_PLATFORM_REMOVED_COA));
		EXPECT_TRUE(fe.traced(MIP6_EV_MD_PLATFORM_ADOPTED));
		total = fe.alloc_count;
	}
	ASSERT_GT(total, 3);
	for (long i = 0; i < total; i++) {
		t::FakeEnv fe;
		fe.fail_at = i;
		addr_scenario(fe);
		EXPECT_EQ(fe.live_blocks, 0) << "allocation " << i;
	}
}
