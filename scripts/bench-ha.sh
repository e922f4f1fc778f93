#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Prints the home agent's cost per Binding Update: refresh BUs per second
# through mip6_node_input (CPU time, one core) and bytes of memory per
# binding at 1k and 100k mobile nodes, with and without RFC 4285 MN-HA
# authentication; then instructions per BU counted by callgrind
# (repeatable whatever else the machine is doing).
# Usage: scripts/bench-ha.sh [BUILD_DIR]   (a Release build gives the figures)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bench=$build/bench/ha_bench
if [ ! -x "$bench" ]; then
  echo "bench-ha.sh: $bench not built (cmake --build $build --target ha_bench)" >&2
  exit 1
fi
echo "== CPU time ($(nproc) cores, $(uname -m))"
"$bench"
"$bench" --auth

if ! command -v valgrind >/dev/null; then
  echo "bench-ha.sh: valgrind not installed, skipping instruction counts" >&2
  exit 0
fi
# Instructions of N refresh BUs minus those of 0 (the set-up: first
# registrations, DAD answers), divided by N.
count() {
  local out
  out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bench" --one "$1" --bus "$2" $3 2>&1 |
        sed -nE 's/.*Collected : ([0-9]+).*/\1/p')
  echo "${out:-0}"
}
n=20000
echo "== instructions per refresh BU (callgrind, $n BUs)"
printf '%10s %14s %14s\n' nodes plain rfc4285-auth
for size in 1000 100000; do
  row=()
  for mode in "" --auth; do
    bus=$n
    [ -n "$mode" ] && [ "$size" -gt 20000 ] && { row+=("-"); continue; }
    base=$(count "$size" 0 "$mode")
    full=$(count "$size" "$bus" "$mode")
    row+=($(( (full - base) / bus )))
  done
  printf '%10s %14s %14s\n' "$size" "${row[0]}" "${row[1]}"
done
