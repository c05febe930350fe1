//! An unclean election cut a partition's log (feature `brokers`): what the group's consumers do then, as
//! Kafka's consumer does after it validates its positions with the new leader (KIP-320: OffsetsForLeaderEpoch,
//! `SubscriptionState.maybeCompleteValidation`). A position above the cut goes back to the cut, the first
//! offset known to diverge, not to `auto.offset.reset`; with `auto.offset.reset=none` the consumer gets a
//! `LogTruncationException` instead (here: a `log_truncation` warning, and the partition is not read). A
//! committed offset carries its leader epoch too, so one above the cut is validated the same way when a
//! consumer starts from it.

use super::commit::warn;
use super::{Ctx, GroupRt};
use crate::group::member::Tp;
use crate::scenario::OffsetReset;
use alloc::format;

/// The log of `tp` was cut at `cut`. Records above it that were fetched or queued and not processed yet are
/// discarded (the consumer seeks, which drops its fetched data of the partition), positions above it go back to
/// it, and a committed offset above it is marked to be validated when read.
pub(crate) fn truncated(g: &mut GroupRt, tp: Tp, cut: u64, ctx: &mut Ctx) {
    let above = |f: &super::Fetched| f.tp == tp && f.offset >= cut;
    for ii in 0..g.instances.len() {
        for ti in 0..g.instances[ii].threads.len() {
            let t = &mut g.instances[ii].threads[ti];
            t.batch.retain(|f| !above(f));
            t.worker.retain(|f| !above(f));
            if t.processed.get(&tp).is_some_and(|&p| p > cut) {
                t.processed.insert(tp, cut);
            }
            let Some(&pos) = t.positions.get(&tp) else {
                continue;
            };
            if pos <= cut {
                continue;
            }
            if g.spec.auto_offset_reset == OffsetReset::None {
                g.instances[ii].threads[ti].positions.remove(&tp);
                no_reset_policy(g, tp, pos, cut, ctx);
            } else {
                g.instances[ii].threads[ti].positions.insert(tp, cut);
            }
        }
    }
    if g.coord.committed.get(&tp).is_some_and(|&c| c > cut) {
        let d = g.diverged.entry_mut(tp, cut);
        *d = (*d).min(cut);
    }
    g.stats.forget_from(tp, cut);
}

/// The committed offset `committed` of `tp` as a consumer starting from it uses it: the cut when it was
/// committed above a cut made since (`None`, with a `log_truncation` warning, under `auto.offset.reset=none`).
pub(super) fn validate_committed(
    g: &mut GroupRt,
    tp: Tp,
    committed: u64,
    ctx: &mut Ctx,
) -> Option<u64> {
    match g.diverged.get(&tp).copied() {
        Some(cut) if committed > cut => {
            if g.spec.auto_offset_reset == OffsetReset::None {
                no_reset_policy(g, tp, committed, cut, ctx);
                return None;
            }
            Some(cut)
        }
        _ => Some(committed),
    }
}

/// A commit of `tp` after the cut carries the new leader epoch: nothing is left to validate.
pub(super) fn committed_again(g: &mut GroupRt, tp: Tp) {
    g.diverged.remove(&tp);
}

fn no_reset_policy(g: &GroupRt, tp: Tp, pos: u64, cut: u64, ctx: &mut Ctx) {
    let name = &ctx.topics[tp.0 as usize].spec.name;
    let msg = format!(
        "{name}-{}: log truncated at offset {cut} below the position {pos} (unclean election) and \
         auto.offset.reset=none: LogTruncationException, the partition is not read",
        tp.1
    );
    warn(g, ctx, "log_truncation", msg);
}
