/* SPDX-License-Identifier: BSD-3-Clause */
/* The mobility bus: typed messages, subscription by type, queued delivery,
 * and the byte encoding for components outside the core. */
#include "mip6/bus.h"
#include "mip6/err.h"
#include "wire/bytes.h"

/* Which fields each message type carries on the wire, in this order. */
enum {
	F_CMD = 1u << 0, F_STATUS = 1u << 1, F_PLEN = 1u << 2, F_NODETYPE = 1u << 3,
	F_FLAGS = 1u << 4, F_BID = 1u << 5, F_IFINDEX = 1u << 6, F_LIFETIME = 1u << 7,
	F_HOA = 1u << 8, F_COA = 1u << 9, F_PEER = 1u << 10, F_PREFIX = 1u << 11,
	F_PREF = 1u << 12
};

static const uint16_t type_fields[MIP6_BUS_TYPE_MAX + 1] = {
	[MIP6_BUS_NODETYPE_INFO] = F_CMD | F_NODETYPE,
	[MIP6_BUS_BC_ADD] = F_FLAGS | F_BID | F_IFINDEX | F_LIFETIME | F_HOA | F_COA | F_PEER,
	[MIP6_BUS_BC_REMOVE] = F_FLAGS | F_BID | F_HOA | F_PEER,
	[MIP6_BUS_BC_FLUSH] = 0,
	[MIP6_BUS_BUL_ADD] = F_FLAGS | F_BID | F_IFINDEX | F_LIFETIME | F_HOA | F_COA | F_PEER,
	[MIP6_BUS_BUL_REMOVE] = F_FLAGS | F_BID | F_HOA | F_PEER,
	[MIP6_BUS_BUL_FLUSH] = 0,
	[MIP6_BUS_MD_INFO] = F_CMD | F_FLAGS | F_BID | F_IFINDEX | F_HOA | F_COA,
	[MIP6_BUS_HOME_HINT] = F_PLEN | F_IFINDEX | F_PREFIX,
	[MIP6_BUS_RR_HINT] = F_HOA | F_PEER,
	[MIP6_BUS_BE_HINT] = F_STATUS | F_HOA | F_COA | F_PEER,
	[MIP6_BUS_DAD] = F_CMD | F_STATUS | F_IFINDEX | F_COA,
	[MIP6_BUS_MNP_ROUTE] = F_CMD | F_PLEN | F_FLAGS | F_BID | F_HOA | F_COA | F_PREFIX,
	[MIP6_BUS_COMMAND] = F_CMD | F_STATUS | F_PREF | F_FLAGS | F_BID | F_IFINDEX | F_HOA | F_PEER,
};

static const char *const type_names[MIP6_BUS_TYPE_MAX + 1] = {
	[MIP6_BUS_NODETYPE_INFO] = "NODETYPE_INFO", [MIP6_BUS_BC_ADD] = "BC_ADD",
	[MIP6_BUS_BC_REMOVE] = "BC_REMOVE", [MIP6_BUS_BC_FLUSH] = "BC_FLUSH",
	[MIP6_BUS_BUL_ADD] = "BUL_ADD", [MIP6_BUS_BUL_REMOVE] = "BUL_REMOVE",
	[MIP6_BUS_BUL_FLUSH] = "BUL_FLUSH", [MIP6_BUS_MD_INFO] = "MD_INFO",
	[MIP6_BUS_HOME_HINT] = "HOME_HINT", [MIP6_BUS_RR_HINT] = "RR_HINT",
	[MIP6_BUS_BE_HINT] = "BE_HINT", [MIP6_BUS_DAD] = "DAD", [MIP6_BUS_MNP_ROUTE] = "MNP_ROUTE",
	[MIP6_BUS_COMMAND] = "COMMAND",
};

const char *mip6_bus_type_name(uint16_t type)
{
	return type >= 1 && type <= MIP6_BUS_TYPE_MAX ? type_names[type] : NULL;
}

void mip6_bus_init(mip6_bus_t *bus)
{
	memset(bus, 0, sizeof(*bus));
	bus->next_seq = 1;
}

int mip6_bus_subscribe(mip6_bus_t *bus, uint32_t mask, mip6_bus_handler_t fn, void *component)
{
	if (bus->nsubs == MIP6_BUS_MAX_SUBS)
		return MIP6_E_NOSPC;
	bus->subs[bus->nsubs].mask = mask;
	bus->subs[bus->nsubs].fn = fn;
	bus->subs[bus->nsubs].component = component;
	bus->nsubs++;
	return 0;
}

void mip6_bus_unsubscribe(mip6_bus_t *bus, void *component)
{
	unsigned j = 0;
	for (unsigned i = 0; i < bus->nsubs; i++)
		if (bus->subs[i].component != component)
			bus->subs[j++] = bus->subs[i];
	bus->nsubs = j;
}

int64_t mip6_bus_publish(mip6_bus_t *bus, const mip6_bus_msg_t *m)
{
	if (m->type < 1 || m->type > MIP6_BUS_TYPE_MAX)
		return MIP6_E_TYPE;
	if (bus->count == MIP6_BUS_QUEUE) {
		bus->dropped++;
		return MIP6_E_NOSPC;
	}
	mip6_bus_msg_t *slot = &bus->queue[(bus->head + bus->count++) % MIP6_BUS_QUEUE];
	*slot = *m;
	slot->seq = bus->next_seq++;
	return slot->seq;
}

unsigned mip6_bus_dispatch(mip6_bus_t *bus, mip6_ns_t now)
{
	unsigned delivered = 0;
	while (bus->count) {
		/* Copy out first: handlers may publish into the freed slot. */
		mip6_bus_msg_t m = bus->queue[bus->head];
		bus->head = (bus->head + 1) % MIP6_BUS_QUEUE;
		bus->count--;
		for (unsigned i = 0; i < bus->nsubs; i++)
			if (bus->subs[i].mask & MIP6_BUS_MASK(m.type))
				bus->subs[i].fn(bus->subs[i].component, &m, now);
		delivered++;
	}
	return delivered;
}

static size_t body_len(uint16_t f)
{
	size_t n = 0;
	n += (f & F_CMD) ? 1 : 0;
	n += (f & F_STATUS) ? 1 : 0;
	n += (f & F_PLEN) ? 1 : 0;
	n += (f & F_NODETYPE) ? 1 : 0;
	n += (f & F_PREF) ? 1 : 0;
	n += (f & F_FLAGS) ? 2 : 0;
	n += (f & F_BID) ? 2 : 0;
	n += (f & F_IFINDEX) ? 4 : 0;
	n += (f & F_LIFETIME) ? 4 : 0;
	n += 16u * (((f & F_HOA) != 0) + ((f & F_COA) != 0) + ((f & F_PEER) != 0) + ((f & F_PREFIX) != 0));
	return n;
}

int mip6_bus_encode(const mip6_bus_msg_t *m, uint8_t *out, size_t cap)
{
	if (m->type < 1 || m->type > MIP6_BUS_TYPE_MAX)
		return MIP6_E_TYPE;
	uint16_t f = type_fields[m->type];
	size_t len = 8 + body_len(f);
	if (len > cap)
		return MIP6_E_NOSPC;
	put16(out, m->type);
	put16(out + 2, (uint16_t)len);
	put32(out + 4, m->seq);
	uint8_t *p = out + 8;
	if (f & F_CMD)
		*p++ = m->cmd;
	if (f & F_STATUS)
		*p++ = m->status;
	if (f & F_PLEN)
		*p++ = m->plen;
	if (f & F_NODETYPE)
		*p++ = m->nodetype;
	if (f & F_PREF)
		*p++ = m->pref;
	if (f & F_FLAGS) {
		put16(p, m->flags);
		p += 2;
	}
	if (f & F_BID) {
		put16(p, m->bid);
		p += 2;
	}
	if (f & F_IFINDEX) {
		put32(p, m->ifindex);
		p += 4;
	}
	if (f & F_LIFETIME) {
		put32(p, m->lifetime);
		p += 4;
	}
	const mip6_addr_t *addrs[] = {&m->hoa, &m->coa, &m->peer, &m->prefix};
	for (unsigned i = 0; i < 4; i++) {
		if (f & (F_HOA << i)) {
			put_addr(p, addrs[i]);
			p += 16;
		}
	}
	return (int)len;
}

int mip6_bus_decode(const uint8_t *p, size_t len, mip6_bus_msg_t *m)
{
	if (len < 8)
		return MIP6_E_TRUNC;
	memset(m, 0, sizeof(*m));
	m->type = get16(p);
	if (m->type < 1 || m->type > MIP6_BUS_TYPE_MAX)
		return MIP6_E_TYPE;
	uint16_t f = type_fields[m->type];
	size_t want = 8 + body_len(f);
	if (get16(p + 2) != want)
		return MIP6_E_LEN;
	if (len < want)
		return MIP6_E_TRUNC;
	m->seq = get32(p + 4);
	p += 8;
	if (f & F_CMD)
		m->cmd = *p++;
	if (f & F_STATUS)
		m->status = *p++;
	if (f & F_PLEN)
		m->plen = *p++;
	if (f & F_NODETYPE)
		m->nodetype = *p++;
	if (f & F_PREF)
		m->pref = *p++;
	if (f & F_FLAGS) {
		m->flags = get16(p);
		p += 2;
	}
	if (f & F_BID) {
		m->bid = get16(p);
		p += 2;
	}
	if (f & F_IFINDEX) {
		m->ifindex = get32(p);
		p += 4;
	}
	if (f & F_LIFETIME) {
		m->lifetime = get32(p);
		p += 4;
	}
	mip6_addr_t *addrs[] = {&m->hoa, &m->coa, &m->peer, &m->prefix};
	for (unsigned i = 0; i < 4; i++) {
		if (f & (F_HOA << i)) {
			get_addr(addrs[i], p);
			p += 16;
		}
	}
	return (int)want;
}
