#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Installs the build into a fresh prefix under WORK, then builds the
# consumer program outside the tree against that copy twice, through
# find_package(mip6) and through pkg-config, and runs both.
# Usage: install-consumer.sh BUILD_DIR CONSUMER_SRC WORK PKGCONFIG_DIR SHARED(0|1) [CFLAGS...]
set -euo pipefail
build=${1:?usage: install-consumer.sh BUILD_DIR CONSUMER_SRC WORK PKGCONFIG_DIR SHARED [CFLAGS...]}
src=${2:?} work=${3:?} pcdir=${4:?} shared=${5:?}
shift 5
flags="$*"
cmake=${CMAKE_COMMAND:-cmake}
cc=${CC:-cc}

rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix
# Only what a developer needs (headers, libraries, package files): the
# tools' install rules would need them built.
for comp in Runtime Development; do
  "$cmake" --install "$build" --prefix "$prefix" --component "$comp" >"$work/install-$comp.log"
done
echo "installed into $prefix:"
(cd "$prefix" && find . -type f -o -type l | sort | sed 's/^/  /')

echo "== find_package(mip6)"
"$cmake" -S "$src" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
  -DMIP6_NULL_PLATFORM_SRC="$(cd "$src/../../.." && pwd)/examples/null_platform.c" >"$work/configure.log"
"$cmake" --build "$work/cmake-build" >"$work/build.log"
"$work/cmake-build/consumer"
echo "== the null-platform example binding against the installed mip6::bind"
"$work/cmake-build/null_platform" | tail -n 3

echo "== pkg-config mip6core"
export PKG_CONFIG_PATH=$prefix/$pcdir
pc_static=
[ "$shared" = 1 ] || pc_static=--static   # archives: libcrypto comes from Requires.private
pcflags=$(pkg-config $pc_static --cflags --libs mip6core)
echo "pkg-config $pc_static --cflags --libs mip6core: $pcflags"
# shellcheck disable=SC2086
"$cc" $flags -o "$work/consumer-pc" "$src/consumer.c" $pcflags
if [ "$shared" = 1 ]; then
  LD_LIBRARY_PATH=$prefix/$(dirname "$pcdir") "$work/consumer-pc"
  # The program must have taken the shared library, not an archive.
  LD_LIBRARY_PATH=$prefix/$(dirname "$pcdir") ldd "$work/consumer-pc" | grep -q "libmip6core.so" ||
    { echo "install-consumer: consumer-pc does not load libmip6core.so" >&2; exit 1; }
else
  "$work/consumer-pc"
fi
