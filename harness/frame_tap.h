/* SPDX-License-Identifier: BSD-3-Clause */
// A tap that records what crosses a link, frame by frame, decoded enough
// for a scenario's assertions: addresses outer and inner, tunneling, Home
// Address option and type 2 routing header, the flow tag of traffic
// packets, Mobility Header fields and ICMPv6 types. It rides on
// Link::drop_if and never drops anything.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "link.h"
#include "pkt.h"

extern "C" {
#include "mip6/node.h"
}

namespace mip6h
{

class World;

// What the tap saw of one frame.
struct TapFrame {
	mip6_ns_t t = 0;
	std::string from;               // the sending host
	mip6_addr_t src{}, dst{};       // outermost header
	bool tunneled = false;          // IPv6-in-IPv6
	mip6_addr_t in_src{}, in_dst{}; // innermost header
	bool has_hao = false, has_rh2 = false;
	mip6_addr_t hao{}, rh2{}; // of the innermost layer
	bool tagged = false;      // a flow packet (innermost UDP with a FlowTag)
	FlowTag tag;
	int mh = -1; // MH type, -1 none
	uint16_t seq = 0, bu_flags = 0, lifetime = 0;
	uint8_t ba_status = 0, ba_flags = 0;
	std::vector<mip6_prefix_t> mnp; // Mobile Network Prefix options
	int icmp6 = -1;                 // ICMPv6 type (innermost), -1 none
	uint16_t icmp6_id = 0;          // DHAAD, MPS, MPA identifier; echo id
	Bytes bytes;                    // the frame itself, when FrameTap::keep_bytes
};

// Records every frame sent on a link. The tap must outlive the link's
// use of it: clear Link::drop_if (or free the world) before it goes.
class FrameTap
{
      public:
	std::vector<TapFrame> frames;
	bool keep_bytes = false; // also keep each frame's bytes (for replays)

	void on(World &w, Link &l);
	void record(const Host &from, const uint8_t *p, size_t len);

      private:
	World *w_ = nullptr;
};

} // namespace mip6h
