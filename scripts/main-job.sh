#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The main job: build, then run reference scenario 1 on ns-3 (a mobile node
# home -> foreign -> home over 802.11 with no Mobile IPv6, the bidirectional
# tunnel and route optimisation, 10 seeds each; scenarios/ref1_home_foreign_home.toml),
# plot it and print its summary table; results in out/ref1/. Then the fast
# second experiment on the in-process harness (home -> f1 -> f2 -> home, plain
# vs optimistic DAD, 20 seeds) into out/handover/. Last, when the reference
# captures are there, decode them with mip6tool into out/main-job/.
# Usage: scripts/main-job.sh [--help] [--seeds N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seeds=20
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --seeds)
      [ $# -ge 2 ] || { echo "main-job.sh: --seeds needs a number (try --help)" >&2; exit 2; }
      [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "main-job.sh: --seeds wants a positive number, not '$2'" >&2; exit 2; }
      seeds=$2; shift 2 ;;
    *) echo "main-job.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
shared=${MIP6_SHARED_DIR:-$root/../shared}
jobs=$(nproc)

# The experiment needs the harness, not the test suite: a build of its own
# with tests off, and only the targets used here.
build=${MIP6_MAIN_BUILD:-$root/build-main}
echo "== building in $build (tests off)"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIP6_BUILD_TESTS=OFF \
  -DMIP6_BUILD_BENCH=OFF -DMIP6_SHARED_DIR="$shared" >/dev/null
if ! cmake --build "$build" -j"$jobs" --target mip6-handover-exp; then
  echo "main-job.sh: building mip6-handover-exp failed (it needs libpcap: scripts/setup.sh)" >&2
  exit 1
fi

echo "== building mip6-handover-ns3 (ns-3.37)"
if ! cmake --build "$build" -j"$jobs" --target mip6-handover-ns3; then
  echo "main-job.sh: building mip6-handover-ns3 failed (it needs Debian's ns3 libns3-dev libgsl-dev: scripts/setup.sh)" >&2
  exit 1
fi
ref1=$root/out/ref1
echo "== reference scenario 1 on ns-3: none / tunnel / ro x 10 seeds -> $ref1"
start=$EPOCHREALTIME
status=0
python3 "$root/scenarios/run.py" "$root/scenarios/ref1_home_foreign_home.toml" --build-dir "$build" \
  --out "$ref1" || status=$?
took=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
[ -s "$ref1/results.csv" ] || { echo "main-job.sh: reference scenario 1 wrote no results" >&2; exit 1; }
echo
python3 "$root/scenarios/summary.py" "$ref1" --write || status=1
echo
echo "== reference scenario 1 took ${took} s; in $ref1/: results.csv, summary.txt, plots/ (interruption CDF,"
echo "   breakdown, timelines), runs/<mode>/seed=N/ (results.json, series.csv, logs)"
echo

out=$root/out/handover
echo "== handover experiment: $seeds seeds, plain and optimistic DAD -> $out"
start=$EPOCHREALTIME
"$build/scenarios/mip6-handover-exp" --seeds "$seeds" --dad both --out "$out" --pcap || status=$?
took=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
[ -s "$out/results.csv" ] || { echo "main-job.sh: the experiment wrote no results" >&2; exit 1; }
/usr/bin/python3 "$root/scripts/plot-handover.py" "$out" || status=1
echo
cat "$out/summary.txt"
echo
echo "== experiment took ${took} s; results in $out/ (results.csv, summary.txt, handover.png, pcap/)"

if [ ! -d "$shared/pcaps" ]; then
  echo "== no reference captures at $shared/pcaps (set MIP6_SHARED_DIR): decoding skipped"
elif ! cmake --build "$build" -j"$jobs" --target mip6tool >/dev/null; then
  echo "main-job.sh: building mip6tool failed: decoding skipped" >&2
  status=1
else
  echo "== decoding the reference captures with mip6tool"
  tool=$build/tools/mip6tool/mip6tool
  dec=$root/out/main-job
  mkdir -p "$dec"
  captures=("$shared"/pcaps/zeek/mip6_*.pcap "$shared/pcaps/tcpdump/ipv6_mobility_1.pcap"
            "$shared/pcaps/generated/scapy_mip6_examples.pcap")
  "$tool" decode -v "${captures[@]}" >"$dec/decode.txt"
  "$tool" decode --json "${captures[@]}" >"$dec/decode.jsonl"
  echo "== $(wc -l <"$dec/decode.jsonl") packets from ${#captures[@]} captures decoded into $dec/"
fi
[ "$status" -eq 0 ] || echo "main-job.sh: some runs failed (see above and $out/summary.txt)" >&2
exit "$status"
