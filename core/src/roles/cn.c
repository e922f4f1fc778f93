/* SPDX-License-Identifier: BSD-3-Clause */
/* The correspondent node component: creation, dispatch of its messages,
 * bus hints and timers to cn_rr.c, cn_bu.c and cn_be.c. */
#include <stddef.h>

#include "cn_internal.h"
#include "mip6/err.h"

void mip6_cn_trace(cn_t *cn, uint16_t kind, uint16_t code, const char *what, const mip6_addr_t *a,
                   const mip6_addr_t *b, uint32_t value)
{
	mip6_trace_t ev = {
	    .kind = kind, .code = code, .component = "cn", .what = what, .value = value, .now = cn->n->now};
	if (a)
		ev.a = *a;
	if (b)
		ev.b = *b;
	mip6_node_trace(cn->n, &ev);
}

void mip6_cn_drop(cn_t *cn, uint64_t *counter, uint16_t code, const char *why, const mip6_addr_t *a)
{
	if (counter)
		(*counter)++;
	mip6_node_trace_drop(cn->n, "cn", code, why, a);
}

void mip6_cn_tx_path(node_mh_tx_t *tx, const mip6_rx_t *rx)
{
	tx->ifindex = MIP6_IFINDEX_ROUTE;
	if (rx->tunneled) {
		tx->tunnel_src = &rx->outer_dst;
		tx->tunnel_dst = &rx->outer_src;
	}
}

static bool on_mh(mip6_component_t *c, const mip6_rx_t *rx, mip6_ns_t now)
{
	cn_t *cn = (cn_t *)c;
	switch (rx->p->mh.type) {
	case MIP6_MH_HOTI:
		return mip6_cn_on_hoti(cn, rx, now);
	case MIP6_MH_COTI:
		return mip6_cn_on_coti(cn, rx, now);
	case MIP6_MH_BU:
		return mip6_cn_on_bu(cn, rx, now);
	default:
		return false; /* HoT, CoT, BA, BRR, BE are for a mobile node */
	}
}

static bool on_icmp6(mip6_component_t *c, const mip6_rx_t *rx, mip6_ns_t now)
{
	return mip6_cn_on_icmp6((cn_t *)c, rx, now);
}

static void on_bus(mip6_component_t *c, const mip6_bus_msg_t *m, mip6_ns_t now)
{
	cn_t *cn = (cn_t *)c;
	if (m->type == MIP6_BUS_BE_HINT)
		mip6_cn_on_be_hint(cn, m, now);
	else if (m->type == MIP6_BUS_COMMAND && m->cmd == MIP6_CMD_FLUSH_BC)
		mip6_cn_bc_flush(cn, &m->hoa, now);
}

static void on_timer(mip6_component_t *c, mip6_timer_t *t, mip6_ns_t now)
{
	cn_t *cn = (cn_t *)c;
	if (t->kind == NODE_TIMER_KIND(COMP_CN, CN_T_BCE)) {
		cn_bce_t *e = (cn_bce_t *)(void *)((uint8_t *)t - offsetof(cn_bce_t, timer));
		mip6_cn_bce_timeout(cn, e, now);
	} else if (t == &cn->flush_timer) {
		mip6_cn_bc_flush(cn, &cn->flush_hoa, now);
	}
}

static void destroy(mip6_component_t *c)
{
	cn_t *cn = (cn_t *)c;
	mip6_node_t *n = cn->n;
	mip6_node_cancel(n, &cn->flush_timer);
	mip6_cn_bc_free_all(cn);
	/* Key material does not outlive the component in freed memory. */
	memset(&cn->rr, 0, sizeof(cn->rr));
	if (n->comp[COMP_CN] == c)
		n->comp[COMP_CN] = NULL;
	mip6_bus_unsubscribe(&n->bus, c);
	mip6_node_mem_free(n, cn);
}

int mip6_cn_create(mip6_node_t *n)
{
	cn_t *cn = mip6_node_mem_alloc(n, sizeof(*cn));
	if (!cn)
		return MIP6_E_NOMEM;
	memset(cn, 0, sizeof(*cn));
	cn->n = n;
	cn->flush_timer.kind = NODE_TIMER_KIND(COMP_CN, CN_T_FLUSH);
	cn->comp.name = "cn";
	cn->comp.bus_mask = MIP6_BUS_MASK(MIP6_BUS_BE_HINT) | MIP6_BUS_MASK(MIP6_BUS_COMMAND);
	cn->comp.on_bus = on_bus;
	cn->comp.on_mh = on_mh;
	cn->comp.on_icmp6 = on_icmp6;
	cn->comp.on_timer = on_timer;
	cn->comp.destroy = destroy;
	mip6_cn_rr_init(cn, n->now);
	mip6_node_random(n, &cn->bc.seed, sizeof(cn->bc.seed));
	int rc = mip6_node_register(n, COMP_CN, &cn->comp);
	if (rc) {
		memset(&cn->rr, 0, sizeof(cn->rr));
		mip6_node_mem_free(n, cn);
		return rc;
	}
	mip6_bus_msg_t m = {.type = MIP6_BUS_NODETYPE_INFO, .cmd = 1, .nodetype = MIP6_NODE_CN};
	mip6_node_publish(n, &m);
	return 0;
}
