#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Prints the data plane's per-packet cost at the home agent (binding lookup
# + IPv6-in-IPv6 encapsulation) with 1k, 100k and 1M bindings, the 1M/1k
# ratio and the bytes of memory per binding: CPU time per packet, then
# instructions per packet counted by callgrind (repeatable whatever else
# the machine is doing). Both for the data plane alone and at node level
# (mip6_node_input / _output, single calls and the burst entry points).
# Build Release (or RelWithDebInfo) first. Usage: scripts/bench-dp.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bench=$build/bench/dp_bench
if [ ! -x "$bench" ]; then
  echo "bench-dp.sh: $bench not built (cmake --build $build --target dp_bench)" >&2
  exit 1
fi
echo "== CPU time ($(nproc) cores, $(uname -m))"
"$bench"

if ! command -v valgrind >/dev/null; then
  echo "bench-dp.sh: valgrind not installed, skipping instruction counts" >&2
  exit 0
fi
# Instructions of N packets minus those of 0 packets (the table set-up),
# divided by N.
count() {
  local out
  out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bench" --one "$1" --iters "$2" $3 2>&1 |
        sed -nE 's/.*Collected : ([0-9]+).*/\1/p')
  echo "${out:-0}"
}
n=20000
echo "== instructions per packet (callgrind, $n packets; node: mip6_node_input at the HA)"
printf '%10s %10s %10s %12s %12s\n' bindings single burst "node single" "node burst"
for size in 1000 100000 1000000; do
  row=()
  for mode in "" --burst --node "--node --burst"; do
    base=$(count "$size" 0 "$mode")
    full=$(count "$size" "$n" "$mode")
    row+=($(( (full - base) / n )))
  done
  printf '%10s %10s %10s %12s %12s\n' "$size" "${row[0]}" "${row[1]}" "${row[2]}" "${row[3]}"
done
