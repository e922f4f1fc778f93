/* SPDX-License-Identifier: BSD-3-Clause */
/* mip6tool rr: the return-routability computations of RFC 6275 5.2.5 and
 * 6.2.7 by hand, for checking a peer's tokens and authenticators. */
#include <stddef.h>
#include <string.h>

#include "mip6/mh.h"
#include "mip6/rr.h"
#include "mip6tool.h"
#include "tool.h"

#define MAX_NONCE 64

typedef struct rr_args {
	const char *kcn, *addr, *nonce, *home_token, *careof_token, *kbm, *coa, *cn, *mh;
	int home, careof;
} rr_args_t;

static int usage_err(FILE *err, const char *sub, const char *msg, const char *arg)
{
	fprintf(err, "mip6tool rr %s: %s", sub, msg);
	if (arg)
		fprintf(err, " '%s'", arg);
	fprintf(err, "\nusage: mip6tool rr keygen --kcn HEX --addr IPV6 --nonce HEX --home|--care-of\n"
	             "       mip6tool rr kbm --home-token HEX [--care-of-token HEX]\n"
	             "       mip6tool rr auth --kbm HEX --coa IPV6 --cn IPV6 --mh HEX\n");
	return MIP6TOOL_EXIT_USAGE;
}

/* Options of the form --name VALUE or --name=VALUE. */
static int parse_args(int argc, char **argv, const char *sub, const char *const *allowed, rr_args_t *a,
                      FILE *err)
{
	static const struct {
		const char *name;
		size_t off;
	} valued[] = {
	    {"--kcn", offsetof(rr_args_t, kcn)},
	    {"--addr", offsetof(rr_args_t, addr)},
	    {"--nonce", offsetof(rr_args_t, nonce)},
	    {"--home-token", offsetof(rr_args_t, home_token)},
	    {"--care-of-token", offsetof(rr_args_t, careof_token)},
	    {"--kbm", offsetof(rr_args_t, kbm)},
	    {"--coa", offsetof(rr_args_t, coa)},
	    {"--cn", offsetof(rr_args_t, cn)},
	    {"--mh", offsetof(rr_args_t, mh)},
	};
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char *eq = strchr(arg, '=');
		size_t nlen = eq ? (size_t)(eq - arg) : strlen(arg);
		bool ok = false;
		for (const char *const *p = allowed; *p; p++)
			if (strlen(*p) == nlen && strncmp(*p, arg, nlen) == 0)
				ok = true;
		if (!ok)
			return usage_err(err, sub, "unknown argument", arg);
		if (strcmp(arg, "--home") == 0) {
			a->home = 1;
			continue;
		}
		if (strcmp(arg, "--care-of") == 0) {
			a->careof = 1;
			continue;
		}
		for (size_t k = 0; k < sizeof(valued) / sizeof(valued[0]); k++) {
			if (strlen(valued[k].name) != nlen || strncmp(valued[k].name, arg, nlen) != 0)
				continue;
			const char *val = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
			if (!val)
				return usage_err(err, sub, "missing value after", valued[k].name);
			*(const char **)((char *)a + valued[k].off) = val;
		}
	}
	return 0;
}

/* Hex of exactly want bytes (want 0: 1..max bytes) into out, which holds
 * want (or max) bytes. */
static long get_hex(FILE *err, const char *sub, const char *opt, const char *s, uint8_t *out, size_t want,
                    size_t max, const char *why)
{
	uint8_t buf[MIP6_MH_MAX_LEN + 64];
	char msg[128];
	long n = tool_unhex(s, buf, want ? want + 64 : max, msg, sizeof(msg));
	if (n < 0) {
		fprintf(err, "mip6tool rr %s: %s: %s\n", sub, opt, msg);
		return -1;
	}
	if (want && (size_t)n != want) {
		fprintf(err, "mip6tool rr %s: %s must be %zu bytes (%zu hex digits%s), got %ld\n", sub, opt,
		        want, 2 * want, why, n);
		return -1;
	}
	if (n == 0) {
		fprintf(err, "mip6tool rr %s: %s is empty\n", sub, opt);
		return -1;
	}
	memcpy(out, buf, (size_t)n);
	return n;
}

static int get_addr(FILE *err, const char *sub, const char *opt, const char *s, mip6_addr_t *a)
{
	if (mip6_addr_pton(s, a) != 0) {
		fprintf(err, "mip6tool rr %s: %s: '%s' is not an IPv6 address\n", sub, opt, s);
		return -1;
	}
	return 0;
}

static int print_hex(FILE *out, const uint8_t *p, size_t n)
{
	char buf[2 * 64 + 1];
	fprintf(out, "%s\n", tool_hex(p, n, buf));
	return fflush(out) == 0 ? MIP6TOOL_EXIT_OK : MIP6TOOL_EXIT_FAIL;
}

static int cmd_keygen(int argc, char **argv, FILE *out, FILE *err)
{
	static const char *const allowed[] = {"--kcn", "--addr", "--nonce", "--home", "--care-of", NULL};
	rr_args_t a = {0};
	int rc = parse_args(argc, argv, "keygen", allowed, &a, err);
	if (rc)
		return rc;
	if (!a.kcn || !a.addr || !a.nonce)
		return usage_err(err, "keygen", "--kcn, --addr and --nonce are required", NULL);
	if (a.home == a.careof)
		return usage_err(err, "keygen", "give exactly one of --home and --care-of", NULL);
	uint8_t kcn[MIP6_KCN_LEN], nonce[MAX_NONCE], token[MIP6_TOKEN_LEN];
	mip6_addr_t addr;
	long nn;
	if (get_hex(err, "keygen", "--kcn", a.kcn, kcn, MIP6_KCN_LEN, 0, ", RFC 6275 5.2.1") < 0 ||
	    get_addr(err, "keygen", "--addr", a.addr, &addr) ||
	    (nn = get_hex(err, "keygen", "--nonce", a.nonce, nonce, 0, MAX_NONCE, "")) < 0)
		return MIP6TOOL_EXIT_USAGE;
	if (mip6_rr_keygen(kcn, sizeof(kcn), &addr, nonce, (size_t)nn, a.careof, token) != 0) {
		fprintf(err, "mip6tool rr keygen: the crypto library failed\n");
		return MIP6TOOL_EXIT_FAIL;
	}
	return print_hex(out, token, sizeof(token));
}

static int cmd_kbm(int argc, char **argv, FILE *out, FILE *err)
{
	static const char *const allowed[] = {"--home-token", "--care-of-token", NULL};
	rr_args_t a = {0};
	int rc = parse_args(argc, argv, "kbm", allowed, &a, err);
	if (rc)
		return rc;
	if (!a.home_token)
		return usage_err(err, "kbm", "--home-token is required", NULL);
	uint8_t hot[MIP6_TOKEN_LEN], cot[MIP6_TOKEN_LEN], kbm[MIP6_KBM_LEN];
	if (get_hex(err, "kbm", "--home-token", a.home_token, hot, MIP6_TOKEN_LEN, 0, ", RFC 6275 5.2.5") < 0)
		return MIP6TOOL_EXIT_USAGE;
	if (a.careof_token && get_hex(err, "kbm", "--care-of-token", a.careof_token, cot, MIP6_TOKEN_LEN, 0,
	                              ", RFC 6275 5.2.5") < 0)
		return MIP6TOOL_EXIT_USAGE;
	/* Without a care-of token: the de-registration Kbm (5.2.5). */
	if (mip6_rr_kbm(hot, a.careof_token ? cot : NULL, kbm) != 0) {
		fprintf(err, "mip6tool rr kbm: the crypto library failed\n");
		return MIP6TOOL_EXIT_FAIL;
	}
	return print_hex(out, kbm, sizeof(kbm));
}

/* A complete MH: Header Len matches the input and Binding Authorization
 * Data with a 12-byte authenticator ends it. */
static bool complete_mh(const uint8_t *mh, size_t len)
{
	if (len < 8 || ((size_t)mh[1] + 1) * 8 != len)
		return false;
	static mip6_mh_t m;
	mip6_diag_t d = {0};
	if (mip6_mh_parse(mh, len, NULL, NULL, MIP6_DEC_LENIENT, &m, &d) != 0 || m.nopts == 0)
		return false;
	const mip6_mhopt_t *o = &m.opts[m.nopts - 1];
	return o->type == MIP6_OPT_AUTH && o->len == MIP6_AUTHENTICATOR_LEN && o->u.data == mh + len - 12;
}

static int cmd_auth(int argc, char **argv, FILE *out, FILE *err)
{
	static const char *const allowed[] = {"--kbm", "--coa", "--cn", "--mh", NULL};
	rr_args_t a = {0};
	int rc = parse_args(argc, argv, "auth", allowed, &a, err);
	if (rc)
		return rc;
	if (!a.kbm || !a.coa || !a.cn || !a.mh)
		return usage_err(err, "auth", "--kbm, --coa, --cn and --mh are required", NULL);
	uint8_t kbm[MIP6_KBM_LEN], mh[MIP6_MH_MAX_LEN], auth[MIP6_AUTHENTICATOR_LEN];
	mip6_addr_t coa, cn;
	long n;
	if (get_hex(err, "auth", "--kbm", a.kbm, kbm, MIP6_KBM_LEN, 0, ", RFC 6275 5.2.5") < 0 ||
	    get_addr(err, "auth", "--coa", a.coa, &coa) || get_addr(err, "auth", "--cn", a.cn, &cn) ||
	    (n = get_hex(err, "auth", "--mh", a.mh, mh, 0, sizeof(mh), "")) < 0)
		return MIP6TOOL_EXIT_USAGE;
	if (n < 6) {
		fprintf(err,
		        "mip6tool rr auth: --mh must hold at least the 6-byte MH header, got %ld bytes\n", n);
		return MIP6TOOL_EXIT_USAGE;
	}
	size_t len = (size_t)n;
	bool whole = complete_mh(mh, len);
	/* RFC 6275 6.2.7: the MH data up to the authenticator, checksum 0. */
	size_t data_len = whole ? len - MIP6_AUTHENTICATOR_LEN : len;
	uint8_t data[MIP6_MH_MAX_LEN];
	memcpy(data, mh, data_len);
	data[4] = data[5] = 0;
	if (mip6_rr_authenticator(kbm, &coa, &cn, data, data_len, auth) != 0) {
		fprintf(err, "mip6tool rr auth: the crypto library failed\n");
		return MIP6TOOL_EXIT_FAIL;
	}
	rc = print_hex(out, auth, sizeof(auth));
	if (rc || !whole)
		return rc;
	/* A whole MH was given: say whether it carries this authenticator. */
	if (mip6_rr_verify_mh(mh, len, kbm, &coa, &cn) == 0) {
		fprintf(out, "match: the MH carries this authenticator\n");
		return MIP6TOOL_EXIT_OK;
	}
	char buf[2 * MIP6_AUTHENTICATOR_LEN + 1];
	fprintf(out, "mismatch: the MH carries %s\n", tool_hex(mh + len - 12, 12, buf));
	return MIP6TOOL_EXIT_FAIL;
}

int mip6tool_cmd_rr(int argc, char **argv, FILE *out, FILE *err)
{
	if (argc < 2) {
		fprintf(err, "mip6tool rr: which computation? keygen, kbm or auth\n");
		fputs(tool_usage_rr, err);
		return MIP6TOOL_EXIT_USAGE;
	}
	const char *sub = argv[1];
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(tool_usage_rr, out);
			return MIP6TOOL_EXIT_OK;
		}
	}
	if (strcmp(sub, "keygen") == 0)
		return cmd_keygen(argc - 1, argv + 1, out, err);
	if (strcmp(sub, "kbm") == 0)
		return cmd_kbm(argc - 1, argv + 1, out, err);
	if (strcmp(sub, "auth") == 0)
		return cmd_auth(argc - 1, argv + 1, out, err);
	fprintf(err, "mip6tool rr: unknown computation '%s' (keygen, kbm or auth)\n", sub);
	return MIP6TOOL_EXIT_USAGE;
}
