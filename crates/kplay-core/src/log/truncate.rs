//! Truncation (feature `brokers`): a replica that follows a new leader cuts its log where it diverges
//! (`UnifiedLog.truncateTo`), and the records above the cut are gone.

use super::PartitionLog;

impl PartitionLog {
    /// Removes every record at `offset` and above (`UnifiedLog.truncateTo`): segments starting at or above it
    /// go, the one it falls in shrinks, the log end becomes `offset`. A cut below the log start empties the log
    /// and starts it there (`truncateFullyAndStartAt`). Returns how many retained records went.
    ///
    /// ```
    /// use kplay_core::log::{LogConfig, PartitionLog};
    /// let cfg = LogConfig { segment_bytes: 20, ..LogConfig::default() };
    /// let mut log = PartitionLog::default();
    /// for i in 0..5 { log.append(&cfg, i, None, 10, 0, i as u32); }
    /// assert_eq!(log.truncate_to(3), 2);
    /// assert_eq!((log.log_start(), log.log_end(), log.size_bytes(), log.segment_count()), (0, 3, 30, 2));
    /// assert_eq!(log.append(&cfg, 9, None, 10, 0, 9), 3);
    /// ```
    pub fn truncate_to(&mut self, offset: u64) -> u64 {
        if offset >= self.log_end {
            return 0;
        }
        let mut removed = 0;
        while let Some(r) = self.records.back().copied() {
            if r.offset < offset {
                break;
            }
            self.records.pop_back();
            self.bytes -= u64::from(r.size);
            if let Some(seg) = self
                .segments
                .iter_mut()
                .rev()
                .find(|s| s.base_offset <= r.offset)
            {
                seg.records -= 1;
                seg.bytes -= u64::from(r.size);
            }
            removed += 1;
        }
        while self.segments.len() > 1
            && self
                .segments
                .back()
                .is_some_and(|s| s.base_offset >= offset)
        {
            self.segments.pop_back();
        }
        if let Some(seg) = self.segments.back_mut() {
            seg.base_offset = seg.base_offset.min(offset);
        }
        let _ = self.horizons.split_off(&offset);
        self.first_dirty = self.first_dirty.min(offset);
        self.log_start = self.log_start.min(offset);
        self.log_end = offset;
        removed
    }
}
