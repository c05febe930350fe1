//! Kafka's `StickyAssignor` (eager protocol), reproduced partition for partition.
//!
//! The assignment is balanced (member counts differ by at most one where subscriptions allow) and keeps as many
//! previously owned partitions as it can. Conflicting claims are settled by generation: the higher one wins, and
//! with equal generations nobody keeps the partition. Kafka has two code paths, a fast one when all members
//! subscribe to the same topics ([`constrained`]) and a general one ([`general`]), and both iterate Java
//! `HashMap`s keyed by member id, so the result depends on Java's hash order ([`java`]).
//!
//! ```
//! use kplay_core::assignor::{GroupSubscription, MemberSubscription, Strategy};
//!
//! let group = GroupSubscription::new(
//!     [("t1", 3), ("t2", 3)],
//!     [MemberSubscription::new("c1", ["t1", "t2"]), MemberSubscription::new("c2", ["t1", "t2"])],
//! );
//! let a = Strategy::Sticky.assign(&group).unwrap();
//! assert_eq!(a.partitions_of("c1", "t1"), &[0, 2]);
//! assert_eq!(a.partitions_of("c1", "t2"), &[1]);
//! assert_eq!(a.partitions_of("c2", "t1"), &[1]);
//! assert_eq!(a.partitions_of("c2", "t2"), &[0, 2]);
//! ```

use alloc::string::String;
use alloc::vec::Vec;

use super::{Assignment, Flat, GroupSubscription};

mod constrained;
mod general;
pub(crate) mod java;
mod model;
mod movements;

pub(crate) use model::Model;

/// What the shared sticky core computed: partition ids per member, and the partitions the cooperative
/// protocol must withhold (`(partition id, member that would get it)`).
pub(crate) struct Raw {
    pub assignment: Vec<Vec<u32>>,
    pub transferring: Option<Vec<(u32, u32)>>,
    /// Kafka's balancing loop would never have ended; kplay stopped it (see [`balancing_never_ends`]).
    pub endless: bool,
}

/// Runs `AbstractStickyAssignor.assignPartitions` on an indexed group.
pub(crate) fn run(m: &Model) -> Raw {
    if m.all_equal {
        let out = constrained::build(m);
        Raw {
            assignment: out.assignment,
            transferring: Some(out.transferring),
            endless: false,
        }
    } else {
        let (assignment, endless) = general::build(m);
        Raw {
            assignment,
            transferring: None,
            endless,
        }
    }
}

/// Turns partition ids per member into `(topic, partitions)` lists in topic order, members in input order.
pub(crate) fn to_flat(group: &GroupSubscription, m: &Model, raw: Vec<Vec<u32>>) -> Flat {
    let mut members = Vec::with_capacity(group.members.len());
    for (c, mut pids) in raw.into_iter().enumerate() {
        crate::sort::sort_u32(&mut pids);
        // Partition ids sort by topic name, so the entries arrive in key order and the map is built in bulk;
        // the topic cursor only moves forward.
        let mut entries: Vec<(String, Vec<u32>)> =
            Vec::with_capacity(pids.len().min(m.topics.len()));
        let (mut i, mut t) = (0, 0usize);
        while i < pids.len() {
            while m.offsets[t + 1] <= pids[i] {
                t += 1;
            }
            let (base, end) = (m.offsets[t], m.offsets[t + 1]);
            let start = i;
            while i < pids.len() && pids[i] < end {
                i += 1;
            }
            entries.push((
                String::from(m.topics[t]),
                pids[start..i].iter().map(|&p| p - base).collect(),
            ));
        }
        members.push((group.members[c].member_id.clone(), entries));
    }
    // Members absent from the output (none today) would still be listed by the contract.
    debug_assert_eq!(members.len(), group.members.len());
    members
}

/// Runs `StickyAssignor` on a validated group.
///
/// ```
/// use kplay_core::assignor::{sticky, GroupSubscription, MemberSubscription, TopicPartition};
///
/// // c1 owned everything; c2 joins and gets half, c1 keeps the rest.
/// let mut c1 = MemberSubscription::new("c1", ["t"]);
/// c1.owned = (0..4).map(|p| TopicPartition::new("t", p)).collect();
/// c1.generation = Some(1);
/// let g = GroupSubscription::new([("t", 4)], [c1, MemberSubscription::new("c2", ["t"])]);
/// let a = sticky::assign(&g);
/// assert_eq!(a.partitions_of("c1", "t"), &[0, 1]);
/// assert_eq!(a.partitions_of("c2", "t"), &[2, 3]);
/// ```
pub fn assign(group: &GroupSubscription) -> Assignment {
    Assignment::from_flat(assign_noting_loops(group).0)
}

/// [`assign`], and whether Kafka's balancing would never have finished ([`balancing_never_ends`]).
pub(crate) fn assign_noting_loops(group: &GroupSubscription) -> (Flat, bool) {
    let m = Model::new(group);
    let raw = run(&m);
    (to_flat(group, &m, raw.assignment), raw.endless)
}

/// Whether Kafka's sticky balancing never finishes for this (validated) group.
///
/// Kafka repeats its balancing pass until a pass moves nothing, and asked to move a partition it sometimes moves
/// back another one instead; for a few groups whose members subscribe to different topics two such moves undo
/// each other forever, and the group leader's `poll` never returns. kplay notices the first repeated state, stops
/// there and keeps the assignment where the loop stood, unless it balances no better than the one before the
/// balancing, which is then kept (Kafka's rule for a balancing that did not help); for cooperative-sticky the
/// partitions changing owner are then withheld as always. This tells whether that happened, so tests and lessons can tell
/// Kafka's answers from kplay's way out.
///
/// ```
/// use kplay_core::assignor::{sticky, GroupSubscription, MemberSubscription};
///
/// let g = GroupSubscription::new([("t", 4)], [MemberSubscription::new("c1", ["t"])]);
/// assert!(!sticky::balancing_never_ends(&g));
/// ```
pub fn balancing_never_ends(group: &GroupSubscription) -> bool {
    run(&Model::new(group)).endless
}
