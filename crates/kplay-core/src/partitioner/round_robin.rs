//! Kafka's `RoundRobinPartitioner`: a per-topic counter, starting at 0, over the available partitions.
//!
//! KAFKA-9965: when a record opens a new batch, `KafkaProducer` aborts the append, calls `onNewBatch` and asks
//! the partitioner again, so the counter advances twice for that record. When every record opens a batch,
//! only every other partition gets data. Kafka 4.0 (KAFKA-17632) makes the retry return the same partition;
//! that fixed behaviour is the default here, the old one is opt-in.
//!
//! ```
//! use kplay_core::partitioner::RoundRobinState;
//! assert_eq!(RoundRobinState::new(true).counter(), 0);
//! ```

use super::topic::TopicView;
use crate::hash::to_positive;

/// State of `RoundRobinPartitioner` for one producer and topic.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RoundRobinState {
    /// Java `AtomicInteger`: wraps from `i32::MAX` to `i32::MIN`.
    counter: i32,
    burn_on_new_batch: bool,
}

impl RoundRobinState {
    /// A counter at 0; `burn_on_new_batch` reproduces KAFKA-9965.
    ///
    /// ```
    /// let s = kplay_core::partitioner::RoundRobinState::new(false);
    /// assert_eq!(s.counter(), 0);
    /// ```
    pub fn new(burn_on_new_batch: bool) -> Self {
        RoundRobinState {
            counter: 0,
            burn_on_new_batch,
        }
    }

    /// The next counter value to be used.
    ///
    /// ```
    /// assert_eq!(kplay_core::partitioner::RoundRobinState::new(false).counter(), 0);
    /// ```
    pub fn counter(&self) -> i32 {
        self.counter
    }

    pub(crate) fn choose(
        &mut self,
        topic: &TopicView<'_>,
        needs_new_batch: impl Fn(u32) -> bool,
    ) -> u32 {
        let first = self.next(topic);
        if self.burn_on_new_batch && needs_new_batch(first) {
            // The retried append never aborts again, so at most one value is burnt per record.
            self.next(topic)
        } else {
            first
        }
    }

    fn next(&mut self, topic: &TopicView<'_>) -> u32 {
        let value = to_positive(self.counter);
        self.counter = self.counter.wrapping_add(1);
        match topic.available_count() {
            0 => value % topic.partitions(),
            n => topic.available_at(value % n),
        }
    }
}
