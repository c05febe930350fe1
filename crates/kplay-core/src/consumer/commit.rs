//! Offset commits and starting positions (`auto.offset.reset`).

use super::Ctx;
use super::GroupRt;
use crate::event::EventKind;
use crate::group::member::{CommitError, Tp};
use crate::scenario::{AckMode, Client, CommitMode, OffsetReset};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

pub(super) fn warn(g: &GroupRt, ctx: &mut Ctx, code: &str, message: String) {
    ctx.ev.push(
        ctx.now,
        EventKind::Warning {
            code: code.into(),
            group: Some(g.spec.id.clone()),
            message,
        },
    );
}

/// OffsetCommit; failures (stale generation, unknown member) are reported, and the progress is lost.
pub(crate) fn commit(g: &mut GroupRt, i: usize, ti: usize, offsets: &[(Tp, u64)], ctx: &mut Ctx) {
    if offsets.is_empty() {
        return;
    }
    // Offsets of a deleted topic are dropped: the broker deleted them with the topic.
    let live = |o: &&(Tp, u64)| ctx.topics.get(o.0 .0 as usize).is_some_and(|t| !t.removed);
    let filtered: Vec<(Tp, u64)>;
    let offsets = if offsets.iter().all(|o| live(&o)) {
        offsets
    } else {
        filtered = offsets.iter().filter(live).copied().collect();
        &filtered[..]
    };
    #[cfg(feature = "brokers")]
    if !g.coordinator_available() {
        super::coordinator_wait::unavailable_commit(g, i, ti, offsets, ctx);
        return;
    }
    let t = &g.instances[i].threads[ti];
    // The client fails a commit itself when its member is not Stable (ConsumerCoordinator.sendOffsetCommitRequest
    // with AbstractCoordinator.generationIfStable): while it rebalances with RebalanceInProgressException,
    // after its generation was reset (kicked out, or removed) with CommitFailedException.
    let client_error = if t.poll_timed_out || t.removed || t.generation < 0 {
        Some("CommitFailedException (not part of an active group)")
    } else if t.phase == super::Phase::Joining {
        Some("RebalanceInProgressException (the member is rebalancing)")
    } else {
        None
    };
    if let Some(e) = client_error {
        let msg = format!(
            "commit by {} (generation {}) failed in the client: {e}",
            t.member_id, t.generation
        );
        warn(g, ctx, "commit_failed", msg);
        return;
    }
    match g.coord.commit(&t.member_id, t.generation, offsets) {
        Ok(changed) => {
            if ctx.ev.records_on() {
                for ((topic, partition), offset) in changed {
                    let kind = EventKind::Committed {
                        group: g.spec.id.clone(),
                        member: t.member_id.clone(),
                        topic: ctx.topics[topic as usize].spec.name.clone(),
                        partition,
                        offset,
                    };
                    ctx.ev.push(ctx.now, kind);
                }
            }
            #[cfg(feature = "brokers")]
            for &(tp, _) in offsets {
                super::truncate::committed_again(g, tp);
            }
        }
        Err(e) => {
            let msg = format!(
                "commit by {} (generation {}) failed: {}",
                t.member_id,
                t.generation,
                e.name()
            );
            warn(g, ctx, "commit_failed", msg);
            // The client learns it is out of date (OffsetCommitResponseHandler → resetStateOnResponseError):
            // ILLEGAL_GENERATION resets the generation and keeps the member id, UNKNOWN_MEMBER_ID resets both;
            // either way it rejoins, and a later onJoinPrepare finds no generation and gives its partitions up
            // as lost.
            let t = &mut g.instances[i].threads[ti];
            match e {
                CommitError::IllegalGeneration => {
                    t.generation = -1;
                    t.rejoin = true;
                }
                CommitError::UnknownMember => t.removed = true,
                CommitError::RebalanceInProgress => {}
            }
        }
    }
}

/// What follows the listener handling one record (its offset + 1 is `next`): a per-record commit (plain
/// `per_record`, Spring `RECORD`/`MANUAL_IMMEDIATE`: `ListenerConsumer.ackCurrent`), an ack queued for Spring's
/// container, or the plain client's `commitSync`/`commitAsync` once the poll's records are all done.
pub(super) fn after_record(g: &mut GroupRt, i: usize, ti: usize, tp: Tp, next: u64, ctx: &mut Ctx) {
    if g.spec.commit.per_record() {
        commit(g, i, ti, &[(tp, next)], ctx);
    } else {
        after_records(g, i, ti, 1, ctx);
    }
}

/// [`after_record`] for `n` records at once, none of them committed singly (the quiet path's bookkeeping).
pub(super) fn after_records(g: &mut GroupRt, i: usize, ti: usize, n: u64, ctx: &mut Ctx) {
    let c = g.spec.commit;
    let t = &mut g.instances[i].threads[ti];
    if c.container_acks() {
        t.acked += n;
        t.ack_pending = true;
    } else if c.client == Client::Kafka
        && matches!(c.mode, CommitMode::Sync | CommitMode::Async)
        && t.batch.is_empty()
    {
        let offsets = processed(g, i, ti);
        commit(g, i, ti, &offsets, ctx);
    }
}

fn processed(g: &GroupRt, i: usize, ti: usize) -> Vec<(Tp, u64)> {
    g.instances[i].threads[ti].processed.to_vec()
}

/// The plain client's auto-commit: the positions of everything poll returned so far, processed or not
/// (ConsumerCoordinator.maybeAutoCommitOffsets*, and onJoinPrepare's commit before a rejoin).
pub(super) fn commit_positions(g: &mut GroupRt, i: usize, ti: usize, ctx: &mut Ctx) {
    let offsets = g.instances[i].threads[ti].positions.to_vec();
    commit(g, i, ti, &offsets, ctx);
}

/// Spring's container before each poll (`ListenerConsumer.processCommits`, called from `pollAndInvoke`):
/// `BATCH` and `MANUAL` commit whatever was processed; `COUNT` once `count >= ackCount`; `TIME` once more than
/// `ackTime` passed since its last time-triggered commit; `COUNT_TIME` on either (`timedAcks` resets both).
/// Our poll loop polls every millisecond while idle, so a `TIME` commit comes as soon as `ackTime` is over.
pub(super) fn container_commits(g: &mut GroupRt, i: usize, ti: usize, ctx: &mut Ctx) {
    let c = g.spec.commit;
    let t = &mut g.instances[i].threads[ti];
    let count_mode = matches!(c.ack_mode, AckMode::Count | AckMode::CountTime);
    let count_exceeded = count_mode && t.acked >= u64::from(c.ack_count);
    if (c.ack_mode != AckMode::Time && !count_mode) || count_exceeded {
        t.acked = 0;
        commit_pending(g, i, ti, ctx);
    } else if ctx.now - t.last_ack_ms > u64::from(c.ack_time_ms) {
        t.last_ack_ms = ctx.now;
        if c.ack_mode == AckMode::CountTime {
            t.acked = 0;
        }
        commit_pending(g, i, ti, ctx);
    }
}

/// Spring's `commitIfNecessary`: commits the processed offsets if any are pending. Also what the container does
/// when partitions are revoked (`onPartitionsRevoked` → `commitPendingAcks`), whatever the ack mode.
pub(super) fn commit_pending(g: &mut GroupRt, i: usize, ti: usize, ctx: &mut Ctx) {
    let offsets = pending(g, i, ti);
    commit(g, i, ti, &offsets, ctx);
}

/// Takes the pending acks (empty unless Spring's container has processed records not committed yet).
pub(super) fn pending(g: &mut GroupRt, i: usize, ti: usize) -> Vec<(Tp, u64)> {
    if !core::mem::take(&mut g.instances[i].threads[ti].ack_pending) {
        return Vec::new();
    }
    processed(g, i, ti)
}

/// Start from the committed offset, or apply `auto.offset.reset` when there is none or it is out of range.
pub(super) fn init_position(g: &mut GroupRt, i: usize, ti: usize, tp: Tp, ctx: &mut Ctx) {
    let topics = ctx.topics;
    #[cfg(feature = "brokers")]
    g.instances[i].threads[ti]
        .awaiting_reset
        .retain(|&a| a != tp);
    let Some(log) = topics[tp.0 as usize].logs.get(tp.1 as usize) else {
        return; // deleted meanwhile
    };
    #[cfg_attr(not(feature = "brokers"), allow(unused_mut))]
    let mut committed = g.coord.committed.get(&tp).copied();
    // A committed offset above a cut made since goes back to the cut (KIP-320).
    #[cfg(feature = "brokers")]
    if let Some(c) = committed {
        match super::truncate::validate_committed(g, tp, c, ctx) {
            Some(v) => committed = Some(v),
            None => return,
        }
    }
    let pos = match committed {
        Some(c) if c >= log.log_start() && c <= log.log_end() => Some(c),
        #[cfg(feature = "brokers")]
        _ if !topics[tp.0 as usize].is_fetchable(tp.1) => {
            g.instances[i].threads[ti].awaiting_reset.push(tp);
            return;
        }
        _ => reset_position(g, tp, committed, ctx),
    };
    if let Some(p) = pos {
        g.instances[i].threads[ti].positions.insert(tp, p);
    }
}

/// `auto.offset.reset` for `tp`, whose position `from` (the committed offset, or the fetch position) is missing
/// (`None`) or outside the log (Kafka: SubscriptionState.requestOffsetReset after the fetch answers
/// OFFSET_OUT_OF_RANGE, then OffsetFetcher.resetPositionsIfNeeded). Reports what the jump skips (`skipped`):
/// records below log-start that `from` had not reached were deleted before the group read them; with `latest`
/// the retained records up to log-end are skipped by the reset. A start with no committed offset skips nothing
/// below log-start: records deleted before the group ever had a position there are not counted.
pub(super) fn reset_position(
    g: &mut GroupRt,
    tp: Tp,
    from: Option<u64>,
    ctx: &mut Ctx,
) -> Option<u64> {
    let log = ctx.topics[tp.0 as usize].logs.get(tp.1 as usize)?;
    let (start, end) = (log.log_start(), log.log_end());
    let to = match g.spec.auto_offset_reset {
        OffsetReset::Earliest => start,
        OffsetReset::Latest => end,
        OffsetReset::None => {
            let name = &ctx.topics[tp.0 as usize].spec.name;
            let msg = format!(
                "{name}-{}: no valid offset and auto.offset.reset=none",
                tp.1
            );
            warn(g, ctx, "offset_reset_none", msg);
            return None;
        }
    };
    if let Some(f) = from {
        skipped(g, tp, f, start, "deleted", ctx);
    }
    skipped(g, tp, from.unwrap_or(start).max(start), to, "reset", ctx);
    Some(to)
}

fn skipped(g: &mut GroupRt, tp: Tp, from: u64, to: u64, reason: &str, ctx: &mut Ctx) {
    for (from, to) in g.stats.skip(tp, from, to, reason == "deleted") {
        let kind = EventKind::Skipped {
            group: g.spec.id.clone(),
            topic: ctx.topics[tp.0 as usize].spec.name.clone(),
            partition: tp.1,
            from,
            to,
            reason: reason.into(),
        };
        ctx.ev.push(ctx.now, kind);
    }
}
