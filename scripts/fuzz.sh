#!/usr/bin/env bash
# fuzz.sh -- runs the coverage-guided fuzz targets in fuzz/ with libFuzzer (cargo fuzz).
#
# Route: cargo-fuzz from crates.io (installed once, idempotently, at a pinned version), on the
# machine's one rustup toolchain (stable). cargo fuzz needs nightly-only flags
# (-Zsanitizer=address and friends), so the stable compiler is told to accept them with
# RUSTC_BOOTSTRAP=1; no nightly toolchain is fetched. libFuzzer itself is C++ that the
# libfuzzer-sys crate compiles with the machine's g++. The targets are built with
# AddressSanitizer, debug assertions and overflow checks, in release mode.
#
# New inputs libFuzzer finds go to target/fuzz/corpus/TARGET, never into the committed seed
# corpus fuzz/corpus/TARGET (which is read as a second corpus). A failing input is written to
# target/fuzz/artifacts/TARGET/; add it to fuzz/regressions/TARGET/, named after the bug, so
# `cargo test -p fuzz` replays it forever.
#
# Usage:
#   scripts/fuzz.sh TARGET SECONDS   fuzz one target for SECONDS (TARGET `all`: each in turn)
#   scripts/fuzz.sh --runs N TARGET  run exactly N inputs, from a fixed seed (the test command
#                                    runs `--runs N all`)
#   scripts/fuzz.sh --list           print the targets
# Each run ends with one line: target, inputs run, seconds, corpus size, result.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_FUZZ_VERSION=0.13.2
# The targets are the entry files in fuzz/fuzz_targets/ (tests/corpus.rs checks that they
# match the library's list).
mapfile -t TARGETS < <(find fuzz/fuzz_targets -name '*.rs' -printf '%f\n' | sed 's/\.rs$//' | LC_ALL=C sort)
# Inputs of at most this many bytes: a share link or an export the fuzzer can still mutate
# quickly, and more than the largest seed except the real checklist definition.
MAX_LEN=${FUZZ_MAX_LEN:-65536}

log() { printf '==> %s\n' "$*" >&2; }

usage() {
  sed -n '/^# Usage:/,/^# Each run/p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

runs=""
case "${1:-}" in
  --list) printf '%s\n' "${TARGETS[@]}"; exit 0 ;;
  --runs) [ $# -eq 3 ] || usage; runs=$2; target=$3 ;;
  ""|-*) usage ;;
  *) [ $# -eq 2 ] || usage; target=$1; seconds=$2 ;;
esac
if [ "$target" = all ]; then
  selected=("${TARGETS[@]}")
else
  printf '%s\n' "${TARGETS[@]}" | grep -qx -- "$target" || { echo "fuzz.sh: unknown target \`$target\`; targets: ${TARGETS[*]}" >&2; exit 2; }
  selected=("$target")
fi

if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  log "cargo install cargo-fuzz $CARGO_FUZZ_VERSION (once)"
  cargo install --locked --quiet cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi

export RUSTC_BOOTSTRAP=1
# One build of every target; cargo skips it when nothing changed.
log "cargo fuzz build (AddressSanitizer, debug assertions)"
cargo fuzz build --features libfuzzer -O --debug-assertions --target-dir target >&2

status=0
for name in "${selected[@]}"; do
  mkdir -p "target/fuzz/corpus/$name" "target/fuzz/artifacts/$name"
  if [ -n "$runs" ]; then
    limit=(-runs="$runs" -seed=1)
  else
    limit=(-max_total_time="$seconds")
  fi
  dict=()
  [ -f "fuzz/dict/$name.dict" ] && dict=(-dict="fuzz/dict/$name.dict")
  log_file="target/fuzz/$name.log"
  started=$(date +%s)
  set +e
  cargo fuzz run --features libfuzzer -O --debug-assertions --target-dir target "$name" \
    "target/fuzz/corpus/$name" "fuzz/corpus/$name" -- \
    "${limit[@]}" -max_len="$MAX_LEN" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="target/fuzz/artifacts/$name/" "${dict[@]}" > "$log_file" 2>&1
  code=$?
  set -e
  elapsed=$(( $(date +%s) - started ))
  executed=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log_file" | grep -o '[0-9]*$' | tail -1)
  corpus=$(find "target/fuzz/corpus/$name" "fuzz/corpus/$name" -type f | wc -l)
  if [ $code -eq 0 ]; then
    echo "fuzz $name: ${executed:-?} inputs in ${elapsed} s, corpus $corpus files, no failure"
  else
    status=1
    echo "fuzz $name: FAILED after ${executed:-?} inputs in ${elapsed} s (exit $code); log $log_file"
    grep -E 'panicked at|ERROR: |SUMMARY|Test unit written to' "$log_file" | head -20
  fi
done
exit $status
