/* SPDX-License-Identifier: BSD-3-Clause */
// The allocator handed to the core: counts allocations, can make the Nth
// fail (for allocation-failure reruns) and tracks what is still live, so a
// test can assert that mip6_node_free() left nothing behind.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

extern "C" {
#include "mip6/alloc.h"
}

namespace mip6h
{

class FailAlloc
{
      public:
	FailAlloc() = default;
	~FailAlloc();
	FailAlloc(const FailAlloc &) = delete;
	FailAlloc &operator=(const FailAlloc &) = delete;

	// The mip6_alloc_t to put into a mip6_env_t.
	mip6_alloc_t alloc() { return mip6_alloc_t{&FailAlloc::fn, this}; }

	// Makes the nth allocation attempt from now on fail (1 = the next one),
	// once. 0 disarms. An attempt is an allocation or a resize.
	void fail_nth(uint64_t n) { fail_at_ = n ? attempts_ + n : 0; }
	// Makes every attempt fail while on (memory exhausted).
	void fail_all(bool on) { fail_all_ = on; }

	uint64_t attempts() const { return attempts_; } // allocations + resizes asked for
	uint64_t failures() const { return failures_; } // attempts answered with NULL
	uint64_t frees() const { return frees_; }
	size_t live() const { return live_.size(); } // blocks not freed yet
	size_t live_bytes() const { return live_bytes_; }
	size_t peak_bytes() const { return peak_bytes_; }
	// Frees or resizes of a pointer this allocator never handed out (or
	// handed out and took back already): double frees and wild frees.
	uint64_t bad_frees() const { return bad_frees_; }
	// The shape of every attempt so far, in order: size << 1 | resize.
	// Alike nodes make attempts of the same shapes.
	const std::vector<uint64_t> &shapes() const { return shapes_; }

      private:
	static void *fn(void *ctx, void *ptr, size_t size);
	void *call(void *ptr, size_t size);
	bool should_fail();

	uint64_t attempts_ = 0, failures_ = 0, frees_ = 0, bad_frees_ = 0;
	uint64_t fail_at_ = 0;
	bool fail_all_ = false;
	size_t live_bytes_ = 0, peak_bytes_ = 0;
	std::unordered_map<void *, size_t> live_;
	std::vector<uint64_t> shapes_;
};

} // namespace mip6h
