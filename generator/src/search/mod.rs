//! The search index as a pipeline output. It loads and checks the synonym groups
//! (`content/synonyms.toml`), turns every `##`/`###` section of every page and every
//! checklist question into a search document, and writes each language's index with
//! `search_core` (the same code the browser runs): a manifest, term chunks and fragment
//! chunks below `search-index/<lang>/<hash>/`, where `<hash>` is a hash of every file of the
//! language's index, so a path never names other bytes than it did in an earlier build and
//! the files may be cached for good (`serve`, which forbids caching, writes to
//! `search-index/<lang>/`, so that an edit does not rename the folder every page names).
//! Analysis, ranking and the file formats are left to `search_core`; writing is left to the
//! one writer, like every other output file. The documents are made in `documents`, the files
//! in `files`.

mod documents;
mod files;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use search_core::{Analyzer, Fragment, Language, Synonyms};

use crate::config::Config;
use crate::diagnostics::{Problem, Problems};
use crate::output::OutputFile;

pub use documents::{question_documents, IndexedChecklist, IndexedPage, PageDocuments};

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

/// Everything one language's index is built from. A build borrows the pages' texts from the
/// site's store; `serve` owns a copy (`into_owned`), so that it can build the index on a
/// thread of its own after the edited page is served.
pub struct IndexInput<'t> {
    /// The language.
    pub lang: String,
    groups: Vec<Vec<String>>,
    /// The pages' documents, in navigation order.
    pages: PageDocuments<'t>,
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
pub fn index_input<'t>(
    lang: &str,
    synonyms: &SynonymGroups,
    pages: Vec<IndexedPage>,
    store: &'t str,
    checklist: Option<&IndexedChecklist>,
    folder: IndexFolder,
) -> IndexInput<'t> {
    let documents = PageDocuments::new(store, &pages);
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
