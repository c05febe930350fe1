//! Where a group's coordinator lives with brokers (feature `brokers`): the `__consumer_offsets` partition that
//! holds the group, the broker leading it (the coordinator) and the group as last written to that partition,
//! which is what a new coordinator loads.
//!
//! Kafka's classic coordinator writes the group's metadata (generation, members, assignment) only when a join
//! round's SyncGroup completes, when the group becomes Empty, when a known static member is replaced, and when
//! the group is deleted (`GroupMetadataManager`: `newGroupMetadataRecord`, `newEmptyGroupMetadataRecord`).
//! Offsets are written by every OffsetCommit, so they are never behind. A new leader of the partition replays
//! the log (`GroupMetadataManager.replay`: Stable with members, Empty without) and, in `onLoaded`, starts every
//! loaded member's session timer again (`rescheduleClassicGroupMemberHeartbeat`). A join round in progress on
//! the old coordinator is therefore forgotten: the group comes back in its last written generation and the
//! members' JoinGroup requests, failed with the old connection, are sent again.

use super::coordinator::Coordinator;
use crate::event::GroupState;

/// A group's coordinator with brokers.
#[derive(Clone, Debug)]
pub(crate) struct Home {
    /// Its `__consumer_offsets` partition (`Utils.abs(groupId.hashCode()) % 50`).
    pub partition: u32,
    /// The broker serving the group now; `None` while the coordinator is unavailable (its broker crashed and no
    /// new leader is elected yet, or the partition is offline).
    pub serving: Option<u32>,
    /// The last broker that served it (`None` before any did).
    pub last: Option<u32>,
    /// The group as last written to the partition (`None`: nothing written yet).
    persisted: Option<Coordinator>,
}

impl Home {
    pub fn new(partition: u32) -> Self {
        Home {
            partition,
            serving: None,
            last: None,
            persisted: None,
        }
    }

    /// Records what the coordinator would have written by now: a state other than PreparingRebalance differing
    /// from the last write in state, generation or member ids (a static replacement keeps the generation).
    pub fn persist(&mut self, c: &Coordinator) {
        if c.state == GroupState::PreparingRebalance {
            return;
        }
        let same = self.persisted.as_ref().is_some_and(|p| {
            p.state == c.state
                && p.generation == c.generation
                && p.members.len() == c.members.len()
                && p.members
                    .iter()
                    .zip(&c.members)
                    .all(|(a, b)| a.member_id == b.member_id)
        });
        if !same {
            self.persisted = Some(c.clone());
        }
    }

    /// The group a new coordinator loads at `now`: the last write (or a new group if none), with the current
    /// offsets and every member's session starting now.
    pub fn load(&self, current: &Coordinator, now: u64) -> Coordinator {
        let mut c = self.persisted.clone().unwrap_or_else(Coordinator::new);
        c.committed = current.committed.clone();
        c.rebalances = current.rebalances;
        for m in &mut c.members {
            m.last_heartbeat_ms = now;
            m.pending_sync = false;
        }
        c
    }
}
