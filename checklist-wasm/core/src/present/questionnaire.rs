//! Texts of the questionnaire file (`crate::questionnaire`): its file name in the page's
//! language, what the buyer is told after downloading it, and what the vendor is told after
//! opening one or a link whose own questions join those given before (what was added, what
//! changed, what stays although the newer set lacks it), or why a file was refused, in plain
//! words that say the vendor's answers were left as they were. The binding offers the
//! download, reads the file and shows the texts.

use super::{Present, Round};
use crate::date::Date;
use crate::exchange::ImportError;
#[cfg(feature = "respond")]
use crate::questionnaire::Joined;
#[cfg(feature = "respond")]
use crate::tuning::MAX_OWN_QUESTIONS;

/// The `[checklist]` UI strings of the questionnaire file; part of [`super::ui_keys`].
pub const QUESTIONNAIRE_KEYS: &[&str] = &[
    "questionnaire_download",
    "questionnaire_file_name",
    "questionnaire_downloaded",
    "questionnaire_open",
    "questionnaire_open_hint",
    "questionnaire_opened_none",
    "questionnaire_opened_one",
    "questionnaire_opened_other",
    "questionnaire_changed_one",
    "questionnaire_changed_other",
    "questionnaire_kept_one",
    "questionnaire_kept_other",
    "questionnaire_left_out",
    "respond_link_added_one",
    "respond_link_added_other",
    "respond_link_joined",
    "respond_questions_damaged_kept",
    "respond_link_too_long",
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

    /// Tells the vendor that the questionnaire file `file` is open, how many of the buyer's
    /// own questions it added, and what else joining it did (see [`Joined`]).
    #[cfg(feature = "respond")]
    pub fn questionnaire_joined(&self, file: &str, joined: &Joined) -> String {
        let lead = if joined.added == 0 {
            self.strings
                .fill("questionnaire_opened_none", &[("file", file)])
        } else {
            self.questionnaire_opened(file, joined.added)
        };
        self.joined(lead, joined)
    }

    /// Tells the vendor what the own questions of the link the page was opened with did to
    /// those given before, or `None` when there is nothing to tell (the first link, or one
    /// whose questions were all given before, unchanged).
    #[cfg(feature = "respond")]
    pub fn link_joined(&self, joined: &Joined) -> Option<String> {
        if joined.earlier == 0 || (joined.added == 0 && !joined.is_news()) {
            return None;
        }
        let lead = if joined.added == 0 {
            self.strings.get("respond_link_joined").to_owned()
        } else {
            self.strings.fill_count(
                "respond_link_added",
                joined.added as f64,
                &[("count", &joined.added.to_string())],
            )
        };
        Some(self.joined(lead, joined))
    }

    /// Adds to `lead` the questions the vendor answered that changed, those that stay
    /// although the new set lacks them, and those the limits leave out.
    #[cfg(feature = "respond")]
    fn joined(&self, lead: String, joined: &Joined) -> String {
        let s = self.strings;
        let count = |key: &str, n: usize| s.fill_count(key, n as f64, &[("count", &n.to_string())]);
        let mut sentences = vec![lead];
        if !joined.changed.is_empty() {
            sentences.push(count("questionnaire_changed", joined.changed.len()));
        }
        if joined.kept > 0 {
            sentences.push(count("questionnaire_kept", joined.kept));
        }
        if !joined.left_out.is_empty() {
            sentences.push(s.fill(
                "questionnaire_left_out",
                &[
                    ("count", &joined.left_out.len().to_string()),
                    ("max", &MAX_OWN_QUESTIONS.to_string()),
                ],
            ));
        }
        sentences.join(" ")
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
                    ("size", &self.byte_size(*size, Round::Up)),
                    ("max", &self.byte_size(*limit, Round::Down)),
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
        says("en", large(), "f.json: this file is too large for a questionnaire file (0.9\u{a0}KB; a questionnaire file has at most 0.7\u{a0}KB). Your answers are unchanged.");
        says("de", large(), "f.json: Diese Datei ist zu groß für eine Fragebogen-Datei (0,9\u{a0}KB; eine Fragebogen-Datei hat höchstens 0,7\u{a0}KB). Ihre Antworten sind unverändert.");
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

    /// Checks what the vendor is told in `lang` after opening `q.json` (`file`) or a link
    /// whose questions joined as `joined` says.
    #[cfg(feature = "respond")]
    #[track_caller]
    fn told(lang: &str, joined: Joined, file: &str, link: Option<&str>) {
        let page = Page::new(lang);
        assert_eq!(page.present().questionnaire_joined("q.json", &joined), file);
        assert_eq!(page.present().link_joined(&joined).as_deref(), link);
    }

    #[test]
    #[cfg(feature = "respond")]
    fn the_vendor_is_told_in_plain_words_what_joining_the_buyers_questions_did() {
        let changed = || vec!["own.q1".to_owned()];
        told(
            "en",
            Joined { earlier: 1, added: 1, kept: 1, ..Joined::default() },
            "q.json is open: it adds 1 question of the buyer’s own. Your answers so far are kept. 1 question you were given before is missing here; it stays on the page, so nothing you wrote is lost.",
            Some("This link adds 1 question of the buyer’s own to those you were given before. Your answers so far are kept. 1 question you were given before is missing here; it stays on the page, so nothing you wrote is lost."),
        );
        told(
            "de",
            Joined { earlier: 3, added: 2, kept: 2, ..Joined::default() },
            "q.json ist geöffnet: Die Datei ergänzt 2 eigene Fragen des Auftraggebers. Ihre bisherigen Antworten bleiben erhalten. 2 Fragen, die Sie vorher erhalten hatten, fehlen hier; sie bleiben auf der Seite, damit nichts verloren geht, was Sie geschrieben haben.",
            Some("Dieser Link ergänzt 2 eigene Fragen des Auftraggebers zu denen, die Sie vorher erhalten hatten. Ihre bisherigen Antworten bleiben erhalten. 2 Fragen, die Sie vorher erhalten hatten, fehlen hier; sie bleiben auf der Seite, damit nichts verloren geht, was Sie geschrieben haben."),
        );
        told(
            "en",
            Joined { earlier: 1, changed: changed(), ..Joined::default() },
            "q.json is open: all its questions are on the page already. Your answers so far are kept. The buyer changed 1 question you had answered; please check your answer to it.",
            Some("The buyer’s own questions in this link were joined with those you were given before. Your answers so far are kept. The buyer changed 1 question you had answered; please check your answer to it."),
        );
        told(
            "de",
            Joined { earlier: 31, added: 30, left_out: vec!["own.a".into(), "own.b".into()], ..Joined::default() },
            "q.json ist geöffnet: Die Datei ergänzt 30 eigene Fragen des Auftraggebers. Ihre bisherigen Antworten bleiben erhalten. Fragen, die Sie vorher erhalten hatten und die nicht mehr auf die Seite passen (höchstens 30 eigene Fragen des Auftraggebers): 2. Ihre Antworten darauf bleiben in Ihrer Antwortdatei.",
            Some("Dieser Link ergänzt 30 eigene Fragen des Auftraggebers zu denen, die Sie vorher erhalten hatten. Ihre bisherigen Antworten bleiben erhalten. Fragen, die Sie vorher erhalten hatten und die nicht mehr auf die Seite passen (höchstens 30 eigene Fragen des Auftraggebers): 2. Ihre Antworten darauf bleiben in Ihrer Antwortdatei."),
        );
        // The first link, and a link that gives nothing new, need no words.
        told(
            "en",
            Joined {
                added: 2,
                ..Joined::default()
            },
            "q.json is open: it adds 2 questions of the buyer’s own. Your answers so far are kept.",
            None,
        );
        told(
            "de",
            Joined { earlier: 2, ..Joined::default() },
            "q.json ist geöffnet: Alle Fragen der Datei stehen bereits auf der Seite. Ihre bisherigen Antworten bleiben erhalten.",
            None,
        );
    }
}
