//! A standalone, deterministic model of Kafka's replication: leaders, followers, the ISR, the high watermark,
//! `acks`, `min.insync.replicas`, producer retries and idempotence, leader elections (clean, unclean,
//! preferred) and leader-epoch truncation, with the records each failure loses.
//!
//! It is driven by [`Replication::step`] on a virtual clock (1 ms resolution, no I/O, no randomness) and
//! reports what happens as [`ReplicationEvent`]s. Replica lists come from the caller (first = preferred leader).
//! Each rule cites the Kafka source it follows; `docs/replication.md` lists them and what is left out.
//!
//! ```
//! use kplay_core::replication::{Replication, ReplicationConfig, ReplicationEvent};
//! let cfg = ReplicationConfig { broker_session_timeout_ms: 10, ..ReplicationConfig::default() };
//! let mut r = Replication::new(cfg, &[1, 2, 3]);
//! let p = r.add_partition(vec![1, 2, 3]).unwrap();
//! r.crash(1).unwrap();
//! r.step(10); // the controller fences broker 1 and elects the next ISR replica
//! assert_eq!(r.partition(p).unwrap().leader(), Some(2));
//! assert_eq!(r.partition(p).unwrap().isr(), &[2, 3]);
//! ```

mod append;
mod balance;
mod config;
mod controller;
mod event;
mod faults;
mod fetch;
mod log;
mod model;
mod net;
mod partition;
mod produce;
mod purgatory;
mod retain;

pub use config::{Acks, BrokerId, ReplicationConfig};
pub use event::{ProduceError, ReplicationEvent};
pub use faults::PreferredBlocker;
pub use log::{Record, ReplicaLog};
pub use model::Replication;
pub use partition::PartitionState;
pub use produce::ProducerConfig;
