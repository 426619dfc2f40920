//! Front matter: the TOML keys between the `+++` lines at the top of a page, read once with
//! their spans, so every problem names the line of its key.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

use crate::diagnostics::{line_of_offset, suggest, toml_problem, Problem};
use crate::review::{self, Date};

/// Keys a page's front matter may have.
const FRONT_MATTER_KEYS: &[&str] = &[
    "title",
    "description",
    "order",
    "slug",
    "aliases",
    "template",
    "reviewed",
];

/// Templates a page may choose with the `template` key.
pub const PAGE_TEMPLATES: &[&str] = &["page", "checklist"];

/// A page's front matter, between the `+++` lines at the top of the file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The page title, shown as its `<h1>` and in `<title>`.
    pub title: String,
    /// One or two sentences for search results and link previews.
    pub description: String,
    /// Position in the navigation; lower comes first.
    #[serde(default)]
    pub order: i64,
    /// The last URL segment; defaults to the file name, and German pages set German slugs.
    pub slug: Option<String>,
    /// Former slugs of the page; each old URL gets a small page that redirects to the new one.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The template that renders the page: `page` (the default) or `checklist`.
    pub template: Option<String>,
    /// The day the page was last reviewed; checked and read into `Page::reviewed`.
    pub reviewed: Option<toml::value::Datetime>,
}

/// A page's front matter as read, with what `page` needs to go on.
pub(super) struct Read {
    /// The front matter, deserialized.
    pub(super) front: FrontMatter,
    /// The checked `reviewed` date, if the page has one.
    pub(super) reviewed: Option<Date>,
    /// The file line of each key.
    pub(super) key_lines: BTreeMap<String, usize>,
    /// The byte offset, in the text, where the body starts after the closing `+++` line.
    pub(super) body_start: usize,
    /// Problems of values that do not stop the page from being read further (an empty
    /// title or description, an unknown template), so `page` reports them with its own.
    pub(super) problems: Vec<Problem>,
}

/// Splits the front matter off a page's text (without a byte order mark) and reads it: the
/// keys with their lines, unknown keys, the review date, and the values' own checks.
pub(super) fn read(source_path: &Path, text: &str) -> Result<Read, Vec<Problem>> {
    let problem = |line: usize, message: String| Problem::new(source_path, line, message);
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("+++") {
        return Err(vec![problem(
            1,
            "expected front matter: start the file with a `+++` line, then `title`, `description` and `order`, then `+++`"
                .into(),
        )]);
    }
    let front_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = front_start;
    let mut front_end = None;
    for line in lines {
        if line.trim_end() == "+++" {
            front_end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((front_end, body_start)) = front_end else {
        return Err(vec![problem(
            1,
            "front matter opened with `+++` is never closed: add a `+++` line after its keys"
                .into(),
        )]);
    };
    let front_source = &text[front_start..front_end];
    let not_toml = |error: toml::de::Error| {
        vec![toml_problem(source_path, front_source, 1, &error)
            .with_prefix("front matter is not valid TOML: ")]
    };
    // Parsed once, keeping spans: every problem takes its line from where `toml` read the key.
    let table = DeTable::parse(front_source).map_err(not_toml)?;
    let key_lines: BTreeMap<String, usize> = table
        .get_ref()
        .iter()
        .map(|(key, _)| {
            let line = line_of_offset(front_source, key.span().start) + 1;
            (key.get_ref().to_string(), line)
        })
        .collect();
    let key_line = |key: &str| key_lines.get(key).copied().unwrap_or(1);
    let mut problems = Vec::new();
    for key in key_lines.keys() {
        if !FRONT_MATTER_KEYS.contains(&key.as_str()) {
            let hint = match suggest(key, FRONT_MATTER_KEYS) {
                Some(known) => format!("did you mean `{known}`?"),
                None => format!("known keys: {}", FRONT_MATTER_KEYS.join(", ")),
            };
            problems.push(problem(
                key_line(key),
                format!("front matter key `{key}` is unknown ({hint})"),
            ));
        }
    }
    let reviewed = match table.get_ref().get(review::REVIEWED_KEY) {
        None => None,
        Some(value) => {
            let value = toml::Value::deserialize(ValueDeserializer::from(value.clone()))
                .map_err(not_toml)?;
            match review::from_front_matter(&value) {
                Ok(date) => Some(date),
                Err(message) => {
                    problems.push(problem(key_line(review::REVIEWED_KEY), message));
                    None
                }
            }
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let span = table.span();
    let whole = Spanned::new(span, DeValue::Table(table.into_inner()));
    let front = FrontMatter::deserialize(ValueDeserializer::from(whole)).map_err(not_toml)?;
    if front.title.trim().is_empty() {
        problems.push(problem(
            key_line("title"),
            "front matter `title` is empty: give the page a title".into(),
        ));
    }
    if front.description.trim().is_empty() {
        problems.push(problem(
            key_line("description"),
            "front matter `description` is empty: describe the page in a sentence".into(),
        ));
    }
    if let Some(template) = &front.template {
        if !PAGE_TEMPLATES.contains(&template.as_str()) {
            problems.push(problem(
                key_line("template"),
                format!(
                    "template `{template}` is unknown (known: {})",
                    PAGE_TEMPLATES.join(", ")
                ),
            ));
        }
    }
    Ok(Read {
        front,
        reviewed,
        key_lines,
        body_start,
        problems,
    })
}
