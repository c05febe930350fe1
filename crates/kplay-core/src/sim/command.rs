//! User actions on a running world. Each is validated first; a rejected command changes nothing.

use crate::scenario::{GroupSpec, InstanceSpec, Processing, ProducerSpec, TopicSpec};
use alloc::string::String;
use core::fmt;

/// A user action (also what scheduled scenario faults turn into), applied at the world's current time.
///
/// ```
/// use kplay_core::sim::Command;
/// let c = Command::Crash { instance: "app-1".into() };
/// assert_eq!(c.name(), "crash");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "action", rename_all = "snake_case"))]
#[allow(missing_docs)]
pub enum Command {
    /// Create a topic.
    AddTopic { topic: TopicSpec },
    /// Delete a topic (Kafka's DeleteTopics): refused while a producer writes to it. Its log and every group's
    /// committed offsets for it go; subscribed groups rebalance without it. A later topic of the same name
    /// starts empty at offset 0.
    RemoveTopic { topic: String },
    /// Grow a topic to `partitions` (never shrinks, as Kafka).
    AddPartitions { topic: String, partitions: u32 },
    /// Start a producer.
    AddProducer { producer: ProducerSpec },
    /// Remove a producer (its open batches are flushed first).
    RemoveProducer { producer: String },
    /// Pause a producer.
    PauseProducer { producer: String },
    /// Resume a producer.
    ResumeProducer { producer: String },
    /// Change a producer's rate.
    SetRate { producer: String, rate_per_s: u32 },
    /// Create a consumer group with its instances.
    AddGroup { group: GroupSpec },
    /// Stop every instance of a group gracefully and remove it (state Dead).
    RemoveGroup { group: String },
    /// Add an instance to a group.
    AddInstance {
        group: String,
        instance: InstanceSpec,
    },
    /// Stop an instance gracefully and remove it.
    RemoveInstance { instance: String },
    /// Change an instance's thread count (new threads join; extra threads close gracefully).
    SetThreads { instance: String, threads: u32 },
    /// Change an instance's processing time per record.
    SetProcessing {
        instance: String,
        processing_ms: Processing,
    },
    /// Kill an instance: no commit, no LeaveGroup.
    Crash { instance: String },
    /// Shut an instance down gracefully.
    Stop { instance: String },
    /// Start a crashed or stopped instance again.
    Restart { instance: String },
    /// Change an instance's subscription (`KafkaConsumer.subscribe` with a new topic set): its members rejoin
    /// with the new topics; a cooperative member first revokes the partitions of topics it dropped.
    Subscribe {
        instance: String,
        topics: alloc::vec::Vec<String>,
    },
    /// Make processing slow (default: one record takes the whole `max.poll.interval.ms`).
    Slow {
        instance: String,
        processing_ms: Option<u32>,
    },
    /// Crash a broker's process (feature `brokers`): its log survives; the controller fences it after
    /// `broker.session.timeout.ms` and elects new leaders for its partitions.
    #[cfg(feature = "brokers")]
    CrashBroker { broker: u32 },
    /// Start a crashed broker again (feature `brokers`).
    #[cfg(feature = "brokers")]
    RestartBroker { broker: u32 },
    /// Make a broker's follower fetches `extra_ms` slower (feature `brokers`; 0 ends it, at most 3600000): once
    /// it lags more than `replica.lag.time.max.ms` its leaders drop it from their ISRs.
    #[cfg(feature = "brokers")]
    SlowFollower { broker: u32, extra_ms: u64 },
    /// Lose the producer's next acknowledgement on its way back (feature `brokers`): the producer retries
    /// after `request.timeout.ms`; without idempotence the retry writes the record again. Refused with `acks`
    /// 0 (no acknowledgement to lose).
    #[cfg(feature = "brokers")]
    LoseAck { producer: String },
    /// Preferred-leader election (feature `brokers`; `kafka-leader-election.sh --election-type PREFERRED`):
    /// `partition` of `topic`, or every partition of it when `None`. Refused when no partition would move (the
    /// message says which and why); partitions skipped among others get a `preferred_election_skipped` warning.
    #[cfg(feature = "brokers")]
    ElectPreferred {
        topic: String,
        partition: Option<u32>,
    },
}

impl Command {
    /// The action's snake_case name (also the `fault` field of the trace for faults).
    ///
    /// ```
    /// assert_eq!(kplay_core::sim::Command::Stop { instance: "i".into() }.name(), "stop");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Command::AddTopic { .. } => "add_topic",
            Command::RemoveTopic { .. } => "remove_topic",
            Command::AddPartitions { .. } => "add_partitions",
            Command::AddProducer { .. } => "add_producer",
            Command::RemoveProducer { .. } => "remove_producer",
            Command::PauseProducer { .. } => "pause_producer",
            Command::ResumeProducer { .. } => "resume_producer",
            Command::SetRate { .. } => "set_rate",
            Command::AddGroup { .. } => "add_group",
            Command::RemoveGroup { .. } => "remove_group",
            Command::AddInstance { .. } => "add_instance",
            Command::RemoveInstance { .. } => "remove_instance",
            Command::SetThreads { .. } => "set_threads",
            Command::SetProcessing { .. } => "set_processing",
            Command::Crash { .. } => "crash",
            Command::Stop { .. } => "stop",
            Command::Restart { .. } => "restart",
            Command::Subscribe { .. } => "subscribe",
            Command::Slow { .. } => "slow",
            #[cfg(feature = "brokers")]
            Command::CrashBroker { .. } => "crash_broker",
            #[cfg(feature = "brokers")]
            Command::RestartBroker { .. } => "restart_broker",
            #[cfg(feature = "brokers")]
            Command::SlowFollower { .. } => "slow_follower",
            #[cfg(feature = "brokers")]
            Command::LoseAck { .. } => "lose_ack",
            #[cfg(feature = "brokers")]
            Command::ElectPreferred { .. } => "elect_preferred",
        }
    }
}

/// Why a command was rejected: the field and the rule.
///
/// ```
/// let e = kplay_core::sim::CommandError::new("instance", "unknown instance \"x\"");
/// assert_eq!(e.to_string(), "instance: unknown instance \"x\"");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandError {
    /// The offending field (a path for nested specs, e.g. `group.instances[0].threads`).
    pub field: String,
    /// The rule it breaks.
    pub problem: String,
}

impl CommandError {
    /// An error on `field`.
    ///
    /// ```
    /// assert_eq!(kplay_core::sim::CommandError::new("a", "b").field, "a");
    /// ```
    pub fn new(field: impl Into<String>, problem: impl Into<String>) -> Self {
        CommandError {
            field: field.into(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}

impl core::error::Error for CommandError {}
