//! A compact, index-based view of a [`GroupSubscription`] shared by the range and round-robin assignors.
//!
//! Topics and members become small integers once, so the hot loops over (up to) a million partitions never
//! clone or compare strings.

use super::member_order::{java_string_cmp, sorted_member_indices};
use super::{Assignment, GroupSubscription};
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

/// Topics in metadata order, members in Kafka's sorted order, and who subscribes to what.
pub(crate) struct IndexedGroup<'a> {
    /// Topic names by topic index (metadata order).
    pub topic_names: Vec<&'a str>,
    /// Partition count by topic index.
    pub partition_counts: Vec<u32>,
    /// `sorted[rank]` is the index into `group.members` of the member at that rank of Kafka's member order.
    pub sorted: Vec<usize>,
    /// Per topic index: ranks of the members subscribed to it, ascending (so already in Kafka's order).
    pub subscribers: Vec<Vec<u32>>,
}

impl<'a> IndexedGroup<'a> {
    /// Indexes `group`; subscriptions to topics missing from the metadata are skipped, as Kafka skips them.
    pub fn new(group: &'a GroupSubscription) -> Self {
        let mut index_of: BTreeMap<&str, usize> = BTreeMap::new();
        let mut topic_names = Vec::with_capacity(group.topics.len());
        let mut partition_counts = Vec::with_capacity(group.topics.len());
        for (name, count) in &group.topics {
            index_of.insert(name.as_str(), topic_names.len());
            topic_names.push(name.as_str());
            partition_counts.push(*count);
        }
        let sorted = sorted_member_indices(&group.members);
        let mut subscribers: Vec<Vec<u32>> = alloc::vec![Vec::new(); topic_names.len()];
        for (rank, &member) in sorted.iter().enumerate() {
            for topic in &group.members[member].topics {
                if let Some(&t) = index_of.get(topic.as_str()) {
                    // A topic listed twice in one subscription still makes the member one subscriber.
                    if subscribers[t].last() != Some(&(rank as u32)) {
                        subscribers[t].push(rank as u32);
                    }
                }
            }
        }
        IndexedGroup { topic_names, partition_counts, sorted, subscribers }
    }

    /// Topic indices sorted by name in Java order (Kafka's `TreeSet<String>` of topics).
    pub fn topics_in_name_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.topic_names.len()).collect();
        order.sort_by(|&a, &b| java_string_cmp(self.topic_names[a], self.topic_names[b]));
        order
    }

    /// Turns per-rank `(topic index, ascending partitions)` lists into an [`Assignment`] in the group's member
    /// order, with every member present.
    pub fn into_assignment(self, group: &GroupSubscription, by_rank: Vec<Vec<(usize, Vec<u32>)>>) -> Assignment {
        let mut per_member: Vec<BTreeMap<String, Vec<u32>>> = alloc::vec![BTreeMap::new(); group.members.len()];
        for (rank, lists) in by_rank.into_iter().enumerate() {
            let member = self.sorted[rank];
            per_member[member] = lists
                .into_iter()
                .filter(|(_, parts)| !parts.is_empty())
                .map(|(t, parts)| {
                    debug_assert!(parts.windows(2).all(|w| w[0] < w[1]));
                    (String::from(self.topic_names[t]), parts)
                })
                .collect();
        }
        Assignment {
            members: group.members.iter().zip(per_member).map(|(m, topics)| (m.member_id.clone(), topics)).collect(),
        }
    }
}
