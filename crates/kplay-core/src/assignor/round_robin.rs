//! Kafka's `RoundRobinAssignor`.
//!
//! All partitions of all subscribed topics, sorted by topic name (Java order) then partition, are dealt one by
//! one to a circular iterator over the members in Kafka's member order (static members by `group.instance.id`,
//! then dynamic members by member id); a member not subscribed to the partition's topic is skipped. Topics a
//! member subscribes to that the metadata does not know are skipped.
//!
//! ```
//! use kplay_core::assignor::{round_robin, GroupSubscription, MemberSubscription};
//!
//! // DESIGN.md's example: t1:3, t2:3 and two consumers.
//! let group = GroupSubscription::new(
//!     [("t1", 3), ("t2", 3)],
//!     [MemberSubscription::new("c1", ["t1", "t2"]), MemberSubscription::new("c2", ["t1", "t2"])],
//! );
//! let a = round_robin::assign(&group);
//! assert_eq!(a.partitions_of("c1", "t1"), &[0, 2]);
//! assert_eq!(a.partitions_of("c1", "t2"), &[1]);
//! assert_eq!(a.partitions_of("c2", "t1"), &[1]);
//! assert_eq!(a.partitions_of("c2", "t2"), &[0, 2]);
//! ```

use super::indexed::IndexedGroup;
use super::{Assignment, Flat, GroupSubscription};
use alloc::vec::Vec;

/// Runs `RoundRobinAssignor` on a validated group.
///
/// ```
/// use kplay_core::assignor::{round_robin, GroupSubscription, MemberSubscription};
/// let g = GroupSubscription::new(
///     [("t", 3)],
///     [MemberSubscription::new("b", ["t"]), MemberSubscription::new("a", ["t"])],
/// );
/// let a = round_robin::assign(&g);
/// assert_eq!(a.partitions_of("a", "t"), &[0, 2]);
/// assert_eq!(a.partitions_of("b", "t"), &[1]);
/// ```
pub fn assign(group: &GroupSubscription) -> Assignment {
    Assignment::from_flat(assign_flat(group))
}

/// [`assign`] as the engine reads it.
pub(crate) fn assign_flat(group: &GroupSubscription) -> Flat {
    let indexed = IndexedGroup::new(group);
    let members = indexed.sorted.len();
    // Per rank: (topic index, partition) in dealing order, which is topic-grouped with ascending partitions.
    // Sized for an even deal up front: at 1M partitions regrowing 2,000 vectors is measurable.
    let total: u64 = indexed.partition_counts.iter().map(|&n| u64::from(n)).sum();
    let per_member = (total / members.max(1) as u64 + 1) as usize;
    let mut dealt: Vec<Vec<(usize, u32)>> = (0..members)
        .map(|_| Vec::with_capacity(per_member))
        .collect();
    // Position of Kafka's circular iterator: the rank it will offer next.
    let mut cursor = 0usize;
    for topic in indexed.topics_in_name_order() {
        let subscribers = &indexed.subscribers[topic];
        let partitions = indexed.partition_counts[topic];
        if subscribers.is_empty() || partitions == 0 {
            continue;
        }
        // Kafka skips unsubscribed members one at a time; jumping to the next subscriber (binary search in the
        // sorted rank list) lands on the same member without walking non-subscribers.
        let mut pos = subscribers.partition_point(|&r| (r as usize) < cursor);
        for partition in 0..partitions {
            if pos == subscribers.len() {
                pos = 0;
            }
            let rank = subscribers[pos] as usize;
            dealt[rank].push((topic, partition));
            pos += 1;
            cursor = (rank + 1) % members;
        }
    }
    indexed.build_assignment(group, |rank, out| out.extend_from_slice(&dealt[rank]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignor::MemberSubscription;

    #[test]
    fn skipping_a_non_subscriber_does_not_reset_the_rotation() {
        // Sorted: a, b, c. t0 (a, b, c) deals 0→a, 1→b; t1 (only a, c) continues at c: 0→c, 1→a, 2→c.
        let g = GroupSubscription::new(
            [("t1", 3), ("t0", 2)],
            [
                MemberSubscription::new("c", ["t0", "t1"]),
                MemberSubscription::new("b", ["t0"]),
                MemberSubscription::new("a", ["t1", "t0"]),
            ],
        );
        let a = assign(&g);
        assert_eq!(a.partitions_of("a", "t0"), &[0]);
        assert_eq!(a.partitions_of("b", "t0"), &[1]);
        assert_eq!(a.partitions_of("c", "t1"), &[0, 2]);
        assert_eq!(a.partitions_of("a", "t1"), &[1]);
        assert_eq!(a.members[0].0, "c");
    }
}
