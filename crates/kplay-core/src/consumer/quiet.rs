//! Processing due records when nothing is traced and no commit follows a single record: the engine's hottest
//! loop. It returns how many records it processed; the caller then does the commit bookkeeping that the
//! general path does after the last of them (`commit::after_records`).
//!
//! It does exactly what `poll::process_due` does in that case (same state changes, same random draws), but
//! splits the borrows up front and keeps references to the current partition's position and high watermark
//! across a run of records of one partition (fetches return such runs). The size-tuned wasm build inlines
//! neither `Vec` indexing nor map lookups, so doing them once per run instead of once per record matters.

use super::seen::Ranges;
use super::stats::Stats;
use super::GroupRt;
use super::{Instance, Thread};
use crate::group::member::Tp;
use crate::scenario::Processing;

pub(super) fn process_due(g: &mut GroupRt, i: usize, ti: usize, now: u64) -> u64 {
    let GroupRt {
        instances, stats, ..
    } = g;
    let Some(inst) = instances.get_mut(i) else {
        return 0;
    };
    let fixed_ms = inst.fixed_processing_time();
    let listener_slot = inst.listener_slot;
    let Instance {
        threads, rng, spec, ..
    } = inst;
    let Some(Thread {
        batch,
        processed,
        next_done_ms,
        ..
    }) = threads.get_mut(ti)
    else {
        return 0;
    };
    let Stats {
        processed_hw,
        processed: n_processed,
        duplicates,
        seen,
        ..
    } = stats;
    let Some(seen) = seen.get_mut(listener_slot) else {
        return 0;
    };
    let mut run: Option<(Tp, &mut u64, &mut u64, &mut Ranges)> = None;
    let mut done = 0;
    while *next_done_ms <= now {
        let Some(f) = batch.pop_front() else {
            return done;
        };
        done += 1;
        if !matches!(&run, Some((tp, ..)) if *tp == f.tp) {
            run = Some((
                f.tp,
                processed.entry_mut(f.tp, 0),
                processed_hw.entry_mut(f.tp, 0),
                seen.ranges(f.tp),
            ));
        }
        let Some((_, position, hw, ranges)) = &mut run else {
            return done;
        };
        // Stats::record, on the held high watermark.
        **position = f.offset + 1;
        *n_processed += 1;
        if f.offset < **hw {
            *duplicates += 1;
        } else {
            **hw = f.offset + 1;
        }
        ranges.insert(f.offset);
        if !batch.is_empty() {
            // Instance::processing_time.
            *next_done_ms += match (fixed_ms, spec.processing_ms) {
                (Some(ms), _) => ms,
                (None, Processing::Range { min, max }) => u64::from(rng.range_inclusive(min, max)),
                (None, Processing::Fixed(ms)) => u64::from(ms),
            };
        }
    }
    done
}
