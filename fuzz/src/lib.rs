//! The fuzz targets' properties, one module per parser of untrusted input. Each target is a
//! function from arbitrary bytes that panics when a property fails: a round trip where one
//! exists, agreement with a reference implementation where one exists, and the limits the
//! parser promises. `cargo fuzz` drives them with libFuzzer (`fuzz_targets/`, see
//! `scripts/fuzz.sh`); `tests/corpus.rs` replays every committed input through them.

pub mod definition;
pub mod import;
pub mod inflate;
pub mod json;
pub mod page;
pub mod saved;
pub mod serve_request;
pub mod share_link;
pub mod site_config;
pub mod words;

/// A target's property check: panics when a property fails, and returns whether the parser
/// accepted the input.
pub type Check = fn(&[u8]) -> bool;

/// Every fuzz target: its name (also its folder in `corpus/` and its file in
/// `fuzz_targets/`) and its property check.
pub const TARGETS: &[(&str, Check)] = &[
    ("json", json::check),
    ("inflate", inflate::check),
    ("share_link", share_link::check),
    ("import", import::check),
    ("definition", definition::check),
    ("page", page::check),
    ("saved", saved::check),
    ("site_config", site_config::check),
    ("serve_request", serve_request::check),
    ("words", words::check),
];

/// The real checklist definition, parsed once: the one buyers' files and links are read with.
pub fn real_checklist() -> &'static checklist_core::Definition {
    static DEFINITION: std::sync::OnceLock<checklist_core::Definition> = std::sync::OnceLock::new();
    DEFINITION.get_or_init(|| {
        checklist_core::parse_definition(include_str!("../../content/checklist.toml"))
            .expect("content/checklist.toml is valid")
    })
}

/// The number of lines of a text as an editor counts them, for checking reported lines.
pub fn line_count(text: &str) -> usize {
    text.split('\n').count()
}
