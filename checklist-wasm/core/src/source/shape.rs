//! Reads one parsed TOML value of the checklist source into a raw shape (`raw`), the way
//! `toml`'s own value deserializer does, but with errors that carry what went wrong as data
//! (an unknown key or value with the allowed ones, a missing key) and where (toml's span of
//! the key, value or table), so the checks never read serde's English messages. Scalars
//! (numbers, booleans, dates) are still read by `toml` itself.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserializer;
use serde_spanned::de::{is_spanned, SpannedDeserializer};
use toml::de::{DeValue, ValueDeserializer};
use toml::Spanned;

/// Why a value does not fit its raw shape.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Problem {
    /// A key the table does not have; `allowed` lists the keys it has, in declaration order.
    UnknownKey {
        key: String,
        allowed: &'static [&'static str],
    },
    /// A string that is none of the names an enum allows.
    UnknownValue {
        value: String,
        allowed: &'static [&'static str],
    },
    /// A required key that is absent.
    MissingKey(&'static str),
    /// Anything else (a wrong type, a number out of range), in serde's or toml's words.
    Other(String),
}

/// A problem with the span of the source it is about, when one is known.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ShapeError {
    /// What is wrong.
    pub(super) problem: Problem,
    /// Byte range of the key, value or table at fault.
    pub(super) span: Option<Range<usize>>,
}

impl ShapeError {
    fn new(problem: Problem) -> Self {
        ShapeError {
            problem,
            span: None,
        }
    }

    fn from_toml(err: toml::de::Error) -> Self {
        ShapeError {
            problem: Problem::Other(err.message().to_owned()),
            span: err.span(),
        }
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            Problem::UnknownKey { key, .. } => write!(f, "unknown key `{key}`"),
            Problem::UnknownValue { value, .. } => write!(f, "unknown value `{value}`"),
            Problem::MissingKey(key) => write!(f, "missing key `{key}`"),
            Problem::Other(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for ShapeError {}

impl de::Error for ShapeError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        ShapeError::new(Problem::Other(message.to_string()))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        ShapeError::new(Problem::UnknownKey {
            key: field.to_owned(),
            allowed: expected,
        })
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        ShapeError::new(Problem::UnknownValue {
            value: variant.to_owned(),
            allowed: expected,
        })
    }

    fn missing_field(field: &'static str) -> Self {
        ShapeError::new(Problem::MissingKey(field))
    }
}

/// Gives an error without a span the span of the thing being read.
fn at<T>(span: &Range<usize>, result: Result<T, ShapeError>) -> Result<T, ShapeError> {
    result.map_err(|mut err| {
        if err.span.is_none() {
            err.span = Some(span.clone());
        }
        err
    })
}

/// Reads `T` from one value of the parsed source.
pub(super) fn read<'i, T: de::Deserialize<'i>>(
    value: &Spanned<DeValue<'i>>,
) -> Result<T, ShapeError> {
    T::deserialize(Shape::from(value.clone()))
}

/// A deserializer over one parsed TOML value and its span.
struct Shape<'i> {
    value: DeValue<'i>,
    span: Range<usize>,
}

impl<'i> From<Spanned<DeValue<'i>>> for Shape<'i> {
    fn from(value: Spanned<DeValue<'i>>) -> Self {
        let span = value.span();
        Shape {
            value: value.into_inner(),
            span,
        }
    }
}

impl<'de> IntoDeserializer<'de, ShapeError> for Shape<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> Deserializer<'de> for Shape<'de> {
    type Error = ShapeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        let span = self.span;
        let result = match self.value {
            DeValue::String(Cow::Borrowed(text)) => visitor.visit_borrowed_str(text),
            DeValue::String(Cow::Owned(text)) => visitor.visit_string(text),
            DeValue::Array(items) => visitor.visit_seq(Items {
                items: items.into_iter(),
            }),
            DeValue::Table(table) => visitor.visit_map(Entries {
                entries: table.into_iter().collect::<Vec<_>>().into_iter(),
                value: None,
            }),
            scalar => ValueDeserializer::from(Spanned::new(span.clone(), scalar))
                .deserialize_any(visitor)
                .map_err(ShapeError::from_toml),
        };
        at(&span, result)
    }

    // `None` stands for an absent key, so a present one is always `Some`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        let span = self.span.clone();
        at(&span, visitor.visit_some(self))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ShapeError> {
        let span = self.span.clone();
        at(&span, visitor.visit_newtype_struct(self))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ShapeError> {
        if is_spanned(name) {
            let span = self.span.clone();
            return visitor.visit_map(SpannedDeserializer::new(self, span));
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ShapeError> {
        let span = self.span;
        let result = match self.value {
            DeValue::String(text) => visitor.visit_enum(text.into_deserializer()),
            table @ DeValue::Table(_) => ValueDeserializer::from(Spanned::new(span.clone(), table))
                .deserialize_enum(name, variants, visitor)
                .map_err(ShapeError::from_toml),
            _ => Err(de::Error::custom("wanted string or table")),
        };
        at(&span, result)
    }

    serde::forward_to_deserialize_any! {
        bool u8 u16 u32 u64 i8 i16 i32 i64 i128 u128 f32 f64 char str string seq
        bytes byte_buf map unit ignored_any unit_struct tuple_struct tuple identifier
    }
}

/// The items of an array.
struct Items<'i> {
    items: std::vec::IntoIter<Spanned<DeValue<'i>>>,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = ShapeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, ShapeError> {
        self.items
            .next()
            .map(|item| seed.deserialize(Shape::from(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The entries of a table; a key's problem points at the key, a value's at the value.
struct Entries<'i> {
    entries: std::vec::IntoIter<(Spanned<Cow<'i, str>>, Spanned<DeValue<'i>>)>,
    value: Option<Spanned<DeValue<'i>>>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = ShapeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ShapeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        let span = key.span();
        self.value = Some(value);
        at(
            &span,
            seed.deserialize(key.into_inner().into_deserializer()),
        )
        .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, ShapeError> {
        let value = self
            .value
            .take()
            .expect("serde asks for a value only after its key");
        seed.deserialize(Shape::from(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
