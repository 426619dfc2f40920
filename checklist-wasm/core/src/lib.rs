//! Pure core of the vendor checklist: the definition model, scoring, verdicts, and the
//! export, import and share-link formats. It has no web dependencies; the browser binding
//! in `checklist-wasm` calls it with plain values, and the site generator uses it to read
//! and validate `content/checklist.toml`.

pub mod answers;
pub mod csv;
pub mod date;
pub mod decimal;
pub mod definition;
mod definition_compact;
mod definition_json;
pub mod deflate;
pub mod exchange;
pub mod grid;
pub mod json;
pub mod number;
pub mod present;
pub mod questionnaire;
pub mod response;
pub mod saved;
pub mod scoring;
pub mod share;
pub mod sorted;
mod source;
pub mod string_id;
pub mod suggest;
pub mod tuning;

pub use answers::{Answer, AnswerValue, Vendor, Workspace};
pub use date::{Date, DateError};
pub use definition::Definition;
pub use exchange::{export_csv, export_json, import_json, ImportError, ImportReport};
pub use number::{parse_number, NumberError};
pub use scoring::{
    compare, compare_at, score_vendor, score_vendor_at, RankedVendor, ScoringIndex, VendorScore,
    Verdict,
};
pub use share::ShareError;
pub use source::{parse_definition, DefinitionError};
