// SPDX-License-Identifier: BSD-3-Clause
// What the scenarios read of a node's data plane, through the core's public
// read API (mip6/view.h): binding and prefix counts, one binding by home
// address and BID, the tables' memory.
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" {
#include "mip6/node.h"
#include "mip6/view.h"
}

namespace mip6h
{

inline mip6_view_node_t node_view(const mip6_node_t *n)
{
	mip6_view_node_t v{};
	mip6_view_node(n, &v);
	return v;
}

// Bindings in the node's data plane (an HA's or a CN's binding cache).
inline size_t dp_bc_count(const mip6_node_t *n)
{
	return static_cast<size_t>(node_view(n).dp_bindings);
}

// Mobile network prefixes the data plane routes (an HA's).
inline size_t dp_mnp_count(const mip6_node_t *n)
{
	return static_cast<size_t>(node_view(n).dp_mnps);
}

inline size_t dp_memory(const mip6_node_t *n)
{
	return static_cast<size_t>(node_view(n).dp_memory);
}

// The data plane's binding of hoa[bid]: 0 (coa, flags filled when not
// null) or MIP6_E_INVAL when there is none.
inline int dp_bc_get(const mip6_node_t *n, const mip6_addr_t *hoa, uint16_t bid, mip6_addr_t *coa,
                     uint32_t *flags)
{
	mip6_view_dp_bc_t b{};
	int rc = mip6_view_dp_bc(n, hoa, bid, &b);
	if (rc == 0 && coa)
		*coa = b.coa;
	if (rc == 0 && flags)
		*flags = b.flags;
	return rc;
}

} // namespace mip6h
