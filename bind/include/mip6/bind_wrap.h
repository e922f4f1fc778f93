/* SPDX-License-Identifier: BSD-3-Clause */
/* Stackable env wrappers: each takes an inner mip6_env_t and presents one of
 * its own that forwards every callback to the inner one, except those it
 * is about (a tap records sends, a fault injector drops some). Optional
 * callbacks stay absent when the inner env lacks them. */
#ifndef MIP6_BIND_WRAP_H
#define MIP6_BIND_WRAP_H

#include "mip6/env.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The head of every wrapper: env.ctx points at it. */
typedef struct mip6_bind_wrap {
	mip6_env_t env;   /* what the wrapper presents */
	mip6_env_t inner; /* what it forwards to (copied) */
} mip6_bind_wrap_t;

/* Fills w->env with forwarders to inner (ctx w); a wrapper then replaces
 * the callbacks it intercepts. */
void mip6_bind_wrap_init(mip6_bind_wrap_t *w, const mip6_env_t *inner);

#ifdef __cplusplus
}
#endif
#endif
