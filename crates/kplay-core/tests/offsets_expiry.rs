//! Committed-offset expiry (`offsets.retention.minutes`): only while a group is Empty, counted from the moment
//! it became Empty, applied by the coordinator's check every `offsets.retention.check.interval.ms` (600000),
//! after which the group is deleted and a returning consumer falls back to `auto.offset.reset`.

mod common;

use kplay_core::scenario::{
    FaultKind, FaultSpec, GroupSpec, InstanceSpec, OffsetReset, ProducerSpec, Scenario, TopicSpec,
    OFFSETS_RETENTION_CHECK_INTERVAL_MS,
};
use kplay_core::sim::{Command, Event, EventKind, GroupState, World};

const CHECK: u64 = OFFSETS_RETENTION_CHECK_INTERVAL_MS;

/// One topic (1 partition, 10 records/s), group "g" with instance "i1" that stops at `stop_ms`.
fn scenario(reset: OffsetReset, retention_ms: u64, stop_ms: u64) -> Scenario {
    let mut s = Scenario::default();
    s.topics.push(TopicSpec::new("t", 1));
    s.producers.push(ProducerSpec::new("p", "t", 10));
    let mut g = GroupSpec::new("g", ["t"]);
    g.auto_offset_reset = reset;
    g.offsets_retention_ms = retention_ms;
    g.instances.push(InstanceSpec::new("i1", "L", 1));
    s.groups.push(g);
    s.faults
        .push(FaultSpec::new(stop_ms, FaultKind::Stop).instance("i1"));
    s
}

fn world(s: &Scenario) -> World {
    let mut w = World::new(s, 1).unwrap();
    w.set_event_capacity(usize::MAX);
    w
}

fn expired(events: &[Event]) -> Vec<(u64, Vec<(String, u32)>)> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::OffsetsExpired { group, partitions } if group == "g" => {
                Some((e.t_ms, partitions.clone()))
            }
            _ => None,
        })
        .collect()
}

fn first_processed_offset(events: &[Event]) -> Option<u64> {
    common::processed(events).first().map(|p| p.4)
}

#[test]
fn offsets_expire_at_the_first_check_after_the_group_was_empty_for_the_retention() {
    let s = scenario(OffsetReset::Earliest, 60_000, 5_000);
    let mut w = world(&s);
    w.run_until(CHECK);
    let before = w.drain_events();
    assert!(expired(&before).is_empty(), "no check before {CHECK} ms");
    let g = &w.snapshot().groups[0];
    assert_eq!(g.state, GroupState::Empty);
    assert!(g.partitions[0].committed.is_some());
    w.run_until(CHECK + 1);
    let events = w.drain_events();
    assert_eq!(expired(&events), vec![(CHECK, vec![("t".to_string(), 0)])]);
    let g = &w.snapshot().groups[0];
    assert_eq!(g.partitions[0].committed, None);
    assert_eq!((g.state, g.generation), (GroupState::Dead, 0));
    let line = serde_json::to_string(&events[0]).unwrap();
    assert_eq!(
        line,
        format!(
            r#"{{"t_ms":{CHECK},"kind":"offsets_expired","group":"g","partitions":[["t",0]]}}"#
        )
    );
}

#[test]
fn retention_counts_from_becoming_empty_and_waits_for_the_next_check() {
    // Empty at about 599.5 s: at the 600 s check it has been Empty for less than the 1 s retention, so the
    // offsets survive until the 1200 s check.
    let s = scenario(OffsetReset::Earliest, 1_000, CHECK - 500);
    let mut w = world(&s);
    w.run_until(2 * CHECK);
    assert!(expired(&w.drain_events()).is_empty());
    w.run_until(2 * CHECK + 1);
    assert_eq!(expired(&w.drain_events()).len(), 1);
}

#[test]
fn a_group_with_members_keeps_its_offsets_forever() {
    let mut s = scenario(OffsetReset::Earliest, 1, 5_000);
    s.faults.clear();
    let (w, events) = common::run(&s, 1, CHECK + 10);
    assert!(expired(&events).is_empty());
    assert_eq!(w.snapshot().groups[0].state, GroupState::Stable);
    assert!(w.snapshot().groups[0].partitions[0].committed.is_some());
}

/// Stops at 5 s, restarts at `restart_ms`; returns (committed offset at the stop, log-end at the restart, the
/// first offset processed after the restart, the first generation after the restart).
fn rejoin(reset: OffsetReset, retention_ms: u64, restart_ms: u64) -> (u64, u64, u64, i32) {
    let s = scenario(reset, retention_ms, 5_000);
    let mut w = world(&s);
    w.run_until(6_000);
    let committed = w.snapshot().groups[0].partitions[0].committed.unwrap();
    w.run_until(restart_ms);
    let log_end = w.snapshot().topics[0].partitions[0].log_end;
    w.drain_events();
    w.apply(Command::Restart {
        instance: "i1".into(),
    })
    .unwrap();
    w.run_until(restart_ms + 10_000);
    let events = w.drain_events();
    let generation = events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Assigned { generation, .. } => Some(*generation),
            _ => None,
        })
        .unwrap();
    (
        committed,
        log_end,
        first_processed_offset(&events).unwrap(),
        generation,
    )
}

#[test]
fn after_expiry_latest_skips_what_was_written_meanwhile() {
    let (committed, log_end, first, generation) =
        rejoin(OffsetReset::Latest, 60_000, CHECK + 1_000);
    assert!(committed < log_end);
    assert!(
        first >= log_end,
        "latest: starts at the log end {log_end}, got {first}"
    );
    assert_eq!(
        generation, 1,
        "a deleted group starts again at generation 1"
    );
}

#[test]
fn after_expiry_earliest_replays_the_retained_records() {
    let (committed, _, first, _) = rejoin(OffsetReset::Earliest, 60_000, CHECK + 1_000);
    assert!(committed > 0);
    assert_eq!(first, 0, "earliest: from log start");
}

#[test]
fn before_expiry_the_group_resumes_from_its_committed_offset() {
    let (committed, _, first, generation) = rejoin(OffsetReset::Latest, 60_000, CHECK - 1_000);
    assert_eq!(first, committed);
    assert!(generation > 1, "same group, later generation");
    // Retention not reached at the check: the offsets survive it, and so does the group.
    let (committed, _, first, _) = rejoin(OffsetReset::Latest, CHECK, CHECK + 1_000);
    assert_eq!(first, committed);
}

#[test]
fn an_empty_group_without_offsets_is_deleted_at_the_check() {
    let mut s = scenario(OffsetReset::Latest, 60_000, 1);
    s.producers.clear();
    let (w, events) = common::run(&s, 1, CHECK + 1);
    assert!(expired(&events).is_empty(), "nothing to expire");
    let last = events.last().unwrap();
    assert_eq!(last.t_ms, CHECK);
    assert!(
        matches!(&last.kind, EventKind::GroupState { state, .. } if state == "Dead"),
        "{last:?}"
    );
    assert!(w.check_invariants().is_ok());
}
