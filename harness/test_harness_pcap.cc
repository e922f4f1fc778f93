// SPDX-License-Identifier: BSD-3-Clause
// Captures: raw IPv6 through libpcap, virtual-clock time stamps.
#include <gtest/gtest.h>
#include <pcap/pcap.h>

#include "harness.h"
#include "harness_gtest.h"

using namespace mip6h;

namespace
{

struct Rec {
	mip6_ns_t t;
	Bytes data;
};

std::vector<Rec> read_pcap(const std::string &path, int *dlt)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, err);
	std::vector<Rec> v;
	if (!p) {
		ADD_FAILURE() << "cannot read " << path << ": " << err;
		return v;
	}
	*dlt = pcap_datalink(p);
	struct pcap_pkthdr *h;
	const u_char *d;
	while (pcap_next_ex(p, &h, &d) == 1)
		v.push_back({mip6_ns_t(h->ts.tv_sec) * 1000000000ull + mip6_ns_t(h->ts.tv_usec),
		             Bytes(d, d + h->caplen)});
	pcap_close(p);
	return v;
}

} // namespace

TEST(HarnessPcap, LinkCaptureHasEveryFrameWithVirtualTimestamps)
{
	World w(1, WorldOpts{false, false, 0});
	std::string prefix = test_pcap_prefix();
	w.enable_pcap(prefix);
	Link &l = w.add_link("lan"); // opened on creation, after enable_pcap
	Host &a = w.add_host("a"), &b = w.add_host("b");
	a.add_iface(1);
	b.add_iface(1);
	a.add_addr(1, A("2001:db8::a"), 64);
	b.add_addr(1, A("2001:db8::b"), 64);
	w.attach(a, 1, l);
	w.attach(b, 1, l);
	std::vector<Bytes> sent;
	for (int i = 0; i < 5; i++) {
		w.sim.at(MIP6_SEC(2) + MIP6_MS(i * 250) + 17, [&, i] {
			Bytes p = build_udp(A("2001:db8::a"), A("2001:db8::b"), 1000, 9,
			                    Bytes(size_t(i + 1), 0xab));
			sent.push_back(p);
			a.send(p);
		});
	}
	w.run_for(MIP6_SEC(5));
	ASSERT_TRUE(l.pcap().is_open());
	EXPECT_EQ(l.pcap().path(), prefix + "_lan.pcap");
	l.pcap().close();

	int dlt = -1;
	auto recs = read_pcap(prefix + "_lan.pcap", &dlt);
	EXPECT_EQ(dlt, DLT_RAW);
	ASSERT_EQ(recs.size(), 5u);
	for (int i = 0; i < 5; i++) {
		EXPECT_EQ(recs[i].t, MIP6_SEC(2) + MIP6_MS(i * 250) + 17) << i; // nanosecond time stamps
		EXPECT_EQ(recs[i].data, sent[i]) << i;
	}
}

TEST(HarnessPcap, LostFramesAreStillOnTheWireButDownLinksCaptureNothing)
{
	World w(3, WorldOpts{false, false, 0});
	std::string prefix = test_pcap_prefix();
	LinkParams p;
	p.loss = 1.0;
	Link &l = w.add_link("lossy", p);
	w.enable_pcap(prefix); // opens links that already exist
	Host &a = w.add_host("a"), &b = w.add_host("b");
	a.add_iface(1);
	b.add_iface(1);
	a.add_addr(1, A("2001:db8::a"), 64);
	b.add_addr(1, A("2001:db8::b"), 64);
	w.attach(a, 1, l);
	w.attach(b, 1, l);
	a.send_udp(A("2001:db8::a"), A("2001:db8::b"), 1, 9, {});
	a.send_udp(A("2001:db8::a"), A("2001:db8::b"), 1, 9, {});
	w.run_for(MIP6_MS(10));
	w.set_link_up(l, false);
	a.send_raw(1, build_udp(A("2001:db8::a"), A("2001:db8::b"), 1, 9, {}));
	w.run_for(MIP6_MS(10));
	l.pcap().close();
	int dlt;
	auto recs = read_pcap(prefix + "_lossy.pcap", &dlt);
	EXPECT_EQ(recs.size(), 2u);
	EXPECT_EQ(b.stats.rx, 0u);
}
