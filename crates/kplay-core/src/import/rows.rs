//! The rows read from a paste.

use super::Problem;
use alloc::string::String;
use alloc::vec::Vec;

/// Everything read from one paste.
///
/// ```
/// let p = kplay_core::import::Parsed::default();
/// assert!(p.offsets.is_empty() && p.problems.is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    /// Rows of `--describe` (offsets) tables.
    pub offsets: Vec<OffsetRow>,
    /// Rows of `--members` tables.
    pub members: Vec<MemberRow>,
    /// Rows of `--state` tables.
    pub states: Vec<StateRow>,
    /// `kafka-topics --describe` topic lines.
    pub topics: Vec<TopicRow>,
    /// `kafka-topics --describe` partition lines.
    pub partitions: Vec<PartitionRow>,
    /// Notes the tool printed about groups.
    pub notes: Vec<Note>,
    /// Lines that could not be read.
    pub problems: Vec<Problem>,
}

impl Parsed {
    /// Appends another paste's rows (e.g. the `--state` output saved in a second file).
    ///
    /// ```
    /// let mut a = kplay_core::import::parse("Topic: a\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: ");
    /// a.merge(kplay_core::import::parse("Topic: b\tPartitionCount: 2\tReplicationFactor: 1\tConfigs: "));
    /// assert_eq!(a.topics.len(), 2);
    /// ```
    pub fn merge(&mut self, other: Parsed) {
        self.offsets.extend(other.offsets);
        self.members.extend(other.members);
        self.states.extend(other.states);
        self.topics.extend(other.topics);
        self.partitions.extend(other.partitions);
        self.notes.extend(other.notes);
        self.problems.extend(other.problems);
    }
}

/// One row of `kafka-consumer-groups --describe`: `-` placeholders are `None`.
///
/// ```
/// let p = kplay_core::import::parse("TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID\norders 1 - 10 - - - -");
/// assert_eq!(p.offsets[0].current, None);
/// assert_eq!(p.offsets[0].group, None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OffsetRow {
    /// Line number.
    pub line: usize,
    /// GROUP column; without it (Kafka 2.0), the group named by the last note, if any.
    pub group: Option<String>,
    /// TOPIC (`-` for a member without partitions).
    pub topic: Option<String>,
    /// PARTITION.
    pub partition: Option<u32>,
    /// CURRENT-OFFSET (the committed offset).
    pub current: Option<u64>,
    /// LOG-END-OFFSET.
    pub log_end: Option<u64>,
    /// LAG.
    pub lag: Option<i64>,
    /// CONSUMER-ID.
    pub consumer_id: Option<String>,
    /// HOST.
    pub host: Option<String>,
    /// CLIENT-ID.
    pub client_id: Option<String>,
}

/// The ASSIGNMENT column: per topic (`None` when Kafka 3.7+ printed no topic name) its partitions, ascending.
pub type AssignmentColumn = Vec<(Option<String>, Vec<u32>)>;

/// Partitions per member: `(member id, [(topic, partition)])`.
pub type MemberPartitions = Vec<(String, Vec<(String, u32)>)>;

/// One row of `--members` (with `--verbose`: the ASSIGNMENT column).
///
/// ```
/// let p = kplay_core::import::parse("GROUP CONSUMER-ID HOST CLIENT-ID #PARTITIONS ASSIGNMENT\ng c-1-x /h c-1 2 orders(0,1)");
/// assert_eq!(p.members[0].assignment.as_ref().unwrap()[0].1, vec![0, 1]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberRow {
    /// Line number.
    pub line: usize,
    /// GROUP (or the last note's group).
    pub group: Option<String>,
    /// CONSUMER-ID.
    pub consumer_id: String,
    /// GROUP-INSTANCE-ID, when printed and not empty.
    pub group_instance_id: Option<String>,
    /// HOST.
    pub host: String,
    /// CLIENT-ID.
    pub client_id: String,
    /// #PARTITIONS.
    pub partitions: u32,
    /// ASSIGNMENT (`--verbose`): per topic its partitions. Kafka 3.7+ prints `(0,1)` without the topic: `None`.
    pub assignment: Option<AssignmentColumn>,
}

/// One row of `--state`.
///
/// ```
/// let p = kplay_core::import::parse("GROUP COORDINATOR (ID) ASSIGNMENT-STRATEGY STATE #MEMBERS\ng b1:9092  (1) range Stable 2");
/// assert_eq!(p.states[0].strategy.as_deref(), Some("range"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateRow {
    /// Line number.
    pub line: usize,
    /// GROUP (or the last note's group).
    pub group: Option<String>,
    /// COORDINATOR (ID), e.g. `broker1:9092  (1)`.
    pub coordinator: String,
    /// ASSIGNMENT-STRATEGY (empty for an Empty group).
    pub strategy: Option<String>,
    /// STATE: `Stable`, `Empty`, `PreparingRebalance`, ….
    pub state: String,
    /// #MEMBERS.
    pub members: u32,
}

/// A `kafka-topics --describe` topic line.
///
/// ```
/// let p = kplay_core::import::parse("Topic:t\tPartitionCount:2\tReplicationFactor:3\tConfigs:cleanup.policy=compact,delete");
/// assert_eq!(p.topics[0].configs[0].1, "compact,delete");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopicRow {
    /// Line number.
    pub line: usize,
    /// Topic name.
    pub name: String,
    /// PartitionCount.
    pub partitions: u32,
    /// ReplicationFactor.
    pub replication: Option<u32>,
    /// Configs, `key=value` in printed order.
    pub configs: Vec<(String, String)>,
}

/// A `kafka-topics --describe` partition line.
///
/// ```
/// let p = kplay_core::import::parse("\tTopic: t\tPartition: 0\tLeader: none\tReplicas: 1,2\tIsr: 2");
/// assert_eq!((p.partitions[0].leader, p.partitions[0].isr.clone()), (None, vec![2]));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionRow {
    /// Line number.
    pub line: usize,
    /// Topic name.
    pub topic: String,
    /// Partition.
    pub partition: u32,
    /// Leader broker (`none`: `None`).
    pub leader: Option<u32>,
    /// Replicas.
    pub replicas: Vec<u32>,
    /// In-sync replicas.
    pub isr: Vec<u32>,
}

/// What the tool said about a group before (or instead of) its table.
///
/// ```
/// let p = kplay_core::import::parse("Consumer group 'g' has no active members.");
/// assert_eq!(p.notes[0].kind, kplay_core::import::NoteKind::NoActiveMembers);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Line number.
    pub line: usize,
    /// The group named.
    pub group: String,
    /// Which note.
    pub kind: NoteKind,
}

/// The notes `ConsumerGroupCommand` prints.
///
/// ```
/// assert_ne!(kplay_core::import::NoteKind::Rebalancing, kplay_core::import::NoteKind::DoesNotExist);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// `Consumer group 'g' has no active members.` (state Empty).
    NoActiveMembers,
    /// `Warning: Consumer group 'g' is rebalancing.`
    Rebalancing,
    /// `Error: Consumer group 'g' does not exist.`
    DoesNotExist,
}
