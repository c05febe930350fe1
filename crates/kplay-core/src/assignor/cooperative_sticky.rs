//! Kafka's `CooperativeStickyAssignor`: the sticky target assignment, delivered in two rebalances.
//!
//! A partition that moves from one member to another is first withheld (owned by nobody) so its old owner can
//! revoke it; the old owner then rejoins and the follow-up rebalance hands it to its new owner.
//!
//! ```
//! use kplay_core::assignor::{cooperative_sticky, GroupSubscription, MemberSubscription, TopicPartition};
//!
//! let mut c1 = MemberSubscription::new("c1", ["t"]);
//! c1.owned = (0..4).map(|p| TopicPartition::new("t", p)).collect();
//! c1.generation = Some(1);
//! let g = GroupSubscription::new([("t", 4)], [c1, MemberSubscription::new("c2", ["t"])]);
//! let (first, follow_up) = cooperative_sticky::assign_rounds(&g);
//! assert_eq!(first.partitions_of("c1", "t"), &[0, 1]);
//! assert!(first.partitions_of("c2", "t").is_empty()); // 2 and 3 are being revoked by c1
//! assert_eq!(follow_up.partitions_of("c2", "t"), &[2, 3]);
//! ```

use alloc::vec::Vec;

use super::sticky::{self, Model};
use super::{Assignment, Flat, GroupSubscription, TopicPartition};

/// Runs `CooperativeStickyAssignor` on a validated group: the first round, with moving partitions withheld.
///
/// ```
/// use kplay_core::assignor::{cooperative_sticky, GroupSubscription, MemberSubscription};
/// let g = GroupSubscription::new([("t", 2)], [MemberSubscription::new("a", ["t"]), MemberSubscription::new("b", ["t"])]);
/// let a = cooperative_sticky::assign(&g);
/// assert_eq!(a.partitions_of("a", "t"), &[0]);
/// assert_eq!(a.partitions_of("b", "t"), &[1]);
/// ```
pub fn assign(group: &GroupSubscription) -> Assignment {
    Assignment::from_flat(assign_noting_loops(group).0)
}

/// [`assign`], and whether Kafka's balancing would never have finished ([`sticky::balancing_never_ends`]).
pub(crate) fn assign_noting_loops(group: &GroupSubscription) -> (Flat, bool) {
    let m = Model::new(group);
    let raw = sticky::run(&m);
    let endless = raw.endless;
    let mut assignment = raw.assignment;
    let transferring = match raw.transferring {
        Some(t) => t,
        None => transferring_ownership(&m, &assignment),
    };
    let mut withheld = alloc::vec![false; m.total() as usize];
    for &(pid, _) in &transferring {
        withheld[pid as usize] = true;
    }
    for list in &mut assignment {
        list.retain(|&p| !withheld[p as usize]);
    }
    (sticky::to_flat(group, &m, assignment), endless)
}

/// The first round and the follow-up rebalance that runs once the withheld partitions' old owners revoked
/// them, i.e. with every member owning its first-round partitions, one generation later.
///
/// The general path can move partitions again in the follow-up (Kafka's own test allows up to four extra
/// rebalances); [`rounds`] keeps going until nothing is revoked.
///
/// ```
/// use kplay_core::assignor::{cooperative_sticky, GroupSubscription, MemberSubscription};
/// let g = GroupSubscription::new([("t", 3)], [MemberSubscription::new("a", ["t"])]);
/// let (first, follow_up) = cooperative_sticky::assign_rounds(&g);
/// assert_eq!(first, follow_up); // nothing moved
/// ```
pub fn assign_rounds(group: &GroupSubscription) -> (Assignment, Assignment) {
    let first = assign(group);
    let follow_up = assign(&next_round(group, &first));
    (first, follow_up)
}

/// Every rebalance of one cooperative change, until a round revokes nothing (that round is complete and
/// balanced) or `max_rounds` rounds ran. Each later round starts from the previous one's assignment.
///
/// ```
/// use kplay_core::assignor::{cooperative_sticky, GroupSubscription, MemberSubscription, TopicPartition};
/// let mut a = MemberSubscription::new("a", ["t"]);
/// a.owned = vec![TopicPartition::new("t", 0), TopicPartition::new("t", 1)];
/// a.generation = Some(3);
/// let g = GroupSubscription::new([("t", 2)], [a, MemberSubscription::new("b", ["t"])]);
/// let rounds = cooperative_sticky::rounds(&g, 5);
/// assert_eq!(rounds.len(), 2); // b waits one rebalance for t-1
/// assert_eq!(rounds[1].partitions_of("b", "t"), &[1]);
/// ```
pub fn rounds(group: &GroupSubscription, max_rounds: usize) -> Vec<Assignment> {
    let mut out = Vec::new();
    let mut current = group.clone();
    while out.len() < max_rounds {
        let a = assign(&current);
        let revoked = current
            .members
            .iter()
            .zip(&a.members)
            .any(|(m, (_, topics))| {
                m.owned.iter().any(|tp| {
                    topics
                        .get(&tp.topic)
                        .is_none_or(|ps| ps.binary_search(&tp.partition).is_err())
                })
            });
        let next = next_round(&current, &a);
        out.push(a);
        if !revoked {
            break;
        }
        current = next;
    }
    out
}

/// The group as it rejoins after `assignment`: everyone owns what it got, one generation later.
fn next_round(group: &GroupSubscription, assignment: &Assignment) -> GroupSubscription {
    let generation = group
        .members
        .iter()
        .filter_map(|m| m.generation)
        .max()
        .unwrap_or(-1)
        .saturating_add(1);
    let mut next = group.clone();
    for (member, (_, topics)) in next.members.iter_mut().zip(&assignment.members) {
        member.owned = topics
            .iter()
            .flat_map(|(t, ps)| ps.iter().map(move |&p| TopicPartition::new(t.clone(), p)))
            .collect();
        member.generation = Some(generation);
    }
    next
}

/// Kafka's fallback for the general path: partitions a member gains that another member gives up.
fn transferring_ownership(m: &Model, assignment: &[Vec<u32>]) -> Vec<(u32, u32)> {
    let total = m.total() as usize;
    let mut owner = alloc::vec![u32::MAX; total];
    for (c, list) in assignment.iter().enumerate() {
        for &p in list {
            owner[p as usize] = c as u32;
        }
    }
    let mut revoked = alloc::vec![false; total];
    for (c, claims) in m.claimed.iter().enumerate() {
        for &p in claims {
            if owner[p as usize] != c as u32 {
                revoked[p as usize] = true;
            }
        }
    }
    let mut out = Vec::new();
    for (c, list) in assignment.iter().enumerate() {
        let mut claims = m.claimed[c].clone();
        crate::sort::sort_u32(&mut claims);
        for &p in list {
            if revoked[p as usize] && claims.binary_search(&p).is_err() {
                out.push((p, c as u32));
            }
        }
    }
    out
}
