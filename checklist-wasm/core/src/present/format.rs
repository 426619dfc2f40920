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

/// Which way [`Present::byte_size`] rounds: a file's size up and a limit down, so a file just
/// over a limit never reads as the limit itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Round {
    /// Towards the next larger number shown (a file's size).
    Up,
    /// Towards the next smaller number shown (a limit).
    Down,
}

/// How many items [`Present::bounded_list`] names before it only counts the rest.
pub const LIST_SHOWN: usize = 5;

impl Present<'_> {
    /// Formats a size in bytes for people, in KB, MB or GB of 1,024 with at most one decimal
    /// in the page's number format and a non-breaking space before the unit: "8.2 MB",
    /// "8,2 MB", "12 MB".
    pub fn byte_size(&self, bytes: usize, round: Round) -> String {
        const KB: u64 = 1024;
        let bytes = bytes as u64;
        let (unit, name) = if bytes < KB * KB {
            (KB, "KB")
        } else if bytes < KB * KB * KB {
            (KB * KB, "MB")
        } else {
            (KB * KB * KB, "GB")
        };
        let divide = |n: u64, by: u64| match round {
            Round::Up => n.div_ceil(by),
            Round::Down => n / by,
        };
        let tenths = divide(bytes * 10, unit);
        let number = if tenths >= 100 {
            divide(bytes, unit).to_string()
        } else if tenths % 10 == 0 {
            (tenths / 10).to_string()
        } else {
            format!(
                "{}{}{}",
                tenths / 10,
                self.strings.decimal_mark(),
                tenths % 10
            )
        };
        format!("{number}\u{a0}{name}")
    }

    /// Joins `items` with commas, naming at most [`LIST_SHOWN`] of a longer list and counting
    /// the rest ("a, b, c, d, e and 985 more"), so a note stays readable at any length.
    pub fn bounded_list(&self, items: &[&str]) -> String {
        if items.len() <= LIST_SHOWN + 1 {
            return items.join(", ");
        }
        self.strings.fill(
            "list_more",
            &[
                ("list", &items[..LIST_SHOWN].join(", ")),
                ("count", &(items.len() - LIST_SHOWN).to_string()),
            ],
        )
    }

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::tests::Page;

    #[track_caller]
    fn check_size(lang: &str, bytes: usize, round: Round, expected: &str) {
        let page = Page::new(lang);
        assert_eq!(page.present().byte_size(bytes, round), expected);
    }

    #[test]
    fn file_sizes_in_messages_read_as_kb_or_mb_not_as_raw_bytes() {
        // The bug: "This page reads exports of up to 8626380 bytes".
        check_size("en", 8_626_380, Round::Down, "8.2\u{a0}MB");
        check_size("de", 8_626_380, Round::Down, "8,2\u{a0}MB");
        // A size is rounded up and a limit down, so a file just over never reads as the limit.
        check_size("en", 8_626_381, Round::Up, "8.3\u{a0}MB");
        check_size("en", 12 * 1024 * 1024 + 5, Round::Up, "13\u{a0}MB");
        check_size("en", 12 * 1024 * 1024 + 5, Round::Down, "12\u{a0}MB");
        check_size("de", 2 * 1024 * 1024, Round::Up, "2\u{a0}MB");
        check_size("de", 1536, Round::Down, "1,5\u{a0}KB");
        check_size("en", 700_000, Round::Down, "683\u{a0}KB");
        check_size("en", 1, Round::Up, "0.1\u{a0}KB");
        check_size("en", 0, Round::Up, "0\u{a0}KB");
        check_size("en", 3 * 1024 * 1024 * 1024, Round::Down, "3\u{a0}GB");
    }

    #[track_caller]
    fn check_list(lang: &str, count: usize, expected: &str) {
        let page = Page::new(lang);
        let items: Vec<String> = (1..=count).map(|n| format!("q{n}")).collect();
        let items: Vec<&str> = items.iter().map(String::as_str).collect();
        assert_eq!(page.present().bounded_list(&items), expected);
    }

    #[test]
    fn long_lists_of_ids_in_notes_are_bounded() {
        check_list("en", 0, "");
        check_list("en", 1, "q1");
        // Never "and 1 more": six items are named in full.
        check_list("en", 6, "q1, q2, q3, q4, q5, q6");
        check_list("en", 7, "q1, q2, q3, q4, q5 and 2 more");
        check_list("en", 990, "q1, q2, q3, q4, q5 and 985 more");
        check_list("de", 990, "q1, q2, q3, q4, q5 und 985 weitere");
    }
}
