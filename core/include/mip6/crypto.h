/* SPDX-License-Identifier: BSD-3-Clause */
/* The crypto seam: the only primitives the core needs (SHA1, HMAC-SHA1).
 * The default implementation (core/crypto/crypto_openssl.c) uses OpenSSL
 * libcrypto. */
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

/* A key prepared for repeated HMAC-SHA1 (its padded forms are hashed once,
 * which takes most of the cost off short messages): an HA keeps one per
 * authenticated client, an MN one for its HA. Its memory comes from the
 * crypto library, not the env allocator. NULL when that fails; callers
 * then fall back to mip6_hmac_sha1. One thread at a time. */
typedef struct mip6_hmac_key mip6_hmac_key_t;
mip6_hmac_key_t *mip6_hmac_key_new(const uint8_t *key, size_t key_len);
void mip6_hmac_key_free(mip6_hmac_key_t *k);
int mip6_hmac_sha1_prepared(mip6_hmac_key_t *k, const mip6_iov_t *parts, size_t n, uint8_t out[MIP6_SHA1_LEN]);

#ifdef __cplusplus
}
#endif
#endif
