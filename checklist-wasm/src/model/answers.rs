//! Answer editing in the page state: how an `Edit` of a note, value, ticked option, evidence
//! level or "valid until" date changes one vendor's answer, through a draft whose value may
//! still be unset, and when an answer is kept or dropped. Vendor management, imports and the
//! messages themselves stay in `model`.

use checklist_core::answers::{Answer, AnswerValue};
use checklist_core::definition::{Definition, QuestionKind};
use checklist_core::exchange::MAX_NOTE_CHARS;

use super::{Change, Edit, Model};

impl Model {
    /// Applies an edit to the selected vendor's answer.
    pub(super) fn edit_selected(
        &mut self,
        def: &Definition,
        question: String,
        edit: Edit,
    ) -> Change {
        match self.selected.clone() {
            Some(vendor) => self.apply_edit(def, &vendor, &question, edit),
            None => Change::None,
        }
    }

    /// Applies an edit to one vendor's answer to one question.
    pub(super) fn apply_edit(
        &mut self,
        def: &Definition,
        vendor: &str,
        question: &str,
        edit: Edit,
    ) -> Change {
        match edit {
            Edit::Value(mut value) => {
                self.edit_answer(vendor, question, &mut |answer| answer.value = value.take())
            }
            Edit::Toggle { option, on } => {
                let Some(QuestionKind::Multi { options, .. }) =
                    def.question(question).map(|q| &q.kind)
                else {
                    return Change::None;
                };
                let order: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
                self.edit_answer(vendor, question, &mut |answer| {
                    let before = match &answer.value {
                        Some(AnswerValue::Choices(ids)) => ids.as_slice(),
                        _ => &[],
                    };
                    // Definition order keeps exports stable whatever order boxes were ticked in.
                    let chosen: Vec<String> = order
                        .iter()
                        .filter(|id| {
                            if **id == option {
                                on
                            } else {
                                before.iter().any(|b| b == *id)
                            }
                        })
                        .map(|id| (*id).to_owned())
                        .collect();
                    answer.value = if chosen.is_empty() {
                        None
                    } else {
                        Some(AnswerValue::Choices(chosen))
                    };
                })
            }
            Edit::Note(note) => {
                let mut note: String = note.chars().take(MAX_NOTE_CHARS).collect();
                self.edit_answer(vendor, question, &mut |answer| {
                    answer.note = std::mem::take(&mut note)
                })
            }
            Edit::Evidence(mut level) => self.edit_answer(vendor, question, &mut |answer| {
                answer.evidence = level.take()
            }),
            Edit::ValidUntil(day) => {
                self.edit_answer(vendor, question, &mut |answer| answer.valid_until = day)
            }
        }
    }

    /// Edits one answer of a vendor through a draft whose value may be unset, then stores
    /// it, or drops it when nothing is left (no value, note, evidence or date).
    fn edit_answer(
        &mut self,
        vendor: &str,
        question: &str,
        edit: &mut dyn FnMut(&mut Draft),
    ) -> Change {
        let Some(vendor) = self.workspace.vendor_mut(vendor) else {
            return Change::None;
        };
        let before = vendor.answers.get(question).cloned();
        let mut draft = match &before {
            Some(a) => Draft {
                value: (a.value != AnswerValue::Unanswered).then(|| a.value.clone()),
                note: a.note.clone(),
                evidence: a.evidence.clone(),
                valid_until: a.valid_until,
            },
            None => Draft::default(),
        };
        edit(&mut draft);
        let after = draft.into_answer();
        if after == before {
            return Change::None;
        }
        match after {
            Some(answer) => vendor.answers.insert(question.to_owned(), answer),
            None => vendor.answers.remove(question),
        };
        Change::Answers
    }
}

/// An answer being edited, whose value may still be unset.
#[derive(Default)]
struct Draft {
    value: Option<AnswerValue>,
    note: String,
    evidence: Option<String>,
    valid_until: Option<checklist_core::Date>,
}

impl Draft {
    /// Turns the draft into a stored answer; a note, evidence or date without value is kept
    /// as an unanswered answer (not as "Don't know", which scores as an answer).
    fn into_answer(self) -> Option<Answer> {
        let value = match self.value {
            Some(value) => value,
            None if self.note.is_empty()
                && self.evidence.is_none()
                && self.valid_until.is_none() =>
            {
                return None
            }
            None => AnswerValue::Unanswered,
        };
        Some(Answer {
            value,
            note: self.note,
            evidence: self.evidence,
            valid_until: self.valid_until,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::model_with;
    use super::*;
    use crate::model::Msg;

    #[test]
    fn a_note_without_value_was_stored_as_dont_know_and_capped_a_critical_question() {
        let (def, mut model) = model_with(&["A"]);
        model.update(
            &def,
            Msg::SetNote {
                question: "cert.scope".into(),
                note: "ask".into(),
            },
        );
        let answer = &model.vendor().unwrap().answers["cert.scope"];
        assert_eq!(answer.value, AnswerValue::Unanswered);
        let score = checklist_core::score_vendor(&def, model.vendor().unwrap());
        let reasons = format!("{:?}", score.reasons);
        assert!(
            !reasons.contains("CriticalZero"),
            "a note alone caps nothing: {reasons}"
        );
        assert_eq!(score.overall.completeness, 0.0);
        model.update(
            &def,
            Msg::SetNote {
                question: "cert.scope".into(),
                note: String::new(),
            },
        );
        model.update(
            &def,
            Msg::SetValue {
                question: "cert.scope".into(),
                value: None,
            },
        );
        assert!(model.vendor().unwrap().answers.is_empty());
    }

    #[test]
    fn multi_options_are_kept_in_definition_order_and_cleared_when_none_is_ticked() {
        let (def, mut model) = model_with(&["A"]);
        let (question, options) = def
            .questions
            .iter()
            .find_map(|q| match &q.kind {
                QuestionKind::Multi { options, .. } => Some((q.id.clone(), options.clone())),
                _ => None,
            })
            .expect("the checklist has a multi-choice question");
        for option in options.iter().rev().take(2) {
            model.update(
                &def,
                Msg::ToggleOption {
                    question: question.clone(),
                    option: option.id.clone(),
                    on: true,
                },
            );
        }
        let expected: Vec<String> = options
            .iter()
            .rev()
            .take(2)
            .rev()
            .map(|o| o.id.clone())
            .collect();
        assert_eq!(
            model.vendor().unwrap().answers[&question].value,
            AnswerValue::Choices(expected.clone())
        );
        for option in expected {
            model.update(
                &def,
                Msg::ToggleOption {
                    question: question.clone(),
                    option,
                    on: false,
                },
            );
        }
        assert!(!model.vendor().unwrap().answers.contains_key(&question));
    }
}
