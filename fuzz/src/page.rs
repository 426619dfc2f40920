//! A content page: front matter plus Markdown (`content::parse_page`, `markdown::outline`
//! and `markdown::render`), read with the valid fixture's `site.toml`. Every problem names a
//! line of the file; a page that renders carries no raw HTML from its text: only the tags
//! and attributes the generator itself writes, no script, no style, no event handler; its
//! section texts (for search) are words joined by single spaces.

use std::path::Path;

use generator::config::Config;
use generator::content::{parse_page, Page};
use generator::markdown::{outline, render, ImageRef, LinkResolver, TextStore};

/// The tags a rendered page may contain: Markdown's own, and the callouts' `div`.
const TAGS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "section",
    "span",
    "input",
];
/// The attributes a rendered page may contain.
const ATTRIBUTES: &[&str] = &[
    "href",
    "id",
    "class",
    "rel",
    "title",
    "start",
    "role",
    "aria-label",
    "aria-hidden",
    "aria-labelledby",
    "data-footnote-backref",
    "type",
    "checked",
    "disabled",
];

/// Resolves `name.md` links to `/en/name/`, as the site does for a page that exists; any
/// other file is missing.
struct Links;

impl LinkResolver for Links {
    fn resolve(&self, _from: &Page, file: &str, fragment: Option<&str>) -> Result<String, String> {
        let name = file
            .strip_suffix(".md")
            .filter(|name| {
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            })
            .ok_or_else(|| format!("page `{file}` does not exist"))?;
        Ok(match fragment {
            Some(fragment) => format!("/en/{name}/#{fragment}"),
            None => format!("/en/{name}/"),
        })
    }

    fn section_link_label(&self, _page: &Page, heading: &str) -> String {
        format!("Link to {heading}")
    }

    fn image(&self, _from: &Page, file: &str) -> Result<ImageRef, String> {
        Err(format!("image `{file}` does not exist"))
    }
}

/// The valid fixture's configuration, parsed once.
fn config() -> &'static Config {
    static CONFIG: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
    CONFIG.get_or_init(|| {
        Config::parse(include_str!("../../tests/fixtures/valid/site.toml"))
            .expect("the fixture's site.toml is valid")
    })
}

/// Checks that every tag and attribute of `html` is one the generator writes.
fn only_own_markup(html: &str) {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let tag = &rest[start + 1..];
        let end = tag
            .find('>')
            .unwrap_or_else(|| panic!("a `<` that opens no tag: {html}"));
        let inside = tag[..end].trim_end_matches('/');
        let inside = inside.strip_prefix('/').unwrap_or(inside);
        let name_end = inside.find([' ', '\n']).unwrap_or(inside.len());
        let name = &inside[..name_end];
        assert!(TAGS.contains(&name), "tag `{name}` in the output: {html}");
        // Attributes: name="value" pairs, values without `"` (the writer escapes it).
        let mut attributes = inside[name_end..].trim_start();
        while !attributes.is_empty() {
            let (attribute, after) = attributes.split_once('=').unwrap_or((attributes, ""));
            let attribute = attribute.trim();
            if !after.is_empty() {
                assert!(
                    after.starts_with('"'),
                    "unquoted attribute value in `<{inside}>`"
                );
                let close = after[1..].find('"').expect("a closed attribute value");
                attributes = after[close + 2..].trim_start();
            } else {
                attributes = "";
            }
            assert!(
                ATTRIBUTES.contains(&attribute),
                "attribute `{attribute}` in `<{inside}>`"
            );
        }
        rest = &tag[end + 1..];
    }
}

/// Checks one input; panics when a property fails. Returns whether the parser accepted it.
pub fn check(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    let lines = crate::line_count(text);
    let page = match parse_page("en", Path::new("content/en/fuzz.md"), text, config()) {
        Ok(page) => page,
        Err(problems) => {
            for problem in problems {
                assert!(
                    problem.line <= lines,
                    "line {} past the end: {}",
                    problem.line,
                    problem.message
                );
            }
            return false;
        }
    };
    let headings = outline(&page);
    let store = TextStore::default();
    match render(
        &page,
        &headings,
        &Links,
        &|kind| format!("Callout {kind}"),
        Some(&store),
    ) {
        Ok(rendered) => {
            only_own_markup(&rendered.html);
            // The search index's section texts: words joined by single spaces, no other
            // white space.
            let stored = store.read();
            for text in rendered.section_texts.sections(&stored) {
                assert!(
                    !text.starts_with(' ') && !text.ends_with(' ') && !text.contains("  "),
                    "section text not single-spaced: {text:?}"
                );
                assert!(
                    !text.chars().any(|c| c.is_whitespace() && c != ' '),
                    "section text with white space other than a space: {text:?}"
                );
            }
            true
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            for problem in problems {
                assert!(
                    problem.line >= 1 && problem.line <= lines,
                    "line {} outside the file: {}",
                    problem.line,
                    problem.message
                );
            }
            false
        }
    }
}
