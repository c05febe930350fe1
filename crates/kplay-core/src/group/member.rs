//! What the coordinator knows about one member.

use alloc::string::String;
use alloc::vec::Vec;

pub(crate) use crate::offsets::Tp;

#[derive(Clone, Debug)]
pub(crate) struct MemberMeta {
    pub member_id: String,
    /// `group.instance.id` for static members.
    pub instance_id: Option<String>,
    pub last_heartbeat_ms: u64,
    /// Sent JoinGroup in the current round.
    pub joined: bool,
    /// The round completed and the member has not picked up its assignment yet (SyncGroup pending).
    pub pending_sync: bool,
    /// The last generation whose join round this member took part in (0: none yet). A static member kept
    /// while absent lags behind the group's generation.
    pub generation: i32,
    /// Owned partitions sent in the subscription (cooperative `ownedPartitions`, sticky user data).
    pub owned: Vec<Tp>,
    pub owned_generation: i32,
    /// The topics of this member's own subscription, as sent in its last JoinGroup.
    pub topics: Vec<String>,
}

/// Outcome of a JoinGroup in this zero-latency model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum JoinReply {
    /// Wait for the round to complete, then pick up the assignment.
    Pending,
    /// A static member came back while the group is Stable: no rebalance, same generation and assignment.
    StaticReplaced {
        generation: i32,
        partitions: Vec<Tp>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeartbeatReply {
    Ok,
    RebalanceInProgress,
    UnknownMember,
    /// The member did not take part in the current generation (a static member kept while absent).
    IllegalGeneration,
}

/// Kafka's commit errors that matter here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CommitError {
    RebalanceInProgress,
    UnknownMember,
    IllegalGeneration,
}

impl CommitError {
    pub fn name(self) -> &'static str {
        match self {
            CommitError::RebalanceInProgress => "REBALANCE_IN_PROGRESS",
            CommitError::UnknownMember => "UNKNOWN_MEMBER_ID",
            CommitError::IllegalGeneration => "ILLEGAL_GENERATION",
        }
    }
}
