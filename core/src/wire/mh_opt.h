/* SPDX-License-Identifier: BSD-3-Clause */
/* Mobility options inside the Mobility Header codec: shared by mh.c and
 * mh_opt.c, not a public API. */
#ifndef MIP6_WIRE_MH_OPT_H
#define MIP6_WIRE_MH_OPT_H

#include <stddef.h>
#include <stdint.h>

#include "mip6/mh.h"

/* Decodes the options in mh[off, end) into m->opts (offsets are from the
 * start of the MH, which alignment is relative to). Returns 0 or the error
 * of the first broken rule in strict mode. */
int mip6_mhopt_parse_all(const uint8_t *mh, size_t off, size_t end, unsigned flags, mip6_mh_t *m,
                         mip6_diag_t *d);

/* Writes m's options at out[*off...], padding each to its alignment unless
 * m->explicit_padding, and advances *off. */
int mip6_mhopt_emit_all(const mip6_mh_t *m, uint8_t *out, size_t cap, size_t *off);

/* Writes n >= 1 octets of padding: Pad1 when n == 1, else PadN. */
void mip6_mhopt_write_pad(uint8_t *out, size_t n);

#endif
