//! Time travel compiled to wasm32 and run in Node: how long `Timeline::world_at` takes in the engine the web
//! ships, for issue 13's "a jump anywhere in 10 virtual minutes of `bench` renders in ≤ 100 ms". The native
//! numbers come from `examples/timeline_budget.rs` (docs/benchmarks/engine.md, "Time travel"). It only prints;
//! it asserts nothing about speed (speed goals live in benches), only that each jump lands where it was asked:
//!
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!  cargo test -p kplay-core --release --target wasm32-unknown-unknown --test wasm_timeline -- --nocapture`
//!
//! Native builds compile this file to nothing.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{console_log, wasm_bindgen_test};

#[path = "../benches/support/timeline_run.rs"]
mod timeline_run;
use timeline_run::{jump_moments, recorded_run};

#[wasm_bindgen_test]
fn timeline_jumps_in_node() {
    // (every ms, at most): the settings docs/benchmarks/engine.md compares for the web.
    for (every_ms, max_checkpoints) in [(5_000, 64), (2_500, 128)] {
        measure(every_ms, max_checkpoints);
    }
}

fn measure(every_ms: u64, max_checkpoints: usize) {
    let (_, timeline) = recorded_run(every_ms, max_checkpoints, true);
    let interval = timeline.checkpoint_interval_ms();
    let mut times = Vec::new();
    for t in jump_moments(interval, 47) {
        let start = js_sys::Date::now();
        let w = timeline.world_at(t);
        times.push(js_sys::Date::now() - start);
        assert_eq!(w.now_ms(), t);
    }
    times.sort_by(f64::total_cmp);
    console_log!(
        "wasm32 timeline (asked every {every_ms} ms, at most {max_checkpoints}): {} checkpoints every {interval} ms; \
         world_at over {} moments: p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms",
        timeline.checkpoint_count(),
        times.len(),
        times[times.len() / 2],
        times[times.len() * 95 / 100],
        times[times.len() - 1]
    );
}
