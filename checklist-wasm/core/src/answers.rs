//! The buyer's data: vendors and their answers, notes and evidence. It owns only the plain
//! types and their deterministic ordering (sorted maps, so exports are byte-stable); checking
//! answers against a definition is left to `exchange`, and scoring them to `scoring`. The
//! labels of answer values live here too, as a method of the definition, so `definition`
//! never needs to know what an answer is.

use crate::date::Date;
use crate::definition::{format_number, AnswerOption, Definition, Question, QuestionKind, Verbal};
use crate::sorted::{SortedMap, SortedSet};
use crate::tuning::Tuning;

/// Typed numbers are read where answers are made; the parser lives in `number`.
pub use crate::number::{parse_number, NumberError};

/// All vendors a buyer is comparing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workspace {
    /// The vendors in the order the buyer added them.
    pub vendors: Vec<Vendor>,
    /// The buyer's tuning of the checklist to this tender (see `tuning`).
    pub tuning: Tuning,
}

/// One vendor and the buyer's answers about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vendor {
    /// Identifier, unique within the workspace (see [`Workspace::next_vendor_id`]).
    pub id: String,
    /// Name shown to the buyer.
    pub name: String,
    /// Answers keyed by question id; a missing key means unanswered.
    pub answers: SortedMap<Answer>,
    /// Soft rules the buyer switched off for this vendor.
    pub disabled_soft_rules: SortedSet,
    /// The response file the vendor's answers came from, with their statements and the
    /// buyer's review; `None` for a vendor the buyer answered for.
    pub response: Option<Box<crate::response::Origin>>,
    /// Contract conditions the buyer recorded for answers that fall short, by question id.
    pub conditions: SortedMap<ContractCondition>,
}

/// What the buyer will put in the contract because an answer falls short, such as "SOC 2
/// Type II report by Q3".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContractCondition {
    /// What the vendor must do or deliver.
    pub text: String,
    /// The day it is due, if the buyer set one.
    pub due: Option<Date>,
}

/// The buyer's answer to one question.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// What the vendor answered.
    pub value: AnswerValue,
    /// The buyer's free-text note.
    pub note: String,
    /// Id of the evidence level backing the answer; `None` means no evidence.
    pub evidence: Option<String>,
    /// The last day the evidence is valid (a certificate's expiry, a report's period end);
    /// `None` means it does not expire or the buyer did not say.
    pub valid_until: Option<Date>,
}

/// The value of an answer, matching the question's kind.
#[derive(Clone, Debug, PartialEq)]
pub enum AnswerValue {
    /// Yes, partial, no or unknown (every kind of question accepts `unknown`).
    Verbal(Verbal),
    /// One option id of a choice question.
    Choice(String),
    /// Selected option ids of a multi-choice question (empty means none apply).
    Choices(Vec<String>),
    /// A number for a number question.
    Number(f64),
    /// No value chosen yet: the answer only carries a note, evidence or a date. Unlike
    /// "Don't know" it leaves the question unanswered (no completeness, no cap, rules open).
    Unanswered,
}

impl Answer {
    /// Builds an answer with no note and no evidence.
    pub fn new(value: AnswerValue) -> Answer {
        Answer {
            value,
            note: String::new(),
            evidence: None,
            valid_until: None,
        }
    }

    /// Tells whether the evidence expired before `today` (it is valid through its last day).
    pub fn evidence_expired(&self, today: Date) -> bool {
        self.valid_until.is_some_and(|last| last < today)
    }

    /// Tells whether the answer has a value other than "Don't know" (which still counts
    /// toward completeness when scoring).
    pub fn is_known(&self) -> bool {
        !matches!(
            self.value,
            AnswerValue::Verbal(Verbal::Unknown) | AnswerValue::Unanswered
        )
    }
}

impl Vendor {
    /// Builds a vendor with no answers.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Vendor {
        Vendor {
            id: id.into(),
            name: name.into(),
            ..Vendor::default()
        }
    }
}

impl Workspace {
    /// Returns an id no vendor uses yet (`v1`, `v2`, ...), so the core needs no randomness.
    pub fn next_vendor_id(&self) -> String {
        (1..)
            .map(|n| format!("v{n}"))
            .find(|id| self.vendors.iter().all(|v| &v.id != id))
            .expect("an unused id exists")
    }

    /// Finds a vendor by id.
    pub fn vendor(&self, id: &str) -> Option<&Vendor> {
        self.vendors.iter().find(|v| v.id == id)
    }

    /// Finds a vendor by id for editing.
    pub fn vendor_mut(&mut self, id: &str) -> Option<&mut Vendor> {
        self.vendors.iter_mut().find(|v| v.id == id)
    }
}

impl Definition {
    /// Returns the localized label of an answer value, or `None` for an unknown option id;
    /// numbers are written with `decimal_mark`.
    pub fn answer_label(
        &self,
        question: &Question,
        value: &AnswerValue,
        lang: &str,
        decimal_mark: &str,
    ) -> Option<String> {
        let option_label = |options: &[AnswerOption], id: &str| {
            options
                .iter()
                .find(|o| o.id == id)
                .map(|o| o.label.text(lang).to_owned())
        };
        match (value, &question.kind) {
            (AnswerValue::Verbal(v), _) => {
                Some(self.answer_set.get(*v).label.text(lang).to_owned())
            }
            (AnswerValue::Choice(id), QuestionKind::Choice { options }) => {
                option_label(options, id)
            }
            (AnswerValue::Choices(ids), QuestionKind::Multi { options, .. }) => {
                // A plain loop rather than `collect::<Option<Vec<_>>>` and `join`: less wasm.
                let mut labels = String::new();
                for (i, id) in ids.iter().enumerate() {
                    if i > 0 {
                        labels.push_str("; ");
                    }
                    labels.push_str(&option_label(options, id)?);
                }
                Some(labels)
            }
            (AnswerValue::Number(n), QuestionKind::Number { unit, .. }) => Some(
                format!("{} {}", format_number(*n, decimal_mark), unit.text(lang))
                    .trim_end()
                    .to_owned(),
            ),
            _ => None,
        }
    }
}
