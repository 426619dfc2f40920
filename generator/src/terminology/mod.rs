//! Terminology: one term per concept. Each language may have a list,
//! `content/terminology.<lang>.toml`, of preferred terms and the variants that must not
//! appear, each with its reason. This stage loads the lists and reports every variant it finds
//! in the texts a reader sees in that language: the pages (`content/<lang>/*.md`, title,
//! description and body), the checklist's texts in that language (`content/checklist.toml`),
//! the UI strings (`theme/i18n/<lang>.toml`) and the language's title and description in
//! `site.toml`. UI strings are not typeset by the
//! `typography` stage, so they are also checked for a plain space before `%`. What the texts
//! say is left to their authors; which characters the build prints is left to `typography`.
//! This module owns the lists and finding variants in a text; where the texts are found and
//! checked is `texts`'.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::Config;
use crate::content::CONTENT_DIR;
use crate::diagnostics::{toml_problem, Problem, Problems};
mod texts;

pub use texts::{check_site, check_ui_typography};

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

#[cfg(test)]
mod tests;
