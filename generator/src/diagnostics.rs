//! Problems a writer can fix: a file, a line where one exists, and a message that says what
//! to do. Every stage collects its problems here instead of stopping at the first, and the
//! command line prints them all as `path: line N: message`.

use std::fmt;
use std::path::{Path, PathBuf};

/// One fixable problem in the site's sources.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// The 1-based line, or 0 when the problem concerns the whole file.
    pub line: usize,
    /// What is wrong and how to fix it, in lowercase prose.
    pub message: String,
}

impl Problem {
    /// Creates a problem at a line of a file.
    pub fn new(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            line,
            message: message.into(),
        }
    }

    /// Puts a short context word in front of the message.
    pub fn with_prefix(mut self, prefix: &str) -> Problem {
        self.message = format!("{prefix}{}", self.message);
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display().to_string().replace('\\', "/");
        if self.line > 0 {
            write!(f, "{path}: line {}: {}", self.line, self.message)
        } else {
            write!(f, "{path}: {}", self.message)
        }
    }
}

/// All the problems of one run, sorted by file and line so the output is stable.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// Adds a problem.
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    /// Adds every problem of another collection.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Problem>) {
        self.0.extend(other);
    }

    /// Tells whether no problem was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Returns `Ok(value)` when there are no problems, and the sorted problems otherwise.
    pub fn into_result<T>(mut self, value: T) -> Result<T, Problems> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            self.0.sort();
            self.0.dedup();
            Err(self)
        }
    }
}

impl IntoIterator for Problems {
    type Item = Problem;
    type IntoIter = std::vec::IntoIter<Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, problem) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Returns the 1-based line of a byte offset in a text.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&byte| byte == b'\n')
        .count()
        + 1
}

/// Returns `path` relative to `root` when it lies below it, for shorter messages.
pub fn relative_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Returns the known word closest to `unknown`, if one is close enough to be a likely typo
/// (the threshold is the checklist core's, so every "did you mean" agrees).
pub fn suggest<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    checklist_core::suggest::closest(unknown, known.iter().copied())
}

/// Formats a TOML parse error as a problem, with the line its span points at.
pub fn toml_problem(
    path: &Path,
    source: &str,
    line_offset: usize,
    error: &toml::de::Error,
) -> Problem {
    let line = error
        .span()
        .map(|span| line_of_offset(source, span.start))
        .unwrap_or(1);
    let message = error.message().trim().trim_end_matches('.').to_string();
    let message = first_lowercase(&message);
    Problem::new(path, line + line_offset, message)
}

/// Lowercases the first letter of a message, per the house style for error text.
pub fn first_lowercase(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_known_key() {
        assert_eq!(
            suggest("titel", &["title", "description", "order", "slug"]),
            Some("title")
        );
        assert_eq!(suggest("zzzzzz", &["title", "slug"]), None);
    }

    #[test]
    fn prints_path_and_line() {
        let problem = Problem::new(
            "content/de/soc-2.md",
            3,
            "front matter key `titel` is unknown",
        );
        assert_eq!(
            problem.to_string(),
            "content/de/soc-2.md: line 3: front matter key `titel` is unknown"
        );
    }
}
