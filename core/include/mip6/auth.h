/* SPDX-License-Identifier: BSD-3-Clause */
/* MN-HA authentication of RFC 4285: the Mobility Message Authentication
 * option (subtype 1, MN-HA) carries First(96, HMAC_SHA1(key, Mobility Data))
 * where Mobility Data = care-of address | home address | MH Data, and MH
 * Data is the Mobility Header up to and including the SPI field of that
 * option, with the checksum field zero. The option must be the last one. */
#ifndef MIP6_AUTH_H
#define MIP6_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "mip6/addr.h"
#include "mip6/crypto.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MIP6_MNHA_AUTH_LEN 12

/* Fills in the authenticator of an emitted MH whose last option is a
 * Mobility Message Authentication option with 12 bytes of authentication
 * data, then sets the MH checksum for src/dst. */
int mip6_auth_sign_mh(uint8_t *mh, size_t len, const uint8_t *key, size_t key_len, const mip6_addr_t *coa,
		      const mip6_addr_t *hoa, const mip6_addr_t *src, const mip6_addr_t *dst);

/* 0 when the authenticator verifies (constant-time compare), MIP6_E_CRYPTO
 * when it does not, another negative error when the option is missing or
 * not last. *spi receives the option's SPI when non-NULL. */
int mip6_auth_verify_mh(const uint8_t *mh, size_t len, const uint8_t *key, size_t key_len,
			const mip6_addr_t *coa, const mip6_addr_t *hoa, uint32_t *spi);

/* The same with a key from mip6_hmac_key_new (about three times faster per
 * message); MIP6_E_INVAL for a NULL key. */
int mip6_auth_sign_mh_prepared(uint8_t *mh, size_t len, mip6_hmac_key_t *key, const mip6_addr_t *coa,
			       const mip6_addr_t *hoa, const mip6_addr_t *src, const mip6_addr_t *dst);
int mip6_auth_verify_mh_prepared(const uint8_t *mh, size_t len, mip6_hmac_key_t *key, const mip6_addr_t *coa,
				 const mip6_addr_t *hoa, uint32_t *spi);

#ifdef __cplusplus
}
#endif
#endif
