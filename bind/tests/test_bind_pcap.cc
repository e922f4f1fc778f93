// SPDX-License-Identifier: BSD-3-Clause
// The pcap tap (records of sent and core-bound packets) and its file writer.
#include <gtest/gtest.h>

#include <string>

#include "bind_test_util.h"

extern "C" {
#include "mip6/bind_pcap.h"
}
#ifdef MIP6_BIND_HAVE_PCAP
#include <pcap/pcap.h>
extern "C" {
#include "mip6/bind_pcap_file.h"
}
#endif

using namespace bindtest;

namespace
{
struct Rec {
	mip6_ns_t t;
	int dir;
	uint32_t ifindex;
	std::vector<uint8_t> pkt;
};

void keep(void *ctx, const mip6_bind_pkt_rec_t *r)
{
	static_cast<std::vector<Rec> *>(ctx)->push_back(
	    {r->t_ns, r->dir, r->ifindex, std::vector<uint8_t>(r->pkt, r->pkt + r->len)});
}
} // namespace

TEST(BindPcap, TapRecordsSentAndCoreBoundPacketsWithTheCallsTime)
{
	Platform pl;
	std::vector<Rec> recs;
	mip6_bind_pcap_tap_t tap;
	mip6_bind_pcap_tap_init(&tap, &pl.env, keep, &recs);
	mip6_bind_t *b = mip6_bind_new(mip6_bind_pcap_tap_env(&tap), nullptr);
	mip6_bind_pcap_tap_attach(&tap, b);
	ASSERT_NE(mip6_bind_node_new(b, 0), nullptr);

	auto in = ip6(1), out = ip6(2), sent = ip6(3);
	mip6_bind_input(b, 4, in.data(), in.size(), 1000);
	mip6_bind_output(b, out.data(), out.size(), 2000);
	mip6_bind_enter(b, 3000); // as the core sends inside a call
	mip6_bind_env(b)->send(mip6_bind_env(b)->ctx, 5, sent.data(), sent.size());
	mip6_bind_leave(b);

	ASSERT_EQ(recs.size(), 3u);
	EXPECT_EQ(recs[0].dir, MIP6_BIND_DIR_INPUT);
	EXPECT_EQ(recs[0].ifindex, 4u);
	EXPECT_EQ(recs[0].t, 1000u);
	EXPECT_EQ(recs[0].pkt, in);
	EXPECT_EQ(recs[1].dir, MIP6_BIND_DIR_OUTPUT);
	EXPECT_EQ(recs[1].t, 2000u);
	EXPECT_EQ(recs[2].dir, MIP6_BIND_DIR_SENT);
	EXPECT_EQ(recs[2].ifindex, 5u);
	EXPECT_EQ(recs[2].t, 3000u);
	EXPECT_EQ(recs[2].pkt, sent);
	ASSERT_EQ(pl.sent.size(), 1u) << "and the packet still goes out";
	tap.dirs = 1u << MIP6_BIND_DIR_SENT;
	mip6_bind_input(b, 4, in.data(), in.size(), 4000);
	EXPECT_EQ(recs.size(), 3u);
	mip6_bind_free(b);
}

#ifdef MIP6_BIND_HAVE_PCAP
TEST(BindPcap, FileIsRawIpv6WithNanosecondsAndReadsBack)
{
	const std::string path = std::string(MIP6_BIND_TEST_DIR) + "/bind_pcap_test.pcap";
	mip6_bind_pcap_file_t *f = mip6_bind_pcap_file_open(path.c_str());
	ASSERT_NE(f, nullptr);
	auto p1 = ip6(1), p2 = ip6(2);
	mip6_bind_pkt_rec_t r1{MIP6_MS(1500) + 7, MIP6_BIND_DIR_SENT, 1, p1.data(), p1.size()};
	mip6_bind_pkt_rec_t r2{3000000000ull + 123456789ull, MIP6_BIND_DIR_INPUT, 2, p2.data(), p2.size()};
	mip6_bind_pcap_file_record(f, &r1);
	mip6_bind_pcap_file_record(f, &r2);
	EXPECT_EQ(mip6_bind_pcap_file_count(f), 2u);
	mip6_bind_pcap_file_close(f);

	char err[PCAP_ERRBUF_SIZE];
	pcap_t *rd = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, err);
	ASSERT_NE(rd, nullptr) << err;
	EXPECT_EQ(pcap_datalink(rd), DLT_RAW);
	EXPECT_EQ(pcap_get_tstamp_precision(rd), PCAP_TSTAMP_PRECISION_NANO);
	struct pcap_pkthdr *h;
	const u_char *data;
	ASSERT_EQ(pcap_next_ex(rd, &h, &data), 1);
	EXPECT_EQ(h->ts.tv_sec, 1);
	EXPECT_EQ(h->ts.tv_usec, 500000007);
	EXPECT_EQ(std::vector<uint8_t>(data, data + h->caplen), p1);
	ASSERT_EQ(pcap_next_ex(rd, &h, &data), 1);
	EXPECT_EQ(h->ts.tv_sec, 3);
	EXPECT_EQ(h->ts.tv_usec, 123456789);
	EXPECT_EQ(std::vector<uint8_t>(data, data + h->caplen), p2);
	EXPECT_EQ(pcap_next_ex(rd, &h, &data), PCAP_ERROR_BREAK);
	pcap_close(rd);
	EXPECT_EQ(mip6_bind_pcap_file_open("/nonexistent-dir/x.pcap"), nullptr);
}
#endif
