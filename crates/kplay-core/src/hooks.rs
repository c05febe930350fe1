//! The two places where the engine calls other core modules: keyed partition choice and the group leader's
//! assignor. Kept in one file so the engine's dependence on them is easy to see.

use crate::assignor::{Assignment, GroupSubscription, Strategy};
use crate::rng::Rng;

/// The partition of a keyed record: Kafka's murmur2 over all partitions.
pub(crate) fn key_partition(key: &[u8], n_partitions: u32) -> u32 {
    crate::hash::partition_for_key(key, n_partitions)
}

// PARTITIONER-HOOK: null keys, Kafka >= 3.3 built-in partitioner without adaptive weighting: a new sticky
// partition is drawn uniformly at random once `batch.size` bytes went to the current one. After merge this can
// call `crate::partitioner`'s built-in partitioner instead.
pub(crate) fn sticky_partition(rng: &mut Rng, n_partitions: u32) -> u32 {
    rng.below(n_partitions)
}

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
