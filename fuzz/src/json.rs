//! The JSON reader and writer (`checklist_core::json`) against `serde_json`: both accept the
//! same texts and read the same values, except where ours refuses on purpose (a key twice in
//! one object, nesting deeper than `MAX_DEPTH`); every accepted value writes back, compact
//! and pretty, to text that reads as the same value in both readers.

use std::fmt;

use checklist_core::json::{self, Json, MAX_DEPTH};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A JSON value as `serde_json` reads it, keeping every key of an object in order, even a
/// repeated one, so duplicates can be seen.
#[derive(Debug)]
enum Reference {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Reference>),
    Object(Vec<(String, Reference)>),
}

impl<'de> Deserialize<'de> for Reference {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ReferenceVisitor)
    }
}

struct ReferenceVisitor;

impl<'de> Visitor<'de> for ReferenceVisitor {
    type Value = Reference;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Reference, E> {
        Ok(Reference::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Reference, E> {
        Ok(Reference::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Reference, E> {
        Ok(Reference::Number(n as f64))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Reference, E> {
        Ok(Reference::Number(n as f64))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Reference, E> {
        Ok(Reference::Number(n))
    }
    fn visit_str<E>(self, s: &str) -> Result<Reference, E> {
        Ok(Reference::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Reference, E> {
        Ok(Reference::String(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Reference, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Reference::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Reference, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Reference::Object(entries))
    }
}

impl Reference {
    /// Nesting depth: 0 for a scalar, 1 for a flat array or object.
    fn depth(&self) -> usize {
        match self {
            Reference::Array(items) => 1 + items.iter().map(Reference::depth).max().unwrap_or(0),
            Reference::Object(entries) => {
                1 + entries.iter().map(|(_, v)| v.depth()).max().unwrap_or(0)
            }
            _ => 0,
        }
    }

    /// Whether some object has the same key twice.
    fn has_duplicate_key(&self) -> bool {
        match self {
            Reference::Array(items) => items.iter().any(Reference::has_duplicate_key),
            Reference::Object(entries) => {
                let mut keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
                keys.sort_unstable();
                keys.windows(2).any(|pair| pair[0] == pair[1])
                    || entries.iter().any(|(_, v)| v.has_duplicate_key())
            }
            _ => false,
        }
    }

    /// Whether our value is the same, numbers compared as `f64` (so `-0` equals `0`, which
    /// `serde_json` reads as the integer 0).
    fn same_as(&self, ours: &Json) -> bool {
        match (self, ours) {
            (Reference::Null, Json::Null) => true,
            (Reference::Bool(a), Json::Bool(b)) => a == b,
            (Reference::Number(a), Json::Number(b)) => a == b,
            (Reference::String(a), Json::String(b)) => a == b,
            (Reference::Array(a), Json::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same_as(y))
            }
            (Reference::Object(a), Json::Object(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b)
                        .all(|((ka, va), (kb, vb))| ka == kb && va.same_as(vb))
            }
            _ => false,
        }
    }
}

/// Checks one input; panics when a property fails. Returns whether the parser accepted it.
pub fn check(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    let ours = json::parse(text);
    let reference = serde_json::from_str::<Reference>(text);
    match (&ours, &reference) {
        (Ok(value), Ok(expected)) => {
            assert!(
                expected.same_as(value),
                "values differ: ours {value:?}, serde_json {expected:?}"
            );
            assert!(
                expected.depth() <= MAX_DEPTH,
                "accepted nesting deeper than {MAX_DEPTH}"
            );
            assert!(!expected.has_duplicate_key(), "accepted a duplicate key");
        }
        (Ok(value), Err(err)) => panic!("we accept what serde_json refuses ({err}): {value:?}"),
        (Err(err), Ok(expected)) => {
            let too_deep = expected.depth() > MAX_DEPTH;
            let duplicate = expected.has_duplicate_key();
            assert!(
                (too_deep && err.message == "the data is nested too deeply")
                    || (duplicate && err.message == "an object has the same key twice"),
                "we refuse what serde_json accepts: {err} (depth {}, duplicate key {duplicate})",
                expected.depth()
            );
        }
        (Err(_), Err(_)) => {}
    }
    match ours {
        Ok(value) => {
            for written in [value.to_compact(), value.to_pretty()] {
                let again = json::parse(&written).unwrap_or_else(|err| {
                    panic!("our output does not read back ({err}): {written}")
                });
                assert_eq!(again, value, "the value changed on the way: {written}");
                let reference = serde_json::from_str::<Reference>(&written).unwrap_or_else(|err| {
                    panic!("serde_json refuses our output ({err}): {written}")
                });
                assert!(
                    reference.same_as(&value),
                    "serde_json reads our output differently: {written}"
                );
            }
            true
        }
        Err(err) => {
            assert!(
                err.line >= 1 && err.line <= crate::line_count(text),
                "error line {} outside the text: {err}",
                err.line
            );
            assert!(err.column >= 1, "error column 0: {err}");
            false
        }
    }
}
