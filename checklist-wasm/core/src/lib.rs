//! Pure core of the vendor checklist: the definition model, scoring, verdicts, and the
//! export, import and share-link formats. It has no web dependencies; the browser binding
//! in `checklist-wasm` calls it with plain values.
