//! The versioned scenario model (DESIGN.md §4): topics, producers, consumer groups with instances, and faults.
//!
//! A scenario is plain data. [`Scenario::validate`] lists every problem with its path; the engine
//! ([`crate::sim::World::new`]) only accepts a valid scenario. Defaults follow Kafka, except that the playground
//! shortens a few timeouts (each default is a named constant below so the UI can show it).
//!
//! ```
//! use kplay_core::scenario::{Scenario, TopicSpec};
//!
//! let mut s = Scenario::default();
//! s.topics.push(TopicSpec::new("orders", 3));
//! assert!(s.validate().is_ok());
//! s.topics[0].partitions = 0;
//! let problems = s.validate().unwrap_err();
//! assert_eq!(problems[0].path, "topics[0].partitions");
//! ```

use alloc::vec::Vec;

pub use crate::assignor::Strategy;

mod bench;
#[cfg(feature = "brokers")]
mod broker;
#[cfg(feature = "brokers")]
mod broker_faults;
pub(crate) mod caps;
mod commit;
mod defaults;
mod fault;
mod group;
pub mod json;
mod processing;
mod producer;
mod ratio;
#[cfg(feature = "import")]
mod start;
mod topic;
mod validate;
pub(crate) mod word_enum;
mod words;

pub use bench::{bench_preset, BENCH_RETENTION_MS};
#[cfg(feature = "brokers")]
pub(crate) use broker::unknown_broker;
#[cfg(feature = "brokers")]
pub use broker::{
    default_offsets_replication_factor, effective_idempotence, BrokerSpec,
    DEFAULT_REPLICATION_FACTOR, MAX_BROKERS, MAX_FOLLOWER_DELAY_MS, MAX_NETWORK_LATENCY_MS,
    OFFSETS_TOPIC_REPLICATION_FACTOR,
};
#[cfg(feature = "brokers")]
pub(crate) use broker_faults::NO_ACK_TO_LOSE;
pub use caps::*;
pub use commit::{AckMode, Client, CommitMode, CommitSpec};
pub use defaults::*;
pub use fault::{FaultKind, FaultSpec};
pub use group::*;
pub use processing::Processing;
pub use producer::*;
pub use ratio::Ratio;
#[cfg(feature = "import")]
pub use start::{CommittedOffset, InitialLog, MAX_INITIAL_RECORDS};
pub use topic::*;
pub use validate::{ScenarioProblem, MAX_PARTITIONS, MAX_THREADS};
pub use words::{json_problem, parse_whole, range_rule};

/// The scenario format version this engine reads.
pub const VERSION: u32 = 1;

/// A whole playground setup: what exists at time 0 and which faults happen when.
///
/// ```
/// let s = kplay_core::scenario::Scenario::default();
/// assert_eq!(s.version, 1);
/// assert!(s.topics.is_empty());
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Scenario {
    /// Format version; must be [`VERSION`].
    pub version: u32,
    /// Default seed for the engine's random choices (the CLI's `--seed` overrides it).
    pub seed: u64,
    /// Topics, created at time 0.
    pub topics: Vec<TopicSpec>,
    /// Producers, started at time 0.
    pub producers: Vec<ProducerSpec>,
    /// Consumer groups; their instances start at time 0.
    pub groups: Vec<GroupSpec>,
    /// Faults and actions at given virtual times.
    pub faults: Vec<FaultSpec>,
    /// The cluster's brokers (feature `brokers`); empty (the default, omitted from JSON) runs the model
    /// without brokers or replication.
    #[cfg(feature = "brokers")]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "alloc::vec::Vec::is_empty")
    )]
    pub brokers: Vec<BrokerSpec>,
    /// `offsets.topic.replication.factor` of `__consumer_offsets`, where group coordinators live (feature
    /// `brokers`, needs `brokers`): 1 to the broker count; unset (omitted from JSON) means
    /// [`default_offsets_replication_factor`] (Kafka's 3, capped at the broker count).
    #[cfg(feature = "brokers")]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub offsets_topic_replication_factor: Option<u32>,
    /// One-way latency of each network hop between producers and brokers and between brokers, in ms (feature
    /// `brokers`; a non-zero value needs `brokers`): at most [`MAX_NETWORK_LATENCY_MS`]; unset (omitted from
    /// JSON) means 0, the timing of worlds without brokers. `acks=all` then costs a replication round trip.
    #[cfg(feature = "brokers")]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub network_latency_ms: Option<u32>,
    /// `auto.leader.rebalance.enable` of the cluster's controller (feature `brokers`, needs `brokers`): unset
    /// (omitted from JSON) means Kafka's `true`, leadership going back to each partition's preferred replica
    /// `leader.imbalance.check.interval.seconds` (300 s) after it left; `false` leaves it where it is.
    #[cfg(feature = "brokers")]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub auto_leader_rebalance_enable: Option<bool>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            version: VERSION,
            seed: 0,
            topics: Vec::new(),
            producers: Vec::new(),
            groups: Vec::new(),
            faults: Vec::new(),
            #[cfg(feature = "brokers")]
            brokers: Vec::new(),
            #[cfg(feature = "brokers")]
            offsets_topic_replication_factor: None,
            #[cfg(feature = "brokers")]
            network_latency_ms: None,
            #[cfg(feature = "brokers")]
            auto_leader_rebalance_enable: None,
        }
    }
}

impl Scenario {
    /// Checks every rule and returns all problems, each with its path (`groups[1].instances[0].threads`).
    ///
    /// ```
    /// use kplay_core::scenario::{GroupSpec, InstanceSpec, Scenario, TopicSpec};
    /// let mut s = Scenario::default();
    /// s.topics.push(TopicSpec::new("t", 1));
    /// let mut g = GroupSpec::new("g", ["t"]);
    /// g.instances.push(InstanceSpec::new("i1", "L", 0));
    /// s.groups.push(g);
    /// let p = s.validate().unwrap_err();
    /// assert_eq!(p[0].to_string(), "groups[0].instances[0].threads: must be a whole number from 1 to 64");
    /// ```
    pub fn validate(&self) -> Result<(), Vec<ScenarioProblem>> {
        let problems = validate::check(self);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// The group that runs instance `id`, if any.
    ///
    /// ```
    /// use kplay_core::scenario::{GroupSpec, InstanceSpec, Scenario};
    /// let mut s = Scenario::default();
    /// let mut g = GroupSpec::new("g", ["t"]);
    /// g.instances.push(InstanceSpec::new("i1", "L", 1));
    /// s.groups.push(g);
    /// assert_eq!(s.group_of_instance("i1"), Some(0));
    /// ```
    pub fn group_of_instance(&self, id: &str) -> Option<usize> {
        self.groups
            .iter()
            .position(|g| g.instances.iter().any(|i| i.id == id))
    }
}
