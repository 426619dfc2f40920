//! Rebuilds a language's search index for `generator serve` after an edited page is served,
//! on a thread of its own: at thousands of pages per language the index takes seconds, and
//! the edited page must show in milliseconds. Open pages are not told (an index changes no
//! page); the next search reads the new files. The worker keeps only the latest request per
//! language, and drops its result if the whole site was built again meanwhile, since that
//! build brought a newer index of its own.

use std::collections::BTreeMap;
use std::sync::{Arc, Condvar, Mutex};

use crate::preview::http::Preview;
use crate::search::IndexInput;

/// The requests waiting for the worker, the latest per language.
struct Pending {
    /// The index inputs by language, each with the whole-site build it belongs to.
    inputs: BTreeMap<String, (IndexInput<'static>, u64)>,
}

/// Hands search index rebuilds to the worker thread.
pub struct SearchIndexer {
    pending: Mutex<Pending>,
    wake: Condvar,
}

impl SearchIndexer {
    /// Starts the worker, which serves the indexes it builds through `preview`.
    pub fn start(preview: Arc<Preview>) -> std::io::Result<Arc<SearchIndexer>> {
        let indexer = Arc::new(SearchIndexer {
            pending: Mutex::new(Pending {
                inputs: BTreeMap::new(),
            }),
            wake: Condvar::new(),
        });
        // One thread of its own, so the index never holds up the rendering of the next edit
        // in the shared pool.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .thread_name(|_| "serve-search-index".to_string())
            .build()
            .map_err(std::io::Error::other)?;
        let worker = Arc::clone(&indexer);
        std::thread::Builder::new()
            .name("serve-search-queue".to_string())
            .spawn(move || loop {
                let (input, full_build) = worker.next();
                let files = pool.install(|| input.build().files);
                preview.publish_search_index(files, full_build);
            })?;
        Ok(indexer)
    }

    /// Asks for the index of `input`'s language to be built, replacing an older request for
    /// it; `full_build` names the whole-site build the input belongs to.
    pub fn request(&self, input: IndexInput<'static>, full_build: u64) {
        let mut pending = self.pending.lock().expect("lock is not poisoned");
        pending
            .inputs
            .insert(input.lang.clone(), (input, full_build));
        self.wake.notify_one();
    }

    /// Waits, without a timer, for the next request.
    fn next(&self) -> (IndexInput<'static>, u64) {
        let pending = self.pending.lock().expect("lock is not poisoned");
        let mut pending = self
            .wake
            .wait_while(pending, |pending| pending.inputs.is_empty())
            .expect("lock is not poisoned");
        pending
            .inputs
            .pop_first()
            .map(|(_, request)| request)
            .expect("woken for a request")
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;
    use crate::search::{index_input, IndexFolder, SynonymGroups};

    fn served(preview: &Preview, path: &str) -> bool {
        preview.files_for_tests().contains(&path.to_string())
    }

    #[test]
    fn an_index_built_for_an_older_whole_site_build_is_dropped() {
        let preview = Arc::new(Preview::new(BTreeMap::new(), "/"));
        let indexer = SearchIndexer::start(Arc::clone(&preview)).expect("the worker starts");
        let input = |lang: &str| {
            index_input(
                lang,
                &SynonymGroups::new(),
                Vec::new(),
                "",
                None,
                IndexFolder::Fixed,
            )
        };
        // A whole-site build came after the edit the German index was asked for.
        preview.publish(|snapshot| snapshot.full_builds += 1);
        indexer.request(input("de"), 0);
        indexer.request(input("en"), 1);
        let deadline = Instant::now() + Duration::from_secs(10);
        while !served(&preview, "search-index/en/manifest.bin") {
            assert!(
                Instant::now() < deadline,
                "the English index is never served"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        // The worker takes the requests in order, so the German one is done by now.
        assert!(!served(&preview, "search-index/de/manifest.bin"));
    }
}
