#!/usr/bin/env bash
# build-search-wasm.sh -- builds the search bundle (search-wasm/pkg): `scripts/build-wasm.sh search`.
# Kept so the name in older notes still works; scripts/build-wasm.sh and the bundle list in
# scripts/wasm-bundles.sh say what is built and how.
exec "$(dirname "${BASH_SOURCE[0]}")/build-wasm.sh" search
