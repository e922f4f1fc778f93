/* SPDX-License-Identifier: BSD-3-Clause */
// GoogleTest glue for scenarios: where the running test's captures go.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "harness.h"

#ifndef MIP6_HARNESS_PCAP_DIR
#define MIP6_HARNESS_PCAP_DIR "pcaps"
#endif

namespace mip6h
{

// <pcap dir>/<Suite>_<Test>[_<suffix>]; parameterised names lose their '/'.
inline std::string test_pcap_prefix(const std::string &suffix = "")
{
	const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
	std::string n = info ? std::string(info->test_suite_name()) + "_" + info->name() : "harness";
	for (char &c : n)
		if (c == '/')
			c = '_';
	if (!suffix.empty())
		n += "_" + suffix;
	return std::string(MIP6_HARNESS_PCAP_DIR) + "/" + n;
}

// Trace events of any host without a known code (mip6/event.h): every event
// the core emits carries one, so a new trace site without it fails here.
inline std::vector<std::string> uncoded_traces(const World &w)
{
	std::vector<std::string> v;
	for (const auto &h : w.hosts())
		for (const TraceRec &t : h->traces)
			if (t.ev.code == MIP6_EV_NONE || !mip6_event_name(t.ev.code))
				v.push_back(h->name() + ": code " + std::to_string(t.ev.code) + " on " +
				            t.component + " '" + t.what + "'");
	return v;
}

// Expects no harness-level error (re-entry, timer storm, bad env use), no
// mobility bus message dropped by any node (World::problems()) and no trace
// event without its code.
#define EXPECT_HARNESS_CLEAN(world)                                                                          \
	do {                                                                                                 \
		for (const auto &e_ : (world).problems())                                                    \
			ADD_FAILURE() << "harness: " << e_;                                                  \
		for (const auto &e_ : ::mip6h::uncoded_traces(world))                                        \
			ADD_FAILURE() << "trace without an event code: " << e_;                              \
	} while (0)

// The end of a scenario with a home agent and a mobile node (or router):
// the harness clean, no operational anomaly at either, the links' hooks
// (taps, droppers) removed, and the cores freed with nothing leaked or
// freed twice.
inline void expect_scenario_clean(World &w, const Host &ha, const Host *mobile)
{
	EXPECT_HARNESS_CLEAN(w);
	EXPECT_EQ(ha.stats.op_anomalies, 0u);
	if (mobile) {
		EXPECT_EQ(mobile->stats.op_anomalies, 0u);
	}
	for (auto &l : w.links())
		l->drop_if = nullptr;
	w.free_cores();
	EXPECT_EQ(w.alloc().live(), 0u);
	EXPECT_EQ(w.alloc().bad_frees(), 0u);
}

} // namespace mip6h
