//! Properties of the world with brokers over random broker-fault schedules (feature `brokers`), checked every
//! millisecond: one leader per partition per leader epoch; the log consumers read never goes past a high
//! watermark the leader reached; with `acks=all`, `min.insync.replicas` 2, replication factor 3 and no unclean
//! election no acknowledged record is ever missing from it and nothing is ever cut from it; otherwise every
//! reported loss is exactly what vanished from it.
#![cfg(feature = "brokers")]

use kplay_core::replication::Acks;
use kplay_core::scenario::{BrokerSpec, ProducerSpec, Scenario, TopicSpec};
use kplay_core::sim::{Command, EventKind, World};
use proptest::prelude::*;
use std::collections::BTreeMap;

const PARTITIONS: u32 = 2;
/// Faults happen in the first `FAULT_WINDOW_MS`; then every broker comes back and the world runs `HEAL_MS`
/// more (past `request.timeout.ms`, so stuck requests are retried).
const FAULT_WINDOW_MS: u64 = 25_000;
const HEAL_MS: u64 = 35_000;

fn scenario(acks: Acks, min_isr: u32, unclean: bool, idempotence: bool) -> Scenario {
    let mut s = Scenario {
        brokers: (1..=3).map(BrokerSpec::new).collect(),
        ..Scenario::default()
    };
    let mut t = TopicSpec::new("t", PARTITIONS);
    t.replication_factor = Some(3);
    t.min_insync_replicas = Some(min_isr);
    t.unclean_leader_election_enable = Some(unclean);
    s.topics.push(t);
    let mut p = ProducerSpec::new("p", "t", 40);
    p.acks = Some(acks);
    p.enable_idempotence = Some(idempotence && acks == Acks::All);
    s.producers.push(p);
    s
}

/// Applies a broker command of the schedule: a known broker, so only a no-op (crash a crashed broker, restart a
/// running one) may be refused.
fn apply_broker(w: &mut World, c: Command) -> Result<(), TestCaseError> {
    if let Err(e) = w.apply(c) {
        let m = e.to_string();
        prop_assert!(
            m.contains("already down") || m.contains("is running"),
            "unexpected refusal: {m}"
        );
    }
    Ok(())
}

/// Runs a schedule of `(at_ms, broker, up)` and checks the invariants every millisecond. `safe`: the
/// configuration that must never lose an acknowledged record.
fn check(
    s: &Scenario,
    seed: u64,
    schedule: &[(u64, u32, bool)],
    safe: bool,
) -> Result<(), TestCaseError> {
    let mut w = World::new(s, seed).expect("valid");
    let mut leaders: BTreeMap<(u32, u32), Option<u32>> = BTreeMap::new();
    let mut max_hw = [0u64; PARTITIONS as usize];
    let mut lost_reported = 0;
    let mut schedule = schedule.to_vec();
    schedule.sort_by_key(|x| x.0);
    let mut next = 0;
    for now in 0..FAULT_WINDOW_MS + HEAL_MS {
        while next < schedule.len() && schedule[next].0 <= now {
            let (_, broker, up) = schedule[next];
            let c = if up {
                Command::RestartBroker { broker }
            } else {
                Command::CrashBroker { broker }
            };
            apply_broker(&mut w, c)?;
            next += 1;
        }
        if now == FAULT_WINDOW_MS {
            for broker in 1..=3 {
                apply_broker(&mut w, Command::RestartBroker { broker })?;
            }
        }
        let before: Vec<u64> = (0..PARTITIONS)
            .map(|p| w.log_end("t", p).unwrap_or(0))
            .collect();
        w.step(1);
        for e in w.drain_events() {
            match e.kind {
                EventKind::LeaderChanged {
                    partition,
                    leader,
                    epoch,
                    ..
                } => {
                    let seen = leaders.insert((partition, epoch), leader);
                    prop_assert!(
                        seen.is_none() || seen == Some(leader),
                        "two leaders in epoch {epoch} of {partition}"
                    );
                }
                EventKind::RecordsLost {
                    partition,
                    from,
                    to,
                    acknowledged,
                    visible,
                    ..
                } => {
                    let was = before[partition as usize];
                    prop_assert_eq!(
                        visible,
                        was.saturating_sub(from),
                        "reported vs cut at {}",
                        now
                    );
                    lost_reported += to - from;
                    if safe {
                        prop_assert_eq!(acknowledged, 0, "acknowledged records lost at {}", now);
                        prop_assert_eq!(
                            visible,
                            0,
                            "records cut from the consumers' log at {}",
                            now
                        );
                    }
                }
                _ => {}
            }
        }
        let r = w.replication("t").expect("topic");
        for p in 0..PARTITIONS {
            let end = w.log_end("t", p).unwrap_or(0);
            let part = r.partition(p as usize).expect("partition");
            max_hw[p as usize] = max_hw[p as usize].max(r.fetchable_until(p as usize));
            // Consumers never read above a high watermark the leader reached.
            prop_assert!(
                end <= max_hw[p as usize],
                "log end {end} above every HW at {now}"
            );
            if safe {
                prop_assert!(
                    end >= before[p as usize],
                    "the consumers' log shrank at {now}"
                );
                // Acknowledged (acks=all: the HW passed it) implies readable by consumers.
                if let Some(log) = part.leader_log() {
                    for rec in log.records().iter().skip(end as usize) {
                        prop_assert!(
                            !rec.acked,
                            "acknowledged offset {} not in the consumers' log at {now}",
                            rec.offset
                        );
                    }
                }
            }
        }
    }
    prop_assert_eq!(w.replication_totals().map(|t| t.0), Some(lost_reported));
    // After healing every record sent made it or was reported lost: the producer is idle and caught up.
    let r = w.replication("t").expect("topic");
    prop_assert_eq!(r.pending_records(1), 0);
    if safe {
        // Nothing lost, nothing twice: the log holds every record the producer sent (40/s).
        let total: u64 = (0..PARTITIONS)
            .map(|p| w.log_end("t", p).unwrap_or(0))
            .sum();
        prop_assert_eq!(total, (FAULT_WINDOW_MS + HEAL_MS) * 40 / 1000);
    }
    Ok(())
}

fn schedule() -> impl Strategy<Value = Vec<(u64, u32, bool)>> {
    prop::collection::vec((0..FAULT_WINDOW_MS, 1..=3u32, any::<bool>()), 0..8)
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn acks_all_min_isr_2_rf_3_never_loses_an_acknowledged_record(seed in any::<u64>(), faults in schedule()) {
        check(&scenario(Acks::All, 2, false, true), seed, &faults, true)?;
    }

    #[test]
    fn with_acks_1_or_unclean_election_the_reported_loss_is_what_vanished(
        seed in any::<u64>(), faults in schedule(), acks_one in any::<bool>(), idempotence in any::<bool>(),
    ) {
        let s = if acks_one { scenario(Acks::One, 1, true, false) } else { scenario(Acks::All, 1, true, idempotence) };
        check(&s, seed, &faults, false)?;
    }
}
