//! Property tests for range and roundrobin: complete, exclusive, subscriber-only, balanced.

use kplay_core::assignor::{Assignment, GroupSubscription, MemberSubscription, Strategy};
use proptest::prelude::{
    any, prop_assert, prop_assert_eq, proptest, ProptestConfig, TestCaseError,
};
use proptest::strategy::Strategy as _;
use std::collections::BTreeMap;

/// Strategies the properties cover; sticky ones join once implemented.
const COVERED: [Strategy; 2] = [Strategy::Range, Strategy::RoundRobin];

fn arb_group(identical: bool) -> impl proptest::strategy::Strategy<Value = GroupSubscription> {
    (1usize..6, 1usize..9).prop_flat_map(move |(n_topics, n_members)| {
        let counts = proptest::collection::vec(1u32..40, n_topics);
        let subs = proptest::collection::vec(
            proptest::collection::vec(any::<bool>(), n_topics),
            n_members,
        );
        let statics = proptest::collection::vec(proptest::option::of(0u8..20), n_members);
        let ids = proptest::collection::btree_set("[a-zA-Z0-9-]{1,8}", n_members);
        (counts, subs, statics, ids).prop_map(move |(counts, subs, statics, ids)| {
            let topics: Vec<(String, u32)> = counts
                .iter()
                .enumerate()
                .map(|(i, &c)| (format!("t{i}"), c))
                .collect();
            let members = ids
                .into_iter()
                .zip(subs.iter())
                .zip(statics.iter())
                .enumerate()
                .map(|(i, ((id, mask), instance))| {
                    let subscribed = topics
                        .iter()
                        .zip(if identical { &subs[0] } else { mask })
                        .filter(|(_, &on)| on)
                        .map(|((t, _), _)| t.clone());
                    let mut m = MemberSubscription::new(id, subscribed);
                    // Unique instance ids: a coordinator never lets two members share one.
                    m.instance_id = instance.map(|x| format!("i{x}-{i}"));
                    m
                })
                .collect::<Vec<_>>();
            GroupSubscription::new(topics, members)
        })
    })
}

fn subscribers(group: &GroupSubscription, topic: &str) -> Vec<String> {
    group
        .members
        .iter()
        .filter(|m| m.topics.iter().any(|t| t == topic))
        .map(|m| m.member_id.clone())
        .collect()
}

fn check_complete_and_exclusive(
    group: &GroupSubscription,
    a: &Assignment,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.members.len(), group.members.len());
    for (m, (id, _)) in group.members.iter().zip(&a.members) {
        prop_assert_eq!(&m.member_id, id);
    }
    let mut owner: BTreeMap<(String, u32), String> = BTreeMap::new();
    for (member, topics) in &a.members {
        for (topic, parts) in topics {
            prop_assert!(
                !parts.is_empty(),
                "empty partition list kept for {member}/{topic}"
            );
            prop_assert!(parts.windows(2).all(|w| w[0] < w[1]), "not ascending");
            let subs = subscribers(group, topic);
            prop_assert!(
                subs.contains(member),
                "{member} got {topic} without subscribing"
            );
            for &p in parts {
                prop_assert!(p < group.partition_count(topic).unwrap_or(0));
                prop_assert!(
                    owner.insert((topic.clone(), p), member.clone()).is_none(),
                    "{topic}-{p} twice"
                );
            }
        }
    }
    for (topic, count) in &group.topics {
        if subscribers(group, topic).is_empty() {
            continue;
        }
        for p in 0..*count {
            prop_assert!(
                owner.contains_key(&(topic.clone(), p)),
                "{topic}-{p} unassigned"
            );
        }
    }
    Ok(())
}

fn count_of(a: &Assignment, member: &str, topic: Option<&str>) -> usize {
    let (_, topics) = a.members.iter().find(|(m, _)| m == member).unwrap();
    topics
        .iter()
        .filter(|(t, _)| topic.is_none_or(|x| x == t.as_str()))
        .map(|(_, p)| p.len())
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_subscribed_partition_is_assigned_once_to_a_subscriber(group in arb_group(false)) {
        for strategy in COVERED {
            let a = strategy.assign(&group).unwrap();
            check_complete_and_exclusive(&group, &a)?;
        }
    }

    #[test]
    fn range_counts_per_topic_differ_by_at_most_one(group in arb_group(false)) {
        let a = Strategy::Range.assign(&group).unwrap();
        for (topic, _) in &group.topics {
            let counts: Vec<usize> =
                subscribers(&group, topic).iter().map(|m| count_of(&a, m, Some(topic))).collect();
            if let (Some(min), Some(max)) = (counts.iter().min(), counts.iter().max()) {
                prop_assert!(max - min <= 1, "{topic}: {counts:?}");
            }
        }
    }

    #[test]
    fn roundrobin_with_identical_subscriptions_differs_by_at_most_one(group in arb_group(true)) {
        let a = Strategy::RoundRobin.assign(&group).unwrap();
        let counts: Vec<usize> = group.members.iter().map(|m| count_of(&a, &m.member_id, None)).collect();
        let (min, max) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
        prop_assert!(max - min <= 1, "{counts:?}");
    }

    #[test]
    fn result_does_not_depend_on_arrival_order(group in arb_group(false)) {
        // Range and roundrobin sort members, so reversing the arrival order changes nothing but output order.
        let mut reversed = group.clone();
        reversed.members.reverse();
        for strategy in COVERED {
            let mut a = strategy.assign(&group).unwrap().members;
            let mut b = strategy.assign(&reversed).unwrap().members;
            a.sort();
            b.sort();
            prop_assert_eq!(a, b);
        }
    }
}
