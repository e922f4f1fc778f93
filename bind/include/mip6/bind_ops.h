/* SPDX-License-Identifier: BSD-3-Clause */
/* The ledger of platform operations a core submitted (env.op_submit) and
 * the platform has not answered yet, and the name tables a binding prints
 * operations and trace events with. A result for an id the ledger never saw,
 * or a second result for the same id, is a platform bug: the ledger says so
 * instead of passing it on silently. */
#ifndef MIP6_BIND_OPS_H
#define MIP6_BIND_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "mip6/alloc.h"
#include "mip6/env.h"
#include "mip6/timer.h"

#ifdef __cplusplus
extern "C" {
#endif

/* "addr-add", "route-del", "dad", ...; "op?" for an unknown kind. */
const char *mip6_op_kind_name(uint16_t kind);
/* "state", "rx", "tx", "drop", "binding", "info"; "?" for an unknown kind. */
const char *mip6_trace_kind_name(uint16_t kind);

typedef struct mip6_bind_op_rec {
	mip6_op_t op;
	mip6_ns_t submitted;
} mip6_bind_op_rec_t;

/* How many answered ids are remembered to tell a double answer from an
 * answer for an id never submitted. */
#define MIP6_BIND_OPS_RECENT 64

typedef enum mip6_bind_op_check {
	MIP6_BIND_OP_OK = 0,      /* the answer of a pending operation */
	MIP6_BIND_OP_UNKNOWN = 1, /* no operation with that id was submitted */
	MIP6_BIND_OP_DOUBLE = 2   /* that operation was answered already */
} mip6_bind_op_check_t;

typedef struct mip6_bind_ops {
	mip6_alloc_t alloc;
	mip6_bind_op_rec_t *pending; /* in submission order */
	size_t npending, cap;
	uint32_t recent[MIP6_BIND_OPS_RECENT]; /* ring of answered ids */
	unsigned nrecent, recent_head;
	uint64_t submitted, answered, unknown, doubled, lost; /* lost: no memory to record */
} mip6_bind_ops_t;

void mip6_bind_ops_init(mip6_bind_ops_t *l, mip6_alloc_t alloc);
void mip6_bind_ops_fini(mip6_bind_ops_t *l);
/* Forgets every pending operation (the core that submitted them is gone). */
void mip6_bind_ops_clear(mip6_bind_ops_t *l);
/* Records a submitted operation; MIP6_E_NOMEM when it could not (counted). */
int mip6_bind_ops_submit(mip6_bind_ops_t *l, const mip6_op_t *op, mip6_ns_t now);
/* Marks the operation answered. On MIP6_BIND_OP_OK and when rec is given,
 * *rec receives the operation as submitted. */
mip6_bind_op_check_t mip6_bind_ops_answer(mip6_bind_ops_t *l, uint32_t id, mip6_bind_op_rec_t *rec);
const mip6_bind_op_rec_t *mip6_bind_ops_find(const mip6_bind_ops_t *l, uint32_t id);
static inline size_t mip6_bind_ops_pending(const mip6_bind_ops_t *l)
{
	return l->npending;
}

#ifdef __cplusplus
}
#endif
#endif
