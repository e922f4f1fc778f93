#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Proves that the core library calls no OS function: every undefined symbol
# of the archive must be defined inside it or be on the allowlist (pure
# memory/string routines, compiler and sanitizer runtime, the crypto seam).
set -euo pipefail
lib=${1:?usage: check-core-purity.sh LIBMIP6CORE.a ALLOWLIST}
allow=${2:?usage: check-core-purity.sh LIBMIP6CORE.a ALLOWLIST}

defined=$(nm -g --defined-only "$lib" 2>/dev/null | awk 'NF==3 {print $3}' | sort -u)
undefined=$(nm -u "$lib" 2>/dev/null | awk '{print $NF}' | grep -v ':$' | sort -u)
patterns=$(grep -vE '^\s*(#|$)' "$allow")

bad=()
for sym in $undefined; do
  grep -qxF "$sym" <<<"$defined" && continue
  ok=0
  while read -r pat; do
    [[ $sym =~ ^${pat}$ ]] && { ok=1; break; }
  done <<<"$patterns"
  [ $ok -eq 1 ] || bad+=("$sym")
done

if [ ${#bad[@]} -gt 0 ]; then
  echo "core purity: $(basename "$lib") calls functions outside the allowlist:" >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "core purity: $(basename "$lib") OK ($(wc -w <<<"$undefined") external symbols, all allowed)"
