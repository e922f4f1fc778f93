/* SPDX-License-Identifier: BSD-3-Clause */
/* The correspondent node's binding cache: a chained hash table keyed by
 * home address, with a per-node random key so that chosen home addresses
 * cannot pile up in one chain. */
#include "cn_internal.h"
#include "mip6/err.h"

#define CN_BC_MIN_BUCKETS 16u

static uint32_t hash(uint32_t seed, const mip6_addr_t *a)
{
	/* FNV-1a, started from the node's key, with a final mix. */
	uint32_t h = 2166136261u ^ seed;
	for (unsigned i = 0; i < 16; i++) {
		h ^= a->b[i];
		h *= 16777619u;
	}
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	return h;
}

cn_bce_t *mip6_cn_bc_find(const cn_bc_t *bc, const mip6_addr_t *hoa)
{
	if (bc->nbuckets == 0)
		return NULL;
	for (cn_bce_t *e = bc->bucket[hash(bc->seed, hoa) & (bc->nbuckets - 1)]; e; e = e->next)
		if (mip6_addr_eq(&e->hoa, hoa))
			return e;
	return NULL;
}

static void rehash(cn_t *cn, uint32_t nb)
{
	cn_bc_t *bc = &cn->bc;
	cn_bce_t **nbk = mip6_node_mem_alloc(cn->n, (size_t)nb * sizeof(*nbk));
	if (!nbk)
		return; /* keep the old table: longer chains, still correct */
	memset(nbk, 0, (size_t)nb * sizeof(*nbk));
	for (uint32_t i = 0; i < bc->nbuckets; i++) {
		cn_bce_t *e = bc->bucket[i];
		while (e) {
			cn_bce_t *next = e->next;
			uint32_t h = hash(bc->seed, &e->hoa) & (nb - 1);
			e->next = nbk[h];
			nbk[h] = e;
			e = next;
		}
	}
	mip6_node_mem_free(cn->n, bc->bucket);
	bc->bucket = nbk;
	bc->nbuckets = nb;
}

int mip6_cn_bc_insert(cn_t *cn, cn_bce_t *e)
{
	cn_bc_t *bc = &cn->bc;
	if (bc->nbuckets == 0)
		rehash(cn, CN_BC_MIN_BUCKETS);
	if (bc->nbuckets == 0)
		return MIP6_E_NOMEM;
	if (bc->count >= bc->nbuckets && bc->nbuckets < (1u << 30))
		rehash(cn, bc->nbuckets * 2);
	uint32_t h = hash(bc->seed, &e->hoa) & (bc->nbuckets - 1);
	e->next = bc->bucket[h];
	bc->bucket[h] = e;
	bc->count++;
	return 0;
}

void mip6_cn_bc_unlink(cn_bc_t *bc, cn_bce_t *e)
{
	if (bc->nbuckets == 0)
		return;
	cn_bce_t **pp = &bc->bucket[hash(bc->seed, &e->hoa) & (bc->nbuckets - 1)];
	for (; *pp; pp = &(*pp)->next) {
		if (*pp == e) {
			*pp = e->next;
			e->next = NULL;
			bc->count--;
			return;
		}
	}
}

void mip6_cn_bc_free_all(cn_t *cn)
{
	cn_bc_t *bc = &cn->bc;
	for (uint32_t i = 0; i < bc->nbuckets; i++) {
		cn_bce_t *e = bc->bucket[i];
		while (e) {
			cn_bce_t *next = e->next;
			mip6_node_cancel(cn->n, &e->timer);
			mip6_node_mem_free(cn->n, e);
			e = next;
		}
	}
	mip6_node_mem_free(cn->n, bc->bucket);
	bc->bucket = NULL;
	bc->nbuckets = 0;
	bc->count = 0;
}
