//! One partition's log: dense offsets at append, segments, retention by time and size, compaction.
//!
//! Records carry no payload, only what the playground shows (key id, size, timestamp, producer, sequence, and
//! whether the value is null: a tombstone), so a retained record costs 32 bytes.
//!
//! ```
//! use kplay_core::log::{LogConfig, PartitionLog};
//!
//! let mut log = PartitionLog::default();
//! let cfg = LogConfig::default();
//! assert_eq!(log.append(&cfg, 0, Some(7), 100, 0, 0), 0);
//! assert_eq!(log.append(&cfg, 1, None, 100, 0, 1), 1);
//! assert_eq!((log.log_start(), log.log_end()), (0, 2));
//! ```

use alloc::collections::{BTreeMap, VecDeque};

mod compact;
mod records;
#[cfg(feature = "import")]
mod start;
#[cfg(feature = "brokers")]
mod truncate;

pub use compact::Dirty;

/// Interned key id; `None` in APIs is a null key.
pub type KeyId = u32;
const NULL_KEY: u32 = u32::MAX;
/// `Record::flags` bit: the value is null.
const TOMBSTONE: u16 = 1;

/// A retained record: 32 bytes, no payload.
///
/// ```
/// assert_eq!(core::mem::size_of::<kplay_core::log::Record>(), 32);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Record {
    /// Offset in the partition.
    pub offset: u64,
    /// Append time in virtual ms.
    pub timestamp_ms: u64,
    key: u32,
    /// Size in bytes (counts toward segment and retention sizes).
    pub size: u32,
    /// The producer's per-producer sequence number.
    pub sequence: u32,
    /// Index of the producer in the world.
    pub producer: u16,
    flags: u16,
}

impl Record {
    /// The record's key id, `None` for a null key.
    ///
    /// ```
    /// let mut log = kplay_core::log::PartitionLog::default();
    /// log.append(&Default::default(), 0, Some(3), 10, 0, 0);
    /// assert_eq!(log.records().next().unwrap().key(), Some(3));
    /// ```
    #[inline(always)]
    pub fn key(&self) -> Option<KeyId> {
        (self.key != NULL_KEY).then_some(self.key)
    }

    /// Whether the record's value is null (a tombstone: "delete this key" on a compacted topic).
    ///
    /// ```
    /// let cfg = Default::default();
    /// let mut log = kplay_core::log::PartitionLog::default();
    /// log.append(&cfg, 0, Some(3), 10, 0, 0);
    /// log.append_tombstone(&cfg, 0, Some(3), 10, 0, 1);
    /// let flags: Vec<bool> = log.records().map(|r| r.is_tombstone()).collect();
    /// assert_eq!(flags, [false, true]);
    /// ```
    #[inline]
    pub fn is_tombstone(&self) -> bool {
        self.flags & TOMBSTONE != 0
    }
}

/// Per-topic log settings (see [`crate::scenario::TopicSpec`]).
///
/// ```
/// assert!(!kplay_core::log::LogConfig::default().compact);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogConfig {
    /// `retention.ms`, -1 forever.
    pub retention_ms: i64,
    /// `retention.bytes`, -1 unlimited.
    pub retention_bytes: i64,
    /// `segment.ms`.
    pub segment_ms: u64,
    /// `segment.bytes`.
    pub segment_bytes: u64,
    /// `cleanup.policy` includes `compact`.
    pub compact: bool,
    /// With `compact`: `cleanup.policy=compact,delete`, so retention deletes segments too (without `compact`
    /// the policy is `delete` and retention always applies).
    pub also_delete: bool,
    /// `min.cleanable.dirty.ratio` in millionths (0..=1000000): a log is cleaned when its dirty share is above.
    pub min_cleanable_millionths: u32,
    /// `min.compaction.lag.ms`: segments with a record newer than this stay dirty.
    pub min_compaction_lag_ms: u64,
    /// `max.compaction.lag.ms`: a dirty segment whose first record is older must be cleaned, whatever the ratio.
    pub max_compaction_lag_ms: u64,
    /// `delete.retention.ms`: how long compaction keeps a tombstone that is the latest record of its key,
    /// counted from the first clean that saw it.
    pub delete_retention_ms: u64,
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig {
            retention_ms: crate::scenario::RETENTION_MS,
            retention_bytes: crate::scenario::RETENTION_BYTES,
            segment_ms: crate::scenario::SEGMENT_MS,
            segment_bytes: crate::scenario::SEGMENT_BYTES,
            compact: false,
            also_delete: false,
            min_cleanable_millionths: crate::scenario::MIN_CLEANABLE_DIRTY_RATIO_MILLIONTHS,
            min_compaction_lag_ms: crate::scenario::MIN_COMPACTION_LAG_MS,
            max_compaction_lag_ms: crate::scenario::MAX_COMPACTION_LAG_MS,
            delete_retention_ms: crate::scenario::DELETE_RETENTION_MS,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    base_offset: u64,
    bytes: u64,
    created_ms: u64,
    max_timestamp_ms: u64,
    records: u64,
}

/// An append-only partition log.
///
/// ```
/// let log = kplay_core::log::PartitionLog::default();
/// assert_eq!(log.log_end(), 0);
/// ```
#[derive(Clone, Debug, Default)]
pub struct PartitionLog {
    /// Shared between copies of the log (time-travel checkpoints), chunk by chunk.
    records: records::Records,
    segments: VecDeque<Segment>,
    log_start: u64,
    log_end: u64,
    bytes: u64,
    /// Delete horizon (virtual ms) of each retained tombstone a clean has seen, by offset: Kafka stamps it on
    /// the batch (`now + delete.retention.ms`) the first time the cleaner copies the tombstone.
    horizons: BTreeMap<u64, u64>,
    /// The cleaner's checkpoint: where the last clean stopped (records from here on are dirty).
    first_dirty: u64,
}

impl PartitionLog {
    /// Appends one record and returns its offset. Rolls the active segment first when it is full or old.
    ///
    /// ```
    /// let mut log = kplay_core::log::PartitionLog::default();
    /// assert_eq!(log.append(&Default::default(), 5, None, 1, 0, 0), 0);
    /// ```
    #[inline]
    pub fn append(
        &mut self,
        cfg: &LogConfig,
        now_ms: u64,
        key: Option<KeyId>,
        size: u32,
        producer: u16,
        sequence: u32,
    ) -> u64 {
        self.push(cfg, now_ms, key, size, producer, sequence, 0)
    }

    /// Appends a record with a null value (a tombstone) and returns its offset.
    ///
    /// ```
    /// let mut log = kplay_core::log::PartitionLog::default();
    /// assert_eq!(log.append_tombstone(&Default::default(), 5, Some(1), 1, 0, 0), 0);
    /// assert!(log.records().next().unwrap().is_tombstone());
    /// ```
    pub fn append_tombstone(
        &mut self,
        cfg: &LogConfig,
        now_ms: u64,
        key: Option<KeyId>,
        size: u32,
        producer: u16,
        sequence: u32,
    ) -> u64 {
        self.push(cfg, now_ms, key, size, producer, sequence, TOMBSTONE)
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        cfg: &LogConfig,
        now_ms: u64,
        key: Option<KeyId>,
        size: u32,
        producer: u16,
        sequence: u32,
        flags: u16,
    ) -> u64 {
        let roll = match self.segments.back() {
            None => true,
            Some(s) => {
                s.records > 0
                    && (s.bytes + u64::from(size) > cfg.segment_bytes
                        || now_ms.saturating_sub(s.created_ms) >= cfg.segment_ms)
            }
        };
        if roll {
            self.segments.push_back(Segment {
                base_offset: self.log_end,
                bytes: 0,
                created_ms: now_ms,
                max_timestamp_ms: now_ms,
                records: 0,
            });
        }
        let offset = self.log_end;
        if let Some(seg) = self.segments.back_mut() {
            seg.bytes += u64::from(size);
            seg.records += 1;
            seg.max_timestamp_ms = seg.max_timestamp_ms.max(now_ms);
        }
        self.records.push_back(Record {
            offset,
            timestamp_ms: now_ms,
            key: key.unwrap_or(NULL_KEY),
            size,
            sequence,
            producer,
            flags,
        });
        self.log_end += 1;
        self.bytes += u64::from(size);
        offset
    }

    /// The first retained offset.
    ///
    /// ```
    /// assert_eq!(kplay_core::log::PartitionLog::default().log_start(), 0);
    /// ```
    pub fn log_start(&self) -> u64 {
        self.log_start
    }

    /// The next offset to be written (the high watermark: every append is committed at once here).
    ///
    /// ```
    /// assert_eq!(kplay_core::log::PartitionLog::default().log_end(), 0);
    /// ```
    pub fn log_end(&self) -> u64 {
        self.log_end
    }

    /// Retained bytes.
    ///
    /// ```
    /// assert_eq!(kplay_core::log::PartitionLog::default().size_bytes(), 0);
    /// ```
    pub fn size_bytes(&self) -> u64 {
        self.bytes
    }

    /// Number of segments (the last one is active).
    ///
    /// ```
    /// assert_eq!(kplay_core::log::PartitionLog::default().segment_count(), 0);
    /// ```
    pub fn segment_count(&self) -> usize {
        self.segments.len()
    }

    /// Retained records, oldest first (compaction leaves offset gaps).
    ///
    /// ```
    /// assert_eq!(kplay_core::log::PartitionLog::default().records().count(), 0);
    /// ```
    pub fn records(&self) -> impl DoubleEndedIterator<Item = &Record> + ExactSizeIterator {
        self.records.iter()
    }

    /// Retained records with offset ≥ `from`, oldest first (O(log n) to find the start).
    ///
    /// ```
    /// let mut log = kplay_core::log::PartitionLog::default();
    /// for i in 0..5 { log.append(&Default::default(), i, None, 1, 0, i as u32); }
    /// assert_eq!(log.records_from(3).next().unwrap().offset, 3);
    /// ```
    #[inline]
    pub fn records_from(&self, from: u64) -> impl Iterator<Item = &Record> {
        self.records.range(self.index_of(from)..)
    }

    /// Index of the first retained record with offset ≥ `from`. This runs on every fetch: without compaction's
    /// gaps it is a subtraction ([`records::Records::index_of`]).
    #[inline]
    pub(crate) fn index_of(&self, from: u64) -> usize {
        self.records.index_of(from)
    }

    /// Applies retention (delete topics) or one clean regardless of the dirty ratio, then retention if the
    /// policy is `compact,delete` (compacted topics) at `now_ms`, returning how many records went. Retention
    /// deletes only whole non-active segments, oldest first; when every segment is past retention the active one
    /// is rolled first, as Kafka does, so the log can become empty with log-start = log-end. As in Kafka,
    /// `cleanup.policy=compact` alone never deletes by time or size. The world's cleaner does not call this for
    /// compacted topics: it decides when to clean as Kafka's `LogCleanerManager` does ([`PartitionLog::dirty`]).
    ///
    /// ```
    /// use kplay_core::log::{LogConfig, PartitionLog};
    /// let cfg = LogConfig { retention_ms: 100, segment_bytes: 10, ..LogConfig::default() };
    /// let mut log = PartitionLog::default();
    /// for i in 0..4 { log.append(&cfg, i, None, 10, 0, i as u32); }
    /// assert_eq!(log.enforce_retention(&cfg, 1000), 4);
    /// assert_eq!((log.log_start(), log.log_end()), (4, 4));
    /// ```
    pub fn enforce_retention(&mut self, cfg: &LogConfig, now_ms: u64) -> u64 {
        if cfg.compact {
            let cleaned = self.clean(cfg, now_ms);
            return cleaned + self.delete_by_retention(cfg, now_ms);
        }
        self.delete_by_retention(cfg, now_ms)
    }

    /// Deletes segments past `retention.ms` / `retention.bytes` when the policy includes `delete`
    /// (`UnifiedLog.deleteOldSegments`); returns how many records went.
    pub(crate) fn delete_by_retention(&mut self, cfg: &LogConfig, now_ms: u64) -> u64 {
        if cfg.compact && !cfg.also_delete {
            return 0;
        }
        let mut removed = 0;
        if cfg.retention_ms >= 0 {
            let limit = cfg.retention_ms as u64;
            while let Some(seg) = self.segments.front().copied() {
                let empty_active = seg.records == 0 && self.segments.len() == 1;
                if empty_active || now_ms.saturating_sub(seg.max_timestamp_ms) <= limit {
                    break;
                }
                removed += self.delete_oldest_segment();
            }
        }
        if cfg.retention_bytes >= 0 {
            let limit = cfg.retention_bytes as u64;
            while let Some(seg) = self.segments.front().copied() {
                let empty_active = seg.records == 0 && self.segments.len() == 1;
                if empty_active || self.bytes < limit + seg.bytes {
                    break;
                }
                removed += self.delete_oldest_segment();
            }
        }
        removed
    }

    /// Records with an append time before `t_ms`: how many of the retained ones, and the offset just after the
    /// last of them (the log start when there are none), so deleting up to it never moves the start over a
    /// compacted log's gap that held nothing to delete.
    pub(crate) fn before_time(&self, t_ms: u64) -> (usize, u64) {
        let n = self.records.partition_point(|r| r.timestamp_ms < t_ms);
        let end = match n {
            0 => self.log_start,
            _ => self.records[n - 1].offset + 1,
        };
        (n, end)
    }

    /// Kafka's `DeleteRecords` (`UnifiedLog.maybeIncrementLogStartOffset`): the log start moves up to `offset`
    /// (at most the log end) and the records below it go; segments left with no records go too, the one the
    /// new start falls in stays with the rest. Returns how many records went.
    ///
    /// ```
    /// use kplay_core::log::{LogConfig, PartitionLog};
    /// let mut log = PartitionLog::default();
    /// for i in 0..5 { log.append(&LogConfig::default(), i, None, 10, 0, i as u32); }
    /// assert_eq!(log.delete_records_before(3), 3);
    /// assert_eq!((log.log_start(), log.log_end(), log.size_bytes()), (3, 5, 20));
    /// ```
    pub fn delete_records_before(&mut self, offset: u64) -> u64 {
        let offset = offset.min(self.log_end);
        if offset <= self.log_start {
            return 0;
        }
        let mut removed = 0;
        while let Some(r) = self.records.front().copied() {
            if r.offset >= offset {
                break;
            }
            self.records.pop_front();
            while self.segments.len() > 1 && self.segments[1].base_offset <= r.offset {
                self.segments.pop_front();
            }
            if let Some(seg) = self.segments.front_mut() {
                seg.records -= 1;
                seg.bytes -= u64::from(r.size);
            }
            self.bytes -= u64::from(r.size);
            removed += 1;
        }
        // Segments wholly below the new start (emptied above, or holding only gaps of a compacted log).
        while self.segments.len() > 1 && self.segments[1].base_offset <= offset {
            self.segments.pop_front();
        }
        // The segment the start fell in begins there now: the cleaner reads segments from their base offsets, and
        // what lies below the start is gone.
        if let Some(seg) = self.segments.front_mut() {
            seg.base_offset = seg.base_offset.max(offset);
        }
        self.forget_horizons_below(offset);
        self.log_start = offset;
        removed
    }

    /// Drops the delete horizons of offsets below `offset` (gone from the log). One first entry at a time rather
    /// than `split_off`: the tree's removal code is linked anyway, `split_off`'s would be extra wasm.
    fn forget_horizons_below(&mut self, offset: u64) {
        while let Some(first) = self.horizons.first_entry() {
            if *first.key() >= offset {
                break;
            }
            first.remove();
        }
    }

    fn delete_oldest_segment(&mut self) -> u64 {
        let Some(seg) = self.segments.pop_front() else {
            return 0;
        };
        let next_base = self
            .segments
            .front()
            .map_or(self.log_end, |s| s.base_offset);
        let mut removed = 0;
        while self.records.front().is_some_and(|r| r.offset < next_base) {
            if let Some(r) = self.records.pop_front() {
                self.bytes -= u64::from(r.size);
                removed += 1;
            }
        }
        debug_assert!(seg.base_offset <= next_base);
        self.forget_horizons_below(next_base);
        self.log_start = next_base;
        removed
    }
}

#[cfg(test)]
mod tests;
