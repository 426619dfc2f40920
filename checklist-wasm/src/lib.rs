//! Browser binding of the checklist: renders the UI and forwards user actions to
//! `checklist-core`. It owns nothing but DOM access, storage and the wasm-bindgen surface.
