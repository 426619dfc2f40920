//! Texts of vendor responses: what an import of response files took over and what not, a
//! vendor's statement and its evidence in words, where a vendor's answers came from, and
//! how far the buyer reviewed them. Free text (comments, evidence, file names) stays exactly
//! as the vendor wrote it; only labels come from the page's language, so a German buyer
//! reads an English vendor's answers with German labels. The binding builds the elements.

use super::Present;
use crate::answers::AnswerValue;
use crate::definition::{format_number, Question, QuestionKind};
use crate::response::{Origin, ResponseImport, Review, Statement};

/// The `[checklist]` UI strings of response mode, response import and review; part of
/// [`super::ui_keys`].
pub const RESPONSE_KEYS: &[&str] = &[
    "respond_title",
    "respond_intro",
    "respond_questions_damaged",
    "respond_company",
    "respond_contact",
    "respond_document",
    "respond_evidence_link",
    "respond_period",
    "respond_certificate",
    "respond_comment",
    "respond_ask_for",
    "respond_progress",
    "respond_send_title",
    "respond_digest_note",
    "respond_export",
    "respond_company_needed",
    "respond_exported",
    "respond_not_saved",
    "respond_merged",
    "respond_link_create",
    "respond_link",
    "respond_link_hint",
    "import_offer_digest_one",
    "import_offer_digest_other",
    "response_file_error",
    "response_unmapped_one",
    "response_unmapped_other",
    "response_older",
    "filter_not_reviewed",
    "filter_changed",
    "review_title",
    "review_vendor",
    "review_yours",
    "review_answer",
    "review_evidence",
    "review_comment",
    "review_from",
    "review_digest_warning",
    "review_not_reviewed",
    "review_accepted",
    "review_changed",
    "review_accept",
    "review_restore",
    "review_override_hint",
];

impl Present<'_> {
    /// Says which answers of an imported response file were not taken over, or that a file
    /// for another checklist version mapped completely; empty for a file that fits as it is.
    pub fn mapping_note(&self, file: &str, import: &ResponseImport) -> String {
        let mapping = &import.mapping;
        let version = import
            .response
            .checklist
            .split_once('@')
            .map_or("", |(_, v)| v);
        let values = |list: &str, count: &str| {
            [
                ("file", file.to_owned()),
                ("version", version.to_owned()),
                ("list", list.to_owned()),
                ("count", count.to_owned()),
            ]
        };
        if mapping.unmapped.is_empty() {
            if mapping.same_version {
                return String::new();
            }
            let values = values("", "0");
            let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
            return self.strings.fill("response_older", &pairs);
        }
        let list: Vec<&str> = mapping
            .unmapped
            .iter()
            .map(|u| u.question.as_str())
            .collect();
        let count = list.len();
        let values = values(&list.join(", "), &count.to_string());
        let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.strings
            .fill_count("response_unmapped", count as f64, &pairs)
    }

    /// Writes an answer value in the page's language (a number with its unit), or "Not
    /// answered".
    pub fn value_text(&self, question: &Question, value: &AnswerValue) -> String {
        match (value, &question.kind) {
            (AnswerValue::Number(n), QuestionKind::Number { unit, .. }) => {
                format!(
                    "{} {}",
                    format_number(*n, self.strings.decimal_mark()),
                    unit.text(self.lang)
                )
            }
            (value, _) => self
                .def
                .answer_label(question, value, self.lang, self.strings.decimal_mark())
                .unwrap_or_else(|| self.strings.get("unanswered").to_owned()),
        }
    }

    /// Lists a statement's evidence in one line (document · link · period · certificate ·
    /// valid until), each text as the vendor wrote it.
    pub fn evidence_text(&self, statement: &Statement) -> String {
        let e = &statement.evidence;
        let expires = e
            .expires
            .map(|day| format!("{}: {day}", self.strings.get("valid_until")));
        [&e.document, &e.link, &e.period, &e.certificate]
            .into_iter()
            .filter(|t| !t.is_empty())
            .cloned()
            .chain(expires)
            .collect::<Vec<String>>()
            .join(" · ")
    }

    /// Says where a vendor's answers came from, with a warning when the digest did not match.
    pub fn origin_text(&self, origin: &Origin) -> String {
        let from = self.strings.fill(
            "review_from",
            &[
                ("file", &origin.file),
                ("created", &origin.created.to_string()),
                ("imported", &origin.imported.to_string()),
                ("digest", &origin.digest),
            ],
        );
        if origin.digest_matched {
            from
        } else {
            format!("{from} {}", self.strings.get("review_digest_warning"))
        }
    }

    /// Names how far the buyer reviewed an answer; empty without a statement.
    pub fn review_text(&self, review: Review) -> &str {
        match review {
            Review::NoStatement => "",
            Review::NotReviewed => self.strings.get("review_not_reviewed"),
            Review::Accepted => self.strings.get("review_accepted"),
            Review::Changed => self.strings.get("review_changed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::tests::Page;
    use crate::response::{import_response, write_response, Response};
    use crate::Date;

    #[test]
    fn response_texts_keep_the_vendors_words_and_use_the_pages_labels() {
        let page = Page::new("de");
        let (def, p) = (&page.def, page.present());
        let q = def
            .questions
            .iter()
            .find(|q| q.kind == QuestionKind::YesNo)
            .expect("a yes/no question");
        let mut response = Response::new(def, "en", Date::new(2026, 11, 30).unwrap());
        response.company = "Acme".to_owned();
        let mut statement = Statement::new(AnswerValue::Verbal(crate::definition::Verbal::Yes));
        statement.comment = "<b>see report</b>".to_owned();
        statement.evidence.document = "SOC 2 Type II".to_owned();
        statement.evidence.expires = Some(Date::new(2027, 3, 31).unwrap());
        response.answers.insert(q.id.clone(), statement.clone());
        assert_eq!(p.value_text(q, &statement.value), "Ja");
        assert_eq!(
            p.evidence_text(&statement),
            "SOC 2 Type II · Nachweis gültig bis: 2027-03-31"
        );
        let mut older = response.clone();
        older.checklist = format!("{}@0.9", def.meta.id);
        older.answers.insert(
            "gone.question".to_owned(),
            Statement::new(AnswerValue::Verbal(crate::definition::Verbal::No)),
        );
        let import = import_response(def, &write_response(&older)).unwrap();
        assert_eq!(
            p.mapping_note("alt.json", &import),
            "alt.json beantwortet die Checklisten-Version 0.9; 1 Antwort konnte nicht übernommen werden: gone.question."
        );
        let same = import_response(def, &write_response(&response)).unwrap();
        assert_eq!(p.mapping_note("neu.json", &same), "");
        assert_eq!(p.review_text(Review::Accepted), "Übernommen.");
    }
}
