//! Kafka's `PartitionMovements`: the record of which partitions moved between which members during one
//! general-path balance, used to move a partition *back* instead of moving a second one forward.
//!
//! When Kafka wants to move a partition of topic `t` from `a` to `b` and some partition of `t` already moved from
//! `b` to `a`, it moves that one back instead; which one is the first element of a Java `HashSet`, so the set's
//! table order is modelled.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use super::java::JavaHashSet;
use super::model::Model;

/// Movements so far: partition → (first source, current destination), and per (topic, source, destination) the
/// set of partitions that made that move.
#[derive(Default)]
pub struct Movements {
    /// pid → `source << 32 | destination` (a `u64 → u64` map, the type the other sticky maps share).
    record: BTreeMap<u64, u64>,
    /// (topic, source, destination) → index into `sets`, as two `u64 → u64` levels: `source << 32 |
    /// destination` → index into `by_topic`, whose maps take topic → index into `sets`. A tuple-keyed map would
    /// add a tree instance of its own to the wasm bundle; these share the sticky assignor's.
    pairs: BTreeMap<u64, u64>,
    by_topic: Vec<BTreeMap<u64, u64>>,
    /// Sets are never removed: an emptied one is replaced by a fresh set (what Kafka's drop-and-recreate
    /// amounts to), and an empty set answers `first()` with `None` exactly like an absent one.
    sets: Vec<JavaHashSet>,
}

impl Movements {
    fn add(&mut self, m: &Model, pid: u32, src: u32, dst: u32) {
        self.record
            .insert(u64::from(pid), u64::from(src) << 32 | u64::from(dst));
        let i = self.set_index(m.topic_of(pid), src, dst);
        self.sets[i].insert(pid, m.pid_hash(pid));
    }

    /// The set for (topic, source, destination), created empty when new.
    fn set_index(&mut self, topic: u32, src: u32, dst: u32) -> usize {
        let next = self.by_topic.len() as u64;
        let level = *self
            .pairs
            .entry(u64::from(src) << 32 | u64::from(dst))
            .or_insert(next) as usize;
        if level == self.by_topic.len() {
            self.by_topic.push(BTreeMap::new());
        }
        let next = self.sets.len() as u64;
        let i = *self.by_topic[level].entry(u64::from(topic)).or_insert(next) as usize;
        if i == self.sets.len() {
            self.sets.push(JavaHashSet::default());
        }
        i
    }

    fn find(&self, topic: u32, src: u32, dst: u32) -> Option<usize> {
        let level = *self.pairs.get(&(u64::from(src) << 32 | u64::from(dst)))? as usize;
        self.by_topic[level]
            .get(&u64::from(topic))
            .map(|&i| i as usize)
    }

    fn remove(&mut self, m: &Model, pid: u32) -> Option<(u32, u32)> {
        let packed = self.record.remove(&u64::from(pid))?;
        let (src, dst) = ((packed >> 32) as u32, packed as u32);
        if let Some(i) = self.find(m.topic_of(pid), src, dst) {
            let set = &mut self.sets[i];
            set.remove(pid);
            // Kafka drops the emptied set, so a later one starts again from a fresh table.
            if set.is_empty() {
                *set = JavaHashSet::default();
            }
        }
        Some((src, dst))
    }

    /// Records that `pid` moves from `old` to `new`, collapsing a move back into "never moved".
    pub fn move_partition(&mut self, m: &Model, pid: u32, old: u32, new: u32) {
        match self.remove(m, pid) {
            Some((src, _)) => {
                if src != new {
                    self.add(m, pid, src, new);
                }
            }
            None => self.add(m, pid, old, new),
        }
    }

    /// Feeds `fold` the whole record: with the owners, it is everything a later reassignment depends on.
    pub fn fold_state(&self, fold: &mut impl FnMut(u64)) {
        for (&pid, &pair) in &self.record {
            fold(pid);
            fold(pair);
        }
        fold(self.sets.len() as u64);
        for set in &self.sets {
            set.fold_state(fold);
            fold(u64::MAX);
        }
    }

    /// The partition Kafka actually moves when asked to move `pid` from `old` to `new`.
    pub fn actual_to_move(&self, m: &Model, pid: u32, old: u32, new: u32) -> u32 {
        let origin = self
            .record
            .get(&u64::from(pid))
            .map_or(old, |&packed| (packed >> 32) as u32);
        self.find(m.topic_of(pid), new, origin)
            .and_then(|i| self.sets[i].first())
            .unwrap_or(pid)
    }
}
