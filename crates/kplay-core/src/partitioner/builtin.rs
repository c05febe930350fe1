//! Kafka ≥ 3.3's built-in partitioner for null keys (KIP-794, `BuiltInPartitioner`).
//!
//! It sticks to one partition until at least `batch.size` bytes were produced to it **and** that partition's
//! queued batches are all full, or unconditionally once `2 × batch.size` bytes were produced; then it picks the
//! next partition at random among the available ones (the same one may come again). With adaptive partitioning
//! and unequal queue lengths, the pick is weighted by `(maxQueue + 1) − queue`.
//!
//! ```
//! use kplay_core::partitioner::BuiltInState;
//! let mut s = BuiltInState::new(16_384);
//! s.update_queue_sizes(&[(0, 5), (1, 0), (2, 3), (3, 0), (4, 1)]);
//! assert_eq!(s.cumulative_weights(), Some(&[1, 7, 10, 16, 21][..]));
//! ```

use super::topic::TopicView;
use crate::rng::Rng;
use alloc::vec::Vec;

/// State of the built-in partitioner for one producer and topic.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BuiltInState {
    batch_size: u32,
    sticky: Option<u32>,
    produced_bytes: u32,
    /// Cumulative frequency table (empty = no adaptive stats, pick uniformly).
    cumulative: Vec<u32>,
    /// Partition of each `cumulative` entry.
    partition_ids: Vec<u32>,
}

impl BuiltInState {
    /// A fresh state for `batch.size` = `batch_size` bytes (at least 1).
    ///
    /// ```
    /// let s = kplay_core::partitioner::BuiltInState::new(100);
    /// assert_eq!(s.sticky_partition(), None);
    /// ```
    pub fn new(batch_size: u32) -> Self {
        BuiltInState {
            batch_size: batch_size.max(1),
            sticky: None,
            produced_bytes: 0,
            cumulative: Vec::new(),
            partition_ids: Vec::new(),
        }
    }

    /// The current sticky partition, if one was chosen.
    ///
    /// ```
    /// assert_eq!(kplay_core::partitioner::BuiltInState::new(1).sticky_partition(), None);
    /// ```
    pub fn sticky_partition(&self) -> Option<u32> {
        self.sticky
    }

    /// Bytes produced to the current sticky partition (`None` before the first pick).
    ///
    /// ```
    /// assert_eq!(kplay_core::partitioner::BuiltInState::new(1).produced_bytes(), None);
    /// ```
    pub fn produced_bytes(&self) -> Option<u32> {
        self.sticky.map(|_| self.produced_bytes)
    }

    /// The adaptive cumulative weight table, when in effect.
    ///
    /// ```
    /// assert_eq!(kplay_core::partitioner::BuiltInState::new(1).cumulative_weights(), None);
    /// ```
    pub fn cumulative_weights(&self) -> Option<&[u32]> {
        (!self.cumulative.is_empty()).then_some(self.cumulative.as_slice())
    }

    /// The sticky partition, choosing one first if there is none (Kafka's `peekCurrentPartitionInfo`).
    pub(crate) fn current(&mut self, topic: &TopicView<'_>, rng: &mut Rng) -> u32 {
        match self.sticky {
            Some(p) if p < topic.partitions() => p,
            // No partition yet, or the topic shrank under us (only possible through a buggy caller).
            _ => self.switch(topic, rng),
        }
    }

    /// Before an append: completes a switch that an earlier append held back because the sticky partition had
    /// an incomplete batch, now that its queue is all full (`all_full(sticky)`; an empty queue counts, e.g. once
    /// the sender drained it) and `batch.size` bytes were produced there. Kafka's
    /// `RecordAccumulator.partitionChanged` calls `BuiltInPartitioner.updatePartitionInfo(info, 0, cluster,
    /// true)` for this before every append of a record without a partition.
    pub(crate) fn complete_held_back_switch(
        &mut self,
        all_full: impl FnOnce(u32) -> bool,
        topic: &TopicView<'_>,
        rng: &mut Rng,
    ) {
        if let Some(p) = self.sticky {
            if self.produced_bytes >= self.batch_size && all_full(p) {
                self.switch(topic, rng);
            }
        }
    }

    pub(crate) fn on_appended(
        &mut self,
        appended_bytes: u32,
        all_batches_full: bool,
        topic: &TopicView<'_>,
        rng: &mut Rng,
    ) {
        debug_assert!(self.sticky.is_some(), "on_appended before a sticky pick");
        self.produced_bytes = self.produced_bytes.saturating_add(appended_bytes);
        let produced = u64::from(self.produced_bytes);
        let batch = u64::from(self.batch_size);
        // Waiting for full batches avoids sending a fractional batch at a switch; 2× is the cap.
        if (produced >= batch && all_batches_full) || produced >= 2 * batch {
            self.switch(topic, rng);
        }
    }

    /// Recomputes the adaptive table from `(partition, queue length)` pairs (Kafka's `updatePartitionLoadStats`).
    ///
    /// ```
    /// let mut s = kplay_core::partitioner::BuiltInState::new(1);
    /// s.update_queue_sizes(&[(0, 2), (1, 2)]);
    /// assert_eq!(s.cumulative_weights(), None); // all equal: uniform
    /// ```
    pub fn update_queue_sizes(&mut self, queues: &[(u32, u32)]) {
        self.cumulative.clear();
        self.partition_ids.clear();
        if queues.len() < 2 {
            return;
        }
        let first = queues[0].1;
        if queues.iter().all(|&(_, q)| q == first) {
            return;
        }
        let max_plus_one = queues
            .iter()
            .map(|&(_, q)| q)
            .max()
            .unwrap_or(0)
            .saturating_add(1);
        let mut running = 0u32;
        for &(partition, queue) in queues {
            running = running.saturating_add(max_plus_one - queue);
            self.cumulative.push(running);
            self.partition_ids.push(partition);
        }
    }

    fn switch(&mut self, topic: &TopicView<'_>, rng: &mut Rng) -> u32 {
        let next = self.next_partition(topic, rng);
        self.sticky = Some(next);
        self.produced_bytes = 0;
        next
    }

    fn next_partition(&self, topic: &TopicView<'_>, rng: &mut Rng) -> u32 {
        if let Some(&total) = self.cumulative.last() {
            let r = rng.below(total);
            // First entry strictly greater than r: entry i covers [cumulative[i-1], cumulative[i]).
            let index = self.cumulative.partition_point(|&c| c <= r);
            if let Some(&p) = self.partition_ids.get(index) {
                if p < topic.partitions() {
                    return p;
                }
            }
        }
        match topic.available_count() {
            0 => rng.below(topic.partitions()),
            n => topic.available_at(rng.below(n)),
        }
    }
}
