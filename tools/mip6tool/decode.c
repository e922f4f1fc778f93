/* SPDX-License-Identifier: BSD-3-Clause */
/* mip6tool decode: captures in, one line (text or JSON) per packet out. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "mip6tool.h"
#include "tool.h"

int mip6tool_decode_frame(const unsigned char *data, size_t caplen, size_t wirelen, int dlt,
                          unsigned long frame, long long sec, long usec, const char *name,
                          const struct mip6tool_decode_opts *o, FILE *out)
{
	size_t off;
	if (!tool_link_ipv6(dlt, data, caplen, &off) || off > caplen)
		return 0; /* not IPv6: nothing to say */
	const uint8_t *p = data + off;
	size_t len = caplen - off;

	static mip6_pkt_t pkt, lenient; /* a few KB each; one packet at a time */
	unsigned flags = o->strict ? MIP6_DEC_STRICT : MIP6_DEC_LENIENT;
	int rc = mip6_pkt_parse(p, len, flags, &pkt);
	tool_view_t v;
	tool_view_init(&v, p, len, &pkt, rc, o->strict);
	v.snapped = wirelen > caplen;
	if (!o->all) {
		/* Whether to show it is judged on what a lenient decode finds. */
		tool_view_t lv = v;
		if (o->strict) {
			int lrc = mip6_pkt_parse(p, len, MIP6_DEC_LENIENT, &lenient);
			tool_view_init(&lv, p, len, &lenient, lrc, false);
			lv.snapped = v.snapped;
		}
		if (!tool_view_is_interesting(&lv))
			return 0;
	}

	if (!o->json)
		return tool_print_text(out, &v, frame, sec, usec, o->with_name ? name : NULL, o->verbose)
		           ? MIP6TOOL_EXIT_FAIL
		           : 0;
	json_t *j = tool_json_packet(&v, frame, sec, usec, o->with_name ? name : NULL);
	if (!j)
		return MIP6TOOL_EXIT_FAIL;
	int w = json_dumpf(j, out, JSON_COMPACT);
	json_decref(j);
	if (w != 0 || fputc('\n', out) == EOF)
		return MIP6TOOL_EXIT_FAIL;
	return 0;
}

int mip6tool_decode_file(FILE *in, const char *name, const struct mip6tool_decode_opts *o, FILE *out,
                         FILE *err)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	pcap_t *pc = pcap_fopen_offline(in, ebuf);
	if (!pc) {
		fprintf(err, "mip6tool: %s: not a pcap or pcapng capture (%s)\n", name, ebuf);
		if (in != stdin)
			fclose(in);
		return MIP6TOOL_EXIT_FAIL;
	}
	int dlt = pcap_datalink(pc);
	if (!tool_dlt_supported(dlt)) {
		const char *dn = pcap_datalink_val_to_name(dlt);
		fprintf(err,
		        "mip6tool: %s: unsupported link type %d (%s); supported: RAW, IPV6, EN10MB, "
		        "LINUX_SLL, LINUX_SLL2, NULL, LOOP, SLIP\n",
		        name, dlt, dn ? dn : "unknown");
		pcap_close(pc);
		return MIP6TOOL_EXIT_FAIL;
	}

	int ret = MIP6TOOL_EXIT_OK;
	unsigned long frame = 0;
	for (;;) {
		struct pcap_pkthdr *h;
		const u_char *data;
		int r = pcap_next_ex(pc, &h, &data);
		if (r == PCAP_ERROR_BREAK)
			break;
		if (r != 1) {
			/* A capture cut short mid-record, or a record libpcap
			 * refuses (e.g. caplen above the snapshot length). */
			fprintf(err, "mip6tool: %s: read error after frame %lu: %s\n", name, frame,
			        pcap_geterr(pc));
			ret = MIP6TOOL_EXIT_FAIL;
			break;
		}
		frame++;
		if (mip6tool_decode_frame(data, h->caplen, h->len, dlt, frame, (long long)h->ts.tv_sec,
		                          (long)h->ts.tv_usec, name, o, out)) {
			fprintf(err, "mip6tool: write error: %s\n", strerror(errno));
			ret = MIP6TOOL_EXIT_FAIL;
			break;
		}
	}
	pcap_close(pc);
	if (fflush(out) != 0) {
		fprintf(err, "mip6tool: write error: %s\n", strerror(errno));
		ret = MIP6TOOL_EXIT_FAIL;
	}
	return ret;
}

int mip6tool_cmd_decode(int argc, char **argv, FILE *out, FILE *err)
{
	struct mip6tool_decode_opts o = {0};
	int first = argc;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			first = i + 1;
			break;
		}
		if (a[0] != '-' || a[1] == '\0') { /* "-" alone is stdin */
			first = i;
			break;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(tool_usage_decode, out);
			return MIP6TOOL_EXIT_OK;
		} else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
			o.verbose = true;
		} else if (strcmp(a, "--json") == 0) {
			o.json = true;
		} else if (strcmp(a, "--strict") == 0) {
			o.strict = true;
		} else if (strcmp(a, "--lenient") == 0) {
			o.strict = false;
		} else if (strcmp(a, "--all") == 0 || strcmp(a, "-a") == 0) {
			o.all = true;
		} else {
			fprintf(err, "mip6tool decode: unknown option '%s'\n", a);
			fprintf(err, "usage: mip6tool decode [-v] [--json] [--strict] [--all] FILE...\n");
			return MIP6TOOL_EXIT_USAGE;
		}
	}
	if (first >= argc) {
		fprintf(err, "mip6tool decode: no capture file given\n");
		fprintf(err, "usage: mip6tool decode [-v] [--json] [--strict] [--all] FILE...\n");
		return MIP6TOOL_EXIT_USAGE;
	}
	o.with_name = argc - first > 1;

	int ret = MIP6TOOL_EXIT_OK;
	for (int i = first; i < argc; i++) {
		const char *path = argv[i];
		FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
		if (!in) {
			fprintf(err, "mip6tool: %s: %s\n", path, strerror(errno));
			ret = MIP6TOOL_EXIT_FAIL;
			continue;
		}
		if (mip6tool_decode_file(in, path, &o, out, err) != MIP6TOOL_EXIT_OK)
			ret = MIP6TOOL_EXIT_FAIL;
	}
	return ret;
}
