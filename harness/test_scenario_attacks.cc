// SPDX-License-Identifier: BSD-3-Clause
// Scenario: an attacker on a foreign link sends forged, replayed and
// unauthorised Binding Updates, spoofed Home Address options, bogus type 2
// routing headers, spoofed tunnels and malformed Mobility Headers at a home
// agent, a correspondent and a mobile node. Each is rejected with the
// status the RFCs give (or dropped silently where they say so) and
// counted; no binding changes; and the legitimate nodes' traffic and
// refreshes keep working.
//
//   victim  2001:db8:1::1000  RFC 4285 MN-HA authentication, route optimisation
//   plain   2001:db8:1::1001  no authentication
//   mallory 2001:db8:1::1002  a configured client (own key), never registered:
//                             the attacker holds its key
//   attacker 2001:db8:f2::bad on f2, no core: crafts packets with the wire API
#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "harness_gtest.h"

#include "node_view.h"

extern "C" {
#include "mip6/auth.h"
#include "mip6/buf.h"
#include "mip6/decode.h"
#include "mip6/dp.h"
#include "mip6/stats.h"
}

using namespace mip6h;

namespace
{

// What a tap saw of one frame.
struct Frame {
	mip6_ns_t t = 0;
	std::string link, from;
	mip6_addr_t src{}, dst{}; // outermost header
	bool tunneled = false;
	bool has_rh2 = false;
	mip6_addr_t rh2{};
	int mh = -1;        // MH type
	uint8_t status = 0; // BA / BE status
	uint16_t seq = 0;   // BU / BA sequence number
	uint16_t lifetime = 0;
	uint16_t nonce_index = 0; // HoT / CoT
	mip6_addr_t be_home{};
	int icmp = -1;
	uint8_t icmp_code = 0;
	uint32_t icmp_param = 0;
	bool tagged = false;
	FlowTag tag;
	Bytes bytes;
};

struct Taps {
	World *w = nullptr;
	std::vector<Frame> frames;
	void on(World &world, Link &l)
	{
		w = &world;
		Link *lp = &l;
		l.drop_if = [this, lp](const Host &from, const uint8_t *p, size_t len) {
			record(lp->name(), from, p, len);
			return false;
		};
	}
	void record(const std::string &link, const Host &from, const uint8_t *p, size_t len)
	{
		auto pk = std::make_unique<mip6_pkt_t>();
		if (mip6_pkt_parse(p, len, MIP6_DEC_LENIENT, pk.get()) != 0 || pk->nlayers == 0)
			return;
		Frame f;
		f.t = w->now();
		f.link = link;
		f.from = from.name();
		const mip6_layer_t &o = pk->layer[0], &in = pk->layer[pk->nlayers - 1];
		f.src = o.ip.src;
		f.dst = o.ip.dst;
		f.tunneled = pk->nlayers > 1;
		f.has_rh2 = in.has_rh && in.rh.type == 2;
		f.rh2 = in.rh.first;
		if (pk->ul == MIP6_UL_MH) {
			const mip6_mh_t &m = pk->mh;
			f.mh = m.type;
			if (m.type == MIP6_MH_BA) {
				f.status = m.u.ba.status;
				f.seq = m.u.ba.seq;
				f.lifetime = m.u.ba.lifetime;
			} else if (m.type == MIP6_MH_BE) {
				f.status = m.u.be.status;
				f.be_home = m.u.be.home;
			} else if (m.type == MIP6_MH_BU) {
				f.seq = m.u.bu.seq;
				f.lifetime = m.u.bu.lifetime;
			} else if (m.type == MIP6_MH_HOT || m.type == MIP6_MH_COT) {
				f.nonce_index = m.u.test.nonce_index;
			}
		} else if (pk->ul == MIP6_UL_ICMP6) {
			f.icmp = pk->icmp6.type;
			f.icmp_code = pk->icmp6.code;
			f.icmp_param = pk->icmp6.u.err.param;
		} else if (pk->ul == MIP6_UL_UDP && in.upper_len > 8) {
			f.tagged = parse_flow_tag(p + in.upper_off + 8, in.upper_len - 8, &f.tag);
		}
		f.bytes.assign(p, p + len);
		frames.push_back(std::move(f));
	}
	// Frames sent at or after t0 matching pred.
	std::vector<const Frame *> since(mip6_ns_t t0, const std::function<bool(const Frame &)> &pred) const
	{
		std::vector<const Frame *> v;
		for (const Frame &f : frames)
			if (f.t >= t0 && pred(f))
				v.push_back(&f);
		return v;
	}
};

mip6_auth_cfg_t auth_cfg(uint32_t spi, const char *key, const char *nai)
{
	mip6_auth_cfg_t a{};
	a.enabled = true;
	a.spi = spi;
	a.key_len = static_cast<uint8_t>(strlen(key));
	memcpy(a.key, key, a.key_len);
	a.nai_len = static_cast<uint8_t>(strlen(nai));
	memcpy(a.nai, nai, a.nai_len);
	return a;
}

// A Mobility Header packet from src to dst, with a Home Address option
// and/or a type 2 routing header; the checksum covers the home addresses
// (RFC 6275 6.1.1). 'finish' may rewrite the emitted MH in place (sign it,
// break it) and must leave a valid checksum if it wants one.
using Finish =
    std::function<void(uint8_t *mh, size_t len, const mip6_addr_t &ck_src, const mip6_addr_t &ck_dst)>;
Bytes mh_packet(const mip6_addr_t &src, const mip6_addr_t &dst, const mip6_mh_t &m,
                const mip6_addr_t *hao = nullptr, const mip6_addr_t *rh2 = nullptr, const Finish &finish = {})
{
	std::vector<uint8_t> mem(4096);
	mip6_buf_t b;
	mip6_buf_init(&b, mem.data(), mem.size(), 256);
	const mip6_addr_t &cs = hao ? *hao : src;
	const mip6_addr_t &cd = rh2 ? *rh2 : dst;
	int n = mip6_mh_emit(&m, &cs, &cd, 0, mip6_buf_data(&b), mip6_buf_tailroom(&b));
	if (n <= 0) {
		ADD_FAILURE() << "mip6_mh_emit: " << n;
		return {};
	}
	mip6_buf_put(&b, static_cast<size_t>(n));
	if (finish)
		finish(mip6_buf_data(&b), static_cast<size_t>(n), cs, cd);
	uint8_t nxt = MIP6_PROTO_MH;
	if (hao) {
		EXPECT_EQ(mip6_buf_push_hao(&b, nxt, hao), 0);
		nxt = MIP6_PROTO_DSTOPTS;
	}
	if (rh2) {
		EXPECT_EQ(mip6_buf_push_rh2(&b, nxt, rh2), 0);
		nxt = MIP6_PROTO_ROUTING;
	}
	mip6_ip6_t h{};
	h.nxt = nxt;
	h.hlim = 64;
	h.src = src;
	h.dst = dst;
	EXPECT_EQ(mip6_buf_push_ip6(&b, &h), 0);
	return Bytes(mip6_buf_data(&b), mip6_buf_data(&b) + b.len);
}

// A UDP packet with a Home Address option (src is the care-of address).
Bytes udp_with_hao(const mip6_addr_t &src, const mip6_addr_t &hoa, const mip6_addr_t &dst, uint16_t sport,
                   uint16_t dport)
{
	// The UDP checksum covers the home address (RFC 6275 6.3).
	Bytes inner = build_udp(hoa, dst, sport, dport, Bytes(16, 0xab));
	std::vector<uint8_t> mem(2048);
	mip6_buf_t b;
	mip6_buf_init(&b, mem.data(), mem.size(), 256);
	memcpy(mip6_buf_put(&b, inner.size() - MIP6_IP6_HLEN), inner.data() + MIP6_IP6_HLEN,
	       inner.size() - MIP6_IP6_HLEN);
	EXPECT_EQ(mip6_buf_push_hao(&b, MIP6_PROTO_UDP, &hoa), 0);
	mip6_ip6_t h{};
	h.nxt = MIP6_PROTO_DSTOPTS;
	h.hlim = 64;
	h.src = src;
	h.dst = dst;
	EXPECT_EQ(mip6_buf_push_ip6(&b, &h), 0);
	return Bytes(mip6_buf_data(&b), mip6_buf_data(&b) + b.len);
}

// A UDP packet to dst carrying a type 2 routing header with 'rh_hoa'.
Bytes udp_with_rh2(const mip6_addr_t &src, const mip6_addr_t &dst, const mip6_addr_t &rh_hoa, uint16_t dport,
                   uint8_t hdr_ext_len = 2, uint8_t segleft = 1)
{
	Bytes inner = build_udp(src, rh_hoa, 5555, dport, Bytes(16, 0xcd));
	std::vector<uint8_t> mem(2048);
	mip6_buf_t b;
	mip6_buf_init(&b, mem.data(), mem.size(), 256);
	memcpy(mip6_buf_put(&b, inner.size() - MIP6_IP6_HLEN), inner.data() + MIP6_IP6_HLEN,
	       inner.size() - MIP6_IP6_HLEN);
	EXPECT_EQ(mip6_buf_push_rh2(&b, MIP6_PROTO_UDP, &rh_hoa), 0);
	uint8_t *rh = mip6_buf_data(&b);
	rh[1] = hdr_ext_len;
	rh[3] = segleft;
	mip6_ip6_t h{};
	h.nxt = MIP6_PROTO_ROUTING;
	h.hlim = 64;
	h.src = src;
	h.dst = dst;
	EXPECT_EQ(mip6_buf_push_ip6(&b, &h), 0);
	return Bytes(mip6_buf_data(&b), mip6_buf_data(&b) + b.len);
}

// What an RFC 4285 home registration carries. Fields left default give a
// well-formed BU; the attacks change one thing each.
struct HomeBu {
	uint16_t seq = 1;
	uint16_t lifetime_u = 10;
	const mip6_auth_cfg_t *id = nullptr; // NAI for the MN-ID option (none when null)
	bool mesgid = true;
	uint64_t ts = 1;
	bool mnauth = true;
	uint32_t spi = 0;
	const mip6_auth_cfg_t *key = nullptr; // signs with this key (zeros when null)
};

mip6_mh_t home_bu_record(const HomeBu &h)
{
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BU);
	m.u.bu.seq = h.seq;
	m.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H;
	m.u.bu.lifetime = h.lifetime_u;
	mip6_mhopt_t *o;
	if (h.id) {
		o = mip6_mh_add_opt(&m, MIP6_OPT_MNID);
		o->len = static_cast<uint8_t>(1 + h.id->nai_len);
		o->u.mnid.subtype = MIP6_MNID_SUBTYPE_NAI;
		o->u.mnid.id = h.id->nai;
	}
	if (h.mesgid) {
		o = mip6_mh_add_opt(&m, MIP6_OPT_MESGID);
		o->u.timestamp = h.ts;
	}
	if (h.mnauth) {
		o = mip6_mh_add_opt(&m, MIP6_OPT_MNAUTH);
		o->len = 5 + MIP6_MNHA_AUTH_LEN;
		o->u.mnauth.subtype = MIP6_MNAUTH_SUBTYPE_MNHA;
		o->u.mnauth.spi = h.spi;
	}
	return m;
}

// The BU from coa for hoa to the HA, with a HAO.
Bytes home_bu(const mip6_addr_t &coa, const mip6_addr_t &hoa, const mip6_addr_t &ha, const HomeBu &h)
{
	mip6_mh_t m = home_bu_record(h);
	Finish sign;
	if (h.mnauth && h.key) {
		const mip6_auth_cfg_t *k = h.key;
		sign = [k, coa, hoa](uint8_t *mh, size_t len, const mip6_addr_t &cs, const mip6_addr_t &cd) {
			EXPECT_EQ(mip6_auth_sign_mh(mh, len, k->key, k->key_len, &coa, &hoa, &cs, &cd), 0);
		};
	}
	return mh_packet(coa, ha, m, &hoa, nullptr, sign);
}

struct ScenarioAttacks : ::testing::Test {
	World w{5};
	Topo t{w};
	Taps taps;
	MobileSpec vs, ps;
	mip6_auth_cfg_t mallory{};
	Host *victim = nullptr, *plain = nullptr, *attacker = nullptr;
	mip6_addr_t att = A("2001:db8:f2::bad");
	mip6_addr_t vhoa{}, phoa{}, mhoa{}, vcoa{}, pcoa{};
	mip6_ns_t registered_at = 0;

	void SetUp() override
	{
		w.enable_pcap(test_pcap_prefix());
		build_topology(t);
		vs = mobile_spec(t, "victim", 0);
		vs.cfg.lifetime_s = 40;
		vs.cfg.ro = true;
		vs.cfg.auth = auth_cfg(0x1001, "victim-secret-key-0123456789", "victim@home.example");
		ps = mobile_spec(t, "plain", 1);
		ps.cfg.lifetime_s = 40;
		mallory = auth_cfg(0x1002, "mallory-own-key-9876543210", "mallory@home.example");
		vhoa = vs.cfg.hoa;
		phoa = ps.cfg.hoa;
		mhoa = t.hoa(2);
		mip6_ha_client_t mc{};
		mc.hoa = mhoa;
		mc.auth = mallory;
		ASSERT_EQ(make_ha(t, {client_for(vs), client_for(ps), mc}), 0);
		ASSERT_EQ(make_cn(*t.cn), 0);
		int rc = -1;
		victim = &add_mn(t, vs, &rc);
		ASSERT_EQ(rc, 0);
		plain = &add_mn(t, ps, &rc);
		ASSERT_EQ(rc, 0);
		attacker = &w.add_host("attacker");
		attacker->add_iface(1);
		attacker->add_addr(1, att, 64);
		attacker->add_route(A("::"), 0, 1, A("2001:db8:f2::1"));
		w.attach(*attacker, 1, *t.foreign[1]);
		for (Link *l : {t.home, t.cnet, t.foreign[0], t.foreign[1]})
			taps.on(w, *l);

		w.attach(*victim, 1, *t.home);
		w.attach(*plain, 1, *t.home);
		w.run_for(MIP6_SEC(3));
		w.move(*victim, 1, *t.foreign[0]);
		w.move(*plain, 1, *t.foreign[0]);
		ASSERT_TRUE(w.run_until(
		    [&] {
			    return victim->count_events(MIP6_EV_MN_HOME_ACCEPTED) > 0 &&
			           plain->count_events(MIP6_EV_MN_HOME_ACCEPTED) > 0 && ha_dp() &&
			           dp_bc_count(ha_dp()) == 2;
		    },
		    w.now() + MIP6_SEC(10)));
		registered_at = w.now();
		w.run_for(MIP6_MS(200));
		ASSERT_TRUE(victim->coa(1, &vcoa));
		ASSERT_TRUE(plain->coa(1, &pcoa));
	}

	void TearDown() override
	{
		EXPECT_HARNESS_CLEAN(w);
		w.free_cores();
		EXPECT_EQ(w.alloc().live(), 0u);
		EXPECT_EQ(w.alloc().bad_frees(), 0u);
	}

	// The nodes whose data planes the checks read (mip6/view.h).
	const mip6_node_t *ha_dp() { return t.ha->node(); }
	const mip6_node_t *cn_dp() { return t.cn->node(); }
	const mip6_stats_t &ha_st() { return *mip6_node_stats(t.ha->node()); }
	const mip6_stats_t &cn_st() { return *mip6_node_stats(t.cn->node()); }
	const mip6_stats_t &st(Host *h) { return *mip6_node_stats(h->node()); }

	// The home agent's view of the two registered nodes.
	struct HaView {
		size_t bindings = 0, proxies = 0, tunnels = 0, dads = 0;
		mip6_addr_t vcoa{}, pcoa{};
		size_t created = 0, refreshed = 0, removed = 0;
	};
	HaView ha_view()
	{
		HaView v;
		v.bindings = dp_bc_count(ha_dp());
		v.proxies = t.ha->iface(1)->proxies.size();
		v.tunnels = t.ha->tunnels().size();
		for (const OpRec &o : t.ha->ops())
			v.dads += o.op.kind == MIP6_OP_DAD;
		EXPECT_EQ(dp_bc_get(ha_dp(), &vhoa, 0, &v.vcoa, nullptr), 0);
		EXPECT_EQ(dp_bc_get(ha_dp(), &phoa, 0, &v.pcoa, nullptr), 0);
		v.created = t.ha->count_events(MIP6_EV_HA_BINDING_CREATED);
		v.refreshed = t.ha->count_events(MIP6_EV_HA_BINDING_REFRESHED);
		v.removed = t.ha->count_events(MIP6_EV_HA_BINDING_REMOVED);
		return v;
	}
	void expect_ha_unchanged(const HaView &b)
	{
		HaView a = ha_view();
		EXPECT_EQ(a.bindings, 2u);
		EXPECT_EQ(a.bindings, b.bindings);
		EXPECT_EQ(a.proxies, b.proxies);
		EXPECT_EQ(a.tunnels, b.tunnels);
		EXPECT_EQ(a.dads, b.dads) << "a forged BU started DAD for a home address";
		EXPECT_TRUE(mip6_addr_eq(&a.vcoa, &vcoa)) << "victim now bound to " << S(a.vcoa);
		EXPECT_TRUE(mip6_addr_eq(&a.pcoa, &pcoa)) << "plain now bound to " << S(a.pcoa);
		EXPECT_EQ(a.created, b.created);
		EXPECT_EQ(a.refreshed, b.refreshed);
		EXPECT_EQ(a.removed, b.removed);
		EXPECT_EQ(dp_bc_count(ha_dp()), 2u);
	}

	// The attacker sends; the answer (if any) is on f2 a few ms later.
	mip6_ns_t inject(const Bytes &pkt)
	{
		mip6_ns_t t0 = w.now();
		attacker->send(pkt);
		w.run_for(MIP6_MS(100));
		return t0;
	}

	std::vector<const Frame *> to_attacker(mip6_ns_t t0, int mh_type)
	{
		return taps.since(t0, [&](const Frame &f) {
			return f.link == "f2" && mip6_addr_eq(&f.dst, &att) && f.mh == mh_type;
		});
	}

	// Legitimate traffic: the correspondent reaches both nodes (echoed back).
	void expect_traffic_ok(const char *when)
	{
		std::vector<Flow *> fl;
		for (const mip6_addr_t &hoa : {vhoa, phoa}) {
			FlowSpec fs;
			fs.from = t.cn;
			fs.src = t.cn_addr;
			fs.dst = hoa;
			fs.start = w.now();
			fs.interval = MIP6_MS(50);
			fs.count = 10;
			fl.push_back(&w.add_flow(fs));
		}
		w.run_for(MIP6_SEC(2));
		for (Flow *f : fl) {
			EXPECT_EQ(f->received(), 10u) << when << ": to " << S(f->spec.dst);
			EXPECT_EQ(f->echoed(), 10u) << when << ": to " << S(f->spec.dst);
		}
		EXPECT_EQ(victim->last_state(MIP6_EV_MN_HOME_STATE), "BOUND");
		EXPECT_EQ(plain->last_state(MIP6_EV_MN_HOME_STATE), "BOUND");
	}
};

} // namespace

// (a) Binding Updates for the victim's home address from a node without
// the victim's RFC 4285 key: MIPV6-AUTH-FAIL (146, also for an identifier
// that is not the victim's, RFC 4285 5.1.1), MIPV6-MESG-ID-REQD (145);
// nothing changes at the HA, and a huge
// timestamp in a forged BU does not poison the replay protection.
TEST_F(ScenarioAttacks, ForgedHomeRegistrationsAreRefusedWithRfc4285Statuses)
{
	HaView before = ha_view();
	const uint64_t auth0 = ha_st().drop_auth;
	struct Case {
		const char *what;
		HomeBu bu;
		uint8_t status;
	};
	HomeBu base;
	base.id = &vs.cfg.auth;
	base.spi = vs.cfg.auth.spi;
	base.ts = ~0ull - 1; // far in the future: must not be remembered
	std::vector<Case> cases;
	{
		Case c{"signed with the attacker's own (mallory's) key", base, MIP6_BA_AUTH_FAIL};
		c.bu.key = &mallory;
		cases.push_back(c);
	}
	{
		Case c{"de-registration signed with the wrong key", base, MIP6_BA_AUTH_FAIL};
		c.bu.key = &mallory;
		c.bu.lifetime_u = 0;
		c.bu.seq = 7;
		cases.push_back(c);
	}
	{
		Case c{"authenticator left zero", base, MIP6_BA_AUTH_FAIL};
		cases.push_back(c);
	}
	{
		Case c{"no MN-HA authentication option", base, MIP6_BA_AUTH_FAIL};
		c.bu.mnauth = false;
		cases.push_back(c);
	}
	{
		Case c{"mallory's identifier for the victim's home address", base, MIP6_BA_AUTH_FAIL}; // RFC 4285 5.1.1
		c.bu.id = &mallory;
		c.bu.spi = mallory.spi;
		c.bu.key = &mallory;
		cases.push_back(c);
	}
	{
		Case c{"no identifier", base, MIP6_BA_AUTH_FAIL}; // RFC 4285 5.1.1
		c.bu.id = nullptr;
		c.bu.key = &mallory;
		cases.push_back(c);
	}
	{
		Case c{"no replay protection option", base, MIP6_BA_MESG_ID_REQD};
		c.bu.mesgid = false;
		c.bu.key = &mallory;
		cases.push_back(c);
	}
	uint64_t expect_auth = auth0;
	for (const Case &c : cases) {
		SCOPED_TRACE(c.what);
		const uint64_t sent0 = ha_st().ba_sent[c.status];
		mip6_ns_t t0 = inject(home_bu(att, vhoa, t.ha_addr, c.bu));
		EXPECT_EQ(ha_st().ba_sent[c.status], sent0 + 1);
		auto bas = to_attacker(t0, MIP6_MH_BA);
		ASSERT_EQ(bas.size(), 1u);
		EXPECT_EQ(bas[0]->status, c.status);
		EXPECT_EQ(bas[0]->lifetime, 0u);
		EXPECT_EQ(bas[0]->seq, c.bu.seq);
		EXPECT_TRUE(bas[0]->has_rh2 && mip6_addr_eq(&bas[0]->rh2, &vhoa))
		    << "BA carries the home address";
		EXPECT_EQ(ha_st().drop_auth, ++expect_auth);
		expect_ha_unchanged(before);
	}
	EXPECT_EQ(ha_st().drop_replay, 0u);
	expect_traffic_ok("after the forged BUs");
	// The victim's next refresh (timestamps near 0) is accepted as it is:
	// the forged far-future timestamp was not taken as the last one.
	const uint64_t ok0 = st(victim).ba_rcvd[MIP6_BA_ACCEPTED];
	ASSERT_TRUE(w.run_until([&] { return st(victim).ba_rcvd[MIP6_BA_ACCEPTED] > ok0; },
	                        registered_at + MIP6_SEC(45)))
	    << "no refresh accepted";
	EXPECT_EQ(victim->count_events(MIP6_EV_MN_RX_BA_TIMESTAMP_RESYNC), 0u);
	EXPECT_EQ(st(victim).ba_rcvd[MIP6_BA_ID_MISMATCH], 0u);
	EXPECT_EQ(ha_st().drop_replay, 0u);
}

// (b) Replays of captured valid BUs: the authenticated one fails the RFC
// 4285 timestamp check (144, drop_replay), the unauthenticated one the
// sequence number check (135 with the last accepted number, drop_seq).
// Neither changes the binding; the nodes ignore the unsolicited BAs and
// their refreshes go on.
TEST_F(ScenarioAttacks, ReplayedBindingUpdatesAreRefused)
{
	auto last_bu_of = [&](const char *host) -> const Frame * {
		const Frame *last = nullptr;
		for (const Frame &f : taps.frames)
			if (f.link == "f1" && f.from == host && f.mh == MIP6_MH_BU)
				last = &f;
		return last;
	};
	const Frame *vbu = last_bu_of("victim");
	const Frame *pbu = last_bu_of("plain");
	ASSERT_NE(vbu, nullptr);
	ASSERT_NE(pbu, nullptr);
	const Bytes vbytes = vbu->bytes, pbytes = pbu->bytes;
	const uint16_t vseq = vbu->seq, pseq = pbu->seq;
	HaView before = ha_view();

	// The victim's: same sequence number and timestamp as accepted.
	mip6_ns_t t0 = inject(vbytes);
	EXPECT_EQ(ha_st().drop_replay, 1u);
	EXPECT_EQ(ha_st().ba_sent[MIP6_BA_ID_MISMATCH], 1u);
	auto bas = taps.since(t0, [&](const Frame &f) {
		return f.link == "f1" && f.mh == MIP6_MH_BA && mip6_addr_eq(&f.dst, &vcoa);
	});
	ASSERT_EQ(bas.size(), 1u) << "the answer goes to the care-of address in the replayed BU";
	EXPECT_EQ(bas[0]->status, MIP6_BA_ID_MISMATCH);
	EXPECT_EQ(bas[0]->seq, vseq);
	expect_ha_unchanged(before);

	// The plain node's: its sequence number is not newer than the last.
	t0 = inject(pbytes);
	EXPECT_EQ(ha_st().drop_seq, 1u);
	EXPECT_EQ(ha_st().ba_sent[MIP6_BA_SEQ_OUT_OF_WINDOW], 1u);
	bas = taps.since(t0, [&](const Frame &f) {
		return f.link == "f1" && f.mh == MIP6_MH_BA && mip6_addr_eq(&f.dst, &pcoa);
	});
	ASSERT_EQ(bas.size(), 1u);
	EXPECT_EQ(bas[0]->status, MIP6_BA_SEQ_OUT_OF_WINDOW);
	EXPECT_EQ(bas[0]->seq, pseq) << "135 carries the last accepted sequence number";
	expect_ha_unchanged(before);

	// Replaying the first registration again (older still) fares no better.
	const Frame *first = nullptr;
	for (const Frame &f : taps.frames)
		if (f.link == "f1" && f.from == "victim" && f.mh == MIP6_MH_BU) {
			first = &f;
			break;
		}
	ASSERT_NE(first, nullptr);
	inject(Bytes(first->bytes));
	EXPECT_EQ(ha_st().drop_replay, 2u);
	expect_ha_unchanged(before);

	// The nodes got the unsolicited answers and ignored them.
	EXPECT_EQ(victim->last_state(MIP6_EV_MN_HOME_STATE), "BOUND");
	EXPECT_EQ(plain->last_state(MIP6_EV_MN_HOME_STATE), "BOUND");
	expect_traffic_ok("after the replays");
	// Both refresh as usual (one more accepted BA each), without resyncing.
	const uint64_t v0 = st(victim).ba_rcvd[MIP6_BA_ACCEPTED], p0 = st(plain).ba_rcvd[MIP6_BA_ACCEPTED];
	ASSERT_TRUE(w.run_until(
	    [&] {
		    return st(victim).ba_rcvd[MIP6_BA_ACCEPTED] > v0 &&
		           st(plain).ba_rcvd[MIP6_BA_ACCEPTED] > p0;
	    },
	    registered_at + MIP6_SEC(45)));
	EXPECT_EQ(victim->count_events(MIP6_EV_MN_RX_BA_TIMESTAMP_RESYNC), 0u);
	EXPECT_EQ(plain->count_events(MIP6_EV_MN_RX_BA_SEQ_RESYNC), 0u);
	EXPECT_EQ(ha_view().refreshed, before.refreshed + 2);
}

// (c) A home address this HA does not serve (serve_only_clients): 129;
// one off the home prefix: 132. No DAD, no state.
TEST_F(ScenarioAttacks, UnauthorisedHomeRegistrationsAreProhibited)
{
	HaView before = ha_view();
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BU);
	m.u.bu.seq = 100;
	m.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H;
	m.u.bu.lifetime = 50;
	const mip6_addr_t stranger = A("2001:db8:1::beef");
	mip6_ns_t t0 = inject(mh_packet(att, t.ha_addr, m, &stranger));
	EXPECT_EQ(ha_st().ba_sent[MIP6_BA_PROHIBITED], 1u);
	EXPECT_EQ(ha_st().drop_unauthorised, 1u);
	auto bas = to_attacker(t0, MIP6_MH_BA);
	ASSERT_EQ(bas.size(), 1u);
	EXPECT_EQ(bas[0]->status, MIP6_BA_PROHIBITED);
	EXPECT_TRUE(bas[0]->has_rh2 && mip6_addr_eq(&bas[0]->rh2, &stranger));
	EXPECT_EQ(dp_bc_get(ha_dp(), &stranger, 0, nullptr, nullptr), MIP6_E_INVAL);
	EXPECT_FALSE(t.ha->has_proxy(1, stranger));
	expect_ha_unchanged(before);

	// The same from a node at home (no HAO: the source is the home address).
	const mip6_addr_t stranger2 = A("2001:db8:1::bef0");
	Host &intruder = t.add_node_on(*t.home, "intruder", stranger2);
	t0 = w.now();
	intruder.send(build_mh(stranger2, t.ha_addr, m));
	w.run_for(MIP6_MS(100));
	EXPECT_EQ(ha_st().ba_sent[MIP6_BA_PROHIBITED], 2u);
	auto at_home = taps.since(t0, [&](const Frame &f) {
		return f.link == "home" && f.mh == MIP6_MH_BA && mip6_addr_eq(&f.dst, &stranger2);
	});
	ASSERT_EQ(at_home.size(), 1u);
	EXPECT_EQ(at_home[0]->status, MIP6_BA_PROHIBITED);
	EXPECT_FALSE(at_home[0]->has_rh2);

	const mip6_addr_t elsewhere = A("2001:db8:99::1");
	t0 = inject(mh_packet(att, t.ha_addr, m, &elsewhere));
	EXPECT_EQ(ha_st().ba_sent[MIP6_BA_NOT_HOME_SUBNET], 1u);
	bas = to_attacker(t0, MIP6_MH_BA);
	ASSERT_EQ(bas.size(), 1u);
	EXPECT_EQ(bas[0]->status, MIP6_BA_NOT_HOME_SUBNET);
	EXPECT_EQ(ha_st().drop_unauthorised, 3u);
	expect_ha_unchanged(before);
	expect_traffic_ok("after the unauthorised BUs");
}

// (d) Binding Updates to the correspondent: with valid nonce indices but a
// wrong authenticator they are dropped silently (drop_auth, no BA, the
// victim's route-optimised binding untouched); with nonce indices the CN
// no longer knows they get 136, 137 or 138.
TEST_F(ScenarioAttacks, ForgedCorrespondentBindingUpdatesAreDropped)
{
	// The victim's route optimisation with the CN: traffic from the CN
	// starts return routability.
	FlowSpec fs;
	fs.from = t.cn;
	fs.src = t.cn_addr;
	fs.dst = vhoa;
	fs.start = w.now();
	fs.interval = MIP6_MS(100);
	fs.count = 20;
	w.add_flow(fs);
	ASSERT_TRUE(w.run_until([&] { return dp_bc_count(cn_dp()) == 1; }, w.now() + MIP6_SEC(5)))
	    << "no route optimisation";
	w.run_for(MIP6_SEC(2));
	mip6_addr_t ro_coa{};
	ASSERT_EQ(dp_bc_get(cn_dp(), &vhoa, 0, &ro_coa, nullptr), 0);
	EXPECT_TRUE(mip6_addr_eq(&ro_coa, &vcoa));
	const size_t cn_bindings0 = t.cn->count_traces(MIP6_TR_BINDING, "cn");

	// A current nonce index: the attacker runs the care-of test itself.
	mip6_mh_t coti;
	mip6_mh_init(&coti, MIP6_MH_COTI);
	memset(coti.u.init.cookie, 0x5a, 8);
	mip6_ns_t t0 = inject(mh_packet(att, t.cn_addr, coti));
	auto cots = to_attacker(t0, MIP6_MH_COT);
	ASSERT_EQ(cots.size(), 1u);
	const uint16_t idx = cots[0]->nonce_index;

	auto cn_bu = [&](uint16_t home_idx, uint16_t coa_idx, uint16_t lifetime_u, const mip6_addr_t &hoa) {
		mip6_mh_t m;
		mip6_mh_init(&m, MIP6_MH_BU);
		m.u.bu.seq = 0x7000;
		m.u.bu.flags = MIP6_BU_F_A;
		m.u.bu.lifetime = lifetime_u;
		mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_NONCE);
		o->u.nonce.home = home_idx;
		o->u.nonce.careof = coa_idx;
		o = mip6_mh_add_opt(&m, MIP6_OPT_AUTH);
		o->len = MIP6_AUTH_DATA_LEN;
		static const uint8_t junk[MIP6_AUTH_DATA_LEN] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
		o->u.data = junk;
		return mh_packet(att, t.cn_addr, m, &hoa);
	};
	uint64_t ba_total0 = 0;
	for (uint64_t c : cn_st().ba_sent)
		ba_total0 += c;

	// Register the attacker's address for the victim's home address, then
	// delete the victim's binding: both silently dropped.
	for (uint16_t life : {uint16_t(50), uint16_t(0)}) {
		SCOPED_TRACE(life ? "register" : "de-register");
		const uint64_t auth0 = cn_st().drop_auth;
		t0 = inject(cn_bu(idx, idx, life, vhoa));
		EXPECT_EQ(cn_st().drop_auth, auth0 + 1);
		EXPECT_TRUE(to_attacker(t0, MIP6_MH_BA).empty()) << "a forged BU is dropped silently";
		mip6_addr_t now_coa{};
		ASSERT_EQ(dp_bc_get(cn_dp(), &vhoa, 0, &now_coa, nullptr), 0) << "binding deleted";
		EXPECT_TRUE(mip6_addr_eq(&now_coa, &vcoa)) << "victim's CN binding moved to " << S(now_coa);
	}
	// A home address the CN holds no binding for: none is created.
	{
		const uint64_t auth0 = cn_st().drop_auth;
		t0 = inject(cn_bu(idx, idx, 50, phoa));
		EXPECT_EQ(cn_st().drop_auth, auth0 + 1);
		EXPECT_TRUE(to_attacker(t0, MIP6_MH_BA).empty());
		EXPECT_EQ(dp_bc_get(cn_dp(), &phoa, 0, nullptr, nullptr), MIP6_E_INVAL);
	}
	uint64_t ba_total1 = 0;
	for (uint64_t c : cn_st().ba_sent)
		ba_total1 += c;
	EXPECT_EQ(ba_total1, ba_total0);

	// Nonce indices the CN never handed out (or no longer knows).
	const uint16_t stale = static_cast<uint16_t>(idx - 1000);
	struct {
		uint16_t home, careof;
		uint8_t status;
	} cases[] = {{stale, idx, MIP6_BA_EXPIRED_HOME_NONCE},
	             {idx, stale, MIP6_BA_EXPIRED_COA_NONCE},
	             {stale, stale, MIP6_BA_EXPIRED_NONCES}};
	for (const auto &c : cases) {
		SCOPED_TRACE(int(c.status));
		const uint64_t sent0 = cn_st().ba_sent[c.status];
		t0 = inject(cn_bu(c.home, c.careof, 50, vhoa));
		EXPECT_EQ(cn_st().ba_sent[c.status], sent0 + 1);
		auto bas = to_attacker(t0, MIP6_MH_BA);
		ASSERT_EQ(bas.size(), 1u);
		EXPECT_EQ(bas[0]->status, c.status);
		EXPECT_TRUE(bas[0]->has_rh2 && mip6_addr_eq(&bas[0]->rh2, &vhoa));
	}
	EXPECT_EQ(dp_bc_count(cn_dp()), 1u);
	EXPECT_EQ(t.cn->count_traces(MIP6_TR_BINDING, "cn"), cn_bindings0) << "the CN's bindings changed";

	// Route-optimised traffic to the victim still flows, straight to its
	// care-of address with a type 2 routing header.
	t0 = w.now();
	expect_traffic_ok("after the forged CN BUs");
	auto direct = taps.since(t0, [&](const Frame &f) {
		return f.link == "f1" && f.tagged && !f.tag.reply && mip6_addr_eq(&f.dst, &vcoa) &&
		       f.has_rh2 && !f.tunneled;
	});
	EXPECT_EQ(direct.size(), 10u);
}

// (e) A data packet with a Home Address option the CN has no binding for
// (the attacker's address is no care-of address of the victim): dropped,
// drop_hao_no_binding, Binding Error status 1 to the source.
TEST_F(ScenarioAttacks, SpoofedHomeAddressOptionsAreDroppedWithBindingError)
{
	const uint64_t drop0 = cn_st().drop_hao_no_binding;
	const size_t app0 = t.cn->app_rx.size();
	struct {
		const char *what;
		mip6_addr_t hoa;
	} cases[] = {{"victim's home address", vhoa}, {"plain's home address", phoa}};
	unsigned n = 0;
	for (const auto &c : cases) {
		SCOPED_TRACE(c.what);
		mip6_ns_t t0 = inject(udp_with_hao(att, c.hoa, t.cn_addr, 5555, 7));
		n++;
		EXPECT_EQ(cn_st().drop_hao_no_binding, drop0 + n);
		EXPECT_EQ(cn_st().be_sent[MIP6_BE_UNKNOWN_HAO], n);
		auto bes = to_attacker(t0, MIP6_MH_BE);
		ASSERT_EQ(bes.size(), 1u);
		EXPECT_EQ(bes[0]->status, MIP6_BE_UNKNOWN_HAO);
		EXPECT_TRUE(mip6_addr_eq(&bes[0]->be_home, &c.hoa));
		EXPECT_TRUE(mip6_addr_eq(&bes[0]->src, &t.cn_addr));
		w.run_for(MIP6_SEC(1)); // the CN answers one source once a second
	}
	EXPECT_EQ(t.cn->app_rx.size(), app0) << "a spoofed packet reached the CN's application";
	EXPECT_EQ(dp_bc_count(cn_dp()), 0u);
	// A burst from the same source gets one Binding Error a second.
	mip6_ns_t t0 = w.now();
	for (int i = 0; i < 5; i++)
		attacker->send(udp_with_hao(att, vhoa, t.cn_addr, 5555, 7));
	w.run_for(MIP6_MS(100));
	EXPECT_EQ(cn_st().drop_hao_no_binding, drop0 + n + 5);
	EXPECT_EQ(to_attacker(t0, MIP6_MH_BE).size(), 1u);
	expect_traffic_ok("after the spoofed HAOs");
}

// (f) Packets to the victim's care-of address with a type 2 routing header
// that does not carry its home address (or is malformed): dropped, drop_rh2.
TEST_F(ScenarioAttacks, BogusType2RoutingHeadersAreDropped)
{
	const size_t app0 = victim->app_rx.size();
	const uint64_t rh0 = st(victim).drop_rh2;
	inject(udp_with_rh2(att, vcoa, A("2001:db8:1::dead"), 7));
	EXPECT_EQ(st(victim).drop_rh2, rh0 + 1);
	inject(udp_with_rh2(att, vcoa, phoa, 7)); // another node's home address
	EXPECT_EQ(st(victim).drop_rh2, rh0 + 2);
	inject(udp_with_rh2(att, vcoa, vhoa, 7, 2, 0)); // Segments Left 0 (RFC 6275 6.4)
	EXPECT_EQ(st(victim).drop_rh2, rh0 + 3);
	EXPECT_EQ(victim->app_rx.size(), app0) << "a bogus RTHDR2 packet reached the application";
	EXPECT_EQ(victim->stats.core_in[MIP6_DROPPED], 3u);
	expect_traffic_ok("after the bogus RTHDR2s");
}

// (g) A tunnel to the HA from an address that is not the registered care-of
// address of the inner source: dropped, drop_tunnel; nothing is forwarded.
TEST_F(ScenarioAttacks, SpoofedReverseTunnelsAreDropped)
{
	const uint64_t tun0 = ha_st().drop_tunnel;
	const size_t cn_app0 = t.cn->app_rx.size();
	inject(encap(att, t.ha_addr, build_udp(vhoa, t.cn_addr, 4444, 9, Bytes(20, 1))));
	EXPECT_EQ(ha_st().drop_tunnel, tun0 + 1);
	// The plain node's care-of address as source, the victim's home address inside.
	inject(encap(pcoa, t.ha_addr, build_udp(vhoa, t.cn_addr, 4444, 9, Bytes(20, 2))));
	EXPECT_EQ(ha_st().drop_tunnel, tun0 + 2);
	auto fwd = taps.since(0, [&](const Frame &f) {
		return f.link == "cnet" && f.mh < 0 && mip6_addr_eq(&f.src, &vhoa) && f.icmp < 0 && !f.tagged;
	});
	EXPECT_TRUE(fwd.empty()) << "a spoofed tunnel's packet reached the CN's link";
	EXPECT_EQ(t.cn->app_rx.size(), cn_app0);
	expect_ha_unchanged(ha_view());
	expect_traffic_ok("after the spoofed tunnels");
}

// (h) Malformed Mobility Headers (RFC 6275 9.2): a Payload Proto other than
// 59 or a Header Len below the type's minimum gets ICMPv6 Parameter
// Problem code 0 pointing at that field; an unknown MH type gets a Binding
// Error status 2; a bad checksum is dropped silently.
TEST_F(ScenarioAttacks, MalformedMobilityHeadersAreAnsweredPerRfc6275Section9_2)
{
	mip6_mh_t bu;
	mip6_mh_init(&bu, MIP6_MH_BU);
	bu.u.bu.seq = 1;
	bu.u.bu.lifetime = 10;
	auto pp_to_attacker = [&](mip6_ns_t t0) {
		return taps.since(t0, [&](const Frame &f) {
			return f.link == "f2" && mip6_addr_eq(&f.dst, &att) &&
			       f.icmp == MIP6_ICMP6_PARAM_PROB;
		});
	};
	const uint64_t mal0 = cn_st().drop_malformed;

	// Payload Proto 6: pointer 40, the first octet of the MH.
	mip6_mh_t bad_proto = bu;
	bad_proto.proto = MIP6_PROTO_TCP;
	mip6_ns_t t0 = inject(mh_packet(att, t.cn_addr, bad_proto));
	auto pp = pp_to_attacker(t0);
	ASSERT_EQ(pp.size(), 1u);
	EXPECT_EQ(pp[0]->icmp_code, 0u);
	EXPECT_EQ(pp[0]->icmp_param, 40u);
	EXPECT_TRUE(mip6_addr_eq(&pp[0]->src, &t.cn_addr));
	EXPECT_EQ(cn_st().drop_malformed, mal0 + 1);

	// The same behind a Home Address option: the pointer counts the
	// 24-octet Destination Options header, and the answer goes to the
	// IPv6 source without consulting bindings.
	t0 = inject(mh_packet(att, t.cn_addr, bad_proto, &vhoa));
	pp = pp_to_attacker(t0);
	ASSERT_EQ(pp.size(), 1u);
	EXPECT_EQ(pp[0]->icmp_param, 64u);
	EXPECT_EQ(cn_st().drop_hao_no_binding, 0u) << "the malformed MH is judged before the HAO";

	// Header Len 0 for a BU (whose minimum is 1): pointer 41.
	Finish shorten = [](uint8_t *mh, size_t, const mip6_addr_t &cs, const mip6_addr_t &cd) {
		mh[1] = 0;
		mip6_mh_set_cksum(mh, 8, &cs, &cd);
	};
	Bytes short_bu = mh_packet(att, t.ha_addr, bu, nullptr, nullptr, shorten);
	// Cut the packet to the 8 octets Header Len declares.
	short_bu.resize(MIP6_IP6_HLEN + 8);
	short_bu[4] = 0;
	short_bu[5] = 8;
	t0 = inject(short_bu);
	pp = pp_to_attacker(t0);
	ASSERT_EQ(pp.size(), 1u);
	EXPECT_EQ(pp[0]->icmp_code, 0u);
	EXPECT_EQ(pp[0]->icmp_param, 41u);
	EXPECT_TRUE(mip6_addr_eq(&pp[0]->src, &t.ha_addr));
	EXPECT_GE(ha_st().drop_malformed, 1u);

	// An unknown MH type: Binding Error status 2.
	mip6_mh_t unknown;
	mip6_mh_init(&unknown, 42);
	static const uint8_t body[10] = {0};
	unknown.body = body;
	unknown.body_len = sizeof(body);
	t0 = inject(mh_packet(att, t.cn_addr, unknown));
	auto bes = to_attacker(t0, MIP6_MH_BE);
	ASSERT_EQ(bes.size(), 1u);
	EXPECT_EQ(bes[0]->status, MIP6_BE_UNKNOWN_MH);
	EXPECT_EQ(cn_st().be_sent[MIP6_BE_UNKNOWN_MH], 1u);

	// A bad checksum: dropped silently.
	Finish corrupt = [](uint8_t *mh, size_t, const mip6_addr_t &, const mip6_addr_t &) { mh[5] ^= 0x55; };
	const uint64_t ck0 = cn_st().drop_cksum;
	t0 = inject(mh_packet(att, t.cn_addr, bu, nullptr, nullptr, corrupt));
	EXPECT_EQ(cn_st().drop_cksum, ck0 + 1);
	EXPECT_TRUE(pp_to_attacker(t0).empty());
	EXPECT_TRUE(to_attacker(t0, MIP6_MH_BA).empty());
	EXPECT_TRUE(to_attacker(t0, MIP6_MH_BE).empty());
	expect_traffic_ok("after the malformed MHs");
}
