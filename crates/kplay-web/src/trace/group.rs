//! Per-group numbers derived from the trace: the group's own produce and consume rates (for the time-to-clear
//! line) and warnings that end when the group recovers.

use super::{Sample, Trace};
use kplay_core::sim::Snapshot;

impl Trace {
    /// One group's produce and consume rates (records per virtual second) over the last `window` samples:
    /// records appended to the topics the group reads, and records it processed for the first time. Neither is
    /// negative (a deleted topic lowers the appended sum; that counts as zero). `None` before two samples exist
    /// or when the group is not in both.
    pub fn group_rates(&self, group: &str, window: usize) -> Option<(f64, f64)> {
        let n = self.samples.len();
        if n < 2 {
            return None;
        }
        let (a, b) = (
            &self.samples[n.saturating_sub(window + 1)],
            &self.samples[n - 1],
        );
        let at = |s: &Sample| {
            s.group_progress
                .iter()
                .find(|(id, _, _)| id == group)
                .map(|(_, appended, processed)| (*appended, *processed))
        };
        let ((pa, ca), (pb, cb)) = (at(a)?, at(b)?);
        let dt = b.t_ms.saturating_sub(a.t_ms).max(1) as f64 / 1000.0;
        Some((
            pb.saturating_sub(pa) as f64 / dt,
            cb.saturating_sub(ca) as f64 / dt,
        ))
    }

    /// Drops a group's `poll_timeout` warning once the group is back: a rebalance completed (the kicked-out
    /// member rejoined, as `AbstractCoordinator.ensureActiveGroup` does on its next poll) and none of its
    /// instances is still slow. A group still slow keeps it; a new timeout raises it again.
    pub fn clear_recovered(&mut self, snap: &Snapshot) {
        for group in std::mem::take(&mut self.settled) {
            let slow = snap.groups.iter().find(|g| g.id == group).is_some_and(|g| {
                g.instances
                    .iter()
                    .any(|i| i.status == kplay_core::sim::InstanceStatus::Slow)
            });
            if !slow {
                self.warnings.retain(|(code, g, _)| {
                    !(code == "poll_timeout" && g.as_deref() == Some(group.as_str()))
                });
            }
        }
    }
}
