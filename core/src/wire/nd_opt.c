/* SPDX-License-Identifier: BSD-3-Clause */
/* Neighbor Discovery options (RFC 4861 4.6) and the Mobile IPv6 ones of
 * RFC 6275 7.2-7.4: decoding into mip6_nd_opt_t and writing them back. */
#include <string.h>

#include "mip6/icmp6.h"
#include "wire/bytes.h"
#include "wire/nd_opt.h"

#define PI_DATA_LEN 30   /* Prefix Information after type and length */
#define SHORT_DATA_LEN 6 /* MTU, Advertisement Interval, HA Information */

/* The length (8-octet units) the RFC gives a known option, or 0 when any
 * length is allowed (link-layer addresses, unknown types). */
static unsigned fixed_units(uint8_t type)
{
	switch (type) {
	case MIP6_ND_OPT_PREFIX:
		return 4; /* RFC 4861 4.6.2 */
	case MIP6_ND_OPT_MTU:
		return 1; /* RFC 4861 4.6.4 */
	case MIP6_ND_OPT_ADV_INTERVAL:
		return 1; /* RFC 6275 7.3 */
	case MIP6_ND_OPT_HA_INFO:
		return 1; /* RFC 6275 7.4 */
	default:
		return 0;
	}
}

static const char *bad_len_why(uint8_t type)
{
	switch (type) {
	case MIP6_ND_OPT_PREFIX:
		return "prefix information option length is not 4 (RFC 4861 4.6.2)";
	case MIP6_ND_OPT_MTU:
		return "MTU option length is not 1 (RFC 4861 4.6.4)";
	case MIP6_ND_OPT_ADV_INTERVAL:
		return "advertisement interval option length is not 1 (RFC 6275 7.3)";
	default:
		return "home agent information option length is not 1 (RFC 6275 7.4)";
	}
}

static int16_t to_s16(uint16_t v)
{
	return (int16_t)(v >= 0x8000u ? (int32_t)v - 0x10000 : (int32_t)v);
}

/* Decodes one option of n bytes (n = len * 8, within the input). Fields of
 * a known option that is too short for them (lenient only) stay zero. */
static void decode_one(mip6_nd_opt_t *o, const uint8_t *q, size_t n)
{
	size_t dlen = n - 2;

	memset(o, 0, sizeof(*o));
	o->type = q[0];
	o->len = q[1];
	o->raw = q + 2;
	switch (o->type) {
	case MIP6_ND_OPT_SLLA:
	case MIP6_ND_OPT_TLLA:
		/* RFC 4861 4.6.1: the address fills the option, its padding
		 * included; keeping every byte makes the round trip exact. */
		if (dlen <= MIP6_LLA_MAX) {
			o->u.lla.len = (uint8_t)dlen;
			memcpy(o->u.lla.addr, q + 2, dlen);
		}
		break;
	case MIP6_ND_OPT_PREFIX:
		if (dlen >= PI_DATA_LEN) {
			o->u.prefix.plen = q[2];
			o->u.prefix.flags = q[3];
			o->u.prefix.valid = get32(q + 4);
			o->u.prefix.preferred = get32(q + 8);
			o->reserved = get32(q + 12);
			get_addr(&o->u.prefix.prefix, q + 16);
		}
		break;
	case MIP6_ND_OPT_MTU:
		o->reserved = get16(q + 2);
		o->u.mtu = get32(q + 4);
		break;
	case MIP6_ND_OPT_ADV_INTERVAL:
		o->reserved = get16(q + 2);
		o->u.adv_interval_ms = get32(q + 4);
		break;
	case MIP6_ND_OPT_HA_INFO:
		o->reserved = get16(q + 2);
		o->u.ha_info.pref = to_s16(get16(q + 4)); /* signed (RFC 6275 7.4) */
		o->u.ha_info.lifetime = get16(q + 6);
		break;
	default:
		o->u.data = q + 2;
		break;
	}
}

int mip6_nd_opts_parse(const uint8_t *p, size_t len, size_t off, unsigned flags, mip6_icmp6_t *m,
                       mip6_diag_t *d)
{
	int err = 0;
	bool full = false;

	while (off < len) {
		size_t rest = len - off;
		size_t n;
		unsigned want;

		if (rest < 2) {
			err = diag_rule(d, flags, &m->warnings, MIP6_W_OPT_TRUNC, MIP6_E_LEN, off,
			                "ND option header cut short: one byte left (RFC 4861 4.6)");
			goto stop;
		}
		n = (size_t)p[off + 1] * 8;
		if (n == 0) {
			/* RFC 4861 4.6: MUST silently discard an ND packet with
			 * an option of length zero; the walk cannot go on. */
			err = diag_rule(d, flags, &m->warnings, MIP6_W_OPTLEN, MIP6_E_LEN, off,
			                "ND option with length 0 (RFC 4861 4.6)");
			goto stop;
		}
		if (n > rest) {
			err = diag_rule(d, flags, &m->warnings, MIP6_W_OPT_TRUNC, MIP6_E_LEN, off,
			                "ND option runs past the end of the message (RFC 4861 4.6)");
			goto stop;
		}
		want = fixed_units(p[off]);
		if (want && p[off + 1] != want) {
			err = diag_rule(d, flags, &m->warnings, MIP6_W_OPTLEN, MIP6_E_LEN, off,
			                bad_len_why(p[off]));
			if (err)
				return err;
		}
		if (m->nopts < MIP6_ND_MAX_OPTS) {
			decode_one(&m->opts[m->nopts++], p + off, n);
		} else if (!full) {
			err = diag_rule(d, flags, &m->warnings, MIP6_W_TOO_MANY, MIP6_E_NOSPC, off,
			                "more ND options than the record holds (MIP6_ND_MAX_OPTS)");
			if (err)
				return err;
			/* Keep the rest as body so emit() still reproduces it. */
			full = true;
			m->body = p + off;
			m->body_len = (unsigned)(len - off);
		}
		off += n;
	}
	return 0;
stop:
	if (err)
		return err;
	if (!full) {
		m->body = p + off;
		m->body_len = (unsigned)(len - off);
	}
	return 0;
}

int mip6_nd_opt_size(const mip6_nd_opt_t *o)
{
	if (o->len)
		return o->len * 8;
	switch (o->type) {
	case MIP6_ND_OPT_SLLA:
	case MIP6_ND_OPT_TLLA:
		if (o->u.lla.len > MIP6_LLA_MAX)
			return MIP6_E_INVAL;
		return (2 + o->u.lla.len + 7) / 8 * 8;
	default:
		if (fixed_units(o->type))
			return (int)fixed_units(o->type) * 8;
		return MIP6_E_INVAL; /* an unknown option needs its len */
	}
}

void mip6_nd_opt_write(const mip6_nd_opt_t *o, uint8_t *out, size_t n)
{
	uint8_t tmp[PI_DATA_LEN];
	const uint8_t *src = tmp;
	size_t slen = 0, room = n - 2;

	memset(tmp, 0, sizeof(tmp));
	switch (o->type) {
	case MIP6_ND_OPT_SLLA:
	case MIP6_ND_OPT_TLLA:
		if (o->u.lla.len == 0 && o->raw) {
			src = o->raw;
			slen = room;
		} else {
			src = o->u.lla.addr;
			slen = o->u.lla.len <= MIP6_LLA_MAX ? o->u.lla.len : MIP6_LLA_MAX;
		}
		break;
	case MIP6_ND_OPT_PREFIX:
		tmp[0] = o->u.prefix.plen;
		tmp[1] = o->u.prefix.flags;
		put32(tmp + 2, o->u.prefix.valid);
		put32(tmp + 6, o->u.prefix.preferred);
		put32(tmp + 10, o->reserved);
		put_addr(tmp + 14, &o->u.prefix.prefix);
		slen = PI_DATA_LEN;
		break;
	case MIP6_ND_OPT_MTU:
		put16(tmp, (uint16_t)o->reserved);
		put32(tmp + 2, o->u.mtu);
		slen = SHORT_DATA_LEN;
		break;
	case MIP6_ND_OPT_ADV_INTERVAL:
		put16(tmp, (uint16_t)o->reserved);
		put32(tmp + 2, o->u.adv_interval_ms);
		slen = SHORT_DATA_LEN;
		break;
	case MIP6_ND_OPT_HA_INFO:
		put16(tmp, (uint16_t)o->reserved);
		put16(tmp + 2, (uint16_t)o->u.ha_info.pref);
		put16(tmp + 4, o->u.ha_info.lifetime);
		slen = SHORT_DATA_LEN;
		break;
	default:
		if (o->u.data) {
			src = o->u.data;
			slen = room;
		}
		break;
	}
	memset(out, 0, n);
	out[0] = o->type;
	out[1] = (uint8_t)(n / 8);
	memcpy(out + 2, src, slen < room ? slen : room);
}

const char *mip6_nd_opt_name(uint8_t type)
{
	switch (type) {
	case MIP6_ND_OPT_SLLA:
		return "slla";
	case MIP6_ND_OPT_TLLA:
		return "tlla";
	case MIP6_ND_OPT_PREFIX:
		return "prefix";
	case MIP6_ND_OPT_MTU:
		return "mtu";
	case MIP6_ND_OPT_ADV_INTERVAL:
		return "adv-interval";
	case MIP6_ND_OPT_HA_INFO:
		return "ha-info";
	default:
		return NULL;
	}
}
