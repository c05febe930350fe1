//! Group coordinators on the brokers (feature `brokers`; docs/replication.md "Group coordinators").
//!
//! A group lives in partition `Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions` (50) of
//! `__consumer_offsets`, and its coordinator is that partition's leader (`GroupCoordinatorService.partitionFor`,
//! `KafkaApis.handleFindCoordinatorRequest`). The topic is created like Kafka's auto-creation of an internal
//! topic: all 50 partitions placed at once by `AdminUtils.assignReplicasToBrokers` over the running brokers, with
//! `offsets.topic.replication.factor` replicas, and refused while fewer brokers run (then no group has a
//! coordinator, as FindCoordinator answers `COORDINATOR_NOT_AVAILABLE`). Only the partitions the groups use are
//! run (an unused partition changes no group), in one replication model of their own with Kafka's defaults:
//! its leaders are fenced and elected like any partition's. Coordinator records are not modelled as log
//! records: committed offsets and the group's last written state are kept beside it (`group::home`).

use super::Cluster;
use crate::cluster::{coordinator_partition, OFFSETS_TOPIC_PARTITIONS_DEFAULT};
use crate::consumer::coordinator_wait;
use crate::event::EventKind;
use crate::group::home::Home;
use crate::replication::{Replication, ReplicationConfig};
use crate::sim::World;
use alloc::vec::Vec;

/// Kafka's internal topic of group coordinators.
pub(crate) const OFFSETS_TOPIC: &str = "__consumer_offsets";

/// The `__consumer_offsets` partitions that groups use.
#[derive(Clone, Debug)]
pub(crate) struct OffsetsTopic {
    pub(super) rep: Replication,
    /// Every partition's replicas, placed when the topic was created.
    placement: Vec<Vec<u32>>,
    /// The `__consumer_offsets` partition of each of the model's partitions.
    parts: Vec<u32>,
    /// The model's `leader_version` at the controller's last imbalance check (`None`: none since the topic
    /// was created or the last balancing run; see `Cluster::arm_balance`).
    pub(super) balance_seen: Option<u64>,
}

impl OffsetsTopic {
    /// One ms; `balance`: the controller's balancing run is due now (it covers this topic too).
    pub(crate) fn step(&mut self, balance: bool) {
        self.rep.step(1);
        if balance {
            self.rep.balance_leaders();
        }
        // Its leader changes show as the groups' coordinator events, not as `leader_changed`.
        let _ = self.rep.drain_events();
    }

    /// Some `__consumer_offsets` partition is not led by its preferred replica.
    pub(crate) fn leaders_imbalanced(&self) -> bool {
        self.rep.leaders_imbalanced()
    }

    pub(crate) fn set_up(&mut self, broker: u32, up: bool) {
        let _ = if up {
            self.rep.restart(broker)
        } else {
            self.rep.crash(broker)
        };
    }
}

impl Cluster {
    /// Creates `__consumer_offsets` if it does not exist and enough brokers run for its replication factor.
    fn ensure_offsets_topic(&mut self) -> bool {
        if self.offsets.is_some() {
            return true;
        }
        let live = self.specs.len() - self.down.len();
        if (self.offsets_rf as usize) > live {
            return false;
        }
        let n = OFFSETS_TOPIC_PARTITIONS_DEFAULT.get();
        let placement = self.place(OFFSETS_TOPIC, self.offsets_rf, 0, n, None);
        let ids: Vec<u32> = self.specs.iter().map(|b| b.id).collect();
        let cfg = ReplicationConfig {
            network_latency_ms: self.latency_ms,
            auto_leader_rebalance_enable: false,
            ..ReplicationConfig::default()
        };
        let mut rep = Replication::new(cfg, &ids);
        for &b in &self.down {
            let _ = rep.crash(b);
            rep.fence(b);
        }
        self.offsets = Some(OffsetsTopic {
            rep,
            placement,
            parts: Vec::new(),
            balance_seen: None,
        });
        true
    }

    /// The broker coordinating groups of `__consumer_offsets` partition `partition` now: its leader while that
    /// broker runs; `None` while the leader is down, the partition offline or the topic not created.
    pub(crate) fn coordinator(&mut self, partition: u32) -> Option<u32> {
        if !self.ensure_offsets_topic() {
            return None;
        }
        let down = &self.down;
        let o = self.offsets.as_mut()?;
        let index = match o.parts.iter().position(|&p| p == partition) {
            Some(i) => i,
            None => {
                let replicas = o.placement.get(partition as usize)?.clone();
                let i = o.rep.add_partition(replicas).ok()?;
                o.parts.push(partition);
                // A replica on a broker already fenced leaves the new partition's ISR at once (another
                // election), as it would have when the broker was fenced.
                for &b in down {
                    if o.rep.broker(b).is_some_and(|x| x.fenced) {
                        o.rep.fence(b);
                    }
                }
                i
            }
        };
        let leader = o.rep.partition(index)?.leader()?;
        (!down.contains(&leader)).then_some(leader)
    }

    /// The replicas of `__consumer_offsets` partition `partition` (`None` before the topic exists).
    pub(crate) fn offsets_replicas(&self, partition: u32) -> Option<&[u32]> {
        let o = self.offsets.as_ref()?;
        o.placement.get(partition as usize).map(|v| &v[..])
    }
}

impl World {
    /// With brokers, gives the group just added (the last) its home and first coordinator.
    pub(in crate::sim) fn add_group_home(&mut self) {
        let (Some(c), Some(g)) = (self.cluster.as_mut(), self.groups.last_mut()) else {
            return;
        };
        let mut home = Home::new(coordinator_partition(
            &g.spec.id,
            OFFSETS_TOPIC_PARTITIONS_DEFAULT,
        ));
        home.serving = c.coordinator(home.partition);
        home.last = home.serving;
        g.home = Some(home);
    }

    /// After the cluster's millisecond: each group whose coordinator's broker crashed becomes unavailable, and
    /// each whose partition got a new running leader is loaded there.
    pub(in crate::sim) fn sync_coordinators(&mut self, now: u64) {
        let Some(c) = self.cluster.as_mut() else {
            return;
        };
        let mut ctx = consumer_ctx!(self, now);
        for g in &mut self.groups {
            let Some(home) = g.home.as_mut() else {
                continue;
            };
            let serving = c.coordinator(home.partition);
            if serving == home.serving {
                continue;
            }
            let group = g.spec.id.clone();
            match (home.serving, serving) {
                (Some(broker), None) => {
                    home.serving = None;
                    let kind = EventKind::CoordinatorUnavailable { group, broker };
                    ctx.ev.push(now, kind);
                }
                (_, Some(to)) => {
                    let from = home.last;
                    home.serving = Some(to);
                    home.last = Some(to);
                    // The first coordinator of a group (the topic created late) has nothing to load.
                    if let Some(from) = from {
                        ctx.ev
                            .push(now, EventKind::CoordinatorMoved { group, from, to });
                        coordinator_wait::loaded(g, &mut ctx);
                    }
                }
                (None, None) => {}
            }
        }
    }

    /// After the consumers' millisecond: what each reachable coordinator has written of its group.
    pub(in crate::sim) fn persist_groups(&mut self) {
        for g in &mut self.groups {
            if let Some(h) = g.home.as_mut().filter(|h| h.serving.is_some()) {
                h.persist(&g.coord);
            }
        }
    }
}

impl World {
    /// The broker coordinating group `group` now (feature `brokers`): the running leader of its
    /// `__consumer_offsets` partition; `None` without brokers, for an unknown group, and while the coordinator
    /// is unavailable.
    ///
    /// ```
    /// use kplay_core::scenario::{BrokerSpec, GroupSpec, Scenario, TopicSpec};
    /// let mut s = Scenario::default();
    /// s.brokers = vec![BrokerSpec::new(1), BrokerSpec::new(2), BrokerSpec::new(3)];
    /// s.topics.push(TopicSpec::new("orders", 1));
    /// s.groups.push(GroupSpec::new("my-group", ["orders"]));
    /// let w = kplay_core::World::new(&s, 1).unwrap();
    /// assert!(w.group_coordinator("my-group").is_some());
    /// assert_eq!(w.group_coordinator("other"), None);
    /// ```
    pub fn group_coordinator(&self, group: &str) -> Option<u32> {
        let g = self.groups.iter().find(|g| g.spec.id == group)?;
        g.home.as_ref()?.serving
    }

    /// The replicas of group `group`'s `__consumer_offsets` partition, preferred leader first, and that
    /// partition (feature `brokers`); `None` without brokers, for an unknown group, or before the topic exists.
    pub fn group_coordinator_replicas(&self, group: &str) -> Option<(u32, Vec<u32>)> {
        let g = self.groups.iter().find(|g| g.spec.id == group)?;
        let p = g.home.as_ref()?.partition;
        let r = self.cluster.as_ref()?.offsets_replicas(p)?;
        Some((p, r.to_vec()))
    }
}
