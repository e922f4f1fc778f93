/* SPDX-License-Identifier: BSD-3-Clause */
// A small seeded generator (splitmix64 seeding xoshiro256**), written out so
// a run gives the same numbers on every platform and standard library
// (std::uniform_*_distribution is implementation-defined).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace mip6h
{

inline uint64_t splitmix64(uint64_t &x)
{
	uint64_t z = (x += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

// FNV-1a, to derive a per-object seed from the world seed and a name, so a
// link's numbers do not depend on the order objects were created in.
inline uint64_t fnv1a(const void *p, size_t n, uint64_t h = 0xcbf29ce484222325ull)
{
	const uint8_t *b = static_cast<const uint8_t *>(p);
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

inline uint64_t fnv1a(const std::string &s, uint64_t h = 0xcbf29ce484222325ull)
{
	return fnv1a(s.data(), s.size(), h);
}

class Rng
{
      public:
	explicit Rng(uint64_t seed = 1) { reseed(seed); }

	void reseed(uint64_t seed)
	{
		uint64_t x = seed;
		for (auto &w : s_)
			w = splitmix64(x);
	}

	uint64_t next()
	{
		const uint64_t r = rotl(s_[1] * 5, 7) * 9;
		const uint64_t t = s_[1] << 17;
		s_[2] ^= s_[0];
		s_[3] ^= s_[1];
		s_[1] ^= s_[2];
		s_[0] ^= s_[3];
		s_[2] ^= t;
		s_[3] = rotl(s_[3], 45);
		return r;
	}

	// Uniform in [0, 1) with 53 bits.
	double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
	bool chance(double p) { return p > 0 && uniform() < p; }
	// Uniform integer in [0, n) (n > 0); the tiny modulo bias does not matter here.
	uint64_t below(uint64_t n) { return n ? next() % n : 0; }

	void fill(uint8_t *out, size_t len)
	{
		while (len) {
			uint64_t v = next();
			for (int i = 0; i < 8 && len; i++, len--) {
				*out++ = static_cast<uint8_t>(v);
				v >>= 8;
			}
		}
	}

      private:
	static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
	uint64_t s_[4];
};

} // namespace mip6h
