//! Processing handed to another thread (`InstanceSpec::handoff_queue`): the listener puts each record on a
//! bounded queue and returns at once, so the poll loop, auto-commit and Spring's container all treat the record
//! as done; one worker thread per consumer thread processes the queue in order.
//!
//! The queue holds at most `handoff_queue` records and a full queue blocks the hand-off (a blocking `put`, as
//! with an `ArrayBlockingQueue`), so the poll loop stops polling: memory stays bounded by the queue plus one
//! poll's records (`max.poll.records`), and a slow worker can make the thread miss `max.poll.interval.ms`.
//!
//! A crash (or stop) drops the queue. A dropped record whose offset the group already committed is never
//! processed by anyone: the next owner starts after it. Those records are counted in `Stats::handoff_lost`
//! and reported by a `handoff_lost` warning.

use super::commit::{after_record, warn};
use super::poll::processed;
use super::GroupRt;
use super::{Ctx, Fetched};
use crate::group::member::Tp;
use alloc::format;
use alloc::vec::Vec;

/// The worker processes due records, then the listener hands fetched records over while the queue has room.
pub(super) fn process_due(g: &mut GroupRt, i: usize, ti: usize, cap: usize, ctx: &mut Ctx) {
    loop {
        let t = &mut g.instances[i].threads[ti];
        if t.worker_done_ms > ctx.now {
            break;
        }
        let Some(f) = t.worker.pop_front() else {
            break;
        };
        let more = !t.worker.is_empty();
        processed(g, i, ti, f, ctx);
        if more {
            let ms = g.instances[i].processing_time();
            g.instances[i].threads[ti].worker_done_ms += ms;
        }
    }
    loop {
        let t = &mut g.instances[i].threads[ti];
        if t.worker.len() >= cap {
            return;
        }
        let Some(f) = t.batch.pop_front() else {
            return;
        };
        let idle = t.worker.is_empty();
        t.worker.push_back(f);
        let next = f.offset + 1;
        t.processed.insert(f.tp, next);
        if idle {
            let ms = g.instances[i].processing_time();
            g.instances[i].threads[ti].worker_done_ms = ctx.now + ms;
        }
        after_record(g, i, ti, f.tp, next, ctx);
    }
}

/// Drops the worker queues of instance `i` (thread `only`, or all), counting the records the group will never
/// process: already committed past, not processed before, and not waiting in another thread of the group.
pub(super) fn drop_queues(
    g: &mut GroupRt,
    i: usize,
    only: Option<usize>,
    why: &str,
    ctx: &mut Ctx,
) {
    let mut dropped: Vec<(Tp, u64)> = Vec::new();
    for (ti, t) in g.instances[i].threads.iter_mut().enumerate() {
        if only.is_none_or(|o| o == ti) {
            dropped.extend(t.worker.drain(..).map(|f: Fetched| (f.tp, f.offset)));
        }
    }
    if dropped.is_empty() {
        return;
    }
    // Each record once: a set by sorting, not a `BTreeSet` (a tree instance of its own in the wasm bundle).
    crate::sort::sort_by(&mut dropped, &mut |a, b| a.cmp(b));
    dropped.dedup();
    let elsewhere = |tp: Tp, o: u64| {
        g.instances.iter().enumerate().any(|(ii, inst)| {
            inst.is_running()
                && inst.threads.iter().enumerate().any(|(ti, t)| {
                    (ii != i || only.is_some_and(|x| x != ti))
                        && t.batch
                            .iter()
                            .chain(t.worker.iter())
                            .any(|f| f.tp == tp && f.offset == o)
                })
        })
    };
    let lost = dropped
        .iter()
        .filter(|&&(tp, o)| {
            g.coord.committed.get(&tp).is_some_and(|&c| c > o)
                && g.stats.processed_hw.get(&tp).is_none_or(|&hw| o >= hw)
                && !elsewhere(tp, o)
        })
        .count() as u64;
    if lost == 0 {
        return;
    }
    g.stats.handoff_lost += lost;
    let msg = format!(
        "{why} of {} dropped {lost} records handed to its worker thread whose offsets were already committed: \
         group {} will never process them",
        g.instances[i].spec.id, g.spec.id
    );
    warn(g, ctx, "handoff_lost", msg);
}
