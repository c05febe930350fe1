//! The rules of the broker faults' fields (feature `brokers`): `broker` (crash_broker, restart_broker,
//! slow_follower), `extra_ms` (slow_follower), lose_ack's `producer`, and elect_preferred's `topic` and
//! `partition`. The world checks them again when a fault fires (a fault that
//! would change nothing then becomes a `fault_rejected` warning); these are the ones a file can be checked for.

use super::broker::{unknown_broker, MAX_FOLLOWER_DELAY_MS, NEEDS_BROKERS};
use super::validate::Problems;
use super::{FaultKind, FaultSpec, Scenario, MAX_PARTITIONS};
use crate::replication::Acks;
use alloc::collections::BTreeMap;
use alloc::format;

/// Why `lose_ack` cannot target a producer with `acks` 0.
pub(crate) const NO_ACK_TO_LOSE: &str =
    "has acks 0: there is no acknowledgement to lose (the producer never waits for one)";

/// Checks every fault's broker fields; `ids` maps each broker id to its index.
pub(super) fn check(s: &Scenario, ids: &BTreeMap<u32, usize>, p: &mut Problems) {
    let n = s.brokers.len();
    for (i, f) in s.faults.iter().enumerate() {
        let at = |field: &str| format!("faults[{i}].{field}");
        let for_broker = matches!(
            f.kind,
            FaultKind::CrashBroker | FaultKind::RestartBroker | FaultKind::SlowFollower
        );
        match (for_broker, f.broker) {
            (false, Some(_)) => p.add(
                at("broker"),
                "only allowed for crash_broker, restart_broker and slow_follower",
            ),
            (true, _) if n == 0 => p.add(at("broker"), NEEDS_BROKERS),
            (true, None) => p.add(at("broker"), format!("required for {}", f.kind.name())),
            (true, Some(b)) if !ids.contains_key(&b) => {
                p.add(at("broker"), unknown_broker(b, ids.keys().copied()))
            }
            _ => {}
        }
        let slow = f.kind == FaultKind::SlowFollower;
        match (slow, f.extra_ms) {
            (false, Some(_)) => p.add(at("extra_ms"), "only allowed for slow_follower"),
            (true, None) => p.add(
                at("extra_ms"),
                "required for slow_follower (0 ends a slow follower)",
            ),
            (true, Some(ms)) if ms > MAX_FOLLOWER_DELAY_MS => p.add(
                at("extra_ms"),
                format!("must be at most {MAX_FOLLOWER_DELAY_MS} (one hour)"),
            ),
            _ => {}
        }
        if f.kind == FaultKind::LoseAck {
            lose_ack(s, i, f.producer.as_deref(), p);
        }
        if f.kind == FaultKind::ElectPreferred {
            elect_preferred(s, i, f, p);
        } else if f.partition.is_some() {
            p.add(at("partition"), "only allowed for elect_preferred");
        }
    }
}

/// lose_ack needs brokers and a producer that waits for acknowledgements (`acks` 1 or all).
fn lose_ack(s: &Scenario, i: usize, producer: Option<&str>, p: &mut Problems) {
    let at = |field: &str| format!("faults[{i}].{field}");
    if s.brokers.is_empty() {
        p.add(at("kind"), format!("lose_ack {NEEDS_BROKERS}"));
        return;
    }
    let Some(id) = producer else {
        p.add(at("producer"), "required for lose_ack");
        return;
    };
    match s.producers.iter().find(|x| x.id == id) {
        None => p.add(at("producer"), format!("unknown producer {id:?}")),
        Some(x) if x.acks == Some(Acks::Zero) => {
            p.add(at("producer"), format!("producer {id:?} {NO_ACK_TO_LOSE}"))
        }
        Some(_) => {}
    }
}

/// elect_preferred needs brokers, a known topic and, when given, a partition below the topic's count at the
/// fault's time (its count plus what earlier `add_partitions` faults grow it to). The partition is compared
/// with the count, never with `count - 1`, so a count of 0 cannot underflow.
fn elect_preferred(s: &Scenario, i: usize, f: &FaultSpec, p: &mut Problems) {
    let at = |field: &str| format!("faults[{i}].{field}");
    if s.brokers.is_empty() {
        p.add(at("kind"), format!("elect_preferred {NEEDS_BROKERS}"));
        return;
    }
    let Some(name) = f.topic.as_deref() else {
        p.add(at("topic"), "required for elect_preferred");
        return;
    };
    let Some(t) = s.topics.iter().find(|t| t.name == name) else {
        p.add(at("topic"), format!("unknown topic {name:?}"));
        return;
    };
    let grown = s.faults.iter().filter(|g| {
        g.kind == FaultKind::AddPartitions && g.at_ms <= f.at_ms && g.topic.as_deref() == Some(name)
    });
    let count = grown
        .filter_map(|g| g.partitions.filter(|&n| n <= MAX_PARTITIONS))
        .fold(t.partitions, u32::max);
    if let Some(k) = f.partition {
        if k >= count {
            p.add(
                at("partition"),
                format!("must be below the topic's partition count {count}"),
            );
        }
    }
}
