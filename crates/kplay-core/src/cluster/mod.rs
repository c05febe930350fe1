//! Where a cluster puts things: the replicas of a new topic's partitions ([`placement`]) and the
//! `__consumer_offsets` partition whose leader is a group's coordinator ([`coordinator`]).
//!
//! Both are pure functions reproduced from Kafka's source (docs/brokers.md names the files and the commit):
//! `org.apache.kafka.admin.AdminUtils.assignReplicasToBrokers` and `GroupCoordinatorService.partitionFor`.
//!
//! ```
//! use kplay_core::cluster::{assign_replicas_to_brokers, coordinator_partition, Broker, Start};
//! use core::num::NonZeroU32;
//!
//! let brokers = [Broker::new(1), Broker::new(2), Broker::new(3)];
//! let replicas = assign_replicas_to_brokers(&brokers, 3, 2, Start::fixed(0)).unwrap();
//! assert_eq!(replicas, vec![vec![1, 2], vec![2, 3], vec![3, 1]]);
//! assert_eq!(coordinator_partition("my-group", NonZeroU32::new(50).unwrap()), 12);
//! ```

mod broker;
pub mod coordinator;
pub mod placement;

pub use coordinator::{
    coordinator_partition, java_string_hash, kafka_abs, OFFSETS_TOPIC_PARTITIONS_DEFAULT,
};
pub use placement::{
    assign_replicas_to_brokers, rack_alternated_brokers, Broker, PlacementError, Start,
};
