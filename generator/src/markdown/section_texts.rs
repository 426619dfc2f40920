//! Where the pages' plain texts are kept for the search index: every page's text is appended
//! to one `TextStore` of the site as soon as the page is rendered, and the page keeps only
//! where its text is and where its headings are (`SectionTexts`). One buffer for the site,
//! sized up front, instead of a string per page: 10,000 strings of a few kilobytes each, kept
//! alive among the renderer's short-lived allocations, left glibc's allocator searching its
//! bins and merging chunks for every later page (about 0.3 s of CPU at 5,000 pages per
//! language, more than collecting the text cost).

use std::ops::Range;
use std::sync::{RwLock, RwLockReadGuard};

/// The plain texts of a site's pages, one after the other.
#[derive(Debug, Default)]
pub struct TextStore {
    text: RwLock<String>,
}

impl TextStore {
    /// An empty store with room for about `bytes` of text (the pages' Markdown sources are
    /// about as long as their plain texts).
    pub fn with_capacity(bytes: usize) -> TextStore {
        TextStore {
            text: RwLock::new(String::with_capacity(bytes)),
        }
    }

    /// Appends a page's text and returns where it is.
    pub fn append(&self, text: &str) -> Range<usize> {
        let mut stored = self
            .text
            .write()
            .expect("no thread panics while appending a text");
        let start = stored.len();
        stored.push_str(text);
        start..stored.len()
    }

    /// Reads the texts, for as long as the guard lives (appending waits meanwhile).
    pub fn read(&self) -> RwLockReadGuard<'_, String> {
        self.text
            .read()
            .expect("no thread panics while appending a text")
    }
}

/// A page's plain text as `PlainText` collected it, headings included, with where each
/// heading's text is: the sections are slices of it (first the text before the first heading,
/// then the text under each heading, without the heading itself). The text itself is in the
/// site's `TextStore`, which every method that reads text is handed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionTexts {
    /// Where the page's text is in the store.
    text: Range<usize>,
    /// Where each heading's text starts and ends, relative to the page's text.
    heading_spans: Vec<(usize, usize)>,
    /// Whether anything was collected: a build without search has no sections at all.
    collected: bool,
}

impl SectionTexts {
    /// The sections of a page whose text is at `text` in the store.
    pub fn new(text: Range<usize>, heading_spans: Vec<(usize, usize)>) -> SectionTexts {
        SectionTexts {
            text,
            heading_spans,
            collected: true,
        }
    }

    /// Where the page's text is in the store (its sections' spans are relative to it).
    pub fn range(&self) -> Range<usize> {
        self.text.clone()
    }

    /// How many sections: one more than the page has headings, or none if nothing was
    /// collected.
    pub fn len(&self) -> usize {
        if self.collected {
            self.heading_spans.len() + 1
        } else {
            0
        }
    }

    /// Tells whether there are no sections (nothing was collected).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The page's whole text, out of the store's texts.
    pub fn text<'s>(&self, store: &'s str) -> &'s str {
        store.get(self.text.clone()).unwrap_or_default()
    }

    /// Where the text of the sections `first..=last` is in the page's text (`text`), without
    /// the spaces at either end: one section's text, or consecutive sections' with the
    /// headings between them. An empty range at 0 for sections the page does not have.
    pub fn span(&self, store: &str, first: usize, last: usize) -> Range<usize> {
        if first > last || last >= self.len() {
            return 0..0;
        }
        let text = self.text(store);
        let start = match first {
            0 => 0,
            _ => self.heading_spans[first - 1].1,
        };
        let end = self
            .heading_spans
            .get(last)
            .map_or(text.len(), |span| span.0);
        let slice = &text[start..end];
        let trimmed_start = start + (slice.len() - slice.trim_start_matches(' ').len());
        let trimmed_end = (start + slice.trim_end_matches(' ').len()).max(trimmed_start);
        trimmed_start..trimmed_end
    }

    /// The text of one section.
    pub fn section<'s>(&self, store: &'s str, number: usize) -> &'s str {
        &self.text(store)[self.span(store, number, number)]
    }

    /// Every section's text, in order.
    pub fn sections<'s>(&'s self, store: &'s str) -> impl Iterator<Item = &'s str> {
        (0..self.len()).map(move |number| self.section(store, number))
    }
}
