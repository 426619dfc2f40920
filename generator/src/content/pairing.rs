//! Pairing across languages: reports a page without a translation in every language, makes
//! the fallback pages of `translations = "fallback"` (a page of the default language that
//! another language lacks, published there with its own text), and reports two pages (or a
//! page and a former URL) that would be written to the same URL.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::{Config, TranslationMode};
use crate::diagnostics::Problem;

use super::{Content, Page, CONTENT_DIR};

/// The pages that exist as files, as `(language, key)`, even those that failed to parse.
pub(super) type Present = BTreeSet<(String, String)>;

/// Returns, in fallback mode, a fallback page for every page of the default language that
/// another language lacks: the same page, placed in that language at the URL its slug gives
/// there, with no former URLs (those redirect to the original already).
pub(super) fn fallback_pages(pages: &[Page], config: &Config, present: &Present) -> Vec<Page> {
    if config.translations != TranslationMode::Fallback {
        return Vec::new();
    }
    let default = config.default_language.as_str();
    let mut fallbacks = Vec::new();
    for original in pages.iter().filter(|page| page.lang == default) {
        for language in &config.languages {
            if present.contains(&(language.code.clone(), original.key.clone())) {
                continue;
            }
            let below_language = &original.site_path[default.len()..];
            fallbacks.push(Page {
                lang: language.code.clone(),
                site_path: format!("{}{below_language}", language.code),
                alias_paths: Vec::new(),
                fallback_of: Some(default.to_string()),
                ..original.clone()
            });
        }
    }
    fallbacks
}

impl Content {
    /// Reports pages whose translation is missing in some language. In fallback mode only a
    /// missing page of the default language is an error, since the others get fallbacks.
    pub(super) fn check_translations(&self, config: &Config, present: &Present) -> Vec<Problem> {
        let fallback = config.translations == TranslationMode::Fallback;
        let mut problems = Vec::new();
        for page in self.pages.iter().filter(|page| !page.is_fallback()) {
            for language in &config.languages {
                if present.contains(&(language.code.clone(), page.key.clone())) {
                    continue;
                }
                let from_default = page.lang == config.default_language;
                if fallback && from_default {
                    continue;
                }
                let or_fallback = if from_default {
                    ", or set `translations = \"fallback\"` in `site.toml` to publish this page there untranslated"
                } else {
                    ""
                };
                problems.push(Problem::new(
                    &page.source_path,
                    1,
                    format!(
                        "no translation in `{}` ({}): add `{CONTENT_DIR}/{}/{}.md` (translations share the file name){or_fallback}",
                        language.code, language.name, language.code, page.key
                    ),
                ));
            }
        }
        problems
    }

    /// Lists, in `check`'s `path: line N: message` form, every page published untranslated:
    /// one line per fallback page, at its original. Strict mode has none, and reports the
    /// missing translations as problems instead.
    pub fn untranslated(&self, config: &Config) -> Vec<Problem> {
        self.pages
            .iter()
            .filter(|page| page.is_fallback())
            .map(|page| {
                let name = config
                    .language(&page.lang)
                    .map_or(page.lang.as_str(), |language| language.name.as_str());
                Problem::new(
                    &page.source_path,
                    1,
                    format!(
                        "untranslated: no `{CONTENT_DIR}/{}/{}.md`, so `{}` ({name}) shows this page's text with a notice (`translations = \"fallback\"`)",
                        page.lang,
                        page.key,
                        config.url(&page.site_path)
                    ),
                )
            })
            .collect()
    }

    /// Reports two pages of one language that would be written to the same URL, a former
    /// URL that is another page's, and a fallback page whose URL an authored page or former
    /// URL of that language already has.
    pub(super) fn check_unique_urls(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let authored = || self.pages.iter().filter(|page| !page.is_fallback());
        let mut owners: BTreeMap<&str, &Page> = BTreeMap::new();
        for page in authored() {
            owners.entry(&page.site_path).or_insert(page);
        }
        for page in authored() {
            for alias in &page.alias_paths {
                match owners.get(alias.as_str()) {
                    Some(owner) => problems.push(Problem::new(
                        &page.source_path,
                        page.aliases_line,
                        format!(
                            "alias URL `{alias}` is already used by `{}`: remove the alias or change that page's `slug`",
                            owner.source_path.display()
                        ),
                    )),
                    None => {
                        owners.insert(alias, page);
                    }
                }
            }
        }
        let taken = owners;
        let mut owners: BTreeMap<&str, &Page> = BTreeMap::new();
        for page in authored() {
            if let Some(owner) = owners.get(page.site_path.as_str()) {
                problems.push(Problem::new(
                    &page.source_path,
                    page.slug_line,
                    format!(
                        "slug `{}` is already used by `{}`: give one of the two pages another `slug`",
                        page.site_path.trim_end_matches('/').rsplit('/').next().unwrap_or_default(),
                        owner.source_path.display()
                    ),
                ));
            } else {
                owners.insert(&page.site_path, page);
            }
        }
        for page in self.pages.iter().filter(|page| page.is_fallback()) {
            if let Some(owner) = taken.get(page.site_path.as_str()) {
                problems.push(Problem::new(
                    &page.source_path,
                    page.slug_line,
                    format!(
                        "this page has no translation in `{lang}`, and its fallback page there would take the URL `{}` of `{}`: give one of the two pages another `slug`, or translate this page as `{CONTENT_DIR}/{lang}/{}.md`",
                        page.site_path,
                        owner.source_path.display(),
                        page.key,
                        lang = page.lang,
                    ),
                ));
            }
        }
        problems
    }
}
