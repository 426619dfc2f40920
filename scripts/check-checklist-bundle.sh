#!/usr/bin/env bash
# check-checklist-bundle.sh -- is the committed checklist bundle (checklist-wasm/pkg) built from
# the sources that are checked in next to it?
#
# This file is the ONE place that defines the bundle's source hash. build-checklist-wasm.sh calls
# `--print-hash` to write checklist-wasm/pkg/SOURCE_HASH; CI runs the default mode to catch a
# source change that was committed without rebuilding the bundle. It needs no wasm toolchain:
# only bash, find, sort, xargs and sha256sum, so it runs on a fresh CI machine.
#
# Inputs of the hash (paths relative to the repository root, sorted bytewise with LC_ALL=C):
#   every regular file under checklist-wasm/src and checklist-wasm/core/src,
#   checklist-wasm/Cargo.toml, checklist-wasm/core/Cargo.toml, Cargo.toml, Cargo.lock, and
#   scripts/build-checklist-wasm.sh and scripts/shorten-wasm-names.mjs (they shape the bytes).
# The hash is sha256 over the manifest `sha256sum` prints for those files, one
# "<sha256>  <path>" line per file, so it covers both each path and its content.
# Untracked files under those folders count too: a bundle built from them is not reproducible
# from what is committed. Toolchain versions are not inputs (see build-checklist-wasm.sh).
#
# Usage:
#   scripts/check-checklist-bundle.sh                  exit 1 if checklist-wasm/pkg is stale
#   scripts/check-checklist-bundle.sh --print-hash     print the hash of the current sources
#   scripts/check-checklist-bundle.sh --print-manifest print the per-file lines behind the hash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
PKG_DIR="checklist-wasm/pkg"
STAMP="$PKG_DIR/SOURCE_HASH"

# Prints one "<sha256>  <path>" line per input file, in a locale-independent order.
print_manifest() {
  local dir
  for dir in checklist-wasm/src checklist-wasm/core/src; do
    [ -d "$dir" ] || { echo "check-checklist-bundle: \`$dir\` is missing" >&2; return 1; }
  done
  {
    find checklist-wasm/src checklist-wasm/core/src -type f -print0
    printf '%s\0' checklist-wasm/Cargo.toml checklist-wasm/core/Cargo.toml Cargo.toml Cargo.lock \
      scripts/build-checklist-wasm.sh scripts/shorten-wasm-names.mjs
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
    for f in "$PKG_DIR/checklist.js" "$PKG_DIR/checklist_bg.wasm" "$PKG_DIR/respond.js" "$PKG_DIR/respond_bg.wasm" "$STAMP"; do
      if [ ! -f "$f" ]; then
        echo "checklist-wasm/pkg is incomplete: \`$f\` is missing; run scripts/build-checklist-wasm.sh and commit checklist-wasm/pkg" >&2
        exit 1
      fi
    done
    expected="$(head -n1 "$STAMP")"
    actual="$(print_hash)"
    if [ "$expected" != "$actual" ]; then
      echo "checklist-wasm/pkg is stale: sources changed since the bundle was built; run scripts/build-checklist-wasm.sh and commit checklist-wasm/pkg" >&2
      echo "  stamp in \`$STAMP\`: $expected" >&2
      echo "  hash of the sources now:      $actual" >&2
      exit 1
    fi
    echo "checklist-wasm/pkg is up to date (source hash $actual)"
    ;;
  -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" ;;
  *) echo "check-checklist-bundle: unknown argument \`$1\` (try --help)" >&2; exit 2 ;;
esac
