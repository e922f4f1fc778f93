// SPDX-License-Identifier: BSD-3-Clause
#include "fail_alloc.h"

#include <cstdlib>

namespace mip6h
{

FailAlloc::~FailAlloc()
{
	// Leaks are the test's to report; release them so sanitizers do not
	// report them a second time.
	for (auto &kv : live_)
		std::free(kv.first);
}

void *FailAlloc::fn(void *ctx, void *ptr, size_t size)
{
	return static_cast<FailAlloc *>(ctx)->call(ptr, size);
}

bool FailAlloc::should_fail()
{
	attempts_++;
	if (fail_all_ || (fail_at_ && attempts_ == fail_at_)) {
		failures_++;
		return true;
	}
	return false;
}

void *FailAlloc::call(void *ptr, size_t size)
{
	if (size == 0) {
		if (!ptr)
			return nullptr;
		auto it = live_.find(ptr);
		if (it == live_.end()) {
			bad_frees_++; // never free what we do not know: keeps the run alive
			return nullptr;
		}
		live_bytes_ -= it->second;
		live_.erase(it);
		frees_++;
		std::free(ptr);
		return nullptr;
	}
	if (ptr && !live_.count(ptr)) {
		bad_frees_++;
		return nullptr;
	}
	shapes_.push_back(static_cast<uint64_t>(size) << 1 | (ptr != nullptr));
	if (should_fail())
		return nullptr;
	// Forget the old block before realloc: after it, ptr may not be used
	// even as a map key (and gcc -O2 says so).
	size_t old_size = 0;
	if (ptr) {
		auto it = live_.find(ptr);
		old_size = it->second;
		live_.erase(it);
	}
	void *p = std::realloc(ptr, size);
	if (!p) {
		if (ptr)
			live_[ptr] = old_size; // realloc failed: the old block lives on
		return nullptr;
	}
	live_bytes_ -= old_size;
	live_[p] = size;
	live_bytes_ += size;
	if (live_bytes_ > peak_bytes_)
		peak_bytes_ = live_bytes_;
	return p;
}

} // namespace mip6h
