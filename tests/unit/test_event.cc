// SPDX-License-Identifier: BSD-3-Clause
// The trace event codes (mip6/event.h): every code has one name, the name
// says which part of the core and which kind of event the number's range
// stands for, and an unknown code has no name. (A code without a name does
// not compile: event.c switches over the enum without a default.)
#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <string>

extern "C" {
#include "mip6/event.h"
}

namespace
{

// Every code 1..0xffff that has a name.
std::map<uint16_t, std::string> named_codes()
{
	std::map<uint16_t, std::string> m;
	for (uint32_t c = 1; c <= 0xffff; c++)
		if (const char *n = mip6_event_name(static_cast<uint16_t>(c)))
			m[static_cast<uint16_t>(c)] = n;
	return m;
}

// The name prefix of a part of the core (the code's high byte).
const char *part_prefix(uint16_t code)
{
	switch (code >> 8) {
	case 0x01:
		return "node.";
	case 0x02:
		return "dp.";
	case 0x03:
		return "md.";
	case 0x04:
		return "mn.";
	case 0x05:
		return "mn.r"; // mn.ro. or mn.rr.
	case 0x06:
		return "ha.";
	case 0x07:
		return "cn.";
	default:
		return nullptr;
	}
}

bool starts_with(const std::string &s, const std::string &p)
{
	return s.compare(0, p.size(), p) == 0;
}

} // namespace

TEST(Event, NoneAndUnknownCodes)
{
	EXPECT_STREQ(mip6_event_name(MIP6_EV_NONE), "none");
	EXPECT_EQ(mip6_event_name(0x0100), nullptr); // a range's first number is never a code
	EXPECT_EQ(mip6_event_name(0x01ff), nullptr);
	EXPECT_EQ(mip6_event_name(0x0800), nullptr); // no part there
	EXPECT_EQ(mip6_event_name(0xffff), nullptr);
}

TEST(Event, KnownCodesHaveTheirNames)
{
	EXPECT_STREQ(mip6_event_name(MIP6_EV_HA_BINDING_CREATED), "ha.binding.created");
	EXPECT_STREQ(mip6_event_name(MIP6_EV_MN_HOME_STATE), "mn.home.state");
	EXPECT_STREQ(mip6_event_name(MIP6_EV_DP_DROP_HAO_NO_BINDING), "dp.drop.hao_no_binding");
	EXPECT_STREQ(mip6_event_name(MIP6_EV_MN_RR_TX_HOTI), "mn.rr.tx.hoti");
	// Released numbers do not move.
	EXPECT_EQ(MIP6_EV_NODE_DROP_MALFORMED, 0x0180);
	EXPECT_EQ(MIP6_EV_MN_HOME_STATE, 0x0401);
	EXPECT_EQ(MIP6_EV_HA_BCE_STATE, 0x0601);
	EXPECT_EQ(MIP6_EV_CN_BCE_STATE, 0x0701);
}

TEST(Event, EveryNameIsUniqueAndFollowsTheNumberingRule)
{
	auto codes = named_codes();
	ASSERT_GT(codes.size(), 100u);
	std::map<std::string, uint16_t> by_name;
	for (const auto &[code, name] : codes) {
		SCOPED_TRACE(name);
		EXPECT_TRUE(by_name.emplace(name, code).second) << "name also used by code " << by_name[name];
		for (char ch : name)
			EXPECT_TRUE(std::islower(static_cast<unsigned char>(ch)) ||
			            std::isdigit(static_cast<unsigned char>(ch)) || ch == '.' || ch == '_')
			    << "character '" << ch << "'";
		const char *part = part_prefix(code);
		ASSERT_NE(part, nullptr) << "code 0x" << std::hex << code << " outside the parts' ranges";
		EXPECT_TRUE(starts_with(name, part))
		    << "code 0x" << std::hex << code << " is not " << part << "*";
		if ((code >> 8) == 0x04) {
			EXPECT_FALSE(starts_with(name, "mn.ro.") || starts_with(name, "mn.rr."))
			    << "RO/RR live in 0x05xx";
		}
		unsigned low = code & 0xff;
		const bool state = name.size() > 6 && name.compare(name.size() - 6, 6, ".state") == 0;
		const bool drop = name.find(".drop.") != std::string::npos;
		EXPECT_EQ(state, low >= 0x01 && low <= 0x0f) << "state machines take 0x01-0x0f";
		EXPECT_EQ(drop, low >= 0x80) << "drops take 0x80-0xff";
	}
}
