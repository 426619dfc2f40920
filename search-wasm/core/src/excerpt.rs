//! Excerpts: the part of a section's text that shows why it matched, with the query's words
//! marked. The result is a list of plain-text segments, each marked or not, so the page
//! builds it with text nodes and `<mark>` elements, never with HTML.

use crate::analyze::Analyzer;

/// About how many bytes of text an excerpt shows.
pub const EXCERPT_BYTES: usize = 220;

/// A piece of an excerpt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The text, as it stands on the page.
    pub text: String,
    /// Whether the text is a word the query matched.
    pub marked: bool,
}

/// Decides which words of a text the query matched.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Highlighter {
    terms: Vec<String>,
    prefixes: Vec<String>,
}

impl Highlighter {
    /// Marks words with these terms, and words that contain one of five letters or more
    /// (the parts of German compounds).
    pub fn add_terms(&mut self, terms: &[String]) {
        self.terms.extend(terms.iter().cloned());
    }

    /// Marks words that start with this folded prefix.
    pub fn add_prefix(&mut self, prefix: &str) {
        self.prefixes.push(prefix.to_string());
    }

    /// Tells whether a word (its term and folded spelling) is one the query matched.
    pub fn marks(&self, term: &str, folded: &str) -> bool {
        self.terms.iter().any(|wanted| {
            wanted == term || (wanted.chars().count() >= 5 && folded.contains(wanted.as_str()))
        }) || self
            .prefixes
            .iter()
            .any(|prefix| folded.starts_with(prefix.as_str()))
    }
}

/// Cuts the excerpt of a text around the stretch with the most marked words.
pub fn excerpt(analyzer: &Analyzer, text: &str, highlighter: &Highlighter) -> Vec<Segment> {
    let tokens = analyzer.tokens(text);
    let marked: Vec<(usize, usize)> = tokens
        .iter()
        .filter(|token| highlighter.marks(&token.term, &token.folded))
        .map(|token| (token.start, token.end))
        .collect();
    // The window starting a little before the marked word that has the most marked words
    // within reach.
    let mut start = 0;
    let mut best = 0;
    for (index, &(at, _)) in marked.iter().enumerate() {
        let count = marked[index..]
            .iter()
            .take_while(|(other, _)| *other < at + EXCERPT_BYTES * 3 / 4)
            .count();
        if count > best {
            best = count;
            start = at.saturating_sub(EXCERPT_BYTES / 4);
        }
    }
    let start = word_start(text, start);
    let end = word_end(text, (start + EXCERPT_BYTES).min(text.len()));
    let mut segments = Vec::new();
    let push = |segments: &mut Vec<Segment>, piece: &str, marked: bool| {
        if !piece.is_empty() {
            segments.push(Segment {
                text: piece.to_string(),
                marked,
            });
        }
    };
    if start > 0 {
        push(&mut segments, "… ", false);
    }
    let mut at = start;
    for &(word_start, word_end) in marked.iter().filter(|(s, e)| *s >= start && *e <= end) {
        push(&mut segments, &text[at..word_start], false);
        push(&mut segments, &text[word_start..word_end], true);
        at = word_end;
    }
    push(&mut segments, &text[at..end], false);
    if end < text.len() {
        push(&mut segments, " …", false);
    }
    segments
}

/// Moves a byte offset back to the start of its word (a space or the text's start).
fn word_start(text: &str, mut at: usize) -> usize {
    if at == 0 {
        return 0;
    }
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[..at].rfind(' ').map_or(0, |space| space + 1)
}

/// Moves a byte offset forward to the end of its word.
fn word_end(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    text[at..].find(' ').map_or(text.len(), |space| at + space)
}
