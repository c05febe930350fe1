//! Brokers in the world, faults and offline fidelity (feature `brokers`): record payloads kept per partition,
//! consumers skipping partitions without a leader, and the slow-follower, lost-acknowledgement and
//! preferred-election commands and faults.
#![cfg(feature = "brokers")]

#[path = "brokers_support/payloads.rs"]
mod payloads;
