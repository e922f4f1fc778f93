/* SPDX-License-Identifier: BSD-3-Clause */
/* mip6tool: dispatch to the commands. */
#include <string.h>

#include "mip6tool.h"
#include "tool.h"

int mip6tool_main(int argc, char **argv, FILE *out, FILE *err)
{
	if (argc < 2) {
		fputs(tool_usage_main, err);
		return MIP6TOOL_EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
		fputs(tool_usage_main, out);
		return MIP6TOOL_EXIT_OK;
	}
	if (strcmp(cmd, "help") == 0) {
		const char *what = argc > 2 ? argv[2] : "";
		fputs(strcmp(what, "decode") == 0  ? tool_usage_decode
		      : strcmp(what, "rr") == 0    ? tool_usage_rr
		      : strcmp(what, "craft") == 0 ? tool_usage_craft
		                                   : tool_usage_main,
		      out);
		return MIP6TOOL_EXIT_OK;
	}
	if (strcmp(cmd, "decode") == 0)
		return mip6tool_cmd_decode(argc - 1, argv + 1, out, err);
	if (strcmp(cmd, "rr") == 0)
		return mip6tool_cmd_rr(argc - 1, argv + 1, out, err);
	if (strcmp(cmd, "craft") == 0)
		return mip6tool_cmd_craft(argc - 1, argv + 1, out, err);
	fprintf(err, "mip6tool: unknown command '%s'\n", cmd);
	fputs(tool_usage_main, err);
	return MIP6TOOL_EXIT_USAGE;
}
