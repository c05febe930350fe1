//! Processing handed to a worker thread (`InstanceSpec::handoff_queue`): auto-commit (or Spring's container,
//! which sees the hand-off as "processed") commits records the worker has not processed; a crash loses them.
//! Kafka's auto-commit commits the positions poll returned (ConsumerCoordinator.maybeAutoCommitOffsetsAsync),
//! Spring's BATCH commits what the listener returned from (ListenerConsumer.processCommits).

mod commit_support;
mod common;

use commit_support::{crash_scenario, one_partition};
use common::{processed, produced, run};
use kplay_core::scenario::{AckMode, CommitMode, CommitSpec};
use kplay_core::sim::{EventKind, World};
use std::collections::BTreeSet;

#[test]
fn handoff_with_auto_commit_loses_exactly_the_committed_records_a_crash_drops() {
    for commit in [
        CommitSpec::kafka(CommitMode::Auto),
        CommitSpec::spring(AckMode::Batch),
    ] {
        let (w, events) = run(&crash_scenario(commit, Some(1_000)), 3, 60_000);
        let all: BTreeSet<u64> = produced(&events).iter().map(|p| p.2).collect();
        let done: BTreeSet<u64> = processed(&events).iter().map(|p| p.4).collect();
        let never = all.difference(&done).count() as u64;
        let lost = w.snapshot().groups[0].lost_in_handoff;
        assert!(
            lost > 100,
            "{commit:?}: the worker fell behind, so a crash loses records: {lost}"
        );
        assert_eq!(
            lost, never,
            "{commit:?}: the count is exactly what no member processed"
        );
        let warned = events.iter().any(|e| {
            matches!(&e.kind, EventKind::Warning { code, message, .. }
                if code == "handoff_lost" && message.contains(&format!("dropped {lost} records")))
        });
        assert!(warned, "{commit:?}");
    }
    // Without the hand-off nothing is lost: the next owner re-reads what was not committed.
    let (w, events) = run(
        &crash_scenario(CommitSpec::kafka(CommitMode::Auto), None),
        3,
        60_000,
    );
    let all: BTreeSet<u64> = produced(&events).iter().map(|p| p.2).collect();
    let done: BTreeSet<u64> = processed(&events).iter().map(|p| p.4).collect();
    assert_eq!(all, done);
    assert_eq!(w.snapshot().groups[0].lost_in_handoff, 0);
}

#[test]
fn a_full_handoff_queue_blocks_the_poll_loop() {
    // Queue of 5, worker 20 ms per record, 100 records/s arriving: the queue plus one poll bounds what waits.
    let mut s = one_partition(CommitSpec::kafka(CommitMode::Auto), 100, 20, 50);
    s.groups[0].instances[0].handoff_queue = Some(5);
    let mut w = World::new(&s, 1).unwrap();
    let mut most = 0;
    for _ in 0..10_000 {
        w.step(1);
        most = most.max(w.snapshot().groups[0].members[0].in_flight);
    }
    assert!(most <= 5 + 50, "{most}");
    assert!(most > 5, "the poll's records wait for room: {most}");
}
