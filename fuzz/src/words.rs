//! The search analyser's word splitter and vocabulary (`search_core::words`,
//! `search_core::vocabulary`), which read every page of the site: the words found are exactly
//! those of Unicode word segmentation (`unicode-segmentation`'s `unicode_word_indices`, the
//! reference), and numbering a text's words through a vocabulary, once to fill it and once
//! more to find them all again, gives each word the term its own analysis gives (so no two
//! written words share a key).

use search_core::vocabulary::Vocabulary;
use search_core::{Analyzer, Language};
use unicode_segmentation::UnicodeSegmentation;

/// Checks one input; panics when a property fails. Returns whether it was text (UTF-8).
pub fn check(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    let mut found = Vec::new();
    search_core::words::for_each_word(text, |start, word| found.push((start, word)));
    let expected: Vec<(usize, &str)> = text.unicode_word_indices().collect();
    assert_eq!(found, expected, "the words differ from UAX #29's");
    for language in [Language::English, Language::German] {
        let analyzer = Analyzer::new(language);
        let terms: Vec<String> = analyzer
            .tokens(text)
            .into_iter()
            .map(|token| token.term)
            .collect();
        let mut vocabulary = Vocabulary::default();
        let mut numbers = Vec::new();
        for pass in ["filling", "filled"] {
            numbers.clear();
            analyzer.word_ids(text, &mut vocabulary, &mut numbers);
            let numbered: Vec<&str> = numbers.iter().map(|&n| vocabulary.term(n)).collect();
            assert_eq!(numbered, terms, "{language:?}, {pass} vocabulary");
        }
    }
    true
}
