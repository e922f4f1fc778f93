/* The crypto seam implemented with OpenSSL libcrypto (EVP digests and HMAC). */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string.h>

#include "mip6/crypto.h"
#include "mip6/err.h"

int mip6_sha1(const mip6_iov_t *parts, size_t n, uint8_t out[MIP6_SHA1_LEN])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned len = 0;
	int ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha1(), NULL);
	for (size_t i = 0; ok && i < n; i++)
		ok = EVP_DigestUpdate(ctx, parts[i].p, parts[i].len);
	ok = ok && EVP_DigestFinal_ex(ctx, out, &len) && len == MIP6_SHA1_LEN;
	EVP_MD_CTX_free(ctx);
	return ok ? 0 : MIP6_E_CRYPTO;
}

int mip6_hmac_sha1(const uint8_t *key, size_t key_len, const mip6_iov_t *parts, size_t n,
		   uint8_t out[MIP6_SHA1_LEN])
{
	/* HMAC_CTX is deprecated in OpenSSL 3, but one-shot HMAC() takes a single
	 * buffer; the parts here are at most ~2 KB, so join them on the stack. */
	uint8_t joined[2048 + 64];
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		if (parts[i].len > sizeof(joined) - total)
			return MIP6_E_NOSPC;
		if (parts[i].len)
			memcpy(joined + total, parts[i].p, parts[i].len);
		total += parts[i].len;
	}
	unsigned len = 0;
	if (!HMAC(EVP_sha1(), key, (int)key_len, joined, total, out, &len) || len != MIP6_SHA1_LEN)
		return MIP6_E_CRYPTO;
	return 0;
}
