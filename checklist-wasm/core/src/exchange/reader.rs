//! Reading the JSON export: the envelope every checklist document shares (exports, response
//! files, drafts), the size bound checked before parsing, and the shape of each vendor and
//! answer. Whether the answers fit the checklist is `check`'s; writing is `writer`'s.

use crate::answers::{Answer, AnswerValue, ContractCondition, Vendor, Workspace};
use crate::date::Date;
use crate::definition::{Definition, Verbal};
use crate::json::{self, At, Json};
use crate::sorted::SortedMap;
use crate::tuning::{self, Tuning};

use super::check::validate_workspace;
use super::{
    max_import_bytes, ImportError, ImportReport, FORMAT, MAX_ANSWERS, MAX_VENDORS, VERSION,
};

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
    let value = json::parse(input).map_err(|e| {
        if e.message == json::TOO_DEEP {
            ImportError::TooDeep
        } else {
            ImportError::Malformed(e.to_string())
        }
    })?;
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
    let (checklist, tuning, vendors) = read_document(def, input)?;
    check_workspace(def, checklist, Workspace { vendors, tuning })
}

/// Checks a workspace read from a document that names the checklist `checklist`
/// (`id@version`) against `def`, as an import does: refuses another checklist, too many
/// vendors, a tuning or answers that do not fit, and leaves out (and reports) answers to
/// questions that no longer exist. [`import_json`] reads JSON with it; the on-demand module
/// reads saves in the compact form (`saved`) of another version of the checklist with it.
pub fn check_workspace(
    def: &Definition,
    checklist: String,
    workspace: Workspace,
) -> Result<ImportReport, ImportError> {
    let checklist_id = checklist.split('@').next().unwrap_or_default();
    if checklist_id != def.meta.id {
        return Err(ImportError::OtherChecklist { found: checklist });
    }
    if workspace.vendors.len() > MAX_VENDORS {
        return Err(ImportError::TooManyVendors(workspace.vendors.len()));
    }
    let Workspace { vendors, tuning } = workspace;
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

/// Reads the envelope and the shape of an export: the checklist it names (refused when it is
/// another checklist), the tuning as written and the vendors, none of it checked against
/// `def` yet.
fn read_document(
    def: &Definition,
    input: &str,
) -> Result<(String, Tuning, Vec<Vendor>), ImportError> {
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
    Ok((checklist, tuning, vendors))
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

/// Reads a value written by [`value_json`](super::value_json).
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
