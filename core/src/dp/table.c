/* SPDX-License-Identifier: BSD-3-Clause */
/* Open-addressing hash table with linear probing and backward-shift
 * deletion (no tombstones, so lookups stay short after churn). All memory
 * comes from the caller's allocator; a failed growth leaves the table as
 * it was. */
#include "dp/dp_internal.h"
#include "mip6/err.h"

#define DP_TAB_MAX (1u << 30)
#define DP_TAB_QUARTER_FROM 4096u

void mip6_dp_tab_init(dp_tab_t *t, uint16_t esz, uint16_t klen)
{
	t->slots = NULL;
	t->cap = 0;
	t->count = 0;
	t->esz = esz;
	t->klen = klen;
}

void mip6_dp_tab_free(dp_tab_t *t, const mip6_alloc_t *a)
{
	mip6_free(a, t->slots);
	t->slots = NULL;
	t->cap = 0;
	t->count = 0;
}

size_t mip6_dp_tab_memory(const dp_tab_t *t)
{
	return t->slots ? (size_t)t->cap * t->esz : 0;
}

static uint32_t stored_hash(const uint8_t *e)
{
	uint32_t h;
	memcpy(&h, e, 4);
	return h;
}

static int resize(dp_tab_t *t, const mip6_alloc_t *a, uint32_t cap)
{
	size_t bytes = (size_t)cap * t->esz;
	uint8_t *ns = mip6_malloc(a, bytes);
	if (!ns)
		return MIP6_E_NOMEM;
	memset(ns, 0, bytes);
	dp_tab_t nt = *t;
	nt.slots = ns;
	nt.cap = cap;
	if (t->slots) {
		for (uint32_t i = 0; i < t->cap; i++) {
			const uint8_t *e = t->slots + (size_t)i * t->esz;
			uint32_t h = stored_hash(e);
			if (h == 0)
				continue;
			uint32_t j = dp_tab_home(&nt, h);
			while (stored_hash(ns + (size_t)j * t->esz) != 0)
				if (++j == cap)
					j = 0;
			memcpy(ns + (size_t)j * t->esz, e, t->esz);
		}
		mip6_free(a, t->slots);
	}
	t->slots = ns;
	t->cap = cap;
	return 0;
}

int mip6_dp_tab_reserve(dp_tab_t *t, const mip6_alloc_t *a)
{
	if (!t->slots)
		return resize(t, a, DP_TAB_MIN);
	uint64_t cap = t->cap;
	if (((uint64_t)t->count + 1) * 2 <= cap)
		return 0;
	if (cap >= DP_TAB_MAX)
		return MIP6_E_NOSPC;
	/* Small tables double (fewer reallocations, little memory); large
	 * ones grow by a quarter, the load dropping from 1/2 to 2/5, so the
	 * memory per entry stays within 1.25x of the least the load allows. */
	uint64_t ncap = cap < DP_TAB_QUARTER_FROM ? cap * 2 : cap + cap / 4;
	if (ncap > DP_TAB_MAX)
		ncap = DP_TAB_MAX;
	return resize(t, a, (uint32_t)ncap);
}

void *mip6_dp_tab_find(const dp_tab_t *t, uint32_t h, const void *key)
{
	if (t->count == 0)
		return NULL;
	uint32_t i = dp_tab_home(t, h);
	for (;;) {
		uint8_t *e = t->slots + (size_t)i * t->esz;
		uint32_t eh = stored_hash(e);
		if (eh == 0)
			return NULL;
		if (eh == h && memcmp(e + 4, key, t->klen) == 0)
			return e;
		if (++i == t->cap)
			i = 0;
	}
}

void *mip6_dp_tab_insert(dp_tab_t *t, uint32_t h, const void *key, bool *created)
{
	*created = false;
	uint8_t *e = mip6_dp_tab_find(t, h, key);
	if (e)
		return e;
	if (!t->slots || ((uint64_t)t->count + 1) * 2 > (uint64_t)t->cap)
		return NULL; /* mip6_dp_tab_reserve() was not called */
	uint32_t i = dp_tab_home(t, h);
	while (stored_hash(t->slots + (size_t)i * t->esz) != 0)
		if (++i == t->cap)
			i = 0;
	e = t->slots + (size_t)i * t->esz;
	memset(e, 0, t->esz);
	memcpy(e, &h, 4);
	memcpy(e + 4, key, t->klen);
	t->count++;
	*created = true;
	return e;
}

void mip6_dp_tab_remove(dp_tab_t *t, void *entry, const mip6_alloc_t *a)
{
	uint32_t i = (uint32_t)(((uint8_t *)entry - t->slots) / t->esz);
	uint32_t j = i;
	/* Backward shift: pull later members of the run into the hole unless
	 * their home slot lies cyclically in (hole, j]. */
	for (;;) {
		if (++j == t->cap)
			j = 0;
		uint8_t *ej = t->slots + (size_t)j * t->esz;
		uint32_t h = stored_hash(ej);
		if (h == 0)
			break;
		uint32_t k = dp_tab_home(t, h);
		bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
		if (stays)
			continue;
		memcpy(t->slots + (size_t)i * t->esz, ej, t->esz);
		i = j;
	}
	memset(t->slots + (size_t)i * t->esz, 0, t->esz);
	t->count--;
	/* Give memory back after mass deletion; a failure just keeps the
	 * larger table. */
	uint32_t cap = t->cap;
	if (cap > DP_TAB_MIN && (uint64_t)t->count * 8 < cap)
		(void)resize(t, a, cap / 2 > DP_TAB_MIN ? cap / 2 : DP_TAB_MIN);
}
