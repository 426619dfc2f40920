//! The outline of a page: its headings with the ids that links and the table of contents
//! point to, each heading's section key, and the checks of a heading's `{…}` attribute block.
//! Rendering the headings is left to the parent module.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Serialize;

use super::parser_options;
use crate::content::Page;
use crate::slug::slugify;

/// A heading of a page, with the id that links and the table of contents point to.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    /// 2 for `##`, 3 for `###`, and so on.
    pub level: u8,
    /// The unique id on the page: explicit (`{#id}`) or made from the text by `slugify`.
    pub id: String,
    /// The heading's plain text.
    pub text: String,
    /// The language-neutral section key (`key=uptime`), the same in every language.
    pub key: Option<String>,
    /// The file line the heading is on.
    pub line: usize,
}

/// The heading attribute that names a section key: `## Title {#id key=uptime}`.
pub const SECTION_KEY_ATTRIBUTE: &str = "key";

/// Collects the headings of a page, assigning the same ids that `render` will use.
pub fn outline(page: &Page) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used = HashSet::new();
    // The heading being read, its id still empty, and its explicit id if it has one.
    let mut current: Option<(Heading, Option<String>)> = None;
    for (event, range) in Parser::new_ext(&page.body, parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level, id, attrs, ..
            }) => {
                let key = attrs
                    .iter()
                    .find(|(name, _)| name.as_ref() == SECTION_KEY_ATTRIBUTE)
                    .map(|(_, value)| value.as_deref().unwrap_or_default().to_string());
                let heading = Heading {
                    level: heading_level(level),
                    id: String::new(),
                    text: String::new(),
                    key,
                    line: page.line_of(range.start),
                };
                current = Some((heading, id.map(|id| id.to_string())));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((heading, _)) = current.as_mut() {
                    heading.text.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((mut heading, explicit_id)) = current.take() {
                    let base = explicit_id.unwrap_or_else(|| {
                        let slug = slugify(&heading.text);
                        if slug.is_empty() {
                            "section".to_string()
                        } else {
                            slug
                        }
                    });
                    let mut id = base.clone();
                    let mut counter = 1;
                    while !used.insert(id.clone()) {
                        id = format!("{base}-{counter}");
                        counter += 1;
                    }
                    heading.id = id;
                    heading.text = heading.text.trim().to_string();
                    headings.push(heading);
                }
            }
            _ => {}
        }
    }
    headings
}

/// Returns a heading's level as a number: 2 for `##`.
pub(super) fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// Describes each class and attribute of a heading's `{…}` block other than a section key:
/// they would reach the HTML, where an attribute such as `style` or `onclick` could carry a
/// style or a script.
pub(super) fn unsupported_heading_attributes(
    classes: &[CowStr],
    attrs: &[(CowStr, Option<CowStr>)],
) -> Vec<String> {
    let classes = classes.iter().map(|class| {
        format!("heading class `.{class}` is not supported: a heading's `{{…}}` takes only an id (`#id`) and a section key (`{SECTION_KEY_ATTRIBUTE}=…`)")
    });
    // A key without a value is a key, reported by `sections` with the other bad keys.
    let unsupported = attrs
        .iter()
        .filter(|(name, _)| name.as_ref() != SECTION_KEY_ATTRIBUTE)
        .map(|(name, _)| {
            format!("heading attribute `{name}` is not supported: a heading's `{{…}}` takes only an id (`#id`) and a section key (`{SECTION_KEY_ATTRIBUTE}=…`)")
        });
    let keys = attrs
        .iter()
        .filter(|(name, _)| name.as_ref() == SECTION_KEY_ATTRIBUTE)
        .count();
    // Only the first key would count, so a second one would be silently ignored.
    let repeated_key = (keys > 1).then(|| {
        format!("heading has {keys} section keys: a section has one key, so keep one `{SECTION_KEY_ATTRIBUTE}=…`")
    });
    classes.chain(unsupported).chain(repeated_key).collect()
}
