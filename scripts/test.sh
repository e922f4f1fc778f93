#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The whole test suite: a normal build and its tests, the same tests under
# AddressSanitizer + UndefinedBehaviorSanitizer (LeakSanitizer included),
# and a short libFuzzer smoke run of every parser. Long fuzz campaigns are
# scripts/fuzz-campaign.sh. Usage: scripts/test.sh [--no-asan] [--no-fuzz]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

run_asan=1
run_fuzz=1
for arg in "$@"; do
  case "$arg" in
    --no-asan) run_asan=0 ;;
    --no-fuzz) run_fuzz=0 ;;
    -h|--help)
      sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
      exit 0 ;;
    *) echo "test.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

jobs=${JOBS:-$(nproc)}
shared=${MIP6_SHARED_DIR:-$root/../shared}
if [ ! -d "$shared/pcaps" ]; then
  echo "test.sh: shared captures not found at $shared/pcaps (set MIP6_SHARED_DIR)" >&2
  exit 1
fi
passed=0
failed=0
log_dir=$root/build-logs
mkdir -p "$log_dir"

# Runs ctest in a build dir and adds its counts to the totals.
run_ctest() {
  local name=$1 dir=$2 out
  out=$log_dir/ctest-$name.log
  set +e
  ctest --test-dir "$dir" -j"$jobs" --output-on-failure --timeout 900 2>&1 | tee "$out"
  set -e
  local line total nfail
  line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$out" | tail -n1 || true)
  if [ -z "$line" ]; then
    echo "test.sh: ctest ($name) printed no summary" >&2
    failed=$((failed + 1))
    return
  fi
  nfail=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
  total=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + total - nfail))
  failed=$((failed + nfail))
}

configure_build() {
  local dir=$1; shift
  echo "== configure + build $dir"
  cmake -S "$root" -B "$dir" -DMIP6_SHARED_DIR="$shared" "$@" >"$log_dir/configure-$(basename "$dir").log"
  cmake --build "$dir" -j"$jobs"
}

start=$(date +%s)
configure_build "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
run_ctest release "$root/build"

if [ $run_asan -eq 1 ]; then
  configure_build "$root/build-asan" -DCMAKE_BUILD_TYPE=Debug -DMIP6_SANITIZE=ON \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DMIP6_BUILD_BENCH=OFF
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_ctest asan "$root/build-asan"
fi

if [ $run_fuzz -eq 1 ]; then
  configure_build "$root/build-fuzz" -DCMAKE_BUILD_TYPE=Debug -DMIP6_BUILD_FUZZ=ON \
    -DMIP6_BUILD_TESTS=OFF -DMIP6_BUILD_BENCH=OFF -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
  echo "== fuzz smoke"
  if "$root/scripts/fuzz-smoke.sh" "$root/build-fuzz" "${FUZZ_SECONDS:-20}"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
fi

echo "== test.sh finished in $(( $(date +%s) - start )) s; logs in $log_dir"
echo "suite: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
