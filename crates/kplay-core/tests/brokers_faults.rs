//! Brokers in the world, faults and offline fidelity (feature `brokers`): record payloads kept per partition,
//! consumers skipping partitions without a leader, and the slow-follower, lost-acknowledgement and
//! preferred-election commands and faults.
#![cfg(feature = "brokers")]

#[path = "brokers_support/balance.rs"]
mod balance;
#[path = "brokers_support/commands.rs"]
mod commands;
#[path = "brokers_support/elect.rs"]
mod elect;
#[path = "brokers_support/fault_json.rs"]
mod fault_json;
#[path = "brokers_support/payloads.rs"]
mod payloads;

#[path = "brokers_support/offline.rs"]
mod offline;

#[path = "brokers_support/batches.rs"]
mod batches;
