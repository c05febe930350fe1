//! The inputs of replica placement: the brokers, and where Kafka's round-robin starts.

use crate::rng::Rng;
use alloc::string::String;

/// A broker as placement sees it: its id and, if `broker.rack` is set, its rack.
///
/// ```
/// use kplay_core::cluster::Broker;
///
/// assert_eq!(Broker::with_rack(2, "eu-1a").rack.as_deref(), Some("eu-1a"));
/// assert_eq!(Broker::new(2).rack, None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broker {
    /// The broker id (`node.id` / `broker.id`).
    pub id: i32,
    /// `broker.rack`, if set.
    pub rack: Option<String>,
}

impl Broker {
    /// A broker without a rack.
    ///
    /// ```
    /// assert_eq!(kplay_core::cluster::Broker::new(7).id, 7);
    /// ```
    pub fn new(id: i32) -> Self {
        Broker { id, rack: None }
    }

    /// A broker in `rack`.
    ///
    /// ```
    /// let b = kplay_core::cluster::Broker::with_rack(7, "r1");
    /// assert_eq!((b.id, b.rack.as_deref()), (7, Some("r1")));
    /// ```
    pub fn with_rack(id: i32, rack: &str) -> Self {
        Broker {
            id,
            rack: Some(String::from(rack)),
        }
    }
}

/// Where the round-robin starts: Kafka's `startIndex`, `nextReplicaShift` and `startPartitionId`.
///
/// ```
/// use kplay_core::cluster::Start;
///
/// assert_eq!(Start::fixed(2), Start { index: 2, shift: 2, first_partition: 0 });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Start {
    /// Position in the broker list (the rack-interleaved list when rack-aware) of partition 0's leader.
    pub index: u32,
    /// The initial replica shift (`nextReplicaShift`): how far after the leader the second replica sits.
    pub shift: u32,
    /// The id of the first partition placed (non-zero when partitions are added to an existing topic).
    pub first_partition: u32,
}

impl Start {
    /// What Kafka does with a fixed start index ≥ 0: the same value for the index and the shift, from
    /// partition 0.
    ///
    /// ```
    /// let s = kplay_core::cluster::Start::fixed(3);
    /// assert_eq!((s.index, s.shift), (3, 3));
    /// ```
    pub fn fixed(index: u32) -> Self {
        Start {
            index,
            shift: index,
            first_partition: 0,
        }
    }

    /// What Kafka does without one (`RAND.nextInt(n)` twice: index, then shift), drawn from kplay's seeded
    /// generator instead, for `brokers` brokers (0 is treated as 1).
    ///
    /// ```
    /// use kplay_core::{cluster::Start, rng::Rng};
    ///
    /// let s = Start::random(&mut Rng::new(42), 5);
    /// assert!(s.index < 5 && s.shift < 5 && s.first_partition == 0);
    /// assert_eq!(s, Start::random(&mut Rng::new(42), 5));
    /// ```
    pub fn random(rng: &mut Rng, brokers: usize) -> Self {
        let n = u32::try_from(brokers).unwrap_or(u32::MAX).max(1);
        let index = rng.below(n);
        let shift = rng.below(n);
        Start {
            index,
            shift,
            first_partition: 0,
        }
    }
}
