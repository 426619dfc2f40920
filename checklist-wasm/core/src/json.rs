//! JSON for the checklist's formats: a small value tree, a strict parser that reports line
//! and column and refuses deep nesting and duplicate keys, a byte-stable writer (compact or
//! pretty), and typed readers whose errors name the path of the bad value. It is written by
//! hand so that the browser bundle carries no serde machinery; which fields each format has
//! is decided by `definition`, `exchange` and the browser binding, not here.

use std::cell::RefCell;
use std::fmt;

use crate::string_id::StringId;

/// Deepest nesting of arrays and objects the parser accepts; the formats need 6.
pub const MAX_DEPTH: usize = 32;

/// A parsed JSON value. Objects keep their keys in document order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A finite number.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, in document order, without duplicate keys.
    Object(Vec<(String, Json)>),
}

/// Why a text is not JSON, with the 1-based line and column where reading stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong.
    pub message: &'static str,
    /// Line, counting from 1.
    pub line: usize,
    /// Column in characters, counting from 1.
    pub column: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

/// Why a JSON value does not have the expected shape: the path of the value and the problem,
/// as in ``` `vendors[0].answers.q1.note`: expected a string ```.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError(pub String);

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses one JSON value, refusing anything after it.
pub fn parse(text: &str) -> Result<Json, ParseError> {
    let mut parser = Parser {
        text,
        pos: 0,
        depth: 0,
    };
    let value = parser.value()?;
    parser.skip_whitespace();
    if parser.pos < text.len() {
        return Err(parser.error("unexpected text after the value"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, message: &'static str) -> ParseError {
        let before = &self.text[..self.pos.min(self.text.len())];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        ParseError {
            message,
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.peek() == Some(byte);
        self.pos += usize::from(found);
        found
    }

    fn value(&mut self) -> Result<Json, ParseError> {
        self.skip_whitespace();
        match self.peek() {
            None => Err(self.error("the text ends where a value should be")),
            Some(b'{') => self.nested(Parser::object),
            Some(b'[') => self.nested(Parser::array),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => {
                for (word, value) in [
                    ("true", Json::Bool(true)),
                    ("false", Json::Bool(false)),
                    ("null", Json::Null),
                ] {
                    if self.text[self.pos..].starts_with(word) {
                        self.pos += word.len();
                        return Ok(value);
                    }
                }
                Err(self.error("expected a value"))
            }
        }
    }

    fn nested(
        &mut self,
        read: fn(&mut Self) -> Result<Json, ParseError>,
    ) -> Result<Json, ParseError> {
        if self.depth == MAX_DEPTH {
            return Err(self.error("the data is nested too deeply"));
        }
        self.depth += 1;
        self.pos += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn array(&mut self) -> Result<Json, ParseError> {
        let mut items = Vec::new();
        if self.eat(b']') {
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value()?);
            if self.eat(b']') {
                return Ok(Json::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.error("expected `,` or `]`"));
            }
        }
    }

    fn object(&mut self) -> Result<Json, ParseError> {
        let start = self.pos - 1;
        let mut entries: Vec<(String, Json)> = Vec::new();
        if self.eat(b'}') {
            return Ok(Json::Object(entries));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a key in double quotes"));
            }
            let key = self.string()?;
            if !self.eat(b':') {
                return Err(self.error("expected `:`"));
            }
            entries.push((key, self.value()?));
            if self.eat(b'}') {
                break;
            }
            if !self.eat(b',') {
                return Err(self.error("expected `,` or `}`"));
            }
        }
        let mut keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        crate::sorted::sort_long(&mut keys);
        if keys.windows(2).any(|pair| pair[0] == pair[1]) {
            self.pos = start;
            return Err(self.error("an object has the same key twice"));
        }
        Ok(Json::Object(entries))
    }

    fn number(&mut self) -> Result<Json, ParseError> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        let digits = |pos: &mut usize| {
            let from = *pos;
            while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos - from
        };
        let mut pos = start + usize::from(bytes[start] == b'-');
        let whole = digits(&mut pos);
        let mut valid = whole == 1 || (whole > 1 && bytes[pos - whole] != b'0');
        if bytes.get(pos) == Some(&b'.') {
            pos += 1;
            valid &= digits(&mut pos) > 0;
        }
        if matches!(bytes.get(pos), Some(b'e' | b'E')) {
            pos += 1;
            if matches!(bytes.get(pos), Some(b'+' | b'-')) {
                pos += 1;
            }
            valid &= digits(&mut pos) > 0;
        }
        if !valid {
            return Err(self.error("invalid number"));
        }
        self.pos = pos;
        match crate::decimal::parse(&self.text[start..pos]) {
            Some(n) => Ok(Json::Number(n)),
            None => {
                self.pos = start;
                Err(self.error("the number is too large"))
            }
        }
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.pos += 1;
        let mut out = String::new();
        let mut run = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error("the text ends inside a string")),
                Some(b'"') => {
                    out.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    out.push(self.escape()?);
                    run = self.pos;
                }
                Some(0..=0x1f) => {
                    return Err(self.error("a control character in a string must be escaped"))
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    fn escape(&mut self) -> Result<char, ParseError> {
        let simple = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let high = self.hex4()?;
                let code = if (0xd800..0xdc00).contains(&high)
                    && self.text[self.pos..].starts_with("\\u")
                {
                    self.pos += 2;
                    let low = self.hex4()?;
                    if !(0xdc00..0xe000).contains(&low) {
                        return Err(self.error("invalid unicode escape"));
                    }
                    0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00)
                } else {
                    high
                };
                return char::from_u32(code).ok_or_else(|| self.error("invalid unicode escape"));
            }
            _ => return Err(self.error("invalid escape in a string")),
        };
        self.pos += 1;
        Ok(simple)
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let code = digits
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .ok_or_else(|| self.error("invalid unicode escape"))?;
        self.pos += 4;
        Ok(code)
    }
}

impl Json {
    /// Writes the value on one line.
    pub fn to_compact(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None);
        out
    }

    /// Writes the value with two-space indentation, one item per line.
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0));
        out
    }

    fn write(&self, out: &mut String, indent: Option<usize>) {
        let newline = |out: &mut String, depth: usize| {
            out.push('\n');
            out.extend(std::iter::repeat_n("  ", depth));
        };
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            // JSON has no `inf` or `NaN`; like `JSON.stringify`, write `null` so the output
            // always parses. The formats' sources refuse non-finite numbers before this.
            Json::Number(n) if !n.is_finite() => out.push_str("null"),
            Json::Number(n) => out.push_str(&crate::decimal::format(*n)),
            Json::String(s) => write_string(out, s),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(entries) if entries.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if let Some(depth) = indent {
                        newline(out, depth + 1);
                    }
                    item.write(out, indent.map(|d| d + 1));
                }
                if let Some(depth) = indent {
                    newline(out, depth);
                }
                out.push(']');
            }
            Json::Object(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if let Some(depth) = indent {
                        newline(out, depth + 1);
                    }
                    write_string(out, key);
                    out.push_str(if indent.is_some() { ": " } else { ":" });
                    value.write(out, indent.map(|d| d + 1));
                }
                if let Some(depth) = indent {
                    newline(out, depth);
                }
                out.push('}');
            }
        }
    }

    /// Builds a string value.
    pub fn str(text: &str) -> Json {
        Json::String(text.to_owned())
    }

    /// Builds an array of strings.
    pub fn strings<'a>(items: impl IntoIterator<Item = &'a String>) -> Json {
        Json::Array(items.into_iter().map(|s| Json::str(s)).collect())
    }

    /// Builds an object from entries, in the given order.
    pub fn object<'a>(entries: impl IntoIterator<Item = (&'a str, Json)>) -> Json {
        Json::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    }

    /// Returns the value of `key` if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Returns the string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// Returns the number, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// Returns the items, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }
}

fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0}'..='\u{1f}' => {
                out.push_str("\\u00");
                out.push(char::from(b"0123456789abcdef"[(c as usize) >> 4]));
                out.push(char::from(b"0123456789abcdef"[(c as usize) & 15]));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
}

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

#[cfg(test)]
mod tests;
