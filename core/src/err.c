/* SPDX-License-Identifier: BSD-3-Clause */
/* Texts for the error codes and warning bits. */
#include <stddef.h>

#include "mip6/decode.h"
#include "mip6/err.h"

const char *mip6_strerror(int err)
{
	switch (err) {
	case MIP6_OK: return "success";
	case MIP6_E_TRUNC: return "truncated input";
	case MIP6_E_LEN: return "inconsistent length";
	case MIP6_E_CKSUM: return "bad checksum";
	case MIP6_E_PROTO: return "wrong next header or payload proto";
	case MIP6_E_ALIGN: return "option misaligned";
	case MIP6_E_TYPE: return "unknown or unsupported type";
	case MIP6_E_NOSPC: return "no space left in buffer or table";
	case MIP6_E_INVAL: return "invalid argument or field value";
	case MIP6_E_CRYPTO: return "cryptographic check failed";
	case MIP6_E_DEPTH: return "too many nested headers";
	case MIP6_E_NOMEM: return "out of memory";
	default: return "unknown error";
	}
}

const char *mip6_warn_name(uint32_t bit)
{
	switch (bit) {
	case MIP6_W_CKSUM: return "cksum";
	case MIP6_W_PROTO: return "proto";
	case MIP6_W_MINLEN: return "minlen";
	case MIP6_W_ALIGN: return "align";
	case MIP6_W_OPTLEN: return "optlen";
	case MIP6_W_OPT_TRUNC: return "opt-trunc";
	case MIP6_W_TOO_MANY: return "too-many";
	case MIP6_W_CAPLEN: return "caplen";
	case MIP6_W_DUP_HAO: return "dup-hao";
	case MIP6_W_RH2: return "rh2";
	case MIP6_W_TRAILING: return "trailing";
	case MIP6_W_CODE: return "code";
	case MIP6_W_ORDER: return "order";
	case MIP6_W_OLD_MH: return "old-mh";
	default: return NULL;
	}
}
