// SPDX-License-Identifier: BSD-3-Clause
// Scenario: a mobile node leaves home for f1 (a first registration) and then
// moves on to f2 (a re-registration) while the foreign links lose, duplicate
// or reorder mobility signaling only: the Link's impair_filter picks the
// Mobility Header packets, so router discovery, DAD and data traffic are
// untouched. Each registration must converge within what the RFC 6275
// retransmission schedule allows (section 11.8: InitialBindackTimeoutFirstReg
// 1.5 s for a first registration, INITIAL_BINDACK_TIMEOUT 1 s otherwise,
// doubling up to MAX_BINDACK_TIMEOUT 32 s), with the retransmissions
// accounted for by the links' losses, sequence numbers consistent (the home
// agent answers the newest BU it has, no status 135 ping-pong), silence once
// bound, and traffic flowing through the home agent afterwards.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "harness_gtest.h"

extern "C" {
#include "mip6/decode.h"
#include "mip6/stats.h"
}

using namespace mip6h;

namespace
{

constexpr mip6_ns_t kFirstRegRto = MIP6_MS(1500); // InitialBindackTimeoutFirstReg
constexpr mip6_ns_t kInitialRto = MIP6_SEC(1);    // INITIAL_BINDACK_TIMEOUT
constexpr mip6_ns_t kMaxRto = MIP6_SEC(32);       // MAX_BINDACK_TIMEOUT
constexpr mip6_ns_t kHaDad = MIP6_SEC(1);         // the home agent's DAD of the home address
constexpr mip6_ns_t kRtt = MIP6_MS(100);          // BU + BA (24 ms here), with margin
constexpr mip6_ns_t kLimit = MIP6_SEC(400);       // give up waiting (the bound is checked apart)
constexpr uint64_t kSeeds = 16;                   // runs per case

// The i-th retransmission timeout (i from 0): first, doubling, capped.
mip6_ns_t rto(mip6_ns_t first, unsigned i)
{
	mip6_ns_t r = first;
	while (i-- > 0)
		r = std::min(r * 2, kMaxRto);
	return r;
}

// When the k-th BU (k from 1) leaves, counted from the first.
mip6_ns_t schedule(mip6_ns_t first, unsigned k)
{
	mip6_ns_t t = 0;
	for (unsigned i = 0; i + 1 < k; i++)
		t += rto(first, i);
	return t;
}

// True when a is newer than b modulo 2^16 (RFC 6275 9.5.1).
bool seq_newer(uint16_t a, uint16_t b)
{
	uint16_t d = uint16_t(a - b);
	return d >= 1 && d <= 32767;
}

struct Impair {
	std::string name;
	double loss = 0, dup = 0, reorder = 0;
	mip6_ns_t reorder_delay = 0;
	bool pure_loss() const { return dup == 0 && reorder == 0; }
};

// A Binding Update or Acknowledgement a tap saw.
struct Msg {
	mip6_ns_t t;
	std::string from;
	int type; // MIP6_MH_BU or MIP6_MH_BA
	uint16_t seq;
	uint8_t status;
};

struct MsgTap {
	World *w = nullptr;
	std::vector<Msg> msgs;
	uint64_t other = 0; // other MH types
	void on(World &world, Link &l)
	{
		w = &world;
		l.drop_if = [this](const Host &from, const uint8_t *p, size_t len) {
			auto pk = std::make_unique<mip6_pkt_t>();
			if (mip6_pkt_parse(p, len, MIP6_DEC_LENIENT, pk.get()) != 0 || pk->ul != MIP6_UL_MH)
				return false;
			const mip6_mh_t &m = pk->mh;
			if (m.type == MIP6_MH_BU)
				msgs.push_back({w->now(), from.name(), m.type, m.u.bu.seq, 0});
			else if (m.type == MIP6_MH_BA)
				msgs.push_back({w->now(), from.name(), m.type, m.u.ba.seq, m.u.ba.status});
			else
				other++;
			return false;
		};
	}
};

// Sequence numbers at the home agent (RFC 6275 9.5.1): an accepting BA
// answers the newest BU the home agent has received, so a stale copy never
// wins. A BU is noted at its delivery instant, by an event scheduled just
// before the link's own delivery of the frame; a BA when it is sent.
struct HaSeqCheck {
	World *w = nullptr;
	bool any = false;
	uint16_t newest = 0;
	uint64_t accepting = 0;
	std::vector<std::string> problems;
	void on(World &world, Link &home)
	{
		w = &world;
		const mip6_ns_t delay = home.params.delay;
		home.drop_if = [this, delay](const Host &from, const uint8_t *p, size_t len) {
			auto pk = std::make_unique<mip6_pkt_t>();
			if (mip6_pkt_parse(p, len, MIP6_DEC_LENIENT, pk.get()) != 0 || pk->ul != MIP6_UL_MH)
				return false;
			const mip6_mh_t &m = pk->mh;
			if (m.type == MIP6_MH_BU && from.name() == "rhome") {
				const uint16_t seq = m.u.bu.seq;
				w->sim.at(w->now() + delay, [this, seq] {
					if (!any || seq_newer(seq, newest))
						newest = seq;
					any = true;
				});
			} else if (m.type == MIP6_MH_BA && from.name() == "ha" && m.u.ba.status < 128) {
				accepting++;
				if (!any || m.u.ba.seq != newest)
					problems.push_back("BA accepting " + std::to_string(m.u.ba.seq) +
					                   " while the newest BU received was " +
					                   std::to_string(newest));
			}
			return false;
		};
	}
};

// One registration's figures.
struct Reg {
	mip6_ns_t moved = 0, first_bu = MIP6_NS_NEVER, converged = MIP6_NS_NEVER;
	unsigned bu_tx = 0; // BUs the node sent for it
	unsigned retx = 0;  // its mn.bu.retransmission events
	uint64_t lost = 0;  // MH copies the link lost meanwhile
	bool ok() const { return converged != MIP6_NS_NEVER; }
	mip6_ns_t since_bu() const { return converged - first_bu; }
};

struct Conv {
	uint64_t seed = 0;
	Reg reg[2]; // first registration on f1, re-registration on f2
	uint64_t duplicated = 0, reordered = 0, st135 = 0;
};

// One run of a case with one seed; assertions inside, figures out.
class SigRun
{
      public:
	SigRun(const Impair &imp, uint64_t seed) : w(seed), t(w), imp_(imp)
	{
		out.seed = seed;
		what_ = imp.name + " seed " + std::to_string(seed);
	}

	World w;
	Topo t;
	Conv out;

	void run(bool pcap)
	{
		if (pcap)
			w.enable_pcap(test_pcap_prefix("seed" + std::to_string(out.seed)));
		build_topology(t);
		MobileSpec spec = mobile_spec(t, "mn", 0);
		hoa_ = spec.cfg.hoa;
		ASSERT_EQ(make_ha(t, {client_for(spec)}), 0);
		int rc = -1;
		mn_ = &add_mn(t, spec, &rc);
		ASSERT_EQ(rc, 0);
		ASSERT_NE(mn_->node(), nullptr);
		for (unsigned k = 0; k < 2; k++) {
			Link &l = *t.foreign[k];
			l.params.loss = imp_.loss;
			l.params.dup = imp_.dup;
			l.params.reorder = imp_.reorder;
			l.params.reorder_delay = imp_.reorder_delay;
			l.params.impair_filter = [](const uint8_t *p, size_t len) { return is_mh(p, len); };
			tap_[k].on(w, l);
		}
		ha_seq_.on(w, *t.home);

		w.attach(*mn_, 1, *t.home);
		w.run_until(MIP6_SEC(3));
		ASSERT_TRUE(mn_->has_addr(hoa_, 1));
		ASSERT_NO_FATAL_FAILURE(visit(0));
		ASSERT_NO_FATAL_FAILURE(visit(1));
		finish();
	}

      private:
	Impair imp_;
	std::string what_;
	mip6_addr_t hoa_{};
	Host *mn_ = nullptr;
	MsgTap tap_[2];
	HaSeqCheck ha_seq_;

	void visit(unsigned k)
	{
		Link &l = *t.foreign[k];
		Reg &r = out.reg[k];
		const std::string what = what_ + (k ? " (re-registration)" : " (first registration)");
		r.moved = w.now();
		const uint64_t lost0 = l.stats.lost;
		const size_t retx0 = mn_->count_events(MIP6_EV_MN_BU_RETRANSMISSION);
		const size_t resync0 = mn_->count_events(MIP6_EV_MN_RX_BA_SEQ_RESYNC);
		w.move(*mn_, 1, l);

		// Converged: the node holds an accepted registration for its
		// care-of address on l and the home agent tunnels to it.
		mip6_addr_t coa{};
		bool ok = w.run_until(
		    [&] {
			    return mn_->count_events(MIP6_EV_MN_HOME_ACCEPTED) == k + 1 &&
			           mn_->last_state(MIP6_EV_MN_HOME_STATE) == "BOUND" && mn_->coa(1, &coa) &&
			           mip6_addr_prefix_match(&coa, &t.foreign_prefix[k], 64) &&
			           t.ha->has_tunnel(t.ha_addr, coa);
		    },
		    r.moved + kLimit);
		ASSERT_TRUE(ok) << what << ": no registration within " << kLimit / 1000000000 << " s";
		r.converged = w.now();
		r.lost = l.stats.lost - lost0;
		r.retx = unsigned(mn_->count_events(MIP6_EV_MN_BU_RETRANSMISSION) - retx0);
		std::vector<mip6_ns_t> at;
		std::vector<uint16_t> seq;
		for (const Msg &m : tap_[k].msgs) {
			if (m.from != "mn" || m.type != MIP6_MH_BU)
				continue;
			at.push_back(m.t);
			seq.push_back(m.seq);
		}
		r.bu_tx = unsigned(at.size());
		ASSERT_GE(r.bu_tx, 1u) << what;
		r.first_bu = at[0];
		EXPECT_EQ(tap_[k].other, 0u) << what;
		const TraceRec *hb = nullptr;
		for (const TraceRec &x : t.ha->traces)
			if (x.ev.kind == MIP6_TR_BINDING && x.component == "ha")
				hb = &x;
		ASSERT_NE(hb, nullptr);
		// Created once; a BU retransmitted after a lost BA refreshes it.
		EXPECT_EQ(t.ha->count_events(MIP6_EV_HA_BINDING_CREATED), 1u) << what;
		EXPECT_TRUE(hb->code() == MIP6_EV_HA_BINDING_CREATED ||
		            hb->code() == MIP6_EV_HA_BINDING_REFRESHED)
		    << what;
		EXPECT_TRUE(mip6_addr_eq(&hb->ev.b, &coa)) << what;
		EXPECT_TRUE(t.ha->has_proxy(1, hoa_)) << what;

		// The bound from the retransmission schedule: the registration that
		// worked rode on the last BU sent; its answer comes within the home
		// agent's DAD (first registration only) and a round trip, plus the
		// hold-back of a reordered copy.
		// A BU sent at once on a 135 (resynchronisation) restarts the timer
		// without doubling it: the k-th BU still leaves no later than the
		// schedule's k-th, and the timer's own sends no earlier.
		const mip6_ns_t first = k == 0 ? kFirstRegRto : kInitialRto;
		const mip6_ns_t dad = k == 0 ? kHaDad : 0;
		EXPECT_GE(r.since_bu(), schedule(first, r.retx + 1)) << what;
		EXPECT_LE(r.since_bu(), schedule(first, r.bu_tx) + dad + kRtt + imp_.reorder_delay) << what;

		// Retransmissions, accounted for: the timer's, and those a 135 asked for.
		const size_t resyncs = mn_->count_events(MIP6_EV_MN_RX_BA_SEQ_RESYNC) - resync0;
		EXPECT_EQ(r.retx + 1 + resyncs, r.bu_tx) << what;
		if (imp_.pure_loss()) {
			EXPECT_EQ(resyncs, 0u) << what;
			// Each failed attempt lost exactly one message (the BU or its
			// BA), and the timer ran the schedule to the nanosecond.
			EXPECT_EQ(r.lost, uint64_t(r.bu_tx - 1)) << what;
			for (size_t i = 1; i < at.size(); i++)
				EXPECT_EQ(at[i] - at[i - 1], rto(first, unsigned(i - 1)))
				    << what << " BU " << i;
			// Every BU a new number, one past the last (modulo 2^16).
			for (size_t i = 1; i < seq.size(); i++)
				EXPECT_EQ(seq[i], uint16_t(seq[i - 1] + 1)) << what;
		} else {
			for (size_t i = 1; i < seq.size(); i++)
				EXPECT_TRUE(seq_newer(seq[i], seq[i - 1])) << what;
		}
		if (imp_.loss == 0) {
			EXPECT_EQ(r.lost, 0u) << what;
		}
	}

	void finish()
	{
		const mip6_stats_t *hs = mip6_node_stats(t.ha->node());
		const mip6_stats_t *ms = mip6_node_stats(mn_->node());
		out.duplicated = t.foreign[0]->stats.duplicated + t.foreign[1]->stats.duplicated;
		out.reordered = t.foreign[0]->stats.reordered + t.foreign[1]->stats.reordered;
		out.st135 = hs->ba_sent[MIP6_BA_SEQ_OUT_OF_WINDOW];

		// Sequence numbers: the home agent always answers the newest BU
		// it has, and a 135 only ever answers a stale copy.
		EXPECT_GE(ha_seq_.accepting, 2u) << what_;
		for (const std::string &p : ha_seq_.problems)
			ADD_FAILURE() << what_ << ": " << p;
		if (imp_.pure_loss()) {
			EXPECT_EQ(out.st135, 0u) << what_;
			EXPECT_EQ(ms->drop_seq, 0u) << what_;
			EXPECT_EQ(hs->drop_seq, 0u) << what_;
		}
		EXPECT_LE(out.st135, out.duplicated + out.reordered) << what_;
		EXPECT_LE(mn_->count_events(MIP6_EV_MN_RX_BA_SEQ_RESYNC), 4u) << what_;

		// Afterwards: no more signaling, traffic through the home agent.
		const size_t msgs0 = tap_[1].msgs.size();
		const uint64_t encap0 = hs->mip6_dp_encap;
		FlowSpec fs;
		fs.from = t.cn;
		fs.src = t.cn_addr;
		fs.dst = hoa_;
		fs.start = w.now() + MIP6_MS(100);
		fs.interval = MIP6_MS(50);
		fs.count = 20;
		Flow &f = w.add_flow(fs);
		w.run_for(MIP6_SEC(5));
		EXPECT_EQ(f.received(), 20u) << what_;
		EXPECT_EQ(f.echoed(), 20u) << what_;
		EXPECT_GE(hs->mip6_dp_encap - encap0, 20u) << what_;
		size_t bu_after = 0;
		for (size_t i = msgs0; i < tap_[1].msgs.size(); i++)
			bu_after += tap_[1].msgs[i].from == "mn" && tap_[1].msgs[i].type == MIP6_MH_BU;
		EXPECT_EQ(bu_after, 0u) << what_ << ": BUs after the registration converged";
		EXPECT_EQ(mn_->last_state(MIP6_EV_MN_HOME_STATE), "BOUND") << what_;
		EXPECT_EQ(t.ha->count_events(MIP6_EV_HA_BINDING_CREATED), 1u) << what_;

		EXPECT_HARNESS_CLEAN(w);
		EXPECT_EQ(t.ha->stats.op_anomalies, 0u) << what_;
		EXPECT_EQ(mn_->stats.op_anomalies, 0u) << what_;
		for (auto &l : w.links())
			l->drop_if = nullptr;
		w.free_cores();
		EXPECT_EQ(w.alloc().live(), 0u) << what_;
	}
};

double sec(mip6_ns_t d)
{
	return double(d) / 1e9;
}

// Runs the seeds of a case (captures for the first) and prints its line of
// the table: time from the first BU to convergence, and BUs sent.
std::vector<Conv> run_case(const Impair &imp)
{
	std::vector<Conv> runs;
	for (uint64_t s = 1; s <= kSeeds; s++) {
		SigRun r(imp, s);
		r.run(s == 1);
		runs.push_back(r.out);
	}
	std::string line = "[ sigloss  ] " + imp.name;
	line.resize(26, ' ');
	for (unsigned k = 0; k < 2; k++) {
		std::vector<double> d;
		double sum = 0, tx = 0;
		unsigned max_tx = 0;
		for (const Conv &c : runs) {
			if (!c.reg[k].ok())
				continue;
			d.push_back(sec(c.reg[k].since_bu()));
			sum += d.back();
			tx += c.reg[k].bu_tx;
			max_tx = std::max(max_tx, c.reg[k].bu_tx);
		}
		std::sort(d.begin(), d.end());
		const size_t n = d.size();
		char buf[200];
		std::snprintf(
		    buf, sizeof(buf), "%s %zu/%zu median %6.2f s mean %6.2f s max %6.2f s BUs %.2f/%u  ",
		    k ? "re-reg" : "first", n, runs.size(), n ? d[n / 2] : 0.0, n ? sum / double(n) : 0.0,
		    n ? d.back() : 0.0, n ? tx / double(n) : 0.0, max_tx);
		line += buf;
	}
	uint64_t st135 = 0;
	for (const Conv &c : runs)
		st135 += c.st135;
	std::printf("%s135s %llu\n", line.c_str(), static_cast<unsigned long long>(st135));
	return runs;
}

struct ScenarioSignalingLoss : ::testing::TestWithParam<int> {
};

} // namespace

// Loss of 0, 10, ... 50 % of every MH copy on the foreign links, both ways.
TEST_P(ScenarioSignalingLoss, RegistrationsConverge)
{
	const int pct = GetParam();
	Impair imp;
	imp.name = "loss " + std::to_string(pct) + "%";
	imp.loss = pct / 100.0;
	std::vector<Conv> runs = run_case(imp);
	uint64_t lost = 0;
	mip6_ns_t worst[2] = {0, 0};
	for (const Conv &c : runs) {
		for (unsigned k = 0; k < 2; k++) {
			ASSERT_TRUE(c.reg[k].ok()) << "seed " << c.seed << " registration " << k;
			lost += c.reg[k].lost;
			worst[k] = std::max(worst[k], c.reg[k].since_bu());
		}
		if (pct == 0) {
			// One BU each: the first answered after the home agent's DAD,
			// the second at once.
			EXPECT_EQ(c.reg[0].bu_tx, 1u);
			EXPECT_EQ(c.reg[1].bu_tx, 1u);
			EXPECT_LE(c.reg[0].since_bu(), kHaDad + kRtt);
			EXPECT_LE(c.reg[1].since_bu(), kRtt);
		}
	}
	if (pct > 0) {
		EXPECT_GT(lost, 0u) << "the impairment never struck";
	}
	RecordProperty("worst_first_registration_ms", std::to_string(worst[0] / 1000000));
	RecordProperty("worst_re_registration_ms", std::to_string(worst[1] / 1000000));
}

INSTANTIATE_TEST_SUITE_P(Rates, ScenarioSignalingLoss, ::testing::Values(0, 10, 20, 30, 40, 50),
                         [](const ::testing::TestParamInfo<int> &i) {
	                         return "Loss" + std::to_string(i.param) + "pct";
                         });

// Duplicated signaling: the home agent sees some BUs twice (while its DAD
// runs, and once bound: status 135 for the copy), the node some BAs twice.
TEST(ScenarioSignalingImpaired, DuplicationConverges)
{
	Impair imp;
	imp.name = "dup 20%";
	imp.dup = 0.2;
	std::vector<Conv> runs = run_case(imp);
	uint64_t dups = 0;
	for (const Conv &c : runs) {
		ASSERT_TRUE(c.reg[0].ok() && c.reg[1].ok()) << "seed " << c.seed;
		dups += c.duplicated;
	}
	EXPECT_GT(dups, 0u);
}

// Reordered signaling: a held-back copy arrives two seconds late, after the
// node has retransmitted (the RTOs start at 1.5 s and 1 s), so stale BUs
// and BAs meet newer ones.
TEST(ScenarioSignalingImpaired, ReorderingConverges)
{
	Impair imp;
	imp.name = "reorder 20%";
	imp.reorder = 0.2;
	imp.reorder_delay = MIP6_SEC(2);
	std::vector<Conv> runs = run_case(imp);
	uint64_t held = 0;
	for (const Conv &c : runs) {
		ASSERT_TRUE(c.reg[0].ok() && c.reg[1].ok()) << "seed " << c.seed;
		held += c.reordered;
	}
	EXPECT_GT(held, 0u);
}
