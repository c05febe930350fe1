//! Per-instance subscriptions: listener classes on different topics in one group share only rebalances; on the
//! same topic each misses the others' records; `Command::Subscribe` makes the member rejoin with its new topics.
//!
//! Kafka: each member's JoinGroup carries its own `Subscription` (ConsumerCoordinator.metadata), the leader
//! assigns over the union of the members' topics and the assignors give a topic's partitions only to its
//! subscribers (AbstractPartitionAssignor.assign / RangeAssignor / CooperativeStickyAssignor).

mod common;

use common::{processed, run};
use kplay_core::scenario::{
    GroupSpec, InstanceSpec, OffsetReset, PartitionerKind, ProducerSpec, Scenario, Strategy,
    TopicSpec,
};
use kplay_core::sim::{Command, Event, EventKind, TraceLevel, World};
use std::collections::{BTreeMap, BTreeSet};

type Rec = (String, u32, u64);

fn scenario(b_topics: Option<&[&str]>, strategy: Strategy) -> Scenario {
    let mut s = Scenario::default();
    s.topics.push(TopicSpec::new("orders", 3));
    s.topics.push(TopicSpec::new("payments", 2));
    // Round-robin spreads the records over every partition, so each listener gets some.
    for (id, topic, rate) in [("p1", "orders", 50), ("p2", "payments", 40)] {
        let mut p = ProducerSpec::new(id, topic, rate);
        p.partitioner = PartitionerKind::RoundRobin;
        s.producers.push(p);
    }
    let mut g = GroupSpec::new("g", ["orders"]);
    g.strategy = strategy;
    g.auto_offset_reset = OffsetReset::Earliest;
    g.instances.push(InstanceSpec::new("a", "OrderListener", 1));
    let mut b = InstanceSpec::new("b", "PaymentListener", 1);
    b.topics = b_topics.map(|t| t.iter().map(|s| s.to_string()).collect());
    g.instances.push(b);
    s.groups.push(g);
    s
}

/// Distinct records processed per listener class (instance `a` runs OrderListener, `b` PaymentListener).
fn seen_by(events: &[Event]) -> BTreeMap<String, BTreeSet<Rec>> {
    let mut out: BTreeMap<String, BTreeSet<Rec>> = BTreeMap::new();
    for (_, instance, topic, p, o, _, _) in processed(events) {
        let l = if instance == "a" {
            "OrderListener"
        } else {
            "PaymentListener"
        };
        out.entry(l.into()).or_default().insert((topic, p, o));
    }
    out
}

fn missed(w: &World) -> BTreeMap<String, u64> {
    w.snapshot().groups[0]
        .missed_by_listener
        .iter()
        .cloned()
        .collect()
}

fn warning(events: &[Event]) -> String {
    events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Warning { code, message, .. } if code == "mixed_listeners" => {
                Some(message.clone())
            }
            _ => None,
        })
        .expect("a mixed_listeners warning")
}

#[test]
fn listeners_on_different_topics_miss_nothing_and_share_only_rebalances() {
    let s = scenario(Some(&["payments"]), Strategy::Range);
    let (w, events) = run(&s, 3, 20_000);
    let seen = seen_by(&events);
    assert!(seen["OrderListener"].iter().all(|r| r.0 == "orders"));
    assert!(seen["PaymentListener"].iter().all(|r| r.0 == "payments"));
    assert!(seen["OrderListener"].len() > 500 && seen["PaymentListener"].len() > 400);
    assert_eq!(
        missed(&w),
        BTreeMap::from([("OrderListener".into(), 0), ("PaymentListener".into(), 0)])
    );
    let g = &w.snapshot().groups[0];
    assert!(g.shared_topics.is_empty());
    // The group covers the union of the subscriptions.
    let topics: BTreeSet<&str> = g.partitions.iter().map(|p| p.topic.as_str()).collect();
    assert_eq!(topics, BTreeSet::from(["orders", "payments"]));
    assert!(warning(&events).contains("share only rebalances"));
}

#[test]
fn listeners_on_the_same_topic_each_miss_what_the_other_processed() {
    let s = scenario(None, Strategy::Range);
    let (w, events) = run(&s, 3, 20_000);
    let seen = seen_by(&events);
    let (a, b) = (&seen["OrderListener"], &seen["PaymentListener"]);
    let expected = BTreeMap::from([
        ("OrderListener".into(), b.difference(a).count() as u64),
        ("PaymentListener".into(), a.difference(b).count() as u64),
    ]);
    assert!(expected.values().all(|&n| n > 100), "{expected:?}");
    assert_eq!(missed(&w), expected);
    assert_eq!(w.snapshot().groups[0].shared_topics, ["orders"]);
    let msg = warning(&events);
    assert!(
        msg.contains("on the same topics (orders)") && msg.contains("misses the records"),
        "{msg}"
    );
}

/// Kafka: a crashed member's partitions go to the survivors, which start at the last committed offset
/// (ConsumerCoordinator.refreshCommittedOffsetsIfNeeded), so records the crashed member processed after its
/// last auto-commit are processed again by the other listener: they count as seen by both. Records produced
/// after the crash do not count as missed by the crashed listener.
#[test]
fn a_record_reprocessed_by_the_other_listener_after_a_crash_counts_as_seen_by_it() {
    let mut s = scenario(None, Strategy::Range);
    s.faults.push(
        kplay_core::scenario::FaultSpec::new(12_300, kplay_core::scenario::FaultKind::Crash)
            .instance("a"),
    );
    let (w, events) = run(&s, 3, 30_000);
    let seen = seen_by(&events);
    let (a, b) = (&seen["OrderListener"], &seen["PaymentListener"]);
    let both = a.intersection(b).count();
    assert!(
        both > 0,
        "the crash must make B re-process some of A's records"
    );
    // A is no longer in the group after its crash: what is produced from then on, B processes, but A did not
    // miss it because of the shared group id.
    let before_crash: BTreeSet<Rec> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Produced {
                topic,
                partition,
                offset,
                ..
            } if e.t_ms < 12_300 => Some((topic.clone(), *partition, *offset)),
            _ => None,
        })
        .collect();
    let a_missed = b
        .difference(a)
        .filter(|r| before_crash.contains(*r))
        .count();
    assert!(a_missed > 0 && a_missed < b.difference(a).count());
    let expected = BTreeMap::from([
        ("OrderListener".into(), a_missed as u64),
        ("PaymentListener".into(), a.difference(b).count() as u64),
    ]);
    assert_eq!(missed(&w), expected);
    // The untraced fast path (consumer/quiet.rs) keeps the same ranges.
    let mut quiet = World::new(&s, 3).expect("valid");
    quiet.set_trace_level(TraceLevel::Off);
    quiet.run_until(30_000);
    assert_eq!(missed(&quiet), expected);
}

/// Kafka: `subscribe()` with a new topic set makes the next poll rejoin (ConsumerCoordinator
/// .rejoinNeededOrPending: subscription differs from joinedSubscription); a cooperative member first revokes
/// the partitions of topics it no longer subscribes to (ConsumerCoordinator.onJoinPrepare, COOPERATIVE).
fn subscribe_moves_the_member(strategy: Strategy) {
    let s = scenario(Some(&["payments"]), strategy);
    let mut w = World::new(&s, 5).expect("valid");
    w.set_event_capacity(usize::MAX);
    w.run_until(10_000);
    let before = w.snapshot().groups[0].generation;
    w.drain_events();
    w.apply(Command::Subscribe {
        instance: "b".into(),
        topics: vec!["orders".into()],
    })
    .expect("valid subscribe");
    w.run_until(20_000);
    let events = w.drain_events();
    let g = &w.snapshot().groups[0];
    assert!(g.generation > before);
    let b: BTreeSet<&str> = g
        .members
        .iter()
        .filter(|m| m.instance == "b")
        .flat_map(|m| m.partitions.iter().map(|p| p.0.as_str()))
        .collect();
    assert_eq!(b, BTreeSet::from(["orders"]));
    // Nobody subscribes to payments any more: nothing owns it.
    assert!(g
        .members
        .iter()
        .all(|m| m.partitions.iter().all(|p| p.0 == "orders")));
    let revoked_payments = events.iter().any(|e| {
        matches!(&e.kind, EventKind::Revoked { instance, partitions, .. }
            if instance == "b" && partitions.iter().any(|p| p.0 == "payments"))
    });
    assert!(revoked_payments);
    assert!(processed(&events)
        .iter()
        .any(|r| r.1 == "b" && r.2 == "orders"));
    assert!(warning(&events).contains("on the same topics (orders)"));
}

#[test]
fn subscribe_rejoins_with_the_new_topics_eager() {
    subscribe_moves_the_member(Strategy::Range);
}

#[test]
fn subscribe_rejoins_with_the_new_topics_cooperative() {
    subscribe_moves_the_member(Strategy::CooperativeSticky);
}

#[test]
fn subscribe_is_validated() {
    let s = scenario(None, Strategy::Range);
    let mut w = World::new(&s, 5).expect("valid");
    let bad = |instance: &str, topics: &[&str]| Command::Subscribe {
        instance: instance.into(),
        topics: topics.iter().map(|t| t.to_string()).collect(),
    };
    let field = |w: &mut World, c| w.apply(c).expect_err("rejected").field;
    assert_eq!(field(&mut w, bad("zz", &["orders"])), "instance");
    assert_eq!(field(&mut w, bad("a", &[])), "topics");
    assert_eq!(field(&mut w, bad("a", &["orders", "nope"])), "topics[1]");
    assert_eq!(field(&mut w, bad("a", &["orders", "orders"])), "topics[1]");
}

#[test]
fn instance_topics_are_validated() {
    let mut s = scenario(Some(&["nope"]), Strategy::Range);
    let problems = s.validate().expect_err("unknown topic");
    assert_eq!(problems[0].path, "groups[0].instances[1].topics[0]");
    s.groups[0].instances[1].topics = Some(Vec::new());
    let problems = s.validate().expect_err("empty");
    assert_eq!(problems[0].path, "groups[0].instances[1].topics");
}
