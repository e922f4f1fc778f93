// SPDX-License-Identifier: BSD-3-Clause
// Role helpers: these create mip6 nodes, so they need the protocol core.
#include <cstring>

#include "core.h"
#include "topo.h"

namespace mip6h
{

int make_ha(Topo &t, const std::vector<mip6_ha_client_t> &clients,
            const std::function<void(mip6_ha_cfg_t &)> &tweak)
{
	Host &h = *t.ha;
	if (!attach_node(h))
		return MIP6_E_NOMEM;
	mip6_ha_cfg_t cfg{};
	cfg.home_ifindex = 1;
	cfg.addr = t.ha_addr;
	cfg.home_prefix.prefix = t.home_prefix;
	cfg.home_prefix.plen = t.home_plen;
	cfg.max_lifetime_s = 3600;
	cfg.preference = 0;
	cfg.serve_only_clients = !clients.empty();
	cfg.nclients = static_cast<unsigned>(clients.size());
	cfg.clients = clients.empty() ? nullptr : clients.data();
	if (tweak)
		tweak(cfg);
	int rc = 0;
	h.with_core([&]() { rc = mip6_node_enable_ha(h.node(), &cfg); });
	h.start();
	return rc;
}

mip6_addr_t ha_anycast_of(const mip6_addr_t &prefix, uint8_t plen)
{
	// RFC 2526 2: the subnet's highest addresses, anycast ID 0x7e in the
	// low 7 bits; a 64-bit interface identifier has its u bit zero.
	mip6_addr_t a = prefix;
	for (unsigned bit = plen; bit < 128; bit++)
		a.b[bit / 8] |= static_cast<uint8_t>(0x80u >> (bit % 8));
	if (plen == 64)
		a.b[8] &= static_cast<uint8_t>(~0x02u);
	a.b[15] = 0xfe;
	return a;
}

int make_cn(Host &cn)
{
	if (!attach_node(cn))
		return MIP6_E_NOMEM;
	int rc = 0;
	cn.with_core([&]() { rc = mip6_node_enable_cn(cn.node()); });
	cn.start();
	return rc;
}

MobileSpec mobile_spec(const Topo &t, const std::string &name, unsigned k, bool mr)
{
	MobileSpec s;
	s.name = name;
	s.cfg.hoa = t.hoa(k);
	s.cfg.home_plen = t.home_plen;
	s.cfg.ha = t.ha_addr;
	s.cfg.lifetime_s = 600;
	s.cfg.mr = mr;
	s.md.home.prefix = t.home_prefix;
	s.md.home.plen = t.home_plen;
	if (mr) {
		s.cfg.nmnp = 1;
		s.cfg.mnp[0].prefix = t.mnp(k);
		s.cfg.mnp[0].plen = 64;
	}
	return s;
}

mip6_ha_client_t client_for(const MobileSpec &s)
{
	mip6_ha_client_t c{};
	c.hoa = s.cfg.hoa;
	c.auth = s.cfg.auth;
	c.mr_allowed = s.cfg.mr;
	c.mcoa_allowed = s.cfg.mcoa;
	c.nmnp = s.cfg.nmnp;
	std::memcpy(c.mnp, s.cfg.mnp, sizeof(c.mnp));
	return c;
}

Host &add_mn(Topo &t, const MobileSpec &s, int *rc_out)
{
	Host &h = t.add_mobile(s.name, s.nifs, s.cfg.mr);
	for (unsigned i = 1; i <= s.nifs; i++) {
		Host::Iface *f = h.iface(i);
		if (i - 1 < s.preference.size())
			f->cfg.preference = s.preference[i - 1];
		if (i - 1 < s.bid.size())
			f->cfg.bid = s.bid[i - 1];
	}
	int rc = 0;
	if (!attach_node(h)) {
		rc = MIP6_E_NOMEM;
	} else {
		h.with_core([&]() {
			if (s.md_enabled)
				rc = mip6_node_enable_md(h.node(), &s.md);
			int r2 = mip6_node_enable_mn(h.node(), &s.cfg);
			if (!rc)
				rc = r2;
			for (const mip6_flow_rule_t &r : s.rules) {
				int r3 = mip6_node_add_flow_rule(h.node(), &r);
				if (!rc)
					rc = r3;
			}
		});
		h.start();
	}
	if (rc_out)
		*rc_out = rc;
	return h;
}

} // namespace mip6h
