/* SPDX-License-Identifier: BSD-3-Clause */
/* Dynamic Home Agent Address Discovery (RFC 6275 11.4.1, RFC 3963 7) and
 * mobile prefix discovery (RFC 6275 11.4.2, 11.4.3). */
#include "mn_internal.h"

/* RFC 2526: home prefix | all ones | anycast ID 0x7e; with a 64-bit prefix
 * the interface identifier is in EUI-64 form, its u bit zero:
 * fdff:ffff:ffff:fffe. */
static void mip6_ha_anycast(const mn_t *mn, mip6_addr_t *out)
{
	unsigned plen = mn->cfg.home_plen ? mn->cfg.home_plen : 64;
	*out = mn->cfg.hoa;
	for (unsigned bit = plen; bit < 128; bit++)
		out->b[bit / 8] |= (uint8_t)(0x80u >> (bit % 8));
	if (plen == 64)
		out->b[8] &= (uint8_t)~0x02u;
	out->b[15] = 0xfe;
}

static const mn_bul_t *dhaad_coa(const mn_t *mn)
{
	for (unsigned i = 0; i < MN_MAX_BUL; i++)
		if (mn->bul[i].used && mn->bul[i].has_coa && mn->bul[i].state == MN_DHAAD)
			return &mn->bul[i];
	return NULL;
}

static void dhaad_send(mn_t *mn)
{
	const mn_bul_t *b = dhaad_coa(mn);
	if (!b) {
		mip6_mn_drop(mn, MIP6_EV_MN_DROP_DHAAD_NO_COA, "DHAAD: no care-of address to send from",
		             &mn->cfg.hoa);
		return;
	}
	mip6_addr_t any;
	mip6_ha_anycast(mn, &any);
	mip6_icmp6_t req;
	mip6_icmp6_init(&req, MIP6_ICMP6_DHAAD_REQUEST);
	req.u.dhaad_req.id = mn->dhaad_id;
	if (mn->cfg.mr)
		req.u.dhaad_req.flags = MIP6_DHAAD_F_R; /* RFC 3963 7.1 */
	if (mip6_node_send_icmp6(mn->n, b->ifindex, &b->coa, &any, 64, &req) == 0)
		mip6_mn_trace(mn, MIP6_TR_TX, MIP6_EV_MN_TX_DHAAD_REQUEST, "DHAAD request", &b->coa, &any,
		              mn->dhaad_id);
	else
		mip6_mn_drop(mn, MIP6_EV_MN_DROP_DHAAD_SEND_FAILED, "DHAAD: cannot send the request", &any);
}

void mip6_mn_dhaad_start(mn_t *mn, mip6_ns_t now)
{
	if (mn->dhaad_active)
		return;
	mn->dhaad_active = true;
	mip6_node_random(mn->n, &mn->dhaad_id, sizeof(mn->dhaad_id));
	mn->dhaad_tries = 0;
	mn->dhaad_rto = MN_INITIAL_DHAAD_NS;
	/* Like the BU, the request waits until the home prefix no longer
	 * looks on-link (its anycast address is in it). */
	mn->dhaad_deferred = mn->leave_op != 0;
	if (!mn->dhaad_deferred)
		dhaad_send(mn);
	mip6_mn_arm(mn, &mn->dhaad_timer, MN_T_DHAAD, now + mn->dhaad_rto);
}

void mip6_mn_dhaad_op_done(mn_t *mn)
{
	if (mn->dhaad_active && mn->dhaad_deferred) {
		mn->dhaad_deferred = false;
		dhaad_send(mn);
	}
}

void mip6_mn_dhaad_stop(mn_t *mn)
{
	mn->dhaad_active = false;
	mip6_node_cancel(mn->n, &mn->dhaad_timer);
}

static bool dhaad_reply(mn_t *mn, const mip6_rx_t *rx, mip6_ns_t now)
{
	const mip6_icmp6_t *m = &rx->p->icmp6;
	if (!mn->dhaad_active || m->u.dhaad_rep.id != mn->dhaad_id || !mip6_mn_is_coa(mn, &rx->dst))
		return false;
	if (m->u.dhaad_rep.naddrs == 0) {
		mip6_mn_drop(mn, MIP6_EV_MN_DROP_DHAAD_REPLY_EMPTY, "DHAAD reply lists no home agent",
		             &rx->src);
		return true;
	}
	if (mn->cfg.mr && !(m->u.dhaad_rep.flags & MIP6_DHAAD_F_R))
		mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_DHAAD_NO_ROUTER_SUPPORT,
		              "DHAAD reply without R: home agents may not serve routers", &rx->src, NULL, 0);
	/* 11.4.1: the list is in order of preference: take the first, keep
	 * the others for when it refuses or stays silent (mip6_mn_home_next_ha). */
	mn->nha = m->u.dhaad_rep.naddrs < MN_MAX_HA ? m->u.dhaad_rep.naddrs : MN_MAX_HA;
	for (unsigned i = 0; i < mn->nha; i++)
		mn->ha_list[i] = m->u.dhaad_rep.addrs[i];
	mn->ha_idx = 0;
	mn->ha = mn->ha_list[0];
	mn->mcoa_booted = false;
	mn->ha_known = true;
	mn->bulk_refused = false;
	mn->mcoa_refused = false;
	mip6_mn_dhaad_stop(mn);
	mip6_mn_trace(mn, MIP6_TR_RX, MIP6_EV_MN_RX_DHAAD_REPLY, "DHAAD reply: home agent found",
	              &mn->cfg.hoa, &mn->ha, m->u.dhaad_rep.naddrs);
	mip6_mn_home_ha_found(mn, now);
	return true;
}

/* --- mobile prefix discovery --- */

/* ICMPv6 from the care-of address with a Home Address option (11.4.2):
 * the checksum covers the home address. */
static int send_icmp6_hao(mn_t *mn, uint32_t ifindex, const mip6_addr_t *src, const mip6_addr_t *dst,
                          const mip6_icmp6_t *m)
{
	mip6_node_t *n = mn->n;
	mip6_buf_t b;
	mip6_buf_init(&b, n->txbuf, NODE_TX_MAX, NODE_HEADROOM);
	int len = mip6_icmp6_emit(m, &mn->cfg.hoa, dst, 0, mip6_buf_data(&b), mip6_buf_tailroom(&b));
	if (len < 0)
		return len;
	mip6_buf_put(&b, (size_t)len);
	int rc = mip6_buf_push_hao(&b, MIP6_PROTO_ICMPV6, &mn->cfg.hoa);
	mip6_ip6_t h = {.nxt = MIP6_PROTO_DSTOPTS, .hlim = 64, .src = *src, .dst = *dst};
	if (!rc)
		rc = mip6_buf_push_ip6(&b, &h);
	if (rc)
		return rc;
	n->stats.tx_icmp6++;
	mip6_node_send(n, ifindex, mip6_buf_data(&b), b.len);
	return 0;
}

static void mps_send(mn_t *mn)
{
	const mn_bul_t *b = mip6_mn_primary(mn);
	if (!b || !mn->ha_known) {
		mip6_mn_drop(mn, MIP6_EV_MN_DROP_MPS_NO_COA, "MPS: no registered care-of address",
		             &mn->cfg.hoa);
		return;
	}
	mip6_icmp6_t mps;
	mip6_icmp6_init(&mps, MIP6_ICMP6_MPS);
	mps.u.mps.id = mn->mps_id;
	if (send_icmp6_hao(mn, b->ifindex, &b->coa, &mn->ha, &mps) == 0)
		mip6_mn_trace(mn, MIP6_TR_TX, MIP6_EV_MN_TX_MPS, "Mobile Prefix Solicitation", &mn->cfg.hoa,
		              &mn->ha, mn->mps_id);
	else
		mip6_mn_drop(mn, MIP6_EV_MN_DROP_MPS_SEND_FAILED, "MPS: cannot send", &mn->ha);
}

void mip6_mn_mps_start(mn_t *mn, mip6_ns_t now)
{
	if (mn->mps_active || mn->at_home)
		return;
	mn->mps_active = true;
	mip6_node_random(mn->n, &mn->mps_id, sizeof(mn->mps_id));
	mn->mps_tries = 0;
	mn->mps_rto = MN_PREFIX_ADV_NS;
	mps_send(mn);
	mip6_mn_arm(mn, &mn->mps_timer, MN_T_MPS, now + mn->mps_rto);
}

/* --- the home link's prefixes (RFC 6275 11.4.3) --- */

static mip6_ns_t life_end(mip6_ns_t now, uint32_t s)
{
	return s == 0xffffffffu ? MIP6_NS_NEVER : now + MIP6_SEC(s); /* infinity: RFC 4861 4.6.2 */
}

/* The timer of the home prefix list: the first valid lifetime (of a prefix
 * or of an address formed in one) to end. */
static void pfx_arm(mn_t *mn)
{
	mip6_ns_t first = MIP6_NS_NEVER;
	for (unsigned i = 0; i < mn->nprefix; i++) {
		const mn_home_pfx_t *e = &mn->prefix[i];
		if (e->on && e->valid_end < first)
			first = e->valid_end;
		if (e->formed && e->addr_valid_end < first)
			first = e->addr_valid_end;
	}
	if (first == MIP6_NS_NEVER)
		mip6_node_cancel(mn->n, &mn->pfx_timer);
	else
		mip6_mn_arm(mn, &mn->pfx_timer, MN_T_HOME_PFX, first);
}

/* RFC 4861 6.3.5: a prefix whose invalidation timer ran out (or that came
 * with valid lifetime 0, 6.3.4) is discarded. */
static void pfx_off(mn_t *mn, mn_home_pfx_t *e)
{
	e->on = false;
	mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_HOME_PREFIX_REMOVED, "home prefix no longer valid",
	              &e->p.prefix, NULL, e->p.plen);
	if (e->home)
		mip6_mn_trace(mn, MIP6_TR_DROP, MIP6_EV_MN_DROP_HOME_PREFIX_WITHDRAWN,
		              "home prefix withdrawn", &e->p.prefix, &mn->cfg.hoa, e->p.plen);
}

/* RFC 4862 5.5.4: an address "becomes invalid when its valid lifetime
 * expires". */
static void addr_off(mn_t *mn, mn_home_pfx_t *e)
{
	e->formed = false;
	mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_HOME_ADDRESS_EXPIRED,
	              "formed home address no longer valid", &e->addr, &e->p.prefix, e->p.plen);
}

/* Entries with neither a valid prefix nor a valid formed address go. */
static void pfx_compact(mn_t *mn)
{
	unsigned k = 0;
	for (unsigned i = 0; i < mn->nprefix; i++)
		if (mn->prefix[i].on || mn->prefix[i].formed)
			mn->prefix[k++] = mn->prefix[i];
	mn->nprefix = k;
	pfx_arm(mn);
}

static void pfx_expire(mn_t *mn, mip6_ns_t now)
{
	for (unsigned i = 0; i < mn->nprefix; i++) {
		mn_home_pfx_t *e = &mn->prefix[i];
		if (e->on && e->valid_end <= now)
			pfx_off(mn, e);
		if (e->formed && e->addr_valid_end <= now)
			addr_off(mn, e);
	}
	pfx_compact(mn);
}

/* RFC 4862 5.5.3 (e): the preferred lifetime is always reset; the valid
 * one only when the new one is over two hours or beyond what is left, else
 * to two hours unless at most two hours are left ("unless the Router
 * Advertisement ... has been authenticated": an MPA is not, the core has
 * no IPsec). */
static void addr_lifetimes(mn_home_pfx_t *e, uint32_t valid, uint32_t preferred, mip6_ns_t now)
{
	e->addr_pref_end = life_end(now, preferred);
	mip6_ns_t left = e->addr_valid_end == MIP6_NS_NEVER ? MIP6_NS_NEVER
	                 : e->addr_valid_end > now          ? e->addr_valid_end - now
	                                                    : 0;
	mip6_ns_t want = valid == 0xffffffffu ? MIP6_NS_NEVER : MIP6_SEC(valid);
	if (want > MN_TWO_HOURS_NS || want > left)
		e->addr_valid_end = life_end(now, valid);
	else if (left > MN_TWO_HOURS_NS)
		e->addr_valid_end = now + MN_TWO_HOURS_NS;
}

/* RFC 4862 5.5.3 for the home link: an autonomous prefix other than the
 * home address's gets an address of the home address's interface
 * identifier. It is kept (mip6_view_home_prefixes) but neither registered
 * nor handed to the platform: the mobile node has one home address
 * (cfg.hoa) for its binding update list, the data plane and RR, see
 * docs/conformance/rfc6275.md (6275-11.4.3-d). */
static void addrconf(mn_t *mn, mn_home_pfx_t *e, const mip6_nd_opt_t *o, mip6_ns_t now)
{
	uint32_t valid = o->u.prefix.valid, preferred = o->u.prefix.preferred;
	/* (a) without A, (c) preferred over valid: ignored. The home address's
	 * own prefix: that address exists (configured). */
	if (!(o->u.prefix.flags & MIP6_PI_F_A) || preferred > valid || e->home)
		return;
	if (e->formed) {
		addr_lifetimes(e, valid, preferred, now); /* (e) */
		return;
	}
	/* (d): prefix length plus interface identifier must make 128 bits. */
	if (valid == 0 || e->p.plen + MN_IID_BITS != 128)
		return;
	e->addr = e->p.prefix;
	memcpy(&e->addr.b[8], &mn->cfg.hoa.b[8], 8);
	e->formed = true;
	e->addr_valid_end = life_end(now, valid);
	e->addr_pref_end = life_end(now, preferred);
	mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_HOME_ADDRESS_FORMED,
	              "home address formed (not registered)", &e->addr, &e->p.prefix, e->p.plen);
}

/* One Prefix Information option of an accepted MPA. */
static void home_prefix(mn_t *mn, const mip6_nd_opt_t *o, mip6_ns_t now)
{
	uint8_t plen = o->u.prefix.plen;
	uint32_t valid = o->u.prefix.valid;
	if (plen > 128)
		return;
	mip6_addr_t p = {{0}};
	for (unsigned bit = 0; bit < plen; bit++)
		p.b[bit / 8] |= (uint8_t)(o->u.prefix.prefix.b[bit / 8] & (0x80u >> (bit % 8)));
	/* RFC 4861 6.3.4, RFC 4862 5.5.3 (b): the link-local prefix is ignored. */
	if (p.b[0] == 0xfe && (p.b[1] & 0xc0) == 0x80)
		return;
	mn_home_pfx_t *e = NULL;
	for (unsigned i = 0; i < mn->nprefix && !e; i++)
		if (mn->prefix[i].p.plen == plen && mip6_addr_eq(&mn->prefix[i].p.prefix, &p))
			e = &mn->prefix[i];
	if (!e) {
		/* 6.3.4: "If the Prefix Information option's Valid Lifetime field
		 * is zero, and the prefix is not present in the host's Prefix
		 * List, silently ignore the option." */
		if (valid == 0)
			return;
		if (mn->nprefix == MN_MAX_HOME_PREFIXES) {
			mip6_mn_drop(mn, MIP6_EV_MN_DROP_MPA_TOO_MANY_PREFIXES, "MPA: too many home prefixes",
			             &p);
			return;
		}
		e = &mn->prefix[mn->nprefix++];
		memset(e, 0, sizeof(*e));
		e->p.prefix = p;
		e->p.plen = plen;
		e->home = mip6_addr_prefix_match(&mn->cfg.hoa, &p, plen);
	}
	e->flags = o->u.prefix.flags;
	if (valid == 0) {
		/* 6.3.4: "If the new Lifetime value is zero, time-out the
		 * prefix immediately". */
		if (e->on)
			pfx_off(mn, e);
	} else {
		e->on = true;
		e->valid_end = life_end(now, valid);
		e->pref_end = life_end(now, o->u.prefix.preferred < valid ? o->u.prefix.preferred : valid);
		mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_HOME_PREFIX, "home prefix", &p, NULL, plen);
	}
	addrconf(mn, e, o, now);
	if (e->home) {
		/* The prefix of our home address: its length, and solicit again
		 * before it runs out (11.4.2). */
		mn->cfg.home_plen = plen;
		if (valid != 0 && valid != 0xffffffffu)
			mip6_mn_arm(mn, &mn->mps_renew, MN_T_MPS_RENEW, now + MIP6_SEC(valid) * 9 / 10);
		if (valid != 0) {
			mn->home_valid_end = e->valid_end;
			mip6_mn_ro_prefix_shortened(mn, now);
		}
	}
	pfx_compact(mn);
}

static bool mpa(mn_t *mn, const mip6_rx_t *rx, mip6_ns_t now)
{
	const mip6_icmp6_t *m = &rx->p->icmp6;
	if (!mn->ha_known || !mip6_addr_eq(&rx->src, &mn->ha) || !mip6_addr_eq(&rx->dst, &mn->cfg.hoa))
		return false;
	/* RFC 6275 11.4.3: "The packet MUST have a type 2 routing header";
	 * one that fails the test is silently discarded. */
	if (!rx->l->has_rh || rx->l->rh.type != 2) {
		mn->n->stats.drop_rh2++;
		mip6_mn_drop(mn, MIP6_EV_MN_DROP_MPA_NO_RH2, "MPA without a type 2 routing header", &rx->src);
		return true;
	}
	if (!mip6_mn_is_coa(mn, &rx->ip_dst)) {
		mn->n->stats.drop_rh2++;
		mip6_mn_drop(mn, MIP6_EV_MN_DROP_MPA_RH2_NOT_COA,
		             "MPA: routing header to an address that is not our care-of address",
		             &rx->ip_dst);
		return true;
	}
	/* 11.4.3: solicited only when it answers the most recent MPS and no
	 * other advertisement came for that Identifier; an unsolicited one
	 * "MUST be discarded" and the mobile node "SHOULD send a Mobile Prefix
	 * Solicitation" (whose answer then carries the same prefixes). */
	if (!mn->mps_active || m->u.mpa.id != mn->mps_id) {
		mip6_mn_drop(mn, MIP6_EV_MN_DROP_MPA_UNSOLICITED, "unsolicited MPA: discarded, soliciting",
		             &rx->src);
		mip6_mn_mps_start(mn, now);
		return true;
	}
	mn->mps_active = false;
	mip6_node_cancel(mn->n, &mn->mps_timer);
	mip6_mn_trace(mn, MIP6_TR_RX, MIP6_EV_MN_RX_MPA, "Mobile Prefix Advertisement", &mn->cfg.hoa, &mn->ha,
	              m->u.mpa.id);
	/* RFC 6275 11.4.3: "For an accepted Mobile Prefix Advertisement, the
	 * mobile node MUST process Managed Address Configuration (M), Other
	 * Stateful Configuration (O), and the Prefix Information Options as if
	 * they arrived in a Router Advertisement [18] on the mobile node's home
	 * link." M and O say whether DHCPv6 serves the home link (RFC 4861 4.2);
	 * "This specification does not, however, describe how to acquire home
	 * addresses through stateful protocols": they are kept for the platform
	 * (mip6_view_node home_mpa_flags) and traced when they change. The
	 * PIOs: home_prefix. */
	uint16_t mo = (uint16_t)(m->u.mpa.flags & (MIP6_MPA_F_M | MIP6_MPA_F_O));
	if (!mn->mpa_heard || mo != mn->mpa_flags)
		mip6_mn_trace(mn, MIP6_TR_INFO, MIP6_EV_MN_HOME_CONFIG_FLAGS, "home link M/O flags",
		              &mn->cfg.hoa, &mn->ha, mo);
	mn->mpa_heard = true;
	mn->mpa_flags = mo;
	for (unsigned i = 0; i < m->nopts; i++)
		if (m->opts[i].type == MIP6_ND_OPT_PREFIX)
			home_prefix(mn, &m->opts[i], now);
	return true;
}

bool mip6_mn_disc_icmp6(mn_t *mn, const mip6_rx_t *rx, mip6_ns_t now)
{
	switch (rx->p->icmp6.type) {
	case MIP6_ICMP6_DHAAD_REPLY:
		return dhaad_reply(mn, rx, now);
	case MIP6_ICMP6_MPA:
		return mpa(mn, rx, now);
	default:
		return false;
	}
}

void mip6_mn_disc_timer(mn_t *mn, mip6_timer_t *t, mip6_ns_t now)
{
	switch (t->kind & 0xff) {
	case MN_T_DHAAD:
		if (!mn->dhaad_active)
			return;
		if (mn->dhaad_deferred) {
			/* The address removal never answered: go anyway. */
			mn->dhaad_deferred = false;
			mn->leave_op = 0;
			dhaad_send(mn);
			mip6_mn_arm(mn, &mn->dhaad_timer, MN_T_DHAAD, now + mn->dhaad_rto);
			return;
		}
		if (++mn->dhaad_tries > MN_DHAAD_RETRIES) {
			/* 11.4.1: give up; the next care-of address tries again. */
			mn->dhaad_active = false;
			mip6_mn_trace(mn, MIP6_TR_DROP, MIP6_EV_MN_DROP_DHAAD_NO_REPLY,
			              "DHAAD: no reply, giving up", &mn->cfg.hoa, NULL, mn->dhaad_tries);
			mip6_mn_home_dhaad_failed(mn);
			return;
		}
		mn->dhaad_rto *= 2;
		dhaad_send(mn);
		mip6_mn_arm(mn, &mn->dhaad_timer, MN_T_DHAAD, now + mn->dhaad_rto);
		break;
	case MN_T_MPS:
		if (!mn->mps_active)
			return;
		if (++mn->mps_tries > MN_PREFIX_ADV_RETRIES) {
			mn->mps_active = false;
			mip6_mn_trace(mn, MIP6_TR_DROP, MIP6_EV_MN_DROP_MPS_NO_REPLY,
			              "MPS: no advertisement, giving up", &mn->cfg.hoa, &mn->ha,
			              mn->mps_tries);
			return;
		}
		mn->mps_rto *= 2;
		mps_send(mn);
		mip6_mn_arm(mn, &mn->mps_timer, MN_T_MPS, now + mn->mps_rto);
		break;
	case MN_T_MPS_RENEW:
		mip6_mn_mps_start(mn, now);
		break;
	case MN_T_HOME_PFX:
		pfx_expire(mn, now);
		break;
	default:
		break;
	}
}
