//! The controller's automatic preferred-leader balancing in the world (`auto.leader.rebalance.enable`,
//! docs/replication.md). Kafka's controller keeps one timer for the whole cluster
//! (`QuorumController.maybeScheduleNextBalancePartitionLeaders`), armed by the first imbalance anywhere, and
//! its run covers every imbalanced partition of every topic (`__consumer_offsets` included). The world holds
//! one model per topic, each with its own timer turned off, and runs that single timer here: per-topic timers
//! would balance a topic that became imbalanced after another one later than Kafka does.
//!
//! The timer is looked at every millisecond, but the partitions are scanned only when a leader may have moved
//! since the last scan (a model's `leader_version` changed) or a balancing run just ended: a scan that found
//! every partition led by its preferred replica stays true until one of those happens.

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

    /// Some topic's leaders may have moved (or it is new, or a run ended) since the last imbalance check.
    fn balance_stale(&self) -> bool {
        let topics = self
            .topics
            .iter()
            .flatten()
            .map(|t| (&t.rep, t.balance_seen));
        let offsets = self.offsets.iter().map(|o| (&o.rep, o.balance_seen));
        topics
            .chain(offsets)
            .any(|(rep, seen)| seen != Some(rep.leader_version))
    }

    /// Records an imbalance check at every model's current `leader_version` (`true`), or forgets them all
    /// (`false`): the topics' models and `__consumer_offsets`' alike.
    fn set_balance_seen(&mut self, checked: bool) {
        let topics = self
            .topics
            .iter_mut()
            .flatten()
            .map(|t| (&t.rep, &mut t.balance_seen));
        let offsets = self
            .offsets
            .iter_mut()
            .map(|o| (&o.rep, &mut o.balance_seen));
        for (rep, seen) in topics.chain(offsets) {
            *seen = checked.then_some(rep.leader_version);
        }
    }

    /// The balancing run just ran: the timer is free again, and the next check must look at every partition
    /// even if the run moved nothing (a preferred replica out of the ISR keeps its partition imbalanced, and
    /// the timer must be armed again for it).
    pub(crate) fn balance_ran(&mut self) {
        self.balance_due = None;
        self.set_balance_seen(false);
    }

    /// After a controller change at `now`: schedules the balancing run `leader.imbalance.check.interval.seconds`
    /// later if enabled, not already scheduled, and something is imbalanced.
    pub(crate) fn arm_balance(&mut self, now: u64) {
        // Checks run only while enabled and unscheduled, and one that finds an imbalance schedules the run
        // (which forgets the check when it ends): so when nothing moved since the last check, that check found
        // every leader preferred, and it still holds.
        if !self.auto_balance || self.balance_due.is_some() || !self.balance_stale() {
            return;
        }
        if self.leaders_imbalanced() {
            let interval = ReplicationConfig::default().leader_imbalance_check_interval_ms;
            self.balance_due = Some(now.saturating_add(interval));
        }
        self.set_balance_seen(true);
    }

    /// The check `arm_balance` skips would find nothing: unless balancing is off, armed, or some leader moved
    /// since the last check, every partition is led by its preferred replica (checked after every millisecond
    /// in debug builds).
    pub(super) fn kept_balance_is_fresh(&self) -> bool {
        !self.auto_balance
            || self.balance_due.is_some()
            || self.balance_stale()
            || !self.leaders_imbalanced()
    }
}
