#!/usr/bin/env bash
# Prints the search budgets (issue 12): index build overhead, index size and the bytes of a
# first query at N = 1000 and 5000 pages per language, with Pagefind side by side.
#
#   bench/run-search.sh                       # N = 1000 and 5000, 3 builds per variant
#   bench/run-search.sh --sizes 200 --runs 1  # a quick smoke run
#
# It installs npm `pagefind` (which ships its binary) into ~/.cache/cc-guide-tools, outside the
# repository; where that fails, the report says so and goes on without it.
set -euo pipefail

cd "$(dirname "$0")/.."
TOOLS="${CC_GUIDE_TOOLS:-$HOME/.cache/cc-guide-tools}"
PAGEFIND_VERSION="${PAGEFIND_VERSION:-1.6.0}"
PAGEFIND="$TOOLS/pagefind-$PAGEFIND_VERSION/node_modules/.bin/pagefind"

if ! "$PAGEFIND" --version >/dev/null 2>&1; then
    echo "run-search.sh: installing pagefind $PAGEFIND_VERSION into $TOOLS" >&2
    mkdir -p "$TOOLS/pagefind-$PAGEFIND_VERSION"
    npm install --prefix "$TOOLS/pagefind-$PAGEFIND_VERSION" --no-audit --no-fund --loglevel=error \
        "pagefind@$PAGEFIND_VERSION" >&2 || echo "run-search.sh: pagefind could not be installed; comparing without it" >&2
fi
extra=()
if "$PAGEFIND" --version >/dev/null 2>&1; then extra=(--pagefind "$PAGEFIND"); else echo "Pagefind: not available on this machine." ; fi

cargo build --quiet --release -p generator -p bench
mkdir -p bench/corpus
exec target/release/bench search --generator target/release/generator "${extra[@]}" "$@"
