//! The questionnaire file, for vendors who prefer a file to the respond link: a versioned JSON
//! document that carries the checklist version and the buyer's own sections and questions,
//! exactly what the link's `#questions=` fragment carries (`share::encode_questions`). It
//! never carries weights, must-have marks, credits, rules, notes or anything about vendors:
//! both writing and reading keep only [`Tuning::vendor_part`]. Reading treats the file as
//! untrusted input (size bound, the envelope checks of `exchange::read_envelope`, the
//! tuning's own checks); offering the download and opening the file is the binding's. How the
//! own questions of links and files the vendor was given join, and the record response mode
//! keeps them in between visits, are `kept`'s.

use crate::definition::Definition;
use crate::exchange::{self, max_text_bytes, tuning_max_bytes, ImportError, LINE_BYTES};
use crate::json::{self, Json};
use crate::tuning::{self, Tuning};

#[cfg(feature = "respond")]
mod kept;

#[cfg(feature = "respond")]
pub use kept::{join, read_kept, write_kept, Joined, Kept};

/// Value of the `format` field of a questionnaire file.
pub const FORMAT: &str = "cc-vendor-questionnaire";
/// The newest questionnaire version this code reads and writes.
pub const VERSION: u64 = 1;

/// Returns the largest questionnaire file this page can write for `def` (every own section
/// and question at its limits, every character escaped at worst): the size limit of [`read`].
pub fn max_bytes(def: &Definition) -> usize {
    8 * LINE_BYTES
        + max_text_bytes(FORMAT.len())
        + max_text_bytes(def.reference().chars().count())
        + tuning_max_bytes(def, &max_text_bytes)
}

/// Writes the questionnaire file for the buyer's `tuning` of `def`: only the part a vendor
/// may see. Pretty-printed, with a fixed field order, so the same tuning gives the same bytes.
pub fn write(def: &Definition, tuning: &Tuning) -> String {
    Json::object([
        ("format", Json::str(FORMAT)),
        ("version", Json::Number(VERSION as f64)),
        ("checklist", Json::String(def.reference())),
        ("questions", tuning::write(&tuning.vendor_part())),
    ])
    .to_pretty()
}

/// Reads a questionnaire file against the guide's checklist `def` and returns the own
/// sections and questions it asks, checked like the respond link's; anything else a crafted
/// file holds (weights, marks, credits) is dropped. A file for another checklist, a newer
/// version, a damaged or oversized file is refused with the reason.
pub fn read(def: &Definition, input: &str) -> Result<Tuning, ImportError> {
    let value = exchange::read_envelope(input, max_bytes(def), FORMAT, VERSION)?;
    let (checklist, asked) = json::read(&value, |doc| {
        doc.entries(Some(&["format", "version", "checklist", "questions"]));
        (
            doc.field("checklist").string(),
            tuning::read(doc.field("questions")),
        )
    })
    .map_err(|e| ImportError::Malformed(e.0))?;
    if checklist.split('@').next().unwrap_or_default() != def.meta.id {
        return Err(ImportError::OtherChecklist { found: checklist });
    }
    let asked = tuning::check(def, asked.vendor_part()).map_err(ImportError::InvalidTuning)?;
    Ok(asked.vendor_part())
}
