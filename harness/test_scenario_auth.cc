// SPDX-License-Identifier: BSD-3-Clause
// Scenario: RFC 4285 MN-HA authentication end to end. A mobile node and
// its home agent share a key (SPI, NAI): every Binding Update carries the
// Mobile Node Identifier (RFC 4283), a replay protection timestamp and the
// MN-HA authenticator, every BA the timestamp and its own authenticator.
// The node registers from f1, moves to f2 and registers again while a
// correspondent talks to it. Then an eavesdropper left on f1 replays the
// f1 BU it captured (which would pull the traffic back to f1): refused
// with MIPV6-ID-MISMATCH (144) as a replay; with its timestamp moved past
// the last accepted one it no longer authenticates: MIPV6-AUTH-FAIL (146).
// Neither moves the binding, and the traffic does not notice. The harness
// gives every core a wall clock (env.time_of_day) on a 2026 epoch.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "harness_gtest.h"

extern "C" {
#include "mip6/auth.h"
#include "mip6/decode.h"
#include "mip6/stats.h"
}

using namespace mip6h;

namespace
{

const char kKey[] = "a-20-byte-MN-HA-key!";
const char kNai[] = "mn@example.net";
const uint32_t kSpi = 0x4285;

mip6_auth_cfg_t auth_cfg()
{
	mip6_auth_cfg_t a{};
	a.enabled = true;
	a.spi = kSpi;
	a.key_len = static_cast<uint8_t>(std::strlen(kKey));
	std::memcpy(a.key, kKey, a.key_len);
	a.nai_len = static_cast<uint8_t>(std::strlen(kNai));
	std::memcpy(a.nai, kNai, a.nai_len);
	return a;
}

// What the RFC 4285 options of a captured BU or BA say.
struct AuthView {
	bool parsed = false;
	uint8_t type = 0, status = 0;
	bool nai_ok = false; // MN-ID, subtype NAI, this node's
	bool has_ts = false; // MESG-ID
	uint64_t ts = 0;
	size_t ts_at = 0;       // offset of the timestamp in the MH
	bool auth_last = false; // MN-HA authentication option, the last one
	uint32_t spi = 0;
	size_t mh_off = 0;        // the MH in the frame
	int verify = -1;          // mip6_auth_verify_mh with the shared key
	int verify_wrong_key = 0; // ... and with another key
};

AuthView auth_view(const TapFrame &f, const mip6_addr_t &coa, const mip6_addr_t &hoa)
{
	AuthView a;
	auto pk = std::make_unique<mip6_pkt_t>();
	if (mip6_pkt_parse(f.bytes.data(), f.bytes.size(), MIP6_DEC_STRICT, pk.get()) != 0 ||
	    pk->ul != MIP6_UL_MH)
		return a;
	a.parsed = true;
	const mip6_mh_t &m = pk->mh;
	a.type = m.type;
	a.status = m.type == MIP6_MH_BA ? m.u.ba.status : 0;
	for (unsigned i = 0; i < m.nopts; i++) {
		const mip6_mhopt_t &o = m.opts[i];
		if (o.type == MIP6_OPT_MNID)
			a.nai_ok = o.u.mnid.subtype == MIP6_MNID_SUBTYPE_NAI &&
			           o.len == 1 + std::strlen(kNai) && o.u.mnid.id &&
			           std::memcmp(o.u.mnid.id, kNai, std::strlen(kNai)) == 0;
		if (o.type == MIP6_OPT_MESGID) {
			a.has_ts = true;
			a.ts = o.u.timestamp;
		}
		if (o.type == MIP6_OPT_MNAUTH && i + 1 == m.nopts &&
		    o.u.mnauth.subtype == MIP6_MNAUTH_SUBTYPE_MNHA) {
			a.auth_last = true;
			a.spi = o.u.mnauth.spi;
		}
	}
	a.mh_off = pk->layer[pk->nlayers - 1].upper_off;
	const uint8_t *mh = f.bytes.data() + a.mh_off;
	const size_t mh_len = pk->layer[pk->nlayers - 1].upper_len;
	a.ts_at = mh_option_at(mh, mh_len, MIP6_OPT_MESGID);
	a.verify = mip6_auth_verify_mh(mh, mh_len, reinterpret_cast<const uint8_t *>(kKey), std::strlen(kKey),
	                               &coa, &hoa, nullptr);
	const char wrong[] = "b-20-byte-MN-HA-key!";
	a.verify_wrong_key = mip6_auth_verify_mh(mh, mh_len, reinterpret_cast<const uint8_t *>(wrong),
	                                         std::strlen(wrong), &coa, &hoa, nullptr);
	return a;
}

struct ScenarioMnHaAuth : ::testing::Test {
	World w{17};
	Topo t{w};
	MobileSpec spec;
	mip6_addr_t hoa{};
	Host *mn = nullptr, *eve = nullptr;
	FrameTap f1, f2;

	void SetUp() override
	{
		w.enable_pcap(test_pcap_prefix());
		build_topology(t);
		spec = mobile_spec(t, "mn", 0);
		spec.cfg.auth = auth_cfg();
		hoa = spec.cfg.hoa;
		mip6_ha_client_t c = client_for(spec);
		ASSERT_TRUE(c.auth.enabled);
		ASSERT_EQ(make_ha(t, {c}), 0);
		int rc = -1;
		mn = &add_mn(t, spec, &rc);
		ASSERT_EQ(rc, 0);
		// The eavesdropper: a plain host on f1, no core.
		eve = &w.add_host("eve");
		eve->add_iface(1);
		eve->add_addr(1, A("2001:db8:f1::bad"), 64);
		w.attach(*eve, 1, *t.foreign[0]);
		f1.keep_bytes = f2.keep_bytes = true;
		f1.on(w, *t.foreign[0]);
		f2.on(w, *t.foreign[1]);
	}

	void TearDown() override { expect_scenario_clean(w, *t.ha, mn); }

	const mip6_stats_t &ha_st() { return *mip6_node_stats(t.ha->node()); }

	// The BUs the node sent on a tap and the BAs it got there.
	static std::vector<const TapFrame *> mh_on(const FrameTap &tap, int type, mip6_ns_t after = 0)
	{
		std::vector<const TapFrame *> v;
		for (const TapFrame &s : tap.frames)
			if (s.mh == type && s.t >= after)
				v.push_back(&s);
		return v;
	}
};

} // namespace

TEST_F(ScenarioMnHaAuth, RegistrationsAuthenticateEndToEndAndACapturedBuReplayedIsRefused)
{
	// --- f1: registered, every message authenticated ---
	w.attach(*mn, 1, *t.foreign[0]);
	mip6_addr_t coa1{};
	ASSERT_TRUE(run_until_registered(w, t, *mn, 0, 1, MIP6_SEC(10), &coa1)) << "no registration from f1";
	w.run_for(MIP6_MS(100));
	auto bus1 = mh_on(f1, MIP6_MH_BU);
	auto bas1 = mh_on(f1, MIP6_MH_BA);
	ASSERT_EQ(bus1.size(), 1u);
	ASSERT_EQ(bas1.size(), 1u);
	const AuthView bu1 = auth_view(*bus1[0], coa1, hoa);
	ASSERT_TRUE(bu1.parsed);
	EXPECT_TRUE(bu1.nai_ok) << "RFC 4283 MN-ID with the node's NAI";
	EXPECT_TRUE(bu1.has_ts) << "RFC 4285 6: the replay protection option";
	EXPECT_TRUE(bu1.auth_last) << "RFC 4285 5: the MN-HA authentication option comes last";
	EXPECT_EQ(bu1.spi, kSpi);
	EXPECT_EQ(bu1.verify, 0) << "the authenticator does not verify with the shared key";
	EXPECT_NE(bu1.verify_wrong_key, 0);
	const AuthView ba1 = auth_view(*bas1[0], coa1, hoa);
	ASSERT_TRUE(ba1.parsed);
	EXPECT_EQ(ba1.status, MIP6_BA_ACCEPTED);
	EXPECT_TRUE(ba1.has_ts);
	EXPECT_EQ(ba1.ts, bu1.ts) << "the BA echoes the BU's timestamp";
	EXPECT_TRUE(ba1.auth_last);
	EXPECT_EQ(ba1.verify, 0) << "the HA's BA is authenticated too";
	EXPECT_EQ(ha_st().drop_auth, 0u);
	EXPECT_EQ(ha_st().drop_replay, 0u);

	// --- f2: registered again; the timestamp moved on ---
	w.move(*mn, 1, *t.foreign[1]);
	mip6_addr_t coa2{};
	ASSERT_TRUE(run_until_registered(w, t, *mn, 1, 2, MIP6_SEC(10), &coa2))
	    << "no re-registration from f2";
	w.run_for(MIP6_MS(100));
	auto bus2 = mh_on(f2, MIP6_MH_BU);
	ASSERT_EQ(bus2.size(), 1u);
	const AuthView bu2 = auth_view(*bus2[0], coa2, hoa);
	EXPECT_EQ(bu2.verify, 0);
	EXPECT_TRUE(bu2.nai_ok && bu2.auth_last);
	EXPECT_GT(bu2.ts, bu1.ts) << "timestamps increase";
	EXPECT_FALSE(t.ha->has_tunnel(t.ha_addr, coa1));
	EXPECT_EQ(t.ha->tunnels().size(), 1u);
	const uint64_t accepted = ha_st().ba_sent[MIP6_BA_ACCEPTED];
	EXPECT_EQ(accepted, 2u);
	const size_t bindings = t.ha->count_traces(MIP6_TR_BINDING, "ha");

	// The correspondent talks to the home address throughout.
	Flow &f = start_flow(w, "", t.cn, t.cn_addr, hoa, MIP6_MS(20));
	w.run_for(MIP6_MS(500));

	// --- the replay: eve sends the captured f1 BU as it was ---
	const mip6_addr_t ar1 = A("2001:db8:f1::1");
	const mip6_ns_t t_replay = w.now();
	eve->send_raw(1, bus1[0]->bytes, &ar1);
	w.run_for(MIP6_MS(200));
	EXPECT_EQ(ha_st().drop_replay, 1u) << "RFC 4285 6: a timestamp not newer than the last accepted";
	EXPECT_EQ(ha_st().ba_sent[MIP6_BA_ID_MISMATCH], 1u);
	EXPECT_EQ(ha_st().ba_sent[MIP6_BA_ACCEPTED], accepted);
	// The refusal goes to the care-of address in the replayed BU (back on
	// f1), with the last accepted timestamp.
	auto refused = mh_on(f1, MIP6_MH_BA, t_replay);
	ASSERT_EQ(refused.size(), 1u);
	EXPECT_TRUE(mip6_addr_eq(&refused[0]->dst, &coa1));
	const AuthView r1 = auth_view(*refused[0], coa1, hoa);
	EXPECT_EQ(r1.status, MIP6_BA_ID_MISMATCH);
	EXPECT_TRUE(r1.has_ts);
	EXPECT_EQ(r1.ts, bu2.ts) << "144 carries the last accepted timestamp";
	// Nothing moved.
	EXPECT_TRUE(t.ha->has_tunnel(t.ha_addr, coa2));
	EXPECT_EQ(t.ha->tunnels().size(), 1u);
	EXPECT_EQ(t.ha->count_traces(MIP6_TR_BINDING, "ha"), bindings);

	// --- the same BU with a timestamp past the last accepted one: the
	// authenticator no longer matches ---
	Bytes fresh = bus1[0]->bytes;
	ASSERT_GT(bu1.ts_at, 0u);
	const uint64_t ts = bu2.ts + (1ull << 32); // one second later
	Bytes tsb(8);
	for (int i = 0; i < 8; i++)
		tsb[static_cast<size_t>(i)] = static_cast<uint8_t>(ts >> (56 - 8 * i));
	ASSERT_TRUE(patch_upper(fresh, bu1.mh_off, 4, bu1.ts_at, tsb));
	const mip6_ns_t t_forged = w.now();
	eve->send_raw(1, fresh, &ar1);
	w.run_for(MIP6_MS(200));
	EXPECT_EQ(ha_st().drop_auth, 1u) << "RFC 4285 5: the authenticator covers the timestamp";
	EXPECT_EQ(ha_st().ba_sent[MIP6_BA_AUTH_FAIL], 1u);
	EXPECT_EQ(ha_st().drop_replay, 1u);
	refused = mh_on(f1, MIP6_MH_BA, t_forged);
	ASSERT_EQ(refused.size(), 1u);
	EXPECT_EQ(refused[0]->ba_status, MIP6_BA_AUTH_FAIL);
	EXPECT_TRUE(t.ha->has_tunnel(t.ha_addr, coa2));
	EXPECT_EQ(t.ha->tunnels().size(), 1u);
	EXPECT_EQ(t.ha->count_traces(MIP6_TR_BINDING, "ha"), bindings);
	EXPECT_EQ(ha_st().ba_sent[MIP6_BA_ACCEPTED], accepted);

	// The node never noticed: still bound, the traffic all arrived at f2.
	w.run_for(MIP6_MS(500));
	f.stop();
	w.run_for(MIP6_MS(200));
	EXPECT_EQ(mn->last_state(MIP6_EV_MN_HOME_STATE), "BOUND");
	EXPECT_GT(f.sent(), 50u);
	EXPECT_TRUE(f.lost().empty()) << f.lost().size() << " lost";
	EXPECT_TRUE(f.echo_lost().empty());
	for (auto &kv : f.rx)
		EXPECT_EQ(kv.second.host, "mn");
	for (const TapFrame &s : f1.frames) {
		if (s.tagged) {
			EXPECT_LT(s.t, t_replay) << "flow traffic pulled back to f1";
		}
	}
}

// RFC 4285 6: the timestamp is the sender's time of day (env.time_of_day),
// so the HA's window check against its own clock lets it through.
TEST_F(ScenarioMnHaAuth, TimestampsAreTheTimeOfDay)
{
	w.attach(*mn, 1, *t.foreign[0]);
	mip6_addr_t coa1{};
	ASSERT_TRUE(run_until_registered(w, t, *mn, 0, 1, MIP6_SEC(10), &coa1));
	auto bus = mh_on(f1, MIP6_MH_BU);
	ASSERT_EQ(bus.size(), 1u);
	const AuthView bu = auth_view(*bus[0], coa1, hoa);
	ASSERT_TRUE(bu.has_ts);
	const uint64_t wall = ntp_time_of_day(bus[0]->t);
	const uint64_t d = bu.ts > wall ? bu.ts - wall : wall - bu.ts;
	EXPECT_LT(d, 1ull << 32) << "BU timestamp " << (bu.ts >> 32) << " s, time of day " << (wall >> 32)
	                         << " s (NTP seconds)";
}
