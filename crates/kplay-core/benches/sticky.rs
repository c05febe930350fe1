//! Kafka's own sticky-assignor scale tests as criterion benchmarks (numbers in docs/benchmarks/sticky.md).
//!
//! `cargo bench -p kplay-core --bench sticky`

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use kplay_core::assignor::Strategy;

#[path = "support/sticky_groups.rs"]
mod sticky_groups;
use sticky_groups::{non_equal, one_left, uniform};

fn bench(c: &mut Criterion) {
    let cases = [
        ("1m-uniform", uniform(500, 2_000, 2_000)),
        ("100x200-500-non-equal", non_equal(100, 200, 500)),
    ];
    for (label, fresh) in &cases {
        let mut group = c.benchmark_group(*label);
        group.sample_size(10);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(4));
        for strategy in [Strategy::Sticky, Strategy::CooperativeSticky] {
            let first = strategy.assign(fresh).expect("valid group");
            let next = one_left(fresh, &first);
            drop(first);
            group.bench_function(format!("{}/fresh", strategy.name()), |b| {
                b.iter_with_large_drop(|| strategy.assign(black_box(fresh)).expect("valid group"))
            });
            group.bench_function(format!("{}/one-left", strategy.name()), |b| {
                b.iter_with_large_drop(|| strategy.assign(black_box(&next)).expect("valid group"))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
