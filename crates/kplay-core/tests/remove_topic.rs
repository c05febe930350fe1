//! `Command::RemoveTopic` (Kafka's DeleteTopics): refused while written to; otherwise the topic, its log and
//! its committed offsets go, subscribed groups rebalance without it, and a new topic of the same name starts at
//! offset 0.

mod common;

use kplay_core::scenario::{
    GroupSpec, InstanceSpec, OffsetReset, ProducerSpec, Scenario, Strategy, TopicSpec,
};
use kplay_core::sim::{Command, Event, EventKind, World};
use std::collections::BTreeSet;

fn scenario(strategy: Strategy) -> Scenario {
    let mut s = Scenario::default();
    s.topics.push(TopicSpec::new("a", 2));
    s.topics.push(TopicSpec::new("b", 2));
    s.producers.push(ProducerSpec::new("pa", "a", 50));
    s.producers.push(ProducerSpec::new("pb", "b", 50));
    let mut g = GroupSpec::new("g", ["a", "b"]);
    g.strategy = strategy;
    g.auto_offset_reset = OffsetReset::Earliest;
    g.instances.push(InstanceSpec::new("i1", "L", 1));
    g.instances.push(InstanceSpec::new("i2", "L", 1));
    s.groups.push(g);
    s
}

fn started(strategy: Strategy) -> World {
    let mut w = World::new(&scenario(strategy), 1).unwrap();
    w.set_event_capacity(usize::MAX);
    w.run_until(12_000);
    w.drain_events();
    w
}

fn remove(w: &mut World, topic: &str) {
    w.apply(Command::RemoveProducer {
        producer: format!("p{topic}"),
    })
    .unwrap();
    w.apply(Command::RemoveTopic {
        topic: topic.into(),
    })
    .unwrap();
}

type Partitions = BTreeSet<(String, u32)>;

/// Partitions named in revoked events and in assigned events.
fn moves(events: &[Event]) -> (Partitions, Partitions) {
    let (mut revoked, mut assigned) = (BTreeSet::new(), BTreeSet::new());
    for e in events {
        match &e.kind {
            EventKind::Revoked { partitions, .. } => revoked.extend(partitions.iter().cloned()),
            EventKind::Assigned { partitions, .. } => assigned.extend(partitions.iter().cloned()),
            _ => {}
        }
    }
    (revoked, assigned)
}

fn owned(w: &World) -> BTreeSet<(String, u32)> {
    w.snapshot().groups[0]
        .members
        .iter()
        .flat_map(|m| m.partitions.iter().cloned())
        .collect()
}

fn tp(t: &str, p: u32) -> (String, u32) {
    (t.into(), p)
}

#[test]
fn refused_while_a_producer_writes_to_it_and_nothing_changes() {
    let mut w = started(Strategy::Range);
    let before = w.snapshot();
    let e = w
        .apply(Command::RemoveTopic { topic: "b".into() })
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "topic: producer pb still writes to it; remove the producer first"
    );
    let e = w
        .apply(Command::RemoveTopic { topic: "zz".into() })
        .unwrap_err();
    assert_eq!(e.to_string(), "topic: unknown topic \"zz\"");
    assert_eq!(w.snapshot(), before);
    assert!(w.drain_events().is_empty());
}

#[test]
fn the_topic_its_log_and_its_committed_offsets_disappear() {
    let mut w = started(Strategy::Range);
    let lag_topics = |w: &World| -> BTreeSet<String> {
        w.snapshot().groups[0]
            .partitions
            .iter()
            .filter(|p| p.committed.is_some())
            .map(|p| p.topic.clone())
            .collect()
    };
    assert_eq!(lag_topics(&w), ["a".to_string(), "b".to_string()].into());
    remove(&mut w, "b");
    let snap = w.snapshot();
    assert_eq!(snap.topics.len(), 1);
    assert_eq!(snap.topics[0].name, "a");
    assert!(snap.groups[0].partitions.iter().all(|p| p.topic == "a"));
    assert!(w.follow("b", 0, 0).is_none());
    let events = w.drain_events();
    assert!(events.iter().any(|e| matches!(&e.kind,
        EventKind::Fault { fault, topic: Some(t), .. } if fault == "remove_topic" && t == "b")));
    // Removing it again: it is unknown now.
    assert!(w.apply(Command::RemoveTopic { topic: "b".into() }).is_err());
    w.run_until(20_000);
    assert_eq!(lag_topics(&w), ["a".to_string()].into());
    assert!(w.check_invariants().is_ok());
}

#[test]
fn an_eager_group_revokes_everything_and_gets_only_the_remaining_topic() {
    let mut w = started(Strategy::Range);
    assert_eq!(owned(&w).len(), 4);
    let generation = w.snapshot().groups[0].generation;
    remove(&mut w, "b");
    w.run_until(15_000);
    let events = w.drain_events();
    let (revoked, assigned) = moves(&events);
    assert_eq!(
        revoked,
        [tp("a", 0), tp("a", 1), tp("b", 0), tp("b", 1)].into()
    );
    assert_eq!(assigned, [tp("a", 0), tp("a", 1)].into());
    assert_eq!(owned(&w), [tp("a", 0), tp("a", 1)].into());
    assert_eq!(w.snapshot().groups[0].generation, generation + 1);
    assert!(w.check_invariants().is_ok());
}

#[test]
fn a_cooperative_group_revokes_only_the_deleted_partitions() {
    let mut w = started(Strategy::CooperativeSticky);
    let before = owned(&w);
    assert_eq!(before.len(), 4);
    remove(&mut w, "b");
    w.run_until(15_000);
    let events = w.drain_events();
    let (revoked, assigned) = moves(&events);
    assert_eq!(revoked, [tp("b", 0), tp("b", 1)].into());
    assert!(
        assigned.is_empty(),
        "a's partitions stay where they were: {assigned:?}"
    );
    assert_eq!(owned(&w), [tp("a", 0), tp("a", 1)].into());
    assert!(w.check_invariants().is_ok());
}

#[test]
fn a_new_topic_with_the_same_name_starts_at_offset_zero() {
    let mut w = started(Strategy::Range);
    let old_end = w.snapshot().topics[1].partitions[0].log_end;
    assert!(old_end > 0);
    remove(&mut w, "b");
    w.run_until(13_000);
    // Records the old "b" returned to poll before the deletion are still processed (Kafka hands them over).
    w.drain_events();
    w.apply(Command::AddTopic {
        topic: TopicSpec::new("b", 1),
    })
    .unwrap();
    w.apply(Command::AddProducer {
        producer: ProducerSpec::new("pb", "b", 50),
    })
    .unwrap();
    assert_eq!(w.snapshot().topics[1].partitions[0].log_end, 0);
    // The leader notices the new topic at its next metadata refresh (metadata_max_age_ms 10 s).
    w.run_until(40_000);
    let events = w.drain_events();
    let produced: Vec<u64> = common::produced(&events)
        .into_iter()
        .filter(|p| p.0 == "b")
        .map(|p| p.2)
        .collect();
    assert_eq!(produced.first(), Some(&0));
    assert!(owned(&w).contains(&tp("b", 0)));
    let first_b = common::processed(&events)
        .into_iter()
        .find(|p| p.2 == "b")
        .map(|p| p.4);
    assert_eq!(
        first_b,
        Some(0),
        "earliest: the new topic is read from offset 0"
    );
    let lag = &w.snapshot().groups[0].partitions;
    assert_eq!(lag.iter().filter(|p| p.topic == "b").count(), 1);
    assert!(w.check_invariants().is_ok());
}

#[test]
fn groups_still_subscribed_to_a_deleted_topic_do_not_block_other_commands() {
    let mut w = started(Strategy::Range);
    remove(&mut w, "b");
    let g = GroupSpec::new("g2", ["a"]);
    w.apply(Command::AddGroup { group: g }).unwrap();
    w.apply(Command::AddInstance {
        group: "g".into(),
        instance: InstanceSpec::new("i3", "L", 1),
    })
    .unwrap();
    let e = w
        .apply(Command::AddGroup {
            group: GroupSpec::new("g3", ["b"]),
        })
        .unwrap_err();
    assert_eq!(e.to_string(), "group.topics[0]: unknown topic \"b\"");
    let e = w
        .apply(Command::AddProducer {
            producer: ProducerSpec::new("p9", "b", 1),
        })
        .unwrap_err();
    assert_eq!(e.to_string(), "producer.topic: unknown topic \"b\"");
    w.run_until(30_000);
    assert!(w.check_invariants().is_ok());
}
