//! A consumer group at run time: the coordinator, its instances and the group's processing statistics.

pub(crate) mod assignment_table;
pub(crate) mod coordinator;
mod expiry;
pub(crate) mod member;

use crate::consumer::Instance;
use crate::offsets::OffsetMap;
use crate::rng::Rng;
use crate::scenario::GroupSpec;
use alloc::string::String;
use alloc::vec::Vec;
use coordinator::Coordinator;
use member::Tp;

#[derive(Clone, Debug)]
pub(crate) struct GroupRt {
    pub spec: GroupSpec,
    pub coord: Coordinator,
    pub instances: Vec<Instance>,
    pub rng: Rng,
    pub stats: Stats,
    /// The listener set last warned about.
    pub warned_listeners: Vec<String>,
    pub last_generation: i32,
}

/// What the group processed: duplicates and, per listener, first-time records.
#[derive(Clone, Debug, Default)]
pub(crate) struct Stats {
    /// Next offset after the highest offset this group ever processed, per partition: anything below is a
    /// duplicate.
    pub processed_hw: OffsetMap,
    pub processed: u64,
    pub duplicates: u64,
    /// `(listener, first-time records)` in order of first appearance; instances cache their slot.
    pub first_by_listener: Vec<(String, u64)>,
    pub first_total: u64,
    /// Records handed to a worker thread that a crash or stop dropped after their offsets were committed: the
    /// group never processes them.
    pub handoff_lost: u64,
}

impl Stats {
    /// Records a processed record; returns whether it is a duplicate for the group.
    /// The slot of `listener` in `first_by_listener` (added when new).
    pub fn listener_slot(&mut self, listener: &str) -> usize {
        match self
            .first_by_listener
            .iter()
            .position(|(l, _)| l == listener)
        {
            Some(i) => i,
            None => {
                self.first_by_listener.push((listener.into(), 0));
                self.first_by_listener.len() - 1
            }
        }
    }

    pub fn record(&mut self, tp: Tp, offset: u64, listener_slot: usize) -> bool {
        let hw = self.processed_hw.entry_mut(tp, 0);
        let duplicate = offset < *hw;
        self.processed += 1;
        if duplicate {
            self.duplicates += 1;
        } else {
            *hw = offset + 1;
            self.first_total += 1;
            if let Some((_, n)) = self.first_by_listener.get_mut(listener_slot) {
                *n += 1;
            }
        }
        duplicate
    }

    /// Records the group processed that `listener` never processed itself.
    pub fn missed_by(&self, listener: &str) -> u64 {
        let own = self
            .first_by_listener
            .iter()
            .find(|(l, _)| l == listener)
            .map_or(0, |(_, n)| *n);
        self.first_total - own
    }
}

impl GroupRt {
    pub fn new(spec: &GroupSpec, rng: Rng) -> Self {
        GroupRt {
            spec: spec.clone(),
            coord: Coordinator::new(),
            instances: Vec::new(),
            rng,
            stats: Stats::default(),
            warned_listeners: Vec::new(),
            last_generation: 0,
        }
    }

    /// Distinct listeners of the instances, sorted.
    pub fn listeners(&self) -> Vec<String> {
        let mut ls: Vec<String> = self
            .instances
            .iter()
            .map(|i| i.spec.listener.clone())
            .collect();
        crate::sort::sort_by(&mut ls, &mut |a, b| a.cmp(b));
        ls.dedup();
        ls
    }
}
