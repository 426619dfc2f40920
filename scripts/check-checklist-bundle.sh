#!/usr/bin/env bash
# check-checklist-bundle.sh -- is checklist-wasm/pkg stale? `scripts/check-wasm-bundle.sh checklist`, with
# --print-hash and --print-manifest passed on. Kept so the name in older notes still works.
case "${1:-}" in
  "") exec "$(dirname "${BASH_SOURCE[0]}")/check-wasm-bundle.sh" checklist ;;
  *) exec "$(dirname "${BASH_SOURCE[0]}")/check-wasm-bundle.sh" "$1" checklist ;;
esac
