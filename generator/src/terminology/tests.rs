//! Tests of the terminology lists and of where the texts a reader sees are found.

use super::texts::*;
use super::*;
use crate::content::Content;
use crate::theme::Theme;

fn list(source: &str) -> Terminology {
    Terminology::parse("de", Path::new("content/terminology.de.toml"), source).unwrap()
}

/// One `[[terms]]` entry: the word to use, the variants to avoid and the exceptions.
fn term(use_word: &str, avoid: &[&str], except: &[&str]) -> String {
    format!(
        "[[terms]]\nuse = {use_word:?}\navoid = {avoid:?}\nexcept = {except:?}\nreason = \"r\"\n"
    )
}

/// The problems' messages, as a reader sees them.
fn messages(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(Problem::to_string).collect()
}

#[track_caller]
fn case(list: &Terminology, text: &str, expected: &[&str]) {
    let found: Vec<String> = list
        .findings(text)
        .into_iter()
        .map(|finding| finding.found)
        .collect();
    assert_eq!(found, expected, "{text:?}");
}

#[test]
fn variants_match_whole_words_or_word_starts() {
    let terms = list(
        &[
            term("Datensicherung", &["Backup*"], &[]),
            term("Agents", &["Agenten"], &["KI-Agenten"]),
            term("Einspruch erheben", &["widersprechen"], &[]),
            term("„Unbekannt“", &["\"Weiß nicht\""], &[]),
            term(
                "Nachweisgrad",
                &["Belastbarkeit"],
                &["Belastbarkeit der Systeme"],
            ),
        ]
        .concat(),
    );
    case(
        &terms,
        "Backups und die Backup-Richtlinie",
        &["Backups", "Backup-Richtlinie"],
    );
    case(&terms, "die Datensicherung", &[]);
    case(&terms, "Agenten und Agentenplätze", &["Agenten"]);
    case(&terms, "KI-Agenten sind erlaubt", &[]);
    case(&terms, "Widersprechen Sie", &["Widersprechen"]);
    case(&terms, "„Weiß nicht“ ist eine Antwort", &["„Weiß nicht“"]);
    case(
        &terms,
        "\"Weiß nicht\" ist eine Antwort",
        &["\"Weiß nicht\""],
    );
    case(&terms, "er weiß nicht", &[]);
    case(&terms, "Belastbarkeit der Systeme", &[]);
    case(&terms, "die Belastbarkeit (%)", &["Belastbarkeit"]);
    case(&terms, "Belastbarkeitsprüfung", &[]);
}

#[test]
fn a_term_without_variants_is_refused_with_its_line() {
    let problems = Terminology::parse(
        "de",
        Path::new("content/terminology.de.toml"),
        "[[terms]]\nuse = \"X\"\navoid = []\nreason = \"r\"\n",
    )
    .unwrap_err();
    assert_eq!(
        problems[0].to_string(),
        "content/terminology.de.toml: line 2: term `X` lists no variant to `avoid`: add one or remove the term"
    );
}

#[test]
fn code_link_targets_and_heading_ids_are_not_prose() {
    let line = "Siehe `Backup` und [Text](backup.md#x) {#backup} <https://b.example/backup>";
    let prose = blank_non_prose(line);
    assert_eq!(prose.trim_end(), "Siehe          und [Text]");
    assert_eq!(prose.len(), line.len());
}

#[test]
fn checklist_strings_are_taken_per_language() {
    let line = r#"  { id = "x", label = { en = "Backups \"now\"", de = "Backups jetzt" } },"#;
    assert_eq!(localized_strings(line, "de"), ["Backups jetzt"]);
    assert_eq!(localized_strings(line, "en"), [r#"Backups \"now\""#]);
    assert_eq!(localized_strings(r#"text.de = "Frage""#, "de"), ["Frage"]);
    assert!(localized_strings(r#"id = "code""#, "de").is_empty());
    assert!(localized_strings("# de = \"comment\"", "de").is_empty());
}

#[test]
fn ui_strings_of_the_site_theme_are_checked_with_their_lines() {
    let root = std::env::temp_dir().join(format!("terminology-ui-{}", std::process::id()));
    std::fs::create_dir_all(root.join("theme/i18n")).unwrap();
    std::fs::write(
        root.join("theme/i18n/de.toml"),
        "# Backups in a comment are fine.\n[checklist]\nsave = \"Backups anlegen\"\nshare = \"99 % fertig\"\nname = \"Name des Anbieters 'X'\"\n",
    )
    .unwrap();
    let theme = Theme::load(&root).unwrap();
    let terms = list(&term("Datensicherung", &["Backup*"], &[]));
    assert_eq!(
        messages(&check_site(&root, &[terms], &Content::default(), &theme)),
        ["theme/i18n/de.toml: line 3: `Backups` is on the avoid list of `content/terminology.de.toml`: write `Datensicherung` (r)"]
    );
    let config = Config::parse(include_str!("../../../tests/fixtures/valid/site.toml")).unwrap();
    assert_eq!(
        messages(&check_ui_typography(&config, &theme)),
        [
            "theme/i18n/de.toml: line 4: plain space between a number and `%`: write `\\u00A0` (a non-breaking space) instead",
            "theme/i18n/de.toml: line 5: straight apostrophe or quotation mark: write ’ for an apostrophe and „…“ for quotes",
        ]
    );
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn site_titles_and_descriptions_are_read_per_language() {
    let source = "base_url = \"x\"\n[[languages]]\ntitle = \"Guide\"\ncode = \"en\"\ndescription = \"A guide\"\n\n[[languages]]\ncode = \"de\"\ntitle = \"Leitfaden\"\n[publisher]\nname = \"P\"\n";
    assert_eq!(
        language_texts(source),
        [
            (3, "en".to_string(), "Guide"),
            (5, "en".to_string(), "A guide"),
            (9, "de".to_string(), "Leitfaden"),
        ]
    );
}

#[test]
fn ui_string_values_are_read_after_the_key() {
    assert_eq!(
        ui_string_value(r#""callout.ask" = "Fragen""#),
        Some("Fragen")
    );
    assert_eq!(
        ui_string_value(r#"percent = "{value}\u00A0%""#),
        Some(r"{value}\u00A0%")
    );
    assert_eq!(ui_string_value("# a = \"b\""), None);
    assert_eq!(ui_string_value("[checklist]"), None);
}
