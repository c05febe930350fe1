//! A log that starts at a real cluster's offsets instead of 0.

use super::{LogConfig, PartitionLog};

impl PartitionLog {
    /// A log whose offsets below `log_start` are gone (as after retention) and which holds the
    /// `log_end − log_start` records from `log_start` on, written at `now_ms` without keys, `size` bytes each
    /// (producer index `u16::MAX`: no producer of the world). The caller bounds the count
    /// ([`crate::scenario::MAX_INITIAL_RECORDS`]); `log_end < log_start` gives an empty log at `log_start`.
    ///
    /// ```
    /// use kplay_core::log::{LogConfig, PartitionLog};
    /// let cfg = LogConfig::default();
    /// let mut log = PartitionLog::starting_at(&cfg, 0, 1_234_560, 1_234_567, 100);
    /// assert_eq!((log.log_start(), log.log_end(), log.records().len()), (1_234_560, 1_234_567, 7));
    /// assert_eq!(log.records().next().unwrap().offset, 1_234_560);
    /// assert_eq!(log.append(&cfg, 1, None, 100, 0, 0), 1_234_567);
    /// ```
    pub fn starting_at(
        cfg: &LogConfig,
        now_ms: u64,
        log_start: u64,
        log_end: u64,
        size: u32,
    ) -> Self {
        let mut log = PartitionLog {
            log_start,
            log_end: log_start,
            first_dirty: log_start,
            ..PartitionLog::default()
        };
        for i in log_start..log_end {
            log.push(cfg, now_ms, None, size, u16::MAX, (i - log_start) as u32, 0);
        }
        log
    }
}
