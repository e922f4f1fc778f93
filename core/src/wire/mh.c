/* SPDX-License-Identifier: BSD-3-Clause */
/* The Mobility Header (RFC 6275 6.1): the common header, the fixed part of
 * the eight messages, Header Len and the checksum. Options are in
 * mh_opt.c. */
#include <string.h>

#include "mip6/ipv6.h"
#include "mip6/mh.h"
#include "wire/bytes.h"
#include "wire/mh_opt.h"

#define MH_HDR_LEN 6    /* Payload Proto, Header Len, MH Type, Reserved, Checksum */
#define MH_FIXED_MAX 18 /* the longest fixed part: HoT, CoT, BE */

void mip6_mh_init(mip6_mh_t *m, uint8_t type)
{
	memset(m, 0, sizeof *m);
	m->type = type;
	/* RFC 6275 6.1.1: the payload protocol is IPPROTO_NONE. */
	m->proto = MIP6_PROTO_NONE;
	m->cksum_ok = -1;
}

int mip6_mh_fixed_len(uint8_t type)
{
	switch (type) {
	case MIP6_MH_BRR:
		return 2; /* 6.1.2: Reserved */
	case MIP6_MH_HOTI:
	case MIP6_MH_COTI:
		return 2 + 8; /* 6.1.3, 6.1.4: Reserved, cookie */
	case MIP6_MH_HOT:
	case MIP6_MH_COT:
		return 2 + 8 + 8; /* 6.1.5, 6.1.6: index, cookie, token */
	case MIP6_MH_BU:
		return 6; /* 6.1.7: seq, flags, lifetime */
	case MIP6_MH_BA:
		return 6; /* 6.1.8: status, flags, seq, lifetime */
	case MIP6_MH_BE:
		return 2 + 16; /* 6.1.9: status, reserved, home address */
	default:
		return -1;
	}
}

static void decode_fixed(mip6_mh_t *m, const uint8_t *f)
{
	switch (m->type) {
	case MIP6_MH_BRR:
		m->u.brr.reserved = get16(f);
		break;
	case MIP6_MH_HOTI:
	case MIP6_MH_COTI:
		m->u.init.reserved = get16(f);
		memcpy(m->u.init.cookie, f + 2, 8);
		break;
	case MIP6_MH_HOT:
	case MIP6_MH_COT:
		m->u.test.nonce_index = get16(f);
		memcpy(m->u.test.cookie, f + 2, 8);
		memcpy(m->u.test.keygen, f + 10, 8);
		break;
	case MIP6_MH_BU:
		m->u.bu.seq = get16(f);
		m->u.bu.flags = get16(f + 2);
		m->u.bu.lifetime = get16(f + 4);
		break;
	case MIP6_MH_BA:
		m->u.ba.status = f[0];
		m->u.ba.flags = f[1];
		m->u.ba.seq = get16(f + 2);
		m->u.ba.lifetime = get16(f + 4);
		break;
	case MIP6_MH_BE:
		m->u.be.status = f[0];
		m->u.be.reserved = f[1];
		get_addr(&m->u.be.home, f + 2);
		break;
	default:
		break;
	}
}

static void encode_fixed(const mip6_mh_t *m, uint8_t *f)
{
	switch (m->type) {
	case MIP6_MH_BRR:
		put16(f, m->u.brr.reserved);
		break;
	case MIP6_MH_HOTI:
	case MIP6_MH_COTI:
		put16(f, m->u.init.reserved);
		memcpy(f + 2, m->u.init.cookie, 8);
		break;
	case MIP6_MH_HOT:
	case MIP6_MH_COT:
		put16(f, m->u.test.nonce_index);
		memcpy(f + 2, m->u.test.cookie, 8);
		memcpy(f + 10, m->u.test.keygen, 8);
		break;
	case MIP6_MH_BU:
		put16(f, m->u.bu.seq);
		put16(f + 2, m->u.bu.flags);
		put16(f + 4, m->u.bu.lifetime);
		break;
	case MIP6_MH_BA:
		f[0] = m->u.ba.status;
		f[1] = m->u.ba.flags;
		put16(f + 2, m->u.ba.seq);
		put16(f + 4, m->u.ba.lifetime);
		break;
	case MIP6_MH_BE:
		f[0] = m->u.be.status;
		f[1] = m->u.be.reserved;
		put_addr(f + 2, &m->u.be.home);
		break;
	default:
		break;
	}
}

static int rule(mip6_diag_t *d, unsigned flags, mip6_mh_t *m, uint32_t bit, int err, size_t off,
                const char *why)
{
	return diag_rule(d, flags, &m->warnings, bit, err, off, why);
}

int mip6_mh_parse(const uint8_t *p, size_t len, const mip6_addr_t *src, const mip6_addr_t *dst,
                  unsigned flags, mip6_mh_t *m, mip6_diag_t *d)
{
	int rc;

	if (d) {
		d->err = 0;
		d->offset = 0;
		d->why = NULL;
	}
	if (m == NULL || (p == NULL && len > 0))
		return diag_fail(d, MIP6_E_INVAL, 0, "no MH record or input given");
	memset(m, 0, sizeof *m);
	m->cksum_ok = -1;
	/* The record lists the pads it found, so emit() reproduces them. */
	m->explicit_padding = true;

	if (len < MH_HDR_LEN)
		return diag_fail(d, MIP6_E_TRUNC, len, "MH shorter than its 6-octet header (RFC 6275 6.1.1)");
	m->proto = p[0];
	m->hdr_len = p[1];
	m->type = p[2];
	m->reserved = p[3];
	m->checksum = get16(p + 4);

	/* Header Len counts 8-octet units after the first 8 (RFC 6275 6.1.1). */
	size_t total = ((size_t)m->hdr_len + 1u) * 8u;
	size_t end = total;
	if (total > len) {
		rc = rule(d, flags, m, MIP6_W_CAPLEN, MIP6_E_TRUNC, 1,
		          "Header Len says more octets than the input holds");
		if (rc)
			return rc;
		end = len;
	} else if (total < len && (flags & MIP6_DEC_LENIENT)) {
		/* RFC 8200 4.7: octets after a header with proto 59 are
		 * ignored; noted for inspection, not an error. */
		m->warnings |= MIP6_W_TRAILING;
		if (d && !d->why)
			diag_fail(d, MIP6_E_LEN, total, "octets after the end Header Len gives (ignored, RFC 8200 4.7)");
	}

	/* RFC 6275 9.2: Payload Proto other than 59 is discarded. */
	if (m->proto != MIP6_PROTO_NONE) {
		rc = rule(d, flags, m, MIP6_W_PROTO, MIP6_E_PROTO, 0,
		          "Payload Proto is not 59 (RFC 6275 6.1.1, 9.2)");
		if (rc)
			return rc;
	}

	/* RFC 6275 9.2: Header Len below the type's minimum is discarded. */
	int fixed = mip6_mh_fixed_len(m->type);
	if (fixed >= 0 && total < MH_HDR_LEN + (size_t)fixed) {
		rc = rule(d, flags, m, MIP6_W_MINLEN, MIP6_E_LEN, 1,
		          "Header Len below the minimum for the MH type (RFC 6275 9.2)");
		if (rc)
			return rc;
	}

	/* RFC 6275 6.1.1: checksum over the pseudo-header with next header
	 * 135 and the whole MH; a truncated MH cannot be checked. */
	if (src && dst && end == total) {
		m->cksum_ok = mip6_cksum_pseudo(src, dst, (uint32_t)total, MIP6_PROTO_MH, p, total) == 0;
		if (!m->cksum_ok) {
			rc = rule(d, flags, m, MIP6_W_CKSUM, MIP6_E_CKSUM, 4,
			          "MH checksum does not verify (RFC 6275 6.1.1)");
			if (rc)
				return rc;
		}
	}

	if (fixed < 0) {
		/* Unknown type: keep its data; the caller answers with a
		 * Binding Error, status 2 (RFC 6275 9.2). */
		m->body = p + MH_HDR_LEN;
		m->body_len = (unsigned)(end - MH_HDR_LEN);
		return 0;
	}
	size_t fend = MH_HDR_LEN + (size_t)fixed;
	/* Only a lenient decode gets here with a Header Len or an input too
	 * short for the fixed fields: it shows those the input holds and
	 * zeros for the rest. */
	uint8_t f[MH_FIXED_MAX] = {0};
	size_t have = len - MH_HDR_LEN;
	memcpy(f, p + MH_HDR_LEN, have < (size_t)fixed ? have : (size_t)fixed);
	decode_fixed(m, f);
	if (fend < end)
		return mip6_mhopt_parse_all(p, fend, end, flags, m, d);
	return 0;
}

int mip6_mh_emit(const mip6_mh_t *m, const mip6_addr_t *src, const mip6_addr_t *dst, unsigned eflags,
                 uint8_t *out, size_t cap)
{
	if (m == NULL || out == NULL || m->nopts > MIP6_MH_MAX_OPTS)
		return MIP6_E_INVAL;
	if (!(eflags & MIP6_EMIT_KEEP_CKSUM) && (src == NULL || dst == NULL))
		return MIP6_E_INVAL;

	int fixed = mip6_mh_fixed_len(m->type);
	size_t body = fixed >= 0 ? (size_t)fixed : m->body_len;
	size_t off = MH_HDR_LEN + body;
	if (off > MIP6_MH_MAX_LEN)
		return MIP6_E_LEN;
	if (cap < off)
		return MIP6_E_NOSPC;
	out[0] = m->proto;
	out[1] = 0;
	out[2] = m->type;
	out[3] = m->reserved;
	out[4] = out[5] = 0;
	if (fixed >= 0)
		encode_fixed(m, out + MH_HDR_LEN);
	else if (m->body)
		memcpy(out + MH_HDR_LEN, m->body, body);
	else
		memset(out + MH_HDR_LEN, 0, body);

	int rc = mip6_mhopt_emit_all(m, out, cap, &off);
	if (rc)
		return rc;
	/* RFC 6275 6.1.1: the MH is a multiple of 8 octets long. */
	size_t pad = (8u - off % 8u) % 8u;
	if (pad) {
		if (cap - off < pad)
			return MIP6_E_NOSPC;
		mip6_mhopt_write_pad(out + off, pad);
		off += pad;
	}
	if (off > MIP6_MH_MAX_LEN)
		return MIP6_E_LEN;

	out[1] = (eflags & MIP6_EMIT_KEEP_HLEN) ? m->hdr_len : (uint8_t)(off / 8u - 1u);
	if (eflags & MIP6_EMIT_KEEP_CKSUM)
		put16(out + 4, m->checksum);
	else
		mip6_mh_set_cksum(out, off, src, dst);
	return (int)off;
}

void mip6_mh_set_cksum(uint8_t *mh, size_t len, const mip6_addr_t *src, const mip6_addr_t *dst)
{
	if (len < MH_HDR_LEN)
		return;
	mh[4] = mh[5] = 0;
	put16(mh + 4, mip6_cksum_pseudo(src, dst, (uint32_t)len, MIP6_PROTO_MH, mh, len));
}
