#!/usr/bin/env bash
# The main job until the ns-3 handover experiment lands: build the project
# and decode the reference Mobile IPv6 captures with mip6tool, writing text
# and JSON results under out/main-job/. Usage: scripts/main-job.sh [--help]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
case "${1:-}" in
  -h|--help) sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "main-job.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac
shared=${MIP6_SHARED_DIR:-$root/../shared}
[ -d "$shared/pcaps" ] || { echo "main-job.sh: no captures at $shared/pcaps (set MIP6_SHARED_DIR)" >&2; exit 1; }

build=$root/build
echo "== building in $build"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIP6_SHARED_DIR="$shared" >/dev/null
cmake --build "$build" -j"$(nproc)" --target mip6tool
tool=$build/tools/mip6tool/mip6tool

out=$root/out/main-job
mkdir -p "$out"
captures=("$shared"/pcaps/zeek/mip6_*.pcap "$shared/pcaps/tcpdump/ipv6_mobility_1.pcap"
          "$shared/pcaps/generated/scapy_mip6_examples.pcap")
echo "== decoding ${#captures[@]} reference captures"
"$tool" decode -v "${captures[@]}" | tee "$out/decode.txt"
"$tool" decode --json "${captures[@]}" >"$out/decode.jsonl"
echo "== $(wc -l <"$out/decode.jsonl") packets decoded; results in $out/"
