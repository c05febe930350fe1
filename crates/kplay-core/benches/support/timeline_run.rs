//! The time-travel measurements' run, shared by the native one (`examples/timeline_budget.rs`) and the wasm32 one
//! (`tests/wasm_timeline.rs`), so both measure the same thing: 10 virtual minutes of the `bench` preset kept in a
//! [`Timeline`], and the moments to jump to.

use kplay_core::scenario::bench_preset;
use kplay_core::sim::{TraceLevel, World};
use kplay_core::timeline::Timeline;

/// Virtual time the run covers (issue 13's budget: "a jump anywhere in 10 virtual minutes").
pub const RUN_MS: u64 = 600_000;

/// Runs the `bench` preset for [`RUN_MS`] in 100 ms frames, as the web steps it, handing each frame's events to
/// a timeline checkpointing every `every_ms` and keeping at most `max_checkpoints`; with `record` false the
/// timeline sees nothing (the live world alone, for memory comparisons).
pub fn recorded_run(every_ms: u64, max_checkpoints: usize, record: bool) -> (World, Timeline) {
    let mut live = World::new(&bench_preset(), 1).expect("the bench preset is valid");
    live.set_trace_level(TraceLevel::Off);
    let mut timeline = Timeline::new(&live, every_ms, max_checkpoints);
    while live.now_ms() < RUN_MS {
        live.step(100);
        let events = live.drain_events();
        if record {
            timeline.observe(&live, &events);
        }
    }
    (live, timeline)
}

/// Just before each checkpoint of a timeline checkpointing every `interval_ms` (the longest re-runs), and
/// `spread` moments evenly over the run.
pub fn jump_moments(interval_ms: u64, spread: u64) -> Vec<u64> {
    let mut moments: Vec<u64> = (1..=RUN_MS / interval_ms)
        .map(|k| k * interval_ms - 1)
        .collect();
    moments.extend((1..=spread).map(|k| k * RUN_MS / (spread + 1)));
    moments
}
