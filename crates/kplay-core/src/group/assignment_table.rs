//! The coordinator's current assignment by member id: a sorted `Vec` rather than a `BTreeMap<String, _>`, so the
//! wasm bundle carries no tree instance (insert, remove, rebalancing) for this one map. A group has a few dozen
//! members at most, and iteration is in member-id order exactly as the map's was.

use super::member::Tp;
use alloc::string::String;
use alloc::vec::Vec;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct AssignmentTable {
    entries: Vec<(String, Vec<Tp>)>,
}

impl AssignmentTable {
    fn find(&self, member_id: &str) -> Result<usize, usize> {
        self.entries
            .binary_search_by(|(k, _)| k.as_str().cmp(member_id))
    }

    pub fn get(&self, member_id: &str) -> Option<&Vec<Tp>> {
        self.find(member_id).ok().map(|i| &self.entries[i].1)
    }

    /// Inserts or replaces the member's partitions (ascending, as the coordinator sorts them).
    pub fn insert(&mut self, member_id: String, parts: Vec<Tp>) {
        debug_assert!(
            parts.windows(2).all(|w| w[0] < w[1]),
            "partitions ascending"
        );
        match self.find(&member_id) {
            Ok(i) => self.entries[i].1 = parts,
            Err(i) => self.entries.insert(i, (member_id, parts)),
        }
    }

    /// The member a partition is assigned to: a binary search per member, so a snapshot of thousands of
    /// partitions costs partitions × members × log, not partitions squared.
    pub fn owner_of(&self, tp: Tp) -> Option<&String> {
        self.entries
            .iter()
            .find(|(_, parts)| parts.binary_search(&tp).is_ok())
            .map(|(m, _)| m)
    }

    pub fn remove(&mut self, member_id: &str) -> Option<Vec<Tp>> {
        let i = self.find(member_id).ok()?;
        Some(self.entries.remove(i).1)
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Members and their partitions in member-id order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<Tp>)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::collections::BTreeMap;
    use alloc::format;

    #[test]
    fn behaves_like_a_btreemap() {
        let mut t = AssignmentTable::default();
        let mut b: BTreeMap<String, Vec<Tp>> = BTreeMap::new();
        let mut x: u32 = 11;
        for step in 0..2000u32 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let id = format!("m-{}", (x >> 8) % 13);
            match x % 7 {
                0 => assert_eq!(t.remove(&id), b.remove(&id)),
                1 => assert_eq!(t.get(&id), b.get(&id)),
                2 if step % 50 == 0 => {
                    t.clear();
                    b.clear();
                }
                _ => {
                    let parts: Vec<Tp> = (0..(x >> 20) % 4).map(|p| (step % 3, p)).collect();
                    t.insert(id.clone(), parts.clone());
                    b.insert(id, parts);
                }
            }
            assert!(t.iter().eq(b.iter()));
            for tp in [(0, 0), (1, 2), (2, 3)] {
                let owner = b.iter().find(|(_, ps)| ps.contains(&tp)).map(|(m, _)| m);
                assert_eq!(t.owner_of(tp), owner);
            }
        }
    }
}
