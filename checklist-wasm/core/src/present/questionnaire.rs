//! Texts of the questionnaire file (`crate::questionnaire`): its file name in the page's
//! language, what the buyer is told after downloading it, and what the vendor is told after
//! opening one, or why a file was refused, in plain words that say the vendor's answers were
//! left as they were. The binding offers the download, reads the file and shows the texts.

use super::Present;
use crate::date::Date;
use crate::exchange::ImportError;

/// The `[checklist]` UI strings of the questionnaire file; part of [`super::ui_keys`].
pub const QUESTIONNAIRE_KEYS: &[&str] = &[
    "questionnaire_download",
    "questionnaire_file_name",
    "questionnaire_downloaded",
    "questionnaire_open",
    "questionnaire_open_hint",
    "questionnaire_opened_one",
    "questionnaire_opened_other",
    "questionnaire_too_large",
    "questionnaire_damaged",
    "questionnaire_wrong_file",
    "questionnaire_newer",
    "questionnaire_other_checklist",
];

impl Present<'_> {
    /// Names the questionnaire file of this checklist written on `today`, e.g.
    /// `questionnaire-cc-vendor-security-1.0.0-2026-11-30.json` (the word in the page's
    /// language); the checklist's id and version are reduced to letters, digits, dots and
    /// dashes so the name is safe on every system.
    pub fn questionnaire_file_name(&self, today: Date) -> String {
        let checklist: String = format!("{}-{}", self.def.meta.id, self.def.meta.version)
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        self.strings.fill(
            "questionnaire_file_name",
            &[("checklist", &checklist), ("date", &today.to_string())],
        )
    }

    /// Tells the vendor that the questionnaire file `file` is open and how many of the
    /// buyer's own questions it added.
    pub fn questionnaire_opened(&self, file: &str, own_questions: usize) -> String {
        self.strings.fill_count(
            "questionnaire_opened",
            own_questions as f64,
            &[("file", file), ("count", &own_questions.to_string())],
        )
    }

    /// Says in plain words why the file `file` could not be opened as a questionnaire, and
    /// that the vendor's answers were left as they were.
    pub fn questionnaire_error(&self, file: &str, error: &ImportError) -> String {
        let s = self.strings;
        match error {
            ImportError::TooLarge { size, limit } => s.fill(
                "questionnaire_too_large",
                &[
                    ("file", file),
                    ("size", &size.to_string()),
                    ("max", &limit.to_string()),
                ],
            ),
            ImportError::WrongFormat(_) => s.fill("questionnaire_wrong_file", &[("file", file)]),
            ImportError::NewerVersion(version) => s.fill(
                "questionnaire_newer",
                &[("file", file), ("version", &version.to_string())],
            ),
            ImportError::OtherChecklist { found } => s.fill(
                "questionnaire_other_checklist",
                &[("file", file), ("found", found)],
            ),
            // Not JSON, cut short, or questions that do not hold together.
            _ => s.fill("questionnaire_damaged", &[("file", file)]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::Page;
    use super::*;

    /// Checks the sentence `error` gives in `lang` for the file `f.json`.
    #[track_caller]
    fn says(lang: &str, error: ImportError, expected: &str) {
        let page = Page::new(lang);
        assert_eq!(
            page.present().questionnaire_error("f.json", &error),
            expected
        );
    }

    #[test]
    fn a_refused_questionnaire_file_is_explained_in_plain_words_and_the_answers_are_unchanged() {
        let large = || ImportError::TooLarge {
            size: 900,
            limit: 800,
        };
        let other = || ImportError::OtherChecklist {
            found: "x@1".into(),
        };
        says("en", large(), "f.json: this file is too large for a questionnaire file (900 bytes; a questionnaire file has at most 800 bytes). Your answers are unchanged.");
        says("de", large(), "f.json: Diese Datei ist zu groß für eine Fragebogen-Datei (900 Byte; eine Fragebogen-Datei hat höchstens 800 Byte). Ihre Antworten sind unverändert.");
        says("en", ImportError::Malformed("eof".into()), "f.json: this questionnaire file is damaged and cannot be read. Ask the buyer to send it again. Your answers are unchanged.");
        says("de", ImportError::InvalidTuning("section".into()), "f.json: Diese Fragebogen-Datei ist beschädigt und lässt sich nicht lesen. Bitten Sie den Auftraggeber, sie erneut zu senden. Ihre Antworten sind unverändert.");
        says("en", ImportError::WrongFormat("cc-vendor-response".into()), "f.json: this is not a questionnaire file (perhaps a response file or a saved checklist). Open the questionnaire file the buyer sent you. Your answers are unchanged.");
        says("de", ImportError::NewerVersion(2), "f.json: Diese Fragebogen-Datei stammt aus einer neueren Version dieser Seite (Formatversion 2). Laden Sie die Seite neu, um die neueste Version zu erhalten, und öffnen Sie die Datei dann erneut. Ihre Antworten sind unverändert.");
        says("en", other(), "f.json: this questionnaire file belongs to another checklist (x@1). Ask the buyer for the questionnaire of this checklist. Your answers are unchanged.");
    }

    #[test]
    fn the_questionnaire_file_is_named_after_the_checklist_and_the_day_in_the_pages_language() {
        let day = Date::new(2026, 11, 30).unwrap();
        for (lang, word, opened) in [
            ("en", "questionnaire", "q.json is open: it adds 1 question of the buyer’s own. Your answers so far are kept."),
            ("de", "fragebogen", "q.json ist geöffnet: Die Datei ergänzt 1 eigene Frage des Auftraggebers. Ihre bisherigen Antworten bleiben erhalten."),
        ] {
            let page = Page::new(lang);
            let (id, version) = (&page.def.meta.id, &page.def.meta.version);
            assert_eq!(
                page.present().questionnaire_file_name(day),
                format!("{word}-{id}-{version}-2026-11-30.json")
            );
            assert_eq!(page.present().questionnaire_opened("q.json", 1), opened);
        }
        let mut page = Page::new("en");
        page.def.meta.id = "Liste/../A B".into();
        let name = page.present().questionnaire_file_name(day);
        assert!(name.starts_with("questionnaire-liste-..-a-b-"), "{name}");
    }
}
