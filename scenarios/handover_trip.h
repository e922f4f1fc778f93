/* SPDX-License-Identifier: BSD-3-Clause */
// One run of the reference handover experiment on the in-process harness:
// a mobile node with route optimisation goes home -> f1 -> f2 -> home
// while a correspondent sends it a periodic UDP flow (echoed back). The
// figures of each move are measured from the traffic that was delivered.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

extern "C" {
#include "mip6/timer.h"
}

namespace mip6exp
{

struct TripParams {
	uint64_t seed = 1;
	bool optimistic = false;          // RFC 4429 care-of addresses
	mip6_ns_t interval = MIP6_MS(20); // the flow's period
	std::string pcap_prefix;          // "" = no captures
};

// The mobile node's signaling during a move's phase. BUs and HoTI/CoTI
// are counted on the link it moved to, from the node itself (a message
// a router forwards back onto the same link is not counted twice); the
// totals are the node's own Mobility Header counters.
struct MhCounts {
	unsigned bu = 0, rr = 0;         // BUs, HoTI + CoTI sent
	uint64_t sent = 0, received = 0; // all MH messages sent / accepted
};

struct MoveResult {
	std::string name;               // "home->f1", ...
	mip6_ns_t at = 0;               // the interface left the previous link
	mip6_ns_t gap = 0;              // last arrival before the move -> first after
	size_t lost = 0, echo_lost = 0; // CN->MN packets / their echoes, sent in the phase
	mip6_ns_t registered = 0;       // the home agent's binding (home: removal) after the move
	mip6_ns_t optimised = 0;        // the correspondent's binding (home: removal) after the move
	MhCounts mh;
};

// A run that did not complete: what it was waiting for.
struct TripError : std::runtime_error {
	using std::runtime_error::runtime_error;
};

// Runs the whole trip; throws TripError when the protocol does not get
// where it must within its time limit or the harness reports an error.
std::vector<MoveResult> run_trip(const TripParams &p);

} // namespace mip6exp
