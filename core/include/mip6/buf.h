/* SPDX-License-Identifier: BSD-3-Clause */
/* A packet buffer with headroom, so encapsulation, the Home Address option
 * and the type 2 routing header are prepended without copying the payload. */
#ifndef MIP6_BUF_H
#define MIP6_BUF_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mip6_buf {
	uint8_t *mem;   /* storage, owned by the caller */
	size_t cap;     /* bytes of storage */
	size_t head;    /* offset of the first valid byte */
	size_t len;     /* number of valid bytes */
} mip6_buf_t;

/* Empty buffer over mem[0..cap) whose data starts after 'headroom' bytes. */
void mip6_buf_init(mip6_buf_t *b, uint8_t *mem, size_t cap, size_t headroom);

static inline uint8_t *mip6_buf_data(const mip6_buf_t *b) { return b->mem + b->head; }
static inline size_t mip6_buf_headroom(const mip6_buf_t *b) { return b->head; }
static inline size_t mip6_buf_tailroom(const mip6_buf_t *b) { return b->cap - b->head - b->len; }

/* Grows the data by n bytes at the front; NULL when the headroom is short. */
uint8_t *mip6_buf_push(mip6_buf_t *b, size_t n);
/* Drops n bytes from the front; NULL when fewer than n bytes are held. */
uint8_t *mip6_buf_pull(mip6_buf_t *b, size_t n);
/* Grows the data by n bytes at the back; returns where they start, or NULL. */
uint8_t *mip6_buf_put(mip6_buf_t *b, size_t n);
/* Shortens the data to n bytes (n <= len). */
void mip6_buf_trim(mip6_buf_t *b, size_t n);

#ifdef __cplusplus
}
#endif
#endif
