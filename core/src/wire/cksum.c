/* SPDX-License-Identifier: BSD-3-Clause */
/* Internet checksum (RFC 1071) over the IPv6 pseudo-header (RFC 8200 8.1). */
#include "mip6/ipv6.h"

static uint32_t sum_bytes(uint32_t sum, const uint8_t *p, size_t len)
{
	while (len >= 2) {
		sum += (uint32_t)(p[0] << 8 | p[1]);
		p += 2;
		len -= 2;
	}
	if (len)
		sum += (uint32_t)(p[0] << 8);
	return sum;
}

uint16_t mip6_cksum_pseudo(const mip6_addr_t *src, const mip6_addr_t *dst, uint32_t ul_len,
			   uint8_t nxt, const uint8_t *data, size_t len)
{
	uint32_t sum = 0;
	sum = sum_bytes(sum, src->b, 16);
	sum = sum_bytes(sum, dst->b, 16);
	sum += ul_len >> 16;
	sum += ul_len & 0xffffu;
	sum += nxt;
	/* Fold as we go so a 64 KB payload cannot overflow the accumulator. */
	while (len > 0) {
		size_t chunk = len > 32768 ? 32768 : len;
		sum = sum_bytes(sum, data, chunk);
		sum = (sum & 0xffffu) + (sum >> 16);
		data += chunk;
		len -= chunk;
	}
	while (sum >> 16)
		sum = (sum & 0xffffu) + (sum >> 16);
	return (uint16_t)~sum;
}
