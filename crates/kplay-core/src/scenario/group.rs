//! A consumer group of the scenario and its instances.

use super::defaults as d;
use super::{CommitSpec, Processing, Strategy};
use alloc::string::String;
use alloc::vec::Vec;

/// A consumer group: subscription, strategy, offsets policy, commit mode, timeouts and instances.
///
/// ```
/// let g = kplay_core::scenario::GroupSpec::new("billing", ["orders"]);
/// assert_eq!(g.session_timeout_ms, kplay_core::scenario::SESSION_TIMEOUT_MS);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GroupSpec {
    /// `group.id` (unique).
    pub id: String,
    /// Subscribed topics.
    pub topics: Vec<String>,
    /// `partition.assignment.strategy`.
    pub strategy: Strategy,
    /// `auto.offset.reset`.
    pub auto_offset_reset: OffsetReset,
    /// How offsets are committed.
    pub commit: CommitSpec,
    /// `session.timeout.ms` (6000..=1800000).
    pub session_timeout_ms: u32,
    /// `heartbeat.interval.ms` (1..session timeout).
    pub heartbeat_interval_ms: u32,
    /// `max.poll.interval.ms`, also the rebalance timeout.
    pub max_poll_interval_ms: u32,
    /// `max.poll.records` (1..=100000).
    pub max_poll_records: u32,
    /// `group.initial.rebalance.delay.ms`.
    pub initial_rebalance_delay_ms: u32,
    /// `metadata.max.age.ms`: the leader notices new partitions only after a refresh.
    pub metadata_max_age_ms: u32,
    /// `offsets.retention.minutes` in ms: once the group has been Empty this long, the coordinator's next
    /// periodic check ([`crate::scenario::OFFSETS_RETENTION_CHECK_INTERVAL_MS`]) deletes its committed offsets
    /// (and the group itself).
    pub offsets_retention_ms: u64,
    /// Instances (processes) in this group.
    pub instances: Vec<InstanceSpec>,
    /// Offsets the group has committed at time 0 (an imported cluster's CURRENT-OFFSET; feature `import`). Omitted from JSON
    /// when empty.
    #[cfg(feature = "import")]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub committed: Vec<super::CommittedOffset>,
}

impl GroupSpec {
    /// A group with Kafka's defaults (playground timeouts) and no instances.
    ///
    /// ```
    /// let g = kplay_core::scenario::GroupSpec::new("g", ["a", "b"]);
    /// assert_eq!(g.topics.len(), 2);
    /// ```
    pub fn new<'a>(id: &str, topics: impl IntoIterator<Item = &'a str>) -> Self {
        GroupSpec {
            id: id.into(),
            topics: topics.into_iter().map(String::from).collect(),
            strategy: Strategy::Range,
            auto_offset_reset: OffsetReset::Latest,
            commit: CommitSpec::default(),
            session_timeout_ms: d::SESSION_TIMEOUT_MS,
            heartbeat_interval_ms: d::HEARTBEAT_INTERVAL_MS,
            max_poll_interval_ms: d::MAX_POLL_INTERVAL_MS,
            max_poll_records: d::MAX_POLL_RECORDS,
            initial_rebalance_delay_ms: d::INITIAL_REBALANCE_DELAY_MS,
            metadata_max_age_ms: d::METADATA_MAX_AGE_MS,
            offsets_retention_ms: d::OFFSETS_RETENTION_MS,
            instances: Vec::new(),
            #[cfg(feature = "import")]
            committed: Vec::new(),
        }
    }
}

/// `auto.offset.reset`.
///
/// ```
/// assert_eq!(kplay_core::scenario::OffsetReset::default(), kplay_core::scenario::OffsetReset::Latest);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum OffsetReset {
    /// Start at log-start.
    Earliest,
    /// Start at log-end (Kafka's default).
    #[default]
    Latest,
    /// No reset: the consumer reports an error and stays idle.
    None,
}

// The JSON words (with the aliases the derive accepted) in serde's order; one shared reader.
crate::scenario::word_enum::deserialize_words!(
    OffsetReset,
    [Earliest, Latest, None],
    [
        "earliest" => 0,
        "latest" => 1,
        "none" => 2,
    ]
);

/// One instance (process) of a group: a listener class run by `threads` consumer threads.
///
/// ```
/// let i = kplay_core::scenario::InstanceSpec::new("app-1", "OrderListener", 2);
/// assert!(i.static_id.is_none());
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct InstanceSpec {
    /// Instance id (unique across the scenario).
    pub id: String,
    /// The consumer class it runs (Spring `@KafkaListener`); two listeners in one group is an anti-pattern.
    pub listener: String,
    /// Consumer threads, 1..=64 (`concurrency`); each is one group member.
    pub threads: u32,
    /// Processing time per record.
    pub processing_ms: Processing,
    /// `group.instance.id` prefix for static membership (thread `n` uses `<static_id>-<n>`).
    pub static_id: Option<String>,
    /// Processing handed to another thread: each consumer thread's listener puts records on a queue of this
    /// many records (1..=100000) and returns at once; one worker thread processes the queue. `None` (default):
    /// the listener processes on the consumer thread. A full queue blocks the hand-off (and so the poll loop).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub handoff_queue: Option<u32>,
    /// This instance's own subscription (its listener's `topics`); `None` subscribes to the group's
    /// `topics`. Each member's JoinGroup carries its own list and the leader assigns over the union
    /// (Kafka's ConsumerCoordinator.metadata / ConsumerPartitionAssignor.Subscription).
    ///
    /// ```
    /// let mut i = kplay_core::scenario::InstanceSpec::new("i", "L", 1);
    /// i.topics = Some(vec!["payments".into()]);
    /// assert_eq!(i.topics.as_deref().map(|t| t.len()), Some(1));
    /// ```
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub topics: Option<Vec<String>>,
}

impl InstanceSpec {
    /// An instance with zero processing time.
    ///
    /// ```
    /// assert_eq!(kplay_core::scenario::InstanceSpec::new("i", "L", 3).threads, 3);
    /// ```
    pub fn new(id: &str, listener: &str, threads: u32) -> Self {
        InstanceSpec {
            id: id.into(),
            listener: listener.into(),
            threads,
            processing_ms: Processing::default(),
            static_id: None,
            handoff_queue: None,
            topics: None,
        }
    }
}
