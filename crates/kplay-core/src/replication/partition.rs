//! One partition: its replicas' logs, the ISR, the leader and the leader's view of its followers
//! (`core/src/main/scala/kafka/cluster/Partition.scala` and `Replica.scala`).

use super::config::BrokerId;
use super::log::ReplicaLog;
use alloc::vec::Vec;

/// What the leader knows of one follower (`Replica.scala`'s `ReplicaState`), reset on every election.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct FollowerView {
    /// The follower's LEO as of its last fetch (`None` = unknown since the election).
    pub leo: Option<u64>,
    /// `lastFetchLeaderLogEndOffset`.
    pub last_fetch_leader_leo: Option<u64>,
    /// `lastFetchTimeMs`.
    pub last_fetch_time: u64,
    /// `lastCaughtUpTimeMs`; `None` is Kafka's 0 (the epoch: never), which our clock starting at 0 cannot use.
    pub last_caught_up: Option<u64>,
}

impl FollowerView {
    /// `ReplicaState.isCaughtUp`: at the leader's LEO, or caught up within the last `max_lag` ms.
    pub fn is_caught_up(&self, leader_leo: u64, now: u64, max_lag: u64) -> bool {
        self.leo == Some(leader_leo)
            || self
                .last_caught_up
                .is_some_and(|t| now.saturating_sub(t) <= max_lag)
    }

    /// `Replica.updateFetchStateOrThrow`: a fetch at `fetch_offset` arrived at `now` while the leader's LEO was
    /// `leader_leo`.
    pub fn on_fetch(&mut self, fetch_offset: u64, now: u64, leader_leo: u64) {
        if fetch_offset >= leader_leo {
            self.last_caught_up = Some(self.last_caught_up.map_or(now, |t| t.max(now)));
        } else if self
            .last_fetch_leader_leo
            .is_some_and(|l| fetch_offset >= l)
        {
            let at = self.last_fetch_time;
            self.last_caught_up = Some(self.last_caught_up.map_or(at, |t| t.max(at)));
        }
        self.leo = Some(fetch_offset);
        self.last_fetch_leader_leo = Some(
            self.last_fetch_leader_leo
                .map_or(leader_leo, |l| l.max(leader_leo)),
        );
        self.last_fetch_time = now;
    }
}

/// The replication state of one partition.
///
/// ```
/// use kplay_core::replication::{Replication, ReplicationConfig};
/// let mut r = Replication::new(ReplicationConfig::default(), &[1, 2, 3]);
/// let p = r.add_partition(vec![2, 3, 1]).unwrap();
/// let part = r.partition(p).unwrap();
/// assert_eq!(part.leader(), Some(2)); // the preferred (first) replica leads
/// assert_eq!(part.isr(), &[2, 3, 1]);
/// assert_eq!(part.high_watermark(), 0);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionState {
    pub(crate) replicas: Vec<BrokerId>,
    pub(crate) leader: Option<usize>,
    pub(crate) last_leader: Option<usize>,
    pub(crate) epoch: u32,
    pub(crate) isr: Vec<BrokerId>,
    pub(crate) logs: Vec<ReplicaLog>,
    pub(crate) hws: Vec<u64>,
    pub(crate) views: Vec<FollowerView>,
    pub(crate) epoch_start_offset: u64,
}

impl PartitionState {
    pub(crate) fn new(replicas: Vec<BrokerId>) -> Self {
        let n = replicas.len();
        let mut logs = alloc::vec![ReplicaLog::default(); n];
        logs[0].assign_epoch(0, 0);
        Self {
            isr: replicas.clone(),
            replicas,
            leader: Some(0),
            last_leader: Some(0),
            epoch: 0,
            logs,
            hws: alloc::vec![0; n],
            // Topic creation makes every replica an ISR member caught up now (`Replica.resetReplicaState`).
            views: alloc::vec![FollowerView { last_caught_up: Some(0), ..FollowerView::default() }; n],
            epoch_start_offset: 0,
        }
    }

    /// Assigned replicas, preferred leader first.
    pub fn replicas(&self) -> &[BrokerId] {
        &self.replicas
    }

    /// The leader, `None` when the partition is offline.
    pub fn leader(&self) -> Option<BrokerId> {
        self.leader.map(|s| self.replicas[s])
    }

    /// Current leader epoch (bumped by every leader change, including to and from offline).
    pub fn leader_epoch(&self) -> u32 {
        self.epoch
    }

    /// The in-sync replicas.
    pub fn isr(&self) -> &[BrokerId] {
        &self.isr
    }

    /// The log of replica `broker`.
    pub fn log(&self, broker: BrokerId) -> Option<&ReplicaLog> {
        Some(&self.logs[self.slot(broker)?])
    }

    /// High watermark as replica `broker` knows it (followers learn it from fetch responses).
    pub fn replica_high_watermark(&self, broker: BrokerId) -> Option<u64> {
        Some(self.hws[self.slot(broker)?])
    }

    /// The leader's high watermark; for an offline partition the last leader's.
    pub fn high_watermark(&self) -> u64 {
        self.leader.or(self.last_leader).map_or(0, |s| self.hws[s])
    }

    /// The log of the current leader, or of the last one while offline.
    pub fn leader_log(&self) -> Option<&ReplicaLog> {
        self.leader.or(self.last_leader).map(|s| &self.logs[s])
    }

    pub(crate) fn slot(&self, broker: BrokerId) -> Option<usize> {
        self.replicas.iter().position(|&b| b == broker)
    }

    pub(crate) fn in_isr(&self, slot: usize) -> bool {
        self.isr.contains(&self.replicas[slot])
    }

    /// `Partition.effectiveMinIsr`: `min.insync.replicas` capped at the replication factor.
    pub(crate) fn effective_min_isr(&self, min_isr: u32) -> usize {
        (min_isr as usize).min(self.replicas.len())
    }

    /// `Partition.maybeIncrementLeaderHW`: the new HW is the smallest LEO among the leader, the ISR and the
    /// caught-up ISR-eligible replicas; it never moves while the ISR is under `min.insync.replicas`
    /// (`isUnderMinIsr`) and never goes down. Returns the new HW when it moved.
    pub(crate) fn maybe_increment_hw(
        &mut self,
        now: u64,
        max_lag: u64,
        min_isr: u32,
        eligible: &dyn Fn(BrokerId) -> bool,
    ) -> Option<u64> {
        let leader = self.leader?;
        if self.isr.len() < self.effective_min_isr(min_isr) {
            return None;
        }
        let leader_leo = self.logs[leader].leo();
        let mut new_hw = Some(leader_leo);
        for (slot, view) in self.views.iter().enumerate() {
            if slot == leader {
                continue;
            }
            let below = view.leo.is_none_or(|leo| new_hw.is_some_and(|hw| leo < hw));
            let counts = self.isr.contains(&self.replicas[slot])
                || (view.is_caught_up(leader_leo, now, max_lag) && eligible(self.replicas[slot]));
            if below && counts {
                new_hw = view.leo;
            }
        }
        let new_hw = new_hw?;
        (new_hw > self.hws[leader]).then(|| {
            self.hws[leader] = new_hw;
            new_hw
        })
    }

    /// `Partition.needsExpandIsr` / `isFollowerInSync`: an eligible follower outside the ISR whose LEO reached the
    /// HW and the leader epoch's start offset joins. Returns true when the ISR grew.
    pub(crate) fn maybe_expand_isr(&mut self, slot: usize, eligible: bool) -> bool {
        let Some(leader) = self.leader else {
            return false;
        };
        let Some(leo) = self.views[slot].leo else {
            return false;
        };
        if slot == leader || self.in_isr(slot) || !eligible {
            return false;
        }
        if leo >= self.hws[leader] && leo >= self.epoch_start_offset {
            self.isr.push(self.replicas[slot]);
            return true;
        }
        false
    }

    /// `Partition.getOutOfSyncReplicas` + `maybeShrinkIsr`: ISR followers not caught up for longer than
    /// `max_lag` leave. Returns true when the ISR shrank.
    pub(crate) fn maybe_shrink_isr(&mut self, now: u64, max_lag: u64) -> bool {
        let Some(leader) = self.leader else {
            return false;
        };
        let leader_leo = self.logs[leader].leo();
        let before = self.isr.len();
        let (replicas, views) = (&self.replicas, &self.views);
        self.isr.retain(|b| {
            let slot = replicas.iter().position(|r| r == b).unwrap_or(leader);
            slot == leader || views[slot].is_caught_up(leader_leo, now, max_lag)
        });
        self.isr.len() < before
    }
}
