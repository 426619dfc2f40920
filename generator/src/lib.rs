//! The site generator as a library: the stages of the pipeline, each a module named with a
//! noun, in the order they run: `config` → `content` (with the `checklist` definition) → `markdown` (with `slug` and
//! `typography`) → `theme` and `templates` → `site` (the whole model, rendered in memory) →
//! `output` (the one writer). `search` builds the search index with `search_core`. `hosting` writes the recommended headers for static hosts, `weight` measures what a
//! reader downloads per page, `ask` maps the ask-the-vendor questions of the pages to the checklist, and `preview` serves live rebuilds for `generator serve`. `diagnostics` carries the problems every stage reports, and `terminology` checks every
//! text a reader sees against the site's lists of preferred terms.
//! `sections` checks and resolves the language-neutral section keys of headings
//! (`{#id key=uptime}`) that the checklist's guide links name. `review` reads pages' review
//! dates and decides which are stale. `images` finds, measures and names the image files of
//! `content/`. `offline` writes the offline-reading worker and the lists of files it saves.

pub mod ask;
pub mod checklist;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod hosting;
pub mod images;
pub mod markdown;
pub mod offline;
pub mod output;
pub mod preview;
pub mod review;
pub mod search;
pub mod sections;
pub mod site;
pub mod slug;
pub mod templates;
pub mod terminology;
pub mod theme;
pub mod typography;
pub mod weight;
