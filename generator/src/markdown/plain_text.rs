//! The plain text of a page's sections, for the search index: `render` hands it the text of
//! every Markdown event as it goes and marks where headings start and end; it keeps the words
//! joined by single spaces as they come (any run of white space, `U+00A0` and the other
//! Unicode spaces included, becomes one space), and cuts the text into sections at the
//! headings. A build without search collects nothing, so it pays nothing for it.

use super::section_texts::{SectionTexts, TextStore};

thread_local! {
    /// The buffer each rendering thread collects its pages' texts in, one page after another.
    static SCRATCH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Collects a page's words and the spans of its headings.
#[derive(Debug, Default)]
pub struct PlainText {
    /// Whether anything is collected at all.
    enabled: bool,
    /// The words so far, joined by single spaces; no space at the start.
    text: String,
    /// Whether a space is owed before the next word: white space came after the last one.
    space_owed: bool,
    /// Where each heading's text starts and ends in `text`.
    heading_spans: Vec<(usize, usize)>,
}

impl PlainText {
    /// Starts collecting, or, where `enabled` is false, a collector that keeps nothing. The
    /// text is collected in a buffer of the thread's that every page reuses (its words go to
    /// the site's `TextStore` at the end), so collecting allocates nothing per page.
    /// `headings` sizes the list of heading spans.
    pub fn new(enabled: bool, headings: usize) -> PlainText {
        if !enabled {
            return PlainText::default();
        }
        let mut text = SCRATCH.with(|scratch| std::mem::take(&mut *scratch.borrow_mut()));
        text.clear();
        PlainText {
            enabled,
            text,
            space_owed: false,
            heading_spans: Vec::with_capacity(headings),
        }
    }

    /// Appends text as it stands in the page: words touching the previous text join it.
    pub fn push(&mut self, text: &str) {
        if !self.enabled {
            return;
        }
        // One pass over the bytes, appending runs of words at once: a single space between
        // two words stays in its run; other white space ends the run. Blocks of `BLOCK`
        // bytes that hold only words and single spaces are skipped whole (most of a page's
        // text); elsewhere ASCII white space is told by its byte, and only the four lead
        // bytes that can start a Unicode space are decoded (`char::is_whitespace`).
        let bytes = text.as_bytes();
        if is_plain(bytes) {
            // Most events: words joined by single spaces, perhaps with a space at either end.
            let (body, leading) = match text.strip_prefix(' ') {
                Some(rest) => (rest, true),
                None => (text, false),
            };
            let (body, trailing) = match body.strip_suffix(' ') {
                Some(rest) => (rest, true),
                None => (body, false),
            };
            self.space_owed |= leading;
            self.word(body);
            self.space_owed |= trailing;
            return;
        }
        let mut word_start = 0;
        let mut at = 0;
        while at < bytes.len() {
            if let Some(block) = bytes.get(at..at + BLOCK + 1) {
                // A space that starts the run is white space to drop, not a separator.
                if (at > word_start || block[0] != b' ') && is_single_spaced(block) {
                    at += BLOCK;
                    continue;
                }
            }
            let block_end = (at + BLOCK).min(bytes.len());
            while at < block_end {
                let space = match bytes[at] {
                    b' ' if at > word_start
                        && bytes
                            .get(at + 1)
                            .is_some_and(|&next| !may_start_space(next)) =>
                    {
                        0
                    }
                    b' ' | b'\t'..=b'\r' => 1,
                    0xc2 | 0xe1..=0xe3 => text[at..]
                        .chars()
                        .next()
                        .filter(|c| c.is_whitespace())
                        .map_or(0, char::len_utf8),
                    _ => 0,
                };
                if space == 0 {
                    at += 1;
                    continue;
                }
                self.word(&text[word_start..at]);
                self.space_owed = true;
                at += space;
                word_start = at;
            }
        }
        self.word(&text[word_start..]);
    }

    /// Notes white space that the Markdown implies between blocks, cells and lines.
    pub fn space(&mut self) {
        self.space_owed = true;
    }

    /// Notes that a heading's text starts here.
    pub fn heading_start(&mut self) {
        self.heading_spans.push((self.text.len(), self.text.len()));
    }

    /// Notes that the heading last started ends here.
    pub fn heading_end(&mut self) {
        if let Some(span) = self.heading_spans.last_mut() {
            span.1 = self.text.len();
        }
    }

    /// Appends the page's text to the store and returns where it is, with where its headings
    /// are (see `SectionTexts`). Nothing for a disabled collector.
    pub fn into_sections(self, store: &TextStore) -> SectionTexts {
        if !self.enabled {
            return SectionTexts::default();
        }
        let sections = SectionTexts::new(store.append(&self.text), self.heading_spans);
        let text = self.text;
        SCRATCH.with(|scratch| *scratch.borrow_mut() = text);
        sections
    }

    /// Appends words (or a piece of one) joined by single spaces, after the space owed if
    /// there is one.
    fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if self.space_owed && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.space_owed = false;
        self.text.push_str(word);
    }
}

/// The bytes `push` checks at once for words joined by single spaces.
const BLOCK: usize = 32;

/// Tells whether the first `BLOCK` bytes of `block` (which holds one more) are words joined
/// by single spaces, the last perhaps followed by another word: no byte that may start white
/// space but `' '`, and no `' '` followed by a byte that may. It has no branches, so the
/// compiler checks many bytes per instruction.
fn is_single_spaced(block: &[u8]) -> bool {
    let mut mixed = false;
    for (&byte, &next) in block[..BLOCK].iter().zip(&block[1..]) {
        mixed |= may_start_other_space(byte) | ((byte == b' ') & may_start_space(next));
    }
    !mixed
}

/// Tells whether a text holds only words joined by single spaces: no white space but `' '`
/// (`char::is_whitespace`: ASCII `\t` to `\r`, and the Unicode spaces, told by their UTF-8
/// bytes, so that quotes and dashes such as „ “ – do not count), and no two spaces in a row.
/// Each byte is checked with the two after it, 16 at a time without branches, so the compiler
/// checks them in vector registers.
fn is_plain(bytes: &[u8]) -> bool {
    // Two bytes past the end, neither of which continues a space or is one.
    let padded = |at: usize| bytes.get(at).copied().unwrap_or(0);
    let starts_space = |byte: u8, next: u8, after: u8| {
        let ascii = matches!(byte, b'\t'..=b'\r') | ((byte == b' ') & (next == b' '));
        // U+0085, U+00A0
        let latin = (byte == 0xc2) & ((next == 0x85) | (next == 0xa0));
        // U+1680
        let ogham = (byte == 0xe1) & (next == 0x9a) & (after == 0x80);
        // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
        let general = (byte == 0xe2)
            & (((next == 0x80)
                & ((after <= 0x8a) | (after == 0xa8) | (after == 0xa9) | (after == 0xaf)))
                | ((next == 0x81) & (after == 0x9f)));
        // U+3000
        let ideographic = (byte == 0xe3) & (next == 0x80) & (after == 0x80);
        ascii | latin | ogham | general | ideographic
    };
    let whole = bytes.len().saturating_sub(2);
    let mut mixed = false;
    let (mut chunks, mut nexts, mut afters) = (
        bytes[..whole].chunks_exact(16),
        bytes[1.min(bytes.len())..].chunks_exact(16),
        bytes[2.min(bytes.len())..].chunks_exact(16),
    );
    for ((chunk, next), after) in (&mut chunks).zip(&mut nexts).zip(&mut afters) {
        for at in 0..16 {
            mixed |= starts_space(chunk[at], next[at], after[at]);
        }
    }
    let tail = whole - chunks.remainder().len();
    for (at, &byte) in bytes.iter().enumerate().skip(tail) {
        mixed |= starts_space(byte, padded(at + 1), padded(at + 2));
    }
    !mixed
}

/// Tells whether a byte may start white space: a space, or what `may_start_other_space` names.
fn may_start_space(byte: u8) -> bool {
    byte == b' ' || may_start_other_space(byte)
}

/// Tells whether a byte may start white space other than a space: ASCII white space (`\t` to
/// `\r`), or the first byte of a Unicode space (`U+0085`, `U+00A0`, `U+1680`, `U+2000`–`U+205F`,
/// `U+3000`).
fn may_start_other_space(byte: u8) -> bool {
    matches!(byte, b'\t'..=b'\r' | 0xc2 | 0xe1..=0xe3)
}

#[cfg(test)]
mod tests {
    use super::PlainText;
    use crate::markdown::section_texts::TextStore;

    /// What the collector must equal: the whole text as it came, cut at the headings, and
    /// each section's words joined by single spaces (the way the generator did it before).
    #[derive(Default)]
    struct Reference {
        text: String,
        heading_spans: Vec<(usize, usize)>,
    }

    impl Reference {
        fn sections(&self) -> Vec<String> {
            let collapse = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut sections = Vec::new();
            let mut section_start = 0;
            for &(start, end) in &self.heading_spans {
                sections.push(collapse(&self.text[section_start..start]));
                section_start = end;
            }
            sections.push(collapse(&self.text[section_start..]));
            sections
        }
    }

    #[test]
    fn matches_the_reference_on_random_event_sequences() {
        let pieces = [
            "",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{b}",
            "\u{c}",
            "\r\n",
            "\u{a0}",
            "\u{202f}",
            "\u{2009}",
            "\u{85}",
            "\u{1680}",
            "\u{3000}",
            "\u{2028}",
            "\u{200b}",
            "x",
            "Wort",
            "Größe",
            "é",
            "€",
            "→",
            "—",
            "ẞ",
            "日本",
            "a b",
            " Ende ",
            "z.\u{a0}B.",
            "\u{a9}",
            "\u{e9}",
            "„Zitat“",
            "…",
            "–",
            "\u{2029}",
            "\u{205f}",
            "\u{200a}",
            "\u{2010}",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        let store = TextStore::default();
        for _ in 0..20_000 {
            let mut collected = PlainText::new(true, 0);
            let mut reference = Reference::default();
            let mut in_heading = false;
            for _ in 0..next(12) {
                match next(10) {
                    0 => {
                        collected.space();
                        reference.text.push(' ');
                    }
                    1 if !in_heading => {
                        collected.heading_start();
                        let at = reference.text.len();
                        reference.heading_spans.push((at, at));
                        in_heading = true;
                    }
                    2 if in_heading => {
                        collected.heading_end();
                        reference.heading_spans.last_mut().unwrap().1 = reference.text.len();
                        in_heading = false;
                    }
                    _ => {
                        // Now and then a long text of words mostly joined by single spaces,
                        // perhaps after a space: what `push` checks in blocks.
                        let text: String = if next(3) == 0 {
                            let mut text = String::from([" ", ""][next(2)]);
                            for _ in 0..next(30) {
                                text.push_str(["abc", "Wörter", "x"][next(3)]);
                                match next(10) {
                                    0 => text.push_str(pieces[next(pieces.len())]),
                                    1 => {
                                        text.push(' ');
                                        text.push_str(pieces[next(pieces.len())]);
                                    }
                                    _ => text.push(' '),
                                }
                            }
                            text
                        } else {
                            (0..next(4)).map(|_| pieces[next(pieces.len())]).collect()
                        };
                        collected.push(&text);
                        reference.text.push_str(&text);
                    }
                }
            }
            // One store for every round: each page's text lands after the previous ones.
            let sections = collected.into_sections(&store);
            assert_eq!(
                sections.sections(&store.read()).collect::<Vec<_>>(),
                reference.sections()
            );
        }
    }

    #[test]
    fn a_disabled_collector_keeps_nothing() {
        let mut collected = PlainText::new(false, 0);
        collected.push("Ein Abschnitt");
        collected.heading_start();
        collected.push("Titel");
        collected.heading_end();
        let store = TextStore::default();
        assert!(collected.into_sections(&store).is_empty());
        assert!(store.read().is_empty());
    }

    #[test]
    fn sections_are_slices_and_spans_may_join_them() {
        let mut collected = PlainText::new(true, 0);
        collected.push("Vorwort ");
        collected.heading_start();
        collected.push("Eins");
        collected.heading_end();
        collected.space();
        collected.push(" Text eins ");
        collected.heading_start();
        collected.push("Zwei");
        collected.heading_end();
        collected.space();
        collected.heading_start();
        collected.push("Drei");
        collected.heading_end();
        collected.space();
        collected.push("Text drei");
        let store = TextStore::default();
        store.append("An earlier page. ");
        let sections = collected.into_sections(&store);
        let stored = store.read();
        assert_eq!(
            sections.sections(&stored).collect::<Vec<_>>(),
            ["Vorwort", "Text eins", "", "Text drei"]
        );
        let text = |first, last| &sections.text(&stored)[sections.span(&stored, first, last)];
        assert_eq!(text(1, 3), "Text eins Zwei Drei Text drei");
        assert_eq!(text(1, 2), "Text eins Zwei");
        assert_eq!(text(2, 2), "");
        assert_eq!(sections.span(&stored, 4, 4), 0..0);
    }
}
