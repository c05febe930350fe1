//! Facts from Kafka's `RangeAssignorTest` and `RoundRobinAssignorTest` (non-rack cases), restated as our own
//! tests, plus hand-derived mixed static/dynamic and Java string-order cases (kafka-python cannot check those).

use kplay_core::assignor::{Assignment, GroupSubscription, MemberSubscription, Strategy};

/// `(member id, group.instance.id, topics)`.
type Member<'a> = (&'a str, Option<&'a str>, &'a [&'a str]);

fn group(topics: &[(&str, u32)], members: &[Member<'_>]) -> GroupSubscription {
    GroupSubscription::new(
        topics.iter().copied(),
        members.iter().map(|&(id, instance, subscribed)| {
            let mut m = MemberSubscription::new(id, subscribed.iter().copied());
            m.instance_id = instance.map(String::from);
            m
        }),
    )
}

/// A member's partitions as sorted `topic-partition` strings.
fn owned(a: &Assignment, member: &str) -> Vec<String> {
    let (_, topics) = a
        .members
        .iter()
        .find(|(m, _)| m == member)
        .expect("member present");
    topics
        .iter()
        .flat_map(|(t, ps)| ps.iter().map(move |p| format!("{t}-{p}")))
        .collect()
}

fn check(a: &Assignment, member: &str, expected: &[&str]) {
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(owned(a, member), want, "assignment of {member}");
}

fn both() -> [Strategy; 2] {
    [Strategy::Range, Strategy::RoundRobin]
}

#[test]
fn one_consumer_without_topics_or_with_a_missing_topic_gets_nothing() {
    for s in both() {
        let a = s.assign(&group(&[], &[("consumer", None, &[])])).unwrap();
        assert_eq!(a.members.len(), 1);
        check(&a, "consumer", &[]);
        let a = s
            .assign(&group(&[], &[("consumer", None, &["topic"])]))
            .unwrap();
        check(&a, "consumer", &[]);
    }
}

#[test]
fn one_consumer_gets_everything_it_subscribes_to_and_nothing_else() {
    for s in both() {
        let a = s
            .assign(&group(
                &[("topic", 3), ("other", 3)],
                &[("consumer", None, &["topic"])],
            ))
            .unwrap();
        check(&a, "consumer", &["topic-0", "topic-1", "topic-2"]);
        let a = s
            .assign(&group(
                &[("topic1", 1), ("topic2", 2)],
                &[("consumer", None, &["topic1", "topic2"])],
            ))
            .unwrap();
        check(&a, "consumer", &["topic1-0", "topic2-0", "topic2-1"]);
    }
}

#[test]
fn two_consumers_one_topic() {
    for s in both() {
        let members: &[Member<'_>] = &[
            ("consumer1", None, &["topic"]),
            ("consumer2", None, &["topic"]),
        ];
        let a = s.assign(&group(&[("topic", 1)], members)).unwrap();
        check(&a, "consumer1", &["topic-0"]);
        check(&a, "consumer2", &[]);
        let a = s.assign(&group(&[("topic", 2)], members)).unwrap();
        check(&a, "consumer1", &["topic-0"]);
        check(&a, "consumer2", &["topic-1"]);
    }
}

#[test]
fn multiple_consumers_mixed_topics() {
    let g = group(
        &[("topic1", 3), ("topic2", 2)],
        &[
            ("consumer1", None, &["topic1"]),
            ("consumer2", None, &["topic1", "topic2"]),
            ("consumer3", None, &["topic1"]),
        ],
    );
    for s in both() {
        let a = s.assign(&g).unwrap();
        check(&a, "consumer1", &["topic1-0"]);
        check(&a, "consumer2", &["topic1-1", "topic2-0", "topic2-1"]);
        check(&a, "consumer3", &["topic1-2"]);
    }
}

#[test]
fn two_consumers_two_topics_six_partitions() {
    let g = group(
        &[("topic1", 3), ("topic2", 3)],
        &[
            ("consumer1", None, &["topic1", "topic2"]),
            ("consumer2", None, &["topic1", "topic2"]),
        ],
    );
    let range = Strategy::Range.assign(&g).unwrap();
    check(
        &range,
        "consumer1",
        &["topic1-0", "topic1-1", "topic2-0", "topic2-1"],
    );
    check(&range, "consumer2", &["topic1-2", "topic2-2"]);
    let rr = Strategy::RoundRobin.assign(&g).unwrap();
    check(&rr, "consumer1", &["topic1-0", "topic1-2", "topic2-1"]);
    check(&rr, "consumer2", &["topic1-1", "topic2-0", "topic2-2"]);
}

#[test]
fn static_members_compare_by_instance_id_not_member_id() {
    // consumer-b sorts after consumer-a by member id, but its instance id sorts first.
    let two_static = group(
        &[("topic1", 3), ("topic2", 3)],
        &[
            ("consumer-b", Some("instance1"), &["topic1", "topic2"]),
            ("consumer-a", Some("instance2"), &["topic1", "topic2"]),
        ],
    );
    // A static member sorts before any dynamic one.
    let mixed = group(
        &[("topic1", 3), ("topic2", 3)],
        &[
            ("consumer-b", Some("instance1"), &["topic1", "topic2"]),
            ("consumer-a", None, &["topic1", "topic2"]),
        ],
    );
    for g in [two_static, mixed] {
        let range = Strategy::Range.assign(&g).unwrap();
        check(
            &range,
            "consumer-b",
            &["topic1-0", "topic1-1", "topic2-0", "topic2-1"],
        );
        check(&range, "consumer-a", &["topic1-2", "topic2-2"]);
        let rr = Strategy::RoundRobin.assign(&g).unwrap();
        check(&rr, "consumer-b", &["topic1-0", "topic1-2", "topic2-1"]);
        check(&rr, "consumer-a", &["topic1-1", "topic2-0", "topic2-2"]);
    }
}

#[test]
fn range_static_assignment_survives_replacing_the_dynamic_member() {
    let both_topics: &[&str] = &["topic1", "topic2"];
    for dynamic in ["consumer4", "consumer5"] {
        let g = group(
            &[("topic1", 5), ("topic2", 4)],
            &[
                ("consumer1", Some("instance1"), both_topics),
                ("consumer2", Some("instance2"), both_topics),
                ("consumer3", Some("instance3"), both_topics),
                (dynamic, None, both_topics),
            ],
        );
        let a = Strategy::Range.assign(&g).unwrap();
        check(&a, "consumer1", &["topic1-0", "topic1-1", "topic2-0"]);
        check(&a, "consumer2", &["topic1-2", "topic2-1"]);
        check(&a, "consumer3", &["topic1-3", "topic2-2"]);
        check(&a, dynamic, &["topic1-4", "topic2-3"]);
    }
}

#[test]
fn roundrobin_static_assignment_survives_replacing_the_dynamic_member() {
    let both_topics: &[&str] = &["topic1", "topic2"];
    for dynamic in ["consumer4", "consumer5"] {
        let g = group(
            &[("topic1", 3), ("topic2", 3)],
            &[
                (dynamic, None, both_topics),
                ("consumer3", Some("instance3"), both_topics),
                ("consumer2", Some("instance2"), both_topics),
                ("consumer1", Some("instance1"), both_topics),
            ],
        );
        let a = Strategy::RoundRobin.assign(&g).unwrap();
        check(&a, "consumer1", &["topic1-0", "topic2-1"]);
        check(&a, "consumer2", &["topic1-1", "topic2-2"]);
        check(&a, "consumer3", &["topic1-2"]);
        check(&a, dynamic, &["topic2-0"]);
    }
}

#[test]
fn static_assignment_follows_instance_ids_when_member_ids_change() {
    let both_topics: &[&str] = &["topic1", "topic2"];
    let topics = [("topic1", 5), ("topic2", 5)];
    let before = group(
        &topics,
        &[
            ("consumer1", Some("instance1"), both_topics),
            ("consumer2", Some("instance2"), both_topics),
            ("consumer3", Some("instance3"), both_topics),
        ],
    );
    // Restarted static members come back with new member ids that sort differently.
    let after = group(
        &topics,
        &[
            ("consumer1", Some("instance1"), both_topics),
            ("consumer5", Some("instance2"), both_topics),
            ("consumer4", Some("instance3"), both_topics),
        ],
    );
    let range_expect: [&[&str]; 3] = [
        &["topic1-0", "topic1-1", "topic2-0", "topic2-1"],
        &["topic1-2", "topic1-3", "topic2-2", "topic2-3"],
        &["topic1-4", "topic2-4"],
    ];
    let rr_expect: [&[&str]; 3] = [
        &["topic1-0", "topic1-3", "topic2-1", "topic2-4"],
        &["topic1-1", "topic1-4", "topic2-2"],
        &["topic1-2", "topic2-0", "topic2-3"],
    ];
    for (strategy, expect) in [
        (Strategy::Range, range_expect),
        (Strategy::RoundRobin, rr_expect),
    ] {
        for (g, ids) in [
            (&before, ["consumer1", "consumer2", "consumer3"]),
            (&after, ["consumer1", "consumer5", "consumer4"]),
        ] {
            let a = strategy.assign(g).unwrap();
            for (id, want) in ids.iter().zip(expect) {
                check(&a, id, want);
            }
        }
    }
}

#[test]
fn mixed_static_and_dynamic_with_different_subscriptions() {
    // Hand-derived from Kafka's rules. Order: s-z (instance "a"), s-a (instance "b"), then d-a, d-b.
    let g = group(
        &[("t1", 5), ("t2", 3)],
        &[
            ("d-b", None, &["t1", "t2"]),
            ("s-a", Some("b"), &["t1"]),
            ("d-a", None, &["t2"]),
            ("s-z", Some("a"), &["t1", "t2"]),
        ],
    );
    // Range, t1 (s-z, s-a, d-b): 2, 2, 1. t2 (s-z, d-a, d-b): 1 each.
    let range = Strategy::Range.assign(&g).unwrap();
    check(&range, "s-z", &["t1-0", "t1-1", "t2-0"]);
    check(&range, "s-a", &["t1-2", "t1-3"]);
    check(&range, "d-b", &["t1-4", "t2-2"]);
    check(&range, "d-a", &["t2-1"]);
    // RoundRobin over t1-0..4, t2-0..2 with cycle s-z, s-a, d-a, d-b:
    // t1-0 s-z, t1-1 s-a, t1-2 (skip d-a) d-b, t1-3 s-z, t1-4 s-a, t2-0 (skip d-a? no: d-a takes t2) d-a,
    // t2-1 d-b, t2-2 s-z.
    let rr = Strategy::RoundRobin.assign(&g).unwrap();
    check(&rr, "s-z", &["t1-0", "t1-3", "t2-2"]);
    check(&rr, "s-a", &["t1-1", "t1-4"]);
    check(&rr, "d-b", &["t1-2", "t2-1"]);
    check(&rr, "d-a", &["t2-0"]);
    // Output keeps the input member order.
    let order: Vec<&str> = rr.members.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(order, ["d-b", "s-a", "d-a", "s-z"]);
}

#[test]
fn member_order_is_java_utf16_order_not_rust_byte_order() {
    // U+1F600 is 0xD83D 0xDE00 in UTF-16, which Java sorts before U+FF01; Rust's str order says the opposite.
    let wide = "\u{1F600}";
    let narrow = "\u{FF01}";
    let g = group(&[("t", 3)], &[(narrow, None, &["t"]), (wide, None, &["t"])]);
    let range = Strategy::Range.assign(&g).unwrap();
    check(&range, wide, &["t-0", "t-1"]);
    check(&range, narrow, &["t-2"]);
    // The same rule applies to instance ids of static members.
    let g = group(
        &[("t", 3)],
        &[("m1", Some(narrow), &["t"]), ("m2", Some(wide), &["t"])],
    );
    let rr = Strategy::RoundRobin.assign(&g).unwrap();
    check(&rr, "m2", &["t-0", "t-2"]);
    check(&rr, "m1", &["t-1"]);
}

#[test]
fn roundrobin_topic_order_is_java_order_too() {
    // Topics are dealt in Java string order: "\u{1F600}" before "\u{FF01}".
    let g = group(
        &[("\u{FF01}", 1), ("\u{1F600}", 1)],
        &[
            ("a", None, &["\u{FF01}", "\u{1F600}"]),
            ("b", None, &["\u{FF01}", "\u{1F600}"]),
        ],
    );
    let rr = Strategy::RoundRobin.assign(&g).unwrap();
    check(&rr, "a", &["\u{1F600}-0"]);
    check(&rr, "b", &["\u{FF01}-0"]);
}
