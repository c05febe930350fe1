//! Issue 13's time-travel budget, engine side: 10 virtual minutes of the web's `bench` preset (64 partitions,
//! 3 groups × 2 instances × 4 threads, two keyed producers at 1,000 records/s, `retention.ms` 10 minutes) kept in
//! a `Timeline`, then jumps to moments spread over the run. Prints the checkpoints kept and the jump times;
//! run it under `/usr/bin/time -v` with and without the timeline (`--no-timeline`) for their memory:
//!
//! `cargo build --release -p kplay-core --example timeline_budget`
//! `/usr/bin/time -v target/release/examples/timeline_budget [EVERY_MS MAX_CHECKPOINTS] [--no-timeline]`

#[path = "../benches/support/timeline_run.rs"]
mod timeline_run;

use kplay_core::sim::World;
use std::time::Instant;
use timeline_run::{jump_moments, recorded_run, RUN_MS};

fn retained(w: &World) -> u64 {
    w.snapshot().topics[0]
        .partitions
        .iter()
        .map(|p| p.log_end - p.log_start)
        .sum()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let with_timeline = !args.iter().any(|a| a == "--no-timeline");
    let numbers: Vec<u64> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let every_ms = numbers.first().copied().unwrap_or(10_000);
    let max_checkpoints = numbers.get(1).copied().unwrap_or(16) as usize;

    let started = Instant::now();
    let (live, timeline) = recorded_run(every_ms, max_checkpoints, with_timeline);
    println!(
        "ran {RUN_MS} ms in {:.2} s; live world retains {} records",
        started.elapsed().as_secs_f64(),
        retained(&live)
    );
    if !with_timeline {
        return;
    }
    println!(
        "timeline: {} checkpoints every {} ms (asked every {every_ms} ms, at most {max_checkpoints})",
        timeline.checkpoint_count(),
        timeline.checkpoint_interval_ms()
    );
    let mut times = Vec::new();
    for t in jump_moments(timeline.checkpoint_interval_ms(), 97) {
        let start = Instant::now();
        let w = timeline.world_at(t);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(w.now_ms(), t);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "world_at over {} moments: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        times.len(),
        times[times.len() / 2],
        times[times.len() * 95 / 100],
        times[times.len() - 1]
    );
}
