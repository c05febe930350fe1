//! Kafka's `StickyAssignor` (placeholder until its issue lands).

use super::{Assignment, GroupSubscription};

/// Runs `StickyAssignor` on a validated group.
pub fn assign(group: &GroupSubscription) -> Assignment {
    let _ = group;
    todo!("StickyAssignor")
}
