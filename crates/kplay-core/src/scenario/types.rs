//! The scenario's building blocks.

use super::defaults as d;
use super::{CommitSpec, Processing, Strategy};
use alloc::string::String;
use alloc::vec::Vec;

/// A topic: name, partition count, retention and cleanup policy.
///
/// ```
/// let t = kplay_core::scenario::TopicSpec::new("orders", 3);
/// assert_eq!(t.retention_bytes, -1);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TopicSpec {
    /// Topic name (1..=249 characters of `[a-zA-Z0-9._-]`, as Kafka allows).
    pub name: String,
    /// Partition count, 1..=1024 in the playground.
    pub partitions: u32,
    /// `retention.ms`; -1 keeps forever.
    #[cfg_attr(feature = "serde", serde(default = "d::retention_ms"))]
    pub retention_ms: i64,
    /// `retention.bytes` per partition; -1 is unlimited.
    #[cfg_attr(feature = "serde", serde(default = "d::retention_bytes"))]
    pub retention_bytes: i64,
    /// `segment.ms`: roll the active segment after this long.
    #[cfg_attr(feature = "serde", serde(default = "d::segment_ms"))]
    pub segment_ms: u64,
    /// `segment.bytes`: roll the active segment at this size.
    #[cfg_attr(feature = "serde", serde(default = "d::segment_bytes"))]
    pub segment_bytes: u64,
    /// `cleanup.policy`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub cleanup: Cleanup,
    /// `delete.retention.ms`: on a compacted topic, how long a tombstone that is the latest record of its key
    /// survives, counted from the first clean that saw it.
    #[cfg_attr(feature = "serde", serde(default = "d::delete_retention_ms"))]
    pub delete_retention_ms: u64,
    /// `min.cleanable.dirty.ratio` (0..=1, default 0.5): a compacted log is cleaned when more than this share of
    /// its non-active bytes is dirty (written since the last clean).
    #[cfg_attr(
        feature = "serde",
        serde(
            default = "d::min_cleanable_dirty_ratio",
            skip_serializing_if = "d::is_min_cleanable_dirty_ratio"
        )
    )]
    pub min_cleanable_dirty_ratio: super::Ratio,
    /// `min.compaction.lag.ms` (default 0): a segment holding a record younger than this is not cleaned.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "d::is_zero_u64")
    )]
    pub min_compaction_lag_ms: u64,
    /// `max.compaction.lag.ms` (≥ 1, default `Long.MAX_VALUE`): a dirty segment whose first record is older
    /// is cleaned whatever the dirty ratio.
    #[cfg_attr(
        feature = "serde",
        serde(
            default = "d::max_compaction_lag_ms",
            skip_serializing_if = "d::is_max_compaction_lag"
        )
    )]
    pub max_compaction_lag_ms: u64,
}

impl TopicSpec {
    /// A delete-policy topic with default retention.
    ///
    /// ```
    /// assert_eq!(kplay_core::scenario::TopicSpec::new("t", 2).partitions, 2);
    /// ```
    pub fn new(name: &str, partitions: u32) -> Self {
        TopicSpec {
            name: name.into(),
            partitions,
            retention_ms: d::RETENTION_MS,
            retention_bytes: d::RETENTION_BYTES,
            segment_ms: d::SEGMENT_MS,
            segment_bytes: d::SEGMENT_BYTES,
            cleanup: Cleanup::Delete,
            delete_retention_ms: d::DELETE_RETENTION_MS,
            min_cleanable_dirty_ratio: super::Ratio::from_millionths(
                d::MIN_CLEANABLE_DIRTY_RATIO_MILLIONTHS,
            ),
            min_compaction_lag_ms: d::MIN_COMPACTION_LAG_MS,
            max_compaction_lag_ms: d::MAX_COMPACTION_LAG_MS,
        }
    }
}

/// `cleanup.policy`.
///
/// ```
/// assert_eq!(kplay_core::scenario::Cleanup::default(), kplay_core::scenario::Cleanup::Delete);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Cleanup {
    /// Delete whole segments past retention.
    #[default]
    Delete,
    /// Keep the latest record per key.
    Compact,
    /// `compact,delete`: compaction, and retention deletes old segments too (run by the log cleaner).
    #[cfg_attr(
        feature = "serde",
        serde(rename = "compact,delete", alias = "delete,compact")
    )]
    CompactDelete,
}

/// A producer writing to one topic at a rate.
///
/// ```
/// let p = kplay_core::scenario::ProducerSpec::new("p1", "orders", 10);
/// assert_eq!(p.batch_size, 16384);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ProducerSpec {
    /// Producer id (unique).
    pub id: String,
    /// Topic it writes to.
    pub topic: String,
    /// Records per second while sending, 0..=10000000.
    pub rate_per_s: u32,
    /// Bursty sending: on for `on_ms`, then silent for `off_ms`. `None` sends constantly.
    #[cfg_attr(feature = "serde", serde(default))]
    pub burst: Option<Burst>,
    /// How record keys are chosen.
    #[cfg_attr(feature = "serde", serde(default))]
    pub keys: KeySpec,
    /// An explicit partition for every record (wins over the partitioner).
    #[cfg_attr(feature = "serde", serde(default))]
    pub partition: Option<u32>,
    /// Size of each record in bytes (1..=1048576).
    #[cfg_attr(feature = "serde", serde(default = "d::record_bytes"))]
    pub record_bytes: u32,
    /// `batch.size` in bytes.
    #[cfg_attr(feature = "serde", serde(default = "d::batch_size"))]
    pub batch_size: u32,
    /// `linger.ms`: how long a batch may wait to fill.
    #[cfg_attr(feature = "serde", serde(default = "d::linger_ms"))]
    pub linger_ms: u32,
    /// Starts paused (resume with a fault or a command).
    #[cfg_attr(feature = "serde", serde(default))]
    pub paused: bool,
    /// `partitioner.class` for records without an explicit partition.
    #[cfg_attr(feature = "serde", serde(default))]
    pub partitioner: PartitionerKind,
    /// `partitioner.ignore.keys`: keyed records are partitioned as if their key were null (the record keeps
    /// its key in the log). Default false.
    #[cfg_attr(feature = "serde", serde(default))]
    pub ignore_keys: bool,
    /// `partitioner.adaptive.partitioning.enable` for the built-in partitioner (default true).
    #[cfg_attr(feature = "serde", serde(default = "d::adaptive_partitioning"))]
    pub adaptive_partitioning: bool,
    /// Share of records sent with a null value (tombstones), 0..=100, drawn per record from the producer's
    /// seeded random stream. Default 0. Delete-policy topics accept tombstones too (they are ordinary records
    /// there); only compaction gives them meaning.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "d::is_zero"))]
    pub tombstone_percent: u8,
    /// `metadata.max.age.ms` (1..=86400000): the producer partitions over the partition count of its cached
    /// metadata, refreshed this often, so after partitions are added it keeps writing to the old ones until
    /// its next refresh. Default [`crate::scenario::METADATA_MAX_AGE_MS`] (Kafka: 300000).
    #[cfg_attr(
        feature = "serde",
        serde(
            default = "d::metadata_max_age_ms",
            skip_serializing_if = "d::is_metadata_max_age"
        )
    )]
    pub metadata_max_age_ms: u32,
}

/// The producer's partitioner.
///
/// ```
/// use kplay_core::scenario::PartitionerKind;
/// assert_eq!(PartitionerKind::default(), PartitionerKind::Default);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum PartitionerKind {
    /// Kafka ≥ 3.3 built-in (KIP-794): murmur2 for keys; null keys stick to a partition for `batch.size` bytes
    /// (once its batches are full), the next one weighted by queue lengths (adaptive partitioning).
    #[default]
    Default,
    /// Kafka < 3.3 `UniformStickyPartitioner` (KIP-480 with keys ignored): each new batch goes to a different
    /// random partition, keyed or not.
    UniformSticky,
    /// `RoundRobinPartitioner` (fixed behaviour, KAFKA-17632): every record, keyed or not, to the next partition.
    #[cfg_attr(feature = "serde", serde(alias = "round-robin"))]
    RoundRobin,
    /// Kafka < 3.3 `DefaultPartitioner` (KIP-480): murmur2 for keys; null keys stick to a random partition
    /// until a record opens a new batch there, then move to a different random partition.
    #[cfg_attr(feature = "serde", serde(alias = "sticky-legacy"))]
    StickyLegacy,
    /// `RoundRobinPartitioner` as Kafka ≤ 3.8 behaves (KAFKA-9965): a record that opens a new batch burns one
    /// counter value, so when every record opens a batch only every other partition gets data.
    #[cfg_attr(
        feature = "serde",
        serde(rename = "round_robin_kafka_3_8", alias = "round-robin-kafka-3.8")
    )]
    RoundRobinKafka38,
}

impl ProducerSpec {
    /// A constant-rate producer with null keys.
    ///
    /// ```
    /// assert_eq!(kplay_core::scenario::ProducerSpec::new("p", "t", 5).rate_per_s, 5);
    /// ```
    pub fn new(id: &str, topic: &str, rate_per_s: u32) -> Self {
        ProducerSpec {
            id: id.into(),
            topic: topic.into(),
            rate_per_s,
            burst: None,
            keys: KeySpec::default(),
            partition: None,
            record_bytes: d::RECORD_BYTES,
            batch_size: d::BATCH_SIZE,
            linger_ms: d::LINGER_MS,
            paused: false,
            partitioner: PartitionerKind::Default,
            ignore_keys: false,
            adaptive_partitioning: true,
            tombstone_percent: 0,
            metadata_max_age_ms: d::METADATA_MAX_AGE_MS,
        }
    }
}

/// On/off sending pattern.
///
/// ```
/// let b = kplay_core::scenario::Burst { on_ms: 1000, off_ms: 4000 };
/// assert_eq!(b.on_ms + b.off_ms, 5000);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Burst {
    /// Sending time per cycle (≥ 1).
    pub on_ms: u32,
    /// Silent time per cycle.
    pub off_ms: u32,
}

/// Key choice: `none` (null keys), `cycle` over values, `random` from values, `fixed` (the first value).
///
/// ```
/// let k = kplay_core::scenario::KeySpec::default();
/// assert_eq!(k.kind, kplay_core::scenario::KeyKind::None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct KeySpec {
    /// The strategy.
    pub kind: KeyKind,
    /// Key values (required and non-empty for cycle, random and fixed).
    #[cfg_attr(feature = "serde", serde(default))]
    pub values: Vec<String>,
}

/// Key strategies.
///
/// ```
/// assert_ne!(kplay_core::scenario::KeyKind::Cycle, kplay_core::scenario::KeyKind::Random);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum KeyKind {
    /// Null keys.
    #[default]
    None,
    /// Values in turn.
    Cycle,
    /// A uniformly random value each record.
    Random,
    /// Always the first value.
    Fixed,
}

/// A consumer group: subscription, strategy, offsets policy, commit mode, timeouts and instances.
///
/// ```
/// let g = kplay_core::scenario::GroupSpec::new("billing", ["orders"]);
/// assert_eq!(g.session_timeout_ms, kplay_core::scenario::SESSION_TIMEOUT_MS);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct GroupSpec {
    /// `group.id` (unique).
    pub id: String,
    /// Subscribed topics.
    pub topics: Vec<String>,
    /// `partition.assignment.strategy`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub strategy: Strategy,
    /// `auto.offset.reset`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub auto_offset_reset: OffsetReset,
    /// How offsets are committed.
    #[cfg_attr(feature = "serde", serde(default))]
    pub commit: CommitSpec,
    /// `session.timeout.ms` (6000..=1800000).
    #[cfg_attr(feature = "serde", serde(default = "d::session_timeout_ms"))]
    pub session_timeout_ms: u32,
    /// `heartbeat.interval.ms` (1..session timeout).
    #[cfg_attr(feature = "serde", serde(default = "d::heartbeat_interval_ms"))]
    pub heartbeat_interval_ms: u32,
    /// `max.poll.interval.ms`, also the rebalance timeout.
    #[cfg_attr(feature = "serde", serde(default = "d::max_poll_interval_ms"))]
    pub max_poll_interval_ms: u32,
    /// `max.poll.records` (1..=100000).
    #[cfg_attr(feature = "serde", serde(default = "d::max_poll_records"))]
    pub max_poll_records: u32,
    /// `group.initial.rebalance.delay.ms`.
    #[cfg_attr(feature = "serde", serde(default = "d::initial_rebalance_delay_ms"))]
    pub initial_rebalance_delay_ms: u32,
    /// `metadata.max.age.ms`: the leader notices new partitions only after a refresh.
    #[cfg_attr(feature = "serde", serde(default = "d::metadata_max_age_ms"))]
    pub metadata_max_age_ms: u32,
    /// `offsets.retention.minutes` in ms: once the group has been Empty this long, the coordinator's next
    /// periodic check ([`crate::scenario::OFFSETS_RETENTION_CHECK_INTERVAL_MS`]) deletes its committed offsets
    /// (and the group itself).
    #[cfg_attr(feature = "serde", serde(default = "d::offsets_retention_ms"))]
    pub offsets_retention_ms: u64,
    /// Instances (processes) in this group.
    #[cfg_attr(feature = "serde", serde(default))]
    pub instances: Vec<InstanceSpec>,
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
        }
    }
}

/// `auto.offset.reset`.
///
/// ```
/// assert_eq!(kplay_core::scenario::OffsetReset::default(), kplay_core::scenario::OffsetReset::Latest);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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

/// One instance (process) of a group: a listener class run by `threads` consumer threads.
///
/// ```
/// let i = kplay_core::scenario::InstanceSpec::new("app-1", "OrderListener", 2);
/// assert!(i.static_id.is_none());
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct InstanceSpec {
    /// Instance id (unique across the scenario).
    pub id: String,
    /// The consumer class it runs (Spring `@KafkaListener`); two listeners in one group is an anti-pattern.
    pub listener: String,
    /// Consumer threads, 1..=64 (`concurrency`); each is one group member.
    #[cfg_attr(feature = "serde", serde(default = "d::one"))]
    pub threads: u32,
    /// Processing time per record.
    #[cfg_attr(feature = "serde", serde(default))]
    pub processing_ms: Processing,
    /// `group.instance.id` prefix for static membership (thread `n` uses `<static_id>-<n>`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub static_id: Option<String>,
    /// Processing handed to another thread: each consumer thread's listener puts records on a queue of this
    /// many records (1..=100000) and returns at once; one worker thread processes the queue. `None` (default):
    /// the listener processes on the consumer thread. A full queue blocks the hand-off (and so the poll loop).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
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
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
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
