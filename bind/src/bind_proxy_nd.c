/* SPDX-License-Identifier: BSD-3-Clause */
#include "mip6/bind_proxy_nd.h"

#include <string.h>

#include "mip6/err.h"
#include "mip6/icmp6.h"
#include "mip6/ipv6.h"
#include "mip6/packet.h"

void mip6_bind_proxy_init(mip6_bind_proxy_t *p, mip6_bind_proxy_entry_t *storage, size_t cap)
{
	p->v = storage;
	p->n = 0;
	p->cap = cap;
}

static size_t find(const mip6_bind_proxy_t *p, uint32_t ifindex, const mip6_addr_t *addr)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].ifindex == ifindex && mip6_addr_eq(&p->v[i].addr, addr))
			return i;
	return p->n;
}

bool mip6_bind_proxy_has(const mip6_bind_proxy_t *p, uint32_t ifindex, const mip6_addr_t *addr)
{
	return find(p, ifindex, addr) < p->n;
}

int mip6_bind_proxy_add(mip6_bind_proxy_t *p, uint32_t ifindex, const mip6_addr_t *addr)
{
	if (ifindex == 0)
		return MIP6_E_INVAL;
	if (mip6_bind_proxy_has(p, ifindex, addr))
		return 0;
	if (p->n == p->cap)
		return MIP6_E_NOSPC;
	p->v[p->n].ifindex = ifindex;
	p->v[p->n].addr = *addr;
	p->n++;
	return 0;
}

int mip6_bind_proxy_del(mip6_bind_proxy_t *p, uint32_t ifindex, const mip6_addr_t *addr)
{
	size_t i = find(p, ifindex, addr);
	if (i == p->n)
		return MIP6_E_INVAL;
	memmove(&p->v[i], &p->v[i + 1], (p->n - i - 1) * sizeof(*p->v));
	p->n--;
	return 0;
}

int mip6_bind_proxy_op(mip6_bind_proxy_t *p, const mip6_op_t *op)
{
	switch (op->kind) {
	case MIP6_OP_PROXY_ND_ADD:
		return mip6_bind_proxy_add(p, op->ifindex, &op->addr);
	case MIP6_OP_PROXY_ND_DEL:
		return mip6_bind_proxy_del(p, op->ifindex, &op->addr);
	default:
		return MIP6_E_INVAL;
	}
}

/* ff02::1:ffXX:XXXX for the target's low 24 bits (RFC 4291 2.7.1). */
static bool is_solicited_node_of(const mip6_addr_t *dst, const mip6_addr_t *target)
{
	static const uint8_t pfx[13] = {0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff};
	return memcmp(dst->b, pfx, sizeof(pfx)) == 0 && memcmp(dst->b + 13, target->b + 13, 3) == 0;
}

int mip6_bind_proxy_answer(const mip6_bind_proxy_t *p, uint32_t ifindex, const mip6_bind_proxy_if_t *me,
                           const uint8_t *pkt, size_t len, uint8_t *out, size_t cap, mip6_addr_t *dst)
{
	/* Cheap test first: most packets are not an NS without extension headers. */
	if (len < MIP6_IP6_HLEN + 24 || pkt[6] != MIP6_PROTO_ICMPV6 || pkt[40] != MIP6_ICMP6_NS)
		return 0;
	mip6_pkt_t pk;
	/* Strict: checksum, code 0, length, options, no SLLA from :: (7.1.1). */
	if (mip6_pkt_parse(pkt, len, MIP6_DEC_STRICT, &pk) != 0 || pk.nlayers != 1 || pk.ul != MIP6_UL_ICMP6)
		return 0;
	const mip6_ip6_t *ip = &pk.layer[0].ip;
	const mip6_addr_t *target = &pk.icmp6.u.nd.target;
	if (ip->hlim != 255 || target->b[0] == 0xff) /* RFC 4861 7.1.1 */
		return 0;
	const bool dad = mip6_addr_is_unspec(&ip->src);
	if (dad && !is_solicited_node_of(&ip->dst, target))
		return 0;
	if (!mip6_bind_proxy_has(p, ifindex, target))
		return 0;

	mip6_icmp6_t na;
	mip6_icmp6_init(&na, MIP6_ICMP6_NA);
	na.u.nd.flags = dad ? 0 : MIP6_NA_F_S;
	na.u.nd.target = *target;
	mip6_nd_opt_t *o = mip6_icmp6_add_opt(&na, MIP6_ND_OPT_TLLA);
	uint8_t lla_len = me->lladdr_len < MIP6_LLA_MAX ? me->lladdr_len : MIP6_LLA_MAX;
	o->u.lla.len = lla_len;
	memcpy(o->u.lla.addr, me->lladdr, lla_len);

	mip6_addr_t to =
	    *(dad ? &(mip6_addr_t){{0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}} : &ip->src);
	if (cap < MIP6_IP6_HLEN)
		return MIP6_E_NOSPC;
	int n = mip6_icmp6_emit(&na, &me->src, &to, 0, out + MIP6_IP6_HLEN, cap - MIP6_IP6_HLEN);
	if (n < 0)
		return n;
	mip6_ip6_t h;
	memset(&h, 0, sizeof(h));
	h.plen = (uint16_t)n;
	h.nxt = MIP6_PROTO_ICMPV6;
	h.hlim = 255;
	h.src = me->src;
	h.dst = to;
	mip6_ip6_emit(&h, out);
	if (dst)
		*dst = to;
	return MIP6_IP6_HLEN + n;
}
