#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Every symbol a library gives its users carries the mip6_ prefix: the
# global defined symbols of each static archive (nm -g) and the dynamic
# symbols a shared library defines (nm -D). Usage: check-symbols.sh LIB...
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: check-symbols.sh LIB..." >&2; exit 2; }
bad=0
for lib in "$@"; do
  case "$lib" in
    *.a) syms=$(nm -g --defined-only "$lib" | awk 'NF==3 {print $3}') ;;
    *) syms=$(nm -D --defined-only "$lib" | awk 'NF==3 {print $3}') ;;
  esac
  [ -n "$syms" ] || { echo "check-symbols: $lib defines no global symbol" >&2; bad=1; continue; }
  stray=$(grep -v '^mip6_' <<<"$syms" | sort -u || true)
  if [ -n "$stray" ]; then
    echo "check-symbols: $(basename "$lib") exports symbols without the mip6_ prefix:" >&2
    sed 's/^/  /' <<<"$stray" >&2
    bad=1
  else
    echo "check-symbols: $(basename "$lib"): $(wc -l <<<"$syms") global symbols, all mip6_"
  fi
done
exit $bad
