//! The two places where the engine calls code owned by other modules that land on other branches:
//! keyed/null-key partition choice and the group leader's assignor.
//!
//! MERGE NOTE for the lead: `crate::hash::murmur2` and `crate::assignor::{range,round_robin}` were `todo!()` on
//! the engine branch, so this file carries private stand-ins (`fallback_murmur2`, `fallback_range`,
//! `fallback_round_robin`). After the `part` and assignor branches are merged, delete the `fallback` module
//! and make `key_partition` call `crate::hash::partition_for_key` and `run_assignor` call `strategy.assign`
//! for every strategy. The engine's tests (golden trace included) must then pass unchanged, which also
//! cross-checks both implementations.

use crate::assignor::{Assignment, GroupSubscription, Strategy};
use crate::rng::Rng;

// PARTITIONER-HOOK: keyed records. After merge: `crate::hash::partition_for_key(key, n_partitions)`.
pub(crate) fn key_partition(key: &[u8], n_partitions: u32) -> u32 {
    ((fallback::murmur2(key) & 0x7fff_ffff) as u32) % n_partitions
}

// PARTITIONER-HOOK: null keys, Kafka >= 3.3 built-in partitioner without adaptive weighting: a new sticky
// partition is drawn uniformly at random once `batch.size` bytes went to the current one. After merge this can
// call `crate::partitioner`'s built-in partitioner instead.
pub(crate) fn sticky_partition(rng: &mut Rng, n_partitions: u32) -> u32 {
    rng.below(n_partitions)
}

/// Runs the group leader's assignor.
pub(crate) fn run_assignor(strategy: Strategy, group: &GroupSubscription) -> Assignment {
    // After merge: `strategy.assign(group)` for every strategy (the engine never builds invalid
    // subscriptions, so the error arm only guards against a broken invariant).
    let result = match strategy {
        Strategy::Range => Ok(fallback::range(group)),
        Strategy::RoundRobin => Ok(fallback::round_robin(group)),
        Strategy::Sticky | Strategy::CooperativeSticky => strategy.assign(group),
    };
    match result {
        Ok(a) => a,
        Err(_) => {
            debug_assert!(false, "engine built an invalid subscription");
            Assignment::default()
        }
    }
}

mod fallback {
    //! Private stand-ins until the real modules are merged (see the file comment). DELETE after merge.
    use crate::assignor::{Assignment, GroupSubscription, MemberSubscription};
    use alloc::collections::BTreeMap;
    use alloc::string::String;
    use alloc::vec::Vec;

    pub(super) fn murmur2(data: &[u8]) -> i32 {
        const M: u32 = 0x5bd1_e995;
        let mut h: u32 = 0x9747_b28c ^ data.len() as u32;
        let mut chunks = data.chunks_exact(4);
        for c in &mut chunks {
            let mut k = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
            k = k.wrapping_mul(M);
            k ^= k >> 24;
            k = k.wrapping_mul(M);
            h = h.wrapping_mul(M);
            h ^= k;
        }
        let tail = chunks.remainder();
        if tail.len() >= 3 {
            h ^= u32::from(tail[2]) << 16;
        }
        if tail.len() >= 2 {
            h ^= u32::from(tail[1]) << 8;
        }
        if !tail.is_empty() {
            h ^= u32::from(tail[0]);
            h = h.wrapping_mul(M);
        }
        h ^= h >> 13;
        h = h.wrapping_mul(M);
        h ^= h >> 15;
        h as i32
    }

    /// Static members by instance id first, then dynamic members by member id.
    fn sorted(members: &[&MemberSubscription]) -> Vec<String> {
        let mut stat: Vec<(&str, &str)> = members
            .iter()
            .filter_map(|m| m.instance_id.as_deref().map(|i| (i, m.member_id.as_str())))
            .collect();
        stat.sort();
        let mut dynamic: Vec<&str> = members
            .iter()
            .filter(|m| m.instance_id.is_none())
            .map(|m| m.member_id.as_str())
            .collect();
        dynamic.sort();
        stat.into_iter()
            .map(|(_, m)| m.into())
            .chain(dynamic.into_iter().map(String::from))
            .collect()
    }

    fn empty(group: &GroupSubscription) -> Vec<(String, BTreeMap<String, Vec<u32>>)> {
        group
            .members
            .iter()
            .map(|m| (m.member_id.clone(), BTreeMap::new()))
            .collect()
    }

    fn give(out: &mut [(String, BTreeMap<String, Vec<u32>>)], member: &str, topic: &str, p: u32) {
        if let Some((_, t)) = out.iter_mut().find(|(m, _)| m == member) {
            t.entry(topic.into()).or_default().push(p);
        }
    }

    pub(super) fn range(group: &GroupSubscription) -> Assignment {
        let mut out = empty(group);
        for (topic, n) in &group.topics {
            let subs: Vec<&MemberSubscription> = group
                .members
                .iter()
                .filter(|m| m.topics.iter().any(|t| t == topic))
                .collect();
            if subs.is_empty() {
                continue;
            }
            let order = sorted(&subs);
            let (per, extra) = (n / order.len() as u32, n % order.len() as u32);
            let mut next = 0;
            for (i, m) in order.iter().enumerate() {
                let count = per + u32::from((i as u32) < extra);
                for p in next..next + count {
                    give(&mut out, m, topic, p);
                }
                next += count;
            }
        }
        Assignment { members: out }
    }

    pub(super) fn round_robin(group: &GroupSubscription) -> Assignment {
        let mut out = empty(group);
        let all: Vec<&MemberSubscription> = group.members.iter().collect();
        let order = sorted(&all);
        let mut topics: Vec<&(String, u32)> = group
            .topics
            .iter()
            .filter(|(t, _)| group.members.iter().any(|m| m.topics.contains(t)))
            .collect();
        topics.sort();
        let mut cursor = 0;
        for (topic, n) in topics {
            for p in 0..*n {
                for _ in 0..order.len() {
                    let m = &order[cursor % order.len()];
                    cursor += 1;
                    let subscribed = group
                        .members
                        .iter()
                        .any(|s| &s.member_id == m && s.topics.contains(topic));
                    if subscribed {
                        give(&mut out, m, topic, p);
                        break;
                    }
                }
            }
        }
        Assignment { members: out }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::assignor::GroupSubscription;

        #[test]
        fn murmur2_matches_kafka_vectors() {
            assert_eq!(murmur2(b"21"), -973932308);
            assert_eq!(murmur2(b"foobar"), -790332482);
            assert_eq!(murmur2(b"a-little-bit-long-string"), -985981536);
            assert_eq!(murmur2(b"a-little-bit-longer-string"), -1486304829);
            assert_eq!(
                murmur2(b"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"),
                -58897971
            );
            assert_eq!(murmur2(b"abc"), 479470107);
        }

        #[test]
        fn range_and_round_robin_match_design_examples() {
            let g = GroupSubscription::new(
                [("t1", 3), ("t2", 3)],
                [
                    MemberSubscription::new("c1", ["t1", "t2"]),
                    MemberSubscription::new("c2", ["t1", "t2"]),
                ],
            );
            let r = range(&g);
            assert_eq!(r.partitions_of("c1", "t1"), &[0, 1]);
            assert_eq!(r.partitions_of("c1", "t2"), &[0, 1]);
            assert_eq!(r.partitions_of("c2", "t1"), &[2]);
            let rr = round_robin(&g);
            assert_eq!(rr.partitions_of("c1", "t1"), &[0, 2]);
            assert_eq!(rr.partitions_of("c1", "t2"), &[1]);
            assert_eq!(rr.partitions_of("c2", "t2"), &[0, 2]);
        }
    }
}
