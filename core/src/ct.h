/* SPDX-License-Identifier: BSD-3-Clause */
/* Constant-time comparison for authenticators: the time taken must not
 * tell an attacker how many leading bytes were right. */
#ifndef MIP6_CT_H
#define MIP6_CT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

static inline bool ct_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
	uint8_t diff = 0;
	for (size_t i = 0; i < n; i++)
		diff |= (uint8_t)(a[i] ^ b[i]);
	return diff == 0;
}

#endif
