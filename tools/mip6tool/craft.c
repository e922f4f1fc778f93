/* SPDX-License-Identifier: BSD-3-Clause */
/* mip6tool craft: JSON lines (the format decode --json prints) in, a raw
 * IPv6 pcap (LINKTYPE_RAW) out, each packet built by the core's emitters. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "mip6tool.h"
#include "tool.h"

#define ARENA_CAP (256u * 1024u)

static int craft_usage(FILE *err, const char *msg)
{
	fprintf(err, "mip6tool craft: %s\nusage: mip6tool craft [--recompute] IN.jsonl OUT.pcap\n", msg);
	return MIP6TOOL_EXIT_USAGE;
}

static void free_all(tool_crafted_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].data);
	free(v);
}

int mip6tool_cmd_craft(int argc, char **argv, FILE *out, FILE *err)
{
	const char *files[2];
	int nfiles = 0;
	bool recompute = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(tool_usage_craft, out);
			return MIP6TOOL_EXIT_OK;
		}
		if (strcmp(a, "--recompute") == 0) {
			recompute = true;
		} else if (a[0] == '-' && a[1] != '\0') {
			fprintf(err, "mip6tool craft: unknown option '%s'\n", a);
			return craft_usage(err, "see mip6tool craft --help");
		} else if (nfiles == 2) {
			return craft_usage(err, "too many arguments");
		} else {
			files[nfiles++] = a;
		}
	}
	if (nfiles != 2)
		return craft_usage(err, "needs an input (JSON lines) and an output (pcap) file");

	FILE *in = strcmp(files[0], "-") == 0 ? stdin : fopen(files[0], "r");
	if (!in) {
		fprintf(err, "mip6tool craft: %s: %s\n", files[0], strerror(errno));
		return MIP6TOOL_EXIT_FAIL;
	}
	tool_jin_t c = {.arena_cap = ARENA_CAP};
	c.arena = malloc(ARENA_CAP);
	tool_crafted_t *pk = NULL;
	size_t npk = 0, cap = 0;
	char *line = NULL;
	size_t lcap = 0;
	ssize_t got;
	unsigned long lineno = 0;
	int ret = MIP6TOOL_EXIT_OK;
	if (!c.arena) {
		fprintf(err, "mip6tool craft: out of memory\n");
		ret = MIP6TOOL_EXIT_FAIL;
		goto done;
	}
	while ((got = getline(&line, &lcap, in)) != -1) {
		lineno++;
		size_t k = 0;
		while (line[k] == ' ' || line[k] == '\t' || line[k] == '\r' || line[k] == '\n')
			k++;
		if (line[k] == '\0' || line[k] == '#')
			continue; /* blank lines and comments */
		json_error_t je;
		json_t *j = json_loadb(line, (size_t)got, JSON_REJECT_DUPLICATES, &je);
		if (!j) {
			fprintf(err, "%s:%lu: not valid JSON: %s (column %d)\n", files[0], lineno, je.text,
			        je.column);
			ret = MIP6TOOL_EXIT_FAIL;
			break;
		}
		if (npk == cap) {
			size_t ncap = cap ? 2 * cap : 64;
			tool_crafted_t *np = realloc(pk, ncap * sizeof(*np));
			if (!np) {
				json_decref(j);
				fprintf(err, "mip6tool craft: out of memory\n");
				ret = MIP6TOOL_EXIT_FAIL;
				break;
			}
			pk = np;
			cap = ncap;
		}
		c.path[0] = '\0';
		c.msg[0] = '\0';
		c.arena_used = 0;
		tool_crafted_t *p = &pk[npk];
		*p = (tool_crafted_t){.sec = 0, .usec = (long)(npk % 1000000)};
		int rc = tool_craft_packet(&c, j, recompute, p);
		json_decref(j);
		if (rc < 0) {
			fprintf(err, "%s:%lu: %s\n", files[0], lineno, c.msg);
			ret = MIP6TOOL_EXIT_FAIL;
			break;
		}
		npk++;
	}
	if (ret == MIP6TOOL_EXIT_OK && ferror(in)) {
		fprintf(err, "mip6tool craft: %s: read error\n", files[0]);
		ret = MIP6TOOL_EXIT_FAIL;
	}
	if (ret == MIP6TOOL_EXIT_OK) {
		/* Written only when every line was good: no half-made captures. */
		pcap_t *pd = pcap_open_dead(DLT_RAW, 65535);
		pcap_dumper_t *d = pd ? pcap_dump_open(pd, files[1]) : NULL;
		if (!d) {
			fprintf(err, "mip6tool craft: %s: %s\n", files[1],
			        pd ? pcap_geterr(pd) : "libpcap failed");
			ret = MIP6TOOL_EXIT_FAIL;
		} else {
			for (size_t i = 0; i < npk; i++) {
				struct pcap_pkthdr h = {.caplen = (bpf_u_int32)pk[i].len,
				                        .len = (bpf_u_int32)pk[i].len};
				h.ts.tv_sec = (time_t)pk[i].sec;
				h.ts.tv_usec = (suseconds_t)pk[i].usec;
				pcap_dump((u_char *)d, &h, pk[i].data);
			}
			if (pcap_dump_flush(d) != 0) {
				fprintf(err, "mip6tool craft: %s: write error\n", files[1]);
				ret = MIP6TOOL_EXIT_FAIL;
			}
			pcap_dump_close(d);
		}
		if (pd)
			pcap_close(pd);
	}
done:
	free(line);
	free(c.arena);
	free_all(pk, npk);
	if (in != stdin)
		fclose(in);
	return ret;
}
