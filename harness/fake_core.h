/* SPDX-License-Identifier: BSD-3-Clause */
// A stand-in core for the harness's own tests: records every call, lets a
// test script what it does with the env, and checks it is never re-entered.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "harness.h"

namespace mip6h
{

struct FakeCore : Core {
	explicit FakeCore(Host &host) : h(host) {}

	Host &h;
	const mip6_env_t *env() const { return h.env(); }
	int depth = 0, max_depth = 0;
	struct LinkCall {
		uint32_t ifindex;
		bool up;
		mip6_ns_t t;
	};
	struct Result {
		uint32_t id;
		int status;
		mip6_ns_t t;
	};
	std::vector<LinkCall> links;
	std::vector<Result> results;
	std::vector<mip6_ns_t> timeouts;
	std::vector<Bytes> inputs, outputs;
	mip6_ns_t next = MIP6_NS_NEVER;

	std::function<mip6_verdict_t(uint32_t, const Bytes &)> on_input;
	std::function<mip6_verdict_t(const Bytes &)> on_output;
	std::function<void(mip6_ns_t)> on_timeout;

	struct Guard {
		FakeCore &c;
		explicit Guard(FakeCore &core) : c(core)
		{
			if (++c.depth > c.max_depth)
				c.max_depth = c.depth;
		}
		~Guard() { c.depth--; }
	};

	mip6_verdict_t input(uint32_t ifindex, const uint8_t *p, size_t n, mip6_ns_t) override
	{
		Guard g(*this);
		inputs.emplace_back(p, p + n);
		return on_input ? on_input(ifindex, inputs.back()) : MIP6_PASS;
	}
	mip6_verdict_t output(const uint8_t *p, size_t n, mip6_ns_t) override
	{
		Guard g(*this);
		outputs.emplace_back(p, p + n);
		return on_output ? on_output(outputs.back()) : MIP6_PASS;
	}
	void link(uint32_t ifindex, bool up, mip6_ns_t now) override
	{
		Guard g(*this);
		links.push_back({ifindex, up, now});
	}
	void op_result(uint32_t id, int status, mip6_ns_t now) override
	{
		Guard g(*this);
		results.push_back({id, status, now});
	}
	void timeout(mip6_ns_t now) override
	{
		Guard g(*this);
		timeouts.push_back(now);
		if (on_timeout)
			on_timeout(now);
	}
	mip6_ns_t next_timeout() const override { return next; }
	uint64_t bus_dropped() const override { return dropped; }
	uint64_t dropped = 0; // bus messages this core claims to have lost

	// env helpers, as a core would call them
	void send(uint32_t ifindex, const Bytes &p) { env()->send(env()->ctx, ifindex, p.data(), p.size()); }
	void deliver(const Bytes &p) { env()->deliver(env()->ctx, p.data(), p.size()); }
	void submit(mip6_op_t op) { env()->op_submit(env()->ctx, &op); }
	void trace(const mip6_trace_t &t) { env()->trace(env()->ctx, &t); }
};

// Installs a FakeCore on h and returns it (owned by h).
inline FakeCore &fake_core(Host &h, bool start = true)
{
	auto c = std::make_unique<FakeCore>(h);
	FakeCore &ref = *c;
	h.set_core(std::move(c));
	if (start)
		h.start();
	return ref;
}

} // namespace mip6h
