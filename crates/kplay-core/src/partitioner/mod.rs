//! Producer partitioners: which partition a record goes to, as Kafka's producer decides it.
//!
//! One [`Partitioner`] holds the state Kafka keeps **per producer and per topic** (sticky partition, bytes
//! produced to it, round-robin counter, adaptive load statistics). The simulation engine keeps one per
//! (producer, topic) pair and drives it with two calls per record, mirroring `KafkaProducer.doSend` and
//! `RecordAccumulator.append`:
//!
//! 1. [`Partitioner::partition`] picks the partition. The engine passes a [`TopicView`] (partition count and
//!    which partitions currently have a leader) and a [`BatchState`] answering "would this record have to open
//!    a new batch on partition `p`?" (and, for the built-in partitioner, "are `p`'s batches all full?", so that a
//!    switch held back by an incomplete batch completes before the append, as in
//!    `RecordAccumulator.partitionChanged`). Pluggable partitioners (the pre-3.3 sticky one, `RoundRobinPartitioner`)
//!    are told about new batches through Kafka's abort-and-retry path, which this call reproduces internally.
//! 2. After appending the record to its batch, the engine calls [`Partitioner::on_appended`] with the returned
//!    [`Placement`], the bytes the batch grew by, and whether the partition's queued batches are all full
//!    afterwards. Only the built-in partitioner uses it (to decide when to leave the sticky partition).
//!
//! Separately, whenever the engine's sender computes per-partition queue lengths (Kafka does this in
//! `RecordAccumulator.ready`), it calls [`Partitioner::update_queue_sizes`] for adaptive partitioning.
//!
//! Explicit partitions win over everything; keyed records (unless `partitioner.ignore.keys`) go to
//! `murmur2(key) % partitions` over all partitions; null keys follow the configured [`PartitionerKind`].
//!
//! ```
//! use kplay_core::partitioner::{Partitioner, PartitionerConfig, ProducerRecord, TopicView};
//! use kplay_core::rng::Rng;
//!
//! let mut rng = Rng::new(7);
//! let mut partitioner = Partitioner::new(PartitionerConfig::default()); // Kafka ≥ 3.3 built-in
//! let topic = TopicView::all_available(6);
//! // The engine's accumulator: here every partition has an open batch with room.
//! let needs_new_batch = |_partition: u32| false;
//!
//! // A keyed record: murmur2, whatever the batches look like.
//! let keyed = partitioner.partition(&ProducerRecord::keyed(b"foobar"), &topic, &needs_new_batch, &mut rng).unwrap();
//! assert_eq!(keyed.partition, kplay_core::hash::partition_for_key(b"foobar", 6));
//!
//! // Null keys stick to one partition until batch.size (16384) bytes were appended to it.
//! let first = partitioner.partition(&ProducerRecord::unkeyed(), &topic, &needs_new_batch, &mut rng).unwrap();
//! partitioner.on_appended(first, 100, false, &topic, &mut rng);
//! let second = partitioner.partition(&ProducerRecord::unkeyed(), &topic, &needs_new_batch, &mut rng).unwrap();
//! assert_eq!(first.partition, second.partition);
//! ```
//!
//! # Driving it from an engine
//!
//! A minimal record accumulator: one open batch per partition holding up to `batch.size` bytes. Every record is
//! placed, appended, and reported back; the sender would call `update_queue_sizes` from its own loop.
//!
//! ```
//! use kplay_core::partitioner::{
//!     Partitioner, PartitionerConfig, PartitionerKind, ProducerRecord, TopicView,
//! };
//! use kplay_core::rng::Rng;
//!
//! const BATCH: u32 = 100;
//! struct Accumulator {
//!     open_batch_bytes: Vec<Option<u32>>, // None = no open batch on that partition
//! }
//! impl Accumulator {
//!     fn needs_new_batch(&self, partition: u32, size: u32) -> bool {
//!         match self.open_batch_bytes[partition as usize] {
//!             None => true,
//!             Some(used) => used + size > BATCH,
//!         }
//!     }
//!     /// Appends and returns (bytes the batch grew by, whether the partition's batches are all full now).
//!     fn append(&mut self, partition: u32, size: u32) -> (u32, bool) {
//!         let slot = &mut self.open_batch_bytes[partition as usize];
//!         let used = match *slot {
//!             Some(used) if used + size <= BATCH => used + size,
//!             _ => size, // a new batch
//!         };
//!         *slot = Some(used);
//!         (size, used + size > BATCH) // full: the next record of this size would not fit
//!     }
//! }
//!
//! for kind in [
//!     PartitionerKind::BuiltIn,
//!     PartitionerKind::LegacySticky,
//!     PartitionerKind::RoundRobin { burn_on_new_batch: true },
//! ] {
//!     let mut rng = Rng::new(42);
//!     let topic = TopicView::all_available(4);
//!     let mut acc = Accumulator { open_batch_bytes: vec![None; 4] };
//!     let mut partitioner = Partitioner::new(PartitionerConfig { kind, batch_size: BATCH, ..Default::default() });
//!     let record_size = 30;
//!     for _ in 0..50 {
//!         let record = ProducerRecord::unkeyed();
//!         let needs_new_batch = |p: u32| acc.needs_new_batch(p, record_size);
//!         let placement = partitioner.partition(&record, &topic, &needs_new_batch, &mut rng).unwrap();
//!         let (grew_by, all_full) = acc.append(placement.partition, record_size);
//!         partitioner.on_appended(placement, grew_by, all_full, &topic, &mut rng);
//!         assert!(placement.partition < 4);
//!     }
//! }
//! ```

mod builtin;
mod round_robin;
mod sticky;
mod topic;
mod types;

pub use builtin::BuiltInState;
pub use round_robin::RoundRobinState;
pub use sticky::StickyState;
pub use topic::{BatchState, TopicView};
pub use types::{
    PartitionError, PartitionerConfig, PartitionerKind, Placement, ProducerRecord,
    DEFAULT_BATCH_SIZE,
};

use crate::hash::partition_for_key;
use crate::rng::Rng;

/// The per-kind state.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
enum State {
    BuiltIn(BuiltInState),
    LegacySticky(StickyState),
    RoundRobin(RoundRobinState),
}

/// One producer's partitioning state for one topic. See the [module docs](self) for how an engine drives it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Partitioner {
    config: PartitionerConfig,
    state: State,
}

impl Partitioner {
    /// A fresh partitioner (no sticky partition chosen yet, round-robin counter at 0).
    ///
    /// ```
    /// use kplay_core::partitioner::{Partitioner, PartitionerConfig, PartitionerKind};
    /// let p = Partitioner::new(PartitionerConfig { kind: PartitionerKind::LegacySticky, ..Default::default() });
    /// assert_eq!(p.config().kind, PartitionerKind::LegacySticky);
    /// ```
    pub fn new(config: PartitionerConfig) -> Self {
        let state = match config.kind {
            PartitionerKind::BuiltIn => State::BuiltIn(BuiltInState::new(config.batch_size.max(1))),
            PartitionerKind::LegacySticky => State::LegacySticky(StickyState::default()),
            PartitionerKind::RoundRobin { burn_on_new_batch } => {
                State::RoundRobin(RoundRobinState::new(burn_on_new_batch))
            }
        };
        Partitioner { config, state }
    }

    /// The settings this partitioner was built with.
    ///
    /// ```
    /// let p = kplay_core::partitioner::Partitioner::new(Default::default());
    /// assert_eq!(p.config().batch_size, 16384);
    /// ```
    pub fn config(&self) -> &PartitionerConfig {
        &self.config
    }

    /// Picks the partition for `record`, including Kafka's abort-on-new-batch retry for pluggable partitioners:
    /// if the first choice would open a new batch (`batches.needs_new_batch(p)`), the partitioner hears
    /// `onNewBatch(p)` and is asked again, and the record goes to the second answer.
    ///
    /// ```
    /// use kplay_core::partitioner::{Partitioner, PartitionerConfig, PartitionerKind, ProducerRecord, TopicView};
    /// use kplay_core::rng::Rng;
    ///
    /// let config = PartitionerConfig { kind: PartitionerKind::RoundRobin { burn_on_new_batch: false }, ..Default::default() };
    /// let mut p = Partitioner::new(config);
    /// let topic = TopicView::all_available(3);
    /// let mut rng = Rng::new(1);
    /// let every_record_opens_a_batch = |_p: u32| true;
    /// let got: Vec<u32> = (0..4)
    ///     .map(|_| p.partition(&ProducerRecord::unkeyed(), &topic, &every_record_opens_a_batch, &mut rng).unwrap().partition)
    ///     .collect();
    /// assert_eq!(got, [0, 1, 2, 0]);
    /// ```
    pub fn partition(
        &mut self,
        record: &ProducerRecord<'_>,
        topic: &TopicView<'_>,
        batches: &impl BatchState,
        rng: &mut Rng,
    ) -> Result<Placement, PartitionError> {
        if topic.partitions() == 0 {
            return Err(PartitionError::NoPartitions);
        }
        if let Some(partition) = record.partition {
            if partition >= topic.partitions() {
                return Err(PartitionError::InvalidPartition {
                    partition,
                    partitions: topic.partitions(),
                });
            }
        }
        let key = if self.config.ignore_keys {
            None
        } else {
            record.key
        };
        let placement = match &mut self.state {
            State::BuiltIn(state) => match (record.partition, key) {
                (Some(partition), _) => Placement {
                    partition,
                    sticky: false,
                },
                (None, Some(key)) => Placement {
                    partition: partition_for_key(key, topic.partitions()),
                    sticky: false,
                },
                (None, None) => {
                    state.complete_held_back_switch(|p| batches.all_batches_full(p), topic, rng);
                    Placement {
                        partition: state.current(topic, rng),
                        sticky: true,
                    }
                }
            },
            State::LegacySticky(state) => {
                let first = state.choose(record.partition, key, topic, rng);
                let partition = if batches.needs_new_batch(first) {
                    // KafkaProducer aborts, calls onNewBatch(first), then asks the partitioner again.
                    state.on_new_batch(first, topic, rng);
                    state.choose(record.partition, key, topic, rng)
                } else {
                    first
                };
                Placement {
                    partition,
                    sticky: false,
                }
            }
            State::RoundRobin(state) => {
                let partition = match record.partition {
                    Some(partition) => partition,
                    None => state.choose(topic, |p| batches.needs_new_batch(p)),
                };
                Placement {
                    partition,
                    sticky: false,
                }
            }
        };
        debug_assert!(placement.partition < topic.partitions());
        Ok(placement)
    }

    /// Tells the partitioner that the record placed by `placement` was appended: its batch grew by
    /// `appended_bytes`, and afterwards all queued batches of that partition are full (`all_batches_full`,
    /// Kafka's `allBatchesFull`: the last batch is full or there is none). The built-in partitioner then leaves
    /// its sticky partition once it produced at least `batch.size` bytes there with all batches full, or
    /// `2 × batch.size` bytes regardless. Other kinds ignore this call.
    ///
    /// ```
    /// use kplay_core::partitioner::{Partitioner, ProducerRecord, TopicView};
    /// use kplay_core::rng::Rng;
    ///
    /// let mut p = Partitioner::new(Default::default());
    /// let topic = TopicView::all_available(1);
    /// let mut rng = Rng::new(1);
    /// let placed = p.partition(&ProducerRecord::unkeyed(), &topic, &|_| false, &mut rng).unwrap();
    /// p.on_appended(placed, 16_384, true, &topic, &mut rng);
    /// assert_eq!(p.sticky_bytes(), Some(0)); // switched (to the only partition), counter restarted
    /// ```
    pub fn on_appended(
        &mut self,
        placement: Placement,
        appended_bytes: u32,
        all_batches_full: bool,
        topic: &TopicView<'_>,
        rng: &mut Rng,
    ) {
        if let (State::BuiltIn(state), true) = (&mut self.state, placement.sticky) {
            state.on_appended(appended_bytes, all_batches_full, topic, rng);
        }
    }

    /// Feeds the queue length (batches waiting) of each partition that has a leader, as
    /// `(partition, queued_batches)` pairs, for adaptive partitioning. With adaptive partitioning off, fewer than
    /// two partitions or all queues equal, the built-in partitioner picks uniformly. Other kinds ignore it.
    ///
    /// ```
    /// use kplay_core::partitioner::Partitioner;
    /// let mut p = Partitioner::new(Default::default());
    /// p.update_queue_sizes(&[(0, 5), (1, 0), (2, 3), (3, 0), (4, 1)]);
    /// assert_eq!(p.adaptive_cumulative_weights(), Some(&[1, 7, 10, 16, 21][..]));
    /// ```
    pub fn update_queue_sizes(&mut self, queues: &[(u32, u32)]) {
        if let State::BuiltIn(state) = &mut self.state {
            if self.config.adaptive {
                state.update_queue_sizes(queues);
            } else {
                state.update_queue_sizes(&[]);
            }
        }
    }

    /// The built-in partitioner's cumulative weight table, when adaptive partitioning is in effect.
    ///
    /// ```
    /// let p = kplay_core::partitioner::Partitioner::new(Default::default());
    /// assert_eq!(p.adaptive_cumulative_weights(), None);
    /// ```
    pub fn adaptive_cumulative_weights(&self) -> Option<&[u32]> {
        match &self.state {
            State::BuiltIn(state) => state.cumulative_weights(),
            _ => None,
        }
    }

    /// The current sticky partition for null keys (built-in and legacy sticky), if one was chosen.
    ///
    /// ```
    /// let p = kplay_core::partitioner::Partitioner::new(Default::default());
    /// assert_eq!(p.sticky_partition(), None);
    /// ```
    pub fn sticky_partition(&self) -> Option<u32> {
        match &self.state {
            State::BuiltIn(state) => state.sticky_partition(),
            State::LegacySticky(state) => state.sticky_partition(),
            State::RoundRobin(_) => None,
        }
    }

    /// Bytes produced to the built-in partitioner's current sticky partition (`None` for other kinds or before
    /// the first null-key record).
    ///
    /// ```
    /// let p = kplay_core::partitioner::Partitioner::new(Default::default());
    /// assert_eq!(p.sticky_bytes(), None);
    /// ```
    pub fn sticky_bytes(&self) -> Option<u32> {
        match &self.state {
            State::BuiltIn(state) => state.produced_bytes(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
