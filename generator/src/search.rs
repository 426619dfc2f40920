//! The search index as a pipeline output. It loads and checks the synonym groups
//! (`content/synonyms.toml`), turns every `##`/`###` section of every page and every
//! checklist question into a search document, and writes each language's index with
//! `search_core` (the same code the browser runs): a manifest, term chunks and fragment
//! chunks below `search-index/<lang>/<hash>/`, where `<hash>` is a hash of every file of the
//! language's index, so a path never names other bytes than it did in an earlier build and
//! the files may be cached for good (`serve`, which forbids caching, writes to
//! `search-index/<lang>/`, so that an edit does not rename the folder every page names).
//! Analysis, ranking and the file formats are left to `search_core`; writing is left to the
//! one writer, like every other output file.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use checklist_core::Definition;
use search_core::format::encode_fragments;
use search_core::{
    fragment_chunks, Analyzer, Document, Fragment, IndexBuilder, Language, Synonyms,
};

use crate::config::Config;
use crate::content::Page;
use crate::diagnostics::{Problem, Problems};
use crate::markdown::{Heading, SectionTexts};
use crate::output::OutputFile;

/// The synonym groups' file, relative to the site root.
pub const SYNONYMS_FILE: &str = "content/synonyms.toml";

/// The folder of all indexes, below the output folder.
pub const INDEX_ROOT: &str = "search-index/";

/// How many hex digits of the content hash name an index's folder (64 bits: no two
/// different indexes of a site meet by chance).
const HASH_DIGITS: usize = 16;

/// The fewest documents analysed as one batch (each batch analyses its distinct words anew).
const MIN_BATCH: usize = 256;

/// A language's index: the folder its files are in, and the files.
pub struct LanguageIndex {
    /// The folder below the output folder, `search-index/<lang>/<hash>/`.
    pub dir: String,
    /// The manifest and its chunks, with paths below the output folder.
    pub files: Vec<OutputFile>,
}

/// The synonym groups of every language, as written.
pub type SynonymGroups = BTreeMap<String, Vec<Vec<String>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupSource {
    words: toml::Spanned<Vec<String>>,
}

/// Loads and checks `content/synonyms.toml`: one array of tables per language, each with
/// `words = [...]`. A site without the file has no synonyms.
pub fn load_synonyms(root: &Path, config: &Config) -> Result<SynonymGroups, Problems> {
    let path = root.join(SYNONYMS_FILE);
    if !path.exists() {
        return Ok(SynonymGroups::new());
    }
    let problem = |line: usize, message: String| Problem::new(SYNONYMS_FILE, line, message);
    let source = std::fs::read_to_string(&path)
        .map_err(|error| Problems(vec![problem(0, format!("cannot read: {error}"))]))?;
    let line_of = |offset: usize| source[..offset.min(source.len())].matches('\n').count() + 1;
    let parsed: BTreeMap<String, Vec<GroupSource>> = toml::from_str(&source).map_err(|error| {
        let line = error.span().map_or(0, |span| line_of(span.start));
        Problems(vec![problem(line, error.message().to_string())])
    })?;
    let mut problems = Problems::default();
    let mut groups = SynonymGroups::new();
    for (lang, sources) in parsed {
        if config.language(&lang).is_none() {
            let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
            problems.push(problem(
                0,
                format!(
                    "`{lang}` is no language of the site (its languages: {})",
                    codes.join(", ")
                ),
            ));
            continue;
        }
        let analyzer = Analyzer::new(Language::from_code(&lang));
        let lines: Vec<usize> = sources
            .iter()
            .map(|group| line_of(group.words.span().start))
            .collect();
        let words: Vec<Vec<String>> = sources
            .into_iter()
            .map(|group| group.words.into_inner())
            .collect();
        for (group, message) in Synonyms::problems(&words, &analyzer) {
            problems.push(problem(
                lines[group],
                format!("synonyms of `{lang}`: {message}"),
            ));
        }
        groups.insert(lang, words);
    }
    problems.into_result(groups)
}

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

/// Where a part of a document is in its language's buffer.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: usize,
    end: usize,
}

/// One search document, as spans of its language's buffer.
#[derive(Debug, Clone, Copy)]
struct DocumentSpans {
    url: Span,
    anchor: Span,
    page_title: Span,
    heading: Span,
    context: Span,
    text: Span,
}

/// The search documents of a language's pages, owned by one buffer that holds, page after
/// page, each page's URL, title, headings' anchors and texts, and its documents' texts: one
/// string for the language rather than several per section, so that the index, which `serve`
/// builds on a thread of its own, owns what it reads without a trail of small allocations.
#[derive(Default)]
pub struct PageDocuments {
    buffer: String,
    documents: Vec<DocumentSpans>,
}

impl PageDocuments {
    /// Appends a text and returns where it is.
    fn append(&mut self, text: &str) -> Span {
        let start = self.buffer.len();
        self.buffer.push_str(text);
        Span {
            start,
            end: self.buffer.len(),
        }
    }

    /// The documents, borrowed from the buffer.
    pub fn documents(&self) -> impl Iterator<Item = Document<'_>> {
        let part = |span: Span| &self.buffer[span.start..span.end];
        self.documents.iter().map(move |document| Document {
            url: part(document.url),
            anchor: part(document.anchor),
            page_title: part(document.page_title),
            page_url: part(document.url),
            heading: part(document.heading),
            context: part(document.context),
            text: part(document.text),
        })
    }

    /// How many documents there are.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    /// Tells whether there are none.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// Adds the search documents of one page whose text is in `store` (the site's
    /// `TextStore`): the text before its first heading, and each `##`/`###` section (deeper
    /// headings and their text stay in their section), linked to its anchor.
    pub fn add_page(&mut self, indexed: &IndexedPage, store: &str) {
        let IndexedPage {
            page,
            section_texts,
            headings,
            url,
        } = indexed;
        let page_text = section_texts.text(store);
        let url = self.append(url);
        let page_title = self.append(&page.front.title);
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
            let text = self.append(&page_text[section_texts.span(store, 0, last_section(0))]);
            self.documents.push(DocumentSpans {
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
            let text =
                self.append(&page_text[section_texts.span(store, section, last_section(section))]);
            let anchor_start = self.buffer.len();
            self.buffer.push('#');
            self.buffer.push_str(&heading.id);
            let anchor = Span {
                start: anchor_start,
                end: self.buffer.len(),
            };
            let heading_span = self.append(&heading.text);
            let context = if heading.level == 3 {
                parent
            } else {
                Span::default()
            };
            if heading.level <= 2 {
                parent = heading_span;
            }
            self.documents.push(DocumentSpans {
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

/// Builds the index of one language from its pages (in navigation order), whose texts are in
/// `store`, and, where the language has a checklist page, its questions, in a folder named by
/// its content.
pub fn index_files(
    lang: &str,
    synonyms: &SynonymGroups,
    pages: Vec<IndexedPage>,
    store: &str,
    checklist: Option<&IndexedChecklist>,
) -> LanguageIndex {
    index_input(
        lang,
        synonyms,
        pages,
        store,
        checklist,
        IndexFolder::ContentHash,
    )
    .build()
}

/// Everything one language's index is built from, owned, so that `serve` can build it on a
/// thread of its own after the edited page is served.
pub struct IndexInput {
    /// The language.
    pub lang: String,
    groups: Vec<Vec<String>>,
    /// The pages' documents, in navigation order.
    pages: PageDocuments,
    /// The checklist's questions, after the pages.
    questions: Vec<Fragment>,
    /// Whether the folder is named by the content hash (see [`IndexFolder`]).
    folder: IndexFolder,
}

/// How an index's folder is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexFolder {
    /// `search-index/<lang>/<hash>/`, for hosts that cache for good.
    ContentHash,
    /// `search-index/<lang>/`, for `serve`, which forbids caching: pages name the same
    /// folder whatever the index holds, so an edit does not change every page.
    Fixed,
}

/// Collects the search documents of one language's pages (in navigation order), whose texts
/// are in `store` (the site's `TextStore`), and, where the language has a checklist page,
/// its questions.
pub fn index_input(
    lang: &str,
    synonyms: &SynonymGroups,
    pages: Vec<IndexedPage>,
    store: &str,
    checklist: Option<&IndexedChecklist>,
    folder: IndexFolder,
) -> IndexInput {
    let mut documents = PageDocuments {
        buffer: String::with_capacity(
            pages
                .iter()
                .map(|indexed| {
                    indexed.section_texts.text(store).len()
                        + 2 * indexed.url.len()
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
    for indexed in &pages {
        documents.add_page(indexed, store);
    }
    let questions = checklist.map_or(Vec::new(), |checklist| question_documents(checklist, lang));
    IndexInput {
        lang: lang.to_string(),
        groups: synonyms.get(lang).cloned().unwrap_or_default(),
        pages: documents,
        questions,
        folder,
    }
}

/// Tells whether a built file is a search index file, whose folder is named by the index's
/// content in every build but `serve`'s (which writes no offline worker).
pub fn is_content_named(path: &str) -> bool {
    path.starts_with(INDEX_ROOT)
}

/// Returns the folder of a language's index when it is not named by its content.
pub fn fixed_index_dir(lang: &str) -> String {
    format!("{INDEX_ROOT}{lang}/")
}

impl IndexInput {
    /// Analyses the documents and builds the index files.
    pub fn build(self) -> LanguageIndex {
        let IndexInput {
            lang,
            groups,
            pages,
            questions,
            folder,
        } = self;
        let mut documents: Vec<Document> = Vec::with_capacity(pages.len() + questions.len());
        documents.extend(pages.documents());
        documents.extend(questions.iter().map(Fragment::document));
        let lang = lang.as_str();
        let builder = IndexBuilder::new(lang, &groups);
        // Batches of consecutive documents, a few per thread: each analyses its distinct
        // words once, and the batches' order keeps the documents' numbers.
        let batch = documents
            .len()
            .div_ceil(4 * rayon::current_num_threads())
            .max(MIN_BATCH);
        // The fragment chunks depend on the documents alone: they are encoded side by side
        // with the analysis and the single-threaded `finish_terms`.
        let chunks = fragment_chunks(&documents);
        let (terms, fragment_files) = rayon::join(
            || {
                let batches: Vec<_> = documents
                    .par_chunks(batch)
                    .map(|fragments| builder.analyze(fragments))
                    .collect();
                let mut builder = builder;
                for analyzed in batches {
                    builder.push(analyzed);
                }
                builder.finish_terms(&chunks)
            },
            || {
                chunks
                    .par_iter()
                    .map(|range| encode_fragments(&documents[range.clone()]))
                    .collect::<Vec<_>>()
            },
        );
        let mut named = vec![("manifest.bin".to_string(), terms.manifest)];
        for (number, bytes) in terms.term_chunks.into_iter().enumerate() {
            named.push((format!("t/{number}.bin"), bytes));
        }
        for (number, bytes) in fragment_files.into_iter().enumerate() {
            named.push((format!("f/{number}.bin"), bytes));
        }
        let dir = match folder {
            IndexFolder::ContentHash => format!("{INDEX_ROOT}{lang}/{}/", content_hash(&named)),
            IndexFolder::Fixed => fixed_index_dir(lang),
        };
        let files = named
            .into_iter()
            .map(|(name, bytes)| OutputFile::new(format!("{dir}{name}"), bytes))
            .collect();
        LanguageIndex { dir, files }
    }
}

/// Returns the first [`HASH_DIGITS`] hex digits of a hash of the files' names and bytes:
/// each file's name and bytes are hashed (lengths first, so no two files hash alike by moving
/// bytes between name and content), in parallel, and then the list of those hashes.
fn content_hash(named: &[(String, Vec<u8>)]) -> String {
    let digests: Vec<_> = named
        .par_iter()
        .map(|(name, bytes)| {
            let mut hasher = Sha256::new();
            hasher.update((name.len() as u64).to_le_bytes());
            hasher.update(name.as_bytes());
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
            hasher.finalize()
        })
        .collect();
    let mut hasher = Sha256::new();
    for digest in digests {
        hasher.update(digest);
    }
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect::<String>()[..HASH_DIGITS]
        .to_string()
}
