//! Generations, conflicting claims, deleted topics and the Kafka quirks of docs/kafka-quirks.md ("Sticky
//! assignors"), from Kafka's `AbstractStickyAssignorTest`/`StickyAssignorTest` facts and Kafka's code; plus the
//! DESIGN.md example.

use kplay_core::assignor::Strategy;

mod sticky_support;
use sticky_support::{group, member, of, set, sticky};

const GEN: Option<i32> = Some(1);

#[test]
fn stale_or_missing_generation_loses_its_claims() {
    let both = ["topic", "topic2"];
    let claim = [("topic", 0), ("topic", 2), ("topic2", 1)];
    for stale in [Some(9), None, Some(-1)] {
        let g = group(
            &[("topic", 3), ("topic2", 3)],
            vec![
                member("consumer1", &both, &claim, Some(10)),
                member("consumer2", &both, &claim, stale),
            ],
        );
        for strategy in [Strategy::Sticky, Strategy::CooperativeSticky] {
            let a = strategy.assign(&g).unwrap();
            assert_eq!(of(&a, "consumer1"), set(&claim));
            assert_eq!(
                of(&a, "consumer2"),
                set(&[("topic", 1), ("topic2", 0), ("topic2", 2)])
            );
        }
    }
}

#[test]
fn partition_claimed_twice_in_one_generation_goes_to_nobody_who_claimed_it() {
    for (count, c1) in [
        (3, vec![("topic", 1)]),
        (4, vec![("topic", 1), ("topic", 3)]),
    ] {
        let g = group(
            &[("topic", count)],
            vec![
                member("consumer1", &["topic"], &[("topic", 0), ("topic", 1)], GEN),
                member("consumer2", &["topic"], &[("topic", 0), ("topic", 2)], GEN),
                member("consumer3", &["topic"], &[], GEN),
            ],
        );
        let a = sticky(&g);
        assert_eq!(of(&a, "consumer1"), set(&c1));
        assert_eq!(of(&a, "consumer2"), set(&[("topic", 2)]));
        assert_eq!(of(&a, "consumer3"), set(&[("topic", 0)]));
        // Kafka counts topic-0 as transferring, so the cooperative first round withholds it.
        let first = Strategy::CooperativeSticky.assign(&g).unwrap();
        assert!(of(&first, "consumer3").is_empty());
        assert_eq!(of(&first, "consumer1"), set(&c1));
    }
}

#[test]
fn partitions_go_to_the_highest_generation() {
    let all = ["topic", "topic2", "topic3"];
    let g = group(
        &[("topic", 3), ("topic2", 3), ("topic3", 3)],
        vec![
            member(
                "consumer1",
                &all,
                &[("topic", 0), ("topic2", 0), ("topic3", 0)],
                Some(10),
            ),
            member(
                "consumer2",
                &all,
                &[("topic", 1), ("topic2", 1), ("topic3", 1)],
                Some(9),
            ),
            member(
                "consumer3",
                &all,
                &[("topic2", 1), ("topic3", 0), ("topic3", 2)],
                Some(8),
            ),
        ],
    );
    for strategy in [Strategy::Sticky, Strategy::CooperativeSticky] {
        let a = strategy.assign(&g).unwrap();
        assert_eq!(
            of(&a, "consumer1"),
            set(&[("topic", 0), ("topic2", 0), ("topic3", 0)])
        );
        assert_eq!(
            of(&a, "consumer2"),
            set(&[("topic", 1), ("topic2", 1), ("topic3", 1)])
        );
        assert_eq!(
            of(&a, "consumer3"),
            set(&[("topic", 2), ("topic2", 2), ("topic3", 2)])
        );
    }
}

#[test]
fn conflicting_previous_generations_keep_the_newer_claims() {
    let all = ["topic", "topic2", "topic3"];
    for equal in [true, false] {
        let c1_topics: &[&str] = if equal { &all } else { &["topic"] };
        let c2_topics: &[&str] = if equal { &all } else { &["topic", "topic2"] };
        let c1_0: &[(&str, u32)] = if equal {
            &[
                ("topic", 0),
                ("topic", 1),
                ("topic", 2),
                ("topic2", 2),
                ("topic2", 3),
                ("topic3", 0),
            ]
        } else {
            &[("topic", 0), ("topic", 1), ("topic", 2), ("topic", 3)]
        };
        let c2_0 = [
            ("topic", 0),
            ("topic", 1),
            ("topic2", 0),
            ("topic2", 1),
            ("topic2", 2),
            ("topic2", 3),
        ];
        let c3_0 = [
            ("topic", 2),
            ("topic", 3),
            ("topic3", 0),
            ("topic3", 1),
            ("topic3", 2),
            ("topic3", 3),
        ];
        let g = group(
            &[("topic", 4), ("topic2", 4), ("topic3", 4)],
            vec![
                member("consumer1", c1_topics, c1_0, Some(1)),
                member("consumer2", c2_topics, &c2_0, Some(2)),
                member("consumer3", &all, &c3_0, Some(2)),
            ],
        );
        let a = sticky(&g);
        for c in ["consumer1", "consumer2", "consumer3"] {
            assert_eq!(of(&a, c).len(), 4, "{c} equal={equal}");
        }
        assert!(of(&a, "consumer2").is_subset(&set(&c2_0)));
        assert!(of(&a, "consumer3").is_subset(&set(&c3_0)));
    }
}

#[test]
fn deleted_topic_partitions_are_ignored() {
    let g = group(
        &[("topic1", 1), ("topic3", 100)],
        vec![member(
            "consumer",
            &["topic1", "topic2", "topic3"],
            &[],
            None,
        )],
    );
    assert_eq!(of(&sticky(&g), "consumer").len(), 101);
    let g = group(
        &[],
        vec![member(
            "consumer",
            &["topic"],
            &[("topic", 0), ("topic", 1)],
            GEN,
        )],
    );
    assert!(of(&sticky(&g), "consumer").is_empty());
}

#[test]
fn design_examples() {
    // DESIGN.md §2: fresh t1:3, t2:3, c1, c2.
    let both = ["t1", "t2"];
    let a = sticky(&group(
        &[("t1", 3), ("t2", 3)],
        vec![
            member("c1", &both, &[], None),
            member("c2", &both, &[], None),
        ],
    ));
    assert_eq!(of(&a, "c1"), set(&[("t1", 0), ("t1", 2), ("t2", 1)]));
    assert_eq!(of(&a, "c2"), set(&[("t1", 1), ("t2", 0), ("t2", 2)]));
}

#[test]
fn quirk_empty_subscription_seen_first_still_takes_the_constrained_path() {
    // "a" comes first in Java HashMap order (hashes 97, 98, 99); Kafka compares subscriptions with the first
    // non-empty one, so the group counts as "all equal" and "a" receives a partition it never subscribed to.
    let g = group(
        &[("t", 3)],
        vec![
            member("a", &[], &[], None),
            member("b", &["t"], &[], None),
            member("c", &["t"], &[], None),
        ],
    );
    let a = sticky(&g);
    assert_eq!(of(&a, "a"), set(&[("t", 0)]));
    assert_eq!(of(&a, "b"), set(&[("t", 1)]));
    assert_eq!(of(&a, "c"), set(&[("t", 2)]));
    // With the empty member later in HashMap order the general path runs and it gets nothing.
    let g = group(
        &[("t", 3)],
        vec![
            member("b", &["t"], &[], None),
            member("c", &["t"], &[], None),
            member("z", &[], &[], None),
        ],
    );
    assert!(of(&sticky(&g), "z").is_empty());
}

#[test]
fn quirk_older_claim_can_pull_a_partition_to_a_member_that_unsubscribed() {
    // p claimed t1-0 in generation 1 and now only subscribes to t2; the general path's "move back to the
    // previous owner" rule still hands t1-0 to p because its owner holds two more partitions than p.
    let g = group(
        &[("t1", 4), ("t2", 1)],
        vec![
            member(
                "a",
                &["t1"],
                &[("t1", 0), ("t1", 1), ("t1", 2), ("t1", 3)],
                Some(2),
            ),
            member("b", &["t1", "t2"], &[], None),
            member("p", &["t2"], &[("t1", 0)], Some(1)),
        ],
    );
    let a = sticky(&g);
    assert!(of(&a, "p").contains(&("t1".to_string(), 0)), "{a:?}");
}

#[test]
fn owned_partitions_are_trimmed_by_partition_then_topic() {
    let both = ["t1", "t2"];
    let g = group(
        &[("t1", 2), ("t2", 2)],
        vec![
            member("a", &both, &[("t1", 0), ("t1", 1), ("t2", 0)], GEN),
            member("b", &both, &[], GEN),
        ],
    );
    let a = sticky(&g);
    assert_eq!(of(&a, "a"), set(&[("t1", 0), ("t2", 0)]));
    assert_eq!(of(&a, "b"), set(&[("t1", 1), ("t2", 1)]));
}
