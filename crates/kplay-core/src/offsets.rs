//! A small sorted map from topic-partition to offset, cheaper than a `BTreeMap` for the few dozen partitions a
//! consumer owns, with the same (sorted) iteration order. The last hit is cached because consecutive records
//! usually belong to the same partition.

use alloc::vec::Vec;

/// A topic-partition by topic index in the world and partition number.
pub(crate) type Tp = (u32, u32);

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct OffsetMap {
    entries: Vec<(Tp, u64)>,
    last: usize,
}

impl OffsetMap {
    #[inline]
    fn find(&self, tp: Tp) -> Result<usize, usize> {
        if let Some(&(k, _)) = self.entries.get(self.last) {
            if k == tp {
                return Ok(self.last);
            }
        }
        // A map over every partition of the first topic holds partition `p` at index `p`: one comparison
        // instead of a search for the group-wide maps of a one-topic world.
        if let Some(&(k, _)) = self.entries.get(tp.1 as usize) {
            if k == tp {
                return Ok(tp.1 as usize);
            }
        }
        self.entries.binary_search_by_key(&tp, |&(k, _)| k)
    }

    #[inline]
    pub fn get(&self, tp: &Tp) -> Option<&u64> {
        self.find(*tp).ok().map(|i| &self.entries[i].1)
    }

    /// Inserts or replaces; returns the previous value.
    #[inline]
    pub fn insert(&mut self, tp: Tp, offset: u64) -> Option<u64> {
        match self.find(tp) {
            Ok(i) => {
                self.last = i;
                Some(core::mem::replace(&mut self.entries[i].1, offset))
            }
            Err(i) => {
                self.entries.insert(i, (tp, offset));
                self.last = i;
                None
            }
        }
    }

    /// The value for `tp`, inserting `default` first when absent.
    pub fn entry_mut(&mut self, tp: Tp, default: u64) -> &mut u64 {
        let i = match self.find(tp) {
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (tp, default));
                i
            }
        };
        self.last = i;
        &mut self.entries[i].1
    }

    pub fn remove(&mut self, tp: &Tp) -> Option<u64> {
        let i = self.find(*tp).ok()?;
        self.last = 0;
        Some(self.entries.remove(i).1)
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.last = 0;
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Tp, &u64)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The entries as `(partition, offset)` pairs, in order: what an OffsetCommit sends.
    pub fn to_vec(&self) -> Vec<(Tp, u64)> {
        self.entries.clone()
    }

    pub fn keys(&self) -> impl Iterator<Item = &Tp> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Keeps the entries for which `keep` holds, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&Tp, &mut u64) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
        self.last = 0;
    }
}

impl<'a> IntoIterator for &'a OffsetMap {
    type Item = (&'a Tp, &'a u64);
    type IntoIter =
        core::iter::Map<core::slice::Iter<'a, (Tp, u64)>, fn(&'a (Tp, u64)) -> (&'a Tp, &'a u64)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::collections::BTreeMap;

    #[test]
    fn behaves_like_a_btreemap() {
        let mut m = OffsetMap::default();
        let mut b: BTreeMap<Tp, u64> = BTreeMap::new();
        let mut x: u32 = 7;
        for step in 0..2000u64 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let tp = ((x >> 8) % 3, (x >> 12) % 7);
            match x % 5 {
                0 => assert_eq!(m.remove(&tp), b.remove(&tp)),
                3 if step % 7 == 0 => {
                    let cut = (x >> 16) % 3;
                    m.retain(|k, _| k.0 != cut);
                    b.retain(|k, _| k.0 != cut);
                }
                1 => assert_eq!(m.get(&tp), b.get(&tp)),
                2 => {
                    *m.entry_mut(tp, 1) += step;
                    *b.entry(tp).or_insert(1) += step;
                }
                _ => assert_eq!(m.insert(tp, step), b.insert(tp, step)),
            }
            assert!(m
                .iter()
                .map(|(k, v)| (*k, *v))
                .eq(b.iter().map(|(k, v)| (*k, *v))));
        }
    }
}
