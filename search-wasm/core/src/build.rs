//! Building the index of one language: documents in, the manifest and its chunks out. The
//! generator hands in every section of every page and every checklist question as a
//! `Fragment`; analysis runs per document (`analyze`, which may run in parallel), then
//! `finish` learns the vocabulary, splits German compounds, weighs every term with BM25 and
//! cuts the sorted terms and the fragments into chunks (see `format`).
//!
//! Ranking is BM25 (k1 = 1.2, b = 0.75) over weighted fields, in the manner of BM25F: a word
//! in the section heading counts `HEADING_WEIGHT` times, in the page title `TITLE_WEIGHT`
//! times, in the context (parent heading, checklist section) `CONTEXT_WEIGHT` times. The
//! term-frequency part of BM25 depends only on the term and the document, so it is computed
//! here and stored as one byte per posting; the browser only needs the document frequency
//! to add the IDF. It never downloads document lengths.

use std::collections::{HashMap, HashSet};

use crate::analyze::{Analyzer, Language, WordCache};
use crate::compound::Decompounder;
use crate::format::{encode_fragments, encode_terms, Fragment, Manifest, Posting, TermEntry};
use crate::synonyms::Synonyms;

/// BM25's term-frequency saturation.
pub const K1: f32 = 1.2;
/// BM25's length normalisation.
pub const B: f32 = 0.75;
/// How much a word in a section heading (or a question) counts.
pub const HEADING_WEIGHT: f32 = 4.0;
/// How much a word in the page title counts, in every section of the page.
pub const TITLE_WEIGHT: f32 = 2.0;
/// How much a word of the context (parent heading, checklist section) counts.
pub const CONTEXT_WEIGHT: f32 = 1.5;
/// How much a compound part counts, relative to the whole word it is part of.
pub const COMPOUND_PART_WEIGHT: f32 = 0.5;
/// A term chunk is closed once it holds about this many bytes.
pub const TERM_CHUNK_BYTES: usize = 12 * 1024;
/// A fragment chunk is closed once its texts hold about this many bytes.
pub const FRAGMENT_CHUNK_BYTES: usize = 3 * 1024;
/// The most postings kept per term: the documents where it weighs most. A term in more
/// documents than this says little about any of them (its IDF is low), and keeping them all
/// would make its chunk one no reader wants to download.
pub const MAX_POSTINGS: usize = 1500;

/// The files of one language's index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFiles {
    /// `manifest.bin`.
    pub manifest: Vec<u8>,
    /// `t/<n>.bin`, in order.
    pub term_chunks: Vec<Vec<u8>>,
    /// `f/<n>.bin`, in order.
    pub fragment_chunks: Vec<Vec<u8>>,
}

/// A document after analysis: its words with their summed field weights.
#[derive(Debug, Clone)]
pub struct AnalyzedDocument {
    fragment: Fragment,
    /// (folded word, term, weight), one entry per distinct folded word.
    words: Vec<(String, String, f32)>,
    length: f32,
}

/// Collects the documents of one language and builds its index.
pub struct IndexBuilder {
    analyzer: Analyzer,
    synonyms: Synonyms,
    language: String,
    documents: Vec<AnalyzedDocument>,
}

impl IndexBuilder {
    /// Starts the index of a language, with its synonym groups.
    pub fn new(language_code: &str, synonym_groups: &[Vec<String>]) -> IndexBuilder {
        let analyzer = Analyzer::new(Language::from_code(language_code));
        let synonyms = Synonyms::new(synonym_groups, &analyzer);
        IndexBuilder {
            analyzer,
            synonyms,
            language: language_code.to_string(),
            documents: Vec::new(),
        }
    }

    /// Analyses one document; pure, so callers may analyse many at once.
    pub fn analyze(&self, fragment: Fragment) -> AnalyzedDocument {
        self.analyze_cached(fragment, &mut WordCache::default())
    }

    /// Analyses one document, remembering word analyses in `cache` (one per thread).
    pub fn analyze_cached(&self, fragment: Fragment, cache: &mut WordCache) -> AnalyzedDocument {
        let mut words: HashMap<String, (String, f32)> = HashMap::new();
        let mut length = 0.0;
        for (text, weight) in [
            (&fragment.page_title, TITLE_WEIGHT),
            (&fragment.heading, HEADING_WEIGHT),
            (&fragment.context, CONTEXT_WEIGHT),
            (&fragment.text, 1.0),
        ] {
            let tokens = self.analyzer.tokens_cached(text, cache);
            length += weight * tokens.len() as f32;
            for found in self.synonyms.find(&tokens) {
                let term = Synonyms::group_term(found.group);
                words.entry(term.clone()).or_insert((term, 0.0)).1 += weight;
            }
            for token in tokens {
                words.entry(token.folded).or_insert((token.term, 0.0)).1 += weight;
            }
        }
        let mut words: Vec<(String, String, f32)> = words
            .into_iter()
            .map(|(folded, (term, weight))| (folded, term, weight))
            .collect();
        words.sort_by(|a, b| a.0.cmp(&b.0));
        AnalyzedDocument {
            fragment,
            words,
            length,
        }
    }

    /// Adds an analysed document; documents are numbered in the order they are added.
    pub fn push(&mut self, document: AnalyzedDocument) {
        self.documents.push(document);
    }

    /// Analyses and adds one document.
    pub fn add(&mut self, fragment: Fragment) {
        let document = self.analyze(fragment);
        self.push(document);
    }

    /// Builds the index files.
    pub fn finish(self) -> IndexFiles {
        let parts = self.compound_parts();
        let count = self.documents.len().max(1) as f32;
        let average_length =
            (self.documents.iter().map(|doc| doc.length).sum::<f32>() / count).max(1.0);
        // Terms are numbered in sorted order once, so each document's terms are looked up by
        // hash and posted by number: string comparisons in ordered maps were most of the
        // time this took at N = 5,000.
        let distinct: HashSet<&str> = self
            .documents
            .iter()
            .flat_map(|document| document.words.iter().map(|(_, term, _)| term.as_str()))
            .chain(parts.values().flatten().map(String::as_str))
            .collect();
        let mut vocabulary: Vec<&str> = distinct.into_iter().collect();
        vocabulary.sort_unstable();
        let numbers: HashMap<&str, u32> = vocabulary
            .iter()
            .enumerate()
            .map(|(number, term)| (*term, number as u32))
            .collect();
        let part_numbers: HashMap<&str, Vec<u32>> = parts
            .iter()
            .map(|(folded, stems)| {
                let stems = stems.iter().map(|stem| numbers[stem.as_str()]).collect();
                (*folded, stems)
            })
            .collect();
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); vocabulary.len()];
        let mut frequencies: Vec<(u32, f32)> = Vec::new();
        for (number, document) in self.documents.iter().enumerate() {
            frequencies.clear();
            for (folded, term, weight) in &document.words {
                frequencies.push((numbers[term.as_str()], *weight));
                for &part in part_numbers.get(folded.as_str()).into_iter().flatten() {
                    frequencies.push((part, weight * COMPOUND_PART_WEIGHT));
                }
            }
            // Stable, so each term's weights add up in the order they came.
            frequencies.sort_by_key(|(term, _)| *term);
            let norm = K1 * (1.0 - B + B * document.length / average_length);
            let mut at = 0;
            while at < frequencies.len() {
                let term = frequencies[at].0;
                let mut frequency = 0.0;
                while at < frequencies.len() && frequencies[at].0 == term {
                    frequency += frequencies[at].1;
                    at += 1;
                }
                let impact = frequency / (frequency + norm);
                postings[term as usize].push((number as u32, impact));
            }
        }
        let postings = vocabulary.into_iter().zip(postings);
        let mut term_chunks = Vec::new();
        let mut first_terms = Vec::new();
        let mut chunk: Vec<TermEntry> = Vec::new();
        let mut chunk_bytes = 0;
        for (term, mut list) in postings {
            let frequency = list.len() as u32;
            if list.len() > MAX_POSTINGS {
                list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                list.truncate(MAX_POSTINGS);
                list.sort_by_key(|posting| posting.0);
            }
            chunk_bytes += term.len() + 4 + 3 * list.len();
            chunk.push(TermEntry {
                term: term.to_string(),
                frequency,
                postings: list
                    .into_iter()
                    .map(|(document, impact)| Posting {
                        document,
                        impact: (impact * 255.0).ceil().clamp(1.0, 255.0) as u8,
                    })
                    .collect(),
            });
            if chunk_bytes >= TERM_CHUNK_BYTES {
                first_terms.push(chunk[0].term.clone());
                term_chunks.push(encode_terms(&chunk));
                chunk.clear();
                chunk_bytes = 0;
            }
        }
        if !chunk.is_empty() {
            first_terms.push(chunk[0].term.clone());
            term_chunks.push(encode_terms(&chunk));
        }
        let mut fragment_chunks = Vec::new();
        let mut first_documents = Vec::new();
        let mut start = 0;
        let mut bytes = 0;
        for (number, document) in self.documents.iter().enumerate() {
            bytes += document.fragment.text.len() + document.fragment.heading.len() + 64;
            if bytes >= FRAGMENT_CHUNK_BYTES || number + 1 == self.documents.len() {
                let fragments: Vec<Fragment> = self.documents[start..=number]
                    .iter()
                    .map(|document| document.fragment.clone())
                    .collect();
                first_documents.push(start as u32);
                fragment_chunks.push(encode_fragments(&fragments));
                start = number + 1;
                bytes = 0;
            }
        }
        let manifest = Manifest {
            language: self.language.clone(),
            documents: self.documents.len() as u32,
            synonyms: self.synonyms.groups().to_vec(),
            term_chunks: first_terms,
            fragment_chunks: first_documents,
        };
        IndexFiles {
            manifest: manifest.encode(),
            term_chunks,
            fragment_chunks,
        }
    }

    /// Splits every German word of the corpus that is a compound, and returns the stems of
    /// its parts by folded word (see `compound`). Other languages have none.
    fn compound_parts(&self) -> HashMap<&str, Vec<String>> {
        let mut parts = HashMap::new();
        if self.analyzer.language() != Language::German {
            return parts;
        }
        let words: HashSet<&str> = self
            .documents
            .iter()
            .flat_map(|document| document.words.iter().map(|(folded, _, _)| folded.as_str()))
            .filter(|folded| !folded.starts_with('~'))
            .collect();
        let decompounder = Decompounder::new(words.iter().copied());
        for word in words {
            let found = decompounder.parts(word);
            if !found.is_empty() {
                let stems = found
                    .into_iter()
                    .map(|part| self.analyzer.stem(part))
                    .collect();
                parts.insert(word, stems);
            }
        }
        parts
    }
}
