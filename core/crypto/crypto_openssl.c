/* The crypto seam implemented with OpenSSL 3 libcrypto (EVP digest and MAC).
 *
 * OpenSSL 3 looks an algorithm up by name on every implicit fetch (EVP_sha1()
 * inside an Init, one-shot HMAC()), which dominated the cost of short
 * messages; the algorithms are therefore fetched once and kept. The fetched
 * objects are immutable and shared; a race on first use fetches twice.
 * HMAC needs no such object (below). */
/* SHA1_Init and friends (see mip6_hmac_sha1). */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
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

/* HMAC (RFC 2104) over the low-level SHA-1 of libcrypto: its context is a
 * plain struct on the stack, so a call allocates nothing and copies no
 * provider context. EVP_MAC cost a context duplicate, two digest contexts
 * and their frees per message, most of an authenticated BU's time. The
 * low-level calls are deprecated in OpenSSL 3 but kept for exactly this. */
int mip6_hmac_sha1(const uint8_t *key, size_t key_len, const mip6_iov_t *parts, size_t n,
		   uint8_t out[MIP6_SHA1_LEN])
{
	enum { BLOCK = 64 };
	uint8_t k[BLOCK], pad[BLOCK], inner[MIP6_SHA1_LEN];
	SHA_CTX c;
	memset(k, 0, sizeof(k));
	if (key_len > BLOCK) {
		if (!SHA1(key, key_len, k))
			return MIP6_E_CRYPTO;
	} else if (key_len) {
		memcpy(k, key, key_len);
	}
	for (unsigned i = 0; i < BLOCK; i++)
		pad[i] = (uint8_t)(k[i] ^ 0x36);
	int ok = SHA1_Init(&c) && SHA1_Update(&c, pad, BLOCK);
	for (size_t i = 0; ok && i < n; i++)
		ok = SHA1_Update(&c, parts[i].p, parts[i].len);
	ok = ok && SHA1_Final(inner, &c);
	for (unsigned i = 0; i < BLOCK; i++)
		pad[i] = (uint8_t)(k[i] ^ 0x5c);
	ok = ok && SHA1_Init(&c) && SHA1_Update(&c, pad, BLOCK) && SHA1_Update(&c, inner, sizeof(inner)) &&
	     SHA1_Final(out, &c);
	/* Key material does not stay on the stack. */
	OPENSSL_cleanse(k, sizeof(k));
	OPENSSL_cleanse(pad, sizeof(pad));
	OPENSSL_cleanse(&c, sizeof(c));
	return ok ? 0 : MIP6_E_CRYPTO;
}
