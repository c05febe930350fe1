//! Every `sticky` and `cooperative-sticky` case computed by Apache Kafka's own Java assignors must come out of
//! `Strategy::assign` exactly, partition for partition.

use std::collections::BTreeMap;

use kplay_core::assignor::{GroupSubscription, MemberSubscription, Strategy, TopicPartition};
use serde_json::Value;

const CASES: &str = include_str!("data/kafka-assign-cases.json");
/// More cases from Kafka's own `AbstractStickyAssignor` (compiled from the same commit's sources with logging
/// stubbed out), on 700 random groups (up to 25 members): mixed and equal subscriptions, hash-colliding ids,
/// stale and conflicting claims.
const RANDOM_CASES: &str = include_str!("data/kafka-sticky-random-cases.json");

fn group_of(input: &Value) -> GroupSubscription {
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
            let mut s = MemberSubscription::new(
                id.clone(),
                m["topics"]
                    .as_array()
                    .expect("topics array")
                    .iter()
                    .map(|t| t.as_str().expect("topic name").to_string()),
            );
            if let Some(owned) = m.get("owned").and_then(Value::as_object) {
                for (t, ps) in owned {
                    for p in ps.as_array().expect("owned partitions") {
                        s.owned.push(TopicPartition::new(
                            t.clone(),
                            p.as_u64().expect("partition") as u32,
                        ));
                    }
                }
            }
            s.generation = m
                .get("generation")
                .and_then(Value::as_i64)
                .map(|g| g as i32);
            s.instance_id = m
                .get("instance_id")
                .and_then(Value::as_str)
                .map(str::to_string);
            s
        });
    GroupSubscription::new(topics, members)
}

fn expected_of(expect: &Value) -> Vec<(String, BTreeMap<String, Vec<u32>>)> {
    expect
        .as_object()
        .expect("expect object")
        .iter()
        .map(|(m, topics)| {
            let topics = topics
                .as_object()
                .expect("member topics")
                .iter()
                .filter(|(_, ps)| !ps.as_array().expect("partitions").is_empty())
                .map(|(t, ps)| {
                    let mut ps: Vec<u32> = ps
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|p| p.as_u64().unwrap() as u32)
                        .collect();
                    ps.sort_unstable();
                    (t.clone(), ps)
                })
                .collect();
            (m.clone(), topics)
        })
        .collect()
}

/// Runs every sticky and cooperative-sticky case of `doc`; returns how many ran and the mismatches.
fn run_cases(doc: &str) -> (usize, Vec<String>) {
    let doc: Value = serde_json::from_str(doc).expect("valid JSON");
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in doc["cases"].as_array().expect("cases") {
        let strategy = match case["strategy"].as_str() {
            Some("sticky") => Strategy::Sticky,
            Some("cooperative-sticky") => Strategy::CooperativeSticky,
            _ => continue,
        };
        checked += 1;
        let name = case["name"].as_str().unwrap_or("?");
        let group = group_of(&case["input"]);
        let got = strategy.assign(&group).expect("valid group");
        let want = expected_of(&case["expect"]);
        let mut got_sorted = got.members.clone();
        got_sorted.sort();
        let mut want_sorted = want.clone();
        want_sorted.sort();
        if got_sorted != want_sorted {
            failures.push(format!(
                "{name}:\n  got  {:?}\n  want {:?}",
                got.members, want
            ));
        }
    }
    (checked, failures)
}

#[test]
fn every_sticky_case_matches_kafka() {
    let (checked, failures) = run_cases(CASES);
    assert_eq!(checked, 122, "the data file holds 122 sticky cases");
    assert!(
        failures.is_empty(),
        "{} of {checked} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_random_kafka_case_matches() {
    let (checked, failures) = run_cases(RANDOM_CASES);
    assert_eq!(checked, 700);
    assert!(
        failures.is_empty(),
        "{} of {checked} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
