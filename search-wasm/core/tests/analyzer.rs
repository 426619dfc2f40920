//! Native tests of the analyser, the compound splitter and the synonyms, as tables.

use search_core::analyze::{Analyzer, Language};
use search_core::compound::Decompounder;
use search_core::Synonyms;

#[track_caller]
fn terms(language: Language, text: &str) -> Vec<String> {
    Analyzer::new(language)
        .tokens(text)
        .into_iter()
        .map(|token| token.term)
        .collect()
}

/// Asserts that two spellings analyse to the same terms (or, with `same = false`, not).
#[track_caller]
fn check(language: Language, a: &str, b: &str, same: bool) {
    let (left, right) = (terms(language, a), terms(language, b));
    assert!(!left.is_empty(), "`{a}` gave no term");
    assert_eq!(left == right, same, "`{a}` → {left:?}, `{b}` → {right:?}");
}

#[test]
fn spellings_that_readers_use_interchangeably_give_the_same_term() {
    use Language::{English as En, German as De};
    for (language, a, b, same) in [
        (De, "Schlüssel", "Schluessel", true),
        (De, "Schlüssel", "SCHLÜSSEL", true),
        (De, "Verschlüsselung", "Verschluesselung", true),
        (De, "Verschlüsselungen", "Verschlüsselung", true),
        (De, "Verträge", "Vertrag", true),
        (De, "Straße", "Strasse", true),
        (De, "Prüfung", "Pruefung", true),
        (De, "Prüfungen", "Prüfung", true),
        (De, "Zertifikate", "Zertifikat", true),
        (De, "Größe", "Groesse", true),
        (De, "Quelle", "Qulle", false),
        (De, "Daten", "Datum", false),
        (En, "certified", "certification", false),
        (En, "certified", "certify", true),
        (En, "vendors", "vendor", true),
        (En, "encrypting", "encryption", true),
        (En, "encrypted", "encrypt", true),
        (En, "Café", "cafe", true),
        (En, "vendor’s", "vendor's", true),
        (En, "Audits", "audit", true),
        (En, "SOC", "soc", true),
    ] {
        check(language, a, b, same);
    }
}

#[test]
fn words_split_at_hyphens_and_punctuation_and_stop_words_are_dropped() {
    use Language::{English as En, German as De};
    for (language, text, expected) in [
        (
            De,
            "Ende-zu-Ende-Verschlüsselung",
            vec!["end", "end", "verschlussel"],
        ),
        (En, "end-to-end encryption", vec!["end", "end", "encrypt"]),
        (En, "ISO/IEC 27001", vec!["iso", "iec", "27001"]),
        (En, "The SOC 2 report", vec!["soc", "2", "report"]),
        (De, "Die „Sicherheit“ der Daten", vec!["sich", "dat"]),
        (En, "a the of", vec![]),
    ] {
        assert_eq!(terms(language, text), expected, "{text}");
    }
}

#[test]
fn other_languages_are_folded_but_not_stemmed() {
    assert_eq!(
        terms(Language::from_code("fr"), "Sécurité"),
        vec!["securite"]
    );
    assert_eq!(Language::from_code("de-AT"), Language::German);
}

#[track_caller]
fn parts(vocabulary: &[&str], word: &str, expected: &[&str]) {
    let decompounder = Decompounder::new(vocabulary.iter().copied());
    assert_eq!(decompounder.parts(word), expected, "{word}");
}

#[test]
fn compounds_split_into_parts_the_site_uses_on_their_own() {
    let vocabulary = [
        "verschlusselung",
        "verfahren",
        "daten",
        "schutz",
        "vertrag",
        "sicher",
        "auftrag",
        "verarbeitung",
    ];
    parts(
        &vocabulary,
        "verschlusselungsverfahren",
        &["verschlusselung", "verfahren"],
    );
    parts(&vocabulary, "datenschutz", &["daten", "schutz"]);
    parts(
        &vocabulary,
        "auftragsverarbeitungsvertrag",
        &["auftrag", "verarbeitung", "vertrag"],
    );
    // A tail that is no word of its own is no part: no false split of derived words.
    parts(&vocabulary, "sicherheit", &[]);
    parts(&vocabulary, "vertrag", &[]);
}

#[test]
fn synonym_entries_are_found_longest_first_and_checked() {
    let analyzer = Analyzer::new(Language::English);
    let groups = vec![
        vec!["pen test".to_string(), "penetration test".to_string()],
        vec!["DPA".to_string(), "data processing agreement".to_string()],
    ];
    let synonyms = Synonyms::new(&groups, &analyzer);
    let tokens = analyzer.tokens("We run penetration tests and sign a data processing agreement");
    let found: Vec<(usize, usize)> = synonyms
        .find(&tokens)
        .into_iter()
        .map(|found| (found.group, found.len))
        .collect();
    assert_eq!(found, vec![(0, 2), (1, 3)]);
    let bad = vec![
        vec!["MFA".to_string()],
        vec!["the".to_string(), "2FA".to_string(), "2fa".to_string()],
    ];
    let problems: Vec<String> = Synonyms::problems(&bad, &analyzer)
        .into_iter()
        .map(|(group, message)| format!("{group}: {message}"))
        .collect();
    assert_eq!(
        problems,
        vec![
            "0: a synonym group needs at least two entries",
            "1: `the` has no word search can index (only stop words or punctuation)",
            "1: `2fa` means the same to search as `2FA` in this group: remove one",
        ]
    );
}
