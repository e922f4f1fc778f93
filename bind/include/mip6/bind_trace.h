/* SPDX-License-Identifier: BSD-3-Clause */
/* The trace printer: the core formats no text (mip6/env.h, env.trace), so
 * every binding prints its mip6_trace_t events the same way through this
 * piece, as a text line for people and as a JSON line for programs. */
#ifndef MIP6_BIND_TRACE_H
#define MIP6_BIND_TRACE_H

#include <stddef.h>

#include "mip6/bind_wrap.h"
#include "mip6/env.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MIP6_BIND_TRACE_LINE_MAX 512

/* "<kind> <component>[ [<event>]] <what>[ <from> -> <to>][ <a>][ <b>][ value <n>]":
 * the event code's name (or [0xNNNN] for a code without one) when the code
 * is not 0, the state change for MIP6_TR_STATE, addresses when specified,
 * the value when not 0. Returns the length (no newline), MIP6_E_NOSPC when cut. */
int mip6_bind_trace_text(const mip6_trace_t *ev, char *out, size_t cap);
/* One JSON object, always the same keys in the same order: t_ns, kind,
 * code, event (mip6_event_name, null for an unknown code), component, what,
 * from, to (null when absent), a, b (addresses, "::" when unspecified),
 * value. Returns the length (no newline), MIP6_E_NOSPC when cut. */
int mip6_bind_trace_json(const mip6_trace_t *ev, char *out, size_t cap);

#define MIP6_BIND_TRACE_TEXT 1u
#define MIP6_BIND_TRACE_JSON 2u
/* Receives each line (NUL-terminated, no newline) in one format. */
typedef void (*mip6_bind_line_fn)(void *ctx, unsigned format, const char *line, size_t len);

/* The wrapper: env.trace formats the event in each of 'formats' into the
 * sink, then forwards it to the inner env's trace when there is one. */
typedef struct mip6_bind_tracer {
	mip6_bind_wrap_t w;
	unsigned formats;
	mip6_bind_line_fn sink;
	void *sink_ctx;
	unsigned long cut; /* lines cut at MIP6_BIND_TRACE_LINE_MAX */
} mip6_bind_tracer_t;

void mip6_bind_tracer_init(mip6_bind_tracer_t *t, const mip6_env_t *inner, unsigned formats,
                           mip6_bind_line_fn sink, void *sink_ctx);
static inline const mip6_env_t *mip6_bind_tracer_env(const mip6_bind_tracer_t *t)
{
	return &t->w.env;
}

#ifdef __cplusplus
}
#endif
#endif
