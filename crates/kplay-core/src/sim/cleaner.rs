//! The broker's log cleaner thread for compacted topics (Kafka's `LogCleaner.CleanerThread`).
//!
//! Each pass (`doWork`) cleans the filthiest cleanable log, if any (`LogCleanerManager.grabFilthiestCompactedLog`),
//! then applies retention to the `compact,delete` logs (`deletableLogs` → `deleteOldSegments`; the broker's
//! retention check skips compacted logs). A pass that cleaned something is followed at once by another; a pass
//! that found nothing sleeps `log.cleaner.backoff.ms`. A clean takes no virtual time here, so every cleanable
//! log is cleaned in the same millisecond, filthiest first, and the thread then sleeps. It first looks at 0 ms.

use super::World;
use crate::log::Dirty;
use crate::scenario::LOG_CLEANER_BACKOFF_MS;

impl World {
    pub(super) fn run_cleaner(&mut self, now: u64) {
        if now < self.next_clean_ms {
            return;
        }
        self.next_clean_ms = now + LOG_CLEANER_BACKOFF_MS;
        // Each pass cleans one log up to its first uncleanable offset, after which it has nothing cleanable
        // left this millisecond: at most one pass per log, plus the last one that finds nothing.
        loop {
            let mut filthiest: Option<(usize, usize, Dirty)> = None;
            for (ti, t) in self.topics.iter().enumerate() {
                if t.removed || !t.cfg.compact {
                    continue;
                }
                for (pi, log) in t.logs.iter().enumerate() {
                    let d = log.dirty(&t.cfg, now);
                    // Equal ratios keep the first log seen (Scala's `max` keeps the earlier of equals).
                    if d.cleanable(&t.cfg)
                        && filthiest
                            .as_ref()
                            .is_none_or(|(_, _, best)| d.filthier_than(best))
                    {
                        filthiest = Some((ti, pi, d));
                    }
                }
            }
            if let Some((ti, pi, _)) = filthiest {
                let t = &mut self.topics[ti];
                let cfg = t.cfg;
                self.deleted += t.logs[pi].clean(&cfg, now);
            }
            for t in self
                .topics
                .iter_mut()
                .filter(|t| !t.removed && t.cfg.compact)
            {
                let cfg = t.cfg;
                for log in &mut t.logs {
                    self.deleted += log.delete_by_retention(&cfg, now);
                }
            }
            if filthiest.is_none() {
                break;
            }
        }
    }
}
