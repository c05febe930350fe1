//! Kafka's `RangeAssignor` (placeholder until its issue lands).

use super::{Assignment, GroupSubscription};

/// Runs `RangeAssignor` on a validated group.
pub fn assign(group: &GroupSubscription) -> Assignment {
    let _ = group;
    todo!("RangeAssignor")
}
