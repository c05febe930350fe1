//! What a group processed: duplicates, which offsets each listener class processed, and what the group's
//! position jumped over without processing.

use super::seen;
use crate::offsets::{OffsetMap, Tp};
use alloc::vec::Vec;

/// What the group processed: duplicates and, per listener class, which offsets it processed.
#[derive(Clone, Debug, Default)]
pub(crate) struct Stats {
    /// Next offset after the highest offset this group ever processed, per partition: anything below is a
    /// duplicate.
    pub processed_hw: OffsetMap,
    pub processed: u64,
    pub duplicates: u64,
    /// Per listener class, in order of first appearance (instances cache their slot).
    pub seen: Vec<seen::Seen>,
    /// Per partition (sorted), what the group's position jumped over without processing.
    pub skipped: Vec<(Tp, seen::Skipped)>,
    /// Records handed to a worker thread that a crash or stop dropped after their offsets were committed: the
    /// group never processes them.
    pub handoff_lost: u64,
}

impl Stats {
    /// The slot of `listener` in `seen` (added when new).
    pub fn listener_slot(&mut self, listener: &str) -> usize {
        match self.seen.iter().position(|s| s.listener == listener) {
            Some(i) => i,
            None => {
                self.seen.push(seen::Seen {
                    listener: listener.into(),
                    ..seen::Seen::default()
                });
                self.seen.len() - 1
            }
        }
    }

    /// The log of `tp` was cut at `cut` (feature `brokers`, an unclean election): the records the group
    /// processed there are gone, and the next ones at those offsets are other records, not duplicates.
    #[cfg(feature = "brokers")]
    pub fn forget_from(&mut self, tp: Tp, cut: u64) {
        let hw = self.processed_hw.entry_mut(tp, 0);
        *hw = (*hw).min(cut);
        for s in &mut self.seen {
            s.ranges(tp).cut_at(cut);
        }
    }

    /// Records a processed record; returns whether it is a duplicate for the group.
    pub fn record(&mut self, tp: Tp, offset: u64, listener_slot: usize) -> bool {
        let hw = self.processed_hw.entry_mut(tp, 0);
        let duplicate = offset < *hw;
        self.processed += 1;
        if duplicate {
            self.duplicates += 1;
        } else {
            *hw = offset + 1;
        }
        if let Some(s) = self.seen.get_mut(listener_slot) {
            s.ranges(tp).insert(offset);
        }
        duplicate
    }

    /// Records that the group's position on `tp` jumps over, `[from, to)`, because retention deleted them
    /// (`deleted`) or `auto.offset.reset=latest` skipped them. Returns the sub-ranges newly recorded: those the
    /// group never processed and never reported before.
    pub fn skip(&mut self, tp: Tp, from: u64, to: u64, deleted: bool) -> Vec<(u64, u64)> {
        if from >= to {
            return Vec::new();
        }
        let i = match self.skipped.binary_search_by_key(&tp, |(k, _)| *k) {
            Ok(i) => i,
            Err(i) => {
                self.skipped.insert(i, (tp, seen::Skipped::default()));
                i
            }
        };
        let done = &self.skipped[i].1;
        let processed = self.seen.iter().filter_map(|s| s.get(tp));
        let gaps = seen::Ranges::gaps(from, to, processed.chain([&done.deleted, &done.reset]));
        let s = &mut self.skipped[i].1;
        for &(a, b) in &gaps {
            if deleted {
                s.deleted.insert_range(a, b);
            } else {
                s.reset.insert_range(a, b);
            }
        }
        gaps
    }

    /// What the group skipped on `tp`, if anything.
    pub fn skipped_of(&self, tp: Tp) -> Option<&seen::Skipped> {
        self.skipped
            .binary_search_by_key(&tp, |(k, _)| *k)
            .ok()
            .map(|i| &self.skipped[i].1)
    }

    /// Whether some listener of the group processed `offset` of `tp`.
    pub fn was_processed(&self, tp: Tp, offset: u64) -> bool {
        self.seen
            .iter()
            .any(|s| s.get(tp).is_some_and(|r| r.contains(offset)))
    }

    /// Records of `topics` (topic indices) that `listener` missed because of the shared group id: produced
    /// while it and the listener class that processed them were both in the group, never processed by it.
    pub fn missed_by(&self, listener: &str, topics: &[u32]) -> u64 {
        match self.seen.iter().position(|s| s.listener == listener) {
            Some(me) => seen::missed(&self.seen, me, topics),
            None => 0,
        }
    }
}
