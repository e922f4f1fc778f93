/* SPDX-License-Identifier: BSD-3-Clause */
// The world of a scenario: the virtual clock, links, hosts, traffic flows,
// the shared failing allocator, the event log and captures.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "fail_alloc.h"
#include "host.h"
#include "link.h"
#include "sim.h"

namespace mip6h
{

// Periodic UDP traffic from one host to an address, each packet tagged
// with (flow, seq, send time). Arrivals are matched wherever they land;
// a receiver with the destination port in its udp_echo_ports sends the
// packet back (tagged as a reply) and the reply is matched too.
struct FlowSpec {
	std::string name;
	Host *from = nullptr;
	mip6_addr_t src{}, dst{};
	uint16_t sport = 40000, dport = 7;
	mip6_ns_t start = 0; // absolute time of the first packet
	mip6_ns_t interval = MIP6_MS(100);
	mip6_ns_t stop = MIP6_NS_NEVER; // no packet at or after this time
	uint32_t count = 0;             // 0: until stop
	size_t len = 64;                // UDP payload bytes
};

class Flow
{
      public:
	uint32_t id = 0;
	FlowSpec spec;
	struct Arrival {
		mip6_ns_t t;
		std::string host;
		mip6_addr_t src, dst;
	};
	std::vector<mip6_ns_t> sent_at;   // by seq
	std::map<uint32_t, Arrival> rx;   // first arrival of each seq at the far end
	std::map<uint32_t, Arrival> echo; // first reply back at the sender
	uint64_t rx_dups = 0, echo_dups = 0;

	size_t sent() const { return sent_at.size(); }
	size_t received() const { return rx.size(); }
	size_t echoed() const { return echo.size(); }
	// Seqs sent in [t0, t1) that never arrived (or whose echo never came back).
	std::vector<uint32_t> lost(mip6_ns_t t0 = 0, mip6_ns_t t1 = MIP6_NS_NEVER) const;
	std::vector<uint32_t> echo_lost(mip6_ns_t t0 = 0, mip6_ns_t t1 = MIP6_NS_NEVER) const;
	// Time of the first arrival of a packet sent at or after t, or NEVER.
	mip6_ns_t first_rx_sent_after(mip6_ns_t t) const;
	void stop() { stopped = true; }
	bool stopped = false;
};

struct WorldOpts {
	bool log_lines = true;  // keep the event log's lines (the hash is always kept)
	bool log_frames = true; // log every frame sent / delivered
	int verbose = -1;       // -1: from MIP6_HARNESS_VERBOSE
};

class World
{
      public:
	explicit World(uint64_t seed = 1, const WorldOpts &o = {});
	~World();
	World(const World &) = delete;
	World &operator=(const World &) = delete;

	Sim sim;
	EventLog log;
	const uint64_t seed;
	const WorldOpts opts;
	bool verbose() const { return verbose_; }
	mip6_ns_t now() const { return sim.now(); }
	void run_for(mip6_ns_t d) { sim.run_for(d); }
	void run_until(mip6_ns_t t) { sim.run_until(t); }
	bool run_until(const std::function<bool()> &pred, mip6_ns_t limit)
	{
		return sim.run_until(pred, limit);
	}

	// A seed for a named object: the same name gets the same numbers
	// whatever else the scenario creates.
	uint64_t derive_seed(const std::string &name) const;

	Link &add_link(const std::string &name, const LinkParams &p = {});
	Host &add_host(const std::string &name, const HostOpts &o = {});
	Link *link(const std::string &name);
	Host *host(const std::string &name);
	const std::vector<std::unique_ptr<Host>> &hosts() const { return hosts_; }
	const std::vector<std::unique_ptr<Link>> &links() const { return links_; }

	// Plugs an interface into a link (link up for it, if the link is up)
	// and pulls it out (link down for it).
	void attach(Host &h, uint32_t ifindex, Link &l);
	void detach(Host &h, uint32_t ifindex);
	// Detach now, attach to 'to' after 'gap' (0: at once).
	void move(Host &h, uint32_t ifindex, Link &to, mip6_ns_t gap = 0);
	// The whole link goes down or up: every attached interface is told.
	void set_link_up(Link &l, bool up);

	// Captures every link (present and future) to <prefix>_<link>.pcap.
	void enable_pcap(const std::string &prefix);
	void flush_pcaps();

	// The allocator every host's core uses unless given its own.
	FailAlloc &alloc() { return alloc_; }

	Flow &add_flow(const FlowSpec &s);
	Flow *flow(uint32_t id);
	Flow *flow(const std::string &name);

	// Harness-level failures (a core re-entered, a timer storm, ...); a
	// scenario asserts this stays empty.
	const std::vector<std::string> &errors() const { return errors_; }
	void error(const std::string &msg);
	// errors() plus every host whose core lost a mobility bus message (a
	// lost message leaves the data plane and the protocol state apart).
	std::vector<std::string> problems() const;
	void logf(const std::string &line);

	// Frees every core (before checking the allocator for leaks).
	void free_cores();

      private:
	friend class Host;
	friend class Link;
	void flow_rx(Host &at, const AppRx &r);
	void flow_tick(uint32_t id);
	bool dad_conflict(const Host &self, uint32_t ifindex, const mip6_addr_t &a) const;

	bool verbose_ = false;
	std::string pcap_prefix_;
	FailAlloc alloc_;
	std::vector<std::unique_ptr<Link>> links_;
	std::vector<std::unique_ptr<Host>> hosts_;
	std::vector<std::unique_ptr<Flow>> flows_;
	std::vector<std::string> errors_;
};

} // namespace mip6h
