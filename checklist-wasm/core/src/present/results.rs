//! View models of the results: the live results of one vendor (verdict badge, totals with
//! points, reasons, section scores, the one-line summary and the announcement), and the
//! comparison of all vendors (ranked rows, the section table and the section chart). An
//! excluded vendor's score is shown, but marked as not counting, everywhere it appears.
//! Answers with expired evidence are counted per vendor and marked in words side by side.

use crate::answers::Workspace;
use crate::scoring::{Applicability, RankedVendor, Totals, VendorScore};

use super::format::reason_kind;
use super::{Present, VerdictView};

/// One line of the overall totals.
#[derive(Clone, Debug, PartialEq)]
pub struct TotalsLine {
    /// `score`, `completeness` or `confidence`: the element id's suffix and the label's key.
    pub key: &'static str,
    /// The label.
    pub label: String,
    /// The text shown: a percentage, with points for the score.
    pub text: String,
    /// The raw value, for `data-*` attributes (score 0-100, the others 0-1).
    pub raw: f64,
}

/// One reason for a verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct ReasonView {
    /// The reason's kind (`rule_failed`, `rule_open`, `incomplete`, `critical_zero`).
    pub kind: &'static str,
    /// The reason in words.
    pub text: String,
}

/// One section's score of one vendor.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionView {
    /// The section id.
    pub id: String,
    /// The section title.
    pub title: String,
    /// The score 0-100, or `None` when nothing in the section applies.
    pub score: Option<f64>,
    /// The raw score, for `data-score` (0 when nothing applies).
    pub raw: f64,
    /// The score with its points, or "not applicable".
    pub text: String,
    /// The score as a percentage alone, or "–" when nothing applies (for the chart).
    pub percent: String,
    /// The completeness as a percentage.
    pub completeness: String,
}

/// The live results of the vendor being edited.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultsView {
    /// The heading: "Results for Acme".
    pub title: String,
    /// The verdict's label ("Verdict").
    pub verdict_label: String,
    /// The verdict badge.
    pub verdict: VerdictView,
    /// Score, completeness and confidence.
    pub totals: Vec<TotalsLine>,
    /// Points achieved, for `data-points`.
    pub points: f64,
    /// Points possible, for `data-max-points`.
    pub max_points: f64,
    /// Said next to the score of an excluded vendor: it does not count.
    pub not_counting: Option<String>,
    /// The reasons' heading.
    pub reasons_title: String,
    /// Why the verdict is what it is.
    pub reasons: Vec<ReasonView>,
    /// The section table's caption.
    pub sections_caption: String,
    /// The section table's column heads.
    pub section_heads: [String; 3],
    /// Scores by section.
    pub sections: Vec<SectionView>,
    /// The one-line summary for the sticky bar.
    pub summary: String,
    /// The link text of the sticky bar to the results.
    pub summary_link: String,
    /// The text announced politely when the score changes.
    pub announce: String,
}

impl Present<'_> {
    /// Builds the section views of a score, in definition order.
    fn section_views(&self, score: &VendorScore) -> Vec<SectionView> {
        score
            .sections
            .iter()
            .map(|sec| {
                let title = self
                    .def
                    .section(&sec.section)
                    .map_or(sec.section.clone(), |x| x.title.text(self.lang).to_owned());
                let applies = sec.totals.max_points > 0.0;
                SectionView {
                    id: sec.section.clone(),
                    title,
                    score: applies.then_some(sec.totals.score),
                    raw: sec.totals.score,
                    text: if applies {
                        self.score_text(&sec.totals)
                    } else {
                        // Every question of the section is hidden by a condition.
                        self.def
                            .answer_set
                            .not_applicable
                            .text(self.lang)
                            .to_owned()
                    },
                    percent: if applies {
                        self.percent(sec.totals.score)
                    } else {
                        "–".to_owned()
                    },
                    completeness: self.percent(sec.totals.completeness * 100.0),
                }
            })
            .collect()
    }

    /// Says that an excluded vendor's score does not count, or nothing for others.
    pub fn not_counting(&self, verdict: &VerdictView) -> Option<String> {
        (!verdict.counts).then(|| self.strings.get("score_not_counting").to_owned())
    }

    /// Builds the live results of one vendor.
    pub fn results(&self, name: &str, score: &VendorScore) -> ResultsView {
        let s = self.strings;
        let o: &Totals = &score.overall;
        let verdict = self.verdict(score.verdict);
        let score_text = self.score_text(o);
        let completeness = self.percent(o.completeness * 100.0);
        let line = |key: &'static str, text: String, raw: f64| TotalsLine {
            key,
            label: s.get(key).to_owned(),
            text,
            raw,
        };
        ResultsView {
            title: s.fill("results_for", &[("name", name)]),
            verdict_label: s.get("verdict").to_owned(),
            totals: vec![
                line("score", score_text.clone(), o.score),
                line("completeness", completeness.clone(), o.completeness),
                line(
                    "confidence",
                    self.percent(o.confidence * 100.0),
                    o.confidence,
                ),
            ],
            points: o.points,
            max_points: o.max_points,
            not_counting: self.not_counting(&verdict),
            reasons_title: s.get("reasons_title").to_owned(),
            reasons: score
                .reasons
                .iter()
                .map(|r| ReasonView {
                    kind: reason_kind(r),
                    text: self.reason_text(r),
                })
                .collect(),
            sections_caption: s.get("section_scores").to_owned(),
            section_heads: [
                s.get("section").to_owned(),
                s.get("score").to_owned(),
                s.get("completeness").to_owned(),
            ],
            sections: self.section_views(score),
            summary: s.fill(
                "summary",
                &[
                    ("name", name),
                    ("score", &score_text),
                    ("completeness", &completeness),
                ],
            ),
            summary_link: s.get("summary_details").to_owned(),
            announce: s.fill(
                "announce",
                &[
                    ("name", name),
                    ("score", &score_text),
                    ("completeness", &completeness),
                    ("verdict", &verdict.text),
                ],
            ),
            verdict,
        }
    }
}

/// The UI string keys of the ranked comparison's column heads, in column order, shared by
/// the comparison on screen and the printed comparison report.
pub const RANKING_COLUMN_KEYS: [&str; 6] = [
    "rank",
    "vendor_name",
    "verdict",
    "score",
    "completeness",
    "confidence",
];

/// One vendor's row of the comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparedVendor {
    /// The vendor id.
    pub id: String,
    /// The vendor's name.
    pub name: String,
    /// The rank, 1 for the best.
    pub rank: usize,
    /// The verdict badge.
    pub verdict: VerdictView,
    /// The overall score, 0-100, for `data-score`.
    pub raw_score: f64,
    /// The score with its points (and, when excluded, that it does not count).
    pub score: String,
    /// The completeness as a percentage.
    pub completeness: String,
    /// The confidence as a percentage.
    pub confidence: String,
    /// How many answers carry expired evidence, in words, when any do.
    pub expired: Option<String>,
    /// The vendor's section scores, in definition order.
    pub sections: Vec<SectionView>,
    /// The reasons for the verdict.
    pub reasons: Vec<ReasonView>,
}

/// The comparison of all vendors, best first.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonView {
    /// The vendors, ranked.
    pub vendors: Vec<ComparedVendor>,
    /// The sections, in definition order: id and title.
    pub sections: Vec<(String, String)>,
}

impl Present<'_> {
    /// Builds the comparison of the ranked vendors.
    pub fn comparison(&self, ranked: &[RankedVendor]) -> ComparisonView {
        let vendors = ranked
            .iter()
            .map(|r| {
                let o = &r.score.overall;
                let verdict = self.verdict(r.score.verdict);
                let mut score = self.score_text(o);
                if let Some(note) = self.not_counting(&verdict) {
                    score = format!("{score} – {note}");
                }
                ComparedVendor {
                    id: r.score.vendor.clone(),
                    name: r.name.clone(),
                    rank: r.rank,
                    raw_score: o.score,
                    score,
                    completeness: self.percent(o.completeness * 100.0),
                    confidence: self.percent(o.confidence * 100.0),
                    expired: self.expired_count(&r.score),
                    sections: self.section_views(&r.score),
                    reasons: r
                        .score
                        .reasons
                        .iter()
                        .map(|x| ReasonView {
                            kind: reason_kind(x),
                            text: self.reason_text(x),
                        })
                        .collect(),
                    verdict,
                }
            })
            .collect();
        let sections = self
            .def
            .sections
            .iter()
            .map(|s| (s.id.clone(), s.title.text(self.lang).to_owned()))
            .collect();
        ComparisonView { vendors, sections }
    }

    /// Builds the answers of every vendor side by side, for the comparison report: one row
    /// per question that applies to at least one vendor, one cell per ranked vendor.
    pub fn answers_side_by_side(
        &self,
        workspace: &Workspace,
        ranked: &[RankedVendor],
    ) -> Vec<AnswerRow> {
        let mut rows = Vec::new();
        for q in &self.def.questions {
            let mut any = false;
            let cells = ranked
                .iter()
                .map(|r| {
                    let applies = r.score.questions.iter().any(|x| {
                        x.question == q.id && x.applicability == Applicability::Applicable
                    });
                    any |= applies;
                    if !applies {
                        return self
                            .def
                            .answer_set
                            .not_applicable
                            .text(self.lang)
                            .to_owned();
                    }
                    let answer = workspace
                        .vendor(&r.score.vendor)
                        .and_then(|v| v.answers.get(&q.id));
                    let mut text = answer
                        .and_then(|a| {
                            self.def.answer_label(
                                q,
                                &a.value,
                                self.lang,
                                self.strings.decimal_mark(),
                            )
                        })
                        .unwrap_or_else(|| self.strings.get("unanswered").to_owned());
                    if let Some(mark) = answer.and_then(|a| self.expired_mark(&r.score, &q.id, a)) {
                        text = format!("{text} – {mark}");
                    }
                    if let Some(note) = answer.map(|a| a.note.trim()).filter(|n| !n.is_empty()) {
                        text = format!("{text} ({note})");
                    }
                    text
                })
                .collect();
            if any {
                rows.push(AnswerRow {
                    section: q.section.clone(),
                    question: q.text.text(self.lang).to_owned(),
                    cells,
                });
            }
        }
        rows
    }
}

/// One question's answers of every vendor, for the comparison report.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerRow {
    /// The question's section id.
    pub section: String,
    /// The question's text.
    pub question: String,
    /// One answer text per ranked vendor.
    pub cells: Vec<String>,
}
