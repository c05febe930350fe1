//! Range and roundrobin at Kafka's own scale-test size: 500 topics × 2,000 partitions, 2,000 members, every
//! member subscribed to every topic. Goal (DESIGN.md §5): ≤ 0.25 s each.
//!
//! `cargo bench -p kplay-core --bench assignors`

use criterion::{criterion_group, criterion_main, Criterion};
use kplay_core::assignor::{GroupSubscription, MemberSubscription, Strategy};
use std::hint::black_box;

fn big_group() -> GroupSubscription {
    let topics: Vec<(String, u32)> = (0..500).map(|t| (format!("topic-{t:03}"), 2000)).collect();
    let names: Vec<String> = topics.iter().map(|(t, _)| t.clone()).collect();
    let members = (0..2000).map(|m| {
        // Kafka-shaped member ids: clientId-UUID-like, not in sorted order.
        MemberSubscription::new(
            format!(
                "consumer-{}-{:08x}",
                m % 97,
                (m as u32).wrapping_mul(2_654_435_761)
            ),
            names.iter().cloned(),
        )
    });
    GroupSubscription::new(topics, members)
}

fn bench(c: &mut Criterion) {
    let group = big_group();
    let mut g = c.benchmark_group("assign_500x2000_2000_members");
    g.sample_size(10);
    for strategy in [Strategy::Range, Strategy::RoundRobin] {
        // The result (a million (String, Vec) entries) is dropped outside the timed region, as a JVM measurement
        // leaves garbage collection of the result out; the drop cost is reported separately below.
        g.bench_function(strategy.name(), |b| {
            b.iter_with_large_drop(|| strategy.assign(black_box(&group)))
        });
        g.bench_function(format!("{}_including_drop", strategy.name()), |b| {
            b.iter(|| strategy.assign(black_box(&group)).map(|a| a.members.len()))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
