/* SPDX-License-Identifier: BSD-3-Clause */
// What a host needs from the protocol core it runs. The real one wraps a
// mip6_node_t (node_core.cc, the only harness file that links against
// mip6_node_*); the harness's own tests plug in fakes that drive the env.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

extern "C" {
#include "mip6/env.h"
#include "mip6/node.h"
}

namespace mip6h
{

class Host;

class Core
{
      public:
	virtual ~Core() = default;
	virtual mip6_verdict_t input(uint32_t ifindex, const uint8_t *pkt, size_t len, mip6_ns_t now) = 0;
	virtual mip6_verdict_t output(const uint8_t *pkt, size_t len, mip6_ns_t now) = 0;
	virtual void link(uint32_t ifindex, bool up, mip6_ns_t now) = 0;
	virtual void op_result(uint32_t op_id, int status, mip6_ns_t now) = 0;
	virtual void timeout(mip6_ns_t now) = 0;
	virtual mip6_ns_t next_timeout() const = 0;
	// The mip6 node behind it, when there is one.
	virtual mip6_node_t *node() { return nullptr; }
	// Mobility bus messages lost to a full queue (0 for cores without one).
	virtual uint64_t bus_dropped() const { return 0; }
};

// Creates a mip6_node_t over h's env, adds h's interfaces to it and makes
// it h's core. Returns the node, or NULL when mip6_node_new (or adding an
// interface) failed, e.g. under an injected allocation failure; h then has
// no core. Defined in node_core.cc.
mip6_node_t *attach_node(Host &h);

} // namespace mip6h
