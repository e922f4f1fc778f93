/* SPDX-License-Identifier: BSD-3-Clause */
/* The contract between core/src/view.c (mip6/view.h) and the per-role
 * readers in core/src/roles/ *_view.c, each next to the state it reads.
 * Each list function fills up to cap entries of out and returns how many
 * it has in all; c is the role's component (never NULL). */
#ifndef MIP6_VIEW_INTERNAL_H
#define MIP6_VIEW_INTERNAL_H

#include <string.h>

#include "mip6/view.h"
#include "node_internal.h"

/* Whole seconds from now until t (0 when past, or when t is NEVER). */
static inline uint32_t mip6_view_left_s(mip6_ns_t now, mip6_ns_t t)
{
	if (t == MIP6_NS_NEVER || t <= now)
		return 0;
	mip6_ns_t s = (t - now) / MIP6_SEC(1);
	return s > UINT32_MAX ? UINT32_MAX : (uint32_t)s;
}

static inline void mip6_view_name(char out[MIP6_VIEW_NAME_LEN], const char *name)
{
	size_t len = strlen(name);
	if (len >= MIP6_VIEW_NAME_LEN)
		len = MIP6_VIEW_NAME_LEN - 1;
	memcpy(out, name, len);
	memset(out + len, 0, MIP6_VIEW_NAME_LEN - len);
}

/* ha_view.c. hoa NULL: every home address. */
size_t mip6_ha_view_bc(const mip6_component_t *c, const mip6_addr_t *hoa, mip6_view_bc_t *out, size_t cap);
void mip6_ha_view_node(const mip6_component_t *c, mip6_view_node_t *out);

/* cn_view.c */
size_t mip6_cn_view_bc(const mip6_component_t *c, const mip6_addr_t *hoa, mip6_view_bc_t *out, size_t cap);
void mip6_cn_view_node(const mip6_component_t *c, mip6_view_node_t *out);

/* mn_view.c */
size_t mip6_mn_view_bul(const mip6_component_t *c, mip6_view_bul_t *out, size_t cap);
size_t mip6_mn_view_rr(const mip6_component_t *c, mip6_view_rr_t *out, size_t cap);
size_t mip6_mn_view_home_prefixes(const mip6_component_t *c, mip6_view_home_prefix_t *out, size_t cap);
void mip6_mn_view_node(const mip6_component_t *c, mip6_view_node_t *out);

/* md_view.c: slot is the interface's index in the node's ifaces[]. */
size_t mip6_md_view_coas(const mip6_component_t *c, mip6_view_coa_t *out, size_t cap);
void mip6_md_view_iface(const mip6_component_t *c, unsigned slot, mip6_view_iface_t *out);
void mip6_md_view_node(const mip6_component_t *c, mip6_view_node_t *out);

#endif
