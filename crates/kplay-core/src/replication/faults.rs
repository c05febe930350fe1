//! Faults and operator actions: broker crash and restart (fencing and unfencing by the controller), slow
//! followers and the preferred-leader election.

use super::config::BrokerId;
use super::controller;
use super::model::Replication;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Why a preferred-leader election leaves a partition's leadership where it is. Kafka's controller answers
/// `ELECTION_NOT_NEEDED` when the preferred (first) replica already leads, and `PREFERRED_LEADER_NOT_AVAILABLE`
/// when it is not a valid leader (fenced, or out of the ISR) and `PartitionChangeBuilder` so builds no change.
///
/// ```
/// use kplay_core::replication::{PreferredBlocker, Replication, ReplicationConfig};
/// let mut r = Replication::new(ReplicationConfig::default(), &[1, 2]);
/// let p = r.add_partition(vec![1, 2]).unwrap();
/// assert_eq!(r.preferred_election_blocker(p), Some(PreferredBlocker::AlreadyLeads(1)));
/// assert_eq!(
///     PreferredBlocker::Down(1).to_string(),
///     "preferred replica 1 is down (PREFERRED_LEADER_NOT_AVAILABLE)"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PreferredBlocker {
    /// The preferred replica leads already (`ELECTION_NOT_NEEDED`).
    AlreadyLeads(BrokerId),
    /// The preferred replica's broker is down or fenced (`PREFERRED_LEADER_NOT_AVAILABLE`).
    Down(BrokerId),
    /// The preferred replica is alive but not in the ISR, given here (`PREFERRED_LEADER_NOT_AVAILABLE`).
    NotInIsr(BrokerId, Vec<BrokerId>),
}

impl fmt::Display for PreferredBlocker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AlreadyLeads(b) => write!(
                f,
                "preferred replica {b} already leads (ELECTION_NOT_NEEDED)"
            ),
            Self::Down(b) => write!(
                f,
                "preferred replica {b} is down (PREFERRED_LEADER_NOT_AVAILABLE)"
            ),
            Self::NotInIsr(b, isr) => write!(
                f,
                "preferred replica {b} is not in the ISR {isr:?} (PREFERRED_LEADER_NOT_AVAILABLE)"
            ),
        }
    }
}

impl Replication {
    /// Crashes `broker` (a process crash: its log survives). The controller fences it after
    /// `broker.session.timeout.ms` without heartbeats; until then it still leads its partitions, unreachable.
    pub fn crash(&mut self, broker: BrokerId) -> Result<(), String> {
        self.fetch_wanted = true;
        let now = self.now;
        let b = self
            .broker_mut(broker)
            .ok_or_else(|| format!("broker {broker} is not in the cluster"))?;
        if b.up {
            b.up = false;
            b.down_since = now;
            b.incarnation = b.incarnation.wrapping_add(1);
            self.forget_broker_state(broker);
        }
        Ok(())
    }

    /// Restarts `broker`: it registers again, the controller unfences it (fencing the old registration first
    /// if the session had not expired yet) and it comes back as a follower that catches up.
    pub fn restart(&mut self, broker: BrokerId) -> Result<(), String> {
        self.fetch_wanted = true;
        let b = self
            .broker_mut(broker)
            .ok_or_else(|| format!("broker {broker} is not in the cluster"))?;
        if b.up {
            return Ok(());
        }
        b.up = true;
        if !b.fenced {
            self.fence(broker);
        }
        if let Some(b) = self.broker_mut(broker) {
            b.fenced = false;
        }
        let unclean = self.cfg.unclean_leader_election_enable;
        for part in 0..self.parts.len() {
            let alive = |id: BrokerId| self.broker(id).is_some_and(|b| b.up && !b.fenced);
            if let Some(d) = controller::on_unfenced(&self.parts[part], unclean, &alive) {
                self.apply(part, d);
            }
        }
        // An election here is a controller write: it may arm the balancing timer now, not a ms later.
        self.arm_balance();
        Ok(())
    }

    /// Makes `broker`'s fetches `extra_ms` slower (a slow follower; a huge value stalls it). Its outstanding
    /// fetches are abandoned and re-sent with the new delay.
    pub fn set_follower_delay(&mut self, broker: BrokerId, extra_ms: u64) -> Result<(), String> {
        let b = self
            .broker_mut(broker)
            .ok_or_else(|| format!("broker {broker} is not in the cluster"))?;
        b.extra_fetch_delay = extra_ms;
        // The follower's fetches in flight are abandoned (as after `replica.socket.timeout.ms`) and the next ones
        // go out with the new delay.
        self.drop_sessions(|follower, _| follower == broker);
        Ok(())
    }

    /// Preferred-leader election for `partition` (what `kafka-leader-election.sh --election-type PREFERRED`
    /// and the controller's periodic `auto.leader.rebalance.enable` check do): the first replica leads again if
    /// it is alive and in the ISR.
    pub fn elect_preferred(&mut self, partition: usize) -> Result<(), String> {
        let p = self
            .parts
            .get(partition)
            .ok_or_else(|| format!("partition {partition} does not exist"))?;
        let alive = |id: BrokerId| self.broker(id).is_some_and(|b| b.up && !b.fenced);
        let d = controller::decide(p, p.isr.clone(), controller::Election::Preferred, &alive);
        self.apply(partition, d);
        Ok(())
    }

    /// Why a preferred-leader election of `partition` would not move its leadership (`None`: it would, or
    /// the partition does not exist), as Kafka's controller answers it (`ReplicationControlManager
    /// .electLeader`).
    pub fn preferred_election_blocker(&self, partition: usize) -> Option<PreferredBlocker> {
        let p = self.parts.get(partition)?;
        let preferred = *p.replicas.first()?;
        if p.leader == Some(0) {
            return Some(PreferredBlocker::AlreadyLeads(preferred));
        }
        let alive = |id: BrokerId| self.broker(id).is_some_and(|b| b.up && !b.fenced);
        let d = controller::decide(p, p.isr.clone(), controller::Election::Preferred, &alive);
        if d.leader != p.leader {
            return None;
        }
        Some(if alive(preferred) {
            PreferredBlocker::NotInIsr(preferred, p.isr.clone())
        } else {
            PreferredBlocker::Down(preferred)
        })
    }

    /// A crashed broker loses what it held in memory: parked fetches and waiting produce requests it led.
    fn forget_broker_state(&mut self, broker: BrokerId) {
        for (part, p) in self.parts.iter().enumerate() {
            if p.leader().is_some_and(|l| l == broker) {
                self.purgatory[part].clear();
            }
        }
        self.pending.retain(|r| r.broker != broker);
        self.drop_sessions(|follower, leader| follower == broker || leader == broker);
    }

    /// Abandons the fetch sessions `which(follower, leader)` picks: their fetches in flight are forgotten, parked
    /// ones dropped, and new ones go out.
    fn drop_sessions(&mut self, which: impl Fn(BrokerId, BrokerId) -> bool) {
        self.parked.retain(|w| !which(w.follower, w.leader));
        for f in 0..self.brokers.len() {
            for l in 0..self.brokers.len() {
                if which(self.brokers[f].id, self.brokers[l].id) {
                    self.sessions[f * self.brokers.len() + l] = None;
                }
            }
        }
        self.fetch_wanted = true;
    }

    /// The controller fences `broker` (session expired or re-registration).
    pub(crate) fn fence(&mut self, broker: BrokerId) {
        self.fetch_wanted = true;
        if let Some(b) = self.broker_mut(broker) {
            b.fenced = true;
        }
        let unclean = self.cfg.unclean_leader_election_enable;
        for part in 0..self.parts.len() {
            let alive = |id: BrokerId| self.broker(id).is_some_and(|b| b.up && !b.fenced);
            if let Some(d) = controller::on_fenced(&self.parts[part], broker, unclean, &alive) {
                self.apply(part, d);
            }
        }
    }
}
