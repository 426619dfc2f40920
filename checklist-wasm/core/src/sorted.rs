//! A map and a set keyed by `String`, kept as one sorted `Vec` and searched by binary search.
//! They stand in for `BTreeMap`/`BTreeSet` in the core's data types: iteration is by key, so
//! exports stay byte-stable, and each instance costs a few hundred bytes of wasm instead of
//! several kilobytes. The maps hold tens of entries (answers per vendor, languages per text),
//! so inserting into the middle of a `Vec` is cheap. For the same reason it has the core's two
//! small sorts, instead of the std sorts' large code: a stable one for short lists (vendors in
//! a comparison) and a heap sort for lists that may be long (keys of an imported object).

use std::cmp::Ordering;
use std::fmt;
use std::ops::Index;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Sorts a short list stably (equal items keep their order) by insertion: quadratic, so
/// only for lists of tens of items, but a fraction of the std sort's code.
pub fn sort_short_by<T>(items: &mut [T], mut order: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && order(&items[j - 1], &items[j]).is_gt() {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts a list of any length in O(n log n), not stably, by heap sort: a few lines of code,
/// where the std sorts cost kilobytes of wasm. For lists that may be long, such as the keys of
/// an object in an imported file.
pub fn sort_long<T: Ord>(items: &mut [T]) {
    fn sift_down<T: Ord>(items: &mut [T], mut root: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= items.len() {
                return;
            }
            if child + 1 < items.len() && items[child] < items[child + 1] {
                child += 1;
            }
            if items[root] >= items[child] {
                return;
            }
            items.swap(root, child);
            root = child;
        }
    }
    for root in (0..items.len() / 2).rev() {
        sift_down(items, root);
    }
    for end in (1..items.len()).rev() {
        items.swap(0, end);
        sift_down(&mut items[..end], 0);
    }
}

/// A map from `String` keys to values, iterated in key order.
#[derive(Clone, PartialEq, Eq)]
pub struct SortedMap<V> {
    entries: Vec<(String, V)>,
}

impl<V> SortedMap<V> {
    /// Makes an empty map.
    pub fn new() -> Self {
        SortedMap {
            entries: Vec::new(),
        }
    }

    /// Finds the position of `key`, or where it would go.
    fn search(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// Returns the value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        let i = self.search(key).ok()?;
        Some(&self.entries[i].1)
    }

    /// Returns the value of `key` for editing.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        let i = self.search(key).ok()?;
        Some(&mut self.entries[i].1)
    }

    /// Tells whether the map has `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.search(key).is_ok()
    }

    /// Sets the value of `key`, returning the value it replaced.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.search(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    /// Removes `key`, returning its value.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        let i = self.search(key).ok()?;
        Some(self.entries.remove(i).1)
    }

    /// Returns the number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Tells whether the map has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Iterates over the entries in key order.
    pub fn iter(&self) -> Iter<'_, V> {
        Iter(self.entries.iter())
    }

    /// Iterates over the keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// Iterates over the values in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }
}

impl<V> Default for SortedMap<V> {
    fn default() -> Self {
        SortedMap::new()
    }
}

impl<V: fmt::Debug> fmt::Debug for SortedMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Looks up a key that must be present, as `map["key"]`; panics when it is missing.
impl<V, K: AsRef<str> + ?Sized> Index<&K> for SortedMap<V> {
    type Output = V;

    fn index(&self, key: &K) -> &V {
        self.get(key.as_ref()).expect("key is in the map")
    }
}

/// Later entries win over earlier ones with the same key, as in `BTreeMap`.
impl<V> FromIterator<(String, V)> for SortedMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(entries: I) -> Self {
        let mut map = SortedMap::new();
        for (key, value) in entries {
            map.insert(key, value);
        }
        map
    }
}

/// An iterator over a [`SortedMap`]'s entries in key order.
pub struct Iter<'a, V>(std::slice::Iter<'a, (String, V)>);

impl<'a, V> Iterator for Iter<'a, V> {
    type Item = (&'a String, &'a V);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k, v))
    }
}

impl<'a, V> IntoIterator for &'a SortedMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = Iter<'a, V>;

    fn into_iter(self) -> Iter<'a, V> {
        self.iter()
    }
}

impl<V> IntoIterator for SortedMap<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<V: Serialize> Serialize for SortedMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for SortedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let entries = std::collections::BTreeMap::<String, V>::deserialize(deserializer)?;
        Ok(entries.into_iter().collect())
    }
}

/// A set of `String`s, iterated in order.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SortedSet(SortedMap<()>);

impl SortedSet {
    /// Makes an empty set.
    pub fn new() -> Self {
        SortedSet(SortedMap::new())
    }

    /// Adds `item`, telling whether it was new.
    pub fn insert(&mut self, item: String) -> bool {
        self.0.insert(item, ()).is_none()
    }

    /// Removes `item`, telling whether it was there.
    pub fn remove(&mut self, item: &str) -> bool {
        self.0.remove(item).is_some()
    }

    /// Tells whether the set has `item`.
    pub fn contains(&self, item: &str) -> bool {
        self.0.contains_key(item)
    }

    /// Returns the number of items.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Tells whether the set has no items.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Iterates over the items in order.
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.0.keys()
    }
}

impl fmt::Debug for SortedSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl FromIterator<String> for SortedSet {
    fn from_iter<I: IntoIterator<Item = String>>(items: I) -> Self {
        SortedSet(items.into_iter().map(|item| (item, ())).collect())
    }
}

impl<'a> IntoIterator for &'a SortedSet {
    type Item = &'a String;
    type IntoIter = std::iter::Map<Iter<'a, ()>, fn((&'a String, &'a ())) -> &'a String>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(item, ())| item)
    }
}

impl IntoIterator for SortedSet {
    type Item = String;
    type IntoIter = std::iter::Map<std::vec::IntoIter<(String, ())>, fn((String, ())) -> String>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter().map(|(item, ())| item)
    }
}

impl Serialize for SortedSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for SortedSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Vec::<String>::deserialize(deserializer)?
            .into_iter()
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use proptest::prelude::*;

    use super::{sort_long, sort_short_by, SortedMap, SortedSet};

    #[test]
    fn sort_long_sorts() {
        let mut keys = vec!["d", "a", "c", "b", "a", "e", "", "ä"];
        sort_long(&mut keys);
        assert_eq!(keys, ["", "a", "a", "b", "c", "d", "e", "ä"]);
    }

    #[test]
    fn map_behaves_like_a_btree_map() {
        let mut map = SortedMap::new();
        assert!(map.is_empty());
        assert_eq!(map.insert("b".to_owned(), 1), None);
        assert_eq!(map.insert("a".to_owned(), 2), None);
        assert_eq!(map.insert("b".to_owned(), 3), Some(1));
        *map.get_mut("a").unwrap() += 10;
        assert_eq!(map.get("a"), Some(&12));
        assert_eq!(map["b"], 3);
        assert!(map.contains_key("b") && !map.contains_key("c"));
        assert_eq!(
            map.iter().collect::<Vec<_>>(),
            [(&"a".to_owned(), &12), (&"b".to_owned(), &3)]
        );
        assert_eq!(map.remove("a"), Some(12));
        assert_eq!(map.remove("a"), None);
        assert_eq!(map.len(), 1);
        assert_eq!(format!("{map:?}"), r#"{"b": 3}"#);
    }

    #[test]
    fn collecting_keeps_the_last_value_of_a_key() {
        let map: SortedMap<i32> = [
            ("x".to_owned(), 1),
            ("a".to_owned(), 2),
            ("x".to_owned(), 3),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            map.into_iter().collect::<Vec<_>>(),
            [("a".to_owned(), 2), ("x".to_owned(), 3)]
        );
    }

    #[test]
    fn set_reports_whether_it_changed() {
        let mut set: SortedSet = ["b".to_owned(), "a".to_owned()].into_iter().collect();
        assert!(!set.insert("a".to_owned()));
        assert!(set.insert("c".to_owned()));
        assert!(set.remove("b"));
        assert!(!set.remove("b"));
        assert!(set.contains("c") && !set.contains("b"));
        assert_eq!(set.len(), 2);
        assert_eq!((&set).into_iter().collect::<Vec<_>>(), ["a", "c"]);
        assert_eq!(set.into_iter().collect::<Vec<_>>(), ["a", "c"]);
    }

    proptest! {
        #[test]
        fn short_sort_matches_the_stable_std_sort(items in proptest::collection::vec((0u8..5, any::<u8>()), 0..60)) {
            let mut ours = items.clone();
            sort_short_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut theirs = items;
            theirs.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, theirs);
        }

        #[test]
        fn map_matches_btree_map(ops in proptest::collection::vec((any::<bool>(), "[a-e]{0,2}", any::<u8>()), 0..60)) {
            let (mut ours, mut theirs) = (SortedMap::new(), BTreeMap::new());
            let (mut our_set, mut their_set) = (SortedSet::new(), BTreeSet::new());
            for (insert, key, value) in ops {
                if insert {
                    prop_assert_eq!(ours.insert(key.clone(), value), theirs.insert(key.clone(), value));
                    prop_assert_eq!(our_set.insert(key.clone()), their_set.insert(key));
                } else {
                    prop_assert_eq!(ours.remove(&key), theirs.remove(&key));
                    prop_assert_eq!(our_set.remove(&key), their_set.remove(&key));
                }
                prop_assert!(ours.iter().eq(theirs.iter()));
                prop_assert!(our_set.iter().eq(their_set.iter()));
            }
        }
    }
}
