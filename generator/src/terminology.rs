//! Terminology: one term per concept. Each language may have a list,
//! `content/terminology.<lang>.toml`, of preferred terms and the variants that must not
//! appear, each with its reason. This stage loads the lists and reports every variant it finds
//! in the texts a reader sees in that language: the pages (`content/<lang>/*.md`, title,
//! description and body), the checklist's texts in that language (`content/checklist.toml`),
//! the UI strings (`theme/i18n/<lang>.toml`) and the language's title and description in
//! `site.toml`. UI strings are not typeset by the
//! `typography` stage, so they are also checked for a plain space before `%`. What the texts
//! say is left to their authors; which characters the build prints is left to `typography`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::checklist::CHECKLIST_FILE;
use crate::config::Config;
use crate::content::{Content, CONTENT_DIR};
use crate::diagnostics::{relative_path, toml_problem, Problem, Problems};
use crate::theme::Theme;

/// Returns the path of a language's terminology list, relative to the site root.
pub fn list_path(lang: &str) -> PathBuf {
    Path::new(CONTENT_DIR).join(format!("terminology.{lang}.toml"))
}

/// The terminology list of one language, as written in its file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListFile {
    #[serde(default)]
    terms: Vec<TermEntry>,
}

/// One entry of a list file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermEntry {
    #[serde(rename = "use")]
    preferred: String,
    avoid: Vec<String>,
    #[serde(default)]
    except: Vec<String>,
    reason: String,
}

/// A variant that must not appear: the text (quotes unified) and whether any ending may follow.
#[derive(Debug, Clone)]
struct Variant {
    text: String,
    any_ending: bool,
}

/// One preferred term with its variants.
#[derive(Debug, Clone)]
struct Term {
    preferred: String,
    avoid: Vec<Variant>,
    except: Vec<String>,
    reason: String,
}

/// The checked terminology list of one language.
#[derive(Debug, Clone)]
pub struct Terminology {
    /// The language code the list applies to.
    pub lang: String,
    /// The list's file, relative to the site root.
    pub path: PathBuf,
    terms: Vec<Term>,
}

/// A variant found in a text: what was written and the term to use instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The variant as it appears in the text.
    pub found: String,
    /// The preferred term.
    pub preferred: String,
    /// Why the preferred term is preferred.
    pub reason: String,
}

/// Loads the terminology list of every language of the site that has one. A language
/// without a list is not checked.
pub fn load(root: &Path, config: &Config) -> Result<Vec<Terminology>, Problems> {
    let mut lists = Vec::new();
    let mut problems = Problems::default();
    for language in &config.languages {
        let path = list_path(&language.code);
        let Ok(source) = std::fs::read_to_string(root.join(&path)) else {
            continue;
        };
        match Terminology::parse(&language.code, &path, &source) {
            Ok(list) => lists.push(list),
            Err(found) => problems.extend(found),
        }
    }
    problems.into_result(lists)
}

impl Terminology {
    /// Parses and checks one list file's text.
    pub fn parse(lang: &str, path: &Path, source: &str) -> Result<Terminology, Vec<Problem>> {
        let file: ListFile =
            toml::from_str(source).map_err(|error| vec![toml_problem(path, source, 0, &error)])?;
        let entry_lines = entry_lines(source);
        let mut problems = Vec::new();
        let mut terms = Vec::new();
        for (index, entry) in file.terms.into_iter().enumerate() {
            let line = entry_lines.get(index).copied().unwrap_or(1);
            if entry.preferred.trim().is_empty() || entry.reason.trim().is_empty() {
                problems.push(Problem::new(
                    path,
                    line,
                    "a term needs a `use` and a `reason`: say what to write and why",
                ));
            }
            if entry.avoid.is_empty() {
                problems.push(Problem::new(
                    path,
                    line,
                    format!(
                        "term `{}` lists no variant to `avoid`: add one or remove the term",
                        entry.preferred
                    ),
                ));
            }
            let mut avoid = Vec::new();
            for variant in &entry.avoid {
                let any_ending = variant.ends_with('*');
                let text = unify_quotes(variant.trim_end_matches('*'));
                if text.trim().is_empty() {
                    problems.push(Problem::new(
                        path,
                        line,
                        format!("term `{}` has an empty variant: remove it", entry.preferred),
                    ));
                    continue;
                }
                avoid.push(Variant { text, any_ending });
            }
            terms.push(Term {
                except: entry
                    .except
                    .iter()
                    .map(|phrase| unify_quotes(phrase))
                    .chain([unify_quotes(&entry.preferred)])
                    .collect(),
                preferred: entry.preferred,
                avoid,
                reason: entry.reason,
            });
        }
        if problems.is_empty() {
            Ok(Terminology {
                lang: lang.to_string(),
                path: path.to_path_buf(),
                terms,
            })
        } else {
            Err(problems)
        }
    }

    /// Returns every listed variant in one line of text, in the order of the list.
    pub fn findings(&self, text: &str) -> Vec<Finding> {
        let (unified, original_offsets) = unify_quotes_with_offsets(text);
        let mut findings = Vec::new();
        for term in &self.terms {
            let allowed: Vec<(usize, usize)> = term
                .except
                .iter()
                .flat_map(|phrase| {
                    unified
                        .match_indices(phrase.as_str())
                        .map(|(at, phrase)| (at, at + phrase.len()))
                        .collect::<Vec<_>>()
                })
                .collect();
            for variant in &term.avoid {
                for (start, end) in matches(&unified, variant) {
                    if allowed.iter().any(|&(from, to)| from <= start && end <= to) {
                        continue;
                    }
                    let found = text[original_offsets[start]..original_offsets[end]].to_string();
                    if findings
                        .iter()
                        .any(|finding: &Finding| finding.found == found)
                    {
                        continue;
                    }
                    findings.push(Finding {
                        found,
                        preferred: term.preferred.clone(),
                        reason: term.reason.clone(),
                    });
                }
            }
        }
        findings
    }

    /// Turns the findings in one line into problems at that line.
    fn problems_in(&self, path: &Path, line: usize, text: &str) -> Vec<Problem> {
        self.findings(text)
            .into_iter()
            .map(|finding| {
                Problem::new(
                    path,
                    line,
                    format!(
                        "`{}` is on the avoid list of `{}`: write `{}` ({})",
                        finding.found,
                        self.path.display(),
                        finding.preferred,
                        finding.reason
                    ),
                )
            })
            .collect()
    }
}

/// Returns the 1-based line of each `[[terms]]` header, in order, for messages.
fn entry_lines(source: &str) -> Vec<usize> {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| line.trim() == "[[terms]]")
        .map(|(index, _)| index + 2)
        .collect()
}

/// Maps every kind of quotation mark to its straight form, so `„Weiß nicht“`, `“Weiß nicht”`
/// and `"Weiß nicht"` compare equal.
fn unify_quotes(text: &str) -> String {
    unify_quotes_with_offsets(text).0
}

/// Unifies quotation marks like `unify_quotes`, and returns for every byte of the unified text
/// (and its end) the matching byte offset in `text`, so findings quote what was written.
fn unify_quotes_with_offsets(text: &str) -> (String, Vec<usize>) {
    let mut unified = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    for (offset, character) in text.char_indices() {
        let straight = match character {
            '„' | '“' | '”' => '"',
            '‚' | '‘' | '’' => '\'',
            other => other,
        };
        unified.push(straight);
        offsets.extend(std::iter::repeat_n(offset, straight.len_utf8()));
    }
    offsets.push(text.len());
    (unified, offsets)
}

/// Returns the byte ranges where a variant occurs as a word (or word start, with `*`), in
/// its own case or, for a lowercase variant, with a capital first letter.
fn matches(text: &str, variant: &Variant) -> Vec<(usize, usize)> {
    let mut forms = vec![variant.text.clone()];
    let mut chars = variant.text.chars();
    if let Some(first) = chars.next().filter(|first| first.is_lowercase()) {
        forms.push(first.to_uppercase().chain(chars).collect());
    }
    let is_word = |character: Option<char>| character.is_some_and(char::is_alphanumeric);
    let mut found = Vec::new();
    for form in &forms {
        for (start, _) in text.match_indices(form.as_str()) {
            let end = start + form.len();
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            let starts_word = !is_word(before) || !form.starts_with(char::is_alphanumeric);
            let ends_word =
                variant.any_ending || !is_word(after) || !form.ends_with(char::is_alphanumeric);
            if starts_word && ends_word {
                let end = if variant.any_ending {
                    end + text[end..]
                        .find(|character: char| !character.is_alphanumeric() && character != '-')
                        .unwrap_or(text.len() - end)
                } else {
                    end
                };
                found.push((start, end));
            }
        }
    }
    found.sort_unstable();
    found
}

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
        for page in content.pages_in(&list.lang) {
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
                        if language.code == "de" { "„…“" } else { "“…”" }
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
fn page_prose(source: &str) -> Vec<(usize, String)> {
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
fn blank_non_prose(line: &str) -> String {
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
fn localized_strings<'a>(line: &'a str, lang: &str) -> Vec<&'a str> {
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
fn closing_quote(body: &str) -> usize {
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
fn language_texts(source: &str) -> Vec<(usize, String, &str)> {
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
fn ui_string_value(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') || trimmed.starts_with('[') {
        return None;
    }
    let value = &line[line.find("= \"")? + 3..];
    Some(&value[..closing_quote(value)])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(source: &str) -> Terminology {
        Terminology::parse("de", Path::new("content/terminology.de.toml"), source).unwrap()
    }

    #[track_caller]
    fn case(list: &Terminology, text: &str, expected: &[&str]) {
        let found: Vec<String> = list
            .findings(text)
            .into_iter()
            .map(|finding| finding.found)
            .collect();
        assert_eq!(found, expected, "{text:?}");
    }

    #[test]
    fn variants_match_whole_words_or_word_starts() {
        let terms = list(
            r#"
[[terms]]
use = "Datensicherung"
avoid = ["Backup*"]
reason = "r"

[[terms]]
use = "Agents"
avoid = ["Agenten"]
except = ["KI-Agenten"]
reason = "r"

[[terms]]
use = "Einspruch erheben"
avoid = ["widersprechen"]
reason = "r"

[[terms]]
use = "„Unbekannt“"
avoid = ["\"Weiß nicht\""]
reason = "r"

[[terms]]
use = "Nachweisgrad"
avoid = ["Belastbarkeit"]
except = ["Belastbarkeit der Systeme"]
reason = "r"
"#,
        );
        case(
            &terms,
            "Backups und die Backup-Richtlinie",
            &["Backups", "Backup-Richtlinie"],
        );
        case(&terms, "die Datensicherung", &[]);
        case(&terms, "Agenten und Agentenplätze", &["Agenten"]);
        case(&terms, "KI-Agenten sind erlaubt", &[]);
        case(&terms, "Widersprechen Sie", &["Widersprechen"]);
        case(&terms, "„Weiß nicht“ ist eine Antwort", &["„Weiß nicht“"]);
        case(
            &terms,
            "\"Weiß nicht\" ist eine Antwort",
            &["\"Weiß nicht\""],
        );
        case(&terms, "er weiß nicht", &[]);
        case(&terms, "Belastbarkeit der Systeme", &[]);
        case(&terms, "die Belastbarkeit (%)", &["Belastbarkeit"]);
        case(&terms, "Belastbarkeitsprüfung", &[]);
    }

    #[test]
    fn a_term_without_variants_is_refused_with_its_line() {
        let problems = Terminology::parse(
            "de",
            Path::new("content/terminology.de.toml"),
            "[[terms]]\nuse = \"X\"\navoid = []\nreason = \"r\"\n",
        )
        .unwrap_err();
        assert_eq!(
            problems[0].to_string(),
            "content/terminology.de.toml: line 2: term `X` lists no variant to `avoid`: add one or remove the term"
        );
    }

    #[test]
    fn code_link_targets_and_heading_ids_are_not_prose() {
        let line = "Siehe `Backup` und [Text](backup.md#x) {#backup} <https://b.example/backup>";
        let prose = blank_non_prose(line);
        assert_eq!(prose.trim_end(), "Siehe          und [Text]");
        assert_eq!(prose.len(), line.len());
    }

    #[test]
    fn checklist_strings_are_taken_per_language() {
        let line = r#"  { id = "x", label = { en = "Backups \"now\"", de = "Backups jetzt" } },"#;
        assert_eq!(localized_strings(line, "de"), ["Backups jetzt"]);
        assert_eq!(localized_strings(line, "en"), [r#"Backups \"now\""#]);
        assert_eq!(localized_strings(r#"text.de = "Frage""#, "de"), ["Frage"]);
        assert!(localized_strings(r#"id = "code""#, "de").is_empty());
        assert!(localized_strings("# de = \"comment\"", "de").is_empty());
    }

    #[test]
    fn ui_strings_of_the_site_theme_are_checked_with_their_lines() {
        let root = std::env::temp_dir().join(format!("terminology-ui-{}", std::process::id()));
        std::fs::create_dir_all(root.join("theme/i18n")).unwrap();
        std::fs::write(
            root.join("theme/i18n/de.toml"),
            "# Backups in a comment are fine.\n[checklist]\nsave = \"Backups anlegen\"\nshare = \"99 % fertig\"\nname = \"Name des Anbieters 'X'\"\n",
        )
        .unwrap();
        let theme = Theme::load(&root).unwrap();
        let terms =
            list("[[terms]]\nuse = \"Datensicherung\"\navoid = [\"Backup*\"]\nreason = \"r\"\n");
        let problems: Vec<String> = check_site(&root, &[terms], &Content::default(), &theme)
            .iter()
            .map(Problem::to_string)
            .collect();
        assert_eq!(
            problems,
            ["theme/i18n/de.toml: line 3: `Backups` is on the avoid list of `content/terminology.de.toml`: write `Datensicherung` (r)"]
        );
        let config = Config::parse(include_str!("../../tests/fixtures/valid/site.toml")).unwrap();
        let typography: Vec<String> = check_ui_typography(&config, &theme)
            .iter()
            .map(Problem::to_string)
            .collect();
        assert_eq!(
            typography,
            [
                "theme/i18n/de.toml: line 4: plain space between a number and `%`: write `\\u00A0` (a non-breaking space) instead",
                "theme/i18n/de.toml: line 5: straight apostrophe or quotation mark: write ’ for an apostrophe and „…“ for quotes",
            ]
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn site_titles_and_descriptions_are_read_per_language() {
        let source = "base_url = \"x\"\n[[languages]]\ntitle = \"Guide\"\ncode = \"en\"\ndescription = \"A guide\"\n\n[[languages]]\ncode = \"de\"\ntitle = \"Leitfaden\"\n[publisher]\nname = \"P\"\n";
        assert_eq!(
            language_texts(source),
            [
                (3, "en".to_string(), "Guide"),
                (5, "en".to_string(), "A guide"),
                (9, "de".to_string(), "Leitfaden"),
            ]
        );
    }

    #[test]
    fn ui_string_values_are_read_after_the_key() {
        assert_eq!(
            ui_string_value(r#""callout.ask" = "Fragen""#),
            Some("Fragen")
        );
        assert_eq!(
            ui_string_value(r#"percent = "{value}\u00A0%""#),
            Some(r"{value}\u00A0%")
        );
        assert_eq!(ui_string_value("# a = \"b\""), None);
        assert_eq!(ui_string_value("[checklist]"), None);
    }
}
