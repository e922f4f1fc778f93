/* SPDX-License-Identifier: BSD-3-Clause */
/* Printable names of MH types, mobility options and BA status codes (IANA
 * "Mobile IPv6 parameters" registry). */
#include <stddef.h>

#include "mip6/mh.h"

const char *mip6_mh_type_name(uint8_t type)
{
	switch (type) {
	case MIP6_MH_BRR:
		return "BRR";
	case MIP6_MH_HOTI:
		return "HoTI";
	case MIP6_MH_COTI:
		return "CoTI";
	case MIP6_MH_HOT:
		return "HoT";
	case MIP6_MH_COT:
		return "CoT";
	case MIP6_MH_BU:
		return "BU";
	case MIP6_MH_BA:
		return "BA";
	case MIP6_MH_BE:
		return "BE";
	default:
		return NULL;
	}
}

const char *mip6_mhopt_name(uint8_t type)
{
	switch (type) {
	case MIP6_OPT_PAD1:
		return "pad1";
	case MIP6_OPT_PADN:
		return "padn";
	case MIP6_OPT_BRA:
		return "binding-refresh-advice";
	case MIP6_OPT_ALTCOA:
		return "alternate-coa";
	case MIP6_OPT_NONCE:
		return "nonce-indices";
	case MIP6_OPT_AUTH:
		return "binding-auth-data";
	case MIP6_OPT_MNP:
		return "mobile-network-prefix";
	case MIP6_OPT_MNID:
		return "mn-id";
	case MIP6_OPT_MNAUTH:
		return "mn-auth";
	case MIP6_OPT_MESGID:
		return "mesg-id";
	case MIP6_OPT_BID:
		return "binding-id";
	default:
		return NULL;
	}
}

const char *mip6_ba_status_name(uint8_t status)
{
	switch (status) {
	case MIP6_BA_ACCEPTED:
		return "Binding Update accepted";
	case MIP6_BA_ACCEPTED_PD:
		return "Accepted but prefix discovery necessary";
	case MIP6_BA_MCOA_NOTCOMPLETE:
		return "MCOA NOTCOMPLETE";
	case MIP6_BA_MCOA_RETURNHOME_WO_NDP:
		return "MCOA RETURNHOME WO/NDP";
	case MIP6_BA_UNSPECIFIED:
		return "Reason unspecified";
	case MIP6_BA_PROHIBITED:
		return "Administratively prohibited";
	case MIP6_BA_INSUFFICIENT:
		return "Insufficient resources";
	case MIP6_BA_HR_NOT_SUPPORTED:
		return "Home registration not supported";
	case MIP6_BA_NOT_HOME_SUBNET:
		return "Not home subnet";
	case MIP6_BA_NOT_HA_FOR_MN:
		return "Not home agent for this mobile node";
	case MIP6_BA_DAD_FAILED:
		return "Duplicate Address Detection failed";
	case MIP6_BA_SEQ_OUT_OF_WINDOW:
		return "Sequence number out of window";
	case MIP6_BA_EXPIRED_HOME_NONCE:
		return "Expired home nonce index";
	case MIP6_BA_EXPIRED_COA_NONCE:
		return "Expired care-of nonce index";
	case MIP6_BA_EXPIRED_NONCES:
		return "Expired nonces";
	case MIP6_BA_REG_TYPE_CHANGE:
		return "Registration type change disallowed";
	case MIP6_BA_MR_OP_NOT_PERMITTED:
		return "Mobile Router Operation not permitted";
	case MIP6_BA_INVALID_PREFIX:
		return "Invalid Prefix";
	case MIP6_BA_NOT_AUTH_FOR_PREFIX:
		return "Not Authorized for Prefix";
	case MIP6_BA_FWD_SETUP_FAILED:
		return "Forwarding Setup failed (prefixes missing)";
	case MIP6_BA_ID_MISMATCH:
		return "MIPV6-ID-MISMATCH";
	case MIP6_BA_MESG_ID_REQD:
		return "MIPV6-MESG-ID-REQD";
	case MIP6_BA_AUTH_FAIL:
		return "MIPV6-AUTH-FAIL";
	case MIP6_BA_MCOA_MALFORMED:
		return "MCOA MALFORMED";
	case MIP6_BA_MCOA_NON_MCOA_EXISTS:
		return "MCOA NON-MCOA BINDING EXISTS";
	case MIP6_BA_MCOA_PROHIBITED:
		return "MCOA PROHIBITED";
	case MIP6_BA_MCOA_UNKNOWN_COA:
		return "MCOA UNKNOWN COA";
	case MIP6_BA_MCOA_BULK_PROHIBITED:
		return "MCOA BULK REGISTRATION PROHIBITED";
	case MIP6_BA_MCOA_SIMUL_HOME_FOREIGN:
		return "MCOA SIMULTANEOUS HOME AND FOREIGN PROHIBITED";
	case MIP6_BA_INVALID_COA:
		return "Invalid Care-of Address";
	default:
		return NULL;
	}
}
