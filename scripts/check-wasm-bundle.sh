#!/usr/bin/env bash
# check-wasm-bundle.sh -- is each committed wasm bundle (checklist-wasm/pkg, search-wasm/pkg)
# built from the sources that are checked in next to it?
#
# The bundles and the inputs of each package's source hash are listed in
# scripts/wasm-bundles.sh (the one place that defines them): the package's folders and files,
# Cargo.toml, Cargo.lock, scripts/build-wasm.sh, the scripts its post-processing steps run
# (scripts/shorten-wasm-names.mjs), and the package's own lines of the bundle list. The hash
# is sha256 over the manifest `sha256sum` prints for those files (sorted bytewise with
# LC_ALL=C), one "<sha256>  <path>" line per file, so it covers each path and its content.
# build-wasm.sh writes it to the package's SOURCE_HASH; CI runs the default mode to catch a
# source change committed without rebuilding the bundle. It needs no wasm toolchain: only
# bash, find, sort, xargs and sha256sum. Toolchain versions are not inputs (see build-wasm.sh).
#
# Usage:
#   scripts/check-wasm-bundle.sh [PACKAGE...]                    exit 1 if a package is stale
#                                                               (no PACKAGE: every package)
#   scripts/check-wasm-bundle.sh --print-hash PACKAGE            the hash of its current sources
#   scripts/check-wasm-bundle.sh --print-manifest PACKAGE        the per-file lines behind it
#   scripts/check-wasm-bundle.sh --list                          the package names
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=wasm-bundles.sh
. "$ROOT/scripts/wasm-bundles.sh"
cd "$ROOT"

# Exits 1 unless package $1's folder holds every bundle and a stamp equal to its source hash.
check_package() {
  local package="$1" row fields dir name f expected actual
  row="$(wasm_package_row "$package")" || exit 2
  read -r -a fields <<<"$row"
  dir="${fields[1]}"
  local rebuild="run scripts/build-wasm.sh $package and commit $dir"
  local wanted=()
  while read -r -a fields; do
    name="${fields[1]}"
    wanted+=("$dir/$name.js" "$dir/${name}_bg.wasm")
  done < <(wasm_bundle_rows "$package")
  for f in "${wanted[@]}" "$dir/SOURCE_HASH"; do
    if [ ! -f "$f" ]; then
      echo "$dir is incomplete: \`$f\` is missing; $rebuild" >&2
      exit 1
    fi
  done
  expected="$(head -n1 "$dir/SOURCE_HASH")"
  actual="$(wasm_source_hash "$package")" || exit 2
  if [ "$expected" != "$actual" ]; then
    echo "$dir is stale: sources changed since the bundle was built; $rebuild" >&2
    echo "  stamp in \`$dir/SOURCE_HASH\`: $expected" >&2
    echo "  hash of the sources now: $actual" >&2
    exit 1
  fi
  echo "$dir is up to date (source hash $actual)"
}

case "${1:-}" in
  --print-hash) [ $# -eq 2 ] || { echo "check-wasm-bundle: --print-hash takes one package" >&2; exit 2; }
    wasm_source_hash "$2" || exit 2 ;;
  --print-manifest) [ $# -eq 2 ] || { echo "check-wasm-bundle: --print-manifest takes one package" >&2; exit 2; }
    wasm_manifest "$2" || exit 2 ;;
  --list) wasm_package_names ;;
  -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" ;;
  -*) echo "check-wasm-bundle: unknown argument \`$1\` (try --help)" >&2; exit 2 ;;
  *)
    if [ $# -eq 0 ]; then mapfile -t packages < <(wasm_package_names); else packages=("$@"); fi
    for package in "${packages[@]}"; do check_package "$package"; done
    ;;
esac
