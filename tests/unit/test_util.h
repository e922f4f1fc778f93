/* SPDX-License-Identifier: BSD-3-Clause */
// Helpers shared by the unit tests: hex <-> bytes, address literals.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

extern "C" {
#include "mip6/addr.h"
#include "mip6/err.h"
}

namespace t {

inline std::vector<uint8_t> hex(const std::string &s)
{
	std::vector<uint8_t> out;
	int hi = -1;
	for (char c : s) {
		int v;
		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'a' && c <= 'f')
			v = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v = c - 'A' + 10;
		else
			continue; // spaces and separators are ignored
		if (hi < 0) {
			hi = v;
		} else {
			out.push_back(static_cast<uint8_t>(hi << 4 | v));
			hi = -1;
		}
	}
	if (hi >= 0)
		throw std::invalid_argument("odd number of hex digits");
	return out;
}

inline std::string tohex(const uint8_t *p, size_t n)
{
	static const char d[] = "0123456789abcdef";
	std::string s;
	for (size_t i = 0; i < n; i++) {
		s += d[p[i] >> 4];
		s += d[p[i] & 15];
	}
	return s;
}

inline std::string tohex(const std::vector<uint8_t> &v) { return tohex(v.data(), v.size()); }

inline mip6_addr_t addr(const char *s)
{
	mip6_addr_t a;
	if (mip6_addr_pton(s, &a) != 0)
		throw std::invalid_argument(s);
	return a;
}

inline std::string str(const mip6_addr_t &a)
{
	char buf[MIP6_ADDR_STRLEN];
	return mip6_addr_ntop(&a, buf);
}

} // namespace t
