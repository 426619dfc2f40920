//! Synonyms: groups of words and phrases that mean the same to a reader (`AVV`,
//! `Auftragsverarbeitungsvertrag`; `pen test`, `penetration test`). The groups are data, kept
//! per language in `content/synonyms.toml`; the generator validates them (`problems`) and puts
//! them into the index's manifest, so the browser analyses them with the same code.
//!
//! Each entry is analysed into its sequence of terms. Wherever a document contains an entry's
//! sequence, the builder adds the group's own term (`~3` for group 3) there; a query that
//! contains an entry is searched for the group's term instead. So every entry finds every
//! document that uses any entry of its group, and nothing else changes.

use crate::analyze::{Analyzer, Token};

/// The analysed synonym groups of one language.
#[derive(Debug, Default, Clone)]
pub struct Synonyms {
    /// Every entry as its terms, with its group's number; longest first.
    entries: Vec<(Vec<String>, usize)>,
    groups: Vec<Vec<String>>,
}

/// Where a synonym entry occurs in a list of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynonymMatch {
    /// Index of the entry's first token.
    pub first: usize,
    /// How many tokens the entry spans.
    pub len: usize,
    /// The group the entry belongs to.
    pub group: usize,
}

impl Synonyms {
    /// Analyses the groups of one language.
    pub fn new(groups: &[Vec<String>], analyzer: &Analyzer) -> Synonyms {
        let mut entries = Vec::new();
        for (group, words) in groups.iter().enumerate() {
            for entry in words {
                let terms: Vec<String> = analyzer
                    .tokens(entry)
                    .into_iter()
                    .map(|token| token.term)
                    .collect();
                if !terms.is_empty() {
                    entries.push((terms, group));
                }
            }
        }
        // Longest entry first, so `data processing agreement` wins over `agreement`.
        entries.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        Synonyms {
            entries,
            groups: groups.to_vec(),
        }
    }

    /// Returns the groups as written, for the manifest.
    pub fn groups(&self) -> &[Vec<String>] {
        &self.groups
    }

    /// Returns the index term that stands for a group.
    pub fn group_term(group: usize) -> String {
        format!("~{group}")
    }

    /// Returns the terms of every entry of a group.
    pub fn group_entries(&self, group: usize) -> impl Iterator<Item = &[String]> {
        self.entries
            .iter()
            .filter(move |(_, g)| *g == group)
            .map(|(terms, _)| terms.as_slice())
    }

    /// Finds every place where an entry occurs in a token list, without overlaps: at each
    /// position the longest entry wins.
    pub fn find(&self, tokens: &[Token]) -> Vec<SynonymMatch> {
        self.find_in(tokens.len(), |at| tokens[at].term.as_str())
    }

    /// Like `find`, over `count` terms given by position (the index builder keeps words as
    /// numbers, not tokens).
    pub fn find_in<'t>(&self, count: usize, term: impl Fn(usize) -> &'t str) -> Vec<SynonymMatch> {
        let mut found = Vec::new();
        if self.entries.is_empty() {
            return found;
        }
        let mut at = 0;
        while at < count {
            let hit = self.entries.iter().find(|(terms, _)| {
                count - at >= terms.len()
                    && terms
                        .iter()
                        .enumerate()
                        .all(|(offset, entry)| *entry == term(at + offset))
            });
            match hit {
                Some((terms, group)) => {
                    found.push(SynonymMatch {
                        first: at,
                        len: terms.len(),
                        group: *group,
                    });
                    at += terms.len();
                }
                None => at += 1,
            }
        }
        found
    }

    /// Tells whether some entry starts with this term, so a text without any such term needs
    /// no search for entries.
    pub fn starts_entry(&self, term: &str) -> bool {
        self.entries.iter().any(|(terms, _)| terms[0] == term)
    }

    /// Checks groups as an author wrote them and returns what is wrong with each, as
    /// (group number, message): groups of fewer than two entries, entries without an
    /// indexable word, and entries that occur twice.
    pub fn problems(groups: &[Vec<String>], analyzer: &Analyzer) -> Vec<(usize, String)> {
        let mut problems = Vec::new();
        let mut seen: Vec<(Vec<String>, usize, &str)> = Vec::new();
        for (group, words) in groups.iter().enumerate() {
            if words.len() < 2 {
                problems.push((
                    group,
                    "a synonym group needs at least two entries".to_string(),
                ));
            }
            for entry in words {
                let terms: Vec<String> = analyzer
                    .tokens(entry)
                    .into_iter()
                    .map(|token| token.term)
                    .collect();
                if terms.is_empty() {
                    problems.push((
                        group,
                        format!("`{entry}` has no word search can index (only stop words or punctuation)"),
                    ));
                    continue;
                }
                if let Some((_, other, first)) = seen.iter().find(|(known, _, _)| *known == terms) {
                    let place = if *other == group {
                        "in this group".to_string()
                    } else {
                        format!("in group {}", other + 1)
                    };
                    problems.push((
                        group,
                        format!(
                            "`{entry}` means the same to search as `{first}` {place}: remove one"
                        ),
                    ));
                    continue;
                }
                seen.push((terms, group, entry));
            }
        }
        problems
    }
}
