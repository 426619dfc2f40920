#!/usr/bin/env bash
# wasm-size-report.sh -- prints the raw and gzip -9 sizes of the checklist's bundles (JS glue and
# wasm) and checks the first load against its ceiling. Exit 1 when over the ceiling, 2 when a
# file is missing. Measuring only; building is scripts/build-wasm.sh's.
#
# The checklist page loads two bundles of the one crate (scripts/wasm-bundles.sh):
#   first load  checklist.js + checklist_bg.wasm (+ any JS snippets): shows the workspace and
#               scores it; every visit downloads it
#   on demand   ondemand.js + ondemand_bg.wasm: importing files, share links, CSV, the
#               comparison report; fetched the first time the buyer uses one of them
# The report prints both and their total side by side. The vendors' response mode (respond.*)
# is a page of its own and is printed by the build.
#
# Usage: scripts/wasm-size-report.sh [pkg-dir]      (default: checklist-wasm/pkg)
#   CHECKLIST_WASM_GZIP_BUDGET_KB  gzip ceiling for the first load's glue + wasm, in KB of 1024
#                                  bytes (default 100: the workspace issue's target, met)
#   CHECKLIST_WASM_GZIP_TARGET_KB  the first load the checklist workspace issue asks for
#                                  (default 100); printed with the gap
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
PKG_DIR="${1:-$ROOT/checklist-wasm/pkg}"
# The workspace issue's target is 100 KB (102,400 B) for the first load, and the ceiling is
# that target now that the first load meets it (99.5 KB = 101,849 B). Until then the gate was
# a ceiling about 1 KB above the last measured first load (114.6 KB: the buyer's
# tuning and contract conditions of issue 11 brought it from 111.7 to 134.4 KB; moving their
# panels' controls to the on-demand module took it back to 126.5 KB; comparing vendor names
# by the browser's toLowerCase instead of Rust's Unicode tables, building the review of
# responses on demand, and reading the page's own saves without the import's checks (saves
# of another checklist version and backups are read by the on-demand module) took it to
# 117.8 KB; the comparison of all vendors with its chart, which the page loads only once the
# workspace has two vendors, took it to 114.6 KB; saving the workspace in a compact form of its
# own (checklist_core::saved) instead of the export JSON, and loading the definition and the UI
# strings in that form too, took the JSON reader and writer out of the first load (101.3 KB),
# and std built for size with wasm-opt passes and wasm-bindgen options took it to 100.4 KB;
# the storage panel's backup actions (restore, download, delete), which the on-demand module
# now does with a store it opens itself, and the JSON and CSV downloads, which it now offers
# itself, took it to 99.5 KB; scoring with the tuning stays in the first load). It stops
# growth; whoever lands code that needs more moves something to the on-demand module first,
# or raises the ceiling in the same commit and says why.
BUDGET_KB="${CHECKLIST_WASM_GZIP_BUDGET_KB:-100}"
TARGET_KB="${CHECKLIST_WASM_GZIP_TARGET_KB:-100}"
BUDGET_BYTES=$((BUDGET_KB * 1024))

first=("$PKG_DIR/checklist.js" "$PKG_DIR/checklist_bg.wasm")
# JS snippets (`#[wasm_bindgen(inline_js)]`, `module = "..."`) are loaded too, so they count.
if [ -d "$PKG_DIR/snippets" ]; then
  while IFS= read -r -d '' f; do first+=("$f"); done \
    < <(find "$PKG_DIR/snippets" -type f -name '*.js' -print0 | LC_ALL=C sort -z)
fi
later=("$PKG_DIR/ondemand.js" "$PKG_DIR/ondemand_bg.wasm")

row() { awk -v n="$1" -v r="$2" -v g="$3" \
  'BEGIN { printf "%-28s %9d B %8.1f KB %9d B %8.1f KB\n", n, r, r/1024, g, g/1024 }'; }

# Prints a row per file and one for their sum; sets SUM_RAW and SUM_GZ.
measure() {
  local label="$1" f raw gz
  shift
  SUM_RAW=0 SUM_GZ=0
  for f in "$@"; do
    [ -f "$f" ] || { echo "wasm-size-report: \`$f\` is missing; run scripts/build-wasm.sh checklist" >&2; exit 2; }
    raw=$(wc -c < "$f")
    gz=$(gzip -9 -n -c "$f" | wc -c)
    SUM_RAW=$((SUM_RAW + raw)) SUM_GZ=$((SUM_GZ + gz))
    row "  ${f#"$PKG_DIR"/}" "$raw" "$gz"
  done
  row "$label" "$SUM_RAW" "$SUM_GZ"
}

printf '%-28s %23s %23s\n' "file" "raw" "gzip -9"
measure "first load (glue + wasm)" "${first[@]}"
first_raw=$SUM_RAW first_gz=$SUM_GZ
measure "on demand (glue + wasm)" "${later[@]}"
later_raw=$SUM_RAW later_gz=$SUM_GZ
row "total (both modules)" $((first_raw + later_raw)) $((first_gz + later_gz))
awk -v f="$first_gz" -v o="$later_gz" \
  'BEGIN { printf "side by side: first load %.1f KB + on demand %.1f KB = %.1f KB gzip\n", f/1024, o/1024, (f+o)/1024 }'

if [ "$first_gz" -gt "$BUDGET_BYTES" ]; then
  awk -v g="$first_gz" -v b="$BUDGET_KB" \
    'BEGIN { printf "OVER BUDGET: the first load is %.1f KB gzip > the %d KB ceiling for wasm + glue\n", g/1024, b }' >&2
  exit 1
fi
awk -v g="$first_gz" -v b="$BUDGET_KB" \
  'BEGIN { printf "within budget: first load %.1f KB gzip of the %d KB ceiling for wasm + glue (%.0f%%)\n", g/1024, b, 100*g/(b*1024) }'
if [ "$first_gz" -gt $((TARGET_KB * 1024)) ]; then
  awk -v g="$first_gz" -v t="$TARGET_KB" \
    'BEGIN { printf "target NOT met: the first load is %.1f KB gzip, %.1f KB over the %d KB target for wasm + glue\n", g/1024, g/1024 - t, t }'
else
  awk -v g="$first_gz" -v t="$TARGET_KB" \
    'BEGIN { printf "target met: the first load is %.1f KB gzip, within the %d KB target for wasm + glue\n", g/1024, t }'
fi
