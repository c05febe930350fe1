//! Kafka's `CooperativeStickyAssignor` (placeholder until its issue lands).

use super::{Assignment, GroupSubscription};

/// Runs `CooperativeStickyAssignor` on a validated group.
pub fn assign(group: &GroupSubscription) -> Assignment {
    let _ = group;
    todo!("CooperativeStickyAssignor")
}
