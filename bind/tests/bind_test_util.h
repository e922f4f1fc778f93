/* SPDX-License-Identifier: BSD-3-Clause */
// Helpers of the binding layer's tests: a recording platform env and an
// allocator.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <vector>

extern "C" {
#include "mip6/bind.h"
#include "mip6/err.h"
}

namespace bindtest
{

inline void *heap(void *, void *p, size_t n)
{
	if (!n) {
		free(p);
		return nullptr;
	}
	return realloc(p, n);
}

inline mip6_alloc_t heap_alloc()
{
	return mip6_alloc_t{&heap, nullptr};
}

inline mip6_addr_t A(const char *s)
{
	mip6_addr_t a{};
	mip6_addr_pton(s, &a);
	return a;
}

// Records what the core (or a test acting as one) does with the env.
struct Platform {
	struct Sent {
		uint32_t ifindex;
		std::vector<uint8_t> pkt;
	};
	std::vector<Sent> sent;
	std::vector<std::vector<uint8_t>> delivered;
	std::vector<mip6_op_t> ops;
	std::vector<mip6_trace_t> traces;
	uint32_t rnd = 1;
	mip6_env_t env{};
	// Called from inside op_submit (to answer at once, say).
	void (*on_op)(Platform *p, const mip6_op_t *op) = nullptr;
	void *user = nullptr;

	Platform()
	{
		env.ctx = this;
		env.send = [](void *c, uint32_t i, const uint8_t *p, size_t n) {
			static_cast<Platform *>(c)->sent.push_back({i, std::vector<uint8_t>(p, p + n)});
		};
		env.deliver = [](void *c, const uint8_t *p, size_t n) {
			static_cast<Platform *>(c)->delivered.emplace_back(p, p + n);
		};
		env.op_submit = [](void *c, const mip6_op_t *op) {
			Platform *pl = static_cast<Platform *>(c);
			pl->ops.push_back(*op);
			if (pl->on_op)
				pl->on_op(pl, op);
		};
		env.random = [](void *c, uint8_t *out, size_t n) {
			Platform *pl = static_cast<Platform *>(c);
			for (size_t i = 0; i < n; i++) {
				pl->rnd = pl->rnd * 1103515245u + 12345u;
				out[i] = static_cast<uint8_t>(pl->rnd >> 16);
			}
		};
		env.trace = [](void *c, const mip6_trace_t *ev) {
			static_cast<Platform *>(c)->traces.push_back(*ev);
		};
		env.alloc = heap_alloc();
	}
};

// A 40-byte IPv6 header with no payload (enough for the wrappers).
inline std::vector<uint8_t> ip6(uint8_t tag)
{
	std::vector<uint8_t> p(40, 0);
	p[0] = 0x60;
	p[6] = 59;
	p[7] = 64;
	p[39] = tag;
	return p;
}

} // namespace bindtest
