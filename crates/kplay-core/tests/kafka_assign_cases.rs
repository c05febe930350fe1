//! Replays `tests/data/kafka-assign-cases.json` (expected outputs computed by Apache Kafka's own Java assignors)
//! through the library API and demands the exact assignment.

use kplay_core::assignor::{GroupSubscription, MemberSubscription, Strategy, TopicPartition};
use serde_json::Value;
use std::collections::BTreeMap;

/// Strategies whose cases must pass. Adding "sticky" / "cooperative-sticky" here is the only change needed once
/// those assignors exist.
const COVERED: &[&str] = &["range", "roundrobin", "sticky", "cooperative-sticky"];

const CASES: &str = include_str!("data/kafka-assign-cases.json");

fn group_from_json(input: &Value) -> GroupSubscription {
    let topics = input["topics"]
        .as_object()
        .expect("topics object")
        .iter()
        .map(|(t, n)| (t.clone(), n.as_u64().expect("partition count") as u32));
    let members = input["members"]
        .as_object()
        .expect("members object")
        .iter()
        .map(|(id, m)| {
            let topics = m["topics"].as_array().expect("topics array");
            let mut sub = MemberSubscription::new(
                id.clone(),
                topics.iter().map(|t| t.as_str().expect("topic")),
            );
            sub.instance_id = m
                .get("instance_id")
                .and_then(Value::as_str)
                .map(String::from);
            sub.generation = m
                .get("generation")
                .and_then(Value::as_i64)
                .map(|g| g as i32);
            if let Some(owned) = m.get("owned").and_then(Value::as_object) {
                for (topic, parts) in owned {
                    for p in parts.as_array().expect("owned partitions") {
                        sub.owned.push(TopicPartition::new(
                            topic.clone(),
                            p.as_u64().expect("partition") as u32,
                        ));
                    }
                }
            }
            sub
        })
        .collect::<Vec<_>>();
    GroupSubscription::new(topics, members)
}

type Expected = Vec<(String, BTreeMap<String, Vec<u32>>)>;

fn expected_from_json(expect: &Value) -> Expected {
    expect
        .as_object()
        .expect("expect object")
        .iter()
        .map(|(member, topics)| {
            let topics = topics
                .as_object()
                .expect("member's topics")
                .iter()
                .map(|(t, ps)| {
                    let ps = ps
                        .as_array()
                        .expect("partitions")
                        .iter()
                        .map(|p| p.as_u64().unwrap() as u32);
                    (t.clone(), ps.collect())
                })
                .collect();
            (member.clone(), topics)
        })
        .collect()
}

#[test]
fn every_covered_kafka_case_gives_the_exact_expected_assignment() {
    let file: Value = serde_json::from_str(CASES).expect("valid case file");
    let mut ran: BTreeMap<&str, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in file["cases"].as_array().expect("cases") {
        let strategy_name = case["strategy"].as_str().expect("strategy");
        if !COVERED.contains(&strategy_name) {
            continue;
        }
        let name = case["name"].as_str().expect("name");
        let strategy = Strategy::from_name(strategy_name).expect("known strategy");
        let group = group_from_json(&case["input"]);
        let got = strategy.assign(&group).expect("valid group");
        let mut expected = expected_from_json(&case["expect"]);
        // The contract lists members in input order; the file may list them in any order.
        let order: Vec<&str> = group.members.iter().map(|m| m.member_id.as_str()).collect();
        expected.sort_by_key(|(m, _)| order.iter().position(|o| o == m));
        if got.members != expected {
            failures.push(format!(
                "{name}:\n  got      {:?}\n  expected {expected:?}",
                got.members
            ));
        }
        *ran.entry(strategy_name).or_default() += 1;
    }
    assert!(
        failures.is_empty(),
        "{} case(s) differ from Kafka:\n{}",
        failures.len(),
        failures.join("\n")
    );
    for strategy in COVERED {
        assert!(
            ran.get(strategy).copied().unwrap_or(0) >= 10,
            "too few {strategy} cases ran: {ran:?}"
        );
    }
}
