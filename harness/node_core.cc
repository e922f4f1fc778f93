// SPDX-License-Identifier: BSD-3-Clause
// The real core: a mip6_node_t behind the Core interface. Kept in its own
// file so the harness's self-tests link without the protocol.
#include "core.h"
#include "host.h"
#include "world.h"

extern "C" {
#include "mip6/node.h"
#include "mip6/stats.h"
}

namespace mip6h
{

namespace
{

class NodeCore : public Core
{
      public:
	explicit NodeCore(mip6_node_t *n) : n_(n) {}
	~NodeCore() override { mip6_node_free(n_); }
	mip6_verdict_t input(uint32_t ifindex, const uint8_t *pkt, size_t len, mip6_ns_t now) override
	{
		return mip6_node_input(n_, ifindex, pkt, len, now);
	}
	mip6_verdict_t output(const uint8_t *pkt, size_t len, mip6_ns_t now) override
	{
		return mip6_node_output(n_, pkt, len, now);
	}
	void link(uint32_t ifindex, bool up, mip6_ns_t now) override { mip6_node_link(n_, ifindex, up, now); }
	void op_result(uint32_t id, int status, mip6_ns_t now) override
	{
		mip6_node_op_result(n_, id, status, now);
	}
	void timeout(mip6_ns_t now) override { mip6_node_timeout(n_, now); }
	mip6_ns_t next_timeout() const override { return mip6_node_next_timeout(n_); }
	mip6_node_t *node() override { return n_; }
	uint64_t bus_dropped() const override { return mip6_node_stats(n_)->bus_dropped; }

      private:
	mip6_node_t *n_;
};

} // namespace

mip6_node_t *attach_node(Host &h)
{
	h.free_core();
	mip6_node_t *n = mip6_node_new(h.env(), h.world().now());
	if (!n)
		return nullptr;
	for (const auto &kv : h.ifaces()) {
		if (kv.first == 0)
			continue;
		if (mip6_node_add_iface(n, &kv.second.cfg) != 0) {
			mip6_node_free(n);
			return nullptr;
		}
	}
	h.set_core(std::make_unique<NodeCore>(n));
	return n;
}

} // namespace mip6h
