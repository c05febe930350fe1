//! A producer of the scenario: rate, bursts, keys, partitioner and batching.

use super::defaults as d;
use alloc::string::String;
use alloc::vec::Vec;

/// A producer writing to one topic at a rate.
///
/// ```
/// let p = kplay_core::scenario::ProducerSpec::new("p1", "orders", 10);
/// assert_eq!(p.batch_size, 16384);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ProducerSpec {
    /// Producer id (unique).
    pub id: String,
    /// Topic it writes to.
    pub topic: String,
    /// Records per second while sending, 0..=[`MAX_RATE_PER_S`](super::MAX_RATE_PER_S) (100000).
    pub rate_per_s: u32,
    /// Bursty sending: on for `on_ms`, then silent for `off_ms`. `None` sends constantly.
    pub burst: Option<Burst>,
    /// How record keys are chosen.
    pub keys: KeySpec,
    /// An explicit partition for every record (wins over the partitioner).
    pub partition: Option<u32>,
    /// Size of each record in bytes (1..=1048576).
    pub record_bytes: u32,
    /// `batch.size` in bytes.
    pub batch_size: u32,
    /// `linger.ms`: how long a batch may wait to fill.
    pub linger_ms: u32,
    /// Starts paused (resume with a fault or a command).
    pub paused: bool,
    /// `partitioner.class` for records without an explicit partition.
    pub partitioner: PartitionerKind,
    /// `partitioner.ignore.keys`: keyed records are partitioned as if their key were null (the record keeps
    /// its key in the log). Default false.
    pub ignore_keys: bool,
    /// `partitioner.adaptive.partitioning.enable` for the built-in partitioner (default true).
    pub adaptive_partitioning: bool,
    /// Share of records sent with a null value (tombstones), 0..=100, drawn per record from the producer's
    /// seeded random stream. Default 0. Delete-policy topics accept tombstones too (they are ordinary records
    /// there); only compaction gives them meaning.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "d::is_zero"))]
    pub tombstone_percent: u8,
    /// `metadata.max.age.ms` (1..=86400000): the producer partitions over the partition count of its cached
    /// metadata, refreshed this often, so after partitions are added it keeps writing to the old ones until
    /// its next refresh. Default [`crate::scenario::METADATA_MAX_AGE_MS`] (Kafka: 300000).
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "d::is_metadata_max_age")
    )]
    pub metadata_max_age_ms: u32,
    /// `acks` (feature `brokers`, needs `brokers`): `"all"` (also `"-1"`, the default since Kafka 3.0), `"1"`
    /// or `"0"`.
    #[cfg(feature = "brokers")]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub acks: Option<crate::replication::Acks>,
    /// `enable.idempotence` (feature `brokers`, needs `brokers`): default true, but off when `acks` is not
    /// `"all"` and this is not set; set to true with `acks` 0 or 1 it is refused, as Kafka does.
    #[cfg(feature = "brokers")]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub enable_idempotence: Option<bool>,
}

/// The producer's partitioner.
///
/// ```
/// use kplay_core::scenario::PartitionerKind;
/// assert_eq!(PartitionerKind::default(), PartitionerKind::Default);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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
    RoundRobin,
    /// Kafka < 3.3 `DefaultPartitioner` (KIP-480): murmur2 for keys; null keys stick to a random partition
    /// until a record opens a new batch there, then move to a different random partition.
    StickyLegacy,
    /// `RoundRobinPartitioner` as Kafka ≤ 3.8 behaves (KAFKA-9965): a record that opens a new batch burns one
    /// counter value, so when every record opens a batch only every other partition gets data.
    #[cfg_attr(feature = "serde", serde(rename = "round_robin_kafka_3_8"))]
    RoundRobinKafka38,
}

// The JSON words (with the aliases the derive accepted) in serde's order; one shared reader.
crate::scenario::word_enum::deserialize_words!(
    PartitionerKind,
    [Default, UniformSticky, RoundRobin, StickyLegacy, RoundRobinKafka38],
    [
        "default" => 0,
        "uniform_sticky" => 1,
        "round-robin" => 2,
        "round_robin" => 2,
        "sticky-legacy" => 3,
        "sticky_legacy" => 3,
        "round-robin-kafka-3.8" => 4,
        "round_robin_kafka_3_8" => 4,
    ]
);

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
            #[cfg(feature = "brokers")]
            acks: None,
            #[cfg(feature = "brokers")]
            enable_idempotence: None,
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
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct KeySpec {
    /// The strategy.
    pub kind: KeyKind,
    /// Key values (required and non-empty for cycle, random and fixed).
    pub values: Vec<String>,
}

/// Key strategies.
///
/// ```
/// assert_ne!(kplay_core::scenario::KeyKind::Cycle, kplay_core::scenario::KeyKind::Random);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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

// The JSON words (with the aliases the derive accepted) in serde's order; one shared reader.
crate::scenario::word_enum::deserialize_words!(
    KeyKind,
    [None, Cycle, Random, Fixed],
    [
        "none" => 0,
        "cycle" => 1,
        "random" => 2,
        "fixed" => 3,
    ]
);
