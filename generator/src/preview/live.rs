//! The site as `generator serve` keeps it between changes: the loaded `Site` and every page's
//! rendered Markdown. A change to a page re-renders, with the build's own functions, only what
//! `plan` says depends on it; anything else loads and renders the whole site again. A failed
//! rebuild leaves the model as it was and makes the next one a full one, so a problem that
//! is still on disk is reported again.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::content::parse_page;
use crate::diagnostics::{relative_path, Problem, Problems};
use crate::markdown::{self, RenderedPage};
use crate::preview::plan::{classify, plan_page_edit, Place, Plan, Source};
use crate::site::{BuildOptions, OutputFile, Selection, Site};

/// The live model of a site.
pub struct LiveSite {
    /// The loaded site, as of the last good build.
    pub site: Site,
    root: PathBuf,
    options: BuildOptions,
    /// Every page's rendered Markdown, in the order of `site.content.pages`.
    pages_html: Vec<RenderedPage>,
    /// Whether the last rebuild failed, so the next must load everything again.
    stale: bool,
}

/// The files one rebuild changed.
#[derive(Debug)]
pub struct Rebuild {
    /// The new or changed output files (all of them after a full rebuild).
    pub files: Vec<OutputFile>,
    /// Whether the whole site was loaded again, replacing every file.
    pub whole_site: bool,
    /// How many content pages were rendered again.
    pub pages: usize,
    /// The languages whose search index is out of date and not among `files` (a page
    /// rebuild leaves the index to be built after the page is served).
    pub search_languages: Vec<String>,
}

impl LiveSite {
    /// Loads and renders the whole site.
    pub fn load(root: &Path, options: &BuildOptions) -> Result<(LiveSite, Rebuild), Problems> {
        let site = Site::load(root, options)?;
        let pages_html = site.render_markdown()?;
        let files = site.render_selection(&pages_html, &Selection::Everything)?;
        let pages = site.content.pages.len();
        let live = LiveSite {
            site,
            root: root.to_path_buf(),
            options: options.clone(),
            pages_html,
            stale: false,
        };
        Ok((
            live,
            Rebuild {
                files,
                whole_site: true,
                pages,
                search_languages: Vec::new(),
            },
        ))
    }

    /// Rebuilds after the files at `changed` (absolute paths) changed; `None` when nothing
    /// the build reads changed. On problems the model stays as it was.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Option<Rebuild>, Problems> {
        let result = self.try_rebuild(changed);
        self.stale = result.is_err();
        result
    }

    fn try_rebuild(&mut self, changed: &[PathBuf]) -> Result<Option<Rebuild>, Problems> {
        if self.stale {
            return self.reload().map(Some);
        }
        let languages: Vec<&str> = self
            .site
            .config
            .languages
            .iter()
            .map(|language| language.code.as_str())
            .collect();
        let mut pages = Vec::new();
        for path in changed {
            match classify(&relative_path(&self.root, path), path.exists(), &languages) {
                Source::Unused => {}
                Source::Site => return self.reload().map(Some),
                Source::Page { lang, key } => pages.push((lang, key)),
            }
        }
        let mut edits = Vec::new();
        for (lang, key) in pages {
            match self.read_page(&lang, &key)? {
                Some(edit) => edits.push(edit),
                // A new or removed page changes the navigation and the links of every page.
                None => return self.reload().map(Some),
            }
        }
        self.apply(edits)
    }

    /// Loads and renders the whole site again.
    fn reload(&mut self) -> Result<Rebuild, Problems> {
        let (live, rebuild) = LiveSite::load(&self.root, &self.options)?;
        *self = live;
        Ok(rebuild)
    }

    /// Reads and parses the new version of a page that the model has; `None` when the model
    /// does not have it, the file is gone, or the page is in a fallback pair.
    fn read_page(&self, lang: &str, key: &str) -> Result<Option<Edit>, Problems> {
        let Some(position) = self.site.content.position(lang, key) else {
            return Ok(None);
        };
        // A page in a fallback pair (`translations = "fallback"`) shows in another language
        // too, and a new translation replaces a fallback page: load everything again.
        if self.site.content.in_fallback_pair(position) {
            return Ok(None);
        }
        let source_path = self.site.content.pages[position].source_path.clone();
        let text = match std::fs::read_to_string(self.root.join(&source_path)) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => {
                return Err(Problems(vec![Problem::new(
                    source_path,
                    0,
                    format!("cannot read: {error}"),
                )]))
            }
        };
        let page = parse_page(lang, &source_path, &text, &self.site.config).map_err(Problems)?;
        let outline = markdown::outline(&page);
        Ok(Some(Edit {
            position,
            page,
            outline,
        }))
    }

    /// Puts the edited pages into the model and renders what depends on them; on problems,
    /// puts the old pages back.
    fn apply(&mut self, edits: Vec<Edit>) -> Result<Option<Rebuild>, Problems> {
        let mut selected = BTreeSet::new();
        let mut linked_headings = Vec::new();
        let mut applied = Vec::new();
        for edit in edits {
            let place = Place {
                position: edit.position,
                language: self.language_range(edit.position),
            };
            let plan = plan_page_edit(
                (
                    &self.site.content.pages[edit.position],
                    self.site.outline(edit.position),
                ),
                (&edit.page, &edit.outline),
                &place,
            );
            match plan {
                Plan::Nothing => continue,
                Plan::Everything(_) => {
                    self.undo(applied);
                    return self.reload().map(Some);
                }
                // The checklist's links name sections in every language: its page and its
                // definition's guide URLs change with them.
                Plan::Pages {
                    removed_headings, ..
                } if !removed_headings.is_empty() && self.site.has_checklist() => {
                    self.undo(applied);
                    return self.reload().map(Some);
                }
                Plan::Pages {
                    pages,
                    removed_headings,
                } => {
                    selected.extend(pages);
                    let url = self
                        .site
                        .config
                        .url(&self.site.content.pages[edit.position].site_path);
                    linked_headings.extend(
                        removed_headings
                            .into_iter()
                            .map(|id| (edit.position, format!("{url}#{id}\""))),
                    );
                }
            }
            let old = self
                .site
                .replace_page(edit.position, edit.page, edit.outline);
            applied.push((edit.position, old));
        }
        if applied.is_empty() {
            return Ok(None);
        }
        let mut problems = Problems::default();
        selected.extend(self.pages_linking_to(&linked_headings));
        let edited: Vec<usize> = applied.iter().map(|(position, _)| *position).collect();
        problems.extend(self.site.check_content(&edited));
        let rendered: Vec<(usize, Result<RenderedPage, Vec<Problem>>)> = selected
            .par_iter()
            .map(|&position| (position, self.site.render_page_markdown(position)))
            .collect();
        let mut new_html = Vec::with_capacity(rendered.len());
        for (position, result) in rendered {
            match result {
                Ok(html) => new_html.push((position, html)),
                Err(found) => problems.extend(found),
            }
        }
        if !problems.is_empty() {
            self.undo(applied);
            return Err(problems);
        }
        let old_html: Vec<(usize, RenderedPage)> = new_html
            .into_iter()
            .map(|(position, html)| {
                (
                    position,
                    std::mem::replace(&mut self.pages_html[position], html),
                )
            })
            .collect();
        let pages = selected.len();
        let search_languages: Vec<String> = if self.site.config.search {
            let languages: BTreeSet<&str> = selected
                .iter()
                .map(|&position| self.site.content.pages[position].lang.as_str())
                .collect();
            languages.into_iter().map(str::to_string).collect()
        } else {
            Vec::new()
        };
        match self
            .site
            .render_selection(&self.pages_html, &Selection::Pages(selected))
        {
            Ok(files) => Ok(Some(Rebuild {
                files,
                whole_site: false,
                pages,
                search_languages,
            })),
            Err(problems) => {
                for (position, html) in old_html {
                    self.pages_html[position] = html;
                }
                self.undo(applied);
                Err(problems)
            }
        }
    }

    /// Collects what the search index of a language is built from, as the site is now, with
    /// a copy of the pages' texts (the site's store goes on growing with every edit).
    pub fn search_index_input(&self, lang: &str) -> crate::search::IndexInput<'static> {
        self.site
            .search_index_input(lang, &self.pages_html, &self.site.page_texts())
            .into_owned()
    }

    /// Puts back the old versions of pages, last first.
    fn undo(&mut self, applied: Vec<(usize, (crate::content::Page, Vec<markdown::Heading>))>) {
        for (position, (page, outline)) in applied.into_iter().rev() {
            self.site.replace_page(position, page, outline);
        }
    }

    /// Returns the positions of the pages of a page's language.
    fn language_range(&self, position: usize) -> std::ops::Range<usize> {
        let pages = &self.site.content.pages;
        let lang = &pages[position].lang;
        let start = pages[..position]
            .iter()
            .rposition(|page| &page.lang != lang)
            .map_or(0, |before| before + 1);
        let end = pages[position..]
            .iter()
            .position(|page| &page.lang != lang)
            .map_or(pages.len(), |after| position + after);
        start..end
    }

    /// Returns the pages of a target's language whose rendered Markdown links to one of the
    /// given `(target position, "url#id\"")` headings: links resolve within a language, and
    /// a resolved link is written as `href="url#id"`.
    fn pages_linking_to(&self, headings: &[(usize, String)]) -> BTreeSet<usize> {
        headings
            .iter()
            .flat_map(|(target, needle)| {
                self.language_range(*target)
                    .into_par_iter()
                    .filter(|&position| self.pages_html[position].html.contains(needle.as_str()))
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

/// A new version of a page, read from disk.
struct Edit {
    position: usize,
    page: crate::content::Page,
    outline: Vec<markdown::Heading>,
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// A copy of the `valid` fixture site (two pages per language; the home page links to
    /// the overview's `#details` heading) in a fresh temporary folder.
    fn fixture_copy(name: &str) -> PathBuf {
        copy_site("tests/fixtures/valid", &["site.toml", "content"], name)
    }

    /// Copies parts of a site below the repository into a fresh temporary folder.
    fn copy_site(site: &str, parts: &[&str], name: &str) -> PathBuf {
        let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(site);
        let root =
            std::env::temp_dir().join(format!("generator-live-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for entry in parts
            .iter()
            .flat_map(|part| walkdir::WalkDir::new(site.join(part)))
        {
            let entry = entry.expect("the site is readable");
            let target = root.join(entry.path().strip_prefix(&site).expect("below the site"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("a temporary folder");
            } else {
                std::fs::create_dir_all(target.parent().expect("a folder")).expect("a folder");
                std::fs::copy(entry.path(), &target).expect("a temporary copy");
            }
        }
        root
    }

    /// The options `serve` builds with.
    fn preview_options() -> BuildOptions {
        BuildOptions {
            preview: true,
            ..BuildOptions::default()
        }
    }

    fn by_path(files: Vec<OutputFile>) -> BTreeMap<String, Vec<u8>> {
        files
            .into_iter()
            .map(|file| (file.path, file.bytes))
            .collect()
    }

    /// What `check` and `build` make of the site as it is on disk.
    fn full_build(root: &Path) -> Result<BTreeMap<String, Vec<u8>>, Problems> {
        let site = Site::load(root, &preview_options())?;
        Ok(by_path(site.render()?))
    }

    fn edit(root: &Path, file: &str, change: impl Fn(&str) -> String) -> PathBuf {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).expect("the fixture page exists");
        let changed = change(&text);
        assert_ne!(changed, text, "the edit changes the file");
        std::fs::write(&path, changed).expect("the page is writable");
        path
    }

    /// Edits a page of a fresh fixture copy, rebuilds live, and checks that the files served
    /// afterwards are exactly those of a full build; returns the rebuild.
    #[track_caller]
    fn check_edit(name: &str, file: &str, change: impl Fn(&str) -> String) -> Rebuild {
        check_edit_in(fixture_copy(name), file, change)
    }

    #[track_caller]
    fn check_edit_in(root: PathBuf, file: &str, change: impl Fn(&str) -> String) -> Rebuild {
        let (mut live, first) =
            LiveSite::load(&root, &preview_options()).expect("the fixture builds");
        let mut served = by_path(first.files);
        let path = edit(&root, file, change);
        let rebuild = live
            .rebuild(&[path])
            .expect("the edit builds")
            .expect("the edit changes the site");
        let mut changed = by_path(rebuild.files.clone());
        for lang in &rebuild.search_languages {
            changed.extend(by_path(live.search_index_input(lang).build().files));
        }
        if rebuild.whole_site {
            served = changed;
        } else {
            served.extend(changed);
        }
        let expected = full_build(&root).expect("the edited fixture builds");
        let differing: Vec<&String> = expected
            .keys()
            .chain(served.keys())
            .filter(|path| expected.get(*path) != served.get(*path))
            .collect();
        assert!(
            differing.is_empty(),
            "served files differ from a full build: {differing:?}"
        );
        let _ = std::fs::remove_dir_all(&root);
        rebuild
    }

    fn paths(rebuild: &Rebuild) -> Vec<&str> {
        let mut paths: Vec<&str> = rebuild
            .files
            .iter()
            .map(|file| file.path.as_str())
            .collect();
        paths.sort_unstable();
        paths
    }

    #[test]
    fn an_edited_body_rerenders_only_its_page_and_its_languages_shared_files() {
        let rebuild = check_edit("body", "content/en/overview.md", |text| {
            text.replace("A footnote.", "A footnote, edited.")
        });
        assert!(!rebuild.whole_site);
        assert_eq!(rebuild.pages, 1);
        // The search index is built after the page is served, for English only.
        assert_eq!(rebuild.search_languages, ["en"]);
        assert_eq!(
            paths(&rebuild),
            [
                "de/alter-ueberblick/index.html", // every redirect page: few, cheap to render
                "en/overview/index.html",
                "en/print/index.html",
                "en/search/index.html"
            ]
        );
    }

    #[test]
    fn an_edited_title_rerenders_the_pages_whose_navigation_lists_it() {
        let rebuild = check_edit("title", "content/de/overview.md", |text| {
            text.replacen("title = \"", "title = \"Neu: ", 1)
        });
        assert!(!rebuild.whole_site);
        assert_eq!(
            rebuild.pages, 2,
            "the page and the home page, whose navigation lists it"
        );
    }

    #[test]
    fn the_guide_rebuilds_an_edit_to_the_same_files_as_a_full_build() {
        // The real guide has a checklist, section keys and terminology lists.
        let guide = |name| copy_site(".", &["site.toml", "content", "theme"], name);
        let rebuild = check_edit_in(guide("guide-body"), "content/de/soc-2.md", |text| {
            format!("{text}\nEin neuer Absatz zum Schluss.\n")
        });
        assert!(!rebuild.whole_site);
        let rebuild = check_edit_in(guide("guide-title"), "content/en/soc-2.md", |text| {
            text.replacen("title = \"", "title = \"New: ", 1)
        });
        assert!(!rebuild.whole_site);
        assert!(rebuild.pages > 1, "the pages listing it");
    }

    #[test]
    fn a_new_order_or_slug_rebuilds_the_whole_site() {
        let rebuild = check_edit("order", "content/en/overview.md", |text| {
            text.replace("order = 10", "order = -1")
        });
        assert!(rebuild.whole_site);
        let rebuild = check_edit("slug", "content/en/overview.md", |text| {
            text.replace("order = 10", "order = 10\nslug = \"summary\"")
        });
        assert!(rebuild.whole_site);
    }

    #[test]
    fn a_removed_heading_that_another_page_links_to_is_reported_as_check_reports_it() {
        let root = fixture_copy("heading");
        let (mut live, _) = LiveSite::load(&root, &preview_options()).expect("the fixture builds");
        let path = edit(&root, "content/en/overview.md", |text| {
            text.replace("{#details", "{#particulars")
                .replace("(#details)", "(#particulars)")
        });
        let live_problems = live
            .rebuild(std::slice::from_ref(&path))
            .expect_err("the link is broken");
        let check_problems = full_build(&root).expect_err("the link is broken");
        assert_eq!(live_problems.to_string(), check_problems.to_string());
        assert!(
            live_problems.to_string().contains(
                "content/en/index.md: line 6: link to `overview.md#details` matches no heading"
            ),
            "{live_problems}"
        );
        // Still broken after another save: reported again.
        let again = live
            .rebuild(std::slice::from_ref(&path))
            .expect_err("still broken");
        assert_eq!(again.to_string(), check_problems.to_string());
        // Fixed: the whole site is built again and served as a full build would be.
        let fixed = edit(&root, "content/en/index.md", |text| {
            text.replace("#details", "#particulars")
        });
        let rebuild = live.rebuild(&[fixed]).expect("fixed").expect("a change");
        assert!(rebuild.whole_site);
        assert_eq!(by_path(rebuild.files), full_build(&root).expect("fixed"));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn fallback_pages_follow_their_original_and_give_way_to_a_new_translation() {
        let fallback = |name| copy_site("tests/fixtures/fallback", &["site.toml", "content"], name);
        // The original's text shows on its fallback page (`de/glossary/`) too.
        check_edit_in(
            fallback("fallback-original"),
            "content/en/glossary.md",
            |text| text.replace("English only", "English alone"),
        );
        // A new title beside a fallback page in the German navigation.
        let rebuild = check_edit_in(
            fallback("fallback-neighbour"),
            "content/de/overview.md",
            |text| text.replacen("title = \"", "title = \"Neu: ", 1),
        );
        assert!(!rebuild.whole_site);
        // A German translation arrives: it replaces the fallback page everywhere.
        let root = fallback("fallback-translated");
        let (mut live, _) = LiveSite::load(&root, &preview_options()).expect("the fixture builds");
        let path = root.join("content/de/glossary.md");
        std::fs::write(
            &path,
            "+++\ntitle = \"Glossar\"\ndescription = \"Die Begriffe des Leitfadens.\"\norder = 20\n+++\n\n## Begriffe {#terms}\n\nText.\n",
        )
        .expect("writable");
        let rebuild = live.rebuild(&[path]).expect("it builds").expect("a change");
        assert!(rebuild.whole_site);
        let served = by_path(rebuild.files);
        assert_eq!(served, full_build(&root).expect("it builds"));
        let page = String::from_utf8_lossy(&served["de/glossary/index.html"]).into_owned();
        assert!(page.contains("<h1>Glossar</h1>"), "{page}");
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn files_the_build_does_not_read_rebuild_nothing() {
        let root = fixture_copy("unused");
        let (mut live, _) = LiveSite::load(&root, &preview_options()).expect("the fixture builds");
        let swap = root.join("content/en/.overview.md.swp");
        std::fs::write(&swap, "x").expect("writable");
        assert!(live
            .rebuild(&[swap, root.join("README.md")])
            .expect("nothing to build")
            .is_none());
        // Saved without a change: nothing either.
        let page = root.join("content/en/overview.md");
        assert!(live.rebuild(&[page]).expect("nothing to build").is_none());
        let _ = std::fs::remove_dir_all(&root);
    }
}
