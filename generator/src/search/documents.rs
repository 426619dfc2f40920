//! The search documents of a language: every `##`/`###` section of its pages, as spans of
//! the pages' texts (`PageDocuments`), and every question of its checklist
//! (`question_documents`).

use std::borrow::Cow;

use checklist_core::Definition;
use search_core::{Document, Fragment};

use crate::content::Page;
use crate::markdown::{Heading, SectionTexts};

/// A page of one language with what its search documents are made of.
pub struct IndexedPage<'a> {
    /// The page.
    pub page: &'a Page,
    /// Where its text and its sections are, as `RenderedPage::section_texts` holds them.
    pub section_texts: &'a SectionTexts,
    /// Its headings, with the ids the renderer gave them.
    pub headings: &'a [Heading],
    /// Its URL.
    pub url: String,
}

/// Where a part of a document is: its text in `PageDocuments::texts`, the rest in
/// `PageDocuments::buffer`.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: usize,
    end: usize,
}

/// One search document, as spans of its language's texts and buffer.
#[derive(Debug, Clone, Copy)]
struct DocumentSpans {
    url: Span,
    anchor: Span,
    page_title: Span,
    heading: Span,
    context: Span,
    text: Span,
}

/// The search documents of a language's pages. Their texts are spans of the pages' texts
/// (the site's `TextStore`), borrowed for a build and copied, compactly, for `serve`
/// (`into_owned`); the rest (each page's URL, title, headings' anchors and texts) is in one
/// buffer, page after page, rather than in several strings per section. A build borrows the
/// texts rather than copying them because every fresh page of memory costs (on this
/// machine's VM about 8 µs to touch first), and a copy of 5,000 pages' texts is about 20 MB.
#[derive(Default)]
pub struct PageDocuments<'t> {
    /// The pages' texts, which the documents' `text` spans point into.
    texts: Cow<'t, str>,
    /// Everything else the documents hold.
    buffer: String,
    documents: Vec<DocumentSpans>,
}

/// Appends a text to a buffer and returns where it is.
fn append(buffer: &mut String, text: &str) -> Span {
    let start = buffer.len();
    buffer.push_str(text);
    Span {
        start,
        end: buffer.len(),
    }
}

impl<'t> PageDocuments<'t> {
    /// The documents of a language's pages, whose texts are in `store` (the site's
    /// `TextStore`), in order.
    pub fn new(store: &'t str, pages: &[IndexedPage]) -> PageDocuments<'t> {
        let mut documents = PageDocuments {
            texts: Cow::Borrowed(store),
            buffer: String::with_capacity(
                pages
                    .iter()
                    .map(|indexed| {
                        indexed.url.len()
                            + indexed.page.front.title.len()
                            + indexed
                                .headings
                                .iter()
                                .map(|heading| heading.id.len() + heading.text.len() + 2)
                                .sum::<usize>()
                    })
                    .sum(),
            ),
            documents: Vec::with_capacity(pages.iter().map(|page| page.headings.len() + 1).sum()),
        };
        for indexed in pages {
            documents.add_page(indexed);
        }
        documents
    }

    /// The documents, borrowed from the buffer and the texts.
    pub fn documents(&self) -> impl Iterator<Item = Document<'_>> {
        let part = |span: Span| &self.buffer[span.start..span.end];
        self.documents.iter().map(move |document| Document {
            url: part(document.url),
            anchor: part(document.anchor),
            page_title: part(document.page_title),
            page_url: part(document.url),
            heading: part(document.heading),
            context: part(document.context),
            text: &self.texts[document.text.start..document.text.end],
        })
    }

    /// The same documents with their texts copied out of the pages' texts, one after the
    /// other, so that they outlive the site's store (and its texts of pages since edited).
    pub fn into_owned(self) -> PageDocuments<'static> {
        let mut texts = String::with_capacity(
            self.documents
                .iter()
                .map(|document| document.text.end - document.text.start)
                .sum(),
        );
        let documents = self
            .documents
            .into_iter()
            .map(|mut document| {
                let start = texts.len();
                texts.push_str(&self.texts[document.text.start..document.text.end]);
                document.text = Span {
                    start,
                    end: texts.len(),
                };
                document
            })
            .collect();
        PageDocuments {
            texts: Cow::Owned(texts),
            buffer: self.buffer,
            documents,
        }
    }

    /// How many documents there are.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    /// Tells whether there are none.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// Adds the search documents of one page, whose text is in `self.texts`: the text
    /// before its first heading, and each `##`/`###` section (deeper headings and their text
    /// stay in their section), linked to its anchor.
    fn add_page(&mut self, indexed: &IndexedPage) {
        let IndexedPage {
            page,
            section_texts,
            headings,
            url,
        } = indexed;
        let PageDocuments {
            texts,
            buffer,
            documents,
        } = self;
        let store: &str = texts;
        // Where the page's sections are in the texts: the store's own spans, moved by where
        // the page's text starts.
        let page_start = section_texts.range().start;
        let text_of = |first: usize, last: usize| {
            let span = section_texts.span(store, first, last);
            Span {
                start: page_start + span.start,
                end: page_start + span.end,
            }
        };
        let url = append(buffer, url);
        let page_title = append(buffer, &page.front.title);
        // The last section a document's text runs to: its own, and those of the deeper
        // headings right after it (the section after heading `n` is section `n + 1`).
        let last_section = |section: usize| {
            section
                + headings[section..]
                    .iter()
                    .take_while(|deeper| deeper.level > 3)
                    .count()
        };
        // The text before the first heading is a document where it has words (or the page
        // has no headings); otherwise the text of deeper headings before the first
        // `##`/`###` is left out, as that of a section without a document.
        if !section_texts.span(store, 0, 0).is_empty() || headings.is_empty() {
            let text = text_of(0, last_section(0));
            documents.push(DocumentSpans {
                url,
                anchor: Span::default(),
                page_title,
                heading: page_title,
                context: Span::default(),
                text,
            });
        }
        let mut parent = Span::default();
        for (number, heading) in headings.iter().enumerate() {
            if heading.level > 3 {
                continue;
            }
            let section = number + 1;
            let text = text_of(section, last_section(section));
            let anchor_start = buffer.len();
            buffer.push('#');
            buffer.push_str(&heading.id);
            let anchor = Span {
                start: anchor_start,
                end: buffer.len(),
            };
            let heading_span = append(buffer, &heading.text);
            let context = if heading.level == 3 {
                parent
            } else {
                Span::default()
            };
            if heading.level <= 2 {
                parent = heading_span;
            }
            documents.push(DocumentSpans {
                url,
                anchor,
                page_title,
                heading: heading_span,
                context,
                text,
            });
        }
    }
}

/// The checklist page of one language, whose questions become search documents.
pub struct IndexedChecklist<'a> {
    /// The checklist definition.
    pub definition: &'a Definition,
    /// The checklist page's title.
    pub title: String,
    /// The checklist page's URL.
    pub url: String,
}

/// Returns the search documents of the checklist's questions in one language: the question
/// as heading, its section as context, its help and what to ask for as text. Each links to
/// the question on the checklist page (`#q-<id>`, the printable form's fieldset, which the
/// checklist's loader maps to the question in the interactive view).
pub fn question_documents(checklist: &IndexedChecklist, lang: &str) -> Vec<Fragment> {
    let definition = checklist.definition;
    definition
        .questions
        .iter()
        .map(|question| {
            let section = definition
                .sections
                .iter()
                .find(|section| section.id == question.section)
                .map_or("", |section| section.title.text(lang));
            let mut text = question
                .help
                .as_ref()
                .map_or(String::new(), |help| help.text(lang).to_string());
            for ask in &question.ask_for {
                text.push(' ');
                text.push_str(ask.text(lang));
            }
            Fragment {
                url: format!("{}#q-{}", checklist.url, question.id),
                page_title: checklist.title.clone(),
                page_url: checklist.url.clone(),
                heading: question.text.text(lang).to_string(),
                context: section.to_string(),
                text: text.trim().to_string(),
            }
        })
        .collect()
}
