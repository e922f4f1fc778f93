/* SPDX-License-Identifier: BSD-3-Clause */
/* Return routability at the correspondent node (RFC 6275 5.2, 9.4): the
 * secret Kcn, the nonce table, and the answers to HoTI and CoTI. */
#include "cn_internal.h"
#include "mip6/err.h"

void mip6_cn_rr_init(cn_t *cn, mip6_ns_t now)
{
	cn_rr_t *rr = &cn->rr;
	/* RFC 6275 9.4.1: the CN needs Kcn before it answers; 5.2.1: 20 octets. */
	mip6_node_random(cn->n, rr->kcn[0], MIP6_KCN_LEN);
	rr->kcn_born[0] = now;
	rr->kcn_cur = 0;
	rr->cur = -1;
	/* A random first index makes a rebooted CN unlikely to take an old
	 * index for one of its new nonces. */
	mip6_node_random(cn->n, &rr->next_index, sizeof(rr->next_index));
}

static bool nonce_alive(const cn_nonce_t *nc, mip6_ns_t now)
{
	/* RFC 6275 5.2.7: never accepted beyond MAX_NONCE_LIFETIME after first use. */
	return nc->live && now - nc->born <= CN_MAX_NONCE_LIFETIME;
}

const cn_nonce_t *mip6_cn_nonce_find(const cn_t *cn, uint16_t index, mip6_ns_t now)
{
	for (unsigned i = 0; i < CN_NONCE_SLOTS; i++) {
		const cn_nonce_t *nc = &cn->rr.nonce[i];
		if (nc->index == index && nonce_alive(nc, now))
			return nc;
	}
	return NULL;
}

/* The nonce to hand out now: the current one, or a new one once the
 * current is CN_NONCE_PERIOD old (RFC 6275 5.2.7: not a new nonce for
 * every request). */
static const cn_nonce_t *current_nonce(cn_t *cn, mip6_ns_t now)
{
	cn_rr_t *rr = &cn->rr;
	if (rr->cur >= 0 && now - rr->nonce[rr->cur].born < CN_NONCE_PERIOD)
		return &rr->nonce[rr->cur];
	if (now - rr->kcn_born[rr->kcn_cur] >= CN_KCN_LIFETIME) {
		/* The other slot's nonces all expired long ago (see cn_internal.h). */
		uint8_t k = (uint8_t)(rr->kcn_cur ^ 1u);
		mip6_node_random(cn->n, rr->kcn[k], MIP6_KCN_LEN);
		rr->kcn_born[k] = now;
		rr->kcn_cur = k;
		for (unsigned i = 0; i < CN_NONCE_SLOTS; i++)
			if (rr->nonce[i].kcn == k)
				rr->nonce[i].live = false;
	}
	/* The slot after the current one was made at least 8 periods
	 * (240 s) ago, so its nonce is no longer acceptable. */
	int slot = (rr->cur + 1) % CN_NONCE_SLOTS;
	cn_nonce_t *nc = &rr->nonce[slot];
	nc->live = true;
	nc->kcn = rr->kcn_cur;
	nc->index = rr->next_index++;
	nc->born = now;
	mip6_node_random(cn->n, nc->nonce, MIP6_NONCE_LEN);
	rr->cur = slot;
	mip6_cn_trace(cn, MIP6_TR_INFO, MIP6_EV_CN_RR_NONCE_NEW, "new nonce", NULL, NULL, nc->index);
	return nc;
}

int mip6_cn_token(const cn_t *cn, const cn_nonce_t *nc, const mip6_addr_t *addr, bool careof,
	     uint8_t token[MIP6_TOKEN_LEN])
{
	return mip6_rr_keygen(cn->rr.kcn[nc->kcn], MIP6_KCN_LEN, addr, nc->nonce, MIP6_NONCE_LEN, careof, token);
}

/* HoTI and CoTI share their checks and their answer's shape (RFC 6275
 * 9.4.1-9.4.4): the test message goes back from the address the init was
 * sent to, to the address it came from, which the token is bound to. */
static bool answer_init(cn_t *cn, const mip6_rx_t *rx, mip6_ns_t now, bool careof)
{
	/* RFC 6275 9.4.1 / 9.4.2: a HoTI or CoTI carrying a Home Address
	 * option MUST be silently ignored. */
	if (rx->l->has_hao) {
		mip6_cn_drop(cn, &cn->n->stats.drop_malformed,
		             careof ? MIP6_EV_CN_DROP_COTI_HAO : MIP6_EV_CN_DROP_HOTI_HAO,
		             careof ? "CoTI with a Home Address option (RFC 6275 9.4.2)"
		                    : "HoTI with a Home Address option (RFC 6275 9.4.1)",
		             &rx->ip_src);
		return true;
	}
	/* The token is bound to the source, which must be able to receive
	 * the answer: no test to a multicast or link-local address. */
	if (!cn_unicast_routable(&rx->ip_src)) {
		mip6_cn_drop(cn, &cn->n->stats.drop_malformed,
		             careof ? MIP6_EV_CN_DROP_COTI_NOT_ROUTABLE : MIP6_EV_CN_DROP_HOTI_NOT_ROUTABLE,
		             careof ? "CoTI from an address that is not unicast routable"
		                    : "HoTI from an address that is not unicast routable",
		             &rx->ip_src);
		return true;
	}
	/* RFC 6275 6.1: MH messages other than a BA never carry an RTHDR2. */
	if (rx->l->has_rh && rx->l->rh.type == 2) {
		mip6_cn_drop(cn, &cn->n->stats.drop_malformed,
		             careof ? MIP6_EV_CN_DROP_COTI_RH2 : MIP6_EV_CN_DROP_HOTI_RH2,
		             careof ? "CoTI with a type 2 routing header (RFC 6275 6.1)"
		                    : "HoTI with a type 2 routing header (RFC 6275 6.1)",
		             &rx->ip_src);
		return true;
	}
	const cn_nonce_t *nc = current_nonce(cn, now);
	mip6_mh_t m;
	mip6_mh_init(&m, careof ? MIP6_MH_COT : MIP6_MH_HOT);
	m.u.test.nonce_index = nc->index;
	memcpy(m.u.test.cookie, rx->p->mh.u.init.cookie, sizeof(m.u.test.cookie));
	/* RFC 6275 5.2.5: the token is bound to the init's source address. */
	if (mip6_cn_token(cn, nc, &rx->ip_src, careof, m.u.test.keygen) != 0) {
		mip6_cn_drop(cn, NULL, MIP6_EV_CN_DROP_TOKEN_FAILED, "keygen token: crypto failed",
		             &rx->ip_src);
		return true;
	}
	node_mh_tx_t tx = {.src = rx->ip_dst, .dst = rx->ip_src};
	mip6_cn_tx_path(&tx, rx);
	if (mip6_node_send_mh(cn->n, &tx, &m) == 0)
		mip6_cn_trace(cn, MIP6_TR_TX, careof ? MIP6_EV_CN_RR_TX_COT : MIP6_EV_CN_RR_TX_HOT,
		              careof ? "CoT" : "HoT", &rx->ip_src, NULL, nc->index);
	return true;
}

bool mip6_cn_on_hoti(cn_t *cn, const mip6_rx_t *rx, mip6_ns_t now)
{
	return answer_init(cn, rx, now, false);
}

bool mip6_cn_on_coti(cn_t *cn, const mip6_rx_t *rx, mip6_ns_t now)
{
	return answer_init(cn, rx, now, true);
}
