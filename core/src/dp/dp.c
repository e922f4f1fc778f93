/* SPDX-License-Identifier: BSD-3-Clause */
/* The data plane's tables: binding cache (HA/CN), mobile network prefixes
 * (HA), binding update list subset, route optimisation and local MNPs (MN/MR),
 * and the MCoA flow rules. Every update either succeeds or leaves the
 * tables as they were. */
#include "dp/dp_internal.h"
#include "mip6/err.h"

/* The key of each entry must sit right after its hash, in one piece. */
_Static_assert(offsetof(dp_bce_t, bid) == 20 && offsetof(dp_bce_t, coa) == 24 && sizeof(dp_bce_t) == 40,
               "binding cache entry layout");
_Static_assert(offsetof(dp_mnp_t, plen) == 20, "MNP entry layout");
_Static_assert(offsetof(dp_ro_t, cn) == 20, "RO entry layout");
_Static_assert(offsetof(dp_ll_t, ll) == 4, "link-local entry layout");

#define DP_SALT_BC 0x9e3779b97f4a7c15ull
#define DP_SALT_MNP 0x243f6a8885a308d3ull
#define DP_SALT_RO 0x13198a2e03707344ull
#define DP_SALT_LL 0xa4093822299f31d0ull

mip6_dp_t *mip6_dp_new(mip6_alloc_t alloc, mip6_stats_t *stats)
{
	if (!alloc.fn)
		return NULL;
	mip6_dp_t *dp = mip6_malloc(&alloc, sizeof(*dp));
	if (!dp) {
		if (stats)
			stats->nomem++;
		return NULL;
	}
	memset(dp, 0, sizeof(*dp));
	dp->alloc = alloc;
	dp->stats = stats ? stats : &dp->own_stats;
	dp->salt = DP_SALT_BC;
	mip6_dp_tab_init(&dp->bc, sizeof(dp_bce_t), DP_BCE_KLEN);
	mip6_dp_tab_init(&dp->mnp, sizeof(dp_mnp_t), DP_MNP_KLEN);
	mip6_dp_tab_init(&dp->ro, sizeof(dp_ro_t), DP_RO_KLEN);
	mip6_dp_tab_init(&dp->ll, sizeof(dp_ll_t), DP_LL_KLEN);
	return dp;
}

void mip6_dp_free(mip6_dp_t *dp)
{
	if (!dp)
		return;
	mip6_alloc_t a = dp->alloc;
	mip6_dp_tab_free(&dp->bc, &a);
	mip6_dp_tab_free(&dp->mnp, &a);
	mip6_dp_tab_free(&dp->ro, &a);
	mip6_dp_tab_free(&dp->ll, &a);
	mip6_free(&a, dp->locals);
	mip6_free(&a, dp->bul);
	mip6_free(&a, dp->lmnp);
	mip6_free(&a, dp->rules);
	mip6_free(&a, dp);
}

size_t mip6_dp_memory(const mip6_dp_t *dp)
{
	return sizeof(*dp) + mip6_dp_tab_memory(&dp->bc) + mip6_dp_tab_memory(&dp->mnp) + mip6_dp_tab_memory(&dp->ro) + mip6_dp_tab_memory(&dp->ll) +
	       dp->cap_locals * sizeof(mip6_addr_t) + dp->cap_bul * sizeof(dp_bul_t) +
	       dp->cap_lmnp * sizeof(dp_lmnp_t) + dp->cap_rules * sizeof(mip6_flow_rule_t);
}

int mip6_dp_array_reserve(mip6_dp_t *dp, void **arr, unsigned *cap, unsigned n, size_t sz)
{
	if (n <= *cap)
		return 0;
	if (n > DP_MAX_SMALL)
		return MIP6_E_NOSPC;
	unsigned ncap = *cap ? *cap * 2 : 4;
	while (ncap < n)
		ncap *= 2;
	void *na = mip6_realloc(&dp->alloc, *arr, ncap * sz);
	if (!na) {
		dp->stats->nomem++;
		return MIP6_E_NOMEM;
	}
	*arr = na;
	*cap = ncap;
	return 0;
}

static int nomem(mip6_dp_t *dp, int rc)
{
	if (rc == MIP6_E_NOMEM)
		dp->stats->nomem++;
	return rc;
}

/* --- Binding cache --- */

uint32_t mip6_dp_hash_bc(const mip6_dp_t *dp, const mip6_addr_t *hoa)
{
	return dp_hash_addr(hoa, dp->salt);
}

static void bc_key(uint8_t key[DP_BCE_KLEN], const mip6_addr_t *hoa, uint16_t bid)
{
	memcpy(key, hoa->b, 16);
	memcpy(key + 16, &bid, 2);
}

const dp_bce_t *mip6_dp_bc_find(const mip6_dp_t *dp, const mip6_addr_t *hoa, uint16_t bid)
{
	uint8_t key[DP_BCE_KLEN];
	bc_key(key, hoa, bid);
	return mip6_dp_tab_find(&dp->bc, mip6_dp_hash_bc(dp, hoa), key);
}

const dp_bce_t *mip6_dp_bc_find_coa(const mip6_dp_t *dp, const mip6_addr_t *hoa, const mip6_addr_t *coa,
                               uint8_t need_flags)
{
	uint32_t h = mip6_dp_hash_bc(dp, hoa), pos = 0;
	unsigned left = 0;
	const dp_bce_t *e;
	while ((e = dp_tab_next(&dp->bc, h, &pos)) != NULL) {
		if (!dp_addr_eq(&e->hoa, hoa))
			continue;
		if (dp_addr_eq(&e->coa, coa) && (e->flags & need_flags) == need_flags)
			return e;
		if (left == 0)
			left = DP_BCE_NBID(e) < 15 ? DP_BCE_NBID(e) : ~0u;
		if (--left == 0)
			break;
	}
	return NULL;
}

/* Writes the number of bindings of hoa into each of them (DP_BCE_NBID). */
static void bc_recount(mip6_dp_t *dp, const mip6_addr_t *hoa)
{
	uint32_t h = mip6_dp_hash_bc(dp, hoa), pos = 0;
	unsigned n = 0;
	dp_bce_t *e;
	while ((e = dp_tab_next(&dp->bc, h, &pos)) != NULL)
		n += dp_addr_eq(&e->hoa, hoa);
	uint8_t nib = (uint8_t)((n < 15 ? n : 15) << 4);
	pos = 0;
	while ((e = dp_tab_next(&dp->bc, h, &pos)) != NULL)
		if (dp_addr_eq(&e->hoa, hoa))
			e->flags = (uint8_t)((e->flags & DP_BCE_FLAGS) | nib);
}

/* Index of a tunnel endpoint address, adding it if new. */
static int local_index(mip6_dp_t *dp, const mip6_addr_t *local, uint8_t *idx)
{
	*idx = 0;
	if (!local || mip6_addr_is_unspec(local))
		return 0;
	for (unsigned i = 1; i < dp->n_locals; i++) {
		if (mip6_addr_eq(&dp->locals[i], local)) {
			*idx = (uint8_t)i;
			return 0;
		}
	}
	unsigned n = dp->n_locals ? dp->n_locals : 1; /* slot 0 stays unspecified */
	if (n >= DP_MAX_LOCALS + 1)
		return MIP6_E_NOSPC;
	int rc = mip6_dp_array_reserve(dp, (void **)&dp->locals, &dp->cap_locals, n + 1, sizeof(mip6_addr_t));
	if (rc)
		return rc;
	memset(&dp->locals[0], 0, sizeof(mip6_addr_t));
	dp->locals[n] = *local;
	dp->n_locals = n + 1;
	*idx = (uint8_t)n;
	return 0;
}

/* --- Link-local addresses of L bindings (RFC 6275 10.4.1 / 10.4.2) --- */

static void ll_of(const mip6_addr_t *hoa, mip6_addr_t *ll)
{
	memset(ll->b, 0, 8);
	ll->b[0] = 0xfe;
	ll->b[1] = 0x80;
	memcpy(ll->b + 8, hoa->b + 8, 8);
}

const mip6_addr_t *mip6_dp_ll_hoa(const mip6_dp_t *dp, const mip6_addr_t *ll)
{
	if (dp->ll.count == 0)
		return NULL;
	const dp_ll_t *e = mip6_dp_tab_find(&dp->ll, dp_hash_addr(ll, DP_SALT_LL), ll->b);
	return e ? &e->hoa : NULL;
}

/* hoa has no binding left: its link-local entry goes (unless another home
 * address with the same interface identifier took it over since). */
static void ll_forget(mip6_dp_t *dp, const mip6_addr_t *hoa)
{
	if (dp->ll.count == 0)
		return;
	mip6_addr_t ll;
	ll_of(hoa, &ll);
	dp_ll_t *e = mip6_dp_tab_find(&dp->ll, dp_hash_addr(&ll, DP_SALT_LL), ll.b);
	if (e && dp_addr_eq(&e->hoa, hoa))
		mip6_dp_tab_remove(&dp->ll, e, &dp->alloc);
}

int mip6_dp_bc_set(mip6_dp_t *dp, const mip6_addr_t *hoa, uint16_t bid, const mip6_addr_t *coa,
                   const mip6_addr_t *local, uint32_t flags)
{
	if (!dp || !hoa || !coa || flags > DP_BCE_FLAGS)
		return MIP6_E_INVAL;
	uint8_t key[DP_BCE_KLEN];
	bc_key(key, hoa, bid);
	uint32_t h = mip6_dp_hash_bc(dp, hoa);
	dp_bce_t *e = mip6_dp_tab_find(&dp->bc, h, key);
	if (!e) {
		/* Every BID of a home address shares one probe run: bound it. */
		unsigned nbids = 0;
		uint32_t pos = 0;
		const dp_bce_t *o;
		while ((o = dp_tab_next(&dp->bc, h, &pos)) != NULL)
			nbids += dp_addr_eq(&o->hoa, hoa);
		if (nbids >= DP_MAX_BIDS)
			return MIP6_E_NOSPC;
	}
	uint8_t li;
	int rc = local_index(dp, local, &li);
	if (rc)
		return rc;
	/* Room for the link-local entry first: nothing changes if it fails. */
	bool ll = (flags & MIP6_DPF_LL) && (flags & MIP6_DPF_HOME);
	if (ll && (rc = mip6_dp_tab_reserve(&dp->ll, &dp->alloc)) != 0)
		return nomem(dp, rc);
	bool created = false;
	if (!e) {
		rc = mip6_dp_tab_reserve(&dp->bc, &dp->alloc);
		if (rc)
			return nomem(dp, rc);
		e = mip6_dp_tab_insert(&dp->bc, h, key, &created);
	}
	e->coa = *coa;
	e->flags = (uint8_t)((e->flags & ~DP_BCE_FLAGS) | flags);
	e->local = li;
	if (created)
		bc_recount(dp, hoa);
	if (ll) {
		mip6_addr_t a;
		ll_of(hoa, &a);
		bool fresh;
		dp_ll_t *le = mip6_dp_tab_insert(&dp->ll, dp_hash_addr(&a, DP_SALT_LL), a.b, &fresh);
		le->hoa = *hoa;
	}
	return 0;
}

int mip6_dp_bc_del(mip6_dp_t *dp, const mip6_addr_t *hoa, uint16_t bid)
{
	if (!dp || !hoa)
		return MIP6_E_INVAL;
	if (bid != 0xffff) {
		dp_bce_t *e = (dp_bce_t *)mip6_dp_bc_find(dp, hoa, bid);
		if (!e)
			return MIP6_E_INVAL;
		mip6_dp_tab_remove(&dp->bc, e, &dp->alloc);
		bc_recount(dp, hoa);
		dp_bc_scan_t bs;
		mip6_dp_bc_scan(dp, hoa, &bs);
		if (!bs.home && !bs.ro)
			ll_forget(dp, hoa);
		return 0;
	}
	uint32_t h = mip6_dp_hash_bc(dp, hoa);
	bool any = false;
	for (;;) {
		/* Removal shifts the run (and may shrink the table): restart. */
		uint32_t pos = 0;
		dp_bce_t *e;
		while ((e = dp_tab_next(&dp->bc, h, &pos)) != NULL && !dp_addr_eq(&e->hoa, hoa))
			;
		if (!e)
			break;
		mip6_dp_tab_remove(&dp->bc, e, &dp->alloc);
		any = true;
	}
	if (any)
		ll_forget(dp, hoa);
	return any ? 0 : MIP6_E_INVAL;
}

int mip6_dp_bc_get(const mip6_dp_t *dp, const mip6_addr_t *hoa, uint16_t bid, mip6_addr_t *coa,
                   uint32_t *flags)
{
	if (!dp || !hoa)
		return MIP6_E_INVAL;
	const dp_bce_t *e = mip6_dp_bc_find(dp, hoa, bid);
	if (!e)
		return MIP6_E_INVAL;
	if (coa)
		*coa = e->coa;
	if (flags)
		*flags = e->flags & DP_BCE_FLAGS;
	return 0;
}

size_t mip6_dp_bc_count(const mip6_dp_t *dp)
{
	return dp ? dp->bc.count : 0;
}

/* --- Mobile network prefixes at the HA: one hash table, keyed by (prefix,
 * length), probed once per prefix length in use, longest first. --- */

static void mask_prefix(mip6_addr_t *out, const mip6_addr_t *a, unsigned plen)
{
	unsigned full = plen / 8, bits = plen % 8;
	memcpy(out->b, a->b, full);
	if (full < 16) {
		memset(out->b + full, 0, 16 - full);
		if (bits)
			out->b[full] = (uint8_t)(a->b[full] & (0xffu << (8 - bits)));
	}
}

static uint32_t mnp_hash(const mip6_addr_t *masked, uint8_t plen)
{
	return dp_hash_addr(masked, DP_SALT_MNP + plen);
}

static void mnp_key(uint8_t key[DP_MNP_KLEN], const mip6_addr_t *masked, uint8_t plen)
{
	memcpy(key, masked->b, 16);
	key[16] = plen;
}

static void mnp_lens_update(mip6_dp_t *dp)
{
	unsigned n = 0;
	for (int l = 128; l >= 0; l--)
		if (dp->mnp_len_count[l])
			dp->mnp_lens[n++] = (uint8_t)l;
	dp->n_mnp_lens = n;
}

int mip6_dp_mnp_set(mip6_dp_t *dp, const mip6_addr_t *prefix, uint8_t plen, const mip6_addr_t *hoa)
{
	if (!dp || !prefix || !hoa || plen > 128)
		return MIP6_E_INVAL;
	mip6_addr_t m;
	mask_prefix(&m, prefix, plen);
	uint8_t key[DP_MNP_KLEN];
	mnp_key(key, &m, plen);
	uint32_t h = mnp_hash(&m, plen);
	dp_mnp_t *e = mip6_dp_tab_find(&dp->mnp, h, key);
	/* A prefix routed to one mobile router is not taken over by another
	 * (RFC 3963 6.6): its owner deletes it first. */
	if (e && !mip6_addr_eq(&e->hoa, hoa))
		return MIP6_E_INVAL;
	if (!e) {
		int rc = mip6_dp_tab_reserve(&dp->mnp, &dp->alloc);
		if (rc)
			return nomem(dp, rc);
		bool created;
		e = mip6_dp_tab_insert(&dp->mnp, h, key, &created);
		if (dp->mnp_len_count[plen]++ == 0)
			mnp_lens_update(dp);
	}
	e->hoa = *hoa;
	return 0;
}

int mip6_dp_mnp_del(mip6_dp_t *dp, const mip6_addr_t *prefix, uint8_t plen)
{
	if (!dp || !prefix || plen > 128)
		return MIP6_E_INVAL;
	mip6_addr_t m;
	mask_prefix(&m, prefix, plen);
	uint8_t key[DP_MNP_KLEN];
	mnp_key(key, &m, plen);
	dp_mnp_t *e = mip6_dp_tab_find(&dp->mnp, mnp_hash(&m, plen), key);
	if (!e)
		return MIP6_E_INVAL;
	mip6_dp_tab_remove(&dp->mnp, e, &dp->alloc);
	if (--dp->mnp_len_count[plen] == 0)
		mnp_lens_update(dp);
	return 0;
}

const dp_mnp_t *mip6_dp_mnp_lookup(const mip6_dp_t *dp, const mip6_addr_t *addr)
{
	for (unsigned i = 0; i < dp->n_mnp_lens; i++) {
		uint8_t plen = dp->mnp_lens[i];
		mip6_addr_t m;
		mask_prefix(&m, addr, plen);
		uint8_t key[DP_MNP_KLEN];
		mnp_key(key, &m, plen);
		const dp_mnp_t *e = mip6_dp_tab_find(&dp->mnp, mnp_hash(&m, plen), key);
		if (e)
			return e;
	}
	return NULL;
}

int mip6_dp_mnp_get(const mip6_dp_t *dp, const mip6_addr_t *addr, mip6_addr_t *hoa, uint8_t *plen)
{
	if (!dp || !addr)
		return MIP6_E_INVAL;
	const dp_mnp_t *e = mip6_dp_mnp_lookup(dp, addr);
	if (!e)
		return MIP6_E_INVAL;
	if (hoa)
		*hoa = e->hoa;
	if (plen)
		*plen = e->plen;
	return 0;
}

size_t mip6_dp_mnp_count(const mip6_dp_t *dp)
{
	return dp ? dp->mnp.count : 0;
}

/* --- Binding update list subset (MN/MR) --- */

static dp_bul_t *bul_find(const mip6_dp_t *dp, const mip6_addr_t *hoa, uint16_t bid)
{
	for (unsigned i = 0; i < dp->n_bul; i++)
		if (dp->bul[i].bid == bid && mip6_addr_eq(&dp->bul[i].hoa, hoa))
			return &dp->bul[i];
	return NULL;
}

const dp_bul_t *mip6_dp_bul_of(const mip6_dp_t *dp, const mip6_addr_t *hoa)
{
	for (unsigned i = 0; i < dp->n_bul; i++)
		if (dp_addr_eq(&dp->bul[i].hoa, hoa))
			return &dp->bul[i];
	return NULL;
}

int mip6_dp_bul_set(mip6_dp_t *dp, const mip6_addr_t *hoa, uint16_t bid, const mip6_addr_t *coa,
                    const mip6_addr_t *ha, uint32_t ifindex, uint32_t flags)
{
	if (!dp || !hoa || !coa || !ha || flags > 0xff)
		return MIP6_E_INVAL;
	dp_bul_t *e = bul_find(dp, hoa, bid);
	if (!e) {
		int rc =
		    mip6_dp_array_reserve(dp, (void **)&dp->bul, &dp->cap_bul, dp->n_bul + 1, sizeof(dp_bul_t));
		if (rc)
			return rc;
		e = &dp->bul[dp->n_bul++];
		memset(e, 0, sizeof(*e));
		e->hoa = *hoa;
		e->bid = bid;
	}
	e->coa = *coa;
	e->ha = *ha;
	e->ifindex = ifindex;
	e->flags = (uint8_t)flags;
	return 0;
}

int mip6_dp_bul_del(mip6_dp_t *dp, const mip6_addr_t *hoa, uint16_t bid)
{
	if (!dp || !hoa)
		return MIP6_E_INVAL;
	bool any = false;
	for (unsigned i = 0; i < dp->n_bul;) {
		dp_bul_t *e = &dp->bul[i];
		if (mip6_addr_eq(&e->hoa, hoa) && (bid == 0xffff || e->bid == bid)) {
			/* Keep the order: the array is scanned front to back. */
			memmove(e, e + 1, (dp->n_bul - i - 1) * sizeof(*e));
			dp->n_bul--;
			any = true;
		} else {
			i++;
		}
	}
	return any ? 0 : MIP6_E_INVAL;
}

/* --- Route optimisation (MN side) --- */

static uint32_t ro_hash(const mip6_addr_t *hoa, const mip6_addr_t *cn)
{
	return dp_hash_addr(cn, DP_SALT_RO ^ dp_hash_addr(hoa, DP_SALT_RO));
}

static void ro_key(uint8_t key[DP_RO_KLEN], const mip6_addr_t *hoa, const mip6_addr_t *cn)
{
	memcpy(key, hoa->b, 16);
	memcpy(key + 16, cn->b, 16);
}

const dp_ro_t *mip6_dp_ro_find(const mip6_dp_t *dp, const mip6_addr_t *hoa, const mip6_addr_t *cn)
{
	if (dp->ro.count == 0)
		return NULL;
	uint8_t key[DP_RO_KLEN];
	ro_key(key, hoa, cn);
	return mip6_dp_tab_find(&dp->ro, ro_hash(hoa, cn), key);
}

int mip6_dp_ro_set(mip6_dp_t *dp, const mip6_addr_t *hoa, const mip6_addr_t *cn, const mip6_addr_t *coa,
                   uint32_t ifindex)
{
	if (!dp || !hoa || !cn || !coa)
		return MIP6_E_INVAL;
	uint8_t key[DP_RO_KLEN];
	ro_key(key, hoa, cn);
	uint32_t h = ro_hash(hoa, cn);
	dp_ro_t *e = mip6_dp_tab_find(&dp->ro, h, key);
	if (!e) {
		int rc = mip6_dp_tab_reserve(&dp->ro, &dp->alloc);
		if (rc)
			return nomem(dp, rc);
		bool created;
		e = mip6_dp_tab_insert(&dp->ro, h, key, &created);
	}
	e->coa = *coa;
	e->ifindex = ifindex;
	return 0;
}

int mip6_dp_ro_del(mip6_dp_t *dp, const mip6_addr_t *hoa, const mip6_addr_t *cn)
{
	if (!dp || !hoa || !cn)
		return MIP6_E_INVAL;
	dp_ro_t *e = (dp_ro_t *)mip6_dp_ro_find(dp, hoa, cn);
	if (!e)
		return MIP6_E_INVAL;
	mip6_dp_tab_remove(&dp->ro, e, &dp->alloc);
	return 0;
}

/* --- The MR's mobile network prefixes --- */

int mip6_dp_local_mnp_set(mip6_dp_t *dp, const mip6_addr_t *prefix, uint8_t plen, const mip6_addr_t *hoa)
{
	if (!dp || !prefix || !hoa || plen > 128)
		return MIP6_E_INVAL;
	mip6_addr_t m;
	mask_prefix(&m, prefix, plen);
	for (unsigned i = 0; i < dp->n_lmnp; i++) {
		if (dp->lmnp[i].plen == plen && mip6_addr_eq(&dp->lmnp[i].prefix, &m)) {
			dp->lmnp[i].hoa = *hoa;
			return 0;
		}
	}
	int rc = mip6_dp_array_reserve(dp, (void **)&dp->lmnp, &dp->cap_lmnp, dp->n_lmnp + 1, sizeof(dp_lmnp_t));
	if (rc)
		return rc;
	dp_lmnp_t *e = &dp->lmnp[dp->n_lmnp++];
	memset(e, 0, sizeof(*e));
	e->prefix = m;
	e->plen = plen;
	e->hoa = *hoa;
	return 0;
}

int mip6_dp_local_mnp_del(mip6_dp_t *dp, const mip6_addr_t *prefix, uint8_t plen)
{
	if (!dp || !prefix || plen > 128)
		return MIP6_E_INVAL;
	mip6_addr_t m;
	mask_prefix(&m, prefix, plen);
	for (unsigned i = 0; i < dp->n_lmnp; i++) {
		if (dp->lmnp[i].plen == plen && mip6_addr_eq(&dp->lmnp[i].prefix, &m)) {
			memmove(&dp->lmnp[i], &dp->lmnp[i + 1], (dp->n_lmnp - i - 1) * sizeof(dp_lmnp_t));
			dp->n_lmnp--;
			return 0;
		}
	}
	return MIP6_E_INVAL;
}

const dp_lmnp_t *mip6_dp_lmnp_lookup(const mip6_dp_t *dp, const mip6_addr_t *addr)
{
	const dp_lmnp_t *best = NULL;
	for (unsigned i = 0; i < dp->n_lmnp; i++) {
		const dp_lmnp_t *e = &dp->lmnp[i];
		if ((!best || e->plen > best->plen) && mip6_addr_prefix_match(addr, &e->prefix, e->plen))
			best = e;
	}
	return best;
}

/* --- MCoA flow rules --- */

int mip6_dp_flow_add(mip6_dp_t *dp, const struct mip6_flow_rule *r)
{
	if (!dp || !r || r->src.plen > 128 || r->dst.plen > 128)
		return MIP6_E_INVAL;
	int rc = mip6_dp_array_reserve(dp, (void **)&dp->rules, &dp->cap_rules, dp->n_rules + 1,
	                          sizeof(mip6_flow_rule_t));
	if (rc)
		return rc;
	dp->rules[dp->n_rules++] = *r;
	return 0;
}

void mip6_dp_flow_clear(mip6_dp_t *dp)
{
	if (!dp)
		return;
	mip6_free(&dp->alloc, dp->rules);
	dp->rules = NULL;
	dp->n_rules = dp->cap_rules = 0;
}
