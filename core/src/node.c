/* SPDX-License-Identifier: BSD-3-Clause */
/* The node: entry points of the core, dispatch to components, and the
 * helpers components use to act on the world through the env. */
#include "mip6/auth.h"
#include "mip6/err.h"
#include "mip6/rr.h"
#include "node_internal.h"
#include "wire/bytes.h"

/* Copies every bus message to the binding, encoded, when it asked for them. */
static void bus_export(void *ctx, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	(void)now;
	mip6_node_t *n = ctx;
	uint8_t wire[MIP6_BUS_WIRE_MAX];
	int len = mip6_bus_encode(m, wire, sizeof(wire));
	if (len > 0)
		n->env.bus_out(n->env.ctx, wire, (size_t)len);
}

mip6_node_t *mip6_node_new(const mip6_env_t *env, mip6_ns_t now)
{
	mip6_node_t *n = env->alloc.fn(env->alloc.ctx, NULL, sizeof(*n));
	if (!n)
		return NULL;
	memset(n, 0, sizeof(*n));
	n->env = *env;
	n->now = now;
	n->next_op = 1;
	mip6_node_set_error_rate(n, MIP6_ERR_BURST_DEFAULT, MIP6_ERR_PER_SEC_DEFAULT);
	mip6_timerq_init(&n->timers, env->alloc);
	mip6_bus_init(&n->bus);
	n->scratch = mip6_node_mem_alloc(n, NODE_HEADROOM + NODE_PKT_MAX);
	n->txbuf = mip6_node_mem_alloc(n, NODE_TX_MAX);
	n->rxpkt = mip6_node_mem_alloc(n, sizeof(*n->rxpkt));
	n->dp = mip6_dp_new(env->alloc, &n->stats);
	if (!n->scratch || !n->txbuf || !n->rxpkt || !n->dp || mip6_node_dp_glue_init(n) != 0 ||
	    (env->bus_out && mip6_bus_subscribe(&n->bus, 0xffffffffu, bus_export, n) != 0)) {
		mip6_node_free(n);
		return NULL;
	}
	return n;
}

void mip6_node_free(mip6_node_t *n)
{
	if (!n)
		return;
	for (unsigned i = 0; i < COMP_MAX; i++)
		if (n->comp[i] && n->comp[i]->destroy)
			n->comp[i]->destroy(n->comp[i]);
	mip6_timerq_free(&n->timers);
	if (n->dp)
		mip6_dp_free(n->dp);
	mip6_node_mem_free(n, n->scratch);
	mip6_node_mem_free(n, n->txbuf);
	mip6_node_mem_free(n, n->rxpkt);
	mip6_alloc_t a = n->env.alloc;
	a.fn(a.ctx, n, 0);
}

/* --- error message rate limit (RFC 4443 2.4(f)) --- */

#define NODE_TOKEN 1000000000ull /* one message in credit units: per_sec * ns */

int mip6_node_set_error_rate(mip6_node_t *n, uint32_t burst, uint32_t per_sec)
{
	if (burst > MIP6_ERR_LIMIT_MAX || per_sec > MIP6_ERR_LIMIT_MAX)
		return MIP6_E_INVAL;
	n->errlim.burst = burst;
	n->errlim.per_sec = per_sec;
	n->errlim.credit = (uint64_t)burst * NODE_TOKEN; /* starts full */
	n->errlim.last = n->now;
	return 0;
}

/* RFC 4443 2.4(f): "an IPv6 node MUST limit the rate of ICMPv6 error
 * messages it originates"; a token bucket is the method it recommends. */
bool mip6_node_err_allow(mip6_node_t *n)
{
	uint64_t cap = (uint64_t)n->errlim.burst * NODE_TOKEN;
	if (n->now > n->errlim.last) {
		uint64_t dt = n->now - n->errlim.last, room = cap - n->errlim.credit;
		uint32_t rate = n->errlim.per_sec;
		/* dt * rate < room here, so the product cannot overflow. */
		if (rate && dt >= (room + rate - 1) / rate)
			n->errlim.credit = cap;
		else
			n->errlim.credit += dt * rate;
		n->errlim.last = n->now;
	}
	if (n->errlim.credit < NODE_TOKEN) {
		n->stats.err_rate_limited++;
		return false;
	}
	n->errlim.credit -= NODE_TOKEN;
	return true;
}

/* RFC 4443 2.4(e): no error message about a packet sent to a multicast
 * address (nor from one: we would answer from it), nor to a source that
 * names no single node. (The exceptions of e.2 are errors we never send.) */
static bool err_addrs_ok(const mip6_addr_t *pkt_src, const mip6_addr_t *pkt_dst)
{
	return pkt_src->b[0] != 0xff && !mip6_addr_is_unspec(pkt_src) && pkt_dst->b[0] != 0xff;
}

/* --- helpers for components --- */

void *mip6_node_mem_alloc(mip6_node_t *n, size_t size)
{
	void *p = mip6_malloc(&n->env.alloc, size);
	if (!p)
		n->stats.nomem++;
	return p;
}

void mip6_node_mem_free(mip6_node_t *n, void *p)
{
	mip6_free(&n->env.alloc, p);
}

static void bus_trampoline(void *component, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	mip6_component_t *c = component;
	c->on_bus(c, m, now);
}

int mip6_node_register(mip6_node_t *n, unsigned id, mip6_component_t *c)
{
	if (id >= COMP_MAX)
		return MIP6_E_INVAL;
	if (n->comp[id])
		return MIP6_E_INVAL; /* a role is enabled once */
	c->node = n;
	if (c->on_bus && c->bus_mask) {
		int rc = mip6_bus_subscribe(&n->bus, c->bus_mask, bus_trampoline, c);
		if (rc)
			return rc;
	}
	n->comp[id] = c;
	return 0;
}

mip6_iface_t *mip6_node_iface(mip6_node_t *n, uint32_t ifindex)
{
	for (unsigned i = 0; i < n->nifaces; i++)
		if (n->ifaces[i].cfg.ifindex == ifindex)
			return &n->ifaces[i];
	return NULL;
}

void mip6_node_send(mip6_node_t *n, uint32_t ifindex, const uint8_t *pkt, size_t len)
{
	n->env.send(n->env.ctx, ifindex, pkt, len);
}

int mip6_node_send_mh(mip6_node_t *n, const node_mh_tx_t *tx, const mip6_mh_t *m)
{
	/* RFC 6275 9.3.3 / 11.3.6: Binding Errors are rate limited; the node's
	 * one error limit covers every component that sends them. */
	if (m->type == MIP6_MH_BE && !mip6_node_err_allow(n)) {
		mip6_node_trace_drop(n, "node", MIP6_EV_NODE_DROP_BE_RATE_LIMITED,
		                     "Binding Error rate limited", &tx->dst);
		return MIP6_E_NOSPC;
	}
	mip6_buf_t b;
	mip6_buf_init(&b, n->txbuf, NODE_TX_MAX, NODE_HEADROOM);
	/* RFC 6275 6.1.1: the checksum covers the home addresses. */
	const mip6_addr_t *ck_src = tx->hao ? tx->hao : &tx->src;
	const mip6_addr_t *ck_dst = tx->rh2 ? tx->rh2 : &tx->dst;
	int len = mip6_mh_emit(m, ck_src, ck_dst, 0, mip6_buf_data(&b), mip6_buf_tailroom(&b));
	if (len < 0)
		return len;
	mip6_buf_put(&b, (size_t)len);
	if (tx->kbm) {
		int rc = mip6_rr_sign_mh(mip6_buf_data(&b), (size_t)len, tx->kbm, tx->auth_coa, tx->auth_cn,
					 ck_src, ck_dst);
		if (rc)
			return rc;
	}
	if (tx->mnha) {
		int rc = tx->mnha_key ? mip6_auth_sign_mh_prepared(mip6_buf_data(&b), (size_t)len, tx->mnha_key,
								   tx->mnha_coa, tx->mnha_hoa, ck_src, ck_dst)
				      : mip6_auth_sign_mh(mip6_buf_data(&b), (size_t)len, tx->mnha->key,
							  tx->mnha->key_len, tx->mnha_coa, tx->mnha_hoa, ck_src,
							  ck_dst);
		if (rc)
			return rc;
	}
	uint8_t nxt = MIP6_PROTO_MH;
	int rc = 0;
	if (tx->hao) {
		rc = mip6_buf_push_hao(&b, nxt, tx->hao);
		nxt = MIP6_PROTO_DSTOPTS;
	}
	if (!rc && tx->rh2) {
		rc = mip6_buf_push_rh2(&b, nxt, tx->rh2);
		nxt = MIP6_PROTO_ROUTING;
	}
	mip6_ip6_t h = {.nxt = nxt, .hlim = 64, .src = tx->src, .dst = tx->dst};
	if (!rc)
		rc = mip6_buf_push_ip6(&b, &h);
	if (!rc && tx->tunnel_src)
		rc = mip6_buf_encap(&b, tx->tunnel_src, tx->tunnel_dst, 64);
	if (rc)
		return rc;
	n->stats.tx_mh++;
	mip6_node_send(n, tx->ifindex, mip6_buf_data(&b), b.len);
	return 0;
}

bool mip6_node_invoking(const uint8_t *b, unsigned len, node_invoking_t *v)
{
	if (!b || len < MIP6_IP6_HLEN || (b[0] >> 4) != 6)
		return false;
	memset(v, 0, sizeof(*v));
	memcpy(v->src.b, b + 8, 16);
	memcpy(v->dst.b, b + 24, 16);
	uint8_t nxt = b[6];
	unsigned off = MIP6_IP6_HLEN;
	while (nxt == MIP6_PROTO_HOPOPTS || nxt == MIP6_PROTO_ROUTING || nxt == MIP6_PROTO_DSTOPTS) {
		if (off + 2 > len)
			return false;
		unsigned end = off + (b[off + 1] + 1u) * 8;
		if (end > len)
			return false;
		if (nxt == MIP6_PROTO_ROUTING && b[off + 2] == 2 && end >= off + 24) {
			v->rh2 = true;
			memcpy(v->rh2_hoa.b, b + off + 8, 16);
		}
		for (unsigned o = off + 2; nxt == MIP6_PROTO_DSTOPTS && o + 1 < end;) {
			if (b[o] == 0) { /* Pad1 */
				o++;
				continue;
			}
			if (b[o] == MIP6_HAO_TYPE && o + 18 <= end)
				v->hao_off = o;
			o += 2u + b[o + 1];
		}
		nxt = b[off];
		off = end;
	}
	v->upper = nxt;
	v->upper_off = off;
	return true;
}

int mip6_node_send_icmp6(mip6_node_t *n, uint32_t ifindex, const mip6_addr_t *src, const mip6_addr_t *dst,
		    uint8_t hlim, const mip6_icmp6_t *m)
{
	mip6_buf_t b;
	mip6_buf_init(&b, n->txbuf, NODE_TX_MAX, MIP6_IP6_HLEN);
	int len = mip6_icmp6_emit(m, src, dst, 0, mip6_buf_data(&b), mip6_buf_tailroom(&b));
	if (len < 0)
		return len;
	mip6_buf_put(&b, (size_t)len);
	mip6_ip6_t h = {.nxt = MIP6_PROTO_ICMPV6, .hlim = hlim, .src = *src, .dst = *dst};
	int rc = mip6_buf_push_ip6(&b, &h);
	if (rc)
		return rc;
	n->stats.tx_icmp6++;
	mip6_node_send(n, ifindex, mip6_buf_data(&b), b.len);
	return 0;
}

/* DAD on the bus, so programs outside the core see it too: START when a
 * component asks the platform, DONE with the result. */
static void dad_started(mip6_node_t *n, const mip6_op_t *op)
{
	unsigned slot = NODE_DAD_MAX;
	for (unsigned i = 0; i < NODE_DAD_MAX && slot == NODE_DAD_MAX; i++)
		if (n->dad[i].id == 0)
			slot = i;
	if (slot == NODE_DAD_MAX) {
		/* All taken (results lost?): the oldest reuse goes first. */
		slot = n->dad_next;
		n->dad_next = (n->dad_next + 1) % NODE_DAD_MAX;
	}
	n->dad[slot].id = op->id;
	n->dad[slot].ifindex = op->ifindex;
	n->dad[slot].addr = op->addr;
	mip6_bus_msg_t m = {.type = MIP6_BUS_DAD, .cmd = MIP6_DAD_START, .ifindex = op->ifindex, .coa = op->addr};
	mip6_node_publish(n, &m);
}

static void dad_done(mip6_node_t *n, uint32_t op_id, int status)
{
	for (unsigned i = 0; i < NODE_DAD_MAX; i++) {
		if (n->dad[i].id != op_id)
			continue;
		mip6_bus_msg_t m = {.type = MIP6_BUS_DAD,
				    .cmd = MIP6_DAD_DONE,
				    .status = status == 0                   ? MIP6_DAD_UNIQUE
					      : status == MIP6_OP_DUPLICATE ? MIP6_DAD_DUPLICATE
									    : MIP6_DAD_NOT_RUN,
				    .ifindex = n->dad[i].ifindex,
				    .coa = n->dad[i].addr};
		n->dad[i].id = 0;
		mip6_node_publish(n, &m);
		return;
	}
}

uint32_t mip6_node_op_submit(mip6_node_t *n, unsigned comp, mip6_op_t *op)
{
	/* The top byte of the id names the component the result goes back to. */
	op->id = (uint32_t)comp << 24 | (n->next_op++ & 0xffffffu);
	if ((n->next_op & 0xffffffu) == 0)
		n->next_op = 1;
	if (op->kind == MIP6_OP_DAD)
		dad_started(n, op);
	n->env.op_submit(n->env.ctx, op);
	return op->id;
}

void mip6_node_random(mip6_node_t *n, void *out, size_t len)
{
	n->env.random(n->env.ctx, out, len);
}

int mip6_node_arm(mip6_node_t *n, mip6_timer_t *t, mip6_ns_t when)
{
	int rc = mip6_timerq_arm(&n->timers, t, when);
	if (rc)
		n->stats.nomem++;
	return rc;
}

void mip6_node_cancel(mip6_node_t *n, mip6_timer_t *t)
{
	mip6_timerq_cancel(&n->timers, t);
}

unsigned mip6_node_bus_room(const mip6_node_t *n)
{
	return MIP6_BUS_QUEUE - n->bus.count;
}

int64_t mip6_node_publish(mip6_node_t *n, const mip6_bus_msg_t *m)
{
	int64_t rc = mip6_bus_publish(&n->bus, m);
	if (rc == MIP6_E_NOSPC)
		n->stats.bus_dropped++;
	return rc;
}

void mip6_node_trace(mip6_node_t *n, const mip6_trace_t *ev)
{
	if (n->env.trace)
		n->env.trace(n->env.ctx, ev);
}

void mip6_node_trace_state(mip6_node_t *n, const char *comp, uint16_t code, const char *from, const char *to,
                           const mip6_addr_t *a, const mip6_addr_t *b)
{
	if (!n->env.trace)
		return;
	mip6_trace_t ev = {.kind = MIP6_TR_STATE,
	                   .code = code,
	                   .component = comp,
	                   .what = "state",
	                   .from = from,
	                   .to = to,
	                   .now = n->now};
	if (a)
		ev.a = *a;
	if (b)
		ev.b = *b;
	n->env.trace(n->env.ctx, &ev);
}

void mip6_node_trace_drop(mip6_node_t *n, const char *comp, uint16_t code, const char *why,
                          const mip6_addr_t *a)
{
	if (!n->env.trace)
		return;
	mip6_trace_t ev = {.kind = MIP6_TR_DROP, .code = code, .component = comp, .what = why, .now = n->now};
	if (a)
		ev.a = *a;
	n->env.trace(n->env.ctx, &ev);
}

/* --- entry points --- */

/* Runs what the last input made due: bus messages (which may arm timers or
 * send), then nothing else; timers wait for mip6_node_timeout. */
static void settle(mip6_node_t *n)
{
	mip6_bus_dispatch(&n->bus, n->now);
}

int mip6_node_add_iface(mip6_node_t *n, const mip6_iface_cfg_t *cfg)
{
	if (cfg->ifindex == 0 || mip6_node_iface(n, cfg->ifindex))
		return MIP6_E_INVAL;
	if (n->nifaces == MIP6_MAX_IFACES)
		return MIP6_E_NOSPC;
	n->ifaces[n->nifaces].cfg = *cfg;
	n->ifaces[n->nifaces].up = false;
	n->nifaces++;
	return 0;
}

int mip6_node_enable_mn(mip6_node_t *n, const mip6_mn_cfg_t *cfg)
{
	int rc = mip6_mn_create(n, cfg);
	settle(n);
	return rc;
}

int mip6_node_enable_ha(mip6_node_t *n, const mip6_ha_cfg_t *cfg)
{
	int rc = mip6_ha_create(n, cfg);
	settle(n);
	return rc;
}

int mip6_node_enable_cn(mip6_node_t *n)
{
	int rc = mip6_cn_create(n);
	settle(n);
	return rc;
}

int mip6_node_enable_md(mip6_node_t *n, const mip6_md_cfg_t *cfg)
{
	int rc = mip6_md_create(n, cfg);
	settle(n);
	return rc;
}

int mip6_node_add_flow_rule(mip6_node_t *n, const mip6_flow_rule_t *r)
{
	return mip6_dp_flow_add(n->dp, r);
}

/* Fills the receive context of a strictly decoded signaling packet; dp
 * says whether the data plane took a tunnel header off it. */
static void make_rx(mip6_rx_t *rx, uint32_t ifindex, const uint8_t *pkt, size_t len, const mip6_pkt_t *p,
		    const mip6_dp_result_t *dp)
{
	memset(rx, 0, sizeof(*rx));
	rx->ifindex = ifindex;
	rx->pkt = pkt;
	rx->len = len;
	rx->p = p;
	rx->l = &p->layer[p->nlayers - 1];
	rx->ip_src = rx->l->ip.src;
	rx->ip_dst = rx->l->ip.dst;
	rx->src = *mip6_layer_cksum_src(rx->l);
	rx->dst = rx->l->has_rh && rx->l->rh.type == 2 ? rx->l->rh.first : rx->l->ip.dst;
	if (p->nlayers > 1) {
		rx->tunneled = true;
		rx->outer_src = p->layer[0].ip.src;
		rx->outer_dst = p->layer[0].ip.dst;
	} else if (dp && dp->tunneled) {
		rx->tunneled = true;
		rx->outer_src = dp->outer_src;
		rx->outer_dst = dp->outer_dst;
	}
}

/* RFC 5648 6.2 answers a Binding Identifier option of a wrong length with
 * BA 164 instead of silence: a BU whose only fault is that (the lenient
 * decode warns of option lengths only, and only BID ones are wrong) goes
 * on to the components, which check the length themselves. */
static bool bid_length_only(const uint8_t *pkt, size_t len, mip6_pkt_t *p)
{
	/* The strict decode stopped at an option's length octet: a BID's? */
	if (p->ul != MIP6_UL_MH || p->diag.err != MIP6_E_LEN || p->diag.offset == 0 || p->diag.offset >= len ||
	    pkt[p->diag.offset - 1] != MIP6_OPT_BID)
		return false;
	if (mip6_pkt_parse(pkt, len, MIP6_DEC_LENIENT, p) != 0 || p->ul != MIP6_UL_MH ||
	    p->warnings != MIP6_W_OPTLEN || p->mh.type != MIP6_MH_BU || p->mh.cksum_ok != 1)
		return false;
	for (unsigned i = 0; i < p->mh.nopts; i++) {
		const mip6_mhopt_t *o = &p->mh.opts[i];
		if (o->type != MIP6_OPT_BID && !mip6_mhopt_len_ok(o->type, o->len))
			return false;
	}
	return true;
}

static bool is_nd(uint8_t type)
{
	return type == MIP6_ICMP6_RS || type == MIP6_ICMP6_RA || type == MIP6_ICMP6_NS || type == MIP6_ICMP6_NA;
}

/* RFC 6275 9.2: an MH whose Payload Proto is not 59 or whose Header Len is
 * below its type's minimum is discarded and answered with a Parameter
 * Problem, code 0, pointing at that field, sent to the packet's source
 * without consulting bindings. One with a bad checksum is dropped silently. */
/* Sends ICMPv6 error e about the invoking packet pkt from 'from' to 'to',
 * if the node's error rate limit has a token. */
static void send_error(mip6_node_t *n, mip6_icmp6_t *e, const uint8_t *pkt, size_t len,
                       const mip6_addr_t *from, const mip6_addr_t *to, uint32_t ifindex,
                       uint16_t limited_code, const char *limited)
{
	if (!mip6_node_err_allow(n)) {
		mip6_node_trace_drop(n, "node", limited_code, limited, to);
		return;
	}
	e->body = pkt;
	/* RFC 4443 2.4(c): as much of the invoking packet as fits in 1280. */
	e->body_len = (unsigned)(len < 1280 - 48 ? len : 1280 - 48);
	mip6_node_send_icmp6(n, ifindex, from, to, 64, e);
}

static void mh_param_problem(mip6_node_t *n, const uint8_t *pkt, size_t len, const mip6_pkt_t *p)
{
	if (p->nlayers == 0)
		return;
	const mip6_layer_t *l = &p->layer[p->nlayers - 1];
	unsigned field = p->diag.offset;
	bool proto = p->diag.err == MIP6_E_PROTO && field == l->upper_off;
	bool hlen = p->diag.err == MIP6_E_LEN && field == l->upper_off + 1;
	if (!(proto || hlen) || l->upper_len < 6 || !err_addrs_ok(&l->ip.src, &l->ip.dst))
		return;
	size_t mh_len = ((size_t)pkt[l->upper_off + 1] + 1) * 8;
	if (mh_len > l->upper_len ||
	    mip6_cksum_pseudo(mip6_layer_cksum_src(l), mip6_layer_cksum_dst(l), (uint32_t)mh_len, MIP6_PROTO_MH,
			      pkt + l->upper_off, mh_len) != 0)
		return;
	mip6_icmp6_t e;
	mip6_icmp6_init(&e, MIP6_ICMP6_PARAM_PROB);
	e.code = 0;
	e.u.err.param = field;
	send_error(n, &e, pkt, len, &l->ip.dst, &l->ip.src, 0, MIP6_EV_NODE_DROP_PP_RATE_LIMITED,
	           "Parameter Problem rate limited");
}

/* RFC 4443 3.3: the HA's intercept is forwarding; a packet whose hop limit
 * it would take to 0 was dropped, and its source gets a Time Exceeded
 * (code 0) from the HA's address, rate limited like every error. */
static void time_exceeded(mip6_node_t *n, const uint8_t *pkt, size_t len, const mip6_addr_t *from)
{
	if (len < MIP6_IP6_HLEN || mip6_addr_is_unspec(from))
		return;
	mip6_addr_t src, dst;
	memcpy(src.b, pkt + 8, 16);
	memcpy(dst.b, pkt + 24, 16);
	if (!err_addrs_ok(&src, &dst))
		return;
	mip6_icmp6_t e;
	mip6_icmp6_init(&e, MIP6_ICMP6_TIME_EXCEEDED);
	e.code = 0; /* hop limit exceeded in transit */
	send_error(n, &e, pkt, len, from, &src, 0, MIP6_EV_NODE_DROP_TE_RATE_LIMITED,
	           "Time Exceeded rate limited");
}

/* The ICMPv6 error the data plane asked for (r->err_*), about the packet
 * from r->err_off of buf on: a relayed tunnel error (RFC 6275 9.3.4) or the
 * Destination Unreachable for a mobile node's link-local address (10.4.2). */
static void dp_error(mip6_node_t *n, const uint8_t *buf, size_t len, const mip6_dp_result_t *r)
{
	if (r->err_off >= len || len - r->err_off < MIP6_IP6_HLEN || mip6_addr_is_unspec(&r->err_src))
		return;
	const uint8_t *pkt = buf + r->err_off;
	mip6_addr_t src, dst;
	memcpy(src.b, pkt + 8, 16);
	memcpy(dst.b, pkt + 24, 16);
	if (!err_addrs_ok(&src, &dst) || !mip6_addr_eq(&src, &r->err_dst))
		return;
	mip6_icmp6_t e;
	mip6_icmp6_init(&e, r->err_type);
	e.code = r->err_code;
	e.u.err.param = r->err_param;
	send_error(n, &e, pkt, len - r->err_off, &r->err_src, &r->err_dst, r->err_ifindex,
	           MIP6_EV_DP_DROP_ERROR_RATE_LIMITED, "ICMPv6 error rate limited");
}

/* RFC 6275 9.2: an unknown MH type is answered with a Binding Error, status 2. */
static void mh_unknown_type(mip6_node_t *n, const mip6_rx_t *rx)
{
	if (!err_addrs_ok(&rx->ip_src, &rx->ip_dst))
		return;
	mip6_mh_t be;
	mip6_mh_init(&be, MIP6_MH_BE);
	be.u.be.status = MIP6_BE_UNKNOWN_MH;
	if (rx->l->has_hao)
		be.u.be.home = rx->l->hao;
	node_mh_tx_t tx = {.ifindex = MIP6_IFINDEX_ROUTE, .src = rx->ip_dst, .dst = rx->ip_src};
	if (mip6_node_send_mh(n, &tx, &be) == 0)
		n->stats.be_sent[MIP6_BE_UNKNOWN_MH]++;
}

/* RFC 6275 10.3.1: "If the node implements only correspondent node
 * functionality, or has not been configured to act as a home agent, then
 * the node MUST reject the Binding Update" and answer status 131. Here for
 * a home registration no component took (no CN role, or an HA that does not
 * serve that address); addressed as 9.5.4 says, without an authenticator. */
static bool refuse_home_registration(mip6_node_t *n, const mip6_rx_t *rx)
{
	const mip6_mh_t *m = &rx->p->mh;
	if (m->type != MIP6_MH_BU || !(m->u.bu.flags & MIP6_BU_F_H))
		return false;
	const mip6_addr_t *hoa = &rx->src, *src = &rx->ip_src;
	/* 9.5.1: a home address that is not unicast routable, 9.5.4: a
	 * source that is not unicast: silently discarded. */
	bool bad_hoa = mip6_addr_is_unspec(hoa) || hoa->b[0] == 0xff ||
	               (hoa->b[0] == 0xfe && (hoa->b[1] & 0xc0) == 0x80);
	if (bad_hoa || mip6_addr_is_unspec(src) || src->b[0] == 0xff) {
		n->stats.drop_malformed++;
		mip6_node_trace_drop(n, "node", MIP6_EV_NODE_DROP_HR_NOT_UNICAST,
		                     "home registration from a non-unicast address", hoa);
		return true;
	}
	mip6_mh_t ba;
	mip6_mh_init(&ba, MIP6_MH_BA);
	ba.u.ba.status = MIP6_BA_HR_NOT_SUPPORTED;
	ba.u.ba.seq = m->u.bu.seq;
	node_mh_tx_t tx = {.ifindex = MIP6_IFINDEX_ROUTE, .src = rx->ip_dst, .dst = *src};
	if (!mip6_addr_eq(src, hoa))
		tx.rh2 = hoa;
	if (rx->tunneled) {
		tx.tunnel_src = &rx->outer_dst;
		tx.tunnel_dst = &rx->outer_src;
	}
	mip6_node_trace_drop(n, "node", MIP6_EV_NODE_DROP_HR_NOT_HA,
	                     "home registration at a node that is not its home agent (RFC 6275 10.3.1)", hoa);
	if (mip6_node_send_mh(n, &tx, &ba) == 0)
		n->stats.ba_sent[MIP6_BA_HR_NOT_SUPPORTED]++;
	return true;
}

static mip6_verdict_t signal_input(mip6_node_t *n, uint32_t ifindex, const uint8_t *pkt, size_t len,
				    const mip6_dp_result_t *dp)
{
	mip6_pkt_t *p = n->rxpkt;
	if (mip6_pkt_parse(pkt, len, MIP6_DEC_STRICT, p) != 0 && !bid_length_only(pkt, len, p)) {
		/* Not ours to judge if it is ND the platform handles too. */
		if (p->ul == MIP6_UL_ICMP6)
			return MIP6_PASS;
		if (p->ul == MIP6_UL_MH)
			mh_param_problem(n, pkt, len, p);
		if (p->diag.err == MIP6_E_CKSUM)
			n->stats.drop_cksum++;
		else
			n->stats.drop_malformed++;
		mip6_node_trace_drop(n, "node", MIP6_EV_NODE_DROP_MALFORMED,
		                     p->diag.why ? p->diag.why : "malformed", NULL);
		return MIP6_DROPPED;
	}
	mip6_rx_t rx;
	make_rx(&rx, ifindex, pkt, len, p, dp);
	bool taken = false;
	if (p->ul == MIP6_UL_MH) {
		n->stats.rx_mh++;
		for (unsigned i = 0; i < COMP_MAX && !taken; i++)
			if (n->comp[i] && n->comp[i]->on_mh)
				taken = n->comp[i]->on_mh(n->comp[i], &rx, n->now);
		if (!taken && mip6_mh_fixed_len(p->mh.type) < 0) {
			mh_unknown_type(n, &rx);
			return MIP6_CONSUMED;
		}
		if (!taken && refuse_home_registration(n, &rx))
			return MIP6_CONSUMED;
		if (!taken) {
			/* Nobody here speaks this message (e.g. a BU to a node
			 * without HA or CN role). */
			mip6_node_trace_drop(n, "node", MIP6_EV_NODE_DROP_NO_COMPONENT,
			                     "no component for this MH message", &rx.src);
			return MIP6_DROPPED;
		}
		return MIP6_CONSUMED;
	}
	if (p->ul == MIP6_UL_ICMP6) {
		n->stats.rx_icmp6++;
		for (unsigned i = 0; i < COMP_MAX; i++)
			if (n->comp[i] && n->comp[i]->on_icmp6 && n->comp[i]->on_icmp6(n->comp[i], &rx, n->now))
				taken = true;
		/* Neighbor Discovery also belongs to the platform's stack. */
		if (is_nd(p->icmp6.type) || !taken)
			return MIP6_PASS;
		return MIP6_CONSUMED;
	}
	return MIP6_PASS;
}

static bool tunnelled_param_problem(const mip6_pkt_t *p, const uint8_t *pkt, size_t len)
{
	if (p->nlayers == 0)
		return false;
	const mip6_layer_t *l = &p->layer[p->nlayers - 1];
	return l->upper == MIP6_PROTO_ICMPV6 && l->upper_off < len &&
	       pkt[l->upper_off] == MIP6_ICMP6_PARAM_PROB;
}

mip6_verdict_t mip6_node_input(mip6_node_t *n, uint32_t ifindex, const uint8_t *pkt, size_t len, mip6_ns_t now)
{
	n->now = now;
	if (len > NODE_PKT_MAX) {
		n->stats.drop_malformed++;
		return MIP6_DROPPED;
	}
	mip6_buf_t b;
	mip6_buf_init(&b, n->scratch, NODE_HEADROOM + NODE_PKT_MAX, NODE_HEADROOM);
	memcpy(mip6_buf_put(&b, len), pkt, len);
	mip6_dp_result_t r = mip6_dp_input(n->dp, ifindex, &b);
	mip6_verdict_t v = MIP6_PASS;
	switch (r.action) {
	case MIP6_DPA_PASS:
		v = MIP6_PASS;
		break;
	case MIP6_DPA_SIGNAL:
		v = signal_input(n, ifindex, mip6_buf_data(&b), b.len, &r);
		/* A tunneled message the dp opened is ours even if nobody took it,
		 * but for a Parameter Problem not about the mobile node's signaling
		 * (dp: is_signal): the platform's, as other tunnelled packets. */
		if (v == MIP6_PASS && b.len != len) {
			if (tunnelled_param_problem(n->rxpkt, mip6_buf_data(&b), b.len))
				n->env.deliver(n->env.ctx, mip6_buf_data(&b), b.len);
			v = MIP6_CONSUMED;
		}
		break;
	case MIP6_DPA_DELIVER:
		n->env.deliver(n->env.ctx, mip6_buf_data(&b), b.len);
		v = MIP6_CONSUMED;
		break;
	case MIP6_DPA_SEND:
		mip6_node_send(n, r.ifindex, mip6_buf_data(&b), b.len);
		v = MIP6_CONSUMED;
		break;
	case MIP6_DPA_DROP:
		mip6_node_trace_drop(n, "dp", r.code, r.why, NULL);
		if (r.hlim_exceeded)
			time_exceeded(n, mip6_buf_data(&b), b.len, &r.hint_peer);
		if (r.err_type)
			dp_error(n, mip6_buf_data(&b), b.len, &r);
		v = MIP6_DROPPED;
		break;
	case MIP6_DPA_RELAY:
		mip6_node_trace_drop(n, "dp", r.code, r.why, &r.err_dst);
		dp_error(n, mip6_buf_data(&b), b.len, &r);
		v = MIP6_CONSUMED;
		break;
	}
	if (r.be_hint || r.rr_hint) {
		mip6_pkt_t *p = n->rxpkt;
		if (mip6_pkt_parse(pkt, len, MIP6_DEC_LENIENT, p) == 0 && p->nlayers > 0) {
			const mip6_layer_t *l = &p->layer[p->nlayers - 1];
			mip6_bus_msg_t m = {0};
			if (r.be_hint) {
				/* RFC 6275 9.3.1: HAO without a binding -> BE status 1 to the source. */
				m.type = MIP6_BUS_BE_HINT;
				m.status = MIP6_BE_UNKNOWN_HAO;
				m.hoa = l->hao;
				m.coa = l->ip.src;
				m.peer = l->ip.dst;
			} else {
				m.type = MIP6_BUS_RR_HINT;
				m.hoa = l->ip.dst;
				m.peer = r.hint_peer;
			}
			mip6_node_publish(n, &m);
		}
	}
	settle(n);
	return v;
}

mip6_verdict_t mip6_node_output(mip6_node_t *n, const uint8_t *pkt, size_t len, mip6_ns_t now)
{
	n->now = now;
	if (len > NODE_PKT_MAX)
		return MIP6_DROPPED;
	mip6_buf_t b;
	mip6_buf_init(&b, n->scratch, NODE_HEADROOM + NODE_PKT_MAX, NODE_HEADROOM);
	memcpy(mip6_buf_put(&b, len), pkt, len);
	mip6_dp_result_t r = mip6_dp_output(n->dp, &b);
	mip6_verdict_t v;
	switch (r.action) {
	case MIP6_DPA_SEND:
		mip6_node_send(n, r.ifindex, mip6_buf_data(&b), b.len);
		v = MIP6_CONSUMED;
		break;
	case MIP6_DPA_DELIVER:
		n->env.deliver(n->env.ctx, mip6_buf_data(&b), b.len);
		v = MIP6_CONSUMED;
		break;
	case MIP6_DPA_DROP:
		mip6_node_trace_drop(n, "dp", r.code, r.why, NULL);
		v = MIP6_DROPPED;
		break;
	default:
		v = MIP6_PASS;
		break;
	}
	settle(n);
	return v;
}

/* The single calls in order; only the prefetch runs ahead. */
void mip6_node_input_burst(mip6_node_t *n, uint32_t ifindex, const uint8_t *const *pkts, const size_t *lens,
			   size_t count, mip6_verdict_t *verdicts, mip6_ns_t now)
{
	for (size_t i = 0; i < count && i < MIP6_DP_PREFETCH_AHEAD; i++)
		mip6_dp_prefetch_input(n->dp, pkts[i], lens[i]);
	for (size_t i = 0; i < count; i++) {
		if (i + MIP6_DP_PREFETCH_AHEAD < count)
			mip6_dp_prefetch_input(n->dp, pkts[i + MIP6_DP_PREFETCH_AHEAD],
					       lens[i + MIP6_DP_PREFETCH_AHEAD]);
		verdicts[i] = mip6_node_input(n, ifindex, pkts[i], lens[i], now);
	}
}

void mip6_node_output_burst(mip6_node_t *n, const uint8_t *const *pkts, const size_t *lens, size_t count,
			    mip6_verdict_t *verdicts, mip6_ns_t now)
{
	for (size_t i = 0; i < count && i < MIP6_DP_PREFETCH_AHEAD; i++)
		mip6_dp_prefetch_output(n->dp, pkts[i], lens[i]);
	for (size_t i = 0; i < count; i++) {
		if (i + MIP6_DP_PREFETCH_AHEAD < count)
			mip6_dp_prefetch_output(n->dp, pkts[i + MIP6_DP_PREFETCH_AHEAD],
						lens[i + MIP6_DP_PREFETCH_AHEAD]);
		verdicts[i] = mip6_node_output(n, pkts[i], lens[i], now);
	}
}

void mip6_node_link(mip6_node_t *n, uint32_t ifindex, bool up, mip6_ns_t now)
{
	n->now = now;
	mip6_iface_t *ifc = mip6_node_iface(n, ifindex);
	if (!ifc)
		return;
	ifc->up = up;
	for (unsigned i = 0; i < COMP_MAX; i++)
		if (n->comp[i] && n->comp[i]->on_link)
			n->comp[i]->on_link(n->comp[i], ifindex, up, now);
	settle(n);
}

void mip6_node_addr(mip6_node_t *n, uint32_t ifindex, const mip6_addr_t *addr, uint8_t plen, uint16_t flags,
		    bool added, mip6_ns_t now)
{
	n->now = now;
	if (!addr || !mip6_node_iface(n, ifindex))
		return;
	for (unsigned i = 0; i < COMP_MAX; i++)
		if (n->comp[i] && n->comp[i]->on_addr)
			n->comp[i]->on_addr(n->comp[i], ifindex, addr, plen, flags, added, now);
	settle(n);
}

void mip6_node_op_result(mip6_node_t *n, uint32_t op_id, int status, mip6_ns_t now)
{
	n->now = now;
	/* The node never gives id 0 (see mip6_node_op_submit), and its DAD
	 * table and MD's prefixes use 0 for "no operation pending": a result
	 * for 0 only settles the bus. */
	if (op_id == 0) {
		settle(n);
		return;
	}
	dad_done(n, op_id, status);
	unsigned comp = op_id >> 24;
	if (comp < COMP_MAX && n->comp[comp] && n->comp[comp]->on_op_result)
		n->comp[comp]->on_op_result(n->comp[comp], op_id, status, now);
	settle(n);
}

int mip6_node_bus_input(mip6_node_t *n, const uint8_t *msg, size_t len, mip6_ns_t now)
{
	n->now = now;
	mip6_bus_msg_t m;
	int rc = mip6_bus_decode(msg, len, &m);
	if (rc < 0)
		return rc;
	int64_t seq = mip6_node_publish(n, &m);
	settle(n);
	return seq < 0 ? (int)seq : 0;
}

int mip6_node_command(mip6_node_t *n, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	if (m->type != MIP6_BUS_COMMAND || m->cmd < MIP6_CMD_FLUSH_BC || m->cmd > MIP6_CMD_IFACE_PREF)
		return MIP6_E_INVAL;
	n->now = now;
	int64_t seq = mip6_node_publish(n, m);
	settle(n);
	return seq < 0 ? (int)seq : 0;
}

void mip6_node_timeout(mip6_node_t *n, mip6_ns_t now)
{
	n->now = now;
	mip6_timer_t *t;
	while ((t = mip6_timerq_pop_due(&n->timers, now)) != NULL) {
		unsigned comp = t->kind >> 8;
		if (comp < COMP_MAX && n->comp[comp] && n->comp[comp]->on_timer)
			n->comp[comp]->on_timer(n->comp[comp], t, now);
		settle(n);
	}
}

mip6_ns_t mip6_node_next_timeout(const mip6_node_t *n)
{
	return mip6_timerq_next(&n->timers);
}

const mip6_stats_t *mip6_node_stats(const mip6_node_t *n)
{
	return &n->stats;
}
