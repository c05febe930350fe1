//! The controller's automatic preferred-leader balancing in the world (`auto.leader.rebalance.enable`,
//! docs/replication.md). Kafka's controller keeps one timer for the whole cluster
//! (`QuorumController.maybeScheduleNextBalancePartitionLeaders`), armed by the first imbalance anywhere, and
//! its run covers every imbalanced partition of every topic (`__consumer_offsets` included). The world holds
//! one model per topic, each with its own timer turned off, and runs that single timer here: per-topic timers
//! would balance a topic that became imbalanced after another one later than Kafka does.

use super::Cluster;
use crate::replication::ReplicationConfig;

impl Cluster {
    /// Some partition of some topic is not led by its preferred replica.
    fn leaders_imbalanced(&self) -> bool {
        self.topics
            .iter()
            .flatten()
            .any(|t| t.rep.leaders_imbalanced())
            || self
                .offsets
                .as_ref()
                .is_some_and(|o| o.leaders_imbalanced())
    }

    /// After a controller change at `now`: schedules the balancing run `leader.imbalance.check.interval.seconds`
    /// later if enabled, not already scheduled, and something is imbalanced.
    pub(crate) fn arm_balance(&mut self, now: u64) {
        if self.auto_balance && self.balance_due.is_none() && self.leaders_imbalanced() {
            let interval = ReplicationConfig::default().leader_imbalance_check_interval_ms;
            self.balance_due = Some(now.saturating_add(interval));
        }
    }
}
