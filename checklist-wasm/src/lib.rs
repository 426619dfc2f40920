//! Browser binding of the checklist: renders the UI and forwards user actions to
//! `checklist-core`. It owns nothing but DOM access, storage and the wasm-bindgen surface.
//!
//! Placeholder until the UI binding lands: it only exports the engine version, so the bundle
//! pipeline (`scripts/build-checklist-wasm.sh`) and the page loader can be tested end to end.

use wasm_bindgen::prelude::*;

/// Returns the version of the checklist engine compiled into this bundle.
#[wasm_bindgen]
pub fn engine_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Runs once when the module is instantiated; the UI binding will mount itself here.
#[wasm_bindgen(start)]
pub fn start() {}
