//! Following one record through its life: produced → fetched → processed → committed, per group.

use super::World;
use alloc::string::String;
use alloc::vec::Vec;

/// How far a record got in one consumer group.
///
/// ```
/// assert_ne!(kplay_core::sim::RecordStage::Waiting, kplay_core::sim::RecordStage::Processed);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum RecordStage {
    /// Not fetched yet (or its fetch was lost with a crash).
    Waiting,
    /// Returned by a poll of `member`, not processed yet.
    Fetched {
        /// The member holding it.
        member: String,
    },
    /// Processed, but the group's committed offset has not passed it.
    Processed,
    /// The committed offset is past it: a restart will not process it again.
    Committed,
    /// Never processed by the group and deleted by retention (the group's position jumped over it, or will).
    DeletedBeforeRead,
    /// Never processed: `auto.offset.reset=latest` moved the group's position past it (a `skipped` event).
    Skipped,
}

/// One record and its stage in every group subscribed to its topic.
///
/// ```
/// let w = kplay_core::sim::World::new(&Default::default(), 1).unwrap();
/// assert!(w.follow("orders", 0, 0).is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct RecordJourney {
    /// Still in the log (not deleted by retention or compaction)?
    pub retained: bool,
    /// Key (when retained).
    pub key: Option<String>,
    /// Producer id (when retained).
    pub producer: Option<String>,
    /// Append time (when retained).
    pub timestamp_ms: Option<u64>,
    /// The value is null (when retained).
    pub tombstone: Option<bool>,
    /// `(group, stage)` for each group subscribed to the topic, in creation order.
    pub groups: Vec<(String, RecordStage)>,
}

impl World {
    /// Up to `n` retained records of `topic`-`partition` with offsets below `before`, oldest first: pages of
    /// the log older than a snapshot's [`super::PartitionView::recent`], so every retained record can be shown.
    /// Empty for an unknown topic or partition.
    ///
    /// ```
    /// use kplay_core::scenario::{ProducerSpec, Scenario, TopicSpec};
    /// let mut s = Scenario::default();
    /// s.topics.push(TopicSpec::new("t", 1));
    /// s.producers.push(ProducerSpec::new("p", "t", 1000));
    /// let mut w = kplay_core::sim::World::new(&s, 1).unwrap();
    /// w.step(20);
    /// let page = w.records_before("t", 0, 5, 3);
    /// assert_eq!(page.iter().map(|r| r.offset).collect::<Vec<_>>(), [2, 3, 4]);
    /// ```
    pub fn records_before(
        &self,
        topic: &str,
        partition: u32,
        before: u64,
        n: usize,
    ) -> Vec<super::RecordView> {
        let Some(log) = crate::topic::Topic::find(&self.topics, topic)
            .filter(|&t| !self.topics[t].removed)
            .and_then(|t| self.topics[t].logs.get(partition as usize))
        else {
            return Vec::new();
        };
        let end = log.index_of(before);
        log.records()
            .take(end)
            .skip(end.saturating_sub(n))
            .map(|r| super::view::record_view(self, r))
            .collect()
    }

    /// Where record `offset` of `topic`-`partition` is now; `None` when that offset was never written.
    ///
    /// ```
    /// use kplay_core::scenario::{ProducerSpec, Scenario, TopicSpec};
    /// let mut s = Scenario::default();
    /// s.topics.push(TopicSpec::new("t", 1));
    /// s.producers.push(ProducerSpec::new("p", "t", 1000));
    /// let mut w = kplay_core::sim::World::new(&s, 1).unwrap();
    /// w.step(10);
    /// let j = w.follow("t", 0, 3).unwrap();
    /// assert!(j.retained && j.groups.is_empty());
    /// ```
    pub fn follow(&self, topic: &str, partition: u32, offset: u64) -> Option<RecordJourney> {
        let ti = crate::topic::Topic::find(&self.topics, topic)?;
        let log = self.topics[ti].logs.get(partition as usize)?;
        if offset >= log.log_end() {
            return None;
        }
        let record = log
            .records_from(offset)
            .next()
            .filter(|r| r.offset == offset);
        let tp = (ti as u32, partition);
        let mut groups = Vec::new();
        for g in self
            .groups
            .iter()
            .filter(|g| g.topics().iter().any(|t| t == topic))
        {
            let committed = g.coord.committed.get(&tp).copied().unwrap_or(0);
            let processed = g.stats.was_processed(tp, offset);
            let skipped = g.stats.skipped_of(tp);
            let holder = g
                .instances
                .iter()
                .filter(|i| i.is_running())
                .flat_map(|i| &i.threads)
                .find(|t| {
                    // Records handed to a worker thread are fetched, not processed, until the worker is done.
                    t.batch
                        .iter()
                        .chain(t.worker.iter())
                        .any(|f| f.tp == tp && f.offset == offset)
                });
            let stage = if processed && committed > offset {
                RecordStage::Committed
            } else if processed {
                RecordStage::Processed
            } else if record.is_none() || skipped.is_some_and(|s| s.deleted.contains(offset)) {
                RecordStage::DeletedBeforeRead
            } else if skipped.is_some_and(|s| s.reset.contains(offset)) {
                RecordStage::Skipped
            } else if let Some(t) = holder {
                RecordStage::Fetched {
                    member: t.member_id.clone(),
                }
            } else if committed > offset {
                RecordStage::Committed
            } else {
                RecordStage::Waiting
            };
            groups.push((g.spec.id.clone(), stage));
        }
        Some(RecordJourney {
            retained: record.is_some(),
            key: record
                .and_then(|r| r.key())
                .map(|k| String::from(self.keys.name(k))),
            producer: record
                .and_then(|r| self.producers.get(usize::from(r.producer)))
                .map(|p| p.spec.id.clone()),
            timestamp_ms: record.map(|r| r.timestamp_ms),
            tombstone: record.map(|r| r.is_tombstone()),
            groups,
        })
    }
}
