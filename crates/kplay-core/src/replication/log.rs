//! One replica's log: records with the leader epoch they were written in, and the leader-epoch cache
//! (`storage/.../epoch/LeaderEpochFileCache.java`) that drives truncation.

use alloc::vec::Vec;

/// One record in a replica's log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Record {
    /// Offset in the partition.
    pub offset: u64,
    /// Leader epoch of the leader that appended it (the batch's `partitionLeaderEpoch`).
    pub epoch: u32,
    /// Producer id of the writer.
    pub producer_id: u64,
    /// Sequence number the producer gave it.
    pub sequence: u32,
    /// Sequence number of the first record of the batch (produce request) it was appended with.
    pub batch_sequence: u32,
    /// A leader acknowledged it to the producer (`acks=1` on append, `acks=all` once the high watermark passed it).
    pub acked: bool,
    /// A retry wrote it again: the same producer's record with this sequence was already in the leader's log
    /// (only without idempotence, whose leader answers such a retry without appending).
    pub duplicate: bool,
}

/// A replica's log plus its leader-epoch cache (`epoch -> start offset`).
///
/// It holds the records from its [`log_start`](Self::log_start) to its LEO: the model drops the records below a
/// point no replica, producer or reader can need any more ([`Replication::forget_below`]), as Kafka's log start
/// offset moves with retention. The epoch cache is kept whole (one entry per leader change).
///
/// [`Replication::forget_below`]: super::Replication::forget_below
///
/// ```
/// use kplay_core::replication::{Record, ReplicaLog};
/// let mut log = ReplicaLog::default();
/// log.assign_epoch(1, 0);
/// let record = |offset| Record {
///     offset,
///     epoch: 1,
///     producer_id: 7,
///     sequence: offset as u32,
///     batch_sequence: 0,
///     acked: false,
///     duplicate: false,
/// };
/// log.append(record(0));
/// log.assign_epoch(2, 1);
/// assert_eq!(log.end_offset_for(1), Some((1, 1)));
/// assert_eq!(log.end_offset_for(2), Some((2, 1)));
/// log.truncate_to(0);
/// assert_eq!(log.leo(), 0);
/// assert_eq!(log.latest_epoch(), None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReplicaLog {
    /// Offset of `records[0]` (the records below it were forgotten).
    start: u64,
    records: Vec<Record>,
    epochs: Vec<(u32, u64)>,
}

impl ReplicaLog {
    /// Log end offset (LEO): the offset the next record gets.
    pub fn leo(&self) -> u64 {
        self.start + self.records.len() as u64
    }

    /// Offset of the first retained record (0 until the model forgets records; the LEO when it forgot them all).
    pub fn log_start(&self) -> u64 {
        self.start
    }

    /// The retained records, the first at [`log_start`](Self::log_start) (not offset 0 once records were
    /// forgotten): index `i` holds offset `log_start() + i`.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The retained records from `offset` on. Below the log start that is all of them, which begin at
    /// [`log_start`](Self::log_start), not at `offset` (the records there are forgotten): read each record's own
    /// `offset`. Past the LEO it is none. Never panics, in any build.
    pub fn records_from(&self, offset: u64) -> &[Record] {
        // Saturating on both ends: an offset below the start clamps to the first record, one past the end (or
        // beyond what `usize` holds) to none.
        let i = Self::index(offset.saturating_sub(self.start)).min(self.records.len());
        &self.records[i..]
    }

    /// Mutable access to one record (`None` below the log start or at/after the LEO).
    pub(crate) fn record_mut(&mut self, offset: u64) -> Option<&mut Record> {
        let i = offset.checked_sub(self.start)?;
        self.records.get_mut(usize::try_from(i).ok()?)
    }

    /// The record at `offset` (`None` below the log start or at/after the LEO).
    pub fn get(&self, offset: u64) -> Option<&Record> {
        let i = offset.checked_sub(self.start)?;
        self.records.get(usize::try_from(i).ok()?)
    }

    /// Position in `records` of a distance from the start (saturating: offsets beyond memory are past the end).
    fn index(distance: u64) -> usize {
        usize::try_from(distance).unwrap_or(usize::MAX)
    }

    /// Drops the records below `offset` (at most up to the LEO); the log start becomes `offset`. The caller
    /// ([`Replication::forget_below`](super::Replication::forget_below)) decides what is safe to drop. One
    /// drain moves the retained tail once, so calling it every few thousand records keeps it amortised O(1).
    pub(crate) fn forget_below(&mut self, offset: u64) {
        let offset = offset.min(self.leo());
        if offset <= self.start {
            return;
        }
        let n = Self::index(offset - self.start);
        self.records.drain(..n);
        self.start = offset;
    }

    /// Largest epoch in the cache.
    pub fn latest_epoch(&self) -> Option<u32> {
        self.epochs.last().map(|e| e.0)
    }

    /// `LeaderEpochFileCache.assign`: record that `epoch` starts at `start` if it is newer than the latest.
    pub fn assign_epoch(&mut self, epoch: u32, start: u64) {
        if self.latest_epoch().is_none_or(|l| epoch > l) {
            self.epochs.push((epoch, start));
        }
    }

    /// Appends a record at the log end (its offset must be the LEO); a follower also learns its epoch.
    pub fn append(&mut self, record: Record) {
        debug_assert_eq!(record.offset, self.leo());
        self.assign_epoch(record.epoch, record.offset);
        self.records.push(record);
    }

    /// `LeaderEpochFileCache.endOffsetFor(requested, leo)`: the largest epoch `<= requested` and the start offset
    /// of the first epoch after `requested` (the LEO when `requested` is the latest). `None` = undefined.
    pub fn end_offset_for(&self, requested: u32) -> Option<(u32, u64)> {
        let latest = self.latest_epoch()?;
        if latest == requested {
            return Some((requested, self.leo()));
        }
        let higher = self.epochs.iter().find(|e| e.0 > requested)?;
        match self.epochs.iter().rev().find(|e| e.0 <= requested) {
            Some(floor) => Some((floor.0, higher.1)),
            None => Some((requested, higher.1)),
        }
    }

    /// Removes every record at `offset` and above, and the epochs starting there
    /// (`LeaderEpochFileCache.truncateFromEnd`). Returns the removed records (the retained ones: forgotten
    /// records are gone already). Afterwards the LEO is `offset` whenever `offset` was at most the LEO.
    ///
    /// Below the log start (never expected, checked in debug builds) the whole log goes and it starts again at
    /// `offset`, as Kafka's `UnifiedLog.truncateTo` does then (`truncateFullyAndStartAt`, and
    /// `logStartOffset = min(target, logStartOffset)`), so the LEO still says what the log holds.
    pub fn truncate_to(&mut self, offset: u64) -> Vec<Record> {
        // Truncation follows divergence from the leader, which `forget_below` never lets reach forgotten records.
        debug_assert!(offset >= self.start, "truncation below the log start");
        self.truncate_from_end(offset)
    }

    /// `truncate_to` without the debug check: what release builds run for any `offset`.
    fn truncate_from_end(&mut self, offset: u64) -> Vec<Record> {
        let keep = Self::index(offset.saturating_sub(self.start)).min(self.records.len());
        self.epochs.retain(|e| e.1 < offset);
        let removed = self.records.split_off(keep);
        // Without this a cut below the start would leave the LEO at the old start: the log would claim offsets
        // `offset..start` it no longer has, and a follower would fetch from past them.
        self.start = self.start.min(offset);
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::{Record, ReplicaLog};
    use alloc::vec::Vec;

    /// Offsets 0..10 in epoch 1 and 5..10 in epoch 2, with 0..5 forgotten: the log starts at 5.
    fn forgotten_below_5() -> ReplicaLog {
        let mut log = ReplicaLog::default();
        for offset in 0..10 {
            let epoch = if offset < 5 { 1 } else { 2 };
            log.append(Record {
                offset,
                epoch,
                producer_id: 1,
                sequence: offset as u32,
                batch_sequence: offset as u32,
                acked: true,
                duplicate: false,
            });
        }
        log.forget_below(5);
        assert_eq!((log.log_start(), log.leo()), (5, 10));
        log
    }

    fn offsets(records: &[Record]) -> Vec<u64> {
        records.iter().map(|r| r.offset).collect()
    }

    /// Below the start, `records_from` gives the retained records, each at its own offset (never the forgotten
    /// ones, never a panic); past the LEO, none.
    #[test]
    fn records_from_below_the_start_gives_the_retained_records_at_their_offsets() {
        let log = forgotten_below_5();
        assert_eq!(offsets(log.records_from(2)), [5, 6, 7, 8, 9]);
        assert_eq!(offsets(log.records_from(7)), [7, 8, 9]);
        assert!(log.records_from(10).is_empty());
        assert!(log.records_from(u64::MAX).is_empty());
    }

    /// What a release build does with a cut below the start (`truncate_to`'s debug check aside, which test
    /// builds keep, so the check-free body is called): everything retained goes, the log starts again at the
    /// cut and its LEO is the cut, and the epochs from the cut on go. Before the start was moved down, the LEO
    /// stayed at 5 here.
    #[test]
    fn a_cut_below_the_start_empties_the_log_and_starts_it_at_the_cut() {
        let mut log = forgotten_below_5();
        let removed = log.truncate_from_end(3);
        assert_eq!(offsets(&removed), [5, 6, 7, 8, 9]);
        assert!(log.records().is_empty());
        assert_eq!((log.log_start(), log.leo()), (3, 3));
        assert_eq!(log.latest_epoch(), Some(1));
        assert!(log.records_from(0).is_empty());
        // It grows again from the cut.
        log.append(Record {
            offset: 3,
            epoch: 3,
            producer_id: 1,
            sequence: 3,
            batch_sequence: 3,
            acked: false,
            duplicate: false,
        });
        assert_eq!(offsets(log.records_from(0)), [3]);
    }

    /// At or above the start the check-free body is the old `truncate_to`: the start stays.
    #[test]
    fn a_cut_at_or_above_the_start_keeps_the_start() {
        let mut log = forgotten_below_5();
        assert_eq!(offsets(&log.truncate_to(8)), [8, 9]);
        assert_eq!((log.log_start(), log.leo()), (5, 8));
        assert_eq!(offsets(&log.truncate_to(5)), [5, 6, 7]);
        assert_eq!((log.log_start(), log.leo()), (5, 5));
        assert_eq!(log.latest_epoch(), Some(1));
    }

    /// Debug builds still stop at a cut below the start: it means `forget_below` dropped too much.
    #[cfg(debug_assertions)]
    #[test]
    #[should_panic(expected = "truncation below the log start")]
    fn debug_builds_refuse_a_cut_below_the_start() {
        let _ = forgotten_below_5().truncate_to(3);
    }
}
