//! Consumer-group protocol facts of issue 16 (classic protocol, Java client), each pinned to the Kafka source
//! method it follows.

mod common;

use common::{load, run};
use kplay_core::scenario::Scenario;
use kplay_core::sim::{Event, EventKind};

fn scenario(json: &str) -> Scenario {
    serde_json::from_str(json).expect("valid scenario JSON")
}

/// `(t_ms, state, generation)` of every group_state event.
fn states(events: &[Event]) -> Vec<(u64, String, i32)> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::GroupState {
                state, generation, ..
            } => Some((e.t_ms, state.clone(), *generation)),
            _ => None,
        })
        .collect()
}

fn first_state(events: &[Event], state: &str, generation: i32) -> u64 {
    states(events)
        .into_iter()
        .find(|(_, s, g)| s == state && *g == generation)
        .map(|(t, ..)| t)
        .unwrap_or_else(|| panic!("no {state} with generation {generation}"))
}

/// `(t_ms, member, generation, partitions)` of an `assigned` event.
type Assigned = (u64, String, i32, Vec<(String, u32)>);

/// The `assigned` events of `instance`.
fn assigned(events: &[Event], instance: &str) -> Vec<Assigned> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Assigned {
                member,
                instance: i,
                generation,
                partitions,
                ..
            } if i == instance => Some((e.t_ms, member.clone(), *generation, partitions.clone())),
            _ => None,
        })
        .collect()
}

fn warnings(events: &[Event], code: &str) -> Vec<(u64, String)> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Warning {
                code: c, message, ..
            } if c == code => Some((e.t_ms, message.clone())),
            _ => None,
        })
        .collect()
}

fn committed_by(events: &[Event], member: &str) -> Vec<u64> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Committed { member: m, .. } if m == member => Some(e.t_ms),
            _ => None,
        })
        .collect()
}

/// `cooperative-rebalance.json`: billing-3 comes back at 20 s; in the first round billing-1 and billing-2 each
/// give up one partition, then rejoin at once for the follow-up round, which waits for billing-3's heartbeat.
/// Returns the follow-up round's `(start, end)`: both are in it, as Joining members, for about 2 s.
fn follow_up_round(events: &[Event]) -> (u64, u64) {
    (
        first_state(events, "PreparingRebalance", 3),
        first_state(events, "CompletingRebalance", 4),
    )
}

fn member_of(events: &[Event], instance: &str) -> String {
    assigned(events, instance)[0].1.clone()
}

/// ClassicKafkaConsumer.poll calls ConsumerCoordinator.poll without waiting for the join and then fetches:
/// a cooperative member keeps processing the partitions it still owns until its new assignment arrives.
#[test]
fn cooperative_members_keep_processing_owned_partitions_while_they_rejoin() {
    let s = load("cooperative-rebalance.json");
    let (_, events) = run(&s, 7, 30_000);
    let (start, end) = follow_up_round(&events);
    assert!(end - start > 1_000, "the follow-up round lasts a while");
    for inst in ["billing-1", "billing-2"] {
        let fetched_during: Vec<u64> = events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Processed {
                    instance,
                    topic,
                    partition,
                    offset,
                    ..
                } if instance == inst && e.t_ms > start && e.t_ms < end => {
                    Some((topic.clone(), *partition, *offset))
                }
                _ => None,
            })
            .filter_map(|(topic, partition, offset)| {
                // When was that record produced? Records produced after the member rejoined were fetched by
                // a poll made while it was Joining.
                events.iter().find_map(|p| match &p.kind {
                    EventKind::Produced {
                        topic: t,
                        partition: pp,
                        offset: o,
                        ..
                    } if *t == topic && *pp == partition && *o == offset => Some(p.t_ms),
                    _ => None,
                })
            })
            .filter(|&produced| produced > start + 500)
            .collect();
        assert!(
            fetched_during.len() >= 10,
            "{inst} processed {} records produced during its rejoin",
            fetched_during.len()
        );
    }
}

/// ConsumerCoordinator.poll returns before maybeAutoCommitOffsetsAsync while the join is pending, so no
/// auto-commit happens while a member rebalances; ConsumerCoordinator.onJoinPrepare commits synchronously
/// before every JoinGroup when auto-commit is on, cooperative members included.
#[test]
fn cooperative_members_auto_commit_before_rejoining_and_not_while_rejoining() {
    let s = load("cooperative-rebalance.json");
    assert_eq!(
        s.groups[0].commit.mode,
        kplay_core::scenario::CommitMode::Auto
    );
    let (_, events) = run(&s, 7, 30_000);
    let (start, end) = follow_up_round(&events);
    // In the first round both learn of the rebalance from the same heartbeat and rejoin together; the round
    // completes in the next millisecond.
    let first_rejoin = first_state(&events, "CompletingRebalance", 3) - 1;
    for inst in ["billing-1", "billing-2"] {
        let times = committed_by(&events, &member_of(&events, inst));
        assert!(
            !times.iter().any(|&t| t > start && t < end),
            "{inst} auto-committed while rejoining: {times:?}"
        );
        assert!(
            times.contains(&first_rejoin),
            "{inst} commits in onJoinPrepare at {first_rejoin}: {times:?}"
        );
    }
    assert!(warnings(&events, "commit_failed").is_empty());
}

/// ConsumerCoordinator.sendOffsetCommitRequest: a member that is not Stable (AbstractCoordinator
/// generationIfStable) fails its commit in the client with RebalanceInProgressException; nothing is sent.
#[test]
fn manual_commits_of_a_rejoining_member_fail_in_the_client() {
    let mut s = load("cooperative-rebalance.json");
    s.groups[0].commit.mode = kplay_core::scenario::CommitMode::Sync;
    let (_, events) = run(&s, 7, 30_000);
    let (start, end) = follow_up_round(&events);
    let failed: Vec<_> = warnings(&events, "commit_failed")
        .into_iter()
        .filter(|(t, _)| *t > start && *t < end)
        .collect();
    assert!(!failed.is_empty());
    assert!(failed
        .iter()
        .all(|(_, m)| m.contains("RebalanceInProgressException")));
    for inst in ["billing-1", "billing-2"] {
        let times = committed_by(&events, &member_of(&events, inst));
        assert!(!times.iter().any(|&t| t > start && t < end), "{inst}");
        assert!(
            times.iter().any(|&t| t > end),
            "{inst} commits again once Stable"
        );
    }
}

/// ConsumerCoordinator.onJoinComplete calls onPartitionsAssigned with the added partitions even when there
/// are none, and restarts the auto-commit timer (nextAutoCommitTimer.updateAndReset).
#[test]
fn empty_cooperative_assignments_are_reported_and_the_auto_commit_timer_restarts() {
    let s = load("cooperative-rebalance.json");
    let (_, events) = run(&s, 7, 30_000);
    let end = first_state(&events, "CompletingRebalance", 4);
    for inst in ["billing-1", "billing-2"] {
        let a = assigned(&events, inst);
        let last = a.last().expect("assigned");
        assert_eq!((last.0, last.2), (end, 4), "{inst}");
        assert!(last.3.is_empty(), "{inst} gets nothing new: {:?}", last.3);
    }
    // The first auto-commit comes a full interval after the first assignment, not earlier.
    let interval = u64::from(s.groups[0].commit.interval_ms);
    let a = assigned(&events, "billing-1");
    let first = committed_by(&events, &a[0].1)[0];
    assert!(
        first >= a[0].0 + interval && first < a[0].0 + interval + 100,
        "assigned at {}, first auto-commit at {first}",
        a[0].0
    );
}

const STATIC_GROUP: &str = r#"{
  "version": 1,
  "topics": [{"name": "orders", "partitions": 4}],
  "producers": [{"id": "shop", "topic": "orders", "rate_per_s": 20,
    "keys": {"kind": "cycle", "values": ["alice", "bob", "carol", "dave", "erin", "frank"]}}],
  "groups": [{
    "id": "billing", "topics": ["orders"], "auto_offset_reset": "earliest",
    "session_timeout_ms": 30000, "heartbeat_interval_ms": 1000, "max_poll_interval_ms": 5000,
    "initial_rebalance_delay_ms": 0,
    "instances": [
      {"id": "s1", "listener": "L", "threads": 1, "static_id": "s1", "processing_ms": 5},
      {"id": "s2", "listener": "L", "threads": 1, "static_id": "s2", "processing_ms": 5},
      {"id": "dyn", "listener": "L", "threads": 1, "processing_ms": 5}
    ]
  }],
  "faults": FAULTS
}"#;

/// GroupMetadataManager.completeClassicGroupJoin (GroupCoordinator.onCompleteJoin): only dynamic members that
/// did not rejoin are removed; an absent static member keeps its place and is assigned from its last
/// subscription, and on return (a known group.instance.id in a Stable group) it takes that assignment back
/// without a rebalance.
#[test]
fn an_absent_static_member_keeps_its_partitions_and_returns_without_a_rebalance() {
    let faults = r#"[
      {"at_ms": 10000, "kind": "crash", "instance": "s1"},
      {"at_ms": 11000, "kind": "stop", "instance": "dyn"},
      {"at_ms": 18000, "kind": "restart", "instance": "s1"}
    ]"#;
    let s = scenario(&STATIC_GROUP.replace("FAULTS", faults));
    let (w, events) = run(&s, 1, 17_000);
    // dyn's LeaveGroup starts the round at 11 s; s1 never rejoins, so it completes at the rebalance timeout.
    let gen1 = first_state(&events, "Stable", 1);
    assert_eq!(first_state(&events, "PreparingRebalance", 1), 11_000);
    assert_eq!(first_state(&events, "CompletingRebalance", 2), 16_000);
    let old = assigned(&events, "s1")[0].clone();
    assert_eq!((old.0, old.2), (gen1, 1));
    let snap = w.snapshot();
    let held: Vec<u32> = snap.groups[0]
        .partitions
        .iter()
        .filter(|p| p.owner.as_deref() == Some(&old.1))
        .map(|p| p.partition)
        .collect();
    assert_eq!(
        held.len(),
        2,
        "the down static member holds 4/2 partitions in generation 2"
    );

    let (_, events) = run(&s, 1, 25_000);
    let back = assigned(&events, "s1");
    let back = back.last().expect("s1 assigned again");
    assert_eq!(back.0, 18_000, "at its first poll after the restart");
    assert_eq!(back.2, 2, "the same generation: no rebalance");
    assert_eq!(
        back.3.iter().map(|p| p.1).collect::<Vec<_>>(),
        held,
        "its assignment from generation 2"
    );
    assert!(
        !states(&events).iter().any(|(t, ..)| *t > 16_000),
        "no rebalance after generation 2: {:?}",
        states(&events)
    );
}

/// GroupMetadataManager.completeClassicGroupJoin: when no member rejoined but (static) members remain, the join
/// phase is postponed by another rebalance timeout ("could not complete rebalance because no members
/// rejoined") until session timeouts remove them; only then does the group become Empty.
#[test]
fn a_join_phase_nobody_rejoined_waits_for_the_session_timeouts() {
    let faults = r#"[
      {"at_ms": 10000, "kind": "crash", "instance": "s1"},
      {"at_ms": 10000, "kind": "crash", "instance": "s2"},
      {"at_ms": 11000, "kind": "stop", "instance": "dyn"}
    ]"#;
    let s = scenario(&STATIC_GROUP.replace("FAULTS", faults));
    let (_, events) = run(&s, 1, 60_000);
    let after: Vec<_> = states(&events)
        .into_iter()
        .filter(|(t, ..)| *t >= 11_000)
        .collect();
    // The static members last heartbeated at 10 s at the latest: removed just after 40 s.
    assert_eq!(after.len(), 2, "{after:?}");
    assert_eq!(
        (after[0].0, after[0].1.as_str(), after[0].2),
        (11_000, "PreparingRebalance", 1)
    );
    let (t, state, generation) = &after[1];
    assert!((39_000..=40_001).contains(t), "completed at {t}");
    assert_eq!((state.as_str(), *generation), ("Empty", 2));
}

/// A static member that misses max.poll.interval.ms sends no LeaveGroup but resets its member id and generation
/// (AbstractCoordinator.maybeLeaveGroup → resetGenerationOnLeaveGroup). At its next poll the auto-commit of
/// ConsumerCoordinator.onJoinPrepare fails in the client (CommitFailedException: no generation), its partitions
/// are lost, and it rejoins as a known group.instance.id with an unknown member id: in a Stable group it gets
/// its assignment back without a rebalance.
#[test]
fn a_static_member_kicked_by_the_poll_timeout_rejoins_without_a_rebalance() {
    let faults = r#"[
      {"at_ms": 8000, "kind": "slow", "instance": "s1", "processing_ms": 900}
    ]"#;
    let mut s = scenario(&STATIC_GROUP.replace("FAULTS", faults));
    s.groups[0].max_poll_records = 8; // a batch takes up to 7.2 s > 5 s
    let (_, events) = run(&s, 1, 30_000);
    let gen1 = first_state(&events, "Stable", 1);
    let before = assigned(&events, "s1")[0].clone();
    let kicked = warnings(&events, "poll_timeout");
    let (t_kick, msg) = kicked
        .first()
        .expect("s1 misses max.poll.interval.ms")
        .clone();
    assert!(msg.contains(&before.1), "{msg}");
    let lost = events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Lost { member, .. } if *member == before.1 => Some(e.t_ms),
            _ => None,
        })
        .expect("lost at its next poll");
    assert!(lost > t_kick);
    let failed = warnings(&events, "commit_failed");
    assert!(
        failed
            .iter()
            .any(|(t, m)| *t == lost && m.contains("CommitFailedException")),
        "{failed:?}"
    );
    let again = assigned(&events, "s1");
    let again = &again[1];
    assert_eq!(again.0, lost);
    assert_ne!(again.1, before.1, "a new member id");
    assert_eq!(
        (again.2, &again.3),
        (1, &before.3),
        "same generation and partitions"
    );
    assert_eq!(
        states(&events).iter().filter(|(t, ..)| *t > gen1).count(),
        0,
        "no rebalance"
    );
}

/// ConsumerCoordinator.close commits synchronously (auto-commit), which fails in the client while the member
/// rebalances, and onLeavePrepare reports the partitions lost, not revoked, when a rebalance is in progress.
#[test]
fn stopping_a_member_while_it_rejoins_loses_its_partitions() {
    use kplay_core::sim::{Command, World};
    let s = load("cooperative-rebalance.json");
    let (_, events) = run(&s, 7, 30_000);
    let (start, _) = follow_up_round(&events);
    let member = member_of(&events, "billing-1");
    let mut w = World::new(&s, 7).expect("valid");
    w.set_event_capacity(usize::MAX);
    w.run_until(start + 500);
    w.drain_events();
    w.apply(Command::Stop {
        instance: "billing-1".into(),
    })
    .expect("stop");
    let events = w.drain_events();
    let lost = events.iter().any(
        |e| matches!(&e.kind, EventKind::Lost { member: m, partitions, .. } if *m == member && !partitions.is_empty()),
    );
    assert!(lost, "{events:?}");
    assert!(!events
        .iter()
        .any(|e| matches!(&e.kind, EventKind::Revoked { .. })));
    assert!(warnings(&events, "commit_failed")
        .iter()
        .any(|(_, m)| m.contains("RebalanceInProgressException")));
}
