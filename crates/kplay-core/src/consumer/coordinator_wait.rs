//! A consumer whose group coordinator is unavailable (feature `brokers`: the broker leading the group's
//! `__consumer_offsets` partition crashed and no new leader is elected yet), and what it does once the group is
//! loaded by the new coordinator.
//!
//! While the coordinator is unknown (`AbstractCoordinator.coordinatorUnknown`): the heartbeat thread only looks
//! it up again (no heartbeat, and no poll-timeout check: `HeartbeatThread.run` tests `coordinatorUnknown()`
//! first); `ConsumerCoordinator.poll` returns early from `ensureCoordinatorReady`, so no JoinGroup, no rejoin and
//! no auto-commit, while fetching goes on for the partitions the member holds; `commitSync` retries
//! (`commitOffsetsSync`: `ensureCoordinatorReady`, backoff, again) until its timer, `default.api.timeout.ms`,
//! expires; `commitAsync` fails with `RetriableCommitFailedException` once the coordinator lookup fails; and
//! `maybeLeaveGroup` sends no LeaveGroup.

use super::commit::{commit, warn};
use super::{Ctx, GroupRt, Phase};
use crate::group::member::Tp;
use crate::scenario::{Client, CommitMode};
use alloc::format;
use alloc::vec::Vec;

/// `default.api.timeout.ms` (60000): how long `commitSync()` without a timeout retries (also Spring's
/// `syncCommitTimeout`, which defaults to it).
pub(crate) const DEFAULT_API_TIMEOUT_MS: u64 = 60_000;

/// Whether this group commits with `commitSync` (plain `sync` and `per_record`, and Spring's container, whose
/// `syncCommits` is true); auto-commit and `async` use `commitAsync`.
fn commits_sync(g: &GroupRt) -> bool {
    let c = g.spec.commit;
    c.client == Client::Spring || matches!(c.mode, CommitMode::Sync | CommitMode::PerRecord)
}

/// A commit while the coordinator is unavailable: `commitSync` blocks the thread (it retries until the
/// coordinator is back or `default.api.timeout.ms` passed); `commitAsync` fails at once.
pub(super) fn unavailable_commit(
    g: &mut GroupRt,
    i: usize,
    ti: usize,
    offsets: &[(Tp, u64)],
    ctx: &mut Ctx,
) {
    if commits_sync(g) {
        let t = &mut g.instances[i].threads[ti];
        t.commit_wait = Some((ctx.now + DEFAULT_API_TIMEOUT_MS, offsets.to_vec()));
        return;
    }
    let t = &g.instances[i].threads[ti];
    let msg = format!(
        "commit by {} (generation {}) failed: RetriableCommitFailedException (coordinator not available)",
        t.member_id, t.generation
    );
    warn(g, ctx, "commit_failed", msg);
}

/// A thread blocked in `commitSync`: commits once the coordinator is back (then runs on this millisecond) or
/// gives up with `TimeoutException` at the deadline. Returns whether it is still blocked.
pub(super) fn still_blocked(g: &mut GroupRt, i: usize, ti: usize, ctx: &mut Ctx) -> bool {
    let Some((deadline, _)) = &g.instances[i].threads[ti].commit_wait else {
        return false;
    };
    let deadline = *deadline;
    if !g.coordinator_available() && ctx.now < deadline {
        return true;
    }
    let Some((_, offsets)) = g.instances[i].threads[ti].commit_wait.take() else {
        return false;
    };
    if g.coordinator_available() {
        commit(g, i, ti, &offsets, ctx);
    } else {
        let t = &g.instances[i].threads[ti];
        let msg = format!(
            "commitSync by {} (generation {}) failed: TimeoutException (no coordinator within default.api.timeout.ms, {DEFAULT_API_TIMEOUT_MS} ms)",
            t.member_id, t.generation
        );
        warn(g, ctx, "commit_failed", msg);
    }
    // The listener's next record starts now, not when the blocked one was due: its processing time counts from
    // the end of the wait (process_due skipped advancing it when the commit blocked).
    if !g.instances[i].threads[ti].batch.is_empty() {
        let ms = g.instances[i].processing_time();
        g.instances[i].threads[ti].next_done_ms = ctx.now + ms;
    }
    false
}

/// A new coordinator loaded the group at `ctx.now` (`Home::load`): the JoinGroup requests pending at the old
/// one failed with its connection and are sent again, with what the members owned then.
pub(crate) fn loaded(g: &mut GroupRt, ctx: &mut Ctx) {
    let Some(home) = &g.home else { return };
    let fresh = home.load(&g.coord, ctx.now);
    let old = core::mem::replace(&mut g.coord, fresh);
    let mut joining: Vec<(usize, usize)> = Vec::new();
    for (i, inst) in g.instances.iter().enumerate() {
        if !inst.is_running() {
            continue;
        }
        for (ti, t) in inst.threads.iter().enumerate() {
            if t.phase == Phase::Joining && !t.removed && !t.poll_timed_out {
                joining.push((i, ti));
            }
        }
    }
    for (i, ti) in joining {
        let t = &g.instances[i].threads[ti];
        let (owned, generation) = old
            .member(&t.member_id)
            .map_or((t.assigned.clone(), t.generation), |m| {
                (m.owned.clone(), m.owned_generation)
            });
        super::membership::join(g, i, ti, owned, generation, ctx);
    }
}

/// Whether a sync commit blocked this thread.
#[inline]
pub(super) fn blocked(g: &GroupRt, i: usize, ti: usize) -> bool {
    g.instances[i].threads[ti].commit_wait.is_some()
}
