/* SPDX-License-Identifier: BSD-3-Clause */
/* ICMPv6 messages (RFC 4443) used by Mobile IPv6: Neighbor Discovery
 * (RFC 4861) with the RFC 6275 section 7 extensions, DHAAD and Mobile
 * Prefix Solicitation/Advertisement (RFC 6275 6.5-6.8), echo and errors.
 * The ND options are in nd_opt.c. */
#include <limits.h>
#include <string.h>

#include "mip6/icmp6.h"
#include "mip6/ipv6.h"
#include "wire/bytes.h"
#include "wire/nd_opt.h"

#define MAX_FIXED 24 /* longest fixed part: NS and NA */

struct type_info {
	uint8_t type;
	uint8_t min; /* header and fixed part */
	bool code0;  /* the RFC requires code 0 */
	const char *name;
	const char *short_why;
	const char *code_why;
};

static const struct type_info types[] = {
    {MIP6_ICMP6_DST_UNREACH, 8, false, "DST-UNREACH",
     "destination unreachable shorter than 8 bytes (RFC 4443 3.1)", NULL},
    {MIP6_ICMP6_PKT_TOO_BIG, 8, false, "PKT-TOO-BIG", "packet too big shorter than 8 bytes (RFC 4443 3.2)",
     NULL},
    {MIP6_ICMP6_TIME_EXCEEDED, 8, false, "TIME-EXCEEDED", "time exceeded shorter than 8 bytes (RFC 4443 3.3)",
     NULL},
    {MIP6_ICMP6_PARAM_PROB, 8, false, "PARAM-PROB", "parameter problem shorter than 8 bytes (RFC 4443 3.4)",
     NULL},
    {MIP6_ICMP6_ECHO_REQUEST, 8, false, "ECHO-REQ", "echo request shorter than 8 bytes (RFC 4443 4.1)", NULL},
    {MIP6_ICMP6_ECHO_REPLY, 8, false, "ECHO-REP", "echo reply shorter than 8 bytes (RFC 4443 4.2)", NULL},
    /* RFC 4861 6.1.1, 6.1.2, 7.1.1, 7.1.2: receivers MUST silently
     * discard ND messages with a non-zero code or shorter than these. */
    {MIP6_ICMP6_RS, 8, true, "RS", "RS shorter than 8 bytes (RFC 4861 6.1.1)",
     "RS code is not 0 (RFC 4861 6.1.1)"},
    {MIP6_ICMP6_RA, 16, true, "RA", "RA shorter than 16 bytes (RFC 4861 6.1.2)",
     "RA code is not 0 (RFC 4861 6.1.2)"},
    {MIP6_ICMP6_NS, 24, true, "NS", "NS shorter than 24 bytes (RFC 4861 7.1.1)",
     "NS code is not 0 (RFC 4861 7.1.1)"},
    {MIP6_ICMP6_NA, 24, true, "NA", "NA shorter than 24 bytes (RFC 4861 7.1.2)",
     "NA code is not 0 (RFC 4861 7.1.2)"},
    {MIP6_ICMP6_DHAAD_REQUEST, 8, true, "DHAAD-REQ", "DHAAD request shorter than 8 bytes (RFC 6275 6.5)",
     "DHAAD request code is not 0 (RFC 6275 6.5)"},
    {MIP6_ICMP6_DHAAD_REPLY, 8, true, "DHAAD-REP", "DHAAD reply shorter than 8 bytes (RFC 6275 6.6)",
     "DHAAD reply code is not 0 (RFC 6275 6.6)"},
    {MIP6_ICMP6_MPS, 8, true, "MPS", "mobile prefix solicitation shorter than 8 bytes (RFC 6275 6.7)",
     "mobile prefix solicitation code is not 0 (RFC 6275 6.7)"},
    {MIP6_ICMP6_MPA, 8, true, "MPA", "mobile prefix advertisement shorter than 8 bytes (RFC 6275 6.8)",
     "mobile prefix advertisement code is not 0 (RFC 6275 6.8)"},
};

static const struct type_info *type_info(uint8_t type)
{
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (types[i].type == type)
			return &types[i];
	return NULL;
}

static bool carries_opts(uint8_t type)
{
	return type == MIP6_ICMP6_RS || type == MIP6_ICMP6_RA || type == MIP6_ICMP6_NS ||
	       type == MIP6_ICMP6_NA || type == MIP6_ICMP6_MPA;
}

size_t mip6_icmp6_min_len(uint8_t type)
{
	const struct type_info *ti = type_info(type);

	return ti ? ti->min : MIP6_ICMP6_HLEN;
}

void mip6_icmp6_init(mip6_icmp6_t *m, uint8_t type)
{
	memset(m, 0, sizeof(*m));
	m->type = type;
	m->cksum_ok = -1;
}

mip6_nd_opt_t *mip6_icmp6_add_opt(mip6_icmp6_t *m, uint8_t type)
{
	mip6_nd_opt_t *o;

	if (m->nopts >= MIP6_ND_MAX_OPTS)
		return NULL;
	o = &m->opts[m->nopts++];
	memset(o, 0, sizeof(*o));
	o->type = type;
	return o;
}

const mip6_nd_opt_t *mip6_icmp6_find_opt(const mip6_icmp6_t *m, uint8_t type)
{
	for (unsigned i = 0; i < m->nopts && i < MIP6_ND_MAX_OPTS; i++)
		if (m->opts[i].type == type)
			return &m->opts[i];
	return NULL;
}

const char *mip6_icmp6_type_name(uint8_t type)
{
	const struct type_info *ti = type_info(type);

	return ti ? ti->name : NULL;
}

/* Fixed fields after the 4-byte header; f holds at least min bytes. */
static void decode_fixed(const uint8_t *f, mip6_icmp6_t *m)
{
	switch (m->type) {
	case MIP6_ICMP6_DST_UNREACH:
	case MIP6_ICMP6_PKT_TOO_BIG:
	case MIP6_ICMP6_TIME_EXCEEDED:
	case MIP6_ICMP6_PARAM_PROB:
		m->u.err.param = get32(f + 4);
		break;
	case MIP6_ICMP6_ECHO_REQUEST:
	case MIP6_ICMP6_ECHO_REPLY:
		m->u.echo.id = get16(f + 4);
		m->u.echo.seq = get16(f + 6);
		break;
	case MIP6_ICMP6_RS:
		m->u.rs.reserved = get32(f + 4);
		break;
	case MIP6_ICMP6_RA:
		m->u.ra.hop_limit = f[4];
		m->u.ra.flags = f[5];
		m->u.ra.lifetime = get16(f + 6);
		m->u.ra.reachable = get32(f + 8);
		m->u.ra.retrans = get32(f + 12);
		break;
	case MIP6_ICMP6_NS:
		m->u.nd.reserved = get32(f + 4);
		get_addr(&m->u.nd.target, f + 8);
		break;
	case MIP6_ICMP6_NA:
		m->u.nd.flags = f[4];
		m->u.nd.reserved = get32(f + 4) & 0xffffffu;
		get_addr(&m->u.nd.target, f + 8);
		break;
	case MIP6_ICMP6_DHAAD_REQUEST:
		m->u.dhaad_req.id = get16(f + 4);
		m->u.dhaad_req.flags = get16(f + 6);
		break;
	case MIP6_ICMP6_DHAAD_REPLY:
		m->u.dhaad_rep.id = get16(f + 4);
		m->u.dhaad_rep.flags = get16(f + 6);
		break;
	case MIP6_ICMP6_MPS:
		m->u.mps.id = get16(f + 4);
		m->u.mps.reserved = get16(f + 6);
		break;
	case MIP6_ICMP6_MPA:
		m->u.mpa.id = get16(f + 4);
		m->u.mpa.flags = get16(f + 6);
		break;
	default:
		break;
	}
}

/* RFC 6275 6.6: the reply's data is a list of 16-byte HA addresses. */
static int parse_ha_list(const uint8_t *p, size_t len, unsigned flags, mip6_icmp6_t *m, mip6_diag_t *d)
{
	size_t n = (len - 8) / 16;
	size_t off;
	int err;

	if ((len - 8) % 16) {
		err = diag_rule(d, flags, &m->warnings, MIP6_W_TRAILING, MIP6_E_LEN, 8 + n * 16,
		                "DHAAD reply address list is not a multiple of 16 bytes (RFC 6275 6.6)");
		if (err)
			return err;
	}
	if (n > MIP6_DHAAD_MAX_ADDRS) {
		err = diag_rule(d, flags, &m->warnings, MIP6_W_TOO_MANY, MIP6_E_NOSPC,
		                8 + MIP6_DHAAD_MAX_ADDRS * 16,
		                "more DHAAD reply addresses than the record holds (MIP6_DHAAD_MAX_ADDRS)");
		if (err)
			return err;
		n = MIP6_DHAAD_MAX_ADDRS;
	}
	for (size_t i = 0; i < n; i++)
		get_addr(&m->u.dhaad_rep.addrs[i], p + 8 + i * 16);
	m->u.dhaad_rep.naddrs = (unsigned)n;
	off = 8 + n * 16;
	if (off < len) {
		m->body = p + off;
		m->body_len = (unsigned)(len - off);
	}
	return 0;
}

int mip6_icmp6_parse(const uint8_t *p, size_t len, const mip6_addr_t *src, const mip6_addr_t *dst,
                     unsigned flags, mip6_icmp6_t *m, mip6_diag_t *d)
{
	uint8_t padded[MAX_FIXED];
	const uint8_t *f = p;
	const struct type_info *ti;
	size_t min;
	int err;

	mip6_icmp6_init(m, 0);
	if (!p || len < MIP6_ICMP6_HLEN)
		return diag_fail(d, MIP6_E_TRUNC, len,
		                 "ICMPv6 message shorter than its 4-byte header (RFC 4443 2.1)");
	m->type = p[0];
	m->code = p[1];
	m->checksum = get16(p + 2);
	ti = type_info(m->type);
	min = ti ? ti->min : MIP6_ICMP6_HLEN;

	if (ti && len < min) {
		err = diag_rule(d, flags, &m->warnings, MIP6_W_MINLEN, MIP6_E_TRUNC, len, ti->short_why);
		if (err)
			return err;
		/* Lenient: read the fixed part from a zero-padded copy, so a
		 * short message (e.g. a 6-byte MPA) never reads past p + len. */
		memset(padded, 0, sizeof(padded));
		memcpy(padded, p, len);
		f = padded;
	}
	if (ti && ti->code0 && m->code != 0) {
		err = diag_rule(d, flags, &m->warnings, MIP6_W_CODE, MIP6_E_INVAL, 1, ti->code_why);
		if (err)
			return err;
	}
	decode_fixed(f, m);

	if (len > min) {
		if (carries_opts(m->type)) {
			err = mip6_nd_opts_parse(p, len, min, flags, m, d);
		} else if (m->type == MIP6_ICMP6_DHAAD_REPLY) {
			err = parse_ha_list(p, len, flags, m, d);
		} else {
			m->body = p + min;
			m->body_len = (unsigned)(len - min);
			err = 0;
		}
		if (err)
			return err;
	}

	if (src && mip6_addr_is_unspec(src) && (m->type == MIP6_ICMP6_RS || m->type == MIP6_ICMP6_NS)) {
		/* RFC 4861 6.1.1, 7.1.1: a solicitation from the unspecified
		 * address (e.g. DAD) MUST NOT carry a source link-layer address. */
		const mip6_nd_opt_t *o = mip6_icmp6_find_opt(m, MIP6_ND_OPT_SLLA);

		if (o) {
			err = diag_rule(d, flags, &m->warnings, MIP6_W_ORDER, MIP6_E_INVAL,
			                (size_t)(o->raw - 2 - p),
			                "source link-layer address option from the unspecified address "
			                "(RFC 4861 6.1.1, 7.1.1)");
			if (err)
				return err;
		}
	}
	if (src && dst) {
		/* RFC 4443 2.3: the checksum covers the pseudo-header with next
		 * header 58 and the whole message. */
		uint16_t c = mip6_cksum_pseudo(src, dst, (uint32_t)len, MIP6_PROTO_ICMPV6, p, len);

		m->cksum_ok = c == 0;
		if (!m->cksum_ok) {
			err = diag_rule(d, flags, &m->warnings, MIP6_W_CKSUM, MIP6_E_CKSUM, 2,
			                "ICMPv6 checksum does not verify (RFC 4443 2.3)");
			if (err)
				return err;
		}
	}
	return 0;
}

static void emit_fixed(const mip6_icmp6_t *m, uint8_t *out)
{
	switch (m->type) {
	case MIP6_ICMP6_DST_UNREACH:
	case MIP6_ICMP6_PKT_TOO_BIG:
	case MIP6_ICMP6_TIME_EXCEEDED:
	case MIP6_ICMP6_PARAM_PROB:
		put32(out + 4, m->u.err.param);
		break;
	case MIP6_ICMP6_ECHO_REQUEST:
	case MIP6_ICMP6_ECHO_REPLY:
		put16(out + 4, m->u.echo.id);
		put16(out + 6, m->u.echo.seq);
		break;
	case MIP6_ICMP6_RS:
		put32(out + 4, m->u.rs.reserved);
		break;
	case MIP6_ICMP6_RA:
		out[4] = m->u.ra.hop_limit;
		out[5] = m->u.ra.flags;
		put16(out + 6, m->u.ra.lifetime);
		put32(out + 8, m->u.ra.reachable);
		put32(out + 12, m->u.ra.retrans);
		break;
	case MIP6_ICMP6_NS:
		put32(out + 4, m->u.nd.reserved);
		put_addr(out + 8, &m->u.nd.target);
		break;
	case MIP6_ICMP6_NA:
		put32(out + 4, (uint32_t)m->u.nd.flags << 24 | (m->u.nd.reserved & 0xffffffu));
		put_addr(out + 8, &m->u.nd.target);
		break;
	case MIP6_ICMP6_DHAAD_REQUEST:
		put16(out + 4, m->u.dhaad_req.id);
		put16(out + 6, m->u.dhaad_req.flags);
		break;
	case MIP6_ICMP6_DHAAD_REPLY:
		put16(out + 4, m->u.dhaad_rep.id);
		put16(out + 6, m->u.dhaad_rep.flags);
		break;
	case MIP6_ICMP6_MPS:
		put16(out + 4, m->u.mps.id);
		put16(out + 6, m->u.mps.reserved);
		break;
	case MIP6_ICMP6_MPA:
		put16(out + 4, m->u.mpa.id);
		put16(out + 6, m->u.mpa.flags);
		break;
	default:
		break;
	}
}

int mip6_icmp6_emit(const mip6_icmp6_t *m, const mip6_addr_t *src, const mip6_addr_t *dst, unsigned eflags,
                    uint8_t *out, size_t cap)
{
	size_t total = mip6_icmp6_min_len(m->type), off;
	unsigned naddrs = 0;

	if (m->nopts > MIP6_ND_MAX_OPTS || (m->nopts && !carries_opts(m->type)))
		return MIP6_E_INVAL;
	for (unsigned i = 0; i < m->nopts; i++) {
		int sz = mip6_nd_opt_size(&m->opts[i]);

		if (sz < 0)
			return sz;
		total += (size_t)sz;
	}
	if (m->type == MIP6_ICMP6_DHAAD_REPLY) {
		naddrs = m->u.dhaad_rep.naddrs;
		if (naddrs > MIP6_DHAAD_MAX_ADDRS)
			return MIP6_E_INVAL;
		total += (size_t)naddrs * 16;
	}
	if (m->body_len && !m->body)
		return MIP6_E_INVAL;
	total += m->body_len;
	if (total > INT_MAX)
		return MIP6_E_INVAL;
	if (!(eflags & MIP6_EMIT_KEEP_CKSUM) && (!src || !dst))
		return MIP6_E_INVAL;
	if (!out || total > cap)
		return MIP6_E_NOSPC;

	memset(out, 0, mip6_icmp6_min_len(m->type));
	out[0] = m->type;
	out[1] = m->code;
	emit_fixed(m, out);
	off = mip6_icmp6_min_len(m->type);
	for (unsigned i = 0; i < m->nopts; i++) {
		size_t sz = (size_t)mip6_nd_opt_size(&m->opts[i]);

		mip6_nd_opt_write(&m->opts[i], out + off, sz);
		off += sz;
	}
	for (unsigned i = 0; i < naddrs; i++, off += 16)
		put_addr(out + off, &m->u.dhaad_rep.addrs[i]);
	if (m->body_len) {
		memcpy(out + off, m->body, m->body_len);
		off += m->body_len;
	}

	if (eflags & MIP6_EMIT_KEEP_CKSUM)
		put16(out + 2, m->checksum);
	else
		put16(out + 2, mip6_cksum_pseudo(src, dst, (uint32_t)total, MIP6_PROTO_ICMPV6, out, total));
	return (int)off;
}
