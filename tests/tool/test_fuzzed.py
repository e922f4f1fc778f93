# SPDX-License-Identifier: BSD-3-Clause
"""The fuzzed and truncated captures are rejected or flagged cleanly: the run
exits 0 and every bad packet is printed with an error, in strict and lenient
mode, as JSON and as text. Then every packet of the corpus, truncated at each
length and with each byte changed, is decoded without a crash (under the
sanitizer build this is a small fuzz run over the corpus)."""
import glob
import os

from tooltest import Test, read_pcap, write_pcap

t = Test("tool_fuzzed")
t.need_corpus()

# File -> frames holding IPv6 (tcpdump's .out files list the same frames;
# icmp6_mobileprefix_asan's second record is empty).
FUZZED = {
    "tcpdump/mobility_opt_asan.pcap": 2, "tcpdump/mobility_opt_asan_2.pcap": 1,
    "tcpdump/mobility_opt_asan_3.pcap": 2, "tcpdump/mobility_opt_asan_4.pcap": 1,
    "tcpdump/mobility_opt_asan_5.pcap": 1, "tcpdump/mobility_opt_asan_6.pcap": 2,
    "tcpdump/mobility_opt_asan_7.pcap": 2, "tcpdump/mobility_opt_asan_8.pcap": 1,
    "tcpdump/ipv6-mobility-header-oobr.pcap": 1, "tcpdump/ipv6-rthdr-oobr.pcap": 1,
    "tcpdump/cve2015-0261-ipv6.pcap": 2, "tcpdump/icmp6_mobileprefix_asan.pcap": 1,
    "generated/scapy_mip6_negative.pcap": 5,
}
found = sorted(os.path.relpath(p, t.pcaps) for p in
               glob.glob(t.pcap("tcpdump", "mobility_opt_asan*.pcap")) + glob.glob(t.pcap("*", "*oobr*.pcap")))
t.check(set(found) <= set(FUZZED), "every mobility_opt_asan*/oobr capture is listed: %s" % found)

for rel, nframes in sorted(FUZZED.items()):
    path = t.pcap(*rel.split("/"))
    for mode in ([], ["--strict"]):
        what = "%s %s" % (rel, " ".join(mode) or "lenient")
        objs = t.decode_json(path, *mode)
        t.eq(sorted(o["frame"] for o in objs), list(range(1, nframes + 1)), what + ": bad packets shown")
        for o in objs:
            t.check(o.get("verdict") in ("warnings", "rejected"), "%s frame %d: flagged" % (what, o["frame"]))
            t.check(isinstance(o.get("error"), str) and o["error"], "%s frame %d: error text" % (what, o["frame"]))
            t.check(isinstance(o.get("error_offset"), int), "%s frame %d: error offset" % (what, o["frame"]))
            if mode:
                t.eq(o.get("verdict"), "rejected", "%s frame %d: strict rejects" % (what, o["frame"]))
        for text_opts in (["-v"], []):
            rc, out, err = t.run("decode", *(mode + text_opts), path)
            t.eq(rc, 0, what + ": text exit status")
            lines = out.splitlines()
            t.eq(len(lines), nframes, what + ": text lines")
            t.check(all("[malformed: " in l or "[warning " in l for l in lines), what + ": text names the problem")

# Specific verdicts the decoders must reach (values checked against tcpdump's
# notes in the .out files and scapy's construction of the negative capture).
neg = t.by_frame(t.decode_json(t.pcap("generated", "scapy_mip6_negative.pcap"), "--strict"))
EXPECT = {
    1: ("inconsistent length", "Nonce Indices option length is not 4"),   # Nonce Indices len 16
    2: ("bad checksum", "MH checksum does not verify"),                    # wrong checksum
    3: ("inconsistent length", "Header Len below the minimum"),            # BU with Header Len 0
    4: ("wrong next header or payload proto", "Payload Proto is not 59"),  # proto 6
    5: ("unknown or unsupported type", "MH Type not recognized"),          # type 200
}
for n, (kind, why) in EXPECT.items():
    o = neg.get(n, {})
    t.eq(o.get("error_kind"), kind, "negative frame %d: error kind" % n)
    t.check(why in o.get("error", ""), "negative frame %d: error %r names %r" % (n, o.get("error"), why))
cve = t.by_frame(t.decode_json(t.pcap("tcpdump", "cve2015-0261-ipv6.pcap")))
for n in (1, 2):
    # tcpdump: "payload protocol 255/0 should be 59", "header+payload length > length".
    t.check({"proto", "caplen"} <= set(cve.get(n, {}).get("warnings", [])), "cve2015 frame %d: proto and caplen" % n)
t.eq(cve.get(2, {}).get("mh", {}).get("type_name"), "BA", "cve2015 frame 2: a BA (tcpdump: BA)")
t.check("minlen" in cve.get(2, {}).get("warnings", []), "cve2015 frame 2: BA Header Len 8 < 16 (tcpdump: invalid)")

# ---------------------------------------------------------------------------
# Every packet of the corpus, truncated at every length and with every byte
# replaced by 0xff and by 0x00, in one raw-IPv6 capture per source file.
variants = []
for path in sorted(glob.glob(t.pcap("*", "*.pcap"))):
    try:
        lt, recs = read_pcap(path)
    except ValueError:
        continue
    if lt == 1:
        strip = 14
    elif lt in (101, 229):
        strip = 0
    elif lt == 8:
        strip = 16
    else:
        continue
    for sec, usec, frame in recs:
        pkt = frame[strip:]
        if len(pkt) < 1 or pkt[0] >> 4 != 6:
            continue
        for cut in range(len(pkt)):
            variants.append(pkt[:cut])
        for i in range(len(pkt)):
            for b in (0xff, 0x00, pkt[i] ^ 0x80):
                variants.append(pkt[:i] + bytes([b]) + pkt[i + 1:])
mut = t.path("mutated.pcap")
write_pcap(mut, 101, [(0, i % 1000000, v) for i, v in enumerate(variants)])
t.check(len(variants) > 10000, "mutated variants written: %d" % len(variants))
for opts in (["--json", "--all"], ["--json", "--all", "--strict"], ["-v", "--all"], ["-v", "--all", "--strict"]):
    rc, out, err = t.run("decode", *opts, mut)
    t.eq(rc, 0, "mutated corpus %s: exit status" % " ".join(opts))
    t.eq(err, "", "mutated corpus %s: stderr" % " ".join(opts))
    t.check(len(out.splitlines()) > len(variants) // 2, "mutated corpus %s: packets printed" % " ".join(opts))

t.finish()
