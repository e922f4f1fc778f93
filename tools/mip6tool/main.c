/* SPDX-License-Identifier: BSD-3-Clause */
/* mip6tool: the command-line front of mip6tool_lib. */
#include <stdio.h>

#include "mip6tool.h"

int main(int argc, char **argv)
{
	return mip6tool_main(argc, argv, stdout, stderr);
}
