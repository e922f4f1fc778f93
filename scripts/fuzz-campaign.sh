#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# The long fuzz campaign (docs/testing.md).
#   scripts/fuzz-campaign.sh BUILD_DIR HOURS [TARGET...]
# BUILD_DIR is a build configured with -DMIP6_BUILD_FUZZ=ON (clang). HOURS
# (fractions allowed: 0.5) is split evenly between the targets (default: all
# of BUILD_DIR/fuzz/targets.txt), which run one after the other. libFuzzer
# runs in fork mode and keeps going after a crash, so one campaign collects
# every distinct crash it finds.
#
# Environment:
#   FUZZ_DIR   where corpora, crashes and logs live, kept between campaigns
#              (default BUILD_DIR/fuzz-campaign; keep it outside the repo)
#   FUZZ_JOBS  parallel fuzzing processes per target (default 1)
#   MIP6_SHARED_DIR  the shared/ directory with the seed captures
#
# Prints per target the executions, crashes and distinct crash sites, and
# exits non-zero if any target crashed; reproduce one with
#   BUILD_DIR/fuzz/TARGET FUZZ_DIR/TARGET/crashes/crash-...
set -eu

if [ $# -lt 2 ]; then
	echo "usage: $0 BUILD_DIR HOURS [TARGET...]" >&2
	exit 2
fi
build=$(cd "$1" && pwd)
hours=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
shared=${MIP6_SHARED_DIR:-$(dirname "$repo")/shared}
work=${FUZZ_DIR:-$build/fuzz-campaign}
jobs=${FUZZ_JOBS:-1}
list="$build/fuzz/targets.txt"

if [ ! -f "$list" ]; then
	echo "fuzz-campaign: $list not found: configure $build with -DMIP6_BUILD_FUZZ=ON (CC=clang CXX=clang++)" >&2
	exit 2
fi
if [ $# -gt 0 ]; then
	targets="$*"
else
	targets=$(cat "$list")
fi
n=$(echo "$targets" | wc -w)
secs=$(awk -v h="$hours" -v n="$n" 'BEGIN { s = int(h * 3600 / n); print (s < 1 ? 1 : s) }')

mkdir -p "$work"
python3 "$here/fuzz-seeds.py" --shared "$shared" --out "$work/seeds" >"$work/seeds.log"
echo "fuzz-campaign: $n targets, ${secs}s each, $jobs job(s), corpora in $work"

# The first line naming the failure and the first frame in project code.
signature() {
	"$1" "$2" 2>&1 | awk '
		/invariant failed|round trip differs|runtime error|ERROR: [A-Za-z]+Sanitizer|ERROR: libFuzzer/ && !what {
			what = $0; sub(/^==[0-9]+==/, "", what); sub(/ on address.*/, "", what)
		}
		/ in [^ ]+ \/.*\/(core|tools|fuzz)\// && !where { where = $4 " " $5 }
		END { print what " @ " where }' | sed -E 's@/[^ ]*/(core|tools|fuzz)/@\1/@'
}

status=0
summary="$work/summary.txt"
: >"$summary"
for t in $targets; do
	bin="$build/fuzz/$t"
	if [ ! -x "$bin" ]; then
		echo "fuzz-campaign: $bin is missing: build the 'fuzz' target first" >&2
		status=1
		continue
	fi
	corpus="$work/$t/corpus"
	crashes="$work/$t/crashes"
	mkdir -p "$corpus" "$crashes"
	log="$work/$t/fuzz.log"
	start=$(date +%s)
	"$bin" -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
		-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$crashes/" "$corpus" "$work/seeds/$t" >"$log" 2>&1 || true
	elapsed=$(($(date +%s) - start))
	execs=$(grep -o '^#[0-9]*' "$log" | tail -n 1 | tr -d '#')
	# Keep the corpus small between campaigns.
	mkdir -p "$work/$t/merged"
	if "$bin" -merge=1 "$work/$t/merged" "$corpus" >"$work/$t/merge.log" 2>&1; then
		rm -rf "$corpus"
		mv "$work/$t/merged" "$corpus"
	else
		rm -rf "$work/$t/merged"
	fi
	found=$(find "$crashes" -type f | wc -l)
	printf '%-22s %6ss %14s executions %4s crashes %6s corpus\n' "$t" "$elapsed" "${execs:-?}" \
		"$found" "$(find "$corpus" -type f | wc -l)" | tee -a "$summary"
	if [ "$found" -ne 0 ]; then
		status=1
		for a in "$crashes"/*; do
			signature "$bin" "$a"
		done | sort | uniq -c | sort -rn | sed 's/^/        /' | tee -a "$summary"
	fi
done
echo "fuzz-campaign: summary in $summary"
exit $status
