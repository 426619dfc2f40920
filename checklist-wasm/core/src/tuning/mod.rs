//! The buyer's tuning of the checklist to one tender: weight overrides (including "off"),
//! must-have marks on any question, and the buyer's own questions and sections. It owns the
//! types, the one function that turns the guide's definition and a tuning into the effective
//! definition that scoring, presenting, reports, CSV and the response mode consume
//! ([`Tuning::apply`]), the part a vendor may see ([`Tuning::vendor_part`]) and the list of
//! what differs from the guide ([`Tuning::differences`]). Reading and checking a tuning from
//! an untrusted file is `tuning::read`'s; the envelope around it is `exchange`'s.

use crate::definition::{
    AnswerOption, BandDirection, Combine, Condition, Definition, Question, QuestionKind, Rule,
    RuleKind, Section, Test, Text, WeightClass,
};
use crate::sorted::{SortedMap, SortedSet};

mod merge;
mod read;
#[cfg(test)]
mod tests;

pub use merge::merge;
pub use read::{
    check, read, write, MAX_LABEL_CHARS, MAX_LANGUAGE_CHARS, MAX_OPTIONS, MAX_OWN_QUESTIONS,
    MAX_OWN_SECTIONS, MAX_TEXT_CHARS, MAX_TOKEN_CHARS,
};

/// Prefix of the ids of the buyer's own questions and sections, which keeps them apart from
/// the guide's ids.
pub const OWN_PREFIX: &str = "own.";
/// Prefix of the ids of the rules a must-have mark adds, followed by the question id.
pub const MUST_HAVE_RULE_PREFIX: &str = "must.";

/// The buyer's changes to the guide's checklist for one tender; the empty tuning changes
/// nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tuning {
    /// Weight overrides keyed by scored item: an ungrouped question's id or a group's id.
    pub weights: SortedMap<TunedWeight>,
    /// Questions (the guide's or the buyer's own) the buyer marked as must-haves.
    pub must_haves: SortedSet,
    /// The buyer's own sections, shown after the guide's.
    pub sections: Vec<OwnSection>,
    /// The buyer's own questions, shown at the end of their section.
    pub questions: Vec<OwnQuestion>,
}

/// A weight the buyer chose for a scored item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TunedWeight {
    /// Not part of this tender: the item is neither shown nor scored (answers are kept).
    Off,
    /// One of the method's weight classes.
    Class(WeightClass),
}

impl TunedWeight {
    /// Returns the identifier used in exports and in the page's controls.
    pub fn id(self) -> &'static str {
        match self {
            TunedWeight::Off => "off",
            TunedWeight::Class(WeightClass::Minor) => "minor",
            TunedWeight::Class(WeightClass::Standard) => "standard",
            TunedWeight::Class(WeightClass::Critical) => "critical",
        }
    }

    /// Reads an identifier written by [`TunedWeight::id`].
    pub fn from_id(id: &str) -> Option<TunedWeight> {
        [
            TunedWeight::Off,
            TunedWeight::Class(WeightClass::Minor),
            TunedWeight::Class(WeightClass::Standard),
            TunedWeight::Class(WeightClass::Critical),
        ]
        .into_iter()
        .find(|w| w.id() == id)
    }
}

/// A section the buyer added.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnSection {
    /// Identifier, `own.` followed by a token.
    pub id: String,
    /// Language the title is written in.
    pub lang: String,
    /// Heading of the section.
    pub title: String,
}

/// A question the buyer added.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnQuestion {
    /// Identifier, `own.` followed by a token.
    pub id: String,
    /// The guide's or an own section the question belongs to.
    pub section: String,
    /// Language the texts are written in.
    pub lang: String,
    /// The question itself.
    pub text: String,
    /// How much the question counts.
    pub weight: WeightClass,
    /// Yes/no/partial, or the options of a choice (empty).
    pub options: Vec<OwnOption>,
}

/// One option of the buyer's own choice question.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnOption {
    /// Identifier stored in answers, unique within the question.
    pub id: String,
    /// Label shown to the buyer and the vendor.
    pub label: String,
    /// Credit in [0, 1] for choosing it.
    pub credit: f64,
}

/// One way a tuned checklist differs from the guide's recommendation.
#[derive(Clone, Debug, PartialEq)]
pub enum Difference {
    /// An item weighs differently (or is off).
    Weight {
        /// The question or group id.
        item: String,
        /// The guide's weight.
        default: WeightClass,
        /// The buyer's weight.
        tuned: TunedWeight,
    },
    /// The buyer marked a question a must-have.
    MustHave {
        /// The question id.
        question: String,
    },
    /// The buyer added a question.
    OwnQuestion {
        /// The question id.
        question: String,
    },
}

impl Tuning {
    /// Tells whether the tuning changes nothing.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
            && self.must_haves.is_empty()
            && self.sections.is_empty()
            && self.questions.is_empty()
    }

    /// Returns the effective definition for this tender: the guide's with the buyer's own
    /// sections and questions added, weights changed, items that are off left out (with the
    /// soft rules that test them), and a hard rule per must-have mark whose reason is
    /// `must_have_reason` with `{question}` filled in. Overrides the guide forbids (see
    /// [`Tuning::can_switch_off`]) and marks on unknown questions are ignored, so a tuning
    /// from another checklist version still applies.
    /// It takes the guide's definition by value (the page parses a fresh one), so no copy of
    /// a whole definition is compiled into the page.
    pub fn apply(&self, guide: Definition, must_have_reason: &Text) -> Definition {
        let mut off: Vec<String> = Vec::new();
        for (item, weight) in self.weights.iter() {
            if *weight == TunedWeight::Off && can_switch_off(&guide, item) {
                off.extend(item_members(&guide, item));
            }
        }
        let mut def = self.with_own_questions(guide);
        for (item, weight) in self.weights.iter() {
            match (weight, def.groups.iter_mut().find(|g| &g.id == item)) {
                (TunedWeight::Class(class), Some(group)) => group.weight = *class,
                (TunedWeight::Class(class), None) => {
                    if let Some(q) = def
                        .questions
                        .iter_mut()
                        .find(|q| &q.id == item && q.group.is_none())
                    {
                        q.weight = *class;
                    }
                }
                (TunedWeight::Off, _) => {}
            }
        }
        def.questions.retain(|q| !off.contains(&q.id));
        def.groups
            .retain(|g| !g.members.iter().any(|m| off.contains(m)));
        def.rules
            .retain(|r| !r.conditions.iter().any(|c| off.contains(&c.question)));
        for question in self.must_haves.iter() {
            let Some(q) = def.question(question) else {
                continue;
            };
            let Some(test) = best_answer_test(&q.kind) else {
                continue;
            };
            let reason = Text(
                must_have_reason
                    .0
                    .iter()
                    .map(|(lang, text)| {
                        (lang.clone(), text.replace("{question}", q.text.text(lang)))
                    })
                    .collect(),
            );
            def.rules.push(Rule {
                id: format!("{MUST_HAVE_RULE_PREFIX}{question}"),
                kind: RuleKind::Hard,
                combine: Combine::AllOf,
                conditions: vec![Condition {
                    question: question.clone(),
                    test,
                }],
                reason,
                line: 0,
            });
        }
        def
    }

    /// Returns the guide's definition with only the buyer's own sections and questions
    /// added: the questions a vendor answers and an import accepts answers to (answers to
    /// items that are off are kept, so switching an item on again loses nothing).
    pub fn with_own_questions(&self, mut def: Definition) -> Definition {
        def.sections.extend(self.sections.iter().map(|s| Section {
            id: s.id.clone(),
            title: one_language(&s.lang, &s.title),
            line: 0,
        }));
        for question in self.own_questions() {
            // After the last question of its section, so questions stay grouped by section.
            let at = def
                .questions
                .iter()
                .rposition(|other| other.section == question.section)
                .map_or(def.questions.len(), |i| i + 1);
            def.questions.insert(at, question);
        }
        def
    }

    /// Returns the buyer's own questions in the definition's form, in the tuning's order.
    pub fn own_questions(&self) -> Vec<Question> {
        let text = one_language;
        self.questions
            .iter()
            .map(|q| Question {
                id: q.id.clone(),
                section: q.section.clone(),
                weight: q.weight,
                group: None,
                visible_if: None,
                guide: String::new(),
                text: text(&q.lang, &q.text),
                help: None,
                ask_for: Vec::new(),
                kind: if q.options.is_empty() {
                    QuestionKind::YesNo
                } else {
                    QuestionKind::Choice {
                        options: q
                            .options
                            .iter()
                            .map(|o| AnswerOption {
                                id: o.id.clone(),
                                credit: o.credit,
                                label: text(&q.lang, &o.label),
                            })
                            .collect(),
                    }
                },
                line: 0,
            })
            .collect()
    }

    /// Returns what a vendor may see: the buyer's own sections and questions, with every
    /// credit 0 and every weight standard, and no weights, marks or anything else.
    pub fn vendor_part(&self) -> Tuning {
        Tuning {
            sections: self.sections.clone(),
            questions: self
                .questions
                .iter()
                .map(|q| OwnQuestion {
                    weight: WeightClass::Standard,
                    options: q
                        .options
                        .iter()
                        .map(|o| OwnOption {
                            credit: 0.0,
                            ..o.clone()
                        })
                        .collect(),
                    ..q.clone()
                })
                .collect(),
            ..Tuning::default()
        }
    }

    /// Lists what differs from the guide's recommendation, in display order: weights (by
    /// the guide's question order), then must-have marks, then own questions.
    pub fn differences(&self, base: &Definition) -> Vec<Difference> {
        let mut list = Vec::new();
        for q in &base.questions {
            let item = q.group.clone().unwrap_or_else(|| q.id.clone());
            let Some(tuned) = self.weights.get(&item) else {
                continue;
            };
            let default = base.effective_weight(q);
            let first =
                q.group.is_none() || base.group(&item).is_some_and(|g| g.members[0] == q.id);
            if first && *tuned != TunedWeight::Class(default) {
                list.push(Difference::Weight {
                    item,
                    default,
                    tuned: *tuned,
                });
            }
        }
        list.extend(self.must_haves.iter().map(|q| Difference::MustHave {
            question: q.clone(),
        }));
        list.extend(self.questions.iter().map(|q| Difference::OwnQuestion {
            question: q.id.clone(),
        }));
        list
    }

    /// Tells whether the buyer may switch an item off: not when a hard rule of the guide
    /// tests one of its questions (the guide's must-haves hold in every tender), and not
    /// when another question's applicability depends on it.
    pub fn can_switch_off(base: &Definition, item: &str) -> bool {
        can_switch_off(base, item)
    }

    /// Returns the scored item a question belongs to: its group's id, or its own.
    pub fn item_of(base: &Definition, question: &str) -> String {
        base.question(question)
            .and_then(|q| q.group.clone())
            .unwrap_or_else(|| question.to_owned())
    }

    /// Sets an item's weight; the guide's own weight removes the override.
    pub fn set_weight(&mut self, base: &Definition, item: &str, weight: TunedWeight) {
        let default = base
            .group(item)
            .map(|g| g.weight)
            .or_else(|| base.question(item).map(|q| q.weight));
        if default.map(TunedWeight::Class) == Some(weight) {
            self.weights.remove(item);
        } else {
            self.weights.insert(item.to_owned(), weight);
        }
    }
}

/// Builds a text in one language, which every other language falls back to.
fn one_language(lang: &str, text: &str) -> Text {
    let mut map = SortedMap::new();
    map.insert(lang.to_owned(), text.to_owned());
    Text(map)
}

fn can_switch_off(base: &Definition, item: &str) -> bool {
    let members = item_members(base, item);
    !members.is_empty()
        && members.iter().all(|m| {
            !base.is_must_have(m)
                && !base
                    .questions
                    .iter()
                    .any(|q| q.visible_if.as_ref().is_some_and(|c| &c.question == m))
        })
}

/// Returns the question ids of a scored item of the guide (none for an unknown id).
fn item_members(base: &Definition, item: &str) -> Vec<String> {
    match base.group(item) {
        Some(group) => group.members.clone(),
        None => base
            .question(item)
            .filter(|q| q.group.is_none())
            .map(|q| vec![q.id.clone()])
            .unwrap_or_default(),
    }
}

/// Returns the test a must-have mark puts on a question: its best answer (full credit for
/// yes/no, the options with the highest credit, or the best number band).
fn best_answer_test(kind: &QuestionKind) -> Option<Test> {
    let best_options = |options: &[AnswerOption]| {
        let top = options.iter().map(|o| o.credit).fold(0.0, f64::max);
        let ids: Vec<String> = options
            .iter()
            .filter(|o| o.credit == top)
            .map(|o| o.id.clone())
            .collect();
        (!ids.is_empty()).then_some(Test::In(ids))
    };
    match kind {
        QuestionKind::YesNo => Some(Test::In(vec!["yes".to_owned()])),
        QuestionKind::Choice { options } | QuestionKind::Multi { options, .. } => {
            best_options(options)
        }
        QuestionKind::Number {
            direction, bands, ..
        } => bands.first().map(|band| match direction {
            BandDirection::AtLeast => Test::AtLeast(band.limit),
            BandDirection::AtMost => Test::AtMost(band.limit),
        }),
    }
}
