//! The whole site as one model. `Site::load` runs the stages in order (config → content →
//! theme and templates → page outlines) and collects every problem; `Site::render` turns the
//! loaded model into output files in memory (pages in parallel), without touching the disk.
//! Writing is left to `output`. This stage owns URLs between pages: it resolves links from
//! one page's file to another's URL, and builds the navigation, the language switcher,
//! hreflang alternates, the sitemap, the search index, the print view and the redirect pages
//! at the former URLs of moved pages.
//!
//! By concern: `load` (loading and the checks across pages), `urls` (every URL decision and
//! link resolution), `navigation`, `context` (what page templates see), `render` (the
//! output files of a selection), `generated` (the pages no author writes: search, print,
//! root, 404, redirects, sitemap, robots) and `checklist_page` (the checklist page's form,
//! settings and definition files).

mod checklist_page;
mod context;
mod generated;
mod load;
mod navigation;
mod render;
mod urls;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

use checklist_core::Definition;

use crate::config::Config;
use crate::content::{Content, Page};
use crate::images::Images;
use crate::markdown::Heading;
/// A built file; the type lives with the one writer, `output`.
pub use crate::output::OutputFile;
use crate::templates::{Templates, Translations};
use crate::theme::Theme;

pub use navigation::pages_showing_title_of;

/// Settings of one run that override the configuration.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Replaces `base_path` from `site.toml`, e.g. `/guide/`.
    pub base_path: Option<String>,
    /// A preview for `serve`: no offline worker is written, no page registers one, and the
    /// search index folders are not named by their content.
    pub preview: bool,
}

/// Which output files `Site::render_outputs` renders.
#[derive(Debug, Clone)]
pub enum Selection {
    /// Every file of the site.
    Everything,
    /// The content pages at these positions in `content.pages`, the files each of their
    /// languages shares (search page, print view) and the redirect pages; not the search
    /// index (see `Site::search_index_input`) nor the other files of the whole site (root,
    /// 404, sitemap, static files), which depend on no page's text or title.
    Pages(BTreeSet<usize>),
}

/// The loaded site, ready to render.
pub struct Site {
    /// The site root, holding `site.toml`, `content/` and optionally `theme/`.
    pub root: PathBuf,
    /// The validated configuration.
    pub config: Config,
    /// Every page, in navigation order per language.
    pub content: Content,
    /// The theme with the site's overrides.
    pub theme: Theme,
    translations: Arc<Translations>,
    templates: Templates,
    /// Headings per page, in the order of `content.pages`.
    outlines: Vec<Vec<Heading>>,
    /// The vendor checklist definition, when the site has one.
    checklist: Option<Definition>,
    /// The search synonym groups per language.
    synonyms: crate::search::SynonymGroups,
    /// The image files in `content/`, measured and named by content.
    images: Images,
    /// Each language's search index folder (named by its content but in a preview), set by
    /// `render_outputs` before it renders the pages that link to it.
    index_dirs: std::sync::RwLock<BTreeMap<String, String>>,
    /// Each language's header search field (`search-field.html`), the same on all its pages,
    /// rendered once per language by `render_outputs` before its pages.
    search_fields: std::sync::RwLock<BTreeMap<String, String>>,
    /// The pages' plain texts, for the search index (see `markdown::TextStore`); `serve`
    /// appends an edited page's new text, so it grows by a page's text per edit.
    text_store: crate::markdown::TextStore,
    /// Whether pages register the offline worker (every build but `serve`'s).
    offline: bool,
    /// Whether this is `serve`'s preview, whose search index folders are not content-hashed.
    preview: bool,
}

impl Site {
    /// Tells whether the site has a checklist definition, whose guide links name sections.
    pub fn has_checklist(&self) -> bool {
        self.checklist.is_some()
    }

    /// Returns the headings of the page at a position in `content.pages`.
    pub fn outline(&self, position: usize) -> &[Heading] {
        &self.outlines[position]
    }

    /// Puts a new version of the page at `position` (same language and key, same place in
    /// the navigation) and its headings into the model, and returns the old ones. The live
    /// preview uses it to rebuild one edited page, and to put the old one back on failure.
    pub fn replace_page(
        &mut self,
        position: usize,
        page: Page,
        outline: Vec<Heading>,
    ) -> (Page, Vec<Heading>) {
        (
            std::mem::replace(&mut self.content.pages[position], page),
            std::mem::replace(&mut self.outlines[position], outline),
        )
    }

    /// The pages' plain texts (`markdown::TextStore`), which their `section_texts` point
    /// into; rendering a page's Markdown waits while the guard lives.
    pub fn page_texts(&self) -> std::sync::RwLockReadGuard<'_, String> {
        self.text_store.read()
    }

    /// Returns a UI string the generator looks up itself. Every such key is in
    /// `generator_ui_keys`, which `load` checks in every language, so a loaded site has it:
    /// a missing one is a bug here, never a raw key on the page.
    pub(super) fn trans(&self, lang: &str, key: &str) -> String {
        match self.translations.get(lang, key) {
            Ok(text) => text.to_string(),
            Err(message) => panic!("{message} (`generator_ui_keys` must list every key)"),
        }
    }
}
