//! Kafka's client-side partition assignors, reproduced exactly.
//!
//! The group leader gets every member's subscription (topics, previously owned partitions, generation, optional
//! static `group.instance.id`) plus the partition count of each topic, and decides which member consumes which
//! partitions. [`Strategy::assign`] runs the chosen assignor.
//!
//! ```
//! use kplay_core::assignor::{GroupSubscription, MemberSubscription, Strategy};
//!
//! let group = GroupSubscription::new(
//!     [("t1", 3), ("t2", 3)],
//!     [MemberSubscription::new("c1", ["t1", "t2"]), MemberSubscription::new("c2", ["t1", "t2"])],
//! );
//! let assignment = Strategy::Range.assign(&group).unwrap();
//! assert_eq!(assignment.partitions_of("c1", "t1"), &[0, 1]);
//! assert_eq!(assignment.partitions_of("c2", "t2"), &[2]);
//! ```

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

pub mod cooperative_sticky;
mod indexed;
pub mod member_order;
pub mod range;
pub mod round_robin;
pub mod sticky;

/// One partition of one topic.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TopicPartition {
    /// Topic name.
    pub topic: String,
    /// Partition number, `0..partition_count`.
    pub partition: u32,
}

impl TopicPartition {
    /// A topic-partition.
    ///
    /// ```
    /// let tp = kplay_core::assignor::TopicPartition::new("orders", 2);
    /// assert_eq!(tp.partition, 2);
    /// ```
    pub fn new(topic: impl Into<String>, partition: u32) -> Self {
        TopicPartition {
            topic: topic.into(),
            partition,
        }
    }
}

/// What one member sends the leader in its JoinGroup subscription.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MemberSubscription {
    /// The coordinator-given member id (`clientId-UUID` in Kafka).
    pub member_id: String,
    /// `group.instance.id` for static members.
    pub instance_id: Option<String>,
    /// Subscribed topics.
    pub topics: Vec<String>,
    /// Partitions the member owned before this rebalance (cooperative `ownedPartitions` or sticky user data).
    pub owned: Vec<TopicPartition>,
    /// Generation of `owned`; `None` is Kafka's "no generation" (-1).
    pub generation: Option<i32>,
}

impl MemberSubscription {
    /// A dynamic member with no owned partitions.
    ///
    /// ```
    /// let m = kplay_core::assignor::MemberSubscription::new("c1", ["t1"]);
    /// assert!(m.owned.is_empty());
    /// ```
    pub fn new<S: Into<String>>(
        member_id: impl Into<String>,
        topics: impl IntoIterator<Item = S>,
    ) -> Self {
        MemberSubscription {
            member_id: member_id.into(),
            instance_id: None,
            topics: topics.into_iter().map(Into::into).collect(),
            owned: Vec::new(),
            generation: None,
        }
    }
}

/// Everything the leader's assignor sees: topic metadata and the members, in the order the leader received them.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GroupSubscription {
    /// Partition count per topic, in metadata order.
    pub topics: Vec<(String, u32)>,
    /// Member subscriptions in arrival order (matters only where Kafka iterates a `HashMap` with colliding hashes).
    pub members: Vec<MemberSubscription>,
}

impl GroupSubscription {
    /// Builds a group from `(topic, partitions)` pairs and members.
    ///
    /// ```
    /// use kplay_core::assignor::{GroupSubscription, MemberSubscription};
    /// let g = GroupSubscription::new([("t", 2)], [MemberSubscription::new("m", ["t"])]);
    /// assert_eq!(g.partition_count("t"), Some(2));
    /// ```
    pub fn new<T: Into<String>>(
        topics: impl IntoIterator<Item = (T, u32)>,
        members: impl IntoIterator<Item = MemberSubscription>,
    ) -> Self {
        GroupSubscription {
            topics: topics.into_iter().map(|(t, n)| (t.into(), n)).collect(),
            members: members.into_iter().collect(),
        }
    }

    /// The partition count of `topic`, if the metadata knows it.
    ///
    /// ```
    /// let g = kplay_core::assignor::GroupSubscription::new([("t", 2)], []);
    /// assert_eq!(g.partition_count("u"), None);
    /// ```
    pub fn partition_count(&self, topic: &str) -> Option<u32> {
        self.topics
            .iter()
            .find(|(t, _)| t == topic)
            .map(|&(_, n)| n)
    }

    /// `(member id, topic)` for every subscription to a topic the metadata does not know, in member order.
    /// Kafka's assignors skip such topics (the leader logs it); callers may warn about them.
    ///
    /// ```
    /// use kplay_core::assignor::{GroupSubscription, MemberSubscription};
    /// let g = GroupSubscription::new([("t", 1)], [MemberSubscription::new("m", ["t", "ghost"])]);
    /// assert_eq!(g.unknown_subscriptions(), vec![("m", "ghost")]);
    /// ```
    pub fn unknown_subscriptions(&self) -> Vec<(&str, &str)> {
        // Name → index, the map type the rest of the engine uses (no tree instance in the wasm).
        let mut known = crate::sort::NameMap::default();
        for (i, (t, _)) in self.topics.iter().enumerate() {
            known.insert(t.as_str(), i);
        }
        self.members
            .iter()
            .flat_map(|m| {
                m.topics
                    .iter()
                    .map(move |t| (m.member_id.as_str(), t.as_str()))
            })
            .filter(|(_, t)| !known.contains_key(t))
            .collect()
    }

    /// Checks what Kafka itself guarantees before assigning: unique member ids, unique topics, partition counts
    /// that fit Kafka's `int`. Subscriptions to topics missing from the metadata are allowed (Kafka skips them).
    ///
    /// ```
    /// use kplay_core::assignor::{AssignError, GroupSubscription, MemberSubscription};
    /// let g = GroupSubscription::new([("t", 1)], [MemberSubscription::new("m", ["t"]), MemberSubscription::new("m", ["t"])]);
    /// assert_eq!(g.validate(), Err(AssignError::DuplicateMember("m".into())));
    /// ```
    pub fn validate(&self) -> Result<(), AssignError> {
        let mut seen_topics = crate::sort::NameMap::default();
        for (i, (topic, count)) in self.topics.iter().enumerate() {
            if *count > i32::MAX as u32 {
                return Err(AssignError::PartitionCountTooLarge {
                    topic: topic.clone(),
                    count: *count,
                });
            }
            if seen_topics.insert(topic.as_str(), i).is_some() {
                return Err(AssignError::DuplicateTopic(topic.clone()));
            }
        }
        let total: u64 = self.topics.iter().map(|(_, n)| u64::from(*n)).sum();
        if total > MAX_TOTAL_PARTITIONS {
            return Err(AssignError::TooManyPartitions { total });
        }
        let mut seen_members = crate::sort::NameMap::default();
        for (i, m) in self.members.iter().enumerate() {
            if seen_members.insert(m.member_id.as_str(), i).is_some() {
                return Err(AssignError::DuplicateMember(m.member_id.clone()));
            }
        }
        Ok(())
    }
}

/// The leader's decision: for every member (in subscription order), topic → ascending partitions.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Assignment {
    /// `(member_id, topic → partitions)` for every member, including members that got nothing.
    pub members: Vec<(String, BTreeMap<String, Vec<u32>>)>,
}

/// An assignment as the assignors build it: for every member (in subscription order), `(topic, partitions)` in
/// topic order. The engine reads it as it is; only the public [`Assignment`] puts each member's topics in a
/// `BTreeMap`, so the web bundle (which never builds one) carries no tree instance for them.
pub(crate) type Flat = Vec<(String, Vec<(String, Vec<u32>)>)>;

impl Assignment {
    /// The public form of an assignors' [`Flat`] result.
    pub(crate) fn from_flat(flat: Flat) -> Assignment {
        let members = flat
            .into_iter()
            .map(|(member, topics)| (member, crate::sort::assignment_map(topics)))
            .collect();
        Assignment { members }
    }

    /// The partitions of `topic` given to `member` (empty when none).
    ///
    /// ```
    /// let a = kplay_core::assignor::Assignment::default();
    /// assert!(a.partitions_of("m", "t").is_empty());
    /// ```
    pub fn partitions_of(&self, member: &str, topic: &str) -> &[u32] {
        self.members
            .iter()
            .find(|(m, _)| m == member)
            .and_then(|(_, topics)| topics.get(topic))
            .map_or(&[], Vec::as_slice)
    }
}

/// Which assignor the group leader runs (`partition.assignment.strategy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Strategy {
    /// `RangeAssignor` (what Kafka's default strategy list behaves as).
    #[default]
    Range,
    /// `RoundRobinAssignor`.
    #[cfg_attr(feature = "serde", serde(rename = "roundrobin"))]
    RoundRobin,
    /// `StickyAssignor` (eager protocol).
    Sticky,
    /// `CooperativeStickyAssignor` (cooperative protocol).
    CooperativeSticky,
}

// The JSON words (with the aliases the derive accepted) in serde's order; one shared reader.
crate::scenario::word_enum::deserialize_words!(
    Strategy,
    [Range, RoundRobin, Sticky, CooperativeSticky],
    [
        "range" => 0,
        "roundrobin" => 1,
        "sticky" => 2,
        "cooperative-sticky" => 3,
    ]
);

impl Strategy {
    /// Every strategy, in the order the UI lists them.
    pub const ALL: [Strategy; 4] = [
        Strategy::Range,
        Strategy::RoundRobin,
        Strategy::Sticky,
        Strategy::CooperativeSticky,
    ];

    /// The name Kafka and the CLI use: `range`, `roundrobin`, `sticky`, `cooperative-sticky`.
    ///
    /// ```
    /// assert_eq!(kplay_core::assignor::Strategy::RoundRobin.name(), "roundrobin");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Range => "range",
            Strategy::RoundRobin => "roundrobin",
            Strategy::Sticky => "sticky",
            Strategy::CooperativeSticky => "cooperative-sticky",
        }
    }

    /// Parses a strategy name as [`Strategy::name`] prints it.
    ///
    /// ```
    /// use kplay_core::assignor::Strategy;
    /// assert_eq!(Strategy::from_name("sticky"), Some(Strategy::Sticky));
    /// assert_eq!(Strategy::from_name("fair"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Whether this strategy uses the cooperative rebalance protocol (only partitions that move are revoked).
    ///
    /// ```
    /// assert!(kplay_core::assignor::Strategy::CooperativeSticky.is_cooperative());
    /// ```
    pub fn is_cooperative(self) -> bool {
        self == Strategy::CooperativeSticky
    }

    /// Runs the assignor. For cooperative-sticky this is the first round: partitions moving between members
    /// are withheld (assigned to nobody) until the follow-up rebalance.
    ///
    /// ```
    /// use kplay_core::assignor::{GroupSubscription, MemberSubscription, Strategy};
    /// let g = GroupSubscription::new([("t", 2)], [MemberSubscription::new("m", ["t"])]);
    /// assert_eq!(Strategy::RoundRobin.assign(&g).unwrap().partitions_of("m", "t"), &[0, 1]);
    /// ```
    pub fn assign(self, group: &GroupSubscription) -> Result<Assignment, AssignError> {
        self.assign_noting_loops(group)
            .map(|(a, _)| Assignment::from_flat(a))
    }

    /// [`Strategy::assign`], and whether Kafka's own assignor would never have returned for this group (the sticky
    /// balancing loop of [`sticky::balancing_never_ends`]); the engine warns the learner when it happens.
    pub(crate) fn assign_noting_loops(
        self,
        group: &GroupSubscription,
    ) -> Result<(Flat, bool), AssignError> {
        group.validate()?;
        Ok(match self {
            Strategy::Range => (range::assign_flat(group), false),
            Strategy::RoundRobin => (round_robin::assign_flat(group), false),
            Strategy::Sticky => sticky::assign_noting_loops(group),
            Strategy::CooperativeSticky => cooperative_sticky::assign_noting_loops(group),
        })
    }
}

/// The most partitions (over all topics) an assignment may cover: ten times Kafka's own 1M-partition scale test.
/// Kafka has no such limit, but every partition costs memory here, and input must never exhaust it.
pub const MAX_TOTAL_PARTITIONS: u64 = 10_000_000;

/// Why a group subscription cannot be assigned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssignError {
    /// Two members share a member id.
    DuplicateMember(String),
    /// A topic appears twice in the metadata.
    DuplicateTopic(String),
    /// A partition count above Kafka's `Integer.MAX_VALUE`.
    PartitionCountTooLarge {
        /// The topic.
        topic: String,
        /// Its partition count.
        count: u32,
    },
    /// More partitions over all topics than [`MAX_TOTAL_PARTITIONS`].
    TooManyPartitions {
        /// The sum of all topics' partition counts.
        total: u64,
    },
}

impl fmt::Display for AssignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AssignError::DuplicateMember(m) => write!(f, "member id {m:?} appears more than once"),
            AssignError::DuplicateTopic(t) => write!(f, "topic {t:?} appears more than once"),
            AssignError::TooManyPartitions { total } => write!(
                f,
                "the topics hold {total} partitions in total; kplay assigns at most {MAX_TOTAL_PARTITIONS}"
            ),
            AssignError::PartitionCountTooLarge { topic, count } => {
                write!(
                    f,
                    "topic {topic:?} has {count} partitions; the maximum is 2147483647"
                )
            }
        }
    }
}

impl core::error::Error for AssignError {}
