/* SPDX-License-Identifier: BSD-3-Clause */
// The platform a core runs on: interfaces with addresses, a routing table,
// proxy ND entries, tunnels bookkeeping, DAD answers, plain IPv6
// forwarding, a small router-advertisement daemon, and an "application"
// that sends UDP/ICMPv6 echo traffic and records what arrives. It is also
// the env the core gets: every callback is applied here, and whatever might
// call back into the core is queued as an event instead (env callbacks must
// not re-enter the core).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core.h"
#include "mip6/bind.h"
#include "fail_alloc.h"
#include "pkt.h"
#include "rng.h"
#include "sim.h"

namespace mip6h
{

class Link;
class World;

// The wall clock the harness gives the cores (env.time_of_day): the
// virtual clock plus a fixed epoch, 2026-01-01 00:00:00 UTC in NTP seconds
// (since 1900), so RFC 4285 timestamps look like real ones and every run is
// the same.
constexpr uint64_t kNtpEpoch2026 = MIP6_BIND_NTP_EPOCH_2026;
// NTP format (RFC 5905): seconds in the high 32 bits, the fraction below.
uint64_t ntp_time_of_day(mip6_ns_t now);

struct Addr {
	mip6_addr_t addr;
	uint8_t plen = 128;
	uint16_t flags = 0;     // MIP6_ADDRF_*
	bool from_core = false; // added by a MIP6_OP_ADDR_ADD
};

struct Route {
	enum Origin { STATIC, CONNECTED, CORE };
	mip6_addr_t prefix;
	uint8_t plen = 0;
	uint32_t ifindex = 0; // 0: into the core (mip6_node_output)
	mip6_addr_t gw{};     // unspecified: on-link
	Origin origin = STATIC;
	bool source = false; // MIP6_ROUTEF_SOURCE: matches the packet's source (policy route)
};

struct Tunnel {
	mip6_addr_t local, remote;
	uint32_t ifindex;
};

struct RaPrefix {
	mip6_addr_t prefix;
	uint8_t plen = 64;
	uint8_t flags = MIP6_PI_F_L | MIP6_PI_F_A;
	uint32_t valid = 86400, preferred = 14400;
};

// A router's advertisements on one interface (radvd's job on a real host).
struct RaConfig {
	std::vector<RaPrefix> prefixes;
	uint16_t router_lifetime = 1800; // 0: not a default router
	mip6_ns_t interval_min = MIP6_MS(1000);
	mip6_ns_t interval_max = MIP6_MS(3000);
	mip6_ns_t rs_delay_max = MIP6_MS(50); // answer to an RS after [0, this]
	bool adv_interval_option = true;      // RFC 6275 7.3
	bool home_agent = false;              // H flag and a HA Information option (7.4)
	int16_t ha_preference = 0;
	uint16_t ha_lifetime = 1800;
	bool ha_mobile_router = false; // RFC 3963 R bit in the HA Information option
};

struct HostOpts {
	bool router = false; // forwards packets not addressed to it
	// Every packet the host originates or forwards goes to
	// mip6_node_output first (PASS: sent natively), as a mobility hook in
	// the output path does. When false only routes with ifindex 0 lead
	// into the core.
	bool core_sees_all_output = true;
	bool learn_default_router = true;     // from RAs with a router lifetime (routers too)
	bool answer_echo = true;          // ICMPv6 echo responder
	std::vector<uint16_t> udp_echo_ports = {7};
	mip6_ns_t dad_delay = MIP6_MS(1000); // RetransTimer x DupAddrDetectTransmits
	mip6_ns_t op_delay = 0;              // other platform operations
};

// What the application saw arrive.
struct AppRx {
	mip6_ns_t t;
	uint32_t ifindex; // 0 when the core delivered it (env.deliver)
	mip6_addr_t src, dst;
	uint8_t proto; // innermost upper layer
	uint16_t sport = 0, dport = 0;
	uint8_t icmp_type = 0;
	uint16_t echo_id = 0, echo_seq = 0;
	bool tagged = false; // carries a FlowTag
	FlowTag tag;
	size_t len;
};

struct TraceRec {
	mip6_trace_t ev; // string pointers are the core's static strings
	std::string component, what, from, to;
	uint16_t code() const { return ev.code; }
};

struct OpRec {
	mip6_op_t op;
	mip6_ns_t submitted, answered = MIP6_NS_NEVER;
	int status = 0;
};

struct HostStats {
	uint64_t rx = 0;                // frames received on interfaces
	uint64_t core_in[3] = {};       // mip6_node_input verdicts (PASS, CONSUMED, DROPPED)
	uint64_t core_out[3] = {};      // mip6_node_output verdicts
	uint64_t delivered_by_core = 0; // env.deliver calls
	uint64_t sent_by_core = 0;      // env.send calls
	uint64_t local = 0;             // packets for this host's stack
	uint64_t forwarded = 0;
	uint64_t drop_not_for_us = 0;
	uint64_t drop_no_route = 0;
	uint64_t drop_hlim = 0;
	uint64_t drop_iface_down = 0;
	uint64_t tunnel_unhandled = 0; // IPv6-in-IPv6 for us that the core passed
	uint64_t mh_unhandled = 0;     // MH that reached the host stack
	uint64_t op_anomalies = 0;     // deletes of missing entries, unknown ops
	uint64_t ra_sent = 0;
	uint64_t bus_dropped = 0; // bus messages lost by cores already freed
};

class Host
{
      public:
	Host(World &w, std::string name, uint32_t id, const HostOpts &o, uint64_t seed);
	~Host();
	Host(const Host &) = delete;
	Host &operator=(const Host &) = delete;

	const std::string &name() const { return name_; }
	uint32_t id() const { return id_; }
	World &world() { return w_; }
	HostOpts opts;
	HostStats stats;

	// --- interfaces ---
	struct Iface {
		uint32_t ifindex = 0;
		mip6_iface_cfg_t cfg{};
		Link *link = nullptr; // attached to
		bool up = false;      // attached and the link is up
		uint64_t gen = 0;     // changes on every attach/detach
		std::vector<Addr> addrs;
		std::vector<mip6_addr_t> proxies; // proxy ND entries
		bool has_router = false;          // default router learned from RAs
		mip6_addr_t router{};
		bool ra_on = false;
		RaConfig ra;
		Sim::EventId ra_ev = 0;
		bool ra_pending = false; // a solicited RA is scheduled
	};
	// Interface numbers start at 1; each gets a link-layer address and a
	// link-local address derived from (host id, ifindex).
	Iface &add_iface(uint32_t ifindex, uint8_t preference = 0, uint16_t bid = 0);
	Iface *iface(uint32_t ifindex);
	const std::map<uint32_t, Iface> &ifaces() const { return ifaces_; }
	mip6_addr_t link_local(uint32_t ifindex) const;

	// --- static configuration ---
	void add_addr(uint32_t ifindex, const mip6_addr_t &a, uint8_t plen = 64, uint16_t flags = 0);
	void add_route(const mip6_addr_t &prefix, uint8_t plen, uint32_t ifindex, const mip6_addr_t &gw = {});
	void set_ra(uint32_t ifindex, const RaConfig &ra);
	void stop_ra(uint32_t ifindex);
	// Makes platform operations of this kind fail with 'status' (0: stop).
	void fail_ops(uint16_t kind, int status) { fail_ops_[kind] = status; }

	// --- platform state, for assertions ---
	bool has_addr(const mip6_addr_t &a, uint32_t ifindex = UINT32_MAX) const;
	// Flags of the address (on any interface), or -1 when absent.
	int addr_flags(const mip6_addr_t &a) const;
	bool is_local(const mip6_addr_t &a) const;
	// Addresses on an interface that carry all of 'flags' (0: all of them).
	std::vector<Addr> addrs(uint32_t ifindex, uint16_t flags = 0) const;
	// The first care-of address (MIP6_ADDRF_COA) on ifindex, if any.
	bool coa(uint32_t ifindex, mip6_addr_t *out) const;
	bool has_proxy(uint32_t ifindex, const mip6_addr_t &a) const;
	bool has_tunnel(const mip6_addr_t &local, const mip6_addr_t &remote) const;
	const Route *find_route(const mip6_addr_t &prefix, uint8_t plen, bool source = false) const;
	const std::vector<Route> &routes() const { return routes_; }
	const std::vector<Tunnel> &tunnels() const { return tunnels_; }
	const std::vector<OpRec> &ops() const { return ops_; }
	size_t ops_pending() const;

	// --- the application ---
	// Sends a packet from this host's stack (routing, core output hook).
	void send(const Bytes &pkt);
	void send_udp(const mip6_addr_t &src, const mip6_addr_t &dst, uint16_t sport, uint16_t dport,
	              const Bytes &payload);
	void ping(const mip6_addr_t &src, const mip6_addr_t &dst, uint16_t id, uint16_t seq);
	// Puts raw bytes on an interface, bypassing routing and the core (for
	// forged packets). target: the L2 destination (default: the IPv6 dst).
	void send_raw(uint32_t ifindex, const Bytes &pkt, const mip6_addr_t *target = nullptr);
	std::vector<AppRx> app_rx;
	// Echo replies received (ICMPv6) matching id, any seq.
	size_t echo_replies(uint16_t id) const;

	// --- traces from the core ---
	std::vector<TraceRec> traces;
	// Events of one code (enum mip6_event, mip6/event.h): tests match codes,
	// never the sentence ('what' is for people and may be reworded).
	size_t count_events(uint16_t code) const;
	// Events of a kind (and component): "any binding change of the HA".
	size_t count_traces(uint16_t kind, const char *component = nullptr) const;
	// The last 'to' of the state machine whose code is state_code ("" when none).
	std::string last_state(uint16_t state_code) const;

	// --- the core ---
	// The env the core gets: the binding context's (bind/), over this host's.
	const mip6_env_t *env() const { return mip6_bind_env(bind_); }
	void set_alloc(mip6_alloc_t a)
	{
		env_.alloc = a;
		mip6_bind_set_core_alloc(bind_, a);
	}
	mip6_bind_t *bind() { return bind_; }
	void set_core(std::unique_ptr<Core> c);
	Core *core() { return core_.get(); }
	mip6_node_t *node() { return core_ ? core_->node() : nullptr; }
	// Bus messages this host's cores lost, the running one and freed ones.
	uint64_t bus_dropped() const { return stats.bus_dropped + (core_ ? core_->bus_dropped() : 0); }
	// Tells the core about interfaces that are up, then keeps telling it
	// about changes. Call once the roles are enabled.
	void start();
	bool started() const { return started_; }
	// mip6_node_free (through the Core's destructor) and forget it.
	void free_core();
	// Calls into the core (guarded against re-entry; re-arm its timer after).
	mip6_verdict_t core_input(uint32_t ifindex, const Bytes &pkt);
	mip6_verdict_t core_output(const Bytes &pkt);
	void core_link(uint32_t ifindex, bool up);
	void core_op_result(uint32_t id, int status);
	void core_timeout();
	// Runs fn (which calls a mip6_node_* function directly) with the same
	// guard and re-arms the timer after, e.g. for mip6_node_enable_*.
	void with_core(const std::function<void()> &fn);
	void rearm();

      private:
	friend class Link;
	friend class World;

	// env callbacks
	static void env_send(void *ctx, uint32_t ifindex, const uint8_t *pkt, size_t len);
	static void env_deliver(void *ctx, const uint8_t *pkt, size_t len);
	static void env_op_submit(void *ctx, const mip6_op_t *op);
	static void env_random(void *ctx, uint8_t *out, size_t len);
	static void env_trace(void *ctx, const mip6_trace_t *ev);
	static uint64_t env_time_of_day(void *ctx);
	bool callback_ok(const char *what);

	// packet paths
	void link_rx(uint32_t ifindex, uint64_t gen, std::shared_ptr<const Bytes> pkt);
	void stack_in(uint32_t ifindex, const Bytes &pkt, bool via_core);
	void local_in(uint32_t ifindex, const Bytes &pkt, bool via_core);
	enum class From { APP, FORWARD, CORE };
	void output(const Bytes &pkt, From from);
	bool route_native(const Bytes &pkt, const mip6_ip6_t &h, bool from_core);
	void xmit(uint32_t ifindex, const Bytes &pkt, const mip6_addr_t &target);
	mip6_addr_t next_hop_on(uint32_t ifindex, const mip6_addr_t &dst) const;
	// Source (policy) routes first, then the longest destination match.
	const Route *lookup(const mip6_addr_t &dst, const mip6_addr_t *src, bool include_core,
	                    uint32_t only_ifindex) const;
	bool claims(uint32_t ifindex, const mip6_addr_t &target) const;
	bool for_this_node(const Bytes &pkt) const;
	bool dad_owns(uint32_t ifindex, const mip6_addr_t &a) const;
	void nd_in(uint32_t ifindex, const mip6_pkt_t &pk, const Bytes &pkt);
	void udp_in(const mip6_pkt_t &pk, const Bytes &pkt, AppRx &r);

	// data plane
	void apply_op(size_t rec);
	void add_connected(uint32_t ifindex, const Addr &a);
	void del_connected(uint32_t ifindex, const mip6_addr_t &a, uint8_t plen);

	// interfaces
	void iface_changed(uint32_t ifindex);
	void schedule_ra(uint32_t ifindex, mip6_ns_t delay);
	void send_ra(uint32_t ifindex);
	void log(const std::string &line);

	World &w_;
	std::string name_;
	uint32_t id_;
	Rng rng_;
	mip6_env_t env_{};          // the platform: what the binding context forwards to
	mip6_bind_t *bind_ = nullptr; // re-entry guard, deferral, op ledger, timer, time of day
	std::map<uint32_t, Iface> ifaces_; // 0 is the virtual mobility interface
	std::vector<Route> routes_;
	std::vector<Tunnel> tunnels_;
	std::vector<OpRec> ops_;
	std::map<uint16_t, int> fail_ops_;
	std::unique_ptr<Core> core_;
	uint64_t core_gen_ = 0; // changes when the core is replaced or freed
	bool started_ = false;
	Sim::EventId timer_ev_ = 0;
	mip6_ns_t timer_at_ = MIP6_NS_NEVER;
};

} // namespace mip6h
