//! Concrete assignments fixed by Kafka's own `AbstractStickyAssignorTest`, `StickyAssignorTest` and
//! `CooperativeStickyAssignorTest` (their facts, our code).

use kplay_core::assignor::{cooperative_sticky, Strategy};

mod sticky_support;
use sticky_support::{group, member, of, set, sticky};

const GEN: Option<i32> = Some(1);

#[test]
fn one_consumer_gets_everything_it_subscribes_to() {
    let g = group(
        &[("topic", 3), ("other", 2)],
        vec![member("consumer", &["topic"], &[], None)],
    );
    assert_eq!(
        of(&sticky(&g), "consumer"),
        set(&[("topic", 0), ("topic", 1), ("topic", 2)])
    );
    let g = group(
        &[("topic1", 1), ("topic2", 2)],
        vec![member("consumer", &["topic1", "topic2"], &[], None)],
    );
    assert_eq!(
        of(&sticky(&g), "consumer"),
        set(&[("topic1", 0), ("topic2", 0), ("topic2", 1)])
    );
}

#[test]
fn nonexistent_topic_and_no_topic_give_nothing() {
    let g = group(&[], vec![member("consumer", &["topic"], &[], None)]);
    assert!(of(&sticky(&g), "consumer").is_empty());
    let g = group(&[("topic", 3)], vec![member("consumer", &[], &[], None)]);
    assert!(of(&sticky(&g), "consumer").is_empty());
}

#[test]
fn two_consumers_one_topic_two_partitions() {
    let g = group(
        &[("topic", 2)],
        vec![
            member("consumer1", &["topic"], &[], None),
            member("consumer2", &["topic"], &[], None),
        ],
    );
    let a = sticky(&g);
    assert_eq!(of(&a, "consumer1"), set(&[("topic", 0)]));
    assert_eq!(of(&a, "consumer2"), set(&[("topic", 1)]));
}

#[test]
fn mixed_topic_subscriptions() {
    let g = group(
        &[("topic1", 3), ("topic2", 2)],
        vec![
            member("consumer1", &["topic1"], &[], None),
            member("consumer2", &["topic1", "topic2"], &[], None),
            member("consumer3", &["topic1"], &[], None),
        ],
    );
    for strategy in [Strategy::Sticky, Strategy::CooperativeSticky] {
        let a = strategy.assign(&g).unwrap();
        assert_eq!(of(&a, "consumer1"), set(&[("topic1", 0), ("topic1", 2)]));
        assert_eq!(of(&a, "consumer2"), set(&[("topic2", 0), ("topic2", 1)]));
        assert_eq!(of(&a, "consumer3"), set(&[("topic1", 1)]));
    }
}

#[test]
fn two_consumers_two_topics_six_partitions() {
    let both = ["topic1", "topic2"];
    let g = group(
        &[("topic1", 3), ("topic2", 3)],
        vec![
            member("consumer1", &both, &[], None),
            member("consumer2", &both, &[], None),
        ],
    );
    let a = sticky(&g);
    assert_eq!(
        of(&a, "consumer1"),
        set(&[("topic1", 0), ("topic1", 2), ("topic2", 1)])
    );
    assert_eq!(
        of(&a, "consumer2"),
        set(&[("topic1", 1), ("topic2", 0), ("topic2", 2)])
    );
}

#[test]
fn consumer_owning_min_quota_gets_max_quota() {
    let both = ["topic1", "topic2"];
    let g = group(
        &[("topic1", 2), ("topic2", 3)],
        vec![
            member("consumer1", &both, &[("topic1", 0), ("topic2", 1)], GEN),
            member("consumer2", &both, &[("topic1", 1), ("topic2", 2)], GEN),
        ],
    );
    let a = sticky(&g);
    assert_eq!(
        of(&a, "consumer1"),
        set(&[("topic1", 0), ("topic2", 1), ("topic2", 0)])
    );
    assert_eq!(of(&a, "consumer2"), set(&[("topic1", 1), ("topic2", 2)]));
    // Nothing changes hands, so the cooperative first round is already final.
    assert_eq!(Strategy::CooperativeSticky.assign(&g).unwrap(), a);
}

#[test]
fn more_max_quota_owners_than_max_quota_slots() {
    let both = ["topic1", "topic2"];
    let g = group(
        &[("topic1", 2), ("topic2", 2)],
        vec![
            member("consumer1", &both, &[("topic1", 0), ("topic2", 0)], GEN),
            member("consumer2", &both, &[("topic1", 1), ("topic2", 1)], GEN),
            member("consumer3", &both, &[], GEN),
        ],
    );
    let a = sticky(&g);
    assert_eq!(of(&a, "consumer1"), set(&[("topic1", 0)]));
    assert_eq!(of(&a, "consumer2"), set(&[("topic1", 1), ("topic2", 1)]));
    assert_eq!(of(&a, "consumer3"), set(&[("topic2", 0)]));
    // Kafka: topic2-0 transfers from consumer1 to consumer3, so the cooperative first round withholds it.
    let (first, follow_up) = cooperative_sticky::assign_rounds(&g);
    assert!(of(&first, "consumer3").is_empty());
    assert_eq!(of(&first, "consumer1"), set(&[("topic1", 0)]));
    assert_eq!(follow_up, a);
}

#[test]
fn all_consumers_under_min_quota() {
    let both = ["topic1", "topic2"];
    let g = group(
        &[("topic1", 2), ("topic2", 3)],
        vec![
            member("consumer1", &both, &[("topic1", 0)], GEN),
            member("consumer2", &both, &[("topic1", 1)], GEN),
            member("consumer3", &both, &[], GEN),
        ],
    );
    let a = sticky(&g);
    assert_eq!(of(&a, "consumer1"), set(&[("topic1", 0), ("topic2", 1)]));
    assert_eq!(of(&a, "consumer2"), set(&[("topic1", 1), ("topic2", 2)]));
    assert_eq!(of(&a, "consumer3"), set(&[("topic2", 0)]));
    assert_eq!(Strategy::CooperativeSticky.assign(&g).unwrap(), a);
}

#[test]
fn add_then_remove_consumer_on_one_topic() {
    let g = group(
        &[("topic", 3)],
        vec![member("consumer1", &["topic"], &[], None)],
    );
    assert_eq!(
        of(&sticky(&g), "consumer1"),
        set(&[("topic", 0), ("topic", 1), ("topic", 2)])
    );
    let all = [("topic", 0), ("topic", 1), ("topic", 2)];
    let g = group(
        &[("topic", 3)],
        vec![
            member("consumer1", &["topic"], &all, GEN),
            member("consumer2", &["topic"], &[], GEN),
        ],
    );
    let a = sticky(&g);
    assert_eq!(of(&a, "consumer1"), set(&[("topic", 0), ("topic", 1)]));
    assert_eq!(of(&a, "consumer2"), set(&[("topic", 2)]));
    // Cooperative: topic-2 is withheld first.
    assert!(of(
        &Strategy::CooperativeSticky.assign(&g).unwrap(),
        "consumer2"
    )
    .is_empty());
    let g = group(
        &[("topic", 3)],
        vec![member("consumer2", &["topic"], &[("topic", 2)], GEN)],
    );
    assert_eq!(of(&sticky(&g), "consumer2"), set(&all));
}

#[test]
fn add_and_remove_two_consumers_on_two_topics() {
    let both = ["topic1", "topic2"];
    let topics = [("topic1", 3), ("topic2", 4)];
    let a = sticky(&group(
        &topics,
        vec![
            member("consumer1", &both, &[], None),
            member("consumer2", &both, &[], None),
        ],
    ));
    let c1 = [("topic1", 0), ("topic1", 2), ("topic2", 1), ("topic2", 3)];
    let c2 = [("topic1", 1), ("topic2", 0), ("topic2", 2)];
    assert_eq!(of(&a, "consumer1"), set(&c1));
    assert_eq!(of(&a, "consumer2"), set(&c2));

    let g = group(
        &topics,
        vec![
            member("consumer1", &both, &c1, GEN),
            member("consumer2", &both, &c2, GEN),
            member("consumer3", &both, &[], GEN),
            member("consumer4", &both, &[], GEN),
        ],
    );
    let a = sticky(&g);
    let c3 = [("topic1", 2), ("topic2", 3)];
    let c4 = [("topic2", 2)];
    assert_eq!(of(&a, "consumer1"), set(&[("topic1", 0), ("topic2", 1)]));
    assert_eq!(of(&a, "consumer2"), set(&[("topic2", 0), ("topic1", 1)]));
    assert_eq!(of(&a, "consumer3"), set(&c3));
    assert_eq!(of(&a, "consumer4"), set(&c4));
    // Kafka: topic1-2 and topic2-3 transfer to consumer3, topic2-2 to consumer4.
    let first = Strategy::CooperativeSticky.assign(&g).unwrap();
    assert!(of(&first, "consumer3").is_empty() && of(&first, "consumer4").is_empty());

    let g = group(
        &topics,
        vec![
            member("consumer3", &both, &c3, GEN),
            member("consumer4", &both, &c4, GEN),
        ],
    );
    let a = sticky(&g);
    assert_eq!(
        of(&a, "consumer3"),
        set(&[("topic1", 2), ("topic2", 3), ("topic1", 0), ("topic2", 1)])
    );
    assert_eq!(
        of(&a, "consumer4"),
        set(&[("topic2", 2), ("topic1", 1), ("topic2", 0)])
    );
}

#[test]
fn all_consumers_reach_expected_quota() {
    let g = group(
        &[("topic", 4)],
        vec![
            member("consumer1", &["topic"], &[("topic", 0), ("topic", 1)], GEN),
            member("consumer2", &["topic"], &[("topic", 2)], GEN),
            member("consumer3", &["topic"], &[], GEN),
        ],
    );
    let a = sticky(&g);
    assert_eq!(of(&a, "consumer1"), set(&[("topic", 0), ("topic", 1)]));
    assert_eq!(of(&a, "consumer2"), set(&[("topic", 2)]));
    assert_eq!(of(&a, "consumer3"), set(&[("topic", 3)]));
}

#[test]
fn old_version_subscriptions_without_owned_partitions() {
    let g = group(
        &[("topic1", 3)],
        vec![
            member("consumer1", &["topic1"], &[], None),
            member("consumer2", &["topic1"], &[], None),
            member("consumer3", &["topic1"], &[], None),
        ],
    );
    for strategy in [Strategy::Sticky, Strategy::CooperativeSticky] {
        let a = strategy.assign(&g).unwrap();
        assert_eq!(of(&a, "consumer1"), set(&[("topic1", 0)]));
        assert_eq!(of(&a, "consumer2"), set(&[("topic1", 1)]));
        assert_eq!(of(&a, "consumer3"), set(&[("topic1", 2)]));
    }
}
