//! Texts of vendor management and import: why a name is refused, why a file was refused,
//! what an import could not keep, and exactly what an import took in and what it left out. The decisions themselves (is a name taken, did the cap drop
//! vendors) are the page model's; this module only words them.

use crate::exchange::{ImportError, ImportReport, MAX_VENDORS};

use super::{Present, Round};
use crate::json::MAX_DEPTH;

/// Why a vendor name was refused, as the page model found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameRefusal {
    /// The name is blank.
    Blank,
    /// Another vendor has this name.
    Taken,
    /// The page already holds `MAX_VENDORS` vendors.
    Full,
}

impl Present<'_> {
    /// Explains a refused import in the page language; the core adds the details.
    pub fn import_error(&self, error: &ImportError) -> String {
        let s = self.strings;
        match error {
            ImportError::TooLarge { size, limit } => s.fill(
                "import_too_large",
                &[
                    ("size", &self.byte_size(*size, Round::Up)),
                    ("max", &self.byte_size(*limit, Round::Down)),
                ],
            ),
            ImportError::TooDeep => s.fill("import_too_deep", &[("max", &MAX_DEPTH.to_string())]),
            ImportError::NothingToImport => s.get("import_nothing").to_owned(),
            ImportError::Malformed(_) | ImportError::WrongFormat(_) => {
                s.get("import_malformed").to_owned()
            }
            ImportError::NewerVersion(v) => s.fill("import_newer", &[("version", &v.to_string())]),
            ImportError::OtherChecklist { found } => {
                s.fill("import_other_checklist", &[("found", found)])
            }
            other => s.fill("import_invalid", &[("detail", &other.to_string())]),
        }
    }

    /// Names the answers and switched-off rules an import had to leave out, if any.
    pub fn import_notes(&self, report: &ImportReport) -> String {
        let s = self.strings;
        let mut notes = Vec::new();
        if !report.orphaned_answers.is_empty() {
            let list: Vec<String> = report
                .orphaned_answers
                .iter()
                .map(|o| format!("{}: {}", o.vendor, o.question))
                .collect();
            let names: Vec<&str> = list.iter().map(String::as_str).collect();
            notes.push(s.fill_count(
                "import_orphaned",
                list.len() as f64,
                &[
                    ("count", &list.len().to_string()),
                    ("list", &self.bounded_list(&names)),
                ],
            ));
        }
        if !report.dropped_rule_switches.is_empty() {
            let count = report.dropped_rule_switches.len();
            notes.push(s.fill_count(
                "import_dropped_rules",
                count as f64,
                &[("count", &count.to_string())],
            ));
        }
        notes.join(" ")
    }

    /// Explains why a vendor name was refused.
    pub fn name_refusal(&self, refusal: NameRefusal, name: &str) -> String {
        let s = self.strings;
        match refusal {
            NameRefusal::Blank => s.get("vendor_name_needed").to_owned(),
            NameRefusal::Taken => s.fill("vendor_name_taken", &[("name", name.trim())]),
            NameRefusal::Full => s.fill("too_many_vendors", &[("max", &MAX_VENDORS.to_string())]),
        }
    }

    /// Says exactly what an accepted import took in, which vendors it renamed because their
    /// name was taken, and what it left out at the cap; a file with no vendors says that
    /// nothing was imported.
    pub fn import_outcome(
        &self,
        imported: &[String],
        dropped: &[String],
        renamed: &[(String, String)],
    ) -> String {
        let s = self.strings;
        if imported.is_empty() && dropped.is_empty() {
            return s.get("import_nothing").to_owned();
        }
        let mut text = if imported.is_empty() {
            s.get("import_none_taken").to_owned()
        } else {
            s.fill_count(
                "import_done",
                imported.len() as f64,
                &[
                    ("count", &imported.len().to_string()),
                    ("names", &imported.join(", ")),
                ],
            )
        };
        if !renamed.is_empty() {
            let list: Vec<String> = renamed
                .iter()
                .map(|(old, new)| format!("{old} → {new}"))
                .collect();
            text.push(' ');
            text.push_str(&s.fill_count(
                "import_renamed",
                renamed.len() as f64,
                &[
                    ("count", &renamed.len().to_string()),
                    ("list", &list.join(", ")),
                ],
            ));
        }
        if !dropped.is_empty() {
            text.push(' ');
            text.push_str(&s.fill_count(
                "import_left_out",
                dropped.len() as f64,
                &[
                    ("count", &dropped.len().to_string()),
                    ("max", &MAX_VENDORS.to_string()),
                    ("names", &dropped.join(", ")),
                ],
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::present::tests::Page;

    #[track_caller]
    fn check(lang: &str, imported: &[&str], dropped: &[&str], expected: &str) {
        let page = Page::new(lang);
        let p = page.present();
        let own = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            p.import_outcome(&own(imported), &own(dropped), &[]),
            expected
        );
    }

    #[test]
    fn import_at_the_cap_says_exactly_what_was_imported_and_what_was_not() {
        check("en", &["A"], &[], "Imported 1 vendor: A.");
        check(
            "en",
            &["A", "B {names}"],
            &[],
            "Imported 2 vendors: A, B {names}.",
        );
        check(
            "en",
            &["A"],
            &["B", "C"],
            "Imported 1 vendor: A. 2 vendors were not imported, because this page compares at most 50 vendors: B, C. Remove vendors you no longer need, then import the file again.",
        );
        check(
            "en",
            &[],
            &["B"],
            "No vendor was imported. 1 vendor was not imported, because this page compares at most 50 vendors: B. Remove vendors you no longer need, then import the file again.",
        );
        check("de", &["A", "B"], &[], "2 Anbieter importiert: A, B.");
    }

    #[test]
    fn vendors_renamed_on_import_are_named_with_their_new_names() {
        let page = Page::new("en");
        let p = page.present();
        let text = p.import_outcome(
            &["Acme (2)".into()],
            &[],
            &[("Acme".into(), "Acme (2)".into())],
        );
        assert_eq!(
            text,
            "Imported 1 vendor: Acme (2). 1 vendor was renamed because its name was taken: Acme → Acme (2)."
        );
    }

    #[test]
    fn a_file_with_nothing_to_import_says_so() {
        check(
            "en",
            &[],
            &[],
            "This file contains no vendors, so nothing was imported. Your data is unchanged.",
        );
        check("de", &[], &[], "Diese Datei enthält keine Anbieter, daher wurde nichts importiert. Ihre Daten sind unverändert.");
    }

    #[test]
    fn refused_imports_are_explained_in_both_languages() {
        for (lang, nothing, large) in [
            (
                "en",
                "This file contains no vendors",
                "too large (2\u{a0}KB). This page reads exports of up to 8.2\u{a0}MB.",
            ),
            (
                "de",
                "Diese Datei enthält keine Anbieter",
                "zu groß (2\u{a0}KB). Diese Seite liest Exporte bis 8,2\u{a0}MB.",
            ),
        ] {
            let page = Page::new(lang);
            let p = page.present();
            assert!(p
                .import_error(&ImportError::NothingToImport)
                .starts_with(nothing));
            let text = p.import_error(&ImportError::TooLarge {
                size: 2000,
                limit: 8_626_380,
            });
            assert!(text.contains(large), "{text}");
        }
    }

    #[test]
    fn refused_names_are_explained() {
        let page = Page::new("en");
        let p = page.present();
        assert_eq!(
            p.name_refusal(NameRefusal::Blank, " "),
            "Type the vendor’s name first."
        );
        assert!(p
            .name_refusal(NameRefusal::Taken, " Acme ")
            .contains("“Acme”"));
        assert!(p.name_refusal(NameRefusal::Full, "x").contains("50"));
    }
}
