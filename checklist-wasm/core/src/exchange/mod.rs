//! The workspace's file formats: versioned JSON export and import (the CSV export for
//! spreadsheets is `csv`'s, re-exported here). It owns the envelope (`format`, `version`,
//! `checklist`), the count limits (the byte bounds are `limits`'), checking every answer
//! against the definition, and reporting answers to questions that no longer exist instead
//! of dropping them. Share links reuse this import (`share`); reading files and offering
//! downloads is left to the browser binding.

use std::fmt;

use crate::answers::{Answer, AnswerValue, ContractCondition, Vendor, Workspace};
use crate::date::Date;
use crate::definition::{Definition, Question, QuestionKind, Verbal};
use crate::json::{self, At, Json};
use crate::sorted::SortedMap;
use crate::tuning::{self, Tuning};

pub use crate::csv::{csv_cell, csv_separator, export_csv, CsvLabels};
pub use limits::max_import_bytes;
pub(crate) use limits::{max_text_bytes, max_value_bytes, LINE_BYTES};

mod limits;

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

/// Builds the export document: the envelope and every vendor, in a fixed field order.
// Not inlined into its callers (export, share links): one copy is less wasm.
#[inline(never)]
pub fn document(def: &Definition, workspace: &Workspace) -> Json {
    let vendors = workspace.vendors.iter().map(|vendor| {
        let answers = vendor.answers.iter().map(|(question, answer)| {
            let mut fields = Vec::new();
            if let Some(value) = value_json(&answer.value) {
                fields.push(("value".to_owned(), value));
            }
            if !answer.note.is_empty() {
                fields.push(("note".to_owned(), Json::str(&answer.note)));
            }
            if let Some(level) = &answer.evidence {
                fields.push(("evidence".to_owned(), Json::str(level)));
            }
            if let Some(last) = answer.valid_until {
                fields.push(("valid_until".to_owned(), Json::String(last.to_string())));
            }
            (question.clone(), Json::Object(fields))
        });
        let mut fields = vec![
            ("id", Json::str(&vendor.id)),
            ("name", Json::str(&vendor.name)),
            ("answers", Json::Object(answers.collect())),
        ];
        if !vendor.disabled_soft_rules.is_empty() {
            fields.push((
                "disabled_soft_rules",
                Json::strings(&vendor.disabled_soft_rules),
            ));
        }
        if let Some(origin) = &vendor.response {
            fields.push(("response", crate::response::origin_json(origin)));
        }
        if !vendor.conditions.is_empty() {
            let conditions = vendor.conditions.iter().map(|(question, condition)| {
                let mut fields = vec![("text".to_owned(), Json::str(&condition.text))];
                if let Some(due) = condition.due {
                    fields.push(("due".to_owned(), Json::String(due.to_string())));
                }
                (question.clone(), Json::Object(fields))
            });
            fields.push(("conditions", Json::Object(conditions.collect())));
        }
        Json::object(fields)
    });
    let tuned =
        !workspace.tuning.is_empty() || workspace.vendors.iter().any(|v| !v.conditions.is_empty());
    let mut fields = vec![
        ("format", Json::str(FORMAT)),
        (
            "version",
            Json::Number(if tuned { VERSION } else { 1 } as f64),
        ),
        ("checklist", Json::String(def.reference())),
    ];
    if !workspace.tuning.is_empty() {
        fields.push(("tuning", tuning::write(&workspace.tuning)));
    }
    fields.push(("vendors", Json::Array(vendors.collect())));
    Json::object(fields)
}

/// Writes an answer's value as `{"answer": "yes"}`, `{"option": …}`, `{"options": […]}` or
/// `{"number": …}`; an answer without value has no `value` field (`None`).
pub(crate) fn value_json(value: &AnswerValue) -> Option<Json> {
    let (kind, inner) = match value {
        AnswerValue::Verbal(v) => ("answer", Json::str(v.id())),
        AnswerValue::Choice(id) => ("option", Json::str(id)),
        AnswerValue::Choices(ids) => ("options", Json::strings(ids)),
        AnswerValue::Number(n) => ("number", Json::Number(*n)),
        AnswerValue::Unanswered => return None,
    };
    Some(Json::object([(kind, inner)]))
}

/// Writes the workspace as a versioned, byte-stable JSON export.
pub fn export_json(def: &Definition, workspace: &Workspace) -> String {
    document(def, workspace).to_pretty()
}

/// Reads a file or link the buyer chose to import: like [`import_json`], but a document
/// without vendors is [`ImportError::NothingToImport`], so it is never offered as a
/// replacement for the buyer's vendors.
pub fn import_vendors(def: &Definition, input: &str) -> Result<ImportReport, ImportError> {
    let report = import_json(def, input)?;
    if report.workspace.vendors.is_empty() {
        return Err(ImportError::NothingToImport);
    }
    Ok(report)
}

/// Reads the envelope every JSON document of the checklist shares (exports, response files,
/// saved drafts): refuses input over `limit` bytes before parsing, then anything that is not a
/// JSON object with `format` equal to `format` and a whole `version` from 1 to `newest`.
/// Returns the parsed document for the caller to read its own fields from.
pub fn read_envelope(
    input: &str,
    limit: usize,
    format: &str,
    newest: u64,
) -> Result<Json, ImportError> {
    if input.len() > limit {
        return Err(ImportError::TooLarge {
            size: input.len(),
            limit,
        });
    }
    let value = json::parse(input).map_err(|e| ImportError::Malformed(e.to_string()))?;
    if !matches!(value, Json::Object(_)) {
        return Err(ImportError::Malformed("expected a json object".to_owned()));
    }
    match value.get("format").and_then(Json::as_str) {
        Some(found) if found == format => {}
        Some(other) => return Err(ImportError::WrongFormat(other.to_owned())),
        None => return Err(ImportError::WrongFormat("none".to_owned())),
    }
    match value.get("version").and_then(Json::as_f64) {
        Some(v) if v.fract() == 0.0 && v > newest as f64 => {
            Err(ImportError::NewerVersion(v as u64))
        }
        Some(v) if v >= 1.0 && v.fract() == 0.0 => Ok(value),
        _ => Err(ImportError::Malformed(
            "`version` must be a positive whole number".to_owned(),
        )),
    }
}

/// Reads a JSON export, checking every value against the definition; a workspace without
/// vendors is valid here (saved state may be empty).
// Not inlined into its callers (files, saved state, share links): one copy is less wasm.
#[inline(never)]
pub fn import_json(def: &Definition, input: &str) -> Result<ImportReport, ImportError> {
    let value = read_envelope(input, max_import_bytes(def), FORMAT, VERSION)?;
    if let Some(count) = value
        .get("vendors")
        .and_then(Json::as_array)
        .map(<[Json]>::len)
    {
        if count > MAX_VENDORS {
            return Err(ImportError::TooManyVendors(count));
        }
    }
    let (checklist, tuning, vendors) = json::read(&value, |doc| {
        doc.entries(Some(&[
            "format",
            "version",
            "checklist",
            "tuning",
            "vendors",
        ]));
        (
            doc.field("checklist").string(),
            doc.optional("tuning").map(tuning::read).unwrap_or_default(),
            doc.field("vendors").list(read_vendor),
        )
    })
    .map_err(|e| ImportError::Malformed(e.0))?;
    let checklist_id = checklist.split('@').next().unwrap_or_default();
    if checklist_id != def.meta.id {
        return Err(ImportError::OtherChecklist { found: checklist });
    }
    let tuning = tuning::check(def, tuning).map_err(ImportError::InvalidTuning)?;
    // Answers may be given to the buyer's own questions, and are kept for items that are off.
    let own = tuning.own_questions();
    let (mut workspace, orphaned_answers, dropped_rule_switches) = validate_workspace(
        def,
        &own,
        Workspace {
            vendors,
            tuning: Tuning::default(),
        },
    )?;
    workspace.tuning = tuning;
    Ok(ImportReport {
        workspace,
        checklist,
        orphaned_answers,
        dropped_rule_switches,
    })
}

/// Reads one vendor's shape; whether its answers fit the checklist is `validate_workspace`'s.
fn read_vendor(vendor: At) -> Vendor {
    vendor.entries(Some(&[
        "id",
        "name",
        "answers",
        "disabled_soft_rules",
        "response",
        "conditions",
    ]));
    let mut answers = SortedMap::new();
    if let Some(list) = vendor.optional("answers") {
        let count = list.entries(None).len();
        if count > MAX_ANSWERS {
            list.fail(&format!(
                "{count} answers; a vendor has at most {MAX_ANSWERS}"
            ));
        } else {
            list.each_entry(|question, answer| {
                answers.insert(question.to_owned(), read_answer(answer));
            });
        }
    }
    let mut conditions = SortedMap::new();
    if let Some(list) = vendor.optional("conditions") {
        let count = list.entries(None).len();
        if count > MAX_ANSWERS {
            list.fail(&format!(
                "{count} conditions; a vendor has at most {MAX_ANSWERS}"
            ));
        } else {
            list.each_entry(|question, condition| {
                condition.entries(Some(&["text", "due"]));
                conditions.insert(
                    question.to_owned(),
                    ContractCondition {
                        text: condition.field("text").string(),
                        due: condition.optional("due").and_then(|due| {
                            Date::parse(due.str())
                                .map_err(|e| due.fail(&e.to_string()))
                                .ok()
                        }),
                    },
                );
            });
        }
    }
    Vendor {
        conditions,
        id: vendor.field("id").string(),
        name: vendor.field("name").string(),
        answers,
        disabled_soft_rules: vendor
            .optional("disabled_soft_rules")
            .map_or_else(Vec::new, |list| {
                let count = list.value.as_array().map_or(0, <[Json]>::len);
                if count > MAX_ANSWERS {
                    list.fail(&format!(
                        "{count} rules; a vendor has at most {MAX_ANSWERS}"
                    ));
                    return Vec::new();
                }
                list.strings()
            })
            .into_iter()
            .collect(),
        response: vendor
            .optional("response")
            .map(|origin| Box::new(crate::response::read_origin(origin))),
    }
}

fn read_answer(answer: At) -> Answer {
    answer.entries(Some(&["value", "note", "evidence", "valid_until"]));
    let Some(value) = answer.optional("value") else {
        return read_answer_details(&answer);
    };
    Answer {
        value: read_value(&value),
        ..read_answer_details(&answer)
    }
}

/// Reads a value written by [`value_json`].
pub(crate) fn read_value(value: &At) -> AnswerValue {
    match value.entries(Some(&["answer", "option", "options", "number"])) {
        [(kind, _)] => {
            let inner = value.field(kind);
            match kind.as_str() {
                "answer" => AnswerValue::Verbal(inner.id()),
                "option" => AnswerValue::Choice(inner.string()),
                "options" => AnswerValue::Choices(inner.strings()),
                _ => AnswerValue::Number(inner.number()),
            }
        }
        _ => {
            value.fail("expected one of `answer`, `option`, `options` or `number`");
            AnswerValue::Verbal(Verbal::Unknown)
        }
    }
}

/// Reads what an answer carries besides its value: note, evidence and date.
fn read_answer_details(answer: &At) -> Answer {
    Answer {
        value: AnswerValue::Unanswered,
        note: answer
            .optional("note")
            .map_or_else(String::new, |note| note.string()),
        evidence: answer.optional("evidence").map(|level| level.string()),
        valid_until: answer.optional("valid_until").and_then(|last| {
            Date::parse(last.str())
                .map_err(|e| last.fail(&e.to_string()))
                .ok()
        }),
    }
}

type Validated = (Workspace, Vec<OrphanedAnswer>, Vec<(String, String)>);

/// Checks every vendor and answer, moving answers to unknown questions into the report.
fn validate_workspace(
    def: &Definition,
    own: &[Question],
    mut workspace: Workspace,
) -> Result<Validated, ImportError> {
    let find = |id: &str| def.question(id).or_else(|| own.iter().find(|q| q.id == id));
    if workspace.vendors.len() > MAX_VENDORS {
        return Err(ImportError::TooManyVendors(workspace.vendors.len()));
    }
    let mut orphans = Vec::new();
    let mut dropped = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    for vendor in &workspace.vendors {
        let invalid = |problem: String| ImportError::InvalidVendor {
            vendor: vendor.name.clone(),
            problem,
        };
        if vendor.id.is_empty() || vendor.id.chars().count() > MAX_NAME_CHARS {
            return Err(invalid(format!(
                "the id must have 1 to {MAX_NAME_CHARS} characters"
            )));
        }
        if ids.contains(&vendor.id.as_str()) {
            return Err(invalid(format!(
                "the id `{}` is used twice; give each vendor its own id",
                vendor.id
            )));
        }
        ids.push(&vendor.id);
        if vendor.name.trim().is_empty() || vendor.name.chars().count() > MAX_NAME_CHARS {
            return Err(ImportError::InvalidVendor {
                vendor: vendor.id.clone(),
                problem: format!("the name must have 1 to {MAX_NAME_CHARS} characters"),
            });
        }
    }
    for vendor in &mut workspace.vendors {
        let name = vendor.name.clone();
        let answers = std::mem::take(&mut vendor.answers);
        for (question_id, answer) in answers {
            let Some(question) = find(&question_id) else {
                orphans.push(OrphanedAnswer {
                    vendor: name.clone(),
                    question: question_id,
                });
                continue;
            };
            let invalid = |problem: String| ImportError::InvalidAnswer {
                vendor: name.clone(),
                question: question_id.clone(),
                problem,
            };
            check_value(&question.kind, &answer.value).map_err(&invalid)?;
            if let Some(level) = &answer.evidence {
                if def.evidence_level(level).is_none() {
                    let known: Vec<String> = def
                        .evidence_levels
                        .iter()
                        .map(|l| format!("`{}`", l.id))
                        .collect();
                    return Err(invalid(format!(
                        "evidence level `{level}` is unknown; use one of {}",
                        known.join(", ")
                    )));
                }
            }
            if answer.note.chars().count() > MAX_NOTE_CHARS {
                return Err(invalid(format!(
                    "the note is longer than {MAX_NOTE_CHARS} characters; shorten it"
                )));
            }
            vendor.answers.insert(question_id, answer);
        }
        if let Some(origin) = &mut vendor.response {
            origin.validate(def, own).map_err(|(question, problem)| {
                ImportError::InvalidAnswer {
                    vendor: name.clone(),
                    question,
                    problem,
                }
            })?;
        }
        for (question_id, condition) in std::mem::take(&mut vendor.conditions) {
            if find(&question_id).is_none() {
                orphans.push(OrphanedAnswer {
                    vendor: name.clone(),
                    question: question_id,
                });
                continue;
            }
            let chars = condition.text.chars().count();
            if condition.text.trim().is_empty() || chars > MAX_CONDITION_CHARS {
                return Err(ImportError::InvalidAnswer {
                    vendor: name.clone(),
                    question: question_id,
                    problem: format!(
                        "the contract condition must have 1 to {MAX_CONDITION_CHARS} characters"
                    ),
                });
            }
            vendor.conditions.insert(question_id, condition);
        }
        let switches = std::mem::take(&mut vendor.disabled_soft_rules);
        for rule in switches {
            match def.rule(&rule) {
                Some(r) if r.kind == crate::definition::RuleKind::Soft => {
                    vendor.disabled_soft_rules.insert(rule);
                }
                _ => dropped.push((name.clone(), rule)),
            }
        }
    }
    Ok((workspace, orphans, dropped))
}

/// Checks that an answer value fits its question's kind.
pub(crate) fn check_value(kind: &QuestionKind, value: &AnswerValue) -> Result<(), String> {
    let known_option = |options: &[crate::definition::AnswerOption], id: &str| {
        if options.iter().any(|o| o.id == id) {
            Ok(())
        } else {
            let ids: Vec<String> = options.iter().map(|o| format!("`{}`", o.id)).collect();
            Err(format!(
                "option `{id}` does not exist; use one of {}",
                ids.join(", ")
            ))
        }
    };
    match (kind, value) {
        (_, AnswerValue::Verbal(Verbal::Unknown) | AnswerValue::Unanswered)
        | (QuestionKind::YesNo, AnswerValue::Verbal(_)) => Ok(()),
        (QuestionKind::Choice { options }, AnswerValue::Choice(id)) => known_option(options, id),
        (QuestionKind::Multi { options, .. }, AnswerValue::Choices(ids)) => {
            for (i, id) in ids.iter().enumerate() {
                known_option(options, id)?;
                if ids[..i].contains(id) {
                    return Err(format!("option `{id}` is selected twice"));
                }
            }
            Ok(())
        }
        (QuestionKind::Number { min, max, .. }, AnswerValue::Number(n)) => {
            if !n.is_finite() {
                Err("the number is not finite; enter a plain number".to_owned())
            } else if n < min || n > max {
                let [n, min, max] = [n, min, max].map(|v| crate::decimal::format(*v));
                Err(format!(
                    "{n} is outside {min} to {max}; enter a number in that range"
                ))
            } else {
                Ok(())
            }
        }
        _ => Err("the answer does not fit the kind of question; answer it again".to_owned()),
    }
}
