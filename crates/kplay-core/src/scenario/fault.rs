//! Faults and actions scheduled at virtual times.

use alloc::string::String;

/// A fault or action at a virtual time.
///
/// ```
/// use kplay_core::scenario::{FaultKind, FaultSpec};
/// let f = FaultSpec::new(5000, FaultKind::Crash).instance("app-1");
/// assert_eq!(f.instance.as_deref(), Some("app-1"));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FaultSpec {
    /// When (virtual ms).
    pub at_ms: u64,
    /// What.
    pub kind: FaultKind,
    /// Target instance (crash, stop, restart, slow).
    pub instance: Option<String>,
    /// Target producer (pause_producer, resume_producer, lose_ack).
    pub producer: Option<String>,
    /// Target topic (add_partitions, elect_preferred).
    pub topic: Option<String>,
    /// New total partition count (add_partitions).
    pub partitions: Option<u32>,
    /// New processing time per record (slow); default: the group's `max_poll_interval_ms`.
    pub processing_ms: Option<u32>,
    /// Target broker id (crash_broker, restart_broker; feature `brokers`). Omitted from JSON when `None`.
    #[cfg(feature = "brokers")]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub broker: Option<u32>,
    /// Extra delay of the broker's follower fetches in ms (slow_follower, required; 0 ends it; at most
    /// 3600000). Omitted from JSON when `None`.
    #[cfg(feature = "brokers")]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub extra_ms: Option<u64>,
    /// The partition of `topic` to elect (elect_preferred; optional: every partition when `None`). Omitted from
    /// JSON when `None`.
    #[cfg(feature = "brokers")]
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub partition: Option<u32>,
}

impl FaultSpec {
    /// A fault with no target yet.
    ///
    /// ```
    /// let f = kplay_core::scenario::FaultSpec::new(1, kplay_core::scenario::FaultKind::Stop);
    /// assert!(f.instance.is_none());
    /// ```
    pub fn new(at_ms: u64, kind: FaultKind) -> Self {
        FaultSpec {
            at_ms,
            kind,
            instance: None,
            producer: None,
            topic: None,
            partitions: None,
            processing_ms: None,
            #[cfg(feature = "brokers")]
            broker: None,
            #[cfg(feature = "brokers")]
            extra_ms: None,
            #[cfg(feature = "brokers")]
            partition: None,
        }
    }

    /// Sets the target instance.
    ///
    /// ```
    /// let f = kplay_core::scenario::FaultSpec::new(1, kplay_core::scenario::FaultKind::Crash).instance("i");
    /// assert!(f.instance.is_some());
    /// ```
    pub fn instance(mut self, id: &str) -> Self {
        self.instance = Some(id.into());
        self
    }
}

/// Fault kinds.
///
/// ```
/// assert_eq!(kplay_core::scenario::FaultKind::PauseProducer.name(), "pause_producer");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum FaultKind {
    /// The instance dies: no LeaveGroup, no commit; the session timeout detects it.
    Crash,
    /// Graceful shutdown: commit (auto mode), revoke, LeaveGroup (dynamic members only).
    Stop,
    /// A crashed or stopped instance starts again.
    Restart,
    /// Processing per record becomes slow (default: a whole `max.poll.interval.ms`), so the member is kicked.
    Slow,
    /// The producer stops sending.
    PauseProducer,
    /// The producer sends again.
    ResumeProducer,
    /// The topic grows to `partitions` partitions.
    AddPartitions,
    /// A broker's process dies (feature `brokers`): the controller fences it after `broker.session.timeout.ms`
    /// and moves the leadership of its partitions.
    #[cfg(feature = "brokers")]
    CrashBroker,
    /// A crashed broker starts again and catches up as a follower (feature `brokers`).
    #[cfg(feature = "brokers")]
    RestartBroker,
    /// A broker's follower fetches take `extra_ms` longer (feature `brokers`): past `replica.lag.time.max.ms`
    /// the leaders drop it from their ISRs. `extra_ms` 0 ends it.
    #[cfg(feature = "brokers")]
    SlowFollower,
    /// The producer's next acknowledgement is lost on the way back (feature `brokers`): it retries after
    /// `request.timeout.ms`, and without idempotence the retry writes the record twice.
    #[cfg(feature = "brokers")]
    LoseAck,
    /// Preferred-leader election (feature `brokers`; `kafka-leader-election.sh --election-type PREFERRED`): each
    /// partition of `topic` (or just `partition`) whose first replica is alive and in the ISR is led by it again.
    #[cfg(feature = "brokers")]
    ElectPreferred,
}

// The JSON words (with the aliases the derive accepted) in serde's order; one shared reader.
#[cfg(feature = "brokers")]
crate::scenario::word_enum::deserialize_words!(
    FaultKind,
    [Crash, Stop, Restart, Slow, PauseProducer, ResumeProducer, AddPartitions, CrashBroker, RestartBroker, SlowFollower, LoseAck, ElectPreferred],
    [
        "crash" => 0,
        "stop" => 1,
        "restart" => 2,
        "slow" => 3,
        "pause_producer" => 4,
        "resume_producer" => 5,
        "add_partitions" => 6,
        "crash_broker" => 7,
        "restart_broker" => 8,
        "slow_follower" => 9,
        "lose_ack" => 10,
        "elect_preferred" => 11,
    ]
);
#[cfg(not(feature = "brokers"))]
crate::scenario::word_enum::deserialize_words!(
    FaultKind,
    [Crash, Stop, Restart, Slow, PauseProducer, ResumeProducer, AddPartitions],
    [
        "crash" => 0,
        "stop" => 1,
        "restart" => 2,
        "slow" => 3,
        "pause_producer" => 4,
        "resume_producer" => 5,
        "add_partitions" => 6,
    ]
);

impl FaultKind {
    /// The snake_case name used in JSON and traces.
    ///
    /// ```
    /// assert_eq!(kplay_core::scenario::FaultKind::AddPartitions.name(), "add_partitions");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            FaultKind::Crash => "crash",
            FaultKind::Stop => "stop",
            FaultKind::Restart => "restart",
            FaultKind::Slow => "slow",
            FaultKind::PauseProducer => "pause_producer",
            FaultKind::ResumeProducer => "resume_producer",
            FaultKind::AddPartitions => "add_partitions",
            #[cfg(feature = "brokers")]
            FaultKind::CrashBroker => "crash_broker",
            #[cfg(feature = "brokers")]
            FaultKind::RestartBroker => "restart_broker",
            #[cfg(feature = "brokers")]
            FaultKind::SlowFollower => "slow_follower",
            #[cfg(feature = "brokers")]
            FaultKind::LoseAck => "lose_ack",
            #[cfg(feature = "brokers")]
            FaultKind::ElectPreferred => "elect_preferred",
        }
    }
}
