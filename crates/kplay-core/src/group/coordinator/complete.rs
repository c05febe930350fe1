//! Completing a join round: the generation bump, the leader's metadata and the assignor's run
//! (GroupMetadataManager.completeClassicGroupJoin, ConsumerCoordinator.onLeaderElected).

use super::{Coordinator, TopicsInfo};
use crate::assignor::{GroupSubscription, MemberSubscription};
use crate::event::EventLog;
use crate::event::{EventKind, GroupState};
use crate::hooks;
use crate::scenario::GroupSpec;
use alloc::string::ToString;
use alloc::vec::Vec;

impl Coordinator {
    /// Partition counts of the union of the members' subscriptions (the leader fetches metadata for every
    /// member's topics: ConsumerCoordinator.onLeaderElected / SubscriptionState.groupSubscribe), in order of
    /// first appearance.
    pub(super) fn metadata_of(&self, topics: &TopicsInfo) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for t in self.members.iter().flat_map(|m| &m.topics) {
            if let Some(i) = topics.names.iter().position(|n| n == t) {
                if !out.iter().any(|&(x, _)| x == i as u32) {
                    out.push((i as u32, topics.counts[i]));
                }
            }
        }
        out
    }

    pub(super) fn complete_join(
        &mut self,
        now: u64,
        spec: &GroupSpec,
        name: &str,
        topics: &TopicsInfo,
        ev: &mut EventLog,
    ) {
        // Dynamic stragglers that did not rejoin within the rebalance timeout are dropped; static members stay
        // (with their last subscription) until their session times out (GroupMetadataManager.completeClassicGroupJoin,
        // GroupCoordinator.onCompleteJoin).
        self.members.retain(|m| m.joined || m.instance_id.is_some());
        self.initial = None;
        if !self.members.is_empty() && self.members.iter().all(|m| !m.joined) {
            // Nobody rejoined but members remain: Kafka postpones the join phase by another rebalance
            // timeout ("could not complete rebalance because no members rejoined") until session timeouts
            // remove the absent members.
            self.rebalance_deadline_ms = now + u64::from(spec.max_poll_interval_ms);
            return;
        }
        self.generation += 1;
        self.rebalances += 1;
        self.assignment.clear();
        if self.members.is_empty() {
            self.set_state(GroupState::Empty, now, name, ev);
            return;
        }
        self.set_state(GroupState::CompletingRebalance, now, name, ev);
        self.metadata = self.metadata_of(topics);
        self.next_metadata_refresh_ms = now + u64::from(spec.metadata_max_age_ms);
        let group = GroupSubscription {
            topics: self
                .metadata
                .iter()
                .map(|&(t, n)| (topics.names[t as usize].to_string(), n))
                .collect(),
            members: self
                .members
                .iter()
                .map(|m| MemberSubscription {
                    member_id: m.member_id.clone(),
                    instance_id: m.instance_id.clone(),
                    topics: m.topics.clone(),
                    owned: m
                        .owned
                        .iter()
                        .map(|&(t, p)| {
                            crate::assignor::TopicPartition::new(topics.names[t as usize], p)
                        })
                        .collect(),
                    generation: (m.owned_generation >= 0).then_some(m.owned_generation),
                })
                .collect(),
        };
        let (result, endless) = hooks::run_assignor(spec.strategy, &group);
        if endless {
            ev.push(
                now,
                EventKind::Warning {
                    code: "assignor_loop".into(),
                    group: Some(name.into()),
                    message: alloc::format!(
                        "Kafka's {} assignor would never finish for group {name}: its balancing undoes its own moves \
                         forever, so the leader would hang in poll() until the rebalance timed out; kplay stopped the \
                         loop and uses the assignment it kept (docs/kafka-quirks.md)",
                        spec.strategy.name()
                    ),
                },
            );
        }
        for (member_id, by_topic) in result {
            let mut parts = Vec::new();
            for (topic, ps) in by_topic {
                if let Some(t) = topics.names.iter().position(|n| *n == topic) {
                    parts.extend(ps.into_iter().map(|p| (t as u32, p)));
                }
            }
            crate::sort::sort_by(&mut parts, &mut |a, b| a.cmp(b));
            self.assignment.insert(member_id, parts);
        }
        let generation = self.generation;
        for m in &mut self.members {
            if m.joined {
                m.generation = generation;
            }
            m.pending_sync = true;
            // Every member's session timer restarts with the JoinGroup responses
            // (rescheduleClassicGroupMemberHeartbeat), absent static members included.
            m.last_heartbeat_ms = now;
        }
        self.set_state(GroupState::Stable, now, name, ev);
    }
}
