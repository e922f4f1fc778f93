// SPDX-License-Identifier: BSD-3-Clause
// The public read API (mip6/view.h): what a control tool prints about a
// node. A home agent with a mobile node, a mobile router with its prefixes,
// an MCoA client with two BIDs and a registration waiting for DAD; a
// correspondent's binding; a mobile node's binding update list and return
// routability through home registration and route optimisation; movement
// detection's care-of addresses through RA and DAD. Each is driven through
// the entry points only, and the views are checked against what the node
// was told and answered on the wire.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_cn_fixture.h"
#include "test_ha_util.h"
#include "test_mn_ro_fixture.h"

extern "C" {
#include "mip6/dp.h"
#include "mip6/err.h"
#include "mip6/view.h"
}

namespace
{

// Every entry of a view list, sized by a first call (the documented use).
template <typename T, typename F> std::vector<T> all(const mip6_node_t *n, F fn)
{
	std::vector<T> v(fn(n, nullptr, 0));
	size_t got = fn(n, v.data(), v.size());
	EXPECT_EQ(got, v.size());
	return v;
}

std::vector<mip6_view_bc_t> bc(const mip6_node_t *n)
{
	return all<mip6_view_bc_t>(n, mip6_view_bc);
}

std::vector<mip6_view_bc_t> bc_of(const mip6_node_t *n, const mip6_addr_t &hoa)
{
	std::vector<mip6_view_bc_t> v(mip6_view_bc_of(n, &hoa, nullptr, 0));
	EXPECT_EQ(mip6_view_bc_of(n, &hoa, v.data(), v.size()), v.size());
	return v;
}

std::vector<mip6_view_bul_t> bul(const mip6_node_t *n)
{
	return all<mip6_view_bul_t>(n, mip6_view_bul);
}

std::vector<mip6_view_rr_t> rr(const mip6_node_t *n)
{
	return all<mip6_view_rr_t>(n, mip6_view_rr);
}

std::vector<mip6_view_coa_t> coas(const mip6_node_t *n)
{
	return all<mip6_view_coa_t>(n, mip6_view_coas);
}

mip6_view_node_t node(const mip6_node_t *n)
{
	mip6_view_node_t v;
	memset(&v, 0xff, sizeof(v)); // everything must be written
	mip6_view_node(n, &v);
	return v;
}

const mip6_view_bc_t *bid_of(const std::vector<mip6_view_bc_t> &v, uint16_t bid)
{
	for (auto &e : v)
		if (e.bid == bid)
			return &e;
	return nullptr;
}

bool zero(const uint32_t *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (w[i])
			return false;
	return true;
}

// --- Home agent ---

using hat::Bu;
using hat::sec;

const mip6_addr_t kMr = t::addr("2001:db8:1::300");
const mip6_addr_t kMrCoa = t::addr("2001:db8:4::300");
const mip6_addr_t kWaiting = t::addr("2001:db8:1::400");
const mip6_prefix_t kNet = hat::pfx("2001:db8:100::", 48);

struct ViewHa : hat::HaFixture {
	void SetUp() override
	{
		client(hat::kHoa); // a plain mobile node
		mip6_ha_client_t &mr = client(kMr);
		mr.mr_allowed = true;
		mr.nmnp = 1;
		mr.mnp[0] = kNet;
		client(hat::kHoa2).mcoa_allowed = true;
		client(kWaiting);
		ASSERT_EQ(start(), 0);
	}

	// kHoa at kCoa; kMr (implicit mode: the configured prefix); kHoa2 at
	// kCoa (BID 1) and kCoa2 (BID 2); kWaiting's first BU without a DAD
	// result yet.
	void populate()
	{
		Bu mn;
		mn.seq = 11;
		mn.lifetime = 100; // 400 s
		registered(mn);
		Bu mr;
		mr.hoa = kMr;
		mr.src = kMrCoa;
		mr.seq = 3;
		mr.flags |= MIP6_BU_F_R;
		mr.lifetime = 50;
		registered(mr);
		Bu mc;
		mc.hoa = hat::kHoa2;
		mc.seq = 20;
		mc.bids = {
		    {1, &hat::kCoa, 0}}; // a first registration of a BID carries its CoA (RFC 5648 5.1)
		registered(mc);
		mc.seq = 21;
		mc.src = hat::kCoa2;
		mc.bids = {{2, &hat::kCoa2, 0}};
		send(mc);
		ASSERT_EQ(ba().u.ba.status, MIP6_BA_ACCEPTED);
		Bu w;
		w.hoa = kWaiting;
		w.src = t::addr("2001:db8:5::400");
		w.seq = 9;
		send(w); // its DAD is never answered here
	}
};

TEST_F(ViewHa, BindingCacheEntriesWithTheirLifetimesFlagsAndPrefixes)
{
	populate();
	const mip6_ns_t t0 = now;
	auto v = bc(n);
	ASSERT_EQ(v.size(), 5u); // kHoa, kMr, kHoa2 x 2 BIDs, kWaiting
	for (auto &e : v) {
		EXPECT_EQ(e.role, MIP6_NODE_HA);
		EXPECT_EQ(t::str(e.local), t::str(hat::kHa));
		EXPECT_TRUE(e.flags & MIP6_BF_HOME);
		EXPECT_TRUE(zero(e.reserved, 4));
	}

	auto mn = bc_of(n, hat::kHoa);
	ASSERT_EQ(mn.size(), 1u);
	EXPECT_EQ(mn[0].flags, MIP6_BF_HOME);
	EXPECT_EQ(t::str(mn[0].coa), t::str(hat::kCoa));
	EXPECT_EQ(mn[0].bid, 0);
	EXPECT_EQ(mn[0].seq, 11);
	EXPECT_EQ(mn[0].lifetime_s, 400u);
	EXPECT_EQ(mn[0].left_s, 400u);
	EXPECT_EQ(mn[0].expires, t0 + sec(400));
	EXPECT_FALSE(mn[0].dad_pending);
	EXPECT_EQ(mn[0].nmnp, 0);

	auto mr = bc_of(n, kMr);
	ASSERT_EQ(mr.size(), 1u);
	EXPECT_EQ(mr[0].flags, MIP6_BF_HOME | MIP6_BF_MR);
	EXPECT_EQ(t::str(mr[0].coa), t::str(kMrCoa));
	EXPECT_EQ(mr[0].seq, 3);
	EXPECT_EQ(mr[0].lifetime_s, 200u);
	ASSERT_EQ(mr[0].nmnp, 1);
	EXPECT_EQ(t::str(mr[0].mnp[0].prefix), "2001:db8:100::");
	EXPECT_EQ(mr[0].mnp[0].plen, 48);

	auto mc = bc_of(n, hat::kHoa2);
	ASSERT_EQ(mc.size(), 2u);
	const mip6_view_bc_t *b1 = bid_of(mc, 1), *b2 = bid_of(mc, 2);
	ASSERT_TRUE(b1 && b2);
	EXPECT_EQ(t::str(b1->coa), t::str(hat::kCoa));
	EXPECT_EQ(t::str(b2->coa), t::str(hat::kCoa2));
	EXPECT_EQ(b1->seq, 21); // one sequence number per home address
	EXPECT_EQ(b2->seq, 21);

	auto w = bc_of(n, kWaiting);
	ASSERT_EQ(w.size(), 1u);
	EXPECT_TRUE(w[0].dad_pending);
	EXPECT_EQ(t::str(w[0].coa), "2001:db8:5::400");
	EXPECT_EQ(w[0].seq, 9);
	EXPECT_EQ(w[0].lifetime_s, 400u); // what it gets if DAD passes
	EXPECT_EQ(w[0].expires, MIP6_NS_NEVER);
	EXPECT_EQ(w[0].left_s, 0u);

	// Time left counts down with the node's clock.
	advance(sec(100));
	mn = bc_of(n, hat::kHoa);
	ASSERT_EQ(mn.size(), 1u);
	EXPECT_EQ(mn[0].left_s, 300u);
	EXPECT_EQ(mn[0].expires, t0 + sec(400));
	EXPECT_EQ(bc_of(n, hat::kCn).size(), 0u);
}

TEST_F(ViewHa, NodeSummaryAndDataPlaneAgreeWithTheBindingCache)
{
	populate();
	mip6_view_node_t s = node(n);
	EXPECT_EQ(s.roles, MIP6_NODE_HA);
	EXPECT_FALSE(s.md);
	EXPECT_EQ(s.nifaces, 2u);
	EXPECT_EQ(s.ha_homes, 4u);
	EXPECT_EQ(s.ha_bindings, 4u);
	EXPECT_EQ(s.ha_dad_pending, 1u);
	EXPECT_EQ(s.ha_routers, 1u);
	EXPECT_EQ(s.cn_bindings, 0u);
	EXPECT_EQ(s.bul_home + s.bul_cn, 0u);
	EXPECT_EQ(s.dp_bindings, 4u);
	EXPECT_EQ(s.dp_mnps, 1u);
	EXPECT_GT(s.dp_memory, 0u);
	EXPECT_EQ(s.bus_queued, 0u);
	EXPECT_EQ(s.dad_ops, 1u); // kWaiting's
	EXPECT_EQ(s.now, now);
	EXPECT_EQ(s.next_timeout, mip6_node_next_timeout(n));
	EXPECT_TRUE(zero(s.reserved, 7));

	mip6_view_dp_bc_t d;
	ASSERT_EQ(mip6_view_dp_bc(n, &hat::kHoa2, 2, &d), 0);
	EXPECT_EQ(t::str(d.coa), t::str(hat::kCoa2));
	EXPECT_EQ(d.bid, 2);
	EXPECT_TRUE(d.flags & MIP6_DPF_HOME);
	ASSERT_EQ(mip6_view_dp_bc(n, &kMr, 0, &d), 0);
	EXPECT_EQ(d.flags, MIP6_DPF_HOME | MIP6_DPF_MR);
	EXPECT_EQ(mip6_view_dp_bc(n, &kWaiting, 0, &d), MIP6_E_INVAL); // nothing programmed before DAD

	// De-registration: the entry leaves every view.
	Bu bye;
	bye.seq = 12;
	bye.lifetime = 0;
	send(bye);
	EXPECT_EQ(bc_of(n, hat::kHoa).size(), 0u);
	EXPECT_EQ(bc(n).size(), 4u);
	EXPECT_EQ(node(n).ha_bindings, 3u);
	EXPECT_EQ(mip6_view_dp_bc(n, &hat::kHoa, 0, &d), MIP6_E_INVAL);
}

TEST_F(ViewHa, ListsReturnTheTotalAndWriteNoMoreThanCap)
{
	populate();
	mip6_view_bc_t v[3];
	memset(v, 0xab, sizeof(v));
	EXPECT_EQ(mip6_view_bc(n, v, 2), 5u);
	EXPECT_EQ(v[0].role, MIP6_NODE_HA);
	EXPECT_EQ(v[1].role, MIP6_NODE_HA);
	const uint8_t *untouched = reinterpret_cast<const uint8_t *>(&v[2]);
	for (size_t i = 0; i < sizeof(v[2]); i++)
		ASSERT_EQ(untouched[i], 0xab) << "byte " << i;
	EXPECT_EQ(mip6_view_bc(n, nullptr, 0), 5u);
	// The views copy: they stay what they were after the node changed.
	auto before = bc_of(n, hat::kHoa);
	Bu bye;
	bye.seq = 12;
	bye.lifetime = 0;
	send(bye);
	ASSERT_EQ(before.size(), 1u);
	EXPECT_EQ(t::str(before[0].coa), t::str(hat::kCoa));
}

TEST_F(ViewHa, InterfacesAsConfigured)
{
	auto v = all<mip6_view_iface_t>(n, mip6_view_ifaces);
	ASSERT_EQ(v.size(), 2u);
	EXPECT_EQ(v[0].ifindex, hat::kHome);
	EXPECT_EQ(v[1].ifindex, hat::kUp);
	EXPECT_TRUE(v[0].up);
	EXPECT_EQ(v[0].routers, 0); // no movement detection on this node
	EXPECT_EQ(all<mip6_view_bul_t>(n, mip6_view_bul).size(), 0u);
	EXPECT_EQ(all<mip6_view_coa_t>(n, mip6_view_coas).size(), 0u);
}

// --- Correspondent ---

struct ViewCn : cnt::Cn {
};

TEST_F(ViewCn, RouteOptimisedBinding)
{
	bind(7, 50);
	auto v = bc(n);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].role, MIP6_NODE_CN);
	EXPECT_EQ(v[0].flags, MIP6_BF_RO);
	EXPECT_EQ(t::str(v[0].hoa), t::str(cnt::kHoa));
	EXPECT_EQ(t::str(v[0].coa), t::str(cnt::kCoa));
	EXPECT_EQ(t::str(v[0].local), t::str(cnt::kCn));
	EXPECT_EQ(v[0].seq, 7);
	EXPECT_EQ(v[0].lifetime_s, 200u);
	EXPECT_EQ(v[0].expires, now + MIP6_SEC(200));
	EXPECT_EQ(v[0].left_s, 200u);
	EXPECT_EQ(bc_of(n, cnt::kHoa).size(), 1u);
	EXPECT_EQ(bc_of(n, cnt::kHoa2).size(), 0u);
	mip6_view_node_t s = node(n);
	EXPECT_EQ(s.roles, MIP6_NODE_CN);
	EXPECT_EQ(s.cn_bindings, 1u);
	EXPECT_EQ(s.dp_bindings, 1u);
	mip6_view_dp_bc_t d;
	ASSERT_EQ(mip6_view_dp_bc(n, &cnt::kHoa, 0, &d), 0);
	EXPECT_EQ(d.flags, MIP6_DPF_RO);
	// Expiry takes it out of the view (a retired entry holds no binding).
	run_until(now + MIP6_SEC(201));
	EXPECT_EQ(bc(n).size(), 0u);
	EXPECT_EQ(node(n).cn_bindings, 0u);
}

// --- Mobile node ---

struct ViewMn : mnt::MnRo {
	const mip6_view_bul_t *home() const
	{
		for (auto &e : v)
			if (e.peer_role == MIP6_NODE_HA)
				return &e;
		return nullptr;
	}
	const mip6_view_bul_t *to_cn_entry() const
	{
		for (auto &e : v)
			if (e.peer_role == MIP6_NODE_CN)
				return &e;
		return nullptr;
	}
	std::vector<mip6_view_bul_t> v;
	void read() { v = bul(n); }
};

TEST_F(ViewMn, BindingUpdateListThroughHomeRegistrationAndRouteOptimisation)
{
	start();
	read();
	EXPECT_TRUE(v.empty()); // no care-of address yet
	mip6_view_node_t s = node(n);
	EXPECT_EQ(s.roles, MIP6_NODE_MN);
	EXPECT_EQ(t::str(s.hoa), t::str(hoa));
	EXPECT_EQ(t::str(s.ha), t::str(ha));
	EXPECT_TRUE(s.ha_known);

	md(MIP6_MD_NEW_COA, 1, coa1);
	auto *bu = last_mh(MIP6_MH_BU);
	ASSERT_NE(bu, nullptr);
	const mip6_ns_t sent = now;
	read();
	ASSERT_EQ(v.size(), 1u);
	const mip6_view_bul_t *h = home();
	ASSERT_NE(h, nullptr);
	EXPECT_STREQ(h->state, "WAITA");
	EXPECT_EQ(h->flags, MIP6_BF_HOME);
	EXPECT_FALSE(h->bound);
	EXPECT_EQ(h->seq, mh(bu).u.bu.seq);
	EXPECT_EQ(t::str(h->peer), t::str(ha));
	EXPECT_EQ(t::str(h->hoa), t::str(hoa));
	EXPECT_EQ(t::str(h->coa), t::str(coa1));
	EXPECT_EQ(h->ifindex, 1u);
	EXPECT_EQ(h->lifetime_req_s, 600u);
	EXPECT_EQ(h->lifetime_s, 0u);
	EXPECT_EQ(h->tx_count, 1u);
	EXPECT_EQ(h->expires, MIP6_NS_NEVER);
	// RFC 6275 11.8: InitialBindackTimeoutFirstReg, 1.5 s, for a first registration.
	EXPECT_EQ(h->next_tx, sent + MIP6_MS(1500));

	ASSERT_EQ(input(ba(mh(bu).u.bu.seq, 0, 100 /* 400 s */, 0, &coa1)), MIP6_CONSUMED);
	read();
	h = home();
	ASSERT_NE(h, nullptr);
	EXPECT_STREQ(h->state, "BOUND");
	EXPECT_TRUE(h->bound);
	EXPECT_EQ(h->lifetime_s, 400u);
	EXPECT_EQ(h->expires, sent + MIP6_SEC(400)); // counted from the BU (RFC 6275 11.7.3)
	EXPECT_EQ(h->next_tx, MIP6_NS_NEVER);
	EXPECT_GT(h->refresh, now);
	EXPECT_LT(h->refresh, h->expires);

	// Route optimisation with the correspondent.
	rr_hint(cn);
	read();
	ASSERT_EQ(v.size(), 2u);
	const mip6_view_bul_t *c = to_cn_entry();
	ASSERT_NE(c, nullptr);
	EXPECT_STREQ(c->state, "RRINIT");
	EXPECT_EQ(c->flags, MIP6_BF_RO);
	EXPECT_EQ(t::str(c->peer), t::str(cn));
	EXPECT_EQ(c->lifetime_req_s, 0u); // no BU in flight yet
	EXPECT_FALSE(c->bound);
	auto r = rr(n);
	ASSERT_EQ(r.size(), 1u);
	EXPECT_STREQ(r[0].state, "WAITHC");
	EXPECT_EQ(t::str(r[0].cn), t::str(cn));
	EXPECT_FALSE(r[0].home_token);
	EXPECT_FALSE(r[0].coa_token);
	EXPECT_EQ(r[0].home_at, MIP6_NS_NEVER);

	auto *hoti = to_cn(MIP6_MH_HOTI).back();
	auto *coti = to_cn(MIP6_MH_COTI).back();
	const mip6_ns_t hot_at = now;
	ASSERT_EQ(input(hot(hoti)), MIP6_CONSUMED);
	r = rr(n);
	ASSERT_EQ(r.size(), 1u);
	EXPECT_STREQ(r[0].state, "WAITC");
	EXPECT_TRUE(r[0].home_token);
	EXPECT_FALSE(r[0].coa_token);
	EXPECT_EQ(r[0].home_nonce, idx_h);
	EXPECT_EQ(r[0].home_at, hot_at);
	EXPECT_EQ(r[0].home_expires, hot_at + MIP6_SEC(210)); // MAX_TOKEN_LIFETIME

	ASSERT_EQ(input(cot(coti)), MIP6_CONSUMED);
	r = rr(n);
	ASSERT_EQ(r.size(), 1u);
	EXPECT_TRUE(r[0].home_token);
	EXPECT_TRUE(r[0].coa_token);
	EXPECT_EQ(r[0].coa_nonce, idx_c);
	EXPECT_EQ(t::str(r[0].coa), t::str(coa1));
	auto *cbu = to_cn(MIP6_MH_BU).back();
	const mip6_ns_t cbu_at = now;
	read();
	c = to_cn_entry();
	ASSERT_NE(c, nullptr);
	EXPECT_STREQ(c->state, "WAITA");
	EXPECT_EQ(c->seq, mh(cbu).u.bu.seq);
	// At most MAX_RR_BINDING_LIFETIME and not beyond the home binding
	// (RFC 6275 11.7.2): 400 s granted by the home agent, less what passed.
	EXPECT_EQ(c->lifetime_req_s, mh(cbu).u.bu.lifetime * 4u);
	EXPECT_LE(c->lifetime_req_s, 400u);
	EXPECT_EQ(c->lifetime_s, 0u);
	EXPECT_EQ(t::str(c->coa), t::str(coa1));
	EXPECT_NE(c->next_tx, MIP6_NS_NEVER);

	auto ht = token(hoa, false, nonce_h), ct = token(coa1, true, nonce_c);
	ASSERT_EQ(input(cn_ba(mh(cbu).u.bu.seq, 0, 50 /* 200 s */, kbm(ht, &ct), coa1)), MIP6_CONSUMED);
	read();
	c = to_cn_entry();
	ASSERT_NE(c, nullptr);
	EXPECT_STREQ(c->state, "BOUND");
	EXPECT_TRUE(c->bound);
	EXPECT_EQ(c->lifetime_s, 200u); // the CN's grant, as its BA says
	EXPECT_EQ(c->expires, cbu_at + MIP6_SEC(200));
	EXPECT_EQ(c->lifetime_req_s, 0u);
	EXPECT_EQ(c->next_tx, MIP6_NS_NEVER);
	s = node(n);
	EXPECT_EQ(s.bul_home, 1u);
	EXPECT_EQ(s.bul_cn, 1u);
	EXPECT_FALSE(s.at_home);
}

TEST_F(ViewMn, ReturningHomeFlagsTheDeregistration)
{
	start();
	register_at(coa1);
	md(MIP6_MD_HOME, 1, t::addr("::"));
	ops_done();
	auto v = bul(n);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_STREQ(v[0].state, "WAITD");
	EXPECT_EQ(v[0].flags, MIP6_BF_HOME | MIP6_BF_DEREG);
	EXPECT_EQ(v[0].lifetime_req_s, 0u);
	auto *bu = last_mh(MIP6_MH_BU);
	ASSERT_NE(bu, nullptr);
	EXPECT_EQ(mh(bu).u.bu.lifetime, 0); // what the view says is on the wire
	EXPECT_EQ(v[0].seq, mh(bu).u.bu.seq);
	EXPECT_TRUE(node(n).at_home);
}

struct ViewMr : mnt::MnTest {
};

TEST_F(ViewMr, MobileRouterAndMcoaHomeEntries)
{
	cfg.mr = true;
	cfg.mcoa = true;
	cfg.nmnp = 1;
	cfg.mnp[0] = kNet;
	start();
	md(MIP6_MD_NEW_COA, 1, coa1, 1);
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 150, MIP6_BA_F_R, &coa1, {mnt::bid_opt(1)}), 1);
	md(MIP6_MD_NEW_COA, 2, coa2, 2);
	input(ba(mh(last_mh(MIP6_MH_BU)).u.bu.seq, 0, 150, MIP6_BA_F_R, &coa2, {mnt::bid_opt(2)}), 2);
	auto v = bul(n);
	ASSERT_EQ(v.size(), 2u);
	for (auto &e : v) {
		EXPECT_EQ(e.peer_role, MIP6_NODE_HA);
		EXPECT_EQ(e.flags, MIP6_BF_HOME | MIP6_BF_MR);
		EXPECT_STREQ(e.state, "BOUND");
		EXPECT_EQ(e.lifetime_s, 600u);
		EXPECT_EQ(t::str(e.coa), t::str(e.bid == 1 ? coa1 : coa2));
		EXPECT_EQ(e.ifindex, e.bid);
	}
	EXPECT_NE(v[0].bid, v[1].bid);
	EXPECT_EQ(node(n).roles, MIP6_NODE_MR);
	auto ifs = all<mip6_view_iface_t>(n, mip6_view_ifaces);
	ASSERT_EQ(ifs.size(), 2u);
	EXPECT_EQ(ifs[1].ifindex, 2u);
	EXPECT_EQ(ifs[1].bid, 2);
	ASSERT_EQ(ifs[1].lladdr_len, 6);
	EXPECT_EQ(ifs[1].lladdr[0], 0x02 + 0x20);
}

// --- Movement detection ---

const uint8_t kA = MIP6_PI_F_L | MIP6_PI_F_A;
const uint8_t kMac[6] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55};

std::vector<uint8_t> ra(const char *router, uint16_t lifetime, const char *prefix, uint32_t valid,
                        uint32_t preferred)
{
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_RA);
	m.u.ra.hop_limit = 64;
	m.u.ra.lifetime = lifetime;
	mip6_nd_opt_t *l = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_SLLA); // optimistic DAD needs it (RFC 4429 3.2)
	l->u.lla.len = 6;
	memcpy(l->u.lla.addr, kMac, 6);
	mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_PREFIX);
	o->u.prefix.plen = 64;
	o->u.prefix.flags = kA;
	o->u.prefix.valid = valid;
	o->u.prefix.preferred = preferred;
	o->u.prefix.prefix = t::addr(prefix);
	return t::icmp6(m, t::addr(router), t::addr("ff02::1"), 255);
}

struct ViewMd : t::NodeTest {
	mip6_md_cfg_t cfg{};
	ViewMd() : NodeTest(MIP6_SEC(10)) {}

	void SetUp() override
	{
		env = fe.env();
		n = mip6_node_new(&env, now);
		ASSERT_NE(n, nullptr);
		for (uint32_t i = 1; i <= 2; i++) {
			mip6_iface_cfg_t c{};
			c.ifindex = i;
			c.preference = static_cast<uint8_t>(10 * i);
			memcpy(c.lladdr, kMac, 6);
			c.lladdr[5] = static_cast<uint8_t>(i);
			c.lladdr_len = 6;
			ASSERT_EQ(mip6_node_add_iface(n, &c), 0);
		}
		cfg.home = hat::pfx("2001:db8:aaaa::", 64);
	}
	void enable()
	{
		ASSERT_EQ(mip6_node_enable_md(n, &cfg), 0);
		mip6_node_link(n, 1, true, now);
		mip6_node_link(n, 2, true, now);
	}
	void input(uint32_t ifindex, const std::vector<uint8_t> &p)
	{
		EXPECT_EQ(mip6_node_input(n, ifindex, p.data(), p.size(), now), MIP6_PASS);
	}
	mip6_op_t last_dad() const
	{
		auto v = fe.ops_of(MIP6_OP_DAD);
		return v.empty() ? mip6_op_t{} : v.back();
	}
	const mip6_view_coa_t *on(const std::vector<mip6_view_coa_t> &v, uint32_t ifindex) const
	{
		for (auto &c : v)
			if (c.ifindex == ifindex)
				return &c;
		return nullptr;
	}
};

TEST_F(ViewMd, CareOfAddressesThroughRouterAdvertisementAndDad)
{
	enable();
	input(1, ra("fe80::1", 1800, "2001:db8:1::", 86400, 14400));
	auto v = coas(n);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_EQ(v[0].ifindex, 1u);
	EXPECT_STREQ(v[0].state, "TENTATIVE");
	EXPECT_EQ(t::str(v[0].prefix), "2001:db8:1::");
	EXPECT_EQ(v[0].plen, 64);
	// RFC 4291 appendix A: 00:11:22:33:44:01 -> 0211:22ff:fe33:4401.
	EXPECT_EQ(t::str(v[0].addr), "2001:db8:1:0:211:22ff:fe33:4401");
	EXPECT_EQ(t::str(v[0].router), "fe80::1");
	EXPECT_FALSE(v[0].usable);
	EXPECT_FALSE(v[0].chosen);
	EXPECT_FALSE(v[0].primary);
	EXPECT_EQ(v[0].valid_until, now + MIP6_SEC(86400));
	EXPECT_EQ(v[0].preferred_until, now + MIP6_SEC(14400));
	mip6_op_t dad1 = last_dad();
	EXPECT_EQ(t::str(dad1.addr), t::str(v[0].addr));
	EXPECT_EQ(node(n).dad_ops, 1u);

	mip6_node_op_result(n, dad1.id, 0, now);
	v = coas(n);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_STREQ(v[0].state, "PREFERRED");
	EXPECT_TRUE(v[0].usable);
	EXPECT_TRUE(v[0].chosen);
	EXPECT_TRUE(v[0].primary);

	// Interface 2, higher preference: its address becomes the primary one.
	input(2, ra("fe80::2", 1800, "2001:db8:2::", 86400, 86400));
	mip6_node_op_result(n, last_dad().id, 0, now);
	v = coas(n);
	ASSERT_EQ(v.size(), 2u);
	const mip6_view_coa_t *c1 = on(v, 1), *c2 = on(v, 2);
	ASSERT_TRUE(c1 && c2);
	EXPECT_TRUE(c1->chosen);
	EXPECT_FALSE(c1->primary);
	EXPECT_TRUE(c2->chosen);
	EXPECT_TRUE(c2->primary);
	EXPECT_EQ(t::str(c2->router), "fe80::2");

	// The preferred lifetime runs out (RFC 4862 5.5.4): deprecated, still usable.
	input(1, ra("fe80::1", 1800, "2001:db8:1::", 86400, 0));
	v = coas(n);
	c1 = on(v, 1);
	ASSERT_NE(c1, nullptr);
	EXPECT_STREQ(c1->state, "DEPRECATED");
	EXPECT_TRUE(c1->usable);

	auto ifs = all<mip6_view_iface_t>(n, mip6_view_ifaces);
	ASSERT_EQ(ifs.size(), 2u);
	EXPECT_EQ(ifs[0].ifindex, 1u);
	EXPECT_TRUE(ifs[0].up);
	EXPECT_EQ(ifs[0].preference, 10);
	EXPECT_EQ(ifs[1].preference, 20);
	EXPECT_EQ(ifs[0].routers, 1);
	EXPECT_EQ(ifs[0].coas, 1);
	EXPECT_FALSE(ifs[0].home);
	EXPECT_EQ(ifs[0].lladdr_len, 6);
	EXPECT_EQ(ifs[0].lladdr[5], 1);
	mip6_view_node_t s = node(n);
	EXPECT_TRUE(s.md);
	EXPECT_EQ(s.roles, 0u);
	EXPECT_EQ(s.coas, 2u);
}

TEST_F(ViewMd, OptimisticAddressAndTheHomeLink)
{
	cfg.optimistic_dad = true;
	enable();
	input(1, ra("fe80::1", 1800, "2001:db8:1::", 86400, 86400));
	auto v = coas(n);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_STREQ(v[0].state, "OPTIMISTIC"); // RFC 4429: usable while DAD runs
	EXPECT_TRUE(v[0].usable);
	EXPECT_TRUE(v[0].primary);

	// A duplicate: that identifier failed (a new one's DAD starts).
	mip6_op_t first = last_dad();
	mip6_node_op_result(n, first.id, MIP6_OP_DUPLICATE, now);
	v = coas(n);
	ASSERT_EQ(v.size(), 1u);
	EXPECT_NE(t::str(v[0].addr), t::str(first.addr));

	// The home prefix on interface 2: no address, the home link is primary.
	input(2, ra("fe80::2", 1800, "2001:db8:aaaa::", 86400, 86400));
	v = coas(n);
	const mip6_view_coa_t *h = on(v, 2);
	ASSERT_NE(h, nullptr);
	EXPECT_TRUE(h->home);
	EXPECT_STREQ(h->state, "NONE");
	EXPECT_EQ(t::str(h->addr), "::");
	EXPECT_TRUE(h->primary);
	EXPECT_FALSE(on(v, 1)->primary);
	auto ifs = all<mip6_view_iface_t>(n, mip6_view_ifaces);
	ASSERT_EQ(ifs.size(), 2u);
	EXPECT_TRUE(ifs[1].home);
	EXPECT_EQ(ifs[1].coas, 0);
}

TEST(View, StateNamesAreNulTerminatedCopies)
{
	mip6_view_bul_t b{};
	static_assert(sizeof(b.state) == MIP6_VIEW_NAME_LEN, "state is a fixed array");
	static_assert(MIP6_VIEW_VERSION == 1, "view version");
	t::FakeEnv fe;
	mip6_env_t env = fe.env();
	mip6_node_t *n = mip6_node_new(&env, 0);
	ASSERT_NE(n, nullptr);
	// A node with no role has empty lists and a zero summary.
	EXPECT_EQ(mip6_view_bc(n, nullptr, 0), 0u);
	EXPECT_EQ(mip6_view_bul(n, nullptr, 0), 0u);
	EXPECT_EQ(mip6_view_rr(n, nullptr, 0), 0u);
	EXPECT_EQ(mip6_view_coas(n, nullptr, 0), 0u);
	EXPECT_EQ(mip6_view_ifaces(n, nullptr, 0), 0u);
	mip6_addr_t any = t::addr("2001:db8::1");
	EXPECT_EQ(mip6_view_bc_of(n, &any, nullptr, 0), 0u);
	mip6_view_node_t s = node(n);
	EXPECT_EQ(s.roles, 0u);
	EXPECT_EQ(s.dp_bindings, 0u);
	EXPECT_EQ(s.next_timeout, MIP6_NS_NEVER);
	mip6_node_free(n);
	EXPECT_EQ(fe.live_blocks, 0);
}

} // namespace
