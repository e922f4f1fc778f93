/* SPDX-License-Identifier: BSD-3-Clause */
// The standard topology of the scenarios, and helpers that put the roles
// on it.
//
//   cnet 2001:db8:c::/64        home 2001:db8:1::/64           f1..f3 2001:db8:fN::/64
//   cn ::2 --- rcn ::1          ha ::2, rhome ::1              arN ::1 (one per foreign link)
//                 \                  |                        /
//          bb-cn   \          bb-home|               bb-fN  /
//                   +------------- inet ------------------+
//
// The backbone links bb-* are 2001:db8:ff:K::/64 (inet ::1, site router
// ::2). inet routes 2001:db8:1::/48 (home and mobile network prefixes) to
// rhome, which routes the mobile network prefixes 2001:db8:1:100::/56 to
// the HA. Access routers advertise their prefix; the HA advertises the home
// prefix with the H flag and a Home Agent Information option.
#pragma once

#include <functional>
#include <string>
#include <vector>

extern "C" {
#include "mip6/node.h"
}

#include "world.h"

namespace mip6h
{

struct TopoOpts {
	unsigned foreign = 3; // foreign links (0..3)
	LinkParams access;    // home, foreign, cnet, mobile networks
	LinkParams backbone = link_delay(MIP6_MS(5));
	mip6_ns_t ra_min = MIP6_MS(1000), ra_max = MIP6_MS(3000);
	bool ha_adverts = true; // the HA sends RAs (H flag) on the home link
};

struct Topo {
	World &w;
	TopoOpts opts;
	Link *home = nullptr, *cnet = nullptr;
	std::vector<Link *> foreign; // f1, f2, f3
	Host *inet = nullptr, *rhome = nullptr, *ha = nullptr, *rcn = nullptr, *cn = nullptr;
	std::vector<Host *> ar; // ar1..ar3 (ar[i] serves foreign[i])

	mip6_addr_t home_prefix = A("2001:db8:1::");
	uint8_t home_plen = 64;
	mip6_addr_t ha_addr = A("2001:db8:1::2");
	mip6_addr_t rhome_addr = A("2001:db8:1::1");
	mip6_addr_t cn_addr = A("2001:db8:c::2");
	std::vector<mip6_addr_t> foreign_prefix; // 2001:db8:f1::, ...

	explicit Topo(World &world) : w(world) {}

	// The k-th home address 2001:db8:1::1000+k and mobile network prefix
	// 2001:db8:1:100+k::/64 (k from 0).
	mip6_addr_t hoa(unsigned k) const { return addr_plus(A("2001:db8:1::1000"), k); }
	mip6_addr_t mnp(unsigned k) const;

	// A mobile node (router: forwarding on) with interfaces 1..nifs, not
	// attached anywhere and without a core yet.
	Host &add_mobile(const std::string &name, unsigned nifs = 1, bool router = false);
	// Another correspondent on cnet at 2001:db8:c::<n>.
	Host &add_cn(const std::string &name, uint32_t n);
	// A mobile network behind mr: link "mnet-<mr>" on mr's interface
	// ifindex, mr at prefix::1 advertising the prefix.
	Link &add_mobile_network(Host &mr, uint32_t ifindex, const mip6_addr_t &prefix, uint8_t plen = 64);
	// A plain host on a mobile network (or any link) at addr/plen.
	Host &add_node_on(Link &l, const std::string &name, const mip6_addr_t &addr, uint8_t plen = 64);
	Link *foreign_link(unsigned i) { return i < foreign.size() ? foreign[i] : nullptr; }
};

// Builds the links, routers, HA host (no core yet) and CN host.
void build_topology(Topo &t);

// ----------------------------------------------------------------- roles
// These create mip6 nodes (node_core.cc / topo_roles.cc, which need the
// protocol core linked in).

// The home agent: a core on t.ha with the HA role (and the MD-free
// defaults below), serving 'clients' (copied). tweak may edit the config
// before it is applied. Returns the rc of mip6_node_enable_ha, or
// MIP6_E_NOMEM when the node could not be created.
int make_ha(Topo &t, const std::vector<mip6_ha_client_t> &clients,
            const std::function<void(mip6_ha_cfg_t &)> &tweak = {});
// The Home-Agents anycast address of a home subnet (RFC 2526), which
// make_ha puts on the HA's home interface.
mip6_addr_t ha_anycast_of(const mip6_addr_t &prefix, uint8_t plen);
// A correspondent with the RO responder role.
int make_cn(Host &cn);

struct MobileSpec {
	std::string name;
	unsigned nifs = 1;
	std::vector<uint8_t> preference; // per interface (default: nifs, nifs-1, ...)
	std::vector<uint16_t> bid;       // per interface (default: none)
	mip6_mn_cfg_t cfg{};             // filled by mobile_spec(); edit before add_mn
	mip6_md_cfg_t md{};
	bool md_enabled = true;
	std::vector<mip6_flow_rule_t> rules;
};
// A spec with home address t.hoa(k), HA t.ha_addr, lifetime 600 s, the
// home prefix for movement detection; for an MR also the mobile network
// prefix t.mnp(k) (implicit mode).
MobileSpec mobile_spec(const Topo &t, const std::string &name, unsigned k, bool mr = false);
// The HA's entry for this mobile node (same keys, prefixes, permissions).
mip6_ha_client_t client_for(const MobileSpec &s);
// Creates the host (not attached anywhere), its core, the MD and MN roles
// and flow rules; starts it. *rc gets the first failing rc (or 0).
Host &add_mn(Topo &t, const MobileSpec &s, int *rc = nullptr);

} // namespace mip6h
