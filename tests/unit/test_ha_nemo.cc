// SPDX-License-Identifier: BSD-3-Clause
// The home agent's NEMO (RFC 3963) and MCoA (RFC 5648) side: which
// prefixes a mobile router may claim, implicit and explicit mode, routes
// for the mobile networks, several bindings per home address, bulk
// registration with per-BID status, and deregistering one BID.
#include <map>

#include "test_ha_util.h"

namespace
{

using namespace hat;

const mip6_prefix_t kNet = pfx("2001:db8:100::", 48);
const mip6_prefix_t kSub1 = pfx("2001:db8:100:1::", 64);
const mip6_prefix_t kSub2 = pfx("2001:db8:100:2::", 64);
const mip6_addr_t kMnn = t::addr("2001:db8:100:1::5"); // a node in the mobile network

struct HaNemo : HaFixture {
	void SetUp() override
	{
		mip6_ha_client_t &c = client(kHoa);
		c.mr_allowed = true;
		c.nmnp = 1;
		c.mnp[0] = kNet;
		client(kHoa2); // a mobile node that is not a router
		ASSERT_EQ(start(), 0);
	}

	Bu mr_bu(uint16_t seq = 1)
	{
		Bu bu;
		bu.seq = seq;
		bu.flags |= MIP6_BU_F_R;
		return bu;
	}
};

TEST_F(HaNemo, ImplicitModeRoutesTheConfiguredPrefixes)
{
	registered(mr_bu());
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(ba().u.ba.flags, MIP6_BA_F_R); // RFC 3963 6.2
	auto r = ops(MIP6_OP_ROUTE_ADD);
	ASSERT_EQ(r.size(), 1u);
	EXPECT_EQ(t::str(r[0].addr), "2001:db8:100::");
	EXPECT_EQ(r[0].plen, 48);
	EXPECT_EQ(r[0].ifindex, 0u); // into the core
	// The data plane now carries the mobile network into the MR's tunnel.
	fe.sent.clear();
	EXPECT_EQ(input(udp(kCn, kMnn), kUp), MIP6_CONSUMED);
	ASSERT_EQ(fe.sent.size(), 1u);
	ASSERT_EQ(fe.sent[0].pkt->nlayers, 2u);
	EXPECT_EQ(t::str(fe.sent[0].pkt->layer[0].ip.dst), t::str(kCoa));
	EXPECT_EQ(t::str(fe.sent[0].pkt->layer[1].ip.dst), t::str(kMnn));

	// Deregistration removes the route.
	Bu bu = mr_bu(2);
	bu.lifetime = 0;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	auto d = ops(MIP6_OP_ROUTE_DEL);
	ASSERT_EQ(d.size(), 1u);
	EXPECT_EQ(t::str(d[0].addr), "2001:db8:100::");
	EXPECT_EQ(d[0].plen, 48);
	fe.sent.clear();
	input(udp(kCn, kMnn), kUp);
	EXPECT_TRUE(fe.sent.empty());
}

TEST_F(HaNemo, ExplicitModeRoutesTheListedPrefixesWithinTheAllowedOnes)
{
	Bu bu = mr_bu();
	bu.mnps = {kSub1, kSub2};
	registered(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(ba().u.ba.flags, MIP6_BA_F_R);
	auto r = ops(MIP6_OP_ROUTE_ADD);
	ASSERT_EQ(r.size(), 2u);
	EXPECT_EQ(t::str(r[0].addr), "2001:db8:100:1::");
	EXPECT_EQ(t::str(r[1].addr), "2001:db8:100:2::");
	EXPECT_EQ(r[0].plen, 64);
	// A refresh with another set moves only the difference.
	bu.seq = 2;
	bu.mnps = {kSub2, kNet};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	auto d = ops(MIP6_OP_ROUTE_DEL);
	ASSERT_EQ(d.size(), 1u);
	EXPECT_EQ(t::str(d[0].addr), "2001:db8:100:1::");
	r = ops(MIP6_OP_ROUTE_ADD);
	ASSERT_EQ(r.size(), 3u);
	EXPECT_EQ(t::str(r[2].addr), "2001:db8:100::");
	// The same set again: no route operation.
	bu.seq = 3;
	send(bu);
	EXPECT_EQ(ops(MIP6_OP_ROUTE_ADD).size(), 3u);
	EXPECT_EQ(ops(MIP6_OP_ROUTE_DEL).size(), 1u);
	// Expiry removes what is left.
	advance(sec(401));
	EXPECT_EQ(ops(MIP6_OP_ROUTE_DEL).size(), 3u);
}

TEST_F(HaNemo, PrefixOutsideTheAllowedOnesIs142)
{
	Bu bu = mr_bu();
	bu.mnps = {kSub1, pfx("2001:db8:200::", 64)};
	send(bu);
	ASSERT_EQ(nba(), 1u);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_NOT_AUTH_FOR_PREFIX);
	EXPECT_EQ(ba().u.ba.flags, 0);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_NOT_AUTH_FOR_PREFIX], 1u);
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
	// A shorter prefix than the allowed one is not inside it either.
	bu.mnps = {pfx("2001:db8::", 32)};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_NOT_AUTH_FOR_PREFIX);
	EXPECT_TRUE(ops(MIP6_OP_ROUTE_ADD).empty());
}

TEST_F(HaNemo, MalformedPrefixIs141)
{
	Bu bu = mr_bu();
	bu.mnps = {pfx("2001:db8:100::", 0)};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_INVALID_PREFIX);
	bu.mnps = {pfx("2001:db8:100::", 129)};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_INVALID_PREFIX);
	bu.mnps = {pfx("ff0e::", 16)};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_INVALID_PREFIX);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_INVALID_PREFIX], 3u);
}

TEST_F(HaNemo, ImplicitModeWithoutConfiguredPrefixesIs143)
{
	clients[1].mr_allowed = true; // kHoa2: router, no prefixes (reconfigure)
	mip6_node_free(n);
	ASSERT_EQ(start(), 0);
	Bu bu = mr_bu();
	bu.hoa = kHoa2;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_FWD_SETUP_FAILED);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_FWD_SETUP_FAILED], 1u);
}

TEST_F(HaNemo, RouterFlagWithoutPermissionIs140)
{
	Bu bu = mr_bu();
	bu.hoa = kHoa2;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_MR_OP_NOT_PERMITTED);
	EXPECT_EQ(ba().u.ba.flags, 0);
	bu.hoa = t::addr("2001:db8:1::300"); // not a client at all
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_MR_OP_NOT_PERMITTED);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_MR_OP_NOT_PERMITTED], 2u);
	EXPECT_EQ(stats().drop_unauthorised, 2u);
}

TEST_F(HaNemo, PrefixOptionsWithoutRouterFlagAreIgnored)
{
	Bu bu;
	bu.mnps = {kSub1};
	registered(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(ba().u.ba.flags, 0);
	EXPECT_TRUE(ops(MIP6_OP_ROUTE_ADD).empty());
}

// --- MCoA ---

struct HaMcoa : HaFixture {
	void SetUp() override
	{
		mip6_ha_client_t &c = client(kHoa);
		c.mcoa_allowed = true;
		c.mr_allowed = true;
		c.nmnp = 1;
		c.mnp[0] = kNet;
		client(kHoa2);
		ASSERT_EQ(start(), 0);
	}

	// BID statuses of the last BA, by BID.
	std::map<uint16_t, uint8_t> bid_status()
	{
		std::map<uint16_t, uint8_t> m;
		for (auto *o : opts_of(ba(), MIP6_OPT_BID))
			m[o->u.bid.bid] = o->u.bid.status;
		return m;
	}

	std::vector<std::string> tunnel_remotes(uint16_t kind)
	{
		std::vector<std::string> v;
		for (auto &o : ops(kind))
			v.push_back(t::str(o.remote));
		return v;
	}
};

TEST_F(HaMcoa, TwoBidsThenDeregisterOne)
{
	// A BID registered for the first time names its care-of address
	// (RFC 5648 5.1); without one it would be 167 (6.2).
	Bu bu;
	bu.bids = {{1, &kCoa, 0}};
	registered(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(bid_status(), (std::map<uint16_t, uint8_t>{{1, 0}}));
	bu.seq = 2;
	bu.src = kCoa2;
	bu.bids = {{2, &kCoa2, 0}};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(bid_status(), (std::map<uint16_t, uint8_t>{{2, 0}}));
	EXPECT_EQ(ops(MIP6_OP_DAD).size(), 1u); // the home address was already bound
	EXPECT_EQ(tunnel_remotes(MIP6_OP_TUNNEL_ADD),
	          (std::vector<std::string>{t::str(kCoa), t::str(kCoa2)}));
	EXPECT_EQ(ops(MIP6_OP_PROXY_ND_ADD).size(), 1u);

	// Deregister BID 1 only.
	bu.seq = 3;
	bu.src = kCoa;
	bu.lifetime = 0;
	bu.bids = {{1, nullptr, 0}};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(ba().u.ba.lifetime, 0);
	EXPECT_EQ(bid_status(), (std::map<uint16_t, uint8_t>{{1, 0}}));
	EXPECT_EQ(tunnel_remotes(MIP6_OP_TUNNEL_DEL), (std::vector<std::string>{t::str(kCoa)}));
	EXPECT_TRUE(ops(MIP6_OP_PROXY_ND_DEL).empty()); // BID 2 still holds the home address
	fe.sent.clear();
	input(udp(kCn, kHoa), kHome);
	ASSERT_EQ(fe.sent.size(), 1u);
	EXPECT_EQ(t::str(fe.sent[0].pkt->layer[0].ip.dst), t::str(kCoa2));
	// BID 2 expires on its own lifetime: then everything goes.
	advance(sec(401));
	EXPECT_EQ(ops(MIP6_OP_PROXY_ND_DEL).size(), 1u);
	EXPECT_EQ(tunnel_remotes(MIP6_OP_TUNNEL_DEL),
	          (std::vector<std::string>{t::str(kCoa), t::str(kCoa2)}));
}

TEST_F(HaMcoa, BulkRegistrationBindsEveryBid)
{
	Bu bu;
	bu.flags |= MIP6_BU_F_R;
	bu.bids = {{1, &kCoa, 0}, {2, &kCoa2, 0}};
	registered(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(ba().u.ba.flags, MIP6_BA_F_R);
	EXPECT_EQ(bid_status(), (std::map<uint16_t, uint8_t>{{1, 0}, {2, 0}}));
	EXPECT_EQ(tunnel_remotes(MIP6_OP_TUNNEL_ADD).size(), 2u);
	EXPECT_EQ(ops(MIP6_OP_ROUTE_ADD).size(), 1u); // one route per prefix, not per BID
	// Bulk deregistration of both.
	bu.seq = 2;
	bu.lifetime = 0;
	bu.bids = {{1, nullptr, 0}, {2, nullptr, 0}};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(ops(MIP6_OP_PROXY_ND_DEL).size(), 1u);
	EXPECT_EQ(ops(MIP6_OP_ROUTE_DEL).size(), 1u);
}

TEST_F(HaMcoa, PartlyAcceptedBulkRegistrationIs4WithPerBidStatus)
{
	Bu bu;
	// BID 2 asks for a simultaneous home and foreign binding (RFC 5648 H).
	bu.bids = {{1, &kCoa, 0}, {2, &kCoa2, MIP6_BID_F_H}};
	registered(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_MCOA_NOTCOMPLETE);
	EXPECT_EQ(bid_status(), (std::map<uint16_t, uint8_t>{{1, 0}, {2, MIP6_BA_MCOA_SIMUL_HOME_FOREIGN}}));
	EXPECT_EQ(tunnel_remotes(MIP6_OP_TUNNEL_ADD), (std::vector<std::string>{t::str(kCoa)}));
	EXPECT_EQ(stats().ba_sent[MIP6_BA_MCOA_NOTCOMPLETE], 1u);
}

TEST_F(HaMcoa, MulitpleCareOfAddressesNotAllowedIs166)
{
	Bu bu;
	bu.hoa = kHoa2;
	bu.bids = {{1, nullptr, 0}};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_MCOA_PROHIBITED);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_MCOA_PROHIBITED], 1u);
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
}

TEST_F(HaMcoa, MalformedBidOptionsAre164)
{
	Bu bu;
	bu.bids = {{0, nullptr, 0}}; // BID 0 is reserved
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_MCOA_MALFORMED);
	bu.bids = {{3, &kCoa, 0}, {3, &kCoa2, 0}}; // the same BID twice
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_MCOA_MALFORMED);
	const mip6_addr_t mcast = t::addr("ff02::1");
	bu.bids = {{4, &mcast, 0}}; // not a unicast routable care-of address (RFC 5648 6.2)
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_MCOA_MALFORMED);
	EXPECT_EQ(stats().ba_sent[MIP6_BA_MCOA_MALFORMED], 3u);
	EXPECT_TRUE(ops(MIP6_OP_DAD).empty());
}

TEST_F(HaMcoa, OneBidReturningHomeLeavesTheOthers)
{
	Bu bu;
	bu.bids = {{1, &kCoa, 0}, {2, &kCoa2, 0}};
	registered(bu);
	// Interface 1 is back on the home link: its BID's CoA is the HoA.
	bu.seq = 2;
	bu.bids = {{1, &kHoa, 0}};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(tunnel_remotes(MIP6_OP_TUNNEL_DEL), (std::vector<std::string>{t::str(kCoa)}));
	EXPECT_TRUE(ops(MIP6_OP_PROXY_ND_DEL).empty());
}

TEST_F(HaMcoa, BuWithoutBidReplacesThePerBidBindings)
{
	Bu bu;
	bu.bids = {{1, &kCoa, 0}, {2, &kCoa2, 0}};
	registered(bu);
	bu.seq = 2;
	bu.bids.clear();
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_TRUE(opts_of(ba(), MIP6_OPT_BID).empty());
	EXPECT_EQ(ops(MIP6_OP_TUNNEL_DEL).size(), 2u);
	EXPECT_EQ(tunnel_remotes(MIP6_OP_TUNNEL_ADD).back(), t::str(kCoa));
	EXPECT_TRUE(ops(MIP6_OP_PROXY_ND_DEL).empty());
}

// The record of a home address holds the place of one binding itself:
// bindings may come and go in any order, the first one's place being taken
// by a later BID, and traffic follows the bindings that are left.
TEST_F(HaMcoa, BindingsComeAndGoInAnyOrder)
{
	const mip6_addr_t coa3 = t::addr("2001:db8:4::100");
	auto tunneled_to = [&]() {
		fe.sent.clear();
		input(udp(kCn, kHoa), kHome);
		return fe.sent.size() == 1 ? t::str(fe.sent[0].pkt->layer[0].ip.dst) : std::string("none");
	};
	Bu bu;
	bu.bids = {{1, &kCoa, 0}, {2, &kCoa2, 0}};
	registered(bu);
	EXPECT_EQ(tunneled_to(), t::str(kCoa)); // the lowest BID
	// The first binding goes, a third BID comes.
	bu.seq = 2;
	bu.lifetime = 0;
	bu.bids = {{1, nullptr, 0}};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(tunneled_to(), t::str(kCoa2));
	bu.seq = 3;
	bu.lifetime = 100;
	bu.bids = {{3, &coa3, 0}};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(bid_status(), (std::map<uint16_t, uint8_t>{{3, 0}}));
	EXPECT_EQ(tunneled_to(), t::str(kCoa2));
	// BID 2 goes: BID 3 carries the traffic, and is refreshed.
	bu.seq = 4;
	bu.lifetime = 0;
	bu.bids = {{2, nullptr, 0}};
	send(bu);
	EXPECT_EQ(tunneled_to(), t::str(coa3));
	bu.seq = 5;
	bu.lifetime = 100;
	bu.bids = {{3, &coa3, 0}};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(ba().u.ba.lifetime, 100);
	EXPECT_TRUE(ops(MIP6_OP_PROXY_ND_DEL).empty());
	EXPECT_EQ(tunnel_remotes(MIP6_OP_TUNNEL_ADD),
	          (std::vector<std::string>{t::str(kCoa), t::str(kCoa2), t::str(coa3)}));
	// The last one expires: the home address is released (and the
	// fixture checks that nothing is left allocated).
	advance(sec(401));
	EXPECT_EQ(ops(MIP6_OP_PROXY_ND_DEL).size(), 1u);
	EXPECT_EQ(tunneled_to(), "none");
}

TEST_F(HaMcoa, MoreBindingsThanAHomeAddressHoldsAreRefusedPerBid)
{
	Bu bu;
	bu.bids = {{1, &kCoa, 0}};
	registered(bu);
	for (uint16_t i = 2; i <= 17; i++) {
		bu.seq = i;
		bu.bids = {{i, &kCoa, 0}};
		send(bu);
	}
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_INSUFFICIENT); // the 17th
	EXPECT_EQ(stats().ba_sent[0], 16u);
}

} // namespace

// --- allocation failure while bindings replace each other ---

namespace
{

struct McoaAlloc : HaMcoa {
	void TestBody() override {}
};

// Two per-BID bindings, then a BU without BID (RFC 5648: it replaces them)
// with allocation 'fail' (counted from the replacing BU on) failing.
// Returns how many allocations the replacement made.
long replace_with_failure(long fail, bool &ok)
{
	McoaAlloc f;
	f.SetUp();
	Bu bu;
	bu.bids = {{1, &kCoa, 0}, {2, &kCoa2, 0}};
	f.registered(bu);
	size_t dels = f.ops(MIP6_OP_TUNNEL_DEL).size();
	size_t removes = f.bus(MIP6_BUS_BC_REMOVE).size();
	long before = f.fe.alloc_count;
	f.fe.fail_at = fail < 0 ? -1 : before + fail;
	bu.seq = 2;
	bu.bids.clear();
	f.send(bu);
	long used = f.fe.alloc_count - before;
	uint8_t st = f.ba().u.ba.status;
	if (st == 0) {
		EXPECT_EQ(f.ops(MIP6_OP_TUNNEL_DEL).size(), dels + 2);
		EXPECT_TRUE(f.tunneled_to(kHoa, kCoa));
	} else {
		// Nothing changed: both per-BID bindings still carry traffic.
		EXPECT_EQ(st, MIP6_BA_INSUFFICIENT);
		EXPECT_EQ(f.ops(MIP6_OP_TUNNEL_DEL).size(), dels);
		EXPECT_EQ(f.bus(MIP6_BUS_BC_REMOVE).size(), removes);
		EXPECT_TRUE(f.tunneled_to(kHoa, kCoa) || f.tunneled_to(kHoa, kCoa2));
		EXPECT_TRUE(f.ops(MIP6_OP_PROXY_ND_DEL).empty());
		// The node's retransmission, with memory, goes through.
		f.fe.fail_at = -1;
		bu.seq = 3;
		f.send(bu);
		EXPECT_EQ(f.ba().u.ba.status, 0);
		EXPECT_EQ(f.ops(MIP6_OP_TUNNEL_DEL).size(), dels + 2);
	}
	ok = st == 0;
	f.TearDown(); // frees the node, checks for leaks
	return used;
}

} // namespace

TEST(HaMcoaAlloc, BindingWithoutBidIsAllocatedBeforeThePerBidOnesGo)
{
	bool ok = false;
	long used = replace_with_failure(-1, ok);
	ASSERT_TRUE(ok);
	ASSERT_GE(used, 1); // b0 holds a per-BID binding: the new one needs a block
	int refused = 0;
	for (long i = 0; i < used; i++) {
		replace_with_failure(i, ok);
		refused += !ok;
	}
	EXPECT_GE(refused, 1);
}

TEST_F(HaMcoa, OutOfMemoryForPerBidBindingsKeepsTheSingleOne)
{
	registered(Bu{});            // one binding without BID, in the record's own place
	fe.fail_at = fe.alloc_count; // the BID's entry needs a block
	Bu bu;
	bu.seq = 2;
	bu.src = kCoa2;
	bu.flags |= MIP6_BU_F_O; // replaces the regular binding (RFC 5648 6.2)
	bu.bids = {{1, &kCoa2, 0}};
	send(bu);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_INSUFFICIENT);
	EXPECT_EQ(bid_status(), (std::map<uint16_t, uint8_t>{{1, MIP6_BA_INSUFFICIENT}}));
	EXPECT_TRUE(ops(MIP6_OP_TUNNEL_DEL).empty());
	EXPECT_TRUE(ops(MIP6_OP_PROXY_ND_DEL).empty());
	EXPECT_TRUE(tunneled_to(kHoa, kCoa));
	fe.fail_at = -1;
	bu.seq = 3;
	send(bu);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_EQ(tunnel_remotes(MIP6_OP_TUNNEL_DEL), (std::vector<std::string>{t::str(kCoa)}));
	EXPECT_TRUE(tunneled_to(kHoa, kCoa2));
}

// --- a prefix has one owner (RFC 3963 6.6) ---

namespace
{

const mip6_addr_t kHoa3 = t::addr("2001:db8:1::300");
const mip6_addr_t kCoa3 = t::addr("2001:db8:4::300");

struct HaNemoOwner : HaFixture {
	void SetUp() override
	{
		// Two routers configured for the same network (a misconfiguration
		// or a compromised router), and a third for another one.
		for (const mip6_addr_t *h : {&kHoa, &kHoa2}) {
			mip6_ha_client_t &c = client(*h);
			c.mr_allowed = true;
			c.nmnp = 1;
			c.mnp[0] = kNet;
		}
		mip6_ha_client_t &c = client(kHoa3);
		c.mr_allowed = true;
		c.nmnp = 1;
		c.mnp[0] = pfx("2001:db8:200::", 48);
		ASSERT_EQ(start(), 0);
	}

	Bu mr(const mip6_addr_t &hoa, const mip6_addr_t &coa, uint16_t seq = 1)
	{
		Bu bu;
		bu.hoa = hoa;
		bu.src = coa;
		bu.seq = seq;
		bu.flags |= MIP6_BU_F_R;
		return bu;
	}

	size_t routes_to(uint16_t kind, const char *prefix)
	{
		size_t c = 0;
		for (auto &o : ops(kind))
			c += t::str(o.addr) == prefix;
		return c;
	}
};

} // namespace

TEST_F(HaNemoOwner, ImplicitModeSecondRouterClaimingABoundPrefixIs142)
{
	registered(mr(kHoa, kCoa));
	ASSERT_EQ(ba().u.ba.status, 0);
	size_t dads = ops(MIP6_OP_DAD).size();
	send(mr(kHoa2, kCoa2));
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_NOT_AUTH_FOR_PREFIX);
	EXPECT_EQ(t::str(last_ba().pkt->layer[0].ip.dst), t::str(kCoa2));
	EXPECT_EQ(stats().ba_sent[MIP6_BA_NOT_AUTH_FOR_PREFIX], 1u);
	EXPECT_EQ(stats().drop_unauthorised, 1u);
	EXPECT_EQ(ops(MIP6_OP_DAD).size(), dads); // refused before any DAD
	EXPECT_EQ(routes_to(MIP6_OP_ROUTE_ADD, "2001:db8:100::"), 1u);
	EXPECT_TRUE(tunneled_to(kMnn, kCoa)); // the network stays with its owner
	EXPECT_EQ(bus(MIP6_BUS_MNP_ROUTE).size(), 1u);

	// Once the owner deregisters, the other router may have it.
	Bu d = mr(kHoa, kCoa, 2);
	d.lifetime = 0;
	send(d);
	EXPECT_EQ(ba().u.ba.status, 0);
	registered(mr(kHoa2, kCoa2, 2));
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_TRUE(tunneled_to(kMnn, kCoa2));
}

TEST_F(HaNemoOwner, ExplicitModeOverlappingPrefixIs142AndDisjointOneIsFine)
{
	Bu a = mr(kHoa, kCoa);
	a.mnps = {kSub1};
	registered(a);
	ASSERT_EQ(ba().u.ba.status, 0);
	// The same prefix, and one covering it.
	for (const mip6_prefix_t &p : {kSub1, kNet}) {
		Bu b = mr(kHoa2, kCoa2);
		b.mnps = {p};
		send(b);
		EXPECT_EQ(ba().u.ba.status, MIP6_BA_NOT_AUTH_FOR_PREFIX)
		    << t::str(p.prefix) << "/" << (int)p.plen;
	}
	// Another part of the network is free.
	Bu b = mr(kHoa2, kCoa2, 2);
	b.mnps = {kSub2};
	registered(b);
	EXPECT_EQ(ba().u.ba.status, 0);
	EXPECT_TRUE(tunneled_to(kMnn, kCoa)); // kMnn is in kSub1
	EXPECT_TRUE(tunneled_to(t::addr("2001:db8:100:2::9"), kCoa2));
	// The owner refreshing its own prefix is no conflict.
	a.seq = 2;
	send(a);
	EXPECT_EQ(ba().u.ba.status, 0);
	// Nor is an unrelated router.
	registered(mr(kHoa3, kCoa3));
	EXPECT_EQ(ba().u.ba.status, 0);
}

TEST_F(HaNemoOwner, PrefixTakenWhileWaitingForDadIs142AfterDad)
{
	// Both first registrations wait for DAD; the first to be bound wins.
	send(mr(kHoa, kCoa));
	send(mr(kHoa2, kCoa2));
	auto d = ops(MIP6_OP_DAD);
	ASSERT_EQ(d.size(), 2u);
	mip6_node_op_result(n, d[0].id, 0, now);
	EXPECT_EQ(ba().u.ba.status, 0);
	mip6_node_op_result(n, d[1].id, 0, now);
	EXPECT_EQ(ba().u.ba.status, MIP6_BA_NOT_AUTH_FOR_PREFIX);
	EXPECT_EQ(t::str(last_ba().pkt->layer[0].ip.dst), t::str(kCoa2));
	// Nothing was set up for the refused router.
	auto px = ops(MIP6_OP_PROXY_ND_ADD);
	ASSERT_EQ(px.size(), 1u);
	EXPECT_EQ(t::str(px[0].addr), t::str(kHoa));
	EXPECT_EQ(ops(MIP6_OP_TUNNEL_ADD).size(), 1u);
	EXPECT_TRUE(tunneled_to(kMnn, kCoa));
	EXPECT_FALSE(tunneled_to(kHoa2, kCoa2));
}
