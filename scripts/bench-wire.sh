#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Prints the wire layer's cost per message: wall-clock ns per encode and
# decode, and instructions per operation counted by callgrind (repeatable
# whatever else the machine is doing). Usage: scripts/bench-wire.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
bench=$build/bench/wire_bench
if [ ! -x "$bench" ]; then
  echo "bench-wire.sh: $bench not built (cmake --build $build --target wire_bench)" >&2
  exit 1
fi
echo "== wall clock ($(nproc) cores, $(uname -m))"
"$bench"

if ! command -v valgrind >/dev/null; then
  echo "bench-wire.sh: valgrind not installed, skipping instruction counts" >&2
  exit 0
fi
# Instructions of N runs minus those of 0 runs, divided by N: the per-op
# cost without start-up.
count() {
  local out
  out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bench" --one "$1" --op "$2" --iters "$3" 2>&1 |
        sed -nE 's/.*Collected : ([0-9]+).*/\1/p')
  echo "${out:-0}"
}
n=2000
echo "== instructions per operation (callgrind, $n iterations)"
printf '%-14s %14s %14s\n' message encode decode
for c in BU BU-nemo-mcoa BA HoT BE RA; do
  row=()
  for op in encode decode; do
    base=$(count "$c" "$op" 0)
    full=$(count "$c" "$op" $n)
    row+=($(( (full - base) / n )))
  done
  printf '%-14s %14s %14s\n' "$c" "${row[0]}" "${row[1]}"
done
