//! The CSV export for spreadsheets: one summary row per vendor (score, points, completeness,
//! confidence, verdict), then one row per vendor and question (with the buyer's contract condition for it). It owns the layout, the
//! language's conventions (German Excel splits on `;` and reads decimal commas), the UTF-8
//! byte order mark, quoting, and defusing spreadsheet formulas. Column headings and verdict
//! words are UI text: the caller hands them in as [`CsvLabels`], read from the page's i18n
//! strings, so no UI text lives here.

use crate::answers::Workspace;
use crate::date::Date;
use crate::definition::{format_number, Definition};
use crate::scoring::{Applicability, ScoringIndex, Verdict};

/// A byte order mark, so spreadsheet programs read the file as UTF-8.
pub const BYTE_ORDER_MARK: char = '\u{feff}';

/// Column headings and verdict words of the CSV export, in the page's language.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CsvLabels {
    /// Heading of the vendor column.
    pub vendor: String,
    /// Heading of the score column (0-100).
    pub score: String,
    /// Heading of the points-achieved column.
    pub points: String,
    /// Heading of the points-possible column.
    pub max_points: String,
    /// Heading of the completeness column (percent).
    pub completeness: String,
    /// Heading of the confidence column (percent).
    pub confidence: String,
    /// Heading of the verdict column.
    pub verdict: String,
    /// Heading of the section column.
    pub section: String,
    /// Heading of the question-id column.
    pub question_id: String,
    /// Heading of the question column.
    pub question: String,
    /// Heading of the answer column.
    pub answer: String,
    /// Heading of the evidence column.
    pub evidence: String,
    /// Heading of the evidence's valid-until column.
    pub valid_until: String,
    /// Heading of the note column.
    pub note: String,
    /// Heading of the credit column (0-1).
    pub credit: String,
    /// Heading of the weight column.
    pub weight: String,
    /// Heading of the contract-condition column.
    pub condition: String,
    /// Heading of the condition's due-date column.
    pub due: String,
    /// Words for the verdicts, in [`Verdict::rank`] order (strong first, excluded last).
    pub verdicts: [String; 6],
    /// The language's decimal mark (UI string `decimal_mark`), which also picks the separator.
    pub decimal_mark: String,
}

impl CsvLabels {
    /// The i18n keys (in the `[checklist]` table) of the headings, in field order.
    pub const HEADING_KEYS: [&'static str; 18] = [
        "csv_vendor",
        "csv_score",
        "csv_points",
        "csv_max_points",
        "csv_completeness",
        "csv_confidence",
        "csv_verdict",
        "csv_section",
        "csv_question_id",
        "csv_question",
        "csv_answer",
        "csv_evidence",
        "csv_valid_until",
        "csv_note",
        "csv_credit",
        "csv_weight",
        "csv_condition",
        "csv_due",
    ];

    /// The i18n keys of the verdict words, in [`Verdict::rank`] order.
    pub const VERDICT_KEYS: [&'static str; 6] = [
        "verdict_strong",
        "verdict_acceptable",
        "verdict_conditional",
        "verdict_provisional",
        "verdict_insufficient",
        "verdict_excluded",
    ];

    /// Fills the labels by looking each key of [`Self::HEADING_KEYS`] and
    /// [`Self::VERDICT_KEYS`] up in the page's strings.
    pub fn from_lookup(get: impl Fn(&str) -> String) -> CsvLabels {
        let [vendor, score, points, max_points, completeness, confidence, verdict, section, question_id, question, answer, evidence, valid_until, note, credit, weight, condition, due] =
            CsvLabels::HEADING_KEYS.map(&get);
        CsvLabels {
            vendor,
            score,
            points,
            max_points,
            completeness,
            confidence,
            verdict,
            section,
            question_id,
            question,
            answer,
            evidence,
            valid_until,
            note,
            credit,
            weight,
            condition,
            due,
            verdicts: CsvLabels::VERDICT_KEYS.map(&get),
            decimal_mark: get("decimal_mark"),
        }
    }

    fn verdict_word(&self, verdict: Verdict) -> &str {
        &self.verdicts[usize::from(verdict.rank())]
    }
}

/// Returns the field separator spreadsheet programs expect with a decimal mark: `;` where it
/// is a comma (German), `,` otherwise.
pub fn csv_separator(decimal_mark: &str) -> char {
    if decimal_mark == "," {
        ';'
    } else {
        ','
    }
}

/// Writes the CSV export in the chosen language: a byte order mark, one summary row per
/// vendor, an empty line, then one row per vendor and question.
///
/// A question's weight and points appear only on rows that count toward the score (not on
/// hidden questions, and once per group, on the member whose credit the group takes), so the
/// columns add up to each vendor's points and maximum. Pass `today` to check evidence dates.
pub fn export_csv(
    def: &Definition,
    workspace: &Workspace,
    lang: &str,
    labels: &CsvLabels,
    today: Option<Date>,
) -> String {
    let index = match today {
        Some(day) => ScoringIndex::new(def).with_today(day),
        None => ScoringIndex::new(def),
    };
    let scores: Vec<_> = workspace.vendors.iter().map(|v| index.score(v)).collect();
    let mut csv = Csv {
        out: String::from(BYTE_ORDER_MARK),
        separator: csv_separator(&labels.decimal_mark),
    };
    let number = |n: f64| format_number(round(n, 2), &labels.decimal_mark);
    let percent = |n: f64| format_number(round(100.0 * n, 1), &labels.decimal_mark);
    csv.row(&[
        &labels.vendor,
        &labels.score,
        &labels.points,
        &labels.max_points,
        &labels.completeness,
        &labels.confidence,
        &labels.verdict,
    ]);
    for (vendor, score) in workspace.vendors.iter().zip(&scores) {
        let totals = &score.overall;
        csv.row(&[
            &vendor.name,
            &number(totals.score),
            &number(totals.points),
            &number(totals.max_points),
            &percent(totals.completeness),
            &percent(totals.confidence),
            labels.verdict_word(score.verdict),
        ]);
    }
    csv.out.push_str("\r\n");
    csv.row(&[
        &labels.vendor,
        &labels.section,
        &labels.question_id,
        &labels.question,
        &labels.answer,
        &labels.evidence,
        &labels.valid_until,
        &labels.note,
        &labels.credit,
        &labels.weight,
        &labels.points,
        &labels.condition,
        &labels.due,
    ]);
    for (vendor, score) in workspace.vendors.iter().zip(&scores) {
        for (question, result) in def.questions.iter().zip(&score.questions) {
            let answer = vendor.answers.get(&question.id);
            let condition = vendor.conditions.get(&question.id);
            let applies = result.applicability == Applicability::Applicable;
            let answer_text = match answer {
                _ if !applies => def.answer_set.not_applicable.text(lang).to_owned(),
                Some(a) => def
                    .answer_label(question, &a.value, lang, &labels.decimal_mark)
                    .unwrap_or_default(),
                None => String::new(),
            };
            let evidence = answer
                .and_then(|a| a.evidence.as_deref())
                .and_then(|id| def.evidence_level(id))
                .map_or(String::new(), |l| l.label.text(lang).to_owned());
            let valid_until = answer
                .and_then(|a| a.valid_until)
                .map_or(String::new(), |d| d.to_string());
            let credit = if applies && result.answered {
                number(result.credit)
            } else {
                String::new()
            };
            let weight = def.weights.points(def.effective_weight(question));
            let (weight, points) = if result.counted {
                (number(weight), number(weight * result.credit))
            } else {
                (String::new(), String::new())
            };
            csv.row(&[
                &vendor.name,
                def.section(&question.section)
                    .map_or("", |s| s.title.text(lang)),
                &question.id,
                question.text.text(lang),
                &answer_text,
                &evidence,
                &valid_until,
                answer.map_or("", |a| a.note.as_str()),
                &credit,
                &weight,
                &points,
                condition.map_or("", |c| c.text.as_str()),
                &condition
                    .and_then(|c| c.due)
                    .map_or(String::new(), |d| d.to_string()),
            ]);
        }
    }
    csv.out
}

/// Rounds to a number of decimals, so sums print without binary noise (0.30000000000000004).
fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// The file being written, with its separator.
struct Csv {
    out: String,
    separator: char,
}

impl Csv {
    fn row(&mut self, cells: &[&str]) {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.out.push(self.separator);
            }
            self.out.push_str(&csv_cell(cell, self.separator));
        }
        self.out.push_str("\r\n");
    }
}

/// Characters that make a spreadsheet read a cell as a formula (or a command).
const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// Quotes a cell per RFC 4180 for the given separator, and defuses spreadsheet formulas
/// with a leading apostrophe: a cell starting with `=`, `+`, `-`, `@`, a tab or a line
/// break, or with spaces before one of those, is shown as text instead of run.
pub fn csv_cell(value: &str, separator: char) -> String {
    let defused =
        if value.trim_start().starts_with(FORMULA_STARTS) || value.starts_with(FORMULA_STARTS) {
            format!("'{value}")
        } else {
            value.to_owned()
        };
    if defused.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}
