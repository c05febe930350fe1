//! The vocabulary of partitioning: settings, the record's deciding fields, the outcome and errors.

use core::fmt;

/// Kafka's default `batch.size` in bytes.
pub const DEFAULT_BATCH_SIZE: u32 = 16_384;

/// Which partitioner handles records without an explicit partition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum PartitionerKind {
    /// Kafka ≥ 3.3's built-in partitioner (KIP-794), the default: sticky by bytes, adaptive to queue lengths.
    #[default]
    BuiltIn,
    /// Kafka < 3.3's `DefaultPartitioner` null-key path (KIP-480): a new random partition per new batch.
    /// With `ignore_keys` it is `UniformStickyPartitioner`.
    LegacySticky,
    /// `RoundRobinPartitioner`: a per-topic counter over available partitions (keys ignored).
    RoundRobin {
        /// Reproduce KAFKA-9965 as Kafka ≤ 3.8 behaves: each new batch burns one counter value, so when every
        /// record opens a batch only every other partition gets data. `false` is the fixed behaviour.
        burn_on_new_batch: bool,
    },
}

/// Producer settings that shape partitioning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PartitionerConfig {
    /// The partitioner for records without an explicit partition.
    pub kind: PartitionerKind,
    /// `partitioner.ignore.keys`: keyed records take the null-key path (default false).
    pub ignore_keys: bool,
    /// `batch.size` in bytes (default 16384); the built-in partitioner's stickiness threshold. At least 1.
    pub batch_size: u32,
    /// `partitioner.adaptive.partitioning.enable` (default true).
    pub adaptive: bool,
}

impl Default for PartitionerConfig {
    /// Kafka's defaults: built-in partitioner, keys used, `batch.size` 16384, adaptive on.
    ///
    /// ```
    /// let c = kplay_core::partitioner::PartitionerConfig::default();
    /// assert_eq!(c.batch_size, 16384);
    /// assert!(c.adaptive && !c.ignore_keys);
    /// ```
    fn default() -> Self {
        PartitionerConfig {
            kind: PartitionerKind::BuiltIn,
            ignore_keys: false,
            batch_size: DEFAULT_BATCH_SIZE,
            adaptive: true,
        }
    }
}

/// The parts of a `ProducerRecord` that decide its partition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct ProducerRecord<'a> {
    /// Serialized key; `None` is a null key.
    pub key: Option<&'a [u8]>,
    /// Explicit partition set on the record; wins over every partitioner.
    pub partition: Option<u32>,
}

impl<'a> ProducerRecord<'a> {
    /// A record with a null key and no explicit partition.
    ///
    /// ```
    /// assert!(kplay_core::partitioner::ProducerRecord::unkeyed().key.is_none());
    /// ```
    pub fn unkeyed() -> Self {
        ProducerRecord::default()
    }

    /// A record with a key and no explicit partition.
    ///
    /// ```
    /// let r = kplay_core::partitioner::ProducerRecord::keyed(b"user-1");
    /// assert_eq!(r.key, Some(&b"user-1"[..]));
    /// ```
    pub fn keyed(key: &'a [u8]) -> Self {
        ProducerRecord {
            key: Some(key),
            partition: None,
        }
    }

    /// A record sent to an explicit partition.
    ///
    /// ```
    /// assert_eq!(kplay_core::partitioner::ProducerRecord::to_partition(3).partition, Some(3));
    /// ```
    pub fn to_partition(partition: u32) -> Self {
        ProducerRecord {
            key: None,
            partition: Some(partition),
        }
    }
}

/// Where a record went, and whether the built-in sticky logic chose it (then [`Partitioner::on_appended`]
/// counts its bytes toward switching).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placement {
    /// The chosen partition.
    pub partition: u32,
    /// True when the built-in partitioner's sticky partition was used (Kafka's `partitionInfo != null`).
    pub sticky: bool,
}

/// Why a record cannot be partitioned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartitionError {
    /// The topic has no partitions (the engine asked about a topic that does not exist yet).
    NoPartitions,
    /// An explicit partition outside `0..partitions` (Kafka rejects the send).
    InvalidPartition {
        /// The record's partition.
        partition: u32,
        /// The topic's partition count.
        partitions: u32,
    },
}

impl fmt::Display for PartitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartitionError::NoPartitions => f.write_str("the topic has no partitions"),
            PartitionError::InvalidPartition {
                partition,
                partitions,
            } => write!(
                f,
                "partition {partition} does not exist; the topic has {partitions} partitions"
            ),
        }
    }
}

impl core::error::Error for PartitionError {}
