#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The core's internals stay inside core/: no file outside core/ includes a
# header of core/src (node_internal.h, roles/*_internal.h, ...), neither by
# path ("../core/src/node_internal.h") nor by name through an include
# directory that reaches core/src, and no build file outside core/ adds
# core/src (or mip6core's private include directories) to a search path.
# Everything outside the core reads it through core/include/mip6/*.h.
# Usage: scripts/check-no-internal-includes.sh [ROOT]
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"

# The private headers, by file name.
declare -A private=()
while IFS= read -r h; do
  private["$(basename "$h")"]=1
done < <(find core/src -name '*.h' -o -name '*.inc' | sort)

# File names that also exist outside core/: including one of those by its
# bare name is no evidence of a trick.
declare -A public=()
files=()
while IFS= read -r f; do
  case "$f" in core/*) continue ;; esac
  [ -f "$f" ] || continue
  files+=("$f")
  public["$(basename "$f")"]=1
done < <(git ls-files --cached --others --exclude-standard)

bad=0
report() {
  echo "check-no-internal-includes: $1" >&2
  bad=$((bad + 1))
}

sources=() builds=() scripts=()
for f in "${files[@]}"; do
  case "$f" in
    *.c|*.h|*.cc|*.cpp|*.hh|*.hpp|*.inc) sources+=("$f") ;;
    *CMakeLists.txt|*.cmake|*.cmake.in|*Makefile|*.mk) builds+=("$f") ;;
    scripts/check-no-internal-includes.sh) ;;
    *.sh|*.py) scripts+=("$f") ;;
  esac
done

# Sources: every #include line, in one pass.
inc_re='^([^:]+):([0-9]+):[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^">]+)[">]'
while IFS= read -r line; do
  [[ "$line" =~ $inc_re ]] || continue
  f=${BASH_REMATCH[1]} lineno=${BASH_REMATCH[2]} inc=${BASH_REMATCH[3]}
  name=${inc##*/}
  resolved=
  if [[ "$inc" == *..* ]]; then
    resolved=$(realpath -m "$(dirname "$f")/$inc")
  fi
  if [[ "$inc" == *core/src/* || "$resolved" == "$root/core/src/"* ]]; then
    report "$f:$lineno includes $inc, a header inside core/src"
  elif [[ -n "${private[$name]:-}" && -z "${public[$name]:-}" ]]; then
    report "$f:$lineno includes $inc: only core/src has a header of that name"
  fi
done < <([ ${#sources[@]} -eq 0 ] || grep -nHE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]' "${sources[@]}" || true)

# Build files: core/src (or mip6core's own include directories) on a search path.
while IFS= read -r line; do
  [[ "$line" =~ ^([^:]+:[0-9]+):(.*)$ ]] || continue
  where=${BASH_REMATCH[1]} text=${BASH_REMATCH[2]}
  [[ "$text" =~ ^[[:space:]]*# ]] && continue
  report "$where puts core/src on a search path: $text"
done < <([ ${#builds[@]} -eq 0 ] || grep -nHE 'core/src|mip6core,(INTERFACE_)?INCLUDE_DIRECTORIES' "${builds[@]}" || true)

# Scripts that compile: -I or -iquote into core/src.
while IFS= read -r line; do
  [[ "$line" =~ ^([^:]+:[0-9]+):(.*)$ ]] || continue
  report "${BASH_REMATCH[1]} passes core/src to a compiler: ${BASH_REMATCH[2]}"
done < <([ ${#scripts[@]} -eq 0 ] || grep -nHE -- '-(I|iquote)[[:space:]]*[^[:space:]]*core/src' "${scripts[@]}" || true)

if [ "$bad" -ne 0 ]; then
  echo "check-no-internal-includes: $bad place(s) outside core/ reach into core/src; use core/include/mip6/*.h" >&2
  exit 1
fi
echo "check-no-internal-includes: nothing outside core/ includes core/src"
