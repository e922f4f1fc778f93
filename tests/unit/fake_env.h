/* SPDX-License-Identifier: BSD-3-Clause */
// A recording env for unit tests of the node and its components: every
// packet sent or delivered, every platform operation and trace event is
// kept for the test to inspect; randomness is a fixed-seed generator; the
// allocator counts live blocks and can fail on demand.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "peer_packets.h"
#include "test_util.h"

extern "C" {
#include "mip6/bus.h"
#include "mip6/env.h"
#include "mip6/event.h"
#include "mip6/node.h"
#include "mip6/packet.h"
}

namespace t {

struct SentPacket {
	uint32_t ifindex;
	std::vector<uint8_t> bytes;
	// Strictly decoded view (valid while this SentPacket lives).
	std::unique_ptr<mip6_pkt_t> pkt;
	int rc;
};

struct FakeEnv {
	std::vector<SentPacket> sent;
	std::vector<std::vector<uint8_t>> delivered;
	std::vector<mip6_op_t> ops;
	std::vector<mip6_trace_t> traces;
	std::vector<std::vector<uint8_t>> bus_out; // every bus message, encoded
	uint64_t rng = 0x9e3779b97f4a7c15ull;
	long live_blocks = 0;
	long alloc_count = 0;
	long fail_at = -1; // fail the allocation with this index (0-based); -1 never

	mip6_env_t env()
	{
		mip6_env_t e{};
		e.ctx = this;
		e.send = [](void *c, uint32_t ifindex, const uint8_t *p, size_t len) {
			auto *self = static_cast<FakeEnv *>(c);
			SentPacket s{ifindex, std::vector<uint8_t>(p, p + len), std::make_unique<mip6_pkt_t>(), 0};
			s.rc = mip6_pkt_parse(s.bytes.data(), s.bytes.size(), MIP6_DEC_STRICT, s.pkt.get());
			self->sent.push_back(std::move(s));
		};
		e.deliver = [](void *c, const uint8_t *p, size_t len) {
			static_cast<FakeEnv *>(c)->delivered.emplace_back(p, p + len);
		};
		e.op_submit = [](void *c, const mip6_op_t *op) { static_cast<FakeEnv *>(c)->ops.push_back(*op); };
		e.random = [](void *c, uint8_t *out, size_t len) {
			auto *self = static_cast<FakeEnv *>(c);
			for (size_t i = 0; i < len; i++) {
				self->rng ^= self->rng << 13;
				self->rng ^= self->rng >> 7;
				self->rng ^= self->rng << 17;
				out[i] = static_cast<uint8_t>(self->rng);
			}
		};
		e.trace = [](void *c, const mip6_trace_t *ev) {
			// Every event the core emits carries a known code (mip6/event.h).
			if (ev->code == MIP6_EV_NONE || !mip6_event_name(ev->code))
				ADD_FAILURE()
				    << "trace without an event code: " << (ev->component ? ev->component : "")
				    << " '" << (ev->what ? ev->what : "") << "'";
			static_cast<FakeEnv *>(c)->traces.push_back(*ev);
		};
		e.bus_out = [](void *c, const uint8_t *m, size_t len) {
			static_cast<FakeEnv *>(c)->bus_out.emplace_back(m, m + len);
		};
		e.alloc.ctx = this;
		e.alloc.fn = [](void *c, void *ptr, size_t size) -> void * {
			auto *self = static_cast<FakeEnv *>(c);
			if (size == 0) {
				if (ptr)
					self->live_blocks--;
				free(ptr);
				return nullptr;
			}
			if (self->alloc_count++ == self->fail_at)
				return nullptr;
			void *q = realloc(ptr, size);
			if (q && !ptr)
				self->live_blocks++;
			return q;
		};
		return e;
	}

	// Sent packets whose upper layer is an MH message of this type.
	std::vector<const SentPacket *> sent_mh(uint8_t type) const
	{
		std::vector<const SentPacket *> out;
		for (auto &s : sent)
			if (s.rc == 0 && s.pkt->ul == MIP6_UL_MH && s.pkt->mh.type == type)
				out.push_back(&s);
		return out;
	}

	std::vector<const SentPacket *> sent_icmp6(uint8_t type) const
	{
		std::vector<const SentPacket *> out;
		for (auto &s : sent)
			if (s.rc == 0 && s.pkt->ul == MIP6_UL_ICMP6 && s.pkt->icmp6.type == type)
				out.push_back(&s);
		return out;
	}

	// What the components published from index 'from' on: the operator's
	// commands (which reach bus_out too) left out.
	std::vector<mip6_bus_msg_t> published(size_t from = 0) const
	{
		std::vector<mip6_bus_msg_t> v;
		for (auto &m : bus_msgs(from))
			if (m.type != MIP6_BUS_COMMAND)
				v.push_back(m);
		return v;
	}

	std::vector<mip6_op_t> ops_of(uint16_t kind) const
	{
		std::vector<mip6_op_t> out;
		for (auto &o : ops)
			if (o.kind == kind)
				out.push_back(o);
		return out;
	}

	// Trace events of this code (enum mip6_event): tests match codes, never
	// the sentence in 'what', which is for people.
	size_t count(uint16_t code) const
	{
		size_t n = 0;
		for (auto &e : traces)
			n += e.code == code;
		return n;
	}

	bool traced(uint16_t code) const { return count(code) > 0; }

	// A change from -> to of the state machine whose code is state_code
	// (about address a when given).
	bool traced_state(uint16_t state_code, const char *from, const char *to,
	                  const mip6_addr_t *a = nullptr) const
	{
		for (auto &e : traces)
			if (e.kind == MIP6_TR_STATE && e.code == state_code && std::string(e.from) == from &&
			    std::string(e.to) == to && (!a || mip6_addr_eq(&e.a, a)))
				return true;
		return false;
	}

	// The bus messages published from index 'from' on, decoded, of the
	// given types (none: all). A message that does not decode to its full
	// length is a failure of the test.
	std::vector<mip6_bus_msg_t> bus_msgs(size_t from = 0,
	                                     std::initializer_list<uint16_t> types = {}) const
	{
		std::vector<mip6_bus_msg_t> v;
		for (size_t i = from; i < bus_out.size(); i++) {
			mip6_bus_msg_t m{};
			if (mip6_bus_decode(bus_out[i].data(), bus_out[i].size(), &m) !=
			    (int)bus_out[i].size())
				throw std::runtime_error("bus message does not decode");
			bool want = types.size() == 0;
			for (uint16_t ty : types)
				want |= m.type == ty;
			if (want)
				v.push_back(m);
		}
		return v;
	}
};

// The innermost IPv6 layer of a sent packet (where its upper layer is).
inline const mip6_layer_t &inner(const SentPacket &s)
{
	return s.pkt->layer[s.pkt->nlayers - 1];
}

// Feeds m to the node through the bus's byte encoding, as a program outside
// the core would; an encoding failure comes back as its (negative) result.
inline int bus_input(mip6_node_t *n, const mip6_bus_msg_t &m, mip6_ns_t now)
{
	uint8_t w[MIP6_BUS_WIRE_MAX];
	int len = mip6_bus_encode(&m, w, sizeof(w));
	if (len <= 0)
		return len < 0 ? len : -1;
	return mip6_node_bus_input(n, w, static_cast<size_t>(len), now);
}

// An operator command (bus.h MIP6_BUS_COMMAND) through mip6_node_command.
inline int command(mip6_node_t *n, uint8_t cmd, mip6_ns_t now, uint16_t bid = 0,
                   const mip6_addr_t *hoa = nullptr)
{
	mip6_bus_msg_t m{};
	m.type = MIP6_BUS_COMMAND;
	m.cmd = cmd;
	m.bid = bid;
	if (hoa)
		m.hoa = *hoa;
	return mip6_node_command(n, &m, now);
}

// Runs every timer of n due up to 'to', one deadline at a time, calling
// each() after every step, and leaves the clock *now at 'to'.
template <typename F> void run_timers(mip6_node_t *n, mip6_ns_t &now, mip6_ns_t to, F each)
{
	for (;;) {
		mip6_ns_t next = mip6_node_next_timeout(n);
		if (next > to)
			break;
		now = next > now ? next : now;
		mip6_node_timeout(n, now);
		each();
	}
	now = to;
}

inline void run_timers(mip6_node_t *n, mip6_ns_t &now, mip6_ns_t to)
{
	run_timers(n, now, to, [] {});
}

// A node on env with interface 1 only (link up when up); nullptr when
// the node or its interface cannot be made.
inline mip6_node_t *one_iface_node(mip6_env_t *env, mip6_ns_t now, bool up = true)
{
	mip6_node_t *n = mip6_node_new(env, now);
	if (!n)
		return nullptr;
	mip6_iface_cfg_t ic{};
	ic.ifindex = 1;
	if (mip6_node_add_iface(n, &ic) != 0) {
		mip6_node_free(n);
		return nullptr;
	}
	if (up)
		mip6_node_link(n, 1, true, now);
	return n;
}

} // namespace t
