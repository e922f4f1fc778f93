/* SPDX-License-Identifier: BSD-3-Clause */
/* The pcap tap: every packet the core sends (env.send) and every packet
 * handed to the core (mip6_bind_input / mip6_bind_output) as a raw-IPv6
 * record for a sink. Writing the records to a file is the separate
 * mip6bind_pcap library (mip6/bind_pcap_file.h): this piece does no I/O. */
#ifndef MIP6_BIND_PCAP_H
#define MIP6_BIND_PCAP_H

#include <stddef.h>
#include <stdint.h>

#include "mip6/bind.h"
#include "mip6/bind_wrap.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mip6_bind_pkt_rec {
	mip6_ns_t t_ns;
	int dir;            /* enum mip6_bind_dir */
	uint32_t ifindex;   /* SENT, INPUT: the interface; OUTPUT: 0 */
	const uint8_t *pkt; /* from the IPv6 header on; valid during the call */
	size_t len;
} mip6_bind_pkt_rec_t;

typedef void (*mip6_bind_rec_fn)(void *ctx, const mip6_bind_pkt_rec_t *r);

typedef struct mip6_bind_pcap_tap {
	mip6_bind_wrap_t w;
	const mip6_bind_t *bind; /* the clock of sent packets: the call's now */
	mip6_bind_rec_fn sink;
	void *sink_ctx;
	unsigned dirs; /* bit (1 << dir) for each direction recorded */
	unsigned long records;
} mip6_bind_pcap_tap_t;

#define MIP6_BIND_PCAP_ALL                                                                                   \
	((1u << MIP6_BIND_DIR_SENT) | (1u << MIP6_BIND_DIR_INPUT) | (1u << MIP6_BIND_DIR_OUTPUT))

/* Records every direction; narrow with tap->dirs. */
void mip6_bind_pcap_tap_init(mip6_bind_pcap_tap_t *t, const mip6_env_t *inner, mip6_bind_rec_fn sink,
                             void *ctx);
static inline const mip6_env_t *mip6_bind_pcap_tap_env(const mip6_bind_pcap_tap_t *t)
{
	return &t->w.env;
}
/* Sees b's input and output too (its one tap), and takes the time from it. */
void mip6_bind_pcap_tap_attach(mip6_bind_pcap_tap_t *t, mip6_bind_t *b);

#ifdef __cplusplus
}
#endif
#endif
