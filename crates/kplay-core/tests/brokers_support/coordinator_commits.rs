//! Commits while the group's coordinator is unavailable (included by tests/brokers_coordinator.rs): `commitSync`
//! waits for the new coordinator (or gives up after `default.api.timeout.ms`), `commitAsync` fails at once.

use super::{
    at, backlogged, committed, crash_coordinator, failed_commits, moves, processed, rebalances,
    run_to, scenario, world, G,
};
use kplay_core::scenario::CommitMode;
use kplay_core::sim::{Command, Event, EventKind};

/// `commitSync` retries until the coordinator is back: the thread is blocked (it processes nothing) until the
/// move, then its commit goes through at once; nothing fails.
#[test]
fn commit_sync_waits_for_the_new_coordinator_then_commits() {
    let mut w = world(&scenario(3, CommitMode::Sync, None));
    crash_coordinator(&mut w);
    let events = run_to(&mut w, 40_000);
    let (t, _, _) = moves(&events)[0];
    // Each thread blocks at its next commit (a batch of a 30 records/s topic takes well under a second).
    let blocked: Vec<Event> = at(&events, 16_000, t);
    assert_eq!(
        processed(&blocked),
        0,
        "a thread in commitSync processes nothing"
    );
    assert_eq!(committed(&blocked), 0);
    let now: Vec<Event> = at(&events, t, t + 1);
    assert!(
        committed(&now) > 0,
        "the waiting commits go through on the move"
    );
    assert!(
        failed_commits(&events).is_empty(),
        "{:?}",
        failed_commits(&events)
    );
    assert!(processed(&at(&events, t, 40_000)) > 300);
    assert_eq!(rebalances(&events), 0);
}

/// `commitAsync` does not wait: once the coordinator lookup fails its callback gets
/// `RetriableCommitFailedException`; the thread processes on.
#[test]
fn commit_async_fails_at_once_while_the_coordinator_is_unavailable() {
    let mut w = world(&backlogged(CommitMode::Async));
    crash_coordinator(&mut w);
    let events = run_to(&mut w, 40_000);
    let (t, _, _) = moves(&events)[0];
    let failed = failed_commits(&events);
    assert!(!failed.is_empty());
    assert!(failed[0].0 < 16_000, "{failed:?}");
    assert!(failed
        .iter()
        .all(|(at, m)| *at >= 15_000 && *at < t && m.contains("RetriableCommitFailedException")));
    let during: Vec<Event> = at(&events, 15_000, t);
    assert_eq!(committed(&during), 0);
    assert!(processed(&during) > 80, "the thread processes on");
    assert!(committed(&at(&events, t, 40_000)) > 0);
}

/// With no replica of the group's `__consumer_offsets` partition left (replication factor 1, its broker
/// crashed) the partition is offline: the coordinator stays unavailable until the broker restarts, then the
/// group is loaded there again. `commitSync` gives up after `default.api.timeout.ms` (60 s) with a
/// `TimeoutException`. Still no rebalance and no session expiry over those 80 s.
#[test]
fn with_no_replica_left_the_coordinator_waits_for_the_restart_and_commit_sync_times_out() {
    let mut w = world(&scenario(3, CommitMode::Sync, Some(1)));
    let b = crash_coordinator(&mut w);
    let events = run_to(&mut w, 95_000);
    assert!(moves(&events).is_empty());
    assert_eq!(w.group_coordinator(G), None);
    let failed = failed_commits(&events);
    assert!(!failed.is_empty());
    let (t0, m) = &failed[0];
    assert!((75_000..76_000).contains(t0), "{failed:?}");
    assert!(m.contains("TimeoutException"), "{m}");
    w.apply(Command::RestartBroker { broker: b }).unwrap();
    let after = run_to(&mut w, 110_000);
    let m = moves(&after);
    assert_eq!(m.len(), 1);
    assert_eq!((m[0].1, m[0].2), (b, b), "reloaded on the restarted broker");
    assert_eq!(w.group_coordinator(G), Some(b));
    assert_eq!(rebalances(&events) + rebalances(&after), 0);
    assert_eq!(w.snapshot().groups[0].members.len(), 2);
    assert!(committed(&after) > 0);
}

/// A per-record `commitSync` blocks in the middle of a batch: when it returns, the listener's next record takes
/// its full processing time from then (100 ms), it was not done during the wait.
#[test]
fn after_a_blocked_per_record_commit_the_next_record_takes_its_processing_time() {
    let mut w = world(&backlogged(CommitMode::PerRecord));
    crash_coordinator(&mut w);
    let events = run_to(&mut w, 40_000);
    let (t, _, _) = moves(&events)[0];
    let blocked: Vec<Event> = at(&events, 16_000, t);
    assert_eq!(processed(&blocked), 0);
    let next = events
        .iter()
        .find(|e| e.t_ms >= t && matches!(e.kind, EventKind::Processed { .. }))
        .map(|e| e.t_ms);
    assert_eq!(next, Some(t + 100), "moved at {t}");
}

/// The engine's faster path when records are not traced (`Lifecycle`) must block and resume commits exactly as the traced
/// path does: same world at the end, in every commit mode, across a coordinator crash and move.
#[test]
fn the_trace_level_does_not_change_a_world_whose_coordinator_moves() {
    use kplay_core::sim::TraceLevel;
    for mode in [
        CommitMode::Auto,
        CommitMode::Sync,
        CommitMode::Async,
        CommitMode::PerRecord,
    ] {
        let snap = |level: TraceLevel| {
            let mut w = world(&backlogged(mode));
            w.set_trace_level(level);
            crash_coordinator(&mut w);
            w.run_until(40_000);
            w.snapshot()
        };
        let all = snap(TraceLevel::All);
        assert!(all.groups[0].processed > 300, "{mode:?}");
        assert_eq!(all, snap(TraceLevel::Lifecycle), "{mode:?}");
    }
}
