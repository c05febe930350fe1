//! The world's memory guard: every retained record costs 32 bytes, and Kafka's default retention (7 days) keeps
//! them all, so a fast producer, or a run at 50× speed, would fill the browser tab's memory within minutes
//! (the `bench` preset's 2,000 records/s grow the log by 360 M records an hour at 50×). Past
//! [`MAX_RETAINED_RECORDS`] (counted once a virtual second, so at most one second of the rate cap beyond it) the
//! world does what an operator would do: it deletes every record appended before one moment, in every partition
//! that holds some (oldest first across partitions), as Kafka's `DeleteRecords` does (the log start moves up; a group
//! behind it resets its position by `auto.offset.reset`, as after retention), down to nine tenths of the limit,
//! and says so once with a `memory_limit` warning. Below the limit nothing changes.

use super::World;
use crate::event::EventKind;

/// The most records all partitions together keep: 128 MB of records. A world below it behaves exactly as Kafka.
///
/// ```
/// assert_eq!(kplay_core::sim::MAX_RETAINED_RECORDS, 4_000_000);
/// ```
pub const MAX_RETAINED_RECORDS: usize = 4_000_000;

/// How often (virtual ms) the guard counts the retained records.
pub(super) const MEMORY_CHECK_INTERVAL_MS: u64 = 1_000;

impl World {
    /// Counts the retained records and, past the limit, deletes the oldest ones (see the module docs).
    pub(super) fn guard_memory(&mut self, now: u64) {
        let logs = || {
            self.topics
                .iter()
                .filter(|t| !t.removed)
                .flat_map(|t| &t.logs)
        };
        let total: usize = logs().map(|l| l.records().len()).sum();
        if total <= MAX_RETAINED_RECORDS {
            return;
        }
        let excess = total - MAX_RETAINED_RECORDS / 10 * 9;
        // The earliest append time `t` such that deleting every record older than `t` frees enough: records are
        // in append-time order within each partition, so each count is a binary search.
        let older = |t: u64| -> usize { logs().map(|l| l.before_time(t).0).sum() };
        let (mut lo, mut hi) = (0u64, now + 1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if older(mid) >= excess {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        let mut removed = 0;
        for t in self.topics.iter_mut().filter(|t| !t.removed) {
            for log in &mut t.logs {
                let (older, offset) = log.before_time(lo);
                if older > 0 {
                    removed += log.delete_records_before(offset);
                }
            }
        }
        self.deleted += removed;
        if !self.memory_warned {
            self.memory_warned = true;
            self.events.push(
                now,
                EventKind::Warning {
                    code: "memory_limit".into(),
                    group: None,
                    message: alloc::format!(
                        "the partitions held more than {MAX_RETAINED_RECORDS} records, the most kplay keeps in \
                         memory: the records appended before {lo} ms ({removed} of them) were deleted early, as an \
                         admin's DeleteRecords would; from now on the oldest go whenever the limit is passed"
                    ),
                },
            );
        }
    }
}
