//! One page file read into a `Page`: its front matter (see `front_matter`), its URL and former
//! URLs, and its body with the publisher placeholders filled in.

use std::path::Path;

use crate::config::Config;
use crate::diagnostics::{line_of_offset, Problem};
use crate::review;
use crate::slug::is_slug;

use super::front_matter;
use super::{Page, INDEX_KEY};

/// Parses one page file: front matter, placeholders and URL.
pub fn parse_page(
    lang: &str,
    source_path: &Path,
    text: &str,
    config: &Config,
) -> Result<Page, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let problem = |line: usize, message: String| Problem::new(source_path, line, message);
    let front_matter::Read {
        front,
        reviewed,
        key_lines,
        body_start,
        mut problems,
    } = front_matter::read(source_path, text)?;
    let key_line = |key: &str| key_lines.get(key).copied().unwrap_or(1);
    let key = source_path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or_default()
        .to_string();
    let site_path = match (&front.slug, key.as_str()) {
        (Some(_), INDEX_KEY) => {
            problems.push(problem(
                key_line("slug"),
                "the home page `index.md` cannot have a `slug`: remove it".into(),
            ));
            format!("{lang}/")
        }
        (None, INDEX_KEY) => format!("{lang}/"),
        (Some(slug), _) if !is_slug(slug) => {
            problems.push(problem(
                key_line("slug"),
                format!(
                    "slug `{slug}` must be lowercase ASCII words joined by `-`, e.g. `{}`",
                    crate::slug::slugify(slug)
                ),
            ));
            format!("{lang}/{key}/")
        }
        (Some(slug), _) => format!("{lang}/{slug}/"),
        (None, _) if !is_slug(&key) => {
            problems.push(problem(
                1,
                format!(
                    "file name `{key}.md` is not a valid slug: rename it, e.g. `{}.md`",
                    crate::slug::slugify(&key)
                ),
            ));
            format!("{lang}/{key}/")
        }
        (None, _) => format!("{lang}/{key}/"),
    };
    let mut alias_paths = Vec::new();
    for alias in &front.aliases {
        if !is_slug(alias) {
            problems.push(problem(
                key_line("aliases"),
                format!(
                    "alias `{alias}` must be a former slug: lowercase ASCII words joined by `-`, e.g. `{}`",
                    crate::slug::slugify(alias)
                ),
            ));
        } else if format!("{lang}/{alias}/") == site_path {
            problems.push(problem(
                key_line("aliases"),
                format!("alias `{alias}` is the page's own slug: remove it"),
            ));
        } else {
            alias_paths.push(format!("{lang}/{alias}/"));
        }
    }
    let body_line = line_of_offset(text, body_start);
    let raw_body = &text[body_start..];
    let body = match expand_placeholders(raw_body, config) {
        Ok(body) => body,
        Err(unknown) => {
            for (offset, name) in unknown {
                problems.push(problem(
                    body_line + line_of_offset(raw_body, offset) - 1,
                    format!(
                        "unknown placeholder `{{{{ {name} }}}}` (known: {})",
                        PLACEHOLDERS.join(", ")
                    ),
                ));
            }
            String::new()
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Page {
        lang: lang.to_string(),
        key,
        source_path: source_path.to_path_buf(),
        body,
        body_line,
        site_path,
        slug_line: key_line("slug"),
        alias_paths,
        aliases_line: key_line("aliases"),
        reviewed,
        reviewed_line: key_line(review::REVIEWED_KEY),
        fallback_of: None,
        front,
    })
}

/// Placeholders a page may use; they are filled from `[publisher]` in `site.toml`.
const PLACEHOLDERS: &[&str] = &["publisher.name", "publisher.email", "publisher.phone"];

/// Replaces `{{ publisher.name }}` and its siblings; returns the unknown ones with their offsets.
fn expand_placeholders(body: &str, config: &Config) -> Result<String, Vec<(usize, String)>> {
    let mut expanded = String::with_capacity(body.len());
    let mut unknown = Vec::new();
    let mut rest = body;
    let mut consumed = 0;
    while let Some(start) = rest.find("{{") {
        let Some(length) = rest[start..].find("}}") else {
            break;
        };
        let name = rest[start + 2..start + length].trim();
        let value = match name {
            "publisher.name" => Some(config.publisher.name.as_str()),
            "publisher.email" => Some(config.publisher.email.as_str()),
            "publisher.phone" => Some(config.publisher.phone.as_str()),
            _ => None,
        };
        expanded.push_str(&rest[..start]);
        match value {
            Some(value) => expanded.push_str(value),
            None => unknown.push((consumed + start, name.to_string())),
        }
        consumed += start + length + 2;
        rest = &rest[start + length + 2..];
    }
    expanded.push_str(rest);
    if unknown.is_empty() {
        Ok(expanded)
    } else {
        Err(unknown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_problems(front_matter: &str, expected: &[&str]) {
        let config =
            Config::parse(include_str!("../../../tests/fixtures/valid/site.toml")).unwrap();
        let text = format!("+++\n{front_matter}+++\nBody.\n");
        let problems = parse_page("en", Path::new("content/en/x.md"), &text, &config)
            .expect_err("the front matter has problems");
        let problems: Vec<String> = problems.iter().map(Problem::to_string).collect();
        assert_eq!(problems, expected);
    }

    #[test]
    fn front_matter_key_in_quotes_was_reported_on_line_1() {
        // Lines were found by searching the text for `key =`, which a quoted key never matches.
        check_problems(
            "title = \"T\"\ndescription = \"D\"\n\"titel\" = \"x\"\n",
            &["content/en/x.md: line 4: front matter key `titel` is unknown (did you mean `title`?)"],
        );
        check_problems(
            "title = \"T\"\ndescription = \"D\"\n\"template\"=\"wide\"\n",
            &["content/en/x.md: line 4: template `wide` is unknown (known: page, checklist)"],
        );
    }

    #[test]
    fn front_matter_problems_name_the_line_of_their_key() {
        check_problems(
            "title = \"T\"\ndescription = \"\"\nreviewed = \"2026-01-02\"\n",
            &["content/en/x.md: line 4: `reviewed = \"2026-01-02\"` is text, not a date: remove the quotes"],
        );
        check_problems(
            "title = \"T\"\ndescription = \"\"\n",
            &["content/en/x.md: line 3: front matter `description` is empty: describe the page in a sentence"],
        );
        check_problems(
            "title = \"T\"\ndescription = \"D\"\norder = \"first\"\n",
            &["content/en/x.md: line 4: front matter is not valid TOML: invalid type: string \"first\", expected i64"],
        );
    }
}
