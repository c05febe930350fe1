//! Helpers shared by the integration tests (included with `mod common;`).
#![allow(dead_code)]

use kplay_core::scenario::Scenario;
use kplay_core::sim::{Event, EventKind, World};

pub fn load(name: &str) -> Scenario {
    let path = format!("{}/../../scenarios/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The scenario's validation problems as the app prints them (`path: rule`), none when it is valid.
pub fn problems(s: &Scenario) -> Vec<String> {
    s.validate()
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|p| p.to_string())
        .collect()
}

/// Runs to `until_ms` collecting every event.
pub fn run(s: &Scenario, seed: u64, until_ms: u64) -> (World, Vec<Event>) {
    let mut w = World::new(s, seed).expect("valid scenario");
    w.set_event_capacity(usize::MAX);
    w.run_until(until_ms);
    let events = w.drain_events();
    (w, events)
}

pub fn trace(events: &[Event]) -> String {
    events
        .iter()
        .map(|e| serde_json::to_string(e).expect("serializable") + "\n")
        .collect()
}

/// `(group, instance, topic, partition, offset, key, duplicate)` of a processed event.
pub type Processed = (String, String, String, u32, u64, Option<String>, bool);

/// Every processed event.
pub fn processed(events: &[Event]) -> Vec<Processed> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Processed {
                group,
                instance,
                topic,
                partition,
                offset,
                key,
                duplicate,
                ..
            } => Some((
                group.clone(),
                instance.clone(),
                topic.clone(),
                *partition,
                *offset,
                key.clone(),
                *duplicate,
            )),
            _ => None,
        })
        .collect()
}

pub fn produced(events: &[Event]) -> Vec<(String, u32, u64, Option<String>)> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Produced {
                topic,
                partition,
                offset,
                key,
                ..
            } => Some((topic.clone(), *partition, *offset, key.clone())),
            _ => None,
        })
        .collect()
}
