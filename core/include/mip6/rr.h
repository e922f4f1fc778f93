/* SPDX-License-Identifier: BSD-3-Clause */
/* Return routability computations of RFC 6275 section 5.2. */
#ifndef MIP6_RR_H
#define MIP6_RR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mip6/addr.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MIP6_KCN_LEN 20     /* RFC 6275 5.2.1 */
#define MIP6_NONCE_LEN 8    /* RFC 6275 5.2.2: this stack's nonces are 64 bits */
#define MIP6_TOKEN_LEN 8    /* keygen tokens are First(64, ...) */
#define MIP6_KBM_LEN 20
#define MIP6_AUTHENTICATOR_LEN 12 /* First(96, HMAC_SHA1(...)) */

/* Keygen token (5.2.5): First(64, HMAC_SHA1(Kcn, addr | nonce | 0)) for the
 * home token, with a final 1 octet for the care-of token. */
int mip6_rr_keygen(const uint8_t *kcn, size_t kcn_len, const mip6_addr_t *addr, const uint8_t *nonce,
		   size_t nonce_len, bool careof, uint8_t token[MIP6_TOKEN_LEN]);

/* Kbm = SHA1(home token | care-of token), or SHA1(home token) when
 * careof_token is NULL (de-registration, 5.2.5). */
int mip6_rr_kbm(const uint8_t home_token[MIP6_TOKEN_LEN], const uint8_t *careof_token,
		uint8_t kbm[MIP6_KBM_LEN]);

/* Authenticator (6.2.7): First(96, HMAC_SHA1(Kbm, coa | cn | MH data)), where
 * MH data is the Mobility Header up to (not including) the authenticator,
 * with the checksum field zero. */
int mip6_rr_authenticator(const uint8_t kbm[MIP6_KBM_LEN], const mip6_addr_t *coa, const mip6_addr_t *cn,
			  const uint8_t *mh_data, size_t len, uint8_t auth[MIP6_AUTHENTICATOR_LEN]);

/* Fills in the authenticator of an emitted MH whose last option is Binding
 * Authorization Data, then sets its checksum for src/dst. */
int mip6_rr_sign_mh(uint8_t *mh, size_t len, const uint8_t kbm[MIP6_KBM_LEN], const mip6_addr_t *coa,
		    const mip6_addr_t *cn, const mip6_addr_t *src, const mip6_addr_t *dst);

/* Checks the authenticator of a received MH (constant-time compare).
 * Returns 0 when it verifies, MIP6_E_CRYPTO when it does not, another
 * negative error when the MH has no Binding Authorization Data last. */
int mip6_rr_verify_mh(const uint8_t *mh, size_t len, const uint8_t kbm[MIP6_KBM_LEN], const mip6_addr_t *coa,
		      const mip6_addr_t *cn);

#ifdef __cplusplus
}
#endif
#endif
