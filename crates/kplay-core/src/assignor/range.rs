//! Kafka's `RangeAssignor`, without rack awareness.
//!
//! Each topic is handled on its own: its subscribers, in Kafka's member order (static members by
//! `group.instance.id`, then dynamic members by member id), get contiguous ranges of `partitions / subscribers`
//! partitions, and the first `partitions % subscribers` of them one extra. Topics a member subscribes to that
//! the metadata does not know are skipped.
//!
//! ```
//! use kplay_core::assignor::{range, GroupSubscription, MemberSubscription};
//!
//! // DESIGN.md's example: t1:3, t2:3 and two consumers.
//! let group = GroupSubscription::new(
//!     [("t1", 3), ("t2", 3)],
//!     [MemberSubscription::new("c1", ["t1", "t2"]), MemberSubscription::new("c2", ["t1", "t2"])],
//! );
//! let a = range::assign(&group);
//! assert_eq!(a.partitions_of("c1", "t1"), &[0, 1]);
//! assert_eq!(a.partitions_of("c1", "t2"), &[0, 1]);
//! assert_eq!(a.partitions_of("c2", "t1"), &[2]);
//! assert_eq!(a.partitions_of("c2", "t2"), &[2]);
//! ```

use super::indexed::IndexedGroup;
use super::{Assignment, Flat, GroupSubscription};
use alloc::vec::Vec;

/// Runs `RangeAssignor` on a validated group.
///
/// ```
/// use kplay_core::assignor::{range, GroupSubscription, MemberSubscription};
/// let g = GroupSubscription::new([("t", 5)], [MemberSubscription::new("b", ["t"]), MemberSubscription::new("a", ["t"])]);
/// let a = range::assign(&g);
/// assert_eq!(a.partitions_of("a", "t"), &[0, 1, 2]);
/// assert_eq!(a.partitions_of("b", "t"), &[3, 4]);
/// ```
pub fn assign(group: &GroupSubscription) -> Assignment {
    Assignment::from_flat(assign_flat(group))
}

/// [`assign`] as the engine reads it.
pub(crate) fn assign_flat(group: &GroupSubscription) -> Flat {
    let indexed = IndexedGroup::new(group);
    // Per rank: (topic index, first partition, count). Ranges stay implicit until the result is built.
    let mut ranges: Vec<Vec<(usize, u32, u32)>> = alloc::vec![Vec::new(); indexed.sorted.len()];
    for (topic, subscribers) in indexed.subscribers.iter().enumerate() {
        let partitions = indexed.partition_counts[topic];
        if subscribers.is_empty() || partitions == 0 {
            continue;
        }
        let n = subscribers.len() as u32;
        let base = partitions / n;
        let extra = partitions % n;
        let mut next = 0u32;
        for (i, &rank) in subscribers.iter().enumerate() {
            let take = base + u32::from((i as u32) < extra);
            if take == 0 {
                // Everyone after this one also gets nothing: base is 0 and the extras are used up.
                break;
            }
            ranges[rank as usize].push((topic, next, take));
            next += take;
        }
        debug_assert_eq!(next, partitions);
    }
    indexed.build_assignment(group, |rank, out| {
        for &(topic, first, count) in &ranges[rank] {
            out.extend((first..first + count).map(|p| (topic, p)));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignor::MemberSubscription;

    #[test]
    fn topic_without_subscribers_and_unknown_topics_are_skipped() {
        let g = GroupSubscription::new(
            [("t0", 4), ("t1", 3), ("t2", 5)],
            [
                MemberSubscription::new("BB", ["t0", "t1", "ghost"]),
                MemberSubscription::new("Aa", ["t0"]),
            ],
        );
        let a = assign(&g);
        assert_eq!(a.partitions_of("Aa", "t0"), &[0, 1]);
        assert_eq!(a.partitions_of("BB", "t0"), &[2, 3]);
        assert_eq!(a.partitions_of("BB", "t1"), &[0, 1, 2]);
        assert!(a
            .members
            .iter()
            .all(|(_, t)| !t.contains_key("t2") && !t.contains_key("ghost")));
    }

    #[test]
    fn more_members_than_partitions_leaves_the_last_ones_empty() {
        let g = GroupSubscription::new(
            [("t", 2)],
            ["c3", "c1", "c2"].map(|m| MemberSubscription::new(m, ["t"])),
        );
        let a = assign(&g);
        assert_eq!(a.partitions_of("c1", "t"), &[0]);
        assert_eq!(a.partitions_of("c2", "t"), &[1]);
        assert!(a.members[0].1.is_empty());
        assert_eq!(a.members[0].0, "c3");
    }
}
