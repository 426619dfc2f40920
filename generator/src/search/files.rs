//! Turning one language's `IndexInput` into its index files: analysis and the term chunks by
//! `search_core`, the fragment chunks encoded from the documents, and the folder's name, a
//! hash of every file's name and bytes. `write` hands each file to the caller as soon as it
//! is ready, so a build never holds a language's fragment chunks (as many bytes as its pages'
//! texts) all at once: their hashes come from a first encoding whose bytes are dropped at
//! once, and the files from a second, once the folder's name is known. `build` collects the
//! files instead, for `serve` and tests.

use std::convert::Infallible;
use std::ops::Range;
use std::sync::Mutex;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use search_core::format::encode_fragments;
use search_core::{fragment_chunks, Document, Fragment, IndexBuilder};

use super::{
    fixed_index_dir, IndexFolder, IndexInput, LanguageIndex, HASH_DIGITS, INDEX_ROOT, MIN_BATCH,
};
use crate::output::OutputFile;

impl IndexInput<'_> {
    /// The same input, owning a copy of its documents' texts (see `PageDocuments::into_owned`).
    pub fn into_owned(self) -> IndexInput<'static> {
        IndexInput {
            lang: self.lang,
            groups: self.groups,
            pages: self.pages.into_owned(),
            questions: self.questions,
            folder: self.folder,
        }
    }

    /// Analyses the documents and returns the index files, in order: the manifest, the term
    /// chunks, the fragment chunks.
    pub fn build(self) -> LanguageIndex {
        let files = Mutex::new(Vec::new());
        let (dir, _) = self.write_numbered(|position, file| {
            files
                .lock()
                .expect("no thread panics while collecting index files")
                .push((position, file));
            Ok::<(), Infallible>(())
        });
        let mut files = files
            .into_inner()
            .expect("no thread panicked while collecting index files");
        files.sort_unstable_by_key(|(position, _)| *position);
        LanguageIndex {
            dir,
            files: files.into_iter().map(|(_, file)| file).collect(),
        }
    }

    /// Analyses the documents and hands each index file to `emit` as soon as it is ready, from
    /// any thread. Returns the index's folder (below the output folder) and what `emit`
    /// refused.
    pub fn write<E: Send>(
        self,
        emit: impl Fn(OutputFile) -> Result<(), E> + Sync,
    ) -> (String, Vec<E>) {
        self.write_numbered(|_, file| emit(file))
    }

    /// `write`, telling `emit` each file's position in `build`'s order.
    fn write_numbered<E: Send>(
        self,
        emit: impl Fn(usize, OutputFile) -> Result<(), E> + Sync,
    ) -> (String, Vec<E>) {
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
        // The fragment chunks depend on the documents alone: their hashes are taken side by
        // side with the analysis and the single-threaded `finish_terms`.
        let chunks = fragment_chunks(&documents);
        let fragment_file = |number: usize, range: &Range<usize>| {
            (
                format!("f/{number}.bin"),
                encode_fragments(&documents[range.clone()]),
            )
        };
        let (terms, fragment_digests) = rayon::join(
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
            || match folder {
                IndexFolder::ContentHash => chunks
                    .par_iter()
                    .enumerate()
                    .map(|(number, range)| {
                        let (name, bytes) = fragment_file(number, range);
                        file_digest(&name, &bytes)
                    })
                    .collect(),
                IndexFolder::Fixed => Vec::new(),
            },
        );
        let mut named = vec![("manifest.bin".to_string(), terms.manifest)];
        for (number, bytes) in terms.term_chunks.into_iter().enumerate() {
            named.push((format!("t/{number}.bin"), bytes));
        }
        let dir = match folder {
            IndexFolder::ContentHash => {
                let digests: Vec<[u8; 32]> = named
                    .par_iter()
                    .map(|(name, bytes)| file_digest(name, bytes))
                    .chain(fragment_digests)
                    .collect();
                format!("{INDEX_ROOT}{lang}/{}/", folder_name(&digests))
            }
            IndexFolder::Fixed => fixed_index_dir(lang),
        };
        let first_fragment = named.len();
        let to_file = |name: &str, bytes| OutputFile::new(format!("{dir}{name}"), bytes);
        let refused = named
            .into_par_iter()
            .enumerate()
            .map(|(position, (name, bytes))| emit(position, to_file(&name, bytes)))
            .chain(chunks.par_iter().enumerate().map(|(number, range)| {
                let (name, bytes) = fragment_file(number, range);
                emit(first_fragment + number, to_file(&name, bytes))
            }))
            .filter_map(Result::err)
            .collect();
        (dir, refused)
    }
}

/// A hash of one file's name and bytes, lengths first, so that no two files hash alike by
/// moving bytes between name and content.
fn file_digest(name: &str, bytes: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update((name.len() as u64).to_le_bytes());
    hasher.update(name.as_bytes());
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
    hasher.finalize().into()
}

/// The first [`HASH_DIGITS`] hex digits of a hash of the files' digests, in order.
fn folder_name(digests: &[[u8; 32]]) -> String {
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
