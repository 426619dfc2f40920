#!/usr/bin/env bash
# wasm-size-report.sh -- prints the raw and gzip -9 sizes of the checklist bundle (JS glue and
# wasm) and checks their gzip total against the budget. Exit 1 when over budget, 2 when a file
# is missing. Measuring only; building is build-checklist-wasm.sh's job.
#
# Usage: scripts/wasm-size-report.sh [pkg-dir]      (default: checklist-wasm/pkg)
#   CHECKLIST_WASM_GZIP_BUDGET_KB  gzip ceiling for glue + wasm together, in KB of 1024 bytes
#                                  (default 146: the workspace with response review, tuning and conditions)
#   CHECKLIST_WASM_GZIP_TARGET_KB  the size the checklist workspace issue asks for (default 100);
#                                  printed with the gap, not enforced until the bundle meets it
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
PKG_DIR="${1:-$ROOT/checklist-wasm/pkg}"
# The workspace issue's target is 100 KB. The bundle is over it, so the gate is a ceiling: it
# stops growth while the target is open, and the report prints the gap to the target. The
# ceiling sits about 1 KB above the last measured size (144.7 KB: the buyer's tuning, own
# questions and contract conditions of issue 11 added 23 KB to 121.7 KB); the lazily loaded
# second module (issue 10) is to move those panels off the first load and lower it again.
BUDGET_KB="${CHECKLIST_WASM_GZIP_BUDGET_KB:-146}"
TARGET_KB="${CHECKLIST_WASM_GZIP_TARGET_KB:-100}"
BUDGET_BYTES=$((BUDGET_KB * 1024))

files=("$PKG_DIR/checklist.js" "$PKG_DIR/checklist_bg.wasm")
# JS snippets (`#[wasm_bindgen(inline_js)]`, `module = "..."`) are loaded too, so they count.
if [ -d "$PKG_DIR/snippets" ]; then
  while IFS= read -r -d '' f; do files+=("$f"); done \
    < <(find "$PKG_DIR/snippets" -type f -name '*.js' -print0 | LC_ALL=C sort -z)
fi

row() { awk -v n="$1" -v r="$2" -v g="$3" \
  'BEGIN { printf "%-28s %9d B %8.1f KB %9d B %8.1f KB\n", n, r, r/1024, g, g/1024 }'; }

printf '%-28s %23s %23s\n' "file" "raw" "gzip -9"
total_raw=0 total_gz=0
for f in "${files[@]}"; do
  [ -f "$f" ] || { echo "wasm-size-report: \`$f\` is missing; run scripts/build-checklist-wasm.sh" >&2; exit 2; }
  raw=$(wc -c < "$f")
  gz=$(gzip -9 -n -c "$f" | wc -c)
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz))
  row "${f#"$PKG_DIR"/}" "$raw" "$gz"
done
row "total (glue + wasm)" "$total_raw" "$total_gz"

if [ "$total_gz" -gt "$BUDGET_BYTES" ]; then
  awk -v g="$total_gz" -v b="$BUDGET_KB" \
    'BEGIN { printf "OVER BUDGET: %.1f KB gzip > %d KB budget for wasm + glue\n", g/1024, b }' >&2
  exit 1
fi
awk -v g="$total_gz" -v b="$BUDGET_KB" \
  'BEGIN { printf "within budget: %.1f KB gzip of %d KB for wasm + glue (%.0f%%)\n", g/1024, b, 100*g/(b*1024) }'
if [ "$total_gz" -gt $((TARGET_KB * 1024)) ]; then
  awk -v g="$total_gz" -v t="$TARGET_KB" \
    'BEGIN { printf "target NOT met: %.1f KB gzip is %.1f KB over the %d KB target for wasm + glue\n", g/1024, g/1024 - t, t }'
fi
