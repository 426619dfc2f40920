//! The checklist definition as an in-memory model: sections, questions, answer options,
//! score groups, knockout rules, evidence levels and verdict bands, every text in every
//! language. It owns the types and their look-ups; their JSON form is `definition_json`,
//! reading and validating the TOML source is left to `source`, and turning answers into
//! numbers is left to `scoring`. The model knows nothing of answers: the labels of answer
//! values are `answers`' (which depends on this module, never the other way round).

use crate::sorted::SortedMap;
use crate::string_id::string_ids;

/// A whole checklist: what to ask, how to score it and which rules must hold.
#[derive(Clone, Debug, PartialEq)]
pub struct Definition {
    /// Identity, version and languages of the checklist.
    pub meta: Meta,
    /// Points and labels of the three weight classes.
    pub weights: Weights,
    /// Thresholds that turn a score into a verdict band.
    pub verdict: VerdictBands,
    /// Credits and labels of the yes/partial/no/unknown answer set.
    pub answer_set: AnswerSet,
    /// Evidence levels in display order, weakest first.
    pub evidence_levels: Vec<EvidenceLevel>,
    /// Sections in display order.
    pub sections: Vec<Section>,
    /// Questions in display order (grouped by section in the source).
    pub questions: Vec<Question>,
    /// Groups of alternative questions that score as their best member.
    pub groups: Vec<Group>,
    /// Knockout (must-have) rules.
    pub rules: Vec<Rule>,
}

/// Identity and languages of a checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    /// Stable identifier, written into every export.
    pub id: String,
    /// Version of the definition, written into every export.
    pub version: String,
    /// Languages every text must have, the first one being the fallback.
    pub languages: Vec<String>,
    /// Title of the checklist.
    pub title: Text,
}

/// A text in every language of the checklist, keyed by language code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text(pub SortedMap<String>);

impl Text {
    /// Returns the text in `lang`, or in the first language it has when `lang` is missing.
    /// No language is preferred: every text of a checked definition has every language of
    /// `meta.languages`, and the site checks that those include its own, so only a text
    /// written in one language (by the buyer) falls back.
    pub fn text(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }
}

/// The three weight classes of the method (minor 1, standard 2, critical 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum WeightClass {
    /// Nice to have.
    Minor,
    /// Normal importance.
    Standard,
    /// Essential; a zero answer caps the verdict.
    Critical,
}

string_ids!(WeightClass {
    Minor = "minor",
    Standard = "standard",
    Critical = "critical",
});

/// Points and labels of the weight classes.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    /// The minor class.
    pub minor: WeightInfo,
    /// The standard class.
    pub standard: WeightInfo,
    /// The critical class.
    pub critical: WeightInfo,
}

impl Weights {
    /// Returns the points and label of a weight class.
    pub fn get(&self, class: WeightClass) -> &WeightInfo {
        match class {
            WeightClass::Minor => &self.minor,
            WeightClass::Standard => &self.standard,
            WeightClass::Critical => &self.critical,
        }
    }

    /// Returns the points of a weight class.
    pub fn points(&self, class: WeightClass) -> f64 {
        self.get(class).points
    }
}

/// Points and label of one weight class.
#[derive(Clone, Debug, PartialEq)]
pub struct WeightInfo {
    /// Weight w in the score formula.
    pub points: f64,
    /// Label shown next to a question.
    pub label: Text,
}

/// Thresholds of the verdict bands on the 0-100 score, plus the completeness floor.
#[derive(Clone, Debug, PartialEq)]
pub struct VerdictBands {
    /// Lowest score that is "strong".
    pub strong: f64,
    /// Lowest score that is "acceptable".
    pub acceptable: f64,
    /// Lowest score that is "conditional".
    pub conditional: f64,
    /// Completeness (0-1) below which a verdict stays provisional.
    pub min_completeness: f64,
}

/// One of the four answers of a yes/no question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbal {
    /// Fully in place.
    Yes,
    /// Partly in place.
    Partial,
    /// Not in place.
    No,
    /// The buyer does not know (scored 0, not counted as answered).
    Unknown,
}

string_ids!(Verbal {
    Yes = "yes",
    Partial = "partial",
    No = "no",
    Unknown = "unknown",
});

/// Credits and labels of the yes/partial/no/unknown answers.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerSet {
    /// The "yes" answer.
    pub yes: AnswerChoice,
    /// The "partial" answer.
    pub partial: AnswerChoice,
    /// The "no" answer.
    pub no: AnswerChoice,
    /// The "unknown" answer (credit must be 0).
    pub unknown: AnswerChoice,
    /// Label for a question hidden by a condition.
    pub not_applicable: Text,
}

impl AnswerSet {
    /// Returns the credit and label of one answer.
    pub fn get(&self, answer: Verbal) -> &AnswerChoice {
        match answer {
            Verbal::Yes => &self.yes,
            Verbal::Partial => &self.partial,
            Verbal::No => &self.no,
            Verbal::Unknown => &self.unknown,
        }
    }
}

/// Credit and label of one yes/partial/no/unknown answer.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerChoice {
    /// Credit c in [0, 1].
    pub credit: f64,
    /// Label shown on the button.
    pub label: Text,
}

/// How an answer is backed, and the confidence factor that gives.
#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceLevel {
    /// Identifier stored with each answer.
    pub id: String,
    /// Factor e in [0, 1] used for confidence.
    pub factor: f64,
    /// Label shown to the buyer.
    pub label: Text,
}

/// A section of the checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Identifier referenced by questions and groups.
    pub id: String,
    /// Heading of the section.
    pub title: Text,
    /// Line of the section in the TOML source (0 when loaded from JSON).
    pub line: usize,
}

/// One question of the checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// Identifier, stable across versions because answers are stored under it.
    pub id: String,
    /// Section the question belongs to.
    pub section: String,
    /// Weight class; a group member takes its group's weight instead.
    pub weight: WeightClass,
    /// Score group the question is an alternative in, if any.
    pub group: Option<String>,
    /// Condition on an earlier question that makes this one applicable.
    pub visible_if: Option<Condition>,
    /// Link to the guide section that explains the question, as `page.md#heading`.
    pub guide: String,
    /// The question itself.
    pub text: Text,
    /// Optional help text shown below the question.
    pub help: Option<Text>,
    /// Documents the buyer should ask the vendor for.
    pub ask_for: Vec<Text>,
    /// The answer format and how it is scored.
    pub kind: QuestionKind,
    /// Line of the question in the TOML source (0 when loaded from JSON).
    pub line: usize,
}

/// The answer format of a question and its credits.
#[derive(Clone, Debug, PartialEq)]
pub enum QuestionKind {
    /// Yes / partial / no / unknown, scored by the answer set.
    YesNo,
    /// Exactly one option.
    Choice {
        /// The options in display order.
        options: Vec<AnswerOption>,
    },
    /// Any number of options.
    Multi {
        /// The options in display order.
        options: Vec<AnswerOption>,
        /// How the selected options' credits combine.
        scoring: MultiScoring,
    },
    /// A number mapped to a credit through bands.
    Number {
        /// Unit shown after the input field.
        unit: Text,
        /// Smallest accepted value.
        min: f64,
        /// Largest accepted value.
        max: f64,
        /// Whether bands are lower bounds ("at least") or upper bounds ("at most").
        direction: BandDirection,
        /// Bands from best to worst; a value in none of them earns 0.
        bands: Vec<Band>,
    },
}

/// One option of a choice or multi-choice question.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerOption {
    /// Identifier stored in answers and used in conditions.
    pub id: String,
    /// Credit c in [0, 1] for choosing it.
    pub credit: f64,
    /// Label shown to the buyer.
    pub label: Text,
}

/// How a multi-choice question combines the credits of the selected options.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MultiScoring {
    /// Full credit of the best selected option.
    Any,
    /// Sum of the selected options' credits, capped at 1.
    Sum,
}

string_ids!(MultiScoring {
    Any = "any",
    Sum = "sum",
});

/// Whether number bands are lower or upper bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BandDirection {
    /// Higher is better: a band applies when the value is at least its limit.
    AtLeast,
    /// Lower is better: a band applies when the value is at most its limit.
    AtMost,
}

string_ids!(BandDirection {
    AtLeast = "at_least",
    AtMost = "at_most",
});

/// One band of a number question.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// The bound of the band.
    pub limit: f64,
    /// Credit for a value within the band.
    pub credit: f64,
}

/// A test on another question's answer, used by `visible_if` and by rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// The question whose answer is tested.
    pub question: String,
    /// The test applied to it.
    pub test: Test,
}

/// The test of a condition.
#[derive(Clone, Debug, PartialEq)]
pub enum Test {
    /// The answer (or, for multi-choice, any selected option) is one of these ids.
    In(Vec<String>),
    /// The answer (or, for multi-choice, every selected option) is none of these ids.
    NotIn(Vec<String>),
    /// The number is at least this value.
    AtLeast(f64),
    /// The number is at most this value.
    AtMost(f64),
}

/// A group of alternative questions; it scores once, as its best member.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Identifier referenced by member questions.
    pub id: String,
    /// Section the group (and all its members) belongs to.
    pub section: String,
    /// Weight class of the group as a whole.
    pub weight: WeightClass,
    /// Member question ids, in display order.
    pub members: Vec<String>,
    /// Line of the group in the TOML source (0 when loaded from JSON).
    pub line: usize,
}

/// Whether a rule can be switched off by the buyer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleKind {
    /// From the guide or the law; always active.
    Hard,
    /// A recommendation the buyer may switch off per vendor.
    Soft,
}

string_ids!(RuleKind {
    Hard = "hard",
    Soft = "soft",
});

/// How the conditions of a rule combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Combine {
    /// The rule passes when any condition holds.
    AnyOf,
    /// The rule passes when every condition holds.
    AllOf,
}

string_ids!(Combine {
    AnyOf = "any_of",
    AllOf = "all_of",
});

/// A knockout (must-have) rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    /// Identifier used in results and per-vendor switches.
    pub id: String,
    /// Hard (always on) or soft (buyer may switch off).
    pub kind: RuleKind,
    /// How the conditions combine.
    pub combine: Combine,
    /// The conditions.
    pub conditions: Vec<Condition>,
    /// Why the rule matters, shown when it fails or is open.
    pub reason: Text,
    /// Line of the rule in the TOML source (0 when loaded from JSON).
    pub line: usize,
}

impl Definition {
    /// Returns `"<id>@<version>"`, the checklist reference written into exports.
    pub fn reference(&self) -> String {
        format!("{}@{}", self.meta.id, self.meta.version)
    }

    /// Finds a section by id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Finds a question by id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Finds a group by id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// Finds a rule by id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Finds an evidence level by id.
    pub fn evidence_level(&self, id: &str) -> Option<&EvidenceLevel> {
        self.evidence_levels.iter().find(|e| e.id == id)
    }

    /// Iterates the questions of one section in display order.
    pub fn questions_in<'a>(&'a self, section: &'a str) -> impl Iterator<Item = &'a Question> + 'a {
        self.questions.iter().filter(move |q| q.section == section)
    }

    /// Returns the weight class that counts for a question: its group's, if it has one.
    pub fn effective_weight(&self, question: &Question) -> WeightClass {
        question
            .group
            .as_deref()
            .and_then(|g| self.group(g))
            .map_or(question.weight, |g| g.weight)
    }

    /// Tells whether a hard rule tests the question.
    pub fn is_must_have(&self, question: &str) -> bool {
        self.rule_mark(question) == Some(RuleKind::Hard)
    }

    /// Returns the kind of the strongest rule that tests a question: `Hard` makes it a
    /// must-have, `Soft` (only soft rules test it) a should-have, `None` an ordinary question.
    /// The one place that decides "must-have vs should-have" for the page, the view and
    /// the printable form.
    pub fn rule_mark(&self, question: &str) -> Option<RuleKind> {
        let kinds = self
            .rules
            .iter()
            .filter(|r| r.conditions.iter().any(|c| c.question == question))
            .map(|r| r.kind);
        kinds.min_by_key(|kind| *kind != RuleKind::Hard)
    }
}

/// Formats a number for display with the page language's decimal mark (its `[checklist]` UI
/// string `decimal_mark`, see [`crate::present::Strings::decimal_mark`]).
pub fn format_number(value: f64, decimal_mark: &str) -> String {
    crate::decimal::format(value).replace('.', decimal_mark)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(entries: &[(&str, &str)], lang: &str, expected: &str) {
        let mut text = Text::default();
        for (code, value) in entries {
            text.0.insert((*code).to_owned(), (*value).to_owned());
        }
        assert_eq!(text.text(lang), expected);
    }

    #[test]
    fn text_fallback_assumed_english() {
        check(&[("de", "Frage"), ("en", "Question")], "de", "Frage");
        check(&[("de", "Frage"), ("en", "Question")], "en", "Question");
        // No language is preferred: the first one the text has (it was English before).
        check(&[("de", "Frage"), ("en", "Question")], "fr", "Frage");
        check(&[("fr", "Question ?")], "de", "Question ?");
        check(&[], "de", "");
    }
}
