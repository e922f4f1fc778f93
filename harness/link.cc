// SPDX-License-Identifier: BSD-3-Clause
#include "link.h"

#include <algorithm>

#include "host.h"
#include "world.h"

namespace mip6h
{

Link::Link(World &w, std::string name, const LinkParams &p, uint64_t seed)
    : params(p), w_(w), name_(std::move(name)), rng_(seed)
{
}

std::vector<Link::PortRef> Link::ports() const
{
	std::vector<PortRef> v;
	for (const Port &p : ports_)
		v.push_back(PortRef{p.host, p.ifindex});
	return v;
}

void Link::add_port(Host &h, uint32_t ifindex)
{
	ports_.push_back(Port{&h, ifindex, 0});
}

void Link::remove_port(Host &h, uint32_t ifindex)
{
	ports_.erase(std::remove_if(ports_.begin(), ports_.end(),
	                            [&](const Port &p) { return p.host == &h && p.ifindex == ifindex; }),
	             ports_.end());
}

void Link::transmit(Host &from, uint32_t ifindex, const Bytes &pkt, const mip6_addr_t &target)
{
	const mip6_ns_t now = w_.now();
	if (!up_) {
		stats.down++;
		return;
	}
	stats.tx++;
	if (pcap_.is_open())
		pcap_.write(now, pkt.data(), pkt.size());
	if (w_.opts.log_frames || w_.verbose())
		w_.logf("link " + name_ + " tx " + from.name() + "/" + std::to_string(ifindex) + " " +
		        summarize(pkt.data(), pkt.size()));
	if (drop_if && drop_if(from, pkt.data(), pkt.size())) {
		stats.filtered++;
		w_.logf("link " + name_ + " drop_if");
		return;
	}
	const bool impair = !params.impair_filter || params.impair_filter(pkt.data(), pkt.size());
	auto shared = std::make_shared<const Bytes>(pkt);
	bool claimed = false;
	for (Port &p : ports_) {
		if (p.host == &from && p.ifindex == ifindex)
			continue;
		if (!p.host->claims(p.ifindex, target))
			continue;
		claimed = true;
		// Draw every number in the same order whatever the outcome, so
		// changing one probability does not reshuffle the others.
		double u_loss = rng_.uniform(), u_dup = rng_.uniform(), u_ro = rng_.uniform();
		double u_jit = rng_.uniform(), u_jit2 = rng_.uniform(), u_ro2 = rng_.uniform();
		if (impair && u_loss < params.loss) {
			stats.lost++;
			w_.logf("link " + name_ + " lost -> " + p.host->name());
			continue;
		}
		int copies = impair && u_dup < params.dup ? 2 : 1;
		if (copies == 2)
			stats.duplicated++;
		for (int c = 0; c < copies; c++) {
			double uj = c ? u_jit2 : u_jit;
			mip6_ns_t d =
			    params.delay + static_cast<mip6_ns_t>(uj * static_cast<double>(params.jitter));
			if (c)
				d += params.dup_gap;
			mip6_ns_t t = now + d;
			bool held = impair && (c ? u_ro2 : u_ro) < params.reorder;
			if (held) {
				stats.reordered++;
				mip6_ns_t extra = params.reorder_delay
				                      ? params.reorder_delay
				                      : params.delay + params.jitter + MIP6_MS(1);
				t += extra;
			} else {
				// Jitter alone keeps the order of a port's frames.
				if (t < p.fifo_last)
					t = p.fifo_last;
				p.fifo_last = t;
			}
			Host *h = p.host;
			uint32_t ifx = p.ifindex;
			uint64_t gen = h->iface(ifx)->gen;
			Link *self = this;
			w_.sim.at(t, [self, h, ifx, gen, shared]() {
				Host::Iface *i = h->iface(ifx);
				if (!self->up_ || !i || i->gen != gen || i->link != self) {
					self->stats.flushed++;
					return;
				}
				self->stats.delivered++;
				h->link_rx(ifx, gen, shared);
			});
		}
	}
	if (!claimed && !is_multicast(target)) {
		stats.unresolved++;
		w_.logf("link " + name_ + " unresolved " + S(target));
	}
}

} // namespace mip6h
