//! Log compaction (`cleanup.policy=compact`): the latest record per key survives, tombstones expire.
//!
//! Kafka's cleaner rewrites every segment below the active one. A record stays when it is the latest of its key
//! in that range; a tombstone that is the latest of its key also stays until its delete horizon, which the
//! first clean that copies it sets to `now + delete.retention.ms`; a clean at or after the horizon drops it.
//! Records in the active segment are never touched.

use super::{PartitionLog, NULL_KEY};
use crate::log::LogConfig;
use alloc::collections::BTreeMap;

impl PartitionLog {
    /// One clean at `now_ms`; returns how many records went.
    pub(super) fn compact(&mut self, cfg: &LogConfig, now_ms: u64) -> u64 {
        let Some(active_base) = self.segments.back().map(|s| s.base_offset) else {
            return 0;
        };
        // Keyed by u64 so it shares the `horizons` tree's code (one instance less in the wasm bundle).
        let mut latest: BTreeMap<u64, u64> = BTreeMap::new();
        for r in self.records.iter().take_while(|r| r.offset < active_base) {
            latest.insert(u64::from(r.key), r.offset);
        }
        let horizon_if_new = now_ms.saturating_add(cfg.delete_retention_ms);
        let before = self.records.len();
        let mut bytes = self.bytes;
        let horizons = &mut self.horizons;
        self.records.retain(|r| {
            if r.offset >= active_base {
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
