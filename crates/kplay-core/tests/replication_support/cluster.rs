//! The model the replication tests start from, written once: `replication.rs` and `replication_batches.rs`
//! include it (`#[path]`, beside `mod.rs`'s fault runner, which they do not use).

use kplay_core::replication::{Replication, ReplicationConfig};

/// Brokers 1..=3 and one partition replicated on all three (broker 1 preferred), with Kafka's default
/// settings as `edit` leaves them; returns the model and the partition's index.
pub fn cluster(edit: impl FnOnce(&mut ReplicationConfig)) -> (Replication, usize) {
    let mut cfg = ReplicationConfig::default();
    edit(&mut cfg);
    let mut r = Replication::new(cfg, &[1, 2, 3]);
    let p = r.add_partition(vec![1, 2, 3]).unwrap();
    (r, p)
}
