//! Checking an imported workspace against the definition: vendor ids and names, every
//! answer's value, evidence level and note, contract conditions and switched-off rules.
//! Answers and conditions for questions that no longer exist are moved into the report
//! instead of failing the import. Reading the file's shape is `reader`'s.

use crate::answers::{AnswerValue, Workspace};
use crate::definition::{Definition, Question, QuestionKind, Verbal};

use super::{
    ImportError, OrphanedAnswer, MAX_CONDITION_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_VENDORS,
};

type Validated = (Workspace, Vec<OrphanedAnswer>, Vec<(String, String)>);

/// Checks every vendor and answer, moving answers to unknown questions into the report.
pub(super) fn validate_workspace(
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
