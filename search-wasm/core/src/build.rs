//! Building the index of one language: documents in, the manifest and its chunks out. The
//! generator hands in every section of every page and every checklist question as a
//! `Fragment`; analysis runs per batch of consecutive documents (`analyze`, which may run in
//! parallel, and which analyses each distinct word of its batch once and keeps words as
//! numbers), then `finish_terms` learns the vocabulary, splits German compounds, weighs every
//! term with BM25 and cuts the sorted terms into chunks (see `format`). The fragments are cut
//! into chunks by `fragment_chunks` from their sizes alone, so a caller may encode them while
//! the terms are analysed; `finish` does both in turn. The files depend on the documents
//! alone, not on how they were batched.
//!
//! Ranking is BM25 (k1 = 1.2, b = 0.75) over weighted fields, in the manner of BM25F: a word
//! in the section heading counts `HEADING_WEIGHT` times, in the page title `TITLE_WEIGHT`
//! times, in the context (parent heading, checklist section) `CONTEXT_WEIGHT` times. The
//! term-frequency part of BM25 depends only on the term and the document, so it is computed
//! here and stored as one byte per posting; the browser only needs the document frequency
//! to add the IDF. It never downloads document lengths.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::analyze::{Analyzer, Language};
use crate::compound::Decompounder;
use crate::format::{encode_fragments, encode_terms, Document, Manifest, Posting, TermEntry};
use crate::synonyms::Synonyms;
use crate::vocabulary::{FastHash, Vocabulary};

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
/// A term chunk is closed once it holds about this many bytes. A query fetches one chunk
/// per word (and a few for the word being typed), so small chunks keep its bytes down; they
/// are few files, so more of them cost the build little.
pub const TERM_CHUNK_BYTES: usize = 4 * 1024;
/// A fragment chunk is closed once its texts hold about this many bytes. A query fetches
/// the chunks of the ten results it shows, mostly ten different ones, so their size is most
/// of a first query's bytes; but there are thousands of them at a few thousand pages, and
/// each file costs the build a file creation (about 25 µs of CPU, a third of the index's cost
/// at N = 1,000). At N = 5,000 pages per language, 6 KB (with 4 KB term chunks) halved the
/// files of 3 KB (with 12 KB term chunks) while a first query's largest download fell from 97
/// to 93 KB, engine included; 8 KB cut the files by another quarter (7,946 to 6,132) when the
/// engine had become 6.5 KB smaller, for about 0.7 KB more per fetched chunk (the bench's
/// first queries 75–84 KB; `bench/run-search.sh`).
pub const FRAGMENT_CHUNK_BYTES: usize = 8 * 1024;
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

/// The manifest and the term chunks of one language's index: all of `IndexFiles` but the
/// fragment chunks, which `fragment_chunks` and `encode_fragments` make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermFiles {
    /// `manifest.bin`.
    pub manifest: Vec<u8>,
    /// `t/<n>.bin`, in order.
    pub term_chunks: Vec<Vec<u8>>,
}

/// A document after analysis: its words, by number in its batch's vocabulary, with their
/// summed field weights.
#[derive(Debug, Clone)]
struct AnalyzedDocument {
    /// Where its words end in the batch's `words` (they start where the previous
    /// document's end).
    words_end: usize,
    length: f32,
}

/// Documents analysed together, with the vocabulary their word numbers refer to.
#[derive(Debug, Default)]
pub struct AnalyzedBatch {
    vocabulary: Vocabulary,
    /// Every document's (word number, weight), one entry per distinct folded word, document
    /// after document: one allocation per batch rather than one per document.
    words: Vec<(u32, f32)>,
    documents: Vec<AnalyzedDocument>,
}

/// Collects the documents of one language and builds its index.
pub struct IndexBuilder {
    analyzer: Analyzer,
    synonyms: Synonyms,
    language: String,
    batches: Vec<AnalyzedBatch>,
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
            batches: Vec::new(),
        }
    }

    /// Analyses consecutive documents; pure, so callers may analyse many batches at once.
    /// Each distinct word of a batch is analysed once, so a batch should hold many documents.
    pub fn analyze(&self, fragments: &[Document]) -> AnalyzedBatch {
        let mut vocabulary = Vocabulary::default();
        // By word number: its summed weight in the document being analysed (0 when absent),
        // and whether its term may start a synonym entry (`None`: not asked yet).
        let mut weights: Vec<f32> = Vec::new();
        let mut starts_synonym: Vec<Option<bool>> = Vec::new();
        let mut numbers = Vec::new();
        let mut documents = Vec::with_capacity(fragments.len());
        let mut words: Vec<(u32, f32)> = Vec::new();
        for fragment in fragments {
            let words_start = words.len();
            let mut length = 0.0;
            for (text, weight) in [
                (fragment.page_title, TITLE_WEIGHT),
                (fragment.heading, HEADING_WEIGHT),
                (fragment.context, CONTEXT_WEIGHT),
                (fragment.text, 1.0),
            ] {
                numbers.clear();
                self.analyzer.word_ids(text, &mut vocabulary, &mut numbers);
                length += weight * numbers.len() as f32;
                let mut add = |number: u32, weights: &mut Vec<f32>| {
                    let at = number as usize;
                    if at >= weights.len() {
                        weights.resize(at + 1, 0.0);
                    }
                    if weights[at] == 0.0 {
                        words.push((number, 0.0));
                    }
                    weights[at] += weight;
                };
                let mut may_have_synonyms = false;
                for &number in &numbers {
                    let at = number as usize;
                    if at >= starts_synonym.len() {
                        starts_synonym.resize(at + 1, None);
                    }
                    let starts = *starts_synonym[at]
                        .get_or_insert_with(|| self.synonyms.starts_entry(vocabulary.term(number)));
                    may_have_synonyms |= starts;
                }
                if may_have_synonyms {
                    let found = self
                        .synonyms
                        .find_in(numbers.len(), |at| vocabulary.term(numbers[at]));
                    for found in found {
                        let term = Synonyms::group_term(found.group);
                        add(vocabulary.number(&term, &term), &mut weights);
                    }
                }
                for &number in &numbers {
                    add(number, &mut weights);
                }
            }
            for word in &mut words[words_start..] {
                word.1 = std::mem::take(&mut weights[word.0 as usize]);
            }
            documents.push(AnalyzedDocument {
                words_end: words.len(),
                length,
            });
        }
        AnalyzedBatch {
            vocabulary,
            words,
            documents,
        }
    }

    /// Adds analysed documents; documents are numbered in the order they are added.
    pub fn push(&mut self, batch: AnalyzedBatch) {
        self.batches.push(batch);
    }

    /// Builds the index files of the documents analysed, which are `fragments`, one after
    /// the other: the fragment chunks, then the terms. A caller with threads may do the two
    /// side by side instead (`fragment_chunks`, `encode_fragments` and `finish_terms`).
    pub fn finish(self, fragments: &[Document]) -> IndexFiles {
        let chunks = fragment_chunks(fragments);
        let fragment_chunks = chunks
            .iter()
            .map(|range| encode_fragments(&fragments[range.clone()]))
            .collect();
        let TermFiles {
            manifest,
            term_chunks,
        } = self.finish_terms(&chunks);
        IndexFiles {
            manifest,
            term_chunks,
            fragment_chunks,
        }
    }

    /// Builds the manifest and the term chunks; `fragment_chunks` are the documents of each
    /// fragment chunk, as `fragment_chunks` cut them, which the manifest names.
    pub fn finish_terms(self, fragment_chunks: &[Range<usize>]) -> TermFiles {
        // Every folded word of every batch gets one number for the whole index, with its
        // term's number and its compound parts' terms' numbers: a document's words are then
        // numbers looked up in arrays.
        let mut global: HashMap<&str, u32, FastHash> = HashMap::default();
        let mut folded_words: Vec<(&str, &str)> = Vec::new();
        let local_to_global: Vec<Vec<u32>> = self
            .batches
            .iter()
            .map(|batch| {
                (0..batch.vocabulary.len() as u32)
                    .map(|local| {
                        let folded = batch.vocabulary.folded(local);
                        *global.entry(folded).or_insert_with(|| {
                            folded_words.push((folded, batch.vocabulary.term(local)));
                            folded_words.len() as u32 - 1
                        })
                    })
                    .collect()
            })
            .collect();
        let parts = self.compound_parts(folded_words.iter().map(|(folded, _)| *folded));
        // Terms are numbered in sorted order once, so each document's terms are posted by
        // number: string comparisons in ordered maps were most of the time this took.
        let distinct: HashSet<&str, FastHash> = folded_words
            .iter()
            .map(|(_, term)| *term)
            .chain(parts.values().flatten().map(String::as_str))
            .collect();
        let mut vocabulary: Vec<&str> = distinct.into_iter().collect();
        vocabulary.sort_unstable();
        let numbers: HashMap<&str, u32, FastHash> = vocabulary
            .iter()
            .enumerate()
            .map(|(number, term)| (*term, number as u32))
            .collect();
        let term_of: Vec<u32> = folded_words
            .iter()
            .map(|(_, term)| numbers[*term])
            .collect();
        let parts_of: Vec<Vec<u32>> = folded_words
            .iter()
            .map(|(folded, _)| {
                parts.get(folded).map_or(Vec::new(), |stems| {
                    stems.iter().map(|stem| numbers[stem.as_str()]).collect()
                })
            })
            .collect();
        let documents: Vec<&AnalyzedDocument> = self
            .batches
            .iter()
            .flat_map(|batch| batch.documents.iter())
            .collect();
        let count = documents.len().max(1) as f32;
        let average_length = (documents.iter().map(|doc| doc.length).sum::<f32>() / count).max(1.0);
        // Every term's postings in one array, each term's in a stretch of it sized by how many
        // documents' words may post it (two words of a document that share a term post it
        // once, so a stretch may keep some room): one allocation instead of one growing list
        // per term, most of the memory this step touches.
        let mut starts: Vec<usize> = vec![0; vocabulary.len() + 1];
        for (batch, local_to_global) in self.batches.iter().zip(&local_to_global) {
            for &(local, _) in &batch.words {
                let word = local_to_global[local as usize] as usize;
                starts[term_of[word] as usize + 1] += 1;
                for &part in &parts_of[word] {
                    starts[part as usize + 1] += 1;
                }
            }
        }
        for term in 0..vocabulary.len() {
            starts[term + 1] += starts[term];
        }
        let mut postings: Vec<(u32, f32)> = vec![(0, 0.0); starts[vocabulary.len()]];
        // Where each term's next posting goes.
        let mut ends: Vec<usize> = starts[..vocabulary.len()].to_vec();
        // By term number: its summed weight in the document at hand (0 when absent), and the
        // terms the document has, in the order it first uses them.
        let mut frequencies: Vec<f32> = vec![0.0; vocabulary.len()];
        let mut terms: Vec<u32> = Vec::new();
        let mut number = 0u32;
        for (batch, local_to_global) in self.batches.iter().zip(&local_to_global) {
            let mut words_start = 0;
            for document in &batch.documents {
                let words = &batch.words[words_start..document.words_end];
                words_start = document.words_end;
                // A document's words are in the order the document first uses them, so the
                // weights add up in the same order however the documents were batched.
                let mut add = |term: u32, weight: f32| {
                    let frequency = &mut frequencies[term as usize];
                    if *frequency == 0.0 {
                        terms.push(term);
                    }
                    *frequency += weight;
                };
                for &(local, weight) in words {
                    let word = local_to_global[local as usize] as usize;
                    add(term_of[word], weight);
                    for &part in &parts_of[word] {
                        add(part, weight * COMPOUND_PART_WEIGHT);
                    }
                }
                let norm = K1 * (1.0 - B + B * document.length / average_length);
                for term in terms.drain(..) {
                    let frequency = std::mem::take(&mut frequencies[term as usize]);
                    let impact = frequency / (frequency + norm);
                    let end = &mut ends[term as usize];
                    postings[*end] = (number, impact);
                    *end += 1;
                }
                number += 1;
            }
        }
        let mut term_chunks = Vec::new();
        let mut first_terms = Vec::new();
        let mut chunk: Vec<TermEntry> = Vec::new();
        let mut chunk_bytes = 0;
        for (number, term) in vocabulary.into_iter().enumerate() {
            let mut list = &mut postings[starts[number]..ends[number]];
            let frequency = list.len() as u32;
            if list.len() > MAX_POSTINGS {
                // The MAX_POSTINGS weightiest (ties: the lower document number), found
                // without sorting them all; the order is total, so the set is always the same.
                list.select_nth_unstable_by(MAX_POSTINGS - 1, |a, b| {
                    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
                });
                list = &mut list[..MAX_POSTINGS];
                list.sort_unstable_by_key(|posting| posting.0);
            }
            chunk_bytes += term.len() + 4 + 3 * list.len();
            chunk.push(TermEntry {
                term: term.to_string(),
                frequency,
                postings: list
                    .iter()
                    .map(|&(document, impact)| Posting {
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
        let manifest = Manifest {
            language: self.language.clone(),
            documents: documents.len() as u32,
            synonyms: self.synonyms.groups().to_vec(),
            term_chunks: first_terms,
            fragment_chunks: fragment_chunks
                .iter()
                .map(|range| range.start as u32)
                .collect(),
        };
        TermFiles {
            manifest: manifest.encode(),
            term_chunks,
        }
    }

    /// Splits every German word of the corpus (its folded words) that is a compound, and
    /// returns the stems of its parts by folded word (see `compound`). Other languages have
    /// none.
    fn compound_parts<'w>(
        &self,
        folded_words: impl Iterator<Item = &'w str>,
    ) -> HashMap<&'w str, Vec<String>, FastHash> {
        let mut parts = HashMap::default();
        if self.analyzer.language() != Language::German {
            return parts;
        }
        // Synonym groups' terms (`~3`) are no words.
        let words: Vec<&str> = folded_words
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

/// Cuts documents into fragment chunks of about `FRAGMENT_CHUNK_BYTES` each: the documents of
/// each chunk, in order. It depends on the fragments' sizes alone.
pub fn fragment_chunks(fragments: &[Document]) -> Vec<Range<usize>> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (number, fragment) in fragments.iter().enumerate() {
        bytes += fragment.text.len() + fragment.heading.len() + 64;
        if bytes >= FRAGMENT_CHUNK_BYTES || number + 1 == fragments.len() {
            chunks.push(start..number + 1);
            start = number + 1;
            bytes = 0;
        }
    }
    chunks
}
