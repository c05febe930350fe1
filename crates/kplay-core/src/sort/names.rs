//! A name → index map as one sorted `Vec`: the engine's `BTreeMap<&str, usize>` maps were the web bundle's only
//! users of that tree instance (insertion with node splits, search, iteration, drop: ~1 KB gzip). Lookups are a
//! binary search; iteration is in key order, as the tree's was, so every result stays the same.
//!
//! The price is the insert's shift: names arriving in sorted order append, names in random order move n²/4
//! entries in all (natively: 10,000 names 9 ms, 50,000 names 0.2 s, 200,000 names 3.5 s, where the tree took
//! 1.5 / 10 / 59 ms). The maps hold a scenario's topics, producers, groups and instances (capped at 64, 64, 16
//! and 128; a bigger scenario is refused, after the same checks) and a group's topics and members, as
//! `group::AssignmentTable` and `topic::KeyTable` already do.

use alloc::vec::Vec;

/// Names mapped to indexes, kept sorted by name (byte order, as `BTreeMap<&str, _>`).
///
/// ```
/// use kplay_core::sort::NameMap;
/// let mut m = NameMap::default();
/// assert_eq!(m.insert("b", 1), None);
/// assert_eq!(m.insert("a", 2), None);
/// assert_eq!(m.insert("b", 3), Some(1));
/// assert_eq!(m.get("b"), Some(3));
/// assert!(!m.contains_key("c"));
/// assert_eq!(m.keys().collect::<Vec<_>>(), ["a", "b"]);
/// ```
#[derive(Clone, Debug, Default)]
pub struct NameMap<'a> {
    entries: Vec<(&'a str, usize)>,
}

impl<'a> NameMap<'a> {
    fn find(&self, key: &str) -> Result<usize, usize> {
        // Appending in order (the usual case: ids and names listed sorted) skips the search.
        match self.entries.last() {
            Some(last) if last.0 < key => Err(self.entries.len()),
            _ => self.entries.binary_search_by(|e| e.0.cmp(key)),
        }
    }

    /// Sets `key` to `value`; the value it had, if any (as `BTreeMap::insert`).
    pub fn insert(&mut self, key: &'a str, value: usize) -> Option<usize> {
        match self.find(key) {
            Ok(i) => Some(core::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    /// The value of `key`, inserting `value` first if it has none.
    pub fn or_insert(&mut self, key: &'a str, value: usize) -> &mut usize {
        let i = match self.find(key) {
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (key, value));
                i
            }
        };
        &mut self.entries[i].1
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<usize> {
        self.find(key).ok().map(|i| self.entries[i].1)
    }

    /// The value of `key`, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut usize> {
        match self.find(key) {
            Ok(i) => Some(&mut self.entries[i].1),
            Err(_) => None,
        }
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// How many names have a value.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no name has a value.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The names in order.
    pub fn keys(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.entries.iter().map(|e| e.0)
    }

    /// The values in their names' order.
    pub fn values(&self) -> impl Iterator<Item = usize> + '_ {
        self.entries.iter().map(|e| e.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::collections::BTreeMap;
    use alloc::string::String;
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    enum Op {
        Insert(usize, usize),
        OrInsert(usize, usize),
        Bump(usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0usize..12, 0usize..100).prop_map(|(k, v)| Op::Insert(k, v)),
            (0usize..12, 0usize..100).prop_map(|(k, v)| Op::OrInsert(k, v)),
            (0usize..12).prop_map(Op::Bump),
        ]
    }

    proptest! {
        #[test]
        fn acts_as_a_btree_map_of_str_to_usize(
            names in proptest::collection::vec("[a-c]{0,3}", 12),
            ops in proptest::collection::vec(op(), 0..80),
        ) {
            let names: Vec<String> = names;
            let mut ours = NameMap::default();
            let mut tree: BTreeMap<&str, usize> = BTreeMap::new();
            for op in &ops {
                match *op {
                    Op::Insert(k, v) => {
                        let k = names[k].as_str();
                        prop_assert_eq!(ours.insert(k, v), tree.insert(k, v));
                    }
                    Op::OrInsert(k, v) => {
                        let k = names[k].as_str();
                        *ours.or_insert(k, v) += 1;
                        *tree.entry(k).or_insert(v) += 1;
                    }
                    Op::Bump(k) => {
                        let k = names[k].as_str();
                        if let Some(v) = ours.get_mut(k) { *v += 7; }
                        if let Some(v) = tree.get_mut(k) { *v += 7; }
                    }
                }
                prop_assert_eq!(ours.len(), tree.len());
                prop_assert_eq!(ours.is_empty(), tree.is_empty());
            }
            for n in &names {
                prop_assert_eq!(ours.get(n), tree.get(n.as_str()).copied());
                prop_assert_eq!(ours.contains_key(n), tree.contains_key(n.as_str()));
            }
            prop_assert_eq!(ours.keys().collect::<Vec<_>>(), tree.keys().copied().collect::<Vec<_>>());
            prop_assert_eq!(ours.values().collect::<Vec<_>>(), tree.values().copied().collect::<Vec<_>>());
        }
    }
}
