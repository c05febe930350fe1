//! Kafka's `PartitionMovements`: the record of which partitions moved between which members during one
//! general-path balance, used to move a partition *back* instead of moving a second one forward.
//!
//! When Kafka wants to move a partition of topic `t` from `a` to `b` and some partition of `t` already moved from
//! `b` to `a`, it moves that one back instead; which one is the first element of a Java `HashSet`, so the set's
//! table order is modelled.

use alloc::collections::BTreeMap;

use super::java::JavaHashSet;
use super::model::Model;

/// Movements so far: partition → (first source, current destination), and per (topic, source, destination) the
/// set of partitions that made that move.
#[derive(Default)]
pub struct Movements {
    /// pid → `source << 32 | destination` (a `u64 → u64` map, the type the other sticky maps share).
    record: BTreeMap<u64, u64>,
    sets: BTreeMap<(u32, u32, u32), JavaHashSet>,
}

impl Movements {
    fn add(&mut self, m: &Model, pid: u32, src: u32, dst: u32) {
        self.record
            .insert(u64::from(pid), u64::from(src) << 32 | u64::from(dst));
        self.sets
            .entry((m.topic_of(pid), src, dst))
            .or_default()
            .insert(pid, m.pid_hash(pid));
    }

    fn remove(&mut self, m: &Model, pid: u32) -> Option<(u32, u32)> {
        let packed = self.record.remove(&u64::from(pid))?;
        let (src, dst) = ((packed >> 32) as u32, packed as u32);
        let key = (m.topic_of(pid), src, dst);
        if let Some(set) = self.sets.get_mut(&key) {
            set.remove(pid);
            // Kafka drops the emptied set, so a later one starts again from a fresh table.
            if set.is_empty() {
                self.sets.remove(&key);
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

    /// The partition Kafka actually moves when asked to move `pid` from `old` to `new`.
    pub fn actual_to_move(&self, m: &Model, pid: u32, old: u32, new: u32) -> u32 {
        let origin = self
            .record
            .get(&u64::from(pid))
            .map_or(old, |&packed| (packed >> 32) as u32);
        self.sets
            .get(&(m.topic_of(pid), new, origin))
            .and_then(JavaHashSet::first)
            .unwrap_or(pid)
    }
}
