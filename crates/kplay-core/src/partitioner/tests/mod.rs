//! Behaviour of every partitioner kind, following the facts of Kafka's `BuiltInPartitionerTest`,
//! `StickyPartitionCacheTest` and `RoundRobinPartitionerTest`.

mod built_in;
mod keys_and_sticky;
mod round_robin;

use super::*;

pub(super) fn config(kind: PartitionerKind) -> PartitionerConfig {
    PartitionerConfig {
        kind,
        ..PartitionerConfig::default()
    }
}

pub(super) const KINDS: [PartitionerKind; 4] = [
    PartitionerKind::BuiltIn,
    PartitionerKind::LegacySticky,
    PartitionerKind::RoundRobin {
        burn_on_new_batch: false,
    },
    PartitionerKind::RoundRobin {
        burn_on_new_batch: true,
    },
];

pub(super) fn always_new_batch(_: u32) -> bool {
    true
}

pub(super) fn never_new_batch(_: u32) -> bool {
    false
}
