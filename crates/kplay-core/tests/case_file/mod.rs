//! Reading the assignor case files (`kplay assign` JSON format) shared by the case-replay tests.

use kplay_core::assignor::{GroupSubscription, MemberSubscription, Strategy, TopicPartition};
use serde_json::Value;
use std::collections::BTreeMap;

pub fn group_from_json(input: &Value) -> GroupSubscription {
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

pub type Expected = Vec<(String, BTreeMap<String, Vec<u32>>)>;

pub fn expected_from_json(expect: &Value) -> Expected {
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

/// Replays every case of `doc` whose strategy is in `covered`; returns how many ran per strategy and the
/// mismatches (each naming its case).
pub fn replay(doc: &str, covered: &[&str]) -> (BTreeMap<String, usize>, Vec<String>) {
    let file: Value = serde_json::from_str(doc).expect("valid case file");
    let mut ran: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in file["cases"].as_array().expect("cases") {
        let strategy_name = case["strategy"].as_str().expect("strategy");
        if !covered.contains(&strategy_name) {
            continue;
        }
        let name = case["name"].as_str().unwrap_or("?");
        let strategy = Strategy::from_name(strategy_name).expect("known strategy");
        let group = group_from_json(&case["input"]);
        let got = strategy.assign(&group).expect("valid group");
        let mut expected = expected_from_json(&case["expect"]);
        // The contract lists members in input order; a case file may list them in any order.
        let order: Vec<&str> = group.members.iter().map(|m| m.member_id.as_str()).collect();
        expected.sort_by_key(|(m, _)| order.iter().position(|o| o == m));
        // A member's empty topic list and a missing topic mean the same.
        for (_, topics) in &mut expected {
            topics.retain(|_, ps| !ps.is_empty());
        }
        if got.members != expected {
            failures.push(format!(
                "{name}:\n  got      {:?}\n  expected {expected:?}",
                got.members
            ));
        }
        *ran.entry(strategy_name.to_string()).or_default() += 1;
    }
    (ran, failures)
}
