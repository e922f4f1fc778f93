/* SPDX-License-Identifier: BSD-3-Clause */
/* mip6tool as a library: the decode path (for the tool and for fuzzers),
 * and one entry point per command. main.c only forwards to mip6tool_main().
 * Field names of the JSON form are documented in docs/mip6tool.md. */
#ifndef MIP6TOOL_H
#define MIP6TOOL_H

#include <stdbool.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Exit statuses of every command. */
enum mip6tool_exit {
	MIP6TOOL_EXIT_OK = 0,
	MIP6TOOL_EXIT_FAIL = 1, /* unreadable input, bad data, write error */
	MIP6TOOL_EXIT_USAGE = 2 /* bad command line */
};

struct mip6tool_decode_opts {
	bool strict;    /* strict decoder (MIP6_DEC_STRICT); default lenient */
	bool json;      /* one JSON object per line instead of text */
	bool verbose;   /* text: options and header details */
	bool all;       /* show every IPv6 packet, not only mobility ones */
	bool with_name; /* prefix text lines / add "file" to JSON (several files) */
};

/* Reads a pcap or pcapng stream with libpcap (pcap_fopen_offline) and
 * prints one line per packet worth showing to out; problems with the file
 * itself go to err, prefixed with name. Malformed packets are not errors of
 * the run: they are printed with their error text.
 * Takes ownership of in: it is closed before return (unless it is stdin).
 * Returns MIP6TOOL_EXIT_OK, or MIP6TOOL_EXIT_FAIL when the stream is not a
 * capture, has an unsupported link type, is cut short, or out fails. */
int mip6tool_decode_file(FILE *in, const char *name, const struct mip6tool_decode_opts *o, FILE *out,
                         FILE *err);

/* Decodes one link-layer frame (dlt = the pcap DLT_* of the capture) as if
 * it were frame number 'frame' of a capture; what mip6tool_decode_file does
 * per record. Returns 0, or MIP6TOOL_EXIT_FAIL when out fails.
 * Neither function is reentrant: the decoded packet lives in static storage. */
int mip6tool_decode_frame(const unsigned char *data, size_t caplen, size_t wirelen, int dlt,
                          unsigned long frame, long long sec, long usec, const char *name,
                          const struct mip6tool_decode_opts *o, FILE *out);

/* Commands: argv[0] is the command name ("decode", "rr", "craft"). They
 * return an enum mip6tool_exit value. */
int mip6tool_cmd_decode(int argc, char **argv, FILE *out, FILE *err);
int mip6tool_cmd_rr(int argc, char **argv, FILE *out, FILE *err);
int mip6tool_cmd_craft(int argc, char **argv, FILE *out, FILE *err);

/* The whole tool: argv[0] is the program name. */
int mip6tool_main(int argc, char **argv, FILE *out, FILE *err);

#ifdef __cplusplus
}
#endif
#endif
