//! Kafka < 3.3's sticky partitioning of null keys (KIP-480, `StickyPartitionCache`).
//!
//! The producer keeps one sticky partition per topic. When a record would open a new batch on the sticky
//! partition, the producer calls `onNewBatch` and a new sticky partition is drawn at random from the available
//! ones — never the previous one while another is available; with none available, from all partitions. The
//! record that triggered it then goes to the new partition.
//!
//! ```
//! use kplay_core::partitioner::StickyState;
//! assert_eq!(StickyState::default().sticky_partition(), None);
//! ```

use super::topic::TopicView;
use crate::hash::partition_for_key;
use crate::rng::Rng;

/// State of the pre-3.3 sticky partitioner for one producer and topic.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StickyState {
    sticky: Option<u32>,
}

impl StickyState {
    /// The cached sticky partition, if any.
    ///
    /// ```
    /// assert!(kplay_core::partitioner::StickyState::default().sticky_partition().is_none());
    /// ```
    pub fn sticky_partition(&self) -> Option<u32> {
        self.sticky
    }

    /// `DefaultPartitioner.partition` (explicit partitions never reach a Kafka partitioner; handled here too).
    pub(crate) fn choose(
        &mut self,
        explicit: Option<u32>,
        key: Option<&[u8]>,
        topic: &TopicView<'_>,
        rng: &mut Rng,
    ) -> u32 {
        match (explicit, key) {
            (Some(p), _) => p,
            (None, Some(key)) => partition_for_key(key, topic.partitions()),
            (None, None) => match self.sticky {
                Some(p) if p < topic.partitions() => p,
                _ => self.next(None, topic, rng),
            },
        }
    }

    /// `onNewBatch(prev)`: only moves on when `prev` is the current sticky partition (Kafka compares them, so a
    /// keyed record opening a batch on the sticky partition moves it too).
    pub(crate) fn on_new_batch(&mut self, prev: u32, topic: &TopicView<'_>, rng: &mut Rng) {
        if self.sticky.is_none() || self.sticky == Some(prev) {
            self.next(self.sticky, topic, rng);
        }
    }

    fn next(&mut self, old: Option<u32>, topic: &TopicView<'_>, rng: &mut Rng) -> u32 {
        let new = match topic.available_count() {
            0 => rng.below(topic.partitions()),
            1 => topic.available_at(0),
            n => loop {
                // Redraw until different from the old partition, as Kafka does; with ≥ 2 distinct available
                // partitions each draw differs with probability ≥ 1/2.
                let candidate = topic.available_at(rng.below(n));
                if Some(candidate) != old {
                    break candidate;
                }
            },
        };
        self.sticky = Some(new);
        new
    }
}
