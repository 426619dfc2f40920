//! German compound words. A German reader who searches for „Verschlüsselung“ expects pages
//! about „Ende-zu-Ende-Verschlüsselung“ and „Verschlüsselungsverfahren“ too. Hyphenated
//! compounds need nothing here: word segmentation already splits them at their hyphens. Closed
//! compounds are split by this module, at index time, with the **corpus-vocabulary method**:
//!
//! - The vocabulary is every folded word of the indexed language that is at least
//!   `MIN_PART` characters long, as it occurs on its own somewhere in the site.
//! - A word is split into a head and a tail when the tail is a vocabulary word and the head is
//!   one too, either as it stands or without a German linking element (`s`, `es`, `n`, `en`,
//!   the „Fugen-s“ of `Verschlüsselung|s|verfahren`). The head may itself be a compound and is
//!   split the same way; the longest tail that works wins.
//! - The builder indexes the stem of each part as an extra term of the document, at half the
//!   weight of a whole word, so the whole word still ranks first.
//!
//! This needs no dictionary file, adapts to the site's own words, and never invents a part the
//! site does not use on its own, which keeps false splits (`Sicherheit` → `sich` + `erheit`)
//! out. Its cost: a part that never stands alone on the site is not found inside compounds;
//! for the last word of a query, the engine's prefix match still finds compounds that start
//! with it.

use std::collections::HashSet;

/// The fewest characters a compound part may have.
pub const MIN_PART: usize = 4;

/// Linking elements between the parts of a German compound, longest first.
const LINKING_ELEMENTS: &[&str] = &["es", "en", "s", "n"];

/// Splits closed compounds into parts the site uses as words of their own.
#[derive(Debug, Default)]
pub struct Decompounder {
    vocabulary: HashSet<String>,
}

impl Decompounder {
    /// Builds the vocabulary from the folded words of a corpus.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Decompounder {
        let vocabulary = words
            .into_iter()
            .filter(|word| word.chars().count() >= MIN_PART)
            .map(str::to_string)
            .collect();
        Decompounder { vocabulary }
    }

    /// Returns the parts of a folded word, in order, or nothing when it is no compound.
    pub fn parts<'w>(&self, word: &'w str) -> Vec<&'w str> {
        let mut parts = Vec::new();
        if self.split_into(word, &mut parts) {
            parts
        } else {
            Vec::new()
        }
    }

    /// Pushes the parts of `word` when it splits into vocabulary words; tells whether it did.
    fn split_into<'w>(&self, word: &'w str, parts: &mut Vec<&'w str>) -> bool {
        let boundaries: Vec<usize> = word.char_indices().map(|(at, _)| at).collect();
        if boundaries.len() < 2 * MIN_PART {
            return false;
        }
        // Longest tail first: the tail of a German compound is its main word.
        for &at in &boundaries[MIN_PART..=boundaries.len() - MIN_PART] {
            let (head, tail) = word.split_at(at);
            if !self.vocabulary.contains(tail) {
                continue;
            }
            let heads = std::iter::once(head).chain(
                LINKING_ELEMENTS
                    .iter()
                    .filter_map(|link| head.strip_suffix(link)),
            );
            for candidate in heads {
                if candidate.chars().count() < MIN_PART {
                    continue;
                }
                let mark = parts.len();
                if self.vocabulary.contains(candidate) || self.split_into(candidate, parts) {
                    if parts.len() == mark {
                        parts.push(candidate);
                    }
                    parts.push(tail);
                    return true;
                }
                parts.truncate(mark);
            }
        }
        false
    }
}
