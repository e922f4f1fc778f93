/* SPDX-License-Identifier: BSD-3-Clause */
/* Mobility options: RFC 6275 6.2, RFC 3963 6.2 (Mobile Network Prefix),
 * RFC 4283 3 (Mobile Node Identifier), RFC 4285 5 and 6 (Mobility Message
 * Authentication, Replay Protection) and RFC 5648 4.3 (Binding Identifier).
 * Each has an alignment rule xn+y counted from the start of the Mobility
 * Header (RFC 6275 6.2.1) and a set of legal lengths. */
#include <stdbool.h>
#include <string.h>

#include "mip6/mh.h"
#include "wire/bytes.h"
#include "wire/mh_opt.h"

/* The longest fixed part of a known option: a BID with an IPv6 CoA. */
#define FIELDS_MAX 20

typedef struct optrule {
	uint8_t type;
	uint8_t ex, ey; /* alignment emit() produces */
	uint8_t px, py; /* alignment a strict parse() requires */
	const char *why_align;
	const char *why_len;
} optrule_t;

/* RFC 5648 4.3: the Binding Identifier option is at 2n without a care-of
 * address and at 8n+2 with one. The table holds the rule with one (emit()
 * uses it for both, 8n+2 being 2n too); parse() relaxes it to 2n for a
 * length of 4 (see check_align). */
static const optrule_t rules[] = {
    {MIP6_OPT_BRA, 2, 0, 2, 0, "Binding Refresh Advice option not at 2n (RFC 6275 6.2.4)",
     "Binding Refresh Advice option length is not 2 (RFC 6275 6.2.4)"},
    {MIP6_OPT_ALTCOA, 8, 6, 8, 6, "Alternate Care-of Address option not at 8n+6 (RFC 6275 6.2.5)",
     "Alternate Care-of Address option length is not 16 (RFC 6275 6.2.5)"},
    {MIP6_OPT_NONCE, 2, 0, 2, 0, "Nonce Indices option not at 2n (RFC 6275 6.2.6)",
     "Nonce Indices option length is not 4 (RFC 6275 6.2.6)"},
    {MIP6_OPT_AUTH, 8, 2, 8, 2, "Binding Authorization Data option not at 8n+2 (RFC 6275 6.2.7)",
     "Binding Authorization Data option length is not 12 (RFC 6275 5.2.6, 6.2.7)"},
    {MIP6_OPT_MNP, 8, 4, 8, 4, "Mobile Network Prefix option not at 8n+4 (RFC 3963 6.2)",
     "Mobile Network Prefix option length is not 18 (RFC 3963 6.2)"},
    {MIP6_OPT_MNID, 1, 0, 1, 0, NULL, "Mobile Node Identifier option has no subtype (RFC 4283 3)"},
    {MIP6_OPT_MNAUTH, 4, 1, 4, 1, "Mobility Message Authentication option not at 4n+1 (RFC 4285 5)",
     "Mobility Message Authentication option shorter than subtype and SPI (RFC 4285 5)"},
    {MIP6_OPT_MESGID, 8, 2, 8, 2, "Replay Protection option not at 8n+2 (RFC 4285 6)",
     "Replay Protection option length is not 8 (RFC 4285 6)"},
    {MIP6_OPT_BID, 8, 2, 8, 2, "Binding Identifier option with a care-of address not at 8n+2 (RFC 5648 4.3)",
     "Binding Identifier option length is not 4, 8 or 20 (RFC 5648 4.3, 6.2)"},
};

static const optrule_t *rule_of(uint8_t type)
{
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (rules[i].type == type)
			return &rules[i];
	return NULL;
}

void mip6_mhopt_align(uint8_t type, unsigned *x, unsigned *y)
{
	const optrule_t *r = rule_of(type);
	*x = r ? r->ex : 1;
	*y = r ? r->ey : 0;
}

/* Whether off meets the alignment r asks of an option of length olen. */
static bool align_ok(const optrule_t *r, uint8_t olen, size_t off)
{
	if (r->type == MIP6_OPT_BID && olen <= 4)
		return off % 2 == 0; /* no care-of address: 2n (RFC 5648 4.3) */
	return r->px <= 1 || off % r->px == r->py;
}

static bool len_ok(uint8_t type, uint8_t olen)
{
	switch (type) {
	case MIP6_OPT_BRA:
		return olen == 2;
	case MIP6_OPT_ALTCOA:
		return olen == 16;
	case MIP6_OPT_NONCE:
		return olen == 4;
	case MIP6_OPT_AUTH:
		return olen == MIP6_AUTH_DATA_LEN;
	case MIP6_OPT_MNP:
		return olen == 18;
	case MIP6_OPT_MNID:
		return olen >= 1;
	case MIP6_OPT_MNAUTH:
		return olen >= 5;
	case MIP6_OPT_MESGID:
		return olen == 8;
	case MIP6_OPT_BID:
		return olen == 4 || olen == 8 || olen == 20;
	default:
		return true;
	}
}

bool mip6_mhopt_len_ok(uint8_t type, uint8_t len)
{
	return len_ok(type, len);
}

/* Fills o from its data. A lenient decode may pass a length the RFC
 * forbids: the fields are read from a zero-filled copy, so a short option
 * yields zeros instead of a read past its end. */
static void decode(mip6_mhopt_t *o, const uint8_t *data, uint8_t olen)
{
	uint8_t f[FIELDS_MAX] = {0};
	memcpy(f, data, olen < FIELDS_MAX ? olen : FIELDS_MAX);

	switch (o->type) {
	case MIP6_OPT_BRA:
		o->u.refresh = get16(f);
		break;
	case MIP6_OPT_ALTCOA:
		get_addr(&o->u.altcoa, f);
		break;
	case MIP6_OPT_NONCE:
		o->u.nonce.home = get16(f);
		o->u.nonce.careof = get16(f + 2);
		break;
	case MIP6_OPT_MNP:
		o->u.mnp.reserved = f[0];
		o->u.mnp.plen = f[1];
		get_addr(&o->u.mnp.prefix, f + 2);
		break;
	case MIP6_OPT_MNID:
		o->u.mnid.subtype = f[0];
		o->u.mnid.id = olen >= 1 ? data + 1 : NULL;
		break;
	case MIP6_OPT_MNAUTH:
		o->u.mnauth.subtype = f[0];
		o->u.mnauth.spi = get32(f + 1);
		o->u.mnauth.auth = olen >= 5 ? data + 5 : NULL;
		break;
	case MIP6_OPT_MESGID:
		o->u.timestamp = get64(f);
		break;
	case MIP6_OPT_BID:
		o->u.bid.bid = get16(f);
		o->u.bid.status = f[2];
		o->u.bid.flags = f[3];
		o->u.bid.coa_len = (uint8_t)(olen <= 4 ? 0 : olen - 4 > 16 ? 16 : olen - 4);
		memcpy(o->u.bid.coa, f + 4, o->u.bid.coa_len);
		break;
	case MIP6_OPT_AUTH:
		/* A lenient decode may meet an empty one; emit() reads 12 bytes
		 * from a non-NULL pointer when len is 0, so give it none. */
		o->u.data = olen ? data : NULL;
		break;
	default: /* PadN, unknown types */
		o->u.data = data;
		break;
	}
}

static int rule(mip6_diag_t *d, unsigned flags, mip6_mh_t *m, uint32_t bit, int err, size_t off,
                const char *why)
{
	return diag_rule(d, flags, &m->warnings, bit, err, off, why);
}

int mip6_mhopt_parse_all(const uint8_t *mh, size_t off, size_t end, unsigned flags, mip6_mh_t *m,
                         mip6_diag_t *d)
{
	bool after_auth = false;
	int rc;

	while (off < end) {
		if (m->nopts == MIP6_MH_MAX_OPTS)
			/* Lenient: stop here, the table is full. */
			return rule(d, flags, m, MIP6_W_TOO_MANY, MIP6_E_NOSPC, off,
			            "more mobility options than MIP6_MH_MAX_OPTS");
		uint8_t type = mh[off];
		/* RFC 6275 6.2.7: Binding Authorization Data must be the last option. */
		if (after_auth) {
			rc = rule(d, flags, m, MIP6_W_ORDER, MIP6_E_INVAL, off,
			          "mobility option after Binding Authorization Data (RFC 6275 6.2.7)");
			if (rc)
				return rc;
		}
		if (type == MIP6_OPT_PAD1) {
			mip6_mhopt_t *o = &m->opts[m->nopts++];
			memset(o, 0, sizeof *o);
			off++;
			continue;
		}
		/* A truncated option ends option parsing in lenient mode too. */
		if (end - off < 2)
			return rule(d, flags, m, MIP6_W_OPT_TRUNC, MIP6_E_TRUNC, off,
			            "mobility option header runs past the end of the MH");
		uint8_t olen = mh[off + 1];
		if (olen > end - off - 2)
			return rule(d, flags, m, MIP6_W_OPT_TRUNC, MIP6_E_TRUNC, off + 1,
			            "mobility option data runs past the end of the MH");

		const optrule_t *r = rule_of(type);
		if (r && !align_ok(r, olen, off)) {
			const char *why = r->type == MIP6_OPT_BID && olen <= 4
			                      ? "Binding Identifier option not at 2n (RFC 5648 4.3)"
			                      : r->why_align;
			rc = rule(d, flags, m, MIP6_W_ALIGN, MIP6_E_ALIGN, off, why);
			if (rc)
				return rc;
		}
		if (r && !len_ok(type, olen)) {
			rc = rule(d, flags, m, MIP6_W_OPTLEN, MIP6_E_LEN, off + 1, r->why_len);
			if (rc)
				return rc;
		}

		mip6_mhopt_t *o = &m->opts[m->nopts++];
		memset(o, 0, sizeof *o);
		o->type = type;
		o->len = olen;
		decode(o, mh + off + 2, olen);
		if (type == MIP6_OPT_AUTH)
			after_auth = true;
		off += 2u + olen;
	}
	return 0;
}

void mip6_mhopt_write_pad(uint8_t *out, size_t n)
{
	if (n == 1) {
		out[0] = MIP6_OPT_PAD1;
		return;
	}
	/* RFC 6275 6.2.3: PadN carries n - 2 zero octets. */
	out[0] = MIP6_OPT_PADN;
	out[1] = (uint8_t)(n - 2);
	memset(out + 2, 0, n - 2);
}

/* Lays out the fields of o in f. Returns how many octets of f are fixed
 * fields (the RFC length of fixed-size options), sets *natural to the
 * length used when o->len is 0 (0 when len is always taken as given) and
 * *tail to the variable data that follows the fields. */
static int encode(const mip6_mhopt_t *o, uint8_t f[FIELDS_MAX], size_t *natural, const uint8_t **tail)
{
	size_t n = 0;
	*tail = NULL;
	switch (o->type) {
	case MIP6_OPT_BRA:
		put16(f, o->u.refresh);
		n = 2;
		break;
	case MIP6_OPT_ALTCOA:
		put_addr(f, &o->u.altcoa);
		n = 16;
		break;
	case MIP6_OPT_NONCE:
		put16(f, o->u.nonce.home);
		put16(f + 2, o->u.nonce.careof);
		n = 4;
		break;
	case MIP6_OPT_MNP:
		f[0] = o->u.mnp.reserved;
		f[1] = o->u.mnp.plen;
		put_addr(f + 2, &o->u.mnp.prefix);
		n = 18;
		break;
	case MIP6_OPT_MESGID:
		put64(f, o->u.timestamp);
		n = 8;
		break;
	case MIP6_OPT_BID:
		if (o->u.bid.coa_len > 16)
			return MIP6_E_INVAL;
		put16(f, o->u.bid.bid);
		f[2] = o->u.bid.status;
		f[3] = o->u.bid.flags;
		memcpy(f + 4, o->u.bid.coa, o->u.bid.coa_len);
		n = 4u + o->u.bid.coa_len;
		break;
	case MIP6_OPT_AUTH:
		*natural = MIP6_AUTH_DATA_LEN;
		*tail = o->u.data;
		return 0;
	case MIP6_OPT_MNID:
		f[0] = o->u.mnid.subtype;
		*natural = 0;
		*tail = o->u.mnid.id;
		return 1;
	case MIP6_OPT_MNAUTH:
		f[0] = o->u.mnauth.subtype;
		put32(f + 1, o->u.mnauth.spi);
		*natural = 0;
		*tail = o->u.mnauth.auth;
		return 5;
	default: /* PadN and unknown types: raw data */
		*natural = 0;
		*tail = o->u.data;
		return 0;
	}
	*natural = n;
	return (int)n;
}

static int emit_one(const mip6_mhopt_t *o, uint8_t *out, size_t cap, size_t *off)
{
	if (o->type == MIP6_OPT_PAD1) {
		if (cap - *off < 1)
			return MIP6_E_NOSPC;
		out[(*off)++] = MIP6_OPT_PAD1;
		return 0;
	}
	uint8_t f[FIELDS_MAX] = {0};
	size_t natural;
	const uint8_t *tail;
	int head = encode(o, f, &natural, &tail);
	if (head < 0)
		return head;
	size_t len = o->len ? o->len : natural;
	if (len > 255)
		return MIP6_E_INVAL;
	if (cap - *off < 2 + len)
		return MIP6_E_NOSPC;
	uint8_t *p = out + *off;
	p[0] = o->type;
	p[1] = (uint8_t)len;
	/* The fixed fields, cut to len; then the variable data or zeros. */
	size_t nf = (size_t)head < len ? (size_t)head : len;
	memcpy(p + 2, f, nf);
	if (tail)
		memcpy(p + 2 + nf, tail, len - nf);
	else
		memset(p + 2 + nf, 0, len - nf);
	*off += 2 + len;
	return 0;
}

int mip6_mhopt_emit_all(const mip6_mh_t *m, uint8_t *out, size_t cap, size_t *off)
{
	for (unsigned i = 0; i < m->nopts; i++) {
		const mip6_mhopt_t *o = &m->opts[i];
		if (!m->explicit_padding) {
			unsigned x, y;
			mip6_mhopt_align(o->type, &x, &y);
			size_t pad = (y + x - *off % x) % x;
			if (pad) {
				if (cap - *off < pad)
					return MIP6_E_NOSPC;
				mip6_mhopt_write_pad(out + *off, pad);
				*off += pad;
			}
		}
		int rc = emit_one(o, out, cap, off);
		if (rc)
			return rc;
	}
	return 0;
}

mip6_mhopt_t *mip6_mh_add_opt(mip6_mh_t *m, uint8_t type)
{
	if (m->nopts >= MIP6_MH_MAX_OPTS)
		return NULL;
	mip6_mhopt_t *o = &m->opts[m->nopts++];
	memset(o, 0, sizeof *o);
	o->type = type;
	return o;
}

const mip6_mhopt_t *mip6_mh_find_opt(const mip6_mh_t *m, uint8_t type)
{
	for (unsigned i = 0; i < m->nopts && i < MIP6_MH_MAX_OPTS; i++)
		if (m->opts[i].type == type)
			return &m->opts[i];
	return NULL;
}
