// SPDX-License-Identifier: BSD-3-Clause
// The trace printer: text and JSON lines, and the env wrapper.
#include <gtest/gtest.h>

#include <string>

#include "bind_test_util.h"

extern "C" {
#include "mip6/bind_trace.h"
}

using namespace bindtest;

namespace
{
mip6_trace_t state_ev()
{
	mip6_trace_t ev{};
	ev.kind = MIP6_TR_STATE;
	ev.code = MIP6_EV_MN_HOME_STATE;
	ev.component = "mn";
	ev.what = "home registration";
	ev.from = "wait-ba";
	ev.to = "bound";
	ev.a = A("2001:db8:1::100");
	ev.value = 7;
	ev.now = MIP6_MS(1500);
	return ev;
}
} // namespace

TEST(BindTrace, TextLine)
{
	char buf[MIP6_BIND_TRACE_LINE_MAX];
	mip6_trace_t ev = state_ev();
	ASSERT_GT(mip6_bind_trace_text(&ev, buf, sizeof(buf)), 0);
	EXPECT_STREQ(buf,
	             "state mn [mn.home.state] home registration wait-ba -> bound 2001:db8:1::100 value 7");
	mip6_trace_t d{};
	d.kind = MIP6_TR_DROP;
	d.component = "ha";
	d.what = "bad checksum";
	ASSERT_GT(mip6_bind_trace_text(&d, buf, sizeof(buf)), 0);
	EXPECT_STREQ(buf, "drop ha bad checksum") << "no code, no state, no addresses, no zero value";
	d.code = 0x06ff; // a code this build has no name for
	ASSERT_GT(mip6_bind_trace_text(&d, buf, sizeof(buf)), 0);
	EXPECT_STREQ(buf, "drop ha [0x06ff] bad checksum");
	EXPECT_EQ(mip6_bind_trace_text(&ev, buf, 10), MIP6_E_NOSPC);
	EXPECT_EQ(strlen(buf), 9u) << "cut, still terminated";
}

TEST(BindTrace, JsonLineHasStableKeys)
{
	char buf[MIP6_BIND_TRACE_LINE_MAX];
	mip6_trace_t ev = state_ev();
	ASSERT_GT(mip6_bind_trace_json(&ev, buf, sizeof(buf)), 0);
	EXPECT_STREQ(buf, "{\"t_ns\":1500000000,\"kind\":\"state\",\"code\":1025,\"event\":\"mn.home.state\","
	                  "\"component\":\"mn\","
	                  "\"what\":\"home registration\",\"from\":\"wait-ba\",\"to\":\"bound\","
	                  "\"a\":\"2001:db8:1::100\",\"b\":\"::\",\"value\":7}");
	mip6_trace_t odd{};
	odd.kind = 99;
	odd.code = 60000;
	odd.what = "quote \" back\\ tab\t";
	ASSERT_GT(mip6_bind_trace_json(&odd, buf, sizeof(buf)), 0);
	EXPECT_NE(std::string(buf).find("\"kind\":\"?\",\"code\":60000,\"event\":null,\"component\":null,"
	                                "\"what\":\"quote \\\" back\\\\ tab\\u0009\",\"from\":null"),
	          std::string::npos)
	    << buf;
}

TEST(BindTrace, WrapperPrintsBothFormatsAndForwards)
{
	Platform pl;
	static std::vector<std::pair<unsigned, std::string>> lines;
	lines.clear();
	mip6_bind_tracer_t t;
	mip6_bind_tracer_init(
	    &t, &pl.env, MIP6_BIND_TRACE_TEXT | MIP6_BIND_TRACE_JSON,
	    [](void *, unsigned f, const char *l, size_t n) {
		    EXPECT_EQ(strlen(l), n);
		    lines.emplace_back(f, l);
	    },
	    nullptr);
	const mip6_env_t *e = mip6_bind_tracer_env(&t);
	mip6_trace_t ev = state_ev();
	e->trace(e->ctx, &ev);
	ASSERT_EQ(lines.size(), 2u);
	EXPECT_EQ(lines[0].first, MIP6_BIND_TRACE_TEXT);
	EXPECT_EQ(lines[1].first, MIP6_BIND_TRACE_JSON);
	EXPECT_EQ(lines[1].second[0], '{');
	ASSERT_EQ(pl.traces.size(), 1u) << "forwarded to the inner env";
	// The rest passes through.
	auto p = ip6(3);
	e->send(e->ctx, 2, p.data(), p.size());
	ASSERT_EQ(pl.sent.size(), 1u);
	EXPECT_EQ(pl.sent[0].ifindex, 2u);
	EXPECT_EQ(e->time_of_day, nullptr) << "absent inside, absent outside";
	// With an inner env without trace the wrapper still prints.
	Platform quiet;
	quiet.env.trace = nullptr;
	mip6_bind_tracer_init(
	    &t, &quiet.env, MIP6_BIND_TRACE_TEXT,
	    [](void *, unsigned f, const char *l, size_t) { lines.emplace_back(f, l); }, nullptr);
	mip6_bind_tracer_env(&t)->trace(mip6_bind_tracer_env(&t)->ctx, &ev);
	EXPECT_EQ(lines.size(), 3u);
}
