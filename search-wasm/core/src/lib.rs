//! The search core of the guide: pure Rust with no web dependencies, shared by the generator
//! (which builds the index with it) and the search wasm (which answers queries with it), so a
//! page and a query are analysed by the same code.
//!
//! - `analyze`: word segmentation, folding, stop words and stemming per language;
//! - `compound`: splitting German compounds into parts the site uses on their own;
//! - `synonyms`: synonym groups, found in documents and queries alike;
//! - `words`: what a word is (the word splitter behind every analysis);
//! - `vocabulary`: the distinct words of a batch of documents, and the builder's hash;
//! - `build`: documents in, BM25-weighted index files out;
//! - `format` and `codec`: the files of the index and their bytes;
//! - `engine`: planning, ranking and the results view;
//! - `excerpt`: the marked excerpt of a result.

pub mod analyze;
pub mod build;
pub mod codec;
pub mod compound;
pub mod engine;
pub mod excerpt;
pub mod format;
pub mod synonyms;
pub mod vocabulary;
pub mod words;

pub use analyze::{Analyzer, Language, Token};
pub use build::{fragment_chunks, IndexBuilder, IndexFiles, TermFiles};
pub use engine::{Engine, Hit, PageResult, Query, SectionResult};
pub use excerpt::Segment;
pub use format::{Document, Fragment};
pub use synonyms::Synonyms;
