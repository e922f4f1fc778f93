/* SPDX-License-Identifier: BSD-3-Clause */
/* The allocator the core uses: supplied by the binding, never malloc itself.
 * One realloc-style function, so tests can make any allocation fail. */
#ifndef MIP6_ALLOC_H
#define MIP6_ALLOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mip6_alloc {
	/* size 0 frees ptr and returns NULL; ptr NULL allocates; otherwise
	 * resizes. Returns NULL on failure (ptr is then left untouched). */
	void *(*fn)(void *ctx, void *ptr, size_t size);
	void *ctx;
} mip6_alloc_t;

static inline void *mip6_malloc(const mip6_alloc_t *a, size_t size)
{
	return size ? a->fn(a->ctx, NULL, size) : NULL;
}

static inline void *mip6_realloc(const mip6_alloc_t *a, void *ptr, size_t size)
{
	return a->fn(a->ctx, ptr, size);
}

static inline void mip6_free(const mip6_alloc_t *a, void *ptr)
{
	if (ptr)
		a->fn(a->ctx, ptr, 0);
}

#ifdef __cplusplus
}
#endif
#endif
