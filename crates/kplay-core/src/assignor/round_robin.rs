//! Kafka's `RoundRobinAssignor` (placeholder until its issue lands).

use super::{Assignment, GroupSubscription};

/// Runs `RoundRobinAssignor` on a validated group.
pub fn assign(group: &GroupSubscription) -> Assignment {
    let _ = group;
    todo!("RoundRobinAssignor")
}
