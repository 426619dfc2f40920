//! What a word is: the one word splitter behind `Analyzer::tokens` and
//! `Analyzer::word_ids`, which finds the words Unicode word segmentation (UAX #29) finds, as
//! `unicode_word_indices` would, but without its table lookups for the common case. No
//! segment with a letter or digit spans ASCII white space, so the text is cut there first (on
//! bytes: no byte of a multi-byte character is ASCII), eight bytes at a time. Most pieces are
//! a word of ASCII letters and digits, perhaps between punctuation that cannot join a word at
//! its edge (`word,` `(word)` „Wort“): that word is handed on as it is; other pieces are
//! segmented by `unicode-segmentation`.

use unicode_segmentation::UnicodeSegmentation;

/// Hands each word of a text to `found` with its byte offset, in order.
#[inline]
pub fn for_each_word<'a>(text: &'a str, mut found: impl FnMut(usize, &'a str)) {
    let bytes = text.as_bytes();
    let mut at = 0;
    loop {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if at == bytes.len() {
            return;
        }
        let start = at;
        let (end, alphanumeric) = piece_end(bytes, start);
        at = end;
        if alphanumeric {
            found(start, &text[start..end]);
        } else {
            piece_words(text, start, end, &mut found);
        }
    }
}

/// Returns where the piece starting at `start` (not white space) ends, the next ASCII white
/// space or the end of the text, and whether it is all ASCII letters and digits. Eight bytes
/// are read at a time, and each byte is told apart by arithmetic on the whole word (SWAR):
/// below 0x21 (white space and control characters, told apart only when met), an ASCII
/// letter, an ASCII digit.
#[inline]
fn piece_end(bytes: &[u8], start: usize) -> (usize, bool) {
    let mut end = start;
    let mut alphanumeric = true;
    while let Some(chunk) = bytes.get(end..end + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let low = ascii_below(word, 0x21);
        let other = !ascii_alphanumeric(word) & HIGH_BITS;
        if low == 0 {
            alphanumeric &= other == 0;
            end += 8;
            continue;
        }
        let first = low.trailing_zeros() / 8;
        alphanumeric &= other & ((1u64 << (first * 8)) - 1) == 0;
        end += first as usize;
        if bytes[end].is_ascii_whitespace() {
            return (end, alphanumeric);
        }
        // A control character: part of the piece, which is then no plain word.
        alphanumeric = false;
        end += 1;
    }
    while end < bytes.len() && !bytes[end].is_ascii_whitespace() {
        alphanumeric &= bytes[end].is_ascii_alphanumeric();
        end += 1;
    }
    (end, alphanumeric)
}

/// Hands on the words of a piece without white space that is not all ASCII letters and
/// digits: the word left once edge punctuation is cut, if it is one word as it stands, or
/// else the segments UAX #29 finds in the whole piece.
#[inline(never)]
fn piece_words<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    found: &mut impl FnMut(usize, &'a str),
) {
    let piece = &text[start..end];
    let (first, last) = trim_edge_punctuation(piece.as_bytes());
    let core = &piece[first..last];
    if core.is_empty() {
        return;
    }
    if core.bytes().all(|byte| byte.is_ascii_alphanumeric()) || is_one_word(core) {
        found(start + first, core);
        return;
    }
    for (offset, word) in piece.unicode_word_indices() {
        found(start + offset, word);
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` that is ASCII and below `bound` (at most 0x80): each
/// byte is set to at least 0x80 first, so subtracting `bound` never borrows from the next.
fn ascii_below(word: u64, bound: u8) -> u64 {
    !((word | HIGH_BITS) - ONES * u64::from(bound)) & !word & HIGH_BITS
}

/// The high bit of each byte of `word` that is an ASCII letter or digit (a letter with its
/// 0x20 bit set is `a` to `z`; no other byte becomes one).
fn ascii_alphanumeric(word: u64) -> u64 {
    let digit = ascii_below(word, b'9' + 1) & !ascii_below(word, b'0');
    let folded = word | (ONES * 0x20);
    let letter = ascii_below(folded, b'z' + 1) & !ascii_below(folded, b'a');
    digit | letter
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
            let length = (next() % 40) as usize;
            let text: String = (0..length)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect();
            let expected: Vec<(usize, &str)> = text.unicode_word_indices().collect();
            let mut found: Vec<(usize, &str)> = Vec::new();
            for_each_word(&text, |start, word| found.push((start, word)));
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn the_eight_byte_tests_agree_with_the_standard_library_on_every_byte() {
        for byte in 0..=255u8 {
            for at in 0..8 {
                let word =
                    u64::from(byte) << (8 * at) | 0x4141_4141_4141_4141 & !(0xff << (8 * at));
                let bit = 0x80u64 << (8 * at);
                assert_eq!(ascii_below(word, 0x21) & bit != 0, byte < 0x21, "{byte:#x}");
                assert_eq!(
                    ascii_alphanumeric(word) & bit != 0,
                    byte.is_ascii_alphanumeric(),
                    "{byte:#x}"
                );
            }
        }
    }
}
