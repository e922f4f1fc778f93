/* SPDX-License-Identifier: BSD-3-Clause */
/* RFC 4285 MN-HA authentication over the crypto seam. */
#include "mip6/auth.h"
#include "mip6/crypto.h"
#include "mip6/err.h"
#include "mip6/mh.h"
#include "ct.h"
#include "wire/bytes.h"

/* Finds the authentication data of a last Mobility Message Authentication
 * option; *covered = bytes of MH Data (up to and including the SPI). */
static int find_auth(const uint8_t *mh, size_t len, size_t *covered, size_t *auth_off, uint32_t *spi)
{
	mip6_mh_t m;
	mip6_diag_t d = {0};
	int rc = mip6_mh_parse(mh, len, NULL, NULL, MIP6_DEC_STRICT, &m, &d);
	if (rc)
		return rc;
	/* The last option other than the padding that ends the MH at 8n. */
	unsigned i = m.nopts;
	while (i > 0 && (m.opts[i - 1].type == MIP6_OPT_PAD1 || m.opts[i - 1].type == MIP6_OPT_PADN))
		i--;
	if (i == 0)
		return MIP6_E_INVAL;
	const mip6_mhopt_t *last = &m.opts[i - 1];
	size_t mh_len = (m.hdr_len + 1u) * 8u;
	if (last->type != MIP6_OPT_MNAUTH || last->len != 5 + MIP6_MNHA_AUTH_LEN ||
	    last->u.mnauth.subtype != MIP6_MNAUTH_SUBTYPE_MNHA)
		return MIP6_E_INVAL;
	size_t at = (size_t)(last->u.mnauth.auth - mh);
	/* RFC 4285 5.1: the option is last; only the 8n padding may follow. */
	if (at + MIP6_MNHA_AUTH_LEN > mh_len || mh_len - (at + MIP6_MNHA_AUTH_LEN) >= 8)
		return MIP6_E_INVAL;
	*covered = at;
	*auth_off = at;
	if (spi)
		*spi = last->u.mnauth.spi;
	return 0;
}

/* The key: prepared when the caller has one, else raw bytes. */
typedef struct auth_key {
	const uint8_t *bytes;
	size_t len;
	mip6_hmac_key_t *prepared;
} auth_key_t;

static int compute(const uint8_t *mh, size_t covered, const auth_key_t *key, const mip6_addr_t *coa,
		   const mip6_addr_t *hoa, uint8_t out[MIP6_MNHA_AUTH_LEN])
{
	uint8_t data[MIP6_MH_MAX_LEN];
	memcpy(data, mh, covered);
	data[4] = data[5] = 0;
	mip6_iov_t parts[] = {{coa->b, 16}, {hoa->b, 16}, {data, covered}};
	uint8_t mac[MIP6_SHA1_LEN];
	int rc = key->prepared ? mip6_hmac_sha1_prepared(key->prepared, parts, 3, mac)
			       : mip6_hmac_sha1(key->bytes, key->len, parts, 3, mac);
	if (rc)
		return rc;
	memcpy(out, mac, MIP6_MNHA_AUTH_LEN);
	return 0;
}

static int sign(uint8_t *mh, size_t len, const auth_key_t *key, const mip6_addr_t *coa, const mip6_addr_t *hoa,
		const mip6_addr_t *src, const mip6_addr_t *dst)
{
	size_t covered, at;
	int rc = find_auth(mh, len, &covered, &at, NULL);
	if (rc)
		return rc;
	rc = compute(mh, covered, key, coa, hoa, mh + at);
	if (rc)
		return rc;
	mip6_mh_set_cksum(mh, (mh[1] + 1u) * 8u, src, dst);
	return 0;
}

static int verify(const uint8_t *mh, size_t len, const auth_key_t *key, const mip6_addr_t *coa,
		  const mip6_addr_t *hoa, uint32_t *spi)
{
	size_t covered, at;
	int rc = find_auth(mh, len, &covered, &at, spi);
	if (rc)
		return rc;
	uint8_t want[MIP6_MNHA_AUTH_LEN];
	rc = compute(mh, covered, key, coa, hoa, want);
	if (rc)
		return rc;
	return ct_equal(want, mh + at, MIP6_MNHA_AUTH_LEN) ? 0 : MIP6_E_CRYPTO;
}

int mip6_auth_sign_mh(uint8_t *mh, size_t len, const uint8_t *key, size_t key_len, const mip6_addr_t *coa,
		      const mip6_addr_t *hoa, const mip6_addr_t *src, const mip6_addr_t *dst)
{
	const auth_key_t k = {key, key_len, NULL};
	return sign(mh, len, &k, coa, hoa, src, dst);
}

int mip6_auth_verify_mh(const uint8_t *mh, size_t len, const uint8_t *key, size_t key_len,
			const mip6_addr_t *coa, const mip6_addr_t *hoa, uint32_t *spi)
{
	const auth_key_t k = {key, key_len, NULL};
	return verify(mh, len, &k, coa, hoa, spi);
}

int mip6_auth_sign_mh_prepared(uint8_t *mh, size_t len, mip6_hmac_key_t *key, const mip6_addr_t *coa,
			       const mip6_addr_t *hoa, const mip6_addr_t *src, const mip6_addr_t *dst)
{
	const auth_key_t k = {NULL, 0, key};
	return key ? sign(mh, len, &k, coa, hoa, src, dst) : MIP6_E_INVAL;
}

int mip6_auth_verify_mh_prepared(const uint8_t *mh, size_t len, mip6_hmac_key_t *key, const mip6_addr_t *coa,
				 const mip6_addr_t *hoa, uint32_t *spi)
{
	const auth_key_t k = {NULL, 0, key};
	return key ? verify(mh, len, &k, coa, hoa, spi) : MIP6_E_INVAL;
}
