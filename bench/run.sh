#!/usr/bin/env bash
# Benchmarks our generator against Hugo and mdBook and prints a Markdown report.
#
#   bench/run.sh                      # N = 1000 and 5000 pages per language, 3 runs each
#   bench/run.sh --sizes 200 --runs 1 # a quick smoke run
#
# Extra arguments go to `bench run` (see `target/release/bench run --help`). It installs what
# it needs, idempotently: Debian's `hugo` and `time` via apt, and mdBook via `cargo install`
# into ~/.cache/cc-guide-tools (outside the repository). Corpora and outputs go to
# bench/corpus/ (ignored by git); the report is also written to bench/corpus/report.md.
set -euo pipefail

cd "$(dirname "$0")/.."
TOOLS="${CC_GUIDE_TOOLS:-$HOME/.cache/cc-guide-tools}"
MDBOOK_VERSION="${MDBOOK_VERSION:-0.5.4}"

missing=()
command -v hugo >/dev/null || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "run.sh: installing ${missing[*]} with apt" >&2
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! "$TOOLS/bin/mdbook" --version 2>/dev/null | grep -q "v$MDBOOK_VERSION"; then
    echo "run.sh: installing mdBook $MDBOOK_VERSION into $TOOLS" >&2
    cargo install --quiet --locked --root "$TOOLS" --version "$MDBOOK_VERSION" mdbook
fi

cargo build --quiet --release -p generator -p bench

mkdir -p bench/corpus
exec target/release/bench run \
    --generator target/release/generator \
    --hugo "$(command -v hugo)" \
    --mdbook "$TOOLS/bin/mdbook" \
    --dir bench/corpus \
    --report bench/corpus/report.md \
    "$@"
