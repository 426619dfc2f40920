//! The workspace's file formats: versioned JSON export and import (the CSV export for
//! spreadsheets is `csv`'s, re-exported here). This module owns the format's constants
//! (`format`, `version`, the count limits), the import error and report types, and the
//! public API; the work is split by concern: `writer` builds the export, `reader` parses the
//! envelope and each vendor's shape, `check` tests every answer against the definition
//! and reports answers to questions that no longer exist instead of dropping them, and
//! `limits` computes the byte bounds. Share links reuse this import (`share`); reading files
//! and offering downloads is left to the browser binding.

use std::fmt;

use crate::answers::Workspace;
use crate::json;

pub use crate::csv::{csv_cell, csv_separator, export_csv, CsvLabels};
pub(crate) use check::check_value;
pub use limits::max_import_bytes;
pub(crate) use limits::{max_text_bytes, max_value_bytes, tuning_max_bytes, LINE_BYTES};
pub(crate) use reader::read_value;
pub use reader::{check_workspace, import_json, import_vendors, read_envelope};
pub(crate) use writer::value_json;
pub use writer::{document, document_for, export_json};

mod check;
mod limits;
mod reader;
mod writer;

/// Value of the `format` field of an export.
pub const FORMAT: &str = "cc-vendor-checklist";
/// The newest export version this code reads and writes: 2 added the buyer's tuning and
/// contract conditions. An export without either is still written as version 1, so it is
/// byte-identical to what older pages wrote and read.
pub const VERSION: u64 = 2;
/// Longest contract condition, in characters.
pub const MAX_CONDITION_CHARS: usize = 1000;
/// Most vendors in one workspace.
pub const MAX_VENDORS: usize = 50;
/// Longest vendor name or id, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 10_000;
/// Most answers (and switched-off rules) one vendor may have in a file: room for answers to
/// questions that were removed since, while a crafted file cannot make the import slow.
pub const MAX_ANSWERS: usize = 1000;

/// Why an export could not be imported.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// The input is larger than any export of this page ([`max_import_bytes`]).
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The largest size accepted, in bytes.
        limit: usize,
    },
    /// The file is a valid export without any vendor: there is nothing to import.
    NothingToImport,
    /// The input is not valid JSON, or not shaped like an export.
    Malformed(String),
    /// The input nests arrays and objects deeper than [`json::MAX_DEPTH`], which no file of
    /// this page does.
    TooDeep,
    /// A response file has more answers than [`MAX_ANSWERS`]; holds how many it has.
    TooManyAnswers(usize),
    /// The `format` field is missing or names another format.
    WrongFormat(String),
    /// The file was written by a newer version of this page.
    NewerVersion(u64),
    /// The file belongs to a different checklist.
    OtherChecklist {
        /// The checklist named in the file.
        found: String,
    },
    /// More vendors than [`MAX_VENDORS`].
    TooManyVendors(usize),
    /// A vendor's id or name is missing, too long or duplicated.
    InvalidVendor {
        /// The vendor's name (or id when the name is the problem).
        vendor: String,
        /// What is wrong.
        problem: String,
    },
    /// The buyer's tuning of the checklist is not valid.
    InvalidTuning(String),
    /// An answer does not fit its question.
    InvalidAnswer {
        /// The vendor's name.
        vendor: String,
        /// The question id.
        question: String,
        /// What is wrong.
        problem: String,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { size, limit } => write!(
                f,
                "the file is too large ({size} bytes); this page reads exports of up to {limit} bytes"
            ),
            ImportError::NothingToImport => {
                f.write_str("the file contains no vendors, so there is nothing to import")
            }
            ImportError::Malformed(detail) => {
                write!(f, "the file is not a readable checklist export ({detail}); choose a file exported from this page")
            }
            ImportError::TooDeep => write!(
                f,
                "the file is nested more than {} levels deep; no file of this page is",
                json::MAX_DEPTH
            ),
            ImportError::TooManyAnswers(count) => {
                write!(f, "{count} answers; a response has at most {MAX_ANSWERS}")
            }
            ImportError::WrongFormat(found) => write!(
                f,
                "the file is not a vendor checklist export (format `{found}`, expected `{FORMAT}`); choose a file exported from this page"
            ),
            ImportError::NewerVersion(version) => write!(
                f,
                "this file was made by a newer version ({version}); this page reads up to version {VERSION}. reload the page to get the newest version"
            ),
            ImportError::OtherChecklist { found } => {
                write!(f, "the file belongs to another checklist (`{found}`); open it on the page that made it")
            }
            ImportError::TooManyVendors(count) => {
                write!(f, "the file has {count} vendors; this page handles up to {MAX_VENDORS}, so split the file")
            }
            ImportError::InvalidVendor { vendor, problem } => write!(f, "vendor `{vendor}`: {problem}"),
            ImportError::InvalidTuning(problem) => write!(f, "the tuning of the checklist: {problem}"),
            ImportError::InvalidAnswer { vendor, question, problem } => {
                write!(f, "vendor `{vendor}`, question `{question}`: {problem}")
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// An answer whose question no longer exists in the current checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct OrphanedAnswer {
    /// The vendor's name.
    pub vendor: String,
    /// The question id that is gone.
    pub question: String,
}

/// The result of a successful import.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportReport {
    /// The imported workspace, holding only answers to current questions.
    pub workspace: Workspace,
    /// The checklist reference (`id@version`) the file was made with.
    pub checklist: String,
    /// Answers left out because their question no longer exists; tell the buyer.
    pub orphaned_answers: Vec<OrphanedAnswer>,
    /// Switched-off soft rules left out because the rule no longer exists or is hard.
    pub dropped_rule_switches: Vec<(String, String)>,
}
