//! Loading the site: runs the stages in order, collects the problems of every stage, and runs
//! the checks that look at more than one page (section keys, the checklist's guide links, the
//! ask-the-vendor questions, terminology, the UI strings the generator looks up itself, and
//! content URLs that collide with generated pages).

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use checklist_core::Definition;

use crate::ask;
use crate::checklist;
use crate::config::{normalize_base_path, Config};
use crate::content::Content;
use crate::diagnostics::{Problem, Problems};
use crate::images::Images;
use crate::markdown::{self, Heading};
use crate::sections;
use crate::templates::{Templates, Translations};
use crate::theme::Theme;

use super::generated::GeneratedPage;
use super::urls::SECTION_LINK_KEY;
use super::{BuildOptions, Site};

impl Site {
    /// Loads and checks the whole site, collecting the problems of every stage.
    pub fn load(root: &Path, options: &BuildOptions) -> Result<Site, Problems> {
        let mut config = Config::load(root)?;
        let mut problems = Problems::default();
        if let Some(base_path) = &options.base_path {
            match normalize_base_path(base_path) {
                Ok(path) => config.base_path = path,
                Err(message) => problems.push(Problem::new("--base-path", 0, message)),
            }
        }
        let content = Content::load(root, &config);
        let theme = Theme::load(root);
        let (content, theme) = match (content, theme) {
            (Ok(content), Ok(theme)) => (content, theme),
            (content, theme) => {
                problems.extend(content.err().into_iter().flatten());
                problems.extend(theme.err().into_iter().flatten());
                return Err(problems.into_result(()).unwrap_err());
            }
        };
        let translations = match Translations::load(&theme, &config) {
            Ok(translations) => Arc::new(translations),
            Err(found) => {
                problems.extend(found);
                return Err(problems.into_result(()).unwrap_err());
            }
        };
        let generator_ui_problems = check_generator_ui_strings(&translations, &config);
        // Generated pages' URLs come from UI strings: check them only when all exist.
        let generator_ui_complete = generator_ui_problems.is_empty();
        problems.extend(generator_ui_problems);
        let templates = match Templates::load(&theme, Arc::clone(&translations), &config) {
            Ok(templates) => Some(templates),
            Err(found) => {
                problems.extend(found);
                None
            }
        };
        let images = Images::load(root).unwrap_or_else(|found| {
            problems.extend(found);
            Images::default()
        });
        let outlines: Vec<Vec<Heading>> = content.pages.par_iter().map(markdown::outline).collect();
        let checklist = match checklist::load(root) {
            Ok(definition) => {
                if definition.is_some() {
                    problems.extend(checklist::check_ui_strings(&translations, &config));
                }
                definition
            }
            Err(found) => {
                problems.extend(found);
                None
            }
        };
        let synonyms = crate::search::load_synonyms(root, &config).unwrap_or_else(|found| {
            problems.extend(found.0);
            Default::default()
        });
        // Run before templates are known to load, so a broken template hides nothing.
        problems.extend(check_content(
            root,
            &config,
            &content,
            &theme,
            &outlines,
            checklist.as_ref(),
            &content,
        ));
        problems.extend(crate::terminology::check_ui_typography(&config, &theme));
        problems.extend(crate::typography::check_languages(&config));
        let Some(templates) = templates else {
            return Err(problems.into_result(()).unwrap_err());
        };
        // The pages' plain texts for the search index, about as long as their sources.
        let text_store = crate::markdown::TextStore::with_capacity(if config.search {
            content.pages.iter().map(|page| page.body.len()).sum()
        } else {
            0
        });
        let site = Site {
            root: root.to_path_buf(),
            config,
            content,
            theme,
            translations,
            templates,
            outlines,
            checklist,
            synonyms,
            images,
            index_dirs: Default::default(),
            search_fields: Default::default(),
            text_store,
            offline: !options.preview,
            preview: options.preview,
        };
        if generator_ui_complete {
            problems.extend(site.check_generated_page_slugs());
        }
        problems.into_result(site)
    }

    /// Runs the checks of the loaded content that look at more than one page, as `load`
    /// does, with the terminology of the pages at `edited` only (the others are unchanged
    /// since `load` checked them), so a live rebuild reports what `check` would.
    pub fn check_content(&self, edited: &[usize]) -> Vec<Problem> {
        let edited_pages = edited
            .iter()
            .map(|&position| self.content.pages[position].clone())
            .collect();
        check_content(
            &self.root,
            &self.config,
            &self.content,
            &self.theme,
            &self.outlines,
            self.checklist.as_ref(),
            &Content::from_pages(edited_pages, &self.config),
        )
    }

    /// Reports content pages whose URL collides with a generated page (search, print).
    fn check_generated_page_slugs(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        for page in &self.content.pages {
            for generated in GeneratedPage::ALL {
                let taken = self.generated_site_path(generated, &page.lang);
                if page.alias_paths.contains(&taken) {
                    problems.push(Problem::new(
                        &page.source_path,
                        page.aliases_line,
                        format!(
                            "alias URL `{taken}` is taken by the generated {} page: remove the alias",
                            generated.template().trim_end_matches(".html")
                        ),
                    ));
                }
                if page.site_path == taken {
                    problems.push(Problem::new(
                        &page.source_path,
                        page.slug_line,
                        format!(
                            "URL `{}` is taken by the generated {} page: give this page another `slug`",
                            page.site_path,
                            generated.template().trim_end_matches(".html")
                        ),
                    ));
                }
            }
        }
        problems
    }
}

/// Runs the checks of loaded content that look at more than one page: section keys across
/// translations, the checklist's guide links, the ask-the-vendor questions against the
/// checklist; and the terminology of the pages in `prose`
/// (with the checklist's and the theme's texts). One place, for `Site::load` and
/// `Site::check_content`.
fn check_content(
    root: &Path,
    config: &Config,
    content: &Content,
    theme: &Theme,
    outlines: &[Vec<Heading>],
    checklist: Option<&Definition>,
    prose: &Content,
) -> Vec<Problem> {
    let mut problems = sections::check(content, outlines);
    problems.extend(checklist::check_against_site(
        checklist, config, content, outlines,
    ));
    if let Some(definition) = checklist {
        problems.extend(ask_the_vendor(definition, content));
    }
    match crate::terminology::load(root, config) {
        Ok(lists) => problems.extend(crate::terminology::check_site(root, &lists, prose, theme)),
        Err(found) => problems.extend(found),
    }
    problems
}

/// Returns every UI string key the generator looks up itself (not from a template): the
/// section link, dates, the generated pages' slugs and titles, and the callout titles.
fn generator_ui_keys() -> Vec<String> {
    let months = (1..=12).map(|month| format!("month.{month}"));
    let generated = GeneratedPage::ALL
        .into_iter()
        .flat_map(|page| [page.slug_key(), page.title_key()]);
    let callouts = markdown::CALLOUT_KINDS
        .iter()
        .map(|kind| format!("callout.{kind}"));
    [SECTION_LINK_KEY, "date_format"]
        .into_iter()
        .chain(generated)
        .map(String::from)
        .chain(months)
        .chain(callouts)
        .collect()
}

/// Reports UI strings the generator looks up itself (not from a template) that a language
/// lacks, so a theme override cannot leave a raw key on the page.
fn check_generator_ui_strings(translations: &Translations, config: &Config) -> Vec<Problem> {
    let keys = generator_ui_keys();
    let mut problems = Vec::new();
    for language in &config.languages {
        for key in &keys {
            if let Err(message) = translations.get(&language.code, key) {
                problems.push(Problem::new(
                    format!("theme/i18n/{}.toml", language.code),
                    0,
                    message,
                ));
            }
        }
    }
    problems
}

/// Checks every ask-the-vendor question of every page: it carries a marker, and each id the
/// marker names is a question of the checklist.
fn ask_the_vendor(
    definition: &checklist_core::definition::Definition,
    content: &Content,
) -> Vec<Problem> {
    // A fallback page asks its original's questions, which are checked with the original.
    let (asked, found): (Vec<_>, Vec<_>) = content
        .pages
        .iter()
        .map(|page| {
            if page.is_fallback() {
                Default::default()
            } else {
                ask::questions(page)
            }
        })
        .unzip();
    let mut problems: Vec<Problem> = found.into_iter().flatten().collect();
    problems.extend(ask::check_against_checklist(definition, content, &asked));
    problems
}
