//! Forgetting the records no one can need any more, so a long run's replica logs stay bounded (Kafka's log
//! start offset moves with retention; the model has no retention of its own and follows its caller's reader).

use super::log::ReplicaLog;
use super::model::Replication;

impl Replication {
    /// Drops, in every replica of `partition`, the records below `offset` that nothing can need; returns the
    /// new log start (the same in every replica). The point actually used is the lowest of:
    ///
    /// - `offset` (the caller's readers are past it: the world passes its consumers' log end);
    /// - every assigned replica's LEO, crashed ones included: a returning follower fetches from its LEO, which
    ///   must still be in the leader's log;
    /// - for each replica, the end of the prefix it shares with the leader (same offsets, same epochs: by the
    ///   log-matching property the records are then the same): a replica truncates only where it diverges, so
    ///   elections, `diverging_records` and truncation never look below the point;
    /// - the offset of the first record of a batch a producer sent and has no answer for: its retry must find
    ///   the earlier copy (idempotent de-duplication, or the duplicate flag without idempotence).
    ///
    /// Nothing happens without a leader (no reference log). Records at and above the point are untouched.
    pub fn forget_below(&mut self, partition: usize, offset: u64) -> u64 {
        let pending = self.unanswered_batches(partition);
        let Some(p) = self.parts.get_mut(partition) else {
            return 0;
        };
        let start = p.logs.first().map_or(0, ReplicaLog::log_start);
        let Some(leader) = p.leader else {
            return start;
        };
        let lead = &p.logs[leader];
        let mut point = p.logs.iter().map(ReplicaLog::leo).fold(offset, u64::min);
        for log in &p.logs {
            point = point.min(shared_prefix_end(log, lead, point));
        }
        if pending.iter().any(Option::is_some) {
            let held = lead
                .records_from(start)
                .iter()
                .take_while(|r| r.offset < point);
            let mut held = held.filter(|r| {
                let i = usize::try_from(r.producer_id.saturating_sub(1)).unwrap_or(usize::MAX);
                pending
                    .get(i)
                    .copied()
                    .flatten()
                    .is_some_and(|s| r.sequence >= s)
            });
            if let Some(r) = held.next() {
                point = r.offset;
            }
        }
        if point > start {
            for log in &mut p.logs {
                log.forget_below(point);
            }
        }
        point.max(start)
    }

    /// The log start of `partition`'s replicas (0 for an unknown partition).
    pub fn log_start(&self, partition: usize) -> u64 {
        self.parts
            .get(partition)
            .and_then(|p| p.logs.first())
            .map_or(0, ReplicaLog::log_start)
    }
}

/// The largest `m <= limit` such that `a` and `b` hold the same records below `m` (from their common start):
/// a binary search, since agreeing at one offset means agreeing below it (log matching).
fn shared_prefix_end(a: &ReplicaLog, b: &ReplicaLog, limit: u64) -> u64 {
    let start = a.log_start();
    let same = |m: u64| {
        m == start
            || matches!((a.get(m - 1), b.get(m - 1)), (Some(x), Some(y)) if x.epoch == y.epoch)
    };
    let (mut lo, mut hi) = (start, limit.max(start));
    if same(hi) {
        return hi;
    }
    // Invariant: same(lo), !same(hi).
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if same(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}
