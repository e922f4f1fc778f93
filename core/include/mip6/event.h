/* SPDX-License-Identifier: BSD-3-Clause */
/* Stable codes of the trace events (mip6_trace_t.code): tests and tools
 * match codes; the sentence in mip6_trace_t.what is for people and may be
 * reworded. A code, once released, keeps its number and meaning. */
#ifndef MIP6_EVENT_H
#define MIP6_EVENT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum mip6_event {
	MIP6_EV_NONE = 0, /* no code given */
};

/* The event's name ("ha.bu.accepted" style), or NULL for an unknown code. */
const char *mip6_event_name(uint16_t code);

#ifdef __cplusplus
}
#endif
#endif
