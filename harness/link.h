/* SPDX-License-Identifier: BSD-3-Clause */
// An L2 segment joining host interfaces. A frame sent on it reaches every
// other port whose interface claims the frame's L2 target (the next hop, or
// the destination when on-link): one of its addresses, a proxied address, or
// any multicast address. Neighbor resolution itself is not modelled.
// Delay, jitter, loss, duplication and reordering are drawn per receiver
// from the link's own seeded generator.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "pcap_tap.h"
#include "pkt.h"
#include "rng.h"

namespace mip6h
{

class Host;
class World;

struct LinkParams {
	mip6_ns_t delay = MIP6_MS(1);
	mip6_ns_t jitter = 0;        // extra delay, uniform in [0, jitter]; never reorders by itself
	double loss = 0;             // per receiver
	double dup = 0;              // probability of a second copy
	double reorder = 0;          // probability that a copy is held back and overtaken
	mip6_ns_t reorder_delay = 0; // how long it is held back; 0: delay + jitter + 1 ms
	mip6_ns_t dup_gap = 1000;    // the duplicate follows the original by this much
	// Which packets loss/dup/reorder apply to (null: all). E.g. is_mh for
	// "signaling loss".
	std::function<bool(const uint8_t *, size_t)> impair_filter;
};

// Parameters with only a delay.
inline LinkParams link_delay(mip6_ns_t d)
{
	LinkParams p;
	p.delay = d;
	return p;
}

struct LinkStats {
	uint64_t tx = 0;         // frames sent on the link
	uint64_t delivered = 0;  // copies handed to a receiving interface
	uint64_t lost = 0;       // copies lost (per receiver)
	uint64_t duplicated = 0; // extra copies made
	uint64_t reordered = 0;  // copies held back
	uint64_t down = 0;       // frames sent while the link was down
	uint64_t unresolved = 0; // frames no port claimed (nobody had the L2 target)
	uint64_t flushed = 0;    // copies in flight when the link went down or the port left
	uint64_t filtered = 0;   // frames dropped by drop_if
};

class Link
{
      public:
	Link(World &w, std::string name, const LinkParams &p, uint64_t seed);

	const std::string &name() const { return name_; }
	bool up() const { return up_; }
	LinkParams params;
	LinkStats stats;
	// Test hook: return true to drop a frame before it reaches anyone
	// (deterministic loss of a chosen message).
	std::function<bool(const Host &from, const uint8_t *, size_t)> drop_if;

	struct PortRef {
		Host *host;
		uint32_t ifindex;
	};
	std::vector<PortRef> ports() const;

	// Sends pkt from (from, ifindex) to the ports that claim 'target'.
	void transmit(Host &from, uint32_t ifindex, const Bytes &pkt, const mip6_addr_t &target);

	// Capture every frame sent on this link.
	bool open_pcap(const std::string &path) { return pcap_.open(path); }
	PcapTap &pcap() { return pcap_; }

      private:
	friend class World;
	struct Port {
		Host *host;
		uint32_t ifindex;
		mip6_ns_t fifo_last; // latest in-order delivery scheduled to this port
	};
	void add_port(Host &h, uint32_t ifindex);
	void remove_port(Host &h, uint32_t ifindex);
	void set_up(bool up) { up_ = up; }

	World &w_;
	std::string name_;
	Rng rng_;
	bool up_ = true;
	std::vector<Port> ports_;
	PcapTap pcap_;
};

} // namespace mip6h
