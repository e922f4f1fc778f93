// SPDX-License-Identifier: BSD-3-Clause
// The platform model as a core sees it through the env: data-plane
// operations answered as events, DAD, routes into the core, timers,
// no re-entry, forwarding, the application and the RA daemon.
#include <gtest/gtest.h>

#include "fake_core.h"
#include "harness.h"
#include "harness_gtest.h"

using namespace mip6h;

namespace
{

// a -- lan -- r -- wan -- b, r forwarding; a and b learn nothing: static routes.
struct Net {
	World w{1, WorldOpts{true, true, -1}};
	Link &lan = w.add_link("lan"), &wan = w.add_link("wan");
	Host &a = w.add_host("a");
	Host &r = w.add_host("r", router_opts());
	Host &b = w.add_host("b");
	static HostOpts router_opts()
	{
		HostOpts o;
		o.router = true;
		return o;
	}
	Net()
	{
		a.add_iface(1);
		r.add_iface(1);
		r.add_iface(2);
		b.add_iface(1);
		a.add_addr(1, A("2001:db8:a::1"), 64);
		r.add_addr(1, A("2001:db8:a::ff"), 64);
		r.add_addr(2, A("2001:db8:b::ff"), 64);
		b.add_addr(1, A("2001:db8:b::1"), 64);
		a.add_route(A("::"), 0, 1, A("2001:db8:a::ff"));
		b.add_route(A("::"), 0, 1, A("2001:db8:b::ff"));
		w.attach(a, 1, lan);
		w.attach(r, 1, lan);
		w.attach(r, 2, wan);
		w.attach(b, 1, wan);
	}
};

mip6_op_t op(uint32_t id, uint16_t kind, uint32_t ifindex, const char *addr, uint8_t plen = 128,
                uint16_t flags = 0)
{
	mip6_op_t o{};
	o.id = id;
	o.kind = kind;
	o.ifindex = ifindex;
	o.addr = A(addr);
	o.plen = plen;
	o.flags = flags;
	return o;
}

} // namespace

TEST(HarnessHost, RoutersForwardAndDecrementHopLimit)
{
	Net n;
	n.a.ping(A("2001:db8:a::1"), A("2001:db8:b::1"), 7, 1);
	n.w.run_for(MIP6_MS(100));
	EXPECT_EQ(n.r.stats.forwarded, 2u); // request and reply
	ASSERT_EQ(n.a.echo_replies(7), 1u);
	ASSERT_EQ(n.b.app_rx.size(), 1u);
	EXPECT_EQ(n.b.app_rx[0].icmp_type, MIP6_ICMP6_ECHO_REQUEST);
	// Hop limit 1 does not cross the router.
	n.a.send(build_udp(A("2001:db8:a::1"), A("2001:db8:b::1"), 1, 9, {}, 1));
	n.w.run_for(MIP6_MS(100));
	EXPECT_EQ(n.r.stats.drop_hlim, 1u);
	EXPECT_EQ(n.b.app_rx.size(), 1u);
	// A host does not forward.
	n.b.add_iface(2);
	n.w.attach(n.b, 2, n.lan);
	mip6_addr_t bll = n.b.link_local(2);
	n.a.send_raw(1, build_udp(A("2001:db8:a::1"), A("2001:db8:99::1"), 1, 9, {}), &bll);
	n.w.run_for(MIP6_MS(100));
	EXPECT_EQ(n.b.stats.drop_not_for_us, 1u);
	EXPECT_HARNESS_CLEAN(n.w);
}

TEST(HarnessHost, UdpEchoAndFlowAccounting)
{
	Net n;
	FlowSpec s;
	s.from = &n.a;
	s.src = A("2001:db8:a::1");
	s.dst = A("2001:db8:b::1");
	s.dport = 7; // echoed by b
	s.start = MIP6_SEC(1);
	s.interval = MIP6_MS(100);
	s.stop = MIP6_SEC(2);
	Flow &f = n.w.add_flow(s);
	n.w.run_for(MIP6_SEC(3));
	EXPECT_EQ(f.sent(), 10u);
	EXPECT_EQ(f.received(), 10u);
	EXPECT_EQ(f.echoed(), 10u);
	EXPECT_TRUE(f.lost().empty());
	EXPECT_EQ(f.rx.at(3).host, "b");
	EXPECT_EQ(f.echo.at(3).host, "a");
	EXPECT_TRUE(mip6_addr_eq(&f.echo.at(3).src, &s.dst));
	EXPECT_EQ(f.sent_at[3], MIP6_SEC(1) + MIP6_MS(300));
	EXPECT_GT(f.rx.at(3).t, f.sent_at[3]);
}

TEST(HarnessHost, DataPlaneOpsAreAppliedAndAnsweredAsEvents)
{
	Net n;
	auto &c = fake_core(n.a);
	n.a.opts.op_delay = MIP6_MS(2);
	n.a.with_core([&] {
		c.submit(
		    op(1, MIP6_OP_ADDR_ADD, 0, "2001:db8:1::100", 64, MIP6_ADDRF_HOME | MIP6_ADDRF_DEREG));
		c.submit(op(2, MIP6_OP_ADDR_ADD, 1, "2001:db8:a::55", 64, MIP6_ADDRF_COA));
		c.submit(op(3, MIP6_OP_TUNNEL_ADD, 1, "::"));
		// Answers never come from inside the callback.
		EXPECT_TRUE(c.results.empty());
	});
	EXPECT_TRUE(c.results.empty());
	EXPECT_EQ(n.a.ops_pending(), 3u);
	n.w.run_for(MIP6_MS(1));
	EXPECT_TRUE(c.results.empty());
	n.w.run_for(MIP6_MS(1));
	ASSERT_EQ(c.results.size(), 3u);
	EXPECT_EQ(c.results[0].id, 1u);
	EXPECT_EQ(c.results[0].status, 0);
	EXPECT_EQ(c.results[0].t, MIP6_MS(2));
	EXPECT_EQ(n.a.addr_flags(A("2001:db8:1::100")), int(MIP6_ADDRF_HOME | MIP6_ADDRF_DEREG));
	EXPECT_TRUE(n.a.has_addr(A("2001:db8:a::55"), 1));
	EXPECT_TRUE(n.a.has_tunnel(A("::"), A("::")));
	// A re-add changes the flags (de-registration finished).
	n.a.with_core([&] { c.submit(op(4, MIP6_OP_ADDR_ADD, 0, "2001:db8:1::100", 64, MIP6_ADDRF_HOME)); });
	n.w.run_for(MIP6_MS(5));
	EXPECT_EQ(n.a.addr_flags(A("2001:db8:1::100")), int(MIP6_ADDRF_HOME));
	// Deleting what is not there is answered 0 but counted.
	n.a.with_core([&] {
		c.submit(op(5, MIP6_OP_ADDR_DEL, 1, "2001:db8:a::55"));
		c.submit(op(6, MIP6_OP_ADDR_DEL, 1, "2001:db8:a::56"));
	});
	n.w.run_for(MIP6_MS(5));
	EXPECT_FALSE(n.a.has_addr(A("2001:db8:a::55")));
	EXPECT_EQ(n.a.stats.op_anomalies, 1u);
	// Injected failures.
	n.a.fail_ops(MIP6_OP_ROUTE_ADD, MIP6_E_NOSPC);
	n.a.with_core([&] { c.submit(op(7, MIP6_OP_ROUTE_ADD, 0, "2001:db8:77::", 64)); });
	n.w.run_for(MIP6_MS(5));
	EXPECT_EQ(c.results.back().id, 7u);
	EXPECT_EQ(c.results.back().status, MIP6_E_NOSPC);
	EXPECT_EQ(n.a.find_route(A("2001:db8:77::"), 64), nullptr);
	EXPECT_EQ(c.max_depth, 1);
	EXPECT_HARNESS_CLEAN(n.w);
}

TEST(HarnessHost, DadAnswersDuplicateWhenAnotherNodeOnTheLinkOwnsTheAddress)
{
	Net n;
	auto &c = fake_core(n.r);
	n.r.opts.dad_delay = MIP6_MS(1000);
	n.r.with_core([&] {
		c.submit(op(1, MIP6_OP_DAD, 1, "2001:db8:a::1")); // a has it, on lan
		c.submit(op(2, MIP6_OP_DAD, 1, "2001:db8:a::2")); // nobody
		c.submit(op(3, MIP6_OP_DAD, 2, "2001:db8:a::1")); // a is not on wan
	});
	n.w.run_for(MIP6_MS(999));
	EXPECT_TRUE(c.results.empty());
	n.w.run_for(MIP6_MS(1));
	ASSERT_EQ(c.results.size(), 3u);
	EXPECT_EQ(c.results[0].status, MIP6_OP_DUPLICATE);
	EXPECT_EQ(c.results[1].status, 0);
	EXPECT_EQ(c.results[2].status, 0);
	// A proxied address counts as owned too.
	auto &ca = fake_core(n.a);
	n.a.with_core([&] { ca.submit(op(9, MIP6_OP_PROXY_ND_ADD, 1, "2001:db8:a::2")); });
	n.w.run_for(MIP6_MS(1));
	n.r.with_core([&] { c.submit(op(4, MIP6_OP_DAD, 1, "2001:db8:a::2")); });
	n.w.run_for(MIP6_SEC(1));
	EXPECT_EQ(c.results.back().status, MIP6_OP_DUPLICATE);
}

TEST(HarnessHost, RoutesIntoTheCoreAndCoreSends)
{
	Net n;
	n.a.opts.core_sees_all_output = false;
	auto &c = fake_core(n.a);
	// The core tunnels what its route hands it: sends on ifindex 0.
	c.on_output = [&](const Bytes &p) {
		c.send(0, encap(A("2001:db8:a::1"), A("2001:db8:b::1"), p));
		return MIP6_CONSUMED;
	};
	n.a.with_core([&] { c.submit(op(1, MIP6_OP_ROUTE_ADD, 0, "2001:db8:c::", 64)); });
	n.w.run_for(MIP6_MS(1));
	ASSERT_NE(n.a.find_route(A("2001:db8:c::"), 64), nullptr);
	n.a.send_udp(A("2001:db8:a::1"), A("2001:db8:c::9"), 1, 9, {});
	n.a.send_udp(A("2001:db8:a::1"), A("2001:db8:b::1"), 1, 9, {}); // not via the core
	n.w.run_for(MIP6_MS(100));
	ASSERT_EQ(c.outputs.size(), 1u);
	EXPECT_EQ(n.a.stats.core_out[MIP6_CONSUMED], 1u);
	EXPECT_EQ(n.a.stats.sent_by_core, 1u);
	// b got the tunnel packet (its stack cannot open it) and the plain one.
	EXPECT_EQ(n.b.stats.tunnel_unhandled, 1u);
	EXPECT_EQ(n.b.app_rx.size(), 1u);
	EXPECT_EQ(c.max_depth, 1);
}

TEST(HarnessHost, SourceRoutesLeadMobileNetworkTrafficIntoTheCore)
{
	Net n;
	n.r.opts.core_sees_all_output = false;
	auto &c = fake_core(n.r);
	c.on_output = [](const Bytes &) { return MIP6_CONSUMED; };
	mip6_op_t o = op(1, MIP6_OP_ROUTE_ADD, 0, "2001:db8:a::", 64, MIP6_ROUTEF_SOURCE);
	n.r.with_core([&] { c.submit(o); });
	n.w.run_for(MIP6_MS(1));
	ASSERT_NE(n.r.find_route(A("2001:db8:a::"), 64, true), nullptr);
	EXPECT_EQ(n.r.find_route(A("2001:db8:a::"), 64, false)->origin, Route::CONNECTED);
	// From the prefix: into the core, whatever the destination.
	n.a.send_udp(A("2001:db8:a::1"), A("2001:db8:b::1"), 1, 9, {});
	// To the prefix (from elsewhere): the ordinary route.
	n.b.send_udp(A("2001:db8:b::1"), A("2001:db8:a::1"), 1, 9, {});
	n.w.run_for(MIP6_MS(50));
	EXPECT_EQ(c.outputs.size(), 1u);
	EXPECT_EQ(n.b.app_rx.size(), 0u);
	EXPECT_EQ(n.a.app_rx.size(), 1u);
	o.kind = MIP6_OP_ROUTE_DEL;
	n.r.with_core([&] { c.submit(o); });
	n.w.run_for(MIP6_MS(1));
	EXPECT_EQ(n.r.find_route(A("2001:db8:a::"), 64, true), nullptr);
	EXPECT_EQ(n.r.stats.op_anomalies, 0u);
}

// The input contract of mip6_node_input (mip6/node.h): a router's core is
// given what is addressed to the router (its addresses, multicast, proxied
// addresses), never what it forwards; forwarded packets reach the core
// through the output hook, hop limit already decremented.
TEST(HarnessHost, TransitTrafficReachesTheCoreThroughOutputNotInput)
{
	Net n;
	auto &c = fake_core(n.r);
	n.w.run_for(MIP6_MS(1));
	// Nothing yet (only link changes), but count from here to be exact.
	const size_t in0 = c.inputs.size();
	n.a.send_udp(A("2001:db8:a::1"), A("2001:db8:b::1"), 1, 9, {}); // transit
	n.w.run_for(MIP6_MS(50));
	EXPECT_EQ(c.inputs.size(), in0) << "a transit packet was given to mip6_node_input";
	ASSERT_EQ(c.outputs.size(), 1u);
	mip6_ip6_t h;
	ASSERT_TRUE(ip6_header(c.outputs[0].data(), c.outputs[0].size(), &h));
	EXPECT_EQ(h.hlim, 63) << "forwarded: decremented before the output hook";
	EXPECT_EQ(n.b.app_rx.size(), 1u);
	EXPECT_EQ(n.r.stats.forwarded, 1u);

	// For the router itself, and for an address it proxies: input (the
	// core takes them here, as an HA takes a bound home address's traffic).
	c.on_input = [](uint32_t, const Bytes &) { return MIP6_CONSUMED; };
	n.a.send_udp(A("2001:db8:a::1"), A("2001:db8:a::ff"), 1, 9, {});
	n.r.with_core([&] { c.submit(op(1, MIP6_OP_PROXY_ND_ADD, 1, "2001:db8:a::77")); });
	n.w.run_for(MIP6_MS(10));
	n.a.send_udp(A("2001:db8:a::1"), A("2001:db8:a::77"), 1, 9, {}); // on-link: L2 target ::77
	n.w.run_for(MIP6_MS(50));
	ASSERT_EQ(c.inputs.size(), in0 + 2);
	ASSERT_TRUE(ip6_header(c.inputs[in0].data(), c.inputs[in0].size(), &h));
	EXPECT_EQ(S(h.dst), "2001:db8:a::ff");
	ASSERT_TRUE(ip6_header(c.inputs[in0 + 1].data(), c.inputs[in0 + 1].size(), &h));
	EXPECT_EQ(S(h.dst), "2001:db8:a::77");
	EXPECT_EQ(n.r.stats.core_in[MIP6_CONSUMED], 2u);
	EXPECT_EQ(c.outputs.size(), 1u);
	EXPECT_EQ(n.r.stats.forwarded, 1u);
	EXPECT_HARNESS_CLEAN(n.w);
}

TEST(HarnessHost, DeliveredPacketsReachTheStackAfterTheCallbackReturns)
{
	Net n;
	auto &c = fake_core(n.b);
	// The "core" decapsulates tunnel packets for b and delivers the inner one.
	c.on_input = [&](uint32_t, const Bytes &p) {
		mip6_ip6_t h;
		if (ip6_header(p.data(), p.size(), &h) && h.nxt == MIP6_PROTO_IPV6) {
			c.deliver(Bytes(p.begin() + 40, p.end()));
			EXPECT_EQ(n.b.app_rx.size(), 0u); // not yet: queued
			return MIP6_CONSUMED;
		}
		return MIP6_PASS;
	};
	Bytes inner = build_echo(A("2001:db8:a::1"), A("2001:db8:b::1"), false, 3, 4);
	n.a.send(encap(A("2001:db8:a::1"), A("2001:db8:b::1"), inner));
	n.w.run_for(MIP6_MS(100));
	ASSERT_EQ(n.b.app_rx.size(), 1u);
	EXPECT_EQ(n.b.app_rx[0].ifindex, 0u); // came through the core
	EXPECT_EQ(n.b.stats.delivered_by_core, 1u);
	// b's echo reply went through the core's output hook, outside the input call.
	EXPECT_EQ(c.outputs.size(), 1u);
	EXPECT_EQ(n.a.echo_replies(3), 1u);
	EXPECT_EQ(c.max_depth, 1);
}

TEST(HarnessHost, CoreTimerFiresAtItsNextTimeout)
{
	Net n;
	auto &c = fake_core(n.a);
	c.next = MIP6_MS(1500);
	n.a.rearm();
	c.on_timeout = [&](mip6_ns_t now) { c.next = now < MIP6_SEC(3) ? now + MIP6_SEC(1) : MIP6_NS_NEVER; };
	n.w.run_for(MIP6_SEC(10));
	EXPECT_EQ(c.timeouts, (std::vector<mip6_ns_t>{MIP6_MS(1500), MIP6_MS(2500), MIP6_MS(3500)}));
	// A timeout moved earlier by an input is honoured.
	c.on_input = [&](uint32_t, const Bytes &) {
		c.next = n.w.now() + MIP6_MS(5);
		return MIP6_PASS;
	};
	c.on_timeout = [&](mip6_ns_t) { c.next = MIP6_NS_NEVER; };
	n.b.ping(A("2001:db8:b::1"), A("2001:db8:a::1"), 1, 1);
	mip6_ns_t sent = n.w.now();
	n.w.run_for(MIP6_SEC(1));
	ASSERT_EQ(c.timeouts.size(), 4u);
	EXPECT_EQ(c.timeouts[3], sent + 2 * MIP6_MS(1) + MIP6_MS(5)); // two 1 ms hops, then 5 ms
}

TEST(HarnessHost, ATimerThatNeverAdvancesIsReportedNotLooped)
{
	World w(1, WorldOpts{false, false, 0});
	Host &h = w.add_host("h");
	auto &c = fake_core(h);
	c.next = MIP6_MS(1);
	h.rearm();
	w.run_for(MIP6_SEC(1));
	ASSERT_EQ(w.errors().size(), 1u);
	EXPECT_NE(w.errors()[0].find("without progress"), std::string::npos);
}

// A core that lost a bus message fails the clean check, even once freed.
TEST(HarnessHost, ABusDropIsAProblemEvenAfterTheCoreIsFreed)
{
	World w(1, WorldOpts{false, false, 0});
	Host &h = w.add_host("h");
	auto &c = fake_core(h);
	EXPECT_TRUE(w.problems().empty());
	c.dropped = 2;
	ASSERT_EQ(w.problems().size(), 1u);
	EXPECT_EQ(w.problems()[0], "h: 2 mobility bus messages dropped");
	EXPECT_TRUE(w.errors().empty());
	w.free_cores();
	EXPECT_EQ(h.bus_dropped(), 2u);
	EXPECT_EQ(w.problems().size(), 1u);
}

TEST(HarnessHost, TracesAreRecordedPerNode)
{
	Net n;
	auto &c = fake_core(n.a);
	mip6_trace_t t{};
	t.kind = MIP6_TR_STATE;
	t.code = MIP6_EV_MN_HOME_STATE;
	t.component = "mn";
	t.what = "state";
	t.from = "IDLE";
	t.to = "WAITA";
	t.a = A("2001:db8:1::100");
	n.a.with_core([&] { c.trace(t); });
	t.kind = MIP6_TR_DROP;
	t.code = MIP6_EV_HA_DROP_BU_AUTH_FAILED;
	t.component = "ha";
	t.what = "bad authenticator";
	n.a.with_core([&] { c.trace(t); });
	EXPECT_EQ(n.a.traces.size(), 2u);
	EXPECT_EQ(n.a.last_state(MIP6_EV_MN_HOME_STATE), "WAITA");
	EXPECT_EQ(n.a.last_state(MIP6_EV_MN_RO_STATE), "");
	EXPECT_EQ(n.a.count_events(MIP6_EV_HA_DROP_BU_AUTH_FAILED), 1u);
	EXPECT_EQ(n.a.count_traces(MIP6_TR_DROP, "ha"), 1u);
	EXPECT_EQ(n.a.count_traces(MIP6_TR_DROP, "mn"), 0u);
	bool logged = false;
	for (auto &l : n.w.log.lines())
		logged |= l.find("a: trace state mn [mn.home.state] state IDLE -> WAITA 2001:db8:1::100") !=
		          std::string::npos;
	EXPECT_TRUE(logged);
}

TEST(HarnessHost, RouterAdvertisementsAnswerSolicitationsAndTeachTheDefaultRouter)
{
	World w(1, WorldOpts{false, false, 0});
	Link &l = w.add_link("l");
	HostOpts ro;
	ro.router = true;
	Host &r = w.add_host("r", ro);
	Host &h = w.add_host("h");
	r.add_iface(1);
	h.add_iface(1);
	r.add_addr(1, A("2001:db8:5::1"), 64);
	RaConfig ra;
	RaPrefix p;
	p.prefix = A("2001:db8:5::");
	ra.prefixes.push_back(p);
	ra.interval_min = MIP6_SEC(100);
	ra.interval_max = MIP6_SEC(100);
	ra.home_agent = true;
	r.set_ra(1, ra);
	w.attach(r, 1, l);
	auto &c = fake_core(h);
	Bytes last_ra;
	c.on_input = [&](uint32_t, const Bytes &pkt) {
		if (is_icmp6(pkt.data(), pkt.size(), MIP6_ICMP6_RA))
			last_ra = pkt;
		return MIP6_PASS;
	};
	w.run_for(MIP6_SEC(1));
	w.attach(h, 1, l);
	// Like a movement detector: solicit on link up.
	mip6_icmp6_t rs;
	mip6_icmp6_init(&rs, MIP6_ICMP6_RS);
	h.send_raw(1, build_icmp6(h.link_local(1), all_routers(), rs, 255));
	w.run_for(MIP6_MS(60)); // rs_delay_max 50 ms + 2 link delays
	ASSERT_FALSE(last_ra.empty());
	mip6_pkt_t pk;
	ASSERT_EQ(mip6_pkt_parse(last_ra.data(), last_ra.size(), MIP6_DEC_STRICT, &pk), 0);
	mip6_addr_t rll = r.link_local(1);
	EXPECT_TRUE(mip6_addr_eq(&pk.layer[0].ip.src, &rll));
	EXPECT_EQ(pk.layer[0].ip.hlim, 255);
	EXPECT_EQ(pk.icmp6.u.ra.flags & MIP6_RA_F_H, MIP6_RA_F_H);
	const mip6_nd_opt_t *pi = mip6_icmp6_find_opt(&pk.icmp6, MIP6_ND_OPT_PREFIX);
	ASSERT_NE(pi, nullptr);
	EXPECT_TRUE(mip6_addr_eq(&pi->u.prefix.prefix, &p.prefix));
	EXPECT_NE(mip6_icmp6_find_opt(&pk.icmp6, MIP6_ND_OPT_HA_INFO), nullptr);
	ASSERT_TRUE(h.iface(1)->has_router);
	EXPECT_TRUE(mip6_addr_eq(&h.iface(1)->router, &rll));
	// With the learned router the host reaches off-link destinations.
	h.add_addr(1, A("2001:db8:5::77"), 64);
	h.send_udp(A("2001:db8:5::77"), A("2001:db8:9::1"), 1, 9, {});
	w.run_for(MIP6_MS(10));
	EXPECT_EQ(r.stats.drop_no_route, 1u); // r took it (and has no route onwards)
	// Link down forgets the router.
	w.detach(h, 1);
	EXPECT_FALSE(h.iface(1)->has_router);
}

TEST(HarnessHost, NeighborSolicitationsForOwnAddressesAreAnswered)
{
	Net n;
	mip6_icmp6_t ns;
	mip6_icmp6_init(&ns, MIP6_ICMP6_NS);
	ns.u.nd.target = A("2001:db8:a::ff");
	n.a.send_raw(1, build_icmp6(A("2001:db8:a::1"), A("2001:db8:a::ff"), ns, 255));
	auto &c = fake_core(n.a);
	Bytes na;
	c.on_input = [&](uint32_t, const Bytes &p) {
		if (is_icmp6(p.data(), p.size(), MIP6_ICMP6_NA))
			na = p;
		return MIP6_PASS;
	};
	n.w.run_for(MIP6_MS(10));
	ASSERT_FALSE(na.empty());
	mip6_pkt_t pk;
	ASSERT_EQ(mip6_pkt_parse(na.data(), na.size(), MIP6_DEC_STRICT, &pk), 0);
	EXPECT_EQ(pk.icmp6.u.nd.flags, MIP6_NA_F_R | MIP6_NA_F_S | MIP6_NA_F_O);
	EXPECT_TRUE(mip6_addr_eq(&pk.icmp6.u.nd.target, &ns.u.nd.target));
}

// env.time_of_day: the virtual clock on a fixed 2026 epoch, NTP format.
TEST(HarnessHost, TimeOfDayIsTheVirtualClockOnA2026Epoch)
{
	Net n;
	const mip6_env_t *e = n.a.env();
	ASSERT_NE(e->time_of_day, nullptr);
	const uint64_t t0 = e->time_of_day(e->ctx);
	EXPECT_EQ(t0 >> 32, 3976214400ull) << "2026-01-01T00:00:00Z is 3976214400 s after 1900";
	EXPECT_EQ(t0 & 0xffffffffu, 0u);
	n.w.run_for(MIP6_MS(1500));
	const uint64_t t1 = e->time_of_day(e->ctx);
	EXPECT_EQ(t1 - t0, (1ull << 32) + 0x80000000ull) << "1.5 s later";
	EXPECT_EQ(n.b.env()->time_of_day(n.b.env()->ctx), t1) << "one clock for every host";
}

TEST(HarnessHost, TracesWithoutAnEventCodeAreReported)
{
	Net n;
	auto &c = fake_core(n.a);
	mip6_trace_t t{};
	t.kind = MIP6_TR_INFO;
	t.code = MIP6_EV_HA_BC_FLUSHED;
	t.component = "ha";
	t.what = "coded";
	n.a.with_core([&] { c.trace(t); });
	EXPECT_TRUE(uncoded_traces(n.w).empty());
	t.code = MIP6_EV_NONE;
	t.what = "no code";
	n.a.with_core([&] { c.trace(t); });
	t.code = 0x0100; // no such code
	t.what = "unknown code";
	n.a.with_core([&] { c.trace(t); });
	auto v = uncoded_traces(n.w);
	ASSERT_EQ(v.size(), 2u);
	EXPECT_NE(v[0].find("'no code'"), std::string::npos) << v[0];
	EXPECT_NE(v[1].find("'unknown code'"), std::string::npos) << v[1];
}
