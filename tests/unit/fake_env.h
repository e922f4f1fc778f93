// A recording env for unit tests of the node and its components: every
// packet sent or delivered, every data-plane operation and trace event is
// kept for the test to inspect; randomness is a fixed-seed generator; the
// allocator counts live blocks and can fail on demand.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "test_util.h"

extern "C" {
#include "mip6/env.h"
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
	std::vector<mip6_dp_op_t> ops;
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
		e.dp_submit = [](void *c, const mip6_dp_op_t *op) { static_cast<FakeEnv *>(c)->ops.push_back(*op); };
		e.random = [](void *c, uint8_t *out, size_t len) {
			auto *self = static_cast<FakeEnv *>(c);
			for (size_t i = 0; i < len; i++) {
				self->rng ^= self->rng << 13;
				self->rng ^= self->rng >> 7;
				self->rng ^= self->rng << 17;
				out[i] = static_cast<uint8_t>(self->rng);
			}
		};
		e.trace = [](void *c, const mip6_trace_t *ev) { static_cast<FakeEnv *>(c)->traces.push_back(*ev); };
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

	std::vector<mip6_dp_op_t> ops_of(uint16_t kind) const
	{
		std::vector<mip6_dp_op_t> out;
		for (auto &o : ops)
			if (o.kind == kind)
				out.push_back(o);
		return out;
	}

	bool traced_drop(const std::string &why_substring) const
	{
		for (auto &e : traces)
			if (e.kind == MIP6_TR_DROP && e.what && std::string(e.what).find(why_substring) != std::string::npos)
				return true;
		return false;
	}
};

// Builds a signaling packet as a peer would send it: MH m from src to dst,
// with optional HAO / RTHDR2, checksum over the home addresses.
inline std::vector<uint8_t> build_mh(const mip6_mh_t &m, const mip6_addr_t &src, const mip6_addr_t &dst,
				     const mip6_addr_t *hao = nullptr, const mip6_addr_t *rh2 = nullptr)
{
	uint8_t mem[4096];
	mip6_buf_t b;
	mip6_buf_init(&b, mem, sizeof(mem), 256);
	int n = mip6_mh_emit(&m, hao ? hao : &src, rh2 ? rh2 : &dst, 0, mip6_buf_data(&b), mip6_buf_tailroom(&b));
	if (n < 0)
		throw std::runtime_error("mip6_mh_emit failed");
	mip6_buf_put(&b, (size_t)n);
	uint8_t nxt = MIP6_PROTO_MH;
	if (hao) {
		mip6_buf_push_hao(&b, nxt, hao);
		nxt = MIP6_PROTO_DSTOPTS;
	}
	if (rh2) {
		mip6_buf_push_rh2(&b, nxt, rh2);
		nxt = MIP6_PROTO_ROUTING;
	}
	mip6_ip6_t h{};
	h.nxt = nxt;
	h.hlim = 64;
	h.src = src;
	h.dst = dst;
	mip6_buf_push_ip6(&b, &h);
	return {mip6_buf_data(&b), mip6_buf_data(&b) + b.len};
}

} // namespace t
