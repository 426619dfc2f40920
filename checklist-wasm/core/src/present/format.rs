//! Formatting decisions shared by every part of the page: percentages, points (always shown
//! with a percentage, in the right plural form), verdict badges and whether a score counts,
//! reason texts, and the marks of a question (critical, must-have, should-have).

use crate::definition::{format_number, Definition, Question, RuleKind, WeightClass};
use crate::scoring::{Reason, Totals, Verdict};

use super::Strings;

/// What the presenter reads: the definition, the page language and its UI strings.
#[derive(Clone, Copy)]
pub struct Present<'a> {
    /// The checklist definition.
    pub def: &'a Definition,
    /// The page language.
    pub lang: &'a str,
    /// The page's UI strings.
    pub strings: &'a Strings,
}

/// The colour family of a verdict badge; the badge always shows the verdict's word too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Strong or acceptable.
    Good,
    /// Conditional or provisional: usable with care, or not decided yet.
    Caution,
    /// Insufficient or excluded.
    Bad,
}

impl Tone {
    /// Returns the tone's CSS name.
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Good => "good",
            Tone::Caution => "caution",
            Tone::Bad => "bad",
        }
    }

    /// Returns the CSS class of a chart bar in this tone.
    pub fn bar_class(self) -> &'static str {
        match self {
            Tone::Good => "cl-chart-bar-good",
            Tone::Caution => "cl-chart-bar-caution",
            Tone::Bad => "cl-chart-bar-bad",
        }
    }
}

/// How a verdict is shown: its id, its word, its tone, and whether the score counts.
#[derive(Clone, Debug, PartialEq)]
pub struct VerdictView {
    /// The machine id, as the core serialises it (`strong`, …, `excluded`).
    pub id: &'static str,
    /// The verdict's word in the page language.
    pub text: String,
    /// The badge's colour family.
    pub tone: Tone,
    /// False when a knockout rule excludes the vendor: its score does not count.
    pub counts: bool,
}

/// The marks shown next to a question: critical weight, must-have or should-have.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuestionMarks {
    /// The question (or its group) has the critical weight.
    pub critical: bool,
    /// A hard rule tests the question: failing it excludes the vendor.
    pub must_have: bool,
    /// Only a soft rule tests the question (the buyer may switch it off).
    pub should_have: bool,
}

/// Returns the UI-string key of a verdict's word.
pub fn verdict_key(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Strong => "verdict_strong",
        Verdict::Acceptable => "verdict_acceptable",
        Verdict::Conditional => "verdict_conditional",
        Verdict::Provisional => "verdict_provisional",
        Verdict::Insufficient => "verdict_insufficient",
        Verdict::Excluded => "verdict_excluded",
    }
}

/// Returns the machine id of a reason's kind.
pub fn reason_kind(reason: &Reason) -> &'static str {
    match reason {
        Reason::RuleFailed { .. } => "rule_failed",
        Reason::RuleOpen { .. } => "rule_open",
        Reason::Incomplete { .. } => "incomplete",
        Reason::CriticalZero { .. } => "critical_zero",
    }
}

/// Returns the marks of a question, which say why it matters more than its weight shows.
pub fn question_marks(def: &Definition, question: &Question) -> QuestionMarks {
    let mark = def.rule_mark(&question.id);
    QuestionMarks {
        critical: def.effective_weight(question) == WeightClass::Critical,
        must_have: mark == Some(RuleKind::Hard),
        should_have: mark == Some(RuleKind::Soft),
    }
}

impl Present<'_> {
    /// Formats a value of 0-100 as a whole percentage: "72 %".
    pub fn percent(&self, value: f64) -> String {
        self.strings.fill(
            "percent",
            &[(
                "value",
                &format_number(value.round(), self.strings.decimal_mark()),
            )],
        )
    }

    /// Formats points with at most one decimal, in the page's number format.
    pub fn points(&self, value: f64) -> String {
        format_number((value * 10.0).round() / 10.0, self.strings.decimal_mark())
    }

    /// Formats a score with its points: "72 % (36 of 50 points)", "100 % (1 of 1 point)".
    pub fn score_text(&self, totals: &Totals) -> String {
        let max = (totals.max_points * 10.0).round() / 10.0;
        self.strings.fill_count(
            "score_with_points",
            max,
            &[
                ("percent", &self.percent(totals.score)),
                ("points", &self.points(totals.points)),
                ("max", &self.points(totals.max_points)),
            ],
        )
    }

    /// Formats a question's weight with its points: "Weight: Critical (3 points)".
    pub fn weight_text(&self, question: &Question) -> String {
        let weight = self.def.effective_weight(question);
        let points = self.def.weights.points(weight);
        self.strings.fill_count(
            "weight_points",
            points,
            &[
                ("weight", self.def.weights.get(weight).label.text(self.lang)),
                (
                    "points",
                    &format_number(points, self.strings.decimal_mark()),
                ),
            ],
        )
    }

    /// Describes how a verdict is shown.
    pub fn verdict(&self, verdict: Verdict) -> VerdictView {
        let tone = match verdict {
            Verdict::Strong | Verdict::Acceptable => Tone::Good,
            Verdict::Conditional | Verdict::Provisional => Tone::Caution,
            Verdict::Insufficient | Verdict::Excluded => Tone::Bad,
        };
        VerdictView {
            id: verdict.id(),
            text: self.strings.get(verdict_key(verdict)).to_owned(),
            tone,
            counts: verdict != Verdict::Excluded,
        }
    }

    /// Returns the localized text of a verdict reason.
    pub fn reason_text(&self, reason: &Reason) -> String {
        let (def, lang, s) = (self.def, self.lang, self.strings);
        let rule_text = |id: &str| {
            def.rule(id)
                .map_or(id.to_owned(), |r| r.reason.text(lang).to_owned())
        };
        match reason {
            Reason::RuleFailed { rule } => s.fill("reason_failed", &[("reason", &rule_text(rule))]),
            Reason::RuleOpen { rule } => s.fill("reason_open", &[("reason", &rule_text(rule))]),
            Reason::Incomplete {
                completeness,
                required,
            } => s.fill(
                "reason_incomplete",
                &[
                    ("value", &self.percent(completeness * 100.0)),
                    ("required", &self.percent(required * 100.0)),
                ],
            ),
            Reason::CriticalZero { item } => {
                let text = match def.question(item) {
                    Some(q) => q.text.text(lang).to_owned(),
                    None => def.group(item).map_or(item.clone(), |g| {
                        let texts: Vec<&str> = g
                            .members
                            .iter()
                            .filter_map(|m| def.question(m))
                            .map(|q| q.text.text(lang))
                            .collect();
                        texts.join(" / ")
                    }),
                };
                s.fill("reason_critical_zero", &[("question", &text)])
            }
        }
    }
}
