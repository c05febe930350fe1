//! Runs the engine benchmark's world for a while with the trace off: a target for profilers (`perf record`)
//! under any profile, e.g. the size-tuned `release` one the web app ships.
//!
//! `cargo run --release -p kplay-core --example engine_run -- 20000 keyed [WARMUP_MS]`

#[path = "../benches/support/engine_scenario.rs"]
mod engine_scenario;

use kplay_core::sim::{TraceLevel, World};

fn main() {
    let mut args = std::env::args().skip(1);
    let ms: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let keyed = args.next().is_some_and(|a| a == "keyed");
    let warm_up: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(3_000);
    let mut w = World::new(&engine_scenario::scenario(keyed), 1).expect("valid");
    w.set_trace_level(TraceLevel::Off);
    w.run_until(warm_up);
    let before = w.snapshot().totals.produced;
    let start = std::time::Instant::now();
    for _ in 0..ms / engine_scenario::STEP_MS {
        w.step(engine_scenario::STEP_MS);
    }
    let secs = start.elapsed().as_secs_f64();
    let produced = w.snapshot().totals.produced - before;
    println!(
        "{produced} records in {:.0} ms = {:.2} M records/s",
        secs * 1e3,
        produced as f64 / secs / 1e6
    );
}
