//! The coordinator's periodic offset expiry (`offsets.retention.minutes`, checked every
//! `offsets.retention.check.interval.ms`).
//!
//! Kafka's rule for a classic consumer group: while it is Empty, every committed offset expires once
//! `now − (time it became Empty) ≥ offsets.retention`; a group that is Empty and has no offsets left is then
//! deleted, so a member joining later starts a brand-new group (generation 0, no committed offsets: the
//! consumers fall back to `auto.offset.reset`). Groups with members keep their offsets (their subscriptions never
//! change here, so Kafka's expiry of unsubscribed topics' offsets in Stable groups does not arise).

use super::coordinator::Coordinator;
use super::GroupRt;
use crate::consumer::tp_names;
use crate::sim::event::EventLog;
use crate::sim::{EventKind, GroupState};
use crate::topic::Topic;
use alloc::vec::Vec;

impl GroupRt {
    /// One run of the coordinator's cleanup at `now`.
    pub(crate) fn expire_offsets(&mut self, now: u64, topics: &[Topic], ev: &mut EventLog) {
        if self.coord.state != GroupState::Empty {
            return;
        }
        let empty_for = now.saturating_sub(self.coord.state_since_ms);
        if empty_for >= self.spec.offsets_retention_ms && !self.coord.committed.is_empty() {
            let expired: Vec<_> = self.coord.committed.keys().copied().collect();
            self.coord.committed.clear();
            ev.push(
                now,
                EventKind::OffsetsExpired {
                    group: self.spec.id.clone(),
                    partitions: tp_names(topics, &expired),
                },
            );
        }
        if self.coord.committed.is_empty() {
            // Deleted: Kafka forgets the group; the next JoinGroup creates it afresh.
            let generation = self.coord.generation;
            let rebalances = self.coord.rebalances;
            self.coord = Coordinator::new();
            self.coord.rebalances = rebalances;
            self.coord.state = GroupState::Dead;
            self.coord.state_since_ms = now;
            self.last_generation = 0;
            ev.push(
                now,
                EventKind::GroupState {
                    group: self.spec.id.clone(),
                    state: GroupState::Dead.name().into(),
                    generation,
                },
            );
        }
    }
}
