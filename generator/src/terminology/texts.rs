//! Where the texts a reader sees are found, per language: the pages' prose (not code, link
//! targets or HTML), the checklist's texts, the UI strings and `site.toml`'s titles and
//! descriptions. Each is checked against the language's list from the parent module; the UI
//! strings, which `typography` does not typeset, also for a plain space before `%`.

use std::path::Path;

use super::Terminology;
use crate::checklist::CHECKLIST_FILE;
use crate::config::Config;
use crate::content::Content;
use crate::diagnostics::{relative_path, Problem};
use crate::theme::Theme;
use crate::typography::Quotes;

/// Checks every text a reader sees against the terminology list of its language.
pub fn check_site(
    root: &Path,
    lists: &[Terminology],
    content: &Content,
    theme: &Theme,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let checklist = std::fs::read_to_string(root.join(CHECKLIST_FILE)).ok();
    let site_config = std::fs::read_to_string(root.join(crate::config::CONFIG_FILE)).ok();
    let site_texts = site_config
        .as_deref()
        .map(language_texts)
        .unwrap_or_default();
    for list in lists {
        // A fallback page's text is its original's, in the original's language.
        for page in content
            .pages_in(&list.lang)
            .filter(|page| !page.is_fallback())
        {
            if let Ok(source) = std::fs::read_to_string(root.join(&page.source_path)) {
                for (line, text) in page_prose(&source) {
                    problems.extend(list.problems_in(&page.source_path, line, &text));
                }
            }
        }
        if let Some(checklist) = &checklist {
            for (index, line) in checklist.lines().enumerate() {
                for text in localized_strings(line, &list.lang) {
                    problems.extend(list.problems_in(Path::new(CHECKLIST_FILE), index + 1, text));
                }
            }
        }
        for (line, lang, text) in &site_texts {
            if *lang == list.lang {
                problems.extend(list.problems_in(
                    Path::new(crate::config::CONFIG_FILE),
                    *line,
                    text,
                ));
            }
        }
        if let Some(file) = theme.file(&format!("i18n/{}.toml", list.lang)) {
            if let Ok(source) = file.text() {
                let origin = relative_path(root, &file.origin);
                for (index, line) in source.lines().enumerate() {
                    if let Some(value) = ui_string_value(line) {
                        problems.extend(list.problems_in(&origin, index + 1, value));
                    }
                }
            }
        }
    }
    problems
}

/// Reports UI strings with a plain space between a number and `%`, or with a straight
/// apostrophe or quotation mark: the build prints UI strings as written, so they must carry
/// the non-breaking space and the typographic marks themselves.
pub fn check_ui_typography(config: &Config, theme: &Theme) -> Vec<Problem> {
    let mut problems = Vec::new();
    for language in &config.languages {
        let Some(file) = theme.file(&format!("i18n/{}.toml", language.code)) else {
            continue;
        };
        let Ok(source) = file.text() else { continue };
        for (index, line) in source.lines().enumerate() {
            let Some(value) = ui_string_value(line) else {
                continue;
            };
            if crate::typography::has_plain_space_before_percent(value) {
                problems.push(Problem::new(
                    &file.origin,
                    index + 1,
                    "plain space between a number and `%`: write `\\u00A0` (a non-breaking space) instead",
                ));
            }
            if value.contains('\'') || value.contains("\\\"") {
                problems.push(Problem::new(
                    &file.origin,
                    index + 1,
                    format!(
                        "straight apostrophe or quotation mark: write ’ for an apostrophe and {} for quotes",
                        Quotes::for_language(&language.code)
                            .map_or_else(|| "typographic quotes".to_string(), Quotes::example)
                    ),
                ));
            }
        }
    }
    problems
}

/// Returns the lines of a page a reader sees, with their 1-based line numbers: the title and
/// description of the front matter and the Markdown body. Code, link targets, heading ids and
/// autolinks are blanked out, since they are not prose.
pub(super) fn page_prose(source: &str) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    let mut in_front_matter = false;
    let mut in_code_block = false;
    for (index, line) in source.lines().enumerate() {
        let trimmed = line.trim_start();
        if index == 0 && line.trim_end() == "+++" {
            in_front_matter = true;
            continue;
        }
        if in_front_matter {
            if line.trim_end() == "+++" {
                in_front_matter = false;
            } else if trimmed.starts_with("title") || trimmed.starts_with("description") {
                lines.push((index + 1, line.to_string()));
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_code_block = !in_code_block;
            continue;
        }
        if !in_code_block {
            lines.push((index + 1, blank_non_prose(line)));
        }
    }
    lines
}

/// Replaces inline code, link targets `](…)`, heading ids `{#…}` and autolinks `<…>` with
/// spaces, keeping the rest of the line.
pub(super) fn blank_non_prose(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut closing: Option<char> = None;
    let mut previous = None;
    for character in line.chars() {
        match closing {
            Some(end) => {
                if character == end {
                    closing = None;
                }
                out.push(' ');
            }
            None => {
                closing = match (previous, character) {
                    (_, '`') => Some('`'),
                    (Some(']'), '(') => Some(')'),
                    (_, '{') => Some('}'),
                    (_, '<') => Some('>'),
                    _ => None,
                };
                out.push(if closing.is_some() { ' ' } else { character });
            }
        }
        previous = Some(character);
    }
    out
}

/// Returns the string values of one language in a line of `content/checklist.toml`: the
/// values of keys named by the language code (`de = "…"`, `text.de = "…"`).
pub(super) fn localized_strings<'a>(line: &'a str, lang: &str) -> Vec<&'a str> {
    if line.trim_start().starts_with('#') {
        return Vec::new();
    }
    let mut values = Vec::new();
    let mut rest = line;
    let mut offset = 0;
    while let Some(at) = rest.find(lang) {
        let start = offset + at;
        let before = line[..start].chars().next_back();
        let after_key = line[start + lang.len()..].trim_start();
        let key_starts = before.is_none_or(|c| c == ' ' || c == '{' || c == ',' || c == '.');
        if key_starts {
            if let Some(value) = after_key
                .strip_prefix('=')
                .map(str::trim_start)
                .and_then(|value| value.strip_prefix('"'))
            {
                let end = closing_quote(value);
                values.push(&value[..end]);
            }
        }
        offset = start + lang.len();
        rest = &line[offset..];
    }
    values
}

/// Returns the byte offset of the closing quote of a TOML basic string's body.
pub(super) fn closing_quote(body: &str) -> usize {
    let mut escaped = false;
    for (at, character) in body.char_indices() {
        match character {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return at,
            _ => escaped = false,
        }
    }
    body.len()
}

/// Returns the `title` and `description` lines of each `[[languages]]` table of `site.toml`,
/// with their 1-based line and the table's language code.
pub(super) fn language_texts(source: &str) -> Vec<(usize, String, &str)> {
    let mut texts = Vec::new();
    let mut in_language = false;
    let mut lang = String::new();
    let mut pending: Vec<(usize, &str)> = Vec::new();
    for (index, line) in source.lines().chain(["["]).enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            // A table ends here; its texts belong to the code it named, wherever it stood.
            for (line, text) in pending.drain(..) {
                texts.push((line, lang.clone(), text));
            }
            in_language = trimmed.starts_with("[[languages]]");
            lang.clear();
        } else if in_language {
            if trimmed.starts_with("code") {
                lang = ui_string_value(trimmed).unwrap_or_default().to_string();
            } else if trimmed.starts_with("title") || trimmed.starts_with("description") {
                if let Some(value) = ui_string_value(line) {
                    pending.push((index + 1, value));
                }
            }
        }
    }
    texts
}

/// Returns the string value of a `key = "value"` line of a UI strings file.
pub(super) fn ui_string_value(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') || trimmed.starts_with('[') {
        return None;
    }
    let value = &line[line.find("= \"")? + 3..];
    Some(&value[..closing_quote(value)])
}
