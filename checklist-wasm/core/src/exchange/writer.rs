//! Writing the JSON export: the envelope and every vendor in a fixed field order, so the
//! same workspace always gives the same bytes (share links compact the same document).
//! Reading it back is `reader`'s; the format's constants and error types are the parent's.

use crate::answers::{AnswerValue, Workspace};
use crate::definition::Definition;
use crate::json::Json;
use crate::tuning;

use super::{FORMAT, VERSION};

/// Builds the export document: the envelope and every vendor, in a fixed field order.
// Not inlined into its callers (export, share links): one copy is less wasm.
#[inline(never)]
pub fn document(def: &Definition, workspace: &Workspace) -> Json {
    document_for(&def.reference(), workspace)
}

/// Builds the export document of a workspace saved against the checklist `reference`
/// (`id@version`), which may be another version than this page's: a backup in the compact
/// form is downloaded as the export of the checklist it names, so it imports again.
pub fn document_for(reference: &str, workspace: &Workspace) -> Json {
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
        ("checklist", Json::str(reference)),
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
