//! Text analysis, the one place that decides what a word is and when two words match: Unicode
//! word segmentation (UAX #29, so `Ende-zu-Ende` and `end-to-end` split at their hyphens),
//! case and accent folding suited to each language, stop words, and Snowball stemming. The
//! index builder and the query engine both call `Analyzer::tokens`, so a page and a query are
//! always analysed by the same code. Compound words are left to `compound`, synonyms to
//! `synonyms`.
//!
//! German folding follows the Snowball "german2" idea: `ä`, `ö`, `ü` and the spellings `ae`,
//! `oe`, `ue` (but not `ue` after `q`) all become `a`, `o`, `u`, and `ß` becomes `ss`, before
//! stemming. So „Schlüssel“, „Schluessel“ and the umlaut plural „Verträge“ (→ `vertrag`) find
//! each other.

use crate::vocabulary::Vocabulary;
use crate::words::for_each_word;
use rust_stemmers::{Algorithm, Stemmer};

/// The languages the analyser knows; any other language is folded but not stemmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// English: accents stripped, Snowball English stemmer.
    English,
    /// German: umlauts and their `ae`/`oe`/`ue` spellings folded, Snowball German stemmer,
    /// compound parts indexed.
    German,
    /// Any other language: lower case and accents stripped, no stemming, no stop words.
    Other,
}

impl Language {
    /// Returns the language of a site language code (`en`, `de`, `de-AT`, …).
    pub fn from_code(code: &str) -> Language {
        match code.split(['-', '_']).next().unwrap_or("") {
            "en" => Language::English,
            "de" => Language::German,
            _ => Language::Other,
        }
    }
}

/// One word of a text: where it stands, its folded spelling and its index term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The index term: the folded word, stemmed.
    pub term: String,
    /// The folded word before stemming, for prefix matching and compound splitting.
    pub folded: String,
    /// Byte offset of the word's start in the analysed text.
    pub start: usize,
    /// Byte offset just past the word's end.
    pub end: usize,
}

/// Words longer than this many bytes are cut before stemming (no real word is that long).
const MAX_WORD_BYTES: usize = 64;

/// The analyser of one language.
pub struct Analyzer {
    language: Language,
    stemmer: Option<Stemmer>,
}

impl Analyzer {
    /// Makes the analyser of a language.
    pub fn new(language: Language) -> Analyzer {
        let stemmer = match language {
            Language::English => Some(Stemmer::create(Algorithm::English)),
            Language::German => Some(Stemmer::create(Algorithm::German)),
            Language::Other => None,
        };
        Analyzer { language, stemmer }
    }

    /// Returns the language this analyser was made for.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Splits a text into its words and analyses each; stop words are left out.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        for_each_word(text, |start, word| {
            if let Some((term, folded)) = self.analyse_word(word) {
                tokens.push(Token {
                    term,
                    folded,
                    start,
                    end: start + word.len(),
                });
            }
        });
        tokens
    }

    /// Appends the number in `vocabulary` of each word of a text to `numbers`, stop words
    /// left out: the words `tokens` returns, but each distinct word is analysed only once.
    pub fn word_ids(&self, text: &str, vocabulary: &mut Vocabulary, numbers: &mut Vec<u32>) {
        for_each_word(text, |_, word| {
            let number = vocabulary.written(word, |vocabulary| {
                self.analyse_word(word)
                    .map(|(term, folded)| vocabulary.number(&folded, &term))
            });
            numbers.extend(number);
        });
    }

    /// Analyses one word as written into its term and folded spelling, or nothing for a stop
    /// word: the one analysis behind `tokens` and `word_ids`.
    fn analyse_word(&self, word: &str) -> Option<(String, String)> {
        let folded = self.fold(word);
        (!folded.is_empty() && !self.is_stop_word(&folded)).then(|| (self.stem(&folded), folded))
    }

    /// Folds a word's case and accents the way this language spells it interchangeably.
    pub fn fold(&self, word: &str) -> String {
        let mut folded = String::with_capacity(word.len());
        for c in word.chars() {
            match c {
                '’' | 'ʼ' | '‘' => folded.push('\''),
                'ß' | 'ẞ' => folded.push_str("ss"),
                'æ' | 'Æ' => folded.push_str("ae"),
                'œ' | 'Œ' => folded.push_str("oe"),
                _ => {
                    for lower in c.to_lowercase() {
                        folded.push(strip_accent(lower));
                    }
                }
            }
        }
        if self.language == Language::German {
            folded = fold_german_digraphs(&folded);
        }
        if folded.len() > MAX_WORD_BYTES {
            let mut end = MAX_WORD_BYTES;
            while !folded.is_char_boundary(end) {
                end -= 1;
            }
            folded.truncate(end);
        }
        folded
    }

    /// Stems a folded word; words with digits are kept as they are (`27001`, `2fa`).
    pub fn stem(&self, folded: &str) -> String {
        match &self.stemmer {
            Some(stemmer) if !folded.bytes().any(|b| b.is_ascii_digit()) => {
                stemmer.stem(folded).into_owned()
            }
            _ => folded.to_string(),
        }
    }

    /// Returns another term a query word should also match: the Snowball English stemmer
    /// keeps `certify`, `certified` (`certifi`) apart from `certification`, `certificate`
    /// (`certif`), which a reader means alike.
    pub fn query_variant(&self, term: &str) -> Option<String> {
        (self.language == Language::English && term.len() >= 5)
            .then(|| term.strip_suffix('i'))
            .flatten()
            .map(str::to_string)
    }

    /// Tells whether a folded word is too common in this language to be worth indexing.
    pub fn is_stop_word(&self, folded: &str) -> bool {
        let list: &[&str] = match self.language {
            Language::English => ENGLISH_STOP_WORDS,
            Language::German => GERMAN_STOP_WORDS,
            Language::Other => &[],
        };
        list.binary_search(&folded).is_ok()
    }
}

/// Replaces the German spellings `ae`, `oe`, `ue` (not `ue` after `q`, as in `quelle`) by
/// `a`, `o`, `u`: the same letter the umlaut folds to.
fn fold_german_digraphs(word: &str) -> String {
    let bytes = word.as_bytes();
    let mut out = String::with_capacity(word.len());
    let mut index = 0;
    while index < bytes.len() {
        let c = bytes[index];
        let next = bytes.get(index + 1).copied();
        let digraph = matches!((c, next), (b'a' | b'o', Some(b'e')))
            || (c == b'u' && next == Some(b'e') && (index == 0 || bytes[index - 1] != b'q'));
        if digraph {
            out.push(c as char);
            index += 2;
            continue;
        }
        // Copy one whole character (non-ASCII letters keep all their bytes).
        let width = word[index..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&word[index..index + width]);
        index += width;
    }
    out
}

/// Returns a lower-case Latin letter without its accent (`é` → `e`, `ü` → `u`); other
/// characters unchanged.
fn strip_accent(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        _ => c,
    }
}

/// English words too common to index; sorted, folded.
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "do", "does", "for",
    "from", "had", "has", "have", "how", "if", "in", "into", "is", "it", "its", "of", "on", "or",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "was", "we",
    "were", "what", "when", "which", "who", "will", "with", "you", "your",
];

/// German words too common to index; sorted, folded (so `für` is `fur`).
const GERMAN_STOP_WORDS: &[&str] = &[
    "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "das", "dass", "dem", "den", "der",
    "des", "die", "ein", "eine", "einem", "einen", "einer", "eines", "es", "fur", "hat", "ihr",
    "ihre", "im", "in", "ist", "mit", "nach", "noch", "nur", "oder", "sich", "sie", "sind", "so",
    "uber", "um", "und", "vom", "von", "vor", "was", "wie", "wird", "zu", "zum", "zur",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_word_lists_are_sorted_so_binary_search_finds_every_entry() {
        for list in [ENGLISH_STOP_WORDS, GERMAN_STOP_WORDS] {
            assert!(list.windows(2).all(|pair| pair[0] < pair[1]), "{list:?}");
        }
    }
}
