//! A topic of the scenario: partitions, retention, segments and the log cleaner's settings.

use super::defaults as d;
use alloc::string::String;

/// A topic: name, partition count, retention and cleanup policy.
///
/// ```
/// let t = kplay_core::scenario::TopicSpec::new("orders", 3);
/// assert_eq!(t.retention_bytes, -1);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TopicSpec {
    /// Topic name (1..=249 characters of `[a-zA-Z0-9._-]`, as Kafka allows).
    pub name: String,
    /// Partition count, 1..=1024 in the playground.
    pub partitions: u32,
    /// `retention.ms`; -1 keeps forever.
    pub retention_ms: i64,
    /// `retention.bytes` per partition; -1 is unlimited.
    pub retention_bytes: i64,
    /// `segment.ms`: roll the active segment after this long.
    pub segment_ms: u64,
    /// `segment.bytes`: roll the active segment at this size.
    pub segment_bytes: u64,
    /// `cleanup.policy`.
    pub cleanup: Cleanup,
    /// `delete.retention.ms`: on a compacted topic, how long a tombstone that is the latest record of its key
    /// survives, counted from the first clean that saw it.
    pub delete_retention_ms: u64,
    /// `min.cleanable.dirty.ratio` (0..=1, default 0.5): a compacted log is cleaned when more than this share of
    /// its non-active bytes is dirty (written since the last clean).
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "d::is_min_cleanable_dirty_ratio")
    )]
    pub min_cleanable_dirty_ratio: super::Ratio,
    /// `min.compaction.lag.ms` (default 0): a segment holding a record younger than this is not cleaned.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "d::is_zero_u64"))]
    pub min_compaction_lag_ms: u64,
    /// `max.compaction.lag.ms` (≥ 1, default `Long.MAX_VALUE`): a dirty segment whose first record is older
    /// is cleaned whatever the dirty ratio.
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "d::is_max_compaction_lag")
    )]
    pub max_compaction_lag_ms: u64,
    /// Logs that do not start empty at offset 0 (an imported cluster's offsets; feature `import`); partitions not listed start
    /// empty at 0. Omitted from JSON when empty.
    #[cfg(feature = "import")]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "alloc::vec::Vec::is_empty")
    )]
    pub initial_logs: alloc::vec::Vec<super::InitialLog>,
    /// `replication.factor` (feature `brokers`, needs `brokers`): 1 to the broker count; default Kafka's
    /// `default.replication.factor`, 1.
    #[cfg(feature = "brokers")]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub replication_factor: Option<u32>,
    /// `min.insync.replicas` (feature `brokers`, needs `brokers`): at least 1; default 1.
    #[cfg(feature = "brokers")]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub min_insync_replicas: Option<u32>,
    /// `unclean.leader.election.enable` (feature `brokers`, needs `brokers`): default false.
    #[cfg(feature = "brokers")]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub unclean_leader_election_enable: Option<bool>,
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
            #[cfg(feature = "import")]
            initial_logs: alloc::vec::Vec::new(),
            #[cfg(feature = "brokers")]
            replication_factor: None,
            #[cfg(feature = "brokers")]
            min_insync_replicas: None,
            #[cfg(feature = "brokers")]
            unclean_leader_election_enable: None,
        }
    }
}

/// `cleanup.policy`.
///
/// ```
/// assert_eq!(kplay_core::scenario::Cleanup::default(), kplay_core::scenario::Cleanup::Delete);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Cleanup {
    /// Delete whole segments past retention.
    #[default]
    Delete,
    /// Keep the latest record per key.
    Compact,
    /// `compact,delete`: compaction, and retention deletes old segments too (run by the log cleaner).
    #[cfg_attr(feature = "serde", serde(rename = "compact,delete"))]
    CompactDelete,
}

// The JSON words (with the aliases the derive accepted) in serde's order; one shared reader.
crate::scenario::word_enum::deserialize_words!(
    Cleanup,
    [Delete, Compact, CompactDelete],
    [
        "delete" => 0,
        "compact" => 1,
        "compact,delete" => 2,
        "delete,compact" => 2,
    ]
);
