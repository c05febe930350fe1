//! The rules of the broker faults' fields (feature `brokers`): `broker` (crash_broker, restart_broker,
//! slow_follower) and `extra_ms` (slow_follower). The world checks them again when a fault fires (a fault that
//! would change nothing then becomes a `fault_rejected` warning); these are the ones a file can be checked for.

use super::broker::{unknown_broker, MAX_FOLLOWER_DELAY_MS, NEEDS_BROKERS};
use super::validate::Problems;
use super::{FaultKind, Scenario};
use alloc::collections::BTreeMap;
use alloc::format;

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
    }
}
