//! Properties of the replication model under random fault schedules (crash/restart, slow followers, lost
//! acknowledgements, preferred elections) while producers write. Invariants are checked after every ms by
//! `replication_support::run`.

mod replication_support;

use kplay_core::replication::{Acks, ReplicationConfig};
use proptest::prelude::*;
use replication_support::{check_ledger, producer, run, Fault};

/// A minute of virtual time, with Kafka's timeouts scaled down so that faults have effects within it.
const MS: u64 = 60_000;

fn cfg(min_isr: u32, unclean: bool, latency: u64) -> ReplicationConfig {
    ReplicationConfig {
        replica_lag_time_max_ms: 3_000,
        network_latency_ms: latency,
        min_insync_replicas: min_isr,
        unclean_leader_election_enable: unclean,
        broker_session_timeout_ms: 1_000,
        request_timeout_ms: 2_000,
        delivery_timeout_ms: 10_000,
        ..ReplicationConfig::default()
    }
}

fn fault() -> impl Strategy<Value = (u64, Fault)> {
    let broker = 1u32..=3;
    let kind = prop_oneof![
        3 => broker.clone().prop_map(Fault::Crash),
        3 => broker.clone().prop_map(Fault::Restart),
        2 => (broker.clone(), prop_oneof![Just(50u64), Just(2_000), Just(10_000), Just(1_000_000)])
            .prop_map(|(b, d)| Fault::Slow(b, d)),
        1 => broker.prop_map(Fault::Fast),
        1 => (1u64..=2).prop_map(Fault::LoseAck),
        1 => (0usize..2).prop_map(Fault::ElectPreferred),
    ];
    (0..MS - 5_000, kind)
}

fn schedule() -> impl Strategy<Value = Vec<(u64, Fault)>> {
    prop::collection::vec(fault(), 0..16)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// acks=all, min.insync.replicas >= 2, replication factor 3, no unclean election: no acknowledged record
    /// is ever lost, and idempotent retries never duplicate.
    #[test]
    fn acks_all_with_min_isr_two_never_loses_an_acknowledged_record(
        faults in schedule(), min_isr in 2u32..=3, latency in 0u64..=3,
    ) {
        let out = run(cfg(min_isr, false, latency), producer(Acks::All, true), &faults, MS, 20);
        for &(p, offset, epoch, acked) in &out.lost {
            prop_assert!(!acked, "p={} lost acknowledged record {}@{}", p, offset, epoch);
        }
        for &(p, offset, epoch) in &out.acked {
            prop_assert!(out.final_logs[p].iter().any(|r| r.offset == offset && r.epoch == epoch),
                "p={} acknowledged {}@{} is not in the final log", p, offset, epoch);
        }
        for log in &out.final_logs {
            let mut ids: Vec<(u64, u32)> = log.iter().map(|r| (r.producer_id, r.sequence)).collect();
            let n = ids.len();
            ids.sort_unstable();
            ids.dedup();
            prop_assert_eq!(ids.len(), n, "an idempotent retry wrote a record twice");
        }
    }

    /// acks=1 or unclean election: loss happens, and what the model reports lost is exactly what vanished
    /// from the leader's log (checked every ms by `run`); every acknowledged record is either in the final
    /// log or was reported lost as acknowledged.
    #[test]
    fn reported_loss_equals_what_vanished(
        faults in schedule(), acks_one in any::<bool>(), unclean in any::<bool>(), idem in any::<bool>(),
        latency in 0u64..=3,
    ) {
        let acks = if acks_one || !unclean { Acks::One } else { Acks::All };
        let out = run(cfg(1, unclean, latency), producer(acks, idem), &faults, MS, 20);
        check_ledger(&out);
    }
}

/// The runner does detect loss: an unclean failover with a stalled follower loses acknowledged records.
#[test]
fn an_unclean_schedule_reports_acknowledged_loss() {
    let faults = [
        (100, Fault::Slow(2, 1_000_000)),
        (100, Fault::Slow(3, 1_000_000)),
        (8_000, Fault::Fast(2)),
        (8_000, Fault::Crash(1)),
    ];
    let out = run(
        cfg(1, true, 1),
        producer(Acks::One, true),
        &faults,
        12_000,
        20,
    );
    assert!(
        out.lost.iter().any(|l| l.0 == 0 && l.3),
        "{:?}",
        out.lost.len()
    );
    check_ledger(&out);
    assert!(out.acks > 500);
}
