//! The model: brokers, partitions, producers and the network, driven by `step(dt_ms)` on a virtual clock.

use super::append::PendingAnswer;
use super::config::{BrokerId, ReplicationConfig};
use super::controller::Decision;
use super::event::ReplicationEvent;
use super::log::Record;
use super::net::{FetchEntry, Network};
use super::partition::{FollowerView, PartitionState};
use super::produce::Producer;
use super::purgatory::Purgatory;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// One broker's liveness.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Broker {
    pub id: BrokerId,
    pub up: bool,
    pub fenced: bool,
    pub down_since: u64,
    pub incarnation: u32,
    pub extra_fetch_delay: u64,
}

/// A follower fetch the leader holds until one of its partitions has data or `replica.fetch.wait.max.ms`
/// passes (`DelayedFetch`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Parked {
    pub id: u32,
    pub follower: BrokerId,
    pub leader: BrokerId,
    pub entries: Vec<FetchEntry>,
    pub deadline: u64,
}

/// The replication model. See the module docs for what it covers.
///
/// ```
/// use kplay_core::replication::{Acks, ProducerConfig, Replication, ReplicationConfig, ReplicationEvent};
/// let mut r = Replication::new(ReplicationConfig::default(), &[1, 2, 3]);
/// let p = r.add_partition(vec![1, 2, 3]).unwrap();
/// let producer = r.add_producer(ProducerConfig { acks: Acks::All, enable_idempotence: true });
/// r.send(producer, p).unwrap();
/// r.step(20);
/// assert_eq!(r.fetchable_until(p), 1);
/// assert!(r.drain_events().iter().any(|e| matches!(e, ReplicationEvent::Acknowledged { offset: 0, .. })));
/// ```
#[derive(Clone, Debug)]
pub struct Replication {
    pub(crate) cfg: ReplicationConfig,
    pub(crate) now: u64,
    pub(crate) brokers: Vec<Broker>,
    pub(crate) parts: Vec<PartitionState>,
    /// Per (follower broker, leader broker), by their indices in `brokers` ([`Self::session`]): the id of the
    /// fetch in flight or parked. Answers of any other id are stale (sent before a crash or a restart of either
    /// end) and ignored.
    pub(crate) sessions: Vec<Option<u32>>,
    pub(crate) fetch_ids: u32,
    /// Some follower may need a fetch sent: set whenever a fetch slot empties or a broker or leader changes,
    /// so `send_fetches` does not scan every partition on every pass of a busy millisecond.
    pub(crate) fetch_wanted: bool,
    /// A leader appended since parked fetches were last looked at (one of them may complete now).
    pub(crate) parked_check: bool,
    /// The earliest deadline among parked fetches (`u64::MAX` when none).
    pub(crate) parked_due: u64,
    pub(crate) parked: Vec<Parked>,
    /// Per partition, its waiting `acks=all` appends in arrival order.
    pub(crate) purgatory: Vec<Vec<Purgatory>>,
    /// Produce requests whose answer waits for some of their partitions.
    pub(crate) pending: Vec<PendingAnswer>,
    /// No waiting append expires before this (`u64::MAX`: none waits); may be early, never late.
    pub(crate) purgatory_due: u64,
    pub(crate) producers: Vec<Producer>,
    /// A producer queued a record or got an answer since `run_producers` last looked.
    pub(crate) producers_dirty: bool,
    /// No lane has anything to do (send, retry, time out) before this unless `producers_dirty`.
    pub(crate) producers_due: u64,
    pub(crate) net: Network,
    pub(crate) events: Vec<ReplicationEvent>,
    /// When the controller's leader-balancing run is scheduled (`None`: not scheduled).
    pub(crate) balance_due: Option<u64>,
    /// Bumped by every change of any partition's leader (`apply`, the only place a leader is written) and by
    /// every added partition. The world keeps what it derives from the leaders (the partitions producers and
    /// consumers may use, whether the controller's balancing timer must be armed) until this moves, instead of
    /// scanning every partition every millisecond.
    pub(crate) leader_version: u64,
}

impl Replication {
    /// A cluster of `brokers` (all up) and no partitions yet.
    pub fn new(cfg: ReplicationConfig, brokers: &[BrokerId]) -> Self {
        let brokers: Vec<Broker> = brokers
            .iter()
            .map(|&id| Broker {
                id,
                up: true,
                fenced: false,
                down_since: 0,
                incarnation: 0,
                extra_fetch_delay: 0,
            })
            .collect();
        let n = brokers.len();
        Self {
            cfg,
            now: 0,
            brokers,
            parts: Vec::new(),
            sessions: alloc::vec![None; n * n],
            fetch_ids: 0,
            fetch_wanted: true,
            parked_check: false,
            parked_due: u64::MAX,
            parked: Vec::new(),
            purgatory: Vec::new(),
            purgatory_due: u64::MAX,
            pending: Vec::new(),
            producers: Vec::new(),
            producers_dirty: false,
            producers_due: u64::MAX,
            net: Network::default(),
            events: Vec::new(),
            balance_due: None,
            leader_version: 0,
        }
    }

    /// Adds a partition with these replicas (first = preferred leader); returns its index. It starts led by the
    /// first replica, all replicas in the ISR, leader epoch 0.
    pub fn add_partition(&mut self, replicas: Vec<BrokerId>) -> Result<usize, String> {
        if replicas.is_empty() {
            return Err(String::from("replicas: needs at least one broker"));
        }
        for (i, b) in replicas.iter().enumerate() {
            if self.broker(*b).is_none() {
                return Err(format!("replicas[{i}]: broker {b} is not in the cluster"));
            }
            if replicas[..i].contains(b) {
                return Err(format!("replicas[{i}]: broker {b} is listed twice"));
            }
        }
        self.fetch_wanted = true;
        self.purgatory.push(Vec::new());
        self.parts.push(PartitionState::new(replicas));
        self.leader_version = self.leader_version.wrapping_add(1);
        Ok(self.parts.len() - 1)
    }

    /// Virtual time in ms.
    pub fn now(&self) -> u64 {
        self.now
    }

    /// The settings.
    pub fn config(&self) -> &ReplicationConfig {
        &self.cfg
    }

    /// Partition `index`.
    pub fn partition(&self, index: usize) -> Option<&PartitionState> {
        self.parts.get(index)
    }

    /// Number of partitions.
    pub fn partition_count(&self) -> usize {
        self.parts.len()
    }

    /// Whether `broker` is running.
    pub fn is_up(&self, broker: BrokerId) -> bool {
        self.broker(broker).is_some_and(|b| b.up)
    }

    /// Consumers read below this offset: the leader's high watermark; 0 records while offline.
    pub fn fetchable_until(&self, partition: usize) -> u64 {
        self.parts
            .get(partition)
            .filter(|p| p.leader.is_some())
            .map_or(0, |p| p.high_watermark())
    }

    /// Takes the events since the last call.
    pub fn drain_events(&mut self) -> Vec<ReplicationEvent> {
        core::mem::take(&mut self.events)
    }

    pub(crate) fn broker(&self, id: BrokerId) -> Option<&Broker> {
        self.brokers.iter().find(|b| b.id == id)
    }

    pub(crate) fn broker_mut(&mut self, id: BrokerId) -> Option<&mut Broker> {
        self.brokers.iter_mut().find(|b| b.id == id)
    }

    /// The slot in `sessions` of `follower`'s fetch session with `leader` (`None` for an unknown broker).
    pub(crate) fn session(&self, follower: BrokerId, leader: BrokerId) -> Option<usize> {
        let f = self.brokers.iter().position(|b| b.id == follower)?;
        let l = self.brokers.iter().position(|b| b.id == leader)?;
        Some(f * self.brokers.len() + l)
    }

    pub(crate) fn incarnation(&self, id: BrokerId) -> u32 {
        self.broker(id).map_or(0, |b| b.incarnation)
    }

    /// Applies a controller decision: new ISR, and on a leader change the epoch bump, the new leader's epoch
    /// start offset, the reset follower views (`Replica.resetReplicaState`) and the report of lost records.
    pub(crate) fn apply(&mut self, part: usize, d: Decision) {
        let now = self.now;
        let p = &mut self.parts[part];
        if !d.leader_changed {
            if d.isr != p.isr {
                let shrunk = d.isr.len() < p.isr.len();
                p.isr = d.isr;
                let isr = p.isr.clone();
                self.events.push(if shrunk {
                    ReplicationEvent::IsrShrunk {
                        partition: part,
                        isr,
                    }
                } else {
                    ReplicationEvent::IsrExpanded {
                        partition: part,
                        isr,
                    }
                });
                self.maybe_increment_hw(part);
            }
            return;
        }
        let isr_shrunk = d.isr.len() < p.isr.len();
        p.isr = d.isr;
        p.epoch += 1;
        p.leader = d.leader;
        self.leader_version = self.leader_version.wrapping_add(1);
        // A parked fetch holding this partition completes now (`DelayedFetch.tryComplete` sees the epoch
        // change); answers in flight for the old epoch are dropped by the follower.
        self.parked_check = true;
        self.fetch_wanted = true;
        let p = &mut self.parts[part];
        if isr_shrunk {
            let isr = p.isr.clone();
            self.events.push(ReplicationEvent::IsrShrunk {
                partition: part,
                isr,
            });
        }
        self.events.push(ReplicationEvent::LeaderChanged {
            partition: part,
            leader: d.leader.map(|s| p.replicas[s]),
            epoch: p.epoch,
            unclean: d.unclean,
        });
        let Some(leader) = d.leader else {
            self.fail_purgatory_of(part);
            return;
        };
        let leo = p.logs[leader].leo();
        p.logs[leader].assign_epoch(p.epoch, leo);
        p.epoch_start_offset = leo;
        for slot in 0..p.replicas.len() {
            let in_sync = p.isr.contains(&p.replicas[slot]);
            p.views[slot] = FollowerView {
                last_caught_up: in_sync.then_some(now),
                ..FollowerView::default()
            };
        }
        if let Some(last) = p.last_leader.filter(|&l| l != leader) {
            // Every replica forgets up to the same point, so both retained slices start at the same offset.
            debug_assert_eq!(p.logs[last].log_start(), p.logs[leader].log_start());
            let lost = diverging_records(p.logs[last].records(), p.logs[leader].records());
            if !lost.is_empty() {
                self.events.push(ReplicationEvent::RecordsLost {
                    partition: part,
                    records: lost,
                });
            }
        }
        self.parts[part].last_leader = Some(leader);
        self.fail_purgatory_of(part);
        self.maybe_increment_hw(part);
    }

    /// Leader-side HW update with the model's eligibility rule (alive and unfenced).
    pub(crate) fn maybe_increment_hw(&mut self, part: usize) {
        let (now, lag, min_isr) = (
            self.now,
            self.cfg.replica_lag_time_max_ms,
            self.cfg.min_insync_replicas,
        );
        let brokers = &self.brokers;
        let eligible = |id: BrokerId| brokers.iter().any(|b| b.id == id && b.up && !b.fenced);
        if let Some(hw) = self.parts[part].maybe_increment_hw(now, lag, min_isr, &eligible) {
            self.events.push(ReplicationEvent::HighWatermark {
                partition: part,
                hw,
            });
            self.complete_purgatory(part);
        }
    }

    /// Advances the virtual clock by `dt_ms`, one millisecond at a time.
    pub fn step(&mut self, dt_ms: u64) {
        for _ in 0..dt_ms {
            self.now += 1;
            self.tick();
        }
    }

    fn tick(&mut self) {
        let now = self.now;
        let expired: Vec<BrokerId> = self
            .brokers
            .iter()
            .filter(|b| {
                !b.up
                    && !b.fenced
                    && now.saturating_sub(b.down_since) >= self.cfg.broker_session_timeout_ms
            })
            .map(|b| b.id)
            .collect();
        for b in expired {
            self.fence(b);
        }
        if now.is_multiple_of(self.cfg.isr_check_interval_ms()) {
            self.shrink_isrs();
        }
        // Zero latency delivers within the same ms; the cap only guards against a livelock bug.
        for _ in 0..10_000 {
            let mut busy = self.deliver_due();
            busy |= self.complete_parked();
            busy |= self.expire_purgatory();
            busy |= self.run_producers();
            busy |= self.send_fetches();
            if !busy {
                break;
            }
        }
        self.balance_tick();
    }

    fn shrink_isrs(&mut self) {
        let (now, lag) = (self.now, self.cfg.replica_lag_time_max_ms);
        for part in 0..self.parts.len() {
            let leads_alive = self.parts[part].leader().is_some_and(|l| self.is_up(l));
            if leads_alive && self.parts[part].maybe_shrink_isr(now, lag) {
                let isr = self.parts[part].isr.clone();
                self.events.push(ReplicationEvent::IsrShrunk {
                    partition: part,
                    isr,
                });
                self.maybe_increment_hw(part);
            }
        }
    }
}

/// Records of `old` from the first offset where `new` differs (missing, or written in another epoch): what a
/// replica holding `old` truncates when it follows `new` (the log-matching property behind leader epochs).
pub(crate) fn diverging_records(old: &[Record], new: &[Record]) -> Vec<Record> {
    let same = old
        .iter()
        .zip(new)
        .take_while(|(a, b)| a.epoch == b.epoch)
        .count();
    old[same..].to_vec()
}
