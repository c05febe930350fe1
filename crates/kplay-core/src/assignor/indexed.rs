//! A compact, index-based view of a [`GroupSubscription`] shared by the range and round-robin assignors.
//!
//! Topics and members become small integers once, so the hot loops over (up to) a million partitions never
//! clone or compare strings.

use super::member_order::{java_string_cmp, sorted_member_indices};
use super::{Flat, GroupSubscription};
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
        let mut index_of = crate::sort::NameMap::default();
        let mut topic_names = Vec::with_capacity(group.topics.len());
        let mut partition_counts = Vec::with_capacity(group.topics.len());
        for (name, count) in &group.topics {
            index_of.insert(name.as_str(), topic_names.len());
            topic_names.push(name.as_str());
            partition_counts.push(*count);
        }
        let sorted = sorted_member_indices(&group.members);
        let mut subscribers: Vec<Vec<u32>> = alloc::vec![Vec::new(); topic_names.len()];
        // Groups usually share one subscription list; resolving names only when the list changes keeps the
        // interning cost at one string comparison per (member, topic).
        let mut previous: Option<&[String]> = None;
        let mut resolved: Vec<usize> = Vec::new();
        for (rank, &member) in sorted.iter().enumerate() {
            let topics = group.members[member].topics.as_slice();
            if previous != Some(topics) {
                resolved.clear();
                resolved.extend(topics.iter().filter_map(|t| index_of.get(t.as_str())));
                previous = Some(topics);
            }
            for &t in &resolved {
                // A topic listed twice in one subscription still makes the member one subscriber.
                if subscribers[t].last() != Some(&(rank as u32)) {
                    subscribers[t].push(rank as u32);
                }
            }
        }
        IndexedGroup {
            topic_names,
            partition_counts,
            sorted,
            subscribers,
        }
    }

    /// Topic indices sorted by name in Java order (Kafka's `TreeSet<String>` of topics).
    pub fn topics_in_name_order(&self) -> Vec<usize> {
        let mut order: Vec<u32> = (0..self.topic_names.len() as u32).collect();
        crate::sort::sort_ids_by(&mut order, &mut |a, b| {
            java_string_cmp(self.topic_names[a as usize], self.topic_names[b as usize])
        });
        order.into_iter().map(|i| i as usize).collect()
    }

    /// Builds the assignment in the group's member order from `partitions_of(rank, push)`, which reports a
    /// member's `(topic index, partition)` pairs grouped by topic with ascending partitions. Results are built
    /// member by member so each member's allocations sit together (allocation, not the algorithm, dominates at a
    /// million partitions).
    pub fn build_assignment(
        &self,
        group: &GroupSubscription,
        mut partitions_of: impl FnMut(usize, &mut Vec<(usize, u32)>),
    ) -> Flat {
        let mut rank_of = alloc::vec![0usize; group.members.len()];
        for (rank, &member) in self.sorted.iter().enumerate() {
            rank_of[member] = rank;
        }
        // Position of each topic in Rust string order, the order of the public result's BTreeMap keys.
        // Topic names are unique (validated), so a stable sort orders them as any sort would.
        let mut by_name: Vec<u32> = (0..self.topic_names.len() as u32).collect();
        crate::sort::sort_ids_by(&mut by_name, &mut |a, b| {
            self.topic_names[a as usize].cmp(self.topic_names[b as usize])
        });
        let mut name_rank = alloc::vec![0usize; by_name.len()];
        for (rank, &topic) in by_name.iter().enumerate() {
            name_rank[topic as usize] = rank;
        }
        let mut pairs: Vec<(usize, u32)> = Vec::new();
        group
            .members
            .iter()
            .enumerate()
            .map(|(member, subscription)| {
                pairs.clear();
                partitions_of(rank_of[member], &mut pairs);
                let mut runs: Vec<(usize, usize, usize)> = Vec::new();
                let mut i = 0;
                while i < pairs.len() {
                    let topic = pairs[i].0;
                    let run = pairs[i..].iter().take_while(|(t, _)| *t == topic).count();
                    runs.push((name_rank[topic], i, run));
                    i += run;
                }
                // Sorting by a precomputed rank avoids string comparisons; a BTreeMap's bulk build is then linear.
                crate::sort::sort_by(&mut runs, &mut |a, b| a.0.cmp(&b.0));
                let topics = runs.iter().map(|&(_, start, run)| {
                    let slice = &pairs[start..start + run];
                    let parts: Vec<u32> = slice.iter().map(|&(_, p)| p).collect();
                    debug_assert!(parts.windows(2).all(|w| w[0] < w[1]));
                    (String::from(self.topic_names[slice[0].0]), parts)
                });
                (subscription.member_id.clone(), topics.collect())
            })
            .collect()
    }
}
