/* SPDX-License-Identifier: BSD-3-Clause */
/* The crypto seam implemented with OpenSSL 3 libcrypto (EVP digest and MAC).
 *
 * OpenSSL 3 looks an algorithm up by name on every implicit fetch (EVP_sha1()
 * inside an Init, one-shot HMAC()), which dominated the cost of short
 * messages; the algorithms are therefore fetched once and kept. The fetched
 * objects are immutable and shared; a race on first use fetches twice. */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <string.h>

#include "mip6/crypto.h"
#include "mip6/err.h"

static EVP_MD *sha1_md(void)
{
	static EVP_MD *md;
	if (!md)
		md = EVP_MD_fetch(NULL, "SHA1", NULL);
	return md;
}

/* An HMAC context with its digest already set: copying it per call skips
 * the digest lookup that EVP_MAC_init with parameters would repeat. */
static EVP_MAC_CTX *hmac_sha1_template(void)
{
	static EVP_MAC_CTX *tmpl;
	if (tmpl)
		return tmpl;
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	EVP_MAC_free(mac); /* the context holds its own reference */
	char digest[] = "SHA1";
	OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
			       OSSL_PARAM_construct_end()};
	if (ctx && !EVP_MAC_CTX_set_params(ctx, params)) {
		EVP_MAC_CTX_free(ctx);
		ctx = NULL;
	}
	tmpl = ctx;
	return tmpl;
}

int mip6_sha1(const mip6_iov_t *parts, size_t n, uint8_t out[MIP6_SHA1_LEN])
{
	const EVP_MD *md = sha1_md();
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned len = 0;
	int ok = md && ctx && EVP_DigestInit_ex(ctx, md, NULL);
	for (size_t i = 0; ok && i < n; i++)
		ok = EVP_DigestUpdate(ctx, parts[i].p, parts[i].len);
	ok = ok && EVP_DigestFinal_ex(ctx, out, &len) && len == MIP6_SHA1_LEN;
	EVP_MD_CTX_free(ctx);
	return ok ? 0 : MIP6_E_CRYPTO;
}

int mip6_hmac_sha1(const uint8_t *key, size_t key_len, const mip6_iov_t *parts, size_t n,
		   uint8_t out[MIP6_SHA1_LEN])
{
	/* EVP_MAC_init reads a NULL key as "keep the previous one"; an empty
	 * key (RFC 2104 pads it with zeros) needs a non-NULL pointer. */
	static const uint8_t empty_key[1];
	EVP_MAC_CTX *tmpl = hmac_sha1_template();
	EVP_MAC_CTX *ctx = tmpl ? EVP_MAC_CTX_dup(tmpl) : NULL;
	size_t len = 0;
	int ok = ctx && EVP_MAC_init(ctx, key_len ? key : empty_key, key_len, NULL);
	for (size_t i = 0; ok && i < n; i++)
		ok = EVP_MAC_update(ctx, parts[i].p, parts[i].len);
	ok = ok && EVP_MAC_final(ctx, out, &len, MIP6_SHA1_LEN) && len == MIP6_SHA1_LEN;
	EVP_MAC_CTX_free(ctx);
	return ok ? 0 : MIP6_E_CRYPTO;
}

/* A keyed HMAC context: EVP_MAC_init with a NULL key re-uses the key it
 * was given first, restarting from the hashed inner pad. */
mip6_hmac_key_t *mip6_hmac_key_new(const uint8_t *key, size_t key_len)
{
	static const uint8_t empty_key[1];
	EVP_MAC_CTX *tmpl = hmac_sha1_template();
	EVP_MAC_CTX *ctx = tmpl ? EVP_MAC_CTX_dup(tmpl) : NULL;
	if (ctx && !EVP_MAC_init(ctx, key_len ? key : empty_key, key_len, NULL)) {
		EVP_MAC_CTX_free(ctx);
		ctx = NULL;
	}
	return (mip6_hmac_key_t *)ctx;
}

void mip6_hmac_key_free(mip6_hmac_key_t *k)
{
	EVP_MAC_CTX_free((EVP_MAC_CTX *)k);
}

int mip6_hmac_sha1_prepared(mip6_hmac_key_t *k, const mip6_iov_t *parts, size_t n, uint8_t out[MIP6_SHA1_LEN])
{
	EVP_MAC_CTX *ctx = (EVP_MAC_CTX *)k;
	size_t len = 0;
	int ok = ctx && EVP_MAC_init(ctx, NULL, 0, NULL);
	for (size_t i = 0; ok && i < n; i++)
		ok = EVP_MAC_update(ctx, parts[i].p, parts[i].len);
	ok = ok && EVP_MAC_final(ctx, out, &len, MIP6_SHA1_LEN) && len == MIP6_SHA1_LEN;
	return ok ? 0 : MIP6_E_CRYPTO;
}
