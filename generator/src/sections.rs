//! Section keys: the language-neutral names of a page's sections. Heading ids are written in
//! each page's language (`#uptime` in English, `#verfuegbarkeit` in German), so a link that
//! must reach the same section in every language, such as a checklist question's `guide`
//! link, names the section by a key that both translations carry on the heading:
//! `## Avoid system downtime {#uptime key=uptime}` and
//! `## Systemausfälle vermeiden {#verfuegbarkeit key=uptime}`; the link is
//! `security-in-operation.md#uptime`. This module checks the keys of every page (well formed,
//! unique on the page, present in every translation) and resolves such a link to the page
//! and heading in one language. Reading the key from the Markdown is left to `markdown`;
//! what a link means to the checklist, and its messages there, to `checklist`.

use std::collections::HashMap;

use crate::content::{Content, Page};
use crate::diagnostics::{suggest, Problem};
use crate::markdown::{Heading, SECTION_KEY_ATTRIBUTE};

/// Tells whether a text is a well-formed section key: lowercase ASCII letters and digits in
/// words joined by single hyphens, like a heading id (`uptime`, `security-of-processing`).
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit())
        })
}

/// Reports every malformed section key, every key used twice on one page, and every key
/// that a page carries and its translation into another language lacks. `outlines` holds the
/// headings of `content.pages`, in the same order.
pub fn check(content: &Content, outlines: &[Vec<Heading>]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut languages: Vec<&str> = Vec::new();
    for page in &content.pages {
        if !languages.contains(&page.lang.as_str()) {
            languages.push(&page.lang);
        }
    }
    // A fallback page carries its original's headings: checked with the original.
    for (page, headings) in content
        .pages
        .iter()
        .zip(outlines)
        .filter(|(page, _)| !page.is_fallback())
    {
        let mut first_line: HashMap<&str, usize> = HashMap::new();
        for heading in headings {
            let Some(key) = heading.key.as_deref() else {
                continue;
            };
            if !is_valid_key(key) {
                let what = if key.is_empty() {
                    "section key has no value".to_string()
                } else {
                    format!("section key `{key}` is malformed")
                };
                problems.push(Problem::new(
                    &page.source_path,
                    heading.line,
                    format!(
                        "{what}: write `{SECTION_KEY_ATTRIBUTE}=` and lowercase letters, digits and single hyphens, e.g. `{SECTION_KEY_ATTRIBUTE}=uptime`"
                    ),
                ));
                continue;
            }
            if let Some(line) = first_line.get(key) {
                problems.push(Problem::new(
                    &page.source_path,
                    heading.line,
                    format!(
                        "section key `{key}` is already on the heading on line {line}: each key names one section of a page, so give this one another key"
                    ),
                ));
                continue;
            }
            first_line.insert(key, heading.line);
            // A translation that is missing altogether is reported by `content`.
            let translations = languages
                .iter()
                .filter(|lang| **lang != page.lang)
                .filter_map(|lang| content.position(lang, &page.key))
                .filter(|&position| !content.pages[position].is_fallback());
            for position in translations {
                let translation = &content.pages[position];
                if find(&outlines[position], key).is_none() {
                    problems.push(Problem::new(
                        &page.source_path,
                        heading.line,
                        format!(
                            "section key `{key}` is on no heading of `{}`: add `{SECTION_KEY_ATTRIBUTE}={key}` to the heading that translates this one",
                            translation.source_path.display()
                        ),
                    ));
                }
            }
        }
    }
    problems
}

/// Returns the heading of a page that carries a section key.
pub fn find<'a>(headings: &'a [Heading], key: &str) -> Option<&'a Heading> {
    headings
        .iter()
        .find(|heading| heading.key.as_deref() == Some(key))
}

/// Why a section link (`page.md#key`) leads nowhere in one language.
#[derive(Debug, PartialEq, Eq)]
pub enum Unresolved {
    /// No page of the language has this file name; `suggestion` is a close page key.
    NoPage {
        /// A page key close to the one linked, if any.
        suggestion: Option<String>,
    },
    /// The link names a page but no section of it.
    WholePage,
    /// No heading of the page carries the key.
    NoSection {
        /// The page's source file, for the message.
        page: std::path::PathBuf,
        /// A key of the page close to the one linked, if any.
        suggestion: Option<String>,
        /// Whether a heading of the page has this text as its id, so the author may have
        /// written a language's heading id where a key belongs.
        is_heading_id: bool,
    },
}

/// Resolves a section link (`security-in-operation.md#uptime`) to the page and the heading
/// that carries the key in one language. `outlines` holds the headings of `content.pages`.
pub fn resolve<'a>(
    content: &'a Content,
    outlines: &'a [Vec<Heading>],
    lang: &str,
    link: &str,
) -> Result<(&'a Page, &'a Heading), Unresolved> {
    let (file, key) = match link.split_once('#') {
        Some((file, key)) => (file, Some(key)),
        None => (link, None),
    };
    let page_key = file.strip_suffix(".md").unwrap_or(file);
    let Some(position) = content.position(lang, page_key) else {
        let keys: Vec<&str> = content
            .pages_in(lang)
            .map(|page| page.key.as_str())
            .collect();
        return Err(Unresolved::NoPage {
            suggestion: suggest(page_key, &keys).map(str::to_string),
        });
    };
    let key = key.ok_or(Unresolved::WholePage)?;
    let page = &content.pages[position];
    let headings = &outlines[position];
    find(headings, key)
        .map(|heading| (page, heading))
        .ok_or_else(|| {
            let keys: Vec<&str> = headings
                .iter()
                .filter_map(|heading| heading.key.as_deref())
                .collect();
            Unresolved::NoSection {
                page: page.source_path.clone(),
                suggestion: suggest(key, &keys).map(str::to_string),
                is_heading_id: headings.iter().any(|heading| heading.id == key),
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn assert_key(key: &str, valid: bool) {
        assert_eq!(is_valid_key(key), valid, "`{key}`");
    }

    #[test]
    fn a_key_is_lowercase_words_joined_by_single_hyphens() {
        assert_key("uptime", true);
        assert_key("security-of-processing", true);
        assert_key("art-32", true);
        assert_key("", false);
        assert_key("Uptime", false);
        assert_key("up time", false);
        assert_key("-uptime", false);
        assert_key("uptime-", false);
        assert_key("up--time", false);
        assert_key("verfügbarkeit", false);
        assert_key("up_time", false);
        assert_key("\"uptime\"", false);
    }
}
