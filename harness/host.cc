// SPDX-License-Identifier: BSD-3-Clause
#include "host.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "link.h"
#include "mip6/bind_route.h"
#include "mip6/bind_trace.h"
#include "world.h"

namespace mip6h
{

// Memory of the binding context itself (its deferral queue and ledger):
// plain, so that allocation failures injected into the core leave it alone.
static void *bind_mem(void *, void *ptr, size_t size)
{
	if (size == 0) {
		free(ptr);
		return nullptr;
	}
	return realloc(ptr, size);
}

static const char *kind_name(uint16_t k)
{
	return mip6_op_kind_name(k);
}

static std::string hex(unsigned v)
{
	char b[16];
	snprintf(b, sizeof(b), "0x%x", v);
	return b;
}

Host::Host(World &w, std::string name, uint32_t id, const HostOpts &o, uint64_t seed)
    : opts(o), w_(w), name_(std::move(name)), id_(id), rng_(seed)
{
	env_.ctx = this;
	env_.send = &Host::env_send;
	env_.deliver = &Host::env_deliver;
	env_.op_submit = &Host::env_op_submit;
	env_.random = &Host::env_random;
	env_.trace = &Host::env_trace;
	// The world's clock, also between core calls (the context's own
	// derivation knows only the 'now' of the last call).
	env_.time_of_day = &Host::env_time_of_day;
	env_.alloc = w.alloc().alloc();
	mip6_bind_cfg_t bc{};
	bc.alloc.fn = &bind_mem;
	bind_ = mip6_bind_new(&env_, &bc);
	ifaces_[0].ifindex = 0; // the virtual mobility interface (home addresses)
}

Host::~Host()
{
	free_core();
	mip6_bind_free(bind_);
}

void Host::log(const std::string &line)
{
	w_.logf(name_ + ": " + line);
}

// ---------------------------------------------------------------- interfaces

Host::Iface &Host::add_iface(uint32_t ifindex, uint8_t preference, uint16_t bid)
{
	Iface &i = ifaces_[ifindex];
	i.ifindex = ifindex;
	i.cfg.ifindex = ifindex;
	i.cfg.preference = preference;
	i.cfg.bid = bid;
	// 02:00:<id:16>:00:<ifindex:8>, a locally administered address.
	uint8_t ll[6] = {0x02,
	                 0x00,
	                 static_cast<uint8_t>(id_ >> 8),
	                 static_cast<uint8_t>(id_),
	                 0x00,
	                 static_cast<uint8_t>(ifindex)};
	std::copy(ll, ll + 6, i.cfg.lladdr);
	i.cfg.lladdr_len = 6;
	Addr a;
	a.addr = link_local(ifindex);
	a.plen = 64;
	i.addrs.push_back(a);
	return i;
}

Host::Iface *Host::iface(uint32_t ifindex)
{
	auto it = ifaces_.find(ifindex);
	return it == ifaces_.end() ? nullptr : &it->second;
}

mip6_addr_t Host::link_local(uint32_t ifindex) const
{
	// fe80:: + modified EUI-64 of the link-layer address above.
	mip6_addr_t a = A("fe80::");
	a.b[8] = 0x00; // 0x02 with the universal/local bit flipped
	a.b[9] = 0x00;
	a.b[10] = static_cast<uint8_t>(id_ >> 8);
	a.b[11] = 0xff;
	a.b[12] = 0xfe;
	a.b[13] = static_cast<uint8_t>(id_);
	a.b[14] = 0x00;
	a.b[15] = static_cast<uint8_t>(ifindex);
	return a;
}

void Host::add_addr(uint32_t ifindex, const mip6_addr_t &a, uint8_t plen, uint16_t flags)
{
	Iface &i = ifaces_[ifindex];
	i.ifindex = ifindex;
	Addr ad;
	ad.addr = a;
	ad.plen = plen;
	ad.flags = flags;
	i.addrs.push_back(ad);
	add_connected(ifindex, ad);
}

void Host::add_route(const mip6_addr_t &prefix, uint8_t plen, uint32_t ifindex, const mip6_addr_t &gw)
{
	Route r;
	r.prefix = prefix;
	r.plen = plen;
	r.ifindex = ifindex;
	r.gw = gw;
	r.origin = Route::STATIC;
	routes_.push_back(r);
}

void Host::add_connected(uint32_t ifindex, const Addr &a)
{
	if (ifindex == 0 || a.plen == 0 || a.plen >= 128 || is_link_local(a.addr))
		return;
	for (const Route &r : routes_)
		if (r.origin == Route::CONNECTED && r.ifindex == ifindex && r.plen == a.plen &&
		    mip6_addr_prefix_match(&r.prefix, &a.addr, a.plen))
			return;
	Route r;
	r.prefix = a.addr;
	r.plen = a.plen;
	r.ifindex = ifindex;
	r.origin = Route::CONNECTED;
	routes_.push_back(r);
}

void Host::del_connected(uint32_t ifindex, const mip6_addr_t &a, uint8_t plen)
{
	Iface *i = iface(ifindex);
	if (i)
		for (const Addr &o : i->addrs)
			if (o.plen == plen && mip6_addr_prefix_match(&o.addr, &a, plen))
				return; // another address keeps the prefix on-link
	routes_.erase(std::remove_if(routes_.begin(), routes_.end(),
	                             [&](const Route &r) {
		                             return r.origin == Route::CONNECTED && r.ifindex == ifindex &&
		                                    r.plen == plen &&
		                                    mip6_addr_prefix_match(&r.prefix, &a, plen);
	                             }),
	              routes_.end());
}

void Host::set_ra(uint32_t ifindex, const RaConfig &ra)
{
	Iface *i = iface(ifindex);
	if (!i) {
		w_.error(name_ + ": set_ra on missing interface " + std::to_string(ifindex));
		return;
	}
	i->ra = ra;
	i->ra_on = true;
	// The first unsolicited RA comes at a random point of the first interval.
	schedule_ra(ifindex, static_cast<mip6_ns_t>(rng_.uniform() * static_cast<double>(ra.interval_min)));
}

void Host::stop_ra(uint32_t ifindex)
{
	Iface *i = iface(ifindex);
	if (!i)
		return;
	i->ra_on = false;
	w_.sim.cancel(i->ra_ev);
	i->ra_ev = 0;
}

void Host::schedule_ra(uint32_t ifindex, mip6_ns_t delay)
{
	Iface *i = iface(ifindex);
	if (!i || !i->ra_on)
		return;
	w_.sim.cancel(i->ra_ev);
	i->ra_ev = w_.sim.after(delay, [this, ifindex]() {
		Iface *f = iface(ifindex);
		if (!f || !f->ra_on)
			return;
		f->ra_ev = 0;
		f->ra_pending = false;
		send_ra(ifindex);
		const RaConfig &c = f->ra;
		mip6_ns_t span = c.interval_max > c.interval_min ? c.interval_max - c.interval_min : 0;
		schedule_ra(ifindex, c.interval_min +
		                         static_cast<mip6_ns_t>(rng_.uniform() * static_cast<double>(span)));
	});
}

void Host::send_ra(uint32_t ifindex)
{
	Iface *i = iface(ifindex);
	if (!i || !i->up)
		return;
	const RaConfig &c = i->ra;
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_RA);
	m.u.ra.hop_limit = 64;
	m.u.ra.flags = c.home_agent ? MIP6_RA_F_H : 0;
	m.u.ra.lifetime = c.router_lifetime;
	mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_SLLA);
	o->u.lla.len = i->cfg.lladdr_len;
	std::copy(i->cfg.lladdr, i->cfg.lladdr + i->cfg.lladdr_len, o->u.lla.addr);
	if (c.adv_interval_option) {
		o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_ADV_INTERVAL);
		o->u.adv_interval_ms = static_cast<uint32_t>(c.interval_max / 1000000u);
	}
	if (c.home_agent) {
		o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_HA_INFO);
		o->u.ha_info.pref = c.ha_preference;
		o->u.ha_info.lifetime = c.ha_lifetime;
		if (c.ha_mobile_router)
			o->reserved = MIP6_HAI_F_R;
	}
	for (const RaPrefix &p : c.prefixes) {
		o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_PREFIX);
		if (!o)
			break;
		o->u.prefix.plen = p.plen;
		o->u.prefix.flags = p.flags;
		o->u.prefix.valid = p.valid;
		o->u.prefix.preferred = p.preferred;
		o->u.prefix.prefix = p.prefix;
		if (p.flags & MIP6_PI_F_R) {
			// RFC 6275 7.2: with R set the field holds the router's full
			// address; use our global address in that prefix.
			for (const Addr &a : i->addrs)
				if (mip6_addr_prefix_match(&a.addr, &p.prefix, p.plen))
					o->u.prefix.prefix = a.addr;
		}
	}
	Bytes pkt = build_icmp6(link_local(ifindex), all_nodes(), m, 255);
	stats.ra_sent++;
	xmit(ifindex, pkt, all_nodes());
}

void Host::iface_changed(uint32_t ifindex)
{
	Iface *i = iface(ifindex);
	if (!i)
		return;
	bool up = i->link && i->link->up();
	if (up == i->up)
		return;
	i->up = up;
	if (!up) {
		i->has_router = false;
	}
	log("if " + std::to_string(ifindex) + (up ? " up" : " down"));
	if (up && i->ra_on && !i->ra_ev)
		schedule_ra(ifindex, 0);
	if (core_ && started_)
		core_link(ifindex, up);
}

// ------------------------------------------------------------ state queries

bool Host::has_addr(const mip6_addr_t &a, uint32_t ifindex) const
{
	for (const auto &kv : ifaces_) {
		if (ifindex != UINT32_MAX && kv.first != ifindex)
			continue;
		for (const Addr &x : kv.second.addrs)
			if (mip6_addr_eq(&x.addr, &a))
				return true;
	}
	return false;
}

int Host::addr_flags(const mip6_addr_t &a) const
{
	for (const auto &kv : ifaces_)
		for (const Addr &x : kv.second.addrs)
			if (mip6_addr_eq(&x.addr, &a))
				return x.flags;
	return -1;
}

bool Host::is_local(const mip6_addr_t &a) const
{
	return has_addr(a);
}

std::vector<Addr> Host::addrs(uint32_t ifindex, uint16_t flags) const
{
	std::vector<Addr> v;
	auto it = ifaces_.find(ifindex);
	if (it != ifaces_.end())
		for (const Addr &a : it->second.addrs)
			if ((a.flags & flags) == flags)
				v.push_back(a);
	return v;
}

bool Host::coa(uint32_t ifindex, mip6_addr_t *out) const
{
	auto v = addrs(ifindex, MIP6_ADDRF_COA);
	if (v.empty())
		return false;
	*out = v[0].addr;
	return true;
}

bool Host::has_proxy(uint32_t ifindex, const mip6_addr_t &a) const
{
	auto it = ifaces_.find(ifindex);
	if (it == ifaces_.end())
		return false;
	for (const mip6_addr_t &p : it->second.proxies)
		if (mip6_addr_eq(&p, &a))
			return true;
	return false;
}

bool Host::has_tunnel(const mip6_addr_t &local, const mip6_addr_t &remote) const
{
	for (const Tunnel &t : tunnels_)
		if (mip6_addr_eq(&t.local, &local) && mip6_addr_eq(&t.remote, &remote))
			return true;
	return false;
}

const Route *Host::find_route(const mip6_addr_t &prefix, uint8_t plen, bool source) const
{
	for (const Route &r : routes_)
		if (r.source == source && r.plen == plen && mip6_addr_prefix_match(&r.prefix, &prefix, plen))
			return &r;
	return nullptr;
}

size_t Host::ops_pending() const
{
	size_t n = 0;
	for (const OpRec &o : ops_)
		n += o.answered == MIP6_NS_NEVER;
	return n;
}

size_t Host::echo_replies(uint16_t id) const
{
	size_t n = 0;
	for (const AppRx &r : app_rx)
		n += r.proto == MIP6_PROTO_ICMPV6 && r.icmp_type == MIP6_ICMP6_ECHO_REPLY && r.echo_id == id;
	return n;
}

size_t Host::count_events(uint16_t code) const
{
	size_t n = 0;
	for (const TraceRec &t : traces)
		n += t.ev.code == code;
	return n;
}

size_t Host::count_traces(uint16_t kind, const char *component) const
{
	size_t n = 0;
	for (const TraceRec &t : traces)
		n += t.ev.kind == kind && (!component || t.component == component);
	return n;
}

std::string Host::last_state(uint16_t state_code) const
{
	for (auto it = traces.rbegin(); it != traces.rend(); ++it)
		if (it->ev.kind == MIP6_TR_STATE && it->ev.code == state_code)
			return it->to;
	return "";
}

// ----------------------------------------------------------------- the core

void Host::set_core(std::unique_ptr<Core> c)
{
	free_core();
	core_ = std::move(c);
	core_gen_++;
	mip6_bind_timer_init(mip6_bind_get_timer(bind_), 0);
	rearm();
}

void Host::free_core()
{
	if (timer_ev_)
		w_.sim.cancel(timer_ev_);
	timer_ev_ = 0;
	timer_at_ = MIP6_NS_NEVER;
	if (core_) {
		stats.bus_dropped += core_->bus_dropped();
		// Freeing may raise callbacks: inside a call, like any other.
		bool entered = mip6_bind_enter(bind_, w_.now());
		core_.reset();
		mip6_bind_ops_clear(mip6_bind_ledger(bind_));
		if (entered)
			mip6_bind_leave(bind_);
		core_gen_++;
	}
	started_ = false;
}

void Host::start()
{
	started_ = true;
	if (!core_)
		return;
	for (auto &kv : ifaces_)
		if (kv.first != 0 && kv.second.up)
			core_link(kv.first, true);
}

bool Host::callback_ok(const char *what)
{
	if (!mip6_bind_in_call(bind_)) {
		// Allowed (a binding may call env functions outside the core), but
		// the core should not: it only acts when called.
		log(std::string("env.") + what + " called outside a core call");
	}
	return true;
}

void Host::with_core(const std::function<void()> &fn)
{
	if (!mip6_bind_enter(bind_, w_.now())) {
		w_.error(name_ + ": re-entrant call into the core");
		return;
	}
	fn();
	mip6_bind_leave(bind_); // releases what the callbacks deferred
	rearm();
}

mip6_verdict_t Host::core_input(uint32_t ifindex, const Bytes &pkt)
{
	mip6_verdict_t v = MIP6_PASS;
	if (!core_)
		return v;
	with_core([&]() { v = core_->input(ifindex, pkt.data(), pkt.size(), w_.now()); });
	stats.core_in[v <= 2 ? v : 0]++;
	return v;
}

mip6_verdict_t Host::core_output(const Bytes &pkt)
{
	mip6_verdict_t v = MIP6_PASS;
	if (!core_)
		return v;
	with_core([&]() { v = core_->output(pkt.data(), pkt.size(), w_.now()); });
	stats.core_out[v <= 2 ? v : 0]++;
	return v;
}

void Host::core_link(uint32_t ifindex, bool up)
{
	if (core_)
		with_core([&]() { core_->link(ifindex, up, w_.now()); });
}

void Host::core_op_result(uint32_t id, int status)
{
	if (core_ && mip6_bind_ops_answer(mip6_bind_ledger(bind_), id, nullptr) != MIP6_BIND_OP_OK)
		log("op result #" + std::to_string(id) + " for no pending operation");
	if (core_)
		with_core([&]() { core_->op_result(id, status, w_.now()); });
}

void Host::core_timeout()
{
	if (core_)
		with_core([&]() { core_->timeout(w_.now()); });
}

void Host::rearm()
{
	if (!core_)
		return;
	// The one-timer contract: clamped to now, nothing once the storm guard tripped.
	mip6_ns_t t = mip6_bind_timer_next(mip6_bind_get_timer(bind_), core_->next_timeout(), w_.now());
	if (t == timer_at_ && timer_ev_)
		return;
	if (timer_ev_)
		w_.sim.cancel(timer_ev_);
	timer_ev_ = 0;
	timer_at_ = t;
	if (t == MIP6_NS_NEVER)
		return;
	timer_ev_ = w_.sim.at(t, [this]() {
		timer_ev_ = 0;
		timer_at_ = MIP6_NS_NEVER;
		if (!mip6_bind_timer_fire(mip6_bind_get_timer(bind_), w_.now())) {
			w_.error(name_ + ": core keeps asking for a timeout at " + fmt_time(w_.now()) +
			         " without progress");
			return;
		}
		core_timeout();
	});
}

// ------------------------------------------------------------ env callbacks

void Host::env_send(void *ctx, uint32_t ifindex, const uint8_t *pkt, size_t len)
{
	Host *h = static_cast<Host *>(ctx);
	h->callback_ok("send");
	h->stats.sent_by_core++;
	Bytes b(pkt, pkt + len);
	if (ifindex == 0) {
		h->output(b, From::CORE);
		return;
	}
	Iface *i = h->iface(ifindex);
	mip6_ip6_t ip;
	if (!i || !ip6_header(pkt, len, &ip)) {
		h->w_.error(h->name_ + ": core sent on unknown interface " + std::to_string(ifindex) +
		            " or a non-IPv6 packet");
		return;
	}
	h->xmit(ifindex, b, h->next_hop_on(ifindex, ip.dst));
}

void Host::env_deliver(void *ctx, const uint8_t *pkt, size_t len)
{
	// The binding context calls this after the core call returned (it
	// deferred the packet), so the stack could take it at once; it goes
	// through the simulator's queue at the same instant all the same, so
	// that same-instant events keep the order (and the captures the bytes)
	// they had before the harness ran on the binding context.
	Host *h = static_cast<Host *>(ctx);
	h->stats.delivered_by_core++;
	auto b = std::make_shared<Bytes>(pkt, pkt + len);
	h->w_.sim.at(h->w_.now(), [h, b]() { h->stack_in(0, *b, true); });
}

void Host::env_op_submit(void *ctx, const mip6_op_t *op)
{
	Host *h = static_cast<Host *>(ctx);
	h->callback_ok("op_submit");
	OpRec r;
	r.op = *op;
	r.submitted = h->w_.now();
	h->ops_.push_back(r);
	size_t idx = h->ops_.size() - 1;
	mip6_ns_t d = op->kind == MIP6_OP_DAD ? h->opts.dad_delay : h->opts.op_delay;
	h->log(std::string("dp ") + kind_name(op->kind) + " #" + std::to_string(op->id) + " if " +
	       std::to_string(op->ifindex) + " " + S(op->addr) + "/" + std::to_string(op->plen) + " flags " +
	       hex(op->flags) +
	       (op->kind == MIP6_OP_TUNNEL_ADD || op->kind == MIP6_OP_TUNNEL_DEL
	            ? " " + S(op->local) + " <-> " + S(op->remote)
	            : (op->kind == MIP6_OP_ROUTE_ADD ? " via " + S(op->remote) : "")));
	uint64_t gen = h->core_gen_;
	h->w_.sim.after(d, [h, idx, gen]() {
		h->apply_op(idx);
		if (gen == h->core_gen_)
			h->core_op_result(h->ops_[idx].op.id, h->ops_[idx].status);
	});
}

uint64_t ntp_time_of_day(mip6_ns_t now)
{
	return mip6_bind_ntp_time(now, kNtpEpoch2026);
}

uint64_t Host::env_time_of_day(void *ctx)
{
	return ntp_time_of_day(static_cast<Host *>(ctx)->w_.now());
}

void Host::env_random(void *ctx, uint8_t *out, size_t len)
{
	static_cast<Host *>(ctx)->rng_.fill(out, len);
}

void Host::env_trace(void *ctx, const mip6_trace_t *ev)
{
	Host *h = static_cast<Host *>(ctx);
	TraceRec t;
	t.ev = *ev;
	t.component = ev->component ? ev->component : "";
	t.what = ev->what ? ev->what : "";
	t.from = ev->from ? ev->from : "";
	t.to = ev->to ? ev->to : "";
	// The line every binding prints (bind/ trace printer).
	char line[MIP6_BIND_TRACE_LINE_MAX];
	mip6_bind_trace_text(ev, line, sizeof(line));
	h->traces.push_back(std::move(t));
	h->log(std::string("trace ") + line);
}

// ------------------------------------------------------------- data plane

void Host::apply_op(size_t idx)
{
	OpRec &rec = ops_[idx];
	const mip6_op_t &op = rec.op;
	rec.answered = w_.now();
	auto f = fail_ops_.find(op.kind);
	if (f != fail_ops_.end() && f->second != 0) {
		rec.status = f->second;
		log(std::string("dp ") + kind_name(op.kind) + " #" + std::to_string(op.id) +
		    " failed (injected)");
		return;
	}
	rec.status = 0;
	auto anomaly = [&](const char *why) {
		stats.op_anomalies++;
		log(std::string("dp ") + kind_name(op.kind) + " #" + std::to_string(op.id) + ": " + why);
	};
	Iface *i = iface(op.ifindex);
	switch (op.kind) {
	case MIP6_OP_ADDR_ADD: {
		if (!i) {
			rec.status = MIP6_E_INVAL;
			anomaly("no such interface");
			break;
		}
		for (Addr &a : i->addrs)
			if (mip6_addr_eq(&a.addr, &op.addr)) {
				a.plen = op.plen;
				a.flags = op.flags;
				return; // flag update (e.g. HOME|DEREG -> HOME)
			}
		Addr a;
		a.addr = op.addr;
		a.plen = op.plen;
		a.flags = op.flags;
		a.from_core = true;
		i->addrs.push_back(a);
		add_connected(op.ifindex, a);
		break;
	}
	case MIP6_OP_ADDR_DEL: {
		if (!i) {
			anomaly("no such interface");
			break;
		}
		auto it = std::find_if(i->addrs.begin(), i->addrs.end(),
		                       [&](const Addr &a) { return mip6_addr_eq(&a.addr, &op.addr); });
		if (it == i->addrs.end()) {
			anomaly("address not present");
			break;
		}
		uint8_t plen = it->plen;
		i->addrs.erase(it);
		del_connected(op.ifindex, op.addr, plen);
		break;
	}
	case MIP6_OP_ROUTE_ADD: {
		if (op.ifindex && !i) {
			rec.status = MIP6_E_INVAL;
			anomaly("no such interface");
			break;
		}
		const bool src = op.flags & MIP6_ROUTEF_SOURCE;
		for (Route &r : routes_)
			if (r.origin == Route::CORE && r.source == src && r.plen == op.plen &&
			    mip6_addr_prefix_match(&r.prefix, &op.addr, op.plen) && r.ifindex == op.ifindex) {
				r.gw = op.remote;
				return;
			}
		Route r;
		r.prefix = op.addr;
		r.plen = op.plen;
		r.ifindex = op.ifindex;
		r.gw = op.remote;
		r.origin = Route::CORE;
		r.source = src;
		routes_.push_back(r);
		break;
	}
	case MIP6_OP_ROUTE_DEL: {
		const bool src = op.flags & MIP6_ROUTEF_SOURCE;
		auto it = std::find_if(routes_.begin(), routes_.end(), [&](const Route &r) {
			return r.origin == Route::CORE && r.source == src && r.plen == op.plen &&
			       mip6_addr_prefix_match(&r.prefix, &op.addr, op.plen) &&
			       r.ifindex == op.ifindex;
		});
		if (it == routes_.end())
			it = std::find_if(routes_.begin(), routes_.end(), [&](const Route &r) {
				return r.origin == Route::CORE && r.source == src && r.plen == op.plen &&
				       mip6_addr_prefix_match(&r.prefix, &op.addr, op.plen);
			});
		if (it == routes_.end()) {
			anomaly("route not present");
			break;
		}
		routes_.erase(it);
		break;
	}
	case MIP6_OP_PROXY_ND_ADD:
		if (!i || op.ifindex == 0) {
			rec.status = MIP6_E_INVAL;
			anomaly("no such interface");
			break;
		}
		if (!has_proxy(op.ifindex, op.addr))
			i->proxies.push_back(op.addr);
		break;
	case MIP6_OP_PROXY_ND_DEL: {
		if (!i || !has_proxy(op.ifindex, op.addr)) {
			anomaly("proxy entry not present");
			break;
		}
		auto &v = i->proxies;
		v.erase(std::remove_if(v.begin(), v.end(),
		                       [&](const mip6_addr_t &a) { return mip6_addr_eq(&a, &op.addr); }),
		        v.end());
		break;
	}
	case MIP6_OP_DAD:
		rec.status = w_.dad_conflict(*this, op.ifindex, op.addr) ? MIP6_OP_DUPLICATE : 0;
		log("dad " + S(op.addr) + (rec.status ? " duplicate" : " unique"));
		break;
	case MIP6_OP_TUNNEL_ADD:
		if (!has_tunnel(op.local, op.remote))
			tunnels_.push_back(Tunnel{op.local, op.remote, op.ifindex});
		break;
	case MIP6_OP_TUNNEL_DEL: {
		if (!has_tunnel(op.local, op.remote)) {
			anomaly("tunnel not present");
			break;
		}
		tunnels_.erase(std::remove_if(tunnels_.begin(), tunnels_.end(),
		                              [&](const Tunnel &t) {
			                              return mip6_addr_eq(&t.local, &op.local) &&
			                                     mip6_addr_eq(&t.remote, &op.remote);
		                              }),
		               tunnels_.end());
		break;
	}
	default:
		rec.status = MIP6_E_INVAL;
		anomaly("unknown kind");
		break;
	}
}

// Does anyone but 'self' own 'a' on that link (assigned there or proxied)?
bool World::dad_conflict(const Host &self, uint32_t ifindex, const mip6_addr_t &a) const
{
	std::vector<const Link *> links;
	for (const auto &kv : self.ifaces_)
		if (kv.second.link && (ifindex == 0 || kv.first == ifindex))
			links.push_back(kv.second.link);
	for (const Link *l : links)
		for (const auto &p : l->ports_)
			if (p.host != &self && p.host->dad_owns(p.ifindex, a))
				return true;
	return false;
}

bool Host::dad_owns(uint32_t ifindex, const mip6_addr_t &a) const
{
	auto it = ifaces_.find(ifindex);
	if (it == ifaces_.end())
		return false;
	for (const Addr &x : it->second.addrs)
		if (mip6_addr_eq(&x.addr, &a))
			return true;
	return has_proxy(ifindex, a);
}

// ------------------------------------------------------------ packet paths

// Does this interface take a frame whose L2 target is 'target'? Its own
// addresses, proxied addresses and multicast. Not the addresses of the
// virtual interface: like Linux ND, an interface answers for its own
// addresses only (a home address is put on the home link's interface when
// the node is at home).
bool Host::claims(uint32_t ifindex, const mip6_addr_t &target) const
{
	auto it = ifaces_.find(ifindex);
	if (it == ifaces_.end() || !it->second.up)
		return false;
	if (is_multicast(target))
		return true;
	for (const Addr &a : it->second.addrs)
		if (mip6_addr_eq(&a.addr, &target))
			return true;
	return has_proxy(ifindex, target);
}

namespace
{
struct LookupCtx {
	const Host *h;
	const std::vector<Route> *routes;
	bool include_core;
	uint32_t only_ifindex;
};

// The routes bind's lookup may use: not into the core unless asked for, on
// the one interface when asked for, never over a down interface.
bool lookup_get(void *ctx, size_t i, mip6_bind_route_t *out)
{
	const LookupCtx &c = *static_cast<const LookupCtx *>(ctx);
	const Route &r = (*c.routes)[i];
	if (!c.include_core && r.ifindex == 0)
		return false;
	if (c.only_ifindex != UINT32_MAX && r.ifindex != c.only_ifindex)
		return false;
	if (r.ifindex != 0) {
		auto it = c.h->ifaces().find(r.ifindex);
		if (it == c.h->ifaces().end() || !it->second.up)
			return false; // a route over a down interface is not used
	}
	out->prefix = r.prefix;
	out->plen = r.plen;
	out->source = r.source;
	out->ifindex = r.ifindex;
	out->gw = r.gw;
	return true;
}
} // namespace

const Route *Host::lookup(const mip6_addr_t &dst, const mip6_addr_t *src, bool include_core,
                          uint32_t only_ifindex) const
{
	LookupCtx c{this, &routes_, include_core, only_ifindex};
	size_t i = mip6_bind_route_select(routes_.size(), &lookup_get, &c, &dst, src);
	return i == MIP6_BIND_ROUTE_NONE ? nullptr : &routes_[i];
}

mip6_addr_t Host::next_hop_on(uint32_t ifindex, const mip6_addr_t &dst) const
{
	if (is_multicast(dst) || is_link_local(dst))
		return dst;
	const Route *r = lookup(dst, nullptr, false, ifindex);
	if (r)
		return mip6_addr_is_unspec(&r->gw) ? dst : r->gw;
	auto it = ifaces_.find(ifindex);
	if (it != ifaces_.end() && it->second.has_router)
		return it->second.router;
	return dst;
}

void Host::xmit(uint32_t ifindex, const Bytes &pkt, const mip6_addr_t &target)
{
	Iface *i = iface(ifindex);
	if (!i || !i->up || !i->link) {
		stats.drop_iface_down++;
		log("drop (interface " + std::to_string(ifindex) + " down) " +
		    summarize(pkt.data(), pkt.size()));
		return;
	}
	i->link->transmit(*this, ifindex, pkt, target);
}

void Host::send(const Bytes &pkt)
{
	output(pkt, From::APP);
}

void Host::send_udp(const mip6_addr_t &src, const mip6_addr_t &dst, uint16_t sport, uint16_t dport,
                    const Bytes &payload)
{
	send(build_udp(src, dst, sport, dport, payload));
}

void Host::ping(const mip6_addr_t &src, const mip6_addr_t &dst, uint16_t id, uint16_t seq)
{
	send(build_echo(src, dst, false, id, seq));
}

void Host::send_raw(uint32_t ifindex, const Bytes &pkt, const mip6_addr_t *target)
{
	mip6_ip6_t h;
	mip6_addr_t t = {};
	if (target)
		t = *target;
	else if (ip6_header(pkt.data(), pkt.size(), &h))
		t = h.dst;
	xmit(ifindex, pkt, t);
}

void Host::output(const Bytes &pkt, From from)
{
	mip6_ip6_t h;
	if (!ip6_header(pkt.data(), pkt.size(), &h)) {
		w_.error(name_ + ": output of a non-IPv6 packet");
		return;
	}
	if (from != From::CORE && core_) {
		const Route *r = lookup(h.dst, &h.src, true, UINT32_MAX);
		if (opts.core_sees_all_output || (r && r->ifindex == 0)) {
			if (core_output(pkt) != MIP6_PASS)
				return;
		}
	}
	route_native(pkt, h, from == From::CORE);
}

bool Host::route_native(const Bytes &pkt, const mip6_ip6_t &h, bool from_core)
{
	if (is_local(h.dst)) {
		// Loopback: through an event, the stack may call the core.
		auto b = std::make_shared<Bytes>(pkt);
		w_.sim.at(w_.now(), [this, b]() { stack_in(0, *b, false); });
		return true;
	}
	(void)from_core; // routes into the core are skipped for everybody here
	if (is_multicast(h.dst) || is_link_local(h.dst)) {
		// Needs an interface: the first one that is up.
		for (auto &kv : ifaces_)
			if (kv.first && kv.second.up) {
				xmit(kv.first, pkt, h.dst);
				return true;
			}
		stats.drop_no_route++;
		return false;
	}
	const Route *r = lookup(h.dst, &h.src, false, UINT32_MAX);
	if (r) {
		xmit(r->ifindex, pkt, mip6_addr_is_unspec(&r->gw) ? h.dst : r->gw);
		return true;
	}
	for (auto &kv : ifaces_)
		if (kv.first && kv.second.up && kv.second.has_router) {
			xmit(kv.first, pkt, kv.second.router);
			return true;
		}
	stats.drop_no_route++;
	log("drop (no route) " + summarize(pkt.data(), pkt.size()));
	return false;
}

// Default router learning from an RA (nd_in, and link_rx ahead of the core).
static void learn_router(Host &h, uint32_t ifindex, const mip6_pkt_t &pk)
{
	Host::Iface *i = h.iface(ifindex);
	if (!i || ifindex == 0 || !h.opts.learn_default_router)
		return;
	if (pk.icmp6.u.ra.lifetime) {
		i->has_router = true;
		i->router = pk.layer[0].ip.src;
	} else if (i->has_router && mip6_addr_eq(&i->router, &pk.layer[0].ip.src)) {
		i->has_router = false;
	}
}

void Host::link_rx(uint32_t ifindex, uint64_t, std::shared_ptr<const Bytes> pkt)
{
	stats.rx++;
	if (w_.opts.log_frames)
		log("rx if " + std::to_string(ifindex) + " " + std::to_string(pkt->size()) + " bytes");
	// A kernel has processed an RA before a daemon reads its copy: the
	// router is known by the time the core reacts to the same RA (say,
	// with a Binding Update sent on coming home). Cheap test first: an
	// RA carries no extension header.
	const Bytes &b = *pkt;
	if (core_ && opts.learn_default_router && b.size() > 40 && b[6] == 58 && b[40] == MIP6_ICMP6_RA) {
		mip6_pkt_t pk;
		if (mip6_pkt_parse(b.data(), b.size(), MIP6_DEC_LENIENT, &pk) == 0 && pk.nlayers == 1 &&
		    pk.ul == MIP6_UL_ICMP6 && pk.icmp6.type == MIP6_ICMP6_RA)
			learn_router(*this, ifindex, pk);
	}
	// The input contract (mip6/node.h, mip6_node_input): only what is for
	// this node goes to the core; transit traffic is forwarded by the
	// stack and reaches the core through the output hook.
	if (core_ && for_this_node(b) && core_input(ifindex, *pkt) != MIP6_PASS)
		return;
	stack_in(ifindex, *pkt, false);
}

// Addressed to this node: one of its addresses (the virtual interface's
// home addresses included), multicast, or an address it proxies (an HA's
// bound home addresses, on any interface). A tunnel to this node has one of
// its addresses as the outer destination.
bool Host::for_this_node(const Bytes &pkt) const
{
	mip6_ip6_t h;
	if (!ip6_header(pkt.data(), pkt.size(), &h))
		return true; // the core's to judge (and drop)
	if (is_local(h.dst) || is_multicast(h.dst))
		return true;
	for (const auto &kv : ifaces_)
		if (has_proxy(kv.first, h.dst))
			return true;
	return false;
}

void Host::stack_in(uint32_t ifindex, const Bytes &pkt, bool via_core)
{
	mip6_ip6_t h;
	if (!ip6_header(pkt.data(), pkt.size(), &h)) {
		log("drop (not IPv6)");
		return;
	}
	if (is_local(h.dst) || is_multicast(h.dst)) {
		local_in(ifindex, pkt, via_core);
		return;
	}
	if (!opts.router) {
		stats.drop_not_for_us++;
		log("drop (not for us) " + summarize(pkt.data(), pkt.size()));
		return;
	}
	if (h.hlim <= 1) {
		stats.drop_hlim++;
		log("drop (hop limit) " + summarize(pkt.data(), pkt.size()));
		return;
	}
	Bytes f = pkt;
	f[7] = static_cast<uint8_t>(h.hlim - 1);
	stats.forwarded++;
	output(f, From::FORWARD);
}

void Host::local_in(uint32_t ifindex, const Bytes &pkt, bool via_core)
{
	stats.local++;
	mip6_pkt_t pk;
	mip6_pkt_parse(pkt.data(), pkt.size(), MIP6_DEC_LENIENT, &pk);
	if (pk.nlayers == 0)
		return;
	if (pk.nlayers > 1) {
		stats.tunnel_unhandled++;
		log("drop (tunneled packet the core did not take) " + summarize(pkt.data(), pkt.size()));
		return;
	}
	const mip6_layer_t &l = pk.layer[0];
	AppRx r{};
	r.t = w_.now();
	r.ifindex = via_core ? 0 : ifindex;
	r.src = l.has_hao ? l.hao : l.ip.src;
	r.dst = l.ip.dst;
	r.proto = l.upper;
	r.len = pkt.size();
	if (pk.ul == MIP6_UL_ICMP6) {
		r.icmp_type = pk.icmp6.type;
		if (pk.icmp6.type >= MIP6_ICMP6_RS && pk.icmp6.type <= MIP6_ICMP6_NA) {
			nd_in(ifindex, pk, pkt);
			return; // ND is the stack's, not the application's
		}
		if (pk.icmp6.type == MIP6_ICMP6_ECHO_REQUEST || pk.icmp6.type == MIP6_ICMP6_ECHO_REPLY) {
			r.echo_id = pk.icmp6.u.echo.id;
			r.echo_seq = pk.icmp6.u.echo.seq;
		}
		app_rx.push_back(r);
		log("app rx " + summarize(pkt.data(), pkt.size()));
		if (pk.icmp6.type == MIP6_ICMP6_ECHO_REQUEST && opts.answer_echo && !is_multicast(l.ip.dst)) {
			Bytes data(pk.icmp6.body, pk.icmp6.body + pk.icmp6.body_len);
			output(build_echo(l.ip.dst, r.src, true, r.echo_id, r.echo_seq, data), From::APP);
		}
		return;
	}
	if (pk.ul == MIP6_UL_UDP) {
		udp_in(pk, pkt, r);
		return;
	}
	if (pk.ul == MIP6_UL_MH)
		stats.mh_unhandled++;
	app_rx.push_back(r);
	log("app rx " + summarize(pkt.data(), pkt.size()));
}

void Host::udp_in(const mip6_pkt_t &pk, const Bytes &pkt, AppRx &r)
{
	const mip6_layer_t &l = pk.layer[0];
	r.sport = pk.sport;
	r.dport = pk.dport;
	const uint8_t *pl = pkt.data() + l.upper_off + 8;
	size_t plen = l.upper_len >= 8 ? l.upper_len - 8 : 0;
	r.tagged = parse_flow_tag(pl, plen, &r.tag);
	app_rx.push_back(r);
	log("app rx " + summarize(pkt.data(), pkt.size()));
	if (r.tagged)
		w_.flow_rx(*this, r);
	bool echo = std::find(opts.udp_echo_ports.begin(), opts.udp_echo_ports.end(), r.dport) !=
	            opts.udp_echo_ports.end();
	if (echo && !(r.tagged && r.tag.reply) && !is_multicast(r.dst)) {
		Bytes payload(pl, pl + plen);
		if (r.tagged) {
			FlowTag t = r.tag;
			t.reply = true;
			payload = flow_payload(t, plen);
		}
		output(build_udp(r.dst, r.src, r.dport, r.sport, payload), From::APP);
	}
}

void Host::nd_in(uint32_t ifindex, const mip6_pkt_t &pk, const Bytes &pkt)
{
	(void)pkt;
	const mip6_layer_t &l = pk.layer[0];
	Iface *i = iface(ifindex);
	if (!i || ifindex == 0)
		return;
	switch (pk.icmp6.type) {
	case MIP6_ICMP6_RS:
		if (opts.router && i->ra_on && !i->ra_pending) {
			i->ra_pending = true;
			schedule_ra(ifindex, static_cast<mip6_ns_t>(rng_.uniform() *
			                                            static_cast<double>(i->ra.rs_delay_max)));
		}
		break;
	case MIP6_ICMP6_RA:
		// Routers learn too (Linux accept_ra=2): a mobile router needs
		// its uplink's router.
		learn_router(*this, ifindex, pk);
		break;
	case MIP6_ICMP6_NS: {
		const mip6_addr_t &tgt = pk.icmp6.u.nd.target;
		bool mine = false;
		for (const Addr &a : i->addrs)
			mine |= mip6_addr_eq(&a.addr, &tgt);
		if (!mine)
			break; // proxy entries answer nothing here (resolution is not modelled)
		mip6_icmp6_t na;
		mip6_icmp6_init(&na, MIP6_ICMP6_NA);
		bool dad = mip6_addr_is_unspec(&l.ip.src);
		na.u.nd.flags = static_cast<uint8_t>((opts.router ? MIP6_NA_F_R : 0) |
		                                     (dad ? 0 : MIP6_NA_F_S) | MIP6_NA_F_O);
		na.u.nd.target = tgt;
		mip6_nd_opt_t *o = mip6_icmp6_add_opt(&na, MIP6_ND_OPT_TLLA);
		o->u.lla.len = i->cfg.lladdr_len;
		std::copy(i->cfg.lladdr, i->cfg.lladdr + i->cfg.lladdr_len, o->u.lla.addr);
		mip6_addr_t dst = dad ? all_nodes() : l.ip.src;
		xmit(ifindex, build_icmp6(tgt, dst, na, 255), dst);
		break;
	}
	default:
		break;
	}
}

} // namespace mip6h
