/* SPDX-License-Identifier: BSD-3-Clause */
// Pieces several protocol scenarios (harness/test_scenario_*.cc) and
// the experiments (scenarios/) share: flow policy rules, flows started now,
// waiting for a home registration, trace look-ups, the BA rewrite that
// makes a node ask for Mobile Prefix Discovery, and the route optimisation
// trip's setup. No GoogleTest here (the experiments link it too); the
// gtest-side checks are in harness_gtest.h.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

extern "C" {
#include "mip6/node.h"
}

#include "frame_tap.h"
#include "topo.h"
#include "world.h"

namespace mip6h
{

// The mobile network of the first mobile network prefix behind mr's
// interface ifindex, with a node "mnn" at prefix::2 (*mnn_addr); *mnet,
// when given, gets the link.
Host &add_mnn(Topo &t, Host &mr, uint32_t ifindex, mip6_addr_t *mnn_addr, Link **mnet = nullptr);

// Two uplinks with Multiple Care-of Addresses (RFC 5648): BIDs 1 and 2
// on interfaces 1 and 2.
void set_two_uplinks(MobileSpec &s);

// A UDP flow rule (RFC 5648 flow bindings): one source port (by_sport) or
// destination port to a BID.
mip6_flow_rule_t udp_port_rule(bool by_sport, uint16_t port, uint16_t bid);

// Adds the rules to h's node in order: the first error, or 0.
int add_flow_rules(Host &h, const std::vector<mip6_flow_rule_t> &rules);

// "3 4 5": sequence numbers for failure messages ("" when none).
std::string seqs(const std::vector<uint32_t> &v);

// Time of the first event of h with this code (mip6/event.h) at or after t0
// with value v (any value when v < 0), or MIP6_NS_NEVER.
mip6_ns_t trace_at(const Host &h, uint16_t code, mip6_ns_t t0, int64_t v = -1);

// The first event of h with this code at or after t0, or nullptr.
const TraceRec *first_trace(const Host &h, uint16_t code, mip6_ns_t t0);

// A flow from src to dst starting now, one packet per interval, echoed by
// the receiver (destination port 7).
Flow &start_flow(World &w, const std::string &name, Host *from, const mip6_addr_t &src,
                 const mip6_addr_t &dst, mip6_ns_t interval, uint16_t sport = FlowSpec{}.sport);

// Runs until mn holds its n-th accepted home registration with a care-of
// address (interface 1) on foreign link li and the HA tunnels to it, at
// most limit from now. The care-of address goes to *coa.
bool run_until_registered(World &w, const Topo &t, const Host &mn, unsigned li, size_t n, mip6_ns_t limit,
                          mip6_addr_t *coa);

// Runs until mn (MCoA, BIDs 1 and 2 on interfaces 1 and 2) has two
// accepted home registrations and the HA tunnels to both care-of
// addresses, at most limit from now.
bool run_until_bids_registered(World &w, const Topo &t, const Host &mn, mip6_addr_t *coa1, mip6_addr_t *coa2,
                               mip6_ns_t limit);

// Takes an uplink down or back: as a link state change, or silently (all
// frames lost, the link still up) so that only NUD can notice.
void set_uplink(World &w, Link &l, bool silent, bool up);

// A home-link drop_if that turns the HA's first accepted BA into status 1
// (accepted, prefix discovery necessary, RFC 6275 6.1.8), as from a home
// agent whose prefixes are changing: the node then solicits Mobile Prefix
// Discovery. *rewritten (which must outlive the hook) says whether it
// happened; 'record', when given, sees every frame of the link first.
std::function<bool(const Host &, const uint8_t *, size_t)>
ba_accepted_pd_rewrite(World &w, Topo &t, bool *rewritten, FrameTap *record = nullptr);

// The route optimisation trip's cast on the standard topology: a mobile
// node "mn" (route optimisation on, optimistic DAD as asked) with its home
// agent and the correspondent as responder, taps on home, f1 and f2
// (taps[0..2]). Returns "" or what failed; *hoa and *mn are set as far as
// it got.
std::string setup_ro_trip(Topo &t, bool optimistic_dad, mip6_addr_t *hoa, Host **mn, FrameTap *taps[3]);

} // namespace mip6h
