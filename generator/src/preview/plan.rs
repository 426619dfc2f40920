//! The rule of a live rebuild, as pure functions: what a changed path is to the site, and
//! which pages' output depends on an edited page. It reads nothing from disk and renders
//! nothing; `live` applies the plan with the build's own functions.
//!
//! The rule: a page's own output shows all of it; the pages whose navigation lists it, and
//! its neighbours (whose pager links to it), show its title and description; pages that link
//! to one of its headings depend on that heading's id and section key; its language's search page, search
//! index and print view show everything. A change to anything else that places the page
//! (its URL, order, template or any other front matter), a new or removed page, and a change
//! to the configuration, the theme or data under `content/` rebuild the whole site.

use std::collections::BTreeSet;
use std::path::{Component, Path};

use crate::content::{FrontMatter, Page, CONTENT_DIR};
use crate::markdown::Heading;

/// What a changed path, relative to the site root, is to the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A page: `content/<lang>/<key>.md`.
    Page {
        /// The language folder.
        lang: String,
        /// The file name without `.md`.
        key: String,
    },
    /// A file every output may depend on: `site.toml`, anything in `theme/`, data files and
    /// folders under `content/`.
    Site,
    /// A file the build never reads: editor backups and swap files, files beside `site.toml`.
    Unused,
}

/// Tells what a path relative to the site root is to a site with these languages; `exists`
/// tells whether the file is there after the change.
pub fn classify(path: &Path, exists: bool, languages: &[&str]) -> Source {
    let parts: Vec<&str> = path
        .components()
        .filter_map(|component| match component {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect();
    let Some(&file) = parts.last() else {
        return Source::Unused;
    };
    // Editors write these beside the file they save; the build never reads them.
    if file.starts_with('.') || file.ends_with('~') || file.ends_with(".swp") {
        return Source::Unused;
    }
    match parts.as_slice() {
        [name] if *name == crate::config::CONFIG_FILE => Source::Site,
        [theme, ..] if *theme == crate::theme::THEME_DIR => Source::Site,
        [content, lang, file] if *content == CONTENT_DIR && languages.contains(lang) => {
            match file.strip_suffix(".md") {
                Some(key) => Source::Page {
                    lang: (*lang).to_string(),
                    key: key.to_string(),
                },
                // Tools that save by renaming (`sed -i`, some editors) leave a short-lived
                // file beside the page; gone by now, it was never part of the site.
                None if !exists => Source::Unused,
                None => Source::Site,
            }
        }
        // The language folder itself changes with every file saved in it.
        [content, lang] if *content == CONTENT_DIR && languages.contains(lang) => Source::Unused,
        [content] if *content == CONTENT_DIR => Source::Unused,
        [content, ..] if *content == CONTENT_DIR => Source::Site,
        _ => Source::Unused,
    }
}

/// What to rebuild after an edit of one page that stays in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Nothing the build reads changed (the file was saved unchanged).
    Nothing,
    /// The page moved, or something every page shows changed: load and render everything.
    Everything(&'static str),
    /// Re-render these pages (positions in `content.pages`) and their language's shared files.
    Pages {
        /// The edited page and the pages that show its title.
        pages: BTreeSet<usize>,
        /// Old ids of the headings whose id or section key is gone: pages that link to them
        /// must be rendered again (and are then reported).
        removed_headings: Vec<String>,
    },
}

/// Where an edited page sits: its position in `content.pages`, and the range of positions of
/// its language (pages are grouped by language, in navigation order).
#[derive(Debug, Clone)]
pub struct Place {
    /// The page's position in `content.pages`.
    pub position: usize,
    /// The positions of the pages of its language.
    pub language: std::ops::Range<usize>,
}

/// Decides what an edit of the page at `place` changes, from its old and new version.
pub fn plan_page_edit(
    before: (&Page, &[Heading]),
    after: (&Page, &[Heading]),
    place: &Place,
) -> Plan {
    let ((old, old_headings), (new, new_headings)) = (before, after);
    if placement(&old.front) != placement(&new.front) || old.site_path != new.site_path {
        return Plan::Everything("its URL, order, template or other front matter changed");
    }
    if old.front == new.front && old.body == new.body && old.body_line == new.body_line {
        return Plan::Nothing;
    }
    let mut pages = BTreeSet::from([place.position]);
    if old.front.title != new.front.title || old.front.description != new.front.description {
        let within = place.position - place.language.start;
        pages.extend(
            crate::site::pages_showing_title_of(place.language.len(), within)
                .into_iter()
                .map(|other| place.language.start + other),
        );
    }
    // A link reaches a heading by its id (Markdown) or its section key (the checklist).
    let kept: BTreeSet<(&str, Option<&str>)> = new_headings.iter().map(anchors).collect();
    let removed_headings = old_headings
        .iter()
        .filter(|heading| !kept.contains(&anchors(heading)))
        .map(|heading| heading.id.clone())
        .collect();
    Plan::Pages {
        pages,
        removed_headings,
    }
}

/// Returns what links into a page can name of a heading: its id and its section key.
fn anchors(heading: &Heading) -> (&str, Option<&str>) {
    (heading.id.as_str(), heading.key.as_deref())
}

/// Returns the front matter without the fields other pages show (title and description), so
/// that any other field, present or future, counts as placing the page.
fn placement(front: &FrontMatter) -> FrontMatter {
    FrontMatter {
        title: String::new(),
        description: String::new(),
        ..front.clone()
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::config::Config;
    use crate::content::parse_page;
    use crate::markdown::outline;

    const LANGUAGES: &[&str] = &["en", "de"];

    #[track_caller]
    fn check_source(path: &str, expected: Source) {
        assert_eq!(
            classify(Path::new(path), true, LANGUAGES),
            expected,
            "{path}"
        );
    }

    fn page(key: &str) -> Source {
        Source::Page {
            lang: "en".into(),
            key: key.into(),
        }
    }

    #[test]
    fn changed_paths_are_pages_site_files_or_unused() {
        check_source("content/en/soc-2.md", page("soc-2"));
        check_source(
            "content/de/soc-2.md",
            Source::Page {
                lang: "de".into(),
                key: "soc-2".into(),
            },
        );
        check_source("site.toml", Source::Site);
        check_source("theme/static/style.css", Source::Site);
        check_source("theme", Source::Site);
        check_source("content/checklist.toml", Source::Site);
        check_source("content/fr/soc-2.md", Source::Site);
        check_source("content/en/sub/page.md", Source::Site);
        check_source("content/en/diagram.svg", Source::Site);
        check_source("content/en/.soc-2.md.swp", Source::Unused);
        check_source("content/en/soc-2.md~", Source::Unused);
        check_source("content/en/.#soc-2.md", Source::Unused);
        check_source("content/en", Source::Unused);
        check_source("content", Source::Unused);
        check_source("README.md", Source::Unused);
        check_source("public/en/index.html", Source::Unused);
        // Gone after the change: a page removed, a theme file removed, a temporary file.
        let gone = |path: &str| classify(Path::new(path), false, LANGUAGES);
        assert_eq!(gone("content/en/soc-2.md"), page("soc-2"));
        assert_eq!(gone("theme/templates/page.html"), Source::Site);
        assert_eq!(gone("content/en/sedX4a9Q2"), Source::Unused);
    }

    fn config() -> Config {
        Config::parse(
            "base_url = \"https://example.com\"\ndefault_language = \"en\"\n\
             [[languages]]\ncode = \"en\"\nname = \"English\"\ntitle = \"T\"\ndescription = \"D\"\n\
             [publisher]\nname = \"P\"\nemail = \"p@example.com\"\nphone = \"1\"\n",
        )
        .expect("the test configuration is valid")
    }

    fn parse(front: &str, body: &str) -> (Page, Vec<Heading>) {
        let text = format!("+++\n{front}\n+++\n{body}");
        let page = parse_page(
            "en",
            &PathBuf::from("content/en/soc-2.md"),
            &text,
            &config(),
        )
        .expect("the test page is valid");
        let headings = outline(&page);
        (page, headings)
    }

    const FRONT: &str = "title = \"SOC 2\"\ndescription = \"Reports.\"\norder = 5";
    const BODY: &str = "Intro.\n\n## Type II\n\nText.\n\n## Scope\n\nMore.\n";

    /// Plans an edit of the page at position 12 of a language holding positions 10..`end`.
    #[track_caller]
    fn check_plan(edit: (&str, &str), end: usize, expected: Plan) {
        let before = parse(FRONT, BODY);
        let after = parse(edit.0, edit.1);
        let place = Place {
            position: 12,
            language: 10..end,
        };
        assert_eq!(
            plan_page_edit((&before.0, &before.1), (&after.0, &after.1), &place),
            expected
        );
    }

    fn pages(positions: impl IntoIterator<Item = usize>, removed: &[&str]) -> Plan {
        Plan::Pages {
            pages: positions.into_iter().collect(),
            removed_headings: removed.iter().map(|id| id.to_string()).collect(),
        }
    }

    #[test]
    fn an_edit_rebuilds_the_page_and_the_pages_that_show_what_changed() {
        let moved = Plan::Everything("its URL, order, template or other front matter changed");
        // The body alone: only the page itself (and its language's shared files).
        check_plan(
            (FRONT, "Intro, edited.\n\n## Type II\n\n## Scope\n"),
            21,
            pages([12], &[]),
        );
        // Saved unchanged: nothing.
        check_plan((FRONT, BODY), 21, Plan::Nothing);
        // A new title on a small site: every page lists it.
        let retitled = "title = \"SOC 2 reports\"\ndescription = \"Reports.\"\norder = 5";
        check_plan((retitled, BODY), 21, pages(10..21, &[]));
        // On a large site, the pages whose navigation window holds it (it is 3rd of 5,000).
        check_plan((retitled, BODY), 5010, pages(10..20, &[]));
        let redescribed = "title = \"SOC 2\"\ndescription = \"Audit reports.\"\norder = 5";
        check_plan((redescribed, BODY), 5010, pages(10..20, &[]));
        // A heading gone: the pages linking to it are found from its id.
        check_plan(
            (FRONT, "Intro.\n\n## Type II\n\nText.\n"),
            21,
            pages([12], &["scope"]),
        );
        check_plan(
            (FRONT, "## Type 2\n\n## Scope\n"),
            21,
            pages([12], &["type-ii"]),
        );
        // A section key gone (the id stays): links by key reach the heading no more.
        let keyed = "## Type II {#type-ii key=type-two}\n\n## Scope\n";
        let before = parse(FRONT, keyed);
        let after = parse(FRONT, "## Type II {#type-ii}\n\n## Scope\n");
        let place = Place {
            position: 12,
            language: 10..21,
        };
        assert_eq!(
            plan_page_edit((&before.0, &before.1), (&after.0, &after.1), &place),
            pages([12], &["type-ii"])
        );
        // A heading added breaks no link.
        check_plan(
            (FRONT, "## Type II\n\n## Scope\n\n## New\n"),
            21,
            pages([12], &[]),
        );
        // Anything that places the page: everything.
        check_plan(
            (
                "title = \"SOC 2\"\ndescription = \"Reports.\"\norder = 6",
                BODY,
            ),
            21,
            moved.clone(),
        );
        check_plan(
            (&format!("{FRONT}\nslug = \"soc\""), BODY),
            21,
            moved.clone(),
        );
        check_plan(
            (&format!("{FRONT}\ntemplate = \"checklist\""), BODY),
            21,
            moved,
        );
    }
}
