/* SPDX-License-Identifier: BSD-3-Clause */
/* A library that exports a name without the mip6_ prefix: check-symbols.sh
 * must reject it (the symbols_check_rejects test), so it is seen to fail. */
int mip6_fine(void);
int leaky_helper(void);

int leaky_helper(void)
{
	return 1;
}

int mip6_fine(void)
{
	return leaky_helper();
}
