//! Group coordinators on the brokers (feature `brokers`): a group lives on the leader of its
//! `__consumer_offsets` partition (Kafka's `abs(hashCode) % 50`); when that broker crashes the coordinator is
//! unavailable until a new leader is elected, then moves there without a rebalance. While unavailable no
//! session expires, `commitSync` waits (up to `default.api.timeout.ms`), `commitAsync` fails at once, and the
//! consumers keep reading what they hold. Commits while unavailable: `brokers_support/coordinator_commits.rs`;
//! random crash/restart schedules: `brokers_support/coordinator_props.rs`.
#![cfg(feature = "brokers")]

mod common;
#[path = "brokers_support/coordinator_commits.rs"]
mod coordinator_commits;
#[path = "brokers_support/coordinator_props.rs"]
mod coordinator_props;

use common::problems;
use kplay_core::replication::Acks;
use kplay_core::scenario::{
    BrokerSpec, CommitMode, GroupSpec, InstanceSpec, OffsetReset, Processing, ProducerSpec,
    Scenario, TopicSpec,
};
use kplay_core::sim::{Command, Event, EventKind, World};
use serde_json::Value;

const VECTORS: &str = include_str!("data/java-coordinator-vectors.json");
const G: &str = "billing";

/// `brokers` brokers, topic `orders` (3 partitions, replication factor 3 or the broker count, min ISR 2 when
/// possible, acks=all), a producer at 30 records/s and group `G` (2 instances, from the earliest offset, Kafka's
/// `max.poll.interval.ms`).
/// Kafka's `max.poll.interval.ms` default (kplay's playground default is 30 s): a thread blocked in `commitSync`
/// (up to 60 s) does not miss its poll deadline.
pub const KAFKA_MAX_POLL_INTERVAL_MS: u32 = 300_000;

pub fn scenario(brokers: u32, mode: CommitMode, offsets_rf: Option<u32>) -> Scenario {
    let mut s = Scenario {
        brokers: (1..=brokers).map(BrokerSpec::new).collect(),
        offsets_topic_replication_factor: offsets_rf,
        ..Scenario::default()
    };
    let mut t = TopicSpec::new("orders", 3);
    t.replication_factor = Some(brokers.min(3));
    t.min_insync_replicas = Some(brokers.min(2));
    s.topics.push(t);
    let mut p = ProducerSpec::new("shop", "orders", 30);
    p.acks = Some(Acks::All);
    s.producers.push(p);
    let mut g = GroupSpec::new(G, ["orders"]);
    g.auto_offset_reset = OffsetReset::Earliest;
    g.commit.mode = mode;
    g.max_poll_interval_ms = KAFKA_MAX_POLL_INTERVAL_MS;
    g.instances = vec![
        InstanceSpec::new("b1", "L", 1),
        InstanceSpec::new("b2", "L", 1),
    ];
    s.groups.push(g);
    s
}

pub fn world(s: &Scenario) -> World {
    let mut w = World::new(s, 5).expect("valid");
    w.set_event_capacity(usize::MAX);
    w
}

/// Runs to `until` and returns the events.
pub fn run_to(w: &mut World, until: u64) -> Vec<Event> {
    w.run_until(until);
    w.drain_events()
}

/// The events in `[from, to)`.
pub fn at(events: &[Event], from: u64, to: u64) -> Vec<Event> {
    events
        .iter()
        .filter(|e| e.t_ms >= from && e.t_ms < to)
        .cloned()
        .collect()
}

pub fn rebalances(events: &[Event]) -> usize {
    events
        .iter()
        .filter(|e| matches!(&e.kind, EventKind::GroupState { state, .. } if state == "PreparingRebalance"))
        .count()
}

pub fn processed(events: &[Event]) -> usize {
    events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Processed { .. }))
        .count()
}

pub fn committed(events: &[Event]) -> usize {
    events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Committed { .. }))
        .count()
}

pub fn failed_commits(events: &[Event]) -> Vec<(u64, String)> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Warning { code, message, .. } if code == "commit_failed" => {
                Some((e.t_ms, message.clone()))
            }
            _ => None,
        })
        .collect()
}

/// `(t, from, to)` of each `coordinator_moved` of `G`.
pub fn moves(events: &[Event]) -> Vec<(u64, u32, u32)> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::CoordinatorMoved { group, from, to } if group == G => {
                Some((e.t_ms, *from, *to))
            }
            _ => None,
        })
        .collect()
}

/// The scenario with 100 ms per record: 20 records/s for 30 produced, so the group has a backlog to process
/// while the crashed broker's partitions wait for their new leaders (their high watermarks stall until then);
/// batches of 5 records, so a commit after each batch comes every half second.
pub fn backlogged(mode: CommitMode) -> Scenario {
    let mut s = scenario(3, mode, None);
    s.groups[0].max_poll_records = 5;
    for i in &mut s.groups[0].instances {
        i.processing_ms = Processing::Fixed(100);
    }
    s
}

/// A stable group at 15 s; crashes its coordinator's broker then. Returns that broker.
pub fn crash_coordinator(w: &mut World) -> u32 {
    let before = run_to(w, 15_000);
    assert!(
        before
            .iter()
            .any(|e| matches!(&e.kind, EventKind::GroupState { state, .. } if state == "Stable")),
        "the group is stable before the crash"
    );
    let b = w.group_coordinator(G).expect("a coordinator");
    w.apply(Command::CrashBroker { broker: b }).unwrap();
    b
}

#[test]
fn a_group_is_coordinated_by_the_leader_of_its_offsets_partition_for_the_java_vectors() {
    let file: Value = serde_json::from_str(VECTORS).unwrap();
    assert_eq!(file["counts"][0], 50);
    let mut checked = 0;
    let mut by_partition: std::collections::BTreeMap<u64, Vec<u32>> = Default::default();
    for case in file["cases"].as_array().unwrap() {
        let id = case["group_id"].as_str().unwrap();
        let mut s = Scenario {
            brokers: (1..=5).map(BrokerSpec::new).collect(),
            ..Scenario::default()
        };
        s.topics.push(TopicSpec::new("t", 1));
        s.groups.push(GroupSpec::new(id, ["t"]));
        // Ids the scenario refuses (the empty id) have no group.
        let w = match World::new(&s, 11) {
            Ok(w) => w,
            Err(e) if id.is_empty() => {
                assert!(!e.is_empty());
                continue;
            }
            Err(e) => panic!("{id:?}: {e:?}"),
        };
        let want = case["partitions"][0].as_u64().unwrap();
        let (p, replicas) = w.group_coordinator_replicas(id).expect("placed");
        assert_eq!(u64::from(p), want, "{id:?}");
        // Kafka's default offsets.topic.replication.factor, distinct brokers, preferred leader first.
        assert_eq!(replicas.len(), 3, "{id:?}");
        let mut distinct = replicas.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 3, "{id:?}");
        assert_eq!(w.group_coordinator(id), Some(replicas[0]), "{id:?}");
        // The topic is placed once per world: groups in one partition share its replicas.
        let seen = by_partition.entry(want).or_insert_with(|| replicas.clone());
        assert_eq!(*seen, replicas, "{id:?}");
        checked += 1;
    }
    assert!(checked >= 190, "{checked}");
    // The 50 partitions are spread over the 5 brokers: the vectors reach several leaders.
    let leaders: std::collections::BTreeSet<u32> = by_partition.values().map(|r| r[0]).collect();
    assert!(leaders.len() >= 4, "{leaders:?}");
}

#[test]
fn offsets_topic_replication_factor_defaults_to_min_3_brokers_and_follows_its_rule() {
    for (brokers, want) in [(1, 1), (2, 2), (3, 3), (5, 3)] {
        let w = world(&scenario(brokers, CommitMode::Auto, None));
        let (_, r) = w.group_coordinator_replicas(G).unwrap();
        assert_eq!(r.len(), want, "{brokers} brokers");
    }
    let w = world(&scenario(3, CommitMode::Auto, Some(1)));
    assert_eq!(w.group_coordinator_replicas(G).unwrap().1.len(), 1);
    let rule = "offsets_topic_replication_factor: must be from 1 to the broker count (3): Kafka cannot create \
                __consumer_offsets with more replicas than brokers, and then no group finds a coordinator";
    assert_eq!(problems(&scenario(3, CommitMode::Auto, Some(4))), [rule]);
    assert_eq!(problems(&scenario(3, CommitMode::Auto, Some(0))), [rule]);
    let mut s = Scenario {
        offsets_topic_replication_factor: Some(1),
        ..Scenario::default()
    };
    s.groups.push(GroupSpec::new(G, ["t"]));
    s.topics.push(TopicSpec::new("t", 1));
    assert_eq!(
        problems(&s),
        ["offsets_topic_replication_factor: needs `brokers` (a scenario without brokers runs the model without replication)"]
    );
    // The field reads and writes back; unset it is not written.
    let s = scenario(3, CommitMode::Auto, Some(2));
    let text = kplay_core::scenario::json::write(&s, false);
    assert!(
        text.contains(r#""offsets_topic_replication_factor":2"#),
        "{text}"
    );
    let back: Scenario = serde_json::from_str(&text).unwrap();
    assert_eq!(back.offsets_topic_replication_factor, Some(2));
    let text = kplay_core::scenario::json::write(&scenario(3, CommitMode::Auto, None), false);
    assert!(!text.contains("offsets_topic_replication_factor"));
}

#[test]
fn without_brokers_a_group_has_no_coordinator_broker() {
    let mut s = scenario(3, CommitMode::Auto, None);
    s.brokers.clear();
    s.topics[0].replication_factor = None;
    s.topics[0].min_insync_replicas = None;
    s.producers[0].acks = None;
    let (w, events) = common::run(&s, 5, 20_000);
    assert_eq!(w.group_coordinator(G), None);
    assert_eq!(w.group_coordinator_replicas(G), None);
    assert!(processed(&events) > 400);
    assert!(!events.iter().any(|e| matches!(
        e.kind,
        EventKind::CoordinatorMoved { .. } | EventKind::CoordinatorUnavailable { .. }
    )));
}

/// The coordinator's broker crashes: `coordinator_unavailable` at once, `coordinator_moved` to the new leader
/// once the controller fences the broker (`broker.session.timeout.ms`, 9 s), and no rebalance: the members keep
/// their generation and partitions and keep processing meanwhile. Auto-commit is not attempted while the
/// coordinator is unknown (ConsumerCoordinator.poll returns before it), and resumes after the move.
#[test]
fn a_crash_of_the_coordinator_moves_it_to_the_new_leader_without_a_rebalance() {
    let mut w = world(&backlogged(CommitMode::Auto));
    let b = crash_coordinator(&mut w);
    let generation = w.snapshot().groups[0].generation;
    let events = run_to(&mut w, 40_000);
    assert_eq!(
        events
            .iter()
            .find(|e| matches!(e.kind, EventKind::CoordinatorUnavailable { .. }))
            .map(|e| (e.t_ms, e.kind.clone())),
        Some((
            15_000,
            EventKind::CoordinatorUnavailable {
                group: G.into(),
                broker: b
            }
        ))
    );
    let m = moves(&events);
    assert_eq!(m.len(), 1, "{m:?}");
    let (t, from, to) = m[0];
    assert_eq!(from, b);
    assert_ne!(to, b);
    assert!((23_900..=24_100).contains(&t), "moved at {t}");
    let (_, replicas) = w.group_coordinator_replicas(G).unwrap();
    assert!(replicas.contains(&to));
    assert_eq!(w.group_coordinator(G), Some(to));
    assert_eq!(rebalances(&events), 0, "a coordinator move is no rebalance");
    let g = &w.snapshot().groups[0];
    assert_eq!(g.generation, generation);
    assert_eq!(g.members.len(), 2);
    // The consumers read on while the coordinator is away (their partitions' leaders move too)...
    assert!(processed(&at(&events, 15_000, t)) > 80);
    // ... without committing, and commit again after the move.
    let during: Vec<Event> = at(&events, 15_001, t);
    assert_eq!(committed(&during), 0);
    assert!(failed_commits(&during).is_empty());
    assert!(committed(&at(&events, t, 40_000)) > 0);
}

/// The coordinator runs the session timers: while it is unavailable nobody heartbeats and nobody expires, and
/// the new coordinator restarts every loaded member's session. With a 6 s session, shorter than the 9 s until
/// the move, a coordinator that kept its timers running would expire both members.
#[test]
fn no_session_expires_while_the_coordinator_is_unavailable() {
    let mut s = scenario(3, CommitMode::Auto, None);
    s.groups[0].session_timeout_ms = 6_000;
    s.groups[0].heartbeat_interval_ms = 2_000;
    let mut w = world(&s);
    crash_coordinator(&mut w);
    let events = run_to(&mut w, 60_000);
    assert_eq!(moves(&events).len(), 1);
    assert_eq!(rebalances(&events), 0);
    assert_eq!(w.snapshot().groups[0].members.len(), 2);
    assert!(!events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Lost { .. } | EventKind::Revoked { .. })));
}

/// Kafka creates `__consumer_offsets` on the first FindCoordinator, and refuses while fewer brokers run than
/// its replication factor: a group added then has no coordinator and cannot join until the broker is back.
#[test]
fn a_group_waits_for_the_offsets_topic_while_too_few_brokers_run() {
    let mut s = scenario(3, CommitMode::Auto, None);
    let g = s.groups.pop().unwrap();
    let mut w = world(&s);
    w.apply(Command::CrashBroker { broker: 2 }).unwrap();
    w.apply(Command::AddGroup { group: g }).unwrap();
    let events = run_to(&mut w, 20_000);
    assert_eq!(w.group_coordinator(G), None);
    assert_eq!(w.group_coordinator_replicas(G), None);
    assert_eq!(processed(&events), 0);
    assert!(!events.iter().any(|e| matches!(
        e.kind,
        EventKind::GroupState { .. } | EventKind::Assigned { .. }
    )));
    w.apply(Command::RestartBroker { broker: 2 }).unwrap();
    let events = run_to(&mut w, 40_000);
    assert!(w.group_coordinator(G).is_some());
    assert!(processed(&events) > 100);
    assert!(moves(&events).is_empty(), "a first coordinator is no move");
}

/// A crash during a join round: the new coordinator loads the group as last written (nothing yet, the first
/// round had not completed), so the round is lost and the members' JoinGroup requests start it again there.
#[test]
fn a_join_round_in_progress_is_forgotten_and_run_again_on_the_new_coordinator() {
    let mut w = world(&scenario(3, CommitMode::Auto, None));
    w.step(1_000);
    let b = w.group_coordinator(G).unwrap();
    w.apply(Command::CrashBroker { broker: b }).unwrap();
    let events = run_to(&mut w, 30_000);
    let (t, _, _) = moves(&events)[0];
    let stable: Vec<u64> = events
        .iter()
        .filter(|e| matches!(&e.kind, EventKind::GroupState { state, .. } if state == "Stable"))
        .map(|e| e.t_ms)
        .collect();
    assert_eq!(stable.len(), 1, "{stable:?}");
    // The initial rebalance delay (3 s) runs again from the move.
    assert!(
        stable[0] >= t + 3_000,
        "stable at {} after the move at {t}",
        stable[0]
    );
    assert_eq!(w.snapshot().groups[0].generation, 1);
}

/// A crash during a rebalance of a stable group: the new coordinator loads generation 1 as last written, the
/// members whose JoinGroup was pending at the old one send it again (b1 rejoining, b3 new), and the round runs
/// again there; b2, busy with a 20 s record, rejoins at its next poll. Generation 2 holds all three.
#[test]
fn a_rebalance_in_progress_is_run_again_with_the_pending_joins() {
    let mut s = scenario(3, CommitMode::Auto, None);
    s.groups[0].max_poll_records = 1;
    s.groups[0].instances[1].processing_ms = Processing::Fixed(20_000);
    let mut w = world(&s);
    run_to(&mut w, 15_000);
    w.apply(Command::AddInstance {
        group: G.into(),
        instance: InstanceSpec::new("b3", "L", 1),
    })
    .unwrap();
    let events = run_to(&mut w, 19_000);
    assert!(events.iter().any(
        |e| matches!(&e.kind, EventKind::GroupState { state, .. } if state == "PreparingRebalance")
    ));
    let b = w.group_coordinator(G).unwrap();
    w.apply(Command::CrashBroker { broker: b }).unwrap();
    let events = run_to(&mut w, 90_000);
    let (t, _, _) = moves(&events)[0];
    let stable: Vec<(u64, i32)> = events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::GroupState {
                state, generation, ..
            } if state == "Stable" => Some((e.t_ms, *generation)),
            _ => None,
        })
        .collect();
    assert_eq!(stable.len(), 1, "{stable:?}");
    assert_eq!(stable[0].1, 2);
    assert!(
        stable[0].0 > t && stable[0].0 < t + 40_000,
        "{stable:?} moved at {t}"
    );
    let g = &w.snapshot().groups[0];
    assert_eq!(
        g.members
            .iter()
            .filter(|m| !m.partitions.is_empty())
            .count(),
        3
    );
}
