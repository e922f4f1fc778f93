/* SPDX-License-Identifier: BSD-3-Clause */
/* Return routability (RFC 6275 5.2.5 and 6.2.7) over the crypto seam. */
#include "mip6/crypto.h"
#include "mip6/mh.h"
#include "mip6/rr.h"
#include "ct.h"
#include "wire/bytes.h"

int mip6_rr_keygen(const uint8_t *kcn, size_t kcn_len, const mip6_addr_t *addr, const uint8_t *nonce,
		   size_t nonce_len, bool careof, uint8_t token[MIP6_TOKEN_LEN])
{
	/* 5.2.5: the final octet is 0 for the home and 1 for the care-of token. */
	const uint8_t which = careof ? 1 : 0;
	mip6_iov_t parts[] = {{addr->b, 16}, {nonce, nonce_len}, {&which, 1}};
	uint8_t mac[MIP6_SHA1_LEN];
	int rc = mip6_hmac_sha1(kcn, kcn_len, parts, 3, mac);
	if (rc)
		return rc;
	memcpy(token, mac, MIP6_TOKEN_LEN);
	return 0;
}

int mip6_rr_kbm(const uint8_t home_token[MIP6_TOKEN_LEN], const uint8_t *careof_token,
		uint8_t kbm[MIP6_KBM_LEN])
{
	mip6_iov_t parts[] = {{home_token, MIP6_TOKEN_LEN}, {careof_token, MIP6_TOKEN_LEN}};
	return mip6_sha1(parts, careof_token ? 2 : 1, kbm);
}

int mip6_rr_authenticator(const uint8_t kbm[MIP6_KBM_LEN], const mip6_addr_t *coa, const mip6_addr_t *cn,
			  const uint8_t *mh_data, size_t len, uint8_t auth[MIP6_AUTHENTICATOR_LEN])
{
	mip6_iov_t parts[] = {{coa->b, 16}, {cn->b, 16}, {mh_data, len}};
	uint8_t mac[MIP6_SHA1_LEN];
	int rc = mip6_hmac_sha1(kbm, MIP6_KBM_LEN, parts, 3, mac);
	if (rc)
		return rc;
	memcpy(auth, mac, MIP6_AUTHENTICATOR_LEN);
	return 0;
}

/* Finds the authenticator: the data of a Binding Authorization Data option
 * that is the last thing in the MH (RFC 6275 6.2.7 requires it last). */
static int find_authenticator(const uint8_t *mh, size_t len, size_t *off)
{
	mip6_mh_t m;
	mip6_diag_t d = {0};
	int rc = mip6_mh_parse(mh, len, NULL, NULL, MIP6_DEC_STRICT, &m, &d);
	if (rc)
		return rc;
	if (m.nopts == 0)
		return MIP6_E_INVAL;
	const mip6_mhopt_t *last = &m.opts[m.nopts - 1];
	size_t mh_len = (m.hdr_len + 1u) * 8u;
	if (last->type != MIP6_OPT_AUTH || last->len != MIP6_AUTHENTICATOR_LEN)
		return MIP6_E_INVAL;
	size_t at = (size_t)(last->u.data - mh);
	if (at + MIP6_AUTHENTICATOR_LEN != mh_len)
		return MIP6_E_INVAL;
	*off = at;
	return 0;
}

static int compute(const uint8_t *mh, size_t at, const uint8_t kbm[MIP6_KBM_LEN], const mip6_addr_t *coa,
		   const mip6_addr_t *cn, uint8_t auth[MIP6_AUTHENTICATOR_LEN])
{
	/* The MH data is covered with its checksum field zero. */
	uint8_t data[MIP6_MH_MAX_LEN];
	memcpy(data, mh, at);
	data[4] = data[5] = 0;
	return mip6_rr_authenticator(kbm, coa, cn, data, at, auth);
}

int mip6_rr_sign_mh(uint8_t *mh, size_t len, const uint8_t kbm[MIP6_KBM_LEN], const mip6_addr_t *coa,
		    const mip6_addr_t *cn, const mip6_addr_t *src, const mip6_addr_t *dst)
{
	size_t at;
	int rc = find_authenticator(mh, len, &at);
	if (rc)
		return rc;
	rc = compute(mh, at, kbm, coa, cn, mh + at);
	if (rc)
		return rc;
	mip6_mh_set_cksum(mh, at + MIP6_AUTHENTICATOR_LEN, src, dst);
	return 0;
}

int mip6_rr_verify_mh(const uint8_t *mh, size_t len, const uint8_t kbm[MIP6_KBM_LEN], const mip6_addr_t *coa,
		      const mip6_addr_t *cn)
{
	size_t at;
	int rc = find_authenticator(mh, len, &at);
	if (rc)
		return rc;
	uint8_t want[MIP6_AUTHENTICATOR_LEN];
	rc = compute(mh, at, kbm, coa, cn, want);
	if (rc)
		return rc;
	return ct_equal(want, mh + at, MIP6_AUTHENTICATOR_LEN) ? 0 : MIP6_E_CRYPTO;
}
