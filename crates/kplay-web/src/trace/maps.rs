//! The trace's lookup tables, as sorted `Vec`s and `VecDeque`s: a `BTreeMap` per key type compiled its own copy
//! of the tree code into the bundle (about 1 KB gzip each).

use super::{LifeStep, RecordId};
use std::collections::VecDeque;
use std::ops::Range;

/// An offset per (group, topic, partition), kept sorted by key in a `Vec`: a few hundred entries at most, and a
/// `BTreeMap` with this key type compiled its own copy of the tree code into the bundle.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OffsetMap(Vec<((String, String, u32), u64)>);

impl OffsetMap {
    fn find(&self, group: &str, topic: &str, partition: u32) -> Result<usize, usize> {
        self.0.binary_search_by(|((g, t, p), _)| {
            (g.as_str(), t.as_str(), *p).cmp(&(group, topic, partition))
        })
    }

    /// The offset stored for a key.
    pub fn get(&self, key: &(String, String, u32)) -> Option<&u64> {
        let i = self.find(&key.0, &key.1, key.2).ok()?;
        Some(&self.0[i].1)
    }

    /// The entry for a key, inserted as 0 if missing.
    pub(super) fn slot(&mut self, group: &str, topic: &str, partition: u32) -> &mut u64 {
        let i = match self.find(group, topic, partition) {
            Ok(i) => i,
            Err(i) => {
                self.0
                    .insert(i, ((group.into(), topic.into(), partition), 0));
                i
            }
        };
        &mut self.0[i].1
    }

    /// Entries in key order.
    pub fn iter(&self) -> std::slice::Iter<'_, ((String, String, u32), u64)> {
        self.0.iter()
    }
}

/// Remembered lifecycles per record, grouped by (topic, partition) and ordered by offset inside each partition.
/// Records almost always arrive in offset order, so inserting and forgetting the oldest happen at the ends of a
/// partition's deque.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lifecycles(Vec<((String, u32), PartitionSteps)>);

/// One partition's remembered records: (offset, steps), ordered by offset.
type PartitionSteps = VecDeque<(u64, Vec<LifeStep>)>;

impl Lifecycles {
    fn part(&self, topic: &str, partition: u32) -> Result<usize, usize> {
        self.0
            .binary_search_by(|((t, p), _)| (t.as_str(), *p).cmp(&(topic, partition)))
    }

    fn records(&self, topic: &str, partition: u32) -> Option<&PartitionSteps> {
        Some(&self.0[self.part(topic, partition).ok()?].1)
    }

    /// A record's steps.
    pub fn get(&self, id: &RecordId) -> Option<&Vec<LifeStep>> {
        let records = self.records(&id.0, id.1)?;
        let i = records.binary_search_by_key(&id.2, |(o, _)| *o).ok()?;
        Some(&records[i].1)
    }

    /// A record's steps, to add one.
    pub fn get_mut(&mut self, id: &RecordId) -> Option<&mut Vec<LifeStep>> {
        let p = self.part(&id.0, id.1).ok()?;
        let records = &mut self.0[p].1;
        let i = records.binary_search_by_key(&id.2, |(o, _)| *o).ok()?;
        Some(&mut records[i].1)
    }

    /// Remembers a record not seen before.
    pub fn insert(&mut self, id: RecordId, steps: Vec<LifeStep>) {
        let (topic, partition, offset) = id;
        let p = match self.part(&topic, partition) {
            Ok(p) => p,
            Err(p) => {
                self.0.insert(p, ((topic, partition), VecDeque::new()));
                p
            }
        };
        let records = &mut self.0[p].1;
        match records.binary_search_by_key(&offset, |(o, _)| *o) {
            Ok(i) => records[i].1 = steps,
            Err(i) => records.insert(i, (offset, steps)),
        }
    }

    /// Forgets a record; a partition left without records is dropped.
    pub fn remove(&mut self, id: &RecordId) {
        let Ok(p) = self.part(&id.0, id.1) else {
            return;
        };
        let records = &mut self.0[p].1;
        if let Ok(i) = records.binary_search_by_key(&id.2, |(o, _)| *o) {
            records.remove(i);
        }
        if records.is_empty() {
            self.0.remove(p);
        }
    }

    /// Offsets remembered in `range` of one partition, in order.
    pub fn offsets(
        &self,
        topic: &str,
        partition: u32,
        range: Range<u64>,
    ) -> impl Iterator<Item = u64> + '_ {
        let records = self.records(topic, partition);
        let start = records.map_or(0, |r| r.partition_point(|(o, _)| *o < range.start));
        records
            .into_iter()
            .flat_map(move |r| r.range(start..))
            .map(|(o, _)| *o)
            .take_while(move |o| *o < range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    fn step(group: &str) -> super::super::Step {
        super::super::Step::Committed {
            group: group.into(),
            offset: 0,
        }
    }

    fn steps(what: &str) -> Vec<LifeStep> {
        vec![LifeStep {
            t_ms: 0,
            what: Rc::new(step(what)),
        }]
    }

    #[test]
    fn lifecycles_keep_offset_order_within_a_partition() {
        let mut l = Lifecycles::default();
        for o in [5, 1, 3, 9] {
            l.insert(("t".into(), 0, o), steps(&o.to_string()));
        }
        l.insert(("t".into(), 1, 2), steps("other partition"));
        l.insert(("s".into(), 0, 4), steps("other topic"));
        assert_eq!(l.offsets("t", 0, 2..9).collect::<Vec<_>>(), [3, 5]);
        assert_eq!(l.offsets("t", 0, 0..100).collect::<Vec<_>>(), [1, 3, 5, 9]);
        assert_eq!(l.offsets("t", 2, 0..100).count(), 0);
        assert_eq!(
            *l.get(&("t".into(), 1, 2)).unwrap_or(&vec![])[0].what,
            step("other partition")
        );
        if let Some(s) = l.get_mut(&("t".into(), 0, 3)) {
            s.extend(steps("later"));
        }
        assert_eq!(l.get(&("t".into(), 0, 3)).map(Vec::len), Some(2));
        l.remove(&("t".into(), 0, 3));
        assert!(l.get(&("t".into(), 0, 3)).is_none());
        assert_eq!(l.offsets("t", 0, 0..100).collect::<Vec<_>>(), [1, 5, 9]);
        l.remove(&("t".into(), 1, 2));
        assert!(l.get(&("t".into(), 1, 2)).is_none());
        assert_eq!(l.0.len(), 2, "an emptied partition is dropped");
    }

    #[test]
    fn offset_map_matches_key_order_and_defaults_to_zero() {
        let mut m = OffsetMap::default();
        *m.slot("g2", "t", 0) = 7;
        *m.slot("g1", "t", 1) = 3;
        *m.slot("g1", "t", 0) += 1;
        assert_eq!(m.get(&("g1".into(), "t".into(), 0)), Some(&1));
        assert_eq!(m.get(&("g3".into(), "t".into(), 0)), None);
        let keys: Vec<_> = m
            .iter()
            .map(|((g, _, p), n)| (g.as_str(), *p, *n))
            .collect();
        assert_eq!(keys, [("g1", 0, 1), ("g1", 1, 3), ("g2", 0, 7)]);
    }
}
