//! The search engine in the browser: a thin wasm-bindgen binding over `search_core::Engine`.
//! It takes plain values (bytes the page fetched, the query as typed) and hands back plain
//! values (chunk numbers to fetch, and the results as a flat list of strings); fetching and
//! the DOM are left to `theme/static/search.js`, which builds results with text nodes only.
//!
//! The results list is a sequence of records, each starting with a tag:
//! `P, page title, page URL` opens a page; `S, URL, heading, context` is one of its sections
//! or questions; `T, text` and `M, text` are the section's excerpt, plain and marked.

use search_core::{Engine, Hit, Query};
use wasm_bindgen::prelude::*;

/// The search of one language, with the chunks loaded so far.
#[wasm_bindgen]
pub struct Search {
    engine: Engine,
    query: Query,
    hits: Vec<Hit>,
}

#[wasm_bindgen]
impl Search {
    /// Starts from the language's manifest.
    #[wasm_bindgen(constructor)]
    pub fn new(manifest: &[u8]) -> Result<Search, JsValue> {
        let engine =
            Engine::new(manifest).map_err(|error| JsValue::from_str(&error.to_string()))?;
        Ok(Search {
            engine,
            query: Query::default(),
            hits: Vec::new(),
        })
    }

    /// Plans a query as typed and returns the term chunks it still needs.
    pub fn plan(&mut self, text: &str) -> Vec<u32> {
        self.query = self.engine.plan(text);
        self.hits.clear();
        let needed = self.engine.chunks_needed(&self.query);
        needed.into_iter().map(|chunk| chunk as u32).collect()
    }

    /// Loads a term chunk; false when its bytes are damaged.
    pub fn add_terms(&mut self, number: u32, bytes: &[u8]) -> bool {
        self.engine.add_term_chunk(number as usize, bytes).is_ok()
    }

    /// Ranks the planned query, returns how many documents matched.
    pub fn rank(&mut self) -> u32 {
        self.hits = self.engine.rank(&self.query);
        self.hits.len() as u32
    }

    /// Returns the fragment chunks the first `limit` results still need.
    pub fn fragments_needed(&self, limit: u32) -> Vec<u32> {
        let shown = &self.hits[..self.hits.len().min(limit as usize)];
        let needed = self.engine.fragments_needed(shown);
        needed.into_iter().map(|chunk| chunk as u32).collect()
    }

    /// Loads a fragment chunk; false when its bytes are damaged.
    pub fn add_fragments(&mut self, number: u32, bytes: &[u8]) -> bool {
        self.engine
            .add_fragment_chunk(number as usize, bytes)
            .is_ok()
    }

    /// Returns the first `limit` results as records (see the module comment).
    pub fn results(&self, limit: u32) -> Vec<String> {
        let shown = &self.hits[..self.hits.len().min(limit as usize)];
        let mut records = Vec::new();
        for page in self.engine.results(&self.query, shown) {
            records.extend(["P".to_string(), page.title, page.url]);
            for section in page.sections {
                records.extend([
                    "S".to_string(),
                    section.url,
                    section.heading,
                    section.context,
                ]);
                for segment in section.excerpt {
                    records.push(if segment.marked { "M" } else { "T" }.to_string());
                    records.push(segment.text);
                }
            }
        }
        records
    }
}
