//! The coordinator's periodic offset expiry (`offsets.retention.minutes`, checked every
//! `offsets.retention.check.interval.ms`).
//!
//! Kafka's rule for a classic consumer group: while it is Empty, every committed offset expires once
//! `now − (time it became Empty) ≥ offsets.retention`; a group that is Empty and has no offsets left is then
//! deleted, so a member joining later starts a brand-new group (generation 0, no committed offsets: the
//! consumers fall back to `auto.offset.reset`). Groups with members keep their offsets (their subscriptions never
//! change here, so Kafka's expiry of unsubscribed topics' offsets in Stable groups does not arise).

use super::coordinator::Coordinator;
use crate::event::{EventKind, EventLog, GroupState};
use crate::scenario::GroupSpec;
use crate::topic::tp_names;
use crate::topic::Topic;
use alloc::vec::Vec;

impl Coordinator {
    /// One run of the coordinator's cleanup at `now`; true when it deleted the group.
    pub(crate) fn expire_offsets(
        &mut self,
        now: u64,
        spec: &GroupSpec,
        topics: &[Topic],
        ev: &mut EventLog,
    ) -> bool {
        if self.state != GroupState::Empty {
            return false;
        }
        let empty_for = now.saturating_sub(self.state_since_ms);
        if empty_for >= spec.offsets_retention_ms && !self.committed.is_empty() {
            let expired: Vec<_> = self.committed.keys().copied().collect();
            self.committed.clear();
            ev.push(
                now,
                EventKind::OffsetsExpired {
                    group: spec.id.clone(),
                    partitions: tp_names(topics, &expired),
                },
            );
        }
        if self.committed.is_empty() {
            // Deleted: Kafka forgets the group; the next JoinGroup creates it afresh.
            let generation = self.generation;
            let rebalances = self.rebalances;
            *self = Coordinator::new();
            self.rebalances = rebalances;
            self.state = GroupState::Dead;
            self.state_since_ms = now;
            ev.push(
                now,
                EventKind::GroupState {
                    group: spec.id.clone(),
                    state: GroupState::Dead.name().into(),
                    generation,
                },
            );
            return true;
        }
        false
    }
}
