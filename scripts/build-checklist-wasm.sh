#!/usr/bin/env bash
# build-checklist-wasm.sh -- builds the checklist bundle (checklist-wasm/pkg): `scripts/build-wasm.sh checklist`.
# Kept so the name in older notes still works; scripts/build-wasm.sh and the bundle list in
# scripts/wasm-bundles.sh say what is built and how.
exec "$(dirname "${BASH_SOURCE[0]}")/build-wasm.sh" checklist
