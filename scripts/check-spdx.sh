#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Every source and build file the project tracks names its licence in an
# SPDX line within its first three lines. Usage: scripts/check-spdx.sh [ROOT]
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
missing=0
while IFS= read -r f; do
  case "$f" in
    *.c|*.h|*.cc|*.py|*.sh|*CMakeLists.txt|*.cmake|*.cmake.in|*.pc.in|.ci/run) ;;
    *) continue ;;
  esac
  [ -f "$f" ] || continue
  if ! head -n 3 "$f" | grep -q 'SPDX-License-Identifier: BSD-3-Clause'; then
    echo "check-spdx: no SPDX-License-Identifier line in $f" >&2
    missing=$((missing + 1))
  fi
done < <(git ls-files --cached --others --exclude-standard)
if [ "$missing" -ne 0 ]; then
  echo "check-spdx: $missing file(s) without an SPDX line" >&2
  exit 1
fi
echo "check-spdx: every source file carries an SPDX line"
