//! The string ids of the core's closed enums (`Verbal`, `WeightClass`, `Verdict`, …): the
//! one place that spells them. The TOML source, the definition JSON, exports, the binding,
//! the view models and the site generator all read and write an enum through its `id()`,
//! `from_id()` and `ALL`, so no spelling is written twice. Which enums carry ids is decided
//! next to each enum, by one `string_ids!` line.

/// An enum whose values are written as fixed lowercase ids.
pub trait StringId: Copy + Sized + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];
    /// Every id, in declaration order (what an error lists as the allowed values).
    const IDS: &'static [&'static str];

    /// Returns the id of a value.
    fn id(self) -> &'static str;

    /// Reads an id written by [`StringId::id`]; `None` for any other text.
    fn from_id(id: &str) -> Option<Self> {
        index_of(Self::IDS, id).map(|index| Self::ALL[index])
    }
}

/// Returns the index of an id in a list of ids; not generic, so the bundle holds it once.
fn index_of(ids: &[&str], id: &str) -> Option<usize> {
    ids.iter().position(|known| *known == id)
}

/// Gives an enum its ids: inherent `ALL`, `id()` and `from_id()`, the [`StringId`] trait,
/// and a serde `Deserialize` that reads the id (the checklist source needs it), refusing
/// any other text with serde's "unknown variant" error.
macro_rules! string_ids {
    ($ty:ident { $($variant:ident = $id:literal,)+ }) => {
        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant,)+];

            /// Returns the id that files, exports and the page spell.
            pub fn id(self) -> &'static str {
                match self {
                    $($ty::$variant => $id,)+
                }
            }

            /// Reads an id written by [`Self::id`]; `None` for any other text.
            pub fn from_id(id: &str) -> Option<$ty> {
                <$ty as $crate::string_id::StringId>::from_id(id)
            }
        }

        impl $crate::string_id::StringId for $ty {
            const ALL: &'static [$ty] = $ty::ALL;
            const IDS: &'static [&'static str] = &[$($id,)+];

            fn id(self) -> &'static str {
                $ty::id(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                $crate::string_id::deserialize(deserializer)
            }
        }
    };
}

pub(crate) use string_ids;

/// Reads a value of a [`StringId`] enum from its id.
pub(crate) fn deserialize<'de, T: StringId, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
    T::from_id(&text).ok_or_else(|| serde::de::Error::unknown_variant(&text, T::IDS))
}

#[cfg(test)]
mod tests {
    use super::StringId;
    use crate::definition::{BandDirection, Combine, MultiScoring, RuleKind, Verbal, WeightClass};
    use crate::scoring::Verdict;

    #[track_caller]
    fn check<T: StringId + PartialEq + std::fmt::Debug>(expected: &[&str]) {
        assert_eq!(T::IDS, expected);
        assert_eq!(T::ALL.len(), expected.len());
        for (value, id) in T::ALL.iter().zip(expected) {
            assert_eq!(value.id(), *id);
            assert_eq!(T::from_id(id), Some(*value));
        }
        assert_eq!(T::from_id("no such id"), None);
        assert_eq!(T::from_id(""), None);
    }

    #[test]
    fn every_enum_reads_back_the_ids_it_writes() {
        check::<Verbal>(&["yes", "partial", "no", "unknown"]);
        check::<WeightClass>(&["minor", "standard", "critical"]);
        check::<MultiScoring>(&["any", "sum"]);
        check::<BandDirection>(&["at_least", "at_most"]);
        check::<RuleKind>(&["hard", "soft"]);
        check::<Combine>(&["any_of", "all_of"]);
        check::<Verdict>(&[
            "strong",
            "acceptable",
            "conditional",
            "provisional",
            "insufficient",
            "excluded",
        ]);
    }

    #[test]
    fn an_unknown_id_in_the_source_names_the_allowed_ones() {
        #[derive(serde::Deserialize, Debug)]
        struct Doc {
            #[allow(dead_code)]
            weight: WeightClass,
        }
        let err = toml::from_str::<Doc>("weight = \"big\"").unwrap_err();
        assert!(
            err.message()
                .contains("unknown variant `big`, expected one of `minor`, `standard`, `critical`"),
            "{}",
            err.message()
        );
    }
}
