//! Property of group coordinators over random broker crash/restart schedules (included by
//! tests/brokers_coordinator.rs): with `acks=all`, min ISR 2 and replication factor 3 (nothing is ever cut from
//! the log), whatever the coordinator's moves and unavailability, a group's committed offsets never go
//! backwards, every record is processed at least once, and the group never rebalances (only brokers fail, so
//! any rebalance would come from a coordinator move). `PROPTEST_CASES` overrides the 200 cases.

use super::{scenario, G};
use kplay_core::scenario::CommitMode;
use kplay_core::sim::{Command, EventKind, World};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Faults happen between `FAULTS_FROM_MS` (the group is stable) and `HEAL_AT_MS`, when every broker comes back;
/// the run ends at `END_MS`, long enough for a blocked `commitSync` and the backlog.
const FAULTS_FROM_MS: u64 = 10_000;
const HEAL_AT_MS: u64 = 50_000;
const END_MS: u64 = 90_000;

fn apply(w: &mut World, c: Command) {
    // Crashing a crashed broker or restarting a running one is refused and changes nothing.
    let _ = w.apply(c);
}

fn check(mode: CommitMode, seed: u64, schedule: &[(u64, u32, bool)]) -> Result<(), TestCaseError> {
    let s = scenario(3, mode, None);
    let mut w = World::new(&s, seed).expect("valid");
    w.set_event_capacity(usize::MAX);
    let mut points: Vec<(u64, Option<(u32, bool)>)> = schedule
        .iter()
        .map(|&(t, b, up)| (t, Some((b, up))))
        .collect();
    points.push((HEAL_AT_MS, None));
    points.push((END_MS, None));
    points.sort_by_key(|p| p.0);
    let mut events = Vec::new();
    // The coordinator's committed offsets (what a restarting consumer would read), sampled every second.
    let mut floor: BTreeMap<u32, u64> = BTreeMap::new();
    let mut now = 0;
    for (t, fault) in points {
        while now < t {
            now = (now + 1_000).min(t);
            w.run_until(now);
            for p in &w.snapshot().groups[0].partitions {
                let f = floor.entry(p.partition).or_insert(0);
                let c = p.committed.unwrap_or(0);
                prop_assert!(
                    c >= *f,
                    "orders-{} committed back to {} from {} at {}",
                    p.partition,
                    c,
                    *f,
                    now
                );
                *f = c;
            }
        }
        events.extend(w.drain_events());
        match fault {
            Some((broker, true)) => apply(&mut w, Command::RestartBroker { broker }),
            Some((broker, false)) => apply(&mut w, Command::CrashBroker { broker }),
            None if t == HEAL_AT_MS => {
                for broker in 1..=3 {
                    apply(&mut w, Command::RestartBroker { broker });
                }
            }
            None => {}
        }
    }
    let mut last: BTreeMap<u32, u64> = BTreeMap::new();
    let mut seen: BTreeMap<u32, BTreeSet<u64>> = BTreeMap::new();
    let mut stable = 0;
    for e in &events {
        match &e.kind {
            EventKind::Committed {
                partition, offset, ..
            } => {
                let before = last.insert(*partition, *offset).unwrap_or(0);
                prop_assert!(
                    *offset >= before,
                    "orders-{} committed {} after {} at {}",
                    partition,
                    offset,
                    before,
                    e.t_ms
                );
            }
            EventKind::Processed {
                partition, offset, ..
            } => {
                seen.entry(*partition).or_default().insert(*offset);
            }
            EventKind::GroupState { state, .. } => {
                if state == "Stable" {
                    stable += 1;
                }
                prop_assert!(
                    e.t_ms < FAULTS_FROM_MS,
                    "{} at {}: a rebalance with only brokers failing",
                    state,
                    e.t_ms
                );
            }
            _ => {}
        }
    }
    prop_assert_eq!(stable, 1);
    prop_assert!(w.group_coordinator(G).is_some(), "healed, so coordinated");
    for p in 0..3u32 {
        let end = w.log_end("orders", p).expect("partition");
        let got = seen.get(&p).map_or(0, |s| s.range(..end).count() as u64);
        // The last few records may still be in a fetch or in processing when the run ends.
        prop_assert!(
            got + 10 >= end,
            "orders-{}: {} of {} records processed",
            p,
            got,
            end
        );
        let first_gap = (0..end).find(|o| !seen.get(&p).is_some_and(|s| s.contains(o)));
        prop_assert!(
            first_gap.is_none_or(|o| o + 10 >= end),
            "orders-{}: offset {:?} never processed",
            p,
            first_gap
        );
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200)
}

fn mode() -> impl Strategy<Value = CommitMode> {
    prop_oneof![
        Just(CommitMode::Auto),
        Just(CommitMode::Sync),
        Just(CommitMode::Async),
        Just(CommitMode::PerRecord),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn coordinator_moves_never_rewind_commits_lose_records_or_rebalance(
        mode in mode(),
        seed in any::<u64>(),
        schedule in prop::collection::vec((FAULTS_FROM_MS..HEAL_AT_MS, 1..=3u32, any::<bool>()), 0..8),
    ) {
        check(mode, seed, &schedule)?;
    }
}
