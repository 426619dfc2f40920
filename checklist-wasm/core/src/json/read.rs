//! Typed reading of a parsed document: `read` and `At`, whose problems name the path of the
//! bad value (`questions[3].weight`) and never stop the reading.

use std::cell::RefCell;

use super::{DecodeError, Json};
use crate::string_id::StringId;

/// Reads a whole document with `read` and returns what it built, or the first problem met.
///
/// Readers never stop early: a bad or missing value records a problem (with its path) and
/// reads as a neutral value (`""`, `0`, empty), so the code that reads each format is straight
/// line code without error paths, and only the first problem is reported.
pub fn read<T>(value: &Json, read: impl FnOnce(At<'_>) -> T) -> Result<T, DecodeError> {
    let problem = RefCell::new(None);
    let result = read(At {
        value,
        parent: None,
        step: Step::Root,
        problem: &problem,
    });
    match problem.into_inner() {
        None => Ok(result),
        Some(message) => Err(DecodeError(message)),
    }
}

/// Stands in for a missing value, so reading goes on.
static MISSING: Json = Json::Null;

/// How a value is reached from its parent, for the path in error messages.
#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Field(&'a str),
    Index(usize),
}

/// A value being read, with the way to it, so a problem can say where it is.
#[derive(Clone, Copy)]
pub struct At<'a> {
    /// The value.
    pub value: &'a Json,
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
    problem: &'a RefCell<Option<String>>,
}

impl<'a> At<'a> {
    fn path(&self) -> String {
        let mut path = self.parent.map_or(String::new(), At::path);
        match self.step {
            Step::Root => {}
            Step::Field(key) if path.is_empty() => path.push_str(key),
            Step::Field(key) => {
                path.push('.');
                path.push_str(key);
            }
            Step::Index(i) => {
                path.push('[');
                path.push_str(&i.to_string());
                path.push(']');
            }
        }
        path
    }

    /// Records a problem with this value, unless an earlier one was recorded.
    pub fn fail(&self, problem: &str) {
        let mut first = self.problem.borrow_mut();
        if first.is_none() {
            let path = self.path();
            *first = Some(if path.is_empty() {
                problem.to_owned()
            } else {
                format!("`{path}`: {problem}")
            });
        }
    }

    fn expected(&self, what: &str) {
        let found = match self.value {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        };
        self.fail(&format!("expected {what}, found {found}"));
    }

    fn child<'b>(&'b self, value: &'b Json, step: Step<'b>) -> At<'b> {
        At {
            value,
            parent: Some(self),
            step,
            problem: self.problem,
        }
    }

    /// Reads a string (`""` if it is not one).
    pub fn str(&self) -> &'a str {
        self.value.as_str().unwrap_or_else(|| {
            self.expected("a string");
            ""
        })
    }

    /// Reads a string into an owned one.
    pub fn string(&self) -> String {
        self.str().to_owned()
    }

    /// Reads a number (0 if it is not one).
    pub fn number(&self) -> f64 {
        self.value.as_f64().unwrap_or_else(|| {
            self.expected("a number");
            0.0
        })
    }

    /// Reads the id of a [`StringId`] enum (its first value if the text is no id of it).
    pub fn id<T: StringId>(&self) -> T {
        T::ALL[self.id_index(T::IDS)]
    }

    /// Reads a string that must be one of `ids` and returns its index (0 if it is none);
    /// not generic, so the bundle holds its error path once rather than once per enum.
    fn id_index(&self, ids: &[&str]) -> usize {
        let id = self.str();
        ids.iter()
            .position(|known| *known == id)
            .unwrap_or_else(|| {
                let names: Vec<String> = ids.iter().map(|name| format!("`{name}`")).collect();
                self.fail(&format!("`{id}` is not one of {}", names.join(", ")));
                0
            })
    }

    /// Reads the entries of an object, refusing keys outside `allowed` (when given).
    pub fn entries(&self, allowed: Option<&[&str]>) -> &'a [(String, Json)] {
        let Json::Object(entries) = self.value else {
            self.expected("an object");
            return &[];
        };
        if let Some(allowed) = allowed {
            if let Some((key, _)) = entries.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
                let known: Vec<String> = allowed.iter().map(|k| format!("`{k}`")).collect();
                self.fail(&format!(
                    "unknown field `{key}`; expected one of {}",
                    known.join(", ")
                ));
            }
        }
        entries
    }

    /// Reads each entry of an object with `read`, which gets the key and the value.
    pub fn each_entry(&self, mut read: impl FnMut(&'a str, At<'_>)) {
        for (key, value) in self.entries(None) {
            read(key, self.child(value, Step::Field(key)));
        }
    }

    /// Reads a field that may be missing (or null).
    pub fn optional(&self, key: &'a str) -> Option<At<'_>> {
        if !matches!(self.value, Json::Object(_)) {
            self.expected("an object");
            return None;
        }
        match self.value.get(key) {
            None | Some(Json::Null) => None,
            Some(value) => Some(self.child(value, Step::Field(key))),
        }
    }

    /// Reads a field that must be there.
    pub fn field(&self, key: &'a str) -> At<'_> {
        self.optional(key).unwrap_or_else(|| {
            if matches!(self.value, Json::Object(_)) {
                self.fail(&format!("the field `{key}` is missing"));
            }
            self.child(&MISSING, Step::Field(key))
        })
    }

    /// Reads each item of an array with `read` (no items if it is not an array).
    pub fn list<T>(&self, mut read: impl FnMut(At<'_>) -> T) -> Vec<T> {
        let Some(items) = self.value.as_array() else {
            self.expected("an array");
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| read(self.child(item, Step::Index(i))))
            .collect()
    }

    /// Reads an array of strings.
    pub fn strings(&self) -> Vec<String> {
        self.list(|item| item.string())
    }
}
