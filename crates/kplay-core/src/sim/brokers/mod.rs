//! Brokers and replication in the world (feature `brokers`, issue 15; docs/replication.md "In the world").
//!
//! When a scenario has `brokers`, every topic gets one [`Replication`] (its partitions placed by Kafka's
//! `AdminUtils.assignReplicasToBrokers` from a start drawn from the topic's own seeded stream, never the world's),
//! with the topic's `min.insync.replicas` and `unclean.leader.election.enable`. Producers' records go through it
//! with their `acks` and idempotence, and the log consumers read holds a partition's **committed** records: the
//! leader's log up to its high watermark, which is what a `read_uncommitted` consumer can fetch and what
//! `ListOffsets(latest)` (`--describe`'s LOG-END-OFFSET) returns. Each replication is stepped 1 ms per world
//! millisecond, right after the producers. Without brokers none of this exists and nothing runs per record.

mod balance;
mod commands;
pub(crate) mod coordinator;
mod elect;
mod leaders;
mod payloads;
mod sync;

pub(in crate::sim) use commands::replication_fault_command;
pub(crate) use payloads::Payloads;

use super::World;
use crate::cluster::{assign_replicas_to_brokers, Broker, Start};
use crate::producer::Outgoing;
use crate::replication::{Acks, ProducerConfig, Replication, ReplicationConfig};
use crate::rng::Rng;
use crate::scenario::{BrokerSpec, TopicSpec, DEFAULT_REPLICATION_FACTOR};
use crate::topic::Topic;
use alloc::vec::Vec;

/// One topic's replication and what the world keeps beside it.
#[derive(Clone, Debug)]
pub(crate) struct TopicRep {
    pub(crate) rep: Replication,
    /// Per replication producer id − 1.
    pub(crate) producers: Vec<Payloads>,
    /// Per partition: the last high watermark put in the trace and when.
    hw_reported: Vec<(u64, u64)>,
    /// The `leader_version` of `rep` the world topic's `available` and `fetchable` lists were made at
    /// (`None`: not made yet, or a broker crashed or restarted since, which changes which leaders run).
    listed: Option<u64>,
    /// The `leader_version` of `rep` at the controller's last imbalance check (`None`: none since the topic
    /// was created or the last balancing run).
    balance_seen: Option<u64>,
}

/// The cluster: the brokers and one replication per live topic (indexed like the world's topics).
#[derive(Clone, Debug)]
pub(crate) struct Cluster {
    pub(crate) specs: Vec<BrokerSpec>,
    /// Brokers crashed and not restarted.
    pub(crate) down: Vec<u32>,
    /// Slow followers (`slow_follower`): broker and the extra ms of its fetches; topics created later get them.
    pub(crate) slow: Vec<(u32, u64)>,
    pub(crate) topics: Vec<Option<TopicRep>>,
    seed: u64,
    /// Records lost (gone from the log after an election) and written twice (idempotence off), in total.
    pub(crate) lost: u64,
    pub(crate) duplicated: u64,
    /// `__consumer_offsets` (the groups' coordinators), once created.
    pub(crate) offsets: Option<coordinator::OffsetsTopic>,
    /// Its replication factor (`offsets_topic_replication_factor`).
    pub(crate) offsets_rf: u32,
    /// `network_latency_ms`: every hop of every model.
    pub(crate) latency_ms: u64,
    /// `auto.leader.rebalance.enable`, and when the controller's one cluster-wide balancing run is due.
    pub(crate) auto_balance: bool,
    pub(crate) balance_due: Option<u64>,
}

/// Settings of the model inside the world: Kafka's defaults with the scenario's network latency (0 unless set,
/// so existing timings stay), and the topic's `min.insync.replicas` and unclean election.
fn config(spec: &TopicSpec, latency_ms: u64) -> ReplicationConfig {
    ReplicationConfig {
        network_latency_ms: latency_ms,
        min_insync_replicas: spec.min_insync_replicas.unwrap_or(1),
        unclean_leader_election_enable: spec.unclean_leader_election_enable.unwrap_or(false),
        // The controller's balancing timer is one for the whole cluster: the world runs it (balance.rs).
        auto_leader_rebalance_enable: false,
        ..ReplicationConfig::default()
    }
}

impl Cluster {
    pub(crate) fn new(
        specs: &[BrokerSpec],
        offsets_rf: Option<u32>,
        latency_ms: u32,
        seed: u64,
    ) -> Self {
        Cluster {
            specs: specs.to_vec(),
            down: Vec::new(),
            slow: Vec::new(),
            topics: Vec::new(),
            seed,
            lost: 0,
            duplicated: 0,
            offsets: None,
            auto_balance: true,
            balance_due: None,
            offsets_rf: offsets_rf.unwrap_or_else(|| {
                crate::scenario::default_offsets_replication_factor(specs.len())
            }),
            latency_ms: u64::from(latency_ms),
        }
    }

    /// The live brokers (not crashed) sorted by id, as `AdminZkClient.getBrokerMetadatas` lists them
    /// (`getAllBrokersInCluster`: registered, i.e. running, brokers only).
    fn placement_brokers(&self) -> Vec<Broker> {
        let mut b: Vec<Broker> = self
            .specs
            .iter()
            .filter(|s| !self.down.contains(&s.id))
            .map(|s| match &s.rack {
                Some(r) => Broker::with_rack(s.id as i32, r),
                None => Broker::new(s.id as i32),
            })
            .collect();
        crate::sort::sort_by(&mut b, &mut |x, y| x.id.cmp(&y.id));
        b
    }

    /// Replica lists for partitions `from..to` of a topic: a new topic starts from `Start::random` drawn from the
    /// topic's own stream; added partitions continue as `AdminZkClient.createPartitions` does (start index = the
    /// position of partition 0's preferred leader, fixed, from the first new partition).
    fn place(&self, name: &str, rf: u32, from: u32, to: u32, first: Option<u32>) -> Vec<Vec<u32>> {
        let brokers = self.placement_brokers();
        let start = match first {
            None => {
                let mut rng = Rng::derive(self.seed, super::stream_id("placement", name));
                Start::random(&mut rng, brokers.len())
            }
            Some(leader) => {
                let i = brokers
                    .iter()
                    .position(|b| b.id >= leader as i32)
                    .unwrap_or(0) as u32;
                Start {
                    index: i,
                    shift: i,
                    first_partition: from,
                }
            }
        };
        let n = to.saturating_sub(from) as i32;
        match assign_replicas_to_brokers(&brokers, n, rf as i32, start) {
            Ok(lists) => lists
                .into_iter()
                .map(|l| l.into_iter().map(|b| b as u32).collect())
                .collect(),
            // `check_placement` keeps rf within 1..=live brokers; the fallback keeps every partition on the first
            // live broker (or the first broker).
            Err(_) => {
                let b = brokers.first().map_or(self.specs[0].id, |b| b.id as u32);
                (from..to).map(|_| alloc::vec![b]).collect()
            }
        }
    }

    /// A topic created (at time 0 or by a command) at world index `ti`.
    pub(crate) fn add_topic(&mut self, ti: usize, spec: &TopicSpec) {
        let ids: Vec<u32> = self.specs.iter().map(|b| b.id).collect();
        let mut rep = Replication::new(config(spec, self.latency_ms), &ids);
        let rf = spec
            .replication_factor
            .unwrap_or(DEFAULT_REPLICATION_FACTOR);
        for replicas in self.place(&spec.name, rf, 0, spec.partitions, None) {
            let _ = rep.add_partition(replicas);
        }
        // A topic created while brokers are down starts with them down and fenced (their session expired).
        for &b in &self.down {
            let _ = rep.crash(b);
            rep.fence(b);
        }
        for &(b, ms) in &self.slow {
            let _ = rep.set_follower_delay(b, ms);
        }
        let n = spec.partitions as usize;
        while self.topics.len() <= ti {
            self.topics.push(None);
        }
        self.topics[ti] = Some(TopicRep {
            rep,
            producers: Vec::new(),
            hw_reported: alloc::vec![(0, 0); n],
            listed: None,
            balance_seen: None,
        });
    }

    /// The topic grew to `to` partitions.
    pub(crate) fn grow(&mut self, ti: usize, spec: &TopicSpec, to: u32) {
        let Some(Some(t)) = self.topics.get(ti) else {
            return;
        };
        let from = t.rep.partition_count() as u32;
        let first = t
            .rep
            .partition(0)
            .and_then(|p| p.replicas().first().copied());
        let rf = spec
            .replication_factor
            .unwrap_or(DEFAULT_REPLICATION_FACTOR);
        let lists = self.place(&spec.name, rf, from, to, first);
        if let Some(Some(t)) = self.topics.get_mut(ti) {
            for replicas in lists {
                let _ = t.rep.add_partition(replicas);
                t.hw_reported.push((0, 0));
            }
        }
    }

    /// A producer of topic `ti`; returns its id in that topic's replication (0 if the topic has none).
    pub(crate) fn add_producer(
        &mut self,
        ti: usize,
        spec: &crate::scenario::ProducerSpec,
        world_index: usize,
    ) -> u64 {
        let Some(Some(t)) = self.topics.get_mut(ti) else {
            return 0;
        };
        let cfg = ProducerConfig {
            acks: spec.acks.unwrap_or(Acks::All),
            enable_idempotence: crate::scenario::effective_idempotence(
                spec.acks,
                spec.enable_idempotence,
            ),
        };
        t.producers.push(Payloads::new(
            u16::try_from(world_index).unwrap_or(u16::MAX),
            spec.id.clone(),
            spec.record_bytes,
        ));
        t.rep.add_producer(cfg)
    }

    /// Hands a producer's batch of records, sent at `now`, to the replication model.
    pub(crate) fn send(&mut self, ti: usize, pid: u64, out: &[Outgoing], now: u64) {
        let Some(Some(t)) = self.topics.get_mut(ti) else {
            return;
        };
        let Some(p) = Payloads::of(&mut t.producers, pid) else {
            return;
        };
        for o in out {
            if let Ok(seq) = t.rep.send(pid, o.partition as usize) {
                p.push(seq, *o, now);
            }
        }
    }

    /// Crashes or restarts `broker` in every topic's replication.
    pub(crate) fn set_up(&mut self, broker: u32, up: bool) {
        self.down.retain(|&b| b != broker);
        if !up {
            self.down.push(broker);
        }
        for t in self.topics.iter_mut().flatten() {
            // A crashed leader keeps its partitions until fenced but serves no fetch: `fetchable` changes now.
            t.listed = None;
            let _ = if up {
                t.rep.restart(broker)
            } else {
                t.rep.crash(broker)
            };
        }
        if let Some(o) = &mut self.offsets {
            o.set_up(broker, up);
        }
    }
}

impl World {
    /// Checks a placement with brokers (a new topic or added partitions): replicas go to live brokers only, so
    /// the replication factor may not exceed their count (Kafka's `INVALID_REPLICATION_FACTOR`, "Replication
    /// factor: 3 larger than available brokers: 2."). Always fine without brokers.
    pub(super) fn check_placement(
        &self,
        field: &str,
        rf: Option<u32>,
    ) -> Result<(), super::CommandError> {
        let Some(c) = &self.cluster else {
            return Ok(());
        };
        let rf = rf.unwrap_or(DEFAULT_REPLICATION_FACTOR);
        let live = c.specs.iter().filter(|b| !c.down.contains(&b.id)).count();
        if rf as usize > live {
            let problem = alloc::format!(
                "replication factor {rf} larger than available brokers: {live} (INVALID_REPLICATION_FACTOR: \
                 replicas are placed on running brokers only)"
            );
            return Err(super::CommandError::new(field, problem));
        }
        Ok(())
    }

    /// Checks a broker command: the world needs brokers, `broker` must be one of them, and the command must
    /// change it (crash a running broker, restart a crashed one), as instance faults are checked.
    pub(super) fn check_broker(&self, broker: u32, up: bool) -> Result<(), super::CommandError> {
        let Some(c) = &self.cluster else {
            return Err(super::CommandError::new(
                "broker",
                "this world has no brokers (add `brokers` to the scenario)",
            ));
        };
        c.known_broker(broker)?;
        match (c.down.contains(&broker), up) {
            (false, true) => Err(super::CommandError::new(
                "broker",
                alloc::format!("broker {broker} is running (only a crashed broker restarts)"),
            )),
            (true, false) => Err(super::CommandError::new(
                "broker",
                alloc::format!("broker {broker} is already down (crashed and not restarted)"),
            )),
            _ => Ok(()),
        }
    }

    /// Runs a checked broker command.
    pub(super) fn set_broker_up(&mut self, broker: u32, up: bool) {
        let now = self.now_ms;
        if let Some(c) = &mut self.cluster {
            c.set_up(broker, up);
            c.arm_balance(now);
        }
        let fault = if up { "restart_broker" } else { "crash_broker" };
        let kind = crate::event::EventKind::BrokerFault {
            fault: fault.into(),
            broker,
        };
        self.events.push(now, kind);
    }
}

impl World {
    /// The replication model of topic `topic` (feature `brokers`): `None` without brokers or for an unknown
    /// topic. Its partition indices are the topic's partitions.
    ///
    /// ```
    /// use kplay_core::scenario::{BrokerSpec, Scenario, TopicSpec};
    /// let mut s = Scenario::default();
    /// s.brokers = vec![BrokerSpec::new(1), BrokerSpec::new(2)];
    /// let mut t = TopicSpec::new("orders", 2);
    /// t.replication_factor = Some(2);
    /// s.topics.push(t);
    /// let w = kplay_core::World::new(&s, 1).unwrap();
    /// let r = w.replication("orders").unwrap();
    /// assert_eq!(r.partition(0).unwrap().replicas().len(), 2);
    /// assert!(kplay_core::World::new(&Default::default(), 1).unwrap().replication("orders").is_none());
    /// ```
    pub fn replication(&self, topic: &str) -> Option<&Replication> {
        let ti = Topic::find(&self.topics, topic)?;
        self.cluster
            .as_ref()?
            .topics
            .get(ti)?
            .as_ref()
            .map(|t| &t.rep)
    }

    /// Records lost after leader elections and records written twice (idempotence off) so far, with brokers.
    ///
    /// ```
    /// use kplay_core::scenario::{BrokerSpec, Scenario};
    /// let mut s = Scenario::default();
    /// s.brokers = vec![BrokerSpec::new(1)];
    /// assert_eq!(kplay_core::World::new(&s, 1).unwrap().replication_totals(), Some((0, 0)));
    /// ```
    pub fn replication_totals(&self) -> Option<(u64, u64)> {
        self.cluster.as_ref().map(|c| (c.lost, c.duplicated))
    }

    /// Records whose content (key, tombstone, send time) the world keeps beside the replication model until
    /// their partition's consumers' log gets them or the model gives up on them; 0 without brokers.
    ///
    /// ```
    /// assert_eq!(kplay_core::World::new(&Default::default(), 1).unwrap().kept_payloads(), 0);
    /// ```
    pub fn kept_payloads(&self) -> usize {
        let Some(c) = &self.cluster else { return 0 };
        let topics = c.topics.iter().flatten();
        topics.flat_map(|t| &t.producers).map(|p| p.kept()).sum()
    }
}

impl World {
    /// The log-end offset of the log consumers read for `topic`'s `partition` (with brokers: its high watermark
    /// as consumers see it); `None` for an unknown one. Cheaper than a snapshot, for checks every millisecond.
    ///
    /// ```
    /// use kplay_core::scenario::{Scenario, TopicSpec};
    /// let mut s = Scenario::default();
    /// s.topics.push(TopicSpec::new("t", 1));
    /// let w = kplay_core::World::new(&s, 1).unwrap();
    /// assert_eq!(w.log_end("t", 0), Some(0));
    /// assert_eq!(w.log_end("t", 1), None);
    /// ```
    pub fn log_end(&self, topic: &str, partition: u32) -> Option<u64> {
        let ti = Topic::find(&self.topics, topic)?;
        Some(self.topics[ti].logs.get(partition as usize)?.log_end())
    }
}
