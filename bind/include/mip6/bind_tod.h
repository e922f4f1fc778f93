/* SPDX-License-Identifier: BSD-3-Clause */
/* The time of day (env.time_of_day, RFC 4285 timestamps) for a binding
 * whose clock is virtual: the monotonic 'now' plus a fixed epoch, so that
 * timestamps look like real ones and every run is the same. */
#ifndef MIP6_BIND_TOD_H
#define MIP6_BIND_TOD_H

#include <stdint.h>

#include "mip6/timer.h"

#ifdef __cplusplus
extern "C" {
#endif

/* 2026-01-01 00:00:00 UTC in NTP seconds (since 1900-01-01): the harness's
 * epoch, and the default of the binding context. */
#define MIP6_BIND_NTP_EPOCH_2026 3976214400ull

/* NTP 64-bit format (RFC 5905 6): seconds since 1900 in the high 32 bits,
 * the binary fraction below; epoch_s is the NTP second 'now' 0 stands for. */
static inline uint64_t mip6_bind_ntp_time(mip6_ns_t now, uint64_t epoch_s)
{
	const uint64_t sec = epoch_s + now / 1000000000ull;
	const uint64_t frac = ((now % 1000000000ull) << 32) / 1000000000ull;
	return sec << 32 | frac;
}

#ifdef __cplusplus
}
#endif
#endif
