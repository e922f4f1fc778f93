/* SPDX-License-Identifier: BSD-3-Clause */
/* Neighbor Discovery options inside the ICMPv6 codec (not public API). */
#ifndef MIP6_WIRE_ND_OPT_H
#define MIP6_WIRE_ND_OPT_H

#include <stddef.h>
#include <stdint.h>

#include "mip6/icmp6.h"

/* Walks the options in p[off..len) into m->opts. Sets m->body to the
 * undecoded tail when a lenient walk has to stop or the record is full. */
int mip6_nd_opts_parse(const uint8_t *p, size_t len, size_t off, unsigned flags, mip6_icmp6_t *m,
                       mip6_diag_t *d);

/* Bytes the option takes on the wire, or a negative error. */
int mip6_nd_opt_size(const mip6_nd_opt_t *o);

/* Writes the option into out[0..n), n being mip6_nd_opt_size(o). */
void mip6_nd_opt_write(const mip6_nd_opt_t *o, uint8_t *out, size_t n);

#endif
