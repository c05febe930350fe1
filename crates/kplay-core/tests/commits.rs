//! When offsets are committed: the plain Kafka client against Spring Kafka's listener container (one test per
//! `AckMode`, following `KafkaMessageListenerContainer.ListenerConsumer.processCommits` / `ackCurrent` /
//! `commitPendingAcks` and the defaults in Spring's `ContainerProperties`). Processing handed to a worker
//! thread is in `handoff.rs`.

mod commit_support;
mod common;

use commit_support::{commits, crash_scenario, one_partition};
use common::{processed, produced, run};
use kplay_core::scenario::{
    AckMode, CommitMode, CommitSpec, FaultKind, FaultSpec, InstanceSpec, Processing, Scenario,
};
use kplay_core::sim::{EventKind, World};
use std::collections::BTreeSet;

/// Per millisecond: `(t, records in flight after the tick, processed offsets, committed offsets)`.
fn ticks(s: &Scenario, until: u64) -> Vec<(u64, u32, Vec<u64>, Vec<u64>)> {
    let mut w = World::new(s, 1).expect("valid");
    w.set_event_capacity(usize::MAX);
    let mut out = Vec::new();
    while w.now_ms() < until {
        w.step(1);
        let snap = w.snapshot();
        let in_flight = snap.groups[0].members.first().map_or(0, |m| m.in_flight);
        let (mut done, mut committed) = (Vec::new(), Vec::new());
        for e in w.drain_events() {
            match e.kind {
                EventKind::Processed { offset, .. } => done.push(offset),
                EventKind::Committed { offset, .. } => committed.push(offset),
                _ => {}
            }
        }
        out.push((w.now_ms() - 1, in_flight, done, committed));
    }
    out
}

#[test]
fn spring_batch_commits_once_after_each_polls_records_are_processed() {
    // AckMode.BATCH (Spring's default): processCommits before the next poll commits everything processed.
    let s = one_partition(CommitSpec::spring(AckMode::Batch), 200, 7, 20);
    let mut in_flight = 0;
    let mut last_done = None;
    let (mut batches, mut n_commits) = (0, 0);
    for (t, after, done, committed) in ticks(&s, 15_000) {
        if let Some(&o) = done.last() {
            last_done = Some(o);
        }
        // The poll's records were all processed in this millisecond (then the next poll may fetch more).
        let batch_done = in_flight > 0 && done.len() as u32 == in_flight;
        if batch_done {
            batches += 1;
            assert_eq!(
                committed,
                vec![last_done.unwrap() + 1],
                "at {t}: one commit of all processed"
            );
        } else {
            assert!(
                committed.is_empty(),
                "at {t}: commit {committed:?} in the middle of a batch"
            );
        }
        n_commits += committed.len();
        in_flight = after;
    }
    assert!(batches > 50, "{batches} batches");
    assert_eq!(n_commits, batches);
}

#[test]
fn spring_record_and_manual_immediate_commit_after_every_record() {
    // AckMode.RECORD commits in ackCurrent; MANUAL_IMMEDIATE on each acknowledge() (every record here).
    for mode in [AckMode::Record, AckMode::ManualImmediate] {
        let s = one_partition(CommitSpec::spring(mode), 200, 3, 20);
        let (_, events) = run(&s, 1, 10_000);
        let done: Vec<u64> = processed(&events).iter().map(|p| p.4 + 1).collect();
        let committed: Vec<u64> = commits(&events).iter().map(|c| c.1).collect();
        assert!(done.len() > 1000, "{mode:?}");
        assert_eq!(
            committed, done,
            "{mode:?}: one commit per record, right after it"
        );
    }
}

#[test]
fn spring_manual_commits_like_batch() {
    // AckMode.MANUAL: acks are queued and committed before the next poll, as with BATCH.
    let run_with = |mode| {
        run(
            &one_partition(CommitSpec::spring(mode), 200, 7, 20),
            1,
            10_000,
        )
        .1
    };
    assert_eq!(
        commits(&run_with(AckMode::Manual)),
        commits(&run_with(AckMode::Batch))
    );
}

#[test]
fn spring_time_commits_only_after_ack_time_elapsed() {
    // AckMode.TIME: timedAcks commits when now - last > ackTime, then last = now.
    let mut c = CommitSpec::spring(AckMode::Time);
    c.ack_time_ms = 1_000;
    let s = one_partition(c, 200, 3, 20);
    let (_, events) = run(&s, 1, 20_000);
    let cs = commits(&events);
    assert!(cs.len() >= 15, "{cs:?}");
    // The container started at 0 ms: the first check that can pass is at 1001 ms.
    assert!(cs[0].0 > 1_000);
    for w in cs.windows(2) {
        assert!(
            w[1].0 - w[0].0 > 1_000,
            "commits at {} and {}",
            w[0].0,
            w[1].0
        );
        assert!(
            w[1].0 - w[0].0 <= 1_000 + 3 * 20,
            "a poll follows within one batch"
        );
    }
    // Each commit covers everything processed so far.
    let done = processed(&events);
    for (t, offset) in cs {
        let last = events
            .iter()
            .rev()
            .filter(|e| e.t_ms <= t)
            .find_map(|e| match e.kind {
                EventKind::Processed { offset, .. } => Some(offset),
                _ => None,
            });
        assert_eq!(Some(offset), last.map(|o| o + 1), "at {t}");
    }
    assert!(done.len() > 3_000);
}

#[test]
fn spring_count_commits_every_ack_count_records() {
    // AckMode.COUNT: processCommits commits once count >= ackCount, then count = 0. At 20 records/s with
    // instant processing every poll returns one record, so the committed offset moves by exactly ackCount.
    let mut c = CommitSpec::spring(AckMode::Count);
    c.ack_count = 10;
    let (_, events) = run(&one_partition(c, 20, 0, 500), 1, 20_000);
    let cs = commits(&events);
    assert!(cs.len() >= 30, "{cs:?}");
    for w in cs.windows(2) {
        assert_eq!(w[1].1 - w[0].1, 10, "{cs:?}");
    }
    // COUNT_TIME: the same with a long ackTime; with a short one, time wins.
    let mut ct = c;
    ct.ack_mode = AckMode::CountTime;
    ct.ack_time_ms = 100_000;
    assert_eq!(
        commits(&run(&one_partition(ct, 20, 0, 500), 1, 20_000).1),
        cs
    );
    ct.ack_time_ms = 200;
    let fast = commits(&run(&one_partition(ct, 20, 0, 500), 1, 20_000).1);
    assert!(fast.windows(2).all(|w| w[1].1 - w[0].1 < 10), "{fast:?}");
}

#[test]
fn a_crash_reprocesses_at_most_the_current_batch_with_spring_but_seconds_with_auto_commit() {
    // Kafka's auto-commit runs from poll once auto.commit.interval.ms passed
    // (ConsumerCoordinator.maybeAutoCommitOffsetsAsync): a crash re-delivers up to 5 s of records to the next
    // owner. Spring's BATCH commits after every poll's records (ListenerConsumer.processCommits).
    let duplicates = |c| {
        let (w, events) = run(&crash_scenario(c, None), 3, 40_000);
        let dups = processed(&events).iter().filter(|p| p.6).count() as u64;
        assert_eq!(dups, w.snapshot().groups[0].duplicates);
        dups
    };
    let spring = duplicates(CommitSpec::spring(AckMode::Batch));
    let auto = duplicates(CommitSpec::kafka(CommitMode::Auto));
    assert!(
        spring <= 50,
        "BATCH re-processes at most one poll (max.poll.records 50): {spring}"
    );
    assert!(
        auto > 50,
        "auto-commit re-processes what came after its last commit: {auto}"
    );
}

#[test]
fn spring_commits_pending_acks_when_partitions_are_revoked() {
    // With a long ackTime nothing is committed by time; an eager rebalance (a second member joins) makes the
    // container commit its pending offsets in onPartitionsRevoked (commitPendingAcks).
    let mut c = CommitSpec::spring(AckMode::Time);
    c.ack_time_ms = 3_600_000;
    let mut s = one_partition(c, 100, 1, 20);
    let mut add = FaultSpec::new(8_000, FaultKind::Restart);
    add.instance = Some("b".into());
    let mut b = InstanceSpec::new("b", "OrderListener", 1);
    b.processing_ms = Processing::Fixed(1);
    s.groups[0].instances.push(b);
    let mut stop = FaultSpec::new(100, FaultKind::Stop);
    stop.instance = Some("b".into());
    s.faults.push(stop);
    s.faults.push(add);
    let (_, events) = run(&s, 1, 12_000);
    let revoked_at = events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Revoked { instance, .. } if instance == "a" && e.t_ms > 8_000 => {
                Some(e.t_ms)
            }
            _ => None,
        })
        .expect("a revokes when b rejoins");
    let cs = commits(&events);
    assert!(
        cs.iter().any(|&(t, _)| t == revoked_at),
        "commit at the revocation {revoked_at}: {cs:?}"
    );
    assert!(cs.iter().all(|&(t, _)| t >= revoked_at), "{cs:?}");
}

#[test]
fn shipped_spring_and_handoff_scenarios_show_their_lesson() {
    // spring-batch-crash.json is crash-duplicates.json with Spring's default container: far fewer duplicates.
    let dups = |name| {
        let (w, _) = run(&common::load(name), 7, 40_000);
        w.snapshot().groups[0].duplicates
    };
    let (spring, auto) = (
        dups("spring-batch-crash.json"),
        dups("crash-duplicates.json"),
    );
    assert!(spring * 5 < auto, "spring {spring}, auto {auto}");
    // handoff-lost.json: billing-1 hands records to a slow worker; its crash loses what auto-commit committed.
    let (w, events) = run(&common::load("handoff-lost.json"), 7, 60_000);
    let all: BTreeSet<(u32, u64)> = produced(&events).iter().map(|p| (p.1, p.2)).collect();
    let done: BTreeSet<(u32, u64)> = processed(&events).iter().map(|p| (p.3, p.4)).collect();
    let lost = w.snapshot().groups[0].lost_in_handoff;
    assert!(lost > 0);
    assert_eq!(lost, all.difference(&done).count() as u64);
}

#[test]
fn commit_json_loads_old_files_writes_each_clients_fields_and_rejects_the_other_clients() {
    let group = |commit: &str| {
        format!(
            r#"{{"version":1,"topics":[{{"name":"t","partitions":1}}],
               "groups":[{{"id":"g","topics":["t"],"commit":{commit},
                           "instances":[{{"id":"i","listener":"L","handoff_queue":0}}]}}]}}"#
        )
    };
    // A file from before `client` existed keeps the plain client's auto-commit.
    let old: Scenario =
        serde_json::from_str(&group(r#"{"mode":"auto","interval_ms":5000}"#)).unwrap();
    assert_eq!(old.groups[0].commit, CommitSpec::kafka(CommitMode::Auto));
    // Each client writes only its own fields.
    let mut c = CommitSpec::spring(AckMode::Count);
    c.ack_count = 100;
    assert_eq!(
        serde_json::to_string(&c).unwrap(),
        r#"{"client":"spring","ack_mode":"count","ack_count":100}"#
    );
    assert_eq!(
        serde_json::to_string(&CommitSpec::default()).unwrap(),
        r#"{"client":"kafka","mode":"auto","interval_ms":5000}"#
    );
    let back: CommitSpec = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
    assert_eq!(back, c);
    // The other client's fields are errors with their path; so is an empty hand-off queue.
    let problems = |commit: &str| -> Vec<String> {
        let s: Scenario = serde_json::from_str(&group(commit)).unwrap();
        s.validate()
            .unwrap_err()
            .iter()
            .map(|p| p.to_string())
            .collect()
    };
    assert_eq!(
        problems(r#"{"client":"kafka","ack_mode":"time","ack_time_ms":0}"#),
        [
            "groups[0].commit.ack_mode: only for client spring",
            "groups[0].commit.ack_time_ms: only for client spring",
            "groups[0].commit.ack_time_ms: must be a whole number from 1 to 3600000",
            "groups[0].instances[0].handoff_queue: must be a whole number from 1 to 100000",
        ]
    );
    assert_eq!(
        problems(r#"{"client":"spring","mode":"sync"}"#)[0],
        "groups[0].commit.mode: only for client kafka (Spring commits by ack_mode)"
    );
}

#[test]
fn every_commit_model_simulates_the_same_world_at_every_trace_level() {
    // The untraced fast path (consumer/quiet.rs) must do what the traced path does for every client and mode.
    let mut models: Vec<CommitSpec> = [
        AckMode::Batch,
        AckMode::Record,
        AckMode::Time,
        AckMode::Count,
    ]
    .into_iter()
    .chain([
        AckMode::CountTime,
        AckMode::Manual,
        AckMode::ManualImmediate,
    ])
    .map(|m| {
        let mut c = CommitSpec::spring(m);
        (c.ack_time_ms, c.ack_count) = (700, 7);
        c
    })
    .collect();
    models.extend(
        [
            CommitMode::Auto,
            CommitMode::Sync,
            CommitMode::Async,
            CommitMode::PerRecord,
        ]
        .map(CommitSpec::kafka),
    );
    for commit in models {
        for handoff in [None, Some(4)] {
            let mut s = crash_scenario(commit, handoff);
            s.groups[0].instances[1].processing_ms = Processing::Range { min: 0, max: 4 };
            let snap = |level| {
                let mut w = World::new(&s, 5).unwrap();
                w.set_trace_level(level);
                w.run_until(30_000);
                w.snapshot()
            };
            let all = snap(kplay_core::sim::TraceLevel::All);
            assert_eq!(
                all,
                snap(kplay_core::sim::TraceLevel::Off),
                "{commit:?} {handoff:?}"
            );
        }
    }
}
