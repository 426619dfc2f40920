#!/usr/bin/env bash
# check-search-bundle.sh -- is search-wasm/pkg stale? `scripts/check-wasm-bundle.sh search`, with
# --print-hash and --print-manifest passed on. Kept so the name in older notes still works.
case "${1:-}" in
  "") exec "$(dirname "${BASH_SOURCE[0]}")/check-wasm-bundle.sh" search ;;
  *) exec "$(dirname "${BASH_SOURCE[0]}")/check-wasm-bundle.sh" "$1" search ;;
esac
