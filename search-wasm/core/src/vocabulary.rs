//! The distinct words of a batch of documents and the hash the index builder's maps use. A
//! corpus repeats the same few thousand words millions of times, so the builder analyses a
//! word once and handles it as a number after that; looking a written word up is then most
//! of the work per word, and this module owns how it is done: a word of up to 24 bytes is
//! kept in the map's own slot as three machine words read straight from the text (no
//! pointer to follow, no byte-by-byte comparison), longer words as strings.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// The distinct words of many texts, each analysed once and numbered in the order first
/// seen, so that the index builder handles a word as a number after its first occurrence.
/// Filled by `Analyzer::word_ids`; numbers are the vocabulary's own, not shared with another.
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// Each word of up to `SHORT_WORD_BYTES` as written: its number, or `NOT_INDEXED`.
    written_short: HashMap<ShortWord, u32, FastHash>,
    /// Each longer word as written, the same way.
    written_long: HashMap<Box<str>, u32, FastHash>,
    /// Each folded spelling's number: words written differently but folded alike share one.
    numbers: HashMap<Box<str>, u32, FastHash>,
    /// (folded, term) by number.
    words: Vec<(String, String)>,
}

/// What a written word maps to when it is a stop word or has no letters.
const NOT_INDEXED: u32 = u32::MAX;

impl Vocabulary {
    /// Returns the number of a word as written, analysing it with `analyse` (which returns
    /// its number, adding it with `number`, or `None` for a word not indexed) the first time.
    pub fn written(
        &mut self,
        word: &str,
        analyse: impl FnOnce(&mut Vocabulary) -> Option<u32>,
    ) -> Option<u32> {
        let found = match ShortWord::new(word) {
            Some(key) => match self.written_short.get(&key) {
                Some(&number) => number,
                None => {
                    let number = analyse(self).unwrap_or(NOT_INDEXED);
                    self.written_short.insert(key, number);
                    number
                }
            },
            None => match self.written_long.get(word) {
                Some(&number) => number,
                None => {
                    let number = analyse(self).unwrap_or(NOT_INDEXED);
                    self.written_long.insert(word.into(), number);
                    number
                }
            },
        };
        (found != NOT_INDEXED).then_some(found)
    }

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

/// The longest word kept as a `ShortWord`.
const SHORT_WORD_BYTES: usize = 24;

/// A word of 1 to `SHORT_WORD_BYTES` bytes as three machine words and its length. The words
/// are loads from the word's start and end that overlap when the word is shorter than they
/// are (a 10-byte word is its bytes 0–7 and 2–9), and words of fewer than 8 bytes are two
/// 4-byte loads or, below 4 bytes, three single bytes, the rest zero: given the length, the
/// loads hold every byte of the word, so two words are equal exactly when their keys are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ShortWord {
    parts: [u64; 3],
    length: u32,
}

impl ShortWord {
    /// Returns the key of a word of 1 to `SHORT_WORD_BYTES` bytes.
    fn new(word: &str) -> Option<ShortWord> {
        let bytes = word.as_bytes();
        let length = bytes.len();
        let parts = match length {
            16..=SHORT_WORD_BYTES => [load8(bytes, 0), load8(bytes, 8), load8(bytes, length - 8)],
            8..=15 => [load8(bytes, 0), load8(bytes, length - 8), 0],
            4..=7 => [
                u64::from(load4(bytes, 0)) | u64::from(load4(bytes, length - 4)) << 32,
                0,
                0,
            ],
            1..=3 => [
                u64::from(bytes[0])
                    | u64::from(bytes[length / 2]) << 8
                    | u64::from(bytes[length - 1]) << 16,
                0,
                0,
            ],
            _ => return None,
        };
        Some(ShortWord {
            parts,
            length: length as u32,
        })
    }
}

impl Hash for ShortWord {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let [first, second, third] = self.parts;
        state.write_u64(fold_multiply(
            first ^ third.rotate_left(32) ^ SEED_A,
            second ^ u64::from(self.length) ^ SEED_B,
        ));
    }
}

/// The hash of the builder's maps, several times faster than the standard SipHash on short
/// words. Their keys are the site's own words, not input from strangers, so SipHash's
/// protection against chosen collisions buys nothing here.
pub type FastHash = std::hash::BuildHasherDefault<FxHasher>;

/// FxHash (rustc's) for numbers; strings of up to 16 bytes are read as two loads that may
/// overlap, mixed with their length by one wide multiply (wyhash's mixer), longer strings 8
/// bytes at a time after that.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let length = bytes.len();
        let (first, last) = match length {
            8.. => (load8(bytes, 0), load8(bytes, length - 8)),
            4..=7 => (
                u64::from(load4(bytes, 0)),
                u64::from(load4(bytes, length - 4)),
            ),
            1..=3 => (
                u64::from(bytes[0]) << 16 | u64::from(bytes[length / 2]) << 8,
                u64::from(bytes[length - 1]),
            ),
            0 => (0, 0),
        };
        let mut hash = fold_multiply(first ^ SEED_A ^ self.hash, last ^ SEED_B ^ length as u64);
        if length > 16 {
            for chunk in bytes[8..length - 8].chunks(8) {
                let mut word = [0u8; 8];
                word[..chunk.len()].copy_from_slice(chunk);
                hash = fold_multiply(hash ^ SEED_A, u64::from_le_bytes(word) ^ SEED_B);
            }
        }
        self.hash = hash;
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

const SEED_A: u64 = 0xa076_1d64_78bd_642f;
const SEED_B: u64 = 0xe703_7ed1_a0b4_28db;

/// Multiplies two words to 128 bits and folds the halves together (wyhash's mixer).
fn fold_multiply(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

fn load8(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
}

fn load4(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_are_equal_exactly_when_their_keys_are() {
        // Words of every short length over a small alphabet (so that loads overlap on equal
        // bytes): changing one byte, or dropping the last, must change the key.
        const ALPHABET: &[u8] = b"ab\0z";
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % below as u64) as usize
        };
        for _ in 0..50_000 {
            let length = 1 + next(SHORT_WORD_BYTES);
            let word: Vec<u8> = (0..length)
                .map(|_| ALPHABET[next(ALPHABET.len())])
                .collect();
            let mut changed = word.clone();
            let at = next(length);
            let old = ALPHABET.iter().position(|&byte| byte == word[at]).unwrap();
            changed[at] = ALPHABET[(old + 1 + next(ALPHABET.len() - 1)) % ALPHABET.len()];
            let key = |bytes: &[u8]| ShortWord::new(std::str::from_utf8(bytes).unwrap());
            assert!(key(&word).is_some());
            assert_eq!(key(&word), key(&word.clone()));
            assert_ne!(key(&word), key(&changed), "{word:?} {changed:?}");
            assert_ne!(key(&word), key(&word[..length - 1]), "{word:?}");
        }
        assert_eq!(ShortWord::new(""), None);
        assert_eq!(ShortWord::new(&"x".repeat(SHORT_WORD_BYTES + 1)), None);
    }

    #[test]
    fn a_word_keeps_its_number_whether_short_or_long() {
        let mut vocabulary = Vocabulary::default();
        let long = "datenschutzfolgenabschätzungen";
        for word in [
            "a",
            "ab",
            "abc",
            "abcd",
            "abcdefgh",
            "abcdefghijklmnop",
            long,
            "stop",
        ] {
            let first =
                vocabulary.written(word, |v| (word != "stop").then(|| v.number(word, word)));
            let again = vocabulary.written(word, |_| panic!("{word} analysed twice"));
            assert_eq!(first, again, "{word}");
        }
        assert_eq!(vocabulary.written("stop", |_| unreachable!()), None);
        assert_eq!(vocabulary.len(), 7);
    }
}
