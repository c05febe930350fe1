//! The broker-side group coordinator of the classic protocol: membership, states, generations, the join
//! round (with `group.initial.rebalance.delay.ms` and the rebalance timeout), session timeouts, offset commits.
//!
//! The network has zero latency here, so JoinGroup/SyncGroup are method calls; CompletingRebalance lasts no
//! virtual time but is still reported, because the generation bump happens on entering it.

use super::member::{CommitError, HeartbeatReply, JoinReply, MemberMeta, Tp};
use crate::event::EventLog;
use crate::event::{EventKind, GroupState};
use crate::scenario::GroupSpec;
use alloc::string::String;
use alloc::vec::Vec;
use initial_delay::InitialWindow;

#[derive(Clone, Debug)]
pub(crate) struct Coordinator {
    pub state: GroupState,
    /// When the group entered `state` (Kafka's `currentStateTimestamp`, the base of offset expiry when Empty).
    pub state_since_ms: u64,
    pub generation: i32,
    /// Members in the order they first joined (the order the leader receives them).
    pub members: Vec<MemberMeta>,
    /// The current generation's assignment, by member id.
    pub assignment: super::assignment_table::AssignmentTable,
    pub committed: crate::offsets::OffsetMap,
    rebalance_started_ms: u64,
    rebalance_deadline_ms: u64,
    /// The current window of the initial rebalance delay, while the group fills from Empty.
    initial: Option<InitialWindow>,
    /// Kafka's `newMemberAdded`: a member was added while the group was preparing its first rebalance from
    /// Empty (GroupMetadataManager.addMemberThenRebalanceOrCompleteJoin). Cleared only when it extends a window.
    new_member_added: bool,
    /// The leader's view of partition counts of the subscribed topics, refreshed every `metadata.max.age.ms`.
    pub metadata: Vec<(u32, u32)>,
    next_metadata_refresh_ms: u64,
    pub rebalances: u64,
}

/// Topic names and the current partition counts, indexed by topic index.
pub(crate) struct TopicsInfo<'a> {
    pub names: &'a [&'a str],
    pub counts: &'a [u32],
}

impl Coordinator {
    pub fn new() -> Self {
        Coordinator {
            state: GroupState::Empty,
            state_since_ms: 0,
            generation: 0,
            members: Vec::new(),
            assignment: super::assignment_table::AssignmentTable::default(),
            committed: crate::offsets::OffsetMap::default(),
            rebalance_started_ms: 0,
            rebalance_deadline_ms: 0,
            initial: None,
            new_member_added: false,
            metadata: Vec::new(),
            next_metadata_refresh_ms: 0,
            rebalances: 0,
        }
    }

    fn set_state(&mut self, state: GroupState, now: u64, name: &str, ev: &mut EventLog) {
        self.state = state;
        self.state_since_ms = now;
        ev.push(
            now,
            EventKind::GroupState {
                group: name.into(),
                state: state.name().into(),
                generation: self.generation,
            },
        );
    }

    fn prepare(&mut self, now: u64, spec: &GroupSpec, name: &str, ev: &mut EventLog) {
        for m in &mut self.members {
            m.joined = false;
        }
        self.rebalance_started_ms = now;
        self.rebalance_deadline_ms = now + u64::from(spec.max_poll_interval_ms);
        self.set_state(GroupState::PreparingRebalance, now, name, ev);
    }

    pub fn member(&self, member_id: &str) -> Option<&MemberMeta> {
        self.members.iter().find(|m| m.member_id == member_id)
    }

    /// [`Coordinator::member`], looking at index `hint` first and leaving there the index where it found the
    /// member (member ids are unique, so the answer is the same).
    pub fn member_hinted(&self, member_id: &str, hint: &mut usize) -> Option<&MemberMeta> {
        if let Some(m) = self.members.get(*hint).filter(|m| m.member_id == member_id) {
            return Some(m);
        }
        let i = self.members.iter().position(|m| m.member_id == member_id)?;
        *hint = i;
        self.members.get(i)
    }

    fn member_mut(&mut self, member_id: &str) -> Option<&mut MemberMeta> {
        self.members.iter_mut().find(|m| m.member_id == member_id)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn join(
        &mut self,
        now: u64,
        spec: &GroupSpec,
        name: &str,
        ev: &mut EventLog,
        member_id: &str,
        instance_id: Option<&str>,
        owned: Vec<Tp>,
        owned_generation: i32,
        topics: Vec<String>,
    ) -> JoinReply {
        let static_slot = instance_id.and_then(|iid| {
            self.members
                .iter()
                .position(|m| m.instance_id.as_deref() == Some(iid))
        });
        if let Some(i) = static_slot {
            let old = core::mem::replace(&mut self.members[i].member_id, member_id.into());
            self.members[i].last_heartbeat_ms = now;
            if let Some(parts) = self.assignment.remove(&old) {
                self.assignment.insert(member_id.into(), parts);
            }
            if old != member_id && self.state == GroupState::Stable {
                // Kafka: a known static member rejoining a Stable group with an unchanged protocol gets its
                // old assignment back without a rebalance; the old member id is fenced. This also serves a
                // static member that stayed in the group while absent (`complete_join`), or that reset its
                // member id after a poll timeout.
                self.members[i].joined = true;
                self.members[i].pending_sync = false;
                self.members[i].generation = self.generation;
                let partitions = self.assignment.get(member_id).cloned().unwrap_or_default();
                return JoinReply::StaticReplaced {
                    generation: self.generation,
                    partitions,
                };
            }
            self.members[i].owned = owned;
            self.members[i].owned_generation = owned_generation;
            self.members[i].topics = topics;
        } else if let Some(m) = self.member_mut(member_id) {
            m.last_heartbeat_ms = now;
            m.owned = owned;
            m.owned_generation = owned_generation;
            m.topics = topics;
        } else {
            self.members.push(MemberMeta {
                member_id: member_id.into(),
                instance_id: instance_id.map(String::from),
                last_heartbeat_ms: now,
                joined: false,
                pending_sync: false,
                generation: 0,
                owned,
                owned_generation,
                topics,
            });
            // A member added while the group prepares its first rebalance from Empty lets the initial delay
            // open another window (GroupMetadataManager.addMemberThenRebalanceOrCompleteJoin: state
            // PreparingRebalance and previous state Empty). The member that creates the group finds it Empty
            // and does not set the flag.
            if self.state == GroupState::PreparingRebalance && self.initial.is_some() {
                self.new_member_added = true;
            }
        }
        match self.state {
            GroupState::Empty | GroupState::Dead => {
                self.prepare(now, spec, name, ev);
                self.initial = Some(InitialWindow::first(now, spec));
            }
            GroupState::Stable | GroupState::CompletingRebalance => {
                self.prepare(now, spec, name, ev)
            }
            GroupState::PreparingRebalance => {}
        }
        if let Some(m) = self.member_mut(member_id) {
            m.joined = true;
            m.pending_sync = false;
        }
        JoinReply::Pending
    }

    pub fn heartbeat(&mut self, now: u64, member_id: &str) -> HeartbeatReply {
        let preparing = self.state == GroupState::PreparingRebalance;
        match self.member_mut(member_id) {
            None => HeartbeatReply::UnknownMember,
            Some(m) => {
                m.last_heartbeat_ms = now;
                if preparing && !m.joined {
                    HeartbeatReply::RebalanceInProgress
                } else if !m.joined {
                    // Kept in the group without rejoining: its generation is not the current one.
                    HeartbeatReply::IllegalGeneration
                } else {
                    HeartbeatReply::Ok
                }
            }
        }
    }

    /// LeaveGroup (dynamic members only; static members never send it).
    pub fn leave(
        &mut self,
        now: u64,
        spec: &GroupSpec,
        name: &str,
        ev: &mut EventLog,
        member_id: &str,
    ) {
        if self.remove(member_id)
            && matches!(
                self.state,
                GroupState::Stable | GroupState::CompletingRebalance
            )
        {
            self.prepare(now, spec, name, ev);
        }
    }

    fn remove(&mut self, member_id: &str) -> bool {
        let before = self.members.len();
        self.members.retain(|m| m.member_id != member_id);
        self.assignment.remove(member_id);
        before != self.members.len()
    }

    /// Session timeouts, join-round completion and the leader's metadata refresh.
    pub fn tick(
        &mut self,
        now: u64,
        spec: &GroupSpec,
        name: &str,
        topics: &TopicsInfo,
        ev: &mut EventLog,
    ) {
        let session = u64::from(spec.session_timeout_ms);
        let expired: Vec<String> = self
            .members
            .iter()
            .filter(|m| now.saturating_sub(m.last_heartbeat_ms) > session)
            .map(|m| m.member_id.clone())
            .collect();
        for id in expired {
            self.leave(now, spec, name, ev, &id);
        }
        if self.state == GroupState::PreparingRebalance {
            if let Some(w) = self.initial {
                // The initial delay completes only when a window ends, never early; a window in which a
                // member was added is followed by another, min(delay, remaining) long.
                if now >= w.until {
                    match w.next(now, spec).filter(|_| self.new_member_added) {
                        Some(next) => {
                            self.new_member_added = false;
                            self.initial = Some(next);
                        }
                        None => self.complete_join(now, spec, name, topics, ev),
                    }
                }
            } else if self.members.iter().all(|m| m.joined) || now >= self.rebalance_deadline_ms {
                self.complete_join(now, spec, name, topics, ev);
            }
        } else if self.state == GroupState::Stable && now >= self.next_metadata_refresh_ms {
            self.next_metadata_refresh_ms = now + u64::from(spec.metadata_max_age_ms);
            if self.metadata != self.metadata_of(topics) {
                // The leader noticed a partition count change: it rejoins, which starts a rebalance.
                self.prepare(now, spec, name, ev);
            }
        }
    }

    /// The leader refreshes its metadata at the next tick (a fetch from a deleted topic fails with
    /// UNKNOWN_TOPIC_OR_PARTITION, which makes the consumer update its metadata at once).
    pub fn refresh_metadata_now(&mut self, now: u64) {
        self.next_metadata_refresh_ms = now;
    }

    /// SyncGroup: the member's assignment once its join round completed.
    pub fn take_assignment(&mut self, member_id: &str) -> Option<(i32, Vec<Tp>)> {
        let generation = self.generation;
        let m = self.member_mut(member_id)?;
        if !m.pending_sync {
            return None;
        }
        m.pending_sync = false;
        Some((
            generation,
            self.assignment.get(member_id).cloned().unwrap_or_default(),
        ))
    }

    /// OffsetCommit: Kafka rejects commits during CompletingRebalance, from unknown members and with a stale
    /// generation; during PreparingRebalance a member of the current generation may still commit.
    pub fn commit(
        &mut self,
        member_id: &str,
        generation: i32,
        offsets: &[(Tp, u64)],
    ) -> Result<Vec<(Tp, u64)>, CommitError> {
        if self.state == GroupState::CompletingRebalance {
            return Err(CommitError::RebalanceInProgress);
        }
        if self.member(member_id).is_none() {
            return Err(CommitError::UnknownMember);
        }
        if generation != self.generation {
            return Err(CommitError::IllegalGeneration);
        }
        let mut changed = Vec::new();
        for &(tp, offset) in offsets {
            if self.committed.insert(tp, offset) != Some(offset) {
                changed.push((tp, offset));
            }
        }
        Ok(changed)
    }
}

mod complete;
mod initial_delay;
#[cfg(test)]
mod tests;
