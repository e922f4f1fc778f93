/* SPDX-License-Identifier: BSD-3-Clause */
/* The name table of the trace event codes (mip6/event.h). */
#include "mip6/event.h"

#include <stddef.h>

static const char *const event_names[] = {
	[MIP6_EV_NONE] = "none",
};

const char *mip6_event_name(uint16_t code)
{
	if (code >= sizeof(event_names) / sizeof(event_names[0]))
		return NULL;
	return event_names[code];
}
