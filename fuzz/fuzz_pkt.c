/* SPDX-License-Identifier: BSD-3-Clause */
/* libFuzzer target: mip6_pkt_parse on a whole IPv6 packet (header chain,
 * HAO, routing headers, nested tunnels, upper layer), strict and lenient. */
#include <stdint.h>

#include "fuzz_common.h"
#include "mip6/packet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parse_one(const uint8_t *p, size_t len, unsigned flags)
{
	static mip6_pkt_t pkt;
	int rc = mip6_pkt_parse(p, len, flags, &pkt);
	fuzz_check_rc(rc, &pkt.diag, len);
	fuzz_check_warnings(pkt.warnings);
	FUZZ_CHECK(pkt.nlayers <= MIP6_MAX_LAYERS);
	if (rc != 0)
		return;
	if (flags == MIP6_DEC_STRICT)
		FUZZ_CHECK(pkt.warnings == 0);
	FUZZ_CHECK(pkt.nlayers >= 1);
	for (unsigned i = 0; i < pkt.nlayers; i++) {
		const mip6_layer_t *l = &pkt.layer[i];
		FUZZ_CHECK(l->off + (size_t)MIP6_IP6_HLEN <= len);
		FUZZ_CHECK(l->nexthdrs <= MIP6_MAX_EXTHDRS);
		FUZZ_CHECK(mip6_layer_cksum_src(l) != NULL && mip6_layer_cksum_dst(l) != NULL);
		if (i + 1 < pkt.nlayers)
			FUZZ_CHECK(pkt.layer[i + 1].off > l->off);
	}
	const mip6_layer_t *in = &pkt.layer[pkt.nlayers - 1];
	if (pkt.ul != MIP6_UL_NONE) {
		FUZZ_CHECK(in->upper_off <= len && in->upper_len <= len - in->upper_off);
	}
	if (pkt.ul == MIP6_UL_MH)
		fuzz_check_mh(&pkt.mh, p, len);
	else if (pkt.ul == MIP6_UL_ICMP6)
		fuzz_check_icmp6(&pkt.icmp6, p, len);
	FUZZ_CHECK(pkt.cksum_ok >= -1 && pkt.cksum_ok <= 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse_one(data, size, MIP6_DEC_STRICT);
	parse_one(data, size, MIP6_DEC_LENIENT);
	return 0;
}
