//! What the model reports: a `Vec` the caller drains with `Replication::drain_events`.

use super::config::BrokerId;
use super::log::Record;
use alloc::vec::Vec;

/// Why a produce attempt failed (Kafka's error codes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProduceError {
    /// `NOT_LEADER_OR_FOLLOWER`: the broker asked is not the leader, or the partition has no leader (offline).
    NotLeaderOrFollower,
    /// `NOT_ENOUGH_REPLICAS`: `acks=all` and the ISR is smaller than `min.insync.replicas` at append.
    NotEnoughReplicas,
    /// `NOT_ENOUGH_REPLICAS_AFTER_APPEND`: the high watermark passed the record but the ISR had shrunk below
    /// `min.insync.replicas` (`Partition.checkEnoughReplicasReachOffset`).
    NotEnoughReplicasAfterAppend,
    /// `REQUEST_TIMED_OUT`: no answer within `request.timeout.ms` (a crashed leader, or `acks=all` waiting).
    RequestTimedOut,
    /// The producer gave up: `delivery.timeout.ms` passed since `send` (the record is reported failed).
    DeliveryTimeout,
}

/// Something that happened inside the replication model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplicationEvent {
    /// The controller changed a partition's leader (`None` = offline) and bumped the leader epoch.
    LeaderChanged {
        /// Partition index in the model.
        partition: usize,
        /// New leader, `None` when no eligible replica is alive.
        leader: Option<BrokerId>,
        /// New leader epoch.
        epoch: u32,
        /// The leader came from outside the ISR (`unclean.leader.election.enable`).
        unclean: bool,
    },
    /// Replicas left the ISR.
    IsrShrunk {
        /// Partition index.
        partition: usize,
        /// The new ISR.
        isr: Vec<BrokerId>,
    },
    /// A replica joined the ISR.
    IsrExpanded {
        /// Partition index.
        partition: usize,
        /// The new ISR.
        isr: Vec<BrokerId>,
    },
    /// The leader's high watermark moved up.
    HighWatermark {
        /// Partition index.
        partition: usize,
        /// New high watermark.
        hw: u64,
    },
    /// A replica cut its log at `to` because it diverged from the leader's (leader-epoch truncation).
    Truncated {
        /// Partition index.
        partition: usize,
        /// The replica that truncated.
        broker: BrokerId,
        /// New log end offset.
        to: u64,
        /// The records it dropped.
        removed: Vec<Record>,
    },
    /// Records that were in the last leader's log and are not in the new leader's: they are gone for good.
    RecordsLost {
        /// Partition index.
        partition: usize,
        /// The lost records (their `acked` flag says whether a producer had been told they were written).
        records: Vec<Record>,
    },
    /// A producer learned its record is written.
    Acknowledged {
        /// Producer id.
        producer_id: u64,
        /// Sequence of the record.
        sequence: u32,
        /// Partition index.
        partition: usize,
        /// Offset the record got.
        offset: u64,
        /// Epoch it was written in (offset + epoch identify one append).
        epoch: u32,
    },
    /// A produce attempt failed; the producer retries unless the error is `DeliveryTimeout`.
    ProduceFailed {
        /// Producer id.
        producer_id: u64,
        /// Sequence of the record.
        sequence: u32,
        /// Partition index.
        partition: usize,
        /// Kafka's error.
        error: ProduceError,
    },
}
