#!/usr/bin/env bash
# check-search-bundle.sh -- is the committed search bundle (search-wasm/pkg) built from
# the sources that are checked in next to it?
#
# This file is the ONE place that defines the bundle's source hash. build-search-wasm.sh calls
# `--print-hash` to write search-wasm/pkg/SOURCE_HASH; CI runs the default mode to catch a
# source change that was committed without rebuilding the bundle. It needs no wasm toolchain:
# only bash, find, sort, xargs and sha256sum, so it runs on a fresh CI machine.
#
# Inputs of the hash (paths relative to the repository root, sorted bytewise with LC_ALL=C):
#   every regular file under search-wasm/src and search-wasm/core/src,
#   search-wasm/Cargo.toml, search-wasm/core/Cargo.toml, Cargo.toml, Cargo.lock, and
#   scripts/build-search-wasm.sh (its compiler flags shape the bytes).
# The hash is sha256 over the manifest `sha256sum` prints for those files, one
# "<sha256>  <path>" line per file, so it covers both each path and its content.
# Untracked files under those folders count too: a bundle built from them is not reproducible
# from what is committed. Toolchain versions are not inputs (see build-search-wasm.sh).
#
# Usage:
#   scripts/check-search-bundle.sh                  exit 1 if search-wasm/pkg is stale
#   scripts/check-search-bundle.sh --print-hash     print the hash of the current sources
#   scripts/check-search-bundle.sh --print-manifest print the per-file lines behind the hash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
PKG_DIR="search-wasm/pkg"
STAMP="$PKG_DIR/SOURCE_HASH"

# Prints one "<sha256>  <path>" line per input file, in a locale-independent order.
print_manifest() {
  local dir
  for dir in search-wasm/src search-wasm/core/src; do
    [ -d "$dir" ] || { echo "check-search-bundle: \`$dir\` is missing" >&2; return 1; }
  done
  {
    find search-wasm/src search-wasm/core/src -type f -print0
    printf '%s\0' search-wasm/Cargo.toml search-wasm/core/Cargo.toml Cargo.toml Cargo.lock \
      scripts/build-search-wasm.sh
  } | LC_ALL=C sort -z | xargs -0 sha256sum --
}

# Prints the source hash: sha256 of the manifest.
print_hash() {
  local manifest
  manifest="$(print_manifest)"
  printf '%s\n' "$manifest" | sha256sum | cut -d' ' -f1
}

cd "$ROOT"
case "${1:-}" in
  --print-hash) print_hash ;;
  --print-manifest) print_manifest ;;
  "")
    for f in "$PKG_DIR/search.js" "$PKG_DIR/search_bg.wasm" "$STAMP"; do
      if [ ! -f "$f" ]; then
        echo "search-wasm/pkg is incomplete: \`$f\` is missing; run scripts/build-search-wasm.sh and commit search-wasm/pkg" >&2
        exit 1
      fi
    done
    expected="$(head -n1 "$STAMP")"
    actual="$(print_hash)"
    if [ "$expected" != "$actual" ]; then
      echo "search-wasm/pkg is stale: sources changed since the bundle was built; run scripts/build-search-wasm.sh and commit search-wasm/pkg" >&2
      echo "  stamp in \`$STAMP\`: $expected" >&2
      echo "  hash of the sources now:      $actual" >&2
      exit 1
    fi
    echo "search-wasm/pkg is up to date (source hash $actual)"
    ;;
  -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" ;;
  *) echo "check-search-bundle: unknown argument \`$1\` (try --help)" >&2; exit 2 ;;
esac
