//! The place where the engine calls the group leader's assignor. Partition choice goes through
//! [`crate::partitioner`] directly from `producer.rs`.

use crate::assignor::{Assignment, GroupSubscription, Strategy};

/// Runs the group leader's assignor. The engine only builds valid subscriptions, so an error is a broken
/// invariant: debug builds stop there, release builds assign nothing (the group then shows no owners).
pub(crate) fn run_assignor(strategy: Strategy, group: &GroupSubscription) -> Assignment {
    match strategy.assign(group) {
        Ok(a) => a,
        Err(_) => {
            debug_assert!(false, "engine built an invalid subscription");
            Assignment::default()
        }
    }
}
