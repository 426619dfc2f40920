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

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

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

/// The distinct words of many texts, each analysed once and numbered in the order first
/// seen, so that the index builder handles a word as a number after its first occurrence: a
/// corpus repeats the same few thousand words millions of times. Filled by
/// `Analyzer::word_ids`; numbers are the vocabulary's own, not shared with another.
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// Each word as written: its number, or `None` for a stop word or a word with no letters.
    written: HashMap<Box<str>, Option<u32>, FastHash>,
    /// Each folded spelling's number: words written differently but folded alike share one.
    numbers: HashMap<Box<str>, u32, FastHash>,
    /// (folded, term) by number.
    words: Vec<(String, String)>,
}

impl Vocabulary {
    /// Returns the number of a folded word with its term, adding it if it is new.
    pub fn number(&mut self, folded: &str, term: &str) -> u32 {
        if let Some(&number) = self.numbers.get(folded) {
            return number;
        }
        let number = self.words.len() as u32;
        self.numbers.insert(folded.into(), number);
        self.words.push((folded.to_string(), term.to_string()));
        number
    }

    /// Returns the folded spelling of a word by number.
    pub fn folded(&self, number: u32) -> &str {
        &self.words[number as usize].0
    }

    /// Returns the index term of a word by number.
    pub fn term(&self, number: u32) -> &str {
        &self.words[number as usize].1
    }

    /// Returns how many distinct folded words it holds.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Tells whether it holds no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// The hash of the builder's maps: FxHash (rustc's), several times faster than the standard
/// SipHash on short words. Its keys are the site's own words, not input from strangers, so
/// SipHash's protection against chosen collisions buys nothing here.
pub type FastHash = std::hash::BuildHasherDefault<FxHasher>;

/// FxHash: multiply-and-rotate over 8 bytes at a time.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let mut rest = [0u8; 8];
        rest[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(rest));
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
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
        words(text)
            .filter_map(|(start, word)| {
                let (term, folded) = self.analyse_word(word)?;
                Some(Token {
                    term,
                    folded,
                    start,
                    end: start + word.len(),
                })
            })
            .collect()
    }

    /// Appends the number in `vocabulary` of each word of a text to `numbers`, stop words
    /// left out: the words `tokens` returns, but each distinct word is analysed only once.
    pub fn word_ids(&self, text: &str, vocabulary: &mut Vocabulary, numbers: &mut Vec<u32>) {
        for (_, word) in words(text) {
            let number = match vocabulary.written.get(word) {
                Some(&number) => number,
                None => {
                    let number = self
                        .analyse_word(word)
                        .map(|(term, folded)| vocabulary.number(&folded, &term));
                    vocabulary.written.insert(word.into(), number);
                    number
                }
            };
            numbers.extend(number);
        }
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

/// Returns the words of a text with their byte offsets: the segments of Unicode word
/// segmentation (UAX #29) that hold a letter or digit, as `unicode_word_indices` finds them.
/// No segment with a letter or digit spans ASCII white space, so the text is cut there first
/// (on bytes: no byte of a multi-byte character is ASCII). Most pieces are a word of ASCII
/// letters and digits, perhaps between punctuation that cannot join a word at its edge
/// (`word,` `(word)` „Wort“): that word is found without the table lookups segmentation makes
/// per character; other pieces are segmented as they are.
fn words(text: &str) -> Words<'_> {
    Words {
        text,
        at: 0,
        segmented: None,
    }
}

/// The iterator `words` returns: a loop over bytes rather than a chain of adapters, as it
/// runs once per word of the whole site.
struct Words<'a> {
    text: &'a str,
    /// Where the next piece starts looking.
    at: usize,
    /// The piece being segmented by UAX #29, with its offset.
    segmented: Option<(usize, unicode_segmentation::UnicodeWordIndices<'a>)>,
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        loop {
            if let Some((offset, segments)) = &mut self.segmented {
                let offset = *offset;
                match segments.next() {
                    Some((start, word)) => return Some((offset + start, word)),
                    None => self.segmented = None,
                }
            }
            let mut start = self.at;
            while start < bytes.len() && bytes[start].is_ascii_whitespace() {
                start += 1;
            }
            if start == bytes.len() {
                self.at = start;
                return None;
            }
            // Most pieces are one word of ASCII letters and digits, told in the same pass.
            let mut end = start;
            let mut alphanumeric = true;
            while end < bytes.len() && !bytes[end].is_ascii_whitespace() {
                alphanumeric &= bytes[end].is_ascii_alphanumeric();
                end += 1;
            }
            self.at = end;
            if alphanumeric {
                return Some((start, &self.text[start..end]));
            }
            let piece = &self.text[start..end];
            let (first, last) = trim_edge_punctuation(piece.as_bytes());
            let core = &piece[first..last];
            if core.is_empty() {
                continue;
            }
            if core.bytes().all(|byte| byte.is_ascii_alphanumeric()) || is_one_word(core) {
                return Some((start + first, core));
            }
            self.segmented = Some((start, piece.unicode_word_indices()));
        }
    }
}

/// Tells whether a text without white space is one word by UAX #29 as it stands: Latin
/// letters (ASCII, Latin-1 and Latin Extended-A, such as `ü`, `ß`, `é`) and digits, which
/// never break between each other, joined perhaps by `_` (which joins them too), with at
/// least one letter or digit. Most German words with umlauts are such a word.
fn is_one_word(text: &str) -> bool {
    let mut letters = false;
    for c in text.chars() {
        match c {
            '_' => {}
            'a'..='z' | 'A'..='Z' | '0'..='9' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ſ' => {
                letters = true
            }
            _ => return false,
        }
    }
    letters
}

/// Returns where a piece of text is left once punctuation is cut from both its ends: only
/// marks that UAX #29 never joins to a word at its edge (an apostrophe, full stop, comma or
/// colon joins only between two letters or digits; quotes, brackets and dashes never), so
/// the words of what is left are the words of the piece. `_` joins words and is kept.
fn trim_edge_punctuation(bytes: &[u8]) -> (usize, usize) {
    /// The third bytes of the marks `E2 80 xx` cut: – — ‘ ’ “ ” „ …
    const MARKS: &[u8] = &[0x93, 0x94, 0x98, 0x99, 0x9c, 0x9d, 0x9e, 0xa6];
    let cut = |byte: u8| byte.is_ascii_punctuation() && byte != b'_';
    let mark = |at: &[u8]| matches!(at, [0xe2, 0x80, third] if MARKS.contains(third));
    let (mut start, mut end) = (0, bytes.len());
    while start < end {
        if cut(bytes[start]) {
            start += 1;
        } else if end - start >= 3 && mark(&bytes[start..start + 3]) {
            start += 3;
        } else {
            break;
        }
    }
    while end > start {
        if cut(bytes[end - 1]) {
            end -= 1;
        } else if end - start >= 3 && mark(&bytes[end - 3..end]) {
            end -= 3;
        } else {
            break;
        }
    }
    (start, end)
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
    fn cutting_at_white_space_first_finds_the_words_segmentation_finds() {
        const ALPHABET: &[char] = &[
            'a',
            'Z',
            'e',
            '3',
            '0',
            ' ',
            ' ',
            '\t',
            '\n',
            '\r',
            '\u{c}',
            '\u{b}',
            '.',
            ',',
            ';',
            ':',
            '\'',
            '’',
            '_',
            '-',
            'ü',
            'ß',
            '\u{301}',
            '\u{ad}',
            '\u{200d}',
            '😀',
            '\u{a0}',
            '“',
            '„',
            '–',
            '\u{1f1e9}',
            'ا',
            '中',
            'カ',
            '"',
            '(',
            ')',
            '!',
            '/',
            '…',
            '”',
            '‘',
            '—',
            '\u{2024}',
            'é',
            'Ä',
            'Ø',
            '×',
            '÷',
            'ŉ',
            'ſ',
            'µ',
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        for _ in 0..200_000 {
            let length = (next() % 16) as usize;
            let text: String = (0..length)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect();
            let expected: Vec<(usize, &str)> = text.unicode_word_indices().collect();
            let found: Vec<(usize, &str)> = words(&text).collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn stop_word_lists_are_sorted_so_binary_search_finds_every_entry() {
        for list in [ENGLISH_STOP_WORDS, GERMAN_STOP_WORDS] {
            assert!(list.windows(2).all(|pair| pair[0] < pair[1]), "{list:?}");
        }
    }
}
