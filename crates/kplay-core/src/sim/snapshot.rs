//! The small per-frame view the UI renders.

use super::GroupState;
use alloc::string::String;
use alloc::vec::Vec;

/// Everything a frame shows, built by [`crate::sim::World::snapshot`].
///
/// ```
/// let w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
/// assert_eq!(w.snapshot().now_ms, 0);
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Snapshot {
    /// Virtual time.
    pub now_ms: u64,
    /// Topics in creation order.
    pub topics: Vec<TopicView>,
    /// Producers in creation order.
    pub producers: Vec<ProducerView>,
    /// Groups in creation order.
    pub groups: Vec<GroupView>,
    /// Totals since time 0.
    pub totals: Totals,
}

/// One topic.
///
/// ```
/// use kplay_core::scenario::{Scenario, TopicSpec};
/// let mut s = Scenario::default();
/// s.topics.push(TopicSpec::new("t", 3));
/// let w = kplay_core::sim::World::new(&s, 1).unwrap();
/// assert_eq!(w.snapshot().topics[0].partitions.len(), 3);
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TopicView {
    /// Name.
    pub name: String,
    /// Partitions by number.
    pub partitions: Vec<PartitionView>,
}

/// One partition's log.
///
/// ```
/// let p = kplay_core::sim::PartitionView::default();
/// assert_eq!(p.log_end - p.log_start, 0);
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PartitionView {
    /// First retained offset.
    pub log_start: u64,
    /// Next offset to be written.
    pub log_end: u64,
    /// Records still in the log: `log_end − log_start` unless compaction or tombstone removal left gaps.
    pub records: u64,
    /// Retained bytes (what remains after retention and compaction).
    pub bytes: u64,
    /// Segment count.
    pub segments: u32,
    /// The newest records (at most [`RECENT_RECORDS`]), oldest first.
    pub recent: Vec<RecordView>,
    /// On a compacted topic, what the log cleaner sees: first dirty and first uncleanable offsets, clean and
    /// cleanable bytes (the dirty ratio is [`crate::log::Dirty::ratio_millionths`]); `None` otherwise.
    pub cleaner: Option<crate::log::Dirty>,
}

/// How many recent records a [`PartitionView`] carries.
///
/// ```
/// assert_eq!(kplay_core::sim::RECENT_RECORDS, 8);
/// ```
pub const RECENT_RECORDS: usize = 8;

/// One record as shown.
///
/// ```
/// assert!(kplay_core::sim::RecordView::default().key.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct RecordView {
    /// Offset.
    pub offset: u64,
    /// Key (None for a null key).
    pub key: Option<String>,
    /// Producer id.
    pub producer: String,
    /// Timestamp: when the producer sent it (CreateTime; without brokers also when it was appended).
    pub timestamp_ms: u64,
    /// The value is null (a tombstone).
    pub tombstone: bool,
}

/// One producer.
///
/// ```
/// assert!(!kplay_core::sim::ProducerView::default().paused);
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ProducerView {
    /// Id.
    pub id: String,
    /// Topic.
    pub topic: String,
    /// Paused?
    pub paused: bool,
    /// Rate.
    pub rate_per_s: u32,
    /// Records appended so far.
    pub produced: u64,
    /// The topic's partition count in the producer's cached metadata: it partitions over these until its next
    /// refresh (`metadata.max.age.ms`), so added partitions get nothing from it before.
    pub known_partitions: u32,
}

/// One consumer group.
///
/// ```
/// use kplay_core::scenario::{GroupSpec, Scenario, TopicSpec};
/// let mut s = Scenario::default();
/// s.topics.push(TopicSpec::new("t", 1));
/// s.groups.push(GroupSpec::new("g", ["t"]));
/// let w = kplay_core::sim::World::new(&s, 1).unwrap();
/// let g = &w.snapshot().groups[0];
/// assert_eq!((g.id.as_str(), g.generation), ("g", 0));
/// assert_eq!(g.partitions[0].lag, None);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GroupView {
    /// Group id.
    pub id: String,
    /// Coordinator state.
    pub state: GroupState,
    /// Current generation.
    pub generation: i32,
    /// Strategy name.
    pub strategy: String,
    /// Members (one per live thread), in instance then thread order.
    pub members: Vec<MemberView>,
    /// Instances in creation order.
    pub instances: Vec<InstanceView>,
    /// Committed offset and lag for every partition of the group's topics (the union of its instances'
    /// subscriptions), then of topics it only has committed offsets for.
    pub partitions: Vec<PartitionLag>,
    /// Records processed (including duplicates) and duplicates.
    pub processed: u64,
    /// Duplicates processed.
    pub duplicates: u64,
    /// Records lost in a hand-off: queued for a worker thread, offsets committed, then dropped by a crash or
    /// stop, so the group never processes them (`InstanceSpec::handoff_queue`; warning `handoff_lost`).
    pub lost_in_handoff: u64,
    /// Records the group never read because retention deleted them first (sum over its partitions).
    pub deleted_before_read: u64,
    /// Records the group never read because `auto.offset.reset=latest` jumped over them.
    pub skipped_by_reset: u64,
    /// Per listener class (only when the group runs several): records of the topics it subscribes to that it
    /// missed because of the shared group id: produced while it was in the group, processed by another class
    /// that was in the group when they were produced, and never processed by this class. A class is in the
    /// group from its first instance's JoinGroup to its last instance's crash, stop or removal. A record
    /// processed by two classes (re-processed after a crash or hand-over) counts as seen by both.
    pub missed_by_listener: Vec<(String, u64)>,
    /// Topics more than one listener class subscribes to (only when the group runs several); empty when
    /// their topics are disjoint and they share only rebalances.
    pub shared_topics: Vec<String>,
    /// Active warnings (e.g. `mixed_listeners`).
    pub warnings: Vec<String>,
}

/// A consumer thread as a member.
///
/// ```
/// assert!(!kplay_core::sim::MemberView::default().idle);
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MemberView {
    /// Member id (`clientId-UUID`), empty before the first join.
    pub member_id: String,
    /// Instance id.
    pub instance: String,
    /// Thread number within the instance.
    pub thread: u32,
    /// Partitions the thread owns now.
    pub partitions: Vec<(String, u32)>,
    /// Owns nothing while the group is Stable.
    pub idle: bool,
    /// Records fetched but not yet processed (including those handed to a worker thread).
    pub in_flight: u32,
    /// Its heartbeat thread saw no `poll()` within `max.poll.interval.ms` and left the group
    /// (AbstractCoordinator.HeartbeatThread), but the thread still finishes the batch in hand before its next
    /// poll rejoins: what Kafka calls a zombie. Its commits now fail in the client.
    pub kicked_out: bool,
}

pub use crate::consumer::InstanceStatus;

/// One instance.
///
/// ```
/// assert_eq!(kplay_core::sim::InstanceView::default().threads, 0);
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct InstanceView {
    /// Id.
    pub id: String,
    /// Listener class.
    pub listener: String,
    /// Status.
    pub status: InstanceStatus,
    /// Thread count.
    pub threads: u32,
}

/// The columns `kafka-consumer-groups --describe --group G` prints for offsets, in Kafka's order (Kafka 2.0's
/// layout has no GROUP column): what the web's table shows and what the importer looks for.
///
/// ```
/// assert_eq!(kplay_core::sim::DESCRIBE_COLUMNS[3], "CURRENT-OFFSET");
/// ```
pub const DESCRIBE_COLUMNS: [&str; 9] = [
    "GROUP",
    "TOPIC",
    "PARTITION",
    "CURRENT-OFFSET",
    "LOG-END-OFFSET",
    "LAG",
    "CONSUMER-ID",
    "HOST",
    "CLIENT-ID",
];

/// Committed offset and lag of one partition for one group.
///
/// ```
/// assert!(kplay_core::sim::PartitionLag::default().committed.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PartitionLag {
    /// Topic.
    pub topic: String,
    /// Partition.
    pub partition: u32,
    /// Committed offset (None: never committed, shown as `-`).
    pub committed: Option<u64>,
    /// Log-end offset.
    pub log_end: u64,
    /// log-end − committed (None when never committed). 0 when the committed offset is above the log end (feature
    /// `brokers`: an unclean election cut the log below it), where `kafka-consumer-groups --describe` prints a
    /// negative LAG.
    pub lag: Option<u64>,
    /// Member that owns it in the current generation.
    pub owner: Option<String>,
    /// Records the group never read because retention deleted them first (see the `skipped` trace event).
    pub deleted_before_read: u64,
    /// Records the group never read because `auto.offset.reset=latest` jumped over them.
    pub skipped_by_reset: u64,
}

/// World-wide counters.
///
/// ```
/// assert_eq!(kplay_core::sim::Totals::default().produced, 0);
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Totals {
    /// Records appended.
    pub produced: u64,
    /// Records processed over all groups.
    pub processed: u64,
    /// Of which duplicates.
    pub duplicates: u64,
    /// Records deleted by retention or compaction.
    pub deleted: u64,
    /// Rebalances completed (generation bumps) over all groups.
    pub rebalances: u64,
    /// Events dropped from the bounded buffer.
    pub events_dropped: u64,
}
