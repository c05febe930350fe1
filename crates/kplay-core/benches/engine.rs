//! Engine throughput: records through produce → poll → process → commit on 64 partitions, 3 groups,
//! 24 consumer threads (2 instances × 4 threads per group), no trace recording.
//!
//! `cargo bench -p kplay-core --bench engine`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kplay_core::sim::{TraceLevel, World};
use std::time::{Duration, Instant};

#[path = "support/engine_scenario.rs"]
mod engine_scenario;
use engine_scenario::{scenario, RATE, STEP_MS};

fn warmed(keyed: bool) -> World {
    let mut w = World::new(&scenario(keyed), 1).expect("valid");
    w.set_trace_level(TraceLevel::Off);
    w.run_until(3_000);
    w
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("engine");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    // Each produced record is then fetched, processed and committed by all three groups.
    group.throughput(Throughput::Elements(u64::from(RATE) * STEP_MS / 1000));
    for (name, keyed) in [("64p_3g_24t_null_keys", false), ("64p_3g_24t_keyed", true)] {
        let mut w = warmed(keyed);
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let start = Instant::now();
                for _ in 0..iters {
                    w.step(STEP_MS);
                }
                start.elapsed()
            })
        });
        let snap = w.snapshot();
        assert!(
            snap.totals.processed >= 3 * snap.totals.produced / 2,
            "consumers keep up"
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
