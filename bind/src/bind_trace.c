/* SPDX-License-Identifier: BSD-3-Clause */
#include "mip6/bind_trace.h"

#include "mip6/bind_ops.h"
#include "mip6/event.h"
#include "strbuf.h"

static const char *str_or_empty(const char *s)
{
	return s ? s : "";
}

int mip6_bind_trace_text(const mip6_trace_t *ev, char *out, size_t cap)
{
	mip6_strbuf_t b;
	mip6_sb_init(&b, out, cap);
	mip6_sb_str(&b, mip6_trace_kind_name(ev->kind));
	mip6_sb_char(&b, ' ');
	mip6_sb_str(&b, str_or_empty(ev->component));
	/* The stable code's name, for grep and for tools that read logs. */
	const char *name = mip6_event_name(ev->code);
	if (ev->code && name) {
		mip6_sb_str(&b, " [");
		mip6_sb_str(&b, name);
		mip6_sb_char(&b, ']');
	} else if (ev->code) {
		mip6_sb_str(&b, " [0x");
		static const char hexd[] = "0123456789abcdef";
		for (int sh = 12; sh >= 0; sh -= 4)
			mip6_sb_char(&b, hexd[(ev->code >> sh) & 0xfu]);
		mip6_sb_char(&b, ']');
	}
	mip6_sb_char(&b, ' ');
	mip6_sb_str(&b, str_or_empty(ev->what));
	if (ev->kind == MIP6_TR_STATE) {
		mip6_sb_char(&b, ' ');
		mip6_sb_str(&b, str_or_empty(ev->from));
		mip6_sb_str(&b, " -> ");
		mip6_sb_str(&b, str_or_empty(ev->to));
	}
	if (!mip6_addr_is_unspec(&ev->a)) {
		mip6_sb_char(&b, ' ');
		mip6_sb_addr(&b, &ev->a);
	}
	if (!mip6_addr_is_unspec(&ev->b)) {
		mip6_sb_char(&b, ' ');
		mip6_sb_addr(&b, &ev->b);
	}
	if (ev->value) {
		mip6_sb_str(&b, " value ");
		mip6_sb_u64(&b, ev->value);
	}
	return mip6_sb_result(&b);
}

static void key(mip6_strbuf_t *b, const char *k, int first)
{
	if (!first)
		mip6_sb_char(b, ',');
	mip6_sb_json_str(b, k);
	mip6_sb_char(b, ':');
}

int mip6_bind_trace_json(const mip6_trace_t *ev, char *out, size_t cap)
{
	char a[MIP6_ADDR_STRLEN];
	mip6_strbuf_t b;
	mip6_sb_init(&b, out, cap);
	mip6_sb_char(&b, '{');
	key(&b, "t_ns", 1);
	mip6_sb_u64(&b, ev->now);
	key(&b, "kind", 0);
	mip6_sb_json_str(&b, mip6_trace_kind_name(ev->kind));
	key(&b, "code", 0);
	mip6_sb_u64(&b, ev->code);
	key(&b, "event", 0);
	mip6_sb_json_str(&b, mip6_event_name(ev->code));
	key(&b, "component", 0);
	mip6_sb_json_str(&b, ev->component);
	key(&b, "what", 0);
	mip6_sb_json_str(&b, ev->what);
	key(&b, "from", 0);
	mip6_sb_json_str(&b, ev->from);
	key(&b, "to", 0);
	mip6_sb_json_str(&b, ev->to);
	key(&b, "a", 0);
	mip6_sb_json_str(&b, mip6_addr_ntop(&ev->a, a));
	key(&b, "b", 0);
	mip6_sb_json_str(&b, mip6_addr_ntop(&ev->b, a));
	key(&b, "value", 0);
	mip6_sb_u64(&b, ev->value);
	mip6_sb_char(&b, '}');
	return mip6_sb_result(&b);
}

static void tracer_trace(void *ctx, const mip6_trace_t *ev)
{
	mip6_bind_tracer_t *t = ctx;
	char line[MIP6_BIND_TRACE_LINE_MAX];
	if (t->sink) {
		if (t->formats & MIP6_BIND_TRACE_TEXT) {
			int n = mip6_bind_trace_text(ev, line, sizeof(line));
			t->cut += n < 0;
			t->sink(t->sink_ctx, MIP6_BIND_TRACE_TEXT, line,
			        n < 0 ? sizeof(line) - 1 : (size_t)n);
		}
		if (t->formats & MIP6_BIND_TRACE_JSON) {
			int n = mip6_bind_trace_json(ev, line, sizeof(line));
			if (n < 0)
				t->cut++; /* a cut JSON line is no JSON: not passed on */
			else
				t->sink(t->sink_ctx, MIP6_BIND_TRACE_JSON, line, (size_t)n);
		}
	}
	if (t->w.inner.trace)
		t->w.inner.trace(t->w.inner.ctx, ev);
}

void mip6_bind_tracer_init(mip6_bind_tracer_t *t, const mip6_env_t *inner, unsigned formats,
                           mip6_bind_line_fn sink, void *sink_ctx)
{
	mip6_bind_wrap_init(&t->w, inner);
	t->w.env.trace = tracer_trace;
	t->formats = formats;
	t->sink = sink;
	t->sink_ctx = sink_ctx;
	t->cut = 0;
}
