/* SPDX-License-Identifier: BSD-3-Clause */
/* Names of flags, statuses and kinds, shared by the printers and by craft. */
#include <string.h>

#include "tool.h"

#define FLAGSET(name, ...)                                                                                   \
	static const struct tool_flag name##_tab[] = {__VA_ARGS__};                                          \
	const struct tool_flagset name = {name##_tab, sizeof(name##_tab) / sizeof(name##_tab[0])}

/* RFC 6275 6.1.7, RFC 5380 (M), RFC 3963 (R), RFC 5213 (P). */
FLAGSET(tool_bu_flags, {"A", MIP6_BU_F_A}, {"H", MIP6_BU_F_H}, {"L", MIP6_BU_F_L}, {"K", MIP6_BU_F_K},
        {"M", MIP6_BU_F_M}, {"R", MIP6_BU_F_R}, {"P", MIP6_BU_F_P});
/* RFC 6275 6.1.8, RFC 3963 (R), RFC 5213 (P). */
FLAGSET(tool_ba_flags, {"K", MIP6_BA_F_K}, {"R", MIP6_BA_F_R}, {"P", MIP6_BA_F_P});
/* RFC 4861 4.2, RFC 6275 7.1 (H). */
FLAGSET(tool_ra_flags, {"M", MIP6_RA_F_M}, {"O", MIP6_RA_F_O}, {"H", MIP6_RA_F_H});
FLAGSET(tool_na_flags, {"R", MIP6_NA_F_R}, {"S", MIP6_NA_F_S}, {"O", MIP6_NA_F_O});
/* RFC 4861 4.6.2, RFC 6275 7.2 (R). */
FLAGSET(tool_pi_flags, {"L", MIP6_PI_F_L}, {"A", MIP6_PI_F_A}, {"R", MIP6_PI_F_R});
FLAGSET(tool_mpa_flags, {"M", MIP6_MPA_F_M}, {"O", MIP6_MPA_F_O});
/* RFC 5648 6.1. */
FLAGSET(tool_bid_flags, {"H", MIP6_BID_F_H});

const char *tool_be_status_name(unsigned status)
{
	/* RFC 6275 6.1.9. */
	switch (status) {
	case MIP6_BE_UNKNOWN_HAO:
		return "unknown binding for Home Address destination option";
	case MIP6_BE_UNKNOWN_MH:
		return "unrecognized MH Type value";
	default:
		return NULL;
	}
}

const char *tool_ul_name(mip6_ul_t ul)
{
	switch (ul) {
	case MIP6_UL_MH:
		return "mh";
	case MIP6_UL_ICMP6:
		return "icmp6";
	case MIP6_UL_UDP:
		return "udp";
	case MIP6_UL_TCP:
		return "tcp";
	case MIP6_UL_OTHER:
		return "other";
	case MIP6_UL_NONE:
	default:
		return "none";
	}
}

const char *tool_warn_list(uint32_t warnings, char *buf, size_t cap)
{
	size_t used = 0;
	buf[0] = '\0';
	for (unsigned i = 0; i < 32; i++) {
		uint32_t bit = 1u << i;
		if (!(warnings & bit))
			continue;
		const char *n = mip6_warn_name(bit);
		char unk[16];
		if (!n) {
			snprintf(unk, sizeof(unk), "bit%u", i);
			n = unk;
		}
		int w = snprintf(buf + used, cap - used, "%s%s", used ? "," : "", n);
		if (w < 0 || (size_t)w >= cap - used)
			break;
		used += (size_t)w;
	}
	return buf;
}

const char *tool_warn_text(uint32_t bit)
{
	switch (bit) {
	case MIP6_W_CKSUM:
		return "checksum does not verify";
	case MIP6_W_PROTO:
		return "MH payload proto is not 59";
	case MIP6_W_MINLEN:
		return "message shorter than its type's minimum";
	case MIP6_W_ALIGN:
		return "option not at its alignment";
	case MIP6_W_OPTLEN:
		return "option with a length the RFC forbids";
	case MIP6_W_OPT_TRUNC:
		return "option runs past the end of its header";
	case MIP6_W_TOO_MANY:
		return "more options or addresses than the decoder holds";
	case MIP6_W_CAPLEN:
		return "capture shorter than the lengths say";
	case MIP6_W_DUP_HAO:
		return "more than one Home Address option";
	case MIP6_W_RH2:
		return "type 2 routing header breaks RFC 6275 6.4";
	case MIP6_W_TRAILING:
		return "bytes after the end the lengths declare";
	case MIP6_W_CODE:
		return "non-zero ICMPv6 code where 0 is required";
	case MIP6_W_ORDER:
		return "option in a place the RFC forbids";
	case MIP6_W_OLD_MH:
		return "Mobility Header under next header 62 (pre-RFC 3775 draft)";
	default:
		return "decoder warning";
	}
}
