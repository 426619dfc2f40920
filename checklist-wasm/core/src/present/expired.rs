//! View models of expired evidence: which answers of a vendor carry evidence whose "valid
//! until" date has passed (as flagged by scoring with today's date), listed by question for
//! the live results, counted for the comparison, and marked in words beside the answer in
//! both print reports. Scoring already counts such an answer as the vendor's own statement
//! in confidence; these texts say so, so the flag never rests on colour alone.

use crate::answers::{Answer, Vendor};
use crate::scoring::{Applicability, QuestionScore, VendorScore};

use super::Present;

/// The answers of one vendor whose evidence has expired, for the live results.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpiredView {
    /// The heading: "Expired evidence".
    pub title: String,
    /// What it means for the scores: they count as the vendor's statement until renewed.
    pub hint: String,
    /// One line per answer: the question and the date its evidence was valid until.
    pub items: Vec<String>,
}

/// Whether scoring flagged this question's evidence as expired for a vendor that it applies to.
pub(crate) fn expired(score: &VendorScore, question: &str) -> bool {
    score.questions.iter().any(|x: &QuestionScore| {
        x.question == question && x.evidence_expired && x.applicability == Applicability::Applicable
    })
}

impl Present<'_> {
    /// Lists the vendor's answers with expired evidence, in definition order, or `None` when
    /// there are none (or the score was computed without a date).
    pub fn expired_evidence(&self, vendor: &Vendor, score: &VendorScore) -> Option<ExpiredView> {
        let items: Vec<String> = self
            .def
            .questions
            .iter()
            .filter(|q| expired(score, &q.id))
            .filter_map(|q| {
                let date = vendor.answers.get(&q.id)?.valid_until?;
                Some(self.strings.fill(
                    "expired_item",
                    &[
                        ("question", q.text.text(self.lang)),
                        ("date", &date.to_string()),
                    ],
                ))
            })
            .collect();
        (!items.is_empty()).then(|| ExpiredView {
            title: self.strings.get("expired_title").to_owned(),
            hint: self.strings.get("expired_hint").to_owned(),
            items,
        })
    }

    /// Counts a vendor's answers with expired evidence in words ("2 answers with expired
    /// evidence"), or `None` when there are none.
    pub fn expired_count(&self, score: &VendorScore) -> Option<String> {
        let count = score
            .questions
            .iter()
            .filter(|x| x.evidence_expired && x.applicability == Applicability::Applicable)
            .count();
        (count > 0).then(|| {
            self.strings.fill_count(
                "expired_count",
                count as f64,
                &[("count", &count.to_string())],
            )
        })
    }

    /// Marks an answer whose evidence has expired ("evidence expired, was valid until …"),
    /// or `None` when it has not.
    pub fn expired_mark(
        &self,
        score: &VendorScore,
        question: &str,
        answer: &Answer,
    ) -> Option<String> {
        let date = answer.valid_until.filter(|_| expired(score, question))?;
        Some(
            self.strings
                .fill("expired_mark", &[("date", &date.to_string())]),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Workspace;
    use crate::definition::Verbal;
    use crate::present::tests::{definition, Page};
    use crate::{AnswerValue, Date};

    const TODAY: (u16, u8, u8) = (2026, 6, 15);

    fn day((y, m, d): (u16, u8, u8)) -> Date {
        Date::new(y, m, d).expect("a real day")
    }

    /// A vendor with "Yes" on `cert.scope`, backed by the strongest evidence, valid until `until`.
    fn vendor(until: Option<(u16, u8, u8)>) -> Vendor {
        let def = definition();
        let mut vendor = Vendor::new("v1", "Acme");
        let mut answer = Answer::new(AnswerValue::Verbal(Verbal::Yes));
        answer.evidence = def.evidence_levels.last().map(|l| l.id.clone());
        answer.valid_until = until.map(day);
        vendor.answers.insert("cert.scope".into(), answer);
        vendor
    }

    /// Checks, in one language, what the presenter says about a vendor whose evidence is
    /// valid until `until`, scored on `TODAY`: the results list, the comparison count, the
    /// mark beside the answer in both reports, and that the one-vendor report carries it.
    #[track_caller]
    fn check(
        lang: &str,
        until: Option<(u16, u8, u8)>,
        item: Option<&str>,
        count: Option<&str>,
        mark: Option<&str>,
    ) {
        let page = Page::new(lang);
        let (def, p) = (&page.def, page.present());
        let vendor = vendor(until);
        let score = crate::score_vendor_at(def, &vendor, day(TODAY));
        let view = p.expired_evidence(&vendor, &score);
        assert_eq!(
            view.as_ref().map(|v| v.items.join("|")).as_deref(),
            item,
            "results list"
        );
        assert_eq!(
            p.expired_count(&score).as_deref(),
            count,
            "comparison count"
        );
        let answer = &vendor.answers["cert.scope"];
        assert_eq!(
            p.expired_mark(&score, "cert.scope", answer).as_deref(),
            mark,
            "mark"
        );

        let scope = def.question("cert.scope").expect("scope").text.text(lang);
        let reported = p
            .vendor_report(&vendor, &score)
            .into_iter()
            .flat_map(|s| s.answers)
            .find(|a| a.question == scope)
            .expect("listed in the report");
        assert_eq!(
            reported.expired,
            mark.map(str::to_owned),
            "one-vendor report"
        );

        let workspace = Workspace {
            vendors: vec![vendor.clone()],
            ..Default::default()
        };
        let ranked = crate::compare_at(def, &workspace, day(TODAY));
        let row = p
            .answers_side_by_side(&workspace, &ranked)
            .into_iter()
            .find(|r| r.question == scope)
            .expect("listed side by side");
        assert_eq!(
            row.cells[0].contains(mark.unwrap_or("\u{0}")),
            mark.is_some(),
            "side by side: {}",
            row.cells[0]
        );
        assert_eq!(
            p.comparison(&ranked).vendors[0].expired.as_deref(),
            count,
            "comparison row"
        );
    }

    fn scope(lang: &str) -> String {
        definition()
            .question("cert.scope")
            .expect("scope")
            .text
            .text(lang)
            .to_owned()
    }

    #[test]
    fn expired_evidence_is_named_in_words_in_results_comparison_and_reports() {
        // Expired yesterday.
        check(
            "en",
            Some((2026, 6, 14)),
            Some(&format!(
                "{} (evidence valid until 2026-06-14)",
                scope("en")
            )),
            Some("1 answer with expired evidence"),
            Some("evidence expired, was valid until 2026-06-14"),
        );
        // Valid through today: not expired.
        check("en", Some(TODAY), None, None, None);
        // No date: never expired.
        check("en", None, None, None, None);
        check(
            "de",
            Some((2025, 12, 31)),
            Some(&format!("{} (Nachweis gültig bis 2025-12-31)", scope("de"))),
            Some("1 Antwort mit abgelaufenem Nachweis"),
            Some("Nachweis abgelaufen, gültig bis 2025-12-31"),
        );
        check("de", Some((2027, 1, 1)), None, None, None);
    }

    #[test]
    fn expired_evidence_counts_less_in_confidence_than_valid_evidence() {
        let def = definition();
        let valid = crate::score_vendor_at(&def, &vendor(Some((2027, 1, 1))), day(TODAY));
        let expired = crate::score_vendor_at(&def, &vendor(Some((2026, 1, 1))), day(TODAY));
        assert!(expired.overall.confidence < valid.overall.confidence);
        assert_eq!(expired.overall.score, valid.overall.score);
    }
}
