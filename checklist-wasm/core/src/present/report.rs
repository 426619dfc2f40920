//! View models of the print reports: the one-vendor report lists every question that applies
//! to the vendor, section by section, with the answer, its evidence (until when it is valid,
//! and whether it has expired) and the buyer's note. The comparison report reuses
//! `results::ComparisonView` and `answers_side_by_side`. The binding only builds elements.

use crate::answers::Vendor;
use crate::scoring::{Applicability, VendorScore};

use super::Present;

/// One answered (or unanswered) question of the one-vendor report.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportAnswer {
    /// The question's text.
    pub question: String,
    /// The answer in words, or "Not answered".
    pub answer: String,
    /// "Evidence: …", with the date it is valid until, when recorded.
    pub evidence: Option<String>,
    /// "Note: …", when the buyer wrote one.
    pub note: Option<String>,
    /// "Evidence expired, was valid until …", when scoring flagged it.
    pub expired: Option<String>,
}

/// One section of the one-vendor report.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportSection {
    /// The section's title.
    pub title: String,
    /// The questions of the section that apply to the vendor.
    pub answers: Vec<ReportAnswer>,
}

impl Present<'_> {
    /// Builds the answers part of the one-vendor report: every applicable question.
    pub fn vendor_report(&self, vendor: &Vendor, score: &VendorScore) -> Vec<ReportSection> {
        let s = self.strings;
        self.def
            .sections
            .iter()
            .map(|sec| ReportSection {
                title: sec.title.text(self.lang).to_owned(),
                answers: self
                    .def
                    .questions_in(&sec.id)
                    .filter(|q| {
                        score.questions.iter().any(|x| {
                            x.question == q.id && x.applicability == Applicability::Applicable
                        })
                    })
                    .map(|q| {
                        let answer = vendor.answers.get(&q.id);
                        let evidence = answer.and_then(|a| {
                            let level = self.def.evidence_level(a.evidence.as_deref()?)?;
                            let mut text =
                                format!("{}: {}", s.get("evidence"), level.label.text(self.lang));
                            if let Some(date) = a.valid_until {
                                text = format!("{text} ({}: {date})", s.get("csv_valid_until"));
                            }
                            Some(text)
                        });
                        ReportAnswer {
                            question: q.text.text(self.lang).to_owned(),
                            answer: answer
                                .and_then(|a| {
                                    self.def.answer_label(
                                        q,
                                        &a.value,
                                        self.lang,
                                        self.strings.decimal_mark(),
                                    )
                                })
                                .unwrap_or_else(|| s.get("unanswered").to_owned()),
                            evidence,
                            note: answer
                                .filter(|a| !a.note.is_empty())
                                .map(|a| format!("{}: {}", s.get("note"), a.note)),
                            expired: answer.and_then(|a| self.expired_mark(score, &q.id, a)),
                        }
                    })
                    .collect(),
            })
            .collect()
    }

    /// Words the import prompt: how many vendors the file or link holds, and their names.
    pub fn offer_text(&self, source_key: &str, names: &[&str]) -> String {
        self.strings.fill_count(
            source_key,
            names.len() as f64,
            &[
                ("count", &names.len().to_string()),
                ("names", &names.join(", ")),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::tests::Page;
    use crate::{Answer, AnswerValue};

    #[test]
    fn the_vendor_report_lists_applicable_questions_with_evidence_and_note() {
        let page = Page::new("en");
        let (def, p) = (&page.def, page.present());
        let mut vendor = Vendor::new("v1", "Acme");
        let mut answer = Answer::new(AnswerValue::Verbal(crate::definition::Verbal::Yes));
        answer.note = "EU only".into();
        answer.evidence = def.evidence_levels.last().map(|l| l.id.clone());
        vendor.answers.insert("cert.scope".into(), answer);
        let score = crate::score_vendor(def, &vendor);
        let report = p.vendor_report(&vendor, &score);
        assert_eq!(report.len(), def.sections.len());
        let scope = def.question("cert.scope").expect("scope").text.text("en");
        let item = report
            .iter()
            .flat_map(|s| &s.answers)
            .find(|a| a.question == scope)
            .expect("the answered question is listed");
        assert_eq!(item.answer, "Yes");
        assert_eq!(item.note.as_deref(), Some("Note: EU only"));
        assert!(item
            .evidence
            .as_deref()
            .is_some_and(|e| e.starts_with("Evidence: ")));
        let unanswered = report
            .iter()
            .flat_map(|s| &s.answers)
            .filter(|a| a.answer == "Not answered")
            .count();
        assert!(unanswered > 0);
    }

    #[test]
    fn the_import_prompt_counts_vendors_in_the_right_plural_form() {
        for (lang, one, two) in [
            (
                "en",
                "The file contains 1 vendor: A.",
                "The file contains 2 vendors: A, B.",
            ),
            (
                "de",
                "Die Datei enthält 1 Anbieter: A.",
                "Die Datei enthält 2 Anbieter: A, B.",
            ),
        ] {
            let page = Page::new(lang);
            let p = page.present();
            assert!(p.offer_text("import_offer_file", &["A"]).starts_with(one));
            assert!(p
                .offer_text("import_offer_file", &["A", "B"])
                .starts_with(two));
        }
    }
}
