//! Texts of vendor responses: what an import of response files took over and what not, a
//! vendor's statement and its evidence in words, where a vendor's answers came from, and
//! how far the buyer reviewed them. Free text (comments, evidence, file names) stays exactly
//! as the vendor wrote it; only labels come from the page's language, so a German buyer
//! reads an English vendor's answers with German labels. The binding builds the elements.

use super::{Present, Round};
use crate::answers::AnswerValue;
use crate::definition::{format_number, Question, QuestionKind};
use crate::exchange::{ImportError, MAX_ANSWERS};
use crate::json::MAX_DEPTH;
use crate::response::{max_response_bytes, Origin, ResponseImport, Review, Statement};

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
    "response_damaged",
    "response_too_deep",
    "response_too_many",
    "response_too_large",
    "response_file_too_large",
    "response_unknown",
    "import_another_export",
    "import_export_after_digest",
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
    /// Explains in plain words why a file picked for import (a vendor's response file or an
    /// export of this page) was refused: damaged, nested too deeply, too many answers or too
    /// large, with the limit. Call it on the presenter of the questions the vendors were
    /// asked: a `TooLarge` at that checklist's response limit names the file a response file;
    /// any other size limit is the largest export the page reads, and the text names both. Other refusals are
    /// [`Present::import_error`]'s.
    pub fn response_file_error(&self, error: &ImportError) -> String {
        let s = self.strings;
        match error {
            ImportError::Malformed(_) => s.get("response_damaged").to_owned(),
            ImportError::WrongFormat(_) => s.get("response_unknown").to_owned(),
            ImportError::TooDeep => s.fill("response_too_deep", &[("max", &MAX_DEPTH.to_string())]),
            ImportError::TooManyAnswers(count) => s.fill(
                "response_too_many",
                &[
                    ("count", &count.to_string()),
                    ("max", &MAX_ANSWERS.to_string()),
                ],
            ),
            ImportError::TooLarge { size, limit } => {
                let response_limit = max_response_bytes(self.def);
                let key = if *limit == response_limit {
                    "response_too_large"
                } else {
                    "response_file_too_large"
                };
                s.fill(
                    key,
                    &[
                        ("size", &self.byte_size(*size, Round::Up)),
                        ("max", &self.byte_size(*limit, Round::Down)),
                        ("response_max", &self.byte_size(response_limit, Round::Down)),
                    ],
                )
            }
            other => self.import_error(other),
        }
    }

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
        let values = values(&self.bounded_list(&list), &count.to_string());
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

    /// A response file for `def`'s checklist with `extra` answers to questions it lacks.
    fn response_file(def: &crate::definition::Definition, extra: usize) -> String {
        let mut response = Response::new(def, "en", Date::new(2026, 11, 30).unwrap());
        response.company = "Acme".to_owned();
        response.checklist = format!("{}@0.9", def.meta.id);
        for n in 0..extra {
            response.answers.insert(
                format!("gone.q{n:04}"),
                Statement::new(AnswerValue::Verbal(crate::definition::Verbal::No)),
            );
        }
        write_response(&response)
    }

    #[track_caller]
    fn check_refusal(lang: &str, input: &str, expected: &str) {
        let page = Page::new(lang);
        let error = import_response(&page.def, input).expect_err("refused");
        assert_eq!(page.present().response_file_error(&error), expected);
    }

    #[test]
    fn refused_response_files_are_not_called_checklist_exports() {
        // The bug: every one of these read "This file is not a checklist export from this
        // page. Choose a file exported here.", and a large one gave its size in raw bytes.
        let page = Page::new("en");
        let file = response_file(&page.def, 0);
        let damaged = &file[..file.len() / 2];
        let deep = format!(
            "{{\"format\":\"cc-vendor-response\",\"x\":{}{}}}",
            "[".repeat(40),
            "]".repeat(40)
        );
        let many = response_file(&page.def, MAX_ANSWERS + 1);
        let limit = max_response_bytes(&page.def);
        let large = format!("{}{file}", " ".repeat(limit));
        let size = page.present().byte_size(large.len(), Round::Up);
        let max = page.present().byte_size(limit, Round::Down);
        let other = r#"{"format":"something-else","version":1}"#;
        for (lang, input, expected) in [
            ("en", damaged, "This file is damaged and cannot be read as a vendor’s response file or as an export of this page. If a vendor sent it, ask them to export it again. Your data is unchanged.".to_owned()),
            ("de", damaged, "Diese Datei ist beschädigt und lässt sich weder als Antwortdatei eines Anbieters noch als Export dieser Seite lesen. Wenn ein Anbieter sie geschickt hat, bitten Sie ihn, sie erneut zu exportieren. Ihre Daten sind unverändert.".to_owned()),
            ("en", &deep, "This file is nested too deeply (more than 32 levels) to be a vendor’s response file or an export of this page, so it cannot be read. Your data is unchanged.".to_owned()),
            ("de", &deep, "Diese Datei ist zu tief verschachtelt (mehr als 32 Ebenen), um eine Antwortdatei eines Anbieters oder ein Export dieser Seite zu sein, und kann daher nicht gelesen werden. Ihre Daten sind unverändert.".to_owned()),
            ("en", &many, "This vendor’s response file has too many answers (1001); a response file has at most 1000. Your data is unchanged.".to_owned()),
            ("de", &many, "Diese Antwortdatei eines Anbieters enthält zu viele Antworten (1001); eine Antwortdatei enthält höchstens 1000. Ihre Daten sind unverändert.".to_owned()),
            ("en", &large, format!("This vendor’s response file is too large ({size}); a response file has at most {max}. Your data is unchanged.")),
            ("en", other, "This file is neither a vendor’s response file nor an export of this page. Your data is unchanged.".to_owned()),
            ("de", other, "Diese Datei ist weder eine Antwortdatei eines Anbieters noch ein Export dieser Seite. Ihre Daten sind unverändert.".to_owned()),
        ] {
            check_refusal(lang, input, &expected);
        }
        assert!(
            !size.contains("bytes") && size.ends_with("\u{a0}MB"),
            "{size}"
        );
    }

    #[test]
    fn a_file_larger_than_any_the_page_reads_names_both_kinds_of_file() {
        let page = Page::new("de");
        let text = page.present().response_file_error(&ImportError::TooLarge {
            size: 700 * 1024 * 1024 + 1,
            limit: crate::exchange::max_import_bytes(&page.def),
        });
        assert_eq!(text, "Die Datei ist zu groß (701\u{a0}MB). Diese Seite liest Antwortdateien von Anbietern bis 8,2\u{a0}MB und Exporte bis 601\u{a0}MB. Ihre Daten sind unverändert.");
    }

    #[test]
    fn a_note_of_990_unmapped_answers_names_five_and_counts_the_rest() {
        // The bug: the note listed every one of 988 question ids.
        let page = Page::new("en");
        let import = import_response(&page.def, &response_file(&page.def, 990)).unwrap();
        assert_eq!(
            page.present().mapping_note("old.json", &import),
            "old.json answers checklist version 0.9; 990 answers could not be taken over: gone.q0000, gone.q0001, gone.q0002, gone.q0003, gone.q0004 and 985 more."
        );
    }
}
