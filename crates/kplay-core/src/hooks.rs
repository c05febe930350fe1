//! The place where the engine calls the group leader's assignor. Partition choice goes through
//! [`crate::partitioner`] directly from `producer.rs`.

use crate::assignor::{Flat, GroupSubscription, Strategy};

/// Runs the group leader's assignor; `true` beside the assignment when Kafka's own assignor would never have
/// returned (see [`crate::assignor::sticky::balancing_never_ends`]). The engine only builds valid subscriptions,
/// so an error is a broken invariant: debug builds stop there, release builds assign nothing (the group then
/// shows no owners).
pub(crate) fn run_assignor(strategy: Strategy, group: &GroupSubscription) -> (Flat, bool) {
    match strategy.assign_noting_loops(group) {
        Ok(a) => a,
        Err(_) => {
            debug_assert!(false, "engine built an invalid subscription");
            (Flat::new(), false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignor::{MemberSubscription, TopicPartition};
    use alloc::vec::Vec;

    fn member(id: &str, topics: &[&str], owned: &[(&str, u32)]) -> MemberSubscription {
        let mut m = MemberSubscription::new(id, topics.iter().copied());
        m.owned = owned
            .iter()
            .map(|&(t, p)| TopicPartition::new(t, p))
            .collect();
        m.generation = Some(3);
        m
    }

    /// The engine reads the assignors' flat lists; the public `Assignment` holds the same lists in maps: the same
    /// members in the same order, and per member the same topics (none twice) with the same partitions.
    #[test]
    fn the_engine_reads_what_the_public_assignment_holds() {
        let groups = [
            GroupSubscription::new(
                [("b", 5), ("a", 3), ("c", 0)],
                [
                    member("m2", &["a", "b", "c"], &[]),
                    member("m1", &["b", "a"], &[]),
                    member("m3", &["a", "b", "c"], &[]),
                ],
            ),
            // Owned partitions and different subscriptions: the sticky assignors' general path.
            GroupSubscription::new(
                [("t", 4), ("u", 3), ("v", 2)],
                [
                    member("a", &["t", "u", "v"], &[("t", 0), ("t", 1), ("u", 0)]),
                    member("b", &["t"], &[("t", 2)]),
                    member("c", &["u", "v", "ghost"], &[("v", 1)]),
                ],
            ),
        ];
        for g in &groups {
            for &strategy in &Strategy::ALL {
                let (mut flat, _) = run_assignor(strategy, g);
                for (_, topics) in &mut flat {
                    topics.sort();
                }
                let public: Flat = strategy
                    .assign(g)
                    .unwrap()
                    .members
                    .into_iter()
                    .map(|(m, topics)| (m, topics.into_iter().collect()))
                    .collect();
                assert_eq!(flat, public, "{strategy:?}");
                assert!(flat.iter().any(|(_, t)| !t.is_empty()), "{strategy:?}");
            }
        }
    }

    /// The group Kafka's own sticky assignors never return on (docs/kafka-quirks.md): the engine learns it, so it
    /// can warn; other groups and other strategies say nothing.
    #[test]
    fn the_assignor_reports_a_loop_kafka_never_leaves() {
        let looping = GroupSubscription::new(
            [
                ("t0", 4),
                ("t1", 1),
                ("t2", 3),
                ("t3", 6),
                ("t4", 2),
                ("t5", 4),
            ],
            [
                member("consumer-0", &["t1"], &[("t1", 0)]),
                member(
                    "consumer-1",
                    &["t1", "t3", "t5"],
                    &[("t3", 2), ("t3", 5), ("t5", 1), ("t5", 2)],
                ),
                member(
                    "consumer-2",
                    &["t2", "t4"],
                    &[("t2", 1), ("t4", 0), ("t4", 1)],
                ),
                member("consumer-4", &["t2"], &[("t2", 0), ("t2", 2)]),
                member(
                    "consumer-5",
                    &["t0", "t1", "t3", "t5"],
                    &[("t0", 1), ("t0", 3), ("t3", 3), ("t5", 0), ("t5", 3)],
                ),
                member("consumer-6", &["t2", "t5"], &[]),
            ],
        );
        for strategy in [Strategy::Sticky, Strategy::CooperativeSticky] {
            let (a, endless) = run_assignor(strategy, &looping);
            assert!(endless, "{strategy:?}");
            assert_eq!(a.len(), 6);
        }
        for strategy in [Strategy::Range, Strategy::RoundRobin] {
            assert!(!run_assignor(strategy, &looping).1, "{strategy:?}");
        }
        // Different subscriptions, so the sticky assignors take the general path too, and it finishes.
        let calm = GroupSubscription::new(
            [("t", 4), ("u", 3)],
            [
                member("a", &["t", "u"], &[("t", 0), ("t", 1), ("t", 2), ("t", 3)]),
                member("b", &["t"], &[]),
            ],
        );
        let owners: Vec<bool> = Strategy::ALL
            .iter()
            .map(|&s| run_assignor(s, &calm).1)
            .collect();
        assert_eq!(owners, [false; 4]);
    }
}
