//! Log compaction (`cleanup.policy=compact`): when a log is cleaned, and what a clean keeps.
//!
//! **When** follows Kafka's `LogCleanerManager`: the dirty part of a log starts at the last clean's end (the
//! cleaner checkpoint) and stops at the first uncleanable offset — the active segment, or the first dirty
//! segment holding a record newer than `min.compaction.lag.ms` (`cleanableOffsets`). The dirty ratio is the
//! cleanable segments' bytes over those plus the clean segments' bytes (`LogToClean`); a log is cleanable when
//! the ratio is above `min.cleanable.dirty.ratio`, or when a dirty segment's first record is older than
//! `max.compaction.lag.ms` and something is cleanable (`grabFilthiestCompactedLog`, `maxCompactionDelay`).
//!
//! **What**: every record below the first uncleanable offset stays only if it is the latest of its key there; a
//! tombstone that is the latest of its key also stays until its delete horizon, which the first clean that
//! copies it sets to `now + delete.retention.ms`; a clean at or after the horizon drops it. Records from the
//! first uncleanable offset on are never touched.

use super::{PartitionLog, NULL_KEY};
use crate::log::LogConfig;
use alloc::collections::BTreeMap;

/// What the cleaner sees in one log (Kafka's `LogToClean`).
///
/// ```
/// use kplay_core::log::{LogConfig, PartitionLog};
/// let cfg = LogConfig { compact: true, segment_bytes: 100, ..LogConfig::default() };
/// let mut log = PartitionLog::default();
/// for i in 0..3 { log.append(&cfg, i, Some(1), 100, 0, i as u32); } // three segments, the last active
/// let d = log.dirty(&cfg, 10);
/// assert_eq!((d.first_dirty, d.first_uncleanable, d.clean_bytes, d.cleanable_bytes), (0, 2, 0, 200));
/// assert!(d.cleanable(&cfg)); // ratio 1 > 0.5
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Dirty {
    /// Where the last clean stopped (or the log start): the first dirty offset.
    pub first_dirty: u64,
    /// The base of the first segment the cleaner may not clean yet (active segment or `min.compaction.lag.ms`).
    pub first_uncleanable: u64,
    /// Bytes of the segments below `first_dirty` (already cleaned).
    pub clean_bytes: u64,
    /// Bytes of the segments from `first_dirty` to `first_uncleanable`.
    pub cleanable_bytes: u64,
    /// A dirty non-active segment's first record is older than `max.compaction.lag.ms`.
    pub overdue: bool,
}

impl Dirty {
    /// Whether the cleaner would pick this log (before comparing with others): some bytes to clean and the
    /// ratio above `min.cleanable.dirty.ratio`, or overdue by `max.compaction.lag.ms` with cleanable bytes.
    /// Integer arithmetic: `cleanable / total > millionths / 10⁶`.
    ///
    /// ```
    /// use kplay_core::log::{Dirty, LogConfig};
    /// let cfg = LogConfig::default(); // ratio 0.5
    /// let half = Dirty { clean_bytes: 100, cleanable_bytes: 100, ..Dirty::default() };
    /// assert!(!half.cleanable(&cfg)); // 0.5 is not above 0.5
    /// assert!(Dirty { overdue: true, ..half }.cleanable(&cfg));
    /// ```
    pub fn cleanable(&self, cfg: &LogConfig) -> bool {
        let total = u128::from(self.clean_bytes) + u128::from(self.cleanable_bytes);
        total > 0
            && ((self.overdue && self.cleanable_bytes > 0)
                || u128::from(self.cleanable_bytes) * 1_000_000
                    > u128::from(cfg.min_cleanable_millionths) * total)
    }

    /// The dirty ratio in millionths (0 for an empty log), for display.
    ///
    /// ```
    /// let d = kplay_core::log::Dirty { clean_bytes: 300, cleanable_bytes: 100, ..Default::default() };
    /// assert_eq!(d.ratio_millionths(), 250_000);
    /// ```
    pub fn ratio_millionths(&self) -> u32 {
        let total = u128::from(self.clean_bytes) + u128::from(self.cleanable_bytes);
        if total == 0 {
            return 0;
        }
        (u128::from(self.cleanable_bytes) * 1_000_000 / total) as u32
    }

    /// Whether this log is strictly filthier than `other` (a higher ratio; `LogToClean.compare`).
    pub(crate) fn filthier_than(&self, other: &Dirty) -> bool {
        let total = |d: &Dirty| u128::from(d.clean_bytes) + u128::from(d.cleanable_bytes);
        u128::from(self.cleanable_bytes) * total(other)
            > u128::from(other.cleanable_bytes) * total(self)
    }
}

impl PartitionLog {
    /// The cleaner's view of this log at `now_ms` (`LogCleanerManager.cleanableOffsets`, `maxCompactionDelay`
    /// and `calculateCleanableBytes`).
    ///
    /// ```
    /// use kplay_core::log::{LogConfig, PartitionLog};
    /// let cfg = LogConfig { compact: true, segment_bytes: 100, min_compaction_lag_ms: 50, ..LogConfig::default() };
    /// let mut log = PartitionLog::default();
    /// log.append(&cfg, 0, Some(1), 100, 0, 0);
    /// log.append(&cfg, 40, Some(1), 100, 0, 1);
    /// log.append(&cfg, 80, Some(1), 100, 0, 2);
    /// // The segment written at 80 ms is active. At 80 ms the one written at 40 ms is within the lag too;
    /// // at 100 ms it no longer is.
    /// assert_eq!(log.dirty(&cfg, 80).first_uncleanable, 1);
    /// assert_eq!(log.dirty(&cfg, 100).first_uncleanable, 2);
    /// ```
    pub fn dirty(&self, cfg: &LogConfig, now_ms: u64) -> Dirty {
        let Some(active) = self.segments.back() else {
            return Dirty::default();
        };
        // A checkpoint below the log start (retention deleted cleaned segments) restarts there.
        let first_dirty = self.first_dirty.max(self.log_start);
        let mut uncleanable = active.base_offset.min(self.log_end);
        let non_active = self.segments.len() - 1;
        let dirty_segments = || {
            self.segments
                .iter()
                .take(non_active)
                .filter(move |s| s.base_offset >= first_dirty)
        };
        if cfg.min_compaction_lag_ms > 0 {
            if let Some(s) = dirty_segments()
                .find(|s| s.max_timestamp_ms.saturating_add(cfg.min_compaction_lag_ms) > now_ms)
            {
                uncleanable = uncleanable.min(s.base_offset);
            }
        }
        let first_uncleanable = uncleanable.max(first_dirty);
        // The first record's time of a dirty segment is when it was created (Kafka: its first batch's
        // timestamp). Kafka skips timestamps ≤ 0 as missing; virtual time 0 stands for a real time here.
        let overdue = dirty_segments()
            .map(|s| s.created_ms)
            .min()
            .is_some_and(|t| t.saturating_add(cfg.max_compaction_lag_ms) < now_ms);
        let (mut clean_bytes, mut cleanable_bytes) = (0, 0);
        for s in self.segments.iter().take(non_active) {
            if s.base_offset < first_dirty {
                clean_bytes += s.bytes;
            } else if s.base_offset < first_uncleanable {
                cleanable_bytes += s.bytes;
            }
        }
        Dirty {
            first_dirty,
            first_uncleanable,
            clean_bytes,
            cleanable_bytes,
            overdue,
        }
    }

    /// One clean at `now_ms` of everything below the first uncleanable offset, whatever the dirty ratio;
    /// moves the cleaner checkpoint there and returns how many records went.
    pub(crate) fn clean(&mut self, cfg: &LogConfig, now_ms: u64) -> u64 {
        let end = self.dirty(cfg, now_ms).first_uncleanable;
        if self.segments.is_empty() {
            return 0;
        }
        self.first_dirty = self.first_dirty.max(end);
        // Keyed by u64 so it shares the `horizons` tree's code (one instance less in the wasm bundle).
        let mut latest: BTreeMap<u64, u64> = BTreeMap::new();
        for r in self.records.iter().take_while(|r| r.offset < end) {
            latest.insert(u64::from(r.key), r.offset);
        }
        let horizon_if_new = now_ms.saturating_add(cfg.delete_retention_ms);
        let before = self.records.len();
        let mut bytes = self.bytes;
        let horizons = &mut self.horizons;
        self.records.retain(|r| {
            if r.offset >= end {
                return true;
            }
            // Compacted topics reject null keys at the producer; a null key here cannot survive a clean.
            let mut keep = r.key != NULL_KEY && latest.get(&u64::from(r.key)) == Some(&r.offset);
            if keep && r.is_tombstone() {
                let horizon = *horizons.entry(r.offset).or_insert(horizon_if_new);
                keep = now_ms < horizon;
            }
            if !keep {
                bytes -= u64::from(r.size);
                horizons.remove(&r.offset);
            }
            keep
        });
        self.bytes = bytes;
        let removed = (before - self.records.len()) as u64;
        if removed > 0 {
            self.recount_segments();
        }
        debug_assert!(self.horizons.keys().all(|&o| self
            .records_from(o)
            .next()
            .is_some_and(|r| r.offset == o && r.is_tombstone())));
        removed
    }

    /// When the delete horizon of the tombstone at `offset` was set by a clean, that horizon (virtual ms).
    ///
    /// ```
    /// use kplay_core::log::{LogConfig, PartitionLog};
    /// let cfg = LogConfig { compact: true, segment_bytes: 10, delete_retention_ms: 500, ..LogConfig::default() };
    /// let mut log = PartitionLog::default();
    /// log.append_tombstone(&cfg, 0, Some(1), 10, 0, 0);
    /// log.append(&cfg, 1, Some(2), 10, 0, 1); // rolls: the tombstone's segment is no longer active
    /// assert_eq!(log.delete_horizon(0), None);
    /// log.enforce_retention(&cfg, 100);
    /// assert_eq!(log.delete_horizon(0), Some(600));
    /// ```
    pub fn delete_horizon(&self, offset: u64) -> Option<u64> {
        self.horizons.get(&offset).copied()
    }

    pub(super) fn recount_segments(&mut self) {
        let n = self.segments.len();
        for i in 0..n {
            let base = self.segments[i].base_offset;
            let end = if i + 1 < n {
                self.segments[i + 1].base_offset
            } else {
                self.log_end
            };
            let (mut bytes, mut count) = (0, 0);
            for r in self.records_from(base).take_while(|r| r.offset < end) {
                bytes += u64::from(r.size);
                count += 1;
            }
            self.segments[i].bytes = bytes;
            self.segments[i].records = count;
        }
    }
}
