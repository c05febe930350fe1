//! Offset commits and starting positions (`auto.offset.reset`).

use super::Ctx;
use crate::group::member::Tp;
use crate::group::GroupRt;
use crate::scenario::OffsetReset;
use crate::sim::EventKind;
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
        }
        Err(e) => {
            let msg = format!(
                "commit by {} (generation {}) failed: {}",
                t.member_id,
                t.generation,
                e.name()
            );
            warn(g, ctx, "commit_failed", msg);
        }
    }
}

/// Start from the committed offset, or apply `auto.offset.reset` when there is none or it is out of range.
pub(super) fn init_position(g: &mut GroupRt, i: usize, ti: usize, tp: Tp, ctx: &mut Ctx) {
    let Some(log) = ctx.topics[tp.0 as usize].logs.get(tp.1 as usize) else {
        return; // deleted meanwhile
    };
    let committed = g.coord.committed.get(&tp).copied();
    let pos = match committed {
        Some(c) if c >= log.log_start() && c <= log.log_end() => Some(c),
        _ => reset_position(g, tp, ctx),
    };
    if let Some(p) = pos {
        g.instances[i].threads[ti].positions.insert(tp, p);
    }
}

pub(super) fn reset_position(g: &GroupRt, tp: Tp, ctx: &mut Ctx) -> Option<u64> {
    let log = ctx.topics[tp.0 as usize].logs.get(tp.1 as usize)?;
    match g.spec.auto_offset_reset {
        OffsetReset::Earliest => Some(log.log_start()),
        OffsetReset::Latest => Some(log.log_end()),
        OffsetReset::None => {
            let name = &ctx.topics[tp.0 as usize].spec.name;
            let msg = format!(
                "{name}-{}: no valid offset and auto.offset.reset=none",
                tp.1
            );
            warn(g, ctx, "offset_reset_none", msg);
            None
        }
    }
}
