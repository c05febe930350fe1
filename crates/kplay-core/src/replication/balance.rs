//! The KRaft controller's automatic preferred-leader balancing (`auto.leader.rebalance.enable`).
//!
//! Kafka's `QuorumController.maybeScheduleNextBalancePartitionLeaders` runs after every controller write: if
//! balancing is enabled, not already scheduled, and some partition is led by another replica than its first
//! (`ReplicationControlManager.imbalancedPartitions`, kept from `PartitionRegistration.hasPreferredLeader`; a
//! leaderless partition counts), it schedules `maybeBalancePartitionLeaders` after
//! `leader.imbalance.check.interval.seconds`. That run tries a `PREFERRED` election on every imbalanced
//! partition (`PartitionChangeBuilder`: the preferred replica only if it is in the ISR and unfenced), and the
//! next write re-arms the timer if imbalance remains. KRaft never reads `leader.imbalance.per.broker.percentage`:
//! one imbalanced partition is enough. Left out: the cap of 1000 elections per run
//! (`MAX_ELECTIONS_PER_IMBALANCE`, then a re-run 10 ms later), out of reach of the model's sizes.

use super::controller::{self, Election};
use super::model::Replication;

impl Replication {
    /// Whether some partition is not led by its preferred (first) replica, leaderless ones included
    /// (`ReplicationControlManager.arePartitionLeadersImbalanced`).
    ///
    /// ```
    /// use kplay_core::replication::{Replication, ReplicationConfig};
    /// let mut r = Replication::new(ReplicationConfig::default(), &[1, 2]);
    /// r.add_partition(vec![1, 2]).unwrap();
    /// assert!(!r.leaders_imbalanced());
    /// ```
    pub fn leaders_imbalanced(&self) -> bool {
        self.parts.iter().any(|p| p.leader != Some(0))
    }

    /// When the controller's automatic balancing run is due (`None`: not scheduled, or
    /// `auto_leader_rebalance_enable` is off).
    pub fn leader_balance_due(&self) -> Option<u64> {
        self.balance_due
    }

    /// One balancing run (`ReplicationControlManager.maybeBalancePartitionLeaders`): a `PREFERRED` election on
    /// every imbalanced partition. Partitions whose preferred replica is fenced or out of the ISR keep their
    /// leader. The world calls it for its cluster-wide timer; the model's own timer calls it too.
    pub fn balance_leaders(&mut self) {
        for part in 0..self.parts.len() {
            if self.parts[part].leader == Some(0) {
                continue;
            }
            let p = &self.parts[part];
            let alive = |id| self.broker(id).is_some_and(|b| b.up && !b.fenced);
            let d = controller::decide(p, p.isr.clone(), Election::Preferred, &alive);
            // `PartitionChangeBuilder.build` writes nothing when nothing changes.
            if d.leader_changed || d.isr != p.isr {
                self.apply(part, d);
            }
        }
    }

    /// Arms the timer as `maybeScheduleNextBalancePartitionLeaders` does after a controller write: only if
    /// enabled, not already armed, and imbalanced. The delay counts from now, not from a fixed period.
    pub(crate) fn arm_balance(&mut self) {
        if self.cfg.auto_leader_rebalance_enable
            && self.balance_due.is_none()
            && self.leaders_imbalanced()
        {
            self.balance_due = Some(
                self.now
                    .saturating_add(self.cfg.leader_imbalance_check_interval_ms),
            );
        }
    }

    /// End of a millisecond: run the balancing if due, then re-arm (the run is itself a controller write).
    pub(crate) fn balance_tick(&mut self) {
        if self.balance_due.is_some_and(|d| d <= self.now) {
            self.balance_due = None;
            self.balance_leaders();
            self.fetch_wanted = true;
        }
        self.arm_balance();
    }
}
