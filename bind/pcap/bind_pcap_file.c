/* SPDX-License-Identifier: BSD-3-Clause */
/* libpcap's headers use the BSD u_int/u_char types: not in strict C11. */
#define _DEFAULT_SOURCE
#include "mip6/bind_pcap_file.h"

#include <pcap/pcap.h>
#include <stdlib.h>

#define SNAPLEN 65535

struct mip6_bind_pcap_file {
	pcap_t *dead;
	pcap_dumper_t *dump;
	unsigned long count;
};

mip6_bind_pcap_file_t *mip6_bind_pcap_file_open(const char *path)
{
	mip6_bind_pcap_file_t *f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	f->dead = pcap_open_dead_with_tstamp_precision(DLT_RAW, SNAPLEN, PCAP_TSTAMP_PRECISION_NANO);
	if (f->dead)
		f->dump = pcap_dump_open(f->dead, path);
	if (!f->dump) {
		if (f->dead)
			pcap_close(f->dead);
		free(f);
		return NULL;
	}
	return f;
}

void mip6_bind_pcap_file_record(void *ctx, const mip6_bind_pkt_rec_t *r)
{
	mip6_bind_pcap_file_t *f = ctx;
	struct pcap_pkthdr h;
	/* With nanosecond precision the "usec" field holds nanoseconds. */
	h.ts.tv_sec = (time_t)(r->t_ns / 1000000000ull);
	h.ts.tv_usec = (suseconds_t)(r->t_ns % 1000000000ull);
	h.len = (bpf_u_int32)r->len;
	h.caplen = (bpf_u_int32)(r->len < SNAPLEN ? r->len : SNAPLEN);
	pcap_dump((u_char *)f->dump, &h, r->pkt);
	f->count++;
}

unsigned long mip6_bind_pcap_file_count(const mip6_bind_pcap_file_t *f)
{
	return f->count;
}

void mip6_bind_pcap_file_close(mip6_bind_pcap_file_t *f)
{
	if (!f)
		return;
	pcap_dump_close(f->dump);
	pcap_close(f->dead);
	free(f);
}
