// SPDX-License-Identifier: BSD-3-Clause
#include "world.h"

#include <cstdio>
#include <cstdlib>

namespace mip6h
{

static bool env_verbose()
{
	const char *v = getenv("MIP6_HARNESS_VERBOSE");
	return v && *v && *v != '0';
}

World::World(uint64_t s, const WorldOpts &o) : seed(s), opts(o)
{
	verbose_ = o.verbose < 0 ? env_verbose() : o.verbose > 0;
	log.keep_lines = o.log_lines;
}

World::~World()
{
	free_cores();
	flush_pcaps();
}

uint64_t World::derive_seed(const std::string &name) const
{
	uint64_t x = seed ^ fnv1a(name);
	return splitmix64(x);
}

void World::logf(const std::string &line)
{
	if (verbose_)
		fprintf(stderr, "[%s] %s\n", fmt_time(now()).c_str(), line.c_str());
	log.add(now(), line);
}

void World::error(const std::string &msg)
{
	fprintf(stderr, "harness error at %s: %s\n", fmt_time(now()).c_str(), msg.c_str());
	errors_.push_back(fmt_time(now()) + " " + msg);
	log.add(now(), "ERROR " + msg);
}

std::vector<std::string> World::problems() const
{
	std::vector<std::string> v = errors_;
	for (const auto &h : hosts_)
		if (uint64_t d = h->bus_dropped())
			v.push_back(h->name() + ": " + std::to_string(d) + " mobility bus messages dropped");
	return v;
}

Link &World::add_link(const std::string &name, const LinkParams &p)
{
	if (link(name))
		error("duplicate link name " + name);
	links_.push_back(std::make_unique<Link>(*this, name, p, derive_seed("link:" + name)));
	Link &l = *links_.back();
	if (!pcap_prefix_.empty() && !l.open_pcap(pcap_prefix_ + "_" + name + ".pcap"))
		error("cannot open pcap for " + name + ": " + l.pcap().error());
	return l;
}

Host &World::add_host(const std::string &name, const HostOpts &o)
{
	if (host(name))
		error("duplicate host name " + name);
	uint32_t id = static_cast<uint32_t>(hosts_.size() + 1);
	hosts_.push_back(std::make_unique<Host>(*this, name, id, o, derive_seed("host:" + name)));
	return *hosts_.back();
}

Link *World::link(const std::string &name)
{
	for (auto &l : links_)
		if (l->name() == name)
			return l.get();
	return nullptr;
}

Host *World::host(const std::string &name)
{
	for (auto &h : hosts_)
		if (h->name() == name)
			return h.get();
	return nullptr;
}

void World::attach(Host &h, uint32_t ifindex, Link &l)
{
	Host::Iface *i = h.iface(ifindex);
	if (!i || ifindex == 0) {
		error(h.name() + ": attach of missing interface " + std::to_string(ifindex));
		return;
	}
	if (i->link)
		detach(h, ifindex);
	i->link = &l;
	i->gen++;
	l.add_port(h, ifindex);
	logf(h.name() + "/" + std::to_string(ifindex) + " attached to " + l.name());
	h.iface_changed(ifindex);
}

void World::detach(Host &h, uint32_t ifindex)
{
	Host::Iface *i = h.iface(ifindex);
	if (!i || !i->link)
		return;
	i->link->remove_port(h, ifindex);
	logf(h.name() + "/" + std::to_string(ifindex) + " detached from " + i->link->name());
	i->link = nullptr;
	i->gen++;
	h.iface_changed(ifindex);
}

void World::move(Host &h, uint32_t ifindex, Link &to, mip6_ns_t gap)
{
	detach(h, ifindex);
	if (gap == 0) {
		attach(h, ifindex, to);
		return;
	}
	Host *hp = &h;
	Link *lp = &to;
	sim.after(gap, [this, hp, ifindex, lp]() { attach(*hp, ifindex, *lp); });
}

void World::set_link_up(Link &l, bool up)
{
	if (l.up() == up)
		return;
	l.set_up(up);
	logf("link " + l.name() + (up ? " up" : " down"));
	for (const auto &p : l.ports())
		p.host->iface_changed(p.ifindex);
}

void World::enable_pcap(const std::string &prefix)
{
	pcap_prefix_ = prefix;
	for (auto &l : links_)
		if (!l->pcap().is_open() && !l->open_pcap(prefix + "_" + l->name() + ".pcap"))
			error("cannot open pcap for " + l->name() + ": " + l->pcap().error());
}

void World::flush_pcaps()
{
	for (auto &l : links_)
		l->pcap().flush();
}

void World::free_cores()
{
	for (auto &h : hosts_)
		h->free_core();
}

// ------------------------------------------------------------------ flows

Flow &World::add_flow(const FlowSpec &s)
{
	flows_.push_back(std::make_unique<Flow>());
	Flow &f = *flows_.back();
	f.id = static_cast<uint32_t>(flows_.size());
	f.spec = s;
	if (f.spec.name.empty())
		f.spec.name = "flow" + std::to_string(f.id);
	if (!s.from)
		error("flow " + f.spec.name + " has no sender");
	uint32_t id = f.id;
	sim.at(s.start, [this, id]() { flow_tick(id); });
	return f;
}

Flow *World::flow(uint32_t id)
{
	return id && id <= flows_.size() ? flows_[id - 1].get() : nullptr;
}

Flow *World::flow(const std::string &name)
{
	for (auto &f : flows_)
		if (f->spec.name == name)
			return f.get();
	return nullptr;
}

void World::flow_tick(uint32_t id)
{
	Flow *f = flow(id);
	if (!f || f->stopped || !f->spec.from || now() >= f->spec.stop)
		return;
	if (f->spec.count && f->sent() >= f->spec.count)
		return;
	FlowTag t;
	t.flow = id;
	t.seq = static_cast<uint32_t>(f->sent());
	t.sent = now();
	f->sent_at.push_back(now());
	f->spec.from->send_udp(f->spec.src, f->spec.dst, f->spec.sport, f->spec.dport,
	                       flow_payload(t, f->spec.len));
	sim.after(f->spec.interval, [this, id]() { flow_tick(id); });
}

void World::flow_rx(Host &at, const AppRx &r)
{
	Flow *f = flow(r.tag.flow);
	if (!f || r.tag.seq >= f->sent_at.size())
		return;
	Flow::Arrival a{now(), at.name(), r.src, r.dst};
	auto &m = r.tag.reply ? f->echo : f->rx;
	if (m.count(r.tag.seq)) {
		(r.tag.reply ? f->echo_dups : f->rx_dups)++;
		return;
	}
	m.emplace(r.tag.seq, a);
}

std::vector<uint32_t> Flow::lost(mip6_ns_t t0, mip6_ns_t t1) const
{
	std::vector<uint32_t> v;
	for (uint32_t s = 0; s < sent_at.size(); s++)
		if (sent_at[s] >= t0 && sent_at[s] < t1 && !rx.count(s))
			v.push_back(s);
	return v;
}

std::vector<uint32_t> Flow::echo_lost(mip6_ns_t t0, mip6_ns_t t1) const
{
	std::vector<uint32_t> v;
	for (uint32_t s = 0; s < sent_at.size(); s++)
		if (sent_at[s] >= t0 && sent_at[s] < t1 && !echo.count(s))
			v.push_back(s);
	return v;
}

mip6_ns_t Flow::first_rx_sent_after(mip6_ns_t t) const
{
	for (const auto &kv : rx)
		if (sent_at[kv.first] >= t)
			return kv.second.t;
	return MIP6_NS_NEVER;
}

} // namespace mip6h
