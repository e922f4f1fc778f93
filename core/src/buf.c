/* SPDX-License-Identifier: BSD-3-Clause */
/* Packet buffer with headroom. */
#include "mip6/buf.h"

void mip6_buf_init(mip6_buf_t *b, uint8_t *mem, size_t cap, size_t headroom)
{
	b->mem = mem;
	b->cap = cap;
	b->head = headroom <= cap ? headroom : cap;
	b->len = 0;
}

uint8_t *mip6_buf_push(mip6_buf_t *b, size_t n)
{
	if (n > b->head)
		return NULL;
	b->head -= n;
	b->len += n;
	return b->mem + b->head;
}

uint8_t *mip6_buf_pull(mip6_buf_t *b, size_t n)
{
	if (n > b->len)
		return NULL;
	b->head += n;
	b->len -= n;
	return b->mem + b->head;
}

uint8_t *mip6_buf_put(mip6_buf_t *b, size_t n)
{
	if (n > mip6_buf_tailroom(b))
		return NULL;
	uint8_t *at = b->mem + b->head + b->len;
	b->len += n;
	return at;
}

void mip6_buf_trim(mip6_buf_t *b, size_t n)
{
	if (n < b->len)
		b->len = n;
}
