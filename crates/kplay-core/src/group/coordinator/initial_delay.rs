//! The windows of `group.initial.rebalance.delay.ms` (GroupMetadataManager.tryCompleteInitialRebalanceElseSchedule,
//! formerly the broker's InitialDelayedJoin).

use crate::scenario::GroupSpec;

/// One window: it ends at `until`; `delay_ms` is its length and `remaining_ms` what is left of the rebalance
/// timeout for further windows.
#[derive(Clone, Copy, Debug)]
pub(super) struct InitialWindow {
    pub until: u64,
    delay_ms: u64,
    remaining_ms: u64,
}

impl InitialWindow {
    /// The first window, opened when a member joins an Empty group (GroupMetadataManager.prepareRebalance):
    /// the configured delay, with `rebalance timeout - delay` left.
    pub fn first(now: u64, spec: &GroupSpec) -> Self {
        let delay = u64::from(spec.initial_rebalance_delay_ms);
        InitialWindow {
            until: now + delay,
            delay_ms: delay,
            remaining_ms: u64::from(spec.max_poll_interval_ms).saturating_sub(delay),
        }
    }

    /// When this window ends and a member was added during it: the next window, `min(delay, remaining)` long,
    /// leaving `max(remaining - this window's length, 0)`; `None` when no time remains.
    pub fn next(self, now: u64, spec: &GroupSpec) -> Option<Self> {
        (self.remaining_ms != 0).then(|| {
            let delay = u64::from(spec.initial_rebalance_delay_ms).min(self.remaining_ms);
            InitialWindow {
                until: now + delay,
                delay_ms: delay,
                remaining_ms: self.remaining_ms.saturating_sub(self.delay_ms),
            }
        })
    }
}
