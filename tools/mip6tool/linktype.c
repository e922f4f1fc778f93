/* SPDX-License-Identifier: BSD-3-Clause */
/* Link-layer headers in front of IPv6: which captures the tool reads and
 * where the IPv6 header starts in each frame. */
#include <pcap/pcap.h>

#include "tool.h"

#define ETHERTYPE_IPV6 0x86ddu
#define SLIP_HDRLEN 16 /* libpcap's BSD/OS SLIP pseudo-header */
#define SLL_HDRLEN 16  /* DLT_LINUX_SLL */
#define SLL2_HDRLEN 20 /* DLT_LINUX_SLL2 */

bool tool_dlt_supported(int dlt)
{
	switch (dlt) {
	case DLT_RAW:
	case DLT_IPV6:
	case DLT_EN10MB:
	case DLT_LINUX_SLL:
	case DLT_LINUX_SLL2:
	case DLT_NULL:
	case DLT_LOOP:
	case DLT_SLIP:
		return true;
	default:
		return false;
	}
}

static unsigned be16(const uint8_t *p)
{
	return (unsigned)(p[0] << 8 | p[1]);
}

static bool version6(const uint8_t *p, size_t len, size_t off)
{
	return off < len && (p[off] >> 4) == 6;
}

/* BSD loopback: the address family of the capturing host, in its byte
 * order (NULL) or in network order (LOOP). IPv6 is 24 on NetBSD, OpenBSD
 * and BSD/OS, 28 on FreeBSD, 30 on Darwin and 10 on Linux. */
static bool af_inet6(uint32_t af)
{
	return af == 24 || af == 28 || af == 30 || af == 10;
}

bool tool_link_ipv6(int dlt, const uint8_t *p, size_t len, size_t *off)
{
	switch (dlt) {
	case DLT_RAW:
	case DLT_IPV6:
		*off = 0;
		return version6(p, len, 0);
	case DLT_EN10MB: {
		if (len < 14)
			return false;
		size_t at = 12;
		unsigned type = be16(p + at);
		/* 802.1Q, 802.1ad and the old QinQ tag: 4 bytes each. */
		while (type == 0x8100u || type == 0x88a8u || type == 0x9100u) {
			at += 4;
			if (at + 2 > len)
				return false;
			type = be16(p + at);
		}
		*off = at + 2;
		return type == ETHERTYPE_IPV6;
	}
	case DLT_LINUX_SLL:
		if (len < SLL_HDRLEN || be16(p + 14) != ETHERTYPE_IPV6)
			return false;
		*off = SLL_HDRLEN;
		return true;
	case DLT_LINUX_SLL2:
		if (len < SLL2_HDRLEN || be16(p) != ETHERTYPE_IPV6)
			return false;
		*off = SLL2_HDRLEN;
		return true;
	case DLT_NULL:
	case DLT_LOOP: {
		if (len < 4)
			return false;
		uint32_t be = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
		uint32_t le = (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
		if (!(af_inet6(be) || (dlt == DLT_NULL && af_inet6(le))))
			return false;
		*off = 4;
		return true;
	}
	case DLT_SLIP:
		*off = SLIP_HDRLEN;
		return version6(p, len, SLIP_HDRLEN);
	default:
		return false;
	}
}
