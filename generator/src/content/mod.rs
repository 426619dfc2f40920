//! Content loading: finds every Markdown page under `content/<lang>/`, splits off and checks
//! its TOML front matter, expands the publisher placeholders, gives each page its URL, and
//! pairs pages across languages. Two pages are translations of each other when they have
//! the same file name in their language folders (`content/en/soc-2.md` and
//! `content/de/soc-2.md`); a page without a counterpart in every language is an error.
//! Markdown itself is left to the `markdown` stage.
//!
//! By concern: `load` (finding the files of each language folder), `front_matter` (the keys
//! between the `+++` lines), `page` (one file read into a `Page`: front matter, URL and
//! placeholders) and `pairing` (translations across languages, and URLs used twice). This
//! module holds the model: `Page`, and `Content` with its look-ups.

mod front_matter;
mod load;
mod page;
mod pairing;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::config::Config;
use crate::diagnostics::line_of_offset;
use crate::review::Date;

pub use front_matter::{FrontMatter, PAGE_TEMPLATES};
pub use page::parse_page;

/// The folder, under the site root, that holds one folder of pages per language.
pub const CONTENT_DIR: &str = "content";

/// The file name of a language's home page.
const INDEX_KEY: &str = "index";

/// One Markdown page in one language.
#[derive(Debug, Clone)]
pub struct Page {
    /// The language code: `en`, `de`.
    pub lang: String,
    /// The file name without `.md`; the same in every language for one translation set.
    pub key: String,
    /// The source file, relative to the site root: `content/de/soc-2.md`.
    pub source_path: PathBuf,
    /// The checked front matter.
    pub front: FrontMatter,
    /// The Markdown after the front matter, with placeholders expanded.
    pub body: String,
    /// The 1-based file line on which `body` starts, so Markdown problems name file lines.
    pub body_line: usize,
    /// The page's path below the base path: `de/soc-2/`, or `de/` for a home page.
    pub site_path: String,
    /// The file line of the `slug` key, or 1 when the slug comes from the file name.
    pub slug_line: usize,
    /// The site paths of the page's former URLs (`de/alter-name/`), from `aliases`.
    pub alias_paths: Vec<String>,
    /// The file line of the `aliases` key, or 1.
    pub aliases_line: usize,
    /// The day the page was last reviewed (`reviewed = 2026-11-15`), if it says.
    pub reviewed: Option<Date>,
    /// The file line of the `reviewed` key, or 1.
    pub reviewed_line: usize,
    /// On a fallback page (`translations = "fallback"`): the language of the original whose
    /// text it shows, since this page's language has no translation. The page's other
    /// fields are the original's, but for its language, URL and former URLs.
    pub fallback_of: Option<String>,
}

impl Page {
    /// Tells whether the page is a fallback page, not written by an author in its language.
    pub fn is_fallback(&self) -> bool {
        self.fallback_of.is_some()
    }

    /// Returns the template name, `page` unless the front matter chose another.
    pub fn template(&self) -> &str {
        self.front.template.as_deref().unwrap_or("page")
    }

    /// Returns the file line of a byte offset into `body`.
    pub fn line_of(&self, body_offset: usize) -> usize {
        self.body_line + line_of_offset(&self.body, body_offset) - 1
    }
}

/// Every page of the site, in navigation order per language.
#[derive(Debug, Default)]
pub struct Content {
    /// Pages sorted by language (in config order), then `order`, then key.
    pub pages: Vec<Page>,
    index: HashMap<String, HashMap<String, usize>>,
}

impl Content {
    /// Builds the model from already parsed pages, sorted into navigation order.
    pub fn from_pages(mut pages: Vec<Page>, config: &Config) -> Content {
        let language_rank = |code: &str| {
            config
                .languages
                .iter()
                .position(|language| language.code == code)
                .unwrap_or(usize::MAX)
        };
        pages.sort_by(|a, b| {
            (
                language_rank(&a.lang),
                a.key != INDEX_KEY,
                a.front.order,
                &a.key,
            )
                .cmp(&(
                    language_rank(&b.lang),
                    b.key != INDEX_KEY,
                    b.front.order,
                    &b.key,
                ))
        });
        let mut index: HashMap<String, HashMap<String, usize>> = HashMap::new();
        for (position, page) in pages.iter().enumerate() {
            index
                .entry(page.lang.clone())
                .or_default()
                .insert(page.key.clone(), position);
        }
        Content { pages, index }
    }

    /// Returns the page with a key in a language.
    pub fn page(&self, lang: &str, key: &str) -> Option<&Page> {
        self.position(lang, key)
            .map(|position| &self.pages[position])
    }

    /// Returns the position in `pages` of the page with a key in a language.
    pub fn position(&self, lang: &str, key: &str) -> Option<usize> {
        // Keyed by language, then page key, so a look-up allocates nothing.
        self.index.get(lang)?.get(key).copied()
    }

    /// Returns the position of the page whose text the page at `position` shows: its own, or
    /// on a fallback page its original's.
    pub fn original(&self, position: usize) -> usize {
        let page = &self.pages[position];
        match &page.fallback_of {
            Some(lang) => self
                .position(lang, &page.key)
                .expect("a fallback page is made from a loaded original"),
            None => position,
        }
    }

    /// Tells whether the page at `position` is a fallback page or the original of one: an
    /// edit of either, or a new translation in its place, changes what another language
    /// shows (the text, the notice, the navigation's marker, the alternates).
    pub fn in_fallback_pair(&self, position: usize) -> bool {
        let page = &self.pages[position];
        page.is_fallback()
            || self.index.keys().any(|lang| {
                self.page(lang, &page.key)
                    .is_some_and(|other| other.fallback_of.as_ref() == Some(&page.lang))
            })
    }

    /// Returns how many pages a language has, without walking them.
    pub fn page_count(&self, lang: &str) -> usize {
        self.index.get(lang).map_or(0, HashMap::len)
    }

    /// Returns the pages of one language in navigation order.
    pub fn pages_in<'a>(&'a self, lang: &'a str) -> impl Iterator<Item = &'a Page> + 'a {
        self.pages.iter().filter(move |page| page.lang == lang)
    }
}
