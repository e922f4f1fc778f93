#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Short fuzz run of every libFuzzer target over its seeds (docs/testing.md).
#   scripts/fuzz-smoke.sh BUILD_DIR [SECONDS]
# BUILD_DIR is a build configured with -DMIP6_BUILD_FUZZ=ON (clang). Each
# target runs SECONDS (default 20) on one core, in a scratch corpus outside
# the repository, starting from the seeds (scripts/fuzz-seeds.py) and the
# inputs of fuzz/regress/TARGET/ (past crashes). SECONDS=0 only replays
# those inputs once. Prints executions and crashes per target and exits
# non-zero if any target crashed, leaked, timed out or ran out of memory
# (the inputs that did are copied to BUILD_DIR/fuzz-artifacts/TARGET/).
# Set MIP6_SHARED_DIR to take the seeds from another shared/ directory, and
# FUZZ_KEEP=1 to keep the scratch directory.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 BUILD_DIR [SECONDS]" >&2
	exit 2
fi
build=$(cd "$1" && pwd)
secs=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
shared=${MIP6_SHARED_DIR:-$(dirname "$repo")/shared}
list="$build/fuzz/targets.txt"

if [ ! -f "$list" ]; then
	echo "fuzz-smoke: $list not found: configure $build with -DMIP6_BUILD_FUZZ=ON (CC=clang CXX=clang++)" >&2
	exit 2
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/mip6-fuzz-smoke.XXXXXX")
if [ "${FUZZ_KEEP:-0}" = 1 ]; then
	echo "fuzz-smoke: scratch directory $scratch kept"
else
	trap 'rm -rf "$scratch"' EXIT INT TERM
fi

python3 "$here/fuzz-seeds.py" --shared "$shared" --out "$scratch/seeds" >"$scratch/seeds.log"

status=0
printf '%-22s %12s %8s %8s  %s\n' target executions exec/s crashes result
for t in $(cat "$list"); do
	bin="$build/fuzz/$t"
	if [ ! -x "$bin" ]; then
		echo "fuzz-smoke: $bin is missing: build the 'fuzz' target first" >&2
		status=1
		continue
	fi
	corpus="$scratch/corpus/$t"
	arts="$scratch/artifacts/$t"
	mkdir -p "$corpus" "$arts"
	log="$scratch/$t.log"
	regress="$repo/fuzz/regress/$t"
	[ -d "$regress" ] || regress=
	if [ "$secs" -eq 0 ]; then
		limit=-runs=0
	else
		limit=-max_total_time=$secs
	fi
	rc=0
	"$bin" "$limit" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$arts/" "$corpus" "$scratch/seeds/$t" $regress >"$log" 2>&1 || rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	crashes=$(find "$arts" -type f | wc -l)
	result=ok
	if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
		result="FAILED (exit $rc)"
		status=1
	fi
	printf '%-22s %12s %8s %8s  %s\n' "$t" "${execs:-?}" "${speed:-?}" "$crashes" "$result"
	if [ "$result" != ok ]; then
		echo "---- $t: last lines of the libFuzzer log ----"
		# The report itself, not libFuzzer's progress lines or ASan's shadow map.
		grep -v '^#[0-9]' "$log" | grep -v '^INFO' |
			awk '/ERROR|invariant|round trip|runtime error|deadly/ {on = 1} on {print} /^SUMMARY/ {on = 0}' |
			head -n 40
		keep="$build/fuzz-artifacts/$t"
		mkdir -p "$keep"
		for a in "$arts"/*; do
			[ -f "$a" ] || continue
			cp "$a" "$keep/"
			echo "---- artifact $keep/$(basename "$a") (reproduce: $bin $keep/$(basename "$a")) ----"
			od -An -tx1 -v "$a" | head -n 20
		done
	fi
done
exit $status
