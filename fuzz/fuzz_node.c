/* SPDX-License-Identifier: BSD-3-Clause */
/* libFuzzer target fuzz_node: a whole node driven through the public API
 * (mip6/node.h) by a program. Byte 0 picks a configuration, byte 1 its
 * variant bits, byte 2 an allocation to fail while it is set up; then
 * each operation is an opcode and its fixed fields (docs/testing.md):
 * packets built with the core's emitters from fuzzer-chosen fields (or raw
 * bytes), time passing, link and address events, answers to the node's
 * platform operations, bus messages, operator commands and allocation
 * failures. The env (node_env.c) checks the invariants. Set
 * FUZZ_NODE_DEBUG=1 to print the traces and counters of a run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mip6/auth.h"
#include "mip6/bus.h"
#include "mip6/icmp6.h"
#include "mip6/rr.h"
#include "node_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum config { CFG_HA, CFG_CN, CFG_MN, CFG_MR, CFG_HA_CN, CFG_COUNT };

/* Variant bits (byte 1). */
#define V_TIME_OF_DAY 0x01u /* env.time_of_day given */
#define V_SERVE_ONLY 0x02u  /* HA: only listed clients */
#define V_OPTIMISTIC 0x04u  /* MD: RFC 4429 care-of addresses */
#define V_DHAAD 0x08u       /* MN: home agent unknown, discover it */
#define V_NO_BULK 0x10u     /* MN: no bulk MCoA registration */
#define V_MN_AUTH 0x20u     /* MN/MR: RFC 4285 with its HA */
#define V_ONE_IF 0x40u      /* MN/MR: one interface only */

enum opcode {
	OP_TIME,
	OP_LINK,
	OP_ADDR,
	OP_OPRES,
	OP_ANSWER_ALL,
	OP_BUS,
	OP_BUS_RAW,
	OP_COMMAND,
	OP_ALLOC_FAIL,
	OP_ERRRATE,
	OP_MH,
	OP_ICMP,
	OP_DATA,
	OP_RAW,
	OP_REPLY,
	OP_BU,
	OP_COUNT
};

/* Delivery byte of every packet operation. */
#define D_IFACE 0x03u
#define D_OUTPUT 0x04u
#define D_MUTATE 0x08u /* then u8 offset, u8 xor */
#define D_ENCAP 0x10u  /* then u8 outer src, u8 outer dst */
#define D_BURST 0x20u  /* the packet twice, through the burst entry point */
#define D_AGAIN 0x40u  /* handed over a second time (a replay) */

static bool debug;

/* ---- addresses ---- */

static mip6_addr_t A(const char *s)
{
	mip6_addr_t a;
	if (mip6_addr_pton(s, &a) != 0)
		abort();
	return a;
}

#define NSTATIC 22
static mip6_addr_t pool[NSTATIC];
static mip6_prefix_t prefixes[8];

typedef struct client_def {
	uint8_t pool_idx; /* its home address */
	bool mr, mcoa, keyed;
	uint8_t nmnp, mnp0; /* prefixes[mnp0 ..] */
} client_def_t;

/* The HA's clients: plain, keyed, keyed MR with two MNPs, MR with MCoA. */
static const client_def_t clients[] = {
    {2, false, true, false, 0, 0},
    {3, false, false, true, 0, 0},
    {4, true, false, true, 2, 3},
    {5, true, true, false, 1, 5},
};
#define NCLIENTS (sizeof(clients) / sizeof(clients[0]))
static mip6_auth_cfg_t client_auth[NCLIENTS];

static void init_tables(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	static const char *const s[NSTATIC] = {
	    "::",                              /* 0 */
	    "2001:db8:1::1",                   /* 1 HA */
	    "2001:db8:1::100",                 /* 2 client 0, the MN */
	    "2001:db8:1::101",                 /* 3 client 1 (keyed) */
	    "2001:db8:1::102",                 /* 4 client 2 (keyed MR), the MR */
	    "2001:db8:1::103",                 /* 5 client 3 (MR, MCoA) */
	    "2001:db8:c::1",                   /* 6 CN */
	    "2001:db8:9::9",                   /* 7 another CN */
	    "2001:db8:a::100",                 /* 8 care-of on A */
	    "2001:db8:b::100",                 /* 9 care-of on B */
	    "fe80::1",                         /* 10 router on link 1 */
	    "fe80::2",                         /* 11 router on link 2 */
	    "ff02::1",                         /* 12 */
	    "ff02::2",                         /* 13 */
	    "2001:db8:1::fdff:ffff:ffff:fffe", /* 14 HA anycast (RFC 2526) */
	    "2001:db8:100::5",                 /* 15 mobile network host */
	    "2001:db8:101:1::7",               /* 16 mobile network host */
	    "fe80::100",                       /* 17 the MN's link-local */
	    "ff02::1:ff00:100",                /* 18 solicited-node of ::100 */
	    "2001:db8:1::200",                 /* 19 unknown home address */
	    "2001:db8:1::2",                   /* 20 another HA */
	    "2001:db8:a::1",                   /* 21 router on A */
	};
	for (unsigned i = 0; i < NSTATIC; i++)
		pool[i] = A(s[i]);
	static const char *const p[8] = {
	    "2001:db8:1::",     "2001:db8:a::",   "2001:db8:b::", "2001:db8:100::",
	    "2001:db8:101:1::", "2001:db8:102::", "2001:db8:c::", "fe80::"};
	static const uint8_t pl[8] = {64, 64, 64, 48, 64, 56, 64, 64};
	for (unsigned i = 0; i < 8; i++) {
		prefixes[i].prefix = A(p[i]);
		prefixes[i].plen = pl[i];
	}
	for (unsigned i = 0; i < NCLIENTS; i++) {
		mip6_auth_cfg_t *a = &client_auth[i];
		memset(a, 0, sizeof(*a));
		a->enabled = true;
		a->spi = 0x100u + i;
		a->key_len = 16 + (uint8_t)i;
		for (unsigned k = 0; k < a->key_len; k++)
			a->key[k] = (uint8_t)(0x30 + 7 * i + k);
		a->nai_len = (uint8_t)snprintf((char *)a->nai, sizeof(a->nai), "mn%u@example.net", i);
	}
}

/* b < 0x80: the static pool; else an address the node used. */
static mip6_addr_t pick(uint8_t b)
{
	if (b >= 0x80 && fz.ndyn > 0)
		return fz.dyn[(b & 0x7fu) % fz.ndyn];
	return pool[b % NSTATIC];
}

static const mip6_addr_t *pick_opt(uint8_t b, mip6_addr_t *store)
{
	if (b == 0)
		return NULL;
	*store = pick(b);
	return store;
}

static const uint32_t ifaces[4] = {1, 2, 1, 7};

/* ---- node calls: each between fz_enter and fz_leave ---- */

static void run_due(void)
{
	for (unsigned k = 0; k < 10000; k++) {
		mip6_ns_t next = mip6_node_next_timeout(fz.node);
		if (next > fz.now)
			return;
		fz_enter();
		mip6_node_timeout(fz.node, fz.now);
		fz_leave();
		fz_after_timeout();
	}
	NODE_CHECK(false, "timers due at the same time without end");
}

static void hand(const uint8_t *pkt, size_t len, uint8_t d)
{
	uint32_t ifx = ifaces[d & D_IFACE];
	fz_enter();
	if (d & D_BURST) {
		const uint8_t *pk[2] = {pkt, pkt};
		size_t ln[2] = {len, len};
		mip6_verdict_t v[2];
		if (d & D_OUTPUT)
			mip6_node_output_burst(fz.node, pk, ln, 2, v, fz.now);
		else
			mip6_node_input_burst(fz.node, ifx, pk, ln, 2, v, fz.now);
		NODE_CHECK(v[0] <= MIP6_DROPPED && v[1] <= MIP6_DROPPED, "unknown verdict");
	} else {
		mip6_verdict_t v = (d & D_OUTPUT) ? mip6_node_output(fz.node, pkt, len, fz.now)
		                                  : mip6_node_input(fz.node, ifx, pkt, len, fz.now);
		NODE_CHECK(v <= MIP6_DROPPED, "unknown verdict");
	}
	fz_leave();
}

/* Hands a built packet to the node as the delivery byte says. */
static void deliver(prog_t *r, uint8_t *pkt, size_t len, size_t cap, bool pristine)
{
	uint8_t d = prog_u8(r);
	if (len == 0)
		return;
	if (d & D_MUTATE) {
		uint8_t off = prog_u8(r), x = prog_u8(r);
		if (x) {
			pkt[off % len] ^= x;
			pristine = false;
		}
	}
	if (d & D_ENCAP) {
		mip6_addr_t s = pick(prog_u8(r)), t = pick(prog_u8(r));
		size_t n = pk_encap(pkt, len, cap, &s, &t);
		if (n)
			len = n;
	}
	fz.input_pristine = pristine && pk_pristine(pkt, len);
	hand(pkt, len, d);
	if (d & D_AGAIN)
		hand(pkt, len, d);
	fz.input_pristine = true;
}

/* ---- configurations ---- */

static void add_iface(uint32_t ifindex, uint16_t bid, uint8_t pref)
{
	mip6_iface_cfg_t ic;
	memset(&ic, 0, sizeof(ic));
	ic.ifindex = ifindex;
	ic.bid = bid;
	ic.preference = pref;
	ic.lladdr_len = 6;
	for (uint8_t k = 0; k < 6; k++)
		ic.lladdr[k] = (uint8_t)(0x02 + k + 0x10 * ifindex);
	fz_enter();
	mip6_node_add_iface(fz.node, &ic);
	mip6_node_link(fz.node, ifindex, true, fz.now);
	fz_leave();
}

static void addr_event(uint32_t ifindex, const mip6_addr_t *a, uint8_t plen)
{
	fz_enter();
	mip6_node_addr(fz.node, ifindex, a, plen, 0, true, fz.now);
	fz_leave();
}

static void setup_ha(uint8_t variant)
{
	add_iface(1, 0, 0);
	add_iface(2, 0, 0);
	mip6_ha_client_t cl[NCLIENTS];
	memset(cl, 0, sizeof(cl));
	for (unsigned i = 0; i < NCLIENTS; i++) {
		cl[i].hoa = pool[clients[i].pool_idx];
		if (clients[i].keyed)
			cl[i].auth = client_auth[i];
		cl[i].mr_allowed = clients[i].mr;
		cl[i].mcoa_allowed = clients[i].mcoa;
		cl[i].nmnp = clients[i].nmnp;
		for (unsigned k = 0; k < clients[i].nmnp; k++)
			cl[i].mnp[k] = prefixes[clients[i].mnp0 + k];
	}
	mip6_ha_cfg_t c;
	memset(&c, 0, sizeof(c));
	c.home_ifindex = 1;
	c.addr = pool[1];
	c.home_prefix = prefixes[0];
	c.max_lifetime_s = 3600;
	c.preference = 10;
	c.serve_only_clients = (variant & V_SERVE_ONLY) != 0;
	c.nclients = NCLIENTS;
	c.clients = cl;
	fz_enter();
	mip6_node_enable_ha(fz.node, &c);
	fz_leave();
	addr_event(1, &pool[1], 64);
}

static void setup_cn(void)
{
	add_iface(1, 0, 0);
	fz_enter();
	mip6_node_enable_cn(fz.node);
	fz_leave();
	addr_event(1, &pool[6], 64);
}

static void setup_mobile(uint8_t variant, bool mr)
{
	add_iface(1, mr ? 0 : 1, 10);
	if (!(variant & V_ONE_IF))
		add_iface(2, mr ? 0 : 2, 5);
	mip6_md_cfg_t md;
	memset(&md, 0, sizeof(md));
	md.home = prefixes[0];
	md.optimistic_dad = (variant & V_OPTIMISTIC) != 0;
	md.nud_probe_ms = 1000;
	mip6_mn_cfg_t c;
	memset(&c, 0, sizeof(c));
	unsigned ci = mr ? 2 : 0;
	c.hoa = pool[clients[ci].pool_idx];
	c.home_plen = 64;
	if (!(variant & V_DHAAD))
		c.ha = pool[1];
	c.lifetime_s = 600;
	if (mr) {
		c.mr = true;
		c.nemo_explicit = true;
		c.nmnp = 2;
		c.mnp[0] = prefixes[3];
		c.mnp[1] = prefixes[4];
	} else {
		c.mcoa = true;
		c.ro = true;
		c.mcoa_bulk = !(variant & V_NO_BULK);
	}
	if (variant & V_MN_AUTH) {
		c.auth = client_auth[ci];
		fz.mn_auth = &client_auth[ci];
	}
	fz_enter();
	mip6_node_enable_md(fz.node, &md);
	fz_leave();
	fz_enter();
	mip6_node_enable_mn(fz.node, &c);
	fz_leave();
}

static bool setup(prog_t *r)
{
	fz.config = prog_u8(r) % CFG_COUNT;
	uint8_t variant = prog_u8(r);
	uint8_t fail = prog_u8(r);
	fz_env_init((variant & V_TIME_OF_DAY) != 0);
	if (fail) {
		fz.fail_at = fail;
		fz.fail_mask = 1;
	}
	fz_enter();
	fz.node = mip6_node_new(&fz.env, fz.now);
	fz_leave();
	if (!fz.node)
		return false;
	switch (fz.config) {
	case CFG_HA:
		setup_ha(variant);
		break;
	case CFG_CN:
		setup_cn();
		break;
	case CFG_MN:
		setup_mobile(variant, false);
		break;
	case CFG_MR:
		setup_mobile(variant, true);
		break;
	default:
		setup_ha(variant);
		fz_enter();
		mip6_node_enable_cn(fz.node);
		fz_leave();
		break;
	}
	fz.fail_at = 0;
	return true;
}

/* ---- operations ---- */

static int op_status(uint8_t b, uint16_t kind)
{
	switch (b & 3u) {
	case 0:
		return 0;
	case 1:
		return kind == MIP6_OP_DAD ? MIP6_OP_DUPLICATE : MIP6_E_INVAL;
	case 2:
		return MIP6_E_NOMEM;
	default:
		return (int)(int8_t)b >> 2;
	}
}

static void op_time(prog_t *r)
{
	uint8_t mode = prog_u8(r);
	uint16_t amount = prog_u16(r);
	switch (mode & 3u) {
	case 0: {
		mip6_ns_t next = mip6_node_next_timeout(fz.node);
		if (next != MIP6_NS_NEVER && next > fz.now)
			fz.now = next;
		else
			fz.now += MIP6_MS(amount);
		break;
	}
	case 1:
		fz.now += MIP6_MS(amount);
		break;
	case 2:
		fz.now += MIP6_SEC(amount);
		break;
	default: /* a spurious wake-up */
		fz_enter();
		mip6_node_timeout(fz.node, fz.now);
		fz_leave();
		fz_after_timeout();
		break;
	}
	run_due();
}

static void op_answer(uint32_t id, int status)
{
	fz_enter();
	mip6_node_op_result(fz.node, id, status, fz.now);
	fz_leave();
}

static void op_opres(prog_t *r)
{
	uint8_t sel = prog_u8(r), st = prog_u8(r);
	if (sel == 0xff || fz.nops == 0) {
		op_answer(prog_u32(r), op_status(st, 0));
		return;
	}
	unsigned i = sel % fz.nops;
	mip6_op_t op = fz.ops[i];
	if (!(st & 0x80u)) { /* else it stays pending and may be answered twice */
		memmove(&fz.ops[i], &fz.ops[i + 1], sizeof(fz.ops[0]) * (fz.nops - i - 1));
		fz.nops--;
	}
	op_answer(op.id, op_status(st, op.kind));
}

static void op_answer_all(prog_t *r)
{
	uint8_t st = prog_u8(r);
	/* Answering may submit more: those wait for the next call. */
	unsigned n = fz.nops;
	mip6_op_t ops[MAX_OPS];
	memcpy(ops, fz.ops, sizeof(ops[0]) * n);
	fz.nops = 0;
	for (unsigned i = 0; i < n; i++)
		op_answer(ops[i].id, (st & 1u) && ops[i].kind == MIP6_OP_DAD ? MIP6_OP_DUPLICATE
		                     : (st & 2u)                             ? MIP6_E_INVAL
		                                                             : 0);
}

static void bus_in(const uint8_t *p, size_t len)
{
	fz_enter();
	mip6_node_bus_input(fz.node, p, len, fz.now);
	fz_leave();
}

static void op_bus(prog_t *r)
{
	mip6_bus_msg_t m;
	memset(&m, 0, sizeof(m));
	m.type = (uint16_t)(prog_u8(r) % (MIP6_BUS_TYPE_MAX + 2));
	m.cmd = prog_u8(r) % 7u;
	m.status = prog_u8(r) % 4u;
	m.hoa = pick(prog_u8(r));
	m.coa = pick(prog_u8(r));
	m.peer = pick(prog_u8(r));
	uint8_t ps = prog_u8(r);
	m.prefix = prefixes[ps % 8].prefix;
	m.plen = prog_u8(r);
	m.flags = prog_u16(r);
	m.bid = prog_u16(r) % 8u;
	m.ifindex = ifaces[prog_u8(r) & 3u];
	m.lifetime = prog_u16(r);
	m.pref = (uint8_t)(m.lifetime >> 8);
	uint8_t buf[MIP6_BUS_WIRE_MAX];
	int n = mip6_bus_encode(&m, buf, sizeof(buf));
	if (n > 0)
		bus_in(buf, (size_t)n);
}

static void op_bus_raw(prog_t *r)
{
	uint8_t buf[MIP6_BUS_WIRE_MAX + 16];
	size_t n = prog_u8(r) % sizeof(buf);
	for (size_t i = 0; i < n; i++)
		buf[i] = prog_u8(r);
	bus_in(buf, n);
}

static void op_command(prog_t *r)
{
	mip6_bus_msg_t m;
	memset(&m, 0, sizeof(m));
	m.type = MIP6_BUS_COMMAND;
	m.cmd = prog_u8(r) % 7u;
	m.hoa = pick(prog_u8(r));
	m.peer = pick(prog_u8(r));
	m.bid = prog_u16(r) % 8u;
	m.ifindex = ifaces[prog_u8(r) & 3u];
	m.pref = prog_u8(r);
	m.status = prog_u8(r);
	m.flags = prog_u16(r);
	fz_enter();
	int rc = mip6_node_command(fz.node, &m, fz.now);
	fz_leave();
	NODE_CHECK(rc == 0 || rc == MIP6_E_INVAL, "command: unexpected return");
}

/* ---- packets ---- */

#define PKT_CAP 4096
static uint8_t pkt[PKT_CAP];

static void cookie(uint8_t seed, uint8_t out[8])
{
	for (unsigned i = 0; i < 8; i++)
		out[i] = (uint8_t)(seed + 37 * i);
}

static uint16_t bu_flags(uint8_t b)
{
	uint16_t f = 0;
	if (b & 0x01)
		f |= MIP6_BU_F_A;
	if (b & 0x02)
		f |= MIP6_BU_F_H;
	if (b & 0x04)
		f |= MIP6_BU_F_L;
	if (b & 0x08)
		f |= MIP6_BU_F_K;
	if (b & 0x10)
		f |= MIP6_BU_F_R;
	if (b & 0x20)
		f |= 0x0040u; /* O, RFC 5648 4.2 */
	if (b & 0x40)
		f |= MIP6_BU_F_P;
	if (b & 0x80)
		f |= MIP6_BU_F_M;
	return f;
}

static uint8_t ba_status(uint8_t b)
{
	static const uint8_t st[16] = {0,   1,   4,   5,   128, 129, 130, 133,
	                               135, 136, 137, 139, 140, 141, 146, 164};
	return b < 0xf0 ? st[b % 16] : b;
}

static void add_bid(mip6_mh_t *m, uint16_t bid, uint8_t status, uint8_t flags, const mip6_addr_t *coa)
{
	mip6_mhopt_t *o = mip6_mh_add_opt(m, MIP6_OPT_BID);
	if (!o)
		return;
	o->u.bid.bid = bid;
	o->u.bid.status = status;
	o->u.bid.flags = flags;
	if (coa) {
		o->u.bid.coa_len = 16;
		memcpy(o->u.bid.coa, coa->b, 16);
	}
}

static void op_mh(prog_t *r)
{
	mip6_mh_t m;
	uint8_t type = prog_u8(r) % 10u;
	mip6_mh_init(&m, type);
	pkt_hdrs_t h;
	memset(&h, 0, sizeof(h));
	mip6_addr_t hao, rh2;
	h.src = pick(prog_u8(r));
	h.dst = pick(prog_u8(r));
	h.hao = pick_opt(prog_u8(r), &hao);
	h.rh2 = pick_opt(prog_u8(r), &rh2);
	static uint8_t body[64];
	switch (type) {
	case MIP6_MH_HOTI:
	case MIP6_MH_COTI:
		cookie(prog_u8(r), m.u.init.cookie);
		break;
	case MIP6_MH_HOT:
	case MIP6_MH_COT:
		m.u.test.nonce_index = prog_u16(r);
		cookie(prog_u8(r), m.u.test.cookie);
		cookie(prog_u8(r), m.u.test.keygen);
		break;
	case MIP6_MH_BU: {
		m.u.bu.seq = prog_u16(r);
		m.u.bu.flags = bu_flags(prog_u8(r));
		m.u.bu.lifetime = prog_u16(r);
		uint8_t om = prog_u8(r);
		if (om & 1)
			mip6_mh_add_opt(&m, MIP6_OPT_ALTCOA)->u.altcoa = pick(prog_u8(r));
		if (om & 2) {
			uint16_t bid = prog_u16(r);
			uint8_t bf = prog_u8(r);
			mip6_addr_t c;
			const mip6_addr_t *cp = pick_opt(prog_u8(r), &c);
			add_bid(&m, bid, 0, bf & MIP6_BID_F_H, cp);
		}
		if (om & 4) {
			mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_MNP);
			uint8_t ps = prog_u8(r);
			o->u.mnp.prefix = prefixes[ps % 8].prefix;
			o->u.mnp.plen = ps < 0x80 ? prefixes[ps % 8].plen : (uint8_t)(ps & 0x7f);
		}
		if (om & 8) {
			mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_NONCE);
			o->u.nonce.home = prog_u16(r);
			o->u.nonce.careof = prog_u16(r);
			mip6_mh_add_opt(&m, MIP6_OPT_AUTH);
		}
		break;
	}
	case MIP6_MH_BA: {
		m.u.ba.status = ba_status(prog_u8(r));
		m.u.ba.flags = prog_u8(r) & 0xc0u;
		m.u.ba.seq = prog_u16(r);
		m.u.ba.lifetime = prog_u16(r);
		uint8_t om = prog_u8(r);
		if (om & 1)
			add_bid(&m, prog_u16(r), ba_status(prog_u8(r)), 0, NULL);
		if (om & 2)
			mip6_mh_add_opt(&m, MIP6_OPT_BRA)->u.refresh = prog_u16(r);
		break;
	}
	case MIP6_MH_BE:
		m.u.be.status = prog_u8(r);
		m.u.be.home = pick(prog_u8(r));
		break;
	case MIP6_MH_BRR:
		break;
	default: /* an unknown type: Binding Error status 2 */
		m.body_len = prog_u8(r) % sizeof(body);
		for (unsigned i = 0; i < m.body_len; i++)
			body[i] = prog_u8(r);
		m.body = body;
		break;
	}
	size_t n = pk_mh(&m, &h, pkt, PKT_CAP);
	deliver(r, pkt, n, PKT_CAP, true);
}

static uint32_t life(uint8_t b)
{
	static const uint32_t l[8] = {0, 30, 600, 3600, 0xffffffffu, 7200, 1, 86400};
	return l[b & 7u];
}

static void add_nd_opts(prog_t *r, mip6_icmp6_t *m, unsigned count)
{
	for (unsigned i = 0; i < count; i++) {
		uint8_t kind = prog_u8(r), a1 = prog_u8(r), a2 = prog_u8(r);
		static const uint8_t types[6] = {MIP6_ND_OPT_PREFIX,       MIP6_ND_OPT_HA_INFO,
		                                 MIP6_ND_OPT_SLLA,         MIP6_ND_OPT_MTU,
		                                 MIP6_ND_OPT_ADV_INTERVAL, MIP6_ND_OPT_TLLA};
		mip6_nd_opt_t *o = mip6_icmp6_add_opt(m, types[kind % 6]);
		if (!o)
			return;
		switch (o->type) {
		case MIP6_ND_OPT_PREFIX:
			o->u.prefix.plen = a1 < 0x80 ? prefixes[a1 % 8].plen : (uint8_t)(a1 & 0x7f);
			o->u.prefix.prefix = prefixes[a1 % 8].prefix;
			o->u.prefix.flags = (uint8_t)((a2 & 7u) << 5);
			o->u.prefix.valid = life(a2 >> 3);
			o->u.prefix.preferred = (a2 & 0x40) ? o->u.prefix.valid : o->u.prefix.valid / 2;
			if (o->u.prefix.flags & MIP6_PI_F_R) /* the router's own address */
				o->u.prefix.prefix = a1 % 8 == 0 ? pool[1] : pool[21];
			break;
		case MIP6_ND_OPT_HA_INFO:
			o->u.ha_info.pref = (int16_t)(int8_t)a1;
			o->u.ha_info.lifetime = (uint16_t)(a2 * 16u);
			break;
		case MIP6_ND_OPT_SLLA:
		case MIP6_ND_OPT_TLLA:
			o->u.lla.len = 6;
			for (unsigned k = 0; k < 6; k++)
				o->u.lla.addr[k] = (uint8_t)(a1 + k * a2);
			break;
		case MIP6_ND_OPT_MTU:
			o->u.mtu = 1280u + a1 * 8u;
			break;
		default:
			o->u.adv_interval_ms = a1 * 100u;
			break;
		}
	}
}

static void op_icmp(prog_t *r)
{
	static const uint8_t types[15] = {MIP6_ICMP6_ECHO_REQUEST,
	                                  MIP6_ICMP6_ECHO_REPLY,
	                                  MIP6_ICMP6_RS,
	                                  MIP6_ICMP6_RA,
	                                  MIP6_ICMP6_NS,
	                                  MIP6_ICMP6_NA,
	                                  MIP6_ICMP6_DHAAD_REQUEST,
	                                  MIP6_ICMP6_DHAAD_REPLY,
	                                  MIP6_ICMP6_MPS,
	                                  MIP6_ICMP6_MPA,
	                                  MIP6_ICMP6_PARAM_PROB,
	                                  MIP6_ICMP6_DST_UNREACH,
	                                  MIP6_ICMP6_PKT_TOO_BIG,
	                                  MIP6_ICMP6_TIME_EXCEEDED,
	                                  200};
	mip6_icmp6_t m;
	uint8_t type = types[prog_u8(r) % 15];
	mip6_icmp6_init(&m, type);
	pkt_hdrs_t h;
	memset(&h, 0, sizeof(h));
	mip6_addr_t hao, rh2;
	h.src = pick(prog_u8(r));
	h.dst = pick(prog_u8(r));
	h.hao = pick_opt(prog_u8(r), &hao);
	h.rh2 = pick_opt(prog_u8(r), &rh2);
	uint16_t id = prog_u16(r), flags = prog_u16(r);
	uint8_t a = prog_u8(r), nopts = prog_u8(r) % 5u;
	h.hlim = (flags & 1) ? 64 : 255; /* ND needs 255 (RFC 4861 6.1) */
	static uint8_t quoted[96];
	switch (type) {
	case MIP6_ICMP6_ECHO_REQUEST:
	case MIP6_ICMP6_ECHO_REPLY:
		m.u.echo.id = id;
		m.u.echo.seq = flags;
		break;
	case MIP6_ICMP6_RA:
		m.u.ra.hop_limit = 64;
		m.u.ra.flags = (uint8_t)(flags >> 8) & (MIP6_RA_F_M | MIP6_RA_F_O | MIP6_RA_F_H);
		m.u.ra.lifetime = id;
		m.u.ra.reachable = (flags & 2) ? 30000 : 0;
		break;
	case MIP6_ICMP6_NS:
	case MIP6_ICMP6_NA:
		m.u.nd.target = pick(a);
		m.u.nd.flags = type == MIP6_ICMP6_NA ? (uint8_t)(flags >> 8) & 0xe0u : 0;
		break;
	case MIP6_ICMP6_DHAAD_REQUEST:
		m.u.dhaad_req.id = id;
		m.u.dhaad_req.flags = flags & MIP6_DHAAD_F_R;
		break;
	case MIP6_ICMP6_DHAAD_REPLY:
		m.u.dhaad_rep.id = id;
		m.u.dhaad_rep.flags = flags & MIP6_DHAAD_F_R;
		m.u.dhaad_rep.naddrs = nopts;
		for (unsigned i = 0; i < nopts; i++)
			m.u.dhaad_rep.addrs[i] = pick((uint8_t)(a + i));
		nopts = 0;
		break;
	case MIP6_ICMP6_MPS:
		m.u.mps.id = id;
		break;
	case MIP6_ICMP6_MPA:
		m.u.mpa.id = id;
		m.u.mpa.flags = flags & (MIP6_MPA_F_M | MIP6_MPA_F_O);
		break;
	case MIP6_ICMP6_PARAM_PROB:
	case MIP6_ICMP6_DST_UNREACH:
	case MIP6_ICMP6_PKT_TOO_BIG:
	case MIP6_ICMP6_TIME_EXCEEDED: {
		/* Quotes a packet the node might have sent: a BU from a HoA. */
		m.u.err.param = type == MIP6_ICMP6_PKT_TOO_BIG ? 1280u : a;
		m.code = (uint8_t)(flags & 3u);
		pkt_hdrs_t q;
		memset(&q, 0, sizeof(q));
		q.src = pick(a);
		q.dst = pick((uint8_t)(a >> 1));
		mip6_mh_t bu;
		mip6_mh_init(&bu, MIP6_MH_BU);
		bu.u.bu.seq = id;
		bu.u.bu.flags = MIP6_BU_F_A | MIP6_BU_F_H;
		size_t qn = pk_mh(&bu, &q, quoted, sizeof(quoted));
		m.body = quoted;
		m.body_len = (unsigned)qn;
		break;
	}
	default:
		break;
	}
	add_nd_opts(r, &m, nopts);
	size_t n = pk_icmp6(&m, &h, pkt, PKT_CAP);
	deliver(r, pkt, n, PKT_CAP, true);
}

static void op_data(prog_t *r)
{
	pkt_hdrs_t h;
	memset(&h, 0, sizeof(h));
	mip6_addr_t hao, rh2;
	h.src = pick(prog_u8(r));
	h.dst = pick(prog_u8(r));
	h.hao = pick_opt(prog_u8(r), &hao);
	h.rh2 = pick_opt(prog_u8(r), &rh2);
	uint16_t sp = prog_u16(r), dp = prog_u16(r);
	uint8_t body[64];
	size_t dl = prog_u8(r) % sizeof(body);
	for (size_t i = 0; i < dl; i++)
		body[i] = prog_u8(r);
	h.hlim = (uint8_t)(sp & 0xff) < 4 ? (uint8_t)(sp & 3u) : 64; /* sometimes about to expire */
	size_t n = pk_udp(&h, sp, dp, body, dl, pkt, PKT_CAP);
	deliver(r, pkt, n, PKT_CAP, true);
}

static void op_raw(prog_t *r)
{
	size_t n = prog_u16(r) % 1500u;
	for (size_t i = 0; i < n; i++)
		pkt[i] = prog_u8(r);
	/* Often an IPv6 header with the right payload length. */
	if (n >= 40 && (pkt[0] & 1)) {
		pkt[0] = 0x60;
		pkt[4] = (uint8_t)((n - 40) >> 8);
		pkt[5] = (uint8_t)(n - 40);
	}
	deliver(r, pkt, n, PKT_CAP, false);
}

/* RFC 4285 timestamps: near the HA's time of day when it has one, else
 * ever increasing. */
static uint64_t timestamp(uint8_t delta)
{
	static uint64_t counter;
	if (fz.env.time_of_day) {
		uint64_t secs = 3976000000ull + fz.now / 1000000000ull;
		return ((secs + (uint64_t)(int8_t)delta) << 32) | (fz.now % 1000000000ull);
	}
	return ++counter + delta;
}

/* A Binding Update as a mobile node would send it to the node (an HA or a
 * CN): options chosen by a mask, signed right when the client has a key. */
static void op_bu(prog_t *r)
{
	uint8_t ci = prog_u8(r);
	mip6_addr_t hoa = ci < 0x80 ? pool[clients[ci % NCLIENTS].pool_idx] : pick(ci);
	const client_def_t *cd = &clients[ci % NCLIENTS];
	mip6_addr_t coa = pick(prog_u8(r));
	mip6_addr_t dst = pick(prog_u8(r));
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BU);
	m.u.bu.seq = prog_u16(r);
	m.u.bu.flags = bu_flags(prog_u8(r));
	m.u.bu.lifetime = prog_u16(r);
	uint8_t om = prog_u8(r), nb = prog_u8(r), extra = prog_u8(r);
	mip6_addr_t alt = coa;
	if (om & 0x01) {
		alt = pick(extra);
		mip6_mh_add_opt(&m, MIP6_OPT_ALTCOA)->u.altcoa = alt;
	}
	if (om & 0x02) {
		/* nb: count (low 2 bits + 1), first BID (next 3 bits), CoAs in
		 * the options (bit 5), H flag (bit 6). */
		unsigned cnt = (nb & 3u) + 1;
		for (unsigned i = 0; i < cnt; i++) {
			mip6_addr_t c = pick((uint8_t)(8 + i));
			add_bid(&m, (uint16_t)(((nb >> 2) & 7u) + 1 + i), 0, (nb & 0x40) ? MIP6_BID_F_H : 0,
			        (nb & 0x20) ? &c : NULL);
		}
	}
	if (om & 0x04) {
		for (unsigned k = 0; k < cd->nmnp; k++) {
			mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_MNP);
			o->u.mnp.prefix = prefixes[cd->mnp0 + k].prefix;
			o->u.mnp.plen = prefixes[cd->mnp0 + k].plen;
		}
		if (cd->nmnp == 0 || (nb & 0x80)) { /* one it may not claim */
			mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_MNP);
			o->u.mnp.prefix = prefixes[(extra % 6) + 1].prefix;
			o->u.mnp.plen = prefixes[(extra % 6) + 1].plen;
		}
	}
	const mip6_auth_cfg_t *au = &client_auth[ci % NCLIENTS];
	if (om & 0x08) {
		mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_MNID);
		o->u.mnid.subtype = MIP6_MNID_SUBTYPE_NAI;
		o->len = (uint8_t)(1 + au->nai_len);
		o->u.mnid.id = au->nai;
	}
	if (om & 0x10)
		mip6_mh_add_opt(&m, MIP6_OPT_MESGID)->u.timestamp = timestamp(extra);
	bool sign = (om & 0x20) != 0;
	if (sign) {
		mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_MNAUTH);
		o->len = 5 + MIP6_MNHA_AUTH_LEN;
		o->u.mnauth.subtype = MIP6_MNAUTH_SUBTYPE_MNHA;
		o->u.mnauth.spi = au->spi;
	}
	bool no_hao = (om & 0x40) != 0; /* sent from the home address itself */
	pkt_hdrs_t h;
	memset(&h, 0, sizeof(h));
	h.src = no_hao ? hoa : coa;
	h.dst = dst;
	h.hao = no_hao ? NULL : &hoa;
	size_t n = pk_mh(&m, &h, pkt, PKT_CAP);
	bool pristine = true;
	if (n && sign) {
		size_t off, ul;
		if (pk_upper(pkt, n, &off, &ul)) {
			mip6_addr_t k_coa = (om & 0x01) ? alt : h.src;
			/* The checksum source is the home address either way. */
			mip6_auth_sign_mh(pkt + off, ul, au->key, au->key_len, &k_coa, &hoa, &hoa, &dst);
			static mip6_mh_t parsed;
			mip6_diag_t dg = {0};
			if ((om & 0x80) &&
			    mip6_mh_parse(pkt + off, ul, NULL, NULL, MIP6_DEC_STRICT, &parsed, &dg) == 0 &&
			    parsed.nopts > 0 && parsed.opts[parsed.nopts - 1].type == MIP6_OPT_MNAUTH) {
				/* A wrong authenticator. */
				size_t at =
				    (size_t)(parsed.opts[parsed.nopts - 1].u.mnauth.auth - (pkt + off));
				pkt[off + at] ^= 0x01;
				mip6_mh_set_cksum(pkt + off, ul, &hoa, &dst);
			}
		}
	}
	deliver(r, pkt, n, PKT_CAP, pristine);
}

/* Answers to what the node sent, as its peer would. */
static void reply_ba(prog_t *r, const seen_bu_t *b, bool from_cn)
{
	uint8_t st = prog_u8(r), fl = prog_u8(r);
	uint16_t lt = prog_u16(r);
	if (!b->valid)
		return;
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BA);
	m.u.ba.status = ba_status(st);
	m.u.ba.seq = (fl & 0x01) ? (uint16_t)(b->seq + 1) : b->seq;
	m.u.ba.lifetime = (fl & 0x02) ? lt : b->lifetime;
	if (b->flags & MIP6_BU_F_R)
		m.u.ba.flags |= MIP6_BA_F_R;
	if (fl & 0x04)
		m.u.ba.flags ^= MIP6_BA_F_K;
	for (unsigned i = 0; i < b->nbid; i++)
		add_bid(&m, b->bid[i], (fl & 0x08) && i == 0 ? ba_status(st >> 4) : 0, 0, NULL);
	if (fl & 0x10)
		mip6_mh_add_opt(&m, MIP6_OPT_BRA)->u.refresh = (uint16_t)(lt & 0xff);
	bool sign = from_cn && !(fl & 0x20);
	if (sign) /* RFC 6275 6.1.8: a correspondent's BA carries its authenticator */
		mip6_mh_add_opt(&m, MIP6_OPT_AUTH);
	/* RFC 4285: the HA's BA to a keyed MN carries its identifier, the
	 * timestamp of the BU and the MN-HA authenticator, last. */
	const mip6_auth_cfg_t *au = !from_cn && !(fl & 0x40) ? fz.mn_auth : NULL;
	if (au) {
		mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_MNID);
		o->u.mnid.subtype = MIP6_MNID_SUBTYPE_NAI;
		o->len = (uint8_t)(1 + au->nai_len);
		o->u.mnid.id = au->nai;
		mip6_mh_add_opt(&m, MIP6_OPT_MESGID)->u.timestamp = b->has_ts ? b->ts : 0;
		o = mip6_mh_add_opt(&m, MIP6_OPT_MNAUTH);
		o->len = 5 + MIP6_MNHA_AUTH_LEN;
		o->u.mnauth.subtype = MIP6_MNAUTH_SUBTYPE_MNHA;
		o->u.mnauth.spi = au->spi;
	}
	pkt_hdrs_t h;
	memset(&h, 0, sizeof(h));
	h.src = b->dst;
	bool home = mip6_addr_eq(&b->src, &b->hoa);
	h.dst = b->src;
	if (!home)
		h.rh2 = &b->hoa;
	size_t n = pk_mh(&m, &h, pkt, PKT_CAP);
	size_t off, ul;
	if (n && sign && pk_upper(pkt, n, &off, &ul)) {
		uint8_t kbm[MIP6_KBM_LEN];
		mip6_rr_kbm(fz.my_keygen[0], home ? NULL : fz.my_keygen[1], kbm);
		mip6_rr_sign_mh(pkt + off, ul, kbm, &b->src, &b->dst, &b->dst, &b->hoa);
	}
	if (n && au && pk_upper(pkt, n, &off, &ul))
		mip6_auth_sign_mh(pkt + off, ul, au->key, au->key_len, &b->src, &b->hoa, &b->dst, &b->hoa);
	deliver(r, pkt, n, PKT_CAP, true);
}

static void reply_test(prog_t *r, bool home)
{
	uint16_t idx = prog_u16(r);
	uint8_t kg = prog_u8(r);
	const seen_init_t *s = home ? &fz.hoti : &fz.coti;
	if (!s->valid) {
		prog_u8(r);
		return;
	}
	mip6_mh_t m;
	mip6_mh_init(&m, home ? MIP6_MH_HOT : MIP6_MH_COT);
	m.u.test.nonce_index = idx;
	memcpy(m.u.test.cookie, s->cookie, 8);
	cookie(kg, m.u.test.keygen);
	memcpy(fz.my_keygen[home ? 0 : 1], m.u.test.keygen, 8);
	pkt_hdrs_t h;
	memset(&h, 0, sizeof(h));
	h.src = s->dst;
	h.dst = s->src;
	size_t n = pk_mh(&m, &h, pkt, PKT_CAP);
	/* The HoTI went through the reverse tunnel: the HoT comes back through
	 * the HA (RFC 6275 5.2.5). */
	if (n && home && !mip6_addr_eq(&s->outer_src, &s->src))
		n = pk_encap(pkt, n, PKT_CAP, &s->outer_dst, &s->outer_src);
	deliver(r, pkt, n, PKT_CAP, true);
}

/* A BU to the node as CN, signed with the tokens of its last HoT and CoT
 * (RFC 6275 5.2.6): what a mobile node does after return routability. */
static void reply_rr_bu(prog_t *r)
{
	uint16_t seq = prog_u16(r);
	uint8_t fl = prog_u8(r);
	uint16_t lt = prog_u16(r);
	if (!fz.hot.valid)
		return;
	bool dereg = (fl & 0x80) || !fz.cot.valid;
	mip6_addr_t hoa = fz.hot.dst, cn = fz.hot.src;
	mip6_addr_t coa = dereg ? hoa : fz.cot.dst;
	mip6_mh_t m;
	mip6_mh_init(&m, MIP6_MH_BU);
	m.u.bu.seq = seq;
	m.u.bu.flags = bu_flags(fl & 0x0du);
	m.u.bu.lifetime = dereg ? 0 : lt;
	mip6_mhopt_t *o = mip6_mh_add_opt(&m, MIP6_OPT_NONCE);
	o->u.nonce.home = fz.hot.nonce_index;
	o->u.nonce.careof = fz.cot.valid ? fz.cot.nonce_index : 0;
	mip6_mh_add_opt(&m, MIP6_OPT_AUTH);
	pkt_hdrs_t h;
	memset(&h, 0, sizeof(h));
	h.src = coa;
	h.dst = cn;
	h.hao = dereg ? NULL : &hoa;
	size_t n = pk_mh(&m, &h, pkt, PKT_CAP);
	size_t off, ul;
	if (n && pk_upper(pkt, n, &off, &ul)) {
		uint8_t kbm[MIP6_KBM_LEN];
		mip6_rr_kbm(fz.hot.keygen, dereg ? NULL : fz.cot.keygen, kbm);
		mip6_rr_sign_mh(pkt + off, ul, kbm, &coa, &cn, &hoa, &cn);
	}
	deliver(r, pkt, n, PKT_CAP, true);
}

static void reply_dhaad(prog_t *r)
{
	uint8_t a = prog_u8(r);
	if (!fz.dhaad_valid)
		return;
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_DHAAD_REPLY);
	m.u.dhaad_rep.id = (a & 0x80) ? (uint16_t)(fz.dhaad_id + 1) : fz.dhaad_id;
	m.u.dhaad_rep.naddrs = (a & 3u);
	for (unsigned i = 0; i < m.u.dhaad_rep.naddrs; i++)
		m.u.dhaad_rep.addrs[i] = i == 0 ? pool[1] : pool[20];
	pkt_hdrs_t h;
	memset(&h, 0, sizeof(h));
	h.src = pool[1];
	h.dst = fz.dhaad_src;
	size_t n = pk_icmp6(&m, &h, pkt, PKT_CAP);
	deliver(r, pkt, n, PKT_CAP, true);
}

static void reply_mpa(prog_t *r)
{
	uint8_t a = prog_u8(r);
	if (!fz.mps_valid || !fz.bu_home.valid)
		return;
	mip6_icmp6_t m;
	mip6_icmp6_init(&m, MIP6_ICMP6_MPA);
	m.u.mpa.id = fz.mps_id;
	mip6_nd_opt_t *o = mip6_icmp6_add_opt(&m, MIP6_ND_OPT_PREFIX);
	o->u.prefix.plen = 64;
	o->u.prefix.prefix = (a & 1) ? prefixes[6].prefix : prefixes[0].prefix;
	o->u.prefix.flags = MIP6_PI_F_L | MIP6_PI_F_A;
	o->u.prefix.valid = life(a >> 1);
	o->u.prefix.preferred = o->u.prefix.valid / 2;
	pkt_hdrs_t h;
	memset(&h, 0, sizeof(h));
	h.src = pool[1];
	h.dst = fz.bu_home.src;
	h.rh2 = &fz.mps_src;
	size_t n = pk_icmp6(&m, &h, pkt, PKT_CAP);
	deliver(r, pkt, n, PKT_CAP, true);
}

/* A BRR or a BE from the correspondent of the node's RO binding. */
static void reply_brr(prog_t *r)
{
	uint8_t a = prog_u8(r);
	const seen_bu_t *b = &fz.bu_cn;
	if (!b->valid)
		return;
	mip6_mh_t m;
	mip6_mh_init(&m, (a & 1) ? MIP6_MH_BE : MIP6_MH_BRR);
	if (a & 1) {
		m.u.be.status = (a & 2) ? MIP6_BE_UNKNOWN_MH : MIP6_BE_UNKNOWN_HAO;
		m.u.be.home = b->hoa;
	}
	pkt_hdrs_t h;
	memset(&h, 0, sizeof(h));
	h.src = b->dst;
	h.dst = b->src;
	if (!(a & 1) && !mip6_addr_eq(&b->src, &b->hoa))
		h.rh2 = &b->hoa;
	size_t n = pk_mh(&m, &h, pkt, PKT_CAP);
	deliver(r, pkt, n, PKT_CAP, true);
}

static void op_reply(prog_t *r)
{
	switch (prog_u8(r) % 8u) {
	case 0:
		reply_ba(r, &fz.bu_home, false);
		break;
	case 1:
		reply_test(r, true);
		break;
	case 2:
		reply_test(r, false);
		break;
	case 3:
		reply_ba(r, &fz.bu_cn, true);
		break;
	case 4:
		reply_rr_bu(r);
		break;
	case 5:
		reply_dhaad(r);
		break;
	case 6:
		reply_mpa(r);
		break;
	default:
		reply_brr(r);
		break;
	}
}

static void run_op(prog_t *r, uint8_t op)
{
	switch (op % OP_COUNT) {
	case OP_TIME:
		op_time(r);
		break;
	case OP_LINK: {
		uint8_t i = prog_u8(r), up = prog_u8(r);
		fz_enter();
		mip6_node_link(fz.node, ifaces[i & 3u], up & 1u, fz.now);
		fz_leave();
		break;
	}
	case OP_ADDR: {
		uint8_t i = prog_u8(r), a = prog_u8(r), plen = prog_u8(r), fl = prog_u8(r), add = prog_u8(r);
		mip6_addr_t ad = pick(a);
		fz_enter();
		mip6_node_addr(fz.node, ifaces[i & 3u], &ad, plen > 128 ? 64 : plen, fl & 0x1fu, add & 1u,
		               fz.now);
		fz_leave();
		break;
	}
	case OP_OPRES:
		op_opres(r);
		break;
	case OP_ANSWER_ALL:
		op_answer_all(r);
		break;
	case OP_BUS:
		op_bus(r);
		break;
	case OP_BUS_RAW:
		op_bus_raw(r);
		break;
	case OP_COMMAND:
		op_command(r);
		break;
	case OP_ALLOC_FAIL: {
		uint8_t after = prog_u8(r);
		uint32_t mask = prog_u32(r);
		fz.fail_at = after == 0xff ? 0 : fz.alloc_count + 1 + after;
		fz.fail_mask = mask;
		break;
	}
	case OP_ERRRATE: {
		uint8_t b = prog_u8(r), p = prog_u8(r);
		fz_enter();
		int rc = mip6_node_set_error_rate(fz.node, b, p);
		fz_leave();
		NODE_CHECK(rc == 0, "error rate within the limit refused");
		break;
	}
	case OP_MH:
		op_mh(r);
		break;
	case OP_ICMP:
		op_icmp(r);
		break;
	case OP_DATA:
		op_data(r);
		break;
	case OP_RAW:
		op_raw(r);
		break;
	case OP_REPLY:
		op_reply(r);
		break;
	default:
		op_bu(r);
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool inited;
	if (!inited) {
		inited = true;
		init_tables();
		debug = getenv("FUZZ_NODE_DEBUG") != NULL;
		fz_debug = debug;
	}
	memset(&fz, 0, sizeof(fz));
	fz.now = MIP6_SEC(1000);
	fz.rng = 0x9e3779b97f4a7c15ull ^ size;
	fz.input_pristine = true;
	prog_t r = {data, size, 0};
	if (setup(&r)) {
		unsigned steps = 0;
		while (!prog_done(&r) && steps++ < 400) {
			uint8_t op = prog_u8(&r);
			if (debug)
				fprintf(stderr, "op %u (%u) at %llu ms: %u ops pending, %llu sent\n",
				        op % OP_COUNT, op, (unsigned long long)(fz.now / 1000000u), fz.nops,
				        (unsigned long long)fz.sent);
			run_op(&r, op);
		}
		if (debug) {
			const mip6_stats_t *s = mip6_node_stats(fz.node);
			fprintf(stderr,
			        "end: sent %llu delivered %llu rx_mh %llu tx_mh %llu ba_sent[0] %llu "
			        "ba_rcvd[0] %llu "
			        "ba_rcvd[1] %llu drop_auth %llu encap %llu decap %llu\n",
			        (unsigned long long)fz.sent, (unsigned long long)fz.delivered,
			        (unsigned long long)s->rx_mh, (unsigned long long)s->tx_mh,
			        (unsigned long long)s->ba_sent[0], (unsigned long long)s->ba_rcvd[0],
			        (unsigned long long)s->ba_rcvd[1], (unsigned long long)s->drop_auth,
			        (unsigned long long)s->mip6_dp_encap, (unsigned long long)s->dp_decap);
		}
	}
	if (fz.node) {
		fz_enter();
		mip6_node_free(fz.node);
		fz.node = NULL;
		fz_leave();
	}
	fz_check_free();
	return 0;
}
