//! Reading and validating the checklist's TOML source. It owns the raw, span-carrying
//! shapes of the file and every check a writer of `content/checklist.toml` needs: unknown
//! keys, duplicate ids, dangling references, band order, credit ranges and missing
//! translations. It collects all problems, each with a 1-based line and a fix, instead of
//! stopping at the first. The validated model itself lives in `definition`; checks that need
//! the rest of the site (does a `guide` page exist?) are left to the site generator. This
//! module reads the file's structure; the raw shapes are `raw`'s, reading values into them
//! with toml's spans `shape`'s, the checks and building of the settings `build`'s, and of
//! questions, groups and rules `questions`'.

use std::collections::BTreeSet;
use std::fmt;
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::definition::Definition;

mod build;
mod questions;
mod raw;
mod shape;

use raw::*;
use shape::{Problem, ShapeError};

/// One problem in a checklist source, with the line to fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefinitionError {
    /// 1-based line of the offending item, or 0 when no line applies.
    pub line: usize,
    /// What is wrong and how to fix it, in lowercase.
    pub message: String,
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DefinitionError {}

/// Parses and validates a checklist definition, returning every problem found.
pub fn parse_definition(source: &str) -> Result<Definition, Vec<DefinitionError>> {
    let mut cx = Context::new(source);
    let doc = match DeTable::parse(source) {
        Ok(doc) => doc,
        Err(err) => {
            let line = err.span().map_or(0, |s| cx.line(s.start));
            return Err(vec![DefinitionError {
                line,
                message: format!("invalid toml: {}", err.message()),
            }]);
        }
    };
    cx.refuse_non_finite(doc.get_ref());
    let raw = cx.read_document(doc.get_ref());
    let def = cx.build(raw);
    if cx.errors.is_empty() {
        Ok(def.expect("a definition is built whenever there are no errors"))
    } else {
        cx.errors.sort_by_key(|e| e.line);
        Err(cx.errors)
    }
}

// ------------------------------------------------------------------------------------
// Validation context.

struct Context<'s> {
    source: &'s str,
    line_starts: Vec<usize>,
    errors: Vec<DefinitionError>,
    languages: Vec<String>,
    /// Ids of items that failed to deserialize; references to them are not reported again.
    broken_ids: BTreeSet<String>,
    /// Ids of all questions, to tell "defined later" from "does not exist".
    question_ids: Vec<String>,
}

impl<'s> Context<'s> {
    fn new(source: &'s str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Context {
            source,
            line_starts,
            errors: Vec::new(),
            languages: Vec::new(),
            broken_ids: BTreeSet::new(),
            question_ids: Vec::new(),
        }
    }

    /// Returns the 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= offset.min(self.source.len()))
    }

    fn line_of(&self, span: Range<usize>) -> usize {
        self.line(span.start)
    }

    fn error(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(DefinitionError {
            line,
            message: message.into(),
        });
    }

    // ---------------------------------------------------------------- structure

    /// Refuses `inf` and `nan` anywhere in the file: TOML allows them, but no field of a
    /// checklist means anything with them, and the JSON the browser reads cannot hold them.
    fn refuse_non_finite(&mut self, table: &DeTable<'_>) {
        for (key, value) in table.iter() {
            self.refuse_non_finite_value(key.get_ref(), value);
        }
    }

    fn refuse_non_finite_value(&mut self, key: &str, value: &Spanned<DeValue<'_>>) {
        match value.get_ref() {
            DeValue::Float(float)
                if float.as_str().contains("inf") || float.as_str().contains("nan") =>
            {
                let line = self.line_of(value.span());
                let text = float.as_str();
                self.error(
                    line,
                    format!("`{key} = {text}` is not a finite number; write a number"),
                );
            }
            DeValue::Table(table) => self.refuse_non_finite(table),
            DeValue::Array(items) => {
                for item in items.iter() {
                    self.refuse_non_finite_value(key, item);
                }
            }
            _ => {}
        }
    }

    fn read_document(&mut self, doc: &DeTable<'_>) -> RawDocument {
        let mut raw = RawDocument::default();
        let mut seen = BTreeSet::new();
        for (key, value) in doc.iter() {
            let name: &str = key.get_ref();
            seen.insert(name.to_owned());
            match name {
                "meta" => raw.meta = self.read_table(value, "`[meta]`"),
                "weights" => raw.weights = self.read_table(value, "`[weights]`"),
                "verdict" => raw.verdict = self.read_table(value, "`[verdict]`"),
                "answer_set" => raw.answer_set = self.read_table(value, "`[answer_set]`"),
                "evidence_levels" => {
                    raw.evidence_levels =
                        self.read_array(value, "evidence_levels", "evidence level")
                }
                "sections" => raw.sections = self.read_array(value, "sections", "section"),
                "questions" => raw.questions = self.read_array(value, "questions", "question"),
                "groups" => raw.groups = self.read_array(value, "groups", "group"),
                "rules" => raw.rules = self.read_array(value, "rules", "rule"),
                other => {
                    let line = self.line_of(key.span());
                    let hint = suggestion(other, TOP_LEVEL_KEYS.iter().map(|key| key.name));
                    self.error(line, format!("unknown top-level key `{other}`{hint}"));
                }
            }
        }
        for key in TOP_LEVEL_KEYS.iter().filter(|key| key.required) {
            if !seen.contains(key.name) {
                let header = key.header();
                self.error(0, format!("missing `{header}`; every checklist needs it"));
            }
        }
        raw
    }

    fn read_table<T: DeserializeOwned>(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        what: &str,
    ) -> Option<Item<T>> {
        let line = self.line_of(value.span());
        if !value.get_ref().is_table() {
            self.error(line, format!("{what} must be a table"));
            return None;
        }
        match shape::read::<T>(value) {
            Ok(raw) => Some(Item { line, raw }),
            Err(err) => {
                self.deserialize_error(&err, line, what);
                None
            }
        }
    }

    fn read_array<T: DeserializeOwned>(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
        noun: &str,
    ) -> Vec<Item<T>> {
        let Some(array) = value.get_ref().as_array() else {
            let line = self.line_of(value.span());
            self.error(
                line,
                format!("`{key}` must be an array of tables; write each entry as `[[{key}]]`"),
            );
            return Vec::new();
        };
        let mut items = Vec::new();
        for (index, entry) in array.iter().enumerate() {
            let line = self.line_of(entry.span());
            let id = entry
                .get_ref()
                .get("id")
                .and_then(|v| v.get_ref().as_str())
                .map(str::to_owned);
            let what = match &id {
                Some(id) => format!("{noun} `{id}`"),
                None => format!("{noun} #{}", index + 1),
            };
            if !entry.get_ref().is_table() {
                self.error(line, format!("{what} must be a table"));
                continue;
            }
            match shape::read::<T>(entry) {
                Ok(raw) => items.push(Item { line, raw }),
                Err(err) => {
                    self.deserialize_error(&err, line, &what);
                    if let Some(id) = id {
                        self.broken_ids.insert(id);
                    }
                }
            }
        }
        items
    }

    /// Turns a shape error into a fix-it message with a "did you mean" where possible.
    fn deserialize_error(&mut self, err: &ShapeError, item_line: usize, what: &str) {
        let line = err.span.clone().map_or(item_line, |s| self.line(s.start));
        let text = match &err.problem {
            Problem::UnknownKey { key, allowed } => {
                unknown_name(what, "key", key, allowed, "allowed keys are")
            }
            Problem::UnknownValue { value, allowed } => {
                unknown_name(what, "value", value, allowed, "use one of")
            }
            Problem::MissingKey(key) => format!("{what}: missing key `{key}`; add it"),
            Problem::Other(message) => format!("{what}: {message}"),
        };
        self.error(line, text);
    }
}

/// Says that `name` is not a known key or value of `what`: with the closest allowed name
/// when one is close, else with all of them after `choose`.
fn unknown_name(what: &str, kind: &str, name: &str, allowed: &[&str], choose: &str) -> String {
    let hint = suggestion(name, allowed.iter().copied());
    if hint.is_empty() {
        format!(
            "{what}: unknown {kind} `{name}`; {choose} {}",
            list(allowed)
        )
    } else {
        format!("{what}: unknown {kind} `{name}`{hint}")
    }
}

fn is_identifier(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

fn list<S: AsRef<str>>(names: &[S]) -> String {
    names
        .iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Returns " (did you mean `x`?)" for the closest candidate, or "" when none is close.
pub(crate) fn suggestion<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    crate::suggest::closest(word, candidates)
        .map_or_else(String::new, |c| format!(" (did you mean `{c}`?)"))
}
