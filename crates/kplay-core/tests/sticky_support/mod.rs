//! Builders and readers shared by the sticky assignor test files.
#![allow(dead_code)] // each test crate uses a different subset

use std::collections::BTreeSet;

use kplay_core::assignor::{
    Assignment, GroupSubscription, MemberSubscription, Strategy, TopicPartition,
};

pub fn member(
    id: &str,
    topics: &[&str],
    owned: &[(&str, u32)],
    generation: Option<i32>,
) -> MemberSubscription {
    let mut m = MemberSubscription::new(id, topics.iter().copied());
    m.owned = owned
        .iter()
        .map(|&(t, p)| TopicPartition::new(t, p))
        .collect();
    m.generation = generation;
    m
}

pub fn group(topics: &[(&str, u32)], members: Vec<MemberSubscription>) -> GroupSubscription {
    GroupSubscription::new(topics.iter().copied(), members)
}

pub fn of(a: &Assignment, id: &str) -> BTreeSet<(String, u32)> {
    a.members
        .iter()
        .find(|(m, _)| m == id)
        .map(|(_, topics)| {
            topics
                .iter()
                .flat_map(|(t, ps)| ps.iter().map(move |&p| (t.clone(), p)))
                .collect()
        })
        .unwrap_or_default()
}

pub fn set(parts: &[(&str, u32)]) -> BTreeSet<(String, u32)> {
    parts.iter().map(|&(t, p)| (t.to_string(), p)).collect()
}

pub fn sticky(g: &GroupSubscription) -> Assignment {
    Strategy::Sticky.assign(g).unwrap()
}
