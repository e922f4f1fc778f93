/* SPDX-License-Identifier: BSD-3-Clause */
/* Writes the pcap tap's records (mip6/bind_pcap.h) to a capture file with
 * libpcap: link type DLT_RAW (each record an IPv6 packet), nanosecond
 * timestamps. The one piece of the binding layer with I/O, in its own
 * library (mip6bind_pcap) so that mip6bind stays free of it. */
#ifndef MIP6_BIND_PCAP_FILE_H
#define MIP6_BIND_PCAP_FILE_H

#include "mip6/bind_pcap.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mip6_bind_pcap_file mip6_bind_pcap_file_t;

/* NULL when the file cannot be created. */
mip6_bind_pcap_file_t *mip6_bind_pcap_file_open(const char *path);
/* A mip6_bind_rec_fn: ctx is the file. */
void mip6_bind_pcap_file_record(void *ctx, const mip6_bind_pkt_rec_t *r);
unsigned long mip6_bind_pcap_file_count(const mip6_bind_pcap_file_t *f);
/* Flushes and closes; NULL is ignored. */
void mip6_bind_pcap_file_close(mip6_bind_pcap_file_t *f);

#ifdef __cplusplus
}
#endif
#endif
