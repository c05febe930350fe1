//! Settings of the replication model, with Kafka's defaults.

/// Broker id, as in `node.id`.
pub type BrokerId = u32;

/// What a producer waits for before a record counts as written (`acks`).
///
/// ```
/// use kplay_core::replication::Acks;
/// assert_eq!(Acks::default(), Acks::All); // Kafka >= 3.0 producer default
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(all(feature = "serde", feature = "brokers"), derive(serde::Serialize))]
pub enum Acks {
    /// `acks=0`: fire and forget; the producer counts the record as sent at once.
    #[cfg_attr(all(feature = "serde", feature = "brokers"), serde(rename = "0"))]
    Zero,
    /// `acks=1`: acknowledged when the leader has appended it.
    #[cfg_attr(all(feature = "serde", feature = "brokers"), serde(rename = "1"))]
    One,
    /// `acks=all` (`-1`): acknowledged when the high watermark passes it
    /// (`Partition.checkEnoughReplicasReachOffset`).
    #[default]
    #[cfg_attr(all(feature = "serde", feature = "brokers"), serde(rename = "all"))]
    All,
}

/// Cluster-wide and topic settings of the model. Every default is Kafka's.
///
/// ```
/// use kplay_core::replication::ReplicationConfig;
/// let c = ReplicationConfig::default();
/// assert_eq!(c.replica_lag_time_max_ms, 30_000);
/// assert_eq!(c.min_insync_replicas, 1);
/// assert!(!c.unclean_leader_election_enable);
/// assert!(c.auto_leader_rebalance_enable);
/// assert_eq!(c.leader_imbalance_check_interval_ms, 300_000);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplicationConfig {
    /// `replica.lag.time.max.ms` (30000): a follower not caught up for longer leaves the ISR.
    pub replica_lag_time_max_ms: u64,
    /// One-way network latency of every hop (client to broker, broker to broker), in ms. 0 works too.
    pub network_latency_ms: u64,
    /// `replica.fetch.wait.max.ms` (500): how long the leader parks a follower fetch that finds no new data.
    pub replica_fetch_wait_max_ms: u64,
    /// `min.insync.replicas` (1).
    pub min_insync_replicas: u32,
    /// `unclean.leader.election.enable` (false).
    pub unclean_leader_election_enable: bool,
    /// `broker.session.timeout.ms` (9000): the controller fences a broker that stops heartbeating this long.
    pub broker_session_timeout_ms: u64,
    /// Producer `request.timeout.ms` (30000); also the broker's wait for `acks=all` (the produce purgatory).
    pub request_timeout_ms: u64,
    /// Producer `delivery.timeout.ms` (120000): give up on a record this long after `send`.
    pub delivery_timeout_ms: u64,
    /// Producer `retry.backoff.ms` (100).
    pub retry_backoff_ms: u64,
    /// `auto.leader.rebalance.enable` (true): the controller moves leadership back to each partition's
    /// preferred replica on its own, `leader_imbalance_check_interval_ms` after leadership left it.
    pub auto_leader_rebalance_enable: bool,
    /// `leader.imbalance.check.interval.seconds` (300), in ms: the delay of the controller's balancing run.
    pub leader_imbalance_check_interval_ms: u64,
}

impl Default for ReplicationConfig {
    fn default() -> Self {
        Self {
            replica_lag_time_max_ms: 30_000,
            network_latency_ms: 1,
            replica_fetch_wait_max_ms: 500,
            min_insync_replicas: 1,
            unclean_leader_election_enable: false,
            broker_session_timeout_ms: 9_000,
            request_timeout_ms: 30_000,
            delivery_timeout_ms: 120_000,
            retry_backoff_ms: 100,
            auto_leader_rebalance_enable: true,
            leader_imbalance_check_interval_ms: 300_000,
        }
    }
}

impl ReplicationConfig {
    /// Period of the leader's ISR expiration task: `ReplicaManager` schedules `isr-expiration` every
    /// `replica.lag.time.max.ms / 2`, so a stuck follower leaves between 1x and 1.5x the lag time.
    ///
    /// ```
    /// use kplay_core::replication::ReplicationConfig;
    /// assert_eq!(ReplicationConfig::default().isr_check_interval_ms(), 15_000);
    /// ```
    pub fn isr_check_interval_ms(&self) -> u64 {
        (self.replica_lag_time_max_ms / 2).max(1)
    }
}
