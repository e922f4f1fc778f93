// SPDX-License-Identifier: BSD-3-Clause
#include "topo.h"

namespace mip6h
{

mip6_addr_t Topo::mnp(unsigned k) const
{
	mip6_addr_t p = A("2001:db8:1:100::");
	uint32_t v = 0x100u + k;
	p.b[6] = static_cast<uint8_t>(v >> 8);
	p.b[7] = static_cast<uint8_t>(v);
	return p;
}

static RaConfig ra_for(const Topo &t, const mip6_addr_t &prefix, uint8_t plen)
{
	RaConfig ra;
	RaPrefix p;
	p.prefix = prefix;
	p.plen = plen;
	ra.prefixes.push_back(p);
	ra.interval_min = t.opts.ra_min;
	ra.interval_max = t.opts.ra_max;
	return ra;
}

// A site router: if 1 on the access link at prefix::1, if 2 on its backbone
// link bb-<site> (2001:db8:ff:K::2) with a default route to inet.
static Host &site_router(Topo &t, const std::string &name, Link &access, const mip6_addr_t &prefix,
                         uint32_t k)
{
	World &w = t.w;
	HostOpts o;
	o.router = true;
	Host &r = w.add_host(name, o);
	r.add_iface(1);
	r.add_iface(2);
	r.add_addr(1, addr_plus(prefix, 1), 64);
	mip6_addr_t bb = A("2001:db8:ff::");
	bb.b[6] = static_cast<uint8_t>(k >> 8);
	bb.b[7] = static_cast<uint8_t>(k);
	r.add_addr(2, addr_plus(bb, 2), 64);
	r.add_route(A("::"), 0, 2, addr_plus(bb, 1));
	Link &l = w.add_link("bb-" + access.name(), t.opts.backbone);
	w.attach(r, 1, access);
	w.attach(r, 2, l);
	// inet's side
	Host &inet = *t.inet;
	uint32_t ifx = static_cast<uint32_t>(inet.ifaces().size()); // 0 is virtual: next number
	inet.add_iface(ifx);
	inet.add_addr(ifx, addr_plus(bb, 1), 64);
	w.attach(inet, ifx, l);
	r.set_ra(1, ra_for(t, prefix, 64));
	return r;
}

static void inet_route(Topo &t, const mip6_addr_t &prefix, uint8_t plen, uint32_t k)
{
	mip6_addr_t bb = A("2001:db8:ff::");
	bb.b[6] = static_cast<uint8_t>(k >> 8);
	bb.b[7] = static_cast<uint8_t>(k);
	// The interface towards that site router is the one holding bb::1.
	for (const auto &kv : t.inet->ifaces())
		for (const Addr &a : kv.second.addrs)
			if (kv.first && mip6_addr_prefix_match(&a.addr, &bb, 64)) {
				t.inet->add_route(prefix, plen, kv.first, addr_plus(bb, 2));
				return;
			}
}

void build_topology(Topo &t)
{
	World &w = t.w;
	HostOpts ro;
	ro.router = true;
	t.inet = &w.add_host("inet", ro);

	t.home = &w.add_link("home", t.opts.access);
	t.rhome = &site_router(t, "rhome", *t.home, t.home_prefix, 1);
	t.rhome->add_route(A("2001:db8:1:100::"), 56, 1, t.ha_addr);
	inet_route(t, A("2001:db8:1::"), 48, 1);

	t.cnet = &w.add_link("cnet", t.opts.access);
	t.rcn = &site_router(t, "rcn", *t.cnet, A("2001:db8:c::"), 2);
	inet_route(t, A("2001:db8:c::"), 64, 2);

	for (unsigned i = 0; i < t.opts.foreign && i < 3; i++) {
		std::string n = "f" + std::to_string(i + 1);
		mip6_addr_t p = A("2001:db8:f1::");
		p.b[5] = static_cast<uint8_t>(0xf1 + i);
		t.foreign_prefix.push_back(p);
		t.foreign.push_back(&w.add_link(n, t.opts.access));
		t.ar.push_back(&site_router(t, "ar" + std::to_string(i + 1), *t.foreign.back(), p, 0x11 + i));
		inet_route(t, p, 64, 0x11 + i);
	}

	// The home agent's host: a router on the home link.
	HostOpts ho;
	ho.router = true;
	t.ha = &w.add_host("ha", ho);
	t.ha->add_iface(1);
	t.ha->add_addr(1, t.ha_addr, 64);
	t.ha->add_route(A("::"), 0, 1, t.rhome_addr);
	w.attach(*t.ha, 1, *t.home);
	if (t.opts.ha_adverts) {
		RaConfig ra = ra_for(t, t.home_prefix, t.home_plen);
		ra.prefixes[0].flags |= MIP6_PI_F_R;
		ra.router_lifetime = 0; // rhome is the default router
		ra.home_agent = true;
		ra.ha_mobile_router = true;
		t.ha->set_ra(1, ra);
	}

	t.cn = &t.add_cn("cn", 2);
}

Host &Topo::add_cn(const std::string &name, uint32_t n)
{
	HostOpts o;
	Host &h = w.add_host(name, o);
	h.add_iface(1);
	h.add_addr(1, addr_plus(A("2001:db8:c::"), n), 64);
	h.add_route(A("::"), 0, 1, A("2001:db8:c::1"));
	w.attach(h, 1, *cnet);
	return h;
}

Host &Topo::add_mobile(const std::string &name, unsigned nifs, bool router)
{
	HostOpts o;
	o.router = router;
	Host &h = w.add_host(name, o);
	for (unsigned i = 1; i <= nifs; i++)
		h.add_iface(i, static_cast<uint8_t>(nifs - i + 1));
	return h;
}

Link &Topo::add_mobile_network(Host &mr, uint32_t ifindex, const mip6_addr_t &prefix, uint8_t plen)
{
	Link &l = w.add_link("mnet-" + mr.name(), opts.access);
	if (!mr.iface(ifindex))
		mr.add_iface(ifindex);
	mr.add_addr(ifindex, addr_plus(prefix, 1), plen);
	w.attach(mr, ifindex, l);
	mr.set_ra(ifindex, ra_for(*this, prefix, plen));
	return l;
}

Host &Topo::add_node_on(Link &l, const std::string &name, const mip6_addr_t &addr, uint8_t plen)
{
	Host &h = w.add_host(name);
	h.add_iface(1);
	h.add_addr(1, addr, plen);
	w.attach(h, 1, l);
	return h; // default router: learned from the link's RAs
}

} // namespace mip6h
