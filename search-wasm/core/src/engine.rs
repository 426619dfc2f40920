//! Answering queries from the index files, in the browser or natively (the relevance tests
//! run this same code). The engine starts from the manifest alone; `plan` turns a query into
//! clauses and tells which term chunks it needs, the caller fetches them (`add_term_chunk`),
//! `rank` scores the documents, and the caller fetches the fragment chunks of the shown
//! results (`fragments_needed`, `add_fragment_chunk`) before `results` builds the view.
//!
//! Each word of the query is a clause. A word that starts a synonym entry's sequence is
//! replaced, with the rest of the entry, by the group's term. While the reader types, the last
//! word (when the query does not end with a space) also matches every term that starts with
//! it, at `PREFIX_WEIGHT`. A document scores the BM25 sum of its best match per clause; the
//! documents that match more clauses come first.

use std::collections::HashMap;

use crate::analyze::{Analyzer, Language};
use crate::build::K1;
use crate::codec::FormatError;
use crate::excerpt::{excerpt, Highlighter, Segment};
use crate::format::{decode_fragments, decode_terms, Fragment, Manifest, TermEntry};
use crate::synonyms::Synonyms;

/// How much a term found only by the prefix of the last word counts.
pub const PREFIX_WEIGHT: f32 = 0.8;
/// The shortest last word (in characters) that is matched as a prefix.
pub const MIN_PREFIX_CHARS: usize = 3;
/// The most terms one prefix expands to (the most frequent win).
pub const MAX_PREFIX_TERMS: usize = 50;
/// The most term chunks one prefix may need; a longer range is cut. Six chunks of
/// `TERM_CHUNK_BYTES` (4 KB) are as many bytes as two chunks were at 12 KB.
pub const MAX_PREFIX_CHUNKS: usize = 6;

/// One clause of a query: the terms that satisfy it.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// Terms matched exactly.
    pub terms: Vec<String>,
    /// A folded word every matching term starts with, for the word being typed.
    pub prefix: Option<String>,
}

/// A planned query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// The clauses, in the order of the query's words.
    pub clauses: Vec<Clause>,
    /// Highlights the query's words in excerpts.
    pub highlighter: Highlighter,
}

/// A document that matched, with its rank.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// The document's number.
    pub document: u32,
    /// How many clauses it matched.
    pub matched: u32,
    /// The BM25 score.
    pub score: f32,
}

/// One result section (or question) as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionResult {
    /// Where the result leads: the section's heading anchor or the question.
    pub url: String,
    /// The section heading or the question.
    pub heading: String,
    /// Where it stands (parent heading, checklist section), or empty.
    pub context: String,
    /// The excerpt, with the query's words marked.
    pub excerpt: Vec<Segment>,
}

/// The results on one page, grouped under the page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageResult {
    /// The page title.
    pub title: String,
    /// The page URL.
    pub url: String,
    /// The page's matching sections, best first.
    pub sections: Vec<SectionResult>,
}

/// The engine of one language's index.
pub struct Engine {
    analyzer: Analyzer,
    synonyms: Synonyms,
    manifest: Manifest,
    term_chunks: Vec<Option<Vec<TermEntry>>>,
    fragment_chunks: Vec<Option<Vec<Fragment>>>,
}

impl Engine {
    /// Starts an engine from a manifest's bytes.
    pub fn new(manifest: &[u8]) -> Result<Engine, FormatError> {
        let manifest = Manifest::decode(manifest)?;
        let analyzer = Analyzer::new(Language::from_code(&manifest.language));
        let synonyms = Synonyms::new(&manifest.synonyms, &analyzer);
        Ok(Engine {
            analyzer,
            synonyms,
            term_chunks: vec![None; manifest.term_chunks.len()],
            fragment_chunks: vec![None; manifest.fragment_chunks.len()],
            manifest,
        })
    }

    /// Returns the manifest.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Turns a query as typed into clauses.
    pub fn plan(&self, text: &str) -> Query {
        let tokens = self.analyzer.tokens(text);
        let typing = !text.ends_with(char::is_whitespace)
            && tokens.last().is_some_and(|last| last.end == text.len());
        let matches = self.synonyms.find(&tokens);
        let mut query = Query::default();
        let mut at = 0;
        while at < tokens.len() {
            if let Some(found) = matches.iter().find(|found| found.first == at) {
                query.clauses.push(Clause {
                    terms: vec![Synonyms::group_term(found.group)],
                    prefix: None,
                });
                for entry in self.synonyms.group_entries(found.group) {
                    query.highlighter.add_terms(entry);
                }
                at += found.len;
                continue;
            }
            let token = &tokens[at];
            let last = at + 1 == tokens.len();
            let prefix = (last && typing && token.folded.chars().count() >= MIN_PREFIX_CHARS)
                .then(|| token.folded.clone());
            query
                .highlighter
                .add_terms(std::slice::from_ref(&token.term));
            if let Some(prefix) = &prefix {
                query.highlighter.add_prefix(prefix);
            }
            let mut terms = vec![token.term.clone()];
            terms.extend(self.analyzer.query_variant(&token.term));
            query.highlighter.add_terms(&terms[1..]);
            query.clauses.push(Clause { terms, prefix });
            at += 1;
        }
        query
    }

    /// Returns the term chunks a query needs that are not loaded yet, by number.
    pub fn chunks_needed(&self, query: &Query) -> Vec<usize> {
        let mut needed = Vec::new();
        for clause in &query.clauses {
            for term in &clause.terms {
                needed.push(self.chunk_of(term));
            }
            if let Some(prefix) = &clause.prefix {
                let first = self.chunk_of(prefix);
                let mut last = first;
                while last + 1 < self.manifest.term_chunks.len()
                    && last + 1 - first < MAX_PREFIX_CHUNKS
                    && self.manifest.term_chunks[last + 1].starts_with(prefix.as_str())
                {
                    last += 1;
                }
                needed.extend(first..=last);
            }
        }
        needed.sort_unstable();
        needed.dedup();
        needed.retain(|&chunk| self.term_chunks.get(chunk).is_some_and(Option::is_none));
        needed
    }

    /// Loads a term chunk fetched by the caller.
    pub fn add_term_chunk(&mut self, number: usize, bytes: &[u8]) -> Result<(), FormatError> {
        let slot = self
            .term_chunks
            .get_mut(number)
            .ok_or(FormatError("no such term chunk"))?;
        *slot = Some(decode_terms(bytes)?);
        Ok(())
    }

    /// Scores every document that matches a clause, best first. Chunks not loaded count as
    /// holding nothing.
    pub fn rank(&self, query: &Query) -> Vec<Hit> {
        let documents = self.manifest.documents as f32;
        let mut scores: HashMap<u32, (u32, f32)> = HashMap::new();
        for clause in &query.clauses {
            let mut best: HashMap<u32, f32> = HashMap::new();
            // The clause's terms mean one thing, so they share one IDF: that of the most
            // frequent (as Lucene blends synonyms), lest a rare spelling outrank the heading
            // that uses the common one.
            let exact: Vec<&TermEntry> = clause
                .terms
                .iter()
                .filter_map(|term| self.entry(term))
                .collect();
            let shared = exact.iter().map(|entry| entry.frequency).max();
            let mut add = |entry: &TermEntry, weight: f32, blend: bool| {
                let frequency = match shared {
                    Some(shared) if blend => shared.max(entry.frequency),
                    _ => entry.frequency,
                } as f32;
                let idf = (1.0 + (documents - frequency + 0.5) / (frequency + 0.5)).ln();
                for posting in &entry.postings {
                    let score = weight * idf * (K1 + 1.0) * f32::from(posting.impact) / 255.0;
                    let slot = best.entry(posting.document).or_insert(0.0);
                    *slot = slot.max(score);
                }
            };
            for entry in &exact {
                add(entry, 1.0, true);
            }
            if let Some(prefix) = &clause.prefix {
                for entry in self.prefix_entries(prefix) {
                    if !clause.terms.contains(&entry.term) {
                        add(entry, PREFIX_WEIGHT, false);
                    }
                }
            }
            for (document, score) in best {
                let slot = scores.entry(document).or_insert((0, 0.0));
                slot.0 += 1;
                slot.1 += score;
            }
        }
        let mut hits: Vec<Hit> = scores
            .into_iter()
            .map(|(document, (matched, score))| Hit {
                document,
                matched,
                score,
            })
            .collect();
        hits.sort_by(|a, b| {
            b.matched
                .cmp(&a.matched)
                .then(b.score.total_cmp(&a.score))
                .then(a.document.cmp(&b.document))
        });
        hits
    }

    /// Returns the fragment chunks the given hits need that are not loaded yet, by number.
    pub fn fragments_needed(&self, hits: &[Hit]) -> Vec<usize> {
        let mut needed: Vec<usize> = hits
            .iter()
            .map(|hit| self.fragment_chunk_of(hit.document))
            .filter(|&chunk| self.fragment_chunks.get(chunk).is_some_and(Option::is_none))
            .collect();
        needed.sort_unstable();
        needed.dedup();
        needed
    }

    /// Loads a fragment chunk fetched by the caller.
    pub fn add_fragment_chunk(&mut self, number: usize, bytes: &[u8]) -> Result<(), FormatError> {
        let slot = self
            .fragment_chunks
            .get_mut(number)
            .ok_or(FormatError("no such fragment chunk"))?;
        *slot = Some(decode_fragments(bytes)?);
        Ok(())
    }

    /// Returns the fragment of a document, when its chunk is loaded.
    pub fn fragment(&self, document: u32) -> Option<&Fragment> {
        let chunk = self.fragment_chunk_of(document);
        let first = *self.manifest.fragment_chunks.get(chunk)?;
        self.fragment_chunks
            .get(chunk)?
            .as_ref()?
            .get((document - first) as usize)
    }

    /// Builds the shown results from hits whose fragments are loaded: each section with its
    /// excerpt, grouped under its page in the order of each page's best section.
    pub fn results(&self, query: &Query, hits: &[Hit]) -> Vec<PageResult> {
        let mut pages: Vec<PageResult> = Vec::new();
        for hit in hits {
            let Some(fragment) = self.fragment(hit.document) else {
                continue;
            };
            let section = SectionResult {
                url: fragment.url.clone(),
                heading: fragment.heading.clone(),
                context: fragment.context.clone(),
                excerpt: excerpt(&self.analyzer, &fragment.text, &query.highlighter),
            };
            match pages.iter_mut().find(|page| page.url == fragment.page_url) {
                Some(page) => page.sections.push(section),
                None => pages.push(PageResult {
                    title: fragment.page_title.clone(),
                    url: fragment.page_url.clone(),
                    sections: vec![section],
                }),
            }
        }
        pages
    }

    /// Returns the number of the term chunk a term sorts into.
    fn chunk_of(&self, term: &str) -> usize {
        self.manifest
            .term_chunks
            .partition_point(|first| first.as_str() <= term)
            .saturating_sub(1)
    }

    /// Returns the number of the fragment chunk that holds a document.
    fn fragment_chunk_of(&self, document: u32) -> usize {
        self.manifest
            .fragment_chunks
            .partition_point(|&first| first <= document)
            .saturating_sub(1)
    }

    /// Finds a term in the loaded chunks.
    fn entry(&self, term: &str) -> Option<&TermEntry> {
        let chunk = self.term_chunks.get(self.chunk_of(term))?.as_ref()?;
        chunk
            .binary_search_by(|entry| entry.term.as_str().cmp(term))
            .ok()
            .map(|at| &chunk[at])
    }

    /// Returns the loaded terms that start with a prefix, the most frequent first.
    fn prefix_entries(&self, prefix: &str) -> Vec<&TermEntry> {
        let first = self.chunk_of(prefix);
        let mut found: Vec<&TermEntry> = Vec::new();
        for chunk in self.term_chunks[first..].iter().take(MAX_PREFIX_CHUNKS) {
            let Some(chunk) = chunk else { break };
            let start = chunk.partition_point(|entry| entry.term.as_str() < prefix);
            let before = found.len();
            found.extend(
                chunk[start..]
                    .iter()
                    .take_while(|entry| entry.term.starts_with(prefix)),
            );
            if found.len() == before && start < chunk.len() {
                break;
            }
        }
        found.sort_by(|a, b| b.frequency.cmp(&a.frequency).then(a.term.cmp(&b.term)));
        found.truncate(MAX_PREFIX_TERMS);
        found
    }
}
