/* The crypto seam: the only two primitives the core needs. The default
 * implementation (core/crypto/crypto_openssl.c) uses OpenSSL libcrypto. */
#ifndef MIP6_CRYPTO_H
#define MIP6_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MIP6_SHA1_LEN 20

/* SHA1 over the concatenation of n parts. Returns 0 or MIP6_E_CRYPTO. */
typedef struct mip6_iov {
	const void *p;
	size_t len;
} mip6_iov_t;

int mip6_sha1(const mip6_iov_t *parts, size_t n, uint8_t out[MIP6_SHA1_LEN]);
int mip6_hmac_sha1(const uint8_t *key, size_t key_len, const mip6_iov_t *parts, size_t n,
		   uint8_t out[MIP6_SHA1_LEN]);

#ifdef __cplusplus
}
#endif
#endif
