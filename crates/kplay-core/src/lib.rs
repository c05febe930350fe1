//! kplay-core: a deterministic model of how Apache Kafka distributes records.
//!
//! Everything here is a pure function of its inputs: no I/O, no clock, no global state. Randomness comes from
//! [`rng::Rng`], seeded by the caller, so the same inputs give the same results on every platform.
//!
//! ```
//! use kplay_core::hash::{murmur2, partition_for_key};
//!
//! assert_eq!(murmur2(b"21"), -973932308);
//! assert_eq!(partition_for_key(b"21", 3), (-973932308i32 & 0x7fff_ffff) as u32 % 3);
//! ```
#![cfg_attr(not(test), no_std)]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod assignor;
pub mod cluster;
mod consumer;
mod event;
pub mod flows;
mod group;
pub mod hash;
mod hooks;
#[cfg(feature = "import")]
pub mod import;
pub mod json;
pub mod lesson;
pub mod log;
mod offsets;
pub mod partitioner;
mod producer;
pub mod replication;
pub mod rng;
pub mod scenario;
pub mod sim;
pub mod sort;
pub mod timeline;
mod topic;

pub use scenario::Scenario;
pub use sim::{Command, Event, World};
